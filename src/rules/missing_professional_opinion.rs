//! `missing-professional-opinion`: a note of facts with no assessment.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId, Severity};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::MissingProfessionalOpinion,
        title: "No professional opinion",
        what: "Looks for the worker's own assessment of need and risk: an explicit frame (\"my assessment is\", \"in my view\", \"I am worried that … because\"), or analysis that links a cause to risk, need or impact (\"this suggests\", \"the risk has reduced since\"). Other people's opinions (\"the GP thinks\", \"mum's view was\") and forms (\"risk assessment completed\") do not count. Reports where it found it, and flags the note when there is none.",
        why: "Standard 1: case recording must \"not just be a summary of facts, but also include the worker's assessment of need and risk and include professional opinion\".",
        flagged: "I visited Jayden at home at 4pm. Mum made tea. Jayden showed me his room. I left at 5pm.",
        better: "I visited Jayden at home at 4pm. Mum made tea. My assessment is that Jayden's needs are being met at home because his room was warm and mum knew his school routine.",
        limits: "Reads sentence by sentence: a judgement spread over several sentences without any analysis words can be missed, and a factual sentence that happens to join a cause to a risk word can count.",
        messages: &["missing", "unsure"],
        kinds: &[FindingKind::Missing],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    if !cx.facts.opinion.present() && !cx.doc.tokens.is_empty() {
        let child = cx.child();
        // Said outright only when the model is sure; otherwise asked, so a
        // worker whose note has it in words the model does not know is not told
        // it is missing.
        let flag = if cx.facts.opinion.surely_absent {
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
