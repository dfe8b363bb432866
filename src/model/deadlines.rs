//! Rules about dates across the data files: planned dates and computed deadlines that fall on a
//! day that is not a working day (a warning: the Algemene termijnenwet may extend a statutory
//! period, and courts differ on deadlines set only in tender documents), the standstill period
//! before the definitive award (with its Atw extension), and bid validity covering the award.

use chrono::NaiveDate;

use super::Project;
use super::tender::MilestoneKind;
use crate::calendar::{self, Holidays};
use crate::error::Diagnostic;
use crate::format;

pub(crate) fn validate(project: &Project, out: &mut Vec<Diagnostic>) {
    let tender = &project.tender;
    let file = project.dir.join("tender.yaml");
    let decree: Vec<NaiveDate> = project
        .decision
        .as_ref()
        .map(|d| d.decree_days.clone())
        .unwrap_or_default();
    let holidays = Holidays::new(&decree);
    // "zondag 2 augustus 2026" already says Sunday; a holiday gets its name added.
    let not_working = |d: NaiveDate| {
        holidays.non_working_reason(d).map(|r| {
            if r == format::weekday(d) {
                String::new()
            } else {
                format!(" ({r})")
            }
        })
    };

    for (i, m) in tender.planning.iter().enumerate() {
        if let Some(date) = tender.milestone_date(m)
            && m.date.is_some()
            && let Some(reason) = not_working(date)
        {
            out.push(Diagnostic::warning(
                &file,
                format!("planning.{i}.date"),
                format!(
                    "`{}` falls on {}{reason}, not a working day",
                    m.name,
                    format::weekday_date(date)
                ),
            ));
        }
    }

    let computed = [
        (
            "rules.objection_days_after_last_nvi",
            "the last day to object to the documents",
            tender.objection_deadline(),
        ),
        (
            "rules.summary_proceedings_hours_before_closing",
            "the deadline for summary proceedings",
            tender.summary_proceedings_deadline().map(|t| t.date()),
        ),
        (
            "rules.bid_validity_days",
            "the end of the bid validity",
            tender.bid_validity_until(),
        ),
    ];
    for (field, what, date) in computed {
        if let Some(date) = date
            && let Some(reason) = not_working(date)
        {
            out.push(Diagnostic::warning(
                &file,
                field,
                format!(
                    "{what} is {}{reason}, not a working day (the invitation to tender prints it)",
                    format::weekday_date(date)
                ),
            ));
        }
    }

    // The definitive award comes after the standstill, extended to a working day (Atw).
    let dated = |kind: MilestoneKind| {
        tender
            .planning
            .iter()
            .enumerate()
            .find(|(_, m)| m.kind == Some(kind))
            .and_then(|(i, m)| Some((i, tender.milestone_date(m)?)))
    };
    if let (Some((_, sent)), Some((ai, award))) = (
        dated(MilestoneKind::IntendedAward),
        dated(MilestoneKind::Award),
    ) {
        let s = calendar::standstill(sent, tender.rules.standstill_days, &holidays);
        if award > s.raw_end && award <= s.end {
            out.push(Diagnostic::new(
                &file,
                format!("planning.{ai}.date"),
                format!(
                    "the standstill after sending on {} ends on {} (extended from {}: {}); the definitive award must come after it",
                    format::date(sent),
                    format::weekday_date(s.end),
                    format::weekday_date(s.raw_end),
                    s.reason.unwrap_or("not a working day"),
                ),
            ));
        }
        // Bids must still bind the bidders when the award is made.
        if let Some(valid) = tender.bid_validity_until()
            && valid < award
        {
            out.push(Diagnostic::new(
                &file,
                "rules.bid_validity_days",
                format!(
                    "the bids are binding until {}, before the planned definitive award on {}",
                    format::date(valid),
                    format::date(award)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_seed_deadlines_on_weekends_are_warnings() {
        let project = Project::load(Path::new("data")).unwrap();
        let w: Vec<String> = project
            .warnings
            .iter()
            .map(|d| format!("{}: {}", d.field, d.message))
            .collect();
        let has =
            |field: &str, text: &str| w.iter().any(|x| x.starts_with(field) && x.contains(text));
        // The seed's examples (domain notes): 5 days after the last NvI, 24 hours before closing,
        // 90 days' validity.
        assert!(
            has(
                "rules.objection_days_after_last_nvi",
                "zaterdag 4 juli 2026"
            ),
            "{w:#?}"
        );
        assert!(
            has(
                "rules.summary_proceedings_hours_before_closing",
                "zondag 2 augustus 2026"
            ),
            "{w:#?}"
        );
        assert!(
            has("rules.bid_validity_days", "zondag 1 november 2026"),
            "{w:#?}"
        );
    }
}
