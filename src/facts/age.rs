//! How old the child is, as far as the note and form tell: a baby or a child
//! who does not speak is heard through what the writer saw of them, and is
//! not expected to be seen alone.

use super::Cx;
use crate::lexicon::{Class, List, VoiceClass};

/// A baby, or a child who does not speak: what the worker saw of them is
/// their voice, and they are not expected to be seen alone.
pub(super) fn child_is_young(cx: &Cx<'_>) -> bool {
    cx.ctx.child_age_years.is_some_and(|a| a < 3.0)
        || cx.doc.hits_in(List::Voice).any(|h| cx.doc.entry(h).class == Class::Voice(VoiceClass::Young))
        || age_in_months_or_weeks(cx)
        || age_under_three(cx)
}

/// "Ruby (5 months)", "a 6-week-old baby": a child too young to talk.
fn age_in_months_or_weeks(cx: &Cx<'_>) -> bool {
    let doc = cx.doc;
    (1..doc.tokens.len()).any(|t| {
        let token = doc.tokens[t];
        // Most words fail on their first letter, before any slicing.
        if !matches!(doc.lower.as_bytes()[token.start], b'm' | b'w') {
            return false;
        }
        let unit = doc.word(t).as_bytes();
        matches!(unit, b"months" | b"month" | b"weeks" | b"week" | b"mths") && doc.word(t - 1).bytes().all(|b| b.is_ascii_digit()) && {
            let rest = doc.lower[doc.tokens[t].end..].trim_start();
            rest.starts_with(')') || rest.starts_with("old")
        }
    })
}

/// "Theo (2)", "Hana (1)", "aged 2", "a 1 year old": an age under three.
/// One pass over the note's digits.
fn age_under_three(cx: &Cx<'_>) -> bool {
    let lower = &cx.doc.lower;
    let bytes = lower.as_bytes();
    bytes.iter().enumerate().any(|(i, &digit)| {
        let lone = (i == 0 || !bytes[i - 1].is_ascii_digit()) && !bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !matches!(digit, b'0'..=b'2') || !lone {
            return false;
        }
        let (before, after) = (&lower[..i], &lower[i + 1..]);
        let word_before = |w: &str| before.strip_suffix(w).is_some_and(|b| !b.ends_with(|c: char| c.is_alphanumeric()));
        (before.ends_with('(') && after.starts_with(')')) || (digit != b'0' && (word_before("aged ") || word_before("age ") || after.starts_with(" year old")))
    })
}
