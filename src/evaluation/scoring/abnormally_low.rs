//! Possibly abnormally low total prices (seed §5.2, art. 2.116 Aw 2012): a warning for the
//! authority to ask the bidder, never an exclusion.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use super::{Evaluation, round_points};

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
pub(crate) fn abnormally_low(
    evaluation: &Evaluation,
    threshold_percent: Decimal,
) -> Vec<AbnormallyLow> {
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
    use crate::evaluation::scoring::fixtures::*;
    use crate::evaluation::scoring::*;

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
