//! `lots:` in `tender.yaml`: whether the contract is divided into lots (percelen), and if so
//! the lots and the rules for tendering and awarding across them.
//!
//! Art. 1.5 Aw 2012: the authority considers dividing a contract into lots; when it does not,
//! it gives the reason in the tender documents (lid 4). Art. 1.5 lid 2 and Directive 2014/24
//! art. 46(2): it may limit the number of lots one bidder may tender for and the number one
//! bidder may be awarded (gunningsbeperking); the limit and the objective rule that decides
//! which lots a bidder gets when it would win more must be in the documents.
//!
//! One key holds both cases:
//!
//! ```yaml
//! lots:
//!   divided: false
//!   reason:
//!     - De werkzaamheden hangen zo nauw samen dat ...
//! ```
//!
//! ```yaml
//! lots:
//!   divided: true
//!   reason: [...]              # optional: why this division
//!   bid_limit: 2               # optional: at most this many lots per bid (absent: any number)
//!   award_limit:               # optional: the gunningsbeperking
//!     max_lots: 1
//!     order: value             # value | number | preference
//!   items:
//!     - number: 1
//!       title: Regio Noord
//!       scope: [...]           # blocks, as elsewhere in tender.yaml
//!       estimated_value: "300000"
//!       maximum_value: "450000"
//!       price_lines: [A1, A2, B1]      # optional: a selection of award.yaml's lines
//!       criteria: [G2.1, G2.3]         # optional: a selection of award.yaml's quality criteria
//!       points: { G1: "30", G2.1: "15" }   # optional: award.yaml's points overridden
//!       requirements: { competences: [1, 3], programme_annex: programme-noord }
//! ```
//!
//! The checks of this file on its own are here ([`validate`]); those against award.yaml,
//! requirements.yaml and the bids are `model::lots`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::validate::Check;
use super::{AgreementType, Block, Insert, Tender};
use crate::error::Diagnostic;

/// `lots:`: the division of the contract into lots, or the reason it is not divided.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lots {
    /// Whether the contract is divided into lots.
    pub divided: bool,
    /// Undivided: why not (art. 1.5 lid 4 Aw 2012; required). Divided: why this division
    /// (optional). Blocks, placeholders allowed.
    #[serde(default)]
    pub reason: Vec<Block>,
    /// Divided: at most this many lots one bid may be for (art. 1.5 lid 2 Aw 2012); absent,
    /// a bidder may tender for any number of lots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bid_limit: Option<u32>,
    /// Divided: the gunningsbeperking, at most this many lots awarded to one bidder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_limit: Option<AwardLimit>,
    /// Divided: the lots, at least two.
    #[serde(default)]
    pub items: Vec<Lot>,
}

/// The gunningsbeperking (Directive 2014/24 art. 46(2)).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AwardLimit {
    /// At most this many lots are awarded to one bidder.
    pub max_lots: u32,
    /// Which of the lots it would win a bidder is awarded when it would win more.
    pub order: AwardOrder,
}

/// The objective rule that decides which lots a bidder over the limit keeps (the common
/// Dutch variants). The other lots go to the next bidder in that lot's ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AwardOrder {
    /// The lots of the highest estimated value first (equal values: the lower number).
    Value,
    /// The lots with the lowest number first.
    Number,
    /// The bidder's own order of preference, stated in its bid (`preference: [2, 1, 3]`).
    Preference,
}

/// One lot (perceel).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    /// The lot's number, from 1; unique. Bids name lots by it.
    pub number: u32,
    /// e.g. `Regio Noord`.
    pub title: String,
    /// What the lot comprises (blocks, placeholders allowed).
    pub scope: Vec<Block>,
    /// Estimated value over the initial term, excluding VAT. The lots' values add up to
    /// `agreement.estimated_value`.
    pub estimated_value: Decimal,
    /// Maximum value of the lot's (framework) agreement, excluding VAT; required with a
    /// raamovereenkomst, and the lots' maxima add up to `agreement.maximum_value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_value: Option<Decimal>,
    /// The ids of award.yaml's price lines that apply to this lot; absent: all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_lines: Option<Vec<String>>,
    /// The quality criteria on which bids for this lot are scored: ids of award.yaml's quality
    /// criteria (`G2`: all its sub-criteria) or sub-criteria (`G2.1`); absent: all of them.
    /// Price always applies. The lot's points must still add up to award.yaml's total (use
    /// `points` to spread the points of what the lot drops).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<Vec<String>>,
    /// Points per criterion (`G1`) or sub-criterion (`G2.1`) that differ from award.yaml for
    /// this lot; the others keep award.yaml's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub points: BTreeMap<String, Decimal>,
    /// The requirements that differ from requirements.yaml for this lot.
    #[serde(default)]
    pub requirements: LotRequirements,
}

/// A lot's own requirements; absent fields are requirements.yaml's, shared by every lot.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LotRequirements {
    /// The competences references are asked for: numbers (from 1, as the invitation numbers
    /// them) of requirements.yaml's `suitability.references.competences`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competences: Option<Vec<u32>>,
    /// The key (requirements.yaml `annexes`) of the annex with this lot's programme of
    /// requirements, when each lot has its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme_annex: Option<String>,
}

impl Lots {
    /// The lot with `number`.
    pub fn lot(&self, number: u32) -> Option<&Lot> {
        self.items.iter().find(|l| l.number == number)
    }

    /// The lots' numbers, as declared.
    pub fn numbers(&self) -> Vec<u32> {
        self.items.iter().map(|l| l.number).collect()
    }
}

impl Tender {
    /// Whether the tender is divided into lots.
    pub fn divided(&self) -> bool {
        self.lots.as_ref().is_some_and(|l| l.divided)
    }
}

/// Art. 1.5 lid 4 Aw 2012, the article every message about the missing reason cites.
const ARTICLE: &str = "artikel 1.5 lid 4 Aanbestedingswet 2012";

/// The missing `lots:` key, located at `rules:`, the key it goes before (a missing key has
/// no line of its own; a file that cannot be read again is reported without one).
fn missing(c: &mut Check<'_>, message: String) {
    let mut d = Diagnostic::new(c.file, "lots", message);
    let at = std::fs::read_to_string(c.file)
        .ok()
        .and_then(|text| crate::model::locate::locate(&text, "rules"));
    if let Some((line, column)) = at {
        d.line = Some(line);
        d.column = Some(column);
    }
    c.out.push(d);
}

/// The rules of `lots:` within tender.yaml.
pub(super) fn validate(t: &Tender, c: &mut Check<'_>) {
    let Some(lots) = &t.lots else {
        missing(
            c,
            format!(
                "missing: say whether the contract is divided into lots; when it is not, the documents must give the reason ({ARTICLE}). \
                 Add before `rules:`: `lots: {{ divided: false, reason: [\"…\"] }}`"
            ),
        );
        return;
    };
    // Inserted lists have no meaning here: they are counted but not placed.
    let mut inserts: Vec<Insert> = Vec::new();
    c.blocks("lots.reason", &lots.reason, &mut inserts);
    if !lots.divided {
        if lots.reason.is_empty() {
            c.push(
                "lots.reason",
                format!("a contract not divided into lots needs the reason in the tender documents ({ARTICLE})"),
            );
        }
        for (field, set) in [
            ("lots.bid_limit", lots.bid_limit.is_some()),
            ("lots.award_limit", lots.award_limit.is_some()),
            ("lots.items", !lots.items.is_empty()),
        ] {
            if set {
                c.push(
                    field,
                    "only a tender divided into lots (`divided: true`) has this",
                );
            }
        }
        return;
    }
    validate_divided(t, lots, c, &mut inserts);
    if !inserts.is_empty() {
        c.push(
            "lots",
            "`insert:` blocks are not placed in the lots' texts: write the text",
        );
    }
}

fn validate_divided(t: &Tender, lots: &Lots, c: &mut Check<'_>, inserts: &mut Vec<Insert>) {
    let n = lots.items.len() as u32;
    if n < 2 {
        c.push(
            "lots.items",
            "a tender divided into lots declares at least two lots (one lot: `divided: false` with the reason)",
        );
    }
    let mut seen: Vec<u32> = Vec::new();
    for (i, lot) in lots.items.iter().enumerate() {
        let f = format!("lots.items.{i}");
        if lot.number == 0 {
            c.push(format!("{f}.number"), "lots are numbered from 1");
        }
        if seen.contains(&lot.number) {
            c.push(
                format!("{f}.number"),
                format!("lot {} is declared twice", lot.number),
            );
        }
        seen.push(lot.number);
        c.prose(&format!("{f}.title"), &lot.title);
        if lot.scope.is_empty() {
            c.push(format!("{f}.scope"), "say what the lot comprises");
        }
        c.blocks(&format!("{f}.scope"), &lot.scope, inserts);
        if lot.estimated_value <= Decimal::ZERO {
            c.push(format!("{f}.estimated_value"), "must be more than 0");
        }
        match (t.procedure.agreement_type, lot.maximum_value) {
            (AgreementType::Raamovereenkomst, None) => c.push(
                format!("{f}.maximum_value"),
                "a raamovereenkomst needs each lot's maximum value",
            ),
            (_, Some(m)) if m < lot.estimated_value => c.push(
                format!("{f}.maximum_value"),
                "must not be less than the lot's estimated value",
            ),
            _ => {}
        }
        for (id, p) in &lot.points {
            if *p <= Decimal::ZERO {
                c.push(format!("{f}.points.{id}"), "must be more than 0");
            }
        }
        if let Some(ids) = &lot.criteria {
            for (j, id) in ids.iter().enumerate() {
                if ids[..j].contains(id) {
                    c.push(
                        format!("{f}.criteria.{j}"),
                        format!("`{id}` is listed twice"),
                    );
                }
            }
        }
        if let Some(lines) = &lot.price_lines {
            if lines.is_empty() {
                c.push(
                    format!("{f}.price_lines"),
                    "name at least one price line, or leave the key out for all",
                );
            }
            for (j, id) in lines.iter().enumerate() {
                if lines[..j].contains(id) {
                    c.push(
                        format!("{f}.price_lines.{j}"),
                        format!("`{id}` is listed twice"),
                    );
                }
            }
        }
    }
    // The lots' values make up the contract's: a fact typed twice must agree.
    let a = &t.agreement;
    let sum: Decimal = lots.items.iter().map(|l| l.estimated_value).sum();
    if n >= 2 && sum != a.estimated_value {
        c.push(
            "agreement.estimated_value",
            format!(
                "the lots' estimated values add up to {}, not {}: the contract's value is the sum of its lots",
                crate::format::money(sum),
                crate::format::money(a.estimated_value)
            ),
        );
    }
    let maxima: Option<Decimal> = lots.items.iter().map(|l| l.maximum_value).sum();
    if let (Some(sum), Some(max)) = (maxima, a.maximum_value)
        && n >= 2
        && sum != max
    {
        c.push(
            "agreement.maximum_value",
            format!(
                "the lots' maximum values add up to {}, not {}",
                crate::format::money(sum),
                crate::format::money(max)
            ),
        );
    }
    if let Some(b) = lots.bid_limit
        && (b == 0 || b > n)
    {
        c.push(
            "lots.bid_limit",
            format!(
                "give a number of lots from 1 to {n} (leave it out when a bid may be for every lot)"
            ),
        );
    }
    if let Some(limit) = &lots.award_limit {
        // A limit that every bidder meets anyway limits nothing.
        let most = lots.bid_limit.unwrap_or(n).min(n);
        if limit.max_lots == 0 || limit.max_lots >= most {
            c.push(
                "lots.award_limit.max_lots",
                format!(
                    "give a number of lots from 1 to {}: a bidder can tender for {most}, so a higher limit has no effect",
                    most.saturating_sub(1).max(1)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::read_yaml;
    use std::path::{Path, PathBuf};

    fn bundled() -> Tender {
        read_yaml(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/tender.yaml")).unwrap()
    }

    fn problems(t: &Tender) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        t.validate(Path::new("tender.yaml"), &mut out);
        out
    }

    fn divided(yaml: &str) -> Tender {
        let mut t = bundled();
        t.lots = Some(serde_yaml::from_str(yaml).unwrap());
        t
    }

    const THREE: &str = r#"
divided: true
award_limit: { max_lots: 1, order: value }
items:
  - { number: 1, title: Noord, scope: [Het noorden.], estimated_value: "200000", maximum_value: "250000" }
  - { number: 2, title: Zuid, scope: [Het zuiden.], estimated_value: "236000", maximum_value: "236000" }
  - { number: 3, title: Stad, scope: [De stad.], estimated_value: "400000", maximum_value: "450000" }
"#;

    #[test]
    fn the_bundled_tender_is_not_divided_and_says_why() {
        let t = bundled();
        let lots = t.lots.as_ref().unwrap();
        assert!(!lots.divided && !lots.reason.is_empty());
        assert!(problems(&t).is_empty(), "{:?}", problems(&t));
    }

    #[test]
    fn a_missing_reason_cites_the_article() {
        let mut t = bundled();
        t.lots = None;
        let p = problems(&t);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, "lots");
        assert!(
            p[0].message.contains("artikel 1.5 lid 4"),
            "{}",
            p[0].message
        );
        t.lots = Some(serde_yaml::from_str("divided: false").unwrap());
        let p = problems(&t);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, "lots.reason");
        assert!(p[0].message.contains("artikel 1.5 lid 4"));
    }

    #[test]
    fn three_lots_that_add_up_pass() {
        let t = divided(THREE);
        assert!(problems(&t).is_empty(), "{:?}", problems(&t));
        assert!(t.divided());
        assert_eq!(t.lots.unwrap().numbers(), [1, 2, 3]);
    }

    #[test]
    fn divided_lots_are_checked() {
        let t = divided(
            r#"
divided: true
bid_limit: 4
award_limit: { max_lots: 2, order: number }
items:
  - { number: 1, title: Noord, scope: [], estimated_value: "0", price_lines: [A1, A1] }
  - { number: 1, title: Zuid, scope: [Het zuiden.], estimated_value: "500000", maximum_value: "100" }
"#,
        );
        let fields: Vec<String> = problems(&t).into_iter().map(|d| d.field).collect();
        for f in [
            "lots.items.0.scope",
            "lots.items.0.estimated_value",
            "lots.items.0.maximum_value",
            "lots.items.0.price_lines.1",
            "lots.items.1.number",
            "lots.items.1.maximum_value",
            "agreement.estimated_value",
            "lots.bid_limit",
            "lots.award_limit.max_lots",
        ] {
            assert!(fields.iter().any(|x| x == f), "{f} not in {fields:?}");
        }
    }

    #[test]
    fn an_undivided_tender_has_no_lot_rules() {
        let t = divided(
            "divided: false\nreason: [Samenhang.]\naward_limit: { max_lots: 1, order: value }",
        );
        let p = problems(&t);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, "lots.award_limit");
    }
}
