//! `cargo bench --bench check`: the time of one check by note size, and of
//! one aho-corasick pass over the same text with our own word lists (the
//! floor the whole check is measured against).

use case_note_checker::{Checker, Context};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Realistic notes of about `words` words: the labelled notes, in order,
/// repeated until long enough (deterministic).
fn note_of(words: usize) -> String {
    let texts: Vec<String> = include_str!("../tests/notes/labelled.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_owned())
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while out.split_whitespace().count() < words {
        out.push_str(&texts[i % texts.len()]);
        out.push_str("\n\n");
        i += 1;
    }
    let cut: Vec<&str> = out.split_inclusive(char::is_whitespace).take(words).collect();
    cut.concat()
}

fn check(c: &mut Criterion) {
    let checker = Checker::new();
    let ctx = Context::from_json(r#"{"event":"statutory_visit","event_at":"2026-11-23T10:00","recorded_at":"2026-11-24T09:00","child":{"name":"Jayden Smith","age_years":9}}"#).unwrap();
    let mut group = c.benchmark_group("check");
    for words in [100, 1_000, 10_000] {
        let note = note_of(words);
        group.throughput(Throughput::Bytes(note.len() as u64));
        group.bench_with_input(BenchmarkId::new("words", words), &note, |b, note| b.iter(|| checker.check(note, &ctx)));
    }
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
