//! `export FILE --view … --out OUT`: a brief-ready figure of a scenario's run written as PNG or SVG
//! without a window, for planners who script their briefing figures.

use std::path::{Path, PathBuf};

use crate::engine;
use crate::figure::{
    self, FigureError, FigureFormat, FigureRequest, FigureView, parse_size, parse_theme,
};

use super::{CliError, load_with_overrides, overrides_line};

/// Options of `export`.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// `KNOB=VALUE` overrides applied before the run.
    pub sets: Vec<String>,
    /// `tilt`, `shares:KHM`, `dependency:KHM`, `bloc` or `map`.
    pub view: String,
    /// `png` or `svg`; from the output's extension when `None`.
    pub format: Option<String>,
    /// `WIDTHxHEIGHT`.
    pub size: Option<String>,
    /// `light` or `dark`.
    pub theme: Option<String>,
    pub year: Option<f64>,
    pub out: PathBuf,
    pub force: bool,
}

impl From<FigureError> for CliError {
    fn from(e: FigureError) -> Self {
        match e {
            FigureError::Render(_) | FigureError::TooFewPowers(_) => CliError::Figure(e),
            _ => CliError::Usage(e.to_string()),
        }
    }
}

/// The format named by `--format`, else by the output's extension.
fn format_of(opts: &ExportOptions) -> Result<FigureFormat, CliError> {
    if let Some(f) = &opts.format {
        return Ok(FigureFormat::parse(f)?);
    }
    match opts.out.extension().and_then(|e| e.to_str()) {
        Some(e) => FigureFormat::parse(e).map_err(|_| {
            CliError::Usage(format!(
                "{}: the file name does not say png or svg; add --format png or --format svg",
                opts.out.display()
            ))
        }),
        None => Err(CliError::Usage(format!(
            "{}: add --format png or --format svg (or name the file .png or .svg)",
            opts.out.display()
        ))),
    }
}

/// Refuses to write a figure over the scenario or over a file that is not a figure of its format.
fn refuse_overwriting(
    out: &Path,
    input: &Path,
    format: FigureFormat,
    force: bool,
) -> Result<(), CliError> {
    if force {
        return Ok(());
    }
    super::refuse_overwriting(out, &[input], super::Writes::Csv, false)?;
    let Ok(bytes) = std::fs::read(out) else {
        return Ok(());
    };
    let is_png = bytes.starts_with(b"\x89PNG");
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let is_svg = head.contains("<svg") || head.trim_start().starts_with("<?xml");
    let same_kind = match format {
        FigureFormat::Png => is_png,
        FigureFormat::Svg => is_svg,
    };
    if bytes.is_empty() || same_kind {
        Ok(())
    } else {
        Err(CliError::Usage(format!(
            "{} is not a {} file; write to another file, or add --force to replace it",
            out.display(),
            format.extension().to_uppercase()
        )))
    }
}

/// `export FILE`: writes the figure and returns the line to print.
pub fn export_command(path: &Path, opts: &ExportOptions) -> Result<String, CliError> {
    let scenario = load_with_overrides(path, &opts.sets)?;
    let view = FigureView::parse(&opts.view, &scenario)?;
    let format = format_of(opts)?;
    let (width, height) = match &opts.size {
        Some(s) => parse_size(s)?,
        None => (1280, 720),
    };
    let dark = match &opts.theme {
        Some(t) => parse_theme(t)?,
        None => false,
    };
    refuse_overwriting(&opts.out, path, format, opts.force)?;
    let run = engine::run(&scenario)?;
    let request = FigureRequest {
        view,
        format,
        width,
        height,
        dark,
        year: opts.year,
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
    };
    let bytes = figure::figure_bytes(&scenario, &run, &request)?;
    crate::io::write_figure(&opts.out, &bytes).map_err(CliError::Save)?;
    Ok(format!(
        "{}Wrote {} ({} × {}, {}) to {}\n",
        overrides_line(&opts.sets),
        view.file_tag(&scenario),
        width,
        height,
        format.extension().to_uppercase(),
        opts.out.display()
    ))
}
