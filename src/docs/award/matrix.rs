//! The beoordelingsmatrix: the evaluation as a workbook for the committee
//! (`intern/beoordelingsmatrix.xlsx`). One sheet with a row per bid (status, per criterion
//! score and points, price, price points or fictitious price, total, rank), a second with the
//! committee's reasons per criterion.
//!
//! Every number is a value computed by [`crate::evaluation`], the same the proces-verbaal and
//! the letters print; no formula that could disagree with them. Internal: it names every
//! bidder and their scores, so it stays in `intern/` with the other records (art. 2.57 Aw 2012
//! limits what a letter may show, not the committee's own file).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::views::{Ranked, Views};
use super::{OutFile, intern_dir};
use crate::docs::house::HouseStyle;
use crate::docs::price_form::sheet::MONEY_FORMAT;
use crate::error::{Error, Result};
use crate::evaluation::Outcome;
use crate::model::Project;
use crate::model::award::BasisKind;

/// `intern/beoordelingsmatrix.xlsx`.
pub fn matrix_file(project: &Project) -> std::path::PathBuf {
    intern_dir(project).join("beoordelingsmatrix.xlsx")
}

/// The names of the two sheets.
pub const SHEET: &str = "Beoordeling";
pub const REASONS_SHEET: &str = "Onderbouwing";

/// The row of the first sheet's column headings (0-based); the bids follow.
pub const HEADER_ROW: u32 = 3;

/// The workbook, once there are bids and a decision (as the letters): none before.
pub fn plan_file(
    project: &Project,
    outline: &crate::docs::itt::Outline,
    outcome: Option<&Outcome>,
    house: &HouseStyle,
) -> Result<Option<OutFile>> {
    if project.bids.is_empty() {
        return Ok(None);
    }
    let (Some(decision), Some(outcome)) = (&project.decision, outcome) else {
        return Ok(None);
    };
    let views = Views::new(project, outline, decision, outcome);
    out_file(project, &views, outcome, decision.consensus_on, house).map(Some)
}

/// The workbook for the decision `views` was made from.
pub(crate) fn out_file(
    project: &Project,
    views: &Views,
    outcome: &Outcome,
    date: NaiveDate,
    house: &HouseStyle,
) -> Result<OutFile> {
    let path = matrix_file(project);
    let bytes = write(project, views, outcome, date, house).map_err(|e| Error::Io {
        path: path.clone(),
        source: std::io::Error::other(e.to_string()),
    })?;
    Ok(OutFile { path, bytes })
}

/// What a column shows of a ranked bid.
type Value<'a> = Box<dyn Fn(&Ranked) -> Option<Decimal> + 'a>;

/// One column of the first sheet: its heading, width and what each ranked bid shows.
struct Column<'a> {
    heading: String,
    width: f64,
    kind: Kind,
    value: Value<'a>,
}

#[derive(Clone, Copy)]
enum Kind {
    Money,
    Whole,
    /// Points, with the decimals of award.yaml's rounding of price, quality and total points.
    PricePoints,
    QualityPoints,
    TotalPoints,
}

fn columns<'a>(project: &Project, views: &'a Views, outcome: &'a Outcome) -> Vec<Column<'a>> {
    let common = &views.common;
    let result = move |id: &str| outcome.evaluation.ranking.iter().find(|r| r.id == id);
    let mut cols: Vec<Column<'a>> = Vec::new();
    let basis = &project.award.basis.kind;
    if !matches!(basis, BasisKind::LowestPrice) {
        for (i, head) in common.criteria.iter().enumerate() {
            cols.push(Column {
                heading: format!("{} score", head.id),
                width: 9.0,
                kind: Kind::Whole,
                value: Box::new(move |r: &Ranked| {
                    r.criteria.get(i).map(|c| Decimal::from(c.score))
                }),
            });
            cols.push(Column {
                heading: format!("{} punten (max. {})", head.id, head.max.normalize()),
                width: 12.0,
                kind: Kind::QualityPoints,
                value: Box::new(move |r: &Ranked| r.criteria.get(i).map(|c| c.points)),
            });
        }
        cols.push(Column {
            heading: format!("Kwaliteitspunten (max. {})", common.quality.max.normalize()),
            width: 16.0,
            kind: Kind::QualityPoints,
            value: Box::new(|r: &Ranked| Some(r.quality_points)),
        });
    }
    if let BasisKind::Value { .. } = basis {
        cols.push(Column {
            heading: "Waarde kwaliteit".into(),
            width: 16.0,
            kind: Kind::Money,
            value: Box::new(move |r: &Ranked| result(&r.id).and_then(|b| b.quality_value)),
        });
    }
    cols.push(Column {
        heading: "Totale inschrijfprijs".into(),
        width: 17.0,
        kind: Kind::Money,
        value: Box::new(|r: &Ranked| Some(r.total_price)),
    });
    match basis {
        BasisKind::Points => {
            cols.push(Column {
                heading: format!("Prijspunten (max. {})", common.price.max.normalize()),
                width: 13.0,
                kind: Kind::PricePoints,
                value: Box::new(|r: &Ranked| Some(r.price_points)),
            });
            cols.push(Column {
                heading: format!("Totaal punten (max. {})", common.total_max.normalize()),
                width: 14.0,
                kind: Kind::TotalPoints,
                value: Box::new(|r: &Ranked| Some(r.total_points)),
            });
        }
        BasisKind::Value { .. } => cols.push(Column {
            heading: "Fictieve prijs".into(),
            width: 17.0,
            kind: Kind::Money,
            value: Box::new(move |r: &Ranked| result(&r.id).and_then(|b| b.fictitious_price)),
        }),
        BasisKind::LowestPrice => {}
    }
    cols
}

/// The workbook's bytes. The decision's date is its creation date: same data, same bytes.
fn write(
    project: &Project,
    views: &Views,
    outcome: &Outcome,
    date: NaiveDate,
    house: &HouseStyle,
) -> std::result::Result<Vec<u8>, XlsxError> {
    let f = Formats::new(house, &views.common);
    let mut workbook = Workbook::new();
    let t = &project.tender;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(1900),
        date.month() as u8,
        date.day() as u8,
    )?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Beoordelingsmatrix {}", t.title))
            .set_subject(&t.reference)
            .set_author(&t.organisation.name)
            .set_company(&t.organisation.name)
            .set_creation_datetime(&created),
    );

    // Sheet 1: a row per bid.
    let cols = columns(project, views, outcome);
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET)?;
    page_setup(sheet, project, SHEET)?;
    let report = &views.report;
    let note_col = (3 + cols.len()) as u16;
    sheet.write_string_with_format(0, 0, format!("Beoordelingsmatrix – {}", t.title), &f.title)?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "{} · {} · gunningscriterium: {} · consensus {}",
            t.reference,
            t.organisation.name,
            views.common.basis,
            crate::format::date(report.consensus_on)
        ),
        &f.subtitle,
    )?;
    let headings = ["Rang", "Inschrijver", "Status"];
    let widths = [6.0, 30.0, 16.0];
    for (c, (h, w)) in headings.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, *h, &f.header)?;
        sheet.set_column_width(c as u16, w)?;
    }
    for (i, col) in cols.iter().enumerate() {
        let c = 3 + i as u16;
        sheet.write_string_with_format(HEADER_ROW, c, &col.heading, &f.header_number)?;
        sheet.set_column_width(c, col.width)?;
    }
    sheet.write_string_with_format(HEADER_ROW, note_col, "Toelichting", &f.header)?;
    sheet.set_column_width(note_col, 60.0)?;
    sheet.set_row_height(HEADER_ROW, 30)?;
    let mut row = HEADER_ROW + 1;
    for r in &report.ranked {
        sheet.write_number_with_format(row, 0, f64::from(r.rank), &f.whole)?;
        sheet.write_string_with_format(row, 1, &r.name, &f.text)?;
        let status = if outcome.evaluation.winner.as_deref() == Some(r.id.as_str()) {
            "Geldig – winnaar"
        } else {
            "Geldig"
        };
        sheet.write_string_with_format(row, 2, status, &f.text)?;
        sheet.write_string_with_format(row, note_col, tie_note(r.tie_break), &f.text)?;
        for (i, col) in cols.iter().enumerate() {
            let c = 3 + i as u16;
            match (col.value)(r) {
                Some(v) => sheet.write_number_with_format(row, c, to_f64(v), f.of(col.kind))?,
                None => sheet.write_blank(row, c, &f.text)?,
            };
        }
        row += 1;
    }
    for e in &report.excluded {
        sheet.write_blank(row, 0, &f.text)?;
        sheet.write_string_with_format(row, 1, &e.name, &f.text)?;
        sheet.write_string_with_format(row, 2, "Uitgesloten", &f.text)?;
        for c in 3..note_col {
            sheet.write_blank(row, c, &f.text)?;
        }
        sheet.write_string_with_format(row, note_col, &e.record, &f.text)?;
        sheet.set_row_height(row, row_height(&[(&e.record, 60.0)]))?;
        row += 1;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 2)?;
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.autofilter(
        HEADER_ROW,
        0,
        row.saturating_sub(1).max(HEADER_ROW),
        note_col,
    )?;

    // Sheet 2: the reasons per bid and criterion.
    let sheet = workbook.add_worksheet();
    sheet.set_name(REASONS_SHEET)?;
    page_setup(sheet, project, REASONS_SHEET)?;
    let headings = [
        ("Inschrijver", 24.0),
        ("Criterium", 26.0),
        ("Score", 14.0),
        ("Punten", 9.0),
        ("Sterke punten", 48.0),
        ("Zwakke punten", 48.0),
        ("Waarom niet het maximum", 40.0),
    ];
    for (c, (h, w)) in headings.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &f.header)?;
        sheet.set_column_width(c as u16, *w)?;
    }
    let mut row = 1;
    for r in &report.ranked {
        for c in &r.criteria {
            let criterion = format!("{} {}", c.id, c.title);
            let (strengths, weaknesses, why) = (
                bullets(&c.strengths),
                bullets(&c.weaknesses),
                bullets(&c.why_not_maximum),
            );
            sheet.write_string_with_format(row, 0, &r.name, &f.text)?;
            sheet.write_string_with_format(row, 1, &criterion, &f.text)?;
            sheet.write_string_with_format(
                row,
                2,
                format!("{} ({})", c.score, c.label),
                &f.text,
            )?;
            sheet.write_number_with_format(row, 3, to_f64(c.points), &f.points_quality)?;
            sheet.write_string_with_format(row, 4, &strengths, &f.text)?;
            sheet.write_string_with_format(row, 5, &weaknesses, &f.text)?;
            sheet.write_string_with_format(row, 6, &why, &f.text)?;
            sheet.set_row_height(
                row,
                row_height(&[
                    (&r.name, 24.0),
                    (&criterion, 26.0),
                    (&strengths, 48.0),
                    (&weaknesses, 48.0),
                    (&why, 40.0),
                ]),
            )?;
            row += 1;
        }
    }
    if row == 1 {
        sheet.write_string_with_format(1, 0, "Geen kwaliteitscriteria beoordeeld.", &f.text)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    sheet.set_repeat_rows(0, 0)?;
    workbook.save_to_buffer()
}

/// Landscape A4, fitted to the page's width, with the tender and "vertrouwelijk" in the
/// header.
fn page_setup(
    sheet: &mut Worksheet,
    project: &Project,
    name: &str,
) -> std::result::Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sheet.set_screen_gridlines(false);
    let field = |s: &str| s.chars().take(100).collect::<String>().replace('&', "&&");
    sheet.set_header(
        format!(
            "&L&8{}&R&8Vertrouwelijk – {}",
            field(&project.tender.organisation.name),
            field(&project.tender.reference)
        )
        .as_str(),
    );
    sheet.set_footer(format!("&L&8Beoordelingsmatrix – {name}&R&8Pagina &P van &N").as_str());
    Ok(())
}

/// How a tie on total points was settled (section 2.7 of the invitation), for the committee.
fn tie_note(tie_break: &str) -> &'static str {
    match tie_break {
        "quality" => "Gelijk totaal; rangorde bepaald op de kwaliteitscriteria",
        "lottery" => "Gelijk totaal; rangorde bepaald door loting",
        "shared" => "Gelijk totaal; gedeelde rang",
        _ => "",
    }
}

/// A list as lines starting with a bullet.
fn bullets(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("• {}", s.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A row's height in points for wrapped texts in columns of the given widths (characters):
/// the tallest cell's lines at 13 points each (Excel does not fit rows when opening).
fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width * 1.2).max(1.0) as usize;
            text.lines()
                .map(|l| l.chars().count().div_ceil(per_line).max(1))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
        .max(1);
    (lines as f64 * 13.0 + 3.0).min(409.0)
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The cell formats, in the house colours.
struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    header_number: Format,
    text: Format,
    whole: Format,
    money: Format,
    points_price: Format,
    points_quality: Format,
    points_total: Format,
}

impl Formats {
    fn new(house: &HouseStyle, common: &super::views::Common) -> Formats {
        let base = Format::new()
            .set_font_name("Calibri")
            .set_font_size(10.5)
            .set_align(FormatAlign::Top);
        let cell = base
            .clone()
            .set_border_bottom(FormatBorder::Thin)
            .set_border_bottom_color(house.rule);
        let header = cell
            .clone()
            .set_bold()
            .set_background_color(house.header_fill)
            .set_border_top(FormatBorder::Medium)
            .set_border_top_color(house.accent)
            .set_text_wrap();
        let points = |decimals: u32| {
            let format = match decimals {
                0 => "0".to_string(),
                n => format!("0.{}", "0".repeat(n as usize)),
            };
            cell.clone().set_num_format(format)
        };
        let (pd, qd) = (common.price_decimals, common.quality_decimals);
        Formats {
            title: base
                .clone()
                .set_bold()
                .set_font_size(15)
                .set_font_color(house.accent),
            subtitle: base.clone().set_font_color(house.label),
            header_number: header.clone().set_align(FormatAlign::Right),
            header,
            text: cell.clone().set_text_wrap(),
            whole: cell.clone().set_num_format("0"),
            money: cell.clone().set_num_format(MONEY_FORMAT),
            points_price: points(pd),
            points_quality: points(qd),
            points_total: points(pd.max(qd)),
        }
    }

    fn of(&self, kind: Kind) -> &Format {
        match kind {
            Kind::Money => &self.money,
            Kind::Whole => &self.whole,
            Kind::PricePoints => &self.points_price,
            Kind::QualityPoints => &self.points_quality,
            Kind::TotalPoints => &self.points_total,
        }
    }
}
