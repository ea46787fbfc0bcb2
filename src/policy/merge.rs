//! A council's policy that `"extends": "worcestershire"`, laid over the
//! built-in document before it is read: objects merge key by key, word
//! lists are edited with `add` and `remove`, and patterns are added to the
//! built-in policy's (which has none).

use serde_json::{Map, Value};

use crate::error::Problem;
use crate::normalise::normalise;

/// Lays `overrides` over `base`: objects merge key by key, lists given as
/// `{"add": [...], "remove": [terms]}` edit the base list, `patterns` are
/// added to the base's, anything else replaces.
pub(super) fn merge(base: &mut Value, overrides: Map<String, Value>, problems: &mut Vec<Problem>) {
    for (key, value) in overrides {
        match (key.as_str(), value) {
            ("lists", Value::Object(lists)) => {
                for (name, edit) in lists {
                    let target = &mut base["lists"][&name];
                    match edit {
                        Value::Object(mut edit) => {
                            let path = format!("lists.{name}");
                            let remove = edit.remove("remove").unwrap_or(Value::Array(Vec::new()));
                            let add = edit.remove("add").unwrap_or(Value::Array(Vec::new()));
                            if let Some(unknown) = edit.keys().next() {
                                problems.push(Problem::new(format!("{path}.{unknown}"), "is not a known field (expected add or remove)"));
                            }
                            let (Value::Array(remove), Value::Array(add)) = (remove, add) else {
                                problems.push(Problem::new(&path, "add and remove must be arrays"));
                                continue;
                            };
                            let removed: Vec<String> = remove.iter().filter_map(Value::as_str).map(term_key).collect();
                            if let Value::Array(lines) = target {
                                lines.retain(|l| !l.as_str().is_some_and(|l| removed.contains(&term_key(l))));
                                lines.extend(add);
                            } else {
                                problems.push(Problem::new(&path, "there is no such list to edit"));
                            }
                        }
                        replacement => *target = replacement,
                    }
                }
            }
            ("patterns", Value::Array(added)) if base.get("patterns").is_some_and(Value::is_array) => {
                if let Some(Value::Array(patterns)) = base.get_mut("patterns") {
                    patterns.extend(added);
                }
            }
            (_, Value::Object(fields)) if base.get(&key).is_some_and(Value::is_object) && key != "calendar" => {
                // rules, timescales, names, standards: merge one level down
                // (and messages one further), so an override can change one field.
                let target = base.get_mut(&key).expect("checked above");
                for (k, v) in fields {
                    match (target.get_mut(&k), v) {
                        (Some(existing @ Value::Object(_)), Value::Object(inner)) if key == "rules" => {
                            for (field, fv) in inner {
                                match (existing.get_mut(&field), fv) {
                                    (Some(Value::Object(messages)), Value::Object(new)) => messages.extend(new),
                                    (_, fv) => existing[&field] = fv,
                                }
                            }
                        }
                        (_, v) => target[&k] = v,
                    }
                }
            }
            (_, value) => base[&key] = value,
        }
    }
}

/// The term of a word-list line, as `remove` names it.
fn term_key(line: &str) -> String {
    normalise(line.split('|').next().unwrap_or("").trim()).to_ascii_lowercase()
}
