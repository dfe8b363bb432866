//! The command line as people use it: `gen check` renders everything, `gen status`,
//! `gen watch`, and the conventions (-q, --message-format json, completions, aliases, render
//! options only where they apply, the tender found from a folder inside it).

use std::time::{Duration, Instant};

use crate::common::{TenderCopy, assert_success, files_below, gen_in};

fn run_gen(copy: &TenderCopy, args: &[&str]) -> std::process::Output {
    gen_in(copy.root())
        .args(["--no-stamp"])
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn check_renders_every_document_and_reports_every_error() {
    let copy = TenderCopy::new();
    // Templates using a variable that does not exist: the data is valid, the documents fail
    // only when rendered.
    for template in [
        "nota-van-inlichtingen.typ.tera",
        "gunning/proces-verbaal.typ.tera",
    ] {
        let path = copy.templates().join(template);
        let mut t = std::fs::read_to_string(&path).unwrap();
        t.push_str("{{ round.described }}\n");
        std::fs::write(&path, t).unwrap();
    }
    std::fs::create_dir_all(copy.out()).unwrap();
    let before = files_below(&copy.out());

    let output = gen_in(copy.root()).arg("check").output().unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("Variable `round` is not defined"),
        "{stderr}"
    );
    // All three rounds and the record, not only the first failure.
    for f in [
        "marktconsultatie.pdf",
        "nota-van-inlichtingen-1.pdf",
        "nota-van-inlichtingen-2.pdf",
        "proces-verbaal-van-beoordeling.pdf",
    ] {
        assert!(stderr.contains(f), "{f} missing:\n{stderr}");
    }
    assert!(stderr.contains("4 errors"), "{stderr}");
    assert!(files_below(&copy.out()) == before, "check wrote something");
    // And `gen all` indeed fails.
    assert_eq!(run_gen(&copy, &["all"]).status.code(), Some(1));
}

#[test]
fn check_reports_text_no_font_can_show_at_its_field() {
    let copy = TenderCopy::new();
    copy.edit("bids/werkfit.yaml", "name: Werkfit", "name: 王 Werkfit");
    let output = gen_in(copy.root()).arg("check").output().unwrap();
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bids/werkfit.yaml:") && stderr.contains(": name: the character '王'"),
        "{stderr}"
    );
}

#[test]
fn check_names_open_questions_and_strict_fails_on_them() {
    let copy = TenderCopy::new();
    let text0 = copy.read("nvi/round-2.yaml");
    let start = text0.find("  - number: 28\n").unwrap();
    let answer = start + text0[start..].find("    answer: |\n").unwrap();
    let next = start + text0[start..].find("  - number: 29\n").unwrap();
    copy.write(
        "nvi/round-2.yaml",
        &format!("{}{}", &text0[..answer], &text0[next..]),
    );

    let output = run_gen(&copy, &["check"]);
    let (_, stderr) = text(&output);
    assert_success(&output);
    assert!(
        stderr.contains("not publishable yet: question 28 is not answered yet"),
        "{stderr}"
    );
    // The place names the item by its number, counted from 1.
    assert!(
        stderr.contains("questions[4] (number 28).answer"),
        "{stderr}"
    );
    assert!(stderr.contains("not publishable yet: round-2"), "{stderr}");
    assert_eq!(
        run_gen(&copy, &["check", "--strict"]).status.code(),
        Some(1)
    );
    assert_success(&run_gen(&copy, &["check", "--draft"]));
}

#[test]
fn status_tells_what_is_missing_outdated_and_next() {
    let copy = TenderCopy::new();
    let (stdout, _) = text(&run_gen(&copy, &["status"]));
    assert!(stdout.contains("round-2"), "{stdout}");
    assert!(stdout.contains("8 question(s), 0 open"), "{stdout}");
    assert!(stdout.contains("winner: vitaal-en-werk"), "{stdout}");
    assert!(
        stdout.contains("missing     WIJ-2026-001/offerteaanvraag.pdf"),
        "{stdout}"
    );
    // Every document is missing, and the next step counts them.
    let missing = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("missing "))
        .count();
    assert!(missing > 10, "{stdout}");
    assert!(
        stdout.contains(&format!("`gen all` renders the {missing} missing")),
        "{stdout}"
    );

    assert_success(&run_gen(&copy, &["all"]));
    let (stdout, _) = text(&run_gen(&copy, &["status"]));
    assert!(!stdout.contains("missing  "), "{stdout}");
    assert!(!stdout.contains("outdated"), "{stdout}");

    copy.edit(
        "nvi/round-2.yaml",
        "Nee, niet automatisch.",
        "Nee, niet vanzelf.",
    );
    copy.edit("bids/werkfit.yaml", "quality:", "rates_note: x\nquality:");
    let output = run_gen(&copy, &["status"]);
    let (_, stderr) = text(&output);
    // A data error: status says where, like every command.
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("werkfit.yaml"), "{stderr}");
    copy.edit("bids/werkfit.yaml", "rates_note: x\nquality:", "quality:");
    let (stdout, _) = text(&run_gen(&copy, &["status"]));
    assert!(
        stdout.contains("outdated    WIJ-2026-001/nota-van-inlichtingen-2.pdf"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("outdated  ").count(), 1, "{stdout}");
}

#[test]
fn watch_re_renders_a_changed_round_and_keeps_the_last_good_pdf() {
    let copy = TenderCopy::new();
    let mut child = gen_in(copy.root())
        .args(["--no-stamp", "watch"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pdf = copy.out().join("WIJ-2026-001/nota-van-inlichtingen-2.pdf");
    let wait_for = |what: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(120);
        while !what() {
            assert!(Instant::now() < deadline, "timed out");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_for(&|| copy.out().join("WIJ-2026-001/manifest.json").is_file() && pdf.is_file());
        let first = std::fs::read(&pdf).unwrap();
        let itt = std::fs::read(copy.out().join("WIJ-2026-001/offerteaanvraag.pdf")).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        copy.edit(
            "nvi/round-2.yaml",
            "Nee, niet automatisch.",
            "Nee, niet vanzelf.",
        );
        wait_for(&|| std::fs::read(&pdf).is_ok_and(|b| b != first));
        // Only that round was rendered again.
        assert_eq!(
            std::fs::read(copy.out().join("WIJ-2026-001/offerteaanvraag.pdf")).unwrap(),
            itt
        );
        // A broken save: the error is printed and the last good PDF stays.
        let good = std::fs::read(&pdf).unwrap();
        copy.edit(
            "nvi/round-2.yaml",
            "Nee, niet vanzelf.",
            "Nee, niet vanzelf.\n\tfout",
        );
        std::thread::sleep(Duration::from_secs(3));
        assert_eq!(std::fs::read(&pdf).unwrap(), good);
    }));
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    if let Err(e) = result {
        panic!("{stdout}\n{e:?}");
    }
    assert!(
        stdout.contains("rendered out/WIJ-2026-001/nota-van-inlichtingen-2.pdf after a change to"),
        "{stdout}"
    );
    assert!(stdout.contains("failed after a change"), "{stdout}");
}

#[test]
fn conventions_of_the_command_line() {
    let copy = TenderCopy::new();
    // Found from a folder inside the tender; out/ beside the data.
    let output = gen_in(&copy.data().join("nvi"))
        .args(["--no-stamp", "itt"])
        .output()
        .unwrap();
    assert_success(&output);
    assert!(
        copy.out()
            .join("WIJ-2026-001/offerteaanvraag.pdf")
            .is_file()
    );
    // Rerun: one summary line, and nothing with -q.
    let (stdout, _) = text(&run_gen(&copy, &["itt"]));
    assert!(
        stdout.contains("1 document(s) unchanged since the last run"),
        "{stdout}"
    );
    let quiet = run_gen(&copy, &["-q", "itt"]);
    assert!(quiet.stdout.is_empty(), "{quiet:?}");

    // Diagnostics as JSON lines.
    copy.edit(
        "tender.yaml",
        "bid_validity_days: 90",
        "bid_validity_days: negentig",
    );
    let output = run_gen(&copy, &["check", "--message-format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let (stdout, _) = text(&output);
    let line: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(line["reason"], "diagnostic");
    assert_eq!(line["level"], "error");
    assert!(line["file"].as_str().unwrap().ends_with("tender.yaml"));
    assert!(
        line["message"]
            .as_str()
            .unwrap()
            .starts_with("expected a whole number"),
        "{line}"
    );
    assert!(line["line"].as_u64().is_some());

    // Render options only where they apply.
    let help = gen_in(copy.root())
        .args(["init", "--help"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&help.stdout).contains("--draft"));
    let wrong = gen_in(copy.root())
        .args(["--draft", "init", "elders"])
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));

    // Help: every command listed in the groups, aliases visible, examples.
    let help = gen_in(copy.root()).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for c in [
        "all",
        "itt",
        "nvi",
        "price-form",
        "award-letters",
        "check",
        "status",
        "watch",
        "diff",
        "prices",
        "init",
        "completions",
    ] {
        assert!(
            help.contains(&format!("\n  {c} ")),
            "{c} not in help:\n{help}"
        );
    }
    assert!(help.contains("Examples:"));
    let itt = gen_in(copy.root())
        .args(["itt", "--help"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&itt.stdout).contains("[aliases: offerteaanvraag]")
            || String::from_utf8_lossy(&itt.stdout).contains("offerteaanvraag")
    );

    // Completions.
    let bash = gen_in(copy.root())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert_success(&bash);
    let bash = String::from_utf8_lossy(&bash.stdout);
    assert!(
        bash.contains("_gen()") && bash.contains("award-letters"),
        "{bash}"
    );
}

#[test]
fn check_names_every_missing_field_of_a_new_bid_in_one_run() {
    let copy = TenderCopy::new();
    copy.write(
        "bids/nieuw.yaml",
        "id: nieuw\ncontact:\n  salutation: heer Jansen\nrates: {}\n",
    );
    let output = run_gen(&copy, &["check"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for missing in [
        "`name`",
        "`address`",
        "`status`",
        "contact: missing field `email`",
    ] {
        assert!(stderr.contains(missing), "{missing}: {stderr}");
    }
    assert!(stderr.contains("bids/nieuw.yaml"), "{stderr}");
}
