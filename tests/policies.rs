//! Council policies as data: the second example policy changes deadlines and
//! findings as its rules say, and a broken policy is refused whole, naming
//! every problem.

use case_note_checker::{Checker, Context, DeadlineStatus};

const LIVERPOOL: &str = include_str!("../policies/liverpool.json");

fn deadline(checker: &Checker, text: &str, ctx: &str) -> (String, Option<String>, DeadlineStatus) {
    let d = checker.check(text, &Context::from_json(ctx).unwrap()).deadline;
    (d.category.id().to_owned(), d.due, d.status)
}

#[test]
fn the_second_policy_has_its_own_timescales() {
    let worcestershire = Checker::new();
    let liverpool = Checker::with_policy(LIVERPOOL).unwrap();
    // A statutory visit on Friday 27 November 2026 at 10:00.
    let visit = r#"{"event_at":"2026-11-27T10:00","recorded_at":"2026-12-01T09:00"}"#;
    assert_eq!(deadline(&worcestershire, "Statutory visit.", visit), ("statutory_visit".into(), Some("2026-11-30T10:00".into()), DeadlineStatus::Overdue));
    assert_eq!(deadline(&liverpool, "Statutory visit.", visit), ("statutory_visit".into(), Some("2026-12-01T23:59".into()), DeadlineStatus::OnTime));
    // A child taken into police protection at 20:00: same day, or 24 hours.
    let evening = r#"{"event_at":"2026-11-23T20:00","recorded_at":"2026-11-24T10:00"}"#;
    assert_eq!(deadline(&worcestershire, "Police protection used.", evening).2, DeadlineStatus::Overdue);
    assert_eq!(deadline(&liverpool, "Police protection used.", evening), ("high_risk".into(), Some("2026-11-24T20:00".into()), DeadlineStatus::OnTime));
}

#[test]
fn the_second_policy_changes_findings() {
    let worcestershire = Checker::new();
    let liverpool = Checker::with_policy(LIVERPOOL).unwrap();
    let note = "FRT visited. The kitchen was appropriate.";
    let rules = |c: &Checker| c.check(note, &Context::default()).findings.into_iter().map(|f| (f.rule, f.severity.id(), f.text)).collect::<Vec<_>>();
    let w = rules(&worcestershire);
    let l = rules(&liverpool);
    assert!(w.contains(&("vague-language".into(), "advice", "appropriate".into())), "{w:?}");
    assert!(l.contains(&("vague-language".into(), "warning", "appropriate".into())), "{l:?}");
    assert!(!w.iter().any(|(_, _, t)| t == "FRT"), "FRT is not in the built-in list");
    assert!(l.iter().any(|(r, _, t)| r == "jargon" && t == "FRT"), "{l:?}");
    let long = "I visited and ".repeat(15) + "left.";
    assert!(worcestershire.check(&long, &Context::default()).findings.iter().any(|f| f.rule == "plain-english"));
    assert!(!liverpool.check(&long, &Context::default()).findings.iter().any(|f| f.rule == "plain-english"), "turned off");
    assert!(liverpool.rules().iter().any(|r| r.id == "plain-english" && !r.enabled));
}

#[test]
fn a_broken_policy_is_refused_with_every_problem() {
    let broken = r#"{"extends":"worcestershire","colour":"red",
        "timescales":{"statutory_visit":{"hours":-3},"other":{"working_days":5,"hours":2}},
        "rules":{"jargon":{"severity":"shouty"}},"calendar":{"bank_holidays":"atlantis"},
        "lists":{"vague":{"add":["fine | say what you saw | colour=blue"]}}}"#;
    let message = Checker::with_policy(broken).unwrap_err().to_string();
    for expected in [
        "colour: is not a known field",
        "timescales.statutory_visit.hours: expected a positive number, got -3",
        "timescales.other: expected exactly one of",
        "rules.jargon.severity: expected error, warning or advice, got \"shouty\"",
        "calendar.bank_holidays",
        "unknown option \"colour\"",
    ] {
        assert!(message.contains(expected), "{expected:?} missing from: {message}");
    }
    assert!(Checker::with_policy("{not json").unwrap_err().to_string().contains("not valid JSON"));
    assert!(Checker::with_policy(r#"{"extends":"narnia"}"#).is_err());
}

#[test]
fn the_default_policy_round_trips() {
    let json = Checker::default_policy_json();
    let checker = Checker::with_policy(&json).unwrap();
    let note = "LAC review. Mum said Jayden was fine.";
    assert_eq!(checker.check(note, &Context::default()), Checker::new().check(note, &Context::default()));
}

/// The texts a rule flags in a note under a policy.
fn flagged(checker: &Checker, rule: &str, text: &str) -> Vec<String> {
    checker.check(text, &Context::default()).findings.into_iter().filter(|f| f.rule == rule).map(|f| f.text).collect()
}

#[test]
fn the_second_policys_patterns_fire_and_their_unless_cancels_them() {
    let liverpool = Checker::with_policy(LIVERPOOL).unwrap();
    assert_eq!(flagged(&liverpool, "child-initials", "J.S. was quiet. Later J. S. and K.L. played."), ["J.S.", "J. S.", "K.L."]);
    assert!(flagged(&liverpool, "child-initials", "J.S. (initials used, as this note goes to the school) was quiet.").is_empty());
    assert!(flagged(&liverpool, "child-initials", "Redacted for the court: J.S. was quiet.").is_empty());
    assert_eq!(flagged(&liverpool, "child-initials", "Initials in one sentence. J.S. in the next."), ["J.S."], "unless looks in the match's own sentence");
    assert!(flagged(&liverpool, "child-initials", "j.s. was quiet.").is_empty(), "the regex is case-sensitive");

    assert_eq!(flagged(&liverpool, "system-codes", "Actions from LCS-104233 and EHM12345 agreed."), ["LCS-104233", "EHM12345"]);
    assert!(flagged(&liverpool, "system-codes", "Conference held (ref LCS-104233).").is_empty());
    assert!(flagged(&liverpool, "system-codes", "Case number EHM12345 closed.").is_empty());
    assert_eq!(flagged(&liverpool, "system-codes", "The referral LCS-104233 was agreed."), ["LCS-104233"], "\"referral\" is not \"ref\"");
    assert!(flagged(&liverpool, "system-codes", "XLCS-104233 and LCS-1042339999 are not codes.").is_empty(), "whole words only");

    let report = liverpool.check("J.S. was seen. Actions from LCS-104233 agreed.", &Context::default());
    let initials = report.findings.iter().find(|f| f.rule == "child-initials").unwrap();
    assert_eq!((initials.kind.id(), initials.severity.id(), initials.standard), ("term", "warning", Some(1)));
    assert_eq!(initials.suggestions, ["the child's first name"]);
    assert!(initials.message.starts_with("“J.S.” names someone"), "{}", initials.message);
    let code = report.findings.iter().find(|f| f.rule == "system-codes").unwrap();
    assert_eq!((code.kind.id(), code.severity.id(), code.suggestions.len()), ("passage", "advice", 0));
}

#[test]
fn the_second_policys_patterns_are_rules_with_examples_that_behave() {
    let liverpool = Checker::with_policy(LIVERPOOL).unwrap();
    let rules = liverpool.rules();
    let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids[ids.len() - 2..], ["child-initials", "system-codes"], "the policy's patterns follow the built-in rules");
    for rule in &rules[rules.len() - 2..] {
        assert!(rule.enabled && rule.messages.is_empty() && rule.what.contains("council's pattern `"), "{rule:?}");
        assert!(rule.standard_text.as_deref().is_some_and(|t| t.starts_with("My case recording")), "{rule:?}");
        assert!(!flagged(&liverpool, &rule.id, &rule.flagged_example).is_empty(), "{}: its flagged example", rule.id);
        assert!(flagged(&liverpool, &rule.id, &rule.better_example).is_empty(), "{}: its better example", rule.id);
    }
    assert_eq!(Checker::new().rules().len() + 2, rules.len());
}
