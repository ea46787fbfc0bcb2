//! Who is who in a note: the worker, the child, other adults. Used to tell the
//! child's own words from an adult's report of them, and the worker's opinion
//! from someone else's.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::context::Context;
use crate::document::Document;
use crate::lexicon::{Class, PersonGender, Role};

/// Whom a word refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Who {
    /// The note's author ("I", "we", "SW").
    Worker,
    /// The child, or another child.
    Child,
    /// A parent, carer or professional.
    Adult,
    /// A name or pronoun we cannot place.
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
    /// A group: parents, staff, the police. Only "they" refers to it.
    Plural,
    Any,
}

/// A person mentioned earlier, for resolving pronouns.
#[derive(Clone, Copy, Debug)]
struct Recent {
    who: Who,
    gender: Gender,
    sentence: usize,
    /// Not inside a prepositional phrase ("about Jayden"), so more likely
    /// to be what a later pronoun points back to.
    salient: bool,
    /// The subject of the subordinate clause a sentence opens with ("While
    /// aunt made a drink Denisa showed me …": aunt; "When her mum came in":
    /// her, mum), not the sentence's own subject.
    opening_clause: bool,
    /// Can be the subject of a verb: not "his", "her", "mum's" or "with Esther".
    subject: bool,
}

/// Words that open a subordinate clause at the start of a sentence.
fn opens_subordinate_clause(word: &str) -> bool {
    matches!(word.as_bytes(), b"while" | b"whilst" | b"when" | b"as" | b"once" | b"because" | b"although" | b"though" | b"if" | b"until")
}

/// True when the person at `token` is the subject of a clause its sentence
/// opens with: right after the opening word, or after it and a determiner or
/// possessive ("When the nurse …", "While Denisa's aunt …"). "When I arrived,
/// Mum …", "As agreed, Mum …" and "When asked, Mum …" have none.
fn in_opening_clause(doc: &Document<'_>, token: usize) -> bool {
    let first = doc.sentences[doc.tokens[token].sentence].first_token;
    if !opens_subordinate_clause(doc.word(first)) {
        return false;
    }
    token == first + 1 || (token == first + 2 && (is_determiner(doc.word(first + 1).as_bytes()) || doc.word(first + 1).ends_with("'s")))
}

/// An article or possessive that may stand between a preposition or a
/// clause's opening word and its noun: "the", "his", "our".
fn is_determiner(word: &[u8]) -> bool {
    matches!(word, b"the" | b"a" | b"an" | b"his" | b"her" | b"their" | b"my" | b"our" | b"your")
}

/// True when a preposition, perhaps with a determiner, stands just before
/// the word: "with Esther", "from the midwife", "in school". Only a space may
/// part them: "in" often ends a clause ("When mom came in, Destiny said …",
/// "… when I came in. She said …"), and a subject pronoun is never a
/// preposition's object ("When Pawel came in she ran to him").
fn after_preposition(doc: &Document<'_>, token: usize) -> bool {
    if matches!(doc.word(token).as_bytes(), b"i" | b"we" | b"he" | b"she" | b"they") {
        return false;
    }
    let mut back = token;
    for _ in 0..2 {
        let Some(prev) = back.checked_sub(1) else { return false };
        if doc.norm[doc.tokens[prev].end..doc.tokens[back].start].bytes().any(|b| b != b' ') {
            return false;
        }
        let word = doc.word(prev).as_bytes();
        if matches!(word, b"about" | b"with" | b"to" | b"for" | b"from" | b"of" | b"at" | b"by" | b"on" | b"in" | b"into" | b"regarding") {
            return true;
        }
        if !is_determiner(word) {
            return false;
        }
        back = prev;
    }
    false
}

/// True when a mention cannot be the subject of a verb: "me", "his",
/// "mum's", or "with Esther" and "from the midwife" (a preposition's object).
fn object_or_possessive(doc: &Document<'_>, token: usize) -> bool {
    let word = doc.word(token);
    matches!(
        word.as_bytes(),
        b"me" | b"us" | b"him" | b"his" | b"her" | b"hers" | b"them" | b"their" | b"myself" | b"himself" | b"herself" | b"themselves" | b"your" | b"yourself"
    ) || word.ends_with("'s")
        || after_preposition(doc, token)
}

/// How far back a pronoun looks for its person.
const RECENT_WINDOW: usize = 24;

/// Whom a pronoun most likely refers to: at the start of a sentence, the
/// first person of the sentence before (its subject, usually, or the first
/// after the subject of a clause that sentence opens with); mid-sentence,
/// the nearest person in the main clause.
fn resolve(recent: &[Recent], sentence: usize, gender: Gender) -> Option<Who> {
    let fits = |r: &&Recent| match (gender, r.gender) {
        (Gender::Any, _) => true,
        (_, Gender::Plural) => false,
        (_, Gender::Any) => true,
        (wanted, had) => wanted == had,
    };
    // Mentions are in text order, so this sentence's are at the end.
    let here = recent.iter().rev().take_while(|r| r.sentence == sentence);
    let mut nearest = None;
    for r in here.filter(fits) {
        if r.salient {
            return Some(r.who);
        }
        nearest = nearest.or(Some(r.who));
    }
    if nearest.is_some() {
        return nearest;
    }
    let last = recent.iter().rev().take(RECENT_WINDOW).find(fits)?.sentence;
    let in_last = || recent.iter().rev().take(RECENT_WINDOW).skip_while(|r| r.sentence != last).take_while(|r| r.sentence == last).filter(fits);
    // The sentence's subject: its first person, unless that person is the
    // subject of an opening "while …" or "when …" clause and another follows.
    let first = in_last().last()?;
    if first.opening_clause {
        if let Some(main) = in_last().filter(|r| !r.opening_clause && r.salient && r.subject).last() {
            return Some(main.who);
        }
    }
    Some(first.who)
}

/// Every mention of a person, by token index.
#[derive(Debug, Default)]
pub(crate) struct People {
    mentions: Vec<(usize, Who)>,
    /// The mentions that can be the subject of a verb: not "his", "him",
    /// "me" or "mum's".
    subjects: Vec<(usize, Who)>,
}

/// Words that start with a capital but are not people (sorted: binary search).
const NOT_NAMES: &[&str] = &[
    "a",
    "a&e",
    "academy",
    "action",
    "actions",
    "after",
    "all",
    "also",
    "although",
    "an",
    "analysis",
    "and",
    "april",
    "as",
    "assessment",
    "at",
    "august",
    "avenue",
    "background",
    "because",
    "before",
    "both",
    "but",
    "by",
    "centre",
    "children's",
    "christmas",
    "close",
    "college",
    "council",
    "court",
    "dear",
    "december",
    "during",
    "earlier",
    "easter",
    "england",
    "february",
    "following",
    "for",
    "fortnite",
    "friday",
    "from",
    "gp",
    "he",
    "hello",
    "her",
    "hi",
    "his",
    "home",
    "hospital",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instagram",
    "iro",
    "it",
    "january",
    "july",
    "june",
    "lane",
    "later",
    "lego",
    "march",
    "may",
    "minecraft",
    "miss",
    "monday",
    "my",
    "next",
    "no",
    "not",
    "note",
    "notes",
    "november",
    "nursery",
    "october",
    "of",
    "ok",
    "okay",
    "on",
    "once",
    "or",
    "our",
    "outcome",
    "overall",
    "plan",
    "playstation",
    "police",
    "present",
    "primary",
    "purpose",
    "reason",
    "risk",
    "road",
    "saturday",
    "school",
    "september",
    "services",
    "she",
    "sir",
    "snapchat",
    "so",
    "street",
    "summary",
    "sunday",
    "team",
    "teams",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "thursday",
    "tiktok",
    "to",
    "today",
    "tomorrow",
    "tuesday",
    "uk",
    "update",
    "view",
    "views",
    "visit",
    "voice",
    "we",
    "wednesday",
    "what",
    "whatsapp",
    "when",
    "where",
    "while",
    "who",
    "why",
    "with",
    "worcester",
    "worcestershire",
    "xbox",
    "yes",
    "yesterday",
    "youtube",
    "zoom",
];

const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "pc", "dc", "ds", "sgt", "nurse", "teacher", "cllr"];

impl People {
    pub fn new(doc: &Document<'_>, ctx: &Context) -> People {
        let child_names: Vec<String> = ctx
            .child_name
            .as_deref()
            .map(|n| n.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase()).filter(|w| !w.is_empty()).collect())
            .unwrap_or_default();
        let mut role_at: Vec<Option<(Who, Gender)>> = vec![None; doc.tokens.len()];
        let mut in_hit = vec![false; doc.tokens.len()];
        for hit in &doc.hits {
            let first = doc.token_at(hit.start);
            let last = doc.token_at(hit.end);
            for flag in &mut in_hit[first..last.min(doc.tokens.len())] {
                *flag = true;
            }
            let Class::Person(role, gender) = doc.entry(hit).class else { continue };
            if first >= doc.tokens.len() || doc.tokens[first].quoted {
                continue;
            }
            let who = match role {
                Role::Child => Who::Child,
                Role::Worker => Who::Worker,
                Role::Adult => Who::Adult,
            };
            let gender = match gender {
                Some(PersonGender::Female) => Gender::Female,
                Some(PersonGender::Male) => Gender::Male,
                Some(PersonGender::Plural) => Gender::Plural,
                None => Gender::Any,
            };
            // A role word names the person at its last word ("foster carer").
            role_at[last.saturating_sub(1).max(first)] = Some((who, gender));
        }
        let names = classify_names(doc, &child_names, &role_at, &in_hit);
        let mut people = People::default();
        let mut recent: Vec<Recent> = Vec::new();
        let letter_to_child = doc.tokens.len() > 1 && doc.word(0) == "dear" && doc.tokens[1].capital && !role_at[1].is_some_and(|(w, _)| w == Who::Adult);
        for (i, token) in doc.tokens.iter().enumerate() {
            if token.quoted {
                continue;
            }
            let word = doc.word(i);
            // Matched as bytes: byte-string patterns compile to length and byte
            // comparisons, where string patterns call a comparison function
            // each (in the size-optimised WebAssembly), and this runs for every word.
            let pronoun = match word.as_bytes() {
                b"i" | b"me" | b"we" | b"us" | b"myself" => {
                    people.mention(doc, i, Who::Worker);
                    continue;
                }
                // A note written to the child ("Dear Ama, you told me…").
                b"you" | b"your" | b"yourself" if letter_to_child => {
                    people.mention(doc, i, Who::Child);
                    continue;
                }
                b"he" | b"him" | b"his" | b"himself" => Some(Gender::Male),
                b"she" | b"her" | b"hers" | b"herself" => Some(Gender::Female),
                b"they" | b"them" | b"themselves" => Some(Gender::Any),
                _ => None,
            };
            // Worked out only for the few words that are people.
            let salient = |recent: &[Recent]| match i.checked_sub(1).map(|p| doc.word(p)) {
                _ if after_preposition(doc, i) => false,
                // "about Daniel and Grace": both sit in the phrase.
                Some("and" | "or") => recent.last().is_none_or(|r| r.salient),
                _ => true,
            };
            if let Some(gender) = pronoun {
                let who = resolve(&recent, token.sentence, gender).unwrap_or(if recent.is_empty() { Who::Child } else { Who::Unknown });
                let (salient, opening_clause) = (salient(&recent), in_opening_clause(doc, i));
                // A pronoun passes on whom it refers to, with its own gender.
                recent.push(Recent { who, gender, sentence: token.sentence, salient, opening_clause, subject: !object_or_possessive(doc, i) });
                people.mention(doc, i, who);
                continue;
            }
            let mention = if let Some(role) = role_at[i] {
                Some(role)
            } else if token.capital && !in_hit[i] {
                let (base, _) = strip_possessive(word);
                // "Ms Brennan", "mum Jade", "his mum, Funmi": the role names the
                // person. A role for many ("school", "police") names no one
                // after a comma: "Seen in school, Jayden says …".
                let title_before = i.checked_sub(1).and_then(|p| {
                    let between = &doc.norm[doc.tokens[p].end..token.start];
                    role_at[p].filter(|&(_, gender)| between == " " || (between == ", " && gender != Gender::Plural))
                });
                let name_before = i
                    .checked_sub(1)
                    .is_some_and(|p| people.mentions.last().is_some_and(|&(t, _)| t == p) && doc.tokens[p].capital && doc.tokens[p].end + 1 >= token.start);
                match names.get(base) {
                    // "Ms Brennan", "mum Jade", "Grace Ann": the same person as the word before.
                    Some(_) if title_before.is_some() || name_before => None,
                    Some(&who) => Some((who, Gender::Any)),
                    None => None,
                }
            } else {
                None
            };
            if let Some((who, gender)) = mention {
                if who != Who::Worker {
                    let (salient, opening_clause) = (salient(&recent), in_opening_clause(doc, i));
                    recent.push(Recent { who, gender, sentence: token.sentence, salient, opening_clause, subject: !object_or_possessive(doc, i) });
                }
                people.mention(doc, i, who);
            }
        }
        people
    }

    fn mention(&mut self, doc: &Document<'_>, token: usize, who: Who) {
        self.mentions.push((token, who));
        if !object_or_possessive(doc, token) {
            self.subjects.push((token, who));
        }
    }

    /// The person mentioned nearest before token `at`, within `window` tokens
    /// of the same sentence.
    pub fn before(&self, doc: &Document<'_>, at: usize, window: usize) -> Option<(usize, Who)> {
        let sentence = doc.tokens.get(at.min(doc.tokens.len().saturating_sub(1)))?.sentence;
        let lowest = at.saturating_sub(window);
        let i = self.subjects.partition_point(|&(t, _)| t < at);
        self.subjects[..i].iter().rev().find(|&&(t, _)| t >= lowest && doc.tokens[t].sentence == sentence && !doc.tokens[t].quoted).copied()
    }

    /// Every mention of a person among tokens `first..end`, in order.
    pub fn between(&self, first: usize, end: usize) -> &[(usize, Who)] {
        let from = self.mentions.partition_point(|&(t, _)| t < first);
        let to = self.mentions.partition_point(|&(t, _)| t < end);
        &self.mentions[from..to.max(from)]
    }

    /// Whom the word at `token` refers to, if it is a person.
    pub fn at(&self, token: usize) -> Option<Who> {
        self.mentions.binary_search_by_key(&token, |&(t, _)| t).ok().map(|i| self.mentions[i].1)
    }

    /// The first person mentioned in a sentence.
    pub fn first_in(&self, doc: &Document<'_>, sentence: usize) -> Option<Who> {
        let range = doc.sentences.get(sentence)?;
        let i = self.subjects.partition_point(|&(t, _)| t < range.first_token);
        self.subjects.get(i).filter(|&&(t, _)| t < range.end_token).map(|&(_, who)| who)
    }

    /// The person mentioned nearest after token `at`, within `window` tokens.
    pub fn after(&self, doc: &Document<'_>, at: usize, window: usize) -> Option<(usize, Who)> {
        let i = self.subjects.partition_point(|&(t, _)| t <= at);
        self.subjects[i..].iter().find(|&&(t, _)| t <= at + window && !doc.tokens[t].quoted).copied()
    }
}

/// Names are capitalised words used mid-sentence (or the context's child);
/// the words around them say whether they are a child or an adult.
fn classify_names(doc: &Document<'_>, child_names: &[String], role_at: &[Option<(Who, Gender)>], in_hit: &[bool]) -> FxHashMap<String, Who> {
    // name → (child cues, adult cues)
    let mut scores: FxHashMap<String, (i32, i32)> = child_names.iter().map(|n| (n.clone(), (10, 0))).collect();
    let capitalised = |i: usize| -> Option<(&str, bool)> {
        let token = doc.tokens[i];
        if !token.capital || token.quoted || in_hit[i] {
            return None;
        }
        let (word, possessive) = strip_possessive(doc.word(i));
        let all_caps = doc.norm[token.start..token.end].chars().all(|c| !c.is_lowercase());
        let usable = !all_caps && word.chars().nth(1).is_some() && NOT_NAMES.binary_search(&word).is_err();
        usable.then_some((word, possessive))
    };
    // A capitalised word is a name when it is used mid-sentence, as a
    // possessive, with an age ("Kayla (15)"), or more than once and never in
    // lower case; a word capitalised only to start one sentence is not.
    let mut candidates: FxHashSet<&str> = FxHashSet::default();
    let mut starts: FxHashSet<&str> = FxHashSet::default();
    // Words that start two sentences: names, unless the note also writes them
    // in lower case (then they are ordinary words: "Today", "Mum").
    let mut repeated_starts: FxHashSet<&str> = FxHashSet::default();
    let capitalised: Vec<Option<(&str, bool)>> = (0..doc.tokens.len()).map(capitalised).collect();
    for (i, &cap) in capitalised.iter().enumerate() {
        let Some((word, possessive)) = cap else { continue };
        let token = doc.tokens[i];
        let sentence_start = doc.sentences[token.sentence].first_token == i;
        // "Kayla (15)", "Sophie Ward (Finley's mum)": an aside in brackets.
        let with_aside = aside_after_name(doc, i).is_some_and(|a| a.bracketed);
        if !sentence_start || possessive || with_aside {
            candidates.insert(word);
        } else if !starts.insert(word) {
            repeated_starts.insert(word);
        }
    }
    if !repeated_starts.is_empty() {
        // Most words differ from all of these in length or first letter,
        // which is cheaper to see than a lookup.
        let mut shapes = [0u32; 32];
        for w in &repeated_starts {
            shapes[w.len() % 32] |= 1 << (w.as_bytes()[0] % 32);
        }
        let lower_case: FxHashSet<&str> = doc
            .tokens
            .iter()
            .filter(|t| !t.capital && shapes[(t.end - t.start) % 32] & (1 << (doc.norm.as_bytes()[t.start] % 32)) != 0)
            .map(|t| &doc.norm[t.start..t.end])
            .filter(|w| repeated_starts.contains(w))
            .collect();
        candidates.extend(repeated_starts.into_iter().filter(|w| !lower_case.contains(w)));
    }
    for (i, &cap) in capitalised.iter().enumerate() {
        let Some((word, possessive)) = cap else { continue };
        if !scores.contains_key(word) && !candidates.contains(word) {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| doc.word(p));
        let prev_role = i.checked_sub(1).and_then(|p| role_at[p]).map(|(w, _)| w);
        let next_role = role_at.get(i + 1).copied().flatten().map(|(w, _)| w);
        let (child, adult) = (&mut 0, &mut 0);
        if prev.is_some_and(|p| TITLES.contains(&p)) || prev_role == Some(Who::Adult) {
            *adult += 2;
        }
        if prev_role == Some(Who::Child) || prev.is_some_and(|p| p == "old" || p == "baby") {
            *child += 2;
        }
        if possessive {
            match next_role {
                // Jayden's mum: Jayden has a parent, so is probably the child.
                Some(Who::Adult) => *child += 1,
                // Sarah's son: Sarah is the parent.
                Some(Who::Child) => *adult += 1,
                _ => {}
            }
        }
        // An aside after the name, or after its surname: "Jayden (9)",
        // "Sophie Ward (Finley's mum)", "Jade, mum,".
        if let Some(aside) = aside_after_name(doc, i) {
            let words = &doc.lower[aside.start..aside.end];
            let age = words.trim_start().trim_start_matches("aged ").trim_start_matches("age ");
            let digits: String = age.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(years) = digits.parse::<u32>() {
                // An adult's age is given the same way: "Saima (24)".
                let months_or_weeks = age[digits.len()..].trim_start().starts_with(['m', 'w']);
                if years < 18 || months_or_weeks {
                    *child += 2;
                } else {
                    *adult += 2;
                }
            }
            for t in doc.token_at(aside.start)..doc.token_at(aside.end) {
                match role_at.get(t).copied().flatten() {
                    Some((Who::Adult, _)) => *adult += 2,
                    Some((Who::Child, _)) => *child += 1,
                    _ => {}
                }
            }
        }
        let score = scores.entry(word.to_owned()).or_default();
        score.0 += *child;
        score.1 += *adult;
    }
    let has_context_child = !child_names.is_empty();
    scores
        .into_iter()
        .map(|(name, (child, adult))| {
            let who = if child > adult {
                Who::Child
            } else if adult > child {
                Who::Adult
            } else if has_context_child {
                Who::Unknown
            } else {
                // Adults in case notes are mostly named by role ("mum"); a bare
                // first name is more often a child's.
                Who::Child
            };
            (name, who)
        })
        .collect()
}

/// A short aside after a name and up to two more capitalised words (its
/// surname): "Jayden (9)", "Kerry-Ann Doyle (Sophie's mum)", "Jade, mum,".
struct Aside {
    /// Byte range of the aside's words in the normalised text.
    start: usize,
    end: usize,
    bracketed: bool,
}

fn aside_after_name(doc: &Document<'_>, name: usize) -> Option<Aside> {
    let mut last = name;
    while last < name + 2 && doc.tokens.get(last + 1).is_some_and(|t| t.capital && doc.lower[doc.tokens[last].end..t.start].trim().is_empty()) {
        last += 1;
    }
    let after = doc.tokens[last].end;
    let rest = doc.lower[after..].trim_start_matches(' ');
    let (bracketed, close, max_words) = match rest.chars().next()? {
        '(' => (true, ')', 6),
        ',' => (false, ',', 4),
        _ => return None,
    };
    let start = doc.lower.len() - rest.len() + 1;
    let inner = &doc.lower[start..];
    // An aside is short: look no further than its longest (the stops are
    // ASCII, so a byte search finds them at character boundaries).
    let window = &inner.as_bytes()[..inner.len().min(65)];
    let end = start + window.iter().position(|&b| b == close as u8 || b == b'.' || b == b'\n').unwrap_or(window.len());
    if end - start > 64 {
        return None;
    }
    // A long clause after a comma is not an aside about the name.
    let words = doc.lower[start..end].split_whitespace().count();
    (words <= max_words).then_some(Aside { start, end, bracketed })
}

fn strip_possessive(word: &str) -> (&str, bool) {
    match word.strip_suffix("'s") {
        Some(base) if !base.is_empty() => (base, true),
        _ => (word, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Checker;

    fn mentions(text: &str) -> Vec<(String, Who)> {
        let checker = Checker::new();
        let doc = Document::new(text, &checker.policy_for_tests().lexicon);
        let people = People::new(&doc, &Context::default());
        people.mentions.iter().map(|&(t, who)| (doc.word(t).to_owned(), who)).collect()
    }

    #[test]
    fn not_names_is_sorted_for_binary_search() {
        assert!(NOT_NAMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_name_after_a_role_is_that_adult() {
        let found = mentions("His mum, Funmi, told me he started medication.");
        assert_eq!(found, [("his".into(), Who::Child), ("mum".into(), Who::Adult), ("me".into(), Who::Worker), ("he".into(), Who::Child)]);
    }

    #[test]
    fn a_pronoun_prefers_the_main_clause() {
        let found = mentions("I posted Mrs Okoro the minutes about Daniel and Grace-Ann, because she is partially sighted.");
        assert_eq!(found.iter().find(|(w, _)| w == "she").map(|m| m.1), Some(Who::Adult));
    }

    #[test]
    fn a_pronoun_skips_the_subject_of_an_opening_while_clause() {
        let found = mentions("While the aunt made a drink Denisa (9) showed me the marks. I asked what happened and she said it was Ionut.");
        let she: Vec<Who> = found.iter().filter(|(w, _)| w == "she").map(|m| m.1).collect();
        assert_eq!(she, [Who::Child]);
        // Without the opening clause, the first person is still the subject.
        let found = mentions("The aunt made a drink and Denisa (9) showed me the marks. She said it was fine.");
        assert_eq!(found.iter().find(|(w, _)| w == "she").map(|m| m.1), Some(Who::Adult));
        // Openings with no clause subject of their own before the sentence's.
        for opening in ["When I arrived, Mum told me", "As agreed, Mum told me", "When asked, Mum told me", "Once again Mum told me"] {
            let found = mentions(&format!("{opening} Kayla (12) had been sent home. She said she was fed up."));
            assert_eq!(found.iter().find(|(w, _)| w == "she").map(|m| m.1), Some(Who::Adult), "{opening}");
        }
    }

    /// Whom the nearest subject before `verb` (its first use) refers to,
    /// in a note about `child`.
    fn subject_of(text: &str, child: &str, verb: &str) -> Option<Who> {
        let checker = Checker::new();
        let doc = Document::new(text, &checker.policy_for_tests().lexicon);
        let people = People::new(&doc, &Context::default().with_child_name(child));
        let at = (0..doc.tokens.len()).find(|&t| doc.word(t) == verb)?;
        people.before(&doc, at, 16).map(|(_, who)| who)
    }

    #[test]
    fn a_prepositions_object_is_not_a_subject() {
        // "school" is an adult role word: after "in" it is where, not who.
        assert_eq!(subject_of("Seen in school, Jayden says all good at home.", "Jayden", "says"), Some(Who::Child));
        assert_eq!(subject_of("Seen in the school office, Jayden says all good.", "Jayden", "says"), Some(Who::Child));
        // "in" that ends a clause leaves the next word a subject.
        assert_eq!(subject_of("When mom came in, Destiny looked up and said Mommy.", "Destiny", "said"), Some(Who::Child));
        assert_eq!(subject_of("Jayden was upstairs when mum came in she said hello.", "Jayden", "said"), Some(Who::Adult));
        assert_eq!(subject_of("Mum went out when I came in. Jayden said school is mid.", "Jayden", "said"), Some(Who::Child));
    }

    #[test]
    fn a_sentence_opening_pronoun_is_the_last_subject() {
        let found = mentions("Email from Ms Brennan, Siobhan's head of year. She asked for an update.");
        assert_eq!(found.iter().find(|(w, _)| w == "she").map(|m| m.1), Some(Who::Adult));
    }

    #[test]
    fn ages_and_possessives_mark_a_child() {
        let found = mentions("Kayla (15) moved today. Kayla said she was fine. Sophie Ward (Finley's mum) rang.");
        assert_eq!(found.iter().find(|(w, _)| w == "kayla").map(|m| m.1), Some(Who::Child));
        assert_eq!(found.iter().find(|(w, _)| w == "sophie").map(|m| m.1), Some(Who::Adult));
    }
}
