//! `data/definitive-award.yaml`: what must be true before the contract is awarded definitively
//! (§2.8 and §2.9 of the invitation): the standstill period ended without summary proceedings
//! (art. 2.127 Aw 2012), the evidence the intended winner had to supply (art. 2.89 Aw 2012) was
//! received and found in order, and the person finally responsible approved. The standstill's
//! end date is computed from `decision.yaml` (never typed); the documents refuse an award dated
//! on or before it.
//!
//! In a tender divided into lots every lot is a separate award (art. 2.130 Aw 2012), but the
//! definitive awards are sent at one moment: the fields at the top are shared by every lot, and
//! `lots.<number>` overrides what differs for one lot (mirroring decision.yaml): its standstill
//! check, the evidence of its winner, the day to sign, and the day it is sent and approved when
//! the lot is awarded later than the others (a new award decision on it, a judgment awaited):
//! each lot is awarded on its own, and one lot that cannot be awarded yet does not hold up
//! the others. Lots with the same winner share the evidence at the top:
//!
//! ```yaml
//! sent_on: 2027-05-12          # shared: all definitive awards at the same moment
//! evidence: { ... }            # lots 1 and 2: van-der-meer
//! lots:
//!   3:
//!     evidence: { ... }        # lot 3: kantoorinrichting-noord
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Person;
use crate::calendar::Holidays;
use crate::error::Diagnostic;
use crate::model::Project;

pub const FILE: &str = "definitive-award.yaml";

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DefinitiveAward {
    /// The day the definitive award (and the notices) are sent; also their date.
    pub sent_on: NaiveDate,
    pub standstill: StandstillRecord,
    pub evidence: EvidenceRecord,
    /// The approval of the person finally responsible (§2.8: "Wij moeten eerst goedkeuring
    /// krijgen van een eindverantwoordelijke").
    pub approval: Approval,
    /// The day by which the winner returns the signed agreement.
    pub sign_by: NaiveDate,
    /// A tender divided into lots: per lot number what differs from the shared fields above.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lots: BTreeMap<u32, LotDefinitive>,
}

/// One lot's own part of the definitive award (`lots.<number>`): each field, when given,
/// replaces the shared one for that lot.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LotDefinitive {
    /// The day this lot's definitive award is sent, when not with the others (a lot under a
    /// new award decision, whose standstill ends later; a lot that waited for a judgment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standstill: Option<StandstillRecord>,
    /// The evidence of this lot's winner, when it is another bidder than the shared record's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_by: Option<NaiveDate>,
    /// The approval for this lot, when given apart from the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StandstillRecord {
    /// Whether summary proceedings (kort geding) were served within the period.
    pub proceedings: bool,
    /// The day this was checked (after the period's last day).
    pub checked_on: NaiveDate,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRecord {
    /// The day the evidence was requested (the §2.9 period of working days starts then).
    pub requested_on: NaiveDate,
    /// One entry per document of tender.yaml `evidence.documents`, in the same order.
    pub documents: Vec<EvidenceReceived>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceReceived {
    pub received_on: NaiveDate,
    /// Whether the document shows that the bidder meets the requirement.
    pub in_order: bool,
    #[serde(default)]
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub by: Person,
    pub on: NaiveDate,
}

impl DefinitiveAward {
    /// The record as lot `number` uses it: the shared fields with the lot's own replacing them.
    pub fn for_lot(&self, number: u32) -> DefinitiveAward {
        let own = self.lots.get(&number).cloned().unwrap_or_default();
        DefinitiveAward {
            sent_on: own.sent_on.unwrap_or(self.sent_on),
            approval: own.approval.unwrap_or_else(|| self.approval.clone()),
            standstill: own.standstill.unwrap_or_else(|| self.standstill.clone()),
            evidence: own.evidence.unwrap_or_else(|| self.evidence.clone()),
            sign_by: own.sign_by.unwrap_or(self.sign_by),
            lots: BTreeMap::new(),
        }
    }

    /// Where `field` of lot `number`'s record (`for_lot`) is written in the file: under
    /// `lots.<number>` when the lot gives its own value, else at the top.
    pub fn lot_field(&self, number: u32, field: &str) -> String {
        let Some(own) = self.lots.get(&number) else {
            return field.to_string();
        };
        let head = field.split('.').next().unwrap_or_default();
        let overridden = match head {
            "standstill" => own.standstill.is_some(),
            "evidence" => own.evidence.is_some(),
            "sign_by" => own.sign_by.is_some(),
            "sent_on" => own.sent_on.is_some(),
            "approval" => own.approval.is_some(),
            _ => false,
        };
        if overridden {
            format!("lots.{number}.{field}")
        } else {
            field.to_string()
        }
    }

    pub(crate) fn file(project: &Project) -> PathBuf {
        project.dir.join(FILE)
    }

    /// The last day for the evidence: the §2.9 number of working days (Atw holidays excluded)
    /// after the request.
    pub fn evidence_deadline(&self, project: &Project) -> NaiveDate {
        let days = project.tender.evidence.deadline_working_days;
        let holidays = match &project.decision {
            Some(d) => Holidays::new(&d.decree_days),
            None => Holidays::default(),
        };
        let mut day = self.evidence.requested_on;
        for _ in 0..days {
            day = holidays.next_working_day_on_or_after(day + chrono::Days::new(1));
        }
        day
    }
}

pub(crate) fn validate(d: &DefinitiveAward, project: &Project, out: &mut Vec<Diagnostic>) {
    let file = DefinitiveAward::file(project);
    let Some(lots) = project.tender.lots.as_ref().filter(|l| l.divided) else {
        if !d.lots.is_empty() {
            out.push(Diagnostic::new(
                &file,
                "lots",
                "this tender is not divided into lots (tender.yaml `lots.divided: false`): give the definitive award at the top of the file only",
            ));
        }
        return validate_one(d, project, out);
    };
    for number in d.lots.keys() {
        super::declared_lot(lots, *number, &file, out);
    }
    // Each lot's record as its letters use it; a shared field's finding is reported once.
    let mut found: Vec<Diagnostic> = Vec::new();
    for lot in &lots.items {
        let Some(projected) = project.lot(lot.number) else {
            continue;
        };
        let mut own = Vec::new();
        validate_one(&d.for_lot(lot.number), &projected, &mut own);
        super::add_once(&mut found, own, |f| d.lot_field(lot.number, f));
    }
    out.extend(found);
}

/// The rules of one award's record (an undivided tender, or one lot's `for_lot`).
fn validate_one(d: &DefinitiveAward, project: &Project, out: &mut Vec<Diagnostic>) {
    let file = DefinitiveAward::file(project);
    // Without an award decision the record is not used (`gen definitive-award` refuses).
    let Some(decision) = &project.decision else {
        out.push(Diagnostic::warning(
            &file,
            "",
            "no award decision (decision.yaml): the definitive award is not written",
        ));
        return;
    };
    let wanted = project.tender.evidence.documents.len();
    if d.evidence.documents.len() != wanted {
        out.push(Diagnostic::new(
            &file,
            "evidence.documents",
            format!(
                "give one entry per evidence document of tender.yaml (evidence.documents: {wanted}), in the same order; found {}",
                d.evidence.documents.len()
            ),
        ));
    }
    // §2.9: the evidence is requested after the award decision. Refused when the letters are
    // made (`docs::procedure::definitive_award`); a warning here, since the decision may be
    // re-dated before the procedure gets this far.
    if d.evidence.requested_on < decision.sent_on {
        out.push(Diagnostic::warning(
            &file,
            "evidence.requested_on",
            format!(
                "evidence is requested after the award decision ({})",
                decision.sent_on
            ),
        ));
    }
    let deadline = d.evidence_deadline(project);
    for (i, e) in d.evidence.documents.iter().enumerate() {
        let field = |f: &str| format!("evidence.documents.{i}.{f}");
        if e.received_on < d.evidence.requested_on {
            out.push(Diagnostic::new(
                &file,
                field("received_on"),
                "received before it was requested",
            ));
        }
        if e.received_on > deadline {
            out.push(Diagnostic::warning(
                &file,
                field("received_on"),
                format!("received after the deadline of §2.9 ({deadline}): record whether it was accepted"),
            ));
        }
        if !e.in_order && e.remarks.as_deref().is_none_or(|r| r.trim().is_empty()) {
            out.push(Diagnostic::new(
                &file,
                field("remarks"),
                "say what is wrong with the evidence",
            ));
        }
        if e.received_on > d.sent_on {
            out.push(Diagnostic::new(
                &file,
                field("received_on"),
                "received after the definitive award was sent",
            ));
        }
    }
    if d.approval.on > d.sent_on {
        out.push(Diagnostic::new(
            &file,
            "approval.on",
            "the approval comes before the definitive award is sent",
        ));
    }
    if d.standstill.checked_on > d.sent_on {
        out.push(Diagnostic::new(
            &file,
            "standstill.checked_on",
            "check for proceedings before sending the definitive award",
        ));
    }
    if d.sign_by <= d.sent_on {
        out.push(Diagnostic::new(
            &file,
            "sign_by",
            "the day to return the signed agreement comes after the definitive award",
        ));
    }
}
