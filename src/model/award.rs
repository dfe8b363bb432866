//! `data/award.yaml`: the award criteria and how bids are scored (chapter 5 of the invitation
//! to tender). The same data drives the price form (its lines) and the award evaluation (the
//! formulas below), so what the invitation promises is what the evaluation computes.
//!
//! Totals (the quality group's points, the overall maximum) are computed here, never stored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::format;
use crate::model::requirements::Count;
use crate::model::tender::{Milestone, MilestoneKind, Tender};

/// Periods of four weeks in a year: volumes given "per 4 weken" are multiplied by this.
pub const FOUR_WEEK_PERIODS_PER_YEAR: u32 = 13;

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
    pub fn volume_per_year(&self) -> Option<Decimal> {
        match self.volume? {
            Volume::Per4Weeks(v) => Some(v * Decimal::from(FOUR_WEEK_PERIODS_PER_YEAR)),
            Volume::PerYear(v) => Some(v),
            Volume::Once(_) => None,
        }
    }

    /// The volume the total tender price uses over `years`: yearly volume × years, or the
    /// one-off volume. `None` for lines without a volume.
    pub fn volume_over(&self, years: u32) -> Option<Decimal> {
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

/// Values computed from [`AwardRules`] for the templates (`award_derived`). Numbers are display
/// strings in Dutch notation.
#[derive(Debug, Clone, Serialize)]
pub struct AwardDerived {
    /// Maximum points of every criterion and sub-criterion by id (`G1` → `25`, `G2` → `75`,
    /// `G2.3` → `35`), the computed group totals included.
    pub points: BTreeMap<String, String>,
    /// Sum of the price criteria's points (`25`).
    pub price_points: String,
    /// Sum of the quality groups' points (`75`).
    pub quality_points: String,
    /// The overall maximum (`100`).
    pub total_points: String,
    /// Highest score of the scale (`10`).
    pub scale_max: String,
    /// The scores of the scale as a Dutch list: `0, 2, 6, 8 of 10`.
    pub scale_scores: String,
    /// How many price components there are ("drie componenten").
    pub component_count: Count,
    /// Components in the total tender price: `A en B`.
    pub total_components: String,
    /// Components for which a zero price is not allowed: `A en C`.
    pub nonzero_components: String,
    /// Components for which a zero price is allowed: `B`.
    pub zero_components: String,
    /// Presentation days: `maandag 24 of dinsdag 25 augustus 2026`.
    pub presentation_dates: String,
    /// Spoken description of the price formula (the equation's alt text).
    pub price_formula_alt: String,
    /// Spoken description of the quality formula.
    pub quality_formula_alt: String,
    /// The tie-break criteria as `G2 Kwaliteit` (joined like `total_components`).
    pub tie_break_criteria: String,
    /// The price lines with their computed volumes.
    pub lines: Vec<LineDerived>,
}

/// A price line with its computed volumes (display strings).
#[derive(Debug, Clone, Serialize)]
pub struct LineDerived {
    pub id: String,
    pub component: ComponentId,
    pub description: String,
    pub unit: String,
    /// Volume per year (`312`); absent for one-off lines and lines without a volume.
    pub volume_per_year: Option<String>,
    /// Volume over the evaluation term (`1.248`), or the one-off volume; absent without volume.
    pub evaluated_volume: Option<String>,
    pub zero_allowed: bool,
    /// Whether the line counts towards the total tender price.
    pub in_total: bool,
}

/// A problem with an offered rate for one price line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateProblem {
    pub line: String,
    pub message: String,
}

impl AwardRules {
    pub fn validate(&self, file: &Path, out: &mut Vec<Diagnostic>) {
        let mut push = |field: String, msg: String| out.push(Diagnostic::new(file, field, msg));

        // Criteria: unique ids, positive points, price carries points, quality is a group.
        let mut ids = BTreeSet::new();
        if self.criteria.is_empty() {
            push(
                "criteria".into(),
                "list at least one award criterion".into(),
            );
        }
        for (i, c) in self.criteria.iter().enumerate() {
            if !ids.insert(c.id.as_str()) {
                push(
                    format!("criteria.{i}.id"),
                    format!("criterion id `{}` is used twice", c.id),
                );
            }
            match c.kind {
                CriterionKind::Price => {
                    match c.points {
                        None => push(
                            format!("criteria.{i}.points"),
                            "a price criterion needs its points".into(),
                        ),
                        Some(p) if p <= Decimal::ZERO => push(
                            format!("criteria.{i}.points"),
                            "points must be positive".into(),
                        ),
                        Some(_) => {}
                    }
                    if !c.sub_criteria.is_empty() {
                        push(
                            format!("criteria.{i}.sub_criteria"),
                            "a price criterion has no sub-criteria".into(),
                        );
                    }
                }
                CriterionKind::Quality => {
                    if c.points.is_some() {
                        push(
                            format!("criteria.{i}.points"),
                            "a quality group's points are the sum of its sub-criteria: remove this field".into(),
                        );
                    }
                    if c.sub_criteria.is_empty() {
                        push(
                            format!("criteria.{i}.sub_criteria"),
                            "a quality group needs sub-criteria".into(),
                        );
                    }
                }
            }
            for (j, s) in c.sub_criteria.iter().enumerate() {
                let at = format!("criteria.{i}.sub_criteria.{j}");
                if !ids.insert(s.id.as_str()) {
                    push(
                        format!("{at}.id"),
                        format!("criterion id `{}` is used twice", s.id),
                    );
                }
                if s.points <= Decimal::ZERO {
                    push(format!("{at}.points"), "points must be positive".into());
                }
                match (s.form, &s.page_limit) {
                    (Form::Plan, None) => push(
                        format!("{at}.page_limit"),
                        "a written plan needs a page limit".into(),
                    ),
                    (Form::Plan, Some(pl)) if pl.pages == 0 => push(
                        format!("{at}.page_limit.pages"),
                        "must be at least 1".into(),
                    ),
                    (Form::Presentation, Some(_)) => push(
                        format!("{at}.page_limit"),
                        "a presentation has no page limit".into(),
                    ),
                    _ => {}
                }
                if s.form == Form::Plan && s.points_to_address.is_empty() {
                    push(
                        format!("{at}.points_to_address"),
                        "list the points the plan must address".into(),
                    );
                }
            }
        }
        if self
            .criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Price)
            .count()
            != 1
        {
            push(
                "criteria".into(),
                "exactly one criterion must have `kind: price`".into(),
            );
        }

        // Price components: A, B, C once each.
        let mut components = BTreeMap::new();
        for (i, c) in self.price.components.iter().enumerate() {
            if components.insert(c.id, c).is_some() {
                push(
                    format!("price.components.{i}.id"),
                    format!("component {} is listed twice", c.id.as_str()),
                );
            }
        }
        if components.len() != 3 && self.price.components.len() == components.len() {
            push(
                "price.components".into(),
                "list components A, B and C".into(),
            );
        }
        if !self.price.components.iter().any(|c| c.in_total) {
            push(
                "price.components".into(),
                "at least one component must count towards the total".into(),
            );
        }
        // `price.evaluation_years` is the agreement's maximum term: tender.yaml's validation
        // reports an agreement that is not whole years.

        // Price lines: unique ids, zero rule of their component, volumes where counted.
        let mut line_ids = BTreeSet::new();
        for (i, l) in self.price.lines.iter().enumerate() {
            let at = format!("price.lines.{i}");
            if !line_ids.insert(l.id.as_str()) {
                push(
                    format!("{at}.id"),
                    format!("price line id `{}` is used twice", l.id),
                );
            }
            let Some(comp) = components.get(&l.component) else {
                push(
                    format!("{at}.component"),
                    format!("component {} is not defined", l.component.as_str()),
                );
                continue;
            };
            if l.zero_allowed != comp.zero_allowed {
                push(
                    format!("{at}.zero_allowed"),
                    format!(
                        "component {} {} a zero price: the line must say `zero_allowed: {}`",
                        comp.id.as_str(),
                        if comp.zero_allowed {
                            "allows"
                        } else {
                            "does not allow"
                        },
                        comp.zero_allowed
                    ),
                );
            }
            match l.volume {
                // Unresolved core hours: reported by `link` (or below, when not linked).
                None if l.core_hours.is_some() => {}
                None if comp.in_total => push(
                    format!("{at}.volume"),
                    format!(
                        "component {} counts towards the total price: give the line a volume",
                        comp.id.as_str()
                    ),
                ),
                Some(v) if v.amount() <= Decimal::ZERO => {
                    push(format!("{at}.volume"), "must be positive".into())
                }
                _ => {}
            }
        }
        for c in &self.price.components {
            if !self.price.lines.iter().any(|l| l.component == c.id) {
                push(
                    "price.lines".into(),
                    format!("component {} has no price lines", c.id.as_str()),
                );
            }
        }

        // Scale: unique, ascending scores, starting at 0 is not required but the top must be > 0.
        let scale = &self.quality.scale;
        if scale.is_empty() {
            push(
                "quality.scale".into(),
                "list the scores of the scale".into(),
            );
        }
        for (i, pair) in scale.windows(2).enumerate() {
            if pair[1].score <= pair[0].score {
                push(
                    format!("quality.scale.{}.score", i + 1),
                    format!(
                        "scores must be unique and ascending ({} after {})",
                        pair[1].score, pair[0].score
                    ),
                );
            }
        }
        if scale.last().is_some_and(|s| s.score == 0) {
            push(
                "quality.scale".into(),
                "the highest score must be positive".into(),
            );
        }

        // Tie-break criteria exist.
        for (i, id) in self.tie_break.criteria.iter().enumerate() {
            if !self.criteria.iter().any(|c| &c.id == id) {
                push(
                    format!("tie_break.criteria.{i}"),
                    format!("no criterion `{id}`"),
                );
            }
        }

        // The presentation days come from tender.yaml's planning (checked by `link`).
        let p = &self.presentation;
        if p.min_experts > p.max_attendees {
            push(
                "presentation.min_experts".into(),
                "cannot exceed max_attendees".into(),
            );
        }

        // Facts from tender.yaml are only there after `link`: without it the volumes of the
        // core-hours lines (and so the total tender price) would silently be missing.
        if !self.linked {
            push(
                "price.lines".into(),
                "the award rules were read without tender.yaml: load them with `Project::load` or \
                 `model::load_award` (which link the core hours and presentation days)"
                    .into(),
            );
        }
    }

    /// Resolves the facts `award.yaml` takes from `tender.yaml`, so that each is typed once:
    ///
    /// - a price line's `volume: { core_hours: <discipline> }` becomes the hours per 4 weeks of
    ///   that discipline in `assignment.core_hours_per_4_weeks` ("circa 24 uur per 4 weken");
    /// - `presentation.dates` are the days of the planning's `presentation` milestone (its
    ///   `date` through `until`);
    /// - `price.evaluation_years` is the agreement's maximum term (2 + 1 × 2 = 4 years);
    /// - placeholders in the descriptive texts (`{organisation.short_name}`,
    ///   `{agreement.maximum_term_years:words}`) are filled in from the tender's facts.
    ///
    /// Runs after deserialisation and before validation ([`crate::model::Project::load`]).
    /// An unknown discipline is reported on `award_file`
    /// (`price.lines.<i>.volume.core_hours`); a missing or repeated presentation milestone on
    /// `tender_file` (`planning`).
    pub fn link(
        &mut self,
        tender: &Tender,
        award_file: &Path,
        tender_file: &Path,
        out: &mut Vec<Diagnostic>,
    ) {
        let hours = &tender.assignment.core_hours_per_4_weeks;
        for (i, line) in self.price.lines.iter_mut().enumerate() {
            let Some(discipline) = &line.core_hours else {
                continue;
            };
            match hours.iter().find(|h| &h.discipline == discipline) {
                Some(h) => line.volume = Some(Volume::Per4Weeks(h.hours)),
                None => {
                    line.volume = None;
                    let known: Vec<&str> = hours.iter().map(|h| h.discipline.as_str()).collect();
                    out.push(Diagnostic::new(
                        award_file,
                        format!("price.lines.{i}.volume.core_hours"),
                        format!(
                            "no discipline `{discipline}` in tender.yaml \
                             assignment.core_hours_per_4_weeks (known: {})",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }

        // When the agreement is not whole years, tender.yaml's validation says so.
        self.price.evaluation_years = Count(tender.maximum_term_years().unwrap_or(0));

        let milestones: Vec<(usize, &Milestone)> = tender
            .planning
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == Some(MilestoneKind::Presentation))
            .collect();
        if let [_, (i, _), ..] = milestones.as_slice() {
            out.push(Diagnostic::new(
                tender_file,
                format!("planning.{i}.kind"),
                "only one `presentation` milestone is allowed (its `date` and `until` are the \
                 presentation days)",
            ));
        }
        self.presentation.dates = match milestones.first() {
            Some((_, m)) => match tender.milestone_date(m) {
                // A missing date is reported by the tender's own validation.
                Some(first) => first
                    .iter_days()
                    .take_while(|d| *d <= m.until.unwrap_or(first))
                    .collect(),
                None => Vec::new(),
            },
            None => {
                if let Some(s) = self
                    .quality_criteria()
                    .find(|s| s.form == Form::Presentation)
                {
                    out.push(Diagnostic::new(
                        tender_file,
                        "planning",
                        format!(
                            "award.yaml has a presentation ({}): add a planning milestone of \
                             kind `presentation` with its days (`date`, and `until` for more \
                             than one)",
                            s.id
                        ),
                    ));
                }
                Vec::new()
            }
        };
        self.fill_placeholders(tender, award_file, out);
        self.linked = true;
    }

    /// Fills `{organisation.short_name}`-style placeholders in the descriptive texts (the
    /// sub-criteria's texts, the assessment criteria, the scale, the presentation case) from
    /// the tender's facts ([`Tender::placeholder_facts`]), so a name or term is not retyped
    /// here. Unknown placeholders are reported on `award_file`.
    fn fill_placeholders(&mut self, tender: &Tender, award_file: &Path, out: &mut Vec<Diagnostic>) {
        let facts = tender.placeholder_facts();
        let mut fill =
            |field: String, text: &mut String| match crate::model::tender::fill(text, &facts) {
                Ok(filled) => *text = filled,
                Err(unknown) => {
                    let known = facts.keys().cloned().collect::<Vec<_>>().join(", ");
                    for key in unknown {
                        out.push(Diagnostic::new(
                            award_file,
                            field.clone(),
                            format!("unknown placeholder `{{{key}}}` (known: {known})"),
                        ));
                    }
                }
            };
        fn bullets(at: &str, list: &mut [Bullet], fill: &mut impl FnMut(String, &mut String)) {
            for (i, b) in list.iter_mut().enumerate() {
                if b.items.is_empty() {
                    fill(format!("{at}.{i}"), &mut b.text);
                } else {
                    fill(format!("{at}.{i}.text"), &mut b.text);
                }
                for (k, item) in b.items.iter_mut().enumerate() {
                    fill(format!("{at}.{i}.items.{k}"), item);
                }
            }
        }
        for (i, c) in self.criteria.iter_mut().enumerate() {
            for (j, sc) in c.sub_criteria.iter_mut().enumerate() {
                let at = format!("criteria.{i}.sub_criteria.{j}");
                fill(format!("{at}.intent"), &mut sc.intent);
                if let Some(d) = &mut sc.description {
                    fill(format!("{at}.description"), d);
                }
                for (k, p) in sc.points_to_address.iter_mut().enumerate() {
                    fill(format!("{at}.points_to_address.{k}"), p);
                }
            }
        }
        bullets(
            "quality.plan_criteria",
            &mut self.quality.plan_criteria,
            &mut fill,
        );
        bullets(
            "quality.presentation_criteria",
            &mut self.quality.presentation_criteria,
            &mut fill,
        );
        for (i, step) in self.quality.scale.iter_mut().enumerate() {
            fill(
                format!("quality.scale.{i}.description"),
                &mut step.description,
            );
        }
        for (i, row) in self.presentation.case.iter_mut().enumerate() {
            fill(format!("presentation.case.{i}.text"), &mut row.text);
            for (k, item) in row.items.iter_mut().enumerate() {
                fill(format!("presentation.case.{i}.items.{k}"), item);
            }
        }
        bullets(
            "presentation.explanation",
            &mut self.presentation.explanation,
            &mut fill,
        );
    }

    /// The price criterion (G1).
    pub fn price_criterion(&self) -> Option<&Criterion> {
        self.criteria
            .iter()
            .find(|c| c.kind == CriterionKind::Price)
    }

    /// Maximum price points (25).
    pub fn price_max_points(&self) -> Decimal {
        self.criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Price)
            .filter_map(|c| c.points)
            .sum()
    }

    /// The quality groups (G2).
    pub fn quality_groups(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Quality)
    }

    /// The scored quality sub-criteria in order (G2.1, G2.2, G2.3); `points` is the maximum.
    pub fn quality_criteria(&self) -> impl Iterator<Item = &SubCriterion> {
        self.quality_groups().flat_map(|c| c.sub_criteria.iter())
    }

    /// The quality sub-criterion with this id.
    pub fn quality_criterion(&self, id: &str) -> Option<&SubCriterion> {
        self.quality_criteria().find(|s| s.id == id)
    }

    /// Maximum points of a criterion: its own for price, the sum of its sub-criteria for a group.
    pub fn criterion_points(c: &Criterion) -> Decimal {
        match c.kind {
            CriterionKind::Price => c.points.unwrap_or_default(),
            CriterionKind::Quality => c.sub_criteria.iter().map(|s| s.points).sum(),
        }
    }

    /// Maximum quality points (75 = 20 + 20 + 35).
    pub fn quality_max_points(&self) -> Decimal {
        self.quality_groups().map(Self::criterion_points).sum()
    }

    /// The overall maximum (100).
    pub fn total_max_points(&self) -> Decimal {
        self.criteria.iter().map(Self::criterion_points).sum()
    }

    /// The scores of the scale, ascending (0, 2, 6, 8, 10).
    pub fn scale_scores(&self) -> Vec<u32> {
        self.quality.scale.iter().map(|s| s.score).collect()
    }

    /// The highest score of the scale (10).
    pub fn scale_max(&self) -> u32 {
        self.quality
            .scale
            .iter()
            .map(|s| s.score)
            .max()
            .unwrap_or(0)
    }

    /// The scale step for a score, if the score is on the scale.
    pub fn scale_step(&self, score: u32) -> Option<&ScaleStep> {
        self.quality.scale.iter().find(|s| s.score == score)
    }

    /// Whether this score excludes the bid (0: not answered).
    pub fn score_excludes(&self, score: u32) -> bool {
        self.scale_step(score).is_some_and(|s| s.excludes)
    }

    /// Quality points for a score: score / highest score × max points, rounded to
    /// `quality.decimals` (half away from zero).
    pub fn quality_points(&self, score: u32, max_points: Decimal) -> Decimal {
        let top = self.scale_max();
        if top == 0 {
            return Decimal::ZERO;
        }
        let raw = Decimal::from(score) / Decimal::from(top) * max_points;
        raw.round_dp_with_strategy(
            self.quality.decimals.value(),
            RoundingStrategy::MidpointAwayFromZero,
        )
    }

    /// Price points: lowest total tender price / own total tender price × the price maximum,
    /// rounded to `price.decimals` (half away from zero). `own` must be positive (a total of
    /// zero is impossible: component A does not allow zero); returns the maximum otherwise.
    pub fn price_points(&self, lowest: Decimal, own: Decimal) -> Decimal {
        let max = self.price_max_points();
        if own <= Decimal::ZERO {
            return max;
        }
        (lowest / own * max).round_dp_with_strategy(
            self.price.decimals.value(),
            RoundingStrategy::MidpointAwayFromZero,
        )
    }

    /// The component with this id.
    pub fn component(&self, id: ComponentId) -> Option<&PriceComponent> {
        self.price.components.iter().find(|c| c.id == id)
    }

    /// The price line with this id.
    pub fn line(&self, id: &str) -> Option<&PriceLine> {
        self.price.lines.iter().find(|l| l.id == id)
    }

    /// Whether a line counts towards the total tender price (its component does).
    pub fn line_in_total(&self, line: &PriceLine) -> bool {
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

    /// Checks one offered rate against the rules of 5.2: present, not negative, zero only
    /// where allowed.
    pub fn check_rate(
        &self,
        line: &PriceLine,
        rate: Option<Decimal>,
    ) -> Result<Decimal, RateProblem> {
        let problem = |m: &str| RateProblem {
            line: line.id.clone(),
            message: m.to_string(),
        };
        match rate {
            None => Err(problem(
                "no rate given (an incomplete price form makes the bid invalid)",
            )),
            Some(r) if r < Decimal::ZERO => Err(problem("negative prices are not allowed")),
            Some(r) if r.is_zero() && !line.zero_allowed => Err(problem(&format!(
                "a zero price is not allowed in component {}",
                line.component.as_str()
            ))),
            Some(r) => Ok(r),
        }
    }

    /// The total tender price: Σ evaluated volume × rate over the lines of the components in
    /// the total (A + B). `rate` gives the offered rate per line id. Every line, C included,
    /// is checked; all problems are returned.
    pub fn total_price(
        &self,
        rate: impl Fn(&str) -> Option<Decimal>,
    ) -> Result<Decimal, Vec<RateProblem>> {
        let mut total = Decimal::ZERO;
        let mut problems = Vec::new();
        for line in &self.price.lines {
            match self.check_rate(line, rate(&line.id)) {
                Ok(r) => {
                    if let Some(v) = self.evaluated_volume(line) {
                        total += v * r;
                    }
                }
                Err(p) => problems.push(p),
            }
        }
        if problems.is_empty() {
            Ok(total)
        } else {
            Err(problems)
        }
    }

    /// Values computed for the templates.
    pub fn derived(&self) -> AwardDerived {
        let mut points = BTreeMap::new();
        for c in &self.criteria {
            points.insert(c.id.clone(), format::number(Self::criterion_points(c)));
            for s in &c.sub_criteria {
                points.insert(s.id.clone(), format::number(s.points));
            }
        }
        let components_where = |pred: &dyn Fn(&PriceComponent) -> bool| {
            let mut ids: Vec<&str> = self
                .price
                .components
                .iter()
                .filter(|c| pred(c))
                .map(|c| c.id.as_str())
                .collect();
            ids.sort();
            dutch_list(&ids, "en")
        };
        let scale_scores: Vec<String> = self.scale_scores().iter().map(|s| s.to_string()).collect();
        let price_max = format::number(self.price_max_points());
        let scale_max = self.scale_max().to_string();
        let tie: Vec<String> = self
            .tie_break
            .criteria
            .iter()
            .map(|id| match self.criteria.iter().find(|c| &c.id == id) {
                Some(c) => format!("{} {}", c.id, c.title),
                None => id.clone(),
            })
            .collect();
        let tie: Vec<&str> = tie.iter().map(String::as_str).collect();
        let years = self.price.evaluation_years.value();
        AwardDerived {
            points,
            price_points: price_max.clone(),
            quality_points: format::number(self.quality_max_points()),
            total_points: format::number(self.total_max_points()),
            scale_max: scale_max.clone(),
            scale_scores: dutch_list(
                &scale_scores.iter().map(String::as_str).collect::<Vec<_>>(),
                "of",
            ),
            component_count: Count(self.price.components.len() as u32),
            total_components: components_where(&|c| c.in_total),
            nonzero_components: components_where(&|c| !c.zero_allowed),
            zero_components: components_where(&|c| c.zero_allowed),
            presentation_dates: dutch_dates(&self.presentation.dates),
            price_formula_alt: format!(
                "behaalde aantal punten is gelijk aan de laagste totale inschrijfprijs gedeeld door de eigen totale \
                 inschrijfprijs van de inschrijver, maal {price_max}"
            ),
            quality_formula_alt: format!(
                "behaalde aantal punten per onderdeel is gelijk aan de toegekende score gedeeld door {scale_max}, \
                 maal het maximaal te behalen aantal punten"
            ),
            tie_break_criteria: dutch_list(&tie, "en"),
            lines: self
                .price
                .lines
                .iter()
                .map(|l| LineDerived {
                    id: l.id.clone(),
                    component: l.component,
                    description: l.description.clone(),
                    unit: l.unit.clone(),
                    volume_per_year: l.volume_per_year().map(format::number),
                    evaluated_volume: if self.line_in_total(l) {
                        l.volume_over(years).map(format::number)
                    } else {
                        None
                    },
                    zero_allowed: l.zero_allowed,
                    in_total: self.line_in_total(l),
                })
                .collect(),
        }
    }
}

/// `A`, `A en B`, `A, B en C` (with `last` = `en` or `of`).
pub fn dutch_list(items: &[&str], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

/// Presentation days as one phrase: `maandag 24 of dinsdag 25 augustus 2026`; month and
/// year are written once per run of dates that share them.
fn dutch_dates(dates: &[NaiveDate]) -> String {
    let parts: Vec<String> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let next = dates.get(i + 1);
            let full = format::date(*d); // "24 augustus 2026"
            let mut words = full.split(' ');
            let (day, month, year) = (
                words.next().unwrap_or(""),
                words.next().unwrap_or(""),
                words.next().unwrap_or(""),
            );
            let mut s = format!("{} {day}", format::weekday(*d));
            let same_month = next.is_some_and(|n| n.month() == d.month() && n.year() == d.year());
            let same_year = next.is_some_and(|n| n.year() == d.year());
            if !same_month {
                s.push(' ');
                s.push_str(month);
            }
            if !same_year {
                s.push(' ');
                s.push_str(year);
            }
            s
        })
        .collect();
    dutch_list(&parts.iter().map(String::as_str).collect::<Vec<_>>(), "of")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::read_yaml;
    use std::str::FromStr;

    fn tender() -> Tender {
        read_yaml::<Tender>(Path::new("data/tender.yaml")).expect("data/tender.yaml loads")
    }

    /// The bundled award rules, linked to the bundled tender (as `Project::load` does).
    fn rules() -> AwardRules {
        let mut r =
            read_yaml::<AwardRules>(Path::new("data/award.yaml")).expect("data/award.yaml loads");
        let mut out = Vec::new();
        r.link(
            &tender(),
            Path::new("data/award.yaml"),
            Path::new("data/tender.yaml"),
            &mut out,
        );
        assert!(out.is_empty(), "{out:#?}");
        r
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn bundled_award_rules_validate() {
        let r = rules();
        let mut out = Vec::new();
        r.validate(Path::new("data/award.yaml"), &mut out);
        assert!(out.is_empty(), "{out:#?}");
    }

    #[test]
    fn points_add_up() {
        let r = rules();
        assert_eq!(r.price_max_points(), d("25"));
        assert_eq!(r.quality_max_points(), d("75"));
        assert_eq!(r.total_max_points(), d("100"));
        assert_eq!(r.quality_criterion("G2.3").unwrap().points, d("35"));
        let q: Vec<(&str, Decimal)> = r
            .quality_criteria()
            .map(|s| (s.id.as_str(), s.points))
            .collect();
        assert_eq!(q, [("G2.1", d("20")), ("G2.2", d("20")), ("G2.3", d("35"))]);
        let dv = r.derived();
        assert_eq!(dv.total_points, "100");
        assert_eq!(dv.quality_points, "75");
        assert_eq!(dv.points["G2.3"], "35");
        assert_eq!(dv.points["G2"], "75");
        assert_eq!(dv.points["G1"], "25");
    }

    #[test]
    fn line_volumes() {
        let r = rules();
        let a1 = r.line("A1").unwrap();
        let a2 = r.line("A2").unwrap();
        assert_eq!(a1.volume_per_year(), Some(d("312")));
        assert_eq!(a2.volume_per_year(), Some(d("156")));
        assert_eq!(r.evaluated_volume(a1), Some(d("1248")));
        assert_eq!(r.evaluated_volume(r.line("B1").unwrap()), Some(d("1")));
        assert_eq!(r.evaluated_volume(r.line("C1").unwrap()), None);
        let dv = r.derived();
        assert_eq!(dv.lines[0].volume_per_year.as_deref(), Some("312"));
        assert_eq!(dv.lines[0].evaluated_volume.as_deref(), Some("1.248"));
    }

    #[test]
    fn scale_and_formulas() {
        let r = rules();
        assert_eq!(r.scale_scores(), [0, 2, 6, 8, 10]);
        assert!(r.score_excludes(0));
        assert!(!r.score_excludes(2));
        assert_eq!(r.quality_points(8, d("35")), d("28"));
        assert_eq!(r.quality_points(6, d("20")), d("12"));
        // 100 / 120 × 25 = 20.8333… → 20.83
        assert_eq!(r.price_points(d("100000"), d("120000")), d("20.83"));
        assert_eq!(r.price_points(d("100000"), d("100000")), d("25"));
        let dv = r.derived();
        assert_eq!(dv.scale_scores, "0, 2, 6, 8 of 10");
        assert_eq!(dv.total_components, "A en B");
        assert_eq!(dv.nonzero_components, "A en C");
        assert_eq!(
            dv.presentation_dates,
            "maandag 24 of dinsdag 25 augustus 2026"
        );
        assert_eq!(dv.tie_break_criteria, "G2 Kwaliteit");
        assert!(dv.price_formula_alt.ends_with("maal 25"));
    }

    #[test]
    fn total_price_is_a_plus_b() {
        let r = rules();
        let rates: BTreeMap<&str, Decimal> = [
            ("A1", d("150")),
            ("A2", d("100")),
            ("A3", d("5000")),
            ("B1", d("0")),
            ("C1", d("90")),
            ("C2", d("90")),
            ("C3", d("90")),
            ("C4", d("90")),
            ("C5", d("90")),
            ("C6", d("90")),
            ("C7", d("90")),
            ("C8", d("90")),
        ]
        .into_iter()
        .collect();
        let total = r.total_price(|id| rates.get(id).copied()).unwrap();
        // (312 × 150 + 156 × 100 + 5000) × 4 + 0
        assert_eq!(total, d("269600"));
        let mut bad = rates.clone();
        bad.insert("C3", Decimal::ZERO);
        bad.insert("A1", d("-1"));
        let problems = r.total_price(|id| bad.get(id).copied()).unwrap_err();
        let lines: Vec<&str> = problems.iter().map(|p| p.line.as_str()).collect();
        assert_eq!(lines, ["A1", "C3"]);
    }

    #[test]
    fn validation_catches_inconsistencies() {
        let mut r = rules();
        r.price.lines[3].zero_allowed = false; // B1
        r.price.lines[0].zero_allowed = true; // A1
        r.price.lines[1].id = "A1".into();
        r.quality.scale.swap(1, 2);
        r.criteria[1].sub_criteria[1].id = "G2.1".into();
        r.criteria[0].points = Some(Decimal::ZERO);
        let mut out = Vec::new();
        r.validate(Path::new("data/award.yaml"), &mut out);
        let fields: BTreeSet<&str> = out.iter().map(|d| d.field.as_str()).collect();
        for f in [
            "price.lines.3.zero_allowed",
            "price.lines.0.zero_allowed",
            "price.lines.1.id",
            "quality.scale.2.score",
            "criteria.1.sub_criteria.1.id",
            "criteria.0.points",
        ] {
            assert!(fields.contains(f), "{f} not reported: {out:#?}");
        }
    }

    /// The core hours and presentation days are tender.yaml's facts, resolved by `link`.
    #[test]
    fn link_takes_facts_from_the_tender() {
        let r = rules();
        assert_eq!(
            r.line("A1").unwrap().core_hours.as_deref(),
            Some("bedrijfsarts")
        );
        assert_eq!(
            r.line("A1").unwrap().volume,
            Some(Volume::Per4Weeks(d("24")))
        );
        assert_eq!(
            r.line("A2").unwrap().volume,
            Some(Volume::Per4Weeks(d("12")))
        );
        assert_eq!(r.line("A3").unwrap().core_hours, None);
        let day = |s: &str| NaiveDate::from_str(s).unwrap();
        assert_eq!(r.presentation.dates, [day("2026-08-24"), day("2026-08-25")]);
        // 2 years + 1 extension × 2 years (tender.yaml `agreement`).
        assert_eq!(r.price.evaluation_years, Count(4));
        // Placeholders in the descriptive texts are the tender's facts.
        let context = &r.presentation.case.last().unwrap().text;
        assert!(
            context.contains("organisatie van WIJ Groningen")
                && context.contains("overeenkomst van vier jaar"),
            "{context}"
        );
        let all = serde_json::to_string(&r).unwrap();
        assert!(
            !all.contains("{organisation") && !all.contains("{agreement"),
            "{all}"
        );

        // The tender's hours change: so do the volumes (one source).
        let mut t = tender();
        t.assignment.core_hours_per_4_weeks[0].hours = d("20");
        let (award_file, tender_file) =
            (Path::new("data/award.yaml"), Path::new("data/tender.yaml"));
        let mut r = read_yaml::<AwardRules>(award_file).unwrap();
        let mut out = Vec::new();
        r.link(&t, award_file, tender_file, &mut out);
        assert!(out.is_empty(), "{out:#?}");
        assert_eq!(r.line("A1").unwrap().volume_per_year(), Some(d("260")));

        // An unknown discipline, no presentation milestone in the planning, an unknown
        // placeholder.
        t.assignment.core_hours_per_4_weeks[0].discipline = "arts".into();
        t.planning
            .retain(|m| m.kind != Some(MilestoneKind::Presentation));
        let mut r = read_yaml::<AwardRules>(award_file).unwrap();
        r.presentation.case[0]
            .text
            .push_str(" {organisation.staff}");
        let mut out = Vec::new();
        r.link(&t, award_file, tender_file, &mut out);
        let at: Vec<(&Path, &str)> = out
            .iter()
            .map(|d| (d.file.as_path(), d.field.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (award_file, "price.lines.0.volume.core_hours"),
                (tender_file, "planning"),
                (award_file, "presentation.case.0.text"),
            ],
            "{out:#?}"
        );
        assert!(
            out[2].message.contains("`{organisation.staff}`"),
            "{}",
            out[2].message
        );
        assert!(
            out[0].message.contains("`bedrijfsarts`"),
            "{}",
            out[0].message
        );
        assert!(out[1].message.contains("G2.3"), "{}", out[1].message);
        assert_eq!(r.line("A1").unwrap().volume, None);
        // Linked: the unresolved line is not reported twice.
        let mut v = Vec::new();
        r.validate(award_file, &mut v);
        assert!(v.is_empty(), "{v:#?}");
    }

    #[test]
    fn unlinked_rules_do_not_validate() {
        let r = read_yaml::<AwardRules>(Path::new("data/award.yaml")).unwrap();
        assert_eq!(r.line("A1").unwrap().volume, None);
        let mut out = Vec::new();
        r.validate(Path::new("data/award.yaml"), &mut out);
        assert!(
            out.iter()
                .any(|d| d.field == "price.lines" && d.message.contains("without tender.yaml")),
            "{out:#?}"
        );
    }

    #[test]
    fn facts_of_the_tender_are_not_accepted_in_award_yaml() {
        let text = std::fs::read_to_string("data/award.yaml").unwrap();
        let with_dates = text.replace(
            "presentation:\n",
            "presentation:\n  dates: [2026-08-24, 2026-08-25]\n",
        );
        assert_ne!(with_dates, text);
        let err =
            crate::model::load::parse_yaml::<AwardRules>(Path::new("award.yaml"), &with_dates)
                .unwrap_err()
                .to_string();
        assert!(err.contains("unknown field `dates`"), "{err}");
        let two = text.replace(
            "{ core_hours: bedrijfsarts }",
            "{ core_hours: bedrijfsarts, per_4_weeks: \"24\" }",
        );
        let err = crate::model::load::parse_yaml::<AwardRules>(Path::new("award.yaml"), &two)
            .unwrap_err()
            .to_string();
        assert!(err.contains("exactly one of"), "{err}");
    }

    #[test]
    fn plain_and_nested_bullets() {
        let r = rules();
        let last = r.quality.plan_criteria.last().unwrap();
        assert_eq!(last.items.len(), 3);
        assert!(r.quality.plan_criteria[0].items.is_empty());
    }
}
