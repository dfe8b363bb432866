//! `gen prices import <file.xlsx> --bidder <id>`: reads a bidder's filled price form and writes
//! its rates into `data/bids/<id>.yaml` under `rates:` ([`crate::import::prices`]).
//!
//! The import loads only the rules (tender, annexes, award rules), not the bids: one incomplete
//! bid must not block importing another.

use std::path::PathBuf;

use crate::cli::Cli;
use crate::error::Result;
use crate::import::prices;

#[derive(Debug, clap::Args)]
pub struct PricesArgs {
    #[command(subcommand)]
    pub command: PricesCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum PricesCommand {
    /// Reads a filled price form (.xlsx) and writes its rates into data/bids/<bidder>.yaml.
    Import {
        /// The filled price form.
        file: PathBuf,
        /// The bidder's id: the bid file is `<data>/bids/<id>.yaml`.
        #[arg(long, value_name = "ID")]
        bidder: String,
        /// Replace the rates the bid file already has (otherwise refused).
        #[arg(long)]
        replace: bool,
        /// In a tender with lots: import only this lot's sheet (otherwise every filled-in sheet).
        #[arg(long, value_name = "N")]
        lot: Option<u32>,
    },
}

pub fn run(cli: &Cli, args: &PricesArgs) -> Result<()> {
    match &args.command {
        PricesCommand::Import {
            file,
            bidder,
            replace,
            lot,
        } => {
            let report = prices::import_form(&cli.data_dir(), file, bidder, *replace, *lot)?;
            crate::messages::say(&report.to_string());
            Ok(())
        }
    }
}
