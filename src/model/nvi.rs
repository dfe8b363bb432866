//! PLACEHOLDER: `data/nvi/<round>.yaml`, being written.

use std::path::Path;

use crate::error::{Diagnostic, Result};

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct Round {}

/// Loads every round under `dir/nvi/`, ordered by round number.
pub fn load_rounds(_dir: &Path) -> Result<Vec<Round>> {
    Ok(Vec::new())
}

/// Rules across rounds and against the tender (numbering, follow-ups, section references).
pub fn validate(_rounds: &[Round], _project: &super::Project, _out: &mut Vec<Diagnostic>) {}
