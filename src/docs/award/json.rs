//! `evaluation.json`: every bidder's status, prices and points, for the file (internal).

use rust_decimal::Decimal;

use super::{Excluded, Views};
use crate::evaluation::Outcome;
use crate::evaluation::scoring::round_points;
use crate::model::Project;
use crate::model::award::BasisKind;
use crate::model::bids::Decision;

/// A JSON value written by hand, so that points print with exactly two decimals (`25.00`),
/// which serde_json's numbers cannot do without its `arbitrary_precision` feature.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Str(String),
    Int(u64),
    /// A decimal number printed with two decimals.
    Points(Decimal),
    Arr(Vec<Json>),
    Obj(Vec<(&'static str, Json)>),
}

impl Json {
    /// Pretty-printed with two spaces per level, like `serde_json::to_string_pretty`.
    pub(crate) fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, level: usize) {
        let pad = |n: usize| "  ".repeat(n);
        match self {
            Json::Null => out.push_str("null"),
            Json::Str(s) => out.push_str(&serde_json::to_string(s).expect("strings serialise")),
            Json::Int(n) => out.push_str(&n.to_string()),
            Json::Points(d) => out.push_str(&format!("{:.2}", round_points(*d))),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Obj(items) if items.is_empty() => out.push_str("{}"),
            Json::Arr(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    out.push_str(&pad(level + 1));
                    item.write(out, level + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(level));
                out.push(']');
            }
            Json::Obj(items) => {
                out.push_str("{\n");
                for (i, (key, value)) in items.iter().enumerate() {
                    out.push_str(&pad(level + 1));
                    out.push_str(&serde_json::to_string(key).expect("strings serialise"));
                    out.push_str(": ");
                    value.write(out, level + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(level));
                out.push('}');
            }
        }
    }
}

/// `evaluation.json`: the reference, the date of sending, the end of the standstill, the winner
/// and every bidder (ranked bids in rank order, then the excluded in id order) with status,
/// exclusion reason, total price (a decimal string with two decimals), price points, points per
/// quality sub-criterion, quality and total points, rank. Excluded bids have null scores.
/// Under `basis.kind: lowest_price` a bidder has no points; under `value` it has the quality
/// points, their value and the fictitious price instead of price and total points.
pub(crate) fn evaluation_json(
    project: &Project,
    decision: &Decision,
    outcome: &Outcome,
    views: &Views,
) -> String {
    let e = &outcome.evaluation;
    let name = |id: &str| {
        project
            .bids
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.name.clone())
            .unwrap_or_default()
    };
    let basis = project.award.basis.kind;
    let money = |d: Decimal| Json::Str(format!("{d:.2}"));
    let mut bidders = Vec::new();
    for r in &e.ranking {
        let quality = Json::Arr(
            r.criteria
                .iter()
                .map(|c| {
                    Json::Obj(vec![
                        ("criterion", Json::Str(c.id.clone())),
                        ("score", Json::Int(c.score.into())),
                        ("points", Json::Points(c.points)),
                    ])
                })
                .collect(),
        );
        let mut fields = vec![
            ("id", Json::Str(r.id.clone())),
            ("name", Json::Str(name(&r.id))),
            ("status", Json::Str("valid".into())),
            ("exclusion_reason", Json::Null),
            ("total_price", money(r.total_price)),
        ];
        // Only the figures the basis ranks on: no points under the lowest price.
        match basis {
            BasisKind::Points => fields.extend([
                ("price_points", Json::Points(r.price_points)),
                ("quality", quality),
                ("quality_points", Json::Points(r.quality_points)),
                ("total_points", Json::Points(r.total_points)),
            ]),
            BasisKind::LowestPrice => {}
            BasisKind::Value { .. } => fields.extend([
                ("quality", quality),
                ("quality_points", Json::Points(r.quality_points)),
                ("quality_value", r.quality_value.map_or(Json::Null, money)),
                (
                    "fictitious_price",
                    r.fictitious_price.map_or(Json::Null, money),
                ),
            ]),
        }
        fields.push(("rank", Json::Int(r.rank.into())));
        bidders.push(Json::Obj(fields));
    }
    let mut excluded: Vec<&Excluded> = views.excluded.values().collect();
    excluded.sort_by(|a, b| a.id.cmp(&b.id));
    for x in excluded {
        let mut fields = vec![
            ("id", Json::Str(x.id.clone())),
            ("name", Json::Str(x.name.clone())),
            ("status", Json::Str("excluded".into())),
            ("exclusion_reason", Json::Str(x.reason.clone())),
            ("total_price", Json::Null),
        ];
        let scores: &[&'static str] = match basis {
            BasisKind::Points => &["price_points", "quality", "quality_points", "total_points"],
            BasisKind::LowestPrice => &[],
            BasisKind::Value { .. } => &[
                "quality",
                "quality_points",
                "quality_value",
                "fictitious_price",
            ],
        };
        fields.extend(scores.iter().map(|k| (*k, Json::Null)));
        fields.push(("rank", Json::Null));
        bidders.push(Json::Obj(fields));
    }
    let (basis_name, rate) = match basis {
        BasisKind::Points => ("points", None),
        BasisKind::LowestPrice => ("lowest_price", None),
        BasisKind::Value { euros_per_point } => ("value", Some(euros_per_point)),
    };
    let mut head = vec![
        ("reference", Json::Str(project.tender.reference.clone())),
        ("basis", Json::Str(basis_name.into())),
    ];
    if let Some(rate) = rate {
        head.push(("euros_per_point", money(rate)));
    }
    Json::Obj(
        head.into_iter()
            .chain([
                ("sent_on", Json::Str(decision.sent_on.to_string())),
                (
                    "standstill_ends",
                    Json::Str(outcome.standstill.end.to_string()),
                ),
                (
                    "winner",
                    e.winner.clone().map(Json::Str).unwrap_or(Json::Null),
                ),
                ("bidders", Json::Arr(bidders)),
            ])
            .collect(),
    )
    .pretty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn json_points_have_two_decimals_and_strings_are_escaped() {
        let j = Json::Obj(vec![
            ("name", Json::Str("Vitaal & Werk \"B.V.\"\n".into())),
            ("points", Json::Points(dec("25"))),
            ("half", Json::Points(dec("83.455"))),
            ("small", Json::Points(dec("0.1"))),
            ("rank", Json::Int(2)),
            ("none", Json::Null),
            ("empty", Json::Arr(vec![])),
            (
                "list",
                Json::Arr(vec![Json::Int(1), Json::Obj(vec![("a", Json::Null)])]),
            ),
        ]);
        let text = j.pretty();
        assert_eq!(
            text,
            "{\n  \"name\": \"Vitaal & Werk \\\"B.V.\\\"\\n\",\n  \"points\": 25.00,\n  \"half\": 83.46,\n  \"small\": 0.10,\n  \
             \"rank\": 2,\n  \"none\": null,\n  \"empty\": [],\n  \"list\": [\n    1,\n    {\n      \"a\": null\n    }\n  ]\n}\n"
        );
        // It is JSON, and the numbers are numbers.
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["points"], serde_json::json!(25.0));
        assert_eq!(v["name"], "Vitaal & Werk \"B.V.\"\n");
    }
}
