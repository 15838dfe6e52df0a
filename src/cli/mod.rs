//! The command line: argument parsing and the exit-code contract (0 fine, 1 the plan has
//! problems, 2 the command could not run). Each subcommand lives in its own module.

mod browse;
mod check;
mod diff;
mod gen;
mod out;
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
    /// Every error of a plan is shown at once, each as `file:line:col: error: item:
    /// message`, where the item is the part of the plan at fault (`site "C"`, `service
    /// "billing".placement`). Warnings (such as a Critical or High service kept in a
    /// single site or region) are shown the same way but do not make a plan invalid.
    ///
    /// Exit code 0 when every plan is valid (warnings allowed), 1 when any has errors, 2
    /// when a file cannot be read.
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
    /// Review a plan change: what changed in the plan, then what it does to the verdicts.
    ///
    /// Items added and removed and each changed field as `old → new`, by id; then N-1
    /// safety, being within target, both runways, scenarios whose survivability flipped,
    /// sites whose utilization moved by more than a point, services whose availability or
    /// SLO verdict changed, and violations added and removed. OLD and NEW are plan files,
    /// or `REV:PATH` (read with `git show` inside a repository): `headroom diff
    /// main:plans/site.ron plans/site.ron`.
    ///
    /// Exit code 0, or with --check 1 when NEW has a violation OLD had not; 1 when a plan
    /// is invalid; 2 when a plan cannot be read.
    Diff(DiffArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plan files to check.
    #[arg(required = true)]
    plans: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people at a terminal: aligned tables fitted to its width.
    Text,
    /// GitHub tables, for a pull request comment or a wiki page.
    Markdown,
    /// One table (see --table) for spreadsheets.
    Csv,
    /// The stable machine interface (schema 1).
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The plan before: a file, or REV:PATH from git.
    old: String,

    /// The plan after: a file, or REV:PATH from git.
    new: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,

    /// Exit 1, listing each on stderr, when NEW has a violation OLD had not.
    #[arg(long)]
    check: bool,

    /// Colour in the text review.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For people at a terminal; + better or added, - worse or removed, ~ changed.
    Text,
    /// For a review comment on a code host: `diff` blocks coloured by sign.
    Markdown,
    /// For machines: the changes and verdicts as data.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvTableArg {
    /// One row per site: capacity, load, utilization, headroom, binding power.
    Sites,
    /// One row per scenario: failed sites, survivable, services not whole.
    Scenarios,
    /// One row per service: served, expected downtime, availability, SLO, risk.
    Services,
}

const REPORT_AFTER_HELP: &str = "\
What-if:
  headroom report plan.ron --fail A           lose site A
  headroom report plan.ron --fail A,B         lose sites A and B together
  headroom report plan.ron --fail-region r1   lose every site of region r1
  headroom report plan.ron --scenario site:C  one of the plan's scenarios in detail
  headroom report plan.ron --month 12         the plan grown to month 12
A what-if reports only that scenario: every surviving site's demanded load and headroom,
every service's served fraction and data. Unknown names are an error (exit code 2) that
lists the plan's names. --month past the horizon is allowed: demand keeps growing and
every expansion counts; the report says so, and runway stays counted over the horizon.

CI gate:
  headroom report plan.ron --check > report.txt
With --check the report still goes to stdout, and every violation of the policy (a site
resource over target, a single-site loss not survivable, a missed SLO) goes to stderr,
one line each; the exit code is 1 when there is any, 0 otherwise. --check judges the
plan (at --month, if given), not a what-if.";

#[derive(Debug, Args)]
#[command(after_help = REPORT_AFTER_HELP)]
pub struct ReportArgs {
    /// Plan file to report on.
    plan: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// The table --format csv writes.
    #[arg(long, value_enum, default_value_t = CsvTableArg::Sites)]
    table: CsvTableArg,

    /// What-if: report the loss of these sites (comma-separated ids) in detail.
    #[arg(long, value_name = "SITE,...", value_delimiter = ',')]
    fail: Vec<String>,

    /// What-if: report the loss of every site of this region (repeatable; adds to --fail).
    #[arg(long, value_name = "REGION", value_delimiter = ',')]
    fail_region: Vec<String>,

    /// Report this scenario in detail: site:ID, region:ID, or a scenario of the plan.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["fail", "fail_region"])]
    scenario: Option<String>,

    /// Report the plan as grown to this month (0 = as it stands).
    #[arg(long, value_name = "M", default_value_t = 0)]
    month: u32,

    /// Exit 1 and list each violation on stderr when the plan is not N-1 safe, is over
    /// target or misses an SLO.
    #[arg(long)]
    check: bool,

    /// Colour in the text report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// Width of the text report in columns (default: the terminal's; COLUMNS, else 80,
    /// when the terminal reports none; 100 when stdout is not a terminal).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(1..))]
    width: Option<u16>,
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
        Some(Command::Diff(args)) => diff::run(&args),
        None => browse::run(cli.plan.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("headroom: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
