//! PLACEHOLDER: `data/bids/<bidder-id>.yaml` and `data/decision.yaml`, being written.

use std::path::Path;

use crate::error::{Diagnostic, Result};

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct Bid {}

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct Decision {}

/// Loads every bid under `dir/bids/`, ordered by bidder id.
pub fn load_bids(_dir: &Path) -> Result<Vec<Bid>> {
    Ok(Vec::new())
}

/// Loads `dir/decision.yaml` when present.
pub fn load_decision(_dir: &Path) -> Result<Option<Decision>> {
    Ok(None)
}

/// Rules across bids and against the tender's price lines and criteria.
pub fn validate(_bids: &[Bid], _decision: Option<&Decision>, _project: &super::Project, _out: &mut Vec<Diagnostic>) {}
