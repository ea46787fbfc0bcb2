//! A council's recording policy as data: which rules run and how severe they
//! are, their messages, the recording timescales, the working calendar, the
//! standards' wording and every word list. Worcestershire's is built in; any
//! other is a JSON file, whole or `"extends": "worcestershire"`.
//!
//! Loading validates the whole file and reports every problem with its path,
//! so a broken policy never half-applies.

use chrono::NaiveTime;
use serde_json::{Map, Value};

use crate::calendar::{Calendar, Region};
use crate::lexicon::{Lexicon, List};
use crate::report::{Category, Severity};
use crate::small_map::SmallMap;
use crate::Error;

/// How long a category of recording may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Timescale {
    /// By the end of the event's own day.
    SameDay { day_ends_at: NaiveTime },
    /// Elapsed hours after the event.
    Hours(u32),
    /// By the end of the nth working day after the event's date.
    WorkingDays { days: u32, day_ends_at: NaiveTime },
}

/// What a policy says about one rule.
#[derive(Clone, Debug)]
pub(crate) struct RuleSettings {
    pub enabled: bool,
    pub severity: Severity,
    pub standard: Option<u8>,
    messages: SmallMap<String, String>,
    suggestions: Vec<String>,
}

/// A loaded, validated policy.
#[derive(Debug)]
pub(crate) struct Policy {
    pub name: String,
    rules: SmallMap<String, RuleSettings>,
    timescales: SmallMap<Category, Timescale>,
    category_names: SmallMap<Category, String>,
    pub calendar: Calendar,
    pub standards: SmallMap<u8, String>,
    /// Which rule checks which requirement of the policy, for `RULES.md`.
    pub coverage: Vec<Coverage>,
    pub lexicon: Lexicon,
}

/// One requirement of the policy and the rules that check it (none, with a
/// reason, when a text check cannot see it).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Coverage {
    /// The requirement, in the policy's words or close to them.
    pub requirement: String,
    /// Where in the policy it is.
    pub section: String,
    /// Rule ids that check it.
    pub rules: Vec<String>,
    /// Why no rule checks it, when none does.
    pub not_checked: Option<String>,
}

/// The word lists a policy holds, by their key in the file.
pub(crate) const LISTS: &[(&str, List)] = &[
    ("jargon", List::Jargon),
    ("stigmatising", List::Stigmatising),
    ("vague", List::Vague),
    ("equality", List::Equality),
    ("deadline", List::Deadline),
    ("opinion", List::Opinion),
    ("voice", List::Voice),
    ("people", List::People),
    ("recording", List::Recording),
];

macro_rules! data {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/worcestershire/", $file))
    };
}

/// A built-in word list without its comments and blank lines, worked out
/// at compile time: the comments are for the lists' editors and need not
/// take up room in the WebAssembly module.
macro_rules! list {
    ($file:literal) => {{
        const SOURCE: &[u8] = data!($file).as_bytes();
        const BYTES: [u8; entry_lines_len(SOURCE)] = entry_lines(SOURCE);
        match std::str::from_utf8(&BYTES) {
            Ok(text) => text,
            Err(_) => panic!("a word list is UTF-8"),
        }
    }};
}

/// The built-in `policy.json` without the white space between its tokens,
/// worked out at compile time like the lists.
const WORCESTERSHIRE_JSON: &str = {
    const SOURCE: &[u8] = data!("policy.json").as_bytes();
    const BYTES: [u8; json_tokens(SOURCE, &mut [])] = {
        let mut out = [0u8; json_tokens(SOURCE, &mut [])];
        json_tokens(SOURCE, &mut out);
        out
    };
    match std::str::from_utf8(&BYTES) {
        Ok(text) => text,
        Err(_) => panic!("policy.json is UTF-8"),
    }
};

/// Copies `json` without the white space outside its strings into `out`
/// (when it has room) and returns the length that takes.
const fn json_tokens(json: &[u8], out: &mut [u8]) -> usize {
    let (mut len, mut i, mut in_string) = (0, 0, false);
    while i < json.len() {
        let b = json[i];
        let keep = in_string || !matches!(b, b' ' | b'\n' | b'\r' | b'\t');
        if keep {
            if len < out.len() {
                out[len] = b;
            }
            len += 1;
        }
        if in_string && b == b'\\' && i + 1 < json.len() {
            if len < out.len() {
                out[len] = json[i + 1];
            }
            len += 1;
            i += 1;
        } else if b == b'"' {
            in_string = !in_string;
        }
        i += 1;
    }
    len
}

/// The built-in word lists, in the order of `LISTS`.
const WORCESTERSHIRE_LISTS: [&str; 9] = [
    list!("jargon.txt"),
    list!("stigmatising.txt"),
    list!("vague.txt"),
    list!("equality.txt"),
    list!("deadline.txt"),
    list!("opinion.txt"),
    list!("voice.txt"),
    list!("people.txt"),
    list!("recording.txt"),
];

/// The next line of a list at or after `from` that holds an entry (not
/// blank, not a `#` comment): its start, its end, and where the line after begins.
const fn next_entry_line(text: &[u8], from: usize) -> Option<(usize, usize, usize)> {
    let mut start = from;
    while start < text.len() {
        let mut end = start;
        while end < text.len() && text[end] != b'\n' {
            end += 1;
        }
        let mut first = start;
        while first < end && (text[first] == b' ' || text[first] == b'\t' || text[first] == b'\r') {
            first += 1;
        }
        if first < end && text[first] != b'#' {
            return Some((start, end, end + 1));
        }
        start = end + 1;
    }
    None
}

/// The length of `entry_lines(text)`.
const fn entry_lines_len(text: &[u8]) -> usize {
    let mut len = 0;
    let mut at = 0;
    while let Some((start, end, next)) = next_entry_line(text, at) {
        len += end - start + 1;
        at = next;
    }
    len
}

/// The entry lines of `text`, each ending in a line break.
const fn entry_lines<const N: usize>(text: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut len = 0;
    let mut at = 0;
    while let Some((start, end, next)) = next_entry_line(text, at) {
        let mut i = start;
        while i < end {
            out[len] = text[i];
            len += 1;
            i += 1;
        }
        out[len] = b'\n';
        len += 1;
        at = next;
    }
    out
}

/// The built-in policy as one JSON document, word lists included.
pub(crate) fn worcestershire_document() -> Value {
    let mut doc: Value = serde_json::from_str(WORCESTERSHIRE_JSON).expect("the built-in policy.json is JSON (tested)");
    let lists: Map<String, Value> = LISTS
        .iter()
        .zip(WORCESTERSHIRE_LISTS)
        .map(|(&(key, _), text)| {
            let lines = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
            (key.to_owned(), Value::Array(lines.map(|l| Value::String(l.to_owned())).collect()))
        })
        .collect();
    doc["lists"] = Value::Object(lists);
    doc
}

impl Policy {
    /// Worcestershire's "Recording with Care" policy.
    pub fn worcestershire() -> Policy {
        // The lists go straight to the compiler rather than through the JSON
        // document's thousands of line strings: the page waits for this.
        let mut doc: Value = serde_json::from_str(WORCESTERSHIRE_JSON).expect("the built-in policy.json is JSON (tested)");
        doc["lists"] = Value::Object(LISTS.iter().map(|&(key, _)| (key.to_owned(), Value::Array(Vec::new()))).collect());
        Policy::build(&doc, Some(WORCESTERSHIRE_LISTS)).expect("the built-in policy is valid (tested)")
    }

    /// A policy from its JSON text.
    pub fn from_json(json: &str) -> Result<Policy, Error> {
        let value: Value = serde_json::from_str(json).map_err(|e| Error::policy(format!("not valid JSON ({e})")))?;
        Policy::from_value(value)
    }

    /// A policy from a parsed JSON value: whole, or extending a built-in one.
    pub fn from_value(value: Value) -> Result<Policy, Error> {
        let Value::Object(mut fields) = value else { return Err(Error::policy("expected a JSON object")) };
        let document = match fields.remove("extends") {
            None => Value::Object(fields),
            Some(Value::String(base)) if base == "worcestershire" => {
                let mut merged = worcestershire_document();
                let mut problems = Vec::new();
                merge(&mut merged, fields, &mut problems);
                if !problems.is_empty() {
                    return Err(Error::policy(problems.join("; ")));
                }
                merged
            }
            Some(other) => return Err(Error::policy(format!("extends: expected \"worcestershire\", got {other}"))),
        };
        Policy::from_document(&document)
    }

    fn from_document(doc: &Value) -> Result<Policy, Error> {
        Policy::build(doc, None)
    }

    /// A policy from its document, with the word lists' text given apart
    /// (the document's own `lists` are then only checked for shape).
    fn build(doc: &Value, list_texts: Option<[&str; 9]>) -> Result<Policy, Error> {
        let mut p = Problems::default();
        let fields = p.object("", doc);
        p.known_keys("", fields, &["$schema", "name", "rules", "timescales", "category_names", "calendar", "standards", "lists", "coverage"]);
        let coverage = p.coverage(fields.get("coverage"));
        let name = p.string("name", fields.get("name")).unwrap_or_default();

        let rule_fields = p.object("rules", fields.get("rules").unwrap_or(&Value::Null));
        let mut rules = SmallMap::new();
        for def in crate::rules::RULES {
            let id = def.meta.id;
            let path = format!("rules.{id}");
            let Some(v) = rule_fields.get(id) else {
                p.push(&path, "missing");
                continue;
            };
            if let Some(settings) = p.rule(&path, v, def.meta.messages) {
                rules.insert(id.to_owned(), settings);
            }
        }
        for id in rule_fields.keys().filter(|id| !crate::rules::RULES.iter().any(|d| d.meta.id == id.as_str())) {
            p.push(&format!("rules.{id}"), "is not a rule of this checker");
        }

        let timescale_fields = p.object("timescales", fields.get("timescales").unwrap_or(&Value::Null));
        let name_fields = p.object("category_names", fields.get("category_names").unwrap_or(&Value::Null));
        let mut timescales = SmallMap::new();
        let mut category_names = SmallMap::new();
        for &category in Category::ALL {
            let id = category.id();
            match timescale_fields.get(id) {
                None => p.push(&format!("timescales.{id}"), "missing"),
                Some(v) => {
                    if let Some(t) = p.timescale(&format!("timescales.{id}"), v) {
                        timescales.insert(category, t);
                    }
                }
            }
            match name_fields.get(id) {
                None => p.push(&format!("category_names.{id}"), "missing"),
                Some(v) => {
                    if let Some(n) = p.string(&format!("category_names.{id}"), Some(v)) {
                        category_names.insert(category, n);
                    }
                }
            }
        }
        for (section, keys) in [("timescales", timescale_fields), ("category_names", name_fields)] {
            for id in keys.keys().filter(|id| Category::from_id(id).is_none()) {
                p.push(&format!("{section}.{id}"), &format!("is not a deadline category ({})", Category::ids()));
            }
        }

        let calendar = p.calendar(fields.get("calendar"));
        let mut standards = SmallMap::new();
        if let Some(v) = fields.get("standards") {
            for (key, text) in p.object("standards", v) {
                let path = format!("standards.{key}");
                match key.parse::<u8>() {
                    Ok(n) if (1..=5).contains(&n) => {
                        if let Some(text) = p.string(&path, Some(text)) {
                            standards.insert(n, text);
                        }
                    }
                    _ => p.push(&path, "expected a standard number from 1 to 5"),
                }
            }
        }

        let list_fields = p.object("lists", fields.get("lists").unwrap_or(&Value::Null));
        let mut texts: Vec<(List, String, String)> = Vec::new();
        for &(key, list) in LISTS {
            let path = format!("lists.{key}");
            match list_fields.get(key) {
                None => p.push(&path, "missing"),
                Some(Value::Array(lines)) => {
                    let mut text = String::new();
                    for (i, line) in lines.iter().enumerate() {
                        match line.as_str() {
                            Some(line) => {
                                text.push_str(line);
                                text.push('\n');
                            }
                            None => p.push(&format!("{path}[{i}]"), "expected a string `term | value | options`"),
                        }
                    }
                    texts.push((list, path, text));
                }
                Some(other) => p.push(&path, &format!("expected an array of lines, got {}", kind(other))),
            }
        }
        p.known_keys("lists", list_fields, &LISTS.iter().map(|(k, _)| *k).collect::<Vec<_>>());
        let mut sources: Vec<(List, &str, &str)> = texts.iter().map(|(l, path, t)| (*l, path.as_str(), t.as_str())).collect();
        if let Some(list_texts) = list_texts {
            sources = LISTS.iter().zip(list_texts).map(|(&(key, list), text)| (list, key, text)).collect();
        }
        let lexicon = Lexicon::build(&sources).map_err(|e| p.problems.push(e.to_string())).ok();

        match (p.problems.is_empty(), lexicon) {
            (true, Some(lexicon)) => Ok(Policy { name, rules, timescales, category_names, calendar, standards, coverage, lexicon }),
            _ => Err(Error::policy(p.problems.join("; "))),
        }
    }

    /// The settings of a rule.
    pub fn rule(&self, id: &str) -> &RuleSettings {
        &self.rules[id]
    }

    /// A rule's message, with `{key}` placeholders filled from `values`.
    pub fn message(&self, id: &str, variant: &str, values: &[(&str, &str)]) -> String {
        let template = self.rules[id].messages.get(variant).map_or("", String::as_str);
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else { break };
            let key = &rest[open + 1..open + close];
            match values.iter().find(|(k, _)| *k == key) {
                Some((_, v)) => out.push_str(v),
                None => out.push_str(&rest[open..=open + close]),
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Sentence starters or fixes a rule offers when something is missing.
    pub fn suggestions(&self, id: &str) -> &[String] {
        &self.rules[id].suggestions
    }

    pub fn timescale(&self, category: Category) -> Timescale {
        self.timescales[&category]
    }

    pub fn category_name(&self, category: Category) -> &str {
        &self.category_names[&category]
    }
}

/// Lays `overrides` over `base`: objects merge key by key, lists given as
/// `{"add": [...], "remove": [terms]}` edit the base list, anything else replaces.
fn merge(base: &mut Value, overrides: Map<String, Value>, problems: &mut Vec<String>) {
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
                                problems.push(format!("{path}.{unknown}: is not a known field (expected add or remove)"));
                            }
                            let (Value::Array(remove), Value::Array(add)) = (remove, add) else {
                                problems.push(format!("{path}: add and remove must be arrays"));
                                continue;
                            };
                            let removed: Vec<String> = remove.iter().filter_map(Value::as_str).map(term_key).collect();
                            if let Value::Array(lines) = target {
                                lines.retain(|l| !l.as_str().is_some_and(|l| removed.contains(&term_key(l))));
                                lines.extend(add);
                            } else {
                                problems.push(format!("{path}: there is no such list to edit"));
                            }
                        }
                        replacement => *target = replacement,
                    }
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
    crate::lexicon::normalise(line.split('|').next().unwrap_or("").trim()).to_ascii_lowercase()
}

/// How a JSON value's type is named in error messages.
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Problems found while reading a policy, each with its path.
#[derive(Default)]
struct Problems {
    problems: Vec<String>,
}

static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl Problems {
    fn push(&mut self, path: &str, problem: &str) {
        let path = if path.is_empty() { "policy" } else { path };
        self.problems.push(format!("{path}: {problem}"));
    }

    fn object<'v>(&mut self, path: &str, v: &'v Value) -> &'v Map<String, Value> {
        match v {
            Value::Object(map) => map,
            Value::Null => {
                self.push(path, "missing");
                &EMPTY
            }
            other => {
                self.push(path, &format!("expected an object, got {}", kind(other)));
                &EMPTY
            }
        }
    }

    fn known_keys(&mut self, path: &str, map: &Map<String, Value>, known: &[&str]) {
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            let full = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            self.push(&full, &format!("is not a known field (expected one of {})", crate::report::comma_list(known.iter().copied())));
        }
    }

    fn string(&mut self, path: &str, v: Option<&Value>) -> Option<String> {
        match v {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) => {
                self.push(path, "must not be empty");
                None
            }
            None => {
                self.push(path, "missing");
                None
            }
            Some(other) => {
                self.push(path, &format!("expected a string, got {}", kind(other)));
                None
            }
        }
    }

    fn positive(&mut self, path: &str, v: &Value) -> Option<u32> {
        match v.as_u64() {
            Some(n) if n > 0 && n <= 10_000 => Some(n as u32),
            _ => {
                self.push(path, &format!("expected a positive number, got {v}"));
                None
            }
        }
    }

    fn time_of_day(&mut self, path: &str, v: Option<&Value>) -> Option<NaiveTime> {
        let Some(v) = v else { return NaiveTime::from_hms_opt(23, 59, 0) };
        let parsed = v.as_str().and_then(crate::context::parse_clock);
        if parsed.is_none() {
            self.push(path, &format!("expected a time of day like \"17:00\", got {v}"));
        }
        parsed
    }

    fn rule(&mut self, path: &str, v: &Value, variants: &[&str]) -> Option<RuleSettings> {
        let fields = self.object(path, v);
        self.known_keys(path, fields, &["enabled", "severity", "standard", "messages", "suggestions"]);
        let enabled = match fields.get("enabled") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.push(&format!("{path}.enabled"), &format!("expected true or false, got {}", kind(other)));
                true
            }
        };
        let severity = match self.string(&format!("{path}.severity"), fields.get("severity")) {
            Some(s) => Severity::from_id(&s).or_else(|| {
                self.push(&format!("{path}.severity"), &format!("expected error, warning or advice, got {s:?}"));
                None
            }),
            None => None,
        };
        let standard = match fields.get("standard") {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_u64() {
                Some(n @ 1..=5) => Some(n as u8),
                _ => {
                    self.push(&format!("{path}.standard"), &format!("expected a standard number from 1 to 5 or null, got {v}"));
                    None
                }
            },
        };
        let mut messages = SmallMap::new();
        let message_fields = self.object(&format!("{path}.messages"), fields.get("messages").unwrap_or(&Value::Null));
        for variant in variants {
            if let Some(text) = self.string(&format!("{path}.messages.{variant}"), message_fields.get(*variant)) {
                messages.insert((*variant).to_owned(), text);
            }
        }
        self.known_keys(&format!("{path}.messages"), message_fields, variants);
        let suggestions = match fields.get("suggestions") {
            None => Vec::new(),
            Some(Value::Array(items)) => items.iter().enumerate().filter_map(|(i, s)| self.string(&format!("{path}.suggestions[{i}]"), Some(s))).collect(),
            Some(other) => {
                self.push(&format!("{path}.suggestions"), &format!("expected an array of strings, got {}", kind(other)));
                Vec::new()
            }
        };
        Some(RuleSettings { enabled, severity: severity?, standard, messages, suggestions })
    }

    fn timescale(&mut self, path: &str, v: &Value) -> Option<Timescale> {
        let fields = self.object(path, v);
        self.known_keys(path, fields, &["same_day", "hours", "working_days", "day_ends_at"]);
        let day_ends_at = self.time_of_day(&format!("{path}.day_ends_at"), fields.get("day_ends_at"))?;
        match (fields.get("same_day"), fields.get("hours"), fields.get("working_days")) {
            (Some(Value::Bool(true)), None, None) => Some(Timescale::SameDay { day_ends_at }),
            (None, Some(h), None) => Some(Timescale::Hours(self.positive(&format!("{path}.hours"), h)?)),
            (None, None, Some(d)) => Some(Timescale::WorkingDays { days: self.positive(&format!("{path}.working_days"), d)?, day_ends_at }),
            _ => {
                self.push(path, "expected exactly one of \"same_day\": true, \"hours\": N or \"working_days\": N");
                None
            }
        }
    }

    fn coverage(&mut self, v: Option<&Value>) -> Vec<Coverage> {
        let Some(v) = v else { return Vec::new() };
        let Value::Array(items) = v else {
            self.push("coverage", &format!("expected an array, got {}", kind(v)));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("coverage[{i}]");
            let fields = self.object(&path, item);
            self.known_keys(&path, fields, &["requirement", "section", "rules", "not_checked"]);
            let requirement = self.string(&format!("{path}.requirement"), fields.get("requirement"));
            let section = self.string(&format!("{path}.section"), fields.get("section"));
            let mut rules = Vec::new();
            for (j, rule) in fields.get("rules").and_then(Value::as_array).into_iter().flatten().enumerate() {
                match rule.as_str() {
                    Some(id) if crate::rules::RULES.iter().any(|d| d.meta.id == id) => rules.push(id.to_owned()),
                    _ => self.push(&format!("{path}.rules[{j}]"), &format!("{rule} is not a rule of this checker")),
                }
            }
            let not_checked = fields.get("not_checked").and_then(|v| self.string(&format!("{path}.not_checked"), Some(v)));
            if rules.is_empty() && not_checked.is_none() {
                self.push(&path, "names no rule and gives no not_checked reason");
            }
            if let (Some(requirement), Some(section)) = (requirement, section) {
                out.push(Coverage { requirement, section, rules, not_checked });
            }
        }
        out
    }

    fn calendar(&mut self, v: Option<&Value>) -> Calendar {
        let Some(v) = v else { return Calendar::default() };
        let fields = self.object("calendar", v);
        self.known_keys("calendar", fields, &["bank_holidays", "closures"]);
        let mut calendar = Calendar::default();
        if let Some(region) = fields.get("bank_holidays") {
            match region.as_str().and_then(Region::from_id) {
                Some(r) => calendar.region = r,
                None => self.push("calendar.bank_holidays", &format!("expected \"england-and-wales\", \"scotland\" or \"northern-ireland\", got {region}")),
            }
        }
        if let Some(closures) = fields.get("closures") {
            match closures {
                Value::Array(days) => {
                    for (i, day) in days.iter().enumerate() {
                        match day.as_str().and_then(crate::context::parse_date) {
                            Some(d) => calendar.closures.push(d),
                            None => self.push(&format!("calendar.closures[{i}]"), &format!("expected a date like \"2026-12-24\", got {day}")),
                        }
                    }
                }
                other => self.push("calendar.closures", &format!("expected an array of dates, got {}", kind(other))),
            }
        }
        calendar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_policy_json_loses_only_white_space() {
        let original: Value = serde_json::from_str(data!("policy.json")).unwrap();
        assert_eq!(serde_json::from_str::<Value>(WORCESTERSHIRE_JSON).unwrap(), original);
        assert!(WORCESTERSHIRE_JSON.len() < data!("policy.json").len() && !WORCESTERSHIRE_JSON.contains("\n"));
    }

    #[test]
    fn built_in_lists_keep_every_entry_line() {
        let originals = [
            data!("jargon.txt"),
            data!("stigmatising.txt"),
            data!("vague.txt"),
            data!("equality.txt"),
            data!("deadline.txt"),
            data!("opinion.txt"),
            data!("voice.txt"),
            data!("people.txt"),
            data!("recording.txt"),
        ];
        for (original, stripped) in originals.iter().zip(WORCESTERSHIRE_LISTS) {
            let entries: Vec<&str> = original.lines().filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#')).collect();
            assert_eq!(stripped.lines().collect::<Vec<_>>(), entries);
            assert!(!entries.is_empty());
        }
    }

    #[test]
    fn built_in_policy_loads() {
        let policy = Policy::worcestershire();
        let from_document = Policy::from_document(&worcestershire_document()).unwrap();
        assert_eq!(format!("{:?}", policy.lexicon.entries), format!("{:?}", from_document.lexicon.entries));
        assert!(policy.lexicon.entries.len() > 1800);
        assert_eq!(policy.timescale(Category::StatutoryVisit), Timescale::Hours(72));
        assert!(matches!(policy.timescale(Category::Other), Timescale::WorkingDays { days: 5, .. }));
        assert!(matches!(policy.timescale(Category::HighRisk), Timescale::SameDay { .. }));
        assert_eq!(policy.standards.len(), 5);
    }

    #[test]
    fn broken_policy_lists_every_problem_with_its_path() {
        let json = r#"{"name":"x","colour":"red","rules":{"jargon":{"severity":"loud","messages":{}},"spelling":{}},
            "timescales":{"high_risk":{"hours":-3},"soon":{"hours":1}},"category_names":{},
            "calendar":{"bank_holidays":"mars"},"lists":{"jargon":["a | b | colour=red"]}}"#;
        let err = Policy::from_json(json).unwrap_err().to_string();
        for expected in [
            "colour: is not a known field",
            "rules.jargon.severity: expected error, warning or advice",
            "rules.jargon.messages.acronym: missing",
            "rules.spelling: is not a rule",
            "rules.late-recording: missing",
            "timescales.high_risk.hours: expected a positive number, got -3",
            "timescales.soon: is not a deadline category",
            "timescales.other: missing",
            "calendar.bank_holidays",
            "lists.voice: missing",
            "lists.jargon line 1: unknown option",
        ] {
            assert!(err.contains(expected), "{expected:?} not in {err}");
        }
    }

    #[test]
    fn an_extending_policy_changes_only_what_it_names() {
        let policy = Policy::from_json(
            r#"{"extends":"worcestershire","name":"Test council",
                "rules":{"vague-language":{"enabled":false},"jargon":{"messages":{"plain":"Say it plainly: {term}."}}},
                "timescales":{"statutory_visit":{"working_days":2,"day_ends_at":"17:00"}},
                "lists":{"jargon":{"add":["CSC | children's social care | acronym"],"remove":["LAC"]}}}"#,
        )
        .unwrap();
        assert_eq!(policy.name, "Test council");
        assert!(!policy.rule("vague-language").enabled);
        assert_eq!(policy.message("jargon", "plain", &[("term", "commence")]), "Say it plainly: commence.");
        assert!(policy.message("jargon", "acronym", &[("term", "X")]).contains('X'), "other messages are kept");
        assert!(matches!(policy.timescale(Category::StatutoryVisit), Timescale::WorkingDays { days: 2, .. }));
        let terms: Vec<&str> = policy.lexicon.entries.iter().filter(|e| e.list == List::Jargon).map(|e| e.term.as_str()).collect();
        assert!(terms.contains(&"CSC") && !terms.contains(&"LAC"));
    }

    #[test]
    fn messages_fill_placeholders() {
        let policy = Policy::worcestershire();
        let msg = policy.message("jargon", "acronym", &[("term", "LAC")]);
        assert!(msg.contains("LAC") && !msg.contains('{'), "{msg}");
    }
}
