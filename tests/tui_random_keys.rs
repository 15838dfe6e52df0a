//! Thousands of seeded random keys into the interactive view — every binding, text typed
//! into fields, confirmations — drawing after each, with the engine's results arriving
//! at once, late, or overtaken. Nothing may panic. `HEADROOM_KEYS=N` runs N keys a plan
//! instead of the brief default, for a longer search on demand.
//!
//! The only test of its binary: it works in a folder of its own, so that a save the keys
//! happen to ask for lands there.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use headroom::gen::{generate, GenSpec};
use headroom::model::Plan;
use headroom::tui::compute::Job;
use headroom::tui::{App, Msg, KEYMAP};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// A small xorshift generator: the same seed, the same keys, on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every key the keymap binds, and keys that type text or answer a dialog.
fn keys() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = KEYMAP
        .iter()
        .flat_map(|b| b.keys.iter())
        .map(|&(code, mods)| KeyEvent::new(code, mods))
        .collect();
    let typed = "abcxyz0123456789.-_ yYnNrRoO,:\"";
    keys.extend(
        typed
            .chars()
            .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    );
    for code in [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
    ] {
        keys.push(KeyEvent::new(code, KeyModifiers::NONE));
    }
    keys.push(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    keys
}

fn drive(plan: Plan, seed: u64, count: usize) {
    let keys = keys();
    let mut rng = Rng(seed);
    let mut app = App::new(plan);
    let sizes = [(80, 24), (120, 40), (60, 15)];
    let mut held: Option<Job> = None;
    for n in 0..count {
        let key = keys[rng.below(keys.len())];
        app.update(Msg::Key(key));
        // Quitting ends nothing here: the keys go on into the same state.
        app.quit = false;
        match rng.below(4) {
            // At once.
            0 | 1 => app.settle(),
            // Late: the job is held while more keys come, then may arrive overtaken.
            2 => {
                if let Some(job) = app.take_job() {
                    if let Some(old) = held.replace(job) {
                        app.finish(old.run());
                    }
                }
            }
            _ => {
                if let Some(job) = held.take() {
                    app.finish(job.run());
                }
            }
        }
        let (w, h) = sizes[n % sizes.len()];
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        terminal
            .draw(|f| headroom::tui::draw(f, &app))
            .expect("draw");
    }
}

#[test]
fn random_keys_never_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::env::set_current_dir(dir.path()).expect("into the temp dir");
    let count = std::env::var("HEADROOM_KEYS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1500);
    let plans = [
        common::tiny(),
        common::parse(include_str!("../plans/ansan-2024.ron")),
        common::parse(include_str!("../plans/kakao-2022.ron")),
        common::parse(include_str!("../plans/three-region-active-active.ron")),
    ];
    for (k, plan) in plans.into_iter().enumerate() {
        drive(plan, 0x9E37_79B9 + k as u64, count);
    }
    let big = generate(&GenSpec {
        sites: 200,
        services: 2000,
        regions: 20,
        seed: 11,
        horizon_months: 24,
    });
    drive(big, 0x00C0_FFEE, count / 5);
}
