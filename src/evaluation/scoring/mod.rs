//! The award evaluation of the seed's chapter 5 ("beste prijs-kwaliteitverhouding"), as pure
//! functions over [`Decimal`].
//!
//! Why pure and self-contained: the award letters must state each bidder's points, the winner's
//! points and the ranking, and relative price scoring means one bidder dropping out changes
//! everybody's price points. So the evaluation is always recomputed from the data (never stored or
//! patched), and everything it needs comes in as plain input types; mapping the data model onto
//! them is the caller's job.
//!
//! # The rules (chapter 5 and §2.7 of the invitation; the bundled tender's in brackets)
//!
//! - Total tender price: Σ volume × rate over the price lines of the components that count
//!   towards the total (A and B). Components outside the total (optional services, C) must be
//!   priced but do not count. Negative rates are never allowed; zero only where the component
//!   allows it (B); a missing rate makes the bid invalid ("Het niet invullen … leidt tot
//!   ongeldigheid"). A bid that the data marks valid but breaks one of these is a data error
//!   ([`ScoringError`]): declaring a bid invalid is a decision with a reason that belongs in the
//!   data and in the bidder's letter.
//! - The award basis (art. 2.114 Aw 2012), [`Basis`]:
//!   - points (beste prijs-kwaliteitverhouding), price points by a [`PriceMethod`]: relative,
//!     lowest / own × max (the bundled tender's; the lowest bid gets exactly the maximum), or
//!     linear, from the maximum at the lowest price to 0 at a stated price or a percentage
//!     above the lowest (`method.rs`); the highest total points win;
//!   - lowest price (art. 2.114 lid 1 sub b): the lowest total price wins, no points;
//!   - gunnen op waarde: quality points are worth a stated number of euros each; the
//!     fictitious price total − quality value ranks, lowest first.
//!
//!   "Lowest" is taken over the bids that are still valid after quality scoring (a bid
//!   excluded for a 0 score does not set the lowest price).
//! - Quality points: score / scale maximum × the criterion's maximum, scores on the scale
//!   (0, 2, 6, 8, 10). A score of 0 means "niet beantwoord": "De inschrijver geeft geen antwoord
//!   en wordt uitgesloten van de aanbesteding", so such a bid is excluded (an outcome, see
//!   [`Exclusion::NotAnswered`]), not scored.
//! - Ranking (§2.7): by the basis; bids equal on it are compared on the tie-break criteria in
//!   the order the data gives them (G2, the quality total); still equal, a lottery with a
//!   written record (proces-verbaal) decides, which the caller passes in as the recorded order
//!   of bidder ids.
//!
//! # Rounding points
//!
//! "Het behaalde aantal punten wordt afgerond op maximaal twee decimalen" (§5.2.1, for price) and
//! "wordt per onderdeel afgerond op maximaal twee decimalen" (§5.3.1, for each quality
//! sub-criterion; the number of decimals comes from the data, [`Rules::price_decimals`] and
//! [`Rules::quality_decimals`]). So exactly these values are rounded, half away from zero
//! (the usual Dutch "afronden"; [`RoundingStrategy::MidpointAwayFromZero`], not rust_decimal's
//! default banker's rounding):
//!
//! 1. the price points of each bid ([`price_points`]);
//! 2. the points of each quality sub-criterion of each bid ([`quality_points`]).
//!
//! The quality total and the total points are sums of these rounded parts and are never rounded
//! again; ties are therefore judged on the rounded parts, as a bidder reading the letter would.
//! Within a part we multiply before dividing (lowest × max / own) so that a part whose exact value
//! ends in 5 at the third decimal is not turned into …4999 by an inexact intermediate quotient.
//! Total prices are exact (volume × rate, no rounding).
//!
//! # Where each rule lives
//!
//! This file holds the input and output types and [`round_to`]; `price.rs` the total price
//! and the rate checks; `method.rs` the price methods and the fictitious price; `quality.rs` the quality points and the score checks;
//! `ranking.rs` the whole [`evaluate`] with the rule checks, the ranking, tie-break and lottery;
//! `abnormally_low.rs` the abnormally-low-price warnings; `error.rs` [`ScoringError`].

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

mod abnormally_low;
mod error;
#[cfg(test)]
mod fixtures;
mod method;
mod price;
#[cfg(test)]
mod properties;
mod quality;
mod ranking;

pub use abnormally_low::AbnormallyLow;
pub(crate) use abnormally_low::abnormally_low;
pub(crate) use error::ScoringError;
pub(crate) use method::{fictitious_price, price_points, zero_price};
pub(crate) use price::total_price;
pub(crate) use quality::quality_points;
pub(crate) use ranking::evaluate;

/// One line of the price form: what is priced and how often it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PriceLine {
    pub id: String,
    /// The id of the line's price component (named in errors).
    pub component: String,
    /// Whether the line's component counts towards the total tender price (optional services
    /// are priced but do not count).
    pub in_total: bool,
    /// The stated volume (hours, years, once) the rate is multiplied by.
    pub volume: Decimal,
    /// Whether a rate of zero is allowed on this line (its component's rule).
    pub zero_allowed: bool,
}

/// A quality sub-criterion with its maximum points (e.g. "G2.1", 20).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Criterion {
    pub id: String,
    pub max_points: Decimal,
}

/// How a total price earns price points when the award is on points (art. 2.114 Aw 2012:
/// "beste prijs-kwaliteitverhouding").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PriceMethod {
    /// lowest / own × max: the lowest price gets the maximum, the others in proportion.
    Relative,
    /// Points fall linearly from the maximum at the lowest price to 0 at `zero_at`; prices at
    /// or above it get 0.
    Linear(ZeroAt),
}

/// Where the linear method reaches zero points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZeroAt {
    /// A stated total price (the "plafondprijs"), in euros.
    Price(Decimal),
    /// This percentage above the lowest total price (e.g. 50: at 1.5 × the lowest).
    PercentAbove(Decimal),
}

/// The award basis (art. 2.114 Aw 2012) and what ranks the bids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Basis {
    /// Beste prijs-kwaliteitverhouding on points: price points by the method plus quality
    /// points; the highest total wins.
    Points(PriceMethod),
    /// Laagste prijs: the lowest total price wins; there are no points.
    LowestPrice,
    /// Gunnen op waarde (a form of beste prijs-kwaliteitverhouding): each quality point is
    /// worth `euros_per_point`; the fictitious price is the total price minus the quality
    /// value in euros, and the lowest fictitious price wins.
    Value { euros_per_point: Decimal },
}

/// One tie-break criterion: compared in order when bids are equal on the award basis, the
/// better wins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TieCriterion {
    /// The criterion's id in the documents (e.g. `G2`).
    pub id: String,
    pub kind: TieKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TieKind {
    /// The price: the higher price points when the award is on points, else the lower total
    /// price.
    Price,
    /// The sum of the points of these scored quality criteria (a group's sub-criteria, or one
    /// criterion); the higher wins.
    Quality(Vec<String>),
}

/// The award rules that the evaluation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rules {
    pub basis: Basis,
    /// Maximum price points (25 in the seed; 0 when the award is not on price points).
    pub price_max_points: Decimal,
    /// Price points are rounded to this many decimals.
    pub price_decimals: u32,
    /// Each quality criterion's points are rounded to this many decimals.
    pub quality_decimals: u32,
    /// Compared in this order when bids are equal on the basis; then the lottery.
    pub tie_break: Vec<TieCriterion>,
    /// The quality sub-criteria, in the order the documents list them.
    pub criteria: Vec<Criterion>,
    /// The allowed scores (0, 2, 6, 8, 10 in the seed).
    pub scale: Vec<u32>,
    /// The score that earns the criterion's maximum (10 in the seed).
    pub scale_max: u32,
}

/// Whether a bid takes part in the award evaluation (steps 1-3 of seed §2.7 decided by the data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum BidStatus {
    Valid,
    Excluded,
}

/// One bid as the evaluation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BidInput {
    pub id: String,
    pub status: BidStatus,
    /// Offered rate per price line id.
    pub rates: BTreeMap<String, Decimal>,
    /// Consensus score per criterion id.
    pub scores: BTreeMap<String, u32>,
}

/// Points for one quality sub-criterion of one bid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionPoints {
    pub id: String,
    pub score: u32,
    pub max_points: Decimal,
    /// score / scale_max × max_points, rounded to the quality decimals.
    pub points: Decimal,
}

/// How a bid's place relative to bids with the same total points was decided, so a letter can
/// say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TieBreak {
    /// No other bid has the same total points.
    None,
    /// Another bid is equal on the award basis; the tie-break criteria differ and decided.
    Criteria,
    /// Another bid is equal on the basis and every tie-break criterion; the recorded lottery
    /// decided.
    Lottery,
    /// Tied on the basis and the tie-break criteria below first place with no lottery for it: the bids share
    /// the rank. The seed's lottery only decides "welke inschrijver voor gunning in aanmerking
    /// komt", so a tie that does not affect the winner is reported, not broken.
    Shared,
}

/// The evaluated result of a valid bid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BidResult {
    pub id: String,
    /// 1 = winner. Ranks are unique except for [`TieBreak::Shared`] bids, which share a rank
    /// (competition ranking: 1, 2, 2, 4).
    pub rank: u32,
    /// Σ volume × rate over the lines of the components in the total (exact).
    pub total_price: Decimal,
    /// Rounded to the price decimals; 0 when the basis has no price points.
    pub price_points: Decimal,
    /// In the order of [`Rules::criteria`].
    pub criteria: Vec<CriterionPoints>,
    /// Sum of the rounded criterion points.
    pub quality_points: Decimal,
    /// price_points + quality_points.
    pub total_points: Decimal,
    /// Gunnen op waarde: quality_points × euros per point.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_value: Option<Decimal>,
    /// Gunnen op waarde: total_price − quality_value, what ranks the bids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fictitious_price: Option<Decimal>,
    pub tie_break: TieBreak,
    /// Set when another bid is equal on the award basis: this bid's value on each tie-break
    /// criterion, in order (what the letters and the record show of a tie).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tie_values: Vec<TieValue>,
    /// The tie-break criterion that decided between the bids equal to this one on the basis:
    /// the first on which they differ ([`TieBreak::Criteria`], and the bids of a lottery or a
    /// shared place inside such a group); `None` when they are equal on every one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie_decided_by: Option<String>,
}

/// A bid's value on one tie-break criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TieValue {
    /// The tie-break criterion's id (e.g. `G2`).
    pub criterion: String,
    /// Points (quality, or price points under a points basis), or the total price in euros
    /// when `money`.
    pub value: Decimal,
    pub money: bool,
}

/// Why a bid was not ranked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Exclusion {
    /// The data marks the bid as excluded (its reason and stage live in the data).
    ByStatus,
    /// Scored 0 ("niet beantwoord") on these criteria, which excludes the bid (seed §5.3.1).
    NotAnswered { criteria: Vec<String> },
}

/// A bid that takes no part in the ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcludedBid {
    pub id: String,
    pub reason: Exclusion,
}

/// The outcome of the award evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// The ranked valid bids, best first.
    pub ranking: Vec<BidResult>,
    /// The bids without points or rank, in input order.
    pub excluded: Vec<ExcludedBid>,
    /// The lowest total price among the ranked bids; `None` when no bid is ranked.
    pub lowest_price: Option<Decimal>,
    /// The id of the bid ranked first; `None` when no bid is valid, so the caller can say so
    /// clearly instead of failing.
    pub winner: Option<String>,
}

/// Rounds one scoring part to two decimals, half away from zero (see the module comment).
/// The result always carries exactly two decimals (25 becomes 25.00), so it prints and
/// serialises the way the documents show points.
pub(crate) fn round_points(value: Decimal) -> Decimal {
    round_to(value, 2)
}

/// Rounds one scoring part to `decimals` decimals, half away from zero, and always carries
/// exactly that many decimals.
pub(crate) fn round_to(value: Decimal, decimals: u32) -> Decimal {
    let mut rounded =
        value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(decimals);
    rounded
}
