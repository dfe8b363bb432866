//! `gen status`: where the tender stands. Per question round its questions, the open ones
//! and its publication date; per bid whether it is complete (rates, scores, reasons); the
//! decision and its ranking; which documents in the output folder are missing or outdated
//! (their inputs' digests against the manifest's); and what to do next.

use std::fmt::Write;

use super::Build;
use super::incremental::{self, Inputs};
use crate::docs;
use crate::docs::procedure::definitive_award::AwardState;
use crate::error::{Diagnostic, Result};
use crate::evaluation::Outcome;
use crate::format;
use crate::model::Project;
use crate::model::award::BasisKind;
use crate::model::bids::Status as BidStatus;
use crate::model::procedure::definitive;
use crate::output::manifest;
use rust_decimal::Decimal;

/// A document's state in the output folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocState {
    Current,
    /// Its inputs changed since it was rendered, or the file was changed.
    Outdated,
    /// Not rendered yet (or deleted).
    Missing,
}

impl Build {
    /// The status report, for people.
    pub fn status(&self) -> Result<String> {
        let project = &self.project;
        let mut s = String::new();
        let mut next: Vec<String> = Vec::new();
        let t = &project.tender;
        let _ = writeln!(s, "{} {} (version {})", t.reference, t.title, t.version);

        let _ = writeln!(s, "\nQuestion rounds:");
        if project.nvi.is_empty() {
            let _ = writeln!(s, "  none yet");
        }
        for round in &project.nvi {
            let open = round
                .questions
                .iter()
                .filter(|q| q.answer.is_none())
                .count();
            let published = match round.published {
                Some(d) => format!("published {}", format::date(d)),
                None => "no publication date".to_string(),
            };
            let _ = writeln!(
                s,
                "  {:<18} {:>3} question(s), {} open, {published}",
                round.name,
                round.questions.len(),
                open
            );
            let flagged: Vec<u32> = round
                .questions
                .iter()
                .filter(|q| q.check_text().is_some())
                .map(|q| q.number)
                .collect();
            if !flagged.is_empty() {
                let _ = writeln!(
                    s,
                    "  {:<18} not publishable yet: question(s) {} flagged for review (`check:`)",
                    "",
                    numbers(&flagged)
                );
                next.push(format!(
                    "settle question(s) {} in {} and remove their `check:` (`gen check` says why)",
                    numbers(&flagged),
                    round.file.display()
                ));
            }
            if open > 0 {
                next.push(format!(
                    "answer the {open} open question(s) in {} (`gen nvi {} --draft` shows them marked)",
                    round.file.display(),
                    round.name
                ));
            }
            if round.published.is_none() {
                next.push(format!(
                    "set `published:` in {} to the NvI's publication date",
                    round.file.display()
                ));
            }
        }

        let _ = writeln!(s, "\nBids:");
        if project.bids.is_empty() {
            let _ = writeln!(s, "  none yet");
        }
        if let Some(lines) = self.lot_bid_lines() {
            for (bid, line, complete) in lines {
                if !complete {
                    next.push(format!("complete the bid in {}", bid.display()));
                }
                let _ = writeln!(s, "{line}");
            }
        }
        for bid in project.bids.iter().filter(|_| !t.divided()) {
            let line = bid_line(bid, self.outcome.as_ref());
            if !line.1 {
                next.push(format!("complete the bid in {}", bid.file.display()));
            }
            let _ = writeln!(s, "  {:<22} {}", bid.id, line.0);
        }

        let _ = writeln!(s, "\nDecision:");
        match (&project.decision, &self.outcome) {
            (Some(d), None) if self.lots.is_some() => {
                let _ = writeln!(s, "  letters dated {} (all lots)", format::date(d.sent_on));
                let _ = write!(s, "{}", self.lot_decisions(&mut next));
            }
            (Some(d), Some(outcome)) => {
                let _ = writeln!(
                    s,
                    "  letters dated {}; winner: {}",
                    format::date(d.sent_on),
                    winner_text(outcome)
                );
                let _ = write!(s, "{}", self.definitive(outcome, &mut next));
            }
            (Some(d), None) => {
                let _ = writeln!(s, "  letters dated {}; no bids", format::date(d.sent_on));
            }
            (None, _) => {
                let _ = writeln!(s, "  none yet");
                if !project.bids.is_empty() {
                    next.push(format!(
                        "record the decision in {} once the bids are scored",
                        project.dir.join("decision.yaml").display()
                    ));
                }
            }
        }

        let docs = self.document_states()?;
        let _ = writeln!(s, "\nDocuments in {}:", self.options.out.display());
        let mut stale = 0;
        for (file, state) in &docs {
            let label = match state {
                DocState::Current => "up to date",
                DocState::Outdated => "outdated",
                DocState::Missing => "missing",
            };
            if *state != DocState::Current {
                stale += 1;
            }
            let _ = writeln!(s, "  {label:<11} {}", file.display());
        }
        if stale > 0 {
            next.push(format!(
                "`gen all` renders the {stale} missing or outdated document(s){}",
                if project
                    .nvi
                    .iter()
                    .any(|r| r.questions.iter().any(|q| q.answer.is_none()))
                {
                    " (with open questions: `gen all --draft`)"
                } else {
                    ""
                }
            ));
        }
        if !project.warnings.is_empty() {
            next.push(format!(
                "look at the {} warning(s) of `gen check`",
                project.warnings.len()
            ));
        }

        let _ = writeln!(s, "\nNext:");
        if next.is_empty() {
            let _ = writeln!(s, "  nothing: every document is up to date");
        }
        for n in next {
            let _ = writeln!(s, "  - {n}");
        }
        Ok(s)
    }

    /// Every document of `gen all` (open rounds as drafts) with its state in the output folder.
    pub fn document_states(&self) -> Result<Vec<(std::path::PathBuf, DocState)>> {
        let mut ignored: Vec<Diagnostic> = Vec::new();
        let (plan, _) = self.plan_for_check(&mut ignored)?;
        let provenance = &self.provenance;
        let stamp = self
            .options
            .stamp
            .then(|| (provenance.footer(), provenance.keywords().join("\n")));
        let inputs = Inputs::new(
            self.renderer.dir(),
            &self.options.data,
            stamp.as_ref().map(|(f, k)| (f.as_str(), k.as_str())),
        );
        let out = &self.options.out;
        let previous = manifest::read(out, &self.project.tender.reference);
        let mut states = Vec::new();
        for job in &plan.jobs {
            let source = super::pipeline::source(&self.renderer, job)?;
            let state = if !out.join(&job.file).is_file() {
                DocState::Missing
            } else if incremental::unchanged(out, previous.as_ref(), job, &inputs.key(job, &source))
            {
                DocState::Current
            } else {
                DocState::Outdated
            };
            states.push((job.file.clone(), state));
        }
        // The other files (workbooks, evaluation.json) are made in memory: compared byte for byte.
        for file in &plan.files {
            let state = match std::fs::read(out.join(&file.path)) {
                Err(_) => DocState::Missing,
                Ok(bytes) if bytes == file.bytes => DocState::Current,
                Ok(_) => DocState::Outdated,
            };
            states.push((file.path.clone(), state));
        }
        Ok(states)
    }
}

/// A tender divided into lots: each bid per lot it tendered for, and each lot's winner.
impl Build {
    /// Per bid and lot: the bid's file, its line and whether it is complete (none when the
    /// tender is not divided).
    fn lot_bid_lines(&self) -> Option<Vec<(std::path::PathBuf, String, bool)>> {
        let project = &self.project;
        let lots = project.tender.lots.as_ref().filter(|l| l.divided)?;
        let mut out = Vec::new();
        for bid in &project.bids {
            if bid.lots.is_empty() {
                out.push((
                    bid.file.clone(),
                    format!("  {:<22} no lot named", bid.id),
                    false,
                ));
            }
            for lot in lots
                .items
                .iter()
                .filter(|l| bid.lots.contains_key(&l.number))
            {
                let Some(p) = project.lot(lot.number) else {
                    continue;
                };
                let Some(b) = p.bids.iter().find(|b| b.id == bid.id) else {
                    continue;
                };
                let outcome = self
                    .lots
                    .as_ref()
                    .and_then(|o| o.lot(lot.number))
                    .map(|(o, _)| o);
                let (line, complete) = bid_line(b, outcome);
                out.push((
                    bid.file.clone(),
                    format!("  {:<22} lot {}: {line}", bid.id, lot.number),
                    complete,
                ));
            }
        }
        Some(out)
    }

    /// Per lot its winner under its last decision (after the award limit, after a new
    /// decision) and where it stands for the definitive award: ready, waiting (until when) or
    /// blocked (why), with the next steps added to `next`.
    fn lot_decisions(&self, next: &mut Vec<String>) -> String {
        let mut s = String::new();
        let Some(lots) = &self.lots else { return s };
        let project = &self.project;
        let renewed = match docs::procedure::new_decision::renewed_lots(project, Some(lots)) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(s, "  new decision: {}", e.to_string().trim_end());
                next.push("correct new-decision.yaml (`gen check` says where)".into());
                None
            }
        };
        let first = self.lot_winners();
        // The chain: each new decision, who fell through, the lots it decided again.
        for r in renewed.iter().flat_map(|c| &c.steps) {
            let _ = writeln!(
                s,
                "  {} dated {} for lot(s) {}: {} fell through; the other lots' decisions stand",
                decision_name(r.number),
                format::date(
                    r.project
                        .decision
                        .as_ref()
                        .map(|d| d.sent_on)
                        .unwrap_or_default()
                ),
                numbers(&r.affected),
                r.view.fallen_id
            );
        }
        let states = docs::procedure::definitive_award::lot_states(project, lots, renewed.as_ref());
        for (line, state) in first.lines().zip(&states) {
            let _ = writeln!(s, "{line}");
            // The lot's winner after each new decision on it; the last one is the winner now.
            for r in renewed
                .iter()
                .flat_map(|c| &c.steps)
                .filter(|r| r.covers(state.number))
            {
                let winner = r
                    .lots
                    .lot(state.number)
                    .map(|(_, a)| award_text(a))
                    .unwrap_or_default();
                let _ = writeln!(s, "    after the {}: {winner}", decision_name(r.number));
            }
            let (text, step) = definitive_text(
                &state.state,
                state.standstill_end,
                state.renewed_on,
                &format!("lot {}: ", state.number),
                project,
            );
            let text = match (&state.state, &state.winner) {
                (_, None) => "not awarded: nobody may be awarded the lot".to_string(),
                _ => text,
            };
            let _ = writeln!(s, "    definitive award: {text}");
            if let (Some(step), Some(_)) = (step, &state.winner) {
                next.push(step);
            }
        }
        s
    }

    /// An undivided tender's new decision, when its winner fell through, and where the
    /// definitive award stands under the last decision; the next steps added to `next`.
    fn definitive(&self, outcome: &Outcome, next: &mut Vec<String>) -> String {
        let mut s = String::new();
        let project = &self.project;
        let last = match docs::procedure::new_decision::chain(project, Some(outcome)) {
            Ok(chain) => {
                // Each new decision, who fell through and its winner; the last one stands.
                for r in &chain {
                    let _ = writeln!(
                        s,
                        "  {} dated {}: {} fell through; winner: {}",
                        decision_name(r.number),
                        format::date(r.outcome.standstill.sent_on),
                        r.view.fallen_id,
                        winner_text(&r.outcome)
                    );
                }
                chain
                    .last()
                    .map_or_else(|| outcome.clone(), |r| r.outcome.clone())
            }
            Err(e) => {
                let _ = writeln!(s, "  new decision: {}", e.to_string().trim_end());
                next.push("correct new-decision.yaml (`gen check` says where)".into());
                return s;
            }
        };
        if last.evaluation.winner.is_none() {
            return s;
        }
        let state = docs::procedure::definitive_award::state(project, &last);
        let (text, step) = definitive_text(&state, last.standstill.end, None, "", project);
        let _ = writeln!(s, "  definitive award: {text}");
        next.extend(step);
        s
    }

    /// Per lot its winner after the award limit, and the bidder the limit passed over.
    fn lot_winners(&self) -> String {
        let mut s = String::new();
        let Some(lots) = &self.lots else { return s };
        for a in &lots.allocation.lots {
            let _ = writeln!(s, "  lot {}: winner: {}", a.lot, award_text(a));
        }
        s
    }
}

/// "new decision", "new decision 2", …: as the status names the decisions of the chain.
fn decision_name(number: usize) -> String {
    match number {
        1 => "new decision".to_string(),
        k => format!("new decision {k}"),
    }
}

/// The ranking per lot (after `gen award-letters` of a divided tender): each lot's own
/// ranking table and its winner after the award limit.
pub fn lot_ranking_tables(build: &Build) -> String {
    let mut s = String::new();
    let Some(lots) = &build.lots else { return s };
    for (n, outcome) in &lots.lots {
        let Some(p) = build.project.lot(*n) else {
            continue;
        };
        let title = build
            .project
            .tender
            .lots
            .as_ref()
            .and_then(|l| l.lot(*n))
            .map(|l| l.title.clone())
            .unwrap_or_default();
        let _ = write!(s, "\nLot {n}: {title}");
        s.push_str(&ranking_table(&p, outcome));
    }
    let _ = write!(
        s,
        "\nAward (after the award limit):\n{}",
        build.lot_winners()
    );
    s
}

/// A bid's line, and whether it is complete.
fn bid_line(bid: &crate::model::bids::Bid, outcome: Option<&Outcome>) -> (String, bool) {
    if bid.status == BidStatus::Excluded {
        return ("excluded".to_string(), true);
    }
    let unreasoned = bid
        .quality
        .values()
        .filter(|a| a.strengths.is_empty() && a.weaknesses.is_empty())
        .count();
    let mut missing = Vec::new();
    if bid.rates.is_empty() {
        missing.push("rates (`gen prices import`)".to_string());
    }
    if bid.quality.is_empty() {
        missing.push("scores".to_string());
    }
    if unreasoned > 0 {
        missing.push(format!("reasons for {unreasoned} score(s)"));
    }
    let ranked = outcome.and_then(|o| o.evaluation.ranking.iter().find(|r| r.id == bid.id));
    let facts = format!(
        "{} rate(s), {} score(s)",
        bid.rates.len(),
        bid.quality.len()
    );
    match (missing.is_empty(), ranked) {
        (true, Some(r)) => (
            format!(
                "complete: {facts}; rank {}, {} points",
                r.rank, r.total_points
            ),
            true,
        ),
        (true, None) => (format!("complete: {facts}"), true),
        (false, _) => (
            format!("incomplete: {facts}; missing {}", missing.join(", ")),
            false,
        ),
    }
}

/// The ranking as a table for the terminal (after `gen award-letters`), in the terms of the
/// award basis: points (price, quality, total), the lowest price (the total price only), or
/// gunnen op waarde (total price, quality points, their value, the fictitious price).
pub fn ranking_table(project: &Project, outcome: &Outcome) -> String {
    let name = |id: &str| {
        project
            .bids
            .iter()
            .find(|b| b.id == id)
            .map_or(id.to_string(), |b| b.name.clone())
    };
    let money = |d: Option<Decimal>| d.map(format::money).unwrap_or_default();
    let basis = project.award.basis.kind;
    let header: Vec<&str> = match basis {
        BasisKind::Points => vec![
            "rank",
            "bidder",
            "total price",
            "price points",
            "quality points",
            "total",
        ],
        BasisKind::LowestPrice => vec!["rank", "bidder", "total price"],
        BasisKind::Value { .. } => vec![
            "rank",
            "bidder",
            "total price",
            "quality points",
            "quality value",
            "fictitious price",
        ],
    };
    let rows: Vec<Vec<String>> = outcome
        .evaluation
        .ranking
        .iter()
        .map(|r| {
            let mut row = vec![
                r.rank.to_string(),
                name(&r.id),
                format::money(r.total_price),
            ];
            match basis {
                BasisKind::Points => row.extend([
                    r.price_points.to_string(),
                    r.quality_points.to_string(),
                    r.total_points.to_string(),
                ]),
                BasisKind::LowestPrice => {}
                BasisKind::Value { .. } => row.extend([
                    r.quality_points.to_string(),
                    money(r.quality_value),
                    money(r.fictitious_price),
                ]),
            }
            row
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    // The bidder's name (column 1) is left-aligned, every other column right-aligned.
    let line = |cells: &[&str]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                let fill = " ".repeat(w.saturating_sub(c.chars().count()));
                if i == 1 {
                    format!("{c}{fill}")
                } else {
                    format!("{fill}{c}")
                }
            })
            .collect();
        format!("  {}", padded.join("  "))
    };
    let mut s = String::from("\nRanking:\n");
    let _ = writeln!(s, "{}", line(&header));
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        let _ = writeln!(s, "{}", line(&cells));
    }
    for e in &outcome.evaluation.excluded {
        let _ = writeln!(
            s,
            "  {}  {} (excluded)",
            " ".repeat(widths[0].saturating_sub(1)) + "-",
            name(&e.id)
        );
    }
    s
}

/// A lot's winner after the award limit, and the bidders the limit passed over.
fn award_text(a: &crate::evaluation::lots::LotAward) -> String {
    match (&a.winner, a.moved) {
        (Some(w), false) => w.clone(),
        (Some(w), true) => format!(
            "{w} (rank {}; award limit: {} ranked above)",
            a.winner_rank.unwrap_or_default(),
            a.passed_over.join(", ")
        ),
        (None, _) if a.provisional.is_none() => "no valid bid".to_string(),
        (None, _) => "nobody left under the award limit".to_string(),
    }
}

/// A diagnostic as one line: `file:line:column: field: message`.
fn located(d: &Diagnostic) -> String {
    let place = match (d.line, d.column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", d.file.display()),
        _ => d.file.display().to_string(),
    };
    if d.field.is_empty() {
        format!("{place}: {}", d.message)
    } else {
        format!("{place}: {}: {}", d.field, d.message)
    }
}

/// `3, 7, 9`.
fn numbers(ns: &[u32]) -> String {
    ns.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

fn winner_text(outcome: &Outcome) -> &str {
    outcome
        .evaluation
        .winner
        .as_deref()
        .unwrap_or("no valid bid")
}

/// Where one award stands for its definitive award, in words, and the next step (`prefix`
/// names the lot in a divided tender; `renewed_on`: the date of its last new decision).
fn definitive_text(
    state: &AwardState,
    standstill_end: chrono::NaiveDate,
    renewed_on: Option<chrono::NaiveDate>,
    prefix: &str,
    project: &Project,
) -> (String, Option<String>) {
    match state {
        AwardState::Ready => ("ready for the definitive award".to_string(), None),
        AwardState::NotRecorded => (
            format!(
                "waiting: the standstill period ends on {}",
                format::weekday_date(standstill_end)
            ),
            Some(format!(
                "{prefix}after {}, record the definitive award in {}",
                format::weekday_date(standstill_end),
                project.dir.join(definitive::FILE).display()
            )),
        ),
        AwardState::Waiting(until, d) => (
            format!(
                "waiting until {} (the standstill period of the new decision{})",
                format::weekday_date(*until),
                renewed_on
                    .map(|d| format!(" of {}", format::date(d)))
                    .unwrap_or_default()
            ),
            Some(located(d)),
        ),
        AwardState::Blocked(why, d) => (format!("blocked: {why}"), Some(located(d))),
        AwardState::Invalid(d) => ("blocked: the record is wrong".to_string(), Some(located(d))),
    }
}
