//! Broken data: each case breaks the bundled tender in one way and checks that `gen` refuses it
//! with exit code 1, a message naming the file, line and field, and an output folder left as
//! it was.

use crate::common::*;

/// (data file, text to replace (must occur once), replacement, what the message must contain).
const CASES: &[(&str, &str, &str, &[&str])] = &[
    // Malformed YAML.
    (
        "tender.yaml",
        "reference: WIJ-2026-001",
        "reference: [WIJ-2026-001",
        &["tender.yaml:"],
    ),
    (
        "award.yaml",
        "    points: \"25\"",
        "   points: \"25\"\n  bad indent: [",
        &["award.yaml:"],
    ),
    (
        "decision.yaml",
        "sent_on: 2026-09-09",
        "sent_on: 2026-09-09\nsent_on: 2026-09-10",
        &["decision.yaml:", "duplicate"],
    ),
    (
        "nvi/round-2.yaml",
        "published: 2026-06-29",
        "published: \"2026-06-29",
        &["round-2.yaml:"],
    ),
    // Wrong types.
    (
        "tender.yaml",
        "  contractors: 1",
        "  contractors: een",
        &["tender.yaml:", "agreement.contractors"],
    ),
    (
        "tender.yaml",
        "  estimated_value: \"836000\"",
        "  estimated_value: \"836.000,-\"",
        &["tender.yaml:", "agreement.estimated_value"],
    ),
    (
        "tender.yaml",
        "  standstill_days: 20",
        "  standstill_days: twintig",
        &["tender.yaml:", "rules.standstill_days"],
    ),
    (
        "bids/werkfit.yaml",
        "status: valid",
        "status: geldig",
        &["werkfit.yaml:", "status"],
    ),
    (
        "award.yaml",
        "  decimals: 2\n  components",
        "  decimals: twee\n  components",
        &["award.yaml:", "decimals"],
    ),
    // Missing fields.
    (
        "tender.yaml",
        "version: \"1.0\"\n",
        "",
        &["tender.yaml", "version"],
    ),
    (
        "decision.yaml",
        "sent_on: 2026-09-09\n",
        "",
        &["decision.yaml", "sent_on"],
    ),
    (
        "bids/werkfit.yaml",
        "id: werkfit\n",
        "",
        &["werkfit.yaml", "id"],
    ),
    // Unknown fields, with a hint.
    (
        "tender.yaml",
        "version: \"1.0\"",
        "version: \"1.0\"\nversoin: \"1.1\"",
        &["tender.yaml:", "versoin", "did you mean `version`"],
    ),
    (
        "bids/werkfit.yaml",
        "    score: 8",
        "    scroe: 8",
        &["werkfit.yaml:", "scroe", "did you mean `score`"],
    ),
    // Bad dates and times.
    (
        "tender.yaml",
        "date: 2026-05-26",
        "date: 2026-02-30",
        &["tender.yaml:", "date"],
    ),
    (
        "decision.yaml",
        "sent_on: 2026-09-09",
        "sent_on: 9 september 2026",
        &["decision.yaml:", "sent_on"],
    ),
    (
        "nvi/round-2.yaml",
        "published: 2026-06-29",
        "published: 2026-13-01",
        &["round-2.yaml:", "published"],
    ),
    // Scores and prices.
    (
        "bids/werkfit.yaml",
        "    score: 8",
        "    score: 7",
        &["werkfit.yaml:", "score", "not on the scale"],
    ),
    (
        "bids/werkfit.yaml",
        "  A1: \"136.50\"",
        "  A1: \"-136.50\"",
        &["werkfit.yaml:", "A1"],
    ),
    (
        "bids/werkfit.yaml",
        "  A1: \"136.50\"",
        "  A1: \"0\"",
        &["werkfit.yaml:", "A1"],
    ),
    (
        "bids/werkfit.yaml",
        "  A1: \"136.50\"\n",
        "",
        &["werkfit.yaml", "A1"],
    ),
    // Dangling references.
    (
        "nvi/round-2.yaml",
        "    follows_up: 1\n",
        "    follows_up: 99\n",
        &["round-2.yaml:", "follows_up", "99"],
    ),
    (
        "decision.yaml",
        "winner: vitaal-en-werk",
        "winner: onbekend",
        &["decision.yaml", "winner"],
    ),
    (
        "tender.yaml",
        "  question_form_annex: question_form",
        "  question_form_annex: vragenformulier",
        &["tender.yaml:", "rules.question_form_annex"],
    ),
    // Duplicate ids.
    (
        "award.yaml",
        "    - { id: C1, component: C",
        "    - { id: A1, component: C",
        &["award.yaml:", "A1"],
    ),
    (
        "nvi/round-2.yaml",
        "  - number: 25",
        "  - number: 24",
        &["round-2.yaml:", "number"],
    ),
    (
        "bids/werkfit.yaml",
        "id: werkfit",
        "id: arbo-noord",
        &["werkfit.yaml:", "id"],
    ),
    // Out-of-range and inconsistent values.
    (
        "tender.yaml",
        "reference: WIJ-2026-001",
        "reference: ../../etc",
        &["tender.yaml:", "reference"],
    ),
    (
        "requirements.yaml",
        "letter: D, title: Prijsinvulformulier",
        "letter: D, title: \"\"",
        &["requirements.yaml", "title"],
    ),
    (
        "award.yaml",
        "        points: \"35\"",
        "        points: \"-35\"",
        &["award.yaml:", "points"],
    ),
    (
        "decision.yaml",
        "abnormally_low_percent: \"30\"",
        "abnormally_low_percent: \"dertig\"",
        &["decision.yaml:", "abnormally_low_percent"],
    ),
];

fn run_case(i: usize, file: &str, from: &str, to: &str, expected: &[&str]) {
    eprintln!("case {i}: {file}: `{from}` → `{to}`");
    let copy = TenderCopy::new();
    copy.edit(file, from, to);
    let tmp = copy.root();

    // An output folder with earlier output, which must stay exactly as it was.
    let out = copy.out();
    std::fs::create_dir_all(out.join("WIJ-2026-001")).unwrap();
    std::fs::write(out.join("WIJ-2026-001/offerteaanvraag.pdf"), b"earlier").unwrap();
    let before = files_below(&out);

    for args in [&["check"][..], &["all"][..]] {
        let output = gen_in(tmp)
            .args(["--data", "data", "--out", "out", "--no-stamp"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "case {i} ({file}: `{to}`), gen {args:?}: exit code\n{stderr}"
        );
        for e in expected {
            assert!(
                stderr.contains(e),
                "case {i} ({file}: `{to}`), gen {args:?}: message lacks `{e}`:\n{stderr}"
            );
        }
        // Every error line names a place: file:line (or the file for a missing field).
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("error: ") && l.contains(".yaml")),
            "case {i}: no located error:\n{stderr}"
        );
        assert_eq!(files_below(&out), before, "case {i}: out/ was touched");
    }
}

#[test]
fn broken_data_is_refused_with_its_place_and_out_untouched() {
    let cases: Vec<_> = CASES.iter().filter(|c| !c.3.is_empty()).collect();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    for (i, (file, from, to, expected)) in cases.into_iter().enumerate() {
        run_case(i, file, from, to, expected);
    }
}

#[test]
fn messages_show_the_line_with_a_marker() {
    let copy = TenderCopy::new();
    copy.edit("bids/werkfit.yaml", "    score: 8", "    score: 7");
    let output = gen_in(copy.root())
        .args(["--data", "data", "check"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("|     score: 7\n"), "{stderr}");
    assert!(stderr.contains("|     ^"), "{stderr}");
}

/// A document that fails in typesetting halfway through a batch (here: the letter to one bidder,
/// through a template that breaks only for it) leaves the output folder as it was: nothing of the
/// batch is written, not even the letters that succeeded.
#[test]
fn a_failure_halfway_through_a_batch_writes_nothing() {
    let copy = TenderCopy::new();
    let tmp = copy.root();
    let tpl = copy.templates().join("gunning/letter.typ.tera");
    let text = std::fs::read_to_string(&tpl).unwrap();
    std::fs::write(
        &tpl,
        format!(
            "{text}\n{{% if \"Werkfit\" in l.addressee.name %}}#panic(\"kapot\"){{% endif %}}\n"
        ),
    )
    .unwrap();

    let out = copy.out();
    std::fs::create_dir_all(out.join("WIJ-2026-001/gunning")).unwrap();
    std::fs::write(out.join("WIJ-2026-001/gunning/evaluation.json"), b"earlier").unwrap();
    let before = files_below(&out);
    let output = gen_in(tmp)
        .args([
            "--data",
            "data",
            "--out",
            "out",
            "--no-stamp",
            "award-letters",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("gunningsbeslissing-werkfit.pdf") && stderr.contains("kapot"),
        "{stderr}"
    );
    assert!(
        stderr.contains("gunning/letter.typ.tera"),
        "the error names the template:\n{stderr}"
    );
    // Nothing but the lock file that lets runs on out/ take turns.
    let mut after = files_below(&out);
    after.retain(|(f, _)| f != ".gen.lock");
    assert_eq!(after, before, "out/ was touched");
    for dir in [tmp, out.as_path()] {
        let leftovers: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.contains("staging") || n.starts_with(".gen-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
