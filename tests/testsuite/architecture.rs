//! The pipeline's layers stay as ARCHITECTURE.md draws them: each module of `src/` uses only
//! the modules of its own layer and the layers below it, never a later stage.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::repo;

/// The layers, lowest first: a module may use its own layer's modules and those listed before.
/// `cmd`, `cli`, `messages` and `main` sit on top and may use anything.
const LAYERS: &[&[&str]] = &[
    // Beneath everything: errors, Dutch formats, the Atw calendar, git provenance.
    &["error", "format", "calendar", "provenance"],
    &["model"],
    &["evaluation"],
    &["docs"],
    &["import"],
    &["render"],
    &["typeset"],
    &["output"],
    &["build"],
    &["init"],
];

/// The top-level module a file of `src/` belongs to (`src/model/nvi.rs` → `model`).
fn module_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The crate modules a source file's code names: `crate::x`, and each name of `crate::{x, y}`
/// (comments left out; `crate::Error` and `crate::Result` are the `error` module's).
fn used_modules(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let text = code.as_str();
    let mut used = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group only (`a::{b, c}` names `a`), up to its closing brace.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        used.insert(ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            used.insert(ident(&item));
        } else {
            used.insert(ident(rest));
        }
    }
    used.retain(|m| !m.is_empty());
    for root in ["Error", "Result"] {
        if used.remove(root) {
            used.insert("error".to_string());
        }
    }
    used
}

fn allowed(module: &str) -> Option<BTreeSet<&'static str>> {
    let level = LAYERS.iter().position(|l| l.contains(&module))?;
    Some(
        LAYERS[..=level]
            .iter()
            .flat_map(|l| l.iter().copied())
            .collect(),
    )
}

#[test]
fn no_module_uses_a_later_stage() {
    let src = repo().join("src");
    let mut violations = Vec::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(&src).unwrap();
        let module = module_of(rel);
        let Some(allowed) = allowed(&module) else {
            continue;
        };
        checked += 1;
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for used in used_modules(&text) {
            if !allowed.contains(used.as_str()) {
                violations.push(format!("src/{}: uses crate::{used}", rel.display()));
            }
        }
    }
    assert!(checked > 30, "only {checked} files checked");
    assert!(
        violations.is_empty(),
        "modules that reach up into a later stage (see LAYERS and ARCHITECTURE.md):\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_check_sees_every_form_of_use() {
    let text = "use crate::model::Project;\nuse crate::{docs::{self, Job}, error::Error};\nlet x = crate::render::Renderer::load(d);\n// crate::build in a comment\nfn f() -> crate::Result<()> {}\n";
    assert_eq!(
        used_modules(text).into_iter().collect::<Vec<_>>(),
        ["docs", "error", "model", "render"]
    );
    let levels = allowed("model").unwrap();
    assert!(levels.contains("error") && !levels.contains("docs") && !levels.contains("build"));
    assert_eq!(allowed("cmd"), None);
}
