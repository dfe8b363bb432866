//! The integration tests: one test binary, a module per feature.

mod architecture;
mod award;
mod award_structure;
mod broken;
mod cli;
mod common;
mod determinism;
mod examples;
mod hostile_data;
mod hostile_workbooks;
mod injection;
mod itt;
mod lots;
mod lots_award;
mod matrix;
mod nvi;
mod outline;
mod output_safety;
mod price_form;
mod price_structure;
mod procedure;
mod procedures;
mod quality_structure;
mod schema;
mod versioning;
