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
    /// Bijlage I, the question form (.xlsx).
    QuestionForm,
    /// The invitations to present, one per valid bidder.
    Invitations,
    /// The definitive award to the winner and the notices to the other bidders.
    DefinitiveAward,
    All,
}

impl Build {
    /// The plan for a selection: the PDFs to typeset and the other files to write.
    pub fn plan(&self, selection: &Selection) -> Result<Plan> {
        self.plan_noting(selection, &mut Vec::new())
    }

    /// [`Build::plan`], adding to `notes` the warnings of the planning itself: the lots whose
    /// definitive award is not written yet, and why.
    pub fn plan_noting(
        &self,
        selection: &Selection,
        notes: &mut Vec<crate::error::Diagnostic>,
    ) -> Result<Plan> {
        let project = &self.project;
        let opts = self.run_options();
        let award = || self.award_plan();
        let mut plan = Plan::default();
        match selection {
            Selection::Itt => plan.jobs.push(docs::itt::job(project, &opts)),
            Selection::Nvi(round) => plan.jobs.push(docs::nvi::job(project, round, &opts)?),
            Selection::PriceForm => plan.add(docs::price_form::plan(project, &opts, &self.house)?),
            Selection::AwardLetters => {
                plan.add(award());
                plan.files.extend(self.matrix()?);
                plan.add(self.new_decision()?);
            }
            Selection::QuestionForm => plan.files.push(self.question_form()?),
            Selection::Invitations => plan.add(self.invitations(true)?),
            Selection::DefinitiveAward => {
                let (p, skipped) = self.definitive_award(true)?;
                plan.add(p);
                notes.extend(skipped);
            }
            Selection::All => {
                plan.jobs.push(docs::itt::job(project, &opts));
                plan.jobs.extend(docs::nvi::jobs(project, &opts)?);
                plan.add(docs::price_form::plan(project, &opts, &self.house)?);
                plan.add(award());
                plan.files.extend(self.matrix()?);
                plan.add(self.new_decision()?);
                plan.add(self.procedure_documents(notes)?);
            }
        }
        Ok(plan)
    }
}

/// The documents of the procedure after the invitation (`docs::procedure`).
impl Build {
    fn question_form(&self) -> Result<docs::OutFile> {
        docs::procedure::question_form::out_file(&self.project, &self.outline, &self.house)
    }

    /// `required`: the command asked for them, so having none is an error.
    fn invitations(&self, required: bool) -> Result<Plan> {
        let plan = docs::procedure::presentation::plan(&self.project, &self.run_options());
        if required && plan.jobs.is_empty() {
            return Err(crate::error::Error::Usage(format!(
                "no invitations to present: the tender needs a sub-criterion with `form: presentation` (award.yaml) and the slots in {}",
                self.project
                    .dir
                    .join(crate::model::procedure::presentations::FILE)
                    .display()
            )));
        }
        Ok(plan)
    }

    /// The award letters and records: per lot in a divided tender (`docs::award::lots`).
    pub(super) fn award_plan(&self) -> Plan {
        let opts = self.run_options();
        match &self.lots {
            Some(lots) => docs::award::lots::plan(&self.project, &self.outline, lots, &opts),
            None => docs::award::plan(&self.project, &self.outline, self.outcome.as_ref(), &opts),
        }
    }

    /// The beoordelingsmatrix (intern/), beside the award letters.
    pub(super) fn matrix(&self) -> Result<Vec<docs::OutFile>> {
        if let Some(lots) = &self.lots {
            return docs::award::lots::matrices(&self.project, &self.outline, lots, &self.house);
        }
        Ok(docs::award::matrix::plan_file(
            &self.project,
            &self.outline,
            self.outcome.as_ref(),
            &self.house,
        )?
        .into_iter()
        .collect())
    }

    /// The letters of a new award decision, when the intended winner fell through: of the
    /// whole tender, or of the lots it was awarded in a divided one.
    pub(super) fn new_decision(&self) -> Result<Plan> {
        docs::procedure::new_decision::plan(
            &self.project,
            &self.outline,
            self.outcome.as_ref(),
            self.lots.as_ref(),
            &self.house,
            &self.run_options(),
        )
    }

    /// The definitive award follows the last award decision: the new one when there is one
    /// (per lot in a divided tender, whose lots are independent: the warnings name the lots
    /// that cannot be awarded yet).
    fn definitive_award(&self, required: bool) -> Result<(Plan, Vec<crate::error::Diagnostic>)> {
        let opts = self.run_options();
        if let Some(lots) = &self.lots {
            let renewed = docs::procedure::new_decision::renewed_lots(&self.project, Some(lots))?;
            return docs::procedure::definitive_award::lots_plan(
                &self.project,
                lots,
                renewed.as_ref(),
                &opts,
                required,
            );
        }
        let reconsidered =
            docs::procedure::new_decision::reconsidered(&self.project, self.outcome.as_ref())?;
        let plan = match &reconsidered {
            Some((project, outcome)) => {
                docs::procedure::definitive_award::plan(project, Some(outcome), &opts, required)
            }
            None => docs::procedure::definitive_award::plan(
                &self.project,
                self.outcome.as_ref(),
                &opts,
                required,
            ),
        }?;
        Ok((plan, Vec::new()))
    }

    /// What `gen all` adds: each record and letter the data supports so far.
    pub(super) fn procedure_documents(
        &self,
        notes: &mut Vec<crate::error::Diagnostic>,
    ) -> Result<Plan> {
        let project = &self.project;
        let opts = self.run_options();
        let mut plan = Plan::default();
        plan.jobs
            .extend(docs::procedure::opening::job(project, &opts));
        plan.files.push(self.question_form()?);
        plan.add(self.invitations(false)?);
        match &self.lots {
            Some(lots) => plan
                .jobs
                .extend(docs::procedure::lottery::lots_jobs(project, lots, &opts)?),
            None => plan.jobs.extend(docs::procedure::lottery::job(
                project,
                self.outcome.as_ref(),
                &opts,
            )?),
        }
        let (definitive, skipped) = self.definitive_award(false)?;
        plan.add(definitive);
        notes.extend(skipped);
        Ok(plan)
    }
}
