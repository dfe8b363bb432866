//! `gen watch`: renders every document, then re-renders on every save what changed (see
//! `build::watch`). One line per run with its time; errors are printed and the last good PDFs
//! stay. Ctrl-C stops.

use crate::build::{Selection, watch};
use crate::cli::{Cli, RenderArgs};
use crate::error::Result;
use crate::messages;

pub fn run(cli: &Cli, render: &RenderArgs) -> Result<()> {
    let options = cli.build_options_with(render);
    crate::cmd::git_for_rendering(&options)?;
    messages::info(&format!(
        "watching {} and {} (Ctrl-C stops)",
        options.data.display(),
        options.templates.display()
    ));
    let out = options.out.clone();
    watch::watch(&options, &Selection::All, &mut |run| {
        let cause = match run.changed.as_slice() {
            [] => String::new(),
            [one] => format!(" after a change to {}", one.display()),
            many => format!(" after changes to {} files", many.len()),
        };
        match run.result {
            Ok((build, done)) => {
                messages::emit(&build.project.warnings);
                let pdfs: Vec<String> = done
                    .written
                    .iter()
                    .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
                    .map(|f| out.join(f).display().to_string())
                    .collect();
                let what = match pdfs.as_slice() {
                    [] => "nothing to render".to_string(),
                    [one] => format!("rendered {one}"),
                    many => format!("rendered {} documents", many.len()),
                };
                messages::say(&format!(
                    "{what}{cause} in {:.0} ms ({} unchanged)",
                    run.took.as_secs_f64() * 1000.0,
                    done.unchanged.len()
                ));
                if pdfs.len() > 1 {
                    for p in &pdfs {
                        messages::detail(&format!("  wrote {p}"));
                    }
                }
            }
            Err(err) => {
                messages::emit_error(&err);
                messages::say(&format!(
                    "failed{cause} in {:.0} ms; the last good documents stay in {}",
                    run.took.as_secs_f64() * 1000.0,
                    out.display()
                ));
            }
        }
        true
    });
    Ok(())
}
