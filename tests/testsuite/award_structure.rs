//! The structure of the quality criteria and chapter 5's wording for any tender (issue 14):
//! an optional presentation, quality criteria with or without sub-criteria, the forms of a
//! criterion, and the price components' phrases for any number of components.

use crate::common::*;

/// The invitation to tender's text, squashed (lower case, letters and digits only).
fn itt_text(t: &TenderCopy) -> String {
    let o = gen_on_copy(t, &["itt"]);
    assert_success(&o);
    let pdf = find_pdf(&t.out(), "offerteaanvraag");
    squash(&pdf_text(&pdf))
}

fn find_pdf(dir: &std::path::Path, stem: &str) -> std::path::PathBuf {
    for e in walkdir(dir) {
        let name = e.file_name().unwrap().to_string_lossy().to_string();
        if name.contains(stem) && name.ends_with(".pdf") {
            return e;
        }
    }
    panic!("no {stem}*.pdf under {}", dir.display());
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walkdir(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Cuts `from` up to (not including) the line starting with `to` out of `text`.
fn cut(text: &str, from: &str, to: &str) -> String {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` in the text"));
    let end = if to.is_empty() {
        text.len()
    } else {
        start
            + text[start..]
                .find(to)
                .unwrap_or_else(|| panic!("`{to}` after `{from}`"))
    };
    format!("{}{}", &text[..start], &text[end..])
}

/// A copy of the bundled tender without the presentation: no G2.3, no `presentation` block,
/// no presentation milestone and no presentations.yaml.
fn without_presentation() -> TenderCopy {
    let t = TenderCopy::new();
    let award = t.read("award.yaml");
    let award = cut(&award, "      - id: G2.3\n", "\n# 5.2 Price.");
    let award = cut(&award, "# G2.3: the presentation and its case.", "");
    t.write("award.yaml", &award);
    let tender = t.read("tender.yaml");
    let tender = cut(&tender, "  - name: Presentatie\n", "  - name: Bekendmaken");
    t.write("tender.yaml", &tender);
    // The bundled decision ranks on the presentation's scores: this tender is not decided.
    for f in [
        "presentations.yaml",
        "decision.yaml",
        "definitive-award.yaml",
    ] {
        std::fs::remove_file(t.path(f)).unwrap();
    }
    for e in std::fs::read_dir(t.path("bids")).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        let mut kept = Vec::new();
        let mut skipping = false;
        for line in text.lines() {
            if line == "  G2.3:" {
                skipping = true;
                continue;
            }
            if skipping && !line.starts_with("   ") {
                skipping = false;
            }
            if !skipping {
                kept.push(line);
            }
        }
        std::fs::write(e.path(), kept.join("\n") + "\n").unwrap();
    }
    t
}

#[test]
fn without_a_presentation_no_document_mentions_one() {
    let t = without_presentation();
    let text = itt_text(&t);
    assert!(
        !text.to_lowercase().contains("presentatie"),
        "{}",
        &text[text
            .to_lowercase()
            .find("presentatie")
            .unwrap()
            .saturating_sub(300)..][..600]
    );
    // 65 points now: 25 + 20 + 20.
    assert!(text.contains("totaal65"), "{text}");
}

#[test]
fn a_presentation_criterion_without_its_block_is_an_error() {
    let t = TenderCopy::new();
    let award = t.read("award.yaml");
    let award = cut(&award, "# G2.3: the presentation and its case.", "");
    t.write("award.yaml", &award);
    let o = gen_on_copy(&t, &["itt"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("award.yaml"), "{err}");
    assert!(err.contains("(G2.3).form"), "{err}");
}

#[test]
fn a_presentation_block_without_its_criterion_is_an_error() {
    let t = TenderCopy::new();
    let award = t.read("award.yaml");
    let award = cut(&award, "      - id: G2.3\n", "\n# 5.2 Price.");
    t.write("award.yaml", &award);
    let o = gen_on_copy(&t, &["itt"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("award.yaml"), "{err}");
    assert!(err.contains("presentation"), "{err}");
}
