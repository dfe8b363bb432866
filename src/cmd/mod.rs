//! One module per subcommand. [`run`] dispatches.

pub mod nvi;
pub mod render;

use crate::cli::{Cli, Command};
use crate::error::Result;

pub fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Itt => render::run(cli, render::Selection::Itt),
        Command::All => render::run(cli, render::Selection::All),
        Command::Nvi(args) => nvi::run(cli, args),
    }
}
