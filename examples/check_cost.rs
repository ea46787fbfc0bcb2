//! Checks one note of the first N words of the labelled notes (default 1,000)
//! a given number of times: a steady workload for `valgrind --tool=callgrind`,
//! whose instruction counts do not vary with the machine's load.
//!
//! ```text
//! cargo build --release --example check_cost
//! valgrind --tool=callgrind target/release/examples/check_cost 1000 10
//! ```
use case_note_checker::{Checker, Context};

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().expect("a number"));
    let (words, runs) = (args.next().unwrap_or(1000), args.next().unwrap_or(10));
    let all: Vec<String> = include_str!("../tests/notes/labelled.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_owned())
        .collect();
    let note: String = all.join("\n\n").split(' ').take(words).collect::<Vec<_>>().join(" ");
    let checker = Checker::new();
    let mut findings = 0;
    for _ in 0..runs {
        findings += checker.check(&note, &Context::default()).findings.len();
    }
    eprintln!("{} words, {runs} checks, {findings} findings", note.split_whitespace().count());
}
