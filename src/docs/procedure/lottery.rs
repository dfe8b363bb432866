//! The proces-verbaal van loting (§2.7 of the invitation: "Als ook op dat onderdeel de scores
//! gelijk zijn, zal via loting worden bepaald welke inschrijver voor gunning in aanmerking komt.
//! Van de loting wordt een proces-verbaal opgemaakt."): whenever the evaluation settled a tie by
//! the lottery recorded in `decision.yaml`. Internal.
//!
//! A tender divided into lots: one record per lot whose ranking the lottery settled
//! (`decision.yaml` `lots.<n>.lottery`), made on the lot's projection with its own evaluation
//! and its part of `lottery.yaml` (`LotteryRecord::for_lot`):
//! `intern/perceel-<n>/proces-verbaal-van-loting.pdf`.

use std::path::PathBuf;

use rust_decimal::Decimal;
use serde::Serialize;
use tera::Context;

use super::{Head, PersonView, bidder_name, hh_mm, intern_dir};
use crate::docs::{self, DocMeta, Job, RunOptions};
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation::Outcome;
use crate::evaluation::per_lot::LotsOutcome;
use crate::evaluation::scoring::TieBreak;
use crate::model::Project;
use crate::model::procedure::lottery::{FILE, LotteryRecord};

pub(crate) const TEMPLATE: &str = "procedure/proces-verbaal-van-loting.typ.tera";

pub fn file(project: &Project) -> PathBuf {
    intern_dir(project).join("proces-verbaal-van-loting.pdf")
}

#[derive(Debug, Serialize)]
struct View {
    #[serde(flatten)]
    head: Head,
    date: String,
    time: String,
    place: String,
    drawn_by: PersonView,
    witnesses: Vec<PersonView>,
    method: String,
    /// The tied bids, in the order drawn.
    drawn: Vec<Drawn>,
    total_points: Decimal,
    quality_points: Decimal,
    /// Whether the lottery decided who is awarded (the first drawn is ranked first).
    decides_winner: bool,
    /// The lot drawn for, "Perceel 2: Regio Zuid" (a divided tender).
    lot: Option<String>,
    lot_number: Option<u32>,
    /// Whether the tender limits the lots one bidder is awarded: the lot may still move.
    award_limit: bool,
}

#[derive(Debug, Serialize)]
struct Drawn {
    order: usize,
    name: String,
    rank: u32,
}

/// The proces-verbaal when a lottery decided a tie; an error naming `lottery.yaml` when the
/// tie was settled by lot but who drew it is not recorded.
pub fn job(project: &Project, outcome: Option<&Outcome>, opts: &RunOptions) -> Result<Option<Job>> {
    job_in(project, outcome, opts, None)
}

/// The records of a divided tender, one per lot whose ranking a lottery settled; each on the
/// lot's own ranking (before the award limit: the drawing settled the order of the lot).
pub fn lots_jobs(project: &Project, lots: &LotsOutcome, opts: &RunOptions) -> Result<Vec<Job>> {
    let Some(decision) = &project.decision else {
        return Ok(Vec::new());
    };
    let mut jobs = Vec::new();
    for (number, outcome) in &lots.lots {
        let Some(mut lot) = project.lot(*number) else {
            continue;
        };
        lot.decision = Some(decision.for_lot(*number));
        lot.procedure.lottery = project
            .procedure
            .lottery
            .as_ref()
            .map(|r| r.for_lot(*number));
        let label = crate::docs::award::lots::lot_label(project, *number);
        let limited = project
            .tender
            .lots
            .as_ref()
            .is_some_and(|l| l.award_limit.is_some());
        jobs.extend(job_in(
            &lot,
            Some(outcome),
            opts,
            Some((*number, label, limited)),
        )?);
    }
    Ok(jobs)
}

/// `lot`: the number and label ("Perceel 2: Regio Zuid") of the lot in a divided tender, and
/// whether the tender has an award limit.
fn job_in(
    project: &Project,
    outcome: Option<&Outcome>,
    opts: &RunOptions,
    lot: Option<(u32, String, bool)>,
) -> Result<Option<Job>> {
    let (Some(outcome), Some(decision)) = (outcome, &project.decision) else {
        return Ok(None);
    };
    let Some(lottery) = &decision.lottery else {
        return Ok(None);
    };
    let mut tied: Vec<_> = outcome
        .evaluation
        .ranking
        .iter()
        .filter(|r| r.tie_break == TieBreak::Lottery)
        .collect();
    if tied.is_empty() {
        return Ok(None);
    }
    let Some(record) = &project.procedure.lottery else {
        return Err(Error::data(Diagnostic::new(
            project.dir.join(FILE),
            "",
            match &lot {
                Some((n, _, _)) => format!(
                    "the lottery of {} decided a tie in lot {n} (decision.yaml `lots.{n}.lottery`): record who drew the lots, the witnesses, time, place and method in {FILE} (shared, or under `lots.{n}`) for the proces-verbaal van loting",
                    lottery.date
                ),
                None => format!(
                    "the lottery of {} decided a tie (decision.yaml `lottery`): record who drew the lots, the witnesses, time, place and method in {FILE} for the proces-verbaal van loting",
                    lottery.date
                ),
            },
        )));
    };
    tied.sort_by_key(|r| r.rank);
    let title = match &lot {
        Some((_, label, _)) => format!("Proces-verbaal van loting {label}"),
        None => "Proces-verbaal van loting".to_string(),
    };
    let meta = DocMeta::new(project, &title, lottery.date, opts);
    let mut view = view(project, record, &lottery.date.to_string(), &tied);
    view.lot = lot.as_ref().map(|(_, label, _)| label.clone());
    view.lot_number = lot.as_ref().map(|(n, _, _)| *n);
    view.award_limit = lot.as_ref().is_some_and(|(_, _, limited)| *limited);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("lottery", &view);
    Ok(Some(Job {
        file: match &lot {
            Some((n, _, _)) => crate::docs::award::lots::intern_lot_dir(project, *n)
                .join("proces-verbaal-van-loting.pdf"),
            None => file(project),
        },
        title: meta.title,
        template: TEMPLATE,
        context: docs::Context::ready(context),
        date: lottery.date,
    }))
}

fn view(
    project: &Project,
    record: &LotteryRecord,
    date: &str,
    tied: &[&crate::evaluation::scoring::BidResult],
) -> View {
    View {
        head: Head::of(project),
        date: date.to_string(),
        time: hh_mm(record.time),
        place: record.place.clone(),
        drawn_by: (&record.drawn_by).into(),
        witnesses: record.witnesses.iter().map(PersonView::from).collect(),
        method: record.method.clone(),
        drawn: tied
            .iter()
            .enumerate()
            .map(|(i, r)| Drawn {
                order: i + 1,
                name: bidder_name(project, &r.id),
                rank: r.rank,
            })
            .collect(),
        total_points: tied.first().map_or(Decimal::ZERO, |r| r.total_points),
        quality_points: tied.first().map_or(Decimal::ZERO, |r| r.quality_points),
        decides_winner: tied.first().is_some_and(|r| r.rank == 1),
        lot: None,
        award_limit: false,
        lot_number: None,
    }
}
