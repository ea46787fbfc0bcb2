//! `plain-english`: very long sentences, and acronyms used before they are
//! spelled out.

use super::jargon::is_definition;
use super::{Cx, RuleDef, RuleMeta};
use crate::lexicon::List;

/// Words in a sentence past which it is hard to follow.
const LONG_SENTENCE_WORDS: usize = 40;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: "plain-english",
        title: "Plain English",
        what: "Flags sentences of more than 40 words, and an acronym used before the place where the note spells it out (\"The IRO chaired… the Independent Reviewing Officer (IRO)…\").",
        why: "Recording Principles: \"Wherever possible jargon must be avoided and plain English used\"; records must be \"legible\" to children and families who read them (Standard 2).",
        flagged: "The IRO agreed the plan. Later the Independent Reviewing Officer (IRO) asked for an update.",
        better: "The Independent Reviewing Officer (IRO), who chairs Ella's reviews, agreed the plan. Later the IRO asked for an update.",
        limits: "Sentence length counts words between full stops and line breaks; a long list written as one sentence is counted as one.",
        messages: &["long_sentence", "acronym_before_definition"],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    for i in 0..doc.sentences.len() {
        let s = doc.sentences[i];
        let words = s.end_token - s.first_token;
        if words > LONG_SENTENCE_WORDS {
            let message = cx.policy.message("plain-english", "long_sentence", &[("words", &words.to_string())]);
            cx.flag("plain-english", Some(cx.sentence_span(i)), message, Vec::new());
        }
    }
    let mut reported: Vec<u32> = Vec::new();
    let hits: Vec<_> = doc.hits_in(List::Jargon).copied().collect();
    // Where each acronym is last spelled out, found once rather than per use.
    let mut last_definition = crate::phrase_index::FastMap::default();
    for d in &hits {
        let entry = doc.entry(d);
        if entry.acronym && is_definition(doc, d.start, d.end, entry.expands.as_deref()) {
            last_definition.insert(d.entry, d.start);
        }
    }
    for hit in &hits {
        let entry = doc.entry(hit);
        if !entry.acronym || reported.contains(&hit.entry) || is_definition(doc, hit.start, hit.end, entry.expands.as_deref()) {
            continue;
        }
        let defined_later = last_definition.get(&hit.entry).is_some_and(|&start| start > hit.start);
        if defined_later {
            reported.push(hit.entry);
            let term = &doc.norm[hit.start..hit.end];
            let message = cx.policy.message("plain-english", "acronym_before_definition", &[("term", term)]);
            let suggestions = entry.expands.iter().map(|e| format!("{e} ({term})")).collect();
            cx.flag("plain-english", Some((hit.start, hit.end)), message, suggestions);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::test::{assert_clean, assert_flags};

    #[test]
    fn examples_behave() {
        assert_flags("plain-english", RULE.meta.flagged, &["IRO"]);
        assert_clean("plain-english", RULE.meta.better);
    }

    #[test]
    fn long_sentences_are_flagged() {
        let long = "I visited and ".repeat(15) + "left.";
        assert_eq!(crate::rules::test::flagged("plain-english", &long).len(), 1);
        assert_clean("plain-english", "I visited. I left.");
    }
}
