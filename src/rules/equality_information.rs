//! `equality-information`: what the note records of identity and need, and
//! needs recorded without the support given.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{EqualityArea, FindingKind, RuleId, Severity};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::EqualityInformation,
        title: "Equality and diversity",
        what: "Reports which equality areas the note records (ethnicity, race, culture, gender, age, religion, language, communication, sensory impairment, disability, sexual orientation). Flags a language or communication need recorded without the support used (an interpreter, BSL, Makaton, easy-read), and — when the form's equality fields are passed in — areas the note records that the form leaves empty.",
        why: "Standard 4: \"Case recording identifies special needs arising from ethnicity, race, culture, gender, age, religion, language, communication, sensory impairment, disability and sexual orientation\", and \"demonstrates that those with language and communication needs are assisted to have their say\".",
        flagged: "Mum's first language is Polish. We discussed the plan.",
        better: "Mum's first language is Polish. A Polish interpreter joined by phone for the whole visit, and I checked mum understood the plan.",
        limits: "An area counts when a word for it appears; whether the need was analysed or acted on is for the reader. An age on its own (\"9-year-old\") is not recorded as the age area.",
        messages: &["unsupported", "form_empty"],
        kinds: &[FindingKind::Passage, FindingKind::FieldEmpty],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let equality = &cx.facts.equality;
    if !equality.supported {
        if let Some(&(area, span)) = equality.needs.first() {
            let (area, child) = (area_name(area), cx.child());
            cx.emit(Flag::new(FindingKind::Passage, Some(span), "unsupported").values(&[("area", &area), ("child", &child)]));
        }
    }
    if let Some(form) = &cx.ctx.equality {
        let mut seen = Vec::new();
        for &(area, span) in &equality.mentioned {
            let empty = form.get(&area).is_some_and(|v| v.trim().is_empty());
            if empty && !seen.contains(&area) {
                seen.push(area);
                let name = area_name(area);
                cx.emit(
                    Flag::new(FindingKind::FieldEmpty, Some(span), "form_empty").values(&[("area", &name)]).suggestions(Vec::new()).severity(Severity::Advice),
                );
            }
        }
    }
}

fn area_name(area: EqualityArea) -> String {
    area.id().replace('_', " ")
}

#[cfg(test)]
mod tests {
    use crate::ids::EqualityArea as A;
    use crate::rules::test::{check, check_with};

    fn areas(text: &str) -> Vec<A> {
        check(text).equality.mentioned
    }

    #[test]
    fn areas_are_recognised() {
        assert_eq!(areas("Amira is Black British and Muslim. She is autistic and deaf."), [A::Ethnicity, A::Religion, A::SensoryImpairment, A::Disability]);
        assert_eq!(areas("Kacper uses Makaton. Dad speaks Polish."), [A::Language, A::Communication]);
    }

    #[test]
    fn an_age_alone_is_not_equality_information() {
        assert!(areas("Jayden is a 9-year-old boy. He is 9. She has a black eye.").is_empty());
    }

    #[test]
    fn form_fields_left_empty_get_advice() {
        let report = check_with("The family are Muslim and attend the mosque.", r#"{"equality":{"religion":"","language":"English"}}"#);
        let advice: Vec<_> = report.findings.iter().filter(|f| f.rule == "equality-information").map(|f| f.severity.id()).collect();
        assert_eq!(advice, ["advice"]);
    }
}
