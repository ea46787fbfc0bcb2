//! `missing-child-voice`: no words, wishes or feelings of the child.

use super::{Cx, RuleDef, RuleMeta};
use crate::lexicon::{Hit, List};
use crate::people::Who;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: "missing-child-voice",
        title: "No child's voice",
        what: "Looks for the child's own words (a quotation the child said), their wishes and feelings (\"Jayden told me he wants…\", \"she misses her nan\"), what they drew, chose or showed — or, for a baby or a child who does not speak, what the worker saw them do (smiled, babbled, reached for mum). Second-hand reports (\"mum said he was happy\") and adults' quotations do not count. Flags the note when there is none.",
        why: "Standard 1 of personal practice: \"I will understand and record the child's lived experience\"; Standard 2: every child must \"have their views taken into account and for these to be recorded clearly and accurately\".",
        flagged: "I visited the family. Mum said Jayden was happy and doing well at school.",
        better: "I saw Jayden alone in his room. He told me \"I like my new teacher\" and said he wants to see his dad more.",
        limits: "Who is speaking is worked out from names, roles and pronouns near the words; a pronoun far from its person, or a quotation with no speaker nearby, may be missed. Give the child's name in the context to help.",
        messages: &["missing"],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let young = child_is_young(cx);
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
        let class = doc.entry(hit).value.as_str();
        let counts = match class {
            "speech" | "wish" => true,
            "observe" => young,
            _ => false,
        };
        if !counts || doc.is_quoted(hit.start) || (class != "wish" && negated(cx, hit)) {
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
        let to_worker = class == "speech" && (doc.lower[hit.end..].trim_start().starts_with("me") || next_is_quote(cx, hit.end));
        if class == "speech" && told_someone_else(cx, hit) {
            continue; // "told his teacher…": heard by another adult, reported to us
        }
        if !to_worker && reported_by_adult(cx, hit) {
            continue;
        }
        evidence.push(cx.sentence_span(doc.sentence_of(hit.start)));
    }
    crate::sort::sort(&mut evidence);
    evidence.dedup();
    if evidence.is_empty() && !doc.tokens.is_empty() {
        cx.raise("missing-child-voice", "missing", None, &[("child", &cx.child())]);
    }
    cx.out.child_voice = evidence;
}

/// A baby, or a child who does not speak: what the worker saw of them is
/// their voice, and they are not expected to be seen alone.
pub(crate) fn child_is_young(cx: &Cx<'_>) -> bool {
    cx.ctx.child_age_years.is_some_and(|a| a < 3.0)
        || cx.doc.hits_in(List::Voice).any(|h| cx.doc.entry(h).value == "young")
        || age_in_months_or_weeks(cx)
        || age_under_three(cx)
}

/// "Ruby (5 months)", "a 6-week-old baby": a child too young to talk.
fn age_in_months_or_weeks(cx: &Cx<'_>) -> bool {
    let doc = cx.doc;
    (1..doc.tokens.len()).any(|t| {
        let token = doc.tokens[t];
        // Most words fail on their first letter, before any slicing.
        if !matches!(doc.lower.as_bytes()[token.start], b'm' | b'w') {
            return false;
        }
        let unit = doc.word(t).as_bytes();
        matches!(unit, b"months" | b"month" | b"weeks" | b"week" | b"mths") && doc.word(t - 1).bytes().all(|b| b.is_ascii_digit()) && {
            let rest = doc.lower[doc.tokens[t].end..].trim_start();
            rest.starts_with(')') || rest.starts_with("old")
        }
    })
}

/// "Theo (2)", "Hana (1)", "aged 2", "a 1 year old": an age under three.
/// One pass over the note's digits.
fn age_under_three(cx: &Cx<'_>) -> bool {
    let lower = &cx.doc.lower;
    let bytes = lower.as_bytes();
    bytes.iter().enumerate().any(|(i, &digit)| {
        let lone = (i == 0 || !bytes[i - 1].is_ascii_digit()) && !bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !matches!(digit, b'0'..=b'2') || !lone {
            return false;
        }
        let (before, after) = (&lower[..i], &lower[i + 1..]);
        let word_before = |w: &str| before.strip_suffix(w).is_some_and(|b| !b.ends_with(|c: char| c.is_alphanumeric()));
        (before.ends_with('(') && after.starts_with(')')) || (digit != b'0' && (word_before("aged ") || word_before("age ") || after.starts_with(" year old")))
    })
}

/// Who said a quotation: the subject of a speech word just after it
/// ("…," he said) or just before it in the sentence (Jayden told me: "…").
fn quote_speaker(cx: &Cx<'_>, start: usize, end: usize) -> Option<Who> {
    let doc = cx.doc;
    let speech = |h: &&Hit| doc.entry(h).value == "speech" && !doc.is_quoted(h.start);
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
        .filter(|h| matches!(doc.entry(h).value.as_str(), "speech" | "attribution"))
        .any(|h| matches!(cx.people.before(doc, doc.token_at(h.start), 5), Some((_, Who::Adult))))
}

/// "Shanice told her form tutor that … \"under my clothes\"": the quotation is
/// what another adult heard.
fn quote_said_to_someone_else(cx: &Cx<'_>, start: usize) -> bool {
    let doc = cx.doc;
    let sentence = doc.sentences[doc.sentence_of(start.saturating_sub(1))];
    doc.hits_between(List::Voice, sentence.start, start)
        .rfind(|h| doc.entry(h).value == "speech" && h.end <= start && !doc.is_quoted(h.start))
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
        .filter(|h| matches!(doc.entry(h).value.as_str(), "speech" | "attribution"))
        .any(|h| matches!(cx.people.before(doc, doc.token_at(h.start), 5), Some((_, Who::Adult))) || doc.lower[h.start..h.end].starts_with("according"))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::test::{assert_clean, assert_flags, check, check_with};

    fn present(text: &str) -> bool {
        check(text).child_voice.present
    }

    #[test]
    fn examples_behave() {
        assert_flags("missing-child-voice", RULE.meta.flagged, &[""]);
        assert_clean("missing-child-voice", RULE.meta.better);
    }

    #[test]
    fn the_childs_own_words_count() {
        assert!(present("Jayden said \"I miss my nan\"."));
        assert!(present("\u{201c}I don't like it when dad shouts,\u{201d} he told me."));
        assert!(present("Amira told me she wants to stay at her school."));
        assert!(present("When I asked Kacper about home, he said he feels scared when mum drinks."));
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
        assert!(report.child_voice.present);
        for young in ["Theo (2)", "Theo (0)", "Theo (aged 1)", "Theo (age 2)", "Theo (a 2-year-old)"] {
            assert!(present(&format!("{young} smiled at me and reached for mum when I spoke.")), "{young}");
        }
        for older in ["Theo (12)", "Theo (aged 12)", "Theo (a 12 year old)", "Theo (see page 1)"] {
            assert!(!present(&format!("{older} smiled at me and reached for mum when I spoke.")), "{older}");
        }
    }
}
