//! `unattributed-decision`: a management decision without who or why.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};
use crate::lexicon::{Class, RecordingClass};
use crate::people::Who;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::UnattributedDecision,
        title: "Decision without who or why",
        what: "Finds management decisions — agentless ones (\"it was decided that…\", \"it was agreed\", \"a decision was made\") and ones naming a manager, the IRO, a conference or a panel — and flags those that do not say who made them or give a reason.",
        why: "Recording Principles: \"All management decisions are recorded, including who made these decisions, when and for what reasons\"; Standard 5: effective decision making and management oversight.",
        flagged: "It was decided that the case will step down to early help.",
        better: "On 3 March my team manager, Jo Lee, decided the case will step down to early help because the risks in the plan have reduced for three months.",
        limits: "A decision made in one sentence and explained in the next is read together only for the very next sentence. The date is taken to be the note's own unless another is written.",
        messages: &["no_who", "no_why", "no_who_or_why"],
        kinds: &[FindingKind::Passage],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let has = |sentence: usize, class: RecordingClass| doc.sentence_has(sentence, Class::Recording(class));
    let mut flagged_sentences = Vec::new();
    let cues: Vec<(usize, usize, bool)> = doc
        .hits_of(Class::Recording(RecordingClass::DecisionPassive))
        .map(|h| (h.start, h.end, true))
        .chain(doc.hits_of(Class::Recording(RecordingClass::Decision)).map(|h| (h.start, h.end, false)))
        .collect();
    for (start, end, passive) in cues {
        let sentence = doc.sentence_of(start);
        if flagged_sentences.contains(&sentence) {
            continue;
        }
        let named_by = has(sentence, RecordingClass::AuthorityBy);
        let authority = has(sentence, RecordingClass::Authority);
        let subject = if passive { None } else { cx.people.before(doc, doc.token_at(start), 6).map(|(_, who)| who) };
        let who = match subject {
            // "It was agreed…", "Agreed that…": no one made it unless "by" names them.
            None => named_by || (!passive && authority),
            Some(Who::Worker) => true,
            // A parent's or child's own choice is not a management decision.
            Some(_) if !authority => continue,
            Some(_) => true,
        };
        let why = has(sentence, RecordingClass::Reason) || (sentence + 1 < doc.sentences.len() && has(sentence + 1, RecordingClass::Reason));
        let variant = match (who, why) {
            (true, true) => continue,
            (false, true) => "no_who",
            (true, false) => "no_why",
            (false, false) => "no_who_or_why",
        };
        flagged_sentences.push(sentence);
        cx.emit(Flag::new(FindingKind::Passage, Some((start, end)), variant));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, assert_flags};

    #[test]
    fn agentless_decisions_are_flagged() {
        assert_flags("unattributed-decision", "It was agreed that contact will reduce to monthly because of the missed sessions.", &["It was agreed"]);
        assert_clean("unattributed-decision", "It was agreed by the team manager that family time will stay weekly because Ella asked for it.");
    }

    #[test]
    fn a_managers_decision_needs_a_reason() {
        assert_flags("unattributed-decision", "The team manager decided to end the plan.", &["decided"]);
        assert_clean("unattributed-decision", "The team manager decided to end the plan as the risks have reduced.");
    }

    #[test]
    fn family_choices_are_not_management_decisions() {
        assert_clean("unattributed-decision", "Mum decided to take the children to her sister's for the weekend.");
    }
}
