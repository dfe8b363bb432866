//! The forms of a tender divided into lots (issue 15): the price form with a sheet per lot and
//! its import into `lots.<n>.rates`, and NvI questions naming a lot (the question form's
//! Perceel column, its import, the check, the nota van inlichtingen). Run on a copy of the
//! example `examples/meubilair-percelen` (three lots) without its decision (the letters per lot
//! are not built yet).

use std::path::PathBuf;
use std::process::Output;

use calamine::{Data, Reader, Xlsx, open_workbook};
use tendergen::docs::price_form::sheet::{self, Fill};
use tendergen::docs::procedure::question_form::{self, FilledRow};

use crate::common::*;

const EXAMPLE: &str = "examples/meubilair-percelen/data";
const REFERENCE: &str = "LDV-2027-031";

/// A copy of the example's data (without decision.yaml) and an output folder.
pub(crate) struct Copy {
    dir: tempfile::TempDir,
}

impl Copy {
    fn new() -> Copy {
        let copy = Copy::with_decision();
        std::fs::remove_file(copy.data().join("decision.yaml")).unwrap();
        copy
    }

    /// A copy of all the example's data.
    pub(crate) fn with_decision() -> Copy {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join(EXAMPLE), &dir.path().join("data"));
        Copy { dir }
    }

    pub(crate) fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub(crate) fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        gen_in(self.dir.path())
            .arg("--data")
            .arg(self.data())
            .arg("--templates")
            .arg(templates_dir())
            .arg("--out")
            .arg(self.out())
            .args(args)
            .output()
            .unwrap()
    }

    pub(crate) fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.data().join(file)).unwrap()
    }

    /// The price form with the rates `fill` gives per (lot, line), written to `name`.
    fn price_form(&self, name: &str, fill: &dyn Fn(u32, &str) -> Option<f64>) -> PathBuf {
        let p = tendergen::model::Project::load(&self.data()).unwrap();
        let forms = sheet::forms(&p.tender, &p.requirements, &p.award);
        let house = tendergen::render::house::house_style(&templates_dir()).unwrap();
        let bytes = sheet::book_xlsx(&forms, &house, &|lot, line| {
            fill(lot?, line).map(Fill::Number)
        })
        .unwrap();
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// Every phrase is in `text`, compared as [`squash`] does (line breaks, hyphenation, case).
pub(crate) fn assert_squashed(text: &str, phrases: &[&str]) {
    let text = squash(text);
    for p in phrases {
        assert!(text.contains(&squash(p)), "`{p}` missing");
    }
}

/// Lot 2 and 3 rates of a new bidder (lot 1 left empty).
fn lots_2_and_3(lot: u32, line: &str) -> Option<f64> {
    let rate = match (lot, line) {
        (2, "A3") => 1010.0,
        (2, "A4") => 161.5,
        (3, "A5") => 799.95,
        (2 | 3, "A6") => 4100.0,
        (2 | 3, "B1") => 1900.0,
        _ => return None,
    };
    Some(rate)
}

#[test]
fn the_price_form_has_a_sheet_and_a_section_per_lot() {
    let c = Copy::new();
    assert_success(&c.run(&["price-form"]));
    let xlsx = c
        .out()
        .join(REFERENCE)
        .join("bijlage-d-prijsinvulformulier.xlsx");
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["Perceel 1", "Perceel 2", "Perceel 3"]
    );
    // Each sheet: the lot in row 7, the lot's lines only, its own total.
    for (sheet, lot, lines) in [
        (
            "Perceel 1",
            "1 – Werkplekmeubilair",
            vec!["A1", "A2", "A6", "B1"],
        ),
        (
            "Perceel 2",
            "2 – Vergadermeubilair",
            vec!["A3", "A4", "A6", "B1"],
        ),
        (
            "Perceel 3",
            "3 – Lockers en opbergmeubilair",
            vec!["A5", "A6", "B1"],
        ),
    ] {
        let range = book.worksheet_range(sheet).unwrap();
        assert_eq!(
            range.get_value((6, 1)),
            Some(&Data::String(lot.into())),
            "{sheet}"
        );
        assert_eq!(
            range.get_value((3, 1)),
            Some(&Data::String(REFERENCE.into()))
        );
        let ids: Vec<String> = range
            .rows()
            .filter_map(|r| match r.first() {
                Some(Data::String(s)) if s.len() == 2 && s.as_bytes()[1].is_ascii_digit() => {
                    Some(s.clone())
                }
                _ => None,
            })
            .collect();
        assert_eq!(ids, lines, "{sheet}");
        let number = &sheet[8..];
        assert!(
            range.rows().flatten().any(|d| matches!(d, Data::String(s)
                if s.starts_with(&format!("Totale inschrijfprijs perceel {number} (som van")))),
            "{sheet}: no total of the lot"
        );
    }
    let text = pdf_text(
        &c.out()
            .join(REFERENCE)
            .join("bijlage-d-prijsinvulformulier.pdf"),
    );
    assert_squashed(
        &text,
        &[
            "één tabblad per perceel (Perceel 1, Perceel 2, Perceel 3)",
            "Vul alleen de tabbladen in van de percelen waarvoor u inschrijft, en die volledig.",
            "Perceel 1: Werkplekmeubilair",
            "Perceel 3: Lockers en opbergmeubilair",
            "Tabblad Perceel 3.",
            "Totale inschrijfprijs perceel 2",
        ],
    );
}

#[test]
fn the_import_writes_the_rates_of_the_filled_sheets_per_lot() {
    let c = Copy::new();
    let form = c.price_form("nieuw.xlsx", &lots_2_and_3);
    let out = c.run(&[
        "prices",
        "import",
        form.to_str().unwrap(),
        "--bidder",
        "nieuw",
    ]);
    assert_success(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Lot 2: 8 × 1010 + 64 × 161,50 + 4100 + 4 × 1900 = 8080 + 10336 + 4100 + 7600.
    // Lot 3: 10 × 799,95 + 4100 + 4 × 1900 = 7999,50 + 4100 + 7600.
    assert_contains_all(
        &stdout,
        &[
            "lot 2: 4 rate(s), total tender price € 30.116,-",
            "lot 3: 3 rate(s), total tender price € 19.699,50",
        ],
    );
    let bid = c.read("bids/nieuw.yaml");
    let value: serde_yaml::Value = serde_yaml::from_str(&bid).unwrap();
    let lots = value["lots"].as_mapping().unwrap();
    assert_eq!(lots.len(), 2, "{bid}");
    assert_eq!(value["lots"][2]["rates"]["A4"].as_str(), Some("161.50"));
    assert_eq!(value["lots"][3]["rates"]["A5"].as_str(), Some("799.95"));
    assert!(value.get("rates").is_none(), "{bid}");
}

#[test]
fn one_lot_is_imported_into_an_existing_bid_leaving_the_rest() {
    let c = Copy::new();
    let before = c.read("bids/kantoorinrichting-noord.yaml");
    let form = c.price_form("noord.xlsx", &lots_2_and_3);
    let args = |extra: &[&str]| {
        let mut a = vec![
            "prices",
            "import",
            form.to_str().unwrap(),
            "--bidder",
            "kantoorinrichting-noord",
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| c.run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    // Other rates under lots.3.rates: only with --replace.
    let refused = run(args(&["--lot", "3"]));
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("under `lots.3.rates`"),
        "{}",
        stderr(&refused)
    );
    assert_success(&run(args(&["--lot", "3", "--replace"])));
    let after = c.read("bids/kantoorinrichting-noord.yaml");
    let old3 = "      A5: \"790.00\"\n      A6: \"4850.00\"\n      B1: \"2400.00\"\n";
    let new3 = "      # From the price form \"noord.xlsx\" (gen prices import).\n      A5: \"799.95\"\n      A6: \"4100.00\"\n      B1: \"1900.00\"\n";
    assert_eq!(after, before.replacen(old3, new3, 1));
    // A lot whose sheet is empty, and a lot the tender does not have.
    let empty = run(args(&["--lot", "1"]));
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        stderr(&empty).contains("the sheet of lot 1 is empty"),
        "{}",
        stderr(&empty)
    );
    let none = run(args(&["--lot", "4"]));
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("the tender has no lot 4 (its lots: 1, 2, 3)"));
    assert_eq!(c.read("bids/kantoorinrichting-noord.yaml"), after);
}

#[test]
fn a_half_filled_sheet_is_refused_naming_sheet_and_cell() {
    let c = Copy::new();
    let form = c.price_form("half.xlsx", &|lot, line| match (lot, line) {
        (1, "A1") => Some(540.0),
        (1, "A2") => Some(380.0),
        _ => lots_2_and_3(lot, line),
    });
    let out = c.run(&[
        "prices",
        "import",
        form.to_str().unwrap(),
        "--bidder",
        "half",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_contains_all(
        &err,
        &[
            "'Perceel 1'!F",
            "line A6 (Montage, proefopstelling en ophalen huidig meubilair): no rate given; the sheet of a lot you tender for must be filled in completely",
            "line B1",
        ],
    );
    assert!(!c.data().join("bids/half.yaml").exists());
    // More lots than a bid may be for (lots.bid_limit; the form does not depend on it).
    let two = c.price_form("twee.xlsx", &lots_2_and_3);
    let tender = c.read("tender.yaml");
    std::fs::write(
        c.data().join("tender.yaml"),
        tender.replace("  award_limit:\n", "  bid_limit: 1\n  award_limit:\n"),
    )
    .unwrap();
    let out = c.run(&[
        "prices",
        "import",
        two.to_str().unwrap(),
        "--bidder",
        "twee",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "2 sheets are filled in (Perceel 2, Perceel 3), but a bid may be for at most 1 lot(s)"
        ),
        "{}",
        stderr(&out)
    );
    std::fs::write(c.data().join("tender.yaml"), tender).unwrap();
    // Nothing filled in at all.
    let empty = c.price_form("empty.xlsx", &|_, _| None);
    let out = c.run(&["prices", "import", empty.to_str().unwrap(), "--bidder", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no sheet is filled in"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_lot_option_on_a_tender_without_lots_is_a_usage_error() {
    let t = TenderCopy::new();
    // The file is looked for first: any existing file will do.
    let file = t.root().join("x.xlsx");
    std::fs::write(&file, b"not a workbook").unwrap();
    let out = gen_in(t.root())
        .arg("--data")
        .arg(t.data())
        .args(["prices", "import", file.to_str().unwrap()])
        .args(["--bidder", "x", "--lot", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("this tender is not divided into lots"),
        "{}",
        stderr(&out)
    );
}

/// The question form of a divided tender: a Perceel column with the lots; the import reads it.
#[test]
fn questions_name_a_lot_in_the_form_the_import_and_the_nvi() {
    let c = Copy::new();
    let build = build_of(&c.data(), &templates_dir());
    let rows = [
        FilledRow {
            document: "Offerteaanvraag".into(),
            section: "1.4".into(),
            question: "Mogen de vergadertafels ook rond zijn?".into(),
            lot: "Perceel 2 - Vergadermeubilair".into(),
            ..FilledRow::default()
        },
        FilledRow {
            document: "Algemeen".into(),
            question: "Wanneer wordt de gunningsbeslissing verzonden?".into(),
            ..FilledRow::default()
        },
    ];
    let bytes = question_form::filled(&build.project, &build.outline, &build.house, &rows).unwrap();
    let path = c.dir.path().join("vragen.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range(question_form::SHEET).unwrap();
    assert_eq!(
        range.get_value((question_form::HEADER_ROW, 6)),
        Some(&Data::String("Perceel".into()))
    );
    assert_success(&c.run(&[
        "nvi",
        "import",
        path.to_str().unwrap(),
        "--round",
        "round-2",
    ]));
    let round = c.read("nvi/round-2.yaml");
    let value: serde_yaml::Value = serde_yaml::from_str(&round).unwrap();
    assert_eq!(value["questions"][0]["lot"].as_u64(), Some(2), "{round}");
    assert!(value["questions"][1].get("lot").is_none(), "{round}");

    // A lot the tender does not have: refused, naming the row and the column.
    let rows = [FilledRow {
        document: "Algemeen".into(),
        question: "Hoe wordt perceel 9 gegund?".into(),
        lot: "9".into(),
        ..FilledRow::default()
    }];
    let bytes = question_form::filled(&build.project, &build.outline, &build.house, &rows).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let out = c.run(&[
        "nvi",
        "import",
        path.to_str().unwrap(),
        "--round",
        "round-2",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Perceel: the tender has no lot 9 (its lots: 1, 2, 3)"),
        "{}",
        stderr(&out)
    );

    // The nota van inlichtingen prints the lot with the question (the example's question 6).
    assert_success(&c.run(&["nvi", "round-1"]));
    let text = pdf_text(&c.out().join(REFERENCE).join("nota-van-inlichtingen-1.pdf"));
    assert_squashed(
        &text,
        &[
            "Perceel 3 (Lockers en opbergmeubilair)",
            "Moeten de lockerkasten",
        ],
    );
}

/// `lot:` only in a divided tender, and only a lot it has; the bundled question form has no
/// Perceel column.
#[test]
fn a_question_naming_a_lot_is_checked() {
    let t = TenderCopy::new();
    let round = t.read("nvi/round-1.yaml");
    let at = round.find("    question: |").unwrap();
    t.write(
        "nvi/round-1.yaml",
        &format!("{}    lot: 2\n{}", &round[..at], &round[at..]),
    );
    let out = t.run_gen(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("lot 2: this tender is not divided into lots"),
        "{}",
        stderr(&out)
    );
    let c = Copy::new();
    let round = c.read("nvi/round-1.yaml").replace("lot: 3", "lot: 4");
    std::fs::write(c.data().join("nvi/round-1.yaml"), round).unwrap();
    let out = c.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("lot: the tender has no lot 4 (its lots: 1, 2, 3)"),
        "{}",
        stderr(&out)
    );
    let build = build();
    let bytes = question_form::filled(&build.project, &build.outline, &build.house, &[]).unwrap();
    let path = t.root().join("vragen.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range(question_form::SHEET).unwrap();
    assert_eq!(range.get_value((question_form::HEADER_ROW, 6)), None);
}

/// Each lot's sheet computes its own total: LibreOffice, recalculating the filled form, shows
/// in every sheet's total cell the total the import computes for that lot.
#[test]
fn libreoffice_computes_each_lots_total_as_the_import() {
    let c = Copy::new();
    let all = |lot: u32, line: &str| match (lot, line) {
        (1, "A1") => Some(559.99),
        (1, "A2") => Some(384.5),
        (1, "A6") => Some(5150.0),
        (1, "B1") => Some(2275.25),
        _ => lots_2_and_3(lot, line),
    };
    let file = c.price_form("alle.xlsx", &all);
    let p = tendergen::model::Project::load(&c.data()).unwrap();
    let forms = sheet::forms(&p.tender, &p.requirements, &p.award);
    let out = c.run(&[
        "prices",
        "import",
        file.to_str().unwrap(),
        "--bidder",
        "alle",
    ]);
    assert_success(&out);
    // Lot 1: 120 × 559,99 + 120 × 384,50 + 5150 + 4 × 2275,25 = 67198,80 + 46140 + 5150 + 9101.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_contains_all(
        &stdout,
        &[
            "lot 1: 4 rate(s), total tender price € 127.589,80",
            "lot 2: 4 rate(s), total tender price € 30.116,-",
            "lot 3: 3 rate(s), total tender price € 19.699,50",
        ],
    );
    for (i, (form, expected)) in forms
        .iter()
        .zip(["127589.8", "30116", "19699.5"])
        .enumerate()
    {
        let dir = tempfile::tempdir().unwrap();
        let csv = crate::price_form::convert(
            &dir.path().join("profile"),
            &file,
            &format!(
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,{}",
                i + 1
            ),
            dir.path(),
        );
        let grid = crate::price_form::csv_grid(&std::fs::read_to_string(csv).unwrap());
        let (row, col) = form.total_cell;
        let shown = &grid[row as usize][col as usize];
        assert_eq!(
            shown
                .parse::<rust_decimal::Decimal>()
                .unwrap()
                .normalize()
                .to_string(),
            expected,
            "{}",
            form.sheet
        );
    }
}
