//! Reading a policy document into a [`Policy`]: every field checked, every
//! problem collected with its path, nothing half-applied.

use chrono::NaiveTime;
use serde_json::{Map, Value};

use super::{Coverage, MessageVariants, Pattern, Policy, RuleSettings, Timescale};
use crate::calendar::{Calendar, Region};
use crate::error::{json_kind, Error, Problem};
use crate::ids::{comma_list, Category, IdEnum, RuleId, Severity, Table};
use crate::lexicon::{Lexicon, List};
use crate::small_map::SmallMap;
use crate::time::{parse_clock, parse_date};

/// A policy from its document, with the word lists' text given apart
/// (the document's own `lists` are then only checked for shape).
pub(super) fn build(doc: &Value, list_texts: Option<[&str; List::COUNT]>, messages: MessageVariants) -> Result<Policy, Error> {
    let mut p = Problems::default();
    let fields = p.object("", doc);
    p.known_keys("", fields, &["$schema", "name", "rules", "timescales", "category_names", "calendar", "standards", "lists", "patterns", "coverage"]);
    let patterns = p.patterns(fields.get("patterns"));
    let coverage = p.coverage(fields.get("coverage"), &patterns);
    let name = p.string("name", fields.get("name")).unwrap_or_default();

    let rule_fields = p.object("rules", fields.get("rules").unwrap_or(&Value::Null));
    let rules = Table::try_from_fn(|rule: RuleId| {
        let path = format!("rules.{}", rule.id());
        match rule_fields.get(rule.id()) {
            None => {
                p.push(&path, "missing");
                None
            }
            Some(v) => p.rule(&path, v, messages(rule)),
        }
    });
    for id in rule_fields.keys().filter(|id| RuleId::from_id(id).is_none()) {
        p.push(&format!("rules.{id}"), &format!("is not a rule of this checker (expected one of {})", <RuleId as IdEnum>::ids()));
    }

    let timescale_fields = p.object("timescales", fields.get("timescales").unwrap_or(&Value::Null));
    let name_fields = p.object("category_names", fields.get("category_names").unwrap_or(&Value::Null));
    let timescales = Table::try_from_fn(|category: Category| {
        let path = format!("timescales.{}", category.id());
        match timescale_fields.get(category.id()) {
            None => {
                p.push(&path, "missing");
                None
            }
            Some(v) => p.timescale(&path, v),
        }
    });
    let category_names = Table::try_from_fn(|category: Category| p.string(&format!("category_names.{}", category.id()), name_fields.get(category.id())));
    for (section, keys) in [("timescales", timescale_fields), ("category_names", name_fields)] {
        for id in keys.keys().filter(|id| Category::from_id(id).is_none()) {
            p.push(&format!("{section}.{id}"), &format!("is not a deadline category ({})", <Category as IdEnum>::ids()));
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
    for &list in List::ALL {
        let path = format!("lists.{}", list.id());
        match list_fields.get(list.id()) {
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
            Some(other) => p.push(&path, &format!("expected an array of lines, got {}", json_kind(other))),
        }
    }
    p.known_keys("lists", list_fields, &List::ALL.iter().map(|l| l.id()).collect::<Vec<_>>());
    let mut sources: Vec<(List, &str, &str)> = texts.iter().map(|(l, path, t)| (*l, path.as_str(), t.as_str())).collect();
    if let Some(list_texts) = list_texts {
        sources = List::ALL.iter().zip(list_texts).map(|(&list, text)| (list, list.id(), text)).collect();
    }
    let lexicon = Lexicon::build(&sources).map_err(|problems| p.problems.extend(problems)).ok();

    match (p.problems.is_empty(), rules, timescales, category_names, lexicon) {
        (true, Some(rules), Some(timescales), Some(category_names), Some(lexicon)) => {
            Ok(Policy { name, rules, timescales, category_names, calendar, standards, coverage, lexicon, patterns })
        }
        _ => Err(Error::policy(p.problems)),
    }
}

/// Problems found while reading a policy, each with its path.
#[derive(Default)]
pub(super) struct Problems {
    problems: Vec<Problem>,
}

static EMPTY: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl Problems {
    pub(super) fn push(&mut self, path: &str, problem: &str) {
        let path = if path.is_empty() { "policy" } else { path };
        self.problems.push(Problem::new(path, problem));
    }

    fn object<'v>(&mut self, path: &str, v: &'v Value) -> &'v Map<String, Value> {
        match v {
            Value::Object(map) => map,
            Value::Null => {
                self.push(path, "missing");
                &EMPTY
            }
            other => {
                self.push(path, &format!("expected an object, got {}", json_kind(other)));
                &EMPTY
            }
        }
    }

    pub(super) fn known_keys(&mut self, path: &str, map: &Map<String, Value>, known: &[&str]) {
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            let full = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            self.push(&full, &format!("is not a known field (expected one of {})", comma_list(known.iter().copied())));
        }
    }

    pub(super) fn string(&mut self, path: &str, v: Option<&Value>) -> Option<String> {
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
                self.push(path, &format!("expected a string, got {}", json_kind(other)));
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
        let parsed = v.as_str().and_then(parse_clock);
        if parsed.is_none() {
            self.push(path, &format!("expected a time of day like \"17:00\", got {v}"));
        }
        parsed
    }

    fn rule(&mut self, path: &str, v: &Value, variants: &[&'static str]) -> Option<RuleSettings> {
        let fields = self.object(path, v);
        self.known_keys(path, fields, &["enabled", "severity", "standard", "messages", "suggestions"]);
        let enabled = match fields.get("enabled") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.push(&format!("{path}.enabled"), &format!("expected true or false, got {}", json_kind(other)));
                true
            }
        };
        let severity = self.severity(&format!("{path}.severity"), fields.get("severity"));
        let standard = fields.get("standard").and_then(|v| self.standard(&format!("{path}.standard"), v));
        let mut messages = SmallMap::new();
        let message_fields = self.object(&format!("{path}.messages"), fields.get("messages").unwrap_or(&Value::Null));
        for variant in variants {
            if let Some(text) = self.string(&format!("{path}.messages.{variant}"), message_fields.get(*variant)) {
                messages.insert(*variant, text);
            }
        }
        self.known_keys(&format!("{path}.messages"), message_fields, variants);
        let suggestions = match fields.get("suggestions") {
            None => Vec::new(),
            Some(Value::Array(items)) => items.iter().enumerate().filter_map(|(i, s)| self.string(&format!("{path}.suggestions[{i}]"), Some(s))).collect(),
            Some(other) => {
                self.push(&format!("{path}.suggestions"), &format!("expected an array of strings, got {}", json_kind(other)));
                Vec::new()
            }
        };
        Some(RuleSettings { enabled, severity: severity?, standard, messages, suggestions })
    }

    pub(super) fn severity(&mut self, path: &str, v: Option<&Value>) -> Option<Severity> {
        let s = self.string(path, v)?;
        Severity::from_id(&s).or_else(|| {
            self.push(path, &format!("expected error, warning or advice, got {s:?}"));
            None
        })
    }

    /// A standard's number from 1 to 5, or `None` for null (and for a bad value, with a problem).
    pub(super) fn standard(&mut self, path: &str, v: &Value) -> Option<u8> {
        match v {
            Value::Null => None,
            v => match v.as_u64() {
                Some(n @ 1..=5) => Some(n as u8),
                _ => {
                    self.push(path, &format!("expected a standard number from 1 to 5 or null, got {v}"));
                    None
                }
            },
        }
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

    /// The coverage table; its rows may name built-in rules and the policy's own patterns.
    fn coverage(&mut self, v: Option<&Value>, patterns: &[Pattern]) -> Vec<Coverage> {
        let Some(v) = v else { return Vec::new() };
        let Value::Array(items) = v else {
            self.push("coverage", &format!("expected an array, got {}", json_kind(v)));
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
                    Some(id) if RuleId::from_id(id).is_some() || patterns.iter().any(|p| p.id == id) => rules.push(id.to_owned()),
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
                        match day.as_str().and_then(parse_date) {
                            Some(d) => calendar.closures.push(d),
                            None => self.push(&format!("calendar.closures[{i}]"), &format!("expected a date like \"2026-12-24\", got {day}")),
                        }
                    }
                }
                other => self.push("calendar.closures", &format!("expected an array of dates, got {}", json_kind(other))),
            }
        }
        calendar
    }
}
