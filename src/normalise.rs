//! One form for the note and the word lists alike: curly apostrophes and
//! quotes made straight, a hyphen or dash between words made a space, runs of
//! white space made one, line breaks kept. The note keeps a map from each
//! byte of its normalised form back to the original, so findings point at
//! (and quote) what the worker wrote.

/// Appends the normalised form of `s` to `out`; with `map`, records for every
/// byte written the offset in `s` it came from.
pub(crate) fn normalise_into(s: &str, out: &mut String, mut map: Option<&mut Vec<u32>>) {
    let bytes = s.as_bytes();
    // Bytes copied as they are: printable ASCII but for the few it rewrites.
    let plain = |b: u8| b.is_ascii_graphic() && b != b'-' && b != b'`';
    let mut in_space = false;
    let mut i = 0;
    while i < bytes.len() {
        if plain(bytes[i]) {
            let start = i;
            while i < bytes.len() && plain(bytes[i]) {
                i += 1;
            }
            out.push_str(&s[start..i]);
            if let Some(map) = map.as_deref_mut() {
                map.extend(start as u32..i as u32);
            }
            in_space = false;
            continue;
        }
        if bytes[i] == b' ' {
            // The commonest byte: kept when it follows a word, dropped in a run.
            if !in_space {
                out.push(' ');
                if let Some(map) = map.as_deref_mut() {
                    map.push(i as u32);
                }
                in_space = true;
            }
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("i is on a character boundary");
        let here = i;
        i += c.len_utf8();
        let i = here;
        let next = s[i + c.len_utf8()..].chars().next();
        let replacement = match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0b}' | '\u{0c}' | '\u{85}' => {
                if in_space {
                    // A run of white space with a line break in it is a line break.
                    out.pop();
                    if let Some(map) = map.as_deref_mut() {
                        let origin = map.pop().unwrap_or(i as u32);
                        out.push('\n');
                        map.push(origin);
                    } else {
                        out.push('\n');
                    }
                    continue;
                }
                '\n'
            }
            c if c.is_whitespace() || (c.is_control() && c != '\t') => ' ',
            '\t' => ' ',
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' | '`' | '\u{00b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}' | '\u{00bb}' => '"',
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => {
                let between_words = out.chars().next_back().is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
                if between_words {
                    ' '
                } else {
                    '-'
                }
            }
            c => c,
        };
        let is_space = replacement == ' ' || replacement == '\n';
        if is_space && in_space {
            if replacement == '\n' && out.ends_with(' ') {
                out.pop();
                out.push('\n');
            }
            continue;
        }
        in_space = is_space;
        if replacement == c {
            out.push(c);
            if let Some(map) = map.as_deref_mut() {
                map.extend((0..c.len_utf8()).map(|k| (i + k) as u32));
            }
        } else {
            out.push(replacement);
            if let Some(map) = map.as_deref_mut() {
                map.push(i as u32);
            }
        }
    }
    if let Some(map) = map {
        map.push(s.len() as u32);
    }
}

/// `normalise`d and in lower case: how a guard word is compared with the
/// note's lower-case text. Most are plain lower-case words already.
pub(crate) fn matching_form(word: &str) -> String {
    // Most list words are plain lower case already. One pass over the bytes
    // decides it: a substring search for the double space set up a searcher
    // per word, which was a tenth of building the lists.
    let bytes = word.as_bytes();
    let plain = bytes.iter().all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'\'' || b == b' ');
    if plain && !bytes.windows(2).any(|pair| pair == b"  ") {
        return word.to_owned();
    }
    let mut form = normalise(word);
    form.make_ascii_lowercase();
    form
}

/// The matching form of a word or phrase: curly apostrophes and quotes made
/// straight, a hyphen between letters made a space, runs of white space made
/// one. `Document` applies the same to the note.
pub(crate) fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_into(s, &mut out, None);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_keeps_a_map_back_to_the_text() {
        let text = "Zo\u{eb}\u{2019}s  mum\u{2014}said \u{201c}hi\u{201d}\r\n\r\nnon\u{2011}compliant";
        let mut norm = String::new();
        let mut map = Vec::new();
        normalise_into(text, &mut norm, Some(&mut map));
        assert_eq!(norm, "Zo\u{eb}'s mum said \"hi\"\nnon compliant");
        assert_eq!(map.len(), norm.len() + 1);
        let at = norm.find("non").unwrap();
        assert_eq!(&text[map[at] as usize..map[norm.len()] as usize], "non\u{2011}compliant");
    }

    #[test]
    fn guard_words_match_the_lower_case_form() {
        assert_eq!(matching_form("looked after"), "looked after");
        assert_eq!(matching_form("Non-Compliant"), "non compliant");
        assert_eq!(normalise("mum\u{2019}s"), "mum's");
    }
}
