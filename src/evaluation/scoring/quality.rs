//! Quality points and the checks on the consensus scores (seed §5.3.1): score / scale_max × the
//! criterion's maximum, every criterion scored on the scale, and a 0 ("niet beantwoord")
//! excludes the bid.

use rust_decimal::Decimal;

use super::{BidInput, Rules, ScoringError, round_to};

/// Quality points of one criterion: score / scale_max × max, rounded to `decimals` (two in the
/// bundled tender, §5.3.1). Computed as score × max / scale_max.
///
/// # Panics
/// When `scale_max` is zero; [`evaluate`] rejects such rules first.
pub(crate) fn quality_points(score: u32, scale_max: u32, max: Decimal, decimals: u32) -> Decimal {
    round_to(
        Decimal::from(score) * max / Decimal::from(scale_max),
        decimals,
    )
}

/// Checks the scores of a bid marked valid: every criterion scored, on the scale, no unknown
/// criteria. Returns the criteria scored 0 (which exclude the bid).
pub(super) fn check_scores(bid: &BidInput, rules: &Rules) -> Result<Vec<String>, ScoringError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::scoring::fixtures::*;
    use crate::evaluation::scoring::*;

    /// Quality parts: 6/10 × 35 = 21.00, 8/10 × 20 = 16.00, 10/10 × 35 = 35.00, 0 → 0.00, and a
    /// midpoint 2/10 × 20.125 = 4.025 → 4.03.
    #[test]
    fn quality_points_parts() {
        assert_eq!(quality_points(6, 10, dec("35"), 2), dec("21.00"));
        assert_eq!(quality_points(8, 10, dec("20"), 2), dec("16.00"));
        assert_eq!(quality_points(10, 10, dec("35"), 2), dec("35.00"));
        assert_eq!(quality_points(2, 10, dec("20"), 2), dec("4.00"));
        assert_eq!(quality_points(0, 10, dec("20"), 2), dec("0.00"));
        assert_eq!(quality_points(2, 10, dec("20.125"), 2), dec("4.03"));
        // Not a multiple of a tenth: 2/10 × 33.33 = 6.666 → 6.67.
        assert_eq!(quality_points(2, 10, dec("33.33"), 2), dec("6.67"));
    }

    /// Totals are sums of rounded parts. With criteria of max 33.33 (three of them) and scores
    /// 2, 2, 2: each part 6.666 → 6.67, quality = 20.01, whereas rounding the exact sum 19.998
    /// would give 20.00.
    #[test]
    fn totals_are_sums_of_rounded_parts() {
        let rules = Rules {
            price_max_points: dec("0.01"),
            ..seed_rules()
        };
        let rules = Rules {
            criteria: ["G2.1", "G2.2", "G2.3"]
                .iter()
                .map(|id| Criterion {
                    id: id.to_string(),
                    max_points: dec("33.33"),
                })
                .collect(),
            ..rules
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
}
