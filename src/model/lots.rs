//! Lots across the data files: the bids' side of a tender divided into lots, the checks of
//! `tender.yaml`'s lots against `award.yaml`, `requirements.yaml` and the bids, and the
//! projection of the project onto one lot ([`Project::lot`]), through which the evaluation,
//! and later the letters, run unchanged per lot.
//!
//! The lots themselves are declared in `tender.yaml` (`model::tender::Lots`). A bid in a tender
//! without lots keeps its format; in a tender with lots it names its lots under `lots:`, each
//! with its own rates and scores (a bid is assessed per lot, art. 1.5 Aw 2012):
//!
//! ```yaml
//! id: arbo-noord
//! status: valid                 # the whole bid (exclusion grounds, suitability)
//! preference: [2, 1]            # only with `award_limit.order: preference`
//! lots:
//!   1:
//!     rates: { A1: "138.00", A2: "98.00" }
//!     quality: { G2.1: { score: 8, strengths: [...], why_not_maximum: [...] } }
//!   2:
//!     status: excluded          # this lot only, e.g. its programme of requirements
//!     exclusion: { stage: programme_of_requirements, reason: ..., basis: ..., established: ..., record: ... }
//! ```

mod decision;
mod validate;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Project;
use super::award::{AwardRules, CriterionKind, Form};
use super::bids::{Assessment, Bid, Exclusion, Status};
use super::tender::Lot;

pub use decision::LotDecision;
pub(crate) use validate::validate;

/// A bid's part for one lot (`lots.<number>` in a bid file).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BidLot {
    /// `excluded` for this lot only (then `exclusion` says why); absent: the bid's status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusion: Option<Exclusion>,
    /// Offered rate per price line of this lot (`A1: "142.50"`).
    #[serde(default)]
    pub rates: BTreeMap<String, Decimal>,
    /// Per quality sub-criterion: the consensus score for this lot and its reasons.
    #[serde(default)]
    pub quality: BTreeMap<String, Assessment>,
}

impl Project {
    /// The project as one lot sees it: an undivided tender of that lot's value, the award
    /// rules with the lot's price lines and points, and the bids for that lot with the lot's
    /// rates, scores and status. `None` when the tender has no lot `number`.
    ///
    /// Everything that works on an undivided tender (the evaluation, the letters) runs on the
    /// result unchanged; the award limit across lots is applied afterwards
    /// (`evaluation::lots`).
    pub fn lot(&self, number: u32) -> Option<Project> {
        let lot = self.tender.lots.as_ref()?.lot(number)?;
        let mut p = self.clone();
        p.tender.lots = None;
        p.tender.agreement.estimated_value = lot.estimated_value;
        if lot.maximum_value.is_some() {
            p.tender.agreement.maximum_value = lot.maximum_value;
        }
        p.award = lot_award(&self.award, lot);
        p.bids = self
            .bids
            .iter()
            .filter_map(|b| lot_bid(b, number))
            .collect();
        Some(p)
    }
}

/// `award` as it applies to `lot`: only the lot's price lines (and the components that keep
/// a line), only the lot's quality criteria (a group keeps the selected sub-criteria and is
/// dropped with the last; a presentation or interview block goes with the last criterion
/// answered in it), and the lot's points where it overrides them.
pub(crate) fn lot_award(award: &AwardRules, lot: &Lot) -> AwardRules {
    let mut a = award.clone();
    if let Some(ids) = &lot.criteria {
        a.criteria.retain_mut(|c| {
            if c.kind == CriterionKind::Price || ids.contains(&c.id) {
                return true;
            }
            c.sub_criteria.retain(|s| ids.contains(&s.id));
            !c.sub_criteria.is_empty()
        });
        for form in [Form::Presentation, Form::Interview] {
            if !a.has_form(form) {
                match form {
                    Form::Presentation => a.presentation = None,
                    _ => a.interview = None,
                }
            }
        }
    }
    if let Some(ids) = &lot.price_lines {
        a.price.lines.retain(|l| ids.contains(&l.id));
        let lines = &a.price.lines;
        a.price
            .components
            .retain(|c| lines.iter().any(|l| l.component.as_ref() == Some(&c.id)));
        let optional: Vec<String> = a.optional_lines().map(|l| l.description.clone()).collect();
        a.price.optional_services.retain(|d| optional.contains(d));
    }
    for c in &mut a.criteria {
        if let (Some(p), Some(_)) = (lot.points.get(&c.id), c.points) {
            c.points = Some(*p);
        }
        for s in &mut c.sub_criteria {
            if let Some(p) = lot.points.get(&s.id) {
                s.points = *p;
            }
        }
    }
    a
}

/// `bid` as a bid for lot `number` alone, or `None` when it is not for that lot. A bid
/// excluded as a whole stays excluded; otherwise the lot's own status applies.
pub(crate) fn lot_bid(bid: &Bid, number: u32) -> Option<Bid> {
    let part = bid.lots.get(&number)?;
    let mut b = bid.clone();
    b.lots = BTreeMap::new();
    b.preference = Vec::new();
    b.rates = part.rates.clone();
    b.quality = part.quality.clone();
    if bid.status == Status::Valid
        && let Some(status) = part.status
    {
        b.status = status;
        b.exclusion = part.exclusion.clone();
    }
    Some(b)
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;
