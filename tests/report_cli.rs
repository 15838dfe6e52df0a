//! `headroom report` as a planner and a CI job run it: formats, what-if flags, the
//! --check gate and the exit-code contract (0 fine, 1 plan has problems, 2 cannot run).

use std::process::{Command, Output};

fn headroom(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn text_is_the_default_format() {
    let out = headroom(&["report", "plans/tiny.ron"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Tiny example: capacity report\n"));
    for section in [
        "Summary",
        "Sites",
        "Scenarios",
        "Services at risk",
        "Runway",
    ] {
        assert!(text.contains(&format!("\n{section}\n")), "{section}");
    }
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn every_format_carries_the_worked_example() {
    // DESIGN §5: A carries 650 of 1,000 servers (65 %), B 8 of 10 PB (80 %).
    let report = |format: &str, extra: &[&str]| {
        let mut args = vec!["report", "plans/tiny.ron", "--format", format];
        args.extend(extra);
        let out = headroom(&args);
        assert_eq!(code(&out), 0, "{format}: {}", stderr(&out));
        stdout(&out)
    };
    for format in ["text", "markdown"] {
        let out = report(format, &[]);
        let a = out
            .lines()
            .find(|l| l.trim_start_matches(['|', ' ']).starts_with("A "))
            .unwrap_or_else(|| panic!("no row A in {format}:\n{out}"));
        assert!(a.contains("65.0%"), "{format}: {a}");
    }
    let sites = report("csv", &["--table", "sites"]);
    let a = sites.lines().find(|l| l.starts_with("A,")).expect("row A");
    assert!(a.split(',').any(|cell| cell == "0.65"), "{a}");
    let services = report("csv", &["--table", "services"]);
    assert!(services.starts_with("service,tier,served,"), "{services}");
    let json: serde_json::Value = serde_json::from_str(&report("json", &[])).expect("json");
    assert_eq!(json["sites"][0]["load"]["servers"].as_f64(), Some(650.0));
    assert_eq!(
        json["sites"][1]["utilization"]["storage_pb"].as_f64(),
        Some(0.8)
    );
}

#[test]
fn check_passes_the_tiny_plan() {
    // DESIGN §6: site:A, site:B and site:C are survivable (region:r1 is not, but it is
    // no single-site loss); §5: nothing over 80% (B storage is at 80%, not over); §7:
    // front 0.99996164 ≥ 0.9999, and billing loses nothing in any event (C's fire,
    // flood and power and the r2 earthquake send it to its standby A, which holds its
    // data; no event of r1 touches C): 0 h/yr, availability 1 ≥ 0.999.
    let out = headroom(&["report", "plans/tiny.ron", "--check"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(stdout(&out).contains("Summary"), "the report still prints");
}

#[test]
fn check_fails_the_pangyo_era_plan_with_one_line_per_violation() {
    // The plan's own worked outcomes: site:PGY is not survivable (ops has no failover
    // and its data only in Pangyo) and ops misses its SLO; nothing is over target.
    let out = headroom(&["report", "plans/kakao-2022.ron", "--check"]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines.iter().all(|l| l.starts_with("headroom: violation: ")));
    assert!(lines[0].starts_with("headroom: violation: not_survivable: scenario \"site:PGY\""));
    assert!(lines[1].starts_with("headroom: violation: slo_miss: service \"ops\""));
}

#[test]
fn without_check_a_failing_plan_still_exits_0() {
    let out = headroom(&["report", "plans/kakao-2022.ron"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stderr(&out), "");
}

#[test]
fn what_if_flags_report_the_scenario() {
    let out = headroom(&["report", "plans/tiny.ron", "--fail", "A", "--width", "80"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.contains("Scenario what-if: A down"));
    let b = text.lines().find(|l| l.starts_with("  B ")).expect("row B");
    assert!(b.contains("130.0%!") && b.contains("-300 servers"), "{b}");

    let out = headroom(&[
        "report",
        "plans/tiny.ron",
        "--fail",
        "A,B",
        "--format",
        "csv",
    ]);
    assert!(stdout(&out)
        .lines()
        .nth(1)
        .expect("row")
        .starts_with("what-if: A + B down,C,"));

    let out = headroom(&["report", "plans/tiny.ron", "--scenario", "Site A fire"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Scenario Site A fire"));
}

#[test]
fn unknown_names_are_usage_errors_listing_the_valid_ones() {
    let cases: [(&[&str], &str); 3] = [
        (&["--fail", "A,Z"], "its sites are: A, B, C"),
        (&["--fail-region", "r3"], "its regions are: r1, r2"),
        (&["--scenario", "site:Z"], "\"site:A\""),
    ];
    for (flags, listed) in cases {
        let mut args = vec!["report", "plans/tiny.ron"];
        args.extend_from_slice(flags);
        let out = headroom(&args);
        assert_eq!(code(&out), 2, "{flags:?}");
        assert!(stderr(&out).contains(listed), "{flags:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "nothing printed on a usage error");
    }
}

#[test]
fn wrong_options_and_missing_files_exit_2() {
    for args in [
        &["report", "plans/tiny.ron", "--format", "yaml"][..],
        &[
            "report",
            "plans/tiny.ron",
            "--scenario",
            "site:A",
            "--fail",
            "B",
        ],
        &[
            "report",
            "plans/tiny.ron",
            "--format",
            "json",
            "--fail",
            "A",
        ],
        &["report", "plans/tiny.ron", "--color", "sometimes"],
        &["report", "plans/no-such-plan.ron"],
    ] {
        assert_eq!(code(&headroom(args)), 2, "{args:?}");
    }
}

#[test]
fn an_invalid_plan_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "Plan(name: \"broken\", sites: [").expect("write");
    let out = headroom(&["report", path.to_str().expect("utf-8 path")]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("broken.ron:"));
}

#[test]
fn colour_follows_the_flag() {
    let always = headroom(&["report", "plans/kakao-2022.ron", "--color", "always"]);
    assert!(stdout(&always).contains("\x1b[1;31m"));
    let never = headroom(&["report", "plans/kakao-2022.ron", "--color", "never"]);
    assert!(!stdout(&never).contains('\x1b'));
    let auto = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["report", "plans/kakao-2022.ron"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&auto.stdout).contains('\x1b'));
}

#[test]
fn width_80_keeps_every_line_within_80_columns() {
    for plan in [
        "plans/tiny.ron",
        "plans/ansan-2024.ron",
        "plans/kakao-2022.ron",
    ] {
        let out = headroom(&["report", plan, "--width", "80"]);
        for line in stdout(&out).lines() {
            assert!(line.chars().count() <= 80, "{plan}: {line}");
        }
    }
}

#[test]
fn month_flag_grows_the_plan() {
    let out = headroom(&["report", "plans/tiny.ron", "--month", "30"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Month 30, beyond the plan's 24-month horizon"));
    let out = headroom(&[
        "report",
        "plans/tiny.ron",
        "--month",
        "12",
        "--format",
        "json",
    ]);
    assert!(stdout(&out).contains("\"month\": 12"));
}

#[test]
fn help_explains_what_if_and_the_ci_gate() {
    let out = headroom(&["report", "--help"]);
    let help = stdout(&out);
    for needle in [
        "--fail",
        "--fail-region",
        "--scenario",
        "--month",
        "--check",
        "CI gate",
        "NO_COLOR",
    ] {
        assert!(help.contains(needle), "{needle}");
    }
}

#[test]
fn check_at_a_later_month_catches_the_site_over_target() {
    // The Pangyo-era plan's worked outcome: Pangyo's servers pass 80% at month 6.
    let out = headroom(&["report", "plans/kakao-2022.ron", "--check", "--month", "6"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("headroom: violation: over_target: site \"PGY\" servers at "),
        "{}",
        stderr(&out)
    );
}
