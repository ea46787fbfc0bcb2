//! Equality and diversity: the areas of Standard 4 the note records, and the
//! needs it records (a language, a communication method) with whether it also
//! records the support used.

use super::{Cx, Equality};
use crate::lexicon::{Class, List, Tag};

/// The areas the note's words record, its needs, and whether support is recorded.
pub(super) fn find(cx: &Cx<'_>) -> Equality {
    let doc = cx.doc;
    let mut equality = Equality::default();
    for hit in doc.hits_in(List::Equality) {
        let entry = doc.entry(hit);
        let Class::Equality(area) = entry.class else { continue };
        equality.mentioned.push((area, (hit.start, hit.end)));
        match entry.tag {
            Some(Tag::Need) => equality.needs.push((area, (hit.start, hit.end))),
            Some(Tag::Support) => equality.supported = true,
            _ => {}
        }
    }
    equality
}
