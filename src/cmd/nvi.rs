//! PLACEHOLDER: `gen nvi <round>` and `gen nvi import`, being written.

use crate::cli::Cli;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct NviArgs {
    /// The round to render, e.g. `round-1` or `marktconsultatie`.
    pub round: String,
}

pub fn run(_cli: &Cli, _args: &NviArgs) -> Result<()> {
    Ok(())
}
