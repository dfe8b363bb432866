//! `data/lottery.yaml`: how the lots were drawn that settled a tie (§2.7 of the invitation: "Van
//! de loting wordt een proces-verbaal opgemaakt"). The date and the order drawn are recorded once,
//! in `decision.yaml` (`lottery`), which the evaluation uses; this file holds what only the
//! proces-verbaal needs: the time, the place, who drew and who witnessed.

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
}

impl LotteryRecord {
    pub(crate) fn file(project: &Project) -> PathBuf {
        project.dir.join(FILE)
    }
}

pub(crate) fn validate(
    record: Option<&LotteryRecord>,
    project: &Project,
    out: &mut Vec<Diagnostic>,
) {
    let drawn = project.decision.as_ref().and_then(|d| d.lottery.as_ref());
    match (record, drawn) {
        (Some(_), None) => out.push(Diagnostic::warning(
            LotteryRecord::file(project),
            "",
            "decision.yaml records no lottery (`lottery: {date, order}`): lottery.yaml is not used",
        )),
        (Some(r), Some(_)) => {
            let file = LotteryRecord::file(project);
            if r.witnesses.is_empty() {
                out.push(Diagnostic::new(
                    &file,
                    "witnesses",
                    "name at least one witness of the drawing",
                ));
            }
            if r.method.trim().is_empty() {
                out.push(Diagnostic::new(
                    &file,
                    "method",
                    "say how the lots were drawn",
                ));
            }
            if r.witnesses.iter().any(|w| w.name == r.drawn_by.name) {
                out.push(Diagnostic::new(
                    &file,
                    "witnesses",
                    "the one who drew cannot also be a witness",
                ));
            }
        }
        _ => {}
    }
}
