//! A note prepared once per check and shared by every rule: the normalised
//! text, its words, sentences and quotations, and every word-list hit.

use crate::lexicon::{Class, Entry, Hit, Lexicon, List};
use crate::normalise::normalise_into;

/// A word of the normalised text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// Inside quotation marks.
    pub quoted: bool,
    /// Starts with an upper-case letter.
    pub capital: bool,
}

/// A sentence or stand-alone line: byte range and token range.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
    pub first_token: usize,
    pub end_token: usize,
}

/// A note ready for the rules. All positions are byte offsets into `norm`.
#[derive(Debug)]
pub(crate) struct Document<'t> {
    pub text: &'t str,
    lexicon: &'t Lexicon,
    /// The note with apostrophes, quotes, hyphens and spaces made uniform.
    pub norm: String,
    /// `norm` in ASCII lower case (same length).
    pub lower: String,
    /// For each byte of `norm` (and one past the end), its offset in `text`.
    to_text: Vec<u32>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Content ranges of quotations of someone's own words. A quoted
    /// example of recording is not one (see `is_recording_example`): its
    /// words are the recording, read like the writer's own, and the
    /// quotations inside it count.
    pub quotes: Vec<(usize, usize)>,
    pub hits: Vec<Hit>,
    /// `hits` split by list (indexed by `List as usize`), each in text order.
    by_list: Vec<Vec<Hit>>,
    /// Acronym entries whose spelled-out form the note has, sorted.
    expanded: Vec<u32>,
}

const ABBREVIATIONS: &[&str] = &["mr", "mrs", "ms", "dr", "st", "no", "e.g", "i.e", "eg", "ie", "etc", "approx", "dob", "pc", "dc", "ds", "vs", "s", "sec"];

impl<'t> Document<'t> {
    pub fn new(text: &'t str, lexicon: &'t Lexicon) -> Document<'t> {
        let mut norm = String::with_capacity(text.len());
        let mut to_text = Vec::with_capacity(text.len() + 1);
        normalise_into(text, &mut norm, Some(&mut to_text));
        let lower = norm.to_ascii_lowercase();
        let quotes = quotes_outside_examples(&norm, &lower);
        // Sized for English prose (a word every six bytes or so), so the
        // vectors rarely grow while they fill.
        let mut tokens: Vec<Token> = Vec::with_capacity(norm.len() / 5 + 1);
        let mut quote_iter = quotes.iter().peekable();
        crate::words::for_each_word(&norm, |start, end| {
            while quote_iter.peek().is_some_and(|q| q.1 <= start) {
                quote_iter.next();
            }
            let quoted = quote_iter.peek().is_some_and(|q| q.0 <= start && end <= q.1);
            let first = norm.as_bytes()[start];
            let capital = if first.is_ascii() { first.is_ascii_uppercase() } else { norm[start..].chars().next().is_some_and(char::is_uppercase) };
            tokens.push(Token { start, end, sentence: 0, quoted, capital });
        });
        let sentences = split_sentences(&norm, &lower, &quotes, &mut tokens);
        let (hits, expanded) = lexicon.scan(&norm, &lower);
        let mut counts = [0usize; List::COUNT];
        for hit in &hits {
            counts[lexicon.entries[hit.entry as usize].list as usize] += 1;
        }
        let mut by_list: Vec<Vec<Hit>> = counts.iter().map(|&n| Vec::with_capacity(n)).collect();
        for hit in &hits {
            by_list[lexicon.entries[hit.entry as usize].list as usize].push(*hit);
        }
        Document { text, lexicon, norm, lower, to_text, tokens, sentences, quotes, hits, by_list, expanded }
    }

    /// The byte range in the original text of a range of `norm`.
    pub fn text_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.to_text[start] as usize, self.to_text[end] as usize)
    }

    /// The range of `norm` that a byte range of the original text became
    /// (the inverse of [`Document::text_range`]; white space dropped by
    /// normalising shrinks the range).
    pub fn norm_range(&self, start: usize, end: usize) -> (usize, usize) {
        let at = |pos: usize| self.to_text.partition_point(|&t| (t as usize) < pos);
        let (start, end) = (at(start), at(end));
        (start.min(self.norm.len()), end.min(self.norm.len()).max(start.min(self.norm.len())))
    }

    /// The offset in `norm` of a byte offset of `text`: of the character
    /// there, or of the next one `norm` keeps when white space was folded.
    pub fn norm_offset(&self, text_offset: usize) -> usize {
        self.norm_range(text_offset, text_offset).0
    }

    /// The lower-case text of a token.
    pub fn word(&self, token: usize) -> &str {
        let t = self.tokens[token];
        &self.lower[t.start..t.end]
    }

    /// Index of the first token starting at or after `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// The sentence containing byte `pos`.
    pub fn sentence_of(&self, pos: usize) -> usize {
        self.sentences.partition_point(|s| s.end <= pos).min(self.sentences.len().saturating_sub(1))
    }

    /// True when `pos` lies inside a quotation of someone's own words (not
    /// a quoted example of recording: see `quotes`).
    pub fn is_quoted(&self, pos: usize) -> bool {
        let i = self.quotes.partition_point(|q| q.1 <= pos);
        self.quotes.get(i).is_some_and(|q| q.0 <= pos)
    }

    /// Hits from one list, in text order.
    pub fn hits_in(&self, list: List) -> std::slice::Iter<'_, Hit> {
        self.by_list[list as usize].iter()
    }

    /// Hits from one list that start within `[start, end)`.
    pub fn hits_between(&self, list: List, start: usize, end: usize) -> std::slice::Iter<'_, Hit> {
        let hits = &self.by_list[list as usize];
        let from = hits.partition_point(|h| h.start < start);
        let to = hits.partition_point(|h| h.start < end);
        hits[from..to.max(from)].iter()
    }

    /// True when the note spells out the acronym of `hit` somewhere.
    pub fn has_expansion(&self, hit: &Hit) -> bool {
        self.expanded.binary_search(&hit.entry).is_ok()
    }

    /// The word-list entry behind a hit.
    pub fn entry(&self, hit: &Hit) -> &'t Entry {
        &self.lexicon.entries[hit.entry as usize]
    }

    /// Unquoted hits of one class, in text order.
    pub fn hits_of<'d>(&'d self, class: Class) -> impl Iterator<Item = &'d Hit> + 'd {
        self.hits_in(class.list()).filter(move |h| self.entry(h).class == class && !self.is_quoted(h.start))
    }

    /// True when a sentence has an unquoted hit of the class.
    pub fn sentence_has(&self, sentence: usize, class: Class) -> bool {
        let s = self.sentences[sentence];
        self.hits_between(class.list(), s.start, s.end).any(|h| self.entry(h).class == class && !self.is_quoted(h.start))
    }

    /// True at "Independent Reviewing Officer (IRO)" or "IRO (Independent
    /// Reviewing Officer)", or "DKA, which is when …": the note defines or
    /// explains the acronym of `hit` here.
    pub fn defines_acronym(&self, hit: &Hit) -> bool {
        let (start, end) = (hit.start, hit.end);
        let before = self.lower[..start].trim_end();
        let after = self.lower[end..].trim_start();
        if before.ends_with('(') && after.starts_with(')') {
            let acronym: Vec<char> = self.norm[start..end].chars().filter(char::is_ascii_uppercase).collect();
            let words: Vec<char> = before[..before.len() - 1]
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty() && !matches!(*w, "and" | "of" | "for" | "the" | "in"))
                .rev()
                .take(acronym.len())
                .filter_map(|w| w.chars().next())
                .collect();
            let initials: String = words.iter().rev().collect();
            return initials.eq_ignore_ascii_case(&acronym.iter().collect::<String>());
        }
        // "DKA, which is when your body…": explained where it stands.
        const EXPLAINED: &[&str] = &["which is when", "which is where", "which is a ", "which is the ", "which means", "which stands for", "meaning "];
        let explanation = after.strip_prefix(',').unwrap_or(after).trim_start();
        if self.entry(hit).acronym && EXPLAINED.iter().any(|e| explanation.starts_with(e)) {
            return true;
        }
        let expands = self.entry(hit).expands.as_deref();
        after.starts_with('(') && expands.is_some_and(|e| after[1..].get(..e.len()).is_some_and(|a| a.eq_ignore_ascii_case(e)))
    }

    /// The byte range of a sentence without its surrounding white space.
    pub fn sentence_span(&self, sentence: usize) -> (usize, usize) {
        let s = self.sentences[sentence];
        let text = &self.norm[s.start..s.end];
        let start = s.start + (text.len() - text.trim_start().len());
        let end = s.end - (text.len() - text.trim_end().len());
        (start, end.max(start))
    }
}

/// Spoken punctuation in dictated notes: words that open and close a
/// quotation ("he said quote it's quiet unquote"), and words that end a sentence.
const SPOKEN_OPEN: &[&str] = &["open quote", "quote"];
const SPOKEN_CLOSE: &[&str] = &["unquote", "end quote", "close quote"];
const SPOKEN_STOPS: &[&str] = &["full stop", "new paragraph", "new line", "question mark", "exclamation mark"];

/// The byte range of each whole-word occurrence of `word` in `lower`.
pub(crate) fn word_ends<'a>(lower: &'a str, word: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    lower.match_indices(word).filter_map(move |(i, _)| {
        let end = i + word.len();
        let before = lower[..i].chars().next_back();
        let after = lower[end..].chars().next();
        let whole = !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        whole.then_some((i, end))
    })
}

/// Quotations dictated as words: from "quote" to the next "unquote" (or the
/// end of the line), when the note has no quotation marks of its own there.
fn spoken_quotes(lower: &str) -> Vec<(usize, usize)> {
    if !lower.contains("quote") {
        return Vec::new();
    }
    let dictated = lower.contains("full stop");
    let mut closes: Vec<(usize, usize)> = SPOKEN_CLOSE.iter().flat_map(|w| word_ends(lower, w)).collect();
    crate::sort::sort(&mut closes);
    let mut quotes = Vec::new();
    let mut after = 0;
    let mut opens: Vec<(usize, usize)> = SPOKEN_OPEN.iter().flat_map(|w| word_ends(lower, w)).collect();
    crate::sort::sort(&mut opens);
    for (open_start, open_end) in opens {
        // "unquote" and "end quote" contain "quote": not an opening.
        if open_start < after || closes.iter().any(|&(s, e)| s <= open_start && open_end <= e) {
            continue;
        }
        let line_end = lower[open_end..].find('\n').map_or(lower.len(), |i| open_end + i);
        let close = closes.iter().find(|&&(s, _)| s >= open_end && s <= line_end);
        // Without a closing word, only a note dictated throughout ("full
        // stop") quotes to the end of the line: "a quote for the carpet" is not a quotation.
        if close.is_none() && !dictated {
            continue;
        }
        let end = close.map_or(line_end, |&(s, _)| s);
        let content = lower[open_end..end].trim_start().len();
        let start = end - content;
        if lower[start..end].trim().is_empty() {
            continue;
        }
        quotes.push((start, lower[..end].trim_end().len().max(start)));
        after = close.map_or(line_end, |&(_, e)| e);
    }
    quotes
}

/// True when a quotation is an example of recording, not someone's words.
/// Training material and supervision quote an entry to show what is wrong or
/// right with it ("Poor example: 'SW undertook CIN visit. YP presented as
/// settled.'", "Good example: \"I visited Mohammed at home…\""); those
/// words are the recording: checked like the writer's own, split into their
/// own sentences, and the child's voice or the worker's analysis in them
/// counts. A short quoted phrase is a mention ("instead of 'mum claims'"),
/// never an example.
fn is_recording_example(lower: &str, (start, end): (usize, usize)) -> bool {
    // "Instead of:" and "Poor:" / "Weak:" head a quoted entry to be rewritten.
    const CUES: &[&str] = &["example", "poor entry", "avoid", "instead of", "poor:", "weak:"];
    if start == 0 || lower[start..end].split_whitespace().nth(3).is_none() {
        return false;
    }
    // What introduces it: the words before it on its line, or the line
    // before when the quotation opens its line.
    let open = start - 1; // the quotation mark
    let line_start = lower[..open].rfind('\n').map_or(0, |p| p + 1);
    let mut intro = &lower[line_start..open];
    if intro.trim().is_empty() && line_start > 0 {
        let previous = lower[..line_start - 1].rfind('\n').map_or(0, |p| p + 1);
        intro = &lower[previous..line_start - 1];
    }
    CUES.iter().any(|cue| intro.contains(cue))
}

/// The note's quotations, with each quoted example of recording (see
/// `is_recording_example`) replaced by the quotations inside it: a trainer's
/// "Good example: \"Jay said 'I like it here'\"" quotes Jay, and only Jay.
fn quotes_outside_examples(norm: &str, lower: &str) -> Vec<(usize, usize)> {
    let mut quotes = find_quotes(norm, lower);
    let examples: Vec<(usize, usize)> = quotes.iter().copied().filter(|&q| is_recording_example(lower, q)).collect();
    if examples.is_empty() {
        return quotes;
    }
    quotes.retain(|q| !examples.contains(q));
    for (start, end) in examples {
        let inner = find_quotes(&norm[start..end], &lower[start..end]);
        quotes.extend(inner.into_iter().map(|(s, e)| (start + s, start + e)));
    }
    crate::sort::sort(&mut quotes);
    quotes
}

fn find_quotes(norm: &str, lower: &str) -> Vec<(usize, usize)> {
    let mut quotes = Vec::new();
    let spoken = spoken_quotes(lower);
    let mut double: Option<usize> = None;
    let mut single: Option<usize> = None;
    // Every mark looked for is ASCII, so a byte scan finds them at their
    // character positions (UTF-8 never repeats an ASCII byte inside a letter).
    for (i, &b) in norm.as_bytes().iter().enumerate() {
        match b {
            b'"' => match double.take() {
                Some(start) => quotes.push((start, i)),
                None => {
                    if let Some(start) = single.take() {
                        quotes.push((start, i));
                    }
                    double = Some(i + 1);
                }
            },
            b'\'' if double.is_none() => {
                let prev = norm[..i].chars().next_back();
                let next = norm[i + 1..].chars().next();
                let prev_word = prev.is_some_and(char::is_alphanumeric);
                let next_word = next.is_some_and(char::is_alphanumeric);
                if prev_word && next_word {
                    continue; // an apostrophe: don't, Jayden's
                }
                match single {
                    None if !prev_word && next_word => single = Some(i + 1),
                    Some(start) if !next_word && prev.is_some_and(|p| !p.is_whitespace()) => {
                        quotes.push((start, i));
                        single = None;
                    }
                    _ => {}
                }
            }
            b'\n' => {
                // An unclosed quotation ends with its line.
                for start in [double.take(), single.take()].into_iter().flatten() {
                    quotes.push((start, i));
                }
            }
            _ => {}
        }
    }
    for start in [double, single].into_iter().flatten() {
        quotes.push((start, norm.len()));
    }
    // Dictated quotations count where they do not overlap written ones.
    for (start, end) in spoken {
        if !quotes.iter().any(|&(s, e)| s < end && start < e) {
            quotes.push((start, end));
        }
    }
    crate::sort::sort(&mut quotes);
    quotes
}

fn split_sentences(norm: &str, lower: &str, quotes: &[(usize, usize)], tokens: &mut [Token]) -> Vec<Sentence> {
    let mut bounds = Vec::new(); // end offsets (exclusive)
    let bytes = norm.as_bytes();
    let mut q = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'\n' | b'"' | b'\'' | b'.' | b'!' | b'?') {
            continue;
        }
        while q < quotes.len() && quotes[q].1 < i {
            q += 1;
        }
        let inside_quote = q < quotes.len() && quotes[q].0 <= i && i < quotes[q].1;
        match b {
            b'\n' => bounds.push(i),
            b'"' | b'\'' if q < quotes.len() && quotes[q].1 == i && i > 0 && matches!(bytes[i - 1], b'.' | b'!' | b'?') => {
                // A quoted sentence ends the sentence it is in: He said "No." Then…
                let following = norm[i + 1..].trim_start_matches(' ').chars().next();
                if bytes.get(i + 1).is_none_or(|&b| b == b' ') && !following.is_some_and(char::is_lowercase) {
                    bounds.push(i + 1);
                }
            }
            b'.' | b'!' | b'?' if !inside_quote => {
                let mut after = i + 1;
                while after < bytes.len() && matches!(bytes[after], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                    after += 1;
                }
                let next = bytes.get(after).copied();
                if !(next.is_none() || next == Some(b' ')) {
                    continue;
                }
                let following = norm[after..].trim_start_matches(' ').chars().next();
                if following.is_some_and(char::is_lowercase) {
                    continue;
                }
                if b == b'.' {
                    let word_start = lower[..i].rfind([' ', '\n', '(']).map_or(0, |p| p + 1);
                    if ABBREVIATIONS.contains(&&lower[word_start..i]) {
                        continue;
                    }
                }
                bounds.push(after);
            }
            _ => {}
        }
    }
    // Dictated notes say their full stops.
    if lower.contains("full stop") || lower.contains("new paragraph") || lower.contains("new line") || lower.contains(" mark") {
        for word in SPOKEN_STOPS {
            for (_, end) in word_ends(lower, word) {
                let inside_quote = quotes.iter().any(|&(s, e)| s <= end && end < e);
                if !inside_quote {
                    bounds.push(end);
                }
            }
        }
        crate::sort::sort(&mut bounds);
        bounds.dedup();
    }
    bounds.push(norm.len());
    let mut sentences = Vec::with_capacity(bounds.len());
    let mut start = 0;
    let mut t = 0;
    for end in bounds {
        if end <= start {
            continue;
        }
        let first_token = t;
        while t < tokens.len() && tokens[t].start < end {
            tokens[t].sentence = sentences.len();
            t += 1;
        }
        if t > first_token {
            sentences.push(Sentence { start, end, first_token, end_token: t });
        }
        start = end;
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> (Document<'_>, &'static Lexicon) {
        static EMPTY: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| Lexicon::build(&[]).unwrap());
        (Document::new(text, &EMPTY), &EMPTY)
    }

    fn sentences(text: &str) -> Vec<String> {
        let (d, _) = doc(text);
        sentences_of(&d)
    }

    fn sentences_of(d: &Document<'_>) -> Vec<String> {
        d.sentences.iter().map(|s| d.norm[s.start..s.end].trim().to_owned()).collect()
    }

    #[test]
    fn normalising_keeps_a_map_back_to_the_text() {
        let text = "Zo\u{eb}\u{2019}s  mum\u{2014}said \u{201c}hi\u{201d}\r\n\r\nnon\u{2011}compliant";
        let (d, _) = doc(text);
        assert_eq!(d.norm, "Zo\u{eb}'s mum said \"hi\"\nnon compliant");
        let at = d.norm.find("non").unwrap();
        let (s, e) = d.text_range(at, d.norm.len());
        assert_eq!(&text[s..e], "non\u{2011}compliant");
        let at = d.norm.find("mum").unwrap();
        assert_eq!(&text[d.text_range(at, at + 3).0..d.text_range(at, at + 3).1], "mum");
    }

    #[test]
    fn sentences_split_on_stops_and_lines_but_not_inside_quotes() {
        assert_eq!(
            sentences("Mr. Smith visited. Jayden said \"I hate it. I want to go home,\" and cried.\nAnalysis: worried"),
            ["Mr. Smith visited.", "Jayden said \"I hate it. I want to go home,\" and cried.", "Analysis: worried"]
        );
        assert_eq!(sentences("See s.47 notes. He said \"No.\" Then left"), ["See s.47 notes.", "He said \"No.\"", "Then left"]);
    }

    #[test]
    fn a_quoted_example_of_recording_is_read_as_recording() {
        // A trainer's "Good example" quotes a whole entry: its sentences are
        // sentences, and its words nobody's quotation, so the child's voice
        // and the worker's analysis in it count like the writer's own.
        let (d, _) = doc("Good example: \"I visited Mo at home. He told me he likes the mosque. I think he is settled.\" Notice the analysis.");
        assert!(d.quotes.is_empty());
        assert!(!d.is_quoted(d.norm.find("told").unwrap()));
        assert_eq!(
            sentences_of(&d),
            ["Good example: \"I visited Mo at home.", "He told me he likes the mosque.", "I think he is settled.\"", "Notice the analysis."]
        );
        let (d, _) = doc("Poor:\n'Visited. YP presented as settled.'");
        assert!(d.quotes.is_empty(), "an example on the line after its heading");
        // The child's words quoted inside the example are still a quotation.
        let (d, _) = doc("Good example: \"Jay told me 'I like it here, my room is mine' and smiled.\"");
        let quoted: Vec<&str> = d.quotes.iter().map(|&(s, e)| &d.norm[s..e]).collect();
        assert_eq!(quoted, ["I like it here, my room is mine"]);
        // A child's words stay a quotation, and so does a short mention.
        let (d, _) = doc("Jayden said \"I hate it. I want to go home.\" Avoid writing 'mum claims'.");
        let quoted: Vec<&str> = d.quotes.iter().map(|&(s, e)| &d.norm[s..e]).collect();
        assert_eq!(quoted, ["I hate it. I want to go home.", "mum claims"]);
    }

    #[test]
    fn dictated_notes_say_their_quotations_and_full_stops() {
        let (d, _) = doc("he said quote it's quiet now unquote comma then left full stop mum said she was tired full stop");
        let quoted: Vec<&str> = d.quotes.iter().map(|&(s, e)| &d.norm[s..e]).collect();
        assert_eq!(quoted, ["it's quiet now"]);
        assert_eq!(sentences_of(&d), ["he said quote it's quiet now unquote comma then left full stop", "mum said she was tired full stop"]);
        let (d, _) = doc("She said \"quote me on that\" and left. A quotation for the car.");
        assert_eq!(d.quotes.len(), 1, "a written quotation and the word quote are not a spoken one");
        let (d, _) = doc("I asked for a quote for the new carpet.");
        assert!(d.quotes.is_empty());
    }

    #[test]
    fn quotes_straight_curly_and_single_but_not_apostrophes() {
        let (d, _) = doc("Mum's view: 'I don't know'. Jayden said \u{201c}my dad's car\u{201d} and the boys' room");
        let quoted: Vec<&str> = d.quotes.iter().map(|&(s, e)| &d.norm[s..e]).collect();
        assert_eq!(quoted, ["I don't know", "my dad's car"]);
    }
}
