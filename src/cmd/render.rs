//! `gen itt`, `gen all`, `gen nvi <round>`, …: load the build, plan the documents, produce them.

use std::time::Instant;

use crate::build::{Build, Selection};
use crate::cli::Cli;
use crate::error::Result;

pub fn run(cli: &Cli, selection: Selection) -> Result<()> {
    let start = Instant::now();
    let build = Build::load(cli.build_options())?;
    if !build.project.warnings.is_empty() {
        eprint!("{}", crate::messages::diagnostics(&build.project.warnings));
    }
    let plan = build.plan(&selection)?;
    let done = build.produce(plan)?;
    for f in &done.written {
        println!("wrote {}", cli.out.join(f).display());
    }
    for f in &done.unchanged {
        println!(
            "unchanged {} (inputs and file as in the last run; --force renders it again)",
            cli.out.join(f).display()
        );
    }
    eprintln!(
        "{} file(s), {} page(s) typeset, in {:.2} s",
        done.written.len(),
        done.pages,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
