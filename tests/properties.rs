//! Properties of every report, over generated notes: spans move exactly with
//! the text before them, checking is deterministic, each finding's text is
//! its span's slice, and adding a flagged word never hides another finding.

mod common;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use case_note_checker::{Checker, Context, FindingKind, Report};
use common::{assert_contract, slice};
use proptest::prelude::*;

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

/// Sentences of the labelled notes, the material generated notes are made of.
static SENTENCES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut sentences = Vec::new();
    for line in include_str!("notes/labelled.jsonl").lines().filter(|l| !l.trim().is_empty()) {
        let note: serde_json::Value = serde_json::from_str(line).unwrap();
        for s in note["text"].as_str().unwrap().split_inclusive(['.', '\n']) {
            if !s.trim().is_empty() {
                sentences.push(s.trim_start().to_owned());
            }
        }
    }
    sentences
});

/// Odd bits between sentences: emoji, right-to-left names, combining marks,
/// control characters, CRLF.
const ODD: &[&str] = &[
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{1f600} ",
    "\u{1f469}\u{200d}\u{1f467} ",
    "\u{645}\u{62d}\u{645}\u{62f} ",
    "\u{5d3}\u{5d5}\u{5d3} ",
    "e\u{301} ",
    "\u{308}",
    "\u{0}",
    "\u{7}",
    "\u{200b}",
    "\u{feff}",
    "\u{2028}",
    "\"",
    "\u{201c}",
    "\u{2019}",
    "(",
    ")",
    "- ",
];

/// A note: labelled sentences and odd bits, or arbitrary text.
fn note() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        4 => (0..SENTENCES.len()).prop_map(|i| SENTENCES[i].clone()),
        2 => prop::sample::select(ODD).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    prop::collection::vec(part, 0..12).prop_map(|parts| parts.concat())
}

/// Text that cannot change the meaning of what follows it.
fn unrelated_prefix() -> impl Strategy<Value = String> {
    let part = prop::sample::select(
        &[
            "Today. ",
            "\u{1f600} ",
            "\u{1f469}\u{200d}\u{1f467}. ",
            "\u{1f1ec}\u{1f1e7} ",
            "Visit at 10:00. ",
            "\u{5e9}\u{5dc}\u{5d5}\u{5dd}. ",
            "Caf\u{e9}. ",
            "Cafe\u{301}. ",
            "\n",
            "\r\n",
            "\u{10348}. ",
        ][..],
    );
    prop::collection::vec(part, 1..6).prop_map(|parts| parts.concat())
}

/// Short notes with one clearly flagged word, and what it is.
const FLAGGED: &[(&str, &str, &str)] = &[
    ("Jayden is LAC.", "jargon", "LAC"),
    ("The LAC review was held.", "jargon", "LAC review"),
    ("We talked about the CIN plan.", "jargon", "CIN"),
    ("Mum was non-compliant with the plan.", "stigmatising-language", "non-compliant"),
    ("Jayden kicked off at school.", "stigmatising-language", "kicked off"),
];

fn check(text: &str) -> Report {
    CHECKER.check(text, &Context::default())
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

proptest! {
    // 512 cases a property; PROPTEST_CASES=20000 for a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn unrelated_text_before_a_flagged_word_shifts_its_span_exactly(prefix in unrelated_prefix(), which in 0..FLAGGED.len()) {
        let (note, rule, word) = FLAGGED[which];
        let find = |report: &Report| report.findings.iter().find(|f| f.rule == rule && f.text == word).and_then(|f| f.span);
        let before = find(&check(note)).expect("flagged on its own");
        let shifted = format!("{prefix}{note}");
        let after = find(&check(&shifted));
        let shift = utf16_len(&prefix);
        prop_assert_eq!(after.map(|s| (s.start, s.end)), Some((before.start + shift, before.end + shift)), "{:?}", shifted);
    }

    #[test]
    fn checking_twice_gives_the_same_report(text in note()) {
        let first = check(&text);
        prop_assert_eq!(&first, &check(&text));
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&check(&text)).unwrap());
    }

    #[test]
    fn each_finding_is_the_slice_at_its_span(text in note()) {
        let report = check(&text);
        for f in &report.findings {
            if let Some(span) = f.span {
                prop_assert_eq!(&slice(&text, span), &f.text);
            }
        }
        assert_contract(&text, &report);
    }

    #[test]
    fn a_new_flagged_sentence_never_removes_a_finding(text in note(), at_start in any::<bool>()) {
        // Judgements of the whole note (no opinion, no child's voice) weigh
        // every line, its opening most, so a new line may tip them either way;
        // a finding at a place in the text never depends on an unrelated line.
        let keys = |report: &Report| {
            report.findings.iter().filter(|f| f.kind != FindingKind::Missing).map(|f| (f.rule.clone(), f.text.clone())).collect::<BTreeSet<_>>()
        };
        // Known issue (reported with issue 6): a quotation left open on the
        // note's last line runs to the end of the note, and a line added after
        // it closes it there instead, which changes whether a vague word's
        // sentence "has a quotation" as evidence. Not the flagged word's doing.
        let at_start = at_start || last_line_opens_a_quotation(&text);
        let before = keys(&check(&text));
        let with_lac = if at_start { format!("LAC.\n{text}") } else { format!("{text}\nLAC.") };
        let after = keys(&check(&with_lac));
        let lost: Vec<_> = before.difference(&after).collect();
        prop_assert!(lost.is_empty(), "adding \"LAC.\" removed {:?} from {:?}", lost, text);
        prop_assert!(after.contains(&("jargon".to_owned(), "LAC".to_owned())));
    }
}

/// True when the last line has an odd number of double quotation marks, or a
/// single one that could open a quotation (not an apostrophe inside a word).
fn last_line_opens_a_quotation(text: &str) -> bool {
    let last = text.rsplit(['\n', '\r', '\u{2028}', '\u{2029}', '\u{b}', '\u{c}', '\u{85}']).next().unwrap_or("");
    let doubles = last.chars().filter(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}')).count();
    let chars: Vec<char> = last.chars().collect();
    let opens_single = (0..chars.len()).any(|i| {
        matches!(chars[i], '\'' | '\u{2018}' | '\u{2019}' | '\u{201b}' | '`' | '\u{b4}' | '\u{2032}' | '\u{2bc}')
            && !(i > 0 && chars[i - 1].is_alphanumeric())
            && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
    });
    doubles % 2 == 1 || opens_single
}
