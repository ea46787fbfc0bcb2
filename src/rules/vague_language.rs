//! `vague-language`: words that sound like evidence but say nothing.

use super::{flag_wording, Cx, RuleDef, RuleMeta};
use crate::document::word_ends;
use crate::ids::{FindingKind, RuleId};
use crate::lexicon::List;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::VagueLanguage,
        title: "Vague or unevidenced words",
        what: "Finds words that summarise without evidence (\"appropriate\", \"fine\", \"no concerns\", \"presented well\", \"settled\") when nothing in the same sentence says what was seen or heard.",
        why: "Standard 1 asks that recording \"accurately record what has happened impartially and in sufficient detail\". A reader later — a new worker, a court, the child as an adult — cannot tell what \"appropriate\" meant.",
        flagged: "Home conditions were appropriate. No concerns.",
        better: "The kitchen was clean and there was fresh food in the fridge; Jayden's bed had clean sheets.",
        limits: "The word is left alone when its clause, or the rest of its sentence, gives evidence: \"because\", a count (\"5 of 6 sessions\", \"96%\"; a date, a time or an age is not one), a quotation, or \"I saw / observed / noticed\". That evidence may still be thin.",
        messages: &["default", "serious"],
        kinds: &[FindingKind::Term],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    flag_wording(cx, List::Vague, |cx, hit| {
        let doc = cx.doc;
        let (start, end) = evidence_window(&doc.lower, hit.start, hit.end);
        let text = &doc.lower[start..end];
        let has_quote = doc.quotes.iter().any(|&(s, e)| s >= start && e <= end && e > s);
        // Whole words only: "as i" is in "as i arrived", not in "was inappropriate".
        !(has_quote || has_count(&doc.lower, start, end) || EVIDENCE.iter().any(|w| word_ends(text, w).next().is_some()))
    });
}

const EVIDENCE: &[&str] =
    &["because", "as i", "i saw", "i observed", "i noticed", "i heard", "for example", "such as", "e.g", "including", "as shown by", "evidenced by"];

/// Where the evidence for a word at `start..end` may be: from the start of its
/// clause (after the last comma, colon, dash or stop before it) to the end of
/// its sentence. Evidence usually follows the summary ("fine, she told me…",
/// "appropriate because…"); what came in an earlier clause — a date, a name,
/// an age — is not evidence for it. Dictated notes say their punctuation
/// ("full stop", "new line"), which bounds a sentence too.
fn evidence_window(lower: &str, start: usize, end: usize) -> (usize, usize) {
    const SPOKEN: &[&str] = &[" full stop", " new line", " new paragraph", " comma", " next line"];
    let before = &lower[..start];
    let clause_start = before.rfind(['.', ';', ':', ',', '!', '?', '\n', '-', '(']).map_or(0, |p| p + 1);
    let clause = &before[clause_start..];
    let spoken_start = SPOKEN.iter().filter_map(|w| clause.rfind(w).map(|p| clause_start + p + w.len())).max().unwrap_or(0);
    let after = &lower[end..];
    let stop = |at: usize| {
        let c = after.as_bytes()[at];
        matches!(c, b';' | b'\n' | b'!' | b'?') || (c == b'.' && after.as_bytes().get(at + 1).is_none_or(|n| !n.is_ascii_alphanumeric()))
    };
    let mut sentence_end = (0..after.len()).find(|&at| stop(at)).unwrap_or(after.len());
    for w in [" full stop", " new line", " new paragraph", " next line"] {
        if let Some(p) = after[..sentence_end].find(w) {
            sentence_end = p;
        }
    }
    (clause_start.max(spoken_start), end + sentence_end)
}

/// True when the text counts something: a number that is not a time, a
/// date, an age in brackets or part of a code ("S47"). "Attended 5 of 6
/// sessions" and "96%" are evidence; "at 10:30", "on 04/11", "(7)" are not.
fn has_count(lower: &str, from: usize, to: usize) -> bool {
    let bytes = &lower.as_bytes()[..to];
    let text = lower;
    let mut i = from;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let prev = start.checked_sub(1).map(|p| bytes[p]);
        let next = bytes.get(i).copied();
        let in_code = prev.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b':' | b'.' | b'(' | b'#'));
        let time_or_date = next.is_some_and(|b| matches!(b, b'/' | b':' | b'.' | b')' | b'-')) || text[i..].starts_with("am") || text[i..].starts_with("pm");
        let year = i - start == 4;
        let dated = ["at ", "on ", "since ", "until ", "till ", "by ", "from ", "age ", "aged ", "dated ", "ref "].iter().any(|w| text[..start].ends_with(w));
        if !(in_code || time_or_date || year || dated || next.is_some_and(|b| b.is_ascii_alphabetic())) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, assert_flags};

    #[test]
    fn unevidenced_words_are_flagged() {
        assert_flags("vague-language", "Jayden presented well. Mum's care was appropriate.", &["presented well", "appropriate"]);
    }

    #[test]
    fn evidence_in_the_sentence_clears_it() {
        assert_clean("vague-language", "Home conditions were appropriate because there was food in the fridge and clean bedding.");
        assert_clean("vague-language", "He said he was \"fine\" at school.");
    }

    #[test]
    fn evidence_is_matched_as_whole_words() {
        // "as i" inside "was inappropriate" is no evidence.
        assert_flags("vague-language", "Mom was inappropriate with the children.", &["inappropriate"]);
        assert_clean("vague-language", "It was inappropriate as I saw him hit the baby.");
    }

    #[test]
    fn evidence_belongs_to_the_words_clause() {
        // A date or an age earlier in the sentence is not evidence.
        assert_flags("vague-language", "Mia (2) asleep upstairs, checked by police, fine.", &["fine"]);
        assert_flags("vague-language", "Mom changed the diaper at 10:30 appropriately.", &["appropriately"]);
        assert_clean("vague-language", "Home conditions were fine, with food for 3 days in the fridge.");
    }

    #[test]
    fn dictated_punctuation_ends_a_sentence() {
        assert_flags("vague-language", "sleeping arrangements appropriate full stop mum said she moved because of the damp", &["appropriate"]);
    }

    #[test]
    fn summaries_of_home_and_progress() {
        assert_flags(
            "vague-language",
            "No other concerns. Mum is coping. Flat nice and tidy. Placement stable.",
            &["No other concerns", "coping", "nice and tidy", "stable"],
        );
        assert_flags("vague-language", "Shannon is settled. He has been unsettled since Monday.", &["settled", "unsettled"]);
    }

    #[test]
    fn a_baby_settling_is_not_vague() {
        assert_clean("vague-language", "She settled when she was swaddled. Nevaeh fussed and settled in the car seat.");
    }

    #[test]
    fn a_quoted_poor_entry_is_checked() {
        assert_flags("vague-language", "Poor example:\n'Visited. Kids seemed ok. No concerns.'", &["seemed ok", "No concerns"]);
        assert_clean("vague-language", "Mum said 'the kids seemed ok to me at the weekend'.");
        assert_flags("vague-language", "Instead of: \"Visited today and the kids seemed ok.\"", &["seemed ok"]);
        assert_flags("vague-language", "Poor: \"Visited today and the kids seemed ok.\"", &["seemed ok"]);
    }

    #[test]
    fn fixed_phrases_are_not_vague() {
        assert_clean("vague-language", "An appropriate adult attended. His fine motor skills are improving.");
    }
}
