//! `headroom check`: is the plan valid, and what does it hold?

use std::process::ExitCode;

use anyhow::Result;
use headroom::model::{Diagnostic, Loaded, Plan, PlanErrors, Tier};

use super::{out, plan_file, CheckArgs};

/// Checks every plan, even after one fails, and exits with the worst outcome: 2 when a
/// file could not be read, else 1 when a plan has errors, else 0.
pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let mut worst = 0u8;
    for path in &args.plans {
        let code = match plan_file::read(path) {
            Ok(Ok(loaded)) => {
                out::print(&summary(&path.display().to_string(), &loaded))?;
                print_warnings(&loaded.warnings);
                0
            }
            Ok(Err(errors)) => {
                print_errors(&errors);
                1
            }
            Err(e) => {
                eprintln!("headroom: error: {e:#}");
                2
            }
        };
        worst = worst.max(code);
    }
    Ok(ExitCode::from(worst))
}

/// Prints every error of an invalid plan on stderr; the exit code for it.
pub fn print_errors(errors: &PlanErrors) -> ExitCode {
    for d in &errors.0 {
        eprintln!("{d}");
    }
    eprintln!(
        "{}: the plan was not loaded",
        plural(errors.0.len(), "error")
    );
    ExitCode::from(1)
}

/// Prints the warnings of a loaded plan on stderr, beside its errors' place.
fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("{w}");
    }
}

/// What a valid plan holds, for the person who checked it.
fn summary(file: &str, loaded: &Loaded) -> String {
    let plan = &loaded.plan;
    let warned = match loaded.warnings.len() {
        0 => String::new(),
        n => format!(" ({})", plural(n, "warning")),
    };
    format!(
        "{file}: ok{warned}: {}\n  {}, {}, {} ({}), {}, {} of its own\n  policy: target {:.0} %, failover {:.0} %, horizon {}\n",
        plan.name,
        plural(plan.regions.len(), "region"),
        plural(plan.sites.len(), "site"),
        plural(plan.services.len(), "service"),
        tier_counts(plan),
        plural(plan.profiles.len(), "profile"),
        plural(plan.scenarios.len(), "scenario"),
        plan.policy.target_utilization * 100.0,
        plan.policy.failover_utilization * 100.0,
        plural(plan.policy.horizon_months as usize, "month")
    )
}

/// `1 site`, `2 sites`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
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
