//! Accuracy of every detector on the labelled notes in `tests/notes/`.
//!
//! Each line of `labelled.jsonl` is a fictional note with the answers a
//! reviewer expects. The test prints each detector's accuracy and false-alarm
//! rate and fails when one falls below its floor, so a rule change that makes
//! the checker worse cannot land unnoticed.

use case_note_checker::{Checker, Context, Report};
use serde_json::Value;

const MIN_OPINION: f64 = 0.90;
const MIN_CHILD_VOICE: f64 = 0.90;
const MIN_EQUALITY_AREAS: f64 = 0.95;
const MIN_JARGON_RECALL: f64 = 0.85;
const MAX_TRAP_ALARMS: f64 = 0.05;
const MIN_DEADLINE: f64 = 0.90;
const MIN_STATUS: f64 = 0.95;

const LANGUAGE_RULES: &[&str] = &["jargon", "stigmatising-language", "vague-language"];

struct Tally {
    right: usize,
    total: usize,
    misses: Vec<String>,
}

impl Tally {
    fn new() -> Tally {
        Tally { right: 0, total: 0, misses: Vec::new() }
    }
    fn add(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.total += 1;
        if ok {
            self.right += 1;
        } else {
            self.misses.push(what());
        }
    }
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

/// UTF-16 ranges where `needle` occurs in `text`.
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle)
        .map(|(i, m)| {
            let start = text[..i].encode_utf16().count();
            (start, start + m.encode_utf16().count())
        })
        .collect()
}

fn flagged(report: &Report, (start, end): (usize, usize)) -> bool {
    report.findings.iter().filter(|f| LANGUAGE_RULES.contains(&f.rule.as_str())).filter_map(|f| f.span).any(|s| s.start < end && start < s.end)
}

#[test]
fn detectors_meet_their_floors_on_labelled_notes() {
    measure("labelled.jsonl", include_str!("notes/labelled.jsonl"), 1.0);
}

/// A second set written apart from the rules and never used to tune them:
/// its figures are the honest estimate of accuracy on notes we have not seen.
#[test]
fn detectors_generalise_to_held_out_notes() {
    measure("holdout.jsonl", include_str!("notes/holdout.jsonl"), HOLDOUT_SLACK);
}

/// A third set, written last, evaluated before any rule was changed for it.
#[test]
fn detectors_generalise_to_blind_notes() {
    measure("blind.jsonl", include_str!("notes/blind.jsonl"), HOLDOUT_SLACK);
}

/// The last set, written after every rule change above and measured once:
/// the honest figure for notes the checker has never seen.
#[test]
fn detectors_generalise_to_final_notes() {
    measure("final.jsonl", include_str!("notes/final.jsonl"), FINAL_SLACK);
}

/// The final set's floors sit further below: it was never tuned on, and its
/// jargon labels are broader than the lists (see the README).
const FINAL_SLACK: f64 = 0.78;

/// Held-out floors sit this far below the tuning set's.
const HOLDOUT_SLACK: f64 = 0.92;

fn measure(name: &str, data: &str, slack: f64) {
    let checker = Checker::new();
    let (mut opinion, mut voice, mut equality_notes, mut deadline, mut status) = (Tally::new(), Tally::new(), Tally::new(), Tally::new(), Tally::new());
    let (mut areas_right, mut areas_total, mut areas_fp, mut areas_fn) = (0usize, 0usize, Vec::new(), Vec::new());
    let (mut jargon, mut traps) = (Tally::new(), Tally::new());
    let mut notes = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        notes += 1;
        let note: Value = serde_json::from_str(line).expect("labelled line is JSON");
        let id = note["id"].as_str().unwrap().to_owned();
        let text = note["text"].as_str().unwrap();
        let context = note.get("context").map_or_else(Context::default, |c| Context::from_value_json(c).expect("labelled context is valid"));
        let labels = &note["labels"];
        let report = checker.check(text, &context);

        let want = labels["opinion"].as_bool().unwrap();
        opinion.add(report.opinion.present == want, || format!("{id}: expected opinion {want}"));
        let want = labels["child_voice"].as_bool().unwrap();
        voice.add(report.child_voice.present == want, || format!("{id}: expected child voice {want}"));

        let expected: Vec<&str> = labels["equality"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let mut got: Vec<&str> = report.equality.mentioned.iter().map(|a| a.id()).collect();
        got.sort_unstable();
        equality_notes.add(expected == got, || format!("{id}: expected {expected:?}, got {got:?}"));
        for area in case_note_checker::EqualityArea::ALL.iter().map(|a| a.id()) {
            areas_total += 1;
            match (expected.contains(&area), got.contains(&area)) {
                (true, false) => areas_fn.push(format!("{id}:{area}")),
                (false, true) => areas_fp.push(format!("{id}:{area}")),
                _ => areas_right += 1,
            }
        }

        for term in labels["jargon"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()) {
            let hit = occurrences(text, term).into_iter().any(|r| flagged(&report, r));
            jargon.add(hit, || format!("{id}: missed {term:?}"));
        }
        for term in labels["traps"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()) {
            let alarm = occurrences(text, term).into_iter().any(|r| flagged(&report, r));
            traps.add(!alarm, || format!("{id}: false alarm on {term:?}"));
        }

        let want = labels["deadline"].as_str().unwrap();
        deadline.add(report.deadline.category.id() == want, || format!("{id}: expected {want}, got {}", report.deadline.category.id()));
        if let Some(want) = labels.get("status").and_then(Value::as_str) {
            let got = serde_json::to_value(report.deadline.status).unwrap();
            status.add(got == want, || format!("{id}: expected {want}, got {got}"));
        }
    }
    let area_accuracy = areas_right as f64 / areas_total as f64;
    println!("{name}: {notes} notes");
    let row = |name: &str, t: &Tally| println!("{name:<28} {:>6.1}%  ({}/{})", 100.0 * t.rate(), t.right, t.total);
    row("professional opinion", &opinion);
    row("child's voice", &voice);
    row("equality (whole note)", &equality_notes);
    println!("{:<28} {:>6.1}%  (false {} / missed {})", "equality (per area)", 100.0 * area_accuracy, areas_fp.len(), areas_fn.len());
    row("jargon recall", &jargon);
    println!("{:<28} {:>6.1}%  ({}/{})", "trap false alarms", 100.0 * (1.0 - traps.rate()), traps.total - traps.right, traps.total);
    row("deadline category", &deadline);
    row("deadline status", &status);
    for t in [&opinion, &voice, &equality_notes, &jargon, &traps, &deadline, &status] {
        for miss in &t.misses {
            println!("  {miss}");
        }
    }
    println!("  equality false: {areas_fp:?}\n  equality missed: {areas_fn:?}");
    assert!(notes >= 40, "{name} needs at least 40 notes");
    assert!(opinion.rate() >= MIN_OPINION * slack, "opinion accuracy {:.3}", opinion.rate());
    assert!(voice.rate() >= MIN_CHILD_VOICE * slack, "child's voice accuracy {:.3}", voice.rate());
    assert!(area_accuracy >= MIN_EQUALITY_AREAS * slack, "equality per-area accuracy {area_accuracy:.3}");
    assert!(jargon.rate() >= MIN_JARGON_RECALL * slack, "jargon recall {:.3}", jargon.rate());
    assert!(1.0 - traps.rate() <= MAX_TRAP_ALARMS / slack, "trap false alarms {:.3}", 1.0 - traps.rate());
    assert!(deadline.rate() >= MIN_DEADLINE * slack, "deadline accuracy {:.3}", deadline.rate());
    assert!(status.rate() >= MIN_STATUS * slack, "deadline status accuracy {:.3}", status.rate());
}
