//! The Excel price form (prijsinvulformulier) bidders fill in: its layout, computed once from
//! `data/award.yaml`, and writing it with rust_xlsxwriter. The import
//! ([`super::import`]) reads a filled form against the same layout, so what we write is
//! exactly what we check.
//!
//! One sheet, [`SHEET`]; columns A–G (see the `COL_*` constants): line id, description, unit,
//! volume per year, evaluated volume, rate (the only input cells: unlocked, yellow, with data
//! validation), line total (`=E{r}*F{r}`). Per component in the total a subtotal row
//! (`=SUM(G..:G..)`), and at the end the total tender price (`=G{a}+G{b}`). The tender
//! reference is in [`REFERENCE_CELL`], in the defined name [`REFERENCE_NAME`] and in the custom
//! document property [`REFERENCE_PROPERTY`]. The sheet is protected without a password (the
//! protection prevents accidents; a changed formula or volume is caught on import).
//!
//! In a tender divided into lots (art. 1.5 Aw 2012) the workbook has one such sheet per lot
//! ([`forms`]: `Perceel 1`, `Perceel 2`, …), each with the lot's price lines
//! ([`crate::model::lots::lot_award`]), its own totals and formulas, and the lot in row 7; a
//! bidder fills only the sheets of the lots it tenders for.
//!
//! The bytes are deterministic: the document's creation date is the tender's date.

use chrono::Datelike;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::docs::derived::AwardDerived;
use crate::docs::house::HouseStyle;
use crate::error::{Error, Result};
use crate::format;
use crate::model::award::{
    AwardRules, ComponentId, FOUR_WEEK_PERIODS_PER_YEAR, PriceComponent, PriceLine, Volume,
};
use crate::model::lots::lot_award;
use crate::model::requirements::Requirements;
use crate::model::tender::{Lot, Tender};

/// The name of the form's only worksheet (a tender without lots).
pub const SHEET: &str = "Prijsinvulformulier";
/// The row (0-based) naming the lot on a lot's sheet; empty on the undivided form.
pub(crate) const LOT_ROW: u32 = 6;

/// The worksheet of lot `number`: `Perceel 2`.
pub fn lot_sheet(number: u32) -> String {
    format!("Perceel {number}")
}
/// The cell holding the tender reference (row 4, column B).
pub(crate) const REFERENCE_CELL: (u32, u16) = (3, 1);
/// The workbook-level defined name holding the tender reference as a constant.
pub const REFERENCE_NAME: &str = "Kenmerk_aanbesteding";
/// The custom document property holding the tender reference.
pub const REFERENCE_PROPERTY: &str = "Kenmerk aanbesteding";

pub const COL_ID: u16 = 0;
pub(crate) const COL_DESCRIPTION: u16 = 1;
pub(crate) const COL_UNIT: u16 = 2;
pub(crate) const COL_VOLUME_YEAR: u16 = 3;
pub const COL_VOLUME_EVALUATED: u16 = 4;
pub(crate) const COL_RATE: u16 = 5;
pub const COL_TOTAL: u16 = 6;
const LAST_COL: u16 = COL_TOTAL;

/// Column widths (in Excel character units), A–G.
const WIDTHS: [f64; 7] = [8.0, 56.0, 10.0, 12.0, 18.0, 17.0, 18.0];
/// Characters of a description that fit on one line of column B, and the height of a line
/// (points), to size rows with wrapped descriptions.
const DESCRIPTION_CHARS_PER_LINE: usize = 70;
const LINE_HEIGHT: f64 = 14.0;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Fixed text (labels, descriptions).
    Text(String),
    /// The tender reference (checked on import).
    Reference(String),
    /// A price line's id in column A (checked on import: it maps rows to lines).
    LineId(String),
    /// A fixed number: a volume (checked on import).
    Volume(Decimal),
    /// A formula, without the leading `=` (checked on import).
    Formula(String),
    /// The input cell for the rate of the price line with this id.
    Rate { line: String, zero_allowed: bool },
    /// An empty cell that only carries a format (borders, fill).
    Blank,
}

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Subtitle,
    Label,
    Value,
    Heading,
    Instruction,
    Header,
    HeaderNumber,
    Component,
    Id,
    Text,
    Unit,
    Volume,
    Rate,
    Money,
    Empty,
    SubtotalLabel,
    Subtotal,
    TotalLabel,
    Total,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// 0-based row and column.
    pub row: u32,
    pub col: u16,
    pub content: Content,
    pub style: Style,
    /// Merge this cell with the cells to its right up to this column.
    pub merge_to: Option<u16>,
}

/// What a rate input cell is filled with when writing a filled copy (tests, examples).
#[derive(Debug, Clone, PartialEq)]
pub enum Fill {
    Number(f64),
    Text(String),
}

/// The whole form: cells, and what the document properties say.
#[derive(Debug, Clone)]
pub struct Form {
    /// The worksheet's name: [`SHEET`], or [`lot_sheet`] in a tender with lots.
    pub sheet: String,
    /// The lot this sheet is for, in a tender with lots.
    pub lot: Option<u32>,
    pub cells: Vec<Cell>,
    pub reference: String,
    /// Document title, e.g. `Bijlage D Prijsinvulformulier – Arbodienstverlening (WIJ-2026-001)`.
    pub title: String,
    pub subject: String,
    pub organisation: String,
    pub date: chrono::NaiveDate,
    /// Row of the column headings (0-based).
    pub header_row: u32,
    /// The total tender price cell.
    pub total_cell: (u32, u16),
    /// Subtotal cell per component in the total.
    pub subtotal_cells: Vec<(ComponentId, (u32, u16))>,
    /// Fixed row heights (points) of rows that need them (merged, wrapped text).
    pub row_heights: Vec<(u32, f64)>,
}

/// `F12` for (11, 5).
pub fn cell_name(row: u32, col: u16) -> String {
    let mut letters = String::new();
    let mut c = col as u32 + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// `Prijsinvulformulier!F12`, `'Perceel 2'!F12`: how messages name a cell (Excel's notation).
pub(crate) fn qualified(sheet: &str, row: u32, col: u16) -> String {
    if sheet.contains(' ') {
        format!("'{sheet}'!{}", cell_name(row, col))
    } else {
        format!("{sheet}!{}", cell_name(row, col))
    }
}

/// The column letter of a column (`F`).
pub(crate) fn column_name(col: u16) -> String {
    cell_name(0, col).trim_end_matches('1').to_string()
}

/// The annex letter of the price form (`D`), from the annex list.
pub(crate) fn annex_letter(requirements: &Requirements) -> String {
    requirements
        .annex("price_form")
        .map(|a| a.letter.clone())
        .unwrap_or_else(|| "D".to_string())
}

/// Output file stem: `bijlage-d-prijsinvulformulier`.
pub fn file_stem(requirements: &Requirements) -> String {
    format!(
        "bijlage-{}-prijsinvulformulier",
        annex_letter(requirements).to_lowercase()
    )
}

/// Which kinds of volume the form's lines state.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub(crate) struct VolumeKinds {
    pub per_4_weeks: bool,
    pub per_month: bool,
    /// Per year, per month or per 4 weeks: counted over the evaluation years.
    pub yearly: bool,
    pub once: bool,
    pub total: bool,
}

impl VolumeKinds {
    pub(crate) fn of(award: &AwardRules) -> VolumeKinds {
        let mut k = VolumeKinds::default();
        for v in award.price.lines.iter().filter_map(|l| l.volume) {
            match v {
                Volume::Per4Weeks(_) => (k.per_4_weeks, k.yearly) = (true, true),
                Volume::PerMonth(_) => (k.per_month, k.yearly) = (true, true),
                Volume::PerYear(_) => k.yearly = true,
                Volume::Once(_) => k.once = true,
                Volume::Total(_) => k.total = true,
            }
        }
        k
    }
}

/// How the evaluated volume follows from the stated volumes, for the kinds of volume the
/// form has: "Beoordelingsvolume = volume per jaar × 4 jaar; eenmalige posten tellen één keer."
pub(crate) fn volume_rule(award: &AwardRules) -> String {
    let k = VolumeKinds::of(award);
    let years = award.price.evaluation_years.value();
    let mut parts = Vec::new();
    if k.yearly {
        parts.push(format!(
            "Beoordelingsvolume = volume per jaar × {years} jaar"
        ));
    }
    if k.once {
        parts.push("eenmalige posten tellen één keer".to_string());
    }
    if k.total {
        parts.push("volumes voor de hele looptijd tellen één keer".to_string());
    }
    let mut out = parts.join("; ");
    if let Some(first) = out.get(..1).map(str::to_uppercase) {
        out.replace_range(..1, &first);
    }
    out.push('.');
    if k.per_4_weeks {
        out.push_str(&format!(
            " Volumes per 4 weken zijn omgerekend naar een jaar (× {FOUR_WEEK_PERIODS_PER_YEAR})."
        ));
    }
    if k.per_month {
        out.push_str(" Volumes per maand zijn omgerekend naar een jaar (× 12).");
    }
    out
}

/// The instructions printed above the table (one line each).
fn instructions(tender: &Tender, award: &AwardRules, lot: Option<&Lot>) -> Vec<String> {
    let d = AwardDerived::of(award);
    let rate_col = column_name(COL_RATE);
    let mut out = Vec::new();
    if let Some(lot) = lot {
        out.push(format!(
            "Dit blad is voor perceel {} ({}). Vul alleen de bladen in van de percelen waarvoor u \
             inschrijft, en die volledig; laat de bladen van de andere percelen helemaal leeg.",
            lot.number, lot.title
        ));
    }
    out.push(format!(
        "Vul per regel uw tarief in euro's, exclusief btw, in de gele cellen van kolom {rate_col} (Tarief) in. \
         Alle andere cellen zijn beveiligd."
    ));
    let pp = d.price_phrases;
    out.push(match (&pp.zero_scope, pp.zero_sentence.is_some()) {
        (Some(scope), _) => format!(
            "Alle tarieven zijn verplicht. Negatieve prijzen zijn niet toegestaan; een nulprijs is alleen \
             toegestaan in {scope}."
        ),
        (None, false) => {
            "Alle tarieven zijn verplicht. Negatieve prijzen en nulprijzen zijn niet toegestaan.".to_string()
        }
        (None, true) => {
            "Alle tarieven zijn verplicht. Negatieve prijzen zijn niet toegestaan; een nulprijs is toegestaan."
                .to_string()
        }
    });
    out.push(format!(
        "Regeltotaal = beoordelingsvolume × tarief. De totale inschrijfprijs is de som van de regeltotalen van {}.",
        pp.total_scope
    ));
    out.push(volume_rule(award));
    for c in award.price.components.iter().filter(|c| !c.in_total) {
        out.push(format!(
            "Component {} ({}) telt niet mee in de totale inschrijfprijs; de tarieven zijn wel verplicht.",
            c.id.as_str(),
            c.title.split(" – ").next().unwrap_or(&c.title).to_lowercase()
        ));
    }
    out.push(
        "De volumes zijn indicatief. Wijzig geen formules, volumes of teksten: een gewijzigd formulier maakt uw \
         inschrijving ongeldig."
            .to_string(),
    );
    out.push(format!(
        "Dien dit bestand ingevuld in als .xlsx-bestand bij uw inschrijving via {}.",
        tender.procedure.platform
    ));
    out
}

/// The layout of the price form of a tender without lots (one sheet).
pub fn form(tender: &Tender, requirements: &Requirements, award: &AwardRules) -> Form {
    sheet_form(tender, requirements, award, None)
}

/// The sheets of the price form: one per lot in a tender divided into lots, each with the
/// lot's price lines; otherwise the one sheet of [`form`].
pub fn forms(tender: &Tender, requirements: &Requirements, award: &AwardRules) -> Vec<Form> {
    match tender.lots.as_ref().filter(|l| l.divided) {
        Some(lots) => lots
            .items
            .iter()
            .map(|lot| sheet_form(tender, requirements, &lot_award(award, lot), Some(lot)))
            .collect(),
        None => vec![form(tender, requirements, award)],
    }
}

/// One sheet: the whole form, or (with `lot`) a lot's, `award` being the lot's rules.
fn sheet_form(
    tender: &Tender,
    requirements: &Requirements,
    award: &AwardRules,
    lot: Option<&Lot>,
) -> Form {
    let letter = annex_letter(requirements);
    let mut cells = Vec::new();
    let mut row_heights = Vec::new();
    let mut put = |row: u32, col: u16, content: Content, style: Style| {
        cells.push(Cell {
            row,
            col,
            content,
            style,
            merge_to: None,
        });
    };

    put(
        0,
        0,
        Content::Text(format!("Bijlage {letter} – Prijsinvulformulier")),
        Style::Title,
    );
    put(
        1,
        0,
        Content::Text(format!("{} – {}", tender.title, tender.organisation.name)),
        Style::Subtitle,
    );
    put(3, 0, Content::Text("Kenmerk".into()), Style::Label);
    put(
        REFERENCE_CELL.0,
        REFERENCE_CELL.1,
        Content::Reference(tender.reference.clone()),
        Style::Value,
    );
    put(4, 0, Content::Text("Datum".into()), Style::Label);
    put(4, 1, Content::Text(format::date(tender.date)), Style::Value);
    put(5, 0, Content::Text("Versie".into()), Style::Label);
    put(5, 1, Content::Text(tender.version.clone()), Style::Value);
    if let Some(lot) = lot {
        put(LOT_ROW, 0, Content::Text("Perceel".into()), Style::Label);
        put(
            LOT_ROW,
            1,
            Content::Text(format!("{} – {}", lot.number, lot.title)),
            Style::Value,
        );
    }

    put(7, 0, Content::Text("Instructies".into()), Style::Heading);
    let mut row = 8;
    for text in instructions(tender, award, lot) {
        cells.push(Cell {
            row,
            col: 0,
            content: Content::Text(text),
            style: Style::Instruction,
            merge_to: Some(LAST_COL),
        });
        row_heights.push((row, 16.0));
        row += 1;
    }
    row += 1;

    let header_row = row;
    let years = award.price.evaluation_years.value();
    let headers = [
        ("Nr.".to_string(), Style::Header),
        ("Omschrijving".to_string(), Style::Header),
        ("Eenheid".to_string(), Style::Header),
        ("Volume per jaar".to_string(), Style::HeaderNumber),
        (
            format!("Beoordelingsvolume ({years} jaar)"),
            Style::HeaderNumber,
        ),
        ("Tarief (€ excl. btw)".to_string(), Style::HeaderNumber),
        ("Totaal (€ excl. btw)".to_string(), Style::HeaderNumber),
    ];
    for (col, (text, style)) in headers.into_iter().enumerate() {
        cells.push(Cell {
            row,
            col: col as u16,
            content: Content::Text(text),
            style,
            merge_to: None,
        });
    }
    row_heights.push((row, 30.0));
    row += 1;

    let mut subtotal_cells = Vec::new();
    // Without components all lines form one group, without a heading or a subtotal; the total
    // then sums their line totals directly.
    let groups: Vec<(Option<&PriceComponent>, Vec<&PriceLine>)> =
        if award.price.components.is_empty() {
            vec![(None, award.lines_of(None).collect())]
        } else {
            award
                .price
                .components
                .iter()
                .map(|c| (Some(c), award.lines_of(Some(&c.id)).collect()))
                .collect()
        };
    let mut undivided_range = None;
    for (comp, lines) in groups {
        if lines.is_empty() {
            continue;
        }
        if let Some(comp) = comp {
            // Component heading row, filled across the table.
            let heading = if comp.in_total {
                comp.title.clone()
            } else {
                format!("{} (telt niet mee in de totale inschrijfprijs)", comp.title)
            };
            cells.push(Cell {
                row,
                col: COL_ID,
                content: Content::Text(comp.id.as_str().to_string()),
                style: Style::Component,
                merge_to: None,
            });
            cells.push(Cell {
                row,
                col: COL_DESCRIPTION,
                content: Content::Text(heading),
                style: Style::Component,
                merge_to: Some(LAST_COL),
            });
            row += 1;
        }
        let first = row;
        for l in &lines {
            let r = row;
            let mut put = |col: u16, content: Content, style: Style| {
                cells.push(Cell {
                    row: r,
                    col,
                    content,
                    style,
                    merge_to: None,
                });
            };
            put(COL_ID, Content::LineId(l.id.clone()), Style::Id);
            put(
                COL_DESCRIPTION,
                Content::Text(l.description.clone()),
                Style::Text,
            );
            // Spreadsheet applications do not grow rows for wrapped text on their own.
            let wrapped = l
                .description
                .chars()
                .count()
                .div_ceil(DESCRIPTION_CHARS_PER_LINE);
            if wrapped > 1 {
                row_heights.push((r, LINE_HEIGHT * wrapped as f64 + 2.0));
            }
            put(COL_UNIT, Content::Text(l.unit.clone()), Style::Unit);
            match l.volume_per_year() {
                Some(v) => put(COL_VOLUME_YEAR, Content::Volume(v), Style::Volume),
                None => put(COL_VOLUME_YEAR, Content::Blank, Style::Empty),
            }
            match award.evaluated_volume(l) {
                Some(v) => put(COL_VOLUME_EVALUATED, Content::Volume(v), Style::Volume),
                None => put(COL_VOLUME_EVALUATED, Content::Blank, Style::Empty),
            }
            put(
                COL_RATE,
                Content::Rate {
                    line: l.id.clone(),
                    zero_allowed: l.zero_allowed,
                },
                Style::Rate,
            );
            if award.evaluated_volume(l).is_some() {
                put(
                    COL_TOTAL,
                    Content::Formula(format!(
                        "{}*{}",
                        cell_name(r, COL_VOLUME_EVALUATED),
                        cell_name(r, COL_RATE)
                    )),
                    Style::Money,
                );
            } else {
                put(COL_TOTAL, Content::Blank, Style::Empty);
            }
            row += 1;
        }
        let last = row - 1;
        let Some(comp) = comp else {
            undivided_range = Some((first, last));
            row += 1;
            continue;
        };
        if comp.in_total {
            cells.push(Cell {
                row,
                col: COL_DESCRIPTION,
                content: Content::Text(format!("Subtotaal component {}", comp.id.as_str())),
                style: Style::SubtotalLabel,
                merge_to: None,
            });
            cells.push(Cell {
                row,
                col: COL_TOTAL,
                content: Content::Formula(format!(
                    "SUM({}:{})",
                    cell_name(first, COL_TOTAL),
                    cell_name(last, COL_TOTAL)
                )),
                style: Style::Subtotal,
                merge_to: None,
            });
            subtotal_cells.push((comp.id.clone(), (row, COL_TOTAL)));
            row += 1;
        }
        row += 1;
    }

    let total_scope = AwardDerived::of(award).price_phrases.total_scope;
    let total_cell = (row, COL_TOTAL);
    cells.push(Cell {
        row,
        col: COL_DESCRIPTION,
        content: Content::Text(match lot {
            Some(lot) => format!(
                "Totale inschrijfprijs perceel {} (som van {total_scope})",
                lot.number
            ),
            None => format!("Totale inschrijfprijs (som van {total_scope})"),
        }),
        style: Style::TotalLabel,
        merge_to: None,
    });
    for col in [
        COL_ID,
        COL_UNIT,
        COL_VOLUME_YEAR,
        COL_VOLUME_EVALUATED,
        COL_RATE,
    ] {
        cells.push(Cell {
            row,
            col,
            content: Content::Blank,
            style: Style::TotalLabel,
            merge_to: None,
        });
    }
    let mut sum: Vec<String> = subtotal_cells
        .iter()
        .map(|(_, (r, c))| cell_name(*r, *c))
        .collect();
    if let Some((first, last)) = undivided_range {
        sum.push(format!(
            "SUM({}:{})",
            cell_name(first, COL_TOTAL),
            cell_name(last, COL_TOTAL)
        ));
    }
    cells.push(Cell {
        row,
        col: COL_TOTAL,
        content: Content::Formula(sum.join("+")),
        style: Style::Total,
        merge_to: None,
    });

    Form {
        sheet: lot.map_or_else(|| SHEET.to_string(), |l| lot_sheet(l.number)),
        lot: lot.map(|l| l.number),
        cells,
        reference: tender.reference.clone(),
        title: format!(
            "Bijlage {letter} Prijsinvulformulier – {} ({})",
            tender.title, tender.reference
        ),
        subject: tender.title.clone(),
        organisation: tender.organisation.name.clone(),
        date: tender.date,
        header_row,
        total_cell,
        subtotal_cells,
        row_heights,
    }
}

/// Money as `€ 1.234,56` (Excel shows the separators of the user's locale).
pub(crate) const MONEY_FORMAT: &str = "\"€ \"#,##0.00";

/// A cell's format; colours are the house colours (`templates/house.toml`).
fn style_format(style: Style, whole_volume: bool, house: &HouseStyle) -> Format {
    let HouseStyle {
        accent,
        rule,
        header_fill,
        input_fill,
        component_fill,
        label,
    } = *house;
    let base = Format::new()
        .set_font_name("Calibri")
        .set_font_size(10.5)
        .set_align(FormatAlign::Top);
    let cell = |f: Format| {
        f.set_border_bottom(FormatBorder::Thin)
            .set_border_bottom_color(rule)
            .set_border_top(FormatBorder::Thin)
            .set_border_top_color(rule)
    };
    match style {
        Style::Title => base.set_bold().set_font_size(15).set_font_color(accent),
        Style::Subtitle => base.set_font_size(12),
        Style::Label => base.set_font_color(label),
        Style::Value => base.set_bold(),
        Style::Heading => base.set_bold().set_font_color(accent),
        Style::Instruction => base.set_text_wrap(),
        Style::Header => cell(base)
            .set_bold()
            .set_background_color(header_fill)
            .set_border_top(FormatBorder::Medium)
            .set_border_top_color(accent)
            .set_text_wrap(),
        Style::HeaderNumber => cell(base)
            .set_bold()
            .set_background_color(header_fill)
            .set_border_top(FormatBorder::Medium)
            .set_border_top_color(accent)
            .set_text_wrap()
            .set_align(FormatAlign::Right),
        Style::Component => cell(base).set_bold().set_background_color(component_fill),
        Style::Id => cell(base),
        Style::Text => cell(base).set_text_wrap(),
        Style::Unit => cell(base),
        Style::Volume => cell(base).set_num_format(if whole_volume { "#,##0" } else { "#,##0.00" }),
        Style::Rate => cell(base)
            .set_num_format(MONEY_FORMAT)
            .set_background_color(input_fill)
            .set_border_left(FormatBorder::Thin)
            .set_border_left_color(rule)
            .set_border_right(FormatBorder::Thin)
            .set_border_right_color(rule)
            .set_unlocked(),
        Style::Money => cell(base).set_num_format(MONEY_FORMAT),
        Style::Empty => cell(base),
        Style::SubtotalLabel => base.set_italic().set_align(FormatAlign::Right),
        Style::Subtotal => base
            .set_italic()
            .set_num_format(MONEY_FORMAT)
            .set_border_top(FormatBorder::Thin),
        Style::TotalLabel => base
            .set_bold()
            .set_background_color(header_fill)
            .set_border_top(FormatBorder::Medium)
            .set_border_top_color(accent)
            .set_border_bottom(FormatBorder::Double)
            .set_border_bottom_color(accent),
        Style::Total => base
            .set_bold()
            .set_num_format(MONEY_FORMAT)
            .set_background_color(header_fill)
            .set_border_top(FormatBorder::Medium)
            .set_border_top_color(accent)
            .set_border_bottom(FormatBorder::Double)
            .set_border_bottom_color(accent),
    }
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::Io {
        path: format!("{SHEET}.xlsx").into(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// The workbook with its structure protected (`<workbookProtection lockStructure="1"/>`): no
/// sheet can be added, hidden, renamed or moved without lifting it. rust_xlsxwriter protects
/// sheets only, so the element is added to `xl/workbook.xml` (after `workbookPr`, where the
/// schema wants it); the zip is rewritten with fixed dates, so the bytes stay deterministic.
fn protect_structure(xlsx: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(xlsx))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..input.len() {
        let mut entry = input.by_index(i)?;
        let name = entry.name()?.into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        if name == "xl/workbook.xml" {
            let xml = String::from_utf8_lossy(&data);
            let protection = "<workbookProtection lockStructure=\"1\"/>";
            let xml = match xml.find("<bookViews") {
                Some(at) => format!("{}{protection}{}", &xml[..at], &xml[at..]),
                None => xml.into_owned(),
            };
            data = xml.into_bytes();
        }
        out.start_file(name, options)?;
        out.write_all(&data)?;
    }
    Ok(out.finish()?.into_inner())
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

impl Form {
    /// The cell at a position.
    pub fn cell(&self, row: u32, col: u16) -> Option<&Cell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }

    /// The rate input cells: (line id, zero allowed, row, column), in line order.
    pub fn rate_cells(&self) -> impl Iterator<Item = (&str, bool, u32, u16)> {
        self.cells.iter().filter_map(|c| match &c.content {
            Content::Rate { line, zero_allowed } => {
                Some((line.as_str(), *zero_allowed, c.row, c.col))
            }
            _ => None,
        })
    }

    /// The rate cell of a line.
    pub fn rate_cell(&self, line: &str) -> Option<(u32, u16)> {
        self.rate_cells()
            .find(|(l, ..)| *l == line)
            .map(|(_, _, r, c)| (r, c))
    }

    /// The empty form as .xlsx bytes, in the house colours.
    pub fn to_xlsx(&self, house: &HouseStyle) -> Result<Vec<u8>> {
        self.to_xlsx_filled(house, &|_| None)
    }

    /// The form with rate cells filled by `fill` (line id → value), as .xlsx bytes. Formula
    /// results are not stored: a spreadsheet application computes them.
    pub fn to_xlsx_filled(
        &self,
        house: &HouseStyle,
        fill: &dyn Fn(&str) -> Option<Fill>,
    ) -> Result<Vec<u8>> {
        book_xlsx(std::slice::from_ref(self), house, &|_, line| fill(line))
    }

    /// Writes this form's worksheet into `workbook`.
    fn write_sheet(
        &self,
        workbook: &mut Workbook,
        house: &HouseStyle,
        fill: &dyn Fn(Option<u32>, &str) -> Option<Fill>,
    ) -> std::result::Result<(), XlsxError> {
        let sheet: &mut Worksheet = workbook.add_worksheet();
        sheet.set_name(&self.sheet)?;
        for (col, w) in WIDTHS.iter().enumerate() {
            sheet.set_column_width(col as u16, *w)?;
        }
        for (row, h) in &self.row_heights {
            sheet.set_row_height(*row, *h)?;
        }
        sheet.set_screen_gridlines(false);
        sheet.set_landscape();
        sheet.set_paper_size(9); // A4
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        // Excel limits a header to 255 characters, and `&` starts a header code: the names
        // are shortened and their ampersands doubled (`&&` prints one).
        let field = |s: &str| s.chars().take(100).collect::<String>().replace('&', "&&");
        sheet.set_header(
            format!(
                "&L&8{}&R&8{}",
                field(&self.organisation),
                field(&self.title)
            )
            .as_str(),
        );
        sheet.set_footer(format!("&L&8{}&R&8Pagina &P van &N", field(&self.sheet)).as_str());
        sheet.set_repeat_rows(self.header_row, self.header_row)?;

        for cell in &self.cells {
            let whole = matches!(cell.content, Content::Volume(v) if v.fract().is_zero());
            let format = style_format(cell.style, whole, house);
            let (row, col) = (cell.row, cell.col);
            if let Some(to) = cell.merge_to {
                let text = match &cell.content {
                    Content::Text(t) => t.as_str(),
                    _ => "",
                };
                sheet.merge_range(row, col, row, to, text, &format)?;
                continue;
            }
            match &cell.content {
                Content::Text(t) | Content::Reference(t) | Content::LineId(t) => {
                    sheet.write_string_with_format(row, col, t, &format)?;
                }
                Content::Volume(v) => {
                    sheet.write_number_with_format(row, col, to_f64(*v), &format)?;
                }
                Content::Formula(f) => {
                    sheet.write_formula_with_format(row, col, format!("={f}").as_str(), &format)?;
                }
                Content::Blank => {
                    sheet.write_blank(row, col, &format)?;
                }
                Content::Rate { line, zero_allowed } => {
                    match fill(self.lot, line) {
                        Some(Fill::Number(n)) => {
                            sheet.write_number_with_format(row, col, n, &format)?
                        }
                        Some(Fill::Text(t)) => {
                            sheet.write_string_with_format(row, col, &t, &format)?
                        }
                        None => sheet.write_blank(row, col, &format)?,
                    };
                    let rule = if *zero_allowed {
                        DataValidationRule::GreaterThanOrEqualTo(0.0)
                    } else {
                        DataValidationRule::GreaterThan(0.0)
                    };
                    let message = if *zero_allowed {
                        "Vul een bedrag in euro's in (0 of meer, geen negatieve prijzen)."
                    } else {
                        "Vul een bedrag in euro's in dat groter is dan 0 (een nulprijs of negatieve prijs is niet toegestaan)."
                    };
                    let validation = DataValidation::new()
                        .allow_decimal_number(rule)
                        .set_input_title(format!("Tarief {line}"))?
                        .set_input_message(message)?
                        .set_error_title("Ongeldig tarief")?
                        .set_error_message(message)?
                        .set_error_style(DataValidationErrorStyle::Stop);
                    sheet.add_data_validation(row, col, row, col, &validation)?;
                }
            }
        }
        if let Some((_, _, r, c)) = self.rate_cells().next() {
            sheet.set_selection(r, c, r, c)?;
        }
        sheet.protect();
        Ok(())
    }
}

/// The workbook of the price form's sheets (one, or one per lot), rate cells filled by `fill`
/// ((lot, line id) → value), as .xlsx bytes; the document properties are the first sheet's
/// (the tender's, the same on every sheet).
pub fn book_xlsx(
    forms: &[Form],
    house: &HouseStyle,
    fill: &dyn Fn(Option<u32>, &str) -> Option<Fill>,
) -> Result<Vec<u8>> {
    let bytes = write_book(forms, house, fill).map_err(xlsx_error)?;
    protect_structure(&bytes).map_err(|e| Error::Usage(format!("cannot write the price form: {e}")))
}

fn write_book(
    forms: &[Form],
    house: &HouseStyle,
    fill: &dyn Fn(Option<u32>, &str) -> Option<Fill>,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    if let Some(first) = forms.first() {
        // The tender's date as the creation (and modification) date: same data, same bytes.
        let created = ExcelDateTime::from_ymd(
            u16::try_from(first.date.year()).unwrap_or(1900),
            first.date.month() as u8,
            first.date.day() as u8,
        )?;
        let properties = DocProperties::new()
            .set_title(&first.title)
            .set_subject(&first.subject)
            .set_author(&first.organisation)
            .set_company(&first.organisation)
            .set_keywords(&first.reference)
            .set_creation_datetime(&created)
            .set_custom_property(REFERENCE_PROPERTY, first.reference.as_str());
        workbook.set_properties(&properties);
        workbook.define_name(
            REFERENCE_NAME,
            &format!("=\"{}\"", first.reference.replace('"', "\"\"")),
        )?;
    }
    for form in forms {
        form.write_sheet(&mut workbook, house, fill)?;
    }
    workbook.save_to_buffer()
}
