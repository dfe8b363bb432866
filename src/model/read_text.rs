//! Reading a data file's text safely, before YAML sees it: the file resolves inside the tender's
//! data folder (a symlink pointing out is refused, and its target is never read, so no message
//! can print it), is not too large, is UTF-8 (else the line and column of the first bad byte),
//! has no NUL (its line and column), and nests no deeper than [`MAX_DEPTH`] (a fast error, where
//! the YAML parser would take quadratic time).

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};

/// The largest data file read (a thousand-bid tender's biggest file is well under 1 MB).
pub(crate) const MAX_BYTES: u64 = 16 << 20;
/// Flow nesting (`[[[…` or `{{{…`) and indentation (in columns) a data file may reach: the
/// deepest real structure is five levels.
pub(crate) const MAX_DEPTH: usize = 64;
pub(crate) const MAX_INDENT: usize = 512;

fn refused(path: &Path, line: Option<usize>, column: Option<usize>, message: String) -> Error {
    let mut d = Diagnostic::new(path, "", message);
    d.line = line;
    d.column = column;
    Error::data(d)
}

/// The data folder a data file belongs to: the nearest folder above it with a `tender.yaml`,
/// or its own folder.
fn data_root(path: &Path) -> PathBuf {
    let parent = path.parent().unwrap_or(Path::new("."));
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    parent
        .ancestors()
        .take(4)
        .find(|d| d.join("tender.yaml").is_file())
        .unwrap_or(parent)
        .to_path_buf()
}

/// Whether `path`, with every symlink resolved, lies inside `root` (also resolved).
pub fn resolves_inside(path: &Path, root: &Path) -> bool {
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        _ => false,
    }
}

/// The text of a data file, checked as described above.
pub(crate) fn read_data_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let root = data_root(path);
    if !resolves_inside(path, &root) {
        return Err(refused(
            path,
            None,
            None,
            format!(
                "the file is a symlink to a file outside the data folder {}: data files must be in the tender's own folder",
                root.display()
            ),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(refused(
            path,
            None,
            None,
            format!(
                "the file is {} MB; a data file is at most {} MB",
                meta.len() >> 20,
                MAX_BYTES >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let (line, column) = line_column(e.as_bytes(), at);
            Err(refused(
                path,
                Some(line),
                Some(column),
                "the file is not valid UTF-8 here: save it as UTF-8".to_string(),
            ))
        }
    }
}

/// 1-based line and column (in characters) of byte `at`.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// NUL characters and nesting depth, each reported at its line and column.
pub(crate) fn check_text(path: &Path, text: &str) -> Result<()> {
    if let Some(at) = text.find('\0') {
        let (line, column) = line_column(text.as_bytes(), at);
        return Err(refused(
            path,
            Some(line),
            Some(column),
            "a NUL character (byte 0): remove it".to_string(),
        ));
    }
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > MAX_INDENT {
            return Err(refused(
                path,
                Some(i + 1),
                Some(1),
                format!("indented more than {MAX_INDENT} columns: the data is nested too deeply"),
            ));
        }
        // Flow collections: a bracket opening a value (at the start, or after `: `, `- `, `,`,
        // `[` or `{`); text in quotes and comments does not count.
        let mut quote: Option<char> = None;
        let mut value_start = true;
        // Only indentation and sequence dashes so far on this line.
        let mut line_start = true;
        for (col, c) in line.chars().enumerate() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '[' | '{' if value_start => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(refused(
                            path,
                            Some(i + 1),
                            Some(col + 1),
                            format!("nested more than {MAX_DEPTH} levels deep"),
                        ));
                    }
                    line_start = false;
                    continue;
                }
                ']' | '}' if depth > 0 => {
                    depth -= 1;
                    value_start = false;
                    line_start = false;
                    continue;
                }
                '"' | '\'' if value_start => {
                    quote = Some(c);
                    continue;
                }
                '#' if value_start => break,
                _ => {}
            }
            value_start = match c {
                ' ' | '\t' => value_start,
                '-' => line_start,
                ':' => true,
                ',' => depth > 0,
                _ => false,
            };
            line_start = line_start && matches!(c, ' ' | '\t' | '-');
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> (Option<usize>, Option<usize>, String) {
        match check_text(Path::new("t.yaml"), text) {
            Err(Error::Data(d)) => (d[0].line, d[0].column, d[0].message.clone()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nul_is_reported_at_its_line() {
        let (line, col, _) = problem("a: 1\nname: ab\0c\n");
        assert_eq!((line, col), (Some(2), Some(9)));
    }

    #[test]
    fn deep_nesting_is_refused_fast() {
        let deep = format!("a: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let start = std::time::Instant::now();
        let (line, _, message) = problem(&deep);
        assert!(start.elapsed().as_millis() < 500);
        assert_eq!(line, Some(1));
        assert!(message.contains("nested"), "{message}");
        // Brackets inside text do not count.
        let text = format!(
            "a: \"{}\"\nb: x [[[[ {}\n",
            "[".repeat(100),
            "{".repeat(100)
        );
        assert!(check_text(Path::new("t.yaml"), &text).is_ok());
        assert!(check_text(Path::new("t.yaml"), "a: [[1, 2], {b: [3]}]\n").is_ok());
    }
}
