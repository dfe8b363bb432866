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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// The price components of the price form (seed §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Component {
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
    pub fn in_total(self) -> bool {
        matches!(self, Component::A | Component::B)
    }
}

/// One line of the price form: what is priced and how often it counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceLine {
    pub id: String,
    pub component: Component,
    /// The stated volume (hours, years, once) the rate is multiplied by.
    pub volume: Decimal,
    /// Whether a rate of zero is allowed on this line (B lines in the seed).
    pub zero_allowed: bool,
}

/// A quality sub-criterion with its maximum points (e.g. "G2.1", 20).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub id: String,
    pub max_points: Decimal,
}

/// The award rules that the evaluation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
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
pub enum BidStatus {
    Valid,
    Excluded,
}

/// One bid as the evaluation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidInput {
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

/// Why the evaluation cannot be computed from the data. Every message names the bidder and the
/// field so the data can be fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoringError {
    /// The rules themselves are inconsistent (duplicate ids, negative volume, bad scale).
    InvalidRules {
        problem: String,
    },
    /// Two bids with the same id.
    DuplicateBidder {
        bidder: String,
    },
    MissingRate {
        bidder: String,
        line: String,
    },
    NegativeRate {
        bidder: String,
        line: String,
        rate: Decimal,
    },
    ZeroRate {
        bidder: String,
        line: String,
        component: Component,
    },
    /// A rate for a price line that is not on the form (usually a typo in a line id).
    UnknownPriceLine {
        bidder: String,
        line: String,
    },
    /// The total price is zero, so price points (lowest / own) are undefined.
    ZeroTotalPrice {
        bidder: String,
    },
    ScoreNotOnScale {
        bidder: String,
        criterion: String,
        score: u32,
        scale: Vec<u32>,
    },
    MissingScore {
        bidder: String,
        criterion: String,
    },
    /// A score for a criterion that is not in the rules (usually a typo).
    UnknownCriterion {
        bidder: String,
        criterion: String,
    },
    /// Bids tied on total points and quality for first place, with no recorded lottery order
    /// covering all of them. Never resolved silently.
    UnresolvedTie {
        bidders: Vec<String>,
    },
    /// The recorded lottery names a bidder twice.
    LotteryDuplicate {
        bidder: String,
    },
    /// The recorded lottery names a bidder that has no bid.
    LotteryUnknownBidder {
        bidder: String,
    },
}

fn join<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for ScoringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScoringError::InvalidRules { problem } => write!(f, "award rules: {problem}"),
            ScoringError::DuplicateBidder { bidder } => {
                write!(f, "bidder {bidder}: more than one bid with this id")
            }
            ScoringError::MissingRate { bidder, line } => {
                write!(f, "bidder {bidder}: price line {line}: rate is missing")
            }
            ScoringError::NegativeRate { bidder, line, rate } => write!(
                f,
                "bidder {bidder}: price line {line}: rate {rate} is negative, which is not allowed"
            ),
            ScoringError::ZeroRate {
                bidder,
                line,
                component,
            } => write!(
                f,
                "bidder {bidder}: price line {line}: a zero rate is not allowed for component {component:?}"
            ),
            ScoringError::UnknownPriceLine { bidder, line } => write!(
                f,
                "bidder {bidder}: price line {line}: no such line on the price form"
            ),
            ScoringError::ZeroTotalPrice { bidder } => write!(
                f,
                "bidder {bidder}: total price is zero, so price points cannot be computed"
            ),
            ScoringError::ScoreNotOnScale {
                bidder,
                criterion,
                score,
                scale,
            } => write!(
                f,
                "bidder {bidder}: quality {criterion}: score {score} is not on the scale {}",
                join(scale)
            ),
            ScoringError::MissingScore { bidder, criterion } => {
                write!(f, "bidder {bidder}: quality {criterion}: score is missing")
            }
            ScoringError::UnknownCriterion { bidder, criterion } => write!(
                f,
                "bidder {bidder}: quality {criterion}: no such award criterion"
            ),
            ScoringError::UnresolvedTie { bidders } => write!(
                f,
                "bidders {} are tied for first place on total points and on quality; \
                 record the lottery order (proces-verbaal) to decide",
                join(bidders)
            ),
            ScoringError::LotteryDuplicate { bidder } => {
                write!(f, "lottery: bidder {bidder} appears more than once")
            }
            ScoringError::LotteryUnknownBidder { bidder } => {
                write!(f, "lottery: bidder {bidder} has no bid")
            }
        }
    }
}

impl std::error::Error for ScoringError {}

/// Rounds one scoring part to two decimals, half away from zero (see the module comment).
/// The result always carries exactly two decimals (25 becomes 25.00), so it prints and
/// serialises the way the documents show points.
pub fn round_points(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// The total tender price of one bid: Σ volume × rate over components A and B, exact.
///
/// Every line is checked, C included (it must be priced even though it does not count).
/// `bidder` is only used to name the bid in errors.
pub fn total_price(
    bidder: &str,
    lines: &[PriceLine],
    rates: &BTreeMap<String, Decimal>,
) -> Result<Decimal, ScoringError> {
    if let Some(line) = rates.keys().find(|id| !lines.iter().any(|l| &l.id == *id)) {
        return Err(ScoringError::UnknownPriceLine {
            bidder: bidder.into(),
            line: line.clone(),
        });
    }
    let mut total = Decimal::ZERO;
    for line in lines {
        let rate = *rates
            .get(&line.id)
            .ok_or_else(|| ScoringError::MissingRate {
                bidder: bidder.into(),
                line: line.id.clone(),
            })?;
        if rate < Decimal::ZERO {
            return Err(ScoringError::NegativeRate {
                bidder: bidder.into(),
                line: line.id.clone(),
                rate,
            });
        }
        if rate.is_zero() && !line.zero_allowed {
            return Err(ScoringError::ZeroRate {
                bidder: bidder.into(),
                line: line.id.clone(),
                component: line.component,
            });
        }
        if line.component.in_total() {
            total += line.volume * rate;
        }
    }
    Ok(total)
}

/// Price points: lowest / own × max, rounded to two decimals (seed §5.2.1). Computed as
/// lowest × max / own so the only inexact step is the final division.
///
/// # Panics
/// When `own` is zero; [`evaluate`] rejects a zero total price first ([`ScoringError::ZeroTotalPrice`]).
pub fn price_points(lowest: Decimal, own: Decimal, max: Decimal) -> Decimal {
    round_points(lowest * max / own)
}

/// Quality points of one sub-criterion: score / scale_max × max, rounded to two decimals
/// (seed §5.3.1). Computed as score × max / scale_max.
///
/// # Panics
/// When `scale_max` is zero; [`evaluate`] rejects such rules first.
pub fn quality_points(score: u32, scale_max: u32, max: Decimal) -> Decimal {
    round_points(Decimal::from(score) * max / Decimal::from(scale_max))
}

fn check_rules(lines: &[PriceLine], rules: &Rules) -> Result<(), ScoringError> {
    let invalid = |problem: String| Err(ScoringError::InvalidRules { problem });
    let mut seen = BTreeSet::new();
    for line in lines {
        if !seen.insert(&line.id) {
            return invalid(format!("price line {} appears more than once", line.id));
        }
        if line.volume < Decimal::ZERO {
            return invalid(format!(
                "price line {}: volume {} is negative",
                line.id, line.volume
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for c in &rules.criteria {
        if !seen.insert(&c.id) {
            return invalid(format!("criterion {} appears more than once", c.id));
        }
        if c.max_points < Decimal::ZERO {
            return invalid(format!(
                "criterion {}: maximum points {} is negative",
                c.id, c.max_points
            ));
        }
    }
    if rules.price_max_points < Decimal::ZERO {
        return invalid(format!(
            "price maximum points {} is negative",
            rules.price_max_points
        ));
    }
    if rules.scale_max == 0 {
        return invalid("the scale maximum is 0".into());
    }
    if let Some(s) = rules.scale.iter().find(|s| **s > rules.scale_max) {
        return invalid(format!(
            "scale value {s} exceeds the scale maximum {}",
            rules.scale_max
        ));
    }
    Ok(())
}

/// A valid bid after its own checks, before the relative price points are known.
struct Scored {
    id: String,
    total_price: Decimal,
    criteria: Vec<CriterionPoints>,
    quality_points: Decimal,
}

/// Checks the scores of a bid marked valid: every criterion scored, on the scale, no unknown
/// criteria. Returns the criteria scored 0 (which exclude the bid).
fn check_scores(bid: &BidInput, rules: &Rules) -> Result<Vec<String>, ScoringError> {
    if let Some(c) = bid
        .scores
        .keys()
        .find(|id| !rules.criteria.iter().any(|c| &c.id == *id))
    {
        return Err(ScoringError::UnknownCriterion {
            bidder: bid.id.clone(),
            criterion: c.clone(),
        });
    }
    let mut not_answered = Vec::new();
    for c in &rules.criteria {
        let score = *bid
            .scores
            .get(&c.id)
            .ok_or_else(|| ScoringError::MissingScore {
                bidder: bid.id.clone(),
                criterion: c.id.clone(),
            })?;
        if !rules.scale.contains(&score) {
            return Err(ScoringError::ScoreNotOnScale {
                bidder: bid.id.clone(),
                criterion: c.id.clone(),
                score,
                scale: rules.scale.clone(),
            });
        }
        if score == 0 {
            not_answered.push(c.id.clone());
        }
    }
    Ok(not_answered)
}

/// The award evaluation: points, ranking and winner (see the module comment for the rules).
///
/// `lottery` is the recorded lottery order (first drawn = best place) for bids that stay tied on
/// total points and quality; it is only consulted for such ties, and ids in it that are not part
/// of a tie are ignored. A tie for first place that the lottery does not cover is an error, never
/// a silent choice. Every bid marked [`BidStatus::Valid`] is checked completely (prices and scores)
/// before anything is ranked, so `gen check` sees data errors even in bids that a 0 score
/// excludes.
pub fn evaluate(
    lines: &[PriceLine],
    rules: &Rules,
    bids: &[BidInput],
    lottery: Option<&[String]>,
) -> Result<Evaluation, ScoringError> {
    check_rules(lines, rules)?;
    let mut ids = BTreeSet::new();
    for bid in bids {
        if !ids.insert(bid.id.as_str()) {
            return Err(ScoringError::DuplicateBidder {
                bidder: bid.id.clone(),
            });
        }
    }
    let lottery = lottery.unwrap_or(&[]);
    let mut drawn = BTreeSet::new();
    for id in lottery {
        if !ids.contains(id.as_str()) {
            return Err(ScoringError::LotteryUnknownBidder { bidder: id.clone() });
        }
        if !drawn.insert(id.as_str()) {
            return Err(ScoringError::LotteryDuplicate { bidder: id.clone() });
        }
    }

    let mut excluded = Vec::new();
    let mut scored = Vec::new();
    for bid in bids {
        if bid.status == BidStatus::Excluded {
            excluded.push(ExcludedBid {
                id: bid.id.clone(),
                reason: Exclusion::ByStatus,
            });
            continue;
        }
        let total = total_price(&bid.id, lines, &bid.rates)?;
        if total.is_zero() {
            return Err(ScoringError::ZeroTotalPrice {
                bidder: bid.id.clone(),
            });
        }
        let not_answered = check_scores(bid, rules)?;
        if !not_answered.is_empty() {
            excluded.push(ExcludedBid {
                id: bid.id.clone(),
                reason: Exclusion::NotAnswered {
                    criteria: not_answered,
                },
            });
            continue;
        }
        let criteria: Vec<CriterionPoints> = rules
            .criteria
            .iter()
            .map(|c| {
                let score = bid.scores[&c.id];
                CriterionPoints {
                    id: c.id.clone(),
                    score,
                    max_points: c.max_points,
                    points: quality_points(score, rules.scale_max, c.max_points),
                }
            })
            .collect();
        let quality_points = criteria.iter().map(|c| c.points).sum();
        scored.push(Scored {
            id: bid.id.clone(),
            total_price: total,
            criteria,
            quality_points,
        });
    }

    let lowest_price = scored.iter().map(|s| s.total_price).min();
    let mut ranking: Vec<BidResult> = scored
        .into_iter()
        .map(|s| {
            let pp = price_points(
                lowest_price.expect("there is a scored bid"),
                s.total_price,
                rules.price_max_points,
            );
            BidResult {
                id: s.id,
                rank: 0,
                total_price: s.total_price,
                price_points: pp,
                total_points: pp + s.quality_points,
                criteria: s.criteria,
                quality_points: s.quality_points,
                tie_break: TieBreak::None,
            }
        })
        .collect();

    rank(&mut ranking, lottery)?;
    let winner = ranking.first().map(|r| r.id.clone());
    Ok(Evaluation {
        ranking,
        excluded,
        lowest_price,
        winner,
    })
}

/// Sorts `ranking` best first and fills in `rank` and `tie_break`.
fn rank(ranking: &mut [BidResult], lottery: &[String]) -> Result<(), ScoringError> {
    let position = |id: &str| lottery.iter().position(|l| l == id);
    // Stable sort on points, then quality; the input order is kept inside a remaining tie until
    // the lottery is applied below.
    ranking.sort_by(|a, b| {
        b.total_points
            .cmp(&a.total_points)
            .then(b.quality_points.cmp(&a.quality_points))
    });

    // Groups of bids equal on both total points and quality.
    let mut start = 0;
    while start < ranking.len() {
        let key = (ranking[start].total_points, ranking[start].quality_points);
        let end = start
            + ranking[start..]
                .iter()
                .take_while(|r| (r.total_points, r.quality_points) == key)
                .count();
        let group = &mut ranking[start..end];
        if group.len() > 1 {
            let covered = group.iter().all(|r| position(&r.id).is_some());
            if covered {
                group.sort_by_key(|r| position(&r.id));
                group
                    .iter_mut()
                    .for_each(|r| r.tie_break = TieBreak::Lottery);
            } else if start == 0 {
                return Err(ScoringError::UnresolvedTie {
                    bidders: group.iter().map(|r| r.id.clone()).collect(),
                });
            } else {
                group
                    .iter_mut()
                    .for_each(|r| r.tie_break = TieBreak::Shared);
            }
        }
        start = end;
    }

    // Ranks, and Quality for bids that share total points with another bid but not quality.
    for i in 0..ranking.len() {
        let same_total = |j: usize| j != i && ranking[j].total_points == ranking[i].total_points;
        if ranking[i].tie_break == TieBreak::None && (0..ranking.len()).any(same_total) {
            ranking[i].tie_break = TieBreak::Quality;
        }
        ranking[i].rank = if i > 0
            && ranking[i].tie_break == TieBreak::Shared
            && ranking[i - 1].tie_break == TieBreak::Shared
            && ranking[i - 1].total_points == ranking[i].total_points
            && ranking[i - 1].quality_points == ranking[i].quality_points
        {
            ranking[i - 1].rank
        } else {
            i as u32 + 1
        };
    }
    Ok(())
}

/// A bid whose total price is suspiciously low (seed §5.2: "Abnormaal lage prijzen worden door
/// ons gecontroleerd/nagevraagd", art. 2.116 Aw 2012). A warning, not a decision: the authority
/// must ask the bidder before anything follows from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AbnormallyLow {
    pub bidder: String,
    pub total_price: Decimal,
    /// The exact average total price of the ranked bids (including this one).
    pub average: Decimal,
    /// How far below the average, in percent, rounded to two decimals (for messages only).
    pub percent_below: Decimal,
    pub threshold_percent: Decimal,
}

impl fmt::Display for AbnormallyLow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bidder {}: total price {} is {}% below the average {} of the valid bids \
             (threshold {}%): check for an abnormally low tender (art. 2.116 Aw 2012)",
            self.bidder,
            self.total_price,
            self.percent_below,
            round_points(self.average),
            self.threshold_percent
        )
    }
}

/// Ranked bids whose total price is more than `threshold_percent` below the average total price
/// of the ranked (valid) bids, in ranking order. The seed sets no threshold, so the caller
/// chooses one. The comparison is exact (own × 100 × n < Σ × (100 − N)); exactly N% below is
/// not flagged. The average includes the bid itself, so a single bid is never flagged.
pub fn abnormally_low(evaluation: &Evaluation, threshold_percent: Decimal) -> Vec<AbnormallyLow> {
    let n = Decimal::from(evaluation.ranking.len());
    if n.is_zero() {
        return Vec::new();
    }
    let sum: Decimal = evaluation.ranking.iter().map(|r| r.total_price).sum();
    let average = sum / n;
    let hundred = Decimal::ONE_HUNDRED;
    evaluation
        .ranking
        .iter()
        .filter(|r| r.total_price * hundred * n < sum * (hundred - threshold_percent))
        .map(|r| AbnormallyLow {
            bidder: r.id.clone(),
            total_price: r.total_price,
            average,
            percent_below: round_points((sum - r.total_price * n) * hundred / sum),
            threshold_percent,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn line(id: &str, component: Component, volume: &str, zero_allowed: bool) -> PriceLine {
        PriceLine {
            id: id.into(),
            component,
            volume: dec(volume),
            zero_allowed,
        }
    }

    /// A price form shaped like the seed's: A hourly rate + A annual overhead, B one-off
    /// implementation (zero allowed), C optional services (priced, not counted).
    fn seed_lines() -> Vec<PriceLine> {
        vec![
            line("A1", Component::A, "1000", false), // hours of standard service
            line("A2", Component::A, "4", false),    // years of overhead
            line("B1", Component::B, "1", true),     // implementation, once
            line("C1", Component::C, "100", false),  // optional hours
        ]
    }

    /// The seed's table §5.1: price 25, G2.1 20, G2.2 20, G2.3 35 (total 100).
    fn seed_rules() -> Rules {
        Rules {
            price_max_points: dec("25"),
            criteria: vec![
                Criterion {
                    id: "G2.1".into(),
                    max_points: dec("20"),
                },
                Criterion {
                    id: "G2.2".into(),
                    max_points: dec("20"),
                },
                Criterion {
                    id: "G2.3".into(),
                    max_points: dec("35"),
                },
            ],
            scale: vec![0, 2, 6, 8, 10],
            scale_max: 10,
        }
    }

    fn rates(pairs: &[(&str, &str)]) -> BTreeMap<String, Decimal> {
        pairs.iter().map(|(k, v)| (k.to_string(), dec(v))).collect()
    }

    fn seed_bid(id: &str, a1: &str, a2: &str, b1: &str, scores: [u32; 3]) -> BidInput {
        BidInput {
            id: id.into(),
            status: BidStatus::Valid,
            rates: rates(&[("A1", a1), ("A2", a2), ("B1", b1), ("C1", "150")]),
            scores: ["G2.1", "G2.2", "G2.3"]
                .iter()
                .zip(scores)
                .map(|(c, s)| (c.to_string(), s))
                .collect(),
        }
    }

    /// A one-line price form (A, volume 1) so the total price is the rate itself.
    fn simple_lines() -> Vec<PriceLine> {
        vec![line("A1", Component::A, "1", false)]
    }

    fn simple_bid(id: &str, price: &str, scores: [u32; 3]) -> BidInput {
        BidInput {
            id: id.into(),
            status: BidStatus::Valid,
            rates: rates(&[("A1", price)]),
            scores: ["G2.1", "G2.2", "G2.3"]
                .iter()
                .zip(scores)
                .map(|(c, s)| (c.to_string(), s))
                .collect(),
        }
    }

    fn ids(e: &Evaluation) -> Vec<&str> {
        e.ranking.iter().map(|r| r.id.as_str()).collect()
    }

    /// Three bids on the seed's form, computed by hand:
    ///
    /// b1: 1000 × 100 + 4 × 20000 + 1 × 10000 = 190000 (C1 100 × 150 not counted)
    /// b2: 1000 × 95  + 4 × 15000 + 1 × 0     = 155000
    /// b3: 1000 × 80  + 4 × 10000 + 1 × 5000  = 125000  ← lowest
    ///
    /// price points: b1 125000 × 25 / 190000 = 16.4473… → 16.45
    ///               b2 125000 × 25 / 155000 = 20.1612… → 20.16
    ///               b3 25.00
    /// quality: b1 8,8,10 → 16.00 + 16.00 + 35.00 = 67.00 → total 83.45
    ///          b2 6,8,8  → 12.00 + 16.00 + 28.00 = 56.00 → total 76.16
    ///          b3 6,6,6  → 12.00 + 12.00 + 21.00 = 45.00 → total 70.00
    #[test]
    fn hand_computed_seed_evaluation() {
        let bids = vec![
            seed_bid("b1", "100", "20000", "10000", [8, 8, 10]),
            seed_bid("b2", "95", "15000", "0", [6, 8, 8]),
            seed_bid("b3", "80", "10000", "5000", [6, 6, 6]),
        ];
        let e = evaluate(&seed_lines(), &seed_rules(), &bids, None).unwrap();
        assert_eq!(ids(&e), ["b1", "b2", "b3"]);
        assert_eq!(e.winner.as_deref(), Some("b1"));
        assert_eq!(e.lowest_price, Some(dec("125000")));
        let [b1, b2, b3] = [&e.ranking[0], &e.ranking[1], &e.ranking[2]];
        assert_eq!(b1.total_price, dec("190000"));
        assert_eq!(b2.total_price, dec("155000"));
        assert_eq!(b3.total_price, dec("125000"));
        assert_eq!(b1.price_points, dec("16.45"));
        assert_eq!(b2.price_points, dec("20.16"));
        assert_eq!(b3.price_points, dec("25.00"));
        assert_eq!(
            b1.criteria.iter().map(|c| c.points).collect::<Vec<_>>(),
            [dec("16.00"), dec("16.00"), dec("35.00")]
        );
        assert_eq!(b1.quality_points, dec("67.00"));
        assert_eq!(b2.quality_points, dec("56.00"));
        assert_eq!(b3.quality_points, dec("45.00"));
        assert_eq!(b1.total_points, dec("83.45"));
        assert_eq!(b2.total_points, dec("76.16"));
        assert_eq!(b3.total_points, dec("70.00"));
        assert_eq!([b1.rank, b2.rank, b3.rank], [1, 2, 3]);
        assert!(e.ranking.iter().all(|r| r.tie_break == TieBreak::None));
        assert!(e.excluded.is_empty());
    }

    /// Component C is checked but not counted: changing the C rate leaves the total unchanged.
    #[test]
    fn c_lines_not_in_total() {
        let lines = seed_lines();
        let mut r = rates(&[
            ("A1", "100"),
            ("A2", "20000"),
            ("B1", "10000"),
            ("C1", "150"),
        ]);
        assert_eq!(total_price("b1", &lines, &r).unwrap(), dec("190000"));
        r.insert("C1".into(), dec("999999.99"));
        assert_eq!(total_price("b1", &lines, &r).unwrap(), dec("190000"));
        // …but a C rate of zero is still refused (seed: no zero price for A and C).
        r.insert("C1".into(), dec("0"));
        assert_eq!(
            total_price("b1", &lines, &r).unwrap_err().to_string(),
            "bidder b1: price line C1: a zero rate is not allowed for component C"
        );
    }

    /// Zero is allowed on B (implementation free of charge) and refused on A.
    #[test]
    fn zero_rate_allowed_on_b_not_on_a() {
        let lines = seed_lines();
        let ok = rates(&[("A1", "100"), ("A2", "20000"), ("B1", "0"), ("C1", "150")]);
        assert_eq!(total_price("b2", &lines, &ok).unwrap(), dec("180000"));
        let bad = rates(&[("A1", "0.00"), ("A2", "20000"), ("B1", "0"), ("C1", "150")]);
        let err = total_price("b2", &lines, &bad).unwrap_err();
        assert_eq!(
            err,
            ScoringError::ZeroRate {
                bidder: "b2".into(),
                line: "A1".into(),
                component: Component::A
            }
        );
        assert_eq!(
            err.to_string(),
            "bidder b2: price line A1: a zero rate is not allowed for component A"
        );
    }

    /// Negative rates are refused everywhere, even where zero is allowed.
    #[test]
    fn negative_rate_refused() {
        let r = rates(&[
            ("A1", "100"),
            ("A2", "20000"),
            ("B1", "-500"),
            ("C1", "150"),
        ]);
        let err = total_price("b4", &seed_lines(), &r).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bidder b4: price line B1: rate -500 is negative, which is not allowed"
        );
    }

    /// A missing rate (unfilled form) and a rate for a line that does not exist are data errors
    /// naming bidder and line; `evaluate` reports them for a bid marked valid.
    #[test]
    fn missing_and_unknown_rates() {
        let r = rates(&[("A1", "100"), ("B1", "0"), ("C1", "150")]);
        assert_eq!(
            total_price("b5", &seed_lines(), &r)
                .unwrap_err()
                .to_string(),
            "bidder b5: price line A2: rate is missing"
        );
        let r = rates(&[
            ("A1", "100"),
            ("A2", "1"),
            ("B1", "0"),
            ("C1", "150"),
            ("A3", "1"),
        ]);
        assert_eq!(
            total_price("b5", &seed_lines(), &r)
                .unwrap_err()
                .to_string(),
            "bidder b5: price line A3: no such line on the price form"
        );
        let mut bid = seed_bid("b5", "100", "20000", "0", [6, 6, 6]);
        bid.rates.remove("A2");
        let err = evaluate(&seed_lines(), &seed_rules(), &[bid], None).unwrap_err();
        assert_eq!(
            err,
            ScoringError::MissingRate {
                bidder: "b5".into(),
                line: "A2".into()
            }
        );
    }

    /// Rounding edge in price points: 800000 × 25 / 1280000 = 15.625 exactly. Half away from
    /// zero gives 15.63 (banker's rounding would give 15.62).
    #[test]
    fn price_points_exact_midpoint_rounds_up() {
        assert_eq!(dec("800000") * dec("25") / dec("1280000"), dec("15.625"));
        assert_eq!(
            price_points(dec("800000"), dec("1280000"), dec("25")),
            dec("15.63")
        );
        // Second midpoint: 93780 × 25 / 100000 = 23.445 → 23.45 (banker's: 23.44).
        assert_eq!(
            price_points(dec("93780"), dec("100000"), dec("25")),
            dec("23.45")
        );
        // Not at a midpoint: 25 / 9 = 2.777… → 2.78 (up), 25 / 7 = 3.5714… → 3.57 (down).
        assert_eq!(price_points(dec("1"), dec("9"), dec("25")), dec("2.78"));
        assert_eq!(price_points(dec("1"), dec("7"), dec("25")), dec("3.57"));
        // The lowest bid gets exactly the maximum.
        assert_eq!(
            price_points(dec("125000"), dec("125000"), dec("25")),
            dec("25.00")
        );
    }

    /// Why lowest × max / own and not (lowest / own) × max: with max 30, 2003 / 6000 =
    /// 0.33383333… is inexact, and × 30 gives 10.01499999…, which would round to 10.01; the exact
    /// value 2003 × 30 / 6000 = 60090 / 6000 = 10.015 rounds to 10.02.
    #[test]
    fn price_points_multiply_before_dividing() {
        let naive = round_points(dec("2003") / dec("6000") * dec("30"));
        assert_eq!(naive, dec("10.01"));
        assert_eq!(
            price_points(dec("2003"), dec("6000"), dec("30")),
            dec("10.02")
        );
    }

    /// Quality parts: 6/10 × 35 = 21.00, 8/10 × 20 = 16.00, 10/10 × 35 = 35.00, 0 → 0.00, and a
    /// midpoint 2/10 × 20.125 = 4.025 → 4.03.
    #[test]
    fn quality_points_parts() {
        assert_eq!(quality_points(6, 10, dec("35")), dec("21.00"));
        assert_eq!(quality_points(8, 10, dec("20")), dec("16.00"));
        assert_eq!(quality_points(10, 10, dec("35")), dec("35.00"));
        assert_eq!(quality_points(2, 10, dec("20")), dec("4.00"));
        assert_eq!(quality_points(0, 10, dec("20")), dec("0.00"));
        assert_eq!(quality_points(2, 10, dec("20.125")), dec("4.03"));
        // Not a multiple of a tenth: 2/10 × 33.33 = 6.666 → 6.67.
        assert_eq!(quality_points(2, 10, dec("33.33")), dec("6.67"));
    }

    /// Totals are sums of rounded parts. With criteria of max 33.33 (three of them) and scores
    /// 2, 2, 2: each part 6.666 → 6.67, quality = 20.01, whereas rounding the exact sum 19.998
    /// would give 20.00.
    #[test]
    fn totals_are_sums_of_rounded_parts() {
        let rules = Rules {
            price_max_points: dec("0.01"),
            criteria: ["G2.1", "G2.2", "G2.3"]
                .iter()
                .map(|id| Criterion {
                    id: id.to_string(),
                    max_points: dec("33.33"),
                })
                .collect(),
            scale: vec![0, 2, 6, 8, 10],
            scale_max: 10,
        };
        let e = evaluate(
            &simple_lines(),
            &rules,
            &[simple_bid("b1", "100", [2, 2, 2])],
            None,
        )
        .unwrap();
        assert_eq!(e.ranking[0].quality_points, dec("20.01"));
        assert_eq!(e.ranking[0].total_points, dec("20.02"));
    }

    /// Equal total points, decided by quality:
    /// b1: price 84 (lowest) → 25.00; scores 6,6,6 → 12 + 12 + 21 = 45.00; total 70.00
    /// b2: price 100 → 84 × 25 / 100 = 21.00; scores 8,6,6 → 16 + 12 + 21 = 49.00; total 70.00
    /// b2 has the higher quality total and wins.
    #[test]
    fn tie_resolved_by_quality() {
        let bids = vec![
            simple_bid("b1", "84", [6, 6, 6]),
            simple_bid("b2", "100", [8, 6, 6]),
        ];
        let e = evaluate(&simple_lines(), &seed_rules(), &bids, None).unwrap();
        assert_eq!(e.ranking[0].total_points, dec("70.00"));
        assert_eq!(e.ranking[1].total_points, dec("70.00"));
        assert_eq!(ids(&e), ["b2", "b1"]);
        assert_eq!(e.winner.as_deref(), Some("b2"));
        assert_eq!(e.ranking[0].tie_break, TieBreak::Quality);
        assert_eq!(e.ranking[1].tie_break, TieBreak::Quality);
        assert_eq!([e.ranking[0].rank, e.ranking[1].rank], [1, 2]);
    }

    /// Identical bids (price 100 → 25.00, scores 8,8,8 → 16 + 16 + 28 = 60.00, total 85.00):
    /// the recorded lottery order decides; input order does not matter.
    #[test]
    fn tie_resolved_by_lottery() {
        let bids = vec![
            simple_bid("b1", "100", [8, 8, 8]),
            simple_bid("b2", "100", [8, 8, 8]),
            simple_bid("b3", "200", [8, 8, 8]), // 12.50 + 60 = 72.50, third
        ];
        let lottery = vec!["b2".to_string(), "b1".to_string()];
        let e = evaluate(&simple_lines(), &seed_rules(), &bids, Some(&lottery)).unwrap();
        assert_eq!(ids(&e), ["b2", "b1", "b3"]);
        assert_eq!(e.winner.as_deref(), Some("b2"));
        assert_eq!(e.ranking[0].total_points, dec("85.00"));
        assert_eq!(e.ranking[0].tie_break, TieBreak::Lottery);
        assert_eq!(e.ranking[1].tie_break, TieBreak::Lottery);
        assert_eq!(e.ranking[2].tie_break, TieBreak::None);
        assert_eq!(e.ranking[2].total_points, dec("72.50"));
        assert_eq!(
            e.ranking.iter().map(|r| r.rank).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    }

    /// The same tie for first place without a lottery, or with a lottery that misses one of the
    /// tied bidders, is an error naming the tied bidders: never a silent choice.
    #[test]
    fn unresolved_tie_is_an_error() {
        let bids = vec![
            simple_bid("b1", "100", [8, 8, 8]),
            simple_bid("b2", "100", [8, 8, 8]),
        ];
        let err = evaluate(&simple_lines(), &seed_rules(), &bids, None).unwrap_err();
        assert_eq!(
            err,
            ScoringError::UnresolvedTie {
                bidders: vec!["b1".into(), "b2".into()]
            }
        );
        assert_eq!(
            err.to_string(),
            "bidders b1, b2 are tied for first place on total points and on quality; \
             record the lottery order (proces-verbaal) to decide"
        );
        let partial = vec!["b1".to_string()];
        let err = evaluate(&simple_lines(), &seed_rules(), &bids, Some(&partial)).unwrap_err();
        assert!(matches!(err, ScoringError::UnresolvedTie { .. }));
    }

    /// A lottery naming an unknown bidder or a bidder twice is refused (typos in the record).
    #[test]
    fn lottery_record_checked() {
        let bids = vec![
            simple_bid("b1", "100", [8, 8, 8]),
            simple_bid("b2", "100", [8, 8, 8]),
        ];
        let typo = vec!["b2".to_string(), "bl".to_string()];
        assert_eq!(
            evaluate(&simple_lines(), &seed_rules(), &bids, Some(&typo))
                .unwrap_err()
                .to_string(),
            "lottery: bidder bl has no bid"
        );
        let twice = vec!["b2".to_string(), "b2".to_string()];
        assert_eq!(
            evaluate(&simple_lines(), &seed_rules(), &bids, Some(&twice)).unwrap_err(),
            ScoringError::LotteryDuplicate {
                bidder: "b2".into()
            }
        );
    }

    /// A full tie below first place does not decide the award; without a lottery the two bids
    /// share rank 2 (b2 and b3: price 200 → 12.50, scores 6,6,6 → 45.00, total 57.50).
    #[test]
    fn tie_below_first_place_is_shared() {
        let bids = vec![
            simple_bid("b1", "100", [8, 8, 8]), // 25.00 + 60.00 = 85.00
            simple_bid("b2", "200", [6, 6, 6]),
            simple_bid("b3", "200", [6, 6, 6]),
            simple_bid("b4", "400", [6, 6, 6]), // 6.25 + 45.00 = 51.25
        ];
        let e = evaluate(&simple_lines(), &seed_rules(), &bids, None).unwrap();
        assert_eq!(ids(&e), ["b1", "b2", "b3", "b4"]);
        assert_eq!(
            e.ranking.iter().map(|r| r.rank).collect::<Vec<_>>(),
            [1, 2, 2, 4]
        );
        assert_eq!(e.ranking[1].tie_break, TieBreak::Shared);
        assert_eq!(e.ranking[2].tie_break, TieBreak::Shared);
        assert_eq!(e.ranking[1].total_points, dec("57.50"));
        assert_eq!(e.ranking[3].total_points, dec("51.25"));
    }

    /// A single valid bid is its own lowest price and gets the maximum 25.00 price points.
    #[test]
    fn one_bidder_gets_max_price_points() {
        let e = evaluate(
            &seed_lines(),
            &seed_rules(),
            &[seed_bid("b1", "100", "20000", "10000", [6, 6, 6])],
            None,
        )
        .unwrap();
        assert_eq!(e.ranking[0].price_points, dec("25.00"));
        assert_eq!(e.ranking[0].total_points, dec("70.00"));
        assert_eq!(e.winner.as_deref(), Some("b1"));
    }

    /// All bids excluded: no ranking, no lowest price, no winner, and no error. Excluded bids are
    /// not checked (their data may be incomplete, which is often why they were excluded).
    #[test]
    fn all_excluded_gives_no_winner() {
        let mut b1 = simple_bid("b1", "100", [8, 8, 8]);
        b1.status = BidStatus::Excluded;
        let mut b2 = simple_bid("b2", "-1", [7, 7, 7]);
        b2.status = BidStatus::Excluded;
        let e = evaluate(&simple_lines(), &seed_rules(), &[b1, b2], None).unwrap();
        assert!(e.ranking.is_empty());
        assert_eq!(e.winner, None);
        assert_eq!(e.lowest_price, None);
        assert_eq!(
            e.excluded,
            vec![
                ExcludedBid {
                    id: "b1".into(),
                    reason: Exclusion::ByStatus
                },
                ExcludedBid {
                    id: "b2".into(),
                    reason: Exclusion::ByStatus
                },
            ]
        );
        assert!(abnormally_low(&e, dec("20")).is_empty());
        // No bids at all is the same outcome.
        let e = evaluate(&simple_lines(), &seed_rules(), &[], None).unwrap();
        assert_eq!(e.winner, None);
    }

    /// Excluded bids, including one excluded for a 0 score, do not set the lowest price:
    /// b0 (excluded, price 50) and bz (score 0 on G2.2, price 60) are cheaper than b1, yet
    /// b1 (price 100) is the lowest valid bid and gets 25.00; b2 (125) gets 100 × 25 / 125 = 20.00.
    #[test]
    fn excluded_and_not_answered_bids_do_not_count() {
        let mut b0 = simple_bid("b0", "50", [10, 10, 10]);
        b0.status = BidStatus::Excluded;
        let bz = simple_bid("bz", "60", [10, 0, 10]);
        let b1 = simple_bid("b1", "100", [6, 6, 6]);
        let b2 = simple_bid("b2", "125", [6, 6, 6]);
        let e = evaluate(&simple_lines(), &seed_rules(), &[b0, bz, b1, b2], None).unwrap();
        assert_eq!(ids(&e), ["b1", "b2"]);
        assert_eq!(e.lowest_price, Some(dec("100")));
        assert_eq!(e.ranking[0].price_points, dec("25.00"));
        assert_eq!(e.ranking[1].price_points, dec("20.00"));
        assert_eq!(
            e.excluded,
            vec![
                ExcludedBid {
                    id: "b0".into(),
                    reason: Exclusion::ByStatus
                },
                ExcludedBid {
                    id: "bz".into(),
                    reason: Exclusion::NotAnswered {
                        criteria: vec!["G2.2".into()]
                    }
                },
            ]
        );
    }

    /// A score of 7 is not on the scale 0, 2, 6, 8, 10.
    #[test]
    fn score_off_scale() {
        let bids = vec![simple_bid("b3", "100", [7, 6, 6])];
        let err = evaluate(&simple_lines(), &seed_rules(), &bids, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bidder b3: quality G2.1: score 7 is not on the scale 0, 2, 6, 8, 10"
        );
    }

    /// A valid bid must be scored on every criterion, and only on known criteria.
    #[test]
    fn missing_and_unknown_scores() {
        let mut bid = simple_bid("b2", "100", [6, 6, 6]);
        bid.scores.remove("G2.3");
        let err = evaluate(&simple_lines(), &seed_rules(), &[bid.clone()], None).unwrap_err();
        assert_eq!(err.to_string(), "bidder b2: quality G2.3: score is missing");
        bid.scores.insert("G2.3".into(), 6);
        bid.scores.insert("G2.4".into(), 6);
        let err = evaluate(&simple_lines(), &seed_rules(), &[bid], None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bidder b2: quality G2.4: no such award criterion"
        );
    }

    /// A valid bid whose total is zero (only a free B line) cannot be given price points.
    #[test]
    fn zero_total_price_is_an_error() {
        let lines = vec![line("B1", Component::B, "1", true)];
        let bid = BidInput {
            id: "b1".into(),
            status: BidStatus::Valid,
            rates: rates(&[("B1", "0")]),
            scores: simple_bid("b1", "1", [6, 6, 6]).scores,
        };
        let err = evaluate(&lines, &seed_rules(), &[bid], None).unwrap_err();
        assert_eq!(
            err,
            ScoringError::ZeroTotalPrice {
                bidder: "b1".into()
            }
        );
    }

    /// Inconsistent rules and duplicate bidders are reported before any scoring.
    #[test]
    fn rules_and_bidders_checked() {
        let mut rules = seed_rules();
        rules.criteria.push(Criterion {
            id: "G2.1".into(),
            max_points: dec("1"),
        });
        assert_eq!(
            evaluate(&simple_lines(), &rules, &[], None)
                .unwrap_err()
                .to_string(),
            "award rules: criterion G2.1 appears more than once"
        );
        let mut rules = seed_rules();
        rules.scale_max = 0;
        assert!(matches!(
            evaluate(&simple_lines(), &rules, &[], None),
            Err(ScoringError::InvalidRules { .. })
        ));
        let bids = vec![
            simple_bid("b1", "1", [6, 6, 6]),
            simple_bid("b1", "2", [6, 6, 6]),
        ];
        assert_eq!(
            evaluate(&simple_lines(), &seed_rules(), &bids, None).unwrap_err(),
            ScoringError::DuplicateBidder {
                bidder: "b1".into()
            }
        );
    }

    /// Totals 120000, 100000, 80000: average 100000. 80000 is exactly 20% below: flagged at a
    /// threshold of 19.99%, not at 20% ("more than N%"). 100000 is never flagged.
    #[test]
    fn abnormally_low_prices() {
        let bids = vec![
            simple_bid("b1", "120000", [6, 6, 6]),
            simple_bid("b2", "100000", [6, 6, 6]),
            simple_bid("b3", "80000", [6, 6, 6]),
        ];
        let e = evaluate(&simple_lines(), &seed_rules(), &bids, None).unwrap();
        assert!(abnormally_low(&e, dec("20")).is_empty());
        let w = abnormally_low(&e, dec("19.99"));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].bidder, "b3");
        assert_eq!(w[0].average, dec("100000"));
        assert_eq!(w[0].percent_below, dec("20.00"));
        assert_eq!(
            w[0].to_string(),
            "bidder b3: total price 80000 is 20.00% below the average 100000.00 of the valid bids \
             (threshold 19.99%): check for an abnormally low tender (art. 2.116 Aw 2012)"
        );
        // 70000 vs average (120000 + 100000 + 70000) / 3 = 96666.67: 27.59% below.
        let bids = vec![
            simple_bid("b1", "120000", [6, 6, 6]),
            simple_bid("b2", "100000", [6, 6, 6]),
            simple_bid("b3", "70000", [6, 6, 6]),
        ];
        let e = evaluate(&simple_lines(), &seed_rules(), &bids, None).unwrap();
        let w = abnormally_low(&e, dec("25"));
        assert_eq!(
            w.iter().map(|w| w.bidder.as_str()).collect::<Vec<_>>(),
            ["b3"]
        );
        assert_eq!(w[0].percent_below, dec("27.59"));
        // One bid is its own average and never abnormally low.
        let e = evaluate(
            &simple_lines(),
            &seed_rules(),
            &[simple_bid("b1", "1", [6, 6, 6])],
            None,
        )
        .unwrap();
        assert!(abnormally_low(&e, dec("0")).is_empty());
    }
}
