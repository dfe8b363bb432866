use clap::Parser;

fn main() {
    let cli = tendergen::cli::Cli::parse();
    if let Err(err) = tendergen::cmd::run(&cli) {
        eprint!("{}", tendergen::messages::report(&err));
        std::process::exit(err.exit_code());
    }
}
