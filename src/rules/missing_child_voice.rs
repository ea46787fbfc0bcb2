//! `missing-child-voice`: no words, wishes or feelings of the child.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId, Severity};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::MissingChildVoice,
        title: "No child's voice",
        what: "Looks for the child's own words (a quotation the child said), their wishes and feelings (\"Jayden told me he wants…\", \"she misses her nan\"), what they drew, chose or showed — or, for a baby or a child who does not speak, what the worker saw them do (smiled, babbled, reached for mum). Second-hand reports (\"mum said he was happy\") and adults' quotations do not count. Flags the note when there is none.",
        why: "Standard 1 of personal practice: \"I will understand and record the child's lived experience\"; Standard 2: every child must \"have their views taken into account and for these to be recorded clearly and accurately\".",
        flagged: "I visited the family. Mum said Jayden was happy and doing well at school.",
        better: "I saw Jayden alone in his room. He told me \"I like my new teacher\" and said he wants to see his dad more.",
        limits: "Who is speaking is worked out from names, roles and pronouns near the words; a pronoun far from its person, or a quotation with no speaker nearby, may be missed. Give the child's name in the context to help.",
        messages: &["missing", "unsure"],
        kinds: &[FindingKind::Missing],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    if !cx.facts.child_voice.present() && !cx.doc.tokens.is_empty() {
        let child = cx.child();
        // Said outright only when the model is sure; otherwise asked, so a
        // worker whose note has it in words the model does not know is not told
        // it is missing.
        let flag = if cx.facts.child_voice.surely_absent {
            Flag::new(FindingKind::Missing, None, "missing")
        } else {
            Flag::new(FindingKind::Missing, None, "unsure").severity(Severity::Advice)
        };
        cx.emit(flag.values(&[("child", &child)]));
    }
}

#[cfg(test)]
mod tests {
    /// Told outright only when the model is sure; otherwise asked.
    #[test]
    fn missing_is_a_warning_when_sure() {
        crate::rules::test::assert_missing_is_a_warning_when_sure(super::RULE.meta.id);
    }
}
