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
        context,
        date,
    }
}

/// The section numbers of the invitation to tender (`1`, `1.1`, …, `5.3.1`), taken from the
/// same source the document is rendered from: the generated Typst, numbered the way the house
/// style numbers headings (only numbered headings count, `= ` is level 1).
///
/// Uses the templates next to the data folder; empty when they cannot be rendered (that
/// failure is reported by the render or check itself).
pub fn sections(project: &Project) -> Vec<String> {
    let templates = project.dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new(".")).join("templates");
    let Ok(renderer) = crate::render::Renderer::load(&templates) else { return Vec::new() };
    let job = job(project, &RunOptions::default());
    match renderer.render(job.template, &job.context) {
        Ok(source) => heading_numbers(&source),
        Err(_) => Vec::new(),
    }
}

/// The numbers of the `=`-headings of a Typst source, as Typst's `"1.1"` numbering gives them.
pub fn heading_numbers(source: &str) -> Vec<String> {
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
        out.push(counters.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("."));
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
        let src = "#heading(numbering: none)[Inleiding]\n= Een\n== A\n== B\n/* @template begin x */= Twee\n== A\n=== a\n=no heading\n";
        assert_eq!(heading_numbers(src), vec!["1", "1.1", "1.2", "2", "2.1", "2.1.1"]);
    }
}
