//! Tests of `award.yaml`'s model: loading, linking, accessors and validation.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::model::load::read_yaml;
use crate::model::tender::{MilestoneKind, Tender};
use std::str::FromStr;

fn tender() -> Tender {
    read_yaml::<Tender>(Path::new("data/tender.yaml")).expect("data/tender.yaml loads")
}

/// The bundled award rules, linked to the bundled tender (as `Project::load` does).
fn rules() -> AwardRules {
    let mut r =
        read_yaml::<AwardRules>(Path::new("data/award.yaml")).expect("data/award.yaml loads");
    let mut out = Vec::new();
    r.link(
        &tender(),
        Path::new("data/award.yaml"),
        Path::new("data/tender.yaml"),
        &mut out,
    );
    assert!(out.is_empty(), "{out:#?}");
    r
}

/// Award rules read from `text` and linked to the bundled tender; the link's diagnostics.
fn linked(text: &str) -> (AwardRules, Vec<crate::error::Diagnostic>) {
    let mut r: AwardRules = serde_yaml::from_str(text).unwrap();
    let mut out = Vec::new();
    r.link(
        &tender(),
        Path::new("award.yaml"),
        Path::new("tender.yaml"),
        &mut out,
    );
    (r, out)
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn bundled_award_rules_validate() {
    let r = rules();
    let mut out = Vec::new();
    r.validate(Path::new("data/award.yaml"), &mut out);
    assert!(out.is_empty(), "{out:#?}");
}

#[test]
fn points_add_up() {
    let r = rules();
    assert_eq!(r.price_max_points(), d("25"));
    assert_eq!(r.quality_max_points(), d("75"));
    assert_eq!(r.total_max_points(), d("100"));
    assert_eq!(r.quality_criterion("G2.3").unwrap().points, d("35"));
    let q: Vec<(&str, Decimal)> = r
        .quality_criteria()
        .map(|s| (s.id.as_str(), s.points))
        .collect();
    assert_eq!(q, [("G2.1", d("20")), ("G2.2", d("20")), ("G2.3", d("35"))]);
}

#[test]
fn line_volumes() {
    let r = rules();
    let a1 = r.line("A1").unwrap();
    let a2 = r.line("A2").unwrap();
    assert_eq!(a1.volume_per_year(), Some(d("312")));
    assert_eq!(a2.volume_per_year(), Some(d("156")));
    assert_eq!(r.evaluated_volume(a1), Some(d("1248")));
    assert_eq!(r.evaluated_volume(r.line("B1").unwrap()), Some(d("1")));
    assert_eq!(r.evaluated_volume(r.line("C1").unwrap()), None);
}

#[test]
fn scale() {
    let r = rules();
    assert_eq!(r.scale_scores(), [0, 2, 6, 8, 10]);
    assert_eq!(r.scale_max(), 10);
    assert!(r.scale_step(0).unwrap().excludes);
    assert!(!r.scale_step(2).unwrap().excludes);
}

#[test]
fn validation_catches_inconsistencies() {
    let mut r = rules();
    r.price.lines[4].component = Some(ComponentId("D".into()));
    r.price.lines[1].id = "A1".into();
    r.quality.scale.swap(1, 2);
    r.criteria[1].sub_criteria[1].id = "G2.1".into();
    r.criteria[0].points = Some(Decimal::ZERO);
    let mut out = Vec::new();
    r.validate(Path::new("data/award.yaml"), &mut out);
    let fields: BTreeSet<&str> = out.iter().map(|d| d.field.as_str()).collect();
    for f in [
        "price.lines.4.component",
        "price.lines.1.id",
        "quality.scale.2.score",
        "criteria.1.sub_criteria.1.id",
        "criteria.0.points",
    ] {
        assert!(fields.contains(f), "{f} not reported: {out:#?}");
    }
}

/// The zero rule and whether a line counts are stated once, on the component, and inherited
/// by its lines; a line that states `zero_allowed` itself is refused.
#[test]
fn lines_inherit_their_component_rules() {
    let r = rules();
    let rule = |id: &str| {
        let l = r.line(id).unwrap();
        (l.zero_allowed, l.in_total)
    };
    assert_eq!(rule("A1"), (false, true));
    assert_eq!(rule("B1"), (true, true));
    assert_eq!(rule("C8"), (false, false));
    let ids: Vec<&str> = r.optional_lines().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"]);
    let err = serde_yaml::from_str::<PriceLine>(
        "{ id: X1, component: X, description: d, unit: uur, zero_allowed: true }",
    )
    .unwrap_err();
    assert!(err.to_string().contains("zero_allowed"), "{err}");
}

/// Volumes per month and totals over the term; the evaluation term stated in award.yaml
/// instead of the agreement's maximum term.
#[test]
fn volumes_and_stated_term() {
    let line = |v: &str| {
        serde_yaml::from_str::<PriceLine>(&format!(
            "{{ id: X1, component: A, description: d, unit: uur, volume: {v} }}"
        ))
        .unwrap()
    };
    let m = line("{ per_month: \"10\" }");
    assert_eq!(m.volume_per_year(), Some(d("120")));
    assert_eq!(m.volume_over(3), Some(d("360")));
    let t = line("{ total: \"9360\" }");
    assert_eq!(t.volume_per_year(), None);
    assert_eq!(t.volume_over(4), Some(d("9360")));
    assert!(
        serde_yaml::from_str::<PriceLine>(
            "{ id: X1, component: A, description: d, unit: uur, volume: { once: \"1\", total: \"2\" } }"
        )
        .is_err()
    );
    let text = std::fs::read_to_string("data/award.yaml").unwrap().replace(
        "  method: relative\n",
        "  method: relative\n  evaluation_years: 3\n",
    );
    let (r, out) = linked(&text);
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(r.price.evaluation_years.value(), 3);
    assert_eq!(r.evaluated_volume(r.line("A1").unwrap()), Some(d("936")));
}

/// The core hours and presentation days are tender.yaml's facts, resolved by `link`.
#[test]
fn link_takes_facts_from_the_tender() {
    let r = rules();
    assert_eq!(
        r.line("A1").unwrap().core_hours.as_deref(),
        Some("bedrijfsarts")
    );
    assert_eq!(
        r.line("A1").unwrap().volume,
        Some(Volume::Per4Weeks(d("24")))
    );
    assert_eq!(
        r.line("A2").unwrap().volume,
        Some(Volume::Per4Weeks(d("12")))
    );
    assert_eq!(r.line("A3").unwrap().core_hours, None);
    let day = |s: &str| NaiveDate::from_str(s).unwrap();
    assert_eq!(
        r.presentation.as_ref().unwrap().dates,
        [day("2026-08-24"), day("2026-08-25")]
    );
    // 2 years + 1 extension × 2 years (tender.yaml `agreement`).
    assert_eq!(r.price.evaluation_years, Count(4));
    // Placeholders in the descriptive texts are the tender's facts.
    let context = &r.presentation.as_ref().unwrap().case.last().unwrap().text;
    assert!(
        context.contains("organisatie van WIJ Groningen")
            && context.contains("overeenkomst van vier jaar"),
        "{context}"
    );
    let all = serde_json::to_string(&r).unwrap();
    assert!(
        !all.contains("{organisation") && !all.contains("{agreement"),
        "{all}"
    );

    // The tender's hours change: so do the volumes (one source).
    let mut t = tender();
    t.assignment.core_hours_per_4_weeks[0].hours = d("20");
    let (award_file, tender_file) = (Path::new("data/award.yaml"), Path::new("data/tender.yaml"));
    let mut r = read_yaml::<AwardRules>(award_file).unwrap();
    let mut out = Vec::new();
    r.link(&t, award_file, tender_file, &mut out);
    assert!(out.is_empty(), "{out:#?}");
    assert_eq!(r.line("A1").unwrap().volume_per_year(), Some(d("260")));

    // An unknown discipline, no presentation milestone in the planning, an unknown
    // placeholder.
    t.assignment.core_hours_per_4_weeks[0].discipline = "arts".into();
    t.planning
        .retain(|m| m.kind != Some(MilestoneKind::Presentation));
    let mut r = read_yaml::<AwardRules>(award_file).unwrap();
    r.presentation.as_mut().unwrap().case[0]
        .text
        .push_str(" {organisation.staff}");
    let mut out = Vec::new();
    r.link(&t, award_file, tender_file, &mut out);
    let at: Vec<(&Path, &str)> = out
        .iter()
        .map(|d| (d.file.as_path(), d.field.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            (award_file, "price.lines.0.volume.core_hours"),
            (tender_file, "planning"),
            (award_file, "presentation.case.0.text"),
        ],
        "{out:#?}"
    );
    assert!(
        out[2].message.contains("`{organisation.staff}`"),
        "{}",
        out[2].message
    );
    assert!(
        out[0].message.contains("`bedrijfsarts`"),
        "{}",
        out[0].message
    );
    assert!(out[1].message.contains("G2.3"), "{}", out[1].message);
    assert_eq!(r.line("A1").unwrap().volume, None);
    // Linked: the unresolved line is not reported twice.
    let mut v = Vec::new();
    r.validate(award_file, &mut v);
    assert!(v.is_empty(), "{v:#?}");
}

#[test]
fn unlinked_rules_do_not_validate() {
    let r = read_yaml::<AwardRules>(Path::new("data/award.yaml")).unwrap();
    assert_eq!(r.line("A1").unwrap().volume, None);
    let mut out = Vec::new();
    r.validate(Path::new("data/award.yaml"), &mut out);
    assert!(
        out.iter()
            .any(|d| d.field == "price.lines" && d.message.contains("without tender.yaml")),
        "{out:#?}"
    );
}

#[test]
fn facts_of_the_tender_are_not_accepted_in_award_yaml() {
    let text = std::fs::read_to_string("data/award.yaml").unwrap();
    let with_dates = text.replace(
        "presentation:\n",
        "presentation:\n  dates: [2026-08-24, 2026-08-25]\n",
    );
    assert_ne!(with_dates, text);
    let err = crate::model::load::parse_yaml::<AwardRules>(Path::new("award.yaml"), &with_dates)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `dates`"), "{err}");
    let two = text.replace(
        "{ core_hours: bedrijfsarts }",
        "{ core_hours: bedrijfsarts, per_4_weeks: \"24\" }",
    );
    let err = crate::model::load::parse_yaml::<AwardRules>(Path::new("award.yaml"), &two)
        .unwrap_err()
        .to_string();
    assert!(err.contains("exactly one of"), "{err}");
}

#[test]
fn plain_and_nested_bullets() {
    let r = rules();
    let last = r.quality.plan_criteria.last().unwrap();
    assert_eq!(last.items.len(), 3);
    assert!(r.quality.plan_criteria[0].items.is_empty());
}

#[test]
fn basis_kind_and_price_method_read_in_the_map_form() {
    let kind = |y: &str| serde_yaml::from_str::<BasisKind>(y);
    assert_eq!(kind("points").unwrap(), BasisKind::Points);
    assert_eq!(kind("lowest_price").unwrap(), BasisKind::LowestPrice);
    assert_eq!(
        kind("{ value: { euros_per_point: \"1000\" } }").unwrap(),
        BasisKind::Value {
            euros_per_point: d("1000")
        }
    );
    assert!(kind("cheapest").is_err());
    assert!(kind("{ value: { euros: \"1\" } }").is_err());
    let method = |y: &str| serde_yaml::from_str::<PriceMethod>(y);
    assert_eq!(method("relative").unwrap(), PriceMethod::Relative);
    assert_eq!(
        method("{ linear: { zero_at_percent: \"50\" } }").unwrap(),
        PriceMethod::Linear(LinearZero::ZeroAtPercent(d("50")))
    );
    assert_eq!(
        method("{ linear: { zero_at_price: \"250000\" } }").unwrap(),
        PriceMethod::Linear(LinearZero::ZeroAtPrice(d("250000")))
    );
    assert!(method("{ linear: {} }").is_err());
}

#[test]
fn a_price_without_components_counts_every_line() {
    let yaml = std::fs::read_to_string("data/award.yaml").unwrap();
    let from = yaml.find("  components:\n").unwrap();
    let to = yaml.find("\n# 5.3.1 Quality").unwrap();
    let yaml = format!(
        "{}  zero_allowed: true\n  lines:\n    - {{ id: R1, description: Uren, unit: uur, volume: {{ per_year: \"100\" }} }}\n{}",
        &yaml[..from],
        &yaml[to..]
    );
    let (r, mut out) = linked(&yaml);
    let line = &r.price.lines[0];
    assert_eq!(line.component, None);
    assert!(line.in_total && line.zero_allowed);
    assert_eq!(r.evaluated_volume(line), Some(d("400")));
    assert_eq!(r.optional_lines().count(), 0);
    r.validate(Path::new("data/award.yaml"), &mut out);
    assert!(out.is_empty(), "{out:#?}");
}
