//! `cargo bench --bench check` (and `make bench`, which reads the results):
//!
//! - `check/words/N`: one check of a note of N words (100, 1,000, 10,000);
//! - `aho-corasick/{dfa,nfa}/N`: the floor — one overlapping aho-corasick pass
//!   over the same text with our own word lists, the time of a single scan;
//! - `batch/threads/T`: every note of the labelled sets, each with its own
//!   context, checked one after another on T threads sharing one `Checker`.
//!
//! The notes are built deterministically from `tests/notes/*.jsonl` (quotes,
//! emoji, accented names) and also written to `target/bench/notes/` so the
//! Node and Chromium benchmarks (`bench/`) time exactly the same text.

use std::hint::black_box;
use std::path::PathBuf;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use case_note_checker::{Checker, Context};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// The note sets, in this order. `rule_examples.jsonl` holds passages, not notes.
const NOTE_SETS: [(&str, &str); 4] = [
    ("labelled", include_str!("../tests/notes/labelled.jsonl")),
    ("holdout", include_str!("../tests/notes/holdout.jsonl")),
    ("blind", include_str!("../tests/notes/blind.jsonl")),
    ("final", include_str!("../tests/notes/final.jsonl")),
];

/// The word lists of the built-in policy: together, what the core compiles into its one automaton.
const WORD_LISTS: [&str; 9] = [
    include_str!("../data/worcestershire/jargon.txt"),
    include_str!("../data/worcestershire/stigmatising.txt"),
    include_str!("../data/worcestershire/vague.txt"),
    include_str!("../data/worcestershire/equality.txt"),
    include_str!("../data/worcestershire/deadline.txt"),
    include_str!("../data/worcestershire/opinion.txt"),
    include_str!("../data/worcestershire/voice.txt"),
    include_str!("../data/worcestershire/people.txt"),
    include_str!("../data/worcestershire/recording.txt"),
];

/// The note sizes timed here; 5,000 words is written out too, for the keystroke benchmark.
const SIZES: [usize; 3] = [100, 1_000, 10_000];
const WRITTEN_SIZES: [usize; 4] = [100, 1_000, 5_000, 10_000];

struct Note {
    text: String,
    context: serde_json::Value,
}

fn notes() -> Vec<Note> {
    NOTE_SETS
        .iter()
        .flat_map(|(_, jsonl)| jsonl.lines().filter(|l| !l.trim().is_empty()))
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a note line is JSON");
            Note { text: v["text"].as_str().expect("a note has text").to_owned(), context: v.get("context").cloned().unwrap_or(serde_json::Value::Null) }
        })
        .collect()
}

/// A note of exactly `words` whitespace-separated words: the notes of every
/// set joined by blank lines — those with emoji (astral-plane characters)
/// first, then those with other non-ASCII text (accented names, curly
/// quotes), then the rest, each group in file order — cut after the last
/// word. Deterministic, and the 100-word note already has emoji and quotes.
fn note_of(words: usize) -> String {
    let all = notes();
    let rank = |t: &str| {
        if t.chars().any(|c| c as u32 > 0xFFFF) {
            0
        } else if !t.is_ascii() {
            1
        } else {
            2
        }
    };
    let mut ordered: Vec<&str> = all.iter().map(|n| n.text.as_str()).collect();
    ordered.sort_by_key(|t| rank(t)); // stable: file order within a group
    let mut out = String::new();
    let mut count = 0;
    let mut i = 0;
    while count < words {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let text = ordered[i % ordered.len()];
        out.push_str(text);
        count += text.split_whitespace().count();
        i += 1;
    }
    // Cut just after the `words`-th word.
    let mut seen = 0;
    let mut in_word = false;
    for (at, c) in out.char_indices() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == words {
                    out.truncate(at);
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    debug_assert_eq!(out.split_whitespace().count(), words);
    out
}

/// Writes the notes for `bench/` (atomically: another run may be reading them).
fn write_notes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/notes");
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    for words in WRITTEN_SIZES {
        let path = dir.join(format!("words-{words}.txt"));
        let tmp = dir.join(format!(".words-{words}.txt.{}", std::process::id()));
        if std::fs::write(&tmp, note_of(words)).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
    }
}

/// The single-pass floor: every term of every list (the part before the first
/// `|`, lower-cased), ASCII case-insensitive, standard semantics, overlapping.
fn floor_automaton(kind: AhoCorasickKind) -> AhoCorasick {
    let terms: Vec<String> = WORD_LISTS
        .iter()
        .flat_map(|list| list.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('|').next().unwrap_or("").trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    AhoCorasick::builder().match_kind(MatchKind::Standard).ascii_case_insensitive(true).kind(Some(kind)).build(&terms).expect("the word lists compile")
}

fn context() -> Context {
    Context::from_json(
        r#"{"event":"statutory_visit","event_at":"2026-11-23T10:00","recorded_at":"2026-11-24T09:00","child":{"name":"Jayden Smith","age_years":9}}"#,
    )
    .unwrap()
}

fn check(c: &mut Criterion) {
    write_notes();
    let checker = Checker::new();
    let ctx = context();
    let mut group = c.benchmark_group("check");
    for words in SIZES {
        let note = note_of(words);
        group.throughput(Throughput::Bytes(note.len() as u64));
        group.bench_with_input(BenchmarkId::new("words", words), &note, |b, note| b.iter(|| checker.check(black_box(note), &ctx)));
    }
    group.finish();
}

fn floor(c: &mut Criterion) {
    // The DFA is what the native core uses; the contiguous NFA is what it uses in WebAssembly.
    let automata = [("dfa", floor_automaton(AhoCorasickKind::DFA)), ("nfa", floor_automaton(AhoCorasickKind::ContiguousNFA))];
    let mut group = c.benchmark_group("aho-corasick");
    for words in SIZES {
        let note = note_of(words);
        group.throughput(Throughput::Bytes(note.len() as u64));
        for (name, ac) in &automata {
            group.bench_with_input(BenchmarkId::new(*name, words), &note, |b, note| b.iter(|| ac.find_overlapping_iter(black_box(note.as_str())).count()));
        }
    }
    group.finish();
}

fn batch(c: &mut Criterion) {
    let checker = Checker::new();
    let batch: Vec<(String, Context)> = notes()
        .into_iter()
        .map(|n| {
            let ctx = if n.context.is_null() { Context::default() } else { Context::from_value_json(&n.context).unwrap_or_default() };
            (n.text, ctx)
        })
        .collect();
    let bytes: usize = batch.iter().map(|(t, _)| t.len()).sum();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    let mut threads = vec![1];
    if cores > 1 {
        threads.push(cores);
    }
    for t in threads {
        group.bench_with_input(BenchmarkId::new("threads", t), &t, |b, &t| {
            b.iter(|| {
                let checker = &checker;
                let batch = &batch;
                std::thread::scope(|s| {
                    let handles: Vec<_> = (0..t)
                        .map(|k| s.spawn(move || batch.iter().skip(k).step_by(t).map(|(text, ctx)| checker.check(text, ctx).findings.len()).sum::<usize>()))
                        .collect();
                    handles.into_iter().map(|h| h.join().unwrap()).sum::<usize>()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, check, floor, batch);
criterion_main!(benches);
