//! The house colours for documents made outside Typst (the Excel price form). They are set
//! once, in `templates/house.toml`: `templates/house.typ` reads that file for the PDFs, and
//! [`crate::render::house::house_style`] reads it into a [`HouseStyle`] for Rust.

/// A colour as `0xRRGGBB`.
pub type Rgb = u32;

/// The colours of `templates/house.toml` (`[colours]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HouseStyle {
    /// Headings, titles, the rule above a table's header row.
    pub accent: Rgb,
    /// Thin rules.
    pub rule: Rgb,
    /// Background of a table's header row.
    pub header_fill: Rgb,
    /// What a bidder fills in (the rate cells).
    pub input_fill: Rgb,
    /// A component's heading row in the price form.
    pub component_fill: Rgb,
    /// Labels in front of a value.
    pub label: Rgb,
}
