//! The rules: one file each, with its documentation, logic and tests.
//!
//! A rule reads the note (`Document`), who is who in it (`People`) and what
//! it establishes (`Facts`), and emits findings; it never works out a fact
//! another rule needs, so the rules can run in any order. Every rule is a
//! [`RuleDef`] reached from [`rule`], an exhaustive match: a rule id without
//! a rule is a compile error. Its documentation feeds the CLI's `rules`
//! listing, the page's explanations, `RULES.md`, the policy schema and the
//! TypeScript types.
//!
//! A policy's own patterns (`patterns`) run after the built-in rules, one
//! pass each over the note (see `patterns`), and report through
//! [`Cx::emit_pattern`] under their own ids.

use crate::context::Context;
use crate::document::Document;
use crate::facts::Facts;
use crate::ids::{FindingKind, RuleId, Severity};
use crate::lexicon::{Hit, List};
use crate::people::People;
use crate::policy::Policy;

mod documents_given;
mod equality_information;
mod information_sharing;
mod jargon;
mod late_recording;
mod missing_child_voice;
mod missing_professional_opinion;
mod opinion_as_fact;
mod patterns;
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
    pub id: RuleId,
    /// A short title.
    pub title: &'static str,
    /// What it checks.
    pub what: &'static str,
    /// Why it matters, citing the policy.
    pub why: &'static str,
    /// A note the rule flags. A trailing `[event …, recorded …]` gives the
    /// form's times the example needs.
    pub flagged: &'static str,
    /// The same note written better; the rule passes it.
    pub better: &'static str,
    /// Known false alarms and misses.
    pub limits: &'static str,
    /// The message variants the rule needs from the policy.
    pub messages: &'static [&'static str],
    /// The kinds of finding it emits.
    pub kinds: &'static [FindingKind],
}

/// A rule: its documentation and its check.
#[derive(Debug)]
pub(crate) struct RuleDef {
    pub meta: RuleMeta,
    pub check: fn(&mut Cx<'_>),
}

/// The registry: every rule id's rule.
pub(crate) fn rule(id: RuleId) -> &'static RuleDef {
    match id {
        RuleId::DocumentsGiven => &documents_given::RULE,
        RuleId::EqualityInformation => &equality_information::RULE,
        RuleId::InformationSharing => &information_sharing::RULE,
        RuleId::Jargon => &jargon::RULE,
        RuleId::LateRecording => &late_recording::RULE,
        RuleId::MissingChildVoice => &missing_child_voice::RULE,
        RuleId::MissingProfessionalOpinion => &missing_professional_opinion::RULE,
        RuleId::OpinionAsFact => &opinion_as_fact::RULE,
        RuleId::PlainEnglish => &plain_english::RULE,
        RuleId::StigmatisingLanguage => &stigmatising_language::RULE,
        RuleId::UnattributedDecision => &unattributed_decision::RULE,
        RuleId::UnresolvedDisagreement => &unresolved_disagreement::RULE,
        RuleId::VagueLanguage => &vague_language::RULE,
        RuleId::VisitDetails => &visit_details::RULE,
    }
}

/// The message variants a rule needs from a policy.
pub(crate) fn message_variants(id: RuleId) -> &'static [&'static str] {
    rule(id).meta.messages
}

/// Which rule a finding is from: a built-in rule, or one of the policy's
/// own patterns (by its place in `Policy::patterns`). Built-in rules sort first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum RuleKey {
    Rule(RuleId),
    Pattern(usize),
}

impl RuleKey {
    /// The id findings carry.
    pub fn id(self, policy: &Policy) -> &str {
        match self {
            RuleKey::Rule(rule) => rule.id(),
            RuleKey::Pattern(i) => &policy.patterns[i].id,
        }
    }
}

/// Where a finding is: a byte range of the normalised text (where the rules
/// work), or of the original text (where a policy's patterns match).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Normalised(usize, usize),
    Original(usize, usize),
}

/// A finding before its span is converted to UTF-16.
#[derive(Debug)]
pub(crate) struct RawFinding {
    pub rule: RuleKey,
    pub kind: FindingKind,
    pub severity: Severity,
    pub standard: Option<u8>,
    /// `None` for a finding about the whole note.
    pub span: Option<Place>,
    pub message: String,
    pub suggestions: Vec<String>,
}

/// A finding as a rule describes it: the policy supplies the message text,
/// and by default the severity and suggestions.
#[derive(Debug)]
pub(crate) struct Flag<'v> {
    kind: FindingKind,
    span: Option<(usize, usize)>,
    variant: &'static str,
    values: &'v [(&'v str, &'v str)],
    suggestions: Option<Vec<String>>,
    severity: Option<Severity>,
}

impl<'v> Flag<'v> {
    /// A finding of `kind` at `span` (normalised-text bytes; `None` for the
    /// whole note), worded by the policy's message `variant` for the rule.
    pub fn new(kind: FindingKind, span: Option<(usize, usize)>, variant: &'static str) -> Flag<'v> {
        Flag { kind, span, variant, values: &[], suggestions: None, severity: None }
    }

    /// Values for the message's `{placeholders}`.
    pub fn values(mut self, values: &'v [(&'v str, &'v str)]) -> Flag<'v> {
        self.values = values;
        self
    }

    /// Suggestions of the finding's own, instead of the rule's from the policy.
    pub fn suggestions(mut self, suggestions: Vec<String>) -> Flag<'v> {
        self.suggestions = Some(suggestions);
        self
    }

    /// A severity of the finding's own, instead of the policy's for the rule.
    pub fn severity(mut self, severity: Severity) -> Flag<'v> {
        self.severity = Some(severity);
        self
    }
}

/// What a rule sees while checking one note, and where it puts its findings.
pub(crate) struct Cx<'a> {
    pub doc: &'a Document<'a>,
    pub ctx: &'a Context,
    pub policy: &'a Policy,
    pub people: &'a People,
    pub facts: &'a Facts,
    /// The rule now running.
    rule: RuleId,
    findings: Vec<RawFinding>,
}

impl<'a> Cx<'a> {
    /// A context for running rules over one note.
    pub fn new(doc: &'a Document<'a>, ctx: &'a Context, policy: &'a Policy, people: &'a People, facts: &'a Facts) -> Cx<'a> {
        Cx { doc, ctx, policy, people, facts, rule: RuleId::Jargon, findings: Vec::new() }
    }

    /// Runs each rule the policy enables, in the order given, then the
    /// policy's own patterns.
    pub fn run(mut self, rules: impl Iterator<Item = RuleId>) -> Vec<RawFinding> {
        for id in rules {
            if self.policy.rule(id).enabled {
                self.rule = id;
                (rule(id).check)(&mut self);
            }
        }
        patterns::run(&mut self);
        self.findings
    }

    /// Records a finding of the running rule: the one way rules report.
    pub fn emit(&mut self, flag: Flag<'_>) {
        let settings = self.policy.rule(self.rule);
        let message = self.policy.message(self.rule, flag.variant, flag.values);
        let suggestions = flag.suggestions.unwrap_or_else(|| self.policy.suggestions(self.rule).to_vec());
        self.findings.push(RawFinding {
            rule: RuleKey::Rule(self.rule),
            kind: flag.kind,
            severity: flag.severity.unwrap_or(settings.severity),
            standard: settings.standard,
            span: flag.span.map(|(s, e)| Place::Normalised(s, e)),
            message,
            suggestions,
        });
    }

    /// Records a match of the policy's pattern `index` at a byte range of
    /// the original text, with the pattern's severity and standard.
    pub fn emit_pattern(&mut self, index: usize, (start, end): (usize, usize), message: String, suggestions: Vec<String>) {
        let pattern = &self.policy.patterns[index];
        self.findings.push(RawFinding {
            rule: RuleKey::Pattern(index),
            kind: pattern.kind(),
            severity: pattern.severity,
            standard: pattern.standard,
            span: Some(Place::Original(start, end)),
            message,
            suggestions,
        });
    }

    /// The child's first name, or "the child".
    pub fn child(&self) -> String {
        self.ctx.child_name.as_deref().and_then(|n| n.split_whitespace().next()).map_or_else(|| "the child".to_owned(), str::to_owned)
    }

    /// The note's own words at a range of the normalised text: what messages
    /// quote, so the worker sees what they wrote.
    pub fn original(&self, (start, end): (usize, usize)) -> &'a str {
        let (s, e) = self.doc.text_range(start, end);
        &self.doc.text[s..e]
    }
}

/// Flags every unquoted hit of a wording list (jargon, stigmatising, vague)
/// with the entry's suggestions; `keep` can veto a hit (e.g. a vague word with
/// evidence beside it).
pub(crate) fn flag_wording(cx: &mut Cx<'_>, list: List, keep: fn(&Cx<'_>, &Hit) -> bool) {
    let doc = cx.doc;
    for hit in doc.hits_in(list) {
        if doc.is_quoted(hit.start) || !keep(cx, hit) {
            continue;
        }
        let entry = doc.entry(hit);
        let term = cx.original((hit.start, hit.end));
        let variant = if entry.severity == Some(Severity::Error) { "serious" } else { "default" };
        let values = [("term", term)];
        let mut flag =
            Flag::new(FindingKind::Term, Some((hit.start, hit.end)), variant).values(&values).suggestions(entry.values().map(str::to_owned).collect());
        if let Some(severity) = entry.severity {
            flag = flag.severity(severity);
        }
        cx.emit(flag);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Checker;

    #[test]
    fn messages_quote_the_notes_own_words() {
        let report = Checker::new().check("Mum was non\u{2011}compliant and \u{201c}LAC\u{201d} was said.", &crate::Context::default());
        let f = report.findings.iter().find(|f| f.rule == "stigmatising-language").expect("flagged");
        assert!(f.message.contains("non\u{2011}compliant"), "{}", f.message);
    }

    #[test]
    fn the_registry_gives_each_id_its_own_rule() {
        for &id in RuleId::ALL {
            assert_eq!(rule(id).meta.id, id);
            assert!(!rule(id).meta.kinds.is_empty(), "{} declares the kinds it emits", id.id());
        }
    }

    /// Every rule's flagged example raises it, with only the kinds it
    /// declares, and its better example does not.
    #[test]
    fn every_rules_examples_behave() {
        let checker = Checker::new();
        for &id in RuleId::ALL {
            let meta = &rule(id).meta;
            for (example, flagged) in [(meta.flagged, true), (meta.better, false)] {
                let (text, context) = test::example(example);
                let findings: Vec<_> = checker.check(text, &context).findings.into_iter().filter(|f| f.rule == id.id()).collect();
                assert_eq!(!findings.is_empty(), flagged, "{}: {example:?} gave {findings:?}", id.id());
                for f in &findings {
                    assert!(meta.kinds.contains(&f.kind), "{}: undeclared kind {:?}", id.id(), f.kind);
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod test {
    //! Helpers for the rules' own tests.
    use crate::{Checker, Context, Report};
    use std::sync::LazyLock;

    pub static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

    pub fn check(text: &str) -> Report {
        CHECKER.check(text, &Context::default())
    }

    pub fn check_with(text: &str, ctx: &str) -> Report {
        CHECKER.check(text, &Context::from_json(ctx).unwrap())
    }

    /// A "missing" rule tells outright (a warning) on a note the model is
    /// sure lacks it, and says nothing of an empty note.
    pub fn assert_missing_is_a_warning_when_sure(rule: crate::ids::RuleId) {
        let rule = rule.id();
        let sure = check("I visited at 3pm. Mum made tea. I left at 4pm.");
        let finding = sure.findings.iter().find(|f| f.rule == rule).expect("flagged");
        assert_eq!(finding.severity, crate::ids::Severity::Warning, "{}", finding.message);
        for f in check("").findings.iter().chain(check("   ").findings.iter()) {
            assert_ne!(f.rule, rule, "an empty note has nothing missing yet");
        }
    }

    /// A rule's example and the context its trailing `[event …, recorded …]` gives.
    pub fn example(example: &str) -> (&str, Context) {
        let Some((text, times)) = example.strip_suffix(']').and_then(|e| e.rsplit_once(" [")) else { return (example, Context::default()) };
        let mut context = Context::default();
        for part in times.split(", ") {
            context = match part.split_once(' ') {
                Some(("event", at)) => context.with_event_at(at).unwrap(),
                Some(("recorded", at)) => context.with_recorded_at(at).unwrap(),
                _ => panic!("unreadable example context {part:?}"),
            };
        }
        (text, context)
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
