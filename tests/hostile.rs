//! Hostile and odd input: each case has a documented outcome in the README's
//! "Odd input" section. Inputs the fuzzers crashed on are kept here as
//! regression tests.

mod common;

use std::sync::LazyLock;
use std::time::Instant;

use case_note_checker::{Checker, Context, DeadlineStatus, Report};
use common::{assert_contract, slice};

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

fn check(text: &str) -> Report {
    let report = CHECKER.check(text, &Context::default());
    assert_contract(text, &report);
    report
}

/// The (rule, text) of every finding with a span.
fn flagged(report: &Report) -> Vec<(&str, &str)> {
    report.findings.iter().filter(|f| f.span.is_some()).map(|f| (f.rule.as_str(), f.text.as_str())).collect()
}

#[test]
fn empty_and_white_space_only_notes_have_no_findings() {
    for text in ["", " ", "\n\n\n", "\t \r\n \u{a0}\u{2003}\u{3000}", "\u{200b}\u{feff}", &" ".repeat(100_000)] {
        let report = check(text);
        assert!(report.findings.is_empty(), "{text:?}: {:?}", report.findings);
        assert_eq!((report.stats.words, report.stats.sentences), (0, 0));
        assert!(!report.opinion.present && !report.child_voice.present);
        assert_eq!(report.deadline.status, DeadlineStatus::Unknown);
    }
}

#[test]
fn a_five_megabyte_note_finishes() {
    let texts: Vec<String> = include_str!("notes/labelled.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_owned())
        .collect();
    let mut note = String::new();
    for text in texts.iter().cycle() {
        if note.len() >= 5 * 1024 * 1024 {
            break;
        }
        note.push_str(text);
        note.push_str("\n\n");
    }
    let started = Instant::now();
    let report = CHECKER.check(&note, &Context::default());
    let took = started.elapsed();
    println!(
        "5 MB note: {} bytes, {} words, {} findings, checked in {:.2} s ({} build)",
        note.len(),
        report.stats.words,
        report.findings.len(),
        took.as_secs_f64(),
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    assert!(report.findings.len() > 1000);
    assert_contract(&note, &report);
}

/// A council's patterns that would take a backtracking engine exponential
/// time, and one that would take `find_iter` quadratic time, over 1 MB notes
/// made of what they almost match: the check finishes (no time is asserted),
/// and every span keeps the contract.
#[test]
fn pathological_council_patterns_finish_on_a_megabyte_note() {
    let pattern =
        |id: &str, regex: &str| serde_json::json!({"id": id, "regex": regex, "whole_word": false, "message": "M.", "severity": "advice", "standard": null});
    let policy = serde_json::json!({"extends": "worcestershire", "patterns": [
        pattern("nested-alternation", "(a|aa)*b"),
        pattern("nested-repetition", "(x+x+)+y"),
        pattern("greedy-then-short", ".*[^A-Z]|[A-Z]"),
        pattern("counted", "(?:a|x|A){1,20}!"),
    ]});
    let checker = Checker::with_policy_value(policy).unwrap();
    for note in ["a".repeat(1 << 20), "x ".repeat(1 << 19), "A".repeat(1 << 20)] {
        let started = Instant::now();
        let report = checker.check(&note, &Context::default());
        println!("{} bytes checked in {:.2} s", note.len(), started.elapsed().as_secs_f64());
        for id in ["nested-alternation", "nested-repetition", "greedy-then-short", "counted"] {
            assert!(report.findings.iter().filter(|f| f.rule == id).count() <= 100, "at most 100 matches of a pattern are looked at");
        }
        assert_contract(&note, &report);
    }
}

#[test]
fn lone_surrogates_become_replacement_characters_one_unit_each() {
    // A Rust `&str` cannot hold a lone surrogate. Text from UTF-16 (as
    // JavaScript's, which wasm-bindgen converts the same way) has each one
    // replaced by U+FFFD, which is also one UTF-16 unit, so spans still line
    // up with the original string.
    let units: Vec<u16> = [0xD800].into_iter().chain("The LAC review. ".encode_utf16()).chain([0xDC00, 0xDBFF]).chain("CIN".encode_utf16()).collect();
    let text = String::from_utf16_lossy(&units);
    assert_eq!(text, "\u{fffd}The LAC review. \u{fffd}\u{fffd}CIN");
    assert_eq!(text.encode_utf16().count(), units.len());
    let report = check(&text);
    for f in report.findings.iter().filter(|f| f.rule == "jargon") {
        let span = f.span.unwrap();
        assert_eq!(String::from_utf16(&units[span.start..span.end]).unwrap(), f.text, "slices the original UTF-16");
    }
    assert!(flagged(&report).contains(&("jargon", "CIN")), "{:?}", flagged(&report));
}

#[test]
fn nul_and_control_characters_are_spaces_to_the_rules_and_kept_in_spans() {
    let text = "LAC\u{0}review held.\u{7} Mum\u{8} was\u{b}manipulative.\u{1b}[31m The CIN\u{0}\u{0}\u{0}plan\u{85}ends\u{7f}.";
    let report = check(text);
    let got = flagged(&report);
    for expected in [("jargon", "CIN"), ("stigmatising-language", "manipulative")] {
        assert!(got.contains(&expected), "{expected:?} missing from {got:?}");
    }
    let lac = report.findings.iter().find(|f| f.text.starts_with("LAC")).expect("LAC flagged");
    assert_eq!(slice(text, lac.span.unwrap()), lac.text);
}

#[test]
fn crlf_and_cr_line_ends_keep_spans_exact() {
    let lf = "Statutory visit.\nThe LAC review was held.\n\nMum was non-compliant.\n";
    let base = check(lf);
    for text in [lf.replace('\n', "\r\n"), lf.replace('\n', "\r"), lf.replace('\n', "\u{2028}")] {
        let report = check(&text);
        assert_eq!(flagged(&report), flagged(&base), "{text:?}");
        assert_eq!(report.stats, base.stats, "{text:?}");
        for f in report.findings.iter().filter(|f| f.span.is_some()) {
            let at = text.encode_utf16().collect::<Vec<_>>();
            let start = f.span.unwrap().start;
            let expected_start = text[..text.find(f.text.as_str()).unwrap()].encode_utf16().count();
            assert_eq!(start, expected_start, "{} in {text:?}", f.text);
            assert!(start <= at.len());
        }
    }
}

#[test]
fn right_to_left_text_is_checked_around() {
    let text = "Visit to \u{645}\u{62d}\u{645}\u{62f} and \u{5d3}\u{5d5}\u{5d3}. \u{202b}Mum said \u{623}\u{646}\u{627} \u{628}\u{62e}\u{64a}\u{631}\u{202c}. The LAC review \u{200f}was held.";
    let report = check(text);
    let lac = report.findings.iter().find(|f| f.rule == "jargon").expect("LAC flagged");
    assert!(lac.text.starts_with("LAC"));
    assert_eq!(slice(text, lac.span.unwrap()), lac.text);
}

#[test]
fn combining_marks_and_emoji_sequences_are_never_split() {
    // Decomposed accents, a combining mark on a flagged word, ZWJ families,
    // skin tones, flags and keycaps, Hangul jamo.
    let text = "Jose\u{301} and Zoe\u{308} said \u{201c}I\u{2019}m \u{1f621}\u{201d}. Mum was non-compliant\u{308}. \
                \u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467} LAC review \u{1f44d}\u{1f3fd}. \u{1f1ec}\u{1f1e7} CIN\u{fe0f}\u{20e3} \u{1100}\u{1161}\u{11a8} s47\u{20dd}.";
    let report = check(text);
    let stigma = report.findings.iter().find(|f| f.rule == "stigmatising-language").expect("flagged despite the mark");
    assert_eq!(stigma.text, "non-compliant\u{308}", "the span takes the whole last character");
}

#[test]
fn one_hundred_thousand_character_word() {
    for word in ["a".repeat(100_000), "LAC".repeat(33_334), format!("{}\u{301}", "e\u{301}".repeat(50_000)), "\u{1f600}".repeat(100_000)] {
        let started = Instant::now();
        let report = check(&word);
        assert!(report.stats.words <= 1, "{}", report.stats.words);
        assert!(flagged(&report).is_empty(), "no word-list term inside one long word");
        println!("{}-byte word checked in {:.2} s", word.len(), started.elapsed().as_secs_f64());
    }
}

#[test]
fn every_malformed_context_field_is_an_error_naming_it() {
    let cases = [
        // bad dates and times
        (r#"{"event_at":"2026-02-30T10:00"}"#, "context.event_at"),
        (r#"{"event_at":"2026-11-23"}"#, "context.event_at"),
        (r#"{"event_at":"2026-11-23T24:00"}"#, "context.event_at"),
        (r#"{"recorded_at":"23/11/2026 10:00"}"#, "context.recorded_at"),
        (r#"{"recorded_at":"2026-13-01T10:00"}"#, "context.recorded_at"),
        (r#"{"event_at":"２０２６-11-23T10:00"}"#, "context.event_at"),
        // the event after the recording
        (r#"{"event_at":"2026-11-24T10:00","recorded_at":"2026-11-23T10:00"}"#, "context.recorded_at"),
        // unknown category
        (r#"{"event":"urgent"}"#, "context.event"),
        (r#"{"event":"Statutory_Visit"}"#, "context.event"),
        // wrong types, field by field
        (r#"{"event":5}"#, "context.event"),
        (r#"{"event_at":1763892000}"#, "context.event_at"),
        (r#"{"recorded_at":true}"#, "context.recorded_at"),
        (r#"{"child":"Jayden"}"#, "context.child"),
        (r#"{"child":{"name":["Jayden"]}}"#, "context.child.name"),
        (r#"{"child":{"age_years":"nine"}}"#, "context.child.age_years"),
        (r#"{"child":{"age_years":-1}}"#, "context.child.age_years"),
        (r#"{"child":{"age_years":1e308}}"#, "context.child.age_years"),
        (r#"{"equality":["language"]}"#, "context.equality"),
        (r#"{"equality":{"language":1}}"#, "context.equality.language"),
        (r#""statutory_visit""#, "context"),
        // unknown keys, at every level
        (r#"{"colour":"red"}"#, "context.colour"),
        (r#"{"child":{"dob":"2017-01-01"}}"#, "context.child.dob"),
        (r#"{"equality":{"star_sign":"Leo"}}"#, "context.equality.star_sign"),
        // not JSON at all
        ("{\"event\":", "context"),
        ("", "context"),
    ];
    for (json, field) in cases {
        let error = Context::from_json(json).expect_err(json);
        assert_eq!(error.field(), Some(field), "{json} gave {error}");
        assert!(error.to_string().starts_with(field), "the message names the field: {error}");
    }
    // null means absent, for every field
    assert_eq!(Context::from_json("null").unwrap(), Context::default());
}

// --- inputs the fuzzers found ------------------------------------------------

#[test]
fn fuzz_a_voice_word_inside_the_last_token() {
    // `cargo fuzz run check` (crash-c2b566b2): "nodded" matched inside the
    // final token "flag.nodded", and the child's-voice rule indexed one past
    // the last token.
    check("J\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}thou\u{fffd} flag.nodded");
    check("He nodded.nodded");
}

#[test]
fn fuzz_a_deadline_word_inside_the_last_token() {
    // `cargo fuzz run check` (crash-e8ae699b): "strat" matched inside the
    // final token "10:07_strat", and the negated-list test of the deadline
    // cue indexed one past the last token.
    let z = |n: usize| "\u{0}".repeat(n);
    check(&format!("Visi\"s47_strat{}strat{}egy_significant\"0T10:07_strat{}}}", z(14), z(60), z(24)));
    check("Visit 10:07_injury");
}

#[test]
fn fuzz_a_combining_mark_after_a_flagged_word() {
    // `cargo fuzz run check` (crash-dfbefa31): the span of "non-compliant"
    // ended before the combining diaeresis on its last letter.
    let text = "Zoe\u{301} and Jose\u{301} were non-compliant\u{308}. LAC\u{301} review. Ch\u{131}\u{307}ld said \u{201c}n\u{303}o\u{201d}. \u{1100}\u{1161}\u{11a8} s47\u{20dd}";
    check(text);
}
