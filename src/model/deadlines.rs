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

/// The words that mark a deadline on a non-working day without a direction.
const UNRESOLVED: &str = "no direction given; set";

/// The deadline fields whose warning `refuse_unresolved` turns into an error.
const DEADLINE_FIELDS: [&str; 3] = [
    "rules.objection_days_after_last_nvi",
    "rules.summary_proceedings_hours_before_closing",
    "rules.bid_validity_days",
];

/// Under `--final`: a computed deadline on a Saturday, Sunday or Atw holiday without a
/// direction is an error, not a warning (the documents would print a deadline that cannot be
/// met as printed, or that a court may read either way).
pub(crate) fn refuse_unresolved(problems: &mut [Diagnostic]) {
    for d in problems.iter_mut() {
        if !d.is_error()
            && DEADLINE_FIELDS.contains(&d.field.as_str())
            && d.message.contains(UNRESOLVED)
        {
            d.severity = crate::error::Severity::Error;
        }
    }
}

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

    // Computed deadlines: a non-working day moves the way `rules.deadline_moves` says (the
    // invitation prints the resolved day); without a direction it is a warning here, and
    // `gen --final` refuses it (`refuse_unresolved`).
    let date_only = |r: Option<super::tender::Resolved<chrono::NaiveDateTime>>| {
        r.map(|r| super::tender::Resolved {
            computed: r.computed.date(),
            resolved: r.resolved.date(),
            reason: r.reason,
            direction: r.direction,
        })
    };
    let computed = [
        (
            "rules.objection_days_after_last_nvi",
            "objection",
            "the last day to object to the documents",
            tender.objection_resolved(&holidays),
        ),
        (
            "rules.summary_proceedings_hours_before_closing",
            "summary_proceedings",
            "the deadline for summary proceedings (no writ can be served on a Sunday or Atw holiday, art. 64 Rv)",
            date_only(tender.summary_proceedings_resolved(&holidays)),
        ),
        (
            "rules.bid_validity_days",
            "bid_validity",
            "the end of the bid validity",
            tender.bid_validity_resolved(&holidays),
        ),
    ];
    for (field, key, what, resolved) in computed {
        if let Some(r) = resolved
            && r.unresolved()
            && let Some(reason) = not_working(r.computed)
        {
            out.push(Diagnostic::warning(
                &file,
                field,
                format!(
                    "{what} is {}{reason}, not a working day: {UNRESOLVED} `rules.deadline_moves.{key}: earlier` or `later` to print the previous or next working day",
                    format::weekday_date(r.computed)
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
        if let Some(valid) = tender.bid_validity_resolved(&holidays).map(|r| r.resolved)
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

    fn warnings_without_moves() -> Vec<Diagnostic> {
        let mut project = Project::load(Path::new("data")).unwrap();
        project.tender.rules.deadline_moves = Default::default();
        let mut out = Vec::new();
        validate(&project, &mut out);
        out
    }

    #[test]
    fn the_seed_deadlines_on_weekends_without_a_direction_are_warnings() {
        let out = warnings_without_moves();
        let w: Vec<String> = out
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
        assert!(out.iter().all(|d| !d.is_error()), "{w:#?}");
    }

    #[test]
    fn final_refuses_a_deadline_without_a_direction() {
        let mut out = warnings_without_moves();
        refuse_unresolved(&mut out);
        let errors: Vec<&str> = out
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.field.as_str())
            .collect();
        assert_eq!(errors, DEADLINE_FIELDS.to_vec(), "{out:#?}");
    }

    #[test]
    fn the_bundled_deadlines_are_resolved() {
        let project = Project::load(Path::new("data")).unwrap();
        let w: Vec<&Diagnostic> = project
            .warnings
            .iter()
            .filter(|d| DEADLINE_FIELDS.contains(&d.field.as_str()))
            .collect();
        assert!(w.is_empty(), "{w:#?}");
        let h = Holidays::new(&[]);
        let t = &project.tender;
        let r = t.objection_resolved(&h).unwrap();
        assert_eq!(
            (r.computed.to_string(), r.resolved.to_string()),
            ("2026-07-04".into(), "2026-07-03".into())
        );
        let r = t.summary_proceedings_resolved(&h).unwrap();
        assert_eq!(r.resolved.to_string(), "2026-07-31 10:00:00");
        let r = t.bid_validity_resolved(&h).unwrap();
        assert_eq!(r.resolved.to_string(), "2026-11-02");
    }

    #[test]
    fn a_holiday_moves_past_the_weekend() {
        use crate::model::tender::{Move, resolve_date};
        let h = Holidays::new(&[]);
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // Easter Monday 6 April 2026: earlier skips Easter, Saturday and Good Friday (Atw art. 3(2))
        // to Thursday 2 April.
        assert_eq!(
            resolve_date(d("2026-04-06"), Some(Move::Earlier), &h).resolved,
            d("2026-04-02")
        );
        // Christmas Day, Friday 25 December 2026: later skips Boxing Day and the weekend.
        assert_eq!(
            resolve_date(d("2026-12-25"), Some(Move::Later), &h).resolved,
            d("2026-12-28")
        );
        // A working day does not move.
        let r = resolve_date(d("2026-07-03"), Some(Move::Later), &h);
        assert!(!r.moved() && !r.unresolved());
    }
}
