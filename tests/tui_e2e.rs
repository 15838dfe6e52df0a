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
    s.wait_for(&[
        "Keys (any key closes)",
        "what-if: fail/restore the selected site",
    ]);
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
