//! `data/presentations.yaml`: where the presentations (award.yaml `presentation`) take place and
//! the slot of each valid bidder, drawn by lot. Length, question time and attendees are the
//! invitation's (award.yaml); the days are the planning's `presentation` milestone.

use std::path::PathBuf;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Person, hh_mm};
use crate::error::Diagnostic;
use crate::model::Project;
use crate::model::award::Form;
use crate::model::bids::Status;

pub const FILE: &str = "presentations.yaml";

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Presentations {
    /// Date of the invitations.
    pub sent_on: NaiveDate,
    /// The day the order of the slots was drawn by lot.
    pub drawn_on: NaiveDate,
    /// The address lines of the venue, when in person.
    #[serde(default)]
    pub venue: Vec<String>,
    /// The link of an online presentation.
    #[serde(default)]
    pub link: Option<String>,
    /// Minutes before the slot the bidder is expected to report (to set up).
    #[serde(default)]
    pub arrive_minutes_before: Option<u32>,
    /// Who signs the invitations.
    pub signatory: Person,
    /// Whom the bidder tells who will attend.
    pub contact: Contact,
    /// Working days before the presentation by which the attendees' names are given.
    pub attendees_notice_working_days: u32,
    /// One slot per valid bid.
    pub slots: Vec<Slot>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub function: String,
    pub email: String,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    pub bidder: String,
    pub date: NaiveDate,
    #[serde(deserialize_with = "hh_mm")]
    #[schemars(with = "crate::model::schema::TimeOfDay")]
    pub start: NaiveTime,
}

impl Presentations {
    pub(crate) fn file(project: &Project) -> PathBuf {
        project.dir.join(FILE)
    }

    pub fn slot(&self, bidder: &str) -> Option<&Slot> {
        self.slots.iter().find(|s| s.bidder == bidder)
    }
}

/// Whether a sub-criterion is assessed on a presentation (award.yaml `form: presentation`).
pub fn has_presentation(project: &Project) -> bool {
    project
        .award
        .criteria
        .iter()
        .flat_map(|c| &c.sub_criteria)
        .any(|s| s.form == Form::Presentation)
}

/// Minutes a slot takes: the presentation and the questions (award.yaml), when the tender has
/// a presentation.
pub(crate) fn slot_minutes(project: &Project) -> Option<i64> {
    let p = project.award.presentation.as_ref()?;
    has_presentation(project)
        .then(|| i64::from(p.duration_minutes.value()) + i64::from(p.questions_minutes.value()))
}

impl Slot {
    pub fn start_at(&self) -> NaiveDateTime {
        self.date.and_time(self.start)
    }
}

pub(crate) fn validate(s: &Presentations, project: &Project, out: &mut Vec<Diagnostic>) {
    let file = Presentations::file(project);
    let Some(minutes) = slot_minutes(project) else {
        out.push(Diagnostic::new(
            &file,
            "slots",
            "award.yaml has no presentation: remove presentations.yaml or describe the presentation there",
        ));
        return;
    };
    let days: &[NaiveDate] = project
        .award
        .presentation
        .as_ref()
        .map_or(&[][..], |p| &p.dates);
    if s.venue.is_empty() && s.link.is_none() {
        out.push(Diagnostic::new(
            &file,
            "venue",
            "give the venue's address or the `link` of an online presentation",
        ));
    }
    if s.sent_on > s.slots.iter().map(|x| x.date).min().unwrap_or(s.sent_on) {
        out.push(Diagnostic::new(
            &file,
            "sent_on",
            "the invitations must be sent before the first presentation",
        ));
    }
    if s.drawn_on > s.sent_on {
        out.push(Diagnostic::new(
            &file,
            "drawn_on",
            "the slots are drawn before the invitations are sent",
        ));
    }
    for (i, slot) in s.slots.iter().enumerate() {
        let field = |f: &str| format!("slots.{i}.{f}");
        match project.bids.iter().find(|b| b.id == slot.bidder) {
            None => out.push(Diagnostic::new(
                &file,
                field("bidder"),
                format!("no bid with id `{}` in bids/", slot.bidder),
            )),
            // A bid may be excluded after its slot was drawn (e.g. when its evidence fails):
            // the slot stays on record, but no invitation is written.
            Some(b) if b.status != Status::Valid => out.push(Diagnostic::warning(
                &file,
                field("bidder"),
                format!(
                    "the bid `{}` is excluded: no invitation is written for its slot",
                    b.id
                ),
            )),
            Some(_) => {}
        }
        if !days.is_empty() && !days.contains(&slot.date) {
            let list: Vec<String> = days.iter().map(|d| d.to_string()).collect();
            out.push(Diagnostic::new(
                &file,
                field("date"),
                format!(
                    "not a presentation day of the planning ({})",
                    list.join(", ")
                ),
            ));
        }
        let end = slot.start_at() + Duration::minutes(minutes);
        for (j, other) in s.slots.iter().enumerate().take(i) {
            if other.bidder == slot.bidder {
                out.push(Diagnostic::new(
                    &file,
                    field("bidder"),
                    format!("`{}` has two slots", slot.bidder),
                ));
            }
            let other_end = other.start_at() + Duration::minutes(minutes);
            if slot.start_at() < other_end && other.start_at() < end {
                out.push(Diagnostic::new(
                    &file,
                    field("start"),
                    format!("overlaps slot {} (each slot takes {minutes} minutes: presentation and questions)", j + 1),
                ));
            }
        }
    }
    for bid in project.bids.iter().filter(|b| b.status == Status::Valid) {
        if s.slot(&bid.id).is_none() {
            out.push(Diagnostic::new(
                &file,
                "slots",
                format!("the valid bid `{}` has no slot", bid.id),
            ));
        }
    }
}
