//! `headroom report`: the capacity report in the chosen format.

use std::process::ExitCode;

use anyhow::Result;
use headroom::engine::Analysis;
use headroom::report::json::to_json;

use super::{check, plan_file, Format, ReportArgs};

pub fn run(args: &ReportArgs) -> Result<ExitCode> {
    let loaded = match plan_file::read(&args.plan)? {
        Ok(loaded) => loaded,
        Err(errors) => return Ok(check::print_errors(&errors)),
    };
    let analysis = Analysis::new(&loaded.plan);
    match args.format {
        Format::Json => println!("{}", to_json(&loaded.plan, &analysis)),
    }
    Ok(ExitCode::SUCCESS)
}
