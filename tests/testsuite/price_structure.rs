//! The price side of any tender (issue 14): one price component or none, volumes per month,
//! in total and once over a stated evaluation term, and the award bases lowest price and
//! gunnen op waarde. Each test changes a copy of the bundled tender and renders the documents
//! with `gen`: the invitation's price section, the price form (PDF and .xlsx, read back with
//! calamine, recomputed by LibreOffice, imported with `gen prices import`) and the letters.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;
use tendergen::docs::price_form::sheet::{self, Fill, Form, SHEET};
use tendergen::model::award::AwardRules;
use tendergen::model::load::read_yaml;
use tendergen::model::requirements::Requirements;
use tendergen::model::tender::Tender;

use crate::common::*;

const FORM_PDF: &str = "WIJ-2026-001/bijlage-d-prijsinvulformulier.pdf";
const FORM_XLSX: &str = "WIJ-2026-001/bijlage-d-prijsinvulformulier.xlsx";
const ITT_PDF: &str = "WIJ-2026-001/offerteaanvraag.pdf";
const LETTERS: &str = "WIJ-2026-001/gunning";

// ---------------------------------------------------------------------------------------------
// Tender variants

/// `gen --no-stamp <args>` on the copy, writing into its `out/`.
fn run(t: &TenderCopy, args: &[&str]) -> Output {
    gen_on_copy(t, args)
}

/// The award.yaml of the copy with its price components and lines replaced by `price` (YAML
/// under `price:`, indented by two spaces).
fn set_price(t: &TenderCopy, price: &str) {
    let award = t.read("award.yaml");
    let from = award
        .find("  components:\n")
        .expect("components in award.yaml");
    let to = award
        .find("\n# 5.3.1 Quality")
        .expect("quality after the price");
    t.write(
        "award.yaml",
        &format!("{}{price}{}", &award[..from], &award[to..]),
    );
}

/// A copy without bids and without the award documents' data: for the invitation and the
/// price form of a tender whose price lines differ from the bundled bids.
fn undecided(price: &str) -> TenderCopy {
    let t = TenderCopy::new();
    set_price(&t, price);
    // No optional services: chapter 1 has nothing to list.
    t.edit("tender.yaml", "        - insert: optional-services\n", "");
    for f in [
        "decision.yaml",
        "definitive-award.yaml",
        "presentations.yaml",
        "opening.yaml",
    ] {
        std::fs::remove_file(t.path(f)).unwrap();
    }
    std::fs::remove_dir_all(t.path("bids")).unwrap();
    std::fs::create_dir(t.path("bids")).unwrap();
    t
}

/// One component; a line per month, one in total over the term and one once; three years.
const ONE_COMPONENT: &str = r#"  evaluation_years: 3
  components:
    - id: A
      title: Kosten voor de dienstverlening
      offer: de dienstverlening
      in_total: true
  lines:
    - { id: A1, component: A, description: Coördinatie, unit: maand, volume: { per_month: "1" } }
    - { id: A2, component: A, description: Uitvoering, unit: uur, volume: { total: "9360" } }
    - { id: A3, component: A, description: Implementatie, unit: eenmalig, volume: { once: "1" } }
"#;

/// No components: the lines carry no `component`; zero is allowed, stated once on `price`.
const NO_COMPONENTS: &str = r#"  evaluation_years: 3
  zero_allowed: true
  lines:
    - { id: R1, description: Schoonmaak kantoren, unit: uur, volume: { per_month: "780" } }
    - { id: R2, description: Glasbewassing, unit: beurt, volume: { total: "12" } }
    - { id: R3, description: Opstartkosten, unit: eenmalig, volume: { once: "1" } }
"#;

/// The bundled tender awarded on another basis, with the bundled bids: `kind` is the YAML of
/// `basis.kind`; `winner` the bid it ranks first.
fn on_basis(kind: &str, name: &str, winner: &str) -> TenderCopy {
    let t = TenderCopy::new();
    t.edit(
        "award.yaml",
        "  kind: points\n",
        &format!("  kind: {kind}\n"),
    );
    t.edit(
        "award.yaml",
        "  name: beste prijs-kwaliteitverhouding\n",
        &format!("  name: {name}\n"),
    );
    // Neither basis gives price points.
    t.edit(
        "award.yaml",
        "    kind: price\n    points: \"25\"\n",
        "    kind: price\n",
    );
    t.edit(
        "decision.yaml",
        "winner: vitaal-en-werk",
        &format!("winner: {winner}"),
    );
    t
}

/// Gunnen op waarde at € 1.000 per quality point: Arbo Noord (€ 407.876 − 64 × € 1.000 =
/// € 343.876) beats Vitaal & Werk (€ 463.508 − 67 × € 1.000 = € 396.508).
fn on_value() -> TenderCopy {
    on_basis(
        "{ value: { euros_per_point: \"1000\" } }",
        "beste prijs-kwaliteitverhouding (gunnen op waarde)",
        "arbo-noord",
    )
}

/// The lowest price: no quality criteria, no presentation, bids without quality scores; Arbo
/// Noord has the lowest total price (€ 407.876).
fn on_lowest_price() -> TenderCopy {
    let t = on_basis("lowest_price", "laagste prijs", "arbo-noord");
    let award = t.read("award.yaml");
    let (from, to) = (
        award.find("  - id: G2\n").unwrap(),
        award.find("\n# 5.2 Price.").unwrap(),
    );
    let award = format!("{}{}", &award[..from], &award[to..]);
    let award = award.replace("  criteria: [G2]\n", "  criteria: []\n");
    let cut = award
        .find("# G2.3: the presentation and its case.")
        .unwrap();
    t.write("award.yaml", &award[..cut]);
    let tender = t.read("tender.yaml");
    let (from, to) = (
        tender.find("  - name: Presentatie\n").unwrap(),
        tender.find("  - name: Bekendmaken").unwrap(),
    );
    t.write(
        "tender.yaml",
        &format!("{}{}", &tender[..from], &tender[to..]),
    );
    std::fs::remove_file(t.path("presentations.yaml")).unwrap();
    for e in std::fs::read_dir(t.path("bids")).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        let kept = text.find("\nquality:").map_or(&text[..], |i| &text[..=i]);
        std::fs::write(e.path(), kept).unwrap();
    }
    // The nota's refer to §5.3 (quality), which this invitation no longer has.
    for round in ["nvi/round-1.yaml", "nvi/round-2.yaml"] {
        let text = t.read(round).replace("section: \"5.3\"", "section: \"5\"");
        t.write(round, &text);
    }
    t
}

/// The PDF's text, one space between words.
fn text_of(t: &TenderCopy, pdf: &str) -> String {
    pdf_text(&t.out().join(pdf))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A letter's text: its running text with single spaces, then its lines as laid out (one
/// space between words), so a table row reads as one line.
fn letter(t: &TenderCopy, bidder: &str) -> String {
    let pdf = t
        .out()
        .join(format!("{LETTERS}/gunningsbeslissing-{bidder}.pdf"));
    let rows: Vec<String> = pdftotext(&pdf, &["-layout"])
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    format!(
        "{}\n{}",
        pdf_text(&pdf)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        rows.join("\n")
    )
}

fn assert_absent(text: &str, phrases: &[&str]) {
    for phrase in phrases {
        assert!(
            !text.contains(phrase),
            "`{phrase}` must not be printed:\n{text}"
        );
    }
}

/// The copy's data files the price form is built from.
fn rules_of(t: &TenderCopy) -> (Tender, Requirements, AwardRules) {
    let tender: Tender = read_yaml(&t.path("tender.yaml")).unwrap();
    let award = tendergen::model::load_award(&t.data(), &tender).unwrap();
    (
        tender,
        read_yaml(&t.path("requirements.yaml")).unwrap(),
        award,
    )
}

/// The copy's form filled with `rates` (line id → rate), written to `dir/name`.
fn filled(t: &TenderCopy, rates: &[(&str, &str)], name: &str) -> PathBuf {
    let (tender, requirements, award) = rules_of(t);
    let form = sheet::form(&tender, &requirements, &award);
    let fill: BTreeMap<&str, Fill> = rates
        .iter()
        .map(|(id, r)| (*id, Fill::Number(r.parse::<f64>().unwrap())))
        .collect();
    let house = tendergen::render::house::house_style(&t.templates()).unwrap();
    let bytes = form
        .to_xlsx_filled(&house, &|id| fill.get(id).cloned())
        .unwrap();
    let path = t.root().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `gen prices import <file> --bidder <id>` on the copy.
fn import(t: &TenderCopy, file: &Path, bidder: &str) -> Output {
    gen_in(t.root())
        .args(["--data", "data", "prices", "import"])
        .arg(file)
        .args(["--bidder", bidder])
        .output()
        .unwrap()
}

/// The formulas and values of the form's sheet, by cell name.
fn cells(path: &Path) -> (BTreeMap<String, String>, BTreeMap<String, Data>) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let formulas = book.worksheet_formula(SHEET).unwrap();
    let values = book.worksheet_range(SHEET).unwrap();
    let mut f = BTreeMap::new();
    for (r, c, v) in formulas.used_cells() {
        let (r0, c0) = formulas.start().unwrap();
        f.insert(
            sheet::cell_name(r0 + r as u32, (c0 + c as u32) as u16),
            v.clone(),
        );
    }
    let mut v = BTreeMap::new();
    for (r, c, d) in values.used_cells() {
        let (r0, c0) = values.start().unwrap();
        v.insert(
            sheet::cell_name(r0 + r as u32, (c0 + c as u32) as u16),
            d.clone(),
        );
    }
    (f, v)
}

fn total_cell(t: &TenderCopy) -> (String, Form) {
    let (tender, requirements, award) = rules_of(t);
    let form = sheet::form(&tender, &requirements, &award);
    let (r, c) = form.total_cell;
    (sheet::cell_name(r, c), form)
}

/// The copy's `evaluation.json` (after `award-letters`).
fn evaluation_json(t: &TenderCopy) -> serde_json::Value {
    let path = t.out().join("WIJ-2026-001/intern/evaluation.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The text of the invitation's price section (from the components to the abnormally low
/// prices).
fn price_section(t: &TenderCopy) -> String {
    let text = text_of(t, ITT_PDF);
    let from = text
        .find("U moet uw prijs aanbieden in het prijsinvulformulier")
        .unwrap();
    let to = from + text[from..].find("Abnormaal lage prijzen").unwrap();
    text[from..to].to_string()
}

/// The filled form recomputed by LibreOffice: the total tender price it shows.
fn libreoffice_total(file: &Path, cell: &str) -> Decimal {
    let dir = tempfile::tempdir().unwrap();
    let csv = crate::price_form::convert(
        &dir.path().join("profile"),
        file,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,1",
        dir.path(),
    );
    let text = std::fs::read_to_string(csv).unwrap();
    let (col, row) = cell.split_at(1);
    let row: usize = row.parse().unwrap();
    let col = (col.as_bytes()[0] - b'A') as usize;
    let grid = crate::price_form::csv_grid(&text);
    let fields = &grid[row - 1];
    Decimal::from_str(&fields[col])
        .or_else(|_| Decimal::from_scientific(&fields[col]))
        .unwrap_or_else(|_| panic!("{cell} is {:?}", fields[col]))
}

// ---------------------------------------------------------------------------------------------
// One component, volumes per month, in total and once, three evaluation years

#[test]
fn one_component_is_singular_and_sums_nothing() {
    let t = undecided(ONE_COMPONENT);
    assert_success(&run(&t, &["itt"]));
    assert_success(&run(&t, &["price-form"]));
    let section = price_section(&t);
    assert_contains_all(
        &section,
        &[
            "Het onderdeel prijs bestaat uit één component:",
            "A. Kosten voor de dienstverlening",
            "Het is niet toegestaan een nulprijs in te dienen. Het is absoluut niet toegestaan",
        ],
    );
    assert_absent(&section, &["componenten", "som van", "nulbedrag"]);

    let form = text_of(&t, FORM_PDF);
    assert_contains_all(
        &form,
        &[
            "Het onderdeel prijs bestaat uit één component.",
            "Een nulprijs is niet toegestaan.",
            "Coördinatie 1 per maand 12 36",
            "Uitvoering 9.360 uur over de looptijd – 9.360",
            "Implementatie eenmalig – 1",
            "Een volume per maand wordt omgerekend naar een jaar door het te vermenigvuldigen met 12.",
            "Jaarlijkse volumes tellen drie (3) jaar mee; eenmalige posten tellen één keer mee; \
             volumes voor de hele looptijd tellen één keer mee.",
            "volume per jaar = volume per maand × 12",
            "som van de regeltotalen van component A:",
            "Totale inschrijfprijs (som van component A)",
        ],
    );
    assert_absent(
        &form,
        &[
            "componenten",
            "per 4 weken",
            "ook voor de regels die niet meetellen",
        ],
    );
}

#[test]
fn one_component_form_computes_and_imports_the_total() {
    let t = undecided(ONE_COMPONENT);
    assert_success(&run(&t, &["price-form"]));
    let (total, form) = total_cell(&t);
    // The form gen wrote: evaluated volumes 36 (1 a month × 12 × 3), 9.360 and 1, a line
    // total per line, the subtotal and the total pointing at it.
    let (formulas, values) = cells(&t.out().join(FORM_XLSX));
    let rate_row = |id: &str| form.rate_cell(id).unwrap().0;
    for (id, volume) in [("A1", 36.0), ("A2", 9360.0), ("A3", 1.0)] {
        let r = rate_row(id);
        let e = sheet::cell_name(r, sheet::COL_VOLUME_EVALUATED);
        assert_eq!(values.get(&e), Some(&Data::Float(volume)), "{id} at {e}");
        let g = sheet::cell_name(r, sheet::COL_TOTAL);
        assert_eq!(
            formulas.get(&g).map(String::as_str),
            Some(format!("{e}*{}", sheet::cell_name(r, 5)).as_str())
        );
    }
    let (sub_r, sub_c) = form.subtotal_cells[0].1;
    let subtotal = sheet::cell_name(sub_r, sub_c);
    assert_eq!(formulas.get(&total), Some(&subtotal));

    // Filled in and read back: 36 × 2.500 + 9.360 × 42,50 + 10.000 = 497.800.
    let file = filled(
        &t,
        &[("A1", "2500"), ("A2", "42.5"), ("A3", "10000")],
        "a.xlsx",
    );
    let o = import(&t, &file, "nieuw");
    assert_success(&o);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("€ 497.800,-"), "{stdout}");
    let bid = t.read("bids/nieuw.yaml");
    assert_contains_all(
        &bid,
        &["A1: \"2500.00\"", "A2: \"42.50\"", "A3: \"10000.00\""],
    );
    assert_eq!(libreoffice_total(&file, &total), dec("497800"));
}

// ---------------------------------------------------------------------------------------------
// No components

#[test]
fn a_price_without_components_names_none() {
    let t = undecided(NO_COMPONENTS);
    assert_success(&run(&t, &["itt"]));
    assert_success(&run(&t, &["price-form"]));
    let section = price_section(&t);
    assert_contains_all(
        &section,
        &[
            "verwerkt zijn. Een nulprijs is toegestaan. Het is absoluut niet toegestaan negatieve prijzen",
        ],
    );
    assert_absent(
        &section,
        &[
            "component",
            "bestaat uit",
            "Het is niet toegestaan een nulprijs",
        ],
    );

    let form = text_of(&t, FORM_PDF);
    assert_contains_all(
        &form,
        &[
            "Een nulprijs is toegestaan.",
            "De regeltotalen en de totale inschrijfprijs (cel",
            "Schoonmaak kantoren 780 uur per maand 9.360 28.080",
            "Glasbewassing 12 over de looptijd – 12",
            "som van de regeltotalen van alle regels:",
        ],
    );
    assert_absent(&form, &["omponent", "subtota", "Prijscomponenten"]);
}

#[test]
fn a_form_without_components_totals_its_lines_and_allows_zero() {
    let t = undecided(NO_COMPONENTS);
    assert_success(&run(&t, &["price-form"]));
    let (total, form) = total_cell(&t);
    assert!(form.subtotal_cells.is_empty());
    let (formulas, values) = cells(&t.out().join(FORM_XLSX));
    let first = sheet::cell_name(form.rate_cell("R1").unwrap().0, sheet::COL_TOTAL);
    let last = sheet::cell_name(form.rate_cell("R3").unwrap().0, sheet::COL_TOTAL);
    assert_eq!(formulas.get(&total), Some(&format!("SUM({first}:{last})")));
    // No component heading rows: the lines follow the header directly.
    assert_eq!(form.rate_cell("R1").unwrap().0, form.header_row + 1);
    assert!(
        values
            .values()
            .all(|v| !matches!(v, Data::String(s) if s.contains("omponent"))),
        "{values:?}"
    );

    // Zero is allowed on every line (`price.zero_allowed: true`): 28.080 × 24,95 + 12 × 350.
    let file = filled(&t, &[("R1", "24.95"), ("R2", "350"), ("R3", "0")], "z.xlsx");
    let o = import(&t, &file, "nieuw");
    assert_success(&o);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("€ 704.796,-"), "{stdout}");
    assert_eq!(libreoffice_total(&file, &total), dec("704796"));
}

#[test]
fn without_components_zero_is_refused_unless_stated() {
    let t = undecided(&NO_COMPONENTS.replace("  zero_allowed: true\n", ""));
    assert_success(&run(&t, &["itt"]));
    assert_contains_all(
        &price_section(&t),
        &["Het is niet toegestaan een nulprijs in te dienen. Het is absoluut"],
    );
    let file = filled(&t, &[("R1", "24.95"), ("R2", "350"), ("R3", "0")], "z.xlsx");
    let o = import(&t, &file, "nieuw");
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("zero"), "{stderr}");
    assert!(!t.path("bids/nieuw.yaml").exists());
}

#[test]
fn components_and_lines_must_agree() {
    // A line without a component while the price has components.
    let t = undecided(&ONE_COMPONENT.replace("{ id: A3, component: A,", "{ id: A3,"));
    let o = run(&t, &["check"]);
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("award.yaml:") && stderr.contains("(A3).component"),
        "{stderr}"
    );
    // `price.zero_allowed` is for a price without components only.
    let t = undecided(&format!("  zero_allowed: false\n{ONE_COMPONENT}"));
    let o = run(&t, &["check"]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("price.zero_allowed"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// Lowest price

#[test]
fn lowest_price_letters_compare_prices_without_points() {
    let t = on_lowest_price();
    let o = run(&t, &["award-letters"]);
    assert_success(&o);
    let winner = letter(&t, "arbo-noord");
    assert_contains_all(
        &winner,
        &[
            "Uw inschrijving heeft op basis van het gunningscriterium ‘laagste prijs’ de laagste totale inschrijfprijs.",
            "Totale inschrijfprijs (exclusief btw) € 407.876,-",
            "Uw totale inschrijfprijs is de laagste.",
        ],
    );
    let loser = letter(&t, "werkfit");
    assert_contains_all(
        &loser,
        &[
            "De inschrijving van Arbo Noord B.V. heeft op basis van het gunningscriterium ‘laagste prijs’ de laagste totale inschrijfprijs.",
            "Uw inschrijving is met een totale inschrijfprijs van € 410.756,- geëindigd op plaats 2 van de 5",
            "De totale inschrijfprijs van Arbo Noord B.V. is lager dan die van uw inschrijving.",
        ],
    );
    for text in [&winner, &loser] {
        assert_absent(text, &["punt", "Motivering per subgunningscriterium"]);
    }
    // The decision does not show the winner's price.
    assert_absent(&loser, &["407.876"]);

    let record = text_of(&t, "WIJ-2026-001/intern/proces-verbaal-van-beoordeling.pdf");
    assert_contains_all(
        &record,
        &[
            "Er worden geen punten toegekend.",
            "1 Arbo Noord B.V. € 407.876,-",
        ],
    );
    // No quality: no scores agreed in consensus, no empty reasons per bidder.
    assert_absent(
        &record,
        &["Motivering van de scores", "in consensus vastgesteld"],
    );
    let json = evaluation_json(&t);
    assert_eq!(json["basis"], "lowest_price");
    let first = &json["bidders"][0];
    assert_eq!(first["total_price"], "407876.00");
    assert!(first.get("price_points").is_none() && first.get("total_points").is_none());
    // The terminal ranking: the total price only.
    let stdout = String::from_utf8_lossy(&o.stdout);
    let header = stdout.lines().find(|l| l.contains("rank")).unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["rank", "bidder", "total", "price"]
    );
}

#[test]
fn lowest_price_letter_shows_the_winners_price_when_allowed() {
    let t = on_lowest_price();
    t.edit(
        "decision.yaml",
        "show_winner_total_price: false",
        "show_winner_total_price: true",
    );
    assert_success(&run(&t, &["award-letters"]));
    assert_contains_all(
        &letter(&t, "werkfit"),
        &[
            "De totale inschrijfprijs van Arbo Noord B.V. bedraagt € 407.876,- (exclusief btw) en is lager dan die van uw inschrijving.",
        ],
    );
}

#[test]
fn price_form_under_lowest_price_and_value_explains_no_points() {
    let t = on_lowest_price();
    assert_success(&run(&t, &["price-form"]));
    let form = text_of(&t, FORM_PDF);
    assert_contains_all(
        &form,
        &["De opdracht wordt gegund aan de inschrijver met de laagste “totale inschrijfprijs”."],
    );
    assert_absent(&form, &["punten"]);

    let t = on_value();
    assert_success(&run(&t, &["price-form"]));
    let form = text_of(&t, FORM_PDF);
    assert_contains_all(
        &form,
        &[
            "Elk behaald kwaliteitspunt is € 1.000,- waard",
            "fictieve inschrijfprijs = totale inschrijfprijs − behaalde kwaliteitspunten × € 1.000,-",
        ],
    );
    assert_absent(&form, &["maximum aantal punten"]);
}

// ---------------------------------------------------------------------------------------------
// Gunnen op waarde

#[test]
fn value_letters_show_the_quality_value_and_the_fictitious_price() {
    let t = on_value();
    let o = run(&t, &["award-letters"]);
    assert_success(&o);
    let loser = letter(&t, "werkfit");
    assert_contains_all(
        &loser,
        &[
            "de laagste fictieve inschrijfprijs.",
            "G1 Totale inschrijfprijs € 410.756,- niet openbaar",
            "Waarde kwaliteit (× € 1.000,-) € 49.000,- € 64.000,-",
            "Fictieve inschrijfprijs € 361.756,- niet openbaar",
            "Uw inschrijving is met een fictieve inschrijfprijs van € 361.756,- geëindigd op plaats 2",
            "Uw fictieve inschrijfprijs is daarmee € 410.756,- − € 49.000,- = € 361.756,-.",
            "De inschrijving van Arbo Noord B.V. heeft 64,00 kwaliteitspunten behaald, met een waarde van € 64.000,-.",
            "Haar fictieve inschrijfprijs is lager dan die van uw inschrijving.",
            // Art. 2.130 Aw 2012: the winner's characteristics per criterion remain.
            "Kenmerken en relatieve voordelen van de inschrijving van Arbo Noord B.V.",
        ],
    );
    assert_absent(&loser, &["prijspunten", "343.876", "407.876"]);
    let winner = letter(&t, "arbo-noord");
    assert_contains_all(
        &winner,
        &[
            "Uw inschrijving heeft op basis van het gunningscriterium ‘beste prijs-kwaliteitverhouding (gunnen op waarde)’ de laagste fictieve inschrijfprijs.",
            "Fictieve inschrijfprijs € 343.876,-",
        ],
    );
    let json = evaluation_json(&t);
    assert_eq!(json["basis"], "value");
    assert_eq!(json["euros_per_point"], "1000.00");
    assert_eq!(json["bidders"][0]["fictitious_price"], "343876.00");
    assert_eq!(json["bidders"][0]["quality_value"], "64000.00");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("fictitious price"), "{stdout}");
    assert!(!stdout.contains("price points"), "{stdout}");
}

#[test]
fn equal_lowest_prices_are_decided_by_lottery_and_said_so() {
    let t = on_lowest_price();
    // Werkfit offers exactly Arbo Noord's rates; the lottery drew Werkfit first.
    let arbo = t.read("bids/arbo-noord.yaml");
    let werkfit = t.read("bids/werkfit.yaml");
    let rates = &arbo[arbo.find("rates:").unwrap()..];
    t.write(
        "bids/werkfit.yaml",
        &format!("{}{rates}", &werkfit[..werkfit.find("rates:").unwrap()]),
    );
    t.edit("decision.yaml", "winner: arbo-noord", "winner: werkfit");
    t.edit(
        "decision.yaml",
        "# lottery:\n#   date: 2026-09-07\n#   order: [first-drawn-id, second-drawn-id]",
        "lottery:\n  date: 2026-09-07\n  order: [werkfit, arbo-noord]",
    );
    assert_success(&run(&t, &["award-letters"]));
    assert_contains_all(
        &letter(&t, "arbo-noord"),
        &[
            "Uw inschrijving heeft dezelfde totale inschrijfprijs (€ 407.876,-) als de inschrijving van \
           Werkfit Arbodienstverlening B.V. Volgens paragraaf 2.7 van de offerteaanvraag is de volgorde \
           daarom door loting bepaald; van de loting is op 7 september 2026 een proces-verbaal opgemaakt. \
           De loting is uitgevallen in uw nadeel.",
        ],
    );
    // Not "lager": the price was equal, the lottery decided.
    assert_absent(&letter(&t, "arbo-noord"), &["is lager dan"]);
    let third = letter(&t, "arbogroep-t-zandt");
    assert_contains_all(
        &third,
        &[
            "De inschrijving van Werkfit Arbodienstverlening B.V. heeft dezelfde totale inschrijfprijs als \
           een andere inschrijving; volgens paragraaf 2.7 van de offerteaanvraag is de volgorde door loting \
           bepaald (proces-verbaal van 7 september 2026).",
        ],
    );
    assert_absent(&third, &["punt"]);
}
