//! Writing the rates of a bidder's filled price form (read by [`super::price_form`]) into
//! `data/bids/<id>.yaml` under `rates:` (`gen prices import`).
//!
//! The bid file belongs to the bids model (`src/model/bids.rs`); the import never
//! re-serialises it. When the file exists only the top-level `rates:` block is replaced (or
//! appended), every other byte stays as it was; otherwise a new file with `id:` and `rates:`
//! is created, with a comment that the rest of the bid must be filled in. Nothing is written
//! when the form is rejected.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::data_file::write_atomically;
use super::price_form;
use crate::docs::price_form::sheet;
use crate::error::{Diagnostic, Error, Result};
use crate::evaluation::convert::scoring_rules;
use crate::format;
use crate::model::award::AwardRules;
use crate::model::load;
use crate::model::requirements::Requirements;
use crate::model::tender::Tender;

/// What a price-form import wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct PricesReport {
    /// The bid file written.
    pub file: PathBuf,
    /// How many rates it now holds.
    pub rates: usize,
    /// The total tender price of those rates.
    pub total: Decimal,
}

impl std::fmt::Display for PricesReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "wrote {} rate(s) to {}: total tender price {}",
            self.rates,
            self.file.display(),
            format::money(self.total)
        )
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
/// are replaced only with `replace` (unless the form holds the same rates).
pub(crate) fn import_form(
    data: &Path,
    file: &Path,
    bidder: &str,
    replace: bool,
) -> Result<PricesReport> {
    check_bidder_id(bidder)?;
    if !file.is_file() {
        return Err(Error::Usage(format!("{}: no such file", file.display())));
    }
    let (tender, requirements, award) = load_rules(data)?;
    let form = sheet::form(&tender, &requirements, &award);
    let imported = price_form::read(file, &form, &award)?;

    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let block = rates_block(&imported.rates, &source);
    let bid_file = data.join("bids").join(format!("{bidder}.yaml"));
    let text = match std::fs::read_to_string(&bid_file) {
        Ok(existing) => {
            refuse_unasked_replacement(&bid_file, &existing, &text_of(&imported.rates), replace)?;
            replace_rates(&existing, &block).map_err(|m| {
                crate::model::locate::located(vec![Diagnostic::new(&bid_file, "rates", m)])
            })?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            new_bid(bidder, &tender.reference, &block)
        }
        Err(e) => return Err(Error::io(&bid_file, e)),
    };
    check_written(&text, &imported.rates)
        .map_err(|m| crate::model::locate::located(vec![Diagnostic::new(&bid_file, "rates", m)]))?;
    write_atomically(&bid_file, &text)?;
    Ok(PricesReport {
        file: bid_file,
        rates: imported.rates.len(),
        total: imported.total,
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
    imported: &[(String, String)],
    replace: bool,
) -> Result<()> {
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(existing) else {
        return Ok(()); // replace_rates reports a file it cannot edit
    };
    let Some(rates) = value.get("rates").and_then(|r| r.as_mapping()) else {
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
        "{} already has {} rate(s), which this form would replace; check that it is the \
         bidder's latest form and run again with --replace",
        bid_file.display(),
        rates.len()
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

fn new_bid(bidder: &str, reference: &str, block: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../.schemas/bid.schema.json\n\
         # Bid of `{bidder}` for {reference}. Only the rates were filled in, by `gen prices import`:\n\
         # fill in the rest of the bid (name, address, contact, status, quality; `gen schema bid`).\n\
         id: {bidder}\n{block}"
    )
}

/// Replaces the top-level `rates:` block of a YAML text by `block` (or appends `block`),
/// leaving every other byte as it was. The block is the `rates:` line and the lines after it
/// that are indented, blank or comments, without trailing blank and comment lines.
fn replace_rates(text: &str, block: &str) -> std::result::Result<String, String> {
    // Lines with their terminators, so unchanged lines are copied byte for byte.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_rates = |l: &str| {
        l.strip_prefix("rates")
            .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
    };
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| is_rates(l))
        .map(|(i, _)| i)
        .collect();
    let crlf = text.contains("\r\n");
    let block = if crlf {
        block.replace('\n', "\r\n")
    } else {
        block.to_string()
    };
    match starts.as_slice() {
        [] => {
            let mut out = text.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(if crlf { "\r\n" } else { "\n" });
            }
            out.push_str(&block);
            Ok(out)
        }
        [start] => {
            let continues = |l: &str| {
                let t = l.trim_end_matches(['\r', '\n']);
                t.trim().is_empty() || t.starts_with([' ', '\t']) || t.starts_with('#')
            };
            let mut end = start + 1;
            while end < lines.len() && continues(lines[end]) {
                end += 1;
            }
            // Leave trailing blank lines and column-0 comments to what follows.
            while end > start + 1 {
                let t = lines[end - 1].trim_end_matches(['\r', '\n']);
                if t.trim().is_empty() || t.starts_with('#') {
                    end -= 1;
                } else {
                    break;
                }
            }
            let mut out: String = lines[..*start].concat();
            out.push_str(&block);
            out.push_str(&lines[end..].concat());
            Ok(out)
        }
        _ => Err(
            "the file has more than one top-level `rates:` key; fix it by hand first".to_string(),
        ),
    }
}

/// The new text must still be YAML, with exactly these rates under `rates`.
fn check_written(text: &str, rates: &[(String, Decimal)]) -> std::result::Result<(), String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text)
        .map_err(|e| format!("the bid file would not be valid YAML after the import: {e}"))?;
    let written = value
        .get("rates")
        .and_then(|r| r.as_mapping())
        .ok_or("the bid file would have no `rates:` map after the import")?;
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
        Err(
            "the `rates:` block could not be replaced cleanly; fix the file's layout by hand first"
                .to_string(),
        )
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
        check_written(&out, &rates()).unwrap();
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
