//! Bijlage I, the question form (§2.4 of the invitation: questions are asked "in het
//! bijgevoegde Excelbestand (Bijlage I)"): the .xlsx with exactly the columns `gen nvi import`
//! reads (`crate::import::question_form`): Nr., Document, Paragraaf, Pagina, Vraag and Vervolg
//! op vraag, and in a tender divided into lots Perceel (a list of the lots; a question may
//! name the lot it is about). The sheet is protected except the input cells; Document is a list of the
//! invitation and its annexes (requirements.yaml), Paragraaf a list of the invitation's
//! numbered headings as the templates in use number them (the build's outline).

use std::path::PathBuf;

use chrono::Datelike;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, Formula, Workbook, XlsxError,
};

use crate::docs::house::HouseStyle;
use crate::docs::itt::Outline;
use crate::docs::{OutFile, folder};
use crate::error::{Error, Result};
use crate::model::Project;

/// The annex key of the question form in requirements.yaml.
pub const ANNEX_KEY: &str = "question_form";
pub const SHEET: &str = "Vragen";
const LISTS: &str = "Keuzelijsten";
/// The header row (0-based) and the number of question rows under it.
pub const HEADER_ROW: u32 = 4;
pub const QUESTION_ROWS: u32 = 100;
/// Column titles, as the import recognises them.
pub const COLUMNS: [(&str, f64); 6] = [
    ("Nr.", 6.0),
    ("Document", 34.0),
    ("Paragraaf", 11.0),
    ("Pagina", 8.0),
    ("Vraag", 70.0),
    ("Vervolg op vraag", 17.0),
];
/// The column of a tender divided into lots, after [`COLUMNS`].
pub const LOT_COLUMN: (&str, f64) = ("Perceel", 26.0);

/// The form's columns: [`COLUMNS`], and [`LOT_COLUMN`] in a tender divided into lots.
pub fn columns(project: &Project) -> Vec<(&'static str, f64)> {
    let mut out = COLUMNS.to_vec();
    if project.tender.divided() {
        out.push(LOT_COLUMN);
    }
    out
}

/// The lots a question may name, as the list offers them and the import reads them
/// (`Perceel 2 - Regio Zuid`); empty without lots.
pub fn lots(project: &Project) -> Vec<String> {
    project
        .tender
        .lots
        .as_ref()
        .filter(|l| l.divided)
        .map(|l| {
            l.items
                .iter()
                .map(|lot| format!("Perceel {} - {}", lot.number, lot.title))
                .collect()
        })
        .unwrap_or_default()
}

/// The file: `bijlage-i-vragenformulier.xlsx` (the annex letter from requirements.yaml).
pub fn file(project: &Project) -> PathBuf {
    let letter = project
        .requirements
        .annex(ANNEX_KEY)
        .map_or_else(|| "i".to_string(), |a| a.letter.to_lowercase());
    folder(project).join(format!("bijlage-{letter}-vragenformulier.xlsx"))
}

/// The documents a question may be about: the invitation, each annex, and "Algemeen", as
/// the import parses them (`Bijlage D - Prijsinvulformulier`).
pub fn documents(project: &Project) -> Vec<String> {
    let mut out = vec!["Offerteaanvraag".to_string()];
    out.extend(
        project
            .requirements
            .annexes
            .iter()
            .map(|a| format!("Bijlage {} - {}", a.letter, a.title)),
    );
    out.push("Algemeen".to_string());
    out
}

/// One filled-in row, as a bidder types it (for tests and examples of a filled form).
#[derive(Debug, Clone, Default)]
pub struct FilledRow {
    pub document: String,
    pub section: String,
    pub page: String,
    pub question: String,
    pub follows_up: Option<u32>,
    /// Column Perceel (a tender with lots).
    pub lot: String,
}

/// The form as a file to write.
pub fn out_file(project: &Project, outline: &Outline, house: &HouseStyle) -> Result<OutFile> {
    Ok(OutFile {
        path: file(project),
        bytes: filled(project, outline, house, &[])?,
    })
}

/// The form with `rows` typed into its first input rows (none: the empty form).
pub fn filled(
    project: &Project,
    outline: &Outline,
    house: &HouseStyle,
    rows: &[FilledRow],
) -> Result<Vec<u8>> {
    write(project, outline, house, rows)
        .map_err(|e| Error::Usage(format!("cannot write the question form: {e}")))
}

fn write(
    project: &Project,
    outline: &Outline,
    house: &HouseStyle,
    rows: &[FilledRow],
) -> std::result::Result<Vec<u8>, XlsxError> {
    let t = &project.tender;
    let annex = project.requirements.annex(ANNEX_KEY);
    let title = match annex {
        Some(a) => format!("Bijlage {} – {}", a.letter, a.title),
        None => "Vragenformulier nota van inlichtingen".to_string(),
    };
    let mut workbook = Workbook::new();
    // The tender's date as the creation date: same data, same bytes.
    let created = ExcelDateTime::from_ymd(
        u16::try_from(t.date.year()).unwrap_or(1900),
        t.date.month() as u8,
        t.date.day() as u8,
    )?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_subject(&t.title)
            .set_author(&t.organisation.name)
            .set_company(&t.organisation.name)
            .set_keywords(&t.reference)
            .set_creation_datetime(&created),
    );

    let base = Format::new()
        .set_font_name("Calibri")
        .set_font_size(10.5)
        .set_align(FormatAlign::Top);
    let bordered = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_border_color(house.rule)
    };
    let title_format = base
        .clone()
        .set_bold()
        .set_font_size(15)
        .set_font_color(house.accent);
    let subtitle = base.clone().set_font_size(12);
    let note = base.clone().set_text_wrap().set_font_color(house.label);
    let header = bordered(
        base.clone()
            .set_bold()
            .set_background_color(house.header_fill),
    );
    let number = bordered(base.clone().set_align(FormatAlign::Center));
    let input = |f: Format| bordered(f.set_background_color(house.input_fill).set_unlocked());
    let input_text = input(base.clone().set_num_format("@"));
    let input_wrap = input(base.clone().set_num_format("@").set_text_wrap());
    let input_number = input(base.clone().set_num_format("0"));

    // The lists the validations offer, on a hidden, protected sheet.
    let documents = documents(project);
    let sections = outline.sections();
    let columns = columns(project);
    let lots = lots(project);
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    for (col, (_, width)) in columns.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_screen_gridlines(false);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    let field = |s: &str| s.chars().take(100).collect::<String>().replace('&', "&&");
    sheet
        .set_header(format!("&L&8{}&R&8{}", field(&t.organisation.name), field(&t.title)).as_str());
    sheet.set_footer(format!("&L&8{}&R&8Pagina &P van &N", field(&title)).as_str());

    sheet.write_string_with_format(0, 0, &title, &title_format)?;
    sheet.write_string_with_format(
        1,
        0,
        format!("Aanbesteding {} ({})", t.title, t.reference),
        &subtitle,
    )?;
    sheet.merge_range(
        2,
        0,
        2,
        (columns.len() - 1) as u16,
        &format!(
            "Stel één vraag per regel. Kies het document en de paragraaf uit de lijst, vul de pagina in en formuleer uw vraag zonder de naam van uw organisatie te noemen. Een vervolgvraag op een eerdere nota van inlichtingen verwijst naar het vraagnummer.{} Dien dit bestand in via de berichtenmodule van {}.",
            if lots.is_empty() {
                ""
            } else {
                " Gaat uw vraag over één perceel, kies dat perceel dan in de kolom Perceel; laat die leeg bij een vraag over de hele opdracht."
            },
            t.procedure.platform
        ),
        &note,
    )?;
    sheet.set_row_height(2, 45)?;
    for (col, (name, _)) in columns.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *name, &header)?;
    }
    let first = HEADER_ROW + 1;
    let last = HEADER_ROW + QUESTION_ROWS;
    for (i, row) in (first..=last).enumerate() {
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        let filled = rows.get(i);
        let texts = [
            (1, filled.map(|f| f.document.as_str()), &input_text),
            (2, filled.map(|f| f.section.as_str()), &input_text),
            (3, filled.map(|f| f.page.as_str()), &input_text),
            (4, filled.map(|f| f.question.as_str()), &input_wrap),
        ];
        for (col, text, format) in texts {
            match text.filter(|t| !t.is_empty()) {
                Some(t) => sheet.write_string_with_format(row, col, t, format)?,
                None => sheet.write_blank(row, col, format)?,
            };
        }
        match filled.and_then(|f| f.follows_up) {
            Some(n) => sheet.write_number_with_format(row, 5, f64::from(n), &input_number)?,
            None => sheet.write_blank(row, 5, &input_number)?,
        };
        if !lots.is_empty() {
            match filled.map(|f| f.lot.as_str()).filter(|l| !l.is_empty()) {
                Some(l) => sheet.write_string_with_format(row, 6, l, &input_text)?,
                None => sheet.write_blank(row, 6, &input_text)?,
            };
        }
    }
    let list = |col: char, n: usize| Formula::new(format!("={LISTS}!${col}$1:${col}${}", n.max(1)));
    let document_rule = DataValidation::new()
        .allow_list_formula(list('A', documents.len()))
        .set_input_title("Document")?
        .set_input_message("Kies de offerteaanvraag, een bijlage of Algemeen.")?
        .set_error_title("Onbekend document")?
        .set_error_message("Kies een document uit de lijst.")?
        .set_error_style(DataValidationErrorStyle::Stop);
    sheet.add_data_validation(first, 1, last, 1, &document_rule)?;
    let section_rule = DataValidation::new()
        .allow_list_formula(list('B', sections.len()))
        .set_input_title("Paragraaf")?
        .set_input_message("Kies het paragraafnummer van de offerteaanvraag, of laat leeg.")?
        .set_error_title("Onbekende paragraaf")?
        .set_error_message("Dit is geen paragraafnummer van de offerteaanvraag. Gaat uw vraag over een bijlage, klik dan op Ja.")?
        // A question about an annex may cite the annex's own paragraph.
        .set_error_style(DataValidationErrorStyle::Warning);
    sheet.add_data_validation(first, 2, last, 2, &section_rule)?;
    let follow_up_rule = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(1))
        .set_input_title("Vervolg op vraag")?
        .set_input_message("Alleen bij een vervolgvraag: het nummer van de vraag in de eerdere nota van inlichtingen.")?
        .set_error_title("Geen vraagnummer")?
        .set_error_message("Vul het nummer van de eerdere vraag in (een geheel getal).")?
        .set_error_style(DataValidationErrorStyle::Stop);
    sheet.add_data_validation(first, 5, last, 5, &follow_up_rule)?;
    if !lots.is_empty() {
        let lot_rule = DataValidation::new()
            .allow_list_formula(list('C', lots.len()))
            .set_input_title("Perceel")?
            .set_input_message(
                "Alleen bij een vraag over één perceel: kies het perceel. Leeg: de hele opdracht.",
            )?
            .set_error_title("Onbekend perceel")?
            .set_error_message("Kies een perceel uit de lijst.")?
            .set_error_style(DataValidationErrorStyle::Stop);
        sheet.add_data_validation(first, 6, last, 6, &lot_rule)?;
    }
    sheet.set_selection(first, 1, first, 1)?;
    sheet.set_active(true);
    sheet.protect();
    {
        let lists = workbook.add_worksheet();
        lists.set_name(LISTS)?;
        for (i, d) in documents.iter().enumerate() {
            lists.write_string(i as u32, 0, d)?;
        }
        for (i, s) in sections.iter().enumerate() {
            lists.write_string(i as u32, 1, s)?;
        }
        for (i, l) in lots.iter().enumerate() {
            lists.write_string(i as u32, 2, l)?;
        }
        // Visible (and protected): `gen nvi import` refuses a question form with hidden sheets,
        // where a bidder could hide text; the lists are also the bidder's reference.
        lists.protect();
    }

    workbook.save_to_buffer()
}
