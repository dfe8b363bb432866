//! One module per document. Each turns the model into a view context (serde structs) for its
//! template and says where the PDF goes.

pub mod award;
pub(crate) mod derived;
pub mod house;
pub mod itt;
pub mod nvi;
pub mod price_form;
pub mod procedure;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Project;

/// One file to write that is not typeset (a spreadsheet, JSON), with its path relative to the
/// output folder.
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// What a run produces: PDFs to typeset, and other files ready to write.
#[derive(Default)]
pub struct Plan {
    pub jobs: Vec<Job>,
    pub files: Vec<OutFile>,
}

impl Plan {
    pub fn add(&mut self, other: Plan) {
        self.jobs.extend(other.jobs);
        self.files.extend(other.files);
    }
}

/// A document ready to be rendered: which template, with what context, to which file.
pub struct Job {
    /// Path of the PDF relative to the output folder, e.g. `WIJ-2026-001/offerteaanvraag.pdf`.
    pub file: PathBuf,
    /// Human name for messages and the manifest, e.g. `Offerteaanvraag`.
    pub title: String,
    /// Template name, e.g. `offerteaanvraag.typ.tera`.
    pub template: &'static str,
    /// Makes the Tera context (see [`Context`]).
    pub context: Context,
    /// The document's date: printed, and the date Typst sees as "today".
    pub date: NaiveDate,
}

/// How a job's Tera context is made: when its document is rendered, not when the run is
/// planned, so a batch of a thousand letters never holds a thousand contexts at once (each is
/// a tree of tera values several times the size of the data it shows).
pub struct Context(Box<dyn Fn() -> tera::Context + Send + Sync>);

impl Context {
    /// A context made already (documents of which a run has one).
    pub(crate) fn ready(context: tera::Context) -> Context {
        Context(Box::new(move || context.clone()))
    }

    /// A context made by `make` each time the document is rendered.
    pub(crate) fn deferred(make: impl Fn() -> tera::Context + Send + Sync + 'static) -> Context {
        Context(Box::new(make))
    }

    pub(crate) fn make(&self) -> tera::Context {
        (self.0)()
    }
}

/// What every document's house style needs (`templates/house.typ`), as context key `doc`.
#[derive(Debug, Clone, Serialize)]
pub struct DocMeta {
    pub title: String,
    pub subject: String,
    pub reference: String,
    pub organisation: String,
    pub version: String,
    pub date: NaiveDate,
    pub draft: bool,
    /// Printed in the footer when set (the data's provenance).
    pub provenance: Option<String>,
}

/// Options that apply to every document of a run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Render as a draft (CONCEPT watermark; unanswered NvI questions allowed).
    pub draft: bool,
    pub provenance: Option<String>,
}

impl DocMeta {
    pub fn new(project: &Project, title: &str, date: NaiveDate, opts: &RunOptions) -> Self {
        let t = &project.tender;
        DocMeta {
            title: title.to_string(),
            subject: t.title.clone(),
            reference: t.reference.clone(),
            organisation: t.organisation.name.clone(),
            version: t.version.clone(),
            date,
            draft: opts.draft,
            provenance: opts.provenance.clone(),
        }
    }
}

/// The folder of the internal records (the evaluation with every bidder's prices and scores,
/// the opening and lottery records): never sent to bidders. `out/<reference>/intern/`.
pub fn intern_dir(project: &Project) -> PathBuf {
    folder(project).join("intern")
}

/// The output folder of a tender's documents: its reference.
pub fn folder(project: &Project) -> PathBuf {
    PathBuf::from(&project.tender.reference)
}
