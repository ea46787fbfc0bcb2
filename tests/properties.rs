//! Properties of every report, over generated notes: spans move exactly with
//! the text before them, checking is deterministic, each finding's text is
//! its span's slice, adding a flagged word never hides another finding, and
//! in text of every script a span is exactly the grapheme clusters its words
//! touch: never split, never widened further.

mod common;

use std::collections::BTreeSet;
use std::sync::LazyLock;

use case_note_checker::{Checker, Context, FindingKind, Report};
use common::{assert_contract, slice};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

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

/// Unicode's script blocks (and the symbol, punctuation and format blocks
/// between them): text of every script is drawn from these.
const BLOCKS: &[(char, char)] = &[
    ('\u{20}', '\u{7e}'),       // Basic Latin
    ('\u{a0}', '\u{24f}'),      // Latin-1 Supplement, Latin Extended-A and -B
    ('\u{250}', '\u{2ff}'),     // IPA, spacing modifier letters
    ('\u{300}', '\u{36f}'),     // combining diacritical marks
    ('\u{370}', '\u{3ff}'),     // Greek
    ('\u{400}', '\u{52f}'),     // Cyrillic
    ('\u{530}', '\u{58f}'),     // Armenian
    ('\u{590}', '\u{5ff}'),     // Hebrew
    ('\u{600}', '\u{6ff}'),     // Arabic, prepended number signs included
    ('\u{700}', '\u{74f}'),     // Syriac
    ('\u{780}', '\u{7ff}'),     // Thaana, NKo
    ('\u{870}', '\u{8ff}'),     // Arabic Extended-B and -A
    ('\u{900}', '\u{97f}'),     // Devanagari
    ('\u{980}', '\u{9ff}'),     // Bengali
    ('\u{a00}', '\u{aff}'),     // Gurmukhi, Gujarati
    ('\u{b00}', '\u{b7f}'),     // Oriya
    ('\u{b80}', '\u{bff}'),     // Tamil
    ('\u{c00}', '\u{cff}'),     // Telugu, Kannada
    ('\u{d00}', '\u{dff}'),     // Malayalam, Sinhala
    ('\u{e00}', '\u{eff}'),     // Thai, Lao
    ('\u{f00}', '\u{fff}'),     // Tibetan
    ('\u{1000}', '\u{10ff}'),   // Myanmar, Georgian
    ('\u{1100}', '\u{11ff}'),   // Hangul Jamo
    ('\u{1200}', '\u{139f}'),   // Ethiopic
    ('\u{13a0}', '\u{13ff}'),   // Cherokee
    ('\u{1780}', '\u{18af}'),   // Khmer, Mongolian
    ('\u{1ab0}', '\u{1aff}'),   // combining diacritical marks extended
    ('\u{1dc0}', '\u{1fff}'),   // combining marks supplement, Latin extended additional, Greek extended
    ('\u{2000}', '\u{206f}'),   // general punctuation: spaces, joiners, format characters
    ('\u{2070}', '\u{218f}'),   // super- and subscripts, currency, combining marks for symbols, letterlike, number forms
    ('\u{2190}', '\u{27bf}'),   // arrows, technical, enclosed alphanumerics, symbols, dingbats
    ('\u{3000}', '\u{30ff}'),   // CJK punctuation, Hiragana, Katakana
    ('\u{3100}', '\u{318f}'),   // Bopomofo, Hangul compatibility jamo
    ('\u{4e00}', '\u{9fff}'),   // CJK unified ideographs (Han)
    ('\u{a000}', '\u{a4cf}'),   // Yi
    ('\u{a960}', '\u{a97f}'),   // Hangul Jamo Extended-A
    ('\u{a980}', '\u{a9df}'),   // Javanese
    ('\u{ac00}', '\u{d7a3}'),   // Hangul syllables
    ('\u{d7b0}', '\u{d7ff}'),   // Hangul Jamo Extended-B
    ('\u{e000}', '\u{e0ff}'),   // private use
    ('\u{fb00}', '\u{fdff}'),   // presentation forms: Latin, Hebrew, Arabic
    ('\u{fe00}', '\u{fe2f}'),   // variation selectors, combining half marks
    ('\u{fe70}', '\u{ffff}'),   // Arabic presentation forms-B, half- and full-width forms, specials
    ('\u{10330}', '\u{1034f}'), // Gothic
    ('\u{11000}', '\u{110cf}'), // Brahmi, Kaithi (a prepended mark)
    ('\u{11100}', '\u{1114f}'), // Chakma
    ('\u{11900}', '\u{1195f}'), // Dives Akuru (prepended marks)
    ('\u{13000}', '\u{1345f}'), // Egyptian hieroglyphs and their format controls
    ('\u{1d400}', '\u{1d7ff}'), // mathematical letters and digits
    ('\u{1f000}', '\u{1f1ff}'), // game symbols, enclosed alphanumerics, regional indicators
    ('\u{1f300}', '\u{1faff}'), // emoji: pictographs, emoticons, transport, skin tones, supplemental
    ('\u{20000}', '\u{2a6df}'), // CJK extension B
    ('\u{e0000}', '\u{e01ef}'), // tags, variation selectors supplement
];

/// Sequences the cluster rules treat specially, in many scripts.
const SEQUENCES: &[&str] = &[
    "\r\n",
    "\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}",                     // family (ZWJ sequence)
    "\u{1f9d1}\u{1f3fd}\u{200d}\u{1f9bd}",                             // person, skin tone, ZWJ, wheelchair
    "\u{1f44d}\u{1f3fd}",                                              // skin tone
    "\u{1f1ec}\u{1f1e7}",                                              // flag: regional indicators
    "\u{1f1f5}\u{1f1f1}\u{1f1f5}",                                     // an odd regional indicator
    "\u{1f3f4}\u{e0067}\u{e0062}\u{e0077}\u{e006c}\u{e0073}\u{e007f}", // flag of Wales (tags)
    "1\u{fe0f}\u{20e3}",                                               // keycap
    "\u{2764}\u{fe0f}",                                                // emoji presentation
    "\u{645}\u{64f}\u{62d}\u{64e}\u{645}\u{651}\u{64e}\u{62f}",        // Arabic with harakat: Muhammad
    "\u{639}\u{627}\u{626}\u{634}\u{6c1}",                             // Urdu: Ayesha
    "\u{600}\u{661}\u{662}",                                           // Arabic number sign before digits
    "\u{915}\u{94d}\u{937}\u{93f}",                                    // Devanagari conjunct: kshi
    "\u{92a}\u{94d}\u{930}\u{93f}\u{92f}\u{93e}",                      // Devanagari: Priya
    "\u{928}\u{94d}\u{200d}",                                          // virama and ZWJ
    "\u{995}\u{9cd}\u{9b7}",                                           // Bengali conjunct
    "\u{9b0}\u{9b9}\u{9bf}\u{9ae}",                                    // Bengali: Rahim
    "\u{b95}\u{bcd}\u{bb7}",                                           // Tamil
    "\u{ba4}\u{bae}\u{bbf}\u{bb4}\u{bcd}",                             // Tamil: Tamil
    "\u{e01}\u{e33}",                                                  // Thai sara am
    "\u{e2a}\u{e27}\u{e31}\u{e2a}\u{e14}\u{e35}",                      // Thai: sawasdee
    "\u{1100}\u{1161}\u{11a8}",                                        // Hangul jamo L V T
    "\u{d55c}\u{ad6d}\u{11a8}",                                        // Hangul syllables and a trailing jamo
    "\u{738b}\u{5c0f}\u{660e}",                                        // Han: Wang Xiaoming
    "Jose\u{301}",                                                     // decomposed accent
    "Zoe\u{308}\u{301}",                                               // stacked marks
    "\u{5d3}\u{5b8}\u{5d5}\u{5b4}\u{5d3}",                             // Hebrew with points
    "a\u{200d}b",
    "\u{200b}",
];

/// Characters that join the one before them into a cluster.
const EXTENDERS: &[&str] = &[
    "\u{301}",
    "\u{308}",
    "\u{200d}",
    "\u{200c}",
    "\u{fe0f}",
    "\u{20e3}",
    "\u{1f3fd}",
    "\u{94d}",
    "\u{93f}",
    "\u{9cd}",
    "\u{bcd}",
    "\u{e31}",
    "\u{11a8}",
    "\u{e0067}",
];

/// Text of every script: characters from every block, the sequences the
/// cluster rules single out, joiners and marks in odd places, white space and
/// punctuation between them, and any character at all.
fn script_text() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        6 => prop::sample::select(BLOCKS).prop_flat_map(|(a, b)| proptest::char::range(a, b)).prop_map(String::from),
        3 => prop::sample::select(SEQUENCES).prop_map(str::to_owned),
        2 => prop::sample::select(EXTENDERS).prop_map(str::to_owned),
        2 => prop::sample::select(&[" ", "\n", "\r\n", "\r", "\t", ". ", ", ", "\u{a0}", "\u{3000}"][..]).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(part, 0..40).prop_map(|parts| parts.concat())
}

/// A note in many scripts: labelled sentences, so there are findings, with
/// text of every script before, between and after them.
fn script_note() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        2 => (0..SENTENCES.len()).prop_map(|i| SENTENCES[i].clone()),
        3 => script_text(),
    ];
    prop::collection::vec(part, 0..8).prop_map(|parts| parts.concat())
}

/// The UTF-16 range of the grapheme clusters that the UTF-16 range
/// `start..end` touches, from `unicode-segmentation`'s own iterator.
fn enclosing_clusters(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut bounds = vec![0];
    let mut unit = 0;
    for g in text.graphemes(true) {
        unit += utf16_len(g);
        bounds.push(unit);
    }
    let before = *bounds.iter().rev().find(|&&b| b <= start).unwrap();
    let after = *bounds.iter().find(|&&b| b >= end).unwrap();
    (before, after)
}

/// Flagged words to put into text of other scripts, with their rule.
const FLAGGED_WORDS: &[(&str, &str)] =
    &[("LAC", "jargon"), ("CIN", "jargon"), ("non-compliant", "stigmatising-language"), ("manipulative", "stigmatising-language")];

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

    #[test]
    fn spans_keep_the_contract_in_text_of_every_script(text in script_note()) {
        let report = check(&text);
        assert_contract(&text, &report);
        prop_assert_eq!(&report, &check(&text));
    }

    #[test]
    fn a_flagged_word_among_other_scripts_spans_exactly_its_clusters(
        before in script_text(),
        gap_before in prop::sample::select(&["", " ", "\n", "\r\n", "\u{600}", "\u{5d3} ", "\u{3000}"][..]),
        which in 0..FLAGGED_WORDS.len(),
        gap_after in prop::sample::select(&[" ", ".", "\u{301}", "\u{308}\u{301}", "\u{200d}", "\u{200d}\u{1f467}", "\u{fe0f}\u{20e3}", "\u{1f3fd}", "\u{93f}", "\u{e0067}", "\r\n"][..]),
        after in script_text(),
    ) {
        let (word, rule) = FLAGGED_WORDS[which];
        let text = format!("{before}{gap_before}{word}{gap_after}{after}");
        let start = utf16_len(&before) + utf16_len(gap_before);
        let end = start + utf16_len(word);
        let report = check(&text);
        assert_contract(&text, &report);
        // The finding on this word, if the word is flagged here (the text
        // before it may join it to a longer word, or quote it). Nothing
        // follows it directly but a mark, a joiner or a separator, so no
        // longer term ("LACs") can have matched in its place.
        let on_word = report.findings.iter().filter(|f| f.rule == rule).filter_map(|f| f.span).find(|s| s.start <= start && end <= s.end);
        if let Some(span) = on_word {
            prop_assert_eq!((span.start, span.end), enclosing_clusters(&text, start, end), "{:?}", text);
        }
        // Set apart by white space on both sides, the word is always flagged.
        let apart = format!("{before} {word} {after}");
        if !before.contains(['"', '\u{201c}', '\u{201d}', '\'', '\u{2018}', '\u{2019}', '`', '\u{b4}', '\u{ab}', '\u{bb}', '\u{201e}', '\u{201f}', '\u{201b}', '\u{2032}', '\u{2033}', '\u{2bc}']) {
            let start = utf16_len(&before) + 1;
            let found = check(&apart).findings.iter().filter(|f| f.rule == rule).filter_map(|f| f.span).any(|s| s.start == start && s.end == start + utf16_len(word));
            prop_assert!(found, "{} not flagged in {:?}", word, apart);
        }
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

#[test]
fn a_flagged_word_before_punctuation_of_other_scripts_is_highlighted_alone() {
    // Spans once widened over these into the next cluster.
    for (text, start) in [
        ("Jayden is LAC\u{3002}", 10),
        ("Priya is LAC\u{60c} \u{645}\u{62d}\u{645}\u{62f} said", 9),
        ("He is LAC\u{964} \u{92a}\u{94d}\u{930}\u{93f}\u{92f}\u{93e}", 6),
    ] {
        let report = check(text);
        let lac = report.findings.iter().find(|f| f.rule == "jargon").expect("flagged");
        assert_eq!((lac.text.as_str(), lac.span.map(|s| (s.start, s.end))), ("LAC", Some((start, start + 3))), "{text}");
    }
}
