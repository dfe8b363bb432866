//! The rules of `tender.yaml` on its own: non-empty facts, known placeholders, no fact retyped
//! in prose, well-formed references, the procedure's own requirements, and a planning in order.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Duration, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;

use super::notation::{typed_dates, typed_numbers};
use super::*;
use crate::error::Diagnostic;

/// Collects diagnostics for one data file.
pub(super) struct Check<'a> {
    pub(super) file: &'a Path,
    pub(super) out: &'a mut Vec<Diagnostic>,
    facts: BTreeMap<String, String>,
    /// The numeric facts (key, defining field, value) prose must not retype.
    numbers: Vec<(String, String, Numeric)>,
    /// The date facts (key, defining field, date) prose must not retype.
    dates: Vec<(String, String, chrono::NaiveDate)>,
}

impl Check<'_> {
    pub(super) fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.out.push(Diagnostic::new(self.file, field, message));
    }

    fn non_empty(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(field, "must not be empty");
        }
    }

    fn positive(&mut self, field: &str, n: Count) {
        if n.value() == 0 {
            self.push(field, "must be at least 1");
        }
    }

    /// Text with placeholders: not empty, only known placeholders.
    fn placeholders(&mut self, field: &str, text: &str) {
        self.non_empty(field, text);
        if let Err(unknown) = fill(text, &self.facts) {
            let known = self.facts.keys().cloned().collect::<Vec<_>>().join(", ");
            for key in unknown {
                self.push(
                    field,
                    format!("unknown placeholder `{{{key}}}` (known: {known})"),
                );
            }
        }
    }

    /// Descriptive text: as [`Check::placeholders`], and no numeric fact of the data retyped
    /// in it. Other numbers pass ("ISO 9001", "NEN 2075", "artikel 2.57"). Single-digit
    /// values are left out of the comparison: "1", "2" or "4" occur in any text (dates,
    /// articles, lists) and cannot be told apart from a retyped count.
    pub(super) fn prose(&mut self, field: &str, text: &str) {
        self.placeholders(field, text);
        for (typed, values) in typed_numbers(text) {
            let retyped = self.numbers.iter().find(|(_, _, v)| {
                v.value() >= rust_decimal::Decimal::TEN && values.contains(&v.value())
            });
            if let Some((key, defined, _)) = retyped {
                let message = format!(
                    "`{typed}` retypes the fact `{key}` (defined in tender.yaml at `{defined}`): write `{{{key}}}` instead, so the text follows the data"
                );
                self.push(field, message);
            }
        }
        for (typed, date) in typed_dates(text) {
            if let Some((key, defined, _)) = self.dates.iter().find(|(_, _, d)| *d == date) {
                let message = format!(
                    "`{typed}` retypes the date `{key}` (defined in tender.yaml at `{defined}`): write `{{{key}}}` instead, so the text follows the data"
                );
                self.push(field, message);
            }
        }
    }

    /// Table text with `{ref:...}` / `{annex:...}` references.
    fn refs(&mut self, field: &str, text: &str) {
        self.non_empty(field, text);
        if let Err(e) = parse_refs(text) {
            self.push(field, e);
        }
    }

    fn items(&mut self, field: &str, items: &[Item], depth: usize) {
        if items.is_empty() {
            self.push(field, "a list needs at least one item");
        }
        for (i, item) in items.iter().enumerate() {
            match item {
                Item::Text(t) => self.prose(&format!("{field}.{i}"), t),
                Item::Nested(n) => {
                    self.prose(&format!("{field}.{i}.text"), &n.text);
                    if depth >= 2 {
                        self.push(
                            format!("{field}.{i}.items"),
                            "lists nest two levels deep at most",
                        );
                    } else {
                        self.items(&format!("{field}.{i}.items"), &n.items, depth + 1);
                    }
                }
            }
        }
    }

    pub(super) fn blocks(&mut self, field: &str, blocks: &[Block], inserts: &mut Vec<Insert>) {
        for (i, block) in blocks.iter().enumerate() {
            let f = format!("{field}.{i}");
            match block {
                Block::Paragraph(p) => self.prose(&f, p),
                Block::List(l) => self.items(&format!("{f}.list"), &l.list, 1),
                Block::Insert(ins) => inserts.push(ins.insert),
            }
        }
    }

    fn sections(
        &mut self,
        field: &str,
        sections: &[Section],
        depth: usize,
        inserts: &mut Vec<Insert>,
    ) {
        for (i, s) in sections.iter().enumerate() {
            let f = format!("{field}.{i}");
            self.prose(&format!("{f}.heading"), &s.heading);
            if s.blocks.is_empty() && s.sections.is_empty() {
                self.push(&f, "a section needs blocks or sub-sections");
            }
            self.blocks(&format!("{f}.blocks"), &s.blocks, inserts);
            if !s.sections.is_empty() && depth >= 2 {
                self.push(
                    format!("{f}.sections"),
                    "sections nest two levels deep at most",
                );
            } else {
                self.sections(&format!("{f}.sections"), &s.sections, depth + 1, inserts);
            }
        }
    }

    fn document(&mut self, field: &str, d: &Document) {
        self.non_empty(&format!("{field}.what"), &d.what);
        self.refs(&format!("{field}.how"), &d.how);
    }
}

/// A tender reference usable as a folder name on every system: `WIJ-2026-001`.
pub(crate) fn valid_reference(r: &str) -> bool {
    r.len() <= 64
        && r.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && r.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Tender {
    pub(crate) fn validate(&self, file: &Path, out: &mut Vec<Diagnostic>) {
        let mut c = Check {
            file,
            out,
            facts: self.placeholder_facts(),
            numbers: self.numeric_facts(),
            dates: self.date_facts(),
        };
        for name in self.facts.keys() {
            if !segments(&format!("{{facts.{name}}}"))
                .iter()
                .all(|s| matches!(s, Segment::Placeholder(_)))
            {
                c.push(
                    format!("facts.{name}"),
                    "a fact's name is lower-case letters, digits, `_` or `-`, starting with a letter",
                );
            }
        }

        c.non_empty("reference", &self.reference);
        // The reference names the output folder: keep it a plain, portable folder name.
        if !self.reference.is_empty() && !valid_reference(&self.reference) {
            c.push(
                "reference",
                "must be 1 to 64 letters, digits, `-`, `_` or `.`, starting with a letter or digit (it names the output folder)",
            );
        }
        c.non_empty("title", &self.title);
        c.non_empty("version", &self.version);

        let o = &self.organisation;
        c.non_empty("organisation.name", &o.name);
        c.non_empty("organisation.short_name", &o.short_name);
        if let Some(problem) = crate::model::email::problem(&o.procurement_email) {
            c.push("organisation.procurement_email", problem);
        }
        if o.employees == Some(0) {
            c.push("organisation.employees", "must be at least 1");
        }
        if let Some(n) = o.locations {
            c.positive("organisation.locations", n);
        }
        if o.profile.is_empty() {
            c.push(
                "organisation.profile",
                "the description of the organisation (1.3) must not be empty",
            );
        }
        let mut inserts = Vec::new();
        c.blocks("organisation.profile", &o.profile, &mut inserts);

        let p = &self.procedure;
        self.validate_procedure(&mut c, &mut inserts);
        c.non_empty("procedure.law.name", &p.law.name);
        c.non_empty("procedure.law.short", &p.law.short);
        c.non_empty("procedure.platform", &p.platform);
        c.non_empty("procedure.language", &p.language);

        if self.definitions.is_empty() {
            c.push("definitions", "must not be empty");
        }
        for (i, d) in self.definitions.iter().enumerate() {
            c.placeholders(&format!("definitions.{i}"), d);
        }

        // Chapter 1.1.
        let asg = &self.assignment;
        if asg.sections.is_empty() {
            c.push(
                "assignment.sections",
                "the description of the assignment (1.1) must not be empty",
            );
        }
        c.sections("assignment.sections", &asg.sections, 1, &mut inserts);
        c.blocks(
            "agreement.rationale",
            &self.agreement.rationale,
            &mut inserts,
        );
        // Whether the optional services (award.yaml) are there is checked with the project.
        let optional = inserts
            .iter()
            .filter(|i| **i == Insert::OptionalServices)
            .count();
        if optional > 1 {
            c.push(
                "assignment.sections",
                format!("`insert: optional-services` is used {optional} times; once is enough"),
            );
        }
        {
            let field = "assignment.core_hours_per_4_weeks";
            let filled = !asg.core_hours_per_4_weeks.is_empty();
            let n = inserts.iter().filter(|i| **i == Insert::CoreHours).count();
            if filled && n == 0 {
                c.push(
                    field,
                    "is not printed: place it in assignment.sections with an `insert` block",
                );
            }
            if n > 1 {
                c.push(field, format!("is inserted {n} times; once is enough"));
            }
            if !filled && n > 0 {
                c.push(field, "is inserted in the text but empty");
            }
        }
        let mut disciplines: Vec<&str> = Vec::new();
        for (i, h) in asg.core_hours_per_4_weeks.iter().enumerate() {
            let f = format!("assignment.core_hours_per_4_weeks.{i}");
            c.non_empty(&format!("{f}.discipline"), &h.discipline);
            c.prose(&format!("{f}.described_as"), &h.described_as);
            if h.hours <= Decimal::ZERO {
                c.push(format!("{f}.hours"), "must be more than 0");
            }
            if disciplines.contains(&h.discipline.as_str()) {
                c.push(
                    format!("{f}.discipline"),
                    format!("`{}` is listed twice", h.discipline),
                );
            }
            disciplines.push(&h.discipline);
            if let Some(n) = &h.note {
                c.prose(&format!("{f}.note"), n);
            }
        }
        if let Some(t) = &asg.other_disciplines {
            c.prose("assignment.other_disciplines", t);
        }

        // Chapter 1.2.
        let a = &self.agreement;
        c.positive("agreement.contractors", a.contractors);
        if a.estimated_value <= Decimal::ZERO {
            c.push("agreement.estimated_value", "must be more than 0");
        }
        match (p.agreement_type, a.maximum_value) {
            (AgreementType::Raamovereenkomst, None) => c.push(
                "agreement.maximum_value",
                "a raamovereenkomst needs its maximum value (the value at which it ends)",
            ),
            (_, Some(m)) if m < a.estimated_value => c.push(
                "agreement.maximum_value",
                "must not be less than the estimated value",
            ),
            _ => {}
        }
        if p.agreement_type == AgreementType::Overeenkomst && a.contractors.value() > 1 {
            c.push(
                "agreement.contractors",
                "an overeenkomst has one contractor; with more, the agreement_type is raamovereenkomst",
            );
        }
        if a.end <= a.start {
            c.push("agreement.end", "must be after agreement.start");
        } else if self.initial_term_years().is_none() {
            c.push(
                "agreement.end",
                "the initial term must be a whole number of years (end = the day before an anniversary of start)",
            );
        }
        if a.extensions.value() > 0 {
            c.positive("agreement.extension_years", a.extension_years);
            c.positive(
                "agreement.extension_notice_months",
                a.extension_notice_months,
            );
        }

        super::lots::validate(self, &mut c);

        // Chapter 2: rules.
        let r = &self.rules;
        c.non_empty("rules.question_form_annex", &r.question_form_annex);
        c.non_empty(
            "rules.disruption_email_subject",
            &r.disruption_email_subject,
        );
        c.non_empty("rules.court", &r.court);
        c.positive("rules.standstill_days", Count(r.standstill_days));
        for (field, n) in [
            (
                "rules.disruption_report_minutes",
                r.disruption_report_minutes,
            ),
            (
                "rules.wet_signature_original_days",
                r.wet_signature_original_days,
            ),
            ("rules.bid_validity_days", r.bid_validity_days),
            (
                "rules.validity_extension_after_judgment_days",
                r.validity_extension_after_judgment_days,
            ),
            (
                "rules.objection_days_after_last_nvi",
                r.objection_days_after_last_nvi,
            ),
            (
                "rules.summary_proceedings_hours_before_closing",
                r.summary_proceedings_hours_before_closing,
            ),
        ] {
            c.positive(field, n);
        }

        self.validate_planning(&mut c);

        // 2.5 and 2.9.
        if self.submission.groups.is_empty() {
            c.push(
                "submission.groups",
                "the table of documents to submit must not be empty",
            );
        }
        for (g, group) in self.submission.groups.iter().enumerate() {
            c.refs(&format!("submission.groups.{g}.title"), &group.title);
            if group.documents.is_empty() {
                c.push(
                    format!("submission.groups.{g}.documents"),
                    "must not be empty",
                );
            }
            for (i, d) in group.documents.iter().enumerate() {
                c.document(&format!("submission.groups.{g}.documents.{i}"), d);
            }
        }
        c.positive(
            "evidence.deadline_working_days",
            Count(self.evidence.deadline_working_days),
        );
        if self.evidence.documents.is_empty() {
            c.push("evidence.documents", "must not be empty");
        }
        for (i, d) in self.evidence.documents.iter().enumerate() {
            c.document(&format!("evidence.documents.{i}"), d);
        }
        if let Some(n) = &self.evidence.note {
            c.refs("evidence.note", n);
        }
    }

    /// What each procedure needs of its own (see [`ProcedureKind`]).
    fn validate_procedure(&self, c: &mut Check<'_>, inserts: &mut Vec<Insert>) {
        let p = &self.procedure;
        for (i, name) in p.invited.iter().enumerate() {
            c.non_empty(&format!("procedure.invited.{i}"), name);
        }
        c.blocks("procedure.rationale", &p.rationale, inserts);
        match p.kind {
            ProcedureKind::MeervoudigOnderhands => {
                // Gids Proportionaliteit: invite at least two (as a rule three
                // to five) companies; the choice of procedure is reasoned (art. 1.4 Aw 2012).
                if p.invited.len() < 2 {
                    c.push(
                        "procedure.invited",
                        "a meervoudig onderhandse procedure invites at least two companies: list them",
                    );
                }
                if p.rationale.is_empty() {
                    c.push(
                        "procedure.rationale",
                        "the choice of a meervoudig onderhandse procedure must be reasoned (art. 1.4 Aw 2012)",
                    );
                }
            }
            _ => {
                if !p.invited.is_empty() {
                    c.push(
                        "procedure.invited",
                        "only a meervoudig onderhandse procedure invites companies; an open procedure is announced",
                    );
                }
            }
        }
    }

    fn validate_planning(&self, c: &mut Check<'_>) {
        if self.planning.is_empty() {
            c.push("planning", "the planning must not be empty");
            return;
        }
        let mut previous: Option<(usize, NaiveDateTime)> = None;
        for (i, m) in self.planning.iter().enumerate() {
            let f = format!("planning.{i}");
            c.non_empty(&format!("{f}.name"), &m.name);
            if let Some(n) = &m.note {
                c.non_empty(&format!("{f}.note"), n);
            }
            let Some(date) = self.milestone_date(m) else {
                c.push(
                    format!("{f}.date"),
                    "a date is required (only announcement and agreement-start may leave it out)",
                );
                continue;
            };
            if m.kind == Some(MilestoneKind::AgreementStart) && date != self.agreement.start {
                c.push(
                    format!("{f}.date"),
                    format!(
                        "the agreement starts on {} (agreement.start); leave this date out",
                        self.agreement.start
                    ),
                );
            }
            if let Some(u) = m.until {
                if u < date {
                    c.push(format!("{f}.until"), "must not be before the date");
                }
                if m.time.is_some() {
                    c.push(format!("{f}.time"), "a period (with `until`) has no time");
                }
            }
            let at = date.and_time(m.time.unwrap_or(NaiveTime::MIN));
            if let Some((p, prev)) = previous
                && at < prev
            {
                c.push(
                    format!("{f}.date"),
                    format!("is before planning.{p}: the planning must be in chronological order"),
                );
            }
            previous = Some((i, at));
        }

        let of = |kind: MilestoneKind| -> Vec<(usize, &Milestone)> {
            self.planning
                .iter()
                .enumerate()
                .filter(|(_, m)| m.kind == Some(kind))
                .collect()
        };
        for kind in [MilestoneKind::Submission, MilestoneKind::Opening] {
            let name = kind.name();
            match of(kind).as_slice() {
                [(i, m)] => {
                    if m.time.is_none() {
                        c.push(
                            format!("planning.{i}.time"),
                            format!("the {name} milestone needs a time"),
                        );
                    }
                }
                [] => c.push(
                    "planning",
                    format!("a milestone of kind `{name}` is required"),
                ),
                [_, (i, _), ..] => c.push(
                    format!("planning.{i}.kind"),
                    format!("only one `{name}` milestone is allowed"),
                ),
            }
        }
        for kind in [
            MilestoneKind::IntendedAward,
            MilestoneKind::Award,
            MilestoneKind::AgreementStart,
        ] {
            if let [_, (i, _), ..] = of(kind).as_slice() {
                c.push(
                    format!("planning.{i}.kind"),
                    format!("only one `{}` milestone is allowed", kind.name()),
                );
            }
        }
        let deadline = self.submission_deadline();
        if let (Some(s), Some(o)) = (deadline, self.opening())
            && o <= s
        {
            c.push(
                "planning",
                "the opening must be after the submission deadline",
            );
        }

        let questions = of(MilestoneKind::Questions);
        let nvis = of(MilestoneKind::Nvi);
        if questions.is_empty() || questions.len() > 2 {
            c.push(
                "planning",
                format!(
                    "the invitation describes one or two question rounds, not {}",
                    questions.len()
                ),
            );
        }
        if questions.len() != nvis.len() {
            c.push(
                "planning",
                format!(
                    "{} question rounds but {} notas van inlichtingen",
                    questions.len(),
                    nvis.len()
                ),
            );
        }
        for (i, m) in &questions {
            if m.time.is_none() {
                c.push(
                    format!("planning.{i}.time"),
                    "a question deadline needs a time",
                );
            }
        }
        // Each round: questions, then its NvI, before the next round's questions.
        for (k, (qi, _)) in questions.iter().enumerate() {
            if let Some((ni, _)) = nvis.get(k) {
                if ni < qi {
                    c.push(
                        format!("planning.{ni}.kind"),
                        "a nota van inlichtingen must follow its question round",
                    );
                } else if let Some((next_q, _)) = questions.get(k + 1)
                    && next_q < ni
                {
                    c.push(
                        format!("planning.{next_q}.kind"),
                        "the next question round must follow the previous nota van inlichtingen",
                    );
                }
            }
        }
        if let (Some(last), Some(sub)) = (self.last_nvi(), deadline)
            && last >= sub.date()
        {
            c.push(
                "planning",
                "the last nota van inlichtingen must come before the submission deadline",
            );
        }

        // The definitive award comes after the standstill period (day 1 is the day after the
        // intended award is sent).
        if let (Some((_, ia)), Some((ai, aw))) = (
            self.milestone(MilestoneKind::IntendedAward),
            self.milestone(MilestoneKind::Award),
        ) && let (Some(ia), Some(aw)) = (self.milestone_date(ia), self.milestone_date(aw))
        {
            let days = self.rules.standstill_days;
            let standstill_end = ia + Duration::days(days.into());
            if aw <= standstill_end {
                c.push(
                    format!("planning.{ai}.date"),
                    format!("the standstill period of {days} days after {ia} ends on {standstill_end}; the award must come after it"),
                );
            }
        }
        if let Some((ii, m)) = self.milestone(MilestoneKind::Implementation)
            && let Some(end) = m.until.or(m.date)
            && end >= self.agreement.start
        {
            c.push(
                format!("planning.{ii}.until"),
                "the implementation period must end before the agreement starts",
            );
        }
        if let Some(sub) = deadline
            && self.date > sub.date()
        {
            c.push("date", "the document date is after the submission deadline");
        }
    }
}
