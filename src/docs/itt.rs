//! The invitation to tender (offerteaanvraag): the whole tender data in one document.

use tera::Context;

use super::derived::{AwardDerived, LotsView, TenderDerived};
use super::{DocMeta, Job, RunOptions, folder};
use crate::model::Project;

pub(crate) const TEMPLATE: &str = "offerteaanvraag.typ.tera";

pub fn job(project: &Project, opts: &RunOptions) -> Job {
    let date = project.tender.date;
    let meta = DocMeta::new(project, "Offerteaanvraag", date, opts);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("tender", &project.tender);
    context.insert("tender_derived", &TenderDerived::of(&project.tender));
    context.insert("requirements", &project.requirements);
    context.insert("award", &project.award);
    context.insert("award_derived", &AwardDerived::of(&project.award));
    context.insert("lots", &LotsView::of(project));
    Job {
        file: folder(project).join("offerteaanvraag.pdf"),
        title: meta.title,
        template: TEMPLATE,
        context: super::Context::ready(context),
        date,
    }
}

/// A numbered heading of the invitation to tender: its number (`2.7`) and Typst label, if any
/// (`sec-beoordelingsprocedure`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub number: String,
    pub label: Option<String>,
}

/// The numbered headings of the invitation to tender as the templates in use number them:
/// what NvI questions and award letters cite. The build computes it once per run from the
/// generated source (`build::outline`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub headings: Vec<Heading>,
}

impl Outline {
    /// The section numbers (`1`, `1.1`, …, `5.3.1`): what NvI questions may refer to.
    pub(crate) fn sections(&self) -> Vec<String> {
        self.headings.iter().map(|h| h.number.clone()).collect()
    }

    /// Section numbers by heading label (`sec-beoordelingsprocedure` → `2.7`), for documents
    /// that cite a paragraph of the invitation to tender.
    pub(crate) fn labels(&self) -> std::collections::BTreeMap<String, String> {
        self.headings
            .iter()
            .filter_map(|h| Some((h.label.clone()?, h.number.clone())))
            .collect()
    }
}
