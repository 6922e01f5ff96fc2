//! Euclidean projection onto the probability simplex: the nearest point whose shares are ≥ 0 and
//! sum to 1 (Held, Wolfe & Crowder 1974; the sort-based form of Duchi et al. 2008).

/// The point of the simplex nearest to `v` in the Euclidean norm.
pub fn project_to_simplex(v: &[f64]) -> Vec<f64> {
    if v.is_empty() {
        return Vec::new();
    }
    let mut sorted = v.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let mut cumulative = 0.0;
    let mut shift = 0.0;
    for (k, &value) in sorted.iter().enumerate() {
        cumulative += value;
        let candidate = (cumulative - 1.0) / (k + 1) as f64;
        if value - candidate > 0.0 {
            shift = candidate;
        }
    }
    let mut out: Vec<f64> = v.iter().map(|&x| (x - shift).max(0.0)).collect();
    // Rounding can leave the sum a few ulps from 1; the model's validity check wants it exact-ish.
    let sum: f64 = out.iter().sum();
    if sum > 0.0 {
        out.iter_mut().for_each(|x| *x /= sum);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_on_the_simplex_is_its_own_projection() {
        let p = [0.2, 0.3, 0.5];
        let q = project_to_simplex(&p);
        for (a, b) in p.iter().zip(&q) {
            assert!((a - b).abs() < 1e-15);
        }
    }

    #[test]
    fn a_negative_share_is_cut_to_zero_and_the_rest_shift_equally() {
        let q = project_to_simplex(&[-0.4, 0.7, 0.7]);
        assert_eq!(q[0], 0.0);
        assert!((q[1] - 0.5).abs() < 1e-15 && (q[2] - 0.5).abs() < 1e-15);
    }

    #[test]
    fn the_projection_is_never_farther_than_a_vertex() {
        let v = [1.7, -0.9, 0.4, -0.2];
        let q = project_to_simplex(&v);
        let dist = |p: &[f64]| v.iter().zip(p).map(|(a, b)| (a - b).powi(2)).sum::<f64>();
        assert!((q.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        for vertex in 0..4 {
            let mut e = [0.0; 4];
            e[vertex] = 1.0;
            assert!(dist(&q) <= dist(&e) + 1e-12);
        }
    }
}
