//! `gen check`: every document rendered and typeset in memory, writing nothing; every problem
//! reported (see `build::check`).

use std::time::Instant;

use crate::build::Build;
use crate::cli::{Cli, RenderArgs};
use crate::error::{Error, Result};
use crate::messages;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit 0 means every document renders (a round with open questions only \
as a draft: it is named among the warnings). With --strict, warnings fail the check too.

Examples:
  gen check
  gen check --strict --final     before publishing
  gen check --message-format json"
)]
pub struct CheckArgs {
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Check as drafts: open questions are no warning.
    #[arg(long)]
    pub draft: bool,
    /// Also require the data and templates committed in git (as `gen --final all`).
    #[arg(long = "final", conflicts_with = "draft")]
    pub final_: bool,
}

pub fn run(cli: &Cli, args: &CheckArgs) -> Result<()> {
    let start = Instant::now();
    let options = cli.build_options_with(&RenderArgs {
        draft: args.draft,
        final_: args.final_,
        ..RenderArgs::default()
    });
    if options.require_recorded {
        crate::cmd::require_git("--final needs it to check that the data is committed")?;
    }
    let data = options.data.clone();
    let build = Build::load(options)?;
    let checked = build.check()?;
    if checked.errors() > 0 {
        return Err(Error::Data(checked.problems));
    }
    messages::emit(&checked.problems);
    let project = &build.project;
    messages::info(&format!(
        "{}: {} data file(s) valid ({} question round(s), {} bid(s)); {} document(s), {} page(s) \
         render, in {:.2} s; {} warning(s)",
        data.display(),
        3 + project.nvi.len() + project.bids.len() + usize::from(project.decision.is_some()),
        project.nvi.len(),
        project.bids.len(),
        checked.documents,
        checked.pages,
        start.elapsed().as_secs_f64(),
        checked.warnings()
    ));
    if !checked.drafts_only.is_empty() {
        messages::info(&format!(
            "not publishable yet: {} (renders only with --draft)",
            checked.drafts_only.join(", ")
        ));
    }
    if args.strict && checked.warnings() > 0 {
        return Err(Error::StrictWarnings(checked.warnings()));
    }
    Ok(())
}
