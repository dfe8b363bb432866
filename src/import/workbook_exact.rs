//! The exactness check of the imports: a filled price form compared, through
//! [`super::workbook_compare`], with the form `gen` writes for the current data; a question
//! form checked for what may not be in it (hidden sheets, comments, formulas where text is
//! expected). Both read the workbook bounded ([`super::workbook`]) before calamine does.

use std::collections::BTreeSet;
use std::path::Path;

use super::workbook::{self, Book, LIMITS, Visibility};
use super::workbook_compare::differences;
use crate::docs::house::HouseStyle;
use crate::docs::price_form::sheet::{Form, book_xlsx};
use crate::error::{Diagnostic, Result};

/// What differs between the filled form at `path` and the form `gen` writes (colours aside),
/// with the sheets `forms` (one, or one per lot), each as a problem naming sheet and cell. A
/// workbook past the reading bounds is an error.
pub(crate) fn price_form_problems(path: &Path, forms: &[Form]) -> Result<Vec<Diagnostic>> {
    let found = workbook::read(path, &LIMITS)?;
    // Colours are not compared: any house style writes the same cells, formats and rules.
    let house = HouseStyle {
        accent: 0,
        rule: 0,
        header_fill: 0,
        input_fill: 0,
        component_fill: 0,
        label: 0,
    };
    let bytes = book_xlsx(forms, &house, &|_, _| None)?;
    let expected = workbook::read_bytes(Path::new("(the generated form)"), &bytes, &LIMITS)?;
    let inputs: BTreeSet<(String, u32, u16)> = forms
        .iter()
        .flat_map(|f| f.rate_cells().map(|(_, _, r, c)| (f.sheet.clone(), r, c)))
        .collect();
    Ok(differences(&found, &expected, &inputs)
        .into_iter()
        .map(|(at, message)| Diagnostic::new(path, at, message))
        .collect())
}

/// A question form read within the bounds, and what may not be in one: hidden sheets and
/// comments (problems, naming sheet and cell).
pub(crate) fn question_form_book(path: &Path) -> Result<(Book, Vec<Diagnostic>)> {
    let book = workbook::read(path, &LIMITS)?;
    let mut problems = Vec::new();
    for sheet in &book.sheets {
        let place = format!("sheet “{}”", sheet.name);
        match sheet.visibility {
            Visibility::Visible => {}
            Visibility::Hidden | Visibility::VeryHidden => problems.push(Diagnostic::new(
                path,
                &place,
                "the sheet is hidden: a question form has no hidden sheets (show it, or delete it)",
            )),
        }
        for cell in &sheet.comments {
            let at = if cell.is_empty() {
                place.clone()
            } else {
                format!("{place}, cell {cell}")
            };
            problems.push(Diagnostic::new(
                path,
                at,
                "a comment or note: questions go in the column Vraag, not in comments",
            ));
        }
    }
    Ok((book, problems))
}
