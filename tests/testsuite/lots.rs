//! Lots (percelen): the invitation states why a contract is not divided (art. 1.5 lid 4 Aw
//! 2012) or describes its lots, and the lots' data is refused with its place when wrong.

use crate::common::*;

/// The invitation's text on one line (line breaks and hyphenation removed).
pub(crate) fn itt_text(t: &TenderCopy) -> String {
    assert_success(&t.run_gen(&["itt"]));
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
    let output = t.run_gen(&["itt"]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        !t.out().join("WIJ-2026-001").exists(),
        "something was written"
    );
    assert_contains_all(&stderr, phrases);
    stderr
}

/// Three lots whose values add up to the bundled contract's (€ 836.000 and € 936.000), at most
/// two per bid and one awarded per bidder, by value.
pub(crate) const THREE_LOTS: &str = r#"lots:
  divided: true
  reason:
    - Wij verdelen de opdracht naar regio, zodat ook regionale arbodiensten kunnen inschrijven.
  bid_limit: 2
  award_limit:
    max_lots: 1
    order: value
  items:
    - number: 1
      title: Regio Noord
      scope:
        - De WIJ-locaties in het noorden van de gemeente.
      estimated_value: "200000"
      maximum_value: "250000"
      price_lines: [A1, A2, A3, B1]
      points: { G1: "30", G2.3: "30" }
      requirements:
        competences: [1, 3]
    - number: 2
      title: Regio Zuid
      scope:
        - De WIJ-locaties in het zuiden van de gemeente.
      estimated_value: "236000"
      maximum_value: "236000"
      requirements: { programme_annex: programme }
    - number: 3
      title: Centrale diensten
      scope:
        - Het hoofdkantoor en de centrale diensten van {organisation.short_name}.
      estimated_value: "400000"
      maximum_value: "450000"

"#;

/// The bundled tender divided into `lots` (a `lots:` block): the award decision and what
/// follows it set aside (letters per lot are not built yet), each bid for lots 1 and 2 with
/// its bundled rates and scores (lot 1 without the C lines).
pub(crate) fn divide(t: &TenderCopy, lots: &str) {
    let block = bundled_lots(t);
    t.edit("tender.yaml", &block, lots);
    // presentations.yaml too: its slots name no lot (presentations per lot:
    // tests/testsuite/lots_presentations.rs).
    for file in [
        "decision.yaml",
        "definitive-award.yaml",
        "presentations.yaml",
    ] {
        std::fs::remove_file(t.path(file)).unwrap();
    }
    for entry in std::fs::read_dir(t.path("bids")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut bid: serde_yaml::Mapping = serde_yaml::from_str(&text).unwrap();
        let rates = bid.remove("rates");
        let quality = bid.remove("quality");
        if let (Some(rates), Some(quality)) = (rates, quality) {
            let mut lot1 = rates.as_mapping().unwrap().clone();
            lot1.retain(|k, _| !k.as_str().unwrap().starts_with('C'));
            let part = |r: serde_yaml::Mapping| {
                let mut m = serde_yaml::Mapping::new();
                m.insert("rates".into(), r.into());
                m.insert("quality".into(), quality.clone());
                serde_yaml::Value::Mapping(m)
            };
            let mut lots = serde_yaml::Mapping::new();
            lots.insert(1.into(), part(lot1));
            lots.insert(2.into(), part(rates.as_mapping().unwrap().clone()));
            bid.insert("lots".into(), lots.into());
        } else {
            // An excluded bid names its lots too (without rates: it is not scored).
            let lots: serde_yaml::Mapping = serde_yaml::from_str("{1: {}, 2: {}}").unwrap();
            bid.insert("lots".into(), lots.into());
        }
        std::fs::write(&path, serde_yaml::to_string(&bid).unwrap()).unwrap();
    }
}

#[test]
fn the_invitation_describes_the_lots_and_the_award_limit() {
    let t = TenderCopy::new();
    divide(&t, THREE_LOTS);
    let text = itt_text(&t);
    assert_contains_all(
        &text,
        &[
            "1.4 Percelen",
            "Deze opdracht is verdeeld in drie (3) percelen. Elk perceel wordt afzonderlijk beoordeeld en gegund; per perceel wordt een afzonderlijke raamovereenkomst gesloten.",
            "Wij verdelen de opdracht naar regio",
            "Perceel Titel Geraamde waarde (excl. btw) Maximale waarde (excl. btw)",
            "1 Regio Noord € 200.000,- € 250.000,-",
            "2 Regio Zuid € 236.000,- € 236.000,-",
            "3 Centrale diensten € 400.000,- € 450.000,-",
            "Perceel 3: Centrale diensten Het hoofdkantoor en de centrale diensten van WIJ Groningen.",
            "Voor dit perceel vraagt het prijsinvulformulier alleen de prijsregels A1 (Bedrijfsarts), A2 (Deskundige inzetbaarheid en verzuim), A3 (Jaarlijkse overhead",
            "en B1 (Implementatiewerkzaamheden).",
            "Voor dit perceel gelden andere maximale punten: Prijs (G1) 30 punten en Presentatie (G2.3) 30 punten (zie de tabel in paragraaf 5.1).",
            "Voor dit perceel vragen wij alleen referenties voor de volgende kerncompetenties (zie paragraaf 3.2): • Kerncompetentie 1: Inschrijver beschikt over aantoonbare ervaring met het uitvoeren van arbodienstverlening",
            "• Kerncompetentie 3: Inschrijver beschikt over aantoonbare ervaring met de begeleiding bij transitie",
            "Het programma van eisen van dit perceel staat in bijlage H.",
            "U kunt op ten hoogste twee (2) percelen inschrijven.",
            "Aan één inschrijver wordt ten hoogste één (1) perceel gegund.",
            "dan krijgt hij de percelen met de hoogste geraamde waarde gegund (bij gelijke waarde het perceel met het laagste nummer), tot het maximum is bereikt.",
            "gaat naar de inschrijver die op dat perceel als eerstvolgende is gerangschikt. Ook voor die inschrijver geldt de gunningsbeperking: krijgt hij al het maximum aantal percelen gegund die in de genoemde volgorde vóór dit perceel komen, dan gaat het perceel naar de daaropvolgende inschrijver.",
            "Is er op een perceel geen inschrijver meer die daarvoor in aanmerking komt, dan wordt dat perceel niet gegund.",
        ],
    );
    assert!(!text.contains("niet in percelen verdeeld"));
}

#[test]
fn the_award_rule_is_worded_per_order_and_without_a_limit() {
    let t = TenderCopy::new();
    divide(
        &t,
        &THREE_LOTS
            .replace("  bid_limit: 2\n", "")
            .replace("order: value", "order: preference"),
    );
    // With the order `preference` each bid states its order.
    for entry in std::fs::read_dir(t.path("bids")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("lots:") {
            std::fs::write(&path, format!("{text}preference: [2, 1]\n")).unwrap();
        }
    }
    let text = itt_text(&t);
    assert_contains_all(
        &text,
        &[
            "U kunt inschrijven op één, meerdere of alle percelen.",
            "in de volgorde van voorkeur die hij in zijn inschrijving heeft opgegeven",
            "U vermeldt daarom in uw inschrijving uw voorkeursvolgorde",
            "die in zijn voorkeursvolgorde vóór dit perceel komen",
        ],
    );
    let t = TenderCopy::new();
    divide(
        &t,
        &THREE_LOTS.replace("  award_limit:\n    max_lots: 1\n    order: value\n", ""),
    );
    let text = itt_text(&t);
    assert!(
        text.contains("Er geldt geen gunningsbeperking: één inschrijver kan alle percelen gegund krijgen waarop hij inschrijft."),
        "{text}"
    );
}

#[test]
fn bids_for_lots_are_checked_with_their_place() {
    let t = TenderCopy::new();
    divide(&t, THREE_LOTS);
    t.edit("bids/werkfit.yaml", "\n  2:\n", "\n  7:\n");
    let line = t
        .read("bids/werkfit.yaml")
        .lines()
        .position(|l| l == "  7:")
        .unwrap()
        + 1;
    assert_refused(
        &t,
        &[&format!(
            "werkfit.yaml:{line}:3: lots.7: there is no lot 7 (lots: 1, 2, 3)"
        )],
    );
    // At most one lot per bid (and so no award limit).
    let t = TenderCopy::new();
    divide(
        &t,
        &THREE_LOTS
            .replace("bid_limit: 2", "bid_limit: 1")
            .replace("  award_limit:\n    max_lots: 1\n    order: value\n", ""),
    );
    assert_refused(
        &t,
        &[
            "arbo-noord.yaml:",
            ": lots: the bid is for 2 lots, but a bid may be for at most 1",
        ],
    );
    // A bid that names no lot: located at its status.
    let t = TenderCopy::new();
    divide(&t, THREE_LOTS);
    let text = t.read("bids/werkfit.yaml");
    let start = text.find("lots:\n").unwrap();
    let end = text[start..]
        .find("\nname:")
        .map_or(text.len(), |e| start + e + 1);
    t.write(
        "bids/werkfit.yaml",
        &format!("{}{}", &text[..start], &text[end..]),
    );
    let line = t
        .read("bids/werkfit.yaml")
        .lines()
        .position(|l| l.starts_with("status:"))
        .unwrap()
        + 1;
    assert_refused(
        &t,
        &[&format!(
            "werkfit.yaml:{line}:1: lots: missing: name the lots"
        )],
    );
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

/// With an award decision, each lot is evaluated on its own: a problem of one lot's rates is
/// reported at that lot in the bid; a clean evaluation passes.
#[test]
fn a_divided_tender_is_evaluated_per_lot() {
    let t = TenderCopy::new();
    divide(&t, THREE_LOTS);
    let decision = std::fs::read_to_string(data_dir().join("decision.yaml")).unwrap();
    t.write(
        "decision.yaml",
        &decision.replace("winner: vitaal-en-werk\n", ""),
    );
    // The letters per lot are tests/testsuite/lots_award.rs's.
    assert_success(&t.run_gen(&["check"]));
    // A single recorded winner is refused.
    t.write("decision.yaml", &decision);
    assert_refused(
        &t,
        &[
            "decision.yaml:",
            "winner: a tender divided into lots has a winner per lot",
        ],
    );
    // A zero rate in lot 2, where the line does not allow it.
    t.write(
        "decision.yaml",
        &decision.replace("winner: vitaal-en-werk\n", ""),
    );
    let bid = t.read("bids/arbo-noord.yaml");
    let lot2 = bid.find("\n  2:\n").unwrap();
    let a1 = lot2 + bid[lot2..].find("A1: ").unwrap();
    let end = a1 + bid[a1..].find('\n').unwrap();
    t.write(
        "bids/arbo-noord.yaml",
        &format!("{}A1: '0'{}", &bid[..a1], &bid[end..]),
    );
    let line = bid[..a1].lines().count();
    assert_refused(
        &t,
        &[
            &format!("arbo-noord.yaml:{line}:"),
            ": lots.2.rates.A1: lot 2: ",
        ],
    );
}
