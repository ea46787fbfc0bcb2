//! What the form around the note knows: event type and times, the child, and
//! its structured equality fields. Every part is optional.

use chrono::NaiveDateTime;
use serde_json::Value;

use crate::error::{json_kind, Error};
use crate::ids::{Category, EqualityArea, IdEnum};
use crate::small_map::SmallMap;
use crate::time::{format_time, parse_time};

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
    /// The time "today" and "yesterday" in the note are read from when the
    /// form gives no `recorded_at`: the caller's clock (the browser's or the
    /// CLI's). Not part of the JSON form: the core never reads a clock.
    pub(crate) now: Option<NaiveDateTime>,
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

    /// The caller's clock (`YYYY-MM-DDTHH:MM`, local time): the time a note's
    /// "today" or "on Monday" is read from when there is no `recorded_at`.
    /// The browser binding and the CLI set it; the core never reads a clock.
    pub fn with_now(mut self, time: &str) -> Result<Context, Error> {
        self.now = Some(parse_time("now", time)?);
        Ok(self)
    }

    /// True when the form gives the time the note is recorded.
    pub fn has_recorded_at(&self) -> bool {
        self.recorded_at.is_some()
    }

    /// The time the note's own dates are read from: `recorded_at`, or the
    /// caller's clock.
    pub(crate) fn reference_time(&self) -> Option<NaiveDateTime> {
        self.recorded_at.or(self.now)
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
    Error::context(field, format!("expected {expected}, got {}", json_kind(got)))
}

fn parse_category(field: &str, id: &str) -> Result<Category, Error> {
    Category::from_id(id)
        .ok_or_else(|| Error::context(field, format!("unknown category {id:?} (expected high_risk, s47_strategy_significant, statutory_visit or other)")))
}

#[cfg(test)]
mod tests {
    use super::*;

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
