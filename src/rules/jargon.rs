//! `jargon`: acronyms and professional jargon, with plain alternatives.

use super::{Cx, Flag, RuleDef, RuleMeta};
use crate::ids::{FindingKind, RuleId, Severity};
use crate::lexicon::List;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: RuleId::Jargon,
        title: "Jargon and acronyms",
        what: "Finds acronyms (LAC, CIN, s47, IRO…) and professional jargon (\"placement\" for a child's home, \"presented as\", \"strat disc\") and offers plain or child-centred words. An acronym the note spells out elsewhere drops to advice.",
        why: "The Recording Principles say: \"Wherever possible jargon must be avoided and plain English used.\" Children and families have a right to read their records (Standard 2); a child reading \"LAC review\" about themselves reads \"lack\".",
        flagged: "LAC review held. IRO happy with placement.",
        better: "Jayden's review meeting was held. Ms Grant, who chairs his reviews, said his home with Mr and Mrs Owusu is meeting his needs.",
        limits: "Ambiguous words are judged by their neighbours: \"placement\" not after \"work\" or \"school\", \"front door\" only as a service rung or referred to. Full names of meetings and orders (\"strategy discussion\", \"core group\") are not jargon. \"Contact\" for family time is not flagged: the labelled corpus's writers, briefed with the policy, call it an everyday word in most of their uses (a council that wants \"family time\" can add a pattern to its policy). A rare acronym missing from the list is not found.",
        messages: &["acronym", "acronym_explained", "jargon", "plain"],
        kinds: &[FindingKind::Term],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let mut explained: Vec<u32> = Vec::new();
    for hit in doc.hits_in(List::Jargon) {
        if doc.entry(hit).acronym && doc.defines_acronym(hit) {
            explained.push(hit.entry);
        }
    }
    for hit in doc.hits_in(List::Jargon) {
        if doc.is_quoted(hit.start) {
            continue; // someone else's words, recorded as said
        }
        let entry = doc.entry(hit);
        let expanded = entry.acronym && !explained.contains(&hit.entry) && doc.has_expansion(hit);
        let spelled_out = entry.acronym && (explained.contains(&hit.entry) || expanded);
        let variant = match (entry.acronym, spelled_out, entry.plain) {
            (true, true, _) => "acronym_explained",
            (true, false, _) => "acronym",
            (false, _, true) => "plain",
            (false, _, false) => "jargon",
        };
        let term = cx.original((hit.start, hit.end));
        let values = [("term", term), ("expansion", entry.expands.as_deref().unwrap_or(""))];
        let mut flag =
            Flag::new(FindingKind::Term, Some((hit.start, hit.end)), variant).values(&values).suggestions(entry.values().map(str::to_owned).collect());
        if spelled_out || entry.plain {
            flag = flag.severity(Severity::Advice);
        } else if let Some(severity) = entry.severity {
            flag = flag.severity(severity);
        }
        cx.emit(flag);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test::{assert_clean, assert_flags, check};

    #[test]
    fn acronyms_are_whole_words_in_capitals() {
        assert_flags("jargon", "LAC review. CIN plan. The MASH decided. LACs.", &["LAC review", "CIN", "MASH", "LACs"]);
        assert_clean("jargon", "There was a lack of food. We went to the cinema. He smashed a plate. Mash for tea.");
    }

    #[test]
    fn section_47_forms() {
        assert_flags("jargon", "The s47 enquiry and the S.47 interview", &["s47", "S.47"]);
    }

    #[test]
    fn contact_is_an_everyday_word() {
        // The corpus's writers call "contact" (family time) a clean word in
        // 50 of its 64 labelled uses, so neither sense is flagged.
        assert_clean("jargon", "Weekly contact continues. Supervised contact is at the contact centre on Tuesday.");
        assert_clean("jargon", "Contact with dad is on Saturdays. Mum cancelled contact twice.");
        assert_clean("jargon", "I took his contact details. He made eye contact. I will contact school. I contacted the GP.");
    }

    #[test]
    fn placement_not_as_work_or_school() {
        assert_flags("jargon", "Her placement with the foster carers is stable.", &["placement"]);
        assert_clean("jargon", "She starts a work placement at the garage and a school placement next term.");
        // The labelling guide's own plain sense: work experience.
        assert_clean("jargon", "He has started a placement at the hairdresser's on Saturdays. Her placement at the café is going well.");
    }

    #[test]
    fn clinical_shorthand_for_weeks_of_pregnancy_and_time() {
        assert_flags("jargon", "She is 28/40 and due to be seen again in 2/52.", &["28/40", "2/52"]);
        // Round the clock, and days of the week, are not the shorthand; nor is a longer number.
        assert_clean("jargon", "Support is 24/7. He attended 6/7 days. The flat is 128/40 Mill Road.");
        // A questionnaire's score out of 40.
        assert_flags("jargon", "Her SDQ score was 28/40.", &["SDQ"]);
    }

    #[test]
    fn a_spelled_out_acronym_is_advice() {
        let report = check("The Independent Reviewing Officer (IRO) chaired. The IRO agreed.");
        let severities: Vec<_> = report.findings.iter().filter(|f| f.rule == "jargon").map(|f| f.severity.id()).collect();
        assert_eq!(severities, ["advice", "advice"]);
    }

    #[test]
    fn an_acronym_explained_where_it_stands_is_advice() {
        let report = check("The doctor said you had DKA, which is when your body runs out of insulin.");
        let severities: Vec<_> = report.findings.iter().filter(|f| f.rule == "jargon").map(|f| f.severity.id()).collect();
        assert_eq!(severities, ["advice"]);
        let report = check("He was treated for DKA, which was frightening.");
        let severities: Vec<_> = report.findings.iter().filter(|f| f.rule == "jargon").map(|f| f.severity.id()).collect();
        assert_eq!(severities, ["warning"]);
    }

    #[test]
    fn quoted_words_are_left_alone() {
        assert_clean("jargon", "Jayden said \"I hate my LAC review\".");
    }

    #[test]
    fn acronyms_in_dictated_notes() {
        // Speech-to-text writes acronyms in lower case or letter by letter.
        assert_flags("jargon", "cin visit to kyle full stop tell the I R O and a C I N review", &["cin", "I R O", "C I N"]);
        assert_clean("jargon", "a b c and i e the cinema");
    }

    #[test]
    fn police_health_and_team_acronyms() {
        assert_flags("jargon", "S47 joint visit with DC Holt. Seen in ED. Known to DCT. FC rang.", &["S47", "DC", "ED", "DCT", "FC"]);
        assert_clean("jargon", "He plays for Wendham Town FC and took cash from the ATM at St Mary's CE Primary.");
    }

    #[test]
    fn full_names_of_meetings_are_not_jargon() {
        assert_clean("jargon", "A strategy discussion was held. Next core group on Monday. Sarah recorded the statutory visit.");
        assert_clean("jargon", "Your pathway plan review is on Monday. The life story work helped. She lives in a parent and child placement.");
        assert_flags("jargon", "Strat disc held 14:00.", &["Strat disc"]);
    }

    #[test]
    fn the_front_door_of_a_house_is_plain() {
        assert_flags("jargon", "The DSL rang the front door for advice.", &["DSL", "front door"]);
        assert_clean("jargon", "I knocked on the front door and mum went to the front door.");
    }

    #[test]
    fn a_quoted_poor_entry_is_checked() {
        assert_flags("jargon", "Poor example:\n'SW undertook CIN SV. TAC to be convened.'", &["SW", "undertook", "CIN", "SV", "TAC"]);
        assert_clean("jargon", "Jayden said \"my SW is nice and my CIN meeting was boring\".");
    }

    #[test]
    fn equality_words_are_not_jargon() {
        assert_clean("jargon", "Amira is Black British and Muslim. Her brother is autistic and deaf, and a wheelchair user.");
    }
}
