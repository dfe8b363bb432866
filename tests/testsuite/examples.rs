//! The example tenders under `examples/<name>/data` (issue 14's proof that the structure of a
//! tender comes from its data): each renders with the repository's templates, passes
//! `check --strict`, ranks its bids as computed by hand below, and its letters are
//! snapshotted as a bidder reads them.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{assert_success, gen_in, pdf_text, repo};

/// Runs `gen --data examples/<name>/data --no-stamp --out <out> <args>` from the repository's
/// root, as the README tells a reader to (no `--templates`: the repository's are found).
fn gen_example(name: &str, out: &Path, args: &[&str]) -> std::process::Output {
    gen_in(&repo())
        .arg("--data")
        .arg(format!("examples/{name}/data"))
        .arg("--no-stamp")
        .arg("--out")
        .arg(out)
        .args(args)
        .output()
        .expect("gen runs")
}

/// Renders every document of an example; returns the temp dir (kept alive) and the tender's
/// output folder.
fn render_all(name: &str, reference: &str) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    assert_success(&gen_example(name, out.path(), &["all"]));
    let dir = out.path().join(reference);
    (out, dir)
}

/// Every document `gen all` writes for a tender with one question round, no presentation, a
/// decision and the definitive award, for these bidders.
fn expected_documents(bidders: &[&str]) -> Vec<String> {
    let mut expected: Vec<String> = [
        "offerteaanvraag.pdf",
        "bijlage-d-prijsinvulformulier.pdf",
        "bijlage-d-prijsinvulformulier.xlsx",
        "bijlage-h-vragenformulier.xlsx",
        "nota-van-inlichtingen-1.pdf",
        "intern/evaluation.json",
        "intern/gunningsbesluit.pdf",
        "intern/proces-verbaal-van-beoordeling.pdf",
        "intern/proces-verbaal-van-opening.pdf",
    ]
    .map(String::from)
    .to_vec();
    for id in bidders {
        expected.push(format!("gunning/gunningsbeslissing-{id}.pdf"));
        expected.push(format!("definitieve-gunning/definitieve-gunning-{id}.pdf"));
    }
    expected
}

fn assert_documents(dir: &Path, expected: &[String]) {
    for file in expected {
        assert!(
            dir.join(file).is_file(),
            "{file} is missing in {}",
            dir.display()
        );
    }
}

/// The ranking of `intern/evaluation.json`: (id, total price, points, rank, fictitious price),
/// by rank. The points are the total points, or the quality points where the basis has no
/// price points (gunnen op waarde); the fictitious price is empty but under gunnen op waarde.
fn ranking(dir: &Path) -> Vec<(String, String, f64, u64, String)> {
    let json: Value = serde_json::from_slice(
        &std::fs::read(dir.join("intern/evaluation.json")).expect("evaluation.json"),
    )
    .unwrap();
    let mut rows: Vec<_> = json["bidders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["status"] == "valid")
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_string(),
                b["total_price"].as_str().unwrap().to_string(),
                b["total_points"]
                    .as_f64()
                    .or_else(|| b["quality_points"].as_f64())
                    .unwrap(),
                b["rank"].as_u64().unwrap(),
                b["fictitious_price"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    rows.sort_by_key(|r| r.3);
    rows
}

/// Snapshots the text of every award letter and of the given definitive-award letters, as the
/// bidder reads them (`<example>_letter_<id>`, `<example>_definitive_<id>`).
fn snapshot_letters(name: &str, dir: &Path, bidders: &[&str], definitive: &[&str]) {
    for id in bidders {
        let text = pdf_text(&dir.join(format!("gunning/gunningsbeslissing-{id}.pdf")));
        insta::assert_snapshot!(format!("{name}_letter_{id}"), text);
    }
    for id in definitive {
        let text = pdf_text(&dir.join(format!("definitieve-gunning/definitieve-gunning-{id}.pdf")));
        insta::assert_snapshot!(format!("{name}_definitive_{id}"), text);
    }
}

fn check_strict(name: &str) {
    let out = tempfile::tempdir().unwrap();
    assert_success(&gen_example(name, out.path(), &["check", "--strict"]));
}

/// Words no document of an example may contain: the bundled tender's organisation and subject,
/// and what these procedures do not have.
fn assert_none_of(text: &str, document: &str, words: &[&str]) {
    for w in words {
        assert!(!text.contains(w), "{document} contains `{w}`");
    }
}

const BUNDLED_TRACES: [&str; 7] = [
    "WIJ Groningen",
    "arbodienst",
    "Arbowet",
    "bedrijfsarts",
    "Wmo",
    "Europese openbare",
    "presentatie",
];

mod kantoormeubilair {
    use super::*;

    const NAME: &str = "kantoormeubilair";
    const REFERENCE: &str = "HGV-2027-014";
    const BIDDERS: [&str; 5] = [
        "van-der-meer",
        "kantoorinrichting-noord",
        "ergo-werkplek",
        "dijkhuis",
        "bureau-en-stoel",
    ];

    #[test]
    fn renders_every_document_and_checks_strict() {
        check_strict(NAME);
        let (_out, dir) = render_all(NAME, REFERENCE);
        assert_documents(&dir, &expected_documents(&BIDDERS));
        // No presentation: no invitations to present, and no document mentions one.
        assert!(!dir.join("presentaties").exists());
        let itt = pdf_text(&dir.join("offerteaanvraag.pdf"));
        assert_none_of(&itt, "offerteaanvraag", &BUNDLED_TRACES);
        // (1.2's own text says why this is "geen raamovereenkomst"; the template's wording
        // must not call it one.)
        assert_none_of(
            &itt,
            "offerteaanvraag",
            &["Raamovereenkomst", "de raamovereenkomst"],
        );
        // No personal data: no verwerkersovereenkomst in chapter 4.
        assert!(!itt.contains("Verwerkersovereenkomst"));
        assert!(itt.contains("Leveringen – Overeenkomst"), "the cover");
        assert!(itt.contains("nationale openbare aanbesteding"));
        // The price form states the tender's linear formula, not the relative one.
        let form = pdf_text(&dir.join("bijlage-d-prijsinvulformulier.pdf"));
        assert!(form.contains("nulpuntbedrag"), "{form}");
        assert!(!form.contains("volume per 4 weken"), "no such lines");
        for doc in [
            "intern/proces-verbaal-van-opening.pdf",
            "definitieve-gunning/definitieve-gunning-van-der-meer.pdf",
            "definitieve-gunning/definitieve-gunning-dijkhuis.pdf",
        ] {
            let text = pdf_text(&dir.join(doc));
            assert_none_of(&text, doc, &BUNDLED_TRACES);
            assert_none_of(&text, doc, &["raamovereenkomst"]);
        }
    }

    /// Hand computation (award.yaml: G1 price 40 points, linear, zero at 50 % above the
    /// lowest; G2.1 25, G2.2 20, G2.3 15 points on the scale 0/3/5/7/10; the agreement runs
    /// four years, so B1 (per year) counts 4 times; the A lines are totals or once).
    ///
    /// Total price = 120 × A1 + 120 × A2 + 8 × A3 + 64 × A4 + 10 × A5 + A6 + 4 × B1:
    ///   van-der-meer   73.800 + 51.480 + 9.440 + 12.096 + 8.450 + 6.500 + 11.800 = 173.566
    ///   noord          69.480 + 47.760 + 8.760 + 11.040 + 7.900 + 4.850 +  9.600 = 159.390
    ///   ergo           82.680 + 61.440 + 10.800 + 14.656 + 9.100 + 7.800 + 14.400 = 200.876
    ///   dijkhuis       67.200 + 46.200 + 8.160 + 10.560 + 7.600 + 5.200 +  9.000 = 153.920
    /// Lowest 153.920; zero point 1,5 × 153.920 = 230.880; points = 40 × (230.880 − P) / 76.960:
    ///   van-der-meer 40 × 57.314 / 76.960 = 29,789 → 29,79
    ///   noord        40 × 71.490 / 76.960 = 37,157 → 37,16
    ///   ergo         40 × 30.004 / 76.960 = 15,595 → 15,59 (15,5946)
    ///   dijkhuis     40,00
    /// Quality = score / 10 × points:
    ///   van-der-meer 10/7/10 → 25 + 14 + 15   = 54,00 → total 83,79
    ///   noord         7/7/7  → 17,5 + 14 + 10,5 = 42,00 → total 79,16
    ///   ergo         10/10/7 → 25 + 20 + 10,5 = 55,50 → total 71,09
    ///   dijkhuis      5/5/3  → 12,5 + 10 + 4,5 = 27,00 → total 67,00
    /// bureau-en-stoel is excluded (suitability) and not ranked.
    #[test]
    fn ranks_as_computed_by_hand() {
        let (_out, dir) = render_all(NAME, REFERENCE);
        let expected = [
            ("van-der-meer", "173566.00", 83.79),
            ("kantoorinrichting-noord", "159390.00", 79.16),
            ("ergo-werkplek", "200876.00", 71.09),
            ("dijkhuis", "153920.00", 67.00),
        ];
        let got = ranking(&dir);
        assert_eq!(got.len(), expected.len(), "{got:?}");
        for (rank, ((id, price, points), row)) in expected.iter().zip(&got).enumerate() {
            assert_eq!((row.0.as_str(), row.1.as_str()), (*id, *price), "{got:?}");
            assert!((row.2 - points).abs() < 0.005, "{id}: {} ≠ {points}", row.2);
            assert_eq!(row.3, rank as u64 + 1);
        }
    }

    #[test]
    fn letter_text_snapshots() {
        let (_out, dir) = render_all(NAME, REFERENCE);
        snapshot_letters(NAME, &dir, &BIDDERS, &["van-der-meer", "dijkhuis"]);
    }
}

mod glazenwassen {
    use super::*;

    const NAME: &str = "glazenwassen";
    const REFERENCE: &str = "SKL-2027-03";
    const BIDDERS: [&str; 4] = ["glansrijk", "schoonzicht", "helder", "van-wijk"];

    #[test]
    fn renders_every_document_and_checks_strict() {
        check_strict(NAME);
        let (_out, dir) = render_all(NAME, REFERENCE);
        assert_documents(&dir, &expected_documents(&BIDDERS));
        let itt = pdf_text(&dir.join("offerteaanvraag.pdf"));
        assert_none_of(&itt, "offerteaanvraag", &BUNDLED_TRACES);
        assert!(itt.contains("meervoudig onderhandse aanbesteding"));
        assert!(itt.contains("vijf (5)"), "five invited companies");
        // Step 4 and the tie rule follow gunnen op waarde.
        let flat = itt.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(
                "De inschrijver met de laagste fictieve inschrijfprijs krijgt de opdracht."
            ),
            "step 4"
        );
        assert!(!flat.contains("De inschrijver met de hoogste score krijgt de opdracht."));
        // The price form states the fictitious price, not price points.
        let form = pdf_text(&dir.join("bijlage-d-prijsinvulformulier.pdf"));
        assert!(form.contains("fictieve inschrijfprijs"), "{form}");
        assert!(!form.contains("behaalde aantal punten"), "{form}");
        let opening = pdf_text(&dir.join("intern/proces-verbaal-van-opening.pdf"));
        assert!(
            opening.contains("Meervoudig onderhandse aanbesteding"),
            "{opening}"
        );
    }

    /// Hand computation (award.yaml: gunnen op waarde at € 250 per quality point; G2.1 30,
    /// G2.2 20, G2.3 20 points on the scale 0/2/6/8/10; the agreement runs 2 years plus two
    /// extensions of 1 year, so the yearly volumes (6, 2 and 1 rounds) count 4 times; the
    /// lines of component B are on call and do not count).
    ///
    /// Total price = 4 × (6 × A1 + 2 × A2 + A3):
    ///   glansrijk    4 × (11.340 + 4.300 + 1.640) = 69.120
    ///   schoonzicht  4 × (10.920 + 4.160 + 1.590) = 66.680
    ///   helder       4 × (10.500 + 3.960 + 1.480) = 63.760
    ///   van-wijk     4 × (12.300 + 4.600 + 1.750) = 74.600
    /// Quality points = score / 10 × points; fictitious price = total − points × 250:
    ///   glansrijk    8/8/10 → 24 + 16 + 20 = 60 → 69.120 − 15.000 = 54.120
    ///   schoonzicht  8/6/6  → 24 + 12 + 12 = 48 → 66.680 − 12.000 = 54.680
    ///   helder       6/2/6  → 18 +  4 + 12 = 34 → 63.760 −  8.500 = 55.260
    ///   van-wijk    10/8/8  → 30 + 16 + 16 = 62 → 74.600 − 15.500 = 59.100
    /// The lowest fictitious price wins: glansrijk, then schoonzicht, helder, van-wijk; note that
    /// neither the lowest price (helder) nor the most quality points (van-wijk) wins.
    #[test]
    fn ranks_as_computed_by_hand() {
        let (_out, dir) = render_all(NAME, REFERENCE);
        let expected = [
            ("glansrijk", "69120.00", 60.0, 54_120.0),
            ("schoonzicht", "66680.00", 48.0, 54_680.0),
            ("helder", "63760.00", 34.0, 55_260.0),
            ("van-wijk", "74600.00", 62.0, 59_100.0),
        ];
        let got = ranking(&dir);
        assert_eq!(got.len(), expected.len(), "{got:?}");
        for (rank, ((id, price, quality, fictitious), row)) in expected.iter().zip(&got).enumerate()
        {
            assert_eq!((row.0.as_str(), row.1.as_str()), (*id, *price), "{got:?}");
            // Under gunnen op waarde the total points are the quality points (no price points).
            assert!(
                (row.2 - quality).abs() < 0.005,
                "{id}: {} ≠ {quality}",
                row.2
            );
            let total: f64 = row.1.parse().unwrap();
            assert!((total - row.2 * 250.0 - fictitious).abs() < 0.005, "{id}");
            let stated: f64 = row.4.parse().unwrap();
            assert!(
                (stated - fictitious).abs() < 0.005,
                "{id}: fictitious price {stated}"
            );
            assert_eq!(row.3, rank as u64 + 1);
        }
    }

    #[test]
    fn letter_text_snapshots() {
        let (_out, dir) = render_all(NAME, REFERENCE);
        snapshot_letters(NAME, &dir, &BIDDERS, &["glansrijk", "van-wijk"]);
    }
}

/// The example with lots (issue 15): three lots, at most two awarded to one bidder. Until the
/// letters per lot exist a divided tender with a decision is refused, so the documents are
/// rendered from a copy without `decision.yaml`, and the evaluation per lot and the allocation
/// are checked through the library.
mod meubilair_percelen {
    use super::*;
    use tendergen::evaluation::per_lot::evaluate_lots;
    use tendergen::model::Project;

    const NAME: &str = "meubilair-percelen";
    /// Bidder, total price, total points.
    type Row = (&'static str, &'static str, &'static str);
    const REFERENCE: &str = "LDV-2027-031";

    /// A copy of the example's data without its decision (and definitive award), and an output
    /// folder.
    fn without_decision() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        crate::common::copy_dir(
            &repo().join(format!("examples/{NAME}/data")),
            &dir.path().join("data"),
        );
        // The definitive award follows the decision: set aside with it.
        for file in ["decision.yaml", "definitive-award.yaml"] {
            std::fs::remove_file(dir.path().join("data").join(file)).unwrap();
        }
        dir
    }

    fn gen_copy(dir: &Path, args: &[&str]) -> std::process::Output {
        gen_in(dir)
            .arg("--data")
            .arg(dir.join("data"))
            .arg("--templates")
            .arg(crate::common::templates_dir())
            .arg("--no-stamp")
            .arg("--out")
            .arg(dir.join("out"))
            .args(args)
            .output()
            .unwrap()
    }

    #[test]
    fn renders_and_checks_strict_without_the_decision() {
        let dir = without_decision();
        assert_success(&gen_copy(dir.path(), &["check", "--strict"]));
        assert_success(&gen_copy(dir.path(), &["all"]));
        let out = dir.path().join("out").join(REFERENCE);
        for file in [
            "offerteaanvraag.pdf",
            "nota-van-inlichtingen-1.pdf",
            "bijlage-d-prijsinvulformulier.pdf",
            "bijlage-d-prijsinvulformulier.xlsx",
            "bijlage-h-vragenformulier.xlsx",
        ] {
            assert!(out.join(file).is_file(), "{file} missing");
        }
        let itt = pdf_text(&out.join("offerteaanvraag.pdf"));
        crate::lots_forms::assert_squashed(
            &itt,
            &[
                "1 Werkplekmeubilair € 110.000,-",
                "2 Vergadermeubilair € 42.000,-",
                "3 Lockers en opbergmeubilair € 26.000,-",
                "Aan één inschrijver worden ten hoogste twee (2) percelen gegund.",
            ],
        );
    }

    /// The whole tender from the repository root: `check --strict`, then `gen all` with one
    /// letter per lot per bidder that tendered for it; lot 3 moved by the award limit.
    #[test]
    fn renders_every_lot_and_its_letters() {
        let out = tempfile::tempdir().unwrap();
        assert_success(&gen_example(NAME, out.path(), &["check", "--strict"]));
        let (_out, dir) = render_all(NAME, REFERENCE);
        // Who tendered for which lot (bureau-en-stoel: lots 1 and 3, excluded).
        let letters = [
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
            (
                3,
                &[
                    "van-der-meer",
                    "dijkhuis",
                    "kantoorinrichting-noord",
                    "bureau-en-stoel",
                ][..],
            ),
        ];
        for (lot, bidders) in letters {
            for id in bidders {
                let f = dir.join(format!("gunning/perceel-{lot}/gunningsbeslissing-{id}.pdf"));
                assert!(f.is_file(), "{} missing", f.display());
            }
        }
        assert!(
            !dir.join("gunning/perceel-2/gunningsbeslissing-ergo-werkplek.pdf")
                .exists()
        );
        let json: Value =
            serde_json::from_slice(&std::fs::read(dir.join("intern/evaluation.json")).unwrap())
                .unwrap();
        let winners: Vec<(u64, String)> = json["lots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["lot"].as_u64().unwrap(),
                    l["evaluation"]["winner"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                )
            })
            .collect();
        assert!(
            winners
                .iter()
                .any(|(n, w)| *n == 3 && w == "kantoorinrichting-noord"),
            "{winners:?}"
        );
        for (lot, id) in [
            (3, "van-der-meer"),
            (3, "kantoorinrichting-noord"),
            (3, "dijkhuis"),
        ] {
            let text =
                pdf_text(&dir.join(format!("gunning/perceel-{lot}/gunningsbeslissing-{id}.pdf")));
            insta::assert_snapshot!(format!("{NAME}_lot_{lot}_letter_{id}"), text);
        }
        // Lot 3 drops G2.2 (tender.yaml `criteria`): its record and matrix run on the lot's
        // rules, G2.1 and G2.3 with the lot's own maxima, no G2.2.
        let record = pdf_text(&dir.join("intern/perceel-3/proces-verbaal-van-beoordeling.pdf"));
        assert!(
            record.contains("G2.1 (max. 35)") && record.contains("G2.3 (max. 25)"),
            "{record}"
        );
        assert!(!record.contains("G2.2"), "lot 3's record names G2.2");
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook(dir.join("intern/perceel-3/beoordelingsmatrix.xlsx")).unwrap();
        use calamine::Reader;
        let cells: Vec<String> = book
            .worksheet_range_at(0)
            .unwrap()
            .unwrap()
            .cells()
            .map(|(_, _, c)| c.to_string())
            .collect();
        assert!(
            cells.iter().any(|h| h == "G2.1 punten (max. 35)")
                && !cells.iter().any(|h| h.contains("G2.2")),
            "{cells:?}"
        );
        // The definitive award per lot (definitive-award.yaml): the same bidders per lot, each
        // letter naming its lot; lot 3 to Kantoorinrichting Noord with its own evidence.
        for (lot, bidders) in letters {
            for id in bidders {
                let f = dir.join(format!(
                    "definitieve-gunning/perceel-{lot}/definitieve-gunning-{id}.pdf"
                ));
                assert!(f.is_file(), "{} missing", f.display());
            }
        }
        assert!(
            !dir.join("definitieve-gunning/definitieve-gunning-van-der-meer.pdf")
                .exists()
        );
        let notice =
            pdf_text(&dir.join("definitieve-gunning/perceel-1/definitieve-gunning-dijkhuis.pdf"));
        crate::lots_forms::assert_squashed(
            &notice,
            &[
                "voornemen perceel 1 (“Werkplekmeubilair”) te gunnen aan Van der Meer Projectinrichting B.V.",
                "definitief gegund aan Van der Meer Projectinrichting B.V.",
            ],
        );
        let text =
            pdf_text(&dir.join(
                "definitieve-gunning/perceel-3/definitieve-gunning-kantoorinrichting-noord.pdf",
            ));
        insta::assert_snapshot!(
            format!("{NAME}_lot_3_definitive_kantoorinrichting-noord"),
            text
        );
    }

    /// Linear price scoring, 40 points at the lowest total price of the lot, none at 50 % above
    /// it: points = 40 × (1,5 × lowest − own) / (0,5 × lowest), two decimals. B1 (maintenance)
    /// counts four years. Quality = score / 10 × points; each bidder's plans (and reasons) are
    /// its own per lot, its scores the same on every lot. Lots 1 and 2: G2.1 25, G2.2 20,
    /// G2.3 15:
    ///   van-der-meer 10/7/10 → 25 + 14 + 15 = 54,00; noord 7/7/7 → 17,50 + 14 + 10,50 = 42,00;
    ///   ergo 10/10/7 → 25 + 20 + 10,50 = 55,50; dijkhuis 5/5/3 → 12,50 + 10 + 4,50 = 27,00.
    /// Lot 3 drops G2.2 (tender.yaml `criteria: [G2.1, G2.3]`) and gives its 20 points to G2.1
    /// (35) and G2.3 (25):
    ///   van-der-meer 10/10 → 35 + 25 = 60,00; noord 7/7 → 24,50 + 17,50 = 42,00;
    ///   dijkhuis 5/3 → 17,50 + 7,50 = 25,00.
    /// bureau-en-stoel is excluded (suitability).
    ///
    /// Lot 1 (A1, A2 × 120, A6 once, B1 × 4):
    ///   van-der-meer 67.200 + 46.200 + 5.200 + 9.000  = 127.600 → 40,00 + 54,00 = 94,00
    ///   ergo         82.680 + 61.440 + 7.800 + 14.400 = 166.320 → 40 × 25.080/63.800 = 15,72 → 71,22
    ///   dijkhuis     73.800 + 51.480 + 6.500 + 11.800 = 143.580 → 40 × 47.820/63.800 = 29,98 → 56,98
    /// Lot 2 (A3 × 8, A4 × 64, A6, B1 × 4):
    ///   van-der-meer 8.160 + 10.560 + 5.200 + 9.000  = 32.920 → 94,00
    ///   noord        8.760 + 11.040 + 4.850 + 9.600  = 34.250 → 40 × 15.130/16.460 = 36,77 → 78,77
    ///   dijkhuis     9.440 + 12.096 + 6.500 + 11.800 = 39.836 → 40 × 9.544/16.460 = 23,19 → 50,19
    /// Lot 3 (A5 × 10, A6, B1 × 4):
    ///   van-der-meer 7.600 + 5.200 + 9.000  = 21.800 → 40,00 + 60,00 = 100,00
    ///   noord        7.900 + 4.850 + 9.600  = 22.350 → 40 × 10.350/10.900 = 37,98 → 79,98
    ///   dijkhuis     8.450 + 6.500 + 11.800 = 26.750 → 40 × 5.950/10.900 = 21,83 → 46,83
    /// Van der Meer is first on all three lots; at most two per bidder, by value: it keeps lot 1
    /// (€ 110.000) and lot 2 (€ 42.000), and lot 3 (€ 26.000) goes to Kantoorinrichting Noord,
    /// second there. Ergo Werkplek tendered for lot 1 only, Noord for lots 2 and 3.
    #[test]
    fn ranks_each_lot_and_applies_the_award_limit_as_computed_by_hand() {
        let project = Project::load(&repo().join(format!("examples/{NAME}/data"))).unwrap();
        let decision = project
            .decision
            .clone()
            .expect("the example has a decision");
        let outcome = evaluate_lots(&project, &decision).unwrap();
        let expected: [(u32, &[Row]); 3] = [
            (
                1,
                &[
                    ("van-der-meer", "127600", "94.00"),
                    ("ergo-werkplek", "166320", "71.22"),
                    ("dijkhuis", "143580", "56.98"),
                ],
            ),
            (
                2,
                &[
                    ("van-der-meer", "32920", "94.00"),
                    ("kantoorinrichting-noord", "34250", "78.77"),
                    ("dijkhuis", "39836", "50.19"),
                ],
            ),
            (
                3,
                &[
                    ("van-der-meer", "21800", "100.00"),
                    ("kantoorinrichting-noord", "22350", "79.98"),
                    ("dijkhuis", "26750", "46.83"),
                ],
            ),
        ];
        for ((lot, o), (n, rows)) in outcome.lots.iter().zip(expected) {
            assert_eq!(*lot, n);
            let got: Vec<(String, String, String)> = o
                .evaluation
                .ranking
                .iter()
                .map(|r| {
                    (
                        r.id.clone(),
                        r.total_price.normalize().to_string(),
                        format!("{:.2}", r.total_points),
                    )
                })
                .collect();
            let want: Vec<(String, String, String)> = rows
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                .collect();
            assert_eq!(got, want, "lot {lot}");
            let excluded: Vec<&str> = o
                .evaluation
                .excluded
                .iter()
                .map(|e| e.id.as_str())
                .collect();
            let expect_excluded: &[&str] = if n == 2 { &[] } else { &["bureau-en-stoel"] };
            assert_eq!(excluded, expect_excluded, "lot {lot}");
        }
        let awards: Vec<(u32, Option<&str>, Option<&str>, bool)> = outcome
            .allocation
            .lots
            .iter()
            .map(|a| {
                (
                    a.lot,
                    a.provisional.as_deref(),
                    a.winner.as_deref(),
                    a.moved,
                )
            })
            .collect();
        assert_eq!(
            awards,
            vec![
                (1, Some("van-der-meer"), Some("van-der-meer"), false),
                (2, Some("van-der-meer"), Some("van-der-meer"), false),
                (
                    3,
                    Some("van-der-meer"),
                    Some("kantoorinrichting-noord"),
                    true
                ),
            ]
        );
    }
}
