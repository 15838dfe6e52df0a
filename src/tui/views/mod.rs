//! Drawing: the frame around every view (tabs, what-if banner, status line, help) and
//! one module per view. Nothing here changes the application state, apart from noting
//! where clickable things landed.

mod edit;
pub(crate) mod hazards;
mod overview;
mod plan;
mod runway;
pub(crate) mod scenarios;
pub(crate) mod services;
pub(crate) mod sites;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::report::units::percent;

use super::app::{App, Hits, View};
use super::changes::Changes;
use super::keymap::{Action, KEYMAP, TEXT_KEYS};
use super::widgets::{block, centered, cut, Level};

/// Below this the layout cannot hold a table and its header.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn draw(frame: &mut Frame, app: &App) {
    *app.hits.borrow_mut() = Hits::default();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "Terminal too small ({}×{}): headroom needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge it, or press q to quit.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let banner = u16::from(!app.failed.is_empty() || !app.shown.failed.is_empty());
    let [tabs, banner_area, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_tabs(frame, tabs, app);
    if banner > 0 {
        draw_banner(frame, banner_area, app);
    }
    match app.view {
        View::Overview => overview::draw(frame, body, app),
        View::Sites => sites::draw(frame, body, app),
        View::Services => services::draw(frame, body, app),
        View::Scenarios => scenarios::draw(frame, body, app),
        View::Hazards => hazards::draw(frame, body, app),
        View::Runway => runway::draw(frame, body, app),
        View::Plan => plan::draw(frame, body, app),
    }
    edit::draw_pane(frame, body, app);
    draw_status(frame, status, app);
    edit::draw_dialog(frame, area, app);
    if let Some(changes) = &app.changes {
        draw_changes(frame, area, changes);
    }
    if app.help {
        draw_help(frame, area, app.help_scroll);
    }
}

fn draw_tabs(frame: &mut Frame, area: Rect, app: &App) {
    let labels: usize = View::ALL
        .iter()
        .map(|v| v.title().chars().count() + 4)
        .sum();
    // The name goes first when the tabs would not all fit beside it.
    let brand = if usize::from(area.width) >= labels + 10 {
        " headroom "
    } else {
        ""
    };
    let mut spans = vec![Span::styled(
        brand,
        Style::new().fg(Color::Black).bg(Color::Cyan),
    )];
    let mut x = area.x + brand.len() as u16;
    let mut hits = Vec::new();
    for view in View::ALL {
        let label = format!(" {} {} ", view.index() + 1, view.title());
        let width = label.chars().count() as u16;
        let style = if view == app.view {
            Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new().fg(Color::Gray)
        };
        if x + width <= area.right() {
            hits.push((Rect::new(x, area.y, width, 1), view));
        }
        spans.push(Span::styled(label, style));
        x += width;
    }
    let used = x.saturating_sub(area.x);
    let modified = if app.history.is_dirty() {
        " (modified)"
    } else {
        ""
    };
    let file = app
        .store
        .as_ref()
        .map_or("bundled plan, not saved yet".to_string(), |f| {
            f.path.display().to_string()
        });
    let month = match app.shown.analysis.month() {
        0 => String::new(),
        m => format!("month {m} · "),
    };
    let name = format!("  {month}{file}{modified} · {}", app.shown.plan.name);
    let room = usize::from(area.width.saturating_sub(used));
    if room > 8 {
        spans.push(Span::styled(name, Style::new().fg(Color::DarkGray)));
    }
    frame.render_widget(cut(Line::from(spans), usize::from(area.width)), area);
    app.hits.borrow_mut().tabs = hits;
}

/// Names what is failed and whether the plan survives it. While the what-if asked for is
/// still being worked out, it names what was asked and says so, and nothing else.
fn draw_banner(frame: &mut Frame, area: Rect, app: &App) {
    let (plan, failed) = if app.computing() {
        (&app.plan, &app.failed)
    } else {
        (&app.shown.plan, &app.shown.failed)
    };
    let ids: Vec<&str> = failed
        .iter()
        .filter_map(|&j| plan.sites.get(j).map(|s| s.id.as_str()))
        .collect();
    let failed = if ids.is_empty() {
        " WHAT-IF cleared ".to_string()
    } else {
        format!(" WHAT-IF failed: {} ", ids.join(", "))
    };
    let shown = &app.shown;
    let (verdict, colour) = match shown.scenario().filter(|_| !app.computing()) {
        None => ("computing…".to_string(), Color::DarkGray),
        Some(s) if s.survivable => {
            let lower = shown.analysis.not_whole(s).len();
            let rest = match lower {
                0 => "every service whole".to_string(),
                1 => "1 lower-tier service degraded or lost".to_string(),
                n => format!("{n} lower-tier services degraded or lost"),
            };
            (
                format!("survivable: Critical/High whole — {rest}"),
                Color::Green,
            )
        }
        Some(s) => {
            let state = &shown.analysis.state;
            let why = s
                .first_lost(&shown.analysis.model, state)
                .and_then(|i| {
                    let svc = shown.plan.services.get(i)?;
                    let o = s.outcome(state, i);
                    let data = if o.data_available {
                        ""
                    } else {
                        ", every copy of its data lost"
                    };
                    Some(format!(": {} {} served{data}", svc.id, percent(o.served)))
                })
                .unwrap_or_default();
            (format!("NOT survivable{why}"), Color::Red)
        }
    };
    let line = Line::from(vec![
        Span::styled(
            failed,
            Style::new()
                .fg(Color::Black)
                .bg(colour)
                .add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            format!(" {verdict}  (F restores all)"),
            Style::new().fg(colour).add_modifier(Modifier::BOLD),
        ),
    ]);
    frame.render_widget(cut(line, usize::from(area.width)), area);
}

fn draw_status(frame: &mut Frame, area: Rect, app: &App) {
    let filter = app
        .filters
        .get(app.view.index())
        .map(String::as_str)
        .unwrap_or_default();
    let left = if app.filtering {
        Line::from(vec![
            Span::styled("filter: ", Style::new().fg(Color::Cyan)),
            Span::raw(format!("{filter}▏")),
            Span::styled(
                "  Enter keeps, Esc clears",
                Style::new().fg(Color::DarkGray),
            ),
        ])
    } else if !app.status.is_empty() {
        Line::styled(app.status.clone(), Style::new().fg(Color::Yellow))
    } else {
        key_hints(usize::from(area.width).saturating_sub(16))
    };
    frame.render_widget(left, area);
    let marker = if app.behind_noticeably() {
        Some((" recomputing… ", Color::Yellow))
    } else if app.history.is_dirty() {
        Some((" modified ", Color::Magenta))
    } else {
        None
    };
    if let Some((marker, colour)) = marker {
        let w = marker.chars().count() as u16;
        if area.width > w {
            let r = Rect::new(area.right() - w, area.y, w, 1);
            frame.render_widget(
                Span::styled(marker, Style::new().fg(Color::Black).bg(colour)),
                r,
            );
        }
    }
}

/// The most used keys, as many as fit in `width`; help and quit are always among them.
fn key_hints(width: usize) -> Line<'static> {
    const FIRST: [&str; 2] = ["? help", "q quit"];
    const MORE: [&str; 9] = [
        "Tab views",
        "e edit",
        "f fail site",
        "F restore",
        "u undo",
        "s save",
        "a add",
        "d delete",
        "o sort",
    ];
    let mut hints: Vec<&str> = FIRST.to_vec();
    for hint in MORE {
        let used: usize = hints.iter().map(|h| h.chars().count() + 2).sum();
        if used + hint.chars().count() + 2 <= width {
            hints.insert(hints.len() - 1, hint);
        }
    }
    Line::styled(hints.join("  "), Style::new().fg(Color::DarkGray))
}

/// Every key of the keymap; the six view keys share one line.
fn help_lines() -> Vec<Line<'static>> {
    let key = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    let mut views_listed = false;
    for b in KEYMAP {
        if let Action::Show(_) = b.action {
            if views_listed {
                continue;
            }
            views_listed = true;
            let names: Vec<&str> = View::ALL.iter().map(|v| v.title()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("{:<11}", format!("1…{}", View::ALL.len())), key),
                Span::raw(names.join(" ")),
            ]));
            continue;
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{:<11}", b.label), key),
            Span::raw(b.description),
        ]));
    }
    lines.push(Line::styled(
        "Figures (colour and mark, so either alone tells)",
        Style::new().fg(Color::Cyan),
    ));
    for (level, what) in [
        (Level::Within, "within the limit in force"),
        (Level::Near, "at 90 % of the limit in force or more"),
        (Level::OverTarget, "! over the target"),
        (
            Level::OverFailover,
            "!! over the failover limit, or unbounded",
        ),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<11}", "██"), Style::new().fg(level.colour())),
            Span::raw(what),
        ]));
    }
    lines.push(Line::styled(
        "In a text field",
        Style::new().fg(Color::Cyan),
    ));
    for (keys, what) in TEXT_KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!("{keys:<13}"), key),
            Span::raw(*what),
        ]));
    }
    lines
}

/// The changes since the file was opened or saved, one a line, scrolled.
fn draw_changes(frame: &mut Frame, area: Rect, changes: &Changes) {
    let lines = edit::change_lines(&changes.lines, usize::MAX);
    let height = (lines.len() as u16 + 2).min(area.height);
    let visible = usize::from(height.saturating_sub(2));
    let first = changes.scroll.min(lines.len().saturating_sub(visible));
    let title = if visible < lines.len() {
        "Changes since opened or saved (↑↓ scroll, any other key closes)"
    } else {
        "Changes since opened or saved (any key closes)"
    };
    let lines: Vec<Line> = lines.into_iter().skip(first).collect();
    let popup = centered(area, area.width.saturating_sub(4).max(1), height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(title)),
        popup,
    );
}

fn draw_help(frame: &mut Frame, area: Rect, scroll: usize) {
    let lines = help_lines();
    let height = (lines.len() as u16 + 2).min(area.height);
    let visible = usize::from(height.saturating_sub(2));
    let first = scroll.min(lines.len().saturating_sub(visible));
    let title = if visible < lines.len() {
        "Keys (↑↓ scroll, any other key closes)"
    } else {
        "Keys (any key closes)"
    };
    let lines: Vec<Line> = lines.into_iter().skip(first).collect();
    let width = 78.min(area.width);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block(title)), popup);
}
