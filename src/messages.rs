//! Messages for people: every diagnostic with its file, line, column and field, the offending
//! line with a marker, and hints; in colour on a terminal (`--color`), or as JSON lines for
//! tools (`--message-format json`, as cargo does). `-q` leaves out what is not a problem,
//! `-v` adds detail.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::OnceLock;

use anstyle::{AnsiColor, Style};

use crate::error::{Diagnostic, Error, Severity};

/// How a run talks, set once from the command line ([`configure`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    /// Colour on stderr.
    pub color: bool,
    /// Diagnostics as JSON lines on stdout.
    pub json: bool,
    /// Only problems.
    pub quiet: bool,
    /// More detail (each unchanged document, timings).
    pub verbose: bool,
}

static OUTPUT: OnceLock<Output> = OnceLock::new();

/// Sets how this run prints (the first call wins).
pub fn configure(output: Output) {
    let _ = OUTPUT.set(output);
}

/// How this run prints.
pub fn output() -> Output {
    OUTPUT.get().copied().unwrap_or_default()
}

/// `--color auto`: colour when stderr is a terminal and `NO_COLOR` is not set.
pub fn color_auto() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A line of information on stderr (`wrote …`, summaries), left out with `-q`.
pub fn info(line: &str) {
    if !output().quiet {
        eprintln!("{line}");
    }
}

/// A line of what was done on stdout (`wrote …`), left out with `-q`.
pub fn say(line: &str) {
    if !output().quiet {
        println!("{line}");
    }
}

/// A line of detail on stdout, only with `-v`.
pub fn detail(line: &str) {
    if output().verbose {
        println!("{line}");
    }
}

/// Prints diagnostics: to stderr for people, or as JSON lines on stdout.
pub fn emit(diags: &[Diagnostic]) {
    if diags.is_empty() {
        return;
    }
    let out = output();
    if out.json {
        for d in diags {
            println!("{}", json_line(d));
        }
    } else {
        eprint!("{}", render(diags, out.color));
    }
}

/// Prints an error that ends the run.
pub fn emit_error(err: &Error) {
    let out = output();
    if out.json {
        match err {
            Error::Data(diags) => emit(diags),
            Error::StrictWarnings(_) => {}
            other => println!(
                "{}",
                serde_json::json!({"reason": "error", "message": other.to_string()})
            ),
        }
        return;
    }
    eprint!("{}", report_styled(err, out.color));
}

/// One diagnostic as cargo-style JSON: `{"reason":"diagnostic","level":"error",…}`.
pub fn json_line(d: &Diagnostic) -> String {
    serde_json::json!({
        "reason": "diagnostic",
        "level": level(d.severity),
        "file": d.file.display().to_string(),
        "line": d.line,
        "column": d.column,
        "field": d.field,
        "message": d.message,
        "rendered": body(std::slice::from_ref(d), false),
    })
    .to_string()
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The whole report of an error, as printed by `gen` (without colour).
pub fn report(err: &Error) -> String {
    report_styled(err, false)
}

fn report_styled(err: &Error, color: bool) -> String {
    let error = paint(color, ERROR, "error");
    match err {
        // The warnings were printed already.
        Error::StrictWarnings(_) => format!("{error}: {err}\n"),
        Error::Data(diags) => render(diags, color),
        other => format!("{error}: {other}\n"),
    }
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();

fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

/// Diagnostics, each with the offending source line and a marker under the column, and a
/// closing count.
#[cfg(test)]
fn diagnostics(diags: &[Diagnostic]) -> String {
    render(diags, false)
}

fn render(diags: &[Diagnostic], color: bool) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    body(diags, color) + &summary(errors, diags.len() - errors)
}

/// Each diagnostic with its source line and marker, without the closing count.
fn body(diags: &[Diagnostic], color: bool) -> String {
    let mut files: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => paint(color, ERROR, "error"),
            Severity::Warning => paint(color, WARNING, "warning"),
        };
        let text = files
            .entry(d.file.clone())
            .or_insert_with(|| std::fs::read_to_string(&d.file).ok());
        let place = place(d, text.as_deref());
        out.push_str(&format!("{kind}: {place}{}\n", d.message));
        if let Some(line) = d.line
            && let Some(src) = text.as_deref().and_then(|t| t.lines().nth(line - 1))
        {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            let col = d.column.unwrap_or(1).max(1);
            // Columns count characters; keep tabs so the marker lines up.
            let lead: String = src
                .chars()
                .take(col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let bar = paint(color, GUTTER, "|");
            let marker = paint(color, GUTTER, "^");
            // A line of a hundred thousand characters is no help on a terminal: its start.
            let shown: String = src.chars().take(SHOWN_LINE).collect();
            let more = if src.chars().count() > SHOWN_LINE {
                " …"
            } else {
                ""
            };
            out.push_str(&format!(
                "{pad} {bar}\n{} {bar} {shown}{more}\n{pad} {bar} {lead}{marker}\n",
                paint(color, GUTTER, &num)
            ));
        }
    }
    out
}

/// How much of an offending source line is shown under a diagnostic.
const SHOWN_LINE: usize = 200;

/// `file:line:col: field: ` with the field for people: list positions counted from 1 and
/// named by their `name` or `id` (`planning[3] "Sluiting"`).
fn place(d: &Diagnostic, text: Option<&str>) -> String {
    let mut s = d.file.display().to_string();
    if let Some(line) = d.line {
        s.push_str(&format!(":{line}"));
        if let Some(col) = d.column {
            s.push_str(&format!(":{col}"));
        }
    }
    s.push_str(": ");
    if !d.field.is_empty() {
        let field = match text {
            Some(t) => crate::model::locate::describe(t, &d.field),
            None => crate::model::locate::describe("", &d.field),
        };
        s.push_str(&field);
        s.push_str(": ");
    }
    s
}

pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_show_the_line_with_a_marker() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("b3.yaml");
        std::fs::write(&file, "id: b3\nquality:\n  G2.1:\n    score: 7\n").unwrap();
        let mut d = Diagnostic::new(
            &file,
            "quality.G2.1.score",
            "7 is not on the scale 0, 2, 6, 8, 10",
        );
        d.line = Some(4);
        d.column = Some(5);
        let text = diagnostics(&[d]);
        assert!(
            text.contains("b3.yaml:4:5: quality.G2.1.score: 7 is not on the scale"),
            "{text}"
        );
        assert!(text.contains("4 |     score: 7\n  |     ^\n"), "{text}");
        assert!(text.ends_with("1 error, 0 warnings\n"));
    }
}
