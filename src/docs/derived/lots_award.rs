//! Chapter 5 of a divided tender's invitation: the award rules as each lot applies them
//! (`model::lots::lot_award`, the same projection the evaluation, letters and records run
//! on), so that the points table, the price's maximum and the quality sections are true for
//! every lot, not only award.yaml's shared rules.

use std::collections::BTreeMap;

use serde::Serialize;

use super::award::PriceMethodView;
use crate::format;
use crate::model::award::{AwardRules, CriterionKind};
use crate::model::lots::lot_award;
use crate::model::tender::Lots;

/// The award rules per lot, for chapter 5 (`lots.award`).
#[derive(Debug, Clone, Serialize)]
pub struct LotsAwardView {
    /// Whether a lot's criteria or points differ from award.yaml's: the points table then has
    /// a column per lot.
    pub differs: bool,
    /// Whether a lot leaves out a quality criterion.
    pub criteria_differ: bool,
    /// Whether a lot has its own selection of price lines.
    pub own_price_lines: bool,
    /// Whether the price's maximum points differ between lots: the price method is then
    /// explained per lot.
    pub price_per_lot: bool,
    /// The price formula in words with the lot's maximum (the equation's alt text where the
    /// maximum differs per lot).
    pub price_formula_alt: String,
    pub lots: Vec<LotAwardView>,
    /// Per scored quality criterion, what differs per lot, as sentences: "Dit onderdeel geldt
    /// niet voor perceel 3." / "Voor perceel 3 is het maximum 35 punten." Absent: nothing.
    pub criterion_notes: BTreeMap<String, String>,
}

/// One lot's award rules.
#[derive(Debug, Clone, Serialize)]
pub struct LotAwardView {
    pub number: u32,
    pub title: String,
    /// Maximum points by criterion id, for every id of award.yaml: `–` where the criterion
    /// does not apply to the lot (or price carries no points, under gunnen op waarde).
    pub points: BTreeMap<String, String>,
    pub total_points: String,
    /// The price method as explained for this lot (its maximum).
    pub price_explanation: String,
}

impl LotsAwardView {
    pub fn of(award: &AwardRules, lots: &Lots) -> LotsAwardView {
        let projected: Vec<AwardRules> = lots.items.iter().map(|l| lot_award(award, l)).collect();
        let shared = points(award, award);
        let views: Vec<LotAwardView> = lots
            .items
            .iter()
            .zip(&projected)
            .map(|(l, a)| LotAwardView {
                number: l.number,
                title: l.title.clone(),
                points: points(award, a),
                total_points: format::number(a.total_max_points()),
                price_explanation: PriceMethodView::of(a).explanation,
            })
            .collect();
        let price_per_lot = projected
            .iter()
            .any(|a| a.price_max_points() != award.price_max_points());
        let criterion_notes = award
            .quality_criteria()
            .filter_map(|s| {
                let note = criterion_note(&s.id, &shared[&s.id], &views);
                (!note.is_empty()).then(|| (s.id.clone(), note))
            })
            .collect();
        LotsAwardView {
            differs: views.iter().any(|v| v.points != shared),
            criteria_differ: projected
                .iter()
                .any(|a| a.quality_criteria().count() != award.quality_criteria().count()),
            own_price_lines: lots.items.iter().any(|l| l.price_lines.is_some()),
            price_per_lot,
            price_formula_alt: PriceMethodView::with_max(
                award,
                "het maximum aantal punten voor prijs van het perceel".into(),
            )
            .formula,
            lots: views,
            criterion_notes,
        }
    }
}

/// The maximum points of every criterion of `shared` (award.yaml) as `rules` has them; `–`
/// for a criterion `rules` lacks and for price under gunnen op waarde (no price points).
fn points(shared: &AwardRules, rules: &AwardRules) -> BTreeMap<String, String> {
    let value = matches!(
        shared.basis.kind,
        crate::model::award::BasisKind::Value { .. }
    );
    let mut out = BTreeMap::new();
    for c in &shared.criteria {
        let own = rules.criteria.iter().find(|x| x.id == c.id);
        let text = match own {
            Some(x) if x.kind == CriterionKind::Price && value => "–".to_string(),
            Some(x) => format::number(AwardRules::criterion_points(x)),
            None => "–".to_string(),
        };
        out.insert(c.id.clone(), text);
        for s in &c.sub_criteria {
            let text = own
                .and_then(|x| x.sub_criteria.iter().find(|y| y.id == s.id))
                .map_or_else(|| "–".to_string(), |y| format::number(y.points));
            out.insert(s.id.clone(), text);
        }
    }
    out
}

/// "Dit onderdeel geldt niet voor perceel 3." and/or "Voor perceel 3 is het maximum 35
/// punten." for a criterion whose points in award.yaml are `shared`; empty when every lot
/// has award.yaml's.
fn criterion_note(id: &str, shared: &str, lots: &[LotAwardView]) -> String {
    let without: Vec<String> = lots
        .iter()
        .filter(|l| l.points[id] == "–")
        .map(|l| l.number.to_string())
        .collect();
    let other: Vec<String> = lots
        .iter()
        .filter(|l| l.points[id] != "–" && l.points[id] != shared)
        .map(|l| {
            format!(
                "voor perceel {} is het maximum {} punten",
                l.number, l.points[id]
            )
        })
        .collect();
    let mut sentences = Vec::new();
    if !without.is_empty() {
        sentences.push(format!(
            "Dit onderdeel geldt niet voor {} {}.",
            if without.len() == 1 {
                "perceel"
            } else {
                "percelen"
            },
            format::list(
                &without.iter().map(String::as_str).collect::<Vec<_>>(),
                "en"
            )
        ));
    }
    if !other.is_empty() {
        let list = format::list(&other.iter().map(String::as_str).collect::<Vec<_>>(), "en");
        sentences.push(format!("{}.", format::capitalise(&list)));
    }
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lot(number: u32, g21: &str) -> LotAwardView {
        LotAwardView {
            number,
            title: format!("Perceel {number}"),
            points: BTreeMap::from([("G2.1".to_string(), g21.to_string())]),
            total_points: "100".into(),
            price_explanation: String::new(),
        }
    }

    #[test]
    fn a_criterion_note_names_the_lots_without_it_and_their_own_maxima() {
        let lots = [lot(1, "25"), lot(2, "–"), lot(3, "–"), lot(4, "35")];
        assert_eq!(
            criterion_note("G2.1", "25", &lots),
            "Dit onderdeel geldt niet voor percelen 2 en 3. Voor perceel 4 is het maximum 35 punten."
        );
        assert_eq!(criterion_note("G2.1", "25", &lots[..1]), "");
        assert_eq!(
            criterion_note("G2.1", "25", &[lot(1, "–")]),
            "Dit onderdeel geldt niet voor perceel 1."
        );
    }
}
