//! Price forms, rules and bids shared by the unit tests of the scoring.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::*;

pub(super) fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub(super) fn line(id: &str, component: &str, volume: &str, zero_allowed: bool) -> PriceLine {
    PriceLine {
        id: id.into(),
        component: component.into(),
        // The seed's optional services (C) are priced but not counted.
        in_total: component != "C",
        volume: dec(volume),
        zero_allowed,
    }
}

/// A price form shaped like the seed's: A hourly rate + A annual overhead, B one-off
/// implementation (zero allowed), C optional services (priced, not counted).
pub(super) fn seed_lines() -> Vec<PriceLine> {
    vec![
        line("A1", "A", "1000", false), // hours of standard service
        line("A2", "A", "4", false),    // years of overhead
        line("B1", "B", "1", true),     // implementation, once
        line("C1", "C", "100", false),  // optional hours
    ]
}

/// The seed's table §5.1: price 25, G2.1 20, G2.2 20, G2.3 35 (total 100).
pub(super) fn seed_rules() -> Rules {
    Rules {
        basis: Basis::Points(PriceMethod::Relative),
        price_max_points: dec("25"),
        price_decimals: 2,
        quality_decimals: 2,
        tie_break: vec![TieCriterion {
            id: "G2".into(),
            kind: TieKind::Quality(vec!["G2.1".into(), "G2.2".into(), "G2.3".into()]),
        }],
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

pub(super) fn rates(pairs: &[(&str, &str)]) -> BTreeMap<String, Decimal> {
    pairs.iter().map(|(k, v)| (k.to_string(), dec(v))).collect()
}

pub(super) fn seed_bid(id: &str, a1: &str, a2: &str, b1: &str, scores: [u32; 3]) -> BidInput {
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
pub(super) fn simple_lines() -> Vec<PriceLine> {
    vec![line("A1", "A", "1", false)]
}

pub(super) fn simple_bid(id: &str, price: &str, scores: [u32; 3]) -> BidInput {
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

pub(super) fn ids(e: &Evaluation) -> Vec<&str> {
    e.ranking.iter().map(|r| r.id.as_str()).collect()
}
