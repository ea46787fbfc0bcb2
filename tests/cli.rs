//! The CLI loses nothing: one output line per non-blank input line, in order,
//! whatever the lines hold; a closed pipe and Ctrl+C end the run between
//! whole lines. Real exports' lines (extra keys, lone surrogates) are read as
//! the browser reads them, and the command line is clap's: help per command,
//! `--version`, unknown flags named, exit codes as before.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_case-note-check");

fn run(input: &[u8]) -> (Option<i32>, Vec<Value>, String) {
    let mut child = Command::new(BIN).arg("-").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    let stdout = String::from_utf8(output.stdout).expect("output is UTF-8");
    assert!(stdout.is_empty() || stdout.ends_with('\n'), "the last output line is whole");
    let lines = stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    (output.status.code(), lines, String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_hostile_batch_gets_one_line_per_input_line_in_order() {
    let huge = format!("{{\"id\":\"huge\",\"text\":\"{}\"}}", "The LAC review went ahead. ".repeat(40_000));
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"a\",\"text\":\"LAC review.\"}\n");
    input.extend_from_slice(b"\n   \r\n"); // blank lines: skipped, but counted
    input.extend_from_slice(b"{\"id\":\"b\",\"text\": oops}\n");
    input.extend_from_slice(b"{\"id\":\"c\",\"text\":\"caf\xe9 \xff LAC\"}\n"); // Latin-1, not UTF-8
    input.extend_from_slice(huge.as_bytes());
    input.extend_from_slice(b"\r\n");
    input.extend_from_slice(b"[\"not an object\"]\n");
    input.extend_from_slice(b"{\"id\":\"d\",\"text\":\"ok\",\"context\":{\"event\":\"soon\"}}\n");
    input.extend_from_slice(b"{\"id\":\"e\",\"text\":\"Mum said Jayden was fine.\"}\n");
    input.extend_from_slice(b"{\"id\":\"f\",\"text\":\"cut off"); // truncated, no newline
    let (status, lines, stderr) = run(&input);
    assert_eq!(status, Some(1), "a failed line makes the exit status 1; stderr: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let summary: Vec<(Value, Option<u64>, bool)> = lines.iter().map(|l| (l["id"].clone(), l["line"].as_u64(), l.get("report").is_some())).collect();
    assert_eq!(
        summary,
        [
            ("a".into(), None, true),
            // The id comes before the fault, so it is read.
            ("b".into(), Some(4), false),
            ("c".into(), Some(5), false),
            ("huge".into(), None, true),
            (Value::Null, Some(7), false),
            ("d".into(), Some(8), false),
            ("e".into(), None, true),
            ("f".into(), Some(10), false),
        ]
    );
    assert!(lines[2]["error"].as_str().unwrap().contains("not valid UTF-8"), "{}", lines[2]);
    assert!(lines[5]["error"].as_str().unwrap().contains("context.event"), "{}", lines[5]);
    assert!(lines[7]["error"].as_str().unwrap().contains("not valid JSON"), "{}", lines[7]);
    let huge_findings = lines[3]["report"]["findings"].as_array().unwrap();
    assert_eq!(huge_findings.iter().filter(|f| f["text"] == "LAC review").count(), 40_000);
}

#[test]
fn a_clean_batch_exits_zero_and_a_truncated_last_line_still_counts() {
    let (status, lines, _) = run(b"{\"id\":1,\"text\":\"LAC review.\"}\n{\"id\":2,\"text\":\"CIN visit.\"}");
    assert_eq!(status, Some(0));
    assert_eq!(lines.iter().map(|l| l["id"].as_u64().unwrap()).collect::<Vec<_>>(), [1, 2]);
    let (status, lines, _) = run(b"");
    assert_eq!((status, lines.len()), (Some(0), 0), "an empty batch is an empty, successful run");
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let mut child = Command::new(BIN).arg("-").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        for i in 0..100_000 {
            if writeln!(stdin, "{{\"id\":{i},\"text\":\"LAC review. Mum said he was fine.\"}}").is_err() {
                return; // the CLI has gone: expected
            }
        }
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let first: Value = serde_json::from_str(&first).expect("the first line is whole");
    assert_eq!(first["id"], 0);
    drop(stdout); // like `| head -1`
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    feeder.join().unwrap();
    assert_eq!(status.code(), Some(0), "ends by itself, not by a signal");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn other_commands_survive_a_closed_pipe() {
    for args in [&["policy"][..], &["rules"], &["rules", "--json"], &["rules", "--markdown"]] {
        let mut child = Command::new(BIN).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take()); // closed before anything is read
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn ctrl_c_stops_after_a_whole_line() {
    let mut child = Command::new(BIN).arg("-").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let note = "LAC review. Mum said Jayden was fine. ".repeat(50);
    let feeder = std::thread::spawn(move || {
        for i in 0.. {
            if writeln!(stdin, "{{\"id\":{i},\"text\":\"{note}\"}}").is_err() {
                return i;
            }
        }
        unreachable!()
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    // A few lines first, so the handler is surely installed.
    for _ in 0..3 {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        lines.push(line);
    }
    let sent = Instant::now();
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let fed = feeder.join().unwrap();
    assert!(sent.elapsed() < Duration::from_secs(20), "stopped promptly");
    assert_eq!(status.code(), Some(130), "stopped by the handler, not killed; stderr: {stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(rest.is_empty() || rest.ends_with('\n'), "no half-written line");
    lines.extend(rest.lines().map(|l| format!("{l}\n")));
    for (i, line) in lines.iter().enumerate() {
        let value: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("line {i} is not whole JSON ({e})"));
        assert_eq!(value["id"], i, "in order, none skipped");
    }
    assert!(lines.len() < fed, "stopped before the end of its input ({} of {fed})", lines.len());
}

#[test]
fn extra_keys_are_carried_through_and_context_stays_strict() {
    let input = concat!(
        r#"{"team":"North","id":"a","text":"LAC review.","worker":"J. Bloggs","created":"2026-11-23T10:00"}"#,
        "\n",
        r#"{"id":"b","text":"ok","team":"South","context":{"event":"statutory_visit","colour":"red"}}"#,
        "\n",
        r#"{"id":"c","text":"ok","report":"mine"}"#,
        "\n",
    );
    let (status, lines, _) = run(input.as_bytes());
    assert_eq!(status, Some(1));
    assert_eq!(
        (lines[0]["team"].as_str(), lines[0]["worker"].as_str(), lines[0]["created"].as_str()),
        (Some("North"), Some("J. Bloggs"), Some("2026-11-23T10:00"))
    );
    assert!(lines[0]["report"]["findings"].as_array().unwrap().iter().any(|f| f["text"] == "LAC review"));
    assert_eq!((lines[1]["id"].as_str(), lines[1]["line"].as_u64()), (Some("b"), Some(2)));
    assert!(lines[1]["error"].as_str().unwrap().starts_with("context.colour"), "{}", lines[1]);
    assert_eq!((lines[2]["id"].as_str(), lines[2].get("report")), (Some("c"), None), "an input key named like an output key is refused");
    assert!(lines[2]["error"].as_str().unwrap().starts_with("report:"), "{}", lines[2]);
}

#[test]
fn a_lone_surrogate_reads_as_the_replacement_character_with_spans_in_step() {
    // What JSON.stringify writes for a string holding half a surrogate pair.
    // In JavaScript "\ud800 \ud83d\ude00 LAC review." has "LAC review" at
    // UTF-16 offsets 5..15; the browser checks it with U+FFFD in place.
    let (status, lines, _) = run(br#"{"id":"s","text":"\ud800 \ud83d\ude00 LAC review.\udc00"}"#);
    assert_eq!(status, Some(0), "{lines:?}");
    let f = lines[0]["report"]["findings"].as_array().unwrap().iter().find(|f| f["text"] == "LAC review").expect("flagged").clone();
    assert_eq!((f["span"]["start"].as_u64(), f["span"]["end"].as_u64()), (Some(5), Some(15)));
}

fn cli(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(BIN).args(args).stdin(Stdio::null()).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn version_and_help_for_every_command() {
    let (status, out, _) = cli(&["--version"]);
    assert_eq!((status, out.trim()), (Some(0), concat!("case-note-check ", env!("CARGO_PKG_VERSION"))));
    let mut helps = Vec::new();
    for args in [&["--help"][..], &["rules", "--help"], &["policy", "--help"], &["audit", "--help"], &["audit", "merge", "--help"], &["help", "audit"]] {
        let (status, out, err) = cli(args);
        assert_eq!(status, Some(0), "{args:?}: {err}");
        assert!(out.contains("Usage:"), "{args:?}: {out}");
        helps.push(out);
    }
    assert!(helps[0].contains("--policy") && helps[0].contains("--text") && helps[0].contains("audit"), "{}", helps[0]);
    assert!(helps[1].contains("--markdown") && helps[1].contains("--json"), "{}", helps[1]);
    assert!(
        helps[3].contains("--map") && helps[3].contains("--by-worker") && helps[3].contains("--include-excerpts") && helps[3].contains("--partial"),
        "{}",
        helps[3]
    );
    assert!(helps[4].contains("PARTIAL") && !helps[4].contains("--map"), "{}", helps[4]);
    assert_eq!(helps[3], helps[5], "`help audit` is `audit --help`");
}

#[test]
fn usage_errors_name_the_problem_and_exit_2() {
    let (status, out, err) = cli(&["--bogus"]);
    assert_eq!((status, out.as_str()), (Some(2), ""));
    assert!(err.contains("--bogus"), "the unknown flag is named: {err}");
    let (status, _, err) = cli(&["rules", "--jsn"]);
    assert_eq!(status, Some(2));
    assert!(err.contains("--jsn") && err.contains("--json"), "named, with a suggestion: {err}");
    let (status, _, err) = cli(&[]);
    assert_eq!(status, Some(2), "no arguments: the help, as an error");
    assert!(err.contains("Usage:"), "{err}");
    let (status, _, err) = cli(&["--context", "{}"]);
    assert_eq!(status, Some(2));
    assert!(err.contains("--text"), "--context needs --text: {err}");
    let (status, _, err) = cli(&["notes.jsonl", "rules"]);
    assert_eq!(status, Some(2));
    assert!(err.contains("'notes.jsonl' cannot be used with a command"), "{err}");
    let (status, _, err) = cli(&["rules", "--json", "--markdown"]);
    assert_eq!(status, Some(2), "{err}");
    let (status, _, err) = cli(&["--policy", "/nonexistent/policy.json", "rules"]);
    assert_eq!(status, Some(2));
    assert!(err.starts_with("case-note-check: /nonexistent/policy.json:"), "{err}");
}

#[test]
fn the_commands_work_as_before() {
    let dir = std::env::temp_dir().join(format!("cnc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let note = dir.join("note.txt");
    std::fs::write(&note, "LAC review held.\nMum said Jayden was fine.\n").unwrap();
    let note = note.to_str().unwrap();
    let (status, out, err) = cli(&["--text", note]);
    assert_eq!(status, Some(1), "findings: status 1; {err}");
    assert!(out.contains("1:1  warning [jargon, Standard 1]"), "{out}");
    let (status, with_context, _) = cli(&["--text", note, "--context", r#"{"event":"statutory_visit"}"#]);
    assert_eq!(status, Some(1));
    assert!(with_context.contains("deadline: statutory_visit"), "{with_context}");
    let (status, _, err) = cli(&["--text", note, "--context", r#"{"colour":1}"#]);
    assert_eq!(status, Some(2));
    assert!(err.contains("context.colour"), "{err}");
    let policy = dir.join("policy.json");
    std::fs::write(&policy, r#"{"extends": "worcestershire", "name": "Test council"}"#).unwrap();
    let policy = policy.to_str().unwrap();
    // --policy before or after the command.
    for args in [&["--policy", policy, "rules", "--json"][..], &["rules", "--json", "--policy", policy]] {
        let (status, out, err) = cli(args);
        assert_eq!(status, Some(0), "{args:?}: {err}");
        assert!(serde_json::from_str::<Value>(&out).unwrap().as_array().unwrap().len() > 10);
    }
    let (status, out, _) = cli(&["policy"]);
    assert_eq!(status, Some(0));
    assert!(serde_json::from_str::<Value>(&out).is_ok());
    let notes = dir.join("notes.jsonl");
    std::fs::write(&notes, "{\"id\":1,\"text\":\"LAC review.\"}\n").unwrap();
    let (status, out, _) = cli(&["--policy", policy, notes.to_str().unwrap()]);
    assert_eq!(status, Some(0));
    assert_eq!(serde_json::from_str::<Value>(out.trim()).unwrap()["id"], 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_policys_own_patterns_are_listed_and_checked() {
    let liverpool = concat!(env!("CARGO_MANIFEST_DIR"), "/policies/liverpool.json");
    let (status, markdown, err) = cli(&["rules", "--markdown", "--policy", liverpool]);
    assert_eq!(status, Some(0), "{err}");
    for expected in [
        "\n### child-initials\n",
        "**A child named by initials** — warning by default, Standard 1",
        "`[A-Z]\\.\\s?[A-Z]\\.`",
        "\n### system-codes\n",
        "> Actions from LCS-104233",
    ] {
        assert!(markdown.contains(expected), "{expected:?} not in the policy's RULES.md");
    }
    let (_, builtin, _) = cli(&["rules", "--markdown"]);
    assert!(!builtin.contains("child-initials"), "RULES.md itself is the built-in policy's");
    let (status, text, _) = cli(&["rules", "--policy", liverpool]);
    assert_eq!(status, Some(0));
    assert!(text.contains("system-codes (advice, Standard 1)"), "{text}");

    let dir = std::env::temp_dir().join(format!("cnc-cli-patterns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let note = dir.join("note.txt");
    std::fs::write(&note, "Visit to J.S. today.\n").unwrap();
    let (status, out, err) = cli(&["--policy", liverpool, "--text", note.to_str().unwrap()]);
    assert_eq!(status, Some(1), "{err}");
    assert!(out.contains("1:10  warning [child-initials, Standard 1]"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}
