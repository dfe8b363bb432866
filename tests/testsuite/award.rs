//! The award decision: `evaluation.json` of the bundled bids, the letters (snapshots of their
//! Typst source and text), confidentiality between bidders (art. 2.57 Aw 2012), no winner when
//! every bid is excluded, ties, data errors, the Atw extension of the standstill, abnormally low
//! prices.

use std::path::{Path, PathBuf};
use std::process::Output;

use rust_decimal::Decimal;
use tendergen::docs;
use tendergen::format;
use tendergen::model::Project;

use crate::common::*;

// ---------------------------------------------------------------------------------------------
// Helpers

/// A copy of the bundled tender to change freely, with the award letters' own helpers.
struct Tender(TenderCopy);

impl std::ops::Deref for Tender {
    type Target = TenderCopy;
    fn deref(&self) -> &TenderCopy {
        &self.0
    }
}

impl Tender {
    fn new() -> Tender {
        Tender(TenderCopy::new())
    }

    /// `gen award-letters` on this copy.
    fn award_letters(&self) -> Output {
        gen_in(self.root())
            .arg("--data")
            .arg(self.data())
            .arg("--templates")
            .arg(self.templates())
            .arg("--out")
            .arg(self.out())
            .arg("award-letters")
            .output()
            .expect("gen runs")
    }

    fn gunning(&self) -> PathBuf {
        self.out().join("WIJ-2026-001/gunning")
    }

    /// The internal documents: the record, the award decision, evaluation.json.
    fn intern(&self) -> PathBuf {
        self.out().join("WIJ-2026-001/intern")
    }
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Whitespace (line breaks, non-breaking spaces) folded to single spaces, so that phrases can
/// be found in pdftotext output whatever the line breaking.
fn flat(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders the bundled letters once per test that needs them.
fn bundled_letters() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let o = gen_bundled(out.path(), &["award-letters"]);
    assert_success(&o);
    let dir = out.path().join("WIJ-2026-001/gunning");
    (out, dir)
}

const WINNER: &str = "vitaal-en-werk";
const RUNNER_UP: &str = "arbo-noord";
const EXCLUDED: &str = "arboveilig";

// ---------------------------------------------------------------------------------------------
// The bundled bids

/// The computed outcome of the sample bids: Vitaal & Werk and Arbo Noord both score 89.00;
/// G2 Kwaliteit (67.00 against 64.00) decides for Vitaal & Werk. ArboVeilig is excluded
/// (suitability) and has null scores. Numbers are JSON numbers with two decimals.
#[test]
fn evaluation_json_of_the_bundled_bids() {
    let (_out, dir) = bundled_letters();
    let text = std::fs::read_to_string(dir.join("../intern/evaluation.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["reference"], "WIJ-2026-001");
    assert_eq!(v["sent_on"], "2026-09-09");
    assert_eq!(v["standstill_ends"], "2026-09-29");
    assert_eq!(v["winner"], WINNER);

    let bidders = v["bidders"].as_array().unwrap();
    let summary: Vec<(String, String, serde_json::Value, serde_json::Value)> = bidders
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_string(),
                b["status"].as_str().unwrap().to_string(),
                b["rank"].clone(),
                b["total_points"].clone(),
            )
        })
        .collect();
    let expected = [
        (WINNER, "valid", 1, 89.0),
        (RUNNER_UP, "valid", 2, 89.0),
        ("arbogroep-t-zandt", "valid", 3, 79.77),
        ("werkfit", "valid", 4, 73.82),
        ("duurzaam-inzetbaar", "valid", 5, 71.28),
    ];
    for (i, (id, status, rank, total)) in expected.iter().enumerate() {
        assert_eq!(summary[i].0, *id);
        assert_eq!(summary[i].1, *status);
        assert_eq!(summary[i].2, serde_json::json!(rank));
        assert_eq!(summary[i].3.as_f64(), Some(*total), "{id}");
    }
    // The tie on total points, decided by quality.
    assert_eq!(bidders[0]["quality_points"].as_f64(), Some(67.0));
    assert_eq!(bidders[1]["quality_points"].as_f64(), Some(64.0));
    assert_eq!(bidders[0]["price_points"].as_f64(), Some(22.0));
    assert_eq!(bidders[1]["price_points"].as_f64(), Some(25.0));
    assert_eq!(bidders[0]["total_price"], "463508.00");
    assert_eq!(bidders[1]["total_price"], "407876.00");
    assert_eq!(
        bidders[0]["quality"],
        serde_json::json!([
            {"criterion": "G2.1", "score": 8, "points": 16.0},
            {"criterion": "G2.2", "score": 8, "points": 16.0},
            {"criterion": "G2.3", "score": 10, "points": 35.0},
        ])
    );
    // Two decimals as written, not serde's `89.0`.
    assert!(text.contains("\"total_points\": 89.00,"), "{text}");
    assert!(text.contains("\"price_points\": 25.00,"), "{text}");
    assert!(text.contains("\"points\": 35.00"), "{text}");

    let excluded = &bidders[5];
    assert_eq!(excluded["id"], EXCLUDED);
    assert_eq!(excluded["status"], "excluded");
    assert!(
        excluded["exclusion_reason"]
            .as_str()
            .unwrap()
            .contains("3.2.2.1")
    );
    for key in [
        "total_price",
        "price_points",
        "quality",
        "quality_points",
        "total_points",
        "rank",
    ] {
        assert!(
            excluded[key].is_null(),
            "{key} of an excluded bid must be null"
        );
    }
    assert_eq!(
        excluded.as_object().unwrap().keys().collect::<Vec<_>>(),
        bidders[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        "every bidder has the same fields"
    );

    // One letter per bidder in gunning/; the record, the decision, the matrix and the JSON in
    // intern/.
    let mut internal: Vec<String> = std::fs::read_dir(dir.join("../intern"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    internal.sort();
    assert_eq!(
        internal,
        [
            "beoordelingsmatrix.xlsx",
            "evaluation.json",
            "gunningsbesluit.pdf",
            "proces-verbaal-van-beoordeling.pdf"
        ]
    );
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "gunningsbeslissing-arbo-noord.pdf",
            "gunningsbeslissing-arbogroep-t-zandt.pdf",
            "gunningsbeslissing-arboveilig.pdf",
            "gunningsbeslissing-duurzaam-inzetbaar.pdf",
            "gunningsbeslissing-vitaal-en-werk.pdf",
            "gunningsbeslissing-werkfit.pdf",
        ]
    );
}

/// The Typst source of a winner, a rejection and an exclusion letter.
#[test]
fn letter_source_snapshots() {
    let build = build();
    let project = &build.project;
    let plan = docs::award::plan(project, &build.outline, build.outcome.as_ref(), &opts());
    for (kind, id) in [
        ("winner", WINNER),
        ("rejection", RUNNER_UP),
        ("exclusion", EXCLUDED),
    ] {
        let file = docs::award::letter_file(project, id);
        let job = plan
            .jobs
            .iter()
            .find(|j| j.file == file)
            .expect("a letter per bidder");
        let source = typst_source(job);
        assert!(
            source.contains(&format!("kind: \"{kind}\"")),
            "{id} gets a {kind} letter"
        );
        insta::assert_snapshot!(format!("award_letter_source_{kind}"), source);
    }
}

/// The text of the same three letters as a reader gets it.
#[test]
fn letter_text_snapshots() {
    let (_out, dir) = bundled_letters();
    for (kind, id) in [
        ("winner", WINNER),
        ("rejection", RUNNER_UP),
        ("exclusion", EXCLUDED),
    ] {
        let text = pdf_text(&dir.join(format!("gunningsbeslissing-{id}.pdf")));
        insta::assert_snapshot!(format!("award_letter_text_{kind}"), text);
    }
}

/// What every letter must say (art. 2.130 Aw 2012): the decision and the winner's name, the
/// standstill with its end date, the remedy before the court of the invitation, contact.
#[test]
fn every_letter_states_decision_standstill_and_remedy() {
    let project = project();
    let (_out, dir) = bundled_letters();
    for bid in &project.bids {
        let pdf = dir.join(format!("gunningsbeslissing-{}.pdf", bid.id));
        // The body without the page furniture, so that a sentence across a page break reads
        // whole; the reference is in the furniture.
        let text = flat(&pdf_body_text(&pdf));
        let reference = format!("WIJ-2026-001/gunning/{}", bid.id);
        assert!(
            flat(&pdf_text(&pdf)).contains(&reference),
            "{}: `{reference}` missing",
            bid.id
        );
        for phrase in [
            "Voorlopige gunningsbeslissing",
            "Geachte ",
            "Met vriendelijke groet,",
            "A.J. Postma",
            "Deze termijn start op de kalenderdag na verzending van deze brief, donderdag 10 september 2026, en eindigt op dinsdag 29 september 2026.",
            "kort geding aanhangig te maken bij de bevoegde voorzieningenrechter van de rechtbank Noord-Nederland te Groningen",
            "vervaltermijn",
            "inkoop@wij.groningen.nl",
        ] {
            assert!(text.contains(phrase), "{}: `{phrase}` missing", bid.id);
        }
        if bid.id == WINNER {
            assert!(text.contains("Wij hebben het voornemen de opdracht aan u te gunnen."));
        } else {
            assert!(
                text.contains(
                    "Wij hebben het voornemen de opdracht te gunnen aan Vitaal & Werk B.V."
                ),
                "{}",
                bid.id
            );
        }
        if bid.id != WINNER && bid.id != EXCLUDED {
            // Own points and the winner's, per sub-criterion, and the reasons.
            assert!(
                text.contains(
                    "Kenmerken en relatieve voordelen van de inschrijving van Vitaal & Werk B.V."
                ),
                "{}",
                bid.id
            );
            assert!(
                text.contains("Waarom uw inschrijving niet de maximale score heeft gekregen"),
                "{}",
                bid.id
            );
            assert!(text.contains("G2.3 Presentatie 35"), "{}", bid.id);
        }
    }
    let runner_up = flat(&pdf_text(
        &dir.join(format!("gunningsbeslissing-{RUNNER_UP}.pdf")),
    ));
    assert!(runner_up.contains(
        "Uw inschrijving is met 89,00 punten geëindigd op plaats 2 van de 5 inschrijvingen"
    ));
    assert!(runner_up.contains("Uw inschrijving heeft hetzelfde totaal aantal punten (89,00) behaald als de inschrijving van Vitaal & Werk B.V. Volgens paragraaf 2.7 van de offerteaanvraag"));
    assert!(runner_up.contains("Op G2 Kwaliteit heeft uw inschrijving 64,00 punten behaald, tegen 67,00 punten voor de andere inschrijving; uw inschrijving is daarom na die inschrijving gerangschikt."));
    let excluded = flat(&pdf_text(
        &dir.join(format!("gunningsbeslissing-{EXCLUDED}.pdf")),
    ));
    assert!(excluded.contains("uitgesloten in stap 2 (beoordelen geschiktheidseisen)"));
    assert!(excluded.contains("€ 500.000,- per gebeurtenis"));
}

/// Confidentiality (art. 2.57 Aw 2012), proven on the text of every letter: no bidder is named
/// but the addressee and the winner; no rate of any bidder appears as money; no other losing
/// bidder's total points appear; the winner's total price only in the winner's own letter
/// (`show_winner_total_price: false`).
#[test]
fn letters_reveal_nothing_about_other_bidders() {
    let project = project();
    let (_out, dir) = bundled_letters();
    let v = json(&dir.join("../intern/evaluation.json"));
    let winner = v["winner"].as_str().unwrap().to_string();
    let total_of = |id: &str| -> Option<String> {
        let b = v["bidders"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["id"] == id)
            .unwrap();
        b["total_points"]
            .as_f64()
            .map(|t| format::points(Decimal::try_from(t).unwrap()))
    };
    let winner_total = total_of(&winner).unwrap();
    let winner_bid = project.bids.iter().find(|b| b.id == winner).unwrap();
    let winner_price = format::money(
        v["bidders"][0]["total_price"]
            .as_str()
            .unwrap()
            .parse::<Decimal>()
            .unwrap(),
    );
    let mut rates: Vec<(String, String)> = Vec::new();
    for b in &project.bids {
        for (line, rate) in &b.rates {
            rates.push((format!("{} {line}", b.id), format::money(*rate)));
        }
    }
    assert!(rates.len() >= 60);

    for bid in &project.bids {
        let text = flat(&pdf_text(
            &dir.join(format!("gunningsbeslissing-{}.pdf", bid.id)),
        ));
        let squashed = squash(&text);
        for other in &project.bids {
            if other.id == bid.id || other.id == winner {
                continue;
            }
            assert!(
                !squashed.contains(&squash(&other.name)),
                "{}'s letter names {}",
                bid.id,
                other.name
            );
            assert!(
                !text.contains(&other.id),
                "{}'s letter names {}",
                bid.id,
                other.id
            );
            if let Some(total) = total_of(&other.id) {
                // A loser tied with the winner has the winner's total, which the letter shows as
                // the winner's; no other total of another loser may appear.
                let own = total_of(&bid.id);
                if total != winner_total && Some(&total) != own.as_ref() {
                    assert!(
                        !text.contains(&total),
                        "{}'s letter shows {}'s total {total}",
                        bid.id,
                        other.id
                    );
                }
            }
        }
        for (which, money) in &rates {
            assert!(
                !text.contains(money.as_str()),
                "{}'s letter shows the rate {which} ({money})",
                bid.id
            );
        }
        if bid.id != winner {
            assert!(
                !text.contains(&winner_price),
                "{}'s letter shows the winner's total price",
                bid.id
            );
        } else {
            assert!(
                text.contains(&winner_price),
                "the winner's own letter shows its total price"
            );
        }
        // The winner's weaknesses are no one else's business; why it missed the maximum is
        // part of the comparison every letter gives (issue 16).
        if bid.id != winner {
            for a in winner_bid.quality.values() {
                for w in a
                    .weaknesses
                    .iter()
                    .filter(|w| !a.why_not_maximum.contains(w))
                {
                    assert!(
                        !squashed.contains(&squash(w)),
                        "{}'s letter shows the winner's weakness `{w}`",
                        bid.id
                    );
                }
            }
        }
    }
}

/// The evaluation report shows everything: every bidder, every score, ranks, the exclusion, the
/// tie-break.
#[test]
fn evaluation_report_shows_every_bid() {
    let project = project();
    let (_out, dir) = bundled_letters();
    let text = flat(&pdf_text(
        &dir.join("../intern/proces-verbaal-van-beoordeling.pdf"),
    ));
    for b in &project.bids {
        assert!(text.contains(&b.name), "{} missing", b.name);
    }
    assert_contains_all(
        &text,
        &[
            "Proces-verbaal van beoordeling",
            "Vertrouwelijk",
            "2 – geschiktheidseisen",
            "Gelijke stand. Vitaal & Werk B.V. (89,00 punten, G2 Kwaliteit: 67,00), Arbo Noord B.V. (89,00 punten, G2 Kwaliteit: 64,00)",
            "Geen van de totale inschrijfprijzen ligt meer dan 30% onder het gemiddelde.",
            "€ 463.508,-",
            "79,77",
            "73,82",
            "71,28",
            "10 – 35,00",
            "R. Dijkstra",
            // The record's own facts: dates, steps, unrounded points, figures, third person.
            "Consensusbijeenkomst",
            "maandag 31 augustus 2026",
            "Beoordeling per stap",
            "21,9994",
            "ArboVeilig Nederland B.V. voldoet niet",
            "ondertekend door de stemgerechtigde leden",
            "L. Smit",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Other outcomes and data errors

/// Every bid excluded: no winner, exclusion letters only (none claims a winner), the report,
/// and a clear message. A `winner:` in decision.yaml would contradict that: a data error.
#[test]
fn all_excluded_gives_no_winner_letters() {
    let t = Tender::new();
    for id in [
        WINNER,
        RUNNER_UP,
        "arbogroep-t-zandt",
        "werkfit",
        "duurzaam-inzetbaar",
    ] {
        t.edit(
            &format!("bids/{id}.yaml"),
            "status: valid\n",
            "status: excluded\nexclusion:\n  stage: completeness\n  reason: Het Uniform Europees Aanbestedingsdocument is niet rechtsgeldig ondertekend.\n  basis: paragraaf 2.7 van de offerteaanvraag\n  established: Vastgesteld bij de opening.\n  record: Het UEA is niet rechtsgeldig ondertekend.\n",
        );
    }
    let o = t.award_letters();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("decision.yaml"), "{}", stderr(&o));
    assert!(stderr(&o).contains("winner"), "{}", stderr(&o));
    assert!(!t.gunning().exists(), "nothing is written on an error");

    t.edit("decision.yaml", "winner: vitaal-en-werk\n", "");
    let o = t.award_letters();
    assert_success(&o);
    assert!(stderr(&o).contains("no bid is valid"), "{}", stderr(&o));
    let v = json(&t.intern().join("evaluation.json"));
    assert!(v["winner"].is_null());
    assert!(
        v["bidders"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| b["status"] == "excluded" && b["rank"].is_null())
    );
    for entry in std::fs::read_dir(t.gunning()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("gunningsbeslissing-") {
            continue;
        }
        let text = flat(&pdf_text(&path));
        assert!(
            text.contains(if name.contains(EXCLUDED) {
                "uitgesloten in stap 2"
            } else {
                "uitgesloten in stap 1 (volledigheid en geldigheid)"
            }),
            "{name}"
        );
        assert!(
            text.contains("Geen van de inschrijvingen komt in aanmerking voor gunning"),
            "{name}"
        );
        assert!(
            !text.contains("het voornemen de opdracht"),
            "{name} claims a winner"
        );
        assert!(
            !text.contains("Vitaal & Werk B.V.") || name.contains(WINNER),
            "{name} names another bidder"
        );
    }
    let report = flat(&pdf_text(
        &t.intern().join("proces-verbaal-van-beoordeling.pdf"),
    ));
    assert!(report.contains("geen van de inschrijvingen geldig is"));
}

/// Equal total points and equal quality for first place, without a recorded lottery: an error
/// naming the bidders, nothing written. With the lottery recorded, it decides, and the loser's
/// letter says so.
#[test]
fn tie_for_first_place_needs_the_lottery() {
    let t = Tender::new();
    // Arbo Noord offers and scores exactly what Vitaal & Werk does.
    let winner = t.read(&format!("bids/{WINNER}.yaml"));
    let copy = winner
        .replace("id: vitaal-en-werk", "id: arbo-noord")
        .replace("name: Vitaal & Werk B.V.", "name: Arbo Noord B.V.");
    std::fs::write(t.path(&format!("bids/{RUNNER_UP}.yaml")), copy).unwrap();
    t.edit("decision.yaml", "winner: vitaal-en-werk\n", "");

    let o = t.award_letters();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("bidders arbo-noord, vitaal-en-werk are tied for first place"),
        "{err}"
    );
    assert!(err.contains("decision.yaml"), "{err}");
    assert!(!t.gunning().exists());

    t.edit(
        "decision.yaml",
        "# lottery:\n",
        "lottery:\n  date: 2026-09-07\n  order: [arbo-noord, vitaal-en-werk]\n# lottery:\n",
    );
    let o = t.award_letters();
    assert_success(&o);
    let v = json(&t.intern().join("evaluation.json"));
    assert_eq!(v["winner"], "arbo-noord");
    let loser = flat(&pdf_text(
        &t.gunning().join(format!("gunningsbeslissing-{WINNER}.pdf")),
    ));
    assert!(
        loser.contains(
            "Volgens paragraaf 2.7 van de offerteaanvraag is de volgorde daarom door loting bepaald"
        ),
        "{loser}"
    );
    assert!(
        loser.contains("van de loting is op 7 september 2026 een proces-verbaal opgemaakt. De loting is uitgevallen in uw nadeel."),
        "{loser}"
    );
}

/// A score off the scale: exit 1, naming the bid's file, line and field.
#[test]
fn score_off_the_scale_is_an_error_naming_file_and_field() {
    let t = Tender::new();
    let file = format!("bids/{WINNER}.yaml");
    let text = t.read(&file);
    let line = text.lines().position(|l| l == "  G2.1:").unwrap() + 2;
    assert_eq!(text.lines().nth(line - 1), Some("    score: 8"));
    let edited: Vec<&str> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i == line - 1 { "    score: 7" } else { l })
        .collect();
    std::fs::write(t.path(&file), edited.join("\n") + "\n").unwrap();

    let o = t.award_letters();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{file}:{line}:5: quality.G2.1.score: score 7 is not on the scale 0, 2, 6, 8, 10"
        )),
        "{err}"
    );
}

/// A zero rate in component A and a negative one in C: errors naming the file and the line.
#[test]
fn zero_and_negative_rates_are_errors() {
    let t = Tender::new();
    t.edit("bids/werkfit.yaml", "  A2: \"96.00\"", "  A2: \"0\"");
    t.edit("bids/arbo-noord.yaml", "  C3: \"122.50\"", "  C3: \"-1\"");
    let o = t.award_letters();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("bids/werkfit.yaml:")
            && err.contains("rates.A2: a zero rate is not allowed in component A"),
        "{err}"
    );
    assert!(
        err.contains("bids/arbo-noord.yaml:") && err.contains("rates.C3: rate -1 is negative"),
        "{err}"
    );
}

/// A valid bid without a score for a sub-criterion is refused.
#[test]
fn missing_score_is_an_error() {
    let t = Tender::new();
    let file = "bids/werkfit.yaml";
    let text = t.read(file);
    let start = text.find("  G2.3:").unwrap();
    std::fs::write(t.path(file), &text[..start]).unwrap();
    let o = t.award_letters();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("quality.G2.3.score: no score for G2.3"),
        "{}",
        stderr(&o)
    );
}

/// Sent on Monday 14 September 2026, the 20th day is Sunday 4 October: the Atw moves the end
/// to Monday 5 October, and the letters say so.
#[test]
fn standstill_ending_on_a_sunday_is_extended() {
    let t = Tender::new();
    t.edit(
        "decision.yaml",
        "sent_on: 2026-09-09",
        "sent_on: 2026-09-14",
    );
    let o = t.award_letters();
    assert_success(&o);
    assert_eq!(
        json(&t.intern().join("evaluation.json"))["standstill_ends"],
        "2026-10-05"
    );
    let text = flat(&pdf_text(
        &t.gunning()
            .join(format!("gunningsbeslissing-{RUNNER_UP}.pdf")),
    ));
    assert!(text.contains("Groningen, 14 september 2026"));
    assert!(
        text.contains("Deze termijn start op de kalenderdag na verzending van deze brief, dinsdag 15 september 2026, en zou eindigen op zondag 4 oktober 2026. Omdat die dag geen werkdag is (zondag), wordt de termijn op grond van de Algemene termijnenwet verlengd tot en met maandag 5 oktober 2026."),
        "{text}"
    );
    assert!(text.contains("dus uiterlijk op maandag 5 oktober 2026"));
}

/// A total price far below the average is a warning on stderr (not an exclusion), and the
/// report lists it.
#[test]
fn abnormally_low_price_is_a_warning() {
    let t = Tender::new();
    t.edit("decision.yaml", "winner: vitaal-en-werk\n", "");
    t.edit(
        "bids/werkfit.yaml",
        "  A3: \"44000.00\"",
        "  A3: \"1000.00\"",
    );
    t.edit("bids/werkfit.yaml", "  A1: \"136.50\"", "  A1: \"60.00\"");
    let o = t.award_letters();
    assert_success(&o);
    let err = stderr(&o);
    assert!(
        err.contains("warning: ") && err.contains("bids/werkfit.yaml"),
        "{err}"
    );
    assert!(err.contains("possibly abnormally low"), "{err}");
    let v = json(&t.intern().join("evaluation.json"));
    assert!(
        v["bidders"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["id"] == "werkfit" && b["status"] == "valid")
    );
    let report = flat(&pdf_text(
        &t.intern().join("proces-verbaal-van-beoordeling.pdf"),
    ));
    assert!(
        report.contains("Werkfit Arbodienstverlening B.V. € 143.284,-"),
        "{report}"
    );
}

/// Without a decision (bids received, not yet decided) `gen award-letters` writes nothing and
/// says why; `gen all` is unaffected.
#[test]
fn no_decision_yet_writes_no_letters() {
    let t = Tender::new();
    std::fs::remove_file(t.path("decision.yaml")).unwrap();
    let o = t.award_letters();
    assert_success(&o);
    assert!(
        stderr(&o).contains("no award letters yet"),
        "{}",
        stderr(&o)
    );
    assert!(!t.gunning().exists());
}

/// The bundled data loads with its bids and decision, without warnings from them.
#[test]
fn bundled_bids_and_decision_load() {
    let p: Project = project();
    assert_eq!(p.bids.len(), 6);
    assert!(p.decision.is_some());
    assert!(
        p.warnings
            .iter()
            .all(|w| !w.file.to_string_lossy().contains("bids")),
        "{:?}",
        p.warnings
    );
}

/// A score of 0 ("niet beantwoord") excludes the bid at step 4: an exclusion letter with the
/// computed reason, null scores in evaluation.json, and the other bids ranked without it.
#[test]
fn score_zero_excludes_the_bid() {
    let t = Tender::new();
    let file = "bids/werkfit.yaml";
    let text = t.read(file);
    let at = text.find("  G2.2:\n    score: 6").unwrap();
    let edited = format!(
        "{}  G2.2:\n    score: 0{}",
        &text[..at],
        &text[at + "  G2.2:\n    score: 6".len()..]
    );
    std::fs::write(t.path(file), edited).unwrap();
    let o = t.award_letters();
    assert_success(&o);
    let v = json(&t.intern().join("evaluation.json"));
    let werkfit = v["bidders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "werkfit")
        .unwrap();
    assert_eq!(werkfit["status"], "excluded");
    assert!(werkfit["rank"].is_null() && werkfit["total_points"].is_null());
    assert!(
        werkfit["exclusion_reason"]
            .as_str()
            .unwrap()
            .starts_with("Score 0 (niet beantwoord) op G2.2")
    );
    let ranks: Vec<u64> = v["bidders"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b["rank"].as_u64())
        .collect();
    assert_eq!(ranks, [1, 2, 3, 4]);
    let letter = flat(&pdf_text(
        &t.gunning().join("gunningsbeslissing-werkfit.pdf"),
    ));
    assert!(
        letter.contains("uitgesloten in stap 4 (gunningscriteria)"),
        "{letter}"
    );
    assert!(
        letter.contains("Score 0 (niet beantwoord) op G2.2"),
        "{letter}"
    );
    assert!(
        letter.contains("Wij hebben het voornemen de opdracht te gunnen aan Vitaal & Werk B.V."),
        "{letter}"
    );
}

/// `show_winner_total_price: true`: the other letters show the winner's total price (never its
/// rates).
#[test]
fn winner_total_price_only_when_allowed() {
    let t = Tender::new();
    t.edit(
        "decision.yaml",
        "show_winner_total_price: false",
        "show_winner_total_price: true",
    );
    assert_success(&t.award_letters());
    let text = flat(&pdf_text(
        &t.gunning().join("gunningsbeslissing-werkfit.pdf"),
    ));
    assert!(
        text.contains(
            "De totale inschrijfprijs van Vitaal & Werk B.V. bedraagt € 463.508,- (exclusief btw)"
        ),
        "{text}"
    );
    assert!(!text.contains("€ 152,50"), "a rate of the winner");
}

// ---------------------------------------------------------------------------------------------
// The checklist of art. 2.130 Aw 2012 and Commissie van Aanbestedingsexperts practice, per kind
// of letter, on the extracted PDF text.

/// What every letter must hold: the decision, the winner's name, the standstill described
/// precisely, the remedy with the visiting address, who to contact, the signature.
fn assert_common_checklist(text: &str, who: &str) {
    for phrase in [
        "Geachte ",
        "Wij hebben het voornemen de opdracht",
        "Vitaal & Werk B.V.",
        "twintig (20) kalenderdagen",
        "dinsdag 29 september 2026",
        "kort geding",
        "op ons bezoekadres: Gedempte Zuiderdiep 98, 9711 HL Groningen",
        "M. Zijlstra",
        "A.J. Postma",
    ] {
        assert!(text.contains(phrase), "{who}: `{phrase}` missing");
    }
    assert!(
        !text.contains("heer/mevrouw"),
        "{who}: salutation from data"
    );
    assert!(
        !text.contains("Kim Jansen,"),
        "{who}: no first name in a salutation"
    );
}

/// Letters to valid bidders: own score per criterion and in total, rank, the price formula and
/// the rounding, reasons (strengths and why not the maximum).
fn assert_valid_checklist(text: &str, who: &str) {
    for phrase in [
        "G2.1 Inzetbaarheid",
        "G2.2 Preventie",
        "G2.3 Presentatie",
        "Totaal 100",
        "geëindigd op plaats",
        "gedeeld door de eigen totale inschrijfprijs, maal 25, afgerond op 2 decimalen",
        "Alle punten zijn afgerond",
    ] {
        assert!(text.contains(phrase), "{who}: `{phrase}` missing");
    }
}

#[test]
fn checklist_winner_tie_at_the_top() {
    let (_out, dir) = bundled_letters();
    let text = flat(&pdf_text(
        &dir.join(format!("gunningsbeslissing-{WINNER}.pdf")),
    ));
    assert_common_checklist(&text, WINNER);
    assert_valid_checklist(&text, WINNER);
    // The tie decided the winner: never "the highest number of points" alone.
    assert!(
        text.contains(
            "het hoogste totaal aantal punten behaald, samen met een andere inschrijving"
        )
    );
    assert!(text.contains("Op G2 Kwaliteit heeft uw inschrijving 67,00 punten behaald, tegen 64,00 punten voor de andere inschrijving; uw inschrijving is daarom vóór die inschrijving gerangschikt."));
    assert!(
        !text.contains("Arbo Noord"),
        "the other tied bidder is not named"
    );
    // The evidence request: its date, in working days, and the list.
    assert!(text.contains("uiterlijk op woensdag 23 september 2026"));
    assert!(text.contains("tien (10) werkdagen na verzending van deze brief"));
    assert!(text.contains("Gedragsverklaring aanbesteden"));
    assert!(
        !text.contains("na ons verzoek"),
        "the letter is the request"
    );
}

#[test]
fn checklist_rejection_tie_at_the_top_and_plain() {
    let (_out, dir) = bundled_letters();
    let runner_up = flat(&pdf_text(
        &dir.join(format!("gunningsbeslissing-{RUNNER_UP}.pdf")),
    ));
    assert_common_checklist(&runner_up, RUNNER_UP);
    assert_valid_checklist(&runner_up, RUNNER_UP);
    assert!(!runner_up.contains("het hoogste totaal aantal punten behaald"));
    assert!(
        runner_up
            .contains("geeft bij een gelijk aantal punten de score op G2 Kwaliteit de doorslag")
    );
    // Per criterion the winner's score, its characteristics and why it missed the maximum,
    // with a heading that fits the comparison.
    assert!(runner_up.contains("Kenmerken van de inschrijving van Vitaal & Werk B.V. – een lagere score dan uw inschrijving, 8 (goed), 16,00 punten"));
    assert!(runner_up.contains(
        "Kenmerken van de inschrijving van Vitaal & Werk B.V. – dezelfde score als uw inschrijving"
    ));
    assert!(runner_up.contains("Kenmerken en relatieve voordelen van de inschrijving van Vitaal & Werk B.V. – score 10 (uitstekend)"));
    assert!(runner_up.contains(
        "Waarom de inschrijving van Vitaal & Werk B.V. niet de maximale score heeft gekregen"
    ));
    // What happens next.
    assert!(
        runner_up
            .contains("de inschrijver die als volgende is gerangschikt voor gunning in aanmerking")
    );

    let plain = flat(&pdf_text(&dir.join("gunningsbeslissing-werkfit.pdf")));
    assert_common_checklist(&plain, "werkfit");
    assert_valid_checklist(&plain, "werkfit");
    assert!(plain.contains("Geachte mevrouw Jansen,"));
    assert!(plain.contains("evenveel punten (89,00) behaald als een andere inschrijving"));
    assert!(!plain.contains("Arbo Noord"));
}

#[test]
fn checklist_exclusion() {
    let (_out, dir) = bundled_letters();
    let text = flat(&pdf_text(
        &dir.join(format!("gunningsbeslissing-{EXCLUDED}.pdf")),
    ));
    assert_common_checklist(&text, EXCLUDED);
    assert_contains_all(
        &text,
        &[
            "stap 2 (beoordelen geschiktheidseisen)",
            "U voldoet niet aan de geschiktheidseis van paragraaf 3.2.2.1",
            "Grondslag. De uitsluiting berust op artikel 2.90 Aanbestedingswet 2012",
            "Vaststelling.",
            "woensdag 12 augustus 2026",
        ],
    );
}

/// A reason that names another losing bidder or gives a rate is refused, by `gen check` too,
/// naming the file, line and field.
#[test]
fn confidentiality_guard_names_file_line_and_field() {
    let t = Tender::new();
    let rate = {
        let text = t.read("bids/arbo-noord.yaml");
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with("A1:"))
            .unwrap()
            .to_string();
        line.split('"').nth(1).unwrap().replace('.', ",")
    };
    t.edit(
        "bids/werkfit.yaml",
        "    why_not_maximum:\n      - De ondersteuning van leidinggevenden",
        &format!("    why_not_maximum:\n      - Minder concreet dan ARBO  noord (tarief A1 € {rate}).\n      - De ondersteuning van leidinggevenden"),
    );
    let o = t.award_letters();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("werkfit.yaml:"), "{err}");
    assert!(err.contains("why_not_maximum[1]"), "{err}");
    assert!(err.contains("Arbo Noord B.V."), "{err}");
    assert!(err.contains("a rate of a bid"), "{err}");
    assert!(!t.gunning().exists());
    let check = gen_in(t.root())
        .arg("--data")
        .arg(t.data())
        .arg("--templates")
        .arg(t.templates())
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
}

/// A tie below first place on total points and on quality: without a lottery the two share
/// the place (the tie does not decide the award); with a recorded lottery each letter gives
/// the rule, the record's date and its outcome, without naming the other bidder. Both letters
/// keep the art. 2.130 Aw 2012 elements.
#[test]
fn checklist_tie_below_first_place_and_lottery() {
    let t = Tender::new();
    // Duurzaam Inzetbaar offers and scores exactly what Werkfit does.
    let werkfit = t.read("bids/werkfit.yaml");
    let copy = werkfit
        .replace("id: werkfit", "id: duurzaam-inzetbaar")
        .replace(
            "name: Werkfit Arbodienstverlening B.V.",
            "name: Duurzaam Inzetbaar Groep B.V.",
        );
    std::fs::write(t.path("bids/duurzaam-inzetbaar.yaml"), copy).unwrap();
    let letter = |id: &str| {
        flat(&pdf_body_text(
            &t.gunning().join(format!("gunningsbeslissing-{id}.pdf")),
        ))
    };

    assert_success(&t.award_letters());
    for id in ["werkfit", "duurzaam-inzetbaar"] {
        let text = letter(id);
        assert_common_checklist(&text, id);
        assert_valid_checklist(&text, id);
        assert!(
            text.contains("de inschrijvingen delen daarom plaats"),
            "{id}: {text}"
        );
        assert!(
            text.contains("daarom is er niet over geloot"),
            "{id}: {text}"
        );
        assert!(
            !text.contains("Werkfit") || id == "werkfit",
            "{id}: the other is not named"
        );
        assert!(
            !text.contains("Duurzaam Inzetbaar") || id != "werkfit",
            "{id}: the other is not named"
        );
    }

    std::fs::remove_dir_all(t.out()).unwrap();
    t.edit(
        "decision.yaml",
        "# lottery:\n",
        "lottery:\n  date: 2026-09-07\n  order: [duurzaam-inzetbaar, werkfit]\n# lottery:\n",
    );
    assert_success(&t.award_letters());
    for (id, outcome) in [("duurzaam-inzetbaar", "voordeel"), ("werkfit", "nadeel")] {
        let text = letter(id);
        assert_common_checklist(&text, id);
        assert_valid_checklist(&text, id);
        for phrase in [
            "hetzelfde totaal aantal punten",
            "behaald als een andere inschrijving",
            "is de volgorde daarom door loting bepaald",
            "van de loting is op 7 september 2026 een proces-verbaal opgemaakt",
            &format!("De loting is uitgevallen in uw {outcome}."),
        ] {
            assert!(text.contains(phrase), "{id}: `{phrase}` missing in {text}");
        }
        assert!(
            !text.contains("Werkfit") || id == "werkfit",
            "{id}: the other is not named"
        );
        assert!(
            !text.contains("Duurzaam Inzetbaar") || id != "werkfit",
            "{id}: the other is not named"
        );
    }
}
