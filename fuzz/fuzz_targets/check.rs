//! `cargo +nightly fuzz run check`: any text, with any context, checks without
//! panicking, and the report keeps the span contract.
//!
//! Input: the note's bytes, then optionally a 0xFF byte and a context JSON
//! string (0xFF never occurs in UTF-8, so plain-text seeds work as they are).
//! Invalid UTF-8 in either part becomes U+FFFD, as a `&str` must be valid.
#![no_main]

use std::sync::LazyLock;

use case_note_checker::{Checker, Context, Report, Span};
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

fuzz_target!(|data: &[u8]| {
    let (text, context) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let text = String::from_utf8_lossy(text);
    let context = match context {
        None => Context::default(),
        Some(json) => match Context::from_json(&String::from_utf8_lossy(json)) {
            Ok(context) => context,
            Err(error) => {
                // Every context error names its field.
                assert!(error.field().is_some_and(|f| f.starts_with("context")), "{error}");
                return;
            }
        },
    };
    let report = CHECKER.check(&text, &context);
    assert_contract(&text, &report);
    assert_eq!(report, CHECKER.check(&text, &context), "the same input gave a different report");
});

fn assert_contract(text: &str, report: &Report) {
    let units: Vec<u16> = text.encode_utf16().collect();
    // UTF-16 offsets where a grapheme cluster starts, and the end.
    let mut grapheme = vec![false; units.len() + 1];
    let mut unit = 0;
    let mut bytes = 0;
    for (start, g) in text.grapheme_indices(true) {
        debug_assert_eq!(start, bytes);
        grapheme[unit] = true;
        unit += g.encode_utf16().count();
        bytes += g.len();
    }
    grapheme[units.len()] = true;

    let check_span = |what: &str, span: Span| {
        assert!(span.start <= span.end && span.end <= units.len(), "{what}: span {span:?} outside 0..{}", units.len());
        for at in [span.start, span.end] {
            let splits_pair = at > 0 && at < units.len() && (0xDC00..0xE000).contains(&units[at]);
            assert!(!splits_pair, "{what}: span {span:?} splits a surrogate pair");
            assert!(grapheme[at], "{what}: span {span:?} splits a grapheme cluster at {at} in {text:?}");
        }
    };

    for f in &report.findings {
        match f.span {
            Some(span) => {
                check_span(&f.rule, span);
                assert_eq!(f.text, String::from_utf16(&units[span.start..span.end]).unwrap(), "{}: text is not the slice at its span", f.rule);
            }
            None => assert!(f.text.is_empty(), "{}: a document-level finding has text", f.rule),
        }
    }
    for pair in report.findings.windows(2) {
        assert!(pair[0].span <= pair[1].span, "findings out of order: {:?} then {:?}", pair[0].span, pair[1].span);
    }
    for span in &report.opinion.evidence {
        check_span("opinion", *span);
    }
    for span in &report.child_voice.evidence {
        check_span("child_voice", *span);
    }
    for span in &report.equality.evidence {
        check_span("equality", *span);
    }
    if let Some(span) = report.deadline.evidence {
        check_span("deadline", span);
    }
    assert_eq!(report.opinion.present, !report.opinion.evidence.is_empty());
    assert_eq!(report.child_voice.present, !report.child_voice.evidence.is_empty());
}
