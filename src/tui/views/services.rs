//! Every service: tier, placement, failover, what it is served now (under the what-if
//! when one is in force) and its expected availability against its SLO.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};
use ratatui::Frame;

use crate::model::{Failover, Service};
use crate::report::units::{availability, percent};

use super::super::app::{App, View};
use super::super::widgets::{grid, titled, Grid};

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

/// One service's row; `wide` adds its name and placement.
fn row(app: &App, i: usize, wide: bool) -> Option<Row<'static>> {
    let s = app.shown.plan.services.get(i)?;
    let f = app.shown.analysis.services.get(i)?;
    let o = app.shown.situation().outcome(i);
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
        Some(false) => Span::styled("MISS", Style::new().fg(Color::Red)),
        None => Span::raw("-"),
    };
    let mut cells = vec![Cell::from(s.id.clone())];
    if wide {
        cells.push(Cell::from(s.name.clone()));
    }
    cells.push(Cell::from(s.tier.name()));
    if wide {
        cells.push(Cell::from(placement(s)));
    }
    cells.extend([
        Cell::from(failover(s)),
        Cell::from(Span::styled(served, Style::new().fg(served_colour))),
        Cell::from(availability(f.exposure.availability)),
        Cell::from(s.slo.map_or("-".to_string(), availability)),
        Cell::from(meets),
    ]);
    Some(Row::new(cells))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let wide = area.width >= 120;
    let shown = app.rows(View::Services);
    let mut header = vec!["service"];
    let mut widths = vec![Constraint::Length(if wide { 14 } else { 10 })];
    if wide {
        header.push("name");
        widths.push(Constraint::Fill(1));
    }
    header.push("tier");
    widths.push(Constraint::Length(8));
    if wide {
        header.push("placement");
        widths.push(Constraint::Fill(2));
    }
    header.extend(["failover", "served", "availability", "SLO", "meets"]);
    widths.extend([
        Constraint::Length(if wide { 16 } else { 13 }),
        Constraint::Length(if wide { 14 } else { 7 }),
        Constraint::Length(12),
        Constraint::Length(9),
        Constraint::Length(5),
    ]);
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
            header,
            widths,
            len: shown.len(),
            row: |k| shown.get(k).and_then(|&i| row(app, i, wide)),
            selected: Some(app.selected_row(View::Services)),
        },
    );
}
