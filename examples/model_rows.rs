//! Writes the sentence models' training rows: every sentence of the dev split
//! of the labelled corpus, as the checker sees it (its feature buckets for
//! each model), with its labels. `make model` runs this, then
//! `scripts/model/train.py`.
//!
//! ```text
//! cargo run --release --example model_rows -- OUT.jsonl
//! ```
//!
//! A sentence is labelled as showing opinion (or the child's voice) when it
//! overlaps a passage the corpus writer marked as showing it by at least a
//! few characters. Only `tests/corpus/dev/` is read of the corpus: the blind
//! split is for scoring once, never for training.
//!
//! Beside OUT.jsonl it writes OUT-category.jsonl for the category model:
//! each note's deadline category features, its labelled category and the
//! form's `event` — the dev split's notes (scored in cross validation) and the
//! older sets' (extra training rows only).
//!
//! The older labelled sets (`tests/notes/`) are labelled per note only. They
//! add sentences as extra training data (never scored in cross validation):
//! every sentence of a note without the judgement is a negative; of a note
//! with it, only the sentences the rule counts are taken, as positives.

use std::io::Write;

use case_note_checker::{Checker, Context};
use serde_json::{json, Value};

/// The corpus's dev split, read at run time so that new writers' files count.
fn dev_files() -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/dev"))
        .expect("the dev split is there")
        .map(|e| e.expect("a dev file").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("a dev file is readable")).collect()
}

/// The older sets, labelled per note.
const NOTE_LABELLED: &[(&str, &str)] = &[
    ("notes-labelled", include_str!("../tests/notes/labelled.jsonl")),
    ("notes-holdout", include_str!("../tests/notes/holdout.jsonl")),
    ("notes-blind", include_str!("../tests/notes/blind.jsonl")),
    ("notes-final", include_str!("../tests/notes/final.jsonl")),
];

/// The form's `event` of an older note, if it has a context.
fn context_event(note: &Value) -> Value {
    note.get("context").map_or(Value::Null, |c| c["event"].clone())
}

/// Characters two ranges must share for a sentence to take a passage's label.
const MIN_OVERLAP: usize = 5;

/// Byte ranges of every occurrence of each passage in the text.
fn passages(text: &str, labels: &Value) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for passage in labels.as_array().into_iter().flatten().filter_map(Value::as_str) {
        out.extend(text.match_indices(passage).map(|(i, m)| (i, i + m.len())));
    }
    out
}

fn overlaps((start, end): (usize, usize), passages: &[(usize, usize)]) -> bool {
    passages.iter().any(|&(s, e)| end.min(e).saturating_sub(start.max(s)) >= MIN_OVERLAP.min(e - s))
}

fn main() {
    let out_path = std::env::args().nth(1).unwrap_or_else(|| "target/model/rows.jsonl".to_owned());
    if let Some(dir) = std::path::Path::new(&out_path).parent() {
        std::fs::create_dir_all(dir).expect("the output folder can be made");
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path).expect("the output file can be made"));
    let category_path = out_path.strip_suffix(".jsonl").unwrap_or(&out_path).to_owned() + "-category.jsonl";
    let mut category_out = std::io::BufWriter::new(std::fs::File::create(&category_path).expect("the output file can be made"));
    let checker = Checker::new();
    let (mut notes, mut sentences) = (0, 0);
    for file in dev_files() {
        for line in file.lines().filter(|l| !l.trim().is_empty()) {
            let note: Value = serde_json::from_str(line).expect("a corpus line is JSON");
            let text = note["text"].as_str().expect("a note has text");
            let context = Context::from_value_json(&note["context"]).expect("a corpus context is valid");
            let labels = &note["labels"];
            let (opinion, voice) = (passages(text, &labels["opinion_sentences"]), passages(text, &labels["voice_sentences"]));
            let row = json!({
                "note": note["id"], "writer": note["writer"], "style": note["style"],
                "scored": true, "category": labels["deadline"], "form": note["context"]["event"],
                "features": checker.category_features(text, &context),
            });
            writeln!(category_out, "{row}").expect("the row is written");
            for row in checker.sentence_features(text, &context) {
                let row = json!({
                    "note": note["id"], "writer": note["writer"], "style": note["style"], "scored": true,
                    "note_opinion": labels["opinion"], "note_voice": labels["child_voice"],
                    "y_opinion": overlaps(row.range, &opinion), "y_voice": overlaps(row.range, &voice),
                    "features": row.features, "voice_allowed": row.voice_allowed,
                });
                writeln!(out, "{row}").expect("the row is written");
                sentences += 1;
            }
            notes += 1;
        }
    }
    for (set, file) in NOTE_LABELLED {
        for line in file.lines().filter(|l| !l.trim().is_empty()) {
            let note: Value = serde_json::from_str(line).expect("a labelled line is JSON");
            let text = note["text"].as_str().expect("a note has text");
            let context = note.get("context").map_or_else(Context::default, |c| Context::from_value_json(c).expect("a labelled context is valid"));
            let (has_opinion, has_voice) = (note["labels"]["opinion"] == true, note["labels"]["child_voice"] == true);
            if note["labels"]["deadline"].is_string() {
                let row = json!({
                    "note": format!("{set}/{}", note["id"].as_str().unwrap_or("?")), "writer": set, "style": "notes", "scored": false,
                    "category": note["labels"]["deadline"], "form": context_event(&note),
                    "features": checker.category_features(text, &context),
                });
                writeln!(category_out, "{row}").expect("the row is written");
            }
            for row in checker.sentence_features(text, &context) {
                // Of a note with the judgement, only what the rule counts is known to show it.
                let opinion = if has_opinion { row.opinion_rule.then_some(true) } else { Some(false) };
                let voice = if has_voice { row.voice_rule.then_some(true) } else { Some(false) };
                let row = json!({
                    "note": format!("{set}/{}", note["id"].as_str().unwrap_or("?")), "writer": set, "style": "notes", "scored": false,
                    "note_opinion": has_opinion, "note_voice": has_voice,
                    "y_opinion": opinion, "y_voice": voice,
                    "features": row.features, "voice_allowed": row.voice_allowed,
                });
                writeln!(out, "{row}").expect("the row is written");
                sentences += 1;
            }
            notes += 1;
        }
    }
    out.flush().expect("the rows are written");
    category_out.flush().expect("the rows are written");
    eprintln!("model_rows: {sentences} sentences of {notes} notes → {out_path}; dev notes' category features → {category_path}");
}
