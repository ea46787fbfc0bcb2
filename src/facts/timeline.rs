//! When each sentence of a note happens: on the day of the event the note
//! records (`event_at`), or on another day — history, background, plans.
//!
//! A sentence is placed by what it names: a date or a weekday, words that tie
//! it to the day ("today", "this morning", "last night") or away from it
//! ("last week", "in June", "in 2024", "previously"). A sentence that names
//! none takes the place of the one before it in the same paragraph — "On 29
//! January nursery saw a bruise. Mum said he fell." is background twice — and
//! a paragraph that names none happens at the event. A chronology's lines are
//! placed by the dates they start with, so only the line of the event's day is
//! the event; with no event time, a note of several dates has no day of its own.

use chrono::{Datelike, NaiveDate, Weekday};

use super::spans::Span;
use crate::document::Document;

/// Where a sentence sits against the event's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// On the event's day (or the night before it, which a same-day record
    /// reports: "last night", "yesterday").
    Event,
    /// Another day, or no particular day: history, background, plans.
    Elsewhere,
}

/// When the sentences and the words of a note happen.
pub(super) struct Timeline {
    /// For each sentence, true when it records what happened at the event.
    pub at_event: Vec<bool>,
    /// The tokens, in order, where a time other than the event's is named:
    /// "arrested in Exeter on 10/06", "her overdose in June".
    pub elsewhere: Vec<usize>,
}

impl Timeline {
    /// True when a time other than the event's is named in `tokens`.
    pub fn names_another_time(&self, tokens: std::ops::Range<usize>) -> bool {
        let i = self.elsewhere.partition_point(|&t| t < tokens.start);
        self.elsewhere.get(i).is_some_and(|&t| t < tokens.end)
    }
}

/// Reads when each sentence of `doc` (`spans`) happens against the event's
/// day (`event_day`, when known).
pub(super) fn read(doc: &Document<'_>, spans: &[Span], event_day: Option<NaiveDate>) -> Timeline {
    let mut days = Days::default();
    let mut dated_lines: Vec<(u32, u32)> = Vec::new();
    let mut anchors: Vec<(usize, Mark)> = Vec::new();
    let marks: Vec<Option<Mark>> = spans
        .iter()
        .map(|s| {
            let m = mark(doc, s, &mut days, &mut anchors);
            if let (true, Some(Mark::Date(d))) = (s.paragraph && starts_with_number(doc, s), &m) {
                if !dated_lines.contains(&(d[0].day, d[0].month)) {
                    dated_lines.push((d[0].day, d[0].month));
                }
            }
            m
        })
        .collect();
    // A log of dated lines (a chronology): a paragraph under no date of its
    // own, past the title, is commentary, not the event.
    let log = dated_lines.len() > 1;
    // With no event time, one date in the note is its own; several are a
    // record of many days, none of them known to be the event's.
    let event_day = event_day.or(if days.distinct == 1 { days.first } else { None });
    let several_days = days.distinct > 1;
    let elsewhere = anchors.iter().filter(|(_, m)| place_of(m, event_day, several_days) == Some(Place::Elsewhere)).map(|&(t, _)| t).collect();
    let mut out = Vec::with_capacity(marks.len());
    let mut carried = Place::Event;
    for (i, (span, mark)) in spans.iter().zip(&marks).enumerate() {
        if span.paragraph {
            carried = if log && i > 0 { Place::Elsewhere } else { Place::Event };
        }
        let place = mark.as_ref().and_then(|m| place_of(m, event_day, several_days)).unwrap_or(carried);
        // A date carries to the sentences after it ("On 29 January nursery
        // saw a bruise. Mum said he fell."); a weekday or a word such as
        // "previously" or "at the last meeting" places only its own sentence
        // ("Chase told me that on Sunday his stepdad grabbed him. … I saw
        // bruising on his neck.").
        if !matches!(mark, Some(Mark::Far | Mark::Weekday(..))) {
            carried = place;
        }
        out.push(place == Place::Event);
    }
    Timeline { at_event: out, elsewhere }
}

/// Where a mark places what it dates; `None` when it leaves that to the
/// sentence before (a month or year that may be the event's own).
fn place_of(mark: &Mark, event_day: Option<NaiveDate>, several_days: bool) -> Option<Place> {
    Some(match mark {
        Mark::Near => Place::Event,
        Mark::Far => Place::Elsewhere,
        Mark::Date(dates) => match event_day {
            Some(day) if dates.iter().any(|d| d.matches(day)) => Place::Event,
            Some(_) => Place::Elsewhere,
            None if several_days => Place::Elsewhere,
            None => Place::Event,
        },
        Mark::Weekday(w, night) => match event_day {
            Some(day) if *w == day.weekday() || (*night && w.succ() == day.weekday()) => Place::Event,
            Some(_) => Place::Elsewhere,
            None => return None,
        },
        Mark::Month(m, year) => match event_day {
            Some(day) if *m == day.month() && year.is_none_or(|y| y == day.year()) => return None,
            Some(_) => Place::Elsewhere,
            None => return None,
        },
        Mark::Year(y) => match event_day {
            Some(day) if *y == day.year() => return None,
            _ => Place::Elsewhere,
        },
    })
}

/// A date as a note writes it: day and month, the year if given. `alt` is
/// the other reading of a numeric date (`6/19` is 19 June in US style).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct DayMonth {
    day: u32,
    month: u32,
    year: Option<i32>,
    alt: Option<(u32, u32)>,
}

impl DayMonth {
    fn matches(&self, date: NaiveDate) -> bool {
        let year_ok = self.year.is_none_or(|y| y == date.year());
        year_ok && ((self.day, self.month) == (date.day(), date.month()) || self.alt == Some((date.day(), date.month())))
    }
}

/// What a sentence says about when it happens, strongest first.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Mark {
    /// "today", "this morning", "tonight", "last night".
    Near,
    /// One or more dates.
    Date(Vec<DayMonth>),
    /// A weekday, and whether it is that day's night or evening.
    Weekday(Weekday, bool),
    /// "last week", "previously", "next Tuesday", "ago".
    Far,
    /// "in June" (and the year, if given).
    Month(u32, Option<i32>),
    /// "in 2024".
    Year(i32),
}

/// The dates the note names, to tell a note of one day from a log of many.
#[derive(Default)]
struct Days {
    first: Option<NaiveDate>,
    distinct: usize,
    seen: Vec<(u32, u32)>,
}

impl Days {
    fn add(&mut self, d: &DayMonth) {
        if !self.seen.contains(&(d.day, d.month)) {
            self.seen.push((d.day, d.month));
            self.distinct += 1;
            if self.first.is_none() {
                self.first = d.year.and_then(|y| NaiveDate::from_ymd_opt(y, d.month, d.day));
            }
        }
    }
}

/// The months, January first.
const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// A word that says something about when, by itself or with its neighbours.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TimeWord {
    /// The number of a month, January being 1.
    Month(u32),
    Weekday(Weekday),
    /// "today", "tonight", "yesterday".
    Near,
    /// "morning", "afternoon": near after "this".
    PartOfDay,
    /// "previously", "ago": another day.
    Far,
    /// "last": "last night" is near, "last week" and "last Tuesday" far.
    Last,
    /// "when": "when you were small".
    When,
    /// "past": "in the past".
    Past,
}

/// The words a sentence's time is read from. Every other word is passed
/// over after one table lookup (`TIME_WORDS`).
fn time_word(w: &str) -> Option<TimeWord> {
    use TimeWord::*;
    Some(match w {
        "today" | "tonight" | "today's" | "tonight's" | "yesterday" => Near,
        "morning" | "afternoon" | "evening" | "lunchtime" => PartOfDay,
        "previously" | "ago" | "historically" | "historic" | "formerly" => Far,
        "last" => Last,
        "when" => When,
        "past" => Past,
        "january" => Month(1),
        "february" => Month(2),
        "march" => Month(3),
        "april" => Month(4),
        "june" => Month(6),
        "july" => Month(7),
        "august" => Month(8),
        "september" => Month(9),
        "october" => Month(10),
        "november" => Month(11),
        "december" => Month(12),
        "monday" => Weekday(chrono::Weekday::Mon),
        "tuesday" => Weekday(chrono::Weekday::Tue),
        "wednesday" => Weekday(chrono::Weekday::Wed),
        "thursday" => Weekday(chrono::Weekday::Thu),
        "friday" => Weekday(chrono::Weekday::Fri),
        "saturday" => Weekday(chrono::Weekday::Sat),
        "sunday" => Weekday(chrono::Weekday::Sun),
        _ => return None,
    })
}

/// For each first letter, a bit for each length of a word `time_word`
/// knows ("may" aside: the month is read only beside a day, "12 May").
static TIME_WORDS: [u32; 26] = {
    const WORDS: [&str; 33] = [
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tonight",
        "today's",
        "tonight's",
        "yesterday",
        "morning",
        "afternoon",
        "evening",
        "lunchtime",
        "previously",
        "ago",
        "historically",
        "historic",
        "formerly",
        "last",
    ];
    let mut table = [0u32; 26];
    let mut w = 0;
    while w < WORDS.len() {
        let word = WORDS[w].as_bytes();
        table[(word[0] - b'a') as usize] |= 1 << word.len();
        w += 1;
    }
    table[(b'w' - b'a') as usize] |= 1 << 4; // when
    table[(b'p' - b'a') as usize] |= 1 << 4; // past
    table
};

/// True when a word of `len` bytes starting with `first` (lower case) is a
/// number or may be one of the words `time_word` knows.
#[inline]
fn may_tell_time(first: u8, len: usize) -> bool {
    match first {
        b'0'..=b'9' => true,
        b'a'..=b'z' => len < 32 && TIME_WORDS[(first - b'a') as usize] & (1 << len) != 0,
        _ => false,
    }
}

/// After "last", a time that was another day: "last week", "at the last
/// meeting" (but "last night" is the night before the event).
fn far_after_last(w: &str) -> bool {
    matches!(
        w,
        "week"
            | "weekend"
            | "month"
            | "year"
            | "term"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
            | "time"
            | "christmas"
            | "easter"
            | "visit"
            | "meeting"
            | "session"
            | "review"
            | "conference"
            | "appointment"
    )
}

/// Headings over background: "Background: …", "History: …".
const FAR_HEADINGS: &[&str] = &["background", "history"];
/// Headings over plans, when a colon follows: "Plan:", "Actions:".
const PLAN_HEADINGS: &[&str] = &["plan", "plans", "action", "actions", "next", "agreed"];

/// A month as written beside a day: "March", "Mar", "Sept".
fn short_month_of(word: &str) -> Option<u32> {
    let w = word.strip_suffix('.').unwrap_or(word);
    let m = match w {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return MONTHS.iter().position(|m| *m == w).map(|i| i as u32 + 1),
    };
    Some(m)
}

/// A day of the month as written: "3", "03", "3rd", "21st".
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year_number(word: &str) -> Option<i32> {
    let n: i32 = (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok())??;
    (1950..=2100).contains(&n).then_some(n)
}

fn short_year(word: &str) -> Option<i32> {
    match word.len() {
        2 if word.bytes().all(|b| b.is_ascii_digit()) => word.parse::<i32>().ok().map(|y| 2000 + y),
        4 => year_number(word),
        _ => None,
    }
}

/// A numeric date "d/m", "d/m/y", "d.m.y" or "d-m-y" from its parts, with
/// its US reading (month first) where that is a date too.
fn numeric_date(parts: &[&str]) -> Option<DayMonth> {
    let (a, b) = (parts.first()?, parts.get(1)?);
    if a.len() > 2 || b.len() > 2 || !a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let year = match parts.get(2) {
        Some(y) => Some(short_year(y)?),
        None => None,
    };
    let valid = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
    match (valid(a, b), valid(b, a)) {
        (true, true) => Some(DayMonth { day: a, month: b, year, alt: Some((b, a)) }),
        (true, false) => Some(DayMonth { day: a, month: b, year, alt: None }),
        (false, true) => Some(DayMonth { day: b, month: a, year, alt: None }),
        (false, false) => None,
    }
}

/// True when a sentence starts with a number, as a dated line does.
fn starts_with_number(doc: &Document<'_>, span: &Span) -> bool {
    doc.word(span.first_token).as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// What a sentence says about when it happens, if anything. Dates are
/// also counted into `days`. Words inside a quotation are left out: the
/// child's "he hit me on Sunday" is said at the event, whenever it happened.
/// Each mark is also recorded in `anchors` at the token that starts it.
fn mark(doc: &Document<'_>, span: &Span, days: &mut Days, anchors: &mut Vec<(usize, Mark)>) -> Option<Mark> {
    let (first, end) = (span.first_token, span.end_token);
    let bytes = doc.lower.as_bytes();
    let word = |i: usize| if i >= first && i < end && !doc.tokens[i].quoted { doc.word(i) } else { "" };
    // The text between two tokens: `/` joins the parts of a numeric date.
    let joined = |i: usize, sep: u8| i + 1 < end && doc.tokens[i].end + 1 == doc.tokens[i + 1].start && bytes[doc.tokens[i].end] == sep;
    let mut near = false;
    let mut far = false;
    let mut dates: Vec<DayMonth> = Vec::new();
    let mut weekday: Option<(Weekday, bool)> = None;
    let mut month: Option<(u32, Option<i32>)> = None;
    let mut year: Option<i32> = None;
    // "Background: …"; "Plan: …", "Actions: …", "Next steps: …".
    let heading = |n: usize| first + n <= end && doc.lower.as_bytes().get(doc.tokens[first + n - 1].end) == Some(&b':');
    if FAR_HEADINGS.contains(&word(first))
        || (PLAN_HEADINGS.contains(&word(first)) && heading(1))
        || (word(first) == "next" && word(first + 1) == "steps" && heading(2))
    {
        far = true;
    }
    let mut i = first;
    while i < end {
        let token = doc.tokens[i];
        if token.quoted || !may_tell_time(bytes[token.start], token.end - token.start) {
            i += 1;
            continue;
        }
        let w = doc.word(i);
        let is_number = w.as_bytes()[0].is_ascii_digit();
        let said = if is_number { None } else { time_word(w) };
        if !is_number && said.is_none() {
            i += 1;
            continue;
        }
        let prev = if i > first { word(i - 1) } else { "" };
        // A date that is no time of the note's events: "since 3 March" goes
        // on to now; "DOB 08/30/2027", "born on 3 June" is a birthday.
        let timeless = matches!(prev, "since" | "dob" | "d.o.b" | "born" | "edd" | "due") || (prev == "on" && i > first + 1 && word(i - 2) == "born");
        if is_number {
            // "03/09/2025", "6/19", "12.05.2026": parts joined by one separator.
            let mut parts = [w, "", ""];
            let mut n = 1;
            let mut j = i;
            if w.contains('.') {
                let mut split = w.split('.');
                n = 0;
                for part in split.by_ref().take(3) {
                    parts[n] = part;
                    n += 1;
                }
                if n != 3 || split.next().is_some() {
                    n = 0;
                }
            } else {
                for sep in [b'/', b'-'] {
                    while n < 3 && joined(j, sep) {
                        j += 1;
                        parts[n] = word(j);
                        n += 1;
                    }
                    if n > 1 {
                        break;
                    }
                }
            }
            if n >= 2 {
                if let Some(d) = numeric_date(&parts[..n]).filter(|_| !timeless) {
                    days.add(&d);
                    dates.push(d);
                    anchors.push((i, Mark::Date(vec![d])));
                }
                i = j + 1;
                continue;
            }
            if let Some(day) = day_number(w) {
                // "3 March", "3rd of March 2026"; "March 3", "Sep 12th, 2026".
                let k = if word(i + 1) == "of" { i + 2 } else { i + 1 };
                let (month, after) = match short_month_of(word(k)) {
                    Some(m) => (Some(m), k + 1),
                    None => (short_month_of(prev), i + 1),
                };
                if let Some(m) = month {
                    let y = year_number(word(after).trim_start_matches(','));
                    let timeless = timeless || (after == i + 1 && i > first + 1 && matches!(word(i - 2), "since" | "dob" | "born" | "edd" | "due"));
                    if !timeless {
                        let d = DayMonth { day, month: m, year: y, alt: None };
                        days.add(&d);
                        dates.push(d);
                        anchors.push((if after == i + 1 { i - 1 } else { i }, Mark::Date(vec![d])));
                    }
                    i = after + usize::from(y.is_some());
                    continue;
                }
            }
            if let Some(y) = year_number(w).filter(|_| !timeless) {
                year = Some(y);
                anchors.push((i, Mark::Year(y)));
            }
            i += 1;
            continue;
        }
        match said {
            // A month alone: "in June" (beside a day it is read with the day).
            Some(TimeWord::Month(m)) if !timeless && !word(i + 1).starts_with(|c: char| c.is_ascii_digit()) => {
                month = Some((m, year_number(word(i + 1))));
                anchors.push((i, Mark::Month(m, year_number(word(i + 1)))));
            }
            Some(TimeWord::Weekday(wd)) => {
                let night = matches!(word(i + 1), "night" | "evening");
                match prev {
                    "last" => {
                        far = true;
                        anchors.push((i - 1, Mark::Far));
                    }
                    // A plan does not move the sentence: "visit tomorrow" is a hedge.
                    "next" => {}
                    // A habit or a limit, not a day: "every Saturday", "by Friday".
                    "every" | "until" | "till" | "by" | "since" => {}
                    _ => {
                        weekday = weekday.or(Some((wd, night)));
                        anchors.push((i, Mark::Weekday(wd, night)));
                    }
                }
            }
            Some(TimeWord::Near) => near = true,
            Some(TimeWord::PartOfDay) if prev == "this" => near = true,
            // "an hour ago", "ten minutes ago": the same day, not another.
            Some(TimeWord::Far) if w == "ago" && matches!(prev, "hour" | "hours" | "minute" | "minutes" | "mins" | "hrs" | "hr") => near = true,
            Some(TimeWord::Far) => {
                far = true;
                anchors.push((i, Mark::Far));
            }
            Some(TimeWord::Last) => match word(i + 1) {
                "night" => near = true,
                next if far_after_last(next) => {
                    far = true;
                    anchors.push((i, Mark::Far));
                }
                _ => {}
            },
            Some(TimeWord::Past) if prev == "the" && i > first + 1 && word(i - 2) == "in" => far = true,
            // "when you were very small", "when he was 6": childhood.
            Some(TimeWord::When) if matches!(word(i + 1), "you" | "he" | "she" | "they" | "i") && matches!(word(i + 2), "was" | "were") => {
                let next = word(i + 3);
                far |= matches!(next, "very" | "a" | "an" | "little" | "small" | "younger" | "born" | "tiny") || day_number(next).is_some();
            }
            _ => {}
        }
        i += 1;
    }
    if near {
        Some(Mark::Near)
    } else if !dates.is_empty() {
        Some(Mark::Date(dates))
    } else if let Some((wd, night)) = weekday {
        Some(Mark::Weekday(wd, night))
    } else if far {
        Some(Mark::Far)
    } else if let Some((m, y)) = month {
        Some(Mark::Month(m, y))
    } else {
        year.map(Mark::Year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn places(text: &str, day: Option<(i32, u32, u32)>) -> Vec<(String, bool)> {
        static EMPTY: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| Lexicon::build(&[]).unwrap());
        let doc = Document::new(text, &EMPTY);
        let day = day.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        let spans = super::super::spans::sentences(&doc);
        let at = read(&doc, &spans, day).at_event;
        spans.iter().zip(at).map(|(s, a)| (doc.norm[doc.tokens[s.first_token].start..doc.tokens[s.end_token - 1].end].to_owned(), a)).collect()
    }

    fn event_sentences(text: &str, day: Option<(i32, u32, u32)>) -> Vec<String> {
        places(text, day).into_iter().filter(|(_, a)| *a).map(|(s, _)| s).collect()
    }

    #[test]
    fn dated_sentences_are_background_and_carry_to_the_next() {
        let text = "Visit today. On 29 January nursery saw a bruise. Mum said he fell.\nJayden showed me his room.";
        assert_eq!(event_sentences(text, Some((2026, 3, 3))), ["Visit today", "Jayden showed me his room"]);
    }

    #[test]
    fn a_chronology_is_placed_line_by_line() {
        let text = "03/09/2025 | Referral from school.\n04/09/2025 | Joint visit with police. Mum said the boys were messing about.\n05/09/2025 | CP medical.";
        assert_eq!(event_sentences(text, Some((2025, 9, 4))), ["04/09/2025 | Joint visit with police", "Mum said the boys were messing about"]);
        assert!(event_sentences(text, None).is_empty(), "no event time: no line is the event");
        assert!(event_sentences(text, Some((2025, 10, 8))).is_empty());
    }

    #[test]
    fn a_logs_commentary_is_not_the_event() {
        let text = "Chronology\n11/02/2027 | HV | bruises seen.\n12/02/2027 | CP medical.\nAnalysis: an accidental injury.";
        assert_eq!(event_sentences(text, Some((2027, 2, 22))), ["Chronology"]);
        assert_eq!(event_sentences(text, Some((2027, 2, 12))), ["Chronology", "12/02/2027 | CP medical"]);
    }

    #[test]
    fn childhood_is_another_day() {
        assert!(event_sentences("One night when you were 6 weeks old you were left alone.", Some((2026, 3, 3))).is_empty());
        assert_eq!(event_sentences("When I was there he bit his hand.", Some((2026, 3, 3))).len(), 1);
    }

    #[test]
    fn one_date_without_an_event_time_is_the_notes_own() {
        assert_eq!(event_sentences("Strategy discussion 04/08/2026. Outcome: s47.", None).len(), 2);
    }

    #[test]
    fn weekdays_months_and_years_against_the_event_day() {
        // 2026-03-03 is a Tuesday.
        let day = Some((2026, 3, 3));
        assert_eq!(event_sentences("I came to see you on Tuesday. You were asleep.", day).len(), 2);
        assert!(event_sentences("She ran off from her in Tesco on Saturday.", day).is_empty());
        assert_eq!(event_sentences("He said it happened on Monday night.", day).len(), 1, "the night before");
        assert!(event_sentences("Following Shannon's overdose in June, there have been no incidents.", day).is_empty());
        assert!(event_sentences("He has a conviction from 2019.", day).is_empty());
        assert!(event_sentences("I will see you on Monday.", day).is_empty());
        assert_eq!(event_sentences("Strat disc held, joint visit tomorrow.", day).len(), 1, "a plan leaves the sentence where it is");
        assert_eq!(event_sentences("He said \"he hit me on Sunday\" and showed me.", day).len(), 1, "said at the event");
        assert_eq!(event_sentences("Chase told me that on Sunday his stepdad grabbed him. I saw bruising on his neck.", day), ["I saw bruising on his neck"]);
        assert!(event_sentences("Her carer said in 2024 that Maya had gone missing.", day).is_empty());
        assert!(event_sentences("Her overdose last week.", day).is_empty());
    }

    #[test]
    fn same_day_words_win_over_other_days() {
        let day = Some((2026, 3, 3));
        assert_eq!(event_sentences("I visited at 08:30 this morning following the call on 2 March.", day).len(), 1);
        assert_eq!(event_sentences("Chelsea did not come home last night.", day).len(), 1);
        assert_eq!(event_sentences("Missing since 19:30 and not home since Saturday.", day).len(), 1, "since: still going on");
        assert_eq!(event_sentences("She took 12 paracetamol about an hour ago.", day).len(), 1, "hours ago: the same day");
        assert!(event_sentences("She took an overdose two years ago.", day).is_empty());
    }

    #[test]
    fn a_birthday_is_no_time_of_the_events() {
        assert_eq!(event_sentences("Family Time Report – Baby Reyes (DOB 08/30/2027). She slept.", Some((2027, 9, 20))).len(), 2);
        assert_eq!(event_sentences("You were born on 3 June 2025 and today you are one.", Some((2026, 6, 3))).len(), 1);
    }

    #[test]
    fn numeric_dates_read_both_ways() {
        assert_eq!(event_sentences("Date: 6/19. Father arrived late.", Some((2026, 6, 19))).len(), 2);
        assert_eq!(event_sentences("Date: 04/11. Children arrived.", Some((2026, 4, 11))).len(), 2);
        assert_eq!(event_sentences("Date: 04/11. Children arrived.", Some((2026, 11, 4))).len(), 2);
        assert!(event_sentences("Seen on 12.05.2026. Fine.", Some((2026, 6, 1))).is_empty());
        assert!(event_sentences("May I ask? Yes.", Some((2026, 6, 1))).len() == 2, "the modal 'may' is no month");
    }
}
