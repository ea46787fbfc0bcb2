//! The crate's one error type, with every problem and the path of the input
//! at fault.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

/// Why a note could not be checked, or a policy could not be loaded.
///
/// [`Error::problems`] lists each problem with the dotted path of the input
/// at fault (`context.event_at`, `rules.jargon.severity`, `lists.voice[3]`)
/// and what was expected, in words a developer embedding the checker can act
/// on. A policy's error lists every problem in the file at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    source: Source,
    problems: Vec<Problem>,
}

/// One thing wrong with an input, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Dotted path of the input at fault: `context.event_at`,
    /// `timescales.high_risk.hours`, `lists.jargon[4]`; `policy` for the whole file.
    pub path: String,
    /// What is wrong, and what was expected.
    pub message: String,
}

/// Which input the error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Context,
    Policy,
}

impl Error {
    /// A context field was present but unusable.
    pub(crate) fn context(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error { source: Source::Context, problems: vec![Problem { path: path.into(), message: message.into() }] }
    }

    /// The policy had these problems (at least one).
    pub(crate) fn policy(problems: Vec<Problem>) -> Error {
        debug_assert!(!problems.is_empty());
        Error { source: Source::Policy, problems }
    }

    /// Every problem, each with its path and message.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The dotted path of the context field at fault (`"context.event_at"`),
    /// when the error is about the note's context.
    pub fn field(&self) -> Option<&str> {
        match self.source {
            Source::Context => self.problems.first().map(|p| p.path.as_str()),
            Source::Policy => None,
        }
    }

    /// True when the error is about a policy, false when about a context.
    pub fn is_policy(&self) -> bool {
        self.source == Source::Policy
    }
}

impl Problem {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.source == Source::Policy {
            f.write_str("policy: ")?;
        }
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// How a JSON value's type is named in error messages.
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_keep_their_paths_and_display_joins_them() {
        let e = Error::policy(vec![Problem::new("rules.jargon.severity", "expected error, warning or advice"), Problem::new("colour", "is not a known field")]);
        assert_eq!(e.problems().len(), 2);
        assert_eq!(e.problems()[1].path, "colour");
        assert_eq!(e.field(), None);
        assert_eq!(e.to_string(), "policy: rules.jargon.severity: expected error, warning or advice; colour: is not a known field");
        let c = Error::context("context.event_at", "is not a real date");
        assert_eq!(c.field(), Some("context.event_at"));
        assert_eq!(c.to_string(), "context.event_at: is not a real date");
    }
}
