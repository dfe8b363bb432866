//! `data/award.yaml`: the award criteria and how bids are scored (chapter 5 of the invitation
//! to tender). The same data drives the price form (its lines) and the award evaluation (its
//! scoring reads the maxima and the scale from here), so what the invitation promises is what the
//! evaluation computes.
//!
//! Totals (the quality group's points, the overall maximum) are computed here, never stored.
//! [`link`] resolves the facts taken from `tender.yaml`; [`validate`] holds the rules.

mod link;
#[cfg(test)]
mod tests;
mod validate;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::requirements::Count;

/// Periods of four weeks in a year: volumes given "per 4 weken" are multiplied by this.
pub(crate) const FOUR_WEEK_PERIODS_PER_YEAR: u32 = 13;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AwardRules {
    /// The award basis, e.g. "beste prijs-kwaliteitverhouding" ("Beste PKV").
    pub basis: Basis,
    /// The award criteria in table order: one price criterion and quality groups.
    pub criteria: Vec<Criterion>,
    /// 5.2 Price: components A/B/C, the price form's lines, the evaluation term.
    pub price: Price,
    /// 5.3.1 Quality: assessment criteria, the scoring scale, rounding.
    pub quality: Quality,
    /// How equal totals are resolved (worded in section 2.7).
    pub tie_break: TieBreak,
    /// The presentation (a quality sub-criterion with `form: presentation`) and its case.
    pub presentation: Presentation,
    /// Whether [`AwardRules::link`] has resolved the facts taken from `tender.yaml`.
    #[serde(skip)]
    linked: bool,
}

/// The award basis (art. 2.114 Aw 2012).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    /// e.g. `beste prijs-kwaliteitverhouding`.
    pub name: String,
    /// e.g. `Beste PKV`.
    pub abbreviation: String,
}

/// What a criterion assesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// Scored with the price formula; carries its own points.
    Price,
    /// A group of quality sub-criteria; its points are their sum.
    Quality,
}

/// One award criterion (G1, G2) of the criteria table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// e.g. `G1`; unique over criteria and sub-criteria.
    pub id: String,
    /// e.g. `Prijs`.
    pub title: String,
    pub kind: CriterionKind,
    /// Maximum points of a price criterion. Absent for a quality group (computed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Decimal>,
    /// The sub-criteria of a quality group, in order.
    #[serde(default)]
    pub sub_criteria: Vec<SubCriterion>,
}

/// How a quality sub-criterion is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// A written plan of approach (plan van aanpak), with a page limit.
    Plan,
    /// A presentation on the presentation days (see `presentation`).
    Presentation,
}

/// A scored quality sub-criterion (G2.1, G2.2, G2.3).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubCriterion {
    /// e.g. `G2.1`.
    pub id: String,
    /// Title in the criteria table.
    pub title: String,
    /// Longer title in section 5.3, when it differs from `title`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_title: Option<String>,
    /// Maximum points.
    pub points: Decimal,
    pub form: Form,
    /// Page limit of a written plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_limit: Option<PageLimit>,
    /// What the contracting authority wants to learn from the answer (first paragraph).
    pub intent: String,
    /// What the plan describes (second paragraph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The points the plan must at least address, in order (they become its sub-headings).
    #[serde(default)]
    pub points_to_address: Vec<String>,
}

/// Page limit and layout of a written plan: "max. 6 A4 enkelzijdig, lettertype Calibri 11,
/// regelafstand 1,15".
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageLimit {
    /// Maximum number of single-sided pages.
    pub pages: u32,
    /// e.g. `A4`.
    pub paper: String,
    /// e.g. `Calibri`.
    pub font: String,
    /// Font size in points (quoted decimal, e.g. `"11"`).
    pub font_size: Decimal,
    /// Line spacing (quoted decimal, e.g. `"1.15"`).
    pub line_spacing: Decimal,
}

/// 5.2 Price.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Years over which yearly volumes are evaluated: the agreement's maximum term (initial
    /// term plus every extension) from `tender.yaml` `agreement`. Not written in `award.yaml`:
    /// filled in by [`AwardRules::link`].
    #[serde(skip_deserializing, default = "unlinked_years")]
    pub evaluation_years: Count,
    /// Price points are rounded to this many decimals.
    pub decimals: Count,
    /// Components A, B, C.
    pub components: Vec<PriceComponent>,
    /// The lines of the price form (annex D), each in one component.
    pub lines: Vec<PriceLine>,
}

fn unlinked_years() -> Count {
    Count(0)
}

/// Component letters of the price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum ComponentId {
    /// Standard services: hourly rates per discipline and yearly fixed (overhead) fees.
    A,
    /// One-off implementation.
    B,
    /// Optional services on call: priced, not part of the total.
    C,
}

impl ComponentId {
    pub fn as_str(self) -> &'static str {
        match self {
            ComponentId::A => "A",
            ComponentId::B => "B",
            ComponentId::C => "C",
        }
    }
}

/// One price component (A, B, C) and its rules.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriceComponent {
    pub id: ComponentId,
    /// e.g. `Kosten voor standaarddienstverlening`.
    pub title: String,
    /// What is priced: "U dient een prijs te offrenen voor <offer>".
    pub offer: String,
    /// Requirement number in the programme of requirements this component prices ("zie eis 58").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<u32>,
    /// A sentence after the offer, e.g. on hourly rates and yearly fees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether the component counts towards the total tender price.
    pub in_total: bool,
    /// Whether a zero price is allowed (negative prices never are).
    pub zero_allowed: bool,
}

/// One line of the price form.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(from = "PriceLineIn")]
pub struct PriceLine {
    /// e.g. `A1`; unique. Bids give their rate per line id.
    pub id: String,
    pub component: ComponentId,
    /// The discipline or service, e.g. `Bedrijfsarts`.
    pub description: String,
    /// Unit of the rate: `uur`, `jaar`, `eenmalig`.
    pub unit: String,
    /// Indicative volume; required for components in the total, optional otherwise. For a
    /// line with `core_hours` it is filled in by [`AwardRules::link`] (`None` until then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<Volume>,
    /// Set when the YAML says `volume: { core_hours: bedrijfsarts }`: the volume is the hours
    /// per 4 weeks of this discipline in `tender.yaml` `assignment.core_hours_per_4_weeks`
    /// (the same fact chapter 1 prints), resolved by [`AwardRules::link`] into
    /// `volume` = [`Volume::Per4Weeks`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_hours: Option<String>,
    /// Whether a zero rate is allowed; must equal the component's rule.
    pub zero_allowed: bool,
}

/// A price line as written in `award.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PriceLineIn {
    id: String,
    component: ComponentId,
    description: String,
    unit: String,
    #[serde(default)]
    volume: Option<VolumeSpec>,
    zero_allowed: bool,
}

impl From<PriceLineIn> for PriceLine {
    fn from(l: PriceLineIn) -> Self {
        let (volume, core_hours) = match l.volume {
            None => (None, None),
            Some(VolumeSpec::Stated(v)) => (Some(v), None),
            Some(VolumeSpec::CoreHours(d)) => (None, Some(d)),
        };
        PriceLine {
            id: l.id,
            component: l.component,
            description: l.description,
            unit: l.unit,
            volume,
            core_hours,
            zero_allowed: l.zero_allowed,
        }
    }
}

/// A price line's `volume:` in YAML: a stated volume, or a reference to a discipline's core
/// hours in `tender.yaml`.
#[derive(Deserialize)]
#[serde(try_from = "VolumeIn")]
enum VolumeSpec {
    Stated(Volume),
    CoreHours(String),
}

/// An indicative volume, as the invitation states it. In YAML a map with exactly one of
/// `per_4_weeks`, `per_year`, `once`: `volume: { per_4_weeks: "24" }`; a price line may instead
/// say `volume: { core_hours: bedrijfsarts }` (see [`PriceLine::core_hours`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case", try_from = "VolumeIn")]
pub enum Volume {
    /// Units per four weeks ("circa 24 uur per 4 weken"); × 13 a year.
    #[serde(rename = "per_4_weeks")]
    Per4Weeks(Decimal),
    /// Units per year (a yearly fee: 1).
    PerYear(Decimal),
    /// Units once over the whole term (implementation: 1).
    Once(Decimal),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VolumeIn {
    #[serde(default, rename = "per_4_weeks")]
    per_4_weeks: Option<Decimal>,
    #[serde(default)]
    per_year: Option<Decimal>,
    #[serde(default)]
    once: Option<Decimal>,
    #[serde(default)]
    core_hours: Option<String>,
}

impl TryFrom<VolumeIn> for VolumeSpec {
    type Error = String;

    fn try_from(v: VolumeIn) -> Result<Self, String> {
        match (v.per_4_weeks, v.per_year, v.once, v.core_hours) {
            (Some(x), None, None, None) => Ok(VolumeSpec::Stated(Volume::Per4Weeks(x))),
            (None, Some(x), None, None) => Ok(VolumeSpec::Stated(Volume::PerYear(x))),
            (None, None, Some(x), None) => Ok(VolumeSpec::Stated(Volume::Once(x))),
            (None, None, None, Some(d)) => Ok(VolumeSpec::CoreHours(d)),
            _ => Err(
                "give exactly one of `per_4_weeks`, `per_year`, `once`, `core_hours`".to_string(),
            ),
        }
    }
}

impl TryFrom<VolumeIn> for Volume {
    type Error = String;

    fn try_from(v: VolumeIn) -> Result<Self, String> {
        match VolumeSpec::try_from(v)? {
            VolumeSpec::Stated(v) => Ok(v),
            VolumeSpec::CoreHours(_) => {
                Err("`core_hours` is only resolved in a price line's volume".to_string())
            }
        }
    }
}

impl Volume {
    fn amount(self) -> Decimal {
        match self {
            Volume::Per4Weeks(v) | Volume::PerYear(v) | Volume::Once(v) => v,
        }
    }
}

impl PriceLine {
    /// The yearly volume: per-4-week volumes × 13, yearly volumes as given; `None` for one-off
    /// lines and lines without a volume.
    pub(crate) fn volume_per_year(&self) -> Option<Decimal> {
        match self.volume? {
            Volume::Per4Weeks(v) => Some(v * Decimal::from(FOUR_WEEK_PERIODS_PER_YEAR)),
            Volume::PerYear(v) => Some(v),
            Volume::Once(_) => None,
        }
    }

    /// The volume the total tender price uses over `years`: yearly volume × years, or the
    /// one-off volume. `None` for lines without a volume.
    pub(crate) fn volume_over(&self, years: u32) -> Option<Decimal> {
        match self.volume? {
            Volume::Once(v) => Some(v),
            _ => self.volume_per_year().map(|v| v * Decimal::from(years)),
        }
    }
}

/// 5.3.1 Quality scoring.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// Points per sub-criterion are rounded to this many decimals.
    pub decimals: Count,
    /// General assessment criteria for written plans.
    pub plan_criteria: Vec<Bullet>,
    /// General assessment criteria for the presentation.
    pub presentation_criteria: Vec<Bullet>,
    /// The scoring scale, lowest score first.
    pub scale: Vec<ScaleStep>,
}

/// One step of the scoring scale.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleStep {
    /// e.g. `8`.
    pub score: u32,
    /// Label in the list of scores, e.g. `goed`.
    pub short_label: String,
    /// Label in the scale table, e.g. `Goed`.
    pub label: String,
    /// What the score means.
    pub description: String,
    /// A bid given this score is excluded from the procedure.
    #[serde(default)]
    pub excludes: bool,
}

/// How equal totals are resolved.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TieBreak {
    /// Criterion ids compared in this order; the higher points win.
    pub criteria: Vec<String>,
    /// What decides when those are equal too.
    pub then: TieFinal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieFinal {
    /// Drawing lots, with a written record (proces-verbaal).
    Lottery,
}

/// The presentation (G2.3).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Presentation {
    /// The days on which presentations take place: every day of the planning's `presentation`
    /// milestone in `tender.yaml` (`date` through `until`). Not written in `award.yaml`: filled
    /// in by [`AwardRules::link`].
    #[serde(default, skip_deserializing)]
    pub dates: Vec<NaiveDate>,
    /// Maximum length of the presentation in minutes.
    pub duration_minutes: Count,
    /// Additional minutes for questions from the contracting authority.
    pub questions_minutes: Count,
    /// Maximum number of people from the bidder.
    pub max_attendees: Count,
    /// Of whom at least this many are subject-matter experts.
    pub min_experts: Count,
    /// The case to present: labelled rows (Casus, Thema, Problematiek, …).
    pub case: Vec<CaseRow>,
    /// The explanation (toelichting) of the case.
    pub explanation: Vec<Bullet>,
}

/// One labelled row of the presentation case.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRow {
    /// e.g. `Thema`.
    pub label: String,
    pub text: String,
    /// A bullet list under the text.
    #[serde(default)]
    pub items: Vec<String>,
}

/// A list item, optionally with a nested list. In YAML either a plain string or
/// `{text, items}`; templates always see `{text, items}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(from = "BulletIn")]
pub struct Bullet {
    pub text: String,
    pub items: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BulletIn {
    Plain(String),
    Nested(NestedBullet),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NestedBullet {
    text: String,
    #[serde(default)]
    items: Vec<String>,
}

impl From<BulletIn> for Bullet {
    fn from(b: BulletIn) -> Self {
        match b {
            BulletIn::Plain(text) => Bullet {
                text,
                items: Vec::new(),
            },
            BulletIn::Nested(NestedBullet { text, items }) => Bullet { text, items },
        }
    }
}

impl AwardRules {
    /// The price criterion (G1).
    pub(crate) fn price_criterion(&self) -> Option<&Criterion> {
        self.criteria
            .iter()
            .find(|c| c.kind == CriterionKind::Price)
    }

    /// Maximum price points (25).
    pub(crate) fn price_max_points(&self) -> Decimal {
        self.criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Price)
            .filter_map(|c| c.points)
            .sum()
    }

    /// The quality groups (G2).
    pub(crate) fn quality_groups(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Quality)
    }

    /// The scored quality sub-criteria in order (G2.1, G2.2, G2.3); `points` is the maximum.
    pub(crate) fn quality_criteria(&self) -> impl Iterator<Item = &SubCriterion> {
        self.quality_groups().flat_map(|c| c.sub_criteria.iter())
    }

    /// The quality sub-criterion with this id.
    pub(crate) fn quality_criterion(&self, id: &str) -> Option<&SubCriterion> {
        self.quality_criteria().find(|s| s.id == id)
    }

    /// Maximum points of a criterion: its own for price, the sum of its sub-criteria for a group.
    pub(crate) fn criterion_points(c: &Criterion) -> Decimal {
        match c.kind {
            CriterionKind::Price => c.points.unwrap_or_default(),
            CriterionKind::Quality => c.sub_criteria.iter().map(|s| s.points).sum(),
        }
    }

    /// Maximum quality points (75 = 20 + 20 + 35).
    pub(crate) fn quality_max_points(&self) -> Decimal {
        self.quality_groups().map(Self::criterion_points).sum()
    }

    /// The overall maximum (100).
    pub(crate) fn total_max_points(&self) -> Decimal {
        self.criteria.iter().map(Self::criterion_points).sum()
    }

    /// The scores of the scale, ascending (0, 2, 6, 8, 10).
    pub(crate) fn scale_scores(&self) -> Vec<u32> {
        self.quality.scale.iter().map(|s| s.score).collect()
    }

    /// The highest score of the scale (10).
    pub(crate) fn scale_max(&self) -> u32 {
        self.quality
            .scale
            .iter()
            .map(|s| s.score)
            .max()
            .unwrap_or(0)
    }

    /// The scale step for a score, if the score is on the scale.
    pub(crate) fn scale_step(&self, score: u32) -> Option<&ScaleStep> {
        self.quality.scale.iter().find(|s| s.score == score)
    }

    /// The component with this id.
    pub(crate) fn component(&self, id: ComponentId) -> Option<&PriceComponent> {
        self.price.components.iter().find(|c| c.id == id)
    }

    /// The price line with this id.
    pub(crate) fn line(&self, id: &str) -> Option<&PriceLine> {
        self.price.lines.iter().find(|l| l.id == id)
    }

    /// Whether a line counts towards the total tender price (its component does).
    pub(crate) fn line_in_total(&self, line: &PriceLine) -> bool {
        self.component(line.component).is_some_and(|c| c.in_total)
    }

    /// The volume a line contributes to the total tender price with (`None` when the line is
    /// not in the total): yearly volume × `price.evaluation_years`, or the one-off volume.
    pub fn evaluated_volume(&self, line: &PriceLine) -> Option<Decimal> {
        if !self.line_in_total(line) {
            return None;
        }
        line.volume_over(self.price.evaluation_years.value())
    }
}
