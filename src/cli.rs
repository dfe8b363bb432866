//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub(crate) const EXIT_CODES: &str =
    "Exit codes: 0 success, 1 data or rendering error (nothing written), 2 usage error.";

#[derive(Debug, Parser)]
#[command(name = "gen", version, about = "Renders the documents of a Dutch public tender as PDFs from YAML data.", after_help = EXIT_CODES)]
pub struct Cli {
    /// The tender's data folder.
    #[arg(long, global = true, default_value = "data", value_name = "DIR")]
    pub data: PathBuf,
    /// Where documents are written (one folder per tender reference).
    #[arg(long, global = true, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// The template folder [default: `templates` next to the data folder].
    #[arg(long, global = true, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Render as a draft: a CONCEPT watermark on every page.
    #[arg(long, global = true)]
    pub draft: bool,
    /// Also write the generated Typst source next to each PDF (for debugging templates).
    #[arg(long, global = true)]
    pub keep_source: bool,
    /// Refuse to render unless the data and templates are committed in git (for publishing).
    #[arg(long = "final", global = true, conflicts_with_all = ["draft", "no_stamp"])]
    pub final_: bool,
    /// Leave the git provenance out, for comparing content across revisions.
    #[arg(long, global = true)]
    pub no_stamp: bool,
    /// Render every document, also those whose inputs and output are unchanged since the last
    /// run (which are otherwise skipped).
    #[arg(long, global = true)]
    pub force: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The invitation to tender (offerteaanvraag).
    #[command(alias = "offerteaanvraag")]
    Itt,
    /// The price form (Bijlage D): a PDF explaining it and the .xlsx bidders fill in.
    #[command(alias = "prijsformulier")]
    PriceForm,
    /// The reasoned award decision letters to every bidder, the evaluation report and evaluation.json.
    #[command(alias = "gunning")]
    AwardLetters,
    /// Bijlage I, the question form (.xlsx) bidders ask their questions in (`gen nvi import` reads it).
    #[command(alias = "vragenformulier")]
    QuestionForm,
    /// The invitations to present, one per valid bidder (data/presentations.yaml).
    #[command(alias = "uitnodigingen")]
    Invitations,
    /// The definitive award to the winner and a notice to every other bidder, after the standstill (data/definitive-award.yaml).
    #[command(alias = "definitieve-gunning")]
    DefinitiveAward,
    /// Every document the data supports.
    All,
    /// Load and validate all data and templates without rendering (exit 0 clean, 1 errors).
    Check(crate::cmd::check::CheckArgs),
    /// A nota van inlichtingen (`gen nvi round-1`), or importing questions (`gen nvi import`).
    Nvi(crate::cmd::nvi::NviArgs),
    /// What changed in the documents between two git revisions (the second defaults to the working tree).
    Diff(crate::cmd::diff::DiffArgs),
    /// Creates a new tender repository: data and templates copied from the ones in use, a README, git.
    Init(crate::cmd::init::InitArgs),
    /// Bidders' prices: `gen prices import <file.xlsx> --bidder <id>` reads a filled price form into data/bids/<id>.yaml.
    #[command(alias = "prijzen")]
    Prices(crate::cmd::prices::PricesArgs),
}

impl Cli {
    pub fn templates_dir(&self) -> PathBuf {
        match &self.templates {
            Some(t) => t.clone(),
            None => crate::render::templates_beside(&self.data),
        }
    }

    /// The run's options, resolved once from the flags.
    pub(crate) fn build_options(&self) -> crate::build::Options {
        crate::build::Options {
            data: self.data.clone(),
            out: self.out.clone(),
            templates: self.templates_dir(),
            draft: self.draft,
            keep_source: self.keep_source,
            require_recorded: self.final_,
            stamp: !self.no_stamp,
            force: self.force,
            threads: crate::build::pipeline::default_threads(),
        }
    }
}
