//! `documents-given`: a plan or assessment given without to whom or when.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};
use crate::lexicon::{Class, RecordingClass};
use crate::people::Who;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::DocumentsGiven,
        title: "Document given without to whom or when",
        what: "Finds an assessment, plan, minutes, report or letter given, sent or handed over (\"copy of the plan given\", \"assessment sent out\") and flags it when the sentence does not say to whom or when.",
        why: "Standard 2: every child and family member must \"receive written copies of their assessments and care plans… There must be a Framework-i case note to record what documents have been given to whom and when.\"",
        flagged: "Copy of the plan given.",
        better: "I gave mum a copy of the child in need plan on 4 March and went through it with her.",
        limits: "Reads one sentence at a time; \"to whom\" is any person named in it, and \"when\" a date, a day or words like \"today\" or \"at the visit\".",
        messages: &["no_whom", "no_when", "no_whom_or_when"],
        kinds: &[FindingKind::Passage],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let mut done = Vec::new();
    let gives: Vec<usize> = doc.hits_of(Class::Recording(RecordingClass::Give)).map(|h| h.start).collect();
    for give in gives {
        let sentence = doc.sentence_of(give);
        if done.contains(&sentence) || !doc.sentence_has(sentence, Class::Recording(RecordingClass::Document)) {
            continue;
        }
        let token = doc.token_at(give);
        if (token.saturating_sub(3)..token).any(|t| matches!(doc.word(t), "not" | "yet" | "never" | "will")) {
            continue; // "not yet given", "will give": nothing was handed over
        }
        done.push(sentence);
        let range = doc.sentences[sentence];
        // someone other than the worker: "gave mum", "sent to school"
        let whom = (range.first_token..range.end_token).any(|t| cx.people.at(t).is_some_and(|who| who != Who::Worker))
            || doc.lower[range.start..range.end].contains(" to ");
        let when = doc.sentence_has(sentence, Class::Recording(RecordingClass::When)) || doc.lower[range.start..range.end].bytes().any(|b| b.is_ascii_digit());
        let variant = match (whom, when) {
            (true, true) => continue,
            (false, true) => "no_whom",
            (true, false) => "no_when",
            (false, false) => "no_whom_or_when",
        };
        cx.emit(Flag::new(FindingKind::Passage, Some(doc.sentence_span(sentence)), variant));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, assert_flags};

    #[test]
    fn missing_recipient_or_date_is_flagged() {
        assert_flags("documents-given", "Assessment sent out.", &["Assessment sent out."]);
        assert_flags("documents-given", "I posted the minutes to dad.", &["I posted the minutes to dad."]);
    }

    #[test]
    fn other_gifts_and_minutes_of_time_are_not_documents() {
        assert_clean("documents-given", "Mum gave Ella her tea. We talked for ten minutes.");
        assert_clean("documents-given", "I emailed the minutes to school today.");
    }
}
