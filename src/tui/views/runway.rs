//! One site's utilization of one resource month by month, against the target and the
//! failover limit, with the month it first goes over its target marked.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LegendPosition, Paragraph};
use ratatui::Frame;

use crate::engine::{demand_series, over, site_series, utilization};
use crate::report::units::percent;

use super::super::app::{App, View};
use super::super::widgets::{block, grid, titled, Col, Grid, Level};

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
    let failed = selected
        .as_ref()
        .is_some_and(|(j, _)| app.shown.scenario().is_some() && app.shown.failed.contains(j));
    draw_summary(frame, summary, app, first_over, failed);
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

/// (month, utilization) points of one site and resource, and the first month over the
/// limit in force.
type Points = (Vec<(f64, f64)>, Option<u32>);

/// The points of `site` for the resource shown: its utilization in normal operation,
/// against the target; under a what-if, its demanded utilization against the failover
/// limit (none for a failed site).
fn points(app: &App, site: usize) -> Points {
    let r = app.resource.index();
    let shown = &app.shown;
    let a = &shown.analysis;
    let horizon = a.runway.horizon_months;
    let series = if shown.scenario().is_some() {
        demand_series(&a.model, &shown.failed, site, horizon)
    } else {
        site_series(&a.model, site, horizon)
    };
    let limit = shown.situation().limit();
    let first_over = series
        .iter()
        .find(|m| over(m.load[r], m.capacity[r], limit))
        .map(|m| m.month);
    let points = series
        .iter()
        .filter_map(|m| utilization(m.load[r], m.capacity[r]).map(|u| (f64::from(m.month), u)))
        .collect();
    (points, first_over)
}

fn line<'a>(name: String, colour: Color, data: &'a [(f64, f64)]) -> Dataset<'a> {
    Dataset::default()
        .name(name)
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(Style::new().fg(colour))
        .data(data)
}

fn draw_chart(frame: &mut Frame, area: Rect, app: &App, selected: Option<&(usize, Points)>) {
    let Some((j, (data, first_over))) = selected else {
        frame.render_widget(block("Runway"), area);
        return;
    };
    let id = app.shown.plan.sites.get(*j).map_or("?", |s| s.id.as_str());
    let horizon = f64::from(app.shown.analysis.runway.horizon_months.max(1));
    let limits = app.limits();
    let top = data.iter().map(|p| p.1).fold(limits.failover, f64::max) * 1.1;
    let target_line = [(0.0, limits.target), (horizon, limits.target)];
    let failover_line = [(0.0, limits.failover), (horizon, limits.failover)];
    let over_at = first_over.map(|m| [(f64::from(m), 0.0), (f64::from(m), top)]);
    let month = f64::from(app.shown.analysis.month());
    let month_line = [(month, 0.0), (month, top)];
    let what_if = app.shown.scenario().is_some();
    let mut datasets = vec![
        line(
            format!("target {}", percent(limits.target)),
            Level::OverTarget.colour(),
            &target_line,
        ),
        line(
            format!("failover {}", percent(limits.failover)),
            Level::OverFailover.colour(),
            &failover_line,
        ),
    ];
    if month > 0.0 {
        datasets.push(line(format!("month {month}"), Color::Gray, &month_line));
    }
    if let Some(m) = &over_at {
        let name = if what_if {
            "over failover"
        } else {
            "over target"
        };
        datasets.push(line(name.to_string(), Color::Magenta, m));
    }
    let series = if what_if {
        format!("{} demanded", app.resource.label())
    } else {
        app.resource.label().to_string()
    };
    datasets.push(line(series, Level::Within.colour(), data));
    let title = if what_if {
        format!(
            "{id}: demanded {} utilization by month under the what-if (←/→ resource)",
            app.resource.label()
        )
    } else {
        format!(
            "{id}: {} utilization by month (←/→ resource)",
            app.resource.label()
        )
    };
    let chart = Chart::new(datasets)
        .legend_position(Some(LegendPosition::TopLeft))
        .hidden_legend_constraints((Constraint::Percentage(100), Constraint::Percentage(100)))
        .block(block(&title))
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
        .y_axis(
            Axis::default()
                .title("% of capacity")
                .bounds([0.0, top])
                .labels(["0%".to_string(), percent(top / 2.0), percent(top)]),
        );
    frame.render_widget(chart, area);
}

fn draw_summary(frame: &mut Frame, area: Rect, app: &App, first_over: Option<u32>, failed: bool) {
    let limit = if app.shown.scenario().is_some() {
        "the failover limit, demanded under the what-if"
    } else {
        "target"
    };
    let this = match first_over {
        _ if failed => Span::styled(
            "failed in the what-if: carries nothing",
            Style::new().fg(Level::OverFailover.colour()),
        ),
        Some(m) => Span::styled(
            format!("over {limit} from month {m}"),
            Style::new().fg(Level::OverTarget.colour()),
        ),
        None => Span::styled(
            format!(
                "within {limit} to the horizon ({} months)",
                app.shown.analysis.runway.horizon_months
            ),
            Style::new().fg(Level::Within.colour()),
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
