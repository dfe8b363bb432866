//! Property test over generated tender structures: any number of price lines and components
//! (in the total or not), quality criteria, scales, decimals, award bases and bidders. Every
//! evaluation either fails with a [`ScoringError`] or is consistent: totals are the sums of
//! their parts, points stay within their maxima, the ranking follows the basis and the
//! tie-break rules, and nothing panics.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;

fn cents(c: u32) -> Decimal {
    Decimal::new(i64::from(c), 2)
}

/// A generated tender: price lines, rules and bids with a lottery covering every bidder.
#[derive(Debug)]
struct Case {
    lines: Vec<PriceLine>,
    rules: Rules,
    bids: Vec<BidInput>,
    lottery: Vec<String>,
}

fn basis() -> impl Strategy<Value = Basis> {
    prop_oneof![
        Just(Basis::Points(PriceMethod::Relative)),
        (1u32..300).prop_map(|p| Basis::Points(PriceMethod::Linear(ZeroAt::PercentAbove(
            Decimal::from(p)
        )))),
        (1u32..2_000_000)
            .prop_map(|p| Basis::Points(PriceMethod::Linear(ZeroAt::Price(Decimal::from(p))))),
        Just(Basis::LowestPrice),
        (0u32..500_000).prop_map(|c| Basis::Value {
            euros_per_point: cents(c)
        }),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (
        // Price lines: (component index 0-3, in total, volume in hundredths, zero allowed).
        prop::collection::vec(
            (0usize..4, any::<bool>(), 1u32..100_000, any::<bool>()),
            0..7,
        ),
        // Quality: sub-criteria per group (a group with 1 is a criterion without sub-criteria).
        prop::collection::vec(prop::collection::vec(0u32..5000, 1..4), 0..4),
        // The scale: distinct scores, 0 maybe among them.
        prop::collection::btree_set(0u32..12, 1..6),
        basis(),
        (0u32..5, 0u32..5, 0u32..10_000),
        1usize..9,
        any::<u64>(),
    )
        .prop_map(|(lines, groups, scale, basis, (pd, qd, max), n, seed)| {
            let lines: Vec<PriceLine> = lines
                .into_iter()
                .enumerate()
                .map(|(i, (c, in_total, v, zero))| PriceLine {
                    id: format!("L{i}"),
                    component: ["A", "B", "C", "D"][c].into(),
                    in_total,
                    volume: cents(v),
                    zero_allowed: zero,
                })
                .collect();
            let lowest_price = basis == Basis::LowestPrice;
            let groups = if lowest_price { Vec::new() } else { groups };
            let mut criteria = Vec::new();
            let mut tie_break = vec![TieCriterion {
                id: "P".into(),
                kind: TieKind::Price,
            }];
            for (g, subs) in groups.iter().enumerate() {
                let ids: Vec<String> = (0..subs.len()).map(|s| format!("Q{g}.{s}")).collect();
                for (id, m) in ids.iter().zip(subs) {
                    criteria.push(Criterion {
                        id: id.clone(),
                        max_points: cents(*m),
                    });
                }
                tie_break.insert(
                    0,
                    TieCriterion {
                        id: format!("Q{g}"),
                        kind: TieKind::Quality(ids),
                    },
                );
            }
            let scale: Vec<u32> = scale.into_iter().collect();
            let scale_max = *scale.last().unwrap();
            let rules = Rules {
                basis,
                price_max_points: if matches!(basis, Basis::Points(_)) {
                    cents(max)
                } else {
                    Decimal::ZERO
                },
                price_decimals: pd,
                quality_decimals: qd,
                tie_break,
                criteria,
                scale,
                scale_max,
            };
            // Bids from a simple generator seeded by proptest, so that equal prices and
            // scores (ties) are frequent.
            let mut x = seed | 1;
            let mut next = |m: u64| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % m
            };
            let bids: Vec<BidInput> = (0..n)
                .map(|b| BidInput {
                    id: format!("b{b}"),
                    status: if next(8) == 0 {
                        BidStatus::Excluded
                    } else {
                        BidStatus::Valid
                    },
                    rates: rules_rates(&lines, &mut next),
                    scores: rules
                        .criteria
                        .iter()
                        .map(|c| {
                            let s = rules.scale[next(rules.scale.len() as u64) as usize];
                            (c.id.clone(), s)
                        })
                        .collect(),
                })
                .collect();
            let mut lottery: Vec<String> = bids.iter().map(|b| b.id.clone()).collect();
            lottery.rotate_left(seed as usize % n);
            Case {
                lines,
                rules,
                bids,
                lottery,
            }
        })
}

fn rules_rates(
    lines: &[PriceLine],
    next: &mut impl FnMut(u64) -> u64,
) -> BTreeMap<String, Decimal> {
    lines
        .iter()
        .map(|l| {
            // Few distinct rates, so that equal totals happen.
            let r = [0u32, 100, 2500, 9999, 10000][next(5) as usize];
            let r = if r == 0 && !l.zero_allowed { 1 } else { r };
            (l.id.clone(), cents(r))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn evaluation_is_consistent(c in case()) {
        let Ok(e) = evaluate(&c.lines, &c.rules, &c.bids, Some(&c.lottery)) else {
            // A refusal (e.g. a zero total under the relative method) is an answer, not a panic.
            return Ok(());
        };
        // Every bid is either ranked or excluded, once.
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for id in e.ranking.iter().map(|r| &r.id).chain(e.excluded.iter().map(|x| &x.id)) {
            prop_assert!(seen.insert(id));
        }
        prop_assert_eq!(seen.len(), c.bids.len());
        prop_assert_eq!(e.winner.as_ref(), e.ranking.first().map(|r| &r.id));
        let lowest = e.ranking.iter().map(|r| r.total_price).min();
        prop_assert_eq!(e.lowest_price, lowest);

        for r in &e.ranking {
            let bid = c.bids.iter().find(|b| b.id == r.id).unwrap();
            // The total price is Σ volume × rate over the lines in the total.
            let total: Decimal = c
                .lines
                .iter()
                .filter(|l| l.in_total)
                .map(|l| l.volume * bid.rates[&l.id])
                .sum();
            prop_assert_eq!(r.total_price, total);
            // Quality is the sum of the criteria, each within its maximum and rounded.
            let q: Decimal = r.criteria.iter().map(|c| c.points).sum();
            prop_assert_eq!(r.quality_points, q);
            for cp in &r.criteria {
                prop_assert!(cp.points >= Decimal::ZERO);
                prop_assert!(cp.points <= round_to(cp.max_points, c.rules.quality_decimals) );
                prop_assert!(cp.points.scale() == c.rules.quality_decimals);
                prop_assert!(c.rules.scale.contains(&cp.score) && cp.score > 0);
            }
            prop_assert_eq!(r.total_points, r.price_points + r.quality_points);
            prop_assert!(r.price_points >= Decimal::ZERO);
            prop_assert!(r.price_points <= round_to(c.rules.price_max_points, c.rules.price_decimals));
            match c.rules.basis {
                Basis::Points(_) => {
                    if Some(r.total_price) == lowest {
                        prop_assert_eq!(
                            r.price_points,
                            round_to(c.rules.price_max_points, c.rules.price_decimals)
                        );
                    }
                }
                Basis::LowestPrice => prop_assert!(r.price_points.is_zero()),
                Basis::Value { euros_per_point } => {
                    prop_assert_eq!(r.quality_value, Some(r.quality_points * euros_per_point));
                    prop_assert_eq!(r.fictitious_price, Some(r.total_price - r.quality_points * euros_per_point));
                }
            }
        }
        // Ranks follow the rules: better or equal on the basis and tie-break criteria, and
        // ranks ascend (1, 2, … with shared ranks only for shared ties).
        for w in e.ranking.windows(2) {
            let better = match c.rules.basis {
                Basis::Points(_) => w[0].total_points >= w[1].total_points,
                Basis::LowestPrice => w[0].total_price <= w[1].total_price,
                Basis::Value { .. } => w[0].fictitious_price <= w[1].fictitious_price,
            };
            prop_assert!(better, "{:?} before {:?}", w[0], w[1]);
            prop_assert!(w[0].rank <= w[1].rank);
            if w[0].rank == w[1].rank {
                prop_assert_eq!(w[0].tie_break, TieBreak::Shared);
            }
        }
        for (i, r) in e.ranking.iter().enumerate() {
            if r.tie_break != TieBreak::Shared {
                prop_assert_eq!(r.rank as usize, i + 1);
            }
        }
        // A tie decided by the criteria names the deciding one: the first tie-break criterion
        // on which this bid differs from a bid equal to it on the basis, and none before it.
        for r in &e.ranking {
            if r.tie_break == TieBreak::Criteria {
                let id = r.tie_decided_by.as_ref();
                prop_assert!(id.is_some(), "{:?}", r);
                let i = r.tie_values.iter().position(|v| Some(&v.criterion) == id);
                prop_assert!(i.is_some(), "{:?}", r);
                let key = |b: &BidResult| match c.rules.basis {
                    Basis::Points(_) => Some(b.total_points),
                    Basis::LowestPrice => Some(b.total_price),
                    Basis::Value { .. } => b.fictitious_price,
                };
                let peers: Vec<_> = e
                    .ranking
                    .iter()
                    .filter(|o| o.id != r.id && key(o) == key(r))
                    .collect();
                prop_assert!(peers.iter().all(|p| p.tie_decided_by == r.tie_decided_by));
                let i = i.unwrap();
                prop_assert!(peers.iter().all(|p| p.tie_values[..i].iter().map(|v| v.value).eq(r.tie_values[..i].iter().map(|v| v.value))));
            }
        }
        // With a lottery covering every bidder, no first place is shared.
        if let Some(first) = e.ranking.first() {
            prop_assert_ne!(first.tie_break, TieBreak::Shared);
        }
    }
}
