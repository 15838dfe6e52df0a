//! `headroom [PLAN]`: the interactive view over a plan.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use headroom::model::load_plan_bytes;
use headroom::store::PlanFile;

use super::{check, plan_file};

/// Opens the plan as a file it can be saved back to; the bundled plan has none.
pub fn run(path: Option<&Path>) -> Result<ExitCode> {
    let (loaded, file) = match path {
        Some(path) => {
            // The store's error names the file and the system's reason.
            let (file, bytes) = PlanFile::open(path)?;
            (
                load_plan_bytes(&bytes, &path.display().to_string()),
                Some(file),
            )
        }
        None => (plan_file::read_or_default(None)?, None),
    };
    let loaded = match loaded {
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
    headroom::tui::run(loaded.plan, file)?;
    Ok(ExitCode::SUCCESS)
}
