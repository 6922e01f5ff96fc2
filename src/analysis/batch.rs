//! Many runs of variants of one scenario, in parallel: results are gathered by index, so they do not
//! depend on the number of threads; a cancel flag is checked before each run and a counter advanced
//! after each, as in the ensemble.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::model::Scenario;

use super::analysis_error::AnalysisError;

/// A copy without the texts a run never reads (descriptions, basis notes, lever and event notes),
/// so the many clones an analysis makes stay cheap.
pub(crate) fn lean_copy(s: &Scenario) -> Scenario {
    let mut c = s.clone();
    c.description.clear();
    for st in &mut c.states {
        st.basis.clear();
    }
    for p in &mut c.powers {
        p.basis.clear();
    }
    for e in &mut c.levers {
        e.note.clear();
    }
    for e in &mut c.events {
        e.note.clear();
    }
    c.asean.basis.clear();
    c.constants_basis.clear();
    c
}

/// `f(0), …, f(count − 1)` in parallel, in index order. Stops with [`AnalysisError::Cancelled`]
/// once `cancel` is set; adds one to `progress` per finished item.
pub(crate) fn run_indexed<T, F>(
    count: usize,
    cancel: &AtomicBool,
    progress: &AtomicUsize,
    f: F,
) -> Result<Vec<T>, AnalysisError>
where
    T: Send,
    F: Fn(usize) -> Result<T, AnalysisError> + Sync + Send,
{
    (0..count)
        .into_par_iter()
        .map(|i| {
            if cancel.load(Ordering::Relaxed) {
                return Err(AnalysisError::Cancelled);
            }
            let value = f(i)?;
            progress.fetch_add(1, Ordering::Relaxed);
            Ok(value)
        })
        .collect()
}
