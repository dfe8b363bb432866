//! Typst diagnostics for people: the message, where in the generated source it happened, the
//! offending line, and the template that produced that line.

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};

use super::world::{DocWorld, MAIN_ID};
use crate::render::TEMPLATE_MARK;

pub fn format(world: &DocWorld<'_>, diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| format_one(world, d))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn format_one(world: &DocWorld<'_>, diag: &SourceDiagnostic) -> String {
    let kind = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!("{kind}: {}", diag.message);
    if let Some(id) = diag.span.id()
        && let (Ok(source), Some(range)) = (world.source(id), world.range(diag.span))
    {
        let lines = source.lines();
        if let Some((line, col)) = lines.byte_to_line_column(range.start) {
            let text = source.text().lines().nth(line).unwrap_or("");
            let file = if id == *MAIN_ID {
                match template_at(source.text(), range.start) {
                    // Tera loops and includes make the template's own line inexact; the
                    // generated line is exact and `--keep-source` writes that source.
                    Some(t) => format!(
                        "templates/{t} (generated source line {}, see --keep-source)",
                        line + 1
                    ),
                    None => format!("generated source line {} (see --keep-source)", line + 1),
                }
            } else {
                format!("{}:{}", id.vpath().get_with_slash(), line + 1)
            };
            out.push_str(&format!(
                "\n  --> {file}, column {}\n   | {text}\n   | {}^",
                col + 1,
                " ".repeat(col)
            ));
        }
    }
    for hint in &diag.hints {
        out.push_str(&format!("\n  hint: {}", hint.v));
    }
    out
}

/// The template whose output contains byte `offset` of the generated source: the innermost
/// template whose begin-marker is open before it (see [`TEMPLATE_MARK`]).
fn template_at(text: &str, offset: usize) -> Option<String> {
    let mut stack: Vec<&str> = Vec::new();
    for (at, _) in text.match_indices(TEMPLATE_MARK) {
        if at >= offset {
            break;
        }
        let rest = &text[at + TEMPLATE_MARK.len()..];
        let rest = &rest[..rest.find(" */").unwrap_or(rest.len())];
        if let Some(name) = rest.strip_prefix("begin ") {
            stack.push(name);
        } else if rest.starts_with("end ") {
            stack.pop();
        }
    }
    stack.last().map(|s| s.to_string())
}
