//! What kind of record a note is, as its layout shows: whether it is written
//! in numbered paragraphs, as a court statement or a report's section is.

use crate::document::Document;

/// True when two lines in a row are numbered as paragraphs are ("28." then
/// "29.", "5.12" then "5.13", "2." then "2.1"): the note is a statement or a
/// report's section, not a record of one event. Times at the start of a
/// log's lines ("10.15", "11.40") are not numbered one after another.
pub(super) fn numbered_paragraphs(doc: &Document<'_>) -> bool {
    let mut previous: Option<Vec<u32>> = None;
    for (n, line) in doc.norm.split('\n').map(str::trim_start).filter(|l| !l.is_empty()).enumerate() {
        let number = paragraph_number(line);
        // An excerpt from further into a statement: its first or second line
        // is paragraph "28." (a list starts at 1; a clock time has no stop).
        if n < 2 && number.as_ref().is_some_and(|p| p.len() == 1 && p[0] >= 2) && line.split(' ').next().is_some_and(|l| l.ends_with('.')) {
            return true;
        }
        if let (Some(a), Some(b)) = (&previous, &number) {
            if follows(a, b) {
                return true;
            }
        }
        previous = number;
    }
    false
}

/// "28. I visited…" → [28]; "5.12 Lily-Mae is…" → [5, 12]; "2. BACKGROUND" → [2].
fn paragraph_number(line: &str) -> Option<Vec<u32>> {
    let label_end = line.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(line.len());
    let (label, rest) = line.split_at(label_end);
    if label.is_empty() || !rest.starts_with(' ') || !rest[1..].starts_with(|c: char| c.is_alphabetic() || c == '"' || c == '\'') {
        return None;
    }
    // A clock time is no paragraph number: "10.15am", "6.20 am".
    let after = rest[1..].to_ascii_lowercase();
    if after.starts_with("am ") || after.starts_with("pm ") || after.starts_with("am") && after.len() == 2 {
        return None;
    }
    let trimmed = label.strip_suffix('.');
    let parts: Vec<&str> = trimmed.unwrap_or(label).split('.').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || p.len() > 3) || (parts.len() == 1 && trimmed.is_none()) {
        return None;
    }
    parts.iter().map(|p| p.parse().ok()).collect()
}

/// True when paragraph `b` comes straight after `a`.
fn follows(a: &[u32], b: &[u32]) -> bool {
    match (a.len(), b.len()) {
        (n, m) if n == m => a[..n - 1] == b[..n - 1] && a[n - 1] + 1 == b[n - 1],
        (n, m) if m == n + 1 => a == &b[..n] && b[n] == 1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn doc(text: &str) -> Document<'_> {
        static EMPTY: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| Lexicon::build(&[]).unwrap());
        Document::new(text, &EMPTY)
    }

    #[test]
    fn numbered_paragraphs_are_a_statement() {
        assert!(numbered_paragraphs(&doc("28. I visited Mason on 12 May.\n29. The mother missed tests.")));
        assert!(numbered_paragraphs(&doc("2. BACKGROUND\n2.1 The family are Romany Gypsies.")));
        assert!(numbered_paragraphs(&doc("Section 5\n5.12 Lily-Mae is 7 months old.\n5.13 Ms Turner attended.")));
        assert!(numbered_paragraphs(&doc("Analysis\n42. Ayesha has grown up in a close family.")));
        assert!(!numbered_paragraphs(&doc("10.15 Call from police.\n11.40 Rang mum.")));
        assert!(!numbered_paragraphs(&doc("Actions:\n1. Mum to ring school.")));
        assert!(!numbered_paragraphs(&doc("Visit today.\nMum was in.")));
    }
}
