//! The rules of lots across the data files: each lot's price lines, points and requirements
//! exist in award.yaml and requirements.yaml; each bid names existing lots, no more than the
//! tender allows (art. 1.5 lid 2 Aw 2012), with the rates and scores of each, and a preference
//! order where the award limit is decided by it. tender.yaml's own lots rules are
//! `model::tender::lots`.

use std::collections::BTreeSet;
use std::path::Path;

use crate::error::Diagnostic;
use crate::model::Project;
use crate::model::award::{AwardRules, BasisKind, LinearZero, PriceMethod};
use crate::model::bids::{Bid, Status, validate_assessments};
use crate::model::tender::{AwardOrder, Lot, Lots};

use super::lot_award;

/// Every lots rule that spans data files.
pub(crate) fn validate(project: &Project, out: &mut Vec<Diagnostic>) {
    super::decision::validate(
        project,
        project.tender.lots.as_ref().filter(|l| l.divided),
        out,
    );
    match project.tender.lots.as_ref().filter(|l| l.divided) {
        None => {
            for bid in &project.bids {
                undivided_bid(bid, out);
            }
        }
        Some(lots) => {
            let tender = project.dir.join("tender.yaml");
            zero_at_price(project, out);
            for (i, lot) in lots.items.iter().enumerate() {
                lot_rules(project, &tender, i, lot, out);
            }
            for bid in &project.bids {
                divided_bid(project, lots, bid, out);
            }
            if let Some(d) = &project.decision
                && let Some(w) = &d.winner
            {
                out.push(Diagnostic::new(
                    &d.file,
                    "winner",
                    format!("a tender divided into lots has a winner per lot, not one: remove `winner: {w}`"),
                ));
            }
        }
    }
}

/// The linear method's zero-points price in euros is one amount, but each lot's prices are
/// compared on their own and the lots' values differ: a ceiling that fits one lot gives
/// nearly every bid on a small lot full points. A percentage above the lowest price fits
/// every lot.
fn zero_at_price(project: &Project, out: &mut Vec<Diagnostic>) {
    if let PriceMethod::Linear(LinearZero::ZeroAtPrice(p)) = project.award.price.method {
        out.push(Diagnostic::new(
            project.dir.join("award.yaml"),
            "price.method.linear",
            format!(
                "the tender is divided into lots, each lot's prices are compared on their own: one zero-points price \
                 ({}) cannot fit lots of different values; use `zero_at_percent`",
                crate::format::money(p)
            ),
        ));
    }
}

/// A tender without lots keeps the bids' format: no `lots:` or `preference:` in a bid.
fn undivided_bid(bid: &Bid, out: &mut Vec<Diagnostic>) {
    if !bid.lots.is_empty() {
        out.push(Diagnostic::new(
            &bid.file,
            "lots",
            "this tender is not divided into lots (tender.yaml `lots.divided: false`): give `rates` and `quality` at the top of the bid",
        ));
    }
    if !bid.preference.is_empty() {
        out.push(Diagnostic::new(
            &bid.file,
            "preference",
            "this tender is not divided into lots: a bid has no order of preference",
        ));
    }
}

/// One lot's selections exist: price lines in award.yaml (at least one in the total price),
/// points of criteria that carry points, competences and the programme's annex in
/// requirements.yaml.
fn lot_rules(project: &Project, file: &Path, i: usize, lot: &Lot, out: &mut Vec<Diagnostic>) {
    let f = format!("lots.items.{i}");
    let award = &project.award;
    if let Some(ids) = &lot.price_lines {
        let known: Vec<&str> = award.price.lines.iter().map(|l| l.id.as_str()).collect();
        for (j, id) in ids.iter().enumerate() {
            if award.line(id).is_none() {
                out.push(Diagnostic::new(
                    file,
                    format!("{f}.price_lines.{j}"),
                    format!(
                        "no price line `{id}` in award.yaml (lines: {})",
                        known.join(", ")
                    ),
                ));
            }
        }
        let lot_award = lot_award(award, lot);
        if !ids.is_empty()
            && !lot_award
                .price
                .lines
                .iter()
                .any(|l| lot_award.line_in_total(l))
        {
            out.push(Diagnostic::new(
                file,
                format!("{f}.price_lines"),
                "none of these lines counts in the total price: the lot's price cannot be compared",
            ));
        }
    }
    for id in lot.points.keys() {
        let price = award
            .criteria
            .iter()
            .any(|c| &c.id == id && c.points.is_some());
        if !price && award.quality_criterion(id).is_none() {
            let known: Vec<&str> = award
                .criteria
                .iter()
                .filter(|c| c.points.is_some())
                .map(|c| c.id.as_str())
                .chain(award.quality_criteria().map(|s| s.id.as_str()))
                .collect();
            out.push(Diagnostic::new(
                file,
                format!("{f}.points.{id}"),
                format!(
                    "no criterion `{id}` with points of its own in award.yaml (criteria: {})",
                    known.join(", ")
                ),
            ));
        }
    }
    lot_criteria(project, file, i, lot, out);
    let req = &project.requirements;
    if let Some(competences) = &lot.requirements.competences {
        let known = req.suitability.references.competences.len();
        if competences.is_empty() {
            out.push(Diagnostic::new(
                file,
                format!("{f}.requirements.competences"),
                "name at least one competence, or leave the key out for all",
            ));
        }
        for (j, n) in competences.iter().enumerate() {
            if *n == 0 || *n as usize > known {
                out.push(Diagnostic::new(
                    file,
                    format!("{f}.requirements.competences.{j}"),
                    format!(
                        "no competence {n}: requirements.yaml `suitability.references.competences` has {known}, numbered from 1"
                    ),
                ));
            } else if competences[..j].contains(n) {
                out.push(Diagnostic::new(
                    file,
                    format!("{f}.requirements.competences.{j}"),
                    format!("competence {n} is listed twice"),
                ));
            }
        }
    }
    if let Some(key) = &lot.requirements.programme_annex
        && req.annex(key).is_none()
    {
        out.push(Diagnostic::new(
            file,
            format!("{f}.requirements.programme_annex"),
            format!("no annex `{key}` in requirements.yaml"),
        ));
    }
}

/// The lot's selection of quality criteria exists, and award.yaml's rules hold for the award
/// rules as they apply to the lot (`lot_award`): what award.yaml's validation says of the
/// projection and not of award.yaml itself is the lot's doing, reported at the lot's field.
fn lot_criteria(project: &Project, file: &Path, i: usize, lot: &Lot, out: &mut Vec<Diagnostic>) {
    let f = format!("lots.items.{i}");
    let award = &project.award;
    if let Some(ids) = &lot.criteria {
        if award.basis.kind == BasisKind::LowestPrice {
            out.push(Diagnostic::new(
                file,
                format!("{f}.criteria"),
                "an award on the lowest price has no quality criteria to select: remove `criteria`",
            ));
            return;
        }
        if ids.is_empty() {
            // Price alone is an award on the lowest price, under points as under gunnen op
            // waarde (the fictitious price is then the price): art. 2.114 lid 2 Aw 2012 asks
            // that choice to be reasoned in the documents, for the whole tender.
            out.push(Diagnostic::new(
                file,
                format!("{f}.criteria"),
                format!(
                    "a lot without quality criteria is awarded on price alone, which is an award on the lowest price,                      not on the basis of award.yaml ({}); that needs its own reason (art. 2.114 lid 2 Aw 2012):                      name at least one quality criterion, or leave the key out for all",
                    award.basis.name
                ),
            ));
        }
        let known: Vec<&str> = award
            .quality_groups()
            .flat_map(|c| {
                std::iter::once(c.id.as_str()).chain(
                    c.sub_criteria
                        .iter()
                        .filter(|_| !c.direct)
                        .map(|s| s.id.as_str()),
                )
            })
            .collect();
        for (j, id) in ids.iter().enumerate() {
            if award.price_criterion().is_some_and(|c| &c.id == id) {
                out.push(Diagnostic::new(
                    file,
                    format!("{f}.criteria.{j}"),
                    format!("`{id}` is the price criterion, which applies to every lot: list quality criteria only"),
                ));
            } else if !known.contains(&id.as_str()) {
                out.push(Diagnostic::new(
                    file,
                    format!("{f}.criteria.{j}"),
                    format!(
                        "no quality criterion `{id}` in award.yaml (quality criteria: {})",
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    // Points of 0 or less are reported at the points (tender.yaml's own rules) and would be
    // again in the projection.
    let bad_points = lot
        .points
        .values()
        .any(|p| *p <= rust_decimal::Decimal::ZERO);
    if lot.criteria.is_none() && lot.points.is_empty() || bad_points {
        return;
    }
    let projected = lot_award(award, lot);
    let at = |d: &Diagnostic| {
        if d.field.ends_with("points") && !lot.points.is_empty() || lot.criteria.is_none() {
            format!("{f}.points")
        } else {
            format!("{f}.criteria")
        }
    };
    // Award.yaml's own problems are reported at award.yaml, once.
    let mut own = Vec::new();
    award.validate(&project.dir.join("award.yaml"), &mut own);
    let mut theirs = Vec::new();
    projected.validate(&project.dir.join("award.yaml"), &mut theirs);
    for d in theirs {
        if own
            .iter()
            .any(|o| o.field == d.field && o.message == d.message)
        {
            continue;
        }
        let message = match d.field.strip_prefix("tie_break.criteria.") {
            Some(_) => format!(
                "award.yaml's tie-break (`tie_break.criteria`) compares a criterion this lot drops ({}): keep it for the lot",
                d.message
            ),
            None => format!(
                "award.yaml's rules do not hold for this lot: `{}`: {}",
                d.field, d.message
            ),
        };
        out.push(Diagnostic::new(file, at(&d), message));
    }
    // Points: the lot's maximum is award.yaml's, so that a dropped criterion's points are
    // spread deliberately rather than silently raising the weight of the rest.
    if award.basis.kind == BasisKind::Points && !own.iter().any(|d| d.field.contains("points")) {
        let (want, got) = (award.total_max_points(), projected.total_max_points());
        if want != got {
            let field = if lot.criteria.is_some() && lot.points.is_empty() {
                format!("{f}.criteria")
            } else {
                format!("{f}.points")
            };
            out.push(Diagnostic::new(
                file,
                field,
                format!(
                    "the lot's maximum points add up to {} (price {}, quality {}), not {} as award.yaml's: \
                     give the points of the criteria the lot drops to others in `points`",
                    crate::format::number(got),
                    crate::format::number(projected.price_max_points()),
                    crate::format::number(projected.quality_max_points()),
                    crate::format::number(want)
                ),
            ));
        }
    }
}

/// A bid in a tender with lots: its lots exist, no more than `bid_limit`, each with the rates
/// of the lot's price lines and reasoned scores; rates and scores only per lot; a preference
/// order exactly when the award limit is decided by it.
fn divided_bid(project: &Project, lots: &Lots, bid: &Bid, out: &mut Vec<Diagnostic>) {
    let file = &bid.file;
    let numbers = lots.numbers();
    let list = numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if !bid.rates.is_empty() || !bid.quality.is_empty() {
        let field = if bid.rates.is_empty() {
            "quality"
        } else {
            "rates"
        };
        out.push(Diagnostic::new(
            file,
            field,
            "this tender is divided into lots: give the rates and scores per lot, under `lots: { <number>: { rates: …, quality: … } }`",
        ));
    }
    if bid.lots.is_empty() {
        // A missing key has no line: point at `status`, after which it goes.
        let mut d = Diagnostic::new(
            file,
            "lots",
            format!(
                "missing: name the lots the bid is for, each with its rates and scores, also when the bid is excluded \
                 (its letter is per lot; lots: {list})"
            ),
        );
        let at = std::fs::read_to_string(file)
            .ok()
            .and_then(|text| crate::model::locate::locate(&text, "status"));
        if let Some((line, column)) = at {
            (d.line, d.column) = (Some(line), Some(column));
        }
        out.push(d);
    }
    if let Some(limit) = lots.bid_limit
        && bid.lots.len() > limit as usize
    {
        out.push(Diagnostic::new(
            file,
            "lots",
            format!(
                "the bid is for {} lots, but a bid may be for at most {limit} (tender.yaml `lots.bid_limit`, art. 1.5 lid 2 Aw 2012)",
                bid.lots.len()
            ),
        ));
    }
    for (number, part) in &bid.lots {
        let f = format!("lots.{number}");
        let Some(lot) = lots.lot(*number) else {
            out.push(Diagnostic::new(
                file,
                &f,
                format!("there is no lot {number} (lots: {list})"),
            ));
            continue;
        };
        let award = lot_award(&project.award, lot);
        if bid.status == Status::Excluded && part.status.is_some() {
            out.push(Diagnostic::new(
                file,
                format!("{f}.status"),
                "the whole bid is excluded (`status: excluded` at the top): a lot has no status of its own",
            ));
        }
        match (part.status, &part.exclusion) {
            (Some(Status::Excluded), None) => out.push(Diagnostic::new(
                file,
                format!("{f}.status"),
                "a lot excluded on its own needs `exclusion: {stage, reason, basis, established, record}`",
            )),
            (Some(Status::Valid) | None, Some(_)) => out.push(Diagnostic::new(
                file,
                format!("{f}.exclusion"),
                "only a lot with `status: excluded` has an exclusion",
            )),
            _ => {}
        }
        let valid = bid.status == Status::Valid && part.status != Some(Status::Excluded);
        for id in part.quality.keys() {
            if award.quality_criterion(id).is_none()
                && project.award.quality_criterion(id).is_some()
            {
                out.push(Diagnostic::new(
                    file,
                    format!("{f}.quality.{id}"),
                    format!(
                        "`{id}` does not apply to lot {number} (not among its `criteria` in tender.yaml): remove its score"
                    ),
                ));
            }
        }
        if valid {
            lot_rates(file, &f, &award, part, out);
            validate_assessments(file, &format!("{f}.quality"), &part.quality, &award, out);
        }
    }
    preference(lots, bid, out);
}

/// The rates of a valid lot: one for each of the lot's price lines, none for another line.
fn lot_rates(
    file: &Path,
    f: &str,
    award: &AwardRules,
    part: &super::BidLot,
    out: &mut Vec<Diagnostic>,
) {
    let missing: Vec<&str> = award
        .price
        .lines
        .iter()
        .filter(|l| !part.rates.contains_key(&l.id))
        .map(|l| l.id.as_str())
        .collect();
    if !missing.is_empty() {
        out.push(Diagnostic::new(
            file,
            format!("{f}.rates"),
            format!("no rate for the lot's price lines {}", missing.join(", ")),
        ));
    }
    for id in part.rates.keys() {
        if award.line(id).is_none() {
            out.push(Diagnostic::new(
                file,
                format!("{f}.rates.{id}"),
                format!("`{id}` is not a price line of this lot"),
            ));
        }
    }
    let missing: Vec<&str> = award
        .quality_criteria()
        .filter(|c| !part.quality.contains_key(&c.id))
        .map(|c| c.id.as_str())
        .collect();
    if !missing.is_empty() {
        out.push(Diagnostic::new(
            file,
            format!("{f}.quality"),
            format!("no score for {}", missing.join(", ")),
        ));
    }
}

/// `preference:` lists exactly the bid's lots, once each, when the award limit is decided by
/// the bidders' preferences; otherwise it is not given.
fn preference(lots: &Lots, bid: &Bid, out: &mut Vec<Diagnostic>) {
    let file = &bid.file;
    let by_preference = lots
        .award_limit
        .as_ref()
        .is_some_and(|a| a.order == AwardOrder::Preference);
    if !by_preference {
        if !bid.preference.is_empty() {
            out.push(Diagnostic::new(
                file,
                "preference",
                "the award limit of this tender is not decided by the bidders' preferences: leave `preference` out",
            ));
        }
        return;
    }
    let own: BTreeSet<u32> = bid.lots.keys().copied().collect();
    let mut seen = BTreeSet::new();
    for (i, n) in bid.preference.iter().enumerate() {
        if !seen.insert(*n) {
            out.push(Diagnostic::new(
                file,
                format!("preference.{i}"),
                format!("lot {n} is listed twice"),
            ));
        } else if !own.contains(n) {
            out.push(Diagnostic::new(
                file,
                format!("preference.{i}"),
                format!("the bid is not for lot {n}"),
            ));
        }
    }
    let unlisted: Vec<String> = own.difference(&seen).map(u32::to_string).collect();
    if own.len() > 1 && !unlisted.is_empty() {
        out.push(Diagnostic::new(
            file,
            "preference",
            format!(
                "the award limit follows each bidder's order of preference: list every lot of the bid, most wanted first (missing: {})",
                unlisted.join(", ")
            ),
        ));
    }
}
