//! The typed tender data: one module per data file, loaded and validated together.

pub mod award;
pub mod bids;
pub mod load;
pub mod locate;
pub mod nvi;
pub mod requirements;
pub mod tender;

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};

/// Everything in a tender's data folder.
#[derive(Debug, Clone)]
pub struct Project {
    /// The data folder the project was loaded from.
    pub dir: PathBuf,
    pub tender: tender::Tender,
    pub requirements: requirements::Requirements,
    pub award: award::AwardRules,
    /// Question rounds of the nota van inlichtingen, by round number.
    pub nvi: Vec<nvi::Round>,
    /// The bids received, by bidder id (empty before the submission deadline).
    pub bids: Vec<bids::Bid>,
    /// The award decision (date of sending, signatory, lottery outcome), once taken.
    pub decision: Option<bids::Decision>,
    /// Problems worth a look that do not stop the documents (e.g. a deadline on a Sunday).
    pub warnings: Vec<Diagnostic>,
}

impl Project {
    /// Loads every data file under `dir` and validates it. All problems found are returned
    /// together, not only the first.
    pub fn load(dir: &Path) -> Result<Project> {
        if !dir.join("tender.yaml").is_file() {
            return Err(Error::Usage(format!(
                "{} is not a tender data folder (no tender.yaml in it)",
                dir.display()
            )));
        }
        let mut errors: Vec<Diagnostic> = Vec::new();
        let mut take = |r: Result<()>| {
            if let Err(e) = r {
                match e {
                    Error::Data(ds) => errors.extend(ds),
                    other => errors.push(Diagnostic::new(dir, "", other.to_string())),
                }
            }
        };
        let mut tender = None;
        let mut requirements = None;
        let mut award = None;
        let mut nvi = Vec::new();
        let mut bids = Vec::new();
        let mut decision = None;
        take(load::read_yaml(&dir.join("tender.yaml")).map(|v| tender = Some(v)));
        take(load::read_yaml(&dir.join("requirements.yaml")).map(|v| requirements = Some(v)));
        take(load::read_yaml(&dir.join("award.yaml")).map(|v| award = Some(v)));
        take(nvi::load_rounds(dir).map(|v| nvi = v));
        take(bids::load_bids(dir).map(|v| bids = v));
        take(bids::load_decision(dir).map(|v| decision = v));
        if !errors.is_empty() {
            return Err(Error::Data(errors));
        }
        let project = Project {
            dir: dir.to_path_buf(),
            tender: tender.expect("loaded"),
            requirements: requirements.expect("loaded"),
            award: award.expect("loaded"),
            nvi,
            bids,
            decision,
            warnings: Vec::new(),
        };
        let mut problems = project.validate();
        locate::fill(&mut problems);
        let (errors, warnings): (Vec<_>, Vec<_>) = problems.into_iter().partition(Diagnostic::is_error);
        if errors.is_empty() {
            Ok(Project { warnings, ..project })
        } else {
            // Warnings are reported with the errors: the person fixing the data sees all of it.
            Err(Error::Data(errors.into_iter().chain(warnings).collect()))
        }
    }

    /// Rules that span the data files. Each model module validates its own file.
    pub fn validate(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.tender.validate(&self.dir.join("tender.yaml"), &mut out);
        self.requirements.validate(&self.dir.join("requirements.yaml"), &mut out);
        self.award.validate(&self.dir.join("award.yaml"), &mut out);
        nvi::validate(&self.nvi, self, &mut out);
        bids::validate(&self.bids, self.decision.as_ref(), self, &mut out);
        out
    }
}
