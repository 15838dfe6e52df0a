//! `headroom diff OLD NEW`: a review of a plan change, what changed in the plan and what
//! that does to the verdicts. OLD and NEW are files, or `REV:PATH` read through
//! `git show` inside a repository.

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};
use headroom::engine::Analysis;
use headroom::model::diff::diff;
use headroom::model::{load_plan_bytes, Loaded};
use headroom::report::diff::{json, markdown, review, text, Side};

use super::{check, report, DiffArgs, DiffFormat};

pub fn run(args: &DiffArgs) -> Result<ExitCode> {
    let (old, new) = match (read(&args.old)?, read(&args.new)?) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(errors), _) | (_, Err(errors)) => return Ok(check::print_errors(&errors)),
    };
    let (a, b) = (Analysis::new(&old.plan), Analysis::new(&new.plan));
    let changes = diff(&old.plan, &new.plan).context("cannot compare the plans")?;
    let before = Side {
        name: &args.old,
        plan: &old.plan,
        analysis: &a,
    };
    let after = Side {
        name: &args.new,
        plan: &new.plan,
        analysis: &b,
    };
    let review = review(&before, &after, changes);
    let out = match args.format {
        DiffFormat::Text => text(&review, report::color(args.color)),
        DiffFormat::Markdown => markdown(&review),
        DiffFormat::Json => json(&review).context("cannot write the review as JSON")? + "\n",
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A reader that stopped reading (`| head`) has all it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("cannot write to standard output")?,
    }
    if args.check && review.regression {
        for f in &review.verdicts.violations_added {
            eprintln!("headroom: regression: {}: {}", f.kind, f.message);
        }
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// A file, or `REV:PATH` from git when no file has that name. The outer error is a plan
/// that cannot be read (exit 2), the inner one a plan with errors (exit 1).
fn read(spec: &str) -> Result<Result<Loaded, headroom::model::PlanErrors>> {
    let path = Path::new(spec);
    let bytes = if path.is_file() || !spec.contains(':') {
        std::fs::read(path).with_context(|| format!("cannot read {spec}"))?
    } else {
        git_show(spec)?
    };
    Ok(load_plan_bytes(&bytes, spec))
}

fn git_show(spec: &str) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .args(["show", "--end-of-options", spec])
        .stdin(std::process::Stdio::null())
        .output()
        .with_context(|| format!("cannot run git to read {spec}"))?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        bail!(
            "cannot read {spec}: no such file, and git show says: {}",
            headroom::report::diff::printable(why.trim())
        );
    }
    Ok(output.stdout)
}
