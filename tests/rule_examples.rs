//! Accuracy of the rules that check decisions, sharing, documents,
//! disagreements, visits, plain English and opinion stated as fact, on
//! labelled passages written to the policy apart from the rules
//! (`tests/notes/rule_examples.jsonl`): for each rule, how often it flags
//! what a reviewer would flag and leaves alone what they would not.

use case_note_checker::{Checker, Context};
use serde_json::Value;
use std::collections::BTreeMap;

/// Each rule must get at least this share of its passages right.
const FLOOR: f64 = 0.80;

#[test]
fn each_rule_meets_its_floor_on_labelled_passages() {
    let checker = Checker::new();
    // The form's event time, as a case system gives it: the passages were
    // labelled for whether the child was seen and seen alone, not for
    // whether the note says when (visit-details asks that only when the
    // form does not).
    let context = Context::default().with_event_at("2026-11-23T10:00").unwrap();
    // rule → (right, total, false alarms, misses)
    let mut tally: BTreeMap<String, (usize, usize, Vec<String>, Vec<String>)> = BTreeMap::new();
    for line in include_str!("notes/rule_examples.jsonl").lines().filter(|l| !l.trim().is_empty()) {
        let example: Value = serde_json::from_str(line).unwrap();
        let (id, rule, text, want) =
            (example["id"].as_str().unwrap(), example["rule"].as_str().unwrap(), example["text"].as_str().unwrap(), example["flag"].as_bool().unwrap());
        let got = checker.check(text, &context).findings.iter().any(|f| f.rule == rule);
        let entry = tally.entry(rule.to_owned()).or_default();
        entry.1 += 1;
        match (want, got) {
            (a, b) if a == b => entry.0 += 1,
            (false, true) => entry.2.push(id.to_owned()),
            _ => entry.3.push(id.to_owned()),
        }
    }
    let mut failing = Vec::new();
    for (rule, (right, total, false_alarms, misses)) in &tally {
        let rate = *right as f64 / *total as f64;
        println!("{rule:<26} {:>5.1}%  ({right}/{total})  false alarms {false_alarms:?}  missed {misses:?}", 100.0 * rate);
        if rate < FLOOR {
            failing.push(format!("{rule} {rate:.2}"));
        }
    }
    assert_eq!(tally.len(), 7, "every new rule has labelled passages");
    assert!(failing.is_empty(), "below the floor: {failing:?}");
}
