//! Field metadata shared by the editor and the validator: label, unit, valid range and a one-line help.

/// A closed or half-open numeric interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    /// True when `min` itself is not allowed, as in `(0, 5]`.
    pub min_exclusive: bool,
}

impl Range {
    /// `[min, max]`.
    pub const fn closed(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_exclusive: false,
        }
    }

    /// `(min, max]`.
    pub const fn open_min(min: f64, max: f64) -> Self {
        Self {
            min,
            max,
            min_exclusive: true,
        }
    }

    /// The unit interval `[0, 1]`.
    pub const UNIT: Range = Range::closed(0.0, 1.0);

    /// Whether `v` is finite and inside the interval.
    pub fn contains(&self, v: f64) -> bool {
        v.is_finite()
            && v <= self.max
            && if self.min_exclusive {
                v > self.min
            } else {
                v >= self.min
            }
    }

    /// Brings `v` into the interval (used by the ensemble, which must stay within valid ranges).
    pub fn clamp(&self, v: f64) -> f64 {
        let lo = if self.min_exclusive {
            self.min.next_up()
        } else {
            self.min
        };
        v.clamp(lo, self.max)
    }

    /// How the range is written in messages, e.g. `0..=1` or `greater than 0 and at most 5`.
    pub fn describe(&self) -> String {
        if self.min_exclusive {
            format!(
                "greater than {} and at most {}",
                fmt_num(self.min),
                fmt_num(self.max)
            )
        } else if self.max == f64::INFINITY {
            format!("at least {}", fmt_num(self.min))
        } else {
            format!("within {}..={}", fmt_num(self.min), fmt_num(self.max))
        }
    }
}

fn fmt_num(v: f64) -> String {
    if v == v.trunc() && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// What the editor shows and the validator checks for one numeric field.
#[derive(Clone, Copy, Debug)]
pub struct FieldMeta {
    /// The name in files, CSV headers and MODEL.md.
    pub key: &'static str,
    /// A label for people.
    pub label: &'static str,
    /// Unit, or "" for a dimensionless share or index.
    pub unit: &'static str,
    pub range: Range,
    /// One line: what it means and how it enters the model.
    pub help: &'static str,
}
