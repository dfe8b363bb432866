//! `data/award.yaml`: the award criteria and how bids are scored (chapter 5 of the invitation
//! to tender). The same data drives the price form (its lines) and the award evaluation (its
//! scoring reads the maxima and the scale from here), so what the invitation promises is what the
//! evaluation computes.
//!
//! Totals (the quality group's points, the overall maximum) are computed here, never stored.
//! [`link`] resolves the facts taken from `tender.yaml`; [`validate`] holds the rules.

mod link;
#[cfg(test)]
mod quality_tests;
mod shape;
#[cfg(test)]
mod tests;
mod validate;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::requirements::Count;
use shape::CriterionIn;
pub(crate) use shape::Shape;

/// Periods of four weeks in a year: volumes given "per 4 weken" are multiplied by this.
pub(crate) const FOUR_WEEK_PERIODS_PER_YEAR: u32 = 13;

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AwardRules {
    /// The award basis, e.g. "beste prijs-kwaliteitverhouding" ("Beste PKV").
    pub basis: Basis,
    /// The award criteria in table order: one price criterion and quality groups.
    pub criteria: Vec<Criterion>,
    /// 5.2 Price: the components (any number, or none), the price form's lines, the evaluation term.
    pub price: Price,
    /// 5.3.1 Quality: assessment criteria, the scoring scale, rounding.
    pub quality: Quality,
    /// How equal totals are resolved (worded in section 2.7).
    pub tie_break: TieBreak,
    /// The presentation and its case: given exactly when a quality criterion has
    /// `form: presentation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presentation: Option<Session>,
    /// The interview: given exactly when a quality criterion has `form: interview`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interview: Option<Session>,
    /// Whether [`AwardRules::link`] has resolved the facts taken from `tender.yaml`.
    #[serde(skip)]
    linked: bool,
}

/// The award basis (art. 2.114 Aw 2012).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    /// e.g. `beste prijs-kwaliteitverhouding`.
    pub name: String,
    /// e.g. `Beste PKV`.
    pub abbreviation: String,
    /// What ranks the bids: points, the lowest price, or the fictitious price of gunnen op
    /// waarde.
    pub kind: BasisKind,
}

/// What ranks the bids under the award basis (art. 2.114 Aw 2012). In YAML `kind: points`,
/// `kind: lowest_price` or `kind: { value: { euros_per_point: "1000" } }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "snake_case", try_from = "KindIn")]
pub enum BasisKind {
    /// Beste prijs-kwaliteitverhouding on points: price points (by `price.method`) plus quality
    /// points; the highest total wins.
    Points,
    /// Laagste prijs (art. 2.114 lid 1 sub b): the lowest total tender price wins; no quality
    /// criteria and no price points.
    LowestPrice,
    /// Gunnen op waarde: every quality point is worth `euros_per_point` euros, deducted from
    /// the total tender price; the lowest fictitious price wins. A stated rate per point is the
    /// usual Dutch form (e.g. PIANOo's "fictieve kortingen": a criterion of 20 points at € 1.000
    /// per point is worth at most € 20.000); a score's value is score / scale maximum × the
    /// criterion's points × the rate.
    Value { euros_per_point: Decimal },
}

/// How a total tender price earns price points when the basis is `points`. In YAML
/// `method: relative`, `method: { linear: { zero_at_percent: "50" } }` (zero points at 50 %
/// above the lowest price) or `method: { linear: { zero_at_price: "250000" } }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "snake_case", try_from = "KindIn")]
pub enum PriceMethod {
    /// lowest / own × maximum.
    Relative,
    /// From the maximum at the lowest price linearly down to 0 at the stated point.
    Linear(LinearZero),
}

/// Where the linear method reaches zero points: exactly one of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum LinearZero {
    /// A total price in euros.
    ZeroAtPrice(Decimal),
    /// A percentage above the lowest total price.
    ZeroAtPercent(Decimal),
}

/// `basis.kind` and `price.method` as written: a plain name (`points`, `relative`), or a map
/// with one key and its parameters (`{ value: { euros_per_point: "1000" } }`, `{ linear: {
/// zero_at_percent: "50" } }`). serde_yaml reads an externally tagged enum only from a YAML tag
/// (`!value`), so the map form the comments promise is read here.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
enum KindIn {
    Name(String),
    Value { value: ValueIn },
    Linear { linear: LinearIn },
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ValueIn {
    euros_per_point: Decimal,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct LinearIn {
    #[serde(default)]
    zero_at_price: Option<Decimal>,
    #[serde(default)]
    zero_at_percent: Option<Decimal>,
}

impl TryFrom<KindIn> for BasisKind {
    type Error = String;

    fn try_from(k: KindIn) -> Result<Self, String> {
        match k {
            KindIn::Name(n) if n == "points" => Ok(BasisKind::Points),
            KindIn::Name(n) if n == "lowest_price" => Ok(BasisKind::LowestPrice),
            KindIn::Value { value } => Ok(BasisKind::Value {
                euros_per_point: value.euros_per_point,
            }),
            _ => Err(
                "expected `points`, `lowest_price` or `{ value: { euros_per_point: \"1000\" } }`"
                    .into(),
            ),
        }
    }
}

impl TryFrom<KindIn> for PriceMethod {
    type Error = String;

    fn try_from(k: KindIn) -> Result<Self, String> {
        match k {
            KindIn::Name(n) if n == "relative" => Ok(PriceMethod::Relative),
            KindIn::Linear { linear } => match (linear.zero_at_price, linear.zero_at_percent) {
                (Some(p), None) => Ok(PriceMethod::Linear(LinearZero::ZeroAtPrice(p))),
                (None, Some(p)) => Ok(PriceMethod::Linear(LinearZero::ZeroAtPercent(p))),
                _ => Err("give exactly one of `zero_at_price`, `zero_at_percent`".into()),
            },
            _ => Err(
                "expected `relative` or `{ linear: { zero_at_percent: \"50\" } }` (or \
                 `zero_at_price`)"
                    .into(),
            ),
        }
    }
}

fn relative() -> PriceMethod {
    PriceMethod::Relative
}

/// What a criterion assesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// Scored with the price formula; carries its own points.
    Price,
    /// Quality: a group of sub-criteria (its points are their sum), or scored directly.
    Quality,
}

/// One award criterion (G1, G2, …) of the criteria table.
///
/// A quality criterion is either a group (`sub_criteria`, each scored) or scored directly (the
/// scored fields `points`, `form`, `intent`, … on the criterion itself). Either way
/// `sub_criteria` holds what is scored: a directly scored criterion holds one item with its
/// own id and title, so every consumer walks one list of scored criteria; `direct` tells the
/// criteria table not to print it as a sub-row.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(from = "CriterionIn")]
pub struct Criterion {
    /// e.g. `G1`; unique over criteria and sub-criteria.
    pub id: String,
    /// e.g. `Prijs`.
    pub title: String,
    pub kind: CriterionKind,
    /// Maximum points of a price criterion. Absent for a quality criterion (computed from
    /// what is scored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Decimal>,
    /// What is scored, in order: a group's sub-criteria, or the directly scored criterion
    /// itself.
    pub sub_criteria: Vec<SubCriterion>,
    /// Whether the criterion is scored directly (its only scored item is itself).
    pub direct: bool,
    /// How the criterion was written, for validation (both or neither of `sub_criteria` and
    /// the scored fields, scored fields missing).
    #[serde(skip)]
    shape: Shape,
}

/// How a quality criterion is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// A written plan of approach (plan van aanpak), with an optional page limit.
    Plan,
    /// A presentation on the presentation days (the `presentation` block).
    Presentation,
    /// An interview on the interview days (the `interview` block).
    Interview,
    /// Another form, described in `form_description` (a sample, a reference project, …).
    Other,
}

/// A scored quality criterion: a sub-criterion (G2.1, G2.2, G2.3) or a directly scored
/// criterion (see [`Criterion`]).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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
    /// How the answer is given, for `form: other` ("een proefmonster van het aangeboden
    /// product").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_description: Option<String>,
    /// Page limit of a written plan (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_limit: Option<PageLimit>,
    /// What the contracting authority wants to learn from the answer (first paragraph).
    pub intent: String,
    /// What the answer describes (second paragraph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The points the answer must at least address, in order (for a plan they become its
    /// sub-headings).
    #[serde(default)]
    pub points_to_address: Vec<String>,
}

/// Page limit and layout of a written plan: "max. 6 A4 enkelzijdig, lettertype Calibri 11,
/// regelafstand 1,15".
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Years over which yearly volumes are evaluated: `evaluation_years` when `award.yaml`
    /// states it, else the agreement's maximum term (initial term plus every extension) from
    /// `tender.yaml` `agreement`; filled in by [`AwardRules::link`].
    #[serde(skip_deserializing, default = "unlinked_years")]
    pub evaluation_years: Count,
    /// The evaluation term in years as stated in `award.yaml` (`evaluation_years: 3`).
    #[serde(default, rename = "evaluation_years", skip_serializing)]
    pub stated_years: Option<Count>,
    /// How price points are computed (basis `points`); `relative` when not given.
    #[serde(default = "relative")]
    pub method: PriceMethod,
    /// Price points are rounded to this many decimals.
    pub decimals: Count,
    /// The price components, each with its own id; none (`components: []` or absent) when
    /// the price is not divided: every line then counts towards the total and the lines carry
    /// no `component`.
    #[serde(default)]
    pub components: Vec<PriceComponent>,
    /// Whether a zero rate is allowed, for a price without components (stated once here; with
    /// components each component states its own). `false` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_allowed: Option<bool>,
    /// The lines of the price form (annex D), each in one component.
    pub lines: Vec<PriceLine>,
    /// The descriptions of the lines of the components not in the total (optional services,
    /// chapter 1's `insert: optional-services`). Not written in `award.yaml`: filled in by
    /// [`AwardRules::link`] from the lines.
    #[serde(skip_deserializing)]
    pub optional_services: Vec<String>,
}

fn unlinked_years() -> Count {
    Count(0)
}

/// The id of a price component (`A`, `B`, …; any text the authority chooses).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, schemars::JsonSchema, Serialize,
)]
#[serde(transparent)]
pub struct ComponentId(pub String);

impl ComponentId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ComponentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One price component and its rules, stated once for all its lines.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PriceComponent {
    pub id: ComponentId,
    /// e.g. `Kosten voor standaarddienstverlening`.
    pub title: String,
    /// What is priced: "U dient een prijs te offreren voor <offer>".
    pub offer: String,
    /// Requirement number in the programme of requirements this component prices ("zie eis 58").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<u32>,
    /// A sentence after the offer, e.g. on hourly rates and yearly fees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether the component counts towards the total tender price.
    pub in_total: bool,
    /// Whether a zero price is allowed on its lines (negative prices never are); `false` when
    /// not given. Stated here only: every line inherits it.
    #[serde(default)]
    pub zero_allowed: bool,
}

/// One line of the price form.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(from = "PriceLineIn")]
pub struct PriceLine {
    /// e.g. `A1`; unique. Bids give their rate per line id.
    pub id: String,
    /// The line's component; `None` when the price has no components.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<ComponentId>,
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
    /// Whether a zero rate is allowed: the component's rule, filled in by
    /// [`AwardRules::link`] (a line does not state it).
    pub zero_allowed: bool,
    /// Whether the line counts towards the total tender price: the component's rule, filled in
    /// by [`AwardRules::link`].
    pub in_total: bool,
}

/// A price line as written in `award.yaml`.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct PriceLineIn {
    id: String,
    #[serde(default)]
    component: Option<ComponentId>,
    description: String,
    unit: String,
    #[serde(default)]
    volume: Option<VolumeSpec>,
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
            zero_allowed: false,
            in_total: false,
        }
    }
}

/// A price line's `volume:` in YAML: a stated volume, or a reference to a discipline's core
/// hours in `tender.yaml`.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(try_from = "VolumeIn")]
enum VolumeSpec {
    Stated(Volume),
    CoreHours(String),
}

/// An indicative volume, as the invitation states it. In YAML a map with exactly one of
/// `per_4_weeks`, `per_year`, `once`: `volume: { per_4_weeks: "24" }`; a price line may instead
/// say `volume: { core_hours: bedrijfsarts }` (see [`PriceLine::core_hours`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "snake_case", try_from = "VolumeIn")]
pub enum Volume {
    /// Units per four weeks ("circa 24 uur per 4 weken"); × 13 a year.
    #[serde(rename = "per_4_weeks")]
    Per4Weeks(Decimal),
    /// Units per year (a yearly fee: 1).
    PerYear(Decimal),
    /// Units per month; × 12 a year.
    PerMonth(Decimal),
    /// Units once over the whole term (implementation: 1).
    Once(Decimal),
    /// Units in total over the evaluation term (e.g. 37.440 hours over four years).
    Total(Decimal),
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct VolumeIn {
    #[serde(default, rename = "per_4_weeks")]
    per_4_weeks: Option<Decimal>,
    #[serde(default)]
    per_year: Option<Decimal>,
    #[serde(default)]
    per_month: Option<Decimal>,
    #[serde(default)]
    once: Option<Decimal>,
    #[serde(default)]
    total: Option<Decimal>,
    #[serde(default)]
    core_hours: Option<String>,
}

impl TryFrom<VolumeIn> for VolumeSpec {
    type Error = String;

    fn try_from(v: VolumeIn) -> Result<Self, String> {
        let stated = [
            v.per_4_weeks.map(Volume::Per4Weeks),
            v.per_year.map(Volume::PerYear),
            v.per_month.map(Volume::PerMonth),
            v.once.map(Volume::Once),
            v.total.map(Volume::Total),
        ];
        let given = stated.iter().flatten().count() + usize::from(v.core_hours.is_some());
        if given != 1 {
            return Err(
                "give exactly one of `per_4_weeks`, `per_month`, `per_year`, `once`, \
                 `total`, `core_hours`"
                    .to_string(),
            );
        }
        Ok(match (stated.into_iter().flatten().next(), v.core_hours) {
            (Some(x), _) => VolumeSpec::Stated(x),
            (None, d) => VolumeSpec::CoreHours(d.unwrap_or_default()),
        })
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
            Volume::Per4Weeks(v)
            | Volume::PerYear(v)
            | Volume::PerMonth(v)
            | Volume::Once(v)
            | Volume::Total(v) => v,
        }
    }
}

impl PriceLine {
    /// The yearly volume: per-4-week volumes × 13, monthly × 12, yearly volumes as given;
    /// `None` for one-off lines, totals over the term and lines without a volume.
    pub(crate) fn volume_per_year(&self) -> Option<Decimal> {
        match self.volume? {
            Volume::Per4Weeks(v) => Some(v * Decimal::from(FOUR_WEEK_PERIODS_PER_YEAR)),
            Volume::PerMonth(v) => Some(v * Decimal::from(12)),
            Volume::PerYear(v) => Some(v),
            Volume::Once(_) | Volume::Total(_) => None,
        }
    }

    /// The volume the total tender price uses over `years`: yearly volume × years, or the
    /// one-off or total volume as stated. `None` for lines without a volume.
    pub(crate) fn volume_over(&self, years: u32) -> Option<Decimal> {
        match self.volume? {
            Volume::Once(v) | Volume::Total(v) => Some(v),
            _ => self.volume_per_year().map(|v| v * Decimal::from(years)),
        }
    }
}

/// 5.3.1 Quality scoring.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// Points per sub-criterion are rounded to this many decimals.
    pub decimals: Count,
    /// General assessment criteria for written plans (printed when a criterion is a plan).
    #[serde(default)]
    pub plan_criteria: Vec<Bullet>,
    /// General assessment criteria for the presentation (printed when there is one).
    #[serde(default)]
    pub presentation_criteria: Vec<Bullet>,
    /// General assessment criteria for the interview (printed when there is one).
    #[serde(default)]
    pub interview_criteria: Vec<Bullet>,
    /// The scoring scale, lowest score first.
    pub scale: Vec<ScaleStep>,
}

/// One step of the scoring scale.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TieBreak {
    /// Criterion ids compared in this order; the higher points win.
    pub criteria: Vec<String>,
    /// What decides when those are equal too.
    pub then: TieFinal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TieFinal {
    /// Drawing lots, with a written record (proces-verbaal).
    Lottery,
}

/// A session where the bidder is heard: the presentation (G2.3) or the interview. The same
/// shape for both (`presentation:` and `interview:` in `award.yaml`).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The days on which the sessions take place: every day of the planning's `presentation`
    /// or `interview` milestone in `tender.yaml` (`date` through `until`). Not written in
    /// `award.yaml`: filled in by [`AwardRules::link`].
    #[serde(default, skip_deserializing)]
    pub dates: Vec<NaiveDate>,
    /// Maximum length of the presentation or interview in minutes.
    pub duration_minutes: Count,
    /// Additional minutes for questions from the contracting authority.
    pub questions_minutes: Count,
    /// Maximum number of people from the bidder.
    pub max_attendees: Count,
    /// Of whom at least this many are subject-matter experts.
    pub min_experts: Count,
    /// The case to present or discuss: labelled rows (Casus, Thema, Problematiek, …);
    /// optional.
    #[serde(default)]
    pub case: Vec<CaseRow>,
    /// The explanation (toelichting) of the case; optional.
    #[serde(default)]
    pub explanation: Vec<Bullet>,
}

/// One labelled row of a session's case.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
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
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(from = "BulletIn")]
pub struct Bullet {
    pub text: String,
    pub items: Vec<String>,
}

#[derive(Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
enum BulletIn {
    Plain(String),
    Nested(NestedBullet),
}

#[derive(Deserialize, schemars::JsonSchema)]
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

    /// The quality criteria (G2, G3, …): groups and directly scored criteria.
    pub(crate) fn quality_groups(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Quality)
    }

    /// The scored quality criteria in order (G2.1, G2.2, G2.3; a directly scored criterion
    /// under its own id); `points` is the maximum.
    pub(crate) fn quality_criteria(&self) -> impl Iterator<Item = &SubCriterion> {
        self.quality_groups().flat_map(|c| c.sub_criteria.iter())
    }

    /// The scored criteria of a criterion: a quality group's sub-criteria, or the directly
    /// scored criterion itself.
    pub(crate) fn scored_criteria_of<'a>(
        &'a self,
        c: &'a Criterion,
    ) -> impl Iterator<Item = &'a SubCriterion> {
        c.sub_criteria.iter()
    }

    /// The scored quality criterion with this id.
    pub(crate) fn quality_criterion(&self, id: &str) -> Option<&SubCriterion> {
        self.quality_criteria().find(|s| s.id == id)
    }

    /// Maximum points of a criterion: its own for price, the sum of what is scored for quality.
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

    /// Whether a quality criterion is answered in this form.
    pub(crate) fn has_form(&self, form: Form) -> bool {
        self.quality_criteria().any(|s| s.form == form)
    }

    /// The block of a session form (`presentation:` or `interview:`); `None` for other forms.
    pub(crate) fn session(&self, form: Form) -> Option<&Session> {
        match form {
            Form::Presentation => self.presentation.as_ref(),
            Form::Interview => self.interview.as_ref(),
            Form::Plan | Form::Other => None,
        }
    }

    /// The scale step for a score, if the score is on the scale.
    pub(crate) fn scale_step(&self, score: u32) -> Option<&ScaleStep> {
        self.quality.scale.iter().find(|s| s.score == score)
    }

    /// The component with this id.
    pub(crate) fn component(&self, id: &ComponentId) -> Option<&PriceComponent> {
        self.price.components.iter().find(|c| &c.id == id)
    }

    /// The lines of the components that do not count towards the total (optional services,
    /// priced on call), in price-form order: chapter 1's `insert: optional-services`.
    pub(crate) fn optional_lines(&self) -> impl Iterator<Item = &PriceLine> {
        self.price.lines.iter().filter(|l| !self.line_in_total(l))
    }

    /// The price line with this id.
    pub(crate) fn line(&self, id: &str) -> Option<&PriceLine> {
        self.price.lines.iter().find(|l| l.id == id)
    }

    /// Whether a line counts towards the total tender price: its component does, or the price
    /// has no components (then every line counts).
    pub(crate) fn line_in_total(&self, line: &PriceLine) -> bool {
        match &line.component {
            Some(id) => self.component(id).is_some_and(|c| c.in_total),
            None => true,
        }
    }

    /// Whether a zero rate is allowed on a line: its component's rule, or `price.zero_allowed`
    /// for a price without components.
    pub(crate) fn line_zero_allowed(&self, line: &PriceLine) -> bool {
        match &line.component {
            Some(id) => self.component(id).is_some_and(|c| c.zero_allowed),
            None => self.price.zero_allowed.unwrap_or(false),
        }
    }

    /// The lines of a component in price-form order; `None`: the lines without a component.
    pub(crate) fn lines_of<'a>(
        &'a self,
        component: Option<&'a ComponentId>,
    ) -> impl Iterator<Item = &'a PriceLine> {
        self.price
            .lines
            .iter()
            .filter(move |l| l.component.as_ref() == component)
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
