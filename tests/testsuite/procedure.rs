//! The documents of the procedure after the invitation (issue 19): the proces-verbaal van
//! opening, Bijlage I (the question form) and its round trip through `gen nvi import`, the
//! invitations to present, the proces-verbaal van loting and the definitive award.

use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx};

use crate::common::*;
use tendergen::docs::procedure::question_form::{self, FilledRow};

const REF: &str = "WIJ-2026-001";

/// `gen all` of the bundled tender, once per test binary run.
fn bundled_all() -> &'static Path {
    static OUT: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    &OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let o = gen_bundled(dir.path(), &["all"]);
        assert_success(&o);
        let folder = dir.path().join(REF);
        (dir, folder)
    })
    .1
}

#[test]
fn gen_all_writes_every_procedure_document_and_lists_it_in_the_manifest() {
    let out = bundled_all();
    let files = [
        "intern/proces-verbaal-van-opening.pdf",
        "bijlage-i-vragenformulier.xlsx",
        "presentaties/uitnodiging-presentatie-werkfit.pdf",
        "presentaties/uitnodiging-presentatie-vitaal-en-werk.pdf",
        "definitieve-gunning/definitieve-gunning-vitaal-en-werk.pdf",
        "definitieve-gunning/definitieve-gunning-arboveilig.pdf",
    ];
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    for f in files {
        assert!(out.join(f).is_file(), "{f} written");
        assert!(manifest.contains(f), "{f} in the manifest");
    }
    // Excluded bids are not invited to present; no tie, so no proces-verbaal van loting.
    assert!(
        !out.join("presentaties/uitnodiging-presentatie-arboveilig.pdf")
            .exists()
    );
    assert!(!out.join("intern/proces-verbaal-van-loting.pdf").exists());
}

#[test]
fn opening_record_text() {
    let text = pdf_text(&bundled_all().join("intern/proces-verbaal-van-opening.pdf"));
    insta::assert_snapshot!("opening_record_text", text);
}

#[test]
fn invitation_text() {
    let text = pdf_text(&bundled_all().join("presentaties/uitnodiging-presentatie-werkfit.pdf"));
    insta::assert_snapshot!("invitation_text_werkfit", text);
}

#[test]
fn definitive_award_texts() {
    let out = bundled_all().join("definitieve-gunning");
    insta::assert_snapshot!(
        "definitive_award_text_winner",
        pdf_text(&out.join("definitieve-gunning-vitaal-en-werk.pdf"))
    );
    insta::assert_snapshot!(
        "definitive_award_text_notice",
        pdf_text(&out.join("definitieve-gunning-werkfit.pdf"))
    );
}

/// The invitation's slot ends after the presentation and the questions (award.yaml: 45 + 15
/// minutes), and the attendees' names are due two working days before (a Monday: Thursday).
#[test]
fn invitation_slot_and_deadline_are_computed() {
    let text = pdf_text(&bundled_all().join("presentaties/uitnodiging-presentatie-werkfit.pdf"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("maandag 24 augustus 2026"), "{text}");
    assert!(text.contains("van 09:30 uur tot 10:30 uur"), "{text}");
    assert!(
        text.contains("uiterlijk donderdag 20 augustus 2026"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------------
// Bijlage I

fn form_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(question_form::SHEET).unwrap();
    let header: Vec<String> = range
        .rows()
        .nth(question_form::HEADER_ROW as usize)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let lists = book.worksheet_range("Keuzelijsten").unwrap();
    let columns = (0..2)
        .map(|c| {
            lists
                .rows()
                .filter_map(|r| r.get(c).map(|x| x.to_string()))
                .filter(|s| !s.is_empty())
                .collect()
        })
        .collect();
    (header, columns)
}

#[test]
fn question_form_has_the_import_columns_lists_and_protection() {
    let path = bundled_all().join("bijlage-i-vragenformulier.xlsx");
    let (header, lists) = form_rows(&path);
    assert_eq!(
        header,
        [
            "Nr.",
            "Document",
            "Paragraaf",
            "Pagina",
            "Vraag",
            "Vervolg op vraag"
        ]
    );
    let build = build();
    assert_eq!(
        lists[0].first().map(String::as_str),
        Some("Offerteaanvraag")
    );
    assert!(lists[0].contains(&"Bijlage D - Prijsinvulformulier".to_string()));
    assert_eq!(lists[0].last().map(String::as_str), Some("Algemeen"));
    assert_eq!(lists[0].len(), build.project.requirements.annexes.len() + 2);
    let sections: Vec<String> = build
        .outline
        .headings
        .iter()
        .map(|h| h.number.clone())
        .collect();
    assert_eq!(lists[1], sections);
    assert!(lists[1].contains(&"2.4".to_string()));

    // Only the input cells (Document … Vervolg op vraag of the question rows) are unlocked.
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let styles = book.worksheet_style(question_form::SHEET).unwrap();
    let locked = |r: u32, c: u32| {
        styles
            .get((r, c))
            .and_then(|s| s.protection.as_ref())
            .map(|p| p.locked)
            .unwrap_or(true)
    };
    let first = question_form::HEADER_ROW + 1;
    assert!(locked(question_form::HEADER_ROW, 1), "header locked");
    assert!(locked(first, 0), "number locked");
    for c in 1..=5 {
        assert!(!locked(first, c), "input column {c} unlocked");
        assert!(!locked(first + question_form::QUESTION_ROWS - 1, c));
    }
}

#[test]
fn question_form_round_trip_through_nvi_import() {
    let t = TenderCopy::new();
    let build = build_of(&t.data(), &t.templates());
    let rows = [
        FilledRow {
            document: "Offerteaanvraag".into(),
            section: "2.4".into(),
            page: "11".into(),
            question: "Mogen wij de vragen ook in een Word-bestand indienen?".into(),
            follows_up: None,
            lot: String::new(),
        },
        FilledRow {
            document: "Bijlage D - Prijsinvulformulier".into(),
            page: "2".into(),
            question: "Is het tarief voor A1 inclusief reiskosten?".into(),
            ..FilledRow::default()
        },
        FilledRow {
            document: "Algemeen".into(),
            question: "Kunt u het antwoord op vraag 3 toelichten?".into(),
            follows_up: Some(3),
            ..FilledRow::default()
        },
    ];
    let bytes = question_form::filled(&build.project, &build.outline, &build.house, &rows).unwrap();
    std::fs::write(t.root().join("vragen.xlsx"), bytes).unwrap();
    // An import renders nothing: no render options.
    let o = gen_in(t.root())
        .args([
            "--data",
            "data",
            "nvi",
            "import",
            "vragen.xlsx",
            "--round",
            "round-3",
        ])
        .output()
        .expect("gen runs");
    assert_success(&o);
    let round = t.read("nvi/round-3.yaml");
    for r in &rows {
        assert!(round.contains(&r.question), "{round}");
    }
    assert!(round.contains("2.4"), "{round}");
    assert!(round.contains("bijlage-D"), "{round}");
    assert_eq!(round.matches("question:").count(), 3, "{round}");
}

#[test]
fn gen_question_form_writes_only_the_form() {
    let t = TenderCopy::new();
    let o = gen_on_copy(&t, &["vragenformulier"]);
    assert_success(&o);
    assert!(
        t.out()
            .join(REF)
            .join("bijlage-i-vragenformulier.xlsx")
            .is_file()
    );
    assert!(!t.out().join(REF).join("offerteaanvraag.pdf").exists());
}

// ---------------------------------------------------------------------------------------------
// Bad data: file, line, field; nothing written

#[test]
fn receipt_after_the_closing_time_is_an_error() {
    let t = TenderCopy::new();
    t.edit("opening.yaml", "time: \"08:34\"", "time: \"10:05\"");
    let o = gen_on_copy(&t, &["all"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("opening.yaml:"), "{err}");
    assert!(err.contains("received[5].time"), "{err}");
    assert!(err.contains("late submission"), "{err}");
    assert!(!t.out().join(REF).exists());
}

#[test]
fn a_bid_without_receipt_is_an_error() {
    let t = TenderCopy::new();
    t.edit(
        "opening.yaml",
        "  - bidder: werkfit\n    date: 2026-08-01\n    time: \"13:05\"\n",
        "",
    );
    let o = gen_on_copy(&t, &["all"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the bid `werkfit` (bids/werkfit.yaml) has no time of receipt"));
}

#[test]
fn overlapping_slots_and_an_excluded_bidder_are_errors() {
    let t = TenderCopy::new();
    t.edit(
        "presentations.yaml",
        "start: \"11:00\"\n  - bidder: arbo-noord",
        "start: \"10:00\"\n  - bidder: arbo-noord",
    );
    t.edit(
        "presentations.yaml",
        "  - bidder: arbogroep-t-zandt",
        "  - bidder: arboveilig",
    );
    let o = gen_on_copy(&t, &["invitations"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("slots[2].start: overlaps slot 1"), "{err}");
    assert!(err.contains("the bid `arboveilig` is excluded"), "{err}");
    assert!(
        err.contains("the valid bid `arbogroep-t-zandt` has no slot"),
        "{err}"
    );
}

#[test]
fn definitive_award_refuses_before_the_standstill_ends() {
    let t = TenderCopy::new();
    t.edit(
        "definitive-award.yaml",
        "sent_on: 2026-10-01",
        "sent_on: 2026-09-29",
    );
    t.edit(
        "definitive-award.yaml",
        "checked_on: 2026-09-30",
        "checked_on: 2026-09-28",
    );
    t.edit(
        "definitive-award.yaml",
        "  on: 2026-09-30",
        "  on: 2026-09-28",
    );
    let o = gen_on_copy(&t, &["definitive-award"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("definitive-award.yaml:"), "{err}");
    assert!(err.contains("sent_on"), "{err}");
    assert!(
        err.contains("the standstill period ends on dinsdag 29 september 2026"),
        "{err}"
    );
    assert!(!t.out().join(REF).exists());
}

#[test]
fn definitive_award_without_its_record_names_the_standstill_end() {
    let t = TenderCopy::new();
    std::fs::remove_file(t.path("definitive-award.yaml")).unwrap();
    let o = gen_on_copy(&t, &["definitieve-gunning"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the standstill period ends on dinsdag 29 september 2026"),
        "{}",
        stderr(&o)
    );
    // `gen all` goes on without it: the procedure has not got that far.
    let o = gen_on_copy(&t, &["all"]);
    assert_success(&o);
    assert!(!t.out().join(REF).join("definitieve-gunning").exists());
}

#[test]
fn evidence_not_in_order_blocks_the_definitive_award() {
    let t = TenderCopy::new();
    t.edit(
        "definitive-award.yaml",
        "    - received_on: 2026-09-17   # Bewijs stabiliteit\n      in_order: true",
        "    - received_on: 2026-09-17   # Bewijs stabiliteit\n      in_order: false\n      remarks: Het eigen vermogen is negatief.",
    );
    let o = gen_on_copy(&t, &["definitive-award"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("evidence.documents[4].in_order"), "{err}");
    assert!(err.contains("new award decision"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Lottery

#[test]
fn a_lottery_gets_its_proces_verbaal() {
    let t = TenderCopy::new();
    // Arbo Noord offers and scores exactly what Vitaal & Werk does: a tie settled by lot.
    let winner = t.read("bids/vitaal-en-werk.yaml");
    let copy = winner
        .replace("id: vitaal-en-werk", "id: arbo-noord")
        .replace("name: Vitaal & Werk B.V.", "name: Arbo Noord B.V.");
    t.write("bids/arbo-noord.yaml", &copy);
    t.edit("decision.yaml", "winner: vitaal-en-werk\n", "");
    t.edit(
        "decision.yaml",
        "# lottery:\n",
        "lottery:\n  date: 2026-09-07\n  order: [vitaal-en-werk, arbo-noord]\n# lottery:\n",
    );
    let o = gen_on_copy(&t, &["all"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("lottery.yaml"), "{}", stderr(&o));
    assert!(!t.out().join(REF).exists());

    t.write(
        "lottery.yaml",
        "time: \"14:00\"\nplace: Groningen\ndrawn_by:\n  name: J. Bosma\n  function: medewerker juridische zaken\nwitnesses:\n  - name: R. Dijkstra\n    function: manager HR\nmethod: De namen van de inschrijvers zijn op gelijke, gevouwen kaarten geschreven en in een gesloten doos gedaan; J. Bosma heeft de kaarten een voor een getrokken.\n",
    );
    let o = gen_on_copy(&t, &["all"]);
    assert_success(&o);
    let text = pdf_text(
        &t.out()
            .join(REF)
            .join("intern/proces-verbaal-van-loting.pdf"),
    );
    insta::assert_snapshot!("lottery_record_text", text);
}

// ---------------------------------------------------------------------------------------------
// The intended winner falls through: a new award decision, never an edit of the old one

#[test]
fn a_fallen_through_winner_gets_a_new_decision_and_standstill() {
    let t = TenderCopy::new();
    let o = gen_on_copy(&t, &["award-letters"]);
    assert_success(&o);
    let old = t.out().join(REF).join("gunning");
    let first_letters = files_below(&old);

    t.write(
        "new-decision.yaml",
        "sent_on: 2026-10-02\nfell_through:\n  bidder: vitaal-en-werk\n  stage: suitability\n  reason: Uit de bewijsmiddelen blijkt dat u niet voldoet aan de geschiktheidseis van paragraaf 3.2.2.2 (stabiliteit).\n  basis: artikel 2.90 Aanbestedingswet 2012 en paragraaf 3.2.2.2 van de offerteaanvraag\n  established: Op 9 september 2026 hebben wij u gevraagd de bewijsmiddelen van paragraaf 2.9 in te dienen; de jaarrekeningen die u op 21 september 2026 indiende tonen een negatief eigen vermogen.\n  record: Vitaal & Werk B.V. voldoet volgens de bewijsmiddelen niet aan de geschiktheidseis stabiliteit (paragraaf 3.2.2.2).\n",
    );
    // `gen status` names the new decision and its winner, and why the award is not ready.
    let status = String::from_utf8(gen_on_copy(&t, &["status"]).stdout).unwrap();
    assert!(
        status.contains(
            "new decision dated 2 oktober 2026: vitaal-en-werk fell through; winner: arbo-noord"
        ),
        "{status}"
    );
    assert!(
        status.contains("definitive award: blocked: the record is wrong"),
        "{status}"
    );
    // The definitive award of the bundled data is dated before the new standstill ends.
    let o = gen_on_copy(&t, &["all"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("definitive-award.yaml:"), "{err}");
    assert!(
        err.contains("the standstill period ends on donderdag 22 oktober 2026"),
        "{err}"
    );

    for (from, to) in [
        ("sent_on: 2026-10-01", "sent_on: 2026-10-26"),
        ("checked_on: 2026-09-30", "checked_on: 2026-10-23"),
        ("  on: 2026-09-30", "  on: 2026-10-23"),
        ("requested_on: 2026-09-10", "requested_on: 2026-10-02"),
        ("sign_by: 2026-10-15", "sign_by: 2026-11-09"),
    ] {
        t.edit("definitive-award.yaml", from, to);
    }
    let text = t
        .read("definitive-award.yaml")
        .replace("received_on: 2026-09-1", "received_on: 2026-10-0");
    t.write("definitive-award.yaml", &text);
    let o = gen_on_copy(&t, &["all"]);
    assert_success(&o);
    let status = String::from_utf8(gen_on_copy(&t, &["status"]).stdout).unwrap();
    assert!(
        status.contains("definitive award: ready for the definitive award"),
        "{status}"
    );

    // The first decision's letters are untouched.
    assert_eq!(files_below(&old), first_letters);
    let new = t.out().join(REF).join("nieuw-voornemen/gunning");
    let flat = |p: PathBuf| {
        pdf_text(&p)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let winner = flat(new.join("gunningsbeslissing-arbo-noord.pdf"));
    assert!(
        winner.contains("Wij hebben het voornemen de opdracht aan u te gunnen"),
        "{winner}"
    );
    assert!(winner.contains("2 oktober 2026"), "{winner}");
    // Every new letter says which decision it replaces and withdraws, and that a new
    // standstill period runs from it.
    assert_contains_all(
        &winner,
        &[
            "Nieuwe voorlopige gunningsbeslissing",
            "Deze brief vervangt onze voorlopige gunningsbeslissing van 9 september 2026.",
            "Daarin hadden wij het voornemen de opdracht te gunnen aan Vitaal & Werk B.V.",
            "die inschrijver niet voldoet aan de geschiktheidseisen",
            "Wij trekken onze gunningsbeslissing van 9 september 2026 daarom in",
            "Met deze brief begint een nieuwe opschortende termijn",
        ],
    );
    // The fallen bidder's reason is its own: another bidder learns the step only.
    assert!(!winner.contains("negatief eigen vermogen"), "{winner}");
    let other = flat(new.join("gunningsbeslissing-werkfit.pdf"));
    assert!(
        other.contains("Wij trekken onze gunningsbeslissing van 9 september 2026"),
        "{other}"
    );
    assert!(!other.contains("stabiliteit"), "{other}");
    let fallen = flat(new.join("gunningsbeslissing-vitaal-en-werk.pdf"));
    assert!(fallen.contains("stabiliteit"), "{fallen}");
    assert!(fallen.contains("Arbo Noord B.V."), "{fallen}");
    assert_contains_all(
        &fallen,
        &[
            "waarin wij u meedeelden dat wij het voornemen hadden de opdracht aan u te gunnen",
            "uw inschrijving alsnog is uitgesloten",
            "niet langer in aanmerking voor gunning",
        ],
    );
    assert!(
        !fallen.contains("niet beoordeeld op de gunningscriteria"),
        "{fallen}"
    );
    // The records say why, in the new decision's folder: the proces-verbaal and the
    // gunningsbesluit withdraw the first decision; the matrix beside them.
    let intern = t.out().join(REF).join("nieuw-voornemen/intern");
    let record = flat(intern.join("proces-verbaal-van-beoordeling.pdf"));
    assert_contains_all(
        &record,
        &[
            "Nieuw voornemen tot gunning",
            "wordt ingetrokken",
            "stabiliteit",
        ],
    );
    let besluit = flat(intern.join("gunningsbesluit.pdf"));
    assert!(
        besluit.contains("besluit dat voornemen in te trekken"),
        "{besluit}"
    );
    assert!(besluit.contains("2 oktober 2026"), "{besluit}");
    assert!(intern.join("beoordelingsmatrix.xlsx").is_file());
    // The definitive award goes to the new winner, after the new standstill.
    let award = flat(
        t.out()
            .join(REF)
            .join("definitieve-gunning/definitieve-gunning-arbo-noord.pdf"),
    );
    assert!(
        award.contains("Wij gunnen de opdracht hierbij definitief aan u"),
        "{award}"
    );
    assert!(award.contains("donderdag 22 oktober 2026"), "{award}");
    let manifest = std::fs::read_to_string(t.out().join(REF).join("manifest.json")).unwrap();
    assert!(manifest.contains("nieuw-voornemen/gunning/gunningsbeslissing-arbo-noord.pdf"));
}

#[test]
fn only_the_intended_winner_can_fall_through() {
    let t = TenderCopy::new();
    t.write(
        "new-decision.yaml",
        "sent_on: 2026-10-02\nfell_through:\n  bidder: werkfit\n  stage: suitability\n  reason: Niet geschikt.\n  basis: paragraaf 3.2.2.2 van de offerteaanvraag\n  established: Uit de bewijsmiddelen.\n  record: Werkfit is niet geschikt.\n",
    );
    let o = gen_on_copy(&t, &["award-letters"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("new-decision.yaml:"), "{err}");
    assert!(
        err.contains(
            "`werkfit` was not the intended winner of decision.yaml (`vitaal-en-werk` was)"
        ),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// New decisions in a row: the new winner falls through in turn

/// A record of new-decision.yaml in its list form: `why` is the reason, the basis and the
/// record's sentence.
fn chain_record(sent_on: &str, bidder: &str, stage: &str, why: [&str; 3]) -> String {
    let [reason, basis, record] = why;
    format!(
        "- sent_on: {sent_on}\n  fell_through:\n    bidder: {bidder}\n    stage: {stage}\n    reason: {reason}\n    basis: {basis}\n    established: Wij hebben u na de vorige gunningsbeslissing gevraagd de bewijsmiddelen van paragraaf 2.9 in te dienen.\n    record: {record}\n"
    )
}

/// Vitaal & Werk falls through (2 October), then Arbo Noord, the first new decision's winner
/// (23 October).
fn two_decisions() -> String {
    first_of_chain() + &second_of_chain()
}

fn first_of_chain() -> String {
    chain_record(
        "2026-10-02",
        "vitaal-en-werk",
        "suitability",
        [
            "Uit de jaarrekeningen die u indiende blijkt een negatief eigen vermogen (stabiliteit).",
            "artikel 2.90 Aanbestedingswet 2012 en paragraaf 3.2.2.2 van de offerteaanvraag",
            "Vitaal & Werk B.V. voldoet niet aan de geschiktheidseis stabiliteit (paragraaf 3.2.2.2).",
        ],
    )
}

fn second_of_chain() -> String {
    chain_record(
        "2026-10-23",
        "arbo-noord",
        "exclusion_grounds",
        [
            "U heeft binnen de termijn geen Gedragsverklaring Aanbesteden overgelegd.",
            "artikel 2.86 Aanbestedingswet 2012 en paragraaf 3.1 van de offerteaanvraag",
            "Arbo Noord B.V. heeft geen Gedragsverklaring Aanbesteden overgelegd (paragraaf 3.1).",
        ],
    )
}

#[test]
fn a_second_new_decision_replaces_the_first_and_the_award_follows_it() {
    let t = TenderCopy::new();
    assert_success(&gen_on_copy(&t, &["award-letters"]));
    let first = files_below(&t.out().join(REF).join("gunning"));
    // The first new decision alone, in the single form, then the list with a second.
    let chain = two_decisions();
    let one = first_of_chain().replacen("- ", "", 1).replace("\n  ", "\n");
    t.write("new-decision.yaml", &one);
    assert_success(&gen_on_copy(&t, &["award-letters"]));
    let new1 = files_below(&t.out().join(REF).join("nieuw-voornemen"));
    t.write("new-decision.yaml", &chain);

    // `gen status`: each decision, who fell through, the winner now, and the award's state.
    let status = String::from_utf8(gen_on_copy(&t, &["status"]).stdout).unwrap();
    assert_contains_all(
        &status,
        &[
            "new decision dated 2 oktober 2026: vitaal-en-werk fell through; winner: arbo-noord",
            "new decision 2 dated 23 oktober 2026: arbo-noord fell through; winner: arbogroep-t-zandt",
            "definitive award: blocked: the record is wrong",
        ],
    );
    // The bundled definitive award predates the second standstill, which ends on 12 November.
    let o = gen_on_copy(&t, &["definitive-award"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the standstill period ends on donderdag 12 november 2026"),
        "{}",
        stderr(&o)
    );
    for (from, to) in [
        ("sent_on: 2026-10-01", "sent_on: 2026-11-13"),
        ("checked_on: 2026-09-30", "checked_on: 2026-11-13"),
        ("  on: 2026-09-30", "  on: 2026-11-13"),
        ("requested_on: 2026-09-10", "requested_on: 2026-10-23"),
        ("sign_by: 2026-10-15", "sign_by: 2026-11-27"),
    ] {
        t.edit("definitive-award.yaml", from, to);
    }
    let text = t
        .read("definitive-award.yaml")
        .replace("received_on: 2026-09-1", "received_on: 2026-10-2");
    t.write("definitive-award.yaml", &text);
    assert_success(&gen_on_copy(&t, &["all"]));
    let status = String::from_utf8(gen_on_copy(&t, &["status"]).stdout).unwrap();
    assert!(
        status.contains("definitive award: ready for the definitive award"),
        "{status}"
    );

    // The first decision's and the first new decision's files stay as they were.
    assert_eq!(files_below(&t.out().join(REF).join("gunning")), first);
    assert_eq!(
        files_below(&t.out().join(REF).join("nieuw-voornemen")),
        new1
    );
    let second = t.out().join(REF).join("nieuw-voornemen-2");
    let flat = |p: PathBuf| one_line(&pdf_text(&p));
    let winner = flat(second.join("gunning/gunningsbeslissing-arbogroep-t-zandt.pdf"));
    assert_contains_all(
        &winner,
        &[
            "WIJ-2026-001/nieuw-voornemen-2/arbogroep-t-zandt",
            // It replaces the decision immediately before, the first new one.
            "Deze brief vervangt onze nieuwe voorlopige gunningsbeslissing van 2 oktober 2026.",
            "Daarin hadden wij het voornemen de opdracht te gunnen aan Arbo Noord B.V.",
            "op die inschrijver een uitsluitingsgrond van toepassing is",
            "Wij trekken onze nieuwe gunningsbeslissing van 2 oktober 2026 daarom in",
            "Wij hebben het voornemen de opdracht aan u te gunnen.",
            "Met deze brief begint een nieuwe opschortende termijn",
            "donderdag 12 november 2026",
        ],
    );
    assert!(!winner.contains("9 september 2026"), "{winner}");
    // Neither fallen bidder's reason reaches another bidder.
    for other in ["arbogroep-t-zandt", "werkfit", "duurzaam-inzetbaar"] {
        let letter = flat(second.join(format!("gunning/gunningsbeslissing-{other}.pdf")));
        for secret in [
            "geen Gedragsverklaring Aanbesteden overgelegd",
            "negatief eigen vermogen",
        ] {
            assert!(!letter.contains(secret), "{other}: {letter}");
        }
    }
    let fallen = flat(second.join("gunning/gunningsbeslissing-arbo-noord.pdf"));
    assert_contains_all(
        &fallen,
        &[
            "Deze brief vervangt onze nieuwe voorlopige gunningsbeslissing van 2 oktober 2026, waarin wij u meedeelden dat wij het voornemen hadden de opdracht aan u te gunnen.",
            "uw inschrijving alsnog is uitgesloten",
            "geen Gedragsverklaring Aanbesteden overgelegd",
            "Arbogroep 't Zandt B.V.",
        ],
    );
    assert!(!fallen.contains("negatief eigen vermogen"), "{fallen}");
    // The bidder that fell first: its own reason only, and when it was told.
    let earlier_raw = pdf_text(&second.join("gunning/gunningsbeslissing-vitaal-en-werk.pdf"));
    let earlier = one_line(&earlier_raw);
    assert_contains_all(
        &earlier,
        &[
            "Zoals wij u met onze brief van 2 oktober 2026 hebben meegedeeld, is uw inschrijving alsnog uitgesloten.",
            "negatief eigen vermogen",
            "niet langer in aanmerking voor gunning",
            "Wij hebben het voornemen de opdracht te gunnen aan Arbogroep 't Zandt B.V.",
        ],
    );
    assert!(!earlier.contains("overgelegd"), "{earlier}");
    insta::assert_snapshot!("second_new_decision_earlier_fallen_letter", earlier_raw);

    // The records: which decision is withdrawn and why, and the chain so far.
    let record = flat(second.join("intern/proces-verbaal-van-beoordeling.pdf"));
    assert_contains_all(
        &record,
        &[
            "Op 2 oktober 2026 is het nieuwe voornemen genomen de opdracht te gunnen aan Arbo Noord B.V.",
            "Het nieuwe voornemen van 2 oktober 2026 wordt ingetrokken",
            "Dit is het tweede nieuwe voornemen tot gunning",
            "voornemen van 9 september 2026: gunning aan Vitaal & Werk B.V.",
            "nieuw voornemen van 2 oktober 2026: na het alsnog uitsluiten van Vitaal & Werk B.V., gunning aan Arbo Noord B.V.",
            "dit nieuwe voornemen van 23 oktober 2026: na het alsnog uitsluiten van Arbo Noord B.V., gunning aan Arbogroep 't Zandt B.V.",
        ],
    );
    let besluit = flat(second.join("intern/gunningsbesluit.pdf"));
    assert!(
        besluit.contains("gelet op het besluit van 2 oktober 2026 het nieuwe voornemen te nemen"),
        "{besluit}"
    );
    assert!(second.join("intern/beoordelingsmatrix.xlsx").is_file());
    let json = std::fs::read_to_string(second.join("intern/evaluation.json")).unwrap();
    assert!(json.contains("\"winner\": \"arbogroep-t-zandt\""), "{json}");

    // The definitive award goes to the third-ranked bidder, after the second standstill.
    let award = flat(
        t.out()
            .join(REF)
            .join("definitieve-gunning/definitieve-gunning-arbogroep-t-zandt.pdf"),
    );
    assert!(
        award.contains("Wij gunnen de opdracht hierbij definitief aan u"),
        "{award}"
    );
    assert!(award.contains("donderdag 12 november 2026"), "{award}");
}

#[test]
fn a_chain_of_decisions_refuses_what_does_not_follow() {
    let t = TenderCopy::new();
    let (first, second) = (first_of_chain(), second_of_chain());
    let refused = |yaml: &str, at: &str, message: &str| {
        t.write("new-decision.yaml", yaml);
        let o = gen_on_copy(&t, &["award-letters"]);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(err.contains(at), "{at}: {err}");
        assert!(err.contains(message), "{message}: {err}");
    };
    // The second is not later than the first.
    refused(
        &(first.clone() + &second.replace("2026-10-23", "2026-10-01")),
        "new-decision.yaml:9:3: [2].sent_on",
        "the new decision comes after the one before (record 1), sent on 2026-10-02",
    );
    // The second names a bidder that was not the first new decision's winner.
    refused(
        &(first.clone() + &second.replace("bidder: arbo-noord", "bidder: werkfit")),
        "new-decision.yaml:11:5: [2].fell_through.bidder",
        "`werkfit` was not the intended winner of the new decision of 2026-10-02 (record 1) (`arbo-noord` was)",
    );
    // A bid that fell already cannot fall again.
    refused(
        &(first.clone() + &second.replace("bidder: arbo-noord", "bidder: vitaal-en-werk")),
        "new-decision.yaml:11:5: [2].fell_through.bidder",
        "fell through already (record 1)",
    );
    refused(
        "[]\n",
        "new-decision.yaml",
        "the list of new award decisions is empty",
    );
}
