//! A policy's own patterns, run like rules: every match in the note as
//! typed, unless it is inside someone's own words (a quotation, as for the
//! word lists) or the pattern's `unless` is found in the same sentence.

use super::Cx;
use crate::patterns::windows;

/// Runs each of the policy's patterns over the note.
pub(super) fn run(cx: &mut Cx<'_>) {
    let policy = cx.policy;
    if policy.patterns.is_empty() {
        return;
    }
    let doc = cx.doc;
    let text = doc.text;
    let pieces = windows(text);
    for (index, pattern) in policy.patterns.iter().enumerate() {
        let mut found = Vec::new();
        pattern.matcher.each_match(text, &pieces, pattern.uses_groups, |m| {
            if doc.is_quoted(doc.norm_offset(m.start)) {
                return;
            }
            if let Some(unless) = &pattern.unless_matcher {
                if unless.is_match_in(text, sentences_around(cx, &pieces, (m.start, m.end))) {
                    return;
                }
            }
            let message = pattern.message.replace("{match}", &text[m.start..m.end]);
            let suggestions = pattern.suggestions.iter().map(|s| m.expand(s)).collect();
            found.push(((m.start, m.end), message, suggestions));
        });
        for (span, message, suggestions) in found {
            cx.emit_pattern(index, span, message, suggestions);
        }
    }
}

/// The text a pattern's `unless` looks in: from the start of the sentence
/// the match starts in to the end of the sentence that goes on after it,
/// within the match's line (or piece of a long line). A match that ends
/// with a full stop of its own ("J.S.") ends a sentence by the note's rules,
/// so the words after it are in the next one, and they count.
fn sentences_around(cx: &Cx<'_>, pieces: &[(usize, usize)], (start, end): (usize, usize)) -> (usize, usize) {
    let doc = cx.doc;
    let piece = pieces[pieces.partition_point(|&(_, e)| e < end).min(pieces.len() - 1)];
    if doc.sentences.is_empty() {
        return piece;
    }
    let first = doc.sentences[doc.sentence_of(doc.norm_offset(start))];
    let last = doc.sentences[doc.sentence_of(doc.norm_offset(end))];
    let (from, _) = doc.text_range(first.start, first.start);
    let (_, to) = doc.text_range(last.end, last.end);
    (from.clamp(piece.0, piece.1), to.clamp(piece.0, piece.1).max(from.clamp(piece.0, piece.1)))
}

#[cfg(test)]
mod tests {
    use crate::{Checker, Context, FindingKind, Severity};
    use serde_json::json;

    fn checker(patterns: serde_json::Value) -> Checker {
        Checker::with_policy_value(json!({"extends": "worcestershire", "patterns": patterns})).unwrap()
    }

    fn flagged(checker: &Checker, id: &str, text: &str) -> Vec<String> {
        checker.check(text, &Context::default()).findings.into_iter().filter(|f| f.rule == id).map(|f| f.text).collect()
    }

    #[test]
    fn a_pattern_reports_like_a_rule() {
        let checker = checker(json!([{
            "id": "age-shorthand", "regex": r"(\d{1,2}) ?(?:yo|y/o)", "case_insensitive": true,
            "message": "Write “{match}” out in words.", "severity": "advice", "standard": 1,
            "suggestions": ["aged $1", "${1}-year-old"]
        }]));
        let text = "Zoë (9yo) and her brother, 12 Y/O, were seen.";
        let report = checker.check(text, &Context::default());
        let found: Vec<_> = report.findings.iter().filter(|f| f.rule == "age-shorthand").collect();
        assert_eq!(found.len(), 2, "{found:#?}");
        let f = found[0];
        assert_eq!((f.kind, f.severity, f.standard), (FindingKind::Term, Severity::Advice, Some(1)));
        assert_eq!(f.text, "9yo");
        assert_eq!(f.message, "Write “9yo” out in words.");
        assert_eq!(f.suggestions, ["aged 9", "9-year-old"]);
        let units: Vec<u16> = text.encode_utf16().collect();
        let span = f.span.unwrap();
        assert_eq!(String::from_utf16(&units[span.start..span.end]).unwrap(), "9yo", "spans are UTF-16 units of the text");
        assert_eq!(found[1].text, "12 Y/O");
        assert_eq!(found[1].suggestions, ["aged 12", "12-year-old"]);
    }

    #[test]
    fn patterns_match_the_note_as_typed() {
        let checker = checker(json!([{"id": "codes", "regex": r"LCS-\d{6}", "message": "Say what {match} is.", "severity": "warning", "standard": null}]));
        // A hyphen between letters and digits stays a hyphen (the rules' normalised text makes it a space).
        assert_eq!(flagged(&checker, "codes", "Step LCS-123456 done; LCS 123456 not."), ["LCS-123456"]);
        let report = checker.check("Step LCS-123456.", &Context::default());
        let f = report.findings.iter().find(|f| f.rule == "codes").unwrap();
        assert_eq!((f.kind, f.standard), (FindingKind::Passage, None));
    }

    #[test]
    fn quotations_and_unless_cancel_a_match() {
        let checker = checker(json!([{
            "id": "kicked-off", "regex": "kicked off", "unless": "(?:said|told me)", "case_insensitive": true,
            "message": "Say what happened.", "severity": "warning", "standard": 1
        }]));
        assert_eq!(flagged(&checker, "kicked-off", "Jayden kicked off. Mum said \"he kicked off\"."), ["kicked off"]);
        assert_eq!(flagged(&checker, "kicked-off", "Jayden told me he Kicked Off at school. Then he kicked off."), ["kicked off"]);
        assert!(flagged(&checker, "kicked-off", "He kicked off, mum said.").is_empty());
    }

    #[test]
    fn unless_looks_across_the_sentences_a_match_spans() {
        // "J. S." ends a sentence at "J." by the note's own rules; unless
        // still sees the words after it.
        let checker = checker(json!([{
            "id": "initials", "regex": r"[A-Z]\.\s?[A-Z]\.", "unless": "initials", "message": "Use the child's name.",
            "severity": "warning", "standard": 1
        }]));
        assert_eq!(flagged(&checker, "initials", "I saw J. S. today. A. B. is shown by initials."), ["J. S."]);
    }

    #[test]
    fn a_policy_without_patterns_reports_as_before() {
        let text = "LAC review. Mum kicked off.";
        assert_eq!(Checker::new().check(text, &Context::default()), checker(json!([])).check(text, &Context::default()));
    }
}
