//! Helpers shared by the integration tests: the bundled tender, the `gen` binary, PDF text.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tendergen::docs::{Job, RunOptions};
use tendergen::model::Project;
use tendergen::render::Renderer;

/// The repository root (where `data/` and `templates/` of the bundled tender are).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn data_dir() -> PathBuf {
    repo().join("data")
}

pub fn templates_dir() -> PathBuf {
    repo().join("templates")
}

/// The bundled tender, loaded and validated.
pub fn project() -> Project {
    Project::load(&data_dir()).unwrap_or_else(|e| panic!("bundled data must load:\n{e}"))
}

pub fn renderer() -> Renderer {
    Renderer::load(&templates_dir()).unwrap_or_else(|e| panic!("templates must parse:\n{e}"))
}

/// The generated Typst source of a job.
pub fn typst_source(job: &Job) -> String {
    tendergen::pipeline::source(&renderer(), job).unwrap_or_else(|e| panic!("{e}"))
}

pub fn opts() -> RunOptions {
    RunOptions::default()
}

/// A `gen` command running in `cwd`.
pub fn gen_in(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gen"));
    cmd.current_dir(cwd);
    cmd
}

/// Runs `gen` with the bundled data and templates, writing into `out`.
pub fn gen_bundled(out: &Path, args: &[&str]) -> Output {
    let output = gen_in(&repo())
        .arg("--data")
        .arg(data_dir())
        .arg("--templates")
        .arg(templates_dir())
        .arg("--out")
        .arg(out)
        .args(args)
        .output()
        .expect("gen runs");
    output
}

pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "gen failed ({:?}):\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The text of a PDF, as poppler's `pdftotext` extracts it (reading order, no layout).
pub fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(output.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(output.stdout).expect("utf-8 text")
}

/// The text of a PDF's A4 pages without the running header and footer (cropped to the body
/// area of the house style), for comparing running text across page breaks.
pub fn pdf_body_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-x", "0", "-y", "70", "-W", "595", "-H", "712"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(output.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(output.stdout).expect("utf-8 text")
}

/// Text for comparing prose regardless of line breaks, hyphenation, bullets and case:
/// lower-case letters and digits only.
pub fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_lowercase()).collect()
}

/// Every file below `dir`, as (relative path, bytes), sorted.
pub fn files_below(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}
