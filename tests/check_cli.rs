//! `headroom check` as a planner runs it: the real binary on malformed plan files. Every
//! expected line and column was read off the fixture itself (1-based, in characters).

use std::path::Path;
use std::process::{Command, Output};

fn headroom(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the headroom binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Checks `fixture`, expects exit code 1, and that stderr holds `place: error: item:` and
/// every word of `words`.
#[track_caller]
fn refused(fixture: &str, place: &str, item: &str, words: &[&str]) -> String {
    let file = format!("tests/fixtures/invalid/{fixture}");
    let out = headroom(&["check", &file]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    let head = format!("{file}:{place}: error: {item}");
    assert!(err.contains(&head), "{head:?} not in stderr: {err}");
    for word in words {
        assert!(err.contains(word), "{word:?} not in stderr: {err}");
    }
    assert!(stdout(&out).is_empty(), "an invalid plan prints no summary");
    err
}

#[test]
fn syntax_error_is_placed_at_the_text_ron_stopped_at() {
    refused(
        "syntax.ron",
        "22:27",
        r#"service "pay".data: "#,
        &["Expected comma"],
    );
}

#[test]
fn wrong_type_names_the_field() {
    refused(
        "wrong-type.ron",
        "8:47",
        r#"region "r1".earthquake: "#,
        &["Expected integer"],
    );
}

#[test]
fn unknown_field_lists_the_expected_ones() {
    refused(
        "unknown-field.ron",
        "17:50",
        r#"site "B".colour: "#,
        &["`colour`", "`capacity`", "`hazards`", "`expansions`"],
    );
}

#[test]
fn missing_field_names_the_site() {
    refused(
        "missing-field.ron",
        "13:77",
        r#"site "A": "#,
        &["missing", "`hazards`"],
    );
}

#[test]
fn bad_reference_points_at_the_placement_key() {
    refused(
        "bad-reference.ron",
        "21:61",
        r#"service "pay".placement: site "C" does not exist"#,
        &[],
    );
}

#[test]
fn duplicate_id_points_at_the_second_one() {
    refused(
        "duplicate-id.ron",
        "15:14",
        r#"site "A".id: site id "A" is already used"#,
        &[],
    );
}

#[test]
fn shares_not_summing_to_1() {
    refused(
        "shares.ron",
        "21:50",
        r#"service "pay".placement: shares must sum to 1, not 0.9"#,
        &[],
    );
}

#[test]
fn rating_out_of_range() {
    refused(
        "rating.ron",
        "14:26",
        r#"site "A".hazards.fire: must be a rating from 1"#,
        &["not 7"],
    );
}

#[test]
fn negative_capacity() {
    refused(
        "negative-capacity.ron",
        "13:43",
        r#"site "A".capacity.racks: must be at least 0, not -60"#,
        &[],
    );
}

#[test]
fn negative_number_in_a_whole_number_field() {
    refused(
        "negative-unsigned.ron",
        "9:47",
        r#"region "r2".earthquake: must not be negative"#,
        &[],
    );
}

#[test]
fn nan_is_not_a_finite_number() {
    refused(
        "nan.ron",
        "21:19",
        r#"service "pay".servers: must be a finite number, not NaN"#,
        &[],
    );
}

#[test]
fn a_number_beyond_f64_reads_as_infinite_and_is_refused() {
    refused(
        "infinite.ron",
        "21:36",
        r#"service "pay".storage_pb: must be a finite number, not inf"#,
        &[],
    );
}

#[test]
fn empty_file() {
    refused("empty.ron", "1:1", "the file is empty", &[]);
}

#[test]
fn every_error_is_reported_at_once() {
    let err = refused(
        "many-errors.ron",
        "5:42",
        r#"profile "web".per_rack: must be more than 0, not 0"#,
        &[
            r#"many-errors.ron:15:43: error: site "B".region: region "r3" does not exist"#,
            r#"many-errors.ron:22:47: error: service "pay".failover: standby site "B" is already in the placement"#,
            "3 errors: the plan was not loaded",
        ],
    );
    assert_eq!(err.lines().count(), 4, "{err}");
}

#[test]
fn binary_garbage_is_not_a_plan() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("garbage.ron");
    std::fs::write(&file, [0xff, 0xfe, 0x00, 0x9c, b'P', b'l', 0x80]).expect("write");
    let file = file.display().to_string();
    let out = headroom(&["check", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{file}: error: the file is not UTF-8 text")),
        "{err}"
    );
}

#[test]
fn deeply_nested_brackets_do_not_overflow_the_stack() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("deep.ron");
    let text = format!(
        "Plan(name: \"deep\", profiles: {{}}, regions: [], sites: [], services: {}",
        "[".repeat(100_000)
    );
    std::fs::write(&file, text).expect("write");
    let file = file.display().to_string();
    let out = headroom(&["check", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // `services: ` ends at column 67; the second `[`, where a service should open with `(`,
    // is at column 69.
    assert!(
        stderr(&out).contains(&format!("{file}:1:69: error: service #1: ")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_valid_plan_prints_its_counts_and_exits_0() {
    let out = headroom(&["check", "tests/fixtures/valid/two-regions.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("two-regions.ron: ok: Two regions"), "{text}");
    assert!(
        text.contains(
            "2 regions, 2 sites, 1 service (1 Critical, 0 High, 0 Standard, 0 Batch), \
             1 profile, 0 scenarios of its own"
        ),
        "{text}"
    );
    assert!(
        text.contains("target 80 %, failover 100 %, horizon 24 months"),
        "{text}"
    );
    assert!(stderr(&out).is_empty());
}

#[test]
fn warnings_are_shown_but_the_plan_is_valid() {
    let out = headroom(&["check", "plans/tiny.ron"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("plans/tiny.ron: ok (1 warning): Tiny example"));
    // front's placement and data are in A and B, both in region r1; its entry opens at 31:9.
    assert!(stderr(&out).contains(
        "plans/tiny.ron:31:9: warning: service \"front\": Critical service has its \
         placement and data only in region \"r1\""
    ));
}

#[test]
fn a_missing_file_exits_2() {
    let out = headroom(&["check", "tests/fixtures/no-such-plan.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read tests/fixtures/no-such-plan.ron"));
}

#[test]
fn check_without_a_plan_exits_2() {
    let out = headroom(&["check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn one_bad_plan_among_good_ones_exits_1() {
    let out = headroom(&[
        "check",
        "plans/tiny.ron",
        "tests/fixtures/invalid/rating.ron",
        "tests/fixtures/valid/two-regions.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("plans/tiny.ron: ok"));
    assert!(text.contains("two-regions.ron: ok"));
    assert!(stderr(&out).contains("rating.ron:14:26: error:"));
}

#[test]
fn an_unreadable_file_outranks_an_invalid_one() {
    let out = headroom(&[
        "check",
        "tests/fixtures/invalid/rating.ron",
        "tests/fixtures/no-such-plan.ron",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("rating.ron:14:26: error:"));
}

#[test]
fn every_bundled_plan_passes_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut plans: Vec<_> = std::fs::read_dir(&dir)
        .expect("plans directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    plans.sort();
    assert!(plans.len() >= 3, "{plans:?}");
    for plan in plans {
        let out = headroom(&["check", &plan.display().to_string()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
}
