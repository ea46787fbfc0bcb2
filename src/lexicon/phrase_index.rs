//! Finds every phrase of the word lists in a note, keyed by its first word.
//!
//! Every term counts only as whole words, so a match can only begin where a
//! word begins. The index maps each term's first word to the terms starting
//! with it; a scan looks up each word of the note once and compares the few
//! terms it finds there. Building it is one pass over the terms (a general
//! multi-pattern automaton took tens of milliseconds to build in WebAssembly,
//! which the page paid before its first check), and it scans about as fast.

use rustc_hash::FxHashMap;

/// Phrases (already normalised and lower-cased), found as whole words.
#[derive(Debug, Default)]
pub(crate) struct PhraseIndex {
    phrases: Vec<Box<str>>,
    /// First word → the range of `by_word` holding the phrases that start with it.
    first_word: FxHashMap<Box<str>, (u32, u32)>,
    /// Phrases grouped by first word. Common first words ("she", "the")
    /// start dozens of phrases, so each is tested first on a few bytes.
    by_word: Vec<Candidate>,
    /// Phrases that start with neither a letter nor a digit ("(s47)"): tried
    /// wherever their first byte occurs. Rare, so kept apart.
    odd: Vec<u32>,
}

/// A phrase as found after its first word.
#[derive(Debug)]
struct Candidate {
    id: u32,
    /// The phrase's length after its first word.
    rest: u32,
    /// Up to 8 bytes after the first word, little-endian, and which of them count.
    head: u64,
    mask: u64,
}

impl PhraseIndex {
    /// Indexes `phrases`; a match reports the phrase's position in this list.
    pub fn new<I: IntoIterator<Item = String>>(phrases: I) -> PhraseIndex {
        let phrases: Vec<Box<str>> = phrases.into_iter().map(String::into_boxed_str).collect();
        // Group the phrases by first word in two passes (count, then place),
        // which is linear: sorting thousands of strings took most of the build.
        let mut first_word_map: FxHashMap<Box<str>, (u32, u32)> = FxHashMap::default();
        let mut group_of = Vec::with_capacity(phrases.len());
        let mut odd = Vec::new();
        for (id, phrase) in phrases.iter().enumerate() {
            let word = first_word(phrase);
            if word.is_empty() {
                if !phrase.is_empty() {
                    odd.push(id as u32);
                }
                group_of.push(None);
                continue;
            }
            let next_group = first_word_map.len() as u32;
            let group = match first_word_map.get_mut(word) {
                Some(range) => {
                    range.1 += 1;
                    range.0
                }
                None => {
                    first_word_map.insert(Box::from(word), (next_group, 1));
                    next_group
                }
            };
            group_of.push(Some((group, word.len())));
        }
        // Each group's (index, count) becomes its range of `by_word`.
        let mut cursor = vec![0u32; first_word_map.len()];
        for &(group, count) in first_word_map.values() {
            cursor[group as usize] = count;
        }
        let mut total = 0;
        for slot in &mut cursor {
            let count = *slot;
            *slot = total;
            total += count;
        }
        for range in first_word_map.values_mut() {
            let (group, count) = *range;
            *range = (cursor[group as usize], cursor[group as usize] + count);
        }
        let mut by_word: Vec<Candidate> = Vec::with_capacity(total as usize);
        by_word.resize_with(total as usize, || Candidate { id: 0, rest: 0, head: 0, mask: 0 });
        for (id, group) in group_of.into_iter().enumerate() {
            let Some((group, word_len)) = group else { continue };
            let slot = &mut cursor[group as usize];
            let rest = &phrases[id].as_bytes()[word_len..];
            let (head, mask) = window(rest);
            by_word[*slot as usize] = Candidate { id: id as u32, rest: rest.len() as u32, head, mask };
            *slot += 1;
        }
        PhraseIndex { first_word: first_word_map, by_word, odd, phrases }
    }

    /// Calls `found(phrase, start, end)` for every phrase in `lower` that
    /// begins and ends at word edges, overlapping ones included, in order of
    /// start (the order of phrases sharing a start is unspecified).
    #[cfg(test)]
    pub fn for_each_match(&self, lower: &str, found: impl FnMut(u32, usize, usize)) {
        self.for_each_match_and_word(lower, found, |_, _| {});
    }

    /// The same, and calls `word(start, end)` for every word (a run of
    /// letters and digits) on the way, in order: other passes over the words
    /// ride on this one.
    pub fn for_each_match_and_word(&self, lower: &str, mut found: impl FnMut(u32, usize, usize), mut on_word: impl FnMut(usize, usize)) {
        let bytes = lower.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let (word, len) = char_at(lower, i);
            if !word {
                i += len;
                continue;
            }
            let start = i;
            while i < bytes.len() {
                let (word, len) = char_at(lower, i);
                if !word {
                    break;
                }
                i += len;
            }
            on_word(start, i);
            let Some(&(from, to)) = self.first_word.get(&lower[start..i]) else { continue };
            let (head, _) = window(&bytes[i..]);
            for candidate in &self.by_word[from as usize..to as usize] {
                if head & candidate.mask != candidate.head {
                    continue;
                }
                let end = i + candidate.rest as usize;
                if candidate.rest > 8 && !self.phrases[candidate.id as usize].as_bytes().ends_with(bytes.get(i + 8..end).unwrap_or(&[1])) {
                    continue;
                }
                // The first word ended at a non-word character, so a phrase
                // that is only its first word ends at a word edge already.
                if candidate.rest == 0 || ends_at_edge(lower, end) {
                    found(candidate.id, start, end);
                }
            }
        }
        for &id in &self.odd {
            let phrase = &*self.phrases[id as usize];
            for start in (0..bytes.len()).filter(|&at| bytes[at] == phrase.as_bytes()[0]) {
                if lower[start..].starts_with(phrase) && ends_at_edge(lower, start + phrase.len()) {
                    found(id, start, start + phrase.len());
                }
            }
        }
    }
}

/// The first 8 bytes of `bytes` (fewer at the end), little-endian, and a mask of those present.
#[inline]
fn window(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len().min(8);
    let mut buf = [0u8; 8];
    buf[..n].copy_from_slice(&bytes[..n]);
    let mask = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
    (u64::from_le_bytes(buf), mask)
}

/// True when a match ending at `end` does not stop inside a word: the
/// character before `end` or the one at it is not a letter or digit.
fn ends_at_edge(lower: &str, end: usize) -> bool {
    let last_in_word = lower[..end].chars().next_back().is_some_and(char::is_alphanumeric);
    !last_in_word || end == lower.len() || !char_at(lower, end).0
}

/// The leading run of letters and digits.
fn first_word(phrase: &str) -> &str {
    let end = phrase.char_indices().find(|(_, c)| !c.is_alphanumeric()).map_or(phrase.len(), |(i, _)| i);
    &phrase[..end]
}

/// Whether the character at byte `i` is a letter or digit, and its length.
#[inline(always)]
fn char_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = s[i..].chars().next().expect("i is on a character boundary");
        (c.is_alphanumeric(), c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(phrases: &[&str], text: &str) -> Vec<(String, usize)> {
        let index = PhraseIndex::new(phrases.iter().map(|p| p.to_string()));
        let mut out = Vec::new();
        index.for_each_match(text, |id, start, end| {
            assert_eq!(&text[start..end], phrases[id as usize]);
            out.push((text[start..end].to_owned(), start));
        });
        out.sort_by_key(|m| (m.1, std::cmp::Reverse(m.0.len())));
        out
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(matches(&["lac", "cin"], "lac lack black cin, cinema"), [("lac".into(), 0), ("cin".into(), 15)]);
        assert_eq!(matches(&["mum"], "mum's mums mum"), [("mum".into(), 0), ("mum".into(), 11)]);
    }

    #[test]
    fn phrases_overlap_and_share_first_words() {
        let found = matches(&["contact", "contact centre", "centre", "a&e", "mum's view"], "the contact centre, a&e; mum's view");
        let texts: Vec<&str> = found.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(texts, ["contact centre", "contact", "centre", "a&e", "mum's view"]);
    }

    #[test]
    fn phrases_starting_or_ending_with_punctuation() {
        assert_eq!(matches(&["(s47)", "analysis:"], "an (s47) analysis: x(s47)"), [("(s47)".into(), 3), ("analysis:".into(), 9), ("(s47)".into(), 20)]);
        assert!(matches(&["analysis:"], "analysis").is_empty());
    }

    #[test]
    fn letters_beyond_ascii_are_word_characters() {
        assert_eq!(matches(&["zoë", "café"], "zoë zoëy café"), [("zoë".into(), 0), ("café".into(), 11)]);
        assert!(matches(&["zo"], "zoë").is_empty());
    }

    /// Every term of the built-in lists over every labelled note: the same
    /// matches as a general multi-pattern automaton filtered to word edges.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn same_matches_as_an_automaton_at_word_edges() {
        use aho_corasick::{AhoCorasick, MatchKind};
        let lists = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/worcestershire")).unwrap();
        let mut phrases: Vec<String> = Vec::new();
        for file in lists.map(|f| f.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            for line in std::fs::read_to_string(file).unwrap().lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
                phrases.push(crate::lexicon::normalise(line.split('|').next().unwrap().trim()).to_ascii_lowercase());
            }
        }
        phrases.extend(["(s47)".to_owned(), "zoë".to_owned(), "-".to_owned()]);
        let index = PhraseIndex::new(phrases.clone());
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&phrases).unwrap();
        let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let notes = include_str!("../../tests/notes/labelled.jsonl").to_owned() + include_str!("../../tests/notes/final.jsonl");
        let text = crate::lexicon::normalise(&notes).to_ascii_lowercase() + " Zoë's (s47) plan - x-";
        let mut expected: Vec<(u32, usize, usize)> = automaton
            .find_overlapping_iter(&text)
            .filter(|m| {
                let phrase = &phrases[m.pattern().as_usize()];
                let before_ok = !is_word(phrase.chars().next()) || !is_word(text[..m.start()].chars().next_back());
                let after_ok = !is_word(phrase.chars().next_back()) || !is_word(text[m.end()..].chars().next());
                before_ok && after_ok
            })
            .map(|m| (m.pattern().as_u32(), m.start(), m.end()))
            .collect();
        let mut found = Vec::new();
        index.for_each_match(&text, |id, start, end| found.push((id, start, end)));
        expected.sort_unstable();
        found.sort_unstable();
        assert!(found.len() > 1000, "{}", found.len());
        assert_eq!(found, expected);
    }
}
