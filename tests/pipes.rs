//! Every command and format stops quietly when its reader goes away (`| head`): exit 0,
//! nothing on stderr, no panic.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn headroom() -> Command {
    Command::new(env!("CARGO_BIN_EXE_headroom"))
}

/// A generated 200-site plan, written once per test into its own folder.
fn plan_200(dir: &Path) -> PathBuf {
    let path = dir.join("p200.ron");
    let status = headroom()
        .args([
            "gen",
            "--sites",
            "200",
            "--services",
            "3000",
            "--regions",
            "20",
        ])
        .args(["--seed", "5", "-o"])
        .arg(&path)
        .status()
        .expect("run gen");
    assert!(status.success());
    path
}

/// Runs `args`, reads `first` bytes of its output (none: the pipe is closed before the
/// command writes anything), closes the pipe, and returns the exit code and stderr.
fn closed_after(args: &[&str], first: usize) -> (Option<i32>, String) {
    let mut child = headroom()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn headroom");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut head = vec![0u8; first];
    stdout.read_exact(&mut head).expect("the first bytes");
    drop(stdout);
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

#[test]
fn every_report_format_ends_quietly_on_a_closed_pipe() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = plan_200(dir.path());
    let plan = plan.to_str().expect("utf-8 path");
    let runs: [&[&str]; 6] = [
        &["--format", "text"],
        &["--format", "markdown"],
        &["--format", "json"],
        &["--format", "csv", "--table", "sites"],
        &["--format", "csv", "--table", "scenarios"],
        &["--format", "csv", "--table", "services"],
    ];
    for format in runs {
        let args: Vec<&str> = ["report", plan].iter().chain(format).copied().collect();
        for first in [0, 16] {
            let (code, stderr) = closed_after(&args, first);
            assert_eq!(code, Some(0), "{args:?} after {first} bytes: {stderr}");
            assert_eq!(stderr, "", "{args:?} after {first} bytes");
        }
    }
}

#[test]
fn check_and_gen_end_quietly_on_a_closed_pipe() {
    // A plan with no warning, so that stderr has nothing to say.
    let ansan = concat!(env!("CARGO_MANIFEST_DIR"), "/plans/ansan-2024.ron");
    // A thousand summaries: far more than a pipe holds.
    let mut check = vec!["check"];
    check.extend(std::iter::repeat_n(ansan, 1000));
    let gen = [
        "gen",
        "--sites",
        "200",
        "--services",
        "3000",
        "--regions",
        "20",
    ];
    for args in [check.as_slice(), &gen] {
        for first in [0, 16] {
            let (code, stderr) = closed_after(args, first);
            assert_eq!(code, Some(0), "{} after {first} bytes: {stderr}", args[0]);
            assert_eq!(stderr, "", "{} after {first} bytes", args[0]);
        }
    }
}

#[test]
fn the_gate_still_fails_when_its_reader_stops_early() {
    let kakao = concat!(env!("CARGO_MANIFEST_DIR"), "/plans/kakao-2022.ron");
    let (code, stderr) = closed_after(&["report", kakao, "--check"], 0);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("violation: not_survivable"), "{stderr}");
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("panicked"));
}

/// The text report in a pseudo-terminal that reports `cols` columns, with `columns` as
/// `COLUMNS`; everything it printed.
fn report_in_pty(cols: u16, columns: Option<&str>) -> String {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 0,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_headroom"));
    cmd.args(["report", "--color", "never"]);
    cmd.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/plans/tiny.ron"));
    cmd.env_remove("COLUMNS");
    if let Some(columns) = columns {
        cmd.env("COLUMNS", columns);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("headroom starts");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let status = child.wait().expect("headroom ends");
    assert!(status.success());
    drop(pair.master);
    let mut out = Vec::new();
    // The reader ends with an error once the terminal is gone; what came before counts.
    let _ = reader.read_to_end(&mut out);
    String::from_utf8_lossy(&out).replace('\r', "")
}

/// The longest line of a report, in characters.
fn widest(report: &str) -> usize {
    report.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn a_terminal_of_zero_columns_is_of_unknown_width() {
    let unknown = report_in_pty(0, None);
    assert!(
        unknown.contains("Tiny example: capacity report"),
        "{unknown}"
    );
    let w = widest(&unknown);
    assert!(
        w > 60 && w <= 80,
        "80 columns when nothing says otherwise, got {w}:\n{unknown}"
    );
    let told = report_in_pty(0, Some("120"));
    let w = widest(&told);
    assert!(w > 80 && w <= 120, "COLUMNS=120, got {w}:\n{told}");
    let known = report_in_pty(70, Some("120"));
    let w = widest(&known);
    assert!(w <= 70, "the terminal's own width wins, got {w}:\n{known}");
}
