//! Switching a folder of the output to its new state in one step.
//!
//! A run builds the complete new state of `out/<reference>/` beside it (`.gen-next-…`): the
//! current files hard-linked (no copy), the run's new files moved over them, the manifest
//! among them. One `renameat2(RENAME_EXCHANGE)` then swaps the two folders, so whatever moment
//! the run is killed, `out/<reference>/` is either the old complete state or the new one, with
//! a manifest that matches. The old state, now at the `.gen-next-…` name, is removed after.
//! Leftovers of killed runs are removed by the next run ([`clean_stale`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Prefixes of the run's own folders inside the output folder (hidden, on the same file
/// system as the documents, so every move is a rename).
pub(crate) const STAGING_PREFIX: &str = ".gen-staging-";
pub(crate) const NEXT_PREFIX: &str = ".gen-next-";
/// A folder moved aside by the fallback switch (file systems without an atomic exchange).
const OLD_PREFIX: &str = ".gen-old-";

/// A new folder `next` holding the current files of `live` (hard links: no data is copied),
/// ready for the run's files to be moved in.
pub(crate) fn prepare(live: &Path, next: &Path) -> Result<()> {
    fs::create_dir_all(next).map_err(|e| Error::io(next, e))?;
    if !live.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(live).min_depth(1) {
        let entry = entry.map_err(|e| Error::io(live, e.into()))?;
        let rel = entry.path().strip_prefix(live).expect("below live");
        let target = next.join(rel);
        let kind = entry.file_type();
        if kind.is_dir() {
            fs::create_dir_all(&target).map_err(|e| Error::io(&target, e))?;
        } else if kind.is_file() {
            fs::hard_link(entry.path(), &target)
                .or_else(|_| fs::copy(entry.path(), &target).map(|_| ()))
                .map_err(|e| Error::io(&target, e))?;
        }
        // Anything else (a link someone put there) is not carried over.
    }
    Ok(())
}

/// Makes `next` the folder at `live` in one step; the previous state ends up at `next`'s
/// name, to be removed by the caller.
pub(crate) fn exchange(next: &Path, live: &Path) -> Result<()> {
    if fs::symlink_metadata(live).is_err() {
        return fs::rename(next, live).map_err(|e| Error::io(live, e));
    }
    match swap(next, live) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error().is_some_and(unsupported) => {
            // No atomic exchange here: move the old folder aside and the new one in. A run
            // killed between the two renames leaves the old folder aside, which the next run
            // puts back ([`clean_stale`]).
            let aside = aside_name(live);
            fs::rename(live, &aside).map_err(|e| Error::io(live, e))?;
            fs::rename(next, live).map_err(|e| Error::io(live, e))?;
            fs::rename(&aside, next).map_err(|e| Error::io(next, e))
        }
        Err(e) => Err(Error::io(live, e)),
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn swap(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: two valid NUL-terminated paths relative to the working directory.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn swap(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from_raw_os_error(UNSUPPORTED))
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
const UNSUPPORTED: i32 = 38;

/// The errors of a file system or kernel without `RENAME_EXCHANGE` (EINVAL, ENOSYS,
/// EOPNOTSUPP).
fn unsupported(code: i32) -> bool {
    matches!(code, 22 | 38 | 95)
}

fn aside_name(live: &Path) -> PathBuf {
    let name = live.file_name().unwrap_or_default().to_string_lossy();
    live.with_file_name(format!("{OLD_PREFIX}{name}"))
}

/// Removes what killed runs left in `out_dir` (their staging and next folders), and puts back
/// a folder the fallback switch had moved aside when its new state never arrived. Called with
/// the output folder's lock held, so no live run owns them.
pub(crate) fn clean_stale(out_dir: &Path) -> Result<()> {
    let Ok(entries) = fs::read_dir(out_dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if let Some(live) = name.strip_prefix(OLD_PREFIX) {
            let live = out_dir.join(live);
            if fs::symlink_metadata(&live).is_err() {
                fs::rename(&path, &live).map_err(|e| Error::io(&live, e))?;
                continue;
            }
        }
        if [STAGING_PREFIX, NEXT_PREFIX, OLD_PREFIX]
            .iter()
            .any(|p| name.starts_with(p))
        {
            fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}
