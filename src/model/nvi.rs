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

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Diagnostic, Error, Result};

/// The folder of the round files inside the data folder.
pub const DIR: &str = "nvi";

/// The file stem (round name) of the market consultation.
pub const MARKET_CONSULTATION: &str = "marktconsultatie";

/// One question round: a nota van inlichtingen, or the market consultation (round 0).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// The round's name: its file stem (`round-1`, `marktconsultatie`).
    #[serde(skip)]
    pub name: String,
    /// The file it was loaded from.
    #[serde(skip)]
    pub file: PathBuf,
    /// The file's text, kept to find line numbers for messages.
    #[serde(skip)]
    pub source: String,
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
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rectification {
    pub document: DocumentRef,
    #[serde(default, deserialize_with = "de_opt_section")]
    pub section: Option<String>,
    #[serde(default, deserialize_with = "de_opt_page")]
    pub page: Option<String>,
    /// The text replaced; absent when text is added.
    #[serde(default)]
    pub old: Option<String>,
    pub new: String,
}

/// An announcement: a change of the planning, or another notice.
#[derive(Debug, Clone, Deserialize, Serialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnnouncementKind {
    Planning,
    Other,
}

/// One question and its answer.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub number: u32,
    pub document: DocumentRef,
    /// Paragraph of the document, e.g. `"2.3"` (quote it: unquoted `2.10` reads as 2.1).
    #[serde(default, deserialize_with = "de_opt_section")]
    pub section: Option<String>,
    #[serde(default, deserialize_with = "de_opt_page")]
    pub page: Option<String>,
    /// The number of the question of an earlier round this one follows up on.
    #[serde(default)]
    pub follows_up: Option<u32>,
    pub question: String,
    /// Empty or missing while unanswered.
    #[serde(default)]
    pub answer: Option<String>,
}

impl Question {
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
    pub fn parse_loose(s: &str) -> Option<DocumentRef> {
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
    pub fn label(&self) -> String {
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
    pub const FORMAT: &'static str = "%Y-%m-%dT%H:%M";

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
pub fn round_number_of(name: &str) -> Option<u32> {
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
pub fn parse_round(path: &Path, text: &str) -> Result<Round> {
    let mut round: Round = super::load::parse_yaml(path, text)?;
    round.name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    round.file = path.to_path_buf();
    round.source = text.to_string();
    Ok(round)
}

/// Loads every round under `dir/nvi/`, ordered by round number. No folder means no rounds.
pub fn load_rounds(dir: &Path) -> Result<Vec<Round>> {
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

/// What questions and rectifications may refer to.
#[derive(Debug, Clone, Default)]
pub struct References {
    /// Section numbers of the offerteaanvraag (`1`, `1.1`, …, `5.3.1`) as its templates render
    /// them; `None` where they are not known to the caller (the model's own validation: the
    /// build checks paragraph references against the rendered outline, [`check_sections`]).
    pub sections: Option<Vec<String>>,
    /// Annex letters (`A` … `I`).
    pub annexes: Vec<char>,
}

impl References {
    /// The annexes of `project`, with the offerteaanvraag's `sections` when known.
    pub fn of(project: &super::Project, sections: Option<Vec<String>>) -> References {
        References {
            sections,
            annexes: project
                .requirements
                .annexes
                .iter()
                .filter_map(|a| a.letter.trim().chars().next())
                .collect(),
        }
    }
}

/// Rules across rounds and against the tender (numbering, follow-ups, section references,
/// anonymity).
pub fn validate(rounds: &[Round], project: &super::Project, out: &mut Vec<Diagnostic>) {
    check(
        rounds,
        &References::of(project, None),
        &names_guarded(rounds, project),
        out,
    );
}

/// The paragraph references of the rounds' questions and rectifications against `sections`,
/// the offerteaanvraag's section numbers as its templates render them.
pub fn check_sections(rounds: &[Round], sections: &[String], out: &mut Vec<Diagnostic>) {
    for round in rounds {
        for (i, r) in round.rectifications.iter().enumerate() {
            if let Some(m) = section_problem(&r.document, r.section.as_deref(), sections) {
                out.push(round.diag(&format!("rectifications.{i}.section"), m));
            }
        }
        for (i, q) in round.questions.iter().enumerate() {
            if let Some(m) = section_problem(&q.document, q.section.as_deref(), sections) {
                out.push(round.diag(&format!("questions.{i}.section"), m));
            }
        }
    }
}

/// The names no question may contain: the rounds' `bidders` lists and, once bids are in
/// (`data/bids/`), every bidder's name and contact person.
pub fn guarded_names(project: &super::Project) -> GuardedNames {
    names_guarded(&project.nvi, project)
}

/// [`guarded_names`] with the bidder lists of `rounds` (while they are being validated).
fn names_guarded(rounds: &[Round], project: &super::Project) -> GuardedNames {
    let mut names = bidder_names(rounds);
    names.extend(bid_names(project));
    names.sort();
    names.dedup();
    GuardedNames::new(names)
}

fn bid_names(project: &super::Project) -> Vec<String> {
    project
        .bids
        .iter()
        .flat_map(|b| [b.name.clone(), b.contact.name.clone()])
        .collect()
}

/// Every bidder name listed in the rounds (`bidders:`).
pub fn bidder_names(rounds: &[Round]) -> Vec<String> {
    let mut names: Vec<String> = rounds
        .iter()
        .flat_map(|r| r.bidders.iter().cloned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// [`validate`] with its inputs spelt out: the rounds (ordered by round number), what they may
/// refer to, and the bidder names no question may contain.
pub fn check(
    rounds: &[Round],
    refs: &References,
    bidders: &GuardedNames,
    out: &mut Vec<Diagnostic>,
) {
    for round in rounds {
        check_round(round, rounds, refs, bidders, out);
    }
    // Rounds 1..n without gaps; one market consultation at most.
    let mut previous: Option<&Round> = None;
    for round in rounds.iter().filter(|r| r.round >= 1) {
        match previous {
            Some(p) if p.round == round.round => {
                out.push(round.diag(
                    "round",
                    format!("round {} is also in {}", round.round, file_name(p)),
                ));
            }
            _ => {
                let expected = previous.map_or(1, |p| p.round + 1);
                if round.round != expected {
                    out.push(round.diag(
                        "round",
                        format!("round {expected} is missing: the rounds are numbered 1, 2, 3, … without gaps"),
                    ));
                }
            }
        }
        if let Some(p) = previous
            && let (Some(date), Some(before)) = (round.published, p.published)
            && date <= before
        {
            out.push(round.diag(
                "published",
                format!(
                    "round {} must be published after round {} ({before})",
                    round.round, p.round
                ),
            ));
        }
        previous = Some(round);
    }
    let consultations: Vec<&Round> = rounds.iter().filter(|r| r.round == 0).collect();
    for extra in consultations.iter().skip(1) {
        out.push(extra.diag(
            "round",
            format!(
                "round 0 (the market consultation) is also in {}",
                file_name(consultations[0])
            ),
        ));
    }
    // Numbering: continuous across the tender's rounds, never reused; the market consultation
    // numbered on its own.
    check_numbering(rounds.iter().filter(|r| r.round >= 1), out);
    check_numbering(rounds.iter().filter(|r| r.round == 0), out);
}

fn check_numbering<'a>(rounds: impl Iterator<Item = &'a Round>, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<u32, (&Round, usize)> = HashMap::new();
    let mut expected = 1;
    for round in rounds {
        for (i, q) in round.questions.iter().enumerate() {
            let field = format!("questions.{i}.number");
            if let Some((r, j)) = seen.get(&q.number) {
                out.push(round.diag(
                    &field,
                    format!(
                        "number {} is already used ({} questions.{j}); question numbers are never reused",
                        q.number,
                        file_name(r)
                    ),
                ));
                continue;
            }
            if q.number != expected {
                let after = if expected == 1 {
                    "start at 1".to_string()
                } else {
                    format!("continue after {}", expected - 1)
                };
                out.push(round.diag(
                    &field,
                    format!(
                        "number {} breaks the numbering: expected {expected} (numbers {after}, without gaps)",
                        q.number
                    ),
                ));
            }
            seen.insert(q.number, (round, i));
            expected = expected.max(q.number + 1);
        }
    }
}

fn file_name(round: &Round) -> String {
    round
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| round.name.clone())
}

fn check_round(
    round: &Round,
    rounds: &[Round],
    refs: &References,
    bidders: &GuardedNames,
    out: &mut Vec<Diagnostic>,
) {
    match round_number_of(&round.name) {
        None => out.push(round.diag(
            "",
            format!("`{}` is not a round name: name round files round-1.yaml, round-2.yaml, … or {MARKET_CONSULTATION}.yaml", file_name(round)),
        )),
        Some(n) if n != round.round => {
            out.push(round.diag("round", format!("{} holds round {n}, but the file says round: {}", file_name(round), round.round)))
        }
        Some(_) => {}
    }
    if round.title.trim().is_empty() {
        out.push(round.diag("title", "must not be empty"));
    }
    if let (Some(deadline), Some(published)) = (round.question_deadline, round.published)
        && deadline > published
    {
        out.push(round.diag(
            "question_deadline",
            format!("the question deadline {deadline} is after the publication date {published}"),
        ));
    }
    for (i, name) in round.bidders.iter().enumerate() {
        if name.trim().chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            out.push(round.diag(
                &format!("bidders.{i}"),
                "a bidder name needs at least two letters or digits",
            ));
        }
    }

    for (i, r) in round.rectifications.iter().enumerate() {
        let field = |f: &str| format!("rectifications.{i}.{f}");
        if round.round == 0 {
            out.push(round.diag(
                &format!("rectifications.{i}"),
                "the market consultation precedes the tender documents: it cannot rectify them",
            ));
        }
        if r.document == DocumentRef::Algemeen {
            out.push(round.diag(
                &field("document"),
                "a rectification names the document it corrects (offerteaanvraag or bijlage-A …)",
            ));
        }
        for (f, m) in reference_problems(&r.document, r.section.as_deref(), refs) {
            out.push(round.diag(&field(f), m));
        }
        if r.new.trim().is_empty() {
            out.push(round.diag(&field("new"), "the new text must not be empty"));
        }
        if r.old.as_deref().is_some_and(|o| o.trim().is_empty()) {
            out.push(round.diag(
                &field("old"),
                "leave `old` out when text is added, rather than empty",
            ));
        }
    }

    for (i, a) in round.announcements.iter().enumerate() {
        let field = |f: &str| format!("announcements.{i}.{f}");
        if a.text.trim().is_empty() {
            out.push(round.diag(&field("text"), "must not be empty"));
        }
        match a.kind {
            AnnouncementKind::Planning => {
                if a.milestone.as_deref().is_none_or(|m| m.trim().is_empty()) {
                    out.push(round.diag(
                        &field("milestone"),
                        "a planning change names the milestone that moves",
                    ));
                }
                match (a.old, a.new) {
                    (Some(old), Some(new)) if old == new => out.push(round.diag(
                        &field("new"),
                        format!("the new date and time equal the old ones ({old})"),
                    )),
                    (Some(_), Some(_)) => {}
                    (old, _) => {
                        let missing = if old.is_none() { "old" } else { "new" };
                        out.push(round.diag(
                            &field(missing),
                            "a planning change gives the old and the new date and time (YYYY-MM-DDTHH:MM)",
                        ))
                    }
                }
            }
            AnnouncementKind::Other => {
                for (f, v) in [
                    ("milestone", a.milestone.is_some()),
                    ("old", a.old.is_some()),
                    ("new", a.new.is_some()),
                ] {
                    if v {
                        out.push(round.diag(
                            &field(f),
                            "only a planning change (kind: planning) has a milestone and dates",
                        ));
                    }
                }
            }
        }
    }

    for (i, q) in round.questions.iter().enumerate() {
        for (f, m) in question_problems(q, round.round, rounds, refs, bidders) {
            out.push(round.diag(&format!("questions.{i}.{f}"), m));
        }
    }
}

/// The problems of one question, as (field, message): its text, its document and paragraph,
/// its follow-up reference and its anonymity. Shared by validation and `gen nvi import`.
/// `round` is the question's round number, `rounds` all rounds (for follow-ups).
pub fn question_problems(
    q: &Question,
    round: u32,
    rounds: &[Round],
    refs: &References,
    bidders: &GuardedNames,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if q.question.trim().is_empty() {
        out.push(("question", "the question must not be empty".to_string()));
    }
    out.extend(reference_problems(&q.document, q.section.as_deref(), refs));
    if let Some(target) = q.follows_up
        && let Some(m) = follow_up_problem(q.number, target, round, rounds)
    {
        out.push(("follows_up", m));
    }
    for problem in anonymity_problems(&q.question, bidders) {
        out.push(("question", problem));
    }
    out
}

fn follow_up_problem(number: u32, target: u32, round: u32, rounds: &[Round]) -> Option<String> {
    if round == 0 {
        return Some("the market consultation has no earlier round to follow up on".into());
    }
    let found = rounds
        .iter()
        .filter(|r| r.round >= 1)
        .find(|r| r.questions.iter().any(|q| q.number == target));
    match found {
        Some(r) if r.round < round => None,
        Some(r) if r.round == round => Some(format!(
            "question {number} follows up on question {target} of the same round; a follow-up refers to a question of an earlier round"
        )),
        Some(r) => Some(format!(
            "question {number} follows up on question {target}, which is in a later round ({}); a follow-up refers to a question of an earlier round",
            r.round
        )),
        None if round == 1 => Some(format!(
            "question {number} follows up on question {target}, but round 1 has no earlier round"
        )),
        None => Some(format!(
            "question {number} follows up on question {target}, which is not a question of an earlier round"
        )),
    }
}

/// Problems with a reference to a document and paragraph: the annex must exist and a paragraph
/// of the offerteaanvraag must be one of its sections.
fn reference_problems(
    document: &DocumentRef,
    section: Option<&str>,
    refs: &References,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let DocumentRef::Bijlage(c) = document
        && !refs.annexes.contains(c)
    {
        let letters: String = refs
            .annexes
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        out.push((
            "document",
            format!("there is no bijlage {c} (the annexes are {letters})"),
        ));
    }
    if let Some(sections) = &refs.sections
        && let Some(m) = section_problem(document, section, sections)
    {
        out.push(("section", m));
    }
    out
}

/// A paragraph of the offerteaanvraag that is not one of its `sections`.
fn section_problem(
    document: &DocumentRef,
    section: Option<&str>,
    sections: &[String],
) -> Option<String> {
    if *document != DocumentRef::Offerteaanvraag {
        return None;
    }
    let s = section?.trim().trim_start_matches('§').trim();
    (!sections.iter().any(|k| k == s)).then(|| {
        format!(
            "the offerteaanvraag has no paragraph {s} (its paragraphs: {})",
            summarise_sections(sections)
        )
    })
}

/// `1–1.3, 2–2.12, …`: the first and last section of each chapter.
fn summarise_sections(sections: &[String]) -> String {
    let mut chapters: Vec<(String, String, String)> = Vec::new();
    for s in sections {
        let chapter = s.split('.').next().unwrap_or_default().to_string();
        match chapters.last_mut() {
            Some((c, _, last)) if *c == chapter => *last = s.clone(),
            _ => chapters.push((chapter, s.clone(), s.clone())),
        }
    }
    chapters
        .into_iter()
        .map(|(_, first, last)| {
            if first == last {
                first
            } else {
                format!("{first} … {last}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// Anonymity guard

/// The names no question may contain, each with the forms it is looked for in: lower-cased,
/// runs of whitespace as one space, and also without a trailing legal form (`Arbo Vitaal B.V.`
/// is also found as `Arbo Vitaal`). Made once: every question is checked against every name
/// (two thousand, with a thousand bids in).
pub struct GuardedNames {
    names: Vec<(String, Vec<String>)>,
}

impl GuardedNames {
    pub fn new(names: impl IntoIterator<Item = String>) -> GuardedNames {
        let names = names
            .into_iter()
            .filter_map(|name| {
                let forms = name_forms(&name);
                (!forms.is_empty()).then_some((name, forms))
            })
            .collect();
        GuardedNames { names }
    }
}

/// Legal forms left out when looking for a bidder's name.
const LEGAL_FORMS: &[&str] = &[
    "b.v.", "bv", "b.v", "n.v.", "nv", "n.v", "v.o.f.", "vof", "c.v.", "cv", "u.a.", "ua",
];

/// Lower-cased, with runs of whitespace as one space and none at either end.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The forms a name is looked for in (none for a blank name).
fn name_forms(name: &str) -> Vec<String> {
    let name = normalise(name);
    if name.is_empty() {
        return Vec::new();
    }
    let mut forms = vec![name.clone()];
    // The name without a trailing legal form, if enough of it is left.
    if let Some((core, last)) = name.rsplit_once(' ')
        && LEGAL_FORMS.contains(&last)
    {
        let core = core.trim_end_matches([',', ' ']);
        if core.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
            forms.push(core.to_string());
        }
    }
    forms
}

/// Why a question text may not be published: it names one of `names`, or contains an e-mail
/// address or a phone number. Empty when the text is fine.
pub fn anonymity_problems(text: &str, names: &GuardedNames) -> Vec<String> {
    let mut out = Vec::new();
    let hay = normalise(text);
    for (name, forms) in &names.names {
        if forms.iter().any(|f| find_word(&hay, f)) {
            out.push(format!(
                "the question names bidder “{name}”; questions are published anonymously: remove the name"
            ));
        }
    }
    for email in email_addresses(text) {
        out.push(format!(
            "the question contains an e-mail address ({email}); questions are published anonymously: remove it"
        ));
    }
    for phone in phone_numbers(text) {
        out.push(format!(
            "the question contains a phone number ({phone}); questions are published anonymously: remove it"
        ));
    }
    out
}

/// Whether `needle` occurs in `hay` on word boundaries: not preceded by a letter or digit, and
/// not followed by one unless the needle ends in punctuation (`b.v.`).
fn find_word(hay: &str, needle: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let ends_in_alnum = alnum(needle.chars().next_back());
    let mut from = 0;
    while let Some(found) = hay[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let word_before = alnum(hay[..start].chars().next_back());
        let word_after = ends_in_alnum && alnum(hay[end..].chars().next());
        if !word_before && !word_after {
            return true;
        }
        // Overlapping matches too: the next one may start inside this one.
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// E-mail addresses in a text: `name@domain.tld`.
pub fn email_addresses(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let local_char = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    let domain_char = |c: char| c.is_alphanumeric() || c == '.' || c == '-';
    let mut out = Vec::new();
    for (at, &c) in chars.iter().enumerate() {
        if c != '@' {
            continue;
        }
        let mut start = at;
        while start > 0 && local_char(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && domain_char(chars[end]) {
            end += 1;
        }
        let local: String = chars[start..at]
            .iter()
            .collect::<String>()
            .trim_start_matches(['.', '\''])
            .to_string();
        let domain: String = chars[at + 1..end]
            .iter()
            .collect::<String>()
            .trim_end_matches(['.', '-'])
            .to_string();
        let tld_ok = domain.rsplit_once('.').is_some_and(|(host, tld)| {
            !host.is_empty() && tld.chars().count() >= 2 && tld.chars().all(|c| c.is_alphabetic())
        });
        if !local.is_empty() && tld_ok {
            out.push(format!("{local}@{domain}"));
        }
    }
    out
}

/// Phone numbers in a text, in the ways Dutch numbers are written: `06-12345678`,
/// `06 1234 5678`, `050 123 4567`, `(050) 123 45 67`, `+31 6 12345678`, `+31 (0)50 123 4567`,
/// `0031 50 1234567`, `0800-1234`. A run of digits with single separators (space, `-`, `.`,
/// `/`, brackets) counts when it has the length of a phone number: ten digits starting with 0
/// (national), 7 to 11 starting with 0800/0900/0906/0909, or 9 to 15 after `+` or `00`.
pub fn phone_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let is_sep = |c: char| matches!(c, ' ' | '-' | '.' | '/' | '(' | ')' | '\u{a0}');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let boundary = i == 0
            || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '+' || chars[i - 1] == ',');
        let starts = match c {
            '+' => chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()),
            '(' => chars.get(i + 1) == Some(&'0') || (chars.get(i + 1) == Some(&'+')),
            '0' => true,
            _ => false,
        };
        if !(boundary && starts) {
            i += 1;
            continue;
        }
        // Take the run: digits, with at most two separator characters between digit groups.
        let mut j = i + 1;
        let mut end = if c.is_ascii_digit() { i + 1 } else { i };
        let mut seps = 0;
        while j < chars.len() {
            let d = chars[j];
            if d.is_ascii_digit() {
                seps = 0;
                end = j + 1;
            } else if is_sep(d) || (d == '+' && j == i + 1) {
                seps += 1;
                if seps > 2 {
                    break;
                }
            } else {
                break;
            }
            j += 1;
        }
        // A closing bracket right after the last digit belongs to the number: `(050)`.
        let run: String = chars[i..end].iter().collect();
        let digits: String = run.chars().filter(|c| c.is_ascii_digit()).collect();
        let after_ok = end >= chars.len()
            || !(chars[end].is_alphanumeric()
                || (chars[end] == ',' && chars.get(end + 1).is_some_and(|c| c.is_ascii_digit())));
        let international = run.contains('+') || digits.starts_with("00");
        let n = digits.len();
        let is_phone = after_ok
            && if international {
                let n = if digits.starts_with("00") { n - 2 } else { n };
                (9..=15).contains(&n)
            } else if ["0800", "0900", "0906", "0909"]
                .iter()
                .any(|p| digits.starts_with(p))
            {
                (7..=11).contains(&n)
            } else {
                digits.starts_with('0') && n == 10
            };
        if is_phone {
            out.push(run.trim_end_matches(is_sep).to_string());
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Locations in the YAML text, for messages

impl Round {
    /// A diagnostic about `field` (`questions.3.section`, `published`, `` for the whole file),
    /// with the line and column where that field is written (or the nearest enclosing one).
    pub fn diag(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::new(&self.file, field, message);
        if let Some((line, column)) = super::locate::locate(&self.source, field) {
            d.line = Some(line);
            d.column = Some(column);
        }
        d
    }
}

/// The items of the top-level list `key:` as (1-based line of the `- `, column of the item's
/// first key).
pub fn item_lines(text: &str, key: &str) -> Vec<(usize, usize)> {
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
    fn phone_numbers_in_dutch_formats() {
        for (text, found) in [
            ("bel 06-12345678 gerust", "06-12345678"),
            ("bel 06 1234 5678.", "06 1234 5678"),
            ("bereikbaar op 050 123 4567", "050 123 4567"),
            ("tel. (050) 123 45 67", "(050) 123 45 67"),
            ("+31 6 12345678", "+31 6 12345678"),
            ("+31 (0)50 123 4567", "+31 (0)50 123 4567"),
            ("0031 50 1234567", "0031 50 1234567"),
            ("0800-1234", "0800-1234"),
            ("020-1234567", "020-1234567"),
            ("0612345678", "0612345678"),
        ] {
            assert_eq!(phone_numbers(text), vec![found.to_string()], "{text}");
        }
        for text in [
            "€ 836.000,- exclusief BTW",
            "op 3 augustus 2026, 10:00 uur",
            "een score van 0, 2, 6, 8 of 10",
            "2026-06-22T10:00",
            "300.000 / 400.000 × 25 = 18,75",
            "0,5 fte",
            "score 0 2 6 8 10",
            "NEN 7510 en ISO 27001",
            "eis 058 van de 100",
        ] {
            assert!(
                phone_numbers(text).is_empty(),
                "{text}: {:?}",
                phone_numbers(text)
            );
        }
    }

    #[test]
    fn email_addresses_found() {
        assert_eq!(
            email_addresses("mail j.jansen@arbo-vitaal.nl."),
            vec!["j.jansen@arbo-vitaal.nl".to_string()]
        );
        assert!(email_addresses("een zakelijk e-mailadres @ kantoor").is_empty());
        assert!(email_addresses("user@localhost").is_empty());
    }

    #[test]
    fn bidder_names_on_word_boundaries() {
        let bidders = GuardedNames::new(["Arbo Vitaal B.V.".to_string(), "ACME".to_string()]);
        assert_eq!(
            anonymity_problems("Namens arbo  vitaal vragen wij", &bidders).len(),
            1
        );
        assert_eq!(
            anonymity_problems("Arbo Vitaal B.V. vraagt", &bidders).len(),
            1
        );
        assert!(anonymity_problems("Arbovitaliteit en acmeïsme", &bidders).is_empty());
    }

    #[test]
    fn bidder_name_forms() {
        let names = GuardedNames::new([
            "Zorg & Co, B.V.".to_string(),
            "Ab B.V.".to_string(),
            "  ".to_string(),
            "Jan  de Vries".to_string(),
            "aa a".to_string(),
        ]);
        let named = |text: &str| anonymity_problems(text, &names).len();
        // Without the legal form, and its comma; not when too little is left (`Ab`).
        assert_eq!(named("Volgens zorg &\nco vragen wij"), 1);
        assert_eq!(named("Ab vraagt"), 0);
        assert_eq!(named("AB B.V. vraagt"), 1);
        // A name ending in punctuation may be followed by anything.
        assert_eq!(named("ab b.v.-medewerkers"), 1);
        // Whitespace runs, line breaks and case.
        assert_eq!(named("JAN\tDE   vries belt"), 1);
        assert_eq!(named("jan de vriesland"), 0);
        // A first occurrence inside a word does not hide a later one on a boundary, also when
        // they overlap.
        assert_eq!(named("baa aa a"), 1);
        assert_eq!(named("xaa aaa a"), 0);
    }

    #[test]
    fn paragraph_references() {
        let refs = References {
            sections: Some(vec!["1".into(), "1.1".into(), "2".into(), "2.10".into()]),
            annexes: vec!['A', 'B'],
        };
        assert!(
            reference_problems(&DocumentRef::Offerteaanvraag, Some("§ 2.10"), &refs).is_empty()
        );
        let problems = reference_problems(&DocumentRef::Offerteaanvraag, Some("2.1"), &refs);
        assert_eq!(
            problems,
            vec![(
                "section",
                "the offerteaanvraag has no paragraph 2.1 (its paragraphs: 1 … 1.1, 2 … 2.10)"
                    .to_string()
            )]
        );
        assert_eq!(
            reference_problems(&DocumentRef::Bijlage('C'), None, &refs)[0].0,
            "document"
        );
        // Sections not known to the caller (the model's own validation): checked by the build.
        assert!(
            reference_problems(
                &DocumentRef::Offerteaanvraag,
                Some("9.9"),
                &References::default()
            )
            .is_empty()
        );
    }

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
