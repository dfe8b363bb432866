//! Ties decided by several tie-break criteria (§2.7): the letters and the record state the tie
//! on the criterion that decided it, the first on which the tied bids differ, with each bid's
//! points on it; never a sum over the criteria.

use crate::common::*;

/// The text with its whitespace collapsed and words hyphenated at a line end joined again.
fn flat(text: &str) -> String {
    let joined = text.replace("\u{ad}\n", "").replace("\u{ad} ", "");
    joined
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The bundled tie for first place (89,00 points each) with the tie-break criteria G2.1, then
/// G2: Vitaal & Werk and Arbo Noord both have 16,00 points on G2.1 (score 8), so G2 decides,
/// 67,00 against 64,00. The sum over both (83,00 against 80,00) appears nowhere.
#[test]
fn tie_stated_on_the_deciding_criterion() {
    let t = TenderCopy::new();
    t.edit(
        "award.yaml",
        "  criteria: [G2]\n",
        "  criteria: [G2.1, G2]\n",
    );
    assert_success(&t.run_gen(&["award-letters"]));
    let out = t.out().join("WIJ-2026-001");
    let letter = |id: &str| {
        flat(&pdf_body_text(
            &out.join(format!("gunning/gunningsbeslissing-{id}.pdf")),
        ))
    };

    let g21 = "G2.1 Inzetbaarheid/verzuimbegeleiding en ondersteuning eigen-regie";
    for (id, own, other, order) in [
        ("vitaal-en-werk", "67,00", "64,00", "vóór"),
        ("arbo-noord", "64,00", "67,00", "na"),
    ] {
        let text = letter(id);
        for phrase in [
            format!(
                "geeft bij een gelijk aantal punten de score op {g21} en daarna G2 Kwaliteit de doorslag."
            ),
            format!("Op {g21} (16,00 punten) hebben de inschrijvingen dezelfde score."),
            format!(
                "Op G2 Kwaliteit heeft uw inschrijving {own} punten behaald, tegen {other} punten voor de andere inschrijving; uw inschrijving is daarom {order} die inschrijving gerangschikt."
            ),
        ] {
            assert!(text.contains(&phrase), "{id}: `{phrase}` missing in {text}");
        }
        for sum in ["83,00", "80,00"] {
            assert!(!text.contains(sum), "{id}: the sum {sum} is printed");
        }
    }
    // A bidder outside the tie reads which criterion made the winner first.
    let text = letter("werkfit");
    assert!(
        text.contains(
            "is zij als eerste gerangschikt omdat zij hoger heeft gescoord op G2 Kwaliteit."
        ),
        "{text}"
    );

    let report = flat(&pdf_text(
        &out.join("intern/proces-verbaal-van-beoordeling.pdf"),
    ));
    for phrase in [
        "beslist op G2 Kwaliteit",
        &format!("89,00 punten, {g21}: 16,00, G2 Kwaliteit: 67,00"),
        &format!("89,00 punten, {g21}: 16,00, G2 Kwaliteit: 64,00"),
        &format!("de hoogste score op {g21} en daarna G2 Kwaliteit als eerste in aanmerking"),
    ] {
        assert!(report.contains(phrase), "`{phrase}` missing in {report}");
    }
    assert!(!report.contains("83,00") && !report.contains("80,00"));
}
