//! `visit-details`: a visit note that does not say whether the child was
//! seen, and seen alone or why not.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{Category, FindingKind, RuleId};
use crate::lexicon::{Class, RecordingClass};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::VisitDetails,
        title: "Visit without the child seen alone (or why not)",
        what: "On a statutory visit note, checks that it says whether the child was seen, and whether they were seen alone or why not (too young, asleep, declined).",
        why: "Standard 1 of personal practice: \"I will understand and record the child's lived experience\"; statutory visits must see the child and, with their agreement, speak to them alone (Care Planning Regulations 2010, reg 29), and the record must show it.",
        flagged: "Statutory visit. Mum and dad were present. Home was tidy.",
        better: "Statutory visit at home; mum and dad were present. I saw Ella alone in her room, where she showed me her new bed.",
        limits: "Applies only when the note is a statutory visit (from its words or the form's event type). Words such as \"alone\" anywhere in the note count; a baby or a child who does not speak is not expected to be seen alone.",
        messages: &["not_seen", "not_alone"],
        kinds: &[FindingKind::Missing],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let (doc, facts) = (cx.doc, cx.facts);
    if facts.deadline.category != Category::StatutoryVisit {
        return;
    }
    // A baby or a child who does not speak is not expected to be seen alone.
    let alone = doc.hits_of(Class::Recording(RecordingClass::Alone)).next().is_some() || facts.young_child;
    let seen = alone || facts.child_voice.present() || doc.hits_of(Class::Recording(RecordingClass::Seen)).next().is_some();
    let child = cx.child();
    if !seen {
        cx.emit(Flag::new(FindingKind::Missing, None, "not_seen").values(&[("child", &child)]));
    } else if !alone {
        cx.emit(Flag::new(FindingKind::Missing, None, "not_alone").values(&[("child", &child)]));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::assert_clean;

    #[test]
    fn a_reason_for_not_seeing_alone_is_enough() {
        assert_clean("visit-details", "Statutory visit. Ella (2) was asleep, so I saw her in her cot with mum.");
        assert_clean("visit-details", "Home visit. Jack declined to be seen alone; he stayed with dad in the lounge.");
    }

    #[test]
    fn only_visit_notes_are_checked() {
        assert_clean("visit-details", "Phone call with school about attendance.");
    }
}
