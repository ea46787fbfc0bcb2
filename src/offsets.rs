//! Positions at the outer boundary: byte ranges widened to whole grapheme
//! clusters, and byte offsets turned into the UTF-16 code units JavaScript
//! counts in.

/// Widens a byte range of `text` to whole grapheme clusters, so a span never
/// ends between a letter and its combining mark ("non-compliant\u{308}", a
/// decomposed "José") or inside an emoji sequence: the word lists match
/// letters, but the page highlights what the reader sees as characters.
///
/// Unicode's grapheme tables would be an eighth of the WebAssembly module, so
/// each end moves outwards to the nearest position that is a boundary for
/// certain (see `certain_boundary`). In English text that is where the end
/// already is; in other scripts a span may take in a neighbouring cluster,
/// but it never splits one (a property test checks this against the tables).
pub(crate) fn whole_graphemes(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut start = start;
    while !certain_boundary(text, start) {
        start = text[..start].char_indices().next_back().map_or(0, |(i, _)| i);
    }
    let mut end = end.max(start);
    while !certain_boundary(text, end) {
        end += text[end..].chars().next().map_or(1, char::len_utf8);
    }
    (start, end)
}

/// True when `at` is a grapheme cluster boundary whatever the rules' finer
/// points: the text's ends, or before a character that always starts a
/// cluster (ASCII, and the Latin, Greek and Cyrillic letters, punctuation and
/// currency signs notes are written with; none of them extends, joins or is
/// an emoji) or after a line break or other control character, unless the
/// character before binds to it (CR before LF, or one of Unicode's few
/// "prepend" characters).
fn certain_boundary(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at > 0 && at < bytes.len() && bytes[at - 1].is_ascii() && bytes[at].is_ascii() {
        return !(bytes[at - 1] == b'\r' && bytes[at] == b'\n');
    }
    let (Some(next), Some(prev)) = (text[at..].chars().next(), text[..at].chars().next_back()) else { return true };
    let starts_cluster = matches!(next,
        '\0'..='\u{a8}' | '\u{aa}'..='\u{ad}' | '\u{af}'..='\u{24f}' | '\u{370}'..='\u{3ff}' | '\u{400}'..='\u{482}'
        | '\u{48a}'..='\u{52f}' | '\u{1e00}'..='\u{1eff}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{203b}'
        | '\u{203d}'..='\u{2048}' | '\u{204a}'..='\u{205e}' | '\u{20a0}'..='\u{20bf}');
    let binds_forward = matches!(prev,
        '\u{600}'..='\u{605}' | '\u{6dd}' | '\u{70f}' | '\u{890}' | '\u{891}' | '\u{8e2}' | '\u{d4e}' | '\u{110bd}' | '\u{110cd}'
        | '\u{111c2}' | '\u{111c3}' | '\u{1193f}' | '\u{11941}' | '\u{11a3a}' | '\u{11a84}'..='\u{11a89}' | '\u{11d46}' | '\u{11f02}');
    let after_control = prev.is_control() || matches!(prev, '\u{2028}' | '\u{2029}');
    (starts_cluster || after_control) && !binds_forward && !(prev == '\r' && next == '\n')
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
    fn utf16_offsets_count_surrogate_pairs_twice() {
        let text = "a\u{e9}\u{1f600}b";
        assert_eq!(utf16_offsets(text, &[0, 1, 3, 7, 8]), vec![0, 1, 2, 4, 5]);
    }
}
