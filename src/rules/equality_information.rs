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
    fn a_nationality_word_is_a_language_a_culture_or_a_people_by_its_neighbours() {
        assert_eq!(areas("Mum speaks Polish. A Polish interpreter came."), [A::Language]);
        assert_eq!(areas("They went to the Polish shop for Polish food."), [A::Culture]);
        assert_eq!(areas("The family are Polish."), [A::Ethnicity]);
    }

    #[test]
    fn faith_practice_is_religion_and_a_festival_as_a_date_is_not() {
        assert_eq!(areas("The family are practising Muslims and eat halal food."), [A::Religion]);
        assert!(areas("He has been unsettled since Eid.").is_empty());
    }

    #[test]
    fn gypsy_roma_and_traveller_families_record_culture_too() {
        assert_eq!(areas("The family are Irish Travellers living on the site."), [A::Ethnicity, A::Culture]);
    }

    #[test]
    fn communicating_without_speech() {
        assert_eq!(areas("Aliyah does not use words; she uses eye gaze."), [A::Communication]);
        assert_eq!(areas("Zoe signed 'more' and laughed."), [A::Communication]);
        assert!(areas("Mum signed the agreement and the consent form.").is_empty());
    }

    #[test]
    fn a_plan_for_school_needs_is_not_a_disability() {
        assert!(areas("Kai has an EHCP and SEN support at school.").is_empty());
    }

    #[test]
    fn form_fields_left_empty_get_advice() {
        let report = check_with("The family are Muslim and attend the mosque.", r#"{"equality":{"religion":"","language":"English"}}"#);
        let advice: Vec<_> = report.findings.iter().filter(|f| f.rule == "equality-information").map(|f| f.severity.id()).collect();
        assert_eq!(advice, ["advice"]);
    }
}
