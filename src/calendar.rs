//! England and Wales working days: weekends and bank holidays, computed from
//! the rules (Easter by computus, weekend substitutes) plus the one-off days.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Bank holidays declared by proclamation, or moved from their usual day,
/// that no rule predicts: `(date, replaces)` where `replaces` is the usual
/// date it stands in for, if any.
/// A date as `(year, month, day)`.
type Ymd = (i32, u32, u32);

const ONE_OFF: &[(Ymd, Option<Ymd>)] = &[
    ((1995, 5, 8), Some((1995, 5, 1))),
    ((1999, 12, 31), None),
    ((2002, 6, 3), None),
    ((2002, 6, 4), Some((2002, 5, 27))),
    ((2011, 4, 29), None),
    ((2012, 6, 4), Some((2012, 5, 28))),
    ((2012, 6, 5), None),
    ((2020, 5, 8), Some((2020, 5, 4))),
    ((2022, 6, 2), Some((2022, 5, 30))),
    ((2022, 6, 3), None),
    ((2022, 9, 19), None),
    ((2023, 5, 8), None),
];

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("calendar constants are real dates")
}

/// Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher algorithm.
pub(crate) fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    let first = ymd(year, month, 1);
    first + Duration::days(i64::from((7 - first.weekday().num_days_from_monday()) % 7))
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 { ymd(year + 1, 1, 1) } else { ymd(year, month + 1, 1) };
    let last = next - Duration::days(1);
    last - Duration::days(i64::from(last.weekday().num_days_from_monday()))
}

/// Which of the UK's bank-holiday calendars a council follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Region {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl Region {
    pub fn from_id(id: &str) -> Option<Region> {
        match id {
            "england-and-wales" => Some(Region::EnglandAndWales),
            "scotland" => Some(Region::Scotland),
            "northern-ireland" => Some(Region::NorthernIreland),
            _ => None,
        }
    }
}

/// A council's working calendar: a bank-holiday region and its own closure days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Calendar {
    pub region: Region,
    pub closures: Vec<NaiveDate>,
}

impl Default for Calendar {
    fn default() -> Calendar {
        Calendar { region: Region::EnglandAndWales, closures: Vec::new() }
    }
}

/// A fixed-date holiday moved to the next weekday when it falls at a weekend.
fn substitute(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date + Duration::days(2),
        Weekday::Sun => date + Duration::days(1),
        _ => date,
    }
}

/// The bank holidays of one year in a region, sorted.
pub(crate) fn bank_holidays(year: i32, region: Region) -> Vec<NaiveDate> {
    let mut days = Vec::with_capacity(10);
    let easter = easter_sunday(year);
    days.push(easter - Duration::days(2));
    days.push(first_monday(year, 5));
    days.push(last_monday(year, 5));
    if region == Region::Scotland {
        // 1 and 2 January, substituted together like Christmas and Boxing Day.
        let (first, second) = match ymd(year, 1, 1).weekday() {
            Weekday::Fri => (1, 4),
            Weekday::Sat => (3, 4),
            Weekday::Sun => (3, 2),
            _ => (1, 2),
        };
        days.push(ymd(year, 1, first));
        days.push(ymd(year, 1, second));
        days.push(first_monday(year, 8));
        days.push(substitute(ymd(year, 11, 30)));
    } else {
        days.push(substitute(ymd(year, 1, 1)));
        days.push(easter + Duration::days(1));
        days.push(last_monday(year, 8));
    }
    if region == Region::NorthernIreland {
        days.push(substitute(ymd(year, 3, 17)));
        days.push(substitute(ymd(year, 7, 12)));
    }
    // Christmas and Boxing Day, by the weekday of 25 December.
    let (christmas, boxing) = match ymd(year, 12, 25).weekday() {
        Weekday::Fri => (25, 28),
        Weekday::Sat => (27, 28),
        Weekday::Sun => (27, 26),
        _ => (25, 26),
    };
    days.push(ymd(year, 12, christmas));
    days.push(ymd(year, 12, boxing));
    for &((y, m, d), replaces) in ONE_OFF {
        if y != year {
            continue;
        }
        if let Some((ry, rm, rd)) = replaces {
            days.retain(|&day| day != ymd(ry, rm, rd));
        }
        days.push(ymd(y, m, d));
    }
    crate::sort::sort(&mut days);
    days.dedup();
    days
}

impl Calendar {
    /// True on Monday to Friday when the day is neither a bank holiday nor a closure day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !bank_holidays(date.year(), self.region).contains(&date) && !self.closures.contains(&date)
    }

    /// The `n`th working day after `date` (the event's own day is day 0).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut left = n;
        while left > 0 {
            let Some(next) = day.succ_opt() else { return day };
            day = next;
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(d: NaiveDate) -> String {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }

    #[test]
    fn easter_matches_known_dates() {
        for (y, m, d) in [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2038, 4, 25),
            (1818, 3, 22),
            (2285, 3, 22),
            (1943, 4, 25),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
        ] {
            assert_eq!(easter_sunday(y), ymd(y, m, d), "{y}");
        }
    }

    #[test]
    fn bank_holidays_match_published_dates() {
        let expected: &[(i32, &[&str])] = &[
            (2020, &["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"]),
            (2021, &["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"]),
            (
                2022,
                &["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
            ),
            (2023, &["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"]),
            (2026, &["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]),
            (2027, &["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]),
            (2028, &["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"]),
        ];
        for (year, days) in expected {
            let got: Vec<String> = bank_holidays(*year, Region::EnglandAndWales).into_iter().map(iso).collect();
            assert_eq!(got, *days, "{year}");
        }
    }

    #[test]
    fn scotland_and_northern_ireland_have_their_own_days() {
        let scotland: Vec<String> = bank_holidays(2026, Region::Scotland).into_iter().map(iso).collect();
        assert_eq!(scotland, ["2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-08-03", "2026-11-30", "2026-12-25", "2026-12-28"]);
        let northern_ireland: Vec<String> = bank_holidays(2026, Region::NorthernIreland).into_iter().map(iso).collect();
        assert_eq!(
            northern_ireland,
            ["2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28"]
        );
    }

    #[test]
    fn closure_days_are_not_working_days() {
        let calendar = Calendar { region: Region::EnglandAndWales, closures: vec![ymd(2026, 12, 24)] };
        assert!(!calendar.is_working_day(ymd(2026, 12, 24)));
        assert_eq!(iso(calendar.add_working_days(ymd(2026, 12, 22), 2)), "2026-12-29");
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let add_working_days = |d, n| Calendar::default().add_working_days(d, n);
        let is_working_day = |d| Calendar::default().is_working_day(d);
        // Friday 19 Dec 2025: Christmas and Boxing Day skipped.
        assert_eq!(iso(add_working_days(ymd(2025, 12, 19), 5)), "2025-12-30");
        // Thursday 2 Apr 2026: Good Friday and Easter Monday skipped.
        assert_eq!(iso(add_working_days(ymd(2026, 4, 2), 5)), "2026-04-13");
        // Wednesday 23 Dec 2026: 25 Dec, substitute 28 Dec and 1 Jan skipped.
        assert_eq!(iso(add_working_days(ymd(2026, 12, 23), 5)), "2027-01-04");
        // Friday 24 Dec 2027: substitutes 27 and 28 Dec and 3 Jan 2028 skipped.
        assert_eq!(iso(add_working_days(ymd(2027, 12, 24), 5)), "2028-01-05");
        // An event on a Saturday counts from the next working day.
        assert_eq!(iso(add_working_days(ymd(2026, 11, 21), 5)), "2026-11-27");
        assert!(!is_working_day(ymd(2026, 11, 28)));
        assert!(is_working_day(ymd(2026, 11, 25)));
    }
}
