//! Presentations in a tender divided into lots (issue 15): a bidder is heard per lot it
//! tendered for and is valid in, for each lot whose criteria include the presentation; one
//! invitation per slot, `presentaties/perceel-<n>/…`, on the lot's criteria and naming the
//! lot; the slots are validated per lot with their place. The undivided tender's invitations
//! are unchanged (tests/testsuite/procedure.rs).

use std::path::{Path, PathBuf};

use crate::common::*;

/// A copy of the divided example's data (with its decision) in a temporary folder.
type Example = crate::lots_forms::Copy;

/// Replaces the one occurrence of `from` in a data file of `e`.
fn edit(e: &Example, file: &str, from: &str, to: &str) {
    let text = e.read(file);
    assert_eq!(text.matches(from).count(), 1, "`{from}` once in {file}");
    std::fs::write(e.data().join(file), text.replacen(from, to, 1)).unwrap();
}

/// Slots as presentations.yaml writes them, one per (bidder, lot, date, start), four lines
/// each; `lot: None` leaves the lot out.
fn slots(list: &[(&str, Option<u32>, &str, &str)]) -> String {
    list.iter()
        .map(|(bidder, lot, date, start)| {
            let lot = lot.map_or(String::new(), |n| format!("    lot: {n}\n"));
            format!("  - bidder: {bidder}\n{lot}    date: {date}\n    start: \"{start}\"\n")
        })
        .collect()
}

/// The slots of [`heard`], `slots:` and six slots (lines 15 to 39): three bidders in lot 2,
/// three in lot 3 (ergo-werkplek tendered for lot 1 only, which has no presentation;
/// bureau-en-stoel is excluded as a whole). `last_lot` is van-der-meer's lot 3 (the last).
fn lots_2_and_3(last_lot: Option<u32>) -> String {
    let (tue, thu) = ("2027-03-31", "2027-04-01");
    format!(
        "slots:\n{}",
        slots(&[
            ("van-der-meer", Some(2), tue, "09:00"),
            ("kantoorinrichting-noord", Some(2), tue, "10:00"),
            ("dijkhuis", Some(2), tue, "11:00"),
            ("kantoorinrichting-noord", Some(3), thu, "09:00"),
            ("dijkhuis", Some(3), thu, "10:00"),
            ("van-der-meer", last_lot, thu, "11:00"),
        ])
    )
}

/// The lines of presentations.yaml before `slots:` (so `slots:` is line 15).
const HEAD: &str = "\
sent_on: 2027-03-24
drawn_on: 2027-03-23
venue:
  - Gemeentehuis Lindeveen
  - Marktplein 1
arrive_minutes_before: 15
signatory:
  name: J. de Vries
  function: teamleider inkoop
contact:
  name: P. Bakker
  function: inkoopadviseur
  email: inkoop@lindeveen.example
attendees_notice_working_days: 2
";

/// The divided example with G2.3 (service) assessed on a presentation, in lots 2 and 3 only:
/// lot 1 selects G2.1 and G2.2 (its scores on G2.3 removed from the bids), lot 3 keeps
/// G2.1 and G2.3. The planning gets its presentation days, presentations.yaml its slots.
fn heard(slots: &str) -> Example {
    let e = Example::with_decision();
    edit(
        &e,
        "award.yaml",
        "        form: plan\n        # No page limit: the bidder describes its service organisation as fully as it wishes.\n",
        "        form: presentation\n",
    );
    edit(
        &e,
        "award.yaml",
        "        description: >-\n          In uw plan van aanpak beschrijft u hoe het jaarlijkse onderhoud",
        "        description: >-\n          In uw presentatie laat u zien hoe het jaarlijkse onderhoud",
    );
    edit(
        &e,
        "award.yaml",
        "  presentation_criteria: []",
        "  presentation_criteria:\n    - De mate waarin de aanpak realistisch en duidelijk is;\n    - De mate waarin de aanpak aansluit op de doelstelling van deze aanbesteding.",
    );
    edit(
        &e,
        "award.yaml",
        "price:\n  # Linear",
        "presentation:\n  duration_minutes: 30\n  questions_minutes: 15\n  max_attendees: 2\n  min_experts: 1\n  explanation:\n    - U licht toe hoe u het onderhoud en de garantieafhandeling van het perceel organiseert.\n\nprice:\n  # Linear",
    );
    edit(
        &e,
        "tender.yaml",
        "  - name: Bekendmaken voornemen tot gunning",
        "  - name: Presentatie\n    kind: presentation\n    date: 2027-03-31\n    until: 2027-04-01\n  - name: Bekendmaken voornemen tot gunning",
    );
    edit(
        &e,
        "tender.yaml",
        "      price_lines: [A1, A2, A6, B1]\n",
        "      price_lines: [A1, A2, A6, B1]\n      criteria: [G2.1, G2.2]\n      points: { G2.1: \"35\", G2.2: \"25\" }\n",
    );
    for bidder in ["dijkhuis", "ergo-werkplek", "van-der-meer"] {
        drop_lot_1_score(&e, bidder);
    }
    std::fs::write(
        e.data().join("presentations.yaml"),
        format!("{HEAD}{slots}"),
    )
    .unwrap();
    e
}

/// Removes the G2.3 assessment of lot 1 from a bid (lot 1 is not scored on it).
fn drop_lot_1_score(e: &Example, bidder: &str) {
    let file = format!("bids/{bidder}.yaml");
    let text = e.read(&file);
    let lines: Vec<&str> = text.lines().collect();
    let lot_1 = lines.iter().position(|l| *l == "  1:").unwrap();
    let start = lot_1
        + lines[lot_1..]
            .iter()
            .position(|l| *l == "      G2.3:")
            .unwrap();
    let end = start
        + 1
        + lines[start + 1..]
            .iter()
            .position(|l| !l.starts_with("       "))
            .unwrap_or(lines.len() - start - 1);
    let kept: Vec<&str> = [&lines[..start], &lines[end..]].concat();
    std::fs::write(e.data().join(&file), kept.join("\n") + "\n").unwrap();
}

fn presentations(e: &Example) -> PathBuf {
    e.out().join("LDV-2027-031/presentaties")
}

/// The invitations written, as paths below `presentaties/`.
fn invitations(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = files_below(dir).into_iter().map(|(p, _)| p).collect();
    found.sort();
    found
}

fn failing(o: &std::process::Output) -> String {
    assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
    stderr(o)
}

/// `gen all` invites each bidder per lot with the presentation it is valid in: ergo-werkplek
/// (lot 1 only, no presentation) and bureau-en-stoel (excluded) are not invited, and no
/// invitation is written outside the lots' folders.
#[test]
fn who_is_invited_for_which_lot() {
    let e = heard(&lots_2_and_3(Some(3)));
    assert_success(&e.run(&["--no-stamp", "all"]));
    assert_eq!(
        invitations(&presentations(&e)),
        [
            "perceel-2/uitnodiging-presentatie-dijkhuis.pdf",
            "perceel-2/uitnodiging-presentatie-kantoorinrichting-noord.pdf",
            "perceel-2/uitnodiging-presentatie-van-der-meer.pdf",
            "perceel-3/uitnodiging-presentatie-dijkhuis.pdf",
            "perceel-3/uitnodiging-presentatie-kantoorinrichting-noord.pdf",
            "perceel-3/uitnodiging-presentatie-van-der-meer.pdf",
        ]
    );
}

/// The letter names its lot in the subject, the kenmerk and the text, with the lot's slot.
#[test]
fn the_invitation_names_its_lot() {
    let e = heard(&lots_2_and_3(Some(3)));
    assert_success(&e.run(&["--no-stamp", "invitations"]));
    let dir = presentations(&e);
    let text = pdf_text(&dir.join("perceel-3/uitnodiging-presentatie-dijkhuis.pdf"));
    assert_squashed(
        &text,
        &[
            "LDV-2027-031/P/perceel-3/dijkhuis",
            "Uitnodiging presentatie Kantoormeubilair gemeentehuis in percelen (LDV-2027-031) – Perceel 3: Lockers en opbergmeubilair",
            "Deze uitnodiging gaat over Perceel 3: Lockers en opbergmeubilair.",
            "Subgunningscriterium G2.3 (Service, onderhoud en garantie) wordt voor dit perceel beoordeeld aan de hand van een presentatie.",
            "donderdag 1 april 2027",
            "van 10:00 uur tot 10:45 uur",
            "de presentatie licht de ingediende inschrijving op dit perceel toe",
        ],
    );
    for other in ["G2.1", "G2.2", "Perceel 2", "Perceel 1"] {
        assert!(
            !text.contains(other),
            "`{other}` in lot 3's invitation:\n{text}"
        );
    }
    // Reviewed line by line: the lot in the subject and the opening, the Easter days skipped
    // for the attendees' names (Goede Vrijdag and Tweede Paasdag 2027, Atw).
    insta::assert_snapshot!(
        "lot_invitation_text_kantoorinrichting_noord_lot_2",
        pdf_text(&dir.join("perceel-2/uitnodiging-presentatie-kantoorinrichting-noord.pdf"))
    );
    let two = pdf_text(&dir.join("perceel-2/uitnodiging-presentatie-dijkhuis.pdf"));
    assert_squashed(
        &two,
        &[
            "LDV-2027-031/P/perceel-2/dijkhuis",
            "– Perceel 2: Vergadermeubilair",
            "woensdag 31 maart 2027",
            "van 11:00 uur tot 11:45 uur",
        ],
    );
}

/// With G2.2 (planning) presented too, each lot's invitation lists the criteria presented in
/// that lot: lot 1 (G2.1, G2.2) only G2.2, lot 2 both, lot 3 (without G2.2) only G2.3.
#[test]
fn each_lot_lists_its_own_presentation_criteria() {
    let thu = "2027-04-01";
    let slots = lots_2_and_3(Some(3))
        + &slots(&[
            ("dijkhuis", Some(1), thu, "13:00"),
            ("ergo-werkplek", Some(1), thu, "14:00"),
            ("van-der-meer", Some(1), thu, "15:00"),
        ]);
    let e = heard(&slots);
    edit(
        &e,
        "award.yaml",
        "        points: \"20\"\n        form: plan\n        page_limit: { pages: 3, paper: A4, font: Arial, font_size: \"10\", line_spacing: \"1.0\" }\n",
        "        points: \"20\"\n        form: presentation\n",
    );
    let o = e.run(&["--no-stamp", "invitations"]);
    assert_success(&o);
    let dir = presentations(&e);
    let presented = |lot: u32| {
        let text = squash(&pdf_text(&dir.join(format!(
            "perceel-{lot}/uitnodiging-presentatie-dijkhuis.pdf"
        ))));
        ["G2.1", "G2.2", "G2.3"]
            .into_iter()
            .filter(|id| text.contains(&squash(&format!("{id} ("))))
            .collect::<Vec<_>>()
    };
    assert_eq!(presented(1), ["G2.2"]);
    assert_eq!(presented(2), ["G2.2", "G2.3"]);
    assert_eq!(presented(3), ["G2.3"]);
    assert!(
        dir.join("perceel-1/uitnodiging-presentatie-ergo-werkplek.pdf")
            .is_file()
    );
}

/// A bid excluded from one lot is heard in the other: its slot in the lot it is excluded
/// from stays on record with a warning, and no invitation is written for it.
#[test]
fn a_bid_excluded_from_a_lot_is_not_invited_for_it() {
    let e = heard(&lots_2_and_3(Some(3)));
    std::fs::remove_file(e.data().join("decision.yaml")).unwrap();
    edit(
        &e,
        "bids/dijkhuis.yaml",
        "  2:\n    rates:",
        "  2:\n    status: excluded\n    exclusion:\n      stage: programme_of_requirements\n      reason: Uw vergaderstoelen voldoen niet aan eis 3.1.\n      basis: paragraaf 4.1 van de offerteaanvraag\n      established: Uit uw productbladen.\n      record: De vergaderstoelen van Dijkhuis voldoen niet aan eis 3.1.\n    rates:",
    );
    let o = e.run(&["--no-stamp", "invitations"]);
    assert_success(&o);
    // Slots are numbered from 1 in the messages: the third is dijkhuis's in lot 2.
    assert!(
        stderr(&o).contains(
            "presentations.yaml:24:5: slots[3].bidder: the bid `dijkhuis` is excluded from lot 2: no invitation is written for its slot"
        ),
        "{}",
        stderr(&o)
    );
    let written = invitations(&presentations(&e));
    assert!(!written.contains(&"perceel-2/uitnodiging-presentatie-dijkhuis.pdf".to_string()));
    assert!(written.contains(&"perceel-3/uitnodiging-presentatie-dijkhuis.pdf".to_string()));
}

/// Every wrong slot is reported with file, line and field, and nothing is written: a slot
/// without its lot, for a lot without a presentation, for an undeclared lot, for a lot the
/// bid is not for, a bidder's second slot in a lot, overlapping slots of one bidder in two
/// lots, and a valid bid without a slot in a lot.
#[test]
fn wrong_slots_are_errors_with_their_place() {
    let thu = "2027-04-01";
    let slots = lots_2_and_3(None)
        + &slots(&[
            ("ergo-werkplek", Some(1), thu, "13:00"),
            ("ergo-werkplek", Some(2), thu, "14:00"),
            ("dijkhuis", Some(4), thu, "15:00"),
            ("dijkhuis", Some(3), thu, "10:30"),
        ]);
    let e = heard(&slots);
    // Slots are numbered from 1 in the messages, as everywhere.
    let err = failing(&e.run(&["invitations"]));
    let file = e.data().join("presentations.yaml");
    let at = |place: &str| format!("{}:{place}", file.display());
    assert_contains_all(
        &err,
        &[
            &format!(
                "{}: slots[6].lot: the tender is divided into lots: name the lot this session is for (`lot: <number>`; lots with a presentation or interview: 2, 3)",
                at("36:5")
            ),
            &format!(
                "{}: slots[7].lot: lot 1 is not assessed on a presentation or interview",
                at("40:5")
            ),
            &format!(
                "{}: slots[9].lot: no lot 4 in tender.yaml (lots: 1, 2, 3)",
                at("48:5")
            ),
            &format!(
                "{}: slots[8].bidder: the bid `ergo-werkplek` is not for lot 2",
                at("43:5")
            ),
            &format!(
                "{}: slots[10].bidder: `dijkhuis` has two slots for lot 3",
                at("51:5")
            ),
            &format!("{}: slots[10].start: overlaps slot 5", at("54:5")),
            &format!(
                "{}: slots: the valid bid `van-der-meer` has no slot for lot 3",
                at("15:1")
            ),
        ],
    );
    assert!(!presentations(&e).exists(), "nothing written");
}

/// `gen status` reports a missing slot per lot, as it does for the whole tender.
#[test]
fn status_reports_a_missing_slot_per_lot() {
    let one = slots(&[("kantoorinrichting-noord", Some(3), "2027-04-01", "09:00")]);
    let slots = lots_2_and_3(Some(3)).replace(&one, "");
    let e = heard(&slots);
    let o = e.run(&["status"]);
    let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(
        all.contains("slots: the valid bid `kantoorinrichting-noord` has no slot for lot 3"),
        "{all}"
    );
}

/// In an undivided tender a slot names no lot.
#[test]
fn an_undivided_tender_refuses_a_lot() {
    let t = TenderCopy::new();
    t.edit(
        "presentations.yaml",
        "  - bidder: werkfit\n",
        "  - bidder: werkfit\n    lot: 1\n",
    );
    let o = gen_on_copy(&t, &["invitations"]);
    let err = failing(&o);
    assert!(
        err.contains("presentations.yaml:27:5: slots[1].lot: the tender is not divided into lots: remove `lot`"),
        "{err}"
    );
}

/// Chapter 5 says the presentation is held per lot.
#[test]
fn chapter_5_holds_the_presentation_per_lot() {
    let e = heard(&lots_2_and_3(Some(3)));
    assert_success(&e.run(&["--no-stamp", "itt"]));
    let text = pdf_text(&e.out().join("LDV-2027-031/offerteaanvraag.pdf"));
    assert_squashed(
        &text,
        &[
            "G2.3: Service, onderhoud en garantie",
            "Dit onderdeel geldt niet voor perceel 1.",
            "De presentatie wordt per perceel gehouden: wie inschrijft op meer percelen waarvoor dit onderdeel geldt, geeft per perceel een afzonderlijke presentatie over zijn inschrijving op dat perceel, die voor dat perceel wordt beoordeeld.",
        ],
    );
}

fn assert_squashed(text: &str, phrases: &[&str]) {
    crate::lots_forms::assert_squashed(text, phrases);
}
