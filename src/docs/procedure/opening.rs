//! The proces-verbaal van opening (§2.5 of the invitation): closing and opening, who opened,
//! each bid with its time of receipt, incomplete and late submissions. Internal.

use std::path::PathBuf;

use serde::Serialize;
use tera::Context;

use super::{Head, PersonView, bidder_name, hh_mm, intern_dir};
use crate::docs::{self, DocMeta, Job, RunOptions};
use crate::model::Project;
use crate::model::procedure::opening::Opening;

pub(crate) const TEMPLATE: &str = "procedure/proces-verbaal-van-opening.typ.tera";

pub fn file(project: &Project) -> PathBuf {
    intern_dir(project).join("proces-verbaal-van-opening.pdf")
}

#[derive(Debug, Serialize)]
struct View {
    #[serde(flatten)]
    head: Head,
    platform: String,
    /// Closing time of the digital safe (the planning's submission deadline).
    closing_date: Option<String>,
    closing_time: Option<String>,
    opened_date: String,
    opened_time: String,
    opened_by: Vec<PersonView>,
    present: Vec<PersonView>,
    disruption: Option<String>,
    received: Vec<Received>,
    incomplete: usize,
    late: Vec<Late>,
}

#[derive(Debug, Serialize)]
struct Received {
    number: usize,
    name: String,
    date: String,
    time: String,
    complete: bool,
    remarks: Option<String>,
}

#[derive(Debug, Serialize)]
struct Late {
    name: String,
    date: String,
    time: String,
    remarks: String,
}

/// The proces-verbaal, once `opening.yaml` exists.
pub fn job(project: &Project, opts: &RunOptions) -> Option<Job> {
    let o = project.procedure.opening.as_ref()?;
    let meta = DocMeta::new(project, "Proces-verbaal van opening", o.date, opts);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("opening", &view(project, o));
    Some(Job {
        file: file(project),
        title: meta.title,
        template: TEMPLATE,
        context: docs::Context::ready(context),
        date: o.date,
    })
}

fn view(project: &Project, o: &Opening) -> View {
    let t = &project.tender;
    let closing = t.submission_deadline();
    // In order of receipt, as the platform lists them.
    let mut received: Vec<_> = o.received.iter().collect();
    received.sort_by_key(|r| (r.date, r.time));
    View {
        head: Head::of(project),
        platform: t.procedure.platform.clone(),
        closing_date: closing.map(|c| c.date().to_string()),
        closing_time: closing.map(|c| hh_mm(c.time())),
        opened_date: o.date.to_string(),
        opened_time: hh_mm(o.time),
        opened_by: o.opened_by.iter().map(PersonView::from).collect(),
        present: o.present.iter().map(PersonView::from).collect(),
        disruption: o.disruption.clone(),
        incomplete: received.iter().filter(|r| !r.complete).count(),
        received: received
            .iter()
            .enumerate()
            .map(|(i, r)| Received {
                number: i + 1,
                name: bidder_name(project, &r.bidder),
                date: r.date.to_string(),
                time: hh_mm(r.time),
                complete: r.complete,
                remarks: r.remarks.clone(),
            })
            .collect(),
        late: o
            .late
            .iter()
            .map(|l| Late {
                name: l.name.clone(),
                date: l.date.to_string(),
                time: hh_mm(l.time),
                remarks: l.remarks.clone(),
            })
            .collect(),
    }
}
