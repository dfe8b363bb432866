//! The award evaluation over the model: points, ranking, winner, standstill and the checks
//! that need them. One implementation of every rule, used by validation, the imports and the
//! documents: [`scoring`] holds the pure rules, [`convert`] maps the data model onto them.

#[cfg(test)]
mod bundled;
pub(crate) mod convert;
pub mod lots;
pub mod per_lot;
pub mod scoring;

use std::path::Path;

use rust_decimal::Decimal;

use crate::calendar::{self, Holidays, Standstill};
use crate::error::{Diagnostic, Result};
use crate::model::Project;
use crate::model::award::AwardRules;
use crate::model::bids::{Bid, Decision, Status};
use convert::{scoring_bid, scoring_diagnostic, scoring_rules};
use scoring::{BidInput, Evaluation};

/// Everything the award letters, the report and `evaluation.json` are built from.
#[derive(Clone)]
pub struct Outcome {
    pub evaluation: Evaluation,
    /// The standstill period (art. 2.127 Aw 2012) with the Atw applied.
    pub standstill: Standstill,
    /// Possibly abnormally low total prices (warnings, not exclusions).
    pub abnormally_low: Vec<scoring::AbnormallyLow>,
}

/// Evaluates the bids of `project` under `decision`: points, ranking, winner, standstill.
/// Data errors (a score off the scale, a zero rate, a tie for first place without lottery, a
/// recorded winner that is not the computed one) come back as [`Error::Data`] naming files,
/// lines and fields.
pub(crate) fn evaluate(project: &Project, decision: &Decision) -> Result<Outcome> {
    if project.tender.divided() {
        // A divided tender has no single outcome: each lot has its own (`per_lot`, called by
        // the build), so reaching here is a caller's mistake, not a data problem.
        return Err(crate::error::Error::Usage(
            "a tender divided into lots is evaluated per lot (evaluation::per_lot::evaluate_lots)"
                .into(),
        ));
    }
    evaluate_parts(
        &project.award,
        &project.bids,
        decision,
        &project.dir,
        project.tender.rules.standstill_days,
    )
    .map_err(crate::model::locate::located)
}

/// One offered rate under the scoring's rules for its price line: given, not negative, zero
/// only where the line allows it. The check [`scoring::total_price`] makes of every line of a
/// bid, for one line on its own (the price-form import reports the problem of every rate).
pub(crate) fn check_rate(
    line: &scoring::PriceLine,
    rate: Option<Decimal>,
) -> std::result::Result<Decimal, scoring::ScoringError> {
    let rates = rate.map(|r| (line.id.clone(), r)).into_iter().collect();
    scoring::total_price("", std::slice::from_ref(line), &rates)?;
    // A missing rate was refused above.
    Ok(rate.unwrap_or_default())
}

fn evaluate_parts(
    award: &AwardRules,
    bids: &[Bid],
    decision: &Decision,
    dir: &Path,
    standstill_days: u32,
) -> std::result::Result<Outcome, Vec<Diagnostic>> {
    let converted = scoring_rules(award, &dir.join("award.yaml"))?;
    let inputs: Vec<BidInput> = bids.iter().map(scoring_bid).collect();
    let lottery = decision.lottery.as_ref().map(|l| l.order.as_slice());
    let evaluation = scoring::evaluate(&converted.lines, &converted.rules, &inputs, lottery)
        .map_err(|e| vec![scoring_diagnostic(&e, bids, Some(decision), dir)])?;
    match (&decision.winner, &evaluation.winner) {
        (Some(claimed), Some(computed)) if claimed != computed => {
            return Err(vec![Diagnostic::new(
                &decision.file,
                "winner",
                format!("the evaluation ranks `{computed}` first, not `{claimed}`"),
            )]);
        }
        (Some(claimed), None) => {
            return Err(vec![Diagnostic::new(
                &decision.file,
                "winner",
                format!("no bid is valid, so there is no winner; remove `winner: {claimed}`"),
            )]);
        }
        _ => {}
    }
    let holidays = Holidays::new(&decision.decree_days);
    let standstill = calendar::standstill(decision.sent_on, standstill_days, &holidays);
    let abnormally_low = scoring::abnormally_low(&evaluation, decision.abnormally_low_percent);
    Ok(Outcome {
        evaluation,
        standstill,
        abnormally_low,
    })
}

/// The checks that need the evaluation: each valid bid's prices and scores under the scoring's
/// own rules (each bid on its own, so that every bid's first problem is reported), and with a
/// decision the whole evaluation (ties, the recorded winner, abnormally low prices). The whole
/// evaluation runs only when `bids_ok`: the model found nothing wrong in the bids and decision.
pub(crate) fn validate(project: &Project, bids_ok: bool, out: &mut Vec<Diagnostic>) {
    if project.tender.divided() {
        per_lot::validate(project, bids_ok, out);
        return;
    }
    let award = &project.award;
    let bids = &project.bids;
    let decision = project.decision.as_ref();
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    // Prices and scores of each valid bid, with the scoring's own checks, each bid on its own so
    // that every bid's first problem is reported (not only the first bid's).
    let converted = if bids.is_empty() {
        None
    } else {
        match scoring_rules(award, &project.dir.join("award.yaml")) {
            Err(ds) => {
                out.extend(ds);
                None
            }
            Ok(c) => Some(c),
        }
    };
    if let Some(converted) = &converted {
        for bid in bids.iter().filter(|b| b.status == Status::Valid) {
            if let Err(e) = scoring::evaluate(
                &converted.lines,
                &converted.rules,
                &[scoring_bid(bid)],
                None,
            ) {
                out.push(scoring_diagnostic(&e, bids, decision, &project.dir));
            }
        }
    }

    let Some(d) = decision else { return };
    let file = &d.file;
    // The whole evaluation, once every bid is fine on its own.
    if bids_ok
        && converted.is_some()
        && out.iter().filter(|d| d.is_error()).count() == errors_before
    {
        match evaluate_parts(
            award,
            bids,
            d,
            &project.dir,
            project.tender.rules.standstill_days,
        ) {
            Err(ds) => out.extend(ds),
            Ok(outcome) => {
                for w in &outcome.abnormally_low {
                    let file = bids
                        .iter()
                        .find(|b| b.id == w.bidder)
                        .map(|b| b.file.clone())
                        .unwrap_or_default();
                    out.push(Diagnostic::warning(
                        file,
                        "rates",
                        format!(
                            "the total price {} is {}% below the average {} of the valid bids (threshold {}%): \
                             possibly abnormally low, ask the bidder (art. 2.116 Aw 2012); the bid is not excluded",
                            crate::format::money(w.total_price),
                            crate::format::points(w.percent_below),
                            crate::format::money(w.average),
                            crate::format::number(w.threshold_percent),
                        ),
                    ));
                }
                if outcome.evaluation.winner.is_none() {
                    out.push(Diagnostic::warning(
                        file,
                        "",
                        "no bid is valid: there is no winner; the award letters are exclusion letters only",
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::bundled::{award, bids, data, dec, tender};
    use crate::model::bids::load_decision;
    use chrono::NaiveDate;

    /// The bundled bids: Vitaal & Werk and Arbo Noord both have 89.00 points; the quality total
    /// (67.00 against 64.00) decides. The standstill of the seed's planning ends 29 September.
    #[test]
    fn bundled_evaluation() {
        let tender = tender();
        let decision = load_decision(&data()).unwrap().unwrap();
        let o = evaluate_parts(
            &award(),
            &bids(),
            &decision,
            &data(),
            tender.rules.standstill_days,
        )
        .unwrap();
        let e = &o.evaluation;
        let ids: Vec<&str> = e.ranking.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "vitaal-en-werk",
                "arbo-noord",
                "arbogroep-t-zandt",
                "werkfit",
                "duurzaam-inzetbaar"
            ]
        );
        assert_eq!(e.ranking[0].total_points, dec("89.00"));
        assert_eq!(e.ranking[1].total_points, dec("89.00"));
        assert_eq!(
            (e.ranking[0].quality_points, e.ranking[1].quality_points),
            (dec("67.00"), dec("64.00"))
        );
        assert_eq!(e.ranking[0].tie_break, scoring::TieBreak::Criteria);
        assert_eq!(e.winner.as_deref(), Some("vitaal-en-werk"));
        assert_eq!(
            o.standstill.end,
            NaiveDate::from_ymd_opt(2026, 9, 29).unwrap()
        );
        assert!(o.abnormally_low.is_empty());
    }
}
