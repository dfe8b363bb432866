//! `out/<reference>/manifest.json`: every document rendered into the folder, with the version
//! and git provenance it was rendered from and its SHA-256, so that a published file can be
//! traced back to a commit (and checked) years later.
//!
//! Written in the same atomic commit as the documents. A run that renders some documents
//! (`gen itt`) replaces their entries and keeps the others (when their file is still there).
//! No timestamps: the same commit gives the same manifest, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::output::OutFile;
use crate::provenance::Provenance;

pub const FILE_NAME: &str = "manifest.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub reference: String,
    /// Sorted by `file`.
    pub documents: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Path relative to `out/<reference>/`, with `/` separators.
    pub file: String,
    pub title: String,
    /// The tender's version (`tender.version`).
    pub version: String,
    /// The commit of the data (HEAD when rendered); `null` outside git.
    pub commit: Option<String>,
    /// The commit of the templates when they are in another repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub templates_commit: Option<String>,
    /// Rendered from uncommitted or untracked data or templates (or outside git).
    pub dirty: bool,
    /// The provenance is printed in the document (false with `--no-stamp`).
    pub stamped: bool,
    pub sha256: String,
    /// A digest of everything the document was made from (its generated Typst source, the
    /// templates, the stamp, the program version): when it and the file are unchanged, the
    /// next run skips the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
}

/// A file of this run that goes into the manifest.
pub struct Document<'a> {
    /// Path relative to the output folder, e.g. `WIJ-2026-001/offerteaanvraag.pdf`.
    pub path: &'a Path,
    pub title: String,
    /// The file's SHA-256 ([`sha256_hex`]).
    pub sha256: String,
    /// See [`Entry::inputs`].
    pub inputs: Option<String>,
}

/// What the run knows about where its documents come from.
pub struct RunInfo<'a> {
    pub reference: &'a str,
    pub version: &'a str,
    pub provenance: &'a Provenance,
    pub stamped: bool,
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The manifest entries of other files a run writes (the price form's spreadsheet,
/// `evaluation.json`): titled after the job they belong to (same name, other extension), or by
/// their file name.
pub(crate) fn companions<'a>(jobs: &[crate::docs::Job], files: &'a [OutFile]) -> Vec<Document<'a>> {
    files
        .iter()
        .map(|f| {
            let stem = f.path.with_extension("");
            let ext = f
                .path
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            let title = match jobs.iter().find(|j| j.file.with_extension("") == stem) {
                Some(d) => format!("{} (.{ext})", d.title),
                None => f
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            };
            Document {
                path: &f.path,
                title,
                sha256: sha256_hex(&f.bytes),
                inputs: None,
            }
        })
        .collect()
}

/// The manifest in `out_dir/<reference>/`, if there is a readable one.
pub fn read(out_dir: &Path, reference: &str) -> Option<Manifest> {
    let text = std::fs::read_to_string(out_dir.join(reference).join(FILE_NAME)).ok()?;
    serde_json::from_str(&text).ok()
}

/// The manifest file of `out_dir/<reference>/` after this run: the entries of `documents`,
/// merged into the manifest already there.
pub(crate) fn updated(
    out_dir: &Path,
    run: &RunInfo<'_>,
    documents: &[Document<'_>],
) -> Result<OutFile> {
    let folder = PathBuf::from(run.reference);
    let existing_path = out_dir.join(&folder).join(FILE_NAME);
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    if let Ok(text) = std::fs::read_to_string(&existing_path) {
        match serde_json::from_str::<Manifest>(&text) {
            Ok(old) => {
                for e in old.documents {
                    // Keep only what is still there (and safely inside the folder).
                    let rel = Path::new(&e.file);
                    let inside = rel.is_relative()
                        && !rel
                            .components()
                            .any(|c| matches!(c, std::path::Component::ParentDir));
                    if inside && out_dir.join(&folder).join(rel).is_file() {
                        entries.insert(e.file.clone(), e);
                    }
                }
            }
            Err(err) => eprintln!(
                "warning: {}: not a manifest ({err}); writing a new one",
                existing_path.display()
            ),
        }
    }
    for d in documents {
        let file = d.path.strip_prefix(&folder).unwrap_or(d.path);
        let file = file
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        entries.insert(
            file.clone(),
            Entry {
                file,
                title: d.title.clone(),
                version: run.version.to_string(),
                commit: run.provenance.commit.clone(),
                templates_commit: run.provenance.templates_commit.clone(),
                dirty: run.provenance.dirty,
                stamped: run.stamped,
                sha256: d.sha256.clone(),
                inputs: d.inputs.clone(),
            },
        );
    }
    let manifest = Manifest {
        reference: run.reference.to_string(),
        documents: entries.into_values().collect(),
    };
    let mut json = serde_json::to_string_pretty(&manifest).expect("a manifest serialises");
    json.push('\n');
    Ok(OutFile {
        path: folder.join(FILE_NAME),
        bytes: json.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_sorted_and_drops_vanished_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let p = Provenance::recorded("aaaa");
        let run = RunInfo {
            reference: "T-1",
            version: "1.0",
            provenance: &p,
            stamped: true,
        };
        let (b, a) = (PathBuf::from("T-1/b.pdf"), PathBuf::from("T-1/sub/a.pdf"));
        let first = updated(
            out,
            &run,
            &[
                Document {
                    path: &b,
                    title: "B".into(),
                    sha256: sha256_hex(b"b"),
                    inputs: None,
                },
                Document {
                    path: &a,
                    title: "A".into(),
                    sha256: sha256_hex(b"a"),
                    inputs: None,
                },
            ],
        )
        .unwrap();
        crate::output::commit(
            out,
            &[
                first,
                OutFile {
                    path: a.clone(),
                    bytes: b"a".to_vec(),
                },
                OutFile {
                    path: b.clone(),
                    bytes: b"b".to_vec(),
                },
            ],
        )
        .unwrap();
        let m: Manifest =
            serde_json::from_slice(&std::fs::read(out.join("T-1/manifest.json")).unwrap()).unwrap();
        assert_eq!(
            m.documents
                .iter()
                .map(|e| e.file.as_str())
                .collect::<Vec<_>>(),
            ["b.pdf", "sub/a.pdf"]
        );
        assert_eq!(m.documents[0].sha256, sha256_hex(b"b"));

        // Re-render b at another commit; a stays; then a vanishes.
        let q = Provenance::recorded("bbbb");
        let run = RunInfo {
            provenance: &q,
            ..run
        };
        let second = updated(
            out,
            &run,
            &[Document {
                path: &b,
                title: "B".into(),
                sha256: sha256_hex(b"b2"),
                inputs: None,
            }],
        )
        .unwrap();
        let m: Manifest = serde_json::from_slice(&second.bytes).unwrap();
        assert_eq!(m.documents.len(), 2);
        assert_eq!(m.documents[0].commit.as_deref(), Some("bbbb"));
        assert_eq!(m.documents[1].commit.as_deref(), Some("aaaa"));
        std::fs::remove_file(out.join(&a)).unwrap();
        let third = updated(out, &run, &[]).unwrap();
        let m: Manifest = serde_json::from_slice(&third.bytes).unwrap();
        assert_eq!(m.documents.len(), 1);
    }
}
