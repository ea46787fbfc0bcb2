//! `missing-professional-opinion`: a note of facts with no assessment.

use super::{Cx, RuleDef, RuleMeta};
use crate::lexicon::List;
use crate::people::Who;

pub(crate) static RULE: RuleDef = RuleDef {
    meta: RuleMeta {
        id: "missing-professional-opinion",
        title: "No professional opinion",
        what: "Looks for the worker's own assessment of need and risk: an explicit frame (\"my assessment is\", \"in my view\", \"I am worried that … because\"), or analysis that links a cause to risk, need or impact (\"this suggests\", \"the risk has reduced since\"). Other people's opinions (\"the GP thinks\", \"mum's view was\") and forms (\"risk assessment completed\") do not count. Reports where it found it, and flags the note when there is none.",
        why: "Standard 1: case recording must \"not just be a summary of facts, but also include the worker's assessment of need and risk and include professional opinion\".",
        flagged: "I visited Jayden at home at 4pm. Mum made tea. Jayden showed me his room. I left at 5pm.",
        better: "I visited Jayden at home at 4pm. Mum made tea. My assessment is that Jayden's needs are being met at home because his room was warm and mum knew his school routine.",
        limits: "Reads sentence by sentence: a judgement spread over several sentences without any analysis words can be missed, and a factual sentence that happens to join a cause to a risk word can count.",
        messages: &["missing"],
    },
    check,
};

fn check(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let mut evidence = Vec::new();
    let mut heading_pending = false;
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let (mut frame, mut weak, mut risk, mut heading) = (false, false, false, false);
        // Impersonal analysis counts only when it comes before anyone else's
        // report in the sentence: "this suggests…" yes, "the GP said this suggests…" no.
        let (mut analysis, mut connective, mut attributed) = (false, false, false);
        for hit in doc.hits_between(List::Opinion, sentence.start, sentence.end).filter(|h| !doc.is_quoted(h.start)) {
            match doc.entry(hit).value.as_str() {
                "frame" => frame = true,
                "weak" => weak = true,
                "risk" => risk = true,
                "heading" => heading = true,
                "analysis" if !attributed => analysis = true,
                "connective" => {
                    connective |= !attributed;
                }
                "attribution" => attributed |= attributed_to_other(cx, hit.start),
                _ => {}
            }
        }
        let words = sentence.end_token - sentence.first_token;
        let weak_supported =
            weak && (risk || connective || doc.hits_between(List::Opinion, sentence.start, sentence.end).any(|h| doc.entry(h).value == "connective"));
        let own_analysis = analysis || (connective && risk) || weak_supported;
        let after_heading = std::mem::take(&mut heading_pending) && words >= 4 && (risk || connective);
        if heading && words < 6 {
            heading_pending = true; // "Analysis:" on its own line: the next line is the analysis
        }
        // "Analysis: risk assessment completed." is a heading over nothing.
        let heading_with_content = heading && (words >= 10 || risk || connective);
        if frame || own_analysis || after_heading || heading_with_content {
            evidence.push(cx.sentence_span(si));
        }
    }
    if evidence.is_empty() && !doc.tokens.is_empty() {
        cx.raise("missing-professional-opinion", "missing", None, &[("child", &cx.child())]);
    }
    cx.out.opinion = evidence;
}

/// True when a reporting word ("said", "thinks", "view") belongs to someone
/// other than the worker: "the GP thinks", "mum's view", "it was reported".
fn attributed_to_other(cx: &Cx<'_>, start: usize) -> bool {
    let doc = cx.doc;
    let token = doc.token_at(start);
    let before = doc.lower[..start].trim_end();
    let last_word = before.rsplit_once(' ').map_or(before, |(_, last)| last);
    if matches!(last_word, "my" | "our" | "sw's" | "worker's" | "i" | "we") {
        return false;
    }
    !matches!(cx.people.before(doc, token, 5), Some((_, Who::Worker)))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::test::{assert_clean, assert_flags, check};

    fn present(text: &str) -> bool {
        check(text).opinion.present
    }

    #[test]
    fn examples_behave() {
        assert_flags("missing-professional-opinion", RULE.meta.flagged, &[""]);
        assert_clean("missing-professional-opinion", RULE.meta.better);
    }

    #[test]
    fn the_workers_own_analysis_counts() {
        assert!(present("In my view the risk to Kacper has reduced since dad moved out."));
        assert!(present("I am worried that Amira is not eating because there was no food in the house."));
        assert!(present("This suggests Kacper's needs are not being met."));
        assert!(present("The risk of harm has reduced since the locks were changed."));
        assert!(present("Analysis:\nJayden's school attendance has improved and he is safer at home now that dad has left."));
    }

    #[test]
    fn other_peoples_opinions_do_not() {
        assert!(!present("The GP thinks the risk is low. Mum's view was that things are better."));
        assert!(!present("School reported that his attendance is at risk because he is often late."));
        assert!(!present("Risk assessment completed and uploaded."));
        assert!(!present("I think the meeting is on Tuesday. I visited at 3pm."));
        assert!(!present("Mum said \"I am worried that he is at risk\"."));
    }
}
