//! The report for every labelled note, kept as a readable snapshot in
//! `tests/golden/labelled.reports.json`: one note a block, one finding a line.
//!
//! The WebAssembly tests compare the JavaScript report with the same file, so
//! together they prove the browser and the native build agree. A change to
//! any report shows up here as a diff to review, line by line;
//! `BLESS=1 cargo test --test golden_reports` accepts it. A refactoring that
//! changes no report leaves the file untouched.

use case_note_checker::{Checker, Context};
use serde_json::Value;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/labelled.reports.json");

/// A report as a block of lines: each top-level field on its own line, and
/// each finding on its own line within `findings`.
fn render(id: &Value, report: &Value) -> String {
    let mut out = format!("{{\"id\": {id}, \"report\": {{\n");
    let fields = report.as_object().expect("a report is an object");
    for (i, (key, value)) in fields.iter().enumerate() {
        let comma = if i + 1 < fields.len() { "," } else { "" };
        match value.as_array() {
            Some(items) if !items.is_empty() => {
                out.push_str(&format!("  \"{key}\": [\n"));
                for (j, item) in items.iter().enumerate() {
                    let sep = if j + 1 < items.len() { "," } else { "" };
                    out.push_str(&format!("    {item}{sep}\n"));
                }
                out.push_str(&format!("  ]{comma}\n"));
            }
            _ => out.push_str(&format!("  \"{key}\": {value}{comma}\n")),
        }
    }
    out.push_str("}}");
    out
}

#[test]
fn reports_match_the_golden_file() {
    let checker = Checker::new();
    let mut blocks = Vec::new();
    for line in include_str!("notes/labelled.jsonl").lines().filter(|l| !l.trim().is_empty()) {
        let note: Value = serde_json::from_str(line).unwrap();
        let context = note.get("context").map_or_else(Context::default, |c| Context::from_value_json(c).unwrap());
        let report = serde_json::to_value(checker.check(note["text"].as_str().unwrap(), &context)).unwrap();
        blocks.push(render(&note["id"], &report));
    }
    let fresh = format!("[\n{}\n]\n", blocks.join(",\n"));
    let parsed: Value = serde_json::from_str(&fresh).expect("the snapshot is JSON");
    assert_eq!(parsed.as_array().map(Vec::len), Some(blocks.len()));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(GOLDEN, &fresh).unwrap();
        return;
    }
    let stored = std::fs::read_to_string(GOLDEN).unwrap_or_default();
    for (n, (got, want)) in fresh.lines().zip(stored.lines()).enumerate() {
        assert_eq!(got, want, "line {} of the golden reports changed; review it and run BLESS=1 cargo test --test golden_reports", n + 1);
    }
    assert_eq!(fresh.lines().count(), stored.lines().count(), "the golden file is stale; run BLESS=1 cargo test --test golden_reports");
}
