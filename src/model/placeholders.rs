//! Placeholders for facts the authority still has to supply: `<<…>>` in a data file.
//!
//! A starter tender (`gen init`) cannot know the authority's name, address, values or dates,
//! so it marks each of them: a text value written as `<<Naam van de aanbestedende dienst>>`,
//! or, for a value that must stay a date or number to load, a trailing comment with the
//! marker (`date: 2027-03-01  # <<datum invullen>>`). Anyone may mark a value the same way.
//! `gen check` lists every marker as a warning with file:line:field; `gen --final` (publishing)
//! refuses them as errors. Comment-only lines are documentation and never count.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Severity};
use crate::model::locate::path_at;

/// Every `<<…>>` marker in the YAML files of the data folder `dir` (subfolders included,
/// hidden files and folders not), in file and line order: warnings, or errors when
/// `publishing` (`--final`).
pub fn scan(dir: &Path, publishing: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for file in yaml_files(dir) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue; // unreadable files are reported by loading
        };
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let mut pos = 0;
            while let Some(open) = line[pos..].find("<<").map(|i| pos + i) {
                let Some(len) = line[open + 2..].find(">>") else {
                    break;
                };
                let label = line[open + 2..open + 2 + len].trim();
                let message = if publishing {
                    format!("placeholder `<<{label}>>` not filled in: replace it before publishing")
                } else {
                    format!("placeholder `<<{label}>>`: to fill in (`gen --final` refuses it)")
                };
                out.push(Diagnostic {
                    severity: if publishing {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    line: Some(n + 1),
                    column: Some(line[..open].chars().count() + 1),
                    field: path_at(&text, n + 1).unwrap_or_default(),
                    ..Diagnostic::new(&file, "", message)
                });
                pos = open + 2 + len + 2;
            }
        }
    }
    out
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x == "yaml" || x == "yml")
        })
        .map(|e| e.into_path())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_values_and_trailing_comments_not_in_comment_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("tender.yaml"),
            "# Write <<…>> for a fact to fill in.\norganisation:\n  name: <<Naam>>\n  address:\n    - <<Straat>> <<nr>>\ndate: 2027-01-01  # <<datum>>\n",
        )
        .unwrap();
        let found = scan(dir.path(), false);
        let got: Vec<String> = found
            .iter()
            .map(|d| format!("{}:{}:{}", d.line.unwrap(), d.column.unwrap(), d.field))
            .collect();
        assert_eq!(
            got,
            [
                "3:9:organisation.name",
                "5:7:organisation.address.0",
                "5:18:organisation.address.0",
                "6:21:date"
            ]
        );
        assert!(found.iter().all(|d| !d.is_error()));
        assert!(scan(dir.path(), true).iter().all(Diagnostic::is_error));
    }
}
