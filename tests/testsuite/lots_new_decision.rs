//! A new award decision in a tender divided into lots (issue 15, §2.8 of the invitation): only
//! the lots the fallen-through bidder was awarded are decided again, each without its bid and
//! under the award limit counting the lots held under the decisions that stand; the first
//! decision's files stay as they were sent; the definitive award follows each lot's last
//! decision, lot by lot. Run on a copy of `examples/meubilair-percelen` (lots 1 and 2 to Van
//! der Meer, lot 3 to Kantoorinrichting Noord, at most two lots per bidder by value).
//! Outcomes are asserted by bidder and wording, not by points.

use std::path::PathBuf;

use crate::common::*;

const REF: &str = "LDV-2027-031";

/// The example's data and the repository's templates side by side in a temporary folder.
fn example() -> TenderCopy {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("examples/meubilair-percelen/data"),
        &dir.path().join("data"),
    );
    copy_dir(&templates_dir(), &dir.path().join("templates"));
    TenderCopy { dir }
}

/// new-decision.yaml: `bidder` fell through (for `lots`, when given), sent on 3 May 2027.
fn new_decision(bidder: &str, stage: &str, lots: Option<&str>) -> String {
    format!(
        "sent_on: 2027-05-03\nfell_through:\n  bidder: {bidder}\n  stage: {stage}\n  reason: Uit de bewijsmiddelen die u op 20 april 2027 indiende blijkt dat u niet voldoet aan de eis.\n  basis: paragraaf 3.2 van de offerteaanvraag\n  established: Op 15 april 2027 hebben wij u gevraagd de bewijsmiddelen van paragraaf 2.9 in te dienen.\n  record: De inschrijver voldoet volgens de bewijsmiddelen niet aan de eis van paragraaf 3.2.\n{}",
        lots.map(|l| format!("  lots: {l}\n")).unwrap_or_default()
    )
}

fn new_letter(t: &TenderCopy, lot: u32, id: &str) -> PathBuf {
    t.out().join(format!(
        "{REF}/nieuw-voornemen/gunning/perceel-{lot}/gunningsbeslissing-{id}.pdf"
    ))
}

fn text(path: &std::path::Path) -> String {
    one_line(&pdf_text(path))
}

/// The whole bid of Van der Meer falls (exclusion grounds): lots 1 and 2, which it was
/// awarded, get a new decision; lot 3 stands. Lot 1 goes to Ergo Werkplek, lot 2 to Noord,
/// which holds lot 3 and is still under the limit of two.
#[test]
fn a_fallen_winner_gets_a_new_decision_on_its_lots_only() {
    let t = example();
    assert_success(&t.run_gen(&["award-letters"]));
    let first = files_below(&t.out().join(REF).join("gunning"));
    t.write(
        "new-decision.yaml",
        &new_decision("van-der-meer", "exclusion_grounds", None),
    );
    assert_success(&t.run_gen(&["award-letters"]));
    // The first decision's letters are untouched.
    assert_eq!(files_below(&t.out().join(REF).join("gunning")), first);
    let new = t.out().join(REF).join("nieuw-voornemen");
    // Every bidder of each affected lot gets a letter; lot 3 none.
    for (lot, ids) in [
        (
            1,
            &[
                "van-der-meer",
                "dijkhuis",
                "ergo-werkplek",
                "bureau-en-stoel",
            ][..],
        ),
        (
            2,
            &["van-der-meer", "dijkhuis", "kantoorinrichting-noord"][..],
        ),
    ] {
        for id in ids {
            assert!(new_letter(&t, lot, id).is_file(), "lot {lot}: {id} missing");
        }
        for file in [
            "proces-verbaal-van-beoordeling.pdf",
            "gunningsbesluit.pdf",
            "beoordelingsmatrix.xlsx",
        ] {
            assert!(new.join(format!("intern/perceel-{lot}/{file}")).is_file());
        }
    }
    assert!(!new.join("gunning/perceel-3").exists());
    assert!(!new.join("intern/perceel-3").exists());

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(new.join("intern/evaluation.json")).unwrap())
            .unwrap();
    let winners: Vec<(u64, &str)> = json["lots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["lot"].as_u64().unwrap(),
                l["award"]["winner"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        winners,
        [(1, "ergo-werkplek"), (2, "kantoorinrichting-noord")]
    );

    let noord = text(&new_letter(&t, 2, "kantoorinrichting-noord"));
    assert_contains_all(
        &noord,
        &[
            "Nieuwe voorlopige gunningsbeslissing",
            "Deze brief vervangt onze voorlopige gunningsbeslissing van 14 april 2027 over Perceel 2: Vergadermeubilair.",
            "dit perceel te gunnen aan Van der Meer Projectinrichting B.V.",
            "op die inschrijver een uitsluitingsgrond van toepassing is",
            "Wij trekken onze gunningsbeslissing van 14 april 2027 over Perceel 2: Vergadermeubilair daarom in",
            "Ook over Perceel 1: Werkplekmeubilair nemen wij een nieuwe gunningsbeslissing.",
            "Onze gunningsbeslissingen over de andere percelen blijven ongewijzigd van kracht.",
            "Met deze brief begint een nieuwe opschortende termijn",
            "Wij hebben het voornemen Perceel 2: Vergadermeubilair aan u te gunnen.",
            // 20 days from 4 May end on Sunday 23 May: the Atw moves it to Monday.
            "maandag 24 mei 2027",
        ],
    );
    // Another bidder learns the step, not the fallen bidder's reason.
    assert!(!noord.contains("niet voldoet aan de eis"), "{noord}");
    let fallen_raw = pdf_text(&new_letter(&t, 2, "van-der-meer"));
    let fallen = one_line(&fallen_raw);
    assert_contains_all(
        &fallen,
        &[
            "waarin wij u meedeelden dat wij het voornemen hadden dit perceel aan u te gunnen",
            "uw inschrijving alsnog is uitgesloten",
            "niet voldoet aan de eis",
            "Kantoorinrichting Noord B.V.",
        ],
    );
    insta::assert_snapshot!("lots_new_decision_fallen_letter", fallen_raw);

    let record = text(&new.join("intern/perceel-2/proces-verbaal-van-beoordeling.pdf"));
    assert_contains_all(
        &record,
        &[
            "Nieuw voornemen tot gunning",
            "De inschrijver voldoet volgens de bewijsmiddelen niet aan de eis van paragraaf 3.2.",
            "(voor alle percelen)",
            "Perceel 3: Lockers en opbergmeubilair: Kantoorinrichting Noord B.V.",
        ],
    );

    // gen status: per lot the winner under the last decision.
    let o = t.run_gen(&["status"]);
    assert_success(&o);
    let status = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_contains_all(
        &status,
        &[
            "new decision dated 3 mei 2027 for lot(s) 1, 2: van-der-meer fell through",
            "after the new decision: ergo-werkplek",
            "after the new decision: kantoorinrichting-noord",
        ],
    );
}

/// Noord falls through: lot 3 is decided again. Van der Meer, first there now, holds lots 1
/// and 2 under the decisions that stand and is at the limit of two: it is passed over and lot
/// 3 goes to Dijkhuis. Noord's lot 2 (not awarded to it) gets no new letter.
#[test]
fn the_award_limit_counts_the_lots_held_under_standing_decisions() {
    let t = example();
    t.write(
        "new-decision.yaml",
        &new_decision("kantoorinrichting-noord", "suitability", None),
    );
    assert_success(&t.run_gen(&["award-letters"]));
    let new = t.out().join(REF).join("nieuw-voornemen");
    assert!(!new.join("gunning/perceel-2").exists());
    let capped = text(&new_letter(&t, 3, "van-der-meer"));
    assert_contains_all(
        &capped,
        &[
            "Toch hebben wij niet het voornemen Perceel 3: Lockers en opbergmeubilair aan u te gunnen.",
            "Over Perceel 1: Werkplekmeubilair en Perceel 2: Vergadermeubilair blijft onze eerdere gunningsbeslissing",
            "tellen mee voor de gunningsbeperking",
            "Dijkhuis Kantoormeubelen B.V.",
        ],
    );
    let receiving = text(&new_letter(&t, 3, "dijkhuis"));
    assert_contains_all(
        &receiving,
        &[
            "Wij hebben het voornemen Perceel 3: Lockers en opbergmeubilair aan u te gunnen.",
            "omdat onze gunningsbeslissing over dat perceel van kracht blijft",
        ],
    );
    let record = text(&new.join("intern/perceel-3/proces-verbaal-van-beoordeling.pdf"));
    assert!(
        record.contains("op grond van een gunningsbeslissing die van kracht blijft"),
        "{record}"
    );
}

/// `fell_through.lots: [1]`: a requirement of lot 1 only. Van der Meer keeps lot 2, which
/// stands, and its letter says so.
#[test]
fn a_bid_falling_through_for_one_lot_keeps_its_other_lots() {
    let t = example();
    t.write(
        "new-decision.yaml",
        &new_decision("van-der-meer", "programme_of_requirements", Some("[1]")),
    );
    assert_success(&t.run_gen(&["award-letters"]));
    let new = t.out().join(REF).join("nieuw-voornemen");
    assert!(!new.join("gunning/perceel-2").exists());
    let fallen = text(&new_letter(&t, 1, "van-der-meer"));
    assert!(
        fallen.contains(
            "Onze voorlopige gunningsbeslissing over Perceel 2: Vergadermeubilair blijft ongewijzigd van kracht."
        ),
        "{fallen}"
    );
    let json = std::fs::read_to_string(new.join("intern/evaluation.json")).unwrap();
    assert!(json.contains("\"winner\": \"ergo-werkplek\""), "{json}");
}

/// Each mistake names file, line and field: a lot the bidder was not awarded, a bidder awarded
/// no lot, `lots:` in an undivided tender.
#[test]
fn refuses_what_cannot_fall_through() {
    let t = example();
    t.write(
        "new-decision.yaml",
        &new_decision("van-der-meer", "suitability", Some("[1, 3]")),
    );
    let o = t.run_gen(&["award-letters"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("new-decision.yaml:9:")
            && err.contains("fell_through.lots[2]")
            && err.contains("`van-der-meer` was not awarded lot 3"),
        "{err}"
    );
    assert!(!t.out().join(REF).exists());

    t.write(
        "new-decision.yaml",
        &new_decision("dijkhuis", "suitability", None),
    );
    let err = stderr(&t.run_gen(&["award-letters"]));
    assert!(
        err.contains("new-decision.yaml:3:")
            && err.contains("fell_through.bidder")
            && err.contains("`dijkhuis` was awarded no lot"),
        "{err}"
    );

    let undivided = TenderCopy::new();
    undivided.write(
        "new-decision.yaml",
        &new_decision("vitaal-en-werk", "suitability", Some("[1]"))
            .replace("2027-05-03", "2026-10-02"),
    );
    let o = undivided.run_gen(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("new-decision.yaml:9:")
            && err.contains("fell_through.lots")
            && err.contains("not divided into lots"),
        "{err}"
    );
}

/// The definitive award follows each lot's last decision: lot 3 (standing) is awarded on the
/// shared record; lots 1 and 2 wait for the new standstill, with a warning naming the field
/// and the date. Lot 1's own record after it awards lot 1 to the new winner.
#[test]
fn the_definitive_award_follows_each_lots_last_decision() {
    let t = example();
    t.write(
        "new-decision.yaml",
        &new_decision("van-der-meer", "exclusion_grounds", None),
    );
    let o = t.run_gen(&["definitive-award"]);
    assert_success(&o);
    let err = stderr(&o);
    assert!(
        err.contains("warning: data/definitive-award.yaml:14:1: sent_on: lot 1: the standstill period of the new award decision of 3 mei 2027")
            && err.contains("ends on maandag 24 mei 2027")
            && err.contains("lot 2:"),
        "{err}"
    );
    let dir = t.out().join(REF).join("definitieve-gunning");
    assert!(
        dir.join("perceel-3/definitieve-gunning-kantoorinrichting-noord.pdf")
            .is_file()
    );
    assert!(!dir.join("perceel-1").exists() && !dir.join("perceel-2").exists());

    let text_now = t.read("definitive-award.yaml");
    t.write(
        "definitive-award.yaml",
        &format!(
            "{text_now}  1:\n    sent_on: 2027-05-26\n    sign_by: 2027-06-09\n    standstill: {{ proceedings: false, checked_on: 2027-05-25 }}\n    evidence:\n      requested_on: 2027-05-04\n      documents:\n{}",
            "        - { received_on: 2027-05-07, in_order: true }\n".repeat(5)
        ),
    );
    let o = t.run_gen(&["definitive-award"]);
    assert_success(&o);
    assert!(
        stderr(&o).contains("sent_on: lot 2: the standstill period"),
        "{}",
        stderr(&o)
    );
    let award = text(&dir.join("perceel-1/definitieve-gunning-ergo-werkplek.pdf"));
    // Lot 2 with its own date after the standstill but the first winner's evidence: blocked
    // until the new winner's is recorded.
    let now = t.read("definitive-award.yaml");
    t.write(
        "definitive-award.yaml",
        &format!("{now}  2:\n    sent_on: 2027-05-26\n    sign_by: 2027-06-09\n    standstill: {{ proceedings: false, checked_on: 2027-05-25 }}\n"),
    );
    let o = t.run_gen(&["definitive-award"]);
    assert!(
        stderr(&o).contains("lot 2: the evidence recorded here is of an earlier decision's winner"),
        "{}",
        stderr(&o)
    );
    assert!(award.contains("Wij gunnen perceel 1"), "{award}");
    assert!(award.contains("24 mei 2027"), "{award}");
    assert!(!dir.join("perceel-2").exists());

    let o = t.run_gen(&["status"]);
    let status = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_contains_all(
        &status,
        &[
            "lot 1: winner: van-der-meer",
            "definitive award: ready for the definitive award",
            "definitive award: blocked: the new winner's evidence is not recorded",
        ],
    );
}

/// A second new decision on one lot: after Van der Meer (3 May), Ergo Werkplek, lot 1's new
/// winner, falls through in turn (25 May). Only lot 1 is decided again, replacing the new
/// decision of 3 May on it, and goes to Dijkhuis; lots 2 and 3 stand as they are (lot 2 under
/// the first new decision, lot 3 under decision.yaml).
#[test]
fn a_second_new_decision_on_one_lot_leaves_the_others_untouched() {
    let t = example();
    let first = new_decision("van-der-meer", "exclusion_grounds", None);
    t.write("new-decision.yaml", &first);
    assert_success(&t.run_gen(&["award-letters"]));
    let new1 = files_below(&t.out().join(REF).join("nieuw-voornemen"));
    let second = new_decision("ergo-werkplek", "suitability", None)
        .replace("2027-05-03", "2027-05-25")
        .replace("20 april 2027", "12 mei 2027")
        .replace("15 april 2027", "3 mei 2027");
    let list = |r: &str| {
        let mut out = String::new();
        for (i, line) in r.lines().enumerate() {
            out.push_str(if i == 0 { "- " } else { "  " });
            out.push_str(line);
            out.push('\n');
        }
        out
    };
    t.write("new-decision.yaml", &(list(&first) + &list(&second)));
    assert_success(&t.run_gen(&["award-letters"]));

    // The earlier decisions' files stay as they were; the second has lot 1 only.
    assert_eq!(
        files_below(&t.out().join(REF).join("nieuw-voornemen")),
        new1
    );
    let dir = t.out().join(REF).join("nieuw-voornemen-2");
    for id in [
        "van-der-meer",
        "dijkhuis",
        "ergo-werkplek",
        "bureau-en-stoel",
    ] {
        assert!(
            dir.join(format!("gunning/perceel-1/gunningsbeslissing-{id}.pdf"))
                .is_file(),
            "{id}"
        );
    }
    for lot in [2, 3] {
        assert!(!dir.join(format!("gunning/perceel-{lot}")).exists());
        assert!(!dir.join(format!("intern/perceel-{lot}")).exists());
    }
    let json = std::fs::read_to_string(dir.join("intern/evaluation.json")).unwrap();
    assert!(json.contains("\"winner\": \"dijkhuis\""), "{json}");
    assert!(!json.contains("\"lot\": 2"), "{json}");

    let letter =
        |id: &str| text(&dir.join(format!("gunning/perceel-1/gunningsbeslissing-{id}.pdf")));
    assert_contains_all(
        &letter("dijkhuis"),
        &[
            "LDV-2027-031/nieuw-voornemen-2/perceel-1/dijkhuis",
            "Deze brief vervangt onze nieuwe voorlopige gunningsbeslissing van 3 mei 2027 over Perceel 1: Werkplekmeubilair.",
            "dit perceel te gunnen aan Ergo Werkplek Totaal B.V.",
            "die inschrijver niet voldoet aan de geschiktheidseisen",
            "Onze gunningsbeslissingen over de andere percelen blijven ongewijzigd van kracht.",
            "Wij hebben het voornemen Perceel 1: Werkplekmeubilair aan u te gunnen.",
        ],
    );
    let ergo = letter("ergo-werkplek");
    assert_contains_all(
        &ergo,
        &[
            "waarin wij u meedeelden dat wij het voornemen hadden dit perceel aan u te gunnen",
            "uw inschrijving alsnog is uitgesloten",
            "12 mei 2027",
            "Dijkhuis Kantoormeubelen B.V.",
        ],
    );
    // Van der Meer, fallen on 3 May: its own reason again, never Ergo's.
    let earlier = letter("van-der-meer");
    assert_contains_all(
        &earlier,
        &[
            "Zoals wij u met onze brief van 3 mei 2027 hebben meegedeeld, is uw inschrijving alsnog uitgesloten.",
            "20 april 2027",
        ],
    );
    assert!(!earlier.contains("12 mei 2027"), "{earlier}");
    assert!(!letter("dijkhuis").contains("12 mei 2027"));

    let record = text(&dir.join("intern/perceel-1/proces-verbaal-van-beoordeling.pdf"));
    assert_contains_all(
        &record,
        &[
            "Op 3 mei 2027 is het nieuwe voornemen genomen Perceel 1: Werkplekmeubilair te gunnen aan Ergo Werkplek Totaal B.V.",
            "Dit is het tweede nieuwe voornemen tot gunning in deze aanbesteding",
            "voornemen van 14 april 2027: gunning aan Van der Meer Projectinrichting B.V.",
            "dit nieuwe voornemen van 25 mei 2027: na het alsnog uitsluiten van Ergo Werkplek Totaal B.V., gunning aan Dijkhuis Kantoormeubelen B.V.",
            "Perceel 2: Vergadermeubilair: Kantoorinrichting Noord B.V.",
            "Perceel 3: Lockers en opbergmeubilair: Kantoorinrichting Noord B.V.",
        ],
    );

    // gen status: the chain, and per lot its winner after each decision on it.
    let status = String::from_utf8_lossy(&t.run_gen(&["status"]).stdout).into_owned();
    assert_contains_all(
        &status,
        &[
            "new decision dated 3 mei 2027 for lot(s) 1, 2: van-der-meer fell through",
            "new decision 2 dated 25 mei 2027 for lot(s) 1: ergo-werkplek fell through",
            "after the new decision: ergo-werkplek",
            "after the new decision 2: dijkhuis",
            "after the new decision: kantoorinrichting-noord",
        ],
    );

    // The definitive award of lot 1 follows its last decision: a record of lot 1 written for
    // Ergo (the decision before) does not speak for Dijkhuis: lot 1 waits for the second
    // standstill (ends 14 June), the others are awarded on their own.
    let own = |sent: &str, requested: &str, received: &str| {
        format!(
            "  1:\n    sent_on: {sent}\n    sign_by: 2027-06-30\n    standstill: {{ proceedings: false, checked_on: {sent} }}\n    evidence:\n      requested_on: {requested}\n      documents:\n{}",
            format!("        - {{ received_on: {received}, in_order: true }}\n").repeat(5)
        )
    };
    let base = t.read("definitive-award.yaml");
    t.write(
        "definitive-award.yaml",
        &format!("{base}{}", own("2027-05-26", "2027-05-04", "2027-05-07")),
    );
    let o = t.run_gen(&["definitive-award"]);
    assert_success(&o);
    assert!(
        stderr(&o).contains("lot 1: the standstill period of the new award decision of 25 mei 2027 (nieuw-voornemen-2/) ends on maandag 14 juni 2027"),
        "{}",
        stderr(&o)
    );
    let awards = t.out().join(REF).join("definitieve-gunning");
    assert!(!awards.join("perceel-1").exists());
    t.write(
        "definitive-award.yaml",
        &format!("{base}{}", own("2027-06-15", "2027-05-25", "2027-06-01")),
    );
    assert_success(&t.run_gen(&["definitive-award"]));
    let award = text(&awards.join("perceel-1/definitieve-gunning-dijkhuis.pdf"));
    assert!(award.contains("Wij gunnen perceel 1"), "{award}");
    assert!(award.contains("14 juni 2027"), "{award}");
}
