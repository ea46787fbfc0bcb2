//! `cargo +nightly fuzz run check`: any text, with any context, checks without
//! panicking, and the report keeps the span contract.
//!
//! Input: the note's bytes, then optionally a 0xFF byte and a context JSON
//! string (0xFF never occurs in UTF-8, so plain-text seeds work as they are).
//! Invalid UTF-8 in either part becomes U+FFFD, as a `&str` must be valid.
#![no_main]

use std::sync::LazyLock;

use case_note_checker::{Checker, Context};
use libfuzzer_sys::fuzz_target;

// The span contract the hostile-input and property tests check too.
#[path = "../../tests/common/mod.rs"]
mod common;
use common::assert_contract;

static CHECKER: LazyLock<Checker> = LazyLock::new(Checker::new);

fuzz_target!(|data: &[u8]| {
    let (text, context) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let text = String::from_utf8_lossy(text);
    let context = match context {
        None => Context::default(),
        Some(json) => match Context::from_json(&String::from_utf8_lossy(json)) {
            Ok(context) => context,
            Err(error) => {
                // Every context error names its field.
                assert!(error.field().is_some_and(|f| f.starts_with("context")), "{error}");
                return;
            }
        },
    };
    let report = CHECKER.check(&text, &context);
    assert_contract(&text, &report);
    assert_eq!(report, CHECKER.check(&text, &context), "the same input gave a different report");
});
