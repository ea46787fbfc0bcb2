//! The notes of an export, one at a time: each CSV row or JSONL line becomes
//! a `Note` ready to check, or a `BadRow` saying why not. Inputs are opened
//! (and their headers checked) before any note is read; then they are read
//! in turn, never more than one row at a time, so memory does not grow with
//! the file.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::dates::{self, ExportDate};
use super::encoding;
use super::mapping::{Columns, EventMap, Field, Mapping};
use crate::args::{AuditArgs, Encoding, Format};
use crate::note_line;

/// A note ready to check.
#[derive(Debug)]
pub struct Note {
    /// Which input (an index into the audit's inputs).
    pub source: usize,
    /// Row number as a spreadsheet shows it (the header is row 1), or the
    /// line number of a JSONL note.
    pub row: u64,
    /// The note's id, if the export has one.
    pub id: Option<String>,
    /// The note.
    pub text: String,
    /// The context, in the library's JSON form.
    pub context: Value,
    /// The team (`None`: no team given).
    pub team: Option<String>,
    /// The worker, read only with `--by-worker`.
    pub worker: Option<String>,
    /// When it was recorded, for how late it was.
    pub recorded_at: Option<NaiveDateTime>,
    /// The month it is counted in (`YYYY-MM`): the event's, else the recording's.
    pub month: Option<String>,
    /// True when a date had no time and one was assumed.
    pub assumed_time: bool,
}

/// A row that could not be checked.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BadRow {
    /// The input's name.
    pub source: String,
    /// Row (CSV, the header being row 1) or line (JSONL).
    pub row: u64,
    /// The note's id, when it could be read.
    pub id: Option<String>,
    /// Why, naming the field or column.
    pub reason: String,
}

/// What the report says about an input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputInfo {
    /// The file's name as given (`standard input` for `-`).
    pub name: String,
    /// `csv` or `jsonl`.
    pub format: String,
    /// The character encoding it was read in.
    pub encoding: String,
    /// `[field, column]` pairs: which column gave what.
    pub columns: Vec<(String, String)>,
    /// Notes checked.
    pub notes: u64,
    /// Rows that could not be checked.
    pub bad_rows: u64,
}

/// One step of reading: a note, a bad row, or the end.
pub type Item = Result<Note, Box<BadRow>>;

/// An opened input, its header read.
pub struct Input {
    /// What the report says about it.
    pub info: InputInfo,
    /// What standard error should say about its encoding.
    pub note: Option<String>,
    /// Its size in bytes, when known (for progress).
    pub size: Option<u64>,
    reader: Reader,
    shared: Arc<Shared>,
}

enum Reader {
    Csv(csv::Reader<Box<dyn Read + Send>>),
    Jsonl { lines: BufReader<Box<dyn Read + Send>>, line_no: u64 },
}

/// What turning an input's rows into notes needs, shared by the threads.
struct Shared {
    index: usize,
    name: String,
    options: Arc<ReadOptions>,
    kind: Kind,
}

enum Kind {
    Csv { columns: Columns, hint: bool },
    Jsonl { team_key: String, worker_key: Option<String> },
}

/// A row as read, not yet made a note. Only the reading is done one row at
/// a time; the rest (`into_item`) runs on the worker threads.
pub struct Raw {
    row: u64,
    body: Body,
    shared: Arc<Shared>,
}

enum Body {
    Csv(csv::ByteRecord),
    Jsonl(Vec<u8>),
}

impl Raw {
    /// The note, or why it cannot be one.
    pub fn into_item(self) -> Item {
        let Shared { index, name, options, kind } = &*self.shared;
        match (&self.body, kind) {
            (Body::Csv(record), Kind::Csv { columns, hint }) => csv_note(*index, name, self.row, record, columns, options, *hint),
            (Body::Jsonl(line), Kind::Jsonl { team_key, worker_key }) => jsonl_note(*index, name, self.row, line, team_key, worker_key.as_deref(), options),
            _ => unreachable!("an input's rows are of its own format"),
        }
    }
}

/// How rows are read, from the command line.
pub struct ReadOptions {
    mapping: Mapping,
    events: EventMap,
    month_first: bool,
    by_worker: bool,
}

impl ReadOptions {
    /// From `audit`'s arguments; a bad `--map` or `--event-map` is an error here.
    pub fn new(args: &AuditArgs) -> Result<ReadOptions, String> {
        Ok(ReadOptions {
            mapping: Mapping::parse(&args.map)?,
            events: EventMap::parse(&args.event_map)?,
            month_first: args.month_first,
            by_worker: args.by_worker,
        })
    }
}

/// A reader that counts the bytes read through it (for progress).
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens one input and reads its header; every problem with the file or the
/// mapping is an error here, before any note is read.
pub fn open(index: usize, path: &Path, args: &AuditArgs, options: &Arc<ReadOptions>, bytes: &Arc<AtomicU64>) -> Result<Input, String> {
    let stdin = path.as_os_str() == "-";
    let name = if stdin { "standard input".to_owned() } else { path.display().to_string() };
    let (raw, size): (Box<dyn Read + Send>, Option<u64>) = if stdin {
        (Box::new(io::stdin()), None)
    } else {
        let file = File::open(path).map_err(|e| format!("{name}: {e}"))?;
        let size = file.metadata().ok().map(|m| m.len());
        (Box::new(file), size)
    };
    let raw: Box<dyn Read + Send> = Box::new(Counting { inner: raw, count: Arc::clone(bytes) });
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let format = match (args.format, extension.as_deref()) {
        (Format::Csv, _) | (Format::Auto, Some("csv" | "tsv" | "txt")) => Format::Csv,
        (Format::Jsonl, _) | (Format::Auto, Some("jsonl" | "ndjson" | "json")) => Format::Jsonl,
        (Format::Auto, _) => Format::Auto,
    };
    let mut decoded = encoding::decode(raw, if format == Format::Jsonl { Encoding::Utf8 } else { args.encoding }, &name)?;
    let format = match format {
        Format::Auto => {
            // Sniff: a JSON object first means JSONL.
            let mut reader = BufReader::new(decoded.reader);
            let first = loop {
                let buf = reader.fill_buf().map_err(|e| format!("{name}: {e}"))?;
                match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                    Some(i) => break Some(buf[i]),
                    None if buf.is_empty() => break None,
                    None => {
                        let n = buf.len();
                        reader.consume(n);
                    }
                }
            };
            decoded.reader = Box::new(reader);
            if first == Some(b'{') {
                Format::Jsonl
            } else {
                Format::Csv
            }
        }
        f => f,
    };
    let mut info = InputInfo {
        name: name.clone(),
        format: if format == Format::Jsonl { "jsonl" } else { "csv" }.to_owned(),
        encoding: decoded.encoding.to_owned(),
        columns: Vec::new(),
        notes: 0,
        bad_rows: 0,
    };
    let (reader, kind) = if format == Format::Jsonl {
        let mut team_key = "team".to_owned();
        let mut worker_key = options.by_worker.then(|| "worker".to_owned());
        for (field, key) in options.mapping.fields() {
            match field {
                Field::Team => team_key = key.to_owned(),
                Field::Worker if options.by_worker => worker_key = Some(key.to_owned()),
                Field::Worker => {}
                other => {
                    return Err(format!(
                        "--map {}: a JSONL note gives it as {}; --map can only rename team and worker",
                        other.name(),
                        if matches!(other, Field::Id | Field::Text) { "its own key" } else { "part of its context" }
                    ))
                }
            }
        }
        info.columns = std::iter::once(("team".to_owned(), team_key.clone())).chain(worker_key.iter().map(|k| ("worker".to_owned(), k.clone()))).collect();
        let reader = Reader::Jsonl { lines: BufReader::with_capacity(256 * 1024, decoded.reader), line_no: 0 };
        (reader, Kind::Jsonl { team_key, worker_key })
    } else {
        let delimiter = match args.delimiter {
            Some(c) if c.is_ascii() => c as u8,
            Some(c) => return Err(format!("--delimiter {c}: the separator must be one ASCII character")),
            None if matches!(extension.as_deref(), Some("tsv" | "txt")) => b'\t',
            None => b',',
        };
        let mut rows = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).buffer_capacity(256 * 1024).from_reader(decoded.reader);
        let header = rows.byte_headers().map_err(|e| format!("{name}: reading the header: {e}"))?;
        if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
            return Err(format!("{name}: is empty (a CSV export needs a header row)"));
        }
        let header: Vec<String> = header.iter().map(|h| String::from_utf8_lossy(h).trim().to_owned()).collect();
        let columns = options.mapping.resolve(&header, &name, options.by_worker)?;
        info.columns.clone_from(&columns.used);
        let hint = decoded.encoding == "utf-8";
        (Reader::Csv(rows), Kind::Csv { columns, hint })
    };
    let shared = Arc::new(Shared { index, name, options: Arc::clone(options), kind });
    Ok(Input { info, note: decoded.note, size, reader, shared })
}

impl Input {
    /// The next row; `Ok(None)` at the end; `Err` when the file cannot be
    /// read on (the run stops: a report of part of a file would mislead).
    pub fn next_raw(&mut self) -> Result<Option<Raw>, String> {
        let name = &self.shared.name;
        match &mut self.reader {
            Reader::Csv(rows) => {
                let mut record = csv::ByteRecord::new();
                match rows.read_byte_record(&mut record) {
                    Ok(false) => Ok(None),
                    // The header is record 0 and spreadsheet row 1.
                    Ok(true) => {
                        Ok(Some(Raw { row: record.position().map_or(0, |p| p.record()) + 1, body: Body::Csv(record), shared: Arc::clone(&self.shared) }))
                    }
                    Err(e) => Err(format!("{name}: {e}")),
                }
            }
            Reader::Jsonl { lines, line_no } => loop {
                let mut buf = Vec::new();
                let n = lines.read_until(b'\n', &mut buf).map_err(|e| format!("{name}: after line {line_no}: {e}"))?;
                if n == 0 {
                    return Ok(None);
                }
                *line_no += 1;
                while matches!(buf.last(), Some(b'\n' | b'\r')) {
                    buf.pop();
                }
                if *line_no == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                    buf.drain(..3);
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Ok(Some(Raw { row: *line_no, body: Body::Jsonl(buf), shared: Arc::clone(&self.shared) }));
            },
        }
    }
}

fn bad(source: &str, row: u64, id: Option<String>, reason: String) -> Box<BadRow> {
    Box::new(BadRow { source: source.to_owned(), row, id, reason })
}

/// One CSV row.
fn csv_note(index: usize, name: &str, row: u64, record: &csv::ByteRecord, columns: &Columns, options: &ReadOptions, hint: bool) -> Item {
    // `what` names the field in a message; made only when one is needed.
    let field = |at: usize, what: &dyn Fn() -> String| -> Result<Option<&str>, String> {
        let Some(bytes) = record.get(at) else {
            return Ok(None);
        };
        match std::str::from_utf8(bytes) {
            Ok(s) if s.trim().is_empty() => Ok(None),
            Ok(s) => Ok(Some(s)),
            Err(e) => Err(format!(
                "{}: not valid UTF-8 (at byte {} of the field){}",
                what(),
                e.valid_up_to(),
                if hint { "; if the export is Windows-1252, give --encoding windows-1252" } else { "" }
            )),
        }
    };
    let id = columns.id.and_then(|at| record.get(at)).map(|b| String::from_utf8_lossy(b).trim().to_owned()).filter(|s| !s.is_empty());
    let fail = |reason: String| Err(bad(name, row, id.clone(), reason));
    if record.len() != columns.width {
        return fail(format!("has {} fields where the header has {} (a quote left open, or a separator in an unquoted field?)", record.len(), columns.width));
    }
    let header_name = |f: Field| columns.used.iter().find(|(n, _)| *n == f.name()).map_or(String::new(), |(_, c)| c.clone());
    let get = |at: Option<usize>, f: Field| -> Result<Option<String>, String> {
        match at {
            None => Ok(None),
            Some(at) => field(at, &|| format!("{} ({})", f.name(), header_name(f))).map(|v| v.map(|s| s.trim().to_owned())),
        }
    };
    let parsed = (|| -> Result<Note, String> {
        let text = match field(columns.text, &|| format!("text ({})", header_name(Field::Text)))? {
            Some(t) => t.to_owned(),
            None => return Err(format!("text ({}): empty", header_name(Field::Text))),
        };
        let mut context = Map::new();
        if let Some(event) = get(columns.event, Field::Event)? {
            let category = options.events.category(&event).map_err(|e| format!("event ({}): {e}", header_name(Field::Event)))?;
            context.insert("event".into(), category.id().into());
        }
        let date = |at, f: Field| -> Result<Option<ExportDate>, String> {
            get(at, f)?.map(|v| dates::parse(&v, options.month_first).map_err(|e| format!("{} ({}): {e}", f.name(), header_name(f)))).transpose()
        };
        let event_at = date(columns.event_at, Field::EventAt)?;
        let recorded_at = date(columns.recorded_at, Field::RecordedAt)?;
        let (event_time, recorded_time, assumed_time) = times_for(event_at, recorded_at);
        if let Some(t) = event_time {
            context.insert("event_at".into(), dates::format(t).into());
        }
        if let Some(t) = recorded_time {
            context.insert("recorded_at".into(), dates::format(t).into());
        }
        let mut child = Map::new();
        if let Some(name) = get(columns.child_name, Field::ChildName)? {
            child.insert("name".into(), name.into());
        }
        if let Some(age) = get(columns.child_age, Field::ChildAge)? {
            let years: f64 =
                age.parse().map_err(|_| format!("child_age ({}): \"{}\" is not a number of years", header_name(Field::ChildAge), dates::cell(&age)))?;
            child.insert("age_years".into(), years.into());
        }
        if !child.is_empty() {
            context.insert("child".into(), child.into());
        }
        if !columns.equality.is_empty() {
            let mut equality = Map::new();
            for &(area, at) in &columns.equality {
                let value = get(Some(at), Field::Equality(area))?.unwrap_or_default();
                equality.insert(area.id().into(), value.into());
            }
            context.insert("equality".into(), equality.into());
        }
        Ok(Note {
            source: index,
            row,
            id: id.clone(),
            text,
            context: context.into(),
            team: get(columns.team, Field::Team)?,
            worker: if options.by_worker { get(columns.worker, Field::Worker)? } else { None },
            recorded_at: recorded_time,
            month: event_time.or(recorded_time).map(dates::month_of),
            assumed_time,
        })
    })();
    parsed.or_else(fail)
}

/// The times a note's dates stand for, and whether one was assumed.
///
/// A date without a time is read so that a note is counted late only if it
/// was late whatever the time was: the event at the end of its day, the
/// recording at the start of its day, but never before the event.
pub fn times_for(event: Option<ExportDate>, recorded: Option<ExportDate>) -> (Option<NaiveDateTime>, Option<NaiveDateTime>, bool) {
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 0).expect("a real time");
    let event_time = event.map(|e| match recorded {
        // Recorded at a known time that day: the event was no later.
        Some(r) if e.time.is_none() && r.date == e.date && r.time.is_some() => r.at(end_of_day),
        _ => e.at(end_of_day),
    });
    let recorded_time = recorded.map(|r| {
        let at = r.at(NaiveTime::MIN);
        match event_time {
            Some(e) if r.time.is_none() && r.date == e.date() && at < e => e,
            _ => at,
        }
    });
    let assumed = event.is_some_and(|e| e.time.is_none()) || recorded.is_some_and(|r| r.time.is_none());
    (event_time, recorded_time, assumed)
}

/// One JSONL line: the batch format, `team` and `worker` read from its other keys.
fn jsonl_note(index: usize, name: &str, line_no: u64, line: &[u8], team_key: &str, worker_key: Option<&str>, options: &ReadOptions) -> Item {
    let id_string = |v: &Value| match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    };
    let line = match note_line::read(line) {
        Ok(line) => line,
        Err(e) => return Err(bad(name, line_no, id_string(&e.id), e.message)),
    };
    let id = id_string(&line.id);
    if line.text.trim().is_empty() {
        return Err(bad(name, line_no, id, "text: empty".to_owned()));
    }
    let text_of = |key: &str| -> Result<Option<String>, Box<BadRow>> {
        match line.extras.iter().find(|(k, _)| k == key).map(|(_, v)| v) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(_) => Err(bad(name, line_no, id.clone(), format!("{key}: expected a string"))),
        }
    };
    let team = text_of(team_key)?;
    let worker = match worker_key {
        Some(key) if options.by_worker => text_of(key)?,
        _ => None,
    };
    let context = line.context.unwrap_or(Value::Null);
    let time = |key: &str| context.get(key).and_then(Value::as_str).and_then(dates::parse_checker_form);
    let (event_at, recorded_at) = (time("event_at"), time("recorded_at"));
    Ok(Note {
        source: index,
        row: line_no,
        id,
        text: line.text,
        context,
        team,
        worker,
        recorded_at,
        month: event_at.or(recorded_at).map(dates::month_of),
        assumed_time: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32, time: Option<(u32, u32)>) -> Option<ExportDate> {
        Some(ExportDate { date: NaiveDate::from_ymd_opt(y, m, day).unwrap(), time: time.map(|(h, mi)| NaiveTime::from_hms_opt(h, mi, 0).unwrap()) })
    }

    fn fmt(t: Option<NaiveDateTime>) -> String {
        t.map(dates::format).unwrap_or_default()
    }

    #[test]
    fn missing_times_never_make_a_note_late() {
        let (e, r, assumed) = times_for(d(2026, 11, 23, None), d(2026, 11, 23, None));
        assert_eq!((fmt(e), fmt(r), assumed), ("2026-11-23T23:59".into(), "2026-11-23T23:59".into(), true));
        let (e, r, _) = times_for(d(2026, 11, 23, Some((10, 0))), d(2026, 11, 23, None));
        assert_eq!((fmt(e), fmt(r)), ("2026-11-23T10:00".into(), "2026-11-23T10:00".into()));
        let (e, r, _) = times_for(d(2026, 11, 23, None), d(2026, 11, 25, None));
        assert_eq!((fmt(e), fmt(r)), ("2026-11-23T23:59".into(), "2026-11-25T00:00".into()));
        let (e, r, _) = times_for(d(2026, 11, 23, None), d(2026, 11, 23, Some((15, 0))));
        assert_eq!((fmt(e), fmt(r)), ("2026-11-23T15:00".into(), "2026-11-23T15:00".into()));
        let (_, _, assumed) = times_for(d(2026, 11, 23, Some((10, 0))), d(2026, 11, 25, Some((9, 0))));
        assert!(!assumed);
    }
}
