//! The recording deadline: the category of the event the note records, the
//! time it is due under the policy's timescales, and whether it was met.
//!
//! The category belongs to the event this note records — what happened at
//! `event_at` — not to every event it mentions:
//! - only what happens at the event counts: a sentence placed on another day
//!   (see `timeline`: "following the strategy meeting on 30 March", "on 29
//!   January nursery saw a bruise") is background, and a cue beside a plan,
//!   risk or history word is no event ("will visit", "risk of injury",
//!   "strategy discussion to be arranged");
//! - a cue counts in the sense it has there: tablets taken, not prescribed;
//!   "missing the bus" and "last seen at 16:00" are neither a missing child
//!   nor a visit (the word lists' `not_after`/`not_before` options);
//! - the opening names the record: a strategy discussion or an S.47 visit or
//!   interview is that, even when its subject is an injury or a disclosure; a
//!   chronology, supervision, statement (see `record`) or guidance example is
//!   a record of other events, so `other`; a session, a call or a health
//!   visit is no statutory visit unless it names one ("Direct work during CP
//!   visit");
//! - the strictest of what is left and the form's `event` wins, and the
//!   evidence is the words that decided it.
//!
//! Those rules read cues the word lists name. Other writers describe events
//! in words no list has, so a learned model decides (see `model`): a
//! multinomial logistic regression over the rules' cues — each with where it
//! stands and what rules it out — the opening's words, the words at the event
//! and the rules' own verdict, trained on the labelled corpus. On writers it
//! was not trained on it is right more often than the rules alone (0.92
//! against 0.88 on three new writers before they joined the training notes).
//! The rules still decide a fragment of one or two sentences.

use chrono::{Duration, NaiveDateTime};

use super::model::CategoryModel;
use super::{record, spans, timeline, Cx, Deadline, Range};
use crate::document::Document;
use crate::ids::{Category, TimeSource};
use crate::lexicon::{Class, DeadlineCue, Hit, List, Tag};
use crate::policy::{Policy, Timescale};

const HEDGE: Class = Class::Deadline(DeadlineCue::Hedge);

/// Words that name the status that makes a visit statutory: a child in need,
/// on a plan or in care. A visit cue with one ("CIN visit") holds even in a
/// record that is otherwise no visit ("Direct work during CP visit").
const STATUS: &[&str] = &["statutory", "stat", "sv", "cin", "cp", "cla", "lac", "child in need", "child protection", "looked after", "pre birth"];

/// Words that name the S.47 work itself — a strategy discussion, an S.47
/// joint visit or interview, an enquiry — rather than a significant event.
/// A note whose opening names one records that work, whatever its subject.
const PROCEDURE: &[&str] = &[
    "strategy",
    "strat",
    "s47",
    "section 47",
    "joint",
    "abe",
    "achieving best evidence",
    "enquiry",
    "enquiries",
    "conference",
    "interview",
    "medical",
    "police",
    "dc",
    "ds",
    "pc",
    "detective",
];

/// How many words of the opening name the record: a title, or the start of
/// a first sentence ("Tel call from mum", "Direct work as part of CIN visit"),
/// not what a long first sentence goes on to say.
const OPENING_WORDS: usize = 12;
/// A record that is no visit says so at its very start: "Tel call from
/// mum", "Life story session 3", not "I met him there with an interpreter
/// by phone".
const KIND_WORDS: usize = 6;

/// A note of at most this many sentences is a fragment (see `Reading::decide`).
const FRAGMENT_SENTENCES: usize = 2;

/// Words that are an overdose only when taken: "took the tablets", not
/// "started tablets for her mood".
const MEDICINES: &[&str] = &["tablets", "pills", "paracetamol", "co codamol", "codeine", "ibuprofen", "painkillers"];
const TAKING: &[&str] = &["took", "taken", "swallowed", "into", "ingested", "overdosed"];

/// Words just after a cue that make it a plan or another day's event:
/// "strategy discussion to be arranged", "overdose last week".
const AFTER_HEDGES: &[&str] = &["requested", "planned", "arranged", "booked", "tomorrow", "tmrw", "ago", "next", "will", "would", "should", "must", "could"];
const AFTER_HEDGE_PAIRS: &[(&str, &str)] = &[("to", "be"), ("last", "week"), ("last", "month"), ("last", "year"), ("last", "time")];

/// What a cue at the event says.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Says {
    /// An event of this category.
    Event(Category),
    /// A record of other events ("Chronology", "Supervision"): `other`.
    Record,
    /// A record that is no statutory visit ("Direct work", "Tel call").
    NotStatutory,
}

/// A cue of the deadline list, with where it stands and what rules it out.
struct Cue<'a> {
    says: Says,
    span: Range,
    sentence: usize,
    /// How far into its sentence it starts, in words (numbers aside).
    at_word: usize,
    /// A visit cue that names the child's status, or an S.47 cue that names
    /// the procedure.
    named: bool,
    /// What rules it out as this note's event, if anything.
    ruled_out: Option<RuledOut>,
    /// The list entry's term.
    term: &'a str,
}

/// Why a cue does not count as the event this note records.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RuledOut {
    /// Its sentence, or its own clause, is placed on another day.
    AnotherDay,
    /// A plan, risk or history word beside it: "risk of injury", "will visit".
    Hedged,
    /// Medicines not taken: "started tablets".
    NotTaken,
    /// A harm in a list that a negation opens: "no marks or injuries seen".
    Negated,
}

/// Every deadline cue of a note, with what rules each out.
struct Cues<'a> {
    cues: Vec<Cue<'a>>,
    /// The sentence that opens the note (0, or 1 when the first names nothing).
    opening: usize,
}

impl<'a> Cues<'a> {
    fn read(cx: &Cx<'a>, sentences: &[spans::Span], timeline: &timeline::Timeline) -> Cues<'a> {
        let doc = cx.doc;
        let at_event = &timeline.at_event;
        let sentence_of = |hit: &Hit| spans::of_token(sentences, doc.token_at(hit.start));
        let hedges: Vec<(usize, usize)> =
            doc.hits_in(List::Deadline).filter(|h| doc.entry(h).class == HEDGE).map(|h| (doc.token_at(h.start), sentence_of(h))).collect();
        let mut cues: Vec<Cue<'a>> = Vec::new();
        // Terse notes start with the verb: "Saw Keeley at…", "Met Dominika…",
        // "Visit to placement." (after a greeting or a bare heading, if any).
        let starts = sentences.iter().take(2).enumerate().take_while(|&(i, _)| i == 0 || sentences[0].end_token - sentences[0].first_token <= 3);
        for (i, s) in starts {
            let t = s.first_token;
            if matches!(doc.word(t), "saw" | "met" | "visited" | "visit") && at_event[i] && !hedged(doc, &hedges, (t, t + 1), i) {
                cues.push(Cue {
                    says: Says::Event(Category::StatutoryVisit),
                    span: (doc.tokens[t].start, doc.tokens[t].end),
                    sentence: i,
                    at_word: 0,
                    named: false,
                    ruled_out: None,
                    term: "(terse visit)",
                });
                break;
            }
        }
        for hit in doc.hits_in(List::Deadline) {
            let entry = doc.entry(hit);
            let sentence = sentence_of(hit);
            let says = match entry.class {
                Class::Deadline(DeadlineCue::Category(Category::Other)) => Says::Record,
                Class::Deadline(DeadlineCue::Category(c)) => Says::Event(c),
                Class::Deadline(DeadlineCue::NotStatutory) => Says::NotStatutory,
                _ => continue,
            };
            let token = doc.token_at(hit.start);
            // A title names the record even when its sentence goes on to name
            // another day: "S47 home visit – dad seen re what Ada told school on 1 July".
            let title = sentence == 0 && token - sentences[0].first_token < KIND_WORDS && !timeline.names_another_time(sentences[0].first_token..token);
            let ruled_out = if !(title || at_event.get(sentence).copied().unwrap_or(false)) || dated_elsewhere(doc, timeline, doc.token_at(hit.end)) {
                // another day: the sentence's, or the cue's own ("arrested in Exeter on 10/06")
                Some(RuledOut::AnotherDay)
            } else if entry.tag == Some(Tag::Hedgeable) && hedged(doc, &hedges, (token, doc.token_at(hit.end)), sentence) {
                Some(RuledOut::Hedged) // "risk of injury", "will arrange a home visit"
            } else if entry.tag == Some(Tag::Hedgeable) && negated_list(doc, token) {
                Some(RuledOut::Negated) // "no marks or injuries seen"
            } else if MEDICINES.contains(&entry.term.as_str()) && !taken(doc, token, &sentences[sentence]) {
                Some(RuledOut::NotTaken) // "started tablets"
            } else {
                None
            };
            let named = match says {
                Says::Event(Category::StatutoryVisit) => names(STATUS, &entry.term),
                Says::Event(Category::S47StrategySignificant) => names(PROCEDURE, &entry.term),
                _ => false,
            };
            // Words, not numbers: "Visit Log – 07/02/2026 – Supervised visitation".
            // Only the first words of the first two sentences can be the opening.
            let at_word = if sentence < 2 && token - sentences[sentence].first_token < 4 * OPENING_WORDS {
                (sentences[sentence].first_token..token).filter(|&t| !doc.lower.as_bytes()[doc.tokens[t].start].is_ascii_digit()).count()
            } else {
                usize::MAX
            };
            cues.push(Cue { says, span: (hit.start, hit.end), sentence, at_word, named, ruled_out, term: entry.term.as_str() });
        }
        // The opening: the first sentence, or the second when the first names
        // nothing (a greeting, a log's date line).
        let opening = if cues.iter().any(|c| c.ruled_out.is_none() && c.sentence == 0 && c.at_word < OPENING_WORDS) { 0 } else { 1 };
        Cues { cues, opening }
    }

    fn in_opening(&self, c: &Cue<'_>) -> bool {
        c.sentence <= self.opening && c.at_word < OPENING_WORDS
    }

    /// The cues that count as the event this note records.
    fn counted(&self) -> impl Iterator<Item = &Cue<'a>> {
        self.cues.iter().filter(|c| c.ruled_out.is_none())
    }
}

/// The strictest of the text's category (the category model's, read with
/// the rules' cues) and the form's, its due time and status.
pub(super) fn find(cx: &Cx<'_>, model: &CategoryModel) -> Deadline {
    let (reading, event_at, event_at_source, when) = read(cx);
    let found = reading.decide(cx, model);
    let (category, evidence) = found.map_or((Category::Other, None), |(c, e, _)| (c, e));
    let mut candidates = vec![(category, evidence)];
    if let Some(event) = cx.ctx.event.filter(|&e| e != category) {
        candidates.push((event, None));
    }
    let (category, evidence) = candidates.into_iter().min_by_key(|&(c, _)| (event_at.map(|at| due(cx.policy, c, at)), c)).expect("at least one candidate");
    let due = event_at.map(|at| due(cx.policy, category, at));
    let overdue = due.zip(cx.ctx.recorded_at).map(|(due, recorded)| recorded > due);
    Deadline { category, evidence, event_at, event_at_source, when, due, overdue }
}

/// The category model's features for a note, as `find` computes them.
pub(super) fn training_features(cx: &Cx<'_>) -> Vec<u32> {
    let (reading, ..) = read(cx);
    reading.features(cx.doc)
}

/// The note's reading at its event time, with that time, its source and the
/// note's words for it.
fn read<'a>(cx: &Cx<'a>) -> (Reading<'a>, Option<NaiveDateTime>, Option<TimeSource>, Option<Range>) {
    let (mut event_at, mut event_at_source, when) = event_time(cx);
    let shape = Shape::of(cx.doc);
    let mut reading = Reading::new(cx, event_at, shape);
    if event_at_source == Some(TimeSource::Text) && (reading.rule.is_some_and(|f| f.2) || shape.dated_lines) {
        // A chronology, statement or supervision record records many events,
        // not one at its first date: no event time from its words.
        (event_at, event_at_source) = (None, None);
        reading = Reading::new(cx, None, shape);
    }
    (reading, event_at, event_at_source, when)
}

/// When the event happened, where that came from, and the note's own words
/// for it. The form's `event_at` wins; without it, the time the note's
/// opening gives (see `DateReader::event_time`), read from `recorded_at` or
/// the caller's clock. A day without a time of day counts from the end of
/// that day (or the reference time, if sooner), so the worker is never told
/// a note is late because the checker guessed the hour.
fn event_time(cx: &Cx<'_>) -> (Option<NaiveDateTime>, Option<TimeSource>, Option<Range>) {
    if let Some(at) = cx.ctx.event_at {
        // The note's words for when are read only when the form gives none.
        return (Some(at), Some(TimeSource::Form), None);
    }
    let doc = cx.doc;
    // Without a reference the note's words still show *whether* it says when
    // (for `visit-details`), but not which day "Monday" was.
    let reference = cx.ctx.reference_time();
    let read = cx.dates.get().event_time(doc.text, reference.unwrap_or(FAR_FUTURE));
    let when = read.map(|t| doc.norm_range(t.span.0, t.span.1));
    let at = reference.and(read).map(|t| {
        let at = if t.date_only { t.at.date().and_time(END_OF_DAY) } else { t.at };
        reference.map_or(at, |r| at.min(r))
    });
    (at, at.map(|_| TimeSource::Text), when)
}

/// A reference later than any note's event, for finding the note's words
/// for when without placing them in time.
const FAR_FUTURE: NaiveDateTime = match chrono::NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d.and_time(chrono::NaiveTime::MIN),
    None => panic!("9999-12-31 is a date"),
};

/// The end of a day, for a date the note gives without a time.
const END_OF_DAY: chrono::NaiveTime = match chrono::NaiveTime::from_hms_opt(23, 59, 0) {
    Some(t) => t,
    None => panic!("23:59 is a time"),
};

/// True for a line that starts with a numeric date: "14/01/2026 | MFH
/// episode", "02/09/2025 – SW visit", as a chronology or log's lines do.
fn starts_with_date(line: &str) -> bool {
    let b = line.trim_start().as_bytes();
    let digits = |from: usize| b[from.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    let day = digits(0);
    (1..=2).contains(&day) && matches!(b.get(day), Some(b'/' | b'.' | b'-')) && (1..=2).contains(&digits(day + 1))
}

/// How many lines start with a date (see `starts_with_date`).
fn dated_lines(text: &str) -> usize {
    text.lines().filter(|line| starts_with_date(line)).count()
}

/// What the text says of the event it records.
/// What the note's layout says of it, read once a check (the rules and the
/// category model both use it).
#[derive(Clone, Copy)]
struct Shape {
    /// Numbered paragraphs: a statement (see `record`).
    numbered: bool,
    /// Two or more lines start with a date: a chronology or a log.
    dated_lines: bool,
}

impl Shape {
    fn of(doc: &Document<'_>) -> Shape {
        Shape { numbered: record::numbered_paragraphs(doc), dated_lines: dated_lines(doc.text) >= 2 }
    }
}

struct Reading<'a> {
    shape: Shape,
    sentences: Vec<spans::Span>,
    timeline: timeline::Timeline,
    cues: Cues<'a>,
    /// What the rules decide: the category, the words that decided it and
    /// whether the text is a record of other events (a chronology, a
    /// statement); `None` when the text names no event of any category.
    rule: Option<(Category, Option<Range>, bool)>,
}

impl<'a> Reading<'a> {
    fn new(cx: &Cx<'a>, event_at: Option<NaiveDateTime>, shape: Shape) -> Reading<'a> {
        let doc = cx.doc;
        let sentences = spans::sentences(doc);
        let timeline = timeline::read(doc, &sentences, event_at.map(|t| t.date()));
        let cues = Cues::read(cx, &sentences, &timeline);
        let rule = rule_category(cx, &cues, shape, event_at);
        Reading { shape, sentences, timeline, cues, rule }
    }

    fn features(&self, doc: &Document<'_>) -> Vec<u32> {
        category_features(doc, self)
    }

    /// The model's category, with the words that show it: the rules'
    /// evidence when they agree, else the first cue that counts for it.
    ///
    /// A fragment of one or two sentences ("Aisha said she had taken an
    /// overdose at 10pm.") gives the model little beyond its prior — most
    /// notes record no strict event — while the rules read the cues it has,
    /// so there the rules decide when they find an event. Measured leaving
    /// one writer out, this guard changes no held-out note's category.
    fn decide(&self, cx: &Cx<'_>, model: &CategoryModel) -> Option<(Category, Option<Range>, bool)> {
        if self.sentences.len() <= FRAGMENT_SENTENCES && self.rule.is_some() {
            return self.rule;
        }
        let category = model.category(&self.features(cx.doc));
        let record = self.rule.is_some_and(|r| r.2);
        if let Some(rule) = self.rule.filter(|r| r.0 == category) {
            return Some(rule);
        }
        let evidence = self.cues.counted().find(|c| match c.says {
            Says::Event(c) => c == category,
            Says::Record => category == Category::Other && self.cues.in_opening(c),
            Says::NotStatutory => false,
        });
        Some((category, evidence.map(|c| c.span), record))
    }
}

/// The category of the event the text records by the rules, with the words
/// that decided it and whether the text is a record of other events.
fn rule_category(cx: &Cx<'_>, cues: &Cues<'_>, shape: Shape, event_at: Option<NaiveDateTime>) -> Option<(Category, Option<Range>, bool)> {
    if let Some(cue) = cues.counted().find(|c| cues.in_opening(c) && c.at_word < KIND_WORDS && c.says == Says::Record) {
        return Some((Category::Other, Some(cue.span), true));
    }
    if let Some(cue) = cues.counted().find(|c| cues.in_opening(c) && c.named && c.says == Says::Event(Category::S47StrategySignificant)) {
        return Some((Category::S47StrategySignificant, Some(cue.span), false));
    }
    if shape.numbered {
        return Some((Category::Other, None, true));
    }
    let not_statutory = cues.counted().any(|c| cues.in_opening(c) && c.at_word < KIND_WORDS && c.says == Says::NotStatutory);
    cues.counted()
        .filter_map(|c| match c.says {
            Says::Event(Category::StatutoryVisit) if not_statutory && !c.named => None,
            Says::Event(category) if category != Category::Other => Some((category, c.span)),
            _ => None,
        })
        .min_by_key(|&(category, span)| (event_at.map(|at| due(cx.policy, category, at)), category, span.0, std::cmp::Reverse(span.1)))
        .map(|(category, span)| (category, Some(span), false))
}

/// What the category model reads of a note, as hashed feature buckets
/// (each once):
/// - each deadline cue's kind, with where it stands (title, opening, body)
///   and what rules it out (another day, a hedge, medicines not taken), and
///   its list term in the same way, so the model learns which cues a writer's
///   phrasing makes reliable;
/// - the words and word pairs of the opening, which name the record;
/// - the words of the sentences at the event, which describe it in everyday
///   words ("didn't come home", "took a load of tablets") where no list has
///   an entry;
/// - whether it reads as a record of other events, and what the rules decide.
fn category_features(doc: &Document<'_>, reading: &Reading<'_>) -> Vec<u32> {
    use super::features::{bucket, fnv, named, Seen};
    let Reading { sentences, timeline, cues, .. } = reading;
    const CUE: u64 = fnv(b"deadline-cue");
    const TERM: u64 = fnv(b"deadline-term");
    const OPENING: u64 = fnv(b"opening");
    const OPENING_PAIR: u64 = fnv(b"opening-pair");
    const AT_EVENT: u64 = fnv(b"at-event");
    const RECORD: u64 = fnv(b"record");
    const RULE: u64 = fnv(b"deadline-rule");
    let mut out = Vec::new();
    // One feature per bucket (a set, not a sort: sorting would add a sort's
    // code to the module for nothing the model needs).
    let mut seen = Seen::new();
    let mut add = |kind: u64, values: &[&[u8]]| {
        let b = bucket(named(kind, values));
        if seen.insert(b) {
            out.push(b);
        }
    };
    for c in &cues.cues {
        let says: &[u8] = match c.says {
            Says::Event(Category::HighRisk) => b"high",
            Says::Event(Category::S47StrategySignificant) => b"s47",
            Says::Event(Category::StatutoryVisit) => b"visit",
            Says::Event(Category::Other) | Says::Record => b"record",
            Says::NotStatutory => b"not-statutory",
        };
        let place: &[u8] = if c.sentence == 0 && c.at_word < KIND_WORDS {
            b"title"
        } else if cues.in_opening(c) {
            b"opening"
        } else {
            b"body"
        };
        let counts: &[u8] = match c.ruled_out {
            None => b"counts",
            Some(RuledOut::AnotherDay) => b"another-day",
            Some(RuledOut::Hedged) => b"hedged",
            Some(RuledOut::NotTaken) => b"not-taken",
            Some(RuledOut::Negated) => b"negated",
        };
        add(CUE, &[says]);
        add(CUE, &[says, counts]);
        add(CUE, &[says, place, counts]);
        if c.named {
            add(CUE, &[says, place, counts, b"named"]);
        }
        add(TERM, &[c.term.as_bytes(), counts]);
        add(TERM, &[c.term.as_bytes(), place, counts]);
    }
    for (i, s) in sentences.iter().take(2).enumerate() {
        let which: &[u8] = if i == 0 { b"first" } else { b"second" };
        let words = s.first_token..s.end_token.min(s.first_token + OPENING_WORDS);
        for t in words.clone() {
            add(OPENING, &[which, doc.word(t).as_bytes()]);
            add(OPENING, &[doc.word(t).as_bytes()]);
        }
        for t in words.skip(1) {
            add(OPENING_PAIR, &[doc.word(t - 1).as_bytes(), doc.word(t).as_bytes()]);
        }
    }
    for (s, _) in sentences.iter().zip(&timeline.at_event).filter(|(_, &at)| at) {
        for t in s.first_token..s.end_token {
            add(AT_EVENT, &[doc.word(t).as_bytes()]);
        }
    }
    if reading.shape.numbered {
        add(RECORD, &[b"numbered"]);
    }
    if reading.shape.dated_lines {
        add(RECORD, &[b"dated-lines"]);
    }
    add(RULE, &[reading.rule.map_or("none", |r| r.0.id()).as_bytes()]);
    out
}

/// True when the few words after a cue, in its clause, name a time other
/// than the event's: "arrested in Exeter on 10/06", "her overdose in June".
fn dated_elsewhere(doc: &Document<'_>, timeline: &timeline::Timeline, after: usize) -> bool {
    let clause_end = (after..(after + 4).min(doc.tokens.len()))
        .find(|&t| t > after && doc.lower[doc.tokens[t - 1].end..doc.tokens[t].start].contains(['.', '?', '!', ';', ':', '(', '\n']))
        .unwrap_or((after + 4).min(doc.tokens.len()));
    timeline.names_another_time(after..clause_end)
}

/// True when a word of taking stands shortly before `token` in its sentence.
fn taken(doc: &Document<'_>, token: usize, sentence: &spans::Span) -> bool {
    (sentence.first_token.max(token.saturating_sub(8))..token).any(|t| TAKING.contains(&doc.word(t)))
}

/// True when `term` has one of `words` as whole words.
fn names(words: &[&str], term: &str) -> bool {
    words.iter().any(|s| {
        term.match_indices(s).any(|(i, _)| {
            let before = term[..i].chars().next_back();
            let after = term[i + s.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// True when a plan, risk or history word stands shortly before the cue in
/// its sentence, or a plan or another day just after it ("strategy
/// discussion to be arranged", "overdose last week").
fn hedged(doc: &Document<'_>, hedges: &[(usize, usize)], (first, after): (usize, usize), sentence: usize) -> bool {
    // A hedge in the same clause: not across a stop, a question or a colon
    // ("Can I tell you something if you don't tell Mum? He touches me").
    let clause_start = (first.saturating_sub(8)..first)
        .rev()
        .find(|&t| t > 0 && doc.lower[doc.tokens[t - 1].end..doc.tokens[t].start].contains(['.', '?', '!', ';', ':', '\n']))
        .unwrap_or(0);
    if hedges.iter().any(|&(h, s)| s == sentence && h < first && first - h <= 8 && h >= clause_start) {
        return true;
    }
    // The words straight after, up to any punctuation: "visit planned for
    // Monday", not "Statutory visit / planned direct work".
    let joined = |t: usize| t < doc.tokens.len() && t > 0 && doc.lower[doc.tokens[t - 1].end..doc.tokens[t].start].bytes().all(|b| b == b' ');
    // In lower case: "visited Will (6)" names a boy, it plans nothing.
    let word = |t: usize| if (after..=t).all(joined) && !doc.tokens[t].capital { doc.word(t) } else { "" };
    (after..after + 2).any(|t| AFTER_HEDGES.contains(&word(t)) || AFTER_HEDGE_PAIRS.contains(&(word(t), word(t + 1))))
}

/// True when a harm word ends a list that a negation opens: "no marks or
/// injuries", "no bruises, marks or burns", "without any cuts or bruising".
/// The lists' own guards see only the word just before ("no injuries"); the
/// words between here are the harms a worker lists when checking a child.
/// A list ends at ", and" ("no marks, and bruising to her back") and a
/// negation followed by a comma answers something else ("she said no,
/// bruising was visible").
fn negated_list(doc: &Document<'_>, cue: usize) -> bool {
    const LISTED: &[&str] = &[
        "or",
        "and",
        "marks",
        "mark",
        "bruises",
        "bruise",
        "bruising",
        "cuts",
        "grazes",
        "scratches",
        "injuries",
        "injury",
        "burns",
        "swelling",
        "visible",
        "obvious",
        "new",
        "fresh",
        "physical",
        "other",
        "signs",
        "of",
    ];
    const NEGATIONS: &[&str] = &["no", "nil", "without", "any", "nor"];
    // A cue found inside the last token ("10:07_strat") starts no token of
    // its own, so `cue` can be one past the end: then no list leads to it.
    let Some(sentence) = doc.tokens.get(cue).map(|t| t.sentence) else { return false };
    // What stands between token `t` and the next: spaces, or a comma and spaces.
    let gap = |t: usize| &doc.lower[doc.tokens[t].end..doc.tokens[t + 1].start];
    let mut t = cue;
    while t > 0 && cue - t < 8 && doc.tokens[t - 1].sentence == sentence {
        t -= 1;
        let between = gap(t);
        if !between.bytes().all(|b| b == b' ' || b == b',') {
            return false;
        }
        let word = doc.word(t);
        if NEGATIONS.contains(&word) {
            return !between.contains(',');
        }
        if !LISTED.contains(&word) || (word == "and" && t > 0 && gap(t - 1).contains(',')) {
            return false;
        }
    }
    false
}

fn due(policy: &Policy, category: Category, event_at: NaiveDateTime) -> NaiveDateTime {
    match policy.timescale(category) {
        Timescale::SameDay { day_ends_at } => event_at.date().and_time(day_ends_at),
        Timescale::Hours(h) => event_at + Duration::hours(i64::from(h)),
        Timescale::WorkingDays { days, day_ends_at } => policy.calendar.add_working_days(event_at.date(), days).and_time(day_ends_at),
    }
}

#[cfg(test)]
mod tests {
    use crate::ids::Category;
    use crate::report::DeadlineStatus;
    use crate::rules::test::{check, check_with};

    fn deadline(text: &str, ctx: &str) -> (Category, Option<String>, DeadlineStatus) {
        let d = check_with(text, ctx).deadline;
        (d.category, d.due, d.status)
    }

    #[test]
    fn each_category_has_its_timescale() {
        let at = r#"{"event_at":"2026-11-23T10:00"}"#;
        assert_eq!(deadline("Jayden was taken into police protection.", at).1.as_deref(), Some("2026-11-23T23:59"));
        assert_eq!(deadline("Outcome of the strategy discussion:", at).1.as_deref(), Some("2026-11-24T10:00"));
        assert_eq!(deadline("Statutory visit.", at).1.as_deref(), Some("2026-11-26T10:00"));
        assert_eq!(deadline("Phone call with school.", at).1.as_deref(), Some("2026-11-30T23:59"));
    }

    #[test]
    fn the_event_time_comes_from_the_note_when_the_form_has_none() {
        use crate::ids::TimeSource;
        let recorded = r#"{"recorded_at":"2026-11-26T09:00"}"#;
        let d = check_with("Statutory visit on 23/11 at 10am. I saw Jayden alone.", recorded).deadline;
        assert_eq!((d.event_at.as_deref(), d.event_at_source), (Some("2026-11-23T10:00"), Some(TimeSource::Text)));
        assert_eq!((d.due.as_deref(), d.status), (Some("2026-11-26T10:00"), DeadlineStatus::OnTime));
        // The form's time wins over the note's.
        let both = r#"{"event_at":"2026-11-24T15:00","recorded_at":"2026-11-26T09:00"}"#;
        let d = check_with("Statutory visit on 23/11 at 10am.", both).deadline;
        assert_eq!((d.event_at.as_deref(), d.event_at_source), (Some("2026-11-24T15:00"), Some(TimeSource::Form)));
        // UK order: 03/04 is 3 April.
        let d = check_with("Home visit on 03/04/2026 at 2pm.", r#"{"recorded_at":"2026-04-10T09:00"}"#).deadline;
        assert_eq!(d.event_at.as_deref(), Some("2026-04-03T14:00"));
        // "Yesterday" and "this morning" are read from recorded_at, or from the caller's clock.
        let d = check_with("Visited Jayden yesterday at 4pm.", recorded).deadline;
        assert_eq!(d.event_at.as_deref(), Some("2026-11-25T16:00"));
        let now = crate::Context::default().with_now("2026-11-26T12:30").unwrap();
        let d = crate::rules::test::CHECKER.check("Statutory visit this morning at 10.", &now).deadline;
        assert_eq!((d.event_at.as_deref(), d.status), (Some("2026-11-26T10:00"), DeadlineStatus::Unknown));
        // A day without a time counts from the end of it, never later than the reference.
        let d = check_with("Statutory visit on Monday 23rd November.", recorded).deadline;
        assert_eq!(d.event_at.as_deref(), Some("2026-11-23T23:59"));
        let d = check_with("Statutory visit today.", recorded).deadline;
        assert_eq!(d.event_at.as_deref(), Some("2026-11-26T09:00"));
        // A chronology records many events, not one at its first date.
        let d = check_with("02/09/2025 – SW visit to Yonas.\n05/09/2025 – Age assessment outcome.", recorded).deadline;
        assert_eq!((d.event_at, d.event_at_source), (None, None));
        // Without a reference, "Monday" cannot be placed: no time, no source.
        let d = check("Statutory visit on Monday at 10am.").deadline;
        assert_eq!((d.event_at, d.event_at_source), (None, None));
    }

    #[test]
    fn strictest_of_text_and_form_wins() {
        let (category, _, _) = deadline("Statutory visit. During the visit Jayden disclosed that dad hit him.", r#"{"event":"other"}"#);
        assert_eq!(category, Category::HighRisk);
        assert_eq!(deadline("Phone call.", r#"{"event":"statutory_visit"}"#).0, Category::StatutoryVisit);
    }

    #[test]
    fn status_needs_both_times() {
        assert_eq!(check("Statutory visit.").deadline.status, DeadlineStatus::Unknown);
        let boundary = r#"{"event_at":"2026-11-23T10:00","recorded_at":"2026-11-26T10:00"}"#;
        assert_eq!(deadline("Statutory visit.", boundary).2, DeadlineStatus::OnTime);
        let minute_late = r#"{"event_at":"2026-11-23T10:00","recorded_at":"2026-11-26T10:01"}"#;
        assert_eq!(deadline("Statutory visit.", minute_late).2, DeadlineStatus::Overdue);
    }

    /// The category the note gets with its event on Tuesday 3 March 2026, and
    /// the words that decided it.
    fn category(text: &str) -> (Category, Option<String>) {
        let report = check_with(text, r#"{"event_at":"2026-03-03T10:00"}"#);
        let words = report.deadline.evidence.map(|span| {
            let units: Vec<u16> = text.encode_utf16().collect();
            String::from_utf16(&units[span.start..span.end]).unwrap()
        });
        (report.deadline.category, words)
    }

    fn is(text: &str, want: Category) {
        assert_eq!(category(text).0, want, "{text}");
    }

    #[test]
    fn s47_work_is_s47_whatever_its_subject() {
        use Category::S47StrategySignificant as S47;
        is("S.47 joint visit with DC Mills. Callum seen alone; he showed us a bruise on his back.", S47);
        is("Section 47 interview (ABE) at the Wendham suite. Tilly repeated her account.", S47);
        is("Strategy discussion by phone 14:00 with police and school. Reason: nursery saw a bruise on Ayaan's cheek this morning.", S47);
        is("Strategy meeting – Denisa (15). She disclosed that an adult male touched her.", S47);
        is("Outcome of the strategy discussion: threshold met, s47 joint enquiry.", S47);
        is("Strat disc held 14:00 with PC Dunn – s47 agreed, joint visit tomorrow after school.", S47);
    }

    #[test]
    fn significant_events_are_s47() {
        use Category::S47StrategySignificant as S47;
        is("Call from ward sister: Kacey (13, care order) admitted to the children's ward with appendicitis.", S47);
        is("Custody rang 08:40 – Tyrese (16, CLA) arrested at 02:00 for possession.", S47);
    }

    #[test]
    fn high_risk_events_as_they_happen() {
        use Category::HighRisk as High;
        is("Police rang 23:10 – Kayla (15) reported missing from Oak Lodge at 22:30.", High);
        is("Staff rang: Aroha absconded from the unit at 16:40.", High);
        is("Leyla taken into police protection at 01:55.", High);
        is("At drop off today I saw a purple mark on Hamza's ear.", High);
        is("Riya told me this morning that her dad hit her and showed me a bruise on her arm.", High);
        is("Aisha said she had taken an overdose at 10pm.", High);
        is("Skye had cut her left forearm with a pencil sharpener blade; self harm seen by staff at 23:40.", High);
        is("Dad said on the phone that he would kill her if she left.", High);
        is("Mum said Craig threatened to stab her and the children tonight.", High);
        is("Police found Mia (8) and Oscar (3) on their own in the flat; found alone, no adult present.", High);
        is("Emergency protection order granted; the children were placed in emergency foster care tonight.", High);
    }

    #[test]
    fn high_risk_in_everyday_words() {
        use Category::HighRisk as High;
        is("Mum rang 17:40 – Kian's run off again, not seen since school.", High);
        is("Mum rang 08:15. Chelsea didn't come home last night.", High);
        is("School rang – Sumaiya took a load of her mum's tablets last night.", High);
        is("Emeka rang at 00:55. He said his stepdad said he'd kill him.", High);
        is("Neighbour rang – Archie (5) left on his own in the flat since school pick-up.", High);
        is("Carer rang 22:35 – Jay not back, due in at 21:00. Advised her to report missing.", High);
        is("Her carer was already reporting her missing when I rang the police.", High);
        is("Aunt rang – found Jess (4) on her own in the flat, door unlocked.", High);
        is("She said she took 12 paracetamol about an hour ago.", High);
    }

    #[test]
    fn a_title_names_the_record_whatever_its_sentence_goes_on_to_say() {
        use Category::{Other, S47StrategySignificant as S47};
        is("S47 home visit – dad seen at home with PC Whyte re what Ada told school on 1 July.", S47);
        is("Return home interview with Corey (15) – missing from Friday night to 11am on Saturday.", Other);
    }

    #[test]
    fn statutory_visits_seen_or_not() {
        use Category::StatutoryVisit as Visit;
        is("CIN visit – Grace (4) at home with mum. Grace showed me her drawing.", Visit);
        is("CP visit, 11 Beech Road. Mum would not open the door; Layla-Rose not seen.", Visit);
        is("CLA statutory visit – Dylan (17) at his semi-independent flat.", Visit);
        is("Dear Jamal,\nI came to Lorna's house today to see you, but you had gone to a party.", Visit);
    }

    #[test]
    fn records_of_other_events_are_other() {
        use Category::Other;
        is("03/09/2025 | Referral: Denis had a burn mark on his arm. | Outcome: strategy discussion same day.\n04/09/2025 | Joint visit with police.", Other);
        is("Supervision – case discussion. Krish (8). Summary: Krish went missing from school twice; strategy discussion held in March.", Other);
        is("28. I visited Mason at his foster placement on 12 May 2026.\n29. The mother missed the hair strand tests.", Other);
        is("Plan: CIN visit next week; a strategy discussion will be requested if the bruising is seen again.", Other);
        is("POOR EXAMPLE\n'Visited the home. Mum was hostile. Children appeared fine.'", Other);
    }

    #[test]
    fn background_never_sets_the_category() {
        use Category::{Other, StatutoryVisit};
        is("Phone call with mum following the strategy meeting on 30 March about contact arrangements.", Other);
        is("Home visit, CIN. On 29 January nursery saw a bruise on his cheek. Mum said he fell.", StatutoryVisit);
        is("Tel call with Ellie's foster carer. Her nan is still in hospital after the stroke and Ellie is worried.", Other);
        is("CIN visit. Following Shannon's overdose in June there have been no further incidents.", StatutoryVisit);
    }

    #[test]
    fn the_sense_of_a_cue_decides() {
        use Category::{Other, StatutoryVisit};
        is("Email from school: Jayden keeps missing the bus and was late twice this week.", Other);
        is("Tel call from mum: Tia was last seen at 16:00 by her teacher, at pick-up.", Other);
        is("CIN visit. Mum has started tablets for her mood.", StatutoryVisit);
        is("Dad said: 'I never touched her.'", Other);
        is("Dad says Ben has been missing the school bus most mornings.", Other);
        is("Ms Carter (Y8 tutor) came to see me at 12.40 about Maisie.", Other);
        is("Tyrell has stopped taking the tablets because they make him feel like a zombie.", Other);
    }

    #[test]
    fn a_cue_dated_elsewhere_is_background() {
        use Category::{Other, S47StrategySignificant as S47};
        is("PC Dyer shared screenshots at 14:00 today of messages on the phone of a man arrested in Exeter on 10/02.", Other);
        is("Strategy meeting – unborn baby of Kanya (EDD 02/08/2026). Police attended on 14/02; she had a cut lip.", S47);
    }

    #[test]
    fn harms_listed_after_a_no_did_not_happen() {
        use Category::{HighRisk, StatutoryVisit as Visit};
        is("Statutory visit. Seen alone in bedroom, said \"I'm ok here\", no marks or injuries seen.", Visit);
        is("Statutory visit. Seen alone; no bruises, marks or burns on her arms.", Visit);
        is("Statutory visit. Seen alone. There were no signs of injury.", Visit);
        // Not a list: the bruise was seen.
        is("Statutory visit. No one was home at first; later I saw a bruise on her arm.", HighRisk);
        // Read word by word: the harm ends a list that the "no" opens, unless
        // ", and" ends the list or the "no" answers something else.
        let negated = |text: &str, harm: &str| {
            let doc = crate::document::Document::new(text, &crate::rules::test::CHECKER.policy.lexicon);
            let cue = (0..doc.tokens.len()).find(|&t| doc.word(t) == harm).expect("the harm word");
            super::negated_list(&doc, cue)
        };
        assert!(negated("no marks, bruises or burns on her arms", "burns"));
        assert!(negated("there were no signs of injury", "injury"));
        assert!(!negated("checked her arms: no marks, and bruising to her back", "bruising"));
        assert!(!negated("I asked if it hurt and she said no, bruising was visible", "bruising"));
        assert!(!negated("no one was home; later I saw bruising", "bruising"));
    }

    #[test]
    fn police_beside_the_worker_make_a_joint_visit() {
        use Category::S47StrategySignificant as S47;
        is("Dear Mali,\nToday I came to your school with a police officer called Sam. You showed us the bruise on your leg.", S47);
        is("CP medical completed 16:45 – bruise to forehead consistent with a fall. S47 to conclude NFA.", S47);
    }

    #[test]
    fn the_evidence_points_at_the_deciding_words() {
        assert_eq!(category("Strategy discussion – Riya (14). Riya showed me a bruise.").1.as_deref(), Some("Strategy discussion"));
        assert_eq!(category("CIN visit. Kian had run off from school at lunch.").1.as_deref(), Some("run off"));
        assert_eq!(category("Supervision – Tomas (9).").1.as_deref(), Some("Supervision"));
    }

    #[test]
    fn five_working_days_skip_christmas() {
        let ctx = r#"{"event_at":"2026-12-23T15:00","recorded_at":"2027-01-04T12:00"}"#;
        assert_eq!(deadline("Email from school.", ctx), (Category::Other, Some("2027-01-04T23:59".into()), DeadlineStatus::OnTime));
    }
}
