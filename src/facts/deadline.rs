//! The recording deadline: the category of the event the note records, the
//! time it is due under the policy's timescales, and whether it was met.

use chrono::{Duration, NaiveDateTime};

use super::{Cx, Deadline};
use crate::document::Document;
use crate::ids::Category;
use crate::lexicon::{Class, DeadlineCue, List, Tag};
use crate::policy::{Policy, Timescale};

const HEDGE: Class = Class::Deadline(DeadlineCue::Hedge);
const NOT_STATUTORY: Class = Class::Deadline(DeadlineCue::NotStatutory);

/// The strictest category the text or the form shows, its due time and status.
pub(super) fn find(cx: &Cx<'_>) -> Deadline {
    let doc = cx.doc;
    let mut candidates: Vec<(Category, Option<(usize, usize)>)> = Vec::new();
    let hedges: Vec<usize> = doc.hits_in(List::Deadline).filter(|h| doc.entry(h).class == HEDGE).map(|h| doc.token_at(h.start)).collect();
    // A visit for an assessment or a family-time session is not a statutory
    // visit, however it is worded; the form's event type can still say so.
    // Only the opening says what the note is a record of.
    let opening = doc.sentences.get(1).or(doc.sentences.first()).map_or(0, |s| s.end);
    let not_statutory = doc.hits_in(List::Deadline).any(|h| doc.entry(h).class == NOT_STATUTORY && h.start < opening);
    // Terse notes start with the verb: "Saw Keeley at…", "Met Dominika…".
    if !not_statutory && doc.tokens.first().is_some_and(|_| matches!(doc.word(0), "saw" | "met" | "visited")) {
        candidates.push((Category::StatutoryVisit, Some((doc.tokens[0].start, doc.tokens[0].end))));
    }
    for hit in doc.hits_in(List::Deadline) {
        let entry = doc.entry(hit);
        if entry.tag == Some(Tag::Hedgeable) && hedged(doc, &hedges, hit.start) {
            continue; // "risk of injury", "will arrange a home visit": not an event that happened
        }
        let Class::Deadline(DeadlineCue::Category(category)) = entry.class else { continue };
        let ruled_out = not_statutory && category == Category::StatutoryVisit;
        let known = candidates.iter().any(|(c, _)| *c == category);
        if !ruled_out && !known {
            candidates.push((category, Some((hit.start, hit.end))));
        }
    }
    if let Some(event) = cx.ctx.event {
        if !candidates.iter().any(|(c, _)| *c == event) {
            candidates.push((event, None));
        }
    }
    if candidates.is_empty() {
        candidates.push((Category::Other, None));
    }
    let event_at = cx.ctx.event_at;
    let (category, evidence) = candidates.into_iter().min_by_key(|&(c, _)| (event_at.map(|at| due(cx.policy, c, at)), c)).expect("at least one candidate");
    let due = event_at.map(|at| due(cx.policy, category, at));
    let overdue = due.zip(cx.ctx.recorded_at).map(|(due, recorded)| recorded > due);
    Deadline { category, evidence, due, overdue }
}

/// True when a plan, risk or history word stands shortly before the cue in
/// its sentence.
fn hedged(doc: &Document<'_>, hedges: &[usize], cue: usize) -> bool {
    let token = doc.token_at(cue);
    let Some(sentence) = doc.tokens.get(token).map(|t| t.sentence) else { return false };
    hedges.iter().any(|&h| h < token && token - h <= 8 && doc.tokens[h].sentence == sentence)
}

fn due(policy: &Policy, category: Category, event_at: NaiveDateTime) -> NaiveDateTime {
    match policy.timescale(category) {
        Timescale::SameDay { day_ends_at } => event_at.date().and_time(day_ends_at),
        Timescale::Hours(h) => event_at + Duration::hours(i64::from(h)),
        Timescale::WorkingDays { days, day_ends_at } => policy.calendar.add_working_days(event_at.date(), days).and_time(day_ends_at),
    }
}

#[cfg(test)]
mod tests {
    use crate::ids::Category;
    use crate::report::DeadlineStatus;
    use crate::rules::test::{check, check_with};

    fn deadline(text: &str, ctx: &str) -> (Category, Option<String>, DeadlineStatus) {
        let d = check_with(text, ctx).deadline;
        (d.category, d.due, d.status)
    }

    #[test]
    fn each_category_has_its_timescale() {
        let at = r#"{"event_at":"2026-11-23T10:00"}"#;
        assert_eq!(deadline("Jayden was taken into police protection.", at).1.as_deref(), Some("2026-11-23T23:59"));
        assert_eq!(deadline("Outcome of the strategy discussion:", at).1.as_deref(), Some("2026-11-24T10:00"));
        assert_eq!(deadline("Statutory visit.", at).1.as_deref(), Some("2026-11-26T10:00"));
        assert_eq!(deadline("Phone call with school.", at).1.as_deref(), Some("2026-11-30T23:59"));
    }

    #[test]
    fn strictest_of_text_and_form_wins() {
        let (category, _, _) = deadline("Statutory visit. During the visit Jayden disclosed that dad hit him.", r#"{"event":"other"}"#);
        assert_eq!(category, Category::HighRisk);
        assert_eq!(deadline("Phone call.", r#"{"event":"statutory_visit"}"#).0, Category::StatutoryVisit);
    }

    #[test]
    fn status_needs_both_times() {
        assert_eq!(check("Statutory visit.").deadline.status, DeadlineStatus::Unknown);
        let boundary = r#"{"event_at":"2026-11-23T10:00","recorded_at":"2026-11-26T10:00"}"#;
        assert_eq!(deadline("Statutory visit.", boundary).2, DeadlineStatus::OnTime);
        let minute_late = r#"{"event_at":"2026-11-23T10:00","recorded_at":"2026-11-26T10:01"}"#;
        assert_eq!(deadline("Statutory visit.", minute_late).2, DeadlineStatus::Overdue);
    }

    #[test]
    fn five_working_days_skip_christmas() {
        let ctx = r#"{"event_at":"2026-12-23T15:00","recorded_at":"2027-01-04T12:00"}"#;
        assert_eq!(deadline("Email from school.", ctx), (Category::Other, Some("2027-01-04T23:59".into()), DeadlineStatus::OnTime));
    }
}
