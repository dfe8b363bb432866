//! The invitation of a tender divided into lots says per lot what applies (issue 15): chapter
//! 5's criteria, points and price method per lot and the award rule per lot, the documents
//! submitted per lot (§2.5), the competences (§3.2.3.1) and the programme (chapter 4) per
//! lot; and a lot's selection of criteria is checked with its place. The undivided tender's
//! invitation is unchanged (its snapshots, tests/testsuite/itt.rs).

use crate::common::*;
use crate::lots::{THREE_LOTS, divide, itt_text};

const EXAMPLE: &str = "examples/meubilair-percelen/data";

/// A copy of the divided example's data (with its decision) in a temporary folder.
type Example = crate::lots_forms::Copy;

/// Replaces the one occurrence of `from` in a data file of `e`.
fn edit(e: &Example, file: &str, from: &str, to: &str) {
    let text = e.read(file);
    assert_eq!(text.matches(from).count(), 1, "`{from}` once in {file}");
    std::fs::write(e.data().join(file), text.replacen(from, to, 1)).unwrap();
}

/// The example's invitation as pdftotext gives it, rendered without the git stamp.
fn itt(e: &Example) -> String {
    assert_success(&e.run(&["--no-stamp", "itt"]));
    pdf_text(&e.out().join("LDV-2027-031/offerteaanvraag.pdf"))
}

/// Chapter 5 of `text`, up to the colophon.
fn chapter_5(text: &str) -> &str {
    let start = text
        .find("5 GUNNINGSCRITERIUM EN BEOORDELING\n")
        .or_else(|| text.rfind("GUNNINGSCRITERIUM EN BEOORDELING"))
        .expect("chapter 5");
    let end = text[start..]
        .find("Colofon")
        .map_or(text.len(), |e| start + e);
    &text[start..end]
}

/// The 1-based line of the one line of `text` equal to `line`, trimmed.
fn line_of(text: &str, line: &str) -> usize {
    text.lines().position(|l| l.trim() == line).expect(line) + 1
}

/// Lot 3 of the example drops G2.2 and gives its points to G2.1 and G2.3; lot 2 asks other
/// competences. Chapter 5's text, reviewed line by line: a column of points per lot, the
/// per-lot award rule referring to §1.4, the price method per lot, and per criterion what
/// differs per lot.
#[test]
fn chapter_5_of_the_divided_example() {
    let text = itt(&Example::with_decision());
    insta::assert_snapshot!("meubilair_percelen_chapter_5", chapter_5(&text));
}

#[test]
fn the_divided_example_says_per_lot_what_applies() {
    let text = one_line(&itt(&Example::with_decision()));
    assert_contains_all(
        &text,
        &[
            // 1.2: one agreement per lot, the value of all lots together.
            "Deze opdracht is verdeeld in drie (3) percelen (zie paragraaf 1.4); per perceel wordt een overeenkomst gesloten. De geraamde waarde van alle percelen samen is € 178.000,- exclusief btw",
            "Elke overeenkomst heeft een looptijd van vier jaar",
            // 1.4: what lot 3 is not scored on, and its own points.
            "Dit perceel wordt niet beoordeeld op Planning, levering en montage (G2.2).",
            "Voor dit perceel gelden andere maximale punten: Duurzaamheid en circulariteit (G2.1) 35 punten en Service, onderhoud en garantie (G2.3) 25 punten (zie de tabel in paragraaf 5.1).",
            // 2.5: the documents submitted per lot.
            "Zie paragraaf 3.2.3.1 en bijlage C Per perceel waarop u inschrijft, voor de kerncompetenties van dat perceel (paragraaf 3.2.3.1).",
            "Zie paragraaf 5.2 en bijlage D Per perceel waarop u inschrijft: het tabblad van dat perceel, volledig ingevuld.",
            "Per perceel waarop u inschrijft een eigen plan van aanpak, voor de criteria van dat perceel (paragraaf 5.1).",
            // 2.7: the award per lot.
            "Per perceel krijgt de inschrijver met de hoogste score op dat perceel het perceel gegund, met inachtneming van de gunningsbeperking (zie paragraaf 1.4).",
            "Als na beoordeling blijkt dat inschrijvers op een perceel een gelijk aantal punten hebben behaald",
            "wordt de op dat perceel als volgende geëindigde inschrijver als beoogd opdrachtnemer van dat perceel aangemerkt, met inachtneming van de gunningsbeperking.",
            // 3.2.3.1: the competences per lot.
            "Kerncompetentie 3: Inschrijver beschikt over aantoonbare ervaring met de inrichting van ten minste vier vergaderruimten in één opdracht.",
            "U toont de kerncompetenties aan van de percelen waarop u inschrijft: • Perceel 1 (Werkplekmeubilair): kerncompetenties 1 en 2; • Perceel 2 (Vergadermeubilair): kerncompetenties 2 en 3; • Perceel 3 (Lockers en opbergmeubilair): kerncompetenties 1 en 2.",
            // 5.1: the award rule per lot, the limit by its section.
            "Elk perceel wordt afzonderlijk beoordeeld en afzonderlijk gegund aan de inschrijver met het hoogste aantal punten op dat perceel, met inachtneming van de gunningsbeperking van paragraaf 1.4.",
            "Perceel 1 Perceel 2 Perceel 3",
            "G2.2 - Planning, levering en montage 20 20 –",
            "G2.1 - Duurzaamheid en circulariteit 25 25 35",
            "100 100 100 Totaal",
            // 5.2.1: each lot's price on its own lines; the same maximum for every lot.
            "de “totale inschrijfprijs” van een perceel is de som over de prijsregels van dat perceel (zie paragraaf 1.4)",
            "krijgt 40 punten; het aantal punten daalt lineair tot 0 punten",
            "Dit geldt per perceel, ten opzichte van de laagste “totale inschrijfprijs” op dat perceel.",
            // 5.3: a plan per lot; what differs per criterion.
            "U dient per perceel waarop u inschrijft een eigen plan van aanpak in",
            "Voor perceel 3 is het maximum 35 punten.",
            "Dit onderdeel geldt niet voor perceel 3.",
            "Voor perceel 3 is het maximum 25 punten.",
            "Het totaal aantal punten van een inschrijving op een perceel is de som",
        ],
    );
    for wrong in [
        "De opdracht wordt gegund aan de inschrijver met het hoogste aantal punten.",
        "De inschrijver met de hoogste score krijgt de opdracht.",
        "Deze opdracht is een overeenkomst met een geraamde waarde",
    ] {
        assert!(!text.contains(wrong), "still says `{wrong}`");
    }
}

/// The bundled tender divided into three lots, lot 1 with its own price points (G1 30, G2.3
/// 30) and lot 2 with its own programme annex: the price method is stated per lot, with the
/// lot's maximum; chapter 4 names each lot's programme.
#[test]
fn lots_with_their_own_price_points_and_programme() {
    let t = TenderCopy::new();
    divide(&t, THREE_LOTS);
    let text = itt_text(&t);
    assert_contains_all(
        &text,
        &[
            "G1 Prijs 30 25 25",
            "G2.3 - Presentatie 30 35 35",
            "100 100 100 Totaal",
            "De inschrijver met de laagste “totale inschrijfprijs” op een perceel verkrijgt het maximum aantal punten voor prijs van dat perceel (zie de tabel in paragraaf 5.1).",
            "Voor perceel 1 is het maximum 30 punten.",
            "Het programma van eisen staat per perceel in: • Perceel 1 (Regio Noord): bijlage H; • Perceel 2 (Regio Zuid): bijlage H; • Perceel 3 (Centrale diensten): bijlage H.",
            "Per perceel waarop u inschrijft een eigen plan van aanpak, voor de criteria van dat perceel",
        ],
    );
    // No lot leaves out a criterion: no dashes explained.
    assert!(!text.contains("een streepje (–)"));
    // The same rules for every lot: the compact table, with the award rule per lot.
    let t = TenderCopy::new();
    divide(
        &t,
        &THREE_LOTS.replace("      points: { G1: \"30\", G2.3: \"30\" }\n", ""),
    );
    let text = itt_text(&t);
    assert_contains_all(
        &text,
        &[
            "Het gunningscriterium ‘Beste PKV’ bestaat voor elk perceel uit de volgende subgunningscriteria",
            "G1 Prijs 25 G2 Kwaliteit 75",
            "Elk perceel wordt afzonderlijk beoordeeld en afzonderlijk gegund aan de inschrijver met het hoogste aantal punten op dat perceel, met inachtneming van de gunningsbeperking van paragraaf 1.4.",
            "Per perceel waarop u inschrijft een eigen plan van aanpak.",
        ],
    );
    assert!(!text.contains("Perceel 1 Perceel 2 Perceel 3"));
    assert!(!text.contains("Voor perceel 1 is het maximum"));
}

/// Refused with exit 1 and nothing written; every phrase in the message.
fn assert_refused(e: &Example, phrases: &[&str]) {
    let output = e.run(&["--no-stamp", "itt"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!e.out().join("LDV-2027-031").exists());
    assert_contains_all(&err, phrases);
}

#[test]
fn a_lots_criteria_are_checked_with_their_place() {
    // Dropping G2.2 without spreading its points: 80, not 100.
    let e = Example::with_decision();
    edit(
        &e,
        "tender.yaml",
        "      points: { G2.1: \"35\", G2.3: \"25\" }\n",
        "",
    );
    let line = line_of(&e.read("tender.yaml"), "criteria: [G2.1, G2.3]");
    assert_refused(
        &e,
        &[&format!(
            "tender.yaml:{line}:7: lots.items[3] (number 3).criteria: the lot's maximum points add up to 80 (price 40, quality 40), not 100 as award.yaml's"
        )],
    );
    // A criterion that does not exist, and one without quality at all.
    let e = Example::with_decision();
    edit(
        &e,
        "tender.yaml",
        "criteria: [G2.1, G2.3]",
        "criteria: [G2.1, G2.9]",
    );
    let line = line_of(&e.read("tender.yaml"), "criteria: [G2.1, G2.9]");
    assert_refused(
        &e,
        &[
            &format!("tender.yaml:{line}:"),
            ": lots.items[3] (number 3).criteria[2]: no quality criterion `G2.9` in award.yaml (quality criteria: G2, G2.1, G2.2, G2.3)",
        ],
    );
    let e = Example::with_decision();
    edit(&e, "tender.yaml", "criteria: [G2.1, G2.3]", "criteria: []");
    assert_refused(
        &e,
        &[
            "lots.items[3] (number 3).criteria: a lot without quality criteria is awarded on price alone",
            "art. 2.114 lid 2 Aw 2012",
        ],
    );
}

#[test]
fn a_bid_scoring_a_criterion_its_lot_dropped_is_refused_at_its_score() {
    let e = Example::with_decision();
    let bid = e.read("bids/van-der-meer.yaml");
    let lot3 = bid.find("\n  3:\n").unwrap();
    let g23 = lot3 + bid[lot3..].find("      G2.3:\n").unwrap();
    let score = "      G2.2:\n        score: 7\n        strengths:\n          - Levering in één dag.\n        weaknesses: []\n        why_not_maximum:\n          - Geen proefopstelling.\n";
    std::fs::write(
        e.data().join("bids/van-der-meer.yaml"),
        format!("{}{score}{}", &bid[..g23], &bid[g23..]),
    )
    .unwrap();
    let line = bid[..g23].lines().count() + 1;
    assert_refused(
        &e,
        &[&format!(
            "van-der-meer.yaml:{line}:7: lots.3.quality.G2.2: `G2.2` does not apply to lot 3 (not among its `criteria` in tender.yaml): remove its score"
        )],
    );
}

/// The example's data as checked in: every lot's rules pass `check --strict` (also run by
/// tests/testsuite/examples.rs; here the lot projection is asserted through the library).
#[test]
fn the_example_lots_project_their_criteria() {
    let project = tendergen::model::Project::load(&repo().join(EXAMPLE)).unwrap();
    let ids = |n: u32| -> Vec<String> {
        let p = project.lot(n).unwrap();
        let award_json = serde_json::to_value(&p.award).unwrap();
        award_json["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| {
                c["sub_criteria"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| {
                        format!(
                            "{}:{}",
                            s["id"].as_str().unwrap(),
                            s["points"].as_str().unwrap()
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert_eq!(ids(1), ["G2.1:25", "G2.2:20", "G2.3:15"]);
    assert_eq!(ids(3), ["G2.1:35", "G2.3:25"]);
}

/// More lots than columns fit: a table per lot, with only the criteria that apply to it.
#[test]
fn many_lots_get_a_table_each() {
    let five = THREE_LOTS.replace(
        "    - number: 3\n      title: Centrale diensten\n      scope:\n        - Het hoofdkantoor en de centrale diensten van {organisation.short_name}.\n      estimated_value: \"400000\"\n      maximum_value: \"450000\"\n",
        "    - { number: 3, title: Centrum, scope: [Het centrum.], estimated_value: \"150000\", maximum_value: \"170000\" }\n\
         \x20   - { number: 4, title: Oost, scope: [Het oosten.], estimated_value: \"150000\", maximum_value: \"170000\" }\n\
         \x20   - { number: 5, title: West, scope: [Het westen.], estimated_value: \"100000\", maximum_value: \"110000\", criteria: [G2.1, G2.2], points: { G2.1: \"37.5\", G2.2: \"37.5\" } }\n",
    );
    assert_ne!(five, THREE_LOTS, "the third lot replaced");
    let t = TenderCopy::new();
    divide(&t, &five);
    let text = itt_text(&t);
    assert_contains_all(
        &text,
        &[
            // (pdftotext reads these tables' cells out of order; the layout is reviewed by eye)
            "Perceel 1: Regio Noord Nr. Subgunningscriteria G1 Prijs 30 G2 Kwaliteit 70",
            "Perceel 5: West Nr. Subgunningscriteria Te behalen punten G1 Prijs G2 Kwaliteit 75 G2.1 - Inzetbaarheid/verzuimbegeleiding en ondersteuning eigen-regie 37,5 G2.2 - Preventie en duurzame inzetbaarheid 37,5 25 Totaal 100",
            "Dit onderdeel geldt niet voor perceel 5.",
        ],
    );
    assert!(!text.contains("Perceel 1 Perceel 2 Perceel 3"));
}
