//! The batch command: one JSON line in, one JSON line out, in order.
//!
//! Nothing is lost or half-written: every non-blank input line (blank and
//! white-space-only lines are skipped, though they count for line numbers)
//! gets exactly one output line, written whole and flushed before the next is
//! read. A bad line gets `{"id", "line", "error"}` and the run goes on. A
//! closed pipe (`| head -1`) ends the run quietly; Ctrl+C (SIGINT) lets the
//! line being written finish, then stops with status 130.
//!
//! Keys other than `id`, `text` and `context` (`team`, `worker`, `created`…)
//! are copied to the output line unchanged, after `id` and before `report`.

use std::io::{self, BufRead, BufWriter, Write};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use case_note_checker::{Checker, Context, Report};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::json;

use crate::interrupt::on_interrupt;
use crate::note_line::{self, LineError, NoteLine};

/// Keys the output line uses itself; an input line may not carry them.
const OUTPUT_KEYS: [&str; 3] = ["report", "error", "line"];

/// Checks every line of `file` (`-`: standard input); `Ok(false)` if any failed.
pub fn run(checker: &Checker, file: &str, now: &str) -> Result<bool, String> {
    let mut reader: Box<dyn BufRead> =
        if file == "-" { Box::new(io::stdin().lock()) } else { Box::new(io::BufReader::new(std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?)) };
    let out: &'static Mutex<BufWriter<io::Stdout>> = Box::leak(Box::new(Mutex::new(BufWriter::new(io::stdout()))));
    let written = &*Box::leak(Box::new(AtomicUsize::new(0)));
    // On Ctrl+C, wait for the line being written (the lock), flush and stop.
    // If the handler cannot be installed, Ctrl+C keeps its default effect.
    on_interrupt(move || {
        let mut out = out.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = out.flush();
        eprintln!("case-note-check: interrupted; {} complete lines written", written.load(Ordering::SeqCst));
        std::process::exit(130);
    });
    let mut all_ok = true;
    let mut raw = Vec::new();
    let mut line_no = 0usize;
    loop {
        raw.clear();
        match reader.read_until(b'\n', &mut raw) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("reading {file} after line {line_no}: {e}")),
        }
        line_no += 1;
        let line = trim_line_end(&raw);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| check_line(checker, line, now))).unwrap_or_else(|panic| {
            let message = panic.downcast_ref::<&str>().copied().or_else(|| panic.downcast_ref::<String>().map(String::as_str)).unwrap_or("");
            let id = note_line::read(line).map_or_else(|e| e.id, |l| l.id);
            Err(LineError { id, message: format!("internal error checking this note (please report it): {message}") })
        });
        let bytes = match result {
            Ok((note, report)) => serde_json::to_vec(&OutputLine { note: &note, report: &report }),
            Err(LineError { id, message }) => {
                all_ok = false;
                serde_json::to_vec(&json!({ "id": id, "line": line_no, "error": message }))
            }
        };
        let mut bytes = bytes.map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        let mut out = out.lock().unwrap_or_else(PoisonError::into_inner);
        match out.write_all(&bytes).and_then(|()| out.flush()) {
            Ok(()) => {
                written.fetch_add(1, Ordering::SeqCst);
            }
            // A closed pipe (`| head`) ends the run quietly.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(all_ok),
            Err(e) => return Err(format!("writing the report for line {line_no}: {e}")),
        }
    }
    Ok(all_ok)
}

/// The line without its `\n` or `\r\n`.
fn trim_line_end(raw: &[u8]) -> &[u8] {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    raw.strip_suffix(b"\r").unwrap_or(raw)
}

fn check_line(checker: &Checker, line: &[u8], now: &str) -> Result<(NoteLine, Report), LineError> {
    let note = note_line::read(line)?;
    if let Some((key, _)) = note.extras.iter().find(|(k, _)| OUTPUT_KEYS.contains(&k.as_str())) {
        return Err(LineError { id: note.id, message: format!("{key}: is a key of the output line (with report, error and line); rename it") });
    }
    let context = match &note.context {
        None => Context::default(),
        Some(v) => match Context::from_value_json(v) {
            Ok(context) => context,
            Err(e) => return Err(LineError { id: note.id, message: e.to_string() }),
        },
    };
    // Checked by `main` before the run.
    let context = context.clone().with_now(now).unwrap_or(context);
    let report = checker.check(&note.text, &context);
    Ok((note, report))
}

/// `{"id", …the line's other keys in order…, "report"}`.
struct OutputLine<'a> {
    note: &'a NoteLine,
    report: &'a Report,
}

impl Serialize for OutputLine<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.note.extras.len() + 2))?;
        map.serialize_entry("id", &self.note.id)?;
        for (key, value) in &self.note.extras {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("report", self.report)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_keys_are_carried_through_in_order() {
        let line = br#"{"team":"North","id":1,"text":"LAC review.","worker":"A","created":{"on":"2026-11-23"}}"#;
        let (note, report) = check_line(&Checker::new(), line, "2026-11-26T12:00").unwrap();
        let json = serde_json::to_string(&OutputLine { note: &note, report: &report }).unwrap();
        assert!(json.starts_with(r#"{"id":1,"team":"North","worker":"A","created":{"on":"2026-11-23"},"report":{"#), "{json}");
    }

    #[test]
    fn output_keys_cannot_be_carried_through() {
        let e = check_line(&Checker::new(), br#"{"id":"x","text":"t","error":"no"}"#, "2026-11-26T12:00").unwrap_err();
        assert_eq!(e.id, "x");
        assert!(e.message.starts_with("error: is a key of the output line"), "{}", e.message);
    }
}
