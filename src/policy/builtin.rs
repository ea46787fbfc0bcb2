//! Worcestershire's "Recording with Care" policy, built in: `policy.json`
//! and the word lists of `data/worcestershire/`, trimmed at compile time of
//! what only their editors need (comments, blank lines, white space between
//! JSON tokens), so they cost the WebAssembly module as little as possible.

use serde_json::{Map, Value};

use crate::lexicon::List;

macro_rules! data {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/worcestershire/", $file))
    };
}

/// A built-in word list without its comments and blank lines, worked out
/// at compile time: the comments are for the lists' editors and need not
/// take up room in the WebAssembly module.
macro_rules! list {
    ($file:literal) => {{
        const SOURCE: &[u8] = data!($file).as_bytes();
        const BYTES: [u8; entry_lines_len(SOURCE)] = entry_lines(SOURCE);
        match std::str::from_utf8(&BYTES) {
            Ok(text) => text,
            Err(_) => panic!("a word list is UTF-8"),
        }
    }};
}

/// The built-in `policy.json` without the white space between its tokens,
/// worked out at compile time like the lists.
pub(super) const WORCESTERSHIRE_JSON: &str = {
    const SOURCE: &[u8] = data!("policy.json").as_bytes();
    const BYTES: [u8; json_tokens(SOURCE, &mut [])] = {
        let mut out = [0u8; json_tokens(SOURCE, &mut [])];
        json_tokens(SOURCE, &mut out);
        out
    };
    match std::str::from_utf8(&BYTES) {
        Ok(text) => text,
        Err(_) => panic!("policy.json is UTF-8"),
    }
};

/// Copies `json` without the white space outside its strings into `out`
/// (when it has room) and returns the length that takes.
const fn json_tokens(json: &[u8], out: &mut [u8]) -> usize {
    let (mut len, mut i, mut in_string) = (0, 0, false);
    while i < json.len() {
        let b = json[i];
        let keep = in_string || !matches!(b, b' ' | b'\n' | b'\r' | b'\t');
        if keep {
            if len < out.len() {
                out[len] = b;
            }
            len += 1;
        }
        if in_string && b == b'\\' && i + 1 < json.len() {
            if len < out.len() {
                out[len] = json[i + 1];
            }
            len += 1;
            i += 1;
        } else if b == b'"' {
            in_string = !in_string;
        }
        i += 1;
    }
    len
}

/// The built-in word lists, in the order of `List::ALL`.
pub(super) const WORCESTERSHIRE_LISTS: [&str; List::COUNT] = [
    list!("jargon.txt"),
    list!("stigmatising.txt"),
    list!("vague.txt"),
    list!("equality.txt"),
    list!("deadline.txt"),
    list!("opinion.txt"),
    list!("voice.txt"),
    list!("people.txt"),
    list!("recording.txt"),
];

/// The next line of a list at or after `from` that holds an entry (not
/// blank, not a `#` comment): its start, its end, and where the line after begins.
const fn next_entry_line(text: &[u8], from: usize) -> Option<(usize, usize, usize)> {
    let mut start = from;
    while start < text.len() {
        let mut end = start;
        while end < text.len() && text[end] != b'\n' {
            end += 1;
        }
        let mut first = start;
        while first < end && (text[first] == b' ' || text[first] == b'\t' || text[first] == b'\r') {
            first += 1;
        }
        if first < end && text[first] != b'#' {
            return Some((start, end, end + 1));
        }
        start = end + 1;
    }
    None
}

/// The length of `entry_lines(text)`.
const fn entry_lines_len(text: &[u8]) -> usize {
    let mut len = 0;
    let mut at = 0;
    while let Some((start, end, next)) = next_entry_line(text, at) {
        len += end - start + 1;
        at = next;
    }
    len
}

/// The entry lines of `text`, each ending in a line break.
const fn entry_lines<const N: usize>(text: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut len = 0;
    let mut at = 0;
    while let Some((start, end, next)) = next_entry_line(text, at) {
        let mut i = start;
        while i < end {
            out[len] = text[i];
            len += 1;
            i += 1;
        }
        out[len] = b'\n';
        len += 1;
        at = next;
    }
    out
}

/// The built-in policy as one JSON document, word lists included.
pub(crate) fn worcestershire_document() -> Value {
    let mut doc: Value = serde_json::from_str(WORCESTERSHIRE_JSON).expect("the built-in policy.json is JSON (tested)");
    let lists: Map<String, Value> = List::ALL
        .iter()
        .zip(WORCESTERSHIRE_LISTS)
        .map(|(list, text)| {
            let lines = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
            (list.id().to_owned(), Value::Array(lines.map(|l| Value::String(l.to_owned())).collect()))
        })
        .collect();
    doc["lists"] = Value::Object(lists);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_policy_json_loses_only_white_space() {
        let original: Value = serde_json::from_str(data!("policy.json")).unwrap();
        assert_eq!(serde_json::from_str::<Value>(WORCESTERSHIRE_JSON).unwrap(), original);
        assert!(WORCESTERSHIRE_JSON.len() < data!("policy.json").len() && !WORCESTERSHIRE_JSON.contains("\n"));
    }

    #[test]
    fn built_in_lists_keep_every_entry_line() {
        let originals = [
            data!("jargon.txt"),
            data!("stigmatising.txt"),
            data!("vague.txt"),
            data!("equality.txt"),
            data!("deadline.txt"),
            data!("opinion.txt"),
            data!("voice.txt"),
            data!("people.txt"),
            data!("recording.txt"),
        ];
        for (original, stripped) in originals.iter().zip(WORCESTERSHIRE_LISTS) {
            let entries: Vec<&str> = original.lines().filter(|l| !l.trim().is_empty() && !l.trim().starts_with('#')).collect();
            assert_eq!(stripped.lines().collect::<Vec<_>>(), entries);
            assert!(!entries.is_empty());
        }
    }
}
