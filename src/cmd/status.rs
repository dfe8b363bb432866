//! `gen status`: where the tender stands and what to do next (see `build::status`).

use crate::build::Build;
use crate::cli::Cli;
use crate::error::Result;

pub fn run(cli: &Cli) -> Result<()> {
    let build = Build::load(cli.build_options_with(&cli.render))?;
    print!("{}", build.status()?);
    Ok(())
}
