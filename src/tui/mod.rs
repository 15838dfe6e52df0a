//! The interactive view: a full-screen terminal application over one plan. The engine
//! works out every figure; this module only shows them and re-asks on every change.
//!
//! Elm-style: `App` holds the state and changes only in `App::update`; `views::draw`
//! reads it; engine work runs on a worker thread so that input never waits for it.
//!
//! A change to the plan (editing) is a new `Action` in the keymap, an `App` method that
//! builds the changed `Plan`, and `App::replace_plan`, which asks the worker for a
//! fresh analysis while the old figures stay on screen marked as computing.

pub mod app;
pub mod compute;
pub mod keymap;
pub mod views;
pub mod widgets;

use std::io::stdout;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::model::Plan;

pub use app::{App, Msg, View};
pub use keymap::{Action, Binding, KEYMAP};
pub use views::draw;

/// How long to wait for input before looking for engine results again.
const TICK: Duration = Duration::from_millis(50);

/// Runs the application until the user quits. The terminal is restored on every way
/// out: quitting, an error, or a panic (ratatui's hook restores it; ours also releases
/// the mouse first).
pub fn run(plan: Plan, file: Option<PathBuf>) -> Result<()> {
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    let result = execute!(stdout(), EnableMouseCapture)
        .context("cannot enable the mouse")
        .and_then(|()| event_loop(&mut terminal, App::new(plan).with_file(file)));
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, mut app: App) -> Result<()> {
    let worker = compute::Worker::spawn().context("cannot start the engine thread")?;
    let mut dirty = true;
    while !app.quit {
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
    }
    Ok(())
}
