//! Every scenario with its verdict; for the selected one, each surviving site's
//! demanded utilization of one resource as bars, and the services it loses or sheds.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};
use ratatui::Frame;

use crate::engine::Scenario;
use crate::report::units::percent;

use super::super::app::{App, View};
use super::super::compute::Shown;
use super::super::sorting::Key;
use super::super::widgets::{block, grid, titled, Col, Grid, Level, Limits};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let [table, below] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Min(6)]).areas(area);
    draw_table(frame, table, app);
    let selected = app
        .selection(View::Scenarios)
        .and_then(|k| app.shown.analysis.scenarios.get(k));
    if let Some(sc) = selected {
        let [chart, services] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(below);
        draw_chart(frame, chart, app, sc);
        draw_services(frame, services, app, sc);
    }
}

/// What `o` sorts by, in turn: not survivable first, then the name, then the sites.
pub(crate) const SORT: &[usize] = &[2, 0, 1];

/// What scenario `k` sorts by in `column`: the verdict (not survivable worse), names.
pub(crate) fn sort_key(shown: &Shown, k: usize, column: usize) -> Key {
    let Some(sc) = shown.analysis.scenarios.get(k) else {
        return Key::Name(String::new());
    };
    match column {
        2 => Key::Worse(if sc.result.survivable { 0.0 } else { 1.0 }),
        1 => Key::Name(
            sc.def
                .failed
                .iter()
                .filter_map(|&j| shown.plan.sites.get(j).map(|s| s.id.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => Key::Name(sc.def.name.clone()),
    }
}

/// One scenario: its name, the sites it fails and its verdict.
fn scenario_row(app: &App, k: usize) -> Option<Vec<Line<'static>>> {
    let sc = app.shown.analysis.scenarios.get(k)?;
    let failed: Vec<&str> = sc
        .def
        .failed
        .iter()
        .filter_map(|&j| app.shown.plan.sites.get(j).map(|s| s.id.as_str()))
        .collect();
    let verdict = if sc.result.survivable {
        Span::styled("survivable", Style::new().fg(Color::Green))
    } else {
        Span::styled("not survivable", Style::new().fg(Color::Red))
    };
    Some(vec![
        Line::raw(sc.def.name.clone()),
        Line::raw(failed.join(", ")),
        Line::from(verdict),
    ])
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App) {
    let shown = app.rows(View::Scenarios);
    grid(
        frame,
        area,
        app,
        Grid {
            title: titled(
                "Scenarios",
                app,
                shown.len(),
                app.shown.analysis.scenarios.len(),
            ),
            columns: vec![
                Col::name("scenario", 0),
                Col::name("failed sites", 1),
                Col::figure("verdict", 0),
            ],
            len: shown.len(),
            row: |k| shown.get(k).and_then(|&i| scenario_row(app, i)),
            selected: Some(app.selected_row(View::Scenarios)),
        },
    );
}

fn draw_chart(frame: &mut Frame, area: Rect, app: &App, sc: &Scenario) {
    let r = app.resource;
    let under = app.shown.analysis.under(&sc.result);
    let limits = Limits {
        in_force: under.limit(),
        ..app.limits()
    };
    let bars: Vec<Bar> = (0..app.shown.plan.sites.len())
        .filter_map(|j| {
            let u = under.utilization(j)?[r.index()];
            let id = app.shown.plan.sites.get(j)?.id.clone();
            let value = u.map_or(0, |u| (u * 100.0).round().max(0.0) as u64);
            Some(
                Bar::default()
                    .value(value)
                    .label(Line::from(id))
                    .text_value(format!(
                        "{}{}",
                        u.map_or("∞".to_string(), |u| format!("{:.0}%", u * 100.0)),
                        Level::of(u, limits).mark()
                    ))
                    .style(Style::new().fg(Level::of(u, limits).colour())),
            )
        })
        .collect();
    let max = bars_max(sc, app).max(100);
    let chart = BarChart::default()
        .block(block(&format!(
            "{}: demanded {} utilization; failover limit {} (!! over it, ←/→ resource)",
            sc.def.name,
            r.label(),
            percent(limits.failover)
        )))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width(area.width, bars.len()))
        .bar_gap(1)
        .max(max);
    frame.render_widget(chart, area);
}

fn bars_max(sc: &Scenario, app: &App) -> u64 {
    let r = app.resource;
    let under = app.shown.analysis.under(&sc.result);
    (0..app.shown.plan.sites.len())
        .filter_map(|j| under.utilization(j)?[r.index()])
        .map(|u| (u * 100.0).round().max(0.0) as u64)
        .max()
        .unwrap_or(0)
}

fn draw_services(frame: &mut Frame, area: Rect, app: &App, sc: &Scenario) {
    // A site loss can degrade thousands of services: only those that fit are worded, at
    // least one so that an empty list still means every service is whole.
    let fit = usize::from(area.height.saturating_sub(2)).max(1);
    let lines: Vec<Line> = app
        .shown
        .analysis
        .not_whole(&sc.result)
        .iter()
        .filter_map(|o| {
            let s = app.shown.plan.services.get(o.service)?;
            let colour = if s.tier.must_survive() {
                Color::Red
            } else {
                Color::Yellow
            };
            let what = if o.data_available {
                format!("{} served", percent(o.served))
            } else {
                "data lost".to_string()
            };
            Some(Line::from(vec![
                Span::styled(format!("{:<12}", s.id), Style::new().fg(colour)),
                Span::raw(format!("{:<9}", s.tier.name())),
                Span::raw(what),
            ]))
        })
        .take(fit)
        .collect();
    let lines = if lines.is_empty() {
        vec![Line::styled(
            "every service whole",
            Style::new().fg(Color::Green),
        )]
    } else {
        lines
    };
    frame.render_widget(
        Paragraph::new(lines).block(block("Lost or degraded services")),
        area,
    );
}

/// Bars as wide as the pane allows, between 5 and 9 cells.
fn bar_width(width: u16, bars: usize) -> u16 {
    let per_bar = usize::from(width.saturating_sub(2)) / bars.max(1);
    (per_bar.saturating_sub(1)).clamp(5, 9) as u16
}
