//! The plan's own settings and the items no other view lists: its name, the policy, the
//! profiles, the regions and every site's expansions. `e` or Enter edits a row.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::Frame;

use crate::model::edit::{fields, item_label, FieldKind};

use super::super::app::{App, View};
use super::super::editing::plan_items;
use super::super::widgets::{grid, titled, Col, Grid};

/// The item's values on one line, ids and names left to the first column.
fn summary(app: &App, item: crate::model::edit::ItemRef) -> String {
    fields(&app.plan, item)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| !matches!(f.kind, FieldKind::Id(_)) && !f.value_text.is_empty())
        .map(|f| format!("{} {}", f.label, f.value_text))
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let items = plan_items(&app.plan);
    let shown = app.rows(View::Plan);
    grid(
        frame,
        area,
        app,
        Grid {
            title: titled("Plan: e edits, a adds", app, shown.len(), items.len()),
            columns: vec![Col::name("item", 0), Col::name("values", 0)],
            len: shown.len(),
            row: |k| {
                let &item = items.get(*shown.get(k)?)?;
                Some(vec![
                    Line::raw(item_label(&app.plan, item)),
                    Line::raw(summary(app, item)),
                ])
            },
            selected: Some(app.selected_row(View::Plan)),
        },
    );
}
