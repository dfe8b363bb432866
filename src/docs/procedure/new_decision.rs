//! A new award decision after the intended winner fell through (§2.8 of the invitation): the
//! award letters, report and evaluation of `docs::award`, made for the project as the new
//! decision sees it (the fallen-through bid excluded with its reason, the new date, so a new
//! standstill) and written to `out/<reference>/nieuw-voornemen/`. The first decision's letters
//! stay as they were sent. The new letters say that they replace the decision of the first
//! date, which is withdrawn, and that a new standstill period runs from them
//! (`docs::award::renewal`).
//!
//! A tender divided into lots: each lot is its own award decision (art. 2.130 Aw 2012), so only
//! the lots the fallen bidder was awarded get a new decision; the decisions on the other lots
//! stand and are not reopened (their letters went out, their standstill may have passed, a
//! contract may be signed). Each affected lot is evaluated again without the fallen bid and
//! goes to the next bidder of its ranking whom the award limit still allows, counting the lots
//! each bidder holds under the decisions that stand (`evaluation::per_lot::reevaluate_lots`).
//! Letters to every bidder of each affected lot in `nieuw-voornemen/gunning/perceel-<n>/`, the
//! records in `nieuw-voornemen/intern/perceel-<n>/` and `nieuw-voornemen/intern/evaluation.json`.

use std::path::PathBuf;

use crate::docs::award::RenewalView;
use crate::docs::award::lots::lot_label;
use crate::docs::award::renewal::Standing;
use crate::docs::house::HouseStyle;
use crate::docs::itt::Outline;
use crate::docs::{Plan, RunOptions, folder};
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation::per_lot::{LotsOutcome, reevaluate_lots};
use crate::evaluation::{self, Outcome};
use crate::model::Project;
use crate::model::bids::{Decision, Exclusion, Status};
use crate::model::procedure::new_decision::{FILE, NewDecision};

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
    Ok(renewed(project, outcome)?.map(|r| (r.project, r.outcome)))
}

/// An undivided tender's new decision: the project and evaluation as it sees them, and what
/// its documents say about the decision replaced.
pub struct Renewed {
    pub project: Project,
    pub outcome: Outcome,
    pub view: RenewalView,
}

/// A divided tender's new decision on the lots the fallen bidder was awarded.
pub struct RenewedLots {
    /// The project with the fallen bid excluded where it falls and the new decision's date.
    pub project: Project,
    /// The affected lots, evaluated again, and the award limit over them.
    pub lots: LotsOutcome,
    /// The affected lots' numbers, in the tender's order.
    pub affected: Vec<u32>,
    pub view: RenewalView,
}

impl RenewedLots {
    /// Whether lot `number` has a new decision.
    pub fn covers(&self, number: u32) -> bool {
        self.affected.contains(&number)
    }
}

/// The undivided tender's new decision (see [`reconsidered`]).
pub fn renewed(project: &Project, outcome: Option<&Outcome>) -> Result<Option<Renewed>> {
    let (Some(n), Some(outcome)) = (&project.procedure.new_decision, outcome) else {
        return Ok(None);
    };
    let fallen = &n.fell_through.bidder;
    if outcome.evaluation.winner.as_ref() != Some(fallen) {
        return Err(error(
            project,
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
        ));
    }
    let mut p = project.clone();
    if let Some(bid) = p.bids.iter_mut().find(|b| &b.id == fallen) {
        bid.status = Status::Excluded;
        bid.exclusion = Some(exclusion(n));
    }
    let Some(decision) = renewed_decision(project, n) else {
        return Ok(None);
    };
    let first = project.decision.as_ref().map(|d| d.sent_on);
    p.decision = Some(decision.clone());
    let outcome = evaluation::evaluate(&p, &decision)?;
    let view = view(project, n, first, false, Vec::new(), Vec::new(), Vec::new());
    Ok(Some(Renewed {
        project: p,
        outcome,
        view,
    }))
}

/// A divided tender's new decision, when `new-decision.yaml` exists and the first decision
/// was evaluated: the lots the fallen bidder was awarded (or those of `fell_through.lots`,
/// each of which it must have been awarded) evaluated again without it.
pub fn renewed_lots(project: &Project, first: Option<&LotsOutcome>) -> Result<Option<RenewedLots>> {
    let (Some(n), Some(first)) = (&project.procedure.new_decision, first) else {
        return Ok(None);
    };
    let fallen = &n.fell_through.bidder;
    let awarded: Vec<u32> = first
        .allocation
        .lots
        .iter()
        .filter(|a| a.winner.as_ref() == Some(fallen))
        .map(|a| a.lot)
        .collect();
    let winners = || {
        first
            .allocation
            .lots
            .iter()
            .map(|a| format!("lot {}: {}", a.lot, a.winner.as_deref().unwrap_or("none")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let affected = match &n.fell_through.lots {
        None if awarded.is_empty() => {
            return Err(error(
                project,
                "fell_through.bidder",
                format!(
                    "`{fallen}` was awarded no lot in decision.yaml ({}): only an intended winner can fall through",
                    winners()
                ),
            ));
        }
        None => awarded.clone(),
        Some(given) => {
            let mut wrong = Vec::new();
            for (i, number) in given.iter().enumerate() {
                if !awarded.contains(number) {
                    wrong.push(Diagnostic::new(
                        project.dir.join(FILE),
                        format!("fell_through.lots.{i}"),
                        format!(
                            "`{fallen}` was not awarded lot {number} in decision.yaml ({}): only the lots it was awarded get a new decision",
                            winners()
                        ),
                    ));
                }
            }
            if !wrong.is_empty() {
                return Err(crate::model::locate::located(wrong));
            }
            // In the tender's order.
            awarded
                .iter()
                .copied()
                .filter(|a| given.contains(a))
                .collect()
        }
    };
    let mut p = project.clone();
    if let Some(bid) = p.bids.iter_mut().find(|b| &b.id == fallen) {
        match &n.fell_through.lots {
            // The whole bid falls: excluded in every lot.
            None => {
                bid.status = Status::Excluded;
                bid.exclusion = Some(exclusion(n));
            }
            Some(_) => {
                for number in &affected {
                    if let Some(part) = bid.lots.get_mut(number) {
                        part.status = Some(Status::Excluded);
                        part.exclusion = Some(exclusion(n));
                    }
                }
            }
        }
    }
    let Some(decision) = renewed_decision(project, n) else {
        return Ok(None);
    };
    p.decision = Some(decision.clone());
    let lots = reevaluate_lots(&p, &decision, first, &affected)?;
    let standing: Vec<Standing> = first
        .allocation
        .lots
        .iter()
        .filter(|a| !affected.contains(&a.lot))
        .map(|a| Standing {
            label: lot_label(project, a.lot),
            winner: a.winner.as_deref().map(|w| super::bidder_name(project, w)),
        })
        .collect();
    let keeps: Vec<String> = awarded
        .iter()
        .filter(|a| !affected.contains(a))
        .map(|a| lot_label(project, *a))
        .collect();
    let labels = affected.iter().map(|a| lot_label(project, *a)).collect();
    let first_sent = project.decision.as_ref().map(|d| d.sent_on);
    let view = view(project, n, first_sent, true, labels, standing, keeps);
    Ok(Some(RenewedLots {
        project: p,
        lots,
        affected,
        view,
    }))
}

fn error(project: &Project, field: &str, message: String) -> Error {
    crate::model::locate::located(vec![Diagnostic::new(
        project.dir.join(FILE),
        field,
        message,
    )])
}

/// The fallen-through bid's exclusion, as its letters and the record state it.
fn exclusion(n: &NewDecision) -> Exclusion {
    let f = &n.fell_through;
    Exclusion {
        stage: f.stage,
        reason: f.reason.clone(),
        basis: f.basis.clone(),
        established: f.established.clone(),
        record: f.record.clone(),
    }
}

/// The first decision as the new one: its date, the day it was taken, no recorded winner
/// (the first decision's was the one who fell through).
fn renewed_decision(project: &Project, n: &NewDecision) -> Option<Decision> {
    let mut decision = project.decision.clone()?;
    decision.sent_on = n.sent_on;
    decision.decided_on = n.decided_on();
    decision.winner = None;
    for lot in decision.lots.values_mut() {
        lot.winner = None;
    }
    Some(decision)
}

fn view(
    project: &Project,
    n: &NewDecision,
    first: Option<chrono::NaiveDate>,
    divided: bool,
    affected: Vec<String>,
    standing: Vec<Standing>,
    keeps: Vec<String>,
) -> RenewalView {
    let f = &n.fell_through;
    let fallen = super::bidder_name(project, &f.bidder);
    RenewalView {
        fallen_end: if fallen.ends_with('.') {
            fallen.clone()
        } else {
            format!("{fallen}.")
        },
        first_sent_on: first.map(|d| d.to_string()).unwrap_or_default(),
        decided_on: n.decided_on().to_string(),
        fallen,
        fallen_id: f.bidder.clone(),
        stage: f.stage,
        record: f.record.clone(),
        established: f.established.clone(),
        basis: f.basis.clone(),
        divided,
        whole_bid: f.lots.is_none(),
        affected,
        standing,
        keeps,
        addressed: false,
    }
}

/// The new decision's letters, records and evaluation, relocated under [`dir`]: of the whole
/// tender, or of the affected lots of a divided one (`first_lots`: the first decision per lot).
pub fn plan(
    project: &Project,
    outline: &Outline,
    outcome: Option<&Outcome>,
    first_lots: Option<&LotsOutcome>,
    house: &HouseStyle,
    opts: &RunOptions,
) -> Result<Plan> {
    let mut plan = if project.tender.divided() {
        let Some(r) = renewed_lots(project, first_lots)? else {
            return Ok(Plan::default());
        };
        let mut plan = crate::docs::award::lots::plan_renewed(
            &r.project,
            outline,
            &r.lots,
            opts,
            Some(&r.view),
        );
        plan.files.extend(crate::docs::award::lots::matrices(
            &r.project, outline, &r.lots, house,
        )?);
        plan
    } else {
        let Some(r) = renewed(project, outcome)? else {
            return Ok(Plan::default());
        };
        let mut plan = crate::docs::award::plan_renewed(
            &r.project,
            outline,
            Some(&r.outcome),
            opts,
            Some(&r.view),
        );
        plan.files.extend(crate::docs::award::matrix::plan_file(
            &r.project,
            outline,
            Some(&r.outcome),
            house,
        )?);
        plan
    };
    let base = folder(project);
    let target = dir(project);
    let relocate = |path: &mut PathBuf| {
        if let Ok(rest) = path.strip_prefix(&base) {
            *path = target.join(rest);
        }
    };
    for job in &mut plan.jobs {
        relocate(&mut job.file);
        if !job.title.starts_with("Nieuwe") {
            job.title = format!("{} (nieuw voornemen)", job.title);
        }
    }
    for file in &mut plan.files {
        relocate(&mut file.path);
    }
    Ok(plan)
}
