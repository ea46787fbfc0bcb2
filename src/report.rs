//! The report: one shape for the Rust API, the CLI's JSON and JavaScript.

use serde::{Deserialize, Serialize};

/// A half-open range of the note text in UTF-16 code units, the unit of
/// JavaScript's `substring` and `setSelectionRange`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First code unit.
    pub start: usize,
    /// One past the last code unit.
    pub end: usize,
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the policy outright (a late record, victim-blaming language).
    Error,
    /// Falls short of a standard and should be changed before saving.
    Warning,
    /// Worth considering; the note may be fine as it is.
    Advice,
}

impl Severity {
    pub(crate) fn from_id(id: &str) -> Option<Severity> {
        match id {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "advice" => Some(Severity::Advice),
            _ => None,
        }
    }

    /// The id used in JSON: `error`, `warning` or `advice`.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "advice",
        }
    }
}

/// One thing the worker could improve, with where it is and what to do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable kebab-case rule id, e.g. `jargon`.
    pub rule: String,
    /// How much it matters.
    pub severity: Severity,
    /// The policy standard (1–5) it comes from, if any.
    pub standard: Option<u8>,
    /// Where it is; `None` when the finding is about something absent.
    pub span: Option<Span>,
    /// The flagged text (empty when `span` is `None`).
    pub text: String,
    /// A plain-English explanation.
    pub message: String,
    /// Replacements for `text`, best first; may be empty.
    pub suggestions: Vec<String>,
}

/// Whether the note has something (professional opinion, the child's voice),
/// and where.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Presence {
    /// True when at least one piece of evidence was found.
    pub present: bool,
    /// The passages that show it.
    pub evidence: Vec<Span>,
}

/// The equality and diversity areas the note records.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EqualitySummary {
    /// Areas recorded, in the policy's order.
    pub mentioned: Vec<EqualityArea>,
    /// The words that show them.
    pub evidence: Vec<Span>,
}

/// The recording deadline that applies, and whether it was met.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The strictest category the note or its form shows.
    pub category: Category,
    /// The words that put the note in this category, if it came from the text.
    pub evidence: Option<Span>,
    /// When the note is due (`YYYY-MM-DDTHH:MM`), if the event time is known.
    pub due: Option<String>,
    /// Whether it was recorded in time.
    pub status: DeadlineStatus,
}

/// Whether a note met its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Recorded at or before the due time.
    OnTime,
    /// Recorded after the due time.
    Overdue,
    /// The event or recording time is missing.
    Unknown,
}

/// Counts about the note.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Words, as Unicode word boundaries count them.
    pub words: usize,
    /// Sentences and stand-alone lines.
    pub sentences: usize,
}

/// Everything the checker found in one note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Findings: document-level ones (no span) first, then by position.
    pub findings: Vec<Finding>,
    /// The worker's own assessment of need and risk (Standard 1).
    pub opinion: Presence,
    /// The child's words, wishes and feelings, or observed lived experience.
    pub child_voice: Presence,
    /// Equality and diversity information (Standard 4).
    pub equality: EqualitySummary,
    /// Recording timescale (Standard 1).
    pub deadline: Deadline,
    /// Counts.
    pub stats: Stats,
}

macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant,)*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The id used in JSON.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)* }
            }

            /// The value with this JSON id.
            pub fn from_id(id: &str) -> Option<$name> {
                match id { $($id => Some($name::$variant),)* _ => None }
            }

            pub(crate) fn ids() -> String {
                comma_list(Self::ALL.iter().map(|v| v.id()))
            }
        }
    };
}

id_enum! {
    /// A recording timescale category, strictest first.
    Category {
        /// High-risk events or information: by the end of the same day.
        HighRisk = "high_risk",
        /// S.47 interviews, strategy discussion outcomes, significant events: within 24 hours.
        S47StrategySignificant = "s47_strategy_significant",
        /// Statutory visits: within 72 hours.
        StatutoryVisit = "statutory_visit",
        /// Everything else: within 5 working days.
        Other = "other",
    }
}

id_enum! {
    /// An equality and diversity area named by Standard 4, in its order.
    EqualityArea {
        /// Ethnicity and nationality.
        Ethnicity = "ethnicity",
        /// Race and racism.
        Race = "race",
        /// Culture, traditions, diet.
        Culture = "culture",
        /// Gender and gender identity.
        Gender = "gender",
        /// Needs arising from age (not an age alone).
        Age = "age",
        /// Religion or belief.
        Religion = "religion",
        /// Language and interpreting.
        Language = "language",
        /// Communication needs and methods.
        Communication = "communication",
        /// Hearing and sight.
        SensoryImpairment = "sensory_impairment",
        /// Disability and neurodivergence.
        Disability = "disability",
        /// Sexual orientation.
        SexualOrientation = "sexual_orientation",
    }
}

/// `a, b, c`, for the names an error message lists.
pub(crate) fn comma_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for name in names {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(name);
    }
    out
}
