//! `headroom check`: is the plan valid, and what does it hold?

use std::process::ExitCode;

use anyhow::Result;
use headroom::model::{Loaded, Plan, PlanErrors, Tier};

use super::{plan_file, CheckArgs};

pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let mut code = ExitCode::SUCCESS;
    for path in &args.plans {
        match plan_file::read(path)? {
            Ok(loaded) => print_summary(&path.display().to_string(), &loaded),
            Err(errors) => code = print_errors(&errors),
        }
    }
    Ok(code)
}

/// Prints every error of an invalid plan on stderr; the exit code for it.
pub fn print_errors(errors: &PlanErrors) -> ExitCode {
    for d in &errors.0 {
        eprintln!("{d}");
    }
    let n = errors.0.len();
    eprintln!(
        "{n} error{}: the plan was not loaded",
        if n == 1 { "" } else { "s" }
    );
    ExitCode::from(1)
}

fn print_summary(file: &str, loaded: &Loaded) {
    let plan = &loaded.plan;
    println!("{file}: ok: {}", plan.name);
    println!(
        "  {} regions, {} sites, {} services ({}), {} profiles, {} scenarios of its own",
        plan.regions.len(),
        plan.sites.len(),
        plan.services.len(),
        tier_counts(plan),
        plan.profiles.len(),
        plan.scenarios.len(),
    );
    println!(
        "  policy: target {:.0} %, failover {:.0} %, horizon {} months",
        plan.policy.target_utilization * 100.0,
        plan.policy.failover_utilization * 100.0,
        plan.policy.horizon_months
    );
    for w in &loaded.warnings {
        println!("  {w}");
    }
}

fn tier_counts(plan: &Plan) -> String {
    Tier::ALL
        .iter()
        .map(|&tier| {
            let n = plan.services.iter().filter(|s| s.tier == tier).count();
            format!("{n} {}", tier.name())
        })
        .collect::<Vec<_>>()
        .join(", ")
}
