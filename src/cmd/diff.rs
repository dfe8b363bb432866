//! `gen diff <rev> [<rev>]`: what changed in the documents between two git revisions of the
//! tender (see `build::diff`).

use crate::cli::Cli;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The older revision: a commit, tag or branch (`HEAD~1`, `v1.0`, `nvi-1`).
    #[arg(value_name = "REV")]
    pub from: String,
    /// The newer revision [default: the working tree, with uncommitted changes].
    #[arg(value_name = "REV")]
    pub to: Option<String>,
}

pub fn run(cli: &Cli, args: &DiffArgs) -> Result<()> {
    let report = crate::build::diff::compare(&cli.build_options(), &args.from, args.to.as_deref())?;
    print!("{report}");
    Ok(())
}
