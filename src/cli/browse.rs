//! `headroom [PLAN]`: the interactive view over a plan.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::{check, plan_file};

pub fn run(path: Option<&Path>) -> Result<ExitCode> {
    let loaded = match plan_file::read_or_default(path)? {
        Ok(loaded) => loaded,
        Err(errors) => return Ok(check::print_errors(&errors)),
    };
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "headroom: error: the interactive view needs a terminal on standard output; \
             for a report to a file or a pipe use `headroom report PLAN`"
        );
        return Ok(ExitCode::from(2));
    }
    headroom::tui::run(loaded.plan, path.map(Path::to_path_buf))?;
    Ok(ExitCode::SUCCESS)
}
