//! Ctrl+C (SIGINT). The batch finishes the line it is writing; the audit
//! removes the report files it has not finished. Each command installs its
//! own handler, once.

/// Runs `handler` on Ctrl+C. If the handler cannot be installed, Ctrl+C
/// keeps its default effect.
pub fn on_interrupt(handler: impl Fn() + Send + 'static) {
    let _ = ctrlc::set_handler(handler);
}
