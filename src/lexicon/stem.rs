//! Word forms. An entry marked `stem` matches every word form the English
//! Snowball stemmer (the `rust-stemmers` crate) reduces to the same stem as
//! its own words: "engage" covers engages, engaged, engaging and engagement;
//! "addict" covers addicts, addicted, addiction and addictive.
//!
//! The note's words are stemmed only where a stemmed entry could start.
//! Snowball removes endings and may change a stem's last letter (`y` to `i`),
//! so a word can only have the stem `S` when it begins with all of `S` but its
//! last letter. A word is stemmed only when it begins so for the first stem of
//! some entry: most words of a note fail that test on their first three
//! letters (one bit looked up), so stemming costs little.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

/// The English stem of a lower-case word.
pub(crate) fn stem(word: &str) -> Cow<'_, str> {
    Stemmer::create(Algorithm::English).stem(word)
}

/// The stems of a note's words, each worked out once.
#[derive(Default)]
pub(crate) struct Memo<'t>(FxHashMap<&'t str, Box<str>>);

impl<'t> Memo<'t> {
    fn stem(&mut self, word: &'t str) -> &str {
        self.0.entry(word).or_insert_with(|| Box::from(&*stem(word)))
    }
}

/// The stems of a phrase's words, or why it cannot be stemmed: a stemmed
/// term is plain words (letters, one space between words), and its first
/// stem has at least three letters (the key the index finds it by).
pub(crate) fn phrase_stems(phrase: &str) -> Result<Vec<Box<str>>, String> {
    let words: Vec<&str> = phrase.split(' ').collect();
    if words.iter().any(|w| w.is_empty() || !w.bytes().all(|b| b.is_ascii_lowercase())) {
        return Err(format!("`stem` needs plain words (letters and single spaces), got {phrase:?}"));
    }
    let stems: Vec<Box<str>> = words.iter().map(|w| Box::from(&*stem(w))).collect();
    if stems[0].len() < 3 {
        return Err(format!("`stem` needs a first word of three or more letters, got {phrase:?}"));
    }
    Ok(stems)
}

/// A stemmed phrase after its first word: its id and the stems of its other words.
type Rest = (u32, Box<[Box<str>]>);

/// Stemmed phrases, keyed by the stem of their first word.
#[derive(Debug, Default)]
pub(crate) struct StemIndex {
    /// First stem → (pattern id, the stems of the phrase's other words).
    by_first: FxHashMap<Box<str>, Vec<Rest>>,
    /// One bit for each three-letter prefix (a–z) that begins a first stem.
    prefixes: Box<[u64]>,
    /// For each such prefix, the first stems without their last letter: what
    /// a word must begin with to be worth stemming.
    heads: FxHashMap<u32, Vec<Box<[u8]>>>,
}

const PREFIXES: usize = 26 * 26 * 26;

/// The bit of a word's first three letters, when they are all a–z.
#[inline]
fn prefix_bit(word: &[u8]) -> Option<usize> {
    let letter = |b: u8| b.is_ascii_lowercase().then(|| (b - b'a') as usize);
    Some((letter(word[0])? * 26 + letter(word[1])?) * 26 + letter(word[2])?)
}

impl StemIndex {
    /// Indexes phrases given as their words' stems; a match reports the
    /// phrase's position in this list.
    pub fn new(phrases: Vec<Vec<Box<str>>>) -> StemIndex {
        let mut index =
            StemIndex { by_first: FxHashMap::default(), prefixes: vec![0u64; PREFIXES.div_ceil(64)].into_boxed_slice(), heads: FxHashMap::default() };
        for (id, mut stems) in phrases.into_iter().enumerate() {
            let first = stems.remove(0);
            if let Some(bit) = prefix_bit(first.as_bytes()) {
                index.prefixes[bit / 64] |= 1 << (bit % 64);
                let head: Box<[u8]> = Box::from(&first.as_bytes()[..first.len() - 1]);
                let heads = index.heads.entry(bit as u32).or_default();
                if !heads.contains(&head) {
                    heads.push(head);
                }
            }
            index.by_first.entry(first).or_default().push((id as u32, stems.into_boxed_slice()));
        }
        index
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Calls `found(phrase, start, end)` for every stemmed phrase in `lower`
    /// (the note in lower case) that starts with the word at `start..end`:
    /// whole words whose stems are the phrase's, one space apart.
    #[inline]
    pub fn matches_at<'t>(&self, lower: &'t str, start: usize, end: usize, memo: &mut Memo<'t>, mut found: impl FnMut(u32, usize, usize)) {
        let bytes = lower.as_bytes();
        // Only ASCII words of three letters or more, whose first three
        // letters begin some entry's stem, are stemmed.
        if end - start < 3 || !bytes[start..end].is_ascii() {
            return;
        }
        let Some(bit) = prefix_bit(&bytes[start..]) else { return };
        if self.prefixes[bit / 64] & (1 << (bit % 64)) == 0 {
            return;
        }
        let word = &bytes[start..end];
        if !self.heads.get(&(bit as u32)).is_some_and(|heads| heads.iter().any(|head| word.starts_with(head))) {
            return;
        }
        let Some(patterns) = self.by_first.get(memo.stem(&lower[start..end])) else { return };
        for (id, rest) in patterns {
            if let Some(phrase_end) = rest_matches(lower, end, rest, memo) {
                found(*id, start, phrase_end);
            }
        }
    }

    /// Calls `found(phrase, start, end)` for every stemmed phrase in `lower`.
    #[cfg(test)]
    pub fn for_each_match(&self, lower: &str, mut found: impl FnMut(u32, usize, usize)) {
        let mut memo = Memo::default();
        crate::words::for_each_word(lower, |start, end| {
            // Words here are runs of letters and digits, as the phrase index reads them.
            let mut at = start;
            for (i, c) in lower[start..end].char_indices() {
                if !c.is_alphanumeric() {
                    if at < start + i {
                        self.matches_at(lower, at, start + i, &mut memo, &mut found);
                    }
                    at = start + i + c.len_utf8();
                }
            }
            if at < end {
                self.matches_at(lower, at, end, &mut memo, &mut found);
            }
        });
    }
}

/// Where the phrase ends when the words from `at` on are, one space apart,
/// words with the stems `rest`.
fn rest_matches<'t>(lower: &'t str, mut at: usize, rest: &[Box<str>], memo: &mut Memo<'t>) -> Option<usize> {
    let bytes = lower.as_bytes();
    for want in rest {
        if bytes.get(at) != Some(&b' ') || !bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        let end = word_end(bytes, at + 1);
        if bytes.get(end).is_some_and(|b| !b.is_ascii()) || memo.stem(&lower[at + 1..end]) != &**want {
            return None;
        }
        at = end;
    }
    Some(at)
}

fn word_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(phrases: &[&str], text: &str) -> Vec<String> {
        let index = StemIndex::new(phrases.iter().map(|p| phrase_stems(p).unwrap()).collect());
        let mut out = Vec::new();
        index.for_each_match(text, |_, start, end| out.push(text[start..end].to_owned()));
        out
    }

    #[test]
    fn one_entry_covers_its_word_forms() {
        assert_eq!(matches(&["engage"], "engages, engaged, engaging and engagement; engine"), ["engages", "engaged", "engaging", "engagement"]);
        assert_eq!(matches(&["addict"], "an addict, addicts, addicted, addiction, addictive"), ["addict", "addicts", "addicted", "addiction", "addictive"]);
        assert_eq!(matches(&["neglectful"], "neglectful parenting"), ["neglectful"]);
    }

    #[test]
    fn phrases_match_word_by_word() {
        assert_eq!(
            matches(&["refused to engage"], "she refuses to engage; refusing to engagement; refused, to engage"),
            ["refuses to engage", "refusing to engagement"]
        );
        assert_eq!(matches(&["made it up"], "he makes it up; he made it up"), ["made it up"]);
    }

    #[test]
    fn whole_words_only() {
        assert!(matches(&["claim"], "reclaimed proclaims").is_empty());
        assert!(matches(&["drunk"], "drunkenness").is_empty());
        assert!(matches(&["engage"], "café engagé").is_empty());
    }

    #[test]
    fn terms_that_cannot_be_stemmed_are_refused() {
        assert!(phrase_stems("mum's view").is_err());
        assert!(phrase_stems("ox").is_err());
        assert!(phrase_stems("lack of insight").is_ok());
    }
}
