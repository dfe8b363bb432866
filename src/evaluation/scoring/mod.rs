//! The award evaluation of the seed's chapter 5 ("beste prijs-kwaliteitverhouding"), as pure
//! functions over [`Decimal`].
//!
//! Why pure and self-contained: the award letters must state each bidder's points, the winner's
//! points and the ranking, and relative price scoring means one bidder dropping out changes
//! everybody's price points. So the evaluation is always recomputed from the data (never stored or
//! patched), and everything it needs comes in as plain input types; mapping the data model onto
//! them is the caller's job.
//!
//! # The rules (seed 002, chapter 5 and §2.7)
//!
//! - Total tender price (§5.2, §5.2.1): Σ volume × rate over the price lines of components A and B.
//!   Component C (optional services) must be priced but is not part of the total. Negative rates
//!   are never allowed; zero is allowed only where the form allows it (component B); a missing
//!   rate makes the bid invalid ("Het niet invullen … leidt tot ongeldigheid"). A bid that the
//!   data marks valid but breaks one of these is a data error ([`ScoringError`]): declaring a bid
//!   invalid is a decision with a reason that belongs in the data and in the bidder's letter.
//! - Price points (§5.2.1): lowest total price / own total price × 25. The seed's printed formula
//!   is garbled (it divides by the maximum and multiplies by it again); this is its evident meaning
//!   and the lowest bid gets exactly the maximum. "Lowest" is taken over the bids that are still
//!   valid after quality scoring (a bid excluded for a 0 score does not set the lowest price).
//! - Quality points (§5.3.1): score / 10 × the criterion's maximum, scores on the scale
//!   0, 2, 6, 8, 10. A score of 0 means "niet beantwoord": "De inschrijver geeft geen antwoord en
//!   wordt uitgesloten van de aanbesteding", so such a bid is excluded (an outcome, see
//!   [`Exclusion::NotAnswered`]), not scored.
//! - Ranking (§5.1, §2.7): the highest total points wins. Equal total points: the better G2
//!   (quality) total wins; still equal: a lottery with a written record (proces-verbaal) decides,
//!   which the caller passes in as the recorded order of bidder ids.
//!
//! # Rounding points
//!
//! "Het behaalde aantal punten wordt afgerond op maximaal twee decimalen" (§5.2.1, for price) and
//! "wordt per onderdeel afgerond op maximaal twee decimalen" (§5.3.1, for each quality
//! sub-criterion). So exactly these values are rounded, each to two decimals, half away from zero
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
//! This file holds the input and output types and [`round_points`]; `price.rs` the total price,
//! the price points and the rate checks; `quality.rs` the quality points and the score checks;
//! `ranking.rs` the whole [`evaluate`] with the rule checks, the ranking, tie-break and lottery;
//! `abnormally_low.rs` the abnormally-low-price warnings; `error.rs` [`ScoringError`].

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

mod abnormally_low;
mod error;
#[cfg(test)]
mod fixtures;
mod price;
mod quality;
mod ranking;

pub use abnormally_low::AbnormallyLow;
pub(crate) use abnormally_low::abnormally_low;
pub(crate) use error::ScoringError;
pub(crate) use price::{price_points, total_price};
pub(crate) use quality::quality_points;
pub(crate) use ranking::evaluate;

/// The price components of the price form (seed §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) enum Component {
    /// Standard services: hourly rates and annual overhead. Part of the total; zero not allowed.
    A,
    /// Implementation (one-off). Part of the total; zero allowed.
    B,
    /// Optional services on call. Must be priced (zero not allowed) but not part of the total.
    C,
}

impl Component {
    /// Whether the component counts towards the total tender price ("de som van componenten A
    /// en B").
    pub(crate) fn in_total(self) -> bool {
        matches!(self, Component::A | Component::B)
    }
}

/// One line of the price form: what is priced and how often it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PriceLine {
    pub id: String,
    pub component: Component,
    /// The stated volume (hours, years, once) the rate is multiplied by.
    pub volume: Decimal,
    /// Whether a rate of zero is allowed on this line (B lines in the seed).
    pub zero_allowed: bool,
}

/// A quality sub-criterion with its maximum points (e.g. "G2.1", 20).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Criterion {
    pub id: String,
    pub max_points: Decimal,
}

/// The award rules that the evaluation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rules {
    /// Maximum price points (25 in the seed).
    pub price_max_points: Decimal,
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
    /// score / scale_max × max_points, rounded to two decimals.
    pub points: Decimal,
}

/// How a bid's place relative to bids with the same total points was decided, so a letter can
/// say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TieBreak {
    /// No other bid has the same total points.
    None,
    /// Another bid has the same total points; the quality totals differ and decided.
    Quality,
    /// Another bid has the same total points and quality total; the recorded lottery decided.
    Lottery,
    /// Tied on total points and quality below first place with no lottery for it: the bids share
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
    /// Σ volume × rate over components A and B (exact).
    pub total_price: Decimal,
    /// Rounded to two decimals.
    pub price_points: Decimal,
    /// In the order of [`Rules::criteria`].
    pub criteria: Vec<CriterionPoints>,
    /// Sum of the rounded criterion points.
    pub quality_points: Decimal,
    /// price_points + quality_points.
    pub total_points: Decimal,
    pub tie_break: TieBreak,
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
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}
