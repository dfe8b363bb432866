//! Messages for people: every diagnostic with its file, line, column and field, the offending
//! line with a marker, and hints.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::error::{Diagnostic, Error, Severity};

/// The whole report of an error, as printed by `gen`.
pub fn report(err: &Error) -> String {
    match err {
        // The warnings were printed already.
        Error::StrictWarnings(_) => format!("error: {err}\n"),
        Error::Data(diags) => diagnostics(diags),
        other => format!("error: {other}\n"),
    }
}

/// Diagnostics, each with the offending source line and a marker under the column, and a
/// closing count.
pub(crate) fn diagnostics(diags: &[Diagnostic]) -> String {
    let mut files: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{kind}: {d}\n"));
        if let Some(line) = d.line {
            let text = files
                .entry(d.file.clone())
                .or_insert_with(|| std::fs::read_to_string(&d.file).ok());
            if let Some(src) = text.as_deref().and_then(|t| t.lines().nth(line - 1)) {
                let num = line.to_string();
                let pad = " ".repeat(num.len());
                let col = d.column.unwrap_or(1).max(1);
                // Columns count characters; keep tabs so the marker lines up.
                let lead: String = src
                    .chars()
                    .take(col - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!("{pad} |\n{num} | {src}\n{pad} | {lead}^\n"));
            }
        }
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    out.push_str(&summary(errors, warnings));
    out
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
