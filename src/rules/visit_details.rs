//! `visit-details`: a visit note that does not say when the visit was,
//! whether the child was seen, and seen alone or why not.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{Category, FindingKind, RuleId, TimeSource};
use crate::lexicon::{Class, RecordingClass};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::VisitDetails,
        title: "Visit without the child seen alone (or why not)",
        what: "On a statutory visit note, checks that it says when the visit was (unless the form gives the time), whether the child was seen, and whether they were seen alone or why not (too young, asleep, declined).",
        why: "Standard 1 of personal practice: \"I will understand and record the child's lived experience\"; statutory visits must see the child and, with their agreement, speak to them alone (Care Planning Regulations 2010, reg 29), and the record must show it. The visit's date and time set the 72-hour recording deadline (Timescales).",
        flagged: "Statutory visit. Mum and dad were present. Home was tidy.",
        better: "Statutory visit at home on Monday 23/11/2026 at 10am; mum and dad were present. I saw Ella alone in her room, where she showed me her new bed.",
        limits: "Applies only when the note is a statutory visit (from its words or the form's event type). Words such as \"alone\" anywhere in the note count; a baby or a child who does not speak is not expected to be seen alone. The visit's time is looked for in the note's first two sentences, with the same date reader as the deadline.",
        messages: &["not_when", "not_seen", "not_alone"],
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
    // The same reader as the deadline's: the form's time, or the note's own
    // words for it ("Home visit on Monday 23rd at 10am").
    if facts.deadline.event_at_source != Some(TimeSource::Form) && facts.deadline.when.is_none() {
        cx.emit(Flag::new(FindingKind::Missing, None, "not_when").values(&[("child", &child)]));
    }
    if !seen {
        cx.emit(Flag::new(FindingKind::Missing, None, "not_seen").values(&[("child", &child)]));
    } else if !alone {
        cx.emit(Flag::new(FindingKind::Missing, None, "not_alone").values(&[("child", &child)]));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, check_with};

    #[test]
    fn a_reason_for_not_seeing_alone_is_enough() {
        assert_clean("visit-details", "Statutory visit this morning. Ella (2) was asleep, so I saw her in her cot with mum.");
        assert_clean("visit-details", "Home visit on 23/11 at 4pm. Jack declined to be seen alone; he stayed with dad in the lounge.");
    }

    #[test]
    fn the_visit_time_comes_from_the_form_or_the_note() {
        let note = "Statutory visit. I saw Ella alone in her room.";
        assert!(check_with(note, "{}").findings.iter().any(|f| f.rule == "visit-details" && f.message.contains("when")));
        assert!(check_with(note, r#"{"event_at":"2026-11-23T10:00"}"#).findings.iter().all(|f| f.rule != "visit-details"));
        assert_clean("visit-details", "Statutory visit on 23/11/2026 at 10am. I saw Ella alone in her room.");
        assert_clean("visit-details", "Statutory visit this morning. I saw Ella alone in her room.");
    }

    #[test]
    fn only_visit_notes_are_checked() {
        assert_clean("visit-details", "Phone call with school about attendance.");
    }
}
