//! `gen itt`, `gen all`, `gen nvi <round>`, …: load the build, plan the documents, produce them.

use std::time::Instant;

use crate::build::{Build, Selection};
use crate::cli::{Cli, RenderArgs};
use crate::error::Result;
use crate::messages::{self, detail, info, say};

pub fn run(cli: &Cli, render: &RenderArgs, selection: Selection) -> Result<()> {
    let start = Instant::now();
    let options = cli.build_options_with(render);
    crate::cmd::git_for_rendering(&options)?;
    let out = options.out.clone();
    let build = Build::load(options)?;
    messages::emit(&build.project.warnings);
    let mut notes = Vec::new();
    let plan = build.plan_noting(&selection, &mut notes)?;
    messages::emit(&notes);
    let done = build.produce(plan)?;
    for f in &done.written {
        say(&format!("wrote {}", out.join(f).display()));
    }
    for f in &done.unchanged {
        detail(&format!("unchanged {}", out.join(f).display()));
    }
    if !done.unchanged.is_empty() {
        say(&format!(
            "{} document(s) unchanged since the last run, left as they are (--force renders them again{})",
            done.unchanged.len(),
            if messages::output().verbose {
                ""
            } else {
                "; -v lists them"
            }
        ));
    }
    info(&format!(
        "{} file(s), {} page(s) typeset, in {:.2} s",
        done.written.len(),
        done.pages,
        start.elapsed().as_secs_f64()
    ));
    if selection == Selection::AwardLetters
        && let Some(outcome) = &build.outcome
        && !messages::output().quiet
    {
        print!(
            "{}",
            crate::build::status::ranking_table(&build.project, outcome)
        );
    }
    if selection == Selection::AwardLetters && !messages::output().quiet {
        print!("{}", crate::build::status::lot_ranking_tables(&build));
    }
    Ok(())
}
