//! `data/presentations.yaml`: where the sessions at which the bidders are heard take place (the
//! presentation, award.yaml `presentation`, or else the interview, award.yaml `interview`) and
//! the slot of each valid bidder, drawn by lot. Length, question time and attendees are the
//! invitation's (award.yaml); the days are the planning's `presentation` or `interview`
//! milestone.

use std::path::PathBuf;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Person, hh_mm};
use crate::error::Diagnostic;
use crate::model::Project;
use crate::model::award::{Form, Session};
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

/// The session this file schedules: the presentation when a quality criterion is assessed on
/// one (award.yaml `form: presentation`), else the interview (`form: interview`); `None` when
/// the bidders are not heard. With its block from award.yaml.
pub fn heard(project: &Project) -> Option<(Form, &Session)> {
    [Form::Presentation, Form::Interview]
        .into_iter()
        .find(|f| project.award.has_form(*f))
        .and_then(|f| project.award.session(f).map(|s| (f, s)))
}

/// Minutes a slot takes: the presentation or interview and the questions (award.yaml), when
/// the bidders are heard.
pub(crate) fn slot_minutes(project: &Project) -> Option<i64> {
    let (_, p) = heard(project)?;
    Some(i64::from(p.duration_minutes.value()) + i64::from(p.questions_minutes.value()))
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
            "award.yaml has no presentation or interview: remove presentations.yaml or describe \
             the session there",
        ));
        return;
    };
    let (form, session) = heard(project).expect("slot_minutes is Some");
    let noun = match form {
        Form::Interview => "interview",
        _ => "presentation",
    };
    if form == Form::Presentation && project.award.has_form(Form::Interview) {
        out.push(Diagnostic::warning(
            &file,
            "slots",
            "award.yaml has both a presentation and an interview: these slots are the \
             presentations' (invite to the interview otherwise)",
        ));
    }
    let days: &[NaiveDate] = &session.dates;
    if s.venue.is_empty() && s.link.is_none() {
        out.push(Diagnostic::new(
            &file,
            "venue",
            format!("give the venue's address or the `link` of an online {noun}"),
        ));
    }
    if s.sent_on > s.slots.iter().map(|x| x.date).min().unwrap_or(s.sent_on) {
        out.push(Diagnostic::new(
            &file,
            "sent_on",
            format!("the invitations must be sent before the first {noun}"),
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
                format!("not a {noun} day of the planning ({})", list.join(", ")),
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
                    format!("overlaps slot {} (each slot takes {minutes} minutes: {noun} and questions)", j + 1),
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
