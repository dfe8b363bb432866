//! How a criterion is written in `award.yaml`: a group with `sub_criteria`, or a quality
//! criterion scored directly with the scored fields on itself. [`CriterionIn`] reads either and
//! becomes a [`Criterion`] whose `sub_criteria` is what is scored; [`Shape`] keeps what was
//! written wrongly for validation (one clear error instead of a serde message).

use rust_decimal::Decimal;
use serde::Deserialize;

use super::{Criterion, CriterionKind, Form, PageLimit, SubCriterion};

/// How a quality criterion was written in `award.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A group with sub-criteria, or a price criterion.
    #[default]
    Group,
    /// Scored directly; the required scored fields that were not given.
    Direct { missing: Vec<&'static str> },
    /// Both `sub_criteria` and scored fields (named).
    Both(Vec<&'static str>),
    /// A quality criterion with neither.
    Neither,
    /// A price criterion with quality's scored fields (named).
    PriceWithScored(Vec<&'static str>),
}

/// A criterion as written: a group's fields and, for a directly scored quality criterion, the
/// scored fields of [`SubCriterion`].
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CriterionIn {
    id: String,
    title: String,
    kind: CriterionKind,
    #[serde(default)]
    points: Option<Decimal>,
    #[serde(default)]
    sub_criteria: Vec<SubCriterion>,
    #[serde(default)]
    full_title: Option<String>,
    #[serde(default)]
    form: Option<Form>,
    #[serde(default)]
    form_description: Option<String>,
    #[serde(default)]
    page_limit: Option<PageLimit>,
    #[serde(default)]
    intent: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    points_to_address: Vec<String>,
}

impl From<CriterionIn> for Criterion {
    fn from(c: CriterionIn) -> Self {
        // The scored fields given on the criterion itself (`points` only counts for quality:
        // a price criterion carries its points).
        let quality = c.kind == CriterionKind::Quality;
        let scored: Vec<&'static str> = [
            ("points", quality && c.points.is_some()),
            ("full_title", c.full_title.is_some()),
            ("form", c.form.is_some()),
            ("form_description", c.form_description.is_some()),
            ("page_limit", c.page_limit.is_some()),
            ("intent", c.intent.is_some()),
            ("description", c.description.is_some()),
            ("points_to_address", !c.points_to_address.is_empty()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect();
        let shape = match (quality, c.sub_criteria.is_empty(), scored.is_empty()) {
            (false, _, true) => Shape::Group,
            (false, _, false) => Shape::PriceWithScored(scored),
            (true, false, true) => Shape::Group,
            (true, false, false) => Shape::Both(scored),
            (true, true, true) => Shape::Neither,
            (true, true, false) => Shape::Direct {
                missing: [
                    ("points", c.points.is_none()),
                    ("form", c.form.is_none()),
                    ("intent", c.intent.is_none()),
                ]
                .into_iter()
                .filter_map(|(name, absent)| absent.then_some(name))
                .collect(),
            },
        };
        let direct = matches!(shape, Shape::Direct { .. });
        let sub_criteria = if direct {
            vec![SubCriterion {
                id: c.id.clone(),
                title: c.title.clone(),
                full_title: c.full_title,
                points: c.points.unwrap_or_default(),
                form: c.form.unwrap_or(Form::Plan),
                form_description: c.form_description,
                page_limit: c.page_limit,
                intent: c.intent.unwrap_or_default(),
                description: c.description,
                points_to_address: c.points_to_address,
            }]
        } else {
            c.sub_criteria
        };
        Criterion {
            id: c.id,
            title: c.title,
            kind: c.kind,
            points: if quality { None } else { c.points },
            sub_criteria,
            direct,
            shape,
        }
    }
}
