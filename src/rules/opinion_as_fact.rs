//! `opinion-as-fact`: a judgement about a person written as a fact.

use super::{Cx, RuleDef, RuleMeta};
use crate::lexicon::List;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: "opinion-as-fact",
        title: "Opinion stated as fact",
        what: "Finds judgements about a person written as facts (\"mum is lying\", \"dad doesn't care\", \"she is a good mother\") with nothing in the sentence to say whose view it is or what it rests on.",
        why: "Standard 1: recording must \"accurately record what has happened impartially\"; facts and professional judgement must be told apart, and an opinion attributed and evidenced, because families read their records and courts rely on them.",
        flagged: "Mum is lying about where she was.",
        better: "I think mum's account of where she was is not accurate, because school saw her at the gate at 9am.",
        limits: "Only the listed judgements are found; a sentence with \"I think\", \"said\" or \"because\" anywhere is taken as attributed or evidenced.",
        messages: &["default"],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let judgements: Vec<(usize, usize)> = cx.class_hits(List::Recording, "judgement").map(|h| (h.start, h.end)).collect();
    for (start, end) in judgements {
        let sentence = doc.sentence_of(start);
        let attributed = ["frame", "weak", "attribution"].iter().any(|c| cx.sentence_has(sentence, List::Opinion, c))
            || cx.sentence_has(sentence, List::Recording, "reason")
            || cx.sentence_has(sentence, List::Voice, "speech");
        if attributed {
            continue;
        }
        let term = &doc.norm[start..end];
        cx.raise("opinion-as-fact", "default", Some((start, end)), &[("term", term)]);
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::test::{assert_clean, assert_flags};

    #[test]
    fn examples_behave() {
        assert_flags("opinion-as-fact", RULE.meta.flagged, &["is lying"]);
        assert_clean("opinion-as-fact", RULE.meta.better);
    }

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
