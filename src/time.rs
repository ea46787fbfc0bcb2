//! Times as the context and policies give them: `YYYY-MM-DDTHH:MM`, dates
//! and clock times, read strictly (an impossible date is an error naming the
//! field) and written back in the same form.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::Error;

/// Parses `YYYY-MM-DDTHH:MM` (seconds, if present, must be `:00`-`:59` and are dropped).
pub(crate) fn parse_time(field: &str, s: &str) -> Result<NaiveDateTime, Error> {
    let bad = || Error::context(field, format!("expected a local time like 2026-11-23T10:00, got {s:?}"));
    let b = s.trim().as_bytes();
    if !(b.len() == 16 || b.len() == 19) || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b' ') || b[13] != b':' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Result<u32, Error> {
        let part = &b[r];
        if !part.iter().all(u8::is_ascii_digit) {
            return Err(bad());
        }
        Ok(part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let (year, month, day, hour, minute) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?);
    if b.len() == 19 && (b[16] != b':' || num(17..19)? > 59) {
        return Err(bad());
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| Error::context(field, format!("{s:?} is not a real date")))?;
    let time = NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| Error::context(field, format!("{s:?} is not a real time of day")))?;
    Ok(date.and_time(time))
}

/// Parses a policy's `YYYY-MM-DD` (month and day may have one digit).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    match numbers(s, '-', &[4, 2, 2])?[..] {
        [year, month, day] => NaiveDate::from_ymd_opt(year as i32, month, day),
        _ => None,
    }
}

/// Parses a policy's `HH:MM` (the hour may have one digit).
pub(crate) fn parse_clock(s: &str) -> Option<NaiveTime> {
    match numbers(s, ':', &[2, 2])?[..] {
        [hour, minute] if s.split(':').nth(1).is_some_and(|m| m.len() == 2) => NaiveTime::from_hms_opt(hour, minute, 0),
        _ => None,
    }
}

/// `s` split at `separator` into numbers of at most `widths` digits each.
fn numbers(s: &str, separator: char, widths: &[usize]) -> Option<Vec<u32>> {
    let parts: Vec<&str> = s.split(separator).collect();
    if parts.len() != widths.len() {
        return None;
    }
    parts
        .iter()
        .zip(widths)
        .map(|(part, &width)| {
            let ok = !part.is_empty() && part.len() <= width && part.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| part.bytes().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
        })
        .collect()
}

pub(crate) fn format_time(t: NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_dates_and_clock_times() {
        assert_eq!(parse_date("2026-12-24"), NaiveDate::from_ymd_opt(2026, 12, 24));
        assert_eq!(parse_date("2026-1-5"), NaiveDate::from_ymd_opt(2026, 1, 5));
        for bad in ["2026-02-30", "2026/12/24", "26-12-24x", "2026-12", "", "2026-12-24T10:00"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_clock("17:00"), NaiveTime::from_hms_opt(17, 0, 0));
        assert_eq!(parse_clock("9:30"), NaiveTime::from_hms_opt(9, 30, 0));
        for bad in ["24:00", "17:60", "17", "17:0", "5pm", "17:00:00"] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }

    #[test]
    fn local_times_round_trip() {
        let t = parse_time("context.event_at", "2026-11-23T10:05").unwrap();
        assert_eq!(format_time(t), "2026-11-23T10:05");
        assert_eq!(parse_time("f", "2026-11-23 10:05:59").map(format_time).unwrap(), "2026-11-23T10:05");
        assert_eq!(parse_time("f", "2026-02-30T10:00").unwrap_err().to_string(), "f: \"2026-02-30T10:00\" is not a real date");
    }
}
