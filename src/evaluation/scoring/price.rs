//! The total tender price and the price points (seed §5.2, §5.2.1): Σ volume × rate over the
//! lines of components A and B, then lowest / own × max. The rules for the rates of the price
//! form (every line priced, never negative, zero only where the form allows it) live here and
//! only here, so a rate check for another caller (such as the price-form import) belongs in this
//! file too.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{PriceLine, ScoringError, round_points};

/// The total tender price of one bid: Σ volume × rate over components A and B, exact.
///
/// Every line is checked, C included (it must be priced even though it does not count).
/// `bidder` is only used to name the bid in errors.
pub(crate) fn total_price(
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
        check_rate(bidder, line, rate)?;
        if line.component.in_total() {
            total += line.volume * rate;
        }
    }
    Ok(total)
}

/// The rules for one offered rate (seed §5.2, §5.2.1): "absoluut niet toegestaan negatieve
/// prijzen aan te bieden", and a zero rate only where the form allows it (component B, not A
/// and C). `bidder` is only used to name the bid in errors.
fn check_rate(bidder: &str, line: &PriceLine, rate: Decimal) -> Result<(), ScoringError> {
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
    Ok(())
}

/// Price points: lowest / own × max, rounded to two decimals (seed §5.2.1). Computed as
/// lowest × max / own so the only inexact step is the final division.
///
/// # Panics
/// When `own` is zero; [`evaluate`] rejects a zero total price first ([`ScoringError::ZeroTotalPrice`]).
pub(crate) fn price_points(lowest: Decimal, own: Decimal, max: Decimal) -> Decimal {
    round_points(lowest * max / own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::scoring::fixtures::*;
    use crate::evaluation::scoring::*;

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
}
