use std::path::PathBuf;

use rust_decimal::Decimal;

use super::*;
use crate::error::Diagnostic;

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// Three lots: lot 1 without the optional services (A and B lines only) and price worth 30
/// points, lots 2 and 3 with every line.
const LOTS: &str = r#"
divided: true
award_limit: { max_lots: 1, order: preference }
items:
  - number: 1
    title: Noord
    scope: [Het noorden.]
    estimated_value: "200000"
    maximum_value: "250000"
    price_lines: [A1, A2, A3, B1]
    points: { G1: "30", G2.3: "30" }
  - { number: 2, title: Zuid, scope: [Het zuiden.], estimated_value: "236000", maximum_value: "236000" }
  - { number: 3, title: Stad, scope: [De stad.], estimated_value: "400000", maximum_value: "450000" }
"#;

/// The bundled project divided into [`LOTS`], each bid for lots 1 and 2 (lot 1 without the C
/// lines), in preference order 2, 1.
fn divided() -> Project {
    let mut p = super::fixtures::divided(LOTS, |_| vec![1, 2]);
    for b in &mut p.bids {
        b.preference = vec![2, 1];
    }
    p
}

fn problems(p: &Project) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    validate(p, &mut out);
    out
}

fn fields(p: &Project) -> Vec<String> {
    problems(p).into_iter().map(|d| d.field).collect()
}

#[test]
fn a_divided_tender_with_complete_bids_passes() {
    let p = divided();
    assert!(problems(&p).is_empty(), "{:?}", problems(&p));
}

#[test]
fn the_lot_projection_is_an_undivided_tender_of_that_lot() {
    let p = divided();
    let one = p.lot(1).unwrap();
    assert!(!one.tender.divided());
    assert_eq!(one.tender.agreement.estimated_value, Decimal::from(200_000));
    let lines: Vec<&str> = one
        .award
        .price
        .lines
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(lines, ["A1", "A2", "A3", "B1"]);
    assert!(
        one.award
            .price
            .components
            .iter()
            .all(|c| c.id.as_str() != "C")
    );
    assert!(one.award.price.optional_services.is_empty());
    assert_eq!(one.award.price_max_points(), Decimal::from(30));
    assert_eq!(one.award.quality_max_points(), Decimal::from(70));
    assert!(
        one.bids
            .iter()
            .all(|b| b.lots.is_empty() && b.rates.len() == 4)
    );
    // Lot 2: award.yaml's rules unchanged; lot 3: no bids.
    let two = p.lot(2).unwrap();
    assert_eq!(two.award.price.lines.len(), p.award.price.lines.len());
    assert_eq!(two.award.total_max_points(), p.award.total_max_points());
    assert!(p.lot(3).unwrap().bids.is_empty());
    assert!(p.lot(4).is_none());
}

#[test]
fn a_lot_excluded_on_its_own_is_excluded_in_that_lot_only() {
    let mut p = divided();
    let b = &mut p.bids[0];
    let part = b.lots.get_mut(&2).unwrap();
    part.status = Some(Status::Excluded);
    part.exclusion = Some(
        serde_yaml::from_str(
            "{stage: programme_of_requirements, reason: r, basis: b, established: e, record: r}",
        )
        .unwrap(),
    );
    let id = b.id.clone();
    assert!(problems(&p).is_empty(), "{:?}", problems(&p));
    let status = |lot: u32| {
        p.lot(lot)
            .unwrap()
            .bids
            .iter()
            .find(|b| b.id == id)
            .unwrap()
            .status
    };
    assert_eq!((status(1), status(2)), (Status::Valid, Status::Excluded));
}

#[test]
fn bids_naming_wrong_lots_are_refused() {
    let mut p = divided();
    // A lot that does not exist, and more lots than allowed (the award limit is one).
    p.tender.lots.as_mut().unwrap().bid_limit = Some(2);
    let extra = p.bids[0].lots[&2].clone();
    p.bids[0].lots.insert(7, extra);
    // Missing rates of lot 1, a rate for a line lot 1 does not have, no score for G2.3.
    let lot1 = p.bids[1].lots.get_mut(&1).unwrap();
    lot1.rates.remove("A2");
    lot1.rates.insert("C1".into(), Decimal::ONE);
    lot1.quality.remove("G2.3");
    // Rates at the top, a preference naming a lot twice, no lots at all.
    p.bids[2].rates.insert("A1".into(), Decimal::ONE);
    p.bids[2].preference = vec![2, 2];
    p.bids[3].lots.clear();
    p.bids[3].preference.clear();
    let f = fields(&p);
    for expected in [
        "lots.7",
        "lots",
        "lots.1.rates",
        "lots.1.rates.C1",
        "lots.1.quality",
        "rates",
        "preference.1",
        "preference",
    ] {
        assert!(f.iter().any(|x| x == expected), "{expected} not in {f:?}");
    }
    let ps = problems(&p);
    let text = |field: &str| {
        ps.iter()
            .filter(|d| d.field == field)
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert!(text("lots.7").contains("there is no lot 7 (lots: 1, 2, 3)"));
    assert!(text("lots").contains("at most 2"));
    assert!(text("lots.1.rates").contains("A2"));
    assert!(text("lots").contains("name the lots the bid is for"));
}

#[test]
fn lot_selections_must_exist_in_award_and_requirements() {
    let mut p = divided();
    let lot = &mut p.tender.lots.as_mut().unwrap().items[0];
    lot.price_lines = Some(vec!["A1".into(), "Z9".into()]);
    lot.points.insert("G2".into(), Decimal::TEN);
    lot.requirements.competences = Some(vec![4]);
    lot.requirements.programme_annex = Some("nergens".into());
    let f = fields(&p);
    for expected in [
        "lots.items.0.price_lines.1",
        "lots.items.0.points.G2",
        "lots.items.0.requirements.competences.0",
        "lots.items.0.requirements.programme_annex",
    ] {
        assert!(f.iter().any(|x| x == expected), "{expected} not in {f:?}");
    }
    // Only optional services: no price to compare.
    p.tender.lots.as_mut().unwrap().items[0].price_lines = Some(vec!["C1".into()]);
    assert!(fields(&p).iter().any(|x| x == "lots.items.0.price_lines"));
}

#[test]
fn a_single_recorded_winner_is_refused() {
    let mut p = divided();
    p.decision.as_mut().unwrap().winner = Some("werkfit".into());
    assert_eq!(fields(&p), ["winner"]);
}

#[test]
fn an_undivided_tender_keeps_the_bid_format() {
    let (mut p, _) = Project::read(&data(), 1).unwrap();
    assert!(problems(&p).is_empty());
    p.bids[0].lots.insert(1, BidLot::default());
    p.bids[0].preference = vec![1];
    assert_eq!(fields(&p), ["lots", "preference"]);
}

/// Lot 1 scored on G2.1 and G2.2 only, the presentation's 35 points spread over price and
/// the plans (40 + 30 + 30 = 100, as award.yaml's 25 + 20 + 20 + 35).
const WITHOUT_PRESENTATION: &str = r#"
divided: true
items:
  - number: 1
    title: Noord
    scope: [Het noorden.]
    estimated_value: "436000"
    maximum_value: "486000"
    criteria: [G2.1, G2.2]
    points: { G1: "40", G2.1: "30", G2.2: "30" }
  - { number: 2, title: Stad, scope: [De stad.], estimated_value: "400000", maximum_value: "450000" }
"#;

/// The bundled project divided into `lots`, each bid for lots 1 and 2, lot 1 without its
/// G2.3 score.
fn without_presentation(lots: &str) -> Project {
    let mut p = super::fixtures::divided(lots, |_| vec![1, 2]);
    for b in &mut p.bids {
        if let Some(part) = b.lots.get_mut(&1) {
            part.quality.remove("G2.3");
        }
    }
    p
}

#[test]
fn a_lot_drops_a_criterion_and_its_session() {
    let p = without_presentation(WITHOUT_PRESENTATION);
    assert!(problems(&p).is_empty(), "{:?}", problems(&p));
    let one = p.lot(1).unwrap();
    let ids: Vec<&str> = one
        .award
        .quality_criteria()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, ["G2.1", "G2.2"]);
    assert!(one.award.presentation.is_none(), "no presentation in lot 1");
    assert_eq!(one.award.total_max_points(), Decimal::from(100));
    assert_eq!(one.award.quality_max_points(), Decimal::from(60));
    // Lot 2 keeps award.yaml's criteria and the presentation.
    let two = p.lot(2).unwrap();
    assert_eq!(two.award.quality_criteria().count(), 3);
    assert!(two.award.presentation.is_some());
    // A group id selects the whole group; a lot keeps it.
    let mut p = p;
    p.tender.lots.as_mut().unwrap().items[1].criteria = Some(vec!["G2".into()]);
    assert!(problems(&p).is_empty(), "{:?}", problems(&p));
}

#[test]
fn a_bid_scoring_a_criterion_its_lot_dropped_is_refused() {
    let mut p = without_presentation(WITHOUT_PRESENTATION);
    let g23 = p.bids[0].lots[&2].quality["G2.3"].clone();
    p.bids[0]
        .lots
        .get_mut(&1)
        .unwrap()
        .quality
        .insert("G2.3".into(), g23);
    let ps = problems(&p);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].field, "lots.1.quality.G2.3");
    assert!(
        ps[0].message.contains("`G2.3` does not apply to lot 1")
            && ps[0].message.contains("its `criteria` in tender.yaml"),
        "{}",
        ps[0].message
    );
}

#[test]
fn a_lots_award_rules_are_validated_like_award_yaml() {
    let text = |p: &Project, field: &str| {
        problems(p)
            .into_iter()
            .filter(|d| d.field == field)
            .map(|d| d.message)
            .collect::<Vec<_>>()
            .join(" | ")
    };
    // Dropping the presentation without spreading its points: 65, not 100.
    let p = without_presentation(&WITHOUT_PRESENTATION.replace(
        "    points: { G1: \"40\", G2.1: \"30\", G2.2: \"30\" }\n",
        "",
    ));
    assert!(
        text(&p, "lots.items.0.criteria")
            .contains("the lot's maximum points add up to 65 (price 25, quality 40), not 100"),
        "{:?}",
        problems(&p)
    );
    // Spread, but to 105: reported at the points.
    let p = without_presentation(&WITHOUT_PRESENTATION.replace("G1: \"40\"", "G1: \"45\""));
    assert!(text(&p, "lots.items.0.points").contains("add up to 105"));
    // A point of 0 is tender.yaml's own error (model::tender::lots), not reported again here.
    let mut p = without_presentation(WITHOUT_PRESENTATION);
    p.tender.lots.as_mut().unwrap().items[0]
        .points
        .insert("G2.1".into(), Decimal::ZERO);
    assert!(problems(&p).is_empty(), "{:?}", problems(&p));
    // No quality at all; the price criterion; an unknown id; one listed twice.
    let mut p = without_presentation(WITHOUT_PRESENTATION);
    let lot = &mut p.tender.lots.as_mut().unwrap().items[0];
    lot.criteria = Some(vec![]);
    lot.points.clear();
    assert!(text(&p, "lots.items.0.criteria").contains("awarded on price alone"));
    let lot = &mut p.tender.lots.as_mut().unwrap().items[0];
    lot.criteria = Some(vec!["G1".into(), "G9".into(), "G2.1".into()]);
    let f = fields(&p);
    for expected in ["lots.items.0.criteria.0", "lots.items.0.criteria.1"] {
        assert!(f.iter().any(|x| x == expected), "{expected} not in {f:?}");
    }
    assert!(text(&p, "lots.items.0.criteria.1").contains("no quality criterion `G9`"));
    // The tie-break compares a criterion the lot drops.
    let mut p = without_presentation(WITHOUT_PRESENTATION);
    p.award.tie_break.criteria = vec!["G2.3".into()];
    assert!(
        text(&p, "lots.items.0.criteria").contains("tie-break"),
        "{:?}",
        problems(&p)
    );
}

#[test]
fn a_zero_points_price_in_euros_does_not_fit_lots() {
    let mut p = divided();
    p.award.price.method = crate::model::award::PriceMethod::Linear(
        crate::model::award::LinearZero::ZeroAtPrice(Decimal::from(900_000)),
    );
    let ps = problems(&p);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].field, "price.method.linear");
    assert!(ps[0].message.contains("use `zero_at_percent`"));
    p.award.price.method = crate::model::award::PriceMethod::Linear(
        crate::model::award::LinearZero::ZeroAtPercent(Decimal::from(50)),
    );
    assert!(problems(&p).is_empty());
}
