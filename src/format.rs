//! Dutch formatting of money, dates, times and points: `€ 836.000,-`, `€ 1.234,56`,
//! `3 augustus 2026`, `maandag 24 augustus 2026`, `10:00 uur`, `18,75`; counts in words
//! (`tien`) and lists (`A, B en C`).

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use rust_decimal::{Decimal, RoundingStrategy};

pub(crate) const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// Groups the digits of a non-negative integer string with `.` per thousand.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `€ 836.000,-` for whole euros, `€ 1.234,56` otherwise (rounded to cents, half away from zero).
pub fn money(amount: Decimal) -> String {
    let cents = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let sign = if cents.is_sign_negative() && !cents.is_zero() {
        "-"
    } else {
        ""
    };
    let abs = cents.abs();
    let whole = abs.trunc();
    let frac = ((abs - whole) * Decimal::from(100)).trunc();
    let whole = group_thousands(&whole.to_string());
    if frac.is_zero() {
        format!("€ {sign}{whole},-")
    } else {
        format!(
            "€ {sign}{whole},{:02}",
            frac.to_string().parse::<u32>().unwrap_or(0)
        )
    }
}

/// A number with a Dutch decimal comma and exactly `dp` decimals: `18,75`, `100,00`.
pub fn decimal(value: Decimal, dp: u32) -> String {
    let v = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{:.*}", dp as usize, v);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d.to_string()),
        None => ("", int),
    };
    let grouped = group_thousands(&digits);
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Points are printed with two decimals: `18,75`.
pub fn points(value: Decimal) -> String {
    decimal(value, 2)
}

/// A count or whole quantity with thousands separators: `1.234`; fractional values keep
/// their decimals (`2,5`).
pub fn number(value: Decimal) -> String {
    let v = value.normalize();
    decimal(v, v.scale())
}

/// `3 augustus 2026`.
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

pub(crate) fn weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "maandag",
        Weekday::Tue => "dinsdag",
        Weekday::Wed => "woensdag",
        Weekday::Thu => "donderdag",
        Weekday::Fri => "vrijdag",
        Weekday::Sat => "zaterdag",
        Weekday::Sun => "zondag",
    }
}

/// `maandag 24 augustus 2026`.
pub(crate) fn weekday_date(d: NaiveDate) -> String {
    format!("{} {}", weekday(d), date(d))
}

/// `10:00 uur`.
pub fn time(t: NaiveTime) -> String {
    format!("{} uur", t.format("%H:%M"))
}

/// A number in Dutch words as tender documents write counts: `één`, `twee`, `tien`,
/// `vierentwintig`, `tweeëntwintig`. Numbers above 99 are returned in digits.
pub(crate) fn number_words(n: u32) -> String {
    const UNITS: [&str; 20] = [
        "nul",
        "één",
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "elf",
        "twaalf",
        "dertien",
        "veertien",
        "vijftien",
        "zestien",
        "zeventien",
        "achttien",
        "negentien",
    ];
    const TENS: [&str; 10] = [
        "", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig",
        "negentig",
    ];
    match n {
        0..=19 => UNITS[n as usize].to_string(),
        20..=99 => {
            let (t, u) = ((n / 10) as usize, (n % 10) as usize);
            if u == 0 {
                return TENS[t].to_string();
            }
            let unit = if u == 1 { "een" } else { UNITS[u] };
            // "twee" + "en" → "tweeën", "drie" → "drieën": a diaeresis after a final e.
            let joiner = if unit.ends_with('e') { "ën" } else { "en" };
            format!("{unit}{joiner}{}", TENS[t])
        }
        _ => n.to_string(),
    }
}

/// `A`, `A en B`, `A, B en C` (with `last` = `en` or `of`).
pub(crate) fn list(items: &[&str], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

/// The text with its first letter upper-case ("nationale …" → "Nationale …").
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_whole_and_cents() {
        assert_eq!(money(d("836000")), "€ 836.000,-");
        assert_eq!(money(d("936000.00")), "€ 936.000,-");
        assert_eq!(money(d("1234.56")), "€ 1.234,56");
        assert_eq!(money(d("0.5")), "€ 0,50");
        assert_eq!(money(d("999")), "€ 999,-");
        assert_eq!(money(d("1000000")), "€ 1.000.000,-");
        assert_eq!(money(d("0.005")), "€ 0,01");
        assert_eq!(money(d("-12.3")), "€ -12,30");
    }

    #[test]
    fn points_and_numbers() {
        assert_eq!(points(d("18.75")), "18,75");
        assert_eq!(points(d("25")), "25,00");
        assert_eq!(points(d("16.665")), "16,67");
        assert_eq!(number(d("312")), "312");
        assert_eq!(number(d("1234")), "1.234");
        assert_eq!(number(d("2.50")), "2,5");
    }

    #[test]
    fn dates_and_times() {
        let day = NaiveDate::from_ymd_opt(2026, 8, 3).unwrap();
        assert_eq!(date(day), "3 augustus 2026");
        assert_eq!(
            weekday_date(NaiveDate::from_ymd_opt(2026, 8, 24).unwrap()),
            "maandag 24 augustus 2026"
        );
        assert_eq!(
            time(NaiveTime::from_hms_opt(10, 0, 0).unwrap()),
            "10:00 uur"
        );
    }

    #[test]
    fn number_words_and_lists() {
        assert_eq!(number_words(1), "één");
        assert_eq!(number_words(10), "tien");
        assert_eq!(number_words(21), "eenentwintig");
        assert_eq!(number_words(22), "tweeëntwintig");
        assert_eq!(number_words(24), "vierentwintig");
        assert_eq!(number_words(90), "negentig");
        assert_eq!(number_words(450), "450");
        assert_eq!(list(&[], "en"), "");
        assert_eq!(list(&["A"], "en"), "A");
        assert_eq!(list(&["A", "B", "C"], "of"), "A, B of C");
    }
}
