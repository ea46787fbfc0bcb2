//! The audit's running totals: counts and histograms only, never note text.
//!
//! A `Summary` is what `audit --partial` writes and `audit merge` reads.
//! Merging is adding: every figure is a count, a histogram of counts, or a
//! short list kept in a fixed order (the notes most in need of follow-up,
//! the first bad rows), so merging shards in any grouping gives the same
//! summary as reading the whole file, and the same summary whatever the
//! number of threads.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use case_note_checker::{Checker, DeadlineStatus, Severity};
use serde::{Deserialize, Serialize};

use super::note::NoteFacts;
use super::source::{BadRow, InputInfo};

/// The partial summary's format name and version.
pub const FORMAT: &str = "case-note-audit-partial";
/// Bumped when the format changes; merge refuses another version.
pub const VERSION: u32 = 1;
/// Notes listed for follow-up.
pub const FOLLOW_UP: usize = 25;
/// Bad rows listed (all are counted).
pub const BAD_LISTED: usize = 1000;

/// Group names for a missing team, worker or month.
pub const NO_TEAM: &str = "(no team)";
/// See `NO_TEAM`.
pub const NO_WORKER: &str = "(no worker)";
/// See `NO_TEAM`.
pub const NO_MONTH: &str = "unknown";

/// The counts for one group of notes: everyone, a team, a month, a worker
/// or a deadline category.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Notes checked.
    pub notes: u64,
    /// Words in them.
    pub words: u64,
    /// Notes with the worker's professional opinion.
    pub opinion: u64,
    /// Notes with the child's voice.
    pub child_voice: u64,
    /// Notes recording equality information.
    pub equality: u64,
    /// Jargon findings.
    pub jargon: u64,
    /// Notes with jargon.
    pub jargon_notes: u64,
    /// Stigmatising-language findings.
    pub stigmatising: u64,
    /// Notes with stigmatising language.
    pub stigmatising_notes: u64,
    /// Findings that are errors.
    pub errors: u64,
    /// Findings that are warnings.
    pub warnings: u64,
    /// Findings that are advice.
    pub advice: u64,
    /// Notes whose deadline status is known (event and recording times given).
    pub deadline_known: u64,
    /// Notes recorded late.
    pub overdue: u64,
    /// How late the late notes were: whole hours (rounded up) → notes.
    pub hours_late: BTreeMap<u32, u64>,
}

impl Tally {
    fn add(&mut self, f: &NoteFacts) {
        self.notes += 1;
        self.words += f.words;
        self.opinion += u64::from(f.opinion);
        self.child_voice += u64::from(f.child_voice);
        self.equality += u64::from(f.equality);
        self.jargon += f.jargon;
        self.jargon_notes += u64::from(f.jargon > 0);
        self.stigmatising += f.stigmatising;
        self.stigmatising_notes += u64::from(f.stigmatising > 0);
        self.errors += f.severities[0];
        self.warnings += f.severities[1];
        self.advice += f.severities[2];
        self.deadline_known += u64::from(f.status != DeadlineStatus::Unknown);
        self.overdue += u64::from(f.status == DeadlineStatus::Overdue);
        if let Some(h) = f.hours_late {
            *self.hours_late.entry(h).or_default() += 1;
        }
    }

    fn merge(&mut self, o: &Tally) {
        self.notes += o.notes;
        self.words += o.words;
        self.opinion += o.opinion;
        self.child_voice += o.child_voice;
        self.equality += o.equality;
        self.jargon += o.jargon;
        self.jargon_notes += o.jargon_notes;
        self.stigmatising += o.stigmatising;
        self.stigmatising_notes += o.stigmatising_notes;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.advice += o.advice;
        self.deadline_known += o.deadline_known;
        self.overdue += o.overdue;
        for (h, n) in &o.hours_late {
            *self.hours_late.entry(*h).or_default() += n;
        }
    }
}

/// Findings of a rule or standard, and the notes with one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// Findings.
    pub findings: u64,
    /// Notes with at least one.
    pub notes: u64,
}

/// A jargon term: a phrase from the policy's word list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Findings.
    pub count: u64,
    /// Notes using it.
    pub notes: u64,
    /// How it was written (`LAC`, `lac`) → findings.
    pub forms: BTreeMap<String, u64>,
    /// The word list's plain alternatives.
    pub suggestions: Vec<String>,
}

/// A note listed for follow-up: its id and what it needs, never its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The note's id.
    pub id: Option<String>,
    /// Its input.
    pub source: String,
    /// Its row (CSV) or line (JSONL).
    pub row: u64,
    /// Its team.
    pub team: String,
    /// Its worker (only with `--by-worker`).
    pub worker: Option<String>,
    /// 3 for each rule with an error, 1 for each rule with a warning.
    pub score: u32,
    /// Findings of every severity.
    pub findings: u64,
    /// Findings that are errors.
    pub errors: u64,
    /// Findings that are warnings.
    pub warnings: u64,
    /// The rules that raised an error or warning, worst first, with their counts.
    pub rules: Vec<(String, u64)>,
    /// Flagged phrases (only with `--include-excerpts`).
    pub excerpts: Vec<String>,
}

impl FollowUp {
    fn key(&self) -> impl Ord + '_ {
        (Reverse(self.score), Reverse(self.findings), &self.id, &self.source, self.row)
    }
}

/// A rule as the report names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleMeta {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its standard.
    pub standard: Option<u8>,
}

/// The audit so far: mergeable, and what `--partial` writes. Its default
/// is all counts zero, with no metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Always `case-note-audit-partial`.
    pub format: String,
    /// `VERSION`.
    pub version: u32,
    /// The program that made it.
    pub generator: String,
    /// The policy's name.
    pub policy: String,
    /// The policy's rules.
    pub rules: Vec<RuleMeta>,
    /// The policy's wording of each standard.
    pub standards: BTreeMap<u8, String>,
    /// Workers were read (`--by-worker`).
    pub by_worker: bool,
    /// Flagged phrases were kept (`--include-excerpts`).
    pub include_excerpts: bool,
    /// The inputs, with the notes and bad rows each gave.
    pub inputs: Vec<InputInfo>,
    /// Every note.
    pub overall: Tally,
    /// By team.
    pub teams: BTreeMap<String, Tally>,
    /// By worker (only with `--by-worker`).
    pub workers: BTreeMap<String, Tally>,
    /// By month of the event (else of the recording).
    pub months: BTreeMap<String, Tally>,
    /// By deadline category.
    pub categories: BTreeMap<String, Tally>,
    /// Notes recording each equality area.
    pub areas: BTreeMap<String, u64>,
    /// By rule.
    pub rule_counts: BTreeMap<String, Count>,
    /// By standard.
    pub standard_counts: BTreeMap<u8, Count>,
    /// Jargon terms by lower-case form.
    pub jargon: BTreeMap<String, Term>,
    /// The notes most in need of follow-up, most first.
    pub follow_up: Vec<FollowUp>,
    /// Rows that could not be checked.
    pub bad_rows: u64,
    /// The first `BAD_LISTED` of them, by input and row.
    pub bad_listed: Vec<BadRow>,
    /// Notes where a date had no time and one was assumed.
    pub assumed_times: u64,
}

impl Summary {
    /// An empty summary for an audit of `inputs` under `checker`'s policy.
    pub fn new(checker: &Checker, inputs: Vec<InputInfo>, by_worker: bool, include_excerpts: bool) -> Summary {
        let rules = checker.rules();
        let mut standards = BTreeMap::new();
        for r in &rules {
            if let (Some(n), Some(text)) = (r.standard, &r.standard_text) {
                standards.insert(n, text.clone());
            }
        }
        Summary {
            format: FORMAT.to_owned(),
            version: VERSION,
            generator: generator(),
            policy: checker.policy_name().to_owned(),
            rules: rules.iter().map(|r| RuleMeta { id: r.id.to_owned(), title: r.title.to_owned(), standard: r.standard }).collect(),
            standards,
            by_worker,
            include_excerpts,
            inputs,
            ..Summary::default()
        }
    }

    /// The same policy and options, no counts: the starting point of a fold.
    pub fn empty_like(&self) -> Summary {
        let inputs = self.inputs.iter().map(|i| InputInfo { notes: 0, bad_rows: 0, ..i.clone() }).collect();
        Summary {
            format: self.format.clone(),
            version: self.version,
            generator: self.generator.clone(),
            policy: self.policy.clone(),
            rules: self.rules.clone(),
            standards: self.standards.clone(),
            by_worker: self.by_worker,
            include_excerpts: self.include_excerpts,
            inputs,
            ..Summary::default()
        }
    }

    /// Counts one checked note.
    pub fn add_note(&mut self, f: NoteFacts) {
        if let Some(input) = self.inputs.get_mut(f.source) {
            input.notes += 1;
        }
        let team = f.team.clone().unwrap_or_else(|| NO_TEAM.to_owned());
        self.overall.add(&f);
        tally(&mut self.teams, &team).add(&f);
        tally(&mut self.months, f.month.as_deref().unwrap_or(NO_MONTH)).add(&f);
        tally(&mut self.categories, f.category).add(&f);
        if self.by_worker {
            tally(&mut self.workers, f.worker.as_deref().unwrap_or(NO_WORKER)).add(&f);
        }
        for area in &f.areas {
            *self.areas.entry((*area).to_owned()).or_default() += 1;
        }
        for (rule, n, _) in &f.rules {
            let c = self.rule_counts.entry(rule.clone()).or_default();
            c.findings += n;
            c.notes += 1;
        }
        for (standard, n) in &f.standards {
            let c = self.standard_counts.entry(*standard).or_default();
            c.findings += n;
            c.notes += 1;
        }
        let mut seen: Vec<&str> = Vec::new();
        for (key, form, suggestions) in &f.terms {
            let term = self.jargon.entry(key.clone()).or_default();
            term.count += 1;
            if !seen.contains(&key.as_str()) {
                term.notes += 1;
                seen.push(key);
            }
            *term.forms.entry(form.clone()).or_default() += 1;
            if term.suggestions.is_empty() || (!suggestions.is_empty() && *suggestions < term.suggestions) {
                term.suggestions.clone_from(suggestions);
            }
        }
        self.assumed_times += u64::from(f.assumed_time);
        let score: u32 = f
            .rules
            .iter()
            .map(|(_, _, worst)| match worst {
                Severity::Error => 3,
                Severity::Warning => 1,
                Severity::Advice => 0,
            })
            .sum();
        if score > 0 {
            let mut rules: Vec<&(String, u64, Severity)> = f.rules.iter().filter(|(_, _, s)| *s != Severity::Advice).collect();
            rules.sort_by(|a, b| (a.2, Reverse(a.1), &a.0).cmp(&(b.2, Reverse(b.1), &b.0)));
            self.follow_up.push(FollowUp {
                id: f.id,
                source: self.inputs.get(f.source).map(|i| i.name.clone()).unwrap_or_default(),
                row: f.row,
                team,
                worker: if self.by_worker { f.worker } else { None },
                score,
                findings: f.severities.iter().sum(),
                errors: f.severities[0],
                warnings: f.severities[1],
                rules: rules.into_iter().map(|(r, n, _)| (r.clone(), *n)).collect(),
                excerpts: if self.include_excerpts { f.excerpts } else { Vec::new() },
            });
            if self.follow_up.len() >= 4 * FOLLOW_UP {
                self.compact();
            }
        }
    }

    /// Counts one row that could not be checked.
    pub fn add_bad(&mut self, bad: BadRow, source: usize) {
        self.bad_rows += 1;
        if let Some(input) = self.inputs.get_mut(source) {
            input.bad_rows += 1;
        }
        self.bad_listed.push(bad);
        if self.bad_listed.len() >= 2 * BAD_LISTED {
            self.compact();
        }
    }

    /// Adds another summary of the same policy and options. Inputs with the
    /// same name are added together (the threads of one run, or the
    /// partitions of one `RDD.pipe`, all read "standard input").
    pub fn merge(&mut self, other: Summary) -> Result<(), String> {
        self.compatible(&other)?;
        for input in other.inputs {
            match self.inputs.iter_mut().find(|i| i.name == input.name) {
                Some(mine) => {
                    mine.notes += input.notes;
                    mine.bad_rows += input.bad_rows;
                    if mine.encoding != input.encoding {
                        mine.encoding = "mixed".into();
                    }
                }
                None => self.inputs.push(input),
            }
        }
        self.overall.merge(&other.overall);
        for (mine, theirs) in
            [(&mut self.teams, &other.teams), (&mut self.workers, &other.workers), (&mut self.months, &other.months), (&mut self.categories, &other.categories)]
        {
            for (k, t) in theirs {
                tally(mine, k).merge(t);
            }
        }
        for (k, n) in other.areas {
            *self.areas.entry(k).or_default() += n;
        }
        for (k, c) in other.rule_counts {
            let mine = self.rule_counts.entry(k).or_default();
            mine.findings += c.findings;
            mine.notes += c.notes;
        }
        for (k, c) in other.standard_counts {
            let mine = self.standard_counts.entry(k).or_default();
            mine.findings += c.findings;
            mine.notes += c.notes;
        }
        for (k, t) in other.jargon {
            let mine = self.jargon.entry(k).or_default();
            mine.count += t.count;
            mine.notes += t.notes;
            for (form, n) in t.forms {
                *mine.forms.entry(form).or_default() += n;
            }
            if mine.suggestions.is_empty() || (!t.suggestions.is_empty() && t.suggestions < mine.suggestions) {
                mine.suggestions = t.suggestions;
            }
        }
        self.follow_up.extend(other.follow_up);
        self.bad_rows += other.bad_rows;
        self.bad_listed.extend(other.bad_listed);
        self.assumed_times += other.assumed_times;
        self.compact();
        Ok(())
    }

    fn compatible(&self, other: &Summary) -> Result<(), String> {
        if other.format != FORMAT || other.version != VERSION {
            return Err(format!("not a partial summary of version {VERSION} (format \"{}\", version {})", other.format, other.version));
        }
        let differs = |what: &str, a: &dyn std::fmt::Debug, b: &dyn std::fmt::Debug| {
            Err(format!("made with a different {what} ({b:?}, not {a:?}); partials merge only when made alike"))
        };
        if self.policy != other.policy || self.rules != other.rules || self.standards != other.standards {
            return differs("policy", &self.policy, &other.policy);
        }
        if self.by_worker != other.by_worker {
            return differs("--by-worker", &self.by_worker, &other.by_worker);
        }
        if self.include_excerpts != other.include_excerpts {
            return differs("--include-excerpts", &self.include_excerpts, &other.include_excerpts);
        }
        Ok(())
    }

    /// Puts the lists in their order and cuts them to length.
    pub fn compact(&mut self) {
        self.follow_up.sort_by(|a, b| a.key().cmp(&b.key()));
        self.follow_up.truncate(FOLLOW_UP);
        self.bad_listed.sort();
        self.bad_listed.truncate(BAD_LISTED);
    }
}

fn tally<'a>(map: &'a mut BTreeMap<String, Tally>, key: &str) -> &'a mut Tally {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), Tally::default());
    }
    map.get_mut(key).expect("just inserted")
}

/// `case-note-check 0.1.0`.
pub fn generator() -> String {
    format!("case-note-check {}", env!("CARGO_PKG_VERSION"))
}
