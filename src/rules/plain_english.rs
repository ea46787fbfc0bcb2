//! `plain-english`: very long sentences, and acronyms used before they are
//! spelled out.

use rustc_hash::FxHashMap;

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};
use crate::lexicon::List;

/// Words in a sentence past which it is hard to follow.
const LONG_SENTENCE_WORDS: usize = 40;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::PlainEnglish,
        title: "Plain English",
        what: "Flags sentences of more than 40 words, and an acronym used before the place where the note spells it out (\"The IRO chaired… the Independent Reviewing Officer (IRO)…\").",
        why: "Recording Principles: \"Wherever possible jargon must be avoided and plain English used\"; records must be \"legible\" to children and families who read them (Standard 2).",
        flagged: "The IRO agreed the plan. Later the Independent Reviewing Officer (IRO) asked for an update.",
        better: "The Independent Reviewing Officer (IRO), who chairs Ella's reviews, agreed the plan. Later the IRO asked for an update.",
        limits: "Sentence length counts words between full stops and line breaks; a long list written as one sentence is counted as one.",
        messages: &["long_sentence", "acronym_before_definition"],
        kinds: &[FindingKind::Passage, FindingKind::Term],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    for i in 0..doc.sentences.len() {
        let s = doc.sentences[i];
        let words = s.end_token - s.first_token;
        if words > LONG_SENTENCE_WORDS {
            let count = words.to_string();
            cx.emit(Flag::new(FindingKind::Passage, Some(doc.sentence_span(i)), "long_sentence").values(&[("words", &count)]).suggestions(Vec::new()));
        }
    }
    let mut reported: Vec<u32> = Vec::new();
    let hits: Vec<_> = doc.hits_in(List::Jargon).copied().collect();
    // Where each acronym is last spelled out, found once rather than per use.
    let mut last_definition = FxHashMap::default();
    for d in &hits {
        if doc.entry(d).acronym && doc.defines_acronym(d) {
            last_definition.insert(d.entry, d.start);
        }
    }
    for hit in &hits {
        let entry = doc.entry(hit);
        if !entry.acronym || reported.contains(&hit.entry) || doc.defines_acronym(hit) {
            continue;
        }
        let defined_later = last_definition.get(&hit.entry).is_some_and(|&start| start > hit.start);
        if defined_later {
            reported.push(hit.entry);
            let term = cx.original((hit.start, hit.end));
            let suggestions = entry.expands.iter().map(|e| format!("{e} ({term})")).collect();
            cx.emit(Flag::new(FindingKind::Term, Some((hit.start, hit.end)), "acronym_before_definition").values(&[("term", term)]).suggestions(suggestions));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, flagged};

    #[test]
    fn long_sentences_are_flagged() {
        let long = "I visited and ".repeat(15) + "left.";
        assert_eq!(flagged("plain-english", &long).len(), 1);
        assert_clean("plain-english", "I visited. I left.");
    }
}
