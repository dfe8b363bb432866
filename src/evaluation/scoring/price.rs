//! The total tender price (§5.2): Σ volume × rate over the lines of the components that count
//! towards the total (the price points are in `method.rs`). The rules for the rates of the price
//! form (every line priced, never negative, zero only where the form allows it) live here and
//! only here, so a rate check for another caller (such as the price-form import) belongs in this
//! file too.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{PriceLine, ScoringError};

/// The total tender price of one bid: Σ volume × rate over the lines in the total, exact.
///
/// Every line is checked, optional services included (it must be priced even though it does not count).
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
        if line.in_total {
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
            component: line.component.clone(),
        });
    }
    Ok(())
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
                component: "A".into()
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
}
