//! `headroom diff OLD NEW` as a reviewer and a CI job run it: the Pangyo-to-Ansan change
//! read as a review, Markdown for a code host, JSON, `REV:PATH` through git, and the
//! --check regression gate. The verdict figures are the ones each shipped plan's header
//! works out by hand (runways, N-1 safety, the ops SLO).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const KAKAO: &str = "plans/kakao-2022.ron";
const ANSAN: &str = "plans/ansan-2024.ron";

fn headroom_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn headroom(args: &[&str]) -> Output {
    headroom_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn pangyo_to_ansan_reads_as_a_review() {
    let out = headroom(&["diff", KAKAO, ANSAN]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("headroom diff {KAKAO} → {ANSAN}"));
    assert!(
        lines[1].ends_with("0 violations added, 2 removed"),
        "{}",
        lines[1]
    );
    for line in [
        "  ~ site \"PGY\" capacity.servers: 42000 → 16000",
        "  ~ policy failover_utilization: 1 → 0.95",
        "  + site \"ANS\" added: (id: \"ANS\", name: \"Data Center Ansan\",",
        "  - service \"daum\" removed",
        "  ~ service \"ops\" failover: NoFailover → ActiveActive",
        // Verdicts, as the plans' headers work them out.
        "  + N-1 safe: no → yes",
        "  + capacity runway: month 6 → month 25",
        "  + disaster runway: month 0 → month 29",
        "  + scenario \"site:PGY\" survivable: no → yes",
        "  + service \"ops\" availability: 99.9867% → 99.9962%, misses its SLO → meets its SLO",
        "  + violation removed: not_survivable: scenario \"site:PGY\" is not survivable",
    ] {
        assert!(lines.iter().any(|l| l.starts_with(line)), "{line}\n{text}");
    }
    let plan_at = lines.iter().position(|l| *l == "Plan changes");
    let verdicts_at = lines.iter().position(|l| *l == "Verdict changes");
    assert!(plan_at < verdicts_at, "plan changes first");
    assert!(!text.contains('\x1b'), "no colour into a pipe");
}

#[test]
fn within_target_and_site_utilization_moves_over_a_point() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = include_str!("../plans/tiny.ron");
    // B's storage 8 of 10 PB is exactly at target; one more PB of analytics puts it over.
    let more = tiny.replacen(
        "servers: 400, storage_pb: 6",
        "servers: 400, storage_pb: 7",
        1,
    );
    std::fs::write(dir.path().join("old.ron"), tiny).unwrap();
    std::fs::write(dir.path().join("new.ron"), more).unwrap();
    let out = headroom_in(dir.path(), &["diff", "old.ron", "new.ron", "--check"]);
    let text = stdout(&out);
    assert!(
        text.contains("  ~ service \"analytics\" storage_pb: 6 → 7\n"),
        "{text}"
    );
    assert!(text.contains("  - within target: yes → no\n"), "{text}");
    assert!(
        text.contains("  - site \"B\" storage_pb utilization: 80.0% → 90.0%\n"),
        "{text}"
    );
    assert!(
        text.contains("  - capacity runway: beyond horizon → month 0\n"),
        "{text}"
    );
    assert!(!text.contains("site \"A\""), "A moved by nothing: {text}");
    assert_eq!(out.status.code(), Some(1), "a new violation fails --check");
    assert!(
        stderr(&out).starts_with("headroom: regression: over_target: site \"B\" storage"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_fails_only_on_a_violation_new_has_and_old_had_not() {
    let better = headroom(&["diff", KAKAO, ANSAN, "--check"]);
    assert_eq!(better.status.code(), Some(0), "{}", stderr(&better));
    let worse = headroom(&["diff", ANSAN, KAKAO, "--check"]);
    assert_eq!(worse.status.code(), Some(1));
    assert!(stderr(&worse).contains("headroom: regression: not_survivable: scenario \"site:PGY\""));
    let same = headroom(&["diff", KAKAO, KAKAO, "--check"]);
    assert_eq!(
        same.status.code(),
        Some(0),
        "violations OLD had already do not fail"
    );
    assert!(stdout(&same).contains("Plan changes\n  none\n"));
    let unchecked = headroom(&["diff", ANSAN, KAKAO]);
    assert_eq!(
        unchecked.status.code(),
        Some(0),
        "without --check, only a review"
    );
}

#[test]
fn markdown_is_ready_for_a_review_comment() {
    let out = headroom(&["diff", KAKAO, ANSAN, "--format", "markdown"]);
    let md = stdout(&out);
    assert!(
        md.starts_with(&format!("## headroom diff: `{KAKAO}` → `{ANSAN}`\n\n**")),
        "{md}"
    );
    assert!(md.contains("### Plan changes\n\n```diff\n"));
    assert!(md.contains("### Verdict changes\n\n```diff\n+ N-1 safe: no → yes\n"));
    assert_eq!(md.matches("```").count() % 2, 0, "every block is closed");
}

#[test]
fn json_carries_changes_and_verdicts() {
    let out = headroom(&["diff", KAKAO, ANSAN, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(v["schema"], 1);
    assert_eq!(v["regression"], false);
    assert_eq!(v["verdicts"]["n1_safe"]["old"], false);
    assert_eq!(v["verdicts"]["n1_safe"]["new"], true);
    assert_eq!(v["verdicts"]["capacity_runway_month"]["old"], 6);
    assert_eq!(v["verdicts"]["capacity_runway_month"]["new"], 25);
    let pgy = v["plan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == "site \"PGY\"" && c["field"] == "capacity.servers")
        .expect("PGY servers changed");
    assert_eq!(pgy["kind"], "changed");
    assert_eq!(pgy["old"], "42000");
    assert_eq!(pgy["new"], "16000");
    assert_eq!(
        v["verdicts"]["violations_removed"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_revision_is_read_through_git() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git runs")
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    let tiny = include_str!("../plans/tiny.ron");
    std::fs::write(dir.path().join("plan.ron"), tiny).unwrap();
    git(&["init", "-q"]);
    git(&["add", "plan.ron"]);
    git(&["commit", "-qm", "plan"]);
    std::fs::write(
        dir.path().join("plan.ron"),
        tiny.replacen("horizon_months: 24", "horizon_months: 36", 1),
    )
    .unwrap();
    let out = headroom_in(dir.path(), &["diff", "HEAD:plan.ron", "plan.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("  ~ policy horizon_months: 24 → 36\n"),
        "{}",
        stdout(&out)
    );
    let missing = headroom_in(dir.path(), &["diff", "HEAD:none.ron", "plan.ron"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("cannot read HEAD:none.ron"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn text_from_a_plan_never_reaches_the_terminal_as_control_codes() {
    let dir = tempfile::tempdir().unwrap();
    let tiny = include_str!("../plans/tiny.ron");
    let hostile = tiny.replacen("name: \"Site A\"", "name: \"Site \\u{1b}[2J\\u{7}A\"", 1);
    std::fs::write(dir.path().join("old.ron"), tiny).unwrap();
    std::fs::write(dir.path().join("new.ron"), hostile).unwrap();
    for format in ["text", "markdown", "json"] {
        let out = headroom_in(
            dir.path(),
            &[
                "diff", "old.ron", "new.ron", "--format", format, "--color", "never",
            ],
        );
        let text = stdout(&out);
        assert!(text.contains("[2J"), "{format}: {text}");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{format}: {text:?}"
        );
    }
}

#[test]
fn colour_on_request_and_never_under_no_color() {
    let out = headroom(&["diff", KAKAO, ANSAN, "--color", "always"]);
    assert!(stdout(&out).contains("  \x1b[32m+ N-1 safe: no → yes\x1b[0m\n"));
    let plain = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["diff", KAKAO, ANSAN])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&plain).contains('\x1b'));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["diff", KAKAO, ANSAN])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(err, "");
}

#[test]
fn an_invalid_plan_exits_1_and_an_unreadable_one_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.ron"), "Plan(").unwrap();
    std::fs::write(
        dir.path().join("tiny.ron"),
        include_str!("../plans/tiny.ron"),
    )
    .unwrap();
    let bad = headroom_in(dir.path(), &["diff", "tiny.ron", "bad.ron"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("bad.ron:"), "{}", stderr(&bad));
    let none = headroom_in(dir.path(), &["diff", "tiny.ron", "none.ron"]);
    assert_eq!(none.status.code(), Some(2));
}
