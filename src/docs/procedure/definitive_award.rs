//! The definitive award (§2.8 of the invitation, art. 2.127 Aw 2012): to the winner the award
//! and the next step (signing the agreement), to every other bidder a notice. Made only once
//! `definitive-award.yaml` records that the standstill period ended without summary
//! proceedings, the evidence (§2.9, art. 2.89 Aw 2012) was found in order and the person finally
//! responsible approved; dated after the standstill's last day (computed with the Atw in
//! `crate::calendar`), never on or before it.
//!
//! A tender divided into lots: per lot (each its own award, art. 2.130 Aw 2012) the same letters
//! on the lot's projection `Project::lot(n)`, its outcome after the award limit and its part
//! of the record (`DefinitiveAward::for_lot`), to the bidders that tendered for the lot:
//! `definitieve-gunning/perceel-<n>/definitieve-gunning-<bidder>.pdf`, naming the lot.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;
use tera::Context;

use super::{Head, PersonView};
use crate::docs::procedure::new_decision::RenewedLots;
use crate::docs::{self, DocMeta, Job, Plan, RunOptions, folder};
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::evaluation::Outcome;
use crate::evaluation::per_lot::LotsOutcome;
use crate::model::Project;
use crate::model::procedure::definitive::{DefinitiveAward, FILE};

pub(crate) const TEMPLATE: &str = "procedure/definitieve-gunning.typ.tera";

pub fn dir(project: &Project) -> PathBuf {
    folder(project).join("definitieve-gunning")
}

pub fn file(project: &Project, bidder: &str) -> PathBuf {
    dir(project).join(format!("definitieve-gunning-{bidder}.pdf"))
}

/// A letter of lot `lot`: `definitieve-gunning/perceel-<n>/definitieve-gunning-<bidder>.pdf`.
pub fn lot_file(project: &Project, lot: u32, bidder: &str) -> PathBuf {
    dir(project)
        .join(format!("perceel-{lot}"))
        .join(format!("definitieve-gunning-{bidder}.pdf"))
}

/// The lot a letter concerns (context `common.lot`), in a divided tender.
#[derive(Debug, Clone, Serialize)]
struct LotNames {
    number: u32,
    title: String,
}

/// The lot being written for, with the whole file's record (to name the field of an error
/// where the file has it: at the top or under `lots.<n>`).
struct LotPart<'a> {
    names: LotNames,
    record: Option<&'a DefinitiveAward>,
    /// Whether the lot's last decision is a new one (`new-decision.yaml`), and which (1-based).
    renewed: bool,
    number: Option<usize>,
}

#[derive(Debug, Serialize)]
struct Common {
    #[serde(flatten)]
    head: Head,
    place: String,
    sent_on: String,
    decision_sent_on: String,
    standstill_end: String,
    winner: String,
    /// Whether every piece of evidence arrived within the §2.9 working days.
    evidence_in_time: bool,
    agreement: Option<String>,
    sign_by: String,
    signatory: PersonView,
    contact_name: String,
    contact_function: String,
    contact_email: String,
    lot: Option<LotNames>,
}

#[derive(Debug, Serialize)]
struct Letter {
    kind: &'static str,
    kenmerk: String,
    name: String,
    contact: String,
    address: Vec<String>,
    salutation: String,
}

/// The letters; `required`: `gen definitive-award` asked for them, so missing data is an
/// error (in `gen all` it means "not yet"). An undivided tender has one award: whatever keeps
/// it from being awarded is an error.
pub fn plan(
    project: &Project,
    outcome: Option<&Outcome>,
    opts: &RunOptions,
    required: bool,
) -> Result<Plan> {
    match assess(project, outcome, None) {
        Assessed::Ready(ready) => Ok(letters(project, &ready, opts)),
        Assessed::Absent(_) if !required => Ok(Plan::default()),
        Assessed::Absent(d)
        | Assessed::Waiting(d, _)
        | Assessed::Blocked(_, d)
        | Assessed::Invalid(d) => Err(located(d)),
    }
}

/// A lot's decision as the definitive award follows it: the last one (the last new decision
/// on the lot when it has one: `nieuw-voornemen/`, `nieuw-voornemen-2/`, …), on the lot's
/// projection.
struct LastDecision {
    number: u32,
    project: Project,
    outcome: Outcome,
    /// Whether it is a new decision (after a winner fell through).
    renewed: bool,
    /// Which new decision (1-based), when it is one.
    decision_number: Option<usize>,
}

fn last_decisions(
    project: &Project,
    lots: &LotsOutcome,
    renewed: Option<&RenewedLots>,
) -> Vec<LastDecision> {
    let mut out = Vec::new();
    for (number, _) in &lots.lots {
        let again = renewed.and_then(|r| r.last_for(*number));
        let (source, outcomes) = match again {
            Some(r) => (&r.project, &r.lots),
            None => (project, lots),
        };
        let (Some((outcome, award)), Some(mut lot)) = (outcomes.lot(*number), source.lot(*number))
        else {
            continue;
        };
        let record = project.procedure.definitive.as_ref();
        lot.procedure.definitive = record.map(|d| d.for_lot(*number));
        out.push(LastDecision {
            number: *number,
            project: lot,
            outcome: crate::docs::award::lots::awarded(outcome, award),
            renewed: again.is_some(),
            decision_number: again.map(|r| r.number),
        });
    }
    out
}

/// Where one lot stands for its definitive award (`gen status`).
pub struct LotStatus {
    pub number: u32,
    /// The winner after the award limit under the lot's last decision (none: not awarded).
    pub winner: Option<String>,
    /// The day of the lot's new decision, when it has one.
    pub renewed_on: Option<NaiveDate>,
    /// The last day of the lot's standstill period.
    pub standstill_end: NaiveDate,
    pub state: AwardState,
}

pub enum AwardState {
    Ready,
    /// No definitive-award.yaml yet.
    NotRecorded,
    /// Until the day given (the new decision's standstill): what to do then.
    Waiting(NaiveDate, Diagnostic),
    /// Why the record keeps the lot from being awarded (in a few words), and the full message
    /// with what to do next.
    Blocked(&'static str, Diagnostic),
    /// The record contradicts itself or the decision: an error.
    Invalid(Diagnostic),
}

/// Where an undivided tender stands for its definitive award (`gen status`), under its last
/// decision (`outcome`: the new decision's when there is one).
pub fn state(project: &Project, outcome: &Outcome) -> AwardState {
    award_state(assess(project, Some(outcome), None))
}

/// Every lot's state for the definitive award, under its last decision.
pub fn lot_states(
    project: &Project,
    lots: &LotsOutcome,
    renewed: Option<&RenewedLots>,
) -> Vec<LotStatus> {
    last_decisions(project, lots, renewed)
        .into_iter()
        .map(|last| LotStatus {
            number: last.number,
            winner: last.outcome.evaluation.winner.clone(),
            renewed_on: last
                .renewed
                .then(|| last.project.decision.as_ref().map(|d| d.sent_on))
                .flatten(),
            standstill_end: last.outcome.standstill.end,
            state: award_state(assess(
                &last.project,
                Some(&last.outcome),
                Some(&part(project, &last)),
            )),
        })
        .collect()
}

fn award_state(assessed: Assessed) -> AwardState {
    match assessed {
        Assessed::Ready(_) => AwardState::Ready,
        Assessed::Absent(_) => AwardState::NotRecorded,
        Assessed::Waiting(d, until) => AwardState::Waiting(until, located_one(d)),
        Assessed::Blocked(why, d) => AwardState::Blocked(why, located_one(d)),
        Assessed::Invalid(d) => AwardState::Invalid(located_one(d)),
    }
}

/// The letters of every lot of a divided tender that can be awarded, each lot under its last
/// decision (`renewed`: the new decision on some lots) with its outcome after the award limit.
/// The lots are independent (each its own award, art. 2.130 Aw 2012): a lot the record keeps
/// from being awarded yet (summary proceedings, evidence not in order, its new decision's
/// standstill not over) is skipped with a warning naming file, line and field and what to do
/// next, and the others are written. Data that contradicts itself is an error, nothing
/// written; and so is, for `gen definitive-award` (`required`), having no lot to award.
pub fn lots_plan(
    project: &Project,
    lots: &LotsOutcome,
    renewed: Option<&RenewedLots>,
    opts: &RunOptions,
    required: bool,
) -> Result<(Plan, Vec<Diagnostic>)> {
    let mut plan = Plan::default();
    let (mut skipped, mut errors, mut absent) = (Vec::new(), Vec::new(), None);
    for last in last_decisions(project, lots, renewed) {
        let lot = part(project, &last);
        match assess(&last.project, Some(&last.outcome), Some(&lot)) {
            Assessed::Ready(ready) => plan.add(letters(&last.project, &ready, opts)),
            Assessed::Absent(d) => absent = Some(d),
            Assessed::Waiting(d, _) | Assessed::Blocked(_, d) => {
                skipped.push(with_severity(d, Severity::Warning))
            }
            Assessed::Invalid(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(crate::model::locate::located(errors));
    }
    if plan.jobs.is_empty() && required {
        let mut all: Vec<Diagnostic> = absent.into_iter().collect();
        all.extend(
            skipped
                .iter()
                .cloned()
                .map(|d| with_severity(d, Severity::Error)),
        );
        if !all.is_empty() {
            return Err(crate::model::locate::located(all));
        }
    }
    crate::model::locate::fill(&mut skipped);
    Ok((plan, skipped))
}

fn part<'a>(project: &'a Project, last: &LastDecision) -> LotPart<'a> {
    LotPart {
        names: LotNames {
            number: last.number,
            title: project
                .tender
                .lots
                .as_ref()
                .and_then(|l| l.lot(last.number))
                .map(|l| l.title.clone())
                .unwrap_or_default(),
        },
        record: project.procedure.definitive.as_ref(),
        renewed: last.renewed,
        number: last.decision_number,
    }
}

fn with_severity(d: Diagnostic, severity: Severity) -> Diagnostic {
    Diagnostic { severity, ..d }
}

fn located(d: Diagnostic) -> Error {
    crate::model::locate::located(vec![d])
}

fn located_one(d: Diagnostic) -> Diagnostic {
    let mut v = vec![d];
    crate::model::locate::fill(&mut v);
    v.remove(0)
}

/// What the record allows for one award (an undivided tender, or one lot under its last
/// decision).
enum Assessed {
    Ready(Box<Ready>),
    /// No record (or no decision) yet.
    Absent(Diagnostic),
    /// The lot's new decision's standstill is not over on the day of the definitive award.
    Waiting(Diagnostic, NaiveDate),
    /// Recorded: cannot be awarded yet (proceedings, evidence not in order, the new winner's
    /// evidence or standstill check not recorded): why in a few words, and the message.
    Blocked(&'static str, Diagnostic),
    Invalid(Diagnostic),
}

/// Everything the letters of one award need, once the record allows it.
struct Ready {
    common: Common,
    winner_id: String,
    sent_on: NaiveDate,
    title: String,
    lot: Option<u32>,
}

fn assess(project: &Project, outcome: Option<&Outcome>, lot: Option<&LotPart>) -> Assessed {
    let file = project.dir.join(FILE);
    let lot_number = lot.map(|l| l.names.number);
    // The field as the file has it (a lot's own value sits under `lots.<n>`).
    let at = |field: &str| match lot.and_then(|l| l.record.map(|r| (l.names.number, r))) {
        Some((n, record)) => record.lot_field(n, field),
        None => field.to_string(),
    };
    // A lot's messages say which lot.
    let of_lot = |message: String| match lot_number {
        Some(n) => format!("lot {n}: {message}"),
        None => message,
    };
    let diag = |field: &str, message: String| Diagnostic::new(&file, at(field), of_lot(message));
    let (Some(decision), Some(outcome)) = (&project.decision, outcome) else {
        return Assessed::Absent(diag(
            "",
            "there is no award decision yet (decision.yaml and bids/)".into(),
        ));
    };
    let end = outcome.standstill.end;
    let Some(d) = &project.procedure.definitive else {
        return Assessed::Absent(diag(
            "",
            format!(
                "the standstill period ends on {}: after it, record in {FILE} that it passed without summary proceedings and that the evidence was found in order",
                crate::format::weekday_date(end)
            ),
        ));
    };
    // A renewed lot's record may have been written for an earlier decision's winner: the
    // shared record (for the first decision's winners), or the lot's own when another new
    // decision on the lot followed it. Then it does not yet speak for the new winner: the lot
    // waits or is blocked, the record is not wrong.
    let renewed = lot.is_some_and(|l| l.renewed);
    let new_decision = |what: &str| {
        format!(
            "{what} of the new award decision of {} ({}/)",
            crate::format::date(decision.sent_on),
            crate::docs::award::renewal::folder_name(lot.and_then(|l| l.number).unwrap_or(1))
        )
    };
    // A winner falling through is recorded in new-decision.yaml: a first record, or one more
    // on the last decision.
    let fall_through = match &project.procedure.new_decision {
        None => format!(
            "record it in {}",
            crate::model::procedure::new_decision::FILE
        ),
        Some(_) => format!(
            "add a record to the list in {} (`- sent_on: …`), a new decision on the last one",
            crate::model::procedure::new_decision::FILE
        ),
    };
    // The standstill period (art. 2.127 Aw 2012) must have ended: from the day after its
    // last day, never on it. A lot's new decision runs its own (computed from its date):
    // until it ends the lot waits, the others are awarded.
    if d.sent_on <= end || d.standstill.checked_on <= end {
        let field = if d.sent_on <= end {
            "sent_on"
        } else {
            "standstill.checked_on"
        };
        if renewed {
            return Assessed::Waiting(
                diag(
                    field,
                    format!(
                        "{} ends on {}: this lot is awarded definitively from the next day; then record its own definitive award under `lots.{}` (`sent_on`, `standstill`, the new winner's `evidence`)",
                        new_decision("the standstill period"),
                        crate::format::weekday_date(end),
                        lot_number.unwrap_or_default()
                    ),
                ),
                end,
            );
        }
        return Assessed::Invalid(diag(
            field,
            format!(
                "the standstill period ends on {}: the definitive award can be sent from the next day, not before",
                crate::format::weekday_date(end)
            ),
        ));
    }
    if d.evidence.requested_on < decision.sent_on {
        if renewed {
            return Assessed::Blocked(
                "the new winner's evidence is not recorded",
                diag(
                    "evidence.requested_on",
                    format!(
                        "the evidence recorded here is of an earlier decision's winner; request it from the new winner after {} and record it under `lots.{}.evidence`",
                        new_decision("the letters"),
                        lot_number.unwrap_or_default()
                    ),
                ),
            );
        }
        return Assessed::Invalid(diag(
            "evidence.requested_on",
            format!(
                "the evidence is requested after the award decision of {} (§2.9), not before",
                crate::format::date(decision.sent_on)
            ),
        ));
    }
    if d.standstill.proceedings {
        return Assessed::Blocked(
            "summary proceedings (kort geding) recorded",
            diag(
            "standstill.proceedings",
            "summary proceedings were started: the contract is awarded only after the judgment (§2.8); record the outcome first".into(),
        ));
    }
    if let Some(i) = d.evidence.documents.iter().position(|e| !e.in_order) {
        let field = format!("evidence.documents.{i}.in_order");
        if renewed {
            return Assessed::Blocked(
                "the new winner's evidence is not in order",
                diag(
                    &field,
                    format!(
                        "the evidence of the new decision's winner is not in order: it cannot be awarded; a further award decision to the next-ranked bidder is needed (§2.8): {fall_through}, with `fell_through.lots: [{}]` when it fails a requirement of this lot only",
                        lot_number.unwrap_or_default()
                    ),
                ),
            );
        }
        return Assessed::Blocked(
            "the winner's evidence is not in order",
            diag(
                &field,
                format!(
                    "the evidence is not in order: the intended winner cannot be awarded; a new award decision to the next-ranked bidder is needed (§2.8: {}{})",
                    fall_through,
                    match lot_number {
                        Some(n) => format!(
                            ", `fell_through.lots: [{n}]` when it fails a requirement of this lot only"
                        ),
                        None => String::new(),
                    }
                ),
            ),
        );
    }
    let Some(winner_id) = &outcome.evaluation.winner else {
        return Assessed::Blocked(
            "no winner",
            diag(
                "sent_on",
                "no bid may be awarded: there is no winner to award".into(),
            ),
        );
    };
    let winner = project
        .bids
        .iter()
        .find(|b| &b.id == winner_id)
        .expect("the winner is a bid");
    let common = Common {
        head: Head::of(project),
        place: decision.place.clone(),
        sent_on: d.sent_on.to_string(),
        decision_sent_on: decision.sent_on.to_string(),
        standstill_end: end.to_string(),
        winner: winner.name.clone(),
        evidence_in_time: {
            let deadline = d.evidence_deadline(project);
            d.evidence
                .documents
                .iter()
                .all(|e| e.received_on <= deadline)
        },
        agreement: project
            .requirements
            .annex("framework_agreement")
            .map(|a| format!("bijlage {} ({})", a.letter, a.title)),
        sign_by: d.sign_by.to_string(),
        signatory: (&decision.signatory).into(),
        contact_name: decision.contact.name.clone(),
        contact_function: decision.contact.function.clone(),
        contact_email: decision.contact.email.clone(),
        lot: lot.map(|l| l.names.clone()),
    };
    let title = match lot {
        Some(l) => format!(
            "Definitieve gunning perceel {}: {}",
            l.names.number, l.names.title
        ),
        None => "Definitieve gunning".to_string(),
    };
    Assessed::Ready(Box::new(Ready {
        common,
        winner_id: winner_id.clone(),
        sent_on: d.sent_on,
        title,
        lot: lot_number,
    }))
}

/// The award to the winner and a notice to every other bidder.
fn letters(project: &Project, ready: &Ready, opts: &RunOptions) -> Plan {
    let t = &project.tender;
    let common = tera::Value::from_serializable(&ready.common);
    let meta = DocMeta::new(project, &ready.title, ready.sent_on, opts);
    let doc = tera::Value::from_serializable(&meta);
    let mut plan = Plan::default();
    for bid in &project.bids {
        let kind = if bid.id == ready.winner_id {
            "winner"
        } else {
            "notice"
        };
        let letter = Letter {
            kind,
            kenmerk: match ready.lot {
                Some(n) => format!("{}/DG/perceel-{n}/{}", t.reference, bid.id),
                None => format!("{}/DG/{}", t.reference, bid.id),
            },
            name: bid.name.clone(),
            contact: bid.contact.name.clone(),
            address: bid.address.clone(),
            salutation: bid.contact.salutation(),
        };
        let mut context = Context::new();
        context.insert_value("doc", doc.clone());
        context.insert_value("common", common.clone());
        context.insert("letter", &letter);
        plan.jobs.push(Job {
            file: match ready.lot {
                Some(n) => lot_file(project, n, &bid.id),
                None => file(project, &bid.id),
            },
            title: format!("{} – {}", ready.title, bid.name),
            template: TEMPLATE,
            context: docs::Context::ready(context),
            date: ready.sent_on,
        });
    }
    plan
}
