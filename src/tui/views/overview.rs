//! The whole plan at a glance: totals per resource, the N-1 verdict, the worst
//! scenario, both runways and the violations.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::engine::Resource;
use crate::report::units::{percent, quantity};
use crate::report::violations::{kind, message};

use super::super::app::{App, View};
use super::super::widgets::{block, cut, gauge_lines, grid, labelled_gauge, Col, Grid, Level};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    // The verdict first: it is what a planner opens the view for.
    let warned = app.shown.warnings.len();
    let warnings_height = if warned == 0 {
        0
    } else {
        (warned as u16 + 2).min(area.height / 5).max(3)
    };
    let [verdicts, gauges, violations, warnings] = Layout::vertical([
        Constraint::Length(7),
        Constraint::Length(4 * gauge_rows(area) + 2),
        Constraint::Min(3),
        Constraint::Length(warnings_height),
    ])
    .areas(area);
    draw_gauges(frame, gauges, app);
    draw_verdicts(frame, verdicts, app);
    draw_violations(frame, violations, app);
    if warned > 0 {
        draw_warnings(frame, warnings, app);
    }
}

/// Lines per gauge: two (words above the bar) only where the view is narrow and tall
/// enough to spare them.
fn gauge_rows(area: Rect) -> u16 {
    if area.height >= 34 {
        gauge_lines(area.width.saturating_sub(2))
    } else {
        1
    }
}

fn draw_gauges(frame: &mut Frame, area: Rect, app: &App) {
    let title = if app.shown.scenario().is_some() {
        "Plan total under the what-if (demanded / surviving capacity)"
    } else {
        "Plan total (load / capacity)"
    };
    let outer = block(title);
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let (load, capacity) = app.shown.situation().totals();
    let rows = Layout::vertical([Constraint::Length(gauge_rows(area)); 4]).split(inner);
    let labels = Resource::ALL.map(|r| {
        let (l, c) = (load[r.index()], capacity[r.index()]);
        format!("{:<8} {} of {}", r.label(), quantity(r, l), quantity(r, c))
    });
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u16;
    for ((r, label), row) in Resource::ALL.into_iter().zip(labels).zip(rows.iter()) {
        let u = crate::engine::utilization(load[r.index()], capacity[r.index()]);
        labelled_gauge(frame, *row, (label, width), u, app.limits());
    }
}

fn verdict(ok: bool, yes: &str, no: &str) -> Span<'static> {
    if ok {
        Span::styled(yes.to_string(), Style::new().fg(Color::Green))
    } else {
        Span::styled(
            no.to_string(),
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        )
    }
}

fn draw_verdicts(frame: &mut Frame, area: Rect, app: &App) {
    let a = &app.shown.analysis;
    let plan = &app.shown.plan;
    let site_id = |j: usize| plan.sites.get(j).map_or("?", |s| s.id.as_str());
    let label = |s: &str| Span::styled(format!("{s:<18}"), Style::new().fg(Color::Cyan));
    let worst = a.worst_scenario.and_then(|k| a.scenarios.get(k));
    let worst_line = match worst {
        Some(s) if !s.result.survivable => vec![
            label("Worst scenario"),
            Span::raw(format!("{}: ", s.def.name)),
            verdict(false, "", "not survivable"),
        ],
        Some(s) => {
            let busiest = a.busiest_survivor(&s.result).map_or(String::new(), |b| {
                format!(
                    "; busiest survivor {} at {} {}",
                    site_id(b.site),
                    percent(b.utilization),
                    b.resource.label()
                )
            });
            vec![
                label("Worst scenario"),
                Span::raw(format!("{}: survivable{busiest}", s.def.name)),
            ]
        }
        None => vec![
            label("Worst scenario"),
            Span::raw("none: the plan has no scenario"),
        ],
    };
    let tightest = a.tightest.map_or("no site".to_string(), |t| {
        format!(
            "site {} {} at {}: {} to the {} target",
            site_id(t.site),
            t.resource.label(),
            t.utilization.map_or("unbounded".to_string(), percent),
            quantity(t.resource, t.headroom),
            percent(a.target_utilization)
        )
    });
    let capacity = match &a.runway.capacity {
        Some(b) => format!(
            "month {}: site {} {} at {}",
            b.month,
            site_id(b.site),
            b.resource.label(),
            b.utilization.map_or("unbounded".to_string(), percent)
        ),
        None => format!("beyond horizon ({} months)", a.runway.horizon_months),
    };
    let disaster = match &a.runway.disaster {
        Some(b) => {
            let name = a
                .scenarios
                .get(b.scenario)
                .map_or("?", |s| s.def.name.as_str());
            let service = b
                .service
                .and_then(|i| plan.services.get(i))
                .map_or(String::new(), |s| format!(", {} not whole", s.id));
            format!("month {}: {name}{service}", b.month)
        }
        None => format!("beyond horizon ({} months)", a.runway.horizon_months),
    };
    let lines = vec![
        Line::from(vec![
            label("N-1"),
            verdict(a.n1_safe, "safe", "NOT safe"),
            Span::raw("   "),
            label("Within target"),
            verdict(a.within_target, "yes", "no"),
        ]),
        Line::from(worst_line),
        Line::from(vec![label("Tightest headroom"), Span::raw(tightest)]),
        Line::from(vec![label("Capacity runway"), Span::raw(capacity)]),
        Line::from(vec![label("Disaster runway"), Span::raw(disaster)]),
    ];
    // One line per verdict, cut rather than wrapped, so that none is pushed out.
    let width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = lines.into_iter().map(|l| cut(l, width)).collect();
    frame.render_widget(
        Paragraph::new(lines).block(block(&format!("Plan: {}", plan.name))),
        area,
    );
}

fn draw_violations(frame: &mut Frame, area: Rect, app: &App) {
    let a = &app.shown.analysis;
    if a.violations.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "none",
                Style::new().fg(Level::Within.colour()),
            ))
            .block(block("Violations (0)")),
            area,
        );
        return;
    }
    grid(
        frame,
        area,
        app,
        Grid {
            title: format!(
                "Violations ({}): Enter shows the site, scenario or service",
                a.violations.len()
            ),
            columns: vec![Col::figure("kind", 1), Col::name("what", 0)],
            len: a.violations.len(),
            row: |k| {
                let v = a.violations.get(k)?;
                Some(vec![
                    Line::styled(kind(v), Style::new().fg(Level::OverFailover.colour())),
                    Line::raw(message(&app.shown.plan, a, v)),
                ])
            },
            selected: Some(app.selected_row(View::Overview)),
        },
    );
}

/// The plan's validation warnings, as many as fit: the Pangyo lesson among them.
fn draw_warnings(frame: &mut Frame, area: Rect, app: &App) {
    let warnings = &app.shown.warnings;
    let fit = usize::from(area.height.saturating_sub(2));
    let mut lines: Vec<Line> = warnings
        .iter()
        .take(fit)
        .map(|w| {
            Line::from(vec![
                Span::styled("⚠ ", Style::new().fg(Level::Near.colour())),
                Span::raw(w.clone()),
            ])
        })
        .collect();
    if warnings.len() > fit && fit > 0 {
        lines.pop();
        lines.push(Line::raw(format!(
            "… and {} more (headroom check lists them all)",
            warnings.len() + 1 - fit
        )));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block(&format!("Warnings ({})", warnings.len()))),
        area,
    );
}
