//! `jargon`: acronyms and professional jargon, with plain alternatives.

use super::{Cx, RuleDef, RuleMeta};
use crate::lexicon::List;
use crate::report::Severity;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: "jargon",
        title: "Jargon and acronyms",
        what: "Finds acronyms (LAC, CIN, s47, IRO…) and professional jargon (\"contact\" for family time, \"placement\" for a child's home, \"presented as\") and offers plain or child-centred words. An acronym the note spells out elsewhere drops to advice.",
        why: "The Recording Principles say: \"Wherever possible jargon must be avoided and plain English used.\" Children and families have a right to read their records (Standard 2); a child reading \"LAC review\" about themselves reads \"lack\".",
        flagged: "LAC review held. Contact with dad remains supervised at the contact centre.",
        better: "Jayden's review meeting was held. He sees his dad every Saturday at the family centre, with a worker there.",
        limits: "Ambiguous words are judged by their neighbours: \"contact\" counts only beside family words (\"contact with mum\", \"supervised contact\"), and \"placement\" not after \"work\" or \"school\". A rare acronym missing from the list is not found.",
        messages: &["acronym", "acronym_explained", "jargon", "plain"],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let mut explained: Vec<u32> = Vec::new();
    for hit in doc.hits_in(List::Jargon) {
        let entry = doc.entry(hit);
        if entry.acronym && is_definition(doc, hit.start, hit.end, entry.expands.as_deref()) {
            explained.push(hit.entry);
        }
    }
    for hit in doc.hits_in(List::Jargon) {
        if doc.is_quoted(hit.start) {
            continue; // someone else's words, recorded as said
        }
        let entry = doc.entry(hit);
        let term = &doc.norm[hit.start..hit.end];
        let expanded = entry.acronym && !explained.contains(&hit.entry) && doc.has_expansion(hit);
        let spelled_out = entry.acronym && (explained.contains(&hit.entry) || expanded);
        let variant = match (entry.acronym, spelled_out, entry.plain) {
            (true, true, _) => "acronym_explained",
            (true, false, _) => "acronym",
            (false, _, true) => "plain",
            (false, _, false) => "jargon",
        };
        let message = cx.policy.message("jargon", variant, &[("term", term), ("expansion", entry.expands.as_deref().unwrap_or(""))]);
        let suggestions = entry.values().map(str::to_owned).collect();
        let severity = if spelled_out || entry.plain { Severity::Advice } else { entry.severity.unwrap_or(cx.policy.rule("jargon").severity) };
        cx.flag_as("jargon", severity, Some((hit.start, hit.end)), message, suggestions);
    }
}

/// True at "Independent Reviewing Officer (IRO)" or "IRO (Independent
/// Reviewing Officer)": the note defines the acronym here.
pub(crate) fn is_definition(doc: &crate::document::Document<'_>, start: usize, end: usize, expands: Option<&str>) -> bool {
    let before = doc.lower[..start].trim_end();
    let after = doc.lower[end..].trim_start();
    if before.ends_with('(') && after.starts_with(')') {
        let acronym: Vec<char> = doc.norm[start..end].chars().filter(char::is_ascii_uppercase).collect();
        let words: Vec<char> = before[..before.len() - 1]
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty() && !matches!(*w, "and" | "of" | "for" | "the" | "in"))
            .rev()
            .take(acronym.len())
            .filter_map(|w| w.chars().next())
            .collect();
        let initials: String = words.iter().rev().collect();
        return initials.eq_ignore_ascii_case(&acronym.iter().collect::<String>());
    }
    after.starts_with('(') && expands.is_some_and(|e| after[1..].get(..e.len()).is_some_and(|a| a.eq_ignore_ascii_case(e)))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::test::{assert_clean, assert_flags, check};

    #[test]
    fn examples_behave() {
        assert!(!super::super::test::flagged("jargon", RULE.meta.flagged).is_empty());
        assert_clean("jargon", RULE.meta.better);
    }

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
    fn contact_only_as_family_time() {
        assert_flags("jargon", "Contact with dad is supervised. Weekly contact continues.", &["Contact", "contact"]);
        assert_clean("jargon", "I took his contact details. He made eye contact. I will contact school. I contacted the GP.");
    }

    #[test]
    fn placement_not_as_work_or_school() {
        assert_flags("jargon", "Her placement with the foster carers is stable.", &["placement"]);
        assert_clean("jargon", "She starts a work placement at the garage and a school placement next term.");
    }

    #[test]
    fn a_spelled_out_acronym_is_advice() {
        let report = check("The Independent Reviewing Officer (IRO) chaired. The IRO agreed.");
        let severities: Vec<_> = report.findings.iter().filter(|f| f.rule == "jargon").map(|f| f.severity.id()).collect();
        assert_eq!(severities, ["advice", "advice"]);
    }

    #[test]
    fn quoted_words_are_left_alone() {
        assert_clean("jargon", "Jayden said \"I hate my LAC review\".");
    }

    #[test]
    fn equality_words_are_not_jargon() {
        assert_clean("jargon", "Amira is Black British and Muslim. Her brother is autistic and deaf, and a wheelchair user.");
    }
}
