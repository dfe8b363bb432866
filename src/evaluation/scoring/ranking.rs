//! The whole evaluation over the bids: the rules and bids checked, the valid bids scored, then
//! ranked (§5.1, §2.7): by the award basis (the highest total points, the lowest price or the
//! lowest fictitious price); equal on it, the tie-break criteria in the data's order (the
//! bundled tender: G2, the quality total); still equal, the recorded lottery (proces-verbaal).

use std::cmp::Ordering;
use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::quality::check_scores;
use super::{
    Basis, BidInput, BidResult, BidStatus, CriterionPoints, Evaluation, ExcludedBid, Exclusion,
    PriceLine, Rules, ScoringError, TieBreak, TieKind, TieValue, fictitious_price, price_points,
    quality_points, total_price,
};

/// The award evaluation: points, ranking and winner (see the module comment for the rules).
///
/// `lottery` is the recorded lottery order (first drawn = best place) for bids that stay tied on
/// total points and quality; it is only consulted for such ties, and ids in it that are not part
/// of a tie are ignored. A tie for first place that the lottery does not cover is an error, never
/// a silent choice. Every bid marked [`BidStatus::Valid`] is checked completely (prices and scores)
/// before anything is ranked, so `gen check` sees data errors even in bids that a 0 score
/// excludes.
pub(crate) fn evaluate(
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
        // Only the relative method divides by the own price.
        if total.is_zero() && rules.basis == Basis::Points(super::PriceMethod::Relative) {
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
                    points: quality_points(
                        score,
                        rules.scale_max,
                        c.max_points,
                        rules.quality_decimals,
                    ),
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
            let lowest = lowest_price.expect("there is a scored bid");
            let pp = match rules.basis {
                Basis::Points(method) => price_points(
                    method,
                    lowest,
                    s.total_price,
                    rules.price_max_points,
                    rules.price_decimals,
                ),
                Basis::LowestPrice | Basis::Value { .. } => {
                    super::round_to(Decimal::ZERO, rules.price_decimals)
                }
            };
            let (quality_value, fictitious) = match rules.basis {
                Basis::Value { euros_per_point } => {
                    let (v, f) = fictitious_price(s.total_price, s.quality_points, euros_per_point);
                    (Some(v), Some(f))
                }
                _ => (None, None),
            };
            BidResult {
                id: s.id,
                rank: 0,
                total_price: s.total_price,
                price_points: pp,
                total_points: pp + s.quality_points,
                criteria: s.criteria,
                quality_points: s.quality_points,
                quality_value,
                fictitious_price: fictitious,
                tie_break: TieBreak::None,
                tie_values: Vec::new(),
                tie_decided_by: None,
            }
        })
        .collect();

    rank(&mut ranking, rules, lottery)?;
    let winner = ranking.first().map(|r| r.id.clone());
    Ok(Evaluation {
        ranking,
        excluded,
        lowest_price,
        winner,
    })
}

/// Compares two bids on the award basis alone: `Less` when `a` is better.
fn on_basis(rules: &Rules, a: &BidResult, b: &BidResult) -> Ordering {
    match rules.basis {
        Basis::Points(_) => b.total_points.cmp(&a.total_points),
        Basis::LowestPrice => a.total_price.cmp(&b.total_price),
        Basis::Value { .. } => a.fictitious_price.cmp(&b.fictitious_price),
    }
}

/// A bid's value on each tie-break criterion, in order: the price points under a points
/// basis, else the total price (lower is better); the sum of the named quality criteria's
/// points (higher is better).
fn tie_values(rules: &Rules, r: &BidResult) -> Vec<TieValue> {
    rules
        .tie_break
        .iter()
        .map(|t| {
            let (value, money) = match (&t.kind, rules.basis) {
                (TieKind::Price, Basis::Points(_)) => (r.price_points, false),
                (TieKind::Price, _) => (r.total_price, true),
                (TieKind::Quality(ids), _) => (
                    r.criteria
                        .iter()
                        .filter(|c| ids.contains(&c.id))
                        .map(|c| c.points)
                        .sum(),
                    false,
                ),
            };
            TieValue {
                criterion: t.id.clone(),
                value,
                money,
            }
        })
        .collect()
}

/// Compares two bids on the basis, then on each tie-break criterion in order: `Less` when `a`
/// is better. `Equal` means only the lottery can separate them.
fn compare(rules: &Rules, a: &BidResult, b: &BidResult) -> Ordering {
    tie_values(rules, a).iter().zip(tie_values(rules, b)).fold(
        on_basis(rules, a, b),
        |acc, (x, y)| {
            // Money: the lower wins; points: the higher.
            acc.then_with(|| {
                if x.money {
                    x.value.cmp(&y.value)
                } else {
                    y.value.cmp(&x.value)
                }
            })
        },
    )
}

/// Records the tie-break values of the bids equal to another on the basis, and the criterion
/// that decided between them: the first on which they differ (§2.7: the criteria are compared
/// in order, so a later one only counts where the earlier ones are equal).
fn record_ties(ranking: &mut [BidResult], rules: &Rules) {
    for group in runs(ranking, |a, b| on_basis(rules, a, b) == Ordering::Equal) {
        if group.len() > 1 {
            let values: Vec<Vec<TieValue>> = ranking[group.clone()]
                .iter()
                .map(|r| tie_values(rules, r))
                .collect();
            let decided_by = (0..rules.tie_break.len())
                .find(|&i| values.iter().any(|v| v[i].value != values[0][i].value))
                .map(|i| rules.tie_break[i].id.clone());
            for (r, v) in ranking[group].iter_mut().zip(values) {
                r.tie_values = v;
                r.tie_decided_by = decided_by.clone();
            }
        }
    }
}

/// The runs of consecutive bids of a sorted ranking that are `same` as the run's first.
fn runs(
    ranking: &[BidResult],
    same: impl Fn(&BidResult, &BidResult) -> bool,
) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < ranking.len() {
        let end = start
            + ranking[start..]
                .iter()
                .take_while(|r| same(r, &ranking[start]))
                .count();
        runs.push(start..end);
        start = end;
    }
    runs
}

/// Sorts `ranking` best first and fills in `rank` and `tie_break`.
fn rank(ranking: &mut [BidResult], rules: &Rules, lottery: &[String]) -> Result<(), ScoringError> {
    let position = |id: &str| lottery.iter().position(|l| l == id);
    // Stable sort on the basis and the tie-break criteria; the input order is kept inside a
    // remaining tie until the lottery is applied below.
    ranking.sort_by(|a, b| compare(rules, a, b));
    record_ties(ranking, rules);

    // Groups of bids equal on the basis and every tie-break criterion.
    for run in runs(ranking, |a, b| compare(rules, a, b) == Ordering::Equal) {
        let start = run.start;
        let group = &mut ranking[run];
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
    }

    // Ranks, and Criteria for bids equal to another on the basis but not on the tie-break
    // criteria.
    for i in 0..ranking.len() {
        let same_basis =
            |j: usize| j != i && on_basis(rules, &ranking[j], &ranking[i]) == Ordering::Equal;
        if ranking[i].tie_break == TieBreak::None && (0..ranking.len()).any(same_basis) {
            ranking[i].tie_break = TieBreak::Criteria;
        }
        ranking[i].rank = if i > 0
            && ranking[i].tie_break == TieBreak::Shared
            && ranking[i - 1].tie_break == TieBreak::Shared
            && compare(rules, &ranking[i - 1], &ranking[i]) == Ordering::Equal
        {
            ranking[i - 1].rank
        } else {
            i as u32 + 1
        };
    }
    Ok(())
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
    if !rules.criteria.is_empty() && rules.scale_max == 0 {
        return invalid("the scale maximum is 0".into());
    }
    if rules.basis == Basis::LowestPrice && !rules.criteria.is_empty() {
        return invalid("an award on the lowest price has no quality criteria".into());
    }
    match rules.basis {
        Basis::Points(super::PriceMethod::Linear(zero_at)) => {
            let positive = match zero_at {
                super::ZeroAt::Price(p) => p > Decimal::ZERO,
                super::ZeroAt::PercentAbove(p) => p > Decimal::ZERO,
            };
            if !positive {
                return invalid("the linear method's zero-points price must be above zero".into());
            }
        }
        Basis::Value { euros_per_point } if euros_per_point < Decimal::ZERO => {
            return invalid(format!(
                "the value of a quality point {euros_per_point} is negative"
            ));
        }
        _ => {}
    }
    for t in &rules.tie_break {
        if let TieKind::Quality(ids) = &t.kind
            && let Some(id) = ids
                .iter()
                .find(|id| !rules.criteria.iter().any(|c| &c.id == *id))
        {
            return invalid(format!(
                "tie-break criterion {}: no quality criterion {id}",
                t.id
            ));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::scoring::fixtures::*;
    use crate::evaluation::scoring::*;

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
        assert_eq!(e.ranking[0].tie_break, TieBreak::Criteria);
        assert_eq!(e.ranking[1].tie_break, TieBreak::Criteria);
        assert_eq!([e.ranking[0].rank, e.ranking[1].rank], [1, 2]);
    }

    /// Several tie-break criteria, compared in order: first G2.3 (the presentation), then G1
    /// (the price points). The tie of b1 and b2 from `tie_resolved_by_quality` (70.00 each) is
    /// equal on G2.3 (21.00 each) and decided on G1: b1 25.00 against b2 21.00. The record names
    /// G1 as deciding, with each bid's values on both criteria (not their sum).
    #[test]
    fn tie_decided_on_the_first_criterion_that_differs() {
        let mut rules = seed_rules();
        rules.tie_break = vec![
            TieCriterion {
                id: "G2.3".into(),
                kind: TieKind::Quality(vec!["G2.3".into()]),
            },
            TieCriterion {
                id: "G1".into(),
                kind: TieKind::Price,
            },
        ];
        let bids = vec![
            simple_bid("b1", "84", [6, 6, 6]),
            simple_bid("b2", "100", [8, 6, 6]),
            simple_bid("b3", "200", [8, 8, 8]), // 12.50 + 60.00 = 72.50: no tie
        ];
        let e = evaluate(&simple_lines(), &rules, &bids, None).unwrap();
        assert_eq!(ids(&e), ["b3", "b1", "b2"]);
        let (b1, b2, b3) = (&e.ranking[1], &e.ranking[2], &e.ranking[0]);
        assert_eq!([b1.tie_break, b2.tie_break], [TieBreak::Criteria; 2]);
        assert_eq!(b1.tie_decided_by.as_deref(), Some("G1"));
        assert_eq!(b2.tie_decided_by.as_deref(), Some("G1"));
        let values = |r: &BidResult| -> Vec<(String, Decimal, bool)> {
            r.tie_values
                .iter()
                .map(|v| (v.criterion.clone(), v.value, v.money))
                .collect()
        };
        assert_eq!(
            values(b1),
            [
                ("G2.3".into(), dec("21.00"), false),
                ("G1".into(), dec("25.00"), false)
            ]
        );
        assert_eq!(
            values(b2),
            [
                ("G2.3".into(), dec("21.00"), false),
                ("G1".into(), dec("21.00"), false)
            ]
        );
        // No tie, nothing recorded.
        assert!(b3.tie_values.is_empty() && b3.tie_decided_by.is_none());

        // Under gunnen op waarde the price tie-break compares the total price, in euros.
        let mut lowest = rules.clone();
        lowest.basis = Basis::Value {
            euros_per_point: dec("1"),
        };
        // Fictitious prices: b1 84 − 45 = 39, b2 88 − 49 = 39: equal; G2.3 equal; b1 cheaper.
        let bids = vec![
            simple_bid("b1", "84", [6, 6, 6]),
            simple_bid("b2", "88", [8, 6, 6]),
        ];
        let e = evaluate(&simple_lines(), &lowest, &bids, None).unwrap();
        assert_eq!(ids(&e), ["b1", "b2"]);
        assert_eq!(e.ranking[0].tie_decided_by.as_deref(), Some("G1"));
        assert_eq!(values(&e.ranking[0])[1], ("G1".into(), dec("84"), true));
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
            "bidders b1, b2 are tied for first place, also on the tie-break criteria; \
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

    /// A valid bid whose total is zero (only a free B line) cannot be given price points.
    #[test]
    fn zero_total_price_is_an_error() {
        let lines = vec![line("B1", "B", "1", true)];
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
}
