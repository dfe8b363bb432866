//! `data/lottery.yaml`: how the lots were drawn that settled a tie (§2.7 of the invitation: "Van
//! de loting wordt een proces-verbaal opgemaakt"). The date and the order drawn are recorded once,
//! in `decision.yaml` (`lottery`), which the evaluation uses; this file holds what only the
//! proces-verbaal needs: the time, the place, who drew and who witnessed.
//!
//! In a tender divided into lots each lot's tie is drawn on its own (`decision.yaml`
//! `lots.<n>.lottery`); the fields at the top are shared by every lot's drawing (usually one
//! session), and `lots.<n>` replaces what differs for one lot (mirroring decision.yaml):
//!
//! ```yaml
//! time: "10:00"
//! place: ...
//! drawn_by: { ... }
//! witnesses: [ ... ]
//! method: ...
//! lots:
//!   2: { time: "10:30" }
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use super::{Person, hh_mm};
use crate::error::Diagnostic;
use crate::model::Project;

pub const FILE: &str = "lottery.yaml";

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LotteryRecord {
    #[serde(deserialize_with = "hh_mm")]
    #[schemars(with = "crate::model::schema::TimeOfDay")]
    pub time: NaiveTime,
    pub place: String,
    /// Who drew the lots (an independent person, e.g. a notary or a colleague outside the
    /// committee).
    pub drawn_by: Person,
    /// Who witnessed the drawing (at least one).
    pub witnesses: Vec<Person>,
    /// How the lots were drawn, as the record states it (full sentences).
    pub method: String,
    /// A tender divided into lots: per lot number what differs from the shared fields above.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lots: BTreeMap<u32, LotLotteryRecord>,
}

/// One lot's own part of the record (`lots.<number>`): each field, when given, replaces the
/// shared one for that lot's drawing.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LotLotteryRecord {
    #[serde(
        default,
        deserialize_with = "optional_hh_mm",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<crate::model::schema::TimeOfDay>")]
    pub time: Option<NaiveTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawn_by: Option<Person>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub witnesses: Option<Vec<Person>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

fn optional_hh_mm<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<NaiveTime>, D::Error> {
    hh_mm(d).map(Some)
}

impl LotteryRecord {
    pub(crate) fn file(project: &Project) -> PathBuf {
        project.dir.join(FILE)
    }

    /// The record of lot `number`'s drawing: the shared fields with the lot's own replacing them.
    pub fn for_lot(&self, number: u32) -> LotteryRecord {
        let own = self.lots.get(&number).cloned().unwrap_or_default();
        LotteryRecord {
            time: own.time.unwrap_or(self.time),
            place: own.place.unwrap_or_else(|| self.place.clone()),
            drawn_by: own.drawn_by.unwrap_or_else(|| self.drawn_by.clone()),
            witnesses: own.witnesses.unwrap_or_else(|| self.witnesses.clone()),
            method: own.method.unwrap_or_else(|| self.method.clone()),
            lots: BTreeMap::new(),
        }
    }

    /// Where `field` of lot `number`'s record is written: under `lots.<number>` when the lot
    /// gives its own value, else at the top.
    fn lot_field(&self, number: u32, field: &str) -> String {
        let Some(own) = self.lots.get(&number) else {
            return field.to_string();
        };
        let overridden = match field {
            "witnesses" => own.witnesses.is_some(),
            "method" => own.method.is_some(),
            _ => false,
        };
        if overridden {
            format!("lots.{number}.{field}")
        } else {
            field.to_string()
        }
    }
}

pub(crate) fn validate(
    record: Option<&LotteryRecord>,
    project: &Project,
    out: &mut Vec<Diagnostic>,
) {
    let Some(lots) = project.tender.lots.as_ref().filter(|l| l.divided) else {
        if let Some(r) = record
            && !r.lots.is_empty()
        {
            out.push(Diagnostic::new(
                LotteryRecord::file(project),
                "lots",
                "this tender is not divided into lots (tender.yaml `lots.divided: false`): give the record at the top of the file only",
            ));
        }
        return validate_one(record, project, out);
    };
    let Some(record) = record else { return };
    let file = LotteryRecord::file(project);
    // The lots whose ranking decision.yaml settles by lot.
    let drawn: Vec<u32> = project
        .decision
        .iter()
        .flat_map(|d| d.lots.iter())
        .filter(|(_, l)| l.lottery.is_some())
        .map(|(n, _)| *n)
        .collect();
    if drawn.is_empty() {
        out.push(Diagnostic::warning(
            &file,
            "",
            "decision.yaml records no lottery for any lot (`lots.<number>.lottery`): lottery.yaml is not used",
        ));
        return;
    }
    for number in record.lots.keys() {
        if super::declared_lot(lots, *number, &file, out) && !drawn.contains(number) {
            out.push(Diagnostic::warning(
                &file,
                format!("lots.{number}"),
                format!("decision.yaml records no lottery for lot {number} (`lots.{number}.lottery`): this part is not used"),
            ));
        }
    }
    let mut found: Vec<Diagnostic> = Vec::new();
    for number in drawn {
        let mut own = Vec::new();
        check_record(&record.for_lot(number), &file, &mut own);
        super::add_once(&mut found, own, |f| record.lot_field(number, f));
    }
    out.extend(found);
}

/// An undivided tender: the record against decision.yaml's one lottery.
fn validate_one(record: Option<&LotteryRecord>, project: &Project, out: &mut Vec<Diagnostic>) {
    let drawn = project.decision.as_ref().and_then(|d| d.lottery.as_ref());
    match (record, drawn) {
        (Some(_), None) => out.push(Diagnostic::warning(
            LotteryRecord::file(project),
            "",
            "decision.yaml records no lottery (`lottery: {date, order}`): lottery.yaml is not used",
        )),
        (Some(r), Some(_)) => check_record(r, &LotteryRecord::file(project), out),
        _ => {}
    }
}

/// Who drew and who witnessed, and how.
fn check_record(r: &LotteryRecord, file: &std::path::Path, out: &mut Vec<Diagnostic>) {
    if r.witnesses.is_empty() {
        out.push(Diagnostic::new(
            file,
            "witnesses",
            "name at least one witness of the drawing",
        ));
    }
    if r.method.trim().is_empty() {
        out.push(Diagnostic::new(
            file,
            "method",
            "say how the lots were drawn",
        ));
    }
    if r.witnesses.iter().any(|w| w.name == r.drawn_by.name) {
        out.push(Diagnostic::new(
            file,
            "witnesses",
            "the one who drew cannot also be a witness",
        ));
    }
}
