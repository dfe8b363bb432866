//! `decision.yaml` in a tender divided into lots: what is one moment for all letters (sending
//! date, place, signatory, contact, committee) stays at the top, shared by every lot; what a
//! lot decides on its own is under `lots.<number>`: the recorded winner (after the award
//! limit) and the record of a lottery that broke a tie in that lot's ranking. Each lot is a
//! separate award decision (art. 2.130 Aw 2012 applies per lot):
//!
//! ```yaml
//! sent_on: 2026-09-09          # shared: all letters of all lots are sent at the same moment
//! ...
//! lots:
//!   1: { winner: arbo-noord }
//!   2:
//!     winner: werkfit
//!     lottery: { date: 2026-09-02, order: [werkfit, arbogroep-t-zandt] }
//! ```

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::model::Project;
use crate::model::bids::{Decision, Lottery};
use crate::model::tender::Lots;

/// One lot's part of the award decision (`lots.<number>` in decision.yaml).
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LotDecision {
    /// The bidder awarded the lot as the committee recorded it, after the award limit.
    /// Optional cross-check: the letters are refused when the evaluation awards the lot to
    /// someone else (or no one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub winner: Option<String>,
    /// The recorded lottery of this lot, only when its bids are tied on total points and on
    /// the tie-break criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lottery: Option<Lottery>,
}

impl Decision {
    /// The decision as lot `number`'s own evaluation uses it: the shared fields, the lot's
    /// lottery, and no recorded winner (it is checked after the award limit).
    pub fn for_lot(&self, number: u32) -> Decision {
        Decision {
            winner: None,
            lottery: self.lots.get(&number).and_then(|l| l.lottery.clone()),
            lots: Default::default(),
            ..self.clone()
        }
    }
}

/// The rules of decision.yaml's per-lot part: only a divided tender has one, with declared
/// lots, winners and lottery entries that tendered for the lot; a divided tender records no
/// single winner or lottery.
pub(super) fn validate(project: &Project, lots: Option<&Lots>, out: &mut Vec<Diagnostic>) {
    let Some(d) = &project.decision else { return };
    let file = &d.file;
    let Some(lots) = lots else {
        if !d.lots.is_empty() {
            out.push(Diagnostic::new(
                file,
                "lots",
                "this tender is not divided into lots (tender.yaml `lots.divided: false`): record `winner` and `lottery` at the top of decision.yaml",
            ));
        }
        return;
    };
    if d.lottery.is_some() {
        out.push(Diagnostic::new(
            file,
            "lottery",
            "a tender divided into lots draws lots per lot: move the lottery under `lots.<number>.lottery`",
        ));
    }
    for (number, part) in &d.lots {
        if !crate::model::procedure::declared_lot(lots, *number, file, out) {
            continue;
        }
        let field = format!("lots.{number}");
        let tendered = |id: &str| {
            project
                .bids
                .iter()
                .any(|b| b.id == id && b.lots.contains_key(number))
        };
        let known = |id: &str| project.bids.iter().any(|b| b.id == id);
        let problem = |id: &str| {
            if !known(id) {
                Some(format!("no bid with id `{id}`"))
            } else if !tendered(id) {
                Some(format!("`{id}` did not tender for lot {number}"))
            } else {
                None
            }
        };
        if let Some(w) = &part.winner
            && let Some(p) = problem(w)
        {
            out.push(Diagnostic::new(file, format!("{field}.winner"), p));
        }
        if let Some(lottery) = &part.lottery {
            for (i, id) in lottery.order.iter().enumerate() {
                if let Some(p) = problem(id) {
                    out.push(Diagnostic::new(
                        file,
                        format!("{field}.lottery.order.{i}"),
                        p,
                    ));
                }
            }
        }
    }
}
