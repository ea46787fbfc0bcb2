//! One line of the batch format, `{"id", "text", "context", …}`, read the way
//! the browser reads the same JSON.
//!
//! - A lone surrogate escape (`"\ud800"`, which JavaScript's `JSON.stringify`
//!   writes for a string holding half a surrogate pair) becomes U+FFFD, as
//!   wasm-bindgen's string conversion does in the browser. U+FFFD is one
//!   UTF-16 unit, like the surrogate it replaces, so spans stay in step with
//!   what JavaScript computes on the original string.
//! - Keys other than `id`, `text` and `context` are kept, in their order, for
//!   the caller to carry through (the batch copies them to the output line;
//!   the audit reads `team` and `worker` from them).
//! - The `id` is read as soon as the parser meets it, so a line that breaks
//!   after its `id` still gets an error that names it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::Value;

/// A note line, read.
#[derive(Debug)]
pub struct NoteLine {
    /// The `id`, any JSON value (`null` when absent).
    pub id: Value,
    /// The note.
    pub text: String,
    /// The `context` object as given (`None` when absent); the library reads
    /// it strictly.
    pub context: Option<Value>,
    /// Every other top-level key, in the line's order.
    pub extras: Vec<(String, Value)>,
}

/// Why a line could not be read, with its `id` when one could be read.
#[derive(Debug)]
pub struct LineError {
    /// The `id`, or `null`.
    pub id: Value,
    /// What is wrong, naming the field when there is one.
    pub message: String,
}

/// Reads one line (without its line end).
pub fn read(raw: &[u8]) -> Result<NoteLine, LineError> {
    match std::str::from_utf8(raw) {
        Ok(line) => read_str(line),
        Err(e) => {
            // The id may still be readable from the rest of the line.
            let id = read_str(&String::from_utf8_lossy(raw)).map_or_else(|e| e.id, |line| line.id);
            Err(LineError { id, message: format!("not valid UTF-8 (at byte {})", e.valid_up_to()) })
        }
    }
}

fn read_str(line: &str) -> Result<NoteLine, LineError> {
    let line = replace_lone_surrogates(line);
    let line = line.as_ref();
    if !line.trim_start().starts_with('{') {
        let message = match serde_json::from_str::<Value>(line) {
            Ok(_) => "expected an object with \"id\", \"text\" and \"context\"".to_owned(),
            Err(e) => format!("not valid JSON: {e}"),
        };
        return Err(LineError { id: Value::Null, message });
    }
    let found_id = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(line);
    let parsed = FieldsSeed { found_id: &found_id }.deserialize(&mut de).and_then(|fields| de.end().map(|()| fields));
    let id = || found_id.borrow().clone().unwrap_or(Value::Null);
    let fields = parsed.map_err(|e| LineError { id: id(), message: format!("not valid JSON: {e}") })?;
    let fail = |message: String| Err(LineError { id: id(), message });
    let (mut text, mut context, mut extras) = (None, None, Vec::new());
    let mut id_value = Value::Null;
    for (key, value) in fields {
        match key.as_str() {
            "id" => id_value = value,
            "text" => match value {
                Value::String(s) => text = Some(s),
                _ => return fail("text: expected a string".into()),
            },
            "context" => context = Some(value),
            _ => extras.push((key, value)),
        }
    }
    match text {
        Some(text) => Ok(NoteLine { id: id_value, text, context, extras }),
        None => fail("text: missing".into()),
    }
}

/// The top-level object as key–value pairs in order, noting the `id` the
/// moment it is read and refusing a key given twice.
struct FieldsSeed<'a> {
    found_id: &'a RefCell<Option<Value>>,
}

impl<'de> DeserializeSeed<'de> for FieldsSeed<'_> {
    type Value = Vec<(String, Value)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldsSeed<'_> {
    type Value = Vec<(String, Value)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with \"id\", \"text\" and \"context\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields: Vec<(String, Value)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            if fields.iter().any(|(k, _)| *k == key) {
                return Err(A::Error::custom(format!("the key \"{key}\" appears twice")));
            }
            if key == "id" {
                *self.found_id.borrow_mut() = Some(value.clone());
            }
            fields.push((key, value));
        }
        Ok(fields)
    }
}

/// Replaces each `\uD800`–`\uDFFF` escape that is not half of a valid
/// surrogate pair with `\uFFFD`. The replacement is as long as what it
/// replaces, so byte positions in parser messages stay true.
pub fn replace_lone_surrogates(line: &str) -> Cow<'_, str> {
    if !line.contains("\\u") && !line.contains("\\U") {
        return Cow::Borrowed(line);
    }
    let bytes = line.as_bytes();
    let unit_at = |i: usize| -> Option<u16> {
        if bytes.get(i) == Some(&b'\\') && bytes.get(i + 1) == Some(&b'u') {
            let hex = std::str::from_utf8(bytes.get(i + 2..i + 6)?).ok()?;
            u16::from_str_radix(hex, 16).ok()
        } else {
            None
        }
    };
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit_at(i) {
            Some(0xD800..=0xDBFF) if matches!(unit_at(i + 6), Some(0xDC00..=0xDFFF)) => i += 12,
            Some(0xD800..=0xDFFF) => {
                out.get_or_insert_with(|| bytes.to_vec())[i..i + 6].copy_from_slice(b"\\uFFFD");
                i += 6;
            }
            // Any other escape, `\\` included, is two characters or more;
            // skipping both keeps an escaped backslash from starting one.
            _ => i += 2,
        }
    }
    match out {
        // Only ASCII escapes were rewritten with ASCII: still UTF-8.
        Some(v) => Cow::Owned(String::from_utf8(v).expect("ASCII replaced with ASCII")),
        None => Cow::Borrowed(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_the_replacement_character() {
        assert_eq!(replace_lone_surrogates(r#"{"text":"\ud800 x"}"#), r#"{"text":"\uFFFD x"}"#);
        assert_eq!(replace_lone_surrogates(r#""\uDC00\ud83d\ude00\ud83d""#), r#""\uFFFD\ud83d\ude00\uFFFD""#);
        assert_eq!(replace_lone_surrogates(r#""\\ud800""#), r#""\\ud800""#, "an escaped backslash starts no escape");
        assert_eq!(replace_lone_surrogates(r#""\ud800\u0041""#), r#""\uFFFD\u0041""#);
        assert_eq!(replace_lone_surrogates(r#""\ud80"#), r#""\ud80"#, "a cut-off escape is left for the parser");
        let line = read(br#"{"id":1,"text":"\ud800 LAC"}"#).unwrap();
        assert_eq!(line.text, "\u{fffd} LAC");
    }

    #[test]
    fn the_id_is_kept_when_the_line_breaks_after_it() {
        let e = read(br#"{"id":"b","text": oops}"#).unwrap_err();
        assert_eq!((e.id, e.message.starts_with("not valid JSON")), ("b".into(), true));
        let e = read(br#"{"id":"f","text":"cut off"#).unwrap_err();
        assert_eq!(e.id, "f");
        let e = read(br#"{"text": oops, "id": "late"}"#).unwrap_err();
        assert_eq!(e.id, Value::Null, "an id after the fault cannot be read");
        let e = read(br#"{"id":7,"text":"a","text":"b"}"#).unwrap_err();
        assert_eq!(e.id, 7);
        assert!(e.message.contains("\"text\" appears twice"), "{}", e.message);
        let e = read(b"{\"id\":\"c\",\"text\":\"caf\xe9\"}").unwrap_err();
        assert_eq!((e.id, e.message.as_str()), ("c".into(), "not valid UTF-8 (at byte 21)"));
        let e = read(br#"{"id":2,"text":3}"#).unwrap_err();
        assert_eq!((e.id, e.message.as_str()), (2.into(), "text: expected a string"));
        let e = read(br#"["x"]"#).unwrap_err();
        assert!(e.message.starts_with("expected an object"), "{}", e.message);
    }

    #[test]
    fn extra_keys_are_kept_in_order() {
        let line = read(br#"{"worker":"A","id":1,"text":"t","team":"B","created":{"at":1}}"#).unwrap();
        let keys: Vec<&str> = line.extras.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["worker", "team", "created"]);
        assert_eq!(line.context, None);
    }
}
