//! `data/new-decision.yaml`: the intended winner fell through (§2.8 of the invitation: "We kunnen
//! een nieuw voornemen tot gunning nemen als de beoogde opdrachtnemer niet (meer) aan de gestelde
//! eisen voldoet"), so a new award decision goes to every bidder at the same moment, with a new
//! standstill period (art. 2.127 Aw 2012). `decision.yaml` and its letters stay as they were:
//! the new decision is the old one with the fallen-through bid excluded and a new date; the
//! evaluation then makes the next-ranked bid the winner.
//!
//! In a tender divided into lots every lot is its own award decision (art. 2.130 Aw 2012), so
//! only the lots the fallen bidder was awarded get a new decision; the decisions on the other
//! lots stand and are not reopened: their letters went out, their standstill may have passed, a
//! contract may be signed (legal certainty). Without `fell_through.lots` the whole bid falls
//! (exclusion grounds, suitability: the usual case): it is excluded in every lot and every lot
//! it was awarded gets a new decision. With `lots: [1]` only those lots (a requirement of the
//! lot itself), which must be lots it was awarded after the award limit; it keeps the others.
//!
//! The new winner can fall through in turn (its evidence is not in order either, a court
//! ruling): the file is then a list of records in the order they were taken, each a new
//! decision on the outcome of the one before (`- sent_on: … fell_through: …`). Record k's
//! bidder is an intended winner under decision k-1 (of the lots it names, or all it holds
//! there); the single record of the first form is a list of one.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::model::Project;
use crate::model::bids::{Stage, Status};

pub const FILE: &str = "new-decision.yaml";

/// `new-decision.yaml`: one record, or a list of records in the order they were taken.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum NewDecision {
    /// One new award decision.
    One(Record),
    /// New award decisions in a row, each on the outcome of the one before (its winner fell
    /// through in turn), in the order they were taken.
    Chain(Vec<Record>),
}

/// One record, or a list of them: read by the form of the file (a mapping or a sequence), so
/// that a mistake inside a record is reported at its field, not as "no variant matched".
impl<'de> Deserialize<'de> for NewDecision {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Form;
        impl<'de> serde::de::Visitor<'de> for Form {
            type Value = NewDecision;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a new award decision (`sent_on`, `fell_through`) or a list of them")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<NewDecision, A::Error> {
                Record::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(NewDecision::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<NewDecision, A::Error> {
                Vec::<Record>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(NewDecision::Chain)
            }
        }
        deserializer.deserialize_any(Form)
    }
}

impl NewDecision {
    /// The records in the order they were taken.
    pub fn records(&self) -> &[Record] {
        match self {
            NewDecision::One(r) => std::slice::from_ref(r),
            NewDecision::Chain(rs) => rs,
        }
    }

    /// The field path of record `k`'s `field` as the file has it: `fell_through.bidder` in
    /// the single form, `1.fell_through.bidder` in a list.
    pub fn field(&self, k: usize, field: &str) -> String {
        match self {
            NewDecision::One(_) => field.to_string(),
            NewDecision::Chain(_) if field.is_empty() => k.to_string(),
            NewDecision::Chain(_) => format!("{k}.{field}"),
        }
    }

    pub(crate) fn file(project: &Project) -> PathBuf {
        project.dir.join(FILE)
    }
}

/// One new award decision: the intended winner of the decision before it fell through.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The day the new decision is sent to every bidder; the new standstill starts the next day.
    pub sent_on: NaiveDate,
    /// The day the competent person took the new decision (the new gunningsbesluit's date);
    /// absent: the day it is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_on: Option<NaiveDate>,
    pub fell_through: FellThrough,
}

/// Why the intended winner is no longer the winner.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FellThrough {
    /// The bidder id of an intended winner of the decision before: `decision.yaml`'s for the
    /// first record, the record before's for a later one.
    pub bidder: String,
    /// The step of §2.7 whose requirement the bid turned out not to meet (e.g. `suitability`
    /// when the evidence of §2.9 did not show it).
    pub stage: Stage,
    /// The reason, as the new letter to that bidder states it (full sentences).
    pub reason: String,
    /// The legal basis (article of the law, § of the invitation), as for any exclusion.
    pub basis: String,
    /// How the fact was established (the evidence requested under §2.9, when and why).
    pub established: String,
    /// The reason as the evaluation record states it (third person, naming the bidder).
    pub record: String,
    /// A tender divided into lots: the lots the bid falls through for (a requirement of those
    /// lots), each one it was awarded; absent: the whole bid falls, in every lot, and every
    /// lot it was awarded gets a new decision. Not allowed in an undivided tender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lots: Option<Vec<u32>>,
}

impl Record {
    /// The day of the new gunningsbesluit.
    pub fn decided_on(&self) -> NaiveDate {
        self.decided_on.unwrap_or(self.sent_on)
    }
}

pub(crate) fn validate(n: &NewDecision, project: &Project, out: &mut Vec<Diagnostic>) {
    let file = NewDecision::file(project);
    let Some(decision) = &project.decision else {
        out.push(Diagnostic::new(
            &file,
            "",
            "a new award decision replaces one that was sent: decision.yaml is missing",
        ));
        return;
    };
    if n.records().is_empty() {
        out.push(Diagnostic::new(
            &file,
            "",
            "the list of new award decisions is empty: give each one taken (`- sent_on: …`), or remove the file",
        ));
    }
    for (k, r) in n.records().iter().enumerate() {
        let at = |field: &str| n.field(k, field);
        // Each decision replaces the one before: decision.yaml's, or the record before's.
        let (before, what) = match k.checked_sub(1).map(|j| &n.records()[j]) {
            None => (decision.sent_on, "the first (decision.yaml)".to_string()),
            Some(prev) => (prev.sent_on, format!("the one before (record {})", k)),
        };
        if r.sent_on <= before {
            out.push(Diagnostic::new(
                &file,
                at("sent_on"),
                format!("the new decision comes after {what}, sent on {before}"),
            ));
        }
        if let Some(d) = r.decided_on
            && (d > r.sent_on || d <= before)
        {
            out.push(Diagnostic::new(
                &file,
                at("decided_on"),
                format!(
                    "the new decision is taken after {what} was sent ({before}) and on or before the day it is sent ({})",
                    r.sent_on
                ),
            ));
        }
        validate_lots(r, project, &file, &at, out);
        let fallen_before = n.records()[..k].iter().position(|e| {
            e.fell_through.bidder == r.fell_through.bidder && e.fell_through.lots.is_none()
        });
        match project.bids.iter().find(|b| b.id == r.fell_through.bidder) {
            None => out.push(Diagnostic::new(
                &file,
                at("fell_through.bidder"),
                format!("no bid with id `{}` in bids/", r.fell_through.bidder),
            )),
            Some(b) if b.status != Status::Valid => out.push(Diagnostic::new(
                &file,
                at("fell_through.bidder"),
                format!(
                    "the bid `{}` was excluded already: it was not the intended winner",
                    b.id
                ),
            )),
            Some(b) if fallen_before.is_some() => out.push(Diagnostic::new(
                &file,
                at("fell_through.bidder"),
                format!(
                    "the bid `{}` fell through already (record {}): it is excluded from then on and cannot be an intended winner again",
                    b.id,
                    fallen_before.unwrap_or_default() + 1
                ),
            )),
            Some(_) => {}
        }
        let f = &r.fell_through;
        for (field, value, what) in [
            ("reason", &f.reason, "the reason (the letter states it)"),
            ("basis", &f.basis, "the legal basis (the letter states it)"),
            (
                "established",
                &f.established,
                "how the fact was established (the letter states it)",
            ),
            (
                "record",
                &f.record,
                "the reason as the evaluation record states it",
            ),
        ] {
            if value.trim().is_empty() {
                out.push(Diagnostic::new(
                    &file,
                    at(&format!("fell_through.{field}")),
                    format!("give {what}"),
                ));
            }
        }
    }
}

/// `fell_through.lots`: only in a divided tender, each a declared lot, once, that the bid is
/// for and valid in. Whether the bidder was awarded it needs the evaluation
/// (`docs::procedure::new_decision`).
fn validate_lots(
    r: &Record,
    project: &Project,
    file: &std::path::Path,
    at: &dyn Fn(&str) -> String,
    out: &mut Vec<Diagnostic>,
) {
    let Some(given) = &r.fell_through.lots else {
        return;
    };
    let Some(lots) = project.tender.lots.as_ref().filter(|l| l.divided) else {
        out.push(Diagnostic::new(
            file,
            at("fell_through.lots"),
            "this tender is not divided into lots (tender.yaml `lots.divided: false`): remove `lots:`, the new decision replaces the whole award decision",
        ));
        return;
    };
    if given.is_empty() {
        out.push(Diagnostic::new(
            file,
            at("fell_through.lots"),
            "name the lots the bid falls through for, or remove `lots:` when the whole bid falls (then every lot it was awarded gets a new decision)",
        ));
    }
    let bid = project.bids.iter().find(|b| b.id == r.fell_through.bidder);
    for (i, number) in given.iter().enumerate() {
        let field = at(&format!("fell_through.lots.{i}"));
        if given[..i].contains(number) {
            out.push(Diagnostic::new(
                file,
                field,
                format!("lot {number} is named twice"),
            ));
        } else if super::declared_lot_at(lots, *number, file, &field, out)
            && let Some(b) = bid
        {
            match b.lots.get(number) {
                None => out.push(Diagnostic::new(
                    file,
                    field,
                    format!("the bid `{}` is not for lot {number}", b.id),
                )),
                Some(part) if part.status == Some(Status::Excluded) => out.push(Diagnostic::new(
                    file,
                    field,
                    format!(
                        "the bid `{}` was excluded in lot {number} already: it was not awarded that lot",
                        b.id
                    ),
                )),
                Some(_) => {}
            }
        }
    }
}
