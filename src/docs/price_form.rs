//! PLACEHOLDER: being written.

use super::RunOptions;
use crate::cmd::render::Plan;
use crate::error::Result;
use crate::model::Project;

/// The documents and files this produces for the project (none when the data has nothing to
/// produce them from).
pub fn plan(_project: &Project, _opts: &RunOptions) -> Result<Plan> {
    Ok(Plan::default())
}
