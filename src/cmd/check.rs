//! `gen check`: load and validate all data and parse the templates, without rendering.

use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::messages;
use crate::model::Project;
use crate::render::Renderer;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(cli: &Cli, args: &CheckArgs) -> Result<()> {
    let project = Project::load(&cli.data)?;
    Renderer::load(&cli.templates_dir())?;
    if cli.final_ {
        // Publishing needs the data and templates recorded in git, not only valid.
        crate::provenance::Provenance::detect(&cli.data, &cli.templates_dir())
            .require_recorded()?;
    }
    if !project.warnings.is_empty() {
        eprint!("{}", messages::diagnostics(&project.warnings));
        if args.strict {
            return Err(Error::Data(Vec::new()));
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
