//! Words of a note: Unicode's word boundaries (UAX #29, from
//! `unicode-segmentation`), with one tailoring: a word never holds white space.
//!
//! The text is cut at ASCII white space and each piece is split on its own.
//! The checker splits the normalised note, whose only white space is ASCII
//! (`normalise` makes every other space a plain one), so its words are the
//! crate's own `unicode_word_indices` of the whole note, but for a mark after
//! a space: UAX #29 joins it to the space, and here the space stays out.
//!
//! Cutting first is also what keeps it fast. On a piece of plain ASCII —
//! nearly every piece of an English note — the crate takes its own ASCII
//! path; the whole note at once, with one emoji or accented name in it,
//! takes the general one. Counted with callgrind on the benchmark's
//! 1,000-word note (15 non-ASCII characters), the rest of the check as it
//! was, a native check is 2.01 million instructions cut first, 2.85 million
//! splitting the whole note (+42%), and was 2.00 million with the
//! hand-written splitter this replaced. Keeping that splitter for ASCII
//! pieces would save 0.8% of a native check and 2.6% of one in WebAssembly
//! (6.49 against 6.66 million instructions, Node included), which no
//! wall-clock benchmark here can see: too little for a second
//! implementation, so there is no fast path of ours.

use unicode_segmentation::UnicodeSegmentation;

/// Calls `word(start, end)` for every word of `text`, in order: the
/// letter-or-digit segments of UAX #29 in each run of non-white-space.
pub(crate) fn for_each_word(text: &str, mut word: impl FnMut(usize, usize)) {
    let base = text.as_ptr() as usize;
    for piece in text.split_ascii_whitespace() {
        let at = piece.as_ptr() as usize - base;
        for (start, w) in piece.unicode_word_indices() {
            word(at + start, at + start + w.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalise;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_word(text, |s, e| out.push(&text[s..e]));
        out
    }

    /// `unicode-segmentation`'s words of the whole text at once, less the
    /// white space UAX #29 joins to a combining mark after it.
    fn reference(text: &str) -> Vec<&str> {
        text.unicode_words().map(|w| w.trim_start_matches(|c: char| c.is_ascii_whitespace())).collect()
    }

    #[test]
    fn agrees_with_unicode_segmentation_on_notes() {
        for line in include_str!("../tests/notes/labelled.jsonl").lines().chain(include_str!("../tests/notes/holdout.jsonl").lines()) {
            let text = serde_json::from_str::<serde_json::Value>(line).unwrap()["text"].as_str().unwrap().to_owned();
            assert_eq!(words(&text), reference(&text));
            let norm = normalise(&text);
            assert_eq!(words(&norm), norm.unicode_words().collect::<Vec<_>>(), "the same as the crate's, exactly");
        }
    }

    #[test]
    fn words_in_other_scripts() {
        let cases: &[(&str, &[&str])] = &[
            ("Zo\u{eb}\u{2019}s caf\u{e9}, 5\u{bd}", &["Zo\u{eb}\u{2019}s", "caf\u{e9}", "5", "\u{bd}"]),
            (
                "\u{645}\u{64f}\u{62d}\u{64e}\u{645}\u{651}\u{64e}\u{62f} \u{639}\u{627}\u{626}\u{634}\u{6c1}",
                &["\u{645}\u{64f}\u{62d}\u{64e}\u{645}\u{651}\u{64e}\u{62f}", "\u{639}\u{627}\u{626}\u{634}\u{6c1}"],
            ),
            (
                "\u{92a}\u{94d}\u{930}\u{93f}\u{92f}\u{93e} \u{9b0}\u{9b9}\u{9bf}\u{9ae}",
                &["\u{92a}\u{94d}\u{930}\u{93f}\u{92f}\u{93e}", "\u{9b0}\u{9b9}\u{9bf}\u{9ae}"],
            ),
            ("\u{ba4}\u{bae}\u{bbf}\u{bb4}\u{bcd} \u{d55c}\u{ad6d}\u{c5b4}", &["\u{ba4}\u{bae}\u{bbf}\u{bb4}\u{bcd}", "\u{d55c}\u{ad6d}\u{c5b4}"]),
            // Han and Thai have no spaces between words, and UAX #29 has no
            // dictionary: each ideograph or Thai letter is a word of its own.
            ("\u{738b}\u{5c0f}\u{660e}", &["\u{738b}", "\u{5c0f}", "\u{660e}"]),
            ("\u{e2a}\u{e27}\u{e31}", &["\u{e2a}", "\u{e27}\u{e31}"]),
            // Katakana joins; emoji and marks on their own are not words.
            ("\u{30ab}\u{30bf}\u{30ab}\u{30ca} \u{1f469}\u{200d}\u{1f467} \u{301}", &["\u{30ab}\u{30bf}\u{30ab}\u{30ca}"]),
            // A mark after a space starts a word of its own, without the space.
            ("a \u{93f}b", &["a", "\u{93f}", "b"]),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), *expected, "{text}");
            assert_eq!(words(text), reference(text), "{text}");
        }
    }

    #[test]
    fn agrees_beyond_ascii() {
        let cases = [
            "Zo\u{eb} and Chlo\u{e9}\u{2019}s caf\u{e9}, \u{141}ukasz, Ioana-\u{218}tefania, na\u{ef}ve 5\u{bd}",
            "Zoe\u{308} decomposed, e\u{301}\u{301}x, \u{1f600} emoji \u{1f469}\u{200d}\u{1f467} and \u{1f44d}\u{1f3fd} thumbs, \u{a9}2026",
            "M\u{fc}ller\u{b7}s \u{391}\u{3b8}\u{3b7}\u{3bd}\u{3ac} \u{41e}\u{43b}\u{44c}\u{433}\u{430} \u{661}\u{662}\u{663} 9\u{a0}years, soft\u{ad}hyphen, zero\u{200b}width",
        ];
        for text in cases {
            assert_eq!(words(text), reference(text), "{text}");
        }
    }

    #[test]
    fn agrees_on_tricky_ascii() {
        let cases = [
            "don't s.47 e.g. 3.5 1,000 a:b a_b __ _a 9-year-old mum's 'quoted' x.y.z 1.2.3 a..b 1,,2 ab'cd' end.",
            "O'Neill's 10:30 a' 'a 4pm, \u{a3}5 #tag @me 50% (LAC) [CIN] \"hi\" x;y 1;2 _1_ a._b",
        ];
        for text in cases {
            assert_eq!(words(text), reference(text), "{text}");
        }
    }

    #[test]
    fn agrees_on_every_short_ascii_string() {
        // Every string of up to five bytes from a telling alphabet.
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

    /// Characters the word rules single out, in many scripts: letters, marks
    /// and joiners, the characters that join letters or digits, Hebrew letters
    /// and quotes, Katakana, ideographs, Thai, emoji, digits of other scripts,
    /// and white space of every kind.
    const TELLING: &str = "aZ9_.,;:'\"\u{2019}\u{b7}\u{5f4}\u{ff0e}\u{66c}\u{202f}\u{203f} \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{3000}\u{2028}\u{200b}\u{ad}\u{301}\u{93f}\u{94d}\u{200c}\u{200d}\u{fe0f}\u{1f3fd}\u{5d0}\u{5d3}\u{30ab}\u{30fc}\u{3005}\u{4e00}\u{e01}\u{e31}\u{645}\u{600}\u{661}\u{967}\u{915}\u{9b0}\u{b95}\u{d55c}\u{1100}\u{e9}\u{3b1}\u{434}\u{1f600}\u{1f1ec}\u{1f1e7}\u{24b6}\u{bd}\u{2460}";

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512),
            ..ProptestConfig::default()
        })]

        /// On any text, normalised as the checker normalises a note: exactly
        /// the crate's words of the whole text (white space aside).
        #[test]
        fn agrees_with_unicode_segmentation_on_any_text(chars in prop::collection::vec(prop_oneof![
            3 => prop::sample::select(TELLING.chars().collect::<Vec<_>>()),
            1 => any::<char>(),
        ], 0..48)) {
            let text: String = chars.into_iter().collect();
            let norm = normalise(&text);
            prop_assert_eq!(words(&norm), reference(&norm), "{:?}", norm);
        }
    }
}
