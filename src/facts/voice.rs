//! The child's voice: the child's own words, wishes and feelings as the
//! writer heard them or, for a baby or a child who does not speak, what the
//! writer saw of their day. Adults' reports of the child do not count.

use super::Cx;
use crate::lexicon::{Class, Hit, List, OpinionClass, VoiceClass};
use crate::people::Who;
use crate::sort::sort;

const SPEECH: Class = Class::Voice(VoiceClass::Speech);
const ATTRIBUTION: Class = Class::Opinion(OpinionClass::Attribution);

/// The passages that carry the child's voice; `young` when the child is a
/// baby or does not speak, so that what the writer saw them do counts.
pub(super) fn find(cx: &Cx<'_>, young: bool) -> Vec<(usize, usize)> {
    let doc = cx.doc;
    let mut evidence: Vec<(usize, usize)> = Vec::new();

    for &(start, end) in &doc.quotes {
        let first = doc.token_at(start);
        let last = doc.token_at(end);
        if last - first >= 2
            && quote_speaker(cx, start, end) == Some(Who::Child)
            && !quote_reported_by_adult(cx, start)
            && !quote_said_to_someone_else(cx, start)
        {
            evidence.push((start.saturating_sub(1), (end + 1).min(doc.norm.len())));
        }
    }
    for hit in doc.hits_in(List::Voice) {
        let Class::Voice(class) = doc.entry(hit).class else { continue };
        let counts = match class {
            VoiceClass::Speech | VoiceClass::Wish => true,
            VoiceClass::Observe => young,
            // The rest are cue families the sentence model reads.
            _ => false,
        };
        if !counts || doc.is_quoted(hit.start) || (class != VoiceClass::Wish && negated(cx, hit)) {
            continue;
        }
        let token = doc.token_at(hit.start);
        let subject = match cx.people.before(doc, token, 16) {
            Some((_, who)) => Some(who),
            // "Said school is alright.": the subject is the last sentence's.
            None if doc.tokens.get(token).is_some_and(|t| doc.sentences[t.sentence].first_token == token) => {
                doc.tokens[token].sentence.checked_sub(1).and_then(|s| cx.people.first_in(doc, s))
            }
            None => None,
        };
        if subject != Some(Who::Child) {
            continue;
        }
        let to_worker = class == VoiceClass::Speech && (doc.lower[hit.end..].trim_start().starts_with("me") || next_is_quote(cx, hit.end));
        if class == VoiceClass::Speech && told_someone_else(cx, hit) {
            continue; // "told his teacher…": heard by another adult, reported to us
        }
        if !to_worker && reported_by_adult(cx, hit) {
            continue;
        }
        evidence.push(doc.sentence_span(doc.sentence_of(hit.start)));
    }
    sort(&mut evidence);
    evidence.dedup();
    evidence
}

/// A quotation: where it is, who said it, and whether the writer has it
/// from another adult.
pub(crate) struct Quote {
    pub range: (usize, usize),
    pub speaker: Option<Who>,
    /// Heard by another adult and passed on ("Mum said he told her '…'").
    pub second_hand: bool,
}

/// Every quotation in the note.
pub(super) fn quotes(cx: &Cx<'_>) -> Vec<Quote> {
    if cx.doc.sentences.is_empty() {
        return Vec::new(); // quotation marks with no words in the note at all
    }
    cx.doc
        .quotes
        .iter()
        .map(|&(start, end)| Quote {
            range: (start, end),
            speaker: quote_speaker(cx, start, end),
            second_hand: quote_reported_by_adult(cx, start) || quote_said_to_someone_else(cx, start),
        })
        .collect()
}

/// Who said a quotation: the subject of a speech word just after it
/// ("…," he said) or just before it in the sentence (Jayden told me: "…").
fn quote_speaker(cx: &Cx<'_>, start: usize, end: usize) -> Option<Who> {
    let doc = cx.doc;
    let speech = |h: &&Hit| doc.entry(h).class == SPEECH && !doc.is_quoted(h.start);
    let after_token = doc.token_at(end);
    let quote_sentence = doc.sentence_of(start);
    let sentence_end = doc.sentences[quote_sentence].end;
    let after = doc.hits_between(List::Voice, end + 1, sentence_end).filter(speech).find(|h| doc.token_at(h.start) <= after_token + 2);
    let who = if let Some(verb) = after {
        let verb_token = doc.token_at(verb.start);
        // "…," Jayden said / "…," said Jayden / "…," she told me
        match cx.people.before(doc, verb_token, verb_token - after_token + 1) {
            Some((t, who)) if t >= after_token => Some(who),
            _ => cx.people.after(doc, verb_token, 2).map(|(_, who)| who),
        }
    } else {
        let sentence = doc.sentence_of(start.saturating_sub(1));
        let opening = doc.sentences[sentence].start;
        let before = doc.hits_between(List::Voice, opening, start).filter(speech).rfind(|h| h.end <= start);
        before.and_then(|verb| cx.people.before(doc, doc.token_at(verb.start), 6)).map(|(_, who)| who)
    };
    match who {
        Some(Who::Unknown) | None => content_speaker(&doc.lower[start..end]),
        known => known,
    }
}

/// "She told me Elijah said to her 'there's never food'": an adult's report
/// of what the child said, not the child's words to the worker.
fn quote_reported_by_adult(cx: &Cx<'_>, start: usize) -> bool {
    let doc = cx.doc;
    let sentence = doc.sentences[doc.sentence_of(start.saturating_sub(1))];
    doc.hits_between(List::Voice, sentence.start, start)
        .chain(doc.hits_between(List::Opinion, sentence.start, start))
        .filter(|h| h.end <= start && !doc.is_quoted(h.start))
        .filter(|h| matches!(doc.entry(h).class, SPEECH | ATTRIBUTION))
        .any(|h| matches!(cx.people.before(doc, doc.token_at(h.start), 5), Some((_, Who::Adult))))
}

/// "Shanice told her form tutor that … \"under my clothes\"": the quotation is
/// what another adult heard.
fn quote_said_to_someone_else(cx: &Cx<'_>, start: usize) -> bool {
    let doc = cx.doc;
    let sentence = doc.sentences[doc.sentence_of(start.saturating_sub(1))];
    doc.hits_between(List::Voice, sentence.start, start)
        .rfind(|h| doc.entry(h).class == SPEECH && h.end <= start && !doc.is_quoted(h.start))
        .is_some_and(|verb| told_someone_else(cx, verb))
}

/// A quotation's own words can say who spoke: "my mum" is a child's, "my son" a parent's.
fn content_speaker(quote: &str) -> Option<Who> {
    const CHILD: &[&str] = &["my mum", "my dad", "my nan", "my teacher", "my school", "my brother", "my sister", "my mummy", "my daddy", "my foster"];
    const ADULT: &[&str] = &["my son", "my daughter", "my children", "my kids", "my baby", "my boy", "my girl"];
    if ADULT.iter().any(|w| quote.contains(w)) {
        Some(Who::Adult)
    } else if CHILD.iter().any(|w| quote.contains(w)) {
        Some(Who::Child)
    } else {
        None
    }
}

/// "Kieran told his teacher…", "asked, through her tutor…": the child spoke to
/// another adult, so the note has it second-hand.
fn told_someone_else(cx: &Cx<'_>, hit: &Hit) -> bool {
    let doc = cx.doc;
    let first = doc.token_at(hit.end);
    let sentence = doc.tokens[doc.token_at(hit.start).min(doc.tokens.len() - 1)].sentence;
    (first..(first + 4).min(doc.tokens.len()))
        .take_while(|&t| doc.tokens[t].sentence == sentence)
        .any(|t| doc.word(t) == "through" || (cx.people.at(t) == Some(Who::Adult) && !matches!(doc.word(t), "mum" | "dad")))
}

fn next_is_quote(cx: &Cx<'_>, end: usize) -> bool {
    let rest = cx.doc.norm[end..].trim_start_matches([' ', ',', ':']);
    rest.starts_with('"') || rest.starts_with('\'')
}

/// "did not say", "would not smile", "was told": the child did not do it.
fn negated(cx: &Cx<'_>, hit: &Hit) -> bool {
    let token = cx.doc.token_at(hit.start);
    let passive = token.checked_sub(1).is_some_and(|t| matches!(cx.doc.word(t), "be" | "been" | "being" | "was" | "were" | "is" | "are"));
    passive
        || (token.saturating_sub(2)..token)
            .any(|t| matches!(cx.doc.word(t), "not" | "never" | "didn't" | "wouldn't" | "couldn't" | "won't" | "unable" | "refused" | "declined" | "no"))
}

/// True when an adult's report carries the child's words: "mum said Jayden wants…".
fn reported_by_adult(cx: &Cx<'_>, hit: &Hit) -> bool {
    let doc = cx.doc;
    let sentence = doc.sentences[doc.sentence_of(hit.start)];
    doc.hits_between(List::Voice, sentence.start, sentence.end)
        .chain(doc.hits_between(List::Opinion, sentence.start, sentence.end))
        .filter(|h| h != &hit && !doc.is_quoted(h.start))
        .filter(|h| matches!(doc.entry(h).class, SPEECH | ATTRIBUTION))
        .any(|h| matches!(cx.people.before(doc, doc.token_at(h.start), 5), Some((_, Who::Adult))) || doc.lower[h.start..h.end].starts_with("according"))
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{check, check_with};

    fn present(text: &str) -> bool {
        check(text).child_voice.present
    }

    #[test]
    fn the_childs_own_words_count() {
        assert!(present("Jayden said \"I miss my nan\"."));
        assert!(present("\u{201c}I don't like it when dad shouts,\u{201d} he told me."));
        assert!(present("Amira told me she wants to stay at her school."));
        assert!(present("When I asked Kacper about home, he said he feels scared when mum drinks."));
    }

    #[test]
    fn a_quoted_example_of_recording_is_read_for_the_childs_voice() {
        // A trainer's example quotes a whole entry: the child's words in it
        // are the child's voice, as they would be in the entry itself.
        assert!(present(
            "Good example: \"I saw Nadia at her foster home after school. She showed me the hamster she looks after and told me she wants to stay here until she finishes Year 6. I think she feels safe with her carers.\" This entry records what Nadia did and said."
        ));
    }

    #[test]
    fn second_hand_reports_do_not() {
        assert!(!present("Mum said he was happy. The teacher said Jayden is settled."));
        assert!(!present("Mum said \"I can't cope with my son\"."));
        assert!(!present("Jayden was asleep throughout the visit and was not seen awake."));
        assert!(!present("The voice of the child was captured."));
    }

    #[test]
    fn a_baby_is_heard_through_what_the_worker_saw() {
        assert!(present("Baby Lily (4 months) smiled at me and reached for mum when I spoke."));
        let report = check_with("Lily smiled and babbled throughout the visit.", r#"{"child":{"name":"Lily","age_years":0.5}}"#);
        // One short sentence: at least never told it is missing.
        assert!(!report.findings.iter().any(|f| f.rule == "missing-child-voice" && f.severity != crate::ids::Severity::Advice));
        for young in ["Theo (2)", "Theo (0)", "Theo (aged 1)", "Theo (age 2)", "Theo (a 2-year-old)"] {
            assert!(present(&format!("{young} smiled at me and reached for mum when I spoke.")), "{young}");
        }
        for older in ["Theo (12)", "Theo (aged 12)", "Theo (a 12 year old)", "Theo (see page 1)"] {
            assert!(!present(&format!("{older} smiled at me and reached for mum when I spoke.")), "{older}");
        }
    }
}
