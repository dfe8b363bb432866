use clap::Parser;

use tendergen::cli::{Cli, ColorChoice, MessageFormat};
use tendergen::messages;

fn main() {
    let cli = Cli::parse();
    messages::configure(messages::Output {
        color: match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => messages::color_auto(),
        },
        json: cli.message_format == MessageFormat::Json,
        quiet: cli.quiet,
        verbose: cli.verbose,
    });
    if let Err(err) = tendergen::cmd::run(&cli) {
        messages::emit_error(&err);
        std::process::exit(err.exit_code());
    }
}
