//! PLACEHOLDER: the nota van inlichtingen, being written.

use super::{Job, RunOptions};
use crate::error::{Error, Result};
use crate::model::Project;

/// One job per round present in the data.
pub fn jobs(_project: &Project, _opts: &RunOptions) -> Result<Vec<Job>> {
    Ok(Vec::new())
}

/// The job for one round, by name (`round-1`).
pub fn job(_project: &Project, round: &str, _opts: &RunOptions) -> Result<Job> {
    Err(Error::Usage(format!("no question round `{round}`")))
}
