//! tendergen: the documents of a Dutch public tender, rendered as PDFs from YAML data.
//!
//! The pipeline's stages, in order, each using only those before it: [`model`] (typed,
//! validated data) → [`evaluation`] (the award rules over the model) → [`docs`] (a view per
//! document) → [`render`] (Tera → Typst source) → [`typeset`] (our typst World → PDF) →
//! [`output`] (atomic write into `out/`). [`build`] owns a run across them; [`cmd`] holds the
//! subcommands, each a short call into it. Beneath all: [`error`], [`format`], [`calendar`]
//! and [`provenance`]. See ARCHITECTURE.md.

pub mod build;
pub mod calendar;
pub mod cli;
pub mod cmd;
pub mod docs;
pub mod error;
pub mod evaluation;
pub mod format;
pub mod import;
pub mod messages;
pub mod model;
pub mod output;
pub mod provenance;
pub mod render;
pub mod typeset;

pub use error::{Error, Result};
