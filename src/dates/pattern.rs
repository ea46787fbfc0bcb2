//! The patterns that find candidate dates and times in a note.
//!
//! Together they are one flat alternation of "atoms" (`whole`): a date, a
//! weekday, a clock time or a relative word, each optionally led by "on" or
//! "at". Which atoms combine ("Monday 23rd", "23/11 at 10am") is decided
//! afterwards from the text between them, and what an atom means by `read`;
//! the patterns only say where one is.
//!
//! They are written for ASCII (`(?i-u)`): no Unicode tables are linked into
//! the WebAssembly module, `\b` and `\s` are ASCII word boundaries and white
//! space, and every match is ASCII text apart from the typographic
//! apostrophe of "o’clock", so its ends fall on character boundaries.
//!
//! `find` does not search the note with the whole alternation: without the
//! `regex` crate's literal and DFA accelerators (left out to keep the
//! WebAssembly module small) that steps every alternative at every byte,
//! about 5 ms for a 1,000-word note. Every atom starts at a word boundary in
//! one of a few ways (`Key`: a digit and the character after the digits, or
//! one of a few words), so each atom is compiled on its own, anchored, and
//! at each place `scan` finds only the atoms that can start that way run, in
//! the alternation's order: the first to match is the alternation's
//! leftmost-first match there. A test holds the result to a whole-text
//! search with `whole`.
//!
//! The patterns are kept short, because the `regex` crate's compile time
//! grows with them: numbers are matched by their width only (the reader
//! checks that an hour is 0–23 or a minute 0–59, and chrono that a day
//! exists), and a part of the day after a time or a weekday ("at night",
//! "Friday morning") is read by `find`.

use regex::{Regex, RegexBuilder};

// Numbers are only as wide as they may be written; `read` checks their
// ranges (an hour 0–23, a minute 0–59) and chrono whether a day exists.
const DAY: &str = "[0-9]{1,2}";
const MONTH_NUM: &str = "[0-9]{1,2}";
/// 1800–2199: "23 November 1400 hours" is not in the year 1400.
const YEAR4: &str = "(?:1[89]|2[01])[0-9]{2}";
const ORDINAL: &str = "(?:st|nd|rd|th)";
const MONTH: &str =
    "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/// Full names in any case; the short forms that are not words ("Thurs",
/// "Weds") only capitalised, so "c'mon" is not a Monday. "Sat", "Sun" and
/// "Wed" are words: not read.
const WEEKDAY: &str = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?-i:Mon|Tues?|Weds|Thu(?:rs?)?|Fri))\b";
const HOUR: &str = "[0-9]{1,2}";
const MINUTE: &str = "[0-9]{2}";
const HOUR_WORD: &str = "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
/// o'clock, o’clock, oclock, o clock.
const O_CLOCK: &str = r"o(?:'|’)?\s?clock\b";
/// "am", "pm", "a.m.", "p.m": ends the match itself (no `\b` needed after it).
const AM_PM: &str = r"(?:[ap]m\b|[ap]\.m\b\.?)";

/// How an atom can start: digits and what follows them, or a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Key {
    /// Four digits and `-`: "2026-11-23".
    YearDash,
    /// Digits and `-`, `/`, `.` or `:`: "23-11-26", "23/11", "10.30am", "10:00".
    Dash,
    Slash,
    Dot,
    Colon,
    /// Digits and am or pm, joined or after white space: "10am", "10 a.m.".
    AmPm,
    /// Digits and a letter of an ordinal (or of "noon"): "23rd", "12noon".
    Ordinal,
    /// Digits and "hrs" or "hours": "1400hrs", "0930 hours".
    Hrs,
    /// Digits and "o'clock": "10 o'clock".
    OClock,
    /// Digits and "midday", "mid-day" or "midnight", or "noon" after white
    /// space: "12 noon", "12midday".
    Midday,
    /// Digits, white space and a month or "of": "23 November", "23 of".
    DayMonth,
    Month,
    Weekday,
    /// "last" and "this": a weekday ("last Monday") or a relative day ("last night").
    LastThis,
    Relative,
    /// "one" to "twelve" but "ten" and "five": "three o'clock".
    HourWord,
    /// "ten" and "five": "ten o'clock", "ten past".
    TenFive,
    /// "quarter", "half", "twenty": "quarter to three".
    MinuteWord,
    Noon,
    /// "at": "at 10.30", "at 10".
    At,
}

/// Every atom, in the alternation's order (longest first where two share a
/// start: leftmost-first takes the first that fits), with the ways it can start.
fn atoms() -> Vec<(String, &'static [Key])> {
    use Key::*;
    let hour = format!(r"(?:{HOUR_WORD}|{HOUR})(?:\s*{AM_PM}|\b)");
    vec![
        // 2026-11-23, 2026-11-23T10:00
        (format!(r"\b[0-9]{{4}}-{MONTH_NUM}-{DAY}(?:T{HOUR}:{MINUTE})?\b"), &[YearDash]),
        // 23/11/2026, 23.11.26, 23-11-2026
        (format!(r"\b{DAY}(?:/{MONTH_NUM}/|\.{MONTH_NUM}\.|-{MONTH_NUM}-)[0-9]{{2}}(?:[0-9]{{2}})?\b"), &[Dash, Slash, Dot]),
        // 23 November, 23rd of Nov. 2026
        (format!(r"\b{DAY}{ORDINAL}?(?:\s+of)?\s+{MONTH}\b(?:\.?,?\s+{YEAR4}\b)?"), &[Ordinal, DayMonth]),
        // November 23, Nov 23rd, 2026
        (format!(r"\b{MONTH}\.?\s+{DAY}{ORDINAL}?\b(?:,?\s+{YEAR4}\b)?"), &[Month]),
        // Monday, last Monday, this coming Friday
        (format!(r"\b(?:(?:last|next|this\s+coming|coming)\s+)?{WEEKDAY}"), &[Weekday, LastThis]),
        (
            r"\b(?:today|tonight|tomorrow(?:\s+(?:morning|afternoon|evening|night))?|yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night|this\s+(?:morning|afternoon|evening))\b".to_owned(),
            &[Relative, LastThis],
        ),
        // 10am, 10.30 am, 10:30 p.m.
        (format!(r"\b{HOUR}(?:[.:]{MINUTE})?\s*{AM_PM}"), &[Dot, Colon, AmPm]),
        // 10:00, 14:05, 14:05:30, 14:05hrs
        (format!(r"\b{HOUR}:{MINUTE}(?::{MINUTE})?\b(?:\s*(?:hrs|hours)\b)?"), &[Colon]),
        // 1400hrs, 0930 hours
        (r"\b[0-9]{4}\s*(?:hrs|hours)\b".to_owned(), &[Hrs]),
        // 10 o'clock, ten o’clock
        (format!(r"\b(?:{HOUR}\s*|{HOUR_WORD}\s+){O_CLOCK}"), &[OClock, HourWord, TenFive]),
        // half past ten, quarter to 3, twenty-five past four pm, half ten
        (
            format!(r"\b(?:(?:quarter|half|twenty(?:[-\s]?five)?|ten|five)(?:\s+minutes)?\s+(?:past|to)|half)\s+{hour}"),
            &[MinuteWord, TenFive],
        ),
        (r"\b(?:12\s*)?(?:noon|midday|mid-day|midnight)\b".to_owned(), &[Ordinal, Midday, Noon]),
        // 23/11: kept when "on" leads it, or a weekday or a time joins it
        // (not "3/4 of", "24/7", "6/10" as a score).
        (format!(r"\b{DAY}/{MONTH_NUM}\b"), &[Slash]),
        // 23rd: kept when a weekday or a time joins it ("Monday 23rd").
        (format!(r"\b{DAY}{ORDINAL}\b"), &[Ordinal]),
        // Without am or pm a dotted time needs its "at": "at 10.30".
        (format!(r"\bat\s+{HOUR}\.{MINUTE}\b"), &[At]),
        // "at 10", "at ten": kept when a day joins it.
        (format!(r"\bat\s+(?:{HOUR}|{HOUR_WORD})\b"), &[At]),
    ]
}

/// The whole alternation, unanchored: what `find` finds, by definition
/// (`find`'s anchored runs are tested against a search with it). "on" or
/// "at" may lead any atom but those that start with "at".
#[cfg(test)]
pub(super) fn whole() -> String {
    let (led, at): (Vec<_>, Vec<_>) = atoms().into_iter().partition(|(_, keys)| !keys.contains(&Key::At));
    let sources = |atoms: Vec<(String, &[Key])>| atoms.into_iter().map(|(s, _)| s).collect::<Vec<_>>().join("|");
    format!(r"(?i-u)(?:\b(?:on|at)\s+)?(?:{})|{}", sources(led), sources(at))
}

/// An atom's source, case-insensitive ASCII, anchored at the start of the haystack.
fn anchored(source: &str) -> String {
    format!(r"(?i-u)\A(?:{source})")
}

/// The compiled patterns' ceiling: one that grows past it fails the tests
/// (every test builds the reader), never a user's page.
const SIZE_LIMIT: usize = 1 << 20;

/// Each atom compiled on its own, anchored, and the atoms each `Key` can start.
#[derive(Clone, Debug)]
pub(super) struct Patterns {
    atoms: Vec<Regex>,
    by_key: Vec<(Key, Vec<usize>)>,
}

impl Patterns {
    pub(super) fn compile() -> Patterns {
        let atoms = atoms();
        let compiled = atoms
            .iter()
            .map(|(source, _)| RegexBuilder::new(&anchored(source)).size_limit(SIZE_LIMIT).build().expect("the date patterns are valid (tested)"))
            .collect();
        let mut by_key: Vec<(Key, Vec<usize>)> = Vec::new();
        for (i, (_, keys)) in atoms.iter().enumerate() {
            for &key in *keys {
                match by_key.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, list)) => list.push(i),
                    None => by_key.push((key, vec![i])),
                }
            }
        }
        Patterns { atoms: compiled, by_key }
    }

    /// The length of the first atom that can start with `key` and matches
    /// at the start of `text`.
    pub(super) fn at_start(&self, key: Key, text: &str) -> Option<usize> {
        let (_, list) = self.by_key.iter().find(|(k, _)| *k == key)?;
        list.iter().find_map(|&i| self.atoms[i].find(text)).map(|m| m.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(text: &str) -> Vec<&str> {
        Regex::new(&whole()).unwrap().find_iter(text).map(|m| m.as_str()).collect()
    }

    #[test]
    fn the_patterns_compile_within_their_limit() {
        let patterns = Patterns::compile();
        assert_eq!(patterns.at_start(Key::Slash, "23/11/2026 x"), Some(10));
        assert_eq!(patterns.at_start(Key::Slash, " 23/11/2026"), None);
        // Each compiles in a quarter of the room: the limit is a guard, not a squeeze.
        for (source, _) in atoms() {
            assert!(RegexBuilder::new(&anchored(&source)).size_limit(SIZE_LIMIT / 4).build().is_ok());
        }
        assert!(RegexBuilder::new(&whole()).size_limit(SIZE_LIMIT / 4).build().is_ok());
    }

    #[test]
    fn every_key_starts_an_atom() {
        let patterns = Patterns::compile();
        assert_eq!(patterns.by_key.len(), 20);
    }

    #[test]
    fn longest_form_wins_at_one_start() {
        assert_eq!(matches("on 23/11/2026 at 10.30am"), ["on 23/11/2026", "at 10.30am"]);
        assert_eq!(matches("Monday the 23rd of November 2026."), ["Monday", "23rd of November 2026"]);
        assert_eq!(matches("on Monday 23rd"), ["on Monday", "23rd"]);
        assert_eq!(matches("2026-11-23T10:00"), ["2026-11-23T10:00"]);
        assert_eq!(matches("yesterday afternoon"), ["yesterday afternoon"]);
        assert_eq!(matches("at 10 November"), ["at 10 November"]);
        assert_eq!(matches("at half past 3pm"), ["at half past 3pm"]);
        assert_eq!(matches("Nov. 23rd, 2026"), ["Nov. 23rd, 2026"]);
        assert_eq!(matches("ten o’clock"), ["ten o’clock"]);
        assert_eq!(matches("at 10.30, at 10"), ["at 10.30", "at 10"]);
    }

    #[test]
    fn candidates_are_shapes_not_values() {
        for text in ["Year 10", "2-1", "3-1-0", "1400 visits", "9 o'clocks", "teno'clock", "Mondays"] {
            assert_eq!(matches(text), [] as [&str; 0], "{text}");
        }
        // Out of range, but shaped like a time or date: the reader rules them out.
        assert_eq!(matches("25:00 13pm 32/11/2026"), ["25:00", "13pm", "32/11/2026"]);
        // A day and month without a year is only a candidate: `find` keeps
        // it when "on", a weekday or a time goes with it.
        assert_eq!(matches("3/4 of them, 23/11/202"), ["3/4", "23/11"]);
    }
}
