//! The rules of `award.yaml`: points that add up, a consistent scale, price lines and
//! components that fit the price form, and the linked facts present.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_decimal::Decimal;

use super::*;
use crate::error::Diagnostic;

/// `a`, `b` and `c` as field names for a message.
fn backticked(fields: &[&str]) -> String {
    let names: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    crate::format::list(&names.iter().map(String::as_str).collect::<Vec<_>>(), "and")
}

impl AwardRules {
    pub(crate) fn validate(&self, file: &Path, out: &mut Vec<Diagnostic>) {
        let mut push = |field: String, msg: String| out.push(Diagnostic::new(file, field, msg));

        // Criteria: unique ids, positive points, price carries points, quality is a group.
        let mut ids = BTreeSet::new();
        if self.criteria.is_empty() {
            push(
                "criteria".into(),
                "list at least one award criterion".into(),
            );
        }
        for (i, c) in self.criteria.iter().enumerate() {
            if !ids.insert(c.id.as_str()) {
                push(
                    format!("criteria.{i}.id"),
                    format!("criterion id `{}` is used twice", c.id),
                );
            }
            match c.kind {
                CriterionKind::Price => {
                    let on_points = self.basis.kind == BasisKind::Points;
                    match c.points {
                        None if on_points => push(
                            format!("criteria.{i}.points"),
                            "a price criterion needs its points".into(),
                        ),
                        None => {}
                        Some(_) if !on_points => push(
                            format!("criteria.{i}.points"),
                            "price points are only given when the basis is `points`: remove this field".into(),
                        ),
                        Some(p) if p <= Decimal::ZERO => push(
                            format!("criteria.{i}.points"),
                            "points must be positive".into(),
                        ),
                        Some(_) => {}
                    }
                    if !c.sub_criteria.is_empty() {
                        push(
                            format!("criteria.{i}.sub_criteria"),
                            "a price criterion has no sub-criteria".into(),
                        );
                    }
                }
                CriterionKind::Quality => {
                    if self.basis.kind == BasisKind::LowestPrice {
                        push(
                            format!("criteria.{i}.kind"),
                            "an award on the lowest price has no quality criteria".into(),
                        );
                    }
                }
            }
            match &c.shape {
                Shape::Group | Shape::Direct { .. } => {}
                Shape::Both(fields) => push(
                    format!("criteria.{i}.sub_criteria"),
                    format!(
                        "a quality criterion either has `sub_criteria` (its points are their sum) \
                         or is scored directly; remove `sub_criteria` or {}",
                        backticked(fields)
                    ),
                ),
                Shape::Neither => push(
                    format!("criteria.{i}"),
                    "a quality criterion needs `sub_criteria`, or `points`, `form` and `intent` \
                     to be scored directly"
                        .into(),
                ),
                Shape::PriceWithScored(fields) => push(
                    format!("criteria.{i}.{}", fields[0]),
                    format!(
                        "a price criterion is scored by the price method: remove {}",
                        backticked(fields)
                    ),
                ),
            }
            if let Shape::Direct { missing } = &c.shape {
                for field in missing {
                    push(
                        format!("criteria.{i}.{field}"),
                        format!("a directly scored quality criterion needs `{field}`"),
                    );
                }
            }
            // A directly scored criterion's fields are the criterion's own.
            let scored_at = |j: usize| {
                if c.direct {
                    format!("criteria.{i}")
                } else {
                    format!("criteria.{i}.sub_criteria.{j}")
                }
            };
            for (j, s) in c.sub_criteria.iter().enumerate() {
                let at = scored_at(j);
                if !c.direct && !ids.insert(s.id.as_str()) {
                    push(
                        format!("{at}.id"),
                        format!("criterion id `{}` is used twice", s.id),
                    );
                }
                if c.direct
                    && matches!(&c.shape, Shape::Direct { missing } if missing.contains(&"points"))
                {
                    // Reported above.
                } else if s.points <= Decimal::ZERO {
                    push(format!("{at}.points"), "points must be positive".into());
                }
                // Without its `form` (reported above) the form's rules do not apply.
                if c.direct
                    && matches!(&c.shape, Shape::Direct { missing } if missing.contains(&"form"))
                {
                    continue;
                }
                match (s.form, &s.page_limit) {
                    (Form::Plan, Some(pl)) if pl.pages == 0 => push(
                        format!("{at}.page_limit.pages"),
                        "must be at least 1".into(),
                    ),
                    (Form::Plan, _) | (_, None) => {}
                    (_, Some(_)) => push(
                        format!("{at}.page_limit"),
                        "only a written plan (`form: plan`) has a page limit".into(),
                    ),
                }
                match (s.form, &s.form_description) {
                    (Form::Other, None) => push(
                        format!("{at}.form_description"),
                        "`form: other` needs a `form_description` saying how the answer is \
                         given (e.g. \"een proefmonster van het aangeboden product\")"
                            .into(),
                    ),
                    (Form::Other, Some(d)) if d.trim().is_empty() => {
                        push(format!("{at}.form_description"), "must not be empty".into())
                    }
                    (Form::Other, Some(_)) | (_, None) => {}
                    (_, Some(_)) => push(
                        format!("{at}.form_description"),
                        "only `form: other` is described: remove this field".into(),
                    ),
                }
                if s.form == Form::Plan && s.points_to_address.is_empty() {
                    push(
                        format!("{at}.points_to_address"),
                        "list the points the plan must address".into(),
                    );
                }
            }
        }
        if self
            .criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Price)
            .count()
            != 1
        {
            push(
                "criteria".into(),
                "exactly one criterion must have `kind: price`".into(),
            );
        }

        // Price components: each id once.
        let mut components = BTreeMap::new();
        for (i, c) in self.price.components.iter().enumerate() {
            if components.insert(&c.id, c).is_some() {
                push(
                    format!("price.components.{i}.id"),
                    format!("component {} is listed twice", c.id.as_str()),
                );
            }
        }
        let divided = !self.price.components.is_empty();
        if divided && !self.price.components.iter().any(|c| c.in_total) {
            push(
                "price.components".into(),
                "at least one component must count towards the total price".into(),
            );
        }
        // The zero rule is stated once: on each component, or on `price` without components.
        if divided && self.price.zero_allowed.is_some() {
            push(
                "price.zero_allowed".into(),
                "the price has components: state `zero_allowed` on each component instead".into(),
            );
        }
        if self.price.lines.is_empty() {
            push(
                "price.lines".into(),
                "list the lines of the price form".into(),
            );
        }
        match (self.price.method, self.basis.kind) {
            (PriceMethod::Linear(LinearZero::ZeroAtPrice(p)), _)
            | (PriceMethod::Linear(LinearZero::ZeroAtPercent(p)), _)
                if p <= Decimal::ZERO =>
            {
                push(
                    "price.method.linear".into(),
                    "the zero-points price or percentage must be positive".into(),
                )
            }
            (PriceMethod::Linear(_), BasisKind::LowestPrice | BasisKind::Value { .. }) => push(
                "price.method".into(),
                "a price method only applies when the basis is `points`".into(),
            ),
            _ => {}
        }
        if let BasisKind::Value { euros_per_point } = self.basis.kind
            && euros_per_point <= Decimal::ZERO
        {
            {
                push(
                    "basis.kind.value.euros_per_point".into(),
                    "must be positive".into(),
                );
            }
        }
        // `price.evaluation_years` is the agreement's maximum term: tender.yaml's validation
        // reports an agreement that is not whole years.

        // Price lines: unique ids, zero rule of their component, volumes where counted.
        let mut line_ids = BTreeSet::new();
        for (i, l) in self.price.lines.iter().enumerate() {
            let at = format!("price.lines.{i}");
            if !line_ids.insert(l.id.as_str()) {
                push(
                    format!("{at}.id"),
                    format!("price line id `{}` is used twice", l.id),
                );
            }
            let in_total = match (&l.component, divided) {
                (Some(id), true) => match components.get(id) {
                    Some(comp) => comp.in_total,
                    None => {
                        push(
                            format!("{at}.component"),
                            format!("component `{}` is not defined", id.as_str()),
                        );
                        continue;
                    }
                },
                (None, true) => {
                    push(
                        format!("{at}.component"),
                        "the price has components: name the line's component".into(),
                    );
                    continue;
                }
                (Some(id), false) => {
                    push(
                        format!("{at}.component"),
                        format!(
                            "component `{}` is not defined (the price has no components)",
                            id.as_str()
                        ),
                    );
                    continue;
                }
                (None, false) => true,
            };
            match l.volume {
                // Unresolved core hours: reported by `link` (or below, when not linked).
                None if l.core_hours.is_some() => {}
                None if in_total => push(
                    format!("{at}.volume"),
                    match &l.component {
                        Some(id) => format!(
                            "component {} counts towards the total price: give the line a volume",
                            id.as_str()
                        ),
                        None => "the line counts towards the total price: give it a volume".into(),
                    },
                ),
                Some(v) if v.amount() <= Decimal::ZERO => {
                    push(format!("{at}.volume"), "must be positive".into())
                }
                _ => {}
            }
        }
        for c in &self.price.components {
            if self.lines_of(Some(&c.id)).next().is_none() {
                push(
                    "price.lines".into(),
                    format!("component {} has no price lines", c.id.as_str()),
                );
            }
        }

        // Scale: unique, ascending scores, starting at 0 is not required but the top must be > 0.
        let scale = &self.quality.scale;
        if scale.is_empty() {
            push(
                "quality.scale".into(),
                "list the scores of the scale".into(),
            );
        }
        for (i, pair) in scale.windows(2).enumerate() {
            if pair[1].score <= pair[0].score {
                push(
                    format!("quality.scale.{}.score", i + 1),
                    format!(
                        "scores must be unique and ascending ({} after {})",
                        pair[1].score, pair[0].score
                    ),
                );
            }
        }
        if scale.last().is_some_and(|s| s.score == 0) {
            push(
                "quality.scale".into(),
                "the highest score must be positive".into(),
            );
        }

        // Tie-break criteria exist.
        for (i, id) in self.tie_break.criteria.iter().enumerate() {
            if !self.criteria.iter().any(|c| &c.id == id) && self.quality_criterion(id).is_none() {
                push(
                    format!("tie_break.criteria.{i}"),
                    format!("no criterion `{id}`"),
                );
            }
        }

        // The session days come from tender.yaml's planning (checked by `link`).
        for (form, name, what) in [
            (Form::Presentation, "presentation", "a presentation"),
            (Form::Interview, "interview", "an interview"),
        ] {
            let first = self.criteria.iter().enumerate().find_map(|(i, c)| {
                c.sub_criteria
                    .iter()
                    .position(|s| s.form == form)
                    .map(|j| (i, j, c.direct))
            });
            match (self.session(form), first) {
                (Some(p), Some(_)) => {
                    if p.min_experts > p.max_attendees {
                        push(
                            format!("{name}.min_experts"),
                            "cannot exceed max_attendees".into(),
                        );
                    }
                }
                (Some(_), None) => push(
                    name.into(),
                    format!(
                        "no quality criterion has `form: {name}`: remove this block or assess a \
                         criterion on {what}"
                    ),
                ),
                (None, Some((i, j, direct))) => push(
                    if direct {
                        format!("criteria.{i}.form")
                    } else {
                        format!("criteria.{i}.sub_criteria.{j}.form")
                    },
                    format!(
                        "a criterion assessed on {what} needs the `{name}` block (duration, \
                         attendees, case)"
                    ),
                ),
                (None, None) => {}
            }
        }

        // Facts from tender.yaml are only there after `link`: without it the volumes of the
        // core-hours lines (and so the total tender price) would silently be missing.
        if !self.linked {
            push(
                "price.lines".into(),
                "the award rules were read without tender.yaml: load them with `Project::load` or \
                 `model::load_award` (which link the core hours and presentation days)"
                    .into(),
            );
        }
    }
}
