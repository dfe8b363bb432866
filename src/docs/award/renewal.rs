//! What the documents of a new award decision say about the decision they replace (context
//! key `renewal`): §2.8 of the invitation, a winner fell through. The earlier decision (on
//! the lot) is withdrawn ("ingetrokken") and replaced by this one, with a new standstill period
//! from its letters (art. 2.127 Aw 2012). In a divided tender the decisions on the other lots
//! stand. A letter to another bidder names the fallen bidder (the earlier letters named it as
//! the intended winner) and the step of the assessment it failed, never its reason: that is
//! stated to the bidder itself only (art. 2.57 Aw 2012).
//!
//! Decisions can follow each other (the new winner falls through in turn): each replaces the
//! one immediately before (per lot in a divided tender: the decision in force on that lot),
//! and a bidder that fell through earlier is an excluded bid in the later letters, told
//! again of its own exclusion and the date it was told first.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::bids::Stage;

/// The replaced decision and why, for the letters and the records of a new decision.
#[derive(Debug, Clone, Serialize)]
pub struct RenewalView {
    /// Which new decision this is (1: the first of `new-decision.yaml`), and as a Dutch
    /// ordinal for the records ("tweede").
    pub number: usize,
    pub ordinal: String,
    /// Its output folder (`nieuw-voornemen`, `nieuw-voornemen-2`, …), in the letters' reference.
    pub folder: String,
    /// The date of the decision replaced (`YYYY-MM-DD`): the one immediately before (on the
    /// lot: [`RenewalView::for_lot`]), and whether that was itself a new decision.
    pub replaced_sent_on: String,
    pub replaced_new: bool,
    /// Per lot of a divided tender: the date of the decision replaced on it, and whether it
    /// was a new one.
    #[serde(skip)]
    pub replaced_per_lot: BTreeMap<u32, (String, bool)>,
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
    /// The bidders that fell through under earlier new decisions, for the letters: the
    /// date each was told, and its lots (none: its whole bid fell).
    #[serde(skip)]
    pub fallen_before: Vec<Earlier>,
    /// For a letter to such a bidder: the date of the letter that told it its bid was
    /// excluded (none: not such a bidder).
    pub excluded_on: Option<String>,
    /// The decisions on the tender (the lot) so far, first to this one, for the records:
    /// when this is not the first new decision, they state the chain.
    pub history: Vec<HistoryEntry>,
    /// Per lot of a divided tender: the decisions on that lot so far.
    #[serde(skip)]
    pub history_per_lot: BTreeMap<u32, Vec<HistoryEntry>>,
}

/// A bidder that fell through under an earlier new decision.
#[derive(Debug, Clone)]
pub struct Earlier {
    pub bidder: String,
    pub sent_on: String,
    pub lots: Option<Vec<u32>>,
}

/// One decision of the chain as the records list it.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// Its date (`YYYY-MM-DD`), and whether it is a new decision (not decision.yaml's).
    pub sent_on: String,
    pub new: bool,
    /// The bidder whose falling through it follows (none: the first decision).
    pub fallen: Option<String>,
    /// The winner it named (none: nobody may be awarded).
    pub winner: Option<String>,
}

/// A lot whose decision stands, with the bidder it was awarded (none: not awarded).
#[derive(Debug, Clone, Serialize)]
pub struct Standing {
    pub label: String,
    pub winner: Option<String>,
}

impl RenewalView {
    /// The view for the letter to `bidder` (of lot `lot` in a divided tender: call
    /// [`RenewalView::for_lot`] first).
    pub fn for_letter(&self, bidder: &str, lot: Option<u32>) -> RenewalView {
        let excluded_on = self
            .fallen_before
            .iter()
            .rev()
            .find(|e| {
                e.bidder == bidder
                    && match (&e.lots, lot) {
                        (Some(lots), Some(n)) => lots.contains(&n),
                        _ => true,
                    }
            })
            .map(|e| e.sent_on.clone());
        RenewalView {
            addressed: bidder == self.fallen_id,
            excluded_on,
            ..self.clone()
        }
    }

    /// The view for lot `lot`'s letters and records: the decision replaced is the one in
    /// force on that lot, and the chain is that of the lot.
    pub fn for_lot(&self, lot: u32) -> RenewalView {
        let mut view = self.clone();
        if let Some((date, new)) = self.replaced_per_lot.get(&lot) {
            view.replaced_sent_on = date.clone();
            view.replaced_new = *new;
        }
        if let Some(history) = self.history_per_lot.get(&lot) {
            view.history = history.clone();
        }
        view
    }
}

/// A Dutch ordinal ("tweede", "derde", …; "11e" beyond ten).
pub fn ordinal(number: usize) -> String {
    const WORDS: [&str; 10] = [
        "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
        "tiende",
    ];
    match number {
        1..=10 => WORDS[number - 1].to_string(),
        k => format!("{k}e"),
    }
}

/// The folder of new decision `number` (1-based): `nieuw-voornemen` for the first, then
/// `nieuw-voornemen-2`, … (the same layout inside).
pub fn folder_name(number: usize) -> String {
    match number {
        0 | 1 => "nieuw-voornemen".to_string(),
        k => format!("nieuw-voornemen-{k}"),
    }
}
