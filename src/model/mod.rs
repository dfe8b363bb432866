//! The typed tender data: one module per data file, loaded and validated together.

pub mod anonymity;
pub mod award;
pub mod bids;
pub mod deadlines;
mod email;
pub mod load;
pub mod locate;
pub mod lots;
pub mod nvi;
pub mod placeholders;
pub mod procedure;
pub(crate) mod read_text;
pub mod requirements;
pub mod schema;
pub mod tender;
pub mod text;

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
    /// The records of the procedure after the invitation (opening, presentations, lottery,
    /// definitive award), each once its file exists.
    pub procedure: procedure::Procedure,
    /// Problems worth a look that do not stop the documents (e.g. a deadline on a Sunday).
    pub warnings: Vec<Diagnostic>,
}

impl Project {
    /// Loads every data file under `dir` and validates it under the model's own rules (the
    /// build adds the evaluation's and the cross-document checks). All problems found are
    /// returned together, not only the first.
    pub fn load(dir: &Path) -> Result<Project> {
        let (mut project, mut problems) = Project::read(dir, 1)?;
        problems.extend(project.validate());
        project.warnings = settle(problems)?;
        Ok(project)
    }

    /// Reads every data file under `dir` and links `award.yaml` to `tender.yaml`, without
    /// validating: the project and the link problems. Syntax and type errors of any file are
    /// returned together as the error. `threads`: how many threads may parse the bid files
    /// (a thousand bids take 0.1 s on one); the caller decides.
    pub fn read(dir: &Path, threads: usize) -> Result<(Project, Vec<Diagnostic>)> {
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
        let mut procedure = procedure::Procedure::default();
        take(load::read_yaml(&dir.join("tender.yaml")).map(|v| tender = Some(v)));
        take(load::read_yaml(&dir.join("requirements.yaml")).map(|v| requirements = Some(v)));
        take(load::read_yaml(&dir.join("award.yaml")).map(|v| award = Some(v)));
        take(nvi::load_rounds(dir).map(|v| nvi = v));
        take(bids::load_bids(dir, threads).map(|v| bids = v));
        take(bids::load_decision(dir).map(|v| decision = v));
        take(procedure::load(dir).map(|v| procedure = v));
        if !errors.is_empty() {
            return Err(Error::Data(errors));
        }
        let tender: tender::Tender = tender.expect("loaded");
        let mut award: award::AwardRules = award.expect("loaded");
        // Link: facts award.yaml takes from tender.yaml (core hours, presentation days).
        let mut problems = Vec::new();
        link(&mut award, &tender, dir, &mut problems);
        let project = Project {
            dir: dir.to_path_buf(),
            tender,
            requirements: requirements.expect("loaded"),
            award,
            nvi,
            bids,
            decision,
            procedure,
            warnings: Vec::new(),
        };
        Ok((project, problems))
    }

    /// Rules that span the data files. Each model module validates its own file.
    pub(crate) fn validate(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        self.tender
            .validate(&self.dir.join("tender.yaml"), &mut out);
        self.requirements
            .validate(&self.dir.join("requirements.yaml"), &mut out);
        self.award.validate(&self.dir.join("award.yaml"), &mut out);
        self.validate_annex_references(&mut out);
        deadlines::validate(self, &mut out);
        self.validate_optional_services(&mut out);
        nvi::validate(&self.nvi, self, &mut out);
        bids::validate(&self.bids, self.decision.as_ref(), self, &mut out);
        lots::validate(self, &mut out);
        procedure::validate(self, &mut out);
        out
    }

    /// Chapter 1 lists the optional services from award.yaml's price lines of the components
    /// not in the total (the `insert: optional-services` block): they must be printed once, and
    /// exist when printed.
    fn validate_optional_services(&self, out: &mut Vec<Diagnostic>) {
        let file = self.dir.join("tender.yaml");
        let inserted = self.tender.insert_count(tender::Insert::OptionalServices);
        let services = self.award.optional_lines().next().is_some();
        if services && inserted == 0 {
            out.push(Diagnostic::new(
                &file,
                "assignment.sections",
                "the optional services (award.yaml price lines of components not in the total) are not printed: \
                 place them with an `insert: optional-services` block",
            ));
        }
        if !services && inserted > 0 {
            out.push(Diagnostic::new(
                &file,
                "assignment.sections",
                "`insert: optional-services` prints award.yaml's price lines of the components not in the total, \
                 but there are none",
            ));
        }
    }
}

/// Locates `problems` in their files and splits them: the warnings when there is no error,
/// otherwise all of them as the error (errors first: the person fixing the data sees all).
pub(crate) fn settle(mut problems: Vec<Diagnostic>) -> Result<Vec<Diagnostic>> {
    locate::fill(&mut problems);
    let (errors, warnings): (Vec<_>, Vec<_>) = problems.into_iter().partition(Diagnostic::is_error);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::Data(errors.into_iter().chain(warnings).collect()))
    }
}

/// Resolves the facts `award.yaml` takes from `tender.yaml` (see [`award::AwardRules::link`]):
/// the core hours of price lines with `volume: { core_hours: ... }` and the presentation days.
/// Problems are added to `out` with the file and field to edit.
pub(crate) fn link(
    award: &mut award::AwardRules,
    tender: &tender::Tender,
    dir: &Path,
    out: &mut Vec<Diagnostic>,
) {
    award.link(
        tender,
        &dir.join("award.yaml"),
        &dir.join("tender.yaml"),
        out,
    );
}

/// Reads `award.yaml` from `dir` and links it to `tender` (for commands and tests that do not
/// need the whole project). Link problems are returned as a data error.
pub fn load_award(dir: &Path, tender: &tender::Tender) -> Result<award::AwardRules> {
    let mut award: award::AwardRules = load::read_yaml(&dir.join("award.yaml"))?;
    let mut problems = Vec::new();
    link(&mut award, tender, dir, &mut problems);
    if problems.iter().any(Diagnostic::is_error) {
        locate::fill(&mut problems);
        return Err(Error::Data(problems));
    }
    Ok(award)
}

impl Project {
    /// Annexes named in tender.yaml (by key) exist in requirements.yaml.
    fn validate_annex_references(&self, out: &mut Vec<Diagnostic>) {
        for (field, key) in self.tender.annex_references() {
            if self.requirements.annex(&key).is_none() {
                let known: Vec<&str> = self
                    .requirements
                    .annexes
                    .iter()
                    .map(|a| a.key.as_str())
                    .collect();
                out.push(Diagnostic::new(
                    self.dir.join("tender.yaml"),
                    field,
                    format!(
                        "no annex `{key}` in requirements.yaml (annexes: {})",
                        known.join(", ")
                    ),
                ));
            }
        }
    }
}
