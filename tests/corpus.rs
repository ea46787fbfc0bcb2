//! Accuracy on the labelled corpus (`tests/corpus/`), written in 18 styles by
//! writers who never saw the rules (see `tests/corpus/README.md`).
//!
//! `cargo test --test corpus -- --nocapture` prints every figure. The dev
//! split's floors hold the detectors to what they reach; the blind split was
//! scored once, at the end, and its floors hold them to that.
//!
//! Definitions:
//! - presence accuracy: the note-level `present` agrees with the label;
//! - recall of presence: labelled-present notes reported present;
//! - false "missing": labelled-present notes that get a "missing" *warning*
//!   (a question-worded advice is not counted: it asks, it does not tell);
//! - term recall: labelled jargon, stigmatising and vague terms that a
//!   language finding covers;
//! - false alarms: labelled clean words (traps) that a language finding covers.

use case_note_checker::{Checker, Context, Report, Severity};
use serde_json::Value;

/// The blind split, and the SHA-256 of each file as recorded in
/// `tests/corpus/blind.sha256` before any detector was tuned on the corpus.
const BLIND: &[(&str, &str)] =
    &[("b1", include_str!("corpus/blind/b1.jsonl")), ("b2", include_str!("corpus/blind/b2.jsonl")), ("b3", include_str!("corpus/blind/b3.jsonl"))];
const BLIND_HASHES: &str = include_str!("corpus/blind.sha256");

/// The second blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind2.sha256` before the rules were tuned on the dev
/// writers who came with it (w9, w10).
const BLIND2: &[(&str, &str)] =
    &[("b4", include_str!("corpus/blind2/b4.jsonl")), ("b5", include_str!("corpus/blind2/b5.jsonl")), ("b6", include_str!("corpus/blind2/b6.jsonl"))];
const BLIND2_HASHES: &str = include_str!("corpus/blind2.sha256");

/// The third blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind3.sha256` before the category model was built and
/// before anything was tuned on the dev writers who came with it (w11–w13).
const BLIND3: &[(&str, &str)] =
    &[("b7", include_str!("corpus/blind3/b7.jsonl")), ("b8", include_str!("corpus/blind3/b8.jsonl")), ("b9", include_str!("corpus/blind3/b9.jsonl"))];
const BLIND3_HASHES: &str = include_str!("corpus/blind3.sha256");

/// The fourth blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind4.sha256` before anything was tuned on the dev writers
/// who came with it (w14, w15).
const BLIND4: &[(&str, &str)] =
    &[("b10", include_str!("corpus/blind4/b10.jsonl")), ("b11", include_str!("corpus/blind4/b11.jsonl")), ("b12", include_str!("corpus/blind4/b12.jsonl"))];
const BLIND4_HASHES: &str = include_str!("corpus/blind4.sha256");

/// The fifth blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind5.sha256` before anything was tuned on the dev writers
/// who came with it (w16, w17).
const BLIND5: &[(&str, &str)] =
    &[("b13", include_str!("corpus/blind5/b13.jsonl")), ("b14", include_str!("corpus/blind5/b14.jsonl")), ("b15", include_str!("corpus/blind5/b15.jsonl"))];
const BLIND5_HASHES: &str = include_str!("corpus/blind5.sha256");

/// The sixth blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind6.sha256` before the next round of tuning.
const BLIND6: &[(&str, &str)] =
    &[("b16", include_str!("corpus/blind6/b16.jsonl")), ("b17", include_str!("corpus/blind6/b17.jsonl")), ("b18", include_str!("corpus/blind6/b18.jsonl"))];
const BLIND6_HASHES: &str = include_str!("corpus/blind6.sha256");

/// The seventh blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind7.sha256` before the next round of tuning.
const BLIND7: &[(&str, &str)] =
    &[("b19", include_str!("corpus/blind7/b19.jsonl")), ("b20", include_str!("corpus/blind7/b20.jsonl")), ("b21", include_str!("corpus/blind7/b21.jsonl"))];
const BLIND7_HASHES: &str = include_str!("corpus/blind7.sha256");

/// The eighth blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind8.sha256` before the next round of tuning.
const BLIND8: &[(&str, &str)] =
    &[("b22", include_str!("corpus/blind8/b22.jsonl")), ("b23", include_str!("corpus/blind8/b23.jsonl")), ("b24", include_str!("corpus/blind8/b24.jsonl"))];
const BLIND8_HASHES: &str = include_str!("corpus/blind8.sha256");

/// The ninth blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind9.sha256` before the next round of tuning.
const BLIND9: &[(&str, &str)] =
    &[("b25", include_str!("corpus/blind9/b25.jsonl")), ("b26", include_str!("corpus/blind9/b26.jsonl")), ("b27", include_str!("corpus/blind9/b27.jsonl"))];
const BLIND9_HASHES: &str = include_str!("corpus/blind9.sha256");

/// The tenth blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind10.sha256` before the next round of tuning.
const BLIND10: &[(&str, &str)] =
    &[("b28", include_str!("corpus/blind10/b28.jsonl")), ("b29", include_str!("corpus/blind10/b29.jsonl")), ("b30", include_str!("corpus/blind10/b30.jsonl"))];
const BLIND10_HASHES: &str = include_str!("corpus/blind10.sha256");

/// The eleventh blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind11.sha256` before the next round of tuning.
const BLIND11: &[(&str, &str)] =
    &[("b31", include_str!("corpus/blind11/b31.jsonl")), ("b32", include_str!("corpus/blind11/b32.jsonl")), ("b33", include_str!("corpus/blind11/b33.jsonl"))];
const BLIND11_HASHES: &str = include_str!("corpus/blind11.sha256");

/// The twelfth blind split (three more writers), and its hashes, recorded in
/// `tests/corpus/blind12.sha256` before the next round of tuning.
const BLIND12: &[(&str, &str)] =
    &[("b34", include_str!("corpus/blind12/b34.jsonl")), ("b35", include_str!("corpus/blind12/b35.jsonl")), ("b36", include_str!("corpus/blind12/b36.jsonl"))];
const BLIND12_HASHES: &str = include_str!("corpus/blind12.sha256");

mod corpus_data {
    pub const DEV: &[(&str, &str)] = &[
        ("w1", include_str!("corpus/dev/w1.jsonl")),
        ("w2", include_str!("corpus/dev/w2.jsonl")),
        ("w3", include_str!("corpus/dev/w3.jsonl")),
        ("w4", include_str!("corpus/dev/w4.jsonl")),
        ("w5", include_str!("corpus/dev/w5.jsonl")),
        ("w6", include_str!("corpus/dev/w6.jsonl")),
        ("w7", include_str!("corpus/dev/w7.jsonl")),
        ("w8", include_str!("corpus/dev/w8.jsonl")),
        ("w9", include_str!("corpus/dev/w9.jsonl")),
        ("w10", include_str!("corpus/dev/w10.jsonl")),
        ("w11", include_str!("corpus/dev/w11.jsonl")),
        ("w12", include_str!("corpus/dev/w12.jsonl")),
        ("w13", include_str!("corpus/dev/w13.jsonl")),
        ("w14", include_str!("corpus/dev/w14.jsonl")),
        ("w15", include_str!("corpus/dev/w15.jsonl")),
        ("w16", include_str!("corpus/dev/w16.jsonl")),
        ("w17", include_str!("corpus/dev/w17.jsonl")),
        ("w18", include_str!("corpus/dev/w18.jsonl")),
        ("w19", include_str!("corpus/dev/w19.jsonl")),
        ("w20", include_str!("corpus/dev/w20.jsonl")),
        ("w21", include_str!("corpus/dev/w21.jsonl")),
        ("w22", include_str!("corpus/dev/w22.jsonl")),
        ("w23", include_str!("corpus/dev/w23.jsonl")),
        ("w24", include_str!("corpus/dev/w24.jsonl")),
        ("w25", include_str!("corpus/dev/w25.jsonl")),
        ("w26", include_str!("corpus/dev/w26.jsonl")),
        ("w27", include_str!("corpus/dev/w27.jsonl")),
        ("w28", include_str!("corpus/dev/w28.jsonl")),
        ("w29", include_str!("corpus/dev/w29.jsonl")),
        ("w30", include_str!("corpus/dev/w30.jsonl")),
        ("w31", include_str!("corpus/dev/w31.jsonl")),
        ("w32", include_str!("corpus/dev/w32.jsonl")),
        ("w33", include_str!("corpus/dev/w33.jsonl")),
        ("w34", include_str!("corpus/dev/w34.jsonl")),
        ("w35", include_str!("corpus/dev/w35.jsonl")),
        ("w36", include_str!("corpus/dev/w36.jsonl")),
        ("w37", include_str!("corpus/dev/w37.jsonl")),
        ("w38", include_str!("corpus/dev/w38.jsonl")),
    ];
}

const LANGUAGE_RULES: &[&str] = &["jargon", "stigmatising-language", "vague-language"];

/// A share, counted.
#[derive(Default, Clone, Copy)]
pub struct Rate {
    pub hits: usize,
    pub total: usize,
}

impl Rate {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }
    pub fn value(self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.hits as f64 / self.total as f64
        }
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.3} ({}/{})", self.value(), self.hits, self.total)
    }
}

/// The figures for one presence detector.
#[derive(Default, Clone, Copy)]
pub struct Presence {
    pub accuracy: Rate,
    pub recall: Rate,
    pub false_missing: Rate,
    pub false_present: Rate,
}

#[derive(Default)]
pub struct Scores {
    pub notes: usize,
    pub opinion: Presence,
    pub voice: Presence,
    pub category: Rate,
    pub status: Rate,
    pub terms: Rate,
    pub false_alarms: Rate,
    pub equality_tp: usize,
    pub equality_fp: usize,
    pub equality_fn: usize,
    pub misses: Vec<String>,
}

impl Scores {
    pub fn equality_f1(&self) -> f64 {
        let (tp, fp, fn_) = (self.equality_tp as f64, self.equality_fp as f64, self.equality_fn as f64);
        if tp == 0.0 {
            return if fp + fn_ == 0.0 { 1.0 } else { 0.0 };
        }
        2.0 * tp / (2.0 * tp + fp + fn_)
    }

    pub fn print(&self, name: &str) {
        println!("== {name}: {} notes", self.notes);
        for (label, p) in [("opinion", self.opinion), ("child's voice", self.voice)] {
            println!("{label:>14}: accuracy {}  recall {}  false \"missing\" {}  false present {}", p.accuracy, p.recall, p.false_missing, p.false_present);
        }
        println!("      category: {}", self.category);
        println!("        status: {}", self.status);
        println!("   term recall: {}", self.terms);
        println!("  false alarms: {}", self.false_alarms);
        println!("   equality F1: {:.3}", self.equality_f1());
    }

    /// Every figure against its floor (a ceiling for the error rates); the
    /// names of those that fall short.
    fn below(&self, floors: &Floors) -> Vec<String> {
        let mut failing = Vec::new();
        let mut at_least = |name: &str, value: f64, floor: f64| {
            if value < floor {
                failing.push(format!("{name} {value:.3} < {floor}"));
            }
        };
        at_least("opinion accuracy", self.opinion.accuracy.value(), floors.opinion);
        at_least("voice accuracy", self.voice.accuracy.value(), floors.voice);
        at_least("category", self.category.value(), floors.category);
        at_least("status", self.status.value(), floors.status);
        at_least("term recall", self.terms.value(), floors.terms);
        at_least("equality F1", self.equality_f1(), floors.equality_f1);
        for (name, value, ceiling) in [
            ("opinion false \"missing\"", self.opinion.false_missing.value(), floors.false_missing),
            ("voice false \"missing\"", self.voice.false_missing.value(), floors.false_missing),
            ("false alarms", self.false_alarms.value(), floors.false_alarms),
        ] {
            if value > ceiling {
                failing.push(format!("{name} {value:.3} > {ceiling}"));
            }
        }
        failing
    }
}

/// What a split must reach: accuracies at least, error rates at most.
struct Floors {
    opinion: f64,
    voice: f64,
    category: f64,
    status: f64,
    terms: f64,
    equality_f1: f64,
    false_missing: f64,
    false_alarms: f64,
}

/// Where a labelled word or phrase stands in the text, in UTF-16 units: its
/// whole-word occurrences ("bi" is not the "bi" of "stability"), or, when it
/// only ever stands inside a longer word, every occurrence.
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let all: Vec<(usize, usize)> = text.match_indices(needle).map(|(i, m)| (i, i + m.len())).collect();
    let whole: Vec<(usize, usize)> = all
        .iter()
        .copied()
        .filter(|&(i, j)| {
            let clear_before = !alnum(needle.chars().next()) || !alnum(text[..i].chars().next_back());
            let clear_after = !alnum(needle.chars().next_back()) || !alnum(text[j..].chars().next());
            clear_before && clear_after
        })
        .collect();
    let chosen = if whole.is_empty() { all } else { whole };
    chosen
        .into_iter()
        .map(|(i, j)| {
            let start = text[..i].encode_utf16().count();
            (start, start + text[i..j].encode_utf16().count())
        })
        .collect()
}

fn covered(report: &Report, (start, end): (usize, usize)) -> bool {
    report.findings.iter().filter(|f| LANGUAGE_RULES.contains(&f.rule.as_str())).filter_map(|f| f.span).any(|s| s.start < end && start < s.end)
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

fn missing_warning(report: &Report, rule: &str) -> bool {
    report.findings.iter().any(|f| f.rule == rule && f.span.is_none() && f.severity != Severity::Advice)
}

/// Scores the checker on JSONL corpus files.
pub fn score(checker: &Checker, files: &[(&str, &str)]) -> Scores {
    let mut s = Scores::default();
    for (_, data) in files {
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let note: Value = serde_json::from_str(line).expect("a corpus line is JSON");
            let id = note["id"].as_str().unwrap_or("?");
            let text = note["text"].as_str().unwrap();
            let context = Context::from_value_json(&note["context"]).expect("a corpus context is valid");
            let labels = &note["labels"];
            let report = checker.check(text, &context);
            s.notes += 1;
            for (detector, present, rule, p) in [
                ("opinion", report.opinion.present, "missing-professional-opinion", &mut s.opinion),
                ("child_voice", report.child_voice.present, "missing-child-voice", &mut s.voice),
            ] {
                let want = labels[detector].as_bool().unwrap();
                p.accuracy.add(present == want);
                if want {
                    p.recall.add(present);
                    p.false_missing.add(missing_warning(&report, rule));
                } else {
                    p.false_present.add(present);
                }
                if present != want {
                    s.misses.push(format!("{id} {detector}: expected {want}"));
                }
            }
            let category = report.deadline.category.id();
            s.category.add(labels["deadline"] == category);
            if labels["deadline"] != category {
                s.misses.push(format!("{id} deadline: expected {}, got {category}", labels["deadline"]));
            }
            let status = serde_json::to_value(report.deadline.status).unwrap();
            s.status.add(labels["status"] == status);
            if labels["status"] != status {
                s.misses.push(format!("{id} status: expected {}, got {status} (event_at {:?})", labels["status"], report.deadline.event_at));
            }
            for key in ["jargon", "stigmatising", "vague"] {
                for term in strings(&labels[key]) {
                    let found = occurrences(text, term).into_iter().any(|r| covered(&report, r));
                    s.terms.add(found);
                    if !found {
                        s.misses.push(format!("{id} {key} not flagged: {term:?}"));
                    }
                }
            }
            for trap in strings(&labels["traps"]) {
                let flagged = occurrences(text, trap).into_iter().any(|r| covered(&report, r));
                s.false_alarms.add(flagged);
                if flagged {
                    s.misses.push(format!("{id} trap flagged: {trap:?}"));
                }
            }
            let want: Vec<&str> = strings(&labels["equality"]);
            let got: Vec<&str> = report.equality.mentioned.iter().map(|a| a.id()).collect();
            s.equality_tp += got.iter().filter(|a| want.contains(a)).count();
            s.equality_fp += got.iter().filter(|a| !want.contains(a)).count();
            s.equality_fn += want.iter().filter(|a| !got.contains(a)).count();
        }
    }
    s
}

/// A labelled word is looked for as a whole word: a trap "bi" is not
/// flagged when "stability" is.
#[test]
fn labelled_words_are_found_as_whole_words() {
    assert_eq!(occurrences("stability; being bi", "bi"), [(17, 19)]);
    assert_eq!(occurrences("an A&E visit", "A&E"), [(3, 6)]);
    // Only inside a longer word: still found there.
    assert_eq!(occurrences("CPPs", "CPP"), [(0, 3)]);
    // UTF-16 units: the emoji before is two.
    assert_eq!(occurrences("\u{1f600} TM", "TM"), [(3, 5)]);
}

/// The blind split is exactly what was recorded before tuning began.
#[test]
fn the_blind_split_is_unchanged() {
    use sha2::{Digest, Sha256};
    for (split, files, hashes) in [
        ("blind", BLIND, BLIND_HASHES),
        ("blind2", BLIND2, BLIND2_HASHES),
        ("blind3", BLIND3, BLIND3_HASHES),
        ("blind4", BLIND4, BLIND4_HASHES),
        ("blind5", BLIND5, BLIND5_HASHES),
        ("blind6", BLIND6, BLIND6_HASHES),
        ("blind7", BLIND7, BLIND7_HASHES),
        ("blind8", BLIND8, BLIND8_HASHES),
        ("blind9", BLIND9, BLIND9_HASHES),
        ("blind10", BLIND10, BLIND10_HASHES),
        ("blind11", BLIND11, BLIND11_HASHES),
        ("blind12", BLIND12, BLIND12_HASHES),
    ] {
        for (writer, data) in files {
            let hash: String = Sha256::digest(data.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            let recorded = format!("{hash}  {split}/{writer}.jsonl");
            assert!(hashes.lines().any(|l| l == recorded), "tests/corpus/{split}/{writer}.jsonl differs from its recorded hash");
        }
    }
}

/// The dev split (`CORPUS_WRITERS=w9,w10` scores those writers alone and
/// prints their figures without holding them to the floors).
#[test]
fn dev_split_figures() {
    let only: Option<Vec<String>> = std::env::var("CORPUS_WRITERS").ok().map(|w| w.split(',').map(str::to_owned).collect());
    let files: Vec<(&str, &str)> = corpus_data::DEV.iter().copied().filter(|(w, _)| only.as_ref().is_none_or(|o| o.iter().any(|x| x == w))).collect();
    let scores = score(&Checker::new(), &files);
    scores.print("dev (tuned on)");
    if std::env::var_os("CORPUS_MISSES").is_some() {
        for m in &scores.misses {
            println!("  {m}");
        }
    }
    if only.is_some() {
        return;
    }
    // What the dev split reaches (tuned on), less about a point.
    let floors =
        Floors { opinion: 0.97, voice: 0.955, category: 0.96, status: 0.98, terms: 0.915, equality_f1: 0.845, false_missing: 0.02, false_alarms: 0.03 };
    assert_holds("dev split", &scores, 3739, &floors);
}

/// Fails unless a split has all its notes and reaches its floors.
fn assert_holds(split: &str, scores: &Scores, notes: usize, floors: &Floors) {
    assert_eq!(scores.notes, notes, "{split}: notes scored");
    let failing = scores.below(floors);
    assert!(failing.is_empty(), "{split} below its floors: {failing:?}");
}

/// The blind split, scored once at the end (aggregates only: its notes are
/// never read to tune anything). Its floors are what that one scoring gave,
/// less a point, so a regression fails the test.
#[test]
fn blind_split_figures() {
    let scores = score(&Checker::new(), BLIND);
    scores.print("blind (written by other writers, never tuned on)");
    // Scored once: opinion 0.963, voice 0.941, category 0.880, status 0.948,
    // term recall 0.880, equality F1 0.830, false "missing" 0.025 and 0.000,
    // false alarms 0.029 (the goals of 0.90 for category and 0.02 for false
    // alarms are not met; see the README's Accuracy section).
    // With the category model (a later stop): category 0.914, false alarms
    // 0.027. With the models retrained on w1–w17 (the fifth blind split's
    // round): 0.966, 0.941, 0.926, 0.969, 0.899, 0.830, 0.018 and 0.000,
    // 0.023 (see the README for every figure). After the sixth blind split's
    // round (the models retrained on w1–w20): 0.972, 0.938, 0.923, 0.969,
    // 0.906, 0.830, 0.018 and 0.000, 0.021.
    // After blind7's round (the models retrained on w1–w23): 0.966, 0.948,
    // 0.935, 0.975, 0.908, 0.830, 0.031 and 0.000, 0.021.
    // After blind8's round (the models retrained on w1–w26, a note pooling
    // its three strongest sentences): 0.969, 0.944, 0.932, 0.972,
    // 0.908, 0.830, 0.018 and 0.000, 0.021.
    // After blind9's round (the models retrained on w1–w29, a quoted example of
    // recording read as recording, the lists' changes from w27–w29): 0.972,
    // 0.954, 0.932, 0.972, 0.912, 0.830, 0.025 and 0.000, 0.021.
    // After blind10's round (the models retrained on w1–w32, a harm listed
    // after "no" not read as the event, the lists' changes from w30–w32,
    // labelled words found as whole words): 0.975, 0.944, 0.929, 0.972,
    // 0.916, 0.830, 0.018 and 0.000, 0.021.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.975, 0.948, 0.938, 0.975,
    // 0.917, 0.830, 0.018 and 0.000, 0.021.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.975, 0.944, 0.935, 0.975, 0.920, 0.830, 0.031 and 0.000, 0.019.
    let floors =
        Floors { opinion: 0.965, voice: 0.93, category: 0.925, status: 0.965, terms: 0.91, equality_f1: 0.82, false_missing: 0.045, false_alarms: 0.03 };
    assert_holds("blind split", &scores, 324, &floors);
}

/// The second blind split, scored once at the end like the first (its notes
/// are never read); its floors are what that scoring gave, less a point.
#[test]
fn blind2_split_figures() {
    let scores = score(&Checker::new(), BLIND2);
    scores.print("blind2 (written by three more writers, never tuned on)");
    // Scored once: opinion 0.956, voice 0.919, category 0.870, status 0.948,
    // term recall 0.885, equality F1 0.873, false "missing" 0.012 and 0.006,
    // false alarms 0.044. With the rules from before w9 and w10 were studied
    // (4c0a66f): 0.937, 0.919, 0.863, 0.944, 0.880, 0.873, 0.018 and 0.018,
    // 0.040. With the category model and the models retrained on w1–w13 (a
    // later stop): 0.948, 0.930, 0.922, 0.963, 0.890, 0.873, 0.018 and 0.018,
    // 0.032. With the models retrained on w1–w17 (the fifth blind split's
    // round): 0.967, 0.926, 0.922, 0.963, 0.896, 0.873, 0.006 and 0.018,
    // 0.028. After the sixth blind split's round (the models retrained on
    // w1–w20): 0.963, 0.926, 0.919, 0.956, 0.912, 0.873, 0.000 and 0.006,
    // 0.024. The voice and false-alarm goals are not met (see the README's
    // Accuracy section).
    // After blind7's round (the models retrained on w1–w23): 0.974, 0.915,
    // 0.933, 0.963, 0.912, 0.873, 0.006 and 0.012, 0.024.
    // After blind8's round (the models retrained on w1–w26, a note pooling
    // its three strongest sentences): 0.970, 0.919, 0.933, 0.963,
    // 0.914, 0.873, 0.012 and 0.012, 0.024.
    // After blind9's round (the models retrained on w1–w29, a quoted example of
    // recording read as recording, the lists' changes from w27–w29): 0.967,
    // 0.930, 0.941, 0.967, 0.915, 0.873, 0.012 and 0.006, 0.024.
    // After blind10's round (the models retrained on w1–w32, a harm listed
    // after "no" not read as the event, the lists' changes from w30–w32,
    // labelled words found as whole words): 0.967, 0.933, 0.933, 0.963,
    // 0.918, 0.873, 0.012 and 0.018, 0.024.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.981, 0.941, 0.937, 0.963,
    // 0.922, 0.873, 0.012 and 0.012, 0.024.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.981, 0.941, 0.944, 0.970, 0.923, 0.873, 0.012 and 0.012, 0.024.
    let floors = Floors { opinion: 0.97, voice: 0.93, category: 0.93, status: 0.96, terms: 0.91, equality_f1: 0.86, false_missing: 0.025, false_alarms: 0.035 };
    assert_holds("blind2 split", &scores, 270, &floors);
}

/// The third blind split, scored at the end like the others (its notes are
/// never read); its floors are what that scoring gave, less a point.
#[test]
fn blind3_split_figures() {
    let scores = score(&Checker::new(), BLIND3);
    scores.print("blind3 (written by three more writers, never tuned on)");
    // First look, with the rules as they stood when it was written (574a38e):
    // opinion 0.958, voice 0.919, category 0.856, status 0.951, term recall
    // 0.855, equality F1 0.894, false "missing" 0.013 and 0.019, false alarms
    // 0.046. Final (with the category model, the models retrained on w1–w13
    // and the lists' changes from w11–w13): 0.954, 0.940, 0.891, 0.958,
    // 0.860, 0.894, 0.007 and 0.013, 0.037. It was also scored once between
    // the two, by a test run of the first category model (category 0.901);
    // nothing was changed on the strength of that figure. After the next
    // round (the models retrained with w14 and w15): 0.947, 0.930, 0.894,
    // 0.961, 0.862, 0.894, 0.007 and 0.013, 0.031. After the fifth blind
    // split's round (the models retrained on w1–w17): 0.965, 0.944, 0.898,
    // 0.965, 0.863, 0.894, 0.007 and 0.019, 0.021. After the sixth blind
    // split's round (the models retrained on w1–w20): 0.968, 0.951, 0.905,
    // 0.968, 0.882, 0.894, 0.000 and 0.013, 0.021. The false-alarm goal is
    // not met (see the README's Accuracy section).
    // After blind7's round (the models retrained on w1–w23): 0.972, 0.930,
    // 0.912, 0.968, 0.884, 0.894, 0.007 and 0.013, 0.021.
    // After blind8's round (the models retrained on w1–w26, a note pooling
    // its three strongest sentences): 0.968, 0.944, 0.912, 0.972,
    // 0.886, 0.894, 0.000 and 0.013, 0.021.
    // After blind9's round (the models retrained on w1–w29, a quoted example of
    // recording read as recording, the lists' changes from w27–w29): 0.968,
    // 0.947, 0.919, 0.972, 0.886, 0.894, 0.000 and 0.006, 0.021.
    // After blind10's round (the models retrained on w1–w32, a harm listed
    // after "no" not read as the event, the lists' changes from w30–w32,
    // labelled words found as whole words): 0.979, 0.940, 0.919, 0.972,
    // 0.887, 0.894, 0.000 and 0.006, 0.021.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.979, 0.944, 0.919, 0.972,
    // 0.889, 0.894, 0.000 and 0.006, 0.021.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.975, 0.940, 0.926, 0.975, 0.889, 0.894, 0.007 and 0.006, 0.018.
    let floors =
        Floors { opinion: 0.965, voice: 0.93, category: 0.915, status: 0.965, terms: 0.875, equality_f1: 0.88, false_missing: 0.02, false_alarms: 0.03 };
    assert_holds("blind3 split", &scores, 284, &floors);
}

/// The fourth blind split, scored at the end like the others (its notes are
/// never read); its floors are what that scoring gave, less a point.
#[test]
fn blind4_split_figures() {
    let scores = score(&Checker::new(), BLIND4);
    scores.print("blind4 (written by three more writers, never tuned on)");
    // First look, with the category model as it was when the split was
    // written (31946e5): opinion 0.952, voice 0.919, category 0.933, status
    // 0.974, term recall 0.866, equality F1 0.869, false "missing" 0.019 and
    // 0.040, false alarms 0.036. Final (the models retrained with w14 and w15,
    // their lists' changes): 0.963, 0.930, 0.944, 0.978, 0.866, 0.869, 0.006
    // and 0.033, 0.036; then, with the category model's smaller weights
    // (chosen on out-of-fold accuracy and size before this scoring), category
    // 0.930 and status 0.974. After the fifth blind split's round (the models
    // retrained on w1–w17): 0.970, 0.926, 0.937, 0.974, 0.870, 0.869, 0.006
    // and 0.047, 0.030. After the sixth blind split's round (the models
    // retrained on w1–w20): 0.974, 0.926, 0.944, 0.974, 0.886, 0.869, 0.000
    // and 0.033, 0.027. The voice and false-alarm goals are not met (see the
    // README).
    // After blind7's round (the models retrained on w1–w23): 0.974, 0.926,
    // 0.948, 0.978, 0.886, 0.869, 0.006 and 0.040, 0.027.
    // After blind8's round (the models retrained on w1–w26, a note pooling
    // its three strongest sentences): 0.978, 0.941, 0.959, 0.985,
    // 0.887, 0.869, 0.006 and 0.053, 0.027.
    // After blind9's round (the models retrained on w1–w29, a quoted example of
    // recording read as recording, the lists' changes from w27–w29): 0.981,
    // 0.926, 0.959, 0.993, 0.887, 0.869, 0.019 and 0.053, 0.027.
    // After blind10's round (the models retrained on w1–w32, a harm listed
    // after "no" not read as the event, the lists' changes from w30–w32,
    // labelled words found as whole words): 0.978, 0.933, 0.956, 0.993,
    // 0.892, 0.869, 0.019 and 0.053, 0.027.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.970, 0.930, 0.956, 0.989,
    // 0.897, 0.869, 0.019 and 0.047, 0.027.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.974, 0.933, 0.967, 0.993, 0.899, 0.869, 0.019 and 0.047, 0.021.
    let floors =
        Floors { opinion: 0.96, voice: 0.92, category: 0.955, status: 0.98, terms: 0.885, equality_f1: 0.855, false_missing: 0.06, false_alarms: 0.035 };
    assert_holds("blind4 split", &scores, 270, &floors);
}

/// The fifth blind split, scored at the end like the others (its notes are
/// never read); its floors are what that scoring gave, less a point.
#[test]
fn blind5_split_figures() {
    let scores = score(&Checker::new(), BLIND5);
    scores.print("blind5 (written by three more writers, never tuned on)");
    // First look, with the checker as it was when the split was written
    // (bee3587): opinion 0.960, voice 0.931, category 0.909, status 0.975,
    // term recall 0.894, equality F1 0.867, false "missing" 0.006 and 0.030,
    // false alarms 0.032. Final (the models retrained on w1–w17, the lists'
    // changes from w16 and w17): 0.960, 0.935, 0.913, 0.975, 0.898, 0.867,
    // 0.012 and 0.037, 0.026. After the sixth blind split's round (the
    // models retrained on w1–w20): 0.960, 0.931, 0.920, 0.975, 0.912, 0.867,
    // 0.012 and 0.030, 0.026. The false-alarm goal is not met (see the
    // README).
    // After blind7's round (the models retrained on w1–w23): 0.964, 0.920,
    // 0.920, 0.975, 0.912, 0.867, 0.018 and 0.030, 0.032.
    // After blind8's round (the models retrained on w1–w26, a note pooling
    // its three strongest sentences): 0.971, 0.920, 0.916, 0.975,
    // 0.912, 0.867, 0.006 and 0.030, 0.032.
    // After blind9's round (the models retrained on w1–w29, a quoted example of
    // recording read as recording, the lists' changes from w27–w29): 0.967,
    // 0.927, 0.924, 0.975, 0.915, 0.867, 0.012 and 0.037, 0.032.
    // After blind10's round (the models retrained on w1–w32, a harm listed
    // after "no" not read as the event, the lists' changes from w30–w32,
    // labelled words found as whole words): 0.967, 0.924, 0.924, 0.978,
    // 0.917, 0.867, 0.018 and 0.049, 0.032.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.978, 0.924, 0.935, 0.985,
    // 0.917, 0.867, 0.018 and 0.043, 0.032.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.978, 0.927, 0.942, 0.985, 0.919, 0.867, 0.018 and 0.037, 0.029.
    let floors =
        Floors { opinion: 0.965, voice: 0.915, category: 0.93, status: 0.975, terms: 0.905, equality_f1: 0.855, false_missing: 0.05, false_alarms: 0.04 };
    assert_holds("blind5 split", &scores, 275, &floors);
}

/// The sixth blind split, scored at the end of its round like the others
/// (its notes are never read); its floors are what that scoring gave, less
/// a point.
#[test]
fn blind6_split_figures() {
    let scores = score(&Checker::new(), BLIND6);
    scores.print("blind6 (written by three more writers, never tuned on)");
    // First look, with the checker as it was when the split was written
    // (d4fb490): opinion 0.963, voice 0.933, category 0.911, status 0.963,
    // term recall 0.921, equality F1 0.890, false "missing" 0.023 and 0.024,
    // false alarms 0.020. Final (the models retrained on w1–w20, the lists'
    // changes from w18–w20): 0.956, 0.919, 0.922, 0.970, 0.926, 0.890, 0.029
    // and 0.024, 0.016. Voice fell 1.4 points and is under its goal of 0.93
    // (see the README).
    // After blind7's round (the models retrained on w1–w23): 0.959, 0.915,
    // 0.933, 0.970, 0.926, 0.890, 0.029 and 0.018, 0.016.
    // After blind8's round (the models retrained on w1–w26, a note pooling
    // its three strongest sentences): 0.952, 0.930, 0.930, 0.970,
    // 0.926, 0.890, 0.029 and 0.036, 0.016.
    // After blind9's round (the models retrained on w1–w29, a quoted example of
    // recording read as recording, the lists' changes from w27–w29): 0.952,
    // 0.930, 0.933, 0.970, 0.928, 0.890, 0.029 and 0.030, 0.016.
    // After blind10's round (the models retrained on w1–w32, a harm listed
    // after "no" not read as the event, the lists' changes from w30–w32,
    // labelled words found as whole words): 0.952, 0.941, 0.937, 0.970,
    // 0.935, 0.890, 0.029 and 0.055, 0.016.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.952, 0.944, 0.944, 0.970,
    // 0.935, 0.890, 0.035 and 0.048, 0.016.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.956, 0.944, 0.944, 0.970, 0.935, 0.890, 0.035 and 0.042, 0.016.
    let floors =
        Floors { opinion: 0.945, voice: 0.93, category: 0.93, status: 0.96, terms: 0.925, equality_f1: 0.88, false_missing: 0.055, false_alarms: 0.03 };
    assert_holds("blind6 split", &scores, 270, &floors);
}

/// The seventh blind split, scored at the end of its round like the others
/// (its notes are never read); its floors are what that scoring gave, less
/// a point.
#[test]
fn blind7_split_figures() {
    let scores = score(&Checker::new(), BLIND7);
    scores.print("blind7 (written by three more writers, never tuned on)");
    // First look, with the checker as it was when the split was written
    // (a56679c): opinion 0.952, voice 0.952, category 0.930, status 0.978,
    // term recall 0.919, equality F1 0.832, false "missing" 0.013 and 0.019,
    // false alarms 0.017.
    // Final (the models retrained on w1–w23, the lists' changes from
    // w21–w23): 0.963, 0.934, 0.930, 0.982, 0.919, 0.832, 0.019 and 0.019,
    // 0.017. Voice fell 1.8 points (see the README).
    // After blind8's round (the models retrained on w1–w26, a note pooling
    // its three strongest sentences): 0.956, 0.941, 0.930, 0.978,
    // 0.919, 0.832, 0.025 and 0.019, 0.017.
    // After blind9's round (the models retrained on w1–w29, a quoted example of
    // recording read as recording, the lists' changes from w27–w29): 0.959,
    // 0.937, 0.937, 0.982, 0.921, 0.832, 0.006 and 0.026, 0.017.
    // After blind10's round (the models retrained on w1–w32, a harm listed
    // after "no" not read as the event, the lists' changes from w30–w32,
    // labelled words found as whole words): 0.963, 0.941, 0.937, 0.982,
    // 0.924, 0.832, 0.013 and 0.026, 0.017.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.970, 0.952, 0.926, 0.982,
    // 0.926, 0.832, 0.006 and 0.019, 0.020.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.970, 0.952, 0.937, 0.989, 0.926, 0.832, 0.006 and 0.019, 0.017.
    let floors =
        Floors { opinion: 0.96, voice: 0.94, category: 0.925, status: 0.975, terms: 0.915, equality_f1: 0.82, false_missing: 0.03, false_alarms: 0.03 };
    assert_holds("blind7 split", &scores, 271, &floors);
}

/// The eighth blind split, scored at the end of its round like the others
/// (its notes are never read); its floors are what that scoring gave, less
/// a point.
#[test]
fn blind8_split_figures() {
    let scores = score(&Checker::new(), BLIND8);
    scores.print("blind8 (written by three more writers, never tuned on)");
    // First look, with the checker as it was when the split was written
    // (28748b0): opinion 0.989, voice 0.933, category 0.952, status 0.989,
    // term recall 0.884, equality F1 0.894, false "missing" 0.013 and 0.018,
    // false alarms 0.013.
    // Final (the models retrained on w1–w26, a note pooling its three
    // strongest sentences, the lists' changes from w24–w26): 0.985, 0.937,
    // 0.952, 0.989, 0.884, 0.894, 0.013 and 0.024, 0.013.
    // After blind9's round (the models retrained on w1–w29, a quoted example of
    // recording read as recording, the lists' changes from w27–w29): 0.981,
    // 0.944, 0.959, 0.989, 0.884, 0.894, 0.013 and 0.012, 0.013.
    // After blind10's round (the models retrained on w1–w32, a harm listed
    // after "no" not read as the event, the lists' changes from w30–w32,
    // labelled words found as whole words): 0.985, 0.941, 0.956, 0.989,
    // 0.889, 0.894, 0.013 and 0.018, 0.013.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.981, 0.941, 0.959, 0.989,
    // 0.893, 0.894, 0.019 and 0.018, 0.013.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.981, 0.948, 0.959, 0.989, 0.893, 0.894, 0.019 and 0.018, 0.010.
    let floors =
        Floors { opinion: 0.97, voice: 0.935, category: 0.945, status: 0.975, terms: 0.88, equality_f1: 0.88, false_missing: 0.03, false_alarms: 0.02 };
    assert_holds("blind8 split", &scores, 270, &floors);
}

/// The ninth blind split, scored at the end of its round like the others
/// (its notes are never read); its floors are what that scoring gave, less
/// a point.
#[test]
fn blind9_split_figures() {
    let scores = score(&Checker::new(), BLIND9);
    scores.print("blind9 (written by three more writers, never tuned on)");
    // First look, with the checker as it was when the split was written
    // (5a9baec): opinion 0.949, voice 0.916 (recall 0.869), category 0.924,
    // status 0.978, term recall 0.892, equality F1 0.832, false "missing"
    // 0.027 and 0.033, false alarms 0.034.
    // Final (the models retrained on w1–w29, a quoted example of recording read
    // as recording, the lists' changes from w27–w29): 0.960, 0.931, 0.935,
    // 0.978, 0.892, 0.832, 0.034 and 0.046, 0.038.
    // After blind10's round (the models retrained on w1–w32, a harm listed
    // after "no" not read as the event, the lists' changes from w30–w32,
    // labelled words found as whole words): 0.956, 0.927, 0.935, 0.982,
    // 0.896, 0.832, 0.041 and 0.046, 0.038.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.956, 0.931, 0.942, 0.982,
    // 0.898, 0.832, 0.047 and 0.046, 0.038.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.956, 0.938, 0.942, 0.982, 0.898, 0.832, 0.047 and 0.046, 0.034.
    let floors =
        Floors { opinion: 0.945, voice: 0.925, category: 0.93, status: 0.97, terms: 0.885, equality_f1: 0.82, false_missing: 0.06, false_alarms: 0.045 };
    assert_holds("blind9 split", &scores, 275, &floors);
}

/// The tenth blind split, scored at the end of its round like the others
/// (its notes are never read); its floors are what that scoring gave, less
/// a point.
#[test]
fn blind10_split_figures() {
    let scores = score(&Checker::new(), BLIND10);
    scores.print("blind10 (written by three more writers, never tuned on)");
    // First look, with the checker as it was when the split was written
    // (1be5aa0): opinion 0.959, voice 0.915 (recall 0.914), category 0.941,
    // status 0.981, term recall 0.887, equality F1 0.836, false "missing"
    // 0.013 and 0.026, false alarms 0.017.
    // Final (the models retrained on w1–w32, a harm listed after "no" not
    // read as the event, the lists' changes from w30–w32, labelled words
    // found as whole words, which the first look did not do): 0.967, 0.911,
    // 0.944, 0.981, 0.893, 0.836, 0.020 and 0.039, 0.017.
    // After blind11's round (the models retrained on w1–w35, a pronoun read
    // past an opening "while" clause, the lists' changes from w33–w35): 0.963, 0.930, 0.941, 0.981,
    // 0.900, 0.836, 0.013 and 0.033, 0.017.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.970, 0.930, 0.948, 0.981, 0.902, 0.836, 0.020 and 0.033, 0.017.
    let floors =
        Floors { opinion: 0.96, voice: 0.92, category: 0.935, status: 0.97, terms: 0.89, equality_f1: 0.825, false_missing: 0.045, false_alarms: 0.03 };
    assert_holds("blind10 split", &scores, 270, &floors);
}

/// The eleventh blind split, scored at the end of its round like the others
/// (its notes are never read); its floors are what that scoring gave, less
/// a point.
#[test]
fn blind11_split_figures() {
    let scores = score(&Checker::new(), BLIND11);
    scores.print("blind11 (written by three more writers, never tuned on)");
    // First look, with the checker as it was when the split was written
    // (bbe39bc): opinion 0.978, voice 0.933 (recall 0.908), category 0.933,
    // status 0.978, term recall 0.870, equality F1 0.870, false "missing"
    // 0.014 and 0.026, false alarms 0.046.
    // Final (the models retrained on w1–w35, a pronoun read past an opening
    // "while" clause, the lists' changes from w33–w35): 0.978, 0.937, 0.933, 0.978, 0.884, 0.870,
    // 0.021 and 0.013, 0.046.
    // After blind12's round (the models retrained on w1–w38, a preposition's
    // object read only across a space, the lists' changes from w36–w38): 0.978, 0.944, 0.937, 0.978, 0.887, 0.870, 0.014 and 0.013, 0.043.
    let floors =
        Floors { opinion: 0.965, voice: 0.93, category: 0.925, status: 0.965, terms: 0.875, equality_f1: 0.86, false_missing: 0.025, false_alarms: 0.055 };
    assert_holds("blind11 split", &scores, 270, &floors);
}

/// The twelfth blind split, scored at the end of its round like the others
/// (its notes are never read); its floors are what that scoring gave, less
/// a point.
#[test]
fn blind12_split_figures() {
    let scores = score(&Checker::new(), BLIND12);
    scores.print("blind12 (written by three more writers, never tuned on)");
    // First look, with the checker as it was when the split was written
    // (fa3b34f): opinion 0.974, voice 0.948 (recall 0.949), category 0.933,
    // status 0.985, term recall 0.885, equality F1 0.861, false "missing"
    // 0.014 and 0.013, false alarms 0.064.
    // Final (the models retrained on w1–w38, a preposition's object read
    // only across a space, the lists' changes from w36–w38): 0.974, 0.952, 0.930, 0.985, 0.887, 0.861, 0.014 and 0.013, 0.061.
    let floors =
        Floors { opinion: 0.96, voice: 0.94, category: 0.92, status: 0.975, terms: 0.875, equality_f1: 0.85, false_missing: 0.025, false_alarms: 0.075 };
    assert_holds("blind12 split", &scores, 270, &floors);
}
