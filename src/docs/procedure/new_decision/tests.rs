//! The chain of new decisions on the bundled tender: Vitaal & Werk (the first decision's
//! winner) falls through, then Arbo Noord (the first new decision's winner).

use std::path::PathBuf;

use super::*;
use crate::model::bids::Stage;

fn bundled() -> (Project, Outcome) {
    let project = Project::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")).unwrap();
    let outcome = evaluation::evaluate(&project, project.decision.as_ref().unwrap()).unwrap();
    (project, outcome)
}

fn record(sent_on: &str, bidder: &str, stage: &str, reason: &str) -> String {
    format!(
        "- sent_on: {sent_on}\n  fell_through:\n    bidder: {bidder}\n    stage: {stage}\n    reason: {reason}\n    basis: paragraaf 3 van de offerteaanvraag\n    established: Uit de bewijsmiddelen.\n    record: {bidder} voldoet niet.\n"
    )
}

/// The first decision's winner falls through on 2 October.
fn vitaal_falls() -> String {
    record(
        "2026-10-02",
        "vitaal-en-werk",
        "suitability",
        "Niet stabiel.",
    )
}

fn with_chain(project: &mut Project, yaml: &str) {
    project.procedure.new_decision = Some(serde_yaml::from_str(yaml).unwrap());
}

#[test]
fn each_decision_applies_to_the_outcome_of_the_one_before() {
    let (mut project, outcome) = bundled();
    assert_eq!(outcome.evaluation.winner.as_deref(), Some("vitaal-en-werk"));
    let yaml = vitaal_falls()
        + &record(
            "2026-10-23",
            "arbo-noord",
            "exclusion_grounds",
            "Geen verklaring.",
        );
    with_chain(&mut project, &yaml);
    let steps = chain(&project, Some(&outcome)).unwrap();
    assert_eq!(steps.len(), 2);
    let winners: Vec<_> = steps
        .iter()
        .map(|s| s.outcome.evaluation.winner.as_deref())
        .collect();
    assert_eq!(winners, [Some("arbo-noord"), Some("arbogroep-t-zandt")]);

    // The second decision excludes both fallen bids, each with its own reason.
    let second = &steps[1];
    let exclusion = |id: &str| {
        let bid = second.project.bids.iter().find(|b| b.id == id).unwrap();
        assert_eq!(bid.status, Status::Excluded);
        bid.exclusion.clone().unwrap()
    };
    assert_eq!(exclusion("vitaal-en-werk").reason, "Niet stabiel.");
    assert_eq!(exclusion("vitaal-en-werk").stage, Stage::Suitability);
    assert_eq!(exclusion("arbo-noord").reason, "Geen verklaring.");
    assert_eq!(exclusion("arbo-noord").stage, Stage::ExclusionGrounds);

    // It replaces the first new decision, not decision.yaml's, and runs its own standstill.
    let v = &second.view;
    assert_eq!((v.number, v.folder.as_str()), (2, "nieuw-voornemen-2"));
    assert_eq!(v.replaced_sent_on, "2026-10-02");
    assert!(v.replaced_new);
    assert_eq!(steps[0].view.replaced_sent_on, "2026-09-09");
    assert!(!steps[0].view.replaced_new);
    assert_eq!(
        second.outcome.standstill.sent_on,
        chrono::NaiveDate::from_ymd_opt(2026, 10, 23).unwrap()
    );
    // The record's chain: the first decision, then each new one with who fell and who won.
    let history: Vec<_> = v
        .history
        .iter()
        .map(|h| (h.sent_on.as_str(), h.new, h.winner.as_deref()))
        .collect();
    assert_eq!(
        history,
        [
            ("2026-09-09", false, Some("Vitaal & Werk B.V.")),
            ("2026-10-02", true, Some("Arbo Noord B.V.")),
            ("2026-10-23", true, Some("Arbogroep 't Zandt B.V.")),
        ]
    );
    // The bidder that fell first is told again, with the date it was told.
    let earlier = v.for_letter("vitaal-en-werk", None);
    assert_eq!(earlier.excluded_on.as_deref(), Some("2026-10-02"));
    assert!(!earlier.addressed);
    let fallen = v.for_letter("arbo-noord", None);
    assert!(fallen.addressed && fallen.excluded_on.is_none());
    assert!(v.for_letter("werkfit", None).excluded_on.is_none());

    // The last decision is the one the definitive award follows.
    let (_, last) = reconsidered(&project, Some(&outcome)).unwrap().unwrap();
    assert_eq!(last.evaluation.winner.as_deref(), Some("arbogroep-t-zandt"));
}

#[test]
fn a_later_record_must_name_the_winner_of_the_decision_before() {
    let (mut project, outcome) = bundled();
    // Vitaal & Werk fell already; Arbo Noord is the winner of the first new decision.
    let yaml = vitaal_falls() + &record("2026-10-23", "werkfit", "suitability", "Niet geschikt.");
    with_chain(&mut project, &yaml);
    let Err(Error::Data(ds)) = chain(&project, Some(&outcome)) else {
        panic!("werkfit was not the winner")
    };
    assert_eq!(ds[0].field, "1.fell_through.bidder");
    assert!(
        ds[0].message.contains(
            "`werkfit` was not the intended winner of the new decision of 2026-10-02 (record 1) (`arbo-noord` was)"
        ),
        "{}",
        ds[0].message
    );
}

#[test]
fn the_single_record_form_is_a_chain_of_one() {
    let (mut project, outcome) = bundled();
    let yaml = vitaal_falls();
    let single = yaml.replacen("- ", "", 1).replace("\n  ", "\n");
    with_chain(&mut project, &single);
    let n = project.procedure.new_decision.as_ref().unwrap();
    assert_eq!(n.field(0, "fell_through.bidder"), "fell_through.bidder");
    let steps = chain(&project, Some(&outcome)).unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].view.folder, "nieuw-voornemen");
    assert!(steps[0].view.history.len() == 2);
}

#[test]
fn later_decisions_get_folders_of_their_own() {
    assert_eq!(folder_name(1), "nieuw-voornemen");
    assert_eq!(folder_name(2), "nieuw-voornemen-2");
    assert_eq!(folder_name(12), "nieuw-voornemen-12");
    assert_eq!(ordinal(2), "tweede");
    assert_eq!(ordinal(11), "11e");
}
