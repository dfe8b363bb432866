//! The two notations inside `tender.yaml`'s text: `{placeholder}` facts in descriptive text
//! ([`fill`]) and `{ref:label}` / `{annex:key}` references in the document tables
//! ([`parse_refs`]).

use std::collections::BTreeMap;

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

/// Splits `Zie paragraaf {ref:sec-uea} en zie bijlage {annex:uea}` into segments. Errors name
/// the malformed reference.
pub(crate) fn parse_refs(text: &str) -> Result<Vec<RefSegment>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(RefSegment::Text(rest[..open].to_string()));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("`{{` without `}}` in `{text}`"))?;
        let inner = &after[..close];
        let valid = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c))
        };
        match inner.split_once(':') {
            Some(("ref", label)) if valid(label) => {
                out.push(RefSegment::Section(label.to_string()))
            }
            Some(("annex", key)) if valid(key) => out.push(RefSegment::Annex(key.to_string())),
            _ => {
                return Err(format!(
                    "`{{{inner}}}` is not a reference (`{{ref:label}}` or `{{annex:key}}`)"
                ));
            }
        }
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(RefSegment::Text(rest.to_string()));
    }
    Ok(out)
}

/// Fills `{key}` placeholders from `facts` (e.g. [`Tender::placeholder_facts`]); the unknown
/// keys are returned as the error.
pub(crate) fn fill(text: &str, facts: &BTreeMap<String, String>) -> Result<String, Vec<String>> {
    let mut out = String::with_capacity(text.len());
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match facts.get(key) {
                    Some(v) => out.push_str(v),
                    None => {
                        unknown.push(key.to_string());
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                unknown.push(after.to_string());
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    if unknown.is_empty() {
        Ok(out)
    } else {
        Err(unknown)
    }
}

/// Text with its placeholders left out, to look for digits typed into descriptive prose.
pub(super) fn without_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
