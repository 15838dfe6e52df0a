//! Every site: utilization per resource as bars (demanded utilization under a
//! what-if), the tightest headroom and the binding power element; Enter opens a detail
//! pane with gauges and the power chain.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};
use ratatui::Frame;

use crate::engine::{chain_limits, PowerElement, Resource};
use crate::report::units::{count, quantity};

use super::super::app::{App, View};
use super::super::widgets::{bar, block, gauge_lines, grid, labelled_gauge, titled, Grid};

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

/// Which columns the table has room for: names and regions only where the bars still
/// fit beside them.
#[derive(Clone, Copy)]
struct Columns {
    name: bool,
    region: bool,
    bar_width: usize,
}

impl Columns {
    fn for_width(width: u16) -> Columns {
        Columns {
            name: width >= 140,
            region: width >= 110,
            bar_width: match width {
                140.. => 8,
                100.. => 6,
                _ => 2,
            },
        }
    }
}

/// One site's utilization bars, tightest headroom and binding power element.
fn row(app: &App, j: usize, columns: Columns) -> Option<Row<'static>> {
    let site = app.shown.plan.sites.get(j)?;
    let figures = app.shown.analysis.sites.get(j)?;
    let mut cells = vec![Cell::from(site.id.clone())];
    if columns.name {
        cells.push(Cell::from(site.name.clone()));
    }
    if columns.region {
        cells.push(Cell::from(site.region.clone()));
    }
    match app.shown.situation().utilization(j) {
        Some(u) => {
            let (limit, width) = (app.shown.situation().limit(), columns.bar_width);
            cells.extend(u.iter().map(|&u| Cell::from(bar(u, limit, width))));
            let headroom = app
                .shown
                .situation()
                .tightest(j)
                .map_or(String::new(), |t| quantity(t.resource, t.headroom));
            cells.push(Cell::from(headroom));
        }
        None => {
            cells.extend((0..4).map(|_| {
                Cell::from(Span::styled(
                    "failed",
                    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                ))
            }));
            cells.push(Cell::from(""));
        }
    }
    cells.push(Cell::from(figures.power.binding.name()));
    Some(Row::new(cells))
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App) {
    let columns = Columns::for_width(area.width);
    let rows_shown = app.rows(View::Sites);
    let cell = (columns.bar_width + 8) as u16;
    let mut header = vec!["site"];
    let mut widths = vec![Constraint::Length(if columns.name { 8 } else { 6 })];
    if columns.name {
        header.push("name");
        widths.push(Constraint::Fill(1));
    }
    if columns.region {
        header.push("region");
        widths.push(Constraint::Length(10));
    }
    header.extend([
        "servers", "racks", "power", "storage", "headroom", "binding",
    ]);
    widths.extend([Constraint::Length(cell); 4]);
    widths.extend([Constraint::Length(16), Constraint::Length(10)]);
    let what = if app.shown.scenario().is_some() {
        "Sites: demanded utilization under the what-if"
    } else {
        "Sites: utilization"
    };
    grid(
        frame,
        area,
        app,
        Grid {
            title: titled(what, app, rows_shown.len(), app.shown.plan.sites.len()),
            header,
            widths,
            len: rows_shown.len(),
            row: |k| rows_shown.get(k).and_then(|&j| row(app, j, columns)),
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
            for (r, row) in Resource::ALL.into_iter().zip(rows.iter()) {
                let u = u[r.index()];
                let label = format!(
                    "{:<8} {} of {}, headroom {}",
                    r.label(),
                    quantity(r, load[r.index()]),
                    quantity(r, figures.capacity[r.index()]),
                    count(headroom[r.index()]),
                );
                labelled_gauge(frame, *row, label, u, app.shown.situation().limit());
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
