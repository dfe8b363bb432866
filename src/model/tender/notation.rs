//! The two notations inside the authority's texts: `{placeholder}` facts in descriptive text
//! ([`fill`]) and `{ref:label}` / `{annex:key}` references in the document tables
//! ([`parse_refs`]). Both share one reading of braces ([`segments`]):
//!
//! - only a well-formed placeholder is one: `{` a key `}` where the key is lower-case words
//!   joined by dots (`organisation.short_name`, `facts.iso_norm`), optionally with a `:`
//!   suffix (`:words`, `ref:sec-uea`);
//! - `{{` prints `{` and `}}` prints `}`: `{{name}}` gives a literal `{name}` (the escape);
//! - any other brace text (`{ x }`, `{Zie bijlage}`, a lone `{`) prints as it is typed.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

/// A piece of a table text with references: literal text, the number of a section (by its
/// Typst label), or the letter of an annex (by its key in `requirements.yaml`). Serialised as
/// `{text: ...}`, `{section: ...}` or `{annex: ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefSegment {
    Text(String),
    Section(String),
    Annex(String),
}

/// A piece of an authority's text: literal text (escapes resolved) or a placeholder's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    Text(String),
    Placeholder(String),
}

/// Whether `inner` (the text between the braces) is a well-formed placeholder key.
fn well_formed(inner: &str) -> bool {
    let (path, suffix) = match inner.split_once(':') {
        Some((p, s)) => (p, Some(s)),
        None => (inner, None),
    };
    let word = |w: &str, first_letter: bool| {
        !w.is_empty()
            && (!first_letter || w.starts_with(|c: char| c.is_ascii_lowercase()))
            && w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    let mut parts = path.split('.');
    parts.next().is_some_and(|w| word(w, true))
        && parts.all(|w| word(w, false))
        && suffix.is_none_or(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        })
}

/// Splits an authority's text into literal text and placeholders (see the module's rules).
pub(crate) fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("{{") || rest.starts_with("}}") {
            literal.push(c);
            rest = &rest[2..];
            continue;
        }
        if c == '{'
            && let Some(close) = rest[1..].find(['}', '{'])
            && rest.as_bytes()[1 + close] == b'}'
            && well_formed(&rest[1..1 + close])
        {
            if !literal.is_empty() {
                out.push(Segment::Text(std::mem::take(&mut literal)));
            }
            out.push(Segment::Placeholder(rest[1..1 + close].to_string()));
            rest = &rest[close + 2..];
            continue;
        }
        literal.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !literal.is_empty() {
        out.push(Segment::Text(literal));
    }
    out
}

/// Splits `Zie paragraaf {ref:sec-uea} en zie bijlage {annex:uea}` into segments. Errors name
/// the placeholder that is not a reference.
pub(crate) fn parse_refs(text: &str) -> Result<Vec<RefSegment>, String> {
    let mut out = Vec::new();
    for seg in segments(text) {
        match seg {
            Segment::Text(t) => out.push(RefSegment::Text(t)),
            Segment::Placeholder(p) => match p.split_once(':') {
                Some(("ref", label)) => out.push(RefSegment::Section(label.to_string())),
                Some(("annex", key)) => out.push(RefSegment::Annex(key.to_string())),
                _ => {
                    return Err(format!(
                        "`{{{p}}}` is not a reference (`{{ref:label}}` or `{{annex:key}}`; write `{{{{{p}}}}}` for the literal text)"
                    ));
                }
            },
        }
    }
    Ok(out)
}

/// Fills `{key}` placeholders from `facts` (e.g. [`super::Tender::placeholder_facts`]); the
/// unknown keys are returned as the error. Other brace text prints literally.
pub(crate) fn fill(text: &str, facts: &BTreeMap<String, String>) -> Result<String, Vec<String>> {
    let mut out = String::with_capacity(text.len());
    let mut unknown = Vec::new();
    for seg in segments(text) {
        match seg {
            Segment::Text(t) => out.push_str(&t),
            Segment::Placeholder(key) => match facts.get(&key) {
                Some(v) => out.push_str(v),
                None => {
                    out.push('{');
                    out.push_str(&key);
                    out.push('}');
                    unknown.push(key);
                }
            },
        }
    }
    if unknown.is_empty() {
        Ok(out)
    } else {
        Err(unknown)
    }
}

/// The numbers typed into a text outside its placeholders, as typed (`836.000`, `24`,
/// `1.234,56`), each with the values it can stand for: Dutch notation (`.` groups thousands,
/// `,` decimals) and plain notation (`.` decimals).
pub(super) fn typed_numbers(text: &str) -> Vec<(String, Vec<Decimal>)> {
    let mut out = Vec::new();
    for seg in segments(text) {
        let Segment::Text(t) = seg else { continue };
        let chars: Vec<char> = t.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], '.' | ',')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            // Part of a word or code (`ISO9001`, `G2`): not a quantity.
            let glued = start > 0 && chars[start - 1].is_alphabetic();
            let typed: String = chars[start..i].iter().collect();
            // The day or year of a date is judged as a date ([`typed_dates`]), not a number.
            let word_after: String = chars[i..]
                .iter()
                .skip_while(|c| **c == ' ')
                .take_while(|c| c.is_alphabetic())
                .collect();
            let word_before: String = chars[..start]
                .iter()
                .rev()
                .skip_while(|c| **c == ' ')
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let in_date = [word_after, word_before]
                .iter()
                .any(|w| crate::format::MONTHS.contains(&w.as_str()));
            if glued || in_date {
                continue;
            }
            let dutch = typed.replace('.', "").replace(',', ".");
            let plain = typed.replace(',', "");
            let values: Vec<Decimal> = [dutch, plain]
                .iter()
                .filter_map(|s| s.parse::<Decimal>().ok())
                .map(|d| d.normalize())
                .collect();
            out.push((typed, values));
        }
    }
    out
}

/// The dates typed into a text outside its placeholders in the Dutch form the documents print
/// (`1 januari 2027`, also with a weekday before it), as typed and as a date.
pub(super) fn typed_dates(text: &str) -> Vec<(String, chrono::NaiveDate)> {
    let mut out = Vec::new();
    for seg in segments(text) {
        let Segment::Text(t) = seg else { continue };
        let words: Vec<&str> = t.split_whitespace().collect();
        for w in words.windows(3) {
            let year = w[2].trim_end_matches(|c: char| !c.is_ascii_digit());
            let month = crate::format::MONTHS.iter().position(|m| *m == w[1]);
            if let (Ok(day), Some(month), Ok(year)) =
                (w[0].parse::<u32>(), month, year.parse::<i32>())
                && let Some(date) = chrono::NaiveDate::from_ymd_opt(year, month as u32 + 1, day)
            {
                out.push((format!("{} {} {year}", w[0], w[1]), date));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> BTreeMap<String, String> {
        BTreeMap::from([
            ("organisation.name".to_string(), "Gemeente X".to_string()),
            ("facts.norm".to_string(), "NEN 2075".to_string()),
        ])
    }

    #[test]
    fn only_well_formed_placeholders_are_filled() {
        let f = facts();
        assert_eq!(
            fill("{organisation.name} volgens {facts.norm}", &f).unwrap(),
            "Gemeente X volgens NEN 2075"
        );
        // Other brace text prints as typed.
        for literal in [
            "a { b } c",
            "{Zie bijlage}",
            "lone { brace",
            "x}",
            "{ organisation.name }",
            "{}",
        ] {
            assert_eq!(fill(literal, &f).unwrap(), literal, "{literal}");
        }
        // The escape: doubled braces.
        assert_eq!(
            fill("schrijf {{organisation.name}} zo", &f).unwrap(),
            "schrijf {organisation.name} zo"
        );
        // A well-formed but unknown key is an error, named.
        assert_eq!(
            fill("{organisation.nam}", &f),
            Err(vec!["organisation.nam".to_string()])
        );
    }

    #[test]
    fn references_follow_the_same_brace_rules() {
        assert_eq!(
            parse_refs("Zie {ref:sec-uea} en {Bijlage} {{annex:x}}").unwrap(),
            vec![
                RefSegment::Text("Zie ".into()),
                RefSegment::Section("sec-uea".into()),
                RefSegment::Text(" en {Bijlage} {annex:x}".into()),
            ]
        );
        assert!(parse_refs("zie {organisation.name}").is_err());
    }

    #[test]
    fn typed_numbers_outside_placeholders() {
        let n = typed_numbers(
            "circa {organisation.employees} medewerkers, € 836.000,- en ISO9001 of NEN 2075",
        );
        let typed: Vec<&str> = n.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(typed, ["836.000", "2075"]);
        assert!(n[0].1.contains(&Decimal::from(836_000)));
        // A date's day and year are not numbers of their own.
        assert!(typed_numbers("op 24 augustus 2026").is_empty());
        assert_eq!(
            typed_dates("tot maandag 24 augustus 2026."),
            [(
                "24 augustus 2026".to_string(),
                chrono::NaiveDate::from_ymd_opt(2026, 8, 24).unwrap()
            )]
        );
    }
}
