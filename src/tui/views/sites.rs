//! Every site: utilization per resource as bars (demanded utilization under a
//! what-if), the tightest headroom and the binding power element; Enter opens a detail
//! pane with gauges and the power chain.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::engine::{chain_limits, PowerElement, Resource};
use crate::report::units::quantity;

use super::super::app::{App, View};
use super::super::compute::Shown;
use super::super::sorting::Key;
use super::super::widgets::{bar, block, gauge_lines, grid, labelled_gauge, titled, Col, Grid};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    if app.detail {
        let detail_height = if area.height >= 30 {
            14
        } else {
            area.height / 2
        };
        let [table, detail] =
            Layout::vertical([Constraint::Min(4), Constraint::Length(detail_height)]).areas(area);
        draw_table(frame, table, app);
        draw_detail(frame, detail, app);
    } else {
        draw_table(frame, area, app);
    }
}

/// The columns, in order; names go first when the view is narrow, then the region and
/// the binding element.
const COLUMNS: [Col; 9] = [
    Col::name("site", 0),
    Col::name("name", 4),
    Col::name("region", 3),
    Col::figure("servers", 0),
    Col::figure("racks", 0),
    Col::figure("power", 0),
    Col::figure("storage", 0),
    Col::figure("tightest headroom", 1),
    Col::figure("binding", 2),
];

/// What `o` sorts by, in turn: the fullest first, each resource, the id, the region.
pub(crate) const SORT: &[usize] = &[7, 3, 4, 5, 6, 0, 2, 8];

/// What row `j` sorts by in `column` of [`COLUMNS`]: utilizations fullest first
/// (unbounded fullest, a failed site last), names from A.
pub(crate) fn sort_key(shown: &Shown, j: usize, column: usize) -> Key {
    let situation = shown.situation();
    let site = shown.plan.sites.get(j);
    let name = |f: fn(&crate::model::Site) -> &str| Key::Name(site.map_or("", f).to_string());
    let worse = |u: Option<f64>| Key::Worse(u.unwrap_or(f64::INFINITY));
    match column {
        0 => name(|s| &s.id),
        1 => name(|s| &s.name),
        2 => name(|s| &s.region),
        3..=6 => match situation.utilization(j) {
            Some(u) => worse(u[column - 3]),
            None => Key::Worse(f64::NEG_INFINITY),
        },
        7 => match situation.tightest(j) {
            Some(t) => worse(t.utilization),
            None => Key::Worse(f64::NEG_INFINITY),
        },
        _ => Key::Name(
            shown
                .analysis
                .sites
                .get(j)
                .map_or("", |f| f.power.binding.name())
                .to_string(),
        ),
    }
}

/// Bars as long as the room allows once every figure has its place.
fn bar_width(width: u16) -> usize {
    match width {
        150.. => 8,
        120.. => 6,
        100.. => 4,
        _ => 2,
    }
}

/// One site's cells, in the order of [`COLUMNS`].
fn row(app: &App, j: usize, bars: usize) -> Option<Vec<Line<'static>>> {
    let site = app.shown.plan.sites.get(j)?;
    let figures = app.shown.analysis.sites.get(j)?;
    let situation = app.shown.situation();
    let mut cells = vec![
        Line::raw(site.id.clone()),
        Line::raw(site.name.clone()),
        Line::raw(site.region.clone()),
    ];
    match situation.utilization(j) {
        Some(u) => {
            let limits = app.limits();
            cells.extend(u.iter().map(|&u| bar(u, limits, bars)));
            let headroom = situation.tightest(j).map_or(Line::raw(""), |t| {
                Line::raw(quantity(t.resource, t.headroom))
            });
            cells.push(headroom);
        }
        None => {
            cells.extend((0..4).map(|_| {
                Line::from(Span::styled(
                    "failed ✗",
                    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                ))
            }));
            cells.push(Line::raw(""));
        }
    }
    cells.push(Line::raw(figures.power.binding.name()));
    Some(cells)
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App) {
    let rows_shown = app.rows(View::Sites);
    let bars = bar_width(area.width);
    let what = if app.shown.scenario().is_some() {
        "Sites: demanded utilization under the what-if, before shedding; headroom to the failover limit"
    } else {
        "Sites: utilization; headroom to the target"
    };
    grid(
        frame,
        area,
        app,
        Grid {
            title: titled(what, app, rows_shown.len(), app.shown.plan.sites.len()),
            columns: COLUMNS.to_vec(),
            len: rows_shown.len(),
            row: |k| rows_shown.get(k).and_then(|&j| row(app, j, bars)),
            selected: Some(app.selected_row(View::Sites)),
        },
    );
}

fn draw_detail(frame: &mut Frame, area: Rect, app: &App) {
    let Some(j) = app.selection(View::Sites) else {
        return;
    };
    let (Some(site), Some(figures)) =
        (app.shown.plan.sites.get(j), app.shown.analysis.sites.get(j))
    else {
        return;
    };
    let outer = block(&format!(
        "{} · {} · region {}",
        site.id, site.name, site.region
    ));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let [gauges, chain] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(inner);
    match (
        app.shown.situation().load(j),
        app.shown.situation().utilization(j),
    ) {
        (Some(load), Some(u)) => {
            let lines = if gauges.height >= 8 {
                gauge_lines(gauges.width)
            } else {
                1
            };
            let rows = Layout::vertical([Constraint::Length(lines); 4]).split(gauges);
            let headroom = app.shown.situation().headroom(j).unwrap_or_default();
            let against = if app.shown.scenario().is_some() {
                "to failover"
            } else {
                "to target"
            };
            let labels = Resource::ALL.map(|r| {
                format!(
                    "{:<8} {} of {}, headroom {} {against}",
                    r.label(),
                    quantity(r, load[r.index()]),
                    quantity(r, figures.capacity[r.index()]),
                    quantity(r, headroom[r.index()]),
                )
            });
            let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as u16;
            for ((r, label), row) in Resource::ALL.into_iter().zip(labels).zip(rows.iter()) {
                labelled_gauge(frame, *row, (label, width), u[r.index()], app.limits());
            }
        }
        _ => frame.render_widget(
            Paragraph::new(Line::styled(
                "failed in the what-if: carries no load",
                Style::new().fg(Color::Red),
            )),
            gauges,
        ),
    }
    frame.render_widget(Paragraph::new(power_lines(app, j)), chain);
}

/// Each element's limit on IT power; the binding one marked.
fn power_lines(app: &App, site: usize) -> Vec<Line<'static>> {
    let (Some(s), Some(f)) = (
        app.shown.plan.sites.get(site),
        app.shown.analysis.sites.get(site),
    ) else {
        return Vec::new();
    };
    let mut elements = vec![(s.capacity.power_kw, PowerElement::Nameplate)];
    if let Some(chain) = &s.power {
        elements.extend(chain_limits(chain));
    }
    let mut lines = vec![Line::styled(
        "Power chain (IT kW)",
        Style::new().fg(Color::Cyan),
    )];
    for (kw, element) in elements {
        let binds = element == f.power.binding;
        let style = if binds {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        lines.push(Line::styled(
            format!(
                "{:<10} {:>12}{}",
                element.name(),
                quantity(Resource::PowerKw, kw),
                if binds { "  binds" } else { "" }
            ),
            style,
        ));
    }
    lines.push(Line::raw(format!(
        "stranded power {}",
        quantity(Resource::PowerKw, f.power.stranded_kw)
    )));
    lines
}
