//! A policy's own patterns (`patterns`), in the spirit of Vale's existence
//! and substitution rules: each is read and compiled here, with every
//! problem at its path (`patterns[2].regex: unclosed group at `(``), and
//! runs like a rule (`rules::patterns`). See `crate::patterns` for how they
//! are compiled and matched, and why matching stays linear.

use serde_json::{Map, Value};

use super::read::Problems;
use crate::error::json_kind;
use crate::ids::{FindingKind, RuleId, Severity};
use crate::patterns::{Matcher, Options};

/// The most patterns a policy may hold: each is one more pass over the note
/// on every keystroke.
pub(crate) const MAX_PATTERNS: usize = 100;

/// The longest pattern id.
const MAX_ID_LEN: usize = 64;

/// The fields a pattern may have.
const FIELDS: &[&str] =
    &["id", "regex", "message", "severity", "standard", "suggestions", "case_insensitive", "whole_word", "unless", "title", "why", "flagged", "better"];

/// A council's pattern, compiled.
#[derive(Debug)]
pub(crate) struct Pattern {
    /// Its rule id in findings (kebab-case, not a built-in rule's).
    pub id: String,
    /// The regular expression as the council wrote it.
    pub regex: String,
    pub matcher: Matcher,
    /// The finding's message; `{match}` is the matched text.
    pub message: String,
    pub severity: Severity,
    pub standard: Option<u8>,
    /// Replacements for the match; `$1`, `${name}` are its groups.
    pub suggestions: Vec<String>,
    /// A suggestion uses the match's groups.
    pub uses_groups: bool,
    pub case_insensitive: bool,
    pub whole_word: bool,
    /// A regular expression that, found in the match's sentence, cancels it.
    pub unless: Option<String>,
    pub unless_matcher: Option<Matcher>,
    /// For the rules listing: a short title, why it matters, and a note it
    /// flags and a better one (the council's words, or none).
    pub title: Option<String>,
    pub why: Option<String>,
    pub flagged: Option<String>,
    pub better: Option<String>,
}

/// What every pattern cannot see, for the rules listing.
pub(crate) const PATTERN_LIMITS: &str = "A pattern matches the note as typed, line by line: a match never spans a line break \
(or a cut in a line of over 4,096 bytes), and curly and straight apostrophes are different characters (write ['’]). \\d, \\w, \\s, \\b and \
case-insensitivity are ASCII only; other letters match as written. Words inside a quotation are someone's own and are left alone. \
At most 100 matches of a pattern are looked at in one note.";

impl Pattern {
    /// What it checks, in words, quoting its regular expressions.
    pub fn describe(&self) -> String {
        let mut out = format!("Text that matches the council's pattern `{}`", self.regex);
        match (self.whole_word, self.case_insensitive) {
            (true, true) => out.push_str(" (whole words, in any case)"),
            (true, false) => out.push_str(" (whole words)"),
            (false, true) => out.push_str(" (in any case)"),
            (false, false) => {}
        }
        if let Some(unless) = &self.unless {
            out.push_str(", unless its sentence matches `");
            out.push_str(unless);
            out.push('`');
        }
        out.push('.');
        out
    }

    /// What its findings ask of the worker: to replace words when it offers
    /// replacements, otherwise to look again at the passage.
    pub fn kind(&self) -> FindingKind {
        if self.suggestions.is_empty() {
            FindingKind::Passage
        } else {
            FindingKind::Term
        }
    }
}

/// True for a kebab-case id: lower-case letters and digits in words joined
/// by single hyphens, starting with a letter.
fn is_kebab_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.split('-').all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// The `$` references of a suggestion: group numbers and names (`$$` is a
/// dollar sign). `None` for a reference that is not closed (`${1`).
fn group_references(template: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('$') {
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            rest = after;
        } else if let Some(braced) = rest.strip_prefix('{') {
            let close = braced.find('}')?;
            out.push(&braced[..close]);
            rest = &braced[close + 1..];
        } else {
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
            if end > 0 {
                out.push(&rest[..end]);
            }
            rest = &rest[end..];
        }
    }
    Some(out)
}

impl Problems {
    /// The policy's `patterns`, each checked and compiled. `taken` are the
    /// built-in rules' ids, which a pattern may not use.
    pub(super) fn patterns(&mut self, v: Option<&Value>) -> Vec<Pattern> {
        let Some(v) = v else { return Vec::new() };
        let Value::Array(items) = v else {
            self.push("patterns", &format!("expected an array of patterns, got {}", json_kind(v)));
            return Vec::new();
        };
        if items.len() > MAX_PATTERNS {
            self.push("patterns", &format!("has {} patterns; a policy may have at most {MAX_PATTERNS}", items.len()));
            return Vec::new();
        }
        let mut out: Vec<Pattern> = Vec::new();
        let mut ids: Vec<(String, usize)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("patterns[{i}]");
            let Value::Object(fields) = item else {
                self.push(&path, &format!("expected an object, got {}", json_kind(item)));
                continue;
            };
            if let Some(id) = self.pattern_id(&path, fields.get("id")) {
                if let Some((_, first)) = ids.iter().find(|(seen, _)| *seen == id) {
                    self.push(&format!("{path}.id"), &format!("{id:?} is already the id of patterns[{first}]"));
                }
                ids.push((id, i));
            }
            if let Some(pattern) = self.pattern(&path, fields) {
                out.push(pattern);
            }
        }
        out
    }

    fn pattern_id(&mut self, path: &str, v: Option<&Value>) -> Option<String> {
        let path = format!("{path}.id");
        let id = self.string(&path, v)?;
        if !is_kebab_case(&id) || id.len() > MAX_ID_LEN {
            self.push(&path, &format!("{id:?} is not a kebab-case id of at most {MAX_ID_LEN} characters (lower-case letters and digits joined by hyphens, like \"child-initials\")"));
            return None;
        }
        if RuleId::from_id(&id).is_some() {
            self.push(&path, &format!("{id:?} is the id of a built-in rule; choose another"));
            return None;
        }
        Some(id)
    }

    fn pattern(&mut self, path: &str, fields: &Map<String, Value>) -> Option<Pattern> {
        self.known_keys(path, fields, FIELDS);
        let id = fields.get("id").and_then(Value::as_str).map(str::to_owned);
        let flag = |p: &mut Problems, key: &str, default: bool| match fields.get(key) {
            None => default,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                p.push(&format!("{path}.{key}"), &format!("expected true or false, got {}", json_kind(other)));
                default
            }
        };
        let options = Options { case_insensitive: flag(self, "case_insensitive", false), whole_word: flag(self, "whole_word", true) };
        let compile = |p: &mut Problems, key: &str, v: Option<&Value>| {
            let source = p.string(&format!("{path}.{key}"), v)?;
            match Matcher::new(&source, options) {
                Ok(matcher) => Some((source, matcher)),
                Err(problem) => {
                    p.push(&format!("{path}.{key}"), problem.as_str());
                    None
                }
            }
        };
        let regex = compile(self, "regex", fields.get("regex"));
        let unless = match fields.get("unless") {
            None | Some(Value::Null) => Some(None),
            v => compile(self, "unless", v).map(Some),
        };
        let message = self.string(&format!("{path}.message"), fields.get("message"));
        if let Some(message) = &message {
            let mut rest = message.as_str();
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}') else { break };
                let name = &rest[open + 1..open + close];
                if name != "match" {
                    self.push(
                        &format!("{path}.message"),
                        &format!("{{{name}}} is not a placeholder of a pattern's message (it has {{match}}, the matched text)"),
                    );
                }
                rest = &rest[open + close + 1..];
            }
        }
        let severity = self.severity(&format!("{path}.severity"), fields.get("severity"));
        let standard = match fields.get("standard") {
            None => {
                self.push(&format!("{path}.standard"), "missing: give the standard's number from 1 to 5, or null");
                None
            }
            Some(v) => self.standard(&format!("{path}.standard"), v),
        };
        let suggestions = match fields.get("suggestions") {
            None => Vec::new(),
            Some(Value::Array(items)) => items.iter().enumerate().filter_map(|(j, s)| self.string(&format!("{path}.suggestions[{j}]"), Some(s))).collect(),
            Some(other) => {
                self.push(&format!("{path}.suggestions"), &format!("expected an array of strings, got {}", json_kind(other)));
                Vec::new()
            }
        };
        // `$$` is a dollar sign, so any `$` goes through the expansion.
        let uses_groups = suggestions.iter().any(|s| s.contains('$'));
        if let Some((_, matcher)) = &regex {
            let (names, count) = matcher.groups();
            for (j, suggestion) in suggestions.iter().enumerate() {
                let spath = format!("{path}.suggestions[{j}]");
                match group_references(suggestion) {
                    None => self.push(&spath, "a ${ is not closed (write ${1} or ${name}, or $$ for a dollar sign)"),
                    Some(references) => {
                        for reference in references {
                            let known = match reference.parse::<usize>() {
                                Ok(n) => n <= count,
                                Err(_) => names.contains(&reference),
                            };
                            if !known {
                                let hint = if reference.starts_with(|c: char| c.is_ascii_digit()) {
                                    format!("; write ${{{}}} to follow a group with letters", reference.trim_end_matches(|c: char| !c.is_ascii_digit()))
                                } else {
                                    String::new()
                                };
                                self.push(&spath, &format!("${reference} names no group of the regex (its groups are $1 to ${count} and any it names, and $0 is the whole match){hint}"));
                            }
                        }
                    }
                }
            }
        }
        let mut text = |key: &str| fields.get(key).and_then(|v| self.string(&format!("{path}.{key}"), Some(v)));
        let (title, why, flagged, better) = (text("title"), text("why"), text("flagged"), text("better"));
        let ((regex, matcher), unless) = (regex?, unless?);
        let (unless, unless_matcher) = unless.map_or((None, None), |(source, matcher)| (Some(source), Some(matcher)));
        Some(Pattern {
            id: id?,
            regex,
            matcher,
            message: message?,
            severity: severity?,
            standard,
            suggestions,
            uses_groups,
            case_insensitive: options.case_insensitive,
            whole_word: options.whole_word,
            unless,
            unless_matcher,
            title,
            why,
            flagged,
            better,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;
    use crate::rules::message_variants;
    use serde_json::json;

    fn load(patterns: Value) -> Result<Policy, Vec<String>> {
        let policy = json!({"extends": "worcestershire", "patterns": patterns});
        Policy::from_value(policy, message_variants).map_err(|e| e.problems().iter().map(|p| format!("{}: {}", p.path, p.message)).collect())
    }

    fn pattern(extra: Value) -> Value {
        let mut p = json!({"id": "banned", "regex": "kicked off", "message": "Say what happened.", "severity": "warning", "standard": 1});
        p.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        p
    }

    #[test]
    fn a_good_pattern_loads() {
        let policy = load(json!([pattern(json!({"suggestions": ["shouted"], "unless": "quote", "case_insensitive": true}))])).unwrap();
        let p = &policy.patterns[0];
        assert_eq!((p.id.as_str(), p.severity, p.standard, p.kind()), ("banned", Severity::Warning, Some(1), FindingKind::Term));
        assert!(p.case_insensitive && p.whole_word && p.unless.is_some() && !p.uses_groups);
        let plain = load(json!([pattern(json!({"standard": null, "whole_word": false}))])).unwrap();
        assert_eq!((plain.patterns[0].standard, plain.patterns[0].kind(), plain.patterns[0].whole_word), (None, FindingKind::Passage, false));
    }

    #[test]
    fn every_problem_of_every_pattern_has_its_path() {
        let problems = load(json!([
            pattern(json!({"regex": "ab(c", "colour": "red"})),
            {"id": "Bad Id", "regex": "x*", "severity": "loud"},
            pattern(json!({"id": "jargon", "unless": "[z-a]", "case_insensitive": "yes"})),
            pattern(json!({"regex": "a{1000}{1000}", "suggestions": ["$2", "${x}", "${1"], "message": "Avoid {term}."})),
            pattern(json!({"id": "second", "regex": "(a)", "suggestions": ["$1", "$$", "${1}b"], "standard": 9})),
            pattern(json!({"id": "second", "regex": r"\p{Greek}"})),
        ]))
        .unwrap_err();
        for expected in [
            "patterns[0].regex: unclosed group at `(`",
            "patterns[0].colour: is not a known field",
            "patterns[1].id: \"Bad Id\" is not a kebab-case id",
            "patterns[1].regex: can match empty text",
            "patterns[1].message: missing",
            "patterns[1].severity: expected error, warning or advice, got \"loud\"",
            "patterns[1].standard: missing",
            "patterns[2].id: \"jargon\" is the id of a built-in rule",
            "patterns[2].unless: invalid character class range",
            "patterns[2].case_insensitive: expected true or false, got a string",
            "patterns[3].id: \"banned\" is already the id of patterns[0]",
            "patterns[3].regex: is too large",
            "patterns[3].message: {term} is not a placeholder",
            "patterns[4].standard: expected a standard number from 1 to 5 or null, got 9",
            "patterns[5].id: \"second\" is already the id of patterns[4]",
            "patterns[5].regex: Unicode classes",
        ] {
            assert!(problems.iter().any(|p| p.starts_with(expected)), "{expected:?} not in {problems:#?}");
        }
        assert!(!problems.iter().any(|p| p.starts_with("patterns[4].suggestions")), "{problems:#?}");
        let groups = load(json!([pattern(json!({"regex": "(a)(?<b>b)", "suggestions": ["$3", "${c}", "${1"]}))])).unwrap_err();
        assert_eq!(groups.len(), 3, "{groups:#?}");
        assert!(groups[0].starts_with("patterns[0].suggestions[0]: $3 names no group"), "{groups:#?}");
        assert!(groups[2].contains("not closed"), "{groups:#?}");
    }

    #[test]
    fn patterns_must_be_an_array_of_objects_within_the_limit() {
        assert_eq!(load(json!({"id": "x"})).unwrap_err(), ["patterns: expected an array of patterns, got an object"]);
        assert_eq!(load(json!(["x"])).unwrap_err(), ["patterns[0]: expected an object, got a string"]);
        let many: Vec<Value> = (0..=MAX_PATTERNS).map(|i| pattern(json!({"id": format!("p{i}")}))).collect();
        assert!(load(Value::Array(many)).unwrap_err()[0].contains("at most 100"));
    }

    #[test]
    fn ids_are_kebab_case() {
        for good in ["a", "child-initials", "lcs2-codes"] {
            assert!(is_kebab_case(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "2a", "a_b", "a b", "é"] {
            assert!(!is_kebab_case(bad), "{bad}");
        }
    }

    #[test]
    fn group_references_are_read_as_the_crate_reads_them() {
        assert_eq!(group_references("$1 ${2}x $name $$ $"), Some(vec!["1", "2", "name"]));
        assert_eq!(group_references("${1"), None);
    }
}
