//! The crate's one error type.

use std::fmt;

/// Why a note could not be checked, or a policy could not be loaded.
///
/// The message names the field at fault and what was expected, in words a
/// developer embedding the checker can act on. The kind is private so new
/// causes can be added without breaking callers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ErrorKind {
    /// A context field was present but unusable.
    Context { field: String, problem: String },
    /// The policy data did not make sense.
    Policy(String),
}

impl Error {
    pub(crate) fn context(field: impl Into<String>, problem: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Context { field: field.into(), problem: problem.into() } }
    }

    pub(crate) fn policy(problem: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Policy(problem.into()) }
    }

    /// The dotted path of the input field at fault (`"context.event_at"`), if the
    /// error is about one field.
    pub fn field(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Context { field, .. } => Some(field),
            ErrorKind::Policy(_) => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Context { field, problem } => write!(f, "{field}: {problem}"),
            ErrorKind::Policy(problem) => write!(f, "policy: {problem}"),
        }
    }
}

impl std::error::Error for Error {}
