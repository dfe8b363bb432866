//! `gen init <dir>`: a new tender repository from the built-in starter (see [`crate::init`]).

use std::path::PathBuf;

use crate::cli::Cli;
use crate::error::Result;
use crate::init::NewTender;
use crate::model::tender::ProcedureKind;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The new tender's folder (created; an existing one must be empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The procedure the starter is worded for.
    #[arg(long, value_name = "KIND", default_value = "europees-openbaar",
          value_parser = ["europees-openbaar", "nationaal-openbaar", "meervoudig-onderhands"])]
    pub procedure: String,
    /// The new tender's reference (kenmerk) [default: REF-0000-001, marked as a placeholder].
    #[arg(long, value_name = "REF")]
    pub reference: Option<String>,
    /// The new tender's title, e.g. "Schoonmaakdiensten" [default: a placeholder].
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
}

pub fn run(cli: &Cli, args: &InitArgs) -> Result<()> {
    let procedure = ProcedureKind::ALL
        .iter()
        .find(|(name, _)| *name == args.procedure)
        .map(|(_, kind)| *kind)
        .expect("clap accepts only the listed kinds");
    crate::init::create(&NewTender {
        dir: args.dir.clone(),
        reference: args.reference.clone(),
        title: args.title.clone(),
        procedure,
        // Only an explicit `--templates` replaces the built-in templates.
        templates: cli.templates.clone(),
    })
}
