//! The award of a tender divided into lots: one letter per lot per bidder that tendered for
//! it, the award limit (gunningsbeperking) worded in the letters it touches, the records and
//! `evaluation.json` per lot, and confidentiality per lot and across lots (art. 2.57 Aw 2012).

use std::path::PathBuf;

use crate::common::*;

/// The three lots of `lots.rs` with the bundled points everywhere, at most two per bid and
/// one awarded per bidder, by value: Vitaal & Werk ranks first on lots 1 and 2 and keeps
/// lot 2 (the higher value); lot 1 passes to Arbo Noord, second there.
fn lots_block() -> String {
    crate::lots::THREE_LOTS.replace("      points: { G1: \"30\", G2.3: \"30\" }\n", "")
}

/// The lots each bidder tenders for: Werkfit for lot 2 only, Duurzaam Inzetbaar for lots 2
/// and 3 (alone on lot 3), the others for lots 1 and 2.
fn lots_of(id: &str) -> &'static [u32] {
    match id {
        "werkfit" => &[2],
        "duurzaam-inzetbaar" => &[2, 3],
        _ => &[1, 2],
    }
}

const DECISION_LOTS: &str = "lots:\n  1:\n    winner: arbo-noord\n  2:\n    winner: vitaal-en-werk\n  3:\n    winner: duurzaam-inzetbaar\n";

/// The bundled tender divided into [`lots_block`], each bid for [`lots_of`] with its bundled rates
/// (lot 1 without the C lines) and scores, the decision recording a winner per lot.
pub(crate) fn divided() -> TenderCopy {
    let t = TenderCopy::new();
    let text = t.read("tender.yaml");
    let start = text.find("\nlots:\n").expect("lots in tender.yaml") + 1;
    let end = text.find("\n# Chapter 2:").expect("chapter 2 comment") + 1;
    t.edit("tender.yaml", &text[start..end], &lots_block());
    // The letters' tests do without the definitive award (`lots_procedure` restores it).
    std::fs::remove_file(t.path("definitive-award.yaml")).unwrap();
    // Its slots name no lot (presentations per lot: tests/testsuite/lots_presentations.rs).
    std::fs::remove_file(t.path("presentations.yaml")).unwrap();
    t.edit("decision.yaml", "winner: vitaal-en-werk\n", DECISION_LOTS);
    for entry in std::fs::read_dir(t.path("bids")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut bid: serde_yaml::Mapping = serde_yaml::from_str(&text).unwrap();
        let id = bid["id"].as_str().unwrap().to_string();
        let rates = bid.remove("rates");
        let quality = bid.remove("quality");
        let mut lots = serde_yaml::Mapping::new();
        for &n in lots_of(&id) {
            let mut part = serde_yaml::Mapping::new();
            if let Some(rates) = &rates {
                let mut r = rates.as_mapping().unwrap().clone();
                if n == 1 {
                    r.retain(|k, _| !k.as_str().unwrap().starts_with('C'));
                }
                part.insert("rates".into(), r.into());
            }
            if let Some(q) = &quality {
                part.insert("quality".into(), q.clone());
            }
            lots.insert(n.into(), part.into());
        }
        bid.insert("lots".into(), lots.into());
        std::fs::write(&path, serde_yaml::to_string(&bid).unwrap()).unwrap();
    }
    t
}

fn letter(t: &TenderCopy, lot: u32, id: &str) -> PathBuf {
    t.out().join(format!(
        "WIJ-2026-001/gunning/perceel-{lot}/gunningsbeslissing-{id}.pdf"
    ))
}

/// A letter's text on one line.
fn body(t: &TenderCopy, lot: u32, id: &str) -> String {
    one_line(&pdf_text(&letter(t, lot, id)))
}

const NAMES: [(&str, &str); 6] = [
    ("arbo-noord", "Arbo Noord"),
    ("arbogroep-t-zandt", "Arbogroep"),
    ("arboveilig", "ArboVeilig"),
    ("duurzaam-inzetbaar", "Duurzaam Inzetbaar"),
    ("vitaal-en-werk", "Vitaal & Werk"),
    ("werkfit", "Werkfit"),
];

/// One letter per lot per bidder that tendered for the lot, and none for the others; the
/// records per lot; `evaluation.json` with one entry per lot and the allocation's steps.
#[test]
fn letters_and_records_per_lot() {
    let t = divided();
    assert_success(&t.run_gen(&["award-letters"]));
    for (id, _) in NAMES {
        for lot in 1..=3 {
            assert_eq!(
                letter(&t, lot, id).is_file(),
                lots_of(id).contains(&lot),
                "lot {lot}, {id}"
            );
        }
        // No letter outside the lots' folders.
        assert!(
            !t.out()
                .join(format!("WIJ-2026-001/gunning/gunningsbeslissing-{id}.pdf"))
                .exists()
        );
    }
    let intern = t.out().join("WIJ-2026-001/intern");
    for lot in 1..=3 {
        for file in [
            "proces-verbaal-van-beoordeling.pdf",
            "gunningsbesluit.pdf",
            "beoordelingsmatrix.xlsx",
        ] {
            assert!(
                intern.join(format!("perceel-{lot}/{file}")).is_file(),
                "{lot} {file}"
            );
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(intern.join("evaluation.json")).unwrap())
            .unwrap();
    let lots = json["lots"].as_array().unwrap();
    assert_eq!(lots.len(), 3);
    let lot1 = &lots[0];
    assert_eq!(lot1["lot"], 1);
    assert_eq!(lot1["title"], "Regio Noord");
    assert_eq!(lot1["award"]["provisional"], "vitaal-en-werk");
    assert_eq!(lot1["award"]["winner"], "arbo-noord");
    assert_eq!(lot1["award"]["moved"], true);
    assert_eq!(lot1["award"]["winner_rank"], 2);
    // The lot's own evaluation: its winner after the limit, its own ranking.
    assert_eq!(lot1["evaluation"]["winner"], "arbo-noord");
    assert_eq!(lot1["evaluation"]["bidders"][0]["id"], "vitaal-en-werk");
    assert_eq!(lot1["evaluation"]["bidders"][0]["rank"], 1);
    assert_eq!(lots[1]["award"]["winner"], "vitaal-en-werk");
    assert_eq!(lots[2]["award"]["winner"], "duurzaam-inzetbaar");
    // Werkfit tendered for lot 2 only.
    let ids = |lot: &serde_json::Value| -> Vec<String> {
        lot["evaluation"]["bidders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(ids(&lots[1]).contains(&"werkfit".to_string()));
    assert!(!ids(&lots[0]).contains(&"werkfit".to_string()));
    assert_eq!(ids(&lots[2]), ["duurzaam-inzetbaar"]);
    let steps = json["allocation_steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0]["lot"], 1);
    assert_eq!(steps[0]["bidder"], "vitaal-en-werk");
    assert_eq!(steps[0]["kept"], serde_json::json!([2]));
    assert_eq!(steps[0]["to"], "arbo-noord");

    // The proces-verbaal of lot 1 lists the step; lot 3's says the limit moved nothing there.
    let pv = |lot: u32| {
        one_line(&pdf_text(&intern.join(format!(
            "perceel-{lot}/proces-verbaal-van-beoordeling.pdf"
        ))))
    };
    assert_contains_all(
        &pv(1),
        &[
            "Aanbesteding Arbodienstverlening – Perceel 1: Regio Noord",
            "Gunningsbeperking",
            "1. Vitaal & Werk B.V. komt niet in aanmerking voor Perceel 1: Regio Noord: deze inschrijver behoudt Perceel 2: Regio Zuid. Perceel 1: Regio Noord gaat daarom naar de volgende in de rangschikking van dat perceel, Arbo Noord B.V.",
            "de inschrijving van Arbo Noord B.V. (plaats 2) voor gunning van Perceel 1: Regio Noord in aanmerking komt",
        ],
    );
    assert_contains_all(
        &pv(3),
        &["De beperking verandert niets aan de rangschikking van Perceel 3: Centrale diensten."],
    );
    let besluit = one_line(&pdf_text(&intern.join("perceel-1/gunningsbesluit.pdf")));
    assert!(
        besluit.contains(
            "“Arbodienstverlening”, Perceel 1: Regio Noord, te gunnen aan Arbo Noord B.V."
        ),
        "{besluit}"
    );
}

/// The letters of the lot the award limit moved: the first-ranked bidder learns why it does
/// not get the lot and which lot it gets instead; the receiving bidder that it gets the lot
/// because the first was capped, not who; the others why the winner is not the first.
#[test]
fn the_award_limit_is_explained_in_the_letters_it_touches() {
    let t = divided();
    assert_success(&t.run_gen(&["award-letters"]));
    let capped = body(&t, 1, "vitaal-en-werk");
    assert_contains_all(
        &capped,
        &[
            "Voorlopige gunningsbeslissing Arbodienstverlening (WIJ-2026-001) – Perceel 1: Regio Noord",
            "Deze brief gaat over Perceel 1: Regio Noord.",
            "Uw inschrijving is op dit perceel op plaats 1 geëindigd. Toch hebben wij niet het voornemen Perceel 1: Regio Noord aan u te gunnen.",
            "Volgens de gunningsbeperking van paragraaf 1.4 van de offerteaanvraag wordt aan één inschrijver ten hoogste één (1) perceel gegund",
            "krijgt de percelen met de hoogste geraamde waarde",
            "U komt voor gunning van Perceel 2: Regio Zuid in aanmerking",
            "aan de inschrijver die als volgende in de rangschikking voor gunning in aanmerking komt: Arbo Noord B.V.",
        ],
    );
    // A rejection's comparison, not the claim that the winner scored best.
    assert!(
        !capped.contains("het hoogste totaal aantal punten behaald"),
        "{capped}"
    );
    let receiving = body(&t, 1, "arbo-noord");
    assert_contains_all(
        &receiving,
        &[
            "Wij hebben het voornemen Perceel 1: Regio Noord aan u te gunnen. Uw inschrijving is op dit perceel op plaats 2 geëindigd.",
            "De inschrijver die op dit perceel als eerste is gerangschikt, komt voor dit perceel niet in aanmerking.",
            "U krijgt dit perceel dus omdat de hoger gerangschikte inschrijver door de gunningsbeperking niet voor dit perceel in aanmerking komt",
            "Lever de volgende bewijsmiddelen",
        ],
    );
    assert!(!receiving.contains("Vitaal"), "{receiving}");
    let other = body(&t, 1, "arbogroep-t-zandt");
    assert_contains_all(
        &other,
        &[
            "Wij hebben het voornemen dit perceel te gunnen aan Arbo Noord B.V.",
            "De inschrijving van Arbo Noord B.V. is op dit perceel op plaats 2 gerangschikt; de inschrijver die op dit perceel als eerste is gerangschikt komt voor dit perceel niet in aanmerking.",
        ],
    );
    // A lot the limit did not move reads as an undivided tender's letter about the lot.
    let winner2 = body(&t, 2, "vitaal-en-werk");
    assert_contains_all(
        &winner2,
        &[
            "Deze brief gaat over Perceel 2: Regio Zuid.",
            "Wij hebben het voornemen Perceel 2: Regio Zuid aan u te gunnen.",
            "Wij gunnen dit perceel niet definitief voordat",
        ],
    );
    assert!(!winner2.contains("gunningsbeperking"), "{winner2}");
}

/// No letter of any lot names a bidder other than its addressee and the winner of its own
/// lot (art. 2.57 Aw 2012).
#[test]
fn no_letter_names_another_bidder_of_any_lot() {
    let t = divided();
    assert_success(&t.run_gen(&["award-letters"]));
    let winners = [
        (1, "arbo-noord"),
        (2, "vitaal-en-werk"),
        (3, "duurzaam-inzetbaar"),
    ];
    for (lot, winner) in winners {
        for (id, _) in NAMES.iter().filter(|(id, _)| lots_of(id).contains(&lot)) {
            let text = pdf_text(&letter(&t, lot, id));
            for (other, name) in NAMES {
                if other != *id && other != winner {
                    assert!(
                        !text.contains(name),
                        "lot {lot}: the letter to {id} names {name}"
                    );
                }
            }
        }
    }
}

/// Snapshots of the two letters of the moved lot: the capped bidder's and the receiving
/// bidder's.
#[test]
fn lot_letter_snapshots() {
    let t = divided();
    assert_success(&t.run_gen(&["award-letters"]));
    insta::assert_snapshot!(
        "lot_letter_text_capped",
        pdf_text(&letter(&t, 1, "vitaal-en-werk"))
    );
    insta::assert_snapshot!(
        "lot_letter_text_receiving",
        pdf_text(&letter(&t, 1, "arbo-noord"))
    );
}

/// Refused with exit 1, nothing of the award written, and every phrase in the message.
fn assert_refused(t: &TenderCopy, phrases: &[&str]) {
    let output = t.run_gen(&["award-letters"]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!t.out().join("WIJ-2026-001/gunning").exists(), "written");
    assert_contains_all(&stderr, phrases);
}

fn line_of(t: &TenderCopy, file: &str, text: &str) -> usize {
    t.read(file).lines().position(|l| l.contains(text)).unwrap() + 1
}

/// decision.yaml's lots: a recorded winner the award limit does not give the lot, a winner
/// or lottery entry that did not tender for the lot, an unknown lot and a lottery for the
/// whole tender are refused with their place.
#[test]
fn the_decision_per_lot_is_checked_with_its_place() {
    let t = divided();
    // The first of lot 1's ranking, whom the limit moved.
    t.edit(
        "decision.yaml",
        "winner: arbo-noord",
        "winner: vitaal-en-werk",
    );
    let line = line_of(&t, "decision.yaml", "  1:") + 1;
    assert_refused(
        &t,
        &[&format!(
            "decision.yaml:{line}:5: lots.1.winner: lot 1: after the award limit the lot goes to `arbo-noord` (ranked 2), not `vitaal-en-werk`"
        )],
    );
    // Tendered for lot 2 only; an undeclared lot.
    t.edit(
        "decision.yaml",
        "    winner: vitaal-en-werk\n  2:",
        "    winner: werkfit\n  7: { winner: werkfit }\n  2:",
    );
    assert_refused(
        &t,
        &[
            &format!("decision.yaml:{line}:5: lots.1.winner: `werkfit` did not tender for lot 1"),
            "lots.7: no lot 7 in tender.yaml (lots: 1, 2, 3)",
        ],
    );
    t.edit(
        "decision.yaml",
        "    winner: werkfit\n  7: { winner: werkfit }\n",
        "    lottery: { date: 2026-09-07, order: [arbo-noord, werkfit] }\n",
    );
    t.edit(
        "decision.yaml",
        "\nlots:\n",
        "\nlottery: { date: 2026-09-07, order: [arbo-noord] }\nlots:\n",
    );
    assert_refused(
        &t,
        &[
            "lots.1.lottery.order.1: `werkfit` did not tender for lot 1",
            "lottery: a tender divided into lots draws lots per lot",
        ],
    );
    // An undivided tender has no per-lot decision.
    let t = TenderCopy::new();
    t.edit(
        "decision.yaml",
        "winner: vitaal-en-werk\n",
        "winner: vitaal-en-werk\nlots: { 1: { winner: werkfit } }\n",
    );
    assert_refused(&t, &["lots: this tender is not divided into lots"]);
}

/// The guard across lots: a reason of a bid for lot 1 may not name a bidder that is not the
/// winner of lot 1, even one that tendered only for another lot, nor give a rate of any lot.
#[test]
fn the_confidentiality_guard_holds_across_lots() {
    let t = divided();
    let file = "bids/arbogroep-t-zandt.yaml";
    let original = t.read(file);
    // Appends `extra` to the first strength of G2.1 in lot 1's part; returns its line.
    let with = |extra: &str| -> usize {
        let mut bid: serde_yaml::Value = serde_yaml::from_str(&original).unwrap();
        let first = &mut bid["lots"][1]["quality"]["G2.1"]["strengths"][0];
        *first = format!("{} {extra}", first.as_str().unwrap()).into();
        t.write(file, &serde_yaml::to_string(&bid).unwrap());
        line_of(&t, file, extra)
    };
    // Werkfit tendered for lot 2 only.
    let line = with("Beter dan Werkfit Arbodienstverlening B.V.");
    assert_refused(
        &t,
        &[
            &format!("arbogroep-t-zandt.yaml:{line}:"),
            "lots.1.quality.G2.1.strengths.0: names the bidder “Werkfit Arbodienstverlening B.V.”",
        ],
    );
    // The winner of lot 1 may be named in lot 1's texts.
    with("Vergelijkbaar met Arbo Noord B.V.");
    assert_success(&t.run_gen(&["check"]));
    // A rate of Duurzaam Inzetbaar (lots 2 and 3 only) in a text of lot 1.
    let rate = {
        let d = t.read("bids/duurzaam-inzetbaar.yaml");
        let a1 = d.find("A1: ").unwrap() + 4;
        d[a1..]
            .lines()
            .next()
            .unwrap()
            .trim_matches(['\'', '"'])
            .to_string()
    };
    with(&format!("Tarief € {}", rate.replace('.', ",")));
    assert_refused(
        &t,
        &[
            "lots.1.quality.G2.1.strengths.0: gives the amount",
            "a rate of a bid",
        ],
    );
}

/// `gen status` and `gen award-letters` of a divided tender show each bid per lot and each
/// lot's ranking and winner after the award limit; a definitive award (per lot: not built)
/// is refused with its file rather than ignored.
#[test]
fn status_and_rankings_per_lot() {
    let t = divided();
    let output = t.run_gen(&["award-letters"]);
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_contains_all(
        &stdout,
        &[
            "Lot 1: Regio Noord",
            "Lot 3: Centrale diensten",
            "lot 1: winner: arbo-noord (rank 2; award limit: vitaal-en-werk ranked above)",
            "lot 2: winner: vitaal-en-werk",
        ],
    );
    let output = t.run_gen(&["status"]);
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_contains_all(
        &stdout,
        &[
            "werkfit                lot 2: complete: 12 rate(s), 3 score(s); rank 4,",
            "vitaal-en-werk         lot 1: complete: 4 rate(s), 3 score(s); rank 1, 89.00 points",
            "arboveilig             lot 1: excluded",
            "letters dated 9 september 2026 (all lots)",
            "lot 3: winner: duurzaam-inzetbaar",
            "up to date  WIJ-2026-001/gunning/perceel-2/gunningsbeslissing-werkfit.pdf",
        ],
    );
    assert!(!stdout.contains("werkfit                lot 1"), "{stdout}");
    t.write(
        "definitive-award.yaml",
        &std::fs::read_to_string(data_dir().join("definitive-award.yaml")).unwrap(),
    );
    // The definitive award is made per lot (tests in `lots_procedure`).
    assert_success(&t.run_gen(&["all"]));
    assert!(
        t.out()
            .join("WIJ-2026-001/definitieve-gunning/perceel-3/definitieve-gunning-duurzaam-inzetbaar.pdf")
            .is_file()
    );
}
