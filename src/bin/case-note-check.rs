//! `case-note-check`: the checker on the command line.
//!
//! ```text
//! case-note-check NOTES.jsonl      one {"id","text","context"} per line → one {"id","report"} per line
//! case-note-check -                the same, from standard input
//! case-note-check --text NOTE.txt  a readable report for one note
//! case-note-check rules            every rule, its standard, severity and explanation
//! case-note-check policy           the built-in policy as JSON, to start a council's own
//!
//! --policy FILE                    check against a council's policy instead of the built-in one
//! ```

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use case_note_checker::{Checker, Context, Report};
use serde_json::{json, Value};

const USAGE: &str = "usage: case-note-check [--policy FILE] (NOTES.jsonl | - | --text NOTE.txt [--context JSON] | rules [--json] | policy)";

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let checker = match args.iter().position(|a| a == "--policy") {
        None => Ok(Checker::new()),
        Some(i) if i + 1 < args.len() => {
            let file = args.remove(i + 1);
            args.remove(i);
            std::fs::read_to_string(&file)
                .map_err(|e| format!("{file}: {e}"))
                .and_then(|json| Checker::with_policy(&json).map_err(|e| format!("{file}: {e}")))
        }
        Some(_) => Err("--policy needs a file".to_owned()),
    };
    let result = checker.and_then(|checker| match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["rules"] => rules(&checker, false),
        ["rules", "--json"] => rules(&checker, true),
        ["policy"] => {
            println!("{}", Checker::default_policy_json());
            Ok(true)
        }
        ["--text", file] => text_report(&checker, file, None),
        ["--text", file, "--context", ctx] => text_report(&checker, file, Some(ctx)),
        ["-h" | "--help"] => {
            println!("{USAGE}");
            Ok(true)
        }
        [file] if !file.starts_with("--") => batch(&checker, file),
        _ => Err(USAGE.to_owned()),
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("case-note-check: {message}");
            ExitCode::from(2)
        }
    }
}

fn rules(checker: &Checker, as_json: bool) -> Result<bool, String> {
    let mut out = io::stdout().lock();
    let rules = checker.rules();
    if as_json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rules).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        return Ok(true);
    }
    for rule in rules {
        let standard = rule.standard.map_or_else(|| "-".to_owned(), |s| format!("Standard {s}"));
        let _ = writeln!(out, "{} ({}, {})\n  {}\n  What: {}\n  Why: {}\n", rule.id, rule.severity.id(), standard, rule.title, rule.what, rule.why);
    }
    Ok(true)
}

/// One JSON line in, one JSON line out, in order; a bad line is reported on
/// its own line and the run goes on.
fn batch(checker: &Checker, file: &str) -> Result<bool, String> {
    let input: Box<dyn BufRead> = if file == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?))
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut all_ok = true;
    let mut reader = input;
    let mut raw = Vec::new();
    let mut line_no = 0usize;
    loop {
        raw.clear();
        match reader.read_until(b'\n', &mut raw) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("reading {file}: {e}")),
        }
        line_no += 1;
        let line = String::from_utf8_lossy(&raw);
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let result = match std::str::from_utf8(&raw) {
            Err(_) => Err((Value::Null, "line is not valid UTF-8".to_owned())),
            Ok(_) => check_line(checker, line),
        };
        let output = match result {
            Ok((id, report)) => json!({ "id": id, "report": report }),
            Err((id, error)) => {
                all_ok = false;
                json!({ "id": id, "line": line_no, "error": error })
            }
        };
        let written = serde_json::to_writer(&mut out, &output).map_err(io::Error::from).and_then(|()| out.write_all(b"\n"));
        if let Err(e) = written {
            // A closed pipe (`| head`) ends the run quietly.
            return if e.kind() == io::ErrorKind::BrokenPipe { Ok(all_ok) } else { Err(e.to_string()) };
        }
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(all_ok),
    }
}

fn check_line(checker: &Checker, line: &str) -> Result<(Value, Report), (Value, String)> {
    let value: Value = serde_json::from_str(line).map_err(|e| (Value::Null, format!("not valid JSON: {e}")))?;
    let Value::Object(fields) = value else { return Err((Value::Null, "expected an object with \"id\", \"text\" and \"context\"".into())) };
    let id = fields.get("id").cloned().unwrap_or(Value::Null);
    for key in fields.keys() {
        if !matches!(key.as_str(), "id" | "text" | "context") {
            return Err((id, format!("{key}: is not a known field (expected id, text and context)")));
        }
    }
    let text = match fields.get("text") {
        Some(Value::String(text)) => text,
        Some(_) => return Err((id, "text: expected a string".into())),
        None => return Err((id, "text: missing".into())),
    };
    let context = match fields.get("context") {
        None => Context::default(),
        Some(v) => Context::from_value_json(v).map_err(|e| (id.clone(), e.to_string()))?,
    };
    Ok((id, checker.check(text, &context)))
}

fn text_report(checker: &Checker, file: &str, context: Option<&str>) -> Result<bool, String> {
    let mut text = String::new();
    if file == "-" {
        io::stdin().read_to_string(&mut text).map_err(|e| e.to_string())?;
    } else {
        text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    }
    let context = match context {
        Some(json) => Context::from_json(json).map_err(|e| e.to_string())?,
        None => Context::default(),
    };
    let report = checker.check(&text, &context);
    let mut out = io::stdout().lock();
    let _ = write!(out, "{}", render(&text, &report));
    Ok(report.findings.is_empty())
}

/// A readable report: findings with line:column (columns in characters).
fn render(text: &str, report: &Report) -> String {
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let position = |unit: usize| {
        let before = String::from_utf16_lossy(&utf16[..unit.min(utf16.len())]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    };
    let mut s = String::new();
    for f in &report.findings {
        let place = f.span.map_or_else(|| "note".to_owned(), |sp| {
            let (l, c) = position(sp.start);
            format!("{l}:{c}")
        });
        let standard = f.standard.map_or_else(String::new, |n| format!(", Standard {n}"));
        s.push_str(&format!("{place}  {} [{}{}]  {}\n", f.severity.id(), f.rule, standard, f.message));
        if !f.suggestions.is_empty() {
            s.push_str(&format!("      try: {}\n", f.suggestions.join(" | ")));
        }
    }
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let areas: Vec<&str> = report.equality.mentioned.iter().map(|a| a.id()).collect();
    s.push_str(&format!(
        "\nprofessional opinion: {}\nchild's voice: {}\nequality: {}\ndeadline: {} due {} ({})\n{} words, {} sentences, {} findings\n",
        yes_no(report.opinion.present),
        yes_no(report.child_voice.present),
        if areas.is_empty() { "none recorded".to_owned() } else { areas.join(", ") },
        report.deadline.category.id(),
        report.deadline.due.as_deref().unwrap_or("unknown"),
        serde_json::to_value(report.deadline.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
        report.stats.words,
        report.stats.sentences,
        report.findings.len()
    ));
    s
}
