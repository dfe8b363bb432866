//! Dutch statutory deadlines: the Algemene termijnenwet (Atw) and the standstill period.
//!
//! Why this module exists: the award letters must give "a precise description of the standstill
//! period" (art. 2.130 Aw 2012), and the standstill is a statutory period (art. 2.127 Aw 2012: at
//! least 20 calendar days, starting the day after the decision is sent). A statutory period that
//! ends on a Saturday, Sunday or recognised holiday is extended by the Atw, so the date printed in
//! the letter must be computed, never typed in by hand.
//!
//! What is implemented (the law as it stands since King's Day replaced Queen's Day in 2014; the
//! same rules are applied to every year, which is what future tender deadlines need):
//!
//! - Atw art. 1(1): a period ending on a Saturday, Sunday or recognised holiday is extended up to
//!   and including the next day that is none of those.
//! - Atw art. 2: a period of at least three days is, where needed, extended so that it contains at
//!   least two days that are not a Saturday, Sunday or recognised holiday. (For a 20-day standstill
//!   this never bites, but the function is general.)
//! - Atw art. 3(1): New Year's Day, Easter Monday, Ascension Day, Whit Monday, Christmas Day and
//!   Boxing Day, the day the King's birthday is celebrated (27 April; 26 April when the 27th is a
//!   Sunday, per the Koningsdag rules) and 5 May (every year, for this law).
//! - Atw art. 3(2): "Voor de toepassing van deze wet wordt de Goede Vrijdag met de in het vorige lid
//!   genoemde dagen gelijkgesteld." Good Friday is therefore equated by the law itself and is
//!   included here. (The project brief and `domain.md` said Good Friday is only equated by decree
//!   in some years; the statutory text quoted above says otherwise. Treating it as a holiday is also
//!   the safe side: a standstill that is computed too short exposes the award to annulment.)
//! - Atw art. 3(3): other days equated by royal decree (e.g. the Friday after Ascension Day) differ
//!   per year, so the caller passes them in as data ([`Holidays::new`]).
//!
//! Not implemented: art. 1(2) (periods counted backwards from an event are not extended) and art. 4
//! (exceptions, e.g. periods longer than three months); neither applies to the standstill.

use crate::format;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Dutch name used when a day is a holiday only because the caller equated it (Atw art. 3(3)).
pub(crate) const DECREE_DAY: &str = "bij besluit gelijkgestelde dag";

/// Easter Sunday of `year` in the Gregorian calendar (the "anonymous Gregorian algorithm" of
/// Meeus/Jones/Butcher). Easter Monday, Ascension Day and Whit Monday are derived from it.
///
/// # Panics
/// Only for years outside chrono's range (beyond ±262,000), which no tender reaches.
pub(crate) fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is always a valid date")
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("fixed holiday dates are valid")
}

fn plus_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .expect("date stays within chrono's range")
}

/// The day the King's birthday is celebrated: 27 April, or 26 April when the 27th is a Sunday.
pub(crate) fn kings_day(year: i32) -> NaiveDate {
    let day = ymd(year, 4, 27);
    if day.weekday() == Weekday::Sun {
        ymd(year, 4, 26)
    } else {
        day
    }
}

/// The statutory Atw holidays of `year` (art. 3(1) and 3(2)) with their Dutch names, in date
/// order. Days equated by decree are not included: they are data, see [`Holidays::new`].
pub(crate) fn atw_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let easter = easter_sunday(year);
    let good_friday = easter
        .checked_sub_days(Days::new(2))
        .expect("date stays within chrono's range");
    let mut days = vec![
        (ymd(year, 1, 1), "Nieuwjaarsdag"),
        (good_friday, "Goede Vrijdag"),
        (plus_days(easter, 1), "Tweede Paasdag"),
        (kings_day(year), "Koningsdag"),
        (ymd(year, 5, 5), "Bevrijdingsdag"),
        (plus_days(easter, 39), "Hemelvaartsdag"),
        (plus_days(easter, 50), "Tweede Pinksterdag"),
        (ymd(year, 12, 25), "Eerste Kerstdag"),
        (ymd(year, 12, 26), "Tweede Kerstdag"),
    ];
    // Sorting matters only in years where a movable feast lands before 26/27 April or 5 May.
    days.sort_by_key(|(date, _)| *date);
    days
}

/// The recognised holidays for deadline computation: the statutory Atw days plus the days the
/// caller says were equated by decree for the years concerned (Atw art. 3(3)).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    extra: Vec<NaiveDate>,
}

impl Holidays {
    /// Only the statutory Atw holidays.
    #[cfg(test)]
    pub(crate) fn atw() -> Self {
        Self::default()
    }

    /// The statutory Atw holidays plus `extra` days equated by decree (taken from the data,
    /// because the decree differs per period of years).
    pub fn new(extra: &[NaiveDate]) -> Self {
        let mut extra = extra.to_vec();
        extra.sort();
        extra.dedup();
        Self { extra }
    }

    /// The extra (decree) days, sorted.
    pub fn extra(&self) -> &[NaiveDate] {
        &self.extra
    }

    /// The Dutch name of the holiday on `date`, if it is one. A statutory name wins over
    /// [`DECREE_DAY`] when the caller also listed a statutory day as extra.
    pub(crate) fn is_holiday(&self, date: NaiveDate) -> Option<&'static str> {
        atw_holidays(date.year())
            .into_iter()
            .find(|(day, _)| *day == date)
            .map(|(_, name)| name)
            .or_else(|| self.extra.binary_search(&date).ok().map(|_| DECREE_DAY))
    }

    /// Why `date` is not a working day, in Dutch: the holiday name, or "zaterdag"/"zondag".
    /// `None` for a working day. A holiday name wins over the weekday because it is the more
    /// informative reason ("Eerste Kerstdag" rather than "zaterdag").
    pub(crate) fn non_working_reason(&self, date: NaiveDate) -> Option<&'static str> {
        self.is_holiday(date).or(match date.weekday() {
            Weekday::Sat | Weekday::Sun => Some(format::weekday(date)),
            _ => None,
        })
    }

    /// A day that is not a Saturday, Sunday or recognised holiday (the Atw's test).
    pub(crate) fn is_working_day(&self, date: NaiveDate) -> bool {
        self.non_working_reason(date).is_none()
    }

    /// The `n`-th working day after `start` (the start day itself not counted): a period set
    /// in working days, which exclude Saturdays, Sundays and Atw holidays (seed definitions,
    /// §2.9 "binnen tien (10) werkdagen"). Ten working days after Wednesday 9 September 2026
    /// is Wednesday 23 September 2026.
    pub(crate) fn working_days_after(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut counted = 0;
        while counted < n {
            day = plus_days(day, 1);
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        day
    }

    /// `date` itself when it is a working day, otherwise the first working day after it.
    pub(crate) fn next_working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            day = plus_days(day, 1);
        }
        day
    }
}

/// A statutory period counted in days from the day after sending, with the Atw applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standstill {
    /// The day the decision was sent (not the date printed on the letter).
    pub sent_on: NaiveDate,
    /// The length of the period in calendar days.
    pub days: u32,
    /// Day 1 of the period: the day after sending.
    pub first_day: NaiveDate,
    /// The last day without the Atw: `sent_on + days`.
    pub raw_end: NaiveDate,
    /// The last day of the period after the Atw extension (equal to `raw_end` when none applied).
    pub end: NaiveDate,
    /// Why `raw_end` is not a working day ("zondag", "Tweede Pinksterdag"); `None` when it is.
    pub reason: Option<&'static str>,
    /// Every non-working day passed over after `raw_end`, in order, with its Dutch reason,
    /// so a letter can explain a long extension (Christmas, Boxing Day, Sunday → Monday).
    pub skipped: Vec<(NaiveDate, &'static str)>,
    /// True when Atw art. 2 (at least two working days in a period of three days or more)
    /// moved the end further than art. 1 alone.
    pub minimum_working_days_applied: bool,
}

impl Standstill {
    /// True when the Atw moved the end date.
    pub(crate) fn is_extended(&self) -> bool {
        self.end != self.raw_end
    }
}

/// The standstill (or any statutory period counted in days from sending) ending date.
///
/// Day 1 is the day after `sent_on` (art. 2.127 Aw 2012 and seed §2.8: "Deze termijn start op de
/// kalenderdag na verzending"), so the raw end is `sent_on + days`: 20 days from Wednesday
/// 9 September 2026 end on Tuesday 29 September 2026. The end is then extended under Atw art. 1
/// and art. 2 (see the module comment).
///
/// # Panics
/// Only when the dates leave chrono's range (hundreds of thousands of years).
pub fn standstill(sent_on: NaiveDate, days: u32, holidays: &Holidays) -> Standstill {
    let first_day = plus_days(sent_on, 1);
    let raw_end = plus_days(sent_on, u64::from(days));
    let reason = holidays.non_working_reason(raw_end);

    let working_days_in = |end: NaiveDate| {
        first_day
            .iter_days()
            .take_while(|d| *d <= end)
            .filter(|d| holidays.is_working_day(*d))
            .count()
    };

    // Art. 1: move to the next working day.
    let art1_end = holidays.next_working_day_on_or_after(raw_end);
    // Art. 2: a period of 3+ days must contain at least two working days; each step of the
    // extension again lands on a working day, so art. 1 stays satisfied.
    let mut end = art1_end;
    if days >= 3 {
        while working_days_in(end) < 2 {
            end = holidays.next_working_day_on_or_after(plus_days(end, 1));
        }
    }

    let skipped = raw_end
        .iter_days()
        .take_while(|d| *d < end)
        .filter_map(|d| holidays.non_working_reason(d).map(|why| (d, why)))
        .collect();

    Standstill {
        sent_on,
        days,
        first_day,
        raw_end,
        end,
        reason,
        skipped,
        minimum_working_days_applied: end != art1_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Known Easter dates, including the earliest (22 March, 2285) and latest (25 April, 2038)
    /// possible dates, which exercise the algorithm's edge branches.
    #[test]
    fn easter_known_dates() {
        let known = [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            (2038, 4, 25),
            (2285, 3, 22),
            (2000, 4, 23),
            (1818, 3, 22),
            (1943, 4, 25),
        ];
        for (y, m, day) in known {
            assert_eq!(easter_sunday(y), d(y, m, day), "Easter {y}");
        }
    }

    /// Over the whole Gregorian range used in practice Easter is a Sunday between 22 March and
    /// 25 April: a cheap guard against a transcription error in the algorithm.
    #[test]
    fn easter_is_always_a_sunday_in_range() {
        for y in 1583..=4099 {
            let e = easter_sunday(y);
            assert_eq!(e.weekday(), Weekday::Sun, "{y}");
            assert!(e >= d(y, 3, 22) && e <= d(y, 4, 25), "{y}: {e}");
        }
    }

    /// 27 April 2025 is a Sunday, so King's Day moves to Saturday 26 April; in 2026 it stays on
    /// Monday 27 April.
    #[test]
    fn kings_day_moves_off_sunday() {
        assert_eq!(d(2025, 4, 27).weekday(), Weekday::Sun);
        assert_eq!(kings_day(2025), d(2025, 4, 26));
        let h = Holidays::atw();
        assert_eq!(h.is_holiday(d(2025, 4, 26)), Some("Koningsdag"));
        assert_eq!(h.is_holiday(d(2025, 4, 27)), None);
        assert_eq!(kings_day(2026), d(2026, 4, 27));
        assert_eq!(d(2026, 4, 27).weekday(), Weekday::Mon);
        assert_eq!(h.is_holiday(d(2026, 4, 27)), Some("Koningsdag"));
        assert!(!h.is_working_day(d(2026, 4, 27)));
    }

    /// The movable feasts of 2026 follow from Easter 5 April: Ascension + 39 = Thursday 14 May,
    /// Whit Monday + 50 = Monday 25 May; the full list is complete and in date order.
    #[test]
    fn holidays_2026() {
        let h = Holidays::atw();
        assert_eq!(h.is_holiday(d(2026, 5, 14)), Some("Hemelvaartsdag"));
        assert_eq!(d(2026, 5, 14).weekday(), Weekday::Thu);
        assert_eq!(h.is_holiday(d(2026, 5, 25)), Some("Tweede Pinksterdag"));
        assert_eq!(d(2026, 5, 25).weekday(), Weekday::Mon);
        assert_eq!(h.is_holiday(d(2026, 4, 6)), Some("Tweede Paasdag"));
        assert_eq!(h.is_holiday(d(2026, 4, 3)), Some("Goede Vrijdag"));
        // Easter Sunday and Whit Sunday are not listed (they are Sundays anyway).
        assert_eq!(h.is_holiday(d(2026, 4, 5)), None);
        assert_eq!(h.non_working_reason(d(2026, 4, 5)), Some("zondag"));
        // Friday after Ascension is a working day unless a decree says otherwise.
        assert!(h.is_working_day(d(2026, 5, 15)));
        assert_eq!(
            atw_holidays(2026),
            vec![
                (d(2026, 1, 1), "Nieuwjaarsdag"),
                (d(2026, 4, 3), "Goede Vrijdag"),
                (d(2026, 4, 6), "Tweede Paasdag"),
                (d(2026, 4, 27), "Koningsdag"),
                (d(2026, 5, 5), "Bevrijdingsdag"),
                (d(2026, 5, 14), "Hemelvaartsdag"),
                (d(2026, 5, 25), "Tweede Pinksterdag"),
                (d(2026, 12, 25), "Eerste Kerstdag"),
                (d(2026, 12, 26), "Tweede Kerstdag"),
            ]
        );
    }

    /// In 2038 Easter is 25 April, so Easter Monday (26 April) falls before King's Day
    /// (27 April is a Tuesday): the list stays in date order.
    #[test]
    fn holidays_sorted_when_easter_is_late() {
        let list = atw_holidays(2038);
        assert!(list.windows(2).all(|w| w[0].0 < w[1].0), "{list:?}");
        assert_eq!(
            Holidays::atw().is_holiday(d(2038, 4, 26)),
            Some("Tweede Paasdag")
        );
    }

    #[test]
    fn weekday_names() {
        let names: Vec<_> = (7..=13)
            .map(|day| format::weekday(d(2026, 9, day)))
            .collect();
        assert_eq!(
            names,
            [
                "maandag",
                "dinsdag",
                "woensdag",
                "donderdag",
                "vrijdag",
                "zaterdag",
                "zondag"
            ]
        );
    }

    #[test]
    fn working_days_and_next_working_day() {
        let h = Holidays::atw();
        assert!(h.is_working_day(d(2026, 9, 29))); // Tuesday
        assert!(!h.is_working_day(d(2026, 10, 3))); // Saturday
        assert!(!h.is_working_day(d(2026, 10, 4))); // Sunday
        assert_eq!(
            h.next_working_day_on_or_after(d(2026, 9, 29)),
            d(2026, 9, 29)
        );
        assert_eq!(
            h.next_working_day_on_or_after(d(2026, 10, 3)),
            d(2026, 10, 5)
        );
        // Christmas Friday → Boxing Day Saturday → Sunday → Monday 28 December 2026.
        assert_eq!(
            h.next_working_day_on_or_after(d(2026, 12, 25)),
            d(2026, 12, 28)
        );
    }

    /// The seed example: sent Wednesday 9 September 2026, day 1 is 10 September, the 20th day is
    /// Tuesday 29 September, a working day, so no extension.
    #[test]
    fn standstill_seed_example() {
        let s = standstill(d(2026, 9, 9), 20, &Holidays::atw());
        assert_eq!(format::weekday(s.sent_on), "woensdag");
        assert_eq!(s.first_day, d(2026, 9, 10));
        assert_eq!(s.raw_end, d(2026, 9, 29));
        assert_eq!(s.end, d(2026, 9, 29));
        assert_eq!(format::weekday(s.end), "dinsdag");
        assert_eq!(s.reason, None);
        assert!(s.skipped.is_empty());
        assert!(!s.is_extended());
        assert!(!s.minimum_working_days_applied);
    }

    /// A period ending on Saturday 3 October 2026 runs until Monday 5 October.
    #[test]
    fn standstill_ending_on_saturday() {
        let s = standstill(d(2026, 9, 9), 24, &Holidays::atw());
        assert_eq!(s.raw_end, d(2026, 10, 3));
        assert_eq!(s.end, d(2026, 10, 5));
        assert_eq!(s.reason, Some("zaterdag"));
        assert_eq!(
            s.skipped,
            vec![(d(2026, 10, 3), "zaterdag"), (d(2026, 10, 4), "zondag")]
        );
        assert!(s.is_extended());
    }

    /// A period ending on a Sunday gives the reason "zondag".
    #[test]
    fn standstill_ending_on_sunday() {
        let s = standstill(d(2026, 9, 14), 20, &Holidays::atw());
        assert_eq!(s.raw_end, d(2026, 10, 4));
        assert_eq!(s.end, d(2026, 10, 5));
        assert_eq!(s.reason, Some("zondag"));
    }

    /// Ending on Christmas Day 2026 (Friday): Boxing Day is a Saturday, then Sunday, so the
    /// period runs until Monday 28 December.
    #[test]
    fn standstill_ending_on_christmas_then_weekend() {
        let s = standstill(d(2026, 12, 5), 20, &Holidays::atw());
        assert_eq!(s.raw_end, d(2026, 12, 25));
        assert_eq!(s.end, d(2026, 12, 28));
        assert_eq!(s.reason, Some("Eerste Kerstdag"));
        assert_eq!(
            s.skipped,
            vec![
                (d(2026, 12, 25), "Eerste Kerstdag"),
                (d(2026, 12, 26), "Tweede Kerstdag"),
                (d(2026, 12, 27), "zondag"),
            ]
        );
    }

    /// 5 May is an Atw holiday every year (Tuesday in 2026) → Wednesday 6 May.
    #[test]
    fn standstill_ending_on_5_may() {
        let s = standstill(d(2026, 4, 15), 20, &Holidays::atw());
        assert_eq!(s.raw_end, d(2026, 5, 5));
        assert_eq!(s.end, d(2026, 5, 6));
        assert_eq!(s.reason, Some("Bevrijdingsdag"));
    }

    /// Whit Monday 25 May 2026 → Tuesday 26 May; King's Day 27 April 2026 → Tuesday 28 April.
    #[test]
    fn standstill_ending_on_whit_monday_and_kings_day() {
        let s = standstill(d(2026, 5, 5), 20, &Holidays::atw());
        assert_eq!(s.raw_end, d(2026, 5, 25));
        assert_eq!(s.end, d(2026, 5, 26));
        assert_eq!(s.reason, Some("Tweede Pinksterdag"));

        let s = standstill(d(2026, 4, 7), 20, &Holidays::atw());
        assert_eq!(s.raw_end, d(2026, 4, 27));
        assert_eq!(s.end, d(2026, 4, 28));
        assert_eq!(s.reason, Some("Koningsdag"));
    }

    /// Good Friday (art. 3(2) Atw) 3 April 2026, then Saturday, Easter Sunday and Easter Monday:
    /// the period runs until Tuesday 7 April.
    #[test]
    fn standstill_ending_on_good_friday() {
        let s = standstill(d(2026, 3, 14), 20, &Holidays::atw());
        assert_eq!(s.raw_end, d(2026, 4, 3));
        assert_eq!(s.end, d(2026, 4, 7));
        assert_eq!(s.reason, Some("Goede Vrijdag"));
        assert_eq!(s.skipped.len(), 4);
        assert_eq!(s.skipped[3], (d(2026, 4, 6), "Tweede Paasdag"));
    }

    /// A day equated by decree (here the Friday after Ascension, 15 May 2026) is passed in as
    /// data; without it that Friday is a normal working day.
    #[test]
    fn standstill_with_decree_day() {
        let friday = d(2026, 5, 15);
        let without = standstill(d(2026, 4, 25), 20, &Holidays::atw());
        assert_eq!(without.raw_end, friday);
        assert_eq!(without.end, friday);
        assert!(!without.is_extended());

        let holidays = Holidays::new(&[friday, friday]);
        assert_eq!(holidays.extra(), &[friday]);
        assert_eq!(holidays.is_holiday(friday), Some(DECREE_DAY));
        let with = standstill(d(2026, 4, 25), 20, &holidays);
        assert_eq!(with.end, d(2026, 5, 18));
        assert_eq!(with.reason, Some(DECREE_DAY));
        // A statutory day passed again as extra keeps its statutory name.
        let dup = Holidays::new(&[d(2026, 5, 14)]);
        assert_eq!(dup.is_holiday(d(2026, 5, 14)), Some("Hemelvaartsdag"));
    }

    /// Atw art. 2: a 3-day period sent Thursday 24 December 2026 covers Christmas, Boxing Day
    /// and Sunday; art. 1 gives Monday 28 December, which is only one working day, so art. 2
    /// extends it to Tuesday 29 December. Sent a day earlier, Thursday 24 December itself is the
    /// first working day and Monday 28 the second: no art. 2 extension.
    #[test]
    fn atw_article_2_minimum_two_working_days() {
        let h = Holidays::atw();
        let s = standstill(d(2026, 12, 24), 3, &h);
        assert_eq!(s.raw_end, d(2026, 12, 27));
        assert_eq!(s.end, d(2026, 12, 29));
        assert!(s.minimum_working_days_applied);
        assert_eq!(s.reason, Some("zondag"));
        // Monday 28 December is a working day passed over only because of art. 2: not listed.
        assert_eq!(s.skipped, vec![(d(2026, 12, 27), "zondag")]);

        let s = standstill(d(2026, 12, 23), 3, &h);
        assert_eq!(s.raw_end, d(2026, 12, 26));
        assert_eq!(s.end, d(2026, 12, 28));
        assert!(!s.minimum_working_days_applied);

        // Periods shorter than three days are not subject to art. 2.
        let s = standstill(d(2026, 12, 24), 2, &h);
        assert_eq!(s.end, d(2026, 12, 28));
        assert!(!s.minimum_working_days_applied);
    }
}

#[cfg(test)]
mod working_day_tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ten_working_days_after_9_september_2026_is_23_september() {
        let h = Holidays::atw();
        assert_eq!(h.working_days_after(d(2026, 9, 9), 10), d(2026, 9, 23));
        assert_eq!(h.working_days_after(d(2026, 9, 9), 0), d(2026, 9, 9));
        // Over Christmas 2026 (Friday 25 and Saturday 26 December): Thursday 24 → Monday 28.
        assert_eq!(h.working_days_after(d(2026, 12, 24), 1), d(2026, 12, 28));
    }

    #[test]
    fn next_working_day_moves_over_a_weekend() {
        let h = Holidays::atw();
        assert_eq!(h.next_working_day_on_or_after(d(2026, 7, 4)), d(2026, 7, 6));
    }
}
