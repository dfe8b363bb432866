//! `gen nvi <round>`: renders one question round; `gen nvi import <file.xlsx> --round <round>`:
//! adds the questions of a bidder's Excel question form (bijlage I) to a round, unanswered
//! ([`crate::import::nvi`]).

use std::path::{Path, PathBuf};

use crate::build::{Build, Selection};
use crate::cli::{Cli, RenderArgs};
use crate::cmd::render;
use crate::error::{Error, Result};
use crate::import;
use crate::import::nvi::ImportReport;
use crate::model::nvi::References;

#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Examples:
  gen nvi round-1
  gen nvi round-2 --draft                          open questions marked
  gen nvi import vragen-arbo-noord.xlsx --round round-2"
)]
pub struct NviArgs {
    #[command(subcommand)]
    pub command: Option<NviCommand>,
    /// The round to render: its file name in `<data>/nvi/` without `.yaml` (`round-1`,
    /// `round-2`, `marktconsultatie`).
    #[arg(required = true, value_name = "ROUND")]
    pub round: Option<String>,
    #[command(flatten)]
    pub render: RenderArgs,
}

#[derive(Debug, clap::Subcommand)]
pub enum NviCommand {
    /// Adds the questions of an Excel question form (bijlage I) to a round, unanswered, with the
    /// next free numbers. Existing questions and answers are left untouched.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The question form (.xlsx): one row per question, under a header row with the columns
    /// Document, Paragraaf, Pagina and Vraag (optionally "Vervolg op vraag").
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The round to add the questions to, e.g. `round-2`; its file is created when missing.
    #[arg(long, value_name = "ROUND")]
    pub round: String,
}

pub fn run(cli: &Cli, args: &NviArgs) -> Result<()> {
    match (&args.command, &args.round) {
        (Some(NviCommand::Import(import)), _) => {
            cli.no_render_options("nvi import")?;
            let build = Build::load(cli.build_options())?;
            let report = import_questions(&build, &import.file, &import.round)?;
            crate::messages::emit(&report.warnings);
            crate::messages::say(&report.to_string());
            Ok(())
        }
        (None, Some(round)) => render::run(cli, &args.render, Selection::Nvi(round.clone())),
        (None, None) => Err(Error::Usage(
            "name a round (`gen nvi round-1`) or use `gen nvi import`".into(),
        )),
    }
}

/// Imports the questions of `xlsx` into round `round_name` of the build's data folder; their
/// paragraph references are checked against the build's outline of the offerteaanvraag, and
/// the data folder is loaded again with the build's options afterwards.
pub fn import_questions(build: &Build, xlsx: &Path, round_name: &str) -> Result<ImportReport> {
    let refs = References::of(&build.project, Some(build.outline.sections()));
    import::nvi::import_questions(&build.project, &refs, xlsx, round_name, || {
        Build::load(build.options.clone()).map(drop)
    })
}
