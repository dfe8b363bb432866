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

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::model::Project;
use crate::model::bids::{Stage, Status};

pub const FILE: &str = "new-decision.yaml";

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewDecision {
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
    /// The bidder id of the intended winner of `decision.yaml`.
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

impl NewDecision {
    pub(crate) fn file(project: &Project) -> PathBuf {
        project.dir.join(FILE)
    }

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
    if n.sent_on <= decision.sent_on {
        out.push(Diagnostic::new(
            &file,
            "sent_on",
            format!(
                "the new decision comes after the first ({})",
                decision.sent_on
            ),
        ));
    }
    if let Some(d) = n.decided_on
        && (d > n.sent_on || d <= decision.sent_on)
    {
        out.push(Diagnostic::new(
            &file,
            "decided_on",
            format!(
                "the new decision is taken after the first was sent ({}) and on or before the day it is sent ({})",
                decision.sent_on, n.sent_on
            ),
        ));
    }
    validate_lots(n, project, &file, out);
    match project.bids.iter().find(|b| b.id == n.fell_through.bidder) {
        None => out.push(Diagnostic::new(
            &file,
            "fell_through.bidder",
            format!("no bid with id `{}` in bids/", n.fell_through.bidder),
        )),
        Some(b) if b.status != Status::Valid => out.push(Diagnostic::new(
            &file,
            "fell_through.bidder",
            format!(
                "the bid `{}` was excluded already: it was not the intended winner",
                b.id
            ),
        )),
        Some(_) => {}
    }
    let f = &n.fell_through;
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
                format!("fell_through.{field}"),
                format!("give {what}"),
            ));
        }
    }
}

/// `fell_through.lots`: only in a divided tender, each a declared lot, once, that the bid is
/// for and valid in. Whether the bidder was awarded it needs the evaluation
/// (`docs::procedure::new_decision`).
fn validate_lots(
    n: &NewDecision,
    project: &Project,
    file: &std::path::Path,
    out: &mut Vec<Diagnostic>,
) {
    let Some(given) = &n.fell_through.lots else {
        return;
    };
    let Some(lots) = project.tender.lots.as_ref().filter(|l| l.divided) else {
        out.push(Diagnostic::new(
            file,
            "fell_through.lots",
            "this tender is not divided into lots (tender.yaml `lots.divided: false`): remove `lots:`, the new decision replaces the whole award decision",
        ));
        return;
    };
    if given.is_empty() {
        out.push(Diagnostic::new(
            file,
            "fell_through.lots",
            "name the lots the bid falls through for, or remove `lots:` when the whole bid falls (then every lot it was awarded gets a new decision)",
        ));
    }
    let bid = project.bids.iter().find(|b| b.id == n.fell_through.bidder);
    for (i, number) in given.iter().enumerate() {
        let field = format!("fell_through.lots.{i}");
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
