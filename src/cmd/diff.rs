//! `gen diff <rev> [<rev>]`: what changed in the documents between two git revisions of the
//! tender (see `build::diff`).

use crate::cli::{Cli, RenderArgs};
use crate::error::Result;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  gen diff v1.0            what a bidder sees changed since tag v1.0 (working tree included)
  gen diff nvi-1 nvi-2     between two tags")]
pub struct DiffArgs {
    /// The older revision: a commit, tag or branch (`HEAD~1`, `v1.0`, `nvi-1`).
    #[arg(value_name = "REV")]
    pub from: String,
    /// The newer revision [default: the working tree, with uncommitted changes].
    #[arg(value_name = "REV")]
    pub to: Option<String>,
    /// Compare the documents as drafts (open questions allowed).
    #[arg(long)]
    pub draft: bool,
}

pub fn run(cli: &Cli, args: &DiffArgs) -> Result<()> {
    let options = cli.build_options_with(&RenderArgs {
        draft: args.draft,
        ..RenderArgs::default()
    });
    crate::cmd::require_git("`gen diff` compares git revisions")?;
    let report = crate::build::diff::compare(&options, &args.from, args.to.as_deref())?;
    print!("{report}");
    Ok(())
}
