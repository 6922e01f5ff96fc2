//! Trajectory charts as SVG: the tilt of every state, one state's alignment shares or technology
//! dependency, and the bloc indices — the same series, colours and fitted axes as the window's
//! charts, with end labels spread so none overlaps and leaders back to their lines.

use crate::engine::{BlocIndex, Run};
use crate::model::Scenario;
use crate::model::naming::year_label;

use super::layout::{Look, Page, frame, nice_step, spread, ticks};
use super::palette::{self, Rgb, StateDash};
use super::svg::{Anchor, Stroke, Svg, text_width};

/// One line of a chart.
#[derive(Clone, Debug)]
pub struct LineSeries {
    pub name: String,
    pub colour: Rgb,
    pub dash: StateDash,
    /// (year, value) points.
    pub points: Vec<(f64, f64)>,
}

/// A trajectory chart, as data.
#[derive(Clone, Debug)]
pub struct LineChart {
    pub heading: String,
    pub y_range: (f64, f64),
    pub series: Vec<LineSeries>,
    /// The year whose values the labels give (and, before the end, a marker shows).
    pub year: f64,
    /// Values are signed (a tilt): shown with their sign, and a zero line drawn.
    pub signed: bool,
}

fn power_name(s: &Scenario, p: usize) -> String {
    s.powers.get(p).map_or("–".into(), |x| x.name.clone())
}

fn power_code(s: &Scenario, p: usize) -> String {
    s.powers.get(p).map_or("–".into(), |x| x.code.clone())
}

fn state_name(s: &Scenario, i: usize) -> String {
    s.states.get(i).map_or("–".into(), |x| x.name.clone())
}

fn series_of(run: &Run, f: &dyn Fn(usize) -> f64) -> Vec<(f64, f64)> {
    run.times
        .iter()
        .enumerate()
        .map(|(t, x)| (*x, f(t)))
        .collect()
}

/// The tilt of every state, on an axis fitted to the data (as the window shows by default).
pub fn tilt_chart(s: &Scenario, run: &Run, year: f64) -> LineChart {
    let series: Vec<LineSeries> = (0..run.n_states)
        .map(|i| LineSeries {
            name: state_name(s, i),
            colour: palette::state_rgb(i),
            dash: palette::state_dash(i),
            points: series_of(run, &|t| run.tilt(t, i)),
        })
        .collect();
    LineChart {
        heading: format!(
            "Tilt of every state: {} share minus {} share (+1 all {}, −1 all {})",
            power_name(s, 0),
            power_name(s, 1),
            power_code(s, 0),
            power_code(s, 1)
        ),
        y_range: fitted_range(&series),
        series,
        year,
        signed: true,
    }
}

/// State i's shares of every pole.
pub fn shares_chart(s: &Scenario, run: &Run, i: usize, year: f64) -> LineChart {
    let series = (0..run.n_poles())
        .map(|o| LineSeries {
            name: s
                .powers
                .get(o)
                .map_or("Regional autonomy".into(), |p| p.name.clone()),
            colour: palette::pole_rgb(s, o, false),
            dash: if o >= s.powers.len() {
                StateDash::Dashed
            } else {
                StateDash::Solid
            },
            points: series_of(run, &|t| run.alignment(t, i)[o]),
        })
        .collect();
    LineChart {
        heading: format!("Alignment of {}: its share of each pole", state_name(s, i)),
        y_range: (0.0, 1.0),
        series,
        year,
        signed: false,
    }
}

/// State i's technology dependency on each power (mean of the sectors) and its domestic share.
pub fn dependency_chart(s: &Scenario, run: &Run, i: usize, year: f64) -> LineChart {
    let mut series: Vec<LineSeries> = (0..run.n_powers)
        .map(|p| LineSeries {
            name: power_name(s, p),
            colour: palette::power_rgb(s, p),
            dash: StateDash::Solid,
            points: series_of(run, &|t| run.dependency_overall(t, i, p)),
        })
        .collect();
    series.push(LineSeries {
        name: "Domestic / regional".into(),
        colour: palette::domestic_rgb(false),
        dash: StateDash::Dashed,
        points: series_of(run, &|t| {
            crate::model::Sector::ALL
                .iter()
                .map(|sec| run.domestic(t, i, sec.index()))
                .sum::<f64>()
                / crate::model::Sector::ALL.len() as f64
        }),
    });
    LineChart {
        heading: format!(
            "Technology dependency of {} (mean of all sectors)",
            state_name(s, i)
        ),
        y_range: (0.0, 1.0),
        series,
        year,
        signed: false,
    }
}

/// The five bloc indices.
pub fn bloc_chart(run: &Run, year: f64) -> LineChart {
    let series = BlocIndex::ALL
        .iter()
        .enumerate()
        .map(|(k, b)| LineSeries {
            name: b.label().to_string(),
            colour: palette::bloc_rgb(k),
            dash: StateDash::Solid,
            points: series_of(run, &|t| run.bloc(t, *b)),
        })
        .collect();
    LineChart {
        heading:
            "Bloc indices: cohesion, bifurcation, tech split, autonomy and DEFA integration (0–1)"
                .into(),
        y_range: (0.0, 1.0),
        series,
        year,
        signed: false,
    }
}

/// The data's range with a margin, inside −1…1 (the window's fitted tilt axis).
fn fitted_range(series: &[LineSeries]) -> (f64, f64) {
    let (lo, hi) = series
        .iter()
        .flat_map(|x| x.points.iter())
        .fold((0.0_f64, 0.0_f64), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
    let margin = ((hi - lo) * 0.08).max(0.02);
    ((lo - margin).max(-1.0), (hi + margin).min(1.0))
}

/// The value of a series at `year`: the point nearest to it.
pub fn value_at(points: &[(f64, f64)], year: f64) -> Option<f64> {
    points
        .iter()
        .min_by(|a, b| (a.0 - year).abs().total_cmp(&(b.0 - year).abs()))
        .map(|p| p.1)
}

fn number(v: f64, signed: bool) -> String {
    let text = if signed {
        format!("{v:+.2}")
    } else {
        format!("{v:.2}")
    };
    // A typographic minus reads better than a hyphen.
    text.replace('-', "−")
}

/// The chart drawn on `page`.
pub fn line_chart_svg(chart: &LineChart, page: &Page) -> String {
    let look = Look::of(page);
    let mut svg = Svg::new(page.width, page.height, look.background, &page.title);
    let (top, bottom) = frame(&mut svg, page, &look);
    let labels: Vec<String> = chart
        .series
        .iter()
        .map(|x| {
            let v = value_at(&x.points, chart.year).unwrap_or(f64::NAN);
            format!("{} {}", x.name, number(v, chart.signed))
        })
        .collect();
    let label_width = labels
        .iter()
        .map(|l| text_width(l, look.body))
        .fold(0.0, f64::max);
    let leader = 26.0 * look.scale;
    let tick_width = text_width("−0.00", look.body) + 12.0 * look.scale;
    let left = look.pad + tick_width;
    let right = (page.width - look.pad - label_width - leader).max(left + page.width * 0.4);
    let plot_top = top + look.body * 0.6;
    let plot_bottom = bottom - look.body * 2.4;
    let (x0, x1) = match (
        chart.series.first().and_then(|x| x.points.first()),
        chart.series.first().and_then(|x| x.points.last()),
    ) {
        (Some(a), Some(b)) if b.0 > a.0 => (a.0, b.0),
        _ => (chart.year - 1.0, chart.year + 1.0),
    };
    let (y0, y1) = chart.y_range;
    let px = |x: f64| left + (x - x0) / (x1 - x0) * (right - left);
    let py = |y: f64| plot_bottom - (y - y0) / (y1 - y0).max(1e-9) * (plot_bottom - plot_top);

    // Grid and axes.
    let y_step = nice_step(y1 - y0, 5.0);
    for y in ticks(y0, y1, y_step) {
        svg.line(
            left,
            py(y),
            right,
            py(y),
            Stroke::solid(look.grid, 1.0 * look.scale),
        );
        svg.text(
            left - 8.0 * look.scale,
            py(y) + look.body * 0.35,
            &look.text(&number(y, false), look.body, look.weak, Anchor::End),
        );
    }
    let x_step = nice_step(x1 - x0, 6.0).max(1.0);
    for x in ticks(x0, x1, x_step) {
        svg.line(
            px(x),
            plot_top,
            px(x),
            plot_bottom,
            Stroke::solid(look.grid, 1.0 * look.scale),
        );
        svg.text(
            px(x),
            plot_bottom + look.body * 1.4,
            &look.text(&year_label(x), look.body, look.weak, Anchor::Middle),
        );
    }
    if chart.signed && y0 < 0.0 && y1 > 0.0 {
        svg.line(
            left,
            py(0.0),
            right,
            py(0.0),
            Stroke::solid(look.axis, 1.5 * look.scale),
        );
    }
    svg.rect(
        left,
        plot_top,
        right - left,
        plot_bottom - plot_top,
        None,
        Some(Stroke::solid(look.axis, 1.0 * look.scale)),
    );
    if chart.year < x1 - 1e-9 {
        svg.line(
            px(chart.year),
            plot_top,
            px(chart.year),
            plot_bottom,
            Stroke::dashed(
                look.text,
                1.5 * look.scale,
                6.0 * look.scale,
                4.0 * look.scale,
            ),
        );
    }

    // Lines, then their labels spread along the right edge.
    let width = 2.6 * look.scale;
    for x in &chart.series {
        let points: Vec<(f64, f64)> = x.points.iter().map(|p| (px(p.0), py(p.1))).collect();
        let stroke = match x.dash {
            StateDash::Solid => Stroke::solid(x.colour, width),
            StateDash::Dashed => {
                Stroke::dashed(x.colour, width, 10.0 * look.scale, 6.0 * look.scale)
            }
            StateDash::Dotted => {
                Stroke::dashed(x.colour, width, 2.0 * look.scale, 5.0 * look.scale)
            }
        };
        svg.polyline(&points, stroke);
    }
    let ends: Vec<f64> = chart
        .series
        .iter()
        .map(|x| py(value_at(&x.points, chart.year).unwrap_or(y0)))
        .collect();
    let placed = spread(
        &ends,
        look.body * 1.15,
        plot_top + look.body * 0.4,
        plot_bottom,
    );
    let label_x = right + leader;
    for ((x, label), (end, at)) in chart
        .series
        .iter()
        .zip(&labels)
        .zip(ends.iter().zip(&placed))
    {
        let from = px(chart.year);
        svg.line(
            from,
            *end,
            right + leader * 0.25,
            *end,
            Stroke::solid(x.colour, 1.2 * look.scale),
        );
        svg.line(
            right + leader * 0.25,
            *end,
            label_x - 4.0 * look.scale,
            *at - look.body * 0.32,
            Stroke::solid(x.colour, 1.2 * look.scale),
        );
        let mut text = look.text(label, look.body, look.text, Anchor::Start);
        text.colour = look.text;
        svg.rect(
            label_x,
            at - look.body * 0.78,
            4.0 * look.scale,
            look.body * 0.9,
            Some(x.colour),
            None,
        );
        svg.text(label_x + 8.0 * look.scale, *at, &text);
    }
    svg.finish()
}
