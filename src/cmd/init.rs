//! `gen init <dir>`: a new tender repository (see [`crate::init`]).

use std::path::PathBuf;

use crate::cli::Cli;
use crate::error::Result;
use crate::init::NewTender;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The new tender's folder (created; an existing one must be empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The new tender's reference (kenmerk) [default: REF-0000-001, a placeholder].
    #[arg(long, value_name = "REF")]
    pub reference: Option<String>,
    /// The new tender's title, e.g. "Schoonmaakdiensten" [default: a placeholder].
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
}

pub fn run(cli: &Cli, args: &InitArgs) -> Result<()> {
    crate::init::create(
        &NewTender {
            dir: args.dir.clone(),
            reference: args.reference.clone(),
            title: args.title.clone(),
        },
        &cli.build_options(),
    )
}
