//! The closed sets the checker names things with: rules, severities, deadline
//! categories, equality areas and the kinds of finding. Each is an enum with
//! the id it has in JSON, so a misspelt id is a compile error in the code and
//! a problem with its path in a policy file, never a silent mismatch.
//!
//! [`Table`] maps every value of such an enum to something, built from a
//! function of the value: a table can never lack an entry.

/// An enum whose values have stable JSON ids.
pub(crate) trait IdEnum: Copy + Eq + 'static {
    /// Every value, in order.
    const ALL: &'static [Self];
    /// The id used in JSON.
    fn id(self) -> &'static str;
    /// The value's place in `ALL`.
    fn index(self) -> usize;
    /// The value with this JSON id.
    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.id() == id)
    }
    /// Every id, comma-separated, for error messages.
    fn ids() -> String {
        comma_list(Self::ALL.iter().map(|v| v.id()))
    }
}

macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant,)*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// How many values there are.
            #[allow(dead_code)]
            pub const COUNT: usize = Self::ALL.len();

            /// The id used in JSON.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)* }
            }

            /// The value with this JSON id.
            pub fn from_id(id: &str) -> Option<$name> {
                match id { $($id => Some($name::$variant),)* _ => None }
            }
        }

        impl $crate::ids::IdEnum for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn id(self) -> &'static str {
                $name::id(self)
            }
            fn index(self) -> usize {
                self as usize
            }
            fn from_id(id: &str) -> Option<$name> {
                $name::from_id(id)
            }
        }
    };
}
pub(crate) use id_enum;

id_enum! {
    /// How much a finding matters.
    Severity {
        /// Breaks the policy outright (a late record, victim-blaming language).
        Error = "error",
        /// Falls short of a standard and should be changed before saving.
        Warning = "warning",
        /// Worth considering; the note may be fine as it is.
        Advice = "advice",
    }
}

id_enum! {
    /// Where the event time a deadline counts from came from.
    TimeSource {
        /// The form's `event_at`.
        Form = "form",
        /// The note's own words ("visited on 23/11 at 10am"), read when the form gives no time.
        Text = "text",
    }
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

id_enum! {
    /// A built-in rule. Its documentation is in its own file under
    /// `src/rules/`; the registry there maps each id to it.
    RuleId {
        /// A plan or assessment given without to whom or when.
        DocumentsGiven = "documents-given",
        /// Needs recorded without the support used; equality fields left empty.
        EqualityInformation = "equality-information",
        /// Information shared without consent or a reason.
        InformationSharing = "information-sharing",
        /// Acronyms and professional jargon.
        Jargon = "jargon",
        /// Recorded after the policy's timescale.
        LateRecording = "late-recording",
        /// No child's voice.
        MissingChildVoice = "missing-child-voice",
        /// No professional opinion.
        MissingProfessionalOpinion = "missing-professional-opinion",
        /// A judgement about a person written as fact.
        OpinionAsFact = "opinion-as-fact",
        /// Long sentences; acronyms used before they are spelled out.
        PlainEnglish = "plain-english",
        /// Labels that blame rather than describe.
        StigmatisingLanguage = "stigmatising-language",
        /// A management decision without who made it or why.
        UnattributedDecision = "unattributed-decision",
        /// A disagreement with no outcome or next step.
        UnresolvedDisagreement = "unresolved-disagreement",
        /// Summary words with no evidence.
        VagueLanguage = "vague-language",
        /// A visit without the child seen, and seen alone or why not.
        VisitDetails = "visit-details",
    }
}

id_enum! {
    /// What a finding asks of the worker, so a page can present it without
    /// guessing from the rule id or severity.
    FindingKind {
        /// Words to change where they stand; `suggestions` replace them.
        Term = "term",
        /// A passage that needs something added or made clear.
        Passage = "passage",
        /// Something the whole note lacks (no span).
        Missing = "missing",
        /// A field of the form left empty that the note's text speaks to.
        FieldEmpty = "field-empty",
        /// Recorded after the deadline (no span).
        Late = "late",
    }
}

id_enum! {
    /// The kind of cue that led to a judgement of opinion or the child's
    /// voice, for explaining it ("counted as analysis: 'might indicate'").
    CueKind {
        /// The writer's own view: "in my view", "I think".
        YourView = "your-view",
        /// Hedged analysis: "it may be that", "I wonder whether".
        HedgedAnalysis = "hedged-analysis",
        /// Meaning drawn from facts: "this suggests", "fits with".
        Analysis = "analysis",
        /// Reasoning: "because", "as a result".
        Reasoning = "reasoning",
        /// Need, risk and impact: "at risk", "her needs".
        NeedAndRisk = "need-and-risk",
        /// What should happen: "I recommend", "needs to".
        Recommendation = "recommendation",
        /// A decision with its reasons.
        Decision = "decision",
        /// A danger or worry statement, a safety goal.
        Worry = "worry",
        /// A heading over analysis or reasons: "Analysis:", "Reasons:".
        Heading = "heading",
        /// A quotation of the child.
        ChildsWords = "childs-words",
        /// What the child told or showed the writer.
        ToldYou = "told-you",
        /// The child's wishes and feelings.
        WishesAndFeelings = "wishes-and-feelings",
        /// What the writer saw of a baby or a child who does not speak.
        WhatYouSaw = "what-you-saw",
        /// A record written to the child: "you told me".
        WrittenToTheChild = "written-to-the-child",
        /// Direct work: three houses, scaling, Makaton, drawing.
        DirectWork = "direct-work",
        /// The sentence's own words.
        Wording = "wording",
    }
}

/// A value for every member of an id enum, indexed by it. Built from a
/// function of each member, so no member can be missing.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table<K, V> {
    values: Vec<V>,
    key: std::marker::PhantomData<K>,
}

impl<K: IdEnum, V> Table<K, V> {
    /// The table with `value(k)` for every member `k`.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn from_fn(value: impl FnMut(K) -> V) -> Table<K, V> {
        Table { values: K::ALL.iter().copied().map(value).collect(), key: std::marker::PhantomData }
    }

    /// The table with a value for every member, or `None` if `value` gives
    /// `None` for any (after calling it for all, so every problem is seen).
    pub fn try_from_fn(value: impl FnMut(K) -> Option<V>) -> Option<Table<K, V>> {
        let values: Vec<Option<V>> = K::ALL.iter().copied().map(value).collect();
        let values: Option<Vec<V>> = values.into_iter().collect();
        values.map(|values| Table { values, key: std::marker::PhantomData })
    }
}

impl<K: IdEnum, V> std::ops::Index<K> for Table<K, V> {
    type Output = V;
    fn index(&self, key: K) -> &V {
        &self.values[key.index()]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_tables_cover_every_member() {
        for &rule in RuleId::ALL {
            assert_eq!(RuleId::from_id(rule.id()), Some(rule));
            assert_eq!(serde_json::to_string(&rule).unwrap(), format!("\"{}\"", rule.id()));
        }
        let table = Table::from_fn(|c: Category| c.id().len());
        assert_eq!(table[Category::Other], 5);
        assert!(Table::try_from_fn(|c: Category| (c != Category::Other).then_some(1)).is_none());
        assert_eq!(<Severity as IdEnum>::ids(), "error, warning, advice");
    }
}
