//! Helpers shared by the integration tests: the bundled tender, the `gen` binary, PDF text.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tendergen::build::{Build, Options};
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

/// The bundled tender's build: data, templates, outline and evaluation, checked.
pub fn build() -> Build {
    build_of(&data_dir(), &templates_dir())
}

/// The build of the tender in `data` with the templates in `templates`.
pub fn build_of(data: &Path, templates: &Path) -> Build {
    try_build(data, templates).unwrap_or_else(|e| panic!("the tender must load:\n{e}"))
}

/// [`build_of`], its error returned.
pub fn try_build(data: &Path, templates: &Path) -> tendergen::Result<Build> {
    Build::load(Options {
        templates: templates.to_path_buf(),
        ..Options::new(data)
    })
}

pub fn renderer() -> Renderer {
    Renderer::load(&templates_dir()).unwrap_or_else(|e| panic!("templates must parse:\n{e}"))
}

/// The generated Typst source of a job.
pub fn typst_source(job: &Job) -> String {
    tendergen::build::pipeline::source(&renderer(), job).unwrap_or_else(|e| panic!("{e}"))
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

/// Runs `gen --no-stamp` with the bundled data and templates, writing into `out`: the
/// documents' content without the git provenance, which changes with every commit of this
/// repository (snapshots must not).
pub fn gen_bundled(out: &Path, args: &[&str]) -> Output {
    gen_bundled_command(out)
        .arg("--no-stamp")
        .args(args)
        .output()
        .expect("gen runs")
}

/// Runs `gen` with the bundled data and templates, writing into `out`, with the provenance
/// stamp (the state of this repository's git).
pub fn gen_bundled_stamped(out: &Path, args: &[&str]) -> Output {
    gen_bundled_command(out)
        .args(args)
        .output()
        .expect("gen runs")
}

fn gen_bundled_command(out: &Path) -> Command {
    let mut cmd = gen_in(&repo());
    cmd.arg("--data")
        .arg(data_dir())
        .arg("--templates")
        .arg(templates_dir())
        .arg("--out")
        .arg(out);
    cmd
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

/// Runs poppler's `pdftotext` on a PDF with extra options; returns what it prints.
pub fn pdftotext(pdf: &Path, options: &[&str]) -> String {
    let output = Command::new("pdftotext")
        .args(options)
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    // poppler writes a character outside the BMP in the -bbox-layout <title> as two encoded
    // surrogates (not UTF-8); the text itself is UTF-8.
    String::from_utf8(output.stdout)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The text of a PDF, as `pdftotext` extracts it (reading order, no layout).
pub fn pdf_text(pdf: &Path) -> String {
    pdftotext(pdf, &[])
}

/// The cropping that leaves out the house style's running header and footer on A4.
const BODY: [&str; 8] = ["-x", "0", "-y", "70", "-W", "595", "-H", "712"];

/// The text of a PDF's pages without the running header and footer, for comparing running
/// text across page breaks.
pub fn pdf_body_text(pdf: &Path) -> String {
    pdftotext(pdf, &BODY)
}

/// [`pdf_body_text`] in content-stream order (`-raw`): table cells one after the other
/// instead of interleaved line by line.
pub fn pdf_body_text_raw(pdf: &Path) -> String {
    pdftotext(pdf, &[&["-raw"][..], &BODY[..]].concat())
}

/// A PDF's text on one line: line breaks and hyphenation removed, words kept.
pub fn one_line(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace("-\n", "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for comparing prose regardless of line breaks, hyphenation, bullets and case:
/// lower-case letters and digits only.
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Every file below `dir`, as (relative path, bytes), sorted.
pub fn files_below(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Copies the bundled tender's `data/` and `templates/` side by side into `dir`.
pub fn copy_bundled(dir: &Path) {
    copy_dir(&data_dir(), &dir.join("data"));
    copy_dir(&templates_dir(), &dir.join("templates"));
}

/// The text blocks of a PDF's pages as poppler's layout analysis finds them (`pdftotext
/// -bbox-layout`): a paragraph, a table cell, a header line each; words joined by spaces.
pub fn pdf_blocks(pdf: &Path) -> Vec<String> {
    let html = pdftotext(pdf, &["-bbox-layout"]);
    let unescape = |w: &str| {
        w.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    html.split("<block")
        .skip(1)
        .map(|block| {
            let block = block.split("</block>").next().unwrap_or("");
            block
                .split("<word")
                .skip(1)
                .filter_map(|w| {
                    w.split_once('>')
                        .map(|(_, rest)| rest.split("</word>").next().unwrap_or(""))
                })
                .map(unescape)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A copy of the bundled tender (`data/` and `templates/` side by side, in a temporary folder)
/// to change freely.
pub struct TenderCopy {
    pub dir: tempfile::TempDir,
}

impl TenderCopy {
    pub fn new() -> TenderCopy {
        let dir = tempfile::tempdir().unwrap();
        copy_bundled(dir.path());
        TenderCopy { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn data(&self) -> PathBuf {
        self.root().join("data")
    }

    pub fn templates(&self) -> PathBuf {
        self.root().join("templates")
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("out")
    }

    /// A file of the data folder, e.g. `bids/werkfit.yaml`.
    pub fn path(&self, file: &str) -> PathBuf {
        self.data().join(file)
    }

    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).unwrap_or_else(|_| panic!("{file} exists"))
    }

    pub fn write(&self, file: &str, text: &str) {
        std::fs::write(self.path(file), text).unwrap();
    }

    /// Runs `gen --no-stamp` in the copy, writing into its `out/`.
    pub fn run_gen(&self, args: &[&str]) -> Output {
        gen_in(self.root())
            .arg("--no-stamp")
            .args(["--out", self.out().to_str().unwrap()])
            .args(args)
            .output()
            .expect("gen runs")
    }

    /// Replaces the one occurrence of `from` in a data file.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let text = self.read(file);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in {file}"
        );
        self.write(file, &text.replacen(from, to, 1));
    }
}

/// `gen --no-stamp <args>` on a copy of the bundled tender, writing into its `out/`.
pub fn gen_on_copy(t: &TenderCopy, args: &[&str]) -> Output {
    gen_in(t.root())
        .args(["--data", "data", "--out", "out", "--no-stamp"])
        .args(args)
        .output()
        .expect("gen runs")
}

/// A run's standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every phrase is in `text` (the first one missing is named).
pub fn assert_contains_all(text: &str, phrases: &[&str]) {
    for phrase in phrases {
        assert!(text.contains(phrase), "`{phrase}` missing");
    }
}
