//! `cargo +nightly fuzz run policy`: any policy JSON loads or is refused with
//! an error, never a panic; a policy that loads checks a note without one.
#![no_main]

use case_note_checker::{Checker, Context};
use libfuzzer_sys::fuzz_target;

const NOTES: &[&str] = &[
    "LAC review. Mum said Jayden was fine. In my view the risk has reduced. Statutory visit.",
    "Police protection used tonight. He was non-compliant and kicked off; \"I want to go home\" he said. Interpreter used (Polish).",
];

fuzz_target!(|data: &[u8]| {
    let json = String::from_utf8_lossy(data);
    match Checker::with_policy(&json) {
        Err(error) => assert!(!error.to_string().is_empty()),
        Ok(checker) => {
            let context = Context::from_json(r#"{"event":"other","event_at":"2026-12-24T16:00","recorded_at":"2026-12-31T09:00"}"#).unwrap();
            for note in NOTES {
                let _ = checker.check(note, &context);
                let _ = checker.check(note, &Context::default());
            }
            let _ = checker.rules();
        }
    }
});
