//! `stigmatising-language`: labels that blame or stigmatise.

use super::{flag_wording, Cx, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};
use crate::lexicon::List;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::StigmatisingLanguage,
        title: "Blaming or stigmatising labels",
        what: "Finds labels that judge rather than describe (\"non-compliant\", \"manipulative\", \"attention-seeking\", \"kicked off\", \"refused to engage\", \"hostile\") and victim-blaming words about children who are exploited or abused, which are errors.",
        why: "Standard 1 asks that recording is accurate, impartial and fair; Standard 4 that it reflects anti-discriminatory practice. Children and parents read their records: a label tells them what a worker thought of them, not what happened.",
        flagged: "Mum was hostile and non-compliant. Jayden kicked off when I arrived.",
        better: "Mum said she did not want me in the house and asked me to leave. Jayden shouted and threw a cushion when I arrived; he told me he was angry I had come.",
        limits: "Words inside quotation marks are not flagged: they are someone's own words. A label used to deny it (\"she was not hostile\") is still flagged, because describing what happened reads better.",
        messages: &["default", "serious"],
        kinds: &[FindingKind::Term],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    flag_wording(cx, List::Stigmatising, |_, _| true);
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, assert_flags, check};

    #[test]
    fn labels_are_flagged_in_any_form() {
        assert_flags("stigmatising-language", "He is manipulative and attention seeking.", &["manipulative", "attention seeking"]);
        assert_flags("stigmatising-language", "Dad refused to engage.", &["refused to engage"]);
    }

    #[test]
    fn victim_blaming_is_an_error() {
        let report = check("Chloe is putting herself at risk by going to parties.");
        let finding = report.findings.iter().find(|f| f.rule == "stigmatising-language").expect("flagged");
        assert_eq!(finding.severity.id(), "error");
    }

    #[test]
    fn identity_is_never_a_fault() {
        assert_clean(
            "stigmatising-language",
            "Amira is Black British and Muslim; her dad is an Irish Traveller and her nan is Roma. She is autistic and deaf; her brother is a wheelchair user and gay.",
        );
    }

    #[test]
    fn quoted_words_are_theirs() {
        assert_clean("stigmatising-language", "Mum said \"the school think he is manipulative\".");
    }
}
