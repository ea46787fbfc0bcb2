//! The manager's audit, end to end through the CLI.
//!
//! - The report's counts equal counts worked out here, independently, from
//!   the per-note reports of the batch command over the same notes.
//! - The HTML, the CSV and the JSON agree; a JSONL export gives the same
//!   figures as the CSV export of the same notes.
//! - Shards merged give the whole file's report, whatever the thread count.
//! - CSV as exports really are: quotes, line breaks in fields, a BOM,
//!   Windows-1252, UTF-16, a missing column (refused before any work).
//! - Bad rows are counted and listed and never stop the run; Ctrl+C leaves
//!   no half-written report; memory stays flat as the input grows; the
//!   report carries no note text, and workers' names only when asked.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_case-note-check");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/sample-export.csv");
/// The README's command for the sample.
const MAP: &str = "id=CaseNoteID,text=NoteBody,event=NoteType,event_at=EventDateTime,recorded_at=CreatedDateTime,team=TeamName,worker=CreatedBy";
const EVENT_MAP: &str = "Strategy Discussion=s47_strategy_significant,Case Note=other,Phone Call=other";

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cnc-audit-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || pipe.write_all(&bytes))
    });
    let out = child.wait_with_output().unwrap();
    if let Some(f) = feeder {
        f.join().unwrap().unwrap();
    }
    Run { status: out.status.code(), stdout: String::from_utf8_lossy(&out.stdout).into_owned(), stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
}

fn audit(args: &[&str]) -> Run {
    let mut all = vec!["audit", "--quiet"];
    all.extend_from_slice(args);
    run(&all, None)
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// `23/11/2026 10:00[:ss]` → `2026-11-23T10:00`, written here apart from the audit's own reader.
fn iso(dmy: &str) -> String {
    let (date, time) = dmy.split_once(' ').unwrap();
    let d: Vec<&str> = date.split('/').collect();
    format!("{}-{}-{}T{}", d[2], d[1], d[0], &time[..5])
}

fn category(note_type: &str) -> &'static str {
    match note_type {
        "Statutory Visit" => "statutory_visit",
        "Strategy Discussion" => "s47_strategy_significant",
        "Case Note" | "Phone Call" => "other",
        other => panic!("unexpected note type {other}"),
    }
}

/// The sample as the batch command's JSONL, with `team` and `worker` as extra keys.
fn sample_as_jsonl() -> (String, usize) {
    let mut rows = csv::Reader::from_path(SAMPLE).unwrap();
    let mut out = String::new();
    let mut n = 0;
    for row in rows.records() {
        let row = row.unwrap();
        let line = json!({
            "id": &row[0], "team": &row[2], "worker": &row[3], "text": &row[7],
            "context": { "event": category(&row[4]), "event_at": iso(&row[5]), "recorded_at": iso(&row[6]) },
        });
        out.push_str(&line.to_string());
        out.push('\n');
        n += 1;
    }
    (out, n)
}

/// What the report should say, worked out from per-note reports.
#[derive(Default, Debug, PartialEq)]
struct Expect {
    notes: u64,
    words: u64,
    opinion: u64,
    child_voice: u64,
    equality: u64,
    jargon: u64,
    jargon_notes: u64,
    stigmatising: u64,
    stigmatising_notes: u64,
    errors: u64,
    warnings: u64,
    advice: u64,
    known: u64,
    overdue: u64,
    hours: Vec<u64>,
}

impl Expect {
    fn add(&mut self, report: &Value, hours_late: Option<u64>) {
        let findings = report["findings"].as_array().unwrap();
        let count = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).count() as u64;
        let severity = |s: &str| findings.iter().filter(|f| f["severity"] == s).count() as u64;
        self.notes += 1;
        self.words += report["stats"]["words"].as_u64().unwrap();
        self.opinion += u64::from(report["opinion"]["present"] == true);
        self.child_voice += u64::from(report["child_voice"]["present"] == true);
        self.equality += u64::from(!report["equality"]["mentioned"].as_array().unwrap().is_empty());
        self.jargon += count("jargon");
        self.jargon_notes += u64::from(count("jargon") > 0);
        self.stigmatising += count("stigmatising-language");
        self.stigmatising_notes += u64::from(count("stigmatising-language") > 0);
        self.errors += severity("error");
        self.warnings += severity("warning");
        self.advice += severity("advice");
        self.known += u64::from(report["deadline"]["status"] != "unknown");
        self.overdue += u64::from(report["deadline"]["status"] == "overdue");
        self.hours.extend(hours_late);
    }

    /// Nearest rank, on the sorted list itself.
    fn percentile(&self, p: f64) -> Value {
        let mut h = self.hours.clone();
        h.sort_unstable();
        if h.is_empty() {
            return Value::Null;
        }
        let rank = ((p * h.len() as f64).ceil() as usize).clamp(1, h.len());
        h[rank - 1].into()
    }

    fn assert_matches(&self, g: &Value, what: &str) {
        let rate = |n: u64, d: u64| {
            if d == 0 {
                Value::Null
            } else {
                json!(((n as f64 / d as f64) * 10_000.0).round() / 10_000.0)
            }
        };
        let per_1000 = |n: u64| {
            if self.words == 0 {
                Value::Null
            } else {
                json!((n as f64 * 1000.0 / self.words as f64 * 100.0).round() / 100.0)
            }
        };
        let got = json!({
            "notes": g["notes"], "words": g["words"],
            "opinion": g["opinion"], "child_voice": g["child_voice"], "equality": g["equality"],
            "jargon": g["jargon"], "stigmatising": g["stigmatising"], "late": g["late"], "findings": g["findings"],
        });
        let want = json!({
            "notes": self.notes, "words": self.words,
            "opinion": { "count": self.opinion, "rate": rate(self.opinion, self.notes) },
            "child_voice": { "count": self.child_voice, "rate": rate(self.child_voice, self.notes) },
            "equality": { "count": self.equality, "rate": rate(self.equality, self.notes) },
            "jargon": { "findings": self.jargon, "notes": self.jargon_notes, "rate": rate(self.jargon_notes, self.notes), "per_1000_words": per_1000(self.jargon) },
            "stigmatising": { "findings": self.stigmatising, "notes": self.stigmatising_notes, "rate": rate(self.stigmatising_notes, self.notes), "per_1000_words": per_1000(self.stigmatising) },
            "late": { "known": self.known, "overdue": self.overdue, "rate": rate(self.overdue, self.known), "median_hours": self.percentile(0.5), "p90_hours": self.percentile(0.9) },
            "findings": { "error": self.errors, "warning": self.warnings, "advice": self.advice },
        });
        assert_eq!(got, want, "{what}");
    }
}

fn minutes(iso: &str) -> i64 {
    // Minutes since 2000-01-01, by hand (days by the civil-from-days formula).
    let (y, m, d, h, mi) = (&iso[0..4], &iso[5..7], &iso[8..10], &iso[11..13], &iso[14..16]);
    let (y, m, d): (i64, i64, i64) = (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe;
    days * 1440 + h.parse::<i64>().unwrap() * 60 + mi.parse::<i64>().unwrap()
}

#[test]
fn counts_in_the_report_equal_counts_from_the_per_note_reports() {
    let dir = scratch("counts");
    let (jsonl, lines) = sample_as_jsonl();
    // The per-note reports, from the batch command.
    let batch = run(&["-"], Some(jsonl.as_bytes()));
    let outputs: Vec<Value> = batch.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(outputs.len(), lines, "a line out for every line in");
    let inputs: BTreeMap<String, Value> =
        jsonl.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()).map(|v| (v["id"].as_str().unwrap().to_owned(), v)).collect();
    let mut overall = Expect::default();
    let mut teams: BTreeMap<String, Expect> = BTreeMap::new();
    let mut months: BTreeMap<String, Expect> = BTreeMap::new();
    let mut categories: BTreeMap<String, Expect> = BTreeMap::new();
    let mut rules: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut terms: BTreeMap<String, u64> = BTreeMap::new();
    let mut bad: BTreeSet<String> = BTreeSet::new();
    let mut ranked: Vec<(i64, i64, String)> = Vec::new();
    for out in &outputs {
        let id = out["id"].as_str().unwrap().to_owned();
        let input = &inputs[&id];
        if out.get("error").is_some() {
            bad.insert(id);
            continue;
        }
        let report = &out["report"];
        assert_eq!((out["team"].as_str(), out["worker"].as_str()), (input["team"].as_str(), input["worker"].as_str()), "extra keys carried through");
        if input["text"] == "" {
            bad.insert(id);
            continue;
        }
        let hours = (report["deadline"]["status"] == "overdue").then(|| {
            let late = minutes(input["context"]["recorded_at"].as_str().unwrap()) - minutes(report["deadline"]["due"].as_str().unwrap());
            (late.max(1) as u64).div_ceil(60)
        });
        overall.add(report, hours);
        teams.entry(input["team"].as_str().unwrap().to_owned()).or_default().add(report, hours);
        months.entry(input["context"]["event_at"].as_str().unwrap()[..7].to_owned()).or_default().add(report, hours);
        categories.entry(report["deadline"]["category"].as_str().unwrap().to_owned()).or_default().add(report, hours);
        let findings = report["findings"].as_array().unwrap();
        let mut worst: BTreeMap<&str, i64> = BTreeMap::new();
        for f in findings {
            let points = match f["severity"].as_str().unwrap() {
                "error" => 3,
                "warning" => 1,
                _ => 0,
            };
            let w = worst.entry(f["rule"].as_str().unwrap()).or_insert(0);
            *w = (*w).max(points);
            if f["rule"] == "jargon" {
                *terms.entry(f["text"].as_str().unwrap().to_lowercase()).or_default() += 1;
            }
        }
        for rule in worst.keys() {
            let e = rules.entry((*rule).to_owned()).or_default();
            e.0 += findings.iter().filter(|f| f["rule"] == *rule).count() as u64;
            e.1 += 1;
        }
        let score: i64 = worst.values().sum();
        if score > 0 {
            ranked.push((-score, -(findings.len() as i64), out["id"].as_str().unwrap().to_owned()));
        }
    }
    assert!(overall.notes > 2000 && !bad.is_empty() && overall.overdue > 0, "the sample exercises the audit");

    // The audit of the CSV export.
    let json_path = dir.join("report.json");
    let csv_path = dir.join("report.csv");
    let html_path = dir.join("report.html");
    let r = audit(&[
        SAMPLE,
        "--map",
        MAP,
        "--event-map",
        EVENT_MAP,
        "--json",
        json_path.to_str().unwrap(),
        "--csv",
        csv_path.to_str().unwrap(),
        "--out",
        html_path.to_str().unwrap(),
    ]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let report = read_json(&json_path);
    assert_eq!(report["notes"], overall.notes);
    overall.assert_matches(&report["overall"], "overall");
    let groups = |key: &str| -> BTreeMap<String, Value> {
        report[key].as_array().unwrap().iter().map(|g| (g["name"].as_str().unwrap().to_owned(), g.clone())).collect()
    };
    let (got_teams, got_months, got_deadlines) = (groups("teams"), groups("months"), groups("deadlines"));
    assert_eq!(got_teams.keys().collect::<Vec<_>>(), teams.keys().collect::<Vec<_>>());
    for (name, want) in &teams {
        want.assert_matches(&got_teams[name], name);
    }
    assert_eq!(got_months.keys().collect::<Vec<_>>(), months.keys().collect::<Vec<_>>());
    for (name, want) in &months {
        want.assert_matches(&got_months[name], name);
    }
    assert_eq!(got_deadlines.len(), categories.len());
    for (name, want) in &categories {
        want.assert_matches(&got_deadlines[name], name);
    }
    for row in report["rules"].as_array().unwrap() {
        let (findings, notes) = rules.get(row["id"].as_str().unwrap()).copied().unwrap_or_default();
        assert_eq!((row["findings"].as_u64().unwrap(), row["notes"]["count"].as_u64().unwrap()), (findings, notes), "{}", row["id"]);
    }
    for t in report["jargon"].as_array().unwrap() {
        assert_eq!(t["count"].as_u64(), terms.get(&t["term"].as_str().unwrap().to_lowercase()).copied(), "{}", t["term"]);
    }
    let most = terms.values().max().unwrap();
    assert_eq!(report["jargon"][0]["count"].as_u64(), Some(*most), "the most frequent term first");
    ranked.sort();
    let want_follow_up: Vec<&str> = ranked.iter().take(25).map(|(_, _, id)| id.as_str()).collect();
    let got_follow_up: Vec<&str> = report["follow_up"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(got_follow_up, want_follow_up);
    assert_eq!(report["bad_rows"]["count"], bad.len());
    let listed: BTreeSet<String> = report["bad_rows"]["listed"].as_array().unwrap().iter().map(|b| b["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(listed, bad);

    // The CSV says the same, group by group.
    let mut csv_rows = csv::Reader::from_path(&csv_path).unwrap();
    let header = csv_rows.headers().unwrap().clone();
    let mut seen = 0;
    for row in csv_rows.records() {
        let row = row.unwrap();
        let cell = |name: &str| row[header.iter().position(|h| h == name).unwrap()].to_owned();
        let g = match cell("scope").as_str() {
            "overall" => report["overall"].clone(),
            "team" => got_teams[&cell("name")].clone(),
            "month" => got_months[&cell("name")].clone(),
            "deadline" => got_deadlines[&cell("name")].clone(),
            other => panic!("scope {other}"),
        };
        let show = |v: &Value| {
            if v.is_null() {
                String::new()
            } else {
                v.to_string()
            }
        };
        assert_eq!(cell("notes"), g["notes"].to_string());
        assert_eq!(cell("opinion_rate"), show(&g["opinion"]["rate"]));
        assert_eq!(cell("child_voice_present"), g["child_voice"]["count"].to_string());
        assert_eq!(cell("jargon_per_1000_words"), show(&g["jargon"]["per_1000_words"]));
        assert_eq!(cell("late_median_hours"), show(&g["late"]["median_hours"]));
        assert_eq!(cell("late_p90_hours"), show(&g["late"]["p90_hours"]));
        seen += 1;
    }
    assert_eq!(seen, 1 + teams.len() + months.len() + categories.len());

    // And so does the HTML: the team table's cells are the JSON's rates.
    let html = std::fs::read_to_string(&html_path).unwrap();
    let table = &html[html.find(r#"<table id="teams-table">"#).unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let pct = |v: &Value| v.as_f64().map_or("–".to_owned(), |r| format!("{:.1}%", r * 100.0));
    for (name, g) in &got_teams {
        let row = &table[table.find(&format!(">{name}</th>")).unwrap_or_else(|| panic!("{name} in the HTML"))..];
        let row = &row[..row.find("</tr>").unwrap()];
        let cells: Vec<&str> = row.split("<td class=\"n\">").skip(1).map(|c| &c[..c.find("</td>").unwrap()]).collect();
        assert_eq!(cells[0], g["notes"].to_string());
        assert_eq!(cells[1..4], [pct(&g["opinion"]["rate"]), pct(&g["child_voice"]["rate"]), pct(&g["equality"]["rate"])]);
        assert_eq!(cells[6], pct(&g["late"]["rate"]));
    }

    // The same notes as JSONL give the same figures.
    let jsonl_path = dir.join("export.jsonl");
    std::fs::write(&jsonl_path, &jsonl).unwrap();
    let from_jsonl = dir.join("from-jsonl.json");
    let r = audit(&[jsonl_path.to_str().unwrap(), "--json", from_jsonl.to_str().unwrap()]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let mut a = report.clone();
    let mut b = read_json(&from_jsonl);
    for v in [&mut a, &mut b] {
        strip_locations(v);
        // An empty note is "text (NoteBody): empty" in one and "text: empty" in the other.
        for row in v["bad_rows"]["listed"].as_array_mut().unwrap() {
            if row["reason"].as_str().unwrap().starts_with("text") {
                row["reason"] = Value::Null;
            }
        }
    }
    assert_eq!(a, b);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Leaves out what depends on how the rows were split into files: the
/// inputs, and where each listed note was found.
fn strip_locations(report: &mut Value) {
    report["inputs"] = Value::Null;
    for key in ["follow_up"] {
        for n in report[key].as_array_mut().unwrap() {
            n["source"] = Value::Null;
            n["row"] = Value::Null;
        }
    }
    let listed = report["bad_rows"]["listed"].as_array_mut().unwrap();
    for b in listed.iter_mut() {
        b["source"] = Value::Null;
        b["row"] = Value::Null;
    }
    listed.sort_by_key(|b| b["id"].as_str().unwrap_or("").to_owned());
}

/// The sample's header and records, as raw CSV text per record.
fn sample_records() -> (String, Vec<Vec<u8>>) {
    let mut reader = csv::Reader::from_path(SAMPLE).unwrap();
    let header = reader.byte_headers().unwrap().clone();
    let mut head = csv::Writer::from_writer(Vec::new());
    head.write_byte_record(&header).unwrap();
    let head = String::from_utf8(head.into_inner().unwrap()).unwrap();
    let records = reader
        .byte_records()
        .map(|r| {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_byte_record(&r.unwrap()).unwrap();
            w.into_inner().unwrap()
        })
        .collect();
    (head, records)
}

#[test]
fn shards_merge_to_the_whole_files_report_whatever_the_threads() {
    let dir = scratch("shards");
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let common = ["--map", MAP, "--event-map", EVENT_MAP, "--by-worker", "--include-excerpts"];
    let whole = |jobs: &str, json: &str, csv: &str| {
        let mut args = vec![SAMPLE, "-j", jobs, "--json", json, "--csv", csv];
        args.extend_from_slice(&common);
        let r = audit(&args);
        assert_eq!(r.status, Some(0), "{}", r.stderr);
    };
    whole("2", &p("whole.json"), &p("whole.csv"));
    whole("1", &p("one-thread.json"), &p("one-thread.csv"));
    assert_eq!(std::fs::read(p("whole.json")).unwrap(), std::fs::read(p("one-thread.json")).unwrap(), "the same report on one thread or two");

    // Four shards of uneven sizes, each with the header, as a case system exports by period.
    let (head, records) = sample_records();
    let cuts = [0, records.len() / 7, records.len() / 2, records.len() * 3 / 4, records.len()];
    for i in 0..4 {
        let mut shard = head.clone().into_bytes();
        for r in &records[cuts[i]..cuts[i + 1]] {
            shard.extend_from_slice(r);
        }
        std::fs::write(dir.join(format!("shard-{i}.csv")), shard).unwrap();
        let (input, partial) = (p(&format!("shard-{i}.csv")), p(&format!("shard-{i}.partial.json")));
        let mut args = vec![input.as_str(), "--partial", partial.as_str()];
        args.extend_from_slice(&common);
        let r = audit(&args);
        assert_eq!(r.status, Some(0), "{}", r.stderr);
    }
    // Merged all at once, and in two rounds (0+3, then with 1 and 2).
    let r = run(
        &[
            "audit",
            "merge",
            "-q",
            &p("shard-0.partial.json"),
            &p("shard-1.partial.json"),
            &p("shard-2.partial.json"),
            &p("shard-3.partial.json"),
            "--json",
            &p("merged.json"),
            "--csv",
            &p("merged.csv"),
        ],
        None,
    );
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let r = run(&["audit", "merge", "-q", &p("shard-3.partial.json"), &p("shard-0.partial.json"), "--partial", &p("half.partial.json")], None);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    // Partials concatenated in one file, one a line, as RDD.pipe's output is.
    let both = [std::fs::read_to_string(p("shard-1.partial.json")).unwrap(), std::fs::read_to_string(p("shard-2.partial.json")).unwrap()].concat();
    std::fs::write(p("lines.partial.json"), both).unwrap();
    let r = run(&["audit", "merge", "-q", &p("half.partial.json"), &p("lines.partial.json"), "--json", &p("rounds.json"), "--csv", &p("rounds.csv")], None);
    assert_eq!(r.status, Some(0), "{}", r.stderr);

    let whole_csv = std::fs::read_to_string(p("whole.csv")).unwrap();
    assert_eq!(std::fs::read_to_string(p("merged.csv")).unwrap(), whole_csv, "the CSV figures are identical");
    assert_eq!(std::fs::read_to_string(p("rounds.csv")).unwrap(), whole_csv);
    let mut want = read_json(&dir.join("whole.json"));
    assert!(want["workers"].as_array().unwrap().len() > 10 && want["follow_up"][0]["excerpts"].as_array().is_some_and(|e| !e.is_empty()));
    let merged = read_json(&dir.join("merged.json"));
    assert_eq!(merged["inputs"].as_array().unwrap().len(), 4);
    let notes: u64 = merged["inputs"].as_array().unwrap().iter().map(|i| i["notes"].as_u64().unwrap()).sum();
    assert_eq!(notes, want["notes"].as_u64().unwrap());
    strip_locations(&mut want);
    for name in ["merged.json", "rounds.json"] {
        let mut got = read_json(&dir.join(name));
        strip_locations(&mut got);
        assert_eq!(got, want, "{name}");
    }

    // Partials made differently do not merge.
    let r = audit(&[&p("shard-0.csv"), "--map", MAP, "--event-map", EVENT_MAP, "--partial", &p("plain.partial.json")]);
    assert_eq!(r.status, Some(0));
    let r = run(&["audit", "merge", &p("shard-1.partial.json"), &p("plain.partial.json"), "--json", &p("x.json")], None);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("--by-worker"), "{}", r.stderr);
    assert!(!dir.join("x.json").exists());
    std::fs::write(p("junk.json"), "{\"not\": \"a partial\"}\n").unwrap();
    let r = run(&["audit", "merge", &p("junk.json"), "--json", &p("x.json")], None);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("junk.json, line 1: not a partial summary"), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs the audit over CSV bytes, returning the run and its JSON report.
fn audit_bytes(dir: &Path, name: &str, bytes: &[u8], extra: &[&str]) -> (Run, Option<Value>) {
    let input = dir.join(name);
    std::fs::write(&input, bytes).unwrap();
    let json = dir.join(format!("{name}.json"));
    let _ = std::fs::remove_file(&json);
    let mut args = vec!["audit", input.to_str().unwrap(), "--json", json.to_str().unwrap()];
    args.extend_from_slice(extra);
    let r = run(&args, None);
    let report = json.exists().then(|| read_json(&json));
    (r, report)
}

#[test]
fn csv_as_exports_really_are() {
    let dir = scratch("csv");
    // A BOM, CRLF line ends, quoted header names, a field with line breaks and
    // doubled quotes, a row with a field too many, and a bad date after the
    // multi-line row: its row number is the spreadsheet's, not the line's.
    let csv = "\u{feff}\"Note ID\",Body,\"Event At\",Team\r\n\
               A1,\"Mum said \"\"no\"\" to the LAC review.\r\nJayden said \"\"I like school\"\".\r\n\r\nIn my view he is safe.\",23/11/2026 10:00,North\r\n\
               A2,CIN visit. Jayden was fine.,23/11/2026,South,extra\r\n\
               A3,Visit.,31/02/2026 10:00,North\r\n\
               A4,\"Plain note, with a comma.\",2026-11-23T10:00:00Z,\r\n";
    let (r, report) = audit_bytes(&dir, "edge.csv", csv.as_bytes(), &["--map", "id=Note ID,text=Body"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let report = report.unwrap();
    assert_eq!((report["notes"].as_u64(), report["bad_rows"]["count"].as_u64()), (Some(2), Some(2)));
    assert_eq!(report["inputs"][0]["encoding"], "utf-8");
    let bad = &report["bad_rows"]["listed"];
    assert_eq!((bad[0]["row"].as_u64(), bad[0]["id"].as_str()), (Some(3), Some("A2")));
    assert!(bad[0]["reason"].as_str().unwrap().contains("has 5 fields where the header has 4"), "{bad}");
    assert_eq!((bad[1]["row"].as_u64(), bad[1]["id"].as_str()), (Some(4), Some("A3")));
    assert!(bad[1]["reason"].as_str().unwrap().starts_with("event_at (Event At): \"31/02/2026 10:00\" is not a date"), "{bad}");
    let teams: Vec<&str> = report["teams"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(teams, ["(no team)", "North"], "an empty team cell is no team");
    assert_eq!(report["jargon"][0]["term"], "LAC review", "found inside the quoted, multi-line field");
    assert_eq!(report["overall"]["opinion"]["count"], 1, "the worker's opinion after the embedded line breaks");

    // Windows-1252, as Excel's plain "CSV" writes it: detected, decoded, said.
    let mut cp1252 = b"id,text,event_at\n".to_vec();
    cp1252.extend_from_slice(b"Zo\xEB-1,Zo\xEB\x92s LAC review. She said \x93hi\x94.,soon\n");
    cp1252.extend_from_slice(b"Zo\xEB-2,Caf\xE9 visit \x96 CIN plan agreed.,\n");
    let (r, report) = audit_bytes(&dir, "excel.csv", &cp1252, &[]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("reading it as Windows-1252"), "{}", r.stderr);
    let report = report.unwrap();
    assert_eq!(report["inputs"][0]["encoding"], "windows-1252");
    assert_eq!(report["notes"], 1);
    assert_eq!(report["bad_rows"]["listed"][0]["id"], "Zoë-1", "decoded, not mangled");
    assert!(report["bad_rows"]["listed"][0]["reason"].as_str().unwrap().contains("\"soon\" is not a date"));
    let (r, report) = audit_bytes(&dir, "forced.csv", &cp1252, &["--encoding", "utf-8"]);
    assert_eq!(r.status, Some(0));
    let report = report.unwrap();
    assert_eq!(report["bad_rows"]["count"], 2, "as UTF-8, each row is bad and says why");
    assert!(report["bad_rows"]["listed"][1]["reason"].as_str().unwrap().contains("give --encoding windows-1252"), "{}", report["bad_rows"]);

    // Bytes that are neither: refused with a clear message, nothing written.
    let (r, report) = audit_bytes(&dir, "garbled.csv", b"id,text\n1,caf\xE9 \x81\x8D\n", &[]);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("is not UTF-8 (byte 0xE9 at offset 13) nor Windows-1252 (byte 0x81 at offset 15)"), "{}", r.stderr);
    assert!(report.is_none());

    // UTF-16 with its mark and tabs, as Excel's "Unicode Text" writes.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("id\ttext\n1\tZoë's LAC review.\n".encode_utf16().flat_map(u16::to_le_bytes));
    let (r, report) = audit_bytes(&dir, "unicode.txt", &utf16, &[]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let report = report.unwrap();
    assert_eq!((report["notes"].as_u64(), report["inputs"][0]["encoding"].as_str()), (Some(1), Some("utf-16le")));

    // A mapped column that is not there: a clear error before any work.
    let started = Instant::now();
    let (r, report) = audit_bytes(&dir, "empty.csv", &[], &["--map", "text=NoteBody"]);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("is empty"), "{}", r.stderr);
    let (head, records) = sample_records();
    let mut big = head.into_bytes();
    for _ in 0..4 {
        for rec in &records {
            big.extend_from_slice(rec);
        }
    }
    let (r, report2) = audit_bytes(&dir, "big.csv", &big, &["--map", "id=CaseNoteID,text=NoteBody,team=Team"]);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("--map team=Team: there is no column \"Team\"; the columns are \"CaseNoteID\", \"PersonID\", \"TeamName\""), "{}", r.stderr);
    assert!(!r.stderr.contains("audited"), "no note was read: {}", r.stderr);
    assert!(report.is_none() && report2.is_none());
    assert!(started.elapsed() < Duration::from_secs(20), "refused at once");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jsonl_exports_carry_team_and_worker_and_are_read_as_the_browser_reads_them() {
    let dir = scratch("jsonl");
    let lines = concat!(
        r#"{"id":"j1","team":"North","worker":"Jo Bloggs","created":"2026-11-23","text":"\ud800 LAC review. In my view he is safe.","context":{"event":"statutory_visit","event_at":"2026-11-23T10:00","recorded_at":"2026-11-23T12:00"}}"#,
        "\n",
        r#"{"id":"j2","team":"North","text":"CIN visit.","context":{"event":"visit"}}"#,
        "\n",
        r#"{"id":"j3","text":"cut off"#,
        "\n",
        r#"{"id":"j4","team":"South","worker":"Sam Smith","text":"   "}"#,
        "\n",
    );
    let (r, report) = audit_bytes(&dir, "export.jsonl", lines.as_bytes(), &["--by-worker"]);
    assert_eq!(r.status, Some(0), "bad rows do not fail the run: {}", r.stderr);
    let report = report.unwrap();
    assert_eq!((report["notes"].as_u64(), report["bad_rows"]["count"].as_u64()), (Some(1), Some(3)));
    let reasons: Vec<(&str, &str)> =
        report["bad_rows"]["listed"].as_array().unwrap().iter().map(|b| (b["id"].as_str().unwrap(), b["reason"].as_str().unwrap())).collect();
    assert!(reasons[0].0 == "j2" && reasons[0].1.starts_with("context.event"), "{reasons:?}");
    assert!(reasons[1].0 == "j3" && reasons[1].1.starts_with("not valid JSON"), "the id is read before the fault: {reasons:?}");
    assert!(reasons[2].0 == "j4" && reasons[2].1 == "text: empty", "{reasons:?}");
    assert_eq!(report["teams"][0]["name"], "North");
    assert_eq!(report["workers"][0]["name"], "Jo Bloggs");
    assert_eq!(report["overall"]["jargon"]["findings"], 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_report_holds_ids_and_counts_never_note_text_and_names_workers_only_when_asked() {
    let dir = scratch("privacy");
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let outputs = |prefix: &str| [p(&format!("{prefix}.html")), p(&format!("{prefix}.csv")), p(&format!("{prefix}.json")), p(&format!("{prefix}.partial"))];
    let base = ["--map", MAP, "--event-map", EVENT_MAP];
    for (prefix, extra) in [("plain", &[][..]), ("workers", &["--by-worker"][..]), ("excerpts", &["--include-excerpts"][..])] {
        let o = outputs(prefix);
        let mut args = vec![SAMPLE, "--out", &o[0], "--csv", &o[1], "--json", &o[2], "--partial", &o[3]];
        args.extend_from_slice(&base);
        args.extend_from_slice(extra);
        let r = audit(&args);
        assert_eq!(r.status, Some(0), "{}", r.stderr);
    }
    let read_all = |prefix: &str| outputs(prefix).iter().map(|f| std::fs::read_to_string(f).unwrap()).collect::<Vec<_>>().join("\n");
    let (plain, workers, excerpts) = (read_all("plain"), read_all("workers"), read_all("excerpts"));
    // Words only the notes hold: children's names, what they said, what was seen.
    for text in ["Jayden", "Kacper", "Amira", "pancakes", "best friend", "visual timetable", "non-compliant", "kicked off", "Polish interpreter"] {
        for (name, out) in [("plain", &plain), ("workers", &workers)] {
            assert!(!out.contains(text), "{name} output holds note text {text:?}");
        }
    }
    for worker in ["Aisha Rahman", "Ben Carter", "Zoe Parker"] {
        assert!(!plain.contains(worker) && !excerpts.contains(worker), "{worker} named without --by-worker");
        assert!(workers.contains(worker), "{worker} named with --by-worker");
    }
    // A column mapped by mistake (the note as a date): every row is bad, and
    // the reasons quote no more than the start of a cell.
    let wrong = p("wrong.json");
    let r = audit(&[SAMPLE, "--map", "id=CaseNoteID,text=NoteBody,event_at=NoteBody", "--json", &wrong]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let wrong = std::fs::read_to_string(&wrong).unwrap();
    assert!(wrong.contains("is not a date"), "{}", &wrong[..500]);
    for text in ["pancakes", "best friend", "visual timetable", "risk of neglect"] {
        assert!(!wrong.contains(text), "a bad row's reason holds note text {text:?}");
    }
    // With excerpts: the flagged phrases, and still no more of the notes.
    assert!(excerpts.contains("kicked off") || excerpts.contains("non-compliant") || excerpts.contains("hostile"), "flagged phrases shown");
    for text in ["Jayden", "pancakes", "best friend", "visual timetable"] {
        assert!(!excerpts.contains(text), "excerpts hold more than flagged phrases: {text:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The sample's rows `copies` times over: a bigger export of the same notes.
fn bigger(copies: usize) -> Vec<u8> {
    let (head, records) = sample_records();
    let mut out = head.into_bytes();
    for _ in 0..copies {
        for r in &records {
            out.extend_from_slice(r);
        }
    }
    out
}

fn peak_mb(stderr: &str) -> f64 {
    let at = stderr.find("peak memory ").unwrap_or_else(|| panic!("no peak memory in: {stderr}"));
    stderr[at + 12..].split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn memory_stays_flat_as_the_input_grows() {
    let dir = scratch("memory");
    std::fs::write(dir.join("small.csv"), bigger(1)).unwrap();
    std::fs::write(dir.join("large.csv"), bigger(6)).unwrap();
    let mut peaks = Vec::new();
    for name in ["small", "large"] {
        let input = dir.join(format!("{name}.csv"));
        let out = dir.join(format!("{name}.html"));
        let r = run(&["audit", input.to_str().unwrap(), "--map", MAP, "--event-map", EVENT_MAP, "--out", out.to_str().unwrap()], None);
        assert_eq!(r.status, Some(0), "{}", r.stderr);
        peaks.push(peak_mb(&r.stderr));
    }
    let size = |n: &str| std::fs::metadata(dir.join(n)).unwrap().len() as f64 / 1e6;
    let (small, large) = (size("small.csv"), size("large.csv"));
    // Six times the input; the peak grows by a few megabytes at most.
    assert!(peaks[1] <= peaks[0] + 8.0, "peak {} MB for {small:.1} MB of CSV, {} MB for {large:.1} MB", peaks[0], peaks[1]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ctrl_c_leaves_no_half_written_report() {
    let dir = scratch("interrupt");
    let input = dir.join("export.csv");
    std::fs::write(&input, bigger(30)).unwrap();
    let report = dir.join("report.html");
    std::fs::write(&report, "the last good report").unwrap();
    let mut child = Command::new(BIN)
        .args([
            "audit",
            input.to_str().unwrap(),
            "-j",
            "1",
            "--map",
            MAP,
            "--event-map",
            EVENT_MAP,
            "--out",
            report.to_str().unwrap(),
            "--json",
            dir.join("report.json").to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "still running when interrupted");
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let sent = Instant::now();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(sent.elapsed() < Duration::from_secs(10), "stopped promptly");
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted; no report written"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "the last good report", "the old report is untouched");
    let mut left: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    left.sort();
    assert_eq!(left, ["export.csv", "report.html"], "no temporary or partial file left");

    // Without interruption, the report replaces the old one whole, and no temporary file stays.
    let small = dir.join("small.csv");
    std::fs::write(&small, bigger(1)).unwrap();
    let r = audit(&[small.to_str().unwrap(), "--map", MAP, "--event-map", EVENT_MAP, "--out", report.to_str().unwrap()]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    let tmp = std::fs::read_dir(&dir).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp")).count();
    assert_eq!(tmp, 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_are_clear_and_come_before_any_work() {
    let dir = scratch("usage");
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let r = audit(&[SAMPLE]);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("say where the report goes"), "{}", r.stderr);
    let r = audit(&[SAMPLE, "--out", "/nonexistent-folder/report.html"]);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("the folder /nonexistent-folder does not exist"), "{}", r.stderr);
    let r = audit(&[SAMPLE, "--map", "txt=NoteBody", "--out", &p("r.html")]);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("\"txt\" is not a field"), "{}", r.stderr);
    let r = audit(&[SAMPLE, "--map", MAP, "--event-map", "Case Note=visit", "--out", &p("r.html")]);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("\"visit\" is not a category"), "{}", r.stderr);
    let r = audit(&[SAMPLE, "--json", &p("same"), "--csv", &p("same")]);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("given for two outputs"), "{}", r.stderr);
    let r = audit(&["/nonexistent.csv", "--out", &p("r.html")]);
    assert_eq!(r.status, Some(2));
    assert!(r.stderr.contains("/nonexistent.csv"), "{}", r.stderr);
    // An event type the policy does not know is a bad row that says how to map it.
    let r = audit(&[SAMPLE, "--map", MAP, "--json", &p("r.json")]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let report = read_json(&dir.join("r.json"));
    assert!(report["bad_rows"]["listed"].as_array().unwrap().iter().any(|b| b["reason"].as_str().unwrap().contains("--event-map \"Case Note=CATEGORY\"")));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "only the last run wrote anything");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_prebuilt_sample_report_is_current() {
    // www/audit-sample.html, which the trainer's page links, is this
    // command's output; `make audit-sample` (or BLESS=1) rewrites it.
    let prebuilt = concat!(env!("CARGO_MANIFEST_DIR"), "/www/audit-sample.html");
    let dir = scratch("prebuilt");
    let out = dir.join("audit-sample.html");
    let r = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["audit", "examples/sample-export.csv", "--quiet", "--map", MAP, "--event-map", EVENT_MAP, "--out", out.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(r.success());
    let fresh = std::fs::read_to_string(&out).unwrap();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(prebuilt, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(prebuilt).unwrap_or_default();
    assert!(committed == fresh, "www/audit-sample.html is stale: run `make audit-sample` (or BLESS=1 cargo test --test audit)");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_policys_own_patterns_are_counted_like_rules() {
    let dir = scratch("patterns");
    let lines = concat!(
        r#"{"id":"p1","team":"North","text":"J.S. was quiet. Actions from LCS-104233 agreed.","context":{"event":"other"}}"#,
        "\n",
        r#"{"id":"p2","team":"North","text":"K.L. and M. N. played. In my view they are safe.","context":{"event":"other"}}"#,
        "\n",
        r#"{"id":"p3","team":"South","text":"J.S. (initials used: this note goes to the school) was quiet.","context":{"event":"other"}}"#,
        "\n",
    );
    let liverpool = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/liverpool.json");
    let html = dir.join("report.html");
    let (r, report) = audit_bytes(&dir, "export.jsonl", lines.as_bytes(), &["--policy", liverpool, "--out", html.to_str().unwrap()]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let report = report.unwrap();
    let row = |id: &str| report["rules"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("{id} has a row")).clone();
    let initials = row("child-initials");
    assert_eq!(
        (initials["title"].as_str(), initials["findings"].as_u64(), initials["standard"].as_u64()),
        (Some("A child named by initials"), Some(3), Some(1))
    );
    assert_eq!(row("system-codes")["findings"], 1);
    let follow_up: Vec<&Value> = report["follow_up"].as_array().unwrap().iter().collect();
    assert!(follow_up.iter().any(|n| n["id"] == "p2" && n["rules"].as_array().unwrap().iter().any(|r| r[0] == "child-initials" && r[1] == 2)), "{follow_up:?}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("A child named by initials"), "the HTML names the pattern by its title");
    std::fs::remove_dir_all(&dir).unwrap();
}
