//! `opinion-as-fact`: a judgement about a person written as a fact.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};
use crate::lexicon::{Class, OpinionClass, RecordingClass, VoiceClass};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::OpinionAsFact,
        title: "Opinion stated as fact",
        what: "Finds judgements about a person written as facts (\"mum is lying\", \"dad doesn't care\", \"she is a good mother\") with nothing in the sentence to say whose view it is or what it rests on.",
        why: "Standard 1: recording must \"accurately record what has happened impartially\"; facts and professional judgement must be told apart, and an opinion attributed and evidenced, because families read their records and courts rely on them.",
        flagged: "Mum is lying about where she was.",
        better: "I think mum's account of where she was is not accurate, because school saw her at the gate at 9am.",
        limits: "Only the listed judgements are found; a sentence with \"I think\", \"said\" or \"because\" anywhere is taken as attributed or evidenced.",
        messages: &["default"],
        kinds: &[FindingKind::Term],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let judgements: Vec<(usize, usize)> = doc.hits_of(Class::Recording(RecordingClass::Judgement)).map(|h| (h.start, h.end)).collect();
    for (start, end) in judgements {
        let sentence = doc.sentence_of(start);
        let attributed = [OpinionClass::Frame, OpinionClass::Weak, OpinionClass::Attribution].iter().any(|&c| doc.sentence_has(sentence, Class::Opinion(c)))
            || doc.sentence_has(sentence, Class::Recording(RecordingClass::Reason))
            || doc.sentence_has(sentence, Class::Voice(VoiceClass::Speech));
        if attributed {
            continue;
        }
        let term = cx.original((start, end));
        cx.emit(Flag::new(FindingKind::Term, Some((start, end)), "default").values(&[("term", term)]));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, assert_flags};

    #[test]
    fn judgements_as_fact_are_flagged() {
        assert_flags("opinion-as-fact", "Dad doesn't care about the children. She is a good mother.", &["doesn't care", "is a good mother"]);
    }

    #[test]
    fn attributed_or_quoted_judgements_are_clean() {
        assert_clean("opinion-as-fact", "Dad said he does not care what happens.");
        assert_clean("opinion-as-fact", "Mum said \"he is lying\".");
        assert_clean("opinion-as-fact", "In my view mum is not coping because the flat had no food for two days.");
    }
}
