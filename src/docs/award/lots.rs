//! The award decision of a tender divided into lots: every lot is a separate award decision
//! (art. 2.130 Aw 2012 applies per lot, with its own standstill and remedy), so the letters,
//! the proces-verbaal, the gunningsbesluit and the beoordelingsmatrix are made per lot by the
//! code of an undivided tender, run on the projection `Project::lot(n)` and that lot's
//! outcome after the award limit. All letters of all lots are sent at the same moment
//! (decision.yaml's shared `sent_on`). `evaluation.json` holds one entry per lot and the
//! steps of the award limit.
//!
//! Layout: `gunning/perceel-<n>/gunningsbeslissing-<bidder>.pdf` (one letter per lot per bidder
//! that tendered for it), `intern/perceel-<n>/{proces-verbaal-van-beoordeling.pdf,
//! gunningsbesluit.pdf, beoordelingsmatrix.xlsx}`, `intern/evaluation.json`.
//!
//! Where the award limit (gunningsbeperking) moved a lot, the letters of that lot say so: the
//! bidder ranked above the winner learns that the limit and the stated order keep it from this
//! lot and which lot(s) it is awarded instead; the winner learns it gets the lot as the next in
//! rank because a higher-ranked bidder was capped (not who); the other bidders learn why the
//! winner is not the first of the ranking (not who was).

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::super::itt::Outline;
use super::super::{self as docs, DocMeta, Job, OutFile, Plan, RunOptions};
use super::{
    DECISION_TEMPLATE, LETTER_TEMPLATE, REPORT_TEMPLATE, RenewalView, Views, dir, intern_dir,
};
use crate::docs::house::HouseStyle;
use crate::error::Result;
use crate::evaluation::Outcome;
use crate::evaluation::lots::{AwardOrder, LotAward};
use crate::evaluation::per_lot::LotsOutcome;
use crate::format;
use crate::model::Project;
use crate::model::bids::Decision;

pub use super::guard::lots_confidentiality as confidentiality;

/// The folder of lot `lot`'s letters: `gunning/perceel-<n>`.
pub fn letters_dir(project: &Project, lot: u32) -> PathBuf {
    dir(project).join(format!("perceel-{lot}"))
}

/// A letter of lot `lot`: `gunning/perceel-<n>/gunningsbeslissing-<bidder-id>.pdf`.
pub fn letter_file(project: &Project, lot: u32, bidder: &str) -> PathBuf {
    letters_dir(project, lot).join(format!("gunningsbeslissing-{bidder}.pdf"))
}

/// The folder of lot `lot`'s internal records: `intern/perceel-<n>`.
pub fn intern_lot_dir(project: &Project, lot: u32) -> PathBuf {
    intern_dir(project).join(format!("perceel-{lot}"))
}

/// "Perceel 2: Regio Zuid".
pub fn lot_label(project: &Project, lot: u32) -> String {
    format!("Perceel {lot}: {}", lot_title(project, lot))
}

/// What a letter and the records of one lot say about the lot and the award limit (context
/// key `lot`).
#[derive(Debug, Clone, Serialize)]
pub struct LotView {
    pub number: u32,
    pub title: String,
    /// "Perceel 2: Regio Zuid".
    pub label: String,
    /// Whether the award limit moved the lot away from the first of its ranking.
    pub moved: bool,
    /// The letter's addressee in a moved lot: `capped` (ranked above the winner, kept from
    /// the lot by the limit), `receiving` (the winner, ranked below the first), `other`;
    /// `none` when the lot was not moved (and in the records).
    pub role: &'static str,
    /// The winner's place in the lot's ranking.
    pub winner_rank: Option<usize>,
    /// How many bidders ranked above the winner were passed over.
    pub passed_over: usize,
    /// The award limit: lots per bidder, in figures and words, and the order rule
    /// (`value`, `number`, `preference`); none without a limit.
    pub max_lots: Option<u32>,
    pub max_lots_words: String,
    pub order: Option<&'static str>,
    /// For a capped addressee: the lots it is awarded (labels), which it keeps under the order.
    pub kept: Vec<String>,
    /// Of `kept`, the lots it holds under decisions that stand (a new decision on some lots).
    pub held: Vec<String>,
    /// The invitation's paragraph on lots and the award limit.
    pub section: Option<String>,
}

/// One step of the award limit as the records state it (internal: names allowed).
#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    /// The lot given up, as "Perceel 1: Regio Noord".
    pub lot: String,
    pub bidder: String,
    pub kept: Vec<String>,
    /// Of `kept`, the lots held under decisions that stand (a new decision on some lots).
    pub held: Vec<String>,
    pub to: Option<String>,
}

fn order_name(order: AwardOrder) -> &'static str {
    match order {
        AwardOrder::Value => "value",
        AwardOrder::Number => "number",
        AwardOrder::Preference => "preference",
    }
}

/// Lot `award.lot`'s outcome with the winner after the award limit.
pub(crate) fn awarded(outcome: &Outcome, award: &LotAward) -> Outcome {
    let mut o = outcome.clone();
    o.evaluation.winner = award.winner.clone();
    o
}

/// The views of one lot, with the winner after the award limit as the letters' winner.
fn lot_views(
    lot: &Project,
    outline: &Outline,
    decision: &Decision,
    outcome: &Outcome,
    award: &LotAward,
) -> Views {
    let mut views = Views::new(lot, outline, decision, outcome);
    if award.moved {
        let winner = award.winner.as_ref().and_then(|w| views.ranked.get(w));
        views.common.winner = winner.map(|w| super::views::winner_view(w, decision));
        views.report.winner_name = winner.map(|w| w.name.clone());
    }
    views
}

/// Everything the letters and records of a divided tender need, per lot.
struct LotRun {
    number: u32,
    project: Project,
    decision: Decision,
    outcome: Outcome,
    award: LotAward,
    views: Views,
}

fn runs(
    project: &Project,
    outline: &Outline,
    decision: &Decision,
    lots: &LotsOutcome,
) -> Vec<LotRun> {
    lots.lots
        .iter()
        .filter_map(|(n, _)| {
            let (outcome, award) = lots.lot(*n)?;
            let p = project.lot(*n)?;
            let decision = decision.for_lot(*n);
            let outcome = awarded(outcome, award);
            let views = lot_views(&p, outline, &decision, &outcome, award);
            Some(LotRun {
                number: *n,
                project: p,
                decision,
                outcome,
                award: award.clone(),
                views,
            })
        })
        .collect()
}

/// The lot view for a letter to `bidder` (none: the records).
fn lot_view(
    project: &Project,
    outline: &Outline,
    lots: &LotsOutcome,
    run: &LotRun,
    bidder: Option<&str>,
) -> LotView {
    let declared = project.tender.lots.as_ref();
    let limit = declared.and_then(|l| l.award_limit.as_ref());
    let a = &run.award;
    let role = match bidder {
        Some(b) if a.moved && a.passed_over.iter().any(|p| p == b) => "capped",
        Some(b) if a.moved && a.winner.as_deref() == Some(b) => "receiving",
        Some(_) if a.moved => "other",
        _ => "none",
    };
    // A capped bidder's lots: those held under decisions that stand (a new decision), then
    // those of this allocation, in the tender's order.
    let held: Vec<u32> = match (role, bidder) {
        ("capped", Some(b)) => lots.allocation.held.get(b).cloned().unwrap_or_default(),
        _ => Vec::new(),
    };
    let mut kept: Vec<u32> = match (role, bidder) {
        ("capped", Some(b)) => lots
            .allocation
            .lots
            .iter()
            .filter(|l| l.winner.as_deref() == Some(b))
            .map(|l| l.lot)
            .chain(held.iter().copied())
            .collect(),
        _ => Vec::new(),
    };
    kept.sort_unstable();
    let labels =
        |ns: &[u32]| -> Vec<String> { ns.iter().map(|n| lot_label(project, *n)).collect() };
    LotView {
        number: run.number,
        title: lot_title(project, run.number),
        label: lot_label(project, run.number),
        moved: a.moved,
        role,
        winner_rank: a.winner_rank,
        passed_over: a.passed_over.len(),
        max_lots: limit.map(|l| l.max_lots),
        max_lots_words: limit
            .map(|l| format::number_words(l.max_lots))
            .unwrap_or_default(),
        order: limit.map(|l| order_name(l.order)),
        kept: labels(&kept),
        held: labels(&held),
        section: outline.labels().get("sec-percelen").cloned(),
    }
}

/// The letters per lot, the records per lot and `evaluation.json` of a divided tender.
pub fn plan(project: &Project, outline: &Outline, lots: &LotsOutcome, opts: &RunOptions) -> Plan {
    plan_renewed(project, outline, lots, opts, None)
}

/// [`plan`] for a new award decision on the lots of `lots` (`renewal`, §2.8): the letters and
/// records of each say what they replace and why.
pub fn plan_renewed(
    project: &Project,
    outline: &Outline,
    lots: &LotsOutcome,
    opts: &RunOptions,
    renewal: Option<&RenewalView>,
) -> Plan {
    let Some(decision) = &project.decision else {
        return Plan::default();
    };
    let mut plan = Plan::default();
    let runs = runs(project, outline, decision, lots);
    for run in &runs {
        let label = lot_label(project, run.number);
        let kind = match renewal {
            Some(_) => "Nieuwe voorlopige gunningsbeslissing",
            None => "Voorlopige gunningsbeslissing",
        };
        let meta = DocMeta::new(
            &run.project,
            &format!("{kind} {label}"),
            decision.sent_on,
            opts,
        );
        let doc = Arc::new(tera::Value::from_serializable(&meta));
        let common = Arc::new(tera::Value::from_serializable(&run.views.common));
        // A new decision replaces the decision in force on this lot.
        let renewal = renewal.map(|r| r.for_lot(run.number));
        for bid in &run.project.bids {
            let mut letter = letter(run, bid);
            if let Some(r) = &renewal {
                // A new decision's letter has a reference of its own.
                letter.kenmerk = format!(
                    "{}/{}/perceel-{}/{}",
                    run.project.tender.reference, r.folder, run.number, bid.id
                );
            }
            let view = lot_view(project, outline, lots, run, Some(&bid.id));
            let (doc, common) = (Arc::clone(&doc), Arc::clone(&common));
            let renewal = renewal
                .as_ref()
                .map(|r| r.for_letter(&bid.id, Some(run.number)));
            plan.jobs.push(Job {
                file: letter_file(project, run.number, &bid.id),
                title: format!("{} – {}", meta.title, bid.name),
                template: LETTER_TEMPLATE,
                context: docs::Context::deferred(move || {
                    let mut context = tera::Context::new();
                    context.insert_value("doc", (*doc).clone());
                    context.insert_value("common", (*common).clone());
                    context.insert("letter", &letter);
                    context.insert("lot", &view);
                    if let Some(r) = &renewal {
                        context.insert("renewal", r);
                    }
                    context
                }),
                date: decision.sent_on,
            });
        }
        let view = lot_view(project, outline, lots, run, None);
        let steps = step_views(project, lots);
        for (title, template, file, date) in [
            (
                "Proces-verbaal van beoordeling",
                REPORT_TEMPLATE,
                "proces-verbaal-van-beoordeling.pdf",
                decision.consensus_on,
            ),
            (
                "Gunningsbesluit",
                DECISION_TEMPLATE,
                "gunningsbesluit.pdf",
                decision.decided_on,
            ),
        ] {
            let meta = DocMeta::new(&run.project, &format!("{title} {label}"), date, opts);
            let mut context = tera::Context::new();
            context.insert("doc", &meta);
            context.insert("common", &run.views.common);
            context.insert("report", &run.views.report);
            context.insert("lot", &view);
            context.insert("allocation", &steps);
            if let Some(r) = &renewal {
                context.insert("renewal", r);
            }
            plan.jobs.push(Job {
                file: intern_lot_dir(project, run.number).join(file),
                title: meta.title,
                template,
                context: docs::Context::ready(context),
                date,
            });
        }
    }
    plan.files.push(OutFile {
        path: super::json_file(project),
        bytes: evaluation_json(project, &runs, lots).into_bytes(),
    });
    plan
}

/// The letter of `run`'s lot to `bid`: the kind follows the award after the limit (the
/// winner may be ranked below the first); a passed-over bidder's letter compares its scores
/// with the winner's as every rejection does.
fn letter(run: &LotRun, bid: &crate::model::bids::Bid) -> super::Letter {
    let mut letter = run.views.letter(&run.project, bid);
    letter.kenmerk = format!(
        "{}/gunning/perceel-{}/{}",
        run.project.tender.reference, run.number, bid.id
    );
    let winner = run.award.winner.as_deref();
    if let Some(own) = &mut letter.own {
        let is_winner = winner == Some(bid.id.as_str());
        letter.kind = if is_winner { "winner" } else { "rejection" };
        let w = run.views.common.winner.as_ref().filter(|_| !is_winner);
        for (i, c) in own.criteria.iter_mut().enumerate() {
            c.winner_score =
                w.and_then(|w| w.criteria.get(i))
                    .map(|wc| match wc.score.cmp(&c.score) {
                        std::cmp::Ordering::Greater => "higher",
                        std::cmp::Ordering::Equal => "equal",
                        std::cmp::Ordering::Less => "lower",
                    });
        }
    }
    letter
}

/// The award limit's steps with names and lot labels, for the records.
fn step_views(project: &Project, lots: &LotsOutcome) -> Vec<StepView> {
    let name = |id: &str| super::super::procedure::bidder_name(project, id);
    lots.allocation
        .steps
        .iter()
        .map(|s| StepView {
            lot: lot_label(project, s.lot),
            bidder: name(&s.bidder),
            kept: s.kept.iter().map(|n| lot_label(project, *n)).collect(),
            held: s.held.iter().map(|n| lot_label(project, *n)).collect(),
            // At the end of the record's sentence, whose full stop follows.
            to: s
                .to
                .as_deref()
                .map(|id| name(id).trim_end_matches('.').to_string()),
        })
        .collect()
}

/// `evaluation.json` of a divided tender: per lot its number, title, the award after the
/// limit and the lot's own evaluation (the document of an undivided tender), then every step
/// of the award limit.
fn evaluation_json(project: &Project, runs: &[LotRun], lots: &LotsOutcome) -> String {
    let str = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let indent = |text: &str, by: &str| text.trim_end().replace('\n', &format!("\n{by}"));
    let mut out = String::from("{\n");
    out.push_str(&format!(
        "  \"reference\": {},\n",
        str(&project.tender.reference)
    ));
    out.push_str("  \"lots\": [\n");
    for (i, run) in runs.iter().enumerate() {
        let award = serde_json::to_string_pretty(&run.award).expect("the award serialises");
        let evaluation =
            super::evaluation_json(&run.project, &run.decision, &run.outcome, &run.views);
        out.push_str("    {\n");
        out.push_str(&format!("      \"lot\": {},\n", run.number));
        out.push_str(&format!(
            "      \"title\": {},\n",
            str(&lot_title(project, run.number))
        ));
        out.push_str(&format!("      \"award\": {},\n", indent(&award, "      ")));
        out.push_str(&format!(
            "      \"evaluation\": {}\n",
            indent(&evaluation, "      ")
        ));
        out.push_str(if i + 1 < runs.len() {
            "    },\n"
        } else {
            "    }\n"
        });
    }
    out.push_str("  ],\n");
    let steps = serde_json::to_string_pretty(&lots.allocation.steps).expect("steps serialise");
    out.push_str(&format!(
        "  \"allocation_steps\": {}\n}}\n",
        indent(&steps, "  ")
    ));
    out
}

fn lot_title(project: &Project, lot: u32) -> String {
    project
        .tender
        .lots
        .as_ref()
        .and_then(|l| l.lot(lot))
        .map(|l| l.title.clone())
        .unwrap_or_default()
}

/// The beoordelingsmatrix per lot: `intern/perceel-<n>/beoordelingsmatrix.xlsx`.
pub fn matrices(
    project: &Project,
    outline: &Outline,
    lots: &LotsOutcome,
    house: &HouseStyle,
) -> Result<Vec<OutFile>> {
    let Some(decision) = &project.decision else {
        return Ok(Vec::new());
    };
    runs(project, outline, decision, lots)
        .iter()
        .map(|run| {
            let mut file = super::matrix::out_file(
                &run.project,
                &run.views,
                &run.outcome,
                decision.consensus_on,
                house,
            )?;
            file.path = intern_lot_dir(project, run.number).join("beoordelingsmatrix.xlsx");
            Ok(file)
        })
        .collect()
}
