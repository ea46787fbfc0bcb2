//! The report: one shape for the Rust API, the CLI's JSON and JavaScript,
//! assembled from what the rules found and what the facts establish, with
//! every position turned into UTF-16 code units of the original text.

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::facts::Judgement;
use crate::facts::{Facts, Range};
use crate::ids::{Category, CueKind, EqualityArea, FindingKind, Severity, TimeSource};
use crate::offsets::{utf16_offsets, whole_graphemes};
use crate::policy::Policy;
use crate::rules::{Place, RawFinding, RuleKey};
use crate::sort;
use crate::time::format_time;

/// A half-open range of the note text in UTF-16 code units, the unit of
/// JavaScript's `substring` and `setSelectionRange`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First code unit.
    pub start: usize,
    /// One past the last code unit.
    pub end: usize,
}

/// One thing the worker could improve, with where it is and what to do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable kebab-case rule id, e.g. `jargon`.
    pub rule: String,
    /// What the finding asks of the worker: change words (`term`), add to a
    /// passage (`passage`), add what the note lacks (`missing`), fill in a
    /// form field (`field-empty`), or know it is late (`late`).
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// The policy standard (1–5) it comes from, if any.
    pub standard: Option<u8>,
    /// Where it is; `None` when the finding is about something absent.
    pub span: Option<Span>,
    /// The flagged text (empty when `span` is `None`).
    pub text: String,
    /// A plain-English explanation.
    pub message: String,
    /// Replacements for `text`, best first; may be empty.
    pub suggestions: Vec<String>,
}

/// Whether the note has something (professional opinion, the child's voice),
/// where, how sure the checker is, and the cues that led to it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Presence {
    /// True when at least one piece of evidence was found.
    pub present: bool,
    /// The passages that show it.
    pub evidence: Vec<Span>,
    /// How sure the checker is of `present`, from 0.5 to 1 (two decimals): the
    /// probability from the summed odds of the note's three likeliest
    /// sentences, measured against the model's threshold (0.5 just past it,
    /// either way). A "missing" finding is a warning only when the checker
    /// is sure; otherwise it is advice worded as a question.
    pub confidence: f64,
    /// For each passage of `evidence`, the words that counted most and the
    /// kind of cue they are ("analysis": "might indicate").
    pub cues: Vec<Cue>,
}

/// The words that led to a judgement, and what kind of cue they are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// Where the words are.
    pub span: Span,
    /// The kind of cue.
    pub cue: CueKind,
    /// The words, as the note has them.
    pub text: String,
}

/// The equality and diversity areas the note records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EqualitySummary {
    /// Areas recorded, in the policy's order.
    pub mentioned: Vec<EqualityArea>,
    /// The words that show them.
    pub evidence: Vec<Span>,
}

/// The recording deadline that applies, and whether it was met.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The strictest category the note or its form shows.
    pub category: Category,
    /// The words that put the note in this category, if it came from the text.
    pub evidence: Option<Span>,
    /// When the event happened (`YYYY-MM-DDTHH:MM`), if known: the form's
    /// `event_at`, or the time the note's opening gives ("Visited on 23/11 at
    /// 10am"; a day alone counts from 23:59 that day). Numeric dates are read
    /// day first, the UK order: "03/04" is 3 April.
    pub event_at: Option<String>,
    /// Where `event_at` came from: `form` or `text`.
    pub event_at_source: Option<TimeSource>,
    /// When the note is due (`YYYY-MM-DDTHH:MM`), if the event time is known.
    pub due: Option<String>,
    /// Whether it was recorded in time.
    pub status: DeadlineStatus,
}

/// Whether a note met its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Recorded at or before the due time.
    OnTime,
    /// Recorded after the due time.
    Overdue,
    /// The event or recording time is missing.
    Unknown,
}

/// Counts about the note.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Words, as Unicode word boundaries count them.
    pub words: usize,
    /// Sentences and stand-alone lines.
    pub sentences: usize,
}

/// Everything the checker found in one note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Findings: document-level ones (no span) first, then by position.
    pub findings: Vec<Finding>,
    /// The worker's own assessment of need and risk (Standard 1).
    pub opinion: Presence,
    /// The child's words, wishes and feelings, or observed lived experience.
    pub child_voice: Presence,
    /// Equality and diversity information (Standard 4).
    pub equality: EqualitySummary,
    /// Recording timescale (Standard 1).
    pub deadline: Deadline,
    /// Counts.
    pub stats: Stats,
}

/// Converts byte ranges (of the normalised text, or a pattern's of the
/// original) to UTF-16 spans of the original text, in one pass over it, and
/// orders the findings.
pub(crate) fn assemble(doc: &Document<'_>, facts: &Facts, policy: &Policy, raw: Vec<RawFinding>) -> Report {
    let range = |place: Place| {
        let (s, e) = match place {
            Place::Normalised(s, e) => doc.text_range(s, e),
            Place::Original(s, e) => (s, e),
        };
        whole_graphemes(doc.text, s, e)
    };
    let norm = |(s, e): Range| Place::Normalised(s, e);
    let mut offsets: Vec<usize> = Vec::new();
    let mut add = |place: Place| {
        let (s, e) = range(place);
        offsets.push(s);
        offsets.push(e);
    };
    raw.iter().filter_map(|f| f.span).for_each(&mut add);
    for judgement in [&facts.opinion, &facts.child_voice] {
        judgement.evidence.iter().copied().map(norm).for_each(&mut add);
        judgement.cues.iter().map(|&(r, _)| norm(r)).for_each(&mut add);
    }
    facts.equality.mentioned.iter().map(|&(_, s)| norm(s)).for_each(&mut add);
    if let Some(e) = facts.deadline.evidence {
        add(norm(e));
    }
    sort::sort(&mut offsets);
    offsets.dedup();
    let utf16 = utf16_offsets(doc.text, &offsets);
    let to16 = |byte: usize| utf16[offsets.binary_search(&byte).expect("offset was collected")];
    let span = |place: Place| {
        let (s, e) = range(place);
        Span { start: to16(s), end: to16(e) }
    };
    let text_of = |place: Place| {
        let (s, e) = range(place);
        doc.text[s..e].to_owned()
    };

    let mut findings: Vec<(RuleKey, usize, Finding)> = raw
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let finding = Finding {
                rule: f.rule.id(policy).to_owned(),
                kind: f.kind,
                severity: f.severity,
                standard: f.standard,
                span: f.span.map(span),
                text: f.span.map(text_of).unwrap_or_default(),
                message: f.message,
                suggestions: f.suggestions,
            };
            (f.rule, i, finding)
        })
        .collect();
    // In text order; findings on one span keep the order their rule gave,
    // whatever order the rules ran in.
    sort::sort_by(&mut findings, |(ra, i, a), (rb, j, b)| (a.span, ra, i) < (b.span, rb, j));
    let findings: Vec<Finding> = findings.into_iter().map(|(_, _, f)| f).collect();

    let mut areas: Vec<EqualityArea> = facts.equality.mentioned.iter().map(|&(a, _)| a).collect();
    sort::sort(&mut areas);
    areas.dedup();
    let presence = |j: &Judgement| Presence {
        present: j.present(),
        evidence: j.evidence.iter().copied().map(|r| span(norm(r))).collect(),
        confidence: j.confidence,
        cues: j.cues.iter().map(|&(r, cue)| Cue { span: span(norm(r)), cue, text: text_of(norm(r)) }).collect(),
    };
    let deadline = &facts.deadline;
    Report {
        findings,
        opinion: presence(&facts.opinion),
        child_voice: presence(&facts.child_voice),
        equality: EqualitySummary { mentioned: areas, evidence: facts.equality.mentioned.iter().map(|&(_, s)| span(norm(s))).collect() },
        deadline: Deadline {
            category: deadline.category,
            evidence: deadline.evidence.map(|r| span(norm(r))),
            event_at: deadline.event_at.map(format_time),
            event_at_source: deadline.event_at_source,
            due: deadline.due.map(format_time),
            status: match deadline.overdue {
                Some(true) => DeadlineStatus::Overdue,
                Some(false) => DeadlineStatus::OnTime,
                None => DeadlineStatus::Unknown,
            },
        },
        stats: Stats { words: doc.tokens.len(), sentences: doc.sentences.len() },
    }
}
