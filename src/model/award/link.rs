//! The link step: the facts `award.yaml` takes from `tender.yaml`, resolved after loading and
//! before validation.

use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::error::Diagnostic;
use crate::model::tender::{Milestone, MilestoneKind, Tender};

impl AwardRules {
    /// Resolves the facts `award.yaml` takes from `tender.yaml`, so that each is typed once:
    ///
    /// - a price line's `volume: { core_hours: <discipline> }` becomes the hours per 4 weeks of
    ///   that discipline in `assignment.core_hours_per_4_weeks` ("circa 24 uur per 4 weken");
    /// - `presentation.dates` are the days of the planning's `presentation` milestone (its
    ///   `date` through `until`);
    /// - each price line's `zero_allowed` and `in_total` are its component's;
    /// - `price.evaluation_years` is the stated term, or the agreement's maximum term
    ///   (2 + 1 × 2 = 4 years);
    /// - placeholders in the descriptive texts (`{organisation.short_name}`,
    ///   `{agreement.maximum_term_years:words}`) are filled in from the tender's facts.
    ///
    /// Runs after deserialisation and before validation ([`crate::model::Project::load`]).
    /// An unknown discipline is reported on `award_file`
    /// (`price.lines.<i>.volume.core_hours`); a missing or repeated presentation milestone on
    /// `tender_file` (`planning`).
    pub(crate) fn link(
        &mut self,
        tender: &Tender,
        award_file: &Path,
        tender_file: &Path,
        out: &mut Vec<Diagnostic>,
    ) {
        // Each line inherits its component's rules (stated once, on the component, or on
        // `price` when there are no components); an unknown component is reported by validation.
        let rules: Vec<(bool, bool)> = self
            .price
            .lines
            .iter()
            .map(|l| (self.line_zero_allowed(l), self.line_in_total(l)))
            .collect();
        for (line, (zero_allowed, in_total)) in self.price.lines.iter_mut().zip(rules) {
            line.zero_allowed = zero_allowed;
            line.in_total = in_total;
        }
        self.price.optional_services = self
            .optional_lines()
            .map(|l| l.description.clone())
            .collect();
        let hours = &tender.assignment.core_hours_per_4_weeks;
        for (i, line) in self.price.lines.iter_mut().enumerate() {
            let Some(discipline) = &line.core_hours else {
                continue;
            };
            match hours.iter().find(|h| &h.discipline == discipline) {
                Some(h) => line.volume = Some(Volume::Per4Weeks(h.hours)),
                None => {
                    line.volume = None;
                    let known: Vec<&str> = hours.iter().map(|h| h.discipline.as_str()).collect();
                    out.push(Diagnostic::new(
                        award_file,
                        format!("price.lines.{i}.volume.core_hours"),
                        format!(
                            "no discipline `{discipline}` in tender.yaml \
                             assignment.core_hours_per_4_weeks (known: {})",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }

        // Stated in award.yaml, or the agreement's maximum term (when the agreement is not
        // whole years, tender.yaml's validation says so).
        self.price.evaluation_years = self
            .price
            .stated_years
            .unwrap_or_else(|| Count(tender.maximum_term_years().unwrap_or(0)));

        for (form, kind) in [
            (Form::Presentation, MilestoneKind::Presentation),
            (Form::Interview, MilestoneKind::Interview),
        ] {
            let dates = self.session_dates(tender, tender_file, form, kind, out);
            let session = match form {
                Form::Interview => &mut self.interview,
                _ => &mut self.presentation,
            };
            if let Some(s) = session {
                s.dates = dates;
            }
        }
        self.fill_placeholders(tender, award_file, out);
        self.linked = true;
    }

    /// The days of the planning milestone of a session form (`presentation`, `interview`):
    /// its `date` through `until`. Reported on `tender_file`: a second such milestone, one
    /// without a criterion of that form, and a criterion of that form without the milestone.
    fn session_dates(
        &self,
        tender: &Tender,
        tender_file: &Path,
        form: Form,
        kind: MilestoneKind,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<NaiveDate> {
        let (name, what) = match form {
            Form::Interview => ("interview", "an interview"),
            _ => ("presentation", "a presentation"),
        };
        let milestones: Vec<(usize, &Milestone)> = tender
            .planning
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == Some(kind))
            .collect();
        if let [_, (i, _), ..] = milestones.as_slice() {
            out.push(Diagnostic::new(
                tender_file,
                format!("planning.{i}.kind"),
                format!(
                    "only one `{name}` milestone is allowed (its `date` and `until` are the \
                     {name} days)"
                ),
            ));
        }
        if let Some((i, _)) = milestones.first()
            && !self.has_form(form)
        {
            out.push(Diagnostic::new(
                tender_file,
                format!("planning.{i}.kind"),
                format!(
                    "award.yaml assesses no criterion on {what}: remove this milestone or its \
                     `kind: {name}`"
                ),
            ));
        }
        match milestones.first() {
            Some((_, m)) => match tender.milestone_date(m) {
                // A missing date is reported by the tender's own validation.
                Some(first) => first
                    .iter_days()
                    .take_while(|d| *d <= m.until.unwrap_or(first))
                    .collect(),
                None => Vec::new(),
            },
            None => {
                if let Some(s) = self.quality_criteria().find(|s| s.form == form) {
                    out.push(Diagnostic::new(
                        tender_file,
                        "planning",
                        format!(
                            "award.yaml has {what} ({}): add a planning milestone of kind \
                             `{name}` with its days (`date`, and `until` for more than one)",
                            s.id
                        ),
                    ));
                }
                Vec::new()
            }
        }
    }

    /// Fills `{organisation.short_name}`-style placeholders in the descriptive texts (the
    /// sub-criteria's texts, the assessment criteria, the scale, the presentation case) from
    /// the tender's facts ([`Tender::placeholder_facts`]), so a name or term is not retyped
    /// here. Unknown placeholders are reported on `award_file`.
    fn fill_placeholders(&mut self, tender: &Tender, award_file: &Path, out: &mut Vec<Diagnostic>) {
        let facts = tender.placeholder_facts();
        let mut fill =
            |field: String, text: &mut String| match crate::model::tender::fill(text, &facts) {
                Ok(filled) => *text = filled,
                Err(unknown) => {
                    let known = facts.keys().cloned().collect::<Vec<_>>().join(", ");
                    for key in unknown {
                        out.push(Diagnostic::new(
                            award_file,
                            field.clone(),
                            format!("unknown placeholder `{{{key}}}` (known: {known})"),
                        ));
                    }
                }
            };
        fn bullets(at: &str, list: &mut [Bullet], fill: &mut impl FnMut(String, &mut String)) {
            for (i, b) in list.iter_mut().enumerate() {
                if b.items.is_empty() {
                    fill(format!("{at}.{i}"), &mut b.text);
                } else {
                    fill(format!("{at}.{i}.text"), &mut b.text);
                }
                for (k, item) in b.items.iter_mut().enumerate() {
                    fill(format!("{at}.{i}.items.{k}"), item);
                }
            }
        }
        for (i, c) in self.criteria.iter_mut().enumerate() {
            for (j, sc) in c.sub_criteria.iter_mut().enumerate() {
                let at = if c.direct {
                    format!("criteria.{i}")
                } else {
                    format!("criteria.{i}.sub_criteria.{j}")
                };
                fill(format!("{at}.intent"), &mut sc.intent);
                if let Some(d) = &mut sc.form_description {
                    fill(format!("{at}.form_description"), d);
                }
                if let Some(d) = &mut sc.description {
                    fill(format!("{at}.description"), d);
                }
                for (k, p) in sc.points_to_address.iter_mut().enumerate() {
                    fill(format!("{at}.points_to_address.{k}"), p);
                }
            }
        }
        bullets(
            "quality.plan_criteria",
            &mut self.quality.plan_criteria,
            &mut fill,
        );
        bullets(
            "quality.presentation_criteria",
            &mut self.quality.presentation_criteria,
            &mut fill,
        );
        bullets(
            "quality.interview_criteria",
            &mut self.quality.interview_criteria,
            &mut fill,
        );
        for (i, step) in self.quality.scale.iter_mut().enumerate() {
            fill(
                format!("quality.scale.{i}.description"),
                &mut step.description,
            );
        }
        for (name, session) in [
            ("presentation", &mut self.presentation),
            ("interview", &mut self.interview),
        ] {
            let Some(p) = session else { continue };
            for (i, row) in p.case.iter_mut().enumerate() {
                fill(format!("{name}.case.{i}.text"), &mut row.text);
                for (k, item) in row.items.iter_mut().enumerate() {
                    fill(format!("{name}.case.{i}.items.{k}"), item);
                }
            }
            bullets(
                &format!("{name}.explanation"),
                &mut p.explanation,
                &mut fill,
            );
        }
    }
}
