//! Small drawing pieces shared by the views: utilization bars, colours, and a table
//! that keeps its selection in sight and tells the application where its rows are.

use ratatui::layout::Layout;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Row, Table};
use ratatui::Frame;

use crate::engine::EPSILON;
use crate::report::units::percent;

use super::app::{App, TableHit};

/// Colour of a utilization against the limit in force: red over it, yellow close.
pub fn level(u: Option<f64>, limit: f64) -> Color {
    match u {
        None => Color::Red,
        Some(u) if u > limit + EPSILON => Color::Red,
        Some(u) if u >= 0.9 * limit => Color::Yellow,
        Some(_) => Color::Green,
    }
}

pub fn pct(u: Option<f64>) -> String {
    u.map_or_else(|| "unbounded".to_string(), percent)
}

/// A bar of `width` cells filled to `u` (full at 100%), then the percentage.
pub fn bar(u: Option<f64>, limit: f64, width: usize) -> Line<'static> {
    let colour = level(u, limit);
    let filled = match u {
        Some(u) if u.is_finite() => ((u.clamp(0.0, 1.0)) * width as f64).round() as usize,
        _ => width,
    };
    let mut spans = Vec::new();
    if width > 0 {
        spans.push(Span::styled("█".repeat(filled), Style::new().fg(colour)));
        spans.push(Span::styled(
            "░".repeat(width.saturating_sub(filled)),
            Style::new().fg(Color::DarkGray),
        ));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        format!("{:>6}", pct(u)),
        Style::new().fg(colour),
    ));
    Line::from(spans)
}

pub fn block(title: &str) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(Style::new().fg(Color::DarkGray))
        .title(Span::styled(
            format!(" {title} "),
            Style::new().add_modifier(Modifier::BOLD),
        ))
}

/// A `width` × `height` box in the middle of `area`, for a dialog over the view; `width`
/// and `height` are at most the area's.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// First row shown so that the selected one is on screen: scrolls only as far as needed.
pub fn scroll_offset(selected: usize, visible: usize) -> usize {
    (selected + 1).saturating_sub(visible.max(1))
}

/// A table whose rows are built on demand: a frame builds only the rows it shows, so
/// drawing costs the same for ten services as for ten thousand.
pub struct Grid<'a, F: Fn(usize) -> Option<Row<'a>>> {
    pub title: String,
    pub header: Vec<&'static str>,
    pub widths: Vec<Constraint>,
    /// How many rows the table has in all.
    pub len: usize,
    /// The row at a position, `None` to leave it out.
    pub row: F,
    /// Position of the selected row, or `None` for a table without selection.
    pub selected: Option<usize>,
}

/// Draws a bordered table with a header; records where its rows are for mouse clicks
/// when it carries the selection.
pub fn grid<'a, F>(frame: &mut Frame, area: Rect, app: &App, g: Grid<'a, F>)
where
    F: Fn(usize) -> Option<Row<'a>>,
{
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    let visible = usize::from(inner.height.saturating_sub(1));
    let offset = g.selected.map_or(0, |s| scroll_offset(s, visible));
    let selected_style = Style::new().add_modifier(Modifier::REVERSED);
    let end = g.len.min(offset.saturating_add(visible));
    let rows: Vec<Row> = (offset..end)
        .filter_map(|k| {
            let row = (g.row)(k)?;
            Some(if Some(k) == g.selected {
                row.style(selected_style)
            } else {
                row
            })
        })
        .collect();
    let header =
        Row::new(g.header).style(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD));
    let table = Table::new(rows, g.widths)
        .header(header)
        .column_spacing(1)
        .block(block(&g.title));
    frame.render_widget(table, area);
    if g.selected.is_some() {
        app.hits.borrow_mut().table = Some(TableHit {
            rows: Rect {
                y: inner.y.saturating_add(1),
                height: inner.height.saturating_sub(1),
                ..inner
            },
            offset,
        });
    }
}

/// The title of a table, with the filter when one is set.
pub fn titled(name: &str, app: &App, shown: usize, total: usize) -> String {
    let filter = app
        .filters
        .get(app.view.index())
        .map(String::as_str)
        .unwrap_or_default();
    if filter.is_empty() {
        format!("{name} ({total})")
    } else {
        format!("{name} ({shown} of {total}, filter \"{filter}\")")
    }
}

/// Lines each labelled gauge takes: narrow panes put the words above the bar.
pub fn gauge_lines(width: u16) -> u16 {
    if width < 90 {
        2
    } else {
        1
    }
}

/// One labelled gauge: the words, then the bar with its percentage, side by side or
/// (given two lines) one above the other, so that neither covers the other.
pub fn labelled_gauge(frame: &mut Frame, area: Rect, label: String, u: Option<f64>, limit: f64) {
    let (words, bar) = if area.height >= 2 {
        let [top, bottom] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
        (top, bottom)
    } else {
        let width = (label.chars().count() as u16 + 1).min(area.width / 2 + 8);
        let [left, right] =
            Layout::horizontal([Constraint::Length(width), Constraint::Min(0)]).areas(area);
        (left, right)
    };
    frame.render_widget(Span::raw(label), words);
    let gauge = Gauge::default()
        .ratio(u.map_or(1.0, |u| u.clamp(0.0, 1.0)))
        .label(pct(u))
        .gauge_style(Style::new().fg(level(u, limit)).bg(Color::Black));
    frame.render_widget(gauge, bar);
}
