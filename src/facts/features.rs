//! What the sentence models see: each sentence as a set of hashed features —
//! its words and word pairs, the cue families of the word lists (with who is
//! speaking or deciding), who the quotations belong to and how the writer
//! has them, what the rules found, and facts about the whole note (a baby, a
//! letter to the child, what its opening says it records). Both models read
//! the same features with their own weights.
//!
//! The same code makes the training rows (`Checker::sentence_features`), so
//! a model is trained on exactly what it sees when it runs.
//!
//! This runs on every keystroke, so each word is hashed once (FNV-1a over its
//! bytes) and every feature built from it is that hash mixed with a constant
//! for the feature's kind; only the sentences that count as evidence are
//! read again, to find the cue that explains them.

use super::{Cx, Range};
use crate::ids::CueKind;
use crate::lexicon::{Class, List, OpinionClass, VoiceClass};
use crate::people::Who;

/// Which judgement a model makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Detector {
    /// The writer's professional opinion.
    Opinion = 0,
    /// The child's voice.
    Voice = 1,
    /// The deadline category of the event the note records.
    Category = 2,
}

/// How many bits of a feature's hash pick its bucket: 16,384 buckets.
pub(crate) const BITS: u32 = 14;

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
    /// Which sentences are headings ("Analysis:", "What are we worried about?").
    pub headings: Vec<bool>,
}

/// A short line ending in a colon or question mark heads what follows.
pub(crate) fn is_heading(doc: &crate::document::Document<'_>, sentence: usize) -> bool {
    let h = doc.sentences[sentence];
    h.end_token - h.first_token <= 6 && doc.norm[h.start..h.end].trim_end().ends_with([':', '?'])
}

/// Which buckets a sentence already has, so each goes in once. Cleared
/// after each sentence by the buckets it set (cheaper than sorting them).
pub(crate) struct Seen(Vec<u64>);

impl Seen {
    pub fn new() -> Seen {
        Seen(vec![0; (1 << BITS) / 64])
    }

    /// Marks a bucket seen; true the first time.
    pub fn insert(&mut self, b: u32) -> bool {
        let (word, bit) = ((b / 64) as usize, 1u64 << (b % 64));
        let first = self.0[word] & bit == 0;
        self.0[word] |= bit;
        first
    }
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

/// FNV-1a over bytes: the same on every platform (the WebAssembly build's
/// `usize` is 32 bits, so a hasher keyed on `usize` would not do).
pub(super) const fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// Two hashes made one, order mattering.
const fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The bucket of a feature's hash: its top bits after a final multiply.
pub(super) const fn bucket(h: u64) -> u32 {
    (h.wrapping_mul(0xd6e8_feb8_6659_fd93) >> (64 - BITS)) as u32
}

/// A feature's hash: its kind's hash and its values', mixed in order.
pub(super) fn named(kind: u64, values: &[&[u8]]) -> u64 {
    values.iter().fold(mix(0, kind), |h, value| mix(h, fnv(value)))
}

const WORD: u64 = fnv(b"w");
const BIAS: u64 = fnv(b"bias");
const NOTE: u64 = fnv(b"note");
const SOURCE: u64 = fnv(b"source");
const LEN: u64 = fnv(b"len");
const PERSON: u64 = fnv(b"person");
const SUBJECT: u64 = fnv(b"subject");
const PREVIOUS_SUBJECT: u64 = fnv(b"previous-subject");
const LABEL: u64 = fnv(b"label");
const LABEL_SPEAKER: u64 = fnv(b"label-speaker");
const AFTER_HEADING: u64 = fnv(b"after-heading");
const UNDER: u64 = fnv(b"under");
const CUE: u64 = fnv(b"cue");
const QUOTE: u64 = fnv(b"quote");
const QUOTE_SHAPE: u64 = fnv(b"quote-shape");
const RULE: u64 = fnv(b"rule");
const QUOTED_WORD: u64 = fnv(b"q");
const PAIR: u64 = fnv(b"pair");
const QUOTED_PAIR: u64 = fnv(b"quoted pair");
const FIRST: u64 = fnv(b"first");

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

/// Where a feature came from, when it can explain a judgement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Source {
    /// Words of the sentence.
    Words(Range),
    /// A word-list cue.
    Cue(Range, Class),
    /// A quotation of the child.
    ChildsWords(Range),
    /// A heading above or a label.
    Heading(Range),
}

impl Source {
    /// The cue it shows to a detector, if any.
    pub fn cue(self, detector: Detector) -> Option<(Range, CueKind)> {
        match self {
            Source::Words(r) => Some((r, CueKind::Wording)),
            Source::Cue(r, class) => cue_of(class, detector).map(|c| (r, c)),
            Source::ChildsWords(r) => (detector == Detector::Voice).then_some((r, CueKind::ChildsWords)),
            Source::Heading(r) => Some((r, CueKind::Heading)),
        }
    }
}

/// The features of one sentence: its buckets, in order, each once; and, when
/// `sources` is given, what each feature came from (for explaining).
pub(crate) fn sentence(cx: &Cx<'_>, note: &NoteSignals, seen_buckets: &mut Seen, index: usize, mut sources: Option<&mut Vec<(u32, Source)>>) -> Vec<u32> {
    let doc = cx.doc;
    let s = doc.sentences[index];
    let mut out: Vec<u32> = Vec::with_capacity(6 * (s.end_token - s.first_token) + 48);
    let mut add = |h: u64, source: Option<Source>| {
        let b = bucket(h);
        // One feature per bucket: the models read presence, not counts.
        if seen_buckets.insert(b) {
            out.push(b);
        }
        if let (Some(sources), Some(source)) = (sources.as_deref_mut(), source) {
            sources.push((b, source));
        }
    };
    let young: &[u8] = if note.young_child { b"young" } else { b"older" };
    let letter: &[u8] = if note.letter_to_child { b"letter" } else { b"record" };
    add(named(BIAS, &[]), None);
    add(named(NOTE, &[young]), None);
    add(named(NOTE, &[letter]), None);
    let presence: &[u8] = match (note.child_absent, note.child_seen) {
        (true, false) => b"child-absent",
        (false, true) => b"child-seen",
        (true, true) => b"child-both",
        (false, false) => b"child-unsaid",
    };
    add(named(NOTE, &[presence]), None);
    add(named(SOURCE, &[note.source]), None);
    let length: &[u8] = match s.end_token - s.first_token {
        0..=3 => b"1-3",
        4..=8 => b"4-8",
        9..=20 => b"9-20",
        _ => b"21+",
    };
    add(named(LEN, &[length]), None);

    // Words and word pairs, quoted ones apart: a quotation is someone's words.
    let mut previous: Option<(u64, bool, usize)> = None;
    for t in s.first_token..s.end_token {
        let token = doc.tokens[t];
        let word = fnv(doc.word(t).as_bytes());
        let range = (token.start, token.end);
        add(mix(if token.quoted { QUOTED_WORD } else { WORD }, word), Some(Source::Words(range)));
        if t == s.first_token {
            add(mix(FIRST, word), Some(Source::Words(range)));
        }
        if let Some((prev, prev_quoted, prev_start)) = previous.filter(|p| p.1 == token.quoted) {
            add(mix(mix(if prev_quoted { QUOTED_PAIR } else { PAIR }, prev), word), Some(Source::Words((prev_start, token.end))));
        }
        previous = Some((word, token.quoted, token.start));
    }

    // People: who is in the sentence, who comes first (its subject, usually),
    // who the sentence before was about, and a speaker's label.
    let mut seen = [false; 4];
    let (mut child, mut adult) = (false, false);
    for &(t, who) in cx.people.between(s.first_token, s.end_token) {
        let slot = who as usize;
        if !seen[slot] {
            seen[slot] = true;
            add(named(PERSON, &[who_name(Some(who))]), None);
        }
        if !doc.tokens[t].quoted {
            child |= who == Who::Child;
            adult |= who == Who::Adult;
        }
    }
    add(named(SUBJECT, &[who_name(cx.people.first_in(doc, index))]), None);
    if let Some(who) = index.checked_sub(1).and_then(|before| cx.people.first_in(doc, before)) {
        add(named(PREVIOUS_SUBJECT, &[who_name(Some(who))]), None);
    }
    // A label before a colon opening the sentence: "Reasons:", "Chair's
    // view:", or a speaker in a transcript ("T: can u tell school").
    if let Some(colon) = doc.norm[s.start..s.end].find(':') {
        let label = doc.lower[s.start..s.start + colon].trim();
        if !label.is_empty() && label.split(' ').count() <= 4 {
            let range = (s.start, s.start + colon);
            add(named(LABEL, &[label.as_bytes()]), Some(Source::Heading(range)));
            let speaker =
                cx.people.between(s.first_token, s.end_token).iter().take_while(|&&(t, _)| doc.tokens[t].start < s.start + colon).map(|&(_, w)| w).next();
            add(named(LABEL_SPEAKER, &[who_name(speaker)]), None);
        }
    }
    // The nearest heading above ("Analysis:", "What are we worried about?"):
    // what the sentence is written under.
    if let Some(heading) = (index.saturating_sub(8)..index).rev().find(|&i| note.headings[i]) {
        let h = doc.sentences[heading];
        add(named(AFTER_HEADING, &[]), None);
        let span = doc.sentence_span(heading);
        for t in h.first_token..h.end_token {
            add(mix(named(UNDER, &[]), fnv(doc.word(t).as_bytes())), Some(Source::Heading(span)));
        }
    }

    // Cue families of both lists, with who is doing the cue.
    for list in [List::Opinion, List::Voice] {
        for hit in doc.hits_between(list, s.start, s.end) {
            let class = doc.entry(hit).class;
            let name: &[u8] = match class {
                Class::Opinion(c) => c.id().as_bytes(),
                Class::Voice(c) => c.id().as_bytes(),
                _ => continue,
            };
            let cue = Some(Source::Cue((hit.start, hit.end), class));
            let who = cx.people.before(doc, doc.token_at(hit.start), 6).map(|(_, who)| who);
            let quoted: &[u8] = if doc.is_quoted(hit.start) { b"quoted" } else { b"own" };
            let base = named(CUE, &[name]);
            add(base, cue);
            add(mix(base, fnv(quoted)), cue);
            add(mix(base, fnv(who_name(who))), cue);
            add(mix(base, fnv(young)), cue);
            add(mix(base, fnv(letter)), cue);
            add(mix(base, fnv(note.source)), cue);
            // "told me", "said to me": to the writer.
            let rest = doc.lower[hit.end..].trim_start();
            if rest.starts_with("me") || rest.starts_with("us") {
                add(mix(base, fnv(b"to-writer")), cue);
            }
        }
    }

    // Quotations in the sentence: by speaker, by how the writer has them, by
    // who else the sentence names, and by the shape of their words (a child
    // speaks of "my mum", "Miss", asks; a parent of "him", "the kids").
    let company: &[u8] = match (child, adult) {
        (true, false) => b"with-child",
        (false, true) => b"with-adult",
        (true, true) => b"with-both",
        (false, false) => b"with-nobody",
    };
    let first_quote = note.quotes.partition_point(|q| q.range.0 < s.start);
    for quote in note.quotes[first_quote..].iter().take_while(|q| q.range.0 < s.end) {
        let ((start, end), speaker) = (quote.range, quote.speaker);
        let child_said = (speaker == Some(Who::Child)).then_some(Source::ChildsWords((start, end)));
        let base = mix(named(QUOTE, &[]), fnv(who_name(speaker)));
        let hand: &[u8] = if quote.second_hand { b"second-hand" } else { b"first-hand" };
        add(base, child_said);
        add(mix(base, fnv(letter)), child_said);
        add(mix(base, fnv(presence)), child_said);
        add(mix(base, fnv(young)), child_said);
        add(mix(base, fnv(hand)), None);
        add(mix(base, fnv(note.source)), None);
        add(mix(base, fnv(company)), None);
        add(named(QUOTE, &[hand]), None);
        for shape in quote_shapes(&doc.lower[start..end]) {
            add(named(QUOTE_SHAPE, &[shape]), None);
            add(mix(named(QUOTE_SHAPE, &[shape]), fnv(who_name(speaker))), None);
        }
    }

    // What the rules found.
    if note.opinion_rule[index] {
        add(named(RULE, &[b"opinion"]), None);
    }
    if note.voice_rule[index] {
        add(named(RULE, &[b"voice"]), None);
        add(named(RULE, &[b"voice", young]), None);
    }
    for &b in &out {
        seen_buckets.0[(b / 64) as usize] = 0;
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_fixed_values_on_every_platform() {
        // A change of hash would silently break the shipped weights; these
        // fixed values make it fail here (and the wasm tests compare reports).
        assert_eq!(fnv(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(bucket(mix(WORD, fnv(b"might"))), bucket(mix(fnv(b"w"), fnv(b"might"))));
        assert_ne!(bucket(mix(WORD, fnv(b"might"))), bucket(mix(QUOTED_WORD, fnv(b"might"))));
        assert!(bucket(u64::MAX) < 1 << BITS);
    }
}
