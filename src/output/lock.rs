//! One `gen` run at a time per output folder: runs that write the same folder would otherwise
//! interleave their switches and lose each other's manifest entries.

use std::fs::{self, File};
use std::path::Path;

use crate::error::{Error, Result};

/// The lock file inside the output folder.
pub(crate) const LOCK_FILE: &str = ".gen.lock";

/// Held while a run reads the previous manifest, stages and switches; released on drop (and
/// by the operating system when the process dies, so a killed run never blocks the next).
pub(crate) struct OutLock {
    _file: File,
}

impl OutLock {
    /// Locks `out_dir` (created if missing), waiting for another run that holds it, with a
    /// message saying so.
    pub(crate) fn acquire(out_dir: &Path) -> Result<OutLock> {
        fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
        let path = out_dir.join(LOCK_FILE);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!(
                    "waiting for another gen run that is writing to {} …",
                    out_dir.display()
                );
                file.lock().map_err(|e| Error::io(&path, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        Ok(OutLock { _file: file })
    }
}
