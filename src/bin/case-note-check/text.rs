//! `--text`: a readable report of one note, with line:column for each finding.

use std::io::{self, Read};

use case_note_checker::{Checker, Context, Report};

use crate::emit;

/// Checks one note file (or standard input) and prints the readable report;
/// `Ok(false)` when there are findings.
pub fn text_report(checker: &Checker, file: &str, context: Option<&str>, now: &str) -> Result<bool, String> {
    let mut text = String::new();
    if file == "-" {
        io::stdin().read_to_string(&mut text).map_err(|e| e.to_string())?;
    } else {
        text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    }
    let context = match context {
        Some(json) => Context::from_json(json).map_err(|e| e.to_string())?,
        None => Context::default(),
    }
    .with_now(now)
    .map_err(|e| e.to_string())?;
    let report = checker.check(&text, &context);
    emit(&render(&text, &report))?;
    Ok(report.findings.is_empty())
}

/// A readable report: findings with line:column (columns in characters).
fn render(text: &str, report: &Report) -> String {
    // line:column of every span start, in one pass over the text.
    let mut starts: Vec<usize> = report.findings.iter().filter_map(|f| f.span.map(|sp| sp.start)).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut places = Vec::with_capacity(starts.len());
    let (mut unit, mut line, mut column) = (0, 1, 1);
    let mut chars = text.chars();
    for &start in &starts {
        while unit < start {
            let Some(c) = chars.next() else { break };
            unit += c.len_utf16();
            if c == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        places.push((line, column));
    }
    let position = |unit: usize| places[starts.binary_search(&unit).expect("collected above")];
    let mut s = String::new();
    for f in &report.findings {
        let place = f.span.map_or_else(
            || "note".to_owned(),
            |sp| {
                let (l, c) = position(sp.start);
                format!("{l}:{c}")
            },
        );
        let standard = f.standard.map_or_else(String::new, |n| format!(", Standard {n}"));
        s.push_str(&format!("{place}  {} [{}{}]  {}\n", f.severity.id(), f.rule, standard, f.message));
        if !f.suggestions.is_empty() {
            s.push_str(&format!("      try: {}\n", f.suggestions.join(" | ")));
        }
    }
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    let areas: Vec<&str> = report.equality.mentioned.iter().map(|a| a.id()).collect();
    s.push_str(&format!(
        "\nprofessional opinion: {}\nchild's voice: {}\nequality: {}\ndeadline: {} due {} ({})\n{} words, {} sentences, {} findings\n",
        yes_no(report.opinion.present),
        yes_no(report.child_voice.present),
        if areas.is_empty() { "none recorded".to_owned() } else { areas.join(", ") },
        report.deadline.category.id(),
        report.deadline.due.as_deref().unwrap_or("unknown"),
        serde_json::to_value(report.deadline.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
        report.stats.words,
        report.stats.sentences,
        report.findings.len()
    ));
    s
}
