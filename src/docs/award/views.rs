//! The views of the award documents (the Tera contexts): what each letter, the committee's
//! report and the award decision may show. A letter carries only the addressee's own assessment
//! and, for comparison, the winner's (art. 2.57 Aw 2012).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::super::derived::AwardDerived;
use super::super::itt::Outline;
use crate::calendar::Holidays;
use crate::evaluation::Outcome;
use crate::evaluation::convert::scoring_method;
use crate::evaluation::scoring::{
    BidResult, Exclusion, PriceMethod, TieBreak, price_points, round_points, zero_price,
};
use crate::format;
use crate::model::Project;
use crate::model::award::{AwardRules, BasisKind};
use crate::model::bids::{Bid, Decision, DecisionContact, Person, Stage, Status};

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
    /// Whether this is a directly scored quality criterion (a gunningscriterium, not a
    /// subgunningscriterium).
    pub direct: bool,
    /// In a rejection letter: how the winner's score on this criterion compares with the
    /// addressee's (`higher`, `equal`, `lower`), so the heading of the comparison fits.
    pub winner_score: Option<&'static str>,
}

/// How a tie on total points was settled for one bid (section 2.7 of the invitation): the
/// figures that decided it, without naming the other bids.
#[derive(Debug, Clone, Serialize)]
pub struct TieView {
    /// `quality` (the higher quality total decided), `lottery` or `shared` (not broken: the
    /// bids share the place).
    pub rule: &'static str,
    /// The total points the bids share.
    pub points: Decimal,
    /// The amount the bids share when the basis ranks on money: the total price (lowest
    /// price) or the fictitious price (gunnen op waarde); `None` under points.
    pub amount: Option<Decimal>,
    /// The tie-break criterion that decided (`G1 Prijs`): the first on which the tied bids
    /// differ; empty when they are equal on every one (lottery, shared place).
    pub criterion: String,
    /// Whether the values on `criterion` are total prices in euros (lower wins), not points.
    pub money: bool,
    /// This bid's value on `criterion`.
    pub own_quality: Decimal,
    /// The same value of the other bids with the same total, best first.
    pub others_quality: Vec<Decimal>,
    /// How many other bids have the same total.
    pub others: usize,
    /// The tie-break criteria before `criterion` (all of them when none decided), on which the
    /// bids are equal, with the shared value.
    pub equal_on: Vec<TieEqual>,
    /// Whether this bid ended above all the others with the same total.
    pub won: bool,
    /// Whether the tie is for first place (it decided the winner).
    pub for_first: bool,
}

/// A tie-break criterion on which tied bids are equal.
#[derive(Debug, Clone, Serialize)]
pub struct TieEqual {
    /// `G2 Kwaliteit`.
    pub criterion: String,
    pub value: Decimal,
    pub money: bool,
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
    /// Gunnen op waarde: the quality points × euros per point, and the total price minus it.
    pub quality_value: Option<Decimal>,
    pub fictitious_price: Option<Decimal>,
    /// Price points before rounding, with four decimals in Dutch notation (the record shows
    /// both).
    pub price_points_exact: String,
    /// Set when another bid has the same total points.
    pub tie: Option<TieView>,
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
    /// Gunnen op waarde: the value of the winner's quality points, and its fictitious price
    /// (only when the total price may be shown: the one follows from the other).
    pub quality_value: Option<Decimal>,
    pub fictitious_price: Option<Decimal>,
    /// How the winner's tie was settled, without the other bids' figures (they are shown only
    /// to the bidders concerned, in their own `tie`).
    pub tie_rule: Option<&'static str>,
    /// The tie-break criterion that decided the winner's tie (`G1 Prijs`), and whether it
    /// compares total prices (lower wins) rather than points.
    pub tie_criterion: Option<String>,
    pub tie_money: bool,
}

/// An excluded bid: stage, reason, legal basis and how the fact was established.
#[derive(Debug, Clone, Serialize)]
pub struct Excluded {
    pub id: String,
    pub name: String,
    pub stage: Stage,
    /// As the letter states it (second person).
    pub reason: String,
    pub basis: String,
    pub established: String,
    /// As the record states it (third person).
    pub record: String,
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
    pub price: Option<String>,
    pub quality: Option<String>,
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
    /// Whether the European articles (2.116, 2.127, 2.130 Aw 2012) apply and are cited.
    pub european: bool,
    pub basis: String,
    /// What ranks the bids: `points`, `lowest_price` or `value` (gunnen op waarde); the
    /// letters word the comparison, the ranking and ties in its terms.
    pub basis_kind: &'static str,
    /// Gunnen op waarde: the euros one quality point is worth.
    pub euros_per_point: Option<Decimal>,
    pub standstill: StandstillView,
    pub court: String,
    pub contact: DecisionContact,
    pub signatory: Person,
    pub evidence_days: u32,
    pub evidence_days_words: String,
    /// The last day for the winner's evidence: `evidence_days` working days after sending.
    pub evidence_deadline: NaiveDate,
    /// The evidence asked of the winner: the invitation's list and what the decision adds.
    pub evidence: Vec<String>,
    /// The authority's visiting address, where a writ is served.
    pub visiting_address: Vec<String>,
    /// Decimals price points and quality points are rounded to.
    pub price_decimals: u32,
    pub quality_decimals: u32,
    pub price: Head,
    pub quality: Head,
    pub total_max: Decimal,
    /// The quality sub-criteria.
    pub criteria: Vec<Head>,
    /// What the scored quality criteria are called: `subgunningscriterium` (all under a
    /// group), `gunningscriterium` (all scored directly) or `criterium` (both).
    pub criterion_word: &'static str,
    /// `G2 Kwaliteit`.
    pub tie_break_criteria: String,
    /// The tie-break criteria in the order they are compared: `G2 Kwaliteit en daarna G1
    /// Prijs`.
    pub tie_break_order: String,
    /// How price counts: name, formula in words and the explanation the letter prints.
    pub price_method: crate::docs::derived::PriceMethodView,
    /// What the total tender price sums: `componenten A en B`, `component A`, or `alle
    /// regels` for a price without components.
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
    /// The linear method's zero-points price (stated, or the percentage above the lowest).
    pub zero_price: Option<Decimal>,
    pub abnormally_low: Vec<LowPrice>,
    pub threshold_percent: Decimal,
    pub lottery: Option<LotteryView>,
    pub committee: Vec<Person>,
    /// The committee members who vote and sign the record.
    pub voting: Vec<Person>,
    pub winner_name: Option<String>,
    /// Per bid received (id order), steps 1-4 of the assessment (section 2.7).
    pub steps: Vec<Steps>,
    pub opened_on: Option<NaiveDate>,
    pub presentations: Vec<NaiveDate>,
    /// The interview days, when a criterion is assessed in an interview.
    pub interviews: Vec<NaiveDate>,
    pub consensus_on: NaiveDate,
    pub decided_on: NaiveDate,
    pub average_price: Option<Decimal>,
    pub threshold_price: Option<Decimal>,
}

/// The outcome of each step of the assessment for one bid: `passed`, `failed` or
/// `not_assessed` (after an earlier step failed).
#[derive(Debug, Clone, Serialize)]
pub struct Steps {
    pub name: String,
    pub completeness: &'static str,
    pub exclusion_grounds: &'static str,
    pub suitability: &'static str,
    pub requirements: &'static str,
    pub award: &'static str,
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
        TieBreak::Criteria => "quality",
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

        // A tie-break criterion in the documents' words: `G2 Kwaliteit`, `G1 Prijs`, `G2.3
        // Presentatie`.
        let criterion_name = |id: &str| -> String {
            let title = award
                .criteria
                .iter()
                .find(|c| c.id == id)
                .map(|c| &c.title)
                .or_else(|| award.quality_criterion(id).map(|s| &s.title));
            title.map_or_else(|| id.to_string(), |t| format!("{id} {t}"))
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
                            direct: award.criteria.iter().any(|g| g.direct && g.id == c.id),
                            winner_score: None,
                        }
                    })
                    .collect(),
                quality_points: r.quality_points,
                total_points: r.total_points,
                quality_value: r.quality_value,
                fictitious_price: r.fictitious_price,
                // The price points by `price.method` (seed §5.2.1: lowest / own × maximum)
                // before rounding, to four decimals; none when the basis gives no points.
                price_points_exact: format::decimal(
                    match (award.basis.kind, e.lowest_price) {
                        (BasisKind::Points, Some(lowest)) if !r.total_price.is_zero() => {
                            price_points(
                                scoring_method(award.price.method),
                                lowest,
                                r.total_price,
                                award.price_max_points(),
                                4,
                            )
                        }
                        _ => Decimal::ZERO,
                    },
                    4,
                ),
                tie: tie_of(r, &e.ranking, award.basis.kind, &criterion_name),
            }
        };
        let ranked: Vec<Ranked> = e.ranking.iter().map(ranked_view).collect();
        let sections = outline.labels();
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
                        basis: ex.basis.trim().to_string(),
                        established: ex.established.trim().to_string(),
                        record: ex.record.trim().to_string(),
                    },
                    (Exclusion::NotAnswered { criteria }, _) => {
                        let step = award.scale_step(0);
                        let label = step.map(|s| s.short_label.as_str()).unwrap_or_default();
                        let criteria = criteria.join(", ");
                        let section = sections.get("sec-beoordeling-kwaliteit").cloned();
                        Excluded {
                            id: b.id.clone(),
                            name: b.name.clone(),
                            stage: Stage::AwardCriteria,
                            reason: format!(
                                "Score 0 ({label}) op {criteria}: {}",
                                step.map(|s| s.description.as_str()).unwrap_or_default()
                            ),
                            basis: match section {
                                Some(n) => format!("paragraaf {n} van de offerteaanvraag (score 0 leidt tot uitsluiting)"),
                                None => "de offerteaanvraag (score 0 leidt tot uitsluiting)".to_string(),
                            },
                            established: "Dit is vastgesteld door de beoordelingscommissie in consensus bij de beoordeling van uw inschrijving op de gunningscriteria.".to_string(),
                            record: format!(
                                "{} heeft op {criteria} de score 0 ({label}) gekregen en is daarom uitgesloten.",
                                b.name
                            ),
                        }
                    }
                    // Validation requires an exclusion for every excluded bid.
                    (Exclusion::ByStatus, None) => Excluded {
                        id: b.id.clone(),
                        name: b.name.clone(),
                        stage: Stage::Completeness,
                        reason: String::new(),
                        basis: String::new(),
                        established: String::new(),
                        record: String::new(),
                    },
                }
            })
            .collect();

        let winner = ranked.first().map(|w| winner_view(w, decision));
        let s = &outcome.standstill;
        let price = award.price_criterion();
        // The quality subtotal's heading: the one quality criterion (`G2 Kwaliteit`), or all of
        // them (`G2 en G3 Kwaliteit`).
        let quality_groups: Vec<_> = award.quality_groups().collect();
        let quality = match quality_groups.as_slice() {
            [] => None,
            [one] => Some((one.id.clone(), one.title.clone())),
            several => {
                let ids: Vec<&str> = several.iter().map(|c| c.id.as_str()).collect();
                Some((format::list(&ids, "en"), "Kwaliteit".to_string()))
            }
        };
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
            procedure: crate::docs::derived::procedure_name(t.procedure.kind),
            reference: t.reference.clone(),
            platform: t.procedure.platform.clone(),
            law: t.procedure.law.name.clone(),
            law_short: t.procedure.law.short.clone(),
            european: t.procedure.kind.european(),
            basis: award.basis.name.clone(),
            basis_kind: match award.basis.kind {
                BasisKind::Points => "points",
                BasisKind::LowestPrice => "lowest_price",
                BasisKind::Value { .. } => "value",
            },
            euros_per_point: match award.basis.kind {
                BasisKind::Value { euros_per_point } => Some(euros_per_point),
                _ => None,
            },
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
            // Seed §2.9 and the definitions: working days exclude Saturdays, Sundays and Atw
            // holidays (and days equated by decree, Atw art. 3(3)).
            evidence_deadline: Holidays::new(&decision.decree_days)
                .working_days_after(decision.sent_on, t.evidence.deadline_working_days),
            evidence: t
                .evidence
                .documents
                .iter()
                .map(|d| d.what.clone())
                .chain(decision.extra_evidence.iter().cloned())
                .collect(),
            visiting_address: t.organisation.visiting_address.clone(),
            price_decimals: award.price.decimals.value(),
            quality_decimals: award.quality.decimals.value(),
            price: Head {
                id: price.map(|c| c.id.clone()).unwrap_or_default(),
                title: price.map(|c| c.title.clone()).unwrap_or_default(),
                max: award.price_max_points(),
            },
            quality: Head {
                id: quality.clone().map(|(id, _)| id).unwrap_or_default(),
                title: quality.map(|(_, title)| title).unwrap_or_default(),
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
            criterion_word: criterion_word(award),
            tie_break_criteria: derived.tie_break_criteria,
            tie_break_order: {
                let names: Vec<String> = award
                    .tie_break
                    .criteria
                    .iter()
                    .map(|id| criterion_name(id))
                    .collect();
                format::list(
                    &names.iter().map(String::as_str).collect::<Vec<_>>(),
                    "en daarna",
                )
            },
            price_method: derived.price_method,
            total_components: derived.price_phrases.total_scope.clone(),
            valid_count: ranked.len(),
            lottery_date: decision.lottery.as_ref().map(|l| l.date),
            winner,
            sections: Sections {
                assessment: section("sec-beoordelingsprocedure"),
                decision: section("sec-besluitvorming"),
                evidence: section("sec-bewijsmiddelen"),
                award: section("sec-gunning"),
                price: section("sec-beoordeling-prijs"),
                quality: section("sec-beoordeling-kwaliteit"),
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
            zero_price: match (
                award.basis.kind,
                scoring_method(award.price.method),
                e.lowest_price,
            ) {
                (BasisKind::Points, PriceMethod::Linear(zero_at), Some(lowest)) => {
                    Some(zero_price(zero_at, lowest))
                }
                _ => None,
            },
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
            voting: decision
                .committee
                .iter()
                .filter(|p| p.voting)
                .cloned()
                .collect(),
            winner_name: ranked.first().map(|w| w.name.clone()),
            steps: project.bids.iter().map(|b| steps(b, &excluded)).collect(),
            opened_on: t.opening().map(|o| o.date()),
            presentations: award
                .presentation
                .as_ref()
                .map(|p| p.dates.clone())
                .unwrap_or_default(),
            interviews: award
                .interview
                .as_ref()
                .map(|p| p.dates.clone())
                .unwrap_or_default(),
            consensus_on: decision.consensus_on,
            decided_on: decision.decided_on,
            average_price: average(&ranked),
            threshold_price: average(&ranked).map(|a| {
                round_points(
                    a * (Decimal::ONE_HUNDRED - decision.abnormally_low_percent)
                        / Decimal::ONE_HUNDRED,
                )
            }),
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
        let mut own = self.ranked.get(&bid.id).cloned();
        if let (Some(o), Some(w)) = (own.as_mut(), &self.common.winner)
            && o.rank != 1
        {
            for (c, wc) in o.criteria.iter_mut().zip(&w.criteria) {
                c.winner_score = Some(match wc.score.cmp(&c.score) {
                    std::cmp::Ordering::Greater => "higher",
                    std::cmp::Ordering::Equal => "equal",
                    std::cmp::Ordering::Less => "lower",
                });
            }
        }
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

/// The winner as other bidders' letters show it (art. 2.57 Aw 2012): its characteristics and
/// relative advantages and why it did not get the maximum, not its weaknesses as such; the
/// total price only when the decision allows it.
pub(crate) fn winner_view(w: &Ranked, decision: &Decision) -> WinnerView {
    WinnerView {
        name: w.name.clone(),
        total_price: decision.show_winner_total_price.then_some(w.total_price),
        price_points: w.price_points,
        // The characteristics and relative advantages of the winning bid, and why it did not
        // get the maximum; not its weaknesses as such.
        criteria: w
            .criteria
            .iter()
            .map(|c| Scored {
                weaknesses: Vec::new(),
                ..c.clone()
            })
            .collect(),
        quality_points: w.quality_points,
        total_points: w.total_points,
        quality_value: w.quality_value,
        fictitious_price: w
            .fictitious_price
            .filter(|_| decision.show_winner_total_price),
        tie_rule: w.tie.as_ref().map(|t| t.rule),
        tie_criterion: w.tie.as_ref().map(|t| t.criterion.clone()),
        tie_money: w.tie.as_ref().is_some_and(|t| t.money),
    }
}

/// What the award basis ranks on, for one bid: the total points, the total price (lowest
/// price) or the fictitious price (gunnen op waarde).
fn basis_key(r: &BidResult, basis: BasisKind) -> Option<Decimal> {
    match basis {
        BasisKind::Points => Some(r.total_points),
        BasisKind::LowestPrice => Some(r.total_price),
        BasisKind::Value { .. } => r.fictitious_price,
    }
}

/// The tie of `r` with the other bids equal to it on the award basis, if any: the tie-break
/// criterion that decided, with each bid's value on it, and those on which they were equal
/// (`name` words a criterion id).
fn tie_of(
    r: &BidResult,
    ranking: &[BidResult],
    basis: BasisKind,
    name: &dyn Fn(&str) -> String,
) -> Option<TieView> {
    let peers: Vec<&BidResult> = ranking
        .iter()
        .filter(|o| o.id != r.id && basis_key(o, basis) == basis_key(r, basis))
        .collect();
    if peers.is_empty() {
        return None;
    }
    let decided = r
        .tie_decided_by
        .as_ref()
        .and_then(|id| r.tie_values.iter().position(|v| &v.criterion == id));
    let value_at = |b: &BidResult, i: usize| b.tie_values.get(i).map(|v| v.value);
    let money = decided.is_some_and(|i| r.tie_values[i].money);
    let mut others_quality: Vec<Decimal> = match decided {
        Some(i) => peers.iter().filter_map(|p| value_at(p, i)).collect(),
        None => Vec::new(),
    };
    // Best first: the lowest price, the most points.
    others_quality.sort_by(|a, b| if money { a.cmp(b) } else { b.cmp(a) });
    let rule = match r.tie_break {
        TieBreak::Lottery => "lottery",
        TieBreak::Shared => "shared",
        TieBreak::Criteria | TieBreak::None => "quality",
    };
    Some(TieView {
        rule,
        points: r.total_points,
        amount: match basis {
            BasisKind::Points => None,
            _ => basis_key(r, basis),
        },
        criterion: decided.map_or_else(String::new, |i| name(&r.tie_values[i].criterion)),
        money,
        own_quality: decided.map_or(Decimal::ZERO, |i| r.tie_values[i].value),
        others_quality,
        others: peers.len(),
        equal_on: r
            .tie_values
            .iter()
            .take(decided.unwrap_or(r.tie_values.len()))
            .map(|v| TieEqual {
                criterion: name(&v.criterion),
                value: v.value,
                money: v.money,
            })
            .collect(),
        won: peers.iter().all(|p| p.rank > r.rank),
        for_first: r.rank == 1 || peers.iter().any(|p| p.rank == 1),
    })
}

/// What the scored quality criteria are called in the letters and the record.
fn criterion_word(award: &AwardRules) -> &'static str {
    let direct = |id: &str| award.criteria.iter().any(|g| g.direct && g.id == id);
    let (direct, sub): (Vec<_>, Vec<_>) = award.quality_criteria().partition(|s| direct(&s.id));
    match (direct.is_empty(), sub.is_empty()) {
        (true, _) => "subgunningscriterium",
        (false, true) => "gunningscriterium",
        (false, false) => "criterium",
    }
}

/// The average total price of the ranked bids (the abnormally-low check's reference).
fn average(ranked: &[Ranked]) -> Option<Decimal> {
    (!ranked.is_empty()).then(|| {
        round_points(
            ranked.iter().map(|r| r.total_price).sum::<Decimal>() / Decimal::from(ranked.len()),
        )
    })
}

/// Steps 1-4 of the assessment (section 2.7) for one bid: every step before the one that
/// excluded it passed, that one failed, the later ones were not assessed.
fn steps(bid: &Bid, excluded: &[Excluded]) -> Steps {
    let failed = excluded.iter().find(|x| x.id == bid.id).map(|x| x.stage);
    let order = [
        Stage::Completeness,
        Stage::ExclusionGrounds,
        Stage::Suitability,
        Stage::ProgrammeOfRequirements,
        Stage::AwardCriteria,
    ];
    let at = |stage: Stage| -> &'static str {
        match failed {
            None => "passed",
            Some(f) => {
                let pos = |s: Stage| order.iter().position(|x| *x == s);
                match pos(stage).cmp(&pos(f)) {
                    std::cmp::Ordering::Less => "passed",
                    std::cmp::Ordering::Equal => "failed",
                    std::cmp::Ordering::Greater => "not_assessed",
                }
            }
        }
    };
    Steps {
        name: bid.name.clone(),
        completeness: at(Stage::Completeness),
        exclusion_grounds: at(Stage::ExclusionGrounds),
        suitability: at(Stage::Suitability),
        requirements: at(Stage::ProgrammeOfRequirements),
        award: at(Stage::AwardCriteria),
    }
}
