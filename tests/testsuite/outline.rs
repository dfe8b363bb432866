//! `--templates DIR` decides the paragraph numbers everywhere: the ones award letters cite and
//! the ones NvI references are checked against come from the templates that are rendered, not
//! from the templates beside the data.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A copy of the bundled tender with, apart from its own `templates/`, a template set `alt/`
/// whose invitation to tender has an extra chapter before chapter 1: every chapter moves one up.
fn tender_with_renumbered_templates() -> (TenderCopy, PathBuf) {
    let c = TenderCopy::new();
    let alt = c.root().join("alt");
    copy_dir(&c.templates(), &alt);
    let itt = alt.join("offerteaanvraag.typ.tera");
    let text = std::fs::read_to_string(&itt).unwrap();
    let include = "{% include \"itt/hoofdstuk-1.typ.tera\" %}";
    assert_eq!(text.matches(include).count(), 1);
    std::fs::write(
        &itt,
        text.replace(
            include,
            &format!("= Leeswijzer <sec-leeswijzer>\n\nEen extra hoofdstuk.\n\n{include}"),
        ),
    )
    .unwrap();
    (c, alt)
}

fn gen_with(c: &TenderCopy, templates: &Path, args: &[&str]) -> std::process::Output {
    gen_in(c.root())
        .arg("--data")
        .arg(c.data())
        .arg("--templates")
        .arg(templates)
        .arg("--out")
        .arg(c.out())
        .arg("--no-stamp")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn nvi_references_are_checked_against_the_templates_rendered() {
    let (c, alt) = tender_with_renumbered_templates();
    // The bundled templates: round-1's reference to paragraph 2.12 exists.
    assert_success(&gen_with(&c, &c.templates(), &["check"]));
    // The renumbered ones: chapter 2 became chapter 3, and 2.12 does not exist.
    let output = gen_with(&c, &alt, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("round-1.yaml")
            && stderr.contains("the offerteaanvraag has no paragraph 2.12"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 … 3.12"),
        "the paragraphs as rendered: {stderr}"
    );
}

#[test]
fn letters_cite_the_paragraphs_of_the_templates_rendered() {
    let (c, alt) = tender_with_renumbered_templates();
    // The question rounds cite the bundled numbering; without them the tender renders.
    std::fs::remove_dir_all(c.data().join("nvi")).unwrap();
    let letter = |templates: &Path| {
        assert_success(&gen_with(&c, templates, &["award-letters", "--force"]));
        squash(&pdf_text(&c.out().join(
            "WIJ-2026-001/gunning/gunningsbeslissing-arbo-noord.pdf",
        )))
    };
    let bundled = letter(&c.templates());
    assert!(bundled.contains(&squash("hoofdstuk 5 van de offerteaanvraag")));
    assert!(bundled.contains(&squash("Volgens paragraaf 2.7 van de offerteaanvraag")));
    let renumbered = letter(&alt);
    assert!(
        renumbered.contains(&squash("hoofdstuk 6 van de offerteaanvraag")),
        "{renumbered}"
    );
    assert!(renumbered.contains(&squash("Volgens paragraaf 3.7 van de offerteaanvraag")));
}

#[test]
fn templates_without_a_numbered_heading_are_an_error() {
    let c = TenderCopy::new();
    let itt = c.templates().join("offerteaanvraag.typ.tera");
    let text = std::fs::read_to_string(&itt).unwrap();
    let body_start = text
        .find("{% include \"itt/inleiding.typ.tera\" %}")
        .unwrap();
    std::fs::write(&itt, &text[..body_start]).unwrap();
    let output = gen_with(&c, &c.templates(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("offerteaanvraag.typ.tera") && stderr.contains("no numbered heading"),
        "{stderr}"
    );
}
