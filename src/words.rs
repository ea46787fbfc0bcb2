//! Words of a note, as Unicode's word boundaries (UAX #29) find them, with a
//! fast path for the plain ASCII most notes are made of.
//!
//! A word never spans white space, so the text is cut at ASCII white space and
//! each piece is split on its own: pieces in ASCII by the rules below, any
//! other piece by `unicode-segmentation`. A property test checks the two agree.

use unicode_segmentation::UnicodeSegmentation;

/// Calls `word(start, end)` for every word of `text`, in order.
pub(crate) fn for_each_word(text: &str, mut word: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let piece = &text[start..i];
        if piece.is_ascii() {
            ascii_words(piece.as_bytes(), |s, e| word(start + s, start + e));
        } else {
            for (s, w) in piece.unicode_word_indices() {
                word(start + s, start + s + w.len());
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_`: joins letters and digits (ExtendNumLet).
    Join,
    /// `:` between letters (MidLetter).
    MidLetter,
    /// `.` and `'` between letters or between digits (MidNumLet, Single_Quote).
    MidBoth,
    /// `,` and `;` between digits (MidNum).
    MidNum,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Join,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidBoth,
        b',' | b';' => Class::MidNum,
        _ => Class::Other,
    }
}

/// The words of an ASCII piece with no white space in it.
fn ascii_words(piece: &[u8], mut word: impl FnMut(usize, usize)) {
    let n = piece.len();
    let mut i = 0;
    while i < n {
        if !matches!(class(piece[i]), Class::Letter | Class::Digit | Class::Join) {
            i += 1;
            continue;
        }
        let start = i;
        let mut has_word_char = false;
        loop {
            let c = class(piece[i]);
            has_word_char |= matches!(c, Class::Letter | Class::Digit);
            let next = piece.get(i + 1).map(|&b| class(b));
            match next {
                Some(Class::Letter | Class::Digit | Class::Join) => i += 1,
                Some(mid @ (Class::MidLetter | Class::MidBoth | Class::MidNum)) => {
                    let after = piece.get(i + 2).map(|&b| class(b));
                    let joins = match (c, mid, after) {
                        (Class::Letter, Class::MidLetter | Class::MidBoth, Some(Class::Letter)) => true,
                        (Class::Digit, Class::MidNum | Class::MidBoth, Some(Class::Digit)) => true,
                        _ => false,
                    };
                    if joins {
                        i += 2;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        i += 1;
        // A run of underscores alone is not a word.
        if has_word_char {
            word(start, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_word(text, |s, e| out.push(&text[s..e]));
        out
    }

    fn reference(text: &str) -> Vec<&str> {
        text.unicode_words().collect()
    }

    #[test]
    fn agrees_with_unicode_segmentation_on_notes() {
        for line in include_str!("../tests/notes/labelled.jsonl").lines().chain(include_str!("../tests/notes/holdout.jsonl").lines()) {
            let text = serde_json::from_str::<serde_json::Value>(line).unwrap()["text"].as_str().unwrap().to_owned();
            assert_eq!(words(&text), reference(&text));
        }
    }

    #[test]
    fn agrees_on_tricky_ascii() {
        let cases = [
            "don't s.47 e.g. 3.5 1,000 a:b a_b __ _a 9-year-old mum's 'quoted' x.y.z 1.2.3 a..b 1,,2 ab'cd' end.",
            "O'Neill's 10:30 a' 'a 4pm, £5 #tag @me 50% (LAC) [CIN] \"hi\" x;y 1;2 _1_ a._b",
        ];
        for text in cases {
            assert_eq!(words(text), reference(text), "{text}");
        }
    }

    #[test]
    fn agrees_on_every_short_ascii_string() {
        // Every string of up to four bytes from a telling alphabet.
        let alphabet = b"a1_:.',; ";
        let mut buf = Vec::new();
        fn go(buf: &mut Vec<u8>, alphabet: &[u8], depth: usize) {
            let text = std::str::from_utf8(buf).unwrap().to_owned();
            let mut ours = Vec::new();
            for_each_word(&text, |s, e| ours.push(text[s..e].to_owned()));
            let theirs: Vec<String> = text.unicode_words().map(str::to_owned).collect();
            assert_eq!(ours, theirs, "{text:?}");
            if depth == 0 {
                return;
            }
            for &b in alphabet {
                buf.push(b);
                go(buf, alphabet, depth - 1);
                buf.pop();
            }
        }
        go(&mut buf, alphabet, 5);
    }
}
