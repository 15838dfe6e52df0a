//! `headroom report`: the capacity report in the chosen format, an optional what-if, and
//! the CI gate. Terminal width and colour are decided here and handed to the library.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{bail, Result};
use headroom::engine::Analysis;
use headroom::model::Plan;
use headroom::report::csv::CsvTable;
use headroom::report::{csv, focus, json, markdown, text, violations, Focus, Options};

use super::{check, out, plan_file, ColorChoice, CsvTableArg, Format, ReportArgs};

/// Width of the text report when stdout is not a terminal.
const DEFAULT_WIDTH: usize = 100;
/// Width of a terminal that does not say how wide it is.
const TERMINAL_WIDTH: usize = 80;

pub fn run(args: &ReportArgs) -> Result<ExitCode> {
    let loaded = match plan_file::read(&args.plan)? {
        Ok(loaded) => loaded,
        Err(errors) => return Ok(check::print_errors(&errors)),
    };
    let plan = &loaded.plan;
    let analysis = Analysis::at_month(plan, args.month);
    let focus = focus_of(args, plan, &analysis)?;
    if focus.is_some() && args.format == Format::Json {
        bail!("--fail, --fail-region and --scenario apply to --format text, markdown and csv; the JSON report lists every scenario of the plan");
    }
    let options = Options {
        width: width(args),
        color: color(args.color),
        focus,
    };
    match args.format {
        Format::Text => out::print(&text::render(plan, &analysis, &options))?,
        Format::Markdown => out::print(&markdown::render(plan, &analysis, &options))?,
        Format::Csv => out::print(&csv::render(
            plan,
            &analysis,
            csv_table(args.table),
            &options,
        ))?,
        // Streamed rather than built as one string: the JSON report of a hyperscale plan
        // is hundreds of megabytes.
        Format::Json => out::write_with(|out| {
            json::write_json(plan, &analysis, &mut *out)?;
            out.write_all(b"\n")
        })?,
    }
    if args.check && !analysis.violations.is_empty() {
        for v in &analysis.violations {
            eprintln!(
                "headroom: violation: {}: {}",
                violations::kind(v),
                violations::message(plan, &analysis, v)
            );
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn focus_of(args: &ReportArgs, plan: &Plan, a: &Analysis) -> Result<Option<Focus>> {
    if let Some(name) = &args.scenario {
        return Ok(Some(focus::scenario(a, name)?));
    }
    if args.fail.is_empty() && args.fail_region.is_empty() {
        return Ok(None);
    }
    Ok(Some(focus::what_if(
        plan,
        a,
        &args.fail,
        &args.fail_region,
    )?))
}

fn width(args: &ReportArgs) -> usize {
    if let Some(w) = args.width {
        return usize::from(w);
    }
    if !std::io::stdout().is_terminal() {
        return DEFAULT_WIDTH;
    }
    // Some terminals (a PTY from `script`, CI runners, editors' shells) report 0 columns:
    // that is an unknown width, not a narrow one.
    match crossterm::terminal::size() {
        Ok((cols, _)) if cols > 0 => usize::from(cols),
        _ => columns_from_env().unwrap_or(TERMINAL_WIDTH),
    }
}

/// The width a shell exports in `COLUMNS`, when it is a positive number.
fn columns_from_env() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|&w| w > 0)
}

/// NO_COLOR (https://no-color.org): any non-empty value turns colour off unless asked
/// for explicitly.
pub(super) fn color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            std::io::stdout().is_terminal() && !no_color
        }
    }
}

fn csv_table(table: CsvTableArg) -> CsvTable {
    match table {
        CsvTableArg::Sites => CsvTable::Sites,
        CsvTableArg::Scenarios => CsvTable::Scenarios,
        CsvTableArg::Services => CsvTable::Services,
    }
}
