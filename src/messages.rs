//! Messages for people: every diagnostic with its file, line, column and field, the offending
//! line with a marker, and hints.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::error::{Diagnostic, Error, Severity};

/// The whole report of an error, as printed by `gen`.
pub fn report(err: &Error) -> String {
    match err {
        // An empty list: the problems were already printed (e.g. warnings under --strict).
        Error::Data(diags) if diags.is_empty() => {
            "error: warnings are not allowed with --strict\n".to_string()
        }
        Error::Data(diags) => diagnostics(diags),
        other => format!("error: {other}\n"),
    }
}

/// Diagnostics, each with the offending source line and a marker under the column, and a
/// closing count.
pub fn diagnostics(diags: &[Diagnostic]) -> String {
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

/// The closest candidate to `word` by edit distance, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance (a swap of two letters, `scroe`, costs 2: still within reach).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("scroe", ["score", "reasons"]), Some("score"));
        assert_eq!(did_you_mean("titel", ["title", "points"]), Some("title"));
        assert_eq!(did_you_mean("xyz", ["score", "reasons"]), None);
    }

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
