//! Any tender, not only the bundled one: each procedure kind, contract and agreement type is
//! printed from data with its own wording; numbers, named facts and braces in the authority's
//! text.

use std::process::Output;

use crate::common::*;

/// `gen --no-stamp` on a changed copy of the bundled tender.
fn run(t: &TenderCopy, args: &[&str]) -> Output {
    t.run_gen(args)
}

/// The invitation's text, on one line (line breaks and hyphenation removed).
fn itt_text(t: &TenderCopy) -> String {
    assert_success(&run(t, &["itt"]));
    one_line(&pdf_text(&t.out().join("WIJ-2026-001/offerteaanvraag.pdf")))
}

fn set_procedure(t: &TenderCopy, kind: &str) {
    t.edit(
        "tender.yaml",
        "  kind: europees-openbaar\n",
        &format!("  kind: {kind}\n"),
    );
    // The definitions are the author's text: one about the announcement on TED goes.
    if kind != "europees-openbaar" {
        t.edit(
            "tender.yaml",
            "op de website van de Europese Unie (TED) en op {procedure.platform}",
            "op {procedure.platform}",
        );
    }
    if kind == "meervoudig-onderhands" {
        t.edit(
            "tender.yaml",
            "  language: Nederlands\n",
            "  language: Nederlands\n  invited:\n    - Alfa B.V.\n    - Bèta B.V.\n    - Gamma B.V.\n    - Delta B.V.\n  rationale:\n    - De waarde van de opdracht ligt onder de Europese drempel en de markt telt enkele gespecialiseerde aanbieders.\n",
        );
    }
}

#[test]
fn each_procedure_prints_its_own_wording() {
    // (kind, what its documents must say, what they must not)
    let cases: [(&str, &[&str], &[&str]); 3] = [
        (
            "europees-openbaar",
            &[
                "Offerteaanvraag voor de Europese openbare aanbesteding",
                "Wij voeren een Europese openbare aanbestedingsprocedure uit.",
                "iedereen die aan de eisen voldoet, een inschrijving kan indienen",
                "Publicatieblad van de Europese Unie (TED)",
                "(artikel 2.130 Aw 2012)",
                "de opschortende termijn van artikel 2.127 Aw 2012",
                "artikel 2.57 lid 1 Aw 2012",
                "EOA Arbodienstverlening",
            ],
            &["Gids Proportionaliteit", "uitgenodigd"],
        ),
        (
            "nationaal-openbaar",
            &[
                "Offerteaanvraag voor de nationale openbare aanbesteding",
                "Wij voeren een nationale openbare aanbestedingsprocedure uit.",
                "iedereen die aan de eisen voldoet, een inschrijving kan indienen",
                "De opdracht is aangekondigd op TenderNed.",
                "De wet schrijft voor een nationale openbare aanbesteding geen opschortende termijn voor; in lijn met de Gids Proportionaliteit hanteren wij er toch een",
                "NOA Arbodienstverlening",
            ],
            &[
                "Europese openbare",
                "(TED)",
                "2.127",
                "2.130",
                "uitgenodigd",
            ],
        ),
        (
            "meervoudig-onderhands",
            &[
                "Offerteaanvraag voor de meervoudig onderhandse aanbesteding",
                "Wij voeren een meervoudig onderhandse aanbestedingsprocedure uit.",
                "Het betreft een meervoudig onderhandse aanbesteding van een opdracht voor diensten, die leidt tot een raamovereenkomst.",
                "wij een beperkt aantal ondernemers hebben uitgenodigd een inschrijving in te dienen: vier (4) ondernemers",
                "De opdracht is niet openbaar aangekondigd.",
                "Alleen een uitgenodigde ondernemer kan inschrijven",
                "Keuze van de procedure. Wij hebben voor deze procedure gekozen om de volgende redenen (artikel 1.4 Aw 2012). De waarde van de opdracht ligt onder de Europese drempel",
                "Gids Proportionaliteit",
                "MOA Arbodienstverlening",
            ],
            // The invited companies stay internal: the invitation says how many, not who.
            &[
                "Europese openbare",
                "(TED)",
                "iedereen die aan de eisen voldoet",
                "Alfa B.V.",
                "2.127",
            ],
        ),
    ];
    for (kind, must, must_not) in cases {
        let t = TenderCopy::new();
        set_procedure(&t, kind);
        let text = itt_text(&t);
        for m in must {
            assert!(text.contains(m), "{kind}: `{m}` missing");
        }
        for m in must_not {
            assert!(!text.contains(m), "{kind}: `{m}` printed");
        }
    }
}

#[test]
fn contract_and_agreement_type_are_printed_from_data() {
    let t = TenderCopy::new();
    t.edit(
        "tender.yaml",
        "contract_type: diensten",
        "contract_type: leveringen",
    );
    t.edit(
        "tender.yaml",
        "agreement_type: raamovereenkomst",
        "agreement_type: overeenkomst",
    );
    t.edit("tender.yaml", "  maximum_value: \"936000\"\n", "");
    t.edit(
        "tender.yaml",
        "      Wij hebben ervoor gekozen om deze opdracht als raamovereenkomst aan te besteden",
        "      Wij hebben ervoor gekozen om deze opdracht als overeenkomst aan te besteden",
    );
    let text = itt_text(&t);
    for m in [
        "Leveringen – Overeenkomst",
        "Het betreft een Europese openbare aanbesteding van een opdracht voor leveringen, die leidt tot een overeenkomst.",
        "Deze opdracht is een overeenkomst met een geraamde waarde van € 836.000,- exclusief btw.",
        "De overeenkomst heeft een looptijd van twee jaar",
        "Conceptovereenkomst (bijlage E)",
    ] {
        assert!(text.contains(m), "`{m}` missing");
    }
    for m in [
        "Diensten – Raamovereenkomst",
        "maximale waarde",
        "Deze raamovereenkomst",
    ] {
        assert!(!text.contains(m), "`{m}` printed");
    }

    // A framework agreement with more parties says so; without a maximum value it is refused.
    let t = TenderCopy::new();
    t.edit("tender.yaml", "  contractors: 1\n", "  contractors: 3\n");
    t.edit(
        "tender.yaml",
        "heeft het voornemen\n          {agreement.contractors:words} opdrachtnemer te contracteren",
        "heeft het voornemen\n          {agreement.contractors:words} opdrachtnemers te contracteren",
    );
    let text = itt_text(&t);
    assert!(
        text.contains(
            "Deze opdracht is een raamovereenkomst met drie opdrachtnemers met een geraamde waarde"
        ),
        "{text}"
    );
    t.edit("tender.yaml", "  maximum_value: \"936000\"\n", "");
    let o = run(&t, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("tender.yaml")
            && err.contains("agreement.maximum_value: a raamovereenkomst needs its maximum value"),
        "{err}"
    );
}

#[test]
fn award_documents_name_the_procedure() {
    let t = TenderCopy::new();
    set_procedure(&t, "nationaal-openbaar");
    assert_success(&run(&t, &["award-letters"]));
    let gunning = t.out().join("WIJ-2026-001/gunning");
    let letter = one_line(&pdf_text(&gunning.join("gunningsbeslissing-werkfit.pdf")));
    assert!(
        letter.contains(
            "U heeft ingeschreven op de nationale openbare aanbesteding “Arbodienstverlening”"
        ),
        "{letter}"
    );
    let record = one_line(&pdf_text(
        &t.out()
            .join("WIJ-2026-001/intern/proces-verbaal-van-beoordeling.pdf"),
    ));
    assert!(
        record.contains("Nationale openbare aanbesteding Arbodienstverlening"),
        "{record}"
    );
    assert!(!record.contains("Europese openbare"));
}

#[test]
fn numbers_named_facts_and_braces_in_descriptive_text() {
    let t = TenderCopy::new();
    t.edit(
        "tender.yaml",
        "\n# 1.1 Inhoud van de opdracht.\n",
        "\nfacts:\n  norm: NEN 2075\n  teams: 15\n  budget: { money: \"25000\" }\n\n# 1.1 Inhoud van de opdracht.\n",
    );
    t.edit(
        "tender.yaml",
        "  profile:\n",
        "  profile:\n    - 'Wij werken volgens ISO 9001 en {facts.norm}, met {facts.teams:words} ({facts.teams}) teams en een budget van {facts.budget}. Schrijf {{organisation.name}} zo; {zie bijlage} en { x } blijven staan.'\n",
    );
    let text = itt_text(&t);
    let expected = "Wij werken volgens ISO 9001 en NEN 2075, met vijftien (15) teams en een budget van € 25.000,-. Schrijf {organisation.name} zo; {zie bijlage} en { x } blijven staan.";
    assert!(text.contains(expected), "{text}");

    // Retyping a fact of the data is refused, naming the field, the fact and where it is defined.
    t.edit(
        "tender.yaml",
        "Wij werken volgens ISO 9001",
        "Met € 836.000,- en 15 teams werken wij volgens ISO 9001",
    );
    let o = run(&t, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("organisation.profile[1]: `836.000` retypes the fact `agreement.estimated_value` (defined in tender.yaml at `agreement.estimated_value`): write `{agreement.estimated_value}` instead"), "{err}");
    assert!(
        err.contains(
            "`15` retypes the fact `facts.teams` (defined in tender.yaml at `facts.teams`)"
        ),
        "{err}"
    );
    assert!(err.contains("data/tender.yaml:"), "{err}");
    // An unknown well-formed placeholder is an error too.
    t.edit(
        "tender.yaml",
        "Met € 836.000,- en 15 teams werken",
        "Met {facts.tems} werken",
    );
    let o = run(&t, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown placeholder `{facts.tems}`"));
}
