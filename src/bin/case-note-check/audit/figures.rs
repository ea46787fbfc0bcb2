//! The report's figures, worked out once from a summary: rates, lateness
//! percentiles, rankings. The HTML, the CSV and the JSON are all rendered
//! from this one value, so they cannot disagree.

use std::collections::BTreeMap;

use case_note_checker::Category;
use serde::Serialize;

use super::source::{BadRow, InputInfo};
use super::summary::{FollowUp, Summary, Tally, NO_MONTH};

/// The JSON report's format name.
pub const FORMAT: &str = "case-note-audit";
/// Jargon terms shown.
const TOP_TERMS: usize = 20;

/// Everything the report shows.
#[derive(Debug, Serialize)]
pub struct Figures {
    /// `case-note-audit`.
    pub format: &'static str,
    /// The format's version.
    pub version: u32,
    /// The program that made it.
    pub generator: String,
    /// The policy checked against.
    pub policy: String,
    /// Workers' names are included.
    pub by_worker: bool,
    /// Flagged phrases are included.
    pub include_excerpts: bool,
    /// The inputs read.
    pub inputs: Vec<InputInfo>,
    /// Notes checked.
    pub notes: u64,
    /// Rows that could not be checked: how many, and the first of them.
    pub bad_rows: BadRows,
    /// Notes where a date had no time and one was assumed.
    pub assumed_times: u64,
    /// The first and last month with notes (`YYYY-MM`).
    pub months_covered: Option<(String, String)>,
    /// Every note.
    pub overall: Group,
    /// By team, by name.
    pub teams: Vec<Group>,
    /// By month, in order (notes with no date last).
    pub months: Vec<Group>,
    /// By deadline category, strictest first.
    pub deadlines: Vec<Group>,
    /// By worker (only with `--by-worker`).
    pub workers: Vec<Group>,
    /// By policy standard.
    pub standards: Vec<CountRow>,
    /// By rule, in the policy's order.
    pub rules: Vec<CountRow>,
    /// Notes recording each equality area.
    pub equality_areas: Vec<AreaRow>,
    /// The most frequent jargon.
    pub jargon: Vec<TermRow>,
    /// The notes most in need of follow-up.
    pub follow_up: Vec<FollowUp>,
}

/// Bad rows: the count and the first ones.
#[derive(Debug, Serialize)]
pub struct BadRows {
    /// How many.
    pub count: u64,
    /// The first ones, by input and row.
    pub listed: Vec<BadRow>,
}

/// A count and its share of the notes (`None` with no notes).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rate {
    /// How many.
    pub count: u64,
    /// As a share of the group, 0–1, to 4 places.
    pub rate: Option<f64>,
}

/// Findings per thousand words.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Density {
    /// Findings.
    pub findings: u64,
    /// Notes with one.
    pub notes: u64,
    /// Share of notes with one, 0–1.
    pub rate: Option<f64>,
    /// Findings per 1,000 words, to 2 places.
    pub per_1000_words: Option<f64>,
}

/// Recording on time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Lateness {
    /// Notes whose status is known (both times given).
    pub known: u64,
    /// Notes recorded late.
    pub overdue: u64,
    /// Late as a share of the known, 0–1.
    pub rate: Option<f64>,
    /// Median lateness of the late notes, whole hours.
    pub median_hours: Option<u32>,
    /// 90th percentile lateness of the late notes, whole hours.
    pub p90_hours: Option<u32>,
}

/// Findings by severity.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Severities {
    /// Errors.
    pub error: u64,
    /// Warnings.
    pub warning: u64,
    /// Advice.
    pub advice: u64,
}

/// The figures for one group of notes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// `overall`, `team`, `month`, `deadline` or `worker`.
    pub scope: &'static str,
    /// The team, month (`YYYY-MM`), category id or worker.
    pub name: String,
    /// Notes.
    pub notes: u64,
    /// Words.
    pub words: u64,
    /// The worker's professional opinion is there.
    pub opinion: Rate,
    /// The child's voice is there.
    pub child_voice: Rate,
    /// Equality information is recorded.
    pub equality: Rate,
    /// Jargon.
    pub jargon: Density,
    /// Stigmatising language.
    pub stigmatising: Density,
    /// Recording on time.
    pub late: Lateness,
    /// Findings by severity.
    pub findings: Severities,
}

/// Findings of a standard or rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountRow {
    /// The rule id, or the standard's number.
    pub id: String,
    /// The rule's title, or the standard's wording.
    pub title: String,
    /// The rule's standard (for a rule).
    pub standard: Option<u8>,
    /// Findings.
    pub findings: u64,
    /// Notes with one.
    pub notes: Rate,
}

/// An equality area.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaRow {
    /// Its id.
    pub area: String,
    /// Notes recording it.
    pub notes: Rate,
}

/// A jargon term.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TermRow {
    /// As most often written.
    pub term: String,
    /// Findings.
    pub count: u64,
    /// Notes using it.
    pub notes: u64,
    /// Plain alternatives.
    pub suggestions: Vec<String>,
}

/// A deadline category as the report names it.
pub fn category_label(id: &str) -> &str {
    match id {
        "high_risk" => "High risk",
        "s47_strategy_significant" => "S.47, strategy or significant event",
        "statutory_visit" => "Statutory visit",
        "other" => "Other",
        other => other,
    }
}

/// `2026-03` as `March 2026` (or `Mar 26` when `short`); notes with no date
/// as "No date".
pub fn month_label(key: &str, short: bool) -> String {
    const NAMES: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let parsed = key.split_once('-').and_then(|(y, m)| Some((y, m.parse::<usize>().ok().filter(|m| (1..=12).contains(m))?)));
    match parsed {
        Some((y, m)) if short => format!("{} {}", &NAMES[m - 1][..3], y.get(2..).unwrap_or(y)),
        Some((y, m)) => format!("{} {y}", NAMES[m - 1]),
        None => "No date".to_owned(),
    }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

fn share(count: u64, of: u64) -> Option<f64> {
    (of > 0).then(|| round(count as f64 / of as f64, 4))
}

fn rate(count: u64, of: u64) -> Rate {
    Rate { count, rate: share(count, of) }
}

/// The nearest-rank percentile (`p` in 0–1) of a histogram.
pub fn percentile(histogram: &BTreeMap<u32, u64>, p: f64) -> Option<u32> {
    let n: u64 = histogram.values().sum();
    if n == 0 {
        return None;
    }
    let rank = ((p * n as f64).ceil() as u64).clamp(1, n);
    let mut seen = 0;
    for (value, count) in histogram {
        seen += count;
        if seen >= rank {
            return Some(*value);
        }
    }
    None
}

fn group(scope: &'static str, name: &str, t: &Tally) -> Group {
    let density = |findings: u64, notes: u64| Density {
        findings,
        notes,
        rate: share(notes, t.notes),
        per_1000_words: (t.words > 0).then(|| round(findings as f64 * 1000.0 / t.words as f64, 2)),
    };
    Group {
        scope,
        name: name.to_owned(),
        notes: t.notes,
        words: t.words,
        opinion: rate(t.opinion, t.notes),
        child_voice: rate(t.child_voice, t.notes),
        equality: rate(t.equality, t.notes),
        jargon: density(t.jargon, t.jargon_notes),
        stigmatising: density(t.stigmatising, t.stigmatising_notes),
        late: Lateness {
            known: t.deadline_known,
            overdue: t.overdue,
            rate: share(t.overdue, t.deadline_known),
            median_hours: percentile(&t.hours_late, 0.5),
            p90_hours: percentile(&t.hours_late, 0.9),
        },
        findings: Severities { error: t.errors, warning: t.warnings, advice: t.advice },
    }
}

/// Works out the report's figures.
pub fn figures(s: &Summary) -> Figures {
    let n = s.overall.notes;
    let mut months: Vec<Group> = s.months.iter().filter(|(k, _)| *k != NO_MONTH).map(|(k, t)| group("month", k, t)).collect();
    let covered = months.first().zip(months.last()).map(|(a, b)| (a.name.clone(), b.name.clone()));
    months.extend(s.months.get(NO_MONTH).map(|t| group("month", NO_MONTH, t)));
    let deadlines = Category::ALL.iter().filter_map(|c| s.categories.get(c.id()).map(|t| group("deadline", c.id(), t))).collect();
    let standards = s
        .standards
        .iter()
        .map(|(k, text)| (k, text.clone()))
        .chain(s.standard_counts.keys().filter(|k| !s.standards.contains_key(k)).map(|k| (k, String::new())))
        .map(|(k, text)| {
            let c = s.standard_counts.get(k).cloned().unwrap_or_default();
            CountRow { id: k.to_string(), title: text, standard: Some(*k), findings: c.findings, notes: rate(c.notes, n) }
        })
        .collect();
    let rules = s
        .rules
        .iter()
        .map(|r| {
            let c = s.rule_counts.get(&r.id).cloned().unwrap_or_default();
            CountRow { id: r.id.clone(), title: r.title.clone(), standard: r.standard, findings: c.findings, notes: rate(c.notes, n) }
        })
        .collect();
    let equality_areas = case_note_checker::EqualityArea::ALL
        .iter()
        .map(|a| AreaRow { area: a.id().to_owned(), notes: rate(s.areas.get(a.id()).copied().unwrap_or(0), n) })
        .collect();
    let mut jargon: Vec<TermRow> = s
        .jargon
        .values()
        .map(|t| {
            // The form most often written; on a tie, the first in order.
            let form = t.forms.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(f, _)| f.clone()).unwrap_or_default();
            // "Contact" at the start of a sentence is the word "contact".
            let lower = form.to_lowercase();
            let form = if form.chars().skip(1).collect::<String>() == lower.chars().skip(1).collect::<String>() { lower } else { form };
            TermRow { term: form, count: t.count, notes: t.notes, suggestions: t.suggestions.clone() }
        })
        .collect();
    jargon.sort_by(|a, b| b.count.cmp(&a.count).then(b.notes.cmp(&a.notes)).then(a.term.cmp(&b.term)));
    jargon.truncate(TOP_TERMS);
    Figures {
        format: FORMAT,
        version: 1,
        generator: s.generator.clone(),
        policy: s.policy.clone(),
        by_worker: s.by_worker,
        include_excerpts: s.include_excerpts,
        inputs: s.inputs.clone(),
        notes: n,
        bad_rows: BadRows { count: s.bad_rows, listed: s.bad_listed.clone() },
        assumed_times: s.assumed_times,
        months_covered: covered,
        overall: group("overall", "all notes", &s.overall),
        teams: s.teams.iter().map(|(k, t)| group("team", k, t)).collect(),
        months,
        deadlines,
        workers: if s.by_worker { s.workers.iter().map(|(k, t)| group("worker", k, t)).collect() } else { Vec::new() },
        standards,
        rules,
        equality_areas,
        jargon,
        follow_up: s.follow_up.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let h: BTreeMap<u32, u64> = [(1, 5), (10, 4), (100, 1)].into_iter().collect();
        assert_eq!(percentile(&h, 0.5), Some(1));
        assert_eq!(percentile(&h, 0.51), Some(10));
        assert_eq!(percentile(&h, 0.9), Some(10));
        assert_eq!(percentile(&h, 0.91), Some(100));
        assert_eq!(percentile(&BTreeMap::new(), 0.5), None);
        let one: BTreeMap<u32, u64> = [(7, 1)].into_iter().collect();
        assert_eq!((percentile(&one, 0.5), percentile(&one, 0.9)), (Some(7), Some(7)));
    }

    #[test]
    fn labels() {
        assert_eq!(month_label("2026-03", false), "March 2026");
        assert_eq!(month_label("2026-11", true), "Nov 26");
        assert_eq!(month_label("unknown", true), "No date");
        assert_eq!(category_label("statutory_visit"), "Statutory visit");
    }

    #[test]
    fn rates_are_shares_to_four_places() {
        assert_eq!(rate(2, 3), Rate { count: 2, rate: Some(0.6667) });
        assert_eq!(rate(0, 0), Rate { count: 0, rate: None });
    }
}
