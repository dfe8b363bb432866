//! Whether a filled workbook is, apart from the values of its input cells, exactly the workbook
//! `gen` wrote: the same sheets in the same order, all visible; the workbook structure
//! protected; per sheet the same protection, data validations and merged ranges; per cell the
//! same text, number, formula, number format and lock; no comments, drawings or other parts;
//! nothing in a cell `gen` left empty. The expected workbook is what the same writer produces
//! for the current form ([`super::workbook::read_bytes`] of its bytes), so the check follows
//! the form's layout whatever it is.

use std::collections::BTreeSet;

use super::workbook::{Book, Value, Visibility, XCell, cell_name};

/// A difference: where (`Sheet!F12`, `Sheet`, or the workbook as `""`) and what.
pub(crate) type Difference = (String, String);

/// Formula text as compared: without `=`, spaces and `$`, upper case.
pub(crate) fn normal_formula(f: &str) -> String {
    f.trim()
        .trim_start_matches('=')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '$')
        .flat_map(char::to_uppercase)
        .collect()
}

const CHANGED: &str = "the form may not be changed (a changed form makes the bid invalid)";

/// The differences between `found` and `expected`, ignoring the values of the cells in
/// `inputs` (sheet name, row, column).
pub(crate) fn differences(
    found: &Book,
    expected: &Book,
    inputs: &BTreeSet<(String, u32, u16)>,
) -> Vec<Difference> {
    let mut out: Vec<Difference> = Vec::new();
    let mut diff = |at: String, what: String| out.push((at, what));

    if expected.structure_locked && !found.structure_locked {
        diff(
            String::new(),
            format!("the workbook structure is no longer protected; {CHANGED}"),
        );
    }
    for kind in found.attached.difference(&expected.attached) {
        diff(
            String::new(),
            format!("the workbook contains a {kind} part; {CHANGED}"),
        );
    }
    for (name, formula) in &found.names {
        match expected.names.get(name) {
            Some(f) if normal_formula(f) == normal_formula(formula) => {}
            Some(f) => diff(
                format!("defined name {name}"),
                format!("changed to `{formula}` (expected `{f}`); {CHANGED}"),
            ),
            None => diff(
                format!("defined name {name}"),
                format!("the name was added; {CHANGED}"),
            ),
        }
    }
    for name in expected
        .names
        .keys()
        .filter(|n| !found.names.contains_key(*n))
    {
        diff(
            format!("defined name {name}"),
            format!("the name was removed; {CHANGED}"),
        );
    }

    for (i, sheet) in found.sheets.iter().enumerate() {
        let hidden = match sheet.visibility {
            Visibility::Visible => None,
            Visibility::Hidden => Some("hidden"),
            Visibility::VeryHidden => Some("very hidden"),
        };
        let Some(want) = expected.sheet(&sheet.name) else {
            diff(
                sheet.name.clone(),
                format!(
                    "a {}sheet was added; {CHANGED}",
                    hidden.map(|h| format!("{h} ")).unwrap_or_default()
                ),
            );
            continue;
        };
        if let Some(h) = hidden {
            diff(sheet.name.clone(), format!("the sheet is {h}; {CHANGED}"));
        }
        if expected.sheets.iter().position(|s| s.name == sheet.name) != Some(i) {
            diff(
                sheet.name.clone(),
                format!("the sheets were reordered; {CHANGED}"),
            );
        }
        if sheet.protection != want.protection {
            let what = match (&sheet.protection, &want.protection) {
                (None, Some(_)) => "the sheet protection was removed",
                _ => "the sheet protection was changed",
            };
            diff(sheet.name.clone(), format!("{what}; {CHANGED}"));
        }
        if sheet.validations != want.validations {
            diff(
                sheet.name.clone(),
                format!("the data validation was changed; {CHANGED}"),
            );
        }
        if sheet.merged != want.merged {
            diff(
                sheet.name.clone(),
                format!("merged cells were changed; {CHANGED}"),
            );
        }
        for cell in &sheet.comments {
            let at = if cell.is_empty() {
                sheet.name.clone()
            } else {
                format!("{}!{cell}", sheet.name)
            };
            diff(at, format!("a comment or note was added; {CHANGED}"));
        }
        for kind in sheet.attached.difference(&want.attached) {
            diff(
                sheet.name.clone(),
                format!("a {kind} (text box, picture, shape or similar) was added; {CHANGED}"),
            );
        }

        let empty = XCell::default();
        let positions: BTreeSet<(u32, u16)> = sheet
            .cells
            .keys()
            .chain(want.cells.keys())
            .copied()
            .collect();
        for (row, col) in positions {
            let at = format!("{}!{}", sheet.name, cell_name(row, col));
            let input = inputs.contains(&(sheet.name.clone(), row, col));
            let got = sheet.cells.get(&(row, col));
            let Some(exp) = want.cells.get(&(row, col)) else {
                let got = got.unwrap_or(&empty);
                if got.formula.is_some() || has_value(got) {
                    diff(
                        at,
                        format!(
                            "{} was typed outside the form's cells; {CHANGED}",
                            shown(got)
                        ),
                    );
                }
                continue;
            };
            let got = got.unwrap_or(&empty);
            if got.format != exp.format {
                diff(
                    at.clone(),
                    format!(
                        "the number format was changed to `{}` (expected `{}`); {CHANGED}",
                        got.format, exp.format
                    ),
                );
            }
            if got.locked != exp.locked {
                diff(
                    at.clone(),
                    format!(
                        "the cell was {}; {CHANGED}",
                        if got.locked { "locked" } else { "unlocked" }
                    ),
                );
            }
            if input {
                continue;
            }
            match (&got.formula, &exp.formula) {
                (Some(g), Some(e)) if normal_formula(g) == normal_formula(e) => continue,
                (None, None) => {}
                (Some(g), Some(e)) => {
                    diff(
                        at,
                        format!("the formula was changed to `={g}` (expected `={e}`); {CHANGED}"),
                    );
                    continue;
                }
                (Some(g), None) => {
                    diff(at, format!("a formula `={g}` was put here; {CHANGED}"));
                    continue;
                }
                (None, Some(e)) => {
                    diff(at, format!("the formula `={e}` was removed; {CHANGED}"));
                    continue;
                }
            }
            if !same_value(got, exp) {
                diff(
                    at,
                    format!("{} (expected {}); {CHANGED}", shown(got), shown(exp)),
                );
            }
        }
    }
    for sheet in &expected.sheets {
        if found.sheet(&sheet.name).is_none() {
            diff(
                sheet.name.clone(),
                format!("the sheet is missing (renamed or deleted); {CHANGED}"),
            );
        }
    }
    out
}

fn has_value(cell: &XCell) -> bool {
    match &cell.value {
        None => false,
        Some(Value::Text(t)) => !t.is_empty(),
        Some(_) => true,
    }
}

fn same_value(a: &XCell, b: &XCell) -> bool {
    match (&a.value, &b.value) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x == y,
        (Some(Value::Text(x)), Some(Value::Text(y))) => x == y,
        (Some(Value::Other(x)), Some(Value::Other(y))) => x == y,
        _ => !has_value(a) && !has_value(b),
    }
}

/// A cell's content for a message.
fn shown(cell: &XCell) -> String {
    if let Some(f) = &cell.formula {
        return format!("the formula `={f}`");
    }
    match &cell.value {
        None => "nothing".to_string(),
        Some(Value::Text(t)) if t.is_empty() => "nothing".to_string(),
        Some(Value::Text(t)) => {
            let short: String = t.chars().take(80).collect();
            format!("the text {short:?}")
        }
        Some(Value::Number(n)) => format!("the number {n}"),
        Some(Value::Other(o)) => format!("the value {o}"),
    }
}
