//! Lots (percelen): the invitation states why a contract is not divided (art. 1.5 lid 4 Aw
//! 2012) or describes its lots, and the lots' data is refused with its place when wrong.

use std::process::Output;

use crate::common::*;

/// `gen --no-stamp` on a changed copy of the bundled tender.
fn run(t: &TenderCopy, args: &[&str]) -> Output {
    gen_in(t.root())
        .arg("--no-stamp")
        .args(["--out", t.out().to_str().unwrap()])
        .args(args)
        .output()
        .expect("gen runs")
}

/// The invitation's text on one line (line breaks and hyphenation removed).
fn itt_text(t: &TenderCopy) -> String {
    assert_success(&run(t, &["itt"]));
    let text = pdf_text(&t.out().join("WIJ-2026-001/offerteaanvraag.pdf"));
    text.replace("\u{ad}\n", "")
        .replace("-\n", "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The bundled `lots:` block, from its key to the line before `rules:`'s comment.
fn bundled_lots(t: &TenderCopy) -> String {
    let text = t.read("tender.yaml");
    let start = text.find("\nlots:\n").expect("lots in tender.yaml") + 1;
    let end = text.find("\n# Chapter 2:").expect("chapter 2 comment") + 1;
    text[start..end].to_string()
}

/// Refused with exit 1, nothing written, and every phrase in the message.
fn assert_refused(t: &TenderCopy, phrases: &[&str]) -> String {
    let output = run(t, &["itt"]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        !t.out().join("WIJ-2026-001").exists(),
        "something was written"
    );
    assert_contains_all(&stderr, phrases);
    stderr
}

#[test]
fn the_invitation_says_why_the_contract_is_not_divided() {
    let t = TenderCopy::new();
    let text = itt_text(&t);
    assert_contains_all(
        &text,
        &[
            "1.4 Percelen",
            "Wij hebben deze opdracht niet in percelen verdeeld. Op grond van artikel 1.5 lid 4 Aw 2012 geven wij hieronder de reden daarvan.",
            "Wij hebben overwogen de opdracht in percelen te verdelen",
        ],
    );
    assert!(!text.contains("Gunningsbeperking"));
}

#[test]
fn a_tender_without_the_lots_key_is_refused_citing_the_article() {
    let t = TenderCopy::new();
    let lots = bundled_lots(&t);
    t.edit("tender.yaml", &lots, "");
    let text = t.read("tender.yaml");
    let line = text.lines().position(|l| l == "rules:").expect("rules:") + 1;
    assert_refused(
        &t,
        &[
            &format!("tender.yaml:{line}:1: lots: missing"),
            "artikel 1.5 lid 4 Aanbestedingswet 2012",
        ],
    );
}

#[test]
fn an_undivided_tender_without_a_reason_is_refused() {
    let t = TenderCopy::new();
    let lots = bundled_lots(&t);
    t.edit("tender.yaml", &lots, "lots:\n  divided: false\n\n");
    assert_refused(
        &t,
        &[
            "tender.yaml:",
            "lots.reason",
            "artikel 1.5 lid 4 Aanbestedingswet 2012",
        ],
    );
}

#[test]
fn gen_init_leaves_the_reason_to_supply() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nieuw");
    let init = gen_in(dir.path())
        .args(["init", target.to_str().unwrap()])
        .output()
        .unwrap();
    assert_success(&init);
    let check = gen_in(&target).arg("check").output().unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(
        stderr.contains("lots.reason") && stderr.contains("placeholder"),
        "{stderr}"
    );
}
