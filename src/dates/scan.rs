//! Where an atom can start, and how (its `Key`, which says which atoms of
//! the pattern can match there: see `pattern`): at a word boundary, as the
//! pattern's ASCII `\b` sees it, a digit or one of the words of `STARTS`,
//! followed by something that can go on with it ("13 years", "may be", "one
//! day" and "this is" cannot). Most words of a note fail one test or the
//! other, so the patterns run at a few places only. These are necessary
//! conditions, read off the patterns; the patterns decide, and a test holds
//! `find` to a whole-text search with them.

use super::pattern::Key;

/// What can start at a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Start {
    Atom(Key),
    /// "on" or "at", which may lead an atom after white space; "at" may also
    /// start an `At` atom ("at 10.30", "at ten").
    Lead {
        at: bool,
    },
}

/// What must follow a start word for an atom to go on.
#[derive(Clone, Copy, Debug)]
enum Then {
    Anything,
    /// White space and one of these words: "this" → "morning".
    Word(&'static [&'static str]),
    /// A word starting with one of these letters, or a digit (`0`): "half" → "past", "ten", "10".
    Initial(&'static [u8]),
    /// "." or nothing, white space and a digit: "Nov. 23".
    Day,
}

const WEEKDAYS: &[&str] =
    &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "weds", "thu", "thur", "thurs", "fri"];
const AFTER_LAST: &[&str] =
    &["night", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "weds", "thu", "thur", "thurs", "fri"];
const HOURS: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/// The words an atom (or "on" and "at" before one) can start with, lower
/// case, and what must follow each.
const STARTS: &[(&str, (Start, Then))] = {
    use Key::{HourWord, LastThis, MinuteWord, Month, Noon, Relative, TenFive, Weekday};
    use Start::Atom;
    use Then::{Anything, Day, Initial, Word};
    &[
        ("on", (Start::Lead { at: false }, Anything)),
        ("at", (Start::Lead { at: true }, Anything)),
        ("today", (Atom(Relative), Anything)),
        ("tonight", (Atom(Relative), Anything)),
        ("tomorrow", (Atom(Relative), Anything)),
        ("yesterday", (Atom(Relative), Anything)),
        ("this", (Atom(LastThis), Word(&["coming", "morning", "afternoon", "evening"]))),
        ("last", (Atom(LastThis), Word(AFTER_LAST))),
        ("next", (Atom(Weekday), Word(WEEKDAYS))),
        ("coming", (Atom(Weekday), Word(WEEKDAYS))),
        ("monday", (Atom(Weekday), Anything)),
        ("tuesday", (Atom(Weekday), Anything)),
        ("wednesday", (Atom(Weekday), Anything)),
        ("thursday", (Atom(Weekday), Anything)),
        ("friday", (Atom(Weekday), Anything)),
        ("saturday", (Atom(Weekday), Anything)),
        ("sunday", (Atom(Weekday), Anything)),
        ("mon", (Atom(Weekday), Anything)),
        ("tue", (Atom(Weekday), Anything)),
        ("tues", (Atom(Weekday), Anything)),
        ("weds", (Atom(Weekday), Anything)),
        ("thu", (Atom(Weekday), Anything)),
        ("thur", (Atom(Weekday), Anything)),
        ("thurs", (Atom(Weekday), Anything)),
        ("fri", (Atom(Weekday), Anything)),
        ("january", (Atom(Month), Day)),
        ("february", (Atom(Month), Day)),
        ("march", (Atom(Month), Day)),
        ("april", (Atom(Month), Day)),
        ("may", (Atom(Month), Day)),
        ("june", (Atom(Month), Day)),
        ("july", (Atom(Month), Day)),
        ("august", (Atom(Month), Day)),
        ("september", (Atom(Month), Day)),
        ("october", (Atom(Month), Day)),
        ("november", (Atom(Month), Day)),
        ("december", (Atom(Month), Day)),
        ("jan", (Atom(Month), Day)),
        ("feb", (Atom(Month), Day)),
        ("mar", (Atom(Month), Day)),
        ("apr", (Atom(Month), Day)),
        ("jun", (Atom(Month), Day)),
        ("jul", (Atom(Month), Day)),
        ("aug", (Atom(Month), Day)),
        ("sep", (Atom(Month), Day)),
        ("sept", (Atom(Month), Day)),
        ("oct", (Atom(Month), Day)),
        ("nov", (Atom(Month), Day)),
        ("dec", (Atom(Month), Day)),
        ("noon", (Atom(Noon), Anything)),
        ("midday", (Atom(Noon), Anything)),
        ("mid", (Atom(Noon), Anything)),
        ("midnight", (Atom(Noon), Anything)),
        // half past, half ten, half 10
        ("half", (Atom(MinuteWord), Initial(b"ptmoefsn0"))),
        ("quarter", (Atom(MinuteWord), Initial(b"ptm"))),
        // twenty past, twenty-five to, twenty five past
        ("twenty", (Atom(MinuteWord), Initial(b"ptmf-"))),
        ("twentyfive", (Atom(MinuteWord), Initial(b"ptm"))),
        // ten past, ten minutes to, ten o'clock
        ("ten", (Atom(TenFive), Initial(b"ptmo"))),
        ("five", (Atom(TenFive), Initial(b"ptmo"))),
        ("one", (Atom(HourWord), Initial(b"o"))),
        ("two", (Atom(HourWord), Initial(b"o"))),
        ("three", (Atom(HourWord), Initial(b"o"))),
        ("four", (Atom(HourWord), Initial(b"o"))),
        ("six", (Atom(HourWord), Initial(b"o"))),
        ("seven", (Atom(HourWord), Initial(b"o"))),
        ("eight", (Atom(HourWord), Initial(b"o"))),
        ("nine", (Atom(HourWord), Initial(b"o"))),
        ("eleven", (Atom(HourWord), Initial(b"o"))),
        ("twelve", (Atom(HourWord), Initial(b"o"))),
    ]
};

/// The longest word in `STARTS`.
const LONGEST: usize = 10;

/// For each first letter a–z, the lengths (bit n for n letters) and the
/// last letters (bit 0 for a) of the words of `STARTS` with it.
const FIRST_LETTER: [(u16, u32); 26] = {
    let mut table = [(0u16, 0u32); 26];
    let mut i = 0;
    while i < STARTS.len() {
        let word = STARTS[i].0.as_bytes();
        let entry = &mut table[(word[0] - b'a') as usize];
        entry.0 |= 1 << word.len();
        entry.1 |= 1 << (word[word.len() - 1] - b'a');
        i += 1;
    }
    table
};

/// False for most words that are not in `STARTS`, by their first and last
/// letters and length alone: "and", "she" (but not "two", nor "the").
fn may_start(word: &[u8]) -> bool {
    let (Some(first), Some(last)) = (word.first(), word.last()) else { return false };
    let (first, last) = (usize::from(first.to_ascii_lowercase().wrapping_sub(b'a')), u32::from(last.to_ascii_lowercase().wrapping_sub(b'a')));
    word.len() <= LONGEST && last < 26 && FIRST_LETTER.get(first).is_some_and(|&(lengths, lasts)| lengths & (1 << word.len()) != 0 && lasts & (1 << last) != 0)
}

/// The words that can follow a number and white space in an atom, and the
/// atoms they can make: "23 November", "23 of", "10 am", "10 a.m.", "1400
/// hours", "10 o'clock", "12 noon".
const AFTER_NUMBER: &[(&str, Key)] = {
    use Key::{AmPm, DayMonth, Hrs, Midday, OClock};
    &[
        ("of", DayMonth),
        ("january", DayMonth),
        ("february", DayMonth),
        ("march", DayMonth),
        ("april", DayMonth),
        ("may", DayMonth),
        ("june", DayMonth),
        ("july", DayMonth),
        ("august", DayMonth),
        ("september", DayMonth),
        ("october", DayMonth),
        ("november", DayMonth),
        ("december", DayMonth),
        ("jan", DayMonth),
        ("feb", DayMonth),
        ("mar", DayMonth),
        ("apr", DayMonth),
        ("jun", DayMonth),
        ("jul", DayMonth),
        ("aug", DayMonth),
        ("sep", DayMonth),
        ("sept", DayMonth),
        ("oct", DayMonth),
        ("nov", DayMonth),
        ("dec", DayMonth),
        ("am", AmPm),
        ("pm", AmPm),
        ("a", AmPm),
        ("p", AmPm),
        ("hrs", Hrs),
        ("hours", Hrs),
        ("o", OClock),
        ("oclock", OClock),
        ("noon", Midday),
        ("midday", Midday),
        ("mid", Midday),
        ("midnight", Midday),
    ]
};

/// Words looked up by first letter and length, in any case.
#[derive(Clone, Debug)]
struct Words<T: 'static>(Vec<Vec<&'static (&'static str, T)>>);

impl<T> Words<T> {
    fn new(words: &'static [(&'static str, T)]) -> Words<T> {
        let mut buckets = vec![Vec::new(); 26 * LONGEST];
        for entry in words {
            if let Some(i) = bucket(entry.0.as_bytes()) {
                buckets[i].push(entry);
            }
        }
        Words(buckets)
    }

    fn get(&self, word: &[u8]) -> Option<&'static T> {
        let bucket = &self.0[bucket(word)?];
        bucket.iter().find(|(w, _)| w.as_bytes().eq_ignore_ascii_case(word)).map(|(_, value)| value)
    }
}

/// The bucket of a word: its first letter and length.
fn bucket(word: &[u8]) -> Option<usize> {
    let letter = usize::from(word.first()?.to_ascii_lowercase().wrapping_sub(b'a'));
    (letter < 26 && word.len() <= LONGEST).then(|| letter * LONGEST + word.len() - 1)
}

/// `STARTS` and `AFTER_NUMBER`, ready to look words up in.
#[derive(Clone, Debug)]
pub(super) struct Starts {
    starts: Words<(Start, Then)>,
    after_number: Words<Key>,
}

impl Starts {
    pub(super) fn new() -> Starts {
        Starts { starts: Words::new(STARTS), after_number: Words::new(AFTER_NUMBER) }
    }

    /// The first place at or after `from` where an atom can start.
    pub(super) fn next(&self, text: &str, from: usize) -> Option<(usize, Start)> {
        let b = text.as_bytes();
        let n = b.len();
        let mut i = from;
        if i > 0 && i < n && is_word(b[i - 1]) {
            // Inside a word: no boundary until after it.
            while i < n && is_word(b[i]) {
                i += 1;
            }
        }
        while i < n {
            let c = b[i];
            if !is_word(c) {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            let found = if c.is_ascii_digit() {
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                self.number_key(b, i, i - start).map(Start::Atom)
            } else {
                while i < n && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if may_start(&b[start..i]) {
                    self.word_start(b, start, i)
                } else {
                    None
                }
            };
            if found.is_some() {
                return found.map(|found| (start, found));
            }
            while i < n && is_word(b[i]) {
                i += 1;
            }
        }
        None
    }

    /// What can start at `i`, the first byte of a word.
    pub(super) fn start_at(&self, b: &[u8], i: usize) -> Option<Start> {
        let first = *b.get(i)?;
        let end = i + b[i..].iter().take_while(|c| if first.is_ascii_digit() { c.is_ascii_digit() } else { c.is_ascii_alphabetic() }).count();
        if first.is_ascii_digit() {
            self.number_key(b, end, end - i).map(Start::Atom)
        } else {
            self.word_start(b, i, end)
        }
    }

    /// What can start with the word `start..end`, letters only.
    #[inline(never)]
    fn word_start(&self, b: &[u8], start: usize, end: usize) -> Option<Start> {
        let &(found, then) = self.starts.get(&b[start..end])?;
        let next = next_word(b, end);
        let goes_on = match then {
            Then::Anything => true,
            Then::Word(words) => next.is_some_and(|n| n > end && words.iter().any(|w| word_at(b, n).eq_ignore_ascii_case(w.as_bytes()))),
            Then::Initial(letters) => {
                let initial = |at: usize| b.get(at).map(|c| if c.is_ascii_digit() { b'0' } else { c.to_ascii_lowercase() });
                initial(end).is_some_and(|c| c == b'-' && letters.contains(&c)) || next.and_then(initial).is_some_and(|c| letters.contains(&c))
            }
            Then::Day => {
                let at = if b.get(end) == Some(&b'.') { end + 1 } else { end };
                next_word(b, at).is_some_and(|n| n > at && b[n].is_ascii_digit())
            }
        };
        goes_on.then_some(found)
    }

    /// How an atom can start with the `digits` digits ending at `end`: by the
    /// character after them ("23/11", "10am", "23rd", "1400hrs"), or by white
    /// space and a word of `AFTER_NUMBER` ("23 November", "10 am"). `None`
    /// when nothing can: "(9)", "13 years".
    fn number_key(&self, b: &[u8], end: usize, digits: usize) -> Option<Key> {
        Some(match b.get(end)?.to_ascii_lowercase() {
            b'-' if digits == 4 => Key::YearDash,
            b'-' => Key::Dash,
            b'/' => Key::Slash,
            b'.' => Key::Dot,
            b':' => Key::Colon,
            b'a' | b'p' => Key::AmPm,
            b's' | b'n' | b'r' | b't' => Key::Ordinal,
            b'h' => Key::Hrs,
            b'o' => Key::OClock,
            b'm' => Key::Midday,
            c if is_space(c) => *self.after_number.get(word_at(b, next_word(b, end)?))?,
            _ => return None,
        })
    }

    /// Whether an `At` atom can start at the "at" at `i`: white space, then
    /// digits or an hour in words.
    pub(super) fn at_goes_on(&self, b: &[u8], i: usize) -> bool {
        let end = i + 2;
        next_word(b, end).is_some_and(|n| n > end && (b[n].is_ascii_digit() || HOURS.iter().any(|h| word_at(b, n).eq_ignore_ascii_case(h.as_bytes()))))
    }
}

/// Where the next word starts after `at`, past white space.
fn next_word(b: &[u8], at: usize) -> Option<usize> {
    let n = at + b.get(at..)?.iter().take_while(|&&c| is_space(c)).count();
    (n < b.len()).then_some(n)
}

/// The letters at `at`.
fn word_at(b: &[u8], at: usize) -> &[u8] {
    let rest = b.get(at..).unwrap_or_default();
    &rest[..rest.iter().take_while(|c| c.is_ascii_alphabetic()).count()]
}

/// Word bytes to the pattern's ASCII `\b`: letters, digits and `_`.
const WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = (c as u8).is_ascii_alphanumeric() || c == b'_' as usize;
        c += 1;
    }
    table
};

fn is_word(c: u8) -> bool {
    WORD[usize::from(c)]
}

/// White space to the pattern's ASCII `\s` (which, unlike
/// `u8::is_ascii_whitespace`, includes the vertical tab).
pub(super) fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(&str, Start)> {
        let starts = Starts::new();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some((i, start)) = starts.next(text, at) {
            let end = i + text[i..].find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(text.len() - i);
            out.push((&text[i..end], start));
            at = end;
        }
        out
    }

    fn words(text: &str) -> Vec<&str> {
        all(text).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn word_starts_at_digits_and_start_words() {
        let text = "Seen on Monday at 10am with Mum (9 Nov) x23 _5 é7/ TODAY: Twelve-noon; mid-day";
        assert_eq!(words(text), ["on", "Monday", "at", "10am", "9", "7", "TODAY", "noon", "mid"]);
        assert_eq!(all(""), []);
        assert_eq!(all("Mondays months onto"), []);
    }

    #[test]
    fn words_that_cannot_go_on_are_not_starts() {
        for text in [
            "Jayden (9) was",
            "13 years",
            "07700 900123",
            "she may be",
            "March onward",
            "one day",
            "this is",
            "last year",
            "next door",
            "half an hour",
            "ten children",
        ] {
            assert_eq!(all(text), [], "{text}");
        }
        for text in [
            "9/10",
            "9.5",
            "9-1",
            "9:30",
            "9am",
            "9th",
            "9 am",
            "9 November",
            "9 of",
            "1400 hours",
            "May 9",
            "Nov. 9",
            "this morning",
            "last night",
            "next Monday",
            "half past",
            "half ten",
            "half 10",
            "twenty-five",
            "ten o'clock",
            "five to",
        ] {
            assert!(!all(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn each_start_has_its_group() {
        let keys: Vec<Start> = all("on at 5 Nov 1, half past 2026-11 23rd 4pm last night").into_iter().map(|(_, s)| s).collect();
        let atoms = [Key::DayMonth, Key::Month, Key::MinuteWord, Key::YearDash, Key::Ordinal, Key::AmPm, Key::LastThis].map(Start::Atom);
        assert_eq!(keys[..2], [Start::Lead { at: false }, Start::Lead { at: true }]);
        assert_eq!(keys[2..], atoms);
        let starts = Starts::new();
        assert!(starts.at_goes_on(b"at 10", 0) && starts.at_goes_on(b"at\tten", 0));
        assert!(!starts.at_goes_on(b"at home", 0) && !starts.at_goes_on(b"at", 0) && !starts.at_goes_on(b"at10", 0));
    }

    #[test]
    fn every_start_word_is_found() {
        let starts = Starts::new();
        assert_eq!(starts.starts.0.iter().map(Vec::len).sum::<usize>(), STARTS.len());
        assert_eq!(starts.after_number.0.iter().map(Vec::len).sum::<usize>(), AFTER_NUMBER.len());
        assert_eq!(STARTS.iter().map(|(w, ..)| w.len()).max(), Some(LONGEST));
        for (word, (start, _)) in STARTS {
            assert!(word.bytes().all(|c| c.is_ascii_lowercase()));
            assert_eq!(starts.starts.get(word.to_uppercase().as_bytes()).map(|(s, _)| *s), Some(*start), "{word}");
        }
        let get = |w: &[u8]| starts.starts.get(w).is_some();
        assert!(!get(b"mondays") && !get(b"") && !get(b"twentyfives") && !get(b"_"));
        assert!(STARTS.iter().all(|(w, _)| may_start(w.as_bytes()) && may_start(w.to_uppercase().as_bytes())));
        assert!(!may_start(b"she") && !may_start(b"and") && !may_start(b"") && !may_start(b"_a"));
    }

    #[test]
    fn white_space_is_the_patterns() {
        let pattern = regex::Regex::new(r"(?-u)\A\s\z").unwrap();
        for c in 0..=127u8 {
            assert_eq!(is_space(c), pattern.is_match(&char::from(c).to_string()), "{c}");
        }
    }
}
