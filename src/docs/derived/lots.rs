//! `tender_derived.lots`: the division into lots as the invitation's section "Percelen"
//! prints it (`templates/itt/percelen.typ.tera`), texts with placeholders filled in.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::tender::fill_blocks;
use crate::model::requirements::Count;
use crate::model::tender::{AwardOrder, Block, Tender};

/// The lots, or the reason the contract is not divided.
#[derive(Debug, Clone, Serialize)]
pub struct LotsView {
    pub divided: bool,
    /// `lots.reason`, filled in: why not divided (art. 1.5 lid 4 Aw 2012), or why this
    /// division.
    pub reason: Vec<Block>,
    /// The number of lots, with its words.
    pub count: Count,
    pub items: Vec<LotView>,
    /// Whether any lot has a maximum value (the table gets the column).
    pub maximum_values: bool,
    /// At most this many lots per bid; `None`: any number.
    pub bid_limit: Option<Count>,
    /// The gunningsbeperking, if any.
    pub award_limit: Option<AwardLimitView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LotView {
    pub number: u32,
    pub title: String,
    pub scope: Vec<Block>,
    pub estimated_value: Decimal,
    pub maximum_value: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AwardLimitView {
    pub max_lots: Count,
    /// `value`, `number` or `preference`: the template words each rule.
    pub order: AwardOrder,
}

impl LotsView {
    /// `None` only for data that failed validation (no `lots:`), which is never rendered.
    pub fn of(tender: &Tender, facts: &BTreeMap<String, String>) -> Option<LotsView> {
        let lots = tender.lots.as_ref()?;
        Some(LotsView {
            divided: lots.divided,
            reason: fill_blocks(&lots.reason, facts),
            count: Count(lots.items.len() as u32),
            items: lots
                .items
                .iter()
                .map(|l| LotView {
                    number: l.number,
                    title: l.title.clone(),
                    scope: fill_blocks(&l.scope, facts),
                    estimated_value: l.estimated_value,
                    maximum_value: l.maximum_value,
                })
                .collect(),
            maximum_values: lots.items.iter().any(|l| l.maximum_value.is_some()),
            bid_limit: lots.bid_limit.map(Count),
            award_limit: lots.award_limit.as_ref().map(|a| AwardLimitView {
                max_lots: Count(a.max_lots),
                order: a.order,
            }),
        })
    }
}
