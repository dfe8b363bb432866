//! The bundled bids divided over three lots, evaluated per lot through `Project::lot` and the
//! unchanged evaluation, then the award limit.

use rust_decimal::Decimal;

use super::*;

/// Lot 1: the A and B lines only (the C lines are not in the total, so the ranking is the
/// bundled one); lot 2: award.yaml as it is; lot 3: only `werkfit` tenders for it.
const LOTS: &str = r#"
divided: true
award_limit: { max_lots: 1, order: value }
items:
  - { number: 1, title: Noord, scope: [Het noorden.], estimated_value: "200000", maximum_value: "250000", price_lines: [A1, A2, A3, B1] }
  - { number: 2, title: Zuid, scope: [Het zuiden.], estimated_value: "236000", maximum_value: "236000" }
  - { number: 3, title: Stad, scope: [De stad.], estimated_value: "400000", maximum_value: "450000" }
"#;

fn divided() -> Project {
    divided_as(LOTS)
}

/// `lots` with every bid for lots 1 and 2, except `werkfit`, for lot 3 only.
fn divided_as(lots: &str) -> Project {
    crate::model::lots::fixtures::divided(
        lots,
        |id| {
            if id == "werkfit" { vec![3] } else { vec![1, 2] }
        },
    )
}

fn decision(p: &Project) -> Decision {
    p.decision.clone().unwrap()
}

fn winners(o: &LotsOutcome) -> Vec<Option<&str>> {
    o.allocation
        .lots
        .iter()
        .map(|l| l.winner.as_deref())
        .collect()
}

#[test]
fn each_lot_is_ranked_on_its_own_then_the_limit_moves_one() {
    let p = divided();
    let mut problems = Vec::new();
    validate(&p, true, &mut problems);
    assert!(problems.iter().all(|d| !d.is_error()), "{problems:?}");
    let o = evaluate_lots(&p, &decision(&p)).unwrap();
    let ranking = |n: usize| -> Vec<&str> {
        o.lots[n]
            .1
            .evaluation
            .ranking
            .iter()
            .map(|r| r.id.as_str())
            .collect()
    };
    // Lots 1 and 2: the bundled ranking without werkfit (which tendered for lot 3 only).
    let bundled = [
        "vitaal-en-werk",
        "arbo-noord",
        "arbogroep-t-zandt",
        "duurzaam-inzetbaar",
    ];
    assert_eq!(ranking(0), bundled);
    assert_eq!(ranking(1), bundled);
    assert_eq!(ranking(2), ["werkfit"]);
    // Vitaal & Werk is first on lots 1 and 2; by value it keeps lot 2 (€ 236.000 against
    // € 200.000) and lot 1 goes to Arbo Noord, second there.
    assert_eq!(
        winners(&o),
        [Some("arbo-noord"), Some("vitaal-en-werk"), Some("werkfit")]
    );
    let step = &o.allocation.steps[0];
    assert_eq!(
        (
            step.lot,
            step.bidder.as_str(),
            step.kept.as_slice(),
            step.to.as_deref()
        ),
        (1, "vitaal-en-werk", &[2][..], Some("arbo-noord"))
    );
    assert_eq!(o.allocation.steps.len(), 1);
}

#[test]
fn by_number_the_bidder_keeps_lot_one() {
    let p = divided_as(&LOTS.replace("order: value", "order: number"));
    let o = evaluate_lots(&p, &decision(&p)).unwrap();
    assert_eq!(
        winners(&o),
        [Some("vitaal-en-werk"), Some("arbo-noord"), Some("werkfit")]
    );
}

#[test]
fn a_lot_problem_is_reported_at_the_lot_in_the_bid() {
    let mut p = divided();
    let bid = p.bids.iter_mut().find(|b| b.id == "arbo-noord").unwrap();
    bid.lots
        .get_mut(&2)
        .unwrap()
        .rates
        .insert("A1".into(), Decimal::ZERO);
    let mut problems = Vec::new();
    validate(&p, true, &mut problems);
    let d = problems
        .iter()
        .find(|d| d.is_error())
        .expect("a zero rate is refused");
    assert_eq!(d.field, "lots.2.rates.A1");
    assert!(d.message.starts_with("lot 2: "), "{}", d.message);
    assert!(d.file.ends_with("arbo-noord.yaml"));
    // The same through the evaluation, located in the file.
    let Err(crate::error::Error::Data(ds)) = evaluate_lots(&p, &decision(&p)) else {
        panic!("refused");
    };
    assert_eq!(ds[0].field, "lots.2.rates.A1");
}

/// A tie in one lot is drawn by that lot's own lottery (`lots.<n>.lottery` in
/// decision.yaml): without it the evaluation refuses naming the lot; a lottery recorded for
/// another lot does not decide it.
#[test]
fn a_tie_in_one_lot_is_drawn_by_that_lots_lottery() {
    let mut p = divided();
    // Arbo Noord's bid for lot 2 becomes Vitaal & Werk's: equal on every figure.
    let same = p
        .bids
        .iter()
        .find(|b| b.id == "vitaal-en-werk")
        .map(|b| b.lots[&2].clone())
        .unwrap();
    p.bids
        .iter_mut()
        .find(|b| b.id == "arbo-noord")
        .unwrap()
        .lots
        .insert(2, same);
    let lottery = |order: [&str; 2]| crate::model::bids::Lottery {
        date: chrono::NaiveDate::from_ymd_opt(2026, 9, 7).unwrap(),
        order: order.iter().map(|s| s.to_string()).collect(),
    };
    let mut d = decision(&p);
    d.lots.insert(
        1,
        crate::model::lots::LotDecision {
            winner: None,
            lottery: Some(lottery(["arbo-noord", "vitaal-en-werk"])),
        },
    );
    let Err(crate::error::Error::Data(ds)) = evaluate_lots(&p, &d) else {
        panic!("a tie for first place in lot 2 needs its lottery");
    };
    assert!(ds.iter().any(|x| x.message.starts_with("lot 2:")), "{ds:?}");
    d.lots.insert(
        2,
        crate::model::lots::LotDecision {
            winner: Some("arbo-noord".into()),
            lottery: Some(lottery(["arbo-noord", "vitaal-en-werk"])),
        },
    );
    d.lots.remove(&1);
    let o = evaluate_lots(&p, &d).unwrap();
    let lot2 = &o.lots[1].1.evaluation.ranking;
    assert_eq!(lot2[0].id, "arbo-noord");
    assert_eq!(
        lot2[0].tie_break,
        crate::evaluation::scoring::TieBreak::Lottery
    );
    // Lot 1 keeps its own ranking, decided on quality, not by the lottery of lot 2.
    assert_eq!(o.lots[0].1.evaluation.ranking[0].id, "vitaal-en-werk");
    assert_eq!(
        winners(&o)[..2],
        [Some("vitaal-en-werk"), Some("arbo-noord")]
    );
}
