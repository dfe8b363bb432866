//! Tests of `tender.yaml`'s model: loading, facts, notations and validation.

use super::*;
use std::path::PathBuf;
use std::str::FromStr;

fn bundled() -> (PathBuf, Tender) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/tender.yaml");
    let t = crate::model::load::read_yaml::<Tender>(&path).expect("data/tender.yaml loads");
    (path, t)
}

#[test]
fn bundled_data_loads_and_validates() {
    let (path, t) = bundled();
    assert_eq!(t.reference, "WIJ-2026-001");
    assert_eq!(t.planning.len(), 12);
    assert_eq!(
        t.agreement.estimated_value,
        Decimal::from_str("836000").unwrap()
    );
    assert_eq!(t.agreement.maximum_value, Some(Decimal::from(936_000)));
    assert_eq!(
        t.assignment.core_hours_per_4_weeks[0].discipline,
        "bedrijfsarts"
    );
    assert_eq!(
        t.assignment.core_hours_per_4_weeks[0].hours,
        Decimal::from(24)
    );
    assert_eq!(
        t.assignment.core_hours_per_4_weeks[1].hours,
        Decimal::from(12)
    );
    assert_eq!(t.organisation.employees, Some(750));
    assert_eq!(t.rules.standstill_days, 20);
    let mut out = Vec::new();
    t.validate(&path, &mut out);
    assert!(
        out.is_empty(),
        "{}",
        out.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn facts_of_the_bundled_tender() {
    let (_, t) = bundled();
    let date = |s: &str| NaiveDate::from_str(s).unwrap();
    assert_eq!(t.initial_term_years(), Some(2));
    assert_eq!(t.last_nvi(), Some(date("2026-06-29")));
    // Domain notes: all three fall on a weekend; they are computed, not moved.
    assert_eq!(t.objection_deadline(), Some(date("2026-07-04")));
    assert_eq!(
        t.summary_proceedings_deadline(),
        Some(date("2026-08-02").and_hms_opt(10, 0, 0).unwrap())
    );
    assert_eq!(t.bid_validity_until(), Some(date("2026-11-01")));
    // The announcement has no date of its own: it is the invitation's date.
    assert_eq!(t.planning[0].kind, Some(MilestoneKind::Announcement));
    assert_eq!(t.planning[0].date, None);
    assert_eq!(t.milestone_date(&t.planning[0]), Some(t.date));
    assert_eq!(t.maximum_term_years(), Some(4));
    let facts = t.placeholder_facts();
    assert_eq!(facts["agreement.maximum_term_years:words"], "vier");
    assert_eq!(facts["procedure.platform"], "TenderNed");
    assert_eq!(t.insert_count(Insert::OptionalServices), 1);
    assert_eq!(t.insert_count(Insert::CoreHours), 1);
    let annexes: Vec<String> = t.annex_references().into_iter().map(|(_, k)| k).collect();
    assert!(
        annexes.contains(&"question_form".to_string()) && annexes.contains(&"uea".to_string()),
        "{annexes:?}"
    );
}

#[test]
fn references_split_into_segments() {
    assert_eq!(
        parse_refs("Zie paragraaf {ref:sec-uea} en zie bijlage {annex:uea}").unwrap(),
        vec![
            RefSegment::Text("Zie paragraaf ".into()),
            RefSegment::Section("sec-uea".into()),
            RefSegment::Text(" en zie bijlage ".into()),
            RefSegment::Annex("uea".into()),
        ]
    );
    assert_eq!(
        parse_refs("plain").unwrap(),
        vec![RefSegment::Text("plain".into())]
    );
    assert!(parse_refs("{sec-uea}").is_err());
    // Not a well-formed reference: printed as typed.
    assert_eq!(
        parse_refs("{ref:sec-uea").unwrap(),
        vec![RefSegment::Text("{ref:sec-uea".into())]
    );
    assert_eq!(
        serde_json::to_value(RefSegment::Annex("uea".into())).unwrap(),
        serde_json::json!({"annex": "uea"})
    );
}

#[test]
fn placeholders() {
    let facts: BTreeMap<String, String> = [("a.b".to_string(), "x".to_string())].into();
    assert_eq!(fill("1 {a.b} 2", &facts), Ok("1 x 2".to_string()));
    assert_eq!(fill("{c}", &facts), Err(vec!["c".to_string()]));
    // Not a placeholder (unclosed): printed as typed.
    assert_eq!(fill("open {a.b", &facts), Ok("open {a.b".to_string()));
}

#[test]
fn validation_catches_broken_planning_and_prose() {
    let (path, mut t) = bundled();
    t.planning.swap(1, 2);
    t.planning[3].date = None;
    t.organisation.profile.push(Block::Paragraph(
        "circa 750 medewerkers en {organisation.staff}".into(),
    ));
    t.agreement.end = NaiveDate::from_ymd_opt(2028, 6, 30).unwrap();
    t.submission.groups[0].documents[0].how = "Zie {sec-uea}".into();
    let mut out = Vec::new();
    t.validate(&path, &mut out);
    let fields: Vec<&str> = out.iter().map(|d| d.field.as_str()).collect();
    assert!(fields.contains(&"planning.3.date"), "{fields:?}");
    assert!(fields.contains(&"planning.2.date"), "{fields:?}");
    assert!(fields.contains(&"planning.1.kind"), "{fields:?}");
    assert!(
        fields
            .iter()
            .any(|f| f.starts_with("organisation.profile.")),
        "{fields:?}"
    );
    assert!(
        out.iter().any(|d| d
            .message
            .contains("unknown placeholder `{organisation.staff}`")),
        "{out:?}"
    );
    assert!(
        out.iter().any(|d| d
            .message
            .contains("`750` retypes the fact `organisation.employees`")),
        "{out:?}"
    );
    assert!(fields.contains(&"agreement.end"), "{fields:?}");
    assert!(
        fields.contains(&"submission.groups.0.documents.0.how"),
        "{fields:?}"
    );
}

#[test]
fn award_must_follow_the_standstill_period() {
    let (path, mut t) = bundled();
    let award = t
        .planning
        .iter()
        .position(|m| m.kind == Some(MilestoneKind::Award))
        .unwrap();
    t.planning[award].date = NaiveDate::from_ymd_opt(2026, 9, 29);
    let mut out = Vec::new();
    t.validate(&path, &mut out);
    assert!(
        out.iter().any(
            |d| d.field == format!("planning.{award}.date") && d.message.contains("standstill")
        ),
        "{out:?}"
    );
}

#[test]
fn numbers_in_prose_pass_unless_they_retype_a_fact() {
    let (path, mut t) = bundled();
    t.facts.insert("teams".into(), FactValue::Count(12));
    t.facts
        .insert("norm".into(), FactValue::Text("NEN 2075".into()));
    t.organisation.profile = vec![
        Block::Paragraph(
            "Wij werken volgens ISO 9001 en NEN 2075, artikel 2.57 en {facts.norm}.".into(),
        ),
        Block::Paragraph("Met {facts.teams:words} teams en {agreement.estimated_value}.".into()),
        Block::Paragraph("De waarde is € 836.000,- en de bedrijfsarts werkt 24 uur.".into()),
        Block::Paragraph(
            "Start op {agreement.start}, niet op 1 januari 2027; 3 augustus 2026 sluit de inschrijving.".into(),
        ),
    ];
    let mut out = Vec::new();
    t.validate(&path, &mut out);
    let msgs: Vec<String> = out
        .iter()
        .map(|d| format!("{}: {}", d.field, d.message))
        .collect();
    assert_eq!(msgs.len(), 4, "{msgs:#?}");
    assert!(msgs[2].contains("`1 januari 2027` retypes the date `agreement.start` (defined in tender.yaml at `agreement.start`)"), "{msgs:#?}");
    assert!(msgs[3].contains("`3 augustus 2026` retypes the date `planning.submission` (defined in tender.yaml at `planning.5.date`)"), "{msgs:#?}");
    assert!(msgs[0].starts_with("organisation.profile.2: `836.000` retypes the fact `agreement.estimated_value` (defined in tender.yaml at `agreement.estimated_value`)"), "{msgs:#?}");
    assert!(msgs[1].contains("`24` retypes the fact `assignment.core_hours.bedrijfsarts` (defined in tender.yaml at `assignment.core_hours_per_4_weeks.0.hours`)"), "{msgs:#?}");
    let facts = t.placeholder_facts();
    assert_eq!(facts["facts.teams:words"], "twaalf");
    assert_eq!(facts["facts.norm"], "NEN 2075");
    assert_eq!(facts["agreement.estimated_value"], "€ 836.000,-");
    assert_eq!(facts["agreement.start"], "1 januari 2027");
    assert_eq!(facts["planning.submission"], "3 augustus 2026");
    // A user fact's name must make a well-formed placeholder.
    t.facts.insert("Bad Name".into(), FactValue::Count(3));
    let mut out = Vec::new();
    t.validate(&path, &mut out);
    assert!(out.iter().any(|d| d.field == "facts.Bad Name"), "{out:?}");
}

#[test]
fn procedures_need_their_own_facts() {
    let (path, mut t) = bundled();
    t.procedure.kind = ProcedureKind::MeervoudigOnderhands;
    let mut out = Vec::new();
    t.validate(&path, &mut out);
    let fields: Vec<&str> = out.iter().map(|d| d.field.as_str()).collect();
    assert!(fields.contains(&"procedure.invited"), "{fields:?}");
    assert!(fields.contains(&"procedure.rationale"), "{fields:?}");
    t.procedure.kind = ProcedureKind::NationaalOpenbaar;
    t.procedure.invited = vec!["A B.V.".into()];
    t.procedure.agreement_type = AgreementType::Overeenkomst;
    t.agreement.contractors = Count(2);
    let mut out = Vec::new();
    t.validate(&path, &mut out);
    let fields: Vec<&str> = out.iter().map(|d| d.field.as_str()).collect();
    assert!(fields.contains(&"procedure.invited"), "{fields:?}");
    assert!(fields.contains(&"agreement.contractors"), "{fields:?}");
}

#[test]
fn the_terms_and_the_invited_companies_are_placeholders() {
    let (path, mut t) = bundled();
    t.procedure.kind = ProcedureKind::MeervoudigOnderhands;
    t.procedure.invited = vec!["A B.V.".into(), "B B.V.".into(), "C B.V.".into()];
    t.procedure.rationale = vec![Block::Paragraph(
        "Wij nodigen er {procedure.invited:words} uit.".into(),
    )];
    t.agreement.rationale = vec![Block::Paragraph(
        "{agreement.initial_term_years:words} jaar, {agreement.extensions:words} keer {agreement.extension_years:words} jaar verlenging.".into(),
    )];
    let facts = t.placeholder_facts();
    assert_eq!(facts["procedure.invited:words"], "drie");
    assert_eq!(facts["agreement.initial_term_years:words"], "twee");
    assert_eq!(facts["agreement.extensions:words"], "één");
    assert_eq!(facts["agreement.extension_years"], "2");
    let mut out = Vec::new();
    t.validate(&path, &mut out);
    assert!(
        !out.iter()
            .any(|d| d.message.contains("unknown placeholder")),
        "{out:?}"
    );
    // Without invited companies there is no such fact.
    t.procedure.invited.clear();
    assert!(!t.placeholder_facts().contains_key("procedure.invited"));
}
