//! Positions at the outer boundary: byte ranges widened to whole grapheme
//! clusters, and byte offsets turned into the UTF-16 code units JavaScript
//! counts in.

use unicode_segmentation::GraphemeCursor;

/// Widens a byte range of `text` to the grapheme clusters it touches, and no
/// further: each end moves outwards to the nearest extended grapheme cluster
/// boundary (UAX #29, from `unicode-segmentation`), and an end already on one
/// stays. So a span never ends between a letter and its combining mark
/// ("non-compliant\u{308}", a decomposed "José", a Devanagari vowel sign) or
/// inside an emoji sequence, a flag or a Hangul syllable: the word lists match
/// letters, but the page highlights what the reader sees as characters.
///
/// There is no ASCII shortcut of our own: the cursor classifies ASCII
/// without its tables, and a shortcut for a position between two ASCII
/// characters saved 1.2% of a native 1,000-word check and 1% of one in
/// WebAssembly (callgrind).
pub(crate) fn whole_graphemes(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start = boundary_at_or_before(text, start);
    let end = boundary_at_or_after(text, end.max(start));
    (start, end)
}

/// True when `at` (a character boundary of `text`) is a grapheme cluster boundary.
pub(crate) fn is_grapheme_boundary(text: &str, at: usize) -> bool {
    GraphemeCursor::new(at, text.len(), true).is_boundary(text, 0).unwrap_or(true)
}

/// The last cluster boundary at or before `at` (a character boundary). The
/// cursor is given the whole text, so it never asks for more context; were
/// it to, the span would widen to the text's start rather than split a cluster.
fn boundary_at_or_before(text: &str, at: usize) -> usize {
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => at,
        _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
    }
}

/// The first cluster boundary at or after `at` (a character boundary).
fn boundary_at_or_after(text: &str, at: usize) -> usize {
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => at,
        _ => cursor.next_boundary(text, 0).ok().flatten().unwrap_or(text.len()),
    }
}

/// UTF-16 offsets of sorted byte offsets (each on a character boundary).
pub(crate) fn utf16_offsets(text: &str, sorted_bytes: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut units = 0;
    let mut from = 0;
    sorted_bytes
        .iter()
        .map(|&to| {
            units += utf16_len(&bytes[from..to]);
            from = to;
            units
        })
        .collect()
}

/// UTF-16 units of whole UTF-8 characters, counted from their bytes: one
/// for each byte that starts a character, one more for each that starts a
/// four-byte one (a surrogate pair). The compiler turns this into a vector loop.
fn utf16_len(utf8: &[u8]) -> usize {
    utf8.iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn spans_widen_to_whole_graphemes() {
        assert_eq!(whole_graphemes("e\u{301}x", 1, 1), (0, 3));
        assert_eq!(whole_graphemes("ab", 0, 2), (0, 2));
        assert_eq!(whole_graphemes("\u{1f469}\u{200d}\u{1f467}", 4, 7), (0, 11));
        assert_eq!(whole_graphemes("a\r\nb", 2, 2), (1, 3));
        assert_eq!(whole_graphemes("a\n\u{b3c}b", 2, 5), (2, 5));
        assert_eq!(whole_graphemes("a \u{b3c}b", 2, 5), (1, 5));
        assert_eq!(whole_graphemes("\u{1f1ec}\u{1f1e7} UK", 4, 4), (0, 8));
        assert_eq!(whole_graphemes("Zo\u{eb}\u{2019}s", 0, 4), (0, 4));
    }

    #[test]
    fn spans_in_other_scripts_take_only_their_own_clusters() {
        // A whole word stays as it is, in scripts the old table did not know.
        for word in [
            "\u{645}\u{62d}\u{645}\u{62f}",
            "\u{0938}\u{093f}\u{0902}\u{0939}",
            "\u{9b0}\u{9b9}\u{9bf}\u{9ae}",
            "\u{ba4}\u{bae}\u{bbf}\u{bb4}\u{bcd}",
            "\u{738b}\u{5c0f}\u{660e}",
            "\u{d55c}\u{ad6d}",
            "\u{e2a}\u{e27}\u{e31}\u{e2a}\u{e14}\u{e35}",
        ] {
            let text = format!("{word}\u{0938}\u{094d}");
            assert_eq!(whole_graphemes(&text, 0, word.len()), (0, word.len()), "{word}");
        }
        // A Devanagari conjunct (a consonant, virama, consonant and vowel
        // sign) is one cluster: a range inside it takes it whole.
        let kshi = "\u{915}\u{94d}\u{937}\u{93f}";
        assert_eq!(whole_graphemes(kshi, 3, 6), (0, kshi.len()));
        // A span ending before a vowel sign takes the sign, not the next syllable.
        let hindi = "\u{0928}\u{093e}\u{092e}";
        assert_eq!(whole_graphemes(hindi, 0, 3), (0, 6));
        // Regional indicators pair from the left.
        let flags = "\u{1f1ec}\u{1f1e7}\u{1f1eb}\u{1f1f7}";
        assert_eq!(whole_graphemes(flags, 8, 12), (8, 16));
        // An Arabic number sign (a prepended mark) belongs to what follows it.
        assert_eq!(whole_graphemes("\u{600}12", 2, 3), (0, 3));
    }

    /// The clusters a range touches, from the crate's own iterator.
    fn enclosing(text: &str, start: usize, end: usize) -> (usize, usize) {
        let bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).chain([text.len()]).collect();
        let before = *bounds.iter().rev().find(|&&b| b <= start).unwrap();
        let after = *bounds.iter().find(|&&b| b >= end.max(before)).unwrap();
        (before, after)
    }

    #[test]
    fn every_range_widens_to_exactly_the_clusters_it_touches() {
        let samples = [
            "Zoe\u{308} \r\n\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467} \u{1f44d}\u{1f3fd}\u{1f1ec}\u{1f1e7}\u{1f1eb}",
            "\u{645}\u{64f}\u{62d}\u{64e}\u{645}\u{651}\u{64e}\u{62f} \u{600}\u{661}\u{662} \u{915}\u{94d}\u{937}\u{93f}\u{928}\u{94d}\u{200d}",
            "\u{995}\u{9cd}\u{9b7} \u{b95}\u{bcd}\u{bb7} \u{e01}\u{e33} \u{1100}\u{1161}\u{11a8}\u{ac00}\u{11a8} \u{738b}1\u{fe0f}\u{20e3}",
            "\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}\u{200d}\u{a0}\u{301}\u{5d3}\u{5b8}\u{5d5}\u{5b4}\u{5d3}\r\u{301}\n",
        ];
        for text in samples {
            let at: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            for (k, &start) in at.iter().enumerate() {
                for &end in &at[k..] {
                    assert_eq!(whole_graphemes(text, start, end), enclosing(text, start, end), "{text:?} {start}..{end}");
                }
            }
        }
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs_twice() {
        let text = "a\u{e9}\u{1f600}b";
        assert_eq!(utf16_offsets(text, &[0, 1, 3, 7, 8]), vec![0, 1, 2, 4, 5]);
    }
}
