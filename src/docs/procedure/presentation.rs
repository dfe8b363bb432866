//! The invitations to the session where the bidder is heard (uitnodiging presentatie, or
//! uitnodiging interview): one per valid bidder with a slot in `presentations.yaml`, when a
//! quality criterion is assessed on a presentation (or else an interview). Date and slot,
//! place or link, length and question time, attendees and what to present or discuss all come
//! from the data: the slot from `presentations.yaml`, the rest from `award.yaml` as the
//! invitation to tender states it. One document kind, worded per form by the template.
//!
//! In a tender divided into lots a bidder is heard per lot (each lot is scored on its own):
//! one invitation per slot, `presentaties/perceel-<n>/uitnodiging-presentatie-<bidder>.pdf`,
//! made on the lot's projection (`Project::lot`), so the criteria and what to present are the
//! lot's, and the letter names the lot ("Perceel 2: Vergadermeubilair") in its subject, text
//! and kenmerk, as the award letters of a lot do.

use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use tera::Context;

use super::{Head, PersonView, hh_mm};
use crate::calendar::Holidays;
use crate::docs::award::lots::lot_label;
use crate::docs::{self, DocMeta, Job, Plan, RunOptions, folder};
use crate::model::Project;
use crate::model::award::{Form, Session};
use crate::model::bids::{Bid, Status};
use crate::model::procedure::presentations::{self, Presentations};

pub(crate) const TEMPLATE: &str = "procedure/uitnodiging-presentatie.typ.tera";

/// The Dutch noun of a session form: `presentatie`, `interview`.
fn noun(form: Form) -> &'static str {
    match form {
        Form::Interview => "interview",
        _ => "presentatie",
    }
}

/// The folder of the invitations: `presentaties` or `interviews`.
pub fn dir(project: &Project) -> PathBuf {
    let plural = match presentations::heard(project) {
        Some((Form::Interview, _)) => "interviews",
        _ => "presentaties",
    };
    folder(project).join(plural)
}

/// The invitation of `bidder` for the session of `project` (in a divided tender: the lot's
/// projection, `lot` its number).
pub fn file(project: &Project, lot: Option<u32>, bidder: &str) -> PathBuf {
    let form = presentations::heard(project).map_or(Form::Presentation, |(f, _)| f);
    let dir = match lot {
        Some(n) => dir(project).join(format!("perceel-{n}")),
        None => dir(project),
    };
    dir.join(format!("uitnodiging-{}-{bidder}.pdf", noun(form)))
}

/// The lot an invitation is for, in a divided tender.
#[derive(Debug, Serialize)]
struct LotView {
    number: u32,
    /// "Perceel 2: Vergadermeubilair".
    label: String,
}

#[derive(Debug, Serialize)]
struct View<'a> {
    #[serde(flatten)]
    head: Head,
    /// The lot of a divided tender this session is for; absent otherwise.
    lot: Option<LotView>,
    kenmerk: String,
    sent_on: String,
    addressee: Addressee,
    date: String,
    start: String,
    end: String,
    arrive: Option<String>,
    venue: &'a [String],
    link: Option<&'a str>,
    /// `presentation` or `interview`: the template words the letter by it.
    form: Form,
    /// The criteria assessed in the session (`G2.3 Presentatie`).
    criteria: Vec<Criterion>,
    /// Length, question time, attendees and case (award.yaml `presentation` or `interview`).
    session: &'a Session,
    /// The general assessment criteria of the form.
    assessment_criteria: Vec<String>,
    attendees_by: String,
    signatory: PersonView,
    contact: &'a presentations::Contact,
}

#[derive(Debug, Serialize)]
struct Criterion {
    id: String,
    title: String,
    intent: String,
    /// The points the session addresses at least.
    points_to_address: Vec<String>,
    /// A directly scored criterion (a gunningscriterium, not a subgunningscriterium).
    direct: bool,
}

#[derive(Debug, Serialize)]
struct Addressee {
    name: String,
    contact: String,
    address: Vec<String>,
    salutation: String,
}

/// One invitation per slot, once `presentations.yaml` exists and the bidders are heard (a
/// presentation, or else an interview): per valid bid, and in a divided tender per lot with a
/// session that the bid is for and valid in.
pub fn plan(project: &Project, opts: &RunOptions) -> Plan {
    let mut plan = Plan::default();
    let Some(p) = &project.procedure.presentations else {
        return plan;
    };
    for (lot, session) in presentations::heard_lots(project) {
        let Some((form, a)) = presentations::heard(&session) else {
            continue;
        };
        for bid in session.bids.iter().filter(|b| b.status == Status::Valid) {
            let Some(slot) = p.slot_for(&bid.id, lot) else {
                continue;
            };
            let title = match lot {
                Some(n) => format!("Uitnodiging {} perceel {n}", noun(form)),
                None => format!("Uitnodiging {}", noun(form)),
            };
            let meta = DocMeta::new(&session, &title, p.sent_on, opts);
            let mut context = Context::new();
            context.insert("doc", &meta);
            let mut invitation = view(&session, form, a, p, bid, slot);
            if let Some(n) = lot {
                invitation.kenmerk =
                    format!("{}/P/perceel-{n}/{}", session.tender.reference, bid.id);
                invitation.lot = Some(LotView {
                    number: n,
                    label: lot_label(project, n),
                });
            }
            context.insert("invitation", &invitation);
            plan.jobs.push(Job {
                file: file(&session, lot, &bid.id),
                title: format!("{} – {}", meta.title, bid.name),
                template: TEMPLATE,
                context: docs::Context::ready(context),
                date: p.sent_on,
            });
        }
    }
    plan
}

/// The day by which the attendees' names are given: the given number of working days (Atw)
/// before the session.
fn working_days_before(day: NaiveDate, days: u32) -> NaiveDate {
    let holidays = Holidays::default();
    let mut d = day;
    let mut left = days;
    while left > 0 {
        d -= Duration::days(1);
        if holidays.is_working_day(d) {
            left -= 1;
        }
    }
    d
}

fn view<'a>(
    project: &'a Project,
    form: Form,
    a: &'a Session,
    p: &'a Presentations,
    bid: &Bid,
    slot: &presentations::Slot,
) -> View<'a> {
    let t = &project.tender;
    let minutes = presentations::slot_minutes(project).unwrap_or_default();
    View {
        head: Head::of(project),
        lot: None,
        kenmerk: format!("{}/P/{}", t.reference, bid.id),
        sent_on: p.sent_on.to_string(),
        addressee: Addressee {
            name: bid.name.clone(),
            contact: bid.contact.name.clone(),
            address: bid.address.clone(),
            salutation: bid.contact.salutation(),
        },
        date: slot.date.to_string(),
        start: hh_mm(slot.start),
        end: hh_mm(slot.start + Duration::minutes(minutes)),
        arrive: p
            .arrive_minutes_before
            .map(|m| hh_mm(slot.start - Duration::minutes(i64::from(m)))),
        venue: &p.venue,
        link: p.link.as_deref(),
        form,
        criteria: project
            .award
            .quality_criteria()
            .filter(|s| s.form == form)
            .map(|s| Criterion {
                id: s.id.clone(),
                title: s.title.clone(),
                intent: s.intent.clone(),
                points_to_address: s.points_to_address.clone(),
                direct: project
                    .award
                    .criteria
                    .iter()
                    .any(|c| c.direct && c.id == s.id),
            })
            .collect(),
        session: a,
        assessment_criteria: match form {
            Form::Interview => &project.award.quality.interview_criteria,
            _ => &project.award.quality.presentation_criteria,
        }
        .iter()
        .map(|b| b.text.clone())
        .collect(),
        attendees_by: working_days_before(slot.date, p.attendees_notice_working_days).to_string(),
        signatory: (&p.signatory).into(),
        contact: &p.contact,
    }
}
