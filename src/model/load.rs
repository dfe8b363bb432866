//! Reading YAML data files into typed values, with errors that name file, line, column and field.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Error, Result};

/// Reads and deserialises one YAML file. Errors carry the file, the line and column, and the
/// field path (`planning.3.date`).
pub fn read_yaml<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_yaml(path, &text)
}

/// Deserialises YAML text that came from `path` (the path is only used in messages).
pub fn parse_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let field = err.path().to_string();
        let inner = err.into_inner();
        let mut d = Diagnostic::new(path, if field == "." { String::new() } else { field }, clean_message(&inner));
        if let Some(loc) = inner.location() {
            d.line = Some(loc.line());
            d.column = Some(loc.column());
        }
        Error::data(d)
    })
}

/// serde_yaml appends " at line L column C" to its messages; we print the location ourselves.
fn clean_message(err: &serde_yaml::Error) -> String {
    let msg = err.to_string();
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}
