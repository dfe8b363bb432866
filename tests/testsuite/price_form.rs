//! The price form (annex D): the explaining PDF, the .xlsx bidders fill in, and
//! `gen prices import`. The total a spreadsheet engine (LibreOffice) computes from our own
//! form equals the total computed in Rust.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::{Decimal, RoundingStrategy};
use tendergen::Error;
use tendergen::docs::house::HouseStyle;
use tendergen::docs::price_form::sheet::{self, Content, Fill, Form, SHEET};
use tendergen::import::price_form as import;
use tendergen::model::award::AwardRules;
use tendergen::model::load::read_yaml;
use tendergen::model::requirements::Requirements;
use tendergen::model::tender::Tender;

use crate::common::*;

const PDF: &str = "WIJ-2026-001/bijlage-d-prijsinvulformulier.pdf";
const XLSX: &str = "WIJ-2026-001/bijlage-d-prijsinvulformulier.xlsx";

// ---------------------------------------------------------------------------------------------
// Helpers

/// The three data files the form is built from (without loading bids or NvI rounds).
fn rules() -> (Tender, Requirements, AwardRules) {
    let d = data_dir();
    let tender: Tender = read_yaml(&d.join("tender.yaml")).unwrap();
    let award = tendergen::model::load_award(&d, &tender).unwrap();
    (
        tender,
        read_yaml(&d.join("requirements.yaml")).unwrap(),
        award,
    )
}

fn the_form() -> Form {
    let (t, r, a) = rules();
    sheet::form(&t, &r, &a)
}

/// The bundled house colours (templates/house.toml).
fn house() -> HouseStyle {
    tendergen::render::house::house_style(&templates_dir()).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Rates for every line: awkward cents, a zero where it is allowed (B1).
fn good_rates() -> BTreeMap<String, Decimal> {
    [
        ("A1", "97.35"),
        ("A2", "83.10"),
        ("A3", "41250.55"),
        ("B1", "0"),
        ("C1", "105.00"),
        ("C2", "104.99"),
        ("C3", "122.50"),
        ("C4", "117.45"),
        ("C5", "131.01"),
        ("C6", "112.00"),
        ("C7", "92.50"),
        ("C8", "127.55"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), dec(v)))
    .collect()
}

fn fills(rates: &BTreeMap<String, Decimal>) -> BTreeMap<String, Fill> {
    rates
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                Fill::Number(v.to_string().parse::<f64>().unwrap()),
            )
        })
        .collect()
}

/// Writes `form` filled with `fill` to `dir/name`.
fn write_form(dir: &Path, name: &str, form: &Form, fill: &BTreeMap<String, Fill>) -> PathBuf {
    let path = dir.join(name);
    let bytes = form
        .to_xlsx_filled(&house(), &|id| fill.get(id).cloned())
        .unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Imports in-process; the problems' `field: message` lines on rejection.
fn import_problems(path: &Path) -> Vec<String> {
    let (_, _, award) = rules();
    match import::read(path, &the_form(), &award) {
        Ok(i) => panic!("expected a rejection, imported {:?}", i.rates),
        Err(Error::Data(ds)) => ds
            .iter()
            .map(|d| format!("{}: {}", d.field, d.message))
            .collect(),
        Err(other) => panic!("expected data problems, got {other}"),
    }
}

fn assert_rejected(path: &Path, cell: &str, fragment: &str) {
    let problems = import_problems(path);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("{SHEET}!{cell}:")) && p.contains(fragment)),
        "expected a problem at {SHEET}!{cell} containing {fragment:?}, got:\n{}",
        problems.join("\n")
    );
}

/// The cell name of a line's rate (`F19`).
fn rate_cell(form: &Form, line: &str) -> String {
    let (r, c) = form.rate_cell(line).unwrap();
    sheet::cell_name(r, c)
}

/// A copy of `data/` to import into.
fn data_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = data_dir();
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let target = dir
            .path()
            .join("data")
            .join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

/// Runs `gen --data <dir>/data prices import <file> --bidder <id>`.
fn gen_import(dir: &Path, file: &Path, bidder: &str) -> std::process::Output {
    gen_in(dir)
        .arg("--data")
        .arg(dir.join("data"))
        .args(["prices", "import"])
        .arg(file)
        .args(["--bidder", bidder])
        .output()
        .unwrap()
}

/// `soffice` with a private profile that recalculates every formula when loading .xlsx
/// (rust_xlsxwriter stores 0 as every formula's result).
pub(crate) fn soffice(profile: &Path) -> Command {
    let user = profile.join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .arg("--headless");
    cmd
}

pub(crate) fn convert(profile: &Path, file: &Path, to: &str, outdir: &Path) -> PathBuf {
    let output = soffice(profile)
        .args(["--convert-to", to, "--outdir"])
        .arg(outdir)
        .arg(file)
        .output()
        .expect("LibreOffice (`soffice`, package libreoffice-calc-nogui) must be installed");
    assert!(
        output.status.success(),
        "soffice failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // The file is named after the input (with `-<sheet>` for CSV of a chosen sheet).
    let ext = to.split(':').next().unwrap();
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    let found: Vec<PathBuf> = std::fs::read_dir(outdir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == ext)
                && p.file_stem()
                    .is_some_and(|s| s.to_string_lossy().starts_with(&stem))
        })
        .collect();
    assert_eq!(found.len(), 1, "soffice wrote {found:?}");
    found.into_iter().next().unwrap()
}

/// The cells of a CSV export, by row and column. No field of the form contains a comma
/// inside quotes except descriptions, which we do not read; a tiny CSV splitter is enough.
pub(crate) fn csv_grid(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| {
            let mut fields = Vec::new();
            let mut cur = String::new();
            let mut quoted = false;
            for ch in l.chars() {
                match ch {
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields.push(std::mem::take(&mut cur)),
                    c => cur.push(c),
                }
            }
            fields.push(cur);
            fields
        })
        .collect()
}

fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

// ---------------------------------------------------------------------------------------------
// The PDF

#[test]
fn typst_source_snapshot() {
    let job = tendergen::docs::price_form::job(&project(), &opts());
    insta::assert_snapshot!("price_form_source", typst_source(&job));
}

#[test]
fn pdf_text_snapshot() {
    let out = tempfile::tempdir().unwrap();
    assert_success(&gen_bundled(out.path(), &["price-form"]));
    insta::assert_snapshot!("price_form_pdf_text", pdf_text(&out.path().join(PDF)));
}

#[test]
fn the_dutch_alias_writes_the_pdf_and_the_xlsx() {
    let out = tempfile::tempdir().unwrap();
    assert_success(&gen_bundled(out.path(), &["prijsformulier"]));
    assert!(out.path().join(PDF).is_file());
    assert!(out.path().join(XLSX).is_file());
    let text = squash(&pdf_text(&out.path().join(PDF)));
    // Every line and its volumes are in the PDF, from the same data as the spreadsheet.
    let (_, _, award) = rules();
    for l in &award.price.lines {
        assert!(text.contains(&squash(&l.description)), "{} missing", l.id);
    }
    assert!(
        text.contains(&squash("1.248")),
        "evaluated volume of A1 (24 × 13 × 4)"
    );
}

// ---------------------------------------------------------------------------------------------
// The spreadsheet

#[test]
fn xlsx_is_deterministic_and_dated_by_the_tender() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert_success(&gen_bundled(a.path(), &["price-form"]));
    let output = gen_in(b.path())
        .env("TZ", "Pacific/Kiritimati")
        .env("LC_ALL", "ja_JP.UTF-8")
        .arg("--data")
        .arg(data_dir())
        .arg("--templates")
        .arg(templates_dir())
        .arg("--out")
        .arg(b.path())
        .arg("price-form")
        .output()
        .unwrap();
    assert_success(&output);
    let x = std::fs::read(a.path().join(XLSX)).unwrap();
    let y = std::fs::read(b.path().join(XLSX)).unwrap();
    assert!(x == y, "the .xlsx differs between runs");
    // And within one process.
    assert_eq!(
        the_form().to_xlsx(&house()).unwrap(),
        the_form().to_xlsx(&house()).unwrap()
    );

    let mut book: Xlsx<_> = open_workbook(a.path().join(XLSX)).unwrap();
    let props = book.workbook_properties().unwrap();
    assert_eq!(props.created.as_deref(), Some("2026-05-26T00:00:00Z"));
    assert_eq!(props.modified.as_deref(), Some("2026-05-26T00:00:00Z"));
}

#[test]
fn xlsx_records_the_reference_and_has_the_formulas() {
    let out = tempfile::tempdir().unwrap();
    assert_success(&gen_bundled(out.path(), &["price-form"]));
    let mut book: Xlsx<_> = open_workbook(out.path().join(XLSX)).unwrap();
    assert_eq!(book.sheet_names(), vec![SHEET.to_string()]);
    let values = book.worksheet_range(SHEET).unwrap();
    assert_eq!(
        values.get_value((3, 1)),
        Some(&Data::String("WIJ-2026-001".into())),
        "reference in B4"
    );
    assert!(
        book.defined_names()
            .iter()
            .any(|(n, f)| n == sheet::REFERENCE_NAME
                && f.trim_start_matches('=') == "\"WIJ-2026-001\""),
        "defined name: {:?}",
        book.defined_names()
    );
    let props = book.workbook_properties().unwrap();
    assert_eq!(
        props
            .custom_properties
            .get(sheet::REFERENCE_PROPERTY)
            .map(String::as_str),
        Some("WIJ-2026-001")
    );

    // Line totals, subtotals and the total are formulas in the sheet.
    let formulas = book.worksheet_formula(SHEET).unwrap();
    let form = the_form();
    let a1 = form.rate_cell("A1").unwrap();
    let at = |r: u32, c: u16| {
        formulas
            .get_value((r, c as u32))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(at(a1.0, sheet::COL_TOTAL), format!("E{0}*F{0}", a1.0 + 1));
    let (sr, sc) = form.subtotal_cells[0].1;
    assert_eq!(at(sr, sc), format!("SUM(G{}:G{})", a1.0 + 1, sr));
    let subtotals: Vec<String> = form
        .subtotal_cells
        .iter()
        .map(|(_, (r, c))| sheet::cell_name(*r, *c))
        .collect();
    assert_eq!(
        at(form.total_cell.0, form.total_cell.1),
        subtotals.join("+")
    );

    // Only the rate cells are unlocked; they are the yellow ones.
    let styles = book.worksheet_style(SHEET).unwrap();
    let rate_cells: Vec<(u32, u16)> = form.rate_cells().map(|(_, _, r, c)| (r, c)).collect();
    assert_eq!(rate_cells.len(), 12);
    for cell in &form.cells {
        let style = styles.get((cell.row, cell.col as u32));
        let locked = style
            .and_then(|s| s.protection.as_ref())
            .map(|p| p.locked)
            .unwrap_or(true);
        let is_rate = rate_cells.contains(&(cell.row, cell.col));
        assert_eq!(
            !locked,
            is_rate,
            "{} locked={locked}",
            sheet::cell_name(cell.row, cell.col)
        );
    }
}

/// Sheet protection and data validation, as LibreOffice reads them (flat ODS XML).
#[test]
fn xlsx_is_protected_and_validates_rates() {
    let dir = tempfile::tempdir().unwrap();
    let form = the_form();
    let file = write_form(dir.path(), "leeg.xlsx", &form, &BTreeMap::new());
    let fods = convert(&dir.path().join("profile"), &file, "fods", dir.path());
    let xml = std::fs::read_to_string(fods).unwrap();
    assert!(
        xml.contains("table:protected=\"true\""),
        "the sheet is protected"
    );
    assert!(
        xml.contains("cell-content-is-decimal-number() and cell-content()&gt;0"),
        "> 0 where zero is not allowed"
    );
    assert!(
        xml.contains("cell-content-is-decimal-number() and cell-content()&gt;=0"),
        ">= 0 for component B"
    );
}

// ---------------------------------------------------------------------------------------------
// LibreOffice computes the same totals as Rust

#[test]
fn libreoffice_computes_the_same_totals_as_rust() {
    let dir = tempfile::tempdir().unwrap();
    let form = the_form();
    let (_, _, award) = rules();
    let rates = good_rates();
    let file = write_form(dir.path(), "ingevuld.xlsx", &form, &fills(&rates));

    // Tokens: comma, double quote, UTF-8, from line 1, standard cell format, en-US numbers,
    // …, not "as shown" (raw values), no formulas, first sheet.
    let csv = convert(
        &dir.path().join("profile"),
        &file,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,1",
        dir.path(),
    );
    let text = std::fs::read_to_string(csv).unwrap();
    let grid = csv_grid(&text);
    let at = |(r, c): (u32, u16)| -> Decimal {
        let s = grid
            .get(r as usize)
            .and_then(|row| row.get(c as usize))
            .cloned()
            .unwrap_or_default();
        Decimal::from_str(&s)
            .or_else(|_| Decimal::from_scientific(&s))
            .unwrap_or_else(|_| panic!("{} is {s:?}, not a number", sheet::cell_name(r, c)))
    };

    let mut checked = 0;
    for line in &award.price.lines {
        let (r, _) = form.rate_cell(&line.id).unwrap();
        match award.evaluated_volume(line) {
            Some(v) => {
                let rust = cents(v * rates[&line.id]);
                assert_eq!(
                    cents(at((r, sheet::COL_TOTAL))),
                    rust,
                    "line total of {}",
                    line.id
                );
                checked += 1;
            }
            None => assert!(
                grid[r as usize]
                    .get(sheet::COL_TOTAL as usize)
                    .is_none_or(|s| s.is_empty()),
                "{} has no line total",
                line.id
            ),
        }
    }
    assert_eq!(checked, 4);
    for (comp, cell) in &form.subtotal_cells {
        let rust: Decimal = award
            .price
            .lines
            .iter()
            .filter(|l| l.component.as_ref() == Some(comp))
            .filter_map(|l| award.evaluated_volume(l).map(|v| v * rates[&l.id]))
            .sum();
        assert_eq!(cents(at(*cell)), cents(rust), "subtotal {}", comp.as_str());
    }
    // The import reads the form back and computes the total as the evaluation does.
    let imported = import::read(&file, &form, &award).unwrap();
    assert_eq!(imported.rates.len(), 12);
    let total = imported.total;
    assert!(total > Decimal::ZERO);
    let computed = at(form.total_cell);
    assert_ne!(
        computed,
        Decimal::ZERO,
        "LibreOffice must have recalculated the formulas"
    );
    assert_eq!(cents(computed), cents(total), "total tender price");
    // 1248 × 97.35 + 624 × 83.10 + 4 × 41250.55 + 1 × 0
    assert_eq!(cents(total), dec("338349.40"));
}

// ---------------------------------------------------------------------------------------------
// Import: accepted forms

#[test]
fn import_creates_a_new_bid_file_with_id_and_rates() {
    let dir = data_copy();
    let file = write_form(dir.path(), "form.xlsx", &the_form(), &fills(&good_rates()));
    let output = gen_import(dir.path(), &file, "nieuwe-inschrijver");
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("wrote 12 rate(s)") && stdout.contains("€ 338.349,40"),
        "{stdout}"
    );
    let text =
        std::fs::read_to_string(dir.path().join("data/bids/nieuwe-inschrijver.yaml")).unwrap();
    insta::assert_snapshot!("price_form_new_bid_file", text);
}

#[test]
fn import_replaces_only_the_rates_block_of_an_existing_bid() {
    let dir = data_copy();
    let bid = dir.path().join("data/bids/arbo-noord.yaml");
    let before = std::fs::read_to_string(&bid).unwrap();
    let file = write_form(
        dir.path(),
        "arbo-noord.xlsx",
        &the_form(),
        &fills(&good_rates()),
    );
    // The bid has other rates: replacing them must be asked for.
    let refused = gen_import(dir.path(), &file, "arbo-noord");
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("already has 12 rate(s)") && stderr.contains("--replace"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&bid).unwrap(), before);
    let replaced = gen_in(dir.path())
        .arg("--data")
        .arg(dir.path().join("data"))
        .args(["prices", "import"])
        .arg(&file)
        .args(["--bidder", "arbo-noord", "--replace"])
        .output()
        .unwrap();
    assert_success(&replaced);
    let after = std::fs::read_to_string(&bid).unwrap();

    let start = before.find("\nrates:\n").unwrap() + 1;
    let end = start + before[start..].find("\nquality:").unwrap() + 1;
    assert_eq!(
        after[..start],
        before[..start],
        "everything before rates: is unchanged"
    );
    assert!(
        after.ends_with(&before[end..]),
        "everything after the rates block is unchanged"
    );
    let block = &after[start..after.len() - (before.len() - end)];
    assert_eq!(
        block,
        "rates:\n  # From the price form \"arbo-noord.xlsx\" (gen prices import).\n  A1: \"97.35\"\n  A2: \"83.10\"\n  \
         A3: \"41250.55\"\n  B1: \"0.00\"\n  C1: \"105.00\"\n  C2: \"104.99\"\n  C3: \"122.50\"\n  C4: \"117.45\"\n  \
         C5: \"131.01\"\n  C6: \"112.00\"\n  C7: \"92.50\"\n  C8: \"127.55\"\n"
    );

    // Importing the same form again changes nothing (and needs no --replace).
    assert_success(&gen_import(dir.path(), &file, "arbo-noord"));
    assert_eq!(std::fs::read_to_string(&bid).unwrap(), after);
}

#[test]
fn import_accepts_whole_numbers_and_a_form_saved_by_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let form = the_form();
    let (_, _, award) = rules();
    let mut f = fills(&good_rates());
    f.insert("A1".into(), Fill::Number(95.0));
    let file = write_form(dir.path(), "form.xlsx", &form, &f);
    // LibreOffice re-saves the form: its formulas, names and properties must still pass.
    let saved = dir.path().join("saved");
    std::fs::create_dir_all(&saved).unwrap();
    let resaved = convert(
        &dir.path().join("profile"),
        &file,
        "xlsx:Calc MS Excel 2007 XML",
        &saved,
    );
    for path in [&file, &resaved] {
        let imported =
            import::read(path, &form, &award).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(imported.rates[0], ("A1".to_string(), dec("95")));
    }
}

// ---------------------------------------------------------------------------------------------
// Import: rejections (each names the cell; nothing is written)

#[test]
fn rejects_an_empty_rate() {
    let dir = tempfile::tempdir().unwrap();
    let form = the_form();
    let mut f = fills(&good_rates());
    f.remove("C3");
    let file = write_form(dir.path(), "f.xlsx", &form, &f);
    assert_rejected(
        &file,
        &rate_cell(&form, "C3"),
        "line C3 (Uitvoering en/of toetsing van een RI&E",
    );
    assert_rejected(&file, &rate_cell(&form, "C3"), "no rate given");
}

#[test]
fn rejects_a_text_rate() {
    let dir = tempfile::tempdir().unwrap();
    let form = the_form();
    let mut f = fills(&good_rates());
    f.insert("A2".into(), Fill::Text("83,10".into()));
    let file = write_form(dir.path(), "f.xlsx", &form, &f);
    assert_rejected(
        &file,
        &rate_cell(&form, "A2"),
        "the rate is the text \"83,10\", not a number",
    );
}

#[test]
fn rejects_a_negative_rate() {
    let dir = tempfile::tempdir().unwrap();
    let form = the_form();
    let mut f = fills(&good_rates());
    f.insert("C8".into(), Fill::Number(-1.5));
    let file = write_form(dir.path(), "f.xlsx", &form, &f);
    assert_rejected(
        &file,
        &rate_cell(&form, "C8"),
        "negative prices are not allowed",
    );
}

#[test]
fn rejects_zero_where_zero_is_not_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let form = the_form();
    for line in ["A1", "C5"] {
        let mut f = fills(&good_rates());
        f.insert(line.into(), Fill::Number(0.0));
        let file = write_form(dir.path(), &format!("{line}.xlsx"), &form, &f);
        assert_rejected(
            &file,
            &rate_cell(&form, line),
            "a zero price is not allowed in component",
        );
    }
}

#[test]
fn rejects_a_form_of_another_tender() {
    let dir = tempfile::tempdir().unwrap();
    let f = fills(&good_rates());

    // The reference cell.
    let mut form = the_form();
    for c in &mut form.cells {
        if let Content::Reference(r) = &mut c.content {
            *r = "WIJ-2025-007".into();
        }
    }
    let file = write_form(dir.path(), "cell.xlsx", &form, &f);
    assert_rejected(
        &file,
        "B4",
        "the form is for tender \"WIJ-2025-007\", not WIJ-2026-001",
    );

    // The defined name and the document property (the cell still says WIJ-2026-001).
    let mut form = the_form();
    form.reference = "WIJ-2025-007".into();
    let file = write_form(dir.path(), "meta.xlsx", &form, &f);
    let problems = import_problems(&file);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("defined name Kenmerk_aanbesteding:")
                && p.contains("WIJ-2025-007")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("document property") && p.contains("WIJ-2025-007")),
        "{problems:?}"
    );
}

#[test]
fn rejects_changed_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let f = fills(&good_rates());
    let base = the_form();
    let (r, _) = base.rate_cell("A1").unwrap();
    let line_total = sheet::cell_name(r, sheet::COL_TOTAL);
    let total = sheet::cell_name(base.total_cell.0, base.total_cell.1);

    // A changed line total and a changed grand total.
    let mut form = base.clone();
    for c in &mut form.cells {
        let name = sheet::cell_name(c.row, c.col);
        if name == line_total {
            c.content = Content::Formula(format!("E{0}*F{0}*0.9", r + 1));
        }
        if name == total {
            c.content = Content::Formula("G22".into());
        }
    }
    let file = write_form(dir.path(), "formulas.xlsx", &form, &f);
    assert_rejected(&file, &line_total, "the formula was changed to");
    assert_rejected(&file, &total, "the standard formulas may not be changed");

    // A removed formula.
    let mut form = base.clone();
    for c in &mut form.cells {
        if sheet::cell_name(c.row, c.col) == line_total {
            c.content = Content::Volume(dec("1"));
        }
    }
    let file = write_form(dir.path(), "removed.xlsx", &form, &f);
    assert_rejected(&file, &line_total, "was removed");

    // A formula instead of a rate, and a formula added elsewhere.
    let mut form = base.clone();
    let a2 = rate_cell(&base, "A2");
    for c in &mut form.cells {
        if sheet::cell_name(c.row, c.col) == a2 {
            c.content = Content::Formula("80+3.1".into());
        }
    }
    form.cells.push(sheet::Cell {
        row: 2,
        col: 3,
        content: Content::Formula("1+1".into()),
        style: sheet::Style::Text,
        merge_to: None,
    });
    let file = write_form(dir.path(), "added.xlsx", &form, &f);
    assert_rejected(&file, &a2, "a rate must be a number, not a formula");
    assert_rejected(&file, "D3", "a formula was added");
}

#[test]
fn rejects_changed_volumes_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let f = fills(&good_rates());
    let base = the_form();
    let (r, _) = base.rate_cell("A1").unwrap();
    let mut form = base.clone();
    for c in &mut form.cells {
        if c.row == r && c.col == sheet::COL_VOLUME_EVALUATED {
            c.content = Content::Volume(dec("1000"));
        }
        if c.row == r + 1 && c.col == sheet::COL_ID {
            c.content = Content::LineId("A9".into());
        }
    }
    let file = write_form(dir.path(), "volumes.xlsx", &form, &f);
    assert_rejected(
        &file,
        &sheet::cell_name(r, sheet::COL_VOLUME_EVALUATED),
        "the volume was changed to the number 1000 (expected 1248)",
    );
    assert_rejected(
        &file,
        &sheet::cell_name(r + 1, sheet::COL_ID),
        "expected price line A2 here",
    );
}

#[test]
fn rejected_imports_write_nothing_and_exit_1() {
    let dir = data_copy();
    let form = the_form();
    let mut f = fills(&good_rates());
    f.insert("A1".into(), Fill::Number(-10.0));
    f.remove("B1");
    let file = write_form(dir.path(), "bad.xlsx", &form, &f);

    let bid = dir.path().join("data/bids/arbo-noord.yaml");
    let before = std::fs::read(&bid).unwrap();
    let output = gen_import(dir.path(), &file, "arbo-noord");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("{SHEET}!{}", rate_cell(&form, "A1"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{SHEET}!{}", rate_cell(&form, "B1"))),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&bid).unwrap(),
        before,
        "the bid file is unchanged"
    );

    let output = gen_import(dir.path(), &file, "nieuw");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !dir.path().join("data/bids/nieuw.yaml").exists(),
        "no bid file is created"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("data/bids"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A bidder id that is not a file name is a usage error.
    let output = gen_import(dir.path(), &file, "../x");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn rejects_a_file_that_is_not_the_price_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet()
        .set_name("Blad1")
        .unwrap()
        .write_string(0, 0, "hallo")
        .unwrap();
    wb.save(&path).unwrap();
    let problems = import_problems(&path);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("no sheet `Prijsinvulformulier`")),
        "{problems:?}"
    );

    let text = dir.path().join("text.xlsx");
    std::fs::write(&text, "not a spreadsheet").unwrap();
    let problems = import_problems(&text);
    assert!(
        problems.iter().any(|p| p.contains("not a readable .xlsx")),
        "{problems:?}"
    );
}
