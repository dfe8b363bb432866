//! Tests of the quality structure of `award.yaml`: directly scored criteria, the forms (plan
//! without a page limit, interview with its block and milestone, other with its description)
//! and the errors when a criterion is written wrongly.

use std::path::Path;

use super::*;
use crate::error::Diagnostic;
use crate::model::load::parse_yaml;
use crate::model::tender::Tender;

const AWARD: &str = "award.yaml";
const TENDER: &str = "tender.yaml";

fn bundled(file: &str) -> String {
    std::fs::read_to_string(Path::new("data").join(file)).unwrap()
}

/// The bundled award.yaml with G2.3 (the presentation) replaced by `criteria` (top-level
/// criteria, YAML at two spaces) and the presentation block by `blocks`.
fn award_with(criteria: &str, blocks: &str) -> String {
    let text = bundled(AWARD);
    let g23 = text.find("      - id: G2.3\n").unwrap();
    let price = text.find("\n# 5.2 Price.").unwrap();
    let presentation = text.find("# G2.3: the presentation and its case.").unwrap();
    format!(
        "{}{criteria}{}{blocks}",
        &text[..g23],
        &text[price..presentation]
    )
}

/// The bundled tender.yaml with its presentation milestone replaced by `milestone` (or none).
fn tender_with(milestone: Option<&str>) -> Tender {
    let text = bundled(TENDER).replace(
        "  - name: Presentatie\n    kind: presentation\n",
        &milestone.map_or(String::new(), |kind| {
            format!("  - name: Sessie\n    kind: {kind}\n")
        }),
    );
    let text = if milestone.is_none() {
        text.replace("    date: 2026-08-24\n    until: 2026-08-25\n", "")
    } else {
        text
    };
    parse_yaml::<Tender>(Path::new(TENDER), &text).expect("the tender parses")
}

/// Parses, links and validates; the diagnostics as `field: message`.
fn check(award: &str, tender: &Tender) -> (Option<AwardRules>, Vec<String>) {
    let mut rules = match parse_yaml::<AwardRules>(Path::new(AWARD), award) {
        Ok(r) => r,
        Err(e) => return (None, vec![e.to_string()]),
    };
    let mut out: Vec<Diagnostic> = Vec::new();
    rules.link(tender, Path::new(AWARD), Path::new(TENDER), &mut out);
    rules.validate(Path::new(AWARD), &mut out);
    let msgs = out
        .iter()
        .map(|d| format!("{}: {}", d.field, d.message))
        .collect();
    (Some(rules), msgs)
}

const DIRECT_OTHER: &str = "  - id: G3
    title: Referentieproject
    kind: quality
    points: \"35\"
    form: other
    form_description: een referentieproject
    intent: De aanbestedende dienst wil zien dat inschrijver vergelijkbaar werk heeft gedaan.
";

const INTERVIEW: &str = "interview:
  duration_minutes: 30
  questions_minutes: 10
  max_attendees: 2
  min_experts: 1
";

#[test]
fn a_directly_scored_criterion_is_one_scored_item_with_its_own_id() {
    let (rules, errs) = check(&award_with(DIRECT_OTHER, ""), &tender_with(None));
    assert!(errs.is_empty(), "{errs:#?}");
    let r = rules.unwrap();
    let g3 = r.criteria.iter().find(|c| c.id == "G3").unwrap();
    assert!(g3.direct);
    assert_eq!(g3.points, None);
    let ids: Vec<&str> = r.quality_criteria().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["G2.1", "G2.2", "G3"]);
    let s = r.quality_criterion("G3").unwrap();
    assert_eq!(
        (s.title.as_str(), s.form),
        ("Referentieproject", Form::Other)
    );
    assert_eq!(s.form_description.as_deref(), Some("een referentieproject"));
    assert_eq!(AwardRules::criterion_points(g3), Decimal::from(35));
    assert_eq!(r.quality_max_points(), Decimal::from(75));
    assert_eq!(r.total_max_points(), Decimal::from(100));
    // The group stays a group.
    assert!(!r.criteria[1].direct);
}

#[test]
fn a_criterion_with_both_or_neither_is_one_clear_error() {
    let both = "  - id: G3
    title: Referentieproject
    kind: quality
    points: \"35\"
    form: plan
    sub_criteria:
      - { id: G3.1, title: Eén, points: \"35\", form: other, form_description: x, intent: y }
";
    let (_, errs) = check(&award_with(both, ""), &tender_with(None));
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].starts_with("criteria.2.sub_criteria: a quality criterion either has")
            && errs[0].contains("`points` and `form`"),
        "{errs:#?}"
    );

    let neither = "  - id: G3\n    title: Referentieproject\n    kind: quality\n";
    let (_, errs) = check(&award_with(neither, ""), &tender_with(None));
    assert_eq!(
        errs,
        [
            "criteria.2: a quality criterion needs `sub_criteria`, or `points`, `form` and \
          `intent` to be scored directly"
        ]
    );
}

#[test]
fn a_direct_criterion_names_its_missing_fields() {
    let partial =
        "  - id: G3\n    title: Referentieproject\n    kind: quality\n    points: \"35\"\n";
    let (_, errs) = check(&award_with(partial, ""), &tender_with(None));
    assert_eq!(
        errs,
        [
            "criteria.2.form: a directly scored quality criterion needs `form`",
            "criteria.2.intent: a directly scored quality criterion needs `intent`",
        ]
    );
}

#[test]
fn a_price_criterion_takes_no_quality_fields() {
    let text = award_with(DIRECT_OTHER, "").replace(
        "    kind: price\n    points: \"25\"\n",
        "    kind: price\n    points: \"25\"\n    form: plan\n",
    );
    let (_, errs) = check(&text, &tender_with(None));
    assert_eq!(
        errs,
        ["criteria.0.form: a price criterion is scored by the price method: remove `form`"]
    );
}

#[test]
fn other_needs_its_description_and_only_other_has_one() {
    let text = award_with(
        &DIRECT_OTHER.replace("    form_description: een referentieproject\n", ""),
        "",
    );
    let (_, errs) = check(&text, &tender_with(None));
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].starts_with("criteria.2.form_description: `form: other` needs"),
        "{errs:#?}"
    );

    let text = award_with(DIRECT_OTHER, "").replace(
        "        form: plan\n        page_limit: { pages: 6,",
        "        form: plan\n        form_description: x\n        page_limit: { pages: 6,",
    );
    let (_, errs) = check(&text, &tender_with(None));
    assert_eq!(
        errs,
        [
            "criteria.1.sub_criteria.0.form_description: only `form: other` is described: remove \
          this field"
        ]
    );
}

#[test]
fn a_plan_needs_no_page_limit_and_only_a_plan_has_one() {
    let text = award_with(DIRECT_OTHER, "").replace(
        "        page_limit: { pages: 6, paper: A4, font: Calibri, font_size: \"11\", line_spacing: \"1.15\" }\n",
        "",
    );
    let (rules, errs) = check(&text, &tender_with(None));
    assert!(errs.is_empty(), "{errs:#?}");
    assert!(
        rules
            .unwrap()
            .quality_criterion("G2.1")
            .unwrap()
            .page_limit
            .is_none()
    );

    let text = award_with(
        &format!(
            "{DIRECT_OTHER}    page_limit: {{ pages: 2, paper: A4, font: Calibri, font_size: \"11\", line_spacing: \"1.15\" }}\n"
        ),
        "",
    );
    let (_, errs) = check(&text, &tender_with(None));
    assert_eq!(
        errs,
        ["criteria.2.page_limit: only a written plan (`form: plan`) has a page limit"]
    );
}

/// An interview criterion takes its days from the planning's `interview` milestone.
#[test]
fn an_interview_has_its_block_and_its_days() {
    let direct_interview = DIRECT_OTHER
        .replace("form: other", "form: interview")
        .replace("    form_description: een referentieproject\n", "");
    let (rules, errs) = check(
        &award_with(&direct_interview, INTERVIEW),
        &tender_with(Some("interview")),
    );
    assert!(errs.is_empty(), "{errs:#?}");
    let r = rules.unwrap();
    let days: Vec<String> = r
        .interview
        .unwrap()
        .dates
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(days, ["2026-08-24", "2026-08-25"]);
    assert!(r.presentation.is_none());

    // Without its block.
    let (_, errs) = check(
        &award_with(&direct_interview, ""),
        &tender_with(Some("interview")),
    );
    assert_eq!(
        errs,
        [
            "criteria.2.form: a criterion assessed on an interview needs the `interview` block \
          (duration, attendees, case)"
        ]
    );

    // A block without a criterion using it.
    let (_, errs) = check(&award_with(DIRECT_OTHER, INTERVIEW), &tender_with(None));
    assert_eq!(
        errs,
        [
            "interview: no quality criterion has `form: interview`: remove this block or assess \
          a criterion on an interview"
        ]
    );

    // Without the milestone (reported on tender.yaml's planning).
    let (_, errs) = check(
        &award_with(&direct_interview, INTERVIEW),
        &tender_with(None),
    );
    assert_eq!(
        errs,
        [
            "planning: award.yaml has an interview (G3): add a planning milestone of kind \
          `interview` with its days (`date`, and `until` for more than one)"
        ]
    );

    // A milestone without an interview.
    let (_, errs) = check(
        &award_with(DIRECT_OTHER, ""),
        &tender_with(Some("interview")),
    );
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(
        errs[0].contains("award.yaml assesses no criterion on an interview"),
        "{errs:#?}"
    );
}

/// The general assessment criteria per form are optional; the interview has its own.
#[test]
fn assessment_criteria_per_form_are_optional() {
    let text = award_with(DIRECT_OTHER, "");
    let start = text
        .find("  # General assessment criteria for the presentation")
        .unwrap();
    let end = text.find("  # The scale, lowest score first.").unwrap();
    let text = format!(
        "{}  interview_criteria:\n    - De mate waarin het antwoord overtuigt.\n{}",
        &text[..start],
        &text[end..]
    );
    let (rules, errs) = check(&text, &tender_with(None));
    assert!(errs.is_empty(), "{errs:#?}");
    let q = rules.unwrap().quality;
    assert!(q.presentation_criteria.is_empty());
    assert_eq!(q.interview_criteria.len(), 1);
}
