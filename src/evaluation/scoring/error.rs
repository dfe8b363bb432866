//! Why the evaluation cannot be computed from the data, with messages that name the bidder and
//! the field.

use std::fmt;

use rust_decimal::Decimal;

/// Why the evaluation cannot be computed from the data. Every message names the bidder and the
/// field so the data can be fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ScoringError {
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
        component: String,
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
    /// Bids tied for first place on the award basis and every tie-break criterion, with no
    /// recorded lottery order
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
            } if component.is_empty() => write!(
                f,
                "bidder {bidder}: price line {line}: a zero rate is not allowed"
            ),
            ScoringError::ZeroRate {
                bidder,
                line,
                component,
            } => write!(
                f,
                "bidder {bidder}: price line {line}: a zero rate is not allowed for component {component}"
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
                "bidders {} are tied for first place, also on the tie-break criteria; \
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
