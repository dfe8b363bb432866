//! Which documents a command renders, planned from the build.

use super::Build;
use crate::docs::{self, Plan};
use crate::error::Result;

/// Which documents a command renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Itt,
    /// One question round by name (`round-1`, `marktconsultatie`).
    Nvi(String),
    PriceForm,
    AwardLetters,
    All,
}

impl Build {
    /// The plan for a selection: the PDFs to typeset and the other files to write.
    pub fn plan(&self, selection: &Selection) -> Result<Plan> {
        let project = &self.project;
        let opts = self.run_options();
        let award = || docs::award::plan(project, &self.outline, self.outcome.as_ref(), &opts);
        let mut plan = Plan::default();
        match selection {
            Selection::Itt => plan.jobs.push(docs::itt::job(project, &opts)),
            Selection::Nvi(round) => plan.jobs.push(docs::nvi::job(project, round, &opts)?),
            Selection::PriceForm => plan.add(docs::price_form::plan(project, &opts, &self.house)?),
            Selection::AwardLetters => plan.add(award()),
            Selection::All => {
                plan.jobs.push(docs::itt::job(project, &opts));
                plan.jobs.extend(docs::nvi::jobs(project, &opts)?);
                plan.add(docs::price_form::plan(project, &opts, &self.house)?);
                plan.add(award());
            }
        }
        Ok(plan)
    }
}
