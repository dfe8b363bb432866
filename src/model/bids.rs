//! `data/bids/<bidder-id>.yaml` (one file per bid received) and `data/decision.yaml` (the award
//! decision: when it is sent, who signs it, the recorded lottery), and the one place where the
//! model is converted into the pure award evaluation of [`crate::scoring`].
//!
//! A bid holds the facts the award letters need: who the bidder is and where the letter goes,
//! whether the bid is still in the procedure (or was excluded, at which stage and why), the rates
//! per line of the price form (`rates:`, written by `gen prices import`), and per quality
//! sub-criterion the committee's consensus score with its reasons. Points, ranks and the winner
//! are never stored: [`evaluate`] computes them every time.
//!
//! Semantic errors name the bid's file, the line of the offending key (found by scanning the
//! YAML text, see [`locate`]) and the field (`quality.G2.1.score`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Project;
use super::award::{AwardRules, ComponentId, CriterionKind, TieFinal};
use super::load;
use crate::calendar::{self, Holidays, Standstill};
use crate::error::{Diagnostic, Error, Result};
use crate::scoring::{self, BidInput, BidStatus, Evaluation, ScoringError};

/// One bid, as `data/bids/<id>.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bid {
    /// The bidder's id; must equal the file name without `.yaml` (e.g. `arbo-noord`). Used in
    /// file names of the letters and in `decision.yaml`'s lottery.
    pub id: String,
    /// Legal name as in the trade register, e.g. `Vitaal & Werk B.V.`.
    pub name: String,
    /// Postal address lines of the letter's addressee block.
    pub address: Vec<String>,
    /// The bidder's contact person for this tender (the letter is addressed to them).
    pub contact: Contact,
    /// `valid` (assessed on the award criteria) or `excluded` (then `exclusion` says why).
    pub status: Status,
    /// Stage and reason of an exclusion; only with `status: excluded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusion: Option<Exclusion>,
    /// Offered rate per price-form line id (`A1: "142.50"`), as decimal strings. Written by
    /// `gen prices import`; keep it a top-level map.
    #[serde(default)]
    pub rates: BTreeMap<String, Decimal>,
    /// Per quality sub-criterion id (`G2.1`): the consensus score and its reasons.
    #[serde(default)]
    pub quality: BTreeMap<String, Assessment>,
    /// The file the bid was read from (set by [`load_bids`]).
    #[serde(skip)]
    pub file: PathBuf,
}

/// The bidder's contact person.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Full name as in the addressee block, e.g. `Jan de Vries`.
    pub name: String,
    /// How the salutation addresses them after "Geachte", e.g. `heer De Vries`,
    /// `mevrouw Bakker`. Without it the letter writes `heer/mevrouw <name>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salutation: Option<String>,
    pub email: String,
}

impl Contact {
    /// The words after "Geachte": `heer De Vries`, or `heer/mevrouw Jan de Vries`.
    pub fn salutation(&self) -> String {
        match &self.salutation {
            Some(s) => s.clone(),
            None => format!("heer/mevrouw {}", self.name),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Valid,
    Excluded,
}

/// Why a bid was excluded before the award criteria (steps 1-3 of section 2.7).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub stage: Stage,
    /// The reason, as the letter states it (full sentences).
    pub reason: String,
}

/// The step of the assessment procedure (section 2.7) at which a bid was excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Step 1: completeness and validity.
    Completeness,
    /// Step 2: grounds for exclusion.
    ExclusionGrounds,
    /// Step 2: suitability requirements.
    Suitability,
    /// Step 3: the programme of requirements.
    ProgrammeOfRequirements,
    /// Step 4: a quality sub-criterion scored 0 ("niet beantwoord"). Computed, never in data.
    #[serde(skip_deserializing)]
    AwardCriteria,
}

/// The committee's consensus on one quality sub-criterion of one bid.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// A score of the scale in `award.yaml` (0, 2, 6, 8, 10).
    pub score: u32,
    /// What the bid does well (the winner's become "characteristics and relative advantages"
    /// in the other bidders' letters).
    #[serde(default)]
    pub strengths: Vec<String>,
    #[serde(default)]
    pub weaknesses: Vec<String>,
    /// Why the bid did not get the maximum score; empty only for the maximum.
    #[serde(default)]
    pub why_not_maximum: Vec<String>,
}

/// `data/decision.yaml`: the award decision.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The day the letters are sent, all at the same moment; also their date. The standstill
    /// period starts the next day.
    pub sent_on: NaiveDate,
    /// Place printed before the date (`Groningen, 9 september 2026`).
    pub place: String,
    /// Who signs the letters.
    pub signatory: Person,
    /// Whom bidders contact with questions about the letter.
    pub contact: DecisionContact,
    /// Whether letters to other bidders may show the winner's total tender price (courts
    /// differ on this; unit rates are never shown).
    pub show_winner_total_price: bool,
    /// Days equated to holidays by decree (Atw art. 3(3)) in the standstill period.
    #[serde(default)]
    pub decree_days: Vec<NaiveDate>,
    /// A total price more than this percentage below the average of the valid bids is
    /// reported as possibly abnormally low (a warning, art. 2.116 Aw 2012).
    pub abnormally_low_percent: Decimal,
    /// The intended winner as the committee recorded it. Optional cross-check: the letters are
    /// refused when the computed evaluation names someone else (or no one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winner: Option<String>,
    /// The members of the assessment committee (printed in the evaluation report).
    #[serde(default)]
    pub committee: Vec<Person>,
    /// The recorded lottery, only when bids are tied on total points and on quality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lottery: Option<Lottery>,
    /// The file the decision was read from (set by [`load_decision`]).
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// e.g. `Directeur bedrijfsvoering`.
    pub function: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionContact {
    pub name: String,
    pub function: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The outcome of drawing lots (section 2.7), as its written record states it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lottery {
    /// Date of the proces-verbaal of the lottery.
    pub date: NaiveDate,
    /// Bidder ids in the order drawn: the first drawn gets the better place.
    pub order: Vec<String>,
}

/// Loads every bid under `dir/bids/`, ordered by bidder id (the file name).
pub fn load_bids(dir: &Path) -> Result<Vec<Bid>> {
    let bids_dir = dir.join("bids");
    if !bids_dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(&bids_dir).map_err(|e| Error::io(&bids_dir, e))? {
        let path = entry.map_err(|e| Error::io(&bids_dir, e))?.path();
        if path.is_file() && path.extension().is_some_and(|x| x == "yaml") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut bids = Vec::new();
    let mut errors = Vec::new();
    let parsed = load::read_yaml_all::<Bid>(&paths);
    for (path, result) in paths.into_iter().zip(parsed) {
        match result {
            Ok(mut bid) => {
                bid.file = path;
                bids.push(bid);
            }
            Err(Error::Data(ds)) => errors.extend(ds),
            Err(e) => return Err(e),
        }
    }
    if errors.is_empty() {
        Ok(bids)
    } else {
        Err(Error::Data(errors))
    }
}

/// Loads `dir/decision.yaml` when present.
pub fn load_decision(dir: &Path) -> Result<Option<Decision>> {
    let path = dir.join("decision.yaml");
    if !path.is_file() {
        return Ok(None);
    }
    let mut decision: Decision = load::read_yaml(&path)?;
    decision.file = path;
    Ok(Some(decision))
}

/// A diagnostic for `file` at the dotted `field` (`quality.G2.1.score`), with the line and
/// column of that key when it is found in the file's text ([`super::locate`]).
pub fn diagnostic_at(file: &Path, field: &str, message: impl Into<String>) -> Diagnostic {
    let mut d = Diagnostic::new(file, field, message);
    super::locate::fill(std::slice::from_mut(&mut d));
    d
}

// ---------------------------------------------------------------------------------------------
// The model → scoring conversion: the only place that knows both.

/// The award rules and price lines as [`crate::scoring`] takes them, converted from
/// `award.yaml`.
pub struct ScoringRules {
    pub lines: Vec<scoring::PriceLine>,
    pub rules: scoring::Rules,
}

/// Converts `award.yaml` into the scoring's rules: each price line with the volume it counts
/// with in the total tender price (yearly volume × evaluation years, or once; zero for lines
/// outside the total), the quality sub-criteria with their maximum points, the scale.
///
/// The scoring implements the seed's rules (components A and B in the total, two decimals, the
/// quality group as tie-break, then a lottery); `award.yaml` that says otherwise is refused
/// rather than silently evaluated differently. Problems name `award_file`.
pub fn scoring_rules(
    award: &AwardRules,
    award_file: &Path,
) -> std::result::Result<ScoringRules, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut lines = Vec::new();
    for (i, line) in award.price.lines.iter().enumerate() {
        let component = match line.component {
            ComponentId::A => scoring::Component::A,
            ComponentId::B => scoring::Component::B,
            ComponentId::C => scoring::Component::C,
        };
        let in_total = award.line_in_total(line);
        if in_total != component.in_total() {
            problems.push(diagnostic_at(
                award_file,
                &format!("price.lines.{i}.component"),
                format!(
                    "the award evaluation counts components A and B in the total price, but component {} {} in it here",
                    line.component.as_str(),
                    if in_total { "is" } else { "is not" }
                ),
            ));
        }
        let volume = award.evaluated_volume(line);
        if in_total && volume.is_none() {
            problems.push(diagnostic_at(
                award_file,
                &format!("price.lines.{i}.volume"),
                format!(
                    "price line {} counts towards the total price but has no volume",
                    line.id
                ),
            ));
        }
        lines.push(scoring::PriceLine {
            id: line.id.clone(),
            component,
            volume: volume.unwrap_or(Decimal::ZERO),
            zero_allowed: line.zero_allowed,
        });
    }
    for (field, decimals) in [
        ("price.decimals", award.price.decimals.value()),
        ("quality.decimals", award.quality.decimals.value()),
    ] {
        if decimals != 2 {
            problems.push(diagnostic_at(
                award_file,
                field,
                format!("the award evaluation rounds points to two decimals, not {decimals}"),
            ));
        }
    }
    let quality_groups: Vec<&str> = award
        .criteria
        .iter()
        .filter(|c| c.kind == CriterionKind::Quality)
        .map(|c| c.id.as_str())
        .collect();
    if award.tie_break.criteria != quality_groups || award.tie_break.then != TieFinal::Lottery {
        problems.push(diagnostic_at(
            award_file,
            "tie_break.criteria",
            format!(
                "the award evaluation breaks ties on the quality total ({}) and then by lottery",
                quality_groups.join(", ")
            ),
        ));
    }
    let rules = scoring::Rules {
        price_max_points: award.price_max_points(),
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
pub fn scoring_bid(bid: &Bid) -> BidInput {
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
pub fn scoring_diagnostic(
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
        ScoringError::DuplicateBidder { bidder } => diagnostic_at(
            &bid_file(bidder),
            "id",
            format!("more than one bid with id `{bidder}`"),
        ),
        ScoringError::MissingRate { bidder, line } => diagnostic_at(
            &bid_file(bidder),
            &format!("rates.{line}"),
            format!(
                "no rate for price line {line} (an incomplete price form makes the bid invalid)"
            ),
        ),
        ScoringError::NegativeRate { bidder, line, rate } => diagnostic_at(
            &bid_file(bidder),
            &format!("rates.{line}"),
            format!("rate {rate} is negative, which is not allowed"),
        ),
        ScoringError::ZeroRate {
            bidder,
            line,
            component,
        } => diagnostic_at(
            &bid_file(bidder),
            &format!("rates.{line}"),
            format!("a zero rate is not allowed in component {component:?}"),
        ),
        ScoringError::UnknownPriceLine { bidder, line } => diagnostic_at(
            &bid_file(bidder),
            &format!("rates.{line}"),
            format!("no price line `{line}` on the price form"),
        ),
        ScoringError::ZeroTotalPrice { bidder } => diagnostic_at(
            &bid_file(bidder),
            "rates",
            "the total price is zero, so price points cannot be computed",
        ),
        ScoringError::ScoreNotOnScale {
            bidder,
            criterion,
            score,
            scale,
        } => diagnostic_at(
            &bid_file(bidder),
            &format!("quality.{criterion}.score"),
            format!(
                "score {score} is not on the scale {}",
                scale
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        ScoringError::MissingScore { bidder, criterion } => diagnostic_at(
            &bid_file(bidder),
            &format!("quality.{criterion}.score"),
            format!("no score for {criterion} (a valid bid is scored on every sub-criterion)"),
        ),
        ScoringError::UnknownCriterion { bidder, criterion } => diagnostic_at(
            &bid_file(bidder),
            &format!("quality.{criterion}"),
            format!("no quality sub-criterion `{criterion}` in award.yaml"),
        ),
        ScoringError::UnresolvedTie { bidders } => diagnostic_at(
            &decision_file,
            "lottery",
            format!(
                "bidders {} are tied for first place on total points and on quality; record the lottery \
                 (`lottery: {{date, order}}`, section 2.7) to decide",
                bidders.join(", ")
            ),
        ),
        ScoringError::LotteryDuplicate { bidder } => diagnostic_at(
            &decision_file,
            "lottery.order",
            format!("bidder `{bidder}` is drawn more than once"),
        ),
        ScoringError::LotteryUnknownBidder { bidder } => diagnostic_at(
            &decision_file,
            "lottery.order",
            format!("no bid with id `{bidder}`"),
        ),
    }
}

/// Everything the award letters, the report and `evaluation.json` are built from.
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
pub fn evaluate(project: &Project, decision: &Decision) -> Result<Outcome> {
    evaluate_parts(
        &project.award,
        &project.bids,
        decision,
        &project.dir,
        project.tender.rules.standstill_days,
    )
    .map_err(Error::Data)
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
            return Err(vec![diagnostic_at(
                &decision.file,
                "winner",
                format!("the evaluation ranks `{computed}` first, not `{claimed}`"),
            )]);
        }
        (Some(claimed), None) => {
            return Err(vec![diagnostic_at(
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

/// Rules for each bid, across bids and against the tender's price lines and criteria; with a
/// decision, the whole evaluation (so `gen check` reports ties and abnormally low prices).
pub fn validate(
    bids: &[Bid],
    decision: Option<&Decision>,
    project: &Project,
    out: &mut Vec<Diagnostic>,
) {
    let award = &project.award;
    let scale_max = award.scale_max();
    let errors_before = out.iter().filter(|d| d.is_error()).count();
    for bid in bids {
        let file = &bid.file;
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if bid.id != stem {
            out.push(Diagnostic::new(
                file,
                "id",
                format!("the id `{}` must equal the file name `{stem}`", bid.id),
            ));
        }
        if bid.id.is_empty()
            || !bid
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            out.push(Diagnostic::new(
                file,
                "id",
                "use lower-case letters, digits and `-` only (it names files)",
            ));
        }
        for (field, value) in [
            ("name", &bid.name),
            ("contact.name", &bid.contact.name),
            ("contact.email", &bid.contact.email),
        ] {
            if value.trim().is_empty() {
                out.push(Diagnostic::new(file, field, "must not be empty"));
            }
        }
        if bid.address.is_empty() {
            out.push(Diagnostic::new(
                file,
                "address",
                "give the postal address (one line per item)",
            ));
        }
        match (bid.status, &bid.exclusion) {
            (Status::Excluded, None) => out.push(Diagnostic::new(
                file,
                "status",
                "an excluded bid needs `exclusion: {stage, reason}` (the letter must state both)",
            )),
            (Status::Excluded, Some(e)) if e.reason.trim().is_empty() => out.push(Diagnostic::new(
                file,
                "exclusion.reason",
                "give the reason for the exclusion",
            )),
            (Status::Valid, Some(_)) => out.push(Diagnostic::new(
                file,
                "exclusion",
                "only an excluded bid (`status: excluded`) has an exclusion",
            )),
            _ => {}
        }
        if bid.status == Status::Valid {
            for (id, a) in &bid.quality {
                if a.strengths.is_empty() && a.weaknesses.is_empty() {
                    out.push(Diagnostic::new(
                        file,
                        format!("quality.{id}"),
                        "give the reasons for the score (strengths and/or weaknesses): the letters state them",
                    ));
                }
                let on_scale = award.scale_step(a.score).is_some();
                if on_scale && a.score < scale_max && a.score > 0 && a.why_not_maximum.is_empty() {
                    out.push(Diagnostic::new(
                        file,
                        format!("quality.{id}.why_not_maximum"),
                        format!("score {} is below the maximum {scale_max}: say why (art. 2.130 Aw 2012)", a.score),
                    ));
                }
                if a.score == scale_max && !a.why_not_maximum.is_empty() {
                    out.push(Diagnostic::new(
                        file,
                        format!("quality.{id}.why_not_maximum"),
                        format!(
                            "score {} is the maximum; leave why_not_maximum empty",
                            a.score
                        ),
                    ));
                }
            }
        }
    }

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
    if let Some(lottery) = &d.lottery {
        for (i, id) in lottery.order.iter().enumerate() {
            if !bids.iter().any(|b| &b.id == id) {
                out.push(Diagnostic::new(
                    file,
                    format!("lottery.order.{i}"),
                    format!("no bid with id `{id}`"),
                ));
            }
        }
    }
    if let Some(w) = &d.winner
        && !bids.iter().any(|b| &b.id == w)
    {
        out.push(Diagnostic::new(
            file,
            "winner",
            format!("no bid with id `{w}`"),
        ));
    }
    if let Some(deadline) = project.tender.derived().submission_deadline
        && d.sent_on < deadline.date()
    {
        out.push(Diagnostic::new(
            file,
            "sent_on",
            format!(
                "the decision cannot be sent before the submission deadline ({})",
                deadline.date()
            ),
        ));
    }
    if d.abnormally_low_percent < Decimal::ZERO || d.abnormally_low_percent >= Decimal::ONE_HUNDRED
    {
        out.push(Diagnostic::new(
            file,
            "abnormally_low_percent",
            "give a percentage from 0 to 100",
        ));
    }
    if bids.is_empty() {
        out.push(Diagnostic::new(
            file,
            "sent_on",
            "a decision without bids: add the bids under bids/",
        ));
    }

    // The whole evaluation, once every bid is fine on its own.
    if converted.is_some() && out.iter().filter(|d| d.is_error()).count() == errors_before {
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
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn data() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
    }

    /// Only the files these tests need (the whole project's validation is tested elsewhere).
    fn tender() -> crate::model::tender::Tender {
        load::read_yaml(&data().join("tender.yaml")).unwrap()
    }

    fn award() -> AwardRules {
        crate::model::load_award(&data(), &tender()).unwrap()
    }

    fn bids() -> Vec<Bid> {
        load_bids(&data()).unwrap()
    }

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
        assert_eq!(s.lines[0].component, scoring::Component::A);
        assert_eq!(s.lines[3].component, scoring::Component::B);
        assert!(
            s.lines[4..]
                .iter()
                .all(|l| l.component == scoring::Component::C
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

    /// Rules the scoring cannot express are refused, naming award.yaml's field.
    #[test]
    fn unsupported_award_rules_are_refused() {
        let mut award = award();
        award.price.decimals = crate::model::requirements::Count(3);
        award.tie_break.criteria = vec!["G1".into()];
        award
            .price
            .components
            .iter_mut()
            .find(|c| c.id == ComponentId::C)
            .unwrap()
            .in_total = true;
        let errs = scoring_rules(&award, Path::new("award.yaml"))
            .err()
            .unwrap();
        let fields: Vec<&str> = errs.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(
            fields[fields.len() - 2..],
            ["price.decimals", "tie_break.criteria"]
        );
        assert!(fields.contains(&"price.lines.4.component"), "{fields:?}");
        assert!(fields.contains(&"price.lines.4.volume"), "{fields:?}");
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

    /// Scoring errors point at the bid's file, field and line.
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
        let map = |e: ScoringError| scoring_diagnostic(&e, &bids, None, dir.path());
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
            component: scoring::Component::A,
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
        assert_eq!(e.ranking[0].tie_break, scoring::TieBreak::Quality);
        assert_eq!(e.winner.as_deref(), Some("vitaal-en-werk"));
        assert_eq!(
            o.standstill.end,
            NaiveDate::from_ymd_opt(2026, 9, 29).unwrap()
        );
        assert!(o.abnormally_low.is_empty());
    }
}
