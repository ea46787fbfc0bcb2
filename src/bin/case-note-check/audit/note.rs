//! One note checked, and its report boiled down to the few facts the audit
//! counts. The note's text goes no further than here: what leaves is ids,
//! counts, rule ids, word-list terms and (only with `--include-excerpts`)
//! the flagged phrases.

use std::panic::AssertUnwindSafe;

use case_note_checker::{Checker, Context, DeadlineStatus, Report, Severity};

use super::dates;
use super::source::{BadRow, Note};

/// The jargon rule, whose findings are word-list terms.
pub const JARGON: &str = "jargon";
/// The stigmatising-language rule.
pub const STIGMATISING: &str = "stigmatising-language";

/// Longest excerpt kept, in characters.
const EXCERPT_CHARS: usize = 60;
/// Most excerpts kept for one note.
const EXCERPTS: usize = 8;

/// What the audit counts about one note.
#[derive(Debug)]
pub struct NoteFacts {
    /// Which input.
    pub source: usize,
    /// Its row (CSV) or line (JSONL).
    pub row: u64,
    /// Its id.
    pub id: Option<String>,
    /// Its team.
    pub team: Option<String>,
    /// Its worker (only with `--by-worker`).
    pub worker: Option<String>,
    /// `YYYY-MM`.
    pub month: Option<String>,
    /// The deadline category the checker decided.
    pub category: &'static str,
    /// Words.
    pub words: u64,
    /// The worker's professional opinion is there.
    pub opinion: bool,
    /// The child's voice is there.
    pub child_voice: bool,
    /// Equality information is recorded (in the text or the form).
    pub equality: bool,
    /// The equality areas recorded.
    pub areas: Vec<&'static str>,
    /// Jargon findings.
    pub jargon: u64,
    /// Stigmatising-language findings.
    pub stigmatising: u64,
    /// Findings by severity: error, warning, advice.
    pub severities: [u64; 3],
    /// Whether it was recorded on time.
    pub status: DeadlineStatus,
    /// How late, in whole hours rounded up, when it was late and both times are known.
    pub hours_late: Option<u32>,
    /// Per rule: findings and the most severe one.
    pub rules: Vec<(String, u64, Severity)>,
    /// Per standard: findings.
    pub standards: Vec<(u8, u64)>,
    /// Jargon terms: (lower-case key, the form in the note, suggestions).
    pub terms: Vec<(String, String, Vec<String>)>,
    /// Flagged phrases (only with `--include-excerpts`).
    pub excerpts: Vec<String>,
    /// A date had no time and one was assumed.
    pub assumed_time: bool,
}

/// Checks `note`; a context the library refuses makes it a bad row.
pub fn examine(checker: &Checker, note: Note, sources: &[String], with_excerpts: bool) -> Result<NoteFacts, Box<BadRow>> {
    let source_name = || sources.get(note.source).cloned().unwrap_or_default();
    let fail = |reason: String| Box::new(BadRow { source: source_name(), row: note.row, id: note.id.clone(), reason });
    let context = Context::from_value_json(&note.context).map_err(|e| fail(e.to_string()))?;
    let report = std::panic::catch_unwind(AssertUnwindSafe(|| checker.check(&note.text, &context))).map_err(|panic| {
        let message = panic.downcast_ref::<&str>().copied().or_else(|| panic.downcast_ref::<String>().map(String::as_str)).unwrap_or("");
        fail(format!("internal error checking this note (please report it): {message}"))
    })?;
    Ok(facts(note, &report, with_excerpts))
}

fn facts(note: Note, report: &Report, with_excerpts: bool) -> NoteFacts {
    let mut rules: Vec<(String, u64, Severity)> = Vec::new();
    let mut standards: Vec<(u8, u64)> = Vec::new();
    let mut terms: Vec<(String, String, Vec<String>)> = Vec::new();
    let mut excerpts: Vec<String> = Vec::new();
    let mut severities = [0u64; 3];
    let (mut jargon, mut stigmatising) = (0, 0);
    for f in &report.findings {
        severities[match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Advice => 2,
        }] += 1;
        match rules.iter_mut().find(|(r, _, _)| *r == f.rule) {
            // Severity orders error < warning < advice: the smaller is worse.
            Some((_, n, worst)) => {
                *n += 1;
                *worst = (*worst).min(f.severity);
            }
            None => rules.push((f.rule.clone(), 1, f.severity)),
        }
        if let Some(s) = f.standard {
            match standards.iter_mut().find(|(n, _)| *n == s) {
                Some((_, n)) => *n += 1,
                None => standards.push((s, 1)),
            }
        }
        if f.rule == JARGON {
            jargon += 1;
            let form = f.text.split_whitespace().collect::<Vec<_>>().join(" ");
            terms.push((form.to_lowercase(), form, f.suggestions.clone()));
        } else if f.rule == STIGMATISING {
            stigmatising += 1;
        }
        if with_excerpts && !f.text.is_empty() && excerpts.len() < EXCERPTS {
            let mut phrase: String = f.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if phrase.chars().count() > EXCERPT_CHARS {
                phrase = phrase.chars().take(EXCERPT_CHARS - 1).collect::<String>() + "…";
            }
            if !excerpts.contains(&phrase) {
                excerpts.push(phrase);
            }
        }
    }
    let hours_late = match (report.deadline.status, report.deadline.due.as_deref().and_then(dates::parse_checker_form), note.recorded_at) {
        (DeadlineStatus::Overdue, Some(due), Some(recorded)) => {
            let minutes = (recorded - due).num_minutes().max(1);
            Some(u32::try_from((minutes + 59) / 60).unwrap_or(u32::MAX))
        }
        _ => None,
    };
    NoteFacts {
        source: note.source,
        row: note.row,
        id: note.id,
        team: note.team,
        worker: note.worker,
        month: note.month,
        category: report.deadline.category.id(),
        words: report.stats.words as u64,
        opinion: report.opinion.present,
        child_voice: report.child_voice.present,
        equality: !report.equality.mentioned.is_empty(),
        areas: report.equality.mentioned.iter().map(|a| a.id()).collect(),
        jargon,
        stigmatising,
        severities,
        status: report.deadline.status,
        hours_late,
        rules,
        standards,
        terms,
        excerpts,
        assumed_time: note.assumed_time,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn note(text: &str, context: serde_json::Value, recorded: Option<&str>) -> Note {
        Note {
            source: 0,
            row: 2,
            id: Some("N1".into()),
            text: text.into(),
            context,
            team: Some("North".into()),
            worker: None,
            recorded_at: recorded.and_then(dates::parse_checker_form),
            month: Some("2026-11".into()),
            assumed_time: false,
        }
    }

    #[test]
    fn a_late_note_counts_its_hours_and_its_findings() {
        let ctx = json!({"event": "statutory_visit", "event_at": "2026-11-02T10:00", "recorded_at": "2026-11-06T10:30"});
        let f = examine(&Checker::new(), note("LAC review. Mum was non-compliant.", ctx, Some("2026-11-06T10:30")), &["x".into()], false).unwrap();
        assert_eq!(f.status, DeadlineStatus::Overdue);
        // Due 72 hours after the visit: 5 November 10:00; recorded 24.5 hours later.
        assert_eq!(f.hours_late, Some(25));
        assert_eq!((f.jargon, f.stigmatising), (1, 1));
        assert_eq!(f.terms[0].0, "lac review", "the word list has the phrase");
        assert!(f.rules.iter().any(|(r, n, s)| r == "late-recording" && *n == 1 && *s == Severity::Error));
        assert!(f.excerpts.is_empty(), "no excerpts unless asked");
    }

    #[test]
    fn a_refused_context_is_a_bad_row_naming_the_field() {
        let bad = examine(&Checker::new(), note("x", json!({"event_at": "2026-02-30T10:00"}), None), &["export.csv".into()], true).unwrap_err();
        assert_eq!((bad.source.as_str(), bad.row, bad.id.as_deref()), ("export.csv", 2, Some("N1")));
        assert!(bad.reason.starts_with("context.event_at"), "{}", bad.reason);
    }

    #[test]
    fn excerpts_are_the_flagged_phrases_only() {
        let f = examine(&Checker::new(), note("Jayden Smith attended. LAC review. LAC again.", json!(null), None), &["x".into()], true).unwrap();
        assert!(f.excerpts.contains(&"LAC".to_owned()), "{:?}", f.excerpts);
        assert!(f.excerpts.iter().all(|e| !e.contains("Jayden")), "{:?}", f.excerpts);
        assert_eq!(f.excerpts.iter().filter(|e| *e == "LAC").count(), 1, "each phrase once");
    }
}
