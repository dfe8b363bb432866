//! The price form (prijsinvulformulier, annex D): a PDF that explains the price components,
//! volumes and the computation of the total tender price, and the .xlsx bidders fill in
//! ([`sheet`]). Filled forms are read back by [`crate::import::price_form`] (`gen prices import`).
//!
//! Both documents are built from `data/award.yaml` (`price:`), the same fields chapter 5 of
//! the invitation to tender prints.

pub mod sheet;

use serde::Serialize;
use tera::Context;

use super::derived::AwardDerived;
use super::house::HouseStyle;
use super::{DocMeta, Job, OutFile, Plan, RunOptions, folder};
use crate::error::Result;
use crate::format;
use crate::model::Project;
use crate::model::award::{AwardRules, ComponentId, FOUR_WEEK_PERIODS_PER_YEAR, PriceLine, Volume};
use crate::model::requirements::Count;

pub(crate) const TEMPLATE: &str = "prijsinvulformulier.typ.tera";

/// The template's view of the form (context key `form`). Numbers are display strings.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// `D`.
    pub annex_letter: String,
    /// File name of the spreadsheet: `bijlage-d-prijsinvulformulier.xlsx`.
    pub xlsx_file: String,
    /// The worksheet's name.
    pub sheet: String,
    /// Column of the rate input cells (`F`).
    pub rate_column: String,
    /// The cell of the total tender price (`G36`).
    pub total_cell: String,
    /// Years over which yearly volumes are evaluated.
    pub evaluation_years: Count,
    /// Periods of four weeks in a year (13).
    pub periods_per_year: u32,
    /// Whether any line states its volume per four weeks.
    pub has_per_4_weeks: bool,
    /// Whether any line states its volume per month.
    pub has_per_month: bool,
    /// Whether any line's volume recurs yearly (per year, per month or per four weeks): only
    /// then the evaluation years matter and the form shows the volume formula.
    pub has_yearly: bool,
    /// Whether any line is counted once (`once`) or is a total over the term (`total`).
    pub has_once: bool,
    pub has_total: bool,
    pub components: Vec<ComponentView>,
    /// "componenten A en B" or "component A": the components in the total price, the
    /// components where a zero rate is refused and those where it is allowed (empty: none).
    pub total_components: String,
    pub nonzero_components: String,
    pub zero_components: String,
    /// Spoken text of the volume formula.
    pub volume_formula_alt: String,
    /// Spoken text of the total formula.
    pub total_formula_alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentView {
    pub id: ComponentId,
    pub title: String,
    pub offer: String,
    pub note: Option<String>,
    pub requirement: Option<u32>,
    pub in_total: bool,
    pub zero_allowed: bool,
    pub lines: Vec<LineView>,
    /// The subtotal cell in the spreadsheet (components in the total).
    pub subtotal_cell: Option<String>,
    /// The first and last rate cells (`F14`, `F16`).
    pub first_rate_cell: String,
    pub last_rate_cell: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineView {
    pub id: String,
    pub description: String,
    pub unit: String,
    /// The volume as the invitation states it: `24 uur per 4 weken`, `1 per jaar`, `1 eenmalig`.
    pub stated_volume: Option<String>,
    /// `312`.
    pub volume_per_year: Option<String>,
    /// `1.248`; absent for lines outside the total.
    pub evaluated_volume: Option<String>,
    /// The rate's cell in the spreadsheet (`F14`).
    pub rate_cell: String,
}

fn stated_volume(line: &PriceLine) -> Option<String> {
    let unit = |v: rust_decimal::Decimal| {
        if line.unit == "uur" {
            format!("{} uur", format::number(v))
        } else {
            format::number(v)
        }
    };
    Some(match line.volume? {
        Volume::Per4Weeks(v) => format!("{} per 4 weken", unit(v)),
        Volume::PerYear(v) => format!("{} per jaar", unit(v)),
        Volume::PerMonth(v) => format!("{} per maand", unit(v)),
        Volume::Total(v) => format!("{} over de looptijd", unit(v)),
        Volume::Once(v) if v == rust_decimal::Decimal::ONE => "eenmalig".to_string(),
        Volume::Once(v) => format!("{} eenmalig", unit(v)),
    })
}

/// The view of the form for the template.
pub(crate) fn view(project: &Project, form: &sheet::Form) -> View {
    let award: &AwardRules = &project.award;
    let d = AwardDerived::of(award);
    let years = award.price.evaluation_years;
    let any_volume = |f: fn(&Volume) -> bool| {
        award
            .price
            .lines
            .iter()
            .any(|l| l.volume.as_ref().is_some_and(f))
    };
    let components = award
        .price
        .components
        .iter()
        .map(|c| {
            let lines: Vec<LineView> = award
                .price
                .lines
                .iter()
                .filter(|l| l.component == c.id)
                .map(|l| {
                    let (r, col) = form.rate_cell(&l.id).unwrap_or((0, sheet::COL_RATE));
                    LineView {
                        id: l.id.clone(),
                        description: l.description.clone(),
                        unit: l.unit.clone(),
                        stated_volume: stated_volume(l),
                        volume_per_year: l.volume_per_year().map(format::number),
                        evaluated_volume: award.evaluated_volume(l).map(format::number),
                        rate_cell: sheet::cell_name(r, col),
                    }
                })
                .collect();
            ComponentView {
                id: c.id.clone(),
                title: c.title.clone(),
                offer: c.offer.clone(),
                note: c.note.clone(),
                requirement: c.requirement,
                in_total: c.in_total,
                zero_allowed: c.zero_allowed,
                first_rate_cell: lines
                    .first()
                    .map(|l| l.rate_cell.clone())
                    .unwrap_or_default(),
                last_rate_cell: lines
                    .last()
                    .map(|l| l.rate_cell.clone())
                    .unwrap_or_default(),
                lines,
                subtotal_cell: form
                    .subtotal_cells
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map(|(_, (r, col))| sheet::cell_name(*r, *col)),
            }
        })
        .collect();
    let stem = sheet::file_stem(&project.requirements);
    View {
        annex_letter: sheet::annex_letter(&project.requirements),
        xlsx_file: format!("{stem}.xlsx"),
        sheet: sheet::SHEET.to_string(),
        rate_column: sheet::column_name(sheet::COL_RATE),
        total_cell: sheet::cell_name(form.total_cell.0, form.total_cell.1),
        evaluation_years: years,
        periods_per_year: FOUR_WEEK_PERIODS_PER_YEAR,
        has_per_4_weeks: any_volume(|v| matches!(v, Volume::Per4Weeks(_))),
        has_per_month: any_volume(|v| matches!(v, Volume::PerMonth(_))),
        has_yearly: any_volume(|v| {
            matches!(
                v,
                Volume::PerYear(_) | Volume::PerMonth(_) | Volume::Per4Weeks(_)
            )
        }),
        has_once: any_volume(|v| matches!(v, Volume::Once(_))),
        has_total: any_volume(|v| matches!(v, Volume::Total(_))),
        components,
        total_components: phrase(&d.total_components),
        nonzero_components: phrase(&d.nonzero_components),
        zero_components: phrase(&d.zero_components),
        volume_formula_alt: volume_formula_alt(
            years.value(),
            any_volume(|v| matches!(v, Volume::Per4Weeks(_))),
            any_volume(|v| matches!(v, Volume::PerMonth(_))),
        ),
        total_formula_alt: format!(
            "totale inschrijfprijs is gelijk aan de som, over alle regels van {}, van het \
             beoordelingsvolume maal het geoffreerde tarief",
            sheet::components_phrase(&d.total_components)
        ),
    }
}

/// "component A" / "componenten A en B"; empty for no components.
fn phrase(list: &str) -> String {
    if list.is_empty() {
        String::new()
    } else {
        sheet::components_phrase(list)
    }
}

/// Spoken text of the volume formula: only the conversions the form's lines use.
fn volume_formula_alt(years: u32, per_4_weeks: bool, per_month: bool) -> String {
    let mut alt = format!("beoordelingsvolume is gelijk aan het volume per jaar maal {years}");
    if per_4_weeks {
        alt.push_str(&format!(
            "; het volume per jaar is het volume per 4 weken maal {FOUR_WEEK_PERIODS_PER_YEAR}"
        ));
    }
    if per_month {
        alt.push_str("; het volume per jaar is het volume per maand maal 12");
    }
    alt
}

/// The form's layout for a loaded project.
pub fn form(project: &Project) -> sheet::Form {
    sheet::form(&project.tender, &project.requirements, &project.award)
}

/// The PDF job of the price form.
pub fn job(project: &Project, opts: &RunOptions) -> Job {
    let date = project.tender.date;
    let letter = sheet::annex_letter(&project.requirements);
    let meta = DocMeta::new(
        project,
        &format!("Bijlage {letter}: Prijsinvulformulier"),
        date,
        opts,
    );
    let form = form(project);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("tender", &project.tender);
    context.insert("requirements", &project.requirements);
    context.insert("award", &project.award);
    context.insert("award_derived", &AwardDerived::of(&project.award));
    context.insert("form", &view(project, &form));
    Job {
        file: folder(project).join(format!("{}.pdf", sheet::file_stem(&project.requirements))),
        title: meta.title,
        template: TEMPLATE,
        context: super::Context::ready(context),
        date,
    }
}

/// The empty spreadsheet in the house colours, ready to write.
pub(crate) fn xlsx_file(project: &Project, house: &HouseStyle) -> Result<OutFile> {
    Ok(OutFile {
        path: folder(project).join(format!("{}.xlsx", sheet::file_stem(&project.requirements))),
        bytes: form(project).to_xlsx(house)?,
    })
}

/// The documents and files this produces for the project: the explaining PDF and the .xlsx.
pub fn plan(project: &Project, opts: &RunOptions, house: &HouseStyle) -> Result<Plan> {
    Ok(Plan {
        jobs: vec![job(project, opts)],
        files: vec![xlsx_file(project, house)?],
    })
}
