//! tendergen: the documents of a Dutch public tender, rendered as PDFs from YAML data.
//!
//! The pipeline's stages, in order: [`model`] (typed, validated data) → [`docs`] (a view per
//! document) → [`render`] (Tera → Typst source) → [`typeset`] (our typst World → PDF) →
//! [`output`] (atomic write into `out/`). See ARCHITECTURE.md.

pub mod calendar;
pub mod cli;
pub mod cmd;
pub mod docs;
pub mod error;
pub mod format;
pub mod incremental;
pub mod manifest;
pub mod messages;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod provenance;
pub mod render;
pub mod scoring;
pub mod typeset;

pub use error::{Error, Result};
