//! The whole plan at a glance: totals per resource, the N-1 verdict, the worst
//! scenario, both runways and the violations.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::engine::Resource;
use crate::report::units::{percent, quantity};
use crate::report::violations::message;

use super::super::app::App;
use super::super::widgets::{block, gauge_lines, labelled_gauge};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    // The verdict first: it is what a planner opens the view for.
    let [verdicts, gauges, violations] = Layout::vertical([
        Constraint::Length(7),
        Constraint::Length(4 * gauge_lines(area.width.saturating_sub(2)) + 2),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_gauges(frame, gauges, app);
    draw_verdicts(frame, verdicts, app);
    draw_violations(frame, violations, app);
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
    let rows = Layout::vertical([Constraint::Length(gauge_lines(inner.width)); 4]).split(inner);
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
            "site {} {}: {} below the {} target ({} used)",
            site_id(t.site),
            t.resource.label(),
            quantity(t.resource, t.headroom),
            percent(a.target_utilization),
            t.utilization.map_or("unbounded".to_string(), percent)
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
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(&format!("Plan: {}", plan.name))),
        area,
    );
}

fn draw_violations(frame: &mut Frame, area: Rect, app: &App) {
    let a = &app.shown.analysis;
    let lines: Vec<Line> = if a.violations.is_empty() {
        vec![Line::styled("none", Style::new().fg(Color::Green))]
    } else {
        a.violations
            .iter()
            .map(|v| {
                Line::from(vec![
                    Span::styled("• ", Style::new().fg(Color::Red)),
                    Span::raw(message(&app.shown.plan, a, v)),
                ])
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block(&format!("Violations ({})", a.violations.len()))),
        area,
    );
}
