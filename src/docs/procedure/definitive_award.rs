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

use serde::Serialize;
use tera::Context;

use super::{Head, PersonView};
use crate::docs::{self, DocMeta, Job, Plan, RunOptions, folder};
use crate::error::{Diagnostic, Error, Result};
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
    record: &'a DefinitiveAward,
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
/// error (in `gen all` it means "not yet").
pub fn plan(
    project: &Project,
    outcome: Option<&Outcome>,
    opts: &RunOptions,
    required: bool,
) -> Result<Plan> {
    plan_in(project, outcome, opts, required, None)
}

/// The letters of every lot of a divided tender, each lot on its projection with its outcome
/// after the award limit.
pub fn lots_plan(
    project: &Project,
    lots: &LotsOutcome,
    opts: &RunOptions,
    required: bool,
) -> Result<Plan> {
    let mut plan = Plan::default();
    for (number, _) in &lots.lots {
        let (Some((outcome, award)), Some(mut lot)) = (lots.lot(*number), project.lot(*number))
        else {
            continue;
        };
        let record = project.procedure.definitive.as_ref();
        lot.procedure.definitive = record.map(|d| d.for_lot(*number));
        let outcome = crate::docs::award::lots::awarded(outcome, award);
        let part = record.map(|record| LotPart {
            names: LotNames {
                number: *number,
                title: project
                    .tender
                    .lots
                    .as_ref()
                    .and_then(|l| l.lot(*number))
                    .map(|l| l.title.clone())
                    .unwrap_or_default(),
            },
            record,
        });
        plan.add(plan_in(&lot, Some(&outcome), opts, required, part)?);
    }
    Ok(plan)
}

fn plan_in(
    project: &Project,
    outcome: Option<&Outcome>,
    opts: &RunOptions,
    required: bool,
    lot: Option<LotPart>,
) -> Result<Plan> {
    let file_of = || project.dir.join(FILE);
    let lot_number = lot.as_ref().map(|l| l.names.number);
    // The field as the file has it (a lot's own value sits under `lots.<n>`).
    let at = |field: &str| match &lot {
        Some(l) => l.record.lot_field(l.names.number, field),
        None => field.to_string(),
    };
    // A lot's refusals say which lot.
    let of_lot = |message: String| match lot_number {
        Some(n) => format!("lot {n}: {message}"),
        None => message,
    };
    // Located (file:line) where the field is written.
    let fail = |field: &str, message: String| {
        let mut d = vec![Diagnostic::new(file_of(), at(field), of_lot(message))];
        crate::model::locate::fill(&mut d);
        Error::Data(d)
    };
    let refuse = |field: &str, message: String| -> Result<Plan> {
        if required {
            Err(fail(field, message))
        } else {
            Ok(Plan::default())
        }
    };
    let (Some(decision), Some(outcome)) = (&project.decision, outcome) else {
        return refuse(
            "",
            "there is no award decision yet (decision.yaml and bids/)".into(),
        );
    };
    let end = outcome.standstill.end;
    let Some(d) = &project.procedure.definitive else {
        return refuse(
            "",
            format!(
                "the standstill period ends on {}: after it, record in {FILE} that it passed without summary proceedings and that the evidence was found in order",
                crate::format::weekday_date(end)
            ),
        );
    };
    // The standstill period (art. 2.127 Aw 2012) must have ended: from the day after its
    // last day, never on it. This is refused in `gen all` too: the data is wrong.
    if d.sent_on <= end || d.standstill.checked_on <= end {
        let field = if d.sent_on <= end {
            "sent_on"
        } else {
            "standstill.checked_on"
        };
        return Err(fail(
            field,
            format!(
                "the standstill period ends on {}: the definitive award can be sent from the next day, not before",
                crate::format::weekday_date(end)
            ),
        ));
    }
    if d.evidence.requested_on < decision.sent_on {
        return Err(fail(
            "evidence.requested_on",
            format!(
                "the evidence is requested after the award decision of {} (§2.9), not before",
                crate::format::date(decision.sent_on)
            ),
        ));
    }
    if d.standstill.proceedings {
        return Err(fail(
            "standstill.proceedings",
            "summary proceedings were started: the contract is awarded only after the judgment (§2.8); record the outcome first".into(),
        ));
    }
    if let Some(i) = d.evidence.documents.iter().position(|e| !e.in_order) {
        return Err(fail(
            &format!("evidence.documents.{i}.in_order"),
            "the evidence is not in order: the intended winner cannot be awarded; a new award decision to the next-ranked bidder is needed (§2.8)".into(),
        ));
    }
    let Some(winner_id) = &outcome.evaluation.winner else {
        return Err(fail(
            "sent_on",
            "no bid is valid: there is no winner to award".into(),
        ));
    };
    let winner = project
        .bids
        .iter()
        .find(|b| &b.id == winner_id)
        .expect("the winner is a bid");
    let t = &project.tender;
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
        lot: lot.as_ref().map(|l| l.names.clone()),
    };
    let common = tera::Value::from_serializable(&common);
    let title = match &lot {
        Some(l) => format!(
            "Definitieve gunning perceel {}: {}",
            l.names.number, l.names.title
        ),
        None => "Definitieve gunning".to_string(),
    };
    let meta = DocMeta::new(project, &title, d.sent_on, opts);
    let doc = tera::Value::from_serializable(&meta);
    let mut plan = Plan::default();
    for bid in &project.bids {
        let kind = if &bid.id == winner_id {
            "winner"
        } else {
            "notice"
        };
        let letter = Letter {
            kind,
            kenmerk: match lot_number {
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
            file: match lot_number {
                Some(n) => lot_file(project, n, &bid.id),
                None => file(project, &bid.id),
            },
            title: format!("{title} – {}", bid.name),
            template: TEMPLATE,
            context: docs::Context::ready(context),
            date: d.sent_on,
        });
    }
    Ok(plan)
}

/// Whether the record allows the definitive award (for status displays).
pub fn ready(project: &Project, outcome: &Outcome) -> bool {
    project
        .procedure
        .definitive
        .as_ref()
        .is_some_and(|d: &DefinitiveAward| {
            d.sent_on > outcome.standstill.end
                && !d.standstill.proceedings
                && d.evidence.documents.iter().all(|e| e.in_order)
        })
}
