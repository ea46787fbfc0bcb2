//! What a note establishes, worked out once per check after the people pass:
//! the recording deadline, the writer's professional opinion, the child's
//! voice, the equality information and whether the child is a baby or does
//! not speak. Rules read these facts and only emit findings; the report
//! carries them.

mod age;
mod deadline;
mod equality;
mod features;
mod model;
mod opinion;
mod record;
mod spans;
mod timeline;
mod voice;

pub(crate) use model::Models;

use chrono::NaiveDateTime;

use crate::context::Context;
use crate::dates::LazyDateReader;
use crate::document::Document;
use crate::ids::{Category, CueKind, EqualityArea, TimeSource};
use crate::lexicon::{Class, RecordingClass, VoiceClass};
use crate::people::People;
use crate::policy::Policy;
use features::{Detector, NoteSignals, Source};
use model::Model;

/// A byte range of the normalised note.
pub(crate) type Range = (usize, usize);

/// The deadline a note falls under.
#[derive(Debug)]
pub(crate) struct Deadline {
    pub category: Category,
    /// The words that decided the category, when the text did.
    pub evidence: Option<Range>,
    /// When the event happened: the form's `event_at`, or else the time the
    /// note itself gives, read from `recorded_at` or the caller's clock.
    pub event_at: Option<NaiveDateTime>,
    pub event_at_source: Option<TimeSource>,
    /// The note's own words for when the event happened ("on 23/11 at
    /// 10am"), found even when there is no time to read them from; read
    /// only when the form gives no `event_at`.
    pub when: Option<Range>,
    pub due: Option<NaiveDateTime>,
    pub overdue: Option<bool>,
}

/// The equality information a note records.
#[derive(Debug, Default)]
pub(crate) struct Equality {
    /// Each area recorded, at the words that record it, in text order.
    pub mentioned: Vec<(EqualityArea, Range)>,
    /// Needs recorded (a first language, a communication method).
    pub needs: Vec<(EqualityArea, Range)>,
    /// True when the note records the support used for a need.
    pub supported: bool,
}

/// Whether the note has something (opinion, the child's voice), how sure
/// the model is, and what led to it.
#[derive(Debug, Default)]
pub(crate) struct Judgement {
    /// The sentences that show it.
    pub evidence: Vec<Range>,
    /// How sure the judgement is, 0.5 to 1: how far the note's pooled odds
    /// are past the model's threshold, either way (see
    /// [`model::confidence`]).
    pub confidence: f64,
    /// Absent, and the model is sure of it: a "missing" finding is then a
    /// warning; otherwise it is a question.
    pub surely_absent: bool,
    /// For each evidence sentence, the cue that counted most.
    pub cues: Vec<(Range, CueKind)>,
}

impl Judgement {
    /// True when the note shows it.
    pub fn present(&self) -> bool {
        !self.evidence.is_empty()
    }
}

/// Everything the note establishes.
#[derive(Debug)]
pub(crate) struct Facts {
    /// A baby, or a child who does not speak.
    pub young_child: bool,
    pub deadline: Deadline,
    /// The writer's own assessment of need and risk.
    pub opinion: Judgement,
    /// The child's voice.
    pub child_voice: Judgement,
    pub equality: Equality,
}

/// What the facts are read from.
pub(crate) struct Cx<'a> {
    pub doc: &'a Document<'a>,
    pub ctx: &'a Context,
    pub policy: &'a Policy,
    pub people: &'a People,
    pub dates: &'a LazyDateReader,
}

/// Each sentence's features (both models read the same), and what the rules found.
struct Sentences {
    /// Each sentence's feature buckets, kept for training only: a check
    /// scores them as each sentence is read, and keeps the scores.
    features: Vec<Vec<u32>>,
    /// For each sentence, each model's log-odds (opinion, voice), scored as
    /// the sentence is read.
    logits: Vec<[f32; 2]>,
    /// For each sentence, the cue that counted most for each model, found
    /// as the sentence is read, and only where the sentence can be evidence
    /// (at or above [`model::evidence_floor`]; the cues explain evidence): finding it for every sentence was a
    /// twentieth of a check. Keeping every feature's source for every
    /// sentence instead held over a megabyte on a 10,000-word note.
    cues: Vec<[Option<(Range, CueKind)>; 2]>,
    opinion_rule: Vec<bool>,
    voice_rule: Vec<bool>,
    /// The guard on the voice model: a sentence can carry the voice of a
    /// child who talks only if it holds something the child expressed —
    /// words (quoted, reported, or in a transcript line), a wish or feeling,
    /// or direct work. What a child who talks was seen to do is not their
    /// voice (the labelling guide), however the sentence scores.
    voice_allowed: Vec<bool>,
}

impl Sentences {
    /// Reads every sentence; with `models`, also the cue that counted most
    /// for each (training reads the features alone).
    fn new(cx: &Cx<'_>, young_child: bool, models: Option<&Models>) -> Sentences {
        let doc = cx.doc;
        let n = doc.sentences.len();
        let mark = |spans: Vec<Range>| {
            let mut marked = vec![false; n];
            for (start, _) in spans {
                marked[doc.sentence_of(start)] = true;
            }
            marked
        };
        let letter_to_child = doc.tokens.first().is_some_and(|_| doc.word(0) == "dear") || doc.hits_of(Class::Voice(VoiceClass::Address)).nth(1).is_some();
        let note = NoteSignals {
            young_child,
            letter_to_child,
            opinion_rule: mark(opinion::find(cx)),
            voice_rule: mark(voice::find(cx, young_child)),
            quotes: voice::quotes(cx),
            child_absent: doc.hits_of(Class::Voice(VoiceClass::Absent)).next().is_some(),
            headings: (0..n).map(|i| features::is_heading(doc, i)).collect(),
            source: features::source_of(&doc.lower[..doc.sentences.get(1).or(doc.sentences.first()).map_or(0, |s| s.end)]),
            child_seen: doc.hits_of(Class::Recording(RecordingClass::Seen)).chain(doc.hits_of(Class::Recording(RecordingClass::Alone))).next().is_some(),
        };
        let mut seen = features::Seen::new();
        // Where each feature came from is kept as it is read (a judgement
        // explains its evidence sentences with it): reading a sentence twice
        // cost an eighth of a check.
        let (scoring, training) = if models.is_some() { (n, 0) } else { (0, n) };
        let (mut cues, mut logits, mut features) = (Vec::with_capacity(scoring), Vec::with_capacity(scoring), Vec::with_capacity(training));
        let mut from = Vec::new();
        for i in 0..n {
            from.clear();
            let read = features::sentence(cx, &note, &mut seen, i, models.is_some().then_some(&mut from));
            let Some(models) = models else {
                features.push(read);
                continue;
            };
            let scored = [models.opinion.logit(&read), models.voice.logit(&read)];
            let cue = |model: &Model, detector: Detector| {
                if scored[detector as usize] >= model::evidence_floor(model.present_at) {
                    strongest_cue(model, detector, &from)
                } else {
                    None
                }
            };
            cues.push([cue(&models.opinion, Detector::Opinion), cue(&models.voice, Detector::Voice)]);
            logits.push(scored);
        }
        let voice_allowed = (0..n).map(|i| young_child || expresses(cx, &note, i)).collect();
        Sentences { features, logits, cues, opinion_rule: note.opinion_rule, voice_rule: note.voice_rule, voice_allowed }
    }
}

/// True when a sentence holds something a child expressed: a quotation, a
/// transcript line ("T: can u tell school"), or an unquoted cue of speech,
/// wishes, feelings, a letter to the child, or direct work.
fn expresses(cx: &Cx<'_>, note: &NoteSignals, sentence: usize) -> bool {
    let doc = cx.doc;
    let s = doc.sentences[sentence];
    if note.voice_rule[sentence] || note.quotes.iter().any(|q| q.range.0 >= s.start && q.range.0 < s.end) {
        return true;
    }
    let transcript_line = doc.norm[s.start..s.end].find(':').is_some_and(|colon| doc.norm[s.start..s.start + colon].split_whitespace().count() <= 3);
    transcript_line
        || doc.hits_between(crate::lexicon::List::Voice, s.start, s.end).any(|h| {
            !doc.is_quoted(h.start)
                && matches!(
                    doc.entry(h).class,
                    Class::Voice(VoiceClass::Speech | VoiceClass::Wish | VoiceClass::Feeling | VoiceClass::Address | VoiceClass::Method)
                )
        })
}

/// A judgement from a model's sentence log-odds; `allowed` masks sentences
/// a guard rules out.
fn judge(cx: &Cx<'_>, sentences: &Sentences, model: &Model, detector: Detector, allowed: Option<&[bool]>) -> Judgement {
    let mut judgement = Judgement::default();
    let counted = || sentences.logits.iter().enumerate().filter(|&(i, _)| allowed.is_none_or(|a| a[i])).map(|(i, scored)| (i, scored[detector as usize]));
    let odds = model::note_odds(counted().map(|(_, logit)| logit));
    if model.shows(odds) {
        let floor = model::evidence_floor(model.present_at);
        for (i, logit) in counted() {
            if logit >= floor {
                judgement.evidence.push(cx.doc.sentence_span(i));
                if let Some(cue) = sentences.cues[i][detector as usize] {
                    judgement.cues.push(cue);
                }
            }
        }
    }
    judgement.confidence = model::confidence(odds, model.present_at, judgement.present());
    judgement.surely_absent = !judgement.present() && model.surely_lacks(odds);
    judgement
}

/// The cue that counted most for a sentence: the explained feature with the
/// largest weight, preferring a named cue to bare wording when it weighs at
/// least half as much.
fn strongest_cue(model: &Model, detector: Detector, sources: &[(u32, Source)]) -> Option<(Range, CueKind)> {
    let weighted = sources.iter().filter_map(|&(bucket, source)| source.cue(detector).map(|c| (model.weight(bucket), c))).filter(|(w, _)| *w > 0.0);
    type Weighted = Option<(f32, (Range, CueKind))>;
    let (mut best, mut best_named): (Weighted, Weighted) = (None, None);
    for (w, source) in weighted {
        if best.is_none_or(|(b, _)| w > b) {
            best = Some((w, source));
        }
        if source.1 != CueKind::Wording && best_named.is_none_or(|(b, _)| w > b) {
            best_named = Some((w, source));
        }
    }
    match (best, best_named) {
        (Some((w, _)), Some((named, source))) if named * 2.0 >= w => Some(source),
        (best, _) => best.map(|(_, s)| s),
    }
}

impl Facts {
    /// Works out every fact of one note.
    pub fn new(doc: &Document<'_>, ctx: &Context, policy: &Policy, people: &People, models: &Models, dates: &LazyDateReader) -> Facts {
        let cx = Cx { doc, ctx, policy, people, dates };
        let young_child = age::child_is_young(&cx);
        let sentences = Sentences::new(&cx, young_child, Some(models));
        Facts {
            young_child,
            deadline: deadline::find(&cx, &models.category),
            opinion: judge(&cx, &sentences, &models.opinion, Detector::Opinion, None),
            child_voice: judge(&cx, &sentences, &models.voice, Detector::Voice, Some(&sentences.voice_allowed)),
            equality: equality::find(&cx),
        }
    }
}

/// One sentence as the trainer reads it.
pub struct TrainingRow {
    /// The sentence's byte range in the original text.
    pub range: (usize, usize),
    /// Its feature buckets (both models read the same).
    pub features: Vec<u32>,
    /// The opinion rule counts it.
    pub opinion_rule: bool,
    /// The voice rule counts it.
    pub voice_rule: bool,
    /// The voice guard lets it count (see `Sentences::voice_allowed`).
    pub voice_allowed: bool,
}

/// Every sentence's features, in the form the trainer reads.
pub(crate) fn training_rows(doc: &Document<'_>, ctx: &Context, policy: &Policy, people: &People, dates: &LazyDateReader) -> Vec<TrainingRow> {
    let cx = Cx { doc, ctx, policy, people, dates };
    let sentences = Sentences::new(&cx, age::child_is_young(&cx), None);
    (0..doc.sentences.len())
        .map(|i| {
            let (start, end) = doc.sentence_span(i);
            TrainingRow {
                range: doc.text_range(start, end),
                features: sentences.features[i].clone(),
                opinion_rule: sentences.opinion_rule[i],
                voice_rule: sentences.voice_rule[i],
                voice_allowed: sentences.voice_allowed[i],
            }
        })
        .collect()
}

/// The category model's features for a note (see `deadline::category_features`).
pub(crate) fn category_features(doc: &Document<'_>, ctx: &Context, policy: &Policy, people: &People, dates: &LazyDateReader) -> Vec<u32> {
    deadline::training_features(&Cx { doc, ctx, policy, people, dates })
}
