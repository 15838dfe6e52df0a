//! Unsaved edits survive the editor being killed or panicking: the test binary runs itself
//! as a child that holds an unsaved plan, then the child is terminated (or panics) and the
//! recovery file must hold exactly that plan.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use headroom::model::{load_plan, to_ron, Plan};
use headroom::store::{
    find_recovery, install_recovery_on_panic, install_recovery_on_signals, Unsaved,
};

const TINY: &str = include_str!("../plans/tiny.ron");
const CHILD: &str = "HEADROOM_TEST_RECOVERY_CHILD";

/// The plan the child has edited and not saved.
fn unsaved_plan() -> Plan {
    let mut plan = load_plan(TINY, "plan.ron").unwrap().plan;
    plan.sites[0].capacity.servers = 1200.0;
    plan
}

fn unsaved() -> Unsaved {
    let unsaved = Unsaved::new();
    unsaved.set(Some(to_ron(&unsaved_plan()).unwrap()));
    unsaved
}

/// Starts this test binary running only `test`, as the child, on the plan at `plan_path`.
fn spawn_child(test: &str, plan_path: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads", "1"])
        .env(CHILD, plan_path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn plan_in_tempdir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    std::fs::write(&path, TINY).unwrap();
    (dir, path)
}

fn recovered(plan_path: &Path) -> Plan {
    let path = find_recovery(plan_path).expect("a recovery file next to the plan");
    let text = std::fs::read_to_string(path).unwrap();
    load_plan(&text, "recover").unwrap().plan
}

#[test]
fn a_terminated_editor_leaves_its_unsaved_plan_for_the_next_start() {
    if let Some(plan_path) = std::env::var_os(CHILD) {
        let signals = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];
        install_recovery_on_signals(PathBuf::from(plan_path), unsaved(), &signals, || {}).unwrap();
        // Straight to the handle: the test harness captures println!.
        let mut out = std::io::stdout();
        writeln!(out, "ready").and_then(|()| out.flush()).unwrap();
        // Killed long before this; exit 3 says the signal never came.
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        std::process::exit(3);
    }
    let (_dir, plan_path) = plan_in_tempdir();
    let mut child = spawn_child(
        "a_terminated_editor_leaves_its_unsaved_plan_for_the_next_start",
        &plan_path,
    );
    let stdout = child.stdout.take().unwrap();
    let ready = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.ends_with("ready"));
    assert!(ready, "the child did not start");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(128 + 15),
        "exit code of a program ended by SIGTERM"
    );
    assert_eq!(recovered(&plan_path), unsaved_plan());
}

#[test]
fn a_panicking_editor_leaves_its_unsaved_plan_for_the_next_start() {
    if let Some(plan_path) = std::env::var_os(CHILD) {
        install_recovery_on_panic(PathBuf::from(plan_path), unsaved());
        panic!("the editor fails");
    }
    let (_dir, plan_path) = plan_in_tempdir();
    let status = spawn_child(
        "a_panicking_editor_leaves_its_unsaved_plan_for_the_next_start",
        &plan_path,
    )
    .wait()
    .unwrap();
    assert!(!status.success());
    assert_eq!(recovered(&plan_path), unsaved_plan());
}
