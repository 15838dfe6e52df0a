//! Every service: tier, placement, failover, what it is served now (under the what-if
//! when one is in force) and its expected availability against its SLO.

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::model::{Failover, Service};
use crate::report::facts::risks;
use crate::report::units::{availability, percent};

use super::super::app::{App, View};
use super::super::compute::Shown;
use super::super::sorting::Key;
use super::super::widgets::{grid, titled, Col, Grid};

fn placement(s: &Service) -> String {
    s.placement
        .iter()
        .map(|(site, share)| format!("{site} {}", percent(*share)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn failover(s: &Service) -> String {
    match &s.failover {
        Failover::ActiveActive => "active-active".into(),
        Failover::Standby(sites) => format!("standby {}", sites.join(",")),
        Failover::NoFailover => "none".into(),
    }
}

/// The columns, in order; names and placement go first when the view is narrow.
const COLUMNS: [Col; 11] = [
    Col::name("service", 0),
    Col::name("name", 6),
    Col::figure("tier", 3),
    Col::name("placement", 7),
    Col::name("data", 8),
    Col::name("failover", 4),
    Col::figure("served", 0),
    Col::figure("availability", 0),
    Col::figure("SLO", 2),
    Col::figure("meets", 1),
    Col::name("risk", 5),
];

/// What `o` sorts by, in turn: availability (lowest first), served, tier, id, risk.
pub(crate) const SORT: &[usize] = &[7, 6, 2, 0, 10, 5];

/// What row `i` sorts by in `column` of [`COLUMNS`]: figures worst first (least
/// available, least served, most critical tier), names from A.
pub(crate) fn sort_key(shown: &Shown, i: usize, column: usize) -> Key {
    let Some(s) = shown.plan.services.get(i) else {
        return Key::Name(String::new());
    };
    let figures = shown.analysis.services.get(i);
    match column {
        1 => Key::Name(s.name.clone()),
        2 => Key::Worse(-(s.tier.index() as f64)),
        3 => Key::Name(placement(s)),
        4 => Key::Name(s.data.join(",")),
        5 => Key::Name(failover(s)),
        6 => Key::Worse(-shown.situation().outcome(i).effective()),
        7 => Key::Worse(-figures.map_or(1.0, |f| f.exposure.availability)),
        8 => Key::Worse(-s.slo.unwrap_or(0.0)),
        9 => Key::Worse(match figures.and_then(|f| f.meets_slo) {
            Some(false) => 1.0,
            _ => 0.0,
        }),
        10 => Key::Name(risks(&shown.plan, &shown.analysis, i).join("; ")),
        _ => Key::Name(s.id.clone()),
    }
}

/// One service's cells, in the order of [`COLUMNS`].
fn row(app: &App, i: usize) -> Option<Vec<Line<'static>>> {
    let shown = &app.shown;
    let s = shown.plan.services.get(i)?;
    let f = shown.analysis.services.get(i)?;
    let o = shown.situation().outcome(i);
    let served_colour = if !o.is_whole() {
        if s.tier.must_survive() {
            Color::Red
        } else {
            Color::Yellow
        }
    } else {
        Color::Green
    };
    let served = if o.data_available {
        percent(o.served)
    } else {
        format!("{} no data", percent(o.served))
    };
    let meets = match f.meets_slo {
        Some(true) => Span::styled("yes", Style::new().fg(Color::Green)),
        Some(false) => Span::styled("MISS!", Style::new().fg(Color::Red)),
        None => Span::raw("-"),
    };
    let risk = risks(&shown.plan, &shown.analysis, i).join("; ");
    Some(vec![
        Line::raw(s.id.clone()),
        Line::raw(s.name.clone()),
        Line::raw(s.tier.name()),
        Line::raw(placement(s)),
        Line::raw(if s.data.is_empty() {
            "-".to_string()
        } else {
            s.data.join(",")
        }),
        Line::raw(failover(s)),
        Line::from(Span::styled(served, Style::new().fg(served_colour))),
        Line::raw(availability(f.exposure.availability)),
        Line::raw(s.slo.map_or("-".to_string(), availability)),
        Line::from(meets),
        Line::from(Span::styled(risk, Style::new().fg(Color::Yellow))),
    ])
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let shown = app.rows(View::Services);
    let what = if app.shown.scenario().is_some() {
        "Services: served under the what-if"
    } else {
        "Services: served in normal operation"
    };
    grid(
        frame,
        area,
        app,
        Grid {
            title: titled(what, app, shown.len(), app.shown.plan.services.len()),
            columns: COLUMNS.to_vec(),
            len: shown.len(),
            row: |k| shown.get(k).and_then(|&i| row(app, i)),
            selected: Some(app.selected_row(View::Services)),
        },
    );
}
