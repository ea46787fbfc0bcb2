//! Word lists, one entry a line, compiled into a single phrase index when a
//! checker is built, so a check scans the note once for every list.
//!
//! A line is `term | value | options`: the value is the list's payload
//! (suggestions, an equality area, a deadline category, a word class) and the
//! options narrow where the term counts. The format is documented in
//! `data/README.md`.

mod classes;
mod phrase_index;
mod stem;

use rustc_hash::FxHashMap;

use classes::{parse_deadline, parse_id, parse_person};
pub(crate) use classes::{Class, DeadlineCue, OpinionClass, PersonGender, RecordingClass, Role, Tag, VoiceClass};
use phrase_index::PhraseIndex;
use stem::StemIndex;

use crate::error::Problem;
use crate::ids::{id_enum, Severity};
use crate::normalise::{matching_form, normalise};

id_enum! {
    /// Which list an entry came from, by its key in a policy's `lists`. The
    /// order is the index of each list's hits in `Document`.
    List {
        /// Acronyms and professional jargon.
        Jargon = "jargon",
        /// Blaming, stigmatising and doubt-casting labels.
        Stigmatising = "stigmatising",
        /// Summary words with nothing behind them.
        Vague = "vague",
        /// Words that record an equality area.
        Equality = "equality",
        /// Words that set the recording deadline.
        Deadline = "deadline",
        /// Analysis cues.
        Opinion = "opinion",
        /// The child's-voice cues.
        Voice = "voice",
        /// Roles and relations: who a word names.
        People = "people",
        /// Words the recording rules read.
        Recording = "recording",
    }
}

impl List {
    /// Lists whose hits compete for the same words: a longer match wins.
    fn group(self) -> u8 {
        match self {
            List::Jargon | List::Stigmatising | List::Vague => 0,
            other => other as u8,
        }
    }
}

/// One line of a word list.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub list: List,
    pub term: String,
    /// The raw value: for the wording lists, `;`-separated suggestions.
    pub value: String,
    /// What the entry means, read from the value when the list is loaded.
    pub class: Class,
    pub acronym: bool,
    /// Exact (case-sensitive) surface forms, for acronyms, normalised.
    exact: Vec<String>,
    pub expands: Option<String>,
    not_after: Words,
    not_before: Words,
    only_after: Words,
    only_before: Words,
    pub severity: Option<Severity>,
    pub plain: bool,
    /// Only as written in lower case: "faith", not the name "Faith".
    lowercase: bool,
    /// Every word form with the same stems: "engage" covers "engagement".
    stem: bool,
    /// For a `stem` entry, the stems of its term and each form: read once,
    /// when the line is checked, and moved into the stem index at build.
    stems: Vec<Vec<Box<str>>>,
    pub tag: Option<Tag>,
}

impl Entry {
    /// The value split into its `;`-separated parts.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.value.split(';').map(str::trim).filter(|s| !s.is_empty())
    }
}

/// A guard's words, shared: many entries name the same long list of words
/// (every nationality word has the same neighbours), read once.
type Words = std::sync::Arc<[String]>;

/// A match of an entry in the normalised note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub entry: u32,
    pub start: usize,
    pub end: usize,
}

/// Every list of a policy, compiled.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub entries: Vec<Entry>,
    index: PhraseIndex,
    /// The entry of each pattern: terms first, then (from `term_patterns`)
    /// acronyms' expansions.
    pattern_entry: Vec<u32>,
    term_patterns: usize,
    /// Entries marked `stem`, found by their words' stems, and the entry of
    /// each of their patterns.
    stems: StemIndex,
    stem_entry: Vec<u32>,
    /// Acronyms of letters only, by their letters in lower case: found
    /// spelled out letter by letter too ("C I N", "d s l"), as dictation
    /// writes them.
    spelled: FxHashMap<Box<str>, u32>,
    /// For each entry, the group its hits compete in (see `scan`); group 0
    /// is the language lists together.
    group_of: Vec<u32>,
    groups: usize,
}

const DETERMINERS: &[&str] = &["his", "her", "their", "the", "a", "birth", "both", "my"];

impl Lexicon {
    /// Parses and compiles lists given as `(list, name, text)`. A bad line
    /// is a problem at `name[i]` (`lists.voice[3]`, the line's index in a
    /// policy's array), or at `name line n` for a built-in `.txt` file.
    pub fn build(sources: &[(List, &str, &str)]) -> Result<Lexicon, Vec<Problem>> {
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        let mut guards: FxHashMap<String, Words> = FxHashMap::default();
        for &(list, name, text) in sources {
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                match parse_line(list, line, &mut guards) {
                    Ok(entry) => entries.push(entry),
                    Err(problem) => {
                        let path = if name.ends_with(".txt") { format!("{name} line {}", n + 1) } else { format!("{name}[{n}]") };
                        problems.push(Problem::new(path, problem));
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut patterns = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut stem_patterns: Vec<Vec<Box<str>>> = Vec::new();
        let mut stem_entry = Vec::new();
        for (i, entry) in entries.iter_mut().enumerate() {
            if entry.stem {
                for stems in std::mem::take(&mut entry.stems) {
                    stem_patterns.push(stems);
                    stem_entry.push(i as u32);
                }
                continue;
            }
            let mut forms: Vec<String> = std::iter::once(&entry.term).chain(&entry.exact).map(|f| matching_form(f.as_str())).collect();
            crate::sort::sort(&mut forms);
            forms.dedup();
            for form in forms {
                patterns.push(form);
                pattern_entry.push(i as u32);
            }
        }
        // Acronyms' spelled-out forms, found in the same scan: whether "CIN"
        // is spelled out anywhere in the note is then a lookup.
        let term_patterns = patterns.len();
        for (i, entry) in entries.iter().enumerate() {
            if let Some(expansion) = entry.expands.as_ref().filter(|_| entry.acronym) {
                patterns.push(expansion.to_ascii_lowercase());
                pattern_entry.push(i as u32);
            }
        }
        let index = PhraseIndex::new(patterns);
        let stems = StemIndex::new(stem_patterns);
        let mut spelled = FxHashMap::default();
        for (i, entry) in entries.iter().enumerate() {
            if entry.acronym && (2..=6).contains(&entry.term.len()) && entry.term.bytes().all(|b| b.is_ascii_uppercase()) {
                spelled.entry(entry.term.to_ascii_lowercase().into_boxed_str()).or_insert(i as u32);
            }
        }
        let mut keys: FxHashMap<(List, Class), u32> = FxHashMap::default();
        keys.insert((List::Jargon, Class::Wording), 0);
        let group_of = entries
            .iter()
            .map(|e| {
                let key = if e.list.group() == 0 { (List::Jargon, Class::Wording) } else { (e.list, e.class) };
                let next = keys.len() as u32;
                *keys.entry(key).or_insert(next)
            })
            .collect();
        let groups = keys.len();
        Ok(Lexicon { entries, index, pattern_entry, term_patterns, stems, stem_entry, spelled, group_of, groups })
    }

    /// Finds every entry in the normalised text (`norm`, and `lower`, its ASCII
    /// lower-case copy), keeping the longest where entries of one group
    /// overlap; and the acronyms whose expansion the text has, sorted.
    pub fn scan(&self, norm: &str, lower: &str) -> (Vec<Hit>, Vec<u32>) {
        let mut hits: Vec<Hit> = Vec::with_capacity(lower.len() / 16 + 1);
        let mut expanded: Vec<u32> = Vec::new();
        // Stemmed entries and acronyms spelled letter by letter are looked
        // for word by word in the same pass.
        let mut extra: Vec<(u32, usize, usize)> = Vec::new();
        let mut run = Spelled::default();
        let stems = (!self.stems.is_empty()).then_some(&self.stems);
        // A word is stemmed once a check: the stemmer is the costliest step
        // of the scan and notes repeat their words.
        let mut stemmed = stem::Memo::default();
        let spelled = !self.spelled.is_empty();
        self.index.for_each_match_and_word(
            lower,
            |pattern, start, end| {
                let entry_id = self.pattern_entry[pattern as usize];
                if pattern as usize >= self.term_patterns {
                    expanded.push(entry_id);
                } else if self.accepts(&self.entries[entry_id as usize], norm, lower, start, end) {
                    hits.push(Hit { entry: entry_id, start, end });
                }
            },
            |start, end| {
                if let Some(stems) = stems {
                    stems.matches_at(lower, start, end, &mut stemmed, |pattern, start, end| extra.push((self.stem_entry[pattern as usize], start, end)));
                }
                if spelled {
                    run.word(lower, start, end, |letters, start, end| {
                        if let Some(&entry_id) = self.spelled.get(letters) {
                            extra.push((entry_id, start, end));
                        }
                    });
                }
            },
        );
        run.finish(|letters, start, end| {
            if let Some(&entry_id) = self.spelled.get(letters) {
                extra.push((entry_id, start, end));
            }
        });
        for (entry_id, start, end) in extra {
            if self.accepts_here(&self.entries[entry_id as usize], lower, start, end) {
                hits.push(Hit { entry: entry_id, start, end });
            }
        }
        crate::sort::sort_by(&mut hits, |a, b| (a.start, std::cmp::Reverse(a.end), a.entry) < (b.start, std::cmp::Reverse(b.end), b.entry));
        // Per group, the kept hit reaching furthest right. The language lists
        // share one group (one finding per word, the longest term first);
        // other lists group by list and value, so a longer term hides a
        // shorter one of the same kind but not of another kind.
        let mut reach: Vec<Option<(usize, usize)>> = vec![None; self.groups];
        hits.retain(|hit| {
            let group = self.group_of[hit.entry as usize] as usize;
            let keep = match reach[group] {
                None => true,
                Some((_, end)) if group == 0 => hit.start >= end,
                Some(span) => hit.end > span.1 || span == (hit.start, hit.end),
            };
            if keep && reach[group].is_none_or(|(_, end)| hit.end > end) {
                reach[group] = Some((hit.start, hit.end));
            }
            keep
        });
        crate::sort::sort(&mut expanded);
        expanded.dedup();
        (hits, expanded)
    }

    fn accepts(&self, entry: &Entry, norm: &str, lower: &str, start: usize, end: usize) -> bool {
        if entry.acronym && !entry.exact.iter().any(|f| *f == norm[start..end]) {
            return false;
        }
        if entry.lowercase && norm[start..end].chars().any(char::is_uppercase) {
            return false;
        }
        self.accepts_here(entry, lower, start, end)
    }

    /// The entry's guards on the neighbouring words.
    fn accepts_here(&self, entry: &Entry, lower: &str, start: usize, end: usize) -> bool {
        // The text either side is trimmed once, not once for each guard
        // word: some entries have a hundred ("contact").
        let before = before_words(lower, start);
        let after = after_words(lower, end);
        if entry.not_after.iter().any(|w| preceded_by(before, w)) {
            return false;
        }
        if entry.not_before.iter().any(|w| followed_by(after, w, false)) {
            return false;
        }
        if entry.only_after.is_empty() && entry.only_before.is_empty() {
            return true;
        }
        entry.only_after.iter().any(|w| preceded_by(before, w)) || entry.only_before.iter().any(|w| followed_by(after, w, true))
    }
}

fn parse_line(list: List, line: &str, guards: &mut FxHashMap<String, Words>) -> Result<Entry, String> {
    let mut fields = line.split('|').map(str::trim);
    let term = fields.next().unwrap_or_default().to_owned();
    let value = fields.next().unwrap_or_default().to_owned();
    let options = fields.next().unwrap_or_default();
    if fields.next().is_some() {
        return Err("expected at most three `|`-separated fields".into());
    }
    if term.is_empty() {
        return Err("the term is empty".into());
    }
    let class = match list {
        List::Jargon | List::Stigmatising | List::Vague => Class::Wording,
        List::Equality => Class::Equality(parse_id("equality area", &value)?),
        List::Deadline => Class::Deadline(parse_deadline(&value)?),
        List::Opinion => Class::Opinion(parse_id("opinion class", &value)?),
        List::Voice => Class::Voice(parse_id("voice class", &value)?),
        List::People => {
            let (role, gender) = parse_person(&value)?;
            Class::Person(role, gender)
        }
        List::Recording => Class::Recording(parse_id("recording class", &value)?),
    };
    let mut entry = Entry {
        list,
        term,
        value,
        class,
        acronym: false,
        exact: Vec::new(),
        expands: None,
        not_after: Words::default(),
        not_before: Words::default(),
        only_after: Words::default(),
        only_before: Words::default(),
        severity: None,
        plain: false,
        lowercase: false,
        stem: false,
        stems: Vec::new(),
        tag: None,
    };
    let mut forms = Vec::new();
    for option in options.split(';').map(str::trim).filter(|o| !o.is_empty()) {
        let (key, arg) = option.split_once('=').map_or((option, ""), |(k, v)| (k.trim(), v.trim()));
        let mut words = || {
            if let Some(words) = guards.get(arg) {
                return words.clone();
            }
            let words: Words = arg.split(',').map(|w| matching_form(w.trim())).filter(|w| !w.is_empty()).collect();
            guards.insert(arg.to_owned(), words.clone());
            words
        };
        match key {
            "acronym" => entry.acronym = true,
            "plain" => entry.plain = true,
            "lowercase" => entry.lowercase = true,
            "stem" => entry.stem = true,
            "expands" => entry.expands = Some(arg.to_owned()),
            "forms" => forms.extend(arg.split(',').map(|w| w.trim().to_owned()).filter(|w| !w.is_empty())),
            "not_after" => entry.not_after = words(),
            "not_before" => entry.not_before = words(),
            "only_after" => entry.only_after = words(),
            "only_before" => entry.only_before = words(),
            "severity" => entry.severity = Some(Severity::from_id(arg).ok_or_else(|| format!("unknown severity {arg:?}"))?),
            "tag" => entry.tag = Some(parse_id("tag", arg)?),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    if entry.stem {
        if entry.acronym {
            return Err("`stem` and `acronym` cannot be combined: an acronym is matched in its exact case only".into());
        }
        for form in std::iter::once(&entry.term).chain(&forms) {
            let stems = stem::phrase_stems(&matching_form(form))?;
            if !entry.stems.contains(&stems) {
                entry.stems.push(stems);
            }
        }
    }
    if entry.acronym {
        let mut exact = vec![entry.term.clone(), format!("{}s", entry.term)];
        for form in &forms {
            exact.push(form.clone());
            if form.chars().last().is_some_and(|c| c.is_ascii_alphabetic()) {
                exact.push(format!("{form}s"));
            }
        }
        entry.exact = exact.iter().map(|f| normalise(f)).collect();
    } else {
        entry.exact = forms;
    }
    entry.expands = entry.expands.map(|e| normalise(&e));
    Ok(entry)
}

/// Runs of two or more single letters one space apart ("C I N" gives
/// "cin"), read word by word.
#[derive(Default)]
struct Spelled {
    letters: String,
    start: usize,
    end: usize,
}

impl Spelled {
    /// The next word of the note; calls `found(letters, start, end)` for a
    /// run that this word ends.
    fn word(&mut self, lower: &str, start: usize, end: usize, found: impl FnMut(&str, usize, usize)) {
        let bytes = lower.as_bytes();
        let single = end - start == 1 && bytes[start].is_ascii_lowercase();
        let follows = !self.letters.is_empty() && start == self.end + 1 && bytes[self.end] == b' ';
        if single && follows {
            self.letters.push(bytes[start] as char);
            self.end = end;
            return;
        }
        self.finish(found);
        if single && !bytes.get(end).is_some_and(|b| !b.is_ascii() || matches!(b, b'\'' | b'.')) {
            self.letters.push(bytes[start] as char);
            self.start = start;
            self.end = end;
        }
    }

    /// Ends the run; calls `found` if it has two letters or more.
    fn finish(&mut self, mut found: impl FnMut(&str, usize, usize)) {
        let n = self.letters.len();
        // "a C I N visit": an article or "I" before the letters is a word.
        if n >= 3 && self.letters.starts_with(['a', 'i']) {
            found(&self.letters[1..], self.start + 2, self.end);
        }
        if n >= 2 {
            found(&self.letters, self.start, self.end);
        }
        self.letters.clear();
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The text before `start`, without the spaces, quotation marks and
/// bracket just before it: what `preceded_by` compares.
fn before_words(lower: &str, start: usize) -> &str {
    lower[..start].trim_end_matches([' ', '"', '\'', '('])
}

/// The text after `end`, without the spaces just after it: what
/// `followed_by` compares.
fn after_words(lower: &str, end: usize) -> &str {
    lower[end..].trim_start_matches(' ')
}

/// True when the words just before a match (`before`, from `before_words`) are `phrase`.
fn preceded_by(before: &str, phrase: &str) -> bool {
    before.ends_with(phrase) && !before[..before.len() - phrase.len()].chars().next_back().is_some_and(is_word_char)
}

/// True when the words just after a match (`rest`, from `after_words`)
/// begin with `phrase`, optionally skipping determiners ("with *his* dad").
fn followed_by(mut rest: &str, mut phrase: &str, skip_determiners: bool) -> bool {
    loop {
        if starts_with_word(rest, phrase) {
            return true;
        }
        if !skip_determiners {
            return false;
        }
        // Step past one word of the phrase that the text also has, then past
        // any determiner the text adds ("with" "his" "dad").
        let Some((head, tail)) = phrase.split_once(' ') else { return false };
        if !starts_with_word(rest, head) {
            return false;
        }
        rest = rest[head.len()..].trim_start_matches(' ');
        while let Some(det) = DETERMINERS.iter().find(|d| starts_with_word(rest, d)) {
            rest = rest[det.len()..].trim_start_matches(' ');
        }
        phrase = tail;
    }
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word) && !text[word.len()..].chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(list: &str) -> Lexicon {
        Lexicon::build(&[(List::Jargon, "test.txt", list)]).unwrap()
    }

    fn found(lex: &Lexicon, text: &str) -> Vec<String> {
        let norm = normalise(text);
        let lower = norm.to_ascii_lowercase();
        lex.scan(&norm, &lower).0.iter().map(|h| norm[h.start..h.end].to_owned()).collect()
    }

    #[test]
    fn acronyms_match_their_exact_case_only() {
        let lex = lexicon("LAC | child in care | acronym\nCIN | child in need | acronym; forms=CiN\nMASH | safeguarding hub | acronym");
        assert_eq!(found(&lex, "The LAC review. LACs. CiN plan."), ["LAC", "LACs", "CiN"]);
        assert!(found(&lex, "a lack of food, the cinema, smashed plates, Lac, mash").is_empty());
    }

    #[test]
    fn guards_read_the_neighbouring_words() {
        let lex = lexicon(
            "contact | family time | not_before=details,number; only_after=supervised,weekly; only_before=with mum,with dad\nplacement | home | not_after=work,school",
        );
        assert_eq!(found(&lex, "supervised contact; contact with his dad; contact with mum"), ["contact", "contact", "contact"]);
        assert!(found(&lex, "contact details, eye contact, I will contact school, contact with the school").is_empty());
        assert_eq!(found(&lex, "her foster placement, a work placement, school placement"), ["placement"]);
    }

    #[test]
    fn hyphens_spaces_and_apostrophes_are_one_form() {
        let lex = lexicon("attention-seeking | seeking connection\nmum's view | mum said");
        assert_eq!(
            found(&lex, "attention seeking, attention\u{2011}seeking and attention-seeking; mum\u{2019}s view"),
            ["attention seeking", "attention seeking", "attention seeking", "mum's view"]
        );
    }

    #[test]
    fn longest_overlapping_term_wins() {
        let lex = lexicon("contact | family time\ncontact centre | family centre");
        assert_eq!(found(&lex, "at the contact centre"), ["contact centre"]);
    }

    #[test]
    fn stemmed_entries_cover_their_word_forms() {
        let lex = lexicon("disengage | not working with us | stem\nrefused to engage | has not agreed | stem\naddict | uses drugs | stem; not_after=shopping");
        assert_eq!(
            found(&lex, "Mum disengaged; her disengagement; she refuses to engage. An addict; addiction; a shopping addict."),
            ["disengaged", "disengagement", "refuses to engage", "addict", "addiction"]
        );
        assert!(found(&lex, "She was engaged in conversation. Addie.").is_empty());
    }

    #[test]
    fn acronyms_spelled_letter_by_letter() {
        let lex = lexicon("CIN | child in need | acronym\nIRO | reviewing officer | acronym");
        assert_eq!(found(&lex, "the C I N review; tell the i r o; a C I N visit; a b c; I R Oh"), ["C I N", "i r o", "C I N"]);
    }

    #[test]
    fn stem_is_refused_where_it_cannot_apply() {
        for line in ["LAC | child in care | acronym; stem", "mum's view | mum said | stem", "ox | cattle | stem"] {
            assert!(Lexicon::build(&[(List::Jargon, "x.txt", line)]).is_err(), "{line}");
        }
    }

    #[test]
    fn bad_lines_are_reported_together() {
        let err = Lexicon::build(&[(List::Jargon, "x.txt", "a | b | colour=red\n | empty\nok | fine | severity=huge")]).unwrap_err();
        let paths: Vec<&str> = err.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["x.txt line 1", "x.txt line 2", "x.txt line 3"]);
        let err = Lexicon::build(&[(List::Opinion, "lists.opinion", "in my view | frame\nthis shows | anaylsis")]).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].path, "lists.opinion[1]");
        assert!(err[0].message.contains("unknown opinion class \"anaylsis\""), "{}", err[0].message);
    }
}
