//! The quality side of the award structure from data (issue 14): a directly scored quality
//! criterion, a criterion assessed in an interview, one answered in another form, a plan
//! without a page limit, and no presentation. Rendered from a copy of the bundled tender.

use std::path::PathBuf;

use crate::common::*;

const REF: &str = "WIJ-2026-001";

/// The bundled tender with its quality restructured:
/// - G2 Kwaliteit: G2.1 a plan without a page limit, G2.2 assessed in an interview;
/// - G3 Referentieproject: scored directly (no sub-criteria), answered with a reference
///   project (`form: other`); the bids' G2.3 scores become their G3 scores;
/// - the presentation block, its milestone and its assessment criteria become the interview's;
/// - the bids' reasons no longer speak of a presentation.
fn variant() -> TenderCopy {
    let t = TenderCopy::new();
    let award = t.read("award.yaml");
    let award = award
        .replacen(
            "        page_limit: { pages: 6, paper: A4, font: Calibri, font_size: \"11\", line_spacing: \"1.15\" }\n",
            "",
            1,
        )
        .replacen(
            "        form: plan\n        page_limit: { pages: 4, paper: A4, font: Calibri, font_size: \"11\", line_spacing: \"1.15\" }\n",
            "        form: interview\n",
            1,
        )
        .replacen("  presentation_criteria:", "  interview_criteria:", 1);
    let g23 = award.find("      - id: G2.3\n").unwrap();
    let price = award.find("\n# 5.2 Price.").unwrap();
    let presentation = award
        .find("# G2.3: the presentation and its case.")
        .unwrap();
    let award = format!(
        "{}{}{}{}",
        &award[..g23],
        "  - id: G3
    title: Referentieproject
    kind: quality
    points: \"35\"
    form: other
    form_description: een beschrijving van één referentieproject
    intent: De aanbestedende dienst wil zien dat inschrijver vergelijkbare dienstverlening met succes heeft uitgevoerd.
    points_to_address:
      - Omvang en looptijd van het project;
      - Behaalde resultaten op verzuim en inzetbaarheid.
",
        &award[price..presentation],
        "interview:
  duration_minutes: 30
  questions_minutes: 10
  max_attendees: 2
  min_experts: 1
"
    );
    t.write("award.yaml", &award);
    t.edit(
        "tender.yaml",
        "  - name: Presentatie\n    kind: presentation\n",
        "  - name: Interviews\n    kind: interview\n",
    );
    // Without G2.3's 35 points arbo-noord wins the tie on G2 (36 against 32 points).
    t.edit(
        "decision.yaml",
        "winner: vitaal-en-werk",
        "winner: arbo-noord",
    );
    for e in std::fs::read_dir(t.path("bids")).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        let text = text
            .replace("  G2.3:", "  G3:")
            .replace("presentatoren", "vertegenwoordigers")
            .replace("presentatie", "toelichting")
            .replace("Presentatie", "Toelichting");
        std::fs::write(e.path(), text).unwrap();
    }
    t
}

/// `gen --no-stamp all` on the copy; the folder of its documents.
fn render_all(t: &TenderCopy) -> PathBuf {
    let o = gen_in(t.root())
        .args(["--data", "data", "--out", "out", "--no-stamp", "all"])
        .output()
        .expect("gen runs");
    assert_success(&o);
    t.out().join(REF)
}

/// The text of a PDF in its layout, each line's whitespace collapsed (line breaks kept), so a
/// table row is one line.
fn text_of(pdf: PathBuf) -> String {
    pdftotext(&pdf, &["-layout"])
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_documents_follow_the_quality_structure() {
    let t = variant();
    let dir = render_all(&t);

    // Chapter 5: the table shows G3 on one line, no empty sub-row.
    let itt = text_of(dir.join("offerteaanvraag.pdf"));
    assert!(
        itt.contains(
            "G1 Prijs 25\n\
             G2 Kwaliteit 40\n\
             G2.1 - Inzetbaarheid/verzuimbegeleiding en ondersteuning eigen-regie 20\n\
             G2.2 - Preventie en duurzame inzetbaarheid 20\n\
             G3 Referentieproject 35\n\
             Totaal 100\n"
        ),
        "{itt}"
    );
    assert!(!itt.contains("G3 - Referentieproject"), "{itt}");
    let ch5 = &itt[itt.find("5.3 Gunningscriterium 2: kwaliteit").unwrap()..];
    assert_contains_all(
        ch5,
        &[
            // The plan without a page limit: its heading ends at the points.
            "G2.1: Inzetbaarheid/verzuimbegeleiding en ondersteuning eigen regie en gedragsmodel – max 20\npunten\n",
            "Let op: wij vragen inschrijver om het plan van aanpak (G2.1) te beantwoorden",
            // The interview, its days from the planning.
            "De interviews vinden plaats op maandag 24 of dinsdag 25 augustus 2026. Het interview duurt maximaal 30",
            "Tijdens het interview komen in ieder geval de volgende punten aan de orde:",
            // The directly scored criterion answered in another form.
            "5.4 Gunningscriterium 3: referentieproject\nG3: Referentieproject – max 35 punten",
            "U beantwoordt dit onderdeel met een beschrijving van één referentieproject.",
            "Bij de beoordeling wordt in ieder geval gelet op de volgende punten:",
            // One assessment for all quality criteria, with a list per form that occurs.
            "5.5 Beoordeling kwaliteit",
            "De aanbestedende dienst zal het plan van aanpak per onderdeel",
            "De aanbestedende dienst zal het interview per onderdeel",
        ],
    );
    assert!(!ch5.contains("(max. "), "no page limit: {ch5}");

    // A letter: the direct criterion's row, scores and reasons; the quality subtotal names
    // both quality criteria; the tie is stated on G2's points.
    let letter = text_of(dir.join("gunning/gunningsbeslissing-vitaal-en-werk.pdf"));
    assert_contains_all(
        &letter,
        &[
            "G3 Referentieproject 35 10 (uitstekend) 35,00 8 (goed) 28,00",
            "G2 en G3 Kwaliteit (subtotaal) 75 67,00 64,00",
            "Op G2 Kwaliteit heeft uw inschrijving 32,00 punten",
            "G3 Referentieproject (maximaal 35 punten)",
            "Uw inschrijving heeft op dit gunningscriterium de score 10 (uitstekend) gekregen; dat levert 35,00 punten",
            "Samenhangende meerjarige strategie voor vier jaar",
        ],
    );

    // The proces-verbaal: the direct criterion's column, and the tie on G2's points.
    let pv = text_of(dir.join("intern/proces-verbaal-van-beoordeling.pdf"));
    assert_contains_all(
        &pv,
        &[
            "Interviews maandag 24 augustus 2026 en dinsdag 25 augustus 2026",
            "Beoordeling G2 en G3 kwaliteit",
            "G3 (max. 35)",
            "G3 Referentieproject: score 10 (uitstekend), 35,00 punten",
            "Arbo Noord B.V. (89,00 punten, G2 Kwaliteit: 36,00)",
        ],
    );

    // The interview's invitation is the presentation's document, worded for an interview.
    assert!(!dir.join("presentaties").exists());
    let invitation = text_of(dir.join("interviews/uitnodiging-interview-werkfit.pdf"));
    assert_contains_all(
        &invitation,
        &[
            "Uitnodiging interview Arbodienstverlening (WIJ-2026-001)",
            "wordt beoordeeld aan de hand van een interview. Hierbij nodigen wij u uit voor dit",
            "Het interview duurt maximaal 30 minuten.",
            "De beoordelingscommissie beoordeelt het interview in ieder geval op:",
        ],
    );

    // Without a presentation none of these documents mentions one.
    for (name, text) in [
        ("offerteaanvraag", &itt),
        ("letter", &letter),
        ("proces-verbaal", &pv),
        ("uitnodiging", &invitation),
        (
            "gunningsbesluit",
            &text_of(dir.join("intern/gunningsbesluit.pdf")),
        ),
    ] {
        let lower = text.to_lowercase();
        assert!(
            !lower.contains("presentatie"),
            "{name}: {}",
            &text[lower.find("presentatie").unwrap().saturating_sub(200)..][..400]
        );
    }
}

/// `gen itt` on the copy, which must fail; its error output.
fn itt_refused(t: &TenderCopy) -> String {
    let o = gen_in(t.root())
        .args(["--data", "data", "--out", "out", "--no-stamp", "itt"])
        .output()
        .expect("gen runs");
    assert!(!o.status.success());
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A quality criterion with both sub-criteria and scored fields is refused with its line.
#[test]
fn a_criterion_with_sub_criteria_and_its_own_form_is_refused_with_its_line() {
    let t = TenderCopy::new();
    t.edit(
        "award.yaml",
        "    kind: quality\n    sub_criteria:\n",
        "    kind: quality\n    form: plan\n    sub_criteria:\n",
    );
    let err = itt_refused(&t);
    assert!(err.contains("award.yaml:"), "{err}");
    assert!(err.contains("sub_criteria"), "{err}");
    assert!(
        err.contains("either has `sub_criteria`") && err.contains("`form`"),
        "{err}"
    );
    assert!(!t.out().join(REF).join("offerteaanvraag.pdf").exists());
}

/// `form: interview` without the `interview` milestone in the planning is refused on
/// tender.yaml.
#[test]
fn an_interview_without_its_milestone_is_refused() {
    let t = variant();
    t.edit(
        "tender.yaml",
        "  - name: Interviews\n    kind: interview\n",
        "  - name: Interviews\n",
    );
    let err = itt_refused(&t);
    assert!(err.contains("tender.yaml"), "{err}");
    assert!(err.contains("award.yaml has an interview (G2.2)"), "{err}");
}
