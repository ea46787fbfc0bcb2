//! Conventions that keep the rules, their documentation and their bindings in
//! step: every rule is documented, its examples behave, its messages read as
//! sentences, `RULES.md` is current, and the TypeScript types name every rule.

use case_note_checker::{Checker, Context};

const RULES_MD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/RULES.md");

#[test]
fn rules_md_is_current() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_case-note-check")).args(["rules", "--markdown"]).output().unwrap();
    assert!(output.status.success());
    let fresh = String::from_utf8(output.stdout).unwrap();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(RULES_MD, &fresh).unwrap();
    }
    let stored = std::fs::read_to_string(RULES_MD).unwrap_or_default();
    assert!(stored == fresh, "RULES.md is stale; run BLESS=1 cargo test --test meta");
}

#[test]
fn every_rule_is_documented_and_its_examples_behave() {
    let checker = Checker::new();
    let rules = checker.rules();
    assert!(rules.len() >= 14);
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id).collect();
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
        for (field, text) in [("title", rule.title), ("what", rule.what), ("why", rule.why), ("limits", rule.limits)] {
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

#[test]
fn typescript_types_name_every_rule() {
    let binding = include_str!("../src/wasm.rs");
    let union = binding.lines().find(|l| l.contains("export type RuleId")).expect("RuleId union");
    for rule in Checker::new().rules() {
        assert!(union.contains(&format!("\"{}\"", rule.id)), "RuleId lacks {}", rule.id);
    }
}

#[test]
fn the_policy_schema_names_every_rule_and_list() {
    let schema: serde_json::Value = serde_json::from_str(include_str!("../policy.schema.json")).unwrap();
    let schema_rules: Vec<&String> = schema["properties"]["rules"]["properties"].as_object().unwrap().keys().collect();
    let mut ids: Vec<String> = Checker::new().rules().iter().map(|r| r.id.to_owned()).collect();
    ids.sort();
    assert_eq!(schema_rules, ids.iter().collect::<Vec<_>>());
    let policy: serde_json::Value = serde_json::from_str(&Checker::default_policy_json()).unwrap();
    let lists: Vec<&String> = policy["lists"].as_object().unwrap().keys().collect();
    let schema_lists: Vec<&String> = schema["properties"]["lists"]["properties"].as_object().unwrap().keys().collect();
    assert_eq!(lists, schema_lists);
}
