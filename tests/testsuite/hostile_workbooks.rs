//! Hostile and tampered workbooks (issue 17): the price form import accepts a workbook only
//! when everything but the values of its rate cells is what `gen` wrote, and both imports read
//! within bounds, refusing a hostile file quickly and with the sheet and cell named.
//! Workbooks are built here: rust_xlsxwriter for what it can write, the zip rewritten for
//! XML-level tampering.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tendergen::Error;
use tendergen::cmd::nvi::import_questions;
use tendergen::docs::price_form::sheet::{self, Fill, Form};
use tendergen::import::price_form as import;
use tendergen::model::award::AwardRules;

use crate::common::*;

fn rules() -> (
    tendergen::model::tender::Tender,
    tendergen::model::requirements::Requirements,
    AwardRules,
) {
    let p = project();
    (p.tender, p.requirements, p.award)
}

fn the_form() -> Form {
    let (t, r, a) = rules();
    sheet::form(&t, &r, &a)
}

/// A completely and correctly filled form, as bytes.
fn filled() -> Vec<u8> {
    let form = the_form();
    let house = tendergen::render::house::house_style(&templates_dir()).unwrap();
    form.to_xlsx_filled(&house, &|_| Some(Fill::Number(100.0)))
        .unwrap()
}

/// The zip `bytes` with each part passed through `edit` (name, text → text), and `extra`
/// parts added.
fn tamper(bytes: &[u8], edit: &dyn Fn(&str, String) -> String, extra: &[(&str, &str)]) -> Vec<u8> {
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..input.len() {
        let mut entry = input.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(edit(&name, text).as_bytes()).unwrap();
    }
    for (name, text) in extra {
        out.start_file(*name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn write(dir: &Path, bytes: &[u8]) -> PathBuf {
    let path = dir.join("form.xlsx");
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The problems (`field: message`) of importing `bytes`, and how long the import took.
fn refused(bytes: &[u8]) -> (Vec<String>, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), bytes);
    let (_, _, award) = rules();
    let start = Instant::now();
    let result = import::read(&path, &the_form(), &award);
    let took = start.elapsed();
    match result {
        Ok(i) => panic!("expected a refusal, imported {:?}", i.rates),
        Err(Error::Data(ds)) => (
            ds.iter()
                .map(|d| format!("{}: {}", d.field, d.message))
                .collect(),
            took,
        ),
        Err(e) => panic!("expected data errors, got {e}"),
    }
}

fn assert_names(problems: &[String], field: &str, fragment: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(field) && p.contains(fragment)),
        "expected `{field}` … `{fragment}` in:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_untouched_filled_form_is_accepted_and_its_structure_is_protected() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), &filled());
    let (_, _, award) = rules();
    import::read(&path, &the_form(), &award).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains("<workbookProtection lockStructure=\"1\"/>"),
        "{xml}"
    );
}

#[test]
fn a_renamed_sheet_with_a_hidden_copy_under_the_original_name_is_refused() {
    let bytes = tamper(
        &filled(),
        &|name, text| {
            match name {
            "xl/workbook.xml" => text.replace(
                "<sheet name=\"Prijsinvulformulier\" sheetId=\"1\" r:id=\"rId1\"/>",
                "<sheet name=\"Prijs\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Prijsinvulformulier\" sheetId=\"2\" state=\"veryHidden\" r:id=\"rId99\"/>",
            ),
            "xl/_rels/workbook.xml.rels" => text.replace(
                "</Relationships>",
                "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            ),
            _ => text,
        }
        },
        &[],
    );
    let (problems, _) = refused(&bytes);
    assert_names(&problems, "Prijs:", "a sheet was added");
    assert_names(&problems, "Prijsinvulformulier:", "very hidden");
}

#[test]
fn a_number_format_showing_another_amount_is_refused_at_the_rate_cell() {
    let bytes = tamper(
        &filled(),
        &|name, text| match name {
            "xl/styles.xml" => text.replace("#,##0.00", "\"138,00\""),
            _ => text,
        },
        &[],
    );
    let (problems, _) = refused(&bytes);
    let rate = sheet::cell_name(the_form().rate_cells().next().unwrap().2, 5);
    assert_names(
        &problems,
        &format!("Prijsinvulformulier!{rate}"),
        "number format",
    );
}

#[test]
fn a_changed_description_a_reservation_beside_the_form_and_a_comment_are_refused() {
    let form = the_form();
    let (_, _, row, _) = form.rate_cells().next().unwrap();
    let row1 = row + 1;
    let description = match &form.cell(row, sheet::COL_ID + 1).unwrap().content {
        sheet::Content::Text(t) => t.clone(),
        other => panic!("{other:?}"),
    };
    let bytes = tamper(
        &filled(),
        &|name, text| match name {
            "xl/sharedStrings.xml" => text.replacen(
                &format!(">{description}<"),
                &format!(">{description} (excl. reiskosten)<"),
                1,
            ),
            "xl/worksheets/sheet1.xml" => {
                let row_start = format!("<row r=\"{row1}\"");
                let at = text.find(&row_start).unwrap();
                let close = at + text[at..].find('>').unwrap() + 1;
                let text = format!(
                    "{}<c r=\"J{row1}\" t=\"inlineStr\"><is><t>Onder voorbehoud</t></is></c>{}",
                    &text[..close],
                    &text[close..]
                );
                text.replace("</worksheet>", "<legacyDrawing r:id=\"rId9\"/></worksheet>")
            }
            _ => text,
        },
        &[
            (
                "xl/worksheets/_rels/sheet1.xml.rels",
                "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"../comments1.xml\"/></Relationships>",
            ),
            (
                "xl/comments1.xml",
                "<?xml version=\"1.0\"?><comments xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><authors><author>x</author></authors><commentList><comment ref=\"C5\" authorId=\"0\"><text><t>Prijzen onder voorbehoud</t></text></comment></commentList></comments>",
            ),
        ],
    );
    let (problems, _) = refused(&bytes);
    assert_names(
        &problems,
        &format!("Prijsinvulformulier!J{row1}"),
        "outside the form",
    );
    assert_names(&problems, "Prijsinvulformulier!C5", "comment");
    assert!(
        problems.iter().any(|p| p.contains("(excl. reiskosten)")),
        "{}",
        problems.join("\n")
    );
}

#[test]
fn a_removed_sheet_protection_is_refused() {
    let bytes = tamper(
        &filled(),
        &|name, text| match name {
            "xl/worksheets/sheet1.xml" => {
                let at = text.find("<sheetProtection").unwrap();
                let end = at + text[at..].find("/>").unwrap() + 2;
                format!("{}{}", &text[..at], &text[end..])
            }
            _ => text,
        },
        &[],
    );
    let (problems, _) = refused(&bytes);
    assert_names(&problems, "Prijsinvulformulier:", "protection was removed");
}

#[test]
fn a_cell_at_xfd1048576_is_refused_fast() {
    let bytes = tamper(
        &filled(),
        &|name, text| match name {
            "xl/worksheets/sheet1.xml" => text.replace(
                "</sheetData>",
                "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>",
            ),
            _ => text,
        },
        &[],
    );
    let (problems, took) = refused(&bytes);
    assert!(took < Duration::from_millis(500), "{took:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("1048576") && p.contains("beyond")),
        "{problems:?}"
    );
}

#[test]
fn a_sheet_inflating_far_beyond_its_zip_size_is_refused_fast() {
    // 256 MB of blanks in a sheet part: a small file, a huge sheet.
    let bytes = tamper(&filled(), &|_, t| t, &[]);
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..input.len() {
        let mut entry = input.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let block = vec![b' '; 1 << 20];
            for _ in 0..256 {
                out.write_all(&block).unwrap();
            }
        }
        out.write_all(&data).unwrap();
    }
    let bomb = out.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    let (problems, took) = refused(&bomb);
    assert!(took < Duration::from_millis(900), "{took:?}");
    assert!(
        problems.iter().any(|p| p.contains("inflates to more than")),
        "{problems:?}"
    );
}

#[test]
fn a_refused_form_leaves_the_bid_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_dir(&data_dir(), &data);
    let bid = std::fs::read_dir(data.join("bids"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let before = std::fs::read(&bid).unwrap();
    let bytes = tamper(
        &filled(),
        &|n, t| {
            if n == "xl/styles.xml" {
                t.replace("#,##0.00", "0")
            } else {
                t
            }
        },
        &[],
    );
    let path = write(dir.path(), &bytes);
    let out = gen_in(dir.path())
        .arg("--data")
        .arg(&data)
        .args(["prices", "import"])
        .arg(&path)
        .args(["--bidder", bid.file_stem().unwrap().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("number format"));
    assert_eq!(std::fs::read(&bid).unwrap(), before);
}

// ---------------------------------------------------------------------------------------------
// The question form

struct Tender(tempfile::TempDir);

impl Tender {
    fn new() -> Tender {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&data_dir(), &dir.path().join("data"));
        copy_dir(&templates_dir(), &dir.path().join("templates"));
        Tender(dir)
    }

    /// Imports a question form made by `build` (which gets the workbook and its first sheet
    /// with a header row and one question); the problems.
    fn import(&self, build: &dyn Fn(&mut rust_xlsxwriter::Workbook)) -> String {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheet = wb.add_worksheet();
        sheet.set_name("Vragen").unwrap();
        for (c, t) in ["Document", "Paragraaf", "Pagina", "Vraag"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *t).unwrap();
        }
        for (c, t) in ["Offerteaanvraag", "2.1", "3", "Wat wordt bedoeld?"]
            .iter()
            .enumerate()
        {
            sheet.write_string(1, c as u16, *t).unwrap();
        }
        build(&mut wb);
        let xlsx = self.0.path().join("vragen.xlsx");
        wb.save(&xlsx).unwrap();
        let build = try_build(
            &self.0.path().join("data"),
            &self.0.path().join("templates"),
        )
        .unwrap();
        let before = std::fs::read_dir(self.0.path().join("data/nvi"))
            .map(|d| d.count())
            .unwrap_or(0);
        match import_questions(&build, &xlsx, "round-9") {
            Ok(r) => panic!("expected a refusal, imported {r}"),
            Err(Error::Data(ds)) => {
                let after = std::fs::read_dir(self.0.path().join("data/nvi"))
                    .map(|d| d.count())
                    .unwrap_or(0);
                assert_eq!(before, after, "a file was written");
                ds.iter()
                    .map(|d| format!("{}: {}", d.field, d.message))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Err(e) => e.to_string(),
        }
    }
}

#[test]
fn question_form_hidden_sheet_comment_and_formula_are_refused() {
    let t = Tender::new();
    let hidden = t.import(&|wb| {
        let s = wb.add_worksheet();
        s.set_name("Voorwaarden").unwrap();
        s.write_string(0, 0, "Onze voorwaarden").unwrap();
        s.set_hidden(true);
    });
    assert!(
        hidden.contains("sheet “Voorwaarden”") && hidden.contains("hidden"),
        "{hidden}"
    );

    let comment = t.import(&|wb| {
        let s = wb.worksheet_from_index(0).unwrap();
        s.insert_note(1, 3, &rust_xlsxwriter::Note::new("Nog een vraag"))
            .unwrap();
    });
    assert!(
        comment.contains("cell D2") && comment.contains("comment"),
        "{comment}"
    );

    let formula = t.import(&|wb| {
        let s = wb.worksheet_from_index(0).unwrap();
        s.write_formula(1, 1, "=\"2\"&\".1\"").unwrap();
    });
    assert!(formula.contains("B2 (column Paragraaf)"), "{formula}");
}

#[test]
fn question_form_past_the_bounds_is_refused_fast() {
    let t = Tender::new();
    let start = Instant::now();
    let far = t.import(&|wb| {
        let s = wb.worksheet_from_index(0).unwrap();
        s.write_string(1_048_575, 16_383, "x").unwrap();
    });
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(
        far.contains("XFD1048576") || far.contains("beyond"),
        "{far}"
    );
}
