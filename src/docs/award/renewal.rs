//! What the documents of a new award decision say about the decision they replace (context
//! key `renewal`): §2.8 of the invitation, a winner fell through. The earlier decision (on
//! the lot) is withdrawn ("ingetrokken") and replaced by this one, with a new standstill period
//! from its letters (art. 2.127 Aw 2012). In a divided tender the decisions on the other lots
//! stand. A letter to another bidder names the fallen bidder (the earlier letters named it as
//! the intended winner) and the step of the assessment it failed, never its reason: that is
//! stated to the bidder itself only (art. 2.57 Aw 2012).

use serde::Serialize;

use crate::model::bids::Stage;

/// The replaced decision and why, for the letters and the records of a new decision.
#[derive(Debug, Clone, Serialize)]
pub struct RenewalView {
    /// The date of the decision replaced (`YYYY-MM-DD`).
    pub first_sent_on: String,
    /// The day the new decision was taken (the gunningsbesluit's date).
    pub decided_on: String,
    /// The fallen-through bidder: its name, the step it failed, the reason as the record
    /// states it, how it was established and the legal basis (the records only).
    pub fallen: String,
    /// The name closing a sentence: "B.V." takes no second full stop.
    pub fallen_end: String,
    #[serde(skip)]
    pub fallen_id: String,
    pub stage: Stage,
    pub record: String,
    pub established: String,
    pub basis: String,
    /// A tender divided into lots, and whether the whole bid fell (every lot it was
    /// awarded) or only some lots.
    pub divided: bool,
    pub whole_bid: bool,
    /// The lots of the new decision (labels) and the decisions that stand (the records).
    pub affected: Vec<String>,
    pub standing: Vec<Standing>,
    /// The fallen bidder's lots under decisions that stand (labels): its letter says they
    /// stand.
    pub keeps: Vec<String>,
    /// Whether the letter's addressee is the fallen bidder (false in the records).
    pub addressed: bool,
}

/// A lot whose decision stands, with the bidder it was awarded (none: not awarded).
#[derive(Debug, Clone, Serialize)]
pub struct Standing {
    pub label: String,
    pub winner: Option<String>,
}

impl RenewalView {
    /// The view for the letter to `bidder`.
    pub fn for_letter(&self, bidder: &str) -> RenewalView {
        RenewalView {
            addressed: bidder == self.fallen_id,
            ..self.clone()
        }
    }
}
