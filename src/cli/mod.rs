//! The command line: argument parsing and the exit-code contract (0 fine, 1 the plan has
//! problems, 2 the command could not run). Each subcommand lives in its own module.

mod check;
mod gen;
mod plan_file;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// headroom: datacenter capacity planning in the terminal.
///
/// Load a plan (a RON file of sites, services and policies) and see how full every site
/// is, what happens to every service when a site or a whole region is lost, and how many
/// months of growth are left. With no subcommand, opens the interactive view.
#[derive(Debug, Parser)]
#[command(name = "headroom", version, propagate_version = true)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Plan to open. Without one, the bundled plan of Kakao after Data Center Ansan.
    plan: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate plans: print a summary of each valid plan, or every error with its place.
    ///
    /// Exit code 0 when every plan is valid, 1 when any has errors, 2 when a file cannot
    /// be read.
    Check(CheckArgs),
    /// Print a capacity report: sites, failure scenarios, services at risk and runway.
    ///
    /// Exit code 0 on success, 1 when the plan is invalid (or, with --check, when it
    /// violates its policy), 2 when the file cannot be read or the options are wrong.
    Report(ReportArgs),
    /// Write a realistic generated plan (RON), the same one for the same options.
    ///
    /// For benchmarks and for trying headroom on a fleet of any size. Exit code 0 on
    /// success, 2 when the output cannot be written.
    Gen(GenArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plan files to check.
    #[arg(required = true)]
    plans: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The stable machine interface (schema 1).
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Plan file to report on.
    plan: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Number of sites.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    sites: u32,

    /// Number of services.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    services: u32,

    /// Number of regions (sites are spread over them in turn).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    regions: u32,

    /// Seed: the same seed and counts give the same plan.
    #[arg(long, default_value_t = 1)]
    seed: u64,

    /// Planning horizon in months.
    #[arg(long, default_value_t = headroom::gen::GenSpec::DEFAULT_HORIZON)]
    horizon: u32,

    /// Output file; standard output when absent.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Gen(args)) => gen::run(&args),
        None => check::summary_of(cli.plan.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("headroom: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
