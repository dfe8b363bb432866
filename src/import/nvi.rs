//! Adding the questions of a bidder's question form to a round of the nota van inlichtingen
//! (`gen nvi import`), unanswered, with the next free numbers.
//!
//! The import appends YAML text to the round file instead of re-serialising it, so existing
//! questions, answers, comments and formatting stay byte for byte as they were. The new text is
//! parsed and validated together with every other round before anything is written, and the
//! data folder is loaded again afterwards (by the caller's `reload`).

use std::path::{Path, PathBuf};

use super::data_file::write_atomically;
use super::question_form::{clean_text, read_question_form};
use crate::error::{Diagnostic, Error, Result};
use crate::model::Project;
use crate::model::nvi::{self, Question, References, Round};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub file: PathBuf,
    /// The numbers given to the imported questions, in order.
    pub numbers: Vec<u32>,
    /// Whether the round file was created.
    pub created: bool,
    /// About the form (unknown columns) and the questions flagged for review (a paragraph
    /// that does not resolve): imported all the same.
    pub warnings: Vec<Diagnostic>,
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

/// Imports the questions of `xlsx` into round `round_name` of `project`'s data folder. `refs`
/// are what questions may refer to (with the sections of the offerteaanvraag as rendered).
/// After writing, `reload` loads the data folder again as every command will; when it fails,
/// the round file is restored (or removed, when the import created it) and its error returned.
pub(crate) fn import_questions(
    project: &Project,
    refs: &References,
    xlsx: &Path,
    round_name: &str,
    reload: impl FnOnce() -> Result<()>,
) -> Result<ImportReport> {
    let Some(round_number) = nvi::round_number_of(round_name) else {
        return Err(Error::Usage(format!(
            "`{round_name}` is not a round name: use round-1, round-2, … or {}",
            nvi::MARKET_CONSULTATION
        )));
    };
    let data = &project.dir;
    let form = read_question_form(xlsx)?;
    let rows = form.questions;
    let mut warnings = form.warnings;

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
    let bidders = nvi::guarded_names(project);
    let mut problems = Vec::new();
    let mut questions = Vec::new();
    let mut flagged = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut q = Question {
            number: next + i as u32,
            document: row.document.clone(),
            section: row.section.clone(),
            page: row.page.clone(),
            follows_up: row.follows_up,
            lot: row.lot,
            question: row.question.clone(),
            answer: None,
            check: None,
        };
        let mut flag = None;
        for (field, message) in
            nvi::question_problems(&q, round_number, &project.nvi, refs, &bidders)
        {
            // A paragraph that does not resolve: imported without it, flagged in the round
            // file for the officer to settle.
            if field == "section" {
                warnings.push(Diagnostic::warning(
                    xlsx,
                    row.place(),
                    format!(
                        "{}: {message}; imported as question {} without its paragraph, flagged with `check:` in the round file (the round is not published until it is settled)",
                        column_name(field),
                        q.number
                    ),
                ));
                flag = q.section.take().map(|s| (s, message));
                continue;
            }
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
        flagged.push(flag);
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
    let new_text = append_flagged_questions(&old_text, &questions, &flagged);

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
    nvi::check(&rounds, refs, &bidders, &mut diags);
    if !diags.is_empty() {
        crate::model::locate::fill_with(&mut diags, &[(&path, &new_text)]);
        return Err(Error::Data(diags));
    }

    write_atomically(&path, &new_text)?;
    // And load the data folder again, as every command will.
    if let Err(e) = reload() {
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
        warnings,
    })
}

/// The column a question field comes from, for messages about a form's row.
fn column_name(field: &str) -> &'static str {
    match field {
        "document" => "Document",
        "section" => "Paragraaf",
        "page" => "Pagina",
        "follows_up" => "Vervolg op vraag",
        "lot" => "Perceel",
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
        "# yaml-language-server: $schema=../.schemas/round.schema.json\n\
         # {} {}: {what}. Created by `gen nvi import`.\n\
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
/// `flags[i]` (a paragraph that did not resolve, and why) is written as comments above
/// question `i`, its `section:` commented out.
fn append_flagged_questions(
    text: &str,
    questions: &[Question],
    flags: &[Option<(String, String)>],
) -> String {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let key_line = lines.iter().position(|l| l.starts_with("questions:"));
    let dash = nvi::item_lines(text, "questions")
        .first()
        .map_or(2, |&(_, col)| col.saturating_sub(2));
    let items: String = questions
        .iter()
        .enumerate()
        .map(|(i, q)| question_yaml(q, flags.get(i).and_then(Option::as_ref), dash, nl))
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

/// One question as a block-style list item, its dash at column `dash`. A flagged question
/// (`flag`: the form's paragraph and why it does not resolve) gets the `check:` field and the
/// form's paragraph as a comment where `section:` goes.
fn question_yaml(q: &Question, flag: Option<&(String, String)>, dash: usize, nl: &str) -> String {
    let key = " ".repeat(dash + 2);
    let body = " ".repeat(dash + 4);
    let mut s = String::new();
    s.push_str(&format!("{}- number: {}{nl}", " ".repeat(dash), q.number));
    s.push_str(&format!("{key}document: {}{nl}", q.document.key()));
    if let Some((section, why)) = flag {
        let why = clean_text(why).replace('\n', " ");
        s.push_str(&format!(
            "{key}check: {}{nl}",
            yaml_string(&format!(
                "the form's paragraph \"{}\": {why}",
                clean_text(section)
            ))
        ));
        s.push_str(&format!(
            "{key}# section: {}  # as the form gives it; fill in the right paragraph{nl}",
            yaml_string(section)
        ));
    }
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
    if let Some(n) = q.lot {
        s.push_str(&format!("{key}lot: {n}{nl}"));
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

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(&clean_text(s).replace('\n', " ")).expect("a string serialises")
}
