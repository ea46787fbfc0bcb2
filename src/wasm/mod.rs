//! The WebAssembly binding: converts JavaScript values, errors and panics,
//! and nothing else, plus the Web Worker entry point. The report is the same
//! object the CLI prints as JSON.
//!
//! Values cross with `serde-wasm-bindgen`: the context and policy come in as
//! JavaScript objects (no `JSON.stringify` round trip), the report goes out
//! through its JSON-compatible serializer (plain objects and arrays, `null`
//! for `None`). Errors are `Error`s carrying `.problems` (`{path, message}`
//! each) and, for a bad context, `.field`.

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{Checker as CoreChecker, Context, Error};

include!("types.rs");

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

/// A checker for a policy. Build once, call `check` on every edit.
#[wasm_bindgen]
pub struct Checker {
    inner: CoreChecker,
}

#[wasm_bindgen]
impl Checker {
    /// Compiles a policy: the built-in one (Worcestershire's "Recording with
    /// Care") when none is given, or a council's own as an object or JSON
    /// text. A broken policy throws an `Error` whose `.problems` lists every
    /// problem with its path.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "object | string | undefined")] policy: JsValue) -> Result<Checker, JsValue> {
        Ok(Checker { inner: build_checker(&policy)? })
    }

    /// The built-in policy as a JSON document: a starting point for a council's own.
    #[wasm_bindgen(js_name = defaultPolicy)]
    pub fn default_policy() -> String {
        CoreChecker::default_policy_json()
    }

    /// Checks a note. `context` is optional; a malformed one throws an
    /// `Error` whose `.field` names the field, and the checker stays usable.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn check(&self, text: &str, #[wasm_bindgen(unchecked_param_type = "CheckContext | undefined")] context: JsValue) -> Result<JsValue, JsValue> {
        let context = read_context(&context)?;
        to_js(&self.inner.check(text, &context))
    }

    /// Every rule with its standard, severity and explanation.
    #[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
    pub fn rules(&self) -> Result<JsValue, JsValue> {
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

/// Runs the checker as a dedicated Web Worker, so checking never holds up the
/// page's painting. Call it once, after `init()`, in the worker script.
///
/// Protocol: the worker posts `{type: "ready", version}`; then each
/// `{id, text, context}` gets `{id, report}` and each `{id, policy}` (an
/// object, or `null` for the built-in policy) gets `{id, ok: true,
/// policyName, rules}`; a failure gets `{id, error: {message, problems,
/// field}}` and the worker goes on with the checker it had.
#[wasm_bindgen(js_name = startWorker)]
pub fn start_worker() -> Result<(), JsValue> {
    let scope: web_sys::DedicatedWorkerGlobalScope =
        js_sys::global().dyn_into().map_err(|_| plain_error("startWorker: this is not a dedicated worker's global scope"))?;
    let mut checker = CoreChecker::new();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let reply = answer(&mut checker, &event.data());
        if let Err(e) = reply_to.post_message(&reply) {
            web_log(&format!("case-note-checker worker could not reply: {e:?}"));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: its handler is never dropped.
    on_message.forget();
    let ready = object(&[("type", JsValue::from_str("ready")), ("version", JsValue::from_str(env!("CARGO_PKG_VERSION")))]);
    scope.post_message(&ready)
}

/// The worker's reply to one message.
fn answer(checker: &mut CoreChecker, data: &JsValue) -> JsValue {
    let id = js_sys::Reflect::get(data, &"id".into()).unwrap_or(JsValue::NULL);
    let field = |name: &str| js_sys::Reflect::get(data, &name.into()).ok().filter(|v| !v.is_undefined());
    let result = if let Some(text) = field("text") {
        match text.as_string() {
            Some(text) => read_context(&field("context").unwrap_or(JsValue::UNDEFINED))
                .and_then(|context| to_js(&checker.check(&text, &context)))
                .map(|report| vec![("report", report)]),
            None => Err(plain_error("text: expected a string")),
        }
    } else if let Some(policy) = field("policy") {
        build_checker(&policy).and_then(|built| {
            *checker = built;
            let rules = to_js(&checker.rules())?;
            Ok(vec![("ok", JsValue::TRUE), ("policyName", JsValue::from_str(checker.policy_name())), ("rules", rules)])
        })
    } else {
        Err(plain_error("expected {id, text, context} or {id, policy}"))
    };
    let mut fields = vec![("id", id)];
    match result {
        Ok(values) => fields.extend(values),
        Err(error) => fields.push(("error", error_fields(&error))),
    }
    object(&fields)
}

/// A checker for the policy given as an object, JSON text, or nothing.
fn build_checker(policy: &JsValue) -> Result<CoreChecker, JsValue> {
    if policy.is_undefined() || policy.is_null() {
        return Ok(CoreChecker::new());
    }
    if let Some(text) = policy.as_string() {
        return CoreChecker::with_policy(&text).map_err(|e| to_error(&e));
    }
    let value = from_js("policy", policy)?;
    CoreChecker::with_policy_value(value).map_err(|e| to_error(&e))
}

/// The context from a JavaScript object (or nothing).
/// The browser's local clock is the time a note's "today" or "on Monday"
/// is read from when the context has no `recorded_at`.
fn read_context(context: &JsValue) -> Result<Context, JsValue> {
    let context = if context.is_undefined() || context.is_null() {
        Context::default()
    } else {
        Context::from_value_json(&from_js("context", context)?).map_err(|e| to_error(&e))?
    };
    if context.has_recorded_at() {
        return Ok(context);
    }
    context.with_now(&local_now()).map_err(|e| to_error(&e))
}

/// The browser's local time as `YYYY-MM-DDTHH:MM`.
fn local_now() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", now.get_full_year(), now.get_month() + 1, now.get_date(), now.get_hours(), now.get_minutes())
}

/// A JavaScript object or array as a JSON value; anything JSON cannot hold
/// (a function, a symbol, a `BigInt`) is an error naming `what`.
fn from_js(what: &str, value: &JsValue) -> Result<Value, JsValue> {
    if !value.is_object() {
        return Err(field_error(what, &format!("{what}: expected an object")));
    }
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| field_error(what, &format!("{what}: {e}")))
}

/// A value as plain JavaScript objects and arrays.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| plain_error(&format!("could not build the report: {e}")))
}

/// An `Error` with the message, `.problems` and (for a context) `.field`.
fn to_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    let problems = to_js(&error.problems()).unwrap_or_else(|_| js_sys::Array::new().into());
    let _ = js_sys::Reflect::set(&js, &"problems".into(), &problems);
    if let Some(field) = error.field() {
        let _ = js_sys::Reflect::set(&js, &"field".into(), &field.into());
    }
    js.into()
}

/// An `Error` about the whole input, with one problem at `policy`/`context` or none.
fn field_error(path: &str, message: &str) -> JsValue {
    let js = js_sys::Error::new(message);
    let problem = object(&[("path", JsValue::from_str(path)), ("message", JsValue::from_str(message))]);
    let _ = js_sys::Reflect::set(&js, &"problems".into(), &js_sys::Array::of1(&problem));
    if path == "context" {
        let _ = js_sys::Reflect::set(&js, &"field".into(), &"context".into());
    }
    js.into()
}

/// An `Error` with an empty `.problems`.
fn plain_error(message: &str) -> JsValue {
    let js = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&js, &"problems".into(), &js_sys::Array::new());
    js.into()
}

/// The fields of an error as a plain object the worker can post.
fn error_fields(error: &JsValue) -> JsValue {
    let get = |name: &str| js_sys::Reflect::get(error, &name.into()).unwrap_or(JsValue::UNDEFINED);
    object(&[("message", get("message")), ("problems", get("problems")), ("field", get("field"))])
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let out = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&out, &(*key).into(), value);
    }
    out.into()
}
