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
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod calendar;
mod context;
mod document;
mod error;
mod lexicon;
mod people;
mod phrase_index;
mod policy;
mod report;
mod rules;
mod small_map;
mod sort;
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;
mod words;

use serde::Serialize;

pub use context::Context;
pub use error::Error;
pub use policy::Coverage;
pub use report::{Category, Deadline, DeadlineStatus, EqualityArea, EqualitySummary, Finding, Presence, Report, Severity, Span, Stats};

use document::Document;
use people::People;
use policy::Policy;
use rules::{Cx, Outcome, RULES};

/// A policy compiled and ready to check notes. Build one and reuse it: the
/// word lists are compiled here, once.
#[derive(Debug)]
pub struct Checker {
    policy: Policy,
}

/// A rule as the CLI's `rules` listing, the page and `RULES.md` show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Short title.
    pub title: &'static str,
    /// Severity under this policy.
    pub severity: Severity,
    /// Policy standard it comes from.
    pub standard: Option<u8>,
    /// False when the policy turns the rule off.
    pub enabled: bool,
    /// The policy's wording of that standard.
    pub standard_text: Option<String>,
    /// What it checks.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A note it flags.
    pub flagged_example: &'static str,
    /// A better version.
    pub better_example: &'static str,
    /// Known limits.
    pub limits: &'static str,
}

impl Default for Checker {
    fn default() -> Checker {
        Checker::new()
    }
}

impl Checker {
    /// A checker for the built-in policy (Worcestershire's "Recording with Care").
    pub fn new() -> Checker {
        Checker { policy: Policy::worcestershire() }
    }

    /// A checker for a council's own policy (JSON; see `policy.schema.json`),
    /// whole or `"extends": "worcestershire"`. Every problem in the file is
    /// reported at once, with its path; a broken policy is never half-applied.
    ///
    /// ```
    /// use case_note_checker::Checker;
    /// let checker = Checker::with_policy(r#"{"extends": "worcestershire", "name": "Test",
    ///     "timescales": {"statutory_visit": {"working_days": 2}}}"#)?;
    /// assert_eq!(checker.policy_name(), "Test");
    /// assert!(Checker::with_policy(r#"{"extends": "worcestershire", "colour": 1}"#).is_err());
    /// # Ok::<(), case_note_checker::Error>(())
    /// ```
    pub fn with_policy(json: &str) -> Result<Checker, Error> {
        Ok(Checker { policy: Policy::from_json(json)? })
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
        let doc = Document::new(text, &self.policy.lexicon);
        let people = People::new(&doc, context);
        let mut cx = Cx { doc: &doc, ctx: context, policy: &self.policy, people: &people, out: Outcome::default() };
        for rule in RULES {
            (rule.check)(&mut cx);
        }
        build_report(&doc, cx.out)
    }

    #[cfg(test)]
    pub(crate) fn policy_for_tests(&self) -> &Policy {
        &self.policy
    }

    /// Every rule, with this policy's severities and standards.
    pub fn rules(&self) -> Vec<RuleInfo> {
        RULES
            .iter()
            .map(|def| {
                let m = &def.meta;
                let settings = self.policy.rule(m.id);
                let (severity, standard, enabled) = (settings.severity, settings.standard, settings.enabled);
                RuleInfo {
                    id: m.id,
                    title: m.title,
                    severity,
                    standard,
                    enabled,
                    standard_text: standard.and_then(|n| self.policy.standards.get(&n).cloned()),
                    what: m.what,
                    why: m.why,
                    flagged_example: m.flagged,
                    better_example: m.better,
                    limits: m.limits,
                }
            })
            .collect()
    }
}

/// Converts normalised-text byte ranges to UTF-16 spans of the original text,
/// in one pass over it, and orders the findings.
fn build_report(doc: &Document<'_>, out: Outcome) -> Report {
    let range = |(s, e): (usize, usize)| {
        let (s, e) = doc.text_range(s, e);
        whole_graphemes(doc.text, s, e)
    };
    let mut offsets: Vec<usize> = Vec::new();
    let mut add = |r: (usize, usize)| {
        let (s, e) = range(r);
        offsets.push(s);
        offsets.push(e);
    };
    out.findings.iter().filter_map(|f| f.span).for_each(&mut add);
    out.opinion.iter().copied().for_each(&mut add);
    out.child_voice.iter().copied().for_each(&mut add);
    out.equality.iter().map(|&(_, s)| s).for_each(&mut add);
    if let Some(e) = out.deadline.as_ref().and_then(|d| d.evidence) {
        add(e);
    }
    sort::sort(&mut offsets);
    offsets.dedup();
    let utf16 = utf16_offsets(doc.text, &offsets);
    let to16 = |byte: usize| utf16[offsets.binary_search(&byte).expect("offset was collected")];
    let span = |r: (usize, usize)| {
        let (s, e) = range(r);
        Span { start: to16(s), end: to16(e) }
    };
    let text_of = |r: (usize, usize)| {
        let (s, e) = range(r);
        doc.text[s..e].to_owned()
    };

    let mut findings: Vec<(usize, Finding)> = out
        .findings
        .into_iter()
        .map(|f| Finding {
            rule: f.rule.to_owned(),
            severity: f.severity,
            standard: f.standard,
            span: f.span.map(span),
            text: f.span.map(text_of).unwrap_or_default(),
            message: f.message,
            suggestions: f.suggestions,
        })
        .enumerate()
        .collect();
    // In text order; findings on one span keep the order their rules gave.
    sort::sort_by(&mut findings, |(i, a), (j, b)| (a.span, &a.rule, i) < (b.span, &b.rule, j));
    let findings: Vec<Finding> = findings.into_iter().map(|(_, f)| f).collect();

    let mut areas: Vec<EqualityArea> = out.equality.iter().map(|&(a, _)| a).collect();
    sort::sort(&mut areas);
    areas.dedup();
    let deadline = out.deadline.expect("the late-recording rule always runs");
    let presence = |spans: Vec<(usize, usize)>| Presence { present: !spans.is_empty(), evidence: spans.into_iter().map(span).collect() };
    Report {
        findings,
        opinion: presence(out.opinion),
        child_voice: presence(out.child_voice),
        equality: EqualitySummary { mentioned: areas, evidence: out.equality.iter().map(|&(_, s)| span(s)).collect() },
        deadline: Deadline {
            category: deadline.category,
            evidence: deadline.evidence.map(span),
            due: deadline.due.map(context::format_time),
            status: match deadline.overdue {
                Some(true) => DeadlineStatus::Overdue,
                Some(false) => DeadlineStatus::OnTime,
                None => DeadlineStatus::Unknown,
            },
        },
        stats: Stats { words: doc.tokens.len(), sentences: doc.sentences.len() },
    }
}

/// Widens a byte range of `text` to whole grapheme clusters, so a span never
/// ends between a letter and its combining mark ("non-compliant\u{308}", a
/// decomposed "José") or inside an emoji sequence: the word lists match
/// letters, but the page highlights what the reader sees as characters.
///
/// Unicode's grapheme tables would be an eighth of the WebAssembly module, so
/// each end moves outwards to the nearest position that is a boundary for
/// certain (see `certain_boundary`). In English text that is where the end
/// already is; in other scripts a span may take in a neighbouring cluster,
/// but it never splits one (a property test checks this against the tables).
fn whole_graphemes(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut start = start;
    while !certain_boundary(text, start) {
        start = text[..start].char_indices().next_back().map_or(0, |(i, _)| i);
    }
    let mut end = end.max(start);
    while !certain_boundary(text, end) {
        end += text[end..].chars().next().map_or(1, char::len_utf8);
    }
    (start, end)
}

/// True when `at` is a grapheme cluster boundary whatever the rules' finer
/// points: the text's ends, or before a character that always starts a
/// cluster (ASCII, and the Latin, Greek and Cyrillic letters, punctuation and
/// currency signs notes are written with; none of them extends, joins or is
/// an emoji) or after a line break or other control character, unless the
/// character before binds to it (CR before LF, or one of Unicode's few
/// "prepend" characters).
fn certain_boundary(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at > 0 && at < bytes.len() && bytes[at - 1].is_ascii() && bytes[at].is_ascii() {
        return !(bytes[at - 1] == b'\r' && bytes[at] == b'\n');
    }
    let (Some(next), Some(prev)) = (text[at..].chars().next(), text[..at].chars().next_back()) else { return true };
    let starts_cluster = matches!(next,
        '\0'..='\u{a8}' | '\u{aa}'..='\u{ad}' | '\u{af}'..='\u{24f}' | '\u{370}'..='\u{3ff}' | '\u{400}'..='\u{482}'
        | '\u{48a}'..='\u{52f}' | '\u{1e00}'..='\u{1eff}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{203b}'
        | '\u{203d}'..='\u{2048}' | '\u{204a}'..='\u{205e}' | '\u{20a0}'..='\u{20bf}');
    let binds_forward = matches!(prev,
        '\u{600}'..='\u{605}' | '\u{6dd}' | '\u{70f}' | '\u{890}' | '\u{891}' | '\u{8e2}' | '\u{d4e}' | '\u{110bd}' | '\u{110cd}'
        | '\u{111c2}' | '\u{111c3}' | '\u{1193f}' | '\u{11941}' | '\u{11a3a}' | '\u{11a84}'..='\u{11a89}' | '\u{11d46}' | '\u{11f02}');
    let after_control = prev.is_control() || matches!(prev, '\u{2028}' | '\u{2029}');
    (starts_cluster || after_control) && !binds_forward && !(prev == '\r' && next == '\n')
}

/// UTF-16 offsets of sorted byte offsets (each on a character boundary).
fn utf16_offsets(text: &str, sorted_bytes: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut units = 0;
    let mut from = 0;
    sorted_bytes
        .iter()
        .map(|&to| {
            units += utf16_len(&bytes[from..to]);
            from = to;
            units
        })
        .collect()
}

/// UTF-16 units of whole UTF-8 characters, counted from their bytes: one
/// for each byte that starts a character, one more for each that starts a
/// four-byte one (a surrogate pair). The compiler turns this into a vector loop.
fn utf16_len(utf8: &[u8]) -> usize {
    utf8.iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
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
        assert_eq!(whole_graphemes("e\u{301}x", 1, 1), (0, 3));
        assert_eq!(whole_graphemes("ab", 0, 2), (0, 2));
        assert_eq!(whole_graphemes("\u{1f469}\u{200d}\u{1f467}", 4, 7), (0, 11));
        assert_eq!(whole_graphemes("a\r\nb", 2, 2), (1, 3));
        assert_eq!(whole_graphemes("a\n\u{b3c}b", 2, 5), (2, 5));
        assert_eq!(whole_graphemes("a \u{b3c}b", 2, 5), (1, 5));
        assert_eq!(whole_graphemes("\u{1f1ec}\u{1f1e7} UK", 4, 4), (0, 8));
        assert_eq!(whole_graphemes("Zoë’s", 0, 4), (0, 4));
    }

    #[test]
    fn empty_and_blank_notes_are_fine() {
        for text in ["", "   \n\t ", "\u{0}\u{1}"] {
            let report = Checker::new().check(text, &Context::default());
            assert_eq!(report.stats.words, 0);
            assert!(report.findings.is_empty());
        }
    }
}
