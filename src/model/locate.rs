//! Finding the line and column of a field path (`questions.3.section`, `quality.G2.1.score`,
//! `planning[2].date`) in a YAML file, so that rules checked after deserialisation can point
//! at the place a person must edit.
//!
//! serde_yaml keeps no positions once a value is deserialised, so this scans the text. It
//! understands the block style our data files use (mappings, `- ` sequences, block scalars);
//! for anything else it finds the nearest enclosing key it can, or nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

/// One logical entry: a `- ` sequence marker or a line's content, with its 0-based indent.
#[derive(Debug)]
struct Entry<'a> {
    line: usize,
    indent: usize,
    text: &'a str,
    dash: bool,
}

fn entries(text: &str) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let mut block_scalar_indent: Option<usize> = None;
    for (n, raw) in text.lines().enumerate() {
        let content = raw.trim_start();
        let indent = raw.len() - content.len();
        if content.is_empty() {
            continue;
        }
        if let Some(bi) = block_scalar_indent {
            if indent > bi {
                continue; // inside a `|` or `>` block: text, not structure
            }
            block_scalar_indent = None;
        }
        if content.starts_with('#') {
            continue;
        }
        let (mut indent, mut rest) = (indent, content);
        while let Some(after) =
            rest.strip_prefix("- ")
                .or(if rest == "-" { Some("") } else { None })
        {
            out.push(Entry {
                line: n + 1,
                indent,
                text: "-",
                dash: true,
            });
            let trimmed = after.trim_start();
            indent += 2 + (after.len() - trimmed.len());
            rest = trimmed;
            if rest.is_empty() {
                break;
            }
        }
        if !rest.is_empty() {
            let value = rest.split_once(':').map(|(_, v)| v.trim()).unwrap_or("");
            if value.starts_with('|') || value.starts_with('>') {
                block_scalar_indent = Some(indent);
            }
            out.push(Entry {
                line: n + 1,
                indent,
                text: rest,
                dash: false,
            });
        }
    }
    out
}

fn key_of(text: &str) -> Option<&str> {
    let (k, _) = text.split_once(':')?;
    Some(k.trim().trim_matches(|c| c == '"' || c == '\''))
}

/// The entries in `lo..hi` at the block's base indent, with the end of each one's value range.
fn children(es: &[Entry<'_>], lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let Some(base) = es.get(lo).map(|e| e.indent) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut i = lo;
    while i < hi {
        if es[i].indent == base {
            let mut j = i + 1;
            // A key's value is everything deeper, and an indentless sequence (`key:` then `- a`
            // at the key's own indent).
            let key = !es[i].dash;
            while j < hi && (es[j].indent > base || (key && es[j].dash && es[j].indent == base)) {
                j += 1;
            }
            out.push((i, j));
            i = j;
        } else if es[i].indent < base {
            break;
        } else {
            i += 1;
        }
    }
    out
}

/// Splits a path into tokens: `a.b[2].c` → a, b, 2, c.
fn tokens(path: &str) -> Vec<String> {
    path.replace('[', ".")
        .replace(']', "")
        .split('.')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn find(es: &[Entry<'_>], lo: usize, hi: usize, toks: &[String], best: &mut Option<usize>) -> bool {
    if toks.is_empty() {
        return true;
    }
    if lo >= hi {
        return false;
    }
    let kids = children(es, lo, hi);
    if es[lo].dash {
        // A sequence: the token must be an index.
        let Ok(n) = toks[0].parse::<usize>() else {
            return false;
        };
        let Some(&(i, j)) = kids.iter().filter(|(i, _)| es[*i].dash).nth(n) else {
            return false;
        };
        *best = Some(if i + 1 < j { i + 1 } else { i });
        return find(es, i + 1, j, &toks[1..], best);
    }
    // A mapping: keys may contain dots (`G2.1`), so try the longest join of tokens first.
    for take in (1..=toks.len()).rev() {
        let key = toks[..take].join(".");
        if let Some(&(i, j)) = kids
            .iter()
            .find(|(i, _)| key_of(es[*i].text) == Some(key.as_str()))
        {
            *best = Some(i);
            if find(es, i + 1, j, &toks[take..], best) {
                return true;
            }
        }
    }
    false
}

/// The 1-based (line, column) of the field at `path` in YAML `text`, or of the deepest part of it found.
pub(crate) fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let es = entries(text);
    let toks = tokens(path);
    let mut best = None;
    find(&es, 0, es.len(), &toks, &mut best);
    best.map(|i| (es[i].line, es[i].indent + 1))
}

/// The field path (`planning.3.date`) of the entry on 1-based `line` of YAML `text`: the
/// inverse of [`locate`], for findings made in the text itself (a placeholder marker). A line
/// inside a block scalar gives the path of its key; a comment-only line, `None`.
pub(crate) fn path_at(text: &str, line: usize) -> Option<String> {
    struct Frame {
        indent: usize,
        token: String,
        dash: bool,
        next_index: usize,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut found = None;
    for e in entries(text) {
        if e.line > line {
            break;
        }
        if e.dash {
            while stack
                .last()
                .is_some_and(|f| f.indent > e.indent || (f.indent == e.indent && f.dash))
            {
                stack.pop();
            }
            let index = match stack.last_mut() {
                Some(parent) => {
                    parent.next_index += 1;
                    parent.next_index - 1
                }
                None => 0,
            };
            stack.push(Frame {
                indent: e.indent,
                token: index.to_string(),
                dash: true,
                next_index: 0,
            });
        } else {
            while stack.last().is_some_and(|f| f.indent >= e.indent) {
                stack.pop();
            }
            // A quoted scalar or a flow collection is a value, whatever colons it holds.
            let Some(key) = key_of(e.text).filter(|_| !e.text.starts_with(['"', '\'', '{', '[']))
            else {
                continue;
            };
            stack.push(Frame {
                indent: e.indent,
                token: key.to_string(),
                dash: false,
                next_index: 0,
            });
        }
        found = Some(
            stack
                .iter()
                .map(|f| f.token.as_str())
                .collect::<Vec<_>>()
                .join("."),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
# comment
reference: T-1
planning:
  - name: Aankondiging
    date: 2026-05-26
  - name: Sluiting # trailing
    date: 2026-08-03
    note: |
      - not: structure
      date: neither
quality:
  G2.1:
    score: 7
  G2.2: { score: 6 }
list:
- a
- b: 1
  c: 2
";

    #[test]
    fn finds_keys_indices_and_dotted_keys() {
        assert_eq!(locate(DOC, "reference"), Some((2, 1)));
        assert_eq!(locate(DOC, "planning.1.date"), Some((7, 5)));
        assert_eq!(locate(DOC, "planning[0].name"), Some((4, 5)));
        assert_eq!(locate(DOC, "quality.G2.1.score"), Some((13, 5)));
        assert_eq!(locate(DOC, "quality.G2.2"), Some((14, 3)));
        assert_eq!(locate(DOC, "list.1.c"), Some((18, 3)));
    }

    #[test]
    fn path_at_is_the_inverse_of_locate() {
        for path in [
            "reference",
            "planning.1.date",
            "planning.0.name",
            "quality.G2.1.score",
            "list.1.c",
            "list.0",
        ] {
            let (line, _) = locate(DOC, path).unwrap();
            assert_eq!(path_at(DOC, line).as_deref(), Some(path), "line {line}");
        }
        // Inside a block scalar: its key.
        assert_eq!(path_at(DOC, 9).as_deref(), Some("planning.1.note"));
    }

    #[test]
    fn block_scalars_are_not_structure_and_misses_give_the_nearest() {
        assert_eq!(locate(DOC, "planning.1.note"), Some((8, 5)));
        // Not there: the deepest part found.
        assert_eq!(locate(DOC, "planning.1.missing"), Some((6, 5)));
        assert_eq!(locate(DOC, "nothing"), None);
    }
}

/// The one place a diagnostic's field path becomes its line and column: every diagnostic
/// that has a field but no position gets the position of that field in its file. `texts`
/// gives files whose text is not (yet) on disk, such as a round an import is about to write;
/// the others are read, each once.
pub(crate) fn fill_with(diags: &mut [Diagnostic], texts: &[(&Path, &str)]) {
    let mut read: HashMap<PathBuf, Option<String>> = HashMap::new();
    for d in diags
        .iter_mut()
        .filter(|d| d.line.is_none() && !d.field.is_empty())
    {
        let text = match texts.iter().find(|(p, _)| *p == d.file) {
            Some((_, t)) => Some(*t),
            None => read
                .entry(d.file.clone())
                .or_insert_with(|| std::fs::read_to_string(&d.file).ok())
                .as_deref(),
        };
        if let Some((line, column)) = text.and_then(|t| locate(t, &d.field)) {
            d.line = Some(line);
            d.column = Some(column);
        }
    }
}

/// [`fill_with`] the files on disk.
pub fn fill(diags: &mut [Diagnostic]) {
    fill_with(diags, &[]);
}

/// `diags` located ([`fill`]) as a data error.
pub fn located(mut diags: Vec<Diagnostic>) -> Error {
    fill(&mut diags);
    Error::Data(diags)
}

/// A field path for people: list positions counted from 1 and named by the item's `name`,
/// `id` or `number` where it has one: `planning.2.date` → `planning[3] (Sluiting).date`.
/// Keys with dots (`G2.1`) stay whole; the part of a path that is not in the text (a missing
/// field) is kept as it is.
pub fn describe(text: &str, path: &str) -> String {
    let value: Option<serde_yaml::Value> = serde_yaml::from_str(text).ok();
    let toks = tokens(path);
    let mut out = String::new();
    let mut node = value.as_ref();
    let mut i = 0;
    while i < toks.len() {
        if let Some(seq) = node.and_then(|v| v.as_sequence())
            && let Ok(n) = toks[i].parse::<usize>()
        {
            {
                out.push_str(&format!("[{}]", n + 1));
                node = seq.get(n);
                if let Some(label) = node.and_then(label_of) {
                    out.push_str(&format!(" ({label})"));
                }
                i += 1;
                continue;
            }
        }
        if let Some(map) = node.and_then(|v| v.as_mapping()) {
            // The longest join of tokens that is a key (`G2.1`).
            let found = (i + 1..=toks.len()).rev().find_map(|end| {
                let key = toks[i..end].join(".");
                map.get(key.as_str()).map(|v| (key, end, v))
            });
            if let Some((key, end, v)) = found {
                push_key(&mut out, &key);
                node = Some(v);
                i = end;
                continue;
            }
        }
        // Not in the text (a missing field): the rest as it is.
        push_key(&mut out, &toks[i..].join("."));
        break;
    }
    out
}

fn push_key(out: &mut String, key: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(key);
}

/// What names a list item: its `name`, `id` or `number`.
fn label_of(item: &serde_yaml::Value) -> Option<String> {
    let map = item.as_mapping()?;
    for key in ["name", "id"] {
        if let Some(s) = map.get(key).and_then(|v| v.as_str()) {
            return Some(s.to_string());
        }
    }
    map.get("number")
        .and_then(|v| v.as_u64())
        .map(|n| format!("number {n}"))
}

#[cfg(test)]
mod describe_tests {
    use super::describe;

    #[test]
    fn positions_count_from_one_and_items_are_named() {
        let text = "planning:\n  - name: Aankondiging\n    date: 2026-05-26\n  - name: Sluiting\n    date: x\nquestions:\n  - number: 28\nquality:\n  G2.1:\n    score: 7\n";
        assert_eq!(
            describe(text, "planning.1.date"),
            "planning[2] (Sluiting).date"
        );
        assert_eq!(describe(text, "planning[0]"), "planning[1] (Aankondiging)");
        assert_eq!(
            describe(text, "questions.0.answer"),
            "questions[1] (number 28).answer"
        );
        assert_eq!(describe(text, "quality.G2.1.score"), "quality.G2.1.score");
        assert_eq!(describe(text, "quality.G2.3.score"), "quality.G2.3.score");
        assert_eq!(describe("", "rates.3.price"), "rates.3.price");
    }
}
