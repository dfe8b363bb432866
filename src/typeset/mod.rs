//! Typesetting: generated Typst source → PDF, in process, through our own [`world::Engine`].

pub mod diagnostics;
pub mod world;

use chrono::NaiveDate;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

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
pub fn pdf(engine: &Engine, name: &str, source: String, date: NaiveDate, ident: &str) -> Result<Pdf> {
    let world = engine.world(source, date);
    let result = compile_and_export(&world, ident);
    // Typst memoises across compiles; evicting after each document (also a failed one) keeps
    // memory flat over a batch while keeping the hot entries of the shared modules.
    typst::comemo::evict(10);
    result.map_err(|diags| Error::Typst { document: name.to_string(), message: diagnostics::format(&world, &diags) })
}

fn compile_and_export(
    world: &world::DocWorld<'_>,
    ident: &str,
) -> std::result::Result<Pdf, typst::ecow::EcoVec<typst::diag::SourceDiagnostic>> {
    let warned = typst::compile::<PagedDocument>(world);
    let warnings = warned.warnings.iter().map(|w| diagnostics::format_one(world, w)).collect();
    let document = warned.output?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        // No version in /Creator: a typst upgrade alone should not change every archived PDF.
        creator: Smart::Custom(Some("tendergen".to_string())),
        timestamp: None,
        standards: PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
            .expect("PDF/A-2a and PDF/UA-1 combine"),
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options)?;
    Ok(Pdf { bytes, pages: document.pages().len(), warnings })
}
