//! The records of the procedure after the invitation, each in a data file of its own (all
//! optional: a tender gets them as the procedure goes on):
//!
//! - `data/opening.yaml` ([`opening`]): the opening of the digital safe (§2.5).
//! - `data/presentations.yaml` ([`presentations`]): the presentation slots drawn by lot.
//! - `data/lottery.yaml` ([`lottery`]): who drew the lots that settled a tie (§2.7); the order
//!   drawn stays in `decision.yaml`.
//! - `data/new-decision.yaml` ([`new_decision`]): the intended winner fell through; a new award
//!   decision to the next-ranked bidder (§2.8).
//! - `data/definitive-award.yaml` ([`definitive`]): the standstill passed, the evidence checked,
//!   the approval (§2.8, §2.9), for the last award decision.

pub mod definitive;
pub mod lottery;
pub mod new_decision;
pub mod opening;
pub mod presentations;

use std::path::Path;

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer};

use super::Project;
use super::load;
use crate::error::{Diagnostic, Result};

/// The procedure's records, each present once its file exists.
#[derive(Debug, Clone, Default)]
pub struct Procedure {
    pub opening: Option<opening::Opening>,
    pub presentations: Option<presentations::Presentations>,
    pub lottery: Option<lottery::LotteryRecord>,
    pub new_decision: Option<new_decision::NewDecision>,
    pub definitive: Option<definitive::DefinitiveAward>,
}

/// Reads the procedure's files present under `dir`; syntax and type errors of all of them
/// together.
pub(crate) fn load(dir: &Path) -> Result<Procedure> {
    let mut errors = Vec::new();
    let mut procedure = Procedure::default();
    fn read<T: serde::de::DeserializeOwned>(
        dir: &Path,
        name: &str,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let path = dir.join(name);
        if !path.is_file() {
            return None;
        }
        match load::read_yaml(&path) {
            Ok(v) => Some(v),
            Err(crate::error::Error::Data(ds)) => {
                errors.extend(ds);
                None
            }
            Err(e) => {
                errors.push(Diagnostic::new(&path, "", e.to_string()));
                None
            }
        }
    }
    procedure.opening = read(dir, opening::FILE, &mut errors);
    procedure.presentations = read(dir, presentations::FILE, &mut errors);
    procedure.lottery = read(dir, lottery::FILE, &mut errors);
    procedure.new_decision = read(dir, new_decision::FILE, &mut errors);
    procedure.definitive = read(dir, definitive::FILE, &mut errors);
    if errors.is_empty() {
        Ok(procedure)
    } else {
        Err(crate::error::Error::Data(errors))
    }
}

/// The rules of each record, against the tender, the bids and the decision.
pub(crate) fn validate(project: &Project, out: &mut Vec<Diagnostic>) {
    let p = &project.procedure;
    if let Some(o) = &p.opening {
        opening::validate(o, project, out);
    }
    if let Some(s) = &p.presentations {
        presentations::validate(s, project, out);
    }
    lottery::validate(p.lottery.as_ref(), project, out);
    if let Some(n) = &p.new_decision {
        new_decision::validate(n, project, out);
    }
    if let Some(d) = &p.definitive {
        definitive::validate(d, project, out);
    }
}

/// A divided tender's record: whether lot `number` of its `lots.<number>` part is declared in
/// tender.yaml; the error names the declared lots.
pub(crate) fn declared_lot(
    lots: &crate::model::tender::Lots,
    number: u32,
    file: &Path,
    out: &mut Vec<Diagnostic>,
) -> bool {
    declared_lot_at(lots, number, file, &format!("lots.{number}"), out)
}

/// Whether lot `number`, named at `field` of `file`, is declared in tender.yaml; the error
/// names the declared lots.
pub(crate) fn declared_lot_at(
    lots: &crate::model::tender::Lots,
    number: u32,
    file: &Path,
    field: &str,
    out: &mut Vec<Diagnostic>,
) -> bool {
    if lots.lot(number).is_some() {
        return true;
    }
    let declared: Vec<String> = lots.items.iter().map(|l| l.number.to_string()).collect();
    out.push(Diagnostic::new(
        file,
        field,
        format!(
            "no lot {number} in tender.yaml (lots: {})",
            declared.join(", ")
        ),
    ));
    false
}

/// Adds a lot's findings, each moved to where the file has the field (`at`), once per field
/// and message: a shared field checked for every lot is reported once.
pub(crate) fn add_once(
    found: &mut Vec<Diagnostic>,
    own: Vec<Diagnostic>,
    at: impl Fn(&str) -> String,
) {
    for mut d in own {
        d.field = at(&d.field);
        if !found
            .iter()
            .any(|f| f.field == d.field && f.message == d.message)
        {
            found.push(d);
        }
    }
}

/// A time of day written `"10:15"` (quoted in YAML), as the planning writes it.
pub(crate) fn hh_mm<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<NaiveTime, D::Error> {
    let s = String::deserialize(d)?;
    NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| {
        serde::de::Error::custom(format!(
            "`{s}` is not a time of day (HH:MM, e.g. \"10:15\")"
        ))
    })
}

/// A person and their function, as the records name them.
pub use super::bids::Person;
