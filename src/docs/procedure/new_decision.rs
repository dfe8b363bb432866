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
//!
//! Decisions in a row (`new-decision.yaml` a list): each applies to the outcome of the one
//! before. Record k excludes its bidder on top of every bid fallen so far (each with its own
//! reason) and, in a divided tender, decides again the lots that bidder holds under decision
//! k-1, the others standing as they are under decision k-1 (which may itself be a new
//! decision for some lots). Decision k is written to `nieuw-voornemen-<k>/` (the first to
//! `nieuw-voornemen/`), and its documents replace the decision immediately before.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::docs::award::RenewalView;
use crate::docs::award::lots::lot_label;
use crate::docs::award::renewal::{Earlier, HistoryEntry, Standing, folder_name, ordinal};
use crate::docs::house::HouseStyle;
use crate::docs::itt::Outline;
use crate::docs::{Plan, RunOptions, folder};
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation::lots::LotAward;
use crate::evaluation::per_lot::{LotsOutcome, reevaluate_lots};
use crate::evaluation::{self, Outcome};
use crate::model::Project;
use crate::model::bids::{Decision, Exclusion, Status};
use crate::model::procedure::new_decision::{FILE, NewDecision, Record};

/// The folder of the first new decision's documents, inside the tender's output folder.
pub fn dir(project: &Project) -> PathBuf {
    dir_of(project, 1)
}

/// The folder of new decision `number` (1-based): `nieuw-voornemen/`, `nieuw-voornemen-2/`, ….
pub fn dir_of(project: &Project, number: usize) -> PathBuf {
    folder(project).join(folder_name(number))
}

/// The project and evaluation under the last new decision, when `new-decision.yaml` exists
/// (and the first decision was evaluated).
pub fn reconsidered(
    project: &Project,
    outcome: Option<&Outcome>,
) -> Result<Option<(Project, Outcome)>> {
    Ok(renewed(project, outcome)?.map(|r| (r.project, r.outcome)))
}

/// An undivided tender's new decision: the project and evaluation as it sees them, and what
/// its documents say about the decision replaced.
pub struct Renewed {
    /// Which new decision (1-based, in the order of `new-decision.yaml`).
    pub number: usize,
    pub project: Project,
    pub outcome: Outcome,
    pub view: RenewalView,
}

/// A divided tender's new decision on the lots its fallen bidder held under the decision
/// before.
pub struct LotsDecision {
    /// Which new decision (1-based, in the order of `new-decision.yaml`).
    pub number: usize,
    /// The project with every bid fallen so far excluded where it falls, and this decision's
    /// date.
    pub project: Project,
    /// The affected lots, evaluated again, and the award limit over them.
    pub lots: LotsOutcome,
    /// The affected lots' numbers, in the tender's order.
    pub affected: Vec<u32>,
    pub view: RenewalView,
}

impl LotsDecision {
    /// Whether lot `number` is decided again by this decision.
    pub fn covers(&self, number: u32) -> bool {
        self.affected.contains(&number)
    }
}

/// A divided tender's new decisions, in the order taken.
pub struct RenewedLots {
    pub steps: Vec<LotsDecision>,
}

impl RenewedLots {
    /// Whether lot `number` has a new decision.
    pub fn covers(&self, number: u32) -> bool {
        self.steps.iter().any(|s| s.covers(number))
    }

    /// Lot `number`'s last decision, when it has a new one.
    pub fn last_for(&self, number: u32) -> Option<&LotsDecision> {
        self.steps.iter().rev().find(|s| s.covers(number))
    }
}

/// The undivided tender's last new decision (see [`chain`]).
pub fn renewed(project: &Project, outcome: Option<&Outcome>) -> Result<Option<Renewed>> {
    Ok(chain(project, outcome)?.pop())
}

/// The undivided tender's new decisions in the order taken, each on the outcome of the one
/// before: its bidder must be that decision's winner, and is excluded on top of every bid
/// fallen before it (each with its own reason).
pub fn chain(project: &Project, outcome: Option<&Outcome>) -> Result<Vec<Renewed>> {
    let (Some(n), Some(outcome), Some(first)) = (
        &project.procedure.new_decision,
        outcome,
        project.decision.as_ref(),
    ) else {
        return Ok(Vec::new());
    };
    let mut steps: Vec<Renewed> = Vec::new();
    let mut fallen_before = Vec::new();
    let mut history = vec![HistoryEntry {
        sent_on: first.sent_on.to_string(),
        new: false,
        fallen: None,
        winner: outcome
            .evaluation
            .winner
            .as_deref()
            .map(|w| super::bidder_name(project, w)),
    }];
    for (k, r) in n.records().iter().enumerate() {
        let (before, before_outcome) = match steps.last() {
            Some(s) => (&s.project, &s.outcome),
            None => (project, outcome),
        };
        let fallen = &r.fell_through.bidder;
        if before_outcome.evaluation.winner.as_ref() != Some(fallen) {
            return Err(error(
                project,
                &n.field(k, "fell_through.bidder"),
                format!(
                    "`{fallen}` was not the intended winner of {}{}",
                    replaced_name(n, k),
                    before_outcome
                        .evaluation
                        .winner
                        .as_ref()
                        .map(|w| format!(" (`{w}` was)"))
                        .unwrap_or_else(|| " (it has no winner)".into())
                ),
            ));
        }
        let mut p = before.clone();
        if let Some(bid) = p.bids.iter_mut().find(|b| &b.id == fallen) {
            bid.status = Status::Excluded;
            bid.exclusion = Some(exclusion(r));
        }
        let decision = renewed_decision(first, r);
        p.decision = Some(decision.clone());
        let new_outcome = evaluation::evaluate(&p, &decision)?;
        let replaced = before
            .decision
            .as_ref()
            .map(|d| d.sent_on)
            .unwrap_or(first.sent_on);
        history.push(HistoryEntry {
            sent_on: r.sent_on.to_string(),
            new: true,
            fallen: Some(super::bidder_name(project, fallen)),
            winner: new_outcome
                .evaluation
                .winner
                .as_deref()
                .map(|w| super::bidder_name(project, w)),
        });
        let mut view = view(project, r, k + 1, false, Vec::new(), Vec::new(), Vec::new());
        view.replaced_sent_on = replaced.to_string();
        view.replaced_new = k > 0;
        view.fallen_before = fallen_before.clone();
        view.history = history.clone();
        fallen_before.push(Earlier {
            bidder: fallen.clone(),
            sent_on: r.sent_on.to_string(),
            lots: None,
        });
        steps.push(Renewed {
            number: k + 1,
            project: p,
            outcome: new_outcome,
            view,
        });
    }
    Ok(steps)
}

/// The decision record k replaces, as a message names it.
fn replaced_name(n: &NewDecision, k: usize) -> String {
    match k.checked_sub(1) {
        None => "decision.yaml".to_string(),
        Some(j) => format!(
            "the new decision of {} (record {})",
            n.records()[j].sent_on,
            j + 1
        ),
    }
}

/// A lot's decision in force while the chain is followed: its winner and its date, and which
/// new decision took it (none: decision.yaml's).
struct InForce {
    award: LotAward,
    sent_on: NaiveDate,
    by: Option<usize>,
    history: Vec<HistoryEntry>,
}

/// A divided tender's new decisions, when `new-decision.yaml` exists and the first decision
/// was evaluated: record by record, the lots its bidder holds under the decision before (or
/// those of `fell_through.lots`, each of which it must hold) evaluated again without it.
pub fn renewed_lots(project: &Project, first: Option<&LotsOutcome>) -> Result<Option<RenewedLots>> {
    let (Some(n), Some(first), Some(decision)) = (
        &project.procedure.new_decision,
        first,
        project.decision.as_ref(),
    ) else {
        return Ok(None);
    };
    let name = |id: &str| super::bidder_name(project, id);
    let mut in_force: BTreeMap<u32, InForce> = first
        .allocation
        .lots
        .iter()
        .map(|a| {
            let entry = HistoryEntry {
                sent_on: decision.sent_on.to_string(),
                new: false,
                fallen: None,
                winner: a.winner.as_deref().map(name),
            };
            (
                a.lot,
                InForce {
                    award: a.clone(),
                    sent_on: decision.sent_on,
                    by: None,
                    history: vec![entry],
                },
            )
        })
        .collect();
    // The lots in the tender's order (that of the first allocation).
    let order: Vec<u32> = first.allocation.lots.iter().map(|a| a.lot).collect();
    let mut steps: Vec<LotsDecision> = Vec::new();
    let mut fallen_before: Vec<Earlier> = Vec::new();
    for (k, r) in n.records().iter().enumerate() {
        let fallen = &r.fell_through.bidder;
        let awarded: Vec<u32> = order
            .iter()
            .copied()
            .filter(|l| in_force[l].award.winner.as_ref() == Some(fallen))
            .collect();
        let winners = || {
            order
                .iter()
                .map(|l| {
                    format!(
                        "lot {l}: {}",
                        in_force[l].award.winner.as_deref().unwrap_or("none")
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let under = if k == 0 {
            "decision.yaml".to_string()
        } else {
            "the decisions in force before this record".to_string()
        };
        let affected = match &r.fell_through.lots {
            None if awarded.is_empty() => {
                return Err(error(
                    project,
                    &n.field(k, "fell_through.bidder"),
                    format!(
                        "`{fallen}` was awarded no lot in {under} ({}): only an intended winner can fall through",
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
                            n.field(k, &format!("fell_through.lots.{i}")),
                            format!(
                                "`{fallen}` was not awarded lot {number} in {under} ({}): only the lots it was awarded get a new decision",
                                winners()
                            ),
                        ));
                    }
                }
                if !wrong.is_empty() {
                    return Err(crate::model::locate::located(wrong));
                }
                awarded
                    .iter()
                    .copied()
                    .filter(|a| given.contains(a))
                    .collect()
            }
        };
        let mut p = match steps.last() {
            Some(s) => s.project.clone(),
            None => project.clone(),
        };
        if let Some(bid) = p.bids.iter_mut().find(|b| &b.id == fallen) {
            match &r.fell_through.lots {
                // The whole bid falls: excluded in every lot.
                None => {
                    bid.status = Status::Excluded;
                    bid.exclusion = Some(exclusion(r));
                }
                Some(_) => {
                    for number in &affected {
                        if let Some(part) = bid.lots.get_mut(number) {
                            part.status = Some(Status::Excluded);
                            part.exclusion = Some(exclusion(r));
                        }
                    }
                }
            }
        }
        let renewed = renewed_decision(decision, r);
        p.decision = Some(renewed.clone());
        let standing_awards: Vec<LotAward> =
            order.iter().map(|l| in_force[l].award.clone()).collect();
        let lots = reevaluate_lots(&p, &renewed, &standing_awards, &affected)?;
        let standing: Vec<Standing> = order
            .iter()
            .filter(|l| !affected.contains(l))
            .map(|l| Standing {
                label: lot_label(project, *l),
                winner: in_force[l].award.winner.as_deref().map(name),
            })
            .collect();
        let keeps: Vec<String> = awarded
            .iter()
            .filter(|a| !affected.contains(a))
            .map(|a| lot_label(project, *a))
            .collect();
        let labels = affected.iter().map(|a| lot_label(project, *a)).collect();
        let mut view = view(project, r, k + 1, true, labels, standing, keeps);
        view.fallen_before = fallen_before.clone();
        // Per lot: the decision it replaces there, and the lot's chain up to this one.
        for l in &affected {
            let force = in_force.get_mut(l).expect("every lot is in force");
            let (_, award) = lots.lot(*l).expect("an affected lot is evaluated");
            view.replaced_per_lot
                .insert(*l, (force.sent_on.to_string(), force.by.is_some()));
            force.history.push(HistoryEntry {
                sent_on: r.sent_on.to_string(),
                new: true,
                fallen: Some(name(fallen)),
                winner: award.winner.as_deref().map(name),
            });
            view.history_per_lot.insert(*l, force.history.clone());
            force.award = award.clone();
            force.sent_on = r.sent_on;
            force.by = Some(k + 1);
        }
        if let Some(l) = affected.first() {
            let (date, new) = view.replaced_per_lot[l].clone();
            view.replaced_sent_on = date;
            view.replaced_new = new;
        }
        fallen_before.push(Earlier {
            bidder: fallen.clone(),
            sent_on: r.sent_on.to_string(),
            lots: r.fell_through.lots.clone(),
        });
        steps.push(LotsDecision {
            number: k + 1,
            project: p,
            lots,
            affected,
            view,
        });
    }
    Ok(Some(RenewedLots { steps }))
}

fn error(project: &Project, field: &str, message: String) -> Error {
    crate::model::locate::located(vec![Diagnostic::new(
        project.dir.join(FILE),
        field,
        message,
    )])
}

/// The fallen-through bid's exclusion, as its letters and the record state it.
fn exclusion(r: &Record) -> Exclusion {
    let f = &r.fell_through;
    Exclusion {
        stage: f.stage,
        reason: f.reason.clone(),
        basis: f.basis.clone(),
        established: f.established.clone(),
        record: f.record.clone(),
    }
}

/// The first decision as a new one: its date, the day it was taken, no recorded winner (the
/// one recorded there fell through, or a later one did).
fn renewed_decision(first: &Decision, r: &Record) -> Decision {
    let mut decision = first.clone();
    decision.sent_on = r.sent_on;
    decision.decided_on = r.decided_on();
    decision.winner = None;
    for lot in decision.lots.values_mut() {
        lot.winner = None;
    }
    decision
}

fn view(
    project: &Project,
    r: &Record,
    number: usize,
    divided: bool,
    affected: Vec<String>,
    standing: Vec<Standing>,
    keeps: Vec<String>,
) -> RenewalView {
    let f = &r.fell_through;
    let fallen = super::bidder_name(project, &f.bidder);
    RenewalView {
        number,
        ordinal: ordinal(number),
        folder: folder_name(number),
        fallen_end: if fallen.ends_with('.') {
            fallen.clone()
        } else {
            format!("{fallen}.")
        },
        replaced_sent_on: project
            .decision
            .as_ref()
            .map(|d| d.sent_on.to_string())
            .unwrap_or_default(),
        replaced_new: false,
        replaced_per_lot: BTreeMap::new(),
        decided_on: r.decided_on().to_string(),
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
        fallen_before: Vec::new(),
        excluded_on: None,
        history: Vec::new(),
        history_per_lot: BTreeMap::new(),
    }
}

/// Every new decision's letters, records and evaluation, each relocated under its folder
/// ([`dir_of`]): of the whole tender, or of the affected lots of a divided one (`first_lots`:
/// the first decision per lot).
pub fn plan(
    project: &Project,
    outline: &Outline,
    outcome: Option<&Outcome>,
    first_lots: Option<&LotsOutcome>,
    house: &HouseStyle,
    opts: &RunOptions,
) -> Result<Plan> {
    let mut all = Plan::default();
    if project.tender.divided() {
        let Some(chain) = renewed_lots(project, first_lots)? else {
            return Ok(all);
        };
        for r in &chain.steps {
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
            all.add(relocated(project, plan, r.number));
        }
    } else {
        for r in chain(project, outcome)? {
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
            all.add(relocated(project, plan, r.number));
        }
    }
    Ok(all)
}

/// `plan`'s files moved from the tender's output folder into new decision `number`'s.
fn relocated(project: &Project, mut plan: Plan, number: usize) -> Plan {
    let base = folder(project);
    let target = dir_of(project, number);
    let relocate = |path: &mut PathBuf| {
        if let Ok(rest) = path.strip_prefix(&base) {
            *path = target.join(rest);
        }
    };
    let suffix = match number {
        1 => "(nieuw voornemen)".to_string(),
        k => format!("(nieuw voornemen {k})"),
    };
    for job in &mut plan.jobs {
        relocate(&mut job.file);
        // The letters' titles say "Nieuwe" already; a later decision's say which.
        if !job.title.starts_with("Nieuwe") || number > 1 {
            job.title = format!("{} {suffix}", job.title);
        }
    }
    for file in &mut plan.files {
        relocate(&mut file.path);
    }
    plan
}

#[cfg(test)]
mod tests;
