//! Dates as case systems export them, read into the checker's local
//! wall-clock form (`YYYY-MM-DDTHH:MM`).
//!
//! Accepted, with surrounding spaces ignored:
//! - ISO 8601: `2026-11-23`, `2026-11-23T10:00`, `2026-11-23 10:00:59`,
//!   `2026-11-23T10:00:00.000`; with `Z` or an offset (`+01:00`) the time is
//!   turned into UK local time (GMT, or BST from the last Sunday of March to
//!   the last Sunday of October), the clock the policy's deadlines run on;
//! - day first: `23/11/2026 10:00`, `23/11/2026 10:00:00`, `23-11-2026`,
//!   `23.11.26 9:05 pm` (with `--month-first`, `11/23/2026`);
//! - Excel's text forms: `23-Nov-2026 10:00`, `23-Nov-26`, `23 November 2026`,
//!   `Monday, 23 November 2026 10:00`, `2026/11/23 10:00`, and serial numbers
//!   (`46349.4166667`, days since 30 December 1899) where a cell kept its
//!   number format.
//!
//! Seconds are dropped. A date with no time is returned as such, for the
//! caller to decide the time (see `source::times_for`).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// A date read from an export, with its time if it had one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportDate {
    /// The day.
    pub date: NaiveDate,
    /// The wall-clock time, to the minute, if the value had one.
    pub time: Option<NaiveTime>,
}

impl ExportDate {
    /// The date and time, with `default` for a missing time.
    pub fn at(self, default: NaiveTime) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(default))
    }
}

/// The forms named in the message when a value is not a date.
pub const FORMS: &str = "ISO (2026-11-23T10:00), 23/11/2026 10:00, 23-Nov-2026 10:00, 23 November 2026 or an Excel serial number";

/// Reads one value. `month_first` reads `01/02/2026` as 2 January.
pub fn parse(value: &str, month_first: bool) -> Result<ExportDate, String> {
    let s = value.trim();
    parse_iso(s)
        .or_else(|| parse_numeric(s, month_first))
        .or_else(|| parse_named_month(s))
        .or_else(|| parse_serial(s))
        .ok_or_else(|| format!("\"{}\" is not a date in a form the audit reads ({FORMS})", cell(s)))
}

/// A cell's value as a message quotes it: cut to 32 characters, so a column
/// mapped by mistake (the note's text as a date) cannot bring a note's words
/// into the report.
pub fn cell(value: &str) -> String {
    const MAX: usize = 32;
    let value = value.trim();
    if value.chars().count() <= MAX {
        value.to_owned()
    } else {
        value.chars().take(MAX - 1).collect::<String>() + "…"
    }
}

/// `YYYY-MM-DDTHH:MM` (the checker's form).
pub fn format(at: NaiveDateTime) -> String {
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", at.year(), at.month(), at.day(), chrono::Timelike::hour(&at), chrono::Timelike::minute(&at))
}

/// `YYYY-MM`, the month a note is counted in.
pub fn month_of(at: NaiveDateTime) -> String {
    format!("{:04}-{:02}", at.year(), at.month())
}

/// Reads the checker's own form back (the `due` of a report).
pub fn parse_checker_form(s: &str) -> Option<NaiveDateTime> {
    let d = parse_iso(s)?;
    Some(d.date.and_time(d.time?))
}

/// A cursor over the value's characters.
struct Cursor<'a> {
    s: &'a str,
}

impl<'a> Cursor<'a> {
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let n = self.s.bytes().take(max).take_while(u8::is_ascii_digit).count();
        if n < min {
            return None;
        }
        let (d, rest) = self.s.split_at(n);
        self.s = rest;
        d.parse().ok()
    }

    fn eat(&mut self, c: char) -> bool {
        match self.s.strip_prefix(c) {
            Some(rest) => {
                self.s = rest;
                true
            }
            None => false,
        }
    }

    fn eat_any(&mut self, cs: &[char]) -> Option<char> {
        let c = self.s.chars().next().filter(|c| cs.contains(c))?;
        self.s = &self.s[c.len_utf8()..];
        Some(c)
    }

    fn spaces(&mut self) -> bool {
        let before = self.s.len();
        self.s = self.s.trim_start();
        self.s.len() < before
    }

    fn word(&mut self) -> &'a str {
        let n = self.s.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(self.s.len());
        let (w, rest) = self.s.split_at(n);
        self.s = rest;
        w
    }

    fn done(&self) -> bool {
        self.s.is_empty()
    }
}

fn year(y: u32, digits: usize) -> i32 {
    // Two-digit years are this century's, as Excel reads them (00–29 at least).
    if digits == 2 {
        2000 + y as i32
    } else {
        y as i32
    }
}

/// `HH:MM[:SS[.fff]]` with an optional `am`/`pm`, or nothing at all.
fn parse_time(c: &mut Cursor<'_>) -> Option<Option<NaiveTime>> {
    if c.done() {
        return Some(None);
    }
    let mut hour = c.digits(1, 2)?;
    c.eat_any(&[':', '.'])?; // 10:00 or 10.00
    let minute = c.digits(2, 2)?;
    if c.eat(':') {
        c.digits(2, 2)?;
        if c.eat('.') || c.eat(',') {
            c.digits(1, 9)?;
        }
    }
    c.spaces();
    let suffix = c.word().to_ascii_lowercase();
    match suffix.as_str() {
        "" => {}
        "am" | "a" if (1..=12).contains(&hour) => hour %= 12,
        "pm" | "p" if (1..=12).contains(&hour) => hour = hour % 12 + 12,
        _ => return None,
    }
    Some(Some(NaiveTime::from_hms_opt(hour, minute, 0)?))
}

/// ISO 8601, with an optional offset turned into UK local time.
fn parse_iso(s: &str) -> Option<ExportDate> {
    let mut c = Cursor { s };
    let y = c.digits(4, 4)?;
    let sep = c.eat_any(&['-', '/'])?;
    let m = c.digits(1, 2)?;
    if !c.eat(sep) {
        return None;
    }
    let d = c.digits(1, 2)?;
    let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
    if c.done() {
        return Some(ExportDate { date, time: None });
    }
    if !(c.eat('T') || c.spaces()) {
        return None;
    }
    // An offset, if any, comes last: split it off before reading the time.
    let (clock, offset_minutes) = split_offset(c.s)?;
    let mut t = Cursor { s: clock.trim_end() };
    let time = parse_time(&mut t)?;
    if !t.done() {
        return None;
    }
    let Some(time) = time else {
        return Some(ExportDate { date, time: None });
    };
    match offset_minutes {
        None => Some(ExportDate { date, time: Some(time) }),
        Some(offset) => {
            let utc = date.and_time(time) - Duration::minutes(offset);
            let local = uk_local(utc);
            Some(ExportDate { date: local.date(), time: Some(local.time()) })
        }
    }
}

/// Splits `10:00Z` or `10:00+01:00` into the clock time and the offset in minutes.
fn split_offset(s: &str) -> Option<(&str, Option<i64>)> {
    if let Some(clock) = s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        return Some((clock, Some(0)));
    }
    // An offset sign after the time: `+` anywhere, or `-` after the clock's digits.
    let at = s.rfind(['+', '-']);
    let Some(at) = at.filter(|&i| i >= 4) else {
        return Some((s, None));
    };
    let mut c = Cursor { s: &s[at + 1..] };
    let hours = c.digits(2, 2)?;
    c.eat(':');
    let minutes = if c.done() { 0 } else { c.digits(2, 2)? };
    if !c.done() || hours > 14 || minutes > 59 {
        return None;
    }
    let sign = if s[at..].starts_with('-') { -1 } else { 1 };
    Some((&s[..at], Some(sign * i64::from(hours * 60 + minutes))))
}

/// UTC to UK clock time: BST (UTC+1) from 01:00 UTC on the last Sunday of
/// March to 01:00 UTC on the last Sunday of October.
fn uk_local(utc: NaiveDateTime) -> NaiveDateTime {
    let last_sunday = |month: u32| {
        let mut d = NaiveDate::from_ymd_opt(utc.year(), month, 31).expect("March and October have 31 days");
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().expect("in range");
        }
        d.and_hms_opt(1, 0, 0).expect("01:00 exists")
    };
    if utc >= last_sunday(3) && utc < last_sunday(10) {
        utc + Duration::hours(1)
    } else {
        utc
    }
}

/// `23/11/2026 10:00`, `23-11-26`, `23.11.2026 9:05 pm`.
fn parse_numeric(s: &str, month_first: bool) -> Option<ExportDate> {
    let mut c = Cursor { s };
    let a = c.digits(1, 2)?;
    let sep = c.eat_any(&['/', '-', '.'])?;
    let b = c.digits(1, 2)?;
    if !c.eat(sep) {
        return None;
    }
    let before = c.s.len();
    let y = c.digits(2, 4)?;
    let digits = before - c.s.len();
    if digits == 3 {
        return None;
    }
    let (d, m) = if month_first { (b, a) } else { (a, b) };
    let date = NaiveDate::from_ymd_opt(year(y, digits), m, d)?;
    finish_with_time(date, &mut c)
}

/// `23-Nov-2026 10:00`, `23 November 2026`, `Monday, 23 Nov 2026`, `Nov 23, 2026`.
fn parse_named_month(s: &str) -> Option<ExportDate> {
    let mut c = Cursor { s };
    // An optional weekday name and comma.
    let save = c.s;
    let w = c.word();
    if weekday(w) {
        c.eat(',');
        c.spaces();
    } else {
        c.s = save;
    }
    let (d, m) = if let Some(d) = c.digits(1, 2) {
        c.eat_any(&['-', ' ', '/'])?;
        (d, month(c.word())?)
    } else {
        let m = month(c.word())?;
        c.eat_any(&['-', ' '])?;
        let d = c.digits(1, 2)?;
        c.eat(',');
        (d, m)
    };
    c.eat_any(&['-', ' ', '/'])?;
    c.spaces();
    let before = c.s.len();
    let y = c.digits(2, 4)?;
    let digits = before - c.s.len();
    if digits == 3 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year(y, digits), m, d)?;
    finish_with_time(date, &mut c)
}

/// The rest of the value: nothing, or a space (or `T`) and a time.
fn finish_with_time(date: NaiveDate, c: &mut Cursor<'_>) -> Option<ExportDate> {
    if c.done() {
        return Some(ExportDate { date, time: None });
    }
    if !(c.spaces() || c.eat('T')) {
        return None;
    }
    let time = parse_time(c)?;
    c.done().then_some(ExportDate { date, time })
}

/// An Excel serial date: days since 30 December 1899, the fraction the time.
fn parse_serial(s: &str) -> Option<ExportDate> {
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: i64 = whole.parse().ok()?;
    // 1 January 1900 to 31 December 9999, Excel's own range; anything
    // smaller is more likely a count than a date.
    if !(1..=2_958_465).contains(&days) || whole.len() < 4 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(1899, 12, 30)? + Duration::days(days);
    if fraction.is_empty() {
        return Some(ExportDate { date, time: None });
    }
    let fraction: f64 = format!("0.{fraction}").parse().ok()?;
    // To the nearest second, then down to the minute, as Excel shows it.
    let seconds = (fraction * 86_400.0).round() as u32;
    let time = NaiveTime::from_hms_opt(seconds / 3600 % 24, seconds / 60 % 60, 0)?;
    Some(ExportDate { date, time: Some(time) })
}

fn month(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    const FULL: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    let w = word.to_ascii_lowercase();
    let i = NAMES.iter().position(|n| *n == w).or_else(|| FULL.iter().position(|n| *n == w)).or_else(|| (w == "sept").then_some(8))?;
    Some(i as u32 + 1)
}

fn weekday(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"].contains(&w.as_str())
        || ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].contains(&w.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> String {
        let d = parse(s, false).unwrap_or_else(|e| panic!("{e}"));
        match d.time {
            Some(_) => format(d.at(NaiveTime::MIN)),
            None => format!("{} (no time)", d.date),
        }
    }

    #[test]
    fn the_common_export_forms_are_read() {
        for (input, want) in [
            ("2026-11-23T10:00", "2026-11-23T10:00"),
            ("2026-11-23 10:00:59", "2026-11-23T10:00"),
            ("2026-11-23T10:00:00.000", "2026-11-23T10:00"),
            (" 2026-11-23 ", "2026-11-23 (no time)"),
            ("2026/11/23 10:00", "2026-11-23T10:00"),
            ("23/11/2026 10:00", "2026-11-23T10:00"),
            ("23/11/2026 10:00:00", "2026-11-23T10:00"),
            ("3/7/2026 9:05", "2026-07-03T09:05"),
            ("23-11-2026", "2026-11-23 (no time)"),
            ("23.11.26 9:05 pm", "2026-11-23T21:05"),
            ("23/11/2026 12:30 AM", "2026-11-23T00:30"),
            ("23/11/2026 12:30 PM", "2026-11-23T12:30"),
            ("23-Nov-2026 10:00", "2026-11-23T10:00"),
            ("23-Nov-26", "2026-11-23 (no time)"),
            ("23 November 2026", "2026-11-23 (no time)"),
            ("Monday, 23 November 2026 10:00", "2026-11-23T10:00"),
            ("Nov 23, 2026 4:15 PM", "2026-11-23T16:15"),
            ("46349", "2026-11-23 (no time)"),
            ("46349.416666667", "2026-11-23T10:00"),
        ] {
            assert_eq!(at(input), want, "{input}");
        }
    }

    #[test]
    fn offsets_become_uk_clock_time() {
        assert_eq!(at("2026-11-23T10:00:00Z"), "2026-11-23T10:00", "GMT in winter");
        assert_eq!(at("2026-07-01T09:00:00Z"), "2026-07-01T10:00", "BST in summer");
        assert_eq!(at("2026-07-01T10:00+01:00"), "2026-07-01T10:00");
        assert_eq!(at("2026-07-01T04:00-05:00"), "2026-07-01T10:00");
        // The clocks go forward at 01:00 UTC on 29 March 2026, back on 25 October.
        assert_eq!(at("2026-03-29T00:59Z"), "2026-03-29T00:59");
        assert_eq!(at("2026-03-29T01:00Z"), "2026-03-29T02:00");
        assert_eq!(at("2026-10-25T00:59Z"), "2026-10-25T01:59");
        assert_eq!(at("2026-10-25T01:00Z"), "2026-10-25T01:00");
    }

    #[test]
    fn month_first_swaps_day_and_month() {
        assert_eq!(format(parse("11/23/2026 10:00", true).unwrap().at(NaiveTime::MIN)), "2026-11-23T10:00");
        assert!(parse("11/23/2026 10:00", false).is_err(), "there is no 23rd month");
    }

    #[test]
    fn impossible_and_unknown_values_are_refused() {
        for bad in [
            "",
            "31/02/2026",
            "2026-02-30",
            "23/11/2026 25:00",
            "23/11/2026 10:61",
            "soon",
            "23/11",
            "2026-11-23T10:00+99:00",
            "123",
            "13:00 pm",
            "23/11/2026 10:00 xm",
            "2026-11-23 10",
        ] {
            let e = parse(bad, false).unwrap_err();
            assert!(e.contains("is not a date"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_long_value_is_cut_in_the_message() {
        let e = parse("Jayden told me he likes his new school and his teacher", false).unwrap_err();
        assert!(e.starts_with("\"Jayden told me he likes his new…\" is not a date"), "{e}");
    }

    #[test]
    fn the_checkers_form_reads_back() {
        let t = parse_checker_form("2026-11-26T10:00").unwrap();
        assert_eq!(format(t), "2026-11-26T10:00");
        assert_eq!(month_of(t), "2026-11");
        assert_eq!(parse_checker_form("2026-11-26"), None);
    }
}
