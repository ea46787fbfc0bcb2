//! Joins candidates written together into one mention, and drops those that
//! only count when joined:
//!
//! 1. a time range is its start: "2pm to 4pm", "10:00–11:30";
//! 2. a weekday and a date are one day, which must agree: "Monday 23rd",
//!    "Monday, the 23rd of November", "Tuesday 23/11";
//! 3. a day and a time are one moment: "on 23/11 at 10am", "at 10am on
//!    Monday", "yesterday at 4pm", "Saturday 5 June: 10:00".

use chrono::{Datelike, NaiveDate, Weekday};

use super::read::Clock;
use super::resolve;
use super::{MentionKind, PartOfDay, TimeMention};

/// A candidate with its day placed in time.
#[derive(Clone, Copy, Debug)]
pub(super) struct Piece {
    pub start: usize,
    pub end: usize,
    /// The day's kind and date (`None` for a day that could not be placed);
    /// `None` for a clock time alone.
    pub day: Option<(MentionKind, Option<NaiveDate>)>,
    /// The weekday a weekday alone names.
    pub weekday: Option<Weekday>,
    pub clock: Option<Clock>,
    pub part: Option<PartOfDay>,
    pub weak: bool,
}

/// Words that may stand between a day and its time.
const DAY_TIME: &[&str] = &["at", "on", "from", "around", "about", "approximately", "approx", "by"];
/// Words that may stand between a weekday and its date.
const WEEKDAY_DATE: &[&str] = &["the"];
/// Words between the two times of a range.
const RANGE: &[&str] = &["to", "until", "till", "til"];

/// The mentions of `pieces` (in text order): joined, and the weak ones left
/// alone dropped.
pub(super) fn join(text: &str, pieces: Vec<Piece>) -> Vec<TimeMention> {
    let pieces = pairs(pieces, |a, b| time_range(text, a, b));
    let pieces = pairs(pieces, |a, b| weekday_date(text, a, b));
    let pieces = pairs(pieces, |a, b| day_time(text, a, b));
    pieces.into_iter().filter(|p| !p.weak).map(mention).collect()
}

/// `pieces` with each pair of neighbours that `join` makes one replaced by it.
fn pairs(pieces: Vec<Piece>, join: impl Fn(Piece, Piece) -> Option<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut joined_last = false;
    for piece in pieces {
        match out.last() {
            Some(&last) if !joined_last => match join(last, piece) {
                Some(both) => {
                    *out.last_mut().expect("checked") = both;
                    joined_last = true;
                }
                None => out.push(piece),
            },
            _ => {
                out.push(piece);
                joined_last = false;
            }
        }
    }
    out
}

/// True when between `a` and `b` there is nothing but white space, the
/// punctuation `punctuation` and at most `most` of `words`.
fn only_between(text: &str, a: Piece, b: Piece, punctuation: &[char], words: &[&str], most: usize) -> bool {
    let Some(gap) = text.get(a.end..b.start) else { return false };
    let mut count = 0;
    for word in gap.split(|c: char| c.is_ascii_whitespace() || punctuation.contains(&c)) {
        if word.is_empty() {
            continue;
        }
        count += 1;
        if count > most || !words.iter().any(|w| word.eq_ignore_ascii_case(w)) {
            return false;
        }
    }
    true
}

fn is_time(p: Piece) -> bool {
    p.day.is_none() && p.clock.is_some()
}

fn is_day(p: Piece) -> bool {
    p.day.is_some() && p.clock.is_none()
}

/// "2pm to 4pm", "10:00-11:30": the first time, spanning both.
fn time_range(text: &str, a: Piece, b: Piece) -> Option<Piece> {
    let dash_or_word = text.get(a.end..b.start).is_some_and(|gap| !gap.trim().is_empty());
    let ok = is_time(a) && is_time(b) && dash_or_word && only_between(text, a, b, &['-', '\u{2013}'], RANGE, 1);
    ok.then_some(Piece { end: b.end, weak: a.weak && b.weak, part: a.part.or(b.part), ..a })
}

/// "Monday 23rd", "Monday, 23 November": the date, if it falls on the weekday.
fn weekday_date(text: &str, a: Piece, b: Piece) -> Option<Piece> {
    let weekday = a.weekday?;
    let (MentionKind::Absolute, date) = b.day? else { return None };
    if a.clock.is_some() || b.clock.is_some() || !only_between(text, a, b, &[','], WEEKDAY_DATE, 1) {
        return None;
    }
    let date = date.filter(|d| d.weekday() == weekday);
    Some(Piece { start: a.start, end: b.end, day: Some((MentionKind::Absolute, date)), weekday: None, clock: None, part: a.part, weak: false })
}

/// "23/11 at 10am", "10am on Monday", "yesterday, 4pm": one is a day without
/// a time, the other a time without a day.
fn day_time(text: &str, a: Piece, b: Piece) -> Option<Piece> {
    let (day, time) = match (is_day(a), is_time(b), is_time(a), is_day(b)) {
        (true, true, _, _) => (a, b),
        (_, _, true, true) => (b, a),
        _ => return None,
    };
    if !only_between(text, a, b, &[',', ':', '-', '\u{2013}'], DAY_TIME, 2) {
        return None;
    }
    Some(Piece { start: a.start, end: b.end, day: day.day, weekday: None, clock: time.clock, part: day.part.or(time.part), weak: a.weak && b.weak })
}

fn mention(piece: Piece) -> TimeMention {
    let (kind, date) = piece.day.unwrap_or((MentionKind::Time, None));
    let (time, date) = match piece.clock {
        Some(clock) => {
            let (time, date) = resolve::time(clock, piece.part, date);
            (Some(time), date)
        }
        None => (None, date),
    };
    TimeMention { start: piece.start, end: piece.end, kind, date, time, part_of_day: piece.part }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn monday() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 11, 23)
    }

    fn day(start: usize, end: usize, weak: bool) -> Piece {
        Piece { start, end, day: Some((MentionKind::Absolute, monday())), weekday: None, clock: None, part: None, weak }
    }

    fn weekday(start: usize, end: usize, weekday: Weekday) -> Piece {
        Piece { weekday: Some(weekday), day: Some((MentionKind::Weekday, monday())), ..day(start, end, false) }
    }

    fn clock(start: usize, end: usize, weak: bool) -> Piece {
        Piece { start, end, day: None, weekday: None, clock: Some(Clock { hour: 10, minute: 0, exact: true }), part: None, weak }
    }

    /// Each mention's span, and whether it has a date and a time.
    fn spans(text: &str, pieces: &[Piece]) -> Vec<(usize, usize, bool, bool)> {
        join(text, pieces.to_vec()).iter().map(|m| (m.start, m.end, m.date.is_some(), m.time.is_some())).collect()
    }

    #[test]
    fn a_day_and_a_time_join_across_a_few_words() {
        assert_eq!(spans("23/11 at 10am", &[day(0, 5, true), clock(9, 13, false)]), [(0, 13, true, true)]);
        assert_eq!(spans("10am, at about 23/11", &[clock(0, 4, false), day(15, 20, false)]), [(0, 20, true, true)]);
        assert_eq!(spans("23/11 - 10am", &[day(0, 5, false), clock(8, 12, false)]), [(0, 12, true, true)]);
    }

    #[test]
    fn other_words_keep_them_apart() {
        assert_eq!(spans("23/11 we met at 10am", &[day(0, 5, false), clock(16, 20, false)]), [(0, 5, true, false), (16, 20, false, true)]);
        assert_eq!(spans("23/11 at around about 10am", &[day(0, 5, false), clock(22, 26, false)]), [(0, 5, true, false), (22, 26, false, true)]);
    }

    #[test]
    fn weak_pieces_need_a_partner() {
        let text = "3/4 of them, at 10 and 23/11 at 10";
        assert_eq!(spans(text, &[day(0, 3, true), clock(16, 18, true), day(23, 28, true), clock(32, 34, true)]), []);
    }

    #[test]
    fn two_days_or_two_times_do_not_join() {
        let text = "23/11 23/11 10am 10am";
        assert_eq!(spans(text, &[day(0, 5, false), day(6, 11, false), clock(12, 16, false), clock(17, 21, false)]).len(), 3);
    }

    #[test]
    fn a_range_is_its_start() {
        let text = "2pm to 4pm on Monday";
        assert_eq!(spans(text, &[clock(0, 3, false), clock(7, 10, false), weekday(14, 20, Weekday::Mon)]), [(0, 20, true, true)]);
        let text = "10:00-11:30";
        assert_eq!(spans(text, &[clock(0, 5, false), clock(6, 11, false)]), [(0, 11, false, true)]);
        let text = "10am and 4pm";
        assert_eq!(spans(text, &[clock(0, 4, false), clock(9, 12, false)]).len(), 2);
    }

    #[test]
    fn a_weekday_and_a_date_must_agree() {
        let text = "Monday, the 23rd";
        assert_eq!(spans(text, &[weekday(0, 6, Weekday::Mon), day(12, 16, true)]), [(0, 16, true, false)]);
        let text = "Tuesday 23rd at 10am";
        assert_eq!(spans(text, &[weekday(0, 7, Weekday::Tue), day(8, 12, true), clock(16, 20, false)]), [(0, 20, false, true)]);
        let text = "Monday and 23rd";
        assert_eq!(spans(text, &[weekday(0, 6, Weekday::Mon), day(11, 15, true)]), [(0, 6, true, false)]);
    }
}
