//! Progress on a terminal: bytes read, notes checked, the rate and the time
//! left (indicatif). Nothing when standard error is not a terminal (a pipe,
//! a log, a cluster's task), nor with `--quiet`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often (in notes) the bar is updated.
const EVERY: u64 = 64;

/// The progress of one audit.
pub struct Progress {
    bar: ProgressBar,
    bytes: Arc<AtomicU64>,
    notes: AtomicU64,
    start: Instant,
}

impl Progress {
    /// A bar over `total` bytes (a spinner when the size is unknown), fed by
    /// the byte counter the inputs share.
    pub fn new(total: Option<u64>, bytes: Arc<AtomicU64>, quiet: bool) -> Progress {
        let shown = !quiet && std::io::stderr().is_terminal();
        let bar = match total {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template("{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes}, {eta} left · {msg}")
                    .expect("a valid template")
                    .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner()
                .with_style(ProgressStyle::with_template("{spinner} {elapsed_precise} {bytes} read · {msg}").expect("a valid template")),
        };
        bar.set_draw_target(if shown { ProgressDrawTarget::stderr_with_hz(4) } else { ProgressDrawTarget::hidden() });
        Progress { bar, bytes, notes: AtomicU64::new(0), start: Instant::now() }
    }

    /// One more row read.
    pub fn row(&self) {
        let n = self.notes.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(EVERY) && !self.bar.is_hidden() {
            self.bar.set_position(self.bytes.load(Ordering::Relaxed));
            let rate = n as f64 / self.start.elapsed().as_secs_f64().max(1e-3);
            self.bar.set_message(format!("{n} notes, {rate:.0} a second"));
        }
    }

    /// Rows read so far.
    pub fn rows(&self) -> u64 {
        self.notes.load(Ordering::Relaxed)
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Seconds since the start.
    pub fn seconds(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }

    /// Clears the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
