//! `award_derived`: the values the templates print that are computed from `award.yaml` (points,
//! the scale, the components, the presentation days, the formulas' spoken descriptions, the
//! price lines' volumes), as Dutch display strings.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::format;
use crate::model::award::{
    AwardRules, BasisKind, ComponentId, Form, LinearZero, PriceComponent, PriceMethod,
};
use crate::model::requirements::Count;

/// Values computed from [`AwardRules`] for the templates (`award_derived`). Numbers are display
/// strings in Dutch notation.
#[derive(Debug, Clone, Serialize)]
pub struct AwardDerived {
    /// Maximum points of every criterion and sub-criterion by id (`G1` → `25`, `G2` → `75`,
    /// `G2.3` → `35`), the computed group totals included.
    pub points: BTreeMap<String, String>,
    /// Sum of the price criteria's points (`25`).
    pub price_points: String,
    /// Sum of the quality groups' points (`75`).
    pub quality_points: String,
    /// The overall maximum (`100`).
    pub total_points: String,
    /// Highest score of the scale (`10`).
    pub scale_max: String,
    /// The scores of the scale as a Dutch list: `0, 2, 6, 8 of 10`.
    pub scale_scores: String,
    /// How many price components there are ("drie componenten").
    pub component_count: Count,
    /// Components in the total tender price: `A en B`.
    pub total_components: String,
    /// Components for which a zero price is not allowed: `A en C`.
    pub nonzero_components: String,
    /// Components for which a zero price is allowed: `B`.
    pub zero_components: String,
    /// Presentation days: `maandag 24 of dinsdag 25 augustus 2026`.
    pub presentation_dates: String,
    /// Interview days, the same way.
    pub interview_dates: String,
    /// The forms the quality criteria are answered in, each once, in order of first use
    /// (`plan`, `presentation`): chapter 5 prints a form's general assessment criteria only
    /// when it occurs.
    pub quality_forms: Vec<Form>,
    /// The ids of the criteria answered in a written plan, over all quality criteria
    /// (`G2.1`, `G2.2`).
    pub plan_ids: Vec<String>,
    /// Spoken description of the price formula (the equation's alt text).
    pub price_formula_alt: String,
    /// Spoken description of the quality formula.
    pub quality_formula_alt: String,
    /// The price method or award basis as the invitation and the letters explain it.
    pub price_method: PriceMethodView,
    /// The tie-break criteria as `G2 Kwaliteit` (joined like `total_components`).
    pub tie_break_criteria: String,
    /// The price lines with their computed volumes.
    pub lines: Vec<LineDerived>,
}

/// A price line with its computed volumes (display strings).
#[derive(Debug, Clone, Serialize)]
pub struct LineDerived {
    pub id: String,
    pub component: ComponentId,
    pub description: String,
    pub unit: String,
    /// Volume per year (`312`); absent for one-off lines and lines without a volume.
    pub volume_per_year: Option<String>,
    /// Volume over the evaluation term (`1.248`), or the one-off volume; absent without volume.
    pub evaluated_volume: Option<String>,
    pub zero_allowed: bool,
    /// Whether the line counts towards the total tender price.
    pub in_total: bool,
}

impl AwardDerived {
    /// The values of `rules` for the templates.
    pub fn of(rules: &AwardRules) -> AwardDerived {
        let a = rules;
        let mut points = BTreeMap::new();
        for c in &a.criteria {
            points.insert(
                c.id.clone(),
                format::number(AwardRules::criterion_points(c)),
            );
            for s in &c.sub_criteria {
                points.insert(s.id.clone(), format::number(s.points));
            }
        }
        let components_where = |pred: &dyn Fn(&PriceComponent) -> bool| {
            let mut ids: Vec<&str> = a
                .price
                .components
                .iter()
                .filter(|c| pred(c))
                .map(|c| c.id.as_str())
                .collect();
            ids.sort();
            format::list(&ids, "en")
        };
        let scale_scores: Vec<String> = a.scale_scores().iter().map(|s| s.to_string()).collect();
        let price_max = format::number(a.price_max_points());
        let scale_max = a.scale_max().to_string();
        let tie: Vec<String> = a
            .tie_break
            .criteria
            .iter()
            .map(|id| match a.criteria.iter().find(|c| &c.id == id) {
                Some(c) => format!("{} {}", c.id, c.title),
                None => id.clone(),
            })
            .collect();
        let tie: Vec<&str> = tie.iter().map(String::as_str).collect();
        let years = a.price.evaluation_years.value();
        AwardDerived {
            points,
            price_points: price_max.clone(),
            quality_points: format::number(a.quality_max_points()),
            total_points: format::number(a.total_max_points()),
            scale_max: scale_max.clone(),
            scale_scores: format::list(
                &scale_scores.iter().map(String::as_str).collect::<Vec<_>>(),
                "of",
            ),
            component_count: Count(a.price.components.len() as u32),
            total_components: components_where(&|c| c.in_total),
            nonzero_components: components_where(&|c| !c.zero_allowed),
            zero_components: components_where(&|c| c.zero_allowed),
            presentation_dates: dutch_dates(a.presentation.as_ref().map_or(&[][..], |p| &p.dates)),
            interview_dates: dutch_dates(a.interview.as_ref().map_or(&[][..], |p| &p.dates)),
            quality_forms: a.quality_criteria().fold(Vec::new(), |mut forms, s| {
                if !forms.contains(&s.form) {
                    forms.push(s.form);
                }
                forms
            }),
            plan_ids: a
                .quality_criteria()
                .filter(|s| s.form == Form::Plan)
                .map(|s| s.id.clone())
                .collect(),
            price_formula_alt: PriceMethodView::of(a).formula,
            quality_formula_alt: format!(
                "behaalde aantal punten per onderdeel is gelijk aan de toegekende score gedeeld door {scale_max}, \
                 maal het maximaal te behalen aantal punten"
            ),
            price_method: PriceMethodView::of(a),
            tie_break_criteria: format::list(&tie, "en"),
            lines: a
                .price
                .lines
                .iter()
                .map(|l| LineDerived {
                    id: l.id.clone(),
                    component: l.component.clone(),
                    description: l.description.clone(),
                    unit: l.unit.clone(),
                    volume_per_year: l.volume_per_year().map(format::number),
                    evaluated_volume: if a.line_in_total(l) {
                        l.volume_over(years).map(format::number)
                    } else {
                        None
                    },
                    zero_allowed: l.zero_allowed,
                    in_total: a.line_in_total(l),
                })
                .collect(),
        }
    }
}

/// How price counts, for chapter 5's formula and the letters' explanation: `kind` is
/// `relative`, `linear`, `lowest_price` or `value` (the template picks the equation by it).
#[derive(Debug, Clone, Serialize)]
pub struct PriceMethodView {
    pub kind: &'static str,
    /// e.g. `relatieve prijsscore`.
    pub name: String,
    /// The formula in words (also the equation's alt text); empty for the lowest price.
    pub formula: String,
    /// One or two sentences a bidder reads in the letter.
    pub explanation: String,
    /// Linear method: where the points reach zero, as printed in the equation
    /// (`€ 250.000,-` or `laagste “totale inschrijfprijs” × 1,5`).
    pub zero_at: Option<String>,
    /// Gunnen op waarde: the euros per quality point (`€ 1.000,-`).
    pub euros_per_point: Option<String>,
}

impl PriceMethodView {
    fn of(a: &AwardRules) -> PriceMethodView {
        let max = format::number(a.price_max_points());
        let view = |kind, name: &str, formula: String, explanation: String| PriceMethodView {
            kind,
            name: name.to_string(),
            formula,
            explanation,
            zero_at: None,
            euros_per_point: None,
        };
        match (a.basis.kind, a.price.method) {
            (BasisKind::LowestPrice, _) => view(
                "lowest_price",
                "laagste prijs",
                String::new(),
                "De opdracht wordt gegund aan de inschrijver met de laagste “totale inschrijfprijs”."
                    .into(),
            ),
            (BasisKind::Value { euros_per_point }, _) => {
                let rate = format::money(euros_per_point);
                PriceMethodView {
                    euros_per_point: Some(rate.clone()),
                    ..view(
                        "value",
                        "gunnen op waarde",
                        format!(
                            "fictieve inschrijfprijs is gelijk aan de totale inschrijfprijs min het \
                             aantal kwaliteitspunten maal {rate}"
                        ),
                        format!(
                            "Elk behaald kwaliteitspunt is {rate} waard en wordt in mindering gebracht op de \
                             “totale inschrijfprijs”. De inschrijver met de laagste fictieve inschrijfprijs \
                             is als beste gerangschikt."
                        ),
                    )
                }
            }
            (BasisKind::Points, PriceMethod::Relative) => view(
                "relative",
                "relatieve prijsscore",
                format!(
                    "behaalde aantal punten is gelijk aan de laagste totale inschrijfprijs gedeeld door de eigen totale \
                     inschrijfprijs van de inschrijver, maal {max}"
                ),
                format!(
                    "De inschrijver met de laagste “totale inschrijfprijs” krijgt {max} punten; de overige \
                     inschrijvers krijgen de laagste “totale inschrijfprijs” gedeeld door hun eigen \
                     “totale inschrijfprijs”, maal {max} punten."
                ),
            ),
            (BasisKind::Points, PriceMethod::Linear(zero)) => {
                let zero_at = match zero {
                    LinearZero::ZeroAtPrice(p) => format::money(p),
                    LinearZero::ZeroAtPercent(p) => format!(
                        "laagste “totale inschrijfprijs” × {}",
                        format::number(
                            (rust_decimal::Decimal::ONE_HUNDRED + p) / rust_decimal::Decimal::ONE_HUNDRED
                        )
                    ),
                };
                let where_zero = match zero {
                    LinearZero::ZeroAtPrice(p) => format!("bij een “totale inschrijfprijs” van {}", format::money(p)),
                    LinearZero::ZeroAtPercent(p) => format!(
                        "bij een “totale inschrijfprijs” die {}% hoger is dan de laagste",
                        format::number(p)
                    ),
                };
                PriceMethodView {
                    zero_at: Some(zero_at.clone()),
                    ..view(
                        "linear",
                        "lineaire prijsscore",
                        format!(
                            "behaalde aantal punten is gelijk aan {max} maal het nulpuntbedrag min de eigen \
                             totale inschrijfprijs, gedeeld door het nulpuntbedrag min de laagste totale \
                             inschrijfprijs; het nulpuntbedrag is {zero_at}"
                        ),
                        format!(
                            "De inschrijver met de laagste “totale inschrijfprijs” krijgt {max} punten; het \
                             aantal punten daalt lineair tot 0 punten {where_zero}. Een hogere prijs krijgt \
                             0 punten."
                        ),
                    )
                }
            }
        }
    }
}

/// Presentation days as one phrase: `maandag 24 of dinsdag 25 augustus 2026`; month and
/// year are written once per run of dates that share them.
fn dutch_dates(dates: &[NaiveDate]) -> String {
    let parts: Vec<String> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let next = dates.get(i + 1);
            let full = format::date(*d); // "24 augustus 2026"
            let mut words = full.split(' ');
            let (day, month, year) = (
                words.next().unwrap_or(""),
                words.next().unwrap_or(""),
                words.next().unwrap_or(""),
            );
            let mut s = format!("{} {day}", format::weekday(*d));
            let same_month = next.is_some_and(|n| n.month() == d.month() && n.year() == d.year());
            let same_year = next.is_some_and(|n| n.year() == d.year());
            if !same_month {
                s.push(' ');
                s.push_str(month);
            }
            if !same_year {
                s.push(' ');
                s.push_str(year);
            }
            s
        })
        .collect();
    format::list(&parts.iter().map(String::as_str).collect::<Vec<_>>(), "of")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::load::read_yaml;
    use crate::model::tender::Tender;

    /// The bundled award rules, linked to the bundled tender.
    fn derived() -> AwardDerived {
        let tender = read_yaml::<Tender>(Path::new("data/tender.yaml")).unwrap();
        AwardDerived::of(&crate::model::load_award(Path::new("data"), &tender).unwrap())
    }

    #[test]
    fn points_lines_and_phrases() {
        let dv = derived();
        assert_eq!(dv.total_points, "100");
        assert_eq!(dv.quality_points, "75");
        assert_eq!(dv.points["G2.3"], "35");
        assert_eq!(dv.points["G2"], "75");
        assert_eq!(dv.points["G1"], "25");
        assert_eq!(dv.lines[0].volume_per_year.as_deref(), Some("312"));
        assert_eq!(dv.lines[0].evaluated_volume.as_deref(), Some("1.248"));
        assert_eq!(dv.scale_scores, "0, 2, 6, 8 of 10");
        assert_eq!(dv.total_components, "A en B");
        assert_eq!(dv.nonzero_components, "A en C");
        assert_eq!(
            dv.presentation_dates,
            "maandag 24 of dinsdag 25 augustus 2026"
        );
        assert_eq!(dv.tie_break_criteria, "G2 Kwaliteit");
        assert!(dv.price_formula_alt.ends_with("maal 25"));
    }

    #[test]
    fn presentation_days_across_months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            dutch_dates(&[d(2026, 8, 31), d(2026, 9, 1)]),
            "maandag 31 augustus of dinsdag 1 september 2026"
        );
        assert_eq!(dutch_dates(&[]), "");
    }
}
