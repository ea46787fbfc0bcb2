//! Words of a note, as Unicode's word boundaries (UAX #29) find them in the
//! scripts case notes are written in, with a fast path for plain ASCII.
//!
//! A word never spans white space, so the text is cut at ASCII white space and
//! each piece is split on its own by the rules below: letters and digits join,
//! `'` `.` `:` join letters, `.` `,` `;` join digits, `_` joins both, and
//! combining marks stay with the letter before them. Tests check the result
//! against `unicode-segmentation` on every labelled note; leaving its tables
//! out keeps the WebAssembly module small.

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
            let piece = piece.as_bytes();
            split(piece.len(), |k| class(piece[k]), |k| (k, k + 1), |s, e| word(start + s, start + e));
        } else {
            // Each unit is a character with the marks that extend it.
            let mut units: Vec<(Class, usize, usize)> = Vec::with_capacity(piece.len());
            for (at, c) in piece.char_indices() {
                let end = at + c.len_utf8();
                match units.last_mut() {
                    Some(last) if extends(c) => last.2 = end,
                    _ => units.push((char_class(c), at, end)),
                }
            }
            split(units.len(), |k| units[k].0, |k| (units[k].1, units[k].2), |s, e| word(start + s, start + e));
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
    /// A letter or number that is a word by itself: `½`.
    Single,
    Other,
}

/// The class of every byte, looked up rather than matched: this runs for
/// every character of every note.
static ASCII_CLASS: [Class; 256] = {
    let mut table = [Class::Other; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = ascii_class(b as u8);
        b += 1;
    }
    table
};

#[inline(always)]
fn class(b: u8) -> Class {
    ASCII_CLASS[b as usize]
}

const fn ascii_class(b: u8) -> Class {
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

fn char_class(c: char) -> Class {
    match c {
        c if c.is_ascii() => class(c as u8),
        c if c.is_alphabetic() => Class::Letter,
        // Fractions, superscripts and circled numbers are words of their own.
        '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{bc}'..='\u{be}' | '\u{2070}'..='\u{209f}' | '\u{2150}'..='\u{218f}' | '\u{2460}'..='\u{24ff}' => Class::Single,
        c if c.is_numeric() => Class::Digit,
        '\u{b7}' | '\u{387}' | '\u{5f4}' | '\u{2027}' | '\u{fe13}' | '\u{fe55}' | '\u{ff1a}' => Class::MidLetter,
        '\u{2018}' | '\u{2019}' | '\u{2024}' | '\u{fe52}' | '\u{ff07}' | '\u{ff0e}' => Class::MidBoth,
        '\u{66c}' | '\u{fe50}' | '\u{fe54}' | '\u{ff0c}' | '\u{ff1b}' => Class::MidNum,
        '\u{203f}' | '\u{2040}' | '\u{2054}' | '\u{fe33}' | '\u{fe34}' | '\u{fe4d}'..='\u{fe4f}' | '\u{ff3f}' => Class::Join,
        _ => Class::Other,
    }
}

/// Combining marks, joiners, variation selectors, skin-tone modifiers and
/// invisible format characters: they belong to the character before them.
fn extends(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}' | '\u{483}'..='\u{489}' | '\u{ad}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{200c}' | '\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{20d0}'..='\u{20ff}' | '\u{fe00}'..='\u{fe0f}'
        | '\u{fe20}'..='\u{fe2f}' | '\u{feff}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{e0100}'..='\u{e01ef}')
}

/// The words of a piece with no white space in it, given as `n` units with
/// a class and a byte range each.
fn split(n: usize, class_of: impl Fn(usize) -> Class, range_of: impl Fn(usize) -> (usize, usize), mut word: impl FnMut(usize, usize)) {
    let mut i = 0;
    while i < n {
        if class_of(i) == Class::Single {
            word(range_of(i).0, range_of(i).1);
            i += 1;
            continue;
        }
        if !matches!(class_of(i), Class::Letter | Class::Digit | Class::Join) {
            i += 1;
            continue;
        }
        let start = i;
        let mut has_word_char = false;
        loop {
            let c = class_of(i);
            has_word_char |= matches!(c, Class::Letter | Class::Digit);
            let next = (i + 1 < n).then(|| class_of(i + 1));
            match next {
                Some(Class::Letter | Class::Digit | Class::Join) => i += 1,
                Some(mid @ (Class::MidLetter | Class::MidBoth | Class::MidNum)) => {
                    let after = (i + 2 < n).then(|| class_of(i + 2));
                    let joins = matches!(
                        (c, mid, after),
                        (Class::Letter, Class::MidLetter | Class::MidBoth, Some(Class::Letter))
                            | (Class::Digit, Class::MidNum | Class::MidBoth, Some(Class::Digit))
                    );
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
            word(range_of(start).0, range_of(i - 1).1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

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
    fn agrees_beyond_ascii() {
        let cases = [
            "Zoë and Chloé’s café, Łukasz, Ioana-Ștefania, naïve 5½",
            "Zoe\u{308} decomposed, e\u{301}\u{301}x, 😀 emoji 👩\u{200d}👧 and 👍🏽 thumbs, ©2026",
            "Müller·s Αθηνά Ольга ١٢٣ 9\u{a0}years, soft\u{ad}hyphen, zero\u{200b}width",
        ];
        for text in cases {
            assert_eq!(words(text), reference(text), "{text}");
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
