//! Writing the rates of a bidder's filled price form (read by [`super::price_form`]) into
//! `data/bids/<id>.yaml` under `rates:` (`gen prices import`); in a tender divided into lots,
//! the rates of each lot's filled sheet under `lots.<n>.rates` (with `--lot N` that lot's
//! only).
//!
//! The bid file belongs to the bids model (`src/model/bids.rs`); the import never
//! re-serialises it. When the file exists only the `rates:` block is replaced (or appended;
//! [`super::yaml_block`]), every other byte stays as it was; otherwise a new file with `id:` and `rates:`
//! is created, with a comment that the rest of the bid must be filled in. Nothing is written
//! when the form is rejected.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::data_file::write_atomically;
use super::price_form;
use super::yaml_block::replace_block;
use crate::docs::price_form::sheet;
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation::convert::scoring_rules;
use crate::format;
use crate::model::award::AwardRules;
use crate::model::load;
use crate::model::lots::lot_award;
use crate::model::requirements::Requirements;
use crate::model::tender::Tender;

/// What a price-form import wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct PricesReport {
    /// The bid file written.
    pub file: PathBuf,
    /// Per part written (the whole form, or a lot): how many rates, and their total price.
    pub parts: Vec<WrittenPart>,
}

/// The rates of the whole form, or of one lot, written to the bid file.
#[derive(Debug, Clone, PartialEq)]
pub struct WrittenPart {
    pub lot: Option<u32>,
    pub rates: usize,
    pub total: Decimal,
}

impl std::fmt::Display for PricesReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let [part] = self.parts.as_slice()
            && part.lot.is_none()
        {
            return write!(
                f,
                "wrote {} rate(s) to {}: total tender price {}",
                part.rates,
                self.file.display(),
                format::money(part.total)
            );
        }
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|p| {
                format!(
                    "lot {}: {} rate(s), total tender price {}",
                    p.lot.unwrap_or_default(),
                    p.rates,
                    format::money(p.total)
                )
            })
            .collect();
        write!(f, "wrote to {}: {}", self.file.display(), parts.join("; "))
    }
}

/// A bidder id usable as a file name, under the same rule the bids are loaded with
/// ([`crate::model::text::file_id_problem`]): `--bidder Werkfit` would write a file the rest
/// of the tool rejects.
fn check_bidder_id(id: &str) -> Result<()> {
    match crate::model::text::file_id_problem(id) {
        None => Ok(()),
        Some(problem) => Err(Error::Usage(format!(
            "bidder id `{id}`: {problem} (it names data/bids/<id>.yaml)"
        ))),
    }
}

/// The data the import needs: the tender (reference), the annexes (the form's title) and the
/// price rules. Bid files are not loaded, so one incomplete bid does not block importing
/// another.
fn load_rules(data: &Path) -> Result<(Tender, Requirements, AwardRules)> {
    if !data.join("tender.yaml").is_file() {
        return Err(Error::Usage(format!(
            "{} is not a tender data folder (no tender.yaml in it)",
            data.display()
        )));
    }
    let tender: Tender = load::read_yaml(&data.join("tender.yaml"))?;
    let requirements: Requirements = load::read_yaml(&data.join("requirements.yaml"))?;
    // Linked to the tender: some volumes are facts of tender.yaml.
    let award: AwardRules = crate::model::load_award(data, &tender)?;
    let mut problems = Vec::new();
    award.validate(&data.join("award.yaml"), &mut problems);
    problems.retain(Diagnostic::is_error);
    if !problems.is_empty() {
        return Err(crate::model::locate::located(problems));
    }
    // The rates are checked and totalled by the evaluation, under its reading of the rules.
    scoring_rules(&award, &data.join("award.yaml")).map_err(Error::Data)?;
    Ok((tender, requirements, award))
}

/// Imports `file` for `bidder` into `<data>/bids/<bidder>.yaml`. Rates the bid already has
/// are replaced only with `replace` (unless the form holds the same rates). In a tender with
/// lots every filled-in sheet is imported into `lots.<n>.rates`, or with `lot` that lot's only.
pub(crate) fn import_form(
    data: &Path,
    file: &Path,
    bidder: &str,
    replace: bool,
    lot: Option<u32>,
) -> Result<PricesReport> {
    check_bidder_id(bidder)?;
    if !file.is_file() {
        return Err(Error::Usage(format!("{}: no such file", file.display())));
    }
    let (tender, requirements, award) = load_rules(data)?;
    let parts = match tender.lots.as_ref().filter(|l| l.divided) {
        None if lot.is_some() => {
            return Err(Error::Usage(
                "--lot: this tender is not divided into lots (tender.yaml, lots.divided)"
                    .to_string(),
            ));
        }
        None => {
            let form = sheet::form(&tender, &requirements, &award);
            vec![price_form::read(file, &form, &award)?]
        }
        Some(lots) => {
            if let Some(n) = lot
                && lots.lot(n).is_none()
            {
                return Err(Error::Usage(format!(
                    "--lot {n}: the tender has no lot {n} (its lots: {})",
                    lots.numbers()
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            let sheets: Vec<_> = sheet::forms(&tender, &requirements, &award)
                .into_iter()
                .filter_map(|f| {
                    let l = lots.lot(f.lot?)?;
                    Some((f, lot_award(&award, l)))
                })
                .collect();
            let mut read = price_form::read_lots(file, &sheets)?;
            // Art. 1.5 lid 2 Aw 2012: a bid is for at most `bid_limit` lots.
            if let Some(limit) = lots.bid_limit
                && read.len() > limit as usize
            {
                let filled: Vec<String> = read
                    .iter()
                    .filter_map(|p| p.lot.map(sheet::lot_sheet))
                    .collect();
                return Err(Error::data(Diagnostic::new(
                    file,
                    "",
                    format!(
                        "{} sheets are filled in ({}), but a bid may be for at most {limit} \
                         lot(s) (tender.yaml, lots.bid_limit): ask the bidder which lots its \
                         bid is for",
                        read.len(),
                        filled.join(", ")
                    ),
                )));
            }
            if let Some(n) = lot {
                read.retain(|p| p.lot == Some(n));
                if read.is_empty() {
                    return Err(Error::data(Diagnostic::new(
                        file,
                        format!("sheet “{}”", sheet::lot_sheet(n)),
                        format!("the sheet of lot {n} is empty: nothing to import for --lot {n}"),
                    )));
                }
            }
            read
        }
    };

    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bid_file = data.join("bids").join(format!("{bidder}.yaml"));
    let existing = match std::fs::read_to_string(&bid_file) {
        Ok(existing) => Some(existing),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&bid_file, e)),
    };
    let mut text = existing
        .clone()
        .unwrap_or_else(|| new_bid(bidder, &tender.reference));
    for part in &parts {
        let lot_key = part.lot.map(|n| n.to_string());
        let path: Vec<&str> = match &lot_key {
            Some(n) => vec!["lots", n, "rates"],
            None => vec!["rates"],
        };
        if let Some(existing) = &existing {
            refuse_unasked_replacement(&bid_file, existing, &path, &text_of(&part.rates), replace)?;
        }
        let located = |m: String| {
            crate::model::locate::located(vec![Diagnostic::new(&bid_file, path.join("."), m)])
        };
        text = replace_block(&text, &path, &rates_block(&part.rates, &source)).map_err(located)?;
        check_written(&text, &path, &part.rates).map_err(located)?;
    }
    write_atomically(&bid_file, &text)?;
    Ok(PricesReport {
        file: bid_file,
        parts: parts
            .iter()
            .map(|p| WrittenPart {
                lot: p.lot,
                rates: p.rates.len(),
                total: p.total,
            })
            .collect(),
    })
}

/// The mapping at `path` in a YAML value (map keys may be numbers: `lots: {2: …}`).
fn at_path<'a>(value: &'a serde_yaml::Value, path: &[&str]) -> Option<&'a serde_yaml::Value> {
    path.iter().try_fold(value, |v, key| {
        let map = v.as_mapping()?;
        map.get(*key).or_else(|| {
            key.parse::<u64>()
                .ok()
                .and_then(|n| map.get(serde_yaml::Value::Number(n.into())))
        })
    })
}

/// The rates as `line → rate` text, for comparing with a bid file's.
fn text_of(rates: &[(String, Decimal)]) -> Vec<(String, String)> {
    rates
        .iter()
        .map(|(line, rate)| (line.clone(), rate.normalize().to_string()))
        .collect()
}

/// A usage error when the bid file already has other rates and `--replace` was not given.
fn refuse_unasked_replacement(
    bid_file: &Path,
    existing: &str,
    path: &[&str],
    imported: &[(String, String)],
    replace: bool,
) -> Result<()> {
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(existing) else {
        return Ok(()); // replace_block reports a file it cannot edit
    };
    let Some(rates) = at_path(&value, path).and_then(|r| r.as_mapping()) else {
        return Ok(());
    };
    let mut present: Vec<(String, String)> = rates
        .iter()
        .filter_map(|(k, v)| {
            let rate = match v {
                serde_yaml::Value::String(s) => s.parse::<Decimal>().ok(),
                serde_yaml::Value::Number(n) => n.to_string().parse::<Decimal>().ok(),
                _ => None,
            };
            Some((k.as_str()?.to_string(), rate?.normalize().to_string()))
        })
        .collect();
    present.sort();
    let mut new = imported.to_vec();
    new.sort();
    if replace || rates.is_empty() || present == new {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{} already has {} rate(s) under `{}`, which this form would replace; check that it \
         is the bidder's latest form and run again with --replace",
        bid_file.display(),
        rates.len(),
        path.join(".")
    )))
}

/// A rate as stored: at least two decimals (`138.00`, `92.125`).
fn rate_text(rate: Decimal) -> String {
    let r = rate.normalize();
    if r.scale() < 2 {
        let mut r = r;
        r.rescale(2);
        r.to_string()
    } else {
        r.to_string()
    }
}

/// The YAML of the `rates:` block, ending in a newline.
fn rates_block(rates: &[(String, Decimal)], source: &str) -> String {
    let mut out = String::from("rates:\n");
    if !source.is_empty() {
        let _ = writeln!(
            out,
            "  # From the price form {source:?} (gen prices import)."
        );
    }
    for (line, rate) in rates {
        let _ = writeln!(out, "  {line}: \"{}\"", rate_text(*rate));
    }
    out
}

fn new_bid(bidder: &str, reference: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../.schemas/bid.schema.json\n\
         # Bid of `{bidder}` for {reference}. Only the rates were filled in, by `gen prices import`:\n\
         # fill in the rest of the bid (name, address, contact, status, quality; `gen schema bid`).\n\
         id: {bidder}\n"
    )
}

/// Replaces the top-level `rates:` block of a YAML text by `block` (or appends `block`),
/// leaving every other byte as it was.
#[cfg(test)]
fn replace_rates(text: &str, block: &str) -> std::result::Result<String, String> {
    replace_block(text, &["rates"], block)
}

/// The new text must still be YAML, with exactly these rates at `path`.
fn check_written(
    text: &str,
    path: &[&str],
    rates: &[(String, Decimal)],
) -> std::result::Result<(), String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text)
        .map_err(|e| format!("the bid file would not be valid YAML after the import: {e}"))?;
    let written = at_path(&value, path)
        .and_then(|r| r.as_mapping())
        .ok_or_else(|| {
            format!(
                "the bid file would have no `{}:` map after the import",
                path.join(".")
            )
        })?;
    let ok = written.len() == rates.len()
        && rates.iter().all(|(line, rate)| {
            written
                .get(line.as_str())
                .and_then(|v| v.as_str())
                .and_then(|s| s.parse::<Decimal>().ok())
                == Some(*rate)
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the `{}:` block could not be replaced cleanly; fix the file's layout by hand first",
            path.join(".")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates() -> Vec<(String, Decimal)> {
        vec![
            ("A1".into(), "95.5".parse().unwrap()),
            ("B1".into(), Decimal::ZERO),
        ]
    }

    #[test]
    fn rate_text_keeps_at_least_cents() {
        assert_eq!(rate_text("95.5".parse().unwrap()), "95.50");
        assert_eq!(rate_text("1500".parse().unwrap()), "1500.00");
        assert_eq!(rate_text("0".parse().unwrap()), "0.00");
        assert_eq!(rate_text("12.125".parse().unwrap()), "12.125");
    }

    #[test]
    fn replaces_only_the_rates_block() {
        let text = "# head\nid: x\nrates:\n  A1: \"1.00\"\n  # note\n  B1: \"2.00\"\n\n# about quality\nquality:\n  G2.1:\n    score: 8\n";
        let block = rates_block(&rates(), "");
        let out = replace_rates(text, &block).unwrap();
        assert_eq!(
            out,
            "# head\nid: x\nrates:\n  A1: \"95.50\"\n  B1: \"0.00\"\n\n# about quality\nquality:\n  G2.1:\n    score: 8\n"
        );
        check_written(&out, &["rates"], &rates()).unwrap();
    }

    #[test]
    fn replaces_a_flow_map_and_keeps_crlf() {
        let text = "id: x\r\nrates: {A1: \"1\"}\r\nstatus: valid\r\n";
        let out = replace_rates(text, &rates_block(&rates(), "")).unwrap();
        assert_eq!(
            out,
            "id: x\r\nrates:\r\n  A1: \"95.50\"\r\n  B1: \"0.00\"\r\nstatus: valid\r\n"
        );
    }

    #[test]
    fn appends_when_absent_and_refuses_duplicates() {
        let out = replace_rates("id: x\nname: y", &rates_block(&rates(), "f.xlsx")).unwrap();
        assert_eq!(
            out,
            "id: x\nname: y\nrates:\n  # From the price form \"f.xlsx\" (gen prices import).\n  A1: \"95.50\"\n  B1: \"0.00\"\n"
        );
        assert!(replace_rates("rates: {}\nrates: {}\n", "rates:\n").is_err());
        // `rates_x:` and an indented `rates:` are other keys.
        let out = replace_rates("rates_x: 1\nq:\n  rates: 2\n", "rates: {}\n").unwrap();
        assert_eq!(out, "rates_x: 1\nq:\n  rates: 2\nrates: {}\n");
    }

    #[test]
    fn bidder_ids_are_file_names() {
        assert!(check_bidder_id("arbo-noord").is_ok());
        assert!(check_bidder_id("../x").is_err());
        assert!(check_bidder_id("").is_err());
        assert!(check_bidder_id("-x").is_err());
    }
}
