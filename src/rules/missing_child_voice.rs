//! `missing-child-voice`: no words, wishes or feelings of the child.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::MissingChildVoice,
        title: "No child's voice",
        what: "Looks for the child's own words (a quotation the child said), their wishes and feelings (\"Jayden told me he wants…\", \"she misses her nan\"), what they drew, chose or showed — or, for a baby or a child who does not speak, what the worker saw them do (smiled, babbled, reached for mum). Second-hand reports (\"mum said he was happy\") and adults' quotations do not count. Flags the note when there is none.",
        why: "Standard 1 of personal practice: \"I will understand and record the child's lived experience\"; Standard 2: every child must \"have their views taken into account and for these to be recorded clearly and accurately\".",
        flagged: "I visited the family. Mum said Jayden was happy and doing well at school.",
        better: "I saw Jayden alone in his room. He told me \"I like my new teacher\" and said he wants to see his dad more.",
        limits: "Who is speaking is worked out from names, roles and pronouns near the words; a pronoun far from its person, or a quotation with no speaker nearby, may be missed. Give the child's name in the context to help.",
        messages: &["missing"],
        kinds: &[FindingKind::Missing],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    if cx.facts.child_voice.is_empty() && !cx.doc.tokens.is_empty() {
        let child = cx.child();
        cx.emit(Flag::new(FindingKind::Missing, None, "missing").values(&[("child", &child)]));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{check, check_with};

    fn present(text: &str) -> bool {
        check(text).child_voice.present
    }

    #[test]
    fn the_childs_own_words_count() {
        assert!(present("Jayden said \"I miss my nan\"."));
        assert!(present("\u{201c}I don't like it when dad shouts,\u{201d} he told me."));
        assert!(present("Amira told me she wants to stay at her school."));
        assert!(present("When I asked Kacper about home, he said he feels scared when mum drinks."));
    }

    #[test]
    fn second_hand_reports_do_not() {
        assert!(!present("Mum said he was happy. The teacher said Jayden is settled."));
        assert!(!present("Mum said \"I can't cope with my son\"."));
        assert!(!present("Jayden was asleep throughout the visit and was not seen awake."));
        assert!(!present("The voice of the child was captured."));
    }

    #[test]
    fn a_baby_is_heard_through_what_the_worker_saw() {
        assert!(present("Baby Lily (4 months) smiled at me and reached for mum when I spoke."));
        let report = check_with("Lily smiled and babbled throughout the visit.", r#"{"child":{"name":"Lily","age_years":0.5}}"#);
        assert!(report.child_voice.present);
        for young in ["Theo (2)", "Theo (0)", "Theo (aged 1)", "Theo (age 2)", "Theo (a 2-year-old)"] {
            assert!(present(&format!("{young} smiled at me and reached for mum when I spoke.")), "{young}");
        }
        for older in ["Theo (12)", "Theo (aged 12)", "Theo (a 12 year old)", "Theo (see page 1)"] {
            assert!(!present(&format!("{older} smiled at me and reached for mum when I spoke.")), "{older}");
        }
    }
}
