//! The beoordelingsmatrix (`intern/beoordelingsmatrix.xlsx`): written by `gen award-letters`,
//! read back with calamine, every value per bidder equal to the evaluation's; under gunnen op
//! waarde the fictitious price instead of price points; `gen status` knows it.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::prelude::ToPrimitive;
use tendergen::build::Build;
use tendergen::docs::award::matrix::{HEADER_ROW, REASONS_SHEET, SHEET};

use crate::common::*;

/// The first sheet: the column headings and the rows below them.
fn sheet(path: &Path) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range(SHEET).unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    let header = rows[HEADER_ROW as usize]
        .iter()
        .map(|c| c.to_string())
        .collect();
    (header, rows[HEADER_ROW as usize + 1..].to_vec())
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

fn col(header: &[String], heading: &str) -> usize {
    header
        .iter()
        .position(|h| h.starts_with(heading))
        .unwrap_or_else(|| panic!("no column {heading}: {header:?}"))
}

fn close(a: f64, b: rust_decimal::Decimal) -> bool {
    (a - b.to_f64().unwrap()).abs() < 1e-9
}

/// Every row of a valid bid holds the evaluation's values, in rank order; excluded bids
/// follow with their reason.
fn assert_matches_evaluation(path: &Path, build: &Build, value_basis: bool) {
    let (header, rows) = sheet(path);
    let evaluation = &build.outcome.as_ref().unwrap().evaluation;
    let name = |id: &str| {
        build
            .project
            .bids
            .iter()
            .find(|b| b.id == id)
            .unwrap()
            .name
            .clone()
    };
    assert_eq!(
        rows.len(),
        evaluation.ranking.len() + evaluation.excluded.len()
    );
    for (row, r) in rows.iter().zip(&evaluation.ranking) {
        assert_eq!(row[col(&header, "Inschrijver")].to_string(), name(&r.id));
        assert_eq!(number(&row[col(&header, "Rang")]), f64::from(r.rank));
        let status = row[col(&header, "Status")].to_string();
        let winner = evaluation.winner.as_deref() == Some(r.id.as_str());
        assert_eq!(
            status,
            if winner {
                "Geldig – winnaar"
            } else {
                "Geldig"
            }
        );
        assert!(close(
            number(&row[col(&header, "Totale inschrijfprijs")]),
            r.total_price
        ));
        assert!(close(
            number(&row[col(&header, "Kwaliteitspunten")]),
            r.quality_points
        ));
        for c in &r.criteria {
            let score = number(&row[col(&header, &format!("{} score", c.id))]);
            assert_eq!(score, f64::from(c.score), "{} {}", r.id, c.id);
            let points = number(&row[col(&header, &format!("{} punten", c.id))]);
            assert!(close(points, c.points), "{} {}", r.id, c.id);
        }
        if value_basis {
            let fictitious = number(&row[col(&header, "Fictieve prijs")]);
            assert!(close(fictitious, r.fictitious_price.unwrap()), "{}", r.id);
            let value = number(&row[col(&header, "Waarde kwaliteit")]);
            assert!(close(value, r.quality_value.unwrap()), "{}", r.id);
            assert!(!header.iter().any(|h| h.starts_with("Prijspunten")));
        } else {
            assert!(close(
                number(&row[col(&header, "Prijspunten")]),
                r.price_points
            ));
            assert!(close(
                number(&row[col(&header, "Totaal punten")]),
                r.total_points
            ));
            assert!(!header.iter().any(|h| h.starts_with("Fictieve")));
        }
    }
    for (row, e) in rows[evaluation.ranking.len()..]
        .iter()
        .zip(&evaluation.excluded)
    {
        assert_eq!(row[col(&header, "Inschrijver")].to_string(), name(&e.id));
        assert_eq!(row[col(&header, "Status")].to_string(), "Uitgesloten");
        assert!(row[col(&header, "Toelichting")].to_string().len() > 20);
        assert_eq!(row[col(&header, "Totale inschrijfprijs")], Data::Empty);
    }
}

#[test]
fn the_matrix_holds_the_evaluation_of_every_bid() {
    let out = tempfile::tempdir().unwrap();
    let o = gen_bundled(out.path(), &["award-letters"]);
    assert_success(&o);
    let path = out
        .path()
        .join("WIJ-2026-001/intern/beoordelingsmatrix.xlsx");
    let build = build();
    assert_matches_evaluation(&path, &build, false);

    // The reasons: a row per valid bid and criterion, the committee's own words.
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let reasons = book.worksheet_range(REASONS_SHEET).unwrap();
    let evaluation = &build.outcome.as_ref().unwrap().evaluation;
    let criteria = evaluation.ranking[0].criteria.len();
    assert_eq!(reasons.height(), 1 + evaluation.ranking.len() * criteria);
    let first = &build
        .project
        .bids
        .iter()
        .find(|b| b.id == evaluation.ranking[0].id)
        .unwrap();
    let strengths = reasons.get((1, 4)).unwrap().to_string();
    let (id, assessment) = first.quality.iter().next().unwrap();
    assert!(
        strengths.contains(assessment.strengths[0].trim()),
        "{id}: {strengths}"
    );

    // The manifest lists it, and gen status finds it up to date.
    let manifest = std::fs::read_to_string(out.path().join("WIJ-2026-001/manifest.json")).unwrap();
    assert!(
        manifest.contains("intern/beoordelingsmatrix.xlsx"),
        "{manifest}"
    );
    let o = gen_bundled(out.path(), &["status"]);
    assert_success(&o);
    let status = String::from_utf8_lossy(&o.stdout);
    let line = status
        .lines()
        .find(|l| l.contains("beoordelingsmatrix.xlsx"))
        .unwrap_or_else(|| panic!("{status}"));
    assert!(line.contains("up to date"), "{line}");
    std::fs::remove_file(&path).unwrap();
    let o = gen_bundled(out.path(), &["status"]);
    let status = String::from_utf8_lossy(&o.stdout);
    assert!(
        status
            .lines()
            .any(|l| l.contains("missing") && l.contains("beoordelingsmatrix.xlsx")),
        "{status}"
    );
}

#[test]
fn under_gunnen_op_waarde_the_matrix_shows_the_fictitious_price() {
    let copy = TenderCopy::new();
    copy.edit(
        "award.yaml",
        "  kind: points\n",
        "  kind: { value: { euros_per_point: \"1000\" } }\n",
    );
    copy.edit(
        "award.yaml",
        "    kind: price\n    points: \"25\"\n",
        "    kind: price\n",
    );
    // At € 1.000 a quality point, Arbo Noord's fictitious price is the lowest.
    copy.edit(
        "decision.yaml",
        "winner: vitaal-en-werk",
        "winner: arbo-noord",
    );
    let build = build_of(&copy.data(), &copy.templates());
    let o = gen_in(copy.root())
        .args(["--no-stamp", "-q", "award-letters"])
        .output()
        .unwrap();
    assert_success(&o);
    let path = copy
        .out()
        .join("WIJ-2026-001/intern/beoordelingsmatrix.xlsx");
    assert_matches_evaluation(&path, &build, true);
}
