//! Reading an .xlsx workbook ourselves, bounded, before calamine sees it: the zip's entries
//! (how many, and how many bytes each really inflates to), every sheet's declared dimension and
//! cells (positions and count), and what the imports need to judge a workbook: the sheets and
//! their visibility, per cell its value, formula, number format and lock, the sheet protection,
//! data validations, merged ranges, comments and other attached parts, and whether the
//! workbook structure is protected.
//!
//! A hostile file (a cell at XFD1048576 in 8 KB, a 2 GiB sheet in a 2 MB zip) is refused here
//! with a clear error as soon as a bound is passed, before anything large is allocated.
//! [`super::workbook_compare`] compares a read workbook with the one `gen` writes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

pub(crate) use crate::docs::price_form::sheet::cell_name;
use crate::error::{Diagnostic, Error, Result};

/// How much of a workbook is read at most.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The file itself.
    pub file_bytes: u64,
    /// Entries in the zip.
    pub entries: usize,
    /// Bytes one entry may inflate to, and all entries together.
    pub entry_bytes: u64,
    pub total_bytes: u64,
    /// Rows and columns a cell may be in (1-based maxima), and cells per workbook.
    pub rows: u32,
    pub cols: u16,
    pub cells: usize,
}

/// Bounds far above any real price or question form (a few hundred rows), far below what
/// would take seconds or gigabytes.
pub(crate) const LIMITS: Limits = Limits {
    file_bytes: 20 << 20,
    entries: 500,
    entry_bytes: 32 << 20,
    total_bytes: 96 << 20,
    rows: 20_000,
    cols: 256,
    cells: 400_000,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Visibility {
    Visible,
    Hidden,
    VeryHidden,
}

/// One cell as stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct XCell {
    /// The stored value: text (shared, inline or a formula's text result) or the raw number,
    /// boolean or error; `None` for a cell without one.
    pub value: Option<Value>,
    /// The formula, without `=`.
    pub formula: Option<String>,
    /// The number format code (`General`, `"€ "#,##0.00`, or `builtin 14`).
    pub format: String,
    /// Whether the cell is locked when the sheet is protected.
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Number(f64),
    Other(String),
}

/// A data validation: the cells it covers (`sqref`, normalised) and its rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Validation {
    pub sqref: String,
    pub rule: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    pub name: String,
    pub visibility: Visibility,
    /// By (row, column), 0-based.
    pub cells: BTreeMap<(u32, u16), XCell>,
    /// The `sheetProtection` attributes, when protected.
    pub protection: Option<BTreeMap<String, String>>,
    pub validations: BTreeSet<Validation>,
    pub merged: BTreeSet<String>,
    /// Cells with a comment or note (A1 names), or `""` when the comment names none.
    pub comments: Vec<String>,
    /// Kinds of other parts attached to the sheet (drawings, pictures, tables, …).
    pub attached: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Book {
    pub sheets: Vec<Sheet>,
    /// Whether the structure is protected: `workbookProtection lockStructure`, or a
    /// `workbookProtection` element at all (LibreOffice re-saves a protected structure as a bare
    /// `<workbookProtection/>`; what the protection guards is compared sheet by sheet anyway).
    pub structure_locked: bool,
    /// Defined names and their formulas.
    pub names: BTreeMap<String, String>,
    /// Kinds of workbook-level parts beyond sheets, styles, strings and theme (macros,
    /// external links, connections, …).
    pub attached: BTreeSet<String>,
}

impl Book {
    pub(crate) fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// A problem with the workbook: `field` (sheet and cell where known) and message.
fn refused(path: &Path, field: impl Into<String>, message: impl Into<String>) -> Error {
    Error::data(Diagnostic::new(path, field, message))
}

/// Reads the workbook at `path` within `limits`.
pub(crate) fn read(path: &Path, limits: &Limits) -> Result<Book> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > limits.file_bytes {
        return Err(refused(
            path,
            "",
            format!(
                "the file is {} MB; a form is at most {} MB",
                meta.len() >> 20,
                limits.file_bytes >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_bytes(path, &bytes, limits)
}

/// Whether `bytes` start like a zip file (every .xlsx and .ods does).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The zip's entries, each inflated within the limits.
pub(crate) fn entries(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
) -> Result<BTreeMap<String, Vec<u8>>> {
    let not_a_workbook = |e: String| {
        refused(
            path,
            "",
            format!("not a readable .xlsx workbook ({e}); save it as .xlsx and try again"),
        )
    };
    if !is_zip(bytes) {
        return Err(not_a_workbook("not a zip file".into()));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| not_a_workbook(e.to_string()))?;
    if zip.len() > limits.entries {
        return Err(refused(
            path,
            "",
            format!(
                "the workbook has {} parts; a form has at most {}",
                zip.len(),
                limits.entries
            ),
        ));
    }
    let mut total = 0u64;
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| not_a_workbook(e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        if entry.is_dir() {
            continue;
        }
        let too_big = || {
            refused(
                path,
                format!("part {name}"),
                format!(
                    "the part inflates to more than {} MB; a form's parts are far smaller",
                    limits.entry_bytes >> 20
                ),
            )
        };
        if entry.size() > limits.entry_bytes {
            return Err(too_big());
        }
        // The declared size may lie: read at most one byte more than allowed.
        let mut data = Vec::with_capacity(entry.size().min(1 << 20) as usize);
        entry
            .take(limits.entry_bytes + 1)
            .read_to_end(&mut data)
            .map_err(|e| not_a_workbook(format!("{name}: {e}")))?;
        if data.len() as u64 > limits.entry_bytes {
            return Err(too_big());
        }
        total += data.len() as u64;
        if total > limits.total_bytes {
            return Err(refused(
                path,
                "",
                format!(
                    "the workbook inflates to more than {} MB; a form is far smaller",
                    limits.total_bytes >> 20
                ),
            ));
        }
        out.insert(name, data);
    }
    Ok(out)
}

/// [`read`] of the bytes of a workbook (`path` only names it in messages).
pub(crate) fn read_bytes(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Book> {
    let parts = entries(path, bytes, limits)?;
    let part = |name: &str| -> Result<&str> {
        let data = parts
            .get(name)
            .ok_or_else(|| refused(path, format!("part {name}"), "the part is missing"))?;
        std::str::from_utf8(data)
            .map_err(|_| refused(path, format!("part {name}"), "the part is not UTF-8 XML"))
    };
    let bad_xml = |name: &str, e: quick_xml::Error| {
        refused(path, format!("part {name}"), format!("broken XML: {e}"))
    };

    // The workbook: sheets (name, visibility, part), protection, defined names.
    let wb_rels = relationships("xl/workbook.xml", part("xl/_rels/workbook.xml.rels").ok());
    let mut sheets_listed: Vec<(String, Visibility, String)> = Vec::new();
    let mut structure_locked = false;
    let mut names = BTreeMap::new();
    {
        let mut reader = quick_xml::Reader::from_str(part("xl/workbook.xml")?);
        let mut in_name: Option<String> = None;
        let mut text = String::new();
        loop {
            match reader
                .read_event()
                .map_err(|e| bad_xml("xl/workbook.xml", e))?
            {
                Event::Start(e) | Event::Empty(e) if local(&e) == "sheet" => {
                    let a = attrs(&e);
                    let visibility = match a.get("state").map(String::as_str) {
                        Some("hidden") => Visibility::Hidden,
                        Some("veryHidden") => Visibility::VeryHidden,
                        _ => Visibility::Visible,
                    };
                    let target = a
                        .get("id")
                        .and_then(|id| wb_rels.get(id))
                        .map(|(_, t)| t.clone())
                        .unwrap_or_default();
                    sheets_listed.push((
                        a.get("name").cloned().unwrap_or_default(),
                        visibility,
                        target,
                    ));
                }
                Event::Start(e) | Event::Empty(e) if local(&e) == "workbookProtection" => {
                    let a = attrs(&e);
                    structure_locked = a.is_empty()
                        || a.get("lockStructure")
                            .is_some_and(|v| v == "1" || v == "true");
                }
                Event::Start(e) if local(&e) == "definedName" => {
                    in_name = attrs(&e).get("name").cloned();
                    text.clear();
                }
                Event::Text(t) if in_name.is_some() => text.push_str(&t),
                Event::GeneralRef(r) if in_name.is_some() => push_ref(&mut text, &r),
                Event::End(e) if e.local_name().as_ref() == "definedName" => {
                    if let Some(n) = in_name.take() {
                        names.insert(n, text.trim().to_string());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let attached: BTreeSet<String> = wb_rels
        .values()
        .map(|(kind, _)| kind.clone())
        .filter(|k| {
            !["worksheet", "styles", "sharedStrings", "theme", "calcChain"].contains(&k.as_str())
        })
        .collect();

    let strings = match part("xl/sharedStrings.xml") {
        Ok(xml) => shared_strings(xml).map_err(|e| bad_xml("xl/sharedStrings.xml", e))?,
        Err(_) => Vec::new(),
    };
    let styles = match part("xl/styles.xml") {
        Ok(xml) => cell_styles(xml).map_err(|e| bad_xml("xl/styles.xml", e))?,
        Err(_) => Vec::new(),
    };

    let mut cells_total = 0usize;
    let mut sheets = Vec::new();
    for (name, visibility, target) in sheets_listed {
        let xml = part(&target)?;
        let mut sheet = Sheet {
            name: name.clone(),
            visibility,
            cells: BTreeMap::new(),
            protection: None,
            validations: BTreeSet::new(),
            merged: BTreeSet::new(),
            comments: Vec::new(),
            attached: BTreeSet::new(),
        };
        read_sheet(xml, &strings, &styles, limits, &mut cells_total, &mut sheet).map_err(
            |problem| match problem {
                SheetProblem::Xml(e) => bad_xml(&target, e),
                SheetProblem::Bound(cell, message) => refused(
                    path,
                    format!("{name}!{cell}").trim_end_matches('!').to_string(),
                    message,
                ),
            },
        )?;
        // Parts attached to the sheet: comments (with their cells) and anything else.
        let rels_name = rels_of(&target);
        for (kind, part_name) in relationships(&target, part(&rels_name).ok()).into_values() {
            match kind.as_str() {
                "comments" | "threadedComment" => {
                    let refs = part(&part_name).map(comment_refs).unwrap_or_default();
                    if refs.is_empty() {
                        sheet.comments.push(String::new());
                    }
                    sheet.comments.extend(refs);
                }
                "printerSettings" => {}
                other => {
                    sheet.attached.insert(other.to_string());
                }
            }
        }
        sheets.push(sheet);
    }
    Ok(Book {
        sheets,
        structure_locked,
        names,
        attached,
    })
}

/// Why a sheet could not be read.
enum SheetProblem {
    Xml(quick_xml::Error),
    /// A bound was passed: the cell (A1 name, or empty) and the message.
    Bound(String, String),
}

impl From<quick_xml::Error> for SheetProblem {
    fn from(e: quick_xml::Error) -> Self {
        SheetProblem::Xml(e)
    }
}

fn read_sheet(
    xml: &str,
    strings: &[String],
    styles: &[(String, bool)],
    limits: &Limits,
    cells_total: &mut usize,
    sheet: &mut Sheet,
) -> std::result::Result<(), SheetProblem> {
    let out_of_bounds = |r: u32, c: u16, what: &str| {
        SheetProblem::Bound(
            cell_name(r, c),
            format!(
                "{what} lies beyond row {} or column {}: a form never reaches that far",
                limits.rows,
                cell_name(0, limits.cols - 1).trim_end_matches('1')
            ),
        )
    };
    let check = |r: u32, c: u16, what: &str| {
        if r >= limits.rows || c >= limits.cols {
            Err(out_of_bounds(r, c, what))
        } else {
            Ok(())
        }
    };
    let mut reader = quick_xml::Reader::from_str(xml);
    // The cell being read: position, type, style, and what its children hold.
    let mut current: Option<((u32, u16), String, XCell)> = None;
    let mut next_col: u16 = 0;
    let mut row: u32 = 0;
    let mut text = String::new();
    let mut in_text = false;
    let mut validation: Option<(String, String)> = None;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let is_empty = matches!(event, Event::Empty(_));
                match local(e).as_str() {
                    "dimension" => {
                        if let Some(r) = attrs(e).get("ref")
                            && let Some(last) = r.split(':').next_back()
                            && let Some((rr, cc)) = parse_cell(last)
                        {
                            check(rr, cc, "the sheet's declared size")?;
                        }
                    }
                    "row" => {
                        if let Some(r) = attrs(e).get("r").and_then(|r| r.parse::<u32>().ok()) {
                            row = r.saturating_sub(1);
                            check(row, 0, "a row")?;
                        }
                        next_col = 0;
                    }
                    "c" => {
                        let a = attrs(e);
                        let (r, c) = match a.get("r") {
                            Some(name) => parse_cell(name).ok_or_else(|| {
                                SheetProblem::Bound(name.clone(), "not a cell name".into())
                            })?,
                            None => (row, next_col),
                        };
                        check(r, c, "a cell")?;
                        *cells_total += 1;
                        if *cells_total > limits.cells {
                            return Err(SheetProblem::Bound(
                                cell_name(r, c),
                                format!("more than {} cells: a form has far fewer", limits.cells),
                            ));
                        }
                        next_col = c.saturating_add(1);
                        let style = a
                            .get("s")
                            .and_then(|s| s.parse::<usize>().ok())
                            .unwrap_or(0);
                        let (format, locked) = styles
                            .get(style)
                            .cloned()
                            .unwrap_or(("General".into(), true));
                        let cell = XCell {
                            format,
                            locked,
                            ..XCell::default()
                        };
                        let kind = a.get("t").cloned().unwrap_or_default();
                        if is_empty {
                            sheet.cells.insert((r, c), cell);
                        } else {
                            current = Some(((r, c), kind, cell));
                        }
                    }
                    "f" | "v" | "t" if current.is_some() => {
                        text.clear();
                        in_text = !is_empty;
                        if local(e) == "f" {
                            let a = attrs(e);
                            if a.get("t").is_some_and(|t| t == "shared") && is_empty {
                                // A shared formula's other cells: the text is elsewhere.
                                if let Some((_, _, cell)) = current.as_mut() {
                                    cell.formula = Some(format!(
                                        "(shared formula {})",
                                        a.get("si").cloned().unwrap_or_default()
                                    ));
                                }
                            }
                        }
                    }
                    "sheetProtection" => {
                        sheet.protection = Some(
                            attrs(e)
                                .into_iter()
                                .map(|(k, v)| {
                                    let v = match v.as_str() {
                                        "true" => "1".to_string(),
                                        "false" => "0".to_string(),
                                        _ => v,
                                    };
                                    (k, v)
                                })
                                .collect(),
                        );
                    }
                    "mergeCell" => {
                        if let Some(r) = attrs(e).get("ref") {
                            sheet.merged.insert(r.replace('$', "").to_uppercase());
                        }
                    }
                    "dataValidation" => {
                        let a = attrs(e);
                        let sqref = a.get("sqref").cloned().unwrap_or_default();
                        let rule = format!(
                            "{} {}",
                            a.get("type").map_or("any", String::as_str),
                            a.get("operator").map_or("between", String::as_str)
                        );
                        if is_empty {
                            sheet.validations.insert(Validation { sqref, rule });
                        } else {
                            validation = Some((sqref, rule));
                        }
                    }
                    "formula1" | "formula2" if validation.is_some() => {
                        text.clear();
                        in_text = !is_empty;
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => text.push_str(t),
            Event::GeneralRef(r) if in_text => push_ref(&mut text, r),
            Event::End(e) => {
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "f" => {
                        in_text = false;
                        if let Some((_, _, cell)) = current.as_mut() {
                            let f = text.trim().trim_start_matches('=').to_string();
                            if !f.is_empty() {
                                cell.formula = Some(f);
                            }
                        }
                    }
                    "v" => {
                        in_text = false;
                        if let Some((_, kind, cell)) = current.as_mut() {
                            cell.value = Some(match kind.as_str() {
                                "s" => Value::Text(
                                    text.trim()
                                        .parse::<usize>()
                                        .ok()
                                        .and_then(|i| strings.get(i).cloned())
                                        .unwrap_or_default(),
                                ),
                                "str" | "inlineStr" => Value::Text(text.clone()),
                                "b" | "e" => Value::Other(text.clone()),
                                _ => text
                                    .trim()
                                    .parse::<f64>()
                                    .map(Value::Number)
                                    .unwrap_or_else(|_| Value::Other(text.clone())),
                            });
                        }
                    }
                    "t" => {
                        in_text = false;
                        if let Some((_, _, cell)) = current.as_mut() {
                            let mut s = match cell.value.take() {
                                Some(Value::Text(s)) => s,
                                _ => String::new(),
                            };
                            s.push_str(&text);
                            cell.value = Some(Value::Text(s));
                        }
                    }
                    "c" => {
                        if let Some((at, _, cell)) = current.take() {
                            sheet.cells.insert(at, cell);
                        }
                    }
                    "formula1" | "formula2" => {
                        in_text = false;
                        // The second formula only counts for a range (LibreOffice writes one
                        // for every rule).
                        if let Some((_, rule)) = validation.as_mut()
                            && (name == "formula1"
                                || matches!(rule.split(' ').nth(1), Some("between" | "notBetween")))
                        {
                            rule.push_str(&format!(" {name}={}", text.trim()));
                        }
                    }
                    "dataValidation" => {
                        if let Some((sqref, rule)) = validation.take() {
                            sheet.validations.insert(Validation { sqref, rule });
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// The shared strings, rich text runs joined.
fn shared_strings(xml: &str) -> std::result::Result<Vec<String>, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut in_t, mut in_phonetic) = (false, false);
    loop {
        match reader.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current.clear(),
                "t" => in_t = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::Text(t) if in_t && !in_phonetic => current.push_str(&t),
            Event::GeneralRef(r) if in_t && !in_phonetic => push_ref(&mut current, &r),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => out.push(std::mem::take(&mut current)),
                "t" => in_t = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => out.push(String::new()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Per cell style (`cellXfs` index): the number format code and whether the cell is locked.
fn cell_styles(xml: &str) -> std::result::Result<Vec<(String, bool)>, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut formats: BTreeMap<String, String> = BTreeMap::new();
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut in_cell_xfs = false;
    let mut open_xf = false;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match local(e).as_str() {
                "numFmt" => {
                    let a = attrs(e);
                    if let (Some(id), Some(code)) = (a.get("numFmtId"), a.get("formatCode")) {
                        formats.insert(id.clone(), code.clone());
                    }
                }
                "cellXfs" => in_cell_xfs = matches!(event, Event::Start(_)),
                "xf" if in_cell_xfs => {
                    let id = attrs(e)
                        .get("numFmtId")
                        .cloned()
                        .unwrap_or_else(|| "0".into());
                    let code = match formats.get(&id) {
                        Some(code) => code.clone(),
                        None if id == "0" => "General".to_string(),
                        None => format!("builtin {id}"),
                    };
                    out.push((code, true));
                    open_xf = matches!(event, Event::Start(_));
                }
                "protection" if open_xf => {
                    if let Some(last) = out.last_mut() {
                        last.1 = !attrs(e)
                            .get("locked")
                            .is_some_and(|v| v == "0" || v == "false");
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "cellXfs" => in_cell_xfs = false,
                "xf" => open_xf = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The cells named by the comments of a comments part.
fn comment_refs(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e)
                if matches!(local(&e).as_str(), "comment" | "threadedComment") =>
            {
                if let Some(r) = attrs(&e).get("ref") {
                    out.push(r.clone());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The relationships of `source` (from its `.rels` part): id → (kind, part name).
fn relationships(source: &str, rels: Option<&str>) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    let Some(xml) = rels else {
        return out;
    };
    let dir = source.rsplit_once('/').map_or("", |(d, _)| d);
    let mut reader = quick_xml::Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if local(&e) == "Relationship" => {
                let a = attrs(&e);
                let kind = a
                    .get("Type")
                    .and_then(|t| t.rsplit('/').next())
                    .unwrap_or_default()
                    .to_string();
                let target = a.get("Target").cloned().unwrap_or_default();
                let external = a.get("TargetMode").is_some_and(|m| m == "External");
                let part = if external {
                    target
                } else {
                    resolve(dir, &target)
                };
                out.insert(a.get("Id").cloned().unwrap_or_default(), (kind, part));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`.
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship target as a part name: absolute (`/xl/…`) or relative to `dir`.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// An element's attributes by local name, unescaped.
fn attrs(e: &BytesStart) -> BTreeMap<String, String> {
    e.attributes()
        .flatten()
        .map(|a| {
            (
                a.key.local_name().as_ref().to_string(),
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.to_string()),
            )
        })
        .collect()
}

/// Appends an entity or character reference (`&amp;`, `&#8364;`) as its character.
fn push_ref(text: &mut String, r: &quick_xml::events::BytesRef) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        text.push(c);
        return;
    }
    text.push_str(match &**r {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    });
}

/// `F12` → (11, 5), 0-based; `None` for anything else.
pub(crate) fn parse_cell(name: &str) -> Option<(u32, u16)> {
    let name = name.replace('$', "");
    let split = name.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = name.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.chars().fold(0u32, |n, c| {
        n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
    });
    let row: u32 = digits.parse().ok()?;
    if row == 0 || col == 0 || col > 16_384 {
        return None;
    }
    Some((row - 1, (col - 1) as u16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_both_ways() {
        for (name, at) in [
            ("A1", (0, 0)),
            ("F12", (11, 5)),
            ("XFD1048576", (1_048_575, 16_383)),
            ("AA3", (2, 26)),
        ] {
            assert_eq!(parse_cell(name), Some(at), "{name}");
            assert_eq!(cell_name(at.0, at.1), name);
        }
        assert_eq!(parse_cell("XFE1"), None);
        assert_eq!(parse_cell("A0"), None);
    }

    #[test]
    fn relative_targets() {
        assert_eq!(
            resolve("xl/worksheets", "../comments1.xml"),
            "xl/comments1.xml"
        );
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl", "/xl/styles.xml"), "xl/styles.xml");
    }
}
