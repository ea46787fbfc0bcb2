//! `unresolved-disagreement`: a disagreement with no outcome or next step.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};
use crate::lexicon::{Class, RecordingClass};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::UnresolvedDisagreement,
        title: "Disagreement without resolution",
        what: "Finds a recorded disagreement (\"dad disagreed with the plan\", \"mum does not accept…\", \"made a complaint\") and flags it when nothing after it records an outcome, an escalation or what happens next.",
        why: "Recording Principles: contributions from children, families and professionals are recorded, \"this must include recording disagreements and their possible resolution\"; Standard 2: \"recording any dissent\".",
        flagged: "Dad disagreed with the plan to reduce family time.",
        better: "Dad disagreed with the plan to reduce family time; he said the sessions help Ella settle. I explained how to raise this with the IRO and we will discuss it at the review on 12 May.",
        limits: "Any outcome or next-step words later in the note count, even if they are about something else.",
        messages: &["unresolved"],
        kinds: &[FindingKind::Passage],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let Some(first) = doc.hits_of(Class::Recording(RecordingClass::Disagree)).next().map(|h| (h.start, h.end)) else { return };
    let resolved = doc.hits_of(Class::Recording(RecordingClass::Resolve)).any(|h| h.start >= first.0);
    if !resolved {
        cx.emit(Flag::new(FindingKind::Passage, Some(first), "unresolved"));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, assert_flags};

    #[test]
    fn a_disagreement_with_a_next_step_is_clean() {
        assert_clean("unresolved-disagreement", "Mum does not accept the concerns. The outcome of the conference stands and I will visit on Friday.");
        assert_flags("unresolved-disagreement", "Mum does not accept the concerns about the bruise.", &["does not accept"]);
    }

    #[test]
    fn agreement_is_not_disagreement() {
        assert_clean("unresolved-disagreement", "Mum agreed to the plan.");
    }
}
