//! The report for a terminal or a plain-text file: sections of aligned key figures and
//! tables fitted to the width given, coloured only when asked.

use crate::engine::Analysis;
use crate::model::Plan;

use super::document::{Block, Cell, Document};
use super::facts::document;
use super::options::Options;
use super::table::{paint, render as render_table, truncate};

pub fn render(plan: &Plan, a: &Analysis, options: &Options) -> String {
    draw(&document(plan, a, options.focus.as_ref()), options)
}

fn draw(doc: &Document, options: &Options) -> String {
    let width = options.width.max(20);
    let mut out: Vec<String> = Vec::new();
    out.push(bold(&truncate(&doc.title, width), options.color));
    for para in &doc.intro {
        out.extend(wrap(para, width, ""));
    }
    for section in &doc.sections {
        out.push(String::new());
        out.push(bold(&truncate(&section.title, width), options.color));
        out.push("─".repeat(section.title.chars().count().min(width)));
        for (k, block) in section.blocks.iter().enumerate() {
            if k > 0 {
                out.push(String::new());
            }
            match block {
                Block::Facts(facts) => out.extend(facts_lines(facts, width, options.color)),
                Block::Table(table) => out.extend(render_table(table, width, options.color)),
                Block::Note(note) => out.extend(wrap(note, width, "  ")),
            }
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn bold(text: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Label and value in two aligned columns; a long value wraps under itself.
fn facts_lines(facts: &[(String, Cell)], width: usize, color: bool) -> Vec<String> {
    let label_width = facts
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let hang = " ".repeat(2 + label_width + 2);
    let mut lines = Vec::new();
    for (label, cell) in facts {
        let body = wrap(&cell.text, width, &hang);
        for (k, line) in body.iter().enumerate() {
            let value = line.get(hang.len()..).unwrap_or("");
            let painted = paint(value, cell.tone, color);
            if k == 0 {
                let pad = " ".repeat(label_width - label.chars().count());
                lines.push(format!("  {label}{pad}  {painted}"));
            } else {
                lines.push(format!("{hang}{painted}"));
            }
        }
    }
    lines
}

/// Word-wraps prose to `width`, each line starting with `indent`; a word longer than
/// a line is cut rather than overflowing.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let room = width.saturating_sub(indent.chars().count()).max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word = truncate(word, room);
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > room {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_wraps_at_the_width_with_its_indent() {
        let lines = wrap("one two three four five six", 16, "  ");
        assert_eq!(lines, vec!["  one two three", "  four five six"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let lines = wrap("abcdefghijklmnopqrstuvwxyz", 12, "  ");
        assert_eq!(lines, vec!["  abcdefghi…"]);
    }
}
