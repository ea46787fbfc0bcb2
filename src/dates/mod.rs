//! Dates and times read from the note: "23/11/2026", "23rd Nov", "Monday
//! 23rd", "on Monday", "10.30am", "14:05", "half past ten", "noon", "this
//! morning", "yesterday at 4pm", each with its byte range in the text and
//! placed in time relative to a reference (the form's recorded_at, or now).
//!
//! - **UK order.** A numeric date is day first: "03/04/2026" is 3 April,
//!   never 4 March; "23.11.26" and "23-11-2026" too. Only a four-digit year
//!   first ("2026-11-23") is year, month, day.
//! - **Looking back.** A note records what happened, so a date without a
//!   year ("23 November", "on 23/11") is the latest such date on or before
//!   the reference, and a weekday alone ("Monday", "on Monday") the
//!   reference day itself or the latest such day before it; "last Monday"
//!   is the latest before the reference day and "next Monday" the first
//!   after it. A two-digit year is the one within ten years after the
//!   reference's year or 89 before it.
//! - **Checked.** A weekday with a date ("Monday 23rd", "Monday 23/11/2026")
//!   must agree with it, or the mention has no date. A day that does not
//!   exist ("31/02/2026", "30 February") is not a mention, and neither are
//!   out-of-range times ("25:00", "13pm").
//! - **Not every number.** A day and month without a year ("23/11") counts
//!   only after "on" or a weekday or beside a time, and never before "of"
//!   ("3/4 of"); a bare hour ("at 10") only beside a day. Scores ("2-1"),
//!   school years ("Year 10"), phone numbers and numbers run into others
//!   ("1.23.11.26") are not dates.
//! - **Together.** A day and a time with at most two joining words ("at",
//!   "on", "about"…) between them are one mention: "on 23/11 at 10am", "at
//!   10am on Monday", "yesterday at 4pm", "Saturday 5 June: 10:00". So are a
//!   weekday and its date ("Monday, the 23rd") and a time range, which
//!   stands for its start ("2pm to 4pm on Saturday" is 14:00).
//! - **Half of the day.** A time without am or pm, in words or written
//!   "at 3.15" or "3:30", takes its half from a part of the day beside it
//!   ("this afternoon at 3", "Friday night at 11", "nine o'clock at night");
//!   without one, 1 to 7 o'clock are afternoon and evening and 8 to 12
//!   morning and noon. A leading zero or an hour past 12 ("03:30", "14:05")
//!   is a 24-hour clock, and "last night at 2am" is the morning after.
//!
//! How: `scan` finds the few places a date or time can start (a digit, or
//! a word such as "Monday", "today", "half"), the anchored patterns of
//! `pattern` (the `regex` crate, ASCII-only) say how far each goes, `read`
//! reads the words and numbers of a match, `resolve` places them in time
//! with chrono, and `combine` joins neighbours; `event` picks the event
//! time. Every step is linear in the length of the note: the scan is one
//! pass, and `regex` matches in linear time whatever the note holds (each
//! anchored run stops where its pattern can no longer match, a few words
//! on), so no input can make the reader slow. Spans are byte ranges that
//! always fall on character boundaries.

mod combine;
mod event;
mod pattern;
mod read;
mod resolve;
mod scan;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use pattern::{Key, Patterns};
use scan::{Start, Starts};

/// The kind of day a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MentionKind {
    /// A calendar date, written with or without its year or a weekday:
    /// "23/11/2026", "23 November", "Monday 23rd".
    Absolute,
    /// A weekday alone: "Monday", "on Monday", "last Friday".
    Weekday,
    /// A day named from the reference day: "today", "yesterday afternoon",
    /// "last night", "this morning".
    Relative,
    /// A clock time with no day: "10am", "half past ten".
    Time,
}

/// The part of the day a mention names: "this morning", "Friday night",
/// "nine o'clock at night".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

/// A date or time the note mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimeMention {
    /// Byte range in the text, on character boundaries, without a leading
    /// "on" or "at" ("on Monday" is the range of "Monday").
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    /// The day; `None` for a time alone, for a weekday that disagrees with
    /// the date beside it, and for a day beyond chrono's years.
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    /// "this morning", "yesterday afternoon", "last night", "Friday night",
    /// "ten in the morning".
    pub part_of_day: Option<PartOfDay>,
}

/// The time of the event a note records, as the note gives it
/// ([`DateReader::event_time`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EventTime {
    /// The date and time; when the note gives no time of day, the date at
    /// 00:00 with `date_only` set, for the caller to decide on.
    pub at: NaiveDateTime,
    pub date_only: bool,
    /// The byte range of the mention that gave the date (a time taken from
    /// later in its sentence is not inside it).
    pub span: (usize, usize),
}

/// The reader, compiled once: build one and reuse it.
#[derive(Clone, Debug)]
pub(crate) struct DateReader {
    patterns: Patterns,
    starts: Starts,
}

/// The reader, compiled the first time a note needs it. A form that gives
/// the event's time never does, and compiling the patterns was a quarter of
/// building a checker (5.2 of 21 million instructions natively, callgrind),
/// which the page pays before its first check.
#[derive(Debug, Default)]
pub(crate) struct LazyDateReader(std::sync::OnceLock<DateReader>);

impl LazyDateReader {
    /// The reader, compiled now if it was not yet.
    pub(crate) fn get(&self) -> &DateReader {
        self.0.get_or_init(DateReader::new)
    }
}

impl Default for DateReader {
    fn default() -> DateReader {
        DateReader::new()
    }
}

impl DateReader {
    /// Compiles the patterns (every test builds them, so this cannot fail
    /// at run time).
    pub(crate) fn new() -> DateReader {
        DateReader { patterns: Patterns::compile(), starts: Starts::new() }
    }

    /// Every date and time in `text`, in text order, seen from `reference`.
    /// Never panics, on any text or reference.
    pub(crate) fn find(&self, text: &str, reference: NaiveDateTime) -> Vec<TimeMention> {
        let today = reference.date();
        let mut pieces = Vec::new();
        for (start, end) in self.candidates(text) {
            let Some(mut atom) = read::read(&text[start..end], start) else { continue };
            if run_into_other_numbers(text, atom.start, atom.end)
                || (atom.yearless_numeric && before_of(text, atom.end))
                || (matches!(atom.day, Some(read::Day::Weekday(..))) && after_every(text, atom.start))
            {
                continue;
            }
            let part = match (atom.day, atom.clock) {
                (None, Some(_)) => part_after(text, atom.end, &AFTER_TIME),
                (Some(read::Day::Weekday(..)), None) => part_after(text, atom.end, &AFTER_WEEKDAY),
                _ => None,
            };
            if let Some((part, end)) = part {
                (atom.part, atom.end, atom.weak) = (Some(part), end, false);
            }
            let (day, weekday) = match atom.day {
                None => (None, None),
                Some(day) => {
                    let date = match resolve::day(day, today) {
                        resolve::Resolved::On(date) => Some(date),
                        resolve::Resolved::Unresolved => None,
                        resolve::Resolved::Impossible => continue,
                    };
                    match day {
                        read::Day::Date { .. } | read::Day::OfMonth(_) => (Some((MentionKind::Absolute, date)), None),
                        read::Day::Weekday(weekday, _) => (Some((MentionKind::Weekday, date)), Some(weekday)),
                        read::Day::Offset(_) => (Some((MentionKind::Relative, date)), None),
                    }
                }
            };
            pieces.push(combine::Piece { start: atom.start, end: atom.end, day, weekday, clock: atom.clock, part: atom.part, weak: atom.weak });
        }
        combine::join(text, pieces)
    }

    /// Every match of the patterns, as the byte ranges a whole-text search
    /// with them would find (a test compares the two): at each place `scan`
    /// allows, the atoms its key can start, anchored; after "on" and "at",
    /// the atom after them.
    fn candidates<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        let b = text.as_bytes();
        let atom = move |key: Key, at: usize| self.patterns.at_start(key, &text[at..]).map(|len| at + len);
        let mut from = 0;
        std::iter::from_fn(move || {
            while let Some((start, what)) = self.starts.next(text, from) {
                let end = match what {
                    Start::Atom(key) => atom(key, start),
                    Start::Lead { at } => {
                        let after = start + 2 + b[start + 2..].iter().take_while(|&&c| scan::is_space(c)).count();
                        let led = match self.starts.start_at(b, after) {
                            Some(Start::Atom(key)) if after > start + 2 => atom(key, after),
                            _ => None,
                        };
                        led.or_else(|| if at && self.starts.at_goes_on(b, start) { atom(Key::At, start) } else { None })
                    }
                };
                match end {
                    Some(end) => {
                        from = end;
                        return Some((start, end));
                    }
                    None => from = start + 1,
                }
            }
            from = text.len();
            None
        })
    }
}

/// True when the number at `start..end` continues into another: "1.23.11.26",
/// "23/11/2026/4", "10:00:00:00", "2026-11-23-1".
fn run_into_other_numbers(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let own = &b[start..end];
    let joins = |c: u8| matches!(c, b'/' | b'.' | b':') || (c == b'-' && own.contains(&b'-'));
    let digit = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(u8::is_ascii_digit);
    let before = own.first().is_some_and(u8::is_ascii_digit) && start >= 1 && joins(b[start - 1]) && digit(start.checked_sub(2));
    let after = own.last().is_some_and(u8::is_ascii_digit) && b.get(end).is_some_and(|&c| joins(c)) && digit(Some(end + 1));
    before || after
}

/// True when a weekday stands for every such day, not one: "every Monday",
/// "a Saturday football club", "each Friday", "weekly Thursday sessions".
fn after_every(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let word_start = before.char_indices().rev().find(|(_, c)| !c.is_ascii_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    ["a", "an", "every", "each", "weekly", "fortnightly", "monthly", "alternate"].iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Phrases that say the part of the day after a clock time: "nine o'clock at night".
const AFTER_TIME: [(&[&str], PartOfDay); 4] = [
    (&["in", "the", "morning"], PartOfDay::Morning),
    (&["in", "the", "afternoon"], PartOfDay::Afternoon),
    (&["in", "the", "evening"], PartOfDay::Evening),
    (&["at", "night"], PartOfDay::Night),
];

/// Words that say the part of the day after a weekday: "Friday night".
const AFTER_WEEKDAY: [(&[&str], PartOfDay); 4] =
    [(&["morning"], PartOfDay::Morning), (&["afternoon"], PartOfDay::Afternoon), (&["evening"], PartOfDay::Evening), (&["night"], PartOfDay::Night)];

/// The part of the day one of `phrases` names right after `end` (after
/// white space, whole words in any case), and where the phrase ends.
fn part_after(text: &str, end: usize, phrases: &[(&[&str], PartOfDay)]) -> Option<(PartOfDay, usize)> {
    let b = text.as_bytes();
    phrases.iter().find_map(|&(words, part)| {
        let mut at = end;
        for word in words {
            let start = at + b[at..].iter().take_while(|&&c| scan::is_space(c)).count();
            let stop = start + word.len();
            let whole_word = b.get(start..stop).is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes()))
                && b.get(stop).is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'_');
            if start == at || !whole_word {
                return None;
            }
            at = stop;
        }
        Some((part, at))
    })
}

/// True when "of" follows `end`: "3/4 of the time".
fn before_of(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start().as_bytes();
    rest.len() >= 2 && rest[..2].eq_ignore_ascii_case(b"of") && rest.get(2).is_none_or(|c| !c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests;
