//! `headroom report`: the capacity report in the chosen format, an optional what-if, and
//! the CI gate. Terminal width and colour are decided here and handed to the library.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use headroom::engine::Analysis;
use headroom::model::Plan;
use headroom::report::csv::CsvTable;
use headroom::report::{csv, focus, json, markdown, text, violations, Focus, Options};

use super::{check, plan_file, ColorChoice, CsvTableArg, Format, ReportArgs};

/// Width of the text report when stdout is not a terminal.
const DEFAULT_WIDTH: usize = 100;

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
    let report = match args.format {
        Format::Text => text::render(plan, &analysis, &options),
        Format::Markdown => markdown::render(plan, &analysis, &options),
        Format::Csv => csv::render(plan, &analysis, csv_table(args.table), &options),
        Format::Json => {
            write_json(plan, &analysis).context("could not write the JSON report")?;
            String::new()
        }
    };
    print!("{report}");
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

/// Streamed to stdout rather than built as one string: the JSON report of a hyperscale
/// plan is hundreds of megabytes.
fn write_json(plan: &Plan, analysis: &Analysis) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    json::write_json(plan, analysis, &mut out)?;
    out.write_all(b"\n")?;
    out.flush()
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
        return w;
    }
    if std::io::stdout().is_terminal() {
        if let Ok((cols, _)) = crossterm::terminal::size() {
            return usize::from(cols);
        }
    }
    DEFAULT_WIDTH
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
