//! Reading a bidder's question form (bijlage I, .xlsx): the questions with their document,
//! paragraph, page, follow-up reference and (in a tender with lots) lot, one per row under a
//! header row.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, Reader};

use crate::error::{Diagnostic, Error, Result};
use crate::model::nvi::DocumentRef;

/// One question read from a question form.
#[derive(Debug, Clone)]
pub(crate) struct FormQuestion {
    pub sheet: String,
    /// 1-based row number as Excel shows it.
    pub row: u32,
    pub document: DocumentRef,
    pub section: Option<String>,
    pub page: Option<String>,
    pub follows_up: Option<u32>,
    /// The lot the question is about (column Perceel).
    pub lot: Option<u32>,
    pub question: String,
}

impl FormQuestion {
    pub(crate) fn place(&self) -> String {
        format!("sheet “{}”, row {}", self.sheet, self.row)
    }
}

/// Column titles of the question form (lower case), by field.
const TITLES: &[(&str, &[&str])] = &[
    (
        "document",
        &[
            "document",
            "documentnaam",
            "document naam",
            "naam document",
            "stuk",
            "aanbestedingsstuk",
        ],
    ),
    (
        "section",
        &[
            "paragraaf",
            "paragraafnummer",
            "paragraafnr",
            "paragraafnr.",
            "hoofdstuk",
            "hoofdstuknummer",
            "artikel",
            "par",
            "par.",
            "§",
            "hoofdstuk/paragraaf",
            "paragraaf/hoofdstuk",
        ],
    ),
    (
        "page",
        &[
            "pagina",
            "paginanummer",
            "pag",
            "pag.",
            "blz",
            "blz.",
            "bladzijde",
            "bladzijdenummer",
            "paginanr",
            "paginanr.",
        ],
    ),
    (
        "question",
        &[
            "vraag",
            "vraagstelling",
            "uw vraag",
            "vragen",
            "omschrijving vraag",
        ],
    ),
    (
        "follows_up",
        &[
            "vervolg op vraag",
            "vervolg op vraagnummer",
            "vervolgvraag op",
            "vervolgvraag op vraag",
            "vervolg op",
        ],
    ),
    (
        "lot",
        &[
            "perceel",
            "lot",
            "perceelnummer",
            "perceelnr",
            "perceelnr.",
            "perceel nr",
            "perceel nr.",
        ],
    ),
    // A numbering column of the bidder's own: the import numbers the questions itself.
    (
        "number",
        &[
            "nr",
            "nr.",
            "nummer",
            "vraagnummer",
            "vraag nr",
            "vraag nr.",
            "volgnummer",
        ],
    ),
];

/// The column title a field is shown under in messages.
fn column_title(field: &str) -> &'static str {
    match field {
        "document" => "column Document",
        "section" => "column Paragraaf",
        "page" => "column Pagina",
        "question" => "column Vraag",
        "lot" => "column Perceel",
        _ => "column Vervolg op vraag",
    }
}

fn title_field(cell: &str) -> Option<&'static str> {
    let norm = normalise_title(cell);
    let norm = norm.as_str();
    TITLES
        .iter()
        .find(|(_, names)| names.contains(&norm))
        .map(|(f, _)| *f)
}

/// A column title as compared: whitespace collapsed, lower case, no trailing `:` or `*`.
fn normalise_title(cell: &str) -> String {
    let norm = cell
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    norm.trim_end_matches([':', '*', ' ']).to_string()
}

/// The questions of a form, and warnings about it (columns it does not know, which are
/// ignored).
#[derive(Debug, Clone, Default)]
pub(crate) struct QuestionForm {
    pub questions: Vec<FormQuestion>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads the questions of a question form: in every sheet that has a header row (found by its
/// titles, wherever it is), each non-empty row below it.
pub(crate) fn read_question_form(path: &Path) -> Result<QuestionForm> {
    // Read bounded first (a hostile file stops here): no hidden sheets, no comments.
    let (book, mut problems) = super::workbook_exact::question_form_book(path)?;
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| {
        Error::data(Diagnostic::new(
            path,
            "",
            format!("cannot read the workbook: {e}"),
        ))
    })?;
    let sheets = workbook.sheet_names();
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    let mut with_header = 0;
    for sheet in &sheets {
        let range = workbook.worksheet_range(sheet).map_err(|e| {
            Error::data(Diagnostic::new(
                path,
                format!("sheet “{sheet}”"),
                format!("cannot read the sheet: {e}"),
            ))
        })?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows: Vec<&[Data]> = range.rows().collect();
        let row_number = |i: usize| row0 + i as u32 + 1;

        // The header: the first row with at least two of the titles.
        let mut header: Option<(usize, HashMap<&'static str, usize>)> = None;
        for (i, row) in rows.iter().enumerate() {
            let mut columns = HashMap::new();
            let mut chapter = None;
            for (c, cell) in row.iter().enumerate() {
                let title = cell_text(cell);
                match title_field(&title) {
                    // A chapter column only stands for the paragraph when there is no
                    // paragraph column beside it.
                    Some("section") if normalise_title(&title).starts_with("hoofdstuk") => {
                        chapter = chapter.or(Some(c));
                    }
                    Some(field) => {
                        columns.entry(field).or_insert(c);
                    }
                    None => {}
                }
            }
            if let Some(c) = chapter {
                columns.entry("section").or_insert(c);
            }
            if columns.len() >= 2 {
                header = Some((i, columns));
                break;
            }
        }
        let Some((header_row, columns)) = header else {
            continue;
        };
        with_header += 1;
        let place = |i: usize| format!("sheet “{sheet}”, row {}", row_number(i));
        // Titled columns the form does not know: ignored, with a warning naming them.
        let unknown: Vec<String> = rows[header_row]
            .iter()
            .enumerate()
            .filter_map(|(c, cell)| {
                let title = cell_text(cell);
                let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
                (!title.is_empty() && title_field(&title).is_none()).then(|| {
                    format!(
                        "“{title}” ({})",
                        super::workbook::cell_name(
                            row0 + header_row as u32,
                            (col0 as usize + c) as u16
                        )
                    )
                })
            })
            .collect();
        if !unknown.is_empty() {
            warnings.push(Diagnostic::warning(
                path,
                place(header_row),
                format!(
                    "unknown column{} {} ignored (known: Document, Paragraaf, Pagina, Vraag, Vervolg op vraag)",
                    if unknown.len() == 1 { "" } else { "s" },
                    unknown.join(", ")
                ),
            ));
        }
        let missing: Vec<&str> = [("document", "Document"), ("question", "Vraag")]
            .iter()
            .filter(|(f, _)| !columns.contains_key(f))
            .map(|(_, t)| *t)
            .collect();
        if !missing.is_empty() {
            problems.push(Diagnostic::new(
                path,
                place(header_row),
                format!(
                    "the header row has no column {} (expected Document, Paragraaf, Pagina, Vraag)",
                    missing.join(" or ")
                ),
            ));
            continue;
        }
        let mut found = 0;
        for (i, row) in rows.iter().enumerate().skip(header_row + 1) {
            let get = |field: &str| {
                columns
                    .get(field)
                    .and_then(|&c| row.get(c))
                    .map(cell_text)
                    .unwrap_or_default()
            };
            let (document, section, page, question, follows_up, lot) = (
                get("document"),
                get("section"),
                get("page"),
                get("question"),
                get("follows_up"),
                get("lot"),
            );
            if [&document, &section, &page, &question, &follows_up, &lot]
                .iter()
                .all(|s| s.trim().is_empty())
            {
                continue;
            }
            let here = place(i);
            // A formula where text is expected would be read as its cached result, or not
            // at all: refused, naming the column.
            let mut formulas: Vec<String> = columns
                .iter()
                .filter_map(|(field, &c)| {
                    let at = (row0 + i as u32, col0 + c as u32);
                    let cell = book.sheet(sheet)?.cells.get(&(at.0, at.1 as u16))?;
                    cell.formula.as_ref()?;
                    Some(format!(
                        "{} ({})",
                        super::workbook::cell_name(at.0, at.1 as u16),
                        column_title(field)
                    ))
                })
                .collect();
            formulas.sort();
            if !formulas.is_empty() {
                problems.push(Diagnostic::new(
                    path,
                    &here,
                    format!(
                        "a formula in cell {}: type the text itself",
                        formulas.join(", ")
                    ),
                ));
                continue;
            }
            if question.trim().is_empty() {
                problems.push(Diagnostic::new(
                    path,
                    &here,
                    "the question (column Vraag) is empty",
                ));
                continue;
            }
            let Some(doc) = DocumentRef::parse_loose(&document) else {
                problems.push(Diagnostic::new(
                    path,
                    &here,
                    format!("unknown document “{}” (column Document): expected Offerteaanvraag, Bijlage A … Bijlage I or Algemeen", document.trim()),
                ));
                continue;
            };
            if let Some(&c) = columns.get("section")
                && matches!(row.get(c), Some(Data::DateTime(_) | Data::DateTimeIso(_)))
            {
                problems.push(Diagnostic::new(
                    path,
                    &here,
                    "the paragraph (column Paragraaf) reads as a date in Excel; format the column as text and type it again",
                ));
                continue;
            }
            let follows_up = match follows_up
                .trim()
                .trim_start_matches(|c: char| !c.is_ascii_digit())
            {
                "" => None,
                n => match n.parse::<u32>() {
                    Ok(n) => Some(n),
                    Err(_) => {
                        problems.push(Diagnostic::new(
                            path,
                            &here,
                            format!(
                                "“{}” is not a question number (column Vervolg op vraag)",
                                follows_up.trim()
                            ),
                        ));
                        continue;
                    }
                },
            };
            let Ok(lot_number) = lot_number(&lot) else {
                problems.push(Diagnostic::new(
                    path,
                    &here,
                    format!(
                        "“{}” is not a lot number (column Perceel): expected e.g. 2 or Perceel 2",
                        lot.trim()
                    ),
                ));
                continue;
            };
            found += 1;
            out.push(FormQuestion {
                sheet: sheet.clone(),
                row: row_number(i),
                document: doc,
                section: clean_section(&section),
                page: Some(page.trim().to_string()).filter(|p| !p.is_empty()),
                follows_up,
                lot: lot_number,
                question: clean_text(&question),
            });
        }
        if found == 0 && problems.is_empty() {
            problems.push(Diagnostic::new(
                path,
                place(header_row),
                "no questions below the header row",
            ));
        }
    }
    if with_header == 0 {
        problems.push(Diagnostic::new(
            path,
            "",
            format!(
                "no header row with the columns Document, Paragraaf, Pagina and Vraag in sheet(s) {}",
                sheets.iter().map(|s| format!("“{s}”")).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    if problems.is_empty() {
        Ok(QuestionForm {
            questions: out,
            warnings,
        })
    } else {
        Err(Error::Data(problems))
    }
}

/// A cell as text: numbers without a needless `.0`.
/// The lot in a Perceel cell: `2`, `Perceel 2`, `perceel 2 – Regio Zuid`, `Lot 2`; empty is
/// none.
fn lot_number(cell: &str) -> std::result::Result<Option<u32>, ()> {
    let t = cell.trim().to_lowercase();
    let t = t
        .strip_prefix("perceel")
        .or_else(|| t.strip_prefix("lot"))
        .unwrap_or(&t)
        .trim_start();
    if t.is_empty() && cell.trim().is_empty() {
        return Ok(None);
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = t[digits.len()..].trim_start();
    if !(rest.is_empty() || rest.starts_with(['-', '–', ':', '(', ','])) {
        return Err(());
    }
    digits.parse::<u32>().map(Some).map_err(|_| ())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        other => other.to_string(),
    }
}

/// `§ 2.3`, `par. 2.3`, `paragraaf 2.3` → `2.3`.
fn clean_section(s: &str) -> Option<String> {
    let mut t = s.trim().to_lowercase();
    for prefix in ["paragraaf", "par.", "par", "§"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim().to_string();
        }
    }
    let t = t.trim().trim_end_matches('.').to_string();
    (!t.is_empty()).then_some(t)
}

/// Text safe for a YAML literal block: no control characters (tabs become spaces), lines
/// trimmed, no leading or trailing blank lines, at most one blank line in a row.
pub(crate) fn clean_text(s: &str) -> String {
    let s: String = s
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => '\n',
            '\t' | '\u{a0}' => ' ',
            c => c,
        })
        .filter(|&c| {
            c == '\n' || !(c.is_control() || c == '\u{feff}' || c == '\u{fffe}' || c == '\u{ffff}')
        })
        .collect();
    let mut out: Vec<&str> = Vec::new();
    for line in s.lines().map(str::trim) {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}
