//! Tipping-point maps: two knobs swept over a grid (default 25 × 25, over the knobs' valid ranges),
//! recording an outcome per cell and, for a chosen state, which pole it leans to, so a view can draw
//! the outcome as a heat map and the contour where the leaning flips ([`flip_edges`]).

use std::sync::atomic::{AtomicBool, AtomicUsize};

use crate::model::Scenario;

use super::analysis_error::AnalysisError;
use super::batch::{lean_copy, run_indexed};
use super::outcome::{Outcome, evaluate};
use crate::engine::run;
use crate::model::{Knob, KnobError};

/// Default points per axis.
pub const DEFAULT_GRID: usize = 25;
/// Most points per axis (200 × 200 = 40,000 runs).
pub const MAX_GRID: usize = 200;

/// What to sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepSpec {
    pub x: Knob,
    pub y: Knob,
    /// `(low, high)` of x; `None` means [`Knob::sweep_bounds`].
    pub x_range: Option<(f64, f64)>,
    pub y_range: Option<(f64, f64)>,
    /// Points along x (2 … [`MAX_GRID`]), both ends included.
    pub nx: usize,
    pub ny: usize,
    pub outcome: Outcome,
    /// The state whose leaning is recorded; `None` records none.
    pub state: Option<usize>,
}

impl SweepSpec {
    /// A 25 × 25 sweep over the knobs' ranges, recording the leaning of the outcome's state if any.
    pub fn new(x: Knob, y: Knob, outcome: Outcome) -> Self {
        Self {
            x,
            y,
            x_range: None,
            y_range: None,
            nx: DEFAULT_GRID,
            ny: DEFAULT_GRID,
            outcome,
            state: outcome.kind.state(),
        }
    }

    /// Number of runs the sweep makes (the total for a progress bar).
    pub fn runs(&self) -> usize {
        self.nx * self.ny
    }
}

/// One axis of a sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepAxis {
    pub knob: Knob,
    /// The knob's label for axis titles.
    pub label: String,
    /// The knob's values, evenly spaced, both ends included.
    pub values: Vec<f64>,
}

/// The result of a sweep. Cells are stored row by row: cell (ix, iy) is at `iy * nx + ix`.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    pub x: SweepAxis,
    pub y: SweepAxis,
    pub outcome: Outcome,
    pub state: Option<usize>,
    /// The outcome per cell.
    pub values: Vec<f64>,
    /// The state's leaning (pole index) per cell at the outcome's year; empty without a state.
    pub leaning: Vec<usize>,
}

/// A boundary between two neighbouring cells whose leanings differ: part of the flip contour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlipEdge {
    /// The lower cell (ix, iy).
    pub cell: (usize, usize),
    /// Its neighbour: (ix + 1, iy) or (ix, iy + 1).
    pub neighbour: (usize, usize),
    /// Pole the state leans to in `cell`.
    pub from: usize,
    /// Pole it leans to in `neighbour`.
    pub to: usize,
}

impl Sweep {
    pub fn nx(&self) -> usize {
        self.x.values.len()
    }

    pub fn ny(&self) -> usize {
        self.y.values.len()
    }

    /// The outcome at cell (ix, iy), `None` outside the grid.
    pub fn value(&self, ix: usize, iy: usize) -> Option<f64> {
        (ix < self.nx())
            .then(|| self.values.get(iy * self.nx() + ix).copied())
            .flatten()
    }

    /// The leaning at cell (ix, iy), `None` outside the grid or without a state.
    pub fn leaning_at(&self, ix: usize, iy: usize) -> Option<usize> {
        (ix < self.nx())
            .then(|| self.leaning.get(iy * self.nx() + ix).copied())
            .flatten()
    }

    /// Smallest and largest outcome over the grid.
    pub fn value_range(&self) -> (f64, f64) {
        self.values
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(*v), hi.max(*v))
            })
    }

    /// Where the leaning flips; see [`flip_edges`].
    pub fn flip_edges(&self) -> Vec<FlipEdge> {
        flip_edges(self)
    }
}

impl FlipEdge {
    /// The boundary as a segment in knob coordinates: halfway between the two cells' values, as
    /// long as a cell (cells reach halfway to their neighbours and stop at the grid's ends). `None`
    /// when the edge does not belong to this sweep's grid.
    pub fn segment(&self, sweep: &Sweep) -> Option<[(f64, f64); 2]> {
        let (xs, ys) = (&sweep.x.values, &sweep.y.values);
        let span = |v: &[f64], i: usize| -> Option<(f64, f64)> {
            let here = *v.get(i)?;
            let lo = if i == 0 {
                here
            } else {
                0.5 * (v[i - 1] + here)
            };
            let hi = v.get(i + 1).map_or(here, |next| 0.5 * (here + next));
            Some((lo, hi))
        };
        let ((ix, iy), (jx, jy)) = (self.cell, self.neighbour);
        if jx == ix + 1 && jy == iy {
            let x = 0.5 * (xs.get(ix)? + xs.get(jx)?);
            let (y0, y1) = span(ys, iy)?;
            Some([(x, y0), (x, y1)])
        } else if jx == ix && jy == iy + 1 {
            let y = 0.5 * (ys.get(iy)? + ys.get(jy)?);
            let (x0, x1) = span(xs, ix)?;
            Some([(x0, y), (x1, y)])
        } else {
            None
        }
    }
}

/// Every boundary between horizontally or vertically neighbouring cells whose leanings differ, row
/// by row; empty when the sweep recorded no leaning.
pub fn flip_edges(sweep: &Sweep) -> Vec<FlipEdge> {
    let (nx, ny) = (sweep.nx(), sweep.ny());
    let mut edges = Vec::new();
    if sweep.leaning.len() != nx * ny {
        return edges;
    }
    let at = |ix: usize, iy: usize| sweep.leaning[iy * nx + ix];
    for iy in 0..ny {
        for ix in 0..nx {
            let here = at(ix, iy);
            let mut check = |jx: usize, jy: usize| {
                let there = at(jx, jy);
                if there != here {
                    edges.push(FlipEdge {
                        cell: (ix, iy),
                        neighbour: (jx, jy),
                        from: here,
                        to: there,
                    });
                }
            };
            if ix + 1 < nx {
                check(ix + 1, iy);
            }
            if iy + 1 < ny {
                check(ix, iy + 1);
            }
        }
    }
    edges
}

/// Runs the sweep in parallel (deterministic for any thread count); stops when `cancel` is set and
/// counts finished cells in `progress` (of [`SweepSpec::runs`]).
pub fn sweep(
    s: &Scenario,
    spec: &SweepSpec,
    cancel: &AtomicBool,
    progress: &AtomicUsize,
) -> Result<Sweep, AnalysisError> {
    if spec.x == spec.y {
        return Err(AnalysisError::Request(
            "x and y are the same knob: choose two different inputs".into(),
        ));
    }
    for (axis, n) in [("x", spec.nx), ("y", spec.ny)] {
        if !(2..=MAX_GRID).contains(&n) {
            return Err(AnalysisError::Request(format!(
                "{n} points along {axis}: must be 2 to {MAX_GRID}"
            )));
        }
    }
    if !spec.outcome.fits_scenario(s) {
        return Err(AnalysisError::Request(
            "the outcome names a state, power or pole the scenario does not have".into(),
        ));
    }
    if let Some(i) = spec.state.filter(|&i| i >= s.states.len()) {
        return Err(AnalysisError::Request(format!(
            "the scenario has no state {i} (it has {})",
            s.states.len()
        )));
    }
    let x = axis(s, spec.x, spec.x_range, spec.nx)?;
    let y = axis(s, spec.y, spec.y_range, spec.ny)?;
    let template = lean_copy(s);
    let cells = run_indexed(spec.runs(), cancel, progress, |c| {
        let mut variant = template.clone();
        spec.x.set(&mut variant, x.values[c % spec.nx])?;
        spec.y.set(&mut variant, y.values[c / spec.nx])?;
        let r = run(&variant)?;
        let leaning = spec
            .state
            .map(|i| r.leaning(r.index_of_year(spec.outcome.year), i));
        Ok((evaluate(&r, &spec.outcome), leaning))
    })?;
    Ok(Sweep {
        x,
        y,
        outcome: spec.outcome,
        state: spec.state,
        values: cells.iter().map(|c| c.0).collect(),
        leaning: cells.iter().filter_map(|c| c.1).collect(),
    })
}

/// Evenly spaced values over the range (checked against the knob's valid range).
fn axis(
    s: &Scenario,
    knob: Knob,
    range: Option<(f64, f64)>,
    n: usize,
) -> Result<SweepAxis, AnalysisError> {
    knob.get(s)?;
    let (lo, hi) = range.unwrap_or_else(|| knob.sweep_bounds(s));
    let valid = knob.range(s);
    for v in [lo, hi] {
        if !valid.contains(v) {
            return Err(KnobError::OutOfRange {
                what: knob.spec(s),
                value: v,
                allowed: valid.describe(),
            }
            .into());
        }
    }
    if lo >= hi {
        return Err(AnalysisError::Request(format!(
            "the range of {} runs from {lo} to {hi}: the low end must be below the high end",
            knob.spec(s)
        )));
    }
    let last = (n - 1) as f64;
    let values = (0..n)
        .map(|i| {
            if i + 1 == n {
                hi
            } else {
                lo + (hi - lo) * i as f64 / last
            }
        })
        .collect();
    Ok(SweepAxis {
        knob,
        label: knob.label(s),
        values,
    })
}
