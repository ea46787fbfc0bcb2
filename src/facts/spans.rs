//! A note's sentences as the deadline reads them: the document's sentences,
//! with dictated punctuation read as what it says — "full stop" ends a
//! sentence, "new paragraph" and "new line" start a paragraph — so a
//! transcribed note with no stops has sentences and paragraphs too.

use crate::document::Document;

/// A sentence: its tokens, and whether it starts a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Span {
    pub first_token: usize,
    pub end_token: usize,
    pub paragraph: bool,
}

/// The note's sentences, in order, none empty.
pub(super) fn sentences(doc: &Document<'_>) -> Vec<Span> {
    let mut out = Vec::with_capacity(doc.sentences.len());
    let bytes = doc.norm.as_bytes();
    // A sentence that ends in "new paragraph" starts one after it.
    let mut paragraph_next = true;
    for s in &doc.sentences {
        let paragraph = s.start == 0 || bytes[s.start] == b'\n' || bytes[s.start - 1] == b'\n';
        let mut start = s.first_token;
        paragraph_next |= paragraph;
        let mut i = s.first_token;
        while i < s.end_token {
            // Only "full stop", "new paragraph" and "new line" matter here.
            if !matches!(bytes[doc.tokens[i].start], b'f' | b'n' | b'F' | b'N') {
                i += 1;
                continue;
            }
            let w = doc.word(i);
            let next = if i + 1 < s.end_token { doc.word(i + 1) } else { "" };
            if w == "full" && next == "stop" {
                push(&mut out, start, i + 2, paragraph_next);
                paragraph_next = false;
                start = i + 2;
                i += 2;
            } else if w == "new" && matches!(next, "paragraph" | "line") && !doc.tokens[i].capital {
                push(&mut out, start, i, paragraph_next);
                paragraph_next = true;
                start = i + 2;
                i += 2;
            } else {
                i += 1;
            }
        }
        if s.end_token > start {
            push(&mut out, start, s.end_token, paragraph_next);
            paragraph_next = false;
        }
    }
    out
}

fn push(out: &mut Vec<Span>, first_token: usize, end_token: usize, paragraph: bool) {
    if end_token > first_token {
        out.push(Span { first_token, end_token, paragraph });
    }
}

/// The index of the sentence holding `token`.
pub(super) fn of_token(spans: &[Span], token: usize) -> usize {
    spans.partition_point(|s| s.end_token <= token).min(spans.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn read(text: &str) -> Vec<(String, bool)> {
        static EMPTY: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| Lexicon::build(&[]).unwrap());
        let doc = Document::new(text, &EMPTY);
        sentences(&doc).iter().map(|s| (doc.norm[doc.tokens[s.first_token].start..doc.tokens[s.end_token - 1].end].to_owned(), s.paragraph)).collect()
    }

    #[test]
    fn dictated_punctuation_splits_sentences_and_paragraphs() {
        let got = read("home visit full stop saw oliwia new paragraph mum said fine full stop");
        let want = [("home visit full stop", true), ("saw oliwia", false), ("mum said fine full stop", true)];
        assert_eq!(got, want.map(|(s, p)| (s.to_owned(), p)));
    }

    #[test]
    fn written_sentences_and_lines_stay_as_they_are() {
        let got = read("Visit today. Mum in.\nJayden seen.");
        assert_eq!(got, [("Visit today".to_owned(), true), ("Mum in".to_owned(), false), ("Jayden seen".to_owned(), true)]);
    }
}
