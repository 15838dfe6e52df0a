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

/// The two limits a utilization is judged against (the policy's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub target: f64,
    pub failover: f64,
    /// The one in force: the target normally, the failover limit under a what-if.
    pub in_force: f64,
}

/// Where a utilization stands. Each level has its own colour (from a palette told apart
/// with the common colour-vision deficiencies) and, above the target, its own mark, so
/// that status never rests on colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Within,
    /// Within the limit in force, but at 90 % of it or more.
    Near,
    OverTarget,
    /// Over the failover limit, or unbounded.
    OverFailover,
}

impl Level {
    pub fn of(u: Option<f64>, limits: Limits) -> Level {
        match u {
            None => Level::OverFailover,
            Some(u) if u > limits.failover + EPSILON => Level::OverFailover,
            Some(u) if u > limits.target + EPSILON => Level::OverTarget,
            Some(u) if u >= 0.9 * limits.in_force => Level::Near,
            Some(_) => Level::Within,
        }
    }

    pub fn colour(self) -> Color {
        match self {
            Level::Within => Color::Rgb(86, 180, 233),
            Level::Near => Color::Rgb(240, 228, 66),
            Level::OverTarget => Color::Rgb(230, 159, 0),
            Level::OverFailover => Color::Rgb(213, 94, 0),
        }
    }

    /// `!` over the target, `!!` over the failover limit, as in the reports.
    pub fn mark(self) -> &'static str {
        match self {
            Level::Within | Level::Near => "",
            Level::OverTarget => "!",
            Level::OverFailover => "!!",
        }
    }
}

/// The percentage with its level's mark.
pub fn pct(u: Option<f64>, limits: Limits) -> String {
    let text = u.map_or_else(|| "unbounded".to_string(), percent);
    format!("{text}{}", Level::of(u, limits).mark())
}

/// A bar of `width` cells filled to `u` (full at 100%), then the percentage with its mark.
pub fn bar(u: Option<f64>, limits: Limits, width: usize) -> Line<'static> {
    let colour = Level::of(u, limits).colour();
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
        format!("{:>8}", pct(u, limits)),
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

/// How a column gives way when the table is narrower than its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Ids and names: cut with `…` to the room left over.
    Name,
    /// Figures: never cut, as wide as the widest shown; the column is left out instead.
    Figure,
}

/// One column of a [`Grid`].
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub header: &'static str,
    pub fit: Fit,
    /// Which columns go first when even cut names do not make room: the highest rank
    /// first; 0 is never left out.
    pub drop: u8,
}

impl Col {
    pub const fn name(header: &'static str, drop: u8) -> Col {
        Col {
            header,
            fit: Fit::Name,
            drop,
        }
    }

    pub const fn figure(header: &'static str, drop: u8) -> Col {
        Col {
            header,
            fit: Fit::Figure,
            drop,
        }
    }
}

/// A table whose rows are built on demand: a frame builds only the rows it shows, so
/// drawing costs the same for ten services as for ten thousand.
pub struct Grid<'a, F: Fn(usize) -> Option<Vec<Line<'a>>>> {
    pub title: String,
    pub columns: Vec<Col>,
    /// How many rows the table has in all.
    pub len: usize,
    /// The cells of the row at a position, one per column; `None` to leave it out.
    pub row: F,
    /// Position of the selected row, or `None` for a table without selection.
    pub selected: Option<usize>,
}

/// The narrowest a cut name gets: `ab…`.
const MIN_NAME: usize = 3;

/// Draws a bordered table with a header; records where its rows are for mouse clicks
/// when it carries the selection. Figures are never cut: names give way first (cut with
/// `…`), then whole columns, by rank.
pub fn grid<'a, F>(frame: &mut Frame, area: Rect, app: &App, g: Grid<'a, F>)
where
    F: Fn(usize) -> Option<Vec<Line<'a>>>,
{
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    let visible = usize::from(inner.height.saturating_sub(1));
    let offset = g.selected.map_or(0, |s| scroll_offset(s, visible));
    let end = g.len.min(offset.saturating_add(visible));
    let cells: Vec<(usize, Vec<Line>)> = (offset..end)
        .filter_map(|k| (g.row)(k).map(|row| (k, row)))
        .collect();
    let widths = fit_columns(&g.columns, &cells, usize::from(inner.width));
    let selected_style = Style::new().add_modifier(Modifier::REVERSED);
    let rows: Vec<Row> = cells
        .into_iter()
        .map(|(k, row)| {
            let row = Row::new(
                row.into_iter()
                    .zip(&widths)
                    .filter_map(|(line, w)| w.map(|w| cut(line, w))),
            );
            if Some(k) == g.selected {
                row.style(selected_style)
            } else {
                row
            }
        })
        .collect();
    // The view's own table (the one with the selection) shows its sort.
    let sort = g
        .selected
        .and_then(|_| app.sort.get(app.view.index()).copied().flatten());
    let header = Row::new(
        g.columns
            .iter()
            .enumerate()
            .zip(&widths)
            .filter_map(|((c, col), w)| {
                let arrow = match sort {
                    Some(s) if s.column == c && s.reversed => "▲",
                    Some(s) if s.column == c => "▼",
                    _ => "",
                };
                w.map(|w| cut(Line::raw(format!("{arrow}{}", col.header)), w))
            }),
    )
    .style(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD));
    let constraints: Vec<Constraint> = widths
        .iter()
        .flatten()
        .map(|&w| Constraint::Length(w as u16))
        .collect();
    let table = Table::new(rows, constraints)
        .header(header)
        .column_spacing(1)
        .block(block(&g.title));
    frame.render_widget(table, area);
    if g.selected.is_some() {
        let mut x = inner.x;
        let mut headers = Vec::new();
        for (c, w) in widths.iter().enumerate() {
            if let Some(w) = *w {
                headers.push((Rect::new(x, inner.y, w as u16, 1), c));
                x = x.saturating_add(w as u16 + 1);
            }
        }
        app.hits.borrow_mut().table = Some(TableHit {
            rows: Rect {
                y: inner.y.saturating_add(1),
                height: inner.height.saturating_sub(1),
                ..inner
            },
            offset,
            headers,
        });
    }
}

/// Each column's width, `None` for one left out. Figures are as wide as their widest
/// cell. A name the table cannot do without (rank 0) wants its whole width, any other
/// name at least [`SHORT_NAME`]; while those wants do not fit, the column of highest rank
/// goes. What is left after the wants goes to the names in rank order, up to their whole
/// width; only when nothing else can go is a rank-0 name cut.
fn fit_columns(columns: &[Col], rows: &[(usize, Vec<Line>)], room: usize) -> Vec<Option<usize>> {
    let natural: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            // A figure's header may be cut to its figures' width (not below a short
            // word); a name's header is as much a name as its cells.
            let header = col.header.chars().count() + 1;
            let header = match col.fit {
                Fit::Name => header,
                Fit::Figure => header.min(SHORT_NAME),
            };
            rows.iter()
                .filter_map(|(_, r)| r.get(c).map(Line::width))
                .chain([header])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let want = |c: usize| match columns[c] {
        Col {
            fit: Fit::Figure, ..
        }
        | Col { drop: 0, .. } => natural[c],
        Col { .. } => natural[c].min(SHORT_NAME),
    };
    let mut kept: Vec<bool> = vec![true; columns.len()];
    loop {
        let shown: Vec<usize> = (0..columns.len()).filter(|&c| kept[c]).collect();
        let spacing = shown.len().saturating_sub(1);
        let wanted: usize = shown.iter().map(|&c| want(c)).sum::<usize>() + spacing;
        let droppable = shown
            .iter()
            .copied()
            .filter(|&c| columns[c].drop > 0)
            .max_by_key(|&c| (columns[c].drop, c));
        if let Some(c) = droppable.filter(|_| wanted > room) {
            kept[c] = false;
            continue;
        }
        let widths = share_names(columns, &natural, &kept, room.saturating_sub(spacing));
        // A name that may go is not kept cut shorter than it wants: it goes instead.
        let starved = shown
            .iter()
            .copied()
            .filter(|&c| columns[c].drop > 0 && widths[c].is_some_and(|w| w < want(c)))
            .max_by_key(|&c| (columns[c].drop, c));
        match starved {
            Some(c) => kept[c] = false,
            None => return widths,
        }
    }
}

/// A name that may be cut is cut no shorter than this while columns can still go.
const SHORT_NAME: usize = 8;

/// Figures get their natural width; names get what is left, in rank order, each up to
/// its natural width and at least [`MIN_NAME`].
fn share_names(
    columns: &[Col],
    natural: &[usize],
    kept: &[bool],
    room: usize,
) -> Vec<Option<usize>> {
    let is_name = |c: usize| kept[c] && columns[c].fit == Fit::Name;
    let figures: usize = (0..columns.len())
        .filter(|&c| kept[c] && !is_name(c))
        .map(|c| natural[c])
        .sum();
    let mut names: Vec<usize> = (0..columns.len()).filter(|&c| is_name(c)).collect();
    names.sort_by_key(|&c| (columns[c].drop, c));
    let floor = |c: usize| MIN_NAME.min(natural[c]);
    // Every name its floor first, then the rest in rank order.
    let mut left = room
        .saturating_sub(figures)
        .saturating_sub(names.iter().map(|&c| floor(c)).sum());
    let mut widths: Vec<Option<usize>> = (0..columns.len())
        .map(|c| kept[c].then(|| if is_name(c) { floor(c) } else { natural[c] }))
        .collect();
    for c in names {
        let more = (natural[c] - floor(c)).min(left);
        left -= more;
        widths[c] = Some(floor(c) + more);
    }
    widths
}

/// `line` cut to `width` cells, ending in `…` when anything was cut.
pub fn cut(line: Line<'_>, width: usize) -> Line<'_> {
    if line.width() <= width {
        return line;
    }
    let mut left = width.saturating_sub(1);
    let style = line.style;
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let mut text = String::new();
        for ch in span.content.chars() {
            let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if w > left {
                left = 0;
                break;
            }
            left -= w;
            text.push(ch);
        }
        spans.push(Span::styled(text, span.style));
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(style)
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
/// (given two lines) one above the other, so that neither covers the other. Gauges drawn
/// together pass the same `label_width`, so that their bars share one scale.
pub fn labelled_gauge(
    frame: &mut Frame,
    area: Rect,
    (label, label_width): (String, u16),
    u: Option<f64>,
    limits: Limits,
) {
    let (words, bar) = if area.height >= 2 {
        let [top, bottom] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
        (top, bottom)
    } else {
        let width = (label_width + 1).min(area.width / 2 + 8);
        let [left, right] =
            Layout::horizontal([Constraint::Length(width), Constraint::Min(0)]).areas(area);
        (left, right)
    };
    frame.render_widget(cut(Line::raw(label), usize::from(words.width)), words);
    let level = Level::of(u, limits);
    let gauge = Gauge::default()
        .ratio(u.map_or(1.0, |u| u.clamp(0.0, 1.0)))
        .label(pct(u, limits))
        .gauge_style(Style::new().fg(level.colour()).bg(Color::Black));
    frame.render_widget(gauge, bar);
}
