//! `data/new-decision.yaml`: the intended winner fell through (§2.8 of the invitation: "We kunnen
//! een nieuw voornemen tot gunning nemen als de beoogde opdrachtnemer niet (meer) aan de gestelde
//! eisen voldoet"), so a new award decision goes to every bidder at the same moment, with a new
//! standstill period (art. 2.127 Aw 2012). `decision.yaml` and its letters stay as they were:
//! the new decision is the old one with the fallen-through bid excluded and a new date; the
//! evaluation then makes the next-ranked bid the winner.

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
}

impl NewDecision {
    pub(crate) fn file(project: &Project) -> PathBuf {
        project.dir.join(FILE)
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
