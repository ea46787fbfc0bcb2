//! Writing the report files whole or not at all.
//!
//! Each file is written to a temporary file beside it (`.NAME.PID.tmp`, so
//! the rename stays on one file system), flushed to disk, and renamed over
//! the target only when every file is ready: a reader of `report.html` sees
//! the old report or the new one, never part of one. Ctrl+C while notes are
//! being checked stops at once and writes nothing; Ctrl+C while the files are
//! being written waits for them (a moment), so they are whole.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::interrupt::on_interrupt;

/// Held while the files are written and renamed; the Ctrl+C handler waits for it.
static WRITING: Mutex<bool> = Mutex::new(false);

/// Installs the audit's Ctrl+C handler: nothing half-written, status 130.
pub fn stop_cleanly_on_interrupt() {
    on_interrupt(|| {
        let written = WRITING.lock().unwrap_or_else(PoisonError::into_inner);
        if *written {
            eprintln!("case-note-check: interrupted after the report was written");
        } else {
            eprintln!("case-note-check: interrupted; no report written");
        }
        std::process::exit(130);
    });
}

/// Where an output goes: a file, or standard output (`-`).
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Refuses, before any work, outputs that cannot be written: a folder that
/// does not exist, two outputs to one file, or two to standard output.
pub fn check_targets(paths: &[&Path]) -> Result<(), String> {
    let mut seen: Vec<&Path> = Vec::new();
    for &path in paths {
        if seen.contains(&path) {
            return Err(format!("{} is given for two outputs", if is_stdout(path) { "standard output (-)".to_owned() } else { path.display().to_string() }));
        }
        seen.push(path);
        if is_stdout(path) {
            continue;
        }
        let dir = parent(path);
        if !dir.is_dir() {
            return Err(format!("{}: the folder {} does not exist", path.display(), dir.display()));
        }
        if path.is_dir() {
            return Err(format!("{}: is a folder", path.display()));
        }
    }
    Ok(())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes every `(path, bytes)` whole, or none of them.
pub fn write_all(outputs: &[(&Path, Vec<u8>)]) -> Result<(), String> {
    let mut written = WRITING.lock().unwrap_or_else(PoisonError::into_inner);
    let mut temps: Vec<(PathBuf, &Path)> = Vec::new();
    let result = (|| {
        for (path, bytes) in outputs {
            if is_stdout(path) {
                continue;
            }
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
            let temp = parent(path).join(format!(".{name}.{}.tmp", std::process::id()));
            temps.push((temp.clone(), path));
            let mut file = File::create(&temp).map_err(|e| format!("{}: {e}", temp.display()))?;
            file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| format!("{}: {e}", temp.display()))?;
        }
        for (path, bytes) in outputs {
            if is_stdout(path) {
                let mut out = io::stdout().lock();
                match out.write_all(bytes).and_then(|()| out.flush()) {
                    Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(format!("standard output: {e}")),
                    _ => {}
                }
            }
        }
        for (temp, path) in &temps {
            fs::rename(temp, path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (temp, _) in &temps {
            let _ = fs::remove_file(temp);
        }
    }
    *written = result.is_ok();
    result
}
