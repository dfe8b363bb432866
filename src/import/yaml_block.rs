//! Replacing one block-style mapping entry of a YAML file in place (`rates:`, or
//! `lots: {2: {rates: …}}`), leaving every other byte as it was: the imports never
//! re-serialise a data file the officer keeps comments in.

/// Replaces the entry at `path` (keys from the top level down, e.g. `["lots", "2", "rates"]`)
/// by `block` (the entry as it would stand at the top level: `rates:` and its lines, ending in a
/// newline), indented to the entry's depth; a missing entry (or missing parents) is added at
/// the end of its parent. The entry is its key line and the lines after it that are indented
/// deeper, blank or comments, without trailing blank lines and comments at the parent's
/// indentation or less. Parents must be in block style.
pub(crate) fn replace_block(
    text: &str,
    path: &[&str],
    block: &str,
) -> std::result::Result<String, String> {
    // Lines with their terminators, so unchanged lines are copied byte for byte.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let crlf = text.contains("\r\n");
    let newline = if crlf { "\r\n" } else { "\n" };
    let (mut from, mut to, mut indent) = (0, lines.len(), 0);
    for (depth, key) in path.iter().enumerate() {
        let found: Vec<usize> = (from..to)
            .filter(|&i| key_at(lines[i], indent) == Some(key))
            .collect();
        let last = depth + 1 == path.len();
        match found.as_slice() {
            [] => {
                // Add the missing entry (with the rest of the path) at the end of its parent.
                let end = trim_trailing(&lines, from, to, indent);
                let mut add = String::new();
                for (d, k) in path[depth..path.len() - 1].iter().enumerate() {
                    add.push_str(&format!("{}{k}:\n", " ".repeat(indent + 2 * d)));
                }
                let deepest = indent + 2 * (path.len() - 1 - depth);
                add.push_str(&indented(block, deepest));
                return Ok(splice(&lines, end, end, &add, crlf, newline));
            }
            [at] if last => {
                let end = block_end(&lines, *at, to, indent);
                return Ok(splice(
                    &lines,
                    *at,
                    end,
                    &indented(block, indent),
                    crlf,
                    newline,
                ));
            }
            [at] => {
                let rest = after_colon(lines[*at]);
                if rest == "{}" {
                    // An empty flow map (`2: {}`): written out as a block with the entry.
                    let mut add = format!("{}{key}:\n", " ".repeat(indent));
                    for (d, k) in path[depth + 1..path.len() - 1].iter().enumerate() {
                        add.push_str(&format!("{}{k}:\n", " ".repeat(indent + 2 * (d + 1))));
                    }
                    let deepest = indent + 2 * (path.len() - 1 - depth);
                    add.push_str(&indented(block, deepest));
                    return Ok(splice(&lines, *at, at + 1, &add, crlf, newline));
                }
                if !rest.is_empty() && !rest.starts_with('#') {
                    return Err(format!(
                        "`{}` is written in flow style ({rest}); write it as a block, one key \
                         per line, first",
                        path[..=depth].join(".")
                    ));
                }
                let end = block_end(&lines, *at, to, indent);
                let child = (at + 1..end)
                    .find(|&i| is_content(lines[i]))
                    .map_or(indent + 2, |i| leading_spaces(lines[i]));
                if child <= indent {
                    return Err(format!(
                        "`{}` is not indented as YAML",
                        path[..=depth].join(".")
                    ));
                }
                (from, to, indent) = (at + 1, end, child);
            }
            _ => {
                return Err(format!(
                    "the file has more than one `{}` key; fix it by hand first",
                    path[..=depth].join(".")
                ));
            }
        }
    }
    Err("no key to replace".to_string())
}

/// `block` with every line indented by `n` spaces.
fn indented(block: &str, n: usize) -> String {
    block
        .split_inclusive('\n')
        .map(|l| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                format!("{}{l}", " ".repeat(n))
            }
        })
        .collect()
}

/// `lines` with `lines[from..to]` replaced by `new`, in the file's line endings.
fn splice(lines: &[&str], from: usize, to: usize, new: &str, crlf: bool, nl: &str) -> String {
    let mut out: String = lines[..from].concat();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(nl);
    }
    if crlf {
        out.push_str(&new.replace('\n', "\r\n"));
    } else {
        out.push_str(new);
    }
    out.push_str(&lines[to..].concat());
    out
}

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A line that is neither blank nor a comment.
fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The key of a `key:` line at exactly `indent` spaces, unquoted (`'2'`, `"2"` → `2`).
fn key_at(line: &str, indent: usize) -> Option<&str> {
    if leading_spaces(line) != indent {
        return None;
    }
    let rest = &line[indent..];
    let end = rest.find(':')?;
    let after = &rest[end + 1..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\r', '\n'])) {
        return None;
    }
    let key = rest[..end].trim_end_matches([' ', '\t']);
    Some(
        key.strip_prefix('"')
            .and_then(|k| k.strip_suffix('"'))
            .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
            .unwrap_or(key),
    )
}

/// What follows `key:` on its line, trimmed.
fn after_colon(line: &str) -> &str {
    line.split_once(':').map_or("", |(_, rest)| rest.trim())
}

/// The end (exclusive) of the entry starting at `start`, within `..to`.
fn block_end(lines: &[&str], start: usize, to: usize, indent: usize) -> usize {
    let mut end = start + 1;
    while end < to && (!is_content(lines[end]) || leading_spaces(lines[end]) > indent) {
        end += 1;
    }
    trim_trailing(lines, start + 1, end, indent)
}

/// `end` moved back over blank lines and comments at `indent` or less: they belong to what
/// follows.
fn trim_trailing(lines: &[&str], from: usize, mut end: usize, indent: usize) -> usize {
    while end > from {
        let l = lines[end - 1];
        if l.trim().is_empty() || (l.trim_start().starts_with('#') && leading_spaces(l) <= indent) {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "rates:\n  A1: \"95.50\"\n";

    #[test]
    fn replaces_a_lots_rates_and_keeps_the_rest() {
        let text = "id: x\nlots:\n  1:\n    rates:\n      A1: \"1.00\"\n    # about quality\n    quality:\n      G2.1: { score: 8 }\n  2:\n    rates: { A1: \"3\" }\n# after\nstatus: valid\n";
        let out = replace_block(text, &["lots", "2", "rates"], BLOCK).unwrap();
        assert_eq!(
            out,
            "id: x\nlots:\n  1:\n    rates:\n      A1: \"1.00\"\n    # about quality\n    quality:\n      G2.1: { score: 8 }\n  2:\n    rates:\n      A1: \"95.50\"\n# after\nstatus: valid\n"
        );
        let out = replace_block(text, &["lots", "1", "rates"], BLOCK).unwrap();
        assert!(out.contains("  1:\n    rates:\n      A1: \"95.50\"\n    # about quality\n"));
    }

    #[test]
    fn adds_missing_lots_and_entries() {
        let out = replace_block("id: x\n", &["lots", "3", "rates"], BLOCK).unwrap();
        assert_eq!(out, "id: x\nlots:\n  3:\n    rates:\n      A1: \"95.50\"\n");
        let text = "id: x\nlots:\n    1:\n        quality: {}\n\n# end\n";
        let out = replace_block(text, &["lots", "1", "rates"], BLOCK).unwrap();
        assert_eq!(
            out,
            "id: x\nlots:\n    1:\n        quality: {}\n        rates:\n          A1: \"95.50\"\n\n# end\n"
        );
        let out = replace_block(
            "lots:\n  1: {}\n  '2': {}\n",
            &["lots", "2", "rates"],
            BLOCK,
        );
        assert_eq!(
            out.unwrap(),
            "lots:\n  1: {}\n  2:\n    rates:\n      A1: \"95.50\"\n"
        );
    }

    #[test]
    fn refuses_flow_parents_and_duplicates() {
        let err = replace_block("lots: {1: {}}\n", &["lots", "1", "rates"], BLOCK).unwrap_err();
        assert!(err.contains("flow style"), "{err}");
        let err =
            replace_block("lots:\n  1: {}\n  1: {}\n", &["lots", "1", "rates"], BLOCK).unwrap_err();
        assert!(err.contains("more than one `lots.1`"), "{err}");
    }
}
