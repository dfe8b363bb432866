//! Typesetting: generated Typst source → PDF, in process, through our own [`world::Engine`].

pub mod diagnostics;
pub mod glyphs;
pub mod text;
pub mod world;

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Datelike, NaiveDate};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use world::Engine;

use crate::error::{Error, Result};

/// A typeset document.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Typst warnings, already formatted for people.
    pub warnings: Vec<String>,
}

/// Compiles `source` and exports it as tagged PDF/A-2a + PDF/UA-1.
///
/// `name` names the document in messages; `ident` is a stable per-document identifier (the
/// PDF's /ID is derived from it, so the same input gives the same bytes).
pub fn pdf(
    engine: &Engine,
    name: &str,
    source: String,
    date: NaiveDate,
    ident: &str,
) -> Result<Pdf> {
    let world = engine.world(source, date);
    let result = compile_and_export(&world, ident, date);
    // Typst memoises across compiles; evicting after each document (also a failed one) keeps
    // memory flat over a batch while keeping the hot entries of the shared modules.
    typst::comemo::evict(10);
    release_freed_memory();
    result.map_err(|diags| Error::Typst {
        document: name.to_string(),
        message: diagnostics::format(&world, &diags),
    })
}

/// The text of a typeset document (see [`text`]), without exporting a PDF.
pub struct DocText {
    pub text: String,
    pub pages: usize,
}

/// Compiles `source` as [`pdf`] does and returns the text a reader sees (for `gen diff`).
pub fn text(engine: &Engine, name: &str, source: String, date: NaiveDate) -> Result<DocText> {
    let world = engine.world(source, date);
    let result = typst::compile::<PagedDocument>(&world).output;
    typst::comemo::evict(10);
    release_freed_memory();
    let document = result.map_err(|diags| Error::Typst {
        document: name.to_string(),
        message: diagnostics::format(&world, &diags),
    })?;
    Ok(DocText {
        text: text::document_text(&document),
        pages: document.pages().len(),
    })
}

/// Hands memory freed by the last documents back to the operating system, every fourth
/// document. glibc's malloc keeps freed memory in its arenas (typst also lays out on rayon's
/// threads), so over a batch of a thousand letters the resident size crept to 185 MB against
/// 50 MB for ten, while the live heap stayed under 40 MB (heaptrack). Trimming after every
/// document keeps it near 70 MB but costs 15 % in speed (the freed pages are faulted in
/// again); every fourth document, 67–75 MB for a few per cent. (mimalloc, tried instead,
/// needed the same trade: 126 MB by default, 76 MB when it returns memory at once.)
fn release_freed_memory() {
    static DOCUMENTS: AtomicUsize = AtomicUsize::new(0);
    if DOCUMENTS.fetch_add(1, Ordering::Relaxed) % 4 != 3 {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory of the allocator; no pointer is involved.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn compile_and_export(
    world: &world::DocWorld<'_>,
    ident: &str,
    date: NaiveDate,
) -> std::result::Result<Pdf, typst::ecow::EcoVec<typst::diag::SourceDiagnostic>> {
    let warned = typst::compile::<PagedDocument>(world);
    // A font the house style names but we do not have would silently fall back: an error.
    let (font_errors, warnings): (Vec<_>, Vec<_>) = warned
        .warnings
        .iter()
        .partition(|w| w.message.starts_with("unknown font family"));
    let warnings = warnings
        .iter()
        .map(|w| diagnostics::format_one(world, w))
        .collect();
    let document = warned.output?;
    if !font_errors.is_empty() {
        return Err(font_errors.into_iter().cloned().collect());
    }
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        // No version in /Creator: a typst upgrade alone should not change every archived PDF.
        creator: Smart::Custom(Some("tendergen".to_string())),
        // The document's date from data (used when the template sets no `document(date:)`);
        // never the wall clock.
        timestamp: Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
            .map(Timestamp::new_utc),
        standards: PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
            .expect("PDF/A-2a and PDF/UA-1 combine"),
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options)?;
    Ok(Pdf {
        bytes,
        pages: document.pages().len(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(source: &str) -> Result<Pdf> {
        let engine = Engine::new("templates".into(), "data".into());
        let date = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        pdf(
            &engine,
            "test",
            format!("#set document(title: \"t\")\n#set text(lang: \"nl\")\n{source}"),
            date,
            "test",
        )
    }

    /// Template markers are block comments at the start of a template's first line: a heading
    /// there must still be a heading.
    #[test]
    fn heading_after_template_marker_is_a_heading() {
        compile("/* @template begin x */= Kop\nTekst\n#context assert.eq(query(heading).len(), 1)")
            .unwrap();
    }

    #[test]
    fn the_date_comes_from_data_and_errors_are_reported_with_the_line() {
        compile("#context assert.eq(datetime.today(), datetime(year: 2026, month: 6, day: 1))")
            .unwrap();
        let Err(Error::Typst { message, .. }) = compile("\n#nonexistent") else {
            panic!("must fail")
        };
        assert!(
            message.contains("unknown variable: nonexistent"),
            "{message}"
        );
        assert!(message.contains("line 4"), "{message}");
    }

    #[test]
    fn emoji_and_symbols_have_glyphs_and_unknown_fonts_fail() {
        compile("#set text(font: (\"Libertinus Serif\", \"Noto Sans Symbols\", \"Noto Emoji\", \"Noto Sans Hebrew\"))\nTest 😀 ☺ ✓ → e\u{0301} #\"tab\\tend rtl \\u{200f}עברית\\u{200e}\";").unwrap();
        let Err(Error::Typst { message, .. }) = compile("#set text(font: \"Arial\")\nx") else {
            panic!("must fail")
        };
        assert!(message.contains("unknown font family"), "{message}");
    }

    #[test]
    fn files_outside_the_roots_cannot_be_read() {
        let Err(Error::Typst { message, .. }) = compile("#read(\"/etc/passwd\")") else {
            panic!("must fail")
        };
        assert!(
            message.contains("access denied") || message.contains("not found"),
            "{message}"
        );
        let Err(Error::Typst { message, .. }) =
            compile("#read(\"/templates/../../../etc/passwd\")")
        else {
            panic!("must fail")
        };
        assert!(!message.contains("root:"), "{message}");
    }
}
