//! The price scoring methods and the fictitious price of gunnen op waarde: one implementation
//! each, used by the evaluation and explained in the invitation (§5.2.1) and the letters.

use rust_decimal::Decimal;

use super::{PriceMethod, ZeroAt, round_to};

/// Price points of a total price `own` against the `lowest` valid total price, rounded to
/// `decimals` (half away from zero). Multiplies before dividing, so the only inexact step is
/// the final division.
///
/// - [`PriceMethod::Relative`]: lowest × max / own. The lowest bid gets exactly the maximum.
/// - [`PriceMethod::Linear`]: max × (zero − own) / (zero − lowest), where `zero` is the stated
///   price or lowest × (1 + percentage / 100); the lowest bid gets the maximum, a price at or
///   above `zero` gets 0 (never negative points).
///
/// # Panics
/// [`PriceMethod::Relative`] with `own` zero; [`super::evaluate`] rejects a zero total price
/// first ([`super::ScoringError::ZeroTotalPrice`]).
pub(crate) fn price_points(
    method: PriceMethod,
    lowest: Decimal,
    own: Decimal,
    max: Decimal,
    decimals: u32,
) -> Decimal {
    let exact = match method {
        PriceMethod::Relative => lowest * max / own,
        PriceMethod::Linear(zero_at) => {
            let zero = zero_price(zero_at, lowest);
            if own <= lowest {
                max
            } else if own >= zero {
                Decimal::ZERO
            } else {
                max * (zero - own) / (zero - lowest)
            }
        }
    };
    round_to(exact, decimals)
}

/// The total price at which the linear method gives 0 points.
pub(crate) fn zero_price(zero_at: ZeroAt, lowest: Decimal) -> Decimal {
    match zero_at {
        ZeroAt::Price(p) => p,
        ZeroAt::PercentAbove(pct) => lowest * (Decimal::ONE_HUNDRED + pct) / Decimal::ONE_HUNDRED,
    }
}

/// Gunnen op waarde: the quality value in euros (quality points × euros per point, exact: the
/// points are already rounded) and the fictitious price total − value, which may be negative.
pub(crate) fn fictitious_price(
    total_price: Decimal,
    quality_points: Decimal,
    euros_per_point: Decimal,
) -> (Decimal, Decimal) {
    let value = quality_points * euros_per_point;
    (value, total_price - value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::scoring::fixtures::*;
    use crate::evaluation::scoring::*;

    const REL: PriceMethod = PriceMethod::Relative;

    fn linear_pct(p: &str) -> PriceMethod {
        PriceMethod::Linear(ZeroAt::PercentAbove(dec(p)))
    }

    /// Each case (lowest, own, max, decimals, expected points) under `method`.
    fn assert_points(method: PriceMethod, cases: &[(&str, &str, &str, u32, &str)]) {
        for &(lowest, own, max, decimals, expected) in cases {
            assert_eq!(
                price_points(method, dec(lowest), dec(own), dec(max), decimals),
                dec(expected),
                "lowest {lowest}, own {own}, max {max}, {decimals} decimals"
            );
        }
    }

    /// Rounding edge in relative price points: 800000 × 25 / 1280000 = 15.625 exactly. Half
    /// away from zero gives 15.63 (banker's rounding would give 15.62); 93780 × 25 / 100000 =
    /// 23.445 → 23.45 (banker's: 23.44); 25 / 9 = 2.777… → 2.78 (up), 25 / 7 = 3.5714… → 3.57
    /// (down); the lowest bid gets exactly the maximum.
    #[test]
    fn relative_exact_midpoint_rounds_up() {
        assert_eq!(dec("800000") * dec("25") / dec("1280000"), dec("15.625"));
        assert_points(
            REL,
            &[
                ("800000", "1280000", "25", 2, "15.63"),
                ("93780", "100000", "25", 2, "23.45"),
                ("1", "9", "25", 2, "2.78"),
                ("1", "7", "25", 2, "3.57"),
                ("125000", "125000", "25", 2, "25.00"),
            ],
        );
    }

    /// Why lowest × max / own and not (lowest / own) × max: with max 30, 2003 / 6000 =
    /// 0.33383333… is inexact, and × 30 gives 10.01499999…, which would round to 10.01; the
    /// exact value 2003 × 30 / 6000 = 60090 / 6000 = 10.015 rounds to 10.02.
    #[test]
    fn relative_multiplies_before_dividing() {
        let naive = round_points(dec("2003") / dec("6000") * dec("30"));
        assert_eq!(naive, dec("10.01"));
        assert_points(REL, &[("2003", "6000", "30", 2, "10.02")]);
    }

    /// Decimals come from the data: 25 / 7 = 3.571428… → 3.571 with three decimals, 4 with
    /// none; 25 / 8 = 3.125 → 3.13 (two), 3 (none: 3.125 is below the midpoint 3.5).
    #[test]
    fn decimals_from_the_data() {
        assert_points(
            REL,
            &[
                ("1", "7", "25", 3, "3.571"),
                ("1", "7", "25", 0, "4"),
                ("1", "8", "25", 2, "3.13"),
                ("1", "8", "25", 0, "3"),
            ],
        );
    }

    /// Linear with zero points at 50 % above the lowest (lowest 100000, zero at 150000), max 40:
    /// 100000 → 40.00; 110000 → 40 × 40000 / 50000 = 32.00; 125000 → 20.00; 149999 → 40 × 1 /
    /// 50000 = 0.0008 → 0.00; 150000 and 200000 → 0.00 (never negative). Rounding edge: 40 ×
    /// (150000 − 130625) / 50000 = 15.5; with max 30: 11.625 → 11.63.
    #[test]
    fn linear_percentage_above_lowest() {
        assert_points(
            linear_pct("50"),
            &[
                ("100000", "100000", "40", 2, "40.00"),
                ("100000", "110000", "40", 2, "32.00"),
                ("100000", "125000", "40", 2, "20.00"),
                ("100000", "149999", "40", 2, "0.00"),
                ("100000", "150000", "40", 2, "0.00"),
                ("100000", "200000", "40", 2, "0.00"),
                ("100000", "130625", "30", 2, "11.63"),
            ],
        );
    }

    /// Linear with a stated zero-points price 200000, lowest 120000, max 30: 160000 → 30 ×
    /// 40000 / 80000 = 15.00; 170000 → 11.25; 180001 → 30 × 19999 / 80000 = 7.499625 → 7.50.
    /// A stated price below the lowest gives the lowest the maximum and everybody else 0.
    #[test]
    fn linear_stated_price() {
        assert_points(
            PriceMethod::Linear(ZeroAt::Price(dec("200000"))),
            &[
                ("120000", "120000", "30", 2, "30.00"),
                ("120000", "160000", "30", 2, "15.00"),
                ("120000", "170000", "30", 2, "11.25"),
                ("120000", "180001", "30", 2, "7.50"),
                ("120000", "250000", "30", 2, "0.00"),
            ],
        );
        assert_points(
            PriceMethod::Linear(ZeroAt::Price(dec("100000"))),
            &[
                ("120000", "120000", "30", 2, "30.00"),
                ("120000", "130000", "30", 2, "0.00"),
            ],
        );
    }

    /// Gunnen op waarde at € 1.000 per quality point: 60.00 points are worth € 60.000, so a
    /// price of € 500.000 becomes a fictitious € 440.000; a value larger than the price gives a
    /// negative fictitious price, which still ranks.
    #[test]
    fn fictitious_price_subtracts_the_quality_value() {
        assert_eq!(
            fictitious_price(dec("500000"), dec("60.00"), dec("1000")),
            (dec("60000"), dec("440000"))
        );
        assert_eq!(
            fictitious_price(dec("1000"), dec("12.50"), dec("100")),
            (dec("1250"), dec("-250"))
        );
    }

    /// The whole evaluation on each basis, computed by hand with the one-line form (total =
    /// rate) and criteria 20/20/35 on the scale 0-10:
    ///
    /// b1: price 100000, scores 8,8,8 → 16 + 16 + 28 = 60.00
    /// b2: price 120000, scores 10,10,10 → 75.00
    /// b3: price 90000, scores 6,6,6 → 12 + 12 + 21 = 45.00
    #[test]
    fn every_basis_hand_computed() {
        let bids = vec![
            simple_bid("b1", "100000", [8, 8, 8]),
            simple_bid("b2", "120000", [10, 10, 10]),
            simple_bid("b3", "90000", [6, 6, 6]),
        ];
        // Linear, 0 points at 100 % above the lowest (180000), max 25:
        // b1 25 × 80000 / 90000 = 22.222… → 22.22 → 82.22
        // b2 25 × 60000 / 90000 = 16.666… → 16.67 → 91.67
        // b3 25.00 → 70.00
        let mut rules = seed_rules();
        rules.basis = Basis::Points(linear_pct("100"));
        let e = evaluate(&simple_lines(), &rules, &bids, None).unwrap();
        assert_eq!(ids(&e), ["b2", "b1", "b3"]);
        let pts: Vec<_> = e.ranking.iter().map(|r| r.total_points).collect();
        assert_eq!(pts, [dec("91.67"), dec("82.22"), dec("70.00")]);

        // Lowest price: b3, b1, b2; no price points.
        let mut rules = seed_rules();
        rules.basis = Basis::LowestPrice;
        rules.price_max_points = Decimal::ZERO;
        rules.criteria.clear();
        rules.tie_break.clear();
        let plain: Vec<BidInput> = bids
            .iter()
            .map(|b| BidInput {
                scores: Default::default(),
                ..b.clone()
            })
            .collect();
        let e = evaluate(&simple_lines(), &rules, &plain, None).unwrap();
        assert_eq!(ids(&e), ["b3", "b1", "b2"]);
        assert!(e.ranking.iter().all(|r| r.total_points.is_zero()));

        // Gunnen op waarde at € 500 per point:
        // b1 100000 − 60 × 500 = 70000; b2 120000 − 37500 = 82500; b3 90000 − 22500 = 67500.
        let mut rules = seed_rules();
        rules.basis = Basis::Value {
            euros_per_point: dec("500"),
        };
        rules.price_max_points = Decimal::ZERO;
        let e = evaluate(&simple_lines(), &rules, &bids, None).unwrap();
        assert_eq!(ids(&e), ["b3", "b1", "b2"]);
        let fict: Vec<_> = e.ranking.iter().map(|r| r.fictitious_price).collect();
        assert_eq!(
            fict,
            [Some(dec("67500")), Some(dec("70000")), Some(dec("82500"))]
        );
        assert_eq!(e.ranking[0].quality_value, Some(dec("22500.00")));
    }

    /// Equal prices on lowest price go to the lottery; with one bidder it wins outright.
    #[test]
    fn lowest_price_ties_and_one_bidder() {
        let mut rules = seed_rules();
        rules.basis = Basis::LowestPrice;
        rules.criteria.clear();
        rules.tie_break.clear();
        let bid = |id: &str, p: &str| BidInput {
            scores: Default::default(),
            ..simple_bid(id, p, [6, 6, 6])
        };
        let err = evaluate(
            &simple_lines(),
            &rules,
            &[bid("a", "10"), bid("b", "10")],
            None,
        )
        .unwrap_err();
        assert!(matches!(err, ScoringError::UnresolvedTie { .. }));
        let lottery = vec!["b".to_string(), "a".to_string()];
        let e = evaluate(
            &simple_lines(),
            &rules,
            &[bid("a", "10"), bid("b", "10"), bid("c", "11")],
            Some(&lottery),
        )
        .unwrap();
        assert_eq!(ids(&e), ["b", "a", "c"]);
        assert_eq!(e.ranking[0].tie_break, TieBreak::Lottery);
        let e = evaluate(&simple_lines(), &rules, &[bid("a", "10")], None).unwrap();
        assert_eq!(e.winner.as_deref(), Some("a"));
    }

    /// Gunnen op waarde with equal fictitious prices: the tie-break criteria (quality total)
    /// decide. b1 100000 − 60 × 1000 = 40000; b2 85000 − 45 × 1000 = 40000; b1 has more quality.
    #[test]
    fn value_tie_broken_by_quality() {
        let mut rules = seed_rules();
        rules.basis = Basis::Value {
            euros_per_point: dec("1000"),
        };
        let bids = vec![
            simple_bid("b2", "85000", [6, 6, 6]),
            simple_bid("b1", "100000", [8, 8, 8]),
        ];
        let e = evaluate(&simple_lines(), &rules, &bids, None).unwrap();
        assert_eq!(ids(&e), ["b1", "b2"]);
        assert_eq!(e.ranking[0].tie_break, TieBreak::Criteria);
    }
}
