//! Reading a filled price form (.xlsx) back: the rates per price line, checked against the
//! layout we generate ([`sheet::form`]) and, through the evaluation
//! ([`crate::evaluation::check_rate`], [`scoring::total_price`]), the price rules of
//! `data/award.yaml`.
//!
//! A form is rejected (every problem reported, naming the cell, e.g. `Prijsinvulformulier!F12`)
//! when a rate is empty, not a number, a formula, negative, or zero where zero is not allowed;
//! when it belongs to another tender (reference cell, defined name or document property); or
//! when the locked part was changed: a formula, a volume or a line id differs from what we
//! generate, or a formula was added; or when anything but the values of the rate cells differs
//! from the form `gen` writes ([`super::workbook_exact`]: sheets, texts, formats, validations,
//! protection, comments, cells outside the form).
//!
//! In a tender divided into lots the workbook has a sheet per lot ([`read_lots`]): a sheet
//! whose rate cells are all empty is a lot the bidder does not tender for; a sheet with some
//! rates filled must have all of them (a half-filled sheet is refused, naming sheet and cell).

use std::path::Path;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;

use super::workbook_compare::normal_formula;
use crate::docs::price_form::sheet::{
    self, Content, Form, REFERENCE_NAME, REFERENCE_PROPERTY, qualified,
};
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation::check_rate;
use crate::evaluation::convert::scoring_rules;
use crate::evaluation::scoring::{self, ScoringError};
use crate::model::award::AwardRules;

/// The rates read from a form (or, with lots, one lot's sheet) that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The lot of the sheet, in a tender with lots.
    pub lot: Option<u32>,
    /// (line id, rate) in the order of the price lines.
    pub rates: Vec<(String, Decimal)>,
    /// The total tender price computed from them ([`scoring::total_price`]).
    pub total: Decimal,
}

/// A number read from a cell as an exact decimal: the shortest decimal that round-trips the
/// stored binary value (`95.5`, not `95.4999…`).
fn cell_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    Decimal::from_str(&value.to_string()).ok()
}

fn describe(d: &Data) -> String {
    match d {
        Data::Empty => "empty".to_string(),
        Data::String(s) => format!("the text {s:?}"),
        Data::Float(f) => format!("the number {f}"),
        Data::Int(i) => format!("the number {i}"),
        Data::Bool(b) => format!("the value {b}"),
        Data::Error(e) => format!("the error {e}"),
        other => format!("{other}"),
    }
}

/// Reads and checks the filled form at `path`. Nothing is returned unless every check passed.
pub fn read(path: &Path, form: &Form, award: &AwardRules) -> Result<Imported> {
    let sheets = [(form.clone(), award.clone())];
    let mut read = read_sheets(path, &sheets)?;
    Ok(read.remove(0))
}

/// Reads and checks a filled price form with a sheet per lot: `sheets` are the lots' forms
/// with the lots' award rules ([`crate::model::lots::lot_award`]). Returns the lots whose
/// sheet was filled in, in sheet order; an empty sheet is a lot the bidder does not tender
/// for. Nothing is returned unless every check passed on every sheet, and at least one sheet
/// was filled in.
pub fn read_lots(path: &Path, sheets: &[(Form, AwardRules)]) -> Result<Vec<Imported>> {
    let read = read_sheets(path, sheets)?;
    if read.is_empty() {
        return Err(Error::data(Diagnostic::new(
            path,
            "",
            format!(
                "no sheet is filled in: fill in the sheet of every lot you tender for ({})",
                sheets
                    .iter()
                    .map(|(f, _)| f.sheet.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )));
    }
    Ok(read)
}

/// The checks of every sheet; the rates of each sheet that is filled in (every sheet without
/// lots).
fn read_sheets(path: &Path, sheets: &[(Form, AwardRules)]) -> Result<Vec<Imported>> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let forms: Vec<Form> = sheets.iter().map(|(f, _)| f.clone()).collect();
    // Read bounded first (a hostile file stops here), and compared with the form we write.
    let exactness = super::workbook_exact::price_form_problems(path, &forms)?;
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e| {
        Error::data(Diagnostic::new(
            path,
            "",
            format!("not a readable .xlsx price form: {e}"),
        ))
    })?;
    let Some((first, _)) = sheets.first() else {
        return Ok(Vec::new());
    };
    let expected = &first.reference;
    {
        let mut problem =
            |field: String, message: String| problems.push(Diagnostic::new(path, field, message));
        let quoted = format!("\"{}\"", expected.replace('"', "\"\""));
        for (name, formula) in book.defined_names() {
            if name == REFERENCE_NAME {
                let f = formula.trim().trim_start_matches('=');
                if f != quoted {
                    problem(
                        format!("defined name {REFERENCE_NAME}"),
                        format!("the form is for tender {f}, not {expected}"),
                    );
                }
            }
        }
        if let Ok(props) = book.workbook_properties()
            && let Some(v) = props.custom_properties.get(REFERENCE_PROPERTY)
            && v.trim() != expected
        {
            problem(
                format!("document property `{REFERENCE_PROPERTY}`"),
                format!("the form is for tender {v}, not {expected}"),
            );
        }
    }
    let mut read = Vec::new();
    for (form, award) in sheets {
        if let Some(imported) = read_sheet(path, &mut book, form, award, &mut problems)? {
            read.push(imported);
        }
    }

    // Differences the checks above did not already name.
    let named: std::collections::BTreeSet<String> =
        problems.iter().map(|d| d.field.clone()).collect();
    problems.extend(exactness.into_iter().filter(|d| !named.contains(&d.field)));
    if !problems.is_empty() {
        return Err(Error::Data(problems));
    }
    Ok(read)
}

/// One sheet's checks (into `problems`) and rates: `None` when it has problems, or when it is
/// a lot's sheet left empty.
fn read_sheet(
    path: &Path,
    book: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    form: &Form,
    award: &AwardRules,
    problems: &mut Vec<Diagnostic>,
) -> Result<Option<Imported>> {
    let sheet_name = form.sheet.as_str();
    // The price lines as the evaluation reads them (`gen prices import` has checked that it
    // accepts the rules, naming the data folder's award.yaml).
    let lines = scoring_rules(award, Path::new("award.yaml"))
        .map_err(Error::Data)?
        .lines;
    let before = problems.len();
    let mut problem =
        |field: String, message: String| problems.push(Diagnostic::new(path, field, message));
    if !book.sheet_names().iter().any(|n| n == sheet_name) {
        return Err(Error::data(Diagnostic::new(
            path,
            "",
            format!(
                "no sheet `{sheet_name}` (found {}): this is not the price form",
                book.sheet_names().join(", ")
            ),
        )));
    }
    let values = book.worksheet_range(sheet_name).map_err(|e| {
        Error::data(Diagnostic::new(
            path,
            sheet_name,
            format!("cannot read the sheet: {e}"),
        ))
    })?;
    let formulas = book.worksheet_formula(sheet_name).map_err(|e| {
        Error::data(Diagnostic::new(
            path,
            sheet_name,
            format!("cannot read the formulas: {e}"),
        ))
    })?;

    // The tender reference in the cell (the defined name and document property are the
    // workbook's, checked once).
    let expected = &form.reference;
    let (rr, rc) = sheet::REFERENCE_CELL;
    match values.get_value((rr, rc as u32)) {
        Some(Data::String(s)) if s.trim() == expected => {}
        Some(other) if !matches!(other, Data::Empty) => problem(
            qualified(sheet_name, rr, rc),
            format!(
                "the form is for tender {}, not {expected}",
                describe(other).trim_start_matches("the text ")
            ),
        ),
        _ => problem(
            qualified(sheet_name, rr, rc),
            format!("the tender reference {expected} is missing"),
        ),
    }

    // The locked part: formulas, volumes and line ids as we generate them; no other formulas.
    let formula_at = |row: u32, col: u16| -> Option<String> {
        formulas
            .get_value((row, col as u32))
            .filter(|f| !f.trim().is_empty())
            .cloned()
    };
    for cell in &form.cells {
        let at = qualified(sheet_name, cell.row, cell.col);
        let value = values
            .get_value((cell.row, cell.col as u32))
            .unwrap_or(&Data::Empty);
        match &cell.content {
            Content::Formula(f) => match formula_at(cell.row, cell.col) {
                Some(found) if normal_formula(&found) == normal_formula(f) => {}
                Some(found) => problem(
                    at,
                    format!(
                        "the formula was changed to `={}` (expected `={f}`); the standard formulas may not be changed",
                        found.trim_start_matches('=')
                    ),
                ),
                None => problem(
                    at,
                    format!(
                        "the formula `={f}` was removed; the standard formulas may not be changed"
                    ),
                ),
            },
            Content::Volume(v) => {
                let found = match value {
                    Data::Float(x) => cell_decimal(*x),
                    Data::Int(i) => Some(Decimal::from(*i)),
                    _ => None,
                };
                if found != Some(*v) || formula_at(cell.row, cell.col).is_some() {
                    problem(
                        at,
                        format!(
                            "the volume was changed to {} (expected {v}); the volumes may not be changed",
                            describe(value)
                        ),
                    );
                }
            }
            Content::LineId(id) if !matches!(value, Data::String(s) if s.trim() == id) => {
                problem(
                    at,
                    format!(
                        "expected price line {id} here, found {}; rows may not be changed",
                        describe(value)
                    ),
                );
            }
            _ => {}
        }
    }
    let formula_cells: std::collections::BTreeSet<(u32, u16)> = form
        .cells
        .iter()
        .filter(|c| matches!(c.content, Content::Formula(_)))
        .map(|c| (c.row, c.col))
        .collect();
    let rate_cells: std::collections::BTreeSet<(u32, u16)> =
        form.rate_cells().map(|(_, _, r, c)| (r, c)).collect();
    if let Some((r0, c0)) = formulas.start() {
        for (r, c, f) in formulas.used_cells() {
            let (row, col) = (r0 + r as u32, (c0 as usize + c) as u16);
            if f.trim().is_empty() || formula_cells.contains(&(row, col)) {
                continue;
            }
            let what = if rate_cells.contains(&(row, col)) {
                "a rate must be a number, not a formula"
            } else {
                "a formula was added; the form may not be changed"
            };
            problem(
                qualified(sheet_name, row, col),
                format!("{what} (found `={}`)", f.trim_start_matches('=')),
            );
        }
    }

    // A lot's sheet with every rate cell empty: the bidder does not tender for the lot.
    let blank = |row: u32, col: u16| {
        formula_at(row, col).is_none()
            && match values.get_value((row, col as u32)) {
                None | Some(Data::Empty) => true,
                Some(Data::String(s)) => s.trim().is_empty(),
                _ => false,
            }
    };
    if form.lot.is_some() && form.rate_cells().all(|(_, _, r, c)| blank(r, c)) {
        return Ok(None);
    }

    // The rates.
    let mut rates = Vec::new();
    for (line_id, _, row, col) in form.rate_cells() {
        let at = qualified(sheet_name, row, col);
        let Some(line) = award.line(line_id) else {
            continue;
        };
        let label = format!("line {} ({})", line.id, line.description);
        if formula_at(row, col).is_some() {
            continue; // reported above
        }
        let value = values.get_value((row, col as u32)).unwrap_or(&Data::Empty);
        let rate = match value {
            Data::Empty => None,
            Data::Float(x) => match cell_decimal(*x) {
                Some(d) => Some(d),
                None => {
                    problem(at, format!("{label}: the rate {x} is not a usable number"));
                    continue;
                }
            },
            Data::Int(i) => Some(Decimal::from(*i)),
            Data::String(s) if s.trim().is_empty() => None,
            other => {
                problem(
                    at,
                    format!("{label}: the rate is {}, not a number", describe(other)),
                );
                continue;
            }
        };
        let Some(scored) = lines.iter().find(|l| l.id == line.id) else {
            continue;
        };
        match check_rate(scored, rate) {
            Ok(r) => rates.push((line.id.clone(), r)),
            Err(ScoringError::MissingRate { .. }) if form.lot.is_some() => problem(
                at,
                format!(
                    "{label}: no rate given; the sheet of a lot you tender for must be filled \
                     in completely (an incomplete price form makes the bid for this lot \
                     invalid), the sheet of a lot you do not tender for left empty"
                ),
            ),
            Err(e) => problem(at, format!("{label}: {}", rate_problem(&e))),
        }
    }
    if problems.len() > before {
        return Ok(None);
    }
    let by_line = rates.iter().cloned().collect();
    let total = scoring::total_price("", &lines, &by_line).map_err(|e| {
        let line = match &e {
            ScoringError::MissingRate { line, .. }
            | ScoringError::NegativeRate { line, .. }
            | ScoringError::ZeroRate { line, .. }
            | ScoringError::UnknownPriceLine { line, .. } => line.clone(),
            _ => String::new(),
        };
        Error::data(Diagnostic::new(
            path,
            format!("price line {line}"),
            rate_problem(&e),
        ))
    })?;
    Ok(Some(Imported {
        lot: form.lot,
        rates,
        total,
    }))
}

/// What is wrong with a rate on the form, in the words the bidder's form is judged by.
fn rate_problem(e: &ScoringError) -> String {
    match e {
        ScoringError::MissingRate { .. } => {
            "no rate given (an incomplete price form makes the bid invalid)".to_string()
        }
        ScoringError::NegativeRate { .. } => "negative prices are not allowed".to_string(),
        ScoringError::ZeroRate { component, .. } if component.is_empty() => {
            "a zero price is not allowed".to_string()
        }
        ScoringError::ZeroRate { component, .. } => {
            format!("a zero price is not allowed in component {component:?}")
        }
        ScoringError::UnknownPriceLine { line, .. } => {
            format!("no price line `{line}` on the price form")
        }
        other => other.to_string(),
    }
}
