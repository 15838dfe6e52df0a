//! The edit pane (an item's fields, the value being typed, why it was refused) and the
//! dialogs that ask before something is lost.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use crate::model::edit::{ids, item_label, Field, FieldKind};

use super::super::app::App;
use super::super::dialogs::Dialog;
use super::super::editing::FieldInput;
use super::super::input::LineInput;
use super::super::widgets::{block, centered, scroll_offset};

const KEY: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
const HINT: Style = Style::new().fg(Color::DarkGray);

/// A line of keys, each followed by what it does: `Enter edit  Esc close`.
fn hints(pairs: &[(&'static str, &'static str)]) -> Line<'static> {
    let last = pairs.len().saturating_sub(1);
    let spans = pairs.iter().enumerate().flat_map(|(k, (key, what))| {
        let gap = if k == last { "" } else { "  " };
        [
            Span::styled(*key, KEY),
            Span::styled(format!(" {what}{gap}"), HINT),
        ]
    });
    Line::from(spans.collect::<Vec<_>>())
}

/// The pane covers the right of the body, or all of it when the body is narrow.
pub fn pane_area(body: Rect) -> Rect {
    let width = (body.width * 2 / 5).max(56).min(body.width);
    Rect {
        x: body.right() - width,
        width,
        ..body
    }
}

pub fn draw_pane(frame: &mut Frame, body: Rect, app: &App) {
    let Some(pane) = &app.pane else { return };
    let area = pane_area(body);
    frame.render_widget(Clear, area);
    let outer = block(&format!("Edit {}", item_label(&app.plan, pane.item)));
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let fields = app.pane_fields();
    let foot = if pane.input.is_some() { 7 } else { 1 };
    let [list, foot_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(foot)]).areas(inner);
    let width = fields.iter().map(|f| f.label.len()).max().unwrap_or(0);
    let offset = scroll_offset(pane.field, usize::from(list.height));
    let lines: Vec<Line> = fields
        .iter()
        .enumerate()
        .skip(offset)
        .map(|(k, f)| {
            let style = if k == pane.field {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            Line::styled(format!("{:<width$}  {}", f.label, f.value_text), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    let foot_lines = match (&pane.input, fields.get(pane.field)) {
        (Some(input), Some(field)) => input_lines(app, field, input),
        _ => vec![hints(&[
            ("Enter", "edit"),
            ("a", "add"),
            ("D", "duplicate"),
            ("d", "delete"),
            ("Esc", "close"),
        ])],
    };
    frame.render_widget(
        Paragraph::new(foot_lines).wrap(Wrap { trim: false }),
        foot_area,
    );
}

/// The text with the cursor shown as a reversed cell.
fn cursor_line(prompt: &str, line: &LineInput) -> Line<'static> {
    let (before, at, after) = line.split();
    Line::from(vec![
        Span::styled(prompt.to_string(), Style::new().fg(Color::Cyan)),
        Span::raw(before),
        Span::styled(at, Style::new().add_modifier(Modifier::REVERSED)),
        Span::raw(after),
    ])
}

fn input_lines(app: &App, field: &Field, input: &FieldInput) -> Vec<Line<'static>> {
    let mut lines = vec![cursor_line(&format!("{}: ", field.label), &input.line)];
    if let Some(error) = &input.error {
        lines.push(Line::styled(error.clone(), Style::new().fg(Color::Red)));
    }
    let hint = match field.kind {
        FieldKind::Text => String::new(),
        FieldKind::OptionalText | FieldKind::OptionalNumber => "empty clears it".into(),
        FieldKind::Id(kind) => format!("a new {} id is carried to every reference", kind.name()),
        FieldKind::Reference(kind) | FieldKind::Ids(kind) => {
            format!("{}s: {}", kind.name(), ids(&app.plan, kind).join(", "))
        }
        FieldKind::Number => "a number".into(),
        FieldKind::Count => "a whole number ≥ 0".into(),
        FieldKind::Rating => "1 (least) to 5 (most)".into(),
        FieldKind::Choice(choices) => format!("one of: {}", choices.join(", ")),
        FieldKind::Placement => placement_hint(&input.line.text),
        FieldKind::Toggle => "yes or no".into(),
    };
    if !hint.is_empty() {
        lines.push(Line::styled(hint, Style::new().fg(Color::Cyan)));
    }
    lines.push(hints(&[
        ("Enter", "apply"),
        ("Esc", "cancel"),
        ("Ctrl-u", "clear"),
    ]));
    lines
}

/// The shares typed so far and their running sum, which must come to 1.
fn placement_hint(text: &str) -> String {
    let shares: Vec<(String, Option<f64>)> = text
        .split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (site, share) = p.split_once(':').unwrap_or((p, ""));
            (site.trim().to_string(), share.trim().parse::<f64>().ok())
        })
        .collect();
    let sum: f64 = shares.iter().filter_map(|(_, x)| *x).sum();
    let listed: Vec<String> = shares
        .iter()
        .map(|(site, x)| match x {
            Some(x) => format!("{site} {x}"),
            None => format!("{site} ?"),
        })
        .collect();
    let verdict = if (sum - 1.0).abs() <= 1e-6 {
        "ok"
    } else {
        "must be 1"
    };
    format!(
        "site: share, …  {}  sum {sum:.3} ({verdict})",
        listed.join(" + ")
    )
}

/// How many changes a dialog lists before it says how many more there are.
const DIALOG_CHANGES: usize = 8;

/// Changes as `headroom diff` writes them, coloured by sign: green added, red removed,
/// yellow changed; at most `most`, then a count of the rest.
pub fn change_lines(changes: &[(char, String)], most: usize) -> Vec<Line<'static>> {
    if changes.is_empty() {
        return vec![Line::raw("  no change to the plan")];
    }
    let mut lines: Vec<Line> = changes
        .iter()
        .take(most)
        .map(|(sign, text)| {
            let color = match sign {
                '+' => Color::Green,
                '-' => Color::Red,
                _ => Color::Yellow,
            };
            Line::styled(format!("{sign} {text}"), Style::new().fg(color))
        })
        .collect();
    if changes.len() > most {
        lines.push(Line::raw(format!("  … and {} more", changes.len() - most)));
    }
    lines
}

pub fn draw_dialog(frame: &mut Frame, area: Rect, app: &App) {
    let Some(dialog) = &app.dialog else { return };
    let file = app
        .store
        .as_ref()
        .map_or_else(|| "the plan".to_string(), |f| f.path.display().to_string());
    let choice = |k: &'static str, what: &'static str| {
        vec![Span::styled(k, KEY), Span::raw(format!(" {what}   "))]
    };
    let (title, lines) = match dialog {
        Dialog::ConfirmDelete(item) => (
            "Delete",
            vec![
                Line::raw(format!("Delete {}?", item_label(&app.plan, *item))),
                Line::from([choice("y", "delete"), choice("n", "keep")].concat()),
            ],
        ),
        Dialog::Quit => (
            "Unsaved changes",
            vec![
                Line::raw(format!("{file} has unsaved changes.")),
                Line::from(
                    [
                        choice("s", "save and quit"),
                        choice("d", "discard and quit"),
                        choice("Esc", "cancel"),
                    ]
                    .concat(),
                ),
            ],
        ),
        Dialog::Conflict { changes } => (
            "Changed on disk",
            [
                vec![Line::raw(format!(
                    "{file} was changed by another program since it was opened:"
                ))],
                change_lines(changes, DIALOG_CHANGES),
                vec![Line::from(
                    [
                        choice("r", "reload (drops your edits)"),
                        choice("o", "overwrite"),
                    ]
                    .concat(),
                )],
                vec![Line::from(
                    [choice("a", "save as"), choice("Esc", "cancel")].concat(),
                )],
            ]
            .concat(),
        ),
        Dialog::SaveAs { line, error } => {
            let mut lines = vec![cursor_line("Save as: ", line)];
            if let Some(error) = error {
                lines.push(Line::styled(error.clone(), Style::new().fg(Color::Red)));
            }
            lines.push(Line::from(
                [choice("Enter", "save"), choice("Esc", "cancel")].concat(),
            ));
            ("Save as", lines)
        }
        Dialog::Restore { path, changes, .. } => (
            "Recover unsaved changes",
            [
                vec![Line::raw(format!(
                    "An earlier run left unsaved changes to {}:",
                    path.display()
                ))],
                change_lines(changes, DIALOG_CHANGES),
                vec![Line::from(
                    [choice("r", "restore them"), choice("d", "discard them")].concat(),
                )],
            ]
            .concat(),
        ),
    };
    let width = 72.min(area.width);
    let inner_width = width.saturating_sub(2).max(1);
    let wrapped: u16 = lines
        .iter()
        .map(|l| (l.width() as u16).div_ceil(inner_width).max(1))
        .sum();
    let height = (wrapped + 2).min(area.height);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(title)),
        popup,
    );
}
