//! What a note establishes, worked out once per check after the people pass:
//! the recording deadline, the writer's professional opinion, the child's
//! voice, the equality information and whether the child is a baby or does
//! not speak. Rules read these facts and only emit findings; the report
//! carries them.

mod age;
mod deadline;
mod equality;
mod opinion;
mod record;
mod spans;
mod timeline;
mod voice;

use chrono::NaiveDateTime;

use crate::context::Context;
use crate::document::Document;
use crate::ids::{Category, EqualityArea};
use crate::people::People;
use crate::policy::Policy;

/// A byte range of the normalised note.
pub(crate) type Range = (usize, usize);

/// The deadline a note falls under.
#[derive(Debug)]
pub(crate) struct Deadline {
    pub category: Category,
    /// The words that decided the category, when the text did.
    pub evidence: Option<Range>,
    pub due: Option<NaiveDateTime>,
    pub overdue: Option<bool>,
}

/// The equality information a note records.
#[derive(Debug, Default)]
pub(crate) struct Equality {
    /// Each area recorded, at the words that record it, in text order.
    pub mentioned: Vec<(EqualityArea, Range)>,
    /// Needs recorded (a first language, a communication method).
    pub needs: Vec<(EqualityArea, Range)>,
    /// True when the note records the support used for a need.
    pub supported: bool,
}

/// Everything the note establishes.
#[derive(Debug)]
pub(crate) struct Facts {
    /// A baby, or a child who does not speak.
    pub young_child: bool,
    pub deadline: Deadline,
    /// Passages holding the writer's own assessment of need and risk.
    pub opinion: Vec<Range>,
    /// Passages holding the child's voice.
    pub child_voice: Vec<Range>,
    pub equality: Equality,
}

/// What the facts are read from.
pub(crate) struct Cx<'a> {
    pub doc: &'a Document<'a>,
    pub ctx: &'a Context,
    pub policy: &'a Policy,
    pub people: &'a People,
}

impl Facts {
    /// Works out every fact of one note.
    pub fn new(doc: &Document<'_>, ctx: &Context, policy: &Policy, people: &People) -> Facts {
        let cx = Cx { doc, ctx, policy, people };
        let young_child = age::child_is_young(&cx);
        Facts {
            young_child,
            deadline: deadline::find(&cx),
            opinion: opinion::find(&cx),
            child_voice: voice::find(&cx, young_child),
            equality: equality::find(&cx),
        }
    }
}
