//! The nota van inlichtingen: the documents of the bundled rounds, every validation rule, the
//! anonymity guard, `gen nvi <round>` and `gen nvi import`.

use std::path::{Path, PathBuf};

use tendergen::Error;
use tendergen::cmd::nvi::import_questions;
use tendergen::docs::{self, RunOptions};
use tendergen::error::Diagnostic;
use tendergen::import::nvi::ImportReport;
use tendergen::model::Project;
use tendergen::typeset::Engine;

use crate::common::*;

// ---------------------------------------------------------------------------------------------
// Helpers

/// A copy of the bundled tender to change freely; its files named by round (`round-1`).
struct Copy(TenderCopy);

impl Copy {
    fn new() -> Copy {
        Copy(TenderCopy::new())
    }

    fn data(&self) -> PathBuf {
        self.0.data()
    }

    fn root(&self) -> &Path {
        self.0.root()
    }

    fn read(&self, round: &str) -> String {
        self.0.read(&format!("nvi/{round}.yaml"))
    }

    fn write(&self, round: &str, text: &str) {
        self.0.write(&format!("nvi/{round}.yaml"), text);
    }

    /// Replaces the one occurrence of `from` in a round file.
    fn edit(&self, round: &str, from: &str, to: &str) {
        self.0.edit(&format!("nvi/{round}.yaml"), from, to);
    }

    fn load(&self) -> Result<Project, Error> {
        try_build(&self.data(), &self.0.templates()).map(|b| b.project)
    }

    fn build(&self) -> tendergen::build::Build {
        build_of(&self.data(), &self.0.templates())
    }

    /// The problems loading reports (panics when it loads).
    /// The errors (not the warnings reported with them).
    fn problems(&self) -> Vec<Diagnostic> {
        match self.load() {
            Ok(_) => panic!("the data was expected to be refused"),
            Err(Error::Data(ds)) => ds.into_iter().filter(Diagnostic::is_error).collect(),
            Err(e) => panic!("expected data errors, got: {e}"),
        }
    }
}

/// The one problem in `problems` about `field` of `file`, with its message containing `text`.
fn assert_problem(problems: &[Diagnostic], file: &str, field: &str, text: &str) -> Diagnostic {
    let found: Vec<&Diagnostic> = problems
        .iter()
        .filter(|d| {
            d.file.file_name().is_some_and(|n| n == file)
                && d.field == field
                && d.message.contains(text)
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one problem {file}: {field}: …{text}…, got:\n{}",
        list(problems)
    );
    found[0].clone()
}

fn list(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The 1-based line of the first line of `text` that starts (after indentation) with `start`,
/// searching from the line containing `after`.
fn line_of(text: &str, after: &str, start: &str) -> usize {
    let from = text
        .lines()
        .position(|l| l.contains(after))
        .expect("anchor line");
    from + 1
        + text
            .lines()
            .skip(from)
            .position(|l| l.trim_start().starts_with(start))
            .expect("line")
}

fn draft() -> RunOptions {
    RunOptions {
        draft: true,
        ..RunOptions::default()
    }
}

// ---------------------------------------------------------------------------------------------
// The bundled rounds

#[test]
fn typst_source_snapshots() {
    let project = project();
    for round in ["marktconsultatie", "round-1", "round-2"] {
        let job = docs::nvi::job(&project, round, &opts()).unwrap();
        insta::assert_snapshot!(format!("nvi_source_{round}"), typst_source(&job));
    }
}

#[test]
fn pdf_text_snapshot_round_1() {
    let out = tempfile::tempdir().unwrap();
    let output = gen_bundled(out.path(), &["nvi", "round-1"]);
    assert_success(&output);
    let pdf = out.path().join("WIJ-2026-001/nota-van-inlichtingen-1.pdf");
    let text = pdf_text_raw(&pdf);
    insta::assert_snapshot!("nvi_pdf_text_round-1", text);
    // Every answer is in the PDF, whole and in order: rows that break across pages lose no
    // text. A paragraph split by a page break is interrupted by the footer, the header, the
    // repeated table header and the continuation of the row's question cell.
    let words = words(&text);
    for q in &project()
        .nvi
        .iter()
        .find(|r| r.name == "round-1")
        .unwrap()
        .questions
    {
        for para in tendergen::render::escape::split_paragraphs(q.answer.as_deref().unwrap()) {
            assert!(
                contains_interrupted(&words, &self::words(&para), 80),
                "answer {} is incomplete in the PDF: {para}",
                q.number
            );
        }
    }
}

/// The words of a text, lower case, letters and digits only. (A word hyphenated at a line end
/// is two words here; [`contains_interrupted`] matches it.)
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(squash)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `needle` occurs in `hay`: its first five words together, then the rest in order
/// with at most `max_gap` other words in between (in total). A word hyphenated across a page
/// break is found in its two parts.
fn contains_interrupted(hay: &[String], needle: &[String], max_gap: usize) -> bool {
    let head = needle.len().min(5);
    (0..hay.len().saturating_sub(head))
        .filter(|&i| hay[i..i + head] == needle[..head])
        .any(|start| {
            let (mut i, mut gap) = (start + head, 0);
            'words: for w in &needle[head..] {
                while i < hay.len() && gap <= max_gap {
                    if hay[i] == *w {
                        i += 1;
                        continue 'words;
                    }
                    if let Some(rest) = w
                        .strip_prefix(hay[i].as_str())
                        .filter(|r| !r.is_empty() && hay[i].len() >= 2)
                    {
                        let end = hay.len().min(i + 1 + max_gap - gap);
                        if let Some(j) = (i + 1..end).find(|&j| hay[j] == rest) {
                            gap += j - i - 1;
                            i = j + 1;
                            continue 'words;
                        }
                    }
                    i += 1;
                    gap += 1;
                }
                return false;
            }
            true
        })
}

/// The text of a PDF in content-stream order (`pdftotext -raw`): a table reads row by row, cell
/// by cell, which suits the question table better than the reading-order heuristic.
fn pdf_text_raw(pdf: &Path) -> String {
    pdftotext(pdf, &["-raw"])
}

#[test]
fn all_rounds_become_documents_named_by_round() {
    let jobs = docs::nvi::jobs(&project(), &opts()).unwrap();
    let files: Vec<String> = jobs
        .iter()
        .map(|j| j.file.to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(
        files,
        [
            "WIJ-2026-001/marktconsultatie.pdf",
            "WIJ-2026-001/nota-van-inlichtingen-1.pdf",
            "WIJ-2026-001/nota-van-inlichtingen-2.pdf"
        ]
    );
}

#[test]
fn gen_all_plans_every_round() {
    let plan = build().plan(&tendergen::build::Selection::All).unwrap();
    let files: Vec<String> = plan
        .jobs
        .iter()
        .map(|j| j.file.to_string_lossy().replace('\\', "/"))
        .collect();
    for f in [
        "marktconsultatie.pdf",
        "nota-van-inlichtingen-1.pdf",
        "nota-van-inlichtingen-2.pdf",
    ] {
        assert!(files.contains(&format!("WIJ-2026-001/{f}")), "{files:?}");
    }
}

#[test]
fn gen_nvi_marktconsultatie_writes_its_own_file() {
    let out = tempfile::tempdir().unwrap();
    assert_success(&gen_bundled(out.path(), &["nvi", "marktconsultatie"]));
    let text = pdf_text(&out.path().join("WIJ-2026-001/marktconsultatie.pdf"));
    assert!(text.contains("Marktconsultatie – vragen en antwoorden"));
    // Not a nota van inlichtingen: no precedence over the tender documents.
    assert!(!text.contains("Rangorde"));
    assert!(text.contains("geen nota van inlichtingen"));
}

#[test]
fn unknown_round_is_a_usage_error_listing_the_rounds() {
    let out = tempfile::tempdir().unwrap();
    let output = gen_bundled(out.path(), &["nvi", "round-9"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("rounds present: marktconsultatie, round-1, round-2"),
        "{stderr}"
    );
    assert!(!out.path().join("WIJ-2026-001").exists());
}

#[test]
fn follow_ups_name_the_question_they_follow() {
    let job = docs::nvi::job(&project(), "round-2", &opts()).unwrap();
    let source = typst_source(&job);
    assert!(
        source.contains("Vervolg op vraag 7")
            || source.contains("Vervolg op vraag 1 (nota van inlichtingen 1)")
    );
    assert_eq!(source.matches("#follow-up[Vervolg op vraag").count(), 8);
}

// ---------------------------------------------------------------------------------------------
// Validation

#[test]
fn bundled_rounds_are_valid() {
    let project = project();
    let names: Vec<&str> = project.nvi.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["marktconsultatie", "round-1", "round-2"]);
}

#[test]
fn dangling_follow_up_is_refused() {
    let c = Copy::new();
    c.edit("round-2", "follows_up: 10\n", "follows_up: 99\n");
    let d = assert_problem(
        &c.problems(),
        "round-2.yaml",
        "questions.1.follows_up",
        "question 99, which is not a question of an earlier round",
    );
    assert_eq!(
        d.line,
        Some(line_of(&c.read("round-2"), "number: 26", "follows_up:"))
    );
}

#[test]
fn follow_up_to_the_same_round_is_refused() {
    let c = Copy::new();
    c.edit("round-2", "follows_up: 10\n", "follows_up: 25\n");
    assert_problem(
        &c.problems(),
        "round-2.yaml",
        "questions.1.follows_up",
        "of the same round",
    );
}

#[test]
fn follow_up_to_a_later_round_is_refused() {
    let c = Copy::new();
    c.edit(
        "round-1",
        "  - number: 9\n    document: offerteaanvraag\n",
        "  - number: 9\n    follows_up: 30\n    document: offerteaanvraag\n",
    );
    assert_problem(
        &c.problems(),
        "round-1.yaml",
        "questions.8.follows_up",
        "in a later round (2)",
    );
}

#[test]
fn follow_up_in_the_first_round_is_refused() {
    let c = Copy::new();
    c.edit(
        "round-1",
        "  - number: 9\n    document: offerteaanvraag\n",
        "  - number: 9\n    follows_up: 3\n    document: offerteaanvraag\n",
    );
    assert_problem(
        &c.problems(),
        "round-1.yaml",
        "questions.8.follows_up",
        "of the same round",
    );
    let c = Copy::new();
    c.edit(
        "round-1",
        "  - number: 9\n    document: offerteaanvraag\n",
        "  - number: 9\n    follows_up: 99\n    document: offerteaanvraag\n",
    );
    assert_problem(
        &c.problems(),
        "round-1.yaml",
        "questions.8.follows_up",
        "round 1 has no earlier round",
    );
}

#[test]
fn unknown_section_of_the_offerteaanvraag_is_refused() {
    let c = Copy::new();
    c.edit(
        "round-1",
        "  - number: 11\n    document: offerteaanvraag\n    section: \"2.5\"\n",
        "  - number: 11\n    document: offerteaanvraag\n    section: \"2.13\"\n",
    );
    let d = assert_problem(
        &c.problems(),
        "round-1.yaml",
        "questions.10.section",
        "the offerteaanvraag has no paragraph 2.13",
    );
    assert_eq!(
        d.line,
        Some(line_of(&c.read("round-1"), "number: 11", "section:"))
    );
    // The message says which paragraphs there are.
    assert!(d.message.contains("2 … 2.12"), "{}", d.message);
}

#[test]
fn unknown_section_in_a_rectification_is_refused() {
    let c = Copy::new();
    c.edit(
        "round-1",
        "    section: \"5.3\"\n    old: \"G2.2",
        "    section: \"6.1\"\n    old: \"G2.2",
    );
    assert_problem(
        &c.problems(),
        "round-1.yaml",
        "rectifications.0.section",
        "no paragraph 6.1",
    );
}

#[test]
fn unknown_annex_is_refused() {
    let c = Copy::new();
    c.edit("round-1", "document: bijlage-E\n", "document: bijlage-K\n");
    assert_problem(
        &c.problems(),
        "round-1.yaml",
        "questions.7.document",
        "there is no bijlage K",
    );
}

#[test]
fn unquoted_decimal_section_is_refused_with_a_hint() {
    let c = Copy::new();
    c.edit(
        "round-1",
        "  - number: 11\n    document: offerteaanvraag\n    section: \"2.5\"\n",
        "  - number: 11\n    document: offerteaanvraag\n    section: 2.5\n",
    );
    let problems = c.problems();
    assert!(
        problems
            .iter()
            .any(|d| d.message.contains("write section numbers in quotes")),
        "{}",
        list(&problems)
    );
}

#[test]
fn reused_number_is_refused() {
    let c = Copy::new();
    c.edit("round-2", "  - number: 26\n", "  - number: 7\n");
    let d = assert_problem(
        &c.problems(),
        "round-2.yaml",
        "questions.1.number",
        "number 7 is already used (round-1.yaml questions.6)",
    );
    assert_eq!(
        d.line,
        Some(line_of(&c.read("round-2"), "number: 25", "- number: 7"))
    );
}

#[test]
fn duplicate_number_within_a_round_is_refused() {
    let c = Copy::new();
    c.edit("round-1", "  - number: 12\n", "  - number: 11\n");
    assert_problem(
        &c.problems(),
        "round-1.yaml",
        "questions.11.number",
        "number 11 is already used (round-1.yaml questions.10)",
    );
}

#[test]
fn numbering_gap_between_rounds_is_refused() {
    let c = Copy::new();
    let text = c.read("round-2");
    let renumbered = (25..=32).rev().fold(text, |t, n| {
        t.replace(
            &format!("  - number: {n}\n"),
            &format!("  - number: {}\n", n + 1),
        )
    });
    c.write("round-2", &renumbered);
    let problems = c.problems();
    assert_problem(
        &problems,
        "round-2.yaml",
        "questions.0.number",
        "number 26 breaks the numbering: expected 25",
    );
    assert_eq!(problems.len(), 1, "{}", list(&problems));
}

#[test]
fn market_consultation_has_its_own_numbering() {
    // Round 0 numbers 1-33 overlap rounds 1 and 2 without being "reused"; a duplicate inside
    // round 0 is still refused.
    let c = Copy::new();
    assert!(c.load().is_ok());
    c.edit("marktconsultatie", "  - number: 2\n", "  - number: 1\n");
    assert_problem(
        &c.problems(),
        "marktconsultatie.yaml",
        "questions.1.number",
        "number 1 is already used (marktconsultatie.yaml questions.0)",
    );
}

#[test]
fn round_file_names_match_round_numbers() {
    let c = Copy::new();
    c.edit("round-2", "round: 2\n", "round: 3\n");
    assert_problem(
        &c.problems(),
        "round-2.yaml",
        "round",
        "round-2.yaml holds round 2, but the file says round: 3",
    );
}

#[test]
fn questioner_field_is_refused() {
    let c = Copy::new();
    c.edit(
        "round-2",
        "  - number: 26\n",
        "  - number: 26\n    questioner: Arbo Vitaal B.V.\n",
    );
    let problems = c.problems();
    let d = problems
        .iter()
        .find(|d| d.message.contains("unknown field `questioner`"))
        .unwrap_or_else(|| panic!("{}", list(&problems)));
    assert_eq!(d.field, "questions[1].questioner");
    assert_eq!(
        d.line,
        Some(line_of(&c.read("round-2"), "number: 26", "questioner:"))
    );
}

#[test]
fn unanswered_question_is_refused_unless_draft() {
    let c = Copy::new();
    let text = c.read("round-2");
    // Question 28 loses its answer.
    let start = text.find("  - number: 28\n").unwrap();
    let answer = start + text[start..].find("    answer: |\n").unwrap();
    let next = start + text[start..].find("  - number: 29\n").unwrap();
    c.write("round-2", &format!("{}{}", &text[..answer], &text[next..]));
    let project = c.load().expect("unanswered questions load");

    let Err(Error::Data(problems)) = docs::nvi::job(&project, "round-2", &opts()) else {
        panic!("expected an error")
    };
    let d = assert_problem(
        &problems,
        "round-2.yaml",
        "questions.3.answer",
        "question 28 is not answered yet",
    );
    assert!(d.message.contains("--draft"));
    assert_eq!(
        d.line,
        Some(line_of(&c.read("round-2"), "number: 28", "- number: 28"))
    );
    // `gen all` too.
    assert!(matches!(
        docs::nvi::jobs(&project, &opts()),
        Err(Error::Data(_))
    ));

    // A draft renders, with the question marked.
    let job = docs::nvi::job(&project, "round-2", &draft()).unwrap();
    let source = typst_source(&job);
    assert!(source.contains("#unanswered"));
    assert!(source.contains("draft: true"));

    // Through the binary: exit 1, nothing written; --draft writes the PDF.
    let out = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        gen_in(c.root())
            .arg("--data")
            .arg(c.data())
            .arg("--out")
            .arg(out.path())
            .args(args)
            .output()
            .unwrap()
    };
    let refused = run(&["nvi", "round-2"]);
    assert_eq!(refused.status.code(), Some(1));
    // Messages count list items from 1 and name them.
    assert!(String::from_utf8_lossy(&refused.stderr).contains("questions[4] (number 28).answer"));
    assert!(!out.path().join("WIJ-2026-001").exists());
    assert_success(&run(&["--draft", "nvi", "round-2"]));
    let text = pdf_text(&out.path().join("WIJ-2026-001/nota-van-inlichtingen-2.pdf"));
    assert!(text.contains("Antwoord volgt."));
}

// ---------------------------------------------------------------------------------------------
// Anonymity

fn with_question_text(c: &Copy, text: &str) {
    c.edit(
        "round-2",
        "      Naar aanleiding van het antwoord op vraag 13:",
        &format!("      {text} Naar aanleiding van het antwoord op vraag 13:"),
    );
}

#[test]
fn question_naming_a_bidder_is_refused() {
    let c = Copy::new();
    c.edit(
        "round-2",
        "announcements: []\n",
        "announcements: []\nbidders: [\"Arbo Vitaal B.V.\", \"Zorgwerk Noord\"]\n",
    );
    assert!(c.load().is_ok(), "bidder names alone are fine");
    with_question_text(&c, "Wij, Arbo Vitaal, vragen:");
    let d = assert_problem(
        &c.problems(),
        "round-2.yaml",
        "questions.2.question",
        "names bidder “Arbo Vitaal B.V.”",
    );
    assert_eq!(
        d.line,
        Some(line_of(&c.read("round-2"), "number: 27", "question:"))
    );
}

#[test]
fn question_naming_a_bidder_or_contact_from_the_bids_is_refused() {
    // data/bids/ feeds the guard too: the bidders' names and their contact persons.
    let project = project();
    let bid = project.bids.first().expect("the bundled tender has bids");
    let (name, contact) = (bid.name.clone(), bid.contact.name.clone());
    let c = Copy::new();
    with_question_text(&c, &format!("{contact} vraagt:"));
    assert_problem(
        &c.problems(),
        "round-2.yaml",
        "questions.2.question",
        &format!("names bidder “{contact}”"),
    );
    let c = Copy::new();
    with_question_text(&c, &format!("Wij ({name}) vragen:"));
    assert_problem(
        &c.problems(),
        "round-2.yaml",
        "questions.2.question",
        &format!("names bidder “{name}”"),
    );
}

#[test]
fn question_with_an_email_address_is_refused() {
    let c = Copy::new();
    with_question_text(&c, "Antwoord graag aan j.jansen@arbo-vitaal.nl.");
    assert_problem(
        &c.problems(),
        "round-2.yaml",
        "questions.2.question",
        "contains an e-mail address (j.jansen@arbo-vitaal.nl)",
    );
}

#[test]
fn question_with_a_phone_number_is_refused() {
    for phone in [
        "06-12345678",
        "050 123 4567",
        "+31 6 12345678",
        "+31 (0)50 123 4567",
    ] {
        let c = Copy::new();
        with_question_text(&c, &format!("Bel ons gerust op {phone}."));
        assert_problem(
            &c.problems(),
            "round-2.yaml",
            "questions.2.question",
            &format!("contains a phone number ({phone})"),
        );
    }
}

#[test]
fn anonymity_guard_takes_any_list_of_names() {
    use tendergen::model::nvi::GuardedNames;
    let names = GuardedNames::new(["Zorgwerk Noord".to_string()]);
    assert_eq!(
        tendergen::model::nvi::anonymity_problems("Zorgwerk  noord vraagt", &names).len(),
        1
    );
    assert!(
        tendergen::model::nvi::anonymity_problems("Zorgwerkers in het noorden", &names).is_empty()
    );
    // The bundled questions are clean (amounts, dates, times, scores are not phone numbers).
    for round in &project().nvi {
        for q in &round.questions {
            assert!(
                tendergen::model::nvi::anonymity_problems(&q.question, &GuardedNames::new([]))
                    .is_empty(),
                "{} {}",
                round.name,
                q.number
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Import

/// A question form: `rows` written from `first_row` (0-based) on the first sheet, all strings.
fn workbook(path: &Path, sheet: &str, first_row: u32, rows: &[&[&str]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            if !value.is_empty() {
                ws.write_string(first_row + r as u32, col as u16, *value)
                    .unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

fn import(c: &Copy, rows: &[&[&str]], round: &str) -> Result<ImportReport, Error> {
    let xlsx = c.root().join("vragen.xlsx");
    workbook(&xlsx, "Vragen", 0, rows);
    import_questions(&try_build(&c.data(), &c.0.templates())?, &xlsx, round)
}

fn import_problems(result: Result<ImportReport, Error>) -> String {
    match result {
        Err(Error::Data(ds)) => list(&ds),
        Err(e) => panic!("expected data errors, got: {e}"),
        Ok(r) => panic!("expected the import to be refused, it did: {r}"),
    }
}

#[test]
fn import_finds_the_header_below_a_title_and_appends() {
    let c = Copy::new();
    let before = c.read("round-2");
    let xlsx = c.root().join("bijlage-I.xlsx");
    // A title in row 1, an empty row 2, the header in row 3 (with a numbering column).
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Vragen NvI").unwrap();
    ws.write_string(
        0,
        0,
        "Format vragen t.b.v. nota van inlichtingen – WIJ-2026-001",
    )
    .unwrap();
    for (col, title) in [
        "Nr.",
        "Document",
        "Paragraaf",
        "Pagina",
        "Vraag",
        "Vervolg op vraag",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, col as u16, *title).unwrap();
    }
    ws.write_number(3, 0, 1).unwrap();
    ws.write_string(3, 1, "Offerteaanvraag").unwrap();
    ws.write_string(3, 2, "5.3").unwrap();
    ws.write_number(3, 3, 27).unwrap();
    ws.write_string(
        3,
        4,
        "Mag de presentatie\nop locatie worden gehouden?\n\nGraag een toelichting: \"ja\" # of nee.",
    )
    .unwrap();
    ws.write_number(3, 5, 23).unwrap();
    ws.write_number(4, 0, 2).unwrap();
    ws.write_string(4, 1, "Bijlage D - Prijsinvulformulier")
        .unwrap();
    ws.write_string(4, 4, "Is het prijsinvulformulier beveiligd?")
        .unwrap();
    wb.save(&xlsx).unwrap();

    let report = import_questions(&c.build(), &xlsx, "round-2").unwrap();
    assert_eq!(report.numbers, [33, 34]);
    assert!(!report.created);

    let after = c.read("round-2");
    // Existing questions and answers are untouched, byte for byte: the file only grew.
    assert!(after.starts_with(&before), "the existing text changed");
    insta::assert_snapshot!("nvi_import_appended", &after[before.len()..]);

    let project = c.load().unwrap();
    let round = project.nvi.iter().find(|r| r.name == "round-2").unwrap();
    let q = &round.questions[8];
    assert_eq!(
        (
            q.number,
            q.section.as_deref(),
            q.page.as_deref(),
            q.follows_up
        ),
        (33, Some("5.3"), Some("27"), Some(23))
    );
    assert_eq!(
        q.question,
        "Mag de presentatie\nop locatie worden gehouden?\n\nGraag een toelichting: \"ja\" # of nee.\n"
    );
    assert!(q.answer_text().is_none());
    assert_eq!(
        round.questions[9].document,
        tendergen::model::nvi::DocumentRef::Bijlage('D')
    );
    // Unanswered: a final document is refused until they are answered.
    assert!(docs::nvi::job(&project, "round-2", &opts()).is_err());
}

#[test]
fn import_reads_columns_in_any_order() {
    let c = Copy::new();
    let report = import(
        &c,
        &[
            &["Vraag", "Pagina", "PARAGRAAF", "document"],
            &[
                "Klopt het dat de looptijd vier jaar is?",
                "8",
                "1.2",
                "offerteaanvraag",
            ],
            &["", "", "", ""],
            &["Is er een voorbeeldcasus?", "", "", "Algemeen"],
        ],
        "round-2",
    )
    .unwrap();
    assert_eq!(report.numbers, [33, 34]);
    let project = c.load().unwrap();
    let qs = &project
        .nvi
        .iter()
        .find(|r| r.name == "round-2")
        .unwrap()
        .questions;
    assert_eq!(
        (qs[8].section.as_deref(), qs[8].page.as_deref()),
        (Some("1.2"), Some("8"))
    );
    assert_eq!(qs[9].document, tendergen::model::nvi::DocumentRef::Algemeen);
}

#[test]
fn import_refuses_an_empty_question() {
    let c = Copy::new();
    let before = c.read("round-2");
    let problems = import_problems(import(
        &c,
        &[
            &["Document", "Paragraaf", "Pagina", "Vraag"],
            &["Offerteaanvraag", "2.3", "10", "Goede vraag?"],
            &["Offerteaanvraag", "2.4", "11", ""],
        ],
        "round-2",
    ));
    assert!(
        problems.contains("sheet “Vragen”, row 3: the question (column Vraag) is empty"),
        "{problems}"
    );
    assert_eq!(c.read("round-2"), before, "nothing is written");
}

#[test]
fn import_refuses_a_workbook_without_header() {
    let c = Copy::new();
    let problems = import_problems(import(
        &c,
        &[&["Offerteaanvraag", "2.3", "10", "Een vraag zonder kop?"]],
        "round-2",
    ));
    assert!(
        problems.contains("no header row with the columns Document, Paragraaf, Pagina and Vraag in sheet(s) “Vragen”"),
        "{problems}"
    );
}

#[test]
fn import_refuses_an_unknown_document() {
    let c = Copy::new();
    let problems = import_problems(import(
        &c,
        &[
            &["Document", "Paragraaf", "Pagina", "Vraag"],
            &["Bestek", "", "", "Waar staat het bestek?"],
        ],
        "round-2",
    ));
    assert!(
        problems.contains("sheet “Vragen”, row 2: unknown document “Bestek”"),
        "{problems}"
    );
}

#[test]
fn import_applies_the_anonymity_guard_and_reference_checks() {
    let c = Copy::new();
    let problems = import_problems(import(
        &c,
        &[
            &["Document", "Paragraaf", "Pagina", "Vraag"],
            &[
                "Offerteaanvraag",
                "2.3",
                "",
                "Kunt u mij terugbellen op 06-12345678?",
            ],
            &["Offerteaanvraag", "9.9", "", "Wat staat er in 9.9?"],
        ],
        "round-2",
    ));
    assert!(
        problems.contains(
            "sheet “Vragen”, row 2: Vraag: the question contains a phone number (06-12345678)"
        ),
        "{problems}"
    );
    // A paragraph that does not resolve does not refuse the form (it is flagged instead).
    assert!(!problems.contains("9.9"), "{problems}");
}

#[test]
fn import_refuses_a_form_imported_twice() {
    let c = Copy::new();
    let rows: &[&[&str]] = &[
        &["Document", "Vraag"],
        &["Algemeen", "Wanneer is de gunning?"],
    ];
    import(&c, rows, "round-2").unwrap();
    let problems = import_problems(import(&c, rows, "round-2"));
    assert!(
        problems.contains("already in round-2 as question 33"),
        "{problems}"
    );
}

#[test]
fn import_creates_a_new_round_continuing_the_numbering() {
    let c = Copy::new();
    let report = import(
        &c,
        &[
            &["Document", "Paragraaf", "Vraag"],
            &["Offerteaanvraag", "§ 2.5", "Hoe dien ik in?"],
        ],
        "round-3",
    )
    .unwrap();
    assert!(report.created);
    assert_eq!(report.numbers, [33]);
    let text = c.read("round-3");
    insta::assert_snapshot!("nvi_import_new_round", text);
    let project = c.load().unwrap();
    let round = project.nvi.iter().find(|r| r.name == "round-3").unwrap();
    assert_eq!(
        (
            round.round,
            round.published,
            round.questions[0].section.as_deref()
        ),
        (3, None, Some("2.5"))
    );
    // Without a publication date and answers only a draft renders.
    let Err(Error::Data(problems)) = docs::nvi::job(&project, "round-3", &opts()) else {
        panic!("expected an error")
    };
    assert_problem(
        &problems,
        "round-3.yaml",
        "published",
        "publication date is missing",
    );
    assert_problem(
        &problems,
        "round-3.yaml",
        "questions.0.answer",
        "question 33 is not answered yet",
    );
    docs::nvi::job(&project, "round-3", &draft()).unwrap();
}

#[test]
fn import_only_into_the_last_round() {
    let c = Copy::new();
    let rows: &[&[&str]] = &[&["Document", "Vraag"], &["Algemeen", "Een late vraag?"]];
    assert!(
        matches!(import(&c, rows, "round-1"), Err(Error::Usage(m)) if m.contains("only be added to the last round (round-2)"))
    );
    assert!(
        matches!(import(&c, rows, "round-5"), Err(Error::Usage(m)) if m.contains("the next round is round-3"))
    );
    assert!(matches!(import(&c, rows, "ronde-3"), Err(Error::Usage(_))));
}

#[test]
fn import_inserts_into_a_list_that_is_not_last_and_fills_an_empty_one() {
    let c = Copy::new();
    let header =
        "# comment kept\nround: 3\ntitle: \"Nota van inlichtingen 3\"\npublished: 2026-07-06\n";
    // `questions: []` before other keys.
    c.write(
        "round-3",
        &format!("{header}questions: []\nrectifications: []\nannouncements: []  # none\n"),
    );
    import(
        &c,
        &[&["Document", "Vraag"], &["Algemeen", "Eerste vraag?"]],
        "round-3",
    )
    .unwrap();
    let text = c.read("round-3");
    assert!(
        text.starts_with(&format!("{header}questions:\n  - number: 33\n")),
        "{text}"
    );
    assert!(
        text.ends_with("    answer: |\nrectifications: []\nannouncements: []  # none\n"),
        "{text}"
    );
    // And a second import goes after the first question, still before the other keys.
    import(
        &c,
        &[&["Document", "Vraag"], &["Algemeen", "Tweede vraag?"]],
        "round-3",
    )
    .unwrap();
    let project = c.load().unwrap();
    let numbers: Vec<u32> = project
        .nvi
        .iter()
        .find(|r| r.name == "round-3")
        .unwrap()
        .questions
        .iter()
        .map(|q| q.number)
        .collect();
    assert_eq!(numbers, [33, 34]);
}

#[test]
fn gen_nvi_import_on_the_command_line() {
    let c = Copy::new();
    let xlsx = c.root().join("form.xlsx");
    workbook(
        &xlsx,
        "Blad1",
        4,
        &[
            &["Document", "Paragraaf", "Pagina", "Vraag"],
            &["Bijlage H", "", "3", "Is eis 58 een knock-out-eis?"],
        ],
    );
    let output = gen_import_form(&c);
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("added question 33 to data/nvi/round-2.yaml"),
        "{stdout}"
    );
    // `gen nvi <round>` still parses as a round.
    let output = gen_in(c.root())
        .args(["--data", "data", "nvi", "round-7"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn gen_nvi_import_maps_synonyms_warns_about_unknown_columns_and_flags_unknown_paragraphs() {
    let c = Copy::new();
    let xlsx = c.root().join("form.xlsx");
    workbook(
        &xlsx,
        "Blad1",
        0,
        &[
            &[
                "Nr.",
                "Stuk",
                "Hoofdstuk",
                "Bladzijde",
                "Vraagstelling",
                "Opmerking intern",
            ],
            &[
                "1",
                "Offerteaanvraag",
                "9.9",
                "4",
                "Wat staat er in 9.9?",
                "x",
            ],
            &[
                "2",
                "Bijlage H",
                "",
                "3",
                "Is eis 58 een knock-out-eis?",
                "",
            ],
        ],
    );
    let output = gen_import_form(&c);
    assert_success(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stdout.contains("added questions 33–34"), "{stdout}");
    // The unknown column is named, with its cell; the known synonyms are not.
    assert!(
        stderr.contains("unknown column “Opmerking intern” (F1) ignored"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("“Stuk”") && !stderr.contains("“Nr.”"),
        "{stderr}"
    );
    // The unresolved paragraph: a warning naming the row, and the question imported without
    // it, flagged for the officer.
    assert!(
        stderr.contains("row 2: Paragraaf: the offerteaanvraag has no paragraph 9.9"),
        "{stderr}"
    );
    let round = c.read("round-2");
    let q33 = round.find("- number: 33").unwrap();
    let item = &round[q33..round.find("- number: 34").unwrap()];
    assert!(
        item.contains(
            "check: \"the form's paragraph \\\"9.9\\\": the offerteaanvraag has no paragraph 9.9"
        ),
        "{item}"
    );
    assert!(item.contains("# section: \"9.9\""), "{item}");
    assert!(!item.contains("\n    section:"), "{item}");
    assert!(
        item.contains("page: 4") && item.contains("Wat staat er in 9.9?"),
        "{item}"
    );
    // The data folder still loads: a draft check passes.
    let run = |args: &[&str]| {
        gen_in(c.root())
            .args(["--data", "data", "--no-stamp"])
            .args(args)
            .output()
            .unwrap()
    };
    assert_success(&run(&["--draft", "check"]));
    // The flag is data: gen check reports the round as not publishable yet, naming the file,
    // line and field; --strict fails on it.
    let output = run(&["check"]);
    assert_success(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = round[..q33].matches('\n').count() + 3;
    let at = format!("round-2.yaml:{line}:");
    let flag = stderr
        .lines()
        .find(|l| l.contains("flagged for review"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        flag.contains(&at)
            && flag.contains("(number 33).check")
            && flag.contains("not publishable yet")
            && flag.contains("no paragraph 9.9"),
        "{flag} (expected {at})"
    );
    assert_eq!(run(&["check", "--strict"]).status.code(), Some(1));
    // gen status names it among the next steps.
    let output = run(&["status"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("question(s) 33 flagged for review")
            && stdout.contains("settle question(s) 33"),
        "{stdout}"
    );
    // gen nvi refuses the round, also after its questions are answered, until the flag goes.
    let answered = format!(
        "{}{}",
        &round[..q33],
        round[q33..].replace("answer: |\n", "answer: Zie de offerteaanvraag.\n")
    );
    c.write("round-2", &answered);
    let output = run(&["nvi", "round-2"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("flagged for review") && stderr.contains(&at),
        "{stderr}"
    );
    let settled: String = answered
        .lines()
        .filter(|l| !l.trim_start().starts_with("check:"))
        .map(|l| format!("{l}\n"))
        .collect();
    c.write("round-2", &settled);
    assert_success(&run(&["nvi", "round-2"]));
}

// ---------------------------------------------------------------------------------------------
// Size

#[test]
fn a_round_of_1000_questions_renders() {
    let c = Copy::new();
    let mut text = String::from(
        "round: 3\ntitle: \"Nota van inlichtingen 3\"\npublished: 2026-07-06\nquestions:\n",
    );
    for n in 33..1033 {
        let follow = if n % 10 == 0 {
            format!("    follows_up: {}\n", n % 24 + 1)
        } else {
            String::new()
        };
        let section = ["1.1", "2.3", "3.2.2.1", "5.3"][n % 4];
        text.push_str(&format!(
            "  - number: {n}\n    document: offerteaanvraag\n    section: \"{section}\"\n{follow}    question: |\n      Vraag {n}: {}\n    answer: |\n      Antwoord {n}: {}\n\n      {}\n",
            "Hoe werkt dit onderdeel precies? ".repeat(n % 7 + 1),
            "Dit onderdeel werkt zoals beschreven in de offerteaanvraag. ".repeat(n % 13 + 1),
            "Een tweede alinea met meer uitleg. ".repeat(n % 5 + 1),
        ));
    }
    c.write("round-3", &text);
    let project = c.load().unwrap();
    let job = docs::nvi::job(&project, "round-3", &opts()).unwrap();
    let renderer = tendergen::render::Renderer::load(&c.root().join("templates")).unwrap();
    let engine = Engine::new(renderer.dir().to_path_buf(), c.data());
    let (_, pdf) = tendergen::build::pipeline::render_one(&renderer, &engine, &job).unwrap();
    assert!(pdf.pages > 100, "{} pages", pdf.pages);
    let out = c.root().join("big.pdf");
    std::fs::write(&out, &pdf.bytes).unwrap();
    let text = pdf_text(&out);
    let text = squash(&text);
    assert!(text.contains(&squash("Antwoord 1032:")));
    // 40 follows up on 40 % 24 + 1 = 17.
    assert!(text.contains(&squash(
        "Vervolg op vraag 17 (nota van inlichtingen 1) Vraag 40:"
    )));
}

/// A rectification replaces text of the offerteaanvraag as we publish it: its `old` text must
/// be there (the NvI takes precedence over that very text).
#[test]
fn rectifications_quote_the_published_offerteaanvraag() {
    let out = tempfile::tempdir().unwrap();
    assert_success(&gen_bundled(out.path(), &["itt"]));
    let itt = squash(&pdf_body_text(
        &out.path().join("WIJ-2026-001/offerteaanvraag.pdf"),
    ));
    let project = project();
    let mut checked = 0;
    for round in &project.nvi {
        for (i, r) in round.rectifications.iter().enumerate() {
            if let (tendergen::model::nvi::DocumentRef::Offerteaanvraag, Some(old)) =
                (&r.document, &r.old)
            {
                assert!(
                    itt.contains(&squash(old)),
                    "round {} rectification {i}: `{old}` is not in the offerteaanvraag",
                    round.round
                );
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 2,
        "the bundled rounds have rectifications of the offerteaanvraag"
    );
}

#[test]
fn import_prefers_a_paragraph_column_over_a_chapter_column() {
    let c = Copy::new();
    let report = import(
        &c,
        &[
            &["Document", "Hoofdstuk", "Paragraaf", "Vraag"],
            &[
                "Offerteaanvraag",
                "2",
                "2.3",
                "Wat wordt bedoeld met de termijn?",
            ],
        ],
        "round-2",
    )
    .unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(c.read("round-2").contains("section: \"2.3\""));
}

/// `gen nvi import form.xlsx --round round-2` in the copy's folder.
fn gen_import_form(c: &Copy) -> std::process::Output {
    gen_in(c.root())
        .args([
            "--data",
            "data",
            "nvi",
            "import",
            "form.xlsx",
            "--round",
            "round-2",
        ])
        .output()
        .unwrap()
}
