//! The report for every labelled note, kept in `tests/notes/labelled.reports.jsonl`.
//!
//! The WebAssembly tests compare the JavaScript report with the same file, so
//! together they prove the browser and the native build agree. A rule change
//! shows up here as a diff to review; `BLESS=1 cargo test --test golden_reports`
//! accepts it.

use case_note_checker::{Checker, Context};
use serde_json::{json, Value};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/notes/labelled.reports.jsonl");

#[test]
fn reports_match_the_golden_file() {
    let checker = Checker::new();
    let mut lines = Vec::new();
    for line in include_str!("notes/labelled.jsonl").lines().filter(|l| !l.trim().is_empty()) {
        let note: Value = serde_json::from_str(line).unwrap();
        let context = note.get("context").map_or_else(Context::default, |c| Context::from_value_json(c).unwrap());
        let report = checker.check(note["text"].as_str().unwrap(), &context);
        lines.push(serde_json::to_string(&json!({ "id": note["id"], "report": report })).unwrap());
    }
    let fresh = lines.join("\n") + "\n";
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(GOLDEN, &fresh).unwrap();
        return;
    }
    let stored = std::fs::read_to_string(GOLDEN).unwrap_or_default();
    for (got, want) in fresh.lines().zip(stored.lines()) {
        assert_eq!(got, want, "a report changed; review it and run BLESS=1 cargo test --test golden_reports");
    }
    assert_eq!(fresh.lines().count(), stored.lines().count(), "the golden file is stale; run BLESS=1 cargo test --test golden_reports");
}
