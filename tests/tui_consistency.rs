//! The view while an edit's analysis is still on its way: every view drawn then pairs
//! each name with that item's own figures, worked out afresh here by id, and nothing
//! panics. Deterministic: the new analysis is held back by hand, not by timing.

mod common;

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use headroom::engine::Analysis;
use headroom::gen::{generate, GenSpec};
use headroom::model::Plan;
use headroom::report::units::{availability, percent};
use headroom::tui::{App, Msg, View};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn screen(app: &App, size: (u16, u16)) -> String {
    common::screen_lines(app, size).join("\n")
}

/// Types `keys`; `⏎` `⎋` stand for Enter and Esc, `^` for Ctrl-u (clear the field).
fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '⏎' => KeyCode::Enter,
            '⎋' => KeyCode::Esc,
            '^' => {
                let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
                app.update(Msg::Key(ctrl_u));
                continue;
            }
            c => KeyCode::Char(c),
        };
        app.press(code);
    }
}

/// The first word of a table row, borders and the selection marker left out.
fn first_word(line: &str) -> Option<&str> {
    line.trim_start_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .next()
}

/// Figures of a plan worked out from nothing, by id.
struct Fresh {
    site_servers: HashMap<String, String>,
    service_availability: HashMap<String, String>,
}

impl Fresh {
    fn of(plan: &Plan) -> Fresh {
        let a = Analysis::new(plan);
        let site_servers = plan
            .sites
            .iter()
            .zip(&a.sites)
            .map(|(s, f)| (s.id.clone(), f.utilization[0].map_or("∞".into(), percent)))
            .collect();
        let service_availability = plan
            .services
            .iter()
            .zip(&a.services)
            .map(|(s, f)| (s.id.clone(), availability(f.exposure.availability)))
            .collect();
        Fresh {
            site_servers,
            service_availability,
        }
    }
}

/// Every row of the Sites and Services views, and every violation of the Overview,
/// shows the figure of the item it names, in the plan the screen is of.
fn check_pairs(fresh: &Fresh, view: View, text: &str) {
    for line in text.lines() {
        let word = first_word(line).unwrap_or_default();
        let expected = match view {
            View::Sites => fresh.site_servers.get(word),
            View::Services | View::Hazards => fresh.service_availability.get(word),
            View::Overview => violation_figure(line, fresh),
            _ => None,
        };
        if let Some(expected) = expected {
            assert!(
                line.contains(expected.as_str()),
                "{view:?}: `{word}` should show {expected}:\n{line}\n\n{text}"
            );
        }
    }
}

/// The figure an Overview violation line must carry for the item it names.
fn violation_figure<'a>(line: &str, fresh: &'a Fresh) -> Option<&'a String> {
    let id = line.split('"').nth(1)?;
    if line.contains("misses its SLO") {
        fresh.service_availability.get(id)
    } else if line.contains(" servers at ") {
        fresh.site_servers.get(id)
    } else {
        None
    }
}

/// Draws every view at every size, checking names against figures.
fn check_every_view(app: &mut App) {
    let fresh = Fresh::of(&app.shown.plan);
    for (k, view) in View::ALL.into_iter().enumerate() {
        app.press(KeyCode::Char(char::from(b'1' + k as u8)));
        for size in SIZES {
            let text = screen(app, size);
            check_pairs(&fresh, view, &text);
        }
    }
}

/// Applies `edit` with the analysis held back, checks every view, then lets the
/// analysis arrive and checks again.
fn held_back(plan: &Plan, setup: &str, edit: &str) {
    let mut app = App::new(plan.clone());
    keys(&mut app, setup);
    app.settle();
    keys(&mut app, edit);
    let job = app.take_job();
    assert!(job.is_some(), "`{edit}` changed nothing");
    assert!(app.computing());
    check_every_view(&mut app);
    if let Some(job) = job {
        app.finish(job.run());
    }
    assert!(!app.computing());
    check_every_view(&mut app);
}

/// A generated 200-site plan whose last service misses its SLO, as in the field report.
fn plan_200() -> Plan {
    let mut plan = generate(&GenSpec {
        sites: 200,
        services: 2000,
        regions: 20,
        seed: 7,
        horizon_months: 24,
    });
    if let Some(last) = plan.services.last_mut() {
        last.slo = Some(0.999_999_9);
    }
    plan
}

const EDITS: [(&str, &str, &str); 7] = [
    ("delete the last service", "3", "Gdy"),
    ("delete the first service", "3", "gdy"),
    ("add a site", "2", "a⎋"),
    ("duplicate a site", "2", "D⎋"),
    ("delete a site", "2G", "dy"),
    ("rename a site", "2", "e⏎^NEWID⏎⎋"),
    ("delete and undo", "3Gdy", "u"),
];

#[test]
fn an_edit_waiting_for_its_analysis_never_mixes_two_plans() {
    for plan in [common::tiny(), plan_200()] {
        for (what, setup, edit) in EDITS {
            // A site deleted must be one nothing refers to: add one first.
            let setup = if what == "delete a site" {
                format!("{setup}a⎋")
            } else {
                setup.to_string()
            };
            eprintln!("{what}");
            held_back(&plan, &setup, edit);
        }
    }
}
