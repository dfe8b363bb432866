//! Rules for every text in the data files, checked when a file is loaded (so `gen check`
//! catches them, with file, line and field): no bidi embedding or override characters (they
//! reorder what is printed), and no text longer than a document can hold — [`MAX_SHORT`]
//! characters for names, ids, titles and the like, [`MAX_TEXT`] for any other text (the
//! longest answer in a real tender is under a thousand). And the rule for ids that name files
//! ([`file_id_problem`]).

use std::path::Path;

use serde_yaml::Value;

use super::anonymity::is_bidi_control;
use crate::error::Diagnostic;

/// The most characters of a name-like field (a bidder's name, an id, a title, a place).
pub const MAX_SHORT: usize = 300;
/// The most characters of any other text.
pub const MAX_TEXT: usize = 20_000;
/// The most characters of an id that names a file (`data/bids/<id>.yaml`, the letters).
pub const MAX_ID: usize = 64;

/// Fields (the last part of a field path) held to [`MAX_SHORT`].
const SHORT_FIELDS: &[&str] = &[
    "id",
    "name",
    "reference",
    "title",
    "subject",
    "organisation",
    "city",
    "place",
    "postcode",
    "address",
    "email",
    "phone",
    "signatory",
    "contact",
    "role",
    "function",
    "unit",
    "kvk",
];

/// The problems of the texts in `value`, the parsed YAML of `file`: each names its field.
pub(crate) fn text_problems(file: &Path, value: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    each_text(value, &mut |path, text| check(file, path, text, &mut out));
    out
}

/// Calls `f` with the field path (`quality.G2.1.reasons.0`) and the text of every string in
/// `value`, keys included (a key's path is that of its mapping).
pub fn each_text(value: &Value, f: &mut dyn FnMut(&str, &str)) {
    walk(value, &mut String::new(), f);
}

fn walk(value: &Value, path: &mut String, f: &mut dyn FnMut(&str, &str)) {
    let enter = |path: &mut String, key: &str, v: &Value, f: &mut dyn FnMut(&str, &str)| {
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        walk(v, path, f);
        path.truncate(len);
    };
    match value {
        Value::Mapping(map) => {
            for (k, v) in map {
                let key = match k {
                    Value::String(s) => {
                        f(path, s);
                        s.clone()
                    }
                    other => serde_yaml::to_string(other)
                        .map(|s| s.trim().to_string())
                        .unwrap_or_default(),
                };
                enter(path, &key, v, f);
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                enter(path, &i.to_string(), v, f);
            }
        }
        Value::Tagged(t) => walk(&t.value, path, f),
        Value::String(s) => f(path, s),
        _ => {}
    }
}

fn check(file: &Path, path: &str, text: &str, out: &mut Vec<Diagnostic>) {
    if let Some(c) = text.chars().find(|&c| is_bidi_control(c)) {
        out.push(Diagnostic::new(
            file,
            path,
            format!(
                "the text holds the invisible direction character U+{:04X}, which reorders what is printed: remove it",
                c as u32
            ),
        ));
    }
    let last = path.rsplit('.').next().unwrap_or_default();
    let max = if SHORT_FIELDS.contains(&last) {
        MAX_SHORT
    } else {
        MAX_TEXT
    };
    let n = text.chars().count();
    if n > max {
        out.push(Diagnostic::new(
            file,
            path,
            format!("the text is {n} characters long; at most {max} fit here"),
        ));
    }
}

/// Why `id` cannot name a file, or `None`: lower-case letters, digits and `-`, starting with
/// a letter or digit, at most [`MAX_ID`] characters (a file name holds 255 bytes, and the id
/// is part of longer ones).
pub fn file_id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("the id is empty".to_string());
    }
    if id.chars().count() > MAX_ID {
        return Some(format!(
            "the id is {} characters long; at most {MAX_ID} (it names files)",
            id.chars().count()
        ));
    }
    let ok = id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    (!ok).then(|| {
        let hint = if id.chars().any(|c| c.is_ascii_uppercase()) {
            format!(" (`{}`?)", id.to_ascii_lowercase())
        } else {
            String::new()
        };
        format!("use lower-case letters, digits and `-` only, starting with a letter or digit (it names files){hint}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(yaml: &str) -> Vec<String> {
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        text_problems(Path::new("b.yaml"), &value)
            .into_iter()
            .map(|d| format!("{}: {}", d.field, d.message))
            .collect()
    }

    #[test]
    fn bidi_overrides_are_refused_with_the_field() {
        let p = problems("contact:\n  salutation: \"Geachte \\u202Eheer\"\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].starts_with("contact.salutation: ") && p[0].contains("U+202E"),
            "{p:?}"
        );
    }

    #[test]
    fn texts_past_their_maximum_are_refused() {
        let long_name = format!(
            "name: {}\nreasons:\n  - {}\n",
            "x".repeat(MAX_SHORT + 1),
            "y".repeat(5_000)
        );
        let p = problems(&long_name);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].starts_with("name: "), "{p:?}");
        let p = problems(&format!(
            "quality:\n  G1:\n    reasons: [{}]\n",
            "y".repeat(MAX_TEXT + 1)
        ));
        assert!(p[0].starts_with("quality.G1.reasons.0: "), "{p:?}");
    }

    #[test]
    fn file_ids() {
        assert_eq!(file_id_problem("werkfit"), None);
        assert_eq!(file_id_problem("arbo-noord-2"), None);
        assert!(file_id_problem("Werkfit").unwrap().contains("`werkfit`?"));
        assert!(
            file_id_problem(&"a".repeat(240))
                .unwrap()
                .contains("at most 64")
        );
        assert!(file_id_problem("-x").is_some());
        assert!(file_id_problem("a/b").is_some());
        assert!(file_id_problem("").is_some());
    }
}
