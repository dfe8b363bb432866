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
    /// The Dutch sentences about the components, for any number of them.
    pub price_phrases: PricePhrases,
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
    pub component: Option<ComponentId>,
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
            price_phrases: PricePhrases::of(a),
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

/// "component A", "componenten A en B", "componenten A, B en C"; empty for no ids. The one
/// place the singular and plural of "component" are chosen.
pub(crate) fn components_named(ids: &[&str]) -> String {
    match ids {
        [] => String::new(),
        [one] => format!("component {one}"),
        _ => format!("componenten {}", format::list(ids, "en")),
    }
}

/// "één component", "twee componenten".
fn component_count(n: usize) -> String {
    let words = format::number_words(n as u32);
    if n == 1 {
        format!("{words} component")
    } else {
        format!("{words} componenten")
    }
}

/// The sentences the invitation (chapter 5), the price form (PDF and xlsx) and the record use
/// about the price components, correct for zero, one or more components and every mix of
/// `in_total` and `zero_allowed`. A sentence that would say nothing is absent (`None`), so
/// templates print it with a plain `{% if %}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PricePhrases {
    /// Whether the price is divided into components.
    pub divided: bool,
    /// "Het onderdeel prijs bestaat uit twee componenten" (no colon); absent without components.
    pub composition: Option<String>,
    /// What the total is the sum of, after "de som van de regeltotalen van": `componenten A en
    /// B`, `component A`, or `alle regels` without components.
    pub total_scope: String,
    /// "De totale inschrijfprijs wordt bepaald door de som van componenten A en B." Absent when
    /// there are no components or only one (nothing to choose from); with one component in the
    /// total among others: "… wordt bepaald door component A."
    pub total_sentence: Option<String>,
    /// "Het is niet toegestaan een nulprijs in te dienen voor componenten A en C." ("voor
    /// component A"; without components or when no component allows zero, for every line:
    /// "Het is niet toegestaan een nulprijs in te dienen."). Absent when zero is allowed
    /// everywhere.
    pub nonzero_sentence: Option<String>,
    /// Where a zero price is allowed, for a sentence of its own: "Een nulprijs is toegestaan
    /// voor component B." / "Een nulprijs is toegestaan." (no components, `price.zero_allowed`).
    /// Absent when zero is allowed nowhere.
    pub zero_sentence: Option<String>,
    /// The components where zero is allowed when others do not allow it: `component B`;
    /// absent when the rule is the same for every line.
    pub zero_scope: Option<String>,
    /// The components where zero is not allowed when others allow it: `componenten A en C`;
    /// absent when the rule is the same for every line.
    pub nonzero_scope: Option<String>,
}

impl PricePhrases {
    pub fn of(a: &AwardRules) -> PricePhrases {
        let comps = &a.price.components;
        if comps.is_empty() {
            let zero = a.price.zero_allowed.unwrap_or(false);
            return PricePhrases {
                divided: false,
                composition: None,
                total_scope: "alle regels".into(),
                total_sentence: None,
                nonzero_sentence: (!zero)
                    .then(|| "Het is niet toegestaan een nulprijs in te dienen.".into()),
                zero_sentence: zero.then(|| "Een nulprijs is toegestaan.".into()),
                zero_scope: None,
                nonzero_scope: None,
            };
        }
        let ids = |pred: &dyn Fn(&PriceComponent) -> bool| -> Vec<&str> {
            comps
                .iter()
                .filter(|c| pred(c))
                .map(|c| c.id.as_str())
                .collect()
        };
        let total = ids(&|c| c.in_total);
        let nonzero = ids(&|c| !c.zero_allowed);
        let zero = ids(&|c| c.zero_allowed);
        let total_sentence = match total.len() {
            _ if comps.len() == 1 => None,
            0 => None,
            1 => Some(format!(
                "De totale inschrijfprijs wordt bepaald door {}.",
                components_named(&total)
            )),
            _ => Some(format!(
                "De totale inschrijfprijs wordt bepaald door de som van {}.",
                components_named(&total)
            )),
        };
        let nonzero_sentence = if nonzero.is_empty() {
            None
        } else if zero.is_empty() {
            Some("Het is niet toegestaan een nulprijs in te dienen.".into())
        } else {
            Some(format!(
                "Het is niet toegestaan een nulprijs in te dienen voor {}.",
                components_named(&nonzero)
            ))
        };
        let zero_sentence = match (zero.is_empty(), nonzero.is_empty()) {
            (true, _) => None,
            (false, true) => Some("Een nulprijs is toegestaan.".into()),
            (false, false) => Some(format!(
                "Een nulprijs is toegestaan voor {}.",
                components_named(&zero)
            )),
        };
        PricePhrases {
            divided: true,
            composition: Some(format!(
                "Het onderdeel prijs bestaat uit {}",
                component_count(comps.len())
            )),
            total_scope: components_named(&total),
            total_sentence,
            nonzero_sentence,
            zero_sentence,
            zero_scope: (!zero.is_empty() && !nonzero.is_empty()).then(|| components_named(&zero)),
            nonzero_scope: (!zero.is_empty() && !nonzero.is_empty())
                .then(|| components_named(&nonzero)),
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
    pub(crate) fn of(a: &AwardRules) -> PriceMethodView {
        Self::with_max(a, format::number(a.price_max_points()))
    }

    /// The view with `max` for the price's maximum points (a number, or words such as "het
    /// maximum aantal punten voor prijs van het perceel" where lots differ).
    pub(crate) fn with_max(a: &AwardRules, max: String) -> PriceMethodView {
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
        assert_eq!(dv.price_phrases.total_scope, "componenten A en B");
        assert_eq!(
            dv.price_phrases.nonzero_sentence.as_deref(),
            Some("Het is niet toegestaan een nulprijs in te dienen voor componenten A en C.")
        );
        assert_eq!(
            dv.presentation_dates,
            "maandag 24 of dinsdag 25 augustus 2026"
        );
        assert_eq!(dv.tie_break_criteria, "G2 Kwaliteit");
        assert!(dv.price_formula_alt.ends_with("maal 25"));
    }

    /// A component for the phrase tests.
    fn comp(id: &str, in_total: bool, zero_allowed: bool) -> PriceComponent {
        PriceComponent {
            id: ComponentId(id.into()),
            title: format!("Component {id}"),
            offer: "werk".into(),
            requirement: None,
            note: None,
            in_total,
            zero_allowed,
        }
    }

    /// The phrases of the bundled rules with `components` (and `zero_allowed` on `price`).
    fn phrases(components: Vec<PriceComponent>, zero_allowed: Option<bool>) -> PricePhrases {
        let tender = read_yaml::<Tender>(Path::new("data/tender.yaml")).unwrap();
        let mut a = crate::model::load_award(Path::new("data"), &tender).unwrap();
        a.price.components = components;
        a.price.zero_allowed = zero_allowed;
        PricePhrases::of(&a)
    }

    #[test]
    fn components_named_singular_and_plural() {
        assert_eq!(components_named(&[]), "");
        assert_eq!(components_named(&["A"]), "component A");
        assert_eq!(components_named(&["A", "B"]), "componenten A en B");
        assert_eq!(components_named(&["A", "B", "C"]), "componenten A, B en C");
        assert_eq!(component_count(1), "één component");
        assert_eq!(component_count(3), "drie componenten");
    }

    #[test]
    fn phrases_without_components() {
        let p = phrases(vec![], None);
        assert!(!p.divided);
        assert_eq!(p.composition, None);
        assert_eq!(p.total_sentence, None);
        assert_eq!(p.total_scope, "alle regels");
        assert_eq!(
            p.nonzero_sentence.as_deref(),
            Some("Het is niet toegestaan een nulprijs in te dienen.")
        );
        assert_eq!(p.zero_sentence, None);
        let p = phrases(vec![], Some(true));
        assert_eq!(p.nonzero_sentence, None);
        assert_eq!(
            p.zero_sentence.as_deref(),
            Some("Een nulprijs is toegestaan.")
        );
        assert_eq!((p.zero_scope, p.nonzero_scope), (None, None));
    }

    #[test]
    fn phrases_with_one_component() {
        let p = phrases(vec![comp("A", true, false)], None);
        assert_eq!(
            p.composition.as_deref(),
            Some("Het onderdeel prijs bestaat uit één component")
        );
        // Nothing to sum: no "som van componenten".
        assert_eq!(p.total_sentence, None);
        assert_eq!(p.total_scope, "component A");
        assert_eq!(
            p.nonzero_sentence.as_deref(),
            Some("Het is niet toegestaan een nulprijs in te dienen.")
        );
        let p = phrases(vec![comp("A", true, true)], None);
        assert_eq!(p.nonzero_sentence, None);
        assert_eq!(
            p.zero_sentence.as_deref(),
            Some("Een nulprijs is toegestaan.")
        );
    }

    #[test]
    fn phrases_with_two_components() {
        let p = phrases(vec![comp("A", true, false), comp("B", true, true)], None);
        assert_eq!(
            p.composition.as_deref(),
            Some("Het onderdeel prijs bestaat uit twee componenten")
        );
        assert_eq!(
            p.total_sentence.as_deref(),
            Some("De totale inschrijfprijs wordt bepaald door de som van componenten A en B.")
        );
        assert_eq!(
            p.nonzero_sentence.as_deref(),
            Some("Het is niet toegestaan een nulprijs in te dienen voor component A.")
        );
        assert_eq!(p.zero_scope.as_deref(), Some("component B"));
        assert_eq!(p.nonzero_scope.as_deref(), Some("component A"));
        // One counted, one optional: the total is that one component, not a sum.
        let p = phrases(vec![comp("A", true, true), comp("B", false, true)], None);
        assert_eq!(
            p.total_sentence.as_deref(),
            Some("De totale inschrijfprijs wordt bepaald door component A.")
        );
        // Zero allowed everywhere: no "nulprijs" prohibition at all.
        assert_eq!(p.nonzero_sentence, None);
        assert_eq!(p.zero_scope, None);
    }

    #[test]
    fn phrases_with_three_components() {
        let p = phrases(
            vec![
                comp("A", true, false),
                comp("B", true, true),
                comp("C", false, false),
            ],
            None,
        );
        assert_eq!(
            p.composition.as_deref(),
            Some("Het onderdeel prijs bestaat uit drie componenten")
        );
        assert_eq!(p.total_scope, "componenten A en B");
        assert_eq!(
            p.nonzero_sentence.as_deref(),
            Some("Het is niet toegestaan een nulprijs in te dienen voor componenten A en C.")
        );
        assert_eq!(
            p.zero_sentence.as_deref(),
            Some("Een nulprijs is toegestaan voor component B.")
        );
        // No component allows zero: one sentence for all lines, no list.
        let p = phrases(
            vec![
                comp("A", true, false),
                comp("B", true, false),
                comp("C", true, false),
            ],
            None,
        );
        assert_eq!(
            p.nonzero_sentence.as_deref(),
            Some("Het is niet toegestaan een nulprijs in te dienen.")
        );
        assert_eq!(
            p.total_sentence.as_deref(),
            Some("De totale inschrijfprijs wordt bepaald door de som van componenten A, B en C.")
        );
        assert_eq!(p.zero_sentence, None);
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
