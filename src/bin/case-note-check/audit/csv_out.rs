//! `--csv`: the report's figures as one table, a row per group (every note,
//! each team, month, deadline category and, with `--by-worker`, worker),
//! for a spreadsheet. Shares are 0–1; an empty cell means "no notes to
//! divide by".

use super::figures::{Figures, Group};

const HEADER: [&str; 25] = [
    "scope",
    "name",
    "notes",
    "words",
    "opinion_present",
    "opinion_rate",
    "child_voice_present",
    "child_voice_rate",
    "equality_recorded",
    "equality_rate",
    "jargon_findings",
    "jargon_notes",
    "jargon_per_1000_words",
    "stigmatising_findings",
    "stigmatising_notes",
    "stigmatising_rate",
    "stigmatising_per_1000_words",
    "deadline_known",
    "late",
    "late_rate",
    "late_median_hours",
    "late_p90_hours",
    "errors",
    "warnings",
    "advice",
];

/// A value as the JSON report writes it (`25.0`, not `25`); empty for none.
fn cell<T: serde::Serialize>(v: Option<T>) -> String {
    v.and_then(|v| serde_json::to_string(&v).ok()).unwrap_or_default()
}

fn row(g: &Group) -> Vec<String> {
    vec![
        g.scope.to_owned(),
        g.name.clone(),
        g.notes.to_string(),
        g.words.to_string(),
        g.opinion.count.to_string(),
        cell(g.opinion.rate),
        g.child_voice.count.to_string(),
        cell(g.child_voice.rate),
        g.equality.count.to_string(),
        cell(g.equality.rate),
        g.jargon.findings.to_string(),
        g.jargon.notes.to_string(),
        cell(g.jargon.per_1000_words),
        g.stigmatising.findings.to_string(),
        g.stigmatising.notes.to_string(),
        cell(g.stigmatising.rate),
        cell(g.stigmatising.per_1000_words),
        g.late.known.to_string(),
        g.late.overdue.to_string(),
        cell(g.late.rate),
        cell(g.late.median_hours),
        cell(g.late.p90_hours),
        g.findings.error.to_string(),
        g.findings.warning.to_string(),
        g.findings.advice.to_string(),
    ]
}

/// The CSV file's bytes.
pub fn render(f: &Figures) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER).map_err(|e| e.to_string())?;
    let groups = std::iter::once(&f.overall).chain(&f.teams).chain(&f.months).chain(&f.deadlines).chain(&f.workers);
    for g in groups {
        w.write_record(row(g)).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}
