//! The reader as a whole: every form, in sentences, with spans.

use std::sync::LazyLock;

use super::*;
use proptest::prelude::*;

/// One reader for every test, as a checker holds one.
pub(super) static READER: LazyLock<DateReader> = LazyLock::new(DateReader::new);

/// Monday 23 November 2026, 15:00.
fn monday() -> NaiveDateTime {
    at("2026-11-23T15:00")
}

/// `YYYY-MM-DDTHH:MM`.
pub(super) fn at(s: &str) -> NaiveDateTime {
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap();
    NaiveDate::from_ymd_opt(n(0..4) as i32, n(5..7), n(8..10)).unwrap().and_hms_opt(n(11..13), n(14..16), 0).unwrap()
}

/// `YYYY-MM-DDTHH:MM`.
pub(super) fn show(t: NaiveDateTime) -> String {
    use chrono::Timelike;
    format!("{}T{:02}:{:02}", t.date(), t.hour(), t.minute())
}

/// Each mention as its text, kind, date and time: `("23/11", Absolute, "2026-11-23", "")`.
fn find_at(text: &str, reference: NaiveDateTime) -> Vec<(&str, MentionKind, String, String)> {
    READER
        .find(text, reference)
        .into_iter()
        .map(|m| {
            let date = m.date.map_or(String::new(), |d| d.to_string());
            let time = m.time.map_or(String::new(), |t| show(NaiveDate::default().and_time(t))[11..].to_owned());
            (&text[m.start..m.end], m.kind, date, time)
        })
        .collect()
}

fn find(text: &str) -> Vec<(&str, MentionKind, String, String)> {
    find_at(text, monday())
}

/// The one mention in `text`, as (its text, date, time).
fn one(text: &str) -> (&str, String, String) {
    match &find(text)[..] {
        [(span, _, date, time)] => (*span, date.clone(), time.clone()),
        other => panic!("{text:?}: expected one mention, found {other:?}"),
    }
}

fn s(date: &str, time: &str) -> (String, String) {
    (date.to_owned(), time.to_owned())
}

fn when(text: &str) -> (String, String) {
    let (_, date, time) = one(text);
    (date, time)
}

use MentionKind::{Absolute, Relative, Time, Weekday};

#[test]
fn full_dates() {
    assert_eq!(one("Visit on 23/11/2026."), ("23/11/2026", "2026-11-23".into(), String::new()));
    assert_eq!(one("Visit on 23.11.26."), ("23.11.26", "2026-11-23".into(), String::new()));
    assert_eq!(one("Visit on 23-11-2026."), ("23-11-2026", "2026-11-23".into(), String::new()));
    assert_eq!(one("Visit on 2026-11-23."), ("2026-11-23", "2026-11-23".into(), String::new()));
    assert_eq!(one("Logged 2026-11-23T10:05 by duty."), ("2026-11-23T10:05", "2026-11-23".into(), "10:05".into()));
    assert_eq!(find("23/11/2026")[0].1, Absolute);
}

#[test]
fn a_future_date_with_its_year_is_kept_as_written() {
    assert_eq!(when("Review booked for 30/11/2026."), s("2026-11-30", ""));
}

#[test]
fn written_dates() {
    assert_eq!(one("Seen on 23 November."), ("23 November", "2026-11-23".into(), String::new()));
    assert_eq!(one("Seen on 23rd Nov 2026."), ("23rd Nov 2026", "2026-11-23".into(), String::new()));
    assert_eq!(one("Seen on November 23."), ("November 23", "2026-11-23".into(), String::new()));
    assert_eq!(when("Seen on the 23rd of November, 2026"), s("2026-11-23", ""));
    assert_eq!(when("Seen Nov. 23rd, 2026."), s("2026-11-23", ""));
    assert_eq!(when("On 2 Sept we met."), s("2026-09-02", ""));
    // Later in the year than the reference: last year's.
    assert_eq!(when("Seen on 24 November."), s("2025-11-24", ""));
}

#[test]
fn uk_order_for_ambiguous_numbers() {
    assert_eq!(when("Seen on 03/04/2026."), s("2026-04-03", ""));
    assert_eq!(when("Seen on 03/04."), s("2026-04-03", ""));
    assert_eq!(when("Seen on 12/01/26"), s("2026-01-12", ""));
    // Not a month 13: no such date, so no mention.
    assert_eq!(find("Seen on 04/13/2026."), []);
}

#[test]
fn weekdays() {
    // The reference is a Monday: "Monday" is that day, "last Monday" a week before.
    assert_eq!(find("Seen on Monday."), [("Monday", Weekday, "2026-11-23".into(), String::new())]);
    assert_eq!(when("Seen Friday."), s("2026-11-20", ""));
    assert_eq!(when("Seen last Monday."), s("2026-11-16", ""));
    assert_eq!(when("Next visit next Monday."), s("2026-11-30", ""));
    assert_eq!(one("Seen on Monday 23rd."), ("Monday 23rd", "2026-11-23".into(), String::new()));
    assert_eq!(find("Seen on Monday 23rd.")[0].1, Absolute);
    assert_eq!(when("Seen on Monday the 23rd of November 2026."), s("2026-11-23", ""));
    assert_eq!(when("Seen Monday, 23/11/2026."), s("2026-11-23", ""));
    assert_eq!(when("Seen Monday 23/11."), s("2026-11-23", ""));
    let friday = READER.find("They argued on Friday night.", monday());
    assert_eq!((friday.len(), friday[0].kind, friday[0].part_of_day), (1, Weekday, Some(PartOfDay::Night)));
    assert_eq!(one("Seen on Thursday afternoon at 3.").0, "Thursday afternoon at 3");
    assert_eq!(when("Seen on Thursday afternoon at 3."), s("2026-11-19", "15:00"));
    assert_eq!(one("Seen on Monday 32nd.").0, "Monday");
}

#[test]
fn a_weekday_for_every_week_is_not_a_day() {
    for text in ["He goes to a Saturday football club.", "Contact every Monday.", "Each Friday she rings.", "Monthly Thursday reviews."] {
        assert_eq!(find(text), [], "{text}");
    }
    assert_eq!(find("😀 Monday").len(), 1);
}

#[test]
fn a_weekday_and_date_that_disagree_have_no_date() {
    assert_eq!(find("Seen on Tuesday 23rd."), [("Tuesday 23rd", Absolute, String::new(), String::new())]);
    assert_eq!(find("Seen Tuesday 23/11/2026 at 10am."), [("Tuesday 23/11/2026 at 10am", Absolute, String::new(), "10:00".into())]);
}

#[test]
fn times() {
    for (text, time) in [
        ("10am", "10:00"),
        ("10 am", "10:00"),
        ("10.30am", "10:30"),
        ("10:30 p.m.", "22:30"),
        ("10:00", "10:00"),
        ("14:05", "14:05"),
        ("1400hrs", "14:00"),
        ("half past ten", "10:30"),
        ("quarter to three", "14:45"),
        ("noon", "12:00"),
        ("midday", "12:00"),
        ("midnight", "00:00"),
        ("ten o'clock", "10:00"),
        ("at 3.15", "15:15"),
        ("3:30", "15:30"),
        ("03:30", "03:30"),
    ] {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!((found[0].1, found[0].2.as_str(), found[0].3.as_str()), (Time, "", time), "{text}");
    }
}

#[test]
fn a_part_of_the_day_after_a_time() {
    assert_eq!(find("Home by nine o'clock at night."), [("nine o'clock at night", Time, String::new(), "21:00".into())]);
    assert_eq!(find("She rang at 2 in the morning."), [("2 in the morning", Time, String::new(), "02:00".into())]);
    assert_eq!(
        find("Seen at half past four in the afternoon on Friday."),
        [("half past four in the afternoon on Friday", Weekday, "2026-11-20".into(), "16:30".into())]
    );
    assert_eq!(find("At 10:00 in the nurture room."), [("10:00", Time, String::new(), "10:00".into())]);
    assert_eq!(find("at 7 in theory"), []);
}

#[test]
fn relative_words() {
    for (text, date, part) in [
        ("today", "2026-11-23", None),
        ("this morning", "2026-11-23", Some(PartOfDay::Morning)),
        ("this afternoon", "2026-11-23", Some(PartOfDay::Afternoon)),
        ("this evening", "2026-11-23", Some(PartOfDay::Evening)),
        ("tonight", "2026-11-23", Some(PartOfDay::Night)),
        ("yesterday", "2026-11-22", None),
        ("last night", "2026-11-22", Some(PartOfDay::Night)),
        ("yesterday afternoon", "2026-11-22", Some(PartOfDay::Afternoon)),
        ("tomorrow", "2026-11-24", None),
    ] {
        let text = format!("Seen {text}.");
        let found = READER.find(&text, monday());
        assert_eq!(found.len(), 1, "{text}");
        assert_eq!((found[0].kind, found[0].date.unwrap().to_string(), found[0].part_of_day), (Relative, date.to_owned(), part), "{text}");
        assert_eq!(&text[found[0].start..found[0].end], &text[5..text.len() - 1]);
    }
}

#[test]
fn a_day_and_a_time_close_together_are_one_mention() {
    assert_eq!(one("Visited on 23/11 at 10am."), ("23/11 at 10am", "2026-11-23".into(), "10:00".into()));
    assert_eq!(one("Visited at 10am on Monday."), ("10am on Monday", "2026-11-23".into(), "10:00".into()));
    assert_eq!(one("Mum rang yesterday at 4pm."), ("yesterday at 4pm", "2026-11-22".into(), "16:00".into()));
    assert_eq!(one("Visit 23/11/2026 14:05"), ("23/11/2026 14:05", "2026-11-23".into(), "14:05".into()));
    assert_eq!(find("Saturday 21 November: 10:00 to noon"), [("Saturday 21 November: 10:00 to noon", Absolute, "2026-11-21".into(), "10:00".into())]);
    assert_eq!(find("Family time from 2pm to 4pm on Saturday."), [("2pm to 4pm on Saturday", Weekday, "2026-11-21".into(), "14:00".into())]);
    assert_eq!(when("I saw Kelsey at 10:00 this morning."), s("2026-11-23", "10:00"));
    assert_eq!(when("I will call this afternoon at 3."), s("2026-11-23", "15:00"));
    assert_eq!(when("Police called last night at 11."), s("2026-11-22", "23:00"));
    assert_eq!(when("Police called last night at 2am."), s("2026-11-23", "02:00"));
    assert_eq!(when("Seen on Monday at half past ten."), s("2026-11-23", "10:30"));
    assert_eq!(when("Seen 23rd Nov at around 10am"), s("2026-11-23", "10:00"));
}

#[test]
fn year_ends_and_leap_days() {
    let new_year = at("2027-01-02T09:00");
    assert_eq!(find_at("Seen on 31 December.", new_year)[0].2, "2026-12-31");
    assert_eq!(find_at("Seen on 31/12.", new_year)[0].2, "2026-12-31");
    assert_eq!(find_at("Seen on 2 January.", new_year)[0].2, "2027-01-02");
    assert_eq!(find_at("Seen on Thursday.", new_year)[0].2, "2026-12-31");
    assert_eq!(find_at("Seen yesterday.", at("2027-01-01T09:00"))[0].2, "2026-12-31");
    assert_eq!(find_at("Seen last night.", at("2028-03-01T09:00"))[0].2, "2028-02-29");
    assert_eq!(find_at("Seen on 29 February.", monday())[0].2, "2024-02-29");
    assert_eq!(find_at("Seen on 29/02/2028.", monday())[0].2, "2028-02-29");
    assert_eq!(find_at("Seen on 29/02/2027.", monday()), []);
}

#[test]
fn impossible_dates_are_not_mentions() {
    for text in ["31/02/2026", "on 31/02", "30 February", "31st April 2026", "2026-02-30", "on 0/11", "29.02.27"] {
        assert_eq!(find(text), [], "{text}");
    }
}

#[test]
fn impossible_times_are_not_mentions() {
    for text in ["25:00", "at 24:30", "10:60", "13pm", "0am", "at 25", "2460hrs", "quarter past thirteen"] {
        assert_eq!(find(text), [], "{text}");
    }
}

#[test]
fn numbers_that_are_not_dates() {
    for text in [
        "Mum rang from 07700 900123.",
        "Call 01905 765432 or 0121-496-0000.",
        "Tel: +44 20 7946 0958",
        "He eats 3/4 of his dinner.",
        "On 3/4 of the days he was late.",
        "She scored 6/10 on the scale.",
        "Support is 24/7.",
        "The final score was 2-1.",
        "He is in Year 10.",
        "Version 1.23.11.26 of the form.",
        "Reference 23/11/2026/4.",
        "He has 3 brothers.",
        "It cost £10.30 and 2.50.",
        "The 3rd visit.",
        "Monday 23 children",
        "at home at 10 Downing Street",
        "ratio 3:1",
    ] {
        let found = find(text);
        // "Monday 23 children" is still Monday.
        assert!(found.iter().all(|(span, kind, ..)| *kind == Weekday && *span == "Monday"), "{text}: {found:?}");
    }
}

#[test]
fn spans_are_char_boundaries_in_any_script() {
    let text = "Zoë’s visit — on 23/11 at 10am, “ok” 😀 then مح yesterday at half past ten; Jürgen 14:05.";
    let found = READER.find(text, monday());
    let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(spans, ["23/11 at 10am", "yesterday at half past ten", "14:05"]);
    for m in &found {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    // The typographic apostrophe of o’clock is inside a mention: still on boundaries.
    let text = "é ten o’clock é";
    let m = READER.find(text, monday());
    assert_eq!(&text[m[0].start..m[0].end], "ten o’clock");
}

#[test]
fn mentions_in_a_real_note() {
    let note = "Statutory visit\nI visited Jayden (9) at home on Monday 23rd November at 10:00. Mum said he was \
                up late last night. He told me \"school was good today\". Next visit: 14 December.";
    let found = find_at(note, at("2026-11-24T09:00"));
    let spans: Vec<&str> = found.iter().map(|m| m.0).collect();
    assert_eq!(spans, ["Monday 23rd November at 10:00", "last night", "today", "14 December"]);
    assert_eq!(found[0].2, "2026-11-23");
    // Without a year, a plan reads as last year's.
    assert_eq!(found[3].2, "2025-12-14");
}

#[test]
fn long_and_hostile_notes_read_in_linear_time() {
    // Each would be quadratic for a reader that rescanned: candidates
    // followed by long white space, and runs of almost-dates.
    let hostile = [
        "23rd".to_owned() + &" ".repeat(100_000) + "of",
        "half ".repeat(20_000),
        "1/".repeat(50_000),
        "on at ".repeat(20_000) + "10",
        "Monday the 23rd 23rd 23rd ".repeat(5_000),
        "10:00-".repeat(20_000),
    ];
    for text in &hostile {
        let found = READER.find(text, monday());
        assert!(found.len() <= text.len());
        let _ = READER.event_time(text, monday());
    }
}

/// Digits, separators and month and time words: the reader's own material.
fn datey() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "0",
        "1",
        "2",
        "3",
        "9",
        "12",
        "23",
        "29",
        "31",
        "2026",
        "1999",
        "26",
        "/",
        ".",
        "-",
        ":",
        " ",
        ",",
        "st",
        "rd",
        "th",
        "am",
        "p.m.",
        "Nov",
        "November",
        "February",
        "Monday",
        "on ",
        "at ",
        "the ",
        "of ",
        "last ",
        "next ",
        "yesterday",
        "tonight",
        "this morning",
        "half past ",
        "quarter to ",
        "ten",
        "o'clock",
        "o’clock",
        "noon",
        "é",
        "😀",
        "\n",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}

fn any_reference() -> impl Strategy<Value = NaiveDateTime> {
    prop_oneof![
        (-400i32..3000, 1u32..=12, 1u32..=28, 0u32..24).prop_map(|(y, m, d, h)| NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()),
        Just(NaiveDateTime::MIN),
        Just(NaiveDateTime::MAX),
    ]
}

fn check_contract(text: &str, reference: NaiveDateTime) {
    let found = READER.find(text, reference);
    let mut last_end = 0;
    for m in &found {
        assert!(m.start < m.end && m.end <= text.len(), "{m:?}");
        assert!(last_end <= m.start, "overlapping or out of order: {found:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{m:?}");
        assert!(m.kind != Time || m.time.is_some(), "{m:?}");
        last_end = m.end;
    }
    if let Some(event) = READER.event_time(text, reference) {
        assert!(event.at <= reference);
        assert!(text.is_char_boundary(event.span.0) && text.is_char_boundary(event.span.1));
    }
}

/// The whole-text search `find`'s anchored runs stand in for.
static UNANCHORED: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(&pattern::whole()).unwrap());

fn same_matches_as_a_whole_text_search(text: &str) {
    let anchored: Vec<(usize, usize)> = READER.candidates(text).collect();
    let whole: Vec<(usize, usize)> = UNANCHORED.find_iter(text).map(|m| (m.start(), m.end())).collect();
    assert_eq!(anchored, whole, "{text:?}");
}

/// Every labelled note, as text.
pub(super) fn notes() -> Vec<String> {
    let sets = [
        include_str!("../../tests/notes/labelled.jsonl"),
        include_str!("../../tests/notes/holdout.jsonl"),
        include_str!("../../tests/notes/blind.jsonl"),
        include_str!("../../tests/notes/final.jsonl"),
    ];
    let lines = sets.iter().flat_map(|set| set.lines()).filter(|l| !l.trim().is_empty());
    lines.map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["text"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn anchored_runs_find_what_a_whole_text_search_finds_in_real_notes() {
    let notes = notes();
    assert!(notes.len() > 100);
    for note in &notes {
        same_matches_as_a_whole_text_search(note);
    }
    same_matches_as_a_whole_text_search("_23/11/2026 x10am é23/11/2026 on on 23/11 at at 10 Mon mon c'mon Thurs THURS");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text_reads_without_panicking(text in any::<String>(), reference in any_reference()) {
        check_contract(&text, reference);
    }

    #[test]
    fn date_like_text_reads_without_panicking(text in datey(), reference in any_reference()) {
        check_contract(&text, reference);
    }

    #[test]
    fn anchored_runs_find_what_a_whole_text_search_finds(text in datey()) {
        same_matches_as_a_whole_text_search(&text);
    }

    #[test]
    fn anchored_runs_find_what_a_whole_text_search_finds_in_any_text(text in any::<String>()) {
        same_matches_as_a_whole_text_search(&text);
    }
}
