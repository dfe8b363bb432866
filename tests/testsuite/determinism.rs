//! Same data, same bytes: no wall-clock time or machine state reaches the PDFs.

use crate::common::*;

#[test]
fn rendering_all_twice_gives_identical_bytes_across_tz_lang_and_cwd() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    // Stamped: the git provenance is the same for both runs, and must not vary either.
    assert_success(&gen_bundled_stamped(first.path(), &["all"]));

    // Another time zone, locale and working directory.
    let elsewhere = tempfile::tempdir().unwrap();
    let output = gen_in(elsewhere.path())
        .env("TZ", "Pacific/Kiritimati")
        .env("LANG", "ja_JP.UTF-8")
        .env("LC_ALL", "ja_JP.UTF-8")
        .arg("--data")
        .arg(data_dir())
        .arg("--templates")
        .arg(templates_dir())
        .arg("--out")
        .arg(second.path())
        .arg("all")
        .output()
        .unwrap();
    assert_success(&output);

    let a = files_below(first.path());
    let b = files_below(second.path());
    assert!(!a.is_empty());
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs between runs");
    }
}

/// `gen all` again with nothing changed typesets nothing; a changed answer re-renders only its
/// nota van inlichtingen; `--force` renders everything; the output is the same either way.
#[test]
fn unchanged_documents_are_skipped() {
    let copy = TenderCopy::new();
    let run = |extra: &[&str]| {
        let output = gen_in(copy.root())
            .args(["--data", "data", "--out", "out", "--no-stamp"])
            .args(extra)
            .arg("all")
            .output()
            .unwrap();
        assert_success(&output);
        String::from_utf8(output.stdout).unwrap()
    };
    let first = run(&[]);
    assert!(!first.contains("unchanged"), "{first}");
    let files = files_below(&copy.out());

    let pdfs = files.iter().filter(|f| f.0.ends_with(".pdf")).count();
    // One summary line; `-v` lists each unchanged document.
    let summary = run(&[]);
    assert!(
        summary.contains(&format!("{pdfs} document(s) unchanged since the last run")),
        "{summary}"
    );
    assert!(
        !summary.lines().any(|l| l.starts_with("unchanged")),
        "{summary}"
    );
    let second = run(&["-v"]);
    assert_eq!(
        second
            .lines()
            .filter(|l| l.starts_with("unchanged") && l.contains(".pdf"))
            .count(),
        pdfs,
        "{second}"
    );
    assert!(files_below(&copy.out()) == files, "the output changed");

    copy.edit(
        "nvi/round-2.yaml",
        "Nee, niet automatisch.",
        "Nee, niet vanzelf.",
    );
    let third = run(&[]);
    let rewritten: Vec<&str> = third
        .lines()
        .filter(|l| l.starts_with("wrote") && l.ends_with(".pdf"))
        .collect();
    assert_eq!(rewritten.len(), 1, "{third}");
    assert!(
        rewritten[0].ends_with("nota-van-inlichtingen-2.pdf"),
        "{third}"
    );

    let forced = run(&["--force"]);
    assert!(!forced.contains("unchanged"), "{forced}");
}
