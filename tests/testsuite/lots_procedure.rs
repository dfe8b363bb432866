//! The procedure after the award letters in a tender divided into lots: the definitive award
//! per lot (`definitive-award.yaml`, shared fields with `lots.<n>` overrides) and its checks,
//! each naming file, line and field.

use crate::common::*;

/// The divided copy of `lots_award` with the bundled definitive award restored (shared by
/// every lot: the bundled evidence is then every winner's).
fn divided() -> TenderCopy {
    let t = crate::lots_award::divided();
    let bundled = std::fs::read_to_string(repo().join("data/definitive-award.yaml")).unwrap();
    t.write("definitive-award.yaml", &bundled);
    t
}

fn definitive(t: &TenderCopy, lot: u32, id: &str) -> String {
    one_line(&pdf_text(&t.out().join(format!(
        "WIJ-2026-001/definitieve-gunning/perceel-{lot}/definitieve-gunning-{id}.pdf"
    ))))
}

/// One letter per lot per bidder that tendered for it; each names its lot and the lot's winner
/// after the award limit (lot 1 to Arbo Noord, second there).
#[test]
fn writes_the_definitive_award_per_lot() {
    let t = divided();
    assert_success(&t.run_gen(&["definitive-award"]));
    let dir = t.out().join("WIJ-2026-001/definitieve-gunning");
    assert!(!dir.join("definitieve-gunning-arbo-noord.pdf").exists());
    for (lot, ids) in [
        (
            1,
            &["arbo-noord", "vitaal-en-werk", "arbogroep-t-zandt"][..],
        ),
        (2, &["vitaal-en-werk", "werkfit", "duurzaam-inzetbaar"][..]),
        (3, &["duurzaam-inzetbaar"][..]),
    ] {
        for id in ids {
            let f = dir.join(format!("perceel-{lot}/definitieve-gunning-{id}.pdf"));
            assert!(f.is_file(), "{} missing", f.display());
        }
    }
    assert!(
        !dir.join("perceel-3/definitieve-gunning-werkfit.pdf")
            .exists()
    );
    let winner = definitive(&t, 1, "arbo-noord");
    assert_contains_all(
        &winner,
        &[
            "/DG/perceel-1/arbo-noord",
            "voornemen perceel 1 (“",
            "Wij gunnen perceel 1 (“",
        ],
    );
    let notice = definitive(&t, 1, "vitaal-en-werk");
    assert_contains_all(
        &notice,
        &[
            "Mededeling definitieve gunning",
            "Wij hebben perceel 1 (“",
            "voor dit perceel",
        ],
    );
    assert!(notice.contains("Arbo Noord"), "{notice}");
}

/// A lot's own evidence replaces the shared one. Evidence not in order keeps that lot from
/// the definitive award: a warning names the field under `lots.<n>`, the line, the lot and what
/// to do next, and the other lots are written (each lot is its own award). When no lot can be
/// awarded, `gen definitive-award` fails and writes nothing.
#[test]
fn a_lot_that_cannot_be_awarded_does_not_block_the_others() {
    let t = divided();
    let own = "lots:\n  3:\n    evidence:\n      requested_on: 2026-09-10\n      documents:\n        - { received_on: 2026-09-16, in_order: false, remarks: verlopen }\n        - { received_on: 2026-09-16, in_order: true }\n        - { received_on: 2026-09-16, in_order: true }\n        - { received_on: 2026-09-16, in_order: true }\n        - { received_on: 2026-09-16, in_order: true }\n";
    let text = t.read("definitive-award.yaml");
    t.write("definitive-award.yaml", &format!("{text}{own}"));
    let line = text.lines().count() + 6;
    let o = t.run_gen(&["definitive-award"]);
    assert_success(&o);
    let err = stderr(&o);
    assert!(
        err.contains(&format!("warning: data/definitive-award.yaml:{line}"))
            && err.contains("lots.3.evidence.documents.0.in_order")
            && err.contains("lot 3: the evidence is not in order")
            && err.contains("new-decision.yaml"),
        "{err}"
    );
    let dir = t.out().join("WIJ-2026-001/definitieve-gunning");
    assert!(
        dir.join("perceel-1/definitieve-gunning-arbo-noord.pdf")
            .is_file()
    );
    assert!(
        dir.join("perceel-2/definitieve-gunning-vitaal-en-werk.pdf")
            .is_file()
    );
    assert!(!dir.join("perceel-3").exists());

    // Summary proceedings on lots 1 and 2 as well: no lot can be awarded.
    let text = t.read("definitive-award.yaml");
    let blocked = "  1:\n    standstill: { proceedings: true, checked_on: 2026-09-30 }\n  2:\n    standstill: { proceedings: true, checked_on: 2026-09-30 }\n";
    t.write("definitive-award.yaml", &format!("{text}{blocked}"));
    std::fs::remove_dir_all(t.out()).unwrap();
    let o = t.run_gen(&["definitive-award"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_contains_all(
        &err,
        &[
            "lots.1.standstill.proceedings",
            "lot 1: summary proceedings were started",
            "lots.2.standstill.proceedings",
            "lots.3.evidence.documents.0.in_order",
        ],
    );
    assert!(!dir.exists());
    // `gen all` writes everything else, with the same warnings.
    let o = t.run_gen(&["all"]);
    assert_success(&o);
    assert!(stderr(&o).contains("lot 2: summary proceedings were started"));
    assert!(!dir.exists());
}

/// Data that contradicts itself in one lot stays an error, nothing written: a lot's own
/// standstill check dated before the standstill ends.
#[test]
fn a_contradiction_in_one_lot_is_an_error() {
    let t = divided();
    let text = t.read("definitive-award.yaml");
    t.write(
        "definitive-award.yaml",
        &format!(
            "{text}lots:\n  2:\n    standstill: {{ proceedings: false, checked_on: 2026-09-28 }}\n"
        ),
    );
    let o = t.run_gen(&["definitive-award"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "definitive-award.yaml:{}",
            text.lines().count() + 3
        )) && err.contains("lots.2.standstill.checked_on")
            && err.contains("lot 2: the standstill period ends on"),
        "{err}"
    );
    assert!(!t.out().join("WIJ-2026-001/definitieve-gunning").exists());
}

/// A lot the tender does not have, and `lots:` in an undivided tender, are refused by `check`.
#[test]
fn refuses_unknown_lots_and_lots_in_an_undivided_tender() {
    let t = divided();
    let text = t.read("definitive-award.yaml");
    t.write(
        "definitive-award.yaml",
        &format!("{text}lots:\n  9:\n    sign_by: 2026-10-20\n"),
    );
    let o = t.run_gen(&["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let line = text.lines().count() + 2;
    assert!(
        err.contains(&format!("definitive-award.yaml:{line}"))
            && err.contains("lots.9")
            && err.contains("no lot 9"),
        "{err}"
    );

    let undivided = TenderCopy::new();
    let text = undivided.read("definitive-award.yaml");
    undivided.write(
        "definitive-award.yaml",
        &format!("{text}lots:\n  1:\n    sign_by: 2026-10-20\n"),
    );
    let o = undivided.run_gen(&["check"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not divided into lots"),
        "{}",
        stderr(&o)
    );
}

/// The divided copy with lot 2 tied for first place: Arbo Noord's lot 2 bid is Vitaal & Werk's,
/// and decision.yaml settles the order of lot 2 by lot (Vitaal & Werk drawn first, so the award
/// stays as in `lots_award`).
fn tied_on_lot_2() -> TenderCopy {
    let t = divided();
    let lots = |id: &str| -> serde_yaml::Mapping {
        serde_yaml::from_str(&t.read(&format!("bids/{id}.yaml"))).unwrap()
    };
    let vitaal = lots("vitaal-en-werk");
    let mut arbo = lots("arbo-noord");
    let part = vitaal["lots"][2].clone();
    arbo["lots"]
        .as_mapping_mut()
        .unwrap()
        .insert(2.into(), part);
    t.write(
        "bids/arbo-noord.yaml",
        &serde_yaml::to_string(&arbo).unwrap(),
    );
    t.edit(
        "decision.yaml",
        "  2:\n    winner: vitaal-en-werk\n",
        "  2:\n    winner: vitaal-en-werk\n    lottery:\n      date: 2026-09-07\n      order: [vitaal-en-werk, arbo-noord]\n",
    );
    t
}

const LOTTERY: &str = "time: \"10:00\"\nplace: Stadskantoor Wijkdam, kamer 2.14\ndrawn_by:\n  name: mr. H. de Wit\n  function: notaris\nwitnesses:\n  - name: J. Smit\n    function: inkoopadviseur\nmethod: Twee gelijke enveloppen met de namen van de inschrijvers zijn geschud; de notaris trok er een.\n";

/// A tie in one lot: the proces-verbaal van loting of that lot only, naming the lot, with the
/// lot's own time; without lottery.yaml an error naming the lot, nothing written.
#[test]
fn records_the_lottery_of_the_lot_it_settled() {
    let t = tied_on_lot_2();
    let o = t.run_gen(&["all"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("lottery.yaml")
            && err.contains("tie in lot 2")
            && err.contains("lots.2.lottery"),
        "{err}"
    );
    t.write(
        "lottery.yaml",
        &format!("{LOTTERY}lots:\n  2:\n    time: \"10:30\"\n"),
    );
    assert_success(&t.run_gen(&["all"]));
    let intern = t.out().join("WIJ-2026-001/intern");
    assert!(!intern.join("proces-verbaal-van-loting.pdf").exists());
    for n in [1, 3] {
        assert!(
            !intern
                .join(format!("perceel-{n}/proces-verbaal-van-loting.pdf"))
                .exists()
        );
    }
    let raw = pdf_text(&intern.join("perceel-2/proces-verbaal-van-loting.pdf"));
    let text = one_line(&raw);
    assert_contains_all(
        &text,
        &[
            "Perceel 2:",
            "10:30 uur",
            "inschrijvingen voor perceel 2 een gelijk aantal punten",
            "mr. H. de Wit",
        ],
    );
    // The order drawn, the names and the points: reviewed in the snapshot.
    insta::assert_snapshot!("lot_2_proces_verbaal_van_loting", raw);
}

/// lottery.yaml's per-lot part: only for lots the tender has, checked where it is written.
#[test]
fn refuses_a_lottery_record_for_an_unknown_lot() {
    let t = tied_on_lot_2();
    t.write(
        "lottery.yaml",
        &format!("{LOTTERY}lots:\n  2:\n    witnesses: []\n  7:\n    time: \"11:00\"\n"),
    );
    let o = t.run_gen(&["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let lines = LOTTERY.lines().count();
    assert!(
        err.contains(&format!("lottery.yaml:{}", lines + 3)) && err.contains("lots.2.witnesses"),
        "{err}"
    );
    assert!(
        err.contains(&format!("lottery.yaml:{}", lines + 4)) && err.contains("no lot 7"),
        "{err}"
    );
}
