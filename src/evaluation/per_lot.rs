//! The evaluation of a tender divided into lots: each lot on its own, with the same rules as an
//! undivided tender (its own ranking, tie-breaks and lottery), through the projection
//! `Project::lot`; then the award limit across lots ([`super::lots::allocate`]).
//!
//! A new award decision on some lots ([`reevaluate_lots`]) evaluates those lots again and
//! applies the limit over them, the other lots' decisions standing (each lot's decision in
//! force: the first, or an earlier new one when decisions follow each other).
//!
//! Problems found in one lot are reported where the data is: a bid's `rates.A1` of lot 2 is
//! `lots.2.rates.A1` in the bid's file.

use std::collections::BTreeMap;

use super::lots::{Allocation, Held, Limit, LotAward, LotRanking, allocate};
use super::{Outcome, evaluate_parts};
use crate::error::{Diagnostic, Result};
use crate::model::Project;
use crate::model::bids::Decision;

/// The evaluation of every lot and who is awarded which.
pub struct LotsOutcome {
    /// Per lot, in tender.yaml's order: its number and its own evaluation.
    pub lots: Vec<(u32, Outcome)>,
    /// The award limit applied across the lots, step by step.
    pub allocation: Allocation,
}

/// Evaluates each lot of a divided `project` and applies the award limit. Data errors name the
/// bid's file and its field under `lots.<n>`.
pub fn evaluate_lots(project: &Project, decision: &Decision) -> Result<LotsOutcome> {
    let lots = declared(project)?;
    let numbers: Vec<u32> = lots.items.iter().map(|l| l.number).collect();
    let outcomes = evaluate_each(project, decision, &numbers)?;
    let allocation = allocate_over(project, &outcomes, &Held::new());
    let wrong = recorded_winners(decision, &allocation);
    if !wrong.is_empty() {
        return Err(crate::model::locate::located(wrong));
    }
    Ok(LotsOutcome {
        allocation,
        lots: outcomes,
    })
}

/// A new award decision on the `affected` lots of a divided `project` (§2.8 of the invitation:
/// a winner fell through; `project` has its bid excluded where it falls, `decision` the new
/// date). Each affected lot is evaluated again with the same rules (its own ranking,
/// tie-breaks, lottery), then the award limit is applied over the affected lots only, counting
/// the lots each bidder holds under the decisions that stand (`standing`: each lot's winner
/// under its decision in force, the first or an earlier new one): every other lot's decision
/// stands and is not reopened (each lot is its own award decision, art. 2.130 Aw 2012).
pub fn reevaluate_lots(
    project: &Project,
    decision: &Decision,
    standing: &[LotAward],
    affected: &[u32],
) -> Result<LotsOutcome> {
    declared(project)?;
    let outcomes = evaluate_each(project, decision, affected)?;
    let allocation = allocate_over(project, &outcomes, &held(standing, affected));
    Ok(LotsOutcome {
        allocation,
        lots: outcomes,
    })
}

/// The lots each bidder holds under the decisions of `standing` that are not decided again.
fn held(standing: &[LotAward], affected: &[u32]) -> Held {
    let mut held = Held::new();
    for award in standing.iter().filter(|a| !affected.contains(&a.lot)) {
        if let Some(w) = &award.winner {
            held.entry(w.clone()).or_default().push(award.lot);
        }
    }
    held
}

fn declared(project: &Project) -> Result<&crate::model::tender::Lots> {
    project
        .tender
        .lots
        .as_ref()
        .filter(|l| l.divided)
        .ok_or_else(|| crate::error::Error::Usage("the tender is not divided into lots".into()))
}

/// The own evaluation of each lot of `numbers` (in tender.yaml's order), on its projection.
fn evaluate_each(
    project: &Project,
    decision: &Decision,
    numbers: &[u32],
) -> Result<Vec<(u32, Outcome)>> {
    let lots = declared(project)?;
    let mut outcomes = Vec::new();
    let mut errors = Vec::new();
    for lot in lots.items.iter().filter(|l| numbers.contains(&l.number)) {
        let Some(p) = project.lot(lot.number) else {
            continue;
        };
        match evaluate_parts(
            &p.award,
            &p.bids,
            &decision.for_lot(lot.number),
            &p.dir,
            p.tender.rules.standstill_days,
        ) {
            Ok(o) => outcomes.push((lot.number, o)),
            Err(ds) => errors.extend(relocate(ds, lot.number, &p)),
        }
    }
    if !errors.is_empty() {
        return Err(crate::model::locate::located(errors));
    }
    Ok(outcomes)
}

/// The award limit over the lots of `outcomes`, with the lots `held` under decisions that
/// stand.
fn allocate_over(project: &Project, outcomes: &[(u32, Outcome)], held: &Held) -> Allocation {
    let lots = project.tender.lots.as_ref();
    let rankings: Vec<LotRanking> = outcomes
        .iter()
        .map(|(n, o)| LotRanking {
            number: *n,
            value: lots
                .and_then(|l| l.lot(*n))
                .map(|l| l.estimated_value)
                .unwrap_or_default(),
            ranking: o.evaluation.ranking.iter().map(|r| r.id.clone()).collect(),
        })
        .collect();
    let limit = lots.and_then(|l| l.award_limit.as_ref()).map(|a| Limit {
        max_lots: a.max_lots,
        order: a.order,
    });
    let preferences: BTreeMap<String, Vec<u32>> = project
        .bids
        .iter()
        .map(|b| (b.id.clone(), b.preference.clone()))
        .collect();
    allocate(&rankings, limit, &preferences, held)
}

/// Each lot's recorded winner (`lots.<n>.winner` in decision.yaml) against the lot's winner
/// after the award limit.
fn recorded_winners(decision: &Decision, allocation: &Allocation) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for award in &allocation.lots {
        let Some(claimed) = decision
            .lots
            .get(&award.lot)
            .and_then(|l| l.winner.as_ref())
        else {
            continue;
        };
        let field = format!("lots.{}.winner", award.lot);
        match &award.winner {
            Some(w) if w == claimed => {}
            Some(w) if award.moved => out.push(Diagnostic::new(
                &decision.file,
                field,
                format!(
                    "lot {}: after the award limit the lot goes to `{w}` (ranked {}), not `{claimed}`",
                    award.lot,
                    award.winner_rank.unwrap_or_default()
                ),
            )),
            Some(w) => out.push(Diagnostic::new(
                &decision.file,
                field,
                format!("lot {}: the evaluation ranks `{w}` first, not `{claimed}`", award.lot),
            )),
            None => out.push(Diagnostic::new(
                &decision.file,
                field,
                format!(
                    "lot {}: nobody may be awarded the lot, so there is no winner; remove `winner: {claimed}`",
                    award.lot
                ),
            )),
        }
    }
    out
}

impl LotsOutcome {
    /// Lot `number`'s own evaluation and its award after the limit.
    pub fn lot(&self, number: u32) -> Option<(&Outcome, &super::lots::LotAward)> {
        let outcome = self
            .lots
            .iter()
            .find(|(n, _)| *n == number)
            .map(|(_, o)| o)?;
        let award = self.allocation.lots.iter().find(|l| l.lot == number)?;
        Some((outcome, award))
    }
}

/// The evaluation's checks (`super::validate`) per lot of a divided `project`.
pub(crate) fn validate(project: &Project, bids_ok: bool, out: &mut Vec<Diagnostic>) {
    let Some(lots) = project.tender.lots.as_ref() else {
        return;
    };
    for lot in &lots.items {
        let Some(mut p) = project.lot(lot.number) else {
            continue;
        };
        p.decision = p.decision.as_ref().map(|d| d.for_lot(lot.number));
        let mut found = Vec::new();
        super::validate(&p, bids_ok, &mut found);
        out.extend(relocate(found, lot.number, &p));
    }
}

/// Diagnostics of lot `number`'s evaluation placed where the data is: a bid's rates and
/// scores of the lot are under `lots.<number>`; every message names the lot.
fn relocate(diags: Vec<Diagnostic>, number: u32, lot: &Project) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .map(|mut d| {
            let in_bid = lot.bids.iter().any(|b| b.file == d.file);
            let per_lot = ["rates", "quality"]
                .iter()
                .any(|f| d.field == *f || d.field.starts_with(&format!("{f}.")));
            if in_bid && per_lot {
                d.field = format!("lots.{number}.{}", d.field);
            }
            d.message = format!("lot {number}: {}", d.message);
            d
        })
        .collect()
}

#[cfg(test)]
mod tests;
