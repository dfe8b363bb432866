//! The model → scoring conversion: the only place that knows both the data model
//! (`award.yaml`, bids, the decision) and the pure evaluation of [`super::scoring`].

use std::path::Path;

use rust_decimal::Decimal;

use super::scoring::{self, BidInput, BidStatus, ScoringError};
use crate::error::Diagnostic;
use crate::model::award::{AwardRules, BasisKind, CriterionKind, LinearZero, PriceMethod};
use crate::model::bids::{Bid, Decision, Status};

/// The award rules and price lines as [`super::scoring`] takes them, converted from
/// `award.yaml`.
pub struct ScoringRules {
    pub lines: Vec<scoring::PriceLine>,
    pub rules: scoring::Rules,
}

/// `price.method` as the scoring takes it.
pub(crate) fn scoring_method(method: PriceMethod) -> scoring::PriceMethod {
    match method {
        PriceMethod::Relative => scoring::PriceMethod::Relative,
        PriceMethod::Linear(LinearZero::ZeroAtPrice(p)) => {
            scoring::PriceMethod::Linear(scoring::ZeroAt::Price(p))
        }
        PriceMethod::Linear(LinearZero::ZeroAtPercent(p)) => {
            scoring::PriceMethod::Linear(scoring::ZeroAt::PercentAbove(p))
        }
    }
}

/// Converts `award.yaml` into the scoring's rules: each price line with the volume it counts
/// with in the total tender price (yearly volume × evaluation years, once, or the stated
/// total; zero for lines outside the total), the award basis and price method, the scored
/// quality criteria with their maximum points, the scale, the decimals and the tie-break
/// criteria. Problems name `award_file`.
pub(crate) fn scoring_rules(
    award: &AwardRules,
    award_file: &Path,
) -> std::result::Result<ScoringRules, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut lines = Vec::new();
    for (i, line) in award.price.lines.iter().enumerate() {
        let in_total = award.line_in_total(line);
        let volume = award.evaluated_volume(line);
        if in_total && volume.is_none() {
            problems.push(Diagnostic::new(
                award_file,
                format!("price.lines.{i}.volume"),
                format!(
                    "price line {} counts towards the total price but has no volume",
                    line.id
                ),
            ));
        }
        lines.push(scoring::PriceLine {
            id: line.id.clone(),
            component: line
                .component
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            in_total,
            volume: volume.unwrap_or(Decimal::ZERO),
            zero_allowed: line.zero_allowed,
        });
    }
    let basis = match award.basis.kind {
        BasisKind::Points => scoring::Basis::Points(scoring_method(award.price.method)),
        BasisKind::LowestPrice => scoring::Basis::LowestPrice,
        BasisKind::Value { euros_per_point } => scoring::Basis::Value { euros_per_point },
    };
    let mut tie_break = Vec::new();
    for (i, id) in award.tie_break.criteria.iter().enumerate() {
        let kind = match award.criteria.iter().find(|c| &c.id == id) {
            Some(c) if c.kind == CriterionKind::Price => scoring::TieKind::Price,
            Some(c) => scoring::TieKind::Quality(
                award.scored_criteria_of(c).map(|s| s.id.clone()).collect(),
            ),
            None => match award.quality_criterion(id) {
                Some(s) => scoring::TieKind::Quality(vec![s.id.clone()]),
                None => {
                    problems.push(Diagnostic::new(
                        award_file,
                        format!("tie_break.criteria.{i}"),
                        format!("no criterion `{id}`"),
                    ));
                    continue;
                }
            },
        };
        tie_break.push(scoring::TieCriterion {
            id: id.clone(),
            kind,
        });
    }
    let rules = scoring::Rules {
        basis,
        price_max_points: award.price_max_points(),
        price_decimals: award.price.decimals.value(),
        quality_decimals: award.quality.decimals.value(),
        tie_break,
        criteria: award
            .quality_criteria()
            .map(|s| scoring::Criterion {
                id: s.id.clone(),
                max_points: s.points,
            })
            .collect(),
        scale: award.scale_scores(),
        scale_max: award.scale_max(),
    };
    if problems.is_empty() {
        Ok(ScoringRules { lines, rules })
    } else {
        Err(problems)
    }
}

/// A bid as the scoring takes it.
pub(crate) fn scoring_bid(bid: &Bid) -> BidInput {
    BidInput {
        id: bid.id.clone(),
        status: match bid.status {
            Status::Valid => BidStatus::Valid,
            Status::Excluded => BidStatus::Excluded,
        },
        rates: bid.rates.clone(),
        scores: bid
            .quality
            .iter()
            .map(|(id, a)| (id.clone(), a.score))
            .collect(),
    }
}

/// A scoring error as a diagnostic naming the file and field it comes from (the bid's file,
/// `decision.yaml` for ties and the lottery, `award.yaml` for the rules).
pub(crate) fn scoring_diagnostic(
    err: &ScoringError,
    bids: &[Bid],
    decision: Option<&Decision>,
    data_dir: &Path,
) -> Diagnostic {
    let bid_file = |id: &str| {
        bids.iter()
            .find(|b| b.id == id)
            .map(|b| b.file.clone())
            .unwrap_or_else(|| data_dir.join("bids"))
    };
    let decision_file = decision
        .map(|d| d.file.clone())
        .unwrap_or_else(|| data_dir.join("decision.yaml"));
    match err {
        ScoringError::InvalidRules { problem } => {
            Diagnostic::new(data_dir.join("award.yaml"), "", problem.clone())
        }
        ScoringError::DuplicateBidder { bidder } => Diagnostic::new(
            bid_file(bidder),
            "id",
            format!("more than one bid with id `{bidder}`"),
        ),
        ScoringError::MissingRate { bidder, line } => Diagnostic::new(
            bid_file(bidder),
            format!("rates.{line}"),
            format!(
                "no rate for price line {line} (an incomplete price form makes the bid invalid)"
            ),
        ),
        ScoringError::NegativeRate { bidder, line, rate } => Diagnostic::new(
            bid_file(bidder),
            format!("rates.{line}"),
            format!("rate {rate} is negative, which is not allowed"),
        ),
        ScoringError::ZeroRate {
            bidder,
            line,
            component,
        } => Diagnostic::new(
            bid_file(bidder),
            format!("rates.{line}"),
            format!("a zero rate is not allowed in component {component}"),
        ),
        ScoringError::UnknownPriceLine { bidder, line } => Diagnostic::new(
            bid_file(bidder),
            format!("rates.{line}"),
            format!("no price line `{line}` on the price form"),
        ),
        ScoringError::ZeroTotalPrice { bidder } => Diagnostic::new(
            bid_file(bidder),
            "rates",
            "the total price is zero, so price points cannot be computed",
        ),
        ScoringError::ScoreNotOnScale {
            bidder,
            criterion,
            score,
            scale,
        } => Diagnostic::new(
            bid_file(bidder),
            format!("quality.{criterion}.score"),
            format!(
                "score {score} is not on the scale {}",
                scale
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        ScoringError::MissingScore { bidder, criterion } => Diagnostic::new(
            bid_file(bidder),
            format!("quality.{criterion}.score"),
            format!("no score for {criterion} (a valid bid is scored on every sub-criterion)"),
        ),
        ScoringError::UnknownCriterion { bidder, criterion } => Diagnostic::new(
            bid_file(bidder),
            format!("quality.{criterion}"),
            format!("no quality sub-criterion `{criterion}` in award.yaml"),
        ),
        ScoringError::UnresolvedTie { bidders } => Diagnostic::new(
            &decision_file,
            "lottery",
            format!(
                "bidders {} are tied for first place, also on the tie-break criteria; record the lottery \
                 (`lottery: {{date, order}}`, section 2.7) to decide",
                bidders.join(", ")
            ),
        ),
        ScoringError::LotteryDuplicate { bidder } => Diagnostic::new(
            &decision_file,
            "lottery.order",
            format!("bidder `{bidder}` is drawn more than once"),
        ),
        ScoringError::LotteryUnknownBidder { bidder } => Diagnostic::new(
            &decision_file,
            "lottery.order",
            format!("no bid with id `{bidder}`"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::bundled::{award, bids, data, dec};
    use std::collections::BTreeMap;

    /// award.yaml's lines become scoring lines with the evaluated volumes: A1 24 h per 4 weeks
    /// × 13 × 4 years = 1248, A2 12 × 13 × 4 = 624, A3 yearly × 4 = 4, B1 once = 1, C lines 0.
    #[test]
    fn award_rules_convert_to_scoring_input() {
        let s = scoring_rules(&award(), Path::new("award.yaml")).unwrap();
        let vol: Vec<(&str, Decimal, bool)> = s
            .lines
            .iter()
            .map(|l| (l.id.as_str(), l.volume, l.zero_allowed))
            .collect();
        assert_eq!(
            &vol[..4],
            &[
                ("A1", dec("1248"), false),
                ("A2", dec("624"), false),
                ("A3", dec("4"), false),
                ("B1", dec("1"), true)
            ]
        );
        assert_eq!(
            (s.lines[0].component.as_str(), s.lines[0].in_total),
            ("A", true)
        );
        assert_eq!(
            (s.lines[3].component.as_str(), s.lines[3].in_total),
            ("B", true)
        );
        assert!(
            s.lines[4..].iter().all(|l| l.component == "C"
                && !l.in_total
                && l.volume.is_zero()
                && !l.zero_allowed)
        );
        assert_eq!(s.rules.price_max_points, dec("25"));
        assert_eq!(
            s.rules
                .criteria
                .iter()
                .map(|c| (c.id.as_str(), c.max_points))
                .collect::<Vec<_>>(),
            [
                ("G2.1", dec("20")),
                ("G2.2", dec("20")),
                ("G2.3", dec("35"))
            ]
        );
        assert_eq!(s.rules.scale, [0, 2, 6, 8, 10]);
        assert_eq!(s.rules.scale_max, 10);
    }

    /// The basis, method, decimals and tie-break criteria come from award.yaml; an unknown
    /// tie-break criterion and a counted line without volume are refused, naming the field.
    #[test]
    fn rules_from_data_and_refusals() {
        let s = scoring_rules(&award(), Path::new("award.yaml")).unwrap();
        assert_eq!(
            s.rules.basis,
            scoring::Basis::Points(scoring::PriceMethod::Relative)
        );
        assert_eq!((s.rules.price_decimals, s.rules.quality_decimals), (2, 2));
        assert_eq!(
            s.rules.tie_break,
            [scoring::TieCriterion {
                id: "G2".into(),
                kind: scoring::TieKind::Quality(vec!["G2.1".into(), "G2.2".into(), "G2.3".into()])
            }]
        );
        let mut award = award();
        award.price.decimals = crate::model::requirements::Count(3);
        award.price.method = PriceMethod::Linear(LinearZero::ZeroAtPercent(dec("50")));
        award.tie_break.criteria = vec!["G1".into(), "G2.3".into()];
        let s = scoring_rules(&award, Path::new("award.yaml")).unwrap();
        assert_eq!(s.rules.price_decimals, 3);
        assert_eq!(
            s.rules.basis,
            scoring::Basis::Points(scoring::PriceMethod::Linear(scoring::ZeroAt::PercentAbove(
                dec("50")
            )))
        );
        assert_eq!(s.rules.tie_break[0].kind, scoring::TieKind::Price);
        assert_eq!(
            s.rules.tie_break[1].kind,
            scoring::TieKind::Quality(vec!["G2.3".into()])
        );
        award.tie_break.criteria = vec!["G9".into()];
        award.price.lines[0].volume = None;
        let errs = scoring_rules(&award, Path::new("award.yaml"))
            .err()
            .unwrap();
        let fields: Vec<&str> = errs.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["price.lines.0.volume", "tie_break.criteria.0"]);
    }

    #[test]
    fn bid_converts_to_scoring_input() {
        let bids = bids();
        let bid = bids.iter().find(|b| b.id == "arbo-noord").unwrap();
        let input = scoring_bid(bid);
        assert_eq!(input.id, "arbo-noord");
        assert_eq!(input.status, BidStatus::Valid);
        assert_eq!(input.rates["A1"], dec("138.00"));
        assert_eq!(input.rates.len(), 12);
        assert_eq!(
            input.scores,
            BTreeMap::from([("G2.1".into(), 8), ("G2.2".into(), 10), ("G2.3".into(), 8)])
        );
        let excluded = bids.iter().find(|b| b.id == "arboveilig").unwrap();
        assert_eq!(scoring_bid(excluded).status, BidStatus::Excluded);
        assert!(scoring_bid(excluded).scores.is_empty());
    }

    /// Scoring errors point at the bid's file and field, which locating turns into its line.
    #[test]
    fn scoring_errors_map_to_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b1.yaml");
        std::fs::write(
            &file,
            "id: b1\nrates:\n  A1: \"0\"\nquality:\n  G2.1:\n    score: 7\n",
        )
        .unwrap();
        let bid: Bid = serde_yaml::from_str(
            "id: b1\nname: B\naddress: [x]\ncontact: {name: n, email: e}\nstatus: valid\n",
        )
        .unwrap();
        let bids = vec![Bid {
            file: file.clone(),
            ..bid
        }];
        let map = |e: ScoringError| {
            let mut d = [scoring_diagnostic(&e, &bids, None, dir.path())];
            crate::model::locate::fill(&mut d);
            d.into_iter().next().unwrap()
        };
        let d = map(ScoringError::ScoreNotOnScale {
            bidder: "b1".into(),
            criterion: "G2.1".into(),
            score: 7,
            scale: vec![0, 2, 6, 8, 10],
        });
        assert_eq!(
            (d.file.as_path(), d.line, d.column, d.field.as_str()),
            (file.as_path(), Some(6), Some(5), "quality.G2.1.score")
        );
        assert_eq!(d.message, "score 7 is not on the scale 0, 2, 6, 8, 10");
        let d = map(ScoringError::ZeroRate {
            bidder: "b1".into(),
            line: "A1".into(),
            component: "A".into(),
        });
        assert_eq!((d.line, d.field.as_str()), (Some(3), "rates.A1"));
        let d = map(ScoringError::MissingRate {
            bidder: "b1".into(),
            line: "A2".into(),
        });
        assert_eq!((d.line, d.field.as_str()), (Some(2), "rates.A2"));
        let d = map(ScoringError::UnresolvedTie {
            bidders: vec!["b1".into(), "b2".into()],
        });
        assert_eq!(d.file, dir.path().join("decision.yaml"));
        assert!(d.message.contains("b1, b2"), "{}", d.message);
    }

    /// A directly scored quality criterion (G3, no sub-criteria) is scored under its own id,
    /// counts towards the quality total and breaks a tie by its id; the bids here differ only
    /// on G3.
    #[test]
    fn a_directly_scored_criterion_is_scored_by_its_own_id() {
        let text = std::fs::read_to_string(data().join("award.yaml")).unwrap();
        let g23 = text.find("      - id: G2.3\n").unwrap();
        let price = text.find("\n# 5.2 Price.").unwrap();
        let presentation = text.find("# G2.3: the presentation and its case.").unwrap();
        let text = format!(
            "{}  - id: G3\n    title: Referentieproject\n    kind: quality\n    points: \"35\"\n    \
             form: other\n    form_description: een referentieproject\n    intent: Vergelijkbaar werk.\n{}",
            &text[..g23],
            &text[price..presentation]
        )
        .replace("  criteria: [G2]", "  criteria: [G3]");
        let tender_text = std::fs::read_to_string(data().join("tender.yaml"))
            .unwrap()
            .replace(
                "  - name: Presentatie\n    kind: presentation\n    date: 2026-08-24\n    until: 2026-08-25\n",
                "",
            );
        let tender: crate::model::tender::Tender =
            crate::model::load::parse_yaml(Path::new("tender.yaml"), &tender_text).unwrap();
        let mut award: AwardRules =
            crate::model::load::parse_yaml(Path::new("award.yaml"), &text).unwrap();
        let mut out = Vec::new();
        award.link(
            &tender,
            Path::new("award.yaml"),
            Path::new("tender.yaml"),
            &mut out,
        );
        award.validate(Path::new("award.yaml"), &mut out);
        assert!(out.is_empty(), "{out:#?}");

        let s = scoring_rules(&award, Path::new("award.yaml")).unwrap();
        let criteria: Vec<(&str, Decimal)> = s
            .rules
            .criteria
            .iter()
            .map(|c| (c.id.as_str(), c.max_points))
            .collect();
        assert_eq!(
            criteria,
            [("G2.1", dec("20")), ("G2.2", dec("20")), ("G3", dec("35"))]
        );
        assert_eq!(
            s.rules.tie_break,
            [scoring::TieCriterion {
                id: "G3".into(),
                kind: scoring::TieKind::Quality(vec!["G3".into()])
            }]
        );

        let rates: BTreeMap<String, Decimal> =
            s.lines.iter().map(|l| (l.id.clone(), dec("100"))).collect();
        let bid = |id: &str, g3: u32| BidInput {
            id: id.into(),
            status: BidStatus::Valid,
            rates: rates.clone(),
            scores: BTreeMap::from([("G2.1".into(), 8), ("G2.2".into(), 6), ("G3".into(), g3)]),
        };
        let e = scoring::evaluate(&s.lines, &s.rules, &[bid("a", 6), bid("b", 8)], None).unwrap();
        // Equal prices (25 points each); quality 16 + 12 + G3: 6/10 × 35 = 21, 8/10 × 35 = 28.
        let ranked: Vec<(&str, Decimal, Decimal)> = e
            .ranking
            .iter()
            .map(|r| (r.id.as_str(), r.quality_points, r.total_points))
            .collect();
        assert_eq!(
            ranked,
            [("b", dec("56"), dec("81")), ("a", dec("49"), dec("74"))]
        );
        let g3 = &e.ranking[0].criteria[2];
        assert_eq!((g3.id.as_str(), g3.score, g3.points), ("G3", 8, dec("28")));
        // A score on a sub-criterion id that no longer exists is refused.
        let mut wrong = bid("c", 8);
        wrong.scores.insert("G2.3".into(), 8);
        assert!(scoring::evaluate(&s.lines, &s.rules, &[wrong], None).is_err());
    }
}
