//! The award decision (voorlopige gunningsbeslissing): one reasoned letter per bidder, the
//! evaluation report for the file (proces-verbaal van beoordeling) and `evaluation.json`.
//!
//! Everything is computed from the data by [`crate::evaluation`] (the pure scoring and the
//! standstill of [`crate::calendar`]). The views below decide what each
//! letter may show (art. 2.57 Aw 2012): a letter carries only the addressee's own assessment and,
//! for comparison, the winner's; never another bidder's name, scores or rates, and the winner's
//! total price only when `decision.yaml` allows it. The letter's wording is the plain Typst module
//! `templates/gunning/letter.typ`; each letter's generated source is one data dictionary.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use tera::Context;

use super::derived::AwardDerived;
use super::itt::Outline;
use super::{self as docs, DocMeta, Job, OutFile, Plan, RunOptions, folder};
use crate::evaluation::Outcome;
use crate::evaluation::scoring::{BidResult, Exclusion, TieBreak, round_points};
use crate::format;
use crate::model::Project;
use crate::model::bids::{Bid, Decision, DecisionContact, Person, Stage, Status};

pub const LETTER_TEMPLATE: &str = "gunning/letter.typ.tera";
pub(crate) const REPORT_TEMPLATE: &str = "gunning/proces-verbaal.typ.tera";

/// The folder of the award documents inside the tender's output folder.
pub fn dir(project: &Project) -> PathBuf {
    folder(project).join("gunning")
}

/// The letter's file name: `gunningsbeslissing-<bidder-id>.pdf`.
pub fn letter_file(project: &Project, bidder: &str) -> PathBuf {
    dir(project).join(format!("gunningsbeslissing-{bidder}.pdf"))
}

pub(crate) fn report_file(project: &Project) -> PathBuf {
    dir(project).join("proces-verbaal-van-beoordeling.pdf")
}

pub(crate) fn json_file(project: &Project) -> PathBuf {
    dir(project).join("evaluation.json")
}

/// The letters, the report and `evaluation.json` from the evaluation's `outcome` (none when
/// there are no bids or no decision yet: nothing, with a note on stderr, since `gen all` runs
/// this in every phase). `outline` is the invitation to tender's, whose paragraphs the letters
/// cite.
pub fn plan(
    project: &Project,
    outline: &Outline,
    outcome: Option<&Outcome>,
    opts: &RunOptions,
) -> Plan {
    if project.bids.is_empty() {
        return Plan::default();
    }
    let (Some(decision), Some(outcome)) = (&project.decision, outcome) else {
        eprintln!(
            "note: {} bid(s) but no {}: no award letters yet",
            project.bids.len(),
            project.dir.join("decision.yaml").display()
        );
        return Plan::default();
    };
    if outcome.evaluation.winner.is_none() {
        eprintln!(
            "note: no bid is valid, so there is no winner: only exclusion letters and the evaluation report are written"
        );
    }
    let views = Views::new(project, outline, decision, outcome);

    let mut plan = Plan::default();
    // What every letter shares, converted once: Tera values share maps and lists, so a
    // thousand letters hold one copy of it instead of a thousand.
    let meta = meta(project, "Voorlopige gunningsbeslissing", decision, opts);
    let shared = Arc::new(Shared {
        title: meta.title.clone(),
        doc: tera::Value::from_serializable(&meta),
        common: tera::Value::from_serializable(&views.common),
    });
    for bid in &project.bids {
        plan.jobs
            .push(letter_job(project, decision, &views, &shared, bid));
    }
    plan.jobs.push(report_job(project, decision, &views, opts));
    plan.files.push(OutFile {
        path: json_file(project),
        bytes: evaluation_json(project, decision, outcome, &views).into_bytes(),
    });
    plan
}

// ---------------------------------------------------------------------------------------------
// Views (the Tera contexts).

/// A criterion's heading: id, title and maximum points.
#[derive(Debug, Clone, Serialize)]
pub struct Head {
    pub id: String,
    pub title: String,
    pub max: Decimal,
}

/// One quality sub-criterion of one bid: score, points and the committee's reasons.
#[derive(Debug, Clone, Serialize)]
pub struct Scored {
    pub id: String,
    pub title: String,
    pub max: Decimal,
    pub score: u32,
    /// The scale's short label (`goed`).
    pub label: String,
    pub points: Decimal,
    pub strengths: Vec<String>,
    pub weaknesses: Vec<String>,
    pub why_not_maximum: Vec<String>,
}

/// A valid, ranked bid.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    pub id: String,
    pub name: String,
    pub rank: u32,
    /// How equal total points were resolved: `none`, `quality`, `lottery`, `shared`.
    pub tie_break: &'static str,
    pub total_price: Decimal,
    /// Whether this bid has the lowest total price (and so the maximum price points).
    pub lowest: bool,
    pub price_points: Decimal,
    pub criteria: Vec<Scored>,
    pub quality_points: Decimal,
    pub total_points: Decimal,
}

/// The winner as other bidders' letters show it: the total price only when allowed.
#[derive(Debug, Clone, Serialize)]
pub struct WinnerView {
    pub name: String,
    pub total_price: Option<Decimal>,
    pub price_points: Decimal,
    pub criteria: Vec<Scored>,
    pub quality_points: Decimal,
    pub total_points: Decimal,
}

/// An excluded bid: stage and reason.
#[derive(Debug, Clone, Serialize)]
pub struct Excluded {
    pub id: String,
    pub name: String,
    pub stage: Stage,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StandstillView {
    pub days: u32,
    pub days_words: String,
    pub first_day: NaiveDate,
    /// The last day without the Atw.
    pub raw_end: NaiveDate,
    pub end: NaiveDate,
    pub extended: bool,
    /// Why `raw_end` is not a working day (`zaterdag`, `Tweede Kerstdag`).
    pub reason: Option<String>,
}

/// Section numbers of the invitation to tender the letters refer to (none when the invitation
/// cannot be rendered from the templates next to the data folder).
#[derive(Debug, Clone, Serialize)]
pub struct Sections {
    pub assessment: Option<String>,
    pub decision: Option<String>,
    pub evidence: Option<String>,
    pub award: Option<String>,
}

/// What every letter and the report share (context key `common`).
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    pub organisation: String,
    /// The sender block: address lines and e-mail.
    pub sender: Vec<String>,
    pub place: String,
    pub sent_on: NaiveDate,
    pub tender_title: String,
    /// The procedure in running text, e.g. "Europese openbare aanbesteding"
    /// (`tender.procedure.kind`).
    pub procedure: &'static str,
    pub reference: String,
    pub platform: String,
    pub law: String,
    pub law_short: String,
    pub basis: String,
    pub standstill: StandstillView,
    pub court: String,
    pub contact: DecisionContact,
    pub signatory: Person,
    pub evidence_days: u32,
    pub evidence_days_words: String,
    pub price: Head,
    pub quality: Head,
    pub total_max: Decimal,
    /// The quality sub-criteria.
    pub criteria: Vec<Head>,
    /// `G2 Kwaliteit`.
    pub tie_break_criteria: String,
    /// The price components in the total tender price: `A en B`.
    pub total_components: String,
    /// Number of bids assessed on the award criteria.
    pub valid_count: usize,
    pub lottery_date: Option<NaiveDate>,
    pub winner: Option<WinnerView>,
    pub sections: Sections,
}

/// The addressee block and salutation.
#[derive(Debug, Clone, Serialize)]
pub struct Addressee {
    pub name: String,
    pub contact: String,
    pub address: Vec<String>,
    /// After "Geachte": `heer De Vries`.
    pub salutation: String,
}

/// One letter (context key `letter`).
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    /// `winner`, `rejection` or `exclusion`.
    pub kind: &'static str,
    /// The letter's reference (kenmerk).
    pub kenmerk: String,
    pub addressee: Addressee,
    /// The addressee's own assessment (valid bids).
    pub own: Option<Ranked>,
    pub exclusion: Option<Excluded>,
}

/// The evaluation report's view (context key `report`).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub ranked: Vec<Ranked>,
    pub excluded: Vec<Excluded>,
    /// Bidders in id order with their status, for the list of bids received.
    pub received: Vec<Received>,
    pub lowest_price: Option<Decimal>,
    pub abnormally_low: Vec<LowPrice>,
    pub threshold_percent: Decimal,
    pub lottery: Option<LotteryView>,
    pub committee: Vec<Person>,
    pub winner_name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Received {
    pub id: String,
    pub name: String,
    pub valid: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LowPrice {
    pub name: String,
    pub total_price: Decimal,
    pub average: Decimal,
    pub percent_below: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct LotteryView {
    pub date: NaiveDate,
    pub order: Vec<String>,
}

/// All views of one evaluation.
pub struct Views {
    pub common: Common,
    pub ranked: BTreeMap<String, Ranked>,
    pub excluded: BTreeMap<String, Excluded>,
    pub report: Report,
}

fn tie_name(t: TieBreak) -> &'static str {
    match t {
        TieBreak::None => "none",
        TieBreak::Quality => "quality",
        TieBreak::Lottery => "lottery",
        TieBreak::Shared => "shared",
    }
}

impl Views {
    pub fn new(
        project: &Project,
        outline: &Outline,
        decision: &Decision,
        outcome: &Outcome,
    ) -> Views {
        let t = &project.tender;
        let award = &project.award;
        let e = &outcome.evaluation;
        let bid = |id: &str| {
            project
                .bids
                .iter()
                .find(|b| b.id == id)
                .expect("evaluated bids exist")
        };
        let label = |score: u32| {
            award
                .scale_step(score)
                .map(|s| s.short_label.clone())
                .unwrap_or_default()
        };

        let ranked_view = |r: &BidResult| {
            let b = bid(&r.id);
            Ranked {
                id: r.id.clone(),
                name: b.name.clone(),
                rank: r.rank,
                tie_break: tie_name(r.tie_break),
                total_price: r.total_price,
                lowest: Some(r.total_price) == e.lowest_price,
                price_points: r.price_points,
                criteria: r
                    .criteria
                    .iter()
                    .map(|c| {
                        let a = &b.quality[&c.id];
                        Scored {
                            id: c.id.clone(),
                            title: award
                                .quality_criterion(&c.id)
                                .map(|s| s.title.clone())
                                .unwrap_or_default(),
                            max: c.max_points,
                            score: c.score,
                            label: label(c.score),
                            points: c.points,
                            strengths: a.strengths.clone(),
                            weaknesses: a.weaknesses.clone(),
                            why_not_maximum: a.why_not_maximum.clone(),
                        }
                    })
                    .collect(),
                quality_points: r.quality_points,
                total_points: r.total_points,
            }
        };
        let ranked: Vec<Ranked> = e.ranking.iter().map(ranked_view).collect();
        let excluded: Vec<Excluded> = e
            .excluded
            .iter()
            .map(|x| {
                let b = bid(&x.id);
                match (&x.reason, &b.exclusion) {
                    (Exclusion::ByStatus, Some(ex)) => Excluded {
                        id: b.id.clone(),
                        name: b.name.clone(),
                        stage: ex.stage,
                        reason: ex.reason.trim().to_string(),
                    },
                    (Exclusion::NotAnswered { criteria }, _) => {
                        let step = award.scale_step(0);
                        Excluded {
                            id: b.id.clone(),
                            name: b.name.clone(),
                            stage: Stage::AwardCriteria,
                            reason: format!(
                                "Score 0 ({}) op {}: {}",
                                step.map(|s| s.short_label.as_str()).unwrap_or_default(),
                                criteria.join(", "),
                                step.map(|s| s.description.as_str()).unwrap_or_default()
                            ),
                        }
                    }
                    // Validation requires an exclusion for every excluded bid.
                    (Exclusion::ByStatus, None) => Excluded {
                        id: b.id.clone(),
                        name: b.name.clone(),
                        stage: Stage::Completeness,
                        reason: String::new(),
                    },
                }
            })
            .collect();

        let winner = ranked.first().map(|w| WinnerView {
            name: w.name.clone(),
            total_price: decision.show_winner_total_price.then_some(w.total_price),
            price_points: w.price_points,
            // Only the strengths: the characteristics and relative advantages of the winning bid.
            criteria: w
                .criteria
                .iter()
                .map(|c| Scored {
                    weaknesses: Vec::new(),
                    why_not_maximum: Vec::new(),
                    ..c.clone()
                })
                .collect(),
            quality_points: w.quality_points,
            total_points: w.total_points,
        });
        let s = &outcome.standstill;
        let price = award.price_criterion();
        let quality = award.quality_groups().next();
        let sections = outline.labels();
        let derived = AwardDerived::of(award);
        let section = |label: &str| sections.get(label).cloned();
        let mut sender = t.organisation.address.clone();
        sender.push(t.organisation.procurement_email.clone());
        let common = Common {
            organisation: t.organisation.name.clone(),
            sender,
            place: decision.place.clone(),
            sent_on: decision.sent_on,
            tender_title: t.title.clone(),
            procedure: super::derived::procedure_name(t.procedure.kind),
            reference: t.reference.clone(),
            platform: t.procedure.platform.clone(),
            law: t.procedure.law.name.clone(),
            law_short: t.procedure.law.short.clone(),
            basis: award.basis.name.clone(),
            standstill: StandstillView {
                days: s.days,
                days_words: format::number_words(s.days),
                first_day: s.first_day,
                raw_end: s.raw_end,
                end: s.end,
                extended: s.is_extended(),
                reason: s.reason.map(str::to_string),
            },
            court: t.rules.court.clone(),
            contact: decision.contact.clone(),
            signatory: decision.signatory.clone(),
            evidence_days: t.evidence.deadline_working_days,
            evidence_days_words: format::number_words(t.evidence.deadline_working_days),
            price: Head {
                id: price.map(|c| c.id.clone()).unwrap_or_default(),
                title: price.map(|c| c.title.clone()).unwrap_or_default(),
                max: award.price_max_points(),
            },
            quality: Head {
                id: quality.map(|c| c.id.clone()).unwrap_or_default(),
                title: quality.map(|c| c.title.clone()).unwrap_or_default(),
                max: award.quality_max_points(),
            },
            total_max: award.total_max_points(),
            criteria: award
                .quality_criteria()
                .map(|s| Head {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    max: s.points,
                })
                .collect(),
            tie_break_criteria: derived.tie_break_criteria,
            total_components: derived.total_components,
            valid_count: ranked.len(),
            lottery_date: decision.lottery.as_ref().map(|l| l.date),
            winner,
            sections: Sections {
                assessment: section("sec-beoordelingsprocedure"),
                decision: section("sec-besluitvorming"),
                evidence: section("sec-bewijsmiddelen"),
                award: section("sec-gunning"),
            },
        };
        let name_of = |id: &str| {
            project
                .bids
                .iter()
                .find(|b| b.id == id)
                .map(|b| b.name.clone())
                .unwrap_or(id.to_string())
        };
        let report = Report {
            ranked: ranked.clone(),
            excluded: excluded.clone(),
            received: project
                .bids
                .iter()
                .map(|b| Received {
                    id: b.id.clone(),
                    name: b.name.clone(),
                    valid: b.status == Status::Valid,
                })
                .collect(),
            lowest_price: e.lowest_price,
            abnormally_low: outcome
                .abnormally_low
                .iter()
                .map(|w| LowPrice {
                    name: name_of(&w.bidder),
                    total_price: w.total_price,
                    average: round_points(w.average),
                    percent_below: w.percent_below,
                })
                .collect(),
            threshold_percent: decision.abnormally_low_percent,
            lottery: decision
                .lottery
                .as_ref()
                .filter(|_| ranked.iter().any(|r| r.tie_break == "lottery"))
                .map(|l| LotteryView {
                    date: l.date,
                    order: l.order.iter().map(|id| name_of(id)).collect(),
                }),
            committee: decision.committee.clone(),
            winner_name: ranked.first().map(|w| w.name.clone()),
        };
        Views {
            common,
            ranked: ranked.into_iter().map(|r| (r.id.clone(), r)).collect(),
            excluded: excluded.into_iter().map(|x| (x.id.clone(), x)).collect(),
            report,
        }
    }

    /// The letter to one bidder.
    pub fn letter(&self, project: &Project, bid: &Bid) -> Letter {
        let own = self.ranked.get(&bid.id).cloned();
        let exclusion = self.excluded.get(&bid.id).cloned();
        let kind = match &own {
            Some(r) if r.rank == 1 => "winner",
            Some(_) => "rejection",
            None => "exclusion",
        };
        Letter {
            kind,
            kenmerk: format!("{}/gunning/{}", project.tender.reference, bid.id),
            addressee: Addressee {
                name: bid.name.clone(),
                contact: bid.contact.name.clone(),
                address: bid.address.clone(),
                salutation: bid.contact.salutation(),
            },
            own,
            exclusion,
        }
    }
}

fn meta(project: &Project, title: &str, decision: &Decision, opts: &RunOptions) -> DocMeta {
    DocMeta::new(project, title, decision.sent_on, opts)
}

/// The context values all letters of a run share.
struct Shared {
    title: String,
    doc: tera::Value,
    common: tera::Value,
}

impl Shared {
    fn context(&self) -> Context {
        let mut context = Context::new();
        context.insert_value("doc", self.doc.clone());
        context.insert_value("common", self.common.clone());
        context
    }
}

fn letter_job(
    project: &Project,
    decision: &Decision,
    views: &Views,
    shared: &Arc<Shared>,
    bid: &Bid,
) -> Job {
    // The letter's own view is kept as typed data; its context is made when it is rendered.
    let letter = views.letter(project, bid);
    let shared_values = Arc::clone(shared);
    Job {
        file: letter_file(project, &bid.id),
        title: format!("{} – {}", shared.title, bid.name),
        template: LETTER_TEMPLATE,
        context: docs::Context::deferred(move || {
            let mut context = shared_values.context();
            context.insert("letter", &letter);
            context
        }),
        date: decision.sent_on,
    }
}

fn report_job(project: &Project, decision: &Decision, views: &Views, opts: &RunOptions) -> Job {
    let meta = meta(project, "Proces-verbaal van beoordeling", decision, opts);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("common", &views.common);
    context.insert("report", &views.report);
    Job {
        file: report_file(project),
        title: meta.title,
        template: REPORT_TEMPLATE,
        context: docs::Context::ready(context),
        date: decision.sent_on,
    }
}

// ---------------------------------------------------------------------------------------------
// evaluation.json

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
    let mut bidders = Vec::new();
    for r in &e.ranking {
        bidders.push(Json::Obj(vec![
            ("id", Json::Str(r.id.clone())),
            ("name", Json::Str(name(&r.id))),
            ("status", Json::Str("valid".into())),
            ("exclusion_reason", Json::Null),
            ("total_price", Json::Str(format!("{:.2}", r.total_price))),
            ("price_points", Json::Points(r.price_points)),
            (
                "quality",
                Json::Arr(
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
                ),
            ),
            ("quality_points", Json::Points(r.quality_points)),
            ("total_points", Json::Points(r.total_points)),
            ("rank", Json::Int(r.rank.into())),
        ]));
    }
    let mut excluded: Vec<&Excluded> = views.excluded.values().collect();
    excluded.sort_by(|a, b| a.id.cmp(&b.id));
    for x in excluded {
        bidders.push(Json::Obj(vec![
            ("id", Json::Str(x.id.clone())),
            ("name", Json::Str(x.name.clone())),
            ("status", Json::Str("excluded".into())),
            ("exclusion_reason", Json::Str(x.reason.clone())),
            ("total_price", Json::Null),
            ("price_points", Json::Null),
            ("quality", Json::Null),
            ("quality_points", Json::Null),
            ("total_points", Json::Null),
            ("rank", Json::Null),
        ]));
    }
    Json::Obj(vec![
        ("reference", Json::Str(project.tender.reference.clone())),
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
