//! Reading filled-in spreadsheets back into the data files: a bidder's question form (bijlage I)
//! into a round of the nota van inlichtingen ([`nvi`]), a filled price form (bijlage D) into a
//! bid's rates ([`prices`]).
//!
//! Each import reads its spreadsheet ([`question_form`], [`price_form`]), checks what it read
//! with the model's and the evaluation's own rules, edits the data file's text without
//! re-serialising it, and writes it atomically ([`data_file`]). Nothing is written when
//! anything is wrong. The commands (`cmd::nvi`, `cmd::prices`) hand in what a run has loaded.

pub(crate) mod data_file;
pub mod nvi;
pub mod price_form;
pub(crate) mod prices;
pub(crate) mod question_form;
pub(crate) mod workbook;
pub(crate) mod workbook_compare;
mod workbook_exact;
mod yaml_block;
