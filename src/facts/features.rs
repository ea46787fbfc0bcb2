//! What the sentence models see: each sentence as a set of hashed features —
//! its words and word pairs, the cue families of the word lists (with who is
//! speaking or deciding), who the quotations belong to, what the rules found,
//! and facts about the whole note (a baby, a letter to the child). Each
//! feature keeps the words it came from, so a judgement can show the cue
//! that led to it.
//!
//! The same code makes the training rows (`Checker::sentence_features`), so
//! the model is trained on exactly what it sees when it runs.

use std::hash::Hasher;

use fnv::FnvHasher;

use super::{Cx, Range};
use crate::ids::CueKind;
use crate::lexicon::{Class, OpinionClass, VoiceClass};
use crate::people::Who;

/// Which judgement a model makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Detector {
    /// The writer's professional opinion.
    Opinion,
    /// The child's voice.
    Voice,
}

/// One feature of a sentence: its bucket, and the words it came from with the
/// cue they show, when it can explain a judgement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Feature {
    pub bucket: u32,
    pub source: Option<(Range, CueKind)>,
}

/// What the whole note says that each sentence's features take in.
pub(crate) struct NoteSignals {
    /// A baby or a child who does not speak.
    pub young_child: bool,
    /// Written to the child ("Dear Ava, …", "you told me").
    pub letter_to_child: bool,
    /// Sentences the opinion rule counts.
    pub opinion_rule: Vec<bool>,
    /// Sentences the voice rule counts.
    pub voice_rule: Vec<bool>,
    /// Each quotation, with its speaker.
    pub quotes: Vec<super::voice::Quote>,
    /// The note says the child was asleep, out or not seen.
    pub child_absent: bool,
    /// The note says the child was seen (or seen alone).
    pub child_seen: bool,
    /// What the note's opening says it records: a report from someone else
    /// (a call, an email, supervision, a meeting) or the writer's own time
    /// with the family (a visit, a session, an observation).
    pub source: &'static [u8],
}

/// What a note's opening says it records, from its first two sentences.
pub(crate) fn source_of(opening: &str) -> &'static [u8] {
    const REPORT: &[&str] = &[
        " rang",
        "call from",
        "tel call",
        "telephone",
        "phone call",
        "phoned",
        "email",
        "e-mail",
        "spoke with",
        "spoke to",
        "text from",
        "supervision",
        "minutes",
        "strategy",
        "meeting",
        "referral",
        "message from",
        "said that",
    ];
    const OWN: &[&str] = &["visit", "session", "direct work", "saw ", "observation", "observed", "met ", "seen ", "dear "];
    let report = REPORT.iter().any(|w| opening.contains(w));
    let own = OWN.iter().any(|w| opening.contains(w));
    match (report, own) {
        (true, false) => b"report",
        (false, true) => b"own",
        (true, true) => b"mixed",
        (false, false) => b"unsaid",
    }
}

/// How many bits of a feature's hash pick its bucket: 16,384 buckets, each
/// model's weights a byte each before the zeros are dropped.
pub(crate) const BITS: u32 = 14;

/// Hashes features into `2^bits` buckets with FNV-1a: the same buckets on
/// every platform (the WebAssembly build's `usize` is 32 bits, so a hasher
/// keyed on `usize` would not do).
pub(crate) struct Hashing {
    pub bits: u32,
}

impl Hashing {
    fn bucket(&self, parts: &[&[u8]]) -> u32 {
        let mut h = FnvHasher::default();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                h.write(&[0x1f]);
            }
            h.write(part);
        }
        (h.finish() & ((1u64 << self.bits) - 1)) as u32
    }
}

/// The label of a person for feature names.
fn who_name(who: Option<Who>) -> &'static [u8] {
    match who {
        Some(Who::Worker) => b"worker",
        Some(Who::Child) => b"child",
        Some(Who::Adult) => b"adult",
        Some(Who::Unknown) => b"unknown",
        None => b"none",
    }
}

/// The cue a list class shows, for explanations.
fn cue_of(class: Class, detector: Detector) -> Option<CueKind> {
    Some(match (detector, class) {
        (Detector::Opinion, Class::Opinion(c)) => match c {
            OpinionClass::Frame | OpinionClass::Weak => CueKind::YourView,
            OpinionClass::Hedge => CueKind::HedgedAnalysis,
            OpinionClass::Analysis | OpinionClass::Judgement => CueKind::Analysis,
            OpinionClass::Connective => CueKind::Reasoning,
            OpinionClass::Risk => CueKind::NeedAndRisk,
            OpinionClass::Recommend => CueKind::Recommendation,
            OpinionClass::Decision => CueKind::Decision,
            OpinionClass::Worry => CueKind::Worry,
            OpinionClass::Heading => CueKind::Heading,
            OpinionClass::Attribution => return None,
        },
        (Detector::Voice, Class::Voice(c)) => match c {
            VoiceClass::Speech => CueKind::ToldYou,
            VoiceClass::Wish | VoiceClass::Feeling => CueKind::WishesAndFeelings,
            VoiceClass::Observe | VoiceClass::Perception => CueKind::WhatYouSaw,
            VoiceClass::Address => CueKind::WrittenToTheChild,
            VoiceClass::Method => CueKind::DirectWork,
            VoiceClass::Young | VoiceClass::Absent => return None,
        },
        _ => return None,
    })
}

/// Coarse shapes of a quotation's words that say something of its speaker.
fn quote_shapes(words: &str) -> Vec<&'static [u8]> {
    let has = |list: &[&str]| words.split(|c: char| !c.is_alphanumeric() && c != '\'').any(|w| list.contains(&w));
    let mut shapes: Vec<&'static [u8]> = Vec::new();
    if has(&["i", "i'm", "im", "me", "my", "i've", "i'll", "i'd", "mine"]) {
        shapes.push(b"first-person");
    }
    if has(&["mum", "mummy", "mam", "mom", "mommy", "mama", "dad", "daddy", "papa", "nan", "nana", "nanna", "nanny", "grandad", "grandma", "miss", "sir"]) {
        shapes.push(b"kin");
    }
    if has(&["he", "she", "him", "her", "he's", "she's", "kids", "children", "son", "daughter", "baby"]) {
        shapes.push(b"third-person");
    }
    if has(&["you", "you're", "your", "u", "ur"]) {
        shapes.push(b"second-person");
    }
    if words.trim_end().ends_with('?') {
        shapes.push(b"question");
    }
    if words.split_whitespace().count() <= 3 {
        shapes.push(b"short");
    }
    shapes
}

/// The features of one sentence for one detector.
pub(crate) fn sentence(cx: &Cx<'_>, note: &NoteSignals, hashing: &Hashing, detector: Detector, index: usize) -> Vec<Feature> {
    let doc = cx.doc;
    let s = doc.sentences[index];
    let mut out: Vec<Feature> = Vec::with_capacity(64);
    let mut push = |parts: &[&[u8]], source: Option<(Range, CueKind)>| out.push(Feature { bucket: hashing.bucket(parts), source });
    push(&[b"bias"], None);
    let young: &[u8] = if note.young_child { b"young" } else { b"older" };
    let letter: &[u8] = if note.letter_to_child { b"letter" } else { b"record" };
    push(&[b"note", young], None);
    push(&[b"note", letter], None);

    // Words and word pairs, quoted ones apart: a quotation is someone's words.
    let words = s.end_token - s.first_token;
    let length: &[u8] = match words {
        0..=3 => b"1-3",
        4..=8 => b"4-8",
        9..=20 => b"9-20",
        _ => b"21+",
    };
    push(&[b"len", length], None);
    let mut previous: Option<(&str, bool, usize)> = None;
    for t in s.first_token..s.end_token {
        let token = doc.tokens[t];
        let word = doc.word(t);
        let range = (token.start, token.end);
        let kind: &[u8] = if token.quoted { b"q" } else { b"w" };
        push(&[kind, word.as_bytes()], Some((range, CueKind::Wording)));
        if t == s.first_token {
            push(&[b"first", word.as_bytes()], Some((range, CueKind::Wording)));
        }
        if let Some((prev, prev_quoted, prev_start)) = previous {
            if prev_quoted == token.quoted {
                push(&[kind, prev.as_bytes(), word.as_bytes()], Some(((prev_start, token.end), CueKind::Wording)));
            }
        }
        previous = Some((word, token.quoted, token.start));
    }
    // A label before a colon opening the sentence: "Reasons:", "Chair's
    // view:", or a speaker in a transcript ("T: can u tell school").
    if let Some(colon) = doc.norm[s.start..s.end].find(':') {
        let label = doc.lower[s.start..s.start + colon].trim();
        if !label.is_empty() && label.split(' ').count() <= 4 {
            push(&[b"label", label.as_bytes()], Some(((s.start, s.start + colon), CueKind::Heading)));
            let speaker = (s.first_token..s.end_token).take_while(|&t| doc.tokens[t].start < s.start + colon).find_map(|t| cx.people.at(t));
            push(&[b"label-speaker", who_name(speaker)], None);
        }
    }
    // The nearest heading above ("Analysis:", "What are we worried about?"):
    // what the sentence is written under.
    if let Some(heading) = (0..index).rev().take(8).find(|&i| {
        let h = doc.sentences[i];
        h.end_token - h.first_token <= 6 && doc.norm[h.start..h.end].trim_end().ends_with([':', '?'])
    }) {
        let h = doc.sentences[heading];
        push(&[b"after-heading"], None);
        for t in h.first_token..h.end_token {
            push(&[b"under", doc.word(t).as_bytes()], Some((doc.sentence_span(heading), CueKind::Heading)));
        }
    }

    // Cue families, with who is doing the cue.
    let list = match detector {
        Detector::Opinion => crate::lexicon::List::Opinion,
        Detector::Voice => crate::lexicon::List::Voice,
    };
    let whom = |start: usize| cx.people.before(doc, doc.token_at(start), 6).map(|(_, who)| who);
    for hit in doc.hits_between(list, s.start, s.end) {
        let class = doc.entry(hit).class;
        let name: &[u8] = match class {
            Class::Opinion(c) => c.id().as_bytes(),
            Class::Voice(c) => c.id().as_bytes(),
            _ => continue,
        };
        let quoted: &[u8] = if doc.is_quoted(hit.start) { b"quoted" } else { b"own" };
        let cue = cue_of(class, detector).map(|c| ((hit.start, hit.end), c));
        push(&[b"cue", name], cue);
        push(&[b"cue", name, quoted], cue);
        push(&[b"cue", name, who_name(whom(hit.start))], cue);
        push(&[b"cue", name, young], cue);
        push(&[b"cue", name, letter], cue);
        push(&[b"cue", name, note.source], cue);
        // "told me", "said to me": to the writer.
        let to_writer = doc.lower[hit.end..].trim_start().starts_with("me") || doc.lower[hit.end..].trim_start().starts_with("us");
        if to_writer {
            push(&[b"cue", name, b"to-writer"], cue);
        }
    }
    // The other list's cues matter too: a report verb in an opinion, a
    // worry word beside the child's words.
    let other = match detector {
        Detector::Opinion => crate::lexicon::List::Voice,
        Detector::Voice => crate::lexicon::List::Opinion,
    };
    for hit in doc.hits_between(other, s.start, s.end) {
        let name: &[u8] = match doc.entry(hit).class {
            Class::Opinion(c) => c.id().as_bytes(),
            Class::Voice(c) => c.id().as_bytes(),
            _ => continue,
        };
        push(&[b"other-cue", name, who_name(whom(hit.start))], None);
    }

    // Who is in the sentence, and who comes first (its subject, usually).
    let mut seen = [false; 4];
    for t in s.first_token..s.end_token {
        if let Some(who) = cx.people.at(t) {
            let slot = match who {
                Who::Worker => 0,
                Who::Child => 1,
                Who::Adult => 2,
                Who::Unknown => 3,
            };
            if !seen[slot] {
                seen[slot] = true;
                push(&[b"person", who_name(Some(who))], None);
            }
        }
    }
    push(&[b"subject", who_name(cx.people.first_in(doc, index))], None);
    // Who the sentence before was about, when it was about someone: a
    // sentence without a person of its own often goes on about them.
    if let Some(who) = index.checked_sub(1).and_then(|before| cx.people.first_in(doc, before)) {
        push(&[b"previous-subject", who_name(Some(who))], None);
    }
    let presence: &[u8] = match (note.child_absent, note.child_seen) {
        (true, false) => b"child-absent",
        (false, true) => b"child-seen",
        (true, true) => b"child-both",
        (false, false) => b"child-unsaid",
    };
    push(&[b"note", presence], None);
    push(&[b"source", note.source], None);

    // Quotations in the sentence, by speaker and by the shape of their words:
    // a child speaks of "my mum", "Miss", asks; a parent of "him", "the kids".
    let mut others: [bool; 2] = [false; 2];
    for t in s.first_token..s.end_token {
        match cx.people.at(t) {
            Some(Who::Child) if !doc.tokens[t].quoted => others[0] = true,
            Some(Who::Adult) if !doc.tokens[t].quoted => others[1] = true,
            _ => {}
        }
    }
    let company: &[u8] = match others {
        [true, false] => b"with-child",
        [false, true] => b"with-adult",
        [true, true] => b"with-both",
        [false, false] => b"with-nobody",
    };
    for quote in &note.quotes {
        let ((start, end), speaker) = (quote.range, quote.speaker);
        if start >= s.start && start < s.end {
            let hand: &[u8] = if quote.second_hand { b"second-hand" } else { b"first-hand" };
            push(&[b"quote", hand], None);
            push(&[b"quote", who_name(speaker), hand], None);
            push(&[b"quote", who_name(speaker), note.source], None);
            push(&[b"quote", who_name(speaker), company], None);
            for shape in quote_shapes(&doc.lower[start..end]) {
                push(&[b"quote-shape", shape], None);
                push(&[b"quote-shape", shape, who_name(speaker)], None);
            }
            let cue = (speaker == Some(Who::Child)).then_some(((start, end), CueKind::ChildsWords));
            push(&[b"quote", who_name(speaker)], cue);
            push(&[b"quote", who_name(speaker), letter], cue);
            push(&[b"quote", who_name(speaker), presence], cue);
            push(&[b"quote", who_name(speaker), young], cue);
        }
    }

    // What the rules found.
    let rule_found = match detector {
        Detector::Opinion => note.opinion_rule[index],
        Detector::Voice => note.voice_rule[index],
    };
    if rule_found {
        // Not an explanation of its own: the cues the rule read are features too.
        push(&[b"rule"], None);
        push(&[b"rule", young], None);
    }
    out.sort_by_key(|f| f.bucket);
    // One feature per bucket: the model reads presence, not counts. The first
    // of a bucket with an explanation keeps it.
    out.dedup_by(|later, first| {
        if later.bucket != first.bucket {
            return false;
        }
        if first.source.is_none() {
            first.source = later.source;
        }
        true
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_the_same_on_every_platform() {
        // FNV-1a over the parts with a 0x1f separator, masked: fixed values,
        // so a change of hash (which would silently break the shipped
        // weights) fails here.
        let h = Hashing { bits: 14 };
        assert_eq!(h.bucket(&[b"bias"]), h.bucket(&[b"bias"]));
        assert_ne!(h.bucket(&[b"w", b"ab"]), h.bucket(&[b"w", b"a", b"b"]));
        let mut fnv = FnvHasher::default();
        fnv.write(b"w\x1fmight");
        assert_eq!(h.bucket(&[b"w", b"might"]), (fnv.finish() & 0x3fff) as u32);
        assert_eq!(FnvHasher::default().finish(), 0xcbf2_9ce4_8422_2325);
    }
}
