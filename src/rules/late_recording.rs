//! `late-recording`: the deadline category, when it is due, and lateness.

use chrono::Duration;

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};
use crate::time::format_time;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::LateRecording,
        title: "Recording timescale",
        what: "Works out the note's recording deadline from what it records and the form's event type — high-risk events by the end of the same day, S.47 interviews, strategy discussion outcomes and significant events within 24 hours, statutory visits within 72 hours, anything else within 5 working days (weekends and England & Wales bank holidays skipped) — and flags a note recorded after it.",
        why: "Standard 1: recording must be \"contemporaneous (i.e. made at the time or as close to this as possible)\", within the policy's timescales.",
        flagged: "Statutory visit to Jayden. [event 2026-11-20T10:00, recorded 2026-11-24T09:00]",
        better: "Statutory visit to Jayden. [event 2026-11-20T10:00, recorded 2026-11-21T09:00]",
        limits: "The category of the event the note records is read by a model trained on labelled notes, from cue words (\"strategy discussion\", \"police protection\", \"statutory visit\") and where they stand, the note's opening and the words at the event; it is right about nine times in ten on writing it was not trained on, so the form's event type, when given, is the surer guide (the stricter of the two wins). Times are local wall-clock times.",
        messages: &["overdue"],
        kinds: &[FindingKind::Late],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let deadline = &cx.facts.deadline;
    let (Some(true), Some(due), Some(recorded)) = (deadline.overdue, deadline.due, cx.ctx.recorded_at) else { return };
    let (due_text, recorded_text, late_by) = (format_time(due), format_time(recorded), describe(recorded - due));
    let values = [("category", cx.policy.category_name(deadline.category)), ("due", &due_text), ("recorded", &recorded_text), ("late_by", &late_by)];
    cx.emit(Flag::new(FindingKind::Late, None, "overdue").values(&values));
}

fn describe(late: Duration) -> String {
    let minutes = late.num_minutes();
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, _) => format!("{hours} h {mins} min"),
        _ => format!("{days} d {hours} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;
    use crate::ids::FindingKind;
    use crate::rules::test::check_with;

    #[test]
    fn a_late_note_says_when_it_was_due_and_how_late_it_is() {
        let report = check_with("Statutory visit to Jayden.", r#"{"event_at":"2026-11-20T10:00","recorded_at":"2026-11-24T09:00"}"#);
        let late = report.findings.iter().find(|f| f.rule == "late-recording").expect("late");
        assert_eq!(late.kind, FindingKind::Late);
        assert!(late.message.contains("2026-11-23T10:00") && late.message.contains("2026-11-24T09:00") && late.message.contains("23 h"), "{}", late.message);
        assert_eq!(describe(chrono::Duration::minutes(61)), "1 h 1 min");
    }
}
