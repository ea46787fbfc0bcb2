//! Conventions that keep the rules, their documentation and their bindings in
//! step: every rule is documented, its examples behave, its messages read as
//! sentences (the generated files are checked by `tests/generated.rs`).

use case_note_checker::{Checker, Context};

#[test]
fn every_rule_is_documented_and_its_examples_behave() {
    let checker = Checker::new();
    let rules = checker.rules();
    assert!(rules.len() >= 14);
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    let sorted = {
        let mut s = ids.clone();
        s.sort();
        s
    };
    assert_eq!(ids, sorted, "RULES is alphabetical");
    ids.dedup();
    assert_eq!(ids.len(), rules.len(), "rule ids are unique");
    for rule in &rules {
        assert!(rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{} is kebab-case", rule.id);
        for (field, text) in [("title", &rule.title), ("what", &rule.what), ("why", &rule.why), ("limits", &rule.limits)] {
            assert!(text.len() > 10, "{}: {field} is empty", rule.id);
        }
        assert!(rule.why.contains("Standard") || rule.why.contains("Principles"), "{}: why cites the policy", rule.id);
    }
}

#[test]
fn messages_are_plain_sentences() {
    let checker = Checker::new();
    let notes = include_str!("notes/labelled.jsonl").lines().chain(include_str!("notes/holdout.jsonl").lines());
    let mut seen = 0;
    for line in notes.filter(|l| !l.trim().is_empty()) {
        let note: serde_json::Value = serde_json::from_str(line).unwrap();
        let ctx = note.get("context").map_or_else(Context::default, |c| Context::from_value_json(c).unwrap());
        for f in checker.check(note["text"].as_str().unwrap(), &ctx).findings {
            seen += 1;
            assert!(f.message.starts_with(|c: char| c.is_uppercase() || c == '\u{201c}'), "{}: {:?}", f.rule, f.message);
            assert!(f.message.ends_with('.'), "{}: {:?} ends with a full stop", f.rule, f.message);
            assert!(!f.message.contains('{'), "{}: {:?} has an unfilled placeholder", f.rule, f.message);
            assert!(f.message.chars().count() <= 240, "{}: {:?} is short", f.rule, f.message);
        }
    }
    assert!(seen > 100);
}
