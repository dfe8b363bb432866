//! The integration tests: one test binary, a module per feature.

mod award;
mod common;
mod determinism;
mod itt;
mod nvi;
mod price_form;
