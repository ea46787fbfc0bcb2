//! Files generated from the rules' and ids' metadata, which lives once in the
//! code: `RULES.md`, the rules section and the pattern definition of
//! `policy.schema.json` and the TypeScript types the WebAssembly module
//! declares (`src/wasm/types.rs`).
//! Each test fails when its file is stale; `BLESS=1 cargo test --test
//! generated` rewrites them.

use case_note_checker::{Category, Checker, CueKind, EqualityArea, FindingKind, RuleId, Severity};
use serde_json::{json, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Compares `fresh` with the file at `path` (relative to the crate), or
/// writes it under `BLESS`.
#[track_caller]
fn assert_current(path: &str, fresh: &str) {
    let full = format!("{ROOT}/{path}");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&full, fresh).unwrap();
    }
    let stored = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(stored == fresh, "{path} is stale; run BLESS=1 cargo test --test generated");
}

#[test]
fn rules_md_is_current() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_case-note-check")).args(["rules", "--markdown"]).output().unwrap();
    assert!(output.status.success());
    assert_current("RULES.md", &String::from_utf8(output.stdout).unwrap());
}

/// The schema's `rules` object: every rule, titled, with the message
/// variants its policy entry may name.
fn schema_rules() -> Value {
    let properties: serde_json::Map<String, Value> = Checker::new()
        .rules()
        .iter()
        .map(|rule| {
            let entry = json!({
                "description": rule.title,
                "allOf": [
                    { "$ref": "#/$defs/rule" },
                    { "properties": { "messages": { "propertyNames": { "enum": rule.messages } } } }
                ]
            });
            (rule.id.to_owned(), entry)
        })
        .collect();
    json!({ "type": "object", "additionalProperties": false, "properties": properties })
}

/// The schema's definition of one of a policy's own patterns: its id may not
/// be a built-in rule's. The limits are those `src/patterns.rs` and
/// `src/policy/patterns.rs` set.
fn schema_pattern() -> Value {
    let builtin: Vec<&str> = RuleId::ALL.iter().map(|r| r.id()).collect();
    let text = |description: &str| json!({ "type": "string", "minLength": 1, "description": description });
    json!({
        "type": "object",
        "description": "A council's own check, in the spirit of Vale's existence and substitution rules: a regular expression (the Rust regex crate's syntax) whose matches in the note, as typed, are findings under the pattern's id. The regex crate matches in linear time, without backtracking, so no pattern can hang a worker's browser: a compiled size limit keeps huge patterns out, each is searched line by line, and at most 100 matches of it are looked at in one note. \\d, \\w, \\s, \\b and case-insensitivity are ASCII; other characters match as written; Unicode classes (\\p{L}) are refused. A match inside a quotation (someone's own words) is left alone.",
        "additionalProperties": false,
        "required": ["id", "regex", "message", "severity", "standard"],
        "properties": {
            "id": {
                "type": "string",
                "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
                "maxLength": 64,
                "not": { "enum": builtin },
                "description": "The rule id of its findings: kebab-case, unique in the policy, not a built-in rule's."
            },
            "regex": {
                "type": "string",
                "minLength": 1,
                "maxLength": 4000,
                "description": "The pattern. It must match at least one character and compile within 128 KiB. Matches are whole words unless whole_word is false; ^ and $ are a line's ends."
            },
            "message": text("The finding's message; {match} is the matched text."),
            "severity": { "enum": ["error", "warning", "advice"] },
            "standard": { "oneOf": [{ "type": "integer", "minimum": 1, "maximum": 5 }, { "type": "null" }] },
            "suggestions": {
                "type": "array",
                "items": { "type": "string", "minLength": 1 },
                "description": "Replacements for the match, best first: the finding is then a term to replace, otherwise a passage to look at again. $1, ${1} and ${name} are the match's groups, $0 the whole match, $$ a dollar sign."
            },
            "case_insensitive": { "type": "boolean", "description": "Letters A to Z match in either case (default false); applies to unless too." },
            "whole_word": { "type": "boolean", "description": "A match must not touch a letter or digit on either side (default true); applies to unless too." },
            "unless": {
                "oneOf": [{ "type": "string", "minLength": 1 }, { "type": "null" }],
                "description": "A regular expression that, found in the sentence the match is in (from the start of the sentence it starts in to the end of the one it ends in, within its line), cancels the finding."
            },
            "title": text("A short title for the rules listing (default: the id)."),
            "why": text("Why it matters, for the rules listing."),
            "flagged": text("A note the pattern flags, for the rules listing."),
            "better": text("The same note written better.")
        }
    })
}

/// `stored` with the member `key` of the schema's top level or of its
/// `$defs` (both indented four spaces) replaced by `value`.
fn with_member(stored: &str, key: &str, value: Value) -> String {
    let opening = format!("\n    \"{key}\": {{\n");
    let start = stored.find(&opening).unwrap_or_else(|| panic!("the schema has a {key} member")) + 1;
    let end = start + stored[start..].find("\n    }").expect("the member closes") + "\n    }".len();
    let block = serde_json::to_string_pretty(&Value::Object([(key.to_owned(), value)].into_iter().collect())).unwrap();
    // The object's one member, indented to sit at the schema's second level.
    let member: Vec<&str> = block.lines().collect();
    let member = member[1..member.len() - 1].iter().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n");
    format!("{}{}{}", &stored[..start], member, &stored[end..])
}

#[test]
fn the_policy_schemas_rules_section_is_current() {
    let stored = std::fs::read_to_string(format!("{ROOT}/policy.schema.json")).unwrap();
    let fresh = with_member(&with_member(&stored, "rules", schema_rules()), "pattern", schema_pattern());
    assert_current("policy.schema.json", &fresh);
    let schema: Value = serde_json::from_str(&fresh).expect("the schema stays JSON");
    let listed: Vec<&String> = schema["properties"]["rules"]["properties"].as_object().unwrap().keys().collect();
    assert_eq!(listed.len(), RuleId::ALL.len());
    assert_eq!(schema["properties"]["patterns"]["items"]["$ref"], "#/$defs/pattern");
    let policy: Value = serde_json::from_str(&Checker::default_policy_json()).unwrap();
    let lists: Vec<&String> = policy["lists"].as_object().unwrap().keys().collect();
    let schema_lists: Vec<&String> = schema["properties"]["lists"]["properties"].as_object().unwrap().keys().collect();
    assert_eq!(lists, schema_lists);
}

fn union(ids: impl Iterator<Item = &'static str>) -> String {
    ids.map(|id| format!("\"{id}\"")).collect::<Vec<_>>().join(" | ")
}

/// The TypeScript declarations the module carries, its unions from the ids.
fn typescript() -> String {
    let unions = [
        ("Severity", union(Severity::ALL.iter().map(|s| s.id()))),
        ("BuiltInRuleId", union(RuleId::ALL.iter().map(|r| r.id()))),
        ("FindingKind", union(FindingKind::ALL.iter().map(|k| k.id()))),
        ("EqualityArea", union(EqualityArea::ALL.iter().map(|a| a.id()))),
        ("Category", union(Category::ALL.iter().map(|c| c.id()))),
        ("CueKind", union(CueKind::ALL.iter().map(|c| c.id()))),
    ];
    let mut ts = String::new();
    for (name, values) in unions {
        ts.push_str(&format!("export type {name} = {values};\n"));
        if name == "BuiltInRuleId" {
            // Any string is allowed, and editors still offer the built-in ids.
            ts.push_str("/** A rule's id: a built-in rule's, or one of the policy's own patterns' (any kebab-case id it gives). */\n");
            ts.push_str("export type RuleId = BuiltInRuleId | (string & {});\n");
        }
    }
    ts.push_str(TYPESCRIPT_INTERFACES);
    format!(
        "// Generated by `BLESS=1 cargo test --test generated` from the ids and rule metadata; do not edit.\n\
         #[wasm_bindgen(typescript_custom_section)]\n\
         const TYPES: &'static str = r#\"\n{ts}\"#;\n"
    )
}

const TYPESCRIPT_INTERFACES: &str = r#"/** Half-open range in UTF-16 code units: `text.substring(start, end)`. */
export interface Span { start: number; end: number; }
export interface Finding {
  rule: RuleId; kind: FindingKind; severity: Severity; standard: number | null; span: Span | null;
  text: string; message: string; suggestions: string[];
}
/** The words that led to a judgement, and what kind of cue they are. */
export interface Cue { span: Span; cue: CueKind; text: string; }
/**
 * Whether the note has it, where, how sure the checker is (0–1, of `present`),
 * and the cue that counted most in each passage. A "missing" finding is a
 * warning only when the checker is sure; otherwise advice worded as a question.
 */
export interface Presence { present: boolean; evidence: Span[]; confidence: number; cues: Cue[]; }
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
  kinds: FindingKind[]; messages: string[];
}
/** One problem with a policy or context: where (a dotted path) and what. */
export interface Problem { path: string; message: string; }
/** What the module throws: an `Error` with every problem, and for a bad context the field at fault. */
export interface CheckerError extends Error { problems: Problem[]; field?: string; }
/** Messages a page posts to the worker (`startWorker`). */
export type WorkerRequest = { id: number; text: string; context?: CheckContext | null } | { id: number; policy: object | null };
/** Messages the worker posts back. */
export type WorkerReply =
  | { type: "ready"; version: string }
  | { id: number; report: Report }
  | { id: number; ok: true; policyName: string; rules: RuleInfo[] }
  | { id: number; error: { message: string; problems: Problem[]; field?: string } };
"#;

#[test]
fn typescript_types_are_current() {
    assert_current("src/wasm/types.rs", &typescript());
}
