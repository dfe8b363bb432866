//! Characters no font of the documents can show: a bid name in Chinese or with a private-use
//! character (U+E000) would fail at render time ("could not be displayed with font …", at a
//! generated line) — and PDF/A forbids a missing glyph. `gen check` and every build find them
//! first, naming file, line and field.
//!
//! Decision: refuse rather than ship a covering font. The embedded fonts cover Latin, Greek,
//! Cyrillic, symbols, emoji, Hebrew and Arabic (2.5 MB in `fonts/`); a CJK font adds 10–20 MB
//! to every binary for names a Dutch tender's data does not hold, and no font covers the
//! private-use area. A bidder whose name has such characters is written in Latin script.

use std::path::Path;
use std::sync::LazyLock;

use typst::text::Coverage;

use super::world::fallback_font_infos;
use crate::error::Diagnostic;
use crate::model::anonymity::is_invisible;

/// The house style's text font (`templates/house.typ`); the fallback fonts follow it.
const TEXT_FONT: &str = "Libertinus Serif";

/// What the fonts of the documents' text cover: the text font and the fallback fonts (other
/// embedded fonts, such as the math fonts, are not in the text's font list).
static COVERAGE: LazyLock<Vec<Coverage>> = LazyLock::new(|| {
    typst_kit::fonts::embedded()
        .map(|(_, info)| info)
        .filter(|info| info.family == TEXT_FONT)
        .chain(fallback_font_infos())
        .map(|info| info.coverage)
        .collect()
});

/// Whether some font shows `c` (control characters, whitespace and invisible format
/// characters need no glyph).
pub fn shown(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || is_invisible(c)
        || COVERAGE.iter().any(|cov| cov.contains(c as u32))
}

/// The texts in the YAML files of `data` holding a character no font shows, each named by
/// file and field (the caller locates them).
pub fn data_problems(data: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(data).into_iter().flatten() {
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if text.chars().all(|c| c.is_ascii() || shown(c)) {
            continue;
        }
        let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
            continue;
        };
        crate::model::text::each_text(&value, &mut |field, s| {
            if let Some(c) = s.chars().find(|&c| !c.is_ascii() && !shown(c)) {
                out.push(Diagnostic::new(
                    path,
                    field,
                    format!(
                        "the character {c:?} (U+{:04X}) cannot be shown by any font of the documents: write the text in Latin script",
                        c as u32
                    ),
                ));
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_and_private_use_are_not_shown_the_rest_is() {
        for c in [
            'a', 'é', '€', '–', '’', '•', '≥', 'ß', 'Ω', 'ж', 'א', 'ع', '😀', '\n',
        ] {
            assert!(shown(c), "{c:?}");
        }
        for c in ['中', '\u{E000}', '한'] {
            assert!(!shown(c), "{c:?}");
        }
    }
}
