//! What a policy's own patterns add to a check: the median time of a check of
//! a 1,000-word note (the labelled notes, joined) under the built-in policy,
//! under Liverpool's without its patterns, and under Liverpool's whole.
//! Wall-clock medians vary with the machine and its load; compare the rows.
//!
//! ```text
//! cargo run --release --example patterns_cost
//! ```
use case_note_checker::{Checker, Context};
use std::time::Instant;

fn main() {
    let mut note = String::new();
    for line in include_str!("../tests/notes/labelled.jsonl").lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if !note.is_empty() {
            note.push_str("\n\n");
        }
        note.push_str(v["text"].as_str().unwrap());
        if note.split_whitespace().count() >= 1000 {
            break;
        }
    }
    let liverpool: serde_json::Value = serde_json::from_str(include_str!("../policies/liverpool.json")).unwrap();
    let mut without = liverpool.clone();
    without.as_object_mut().unwrap().remove("patterns");
    let cases = [
        ("builtin", Checker::new()),
        ("liverpool, no patterns", Checker::with_policy_value(without).unwrap()),
        ("liverpool", Checker::with_policy_value(liverpool).unwrap()),
    ];
    println!("{} words, {} bytes", note.split_whitespace().count(), note.len());
    for (name, c) in &cases {
        let mut times: Vec<f64> = (0..300)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(c.check(&note, &Context::default()));
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!("{name:>24}: median {:.0} µs", times[150]);
    }
}
