//! `data/tender.yaml`: the tender itself (organisation, reference, assignment, procedure, planning).

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tender {
    /// e.g. `WIJ-2026-001`; also the output folder name.
    pub reference: String,
    /// e.g. `Arbodienstverlening`.
    pub title: String,
    /// Date printed on the invitation to tender (and used as the PDF's date).
    pub date: NaiveDate,
    /// Version of the document set, e.g. `1.0`.
    pub version: String,
    pub organisation: Organisation,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Full legal name, e.g. `Stichting WIJ Groningen`.
    pub name: String,
    /// Short name used in running text, e.g. `WIJ Groningen`.
    pub short_name: String,
    pub address: Vec<String>,
}

/// Values computed from the tender data for the templates.
#[derive(Debug, Clone, Serialize)]
pub struct TenderDerived {}

impl Tender {
    pub fn derived(&self) -> TenderDerived {
        TenderDerived {}
    }

    pub fn validate(&self, file: &Path, out: &mut Vec<Diagnostic>) {
        if self.reference.trim().is_empty() {
            out.push(Diagnostic::new(file, "reference", "must not be empty"));
        }
    }
}
