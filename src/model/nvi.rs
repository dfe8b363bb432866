//! `data/nvi/<round>.yaml`: the question rounds of the nota van inlichtingen (NvI).
//!
//! One file per round. `round-1.yaml`, `round-2.yaml`, … are the tender's rounds (`round: 1`,
//! `round: 2`, …): their questions are numbered 1, 2, 3, … continuously across the rounds and a
//! number is never reused. `marktconsultatie.yaml` (`round: 0`) holds the published answers of
//! the market consultation that preceded the tender; it has its own numbering.
//!
//! Questions are published anonymously: there is no field for the questioner (unknown fields are
//! refused), and a question that names a bidder or contains an e-mail address or a phone number
//! is refused ([`anonymity_problems`]).
//!
//! Whether every question is answered is checked when a document is built (`docs::nvi`), since
//! a draft may show unanswered questions.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Diagnostic, Error, Result};

mod check;

pub use super::anonymity::{GuardedNames, anonymity_problems};
pub(crate) use check::{
    References, check, check_sections, guarded_names, question_problems, validate,
};

/// The folder of the round files inside the data folder.
pub const DIR: &str = "nvi";

/// The file stem (round name) of the market consultation.
pub(crate) const MARKET_CONSULTATION: &str = "marktconsultatie";

/// One question round: a nota van inlichtingen, or the market consultation (round 0).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// The round's name: its file stem (`round-1`, `marktconsultatie`).
    #[serde(skip)]
    pub name: String,
    /// The file it was loaded from.
    #[serde(skip)]
    pub file: PathBuf,
    /// 1, 2, … for the tender's rounds; 0 for the market consultation.
    pub round: u32,
    /// e.g. `Nota van inlichtingen 1`.
    pub title: String,
    /// Publication date. May be left empty while the round is being prepared; a document that
    /// is not a draft needs it.
    #[serde(default)]
    pub published: Option<NaiveDate>,
    /// Deadline for the questions answered in this round (printed on the title block).
    #[serde(default)]
    pub question_deadline: Option<NaiveDate>,
    /// Opening text, paragraphs separated by blank lines.
    #[serde(default)]
    pub intro: Option<String>,
    /// Names of the bidders (market parties) who asked questions: never printed, only used to
    /// refuse a question text that names one. (Later also fed from `data/bids/`.)
    #[serde(default)]
    pub bidders: Vec<String>,
    #[serde(default)]
    pub rectifications: Vec<Rectification>,
    #[serde(default)]
    pub announcements: Vec<Announcement>,
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// A correction of the text of a tender document.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rectification {
    pub document: DocumentRef,
    #[serde(default, deserialize_with = "de_opt_section")]
    #[schemars(with = "Option<super::schema::SectionNumber>")]
    pub section: Option<String>,
    #[serde(default, deserialize_with = "de_opt_page")]
    #[schemars(with = "Option<super::schema::SectionNumber>")]
    pub page: Option<String>,
    /// The text replaced; absent when text is added.
    #[serde(default)]
    pub old: Option<String>,
    pub new: String,
}

/// An announcement: a change of the planning, or another notice.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    pub kind: AnnouncementKind,
    pub text: String,
    /// The planning milestone that moves (kind `planning`), as the planning names it.
    #[serde(default)]
    pub milestone: Option<String>,
    #[serde(default)]
    pub old: Option<Minute>,
    #[serde(default)]
    pub new: Option<Minute>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnnouncementKind {
    Planning,
    Other,
}

/// One question and its answer.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub number: u32,
    pub document: DocumentRef,
    /// Paragraph of the document, e.g. `"2.3"` (quote it: unquoted `2.10` reads as 2.1).
    #[serde(default, deserialize_with = "de_opt_section")]
    #[schemars(with = "Option<super::schema::SectionNumber>")]
    pub section: Option<String>,
    #[serde(default, deserialize_with = "de_opt_page")]
    #[schemars(with = "Option<super::schema::SectionNumber>")]
    pub page: Option<String>,
    /// The number of the question of an earlier round this one follows up on.
    #[serde(default)]
    pub follows_up: Option<u32>,
    /// The lot (perceel) the question is about, by its number in `tender.yaml`'s
    /// `lots.items`; only in a tender divided into lots. Printed with the question's
    /// reference ("Perceel 2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot: Option<u32>,
    pub question: String,
    /// Empty or missing while unanswered.
    #[serde(default)]
    pub answer: Option<String>,
    /// Something the officer must settle before the round is published, with why: `gen nvi
    /// import` sets it when the form's paragraph does not exist (the question is imported
    /// without it), e.g. `the form's paragraph "9.9": no paragraph 9.9 in the offerteaanvraag`.
    /// While it is set, `gen check` and `gen status` report the round as not publishable yet
    /// and `gen nvi <round>` refuses it (a draft renders): fill in the right `section` (or
    /// none), then remove this field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
}

impl Question {
    /// What the officer must still settle (`check:`), if anything (blank counts as nothing).
    pub fn check_text(&self) -> Option<&str> {
        self.check.as_deref().filter(|c| !c.trim().is_empty())
    }

    /// The answer, if there is one (blank counts as none).
    pub fn answer_text(&self) -> Option<&str> {
        self.answer.as_deref().filter(|a| !a.trim().is_empty())
    }
}

/// Which document a question or rectification concerns.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentRef {
    Offerteaanvraag,
    /// An annex by its letter (`bijlage-D`).
    Bijlage(char),
    /// Not about one document.
    Algemeen,
}

impl DocumentRef {
    /// The data form: `offerteaanvraag`, `bijlage-D`, `algemeen`.
    pub fn parse(s: &str) -> Option<DocumentRef> {
        match s {
            "offerteaanvraag" => Some(DocumentRef::Offerteaanvraag),
            "algemeen" => Some(DocumentRef::Algemeen),
            _ => {
                let rest = s.strip_prefix("bijlage-")?;
                let mut chars = rest.chars();
                let c = chars.next()?;
                (chars.next().is_none() && c.is_ascii_alphabetic())
                    .then(|| DocumentRef::Bijlage(c.to_ascii_uppercase()))
            }
        }
    }

    /// How people write it in a question form: `Offerteaanvraag`, `Bijlage D`,
    /// `bijlage D - Prijsinvulformulier`, `Algemeen`; empty means `algemeen`.
    pub(crate) fn parse_loose(s: &str) -> Option<DocumentRef> {
        let s = s.trim().to_lowercase();
        if s.is_empty() || s == "algemeen" || s == "n.v.t." || s == "nvt" || s == "-" {
            return Some(DocumentRef::Algemeen);
        }
        if let Some(rest) = s.strip_prefix("offerteaanvraag") {
            return rest
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
                .then_some(DocumentRef::Offerteaanvraag);
        }
        let after = s.strip_prefix("bijlage")?;
        let rest = after.trim_start_matches([' ', '-', '_', '\u{a0}']);
        if rest.len() == after.len() {
            return None; // `bijlagen`, `bijlageD`
        }
        let mut chars = rest.chars();
        let c = chars.next()?;
        let after = chars.next();
        (c.is_ascii_alphabetic() && after.is_none_or(|a| !a.is_alphanumeric()))
            .then(|| DocumentRef::Bijlage(c.to_ascii_uppercase()))
    }

    /// The data form, `bijlage-D`.
    pub fn key(&self) -> String {
        match self {
            DocumentRef::Offerteaanvraag => "offerteaanvraag".into(),
            DocumentRef::Bijlage(c) => format!("bijlage-{c}"),
            DocumentRef::Algemeen => "algemeen".into(),
        }
    }

    /// How documents print it: `Offerteaanvraag`, `Bijlage D`, `Algemeen`.
    pub(crate) fn label(&self) -> String {
        match self {
            DocumentRef::Offerteaanvraag => "Offerteaanvraag".into(),
            DocumentRef::Bijlage(c) => format!("Bijlage {c}"),
            DocumentRef::Algemeen => "Algemeen".into(),
        }
    }
}

impl fmt::Display for DocumentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for DocumentRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DocumentRef::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown document `{s}`: expected `offerteaanvraag`, `bijlage-A` … `bijlage-I` or `algemeen`"
            ))
        })
    }
}

impl Serialize for DocumentRef {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

/// A date and time to the minute, written `YYYY-MM-DDTHH:MM` (no seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Minute(pub NaiveDateTime);

impl Minute {
    pub(crate) const FORMAT: &'static str = "%Y-%m-%dT%H:%M";

    pub fn parse(s: &str) -> Option<Minute> {
        NaiveDateTime::parse_from_str(s.trim(), Self::FORMAT)
            .ok()
            .map(Minute)
    }
}

impl fmt::Display for Minute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format(Self::FORMAT))
    }
}

impl<'de> Deserialize<'de> for Minute {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Minute::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a date and time: write it as YYYY-MM-DDTHH:MM, e.g. 2026-06-24T10:00"
            ))
        })
    }
}

impl Serialize for Minute {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// A section number as text. Strings as written; a whole number (`section: 2`) as its digits;
/// a decimal number is refused because YAML has already lost its digits (`2.10` reads as 2.1).
#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrText {
    Int(u64),
    Float(f64),
    Text(String),
}

fn de_opt_section<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    match Option::<NumberOrText>::deserialize(d)? {
        None => Ok(None),
        Some(NumberOrText::Int(n)) => Ok(Some(n.to_string())),
        Some(NumberOrText::Text(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(NumberOrText::Float(f)) => Err(serde::de::Error::custom(format!(
            "write section numbers in quotes, e.g. section: \"{f}\" (unquoted, 2.10 would read as 2.1)"
        ))),
    }
}

fn de_opt_page<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    match Option::<NumberOrText>::deserialize(d)? {
        None => Ok(None),
        Some(NumberOrText::Int(n)) => Ok(Some(n.to_string())),
        Some(NumberOrText::Text(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(NumberOrText::Float(f)) => Err(serde::de::Error::custom(format!(
            "`{f}` is not a page number"
        ))),
    }
}

/// The round number a file stem stands for: `round-3` → 3, `marktconsultatie` → 0.
pub(crate) fn round_number_of(name: &str) -> Option<u32> {
    if name == MARKET_CONSULTATION {
        return Some(0);
    }
    let n = name.strip_prefix("round-")?;
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) || n.starts_with('0') {
        return None;
    }
    n.parse().ok().filter(|&n| n >= 1)
}

/// Parses the text of a round file (`path` names it in messages and gives the round's name).
pub(crate) fn parse_round(path: &Path, text: &str) -> Result<Round> {
    let mut round: Round = super::load::parse_yaml(path, text)?;
    round.name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    round.file = path.to_path_buf();
    Ok(round)
}

/// Loads every round under `dir/nvi/`, ordered by round number. No folder means no rounds.
pub(crate) fn load_rounds(dir: &Path) -> Result<Vec<Round>> {
    let folder = dir.join(DIR);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(&folder).map_err(|e| Error::io(&folder, e))? {
        let entry = entry.map_err(|e| Error::io(&folder, e))?;
        let path = entry.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "yaml") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut rounds = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(Diagnostic::new(&path, "", e.to_string()));
                continue;
            }
        };
        match parse_round(&path, &text) {
            Ok(r) => rounds.push(r),
            Err(Error::Data(ds)) => errors.extend(ds),
            Err(e) => errors.push(Diagnostic::new(&path, "", e.to_string())),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Data(errors));
    }
    rounds.sort_by(|a, b| (a.round, &a.name).cmp(&(b.round, &b.name)));
    Ok(rounds)
}

// ---------------------------------------------------------------------------------------------
// Locations in the YAML text, for messages

impl Round {
    /// A diagnostic about `field` of this round's file (`questions.3.section`, `published`,
    /// `` for the whole file); located when reported ([`super::locate::fill`]).
    pub(crate) fn diag(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.file, field, message)
    }
}

/// The items of the top-level list `key:` as (1-based line of the `- `, column of the item's
/// first key).
pub(crate) fn item_lines(text: &str, key: &str) -> Vec<(usize, usize)> {
    let prefix = format!("{key}:");
    let mut in_list = false;
    let mut indent: Option<usize> = None;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let ind = line.len() - trimmed.len();
        if ind == 0 && !trimmed.starts_with('-') {
            in_list = trimmed.starts_with(&prefix);
            indent = None;
            continue;
        }
        if !in_list || !(trimmed.starts_with("- ") || trimmed == "-") {
            continue;
        }
        if indent.is_none() {
            indent = Some(ind);
        }
        if indent == Some(ind) {
            let after_dash = trimmed[1..].len() - trimmed[1..].trim_start().len();
            out.push((i + 1, ind + 1 + after_dash));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_documents() {
        assert_eq!(
            DocumentRef::parse_loose(" Offerteaanvraag "),
            Some(DocumentRef::Offerteaanvraag)
        );
        assert_eq!(
            DocumentRef::parse_loose("Bijlage D - Prijsinvulformulier"),
            Some(DocumentRef::Bijlage('D'))
        );
        assert_eq!(
            DocumentRef::parse_loose("bijlage-d"),
            Some(DocumentRef::Bijlage('D'))
        );
        assert_eq!(DocumentRef::parse_loose(""), Some(DocumentRef::Algemeen));
        assert_eq!(DocumentRef::parse_loose("Bestek"), None);
        assert_eq!(DocumentRef::parse_loose("Bijlagen"), None);
    }

    #[test]
    fn list_items() {
        let text = "round: 1\nquestions:\n  - number: 1\n    question: |\n      - a: b\n  - number: 2\nother: []\n";
        assert_eq!(item_lines(text, "questions"), vec![(3, 4), (6, 4)]);
        assert!(item_lines(text, "other").is_empty());
    }
}
