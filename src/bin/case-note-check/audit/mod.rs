//! The manager's audit: `case-note-check audit EXPORT… --out report.html`
//! runs the checker over every note of a case system's export and reports
//! per standard, per team, by deadline category and month by month.
//!
//! **Why it lives in the binary, not the library.** The audit is a program
//! built on the checker, not part of checking a note: it needs the checker's
//! public API and nothing more, and as modules of the binary the compiler
//! holds it to that (a binary sees only what the library exports). The
//! library, and so the WebAssembly module, stays as it was; the audit's
//! crates (csv, rayon, indicatif, minijinja, plotters, encoding_rs) are
//! native-only dependencies that the wasm build never compiles.
//!
//! **How a run goes.**
//! 1. `source` opens every input and checks its header against `--map`
//!    (`mapping`) before any note is read; `encoding` decides a CSV's
//!    character encoding; `dates` reads the export's dates.
//! 2. The rows are pulled one at a time by rayon's worker threads
//!    (`par_bridge`), each checked (`note`) and folded into a `Summary`
//!    (`summary`): counts and histograms, never text. Memory stays flat: a
//!    few rows in flight per thread, whatever the file's size.
//! 3. `figures` works out the rates and percentiles once; `html` (with
//!    `charts` and `templates/audit.html`), `csv_out` and the JSON render
//!    those same figures, so they agree. `output` writes every file whole
//!    or not at all; `progress` shows the way on a terminal.
//!
//! **Shards.** `--partial` writes the summary itself; `audit merge` adds
//! partials together. The summary is order-independent (maps sorted by key,
//! short lists in a fixed order), so any split of the rows merges to the
//! report of the whole.

mod charts;
mod csv_out;
mod dates;
mod encoding;
mod figures;
mod html;
mod mapping;
mod note;
mod output;
mod progress;
mod source;
mod summary;

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, PoisonError};

use case_note_checker::Checker;
use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::args::{AuditArgs, AuditCommand, MergeArgs, OutputArgs};
use progress::Progress;
use source::{Input, Raw, ReadOptions};
use summary::Summary;

/// `audit` and `audit merge`. Rows that cannot be checked are counted and
/// listed, and do not fail the run.
pub fn run(checker: &Checker, args: AuditArgs) -> Result<bool, String> {
    match &args.command {
        Some(AuditCommand::Merge(merge_args)) => merge(merge_args),
        None => audit(checker, &args),
    }
}

/// Every output asked for, checked before any work.
fn targets<'a>(out: &'a OutputArgs, partial: Option<&'a Path>) -> Result<Vec<&'a Path>, String> {
    let targets: Vec<&Path> = [out.out.as_deref(), out.csv.as_deref(), out.json.as_deref(), partial].into_iter().flatten().collect();
    if targets.is_empty() {
        return Err("say where the report goes: --out report.html, --csv FILE, --json FILE or --partial FILE".to_owned());
    }
    output::check_targets(&targets)?;
    Ok(targets)
}

fn audit(checker: &Checker, args: &AuditArgs) -> Result<bool, String> {
    targets(&args.output, args.partial.as_deref())?;
    if args.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err("standard input (-) can be read only once".to_owned());
    }
    let options = Arc::new(ReadOptions::new(args)?);
    let bytes = Arc::new(AtomicU64::new(0));
    let inputs = args.inputs.iter().enumerate().map(|(i, path)| source::open(i, path, args, &options, &bytes)).collect::<Result<Vec<Input>, String>>()?;
    output::stop_cleanly_on_interrupt();
    for note in inputs.iter().filter_map(|i| i.note.as_deref()) {
        eprintln!("case-note-check: {note}");
    }
    let jobs = args.jobs.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().map_err(|e| format!("starting {jobs} threads: {e}"))?;
    let total: Option<u64> = inputs.iter().map(|i| i.size).sum();
    let progress = Progress::new(total, bytes, args.quiet);
    let names: Vec<String> = inputs.iter().map(|i| i.info.name.clone()).collect();
    let start = Summary::new(checker, inputs.iter().map(|i| i.info.clone()).collect(), args.by_worker, args.include_excerpts);
    let fatal = Mutex::new(None);
    let rows = Rows { inputs: inputs.into_iter().map(Some).collect(), at: 0, fatal: &fatal, progress: &progress };
    let with_excerpts = args.include_excerpts;
    let mut summary = pool.install(|| {
        rows.par_bridge()
            .fold(
                || start.empty_like(),
                |mut s, (source, raw): (usize, Raw)| {
                    let item = raw.into_item();
                    match item.and_then(|note| note::examine(checker, note, &names, with_excerpts)) {
                        Ok(facts) => s.add_note(facts),
                        Err(bad) => s.add_bad(*bad, source),
                    }
                    s
                },
            )
            .reduce(
                || start.empty_like(),
                |mut a, b| {
                    a.merge(b).expect("summaries of one run merge");
                    a
                },
            )
    });
    progress.finish();
    if let Some(e) = fatal.into_inner().unwrap_or_else(PoisonError::into_inner) {
        return Err(format!("{e}; no report written"));
    }
    summary.compact();
    write(&summary, &args.output, args.partial.as_deref())?;
    if !args.quiet {
        let seconds = progress.seconds();
        eprintln!(
            "case-note-check: audited {} notes ({} rows could not be checked) in {seconds:.1} s: {:.0} notes a second, {:.2} MB/s on {jobs} thread{}{}",
            summary.overall.notes,
            summary.bad_rows,
            progress.rows() as f64 / seconds.max(1e-3),
            progress.bytes() as f64 / 1e6 / seconds.max(1e-3),
            if jobs == 1 { "" } else { "s" },
            peak_memory().map_or_else(String::new, |m| format!("; peak memory {:.0} MB", m as f64 / 1e6)),
        );
    }
    Ok(true)
}

/// The rows of every input in turn, each with its input's index; a read
/// error ends the rows and is kept for the run to report.
struct Rows<'a> {
    inputs: Vec<Option<Input>>,
    at: usize,
    fatal: &'a Mutex<Option<String>>,
    progress: &'a Progress,
}

impl Iterator for Rows<'_> {
    type Item = (usize, Raw);

    fn next(&mut self) -> Option<(usize, Raw)> {
        while let Some(input) = self.inputs.get_mut(self.at).and_then(Option::as_mut) {
            match input.next_raw() {
                Ok(Some(raw)) => {
                    self.progress.row();
                    return Some((self.at, raw));
                }
                Ok(None) => {
                    // Done with this input: free its buffers.
                    self.inputs[self.at] = None;
                    self.at += 1;
                }
                Err(e) => {
                    *self.fatal.lock().unwrap_or_else(PoisonError::into_inner) = Some(e);
                    self.at = self.inputs.len();
                }
            }
        }
        None
    }
}

fn merge(args: &MergeArgs) -> Result<bool, String> {
    targets(&args.output, args.partial.as_deref())?;
    output::stop_cleanly_on_interrupt();
    let mut merged: Option<Summary> = None;
    let mut count = 0;
    for path in &args.partials {
        let stdin = path.as_os_str() == "-";
        let name = if stdin { "standard input".to_owned() } else { path.display().to_string() };
        let reader: Box<dyn Read> = if stdin { Box::new(io::stdin()) } else { Box::new(std::fs::File::open(path).map_err(|e| format!("{name}: {e}"))?) };
        for (n, line) in BufReader::new(reader).lines().enumerate() {
            let line = line.map_err(|e| format!("{name}: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let partial: Summary =
                serde_json::from_str(&line).map_err(|e| format!("{name}, line {}: not a partial summary from `audit --partial` ({e})", n + 1))?;
            count += 1;
            match &mut merged {
                None => merged = Some(partial),
                Some(m) => m.merge(partial).map_err(|e| format!("{name}, line {}: {e}", n + 1))?,
            }
        }
    }
    let mut summary = merged.ok_or("no partial summaries in the files given")?;
    summary.compact();
    write(&summary, &args.output, args.partial.as_deref())?;
    if !args.quiet {
        eprintln!(
            "case-note-check: merged {count} partial summar{} of {} notes ({} rows could not be checked)",
            if count == 1 { "y" } else { "ies" },
            summary.overall.notes,
            summary.bad_rows
        );
    }
    Ok(true)
}

/// Renders and writes every output asked for.
fn write(summary: &Summary, out: &OutputArgs, partial: Option<&Path>) -> Result<(), String> {
    let figures = figures::figures(summary);
    let mut files: Vec<(&Path, Vec<u8>)> = Vec::new();
    if let Some(path) = &out.out {
        files.push((path, html::render(&figures)?));
    }
    if let Some(path) = &out.csv {
        files.push((path, csv_out::render(&figures)?));
    }
    if let Some(path) = &out.json {
        let mut json = serde_json::to_vec_pretty(&figures).map_err(|e| e.to_string())?;
        json.push(b'\n');
        files.push((path, json));
    }
    if let Some(path) = partial {
        // One line, so partials from many tasks can be concatenated.
        let mut json = serde_json::to_vec(summary).map_err(|e| e.to_string())?;
        json.push(b'\n');
        files.push((path, json));
    }
    output::write_all(&files)
}

/// The process's peak resident memory in bytes (Linux), for the closing line.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
