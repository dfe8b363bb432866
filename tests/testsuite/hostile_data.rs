//! Hostile data (issue 17): symlinks out of the data folder, NUL, invalid UTF-8, deep nesting,
//! bidi overrides, over-long texts and ids that cannot name files are all refused by loading
//! (so by `gen check`), with file, line and field, and quickly.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::*;

/// A copy of the bundled tender (data and templates) in a temporary folder.
fn tender() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_bundled(dir.path());
    dir
}

fn a_bid(dir: &Path) -> PathBuf {
    let mut bids: Vec<PathBuf> = std::fs::read_dir(dir.join("data/bids"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    bids.sort();
    bids.remove(0)
}

/// `gen check` in `dir`: exit code and stderr+stdout.
fn check(dir: &Path) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let out = gen_in(dir).arg("check").output().unwrap();
    let took = start.elapsed();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text, took)
}

fn assert_refused(dir: &Path, fragments: &[&str]) -> String {
    let (code, text, _) = check(dir);
    assert_eq!(code, Some(1), "{text}");
    for f in fragments {
        assert!(text.contains(f), "expected {f:?} in:\n{text}");
    }
    text
}

#[test]
fn the_copy_checks_clean() {
    let t = tender();
    let (code, text, _) = check(t.path());
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn a_bid_symlinked_outside_the_data_folder_is_refused_without_its_content() {
    let t = tender();
    let bid = a_bid(t.path());
    let outside = t.path().join("elsewhere.yaml");
    let text = std::fs::read_to_string(&bid)
        .unwrap()
        .replace("name:", "name: GEHEIM\nnaam:");
    std::fs::write(&outside, text).unwrap();
    std::fs::remove_file(&bid).unwrap();
    std::os::unix::fs::symlink(&outside, &bid).unwrap();
    let out = assert_refused(t.path(), &["symlink", "outside the data folder"]);
    assert!(!out.contains("GEHEIM"), "{out}");
}

#[test]
fn final_refuses_symlinks_in_data_even_pointing_inside() {
    let t = tender();
    let root = t.path();
    std::fs::write(root.join("data/note.txt"), "x").unwrap();
    std::os::unix::fs::symlink(root.join("data/note.txt"), root.join("data/link.txt")).unwrap();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .current_dir(root)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "tender"]);
    let out = gen_in(root)
        .args(["--final", "--out"])
        .arg(root.join("out"))
        .arg("itt")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("link.txt is a symlink"), "{err}");
}

#[test]
fn nul_and_invalid_utf8_are_reported_at_their_line() {
    let t = tender();
    let bid = a_bid(t.path());
    let text = std::fs::read_to_string(&bid).unwrap();
    let line = text.lines().position(|l| l.starts_with("name:")).unwrap() + 1;
    let with_nul = text.replacen("name: ", "name: A\0", 1);
    std::fs::write(&bid, &with_nul).unwrap();
    assert_refused(t.path(), &[&format!(":{line}:"), "NUL"]);
    let mut bytes = text.replacen("name: ", "name: A\u{1}", 1).into_bytes();
    let at = bytes.iter().position(|&b| b == 1).unwrap();
    bytes[at] = 0xff;
    std::fs::write(&bid, &bytes).unwrap();
    assert_refused(t.path(), &[&format!(":{line}:"), "UTF-8"]);
}

#[test]
fn deep_nesting_is_refused_fast() {
    let t = tender();
    let bid = a_bid(t.path());
    let mut text = std::fs::read_to_string(&bid).unwrap();
    text.push_str(&format!(
        "extra: {}1{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    ));
    std::fs::write(&bid, text).unwrap();
    let (code, out, took) = check(t.path());
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("nested more than"), "{out}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn bidi_overrides_and_overlong_names_are_refused_with_the_field() {
    let t = tender();
    let bid = a_bid(t.path());
    let text = std::fs::read_to_string(&bid).unwrap();
    std::fs::write(&bid, text.replacen("name: ", "name: \u{202E}", 1)).unwrap();
    assert_refused(t.path(), &["name", "U+202E"]);
    let long = format!("name: {}", "W".repeat(100_000 - 15));
    std::fs::write(&bid, text.replacen("name: ", &long, 1)).unwrap();
    assert_refused(t.path(), &["characters long; at most 300"]);
}

#[test]
fn a_bidder_id_that_the_bids_would_refuse_is_refused_by_the_price_import() {
    let t = tender();
    let form = t.path().join("form.xlsx");
    std::fs::write(&form, b"not read").unwrap();
    for id in ["Werkfit", &"a".repeat(240)] {
        let out = gen_in(t.path())
            .args(["prices", "import"])
            .arg(&form)
            .args(["--bidder", id])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("lower-case") || err.contains("at most 64"),
            "{err}"
        );
    }
    assert!(!t.path().join("data/bids/Werkfit.yaml").exists());
}

#[test]
fn a_long_url_and_unbreakable_run_in_a_reason_wrap_inside_the_text_area() {
    let t = tender();
    let bid = t.path().join("data/bids/arbo-noord.yaml");
    let text = std::fs::read_to_string(&bid).unwrap();
    let long = format!(
        "weaknesses:\n      - Zie https://www.example-arbodienst.nl/documenten/beleid/2026/verzuimbegeleiding-en-re-integratie/werkwijze-arbo-noord-versie-3-definitief.pdf, {} en info.verzuimbegeleiding.afdeling-noord@arbo-noord-dienstverlening.example.nl.\n",
        "x".repeat(90)
    );
    std::fs::write(&bid, text.replacen("weaknesses:\n", &long, 1)).unwrap();
    let out = gen_in(t.path()).arg("award-letters").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = t
        .path()
        .join("out/WIJ-2026-001/gunning/gunningsbeslissing-arbo-noord.pdf");
    let bbox = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&bbox.stdout);
    // Every word ends inside the text area of an A4 page (595 pt wide, margins over 50 pt).
    let mut words = 0;
    for w in html.split("<word ").skip(1) {
        let x_max: f64 = w
            .split("xMax=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap();
        assert!(
            x_max < 545.0,
            "a word runs into the margin: {}",
            &w[..w.len().min(200)]
        );
        words += 1;
    }
    assert!(html.contains("example") && words > 100, "{words}");
}

#[test]
fn characters_no_font_can_show_are_caught_by_check_with_the_field() {
    let t = tender();
    let bid = a_bid(t.path());
    let text = std::fs::read_to_string(&bid).unwrap();
    let line = text.lines().position(|l| l.starts_with("name:")).unwrap() + 1;
    for odd in ["北京职业健康", "Werk\u{E000}fit"] {
        std::fs::write(&bid, text.replacen("name: ", &format!("name: {odd} "), 1)).unwrap();
        assert_refused(
            t.path(),
            &[&format!(":{line}:"), "name", "cannot be shown by any font"],
        );
    }
}

#[test]
fn null_where_text_is_required_is_refused_with_the_field() {
    let t = tender();
    let bid = a_bid(t.path());
    let text = std::fs::read_to_string(&bid).unwrap();
    let line = text.lines().position(|l| l.starts_with("name:")).unwrap() + 1;
    let name_line = text.lines().nth(line - 1).unwrap();
    for null in ["null", "~"] {
        std::fs::write(&bid, text.replacen(name_line, &format!("name: {null}"), 1)).unwrap();
        assert_refused(
            t.path(),
            &[&format!(":{line}:"), "name", "null) where text is required"],
        );
    }
    // The word itself, quoted, is text.
    std::fs::write(&bid, text.replacen(name_line, "name: \"null\"", 1)).unwrap();
    let (code, out, _) = check(t.path());
    assert_eq!(code, Some(0), "{out}");
}
