//! The documents of the procedure after the invitation, each made from the data the tender
//! already holds: the proces-verbaal van opening ([`opening`]), the question form Bijlage I
//! ([`question_form`]), the invitations to present ([`presentation`]), the proces-verbaal van
//! loting ([`lottery`]), a new award decision when the intended winner fell through
//! ([`new_decision`]) and the definitive award ([`definitive_award`]).

pub mod definitive_award;
pub mod lottery;
pub mod new_decision;
pub mod opening;
pub mod presentation;
pub mod question_form;

use std::path::PathBuf;

use chrono::NaiveTime;
use serde::Serialize;

use super::folder;
use crate::model::Project;

/// The folder of the internal records (never sent to bidders), inside the tender's output
/// folder: `out/<reference>/intern/`.
pub fn intern_dir(project: &Project) -> PathBuf {
    folder(project).join("intern")
}

/// A time of day as the templates' `time` filter takes it (`10:15`).
pub(crate) fn hh_mm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// A person as the records print them.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub function: String,
}

impl From<&crate::model::bids::Person> for PersonView {
    fn from(p: &crate::model::bids::Person) -> Self {
        PersonView {
            name: p.name.clone(),
            function: p.function.clone(),
        }
    }
}
