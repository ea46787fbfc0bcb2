//! `case-note-check`: the checker on the command line.
//!
//! ```text
//! case-note-check NOTES.jsonl      one {"id","text","context"} per line → one {"id","report"} per line
//! case-note-check -                the same, from standard input
//! case-note-check --text NOTE.txt  a readable report for one note
//! case-note-check rules            every rule, its standard, severity and explanation
//!                   [--json | --markdown]  (the markdown is RULES.md)
//! case-note-check policy           the built-in policy as JSON, to start a council's own
//! case-note-check audit EXPORT…    the manager's audit of a whole export (docs/audit.md)
//!
//! --policy FILE                    check against a council's policy instead of the built-in one
//! ```
//!
//! Exit status: 0 when all went well, 1 when a batch line failed or `--text`
//! found something, 2 for a usage error or a file that cannot be read, 130
//! after Ctrl+C.
//!
//! The binary uses the library only through its public API, like any other
//! program would. One module a job:
//!
//! - `args`: the command line (clap);
//! - `batch`, `note_line`: the JSONL batch and the reading of one line;
//! - `text`, `rules_doc`: the readable report and the rules' documentation;
//! - `interrupt`: Ctrl+C;
//! - `audit`: the manager's audit (its own module map is in `audit/mod.rs`).

#![forbid(unsafe_code)]
// The CLI is native only. Cargo builds a package's binaries along with its
// integration tests, so the WebAssembly test build (`make wasm-test`)
// compiles this file too; there it is an empty program it never runs.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod audit;
#[cfg(not(target_arch = "wasm32"))]
mod batch;
#[cfg(not(target_arch = "wasm32"))]
mod interrupt;
#[cfg(not(target_arch = "wasm32"))]
mod note_line;
#[cfg(not(target_arch = "wasm32"))]
mod rules_doc;
#[cfg(not(target_arch = "wasm32"))]
mod text;

#[cfg(not(target_arch = "wasm32"))]
use std::io::{self, Write};
#[cfg(not(target_arch = "wasm32"))]
use std::path::Path;
#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use case_note_checker::{Checker, Context};
#[cfg(not(target_arch = "wasm32"))]
use clap::error::ErrorKind;
#[cfg(not(target_arch = "wasm32"))]
use clap::{CommandFactory, Parser};

#[cfg(not(target_arch = "wasm32"))]
use args::{Cli, Command};

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_some() && (cli.notes.is_some() || cli.text.is_some()) {
        let given = cli.notes.as_deref().map_or_else(|| "--text".to_owned(), |n| format!("'{n}'"));
        Cli::command().error(ErrorKind::ArgumentConflict, format!("{given} cannot be used with a command")).exit();
    }
    let result = load_checker(cli.policy.as_deref()).and_then(|checker| match cli.command {
        Some(Command::Rules(r)) if r.markdown => emit(&rules_doc::rules_markdown(&checker)),
        Some(Command::Rules(r)) => rules_doc::rules(&checker, r.json),
        Some(Command::Policy) => emit(&(Checker::default_policy_json() + "\n")),
        Some(Command::Audit(a)) => audit::run(&checker, *a),
        None => match (cli.text, cli.notes) {
            (Some(file), _) => text::text_report(&checker, &file, cli.context.as_deref(), &now(cli.now)?),
            (None, Some(file)) => batch::run(&checker, &file, &now(cli.now)?),
            // clap prints the help when there are no arguments; a lone
            // --policy still needs something to do.
            (None, None) => Err("nothing to do: give NOTES.jsonl, --text NOTE.txt or a command (see --help)".to_owned()),
        },
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

/// The `--now` time, checked, or this machine's local clock.
#[cfg(not(target_arch = "wasm32"))]
fn now(given: Option<String>) -> Result<String, String> {
    match given {
        Some(time) => Context::default().with_now(&time).map(|_| time).map_err(|e| format!("--now: {}", e.problems()[0].message)),
        None => Ok(chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M").to_string()),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn load_checker(policy: Option<&Path>) -> Result<Checker, String> {
    let Some(path) = policy else {
        return Ok(Checker::new());
    };
    let file = path.display();
    std::fs::read_to_string(path).map_err(|e| format!("{file}: {e}")).and_then(|json| Checker::with_policy(&json).map_err(|e| format!("{file}: {e}")))
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
#[cfg(not(target_arch = "wasm32"))]
pub fn emit(s: &str) -> Result<bool, String> {
    let mut out = io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(true),
    }
}
