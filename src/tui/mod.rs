//! The interactive view: a full-screen terminal application over one plan. The engine
//! works out every figure; this module only shows them and re-asks on every change.
//!
//! Elm-style: `App` holds the state and changes only in `App::update`; `views::draw`
//! reads it; engine work runs on a worker thread so that input never waits for it.
//!
//! A change to the plan goes through `editing`: the edit core builds it, the plan's
//! history applies it (or refuses it, leaving the plan as it was), and
//! `App::replace_plan` asks the worker for a fresh analysis while the old figures stay on
//! screen marked as computing. Unsaved work is never lost: quitting asks, and a
//! termination signal or a panic writes it to the plan's recovery file, offered back at
//! the next start.

pub mod app;
pub mod changes;
pub mod compute;
pub mod dialogs;
pub mod editing;
mod export;
mod guard;
pub mod input;
pub mod keymap;
pub mod sorting;
pub mod views;
pub mod widgets;

use std::io::stdout;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::model::{load_plan, Plan};
use crate::store::{find_recovery, PlanFile, Unsaved};
use guard::RecoveryGuard;

pub use app::{App, Msg, View};
pub use keymap::{Action, Binding, KEYMAP};
pub use views::draw;

/// How long to wait for input before looking for engine results again.
const TICK: Duration = Duration::from_millis(50);

/// Runs the application until the user quits. The terminal is restored on every way
/// out: quitting, an error, a panic (ratatui's hook restores it; ours also releases
/// the mouse first) or a termination signal. `file` is where the plan was read from;
/// none for the bundled plan, which is saved as a new file.
pub fn run(plan: Plan, file: Option<PlanFile>) -> Result<()> {
    let unsaved = Unsaved::new();
    let path = file.as_ref().map(|f| f.path.clone());
    let mut app = App::new(plan).with_store(file, unsaved.clone());
    if let Some(path) = &path {
        offer_recovery(&mut app, path);
    }
    // Installed before the terminal's own hooks, so that on a panic the terminal is
    // restored first and the recovery file written next.
    let mut guard = RecoveryGuard::new(unsaved);
    guard.follow(path.as_deref(), restore_terminal)?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let result = execute!(stdout(), EnableMouseCapture)
        .context("cannot enable the mouse")
        .and_then(|()| event_loop(&mut terminal, app, &mut guard));
    drop(guard);
    restore_terminal();
    result
}

fn restore_terminal() {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// A recovery file left by an earlier run is offered back; one that no longer loads is
/// left where it is for the planner to look at.
fn offer_recovery(app: &mut App, path: &Path) {
    let Some(recovery) = find_recovery(path) else {
        return;
    };
    let name = recovery.display().to_string();
    match std::fs::read_to_string(&recovery) {
        Ok(text) => match load_plan(&text, &name) {
            Ok(loaded) => app.offer_recovery(loaded.plan, path),
            Err(errors) => {
                app.status = format!(
                    "{name} holds unsaved changes that no longer load ({} error(s)); it is kept",
                    errors.0.len()
                )
            }
        },
        Err(e) => app.status = format!("cannot read {name}: {e}"),
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    guard: &mut RecoveryGuard,
) -> Result<()> {
    let worker = compute::Worker::spawn().context("cannot start the engine thread")?;
    let mut dirty = true;
    let mut marked = false;
    while !app.quit {
        // The recomputing marker appears only once the wait is long enough to notice.
        if app.behind_noticeably() != marked {
            marked = !marked;
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| draw(frame, &app))?;
            dirty = false;
        }
        if event::poll(TICK)? {
            dirty = true;
            match event::read()? {
                Event::Key(key) => app.update(Msg::Key(key)),
                Event::Mouse(mouse) => app.update(Msg::Mouse(mouse)),
                Event::Resize(w, h) => app.update(Msg::Resize(w, h)),
                _ => dirty = false,
            }
        }
        if let Some(job) = app.take_job() {
            if let Err(job) = worker.submit(job) {
                app.finish(job.run());
            }
        }
        while let Some(done) = worker.try_recv() {
            app.finish(done);
            dirty = true;
        }
        guard.follow(
            app.store.as_ref().map(|f| f.path.as_path()),
            restore_terminal,
        )?;
    }
    Ok(())
}
