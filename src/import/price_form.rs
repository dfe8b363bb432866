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

use std::path::Path;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;

use super::workbook_compare::normal_formula;
use crate::docs::price_form::sheet::{
    self, Content, Form, REFERENCE_NAME, REFERENCE_PROPERTY, SHEET, qualified,
};
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation::check_rate;
use crate::evaluation::convert::scoring_rules;
use crate::evaluation::scoring::{self, ScoringError};
use crate::model::award::AwardRules;

/// The rates read from a form that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
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
    // The price lines as the evaluation reads them (`gen prices import` has checked that it
    // accepts the rules, naming the data folder's award.yaml).
    let lines = scoring_rules(award, Path::new("award.yaml"))
        .map_err(Error::Data)?
        .lines;
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut problem =
        |field: String, message: String| problems.push(Diagnostic::new(path, field, message));

    // Read bounded first (a hostile file stops here), and compared with the form we write.
    let exactness = super::workbook_exact::price_form_problems(path, form)?;
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e| {
        Error::data(Diagnostic::new(
            path,
            "",
            format!("not a readable .xlsx price form: {e}"),
        ))
    })?;
    if !book.sheet_names().iter().any(|n| n == SHEET) {
        return Err(Error::data(Diagnostic::new(
            path,
            "",
            format!(
                "no sheet `{SHEET}` (found {}): this is not the price form",
                book.sheet_names().join(", ")
            ),
        )));
    }
    let values = book.worksheet_range(SHEET).map_err(|e| {
        Error::data(Diagnostic::new(
            path,
            SHEET,
            format!("cannot read the sheet: {e}"),
        ))
    })?;
    let formulas = book.worksheet_formula(SHEET).map_err(|e| {
        Error::data(Diagnostic::new(
            path,
            SHEET,
            format!("cannot read the formulas: {e}"),
        ))
    })?;

    // The tender reference: in the cell, and in the defined name and document property
    // where those are present.
    let expected = &form.reference;
    let (rr, rc) = sheet::REFERENCE_CELL;
    match values.get_value((rr, rc as u32)) {
        Some(Data::String(s)) if s.trim() == expected => {}
        Some(other) if !matches!(other, Data::Empty) => problem(
            qualified(rr, rc),
            format!(
                "the form is for tender {}, not {expected}",
                describe(other).trim_start_matches("the text ")
            ),
        ),
        _ => problem(
            qualified(rr, rc),
            format!("the tender reference {expected} is missing"),
        ),
    }
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

    // The locked part: formulas, volumes and line ids as we generate them; no other formulas.
    let formula_at = |row: u32, col: u16| -> Option<String> {
        formulas
            .get_value((row, col as u32))
            .filter(|f| !f.trim().is_empty())
            .cloned()
    };
    for cell in &form.cells {
        let at = qualified(cell.row, cell.col);
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
                qualified(row, col),
                format!("{what} (found `={}`)", f.trim_start_matches('=')),
            );
        }
    }

    // The rates.
    let mut rates = Vec::new();
    for (line_id, _, row, col) in form.rate_cells() {
        let at = qualified(row, col);
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
            Err(e) => problem(at, format!("{label}: {}", rate_problem(&e))),
        }
    }

    // Differences the checks above did not already name.
    let named: std::collections::BTreeSet<String> =
        problems.iter().map(|d| d.field.clone()).collect();
    problems.extend(exactness.into_iter().filter(|d| !named.contains(&d.field)));
    if !problems.is_empty() {
        return Err(Error::Data(problems));
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
    Ok(Imported { rates, total })
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
