//! `gen completions <shell>`: shell completions from the command line's definition
//! (clap_complete), printed on stdout.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  gen completions bash > ~/.local/share/bash-completion/completions/gen
  gen completions zsh > ~/.zfunc/_gen
  gen completions fish > ~/.config/fish/completions/gen.fish")]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &CompletionsArgs) -> Result<()> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "gen", &mut std::io::stdout());
    Ok(())
}
