//! `calibrate FILE`: fits the constants no source fixes against a backcast and sets rest-point
//! anchors and sector pulls, then prints the plain-text report and writes the calibrated files.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize};

use crate::calibration::{self, CalibrationError};
use crate::io;

use super::{CliError, Writes, load, load_with_overrides, overrides_line, refuse_overwriting};

/// Options of `calibrate`.
#[derive(Clone, Debug, Default)]
pub struct CalibrateOptions {
    /// `KNOB=VALUE` overrides applied to FILE before calibrating.
    pub sets: Vec<String>,
    /// The backcast, when FILE is the present (a backcast names its own target).
    pub backcast: Option<PathBuf>,
    /// Where to write FILE calibrated.
    pub out: Option<PathBuf>,
    /// Where to write the other scenario of the pair calibrated (the target of a backcast, or the
    /// backcast of a present).
    pub other_out: Option<PathBuf>,
    /// Replace the outputs even over an input or a file of another kind.
    pub force: bool,
}

/// Runs the calibration and returns the report to print.
pub fn calibrate_command(path: &Path, opts: &CalibrateOptions) -> Result<String, CliError> {
    let file = load_with_overrides(path, &opts.sets)?;
    let (present_path, backcast_path) = match (&file.calibration, &opts.backcast) {
        (_, Some(backcast)) => (path.to_path_buf(), backcast.clone()),
        (Some(target), None) => (
            path.parent()
                .unwrap_or_else(|| Path::new("."))
                .join(&target.target),
            path.to_path_buf(),
        ),
        (None, None) => {
            return Err(CliError::Usage(format!(
                "{} is not a backcast (it has no `calibration: (target: …)`): name one with --backcast FILE",
                path.display()
            )));
        }
    };
    let file_is_backcast = backcast_path == path;
    let (present, backcast) = if file_is_backcast {
        (load(&present_path)?, file)
    } else {
        (file, load(&backcast_path)?)
    };
    for out in [&opts.out, &opts.other_out].into_iter().flatten() {
        refuse_overwriting(
            out,
            &[&present_path, &backcast_path],
            Writes::Scenario,
            opts.force,
        )?;
    }
    let cal = calibration::calibrate(
        &present,
        &backcast,
        &AtomicUsize::new(0),
        &AtomicBool::new(false),
    )
    .map_err(|e| match e {
        CalibrationError::Sim(e) => CliError::Sim(e),
        other => CliError::Usage(other.to_string()),
    })?;
    let name = |p: &Path| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let backcast_name = name(&backcast_path);
    let mut calibrated_present = present.clone();
    calibration::apply_calibration(&mut calibrated_present, &cal, &backcast_name);
    let mut calibrated_backcast = backcast.clone();
    calibration::apply_calibration(&mut calibrated_backcast, &cal, &backcast_name);
    let (mine, other) = if file_is_backcast {
        (&calibrated_backcast, &calibrated_present)
    } else {
        (&calibrated_present, &calibrated_backcast)
    };
    let mut text = overrides_line(&opts.sets);
    text.push_str(&calibration::report(
        &cal,
        &name(&present_path),
        &backcast_name,
    ));
    if let Some(out) = &opts.out {
        io::save_scenario(out, mine)?;
        text.push_str(&format!(
            "\nWrote {} calibrated to {}\n",
            name(path),
            out.display()
        ));
    }
    if let Some(out) = &opts.other_out {
        io::save_scenario(out, other)?;
        let other_path = if file_is_backcast {
            &present_path
        } else {
            &backcast_path
        };
        text.push_str(&format!(
            "Wrote {} calibrated to {}\n",
            name(other_path),
            out.display()
        ));
    }
    if opts.out.is_none() && opts.other_out.is_none() {
        text.push_str("\nNothing written: add --out FILE to save the calibrated scenario.\n");
    }
    Ok(text)
}
