//! `--out`: the report as one self-contained HTML file, rendered by
//! minijinja from `templates/audit.html` (compiled in, so the binary needs
//! no file beside it). The page has no script and fetches nothing: its
//! Content-Security-Policy allows only its own inline styles and the charts
//! are inline SVG, so it opens from a shared drive or an email.

use minijinja::value::{Serde, Value};
use minijinja::{context, AutoEscape, Environment, UndefinedBehavior};

use super::charts;
use super::figures::{category_label, month_label, Figures};

const TEMPLATE: &str = include_str!("../../../../templates/audit.html");

/// The HTML file's bytes.
pub fn render(f: &Figures) -> Result<Vec<u8>, String> {
    let chart = |svg: Result<String, String>| svg.map(Value::from_safe_string);
    let has_late = f.deadlines.iter().any(|g| g.late.known > 0);
    let has_months = f.months.iter().any(|g| g.name.len() == 7);
    let charts = context! {
        teams => if f.teams.is_empty() { Value::from(()) } else { chart(charts::standards_by_team(&f.teams))? },
        late => if has_late { chart(charts::late_by_category(&f.deadlines))? } else { Value::from(()) },
        months => if has_months { chart(charts::trends(&f.months))? } else { Value::from(()) },
        jargon => if f.jargon.is_empty() { Value::from(()) } else { chart(charts::jargon(&f.jargon))? },
    };
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_filter("pct", pct);
    env.add_filter("num", num);
    env.add_filter("per1000", per1000);
    env.add_filter("hours", hours);
    env.add_filter("month", |key: String| month_label(&key, false));
    env.add_filter("category", |id: String| category_label(&id).to_owned());
    env.add_template("audit.html", TEMPLATE).map_err(|e| format!("the report template: {e}"))?;
    let template = env.get_template("audit.html").map_err(|e| e.to_string())?;
    let titles: std::collections::BTreeMap<&str, &str> = f.rules.iter().map(|r| (r.id.as_str(), r.title.as_str())).collect();
    let html = template.render(context! { r => Serde(f), charts, titles => Serde(titles) }).map_err(|e| format!("rendering the report: {e:#}"))?;
    Ok(html.into_bytes())
}

/// `0.8735` → `87.4%`; nothing → `–`.
fn pct(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

/// `12345` → `12,345`.
fn num(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Findings per 1,000 words, to 2 places.
fn per1000(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"))
}

/// `26` → `26 h (1.1 days)`.
fn hours(h: Option<u32>) -> String {
    match h {
        None => "–".to_owned(),
        Some(h) if h < 48 => format!("{h} h"),
        Some(h) => format!("{h} h ({:.1} days)", f64::from(h) / 24.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!((num(0), num(999), num(1000), num(1_234_567)), ("0".into(), "999".into(), "1,000".into(), "1,234,567".into()));
        assert_eq!((pct(Some(0.8736)), pct(Some(1.0)), pct(None)), ("87.4%".into(), "100.0%".into(), "–".into()));
        assert_eq!((hours(Some(5)), hours(Some(60)), hours(None)), ("5 h".into(), "60 h (2.5 days)".into(), "–".into()));
    }
}
