//! The invitations to present (uitnodiging presentatie): one per valid bidder with a slot in
//! `presentations.yaml`, when a quality sub-criterion is assessed on a presentation. Date and
//! slot, place or link, length and question time, attendees and what to present all come from
//! the data: the slot from `presentations.yaml`, the rest from `award.yaml` as the invitation
//! to tender states it.

use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use tera::Context;

use super::{Head, PersonView, hh_mm};
use crate::calendar::Holidays;
use crate::docs::{self, DocMeta, Job, Plan, RunOptions, folder};
use crate::model::Project;
use crate::model::award::{Form, Presentation};
use crate::model::bids::{Bid, Status};
use crate::model::procedure::presentations::{self, Presentations};

pub(crate) const TEMPLATE: &str = "procedure/uitnodiging-presentatie.typ.tera";

pub fn dir(project: &Project) -> PathBuf {
    folder(project).join("presentaties")
}

pub fn file(project: &Project, bidder: &str) -> PathBuf {
    dir(project).join(format!("uitnodiging-presentatie-{bidder}.pdf"))
}

#[derive(Debug, Serialize)]
struct View<'a> {
    #[serde(flatten)]
    head: Head,
    kenmerk: String,
    sent_on: String,
    addressee: Addressee,
    date: String,
    start: String,
    end: String,
    arrive: Option<String>,
    venue: &'a [String],
    link: Option<&'a str>,
    /// The sub-criteria assessed on the presentation (`G2.3 Presentatie`).
    criteria: Vec<Criterion>,
    presentation: &'a Presentation,
    presentation_criteria: Vec<String>,
    attendees_by: String,
    signatory: PersonView,
    contact: &'a presentations::Contact,
}

#[derive(Debug, Serialize)]
struct Criterion {
    id: String,
    title: String,
    intent: String,
}

#[derive(Debug, Serialize)]
struct Addressee {
    name: String,
    contact: String,
    address: Vec<String>,
    salutation: String,
}

/// One invitation per slot, once `presentations.yaml` exists and the tender has a presentation.
pub fn plan(project: &Project, opts: &RunOptions) -> Plan {
    let mut plan = Plan::default();
    let Some(p) = &project.procedure.presentations else {
        return plan;
    };
    let Some(a) = project.award.presentation.as_ref() else {
        return plan;
    };
    if !presentations::has_presentation(project) {
        return plan;
    }
    for bid in project.bids.iter().filter(|b| b.status == Status::Valid) {
        let Some(slot) = p.slot(&bid.id) else {
            continue;
        };
        let meta = DocMeta::new(project, "Uitnodiging presentatie", p.sent_on, opts);
        let mut context = Context::new();
        context.insert("doc", &meta);
        context.insert("invitation", &view(project, a, p, bid, slot));
        plan.jobs.push(Job {
            file: file(project, &bid.id),
            title: format!("{} – {}", meta.title, bid.name),
            template: TEMPLATE,
            context: docs::Context::ready(context),
            date: p.sent_on,
        });
    }
    plan
}

/// The day by which the attendees' names are given: the given number of working days (Atw)
/// before the presentation.
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
    a: &'a Presentation,
    p: &'a Presentations,
    bid: &Bid,
    slot: &presentations::Slot,
) -> View<'a> {
    let t = &project.tender;
    let minutes = presentations::slot_minutes(project).unwrap_or_default();
    View {
        head: Head::of(project),
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
        criteria: project
            .award
            .criteria
            .iter()
            .flat_map(|c| &c.sub_criteria)
            .filter(|s| s.form == Form::Presentation)
            .map(|s| Criterion {
                id: s.id.clone(),
                title: s.title.clone(),
                intent: s.intent.clone(),
            })
            .collect(),
        presentation: a,
        presentation_criteria: project
            .award
            .quality
            .presentation_criteria
            .iter()
            .map(|b| b.text.clone())
            .collect(),
        attendees_by: working_days_before(slot.date, p.attendees_notice_working_days).to_string(),
        signatory: (&p.signatory).into(),
        contact: &p.contact,
    }
}
