//! The time of the event a note records, as the note itself gives it: the
//! first dated mention in its opening sentences ("Home visit on Monday 23rd
//! at 10am. …"), for when the form gives none.

use chrono::{NaiveDateTime, NaiveTime};

use super::{DateReader, EventTime, MentionKind, TimeMention};

/// The opening a note's event time is looked for in, in sentences: a
/// heading line counts as one ("Statutory visit 23/11/2026\nJayden was…").
const OPENING_SENTENCES: usize = 2;

impl DateReader {
    /// The time of the event `text` records, seen from `reference`: its first
    /// dated mention in the opening sentences that is not after the
    /// reference (a plan, "visit booked for 14:00 today") and not a date of
    /// birth ("DOB 03/04/2015"). A day without a time takes the first time
    /// alone after it in its sentence ("On Monday I visited Jayden at home at
    /// 10am"), not one before it ("At 11:20 school told me what happened
    /// last night"); failing that it is date-only.
    ///
    /// Only the opening is read, with a few sentences to spare (a full stop
    /// inside a mention, as in "10 a.m.", looks like a sentence's end until
    /// the mention is found), and the whole note only when its opening runs
    /// past them: the cost does not grow with the note.
    pub(crate) fn event_time(&self, text: &str, reference: NaiveDateTime) -> Option<EventTime> {
        let enough = OPENING_SENTENCES + 1;
        let ahead = sentence_ends(text, &[], OPENING_SENTENCES + READ_AHEAD).get(OPENING_SENTENCES + READ_AHEAD - 1).copied();
        if let Some(ahead) = ahead {
            let mentions = self.find(&text[..ahead], reference);
            let ends = sentence_ends(text, &mentions, enough);
            if ends.iter().filter(|&&end| end <= ahead).count() >= enough {
                return choose(text, &mentions, &ends, reference);
            }
        }
        let mentions = self.find(text, reference);
        choose(text, &mentions, &sentence_ends(text, &mentions, enough), reference)
    }
}

/// The event time among `mentions`, with the sentences ending at `ends`.
fn choose(text: &str, mentions: &[TimeMention], ends: &[usize], reference: NaiveDateTime) -> Option<EventTime> {
    let sentence = |at: usize| ends.partition_point(|&end| end <= at);
    let chosen = mentions.iter().find(|m| {
        let Some(date) = m.date else { return false };
        let at = date.and_time(m.time.unwrap_or(NaiveTime::MIN));
        sentence(m.start) < OPENING_SENTENCES && at <= reference && !after_birth_words(text, m.start) && !after_limit_words(text, m.start)
    })?;
    let date = chosen.date?;
    if let Some(time) = chosen.time {
        return Some(EventTime { at: date.and_time(time), date_only: false, span: (chosen.start, chosen.end) });
    }
    let own = sentence(chosen.start);
    let later_time = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Time && m.start > chosen.end && sentence(m.start) == own)
        .filter_map(|m| m.time.map(|t| date.and_time(t)))
        .find(|&at| at <= reference);
    Some(match later_time {
        Some(at) => EventTime { at, date_only: false, span: (chosen.start, chosen.end) },
        None => EventTime { at: date.and_time(NaiveTime::MIN), date_only: true, span: (chosen.start, chosen.end) },
    })
}

/// Sentences read beyond the opening before the event time is chosen.
const READ_AHEAD: usize = 8;

/// Where the first `most` sentences of `text` end: after a `.`, `!` or `?`
/// followed by white space or the end (not one inside a mention, as in "10
/// a.m."), and at a line break; a stretch with no letter or digit is not a
/// sentence.
fn sentence_ends(text: &str, mentions: &[TimeMention], most: usize) -> Vec<usize> {
    let b = text.as_bytes();
    let mut ends = Vec::new();
    let mut words = false;
    let mut next_mention = 0;
    for (i, &c) in b.iter().enumerate() {
        while mentions.get(next_mention).is_some_and(|m| m.end <= i) {
            next_mention += 1;
        }
        let inside = mentions.get(next_mention).is_some_and(|m| m.start <= i);
        words |= c.is_ascii_alphanumeric() || c >= 0x80;
        let end = match c {
            b'\n' => true,
            b'.' | b'!' | b'?' => !inside && b.get(i + 1).is_none_or(u8::is_ascii_whitespace),
            _ => false,
        };
        if end && words {
            ends.push(i + 1);
            words = false;
            if ends.len() == most {
                break;
            }
        }
    }
    ends
}

/// True when the word just before `start` makes the mention a limit or a
/// span, not the event's time: "needs seeing by Fri", "until Monday",
/// "since 3 March".
fn after_limit_words(text: &str, start: usize) -> bool {
    ends_with_word(text[..start].trim_end().as_bytes(), &["by", "until", "till", "before", "since"])
}

/// True when a date of birth is introduced just before `start`: "DOB:",
/// "D.O.B", "born on", "date of birth", "birthday".
fn after_birth_words(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..start].trim_end_matches(|c: char| c.is_ascii_whitespace() || matches!(c, ':' | '-' | '(' | ','));
    let before = before.strip_suffix(" on").or_else(|| before.strip_suffix(" ON")).unwrap_or(before);
    ends_with_word(before.as_bytes(), &["dob", "d.o.b", "d.o.b.", "born", "birth", "birthday"])
}

/// True when `before` ends with one of `words`, in any case, as a whole word.
fn ends_with_word(before: &[u8], words: &[&str]) -> bool {
    words.iter().any(|word| {
        before.len() >= word.len()
            && before[before.len() - word.len()..].eq_ignore_ascii_case(word.as_bytes())
            && (before.len() == word.len() || !before[before.len() - word.len() - 1].is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, show, READER};
    use super::*;
    use chrono::NaiveDate;

    fn event(text: &str) -> Option<(String, bool, &str)> {
        let found = READER.event_time(text, at("2026-11-25T15:00"))?;
        Some((show(found.at), found.date_only, &text[found.span.0..found.span.1]))
    }

    #[test]
    fn the_first_dated_mention_with_its_time() {
        assert_eq!(event("Home visit on 23/11 at 10am. Jayden was at home."), Some(("2026-11-23T10:00".into(), false, "23/11 at 10am")));
        assert_eq!(event("Statutory visit\nMonday 23rd November 2026, 10:00"), Some(("2026-11-23T10:00".into(), false, "Monday 23rd November 2026, 10:00")));
        assert_eq!(event("I saw Kelsey at home at 10:00 this morning."), Some(("2026-11-25T10:00".into(), false, "10:00 this morning")));
        assert_eq!(event("Phone call with mum yesterday at 4pm."), Some(("2026-11-24T16:00".into(), false, "yesterday at 4pm")));
    }

    #[test]
    fn a_day_takes_a_time_from_its_own_sentence() {
        assert_eq!(event("On Monday I visited Jayden at home at 10am."), Some(("2026-11-23T10:00".into(), false, "Monday")));
        assert_eq!(event("Visit on Monday. I arrived at 10am."), Some(("2026-11-23T00:00".into(), true, "Monday")));
        assert_eq!(event("At 11:20 school told me what she said last night."), Some(("2026-11-24T00:00".into(), true, "last night")));
    }

    #[test]
    fn a_plain_date_is_date_only() {
        let found = READER.event_time("Visit on 23/11/2026.", at("2026-11-25T15:00")).unwrap();
        assert_eq!(found.at, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_time(NaiveTime::MIN));
        assert!(found.date_only);
    }

    #[test]
    fn only_the_opening_counts() {
        assert_eq!(event("Jayden was well. Mum was there. We met on Monday."), None);
        assert_eq!(event("Jayden was well.\n\n\nWe met on Monday."), Some(("2026-11-23T00:00".into(), true, "Monday")));
        assert_eq!(event("Visit at 10 a.m. on Monday. Jayden was well."), Some(("2026-11-23T10:00".into(), false, "10 a.m. on Monday")));
    }

    #[test]
    fn plans_and_birthdays_are_not_the_event() {
        assert_eq!(event("Next visit on 30/11/2026. Seen on Monday."), Some(("2026-11-23T00:00".into(), true, "Monday")));
        assert_eq!(event("Visit booked for 16:00 today. Seen yesterday."), Some(("2026-11-24T00:00".into(), true, "yesterday")));
        assert_eq!(event("Jayden (DOB: 03/04/2015) was seen on 23/11/2026."), Some(("2026-11-23T00:00".into(), true, "23/11/2026")));
        assert_eq!(event("Jayden, born on 3 April 2015, was seen today."), Some(("2026-11-25T00:00".into(), true, "today")));
        assert_eq!(event("Date of birth 03/04/2015."), None);
        assert_eq!(event("Not seen: he needs seeing by Fri. Visited on Monday."), Some(("2026-11-23T00:00".into(), true, "Monday")));
        assert_eq!(event("Mum has not drunk since 3 March."), None);
    }

    #[test]
    fn times_alone_are_not_events() {
        assert_eq!(event("At 10am I visited Jayden."), None);
        assert_eq!(event(""), None);
    }

    #[test]
    fn reading_the_opening_gives_what_reading_the_whole_note_gives() {
        let reference = at("2026-11-25T15:00");
        let mut notes = super::super::tests::notes();
        notes.push("Visit at 10 a.m. on Monday. A. B. C. D. E. F. G. H. I. J. K. On 23/11 at 10am.".to_owned());
        notes.push("Seen. A. B. C. D. E. F. G. H. I. J. K. L. M. On 23/11 at 10am.".to_owned());
        notes.push("Home visit Nov. 23, 10 a.m. to 11 a.m. Seen. Dr. A. Smith. Nov. 22 too.\nMore.".to_owned());
        for text in &notes {
            let whole = READER.find(text, reference);
            let expected = choose(text, &whole, &sentence_ends(text, &whole, usize::MAX), reference);
            assert_eq!(READER.event_time(text, reference), expected, "{text}");
        }
    }

    #[test]
    fn birth_words_stand_alone() {
        assert!(after_birth_words("DOB 03/04/2015", 4));
        assert!(after_birth_words("d.o.b.: 03/04/2015", 8));
        assert!(!after_birth_words("stillborn 03/04/2015", 10));
        assert!(!after_birth_words("é 03", 3));
    }
}
