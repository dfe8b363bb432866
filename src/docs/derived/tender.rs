//! `tender_derived`: the values the invitation's templates print that are computed from
//! `tender.yaml` (terms, deadlines, the planning's date texts) and its descriptive texts with
//! placeholders filled and references split.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::calendar::Holidays;
use crate::format;
use crate::model::requirements::Count;
use crate::model::tender::{
    AgreementType, Block, ContractType, Document, Item, ListBlock, Lots, MilestoneKind, Move,
    NestedItem, ProcedureKind, Proof, RefSegment, Resolved, Section, Tender, fill, parse_refs,
};

/// The procedure as the documents name it, in running text: "de {name}" ("Europese openbare
/// aanbesteding", "nationale openbare aanbesteding", "meervoudig onderhandse aanbesteding").
pub(crate) fn procedure_name(kind: ProcedureKind) -> &'static str {
    match kind {
        ProcedureKind::EuropeesOpenbaar => "Europese openbare aanbesteding",
        ProcedureKind::NationaalOpenbaar => "nationale openbare aanbesteding",
        ProcedureKind::MeervoudigOnderhands => "meervoudig onderhandse aanbesteding",
    }
}

/// How the documents name the procedure, the contract and the agreement
/// (`tender_derived.procedure`); the wording that differs per procedure is in the templates.
#[derive(Debug, Clone, Serialize)]
pub struct ProcedureView {
    /// "Europese openbare aanbesteding" (see [`procedure_name`]).
    pub name: &'static str,
    /// The same with "procedure": "Europese openbare aanbestedingsprocedure".
    pub procedure_name: String,
    /// The start of the complaints' subject line: "EOA", "NOA", "MOA".
    pub abbreviation: &'static str,
    /// "Diensten", "Leveringen", "Werken" (the cover).
    pub contract: &'static str,
    /// "diensten", "leveringen", "werken" (running text).
    pub contract_lower: &'static str,
    /// "Raamovereenkomst" / "Overeenkomst" (the cover).
    pub agreement: &'static str,
    /// "raamovereenkomst" / "overeenkomst" (running text).
    pub agreement_lower: &'static str,
    /// Whether the agreement is a framework agreement.
    pub framework: bool,
    /// How many companies were invited (meervoudig onderhands), with its words.
    pub invited: Count,
    /// `procedure.rationale` with placeholders filled in.
    pub rationale: Vec<Block>,
}

impl ProcedureView {
    fn of(t: &Tender, facts: &BTreeMap<String, String>) -> ProcedureView {
        let p = &t.procedure;
        let name = procedure_name(p.kind);
        let (contract, contract_lower) = match p.contract_type {
            ContractType::Diensten => ("Diensten", "diensten"),
            ContractType::Leveringen => ("Leveringen", "leveringen"),
            ContractType::Werken => ("Werken", "werken"),
        };
        let (agreement, agreement_lower) = match p.agreement_type {
            AgreementType::Overeenkomst => ("Overeenkomst", "overeenkomst"),
            AgreementType::Raamovereenkomst => ("Raamovereenkomst", "raamovereenkomst"),
        };
        ProcedureView {
            name,
            procedure_name: format!("{name}sprocedure"),
            abbreviation: match p.kind {
                ProcedureKind::EuropeesOpenbaar => "EOA",
                ProcedureKind::NationaalOpenbaar => "NOA",
                ProcedureKind::MeervoudigOnderhands => "MOA",
            },
            contract,
            contract_lower,
            agreement,
            agreement_lower,
            framework: p.agreement_type == AgreementType::Raamovereenkomst,
            invited: Count(p.invited.len() as u32),
            rationale: fill_blocks(&p.rationale, facts),
        }
    }
}

/// Values computed from the tender data for the templates (`tender_derived` in the context).
/// Counts serialise as `{value, words}` (see [`Count`]).
#[derive(Debug, Clone, Serialize)]
pub struct TenderDerived {
    /// The procedure, contract and agreement as the documents name them.
    pub procedure: ProcedureView,
    /// Length of the initial term in whole years (`None` if it is not whole years).
    pub initial_term_years: Option<Count>,
    /// Last day of the agreement if every extension is used.
    pub maximum_end: Option<NaiveDate>,
    /// Number of question rounds (milestones of kind `questions`).
    pub question_rounds: Count,
    /// `rules.standstill_days` with its words.
    pub standstill_days: Count,
    /// `evidence.deadline_working_days` with its words.
    pub evidence_deadline_working_days: Count,
    /// The submission deadline (closing of the digital safe).
    pub submission_deadline: Option<NaiveDateTime>,
    /// The opening of the tenders.
    pub opening: Option<NaiveDateTime>,
    /// Minutes between the submission deadline and the opening ("opent niet eerder dan
    /// vijftien (15) minuten na de uiterste tijd"); `None` unless the opening is after it.
    pub opening_delay_minutes: Option<Count>,
    /// Date of the last nota van inlichtingen.
    pub last_nvi: Option<NaiveDate>,
    /// Last day to object to the documents (last NvI + `rules.objection_days_after_last_nvi`),
    /// on the working day `rules.deadline_moves.objection` chooses (2.11).
    pub objection_deadline: Option<NaiveDate>,
    /// Latest moment to start summary proceedings about the documents (2.11), moved as
    /// `rules.deadline_moves.summary_proceedings` says.
    pub summary_proceedings_deadline: Option<NaiveDateTime>,
    /// Last day the tenders are binding (submission date + `rules.bid_validity_days`), moved
    /// as `rules.deadline_moves.bid_validity` says.
    pub bid_validity_until: Option<NaiveDate>,
    /// Set when the computed day was moved: that day, why it is no working day, the direction.
    pub objection_moved: Option<MovedFrom>,
    pub summary_proceedings_moved: Option<MovedFrom>,
    pub bid_validity_moved: Option<MovedFrom>,
    /// Per planning row (same order as `tender.planning`): its resolved date and the printed
    /// date text.
    pub planning: Vec<MilestoneDerived>,
    /// `definitions` with placeholders filled in.
    pub definitions: Vec<String>,
    /// `assignment.sections` with placeholders filled in.
    pub assignment_sections: Vec<Section>,
    /// `agreement.rationale` with placeholders filled in.
    pub agreement_rationale: Vec<Block>,
    /// `organisation.profile` with placeholders filled in.
    pub organisation_profile: Vec<Block>,
    /// `submission.groups` with the references split into segments.
    pub submission_groups: Vec<DocumentGroupView>,
    /// `evidence.documents` with the references split into segments.
    pub evidence_documents: Vec<DocumentView>,
    /// `evidence.note` with the references split into segments.
    pub evidence_note: Option<Vec<RefSegment>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneDerived {
    /// The milestone's (first) day; for `agreement-start` without a date, `agreement.start`.
    pub date: Option<NaiveDate>,
    /// The day or period as printed: `26 mei 2026`, `24 en 25 augustus 2026`,
    /// `1 oktober 2026 t/m 31 december 2026` (without qualifier and time).
    pub dates_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentGroupView {
    pub title: Vec<RefSegment>,
    pub documents: Vec<DocumentView>,
}

/// A deadline that fell on a non-working day and was moved to a working day.
#[derive(Debug, Clone, Serialize)]
pub struct MovedFrom {
    /// The computed day.
    pub date: NaiveDate,
    /// Why it is no working day: "zaterdag", "zondag" or the holiday's name.
    pub reason: String,
    /// `true` when moved to the next working day, `false` for the previous one.
    pub later: bool,
}

impl MovedFrom {
    fn of<T: Copy + PartialEq>(r: &Resolved<T>, day: impl Fn(T) -> NaiveDate) -> Option<Self> {
        r.moved().then(|| MovedFrom {
            date: day(r.computed),
            reason: r.reason.unwrap_or_default().to_string(),
            later: r.direction == Some(Move::Later),
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    pub what: String,
    pub how: Vec<RefSegment>,
    pub proof: Option<Proof>,
    /// In a tender divided into lots, for a document submitted per lot: how (section 2.5).
    pub per_lot: Option<Vec<RefSegment>>,
}

impl DocumentView {
    fn of(d: &Document) -> DocumentView {
        DocumentView {
            what: d.what.clone(),
            how: refs_lossy(&d.how),
            proof: d.proof,
            per_lot: None,
        }
    }

    /// A document to submit, with what is per lot in a divided tender. The documents are the
    /// authority's text; which is which follows from what they cite, as the invitation
    /// cites them: the price form annex (a sheet per lot), the quality sections (a plan per
    /// lot) and, when lots ask different competences, the references.
    fn submitted(d: &Document, lots: Option<&Lots>) -> DocumentView {
        let mut view = Self::of(d);
        let Some(lots) = lots.filter(|l| l.divided) else {
            return view;
        };
        let cited: Vec<&str> = view
            .how
            .iter()
            .map(|s| match s {
                RefSegment::Annex(key) => key.as_str(),
                RefSegment::Section(label) => label.as_str(),
                RefSegment::Text(_) => "",
            })
            .collect();
        let text = |t: &str| RefSegment::Text(t.to_string());
        let section = |l: &str| RefSegment::Section(l.to_string());
        let own_competences = lots
            .items
            .iter()
            .any(|l| l.requirements.competences.is_some());
        let own_criteria = lots
            .items
            .iter()
            .any(|l| l.criteria.is_some() || !l.points.is_empty());
        view.per_lot = if cited.contains(&"price_form") {
            Some(vec![text(
                "Per perceel waarop u inschrijft: het tabblad van dat perceel, volledig ingevuld.",
            )])
        } else if cited
            .iter()
            .any(|c| c.starts_with("sec-gunningscriterium-kwaliteit"))
        {
            Some(if own_criteria {
                vec![
                    text(
                        "Per perceel waarop u inschrijft een eigen plan van aanpak, voor de criteria van dat perceel (paragraaf ",
                    ),
                    section("sec-gunningscriterium"),
                    text(")."),
                ]
            } else {
                vec![text(
                    "Per perceel waarop u inschrijft een eigen plan van aanpak.",
                )]
            })
        } else if own_competences
            && cited
                .iter()
                .any(|c| *c == "reference_format" || *c == "sec-kerncompetenties")
        {
            Some(vec![
                text(
                    "Per perceel waarop u inschrijft, voor de kerncompetenties van dat perceel (paragraaf ",
                ),
                section("sec-kerncompetenties"),
                text(")."),
            ])
        } else {
            None
        };
        view
    }
}

/// `26 mei 2026`; `24 en 25 augustus 2026` for two consecutive days in one month;
/// `1 oktober 2026 t/m 31 december 2026` for other periods.
fn dates_text(date: NaiveDate, until: Option<NaiveDate>) -> String {
    match until {
        None => format::date(date),
        Some(u) if u == date => format::date(date),
        Some(u)
            if u == date + Duration::days(1)
                && u.month() == date.month()
                && u.year() == date.year() =>
        {
            format!("{} en {}", date.day(), format::date(u))
        }
        Some(u) => format!("{} t/m {}", format::date(date), format::date(u)),
    }
}

impl TenderDerived {
    /// The values of `tender` for the templates.
    pub fn of(tender: &Tender) -> TenderDerived {
        let t = tender;
        let facts = t.placeholder_facts();
        let submission_deadline = t.submission_deadline();
        let opening = t.opening();
        let a = &t.agreement;
        let r = &t.rules;
        let extension_months = 12 * a.extensions.value() * a.extension_years.value();
        let question_rounds = t
            .planning
            .iter()
            .filter(|m| m.kind == Some(MilestoneKind::Questions))
            .count();
        // Atw holidays only: decree days come with the decision, after the invitation.
        let holidays = Holidays::new(&[]);
        let objection = t.objection_resolved(&holidays);
        let summary = t.summary_proceedings_resolved(&holidays);
        let validity = t.bid_validity_resolved(&holidays);
        TenderDerived {
            procedure: ProcedureView::of(t, &facts),
            initial_term_years: t.initial_term_years().map(Count),
            maximum_end: a.end.checked_add_months(Months::new(extension_months)),
            question_rounds: Count(question_rounds as u32),
            standstill_days: Count(r.standstill_days),
            evidence_deadline_working_days: Count(t.evidence.deadline_working_days),
            submission_deadline,
            opening,
            opening_delay_minutes: match (submission_deadline, opening) {
                (Some(s), Some(o)) if o > s => u32::try_from((o - s).num_minutes()).ok().map(Count),
                _ => None,
            },
            last_nvi: t.last_nvi(),
            objection_deadline: objection.map(|r| r.resolved),
            summary_proceedings_deadline: summary.map(|r| r.resolved),
            bid_validity_until: validity.map(|r| r.resolved),
            objection_moved: objection.and_then(|r| MovedFrom::of(&r, |d| d)),
            summary_proceedings_moved: summary.and_then(|r| MovedFrom::of(&r, |t| t.date())),
            bid_validity_moved: validity.and_then(|r| MovedFrom::of(&r, |d| d)),
            planning: t
                .planning
                .iter()
                .map(|m| {
                    let date = t.milestone_date(m);
                    MilestoneDerived {
                        date,
                        dates_text: date.map(|d| dates_text(d, m.until)).unwrap_or_default(),
                    }
                })
                .collect(),
            definitions: t
                .definitions
                .iter()
                .map(|d| fill_lossy(d, &facts))
                .collect(),
            assignment_sections: fill_sections(&t.assignment.sections, &facts),
            agreement_rationale: fill_blocks(&a.rationale, &facts),
            organisation_profile: fill_blocks(&t.organisation.profile, &facts),
            submission_groups: t
                .submission
                .groups
                .iter()
                .map(|g| DocumentGroupView {
                    title: refs_lossy(&g.title),
                    documents: g
                        .documents
                        .iter()
                        .map(|d| DocumentView::submitted(d, t.lots.as_ref()))
                        .collect(),
                })
                .collect(),
            evidence_documents: t.evidence.documents.iter().map(DocumentView::of).collect(),
            evidence_note: t.evidence.note.as_deref().map(refs_lossy),
        }
    }
}

fn refs_lossy(text: &str) -> Vec<RefSegment> {
    parse_refs(text).unwrap_or_else(|_| vec![RefSegment::Text(text.to_string())])
}

fn fill_lossy(text: &str, facts: &BTreeMap<String, String>) -> String {
    fill(text, facts).unwrap_or_else(|_| text.to_string())
}

fn fill_item(item: &Item, facts: &BTreeMap<String, String>) -> Item {
    match item {
        Item::Text(t) => Item::Text(fill_lossy(t, facts)),
        Item::Nested(n) => Item::Nested(NestedItem {
            text: fill_lossy(&n.text, facts),
            items: n.items.iter().map(|i| fill_item(i, facts)).collect(),
        }),
    }
}

pub(super) fn fill_blocks(blocks: &[Block], facts: &BTreeMap<String, String>) -> Vec<Block> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => Block::Paragraph(fill_lossy(p, facts)),
            Block::List(l) => Block::List(ListBlock {
                list: l.list.iter().map(|i| fill_item(i, facts)).collect(),
            }),
            Block::Insert(i) => Block::Insert(i.clone()),
        })
        .collect()
}

fn fill_sections(sections: &[Section], facts: &BTreeMap<String, String>) -> Vec<Section> {
    sections
        .iter()
        .map(|s| Section {
            heading: fill_lossy(&s.heading, facts),
            blocks: fill_blocks(&s.blocks, facts),
            sections: fill_sections(&s.sections, facts),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::str::FromStr;

    use super::*;

    #[test]
    fn derived_values_of_the_bundled_tender() {
        let t = crate::model::load::read_yaml::<Tender>(Path::new("data/tender.yaml"))
            .expect("data/tender.yaml loads");
        let d = TenderDerived::of(&t);
        let date = |s: &str| NaiveDate::from_str(s).unwrap();
        assert_eq!(d.initial_term_years, Some(Count(2)));
        assert_eq!(d.maximum_end, Some(date("2030-12-31")));
        assert_eq!(d.question_rounds, Count(2));
        assert_eq!(d.opening_delay_minutes, Some(Count(15)));
        // Saturday 4 July 2026 moves to the Friday before (`deadline_moves.objection: earlier`).
        assert_eq!(d.objection_deadline, Some(date("2026-07-03")));
        assert_eq!(
            d.objection_moved.as_ref().map(|m| (m.date, m.later)),
            Some((date("2026-07-04"), false))
        );
        assert_eq!(
            d.summary_proceedings_deadline.map(|t| t.to_string()),
            Some("2026-07-31 10:00:00".to_string())
        );
        // Sunday 1 November 2026 moves to Monday 2 November (`bid_validity: later`).
        assert_eq!(d.bid_validity_until, Some(date("2026-11-02")));
        assert!(d.bid_validity_moved.as_ref().is_some_and(|m| m.later));
        let texts: Vec<&str> = d.planning.iter().map(|m| m.dates_text.as_str()).collect();
        assert!(texts.contains(&"24 en 25 augustus 2026"), "{texts:?}");
        assert!(
            texts.contains(&"1 oktober 2026 t/m 31 december 2026"),
            "{texts:?}"
        );
        assert_eq!(d.planning.last().unwrap().dates_text, "1 januari 2027");
        // The announcement has no date of its own: it is the invitation's date.
        assert_eq!(d.planning[0].date, Some(t.date));
        assert_eq!(d.planning[0].dates_text, "26 mei 2026");
        assert!(
            d.definitions[2].ends_with("en op TenderNed."),
            "{:?}",
            d.definitions
        );
        let profile = serde_json::to_string(&d.organisation_profile).unwrap();
        assert!(profile.contains("in 2018 ontstaan"), "{profile}");
        assert!(profile.contains("Onze tien WIJ-locaties"), "{profile}");
        assert!(profile.contains("circa 750 medewerkers"), "{profile}");
        assert!(!profile.contains('{'), "{profile}");
        assert!(
            d.definitions[0].contains("is Stichting WIJ Groningen."),
            "{:?}",
            d.definitions
        );
        let sections = serde_json::to_string(&d.assignment_sections).unwrap();
        assert!(sections.contains(
            "Stichting WIJ Groningen (hierna: WIJ Groningen) heeft het voornemen één opdrachtnemer"
        ));
    }

    #[test]
    fn dates_texts() {
        let d = |s: &str| NaiveDate::from_str(s).unwrap();
        assert_eq!(dates_text(d("2026-05-26"), None), "26 mei 2026");
        assert_eq!(
            dates_text(d("2026-08-24"), Some(d("2026-08-25"))),
            "24 en 25 augustus 2026"
        );
        assert_eq!(
            dates_text(d("2026-08-31"), Some(d("2026-09-01"))),
            "31 augustus 2026 t/m 1 september 2026"
        );
        assert_eq!(
            dates_text(d("2026-10-01"), Some(d("2026-12-31"))),
            "1 oktober 2026 t/m 31 december 2026"
        );
    }
}
