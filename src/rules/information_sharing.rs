//! `information-sharing`: information shared without whom, or without consent.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId};
use crate::lexicon::{Class, RecordingClass, Tag};
use crate::people::Who;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::InformationSharing,
        title: "Information shared without consent or reason recorded",
        what: "Finds information the worker shared with another agency (\"I shared…\", \"information was shared with…\", \"I made a referral to…\") and flags it when the note does not say whether consent was sought — given, refused, or not sought and why — or gives no reason for sharing.",
        why: "Standard 3: \"case records show when information has been shared\", and service users \"are always asked, and in specific circumstances told, when information about them is to be shared, and the reasons why\".",
        flagged: "Information shared with school.",
        better: "With mum's consent I shared the safety plan with school so that staff know who may collect Ella.",
        limits: "Information received from others (\"school shared that…\") is not checked. Consent anywhere in the note counts for all its sharing.",
        messages: &["no_consent", "no_reason", "no_consent_or_reason"],
        kinds: &[FindingKind::Passage],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let consent = doc.hits_of(Class::Recording(RecordingClass::Consent)).next().is_some();
    let shares: Vec<(usize, usize)> = doc.hits_of(Class::Recording(RecordingClass::Share)).map(|h| (h.start, h.end)).collect();
    for (start, end) in shares {
        // Only what the worker passed on: "I shared", "was shared with";
        // not "school shared with me".
        let token = doc.token_at(start);
        let subject = cx.people.before(doc, token + 1, 4).map(|(_, who)| who);
        let passive = doc.hits_between(crate::lexicon::List::Recording, start, start + 1).any(|h| doc.entry(h).tag == Some(Tag::Passive));
        let outgoing = passive || matches!(subject, None | Some(Who::Worker)) || doc.lower[start..end].starts_with("i ");
        if !outgoing {
            continue;
        }
        let sentence = doc.sentence_of(start);
        let reason = doc.sentence_has(sentence, Class::Recording(RecordingClass::Reason));
        let variant = match (consent, reason) {
            (true, true) => continue,
            (false, true) => "no_consent",
            (true, false) => "no_reason",
            (false, false) => "no_consent_or_reason",
        };
        cx.emit(Flag::new(FindingKind::Passage, Some((start, end)), variant));
        return; // one finding a note is enough to prompt the worker
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, assert_flags};

    #[test]
    fn sharing_without_consent_is_flagged() {
        assert_flags("information-sharing", "I passed the details to the police so they could check the address.", &["passed the"]);
    }

    #[test]
    fn sharing_without_consent_for_a_stated_reason_is_clean() {
        assert_clean("information-sharing", "I shared this with police without consent because Amy was at immediate risk of significant harm.");
    }

    #[test]
    fn what_others_told_us_is_not_checked() {
        assert_clean("information-sharing", "School shared with me that Ella has been late every day.");
    }
}
