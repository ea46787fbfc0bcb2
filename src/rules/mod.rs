//! The rules: one file each, with its documentation, logic and tests.
//!
//! Every rule is a [`RuleDef`] listed in [`RULES`]; its documentation feeds the
//! CLI's `rules` listing, the page's explanations and `RULES.md`.

use crate::document::Document;
use crate::people::People;
use crate::policy::Policy;
use crate::report::{Category, EqualityArea, Severity};
use crate::Context;

mod documents_given;
mod equality_information;
mod information_sharing;
mod jargon;
mod late_recording;
mod missing_child_voice;
mod missing_professional_opinion;
mod opinion_as_fact;
mod plain_english;
mod stigmatising_language;
mod unattributed_decision;
mod unresolved_disagreement;
mod vague_language;
mod visit_details;

/// What a rule is, for people: fixed headings after clippy's and ruff's docs.
#[derive(Debug)]
pub(crate) struct RuleMeta {
    /// Stable kebab-case id naming the problem.
    pub id: &'static str,
    /// A short title.
    pub title: &'static str,
    /// What it checks.
    pub what: &'static str,
    /// Why it matters, citing the policy.
    pub why: &'static str,
    /// A note the rule flags.
    pub flagged: &'static str,
    /// The same note written better; the rule passes it.
    pub better: &'static str,
    /// Known false alarms and misses.
    pub limits: &'static str,
    /// The message variants the rule needs from the policy.
    pub messages: &'static [&'static str],
}

/// A rule: its documentation and its check.
#[derive(Debug)]
pub(crate) struct RuleDef {
    pub meta: RuleMeta,
    pub check: fn(&mut Cx<'_>),
}

/// Every rule, alphabetically — which is also the order they run in, so
/// `visit-details` sees the deadline and the child's voice already worked out.
pub(crate) static RULES: &[&RuleDef] = &[
    &documents_given::RULE,
    &equality_information::RULE,
    &information_sharing::RULE,
    &jargon::RULE,
    &late_recording::RULE,
    &missing_child_voice::RULE,
    &missing_professional_opinion::RULE,
    &opinion_as_fact::RULE,
    &plain_english::RULE,
    &stigmatising_language::RULE,
    &unattributed_decision::RULE,
    &unresolved_disagreement::RULE,
    &vague_language::RULE,
    &visit_details::RULE,
];

/// A finding before its span is converted to UTF-16.
#[derive(Debug)]
pub(crate) struct RawFinding {
    pub rule: &'static str,
    pub severity: Severity,
    pub standard: Option<u8>,
    /// Byte range of the normalised text.
    pub span: Option<(usize, usize)>,
    pub message: String,
    pub suggestions: Vec<String>,
}

/// The deadline a note falls under, before conversion.
#[derive(Debug)]
pub(crate) struct RawDeadline {
    pub category: Category,
    pub evidence: Option<(usize, usize)>,
    pub due: Option<chrono::NaiveDateTime>,
    pub overdue: Option<bool>,
}

/// Everything rules found, in normalised-text byte ranges.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub findings: Vec<RawFinding>,
    pub opinion: Vec<(usize, usize)>,
    pub child_voice: Vec<(usize, usize)>,
    pub equality: Vec<(EqualityArea, (usize, usize))>,
    pub deadline: Option<RawDeadline>,
}

/// What a rule sees while checking one note.
pub(crate) struct Cx<'a> {
    pub doc: &'a Document<'a>,
    pub ctx: &'a Context,
    pub policy: &'a Policy,
    pub people: &'a People,
    pub out: Outcome,
}

impl Cx<'_> {
    /// Records a finding with the policy's severity for the rule.
    pub fn flag(&mut self, rule: &'static str, span: Option<(usize, usize)>, message: String, suggestions: Vec<String>) {
        let severity = self.policy.rule(rule).severity;
        self.flag_as(rule, severity, span, message, suggestions);
    }

    /// Records a finding whose message is the policy's `variant` for the rule,
    /// with the rule's own suggestions from the policy.
    pub fn raise(&mut self, rule: &'static str, variant: &str, span: Option<(usize, usize)>, values: &[(&str, &str)]) {
        let message = self.policy.message(rule, variant, values);
        let suggestions = self.policy.suggestions(rule).to_vec();
        self.flag(rule, span, message, suggestions);
    }

    /// Records a finding with a severity of the rule's choosing; a rule the
    /// policy turns off records nothing.
    pub fn flag_as(&mut self, rule: &'static str, severity: Severity, span: Option<(usize, usize)>, message: String, suggestions: Vec<String>) {
        let settings = self.policy.rule(rule);
        if settings.enabled {
            self.out.findings.push(RawFinding { rule, severity, standard: settings.standard, span, message, suggestions });
        }
    }

    /// The child's first name, or "the child".
    pub fn child(&self) -> String {
        self.ctx.child_name.as_deref().and_then(|n| n.split_whitespace().next()).map_or_else(|| "the child".to_owned(), str::to_owned)
    }

    /// The trimmed byte range of a sentence.
    pub fn sentence_span(&self, sentence: usize) -> (usize, usize) {
        let s = self.doc.sentences[sentence];
        let text = &self.doc.norm[s.start..s.end];
        let start = s.start + (text.len() - text.trim_start().len());
        let end = s.end - (text.len() - text.trim_end().len());
        (start, end.max(start))
    }
}

/// Flags every unquoted hit of a word list under `rule`, with the entry's
/// suggestions; `keep` can veto a hit (e.g. a vague word with evidence beside it).
pub(crate) fn flag_list(cx: &mut Cx<'_>, list: crate::lexicon::List, rule: &'static str, keep: fn(&Cx<'_>, &crate::lexicon::Hit) -> bool) {
    let doc = cx.doc;
    let severity = cx.policy.rule(rule).severity;
    for hit in doc.hits_in(list) {
        if doc.is_quoted(hit.start) || !keep(cx, hit) {
            continue;
        }
        let entry = doc.entry(hit);
        let term = &doc.norm[hit.start..hit.end];
        let variant = if entry.severity == Some(Severity::Error) { "serious" } else { "default" };
        let message = cx.policy.message(rule, variant, &[("term", term)]);
        let suggestions = entry.values().map(str::to_owned).collect();
        cx.flag_as(rule, entry.severity.unwrap_or(severity), Some((hit.start, hit.end)), message, suggestions);
    }
}

impl Cx<'_> {
    /// Unquoted hits of one class of a list (`value` of the entry).
    pub fn class_hits<'d>(&'d self, list: crate::lexicon::List, class: &'d str) -> impl Iterator<Item = &'d crate::lexicon::Hit> + 'd {
        let doc = self.doc;
        doc.hits_in(list).filter(move |h| doc.entry(h).value == class && !doc.is_quoted(h.start))
    }

    /// True when a sentence has an unquoted hit of the class.
    pub fn sentence_has(&self, sentence: usize, list: crate::lexicon::List, class: &str) -> bool {
        let s = self.doc.sentences[sentence];
        self.doc.hits_between(list, s.start, s.end).any(|h| self.doc.entry(h).value == class && !self.doc.is_quoted(h.start))
    }
}

#[cfg(test)]
pub(crate) mod test {
    //! Helpers for the rules' own tests.
    use crate::{Checker, Context, Report};
    use std::sync::LazyLock;

    static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

    pub fn check(text: &str) -> Report {
        CHECKER.check(text, &Context::default())
    }

    pub fn check_with(text: &str, ctx: &str) -> Report {
        CHECKER.check(text, &Context::from_json(ctx).unwrap())
    }

    /// The texts a rule flags in a note.
    pub fn flagged(rule: &str, text: &str) -> Vec<String> {
        check(text).findings.into_iter().filter(|f| f.rule == rule).map(|f| f.text).collect()
    }

    #[track_caller]
    pub fn assert_flags(rule: &str, text: &str, expected: &[&str]) {
        assert_eq!(flagged(rule, text), expected, "rule {rule} on {text:?}");
    }

    #[track_caller]
    pub fn assert_clean(rule: &str, text: &str) {
        let found = flagged(rule, text);
        assert!(found.is_empty(), "rule {rule} flagged {found:?} in {text:?}");
    }
}
