//! Hazard ratings per site (and its region's earthquake rating), and the expected
//! availability each service gets from them.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::report::units::availability;

use super::super::app::{App, View};
use super::super::compute::Shown;
use super::super::sorting::Key;
use super::super::widgets::{grid, titled, Col, Grid};

fn rating(r: u8) -> Line<'static> {
    let colour = match r {
        0..=1 => Color::Green,
        2 => Color::Yellow,
        3 => Color::LightRed,
        _ => Color::Red,
    };
    Line::from(Span::styled(r.to_string(), Style::new().fg(colour)))
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

/// What `o` sorts by, in turn: each rating (highest first), the id, the region.
pub(crate) const SORT: &[usize] = &[3, 4, 5, 6, 0, 2];

/// What site `j` sorts by in `column`: ratings highest first, names from A.
pub(crate) fn sort_key(shown: &Shown, j: usize, column: usize) -> Key {
    let Some(s) = shown.plan.sites.get(j) else {
        return Key::Name(String::new());
    };
    let quake = shown.plan.region(&s.region).map_or(0, |r| r.earthquake);
    match column {
        1 => Key::Name(s.name.clone()),
        2 => Key::Name(s.region.clone()),
        3 => Key::Worse(f64::from(s.hazards.fire)),
        4 => Key::Worse(f64::from(s.hazards.flood)),
        5 => Key::Worse(f64::from(s.hazards.power)),
        6 => Key::Worse(f64::from(quake)),
        _ => Key::Name(s.id.clone()),
    }
}

/// One site's ratings, marked when the what-if fails it.
fn site_row(app: &App, j: usize) -> Option<Vec<Line<'static>>> {
    let s = app.shown.plan.sites.get(j)?;
    let quake = app.shown.plan.region(&s.region).map_or(0, |r| r.earthquake);
    let id = if app.shown.failed.contains(&j) {
        Line::from(Span::styled(
            format!("{} ✗", s.id),
            Style::new().fg(Color::Red),
        ))
    } else {
        Line::from(s.id.clone())
    };
    Some(vec![
        id,
        Line::from(s.name.clone()),
        Line::from(s.region.clone()),
        rating(s.hazards.fire),
        rating(s.hazards.flood),
        rating(s.hazards.power),
        rating(quake),
    ])
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
            columns: vec![
                Col::name("site", 0),
                Col::name("name", 2),
                Col::name("region", 1),
                Col::figure("fire", 0),
                Col::figure("flood", 0),
                Col::figure("power", 0),
                Col::figure("quake", 0),
            ],
            len: shown.len(),
            row: |k| shown.get(k).and_then(|&j| site_row(app, j)),
            selected: Some(app.selected_row(View::Hazards)),
        },
    );
}

/// One service's expected downtime and availability against its SLO.
fn service_row(app: &App, i: usize) -> Option<Vec<Line<'static>>> {
    let s = app.shown.plan.services.get(i)?;
    let f = app.shown.analysis.services.get(i)?;
    let meets = match f.meets_slo {
        Some(true) => Span::styled("yes", Style::new().fg(Color::Green)),
        Some(false) => Span::styled("MISS!", Style::new().fg(Color::Red)),
        None => Span::raw("-"),
    };
    Some(vec![
        Line::from(s.id.clone()),
        Line::from(s.tier.name()),
        Line::from(format!("{:.3}", f.exposure.downtime_hours)),
        Line::from(availability(f.exposure.availability)),
        Line::from(s.slo.map_or("-".to_string(), availability)),
        Line::from(meets),
    ])
}

fn draw_services(frame: &mut Frame, area: Rect, app: &App) {
    grid(
        frame,
        area,
        app,
        Grid {
            title: "Expected availability per service".into(),
            columns: vec![
                Col::name("service", 0),
                Col::figure("tier", 2),
                Col::figure("down h/yr", 1),
                Col::figure("availability", 0),
                Col::figure("SLO", 1),
                Col::figure("meets", 0),
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
