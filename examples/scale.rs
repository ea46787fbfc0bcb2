//! How check time grows with note length (a long chronology pasted in).
use case_note_checker::{Checker, Context};
fn main() {
    let texts: Vec<String> = include_str!("../tests/notes/labelled.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_owned())
        .collect();
    let base = texts.join("\n\n");
    let checker = Checker::new();
    for copies in [1, 4, 16, 64] {
        let note = vec![base.as_str(); copies].join("\n\n");
        let start = std::time::Instant::now();
        let report = checker.check(&note, &Context::default());
        eprintln!("{:>8} bytes: {:?} ({} findings)", note.len(), start.elapsed(), report.findings.len());
    }
}
