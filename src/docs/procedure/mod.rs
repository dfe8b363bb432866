//! The documents of the procedure after the invitation, each made from the data the tender
//! already holds: the proces-verbaal van opening ([`opening`]), the question form Bijlage I
//! ([`question_form`]), the invitations to present ([`presentation`]), the proces-verbaal van
//! loting ([`lottery`]), a new award decision when the intended winner fell through
//! ([`new_decision`]) and the definitive award ([`definitive_award`]).

pub mod definitive_award;
pub mod lottery;
pub mod new_decision;
pub mod opening;
pub mod presentation;
pub mod question_form;

use chrono::NaiveTime;
use serde::Serialize;

use crate::model::Project;
use crate::model::tender::AgreementType;

use super::derived::procedure_name;

pub use super::intern_dir;

/// A time of day as the templates' `time` filter takes it (`10:15`).
pub(crate) fn hh_mm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// A person as the records print them.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub function: String,
}

impl From<&crate::model::bids::Person> for PersonView {
    fn from(p: &crate::model::bids::Person) -> Self {
        PersonView {
            name: p.name.clone(),
            function: p.function.clone(),
        }
    }
}

/// What every procedure document prints in its head: the tender, its reference, the
/// organisation and, for letters, the sender's address block.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Head {
    pub tender_title: String,
    pub reference: String,
    pub organisation: String,
    /// The procedure in running text: "nationale openbare aanbesteding" (tender.yaml
    /// `procedure.kind`), and capitalised for the start of a field: "Nationale openbare
    /// aanbesteding".
    pub procedure: &'static str,
    pub procedure_capitalised: String,
    /// "overeenkomst" or "raamovereenkomst" (tender.yaml `procedure.agreement_type`).
    pub agreement_kind: &'static str,
    /// The organisation's postal address and procurement e-mail, for a letter's head.
    pub sender: Vec<String>,
}

impl Head {
    pub(crate) fn of(project: &Project) -> Head {
        let t = &project.tender;
        let mut sender = t.organisation.address.clone();
        sender.push(t.organisation.procurement_email.clone());
        let procedure = procedure_name(t.procedure.kind);
        Head {
            tender_title: t.title.clone(),
            reference: t.reference.clone(),
            organisation: t.organisation.name.clone(),
            procedure,
            procedure_capitalised: crate::format::capitalise(procedure),
            agreement_kind: match t.procedure.agreement_type {
                AgreementType::Overeenkomst => "overeenkomst",
                AgreementType::Raamovereenkomst => "raamovereenkomst",
            },
            sender,
        }
    }
}

/// A bidder's name by id (the id itself when there is no such bid; validation reports it).
pub(crate) fn bidder_name(project: &Project, id: &str) -> String {
    project
        .bids
        .iter()
        .find(|b| b.id == id)
        .map_or_else(|| id.to_string(), |b| b.name.clone())
}
