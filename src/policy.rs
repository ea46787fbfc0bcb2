//! A council's recording policy as data: severities, standards, messages,
//! timescales and word lists. Worcestershire's is built in.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::lexicon::{Lexicon, List};
use crate::report::{Category, Severity};
use crate::Error;

/// How long a category of recording may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Timescale {
    /// By 23:59 on the event's day.
    EndOfDay,
    /// Elapsed hours after the event.
    Hours(u32),
    /// By 23:59 on the nth working day after the event's date.
    WorkingDays(u32),
}

/// What a policy says about one rule.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleSettings {
    pub severity: String,
    pub standard: Option<u8>,
    /// Message templates by variant; `{name}` placeholders are filled in.
    pub messages: BTreeMap<String, String>,
    #[serde(default)]
    pub suggestions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    name: String,
    rules: BTreeMap<String, RuleSettings>,
    timescales: BTreeMap<String, TimescaleFile>,
    category_names: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimescaleFile {
    #[serde(default)]
    end_of_day: bool,
    hours: Option<u32>,
    working_days: Option<u32>,
}

/// A loaded, validated policy.
#[derive(Debug)]
pub(crate) struct Policy {
    pub name: String,
    rules: BTreeMap<String, (Severity, RuleSettings)>,
    timescales: BTreeMap<Category, Timescale>,
    category_names: BTreeMap<Category, String>,
    pub lexicon: Lexicon,
}

macro_rules! data {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/worcestershire/", $file))
    };
}

impl Policy {
    /// Worcestershire's "Recording with Care" policy.
    pub fn worcestershire() -> Result<Policy, Error> {
        Policy::from_parts(
            data!("policy.json"),
            &[
                (List::Jargon, "jargon.txt", data!("jargon.txt")),
                (List::Stigmatising, "stigmatising.txt", data!("stigmatising.txt")),
                (List::Vague, "vague.txt", data!("vague.txt")),
                (List::Equality, "equality.txt", data!("equality.txt")),
                (List::Deadline, "deadline.txt", data!("deadline.txt")),
                (List::Opinion, "opinion.txt", data!("opinion.txt")),
                (List::Voice, "voice.txt", data!("voice.txt")),
                (List::People, "people.txt", data!("people.txt")),
            ],
        )
    }

    fn from_parts(json: &str, lists: &[(List, &str, &str)]) -> Result<Policy, Error> {
        let file: PolicyFile = serde_json::from_str(json).map_err(|e| Error::policy(format!("policy.json: {e}")))?;
        let mut problems = Vec::new();
        let mut rules = BTreeMap::new();
        for def in crate::rules::RULES {
            match file.rules.get(def.meta.id) {
                None => problems.push(format!("rules.{}: missing", def.meta.id)),
                Some(settings) => match Severity::from_id(&settings.severity) {
                    None => problems.push(format!("rules.{}.severity: expected error, warning or advice, got {:?}", def.meta.id, settings.severity)),
                    Some(severity) => {
                        if settings.standard.is_some_and(|s| !(1..=5).contains(&s)) {
                            problems.push(format!("rules.{}.standard: expected 1 to 5", def.meta.id));
                        }
                        for variant in def.meta.messages {
                            if !settings.messages.contains_key(*variant) {
                                problems.push(format!("rules.{}.messages.{variant}: missing", def.meta.id));
                            }
                        }
                        rules.insert(def.meta.id.to_owned(), (severity, settings.clone()));
                    }
                },
            }
        }
        for id in file.rules.keys() {
            if !crate::rules::RULES.iter().any(|d| d.meta.id == id) {
                problems.push(format!("rules.{id}: no such rule"));
            }
        }
        let mut timescales = BTreeMap::new();
        let mut category_names = BTreeMap::new();
        for &category in Category::ALL {
            let id = category.id();
            match file.timescales.get(id) {
                None => problems.push(format!("timescales.{id}: missing")),
                Some(t) => match (t.end_of_day, t.hours, t.working_days) {
                    (true, None, None) => drop(timescales.insert(category, Timescale::EndOfDay)),
                    (false, Some(h), None) if h > 0 => drop(timescales.insert(category, Timescale::Hours(h))),
                    (false, None, Some(d)) if d > 0 => drop(timescales.insert(category, Timescale::WorkingDays(d))),
                    _ => problems.push(format!("timescales.{id}: expected exactly one of end_of_day: true, a positive hours, or a positive working_days")),
                },
            }
            match file.category_names.get(id) {
                None => problems.push(format!("category_names.{id}: missing")),
                Some(name) => drop(category_names.insert(category, name.clone())),
            }
        }
        for id in file.timescales.keys().chain(file.category_names.keys()) {
            if Category::from_id(id).is_none() {
                problems.push(format!("{id}: not a deadline category ({})", Category::ids()));
            }
        }
        let lexicon = Lexicon::build(lists);
        if let Err(e) = &lexicon {
            problems.push(e.to_string());
        }
        if !problems.is_empty() {
            return Err(Error::policy(problems.join("; ")));
        }
        Ok(Policy { name: file.name, rules, timescales, category_names, lexicon: lexicon? })
    }

    /// Severity and standard of a rule.
    pub fn rule(&self, id: &str) -> (Severity, Option<u8>) {
        let (severity, settings) = &self.rules[id];
        (*severity, settings.standard)
    }

    /// A rule's message, with `{key}` placeholders filled from `values`.
    pub fn message(&self, id: &str, variant: &str, values: &[(&str, &str)]) -> String {
        let template = self.rules[id].1.messages.get(variant).map_or("", String::as_str);
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
        &self.rules[id].1.suggestions
    }

    pub fn timescale(&self, category: Category) -> Timescale {
        self.timescales[&category]
    }

    pub fn category_name(&self, category: Category) -> &str {
        &self.category_names[&category]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_policy_loads() {
        let policy = Policy::worcestershire().unwrap();
        assert_eq!(policy.timescale(Category::StatutoryVisit), Timescale::Hours(72));
        assert_eq!(policy.timescale(Category::Other), Timescale::WorkingDays(5));
        assert_eq!(policy.timescale(Category::HighRisk), Timescale::EndOfDay);
    }

    #[test]
    fn broken_policy_lists_every_problem() {
        let json = r#"{"name":"x","rules":{"jargon":{"severity":"loud","messages":{}}},
            "timescales":{"high_risk":{"hours":0}},"category_names":{}}"#;
        let err = Policy::from_parts(json, &[]).unwrap_err().to_string();
        for expected in ["rules.jargon.severity", "rules.late-recording: missing", "timescales.high_risk", "timescales.other: missing"] {
            assert!(err.contains(expected), "{expected} not in {err}");
        }
    }

    #[test]
    fn messages_fill_placeholders() {
        let policy = Policy::worcestershire().unwrap();
        let msg = policy.message("jargon", "acronym", &[("term", "LAC")]);
        assert!(msg.contains("LAC") && !msg.contains('{'), "{msg}");
    }
}
