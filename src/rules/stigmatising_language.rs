//! `stigmatising-language`: labels that blame or stigmatise.

use super::{flag_wording, Cx, RuleDef, RuleMeta};
use crate::document::Document;
use crate::ids::{FindingKind, RuleId};
use crate::lexicon::{Hit, List};

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::StigmatisingLanguage,
        title: "Blaming or stigmatising labels",
        what: "Finds labels that judge rather than describe (\"non-compliant\", \"manipulative\", \"attention-seeking\", \"kicked off\", \"refused to engage\", \"hostile\"), words that cast doubt on what a family said (\"claims\", \"alleges\", \"made it up\"), identity-first labels (\"addict\", \"a drunk\") and victim-blaming words about children who are exploited or abused, which are errors.",
        why: "Standard 1 asks that recording is accurate, impartial and fair; Standard 4 that it reflects anti-discriminatory practice. Children and parents read their records: a label tells them what a worker thought of them, not what happened.",
        flagged: "Mum was hostile and non-compliant. Jayden kicked off when I arrived.",
        better: "Mum said she did not want me in the house and asked me to leave. Jayden shouted and threw a cushion when I arrived; he told me he was angry I had come.",
        limits: "Words inside quotation marks are not flagged: they are someone's own words (a quoted poor entry in training material is checked). A label used to deny it (\"she was not hostile\") is still flagged, because describing what happened reads better; one the writer sets aside for a better reading (\"overload rather than disengagement\") is not, nor one reported as what someone else calls a person (\"the lads call him a …\", \"mum describes it as …\"). Word forms count (\"disengaged\", \"disengagement\"); plain senses do not (\"an aggressive cancer\", a benefit claim, \"was drunk\" as a state).",
        messages: &["default", "serious"],
        kinds: &[FindingKind::Term],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    flag_wording(cx, List::Stigmatising, |cx, hit| !(set_aside(cx.doc, hit) || someone_elses_name(cx.doc, hit)));
}

/// "The other lads call him a pikey", "Mum describes it as attention
/// seeking": the label is what someone else calls a person, reported, not
/// the writer's own word (the labelling guide flags a term only in the
/// writer's own words). Every such use in the corpus is labelled a clean
/// word. "I would describe her as …" stays the writer's own.
fn someone_elses_name(doc: &Document<'_>, hit: &Hit) -> bool {
    const WHOM: &[&str] = &["him", "her", "me", "them", "us", "you", "it", "this", "that"];
    let mut at = doc.token_at(hit.start);
    let back = |at: &mut usize| -> Option<&str> {
        *at = at.checked_sub(1)?;
        Some(doc.word(*at))
    };
    let mut word = back(&mut at);
    if matches!(word, Some("a" | "an")) {
        word = back(&mut at);
    }
    match word {
        Some("as") => {
            let mut verb = back(&mut at);
            if verb.is_some_and(|w| WHOM.contains(&w)) {
                verb = back(&mut at);
            }
            let speaker = back(&mut at);
            matches!(verb, Some("describes" | "described" | "describe" | "describing")) && !matches!(speaker, Some("i" | "we" | "would"))
        }
        Some(w) if WHOM.contains(&w) => matches!(back(&mut at), Some("call" | "calls" | "called" | "calling")),
        _ => false,
    }
}

/// "I read it as overload rather than disengagement", "fear rather than
/// random aggression": the writer names the label only to set it aside for
/// the reading they give, perhaps with one word between "than" and the
/// label. The corpus's writers label every such use a clean word.
fn set_aside(doc: &Document<'_>, hit: &Hit) -> bool {
    let first = doc.token_at(hit.start);
    // A label found inside the last token ("10:07_aggression") starts no
    // token of its own: `first` is then one past the end, and sets nothing aside.
    let same_sentence = |t: usize| doc.tokens.get(first).is_some_and(|f| f.sentence == doc.tokens[t].sentence);
    let rather_than = |than: usize| doc.word(than) == "than" && doc.word(than - 1) == "rather" && same_sentence(than);
    (first >= 2 && rather_than(first - 1)) || (first >= 3 && rather_than(first - 2))
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
    fn a_label_set_aside_for_a_better_reading_is_not_flagged() {
        assert_clean("stigmatising-language", "I read the cancelled meetings as overload rather than disengagement. It looks like fear rather than defiance.");
        assert_flags("stigmatising-language", "Mum was evasive rather than open.", &["evasive"]);
        assert_clean("stigmatising-language", "His behaviour was driven by fear for his mother rather than random aggression.");
        assert_flags("stigmatising-language", "Rather than talk, he showed aggression.", &["aggression"]);
        assert_flags("stigmatising-language", "We should meet sooner rather than later. Aggression has increased.", &["Aggression"]);
    }

    #[test]
    fn what_someone_else_calls_a_person_is_reported_not_flagged() {
        assert_clean("stigmatising-language", "He said the other lads call him a pikey. Mum describes it as attention seeking.");
        assert_flags("stigmatising-language", "I would describe her as manipulative. He is attention seeking.", &["manipulative", "attention seeking"]);
    }

    #[test]
    fn plain_senses_of_newer_labels_are_not_flagged() {
        assert_clean(
            "stigmatising-language",
            "Visits will be spaced out over the summer. We will plan the move to minimise her anxiety and any distress. Dad refused to give up.",
        );
        assert_flags("stigmatising-language", "Mum seemed spaced out. She refused to give her new address.", &["spaced out", "refused to give"]);
    }

    #[test]
    fn engaging_in_conversation_is_a_plain_sense() {
        // The labelling guide's plain sense: "engaged in conversation".
        assert_clean("stigmatising-language", "Alfie (3) was playing with trains and did not engage in conversation with me.");
        assert_flags("stigmatising-language", "Dad did not engage with the plan.", &["did not engage"]);
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
    fn one_entry_covers_its_word_forms() {
        assert_flags(
            "stigmatising-language",
            "Dad has disengaged. His disengagement worries school. Mum's refusal to engage continues. She is an addict; the addiction is long-standing.",
            &["disengaged", "disengagement", "refusal to engage", "addict", "addiction"],
        );
        assert_clean("stigmatising-language", "Mum was engaged in conversation and engaged a solicitor.");
    }

    #[test]
    fn doubt_cast_on_the_family_word() {
        assert_flags(
            "stigmatising-language",
            "Mum claims the door was locked. Gary claimed Callum fell. Dad insisted he was home. I think he made it up.",
            &["claims", "claimed", "insisted", "made it up"],
        );
        // Claims for benefits, and the alleged offence, are plain senses.
        assert_clean(
            "stigmatising-language",
            "Mum claims Universal Credit and made a claim for housing benefit. Police are investigating the alleged assault.",
        );
    }

    #[test]
    fn character_labels_and_identity_first_words() {
        assert_flags(
            "stigmatising-language",
            "Mum is neglectful and evasive. Dad is a drunk and a known drug user. The gangsters he mixes with. She was being dramatic.",
            &["neglectful", "evasive", "drunk", "drug user", "gangsters", "being dramatic"],
        );
        // Describing a state is not a label; a dramatic change is not one either.
        assert_clean("stigmatising-language", "Dad came back at 1am drunk. There has been a dramatic improvement in attendance.");
    }

    #[test]
    fn illness_words_are_not_aggression() {
        assert_flags("stigmatising-language", "Dad is aggressive.", &["aggressive"]);
        assert_clean("stigmatising-language", "Dad was diagnosed with an aggressive cancer and started aggressive treatment.");
    }

    #[test]
    fn clean_of_drugs_not_of_a_room() {
        assert_flags("stigmatising-language", "Dad has stayed clean and had two dirty tests before that.", &["stayed clean", "dirty tests"]);
        assert_clean("stigmatising-language", "The kitchen was clean. His clothes were dirty after football.");
    }

    #[test]
    fn one_sided_authority_and_victim_blaming() {
        assert_flags(
            "stigmatising-language",
            "Mum was instructed to keep him away. She allowed him back into the home.",
            &["was instructed to", "allowed him back"],
        );
        let report = check("Chloe chooses to go missing at weekends.");
        let finding = report.findings.iter().find(|f| f.rule == "stigmatising-language").expect("flagged");
        assert_eq!(finding.severity.id(), "error");
    }

    #[test]
    fn a_quoted_poor_entry_is_checked_but_a_mention_is_not() {
        assert_flags("stigmatising-language", "Poor example: 'Visited. Mum was hostile and refused to engage.'", &["hostile", "refused to engage"]);
        assert_clean("stigmatising-language", "Phrases such as 'mum claims' and 'refused to engage' blame the person. Avoid 'hostile'.");
    }

    #[test]
    fn quoted_words_are_theirs() {
        assert_clean("stigmatising-language", "Mum said \"the school think he is manipulative\".");
    }
}
