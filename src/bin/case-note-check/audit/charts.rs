//! The report's charts, drawn by plotters' SVG backend as inline SVG (no
//! script, no font file, nothing fetched). Each chart has a table of the same
//! figures beside it in the report, which is what a screen reader reads; the
//! charts use shapes as well as colours (Okabe and Ito's colour-blind-safe
//! palette), so they read in greyscale and in print.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::figures::{category_label, month_label, Group, TermRow};

const WIDTH: u32 = 760;
const INK: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
const GRID: RGBColor = RGBColor(0xd0, 0xd0, 0xd0);
/// Okabe–Ito blue, orange, bluish green and vermillion.
const SERIES: [RGBColor; 4] = [RGBColor(0x00, 0x72, 0xB2), RGBColor(0xE6, 0x9F, 0x00), RGBColor(0x00, 0x9E, 0x73), RGBColor(0xD5, 0x5E, 0x00)];
const FONT: &str = "sans-serif";
// plotters writes a font size of `size / 1.24` px: 16 is about 13 px.

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing a chart: {e}")
}

/// Draws one marker per point for series `k`: a circle, triangle, square or
/// diamond, so the series differ in shape as well as colour. `$draw` is
/// `draw_series` on a chart or an area.
macro_rules! markers {
    ($target:expr, $k:expr, $points:expr, $filled:expr) => {{
        let k: usize = $k;
        let color = SERIES[k % SERIES.len()];
        let style = if $filled { color.filled() } else { color.stroke_width(2) };
        let points = $points;
        match k % 4 {
            0 => $target.draw_series(points.into_iter().map(|at| EmptyElement::at(at) + Circle::new((0, 0), 6, style))).map(|_| ()),
            1 => $target.draw_series(points.into_iter().map(|at| EmptyElement::at(at) + TriangleMarker::new((0, 0), 8, style))).map(|_| ()),
            2 => $target.draw_series(points.into_iter().map(|at| EmptyElement::at(at) + Rectangle::new([(-5, -5), (5, 5)], style))).map(|_| ()),
            _ => {
                $target.draw_series(points.into_iter().map(|at| EmptyElement::at(at) + Polygon::new(vec![(0, -7), (7, 0), (0, 7), (-7, 0)], style))).map(|_| ())
            }
        }
        .map_err(err)
    }};
}

/// A legend across the top: a marker and a name for each series.
fn legend(area: &Area<'_>, names: &[&str]) -> Result<(), String> {
    let mut x = 12;
    for (i, name) in names.iter().enumerate() {
        let mut chart = ChartBuilder::on(area).build_cartesian_2d(0..area.dim_in_pixel().0 as i32, 0..32).map_err(err)?;
        markers!(chart, i, [(x, 16)], true)?;
        area.draw(&Text::new(name.to_string(), (x + 12, 16), (FONT, 16).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center)))).map_err(err)?;
        x += 36 + 8 * name.chars().count() as i32;
    }
    Ok(())
}

/// The last index of a segmented axis of `n` rows. plotters' axis over
/// `0..k` has `k + 1` segments, and one over `0..0` has no labels, so a
/// single row gets an empty segment beside it.
fn last_index(n: usize) -> usize {
    if n > 1 {
        n - 1
    } else {
        1
    }
}

fn label_width(names: impl Iterator<Item = usize>) -> u32 {
    (names.max().unwrap_or(4) as u32 * 8 + 16).clamp(60, 300)
}

fn pct(rate: Option<f64>) -> Option<f64> {
    rate.map(|r| r * 100.0)
}

/// Opinion, child's voice and equality by team: a dot for each, on one line per team.
pub fn standards_by_team(teams: &[Group]) -> Result<String, String> {
    let n = teams.len().max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 70 + 34 * n as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (top, body) = root.split_vertically(32);
        let series = ["Professional opinion", "Child's voice", "Equality recorded"];
        legend(&top, &series)?;
        let names: Vec<&str> = teams.iter().map(|g| g.name.as_str()).collect();
        let y_label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < names.len() => names[names.len() - 1 - i].to_owned(),
            _ => String::new(),
        };
        let mut chart = ChartBuilder::on(&body)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(label_width(names.iter().map(|s| s.chars().count())))
            .build_cartesian_2d(0f64..100f64, (0..last_index(n)).into_segmented())
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(INK)
            .y_labels(n)
            .y_label_formatter(&y_label)
            .x_labels(11)
            .x_label_formatter(&|x| format!("{x:.0}%"))
            .x_desc("share of the team's notes")
            .label_style((FONT, 16).into_font().color(&INK))
            .axis_desc_style((FONT, 16).into_font().color(&INK))
            .draw()
            .map_err(err)?;
        let rates: [fn(&Group) -> Option<f64>; 3] = [|g| g.opinion.rate, |g| g.child_voice.rate, |g| g.equality.rate];
        for (k, rate) in rates.iter().enumerate() {
            let points = teams.iter().enumerate().filter_map(|(i, g)| pct(rate(g)).map(|r| (r, SegmentValue::CenterOf(teams.len() - 1 - i))));
            markers!(chart, k, points.collect::<Vec<_>>(), true)?;
        }
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// The share of notes recorded late, by deadline category.
pub fn late_by_category(deadlines: &[Group]) -> Result<String, String> {
    let rows: Vec<(&Group, f64)> = deadlines.iter().filter_map(|g| pct(g.late.rate).map(|r| (g, r))).collect();
    let n = rows.len().max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 50 + 44 * n as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let names: Vec<&str> = rows.iter().map(|(g, _)| category_label(&g.name)).collect();
        let y_label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < names.len() => names[names.len() - 1 - i].to_owned(),
            _ => String::new(),
        };
        let max = rows.iter().map(|(_, r)| *r).fold(0f64, f64::max);
        let x_max = ((max / 10.0).ceil() * 10.0 + 10.0).clamp(10.0, 100.0);
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(label_width(names.iter().map(|s| s.chars().count())))
            .build_cartesian_2d(0f64..x_max, (0..last_index(n)).into_segmented())
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(INK)
            .y_labels(n)
            .y_label_formatter(&y_label)
            .x_label_formatter(&|x| format!("{x:.0}%"))
            .x_desc("share of notes with known times recorded late")
            .label_style((FONT, 16).into_font().color(&INK))
            .axis_desc_style((FONT, 16).into_font().color(&INK))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, r))| {
                let j = rows.len() - 1 - i;
                let mut bar = Rectangle::new([(0.0, SegmentValue::Exact(j)), (*r, SegmentValue::Exact(j + 1))], SERIES[3].filled());
                bar.set_margin(8, 8, 0, 0);
                bar
            }))
            .map_err(err)?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (g, r))| {
                let j = rows.len() - 1 - i;
                Text::new(
                    format!("{r:.1}% ({} of {})", g.late.overdue, g.late.known),
                    (*r, SegmentValue::CenterOf(j)),
                    (FONT, 16).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center)),
                )
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// Opinion, child's voice, equality and late recording, month by month.
pub fn trends(months: &[Group]) -> Result<String, String> {
    let months: Vec<&Group> = months.iter().filter(|g| g.name.len() == 7).collect();
    let m = months.len().max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 380)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let (top, body) = root.split_vertically(32);
        let series = ["Professional opinion", "Child's voice", "Equality recorded", "Recorded late"];
        legend(&top, &series)?;
        let labels: Vec<String> = months.iter().map(|g| month_label(&g.name, true)).collect();
        let x_label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < labels.len() => labels[*i].clone(),
            _ => String::new(),
        };
        let mut chart = ChartBuilder::on(&body)
            .margin_right(24)
            .margin_left(8)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d((0..last_index(m)).into_segmented(), 0f64..100f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(INK)
            .x_labels(m.min(13))
            .x_label_formatter(&x_label)
            .y_labels(11)
            .y_label_formatter(&|y| format!("{y:.0}%"))
            .y_desc("share of the month's notes")
            .label_style((FONT, 16).into_font().color(&INK))
            .axis_desc_style((FONT, 16).into_font().color(&INK))
            .draw()
            .map_err(err)?;
        let rates: [fn(&Group) -> Option<f64>; 4] = [|g| g.opinion.rate, |g| g.child_voice.rate, |g| g.equality.rate, |g| g.late.rate];
        for (k, rate) in rates.iter().enumerate() {
            let points: Vec<(SegmentValue<usize>, f64)> =
                months.iter().enumerate().filter_map(|(i, g)| pct(rate(g)).map(|r| (SegmentValue::CenterOf(i), r))).collect();
            chart.draw_series(LineSeries::new(points.clone(), SERIES[k].stroke_width(2))).map_err(err)?;
            markers!(chart, k, points, true)?;
        }
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// The most frequent jargon, by findings.
pub fn jargon(terms: &[TermRow]) -> Result<String, String> {
    let terms: Vec<&TermRow> = terms.iter().take(15).collect();
    let n = terms.len().max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 50 + 30 * n as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let names: Vec<&str> = terms.iter().map(|t| t.term.as_str()).collect();
        let y_label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < names.len() => names[names.len() - 1 - i].to_owned(),
            _ => String::new(),
        };
        let max = terms.iter().map(|t| t.count).max().unwrap_or(1).max(1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(label_width(names.iter().map(|s| s.chars().count())))
            .build_cartesian_2d(0f64..max * 1.15, (0..last_index(n)).into_segmented())
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(INK)
            .y_labels(n)
            .y_label_formatter(&y_label)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .x_desc("times used")
            .label_style((FONT, 16).into_font().color(&INK))
            .axis_desc_style((FONT, 16).into_font().color(&INK))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(terms.iter().enumerate().map(|(i, t)| {
                let j = terms.len() - 1 - i;
                let mut bar = Rectangle::new([(0.0, SegmentValue::Exact(j)), (t.count as f64, SegmentValue::Exact(j + 1))], SERIES[0].filled());
                bar.set_margin(5, 5, 0, 0);
                bar
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::figures::{Density, Lateness, Rate, Severities};

    fn group(name: &str, rate: Option<f64>) -> Group {
        let r = Rate { count: 1, rate };
        let d = Density { findings: 1, notes: 1, rate, per_1000_words: rate };
        Group {
            scope: "team",
            name: name.into(),
            notes: 1,
            words: 10,
            opinion: r,
            child_voice: r,
            equality: r,
            jargon: d,
            stigmatising: d,
            late: Lateness { known: 1, overdue: 1, rate, median_hours: Some(1), p90_hours: Some(1) },
            findings: Severities { error: 0, warning: 0, advice: 0 },
        }
    }

    #[test]
    fn one_group_or_many_draws_and_escapes_names() {
        for n in [1, 2, 12] {
            let groups: Vec<Group> = (0..n).map(|i| group(&format!("Team <{i}> & co"), Some(0.5))).collect();
            let svg = standards_by_team(&groups).unwrap();
            assert!(svg.starts_with("<svg") && svg.contains("Team &lt;0&gt; &amp; co"), "{n}: {}", &svg[..200.min(svg.len())]);
            assert_eq!(svg.matches("<circle").count(), 1 + n, "a dot per team, and one in the legend");
            let months: Vec<Group> = (0..n).map(|i| group(&format!("2026-{:02}", i % 12 + 1), Some(0.5))).collect();
            assert!(trends(&months).unwrap().contains("Jan 26"));
            let deadlines: Vec<Group> =
                (0..n.min(4)).map(|i| group(["high_risk", "other", "statutory_visit", "s47_strategy_significant"][i], Some(0.25))).collect();
            assert!(late_by_category(&deadlines).unwrap().contains("25.0% (1 of 1)"));
        }
        let none = group("Team", None);
        assert!(standards_by_team(&[none]).unwrap().starts_with("<svg"), "no rate, no dot, no failure");
    }
}
