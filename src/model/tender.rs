//! `data/tender.yaml`: the tender itself (organisation, reference, assignment, procedure, planning).
//!
//! This file holds the facts of the invitation to tender's introduction, definitions, chapter 1
//! (the assignment, the agreement, the organisation) and chapter 2 (the procedure rules, the
//! planning, the documents to submit, the evidence after award). The wording is in
//! `templates/itt/{inleiding,hoofdstuk-1,hoofdstuk-2}.typ.tera`.
//!
//! Two small notations inside data text, both resolved by [`Tender::derived`]:
//! - placeholders in descriptive text and definitions: a number or name that is a fact of its
//!   own is written once as a field and referred to as `{organisation.employees}`
//!   (`{organisation.locations:words}` spells a count out). See [`Tender::placeholder_facts`].
//! - references in the document tables (2.5, 2.9): `{ref:sec-uea}` is the number of the
//!   section with that Typst label (`3.4`), `{annex:uea}` the letter of the annex with that key
//!   in `requirements.yaml` (`A`). See [`RefSegment`].

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::format;
use crate::model::requirements::Count;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tender {
    /// e.g. `WIJ-2026-001`; also the output folder name.
    pub reference: String,
    /// e.g. `Arbodienstverlening`.
    pub title: String,
    /// Date printed on the invitation to tender (and used as the PDF's date).
    pub date: NaiveDate,
    /// Version of the document set, e.g. `1.0`.
    pub version: String,
    pub organisation: Organisation,
    /// The kind of procedure and the law it is held under (cover, introduction, chapter 2).
    pub procedure: Procedure,
    /// The definitions section, one entry per defined term, as full sentences (placeholders
    /// allowed, e.g. `{organisation.name}`).
    pub definitions: Vec<String>,
    /// Chapter 1.1: what is being procured.
    pub assignment: Assignment,
    /// Chapter 1.2: the (framework) agreement: value, term, extensions.
    pub agreement: Agreement,
    /// The numbers, names and addresses of the procedure rules in chapter 2 (2.4–2.11).
    pub rules: Rules,
    /// Chapter 2.3: the planning table, in chronological order.
    pub planning: Vec<Milestone>,
    /// Chapter 2.5: the documents to submit with the tender.
    pub submission: Submission,
    /// Chapter 2.9: the evidence the provisionally successful tenderer must supply.
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Full legal name, e.g. `Stichting WIJ Groningen`.
    pub name: String,
    /// Short name used in running text, e.g. `WIJ Groningen`.
    pub short_name: String,
    pub address: Vec<String>,
    /// The procurement department's e-mail address: disruptions (2.6) and complaints (2.12).
    pub procurement_email: String,
    /// Year the organisation was founded (placeholder `{organisation.founded}`).
    pub founded: i32,
    /// Number of the organisation's locations (placeholders `{organisation.locations}`,
    /// `{organisation.locations:words}`).
    pub locations: Count,
    /// Approximate number of employees (placeholder `{organisation.employees}`).
    pub employees: u32,
    /// Chapter 1.3: the description of the organisation, as blocks (placeholders allowed).
    pub profile: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// The procedure; the templates word it ("Europese openbare aanbestedingsprocedure",
    /// the abbreviation "EOA" in the complaints subject line).
    pub kind: ProcedureKind,
    /// The kind of contract for the cover, e.g. `Diensten`.
    pub contract_type: String,
    /// The form of the agreement for the cover, e.g. `Raamovereenkomst`.
    pub agreement_type: String,
    /// The procurement law the procedure is held under.
    pub law: Law,
    /// The electronic procurement platform: messages, the digital safe, the helpdesk
    /// (e.g. `TenderNed`).
    pub platform: String,
    /// The language of the procedure and of the execution of the contract, e.g. `Nederlands`.
    pub language: String,
}

/// The procedures the invitation templates can word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProcedureKind {
    /// Europese openbare aanbestedingsprocedure (Aw 2012, part 2).
    EuropeesOpenbaar,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    /// Full name, e.g. `Aanbestedingswet 2012`.
    pub name: String,
    /// Abbreviation used with article numbers, e.g. `Aw 2012`.
    pub short: String,
}

/// A titled part of descriptive text: a heading, its blocks, and optional sub-sections (one
/// level deep).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub heading: String,
    #[serde(default)]
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// One block of descriptive text: a paragraph (a plain string), a bulleted list
/// (`list: [...]`), or a list generated from structured facts (`insert: core-hours`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Block {
    Paragraph(String),
    List(ListBlock),
    Insert(InsertBlock),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListBlock {
    pub list: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InsertBlock {
    pub insert: Insert,
}

/// Lists that the template generates from structured facts at the place of the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Insert {
    /// The indicative hours per discipline ([`Assignment::core_hours_per_4_weeks`]) followed by
    /// [`Assignment::other_disciplines`].
    CoreHours,
    /// The optional services: the descriptions of `award.yaml`'s price lines of component C
    /// (the price form's lines are the one source; the template adds the list punctuation).
    OptionalServices,
}

/// A list item: plain text, or text with sub-items (`{text: ..., items: [...]}`), two levels
/// at most.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Item {
    Text(String),
    Nested(NestedItem),
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NestedItem {
    pub text: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// Chapter 1.1's descriptive sections (purpose, scope, organisation of the service, ...).
    /// The structured lists below are placed with `insert` blocks.
    pub sections: Vec<Section>,
    /// Indicative average deployment of the core disciplines, in hours per 4 weeks. The price
    /// lines of `award.yaml` refer to these (`volume: { core_hours: bedrijfsarts }`) and the
    /// price form computes their volumes from them.
    pub core_hours_per_4_weeks: Vec<CoreHours>,
    /// The list item after the hours, about the other disciplines (no fixed hours).
    pub other_disciplines: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CoreHours {
    /// Short name of the discipline, e.g. `bedrijfsarts`; unique. `award.yaml` price lines
    /// refer to it (`volume: { core_hours: bedrijfsarts }`).
    pub discipline: String,
    /// How the sentence names it: "Voor de inzet van {described_as} wordt uitgegaan van ...",
    /// e.g. `de bedrijfsarts`.
    pub described_as: String,
    /// Average hours per 4 weeks (approximate: the text says "circa").
    pub hours: Decimal,
    /// Added after the hours, e.g. `met flexibiliteit afhankelijk van de behoefte`.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Number of contractors the framework agreement is concluded with (placeholder
    /// `{agreement.contractors:words}`).
    pub contractors: Count,
    /// Estimated value over the initial term, excluding VAT.
    pub estimated_value: Decimal,
    /// Maximum value of the framework agreement (including extensions and optional services),
    /// excluding VAT; reaching it allows termination.
    pub maximum_value: Decimal,
    /// First day of the agreement.
    pub start: NaiveDate,
    /// Last day of the initial term (the term must be a whole number of years).
    pub end: NaiveDate,
    /// Maximum number of extensions (0: none).
    pub extensions: Count,
    /// Length of each extension in years.
    pub extension_years: Count,
    /// Agreement on an extension must be reached at least this many months before the end date.
    pub extension_notice_months: Count,
    /// Why a framework agreement was chosen (tender-specific text, placeholders allowed).
    pub rationale: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Key (in `requirements.yaml` `annexes`) of the annex with the question form for the nota
    /// van inlichtingen (2.4), e.g. `question_form`.
    pub question_form_annex: String,
    /// A disruption must be reported within this many minutes after the safe closed (2.6).
    pub disruption_report_minutes: Count,
    /// Subject line of the e-mail reporting a disruption (2.6).
    pub disruption_email_subject: String,
    /// Days within which the original of a document signed by hand must be handed over on
    /// request (2.7).
    pub wet_signature_original_days: Count,
    /// Standstill period in calendar days after the award decision (2.8). A plain number (the
    /// award letters compute the standstill from it); the templates print
    /// `tender_derived.standstill_days` (with words).
    pub standstill_days: u32,
    /// The court for summary proceedings, e.g. `rechtbank Noord-Nederland te Groningen` (2.8).
    pub court: String,
    /// Tenders are binding for this many days from the submission deadline (2.10).
    pub bid_validity_days: Count,
    /// After summary proceedings, the validity runs until this many calendar days after the
    /// judgment (2.10).
    pub validity_extension_after_judgment_days: Count,
    /// Objections to the documents: at the latest this many days after the last nota van
    /// inlichtingen was sent (2.11).
    pub objection_days_after_last_nvi: Count,
    /// Summary proceedings about the documents: at the latest this many hours before the
    /// submission deadline (2.11).
    pub summary_proceedings_hours_before_closing: Count,
}

/// One row of the planning table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// The activity as printed, e.g. `Indienen vragen eerste vragenronde`.
    pub name: String,
    /// What the milestone is, for rules and computed dates; `None` for other activities.
    pub kind: Option<MilestoneKind>,
    /// Printed before the date ("Uiterlijk", "Naar verwachting").
    pub qualifier: Option<Qualifier>,
    /// The (first) day. May be left out for `agreement-start`, which then is `agreement.start`,
    /// and for `announcement`, which then is the invitation's `date` (published together).
    pub date: Option<NaiveDate>,
    /// The last day of a period (`24 en 25 augustus 2026`, `1 oktober 2026 t/m 31 december 2026`).
    pub until: Option<NaiveDate>,
    /// The time of day (`10:00`), for deadlines.
    pub time: Option<NaiveTime>,
    /// A remark printed below the date.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneKind {
    /// Publication of the contract notice.
    Announcement,
    /// Deadline of a question round (one per round).
    Questions,
    /// Publication of a nota van inlichtingen (one per round).
    Nvi,
    /// Submission deadline (exactly one, with a time).
    Submission,
    /// Opening of the tenders (exactly one, with a time).
    Opening,
    Presentation,
    /// Announcement of the intended award (starts the standstill period).
    IntendedAward,
    /// Definitive award.
    Award,
    Implementation,
    /// Start of the agreement; its date is `agreement.start`.
    AgreementStart,
}

impl MilestoneKind {
    fn name(self) -> &'static str {
        match self {
            MilestoneKind::Announcement => "announcement",
            MilestoneKind::Questions => "questions",
            MilestoneKind::Nvi => "nvi",
            MilestoneKind::Submission => "submission",
            MilestoneKind::Opening => "opening",
            MilestoneKind::Presentation => "presentation",
            MilestoneKind::IntendedAward => "intended-award",
            MilestoneKind::Award => "award",
            MilestoneKind::Implementation => "implementation",
            MilestoneKind::AgreementStart => "agreement-start",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// "Uiterlijk": a deadline.
    Uiterlijk,
    /// "Naar verwachting": an expected date.
    NaarVerwachting,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// The tables of documents to submit; each group is a titled part of the table.
    pub groups: Vec<DocumentGroup>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentGroup {
    /// e.g. `In te dienen documenten` (references allowed: `{ref:...}`, `{annex:...}`).
    pub title: String,
    pub documents: Vec<Document>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The document ("Wat").
    pub what: String,
    /// Where it is described ("Hoe"), e.g. `Zie paragraaf {ref:sec-uea} en zie bijlage {annex:uea}`.
    pub how: String,
    /// For evidence of the exclusion grounds: which statement it is; the template adds its
    /// maximum age and where to request it (from `requirements.yaml`, `exclusion`).
    #[serde(default)]
    pub proof: Option<Proof>,
}

/// The statements whose maximum age and request address `requirements.yaml` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Proof {
    /// Gedragsverklaring aanbesteden (`exclusion.certificate_of_conduct`).
    CertificateOfConduct,
    /// Verklaring betalingsgedrag nakoming fiscale verplichtingen (`exclusion.tax_statement`).
    TaxStatement,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The evidence must be supplied within this many working days after the intended award
    /// (on request); also the deadline for evidence requested in chapter 3 (exclusion grounds,
    /// suitability, third parties). A plain number (the award letters use it); the templates print
    /// `tender_derived.evidence_deadline_working_days` (with words).
    pub deadline_working_days: u32,
    /// The table's rows.
    pub documents: Vec<Document>,
    /// Printed below the table, in italics (references allowed).
    pub note: Option<String>,
}

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
pub fn parse_refs(text: &str) -> Result<Vec<RefSegment>, String> {
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

fn refs_lossy(text: &str) -> Vec<RefSegment> {
    parse_refs(text).unwrap_or_else(|_| vec![RefSegment::Text(text.to_string())])
}

/// Values computed from the tender data for the templates (`tender_derived` in the context).
/// Counts serialise as `{value, words}` (see [`Count`]).
#[derive(Debug, Clone, Serialize)]
pub struct TenderDerived {
    /// Length of the initial term in whole years (`None` if it is not whole years).
    pub initial_term_years: Option<Count>,
    /// Last day of the agreement if every extension is used.
    pub maximum_end: Option<NaiveDate>,
    /// Number of question rounds (milestones of kind `questions`).
    pub question_rounds: Count,
    /// `rules.standstill_days` with its words.
    pub standstill_days: Count,
    /// `evidence.deadline_working_days` with its words.
    pub evidence_deadline_working_days: Count,
    /// The submission deadline (closing of the digital safe).
    pub submission_deadline: Option<NaiveDateTime>,
    /// The opening of the tenders.
    pub opening: Option<NaiveDateTime>,
    /// Minutes between the submission deadline and the opening ("opent niet eerder dan
    /// vijftien (15) minuten na de uiterste tijd"); `None` unless the opening is after it.
    pub opening_delay_minutes: Option<Count>,
    /// Date of the last nota van inlichtingen.
    pub last_nvi: Option<NaiveDate>,
    /// Last day to object to the documents (last NvI + `rules.objection_days_after_last_nvi`).
    /// Not moved off weekends: it may fall on a Saturday (2.11).
    pub objection_deadline: Option<NaiveDate>,
    /// Latest moment to start summary proceedings about the documents (2.11).
    pub summary_proceedings_deadline: Option<NaiveDateTime>,
    /// Last day the tenders are binding (submission date + `rules.bid_validity_days`).
    pub bid_validity_until: Option<NaiveDate>,
    /// Per planning row (same order as `tender.planning`): its resolved date and the printed
    /// date text.
    pub planning: Vec<MilestoneDerived>,
    /// `definitions` with placeholders filled in.
    pub definitions: Vec<String>,
    /// `assignment.sections` with placeholders filled in.
    pub assignment_sections: Vec<Section>,
    /// `agreement.rationale` with placeholders filled in.
    pub agreement_rationale: Vec<Block>,
    /// `organisation.profile` with placeholders filled in.
    pub organisation_profile: Vec<Block>,
    /// `submission.groups` with the references split into segments.
    pub submission_groups: Vec<DocumentGroupView>,
    /// `evidence.documents` with the references split into segments.
    pub evidence_documents: Vec<DocumentView>,
    /// `evidence.note` with the references split into segments.
    pub evidence_note: Option<Vec<RefSegment>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneDerived {
    /// The milestone's (first) day; for `agreement-start` without a date, `agreement.start`.
    pub date: Option<NaiveDate>,
    /// The day or period as printed: `26 mei 2026`, `24 en 25 augustus 2026`,
    /// `1 oktober 2026 t/m 31 december 2026` (without qualifier and time).
    pub dates_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentGroupView {
    pub title: Vec<RefSegment>,
    pub documents: Vec<DocumentView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub what: String,
    pub how: Vec<RefSegment>,
    pub proof: Option<Proof>,
}

impl DocumentView {
    fn of(d: &Document) -> DocumentView {
        DocumentView {
            what: d.what.clone(),
            how: refs_lossy(&d.how),
            proof: d.proof,
        }
    }
}

/// `26 mei 2026`; `24 en 25 augustus 2026` for two consecutive days in one month;
/// `1 oktober 2026 t/m 31 december 2026` for other periods.
fn dates_text(date: NaiveDate, until: Option<NaiveDate>) -> String {
    match until {
        None => format::date(date),
        Some(u) if u == date => format::date(date),
        Some(u)
            if u == date + Duration::days(1)
                && u.month() == date.month()
                && u.year() == date.year() =>
        {
            format!("{} en {}", date.day(), format::date(u))
        }
        Some(u) => format!("{} t/m {}", format::date(date), format::date(u)),
    }
}

/// Fills `{key}` placeholders from `facts` (e.g. [`Tender::placeholder_facts`]); the unknown
/// keys are returned as the error.
pub fn fill(text: &str, facts: &BTreeMap<String, String>) -> Result<String, Vec<String>> {
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
fn without_placeholders(text: &str) -> String {
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

fn fill_lossy(text: &str, facts: &BTreeMap<String, String>) -> String {
    fill(text, facts).unwrap_or_else(|_| text.to_string())
}

fn fill_item(item: &Item, facts: &BTreeMap<String, String>) -> Item {
    match item {
        Item::Text(t) => Item::Text(fill_lossy(t, facts)),
        Item::Nested(n) => Item::Nested(NestedItem {
            text: fill_lossy(&n.text, facts),
            items: n.items.iter().map(|i| fill_item(i, facts)).collect(),
        }),
    }
}

fn fill_blocks(blocks: &[Block], facts: &BTreeMap<String, String>) -> Vec<Block> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => Block::Paragraph(fill_lossy(p, facts)),
            Block::List(l) => Block::List(ListBlock {
                list: l.list.iter().map(|i| fill_item(i, facts)).collect(),
            }),
            Block::Insert(i) => Block::Insert(i.clone()),
        })
        .collect()
}

fn fill_sections(sections: &[Section], facts: &BTreeMap<String, String>) -> Vec<Section> {
    sections
        .iter()
        .map(|s| Section {
            heading: fill_lossy(&s.heading, facts),
            blocks: fill_blocks(&s.blocks, facts),
            sections: fill_sections(&s.sections, facts),
        })
        .collect()
}

/// Collects diagnostics for one data file.
struct Check<'a> {
    file: &'a Path,
    out: &'a mut Vec<Diagnostic>,
    facts: BTreeMap<String, String>,
}

impl Check<'_> {
    fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.out.push(Diagnostic::new(self.file, field, message));
    }

    fn non_empty(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, "must not be empty");
        }
    }

    fn positive(&mut self, field: &str, n: Count) {
        if n.value() == 0 {
            self.push(field, "must be at least 1");
        }
    }

    /// Text with placeholders: not empty, only known placeholders.
    fn placeholders(&mut self, field: &str, text: &str) {
        self.non_empty(field, text);
        if let Err(unknown) = fill(text, &self.facts) {
            let known = self.facts.keys().cloned().collect::<Vec<_>>().join(", ");
            for key in unknown {
                self.push(
                    field,
                    format!("unknown placeholder `{{{key}}}` (known: {known})"),
                );
            }
        }
    }

    /// Descriptive text: as [`Check::placeholders`], and no digits typed into it.
    fn prose(&mut self, field: &str, text: &str) {
        self.placeholders(field, text);
        if without_placeholders(text)
            .chars()
            .any(|c| c.is_ascii_digit())
        {
            self.push(
                field,
                "a number is typed into descriptive text: make it a data field and refer to it with a placeholder",
            );
        }
    }

    /// Table text with `{ref:...}` / `{annex:...}` references.
    fn refs(&mut self, field: &str, text: &str) {
        self.non_empty(field, text);
        if let Err(e) = parse_refs(text) {
            self.push(field, e);
        }
    }

    fn items(&mut self, field: &str, items: &[Item], depth: usize) {
        if items.is_empty() {
            self.push(field, "a list needs at least one item");
        }
        for (i, item) in items.iter().enumerate() {
            match item {
                Item::Text(t) => self.prose(&format!("{field}.{i}"), t),
                Item::Nested(n) => {
                    self.prose(&format!("{field}.{i}.text"), &n.text);
                    if depth >= 2 {
                        self.push(
                            format!("{field}.{i}.items"),
                            "lists nest two levels deep at most",
                        );
                    } else {
                        self.items(&format!("{field}.{i}.items"), &n.items, depth + 1);
                    }
                }
            }
        }
    }

    fn blocks(&mut self, field: &str, blocks: &[Block], inserts: &mut Vec<Insert>) {
        for (i, block) in blocks.iter().enumerate() {
            let f = format!("{field}.{i}");
            match block {
                Block::Paragraph(p) => self.prose(&f, p),
                Block::List(l) => self.items(&format!("{f}.list"), &l.list, 1),
                Block::Insert(ins) => inserts.push(ins.insert),
            }
        }
    }

    fn sections(
        &mut self,
        field: &str,
        sections: &[Section],
        depth: usize,
        inserts: &mut Vec<Insert>,
    ) {
        for (i, s) in sections.iter().enumerate() {
            let f = format!("{field}.{i}");
            self.prose(&format!("{f}.heading"), &s.heading);
            if s.blocks.is_empty() && s.sections.is_empty() {
                self.push(&f, "a section needs blocks or sub-sections");
            }
            self.blocks(&format!("{f}.blocks"), &s.blocks, inserts);
            if !s.sections.is_empty() && depth >= 2 {
                self.push(
                    format!("{f}.sections"),
                    "sections nest two levels deep at most",
                );
            } else {
                self.sections(&format!("{f}.sections"), &s.sections, depth + 1, inserts);
            }
        }
    }

    fn document(&mut self, field: &str, d: &Document) {
        self.non_empty(&format!("{field}.what"), &d.what);
        self.refs(&format!("{field}.how"), &d.how);
    }
}

/// A tender reference usable as a folder name on every system: `WIJ-2026-001`.
pub fn valid_reference(r: &str) -> bool {
    r.len() <= 64
        && r.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && r.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Tender {
    /// The facts that descriptive text and definitions may refer to as `{key}`, with their
    /// printed form. `:words` gives a count in Dutch words (`{organisation.locations:words}` →
    /// `tien`).
    pub fn placeholder_facts(&self) -> BTreeMap<String, String> {
        let mut facts = BTreeMap::new();
        let o = &self.organisation;
        facts.insert("organisation.name".into(), o.name.clone());
        facts.insert("organisation.short_name".into(), o.short_name.clone());
        facts.insert("organisation.founded".into(), o.founded.to_string());
        facts.insert("procedure.platform".into(), self.procedure.platform.clone());
        facts.insert(
            "organisation.employees".into(),
            format::number(Decimal::from(o.employees)),
        );
        let mut counts = vec![
            ("organisation.locations", o.locations),
            ("agreement.contractors", self.agreement.contractors),
        ];
        if let Some(years) = self.maximum_term_years() {
            counts.push(("agreement.maximum_term_years", Count(years)));
        }
        for (key, n) in counts {
            facts.insert(key.into(), format::number(Decimal::from(n.value())));
            facts.insert(format!("{key}:words"), n.words());
        }
        facts
    }

    /// The longest the agreement can run, in whole years: the initial term plus every
    /// extension (2 + 1 × 2 = 4). `None` when the initial term is not whole years.
    pub fn maximum_term_years(&self) -> Option<u32> {
        let a = &self.agreement;
        Some(self.initial_term_years()? + a.extensions.value() * a.extension_years.value())
    }

    /// The annex keys this file refers to, with the field that does: for a check against
    /// `requirements.yaml` `annexes`.
    pub fn annex_references(&self) -> Vec<(String, String)> {
        let mut out = vec![(
            "rules.question_form_annex".to_string(),
            self.rules.question_form_annex.clone(),
        )];
        let mut texts: Vec<(String, &str)> = Vec::new();
        for (g, group) in self.submission.groups.iter().enumerate() {
            texts.push((format!("submission.groups.{g}.title"), &group.title));
            for (i, d) in group.documents.iter().enumerate() {
                texts.push((format!("submission.groups.{g}.documents.{i}.how"), &d.how));
            }
        }
        for (i, d) in self.evidence.documents.iter().enumerate() {
            texts.push((format!("evidence.documents.{i}.how"), &d.how));
        }
        if let Some(n) = &self.evidence.note {
            texts.push(("evidence.note".to_string(), n));
        }
        for (field, text) in texts {
            for seg in parse_refs(text).unwrap_or_default() {
                if let RefSegment::Annex(key) = seg {
                    out.push((field.clone(), key));
                }
            }
        }
        out
    }

    /// How often an `insert` block of this kind is placed in the descriptive text (the
    /// assignment's sections, the agreement's rationale, the organisation's profile).
    pub fn insert_count(&self, insert: Insert) -> usize {
        fn in_blocks(blocks: &[Block], insert: Insert) -> usize {
            blocks
                .iter()
                .filter(|b| matches!(b, Block::Insert(i) if i.insert == insert))
                .count()
        }
        fn in_sections(sections: &[Section], insert: Insert) -> usize {
            sections
                .iter()
                .map(|s| in_blocks(&s.blocks, insert) + in_sections(&s.sections, insert))
                .sum()
        }
        in_sections(&self.assignment.sections, insert)
            + in_blocks(&self.agreement.rationale, insert)
            + in_blocks(&self.organisation.profile, insert)
    }

    /// The first milestone of `kind`, with its index.
    fn milestone(&self, kind: MilestoneKind) -> Option<(usize, &Milestone)> {
        self.planning
            .iter()
            .enumerate()
            .find(|(_, m)| m.kind == Some(kind))
    }

    /// A milestone's date; `agreement-start` without a date is `agreement.start`, `announcement`
    /// without a date is the invitation's `date`.
    pub fn milestone_date(&self, m: &Milestone) -> Option<NaiveDate> {
        match (m.date, m.kind) {
            (Some(d), _) => Some(d),
            (None, Some(MilestoneKind::AgreementStart)) => Some(self.agreement.start),
            (None, Some(MilestoneKind::Announcement)) => Some(self.date),
            (None, _) => None,
        }
    }

    /// Date and time of the first milestone of `kind`, if it has both.
    pub fn milestone_at(&self, kind: MilestoneKind) -> Option<NaiveDateTime> {
        let (_, m) = self.milestone(kind)?;
        Some(self.milestone_date(m)?.and_time(m.time?))
    }

    /// Whole years from `agreement.start` to `agreement.end` (inclusive), if it is whole years.
    fn initial_term_years(&self) -> Option<u32> {
        let a = &self.agreement;
        let after_end = a.end.succ_opt()?;
        let months = (after_end.year() - a.start.year()) * 12 + after_end.month() as i32
            - a.start.month() as i32;
        if months <= 0 || months % 12 != 0 || after_end.day() != a.start.day() {
            return None;
        }
        Some((months / 12) as u32)
    }

    pub fn derived(&self) -> TenderDerived {
        let facts = self.placeholder_facts();
        let submission_deadline = self.milestone_at(MilestoneKind::Submission);
        let opening = self.milestone_at(MilestoneKind::Opening);
        let last_nvi = self
            .planning
            .iter()
            .filter(|m| m.kind == Some(MilestoneKind::Nvi))
            .filter_map(|m| self.milestone_date(m))
            .max();
        let a = &self.agreement;
        let r = &self.rules;
        let extension_months = 12 * a.extensions.value() * a.extension_years.value();
        let question_rounds = self
            .planning
            .iter()
            .filter(|m| m.kind == Some(MilestoneKind::Questions))
            .count();
        TenderDerived {
            initial_term_years: self.initial_term_years().map(Count),
            maximum_end: a.end.checked_add_months(Months::new(extension_months)),
            question_rounds: Count(question_rounds as u32),
            standstill_days: Count(r.standstill_days),
            evidence_deadline_working_days: Count(self.evidence.deadline_working_days),
            submission_deadline,
            opening,
            opening_delay_minutes: match (submission_deadline, opening) {
                (Some(s), Some(o)) if o > s => u32::try_from((o - s).num_minutes()).ok().map(Count),
                _ => None,
            },
            last_nvi,
            objection_deadline: last_nvi.and_then(|d| {
                d.checked_add_signed(Duration::days(
                    r.objection_days_after_last_nvi.value().into(),
                ))
            }),
            summary_proceedings_deadline: submission_deadline.map(|s| {
                s - Duration::hours(r.summary_proceedings_hours_before_closing.value().into())
            }),
            bid_validity_until: submission_deadline.and_then(|s| {
                s.date()
                    .checked_add_signed(Duration::days(r.bid_validity_days.value().into()))
            }),
            planning: self
                .planning
                .iter()
                .map(|m| {
                    let date = self.milestone_date(m);
                    MilestoneDerived {
                        date,
                        dates_text: date.map(|d| dates_text(d, m.until)).unwrap_or_default(),
                    }
                })
                .collect(),
            definitions: self
                .definitions
                .iter()
                .map(|d| fill_lossy(d, &facts))
                .collect(),
            assignment_sections: fill_sections(&self.assignment.sections, &facts),
            agreement_rationale: fill_blocks(&a.rationale, &facts),
            organisation_profile: fill_blocks(&self.organisation.profile, &facts),
            submission_groups: self
                .submission
                .groups
                .iter()
                .map(|g| DocumentGroupView {
                    title: refs_lossy(&g.title),
                    documents: g.documents.iter().map(DocumentView::of).collect(),
                })
                .collect(),
            evidence_documents: self
                .evidence
                .documents
                .iter()
                .map(DocumentView::of)
                .collect(),
            evidence_note: self.evidence.note.as_deref().map(refs_lossy),
        }
    }

    pub fn validate(&self, file: &Path, out: &mut Vec<Diagnostic>) {
        let mut c = Check {
            file,
            out,
            facts: self.placeholder_facts(),
        };

        c.non_empty("reference", &self.reference);
        // The reference names the output folder: keep it a plain, portable folder name.
        if !self.reference.is_empty() && !valid_reference(&self.reference) {
            c.push(
                "reference",
                "must be 1 to 64 letters, digits, `-`, `_` or `.`, starting with a letter or digit (it names the output folder)",
            );
        }
        c.non_empty("title", &self.title);
        c.non_empty("version", &self.version);

        let o = &self.organisation;
        c.non_empty("organisation.name", &o.name);
        c.non_empty("organisation.short_name", &o.short_name);
        let email = o.procurement_email.trim();
        let parts: Vec<&str> = email.split('@').collect();
        if email.contains(char::is_whitespace)
            || parts.len() != 2
            || parts.iter().any(|p| p.is_empty())
            || !parts[1].contains('.')
        {
            c.push(
                "organisation.procurement_email",
                format!("`{email}` is not an e-mail address"),
            );
        }
        if o.employees == 0 {
            c.push("organisation.employees", "must be at least 1");
        }
        c.positive("organisation.locations", o.locations);
        if o.profile.is_empty() {
            c.push(
                "organisation.profile",
                "the description of the organisation (1.3) must not be empty",
            );
        }
        let mut inserts = Vec::new();
        c.blocks("organisation.profile", &o.profile, &mut inserts);

        let p = &self.procedure;
        c.non_empty("procedure.contract_type", &p.contract_type);
        c.non_empty("procedure.agreement_type", &p.agreement_type);
        c.non_empty("procedure.law.name", &p.law.name);
        c.non_empty("procedure.law.short", &p.law.short);
        c.non_empty("procedure.platform", &p.platform);
        c.non_empty("procedure.language", &p.language);

        if self.definitions.is_empty() {
            c.push("definitions", "must not be empty");
        }
        for (i, d) in self.definitions.iter().enumerate() {
            c.placeholders(&format!("definitions.{i}"), d);
        }

        // Chapter 1.1.
        let asg = &self.assignment;
        if asg.sections.is_empty() {
            c.push(
                "assignment.sections",
                "the description of the assignment (1.1) must not be empty",
            );
        }
        c.sections("assignment.sections", &asg.sections, 1, &mut inserts);
        c.blocks(
            "agreement.rationale",
            &self.agreement.rationale,
            &mut inserts,
        );
        // Whether the optional services (award.yaml) are there is checked with the project.
        let optional = inserts
            .iter()
            .filter(|i| **i == Insert::OptionalServices)
            .count();
        if optional > 1 {
            c.push(
                "assignment.sections",
                format!("`insert: optional-services` is used {optional} times; once is enough"),
            );
        }
        for (insert, filled, field) in [(
            Insert::CoreHours,
            !asg.core_hours_per_4_weeks.is_empty(),
            "assignment.core_hours_per_4_weeks",
        )] {
            let n = inserts.iter().filter(|i| **i == insert).count();
            if filled && n == 0 {
                c.push(
                    field,
                    "is not printed: place it in assignment.sections with an `insert` block",
                );
            }
            if n > 1 {
                c.push(field, format!("is inserted {n} times; once is enough"));
            }
            if !filled && n > 0 {
                c.push(field, "is inserted in the text but empty");
            }
        }
        let mut disciplines: Vec<&str> = Vec::new();
        for (i, h) in asg.core_hours_per_4_weeks.iter().enumerate() {
            let f = format!("assignment.core_hours_per_4_weeks.{i}");
            c.non_empty(&format!("{f}.discipline"), &h.discipline);
            c.prose(&format!("{f}.described_as"), &h.described_as);
            if h.hours <= Decimal::ZERO {
                c.push(format!("{f}.hours"), "must be more than 0");
            }
            if disciplines.contains(&h.discipline.as_str()) {
                c.push(
                    format!("{f}.discipline"),
                    format!("`{}` is listed twice", h.discipline),
                );
            }
            disciplines.push(&h.discipline);
            if let Some(n) = &h.note {
                c.prose(&format!("{f}.note"), n);
            }
        }
        if let Some(t) = &asg.other_disciplines {
            c.prose("assignment.other_disciplines", t);
        }

        // Chapter 1.2.
        let a = &self.agreement;
        c.positive("agreement.contractors", a.contractors);
        if a.estimated_value <= Decimal::ZERO {
            c.push("agreement.estimated_value", "must be more than 0");
        }
        if a.maximum_value < a.estimated_value {
            c.push(
                "agreement.maximum_value",
                "must not be less than the estimated value",
            );
        }
        if a.end <= a.start {
            c.push("agreement.end", "must be after agreement.start");
        } else if self.initial_term_years().is_none() {
            c.push(
                "agreement.end",
                "the initial term must be a whole number of years (end = the day before an anniversary of start)",
            );
        }
        if a.extensions.value() > 0 {
            c.positive("agreement.extension_years", a.extension_years);
            c.positive(
                "agreement.extension_notice_months",
                a.extension_notice_months,
            );
        }

        // Chapter 2: rules.
        let r = &self.rules;
        c.non_empty("rules.question_form_annex", &r.question_form_annex);
        c.non_empty(
            "rules.disruption_email_subject",
            &r.disruption_email_subject,
        );
        c.non_empty("rules.court", &r.court);
        c.positive("rules.standstill_days", Count(r.standstill_days));
        for (field, n) in [
            (
                "rules.disruption_report_minutes",
                r.disruption_report_minutes,
            ),
            (
                "rules.wet_signature_original_days",
                r.wet_signature_original_days,
            ),
            ("rules.bid_validity_days", r.bid_validity_days),
            (
                "rules.validity_extension_after_judgment_days",
                r.validity_extension_after_judgment_days,
            ),
            (
                "rules.objection_days_after_last_nvi",
                r.objection_days_after_last_nvi,
            ),
            (
                "rules.summary_proceedings_hours_before_closing",
                r.summary_proceedings_hours_before_closing,
            ),
        ] {
            c.positive(field, n);
        }

        self.validate_planning(&mut c);

        // 2.5 and 2.9.
        if self.submission.groups.is_empty() {
            c.push(
                "submission.groups",
                "the table of documents to submit must not be empty",
            );
        }
        for (g, group) in self.submission.groups.iter().enumerate() {
            c.refs(&format!("submission.groups.{g}.title"), &group.title);
            if group.documents.is_empty() {
                c.push(
                    format!("submission.groups.{g}.documents"),
                    "must not be empty",
                );
            }
            for (i, d) in group.documents.iter().enumerate() {
                c.document(&format!("submission.groups.{g}.documents.{i}"), d);
            }
        }
        c.positive(
            "evidence.deadline_working_days",
            Count(self.evidence.deadline_working_days),
        );
        if self.evidence.documents.is_empty() {
            c.push("evidence.documents", "must not be empty");
        }
        for (i, d) in self.evidence.documents.iter().enumerate() {
            c.document(&format!("evidence.documents.{i}"), d);
        }
        if let Some(n) = &self.evidence.note {
            c.refs("evidence.note", n);
        }
    }

    fn validate_planning(&self, c: &mut Check<'_>) {
        if self.planning.is_empty() {
            c.push("planning", "the planning must not be empty");
            return;
        }
        let mut previous: Option<(usize, NaiveDateTime)> = None;
        for (i, m) in self.planning.iter().enumerate() {
            let f = format!("planning.{i}");
            c.non_empty(&format!("{f}.name"), &m.name);
            if let Some(n) = &m.note {
                c.non_empty(&format!("{f}.note"), n);
            }
            let Some(date) = self.milestone_date(m) else {
                c.push(
                    format!("{f}.date"),
                    "a date is required (only announcement and agreement-start may leave it out)",
                );
                continue;
            };
            if m.kind == Some(MilestoneKind::AgreementStart) && date != self.agreement.start {
                c.push(
                    format!("{f}.date"),
                    format!(
                        "the agreement starts on {} (agreement.start); leave this date out",
                        self.agreement.start
                    ),
                );
            }
            if let Some(u) = m.until {
                if u < date {
                    c.push(format!("{f}.until"), "must not be before the date");
                }
                if m.time.is_some() {
                    c.push(format!("{f}.time"), "a period (with `until`) has no time");
                }
            }
            let at = date.and_time(m.time.unwrap_or(NaiveTime::MIN));
            if let Some((p, prev)) = previous
                && at < prev
            {
                c.push(
                    format!("{f}.date"),
                    format!("is before planning.{p}: the planning must be in chronological order"),
                );
            }
            previous = Some((i, at));
        }

        let of = |kind: MilestoneKind| -> Vec<(usize, &Milestone)> {
            self.planning
                .iter()
                .enumerate()
                .filter(|(_, m)| m.kind == Some(kind))
                .collect()
        };
        for kind in [MilestoneKind::Submission, MilestoneKind::Opening] {
            let name = kind.name();
            match of(kind).as_slice() {
                [(i, m)] => {
                    if m.time.is_none() {
                        c.push(
                            format!("planning.{i}.time"),
                            format!("the {name} milestone needs a time"),
                        );
                    }
                }
                [] => c.push(
                    "planning",
                    format!("a milestone of kind `{name}` is required"),
                ),
                [_, (i, _), ..] => c.push(
                    format!("planning.{i}.kind"),
                    format!("only one `{name}` milestone is allowed"),
                ),
            }
        }
        for kind in [
            MilestoneKind::IntendedAward,
            MilestoneKind::Award,
            MilestoneKind::AgreementStart,
        ] {
            if let [_, (i, _), ..] = of(kind).as_slice() {
                c.push(
                    format!("planning.{i}.kind"),
                    format!("only one `{}` milestone is allowed", kind.name()),
                );
            }
        }
        let d = self.derived();
        if let (Some(s), Some(o)) = (d.submission_deadline, d.opening)
            && o <= s
        {
            c.push(
                "planning",
                "the opening must be after the submission deadline",
            );
        }

        let questions = of(MilestoneKind::Questions);
        let nvis = of(MilestoneKind::Nvi);
        if questions.is_empty() || questions.len() > 2 {
            c.push(
                "planning",
                format!(
                    "the invitation describes one or two question rounds, not {}",
                    questions.len()
                ),
            );
        }
        if questions.len() != nvis.len() {
            c.push(
                "planning",
                format!(
                    "{} question rounds but {} notas van inlichtingen",
                    questions.len(),
                    nvis.len()
                ),
            );
        }
        for (i, m) in &questions {
            if m.time.is_none() {
                c.push(
                    format!("planning.{i}.time"),
                    "a question deadline needs a time",
                );
            }
        }
        // Each round: questions, then its NvI, before the next round's questions.
        for (k, (qi, _)) in questions.iter().enumerate() {
            if let Some((ni, _)) = nvis.get(k) {
                if ni < qi {
                    c.push(
                        format!("planning.{ni}.kind"),
                        "a nota van inlichtingen must follow its question round",
                    );
                } else if let Some((next_q, _)) = questions.get(k + 1)
                    && next_q < ni
                {
                    c.push(
                        format!("planning.{next_q}.kind"),
                        "the next question round must follow the previous nota van inlichtingen",
                    );
                }
            }
        }
        if let (Some(last), Some(sub)) = (d.last_nvi, d.submission_deadline)
            && last >= sub.date()
        {
            c.push(
                "planning",
                "the last nota van inlichtingen must come before the submission deadline",
            );
        }

        // The definitive award comes after the standstill period (day 1 is the day after the
        // intended award is sent).
        if let (Some((_, ia)), Some((ai, aw))) = (
            self.milestone(MilestoneKind::IntendedAward),
            self.milestone(MilestoneKind::Award),
        ) && let (Some(ia), Some(aw)) = (self.milestone_date(ia), self.milestone_date(aw))
        {
            let days = self.rules.standstill_days;
            let standstill_end = ia + Duration::days(days.into());
            if aw <= standstill_end {
                c.push(
                    format!("planning.{ai}.date"),
                    format!("the standstill period of {days} days after {ia} ends on {standstill_end}; the award must come after it"),
                );
            }
        }
        if let Some((ii, m)) = self.milestone(MilestoneKind::Implementation)
            && let Some(end) = m.until.or(m.date)
            && end >= self.agreement.start
        {
            c.push(
                format!("planning.{ii}.until"),
                "the implementation period must end before the agreement starts",
            );
        }
        if let Some(sub) = d.submission_deadline
            && self.date > sub.date()
        {
            c.push("date", "the document date is after the submission deadline");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::str::FromStr;

    fn bundled() -> (PathBuf, Tender) {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/tender.yaml");
        let t = crate::model::load::read_yaml::<Tender>(&path).expect("data/tender.yaml loads");
        (path, t)
    }

    #[test]
    fn bundled_data_loads_and_validates() {
        let (path, t) = bundled();
        assert_eq!(t.reference, "WIJ-2026-001");
        assert_eq!(t.planning.len(), 12);
        assert_eq!(
            t.agreement.estimated_value,
            Decimal::from_str("836000").unwrap()
        );
        assert_eq!(t.agreement.maximum_value, Decimal::from(936_000));
        assert_eq!(
            t.assignment.core_hours_per_4_weeks[0].discipline,
            "bedrijfsarts"
        );
        assert_eq!(
            t.assignment.core_hours_per_4_weeks[0].hours,
            Decimal::from(24)
        );
        assert_eq!(
            t.assignment.core_hours_per_4_weeks[1].hours,
            Decimal::from(12)
        );
        assert_eq!(t.organisation.employees, 750);
        assert_eq!(t.rules.standstill_days, 20);
        let mut out = Vec::new();
        t.validate(&path, &mut out);
        assert!(
            out.is_empty(),
            "{}",
            out.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    #[test]
    fn derived_values_of_the_bundled_tender() {
        let (_, t) = bundled();
        let d = t.derived();
        let date = |s: &str| NaiveDate::from_str(s).unwrap();
        assert_eq!(d.initial_term_years, Some(Count(2)));
        assert_eq!(d.maximum_end, Some(date("2030-12-31")));
        assert_eq!(d.question_rounds, Count(2));
        assert_eq!(d.opening_delay_minutes, Some(Count(15)));
        assert_eq!(d.last_nvi, Some(date("2026-06-29")));
        // Domain notes: all three fall on a weekend; they are computed, not moved.
        assert_eq!(d.objection_deadline, Some(date("2026-07-04")));
        assert_eq!(
            d.summary_proceedings_deadline,
            Some(date("2026-08-02").and_hms_opt(10, 0, 0).unwrap())
        );
        assert_eq!(d.bid_validity_until, Some(date("2026-11-01")));
        let texts: Vec<&str> = d.planning.iter().map(|m| m.dates_text.as_str()).collect();
        assert!(texts.contains(&"24 en 25 augustus 2026"), "{texts:?}");
        assert!(
            texts.contains(&"1 oktober 2026 t/m 31 december 2026"),
            "{texts:?}"
        );
        assert_eq!(d.planning.last().unwrap().dates_text, "1 januari 2027");
        // The announcement has no date of its own: it is the invitation's date.
        assert_eq!(t.planning[0].kind, Some(MilestoneKind::Announcement));
        assert_eq!(t.planning[0].date, None);
        assert_eq!(d.planning[0].date, Some(t.date));
        assert_eq!(d.planning[0].dates_text, "26 mei 2026");
        assert_eq!(t.maximum_term_years(), Some(4));
        let facts = t.placeholder_facts();
        assert_eq!(facts["agreement.maximum_term_years:words"], "vier");
        assert_eq!(facts["procedure.platform"], "TenderNed");
        assert!(
            d.definitions[2].ends_with("en op TenderNed."),
            "{:?}",
            d.definitions
        );
        assert_eq!(t.insert_count(Insert::OptionalServices), 1);
        assert_eq!(t.insert_count(Insert::CoreHours), 1);
        let profile = serde_json::to_string(&d.organisation_profile).unwrap();
        assert!(profile.contains("in 2018 ontstaan"), "{profile}");
        assert!(profile.contains("Onze tien WIJ-locaties"), "{profile}");
        assert!(profile.contains("circa 750 medewerkers"), "{profile}");
        assert!(!profile.contains('{'), "{profile}");
        assert!(
            d.definitions[0].contains("is Stichting WIJ Groningen."),
            "{:?}",
            d.definitions
        );
        let sections = serde_json::to_string(&d.assignment_sections).unwrap();
        assert!(sections.contains(
            "Stichting WIJ Groningen (hierna: WIJ Groningen) heeft het voornemen één opdrachtnemer"
        ));
        let annexes: Vec<String> = t.annex_references().into_iter().map(|(_, k)| k).collect();
        assert!(
            annexes.contains(&"question_form".to_string()) && annexes.contains(&"uea".to_string()),
            "{annexes:?}"
        );
    }

    #[test]
    fn references_split_into_segments() {
        assert_eq!(
            parse_refs("Zie paragraaf {ref:sec-uea} en zie bijlage {annex:uea}").unwrap(),
            vec![
                RefSegment::Text("Zie paragraaf ".into()),
                RefSegment::Section("sec-uea".into()),
                RefSegment::Text(" en zie bijlage ".into()),
                RefSegment::Annex("uea".into()),
            ]
        );
        assert_eq!(
            parse_refs("plain").unwrap(),
            vec![RefSegment::Text("plain".into())]
        );
        assert!(parse_refs("{sec-uea}").is_err());
        assert!(parse_refs("{ref:sec-uea").is_err());
        assert_eq!(
            serde_json::to_value(RefSegment::Annex("uea".into())).unwrap(),
            serde_json::json!({"annex": "uea"})
        );
    }

    #[test]
    fn placeholders() {
        let facts: BTreeMap<String, String> = [("a.b".to_string(), "x".to_string())].into();
        assert_eq!(fill("1 {a.b} 2", &facts), Ok("1 x 2".to_string()));
        assert_eq!(fill("{c}", &facts), Err(vec!["c".to_string()]));
        assert_eq!(fill("open {a.b", &facts), Err(vec!["a.b".to_string()]));
        assert_eq!(
            without_placeholders("in {organisation.founded} ontstaan"),
            "in  ontstaan"
        );
    }

    #[test]
    fn validation_catches_broken_planning_and_prose() {
        let (path, mut t) = bundled();
        t.planning.swap(1, 2);
        t.planning[3].date = None;
        t.organisation.profile.push(Block::Paragraph(
            "circa 750 medewerkers en {organisation.staff}".into(),
        ));
        t.agreement.end = NaiveDate::from_ymd_opt(2028, 6, 30).unwrap();
        t.submission.groups[0].documents[0].how = "Zie {sec-uea}".into();
        let mut out = Vec::new();
        t.validate(&path, &mut out);
        let fields: Vec<&str> = out.iter().map(|d| d.field.as_str()).collect();
        assert!(fields.contains(&"planning.3.date"), "{fields:?}");
        assert!(fields.contains(&"planning.2.date"), "{fields:?}");
        assert!(fields.contains(&"planning.1.kind"), "{fields:?}");
        assert!(
            fields
                .iter()
                .any(|f| f.starts_with("organisation.profile.")),
            "{fields:?}"
        );
        assert!(
            out.iter().any(|d| d
                .message
                .contains("unknown placeholder `{organisation.staff}`")),
            "{out:?}"
        );
        assert!(
            out.iter().any(|d| d.message.contains("a number is typed")),
            "{out:?}"
        );
        assert!(fields.contains(&"agreement.end"), "{fields:?}");
        assert!(
            fields.contains(&"submission.groups.0.documents.0.how"),
            "{fields:?}"
        );
    }

    #[test]
    fn award_must_follow_the_standstill_period() {
        let (path, mut t) = bundled();
        let award = t
            .planning
            .iter()
            .position(|m| m.kind == Some(MilestoneKind::Award))
            .unwrap();
        t.planning[award].date = NaiveDate::from_ymd_opt(2026, 9, 29);
        let mut out = Vec::new();
        t.validate(&path, &mut out);
        assert!(
            out.iter()
                .any(|d| d.field == format!("planning.{award}.date")
                    && d.message.contains("standstill")),
            "{out:?}"
        );
    }

    #[test]
    fn dates_texts() {
        let d = |s: &str| NaiveDate::from_str(s).unwrap();
        assert_eq!(dates_text(d("2026-05-26"), None), "26 mei 2026");
        assert_eq!(
            dates_text(d("2026-08-24"), Some(d("2026-08-25"))),
            "24 en 25 augustus 2026"
        );
        assert_eq!(
            dates_text(d("2026-08-31"), Some(d("2026-09-01"))),
            "31 augustus 2026 t/m 1 september 2026"
        );
        assert_eq!(
            dates_text(d("2026-10-01"), Some(d("2026-12-31"))),
            "1 oktober 2026 t/m 31 december 2026"
        );
    }
}
