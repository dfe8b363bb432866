//! `data/tender.yaml`: the tender itself (organisation, reference, assignment, procedure, planning).
//!
//! This file holds the facts of the invitation to tender's introduction, definitions, chapter 1
//! (the assignment, the agreement, the organisation) and chapter 2 (the procedure rules, the
//! planning, the documents to submit, the evidence after award). The wording is in
//! `templates/itt/{inleiding,hoofdstuk-1,hoofdstuk-2}.typ.tera`.
//!
//! Two small notations inside data text, both defined in [`notation`] (the docs layer resolves
//! them for the templates):
//! - placeholders in descriptive text and definitions: a number or name that is a fact of its
//!   own is written once as a field and referred to as `{organisation.employees}`
//!   (`{organisation.locations:words}` spells a count out). See [`Tender::placeholder_facts`].
//! - references in the document tables (2.5, 2.9): `{ref:sec-uea}` is the number of the
//!   section with that Typst label (`3.4`), `{annex:uea}` the letter of the annex with that key
//!   in `requirements.yaml` (`A`). See [`RefSegment`].

mod lots;
mod notation;
#[cfg(test)]
mod tests;
mod validate;

pub(crate) use validate::valid_reference;

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::format;
use crate::model::requirements::Count;

pub use lots::{AwardLimit, AwardOrder, Lot, LotRequirements, Lots};
pub use notation::RefSegment;
pub(crate) use notation::{Segment, fill, parse_refs, segments};

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tender {
    /// e.g. `GEM-2027-004`; also the output folder name.
    pub reference: String,
    /// e.g. `Schoonmaakdienstverlening`.
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
    /// Chapter 1: the division into lots, or why the contract is not divided (art. 1.5 Aw
    /// 2012). Optional to serde so that its absence is reported with the article (see
    /// [`lots`]); validation requires it.
    #[serde(default)]
    pub lots: Option<Lots>,
    /// The numbers, names and addresses of the procedure rules in chapter 2 (2.4–2.11).
    pub rules: Rules,
    /// Chapter 2.3: the planning table, in chronological order.
    pub planning: Vec<Milestone>,
    /// Chapter 2.5: the documents to submit with the tender.
    pub submission: Submission,
    /// Chapter 2.9: the evidence the provisionally successful tenderer must supply.
    pub evidence: Evidence,
    /// The authority's own named facts, used in descriptive text as `{facts.<name>}` like the
    /// built-in ones (`{facts.<name>:words}` spells a count out). A number typed into
    /// descriptive text that equals one of them is refused, as for the built-in facts.
    #[serde(default)]
    pub facts: BTreeMap<String, FactValue>,
}

/// The value of a named fact (`facts:` in tender.yaml).
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(untagged)]
pub enum FactValue {
    /// A whole number, e.g. `12` (printed `12`; `:words` gives `twaalf`).
    Count(u32),
    /// An amount in euros, `{ money: "25000" }` (printed `€ 25.000,-`).
    Money { money: Decimal },
    /// Text, e.g. `ISO 9001` or `het Centrum voor Jeugd en Gezin`.
    Text(String),
}

/// A numeric fact's value, by how it prints.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Numeric {
    Count(u32),
    Year(i32),
    Money(Decimal),
    Hours(Decimal),
}

impl Numeric {
    pub(crate) fn value(self) -> Decimal {
        match self {
            Numeric::Count(n) => Decimal::from(n),
            Numeric::Year(y) => Decimal::from(y),
            Numeric::Money(d) | Numeric::Hours(d) => d.normalize(),
        }
    }
}

/// A placeholder key part from a name: `deskundige inzetbaarheid` → `deskundige-inzetbaarheid`.
pub(crate) fn slug(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Full legal name, e.g. `Gemeente Utrecht`.
    pub name: String,
    /// Short name used in running text, e.g. `gemeente Utrecht`.
    pub short_name: String,
    /// Postal address lines (letterheads).
    pub address: Vec<String>,
    /// Visiting address lines (bezoekadres): where a writ is served (art. 45 ff. Rv: a writ is
    /// served at a person's address, never at a PO box), printed in the award letters' remedy
    /// clause.
    #[serde(default)]
    pub visiting_address: Vec<String>,
    /// The procurement department's e-mail address: disruptions (2.6) and complaints (2.12).
    pub procurement_email: String,
    /// Year the organisation was founded (placeholder `{organisation.founded}`); optional.
    #[serde(default)]
    pub founded: Option<i32>,
    /// Number of the organisation's locations (placeholders `{organisation.locations}`,
    /// `{organisation.locations:words}`); optional.
    #[serde(default)]
    pub locations: Option<Count>,
    /// Approximate number of employees (placeholder `{organisation.employees}`); optional.
    #[serde(default)]
    pub employees: Option<u32>,
    /// Chapter 1.3: the description of the organisation, as blocks (placeholders allowed).
    pub profile: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// The procedure; the templates word it per kind (announcement, who may tender, the
    /// standstill and the remedy), through `tender_derived.procedure`.
    pub kind: ProcedureKind,
    /// The kind of contract (cover, introduction): `diensten`, `leveringen` or `werken`.
    pub contract_type: ContractType,
    /// The form of the agreement (cover, 1.2): `overeenkomst` or `raamovereenkomst` (with
    /// `agreement.contractors` parties).
    pub agreement_type: AgreementType,
    /// The procurement law the procedure is held under.
    pub law: Law,
    /// The electronic procurement platform: messages, the digital safe, the helpdesk
    /// (e.g. `TenderNed`).
    pub platform: String,
    /// The language of the procedure and of the execution of the contract, e.g. `Nederlands`.
    pub language: String,
    /// Meervoudig onderhands only: the companies invited to tender (names; at least two).
    /// The invitation prints how many were invited, not who (the names stay internal).
    #[serde(default)]
    pub invited: Vec<String>,
    /// Why this procedure was chosen (art. 1.4 Aw 2012: the choice of procedure is reasoned;
    /// required for meervoudig onderhands, printed in chapter 2). Blocks, placeholders allowed.
    #[serde(default)]
    pub rationale: Vec<Block>,
}

/// The procedures the invitation templates can word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProcedureKind {
    /// Europese openbare procedure (Aw 2012, part 2): announced on TenderNed and TED, anyone
    /// may tender, standstill (art. 2.127) and reasoned decision (art. 2.130) by law.
    EuropeesOpenbaar,
    /// Nationale openbare procedure (below the EU thresholds; Aw 2012 part 1 and the Gids
    /// Proportionaliteit): announced on TenderNed, anyone may tender; reasons and a standstill
    /// are practice under the Gids Proportionaliteit.
    NationaalOpenbaar,
    /// Meervoudig onderhandse procedure: a few chosen companies are invited, no announcement;
    /// the choice of procedure is reasoned (art. 1.4 Aw 2012); reasons and a standstill are
    /// practice under the Gids Proportionaliteit.
    MeervoudigOnderhands,
}

impl ProcedureKind {
    /// Whether Part 2 of the Aw 2012 (the European procedures) applies: then the reasoned
    /// decision (art. 2.130), the standstill (art. 2.127) and the check of abnormally low bids
    /// (art. 2.116) are law and are cited; below the thresholds they are practice under the
    /// Gids Proportionaliteit, and the documents do not cite the European articles.
    pub fn european(self) -> bool {
        matches!(self, ProcedureKind::EuropeesOpenbaar)
    }

    /// The kinds as written in tender.yaml (for `gen init --procedure` and messages).
    pub const ALL: [(&'static str, ProcedureKind); 3] = [
        ("europees-openbaar", ProcedureKind::EuropeesOpenbaar),
        ("nationaal-openbaar", ProcedureKind::NationaalOpenbaar),
        ("meervoudig-onderhands", ProcedureKind::MeervoudigOnderhands),
    ];
}

/// The kind of public contract (art. 1.1 Aw 2012).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContractType {
    Diensten,
    Leveringen,
    Werken,
}

/// The form of the agreement concluded with the winner(s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementType {
    /// One agreement with one contractor.
    Overeenkomst,
    /// A framework agreement (art. 2.139 Aw 2012) with `agreement.contractors` parties, an
    /// estimated and a maximum value.
    Raamovereenkomst,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    /// Full name, e.g. `Aanbestedingswet 2012`.
    pub name: String,
    /// Abbreviation used with article numbers, e.g. `Aw 2012`.
    pub short: String,
}

/// A titled part of descriptive text: a heading, its blocks, and optional sub-sections (one
/// level deep).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(untagged)]
pub enum Block {
    Paragraph(String),
    List(ListBlock),
    Insert(InsertBlock),
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ListBlock {
    pub list: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InsertBlock {
    pub insert: Insert,
}

/// Lists that the template generates from structured facts at the place of the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Insert {
    /// The indicative hours per discipline ([`Assignment::core_hours_per_4_weeks`]) followed by
    /// [`Assignment::other_disciplines`].
    CoreHours,
    /// The optional services: the descriptions of `award.yaml`'s price lines of the components
    /// not in the total (the price form's lines are the one source; the template adds the list
    /// punctuation).
    OptionalServices,
}

/// A list item: plain text, or text with sub-items (`{text: ..., items: [...]}`), two levels
/// at most.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(untagged)]
pub enum Item {
    Text(String),
    Nested(NestedItem),
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NestedItem {
    pub text: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// Chapter 1.1's descriptive sections (purpose, scope, organisation of the service, ...).
    /// The structured lists below are placed with `insert` blocks.
    pub sections: Vec<Section>,
    /// Indicative average deployment of the core disciplines, in hours per 4 weeks. The price
    /// lines of `award.yaml` refer to these (`volume: { core_hours: consulent }`) and the
    /// price form computes their volumes from them.
    pub core_hours_per_4_weeks: Vec<CoreHours>,
    /// The list item after the hours, about the other disciplines (no fixed hours).
    pub other_disciplines: Option<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CoreHours {
    /// Short name of the discipline, e.g. `consulent`; unique. `award.yaml` price lines
    /// refer to it (`volume: { core_hours: consulent }`).
    pub discipline: String,
    /// How the sentence names it: "Voor de inzet van {described_as} wordt uitgegaan van ...",
    /// e.g. `de consulent`.
    pub described_as: String,
    /// Average hours per 4 weeks (approximate: the text says "circa").
    pub hours: Decimal,
    /// Added after the hours, e.g. `met flexibiliteit afhankelijk van de behoefte`.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Number of contractors the framework agreement is concluded with (placeholder
    /// `{agreement.contractors:words}`).
    pub contractors: Count,
    /// Estimated value over the initial term, excluding VAT.
    pub estimated_value: Decimal,
    /// Maximum value of the framework agreement (including extensions and optional services),
    /// excluding VAT; reaching it allows termination. Required for a raamovereenkomst.
    #[serde(default)]
    pub maximum_value: Option<Decimal>,
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

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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
    /// The court for summary proceedings, e.g. `rechtbank Midden-Nederland te Utrecht` (2.8).
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
    /// Per computed deadline, the working day it moves to when it falls on a Saturday, Sunday
    /// or Atw holiday (2.10, 2.11). Without a direction `gen check` warns and `gen --final`
    /// refuses.
    #[serde(default)]
    pub deadline_moves: DeadlineMoves,
}

/// Which way a deadline on a day that is not a working day moves: `earlier` to the previous
/// working day, `later` to the next. The Algemene termijnenwet (art. 1) extends a statutory
/// period to the next working day; for a deadline set only in the tender documents courts
/// differ, so the documents print the working day the data chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Move {
    Earlier,
    Later,
}

/// `rules.deadline_moves`: one optional direction per computed deadline.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineMoves {
    /// For `rules.objection_days_after_last_nvi`.
    pub objection: Option<Move>,
    /// For `rules.summary_proceedings_hours_before_closing`: a writ cannot be served on a
    /// Sunday or Atw holiday (art. 64 Rv), so a deadline on one cannot be met as computed.
    pub summary_proceedings: Option<Move>,
    /// For `rules.bid_validity_days`.
    pub bid_validity: Option<Move>,
}

/// A computed deadline and the working day it resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Resolved<T> {
    /// The deadline as the rule computes it.
    pub computed: T,
    /// The working day it moves to (the same when no move applies or no direction is given).
    pub resolved: T,
    /// Why the computed day is not a working day ("zaterdag", "Tweede Paasdag"), if it is not.
    pub reason: Option<&'static str>,
    /// The data's direction, if any.
    pub direction: Option<Move>,
}

impl<T: Copy + PartialEq> Resolved<T> {
    /// A non-working day without a direction: `gen --final` refuses it.
    pub fn unresolved(&self) -> bool {
        self.reason.is_some() && self.direction.is_none()
    }
    /// Whether the printed day differs from the computed one.
    pub fn moved(&self) -> bool {
        self.computed != self.resolved
    }
}

/// Moves `date` to a working day in `direction` (unchanged without one, or when it is one).
pub(crate) fn resolve_date(
    date: NaiveDate,
    direction: Option<Move>,
    holidays: &crate::calendar::Holidays,
) -> Resolved<NaiveDate> {
    let reason = holidays.non_working_reason(date);
    let mut resolved = date;
    if reason.is_some()
        && let Some(d) = direction
    {
        let step = match d {
            Move::Earlier => Duration::days(-1),
            Move::Later => Duration::days(1),
        };
        while !holidays.is_working_day(resolved) {
            resolved += step;
        }
    }
    Resolved {
        computed: date,
        resolved,
        reason,
        direction,
    }
}

/// One row of the planning table.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
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
    /// The presentation days (`date` through `until`), when award.yaml has a presentation.
    Presentation,
    /// The interview days (`date` through `until`), when award.yaml has an interview.
    Interview,
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
            MilestoneKind::Interview => "interview",
            MilestoneKind::IntendedAward => "intended-award",
            MilestoneKind::Award => "award",
            MilestoneKind::Implementation => "implementation",
            MilestoneKind::AgreementStart => "agreement-start",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// "Uiterlijk": a deadline.
    Uiterlijk,
    /// "Naar verwachting": an expected date.
    NaarVerwachting,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// The tables of documents to submit; each group is a titled part of the table.
    pub groups: Vec<DocumentGroup>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentGroup {
    /// e.g. `In te dienen documenten` (references allowed: `{ref:...}`, `{annex:...}`).
    pub title: String,
    pub documents: Vec<Document>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Proof {
    /// Gedragsverklaring aanbesteden (`exclusion.certificate_of_conduct`).
    CertificateOfConduct,
    /// Verklaring betalingsgedrag nakoming fiscale verplichtingen (`exclusion.tax_statement`).
    TaxStatement,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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

impl Tender {
    /// The facts that descriptive text and definitions may refer to as `{key}`, with their
    /// printed form. `:words` gives a count in Dutch words (`{organisation.locations:words}` →
    /// `tien`). The authority's own `facts:` are `{facts.<name>}`.
    pub(crate) fn placeholder_facts(&self) -> BTreeMap<String, String> {
        let mut facts = BTreeMap::new();
        let o = &self.organisation;
        facts.insert("organisation.name".into(), o.name.clone());
        facts.insert("organisation.short_name".into(), o.short_name.clone());
        facts.insert("procedure.platform".into(), self.procedure.platform.clone());
        for (key, _, value) in self.numeric_facts() {
            let printed = match value {
                Numeric::Count(n) => {
                    facts.insert(format!("{key}:words"), format::number_words(n));
                    format::number(Decimal::from(n))
                }
                Numeric::Year(y) => y.to_string(),
                Numeric::Money(m) => format::money(m),
                Numeric::Hours(h) => format::number(h),
            };
            facts.insert(key, printed);
        }
        for (key, _, date) in self.date_facts() {
            facts.insert(key, format::date(date));
        }
        for (name, value) in &self.facts {
            if let FactValue::Text(t) = value {
                facts.insert(format!("facts.{name}"), t.clone());
            }
        }
        facts
    }

    /// The dates of this file that text may print (`{agreement.start}` → `1 januari 2027`):
    /// placeholder key, the field that defines it, the date. Typing one of them into
    /// descriptive text is refused like a numeric fact. The planning's dates are
    /// `{planning.<kind>}` for the kinds that occur once (submission, opening, intended-award,
    /// award; the first of the others).
    pub(crate) fn date_facts(&self) -> Vec<(String, String, NaiveDate)> {
        let mut out = vec![
            ("date".to_string(), "date".to_string(), self.date),
            (
                "agreement.start".into(),
                "agreement.start".into(),
                self.agreement.start,
            ),
            (
                "agreement.end".into(),
                "agreement.end".into(),
                self.agreement.end,
            ),
        ];
        for (i, m) in self.planning.iter().enumerate() {
            let (Some(kind), Some(date)) = (m.kind, self.milestone_date(m)) else {
                continue;
            };
            let key = format!("planning.{}", kind.name());
            if m.date.is_some() && !out.iter().any(|(k, _, _)| *k == key) {
                out.push((key, format!("planning.{i}.date"), date));
            }
        }
        out
    }

    /// The numeric facts of this file: placeholder key, the field that defines it, value.
    /// Descriptive text refers to them; typing one of their values into it is refused
    /// (validation), so that a changed fact cannot leave an old copy behind.
    pub(crate) fn numeric_facts(&self) -> Vec<(String, String, Numeric)> {
        let o = &self.organisation;
        let a = &self.agreement;
        let mut out: Vec<(String, String, Numeric)> = Vec::new();
        let mut own = |key: &str, value: Numeric| out.push((key.into(), key.into(), value));
        if let Some(y) = o.founded {
            own("organisation.founded", Numeric::Year(y));
        }
        if let Some(n) = o.employees {
            own("organisation.employees", Numeric::Count(n));
        }
        if let Some(n) = o.locations {
            own("organisation.locations", Numeric::Count(n.value()));
        }
        own(
            "agreement.contractors",
            Numeric::Count(a.contractors.value()),
        );
        own(
            "agreement.estimated_value",
            Numeric::Money(a.estimated_value),
        );
        if let Some(m) = a.maximum_value {
            out.push((
                "agreement.maximum_value".into(),
                "agreement.maximum_value".into(),
                Numeric::Money(m),
            ));
        }
        if let Some(years) = self.maximum_term_years() {
            out.push((
                "agreement.maximum_term_years".into(),
                "agreement.end".into(),
                Numeric::Count(years),
            ));
        }
        if let Some(years) = self.initial_term_years() {
            out.push((
                "agreement.initial_term_years".into(),
                "agreement.end".into(),
                Numeric::Count(years),
            ));
        }
        // The extensions, so that a text can say "… kan {agreement.extensions:words} keer met
        // {agreement.extension_years:words} jaar worden verlengd" without retyping them.
        for (key, n) in [
            ("agreement.extensions", a.extensions.value()),
            ("agreement.extension_years", a.extension_years.value()),
        ] {
            out.push((key.into(), key.into(), Numeric::Count(n)));
        }
        // Meervoudig onderhands: how many companies were invited (the names stay unprinted).
        if !self.procedure.invited.is_empty() {
            out.push((
                "procedure.invited".into(),
                "procedure.invited".into(),
                Numeric::Count(self.procedure.invited.len() as u32),
            ));
        }
        for (i, h) in self.assignment.core_hours_per_4_weeks.iter().enumerate() {
            out.push((
                format!("assignment.core_hours.{}", slug(&h.discipline)),
                format!("assignment.core_hours_per_4_weeks.{i}.hours"),
                Numeric::Hours(h.hours),
            ));
        }
        let r = &self.rules;
        for (key, n) in [
            ("rules.standstill_days", r.standstill_days),
            ("rules.bid_validity_days", r.bid_validity_days.value()),
            (
                "evidence.deadline_working_days",
                self.evidence.deadline_working_days,
            ),
        ] {
            out.push((key.into(), key.into(), Numeric::Count(n)));
        }
        for (name, value) in &self.facts {
            let v = match value {
                FactValue::Count(n) => Numeric::Count(*n),
                FactValue::Money { money } => Numeric::Money(*money),
                FactValue::Text(_) => continue,
            };
            out.push((format!("facts.{name}"), format!("facts.{name}"), v));
        }
        out
    }

    /// The longest the agreement can run, in whole years: the initial term plus every
    /// extension (2 + 1 × 2 = 4). `None` when the initial term is not whole years.
    pub(crate) fn maximum_term_years(&self) -> Option<u32> {
        let a = &self.agreement;
        Some(self.initial_term_years()? + a.extensions.value() * a.extension_years.value())
    }

    /// The annex keys this file refers to, with the field that does: for a check against
    /// `requirements.yaml` `annexes`.
    pub(crate) fn annex_references(&self) -> Vec<(String, String)> {
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
    pub(crate) fn insert_count(&self, insert: Insert) -> usize {
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
    pub(crate) fn milestone_date(&self, m: &Milestone) -> Option<NaiveDate> {
        match (m.date, m.kind) {
            (Some(d), _) => Some(d),
            (None, Some(MilestoneKind::AgreementStart)) => Some(self.agreement.start),
            (None, Some(MilestoneKind::Announcement)) => Some(self.date),
            (None, _) => None,
        }
    }

    /// Date and time of the first milestone of `kind`, if it has both.
    pub(crate) fn milestone_at(&self, kind: MilestoneKind) -> Option<NaiveDateTime> {
        let (_, m) = self.milestone(kind)?;
        Some(self.milestone_date(m)?.and_time(m.time?))
    }

    /// The submission deadline (closing of the digital safe).
    pub(crate) fn submission_deadline(&self) -> Option<NaiveDateTime> {
        self.milestone_at(MilestoneKind::Submission)
    }

    /// The opening of the tenders.
    pub(crate) fn opening(&self) -> Option<NaiveDateTime> {
        self.milestone_at(MilestoneKind::Opening)
    }

    /// Date of the last nota van inlichtingen.
    pub(crate) fn last_nvi(&self) -> Option<NaiveDate> {
        self.planning
            .iter()
            .filter(|m| m.kind == Some(MilestoneKind::Nvi))
            .filter_map(|m| self.milestone_date(m))
            .max()
    }

    /// Last day to object to the documents (last NvI + `rules.objection_days_after_last_nvi`).
    /// Not moved off weekends: it may fall on a Saturday (2.11).
    pub(crate) fn objection_deadline(&self) -> Option<NaiveDate> {
        self.last_nvi().and_then(|d| {
            d.checked_add_signed(Duration::days(
                self.rules.objection_days_after_last_nvi.value().into(),
            ))
        })
    }

    /// Latest moment to start summary proceedings about the documents (2.11).
    pub(crate) fn summary_proceedings_deadline(&self) -> Option<NaiveDateTime> {
        self.submission_deadline().map(|s| {
            s - Duration::hours(
                self.rules
                    .summary_proceedings_hours_before_closing
                    .value()
                    .into(),
            )
        })
    }

    /// The objection deadline on the working day `rules.deadline_moves.objection` chooses.
    pub(crate) fn objection_resolved(
        &self,
        holidays: &crate::calendar::Holidays,
    ) -> Option<Resolved<NaiveDate>> {
        self.objection_deadline()
            .map(|d| resolve_date(d, self.rules.deadline_moves.objection, holidays))
    }

    /// The summary-proceedings deadline moved by `rules.deadline_moves.summary_proceedings`,
    /// keeping its time of day (art. 64 Rv: no writ on a Sunday or Atw holiday).
    pub(crate) fn summary_proceedings_resolved(
        &self,
        holidays: &crate::calendar::Holidays,
    ) -> Option<Resolved<NaiveDateTime>> {
        self.summary_proceedings_deadline().map(|t| {
            let r = resolve_date(
                t.date(),
                self.rules.deadline_moves.summary_proceedings,
                holidays,
            );
            Resolved {
                computed: t,
                resolved: r.resolved.and_time(t.time()),
                reason: r.reason,
                direction: r.direction,
            }
        })
    }

    /// The end of the bid validity moved by `rules.deadline_moves.bid_validity`.
    pub(crate) fn bid_validity_resolved(
        &self,
        holidays: &crate::calendar::Holidays,
    ) -> Option<Resolved<NaiveDate>> {
        self.bid_validity_until()
            .map(|d| resolve_date(d, self.rules.deadline_moves.bid_validity, holidays))
    }

    /// Last day the tenders are binding (submission date + `rules.bid_validity_days`).
    pub(crate) fn bid_validity_until(&self) -> Option<NaiveDate> {
        self.submission_deadline().and_then(|s| {
            s.date()
                .checked_add_signed(Duration::days(self.rules.bid_validity_days.value().into()))
        })
    }

    /// Whole years from `agreement.start` to `agreement.end` (inclusive), if it is whole years.
    pub(crate) fn initial_term_years(&self) -> Option<u32> {
        let a = &self.agreement;
        let after_end = a.end.succ_opt()?;
        let months = (after_end.year() - a.start.year()) * 12 + after_end.month() as i32
            - a.start.month() as i32;
        if months <= 0 || months % 12 != 0 || after_end.day() != a.start.day() {
            return None;
        }
        Some((months / 12) as u32)
    }
}
