//! One site's utilization of one resource month by month, against the target and the
//! failover limit, with the month it first goes over its target marked.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition, Paragraph};
use ratatui::Frame;

use crate::engine::{over, site_series, utilization};
use crate::report::units::percent;

use super::super::app::{App, View};
use super::super::widgets::{block, grid, titled, Col, Grid};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let [list, right] =
        Layout::horizontal([Constraint::Length(16), Constraint::Min(30)]).areas(area);
    draw_list(frame, list, app);
    let [chart, summary] =
        Layout::vertical([Constraint::Min(8), Constraint::Length(4)]).areas(right);
    // The series walks every service at the site for every month: once a frame is enough.
    let selected = app.selection(View::Runway).map(|j| (j, points(app, j)));
    draw_chart(frame, chart, app, selected.as_ref());
    let first_over = selected
        .as_ref()
        .and_then(|(_, (_, first_over))| *first_over);
    draw_summary(frame, summary, app, first_over);
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App) {
    let shown = app.rows(View::Runway);
    grid(
        frame,
        area,
        app,
        Grid {
            title: titled("Sites", app, shown.len(), app.shown.plan.sites.len()),
            columns: vec![Col::name("site", 0)],
            len: shown.len(),
            row: |k| {
                let site = app.shown.plan.sites.get(*shown.get(k)?)?;
                Some(vec![Line::raw(site.id.clone())])
            },
            selected: Some(app.selected_row(View::Runway)),
        },
    );
}

/// (month, utilization) points of one site and resource, and the first month over
/// target.
type Points = (Vec<(f64, f64)>, Option<u32>);

/// The points of `site` for the resource shown.
fn points(app: &App, site: usize) -> Points {
    let r = app.resource.index();
    let target = app.shown.analysis.target_utilization;
    let series = site_series(
        &app.shown.analysis.model,
        site,
        app.shown.analysis.runway.horizon_months,
    );
    let first_over = series
        .iter()
        .find(|m| over(m.load[r], m.capacity[r], target))
        .map(|m| m.month);
    let points = series
        .iter()
        .filter_map(|m| utilization(m.load[r], m.capacity[r]).map(|u| (f64::from(m.month), u)))
        .collect();
    (points, first_over)
}

fn draw_chart(frame: &mut Frame, area: Rect, app: &App, selected: Option<&(usize, Points)>) {
    let Some((j, (data, first_over))) = selected else {
        frame.render_widget(block("Runway"), area);
        return;
    };
    let id = app.shown.plan.sites.get(*j).map_or("?", |s| s.id.as_str());
    let horizon = f64::from(app.shown.analysis.runway.horizon_months.max(1));
    let target = app.shown.analysis.target_utilization;
    let failover = app.shown.analysis.state.failover_utilization;
    let top = data.iter().map(|p| p.1).fold(failover, f64::max) * 1.1;
    let target_line = [(0.0, target), (horizon, target)];
    let failover_line = [(0.0, failover), (horizon, failover)];
    let marker = first_over.map(|m| [(f64::from(m), 0.0), (f64::from(m), top)]);
    let mut datasets = vec![
        Dataset::default()
            .name("target")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(Color::Yellow))
            .data(&target_line),
        Dataset::default()
            .name("failover limit")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(Color::Red))
            .data(&failover_line),
    ];
    if let Some(m) = &marker {
        datasets.push(
            Dataset::default()
                .name("runway")
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(Style::new().fg(Color::Magenta))
                .data(m),
        );
    }
    datasets.push(
        Dataset::default()
            .name(app.resource.label())
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(Color::Cyan))
            .data(data),
    );
    let chart = Chart::new(datasets)
        .legend_position(Some(LegendPosition::BottomRight))
        .block(block(&format!(
            "{id} {} utilization by month (←/→ resource)",
            app.resource.label()
        )))
        .x_axis(
            Axis::default()
                .title("month")
                .bounds([0.0, horizon])
                .labels([
                    "0".to_string(),
                    format!("{}", horizon / 2.0),
                    format!("{horizon}"),
                ]),
        )
        .y_axis(Axis::default().bounds([0.0, top]).labels([
            "0%".to_string(),
            percent(top / 2.0),
            percent(top),
        ]));
    frame.render_widget(chart, area);
}

fn draw_summary(frame: &mut Frame, area: Rect, app: &App, first_over: Option<u32>) {
    let this = match first_over {
        Some(m) => Span::styled(
            format!("over target from month {m}"),
            Style::new().fg(Color::Red),
        ),
        None => Span::styled(
            format!(
                "within target to the horizon ({} months)",
                app.shown.analysis.runway.horizon_months
            ),
            Style::new().fg(Color::Green),
        ),
    };
    let plan = match &app.shown.analysis.runway.capacity {
        Some(b) => format!(
            "plan capacity runway: month {} ({} {})",
            b.month,
            app.shown
                .plan
                .sites
                .get(b.site)
                .map_or("?", |s| s.id.as_str()),
            b.resource.label()
        ),
        None => "plan capacity runway: beyond horizon".to_string(),
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![Span::raw(format!("{}: ", app.resource.label())), this]),
            Line::raw(plan),
        ])
        .block(block("Runway")),
        area,
    );
}
