//! The WebAssembly build in a real browser: the JavaScript report equals the
//! native one for every labelled note, spans are UTF-16, and a bad context
//! throws an `Error` while the checker keeps working.
#![cfg(target_arch = "wasm32")]

use case_note_checker::wasm::Checker;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn to_json(value: &JsValue) -> Value {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(value).unwrap())).unwrap()
}

/// Numbers as floats: JavaScript writes the confidence 1.0 as `1`, which
/// serde_json reads as an integer unequal to the float 1.0.
fn numbers_as_floats(value: &Value) -> Value {
    match value {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(items) => Value::Array(items.iter().map(numbers_as_floats).collect()),
        Value::Object(fields) => Value::Object(fields.iter().map(|(k, v)| (k.clone(), numbers_as_floats(v))).collect()),
        other => other.clone(),
    }
}

#[wasm_bindgen_test]
fn javascript_reports_equal_native_reports() {
    let checker = Checker::new(JsValue::UNDEFINED).unwrap();
    let notes = include_str!("notes/labelled.jsonl").lines().filter(|l| !l.trim().is_empty());
    let golden: Value = serde_json::from_str(include_str!("golden/labelled.reports.json")).unwrap();
    let mut compared = 0;
    for (line, expected) in notes.zip(golden.as_array().unwrap()) {
        let note: Value = serde_json::from_str(line).unwrap();
        assert_eq!(note["id"], expected["id"]);
        let context = note.get("context").map_or(JsValue::UNDEFINED, |c| js(&c.to_string()));
        let report = checker.check(note["text"].as_str().unwrap(), context).unwrap_or_else(|_| panic!("{} failed", note["id"]));
        let (mut got, mut want) = (numbers_as_floats(&to_json(&report)), numbers_as_floats(&expected["report"]));
        // Without recorded_at, the browser binding reads the note's "on
        // Tuesday" from the browser's clock, where the native golden report
        // has no clock: the event time read from the text, and the due time
        // from it, are the clock's. Everything else must be equal.
        let times_given = note.get("context").is_some_and(|c| c.get("recorded_at").is_some() || c.get("event_at").is_some());
        if !times_given {
            for report in [&mut got, &mut want] {
                let deadline = report["deadline"].as_object_mut().unwrap();
                for key in ["event_at", "event_at_source", "due"] {
                    deadline.remove(key);
                }
            }
        }
        assert_eq!(got, want, "note {}", note["id"]);
        compared += 1;
    }
    assert!(compared >= 60, "compared only {compared} notes");
}

#[wasm_bindgen_test]
fn spans_slice_the_javascript_string() {
    let checker = Checker::new(JsValue::UNDEFINED).unwrap();
    let text = "Zo\u{eb} \u{1f469}\u{200d}\u{1f467} met her IRO.";
    let report = to_json(&checker.check(text, JsValue::UNDEFINED).unwrap());
    let finding = report["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "jargon").expect("IRO flagged");
    let (start, end) = (finding["span"]["start"].as_u64().unwrap() as u32, finding["span"]["end"].as_u64().unwrap() as u32);
    let sliced: String = js_sys::JsString::from(text).substring(start, end).into();
    assert_eq!(sliced, "IRO");
}

#[wasm_bindgen_test]
fn bad_context_throws_an_error_and_the_checker_goes_on() {
    let checker = Checker::new(JsValue::UNDEFINED).unwrap();
    let error = checker.check("Visit.", js(r#"{"event_at":"2026-02-30T10:00"}"#)).err().expect("an impossible date is an error");
    let error: JsValue = error.into();
    assert!(error.is_instance_of::<js_sys::Error>());
    let message = String::from(js_sys::Error::from(error.clone()).message());
    assert!(message.contains("context.event_at"), "{message}");
    assert_eq!(js_sys::Reflect::get(&error, &"field".into()).unwrap().as_string().as_deref(), Some("context.event_at"));
    let problems = to_json(&js_sys::Reflect::get(&error, &"problems".into()).unwrap());
    assert_eq!(problems[0]["path"], "context.event_at");
    let unknown = checker.check("Visit.", js(r#"{"event":"soon"}"#));
    assert!(unknown.is_err());
    let report = to_json(&checker.check("LAC review.", JsValue::UNDEFINED).unwrap());
    assert!(!report["findings"].as_array().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn rules_are_listed_for_the_page() {
    let rules = to_json(&Checker::new(JsValue::UNDEFINED).unwrap().rules().unwrap());
    let ids: Vec<&str> = rules.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in
        ["jargon", "stigmatising-language", "vague-language", "missing-professional-opinion", "missing-child-voice", "equality-information", "late-recording"]
    {
        assert!(ids.contains(&id), "{id} missing");
    }
}

#[wasm_bindgen_test]
fn a_broken_policy_throws_an_error_listing_every_problem() {
    let broken = r#"{"extends":"worcestershire","colour":"red","timescales":{"statutory_visit":{"hours":-3}},"rules":{"jargon":{"severity":"shouty"}}}"#;
    for policy in [JsValue::from_str(broken), js(broken)] {
        let error: JsValue = Checker::new(policy).err().expect("a broken policy is refused").into();
        assert!(error.is_instance_of::<js_sys::Error>());
        let message = String::from(js_sys::Error::from(error.clone()).message());
        for problem in ["colour", "timescales.statutory_visit.hours", "rules.jargon.severity"] {
            assert!(message.contains(problem), "{problem} missing from: {message}");
        }
        let paths: Vec<String> = to_json(&js_sys::Reflect::get(&error, &"problems".into()).unwrap())
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path"].as_str().unwrap().to_owned())
            .collect();
        assert!(paths.contains(&"rules.jargon.severity".to_owned()), "{paths:?}");
    }
    let error: JsValue = Checker::new(JsValue::from_str("{not json")).err().expect("not JSON").into();
    assert!(error.is_instance_of::<js_sys::Error>());
    // A broken policy leaves nothing behind: a new checker works.
    let report = to_json(&Checker::new(JsValue::UNDEFINED).unwrap().check("LAC review.", JsValue::UNDEFINED).unwrap());
    assert!(!report["findings"].as_array().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn lone_surrogates_from_javascript_become_replacement_characters() {
    // JavaScript strings may hold lone surrogates; wasm-bindgen's conversion
    // to a Rust string (the same one `check(text)` gets) replaces each with
    // U+FFFD, one UTF-16 unit for one, so spans still slice the original.
    let units: Vec<u16> = [0xD800].into_iter().chain("The LAC was seen. ".encode_utf16()).chain([0xDC00, 0xDBFF]).chain("CIN".encode_utf16()).collect();
    let original = js_sys::JsString::from_char_code(&units);
    assert!(!original.is_valid_utf16());
    let text = JsValue::from(original.clone()).as_string().unwrap();
    assert_eq!(text, "\u{fffd}The LAC was seen. \u{fffd}\u{fffd}CIN");
    let checker = Checker::new(JsValue::UNDEFINED).unwrap();
    let report = to_json(&checker.check(&text, JsValue::UNDEFINED).unwrap());
    let jargon: Vec<&Value> = report["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "jargon").collect();
    assert!(jargon.len() >= 2, "{report}");
    for f in jargon {
        let (start, end) = (f["span"]["start"].as_u64().unwrap() as u32, f["span"]["end"].as_u64().unwrap() as u32);
        assert_eq!(String::from(original.substring(start, end)), f["text"].as_str().unwrap());
    }
}

#[wasm_bindgen_test]
fn a_policys_own_patterns_run_in_the_browser() {
    let checker = Checker::new(js(include_str!("../policies/liverpool.json"))).unwrap();
    let rules = to_json(&checker.rules().unwrap());
    let ids: Vec<&str> = rules.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.ends_with(&["child-initials", "system-codes"]), "{ids:?}");
    let text = "Zo\u{eb} \u{1f469}\u{200d}\u{1f467} and J.S. met. Actions from LCS-104233.";
    let report = to_json(&checker.check(text, JsValue::UNDEFINED).unwrap());
    let findings = report["findings"].as_array().unwrap();
    for (rule, expected) in [("child-initials", "J.S."), ("system-codes", "LCS-104233")] {
        let f = findings.iter().find(|f| f["rule"] == rule).unwrap_or_else(|| panic!("{rule} flagged in {report}"));
        let (start, end) = (f["span"]["start"].as_u64().unwrap() as u32, f["span"]["end"].as_u64().unwrap() as u32);
        assert_eq!(String::from(js_sys::JsString::from(text).substring(start, end)), expected);
    }
}

#[wasm_bindgen_test]
fn a_bad_pattern_throws_with_its_path_and_a_pathological_one_finishes() {
    let bad = r#"{"extends":"worcestershire","patterns":[{"id":"x","regex":"ab(","message":"M.","severity":"advice","standard":null}]}"#;
    let error: JsValue = Checker::new(js(bad)).err().expect("a bad regex is refused").into();
    let problems = to_json(&js_sys::Reflect::get(&error, &"problems".into()).unwrap());
    assert_eq!(problems[0]["path"], "patterns[0].regex");
    assert!(problems[0]["message"].as_str().unwrap().contains("unclosed group"), "{problems}");
    // Linear time in the browser too: a pattern that takes a backtracking
    // engine exponential time, over a 1 MB note, finishes.
    let slow =
        r#"{"extends":"worcestershire","patterns":[{"id":"x","regex":"(a|aa)*b","whole_word":false,"message":"M.","severity":"advice","standard":null}]}"#;
    let checker = Checker::new(js(slow)).unwrap();
    let report = to_json(&checker.check(&"a".repeat(1 << 20), JsValue::UNDEFINED).unwrap());
    assert!(!report["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "x"));
}
