//! `headroom gen`: a generated plan, as RON, to a file or standard output.

use std::process::ExitCode;

use anyhow::{Context, Result};
use headroom::gen::{generate, GenSpec};
use headroom::model::to_ron;

use super::{out, GenArgs};

pub fn run(args: &GenArgs) -> Result<ExitCode> {
    let spec = GenSpec {
        sites: args.sites as usize,
        services: args.services as usize,
        regions: args.regions as usize,
        seed: args.seed,
        horizon_months: args.horizon,
    };
    let plan = generate(&spec);
    // The same writer as a save from the editor, so a generated plan reads like a saved one.
    let text = to_ron(&plan).context("cannot write the generated plan as RON")?;
    match &args.output {
        Some(path) => std::fs::write(path, text + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => out::print(&(text + "\n"))?,
    }
    Ok(ExitCode::SUCCESS)
}
