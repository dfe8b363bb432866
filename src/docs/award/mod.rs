//! The award decision (voorlopige gunningsbeslissing): one reasoned letter per bidder (to send,
//! in `gunning/`), and for the file only (in `intern/`) the committee's evaluation report
//! (proces-verbaal van beoordeling), the award decision of the competent person
//! (gunningsbesluit) and `evaluation.json`.
//!
//! Everything is computed from the data by [`crate::evaluation`] (the pure scoring and the
//! standstill of [`crate::calendar`]). The views below decide what each
//! letter may show (art. 2.57 Aw 2012): a letter carries only the addressee's own assessment and,
//! for comparison, the winner's; never another bidder's name, scores or rates, and the winner's
//! total price only when `decision.yaml` allows it. The letter's wording is the plain Typst module
//! `templates/gunning/letter.typ`; each letter's generated source is one data dictionary.

mod guard;
mod json;
pub mod lots;
pub mod matrix;
pub mod renewal;
mod views;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use tera::Context;

use super::itt::Outline;
use super::{self as docs, DocMeta, Job, OutFile, Plan, RunOptions, folder};
use crate::evaluation::Outcome;
use crate::model::Project;
use crate::model::bids::{Bid, Decision};

pub use guard::confidentiality;
pub use json::Json;
pub(crate) use json::evaluation_json;
pub use renewal::RenewalView;
pub use views::*;

pub const LETTER_TEMPLATE: &str = "gunning/letter.typ.tera";
pub(crate) const REPORT_TEMPLATE: &str = "gunning/proces-verbaal.typ.tera";
pub(crate) const DECISION_TEMPLATE: &str = "gunning/gunningsbesluit.typ.tera";

/// The folder of the letters to send inside the tender's output folder.
pub fn dir(project: &Project) -> PathBuf {
    folder(project).join("gunning")
}

pub use super::intern_dir;

/// The letter's file name: `gunningsbeslissing-<bidder-id>.pdf`.
pub fn letter_file(project: &Project, bidder: &str) -> PathBuf {
    dir(project).join(format!("gunningsbeslissing-{bidder}.pdf"))
}

pub fn report_file(project: &Project) -> PathBuf {
    intern_dir(project).join("proces-verbaal-van-beoordeling.pdf")
}

pub fn decision_file(project: &Project) -> PathBuf {
    intern_dir(project).join("gunningsbesluit.pdf")
}

pub fn json_file(project: &Project) -> PathBuf {
    intern_dir(project).join("evaluation.json")
}

/// The letters, the report and `evaluation.json` from the evaluation's `outcome` (none when
/// there are no bids or no decision yet: nothing, with a note on stderr, since `gen all` runs
/// this in every phase). `outline` is the invitation to tender's, whose paragraphs the letters
/// cite.
pub fn plan(
    project: &Project,
    outline: &Outline,
    outcome: Option<&Outcome>,
    opts: &RunOptions,
) -> Plan {
    plan_renewed(project, outline, outcome, opts, None)
}

/// [`plan`] for a new award decision that replaces an earlier one (`renewal`, §2.8): the
/// letters and records say what they replace and why.
pub fn plan_renewed(
    project: &Project,
    outline: &Outline,
    outcome: Option<&Outcome>,
    opts: &RunOptions,
    renewal: Option<&RenewalView>,
) -> Plan {
    if project.bids.is_empty() {
        return Plan::default();
    }
    let (Some(decision), Some(outcome)) = (&project.decision, outcome) else {
        eprintln!(
            "note: {} bid(s) but no {}: no award letters yet",
            project.bids.len(),
            project.dir.join("decision.yaml").display()
        );
        return Plan::default();
    };
    if outcome.evaluation.winner.is_none() {
        eprintln!(
            "note: no bid is valid, so there is no winner: only exclusion letters and the evaluation report are written"
        );
    }
    let views = Views::new(project, outline, decision, outcome);

    let mut plan = Plan::default();
    // What every letter shares, converted once: Tera values share maps and lists, so a
    // thousand letters hold one copy of it instead of a thousand.
    let title = match renewal {
        Some(_) => "Nieuwe voorlopige gunningsbeslissing",
        None => "Voorlopige gunningsbeslissing",
    };
    let meta = meta(project, title, decision, opts);
    let shared = Arc::new(Shared {
        title: meta.title.clone(),
        doc: tera::Value::from_serializable(&meta),
        common: tera::Value::from_serializable(&views.common),
    });
    for bid in &project.bids {
        let renewal = renewal.map(|r| r.for_letter(&bid.id, None));
        plan.jobs
            .push(letter_job(project, decision, &views, &shared, bid, renewal));
    }
    for job in [
        report_job(project, decision, &views, opts),
        decision_job(project, decision, &views, opts),
    ] {
        plan.jobs.push(with_renewal(job, renewal));
    }
    plan.files.push(OutFile {
        path: json_file(project),
        bytes: evaluation_json(project, decision, outcome, &views).into_bytes(),
    });
    plan
}

fn meta(project: &Project, title: &str, decision: &Decision, opts: &RunOptions) -> DocMeta {
    DocMeta::new(project, title, decision.sent_on, opts)
}

/// The context values all letters of a run share.
struct Shared {
    title: String,
    doc: tera::Value,
    common: tera::Value,
}

impl Shared {
    fn context(&self) -> Context {
        let mut context = Context::new();
        context.insert_value("doc", self.doc.clone());
        context.insert_value("common", self.common.clone());
        context
    }
}

fn letter_job(
    project: &Project,
    decision: &Decision,
    views: &Views,
    shared: &Arc<Shared>,
    bid: &Bid,
    renewal: Option<RenewalView>,
) -> Job {
    // The letter's own view is kept as typed data; its context is made when it is rendered.
    let mut letter = views.letter(project, bid);
    if let Some(r) = &renewal {
        // A new decision's letter has a reference of its own.
        letter.kenmerk = format!("{}/{}/{}", project.tender.reference, r.folder, bid.id);
    }
    let shared_values = Arc::clone(shared);
    Job {
        file: letter_file(project, &bid.id),
        title: format!("{} – {}", shared.title, bid.name),
        template: LETTER_TEMPLATE,
        context: docs::Context::deferred(move || {
            let mut context = shared_values.context();
            context.insert("letter", &letter);
            if let Some(r) = &renewal {
                context.insert("renewal", r);
            }
            context
        }),
        date: decision.sent_on,
    }
}

/// A record's job with the replaced decision in its context (`renewal`), when there is one.
pub(crate) fn with_renewal(job: Job, renewal: Option<&RenewalView>) -> Job {
    let Some(r) = renewal else { return job };
    let r = r.clone();
    let make = job.context;
    Job {
        context: docs::Context::deferred(move || {
            let mut context = make.make();
            context.insert("renewal", &r);
            context
        }),
        ..job
    }
}

/// The committee's record, dated on the consensus meeting.
fn report_job(project: &Project, decision: &Decision, views: &Views, opts: &RunOptions) -> Job {
    internal_job(
        project,
        views,
        opts,
        ("Proces-verbaal van beoordeling", REPORT_TEMPLATE),
        report_file(project),
        decision.consensus_on,
    )
}

/// The award decision of the competent person, dated on the day it was taken.
fn decision_job(project: &Project, decision: &Decision, views: &Views, opts: &RunOptions) -> Job {
    internal_job(
        project,
        views,
        opts,
        ("Gunningsbesluit", DECISION_TEMPLATE),
        decision_file(project),
        decision.decided_on,
    )
}

/// An internal record of the evaluation (`(title, template)`), with the shared views.
fn internal_job(
    project: &Project,
    views: &Views,
    opts: &RunOptions,
    (title, template): (&str, &'static str),
    file: PathBuf,
    date: NaiveDate,
) -> Job {
    let meta = DocMeta::new(project, title, date, opts);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("common", &views.common);
    context.insert("report", &views.report);
    Job {
        file,
        title: meta.title,
        template,
        context: docs::Context::ready(context),
        date,
    }
}
