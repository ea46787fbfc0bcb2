//! The WebAssembly binding: converts JavaScript values, errors and panics,
//! and nothing else. The report is the same object the CLI prints as JSON.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Checker as CoreChecker, Context};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export type Severity = "error" | "warning" | "advice";
export type RuleId = "documents-given" | "equality-information" | "information-sharing" | "jargon" | "late-recording" | "missing-child-voice" | "missing-professional-opinion" | "opinion-as-fact" | "plain-english" | "stigmatising-language" | "unattributed-decision" | "unresolved-disagreement" | "vague-language" | "visit-details";
export type EqualityArea = "ethnicity" | "race" | "culture" | "gender" | "age" | "religion" | "language" | "communication" | "sensory_impairment" | "disability" | "sexual_orientation";
export type Category = "high_risk" | "s47_strategy_significant" | "statutory_visit" | "other";
/** Half-open range in UTF-16 code units: `text.substring(start, end)`. */
export interface Span { start: number; end: number; }
export type FindingKind = "term" | "passage" | "missing" | "field-empty" | "late";
export interface Finding {
  rule: RuleId; kind: FindingKind; severity: Severity; standard: number | null; span: Span | null;
  text: string; message: string; suggestions: string[];
}
export interface Presence { present: boolean; evidence: Span[]; }
export interface Report {
  findings: Finding[];
  opinion: Presence;
  child_voice: Presence;
  equality: { mentioned: EqualityArea[]; evidence: Span[] };
  deadline: { category: Category; evidence: Span | null; due: string | null; status: "on_time" | "overdue" | "unknown" };
  stats: { words: number; sentences: number };
}
export interface CheckContext {
  event?: Category | null; event_at?: string | null; recorded_at?: string | null;
  child?: { name?: string | null; age_years?: number | null } | null;
  equality?: Partial<Record<EqualityArea, string | null>> | null;
}
export interface RuleInfo {
  id: RuleId; title: string; severity: Severity; standard: number | null; enabled: boolean;
  standard_text: string | null; what: string; why: string;
  flagged_example: string; better_example: string; limits: string;
}
"#;

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        // Report the panic's own message to the console rather than `unreachable`.
        let message = info.to_string();
        web_log(&message);
    }));
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn web_log(message: &str);
}

/// A checker for the built-in policy. Build once, call `check` on every edit.
#[wasm_bindgen]
pub struct Checker {
    inner: CoreChecker,
}

#[wasm_bindgen]
impl Checker {
    /// Compiles a policy: the built-in one (Worcestershire's "Recording with
    /// Care") when none is given, or a council's own as an object or JSON
    /// text. A broken policy throws an `Error` listing every problem.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "object | string | undefined")] policy: JsValue) -> Result<Checker, JsError> {
        let inner = if policy.is_undefined() || policy.is_null() {
            CoreChecker::new()
        } else {
            CoreChecker::with_policy(&json_text("policy", &policy)?).map_err(|e| JsError::new(&e.to_string()))?
        };
        Ok(Checker { inner })
    }

    /// The built-in policy as a JSON document: a starting point for a council's own.
    #[wasm_bindgen(js_name = defaultPolicy)]
    pub fn default_policy() -> String {
        CoreChecker::default_policy_json()
    }

    /// Checks a note. `context` is optional; a malformed one throws an
    /// `Error` naming the field, and the checker stays usable.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn check(&self, text: &str, #[wasm_bindgen(unchecked_param_type = "CheckContext | undefined")] context: JsValue) -> Result<JsValue, JsError> {
        let context = if context.is_undefined() || context.is_null() {
            Context::default()
        } else {
            Context::from_json(&json_text("context", &context)?).map_err(|e| JsError::new(&e.to_string()))?
        };
        to_js(&self.inner.check(text, &context))
    }

    /// Every rule with its standard, severity and explanation.
    #[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
    pub fn rules(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.rules())
    }

    /// The policy's name.
    #[wasm_bindgen(js_name = policyName)]
    pub fn policy_name(&self) -> String {
        self.inner.policy_name().to_owned()
    }
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Values cross the boundary as JSON text: one `JSON.parse` builds the
/// report faster than a call per field would, and keeps the module small.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(|e| JsError::new(&format!("could not build the report: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("could not build the report"))
}

/// A policy or context given as an object or as JSON text, as JSON text.
fn json_text(what: &str, value: &JsValue) -> Result<String, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    let unreadable = || JsError::new(&format!("{what}: expected an object or JSON text"));
    if !value.is_object() {
        return Err(unreadable());
    }
    js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string()).ok_or_else(unreadable)
}
