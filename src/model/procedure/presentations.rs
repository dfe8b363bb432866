//! `data/presentations.yaml`: where the sessions at which the bidders are heard take place (the
//! presentation, award.yaml `presentation`, or else the interview, award.yaml `interview`) and
//! the slot of each valid bidder, drawn by lot. Length, question time and attendees are the
//! invitation's (award.yaml); the days are the planning's `presentation` or `interview`
//! milestone.
//!
//! In a tender divided into lots each lot is scored on its own (art. 1.5 Aw 2012), so a bidder
//! is heard per lot: one slot per valid bid per lot whose criteria (after the lot's `criteria:`
//! selection) include a presentation or interview, each slot naming its `lot`.

use std::borrow::Cow;
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
    /// One slot per valid bid (in a divided tender: per valid bid per lot heard).
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
    /// In a tender divided into lots: the lot this session is for (required there; refused
    /// in an undivided tender).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<u32>,
    pub date: NaiveDate,
    #[serde(deserialize_with = "hh_mm")]
    #[schemars(with = "crate::model::schema::TimeOfDay")]
    pub start: NaiveTime,
}

impl Presentations {
    pub(crate) fn file(project: &Project) -> PathBuf {
        project.dir.join(FILE)
    }

    /// The bidder's slot in an undivided tender (a `lot` there is refused by validation).
    pub fn slot(&self, bidder: &str) -> Option<&Slot> {
        self.slots.iter().find(|s| s.bidder == bidder)
    }

    /// The bidder's slot for `lot` (`None`: an undivided tender).
    pub fn slot_for(&self, bidder: &str, lot: Option<u32>) -> Option<&Slot> {
        match lot {
            None => self.slot(bidder),
            Some(_) => self
                .slots
                .iter()
                .find(|s| s.bidder == bidder && s.lot == lot),
        }
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

/// Where the bidders are heard: in an undivided tender the project itself (`None`) when it
/// has a presentation or interview; in a divided one each lot, as the lot sees the project
/// ([`Project::lot`]), whose criteria include one. Each lot is scored on its own (art. 1.5
/// Aw 2012), so each gets its own sessions.
pub fn heard_lots(project: &Project) -> Vec<(Option<u32>, Cow<'_, Project>)> {
    let Some(lots) = project.tender.lots.as_ref().filter(|l| l.divided) else {
        return heard(project)
            .map(|_| (None, Cow::Borrowed(project)))
            .into_iter()
            .collect();
    };
    lots.numbers()
        .into_iter()
        .filter_map(|n| project.lot(n).map(|p| (n, p)))
        .filter(|(_, p)| heard(p).is_some())
        .map(|(n, p)| (Some(n), Cow::Owned(p)))
        .collect()
}

/// A form's noun in the messages.
fn form_noun(form: Form) -> &'static str {
    match form {
        Form::Interview => "interview",
        _ => "presentation",
    }
}

/// " for lot 2", or nothing in an undivided tender.
fn for_lot(lot: Option<u32>) -> String {
    lot.map(|n| format!(" for lot {n}")).unwrap_or_default()
}

pub(crate) fn validate(s: &Presentations, project: &Project, out: &mut Vec<Diagnostic>) {
    let file = Presentations::file(project);
    let divided = project.tender.divided();
    let heard_in = heard_lots(project);
    let Some((form, _)) = heard_in.first().and_then(|(_, p)| heard(p)) else {
        let message = if divided {
            "no lot is assessed on a presentation or interview (award.yaml, the lots' `criteria` \
             in tender.yaml): remove presentations.yaml or describe the session there"
        } else {
            "award.yaml has no presentation or interview: remove presentations.yaml or describe \
             the session there"
        };
        out.push(Diagnostic::new(&file, "slots", message));
        return;
    };
    let noun = form_noun(form);
    if heard(project).is_some_and(|(f, _)| f == Form::Presentation)
        && project.award.has_form(Form::Interview)
    {
        out.push(Diagnostic::warning(
            &file,
            "slots",
            "award.yaml has both a presentation and an interview: these slots are the \
             presentations' (invite to the interview otherwise)",
        ));
    }
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
    let heard_lot = |lot: Option<u32>| {
        heard_in
            .iter()
            .find(|(l, _)| *l == lot)
            .map(|(_, p)| p.as_ref())
    };
    // Each slot's session as its lot sees it (`None`: its lot is wrong, reported once).
    let sessions: Vec<Option<&Project>> = s
        .slots
        .iter()
        .enumerate()
        .map(|(i, slot)| slot_lot(slot, i, project, &file, &heard_lot, out))
        .collect();
    // Minutes a slot takes; a slot of a wrong lot takes the first session's.
    let first = &heard_in[0].1;
    let minutes = |i: usize| slot_minutes(sessions[i].unwrap_or(first)).unwrap_or_default();
    for (i, slot) in s.slots.iter().enumerate() {
        let field = |f: &str| format!("slots.{i}.{f}");
        let at = sessions[i].unwrap_or(first);
        bidder(
            slot,
            at,
            sessions[i].is_some(),
            project,
            &file,
            &field("bidder"),
            out,
        );
        // A lot may be heard in an interview where another has a presentation.
        let (noun, days): (&str, &[NaiveDate]) =
            heard(at).map_or((noun, &[]), |(f, session)| (form_noun(f), &session.dates));
        if !days.is_empty() && !days.contains(&slot.date) {
            let list: Vec<String> = days.iter().map(|d| d.to_string()).collect();
            out.push(Diagnostic::new(
                &file,
                field("date"),
                format!("not a {noun} day of the planning ({})", list.join(", ")),
            ));
        }
        let end = slot.start_at() + Duration::minutes(minutes(i));
        // Sessions of all lots share the committee and the room: none may overlap, not even
        // two of one bidder for different lots.
        for (j, other) in s.slots.iter().enumerate().take(i) {
            if other.bidder == slot.bidder && (!divided || other.lot == slot.lot) {
                out.push(Diagnostic::new(
                    &file,
                    field("bidder"),
                    format!("`{}` has two slots{}", slot.bidder, for_lot(slot.lot)),
                ));
            }
            let other_end = other.start_at() + Duration::minutes(minutes(j));
            if slot.start_at() < other_end && other.start_at() < end {
                out.push(Diagnostic::new(
                    &file,
                    field("start"),
                    format!(
                        "overlaps slot {} (each slot takes {} minutes: {noun} and questions)",
                        j + 1,
                        minutes(i)
                    ),
                ));
            }
        }
    }
    for (lot, p) in &heard_in {
        for bid in p.bids.iter().filter(|b| b.status == Status::Valid) {
            if s.slot_for(&bid.id, *lot).is_none() {
                out.push(Diagnostic::new(
                    &file,
                    "slots",
                    format!("the valid bid `{}` has no slot{}", bid.id, for_lot(*lot)),
                ));
            }
        }
    }
}

/// The session `slot` (the `i`th) is for, as its lot sees the project: `lot` is required in
/// a divided tender, names a declared lot with a presentation or interview, and is refused
/// in an undivided one. `None` (reported) when the lot is wrong.
fn slot_lot<'p>(
    slot: &Slot,
    i: usize,
    project: &'p Project,
    file: &std::path::Path,
    heard_lot: &dyn Fn(Option<u32>) -> Option<&'p Project>,
    out: &mut Vec<Diagnostic>,
) -> Option<&'p Project> {
    let field = format!("slots.{i}.lot");
    let lots = project.tender.lots.as_ref().filter(|l| l.divided);
    match (lots, slot.lot) {
        (None, None) => Some(project),
        (None, Some(_)) => {
            out.push(Diagnostic::new(
                file,
                field,
                "the tender is not divided into lots: remove `lot`",
            ));
            Some(project)
        }
        (Some(_), None) => {
            out.push(Diagnostic::new(
                file,
                field,
                format!(
                    "the tender is divided into lots: name the lot this session is for \
                     (`lot: <number>`; lots with a presentation or interview: {})",
                    heard_list(project)
                ),
            ));
            None
        }
        (Some(lots), Some(n)) => {
            if !super::declared_lot_at(lots, n, file, &field, out) {
                return None;
            }
            let found = heard_lot(Some(n));
            if found.is_none() {
                out.push(Diagnostic::new(
                    file,
                    field,
                    format!(
                        "lot {n} is not assessed on a presentation or interview (its criteria \
                         in tender.yaml): no session for it (lots with one: {})",
                        heard_list(project)
                    ),
                ));
            }
            found
        }
    }
}

/// The numbers of the lots with a presentation or interview, "none" when there are none.
fn heard_list(project: &Project) -> String {
    let lots: Vec<String> = heard_lots(project)
        .iter()
        .filter_map(|(l, _)| l.map(|n| n.to_string()))
        .collect();
    if lots.is_empty() {
        "none".to_string()
    } else {
        lots.join(", ")
    }
}

/// The slot's bidder: a bid, in a divided tender one for the slot's lot (`at`, when `known`),
/// and valid there (an excluded bid's slot stays on record, with a warning: a bid may be
/// excluded after its slot was drawn, e.g. when its evidence fails; no invitation is
/// written).
fn bidder(
    slot: &Slot,
    at: &Project,
    known: bool,
    project: &Project,
    file: &std::path::Path,
    field: &str,
    out: &mut Vec<Diagnostic>,
) {
    if !project.bids.iter().any(|b| b.id == slot.bidder) {
        out.push(Diagnostic::new(
            file,
            field,
            format!("no bid with id `{}` in bids/", slot.bidder),
        ));
        return;
    }
    if !known {
        return;
    }
    match at.bids.iter().find(|b| b.id == slot.bidder) {
        None => out.push(Diagnostic::new(
            file,
            field,
            format!(
                "the bid `{}` is not for lot {} (its `lots` in bids/): no session for it",
                slot.bidder,
                slot.lot.unwrap_or_default(),
            ),
        )),
        Some(b) if b.status != Status::Valid => out.push(Diagnostic::warning(
            file,
            field,
            format!(
                "the bid `{}` is excluded{}: no invitation is written for its slot",
                b.id,
                slot.lot
                    .map(|n| format!(" from lot {n}"))
                    .unwrap_or_default()
            ),
        )),
        Some(_) => {}
    }
}
