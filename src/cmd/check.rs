//! `gen check`: load and validate all data and parse the templates, without rendering.

use crate::build::Build;
use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::messages;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(cli: &Cli, args: &CheckArgs) -> Result<()> {
    // With --final, the build also requires the data and templates recorded in git.
    let build = Build::load(cli.build_options())?;
    let project = &build.project;
    if !project.warnings.is_empty() {
        eprint!("{}", messages::diagnostics(&project.warnings));
        if args.strict {
            return Err(Error::StrictWarnings(project.warnings.len()));
        }
    }
    println!(
        "{}: {} data file(s) valid ({} question round(s), {} bid(s)), {} warning(s)",
        cli.data.display(),
        3 + project.nvi.len() + project.bids.len() + usize::from(project.decision.is_some()),
        project.nvi.len(),
        project.bids.len(),
        project.warnings.len()
    );
    Ok(())
}
