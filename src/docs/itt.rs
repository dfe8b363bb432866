//! The invitation to tender (offerteaanvraag): the whole tender data in one document.

use tera::Context;

use super::{DocMeta, Job, RunOptions, folder};
use crate::model::Project;

pub const TEMPLATE: &str = "offerteaanvraag.typ.tera";

pub fn job(project: &Project, opts: &RunOptions) -> Job {
    let date = project.tender.date;
    let meta = DocMeta::new(project, "Offerteaanvraag", date, opts);
    let mut context = Context::new();
    context.insert("doc", &meta);
    context.insert("tender", &project.tender);
    context.insert("tender_derived", &project.tender.derived());
    context.insert("requirements", &project.requirements);
    context.insert("award", &project.award);
    context.insert("award_derived", &project.award.derived());
    Job {
        file: folder(project).join("offerteaanvraag.pdf"),
        title: meta.title,
        template: TEMPLATE,
        context: super::Context::ready(context),
        date,
    }
}

/// A numbered heading of the invitation to tender: its number (`2.7`) and Typst label, if any
/// (`sec-beoordelingsprocedure`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub number: String,
    pub label: Option<String>,
}

/// The numbered headings of the invitation to tender, taken from the same source the document
/// is rendered from: the generated Typst, numbered the way the house style numbers headings.
///
/// Uses the templates next to the data folder; empty when they cannot be rendered (that
/// failure is reported by the render or check itself). `Project::load` keeps the result in
/// `project.itt_outline`.
pub fn outline(project: &Project) -> Vec<Heading> {
    let Ok(renderer) =
        crate::render::Renderer::load(&crate::render::templates_beside(&project.dir))
    else {
        return Vec::new();
    };
    let job = job(project, &RunOptions::default());
    match renderer.render(job.template, &job.context.make()) {
        Ok(source) => headings(&source),
        Err(_) => Vec::new(),
    }
}

/// The section numbers (`1`, `1.1`, …, `5.3.1`): what NvI questions may refer to.
pub fn sections(project: &Project) -> Vec<String> {
    project
        .itt_outline
        .iter()
        .map(|h| h.number.clone())
        .collect()
}

/// Section numbers by heading label (`sec-beoordelingsprocedure` → `2.7`), for other
/// documents that cite a paragraph of the invitation to tender.
pub fn section_labels(project: &Project) -> std::collections::BTreeMap<String, String> {
    project
        .itt_outline
        .iter()
        .filter_map(|h| Some((h.label.clone()?, h.number.clone())))
        .collect()
}

/// The `=`-headings of a Typst source, numbered as Typst's `"1.1"` numbering does (only `=`
/// headings count; `#heading(numbering: none)` does not), with a `<label>` ending the line.
pub fn headings(source: &str) -> Vec<Heading> {
    let mut counters: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    let mut in_raw = false;
    for line in source.lines() {
        let line = strip_marks(line.trim_start());
        if line.starts_with("```") {
            in_raw = !in_raw;
        }
        if in_raw {
            continue;
        }
        let level = line.chars().take_while(|&c| c == '=').count();
        if level == 0 || !line[level..].starts_with(' ') {
            continue;
        }
        counters.resize(level, 0);
        counters[level - 1] += 1;
        let number = counters
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(".");
        let trimmed = line.trim_end();
        let label = match (trimmed.rfind('<'), trimmed.ends_with('>')) {
            (Some(start), true) => Some(trimmed[start + 1..trimmed.len() - 1].to_string()),
            _ => None,
        };
        out.push(Heading { number, label });
    }
    out
}

/// Drops the template marker comments (see `render::TEMPLATE_MARK`) at the start of a line.
fn strip_marks(mut line: &str) -> &str {
    while line.starts_with(crate::render::TEMPLATE_MARK) {
        match line.find("*/") {
            Some(end) => line = line[end + 2..].trim_start(),
            None => break,
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers_follow_typst_numbering() {
        let src = "#heading(numbering: none)[Inleiding]\n= Een\n== A <sec-a>\n== B\n/* @template begin x */= Twee\n== A\n=== a\n=no heading\n";
        let hs = headings(src);
        let numbers: Vec<&str> = hs.iter().map(|h| h.number.as_str()).collect();
        assert_eq!(numbers, vec!["1", "1.1", "1.2", "2", "2.1", "2.1.1"]);
        assert_eq!(hs[1].label.as_deref(), Some("sec-a"));
        assert_eq!(hs[2].label, None);
    }

    #[test]
    fn labels_follow_heading_numbers() {
        let src = "= Een <sec-een>\n== A\n/* @template begin x */== B <sec-b>\n= Twee\n=== a <sec-a>\n#heading(level: 2)[x] <sec-no>\n";
        let labels: Vec<(String, Option<String>)> = headings(src)
            .into_iter()
            .map(|h| (h.number, h.label))
            .collect();
        let label = |l: &str| {
            labels
                .iter()
                .find(|(_, x)| x.as_deref() == Some(l))
                .map(|(n, _)| n.as_str())
        };
        assert_eq!(label("sec-een"), Some("1"));
        assert_eq!(label("sec-b"), Some("1.2"));
        assert_eq!(label("sec-a"), Some("2.0.1"));
        assert_eq!(label("sec-no"), None);
    }
}
