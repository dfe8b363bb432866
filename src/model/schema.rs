//! JSON Schemas of the data files (`gen schema <kind>`), derived from the serde types with
//! schemars, so that an editor with the YAML language server completes and checks fields.
//!
//! The schemas describe what a person *writes*: they are generated for deserialisation, so a
//! type read through another (`#[serde(from = "PriceLineIn")]`, `try_from = "VolumeIn"`) is
//! described by the type it is read from, and fields the loader fills in (`#[serde(skip)]`)
//! are absent. The doc comments of the fields become the descriptions an editor shows.
//!
//! The tender's repository keeps the schemas in `data/.schemas/<kind>.schema.json`; each data
//! file names its schema on its first line (see [`modeline`]). `gen schema --write` refreshes
//! them; `gen check` does not read them.

use std::borrow::Cow;
use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::nvi::{DocumentRef, Minute};

/// The folder inside the data folder the schemas are kept in.
pub const DIR: &str = ".schemas";

/// A kind of data file.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// The name `gen schema` takes, and the schema's file stem.
    pub name: &'static str,
    /// Which files are of this kind, relative to the data folder.
    pub files: &'static str,
    /// What the file holds, for `gen schema --list` and the schema's description.
    pub about: &'static str,
    schema: fn(&mut SchemaGenerator) -> Schema,
}

macro_rules! kind {
    ($name:literal, $files:literal, $about:literal, $ty:ty) => {
        Kind {
            name: $name,
            files: $files,
            about: $about,
            schema: |g| g.root_schema_for::<$ty>(),
        }
    };
}

/// Every kind of data file, in the order of a tender.
pub const KINDS: &[Kind] = &[
    kind!(
        "tender",
        "tender.yaml",
        "the tender: authority, procedure, planning, assignment, agreement",
        super::tender::Tender
    ),
    kind!(
        "requirements",
        "requirements.yaml",
        "exclusion grounds, suitability requirements, annexes",
        super::requirements::Requirements
    ),
    kind!(
        "award",
        "award.yaml",
        "award criteria, scoring, price components and lines",
        super::award::AwardRules
    ),
    kind!(
        "round",
        "nvi/*.yaml",
        "a question round of the nota van inlichtingen (or the market consultation)",
        super::nvi::Round
    ),
    kind!(
        "bid",
        "bids/*.yaml",
        "one bid received: bidder, status, rates, scores",
        super::bids::Bid
    ),
    kind!(
        "decision",
        "decision.yaml",
        "the award decision: date, signatory, lottery outcome",
        super::bids::Decision
    ),
    kind!(
        "opening",
        "opening.yaml",
        "the record of the opening of the bids",
        super::procedure::opening::Opening
    ),
    kind!(
        "presentations",
        "presentations.yaml",
        "the presentation slots drawn by lot",
        super::procedure::presentations::Presentations
    ),
    kind!(
        "lottery",
        "lottery.yaml",
        "who drew the lots that settled a tie",
        super::procedure::lottery::LotteryRecord
    ),
    kind!(
        "new-decision",
        "new-decision.yaml",
        "a new award decision after the intended winner fell through",
        super::procedure::new_decision::NewDecision
    ),
    kind!(
        "definitive-award",
        "definitive-award.yaml",
        "the definitive award: standstill, evidence, approval",
        super::procedure::definitive::DefinitiveAward
    ),
];

/// Other names people use for a kind.
const ALIASES: &[(&str, &str)] = &[("nvi", "round"), ("question-round", "round")];

/// The kind named `name` (or an alias), else a usage error suggesting the nearest name.
pub fn kind(name: &str) -> crate::Result<&'static Kind> {
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, kind)| kind);
    if let Some(k) = KINDS.iter().find(|k| k.name == name) {
        return Ok(k);
    }
    let names = KINDS.iter().map(|k| k.name);
    let hint = crate::error::did_you_mean(name, names.clone())
        .map(|h| format!(" (did you mean `{h}`?)"))
        .unwrap_or_default();
    Err(crate::Error::Usage(format!(
        "no data file kind `{name}`{hint}; the kinds: {}",
        names.collect::<Vec<_>>().join(", ")
    )))
}

/// The kind of the data file at `relative` (a path inside the data folder), if it is one.
pub fn kind_of(relative: &Path) -> Option<&'static Kind> {
    let parts: Vec<_> = relative.iter().filter_map(|p| p.to_str()).collect();
    let wanted = match parts.as_slice() {
        [file] => (*file).to_string(),
        [dir, file] if file.ends_with(".yaml") => format!("{dir}/*.yaml"),
        _ => return None,
    };
    KINDS.iter().find(|k| k.files == wanted)
}

impl Kind {
    /// The schema as JSON (draft 2020-12), with a title and description.
    pub fn schema(&self) -> serde_json::Value {
        let mut generator = SchemaSettings::draft2020_12()
            .for_deserialize()
            .into_generator();
        let mut schema = (self.schema)(&mut generator);
        schema.insert(
            "title".into(),
            format!("tendergen: {} ({})", self.files, self.name).into(),
        );
        schema.insert(
            "description".into(),
            format!(
                "The data file {}: {}. Generated by `gen schema {}`.",
                self.files, self.about, self.name
            )
            .into(),
        );
        let mut value = schema.to_value();
        for_users(&mut value);
        value
    }

    /// The schema as the text `gen schema` prints and the schema files hold.
    pub fn schema_text(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(&self.schema()).expect("a schema serialises as JSON");
        text.push('\n');
        text
    }

    /// The schema file's name, `<kind>.schema.json`.
    pub fn file_name(&self) -> String {
        format!("{}.schema.json", self.name)
    }
}

/// Rewrites the descriptions (the fields' doc comments) for an editor's hover: the lines of a
/// paragraph joined, and rustdoc links (`` [`Assignment::core_hours_per_4_weeks`] ``) as the
/// field name a user writes (`` `core_hours_per_4_weeks` ``).
fn for_users(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    serde_json::Value::String(text) if key == "description" => {
                        *text = user_text(text);
                    }
                    _ => for_users(v),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(for_users),
        _ => {}
    }
}

fn user_text(text: &str) -> String {
    let joined = text
        .split("\n\n")
        .map(|para| {
            para.split('\n')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut out = String::with_capacity(joined.len());
    let mut rest = joined.as_str();
    while let Some(start) = rest.find("[`") {
        let Some(len) = rest[start..].find("`]") else {
            break;
        };
        let inner = &rest[start + 2..start + len];
        let name = inner.rsplit("::").next().unwrap_or(inner);
        out.push_str(&rest[..start]);
        out.push('`');
        out.push_str(name);
        out.push('`');
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// The first line of a data file at `relative` (inside the data folder) that points the YAML
/// language server at its schema in `data/.schemas/`, relative to the file.
pub fn modeline(kind: &Kind, relative: &Path) -> String {
    let depth = relative.components().count().saturating_sub(1);
    let up = "../".repeat(depth);
    format!(
        "# yaml-language-server: $schema={up}{DIR}/{}",
        kind.file_name()
    )
}

/// Whether `line` is a YAML language server schema line.
pub fn is_modeline(line: &str) -> bool {
    line.trim_start().starts_with("# yaml-language-server:")
}

/// `text` with its schema line set to `line`: replaced when it has one, else put first.
pub fn with_modeline(text: &str, line: &str) -> String {
    let rest = match text.split_once('\n') {
        Some((first, rest)) if is_modeline(first) => rest,
        None if is_modeline(text) => "",
        _ => text,
    };
    format!("{line}\n{rest}")
}

impl JsonSchema for DocumentRef {
    fn schema_name() -> Cow<'static, str> {
        "DocumentRef".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "The document concerned: `offerteaanvraag`, an annex `bijlage-A` … \
                            `bijlage-I`, or `algemeen` (not about one document).",
            "pattern": "^(offerteaanvraag|algemeen|bijlage-[A-Za-z])$"
        })
    }
}

impl JsonSchema for Minute {
    fn schema_name() -> Cow<'static, str> {
        "DateTimeToTheMinute".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A date and time as YYYY-MM-DDTHH:MM, e.g. 2026-06-24T10:00.",
            "pattern": "^\\s*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}\\s*$"
        })
    }
}

/// A section or page number: text (`"2.10"`), or a whole number (`2`).
pub(crate) struct SectionNumber;

impl JsonSchema for SectionNumber {
    fn schema_name() -> Cow<'static, str> {
        "SectionNumber".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["string", "integer"],
            "description": "A number as text, e.g. \"2.3\" (quote it: unquoted 2.10 reads as 2.1), \
                            or a whole number."
        })
    }
}

/// A time of day, `"10:15"`.
pub(crate) struct TimeOfDay;

impl JsonSchema for TimeOfDay {
    fn schema_name() -> Cow<'static, str> {
        "TimeOfDay".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A time of day as HH:MM in quotes, e.g. \"10:15\".",
            "pattern": "^\\s*\\d{1,2}:\\d{2}\\s*$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases() {
        assert_eq!(kind("nvi").unwrap().name, "round");
        let err = kind("awrad").unwrap_err().to_string();
        assert!(err.contains("did you mean `award`?"), "{err}");
    }

    #[test]
    fn kinds_of_files() {
        assert_eq!(kind_of(Path::new("award.yaml")).unwrap().name, "award");
        assert_eq!(kind_of(Path::new("bids/x.yaml")).unwrap().name, "bid");
        assert_eq!(
            kind_of(Path::new("nvi/round-1.yaml")).unwrap().name,
            "round"
        );
        assert!(kind_of(Path::new("other.yaml")).is_none());
    }

    #[test]
    fn descriptions_for_users() {
        assert_eq!(
            user_text("The hours ([`Assignment::core_hours`]) and\n[`Volume`].\n\nNext."),
            "The hours (`core_hours`) and `Volume`.\n\nNext."
        );
    }

    #[test]
    fn modelines() {
        let bid = kind("bid").unwrap();
        let line = modeline(bid, Path::new("bids/x.yaml"));
        assert_eq!(
            line,
            "# yaml-language-server: $schema=../.schemas/bid.schema.json"
        );
        assert_eq!(with_modeline("a: 1\n", &line), format!("{line}\na: 1\n"));
        assert_eq!(
            with_modeline("# yaml-language-server: $schema=old\na: 1\n", &line),
            format!("{line}\na: 1\n")
        );
    }
}
