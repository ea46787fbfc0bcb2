//! Runs the check on a long note many times, for a profiler.
use case_note_checker::{Checker, Context};
fn main() {
    let texts: Vec<String> = include_str!("../tests/notes/labelled.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_owned())
        .collect();
    let note = texts.join("\n\n");
    let built = std::time::Instant::now();
    let checker = Checker::new();
    eprintln!("checker built in {:?}", built.elapsed());
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let start = std::time::Instant::now();
    let mut findings = 0;
    for _ in 0..n {
        findings += checker.check(&note, &Context::default()).findings.len();
    }
    eprintln!("{} words, {:?} per check, {findings}", note.split_whitespace().count(), start.elapsed() / n.max(1) as u32);
}
