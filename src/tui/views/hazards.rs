//! Hazard ratings per site (and its region's earthquake rating), and the expected
//! availability each service gets from them.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row};
use ratatui::Frame;

use crate::report::units::availability;

use super::super::app::{App, View};
use super::super::widgets::{grid, titled, Grid};

fn rating(r: u8) -> Cell<'static> {
    let colour = match r {
        0..=1 => Color::Green,
        2 => Color::Yellow,
        3 => Color::LightRed,
        _ => Color::Red,
    };
    Cell::from(Span::styled(r.to_string(), Style::new().fg(colour)))
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    // Sites take what they need up to half the height; services get the rest.
    let shown = app.rows(View::Hazards);
    let wanted = shown.len() as u16 + 3;
    let [sites, services] = Layout::vertical([
        Constraint::Length(wanted.min(area.height / 2).max(5)),
        Constraint::Min(0),
    ])
    .areas(area);
    draw_sites(frame, sites, app, &shown);
    draw_services(frame, services, app);
}

/// One site's ratings, marked when the what-if fails it.
fn site_row(app: &App, j: usize) -> Option<Row<'static>> {
    let s = app.shown.plan.sites.get(j)?;
    let quake = app.shown.plan.region(&s.region).map_or(0, |r| r.earthquake);
    let id = if app.shown.failed.contains(&j) {
        Cell::from(Span::styled(
            format!("{} ✗", s.id),
            Style::new().fg(Color::Red),
        ))
    } else {
        Cell::from(s.id.clone())
    };
    Some(Row::new(vec![
        id,
        Cell::from(s.name.clone()),
        Cell::from(s.region.clone()),
        rating(s.hazards.fire),
        rating(s.hazards.flood),
        rating(s.hazards.power),
        rating(quake),
    ]))
}

fn draw_sites(frame: &mut Frame, area: Rect, app: &App, shown: &[usize]) {
    grid(
        frame,
        area,
        app,
        Grid {
            title: titled(
                "Hazard ratings 1-5 (r fails the region)",
                app,
                shown.len(),
                app.shown.plan.sites.len(),
            ),
            header: vec!["site", "name", "region", "fire", "flood", "power", "quake"],
            widths: vec![
                Constraint::Length(8),
                Constraint::Fill(1),
                Constraint::Length(8),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Length(5),
            ],
            len: shown.len(),
            row: |k| shown.get(k).and_then(|&j| site_row(app, j)),
            selected: Some(app.selected_row(View::Hazards)),
        },
    );
}

/// One service's expected downtime and availability against its SLO.
fn service_row(app: &App, i: usize) -> Option<Row<'static>> {
    let s = app.shown.plan.services.get(i)?;
    let f = app.shown.analysis.services.get(i)?;
    let meets = match f.meets_slo {
        Some(true) => Span::styled("yes", Style::new().fg(Color::Green)),
        Some(false) => Span::styled("MISS", Style::new().fg(Color::Red)),
        None => Span::raw("-"),
    };
    Some(Row::new(vec![
        Cell::from(s.id.clone()),
        Cell::from(s.tier.name()),
        Cell::from(format!("{:.3}", f.exposure.downtime_hours)),
        Cell::from(availability(f.exposure.availability)),
        Cell::from(s.slo.map_or("-".to_string(), availability)),
        Cell::from(meets),
    ]))
}

fn draw_services(frame: &mut Frame, area: Rect, app: &App) {
    grid(
        frame,
        area,
        app,
        Grid {
            title: "Expected availability per service".into(),
            header: vec![
                "service",
                "tier",
                "down h/yr",
                "availability",
                "SLO",
                "meets",
            ],
            widths: vec![
                Constraint::Fill(1),
                Constraint::Length(8),
                Constraint::Length(9),
                Constraint::Length(12),
                Constraint::Length(9),
                Constraint::Length(5),
            ],
            len: app
                .shown
                .plan
                .services
                .len()
                .min(app.shown.analysis.services.len()),
            row: |i| service_row(app, i),
            selected: None,
        },
    );
}
