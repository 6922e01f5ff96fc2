//! Entry point: parses arguments, runs a headless command, or opens the desktop app.

use std::path::PathBuf;
use std::process::ExitCode;

use asean_futures::cli::{self, RunOptions, exit};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "asean-futures",
    version,
    about = "Scenario planning of ASEAN digital integration under great-power competition",
    after_help = "Without a command, opens the desktop app (on FILE if given, else the baseline).\n\n\
Exit codes:\n  0  success\n  1  a scenario is invalid or could not be run (every problem is listed)\n  \
2  wrong arguments\n  3  a file could not be read or written"
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario to open in the desktop app.
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario and print a summary: each state's leaning and hedging index, the bloc indices.
    Run {
        /// Scenario file (.ron).
        file: PathBuf,
        /// Write the run in long form to this CSV (bloc indices go to NAME.bloc.csv beside it).
        #[arg(long, value_name = "OUT")]
        csv: Option<PathBuf>,
        /// Also run an uncertainty ensemble of N members and print its 10–90 % ranges.
        #[arg(long, value_name = "N")]
        ensemble: Option<u32>,
        /// Seed of the ensemble (default: the scenario's).
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
    },
    /// Validate scenario files and list every problem with its field path and line.
    Check {
        /// Scenario files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Some(Command::Run {
            file,
            csv,
            ensemble,
            seed,
        }) => {
            match cli::run_command(
                &file,
                &RunOptions {
                    csv,
                    ensemble,
                    seed,
                },
            ) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::from(exit::OK)
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(e.exit_code())
                }
            }
        }
        Some(Command::Check { files }) => {
            let mut all_valid = true;
            for file in &files {
                let report = cli::check_file(file);
                print!("{}", report.text);
                all_valid &= report.valid;
            }
            ExitCode::from(if all_valid { exit::OK } else { exit::INVALID })
        }
        None => match asean_futures::app::run_native(args.file) {
            Ok(()) => ExitCode::from(exit::OK),
            Err(e) => {
                eprintln!("error: the window could not be opened: {e}");
                eprintln!("On a fresh Debian machine, run .ci/install-system-packages first.");
                ExitCode::from(exit::IO)
            }
        },
    }
}
