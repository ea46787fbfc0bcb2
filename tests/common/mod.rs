//! The span contract every report keeps, shared by the hostile-input and
//! property tests and the fuzz target (`fuzz/fuzz_targets/check.rs`).
#![allow(dead_code)]

use case_note_checker::{Report, Span};
use unicode_segmentation::UnicodeSegmentation;

/// The note's UTF-16 slice at a span, as JavaScript's `substring` gives it.
pub fn slice(text: &str, span: Span) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[span.start..span.end]).expect("a span never splits a surrogate pair")
}

/// Every span lies in the text, starts no later than it ends and splits
/// neither a surrogate pair nor a grapheme cluster; each finding's text is the
/// slice at its span; findings come document-level first, then by span; a
/// presence is reported exactly when it has evidence.
pub fn assert_contract(text: &str, report: &Report) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut grapheme = vec![false; units.len() + 1];
    let mut unit = 0;
    for g in text.graphemes(true) {
        grapheme[unit] = true;
        unit += g.encode_utf16().count();
    }
    grapheme[units.len()] = true;
    let check = |what: &str, span: Span| {
        assert!(span.start <= span.end && span.end <= units.len(), "{what}: span {span:?} outside 0..{}", units.len());
        for at in [span.start, span.end] {
            assert!(!(at < units.len() && (0xDC00..0xE000).contains(&units[at])), "{what}: {span:?} splits a surrogate pair");
            assert!(grapheme[at], "{what}: {span:?} splits a grapheme cluster");
        }
    };
    for f in &report.findings {
        match f.span {
            Some(span) => {
                check(&f.rule, span);
                assert_eq!(f.text, String::from_utf16(&units[span.start..span.end]).unwrap(), "{}: text is not the slice at its span", f.rule);
            }
            None => assert!(f.text.is_empty(), "{}: a finding about the whole note has text", f.rule),
        }
    }
    for pair in report.findings.windows(2) {
        assert!(pair[0].span <= pair[1].span, "findings out of order: {:?} then {:?}", pair[0].span, pair[1].span);
    }
    let evidence = report.opinion.evidence.iter().chain(&report.child_voice.evidence).chain(&report.equality.evidence);
    for &span in evidence.chain(&report.deadline.evidence) {
        check("evidence", span);
    }
    assert_eq!(report.opinion.present, !report.opinion.evidence.is_empty());
    assert_eq!(report.child_voice.present, !report.child_voice.evidence.is_empty());
}
