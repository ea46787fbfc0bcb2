//! `missing-professional-opinion`: a note of facts with no assessment.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::MissingProfessionalOpinion,
        title: "No professional opinion",
        what: "Looks for the worker's own assessment of need and risk: an explicit frame (\"my assessment is\", \"in my view\", \"I am worried that … because\"), or analysis that links a cause to risk, need or impact (\"this suggests\", \"the risk has reduced since\"). Other people's opinions (\"the GP thinks\", \"mum's view was\") and forms (\"risk assessment completed\") do not count. Reports where it found it, and flags the note when there is none.",
        why: "Standard 1: case recording must \"not just be a summary of facts, but also include the worker's assessment of need and risk and include professional opinion\".",
        flagged: "I visited Jayden at home at 4pm. Mum made tea. Jayden showed me his room. I left at 5pm.",
        better: "I visited Jayden at home at 4pm. Mum made tea. My assessment is that Jayden's needs are being met at home because his room was warm and mum knew his school routine.",
        limits: "Reads sentence by sentence: a judgement spread over several sentences without any analysis words can be missed, and a factual sentence that happens to join a cause to a risk word can count.",
        messages: &["missing"],
        kinds: &[FindingKind::Missing],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    if cx.facts.opinion.is_empty() && !cx.doc.tokens.is_empty() {
        let child = cx.child();
        cx.emit(Flag::new(FindingKind::Missing, None, "missing").values(&[("child", &child)]));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::check;

    fn present(text: &str) -> bool {
        check(text).opinion.present
    }

    #[test]
    fn the_workers_own_analysis_counts() {
        assert!(present("In my view the risk to Kacper has reduced since dad moved out."));
        assert!(present("I am worried that Amira is not eating because there was no food in the house."));
        assert!(present("This suggests Kacper's needs are not being met."));
        assert!(present("The risk of harm has reduced since the locks were changed."));
        assert!(present("Analysis:\nJayden's school attendance has improved and he is safer at home now that dad has left."));
    }

    #[test]
    fn other_peoples_opinions_do_not() {
        assert!(!present("The GP thinks the risk is low. Mum's view was that things are better."));
        assert!(!present("School reported that his attendance is at risk because he is often late."));
        assert!(!present("Risk assessment completed and uploaded."));
        assert!(!present("I think the meeting is on Tuesday. I visited at 3pm."));
        assert!(!present("Mum said \"I am worried that he is at risk\"."));
    }
}
