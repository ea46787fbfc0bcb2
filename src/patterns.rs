//! A council's own patterns, compiled and matched: the regular expressions a
//! policy's `patterns` hold (read and checked in `policy`, run over a note in
//! `rules::patterns`).
//!
//! **Linear time.** The `regex` crate matches without backtracking: one
//! search is `O(m × n)`, the pattern's compiled size times the text's, so no
//! pattern — not `(a|aa)*b`, not `(x+x+)+y` — can take exponential time. Two
//! more things keep a whole note linear. The compiled size `m` is capped
//! ([`SIZE_LIMIT`]), which rules out `.{1000}{1000}`. And finding *every*
//! match can cost `O(m × n²)` (each search may scan to the end of the text
//! before settling on a short match, as `.*[^A-Z]|[A-Z]` does), so a pattern
//! is searched line by line, a line longer than [`WINDOW`] bytes in pieces cut
//! at white space, and at most [`MAX_MATCHES`] matches of it are looked at in
//! one note: the work is then at most `m × (n + MAX_MATCHES × WINDOW)`.
//!
//! **No Unicode tables.** The module is built without the `regex` crate's
//! Unicode data, which would add 15 KB (`\w`, `\d`, `\s`, `\b`) and 22 KB
//! (case-insensitivity) to the gzipped WebAssembly. A pattern is parsed with
//! `regex-syntax` and its Perl classes, word boundaries and case-insensitive
//! letters are rewritten to their ASCII forms before it is compiled, so
//! council patterns use the usual syntax: `\d` is `[0-9]`, `\w` is
//! `[0-9A-Za-z_]`, `\s` is ASCII white space, `\b` is an ASCII word boundary,
//! and case-insensitivity covers the letters A to Z. Literal characters of any
//! script match as written, and `.` and `[^…]` match whole characters. A
//! Unicode class (`\p{L}`) is refused with a problem that says so.
//!
//! **Whole words.** By default a match must not touch a letter or digit on
//! either side: the pattern is compiled between ASCII half word boundaries
//! (`\b{start-half}`, `\b{end-half}`, so a pattern that starts or ends with
//! punctuation, such as `#\d+`, still works), and a match beside a letter,
//! digit or mark outside ASCII (`caf` in "café") is dropped afterwards.

use regex::{Captures, Regex, RegexBuilder};
use regex_syntax::ast::{self, Ast, ClassAsciiKind, ClassPerlKind, ClassSetItem, Flag, FlagsItemKind};

use crate::offsets::is_grapheme_boundary;
use crate::sort;

/// The most a pattern may compile to, in bytes of its automaton (the `regex`
/// crate's `size_limit`; its default is 10 MiB). 128 KiB takes an alternation
/// of a hundred case-insensitive phrases (about 80 KiB) or `[^.]{1,200}`
/// (91 KiB), and refuses `.{1000}` (414 KiB) and nested counted repetitions.
pub(crate) const SIZE_LIMIT: usize = 128 * 1024;

/// The cache of the `regex` crate's lazy DFA (`dfa_size_limit`; its default
/// is 2 MiB). The module is built with the crate's `std` feature only, so a
/// search runs on its PikeVM, which is linear, and no lazy DFA is built; the
/// limit is set so that enabling `perf-dfa` could not raise a search's
/// memory past 256 KiB.
pub(crate) const DFA_SIZE_LIMIT: usize = 256 * 1024;

/// The longest pattern text, in bytes: the parser's memory grows with it
/// before the size limit can be applied.
pub(crate) const MAX_PATTERN_LEN: usize = 4000;

/// The longest stretch of text one search sees: a longer line is searched in
/// pieces cut at white space, so a match cannot span a cut.
pub(crate) const WINDOW: usize = 4096;

/// The most matches of one pattern looked at in one note.
pub(crate) const MAX_MATCHES: usize = 100;

/// How a pattern is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Options {
    /// Letters A to Z match in either case.
    pub case_insensitive: bool,
    /// A match must not touch a letter, digit or mark on either side.
    pub whole_word: bool,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    regex: Regex,
    whole_word: bool,
}

/// One match: its byte range in the text, and its groups when they were asked for.
pub(crate) struct Found<'t> {
    pub start: usize,
    pub end: usize,
    captures: Option<Captures<'t>>,
}

impl Found<'_> {
    /// `template` with `$1`, `${1}`, `$name` and `${name}` replaced by the
    /// match's groups (`$0` is the whole match, `$$` a dollar sign).
    pub fn expand(&self, template: &str) -> String {
        match &self.captures {
            Some(captures) => {
                let mut out = String::new();
                captures.expand(template, &mut out);
                out
            }
            None => template.to_owned(),
        }
    }
}

impl Matcher {
    /// Compiles a council's pattern, or says what is wrong with it in the
    /// `regex` crate's own words.
    pub fn new(pattern: &str, options: Options) -> Result<Matcher, String> {
        if pattern.len() > MAX_PATTERN_LEN {
            return Err(format!("is {} bytes long; a pattern may have at most {MAX_PATTERN_LEN}", pattern.len()));
        }
        let rewritten = ascii_forms(pattern, options.case_insensitive)?;
        let hir = regex_syntax::ParserBuilder::new().build().parse(&rewritten.pattern).map_err(|e| match e {
            regex_syntax::Error::Parse(e) => e.kind().to_string(),
            regex_syntax::Error::Translate(e) => e.kind().to_string(),
            other => other.to_string(),
        })?;
        match hir.properties().minimum_len() {
            Some(0) => return Err("can match empty text; a pattern must match at least one character (`x+`, not `x*`)".to_owned()),
            None => return Err("can never match anything".to_owned()),
            Some(_) => {}
        }
        // A newline ends a `#` comment the pattern's own `(?x)` leaves open.
        let body = if rewritten.verbose_at_end { format!("{}\n", rewritten.pattern) } else { rewritten.pattern };
        let full = if options.whole_word { format!(r"(?-u:\b{{start-half}})(?:{body})(?-u:\b{{end-half}})") } else { body };
        let regex = RegexBuilder::new(&full).size_limit(SIZE_LIMIT).dfa_size_limit(DFA_SIZE_LIMIT).build().map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("is too large: it compiles to more than {limit} bytes (write it shorter, with smaller counted repetitions such as {{0,40}})")
            }
            other => last_line(&other.to_string()),
        })?;
        Ok(Matcher { regex, whole_word: options.whole_word })
    }

    /// The names of the pattern's groups that `$name` may use, and how many
    /// groups there are (`$1` to `$n`).
    pub fn groups(&self) -> (Vec<&str>, usize) {
        (self.regex.capture_names().flatten().collect(), self.regex.captures_len() - 1)
    }

    /// Calls `found` with each match in `text`, in order, searching each of
    /// the `windows` (see [`windows`]) and stopping after [`MAX_MATCHES`];
    /// `groups` asks for the matches' groups, for [`Found::expand`].
    pub fn each_match<'t>(&self, text: &'t str, windows: &[(usize, usize)], groups: bool, mut found: impl FnMut(Found<'t>)) {
        let mut looked_at = 0;
        // False once the matches to look at run out.
        let mut take = |start: usize, end: usize, captures: Option<Captures<'t>>| {
            looked_at += 1;
            if looked_at > MAX_MATCHES {
                return false;
            }
            if !self.whole_word || stands_alone(text, start, end) {
                found(Found { start, end, captures });
            }
            true
        };
        for &(start, end) in windows {
            let window = &text[start..end];
            if groups {
                for c in self.regex.captures_iter(window) {
                    let m = c.get(0).expect("group 0 is the whole match");
                    if !take(start + m.start(), start + m.end(), Some(c)) {
                        return;
                    }
                }
            } else {
                for m in self.regex.find_iter(window) {
                    if !take(start + m.start(), start + m.end(), None) {
                        return;
                    }
                }
            }
        }
    }

    /// True when the pattern matches somewhere in `text[start..end]`.
    pub fn is_match_in(&self, text: &str, (start, end): (usize, usize)) -> bool {
        self.regex.find_iter(&text[start..end]).take(MAX_MATCHES).any(|m| !self.whole_word || stands_alone(text, start + m.start(), start + m.end()))
    }
}

/// The stretches of `text` a pattern is searched in: each line (without its
/// line break), a line longer than [`WINDOW`] bytes cut into pieces at white
/// space (or, with none, at a character boundary). `^` and `$` match at
/// their ends.
pub(crate) fn windows(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut line_start = 0;
    while line_start < bytes.len() {
        let next_line = bytes[line_start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |i| line_start + i + 1);
        let mut line_end = next_line;
        while line_end > line_start && matches!(bytes[line_end - 1], b'\n' | b'\r') {
            line_end -= 1;
        }
        let mut start = line_start;
        while line_end - start > WINDOW {
            let mut cut = start + WINDOW;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let piece = &text[start..cut];
            if let Some(space) = piece.rfind(char::is_whitespace) {
                cut = start + space + piece[space..].chars().next().map_or(1, char::len_utf8);
            }
            out.push((start, cut));
            start = cut;
        }
        if line_end > start {
            out.push((start, line_end));
        }
        line_start = next_line;
    }
    out
}

/// True when the match `text[start..end]` touches no letter, digit or mark
/// outside ASCII and splits no grapheme cluster: the regex's ASCII half word
/// boundaries have already kept it off ASCII letters and digits.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| !c.is_ascii() && c.is_alphanumeric();
    !text[..start].chars().next_back().is_some_and(word)
        && !text[end..].chars().next().is_some_and(word)
        && is_grapheme_boundary(text, start)
        && is_grapheme_boundary(text, end)
}

/// The last line of the crate's error (`error: …`), without the pattern it
/// quotes above it (the rewritten pattern, which the council did not write).
fn last_line(message: &str) -> String {
    let line = message.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(message).trim();
    line.strip_prefix("error: ").unwrap_or(line).to_owned()
}

/// A pattern in the forms the module's `regex` supports.
struct Rewritten {
    pattern: String,
    /// The pattern's own `(?x)` is still in force at its end.
    verbose_at_end: bool,
}

/// The pattern with its Perl classes (`\d`, `\w`, `\s` and their negations),
/// word boundaries and, where case-insensitivity is asked for (by the option
/// or a `(?i)` flag), its letters A to Z written out in ASCII forms that need
/// no Unicode tables. Everything else is left as the council wrote it.
fn ascii_forms(pattern: &str, case_insensitive: bool) -> Result<Rewritten, String> {
    let ast = ast::parse::Parser::new().parse(pattern).map_err(|e| {
        let at = &pattern[e.span().start.offset..e.span().end.offset];
        if at.is_empty() {
            format!("{} (at character {})", e.kind(), e.span().start.column)
        } else {
            format!("{} at `{at}`", e.kind())
        }
    })?;
    let mut edits = Edits { pattern, edits: Vec::new(), flags: vec![Flags { case_insensitive, verbose: false }] };
    ast::visit(&ast, &mut edits)?;
    let verbose_at_end = edits.flags.first().is_some_and(|f| f.verbose);
    let mut edits = edits.edits;
    // Edits are made in the pattern's order already; this is a check that costs nothing then.
    sort::sort_by(&mut edits, |a, b| a.0 < b.0);
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut at = 0;
    for (start, end, replacement) in edits {
        out.push_str(&pattern[at..start]);
        out.push_str(&replacement);
        at = end;
    }
    out.push_str(&pattern[at..]);
    Ok(Rewritten { pattern: out, verbose_at_end })
}

/// The flags in force at a point of the pattern.
#[derive(Clone, Copy)]
struct Flags {
    case_insensitive: bool,
    verbose: bool,
}

/// Collects the rewrites of a pattern as byte ranges and their replacements.
struct Edits<'p> {
    pattern: &'p str,
    edits: Vec<(usize, usize, String)>,
    /// The flags of each open group, innermost last.
    flags: Vec<Flags>,
}

const UNICODE_CLASS: &str = "Unicode classes such as \\p{L} are not available in policy patterns; list the characters instead, such as [A-Za-zÀ-ÖØ-öø-ÿ]";

impl Edits<'_> {
    fn edit(&mut self, span: &ast::Span, replacement: String) {
        self.edits.push((span.start.offset, span.end.offset, replacement));
    }

    fn current(&self) -> Flags {
        *self.flags.last().expect("the pattern's own flags are never popped")
    }

    /// Applies a flag group's flags to `flags` and drops its `i` (and a
    /// `-` left with nothing after it), which the rewrite does instead.
    /// Returns the flags as they should be written.
    fn flags(&self, group: &ast::Flags, flags: &mut Flags) -> String {
        let mut negated = false;
        let mut kept = String::new();
        let mut pending_minus = false;
        for item in &group.items {
            match item.kind {
                FlagsItemKind::Negation => {
                    negated = true;
                    pending_minus = true;
                }
                FlagsItemKind::Flag(Flag::CaseInsensitive) => flags.case_insensitive = !negated,
                FlagsItemKind::Flag(flag) => {
                    if flag == Flag::IgnoreWhitespace {
                        flags.verbose = !negated;
                    }
                    if pending_minus {
                        kept.push('-');
                        pending_minus = false;
                    }
                    kept.push_str(&self.pattern[item.span.start.offset..item.span.end.offset]);
                }
            }
        }
        kept
    }
}

/// `\d`, `\w`, `\s` (or their negations) as an ASCII class's items.
fn perl_items(kind: &ClassPerlKind) -> &'static str {
    match kind {
        ClassPerlKind::Digit => "0-9",
        ClassPerlKind::Word => "0-9A-Za-z_",
        ClassPerlKind::Space => r"\t-\r ",
    }
}

/// The complement of `perl_items`, as items for inside a bracketed class.
fn perl_complement(kind: &ClassPerlKind) -> &'static str {
    match kind {
        ClassPerlKind::Digit => r"\x00-/:-\x{10FFFF}",
        ClassPerlKind::Word => r"\x00-/:-@\[-\^`\{-\x{10FFFF}",
        ClassPerlKind::Space => r"\x00-\x08\x0E-\x1F!-\x{10FFFF}",
    }
}

/// The other case of the letters A to Z within `start..=end`, as class items.
fn other_case(start: char, end: char) -> String {
    let mut out = String::new();
    for (from, to, shift) in [('a', 'z', -32i32), ('A', 'Z', 32)] {
        let (lo, hi) = (start.max(from), end.min(to));
        if lo <= hi {
            let map = |c: char| char::from_u32((c as i32 + shift) as u32).expect("an ASCII letter");
            out.push(map(lo));
            if hi > lo {
                out.push('-');
                out.push(map(hi));
            }
        }
    }
    out
}

impl ast::Visitor for &mut Edits<'_> {
    type Output = ();
    type Err = String;

    fn finish(self) -> Result<(), String> {
        Ok(())
    }

    fn visit_pre(&mut self, ast: &Ast) -> Result<(), String> {
        let flags = self.current();
        match ast {
            Ast::Group(group) => {
                let mut inner = flags;
                if let ast::GroupKind::NonCapturing(group_flags) = &group.kind {
                    let kept = self.flags(group_flags, &mut inner);
                    self.edit(&group_flags.span, kept);
                }
                self.flags.push(inner);
            }
            Ast::Flags(set) => {
                let mut now = flags;
                let kept = self.flags(&set.flags, &mut now);
                *self.flags.last_mut().expect("never empty") = now;
                if kept.is_empty() {
                    self.edit(&set.span, String::new());
                } else {
                    self.edit(&set.flags.span, kept);
                }
            }
            Ast::Literal(literal) if flags.case_insensitive && literal.c.is_ascii_alphabetic() => {
                let c = literal.c;
                self.edit(&literal.span, format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase()));
            }
            Ast::ClassPerl(class) => {
                let items = perl_items(&class.kind);
                self.edit(&class.span, if class.negated { format!("[^{items}]") } else { format!("[{items}]") });
            }
            Ast::Assertion(assertion) => {
                use ast::AssertionKind::*;
                if matches!(
                    assertion.kind,
                    WordBoundary
                        | NotWordBoundary
                        | WordBoundaryStart
                        | WordBoundaryEnd
                        | WordBoundaryStartAngle
                        | WordBoundaryEndAngle
                        | WordBoundaryStartHalf
                        | WordBoundaryEndHalf
                ) {
                    let written = &self.pattern[assertion.span.start.offset..assertion.span.end.offset];
                    self.edit(&assertion.span, format!("(?-u:{written})"));
                }
            }
            Ast::ClassUnicode(_) => return Err(UNICODE_CLASS.to_owned()),
            _ => {}
        }
        Ok(())
    }

    fn visit_post(&mut self, ast: &Ast) -> Result<(), String> {
        if let Ast::Group(_) = ast {
            self.flags.pop();
        }
        Ok(())
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), String> {
        let flags = self.current();
        match item {
            ClassSetItem::Literal(literal) if flags.case_insensitive && literal.c.is_ascii_alphabetic() => {
                let c = literal.c;
                self.edit(&literal.span, format!("{}{}", c.to_ascii_lowercase(), c.to_ascii_uppercase()));
            }
            ClassSetItem::Range(range) if flags.case_insensitive => {
                let extra = other_case(range.start.c, range.end.c);
                if !extra.is_empty() {
                    let written = &self.pattern[range.span.start.offset..range.span.end.offset];
                    self.edit(&range.span, format!("{written}{extra}"));
                }
            }
            ClassSetItem::Ascii(class) if flags.case_insensitive && !class.negated && matches!(class.kind, ClassAsciiKind::Lower | ClassAsciiKind::Upper) => {
                self.edit(&class.span, "[:alpha:]".to_owned());
            }
            ClassSetItem::Perl(class) => {
                self.edit(&class.span, if class.negated { perl_complement(&class.kind) } else { perl_items(&class.kind) }.to_owned());
            }
            ClassSetItem::Unicode(_) => return Err(UNICODE_CLASS.to_owned()),
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: Options = Options { case_insensitive: false, whole_word: false };
    const WORDS: Options = Options { case_insensitive: false, whole_word: true };
    const ANY_CASE: Options = Options { case_insensitive: true, whole_word: true };

    fn found(pattern: &str, options: Options, text: &str) -> Vec<String> {
        let matcher = Matcher::new(pattern, options).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        let mut out = Vec::new();
        matcher.each_match(text, &windows(text), false, |f| out.push(text[f.start..f.end].to_owned()));
        out
    }

    fn rewritten(pattern: &str, case_insensitive: bool) -> String {
        ascii_forms(pattern, case_insensitive).unwrap().pattern
    }

    #[test]
    fn perl_classes_and_boundaries_are_written_in_ascii() {
        assert_eq!(rewritten(r"\d{6}", false), "[0-9]{6}");
        assert_eq!(rewritten(r"\W+\S", false), r"[^0-9A-Za-z_]+[^\t-\r ]");
        assert_eq!(rewritten(r"[\d\-]", false), r"[0-9\-]");
        assert_eq!(rewritten(r"[^\D]", false), r"[^\x00-/:-\x{10FFFF}]");
        assert_eq!(rewritten(r"\bx\B\b{start}", false), r"(?-u:\b)x(?-u:\B)(?-u:\b{start})");
        assert_eq!(rewritten(r"caf\x{e9} [éè]", false), r"caf\x{e9} [éè]", "other characters are left as written");
        for (class, inside, outside) in [(r"\d", "0123456789", "a /:é"), (r"\w", "azAZ09_", " -@[^`{é"), (r"\s", " \t\n\r\u{b}\u{c}", "x\u{a0}")] {
            let negated = class.to_uppercase();
            for (pattern, yes, no) in
                [(format!("[{class}]"), inside, outside), (format!("[{negated}]"), outside, inside), (format!("[^{negated}]"), inside, outside)]
            {
                let re = Regex::new(&format!("^{}$", rewritten(&pattern, false))).unwrap();
                for c in yes.chars() {
                    assert!(re.is_match(&c.to_string()), "{pattern} should match {c:?}");
                }
                for c in no.chars() {
                    assert!(!re.is_match(&c.to_string()), "{pattern} should not match {c:?}");
                }
            }
        }
    }

    #[test]
    fn case_insensitivity_covers_the_letters_a_to_z() {
        assert_eq!(rewritten("ab1", true), "[aA][bB]1");
        assert_eq!(rewritten("[a-fX0-9]", true), "[a-fA-FxX0-9]");
        assert_eq!(rewritten("[Y-c]", true), "[Y-cA-Cy-z]");
        assert_eq!(rewritten("[[:lower:]]", true), "[[:alpha:]]");
        assert_eq!(rewritten("x(?i)y", false), "x[yY]");
        assert_eq!(rewritten("(?i:a)b", false), "(?:[aA])b");
        assert_eq!(rewritten("(?i)a(?-i)b", false), "[aA]b");
        assert_eq!(rewritten("(?m-i:a)b", true), "(?m:a)[bB]");
        assert_eq!(rewritten("(?s-i)a", true), "(?s)a");
        assert_eq!(found("mum", ANY_CASE, "Mum, MUM and mummy"), ["Mum", "MUM"]);
        assert_eq!(found("é", ANY_CASE, "é É"), ["é"], "letters outside A to Z match as written");
    }

    #[test]
    fn bad_patterns_are_explained_in_the_crates_words() {
        let problem = |pattern: &str| Matcher::new(pattern, WORDS).unwrap_err();
        assert_eq!(problem("ab(c"), "unclosed group at `(`");
        assert!(problem("[z-a]").contains("invalid character class range"), "{}", problem("[z-a]"));
        assert!(problem(r"\p{L}").contains("Unicode classes"));
        assert!(problem(r"[\pL]").contains("Unicode classes"));
        assert!(problem("x*").contains("can match empty text"));
        assert!(problem(r"\b").contains("can match empty text"));
        assert!(problem("[^\\x00-\\x{10FFFF}]").contains("can never match"));
        assert!(problem("a{1000}{1000}").contains("too large"), "{}", problem("a{1000}{1000}"));
        assert!(problem(".{1000}").contains("too large"));
        assert!(problem(&"a".repeat(MAX_PATTERN_LEN + 1)).contains("at most"));
        assert!(problem("(?-u:.)").contains("invalid UTF-8"), "{}", problem("(?-u:.)"));
        assert!(Matcher::new("[^.]{1,200}", WORDS).is_ok(), "within the size limit");
    }

    #[test]
    fn matches_are_whole_words_unless_asked_otherwise() {
        assert_eq!(found("care", WORDS, "care, cares, childcare, care."), ["care", "care"]);
        assert_eq!(found("care", PLAIN, "cares childcare"), ["care", "care"]);
        assert_eq!(found(r"#\d+", WORDS, "see #12 and x#13"), ["#12"], "punctuation at an edge still works");
        assert_eq!(found("caf", WORDS, "café caf"), ["caf"], "a letter outside ASCII is part of the word");
        assert_eq!(found("Jose", WORDS, "Jose\u{301} Jose"), ["Jose"], "so is a combining mark");
        // A match dropped for the letter after it is not tried again with a
        // longer alternative: the longer one goes first.
        assert_eq!(found("caf|café", WORDS, "le café"), Vec::<String>::new());
        assert_eq!(found("café|caf", WORDS, "le café caf"), ["café", "caf"]);
        assert_eq!(found("ab|abc", WORDS, "abc"), ["abc"], "the engine finds the alternative that stands alone");
    }

    #[test]
    fn a_verbose_patterns_comment_does_not_swallow_the_wrapper() {
        assert_eq!(found("(?x) LAC # looked after child", WORDS, "a LAC review"), ["LAC"]);
    }

    #[test]
    fn windows_are_lines_and_long_lines_are_cut_at_white_space() {
        assert_eq!(windows("ab\r\ncd\n\nef"), [(0, 2), (4, 6), (8, 10)]);
        let long = format!("{} {}", "a".repeat(WINDOW - 10), "b".repeat(100));
        assert_eq!(windows(&long), [(0, WINDOW - 9), (WINDOW - 9, long.len())]);
        let unbroken = "é".repeat(WINDOW);
        let pieces = windows(&unbroken);
        assert!(pieces.iter().all(|&(s, e)| e - s <= WINDOW && unbroken.is_char_boundary(s) && unbroken.is_char_boundary(e)));
        assert_eq!(pieces.last().unwrap().1, unbroken.len());
        assert_eq!(found("^x$", PLAIN, "x\nyx\nx"), ["x", "x"], "^ and $ are a line's ends");
    }

    #[test]
    fn captures_fill_a_suggestion() {
        let matcher = Matcher::new(r"(\d{1,2}) ?(?:yo|y/o)", ANY_CASE).unwrap();
        let text = "She is 9yo and he is 12 Y/O.";
        let mut out = Vec::new();
        matcher.each_match(text, &windows(text), true, |f| out.push(f.expand("${1}-year-old")));
        assert_eq!(out, ["9-year-old", "12-year-old"]);
        assert_eq!(matcher.groups(), (vec![], 1));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512),
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The rewrite means what the crate's own ASCII mode means: on ASCII
        /// text, the rewritten pattern (compiled as the module compiles it)
        /// finds exactly what the pattern finds with Unicode turned off.
        #[test]
        fn the_rewrite_agrees_with_the_crates_ascii_mode(pattern in pattern_strategy(), case_insensitive: bool, text in "[a-cA-CxyzXYZ0-9 \t._\\-\n]{0,16}") {
            use proptest::prelude::*;
            let Ok(reference) = regex::bytes::RegexBuilder::new(&pattern).unicode(false).case_insensitive(case_insensitive).build() else {
                return Ok(());
            };
            let rewritten = ascii_forms(&pattern, case_insensitive).map_err(|e| TestCaseError::fail(format!("{pattern}: {e}")))?;
            let ours = Regex::new(&rewritten.pattern).map_err(|e| TestCaseError::fail(format!("{pattern} → {}: {e}", rewritten.pattern)))?;
            let expected: Vec<(usize, usize)> = reference.find_iter(text.as_bytes()).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = ours.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            prop_assert_eq!(got, expected, "{} → {} on {:?}", pattern, rewritten.pattern, text);
        }
    }

    /// Patterns built from the pieces the rewrite touches, and some it leaves.
    fn pattern_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let atoms = prop::sample::select(vec![
            "a",
            "b",
            "A",
            "Z",
            "1",
            r"\d",
            r"\D",
            r"\w",
            r"\W",
            r"\s",
            r"\S",
            ".",
            "[ab]",
            "[^a]",
            r"[\d-]",
            r"[^\W]",
            r"[\S]",
            "[a-c]",
            "[A-Z]",
            "[Y-c]",
            "[[:lower:]]",
            "[[:upper:]x]",
            r"\.",
            " ",
            r"\-",
            r"\b",
            r"\B",
            r"\b{start}",
            r"\b{end}",
            r"\b{start-half}",
            r"\b{end-half}",
            "^",
            "$",
            r"\x41",
            r"\u{62}",
            "(?i)",
            "(?-i)",
            "(?s)",
        ])
        .prop_map(str::to_owned);
        atoms.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 2..4).prop_map(|parts| parts.concat()),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a}|{b}")),
                inner.clone().prop_map(|a| format!("({a})")),
                inner.clone().prop_map(|a| format!("(?:{a})")),
                inner.clone().prop_map(|a| format!("(?i:{a})")),
                inner.clone().prop_map(|a| format!("(?-i:{a})")),
                (inner, prop::sample::select(vec!["*", "+", "?", "{1,2}", "*?"])).prop_map(|(a, r)| format!("(?:{a}){r}")),
            ]
        })
    }

    /// Linear time: patterns that take a backtracking engine exponential time,
    /// and one that takes `find_iter` quadratic time, on a 1 MB note. This
    /// asserts that they finish, not how fast.
    #[test]
    fn pathological_patterns_finish_on_a_megabyte() {
        let note = "a".repeat(1 << 20);
        assert!(found("(a|aa)*b", PLAIN, &note).is_empty());
        let note = "x".repeat(1 << 20);
        assert!(found("(x+x+)+y", PLAIN, &note).is_empty());
        let note = "A".repeat(1 << 20);
        assert_eq!(found(".*[^A-Z]|[A-Z]", PLAIN, &note).len(), MAX_MATCHES);
    }
}
