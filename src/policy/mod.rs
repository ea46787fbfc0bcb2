//! A council's recording policy as data: which rules run and how severe they
//! are, their messages, the recording timescales, the working calendar, the
//! standards' wording and every word list. Worcestershire's is built in; any
//! other is a JSON file, whole or `"extends": "worcestershire"`.
//!
//! - `builtin`: the built-in policy's data, trimmed at compile time;
//! - `merge`: an extending policy laid over the built-in document;
//! - `read`: the document checked and read into a [`Policy`], every problem
//!   reported with its path, so a broken policy never half-applies;
//! - `patterns`: the council's own patterns, read and compiled.

mod builtin;
mod merge;
mod patterns;
mod read;

use chrono::NaiveTime;
use serde_json::Value;

pub(crate) use builtin::worcestershire_document;
pub(crate) use patterns::{Pattern, PATTERN_LIMITS};

use crate::calendar::Calendar;
use crate::error::{Error, Problem};
use crate::ids::{Category, RuleId, Severity, Table};
use crate::lexicon::{Lexicon, List};
use crate::small_map::SmallMap;

/// The message variants each rule needs from a policy (the rules' own
/// metadata, passed in by the checker so that the policy need not know the rules).
pub(crate) type MessageVariants = fn(RuleId) -> &'static [&'static str];

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
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RuleSettings {
    pub enabled: bool,
    pub severity: Severity,
    pub standard: Option<u8>,
    messages: SmallMap<&'static str, String>,
    suggestions: Vec<String>,
}

/// A loaded, validated policy.
#[derive(Debug)]
pub(crate) struct Policy {
    pub name: String,
    rules: Table<RuleId, RuleSettings>,
    timescales: Table<Category, Timescale>,
    category_names: Table<Category, String>,
    pub calendar: Calendar,
    pub standards: SmallMap<u8, String>,
    /// Which rule checks which requirement of the policy, for `RULES.md`.
    pub coverage: Vec<Coverage>,
    pub lexicon: Lexicon,
    /// The council's own patterns, which run like rules after the built-in ones.
    pub patterns: Vec<Pattern>,
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

impl Policy {
    /// Worcestershire's "Recording with Care" policy.
    pub fn worcestershire(messages: MessageVariants) -> Policy {
        // The lists go straight to the compiler rather than through the JSON
        // document's thousands of line strings: the page waits for this.
        let mut doc: Value = serde_json::from_str(builtin::WORCESTERSHIRE_JSON).expect("the built-in policy.json is JSON (tested)");
        doc["lists"] = Value::Object(List::ALL.iter().map(|l| (l.id().to_owned(), Value::Array(Vec::new()))).collect());
        read::build(&doc, Some(builtin::WORCESTERSHIRE_LISTS), messages).expect("the built-in policy is valid (tested)")
    }

    /// A policy from its JSON text.
    pub fn from_json(json: &str, messages: MessageVariants) -> Result<Policy, Error> {
        let value: Value = serde_json::from_str(json).map_err(|e| Error::policy(vec![Problem::new("policy", format!("not valid JSON ({e})"))]))?;
        Policy::from_value(value, messages)
    }

    /// A policy from a parsed JSON value: whole, or extending a built-in one.
    pub fn from_value(value: Value, messages: MessageVariants) -> Result<Policy, Error> {
        let Value::Object(mut fields) = value else { return Err(Error::policy(vec![Problem::new("policy", "expected a JSON object")])) };
        let document = match fields.remove("extends") {
            // A whole policy has rules and lists; a few settings without
            // them are an extension that forgot to say what it extends.
            None if !(fields.contains_key("rules") && fields.contains_key("lists")) => {
                return Err(Error::policy(vec![Problem::new(
                    "extends",
                    "missing: a policy that changes only some settings needs \"extends\": \"worcestershire\" (a whole policy gives every rule and list)",
                )]));
            }
            None => Value::Object(fields),
            Some(Value::String(base)) if base == "worcestershire" => {
                let mut merged = worcestershire_document();
                let mut problems = Vec::new();
                merge::merge(&mut merged, fields, &mut problems);
                if !problems.is_empty() {
                    return Err(Error::policy(problems));
                }
                merged
            }
            Some(other) => return Err(Error::policy(vec![Problem::new("extends", format!("expected \"worcestershire\", got {other}"))])),
        };
        read::build(&document, None, messages)
    }

    /// The settings of a rule.
    pub fn rule(&self, rule: RuleId) -> &RuleSettings {
        &self.rules[rule]
    }

    /// A rule's message, with `{key}` placeholders filled from `values`.
    pub fn message(&self, rule: RuleId, variant: &str, values: &[(&str, &str)]) -> String {
        let template = self.rules[rule].messages.get(variant).map_or("", String::as_str);
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
    pub fn suggestions(&self, rule: RuleId) -> &[String] {
        &self.rules[rule].suggestions
    }

    /// How long a category of recording may take.
    pub fn timescale(&self, category: Category) -> Timescale {
        self.timescales[category]
    }

    /// The policy's name for a category ("a statutory visit (within 72 hours)").
    pub fn category_name(&self, category: Category) -> &str {
        &self.category_names[category]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::message_variants;

    impl Policy {
        fn from_json_for_tests(json: &str) -> Result<Policy, Error> {
            Policy::from_json(json, message_variants)
        }
    }

    #[test]
    fn built_in_policy_loads() {
        let policy = Policy::worcestershire(message_variants);
        let from_document = read::build(&builtin::worcestershire_document(), None, message_variants).unwrap();
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
        let err = Policy::from_json_for_tests(json).unwrap_err().to_string();
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
            "lists.jargon[0]: unknown option",
        ] {
            assert!(err.contains(expected), "{expected:?} not in {err}");
        }
    }

    #[test]
    fn an_extending_policy_changes_only_what_it_names() {
        let policy = Policy::from_json_for_tests(
            r#"{"extends":"worcestershire","name":"Test council",
                "rules":{"vague-language":{"enabled":false},"jargon":{"messages":{"plain":"Say it plainly: {term}."}}},
                "timescales":{"statutory_visit":{"working_days":2,"day_ends_at":"17:00"}},
                "lists":{"jargon":{"add":["CSC | children's social care | acronym"],"remove":["LAC"]}}}"#,
        )
        .unwrap();
        assert_eq!(policy.name, "Test council");
        assert!(!policy.rule(RuleId::VagueLanguage).enabled);
        assert_eq!(policy.message(RuleId::Jargon, "plain", &[("term", "commence")]), "Say it plainly: commence.");
        assert!(policy.message(RuleId::Jargon, "acronym", &[("term", "X")]).contains('X'), "other messages are kept");
        assert!(matches!(policy.timescale(Category::StatutoryVisit), Timescale::WorkingDays { days: 2, .. }));
        let terms: Vec<&str> = policy.lexicon.entries.iter().filter(|e| e.list == List::Jargon).map(|e| e.term.as_str()).collect();
        assert!(terms.contains(&"CSC") && !terms.contains(&"LAC"));
    }

    #[test]
    fn messages_fill_placeholders() {
        let policy = Policy::worcestershire(message_variants);
        let msg = policy.message(RuleId::Jargon, "acronym", &[("term", "LAC")]);
        assert!(msg.contains("LAC") && !msg.contains('{'), "{msg}");
    }

    #[test]
    fn a_partial_policy_without_extends_is_one_problem() {
        let err = Policy::from_json_for_tests(r#"{"name": "Test", "timescales": {"statutory_visit": {"working_days": 2}}}"#).unwrap_err();
        assert_eq!(err.problems().len(), 1, "{err}");
        assert_eq!(err.problems()[0].path, "extends");
        assert!(err.problems()[0].message.contains("\"extends\": \"worcestershire\""));
    }
}
