//! Skipping documents whose inputs and output are unchanged since the last run.
//!
//! The manifest records, per document, a digest of everything it was made from: its generated
//! Typst source (which carries all of its data), the template folder (house style and shared
//! modules that the source imports), other files in the data folder that Typst may read, the
//! stamp, and this program's version. A later run that arrives at the same digest, and finds
//! the file still as the manifest describes it, leaves the file alone.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::docs::Job;
use crate::output::manifest::{self, Manifest};

/// What every document of a run shares in its inputs.
pub struct Inputs {
    base: Vec<u8>,
}

impl Inputs {
    /// `stamp` is the provenance footer and keywords printed in every document (if any).
    pub fn new(templates: &Path, data: &Path, stamp: Option<(&str, &str)>) -> Inputs {
        let mut h = Sha256::new();
        h.update(concat!(
            env!("CARGO_PKG_NAME"),
            " ",
            env!("CARGO_PKG_VERSION"),
            "\0"
        ));
        digest_folder(&mut h, templates, |_| true);
        // YAML data reaches a document through its source; other files (a logo) only directly.
        digest_folder(&mut h, data, |p| p.extension().is_none_or(|e| e != "yaml"));
        if let Some((footer, keywords)) = stamp {
            h.update(footer);
            h.update("\0");
            h.update(keywords);
        }
        Inputs {
            base: h.finalize().to_vec(),
        }
    }

    /// The digest of one document's inputs.
    pub fn key(&self, job: &Job, source: &str) -> String {
        let mut h = Sha256::new();
        h.update(&self.base);
        h.update(job.file.to_string_lossy().as_bytes());
        h.update(job.date.to_string());
        h.update(source);
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

fn digest_folder(h: &mut Sha256, dir: &Path, include: impl Fn(&Path) -> bool) {
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let path = entry.path();
        if entry.file_type().is_file() && include(path) {
            h.update(
                path.strip_prefix(dir)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .as_bytes(),
            );
            h.update("\0");
            h.update(std::fs::read(path).unwrap_or_default());
            h.update("\0");
        }
    }
}

/// Whether the previous run made `job`'s file from the same inputs, and the file is still the
/// one it made.
pub fn unchanged(out_dir: &Path, previous: Option<&Manifest>, job: &Job, key: &str) -> bool {
    let Some(previous) = previous else {
        return false;
    };
    let Ok(rel) = job.file.strip_prefix(&previous.reference) else {
        return false;
    };
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let Some(entry) = previous.documents.iter().find(|e| e.file == rel) else {
        return false;
    };
    if entry.inputs.as_deref() != Some(key) {
        return false;
    }
    match std::fs::read(out_dir.join(&job.file)) {
        Ok(bytes) => manifest::sha256_hex(&bytes) == entry.sha256,
        Err(_) => false,
    }
}
