//! `vague-language`: words that sound like evidence but say nothing.

use super::{flag_wording, Cx, RuleDef, RuleMeta};
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
        limits: "The word is left alone when its sentence also gives evidence: \"because\", a number, a quotation, or \"I saw / observed / noticed\". That evidence may still be thin.",
        messages: &["default", "serious"],
        kinds: &[FindingKind::Term],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    flag_wording(cx, List::Vague, |cx, hit| {
        let doc = cx.doc;
        let (start, end) = doc.sentence_span(doc.sentence_of(hit.start));
        let text = &doc.lower[start..end];
        let has_quote = doc.quotes.iter().any(|&(s, e)| s >= start && e <= end && e > s);
        !(has_quote || text.bytes().any(|b| b.is_ascii_digit()) || EVIDENCE.iter().any(|w| text.contains(w)))
    });
}

const EVIDENCE: &[&str] =
    &["because", "as i", "i saw", "i observed", "i noticed", "i heard", "for example", "such as", "e.g", "including", "as shown by", "evidenced by"];

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
    fn fixed_phrases_are_not_vague() {
        assert_clean("vague-language", "An appropriate adult attended. His fine motor skills are improving.");
    }
}
