//! One module per subcommand. [`run`] dispatches.

pub mod check;
pub mod diff;
pub mod init;
pub mod nvi;
pub mod prices;
pub mod render;

use crate::build::Selection;
use crate::cli::{Cli, Command};
use crate::error::Result;

pub fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Itt => render::run(cli, Selection::Itt),
        Command::PriceForm => render::run(cli, Selection::PriceForm),
        Command::AwardLetters => render::run(cli, Selection::AwardLetters),
        Command::QuestionForm => render::run(cli, Selection::QuestionForm),
        Command::Invitations => render::run(cli, Selection::Invitations),
        Command::DefinitiveAward => render::run(cli, Selection::DefinitiveAward),
        Command::All => render::run(cli, Selection::All),
        Command::Check(args) => check::run(cli, args),
        Command::Diff(args) => diff::run(cli, args),
        Command::Init(args) => init::run(cli, args),
        Command::Nvi(args) => nvi::run(cli, args),
        Command::Prices(args) => prices::run(cli, args),
    }
}
