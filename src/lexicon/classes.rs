//! What an entry of each word list means: the classes and tags a line's value
//! and options may name. Each is a closed set, so a council's list with a
//! misspelt class is refused with the line's path instead of never matching.

use crate::ids::{id_enum, Category, EqualityArea, IdEnum};

id_enum! {
    /// Words that show the writer's own analysis, or that it is someone else's.
    OpinionClass {
        /// The writer frames a judgement as theirs: "in my view", "I am worried that".
        Frame = "frame",
        /// A hedge that counts only with a reason or a risk beside it: "I think".
        Weak = "weak",
        /// Need, risk, harm, impact: what analysis is about.
        Risk = "risk",
        /// A heading over the analysis: "Analysis:".
        Heading = "heading",
        /// Impersonal analysis: "this suggests", "this shows".
        Analysis = "analysis",
        /// Reasoning that links cause and effect: "because", "as a result".
        Connective = "connective",
        /// A report of someone else's view: "said", "thinks", "according to".
        Attribution = "attribution",
        /// The writer lowers their commitment: "it may be", "I wonder whether".
        Hedge = "hedge",
        /// Meaning drawn from facts: "suggests", "fits with", "telling us".
        Judgement = "judgement",
        /// What should happen: "I recommend", "needs to", "should".
        Recommend = "recommend",
        /// A decision and its reasons: "decided", "reasons:".
        Decision = "decision",
        /// A danger or worry statement, a safety goal: "we are worried that".
        Worry = "worry",
    }
}

id_enum! {
    /// Words that carry the child's voice.
    VoiceClass {
        /// Saying, telling, asking.
        Speech = "speech",
        /// Wishes and feelings: "wants to", "misses".
        Wish = "wish",
        /// What a baby or non-verbal child did: "smiled", "reached for".
        Observe = "observe",
        /// A sign the child is a baby or does not speak: "newborn", "non-verbal".
        Young = "young",
        /// A record written to the child: "you told me".
        Address = "address",
        /// A way the child's views were gathered: "three houses", "Makaton".
        Method = "method",
        /// The writer saw or heard it: "I saw", "I noticed".
        Perception = "perception",
        /// A feeling: "happy", "scared".
        Feeling = "feeling",
        /// The child was not there to be heard: "asleep", "was not seen".
        Absent = "absent",
    }
}

id_enum! {
    /// Words the recording rules (decisions, sharing, documents, visits) read.
    RecordingClass {
        /// A judgement about a person that can be written as fact.
        Judgement = "judgement",
        /// A reason given: "because", "due to".
        Reason = "reason",
        /// A time given: "today", "on Monday".
        When = "when",
        /// An outcome of a disagreement: "agreed", "will review".
        Resolve = "resolve",
        /// The child seen alone, or why not.
        Alone = "alone",
        /// A disagreement: "did not agree", "disputed".
        Disagree = "disagree",
        /// Information shared: "shared with", "passed to".
        Share = "share",
        /// Consent given or why it was not sought.
        Consent = "consent",
        /// Someone with authority to decide: "team manager".
        Authority = "authority",
        /// "by the team manager": authority named after a passive decision.
        AuthorityBy = "authority_by",
        /// A decision in the passive: "it was decided".
        DecisionPassive = "decision_passive",
        /// A decision word: "decided", "agreed that".
        Decision = "decision",
        /// The child seen: "saw Jayden".
        Seen = "seen",
        /// Handing over: "given", "sent".
        Give = "give",
        /// A document: "plan", "assessment", "minutes".
        Document = "document",
    }
}

id_enum! {
    /// Who a people-list word names.
    Role {
        /// A parent, carer or professional.
        Adult = "adult",
        /// The child, or another child.
        Child = "child",
        /// The note's writer.
        Worker = "worker",
    }
}

id_enum! {
    /// The grammatical gender or number a people-list word takes pronouns in.
    PersonGender {
        /// "she".
        Female = "f",
        /// "he".
        Male = "m",
        /// "they" of a group: parents, staff.
        Plural = "p",
    }
}

id_enum! {
    /// A marker an entry carries for the rule that reads it (`tag=` option).
    Tag {
        /// Equality: a need ("needs an interpreter").
        Need = "need",
        /// Equality: the support used ("interpreter used").
        Support = "support",
        /// Deadline: not an event when a plan or risk word comes before it.
        Hedgeable = "hedgeable",
        /// Recording: a passive form ("was shared").
        Passive = "passive",
    }
}

/// What a deadline-list entry says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum DeadlineCue {
    /// An event of this category.
    Category(Category),
    /// A plan, risk or history word: a cue after it is not an event that happened.
    Hedge,
    /// A visit that is not a statutory one (an assessment, family time).
    NotStatutory,
}

/// The meaning of an entry, by list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    /// Jargon, stigmatising and vague lists: the value holds suggestions.
    Wording,
    /// An equality area.
    Equality(EqualityArea),
    /// A deadline cue.
    Deadline(DeadlineCue),
    /// An opinion cue.
    Opinion(OpinionClass),
    /// A voice cue.
    Voice(VoiceClass),
    /// A person word, with the pronouns it takes if fixed.
    Person(Role, Option<PersonGender>),
    /// A word the recording rules read.
    Recording(RecordingClass),
}

impl Class {
    /// The list entries of this class come from. (`Wording` is shared by
    /// three lists; it is never looked up by class.)
    pub fn list(self) -> super::List {
        use super::List;
        match self {
            Class::Wording => List::Jargon,
            Class::Equality(_) => List::Equality,
            Class::Deadline(_) => List::Deadline,
            Class::Opinion(_) => List::Opinion,
            Class::Voice(_) => List::Voice,
            Class::Person(..) => List::People,
            Class::Recording(_) => List::Recording,
        }
    }
}

/// `value`, read as one of `T`'s ids, or a problem naming them all.
pub(crate) fn parse_id<T: IdEnum>(what: &str, value: &str) -> Result<T, String> {
    T::from_id(value).ok_or_else(|| format!("unknown {what} {value:?} (expected one of {})", T::ids()))
}

/// A deadline list's value: a category, `hedge` or `not_statutory`.
pub(crate) fn parse_deadline(value: &str) -> Result<DeadlineCue, String> {
    match value {
        "hedge" => Ok(DeadlineCue::Hedge),
        "not_statutory" => Ok(DeadlineCue::NotStatutory),
        other => Category::from_id(other)
            .map(DeadlineCue::Category)
            .ok_or_else(|| format!("unknown deadline class {other:?} (expected one of {}, hedge, not_statutory)", <Category as IdEnum>::ids())),
    }
}

/// A people list's value: `role` or `role; gender`.
pub(crate) fn parse_person(value: &str) -> Result<(Role, Option<PersonGender>), String> {
    let mut parts = value.split(';').map(str::trim);
    let role = parse_id("role", parts.next().unwrap_or_default())?;
    let gender = parts.next().map(|g| parse_id("gender", g)).transpose()?;
    if parts.next().is_some() {
        return Err(format!("expected `role` or `role; gender`, got {value:?}"));
    }
    Ok((role, gender))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_classes_name_the_known_ones() {
        assert_eq!(parse_id::<OpinionClass>("opinion class", "frame"), Ok(OpinionClass::Frame));
        let err = parse_id::<OpinionClass>("opinion class", "fram").unwrap_err();
        assert!(err.contains("\"fram\"") && err.contains("frame, weak"), "{err}");
        assert_eq!(parse_person("adult; f"), Ok((Role::Adult, Some(PersonGender::Female))));
        assert!(parse_person("aunt").is_err());
        assert_eq!(parse_deadline("high_risk"), Ok(DeadlineCue::Category(Category::HighRisk)));
        assert!(parse_deadline("soon").is_err());
    }
}
