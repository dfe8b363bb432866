//! The invitation to tender's outline as the templates in use number it: rendered once per run
//! from the chosen templates, so that the paragraphs letters cite and NvI references are checked
//! against are the ones of the document that is published.

use crate::docs::RunOptions;
use crate::docs::itt::{self, Heading, Outline};
use crate::error::{Error, Result};
use crate::model::Project;
use crate::render::Renderer;

/// Renders the invitation to tender's source with `renderer` and numbers its headings. A
/// template set whose invitation has no numbered heading is an error: letters and NvI
/// references would have nothing to cite.
pub fn outline(renderer: &Renderer, project: &Project) -> Result<Outline> {
    let job = itt::job(project, &RunOptions::default());
    let source = renderer.render(job.template, &job.context.make())?;
    let headings = headings(&source);
    if headings.is_empty() {
        return Err(Error::Template {
            template: format!("{} ({})", job.template, renderer.dir().display()),
            message: "the invitation to tender has no numbered heading (`= Title`): its \
                      paragraphs are what NvI questions and award letters cite"
                .into(),
        });
    }
    Ok(Outline { headings })
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
