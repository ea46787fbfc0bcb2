//! What one matched candidate says: its words and numbers read into a day
//! (a calendar date, a day of the month, a weekday or an offset from the
//! reference day), a clock time, or both, not yet placed in time.
//!
//! The pattern has already checked the shape, so this reads tokens in the
//! order the pattern allows; a sequence it does not expect reads as nothing.

use chrono::Weekday;

use super::PartOfDay;

/// A year as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Year {
    Full(i32),
    /// Two digits: the century is the reference's (see `resolve`).
    Short(u32),
}

/// Which day a weekday names, relative to the reference day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Which {
    /// "Monday", "on Monday": the reference day itself or the latest before it.
    OnOrBefore,
    /// "last Monday": the latest before the reference day.
    Before,
    /// "next Monday", "this coming Monday": the first after it.
    After,
}

/// The day a candidate names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Day {
    /// A calendar date; without a year, the latest on or before the reference.
    Date {
        year: Option<Year>,
        month: u32,
        day: u32,
    },
    /// "23rd" (after a weekday): the latest 23rd on or before the reference.
    OfMonth(u32),
    Weekday(Weekday, Which),
    /// Days after the reference day: "yesterday" is -1.
    Offset(i8),
}

/// A clock time as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Clock {
    pub hour: u32,
    pub minute: u32,
    /// False when the half of the day is not written: "half past three",
    /// "at 3.15", "3:30" (but not "03:30", "15:30", "3pm" or "noon").
    pub exact: bool,
}

/// One candidate, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Atom {
    /// Bytes of the note, without a leading "on" or "at".
    pub start: usize,
    pub end: usize,
    pub day: Option<Day>,
    pub clock: Option<Clock>,
    pub part: Option<PartOfDay>,
    /// A day and month as numbers without a year ("23/11", or "3/4").
    pub yearless_numeric: bool,
    /// Kept only when it joins another mention: a bare "23/11" (without
    /// "on"), a bare "23rd", or a bare hour "at 10".
    pub weak: bool,
}

/// Reads the candidate `text`, found at byte `offset` of the note.
pub(super) fn read(text: &str, offset: usize) -> Option<Atom> {
    let tokens = tokens(text);
    let mut c = Cursor { tokens: &tokens, at: 0 };
    let on = c.word(&["on", "at"]) == Some(0);
    let start = offset + tokens.get(c.at)?.start;
    let end = offset + tokens.last()?.end;
    let whole = |read: Reader| {
        let mut c = c;
        read(&mut c).filter(|_| c.done())
    };
    let readers: [Reader; 7] = [relative, weekday, date, noon, in_words, hour_in_words, numeric_time];
    let read = readers.into_iter().find_map(whole)?;
    Some(Atom {
        start,
        end,
        day: read.day,
        clock: read.clock,
        part: read.part,
        yearless_numeric: read.yearless_numeric,
        weak: read.bare_hour || read.ordinal_only || (read.yearless_numeric && !on),
    })
}

type Reader = fn(&mut Cursor<'_, '_>) -> Option<Read>;

#[derive(Default)]
struct Read {
    day: Option<Day>,
    clock: Option<Clock>,
    part: Option<PartOfDay>,
    yearless_numeric: bool,
    ordinal_only: bool,
    bare_hour: bool,
}

const PARTS: [(&str, PartOfDay); 4] =
    [("morning", PartOfDay::Morning), ("afternoon", PartOfDay::Afternoon), ("evening", PartOfDay::Evening), ("night", PartOfDay::Night)];

fn part(c: &mut Cursor<'_, '_>, allowed: usize) -> Option<PartOfDay> {
    let names: Vec<&str> = PARTS[..allowed].iter().map(|(name, _)| *name).collect();
    c.word(&names).map(|i| PARTS[i].1)
}

/// today, tonight, tomorrow (night), yesterday (afternoon), last night, this morning.
fn relative(c: &mut Cursor<'_, '_>) -> Option<Read> {
    let (offset, part) = match c.word(&["today", "tonight", "tomorrow", "yesterday", "last", "this"])? {
        0 => (0, None),
        1 => (0, Some(PartOfDay::Night)),
        2 => (1, part(c, 4)),
        3 => (-1, part(c, 3)),
        4 => (-1, Some(c.word(&["night"]).map(|_| PartOfDay::Night)?)),
        _ => (0, Some(part(c, 3)?)),
    };
    Some(Read { day: Some(Day::Offset(offset)), part, ..Read::default() })
}

/// Monday, last Monday, this coming Friday, Thurs.
fn weekday(c: &mut Cursor<'_, '_>) -> Option<Read> {
    let which = match c.word(&["last", "next", "this", "coming"]) {
        None => Which::OnOrBefore,
        Some(0) => Which::Before,
        Some(2) => c.word(&["coming"]).map(|_| Which::After)?,
        Some(_) => Which::After,
    };
    let weekday = c.weekday()?;
    Some(Read { day: Some(Day::Weekday(weekday, which)), ..Read::default() })
}

/// 23/11/2026, 23.11.26, 2026-11-23(T10:00), 23/11, 23rd (of) Nov(.) (2026), November 23(rd)(,) (2026), 23rd.
fn date(c: &mut Cursor<'_, '_>) -> Option<Read> {
    if let Some(month) = c.month() {
        c.sep(b".");
        let day = c.num()?.value;
        c.sep(b",");
        let year = c.num().map(|n| Year::Full(n.value as i32));
        return Some(Read { day: Some(Day::Date { year, month, day }), ..Read::default() });
    }
    let first = c.num()?;
    if first.digits == 4 {
        c.sep(b"-")?;
        let month = c.num()?.value;
        c.sep(b"-")?;
        let day = c.num()?.value;
        let year = Some(Year::Full(first.value as i32));
        let clock = if c.word(&["t"]).is_some() { Some(clock24(c)?) } else { None };
        return Some(Read { day: Some(Day::Date { year, month, day }), clock, ..Read::default() });
    }
    if let Some(sep) = c.sep(b"/.-") {
        let month = c.num()?.value;
        let year = match c.sep(&[sep]) {
            // Without a year only "23/11": "3.15" and "2-1" are not dates.
            None if sep == b'/' => None,
            None => return None,
            Some(_) => match c.num()? {
                Num { value, digits: 4, .. } => Some(Year::Full(value as i32)),
                Num { value, digits: 2, .. } => Some(Year::Short(value)),
                _ => return None,
            },
        };
        return Some(Read { day: Some(Day::Date { year, month, day: first.value }), yearless_numeric: year.is_none(), ..Read::default() });
    }
    if first.ordinal && c.done() {
        return Some(Read { day: Some(Day::OfMonth(first.value)), ordinal_only: true, ..Read::default() });
    }
    c.word(&["of"]);
    let month = c.month()?;
    c.sep(b".");
    c.sep(b",");
    let year = c.num().map(|n| Year::Full(n.value as i32));
    Some(Read { day: Some(Day::Date { year, month, day: first.value }), ..Read::default() })
}

/// `HH:MM`, exactly as written on a 24-hour clock (after an ISO date's `T`).
fn clock24(c: &mut Cursor<'_, '_>) -> Option<Clock> {
    let hour = c.num()?.value;
    c.sep(b":")?;
    let minute = c.num()?.value;
    (hour < 24 && minute < 60).then_some(Clock { hour, minute, exact: true })
}

const HOUR_WORDS: [&str; 12] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

fn clock(hour: u32, minute: u32, exact: bool) -> Option<Read> {
    Some(Read { clock: Some(Clock { hour, minute, exact }), ..Read::default() })
}

/// (12) noon, midday, mid-day, (12) midnight.
fn noon(c: &mut Cursor<'_, '_>) -> Option<Read> {
    if c.peek_num().is_some_and(|n| n.value == 12 && n.digits == 2 && !n.ordinal) {
        c.at += 1;
    }
    match c.word(&["noon", "midday", "mid", "midnight"])? {
        0 | 1 => clock(12, 0, true),
        2 => {
            c.sep(b"-")?;
            c.word(&["day"])?;
            clock(12, 0, true)
        }
        _ => clock(0, 0, true),
    }
}

/// half past ten, quarter to 3, twenty-five past four pm, ten minutes to twelve, half ten.
fn in_words(c: &mut Cursor<'_, '_>) -> Option<Read> {
    let i = c.word(&["quarter", "half", "twenty", "twentyfive", "ten", "five"])?;
    let mut minutes = [15, 30, 20, 25, 10, 5][i];
    if i == 2 {
        c.sep(b"-");
        if c.word(&["five"]).is_some() {
            minutes = 25;
        }
    }
    c.word(&["minutes"]);
    let to = match c.word(&["past", "to"]) {
        Some(direction) => direction == 1,
        None if i == 1 => false, // "half ten": half past ten
        None => return None,
    };
    let hour = c.hour()?;
    let pm = c.am_pm();
    let (hour, minute) = if to { ((hour + 10) % 12 + 1, 60 - minutes) } else { (hour, minutes) };
    let k = with_half(hour, minute, pm)?;
    clock(k.hour, k.minute, k.exact)
}

/// ten o'clock, ten pm, and a bare "ten" (from "at ten").
fn hour_in_words(c: &mut Cursor<'_, '_>) -> Option<Read> {
    let hour = c.hour_word()?;
    let pm = c.am_pm();
    let oclock = pm.is_none() && c.o_clock();
    Some(Read { clock: Some(with_half(hour, 0, pm)?), bare_hour: pm.is_none() && !oclock, ..Read::default() })
}

/// 10am, 10.30 p.m., 10 o'clock, 14:05(:30)(hrs), 1400hrs, and a bare "10" (from "at 10").
fn numeric_time(c: &mut Cursor<'_, '_>) -> Option<Read> {
    let n = c.num().filter(|n| !n.ordinal)?;
    if n.digits == 4 {
        c.word(&["hrs", "hours"])?;
        let (hour, minute) = (n.value / 100, n.value % 100);
        return if hour < 24 && minute < 60 { clock(hour, minute, true) } else { None };
    }
    let minute = match c.sep(b":.") {
        Some(_) => {
            let minute = c.num()?.value;
            if c.sep(b":").is_some() {
                c.num()?; // seconds
            }
            Some(minute)
        }
        None => None,
    };
    let pm = c.am_pm();
    let oclock = minute.is_none() && pm.is_none() && c.o_clock();
    if pm.is_none() {
        c.word(&["hrs", "hours"]);
    }
    let k = match (pm, minute) {
        (None, Some(minute)) => {
            let hour = n.value;
            let leading_zero = n.digits == 2 && hour < 10;
            (hour < 24 && minute < 60).then_some(Clock { hour, minute, exact: leading_zero || hour == 0 || hour > 12 })?
        }
        _ => with_half(n.value, minute.unwrap_or(0), pm)?,
    };
    Some(Read { clock: Some(k), bare_hour: minute.is_none() && pm.is_none() && !oclock, ..Read::default() })
}

/// A 12-hour clock time, placed in the day when am or pm says which half.
fn with_half(hour: u32, minute: u32, pm: Option<bool>) -> Option<Clock> {
    if !(1..=12).contains(&hour) || minute > 59 {
        return None;
    }
    Some(match pm {
        Some(pm) => Clock { hour: hour % 12 + if pm { 12 } else { 0 }, minute, exact: true },
        None => Clock { hour, minute, exact: false },
    })
}

#[derive(Clone, Copy, Debug)]
struct Num {
    value: u32,
    digits: usize,
    ordinal: bool,
}

#[derive(Clone, Copy, Debug)]
enum Tok<'t> {
    Num(Num),
    Word(&'t str),
    Sep(u8),
}

#[derive(Clone, Copy, Debug)]
struct Token<'t> {
    start: usize,
    end: usize,
    tok: Tok<'t>,
}

/// Numbers (with an ordinal suffix), words and separators; white space, the
/// apostrophe and any other character are skipped.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(8);
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if b[i].is_ascii_digit() {
            let mut value: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                value = value.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            let digits = i - start;
            let letters = b[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let ordinal = letters == 2 && ["st", "nd", "rd", "th"].iter().any(|s| text[i..i + 2].eq_ignore_ascii_case(s));
            if ordinal {
                i += 2;
            }
            out.push(Token { start, end: i, tok: Tok::Num(Num { value, digits, ordinal }) });
        } else if b[i].is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Token { start, end: i, tok: Tok::Word(&text[start..i]) });
        } else {
            if matches!(b[i], b'/' | b'.' | b'-' | b':' | b',') {
                out.push(Token { start, end: i + 1, tok: Tok::Sep(b[i]) });
            }
            i += 1;
        }
    }
    out
}

#[derive(Clone, Copy)]
struct Cursor<'a, 't> {
    tokens: &'a [Token<'t>],
    at: usize,
}

const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The short forms the pattern allows ("Sat", "Sun" and "Wed" are words).
const SHORT_WEEKDAYS: [&str; 8] = ["mon", "tue", "tues", "weds", "thu", "thur", "thurs", "fri"];

impl<'t> Cursor<'_, 't> {
    fn done(&self) -> bool {
        self.at == self.tokens.len()
    }

    fn peek(&self) -> Option<Tok<'t>> {
        self.tokens.get(self.at).map(|t| t.tok)
    }

    fn peek_num(&self) -> Option<Num> {
        match self.peek() {
            Some(Tok::Num(n)) => Some(n),
            _ => None,
        }
    }

    fn peek_word(&self) -> Option<&'t str> {
        match self.peek() {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    /// The index in `options` of the next word, taken if it is one of them.
    fn word(&mut self, options: &[&str]) -> Option<usize> {
        let w = self.peek_word()?;
        let i = options.iter().position(|o| w.eq_ignore_ascii_case(o))?;
        self.at += 1;
        Some(i)
    }

    fn sep(&mut self, options: &[u8]) -> Option<u8> {
        match self.peek() {
            Some(Tok::Sep(s)) if options.contains(&s) => {
                self.at += 1;
                Some(s)
            }
            _ => None,
        }
    }

    fn num(&mut self) -> Option<Num> {
        let n = self.peek_num()?;
        self.at += 1;
        Some(n)
    }

    /// A month's name or its abbreviation (three letters or more, "Sept"): 1–12.
    fn month(&mut self) -> Option<u32> {
        let w = self.peek_word()?;
        let i = MONTHS.iter().position(|m| w.len() >= 3 && m.len() >= w.len() && m[..w.len()].eq_ignore_ascii_case(w))?;
        self.at += 1;
        Some(i as u32 + 1)
    }

    /// A weekday's name, or its short form ("Tues", "Weds", "Thurs").
    fn weekday(&mut self) -> Option<Weekday> {
        let w = self.peek_word()?;
        let (_, weekday) = WEEKDAYS.iter().find(|(name, _)| {
            w.eq_ignore_ascii_case(name) || SHORT_WEEKDAYS.iter().any(|s| w.eq_ignore_ascii_case(s) && name[..3].eq_ignore_ascii_case(&s[..3]))
        })?;
        self.at += 1;
        Some(*weekday)
    }

    fn hour_word(&mut self) -> Option<u32> {
        self.word(&HOUR_WORDS).map(|i| i as u32 + 1)
    }

    /// An hour as a word or a number, 1–12.
    fn hour(&mut self) -> Option<u32> {
        if let Some(hour) = self.hour_word() {
            return Some(hour);
        }
        let n = self.peek_num().filter(|n| (1..=12).contains(&n.value) && !n.ordinal)?;
        self.at += 1;
        Some(n.value)
    }

    /// am / pm / a.m. / p.m: `Some(true)` for pm.
    fn am_pm(&mut self) -> Option<bool> {
        if let Some(i) = self.word(&["am", "pm"]) {
            return Some(i == 1);
        }
        let mut c = *self;
        let pm = c.word(&["a", "p"])? == 1;
        c.sep(b".")?;
        c.word(&["m"])?;
        c.sep(b".");
        *self = c;
        Some(pm)
    }

    /// o'clock, o’clock, oclock, o clock.
    fn o_clock(&mut self) -> bool {
        let mut c = *self;
        let ok = c.word(&["oclock"]).is_some() || (c.word(&["o"]).is_some() && c.word(&["clock"]).is_some());
        if ok {
            *self = c;
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atom(text: &str) -> Atom {
        read(text, 0).unwrap_or_else(|| panic!("{text:?} reads as nothing"))
    }

    fn day(text: &str) -> Day {
        atom(text).day.unwrap_or_else(|| panic!("{text:?} has no day"))
    }

    fn clock(text: &str) -> (u32, u32, bool) {
        let k = atom(text).clock.unwrap_or_else(|| panic!("{text:?} has no time"));
        (k.hour, k.minute, k.exact)
    }

    fn date(year: Option<Year>, month: u32, day: u32) -> Day {
        Day::Date { year, month, day }
    }

    #[test]
    fn numeric_dates_are_day_first() {
        assert_eq!(day("23/11/2026"), date(Some(Year::Full(2026)), 11, 23));
        assert_eq!(day("23.11.26"), date(Some(Year::Short(26)), 11, 23));
        assert_eq!(day("23-11-2026"), date(Some(Year::Full(2026)), 11, 23));
        assert_eq!(day("03/04/2026"), date(Some(Year::Full(2026)), 4, 3));
        assert_eq!(day("2026-11-23"), date(Some(Year::Full(2026)), 11, 23));
        let on = atom("on 23/11");
        assert_eq!((on.day, on.yearless_numeric, on.weak, on.start), (Some(date(None, 11, 23)), true, false, 3));
        assert!(atom("23/11").weak);
    }

    #[test]
    fn written_dates() {
        for text in ["23 November", "23rd Nov", "23rd of November", "November 23", "Nov. 23rd", "NOVEMBER 23RD"] {
            assert_eq!(day(text), date(None, 11, 23), "{text}");
        }
        for text in ["23rd Nov 2026", "23 Nov. 2026", "November 23, 2026", "Sept 23rd 2026"] {
            assert!(matches!(day(text), Day::Date { year: Some(Year::Full(2026)), day: 23, .. }), "{text}");
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(day("Monday"), Day::Weekday(Weekday::Mon, Which::OnOrBefore));
        assert_eq!(day("on Monday"), Day::Weekday(Weekday::Mon, Which::OnOrBefore));
        assert_eq!(atom("on Monday").start, 3);
        assert_eq!(day("last Friday"), Day::Weekday(Weekday::Fri, Which::Before));
        assert_eq!(day("next Friday"), Day::Weekday(Weekday::Fri, Which::After));
        assert_eq!(day("this coming Friday"), Day::Weekday(Weekday::Fri, Which::After));
        assert_eq!(day("Thurs"), Day::Weekday(Weekday::Thu, Which::OnOrBefore));
        assert_eq!(day("Weds"), Day::Weekday(Weekday::Wed, Which::OnOrBefore));
        let a = atom("23rd");
        assert_eq!((a.day, a.weak), (Some(Day::OfMonth(23)), true));
    }

    #[test]
    fn relative_words() {
        assert_eq!((day("today"), atom("today").part), (Day::Offset(0), None));
        assert_eq!(atom("tonight").part, Some(PartOfDay::Night));
        assert_eq!((day("yesterday afternoon"), atom("yesterday afternoon").part), (Day::Offset(-1), Some(PartOfDay::Afternoon)));
        assert_eq!((day("last night"), atom("last night").part), (Day::Offset(-1), Some(PartOfDay::Night)));
        assert_eq!((day("this morning"), atom("this morning").part), (Day::Offset(0), Some(PartOfDay::Morning)));
        assert_eq!(day("tomorrow"), Day::Offset(1));
    }

    #[test]
    fn clock_times() {
        assert_eq!(clock("10am"), (10, 0, true));
        assert_eq!(clock("10.30am"), (10, 30, true));
        assert_eq!(clock("10:30 p.m."), (22, 30, true));
        assert_eq!(clock("12pm"), (12, 0, true));
        assert_eq!(clock("12am"), (0, 0, true));
        assert_eq!(clock("10:00"), (10, 0, false));
        assert_eq!(clock("14:05"), (14, 5, true));
        assert_eq!(clock("03:30"), (3, 30, true));
        assert_eq!(clock("3:30"), (3, 30, false));
        assert_eq!(clock("14:05:30"), (14, 5, true));
        assert_eq!(clock("1400hrs"), (14, 0, true));
        assert_eq!(clock("0930 hours"), (9, 30, true));
        assert_eq!(clock("at 3.15"), (3, 15, false));
        assert_eq!(clock("ten o'clock"), (10, 0, false));
        assert_eq!(clock("10 o’clock"), (10, 0, false));
        assert_eq!(clock("2026-11-23T10:00"), (10, 0, true));
    }

    #[test]
    fn times_in_words() {
        assert_eq!(clock("half past ten"), (10, 30, false));
        assert_eq!(clock("quarter to three"), (2, 45, false));
        assert_eq!(clock("quarter to one"), (12, 45, false));
        assert_eq!(clock("twenty-five past 4pm"), (16, 25, true));
        assert_eq!(clock("twenty past ten"), (10, 20, false));
        assert_eq!(clock("ten minutes to twelve"), (11, 50, false));
        assert_eq!(clock("half ten"), (10, 30, false));
        assert_eq!(clock("noon"), (12, 0, true));
        assert_eq!(clock("12 noon"), (12, 0, true));
        assert_eq!(clock("midday"), (12, 0, true));
        assert_eq!(clock("mid-day"), (12, 0, true));
        assert_eq!(clock("midnight"), (0, 0, true));
    }

    #[test]
    fn a_bare_hour_is_weak() {
        assert!(atom("at 10").weak);
        assert!(atom("at ten").weak);
        assert!(!atom("at 10am").weak);
        assert!(!atom("at ten o'clock").weak);
    }

    #[test]
    fn unexpected_sequences_read_as_nothing() {
        for text in
            ["", "on", "at", "the", "23", "Monday 23", "Monday 23rd", "last", "this", "half", "quarter", "13pm", "24:00", "2460hrs", "23/11/5", "ten to"]
        {
            assert_eq!(read(text, 0), None, "{text}");
        }
    }
}
