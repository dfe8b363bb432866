//! The confidentiality guard over the letters' data text (art. 2.57 Aw 2012; EU Varec): a
//! letter goes to one bidder and shows, besides the addressee's own assessment, only the
//! winner's. Text the authority typed (reasons, exclusion texts) must not name another bidder
//! nor give a rate of any bid: "minder concreet dan Arbo Noord B.V. (tarief A1 € 138,00)" in a
//! reason would tell every reader another bidder's name and price. Names are looked for as the
//! question rounds' anonymity guard does ([`GuardedNames`]: case, spacing and legal form
//! ignored).

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use crate::error::Diagnostic;
use crate::evaluation::Outcome;
use crate::evaluation::per_lot::LotsOutcome;
use crate::model::Project;
use crate::model::anonymity::GuardedNames;
use crate::model::bids::Bid;

/// Every problem in the letters' data text, each naming the bid file and field it came from.
/// The texts of a bid go into its own letter and, for the winner, into every other letter: so
/// they may name only the bid itself and the winner.
pub fn confidentiality(project: &Project, outcome: &Outcome) -> Vec<Diagnostic> {
    let names = GuardedNames::new(project.bids.iter().map(|b| b.name.clone()));
    let rates = all_rates(project.bids.iter().flat_map(|b| b.rates.values()));
    let mut out = Vec::new();
    let winner = winner_name(project, outcome);
    for bid in &project.bids {
        check(bid, letter_texts(bid), (&names, winner, &rates), &mut out);
    }
    out
}

/// The guard across the lots of a divided tender: each lot's letters show the addressee and
/// the lot's winner after the award limit, so a text of a bid for a lot may name only the
/// bid itself and that lot's winner, never a bidder of any lot nor a rate of any lot of any
/// bid. Fields are where the data is (`lots.<n>.quality…`).
pub fn lots_confidentiality(project: &Project, lots: &LotsOutcome) -> Vec<Diagnostic> {
    let names = GuardedNames::new(project.bids.iter().map(|b| b.name.clone()));
    let rates = all_rates(
        project
            .bids
            .iter()
            .flat_map(|b| b.lots.values().flat_map(|l| l.rates.values())),
    );
    let mut out = Vec::new();
    for (n, outcome) in &lots.lots {
        let Some((_, award)) = lots.lot(*n) else {
            continue;
        };
        let Some(lot) = project.lot(*n) else { continue };
        let outcome = super::lots::awarded(outcome, award);
        let winner = winner_name(&lot, &outcome);
        for bid in &lot.bids {
            let own_exclusion = project
                .bids
                .iter()
                .find(|b| b.id == bid.id)
                .and_then(|b| b.lots.get(n))
                .is_some_and(|l| l.exclusion.is_some());
            let texts = letter_texts(bid)
                .into_iter()
                .map(|(field, text)| {
                    if field.starts_with("quality.") || own_exclusion {
                        (format!("lots.{n}.{field}"), text)
                    } else {
                        (field, text)
                    }
                })
                .collect();
            check(bid, texts, (&names, winner, &rates), &mut out);
        }
    }
    out.sort_by(|a, b| (&a.file, &a.field, &a.message).cmp(&(&b.file, &b.field, &b.message)));
    out.dedup_by(|a, b| a.file == b.file && a.field == b.field && a.message == b.message);
    out
}

fn winner_name<'a>(project: &'a Project, outcome: &Outcome) -> Option<&'a str> {
    outcome
        .evaluation
        .winner
        .as_deref()
        .and_then(|id| project.bids.iter().find(|b| b.id == id))
        .map(|b| b.name.as_str())
}

fn all_rates<'a>(rates: impl Iterator<Item = &'a Decimal>) -> BTreeSet<Decimal> {
    rates
        .filter(|r| !r.is_zero())
        .map(|r| r.normalize())
        .collect()
}

/// The texts of `bid` (field, text) against the names that may not appear and the rates.
fn check(
    bid: &Bid,
    texts: Vec<(String, String)>,
    (names, winner, rates): (&GuardedNames, Option<&str>, &BTreeSet<Decimal>),
    out: &mut Vec<Diagnostic>,
) {
    for (field, text) in texts {
        for name in names.names_in(&text) {
            if name != bid.name && Some(name) != winner {
                out.push(Diagnostic::new(
                    &bid.file,
                    field.clone(),
                    format!(
                        "names the bidder “{name}”: this text goes into a letter to {} (art. 2.57 Aw 2012: a letter does not name other bidders); write “een andere inschrijving”",
                        letter_readers(bid, winner)
                    ),
                ));
            }
        }
        for amount in amounts(&text) {
            if rates.contains(&amount.normalize()) {
                out.push(Diagnostic::new(
                    &bid.file,
                    field.clone(),
                    format!(
                        "gives the amount {amount}, a rate of a bid: rates are confidential (art. 2.57 Aw 2012) and no letter may show them"
                    ),
                ));
            }
        }
    }
}

fn letter_readers(bid: &Bid, winner: Option<&str>) -> &'static str {
    if Some(bid.name.as_str()) == winner {
        "every bidder"
    } else {
        "this bidder"
    }
}

/// The data texts of a bid a letter prints, with their field paths.
fn letter_texts(bid: &Bid) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (id, a) in &bid.quality {
        for (key, list) in [
            ("strengths", &a.strengths),
            ("weaknesses", &a.weaknesses),
            ("why_not_maximum", &a.why_not_maximum),
        ] {
            for (i, t) in list.iter().enumerate() {
                out.push((format!("quality.{id}.{key}.{i}"), t.clone()));
            }
        }
    }
    if let Some(x) = &bid.exclusion {
        out.push(("exclusion.reason".into(), x.reason.clone()));
        out.push(("exclusion.basis".into(), x.basis.clone()));
        out.push(("exclusion.established".into(), x.established.clone()));
    }
    out
}

/// The amounts in a text that could be a rate: numbers with decimals (`138,00`, `138.50`),
/// or after a euro sign or before `,-` (`€ 138`, `138,-`). Dutch notation (`1.234,56`) and
/// a plain decimal point (`138.00`) are both read.
fn amounts(text: &str) -> Vec<Decimal> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.' || chars[i] == ',') {
            i += 1;
        }
        let raw: String = chars[start..i].iter().collect();
        let whole_dash = raw.ends_with(',') && chars.get(i) == Some(&'-');
        let raw = raw.trim_end_matches(['.', ',']);
        let euro = chars[..start]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| *c == '€');
        let (number, has_decimals) = if let Some((int, dec)) = raw.rsplit_once(',') {
            (format!("{}.{dec}", int.replace('.', "")), true)
        } else if let Some((int, dec)) = raw.rsplit_once('.')
            && dec.len() == 2
            && !int.contains('.')
        {
            (format!("{int}.{dec}"), true)
        } else {
            (raw.replace('.', ""), false)
        };
        if (has_decimals || euro || whole_dash)
            && let Ok(d) = number.parse::<Decimal>()
        {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::amounts;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn amounts_reads_dutch_and_plain_notation() {
        assert_eq!(amounts("tarief A1 € 138,00)"), vec![d("138.00")]);
        assert_eq!(
            amounts("€ 1.234,56 en 142.50"),
            vec![d("1234.56"), d("142.50")]
        );
        assert_eq!(amounts("€ 836.000,- per jaar"), vec![d("836000")]);
        assert_eq!(amounts("€ 138"), vec![d("138")]);
        // Counts and section numbers are not amounts.
        assert!(amounts("5 A4 voor G2.2 in paragraaf 3.2.2.1, 10 werkdagen").is_empty());
    }
}
