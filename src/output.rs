//! Writing documents into the output folder atomically: every file of a run is first written
//! to a staging folder and moved into place only when all of them were written, so a failure
//! leaves the output folder as it was.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One file to write, with its path relative to the output folder.
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Writes `files` into `out_dir`. Nothing in `out_dir` changes unless every file was staged.
pub fn commit(out_dir: &Path, files: &[OutFile]) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    for f in files {
        if f.path.is_absolute()
            || f.path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            return Err(Error::Usage(format!(
                "output path {} leaves the output folder",
                f.path.display()
            )));
        }
    }
    // Stage next to the output folder (same file system, so the final renames are atomic).
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("out");
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let result = stage_and_move(out_dir, &staging, files);
    let _ = fs::remove_dir_all(&staging);
    result
}

fn stage_and_move(out_dir: &Path, staging: &Path, files: &[OutFile]) -> Result<()> {
    for f in files {
        let path = staging.join(&f.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        fs::write(&path, &f.bytes).map_err(|e| Error::io(&path, e))?;
    }
    for f in files {
        let target = out_dir.join(&f.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let from = staging.join(&f.path);
        fs::rename(&from, &target).map_err(|e| Error::io(&target, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_writes_all_and_cleans_staging() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let files = vec![
            OutFile {
                path: "T-1/a.pdf".into(),
                bytes: b"a".to_vec(),
            },
            OutFile {
                path: "T-1/sub/b.pdf".into(),
                bytes: b"b".to_vec(),
            },
        ];
        commit(&out, &files).unwrap();
        assert_eq!(fs::read(out.join("T-1/a.pdf")).unwrap(), b"a");
        assert_eq!(fs::read(out.join("T-1/sub/b.pdf")).unwrap(), b"b");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("out")]);
    }

    #[test]
    fn escaping_paths_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![OutFile {
            path: "../x.pdf".into(),
            bytes: vec![],
        }];
        assert!(commit(&dir.path().join("out"), &files).is_err());
        assert!(!dir.path().join("out").exists());
    }
}
