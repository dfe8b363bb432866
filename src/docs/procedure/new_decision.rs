//! A new award decision after the intended winner fell through (§2.8 of the invitation): the
//! award letters, report and evaluation of `docs::award`, made for the project as the new
//! decision sees it (the fallen-through bid excluded with its reason, the new date, so a new
//! standstill) and written to `out/<reference>/nieuw-voornemen/`. The first decision's letters
//! stay as they were sent.

use std::path::PathBuf;

use crate::docs::itt::Outline;
use crate::docs::{Plan, RunOptions, folder};
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation::{self, Outcome};
use crate::model::Project;
use crate::model::bids::{Exclusion, Status};
use crate::model::procedure::new_decision::FILE;

/// The folder of the new decision's documents, inside the tender's output folder.
pub fn dir(project: &Project) -> PathBuf {
    folder(project).join("nieuw-voornemen")
}

/// The project and evaluation under the new decision, when `new-decision.yaml` exists (and the
/// first decision was evaluated). Only the intended winner of the first decision can fall
/// through.
pub fn reconsidered(
    project: &Project,
    outcome: Option<&Outcome>,
) -> Result<Option<(Project, Outcome)>> {
    let (Some(n), Some(outcome)) = (&project.procedure.new_decision, outcome) else {
        return Ok(None);
    };
    let fallen = &n.fell_through.bidder;
    if outcome.evaluation.winner.as_ref() != Some(fallen) {
        return Err(Error::data(Diagnostic::new(
            project.dir.join(FILE),
            "fell_through.bidder",
            format!(
                "`{fallen}` was not the intended winner of decision.yaml{}",
                outcome
                    .evaluation
                    .winner
                    .as_ref()
                    .map(|w| format!(" (`{w}` was)"))
                    .unwrap_or_default()
            ),
        )));
    }
    let mut p = project.clone();
    if let Some(bid) = p.bids.iter_mut().find(|b| &b.id == fallen) {
        bid.status = Status::Excluded;
        bid.exclusion = Some(Exclusion {
            stage: n.fell_through.stage,
            reason: n.fell_through.reason.clone(),
            basis: n.fell_through.basis.clone(),
            established: n.fell_through.established.clone(),
            record: n.fell_through.record.clone(),
        });
    }
    let Some(decision) = p.decision.as_mut() else {
        return Ok(None);
    };
    decision.sent_on = n.sent_on;
    // The first decision's recorded winner is the one who fell through.
    decision.winner = None;
    let decision = decision.clone();
    let outcome = evaluation::evaluate(&p, &decision)?;
    Ok(Some((p, outcome)))
}

/// The new decision's letters, report and evaluation, relocated under [`dir`].
pub fn plan(
    project: &Project,
    outline: &Outline,
    outcome: Option<&Outcome>,
    opts: &RunOptions,
) -> Result<Plan> {
    let Some((p, o)) = reconsidered(project, outcome)? else {
        return Ok(Plan::default());
    };
    let mut plan = crate::docs::award::plan(&p, outline, Some(&o), opts);
    let base = folder(project);
    let target = dir(project);
    let relocate = |path: &mut PathBuf| {
        if let Ok(rest) = path.strip_prefix(&base) {
            *path = target.join(rest);
        }
    };
    for job in &mut plan.jobs {
        relocate(&mut job.file);
        job.title = format!("{} (nieuw voornemen)", job.title);
    }
    for file in &mut plan.files {
        relocate(&mut file.path);
    }
    Ok(plan)
}
