//! Places a read day and clock time in time, relative to the reference (the
//! form's recorded_at, or now). chrono does the calendar arithmetic; every
//! step is checked, so no reference and no written number can overflow.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use super::read::{Clock, Day, Which, Year};
use super::PartOfDay;

/// What a written day comes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    On(NaiveDate),
    /// A day that could not be placed: one outside chrono's range of years.
    Unresolved,
    /// No such day: "31/02/2026", "30 February". Not a mention at all.
    Impossible,
}

/// Dates without a year look back this many years at most: enough to find
/// the last 29 February (eight years apart across 2100).
const YEARS_BACK: i32 = 8;

/// The day `day` names, seen from `reference`.
pub(super) fn day(day: Day, reference: NaiveDate) -> Resolved {
    let date = match day {
        Day::Date { year: Some(year), month, day } => match NaiveDate::from_ymd_opt(full_year(year, reference.year()), month, day) {
            Some(date) => date,
            None => return Resolved::Impossible,
        },
        Day::Date { year: None, month, day } => {
            match (0..=YEARS_BACK).find_map(|back| NaiveDate::from_ymd_opt(reference.year() - back, month, day).filter(|d| *d <= reference)) {
                Some(date) => date,
                None if (0..=YEARS_BACK).any(|back| NaiveDate::from_ymd_opt(reference.year() - back, month, day).is_some()) => return Resolved::Unresolved,
                None => return Resolved::Impossible,
            }
        }
        Day::OfMonth(day) if !(1..=31).contains(&day) => return Resolved::Impossible,
        Day::OfMonth(day) => match (0..=12).find_map(|back| month_back(reference, back, day)) {
            Some(date) => date,
            None => return Resolved::Unresolved,
        },
        Day::Weekday(weekday, which) => {
            let back = (7 + reference.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            let found = match which {
                Which::OnOrBefore => reference.checked_sub_days(Days::new(u64::from(back))),
                Which::Before => reference.checked_sub_days(Days::new(u64::from(if back == 0 { 7 } else { back }))),
                Which::After => reference.checked_add_days(Days::new(u64::from(7 - back))),
            };
            match found {
                Some(date) => date,
                None => return Resolved::Unresolved,
            }
        }
        Day::Offset(days) => {
            let found = if days < 0 {
                reference.checked_sub_days(Days::new(u64::from(days.unsigned_abs())))
            } else {
                reference.checked_add_days(Days::new(days as u64))
            };
            match found {
                Some(date) => date,
                None => return Resolved::Unresolved,
            }
        }
    };
    Resolved::On(date)
}

/// A two-digit year is the one within ten years after the reference's year
/// or 89 before it: seen from 2026, "36" is 2036 and "37" is 1937.
fn full_year(year: Year, reference: i32) -> i32 {
    match year {
        Year::Full(year) => year,
        Year::Short(short) => {
            let short = short as i32 % 100;
            let year = reference - reference.rem_euclid(100) + short;
            if year > reference.saturating_add(10) {
                year - 100
            } else if year <= reference.saturating_sub(90) {
                year + 100
            } else {
                year
            }
        }
    }
}

/// Day `day` of the month `back` months before the reference's, if it
/// exists and is not after the reference.
fn month_back(reference: NaiveDate, back: i32, day: u32) -> Option<NaiveDate> {
    let months = reference.year().checked_mul(12)?.checked_add(reference.month0() as i32)?.checked_sub(back)?;
    let date = NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, day)?;
    (date <= reference).then_some(date)
}

/// The clock time of `clock` on the day of `date`, with the part of the day
/// written beside it ("this afternoon at 3") deciding the half of the day when
/// am or pm does not. Without either, 1 to 7 o'clock are afternoon and
/// evening, 8 to 12 morning and noon: visits and calls happen in the day.
/// "Last night at 2am" is the early hours of the day after the night.
pub(super) fn time(clock: Clock, part: Option<PartOfDay>, date: Option<NaiveDate>) -> (NaiveTime, Option<NaiveDate>) {
    let Clock { hour, minute, exact } = clock;
    let hour = match (exact, part) {
        (true, _) => hour,
        (false, Some(PartOfDay::Morning)) => hour % 12,
        (false, Some(PartOfDay::Afternoon | PartOfDay::Evening)) if hour < 12 => hour + 12,
        (false, Some(PartOfDay::Night)) if (6..12).contains(&hour) => hour + 12,
        (false, Some(PartOfDay::Night)) => hour % 12,
        (false, None) if (1..=7).contains(&hour) => hour + 12,
        (false, _) => hour,
    };
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
    let date = match part {
        Some(PartOfDay::Night) if hour < 6 => date.and_then(|d| d.succ_opt()),
        _ => date,
    };
    (time, date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn on(year: Option<Year>, month: u32, d: u32, reference: NaiveDate) -> Resolved {
        day(Day::Date { year, month, day: d }, reference)
    }

    #[test]
    fn a_date_without_a_year_is_the_latest_on_or_before_the_reference() {
        let reference = ymd(2026, 11, 23);
        assert_eq!(on(None, 11, 23, reference), Resolved::On(ymd(2026, 11, 23)));
        assert_eq!(on(None, 11, 24, reference), Resolved::On(ymd(2025, 11, 24)));
        // Across the year's end, both ways.
        assert_eq!(on(None, 12, 31, ymd(2027, 1, 2)), Resolved::On(ymd(2026, 12, 31)));
        assert_eq!(on(None, 1, 1, ymd(2026, 12, 31)), Resolved::On(ymd(2026, 1, 1)));
        assert_eq!(on(None, 1, 1, ymd(2027, 1, 1)), Resolved::On(ymd(2027, 1, 1)));
    }

    #[test]
    fn leap_days() {
        assert_eq!(on(None, 2, 29, ymd(2026, 11, 23)), Resolved::On(ymd(2024, 2, 29)));
        assert_eq!(on(None, 2, 29, ymd(2028, 2, 29)), Resolved::On(ymd(2028, 2, 29)));
        assert_eq!(on(None, 2, 29, ymd(2028, 2, 28)), Resolved::On(ymd(2024, 2, 29)));
        // 2100 is not a leap year: the last 29 February before March 2103 is in 2096.
        assert_eq!(on(None, 2, 29, ymd(2103, 3, 1)), Resolved::On(ymd(2096, 2, 29)));
        assert_eq!(on(Some(Year::Full(2028)), 2, 29, ymd(2026, 1, 1)), Resolved::On(ymd(2028, 2, 29)));
        assert_eq!(on(Some(Year::Full(2026)), 2, 29, ymd(2026, 11, 23)), Resolved::Impossible);
        assert_eq!(on(Some(Year::Full(2100)), 2, 29, ymd(2026, 11, 23)), Resolved::Impossible);
    }

    #[test]
    fn impossible_days() {
        let reference = ymd(2026, 11, 23);
        assert_eq!(on(Some(Year::Full(2026)), 2, 31, reference), Resolved::Impossible);
        assert_eq!(on(None, 2, 30, reference), Resolved::Impossible);
        assert_eq!(on(None, 4, 31, reference), Resolved::Impossible);
        assert_eq!(on(None, 0, 1, reference), Resolved::Impossible);
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(full_year(Year::Short(26), 2026), 2026);
        assert_eq!(full_year(Year::Short(36), 2026), 2036);
        assert_eq!(full_year(Year::Short(37), 2026), 1937);
        assert_eq!(full_year(Year::Short(98), 2026), 1998);
        assert_eq!(full_year(Year::Short(3), 2095), 2103);
        assert_eq!(full_year(Year::Short(0), 2000), 2000);
    }

    #[test]
    fn weekdays() {
        let monday = ymd(2026, 11, 23);
        assert_eq!(monday.weekday(), Weekday::Mon);
        let wd = |w, which, r| day(Day::Weekday(w, which), r);
        assert_eq!(wd(Weekday::Mon, Which::OnOrBefore, monday), Resolved::On(monday));
        assert_eq!(wd(Weekday::Sun, Which::OnOrBefore, monday), Resolved::On(ymd(2026, 11, 22)));
        assert_eq!(wd(Weekday::Tue, Which::OnOrBefore, monday), Resolved::On(ymd(2026, 11, 17)));
        assert_eq!(wd(Weekday::Mon, Which::Before, monday), Resolved::On(ymd(2026, 11, 16)));
        assert_eq!(wd(Weekday::Mon, Which::After, monday), Resolved::On(ymd(2026, 11, 30)));
        assert_eq!(wd(Weekday::Thu, Which::After, monday), Resolved::On(ymd(2026, 11, 26)));
        // Back across a year's end.
        assert_eq!(wd(Weekday::Wed, Which::OnOrBefore, ymd(2027, 1, 1)), Resolved::On(ymd(2026, 12, 30)));
    }

    #[test]
    fn a_day_of_the_month_is_the_latest_on_or_before_the_reference() {
        assert_eq!(day(Day::OfMonth(23), ymd(2026, 11, 25)), Resolved::On(ymd(2026, 11, 23)));
        assert_eq!(day(Day::OfMonth(26), ymd(2026, 11, 25)), Resolved::On(ymd(2026, 10, 26)));
        // The latest 31st on or before 15 March is 31 January.
        assert_eq!(day(Day::OfMonth(31), ymd(2026, 3, 15)), Resolved::On(ymd(2026, 1, 31)));
        assert_eq!(day(Day::OfMonth(31), ymd(2026, 1, 15)), Resolved::On(ymd(2025, 12, 31)));
        assert_eq!(day(Day::OfMonth(32), ymd(2026, 1, 15)), Resolved::Impossible);
        assert_eq!(day(Day::OfMonth(0), ymd(2026, 1, 15)), Resolved::Impossible);
    }

    #[test]
    fn the_ends_of_chronos_range_do_not_overflow() {
        for reference in [NaiveDate::MIN, NaiveDate::MAX] {
            for d in [
                Day::Offset(-1),
                Day::Offset(1),
                Day::OfMonth(31),
                Day::Weekday(Weekday::Mon, Which::After),
                Day::Weekday(Weekday::Mon, Which::Before),
                Day::Date { year: None, month: 2, day: 29 },
                Day::Date { year: Some(Year::Short(99)), month: 1, day: 1 },
            ] {
                let _ = day(d, reference);
            }
        }
        assert_eq!(time(Clock { hour: 1, minute: 0, exact: true }, Some(PartOfDay::Night), Some(NaiveDate::MAX)).1, None);
    }

    #[test]
    fn the_part_of_day_places_an_open_hour() {
        let t = |hour, exact, part| time(Clock { hour, minute: 0, exact }, part, Some(ymd(2026, 11, 23)));
        let hm = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        assert_eq!(t(3, false, None).0, hm(15));
        assert_eq!(t(10, false, None).0, hm(10));
        assert_eq!(t(12, false, None).0, hm(12));
        assert_eq!(t(3, true, None).0, hm(3));
        assert_eq!(t(10, false, Some(PartOfDay::Morning)).0, hm(10));
        assert_eq!(t(3, false, Some(PartOfDay::Afternoon)).0, hm(15));
        assert_eq!(t(8, false, Some(PartOfDay::Evening)).0, hm(20));
        assert_eq!(t(11, false, Some(PartOfDay::Night)).0, hm(23));
        assert_eq!(t(2, false, Some(PartOfDay::Night)), (hm(2), Some(ymd(2026, 11, 24))));
        assert_eq!(t(2, true, Some(PartOfDay::Night)), (hm(2), Some(ymd(2026, 11, 24))));
        assert_eq!(t(23, true, Some(PartOfDay::Night)), (hm(23), Some(ymd(2026, 11, 23))));
    }
}
