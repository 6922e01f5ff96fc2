//! The numbers the engine steps with: one `f64` for a plain run, or [`Lanes`], eight ensemble members
//! in lock-step, one per lane.
//!
//! Members of an ensemble differ only in their lever noise and two constants; every operation of a
//! step is the same for all of them. Running eight at once turns each scalar operation into two AVX2
//! instructions and shares the loop overhead and the scalar work of a step (profiles, constants,
//! indexing) among more members than one register holds, so a member costs a fraction of a plain
//! run. Every lane operation is the scalar IEEE operation on that lane (no fused multiply-add, no
//! reassociation), so a member computed in a lane is bit-identical to the same member run alone.

use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub};

use super::fast_exp;

/// Number of ensemble members stepped together.
pub(crate) const LANES: usize = 8;

/// What the engine needs of a number type.
pub(crate) trait Real:
    Copy
    + Default
    + Send
    + Sync
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + Add<f64, Output = Self>
    + Sub<f64, Output = Self>
    + Mul<f64, Output = Self>
    + Div<f64, Output = Self>
    + AddAssign
{
    fn splat(v: f64) -> Self;
    /// Lane-wise `f64::max`.
    fn lane_max(self, other: Self) -> Self;
    /// Lane-wise `f64::min`.
    fn lane_min(self, other: Self) -> Self;
    /// Lane-wise `f64::abs`.
    fn lane_abs(self) -> Self;
    /// `then` in the lanes where `cond ≠ 0`, `otherwise` in the others.
    fn select_nonzero(cond: Self, then: Self, otherwise: Self) -> Self;
    /// [`fast_exp::exp`] lane-wise.
    fn fast_exp(self) -> Self;
    /// [`fast_exp::exp_m1`] lane-wise.
    fn fast_exp_m1(self) -> Self;
    /// The lever rows of a plain tensor in this type: borrowed as they are for `f64`, widened into
    /// `buf` for lanes.
    fn widen_rows<'a, const W: usize>(
        rows: &'a [[f64; W]],
        buf: &'a mut Vec<[Self; W]>,
    ) -> &'a [[Self; W]];
}

impl Real for f64 {
    #[inline(always)]
    fn splat(v: f64) -> Self {
        v
    }
    #[inline(always)]
    fn lane_max(self, other: Self) -> Self {
        self.max(other)
    }
    #[inline(always)]
    fn lane_min(self, other: Self) -> Self {
        self.min(other)
    }
    #[inline(always)]
    fn lane_abs(self) -> Self {
        self.abs()
    }
    #[inline(always)]
    fn select_nonzero(cond: Self, then: Self, otherwise: Self) -> Self {
        if cond != 0.0 { then } else { otherwise }
    }
    #[inline(always)]
    fn fast_exp(self) -> Self {
        fast_exp::exp(self)
    }
    #[inline(always)]
    fn fast_exp_m1(self) -> Self {
        fast_exp::exp_m1(self)
    }
    fn widen_rows<'a, const W: usize>(
        rows: &'a [[f64; W]],
        _buf: &'a mut Vec<[Self; W]>,
    ) -> &'a [[Self; W]] {
        rows
    }
}

/// Eight ensemble members' values of one quantity.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Lanes(pub [f64; LANES]);

impl Lanes {
    /// Writes `values` into lane `lane` of `dst`, element by element.
    #[inline(always)]
    pub fn fill_lane(dst: &mut [Lanes], lane: usize, values: &[f64]) {
        for (to, from) in dst.iter_mut().zip(values) {
            to.0[lane] = *from;
        }
    }

    #[inline(always)]
    fn map(self, f: impl Fn(f64) -> f64) -> Self {
        // A plain loop rather than `array::map`, which the compiler does not always inline.
        let mut out = self.0;
        for v in &mut out {
            *v = f(*v);
        }
        Lanes(out)
    }

    #[inline(always)]
    fn zip(self, other: Self, f: impl Fn(f64, f64) -> f64) -> Self {
        let mut out = self.0;
        for (v, o) in out.iter_mut().zip(other.0) {
            *v = f(*v, o);
        }
        Lanes(out)
    }
}

macro_rules! lane_op {
    ($trait:ident, $method:ident, $op:tt) => {
        impl $trait for Lanes {
            type Output = Lanes;
            #[inline(always)]
            fn $method(self, other: Lanes) -> Lanes {
                self.zip(other, |a, b| a $op b)
            }
        }
        impl $trait<f64> for Lanes {
            type Output = Lanes;
            #[inline(always)]
            fn $method(self, other: f64) -> Lanes {
                self.map(|a| a $op other)
            }
        }
    };
}

lane_op!(Add, add, +);
lane_op!(Sub, sub, -);
lane_op!(Mul, mul, *);
lane_op!(Div, div, /);

impl Neg for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn neg(self) -> Lanes {
        self.map(|a| -a)
    }
}

impl AddAssign for Lanes {
    #[inline(always)]
    fn add_assign(&mut self, other: Lanes) {
        *self = *self + other;
    }
}

impl Real for Lanes {
    #[inline(always)]
    fn splat(v: f64) -> Self {
        Lanes([v; LANES])
    }
    #[inline(always)]
    fn lane_max(self, other: Self) -> Self {
        self.zip(other, f64::max)
    }
    #[inline(always)]
    fn lane_min(self, other: Self) -> Self {
        self.zip(other, f64::min)
    }
    #[inline(always)]
    fn lane_abs(self) -> Self {
        self.map(f64::abs)
    }
    #[inline(always)]
    fn select_nonzero(cond: Self, then: Self, otherwise: Self) -> Self {
        Lanes(std::array::from_fn(|l| {
            if cond.0[l] != 0.0 {
                then.0[l]
            } else {
                otherwise.0[l]
            }
        }))
    }
    #[inline(always)]
    fn fast_exp(self) -> Self {
        Lanes(fast_exp::exp_lanes(self.0))
    }
    #[inline(always)]
    fn fast_exp_m1(self) -> Self {
        Lanes(fast_exp::exp_m1_lanes(self.0))
    }
    fn widen_rows<'a, const W: usize>(
        rows: &'a [[f64; W]],
        buf: &'a mut Vec<[Self; W]>,
    ) -> &'a [[Self; W]] {
        buf.clear();
        buf.extend(rows.iter().map(|row| row.map(Lanes::splat)));
        buf
    }
}

/// Replaces every `v` by `e^(−v·h)`.
#[inline(always)]
pub(crate) fn exp_neg_scaled<V: Real>(values: &mut [V], h: f64) {
    for v in values {
        *v = (-*v * h).fast_exp();
    }
}

/// Writes `e^(−rate·h)` for every rate into `out` (the rates are still needed beside their factors).
#[inline(always)]
pub(crate) fn exp_neg_scaled_into<V: Real>(out: &mut [V], rates: &[V], h: f64) {
    for (o, rate) in out.iter_mut().zip(rates) {
        *o = (-*rate * h).fast_exp();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn lanes() -> Lanes {
        Lanes([0.0, 0.14, -2.5, 60.0, -700.0, 1e-12, 3.0, -0.0])
    }

    #[test]
    fn every_lane_operation_is_the_scalar_operation_on_that_lane() {
        let (a, b) = (
            lanes(),
            Lanes([1.5, -0.0, 3.0, 1e-300, 2.0, -4.0, 0.5, 9.0]),
        );
        for l in 0..LANES {
            let (x, y) = (a.0[l], b.0[l]);
            assert_eq!((a + b).0[l].to_bits(), (x + y).to_bits());
            assert_eq!((a - b).0[l].to_bits(), (x - y).to_bits());
            assert_eq!((a * b).0[l].to_bits(), (x * y).to_bits());
            assert_eq!((a / b).0[l].to_bits(), (x / y).to_bits());
            assert_eq!((a * 0.3).0[l].to_bits(), (x * 0.3).to_bits());
            assert_eq!((-a).0[l].to_bits(), (-x).to_bits());
            assert_eq!(a.lane_max(b).0[l], x.max(y));
            assert_eq!(a.lane_min(b).0[l], x.min(y));
            assert_eq!((a - b).lane_abs().0[l], (x - y).abs());
            assert_eq!(a.fast_exp().0[l].to_bits(), fast_exp::exp(x).to_bits());
            assert_eq!(
                a.fast_exp_m1().0[l].to_bits(),
                fast_exp::exp_m1(x).to_bits()
            );
            let picked = Lanes::select_nonzero(a, b, Lanes::splat(7.0)).0[l];
            assert_eq!(picked, if x != 0.0 { y } else { 7.0 });
        }
    }

    #[test]
    fn slice_forms_match_the_scalar_form() {
        let rates = lanes().0;
        let mut v = rates.to_vec();
        exp_neg_scaled(&mut v, 0.5);
        let mut into = [f64::NAN; LANES];
        exp_neg_scaled_into(&mut into, &rates, 0.5);
        let mut wide = [lanes()];
        exp_neg_scaled(&mut wide, 0.5);
        for (l, rate) in rates.iter().enumerate() {
            assert_eq!(v[l], fast_exp::exp(-rate * 0.5));
            assert_eq!(into[l], v[l]);
            assert_eq!(wide[0].0[l], v[l]);
        }
    }
}
