//! The CLI loses nothing: one output line per non-blank input line, in order,
//! whatever the lines hold; a closed pipe and Ctrl+C end the run between
//! whole lines.

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
            (Value::Null, Some(4), false),
            ("c".into(), Some(5), false),
            ("huge".into(), None, true),
            (Value::Null, Some(7), false),
            ("d".into(), Some(8), false),
            ("e".into(), None, true),
            (Value::Null, Some(10), false),
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
