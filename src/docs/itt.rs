//! The invitation to tender (offerteaanvraag): the whole tender data in one document.

use tera::Context;

use super::{DocMeta, Job, RunOptions, folder};
use crate::model::Project;

pub const TEMPLATE: &str = "offerteaanvraag.typ.tera";

pub fn job(project: &Project, opts: &RunOptions) -> Job {
    let date = project.tender.date;
    let meta = DocMeta::new(project, "Offerteaanvraag", date, opts);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("tender", &project.tender);
    context.insert("tender_derived", &project.tender.derived());
    context.insert("requirements", &project.requirements);
    context.insert("award", &project.award);
    context.insert("award_derived", &project.award.derived());
    Job {
        file: folder(project).join("offerteaanvraag.pdf"),
        title: meta.title,
        template: TEMPLATE,
        context,
        date,
    }
}
