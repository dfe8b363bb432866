//! `gen nvi <round>`: renders one question round; `gen nvi import <file.xlsx> --round <round>`:
//! adds the questions of a bidder's Excel question form (bijlage I) to a round, unanswered.
//!
//! The import appends YAML text to the round file instead of re-serialising it, so existing
//! questions, answers, comments and formatting stay byte for byte as they were. The new text is
//! parsed and validated together with every other round before anything is written, and the
//! data folder is loaded again afterwards.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use crate::build::{Build, Selection};
use crate::cli::Cli;
use crate::cmd::render;
use crate::error::{Diagnostic, Error, Result};
use crate::model::Project;
use crate::model::nvi::{self, DocumentRef, Question, References, Round};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct NviArgs {
    #[command(subcommand)]
    pub command: Option<NviCommand>,
    /// The round to render: its file name in `<data>/nvi/` without `.yaml` (`round-1`,
    /// `round-2`, `marktconsultatie`).
    #[arg(required = true, value_name = "ROUND")]
    pub round: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
pub enum NviCommand {
    /// Adds the questions of an Excel question form (bijlage I) to a round, unanswered, with the
    /// next free numbers. Existing questions and answers are left untouched.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The question form (.xlsx): one row per question, under a header row with the columns
    /// Document, Paragraaf, Pagina and Vraag (optionally "Vervolg op vraag").
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The round to add the questions to, e.g. `round-2`; its file is created when missing.
    #[arg(long, value_name = "ROUND")]
    pub round: String,
}

pub fn run(cli: &Cli, args: &NviArgs) -> Result<()> {
    match (&args.command, &args.round) {
        (Some(NviCommand::Import(import)), _) => {
            let build = Build::load(cli.build_options())?;
            let report = import_questions(&build, &import.file, &import.round)?;
            println!("{report}");
            Ok(())
        }
        (None, Some(round)) => render::run(cli, Selection::Nvi(round.clone())),
        (None, None) => Err(Error::Usage(
            "name a round (`gen nvi round-1`) or use `gen nvi import`".into(),
        )),
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub file: PathBuf,
    /// The numbers given to the imported questions, in order.
    pub numbers: Vec<u32>,
    /// Whether the round file was created.
    pub created: bool,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (first, last) = (
            self.numbers.first().copied().unwrap_or(0),
            self.numbers.last().copied().unwrap_or(0),
        );
        let range = if first == last {
            format!("question {first}")
        } else {
            format!("questions {first}–{last}")
        };
        write!(
            f,
            "{} {range} to {}; they are unanswered: answer them before publishing",
            if self.created {
                "created the round with"
            } else {
                "added"
            },
            self.file.display()
        )?;
        if self.created {
            write!(f, ", and fill in its publication date (`published:`)")?;
        }
        Ok(())
    }
}

/// One question read from a question form.
#[derive(Debug, Clone)]
pub struct FormQuestion {
    pub sheet: String,
    /// 1-based row number as Excel shows it.
    pub row: u32,
    pub document: DocumentRef,
    pub section: Option<String>,
    pub page: Option<String>,
    pub follows_up: Option<u32>,
    pub question: String,
}

impl FormQuestion {
    fn place(&self) -> String {
        format!("sheet “{}”, row {}", self.sheet, self.row)
    }
}

/// Imports the questions of `xlsx` into round `round_name` of the build's data folder; their
/// paragraph references are checked against the build's outline of the offerteaanvraag.
pub fn import_questions(build: &Build, xlsx: &Path, round_name: &str) -> Result<ImportReport> {
    let Some(round_number) = nvi::round_number_of(round_name) else {
        return Err(Error::Usage(format!(
            "`{round_name}` is not a round name: use round-1, round-2, … or {}",
            nvi::MARKET_CONSULTATION
        )));
    };
    let project = &build.project;
    let data = &project.dir;
    let rows = read_question_form(xlsx)?;

    // Numbering continues across the tender's rounds, so questions can only be added to the
    // last round (or a new round right after it).
    let same_numbering = |r: &&Round| (r.round >= 1) == (round_number >= 1);
    let last = project
        .nvi
        .iter()
        .filter(same_numbering)
        .map(|r| r.round)
        .max();
    let existing = project.nvi.iter().find(|r| r.name == round_name);
    if round_number >= 1 {
        match (existing, last) {
            (Some(_), Some(last)) if last > round_number => {
                return Err(Error::Usage(format!(
                    "round {last} already exists: question numbers continue across rounds, so new questions can only be added to the last round (round-{last})"
                )));
            }
            (None, last) if round_number != last.unwrap_or(0) + 1 => {
                return Err(Error::Usage(format!(
                    "round-{round_number} cannot be created: the next round is round-{}",
                    last.unwrap_or(0) + 1
                )));
            }
            _ => {}
        }
    }
    let next = project
        .nvi
        .iter()
        .filter(same_numbering)
        .flat_map(|r| r.questions.iter().map(|q| q.number))
        .max()
        .unwrap_or(0)
        + 1;

    // Each row on its own: follow-ups, paragraph references, anonymity, duplicates.
    let refs = References::of(project, Some(build.outline.sections()));
    let bidders = nvi::guarded_names(project);
    let mut problems = Vec::new();
    let mut questions = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let q = Question {
            number: next + i as u32,
            document: row.document.clone(),
            section: row.section.clone(),
            page: row.page.clone(),
            follows_up: row.follows_up,
            question: row.question.clone(),
            answer: None,
        };
        for (field, message) in
            nvi::question_problems(&q, round_number, &project.nvi, &refs, &bidders)
        {
            problems.push(Diagnostic::new(
                xlsx,
                row.place(),
                format!("{}: {message}", column_name(field)),
            ));
        }
        if let Some(same) = existing.and_then(|r| {
            r.questions
                .iter()
                .find(|e| squash(&e.question) == squash(&q.question))
        }) {
            problems.push(Diagnostic::new(
                xlsx,
                row.place(),
                format!(
                    "this question is already in {round_name} as question {}; was the form imported before?",
                    same.number
                ),
            ));
        }
        questions.push(q);
    }
    if !problems.is_empty() {
        return Err(Error::Data(problems));
    }

    // The new text of the round file.
    let path = data.join(nvi::DIR).join(format!("{round_name}.yaml"));
    let (old_text, created) = match std::fs::read_to_string(&path) {
        Ok(t) => (t, false),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            (new_round_header(project, round_number), true)
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    let new_text = append_questions(&old_text, &questions);

    // Verify before writing: the round parses and every rule holds with it in place.
    let round = nvi::parse_round(&path, &new_text)?;
    let mut rounds: Vec<Round> = project
        .nvi
        .iter()
        .filter(|r| r.name != round_name)
        .cloned()
        .collect();
    rounds.push(round);
    rounds.sort_by(|a, b| (a.round, &a.name).cmp(&(b.round, &b.name)));
    let mut diags = Vec::new();
    nvi::check(&rounds, &refs, &bidders, &mut diags);
    if !diags.is_empty() {
        return Err(Error::Data(diags));
    }

    write_atomically(&path, &new_text)?;
    // And load the data folder again, as every command will.
    if let Err(e) = Build::load(build.options.clone()) {
        if created {
            let _ = std::fs::remove_file(&path);
        } else {
            let _ = write_atomically(&path, &old_text);
        }
        return Err(e);
    }
    Ok(ImportReport {
        file: path,
        numbers: questions.iter().map(|q| q.number).collect(),
        created,
    })
}

/// The column a question field comes from, for messages about a form's row.
fn column_name(field: &str) -> &'static str {
    match field {
        "document" => "Document",
        "section" => "Paragraaf",
        "page" => "Pagina",
        "follows_up" => "Vervolg op vraag",
        _ => "Vraag",
    }
}

/// Letters and digits only, lower case: for recognising a question imported twice.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The start of a round file that does not exist yet. `published` is left empty (null): the
/// round loads and renders as a draft, and a final document asks for the date.
fn new_round_header(project: &Project, round: u32) -> String {
    let (what, title) = if round == 0 {
        (
            "market consultation".to_string(),
            "Marktconsultatie – vragen en antwoorden".to_string(),
        )
    } else {
        (
            format!("nota van inlichtingen {round}"),
            format!("Nota van inlichtingen {round}"),
        )
    };
    format!(
        "# {} {}: {what}. Created by `gen nvi import`.\n\
         # Fill in the publication date and answer every question before publishing (until then\n\
         # only `gen --draft nvi ...` renders it).\n\
         round: {round}\n\
         title: {}\n\
         published:  # YYYY-MM-DD\n\
         rectifications: []\n\
         announcements: []\n\
         questions:\n",
        project.tender.reference,
        project.tender.title,
        yaml_string(&title),
    )
}

/// `text` with `questions` added at the end of its `questions:` list (created when missing).
/// Nothing else in the text changes, except an empty `questions: []`, which becomes
/// `questions:`.
pub fn append_questions(text: &str, questions: &[Question]) -> String {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let key_line = lines.iter().position(|l| l.starts_with("questions:"));
    let dash = nvi::item_lines(text, "questions")
        .first()
        .map_or(2, |&(_, col)| col.saturating_sub(2));
    let items: String = questions
        .iter()
        .map(|q| question_yaml(q, dash, nl))
        .collect();

    let Some(key_line) = key_line else {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(nl);
        }
        out.push_str("questions:");
        out.push_str(nl);
        out.push_str(&items);
        return out;
    };
    // The end of the list: after its last line with content, before the next top-level key.
    let mut end = key_line + 1;
    for (i, line) in lines.iter().enumerate().skip(key_line + 1) {
        let trimmed = line.trim_start();
        let content = !trimmed.trim().is_empty() && !trimmed.starts_with('#');
        if !content {
            continue;
        }
        if !line.starts_with([' ', '\t', '-']) {
            break;
        }
        end = i + 1;
    }
    let mut out = String::with_capacity(text.len() + items.len());
    for (i, line) in lines.iter().enumerate() {
        if i == key_line {
            let value = line["questions:".len()..]
                .split('#')
                .next()
                .unwrap_or("")
                .trim();
            if value.replace(' ', "") == "[]" {
                out.push_str("questions:");
                out.push_str(nl);
            } else {
                out.push_str(line);
            }
        } else {
            out.push_str(line);
        }
        if i + 1 == end {
            if !line.ends_with('\n') {
                out.push_str(nl);
            }
            out.push_str(&items);
        }
    }
    out
}

/// One question as a block-style list item, its dash at column `dash`.
fn question_yaml(q: &Question, dash: usize, nl: &str) -> String {
    let key = " ".repeat(dash + 2);
    let body = " ".repeat(dash + 4);
    let mut s = format!("{}- number: {}{nl}", " ".repeat(dash), q.number);
    s.push_str(&format!("{key}document: {}{nl}", q.document.key()));
    if let Some(section) = &q.section {
        s.push_str(&format!("{key}section: {}{nl}", yaml_string(section)));
    }
    if let Some(page) = &q.page {
        let value = if !page.is_empty()
            && page.len() < 6
            && page.chars().all(|c| c.is_ascii_digit())
            && !page.starts_with('0')
        {
            page.clone()
        } else {
            yaml_string(page)
        };
        s.push_str(&format!("{key}page: {value}{nl}"));
    }
    if let Some(n) = q.follows_up {
        s.push_str(&format!("{key}follows_up: {n}{nl}"));
    }
    s.push_str(&format!("{key}question: |{nl}"));
    for line in clean_text(&q.question).lines() {
        if line.is_empty() {
            s.push_str(nl);
        } else {
            s.push_str(&format!("{body}{line}{nl}"));
        }
    }
    // An empty answer to fill in.
    s.push_str(&format!("{key}answer: |{nl}"));
    s
}

/// Text safe for a YAML literal block: no control characters (tabs become spaces), lines
/// trimmed, no leading or trailing blank lines, at most one blank line in a row.
fn clean_text(s: &str) -> String {
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

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(&clean_text(s).replace('\n', " ")).expect("a string serialises")
}

fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("round.yaml");
    // Not `*.yaml`, so a crash cannot leave a half-written round that loads.
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

// ---------------------------------------------------------------------------------------------
// Reading the question form

/// Column titles of the question form (lower case), by field.
const TITLES: &[(&str, &[&str])] = &[
    (
        "document",
        &["document", "documentnaam", "document naam", "naam document"],
    ),
    (
        "section",
        &[
            "paragraaf",
            "paragraafnummer",
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
        ],
    ),
    (
        "question",
        &["vraag", "vraagstelling", "uw vraag", "vragen"],
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
];

fn title_field(cell: &str) -> Option<&'static str> {
    let norm = cell
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let norm = norm.trim_end_matches([':', '*', ' ']);
    TITLES
        .iter()
        .find(|(_, names)| names.contains(&norm))
        .map(|(f, _)| *f)
}

/// Reads the questions of a question form: in every sheet that has a header row (found by its
/// titles, wherever it is), each non-empty row below it.
pub fn read_question_form(path: &Path) -> Result<Vec<FormQuestion>> {
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| {
        Error::data(Diagnostic::new(
            path,
            "",
            format!("cannot read the workbook: {e}"),
        ))
    })?;
    let sheets = workbook.sheet_names();
    let mut out = Vec::new();
    let mut problems = Vec::new();
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
            for (c, cell) in row.iter().enumerate() {
                if let Some(field) = title_field(&cell_text(cell)) {
                    columns.entry(field).or_insert(c);
                }
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
        let _ = col0;
        let mut found = 0;
        for (i, row) in rows.iter().enumerate().skip(header_row + 1) {
            let get = |field: &str| {
                columns
                    .get(field)
                    .and_then(|&c| row.get(c))
                    .map(cell_text)
                    .unwrap_or_default()
            };
            let (document, section, page, question, follows_up) = (
                get("document"),
                get("section"),
                get("page"),
                get("question"),
                get("follows_up"),
            );
            if [&document, &section, &page, &question, &follows_up]
                .iter()
                .all(|s| s.trim().is_empty())
            {
                continue;
            }
            let here = place(i);
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
            found += 1;
            out.push(FormQuestion {
                sheet: sheet.clone(),
                row: row_number(i),
                document: doc,
                section: clean_section(&section),
                page: Some(page.trim().to_string()).filter(|p| !p.is_empty()),
                follows_up,
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
        Ok(out)
    } else {
        Err(Error::Data(problems))
    }
}

/// A cell as text: numbers without a needless `.0`.
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
