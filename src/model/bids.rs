//! `data/bids/<bidder-id>.yaml` (one file per bid received) and `data/decision.yaml` (the award
//! decision: when it is sent, who signs it, the recorded lottery). The evaluation over them is
//! `crate::evaluation`.
//!
//! A bid holds the facts the award letters need: who the bidder is and where the letter goes,
//! whether the bid is still in the procedure (or was excluded, at which stage and why), the rates
//! per line of the price form (`rates:`, written by `gen prices import`), and per quality
//! sub-criterion the committee's consensus score with its reasons. Points, ranks and the winner
//! are never stored: the evaluation computes them every time.
//!
//! Semantic errors name the bid's file, the line of the offending key (found by scanning the
//! YAML text, see [`locate`]) and the field (`quality.G2.1.score`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Project;
use super::load;
use crate::error::{Diagnostic, Error, Result};

/// One bid, as `data/bids/<id>.yaml`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bid {
    /// The bidder's id; must equal the file name without `.yaml` (e.g. `schoon-en-zo`). Used in
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
    /// A tender divided into lots: per lot number the bid is for, its rates and scores
    /// (`rates` and `quality` above stay empty). See `model::lots`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lots: BTreeMap<u32, super::lots::BidLot>,
    /// With the award limit's order `preference`: the bid's lots, most wanted first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preference: Vec<u32>,
    /// The file the bid was read from (set by [`load_bids`]).
    #[serde(skip)]
    pub file: PathBuf,
}

/// The bidder's contact person.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Full name as in the addressee block, e.g. `Jan de Vries`.
    pub name: String,
    /// How the salutation addresses them after "Geachte", e.g. `heer De Vries`,
    /// `mevrouw Bakker`. Without it the letter writes `heer/mevrouw <surname>` (never a
    /// first name: see [`surname`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salutation: Option<String>,
    pub email: String,
}

impl Contact {
    /// The words after "Geachte": `heer De Vries`, or `heer/mevrouw De Vries`.
    pub(crate) fn salutation(&self) -> String {
        match &self.salutation {
            Some(s) => s.clone(),
            None => format!("heer/mevrouw {}", surname(&self.name)),
        }
    }
}

/// Surname prefixes (tussenvoegsels) that start a Dutch or Arabic-Dutch surname.
const PREFIXES: &[&str] = &[
    "van", "de", "der", "den", "het", "'t", "ten", "ter", "te", "in", "op", "el", "al", "la", "le",
    "du", "da", "di", "von", "vander",
];

/// The surname of a full name as a salutation uses it: given names and initials dropped, a
/// prefix capitalised because it now starts the name (`Jan de Vries` → `De Vries`, `Kim Jansen`
/// → `Jansen`, `A.J. Postma` → `Postma`, `Samira el Amrani` → `El Amrani`).
pub(crate) fn surname(full: &str) -> String {
    let words: Vec<&str> = full.split_whitespace().collect();
    let Some(last) = words.len().checked_sub(1) else {
        return String::new();
    };
    let start = (1..last)
        .find(|&i| PREFIXES.contains(&words[i].to_lowercase().as_str()))
        .unwrap_or(last);
    let name = words[start..].join(" ");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Valid,
    Excluded,
}

/// Why a bid was excluded before the award criteria (steps 1-3 of section 2.7).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub stage: Stage,
    /// The reason, as the letter states it to the bidder (full sentences, second person).
    pub reason: String,
    /// The legal basis: the article of the law and/or the paragraph of the invitation to tender
    /// the exclusion rests on (`artikel 2.90 Aanbestedingswet 2012 en paragraaf 3.2.2.1 van de
    /// offerteaanvraag`). Art. 2.130 Aw 2012 asks for the relevant reasons, and an exclusion
    /// without its rule cannot be checked.
    pub basis: String,
    /// How the fact was established: which document, when and on what basis it was asked
    /// for (full sentences, second person, as the letter states it).
    pub established: String,
    /// The reason as the evaluation record states it (third person, naming the bidder).
    pub record: String,
}

/// The step of the assessment procedure (section 2.7) at which a bid was excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The day the letters are sent, all at the same moment; also their date. The standstill
    /// period starts the next day.
    pub sent_on: NaiveDate,
    /// Place printed before the date (`Utrecht, 9 september 2026`).
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
    /// The members of the assessment committee (printed in the evaluation report; the voting
    /// members sign it).
    #[serde(default)]
    pub committee: Vec<Person>,
    /// The day of the committee's consensus meeting, where the scores were set; the date of
    /// the proces-verbaal van beoordeling.
    pub consensus_on: NaiveDate,
    /// The day the competent person took the award decision (gunningsbesluit) on the report.
    pub decided_on: NaiveDate,
    /// The evidence (art. 2.89 ff. Aw 2012) the intended winner is asked for in the winner's
    /// letter, in addition to the documents of `tender.yaml` `evidence.documents`: what a nota
    /// van inlichtingen or the decision added (each a full description).
    #[serde(default)]
    pub extra_evidence: Vec<String>,
    /// The recorded lottery, only when bids are tied on total points and on quality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lottery: Option<Lottery>,
    /// In a tender divided into lots: per lot, its recorded winner and lottery
    /// (`model::lots::decision`); the other fields are shared by every lot.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub lots: std::collections::BTreeMap<u32, super::lots::LotDecision>,
    /// The file the decision was read from (set by [`load_decision`]).
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// e.g. `Directeur bedrijfsvoering`.
    pub function: String,
    /// For a committee member: whether they vote on the scores (and so sign the record).
    /// A process supervisor does not.
    #[serde(default = "yes")]
    pub voting: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionContact {
    pub name: String,
    pub function: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The outcome of drawing lots (section 2.7), as its written record states it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lottery {
    /// Date of the proces-verbaal of the lottery.
    pub date: NaiveDate,
    /// Bidder ids in the order drawn: the first drawn gets the better place.
    pub order: Vec<String>,
}

/// Loads every bid under `dir/bids/`, ordered by bidder id (the file name), parsed on up to
/// `threads` threads.
pub(crate) fn load_bids(dir: &Path, threads: usize) -> Result<Vec<Bid>> {
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
    let parsed = load::read_yaml_all::<Bid>(&paths, threads);
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
pub(crate) fn load_decision(dir: &Path) -> Result<Option<Decision>> {
    let path = dir.join("decision.yaml");
    if !path.is_file() {
        return Ok(None);
    }
    let mut decision: Decision = load::read_yaml(&path)?;
    decision.file = path;
    Ok(Some(decision))
}

/// Rules for each bid, across bids and against the tender's price lines and criteria; with a
/// decision, the whole evaluation (so `gen check` reports ties and abnormally low prices).
pub(crate) fn validate(
    bids: &[Bid],
    decision: Option<&Decision>,
    project: &Project,
    out: &mut Vec<Diagnostic>,
) {
    let award = &project.award;
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
        if let Some(problem) = super::text::file_id_problem(&bid.id) {
            out.push(Diagnostic::new(file, "id", problem));
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
        if !bid.contact.email.trim().is_empty()
            && let Some(problem) = super::email::problem(&bid.contact.email)
        {
            out.push(Diagnostic::new(file, "contact.email", problem));
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
            (Status::Excluded, Some(e)) => {
                for (field, value, what) in [
                    (
                        "exclusion.reason",
                        &e.reason,
                        "the reason for the exclusion",
                    ),
                    (
                        "exclusion.basis",
                        &e.basis,
                        "the legal basis (article of the law or § of the invitation)",
                    ),
                    (
                        "exclusion.established",
                        &e.established,
                        "how the fact was established (document, date of the request, its basis)",
                    ),
                    (
                        "exclusion.record",
                        &e.record,
                        "the reason in the third person for the evaluation record",
                    ),
                ] {
                    if value.trim().is_empty() {
                        out.push(Diagnostic::new(file, field, format!("give {what}")));
                    }
                }
            }
            (Status::Valid, Some(_)) => out.push(Diagnostic::new(
                file,
                "exclusion",
                "only an excluded bid (`status: excluded`) has an exclusion",
            )),
            _ => {}
        }
        if bid.status == Status::Valid {
            validate_assessments(file, "quality", &bid.quality, award, out);
        }
    }

    let Some(d) = decision else { return };
    let file = &d.file;
    if let Some(problem) = super::email::problem(&d.contact.email) {
        out.push(Diagnostic::new(file, "contact.email", problem));
    }
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
    if let Some(deadline) = project.tender.submission_deadline()
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
    if d.consensus_on > d.sent_on {
        out.push(Diagnostic::new(
            file,
            "consensus_on",
            "the consensus meeting must take place before the letters are sent",
        ));
    }
    if d.decided_on < d.consensus_on || d.decided_on > d.sent_on {
        out.push(Diagnostic::new(
            file,
            "decided_on",
            "the award decision is taken after the consensus meeting and before the letters are sent",
        ));
    }
    if !d.committee.is_empty() && !d.committee.iter().any(|p| p.voting) {
        out.push(Diagnostic::new(
            file,
            "committee",
            "no voting member: the committee's record is signed by its voting members",
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
}

/// The committee's assessments of one bid (or one lot of it) under `field` (`quality`,
/// `lots.1.quality`): reasons for every score, and why not the maximum (art. 2.130 Aw 2012).
pub(crate) fn validate_assessments(
    file: &Path,
    field: &str,
    quality: &BTreeMap<String, Assessment>,
    award: &super::award::AwardRules,
    out: &mut Vec<Diagnostic>,
) {
    let scale_max = award.scale_max();
    for (id, a) in quality {
        if a.strengths.is_empty() && a.weaknesses.is_empty() {
            out.push(Diagnostic::new(
                file,
                format!("{field}.{id}"),
                "give the reasons for the score (strengths and/or weaknesses): the letters state them",
            ));
        }
        let on_scale = award.scale_step(a.score).is_some();
        if on_scale && a.score < scale_max && a.score > 0 && a.why_not_maximum.is_empty() {
            out.push(Diagnostic::new(
                file,
                format!("{field}.{id}.why_not_maximum"),
                format!(
                    "score {} is below the maximum {scale_max}: say why (art. 2.130 Aw 2012)",
                    a.score
                ),
            ));
        }
        if a.score == scale_max && !a.why_not_maximum.is_empty() {
            out.push(Diagnostic::new(
                file,
                format!("{field}.{id}.why_not_maximum"),
                format!(
                    "score {} is the maximum; leave why_not_maximum empty",
                    a.score
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::surname;

    #[test]
    fn surname_drops_given_names_and_capitalises_the_prefix() {
        assert_eq!(surname("Kim Jansen"), "Jansen");
        assert_eq!(surname("Jan de Vries"), "De Vries");
        assert_eq!(surname("A.J. Postma"), "Postma");
        assert_eq!(surname("Samira el Amrani"), "El Amrani");
        assert_eq!(surname("Pieter van der Berg"), "Van der Berg");
        assert_eq!(surname("Jansen"), "Jansen");
    }
}
