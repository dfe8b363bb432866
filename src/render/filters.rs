//! Tera filters for Dutch formatting and for Typst code positions.
//!
//! Formatting filters return ordinary strings, which autoescape then turns into Typst string
//! literals; only `lit` and `paragraphs` return finished (safe) Typst.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use tera::{Kwargs, State, Tera, TeraResult, Value};

use super::escape;
use crate::format;

pub(crate) fn register(tera: &mut Tera) {
    tera.register_filter("lit", |v: Value, _: Kwargs, _: &State| {
        Value::safe_string(&escape::string_literal(&text(&v)))
    });
    tera.register_filter("paragraphs", |v: Value, _: Kwargs, _: &State| {
        Value::safe_string(&escape::paragraphs(&text(&v)))
    });
    // Money in a document: `€` and the amount never part at a line end.
    tera.register_filter("money", |v: Value, _: Kwargs, _: &State| {
        decimal(&v).map(format::money)
    });
    tera.register_filter("points", |v: Value, _: Kwargs, _: &State| {
        decimal(&v).map(format::points)
    });
    tera.register_filter("number", |v: Value, _: Kwargs, _: &State| {
        decimal(&v).map(format::number)
    });
    tera.register_filter("date", |v: Value, _: Kwargs, _: &State| {
        date(&v).map(format::date)
    });
    tera.register_filter("weekday_date", |v: Value, _: Kwargs, _: &State| {
        date(&v).map(format::weekday_date)
    });
    tera.register_filter("time", |v: Value, _: Kwargs, _: &State| {
        time(&v).map(format::time)
    });
}

/// A value as text: strings as they are, anything else (numbers, bools) as Tera prints it.
fn text(v: &Value) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None => v.to_string(),
    }
}

fn decimal(v: &Value) -> TeraResult<Decimal> {
    let s = text(v);
    Decimal::from_str(s.trim())
        .or_else(|_| Decimal::from_scientific(s.trim()))
        .map_err(|_| tera::Error::message(format!("`{s}` is not a number")))
}

/// Accepts `YYYY-MM-DD` or a date-time `YYYY-MM-DDTHH:MM[:SS]` (its date).
fn date(v: &Value) -> TeraResult<NaiveDate> {
    let s = text(v);
    NaiveDate::from_str(&s)
        .or_else(|_| datetime(&s).map(|dt| dt.date()))
        .map_err(|_| tera::Error::message(format!("`{s}` is not a date (YYYY-MM-DD)")))
}

/// Accepts `HH:MM`, `HH:MM:SS` or a date-time (its time).
fn time(v: &Value) -> TeraResult<NaiveTime> {
    let s = text(v);
    NaiveTime::parse_from_str(&s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(&s, "%H:%M:%S"))
        .or_else(|_| datetime(&s).map(|dt| dt.time()))
        .map_err(|_| tera::Error::message(format!("`{s}` is not a time (HH:MM)")))
}

fn datetime(s: &str) -> Result<NaiveDateTime, chrono::ParseError> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Money in a document keeps `€` and the amount together: a no-break space (made by the
    /// Typst-literal escape), the amount otherwise as `format::money` writes it.
    #[test]
    fn money_never_breaks_after_the_euro_sign() {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.autoescape_on(vec![crate::render::SUFFIX]);
        tera.set_escape_fn(crate::render::escape::tera_escape);
        tera.add_raw_template("t.typ.tera", "{{ a | money }} − {{ b | money }}")
            .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("a", "74600");
        ctx.insert("b", "15500.5");
        let out = tera.render("t.typ.tera", &ctx).unwrap();
        assert_eq!(out, "#\"€\u{a0}74.600,-\"; − #\"€\u{a0}15.500,50\";");
    }
}
