//! The price form (prijsinvulformulier, annex D): a PDF that explains the price components,
//! volumes and the computation of the total tender price, and the .xlsx bidders fill in
//! ([`sheet`]). Filled forms are read back by [`crate::import::price_form`] (`gen prices import`).
//!
//! Both documents are built from `data/award.yaml` (`price:`), the same fields chapter 5 of
//! the invitation to tender prints. In a tender divided into lots the workbook has a sheet per
//! lot and the PDF a section per lot, each with the lot's price lines and totals.

pub mod sheet;

use serde::Serialize;
use tera::Context;

use super::derived::AwardDerived;
use super::house::HouseStyle;
use super::{DocMeta, Job, OutFile, Plan, RunOptions, folder};
use crate::error::Result;
use crate::format;
use crate::model::Project;
use crate::model::award::{
    AwardRules, ComponentId, FOUR_WEEK_PERIODS_PER_YEAR, PriceComponent, PriceLine, Volume,
};
use crate::model::lots::lot_award;
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
    /// The kinds of volume the lines state.
    pub(crate) volumes: sheet::VolumeKinds,
    /// How evaluated volumes follow from stated ones (the spreadsheet's instruction).
    pub volume_rule: String,
    pub components: Vec<ComponentView>,
    /// Spoken text of the volume formula.
    pub volume_formula_alt: String,
    /// Spoken text of the total formula.
    pub total_formula_alt: String,
    /// The form's parts as the spreadsheet has them: one without a lot, or one per lot.
    pub sections: Vec<SectionView>,
    /// The lots, in a tender divided into lots (else empty).
    pub lots: Vec<LotHead>,
}

/// One sheet of the spreadsheet: its lines per component and its total.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    /// The lot, on a lot's sheet.
    pub lot: Option<LotHead>,
    /// The worksheet's name.
    pub sheet: String,
    pub components: Vec<ComponentView>,
    /// The cell of the sheet's total tender price.
    pub total_cell: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LotHead {
    pub number: u32,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentView {
    /// `None`: the lines of a price without components (one group, no heading).
    pub id: Option<ComponentId>,
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

/// The components of `award` with their lines and cells on `form`.
fn components(award: &AwardRules, form: &sheet::Form) -> Vec<ComponentView> {
    let line_view = |l: &PriceLine| {
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
    };
    let group = |c: Option<&PriceComponent>| {
        let lines: Vec<LineView> = award.lines_of(c.map(|c| &c.id)).map(line_view).collect();
        ComponentView {
            id: c.map(|c| c.id.clone()),
            title: c.map(|c| c.title.clone()).unwrap_or_default(),
            offer: c.map(|c| c.offer.clone()).unwrap_or_default(),
            note: c.and_then(|c| c.note.clone()),
            requirement: c.and_then(|c| c.requirement),
            in_total: c.is_none_or(|c| c.in_total),
            zero_allowed: c.map_or(award.price.zero_allowed.unwrap_or(false), |c| {
                c.zero_allowed
            }),
            first_rate_cell: lines
                .first()
                .map(|l| l.rate_cell.clone())
                .unwrap_or_default(),
            last_rate_cell: lines
                .last()
                .map(|l| l.rate_cell.clone())
                .unwrap_or_default(),
            lines,
            subtotal_cell: c.and_then(|c| {
                form.subtotal_cells
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map(|(_, (r, col))| sheet::cell_name(*r, *col))
            }),
        }
    };
    // Without components the lines form one group without a heading.
    if award.price.components.is_empty() {
        vec![group(None)]
    } else {
        award
            .price
            .components
            .iter()
            .map(|c| group(Some(c)))
            .collect()
    }
}

/// The section of one sheet.
fn section(project: &Project, form: &sheet::Form) -> SectionView {
    let lot = form
        .lot
        .and_then(|n| project.tender.lots.as_ref()?.lot(n).cloned());
    let award = lot.as_ref().map(|l| lot_award(&project.award, l));
    SectionView {
        lot: lot.map(|l| LotHead {
            number: l.number,
            title: l.title,
        }),
        sheet: form.sheet.clone(),
        components: components(award.as_ref().unwrap_or(&project.award), form),
        total_cell: sheet::cell_name(form.total_cell.0, form.total_cell.1),
    }
}

/// The view of the form for the template: `forms` are its sheets ([`sheet::forms`]).
pub(crate) fn view(project: &Project, forms: &[sheet::Form]) -> View {
    let award: &AwardRules = &project.award;
    let d = AwardDerived::of(award);
    let years = award.price.evaluation_years;
    let sections: Vec<SectionView> = forms.iter().map(|f| section(project, f)).collect();
    let lots: Vec<LotHead> = sections.iter().filter_map(|s| s.lot.clone()).collect();
    // Undivided: the one sheet's components; divided: award.yaml's, for the general
    // explanation (each lot's section has its own).
    let components = match sections.as_slice() {
        [one] if one.lot.is_none() => one.components.clone(),
        _ => components(
            award,
            &sheet::form(&project.tender, &project.requirements, award),
        ),
    };
    let first = sections.first();
    let kinds = sheet::VolumeKinds::of(award);
    let mut volume_formula = vec![format!(
        "beoordelingsvolume is gelijk aan het volume per jaar maal {}",
        years.value()
    )];
    if kinds.per_4_weeks {
        volume_formula.push(format!(
            "het volume per jaar is het volume per 4 weken maal {FOUR_WEEK_PERIODS_PER_YEAR}"
        ));
    }
    if kinds.per_month {
        volume_formula.push("het volume per jaar is het volume per maand maal 12".to_string());
    }
    let stem = sheet::file_stem(&project.requirements);
    View {
        annex_letter: sheet::annex_letter(&project.requirements),
        xlsx_file: format!("{stem}.xlsx"),
        sheet: first.map_or_else(|| sheet::SHEET.to_string(), |s| s.sheet.clone()),
        rate_column: sheet::column_name(sheet::COL_RATE),
        total_cell: first.map(|s| s.total_cell.clone()).unwrap_or_default(),
        evaluation_years: years,
        periods_per_year: FOUR_WEEK_PERIODS_PER_YEAR,
        has_per_4_weeks: kinds.per_4_weeks,
        volumes: kinds,
        volume_rule: sheet::volume_rule(award),
        components,
        volume_formula_alt: volume_formula.join("; "),
        total_formula_alt: if d.price_phrases.divided {
            format!(
                "totale inschrijfprijs is gelijk aan de som, over alle regels van {}, van het \
                 beoordelingsvolume maal het geoffreerde tarief",
                d.price_phrases.total_scope
            )
        } else {
            "totale inschrijfprijs is gelijk aan de som, over alle regels, van het \
             beoordelingsvolume maal het geoffreerde tarief"
                .to_string()
        },
        sections,
        lots,
    }
}

/// The form's layout for a loaded project (a tender without lots).
pub fn form(project: &Project) -> sheet::Form {
    sheet::form(&project.tender, &project.requirements, &project.award)
}

/// The form's sheets for a loaded project: one, or one per lot.
pub fn forms(project: &Project) -> Vec<sheet::Form> {
    sheet::forms(&project.tender, &project.requirements, &project.award)
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
    let forms = forms(project);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("tender", &project.tender);
    context.insert("requirements", &project.requirements);
    context.insert("award", &project.award);
    context.insert("award_derived", &AwardDerived::of(&project.award));
    context.insert("form", &view(project, &forms));
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
        bytes: sheet::book_xlsx(&forms(project), house, &|_, _| None)?,
    })
}

/// The documents and files this produces for the project: the explaining PDF and the .xlsx.
pub fn plan(project: &Project, opts: &RunOptions, house: &HouseStyle) -> Result<Plan> {
    Ok(Plan {
        jobs: vec![job(project, opts)],
        files: vec![xlsx_file(project, house)?],
    })
}
