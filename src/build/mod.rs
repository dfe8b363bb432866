//! One run of `gen`, from the data to the documents: [`Build`] owns the resolved options, the
//! validated project, the renderer of the templates actually chosen, the invitation's outline
//! rendered from them, the evaluation and the provenance. Each command is a short call into it
//! (as cargo's commands call `ops`): load, plan a [`Selection`], produce.

mod check;
pub mod diff;
mod incremental;
pub mod outline;
pub mod pipeline;
mod plan;
mod produce;
pub mod status;
pub mod watch;

use std::path::{Path, PathBuf};

pub use check::Checked;
pub use plan::Selection;
pub use produce::Produced;

use crate::docs::house::HouseStyle;
use crate::docs::itt::Outline;
use crate::docs::{self, RunOptions};
use crate::error::{Diagnostic, Result};
use crate::evaluation::{self, Outcome};
use crate::model::{self, Project};
use crate::provenance::Provenance;
use crate::render::Renderer;

/// What a run is asked to do, resolved from the command line once.
#[derive(Debug, Clone)]
pub struct Options {
    /// The tender's data folder.
    pub data: PathBuf,
    /// Where documents are written (one folder per tender reference).
    pub out: PathBuf,
    /// The template folder every document, and the outline, is rendered from.
    pub templates: PathBuf,
    /// A CONCEPT watermark on every page.
    pub draft: bool,
    /// Also write each document's generated Typst source.
    pub keep_source: bool,
    /// Refuse unless the data and templates are committed in git.
    pub require_recorded: bool,
    /// Print the git provenance in the documents (not with `--no-stamp`).
    pub stamp: bool,
    /// Render documents even when unchanged since the last run.
    pub force: bool,
    /// Worker threads for parsing and rendering.
    pub threads: usize,
    /// No progress lines (`-q`).
    pub quiet: bool,
}

impl Options {
    /// The defaults for the tender in `data`: templates beside it, `out` as the output folder.
    pub fn new(data: &Path) -> Options {
        Options {
            data: data.to_path_buf(),
            out: PathBuf::from("out"),
            templates: crate::render::templates_beside(data),
            draft: false,
            keep_source: false,
            require_recorded: false,
            stamp: true,
            force: false,
            threads: pipeline::default_threads(),
            quiet: false,
        }
    }
}

/// A loaded run: everything the documents are made from, checked across files and documents.
pub struct Build {
    pub options: Options,
    /// The validated data; its `warnings` hold every warning of the run's checks.
    pub project: Project,
    pub renderer: Renderer,
    /// The house style's colours from the templates (`house.toml`), for the spreadsheets.
    pub house: HouseStyle,
    /// The invitation to tender's numbered headings, as `options.templates` number them.
    pub outline: Outline,
    /// The award evaluation, once there are bids and a decision.
    pub outcome: Option<Outcome>,
    /// The award evaluation per lot of a tender divided into lots (`outcome` is then none).
    pub lots: Option<evaluation::per_lot::LotsOutcome>,
    pub provenance: Provenance,
}

impl Build {
    /// Loads and checks everything: the data under the model's rules, the evaluation's checks,
    /// the templates, and the references across documents (NvI paragraphs against the
    /// outline). All problems are reported together; warnings stay in `project.warnings`.
    pub fn load(options: Options) -> Result<Build> {
        let (mut project, mut problems) = Project::read(&options.data, options.threads)?;
        problems.extend(project.validate());
        if options.require_recorded {
            model::deadlines::refuse_unresolved(&mut problems);
        }
        // Facts still to supply (`<<…>>`): listed, and refused when publishing.
        problems.extend(model::placeholders::scan(
            &options.data,
            options.require_recorded,
        ));
        let bids_ok = !problems
            .iter()
            .any(|d| d.is_error() && concerns_bids(&project, d));
        evaluation::validate(&project, bids_ok, &mut problems);
        problems.extend(crate::typeset::glyphs::data_problems(&options.data));
        let renderer = Renderer::load(&options.templates)?;
        let house = crate::render::house::house_style(&options.templates)?;
        let outline = match outline::outline(&renderer, &project) {
            Ok(outline) => outline,
            // Data errors first: the invitation may not render because of them.
            Err(_) if problems.iter().any(Diagnostic::is_error) => {
                return Err(model::settle(problems).expect_err("errors"));
            }
            Err(e) => return Err(e),
        };
        model::nvi::check_sections(&project.nvi, &outline.sections(), &mut problems);
        project.warnings = model::settle(problems)?;
        let (outcome, lots) = match (&project.decision, project.bids.is_empty()) {
            (Some(decision), false) if project.tender.divided() => (
                None,
                Some(evaluation::per_lot::evaluate_lots(&project, decision)?),
            ),
            (Some(decision), false) => (Some(evaluation::evaluate(&project, decision)?), None),
            _ => (None, None),
        };
        // The letters' text reveals no other bidder and no rate (art. 2.57 Aw 2012): checked
        // here so that `gen check` refuses it as rendering does.
        if let Some(outcome) = &outcome {
            let leaks = docs::award::confidentiality(&project, outcome);
            if !leaks.is_empty() {
                return Err(model::locate::located(leaks));
            }
        }
        if let Some(lots) = &lots {
            let leaks = docs::award::lots::confidentiality(&project, lots);
            if !leaks.is_empty() {
                return Err(model::locate::located(leaks));
            }
        }
        let provenance = Provenance::detect(&options.data, &options.templates);
        if options.require_recorded {
            provenance.require_recorded()?;
        }
        Ok(Build {
            options,
            project,
            renderer,
            house,
            outline,
            outcome,
            lots,
            provenance,
        })
    }

    /// The options every document of the run shares.
    pub(crate) fn run_options(&self) -> RunOptions {
        RunOptions {
            draft: self.options.draft,
            provenance: self.options.stamp.then(|| self.provenance.footer()),
        }
    }
}

/// Whether a problem is in a bid's file or the decision (which the whole evaluation needs).
fn concerns_bids(project: &Project, d: &Diagnostic) -> bool {
    d.file.starts_with(project.dir.join("bids")) || d.file == project.dir.join("decision.yaml")
}
