//! What the form around the note knows: event type and times, the child, and
//! its structured equality fields. Every part is optional.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::Value;

use crate::report::{Category, EqualityArea};
use crate::small_map::SmallMap;
use crate::Error;

/// The optional facts a case system passes alongside the note text.
///
/// Build one from JSON with [`Context::from_json`], or start from
/// [`Context::default`] and use the `with_*` setters.
///
/// ```
/// use case_note_checker::Context;
/// let ctx = Context::from_json(r#"{"event": "statutory_visit", "event_at": "2026-11-23T10:00"}"#)?;
/// assert!(ctx.event_at().is_some());
/// # Ok::<(), case_note_checker::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    pub(crate) event: Option<Category>,
    pub(crate) event_at: Option<NaiveDateTime>,
    pub(crate) recorded_at: Option<NaiveDateTime>,
    pub(crate) child_name: Option<String>,
    pub(crate) child_age_years: Option<f64>,
    pub(crate) equality: Option<SmallMap<EqualityArea, String>>,
}

impl Context {
    /// Reads a context from its JSON form (see the README for the fields).
    ///
    /// Unknown fields, wrong types, impossible dates and unknown categories are
    /// errors naming the field, so a typo in a case system's integration shows
    /// up at once instead of silently dropping a deadline.
    pub fn from_json(json: &str) -> Result<Context, Error> {
        let value: Value = serde_json::from_str(json).map_err(|e| Error::context("context", format!("is not valid JSON ({e})")))?;
        Context::from_value(&value)
    }

    /// Reads a context from an already-parsed JSON value (the CLI's batch lines).
    pub fn from_value_json(value: &Value) -> Result<Context, Error> {
        Context::from_value(value)
    }

    pub(crate) fn from_value(value: &Value) -> Result<Context, Error> {
        let mut ctx = Context::default();
        let fields = match value {
            Value::Null => return Ok(ctx),
            Value::Object(fields) => fields,
            other => return Err(wrong_type("context", "an object", other)),
        };
        for (key, v) in fields {
            if v.is_null() {
                continue;
            }
            match key.as_str() {
                "event" => ctx.event = Some(parse_category("context.event", expect_str("context.event", v)?)?),
                "event_at" => ctx.event_at = Some(parse_time("context.event_at", expect_str("context.event_at", v)?)?),
                "recorded_at" => ctx.recorded_at = Some(parse_time("context.recorded_at", expect_str("context.recorded_at", v)?)?),
                "child" => ctx.read_child(v)?,
                "equality" => ctx.read_equality(v)?,
                unknown => {
                    return Err(Error::context(format!("context.{unknown}"), "is not a known field (expected event, event_at, recorded_at, child or equality)"))
                }
            }
        }
        ctx.validate()?;
        Ok(ctx)
    }

    fn read_child(&mut self, v: &Value) -> Result<(), Error> {
        let Value::Object(fields) = v else { return Err(wrong_type("context.child", "an object", v)) };
        for (key, v) in fields {
            if v.is_null() {
                continue;
            }
            match key.as_str() {
                "name" => self.child_name = Some(expect_str("context.child.name", v)?.to_owned()),
                "age_years" => {
                    let age = v.as_f64().ok_or_else(|| wrong_type("context.child.age_years", "a number", v))?;
                    *self = std::mem::take(self).with_child_age(age)?;
                }
                unknown => return Err(Error::context(format!("context.child.{unknown}"), "is not a known field (expected name or age_years)")),
            }
        }
        Ok(())
    }

    fn read_equality(&mut self, v: &Value) -> Result<(), Error> {
        let Value::Object(fields) = v else { return Err(wrong_type("context.equality", "an object", v)) };
        let mut map = SmallMap::new();
        for (key, v) in fields {
            let path = format!("context.equality.{key}");
            let area = EqualityArea::from_id(key)
                .ok_or_else(|| Error::context(&path, format!("is not an equality area (expected one of {})", EqualityArea::ids())))?;
            let text = match v {
                Value::Null => "",
                other => expect_str(&path, other)?,
            };
            map.insert(area, text.to_owned());
        }
        self.equality = Some(map);
        Ok(())
    }

    fn validate(&self) -> Result<(), Error> {
        if let (Some(event), Some(recorded)) = (self.event_at, self.recorded_at) {
            if recorded < event {
                return Err(Error::context(
                    "context.recorded_at",
                    format!("{} is before context.event_at {}; a note cannot be recorded before its event", format_time(recorded), format_time(event)),
                ));
            }
        }
        Ok(())
    }

    /// The form's own classification of the event.
    pub fn with_event(mut self, category: &str) -> Result<Context, Error> {
        self.event = Some(parse_category("context.event", category)?);
        Ok(self)
    }

    /// When the visit, call or incident took place (`YYYY-MM-DDTHH:MM`, local time).
    pub fn with_event_at(mut self, time: &str) -> Result<Context, Error> {
        self.event_at = Some(parse_time("context.event_at", time)?);
        self.validate()?;
        Ok(self)
    }

    /// When the note was (or is being) recorded (`YYYY-MM-DDTHH:MM`, local time).
    pub fn with_recorded_at(mut self, time: &str) -> Result<Context, Error> {
        self.recorded_at = Some(parse_time("context.recorded_at", time)?);
        self.validate()?;
        Ok(self)
    }

    /// The child's name as the note may use it; helps tell the child's words
    /// from an adult's.
    pub fn with_child_name(mut self, name: &str) -> Context {
        self.child_name = Some(name.to_owned());
        self
    }

    /// The child's age in years (fractions allowed for babies).
    pub fn with_child_age(mut self, age_years: f64) -> Result<Context, Error> {
        if !(0.0..=25.0).contains(&age_years) {
            return Err(Error::context(
                "context.child.age_years",
                format!(
                    "expected an age from 0 to 25, got {}",
                    serde_json::Number::from_f64(age_years).map_or("a value that is not a number".into(), |n| n.to_string())
                ),
            ));
        }
        self.child_age_years = Some(age_years);
        Ok(self)
    }

    /// The event time, if given.
    pub fn event_at(&self) -> Option<String> {
        self.event_at.map(format_time)
    }
}

fn expect_str<'v>(field: &str, v: &'v Value) -> Result<&'v str, Error> {
    v.as_str().ok_or_else(|| wrong_type(field, "a string", v))
}

fn wrong_type(field: &str, expected: &str, got: &Value) -> Error {
    Error::context(field, format!("expected {expected}, got {}", crate::policy::kind(got)))
}

fn parse_category(field: &str, id: &str) -> Result<Category, Error> {
    Category::from_id(id)
        .ok_or_else(|| Error::context(field, format!("unknown category {id:?} (expected high_risk, s47_strategy_significant, statutory_visit or other)")))
}

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
    fn reads_every_field() {
        let ctx = Context::from_json(
            r#"{"event":"statutory_visit","event_at":"2026-11-23T10:00","recorded_at":"2026-11-23T15:00",
                "child":{"name":"Jayden Smith","age_years":9},"equality":{"language":"Polish; interpreter used","religion":""}}"#,
        )
        .unwrap();
        assert_eq!(ctx.event, Some(Category::StatutoryVisit));
        assert_eq!(ctx.child_name.as_deref(), Some("Jayden Smith"));
        assert_eq!(ctx.equality.unwrap().len(), 2);
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (r#"{"event_at":"2026-02-30T10:00"}"#, "context.event_at"),
            (r#"{"event_at":"tomorrow"}"#, "context.event_at"),
            (r#"{"recorded_at":"2026-11-23T25:00"}"#, "context.recorded_at"),
            (r#"{"event":"urgent"}"#, "context.event"),
            (r#"{"event":5}"#, "context.event"),
            (r#"{"child":{"age_years":"nine"}}"#, "context.child.age_years"),
            (r#"{"child":{"age_years":-1}}"#, "context.child.age_years"),
            (r#"{"equality":{"star_sign":"Leo"}}"#, "context.equality.star_sign"),
            (r#"{"colour":"red"}"#, "context.colour"),
            (r#"{"event_at":"2026-11-23T10:00","recorded_at":"2026-11-22T10:00"}"#, "context.recorded_at"),
            (r#"[1]"#, "context"),
        ];
        for (json, field) in cases {
            let err = Context::from_json(json).unwrap_err();
            assert_eq!(err.field(), Some(field), "{json} gave {err}");
        }
    }

    #[test]
    fn null_fields_are_absent() {
        let ctx = Context::from_json(r#"{"event":null,"event_at":null,"child":{"name":null}}"#).unwrap();
        assert_eq!(ctx, Context::default());
    }
}
