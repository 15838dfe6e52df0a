//! The report as GitHub Markdown, for a pull request comment or a wiki page: the same
//! facts as the text report, every column kept, figures over their limit in bold.

use crate::engine::Analysis;
use crate::model::Plan;

use super::document::{Align, Block, Cell, Document, Table, Tone};
use super::facts::document;
use super::options::Options;

pub fn render(plan: &Plan, a: &Analysis, options: &Options) -> String {
    draw(&document(plan, a, options.focus.as_ref()))
}

fn draw(doc: &Document) -> String {
    let mut out = vec![format!("# {}", escape(&doc.title)), String::new()];
    for para in &doc.intro {
        out.push(escape(para));
        out.push(String::new());
    }
    for section in &doc.sections {
        out.push(format!("## {}", escape(&section.title)));
        out.push(String::new());
        for block in &section.blocks {
            match block {
                Block::Facts(facts) => {
                    out.extend(
                        facts.iter().map(|(label, cell)| {
                            format!("- **{}**: {}", escape(label), shown(cell))
                        }),
                    );
                }
                Block::Table(table) => out.extend(table_lines(table)),
                Block::Note(note) => out.push(format!("_{}_", escape(note))),
            }
            out.push(String::new());
        }
    }
    let mut text = out.join("\n");
    text.truncate(text.trim_end().len());
    text.push('\n');
    text
}

fn table_lines(table: &Table) -> Vec<String> {
    let header: Vec<String> = table.columns.iter().map(|c| escape(&c.header)).collect();
    let rule: Vec<&str> = table
        .columns
        .iter()
        .map(|c| match c.align {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    let mut lines = vec![row_line(&header), row_line(&rule)];
    for row in &table.rows {
        let cells: Vec<String> = (0..table.columns.len())
            .map(|k| row.get(k).map_or(String::new(), shown))
            .collect();
        lines.push(row_line(&cells));
    }
    lines
}

fn row_line<S: AsRef<str>>(cells: &[S]) -> String {
    let inner: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
    format!("| {} |", inner.join(" | "))
}

fn shown(cell: &Cell) -> String {
    let text = escape(&cell.text);
    if cell.tone == Tone::Bad && !text.is_empty() {
        format!("**{text}**")
    } else {
        text
    }
}

/// Keeps cell text from breaking the table or turning into markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '|' | '*' | '_' | '`' | '\\' | '<' | '>' | '[' | ']' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_and_markup_in_names_are_escaped() {
        assert_eq!(escape("a|b *c*"), "a\\|b \\*c\\*");
        assert_eq!(shown(&Cell::toned("85.0%!", Tone::Bad)), "**85.0%!**");
    }
}
