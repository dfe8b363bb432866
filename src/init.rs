//! A new tender repository (`gen init <dir>`), started from the tender in use.
//!
//! A procurement officer rarely starts from nothing: the next tender of an organisation has the
//! same structure, procedure text and most rules of the last one. So `init` copies the data in
//! use (`--data`; by default the bundled example tender) and the templates in use: the
//! documented YAML files with their comments, which pass `gen check` as they are. The new
//! tender's identity is replaced — its reference and title (`--reference`, `--title`, or clear
//! placeholders) — while the organisation stays (a new tender usually comes from the same
//! organisation; the README says where to change it). Question rounds, bids and the award
//! decision belong to one tender and are not copied: `data/nvi/` and `data/bids/` get a README.
//!
//! It writes a README.md for the tender, a `.gitignore` for `out/`, and runs `git init`; it
//! does not commit, so that the first commit is the officer's tender rather than the copy (and
//! no git identity has to be invented).

use std::path::{Path, PathBuf};

use crate::build::{Build, Options};
use crate::error::{Error, Result};
use crate::provenance::git_cmd;

pub(crate) const PLACEHOLDER_REFERENCE: &str = "REF-0000-001";
pub(crate) const PLACEHOLDER_TITLE: &str = "Titel van de opdracht";

/// What `gen init` is asked for.
#[derive(Debug, Clone)]
pub struct NewTender {
    /// The new tender's folder (created; an existing one must be empty).
    pub dir: PathBuf,
    /// The new tender's reference (kenmerk); a placeholder when not given.
    pub reference: Option<String>,
    /// The new tender's title; a placeholder when not given.
    pub title: Option<String>,
}

/// Subjects of one tender only: not copied into a new one.
const NOT_COPIED: &[&str] = &[
    "nvi",
    "bids",
    "decision.yaml",
    // The records of one tender's procedure (crate::model::procedure).
    "opening.yaml",
    "presentations.yaml",
    "lottery.yaml",
    "new-decision.yaml",
    "definitive-award.yaml",
];

/// Creates the new tender repository `args.dir` from the tender (and templates) of `source`.
pub fn create(args: &NewTender, source: &Options) -> Result<()> {
    let target = &args.dir;
    if target.exists() {
        let empty = std::fs::read_dir(target)
            .map_err(|e| Error::io(target, e))?
            .next()
            .is_none();
        if !target.is_dir() || !empty {
            return Err(Error::Usage(format!(
                "{} already exists and is not empty: choose a new folder",
                target.display()
            )));
        }
    }
    let reference = args
        .reference
        .clone()
        .unwrap_or_else(|| PLACEHOLDER_REFERENCE.to_string());
    if reference.trim().is_empty() || reference.contains(['/', '\\']) || reference.starts_with('.')
    {
        return Err(Error::Usage(format!(
            "`{reference}` cannot be a reference: it names the output folder"
        )));
    }
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| PLACEHOLDER_TITLE.to_string());

    // The source must be a valid tender, so the copy is one too.
    let build = Build::load(source.clone())?;
    let templates = &source.templates;
    let old = &build.project.tender;

    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (rel, bytes) in tree(&source.data, NOT_COPIED)? {
        let bytes = if rel.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::Usage(format!("{} is not UTF-8", rel.display())))?;
            let top = rel == Path::new("tender.yaml");
            new_identity(&text, &old.reference, &old.title, &reference, &title, top).into_bytes()
        } else {
            bytes
        };
        files.push((Path::new("data").join(rel), bytes));
    }
    files.push(("data/nvi/README.md".into(), NVI_README.as_bytes().to_vec()));
    files.push((
        "data/bids/README.md".into(),
        BIDS_README.as_bytes().to_vec(),
    ));
    for (rel, bytes) in tree(templates, &[])? {
        files.push((Path::new("templates").join(rel), bytes));
    }
    files.push((
        ".gitignore".into(),
        b"# Rendered documents: made again from any commit with `gen all`.\n/out/\n".to_vec(),
    ));
    files.push((
        "README.md".into(),
        readme(&reference, &title, &source.data, old).into_bytes(),
    ));

    write_new_folder(target, &files)?;

    let git = git_cmd(target, ["init", "--quiet"]);
    let initialised = matches!(&git, Ok(o) if o.status.success());
    if !initialised {
        let why = match git {
            Ok(o) => String::from_utf8_lossy(&o.stderr).trim().to_string(),
            Err(e) => e.to_string(),
        };
        eprintln!("warning: `git init` failed ({why}): run it yourself before the first commit");
    }
    println!(
        "created {} ({} file(s)){}",
        target.display(),
        files.len(),
        if initialised {
            ", an empty git repository"
        } else {
            ""
        }
    );
    println!(
        "next: fill in data/ (see {}), `gen check`, then commit:",
        target.join("README.md").display()
    );
    println!(
        "    cd {} && gen check && git add -A && git commit -m \"{reference}: eerste versie\"",
        target.display()
    );
    Ok(())
}

/// The files below `dir` (relative paths, sorted), without hidden ones and without the
/// top-level entries named in `skip`.
fn tree(dir: &Path, skip: &[&str]) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.') || (e.depth() == 1 && skip.contains(&name.as_ref())))
        });
    for entry in walker {
        let entry = entry.map_err(|e| Error::Usage(format!("reading {}: {e}", dir.display())))?;
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("below dir")
                .to_path_buf();
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            files.push((rel, bytes));
        }
    }
    Ok(files)
}

/// A data file with the new reference and title: everywhere the old reference is mentioned
/// (file headers, comments), and in `tender.yaml`'s top-level `reference:` and `title:`.
fn new_identity(
    text: &str,
    old_ref: &str,
    old_title: &str,
    reference: &str,
    title: &str,
    tender: bool,
) -> String {
    let mut text = text.replace(
        &format!("{old_ref} {old_title}"),
        &format!("{reference} {title}"),
    );
    if !old_ref.is_empty() {
        text = text.replace(old_ref, reference);
    }
    if !tender {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let eol = &line[line.trim_end_matches(['\n', '\r']).len()..];
        if line.starts_with("reference:") {
            out.push_str(&format!("reference: {}{eol}", yaml_string(reference)));
        } else if line.starts_with("title:") {
            out.push_str(&format!("title: {}{eol}", yaml_string(title)));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A YAML scalar for any text: a JSON string is a valid double-quoted YAML scalar.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Writes every file into a staging folder next to `target` and moves it into place, so that a
/// failure leaves no half-made tender behind.
fn write_new_folder(target: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tender".into());
    let staging = parent.join(format!(".{name}.init-{}", std::process::id()));
    let result = (|| {
        for (rel, bytes) in files {
            let path = staging.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        }
        if target.exists() {
            // Checked empty above.
            std::fs::remove_dir(target).map_err(|e| Error::io(target, e))?;
        }
        std::fs::rename(&staging, target).map_err(|e| Error::io(target, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

const NVI_README: &str = "\
# Question rounds (nota van inlichtingen)

One YAML file per round: `round-1.yaml`, `round-2.yaml`, … (and `marktconsultatie.yaml` for a
market consultation). `gen nvi round-1` renders a round; `gen all` renders every round here.

Questions can be imported from the question form bidders fill in (bijlage I):

    gen nvi import vragen.xlsx --round round-1

which creates the round file (fill in its `published:` date) or adds the questions to it,
unanswered. Answer every question before publishing; `gen --draft nvi round-1` renders a draft
with the open questions marked. The model and every field are documented in
`src/model/nvi.rs` of tendergen; the bundled example tender has complete rounds.
";

const BIDS_README: &str = "\
# Bids and the award decision

After the submission deadline: one YAML file per bidder, `<bidder-id>.yaml`, with the bidder's
name, address, contact, status, rates and quality scores. The rates can be read from the
bidder's filled price form:

    gen prices import inschrijving.xlsx --bidder <bidder-id>

The award decision itself is `data/decision.yaml` (date of sending, signatory, contact). With
bids and a decision, `gen award-letters` (and `gen all`) renders the award letters and the
evaluation report. The fields are documented in `src/model/bids.rs` of tendergen; the bundled
example tender has complete bids and a decision.

Bids are confidential: keep this repository private. Files here that are ignored by git still
decide the letters, so they mark every document as not recorded (`concept, niet vastgelegd`).
";

fn readme(
    reference: &str,
    title: &str,
    source: &Path,
    old: &crate::model::tender::Tender,
) -> String {
    let placeholders = if reference == PLACEHOLDER_REFERENCE || title == PLACEHOLDER_TITLE {
        format!(
            "\nThe reference and title are placeholders (`{PLACEHOLDER_REFERENCE}`, `{PLACEHOLDER_TITLE}`): set them in `data/tender.yaml` first.\n"
        )
    } else {
        String::new()
    };
    format!(
        "# {reference} {title}

The documents of this tender (offerteaanvraag, nota's van inlichtingen, prijsinvulformulier,
gunningsbeslissingen) are rendered by `gen` (tendergen) from the data in `data/` and the wording
in `templates/`, into `out/{reference}/`. Keep everything except `out/` in git: every published
PDF then names the commit it was made from.

## Starting

This folder was made by `gen init` from the tender in `{source}` ({old_ref} {old_title}).
All its data was copied except the question rounds, bids and award decision.{placeholders}
Go through every file in `data/` — the comments explain each field — and replace what belongs
to the old tender:

- `data/tender.yaml`: reference, title, date and version; the organisation (if it is another
  one); the assignment (chapter 1); the procedure, and **every date of the planning**;
- `data/requirements.yaml`: exclusion grounds, suitability requirements, annexes;
- `data/award.yaml`: award criteria, points, price lines and volumes.

`gen init` ran `git init` but made no commit. When `gen check` passes, commit:

    git add -A
    git commit -m \"{reference}: eerste versie\"

## Commands

Run them in this folder (the data is `data/`, the templates `templates/`, the output `out/`):

| command | what it does |
|---|---|
| `gen check` | validates the data and templates (add `--final` to also require a clean git tree) |
| `gen --draft all` | every document, with a CONCEPT watermark |
| `gen all` | every document the data supports |
| `gen itt` | the offerteaanvraag |
| `gen nvi round-1` | one nota van inlichtingen |
| `gen --final all` | for publication: refuses unless data and templates are committed |
| `gen diff v1.0` | what changed in the documents' text since tag `v1.0` (also `gen diff v1.0 v1.1`) |

## Versioning

- Every PDF's footer shows the version (`tender.version`) and the commit of the data
  (`versie 1.0 · data 1a2b3c4`); the PDF's keywords hold the full commit. Uncommitted or
  untracked changes in `data/` or `templates/` print `concept, niet vastgelegd` instead.
- Publish with `gen --final all`, then tag the commit: `git tag -a itt-1.0 -m \"Offerteaanvraag gepubliceerd\"`.
- `out/{reference}/manifest.json` lists every document with its commit and SHA-256: check a
  file someone sends you with `sha256sum`.
- The same commit renders the same bytes: `git checkout <commit> && gen all` reproduces a
  published PDF exactly.
- `gen diff <tag>` lists what a bidder sees changed: the basis of a nota van inlichtingen's
  rectifications.
",
        source = source.display(),
        old_ref = old.reference,
        old_title = old.title,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_is_replaced_in_fields_and_comments() {
        let text = "# WIJ-2026-001 Arbodienstverlening: the tender.\nreference: WIJ-2026-001\ntitle: Arbodienstverlening\norganisation:\n  title: x\n";
        let new = new_identity(
            text,
            "WIJ-2026-001",
            "Arbodienstverlening",
            "REF-0000-001",
            "Titel \"x\"",
            true,
        );
        assert_eq!(
            new,
            "# REF-0000-001 Titel \"x\": the tender.\nreference: \"REF-0000-001\"\ntitle: \"Titel \\\"x\\\"\"\norganisation:\n  title: x\n"
        );
    }
}
