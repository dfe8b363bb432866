//! Reading YAML data files into typed values, with errors that name file, line, column and field.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error, Result};

/// Reads and deserialises one YAML file. Errors carry the file, the line and column, and the
/// field path (`planning.3.date`).
pub fn read_yaml<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = super::read_text::read_data_text(path)?;
    parse_yaml(path, &text)
}

/// [`read_yaml`] for many files, spread over up to `threads` threads (at least 32 files each);
/// results in the order of `paths`.
pub(crate) fn read_yaml_all<T: DeserializeOwned + Send>(
    paths: &[PathBuf],
    threads: usize,
) -> Vec<Result<T>> {
    let threads = threads.min(paths.len() / 32).max(1);
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let parts: Vec<_> = paths
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|p| read_yaml(p)).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Deserialises YAML text that came from `path` (the path is only used in messages).
pub(crate) fn parse_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    super::read_text::check_text(path, text)?;
    let value = parse_typed(path, text)?;
    // The rules for every text (bidi controls, lengths), each problem located by its field.
    if let Ok(tree) = serde_yaml::from_str::<serde_yaml::Value>(text) {
        let mut problems = super::text::text_problems(path, &tree);
        problems.extend(null_for_text::<T>(path, &tree));
        if !problems.is_empty() {
            super::locate::fill_with(&mut problems, &[(path, text)]);
            return Err(Error::Data(problems));
        }
    }
    Ok(value)
}

/// `name: null` reads as the text "null" into a text field (serde_yaml hands a plain scalar's
/// text to a string). Where the tree holds a null, it is read again from the tree, where a
/// null into text is an error: that field is reported. (Read from the tree, the first other
/// mismatch of a plain scalar may stop the reading first; only the null is reported.)
fn null_for_text<T: DeserializeOwned>(path: &Path, tree: &serde_yaml::Value) -> Option<Diagnostic> {
    fn has_null(v: &serde_yaml::Value) -> bool {
        match v {
            serde_yaml::Value::Null => true,
            serde_yaml::Value::Sequence(items) => items.iter().any(has_null),
            serde_yaml::Value::Mapping(map) => map.values().any(has_null),
            serde_yaml::Value::Tagged(t) => has_null(&t.value),
            _ => false,
        }
    }
    if !has_null(tree) {
        return None;
    }
    let err = serde_path_to_error::deserialize::<_, T>(tree.clone()).err()?;
    let field = err.path().to_string();
    let message = err.inner().to_string();
    (message.starts_with("invalid type: null") || message.starts_with("invalid type: unit"))
        .then(|| {
        Diagnostic::new(
            path,
            field,
            "empty (null) where text is required: write the text, or leave out a field that is optional",
        )
    })
}

fn parse_typed<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let field = err.path().to_string();
        let inner = err.into_inner();
        let message = clean_message(&inner);
        let mut d = Diagnostic::new(
            path,
            if field == "." { String::new() } else { field },
            message.clone(),
        );
        if let Some(loc) = inner.location() {
            d.line = Some(loc.line());
            d.column = Some(loc.column());
        }
        if message.starts_with("missing field `") {
            // serde stops at the first missing field: the others of the file, all at once.
            let mut all: Vec<Diagnostic> = all_missing_fields::<T>(text)
                .into_iter()
                .map(|(parent, name)| {
                    Diagnostic::new(path, parent, format!("missing field `{name}`"))
                })
                .collect();
            if all.len() > 1
                && all
                    .iter()
                    .any(|m| m.field == d.field && m.message == message)
            {
                super::locate::fill_with(&mut all, &[(path, text)]);
                for m in all.iter_mut().filter(|m| m.field == d.field) {
                    (m.line, m.column) = (d.line, d.column);
                }
                return Error::Data(all);
            }
        }
        Error::data(d)
    })
}

/// Every missing required field of a file, as (path of the mapping it is missing from, name),
/// in the order serde meets them: `text` is read into a tree, and each missing field in turn
/// filled in with a stand-in value of a kind the type accepts (text, number, mapping, list, …)
/// so the reading goes on; a stand-in that is a mapping has its own missing fields found the
/// same way. Bounded: at most 400 readings.
fn all_missing_fields<T: DeserializeOwned>(text: &str) -> Vec<(String, String)> {
    use serde_yaml::Value;
    let Ok(mut tree) = serde_yaml::from_str::<Value>(text) else {
        return Vec::new();
    };
    let stand_ins = || -> Vec<Value> {
        vec![
            Value::String("x".into()),
            Value::Number(1.into()),
            Value::Mapping(Default::default()),
            Value::Sequence(Vec::new()),
            Value::Bool(false),
            Value::String("2000-01-01".into()),
            Value::String("10:00".into()),
            Value::String("2000-01-01 10:00".into()),
            Value::String("1.00".into()),
        ]
    };
    let mut found: Vec<(String, String)> = Vec::new();
    // The field being filled in: its segments, and the stand-ins not tried yet.
    let mut trying: Option<(Vec<String>, Vec<Value>)> = None;
    for _ in 0..400 {
        let Err(err) = serde_path_to_error::deserialize::<_, T>(tree.clone()) else {
            break;
        };
        let segments = segments_of(err.path());
        let message = err.inner().to_string();
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|r| r.split_once('`'))
            .map(|(name, _)| name.to_string());
        let (target, mut candidates) = match (missing, trying.take()) {
            (Some(name), _) => {
                let parent = if segments.is_empty() {
                    String::new()
                } else {
                    err.path().to_string()
                };
                if found.iter().any(|f| *f == (parent.clone(), name.clone())) {
                    break;
                }
                found.push((parent, name.clone()));
                let mut target = segments;
                target.push(name);
                (target, stand_ins())
            }
            // The stand-in did not fit: the next one; for a choice (an enum), one it names.
            (None, Some((target, mut rest))) if segments.starts_with(&target) => {
                if let Some(variant) = message
                    .split_once("expected `")
                    .or_else(|| message.split_once("expected one of `"))
                    .and_then(|(_, r)| r.split_once('`'))
                    .map(|(v, _)| v.to_string())
                    .filter(|v| !rest.contains(&Value::String(v.clone())))
                {
                    rest.insert(0, Value::String(variant));
                }
                (target, rest)
            }
            _ => break,
        };
        if candidates.is_empty() {
            break;
        }
        let value = candidates.remove(0);
        if !set_at(&mut tree, &target, value) {
            break;
        }
        trying = Some((target, candidates));
    }
    found
}

/// The segments of a serde path: keys, and list positions as their digits.
fn segments_of(path: &serde_path_to_error::Path) -> Vec<String> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect()
}

/// Sets the value at `path` (keys and list positions) in `tree`; false when a step is missing.
fn set_at(tree: &mut serde_yaml::Value, path: &[String], value: serde_yaml::Value) -> bool {
    use serde_yaml::Value;
    let Some((last, steps)) = path.split_last() else {
        return false;
    };
    let mut node = tree;
    for step in steps {
        let next = match node {
            Value::Mapping(map) => map.get_mut(step.as_str()),
            Value::Sequence(items) => step.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            Value::Tagged(t) => match &mut t.value {
                Value::Mapping(map) => map.get_mut(step.as_str()),
                _ => None,
            },
            _ => None,
        };
        let Some(next) = next else {
            return false;
        };
        node = next;
    }
    match node {
        Value::Mapping(map) => {
            map.insert(Value::String(last.clone()), value);
            true
        }
        _ => false,
    }
}

/// serde_yaml appends " at line L column C" to its messages; we print the location ourselves.
/// An unknown field gets a "did you mean" hint.
fn clean_message(err: &serde_yaml::Error) -> String {
    let msg = err.to_string();
    let mut msg = match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    // serde_yaml also prefixes the path (`quality.G2.1: …`); we print the field ourselves.
    if let Some((path, rest)) = msg.split_once(": ")
        && !path.contains(' ')
    {
        msg = rest.to_string();
    }
    if let Some(hint) = unknown_field_hint(&msg) {
        return format!("{msg} (did you mean `{hint}`?)");
    }
    plain_words(&msg).unwrap_or(msg)
}

/// The mistakes people make most, said in plain words with the expected format and an
/// example, instead of the parser's (`trailing input`, `invalid characters`).
fn plain_words(msg: &str) -> Option<String> {
    const DATE: &str = "expected a date as YYYY-MM-DD, e.g. 2026-08-03";
    const TIME: &str = "write times as 10:00 (hours and minutes, with a colon)";
    if msg.contains("found character that cannot start any token") {
        return Some(format!(
            "use spaces, not tabs, to indent YAML ({})",
            msg.trim()
        ));
    }
    if msg == "input contains invalid characters"
        || msg == "trailing input"
        || msg == "premature end of input"
    {
        // chrono's messages for a date or time it cannot read.
        return Some(format!("{DATE}; or, for a time, {TIME}"));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        let words = match expected {
            e if e.starts_with('u') || e.starts_with('i') && e[1..].parse::<u32>().is_ok() => {
                "expected a whole number, e.g. 5".to_string()
            }
            e if e.starts_with('f') && e[1..].parse::<u32>().is_ok() => {
                "expected a number, e.g. 12.5".to_string()
            }
            "a string" => "expected text".to_string(),
            "a sequence" => "expected a list (lines starting with `- `)".to_string(),
            "a boolean" => "expected true or false".to_string(),
            e if e.contains("date") => DATE.to_string(),
            e if e.contains("time") => TIME.to_string(),
            e if e.contains("decimal") || e.contains("Decimal") => {
                "expected an amount, e.g. \"142.50\" (a point for the decimals, no thousands separator)"
                    .to_string()
            }
            _ => return None,
        };
        return Some(format!("{words}, found {found}"));
    }
    None
}

/// For serde's "unknown field `scroe`, expected one of `score`, `reasons`": the likely intent.
fn unknown_field_hint(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    crate::error::did_you_mean(field, names).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Score {
        score: u32,
        reasons: Vec<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Bid {
        quality: std::collections::BTreeMap<String, Score>,
    }

    #[test]
    fn errors_name_file_line_column_field_and_hint() {
        let text = "quality:\n  G2.1:\n    scroe: 7\n    reasons: []\n";
        let Err(crate::Error::Data(d)) = parse_yaml::<Bid>(Path::new("bids/b3.yaml"), text) else {
            panic!()
        };
        let d = &d[0];
        assert_eq!((d.line, d.column), (Some(3), Some(5)));
        assert_eq!(d.field, "quality.G2.1.scroe");
        assert!(
            d.message.starts_with("unknown field `scroe`"),
            "{}",
            d.message
        );
        assert!(
            d.message.ends_with("(did you mean `score`?)"),
            "{}",
            d.message
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Dated {
        date: chrono::NaiveDate,
    }

    fn message<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        match parse_yaml::<T>(Path::new("x.yaml"), text) {
            Err(crate::Error::Data(d)) => d[0].message.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn common_mistakes_in_plain_words() {
        let m = message::<Dated>("date: 3-8-2026\n");
        assert!(
            m.contains("expected a date as YYYY-MM-DD, e.g. 2026-08-03"),
            "{m}"
        );
        let m = message::<Dated>("date: 3 augustus 2026\n");
        assert!(m.contains("YYYY-MM-DD"), "{m}");
        let m = message::<Bid>("quality:\n  G2.1:\n    score: zeven\n    reasons: []\n");
        assert!(m.starts_with("expected a whole number"), "{m}");
        let m = message::<Bid>("quality:\n\tG2.1: {}\n");
        assert!(m.starts_with("use spaces, not tabs"), "{m}");
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Contact {
        name: String,
        email: String,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct NewBid {
        name: String,
        address: String,
        contact: Contact,
        status: Status,
        submitted: chrono::NaiveDate,
        scores: Vec<u32>,
        #[serde(default)]
        note: Option<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Status {
        Valid,
    }

    #[test]
    fn every_missing_field_at_once() {
        let Err(crate::Error::Data(d)) =
            parse_yaml::<NewBid>(Path::new("bids/new.yaml"), "note: hello\n")
        else {
            panic!()
        };
        let got: Vec<(String, String)> = d
            .iter()
            .map(|d| (d.field.clone(), d.message.clone()))
            .collect();
        let want = [
            ("", "name"),
            ("", "address"),
            ("", "contact"),
            ("contact", "name"),
            ("contact", "email"),
            ("", "status"),
            ("", "submitted"),
            ("", "scores"),
        ];
        assert_eq!(
            got,
            want.map(|(f, n)| (f.to_string(), format!("missing field `{n}`")))
        );
        // Nested in a mapping that is there: named by its path, with its line.
        let Err(crate::Error::Data(d)) = parse_yaml::<NewBid>(
            Path::new("bids/new.yaml"),
            "name: A\naddress: B\ncontact:\n  phone: 1\nstatus: valid\nsubmitted: 2026-01-01\nscores: []\n",
        ) else {
            panic!()
        };
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[1].field, "contact");
        assert_eq!(d[1].message, "missing field `email`");
        assert_eq!(d[1].line, Some(4));
    }

    #[test]
    fn type_errors_name_the_field() {
        let text = "quality:\n  G2.1:\n    score: zeven\n    reasons: []\n";
        let Err(crate::Error::Data(d)) = parse_yaml::<Bid>(Path::new("b.yaml"), text) else {
            panic!()
        };
        assert_eq!(d[0].field, "quality.G2.1.score");
        assert_eq!(d[0].line, Some(3));
    }
}
