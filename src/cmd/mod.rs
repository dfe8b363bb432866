//! One module per subcommand. [`run`] dispatches.

pub mod check;
pub mod completions;
pub mod diff;
pub mod init;
pub mod nvi;
pub mod prices;
pub mod render;
pub mod schema;
pub mod status;
pub mod watch;

use crate::build::Selection;
use crate::cli::{Cli, Command};
use crate::error::Result;

pub fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Itt(r) => render::run(cli, r, Selection::Itt),
        Command::PriceForm(r) => render::run(cli, r, Selection::PriceForm),
        Command::AwardLetters(r) => render::run(cli, r, Selection::AwardLetters),
        Command::QuestionForm(r) => render::run(cli, r, Selection::QuestionForm),
        Command::Invitations(r) => render::run(cli, r, Selection::Invitations),
        Command::DefinitiveAward(r) => render::run(cli, r, Selection::DefinitiveAward),
        Command::All(r) => render::run(cli, r, Selection::All),
        Command::Check(args) => check::run(cli, args),
        // The stamp is part of the documents' inputs: `gen --no-stamp status` compares with
        // documents rendered with --no-stamp.
        Command::Status => status::run(cli),
        Command::Watch(r) => watch::run(cli, r),
        Command::Diff(args) => diff::run(cli, args),
        Command::Init(args) => {
            cli.no_render_options("init")?;
            init::run(cli, args)
        }
        Command::Nvi(args) => nvi::run(cli, args),
        Command::Prices(args) => {
            cli.no_render_options("prices")?;
            prices::run(cli, args)
        }
        Command::Schema(args) => schema::run(cli, args),
        Command::Completions(args) => completions::run(args),
    }
}

/// Whether git can be run.
pub(crate) fn git_found() -> bool {
    std::process::Command::new("git")
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// An error saying git is missing, when it is.
pub(crate) fn require_git(why: &str) -> Result<()> {
    if git_found() {
        return Ok(());
    }
    Err(crate::error::Error::Git(format!(
        "git was not found on PATH, and {why}: install git (https://git-scm.com) or put it on PATH"
    )))
}

/// Before rendering: refuses `--final` without git, and says what a missing git means for
/// the documents' stamp.
pub(crate) fn git_for_rendering(options: &crate::build::Options) -> Result<()> {
    if options.require_recorded {
        return require_git("--final needs it to check that the data is committed");
    }
    if options.stamp && !git_found() {
        crate::messages::info(
            "note: git was not found on PATH: the documents are marked `concept`, their data \
             not recorded (install git to record the data's commit)",
        );
    }
    Ok(())
}
