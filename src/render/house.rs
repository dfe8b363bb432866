//! Reads the house colours (`templates/house.toml`) for the documents Rust makes itself (the
//! Excel price form). The PDFs read the same file in `templates/house.typ`, so a colour is set
//! in one place.

use std::path::Path;

use serde::{Deserialize, Deserializer};

use crate::docs::house::{HouseStyle, Rgb};
use crate::error::{Diagnostic, Error, Result};

/// The file in the template folder.
pub(crate) const FILE: &str = "house.toml";

#[derive(Deserialize)]
struct HouseFile {
    colours: Colours,
}

/// Other keys may be there for the PDFs only (house.typ reads them).
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Colours {
    #[serde(deserialize_with = "hex")]
    accent: Rgb,
    #[serde(deserialize_with = "hex")]
    rule: Rgb,
    #[serde(deserialize_with = "hex")]
    header_fill: Rgb,
    #[serde(deserialize_with = "hex")]
    input_fill: Rgb,
    #[serde(deserialize_with = "hex")]
    component_fill: Rgb,
    #[serde(deserialize_with = "hex")]
    label: Rgb,
}

/// `"#1f4e79"` as `0x1F4E79`: a `#` and exactly six hexadecimal digits.
fn parse_hex(s: &str) -> Option<Rgb> {
    let digits = s.strip_prefix('#')?;
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    Rgb::from_str_radix(digits, 16).ok()
}

fn hex<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Rgb, D::Error> {
    let s = String::deserialize(d)?;
    parse_hex(&s).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "{s:?} is not a colour: write it as \"#rrggbb\" (six hexadecimal digits)"
        ))
    })
}

/// The bundled template folder's file, for template folders made before it existed (a tender
/// repository from an older `gen init`, an old revision compared by `gen diff`): their
/// house.typ has its colours inline, and the spreadsheet gets the colours it always had.
const DEFAULT: &str = include_str!("../../templates/house.toml");

/// The house colours of the template folder `templates_dir`. A TOML error or a colour that is
/// not `"#rrggbb"` is a data error naming the file, line and key.
pub fn house_style(templates_dir: &Path) -> Result<HouseStyle> {
    let path = templates_dir.join(FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => parse(&path, DEFAULT),
        Err(e) => Err(Error::io(&path, e)),
    }
}

fn parse(path: &Path, text: &str) -> Result<HouseStyle> {
    let file: HouseFile =
        serde_path_to_error::deserialize(toml::Deserializer::new(text)).map_err(|e| {
            let field = e.path().to_string();
            let inner = e.into_inner();
            let mut d = Diagnostic::new(
                path,
                if field == "." { String::new() } else { field },
                inner.message().to_string(),
            );
            if let Some(span) = inner.span() {
                let before = &text[..span.start.min(text.len())];
                d.line = Some(before.matches('\n').count() + 1);
                d.column = Some(before.rsplit('\n').next().unwrap_or("").chars().count() + 1);
            }
            Error::data(d)
        })?;
    let c = file.colours;
    Ok(HouseStyle {
        accent: c.accent,
        rule: c.rule,
        header_fill: c.header_fill,
        input_fill: c.input_fill,
        component_fill: c.component_fill,
        label: c.label,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_only() {
        assert_eq!(parse_hex("#1f4e79"), Some(0x1F4E79));
        assert_eq!(parse_hex("#FFF2CC"), Some(0xFFF2CC));
        for bad in ["1f4e79", "#1f4e7", "#1f4e790", "#1g4e79", "#+f4e79", ""] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_bundled_file_is_read() {
        let style = house_style(Path::new("templates")).unwrap();
        assert_eq!(style.accent, 0x1F4E79);
    }

    /// A bad colour and a missing one are data errors naming the file, line, key and problem.
    #[test]
    fn a_template_folder_without_the_file_has_the_default_colours() {
        let dir = tempfile::tempdir().unwrap();
        let style = house_style(dir.path()).unwrap();
        assert_eq!(style.accent, 0x1F4E79);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        for (text, expected) in [
            (
                "[colours]\naccent = \"#1f4e79\"\nrule = \"grijs\"\n",
                &[
                    "templates/house.toml:3:",
                    "colours.rule",
                    "\"grijs\" is not a colour",
                ][..],
            ),
            (
                "[colours]\naccent = \"#1f4e79\"\n",
                &["missing field `rule`"][..],
            ),
        ] {
            let err = parse(Path::new("templates/house.toml"), text)
                .unwrap_err()
                .to_string();
            for e in expected {
                assert!(err.contains(e), "{e:?} not in {err}");
            }
        }
    }
}
