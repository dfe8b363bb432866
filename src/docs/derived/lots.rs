//! `lots` in the invitation's context: the division into lots as its section "Percelen"
//! prints it (`templates/itt/percelen.typ.tera`): texts with placeholders filled in, and per
//! lot what differs from the shared rules (price lines, points, references, programme of
//! requirements), so that a bidder reads in one place what applies to each lot.

use rust_decimal::Decimal;
use serde::Serialize;

use super::LotsAwardView;
use super::tender::fill_blocks;
use crate::model::Project;
use crate::model::award::AwardRules;
use crate::model::requirements::Count;
use crate::model::tender::{AwardOrder, Block, Lot, Lots};

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
    /// Divided: chapter 5's award rules per lot.
    pub award: Option<LotsAwardView>,
    /// Divided, when a lot asks its own competences: per lot the competences its references
    /// prove (section 3.2.3.1).
    pub competences_by_lot: Option<Vec<LotList>>,
    /// Divided, when a lot has its own programme of requirements: per lot the annex letter
    /// of its programme (chapter 4); a lot without one has the shared programme's.
    pub programme_by_lot: Option<Vec<LotList>>,
}

/// A lot with a short list for it: `1 en 2` (competences), `G` (an annex letter).
#[derive(Debug, Clone, Serialize)]
pub struct LotList {
    pub number: u32,
    pub title: String,
    pub text: String,
    /// How many items `text` names (singular or plural wording).
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LotView {
    pub number: u32,
    pub title: String,
    pub scope: Vec<Block>,
    pub estimated_value: Decimal,
    pub maximum_value: Option<Decimal>,
    /// The price lines of the lot when it has a selection of them (`None`: all).
    pub price_lines: Option<Vec<Named>>,
    /// The criteria whose maximum points differ for this lot, in award.yaml's order.
    pub points: Vec<Points>,
    /// award.yaml's scored quality criteria this lot is not scored on (`criteria`).
    pub dropped: Vec<Named>,
    /// The competences references are asked for, when the lot has its own selection: their
    /// numbers and texts.
    pub competences: Option<Vec<Competence>>,
    /// The letter of the annex with the lot's own programme of requirements.
    pub programme_annex: Option<String>,
}

/// A price line as the list names it: `A1`, `Bedrijfsarts`.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: String,
    pub title: String,
}

/// A competence of the references, by its number in the invitation.
#[derive(Debug, Clone, Serialize)]
pub struct Competence {
    pub number: u32,
    pub text: String,
}

/// A criterion's points for a lot.
#[derive(Debug, Clone, Serialize)]
pub struct Points {
    pub id: String,
    pub title: String,
    pub points: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct AwardLimitView {
    pub max_lots: Count,
    /// `value`, `number` or `preference`: the template words each rule.
    pub order: AwardOrder,
}

impl LotsView {
    /// `None` only for data that failed validation (no `lots:`), which is never rendered.
    pub fn of(project: &Project) -> Option<LotsView> {
        let tender = &project.tender;
        let lots = tender.lots.as_ref()?;
        let facts = tender.placeholder_facts();
        Some(LotsView {
            divided: lots.divided,
            reason: fill_blocks(&lots.reason, &facts),
            count: Count(lots.items.len() as u32),
            items: lots
                .items
                .iter()
                .map(|l| LotView {
                    number: l.number,
                    title: l.title.clone(),
                    scope: fill_blocks(&l.scope, &facts),
                    estimated_value: l.estimated_value,
                    maximum_value: l.maximum_value,
                    price_lines: price_lines(&project.award, l),
                    points: points(&project.award, l),
                    dropped: dropped(&project.award, l),
                    competences: competences(project, l),
                    programme_annex: l
                        .requirements
                        .programme_annex
                        .as_ref()
                        .and_then(|k| project.requirements.annex(k))
                        .map(|a| a.letter.clone()),
                })
                .collect(),
            maximum_values: lots.items.iter().any(|l| l.maximum_value.is_some()),
            bid_limit: lots.bid_limit.map(Count),
            award_limit: lots.award_limit.as_ref().map(|a| AwardLimitView {
                max_lots: Count(a.max_lots),
                order: a.order,
            }),
            award: lots
                .divided
                .then(|| LotsAwardView::of(&project.award, lots)),
            competences_by_lot: competences_by_lot(project, lots),
            programme_by_lot: programme_by_lot(project, lots),
        })
    }
}

fn competences_by_lot(project: &Project, lots: &Lots) -> Option<Vec<LotList>> {
    let own = lots
        .items
        .iter()
        .any(|l| l.requirements.competences.is_some());
    if !lots.divided || !own {
        return None;
    }
    let all = project
        .requirements
        .suitability
        .references
        .competences
        .len() as u32;
    Some(
        lots.items
            .iter()
            .map(|l| {
                let numbers: Vec<String> = match &l.requirements.competences {
                    Some(ns) => ns.iter().map(u32::to_string).collect(),
                    None => (1..=all).map(|n| n.to_string()).collect(),
                };
                LotList {
                    number: l.number,
                    title: l.title.clone(),
                    count: numbers.len(),
                    text: crate::format::list(
                        &numbers.iter().map(String::as_str).collect::<Vec<_>>(),
                        "en",
                    ),
                }
            })
            .collect(),
    )
}

fn programme_by_lot(project: &Project, lots: &Lots) -> Option<Vec<LotList>> {
    let own = lots
        .items
        .iter()
        .any(|l| l.requirements.programme_annex.is_some());
    if !lots.divided || !own {
        return None;
    }
    let req = &project.requirements;
    let letter = |key: &str| req.annex(key).map(|a| a.letter.clone()).unwrap_or_default();
    Some(
        lots.items
            .iter()
            .map(|l| LotList {
                number: l.number,
                title: l.title.clone(),
                text: letter(
                    l.requirements
                        .programme_annex
                        .as_deref()
                        .unwrap_or("programme"),
                ),
                count: 1,
            })
            .collect(),
    )
}

fn competences(project: &Project, lot: &Lot) -> Option<Vec<Competence>> {
    let known = &project.requirements.suitability.references.competences;
    let numbers = lot.requirements.competences.as_ref()?;
    Some(
        numbers
            .iter()
            .filter_map(|&n| {
                let text = known.get((n as usize).checked_sub(1)?)?;
                Some(Competence {
                    number: n,
                    text: text.clone(),
                })
            })
            .collect(),
    )
}

fn dropped(award: &AwardRules, lot: &Lot) -> Vec<Named> {
    let kept = crate::model::lots::lot_award(award, lot);
    award
        .quality_criteria()
        .filter(|s| kept.quality_criterion(&s.id).is_none())
        .map(|s| Named {
            id: s.id.clone(),
            title: s.title.clone(),
        })
        .collect()
}

fn price_lines(award: &AwardRules, lot: &Lot) -> Option<Vec<Named>> {
    let ids = lot.price_lines.as_ref()?;
    Some(
        award
            .price
            .lines
            .iter()
            .filter(|l| ids.contains(&l.id))
            .map(|l| Named {
                id: l.id.clone(),
                title: l.description.clone(),
            })
            .collect(),
    )
}

fn points(award: &AwardRules, lot: &Lot) -> Vec<Points> {
    let criteria = award
        .criteria
        .iter()
        .filter(|c| c.points.is_some())
        .map(|c| (&c.id, &c.title))
        .chain(award.quality_criteria().map(|s| (&s.id, &s.title)));
    criteria
        .filter_map(|(id, title)| {
            Some(Points {
                id: id.clone(),
                title: title.clone(),
                points: *lot.points.get(id)?,
            })
        })
        .collect()
}
