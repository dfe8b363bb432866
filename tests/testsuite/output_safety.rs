//! The output folder under kills, signals, concurrent runs and another file system (issue 17):
//! whenever `gen` is stopped, `out/<reference>/` holds a complete state whose files match its
//! manifest's SHA-256s; the next run removes what a killed run left; SIGTERM leaves no staging;
//! three runs at once lose no manifest entry; `--out` on another file system works.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::common::*;

const REFERENCE: &str = "WIJ-2026-001";

/// A copy of the bundled tender: data and templates in a temporary folder.
fn tender() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_bundled(dir.path());
    dir
}

fn gen_cmd(root: &Path, out: &Path, args: &[&str]) -> Command {
    let mut cmd = gen_in(root);
    cmd.arg("--out").arg(out).args(args);
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    cmd
}

fn run(root: &Path, out: &Path, args: &[&str]) {
    let o = gen_cmd(root, out, args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// `out/<reference>/` matches its manifest: every listed file exists with its SHA-256, and
/// nothing but the manifest is there unlisted. The listed files.
fn assert_matches_manifest(out: &Path) -> BTreeSet<String> {
    let folder = out.join(REFERENCE);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    let mut listed = BTreeSet::new();
    for doc in manifest["documents"].as_array().unwrap() {
        let file = doc["file"].as_str().unwrap();
        let bytes = std::fs::read(folder.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let sha = format!("{:x}", Sha256::digest(&bytes));
        assert_eq!(
            sha,
            doc["sha256"].as_str().unwrap(),
            "{file} does not match the manifest"
        );
        listed.insert(file.to_string());
    }
    for entry in walkdir::WalkDir::new(&folder) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(&folder)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            assert!(
                rel == "manifest.json" || listed.contains(&rel),
                "{rel} is not in the manifest"
            );
        }
    }
    listed
}

/// Entries whose name starts with `.gen-` anywhere in `out` (staging, next, old).
fn leftovers(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".gen-"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

fn wait(child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "gen did not stop");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn killed_at_any_moment_the_output_matches_its_manifest_and_the_next_run_cleans_up() {
    let t = tender();
    let out = t.path().join("out");
    run(t.path(), &out, &["--force", "all"]);
    let full = assert_matches_manifest(&out);
    // How long a run takes here and now, to kill it at moments spread over it.
    let start = Instant::now();
    run(t.path(), &out, &["--force", "all"]);
    let took = start.elapsed();
    for tenth in [0u32, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] {
        // Change an input so the new state differs from the old one.
        let tender_yaml = t.path().join("data/tender.yaml");
        let text = std::fs::read_to_string(&tender_yaml).unwrap();
        std::fs::write(&tender_yaml, format!("{text}\n# run {tenth}\n")).unwrap();
        let mut child = gen_cmd(t.path(), &out, &["--force", "all"])
            .spawn()
            .unwrap();
        std::thread::sleep(took * tenth / 10);
        let _ = child.kill(); // SIGKILL
        wait(&mut child);
        assert_eq!(assert_matches_manifest(&out), full, "killed at {tenth}/10");
    }
    // The next run removes what the killed runs left.
    run(t.path(), &out, &["all"]);
    assert_matches_manifest(&out);
    assert_eq!(leftovers(&out), Vec::<PathBuf>::new());
}

#[test]
fn sigterm_leaves_no_staging() {
    let t = tender();
    let out = t.path().join("out");
    run(t.path(), &out, &["--force", "all"]);
    let start = Instant::now();
    run(t.path(), &out, &["--force", "all"]);
    let took = start.elapsed();
    for tenth in [1u32, 3, 5, 7, 9] {
        let mut child = gen_cmd(t.path(), &out, &["--force", "all"])
            .spawn()
            .unwrap();
        std::thread::sleep(took * tenth / 10);
        // SAFETY: a plain kill(2) of our own child.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        wait(&mut child);
        assert_eq!(
            leftovers(&out),
            Vec::<PathBuf>::new(),
            "SIGTERM at {tenth}/10"
        );
        assert_matches_manifest(&out);
    }
}

#[test]
fn three_runs_at_once_lose_no_manifest_entry() {
    let t = tender();
    for round in 0..3 {
        let out = t.path().join(format!("out-{round}"));
        let mut children: Vec<Child> = [&["itt"][..], &["price-form"], &["award-letters"]]
            .iter()
            .map(|args| gen_cmd(t.path(), &out, args).spawn().unwrap())
            .collect();
        for c in &mut children {
            let status = c.wait().unwrap();
            assert!(status.success());
        }
        let listed = assert_matches_manifest(&out);
        for file in [
            "offerteaanvraag.pdf",
            "bijlage-d-prijsinvulformulier.pdf",
            "bijlage-d-prijsinvulformulier.xlsx",
            "intern/proces-verbaal-van-beoordeling.pdf",
        ] {
            assert!(
                listed.contains(file),
                "round {round}: {file} lost from {listed:?}"
            );
        }
        assert_eq!(leftovers(&out), Vec::<PathBuf>::new());
    }
}

#[test]
fn out_on_another_file_system_works() {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let t = tender();
    let out = base.path().join("out");
    for _ in 0..2 {
        run(t.path(), &out, &["--force", "itt"]);
        assert!(assert_matches_manifest(&out).contains("offerteaanvraag.pdf"));
        assert_eq!(leftovers(&out), Vec::<PathBuf>::new());
    }
}
