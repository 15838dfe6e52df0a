//! Laying a table out in a fixed number of terminal columns. A row is never wrapped:
//! when the table is too wide it first shortens headers, then drops bars, then drops the
//! least important columns, and last shortens its widest text column with an ellipsis.

use super::document::{Align, Cell, Column, Table, Tone};

const INDENT: usize = 2;
const GAP: usize = 2;
const BAR_CELLS: usize = 5;
const MIN_FLEX: usize = 4;
/// The width a flex column is fitted at before the room left over is handed back to it.
const FLEX_FIT: usize = 24;

/// The table as lines of at most `width` characters (not counting colour codes).
pub fn render(table: &Table, width: usize, color: bool) -> Vec<String> {
    let layout = fit(table, width);
    let mut lines = Vec::with_capacity(table.rows.len() + 2);
    let headers: Vec<Cell> = layout
        .columns
        .iter()
        .map(|&k| Cell::plain(header_of(&table.columns[k], layout.short)))
        .collect();
    lines.push(line(&layout, table, &headers, false));
    let rule: Vec<Cell> = layout
        .widths
        .iter()
        .map(|&w| Cell::plain("─".repeat(w)))
        .collect();
    lines.push(line(&layout, table, &rule, false));
    for row in &table.rows {
        let cells: Vec<Cell> = layout
            .columns
            .iter()
            .map(|&k| {
                let cell = row.get(k).cloned().unwrap_or_else(|| Cell::plain(""));
                Cell::toned(shown(&cell, layout.bars), cell.tone)
            })
            .collect();
        lines.push(line(&layout, table, &cells, color));
    }
    lines
}

struct Layout {
    /// Indices of the columns kept, in table order.
    columns: Vec<usize>,
    widths: Vec<usize>,
    short: bool,
    bars: bool,
}

/// Tries layouts from the richest down. Bars are worth one rank of columns: the least
/// important columns go before the bars, the bars before the next rank.
fn fit(table: &Table, width: usize) -> Layout {
    let max_rank = table.columns.iter().map(|c| c.drop_rank).max().unwrap_or(0);
    let mut tries = Vec::new();
    for cutoff in (0..=max_rank).rev() {
        tries.extend([(cutoff, false, true), (cutoff, true, true)]);
        if cutoff < max_rank {
            tries.extend([(cutoff + 1, false, false), (cutoff + 1, true, false)]);
        }
    }
    tries.extend([(0, false, false), (0, true, false)]);
    for (cutoff, short, bars) in tries {
        let mut layout = measure(table, cutoff, short, bars);
        if total(&layout.widths) <= width {
            widen_flex(table, &mut layout, width);
            return layout;
        }
    }
    let mut layout = measure(table, 0, true, false);
    shrink_flex(table, &mut layout, width);
    while total(&layout.widths) > width && layout.columns.len() > 1 {
        layout.columns.pop();
        layout.widths.pop();
    }
    layout
}

/// Hands the room a layout leaves over to its flex columns, up to their natural width.
fn widen_flex(table: &Table, layout: &mut Layout, width: usize) {
    for p in 0..layout.columns.len() {
        let k = layout.columns[p];
        if !table.columns[k].flex {
            continue;
        }
        let natural = natural_width(table, k, layout.short, layout.bars);
        let room = width.saturating_sub(total(&layout.widths));
        layout.widths[p] = natural.min(layout.widths[p] + room);
    }
}

fn natural_width(table: &Table, k: usize, short: bool, bars: bool) -> usize {
    let head = header_of(&table.columns[k], short).chars().count();
    table
        .rows
        .iter()
        .filter_map(|row| row.get(k))
        .map(|cell| shown(cell, bars).chars().count())
        .fold(head, usize::max)
}

fn measure(table: &Table, cutoff: u8, short: bool, bars: bool) -> Layout {
    let columns: Vec<usize> = (0..table.columns.len())
        .filter(|&k| table.columns[k].drop_rank <= cutoff)
        .collect();
    let widths = columns
        .iter()
        .map(|&k| {
            let natural = natural_width(table, k, short, bars);
            if table.columns[k].flex {
                natural.min(FLEX_FIT)
            } else {
                natural
            }
        })
        .collect();
    Layout {
        columns,
        widths,
        short,
        bars,
    }
}

/// Narrows the widest left-aligned column (names, lists) just enough to fit, if it can.
fn shrink_flex(table: &Table, layout: &mut Layout, width: usize) {
    let flex = (0..layout.columns.len())
        .filter(|&p| table.columns[layout.columns[p]].align == Align::Left)
        .max_by_key(|&p| layout.widths[p]);
    if let Some(p) = flex {
        let excess = total(&layout.widths).saturating_sub(width);
        layout.widths[p] = layout.widths[p].saturating_sub(excess).max(MIN_FLEX);
    }
}

fn total(widths: &[usize]) -> usize {
    INDENT + widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
}

fn header_of(column: &Column, short: bool) -> &str {
    match (&column.short, short) {
        (Some(s), true) => s,
        _ => &column.header,
    }
}

fn shown(cell: &Cell, bars: bool) -> String {
    match cell.bar {
        Some(f) if bars => format!("{} {}", cell.text, bar(f)),
        _ => cell.text.clone(),
    }
}

/// A bar of eighth blocks, full at 1.0; past full it stays full (the figure says more).
pub fn bar(fraction: f64) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let f = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let eighths = (f * (BAR_CELLS * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    let rest = eighths % 8;
    if rest > 0 {
        s.push(EIGHTHS[rest]);
    }
    let used = s.chars().count();
    s.push_str(&"·".repeat(BAR_CELLS - used));
    s
}

fn line(layout: &Layout, table: &Table, cells: &[Cell], color: bool) -> String {
    let mut out = " ".repeat(INDENT);
    for (p, cell) in cells.iter().enumerate() {
        let w = layout.widths.get(p).copied().unwrap_or(0);
        let align = layout
            .columns
            .get(p)
            .and_then(|&k| table.columns.get(k))
            .map_or(Align::Left, |c| c.align);
        let text = truncate(&cell.text, w);
        let pad = " ".repeat(w.saturating_sub(text.chars().count()));
        let painted = paint(&text, cell.tone, color);
        if p > 0 {
            out.push_str(&" ".repeat(GAP));
        }
        match align {
            Align::Left => {
                out.push_str(&painted);
                out.push_str(&pad);
            }
            Align::Right => {
                out.push_str(&pad);
                out.push_str(&painted);
            }
        }
    }
    out.trim_end().to_string()
}

/// Cuts text to `width` characters, ending in an ellipsis when anything was cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Wraps text in the ANSI colour of its tone when colour is on.
pub fn paint(text: &str, tone: Tone, color: bool) -> String {
    let code = match tone {
        Tone::Plain => None,
        Tone::Good => Some("32"),
        Tone::Warn => Some("33"),
        Tone::Bad => Some("1;31"),
    };
    match code {
        Some(code) if color && !text.is_empty() => format!("\x1b[{code}m{text}\x1b[0m"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            columns: vec![
                Column::left("Name", 0),
                Column::right("Utilization", 0).short("Util"),
                Column::left("Region", 1),
            ],
            rows: vec![vec![
                Cell::plain("a rather long site name"),
                Cell::toned("85.0%", Tone::Bad).with_bar(0.85),
                Cell::plain("capital"),
            ]],
        }
    }

    #[test]
    fn bars_fill_in_eighths() {
        assert_eq!(bar(0.0), "·····");
        assert_eq!(bar(1.0), "█████");
        assert_eq!(bar(2.5), "█████");
        // 0.5 of 40 eighths = 20 = two full cells and a half cell.
        assert_eq!(bar(0.5), "██▌··");
    }

    #[test]
    fn a_wide_table_keeps_everything() {
        let lines = render(&table(), 100, false);
        assert_eq!(lines[0], "  Name                     Utilization  Region");
        assert_eq!(lines[2], "  a rather long site name  85.0% ████▎  capital");
    }

    #[test]
    fn a_narrow_table_drops_bars_then_columns_then_shortens_names() {
        // 2 + 23 + 2 + 11 = 38 with the bar and the full header; without the region.
        assert!(render(&table(), 38, false)[2].ends_with("85.0% ████▎"));
        // Short header and no bar: 2 + 23 + 2 + 5 = 32.
        assert_eq!(
            render(&table(), 32, false)[2],
            "  a rather long site name  85.0%"
        );
        // Narrower still: the name is cut to fit.
        let lines = render(&table(), 20, false);
        assert_eq!(lines[2], "  a rather l…  85.0%");
        assert!(lines.iter().all(|l| l.chars().count() <= 20));
    }

    #[test]
    fn a_flex_column_gives_way_and_takes_back_the_room_left() {
        let list = "x".repeat(40);
        let t = Table {
            columns: vec![Column::left("Id", 0), Column::left("List", 0).flex()],
            rows: vec![vec![Cell::plain("a"), Cell::plain(list.clone())]],
        };
        // Fitted at 24 characters, then widened to the 50 - 2 - 2 - 2 = 44 left.
        assert_eq!(render(&t, 50, false)[2], format!("  a   {list}"));
        let narrow = render(&t, 30, false);
        assert_eq!(narrow[2], format!("  a   {}…", "x".repeat(23)));
    }

    #[test]
    fn colour_wraps_only_the_text() {
        let lines = render(&table(), 100, true);
        assert!(lines[2].contains("\x1b[1;31m85.0% ████▎\x1b[0m"));
        assert!(!lines[0].contains('\x1b'));
    }
}
