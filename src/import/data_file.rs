//! Writing a data file that an import changed.

use std::path::Path;

use crate::error::{Error, Result};

/// Writes `text` to `path` through a temporary file in the same folder and a rename, so a
/// crash leaves either the old file or the new one. The temporary file's name does not end in
/// `.yaml`, so a half-written file is never loaded as data.
pub(crate) fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}
