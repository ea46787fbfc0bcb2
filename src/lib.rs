//! Checks a children's social-care case note against a council's recording
//! policy — Worcestershire's "Recording with Care" by default — and says
//! where the note falls short and how to fix it.
//!
//! The same core runs natively (this crate, and the `case-note-check` CLI)
//! and in the browser (the WebAssembly build), and all three return the same
//! [`Report`]. Spans are in UTF-16 code units, the unit of JavaScript strings.
//!
//! ```
//! use case_note_checker::{Checker, Context};
//!
//! let checker = Checker::new();
//! let report = checker.check("CIN visit. Mum said Jayden was fine.", &Context::default());
//! assert!(report.findings.iter().any(|f| f.rule == "jargon" && f.text == "CIN"));
//! assert!(!report.child_voice.present);
//! ```
//!
//! A check runs one way through the modules, each importing only those
//! before it (a test enforces it):
//! text → `document` (words, sentences, quotations, word-list hits) →
//! `people` (who is who) → `facts` (deadline, opinion, child's voice,
//! equality) → `rules` (findings) → `report` (UTF-16 spans).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

// Foundations: no imports from the pipeline.
mod calendar;
mod dates;
mod error;
mod ids;
mod normalise;
mod offsets;
mod small_map;
mod sort;
mod time;
mod words;
// Inputs: the word lists, the form's context, the policy.
mod context;
mod lexicon;
mod patterns;
mod policy;
// The pipeline.
mod document;
mod facts;
mod people;
mod report;
mod rules;
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

use serde::Serialize;

pub use context::Context;
pub use error::{Error, Problem};
#[doc(hidden)]
pub use facts::TrainingRow;
pub use ids::{Category, CueKind, EqualityArea, FindingKind, RuleId, Severity, TimeSource};
pub use policy::Coverage;
pub use report::{Cue, Deadline, DeadlineStatus, EqualitySummary, Finding, Presence, Report, Span, Stats};

use dates::LazyDateReader;
use document::Document;
use facts::{Facts, Models};
use people::People;
use policy::Policy;

/// A policy compiled and ready to check notes. Build one and reuse it: the
/// word lists are compiled here, once.
#[derive(Debug)]
pub struct Checker {
    policy: Policy,
    models: Models,
    dates: LazyDateReader,
}

/// A rule as the CLI's `rules` listing, the page and `RULES.md` show it: a
/// built-in rule, or one of the policy's own patterns (its `id`, `title`,
/// examples and explanation are then the policy's, and `what` quotes its
/// regular expression).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleInfo {
    /// Stable id: a [`RuleId`]'s, or a pattern's own.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Severity under this policy.
    pub severity: Severity,
    /// Policy standard it comes from.
    pub standard: Option<u8>,
    /// False when the policy turns the rule off.
    pub enabled: bool,
    /// The policy's wording of that standard.
    pub standard_text: Option<String>,
    /// What it checks.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// A note it flags (empty when a pattern gives none).
    pub flagged_example: String,
    /// A better version (empty when a pattern gives none).
    pub better_example: String,
    /// Known limits.
    pub limits: String,
    /// The kinds of finding it emits.
    pub kinds: &'static [FindingKind],
    /// The message variants a policy must give it (none for a pattern, whose
    /// one message is its own).
    pub messages: &'static [&'static str],
}

impl Default for Checker {
    fn default() -> Checker {
        Checker::new()
    }
}

impl Checker {
    /// A checker for the built-in policy (Worcestershire's "Recording with Care").
    pub fn new() -> Checker {
        Checker { policy: Policy::worcestershire(rules::message_variants), models: Models::builtin(), dates: LazyDateReader::default() }
    }

    /// A checker for a council's own policy (JSON; see `policy.schema.json`),
    /// whole or `"extends": "worcestershire"`. Every problem in the file is
    /// reported at once, with its path (see [`Error::problems`]); a broken
    /// policy is never half-applied.
    ///
    /// ```
    /// use case_note_checker::Checker;
    /// let checker = Checker::with_policy(r#"{"extends": "worcestershire", "name": "Test",
    ///     "timescales": {"statutory_visit": {"working_days": 2}}}"#)?;
    /// assert_eq!(checker.policy_name(), "Test");
    /// let err = Checker::with_policy(r#"{"extends": "worcestershire", "colour": 1}"#).unwrap_err();
    /// assert_eq!(err.problems()[0].path, "colour");
    /// # Ok::<(), case_note_checker::Error>(())
    /// ```
    pub fn with_policy(json: &str) -> Result<Checker, Error> {
        Ok(Checker { policy: Policy::from_json(json, rules::message_variants)?, models: Models::builtin(), dates: LazyDateReader::default() })
    }

    /// A checker for a council's policy already parsed as JSON (what the
    /// WebAssembly binding receives from a JavaScript object).
    pub fn with_policy_value(policy: serde_json::Value) -> Result<Checker, Error> {
        Ok(Checker { policy: Policy::from_value(policy, rules::message_variants)?, models: Models::builtin(), dates: LazyDateReader::default() })
    }

    /// Which rule checks which requirement of the policy.
    pub fn coverage(&self) -> &[Coverage] {
        &self.policy.coverage
    }

    /// The built-in policy as one JSON document, word lists included: a
    /// starting point for a council's own.
    pub fn default_policy_json() -> String {
        serde_json::to_string_pretty(&policy::worcestershire_document()).expect("a JSON value serialises")
    }

    /// The policy's name.
    pub fn policy_name(&self) -> &str {
        &self.policy.name
    }

    /// Checks one note. Never panics on any text.
    pub fn check(&self, text: &str, context: &Context) -> Report {
        self.check_in_order(text, context, RuleId::ALL.iter().copied())
    }

    /// Checks one note, running the rules in the order given: the report is
    /// the same whatever the order (a test runs them in reverse).
    fn check_in_order(&self, text: &str, context: &Context, order: impl Iterator<Item = RuleId>) -> Report {
        let doc = Document::new(text, &self.policy.lexicon);
        let people = People::new(&doc, context);
        let facts = Facts::new(&doc, context, &self.policy, &people, &self.models, &self.dates);
        let findings = rules::Cx::new(&doc, context, &self.policy, &people, &facts).run(order);
        report::assemble(&doc, &facts, &self.policy, findings)
    }

    /// Each sentence of a note as the sentence models see it: its byte range
    /// in `text`, its feature buckets for the opinion and voice models, and
    /// whether the rules count it.
    /// For `make model`, which trains them; not part of the stable API.
    #[doc(hidden)]
    pub fn sentence_features(&self, text: &str, context: &Context) -> Vec<facts::TrainingRow> {
        let doc = Document::new(text, &self.policy.lexicon);
        let people = People::new(&doc, context);
        facts::training_rows(&doc, context, &self.policy, &people, &self.dates)
    }

    /// A note as the category model sees it: its feature buckets.
    /// For `make model`, which trains it; not part of the stable API.
    #[doc(hidden)]
    pub fn category_features(&self, text: &str, context: &Context) -> Vec<u32> {
        let doc = Document::new(text, &self.policy.lexicon);
        let people = People::new(&doc, context);
        facts::category_features(&doc, context, &self.policy, &people, &self.dates)
    }

    #[cfg(test)]
    pub(crate) fn policy_for_tests(&self) -> &Policy {
        &self.policy
    }

    /// Every rule, with this policy's severities and standards: the
    /// built-in rules, then the policy's own patterns.
    pub fn rules(&self) -> Vec<RuleInfo> {
        let standard_text = |standard: Option<u8>| standard.and_then(|n| self.policy.standards.get(&n).cloned());
        let builtin = RuleId::ALL.iter().map(|&id| {
            let m = &rules::rule(id).meta;
            let settings = self.policy.rule(id);
            RuleInfo {
                id: m.id.id().to_owned(),
                title: m.title.to_owned(),
                severity: settings.severity,
                standard: settings.standard,
                enabled: settings.enabled,
                standard_text: standard_text(settings.standard),
                what: m.what.to_owned(),
                why: m.why.to_owned(),
                flagged_example: m.flagged.to_owned(),
                better_example: m.better.to_owned(),
                limits: m.limits.to_owned(),
                kinds: m.kinds,
                messages: m.messages,
            }
        });
        let patterns = self.policy.patterns.iter().map(|p| RuleInfo {
            id: p.id.clone(),
            title: p.title.clone().unwrap_or_else(|| p.id.clone()),
            severity: p.severity,
            standard: p.standard,
            enabled: true,
            standard_text: standard_text(p.standard),
            what: p.describe(),
            why: p.why.clone().unwrap_or_else(|| format!("One of this council's own checks, from its policy. Its message: {}", p.message)),
            flagged_example: p.flagged.clone().unwrap_or_default(),
            better_example: p.better.clone().unwrap_or_default(),
            limits: policy::PATTERN_LIMITS.to_owned(),
            kinds: match p.kind() {
                FindingKind::Term => &[FindingKind::Term],
                _ => &[FindingKind::Passage],
            },
            messages: &[],
        });
        builtin.chain(patterns).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_utf16_units_of_the_original_text() {
        let text = "Zo\u{eb} \u{1f600} said \u{201c}hi\u{201d}. The LAC went home.";
        let report = Checker::new().check(text, &Context::default());
        let lac = report.findings.iter().find(|f| f.text == "LAC").expect("LAC flagged");
        let units: Vec<u16> = text.encode_utf16().collect();
        let span = lac.span.unwrap();
        assert_eq!(String::from_utf16(&units[span.start..span.end]).unwrap(), "LAC");
    }

    #[test]
    fn findings_are_ordered_document_level_first() {
        let report = Checker::new().check("CIN visit. LAC review.", &Context::default());
        let spans: Vec<_> = report.findings.iter().map(|f| f.span).collect();
        let mut sorted = spans.clone();
        sorted.sort();
        assert_eq!(spans, sorted);
        assert!(spans[0].is_none());
    }

    #[test]
    fn spans_cover_whole_graphemes() {
        // Found by the fuzzer: the word list matched "non-compliant" and the
        // span ended before the combining diaeresis on its last letter.
        let text = "Mum was non-compliant\u{308}. LAC\u{301} review.";
        let report = Checker::new().check(text, &Context::default());
        let f = report.findings.iter().find(|f| f.rule == "stigmatising-language").expect("flagged");
        assert_eq!(f.text, "non-compliant\u{308}");
    }

    #[test]
    fn empty_and_blank_notes_are_fine() {
        for text in ["", "   \n\t ", "\u{0}\u{1}"] {
            let report = Checker::new().check(text, &Context::default());
            assert_eq!(report.stats.words, 0);
            assert!(report.findings.is_empty());
        }
    }

    /// Rules read facts and only emit findings, so their order cannot matter.
    #[test]
    fn rule_order_does_not_change_the_report() {
        let checker = Checker::new();
        let notes = include_str!("../tests/notes/labelled.jsonl").lines().chain(include_str!("../tests/notes/final.jsonl").lines());
        let mut compared = 0;
        for line in notes.filter(|l| !l.trim().is_empty()) {
            let note: serde_json::Value = serde_json::from_str(line).unwrap();
            let context = note.get("context").map_or_else(Context::default, |c| Context::from_value_json(c).unwrap());
            let text = note["text"].as_str().unwrap();
            let forward = checker.check(text, &context);
            let backward = checker.check_in_order(text, &context, RuleId::ALL.iter().rev().copied());
            assert_eq!(forward, backward, "{}", note["id"]);
            compared += 1;
        }
        assert!(compared > 100);
    }
}
