//! tendergen: the documents of a Dutch public tender, rendered as PDFs from YAML data.
//!
//! The pipeline's stages, in order, each using only those before it: [`model`] (typed,
//! validated data) → [`evaluation`] (the award rules over the model) → [`docs`] (a view per
//! document) → [`render`] (Tera → Typst source) → [`typeset`] (our typst World → PDF) →
//! [`output`] (atomic write into `out/`). [`import`] reads filled-in forms back into the data.
//! [`build`] owns a run across them, [`init`] starts a new tender; [`cmd`] holds the
//! subcommands, each a short call into them. Beneath all: [`error`], [`format`], [`calendar`]
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
pub mod init;
pub mod messages;
pub mod model;
pub mod output;
pub mod provenance;
pub mod render;
pub mod typeset;

pub use error::{Error, Result};
