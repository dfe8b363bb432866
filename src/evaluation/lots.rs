//! The award limit across lots (gunningsbeperking, Directive 2014/24 art. 46(2), art. 1.5
//! Aw 2012): each lot is evaluated on its own (`per_lot`); this pure function then decides who
//! is awarded each lot when one bidder would win more lots than the limit allows, and records
//! every step for the evaluation record and `evaluation.json`.
//!
//! The rule, as the invitation words it (`templates/itt/percelen.typ.tera`): a bidder over the
//! limit keeps the lots that come first in the tender's order (highest estimated value, lowest
//! number, or its own stated preference); each other lot goes to the next bidder in that lot's
//! ranking, to whom the limit applies in the same way; a lot whose ranking runs out is not
//! awarded.
//!
//! Implemented as lot-proposing deferred acceptance: every lot is provisionally held by the
//! first bidder of its ranking; while a bidder holds more lots than the limit, it keeps the
//! first ones in its order and releases the others, each of which passes to its next ranked
//! bidder. A bidder never gets back a lot it released. With one order for all bidders (value
//! or number) the result is the same as awarding the lots one by one in that order to the
//! best-ranked bidder still under the limit, and the result never depends on which bidder over
//! the limit is handled first; the steps are recorded in a fixed order (lowest lot, then
//! bidder id) so the record is deterministic too.
//!
//! A new award decision on some lots (a winner fell through, §2.8 of the invitation) runs the
//! same allocation over the affected lots only, each ranking without the fallen bid, with the
//! lots every bidder holds under the decisions that stand (`held`): those count against the
//! limit and are always kept, since a decision that stands is not reopened (legal certainty;
//! each lot is its own award decision, art. 2.130 Aw 2012). A bidder at the limit through its
//! held lots is passed over on every affected lot.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

pub use crate::model::tender::AwardOrder;

/// One lot as the allocation sees it.
#[derive(Debug, Clone)]
pub struct LotRanking {
    pub number: u32,
    /// The lot's estimated value (for the order `value`).
    pub value: Decimal,
    /// The ids of the lot's valid bids, best first, ties already decided.
    pub ranking: Vec<String>,
}

/// The award limit: at most `max_lots` per bidder, kept in `order`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max_lots: u32,
    pub order: AwardOrder,
}

/// The lots each bidder holds under award decisions that stand (none for a first decision).
pub type Held = BTreeMap<String, Vec<u32>>;

/// The result: per lot who is awarded it, and the steps that led there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Allocation {
    /// One entry per lot, in the order given.
    pub lots: Vec<LotAward>,
    /// Every release the limit forced, in the order made.
    pub steps: Vec<Step>,
    /// The lots held under decisions that stand, as given (a new decision on some lots).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub held: Held,
}

/// The outcome of one lot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LotAward {
    pub lot: u32,
    /// The first of the lot's own ranking, the winner without the limit (`None`: no valid bid).
    pub provisional: Option<String>,
    /// Who is awarded the lot (`None`: nobody is left who may be awarded it).
    pub winner: Option<String>,
    /// Whether the limit moved the lot away from its provisional winner.
    pub moved: bool,
    /// The bidders ranked above the winner that the limit passed over, best first.
    pub passed_over: Vec<String>,
    /// The winner's rank in the lot's own ranking (1 = first).
    pub winner_rank: Option<usize>,
}

/// One release: `bidder` held more than the limit, kept `kept` and gave up `lot`, which
/// passed to `to`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub lot: u32,
    pub bidder: String,
    /// The lots the bidder kept at this step: those it holds under decisions that stand
    /// (`held`), then the others in its order.
    pub kept: Vec<u32>,
    /// Of `kept`, the lots held under decisions that stand (a new decision on some lots).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub held: Vec<u32>,
    /// The order that decided what it kept.
    pub order: AwardOrder,
    /// The next bidder in the lot's ranking, now holding it (`None`: the ranking ran out).
    pub to: Option<String>,
}

/// Who is awarded each lot under `limit` (none: every lot to the first of its ranking).
/// `preferences`: per bidder its lots, most wanted first (for the order `preference`; a lot it
/// does not list comes after those it does, lowest number first). `held`: per bidder the lots
/// it holds under decisions that stand, outside `lots` (empty for a first decision).
pub fn allocate(
    lots: &[LotRanking],
    limit: Option<Limit>,
    preferences: &BTreeMap<String, Vec<u32>>,
    held: &Held,
) -> Allocation {
    // Per lot: the position in its ranking of the bidder holding it (== len: nobody).
    let mut at: Vec<usize> = vec![0; lots.len()];
    let mut steps = Vec::new();
    if let Some(limit) = limit {
        let max = limit.max_lots as usize;
        let standing = |bidder: &str| held.get(bidder).cloned().unwrap_or_default();
        // What a bidder may still be awarded of these lots, after those it holds.
        let room = |bidder: &str| max.saturating_sub(standing(bidder).len());
        let key = |bidder: &str, i: usize| -> (i64, Decimal, u32) {
            let lot = &lots[i];
            match limit.order {
                AwardOrder::Value => (0, -lot.value, lot.number),
                AwardOrder::Number => (0, Decimal::ZERO, lot.number),
                AwardOrder::Preference => {
                    let rank = preferences
                        .get(bidder)
                        .and_then(|p| p.iter().position(|n| *n == lot.number))
                        .map_or(i64::MAX, |r| r as i64);
                    (rank, Decimal::ZERO, lot.number)
                }
            }
        };
        loop {
            // Holdings per bidder (lot indices), in lot order.
            let mut holdings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (i, lot) in lots.iter().enumerate() {
                if let Some(b) = lot.ranking.get(at[i]) {
                    holdings.entry(b.as_str()).or_default().push(i);
                }
            }
            // The over-limit bidder holding the lowest lot (ties: lowest id): a fixed order.
            let Some((bidder, mut holding)) = holdings
                .into_iter()
                .filter(|(b, h)| h.len() > room(b))
                .min_by_key(|(b, h)| (lots[h[0]].number, b.to_string()))
                .map(|(b, h)| (b.to_string(), h))
            else {
                break;
            };
            holding.sort_by_key(|&i| key(&bidder, i));
            let room = room(&bidder);
            let held_lots = standing(&bidder);
            let kept: Vec<u32> = held_lots
                .iter()
                .copied()
                .chain(holding[..room].iter().map(|&i| lots[i].number))
                .collect();
            let mut released = holding[room..].to_vec();
            released.sort_by_key(|&i| lots[i].number);
            for i in released {
                at[i] += 1;
                steps.push(Step {
                    lot: lots[i].number,
                    bidder: bidder.clone(),
                    kept: kept.clone(),
                    held: held_lots.clone(),
                    order: limit.order,
                    to: lots[i].ranking.get(at[i]).cloned(),
                });
            }
        }
    }
    let lots = lots
        .iter()
        .zip(at)
        .map(|(lot, at)| {
            let winner = lot.ranking.get(at).cloned();
            LotAward {
                lot: lot.number,
                provisional: lot.ranking.first().cloned(),
                moved: at > 0,
                passed_over: lot.ranking.iter().take(at).cloned().collect(),
                winner_rank: winner.as_ref().map(|_| at + 1),
                winner,
            }
        })
        .collect();
    Allocation {
        lots,
        steps,
        held: held.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lot(number: u32, value: i64, ranking: &[&str]) -> LotRanking {
        LotRanking {
            number,
            value: Decimal::from(value),
            ranking: ranking.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn winners(a: &Allocation) -> Vec<Option<&str>> {
        a.lots.iter().map(|l| l.winner.as_deref()).collect()
    }

    fn one(order: AwardOrder) -> Option<Limit> {
        Some(Limit { max_lots: 1, order })
    }

    /// Three lots; X ranks first on lots 1 and 3, Y first on lot 2. Lot 3 is worth most.
    fn three() -> Vec<LotRanking> {
        vec![
            lot(1, 100_000, &["X", "Z", "Y"]),
            lot(2, 200_000, &["Y", "X", "Z"]),
            lot(3, 300_000, &["X", "Y", "Z"]),
        ]
    }

    #[test]
    fn without_a_limit_each_lot_goes_to_its_first() {
        let a = allocate(&three(), None, &BTreeMap::new(), &Held::new());
        assert_eq!(winners(&a), [Some("X"), Some("Y"), Some("X")]);
        assert!(a.steps.is_empty() && a.lots.iter().all(|l| !l.moved));
    }

    /// By value: X keeps lot 3 (300.000) and gives up lot 1, which goes to Z (Y is ranked
    /// after Z on lot 1).
    #[test]
    fn by_value_the_bidder_keeps_its_most_valuable_lot() {
        let a = allocate(
            &three(),
            one(AwardOrder::Value),
            &BTreeMap::new(),
            &Held::new(),
        );
        assert_eq!(winners(&a), [Some("Z"), Some("Y"), Some("X")]);
        assert_eq!(
            a.steps,
            [Step {
                lot: 1,
                bidder: "X".into(),
                kept: vec![3],
                held: vec![],
                order: AwardOrder::Value,
                to: Some("Z".into()),
            }]
        );
        let l1 = &a.lots[0];
        assert_eq!(l1.provisional.as_deref(), Some("X"));
        assert!(l1.moved);
        assert_eq!(l1.passed_over, ["X"]);
        assert_eq!(l1.winner_rank, Some(2));
        assert!(!a.lots[2].moved);
    }

    /// By number: X keeps lot 1 and gives up lot 3, which goes to Y, ranked second there;
    /// but Y already holds lot 2, so Y keeps lot 2 (lower number) and lot 3 passes to Z.
    #[test]
    fn by_number_the_next_bidder_is_capped_too() {
        let a = allocate(
            &three(),
            one(AwardOrder::Number),
            &BTreeMap::new(),
            &Held::new(),
        );
        assert_eq!(winners(&a), [Some("X"), Some("Y"), Some("Z")]);
        let moves: Vec<(u32, &str, Option<&str>)> = a
            .steps
            .iter()
            .map(|s| (s.lot, s.bidder.as_str(), s.to.as_deref()))
            .collect();
        assert_eq!(moves, [(3, "X", Some("Y")), (3, "Y", Some("Z"))]);
        assert_eq!(a.lots[2].passed_over, ["X", "Y"]);
        assert_eq!(a.lots[2].winner_rank, Some(3));
    }

    /// A bidder that tendered only for some lots is simply absent from the others' rankings:
    /// W tendered for lot 1 only and gets it when X gives it up, although Z is ranked on
    /// lots 2 and 3.
    #[test]
    fn a_bidder_for_some_lots_only() {
        let lots = vec![
            lot(1, 100_000, &["X", "W"]),
            lot(2, 200_000, &["X", "Z"]),
            lot(3, 300_000, &["X", "Z"]),
        ];
        let a = allocate(
            &lots,
            one(AwardOrder::Value),
            &BTreeMap::new(),
            &Held::new(),
        );
        // X keeps lot 3; lot 2 goes to Z; lot 1 to W.
        assert_eq!(winners(&a), [Some("W"), Some("Z"), Some("X")]);
        assert_eq!(a.steps.len(), 2);
        assert_eq!(a.steps[0].kept, [3]);
    }

    /// A lot whose ranking runs out is not awarded: lot 1 has X alone, X keeps lot 2.
    #[test]
    fn a_lot_left_without_an_eligible_bidder() {
        let lots = vec![
            lot(1, 100_000, &["X"]),
            lot(2, 200_000, &["X", "Y"]),
            lot(3, 50_000, &[]),
        ];
        let a = allocate(
            &lots,
            one(AwardOrder::Value),
            &BTreeMap::new(),
            &Held::new(),
        );
        assert_eq!(winners(&a), [None, Some("X"), None]);
        assert_eq!(a.steps[0].to, None);
        assert!(a.lots[0].moved && a.lots[0].winner_rank.is_none());
        // No bid at all: nothing provisional, nothing moved.
        assert_eq!(a.lots[2].provisional, None);
        assert!(!a.lots[2].moved);
    }

    /// By preference: X prefers lot 1 to lot 3, so keeps lot 1 although lot 3 is worth more.
    #[test]
    fn by_preference_the_bidder_keeps_its_own_choice() {
        let prefs = BTreeMap::from([("X".to_string(), vec![1, 3])]);
        let a = allocate(&three(), one(AwardOrder::Preference), &prefs, &Held::new());
        // Lot 3 passes to Y, who prefers (unlisted: lowest number first) lot 2 and gives up
        // lot 3 to Z.
        assert_eq!(winners(&a), [Some("X"), Some("Y"), Some("Z")]);
        let prefs = BTreeMap::from([("X".to_string(), vec![1, 3]), ("Y".to_string(), vec![3, 2])]);
        let a = allocate(&three(), one(AwardOrder::Preference), &prefs, &Held::new());
        // Y now keeps lot 3 and gives up lot 2 to X, who already holds lot 1, which it
        // prefers: lot 2 goes on to Z.
        assert_eq!(winners(&a), [Some("X"), Some("Z"), Some("Y")]);
        assert_eq!(a.lots[1].passed_over, ["Y", "X"]);
    }

    /// A new decision on lot 1: Y, first there now, holds lot 2 under a decision that
    /// stands and is at the limit of one, so it is passed over and lot 1 goes to Z; the step
    /// records the held lot as kept.
    #[test]
    fn a_new_decision_passes_over_a_bidder_at_the_limit_through_held_lots() {
        let lots = vec![lot(1, 100_000, &["Y", "Z"])];
        let held = Held::from([("Y".to_string(), vec![2])]);
        let a = allocate(&lots, one(AwardOrder::Value), &BTreeMap::new(), &held);
        assert_eq!(winners(&a), [Some("Z")]);
        assert_eq!(
            a.steps,
            [Step {
                lot: 1,
                bidder: "Y".into(),
                kept: vec![2],
                held: vec![2],
                order: AwardOrder::Value,
                to: Some("Z".into()),
            }]
        );
        assert_eq!(a.lots[0].passed_over, ["Y"]);
        assert_eq!(a.held, held);
    }

    /// Two lots of a new decision compete for Y's last place (limit two, lot 3 held): Y keeps
    /// the more valuable lot 2 and lot 1 passes to Z.
    #[test]
    fn two_new_lots_compete_for_one_place_left() {
        let lots = vec![lot(1, 100_000, &["Y", "Z"]), lot(2, 200_000, &["Y", "Z"])];
        let held = Held::from([("Y".to_string(), vec![3])]);
        let limit = Some(Limit {
            max_lots: 2,
            order: AwardOrder::Value,
        });
        let a = allocate(&lots, limit, &BTreeMap::new(), &held);
        assert_eq!(winners(&a), [Some("Z"), Some("Y")]);
        assert_eq!(a.steps.len(), 1);
        assert_eq!((a.steps[0].lot, a.steps[0].to.as_deref()), (1, Some("Z")));
        assert_eq!(a.steps[0].kept, [3, 2]);
        assert_eq!(a.steps[0].held, [3]);
    }

    /// X fell through on lot 1 only and keeps lot 2 (held): lot 1's ranking no longer has X,
    /// and X's held lot takes no place from the others. Z, holding lot 3, still has room.
    #[test]
    fn the_fallen_bidder_keeps_its_other_lots() {
        let lots = vec![lot(1, 100_000, &["Z", "Y"])];
        let held = Held::from([("X".to_string(), vec![2]), ("Z".to_string(), vec![3])]);
        let limit = Some(Limit {
            max_lots: 2,
            order: AwardOrder::Value,
        });
        let a = allocate(&lots, limit, &BTreeMap::new(), &held);
        assert_eq!(winners(&a), [Some("Z")]);
        assert!(a.steps.is_empty() && !a.lots[0].moved);
        // At a limit of one Z is passed over too, and Y gets the lot.
        let a = allocate(&lots, one(AwardOrder::Value), &BTreeMap::new(), &held);
        assert_eq!(winners(&a), [Some("Y")]);
    }

    /// With a limit of two, equal values are kept by the lower number; same data, same
    /// record.
    #[test]
    fn equal_values_keep_the_lower_number_and_the_record_is_deterministic() {
        let lots = vec![
            lot(1, 100_000, &["X", "Y"]),
            lot(2, 100_000, &["X", "Y"]),
            lot(3, 100_000, &["X", "Y"]),
        ];
        let limit = Some(Limit {
            max_lots: 2,
            order: AwardOrder::Value,
        });
        let a = allocate(&lots, limit, &BTreeMap::new(), &Held::new());
        assert_eq!(winners(&a), [Some("X"), Some("X"), Some("Y")]);
        assert_eq!(a, allocate(&lots, limit, &BTreeMap::new(), &Held::new()));
    }
}
