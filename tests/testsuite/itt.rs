//! The invitation to tender (offerteaanvraag) of the bundled tender.

use std::path::Path;

use crate::common::*;

fn render_itt(out: &Path) -> String {
    assert_success(&gen_bundled(out, &["itt"]));
    pdf_text(&out.join("WIJ-2026-001/offerteaanvraag.pdf"))
}

fn render_itt_body(out: &Path) -> String {
    assert_success(&gen_bundled(out, &["itt"]));
    pdf_body_text(&out.join("WIJ-2026-001/offerteaanvraag.pdf"))
}

#[test]
fn typst_source_snapshot() {
    let project = project();
    let job = tendergen::docs::itt::job(&project, &opts());
    insta::assert_snapshot!("itt_source", typst_source(&job));
}

#[test]
fn pdf_text_snapshot() {
    let out = tempfile::tempdir().unwrap();
    insta::assert_snapshot!("itt_pdf_text", render_itt(out.path()));
}

/// The seed's paragraphs that the data deliberately corrects (see tests/fixtures/seed/README.md):
/// they must NOT appear as in the seed. Matched by a distinctive fragment.
const SEED_ERRORS: &[&str] = &[
    // §5.3 gives G2.3 "max 30 punten"; the criteria table (and our data) say 35.
    "max 30 punten",
    // §5.2.1's garbled price formula.
    "maximaal te behalen punten prijs / maximaal",
    // §5.3.1 speaks of "de gemeente"; WIJ Groningen is a foundation.
    "doelstelling van de gemeente",
    // §5.3 opens G2 with "In het plan van aanpak moeten … de volgende onderdelen beschreven
    // worden", also before G2.3, the presentation: the plan covers G2.1 and G2.2 only.
    "In het plan van aanpak moeten in ieder geval de volgende onderdelen",
    // Plain typos of the seed, corrected in the templates and data:
    "leidinggevendenden",             // → leidinggevenden (§1.1, twice)
    "is deze alsnog ongeldig worden", // → kan deze alsnog ongeldig worden verklaard (§2.7)
    "voorzieningenrechter van de Noord-Nederland", // → van de rechtbank Noord-Nederland (§2.8)
    "belangenverstremgeling",         // → belangenverstrengeling (§3.1, twice)
    "prijs te offrenen",              // → offreren (§5.2, three times)
];

/// The seed's body paragraphs: blank-line separated blocks of running text. Headings, the
/// table of contents and tables (tab-separated, garbled by the PDF extraction) are left out.
fn seed_paragraphs() -> Vec<String> {
    // A copy of the real invitation to tender the bundled tender is built from, kept with the
    // tests so that the suite needs nothing outside the repository.
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed/002_e14d95a0e0402665.txt"))
        .expect("the seed text");
    let body_start = seed
        .find("\nINLEIDING\n\nStichting")
        .expect("seed body starts at INLEIDING");
    seed[body_start..]
        .split("\n\n")
        .map(|p| {
            p.trim()
                .replace("<i>", "")
                .replace("</i>", "")
                .replace("**", "")
        })
        .filter(|p| {
            let words = p.split_whitespace().count();
            let is_heading = p
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase());
            // `$$…$$` paragraphs are the seed's formulas: we typeset them as math, whose
            // extracted text is not prose.
            words >= 8 && !p.contains('\t') && !is_heading && !p.starts_with("$$")
        })
        .collect()
}

#[test]
fn pdf_contains_the_seed_body_paragraphs() {
    let out = tempfile::tempdir().unwrap();
    let text = squash(&render_itt_body(out.path()));
    let paragraphs = seed_paragraphs();
    assert!(
        paragraphs.len() > 150,
        "expected the seed's body, found {} paragraphs",
        paragraphs.len()
    );

    let missing: Vec<&String> = paragraphs
        .iter()
        .filter(|p| !text.contains(&squash(p)))
        .collect();
    let found = paragraphs.len() - missing.len();
    let fraction = found as f64 / paragraphs.len() as f64;
    eprintln!(
        "seed paragraphs found in the PDF: {found} of {} ({:.1} %)",
        paragraphs.len(),
        fraction * 100.0
    );

    let unexplained: Vec<&&String> = missing
        .iter()
        .filter(|p| !SEED_ERRORS.iter().any(|e| p.contains(e)))
        .collect();
    assert!(
        unexplained.is_empty(),
        "{} seed paragraph(s) missing from the PDF that are not known seed errors:\n\n{}",
        unexplained.len(),
        unexplained
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    assert!(
        fraction >= 0.95,
        "only {:.1} % of the seed's paragraphs are in the PDF",
        fraction * 100.0
    );
    // The corrections themselves are in the PDF: G2.3 has 35 points in both places.
    assert!(!text.contains(&squash("max 30 punten")));
}

#[test]
fn pdf_is_tagged_pdf_a_with_title_and_language() {
    let out = tempfile::tempdir().unwrap();
    render_itt(out.path());
    let bytes = std::fs::read(out.path().join("WIJ-2026-001/offerteaanvraag.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("pdfaid:part"), "PDF/A identification in XMP");
    assert!(raw.contains("pdfuaid:part"), "PDF/UA identification in XMP");
    assert!(
        raw.contains("/Lang(nl") || raw.contains("/Lang (nl"),
        "document language nl"
    );
    assert!(raw.contains("/StructTreeRoot"), "tagged PDF");
}
