//! The real binary in a pseudo-terminal: keys typed as a person would, the screen read
//! back through a terminal emulator. Waits poll the screen with a deadline instead of
//! sleeping a fixed time, so a slow machine only makes the test slower, not flaky.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use headroom::model::load_plan_bytes;
use headroom::store::{backup_path, recovery_path};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const BIN: &str = env!("CARGO_BIN_EXE_headroom");
const DEADLINE: Duration = Duration::from_secs(10);

struct Pty {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Pty {
    fn start(plan: &str, cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(plan));
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).expect("headroom starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let feed = Arc::clone(&screen);
        thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = feed.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        Pty {
            screen,
            writer,
            child,
        }
    }

    fn text(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen shows every one of `wanted`.
    fn wait_for(&self, wanted: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let text = self.text();
            if wanted.iter().all(|w| text.contains(w)) {
                return text;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "screen never showed {wanted:?}:\n{text}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends the process a signal, as `kill -SIGNAL pid` would.
    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("child pid");
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys flushed");
    }

    fn exit_code(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                return status.exit_code();
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("headroom did not exit:\n{}", self.text());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn browse_fail_a_site_read_help_and_quit() {
    let mut s = Pty::start("plans/tiny.ron", 100, 30);
    s.wait_for(&["1 Overview", "N-1", "region:r1 not survivable"]);
    s.send("2");
    s.wait_for(&["Sites: utilization", "80.0%"]);
    s.send("f");
    // B is asked for 1300 servers of 1000 once A is gone.
    s.wait_for(&["WHAT-IF failed: A", "130.0%", "survivable"]);
    s.send("3");
    s.wait_for(&["Services: served under the what-if", "25.0%"]);
    s.send("?");
    s.wait_for(&["Keys (", "what-if: fail/restore the selected site"]);
    s.send(" ");
    s.send("F");
    s.wait_for(&["Services: served in normal operation"]);
    s.send("q");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn ctrl_c_quits_and_a_tiny_terminal_gets_a_message() {
    let mut s = Pty::start("plans/tiny.ron", 50, 12);
    s.wait_for(&["Terminal too small"]);
    s.send("\x03");
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn refuses_to_draw_into_a_pipe() {
    let out = Command::new(BIN)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/tiny.ron"))
        .stdin(Stdio::null())
        .output()
        .expect("headroom runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn an_invalid_plan_is_refused_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "Plan(name: \"x\",\n  sites: [oops\n").expect("plan written");
    let out = Command::new(BIN)
        .arg(&path)
        .stdin(Stdio::null())
        .output()
        .expect("headroom runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.ron:"), "{err}");
    assert!(out.stdout.is_empty());
}

/// tiny.ron copied into a temporary folder, with its original bytes.
fn temp_tiny() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tiny.ron");
    let original = include_bytes!("../plans/tiny.ron").to_vec();
    std::fs::write(&path, &original).expect("copy written");
    (dir, path, original)
}

fn servers_of_a(bytes: &[u8]) -> f64 {
    let loaded = load_plan_bytes(bytes, "saved").expect("the saved plan loads");
    loaded.plan.sites[0].capacity.servers
}

/// Sites view, A's edit pane, down to capacity.servers, 1000 replaced by 1300.
fn edit_a_servers(s: &mut Pty) {
    s.wait_for(&["1 Overview", "N-1"]);
    s.send("2");
    s.wait_for(&["Sites: utilization"]);
    s.send("e");
    s.wait_for(&["Edit site \"A\""]);
    s.send("jjjj\r");
    s.wait_for(&["capacity.servers: 1000"]);
    s.send("\x151300\r");
    s.wait_for(&["changed: site \"A\" capacity.servers 1000 → 1300"]);
}

#[test]
fn edit_save_and_quit_keeps_a_backup() {
    let (_dir, path, original) = temp_tiny();
    let mut s = Pty::start(path.to_str().expect("utf-8 path"), 120, 40);
    edit_a_servers(&mut s);
    // Esc alone closes the pane; the table's last column shows again.
    s.send("\x1b");
    s.wait_for(&[" modified ", "binding"]);
    s.send("\r");
    // 0.8 · 1300 − 650 = 390 servers of headroom at A.
    s.wait_for(&["650 servers of 1,300 servers, headroom 390"]);
    s.send("s");
    s.wait_for(&["saved "]);
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    assert_eq!(servers_of_a(&std::fs::read(&path).expect("plan")), 1300.0);
    assert_eq!(std::fs::read(backup_path(&path)).expect("backup"), original);
    assert!(!recovery_path(&path).exists());
}

#[test]
fn sigterm_keeps_the_edit_in_the_recovery_file_and_the_next_start_offers_it() {
    let (_dir, path, original) = temp_tiny();
    let plan = path.to_str().expect("utf-8 path");
    let mut s = Pty::start(plan, 100, 30);
    edit_a_servers(&mut s);
    s.signal("TERM");
    assert_eq!(s.exit_code(), 128 + 15);
    assert_eq!(
        std::fs::read(&path).expect("plan"),
        original,
        "file untouched"
    );
    let recovered = std::fs::read(recovery_path(&path)).expect("a recovery file");
    assert_eq!(servers_of_a(&recovered), 1300.0);

    let mut s = Pty::start(plan, 100, 30);
    s.wait_for(&["Recover unsaved changes", "restore them", "discard them"]);
    s.send("r");
    s.wait_for(&["restored the unsaved changes", " modified "]);
    assert!(!recovery_path(&path).exists(), "offered once");
    s.send("q");
    s.wait_for(&["has unsaved changes"]);
    s.send("d");
    assert_eq!(s.exit_code(), 0);
    assert_eq!(std::fs::read(&path).expect("plan"), original);
}
