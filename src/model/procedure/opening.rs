//! `data/opening.yaml`: the opening of the digital safe and what was found in it (§2.5 of the
//! invitation: "Er wordt een proces-verbaal gemaakt van de opening"). The closing time is the
//! planning's `submission` milestone and is not repeated here; the bids themselves are
//! `data/bids/`, each listed here once with its time of receipt.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Person, hh_mm};
use crate::error::Diagnostic;
use crate::model::Project;

pub const FILE: &str = "opening.yaml";

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// The day the safe was opened.
    pub date: NaiveDate,
    /// The time the safe was opened (`"10:20"`), not earlier than the planning's opening.
    #[serde(deserialize_with = "hh_mm")]
    #[schemars(with = "crate::model::schema::TimeOfDay")]
    pub time: NaiveTime,
    /// Who opened the safe (at least one).
    pub opened_by: Vec<Person>,
    /// Who was present besides them.
    #[serde(default)]
    pub present: Vec<Person>,
    /// Whether the platform reported a disruption before the closing time (§2.6); the
    /// disruption as the record states it, or none.
    #[serde(default)]
    pub disruption: Option<String>,
    /// Every bid found in the safe, by bidder id (`data/bids/<id>.yaml`).
    pub received: Vec<Receipt>,
    /// Submissions after the closing time or outside the safe (not bids: never opened for
    /// assessment).
    #[serde(default)]
    pub late: Vec<LateSubmission>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub bidder: String,
    /// Day and time of receipt as the platform logged them.
    pub date: NaiveDate,
    #[serde(deserialize_with = "hh_mm")]
    #[schemars(with = "crate::model::schema::TimeOfDay")]
    pub time: NaiveTime,
    /// Whether the documents of §2.5 appeared to be all present at opening (the assessment of
    /// completeness is step 1 of §2.7, later).
    #[serde(default = "yes")]
    pub complete: bool,
    /// What was found missing or remarkable (needed when not complete).
    #[serde(default)]
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LateSubmission {
    /// The sender's name as it appeared.
    pub name: String,
    pub date: NaiveDate,
    #[serde(deserialize_with = "hh_mm")]
    #[schemars(with = "crate::model::schema::TimeOfDay")]
    pub time: NaiveTime,
    /// What happened with it (e.g. returned unopened).
    pub remarks: String,
}

fn yes() -> bool {
    true
}

impl Opening {
    pub fn opened_at(&self) -> NaiveDateTime {
        self.date.and_time(self.time)
    }

    pub(crate) fn file(project: &Project) -> PathBuf {
        project.dir.join(FILE)
    }
}

pub(crate) fn validate(o: &Opening, project: &Project, out: &mut Vec<Diagnostic>) {
    let file = Opening::file(project);
    let tender = &project.tender;
    let deadline = tender.submission_deadline();
    if o.opened_by.is_empty() {
        out.push(Diagnostic::new(
            &file,
            "opened_by",
            "name who opened the safe",
        ));
    }
    // §2.5: the safe opens no earlier than the planned opening (15 minutes after closing).
    if let Some(planned) = tender.opening().or(deadline)
        && o.opened_at() < planned
    {
        out.push(Diagnostic::new(
            &file,
            "time",
            format!(
                "the safe cannot have been opened before {} {} (tender.yaml planning, opening)",
                planned.date(),
                planned.time().format("%H:%M")
            ),
        ));
    }
    for (i, r) in o.received.iter().enumerate() {
        if !project.bids.iter().any(|b| b.id == r.bidder) {
            out.push(Diagnostic::new(
                &file,
                format!("received.{i}.bidder"),
                format!("no bid with id `{}` in bids/", r.bidder),
            ));
        }
        if o.received[..i].iter().any(|x| x.bidder == r.bidder) {
            out.push(Diagnostic::new(
                &file,
                format!("received.{i}.bidder"),
                format!("`{}` is listed twice", r.bidder),
            ));
        }
        if let Some(deadline) = deadline
            && r.date.and_time(r.time) > deadline
        {
            out.push(Diagnostic::new(
                &file,
                format!("received.{i}.time"),
                format!(
                    "received after the closing time ({} {}): a late submission belongs under `late`",
                    deadline.date(),
                    deadline.time().format("%H:%M")
                ),
            ));
        }
        if !r.complete && r.remarks.as_deref().is_none_or(|s| s.trim().is_empty()) {
            out.push(Diagnostic::new(
                &file,
                format!("received.{i}.remarks"),
                "say what was missing (the record must state it)",
            ));
        }
    }
    for bid in &project.bids {
        if !o.received.iter().any(|r| r.bidder == bid.id) {
            out.push(Diagnostic::new(
                &file,
                "received",
                format!(
                    "the bid `{}` (bids/{}.yaml) has no time of receipt",
                    bid.id, bid.id
                ),
            ));
        }
    }
    for (i, l) in o.late.iter().enumerate() {
        if let Some(deadline) = deadline
            && l.date.and_time(l.time) <= deadline
        {
            out.push(Diagnostic::new(
                &file,
                format!("late.{i}.time"),
                "received before the closing time: not late",
            ));
        }
    }
}
