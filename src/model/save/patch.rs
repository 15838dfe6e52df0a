//! The edits that turn a plan file's text into the text of the edited plan, touching only
//! what changed. The text is read by `ron2`, which keeps every token's place; the plan
//! before and after are compared as trees (`model::tree`), and each difference becomes an
//! edit of the text: a value replaced where it is written, a field or list element added
//! in the style of its neighbours, or removed with the comment lines directly above it.

use ron2::ast::{Expr, MapEntry, SeqItem, StructBody, StructField};
use ron2::Span;

use super::write::{block, inline, string, WIDTH};
use super::SaveError;
use crate::model::align::{align, align_map, Pair};
use crate::model::tree::Node;

/// One change of the text: the bytes `start..end` become `text`.
#[derive(Debug)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// The edits gathered so far for one text.
pub struct Patch<'s> {
    src: &'s str,
    edits: Vec<Edit>,
}

/// A struct's fields as written, `Name(…)` or `(…)`.
struct Fields<'e, 'a> {
    fields: &'e [StructField<'a>],
    open: Span,
    close: Span,
}

/// One element of a list or map as written.
#[derive(Clone, Copy)]
enum Elem<'e, 'a> {
    Item(&'e SeqItem<'a>),
    Entry(&'e MapEntry<'a>),
}

impl Elem<'_, '_> {
    fn start(&self) -> usize {
        match self {
            Elem::Item(item) => item.expr.span().start_offset,
            Elem::Entry(entry) => entry.key.span().start_offset,
        }
    }

    /// The end of its value, before any comma.
    fn end(&self) -> usize {
        match self {
            Elem::Item(item) => item.expr.span().end_offset,
            Elem::Entry(entry) => entry.value.span().end_offset,
        }
    }

    fn comma(&self) -> Option<Span> {
        match self {
            Elem::Item(item) => item.comma,
            Elem::Entry(entry) => entry.comma,
        }
    }
}

/// One element of a list or map as a value.
#[derive(Clone, Copy)]
enum Val<'n> {
    Item(&'n Node),
    Entry(&'n str, &'n Node),
}

impl<'s> Patch<'s> {
    pub fn new(src: &'s str) -> Patch<'s> {
        Patch {
            src,
            edits: Vec::new(),
        }
    }

    /// The text `start..end` with the edits inside it made. Edits must not overlap.
    pub fn text(&self, start: usize, end: usize) -> Result<String, SaveError> {
        let mut edits: Vec<&Edit> = self
            .edits
            .iter()
            .filter(|e| e.start >= start && e.end <= end)
            .collect();
        // Stable: insertions at one place keep the order they were made in.
        edits.sort_by_key(|e| (e.start, e.end));
        let mut out = String::with_capacity(end.saturating_sub(start) + 64);
        let mut at = start;
        for edit in edits {
            if edit.start < at {
                return Err(SaveError::Overlap);
            }
            out.push_str(self.slice(at, edit.start)?);
            out.push_str(&edit.text);
            at = edit.end;
        }
        out.push_str(self.slice(at, end)?);
        Ok(out)
    }

    fn slice(&self, start: usize, end: usize) -> Result<&'s str, SaveError> {
        self.src.get(start..end).ok_or(SaveError::Overlap)
    }

    fn edit(&mut self, start: usize, end: usize, text: String) {
        self.edits.push(Edit { start, end, text });
    }

    /// Edits the value written as `expr`, which reads as `old` (`None` when the text
    /// spells out a default the tree leaves out), into `new`.
    pub fn reconcile(
        &mut self,
        expr: &Expr<'_>,
        old: Option<&Node>,
        new: &Node,
    ) -> Result<(), SaveError> {
        if old == Some(new) || (old.is_none() && same_leaf(expr, new)) {
            return Ok(());
        }
        if let Expr::Option(option) = expr {
            if let (Some(some), false) = (&option.value, *new == Node::None) {
                return self.reconcile(&some.expr, old, new);
            }
        }
        match (expr, new) {
            (_, Node::Struct(new_fields)) if fields_of(expr).is_some() => {
                let old_fields = match old {
                    Some(Node::Struct(f)) => Some(f.as_slice()),
                    _ => None,
                };
                match fields_of(expr) {
                    Some(view) => self.fields(&view, old_fields, new_fields),
                    None => Ok(()),
                }
            }
            (Expr::Seq(seq), Node::Seq(new_items)) => match old {
                Some(Node::Seq(old_items)) => {
                    let elems: Vec<Elem> = seq.items.iter().map(Elem::Item).collect();
                    let old_vals: Vec<Val> = old_items.iter().map(Val::Item).collect();
                    let new_vals: Vec<Val> = new_items.iter().map(Val::Item).collect();
                    let pairs = align(old_items, new_items);
                    self.list(
                        seq.open_bracket,
                        seq.close_bracket,
                        &elems,
                        &old_vals,
                        &new_vals,
                        &pairs,
                    )
                }
                _ => self.replace(expr, new),
            },
            (Expr::Map(map), Node::Map(new_entries)) => match old {
                Some(Node::Map(old_entries)) => {
                    let elems: Vec<Elem> = map.entries.iter().map(Elem::Entry).collect();
                    let old_vals: Vec<Val> = old_entries.iter().map(entry_val).collect();
                    let new_vals: Vec<Val> = new_entries.iter().map(entry_val).collect();
                    let pairs = align_map(old_entries, new_entries);
                    self.list(
                        map.open_brace,
                        map.close_brace,
                        &elems,
                        &old_vals,
                        &new_vals,
                        &pairs,
                    )
                }
                _ => self.replace(expr, new),
            },
            (Expr::Struct(s), Node::Variant(name, Some(content))) => {
                let inner = match (&s.body, old) {
                    (Some(StructBody::Tuple(t)), Some(Node::Variant(old_name, Some(old))))
                        if s.name.name == *name && old_name == name && t.elements.len() == 1 =>
                    {
                        t.elements.first().map(|e| (&e.expr, old))
                    }
                    _ => None,
                };
                match inner {
                    Some((expr, old)) => self.reconcile(expr, Some(old), content),
                    None => self.replace(expr, new),
                }
            }
            _ => self.replace(expr, new),
        }
    }

    /// The value written as `expr` written anew.
    fn replace(&mut self, expr: &Expr<'_>, new: &Node) -> Result<(), SaveError> {
        let span = expr.span();
        let text = block(
            new,
            self.indent_of_line(span.start_offset),
            self.column(span.start_offset),
        );
        self.edit(span.start_offset, span.end_offset, text);
        Ok(())
    }

    fn fields(
        &mut self,
        view: &Fields<'_, '_>,
        old: Option<&[(&'static str, Node)]>,
        new: &[(&'static str, Node)],
    ) -> Result<(), SaveError> {
        let find = |list: &[(&'static str, Node)], name: &str| {
            list.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v)
                .cloned()
        };
        for (k, field) in view.fields.iter().enumerate() {
            let name = field.name.name.as_ref();
            let old_value = old.and_then(|o| find(o, name));
            match (find(new, name), old_value) {
                (Some(new_value), old_value) => {
                    self.reconcile(&field.value, old_value.as_ref(), &new_value)?
                }
                // Back to the value the types leave out: the field goes.
                (None, Some(_)) => self.remove_field(view, k),
                (None, None) => {}
            }
        }
        for (position, (name, new_value)) in new.iter().enumerate() {
            if view.fields.iter().any(|f| f.name.name == *name) {
                continue;
            }
            let old_value = old.and_then(|o| find(o, name));
            if old_value.as_ref() == Some(new_value) {
                continue;
            }
            // A struct left out stood for its defaults: only what now differs is written.
            let value = match &old_value {
                Some(before) => changed_only(before, new_value),
                None => new_value.clone(),
            };
            let earlier = &new[..position];
            let anchor = view
                .fields
                .iter()
                .enumerate()
                .filter_map(|(k, f)| {
                    let rank = earlier.iter().position(|(n, _)| f.name.name == *n)?;
                    Some((rank, k))
                })
                .max()
                .map(|(_, k)| k);
            self.insert_field(view, anchor, name, &value);
        }
        Ok(())
    }

    /// Writes `name: value` after the field at `anchor` (before every field without one).
    fn insert_field(
        &mut self,
        view: &Fields<'_, '_>,
        anchor: Option<usize>,
        name: &str,
        value: &Node,
    ) {
        let multiline = self.spans_lines(view.open.start_offset, view.close.start_offset);
        let Some(field) = anchor.and_then(|k| view.fields.get(k)) else {
            let text = format!("{name}: {}", inline(value));
            match view.fields.first() {
                Some(first) => self.edit(
                    first.name.span.start_offset,
                    first.name.span.start_offset,
                    format!("{text}, "),
                ),
                None => self.edit(view.open.end_offset, view.open.end_offset, text),
            }
            return;
        };
        let indent = self.field_indent(view, field);
        let value_end = field.value.span().end_offset;
        let head = format!("{name}: ");
        let written = block(value, &indent, indent.chars().count() + head.len());
        match field.comma {
            Some(comma) if multiline && self.rest_is_blank(comma.end_offset) => {
                let at = self.line_end(comma.end_offset);
                self.edit(at, at, format!("\n{indent}{head}{written},"));
            }
            Some(comma) => self.edit(
                comma.end_offset,
                comma.end_offset,
                format!(" {head}{},", inline(value)),
            ),
            None => {
                let one_line = format!(", {head}{}", inline(value));
                let closes_here = !self.spans_lines(value_end, view.close.start_offset);
                let line = self.line_end(value_end) - self.line_start(value_end);
                if !multiline || (closes_here && line + one_line.chars().count() <= WIDTH) {
                    self.edit(value_end, value_end, one_line);
                } else {
                    self.edit(value_end, value_end, format!(",\n{indent}{head}{written}"));
                }
            }
        }
    }

    fn remove_field(&mut self, view: &Fields<'_, '_>, k: usize) {
        let starts: Vec<usize> = view
            .fields
            .iter()
            .map(|f| f.name.span.start_offset)
            .collect();
        let ends: Vec<(usize, Option<Span>)> = view
            .fields
            .iter()
            .map(|f| (f.value.span().end_offset, f.comma))
            .collect();
        self.remove_element(&starts, &ends, k);
    }

    /// Removes element `k` of a group, given where each element starts and where its value
    /// ends and its comma is: its own lines when it has them (with the comment lines
    /// directly above), else its text and one separator.
    fn remove_element(&mut self, starts: &[usize], ends: &[(usize, Option<Span>)], k: usize) {
        let (Some(&start), Some(&(value_end, comma))) = (starts.get(k), ends.get(k)) else {
            return;
        };
        let end = comma.map_or(value_end, |c| c.end_offset);
        if self.alone_on_lines(start, end) {
            let (from, to) = self.lines_with_comments_above(start, end);
            self.edit(from, to, String::new());
        } else if let Some(&next) = starts.get(k + 1) {
            self.edit(start, next, String::new());
        } else if let Some(&(prev_end, _)) = k.checked_sub(1).and_then(|p| ends.get(p)) {
            self.edit(prev_end, value_end, String::new());
        } else {
            self.edit(start, end, String::new());
        }
    }

    /// Reconciles a list or map whose elements, written as `elems`, were `old` and are
    /// `new`, matched by `pairs`.
    fn list(
        &mut self,
        open: Span,
        close: Span,
        elems: &[Elem<'_, '_>],
        old: &[Val<'_>],
        new: &[Val<'_>],
        pairs: &[Pair],
    ) -> Result<(), SaveError> {
        if elems.len() != old.len() {
            return Err(SaveError::Unsupported);
        }
        let in_place = pairs.iter().all(|p| matches!(p, Pair::Both(..)));
        if !in_place && !self.spans_lines(open.start_offset, close.start_offset) {
            return self.rebuild_inline(open, close, elems, old, new, pairs);
        }
        let template = pairs.iter().find_map(|p| match p {
            Pair::Both(i, _) => Some(*i),
            _ => None,
        });
        let mut anchor: Option<usize> = None;
        let mut pending: Vec<usize> = Vec::new();
        for pair in pairs {
            match *pair {
                Pair::Both(i, j) => {
                    self.insert_elements(
                        open,
                        elems,
                        old,
                        new,
                        anchor.or(template),
                        anchor,
                        &pending,
                    )?;
                    pending.clear();
                    if let (Some(elem), Some(o), Some(n)) = (elems.get(i), old.get(i), new.get(j)) {
                        self.element(elem, *o, *n)?;
                    }
                    anchor = Some(i);
                }
                Pair::Old(i) => {
                    let starts: Vec<usize> = elems.iter().map(Elem::start).collect();
                    let ends: Vec<(usize, Option<Span>)> =
                        elems.iter().map(|e| (e.end(), e.comma())).collect();
                    self.remove_element(&starts, &ends, i);
                }
                Pair::New(j) => pending.push(j),
            }
        }
        self.insert_elements(open, elems, old, new, anchor.or(template), anchor, &pending)
    }

    /// Reconciles one element kept in its place: its key, when renamed, and its value.
    fn element(
        &mut self,
        elem: &Elem<'_, '_>,
        old: Val<'_>,
        new: Val<'_>,
    ) -> Result<(), SaveError> {
        match (elem, old, new) {
            (Elem::Item(item), Val::Item(o), Val::Item(n)) => {
                self.reconcile(&item.expr, Some(o), n)
            }
            (Elem::Entry(entry), Val::Entry(ok, o), Val::Entry(nk, n)) => {
                if ok != nk {
                    let span = entry.key.span();
                    self.edit(span.start_offset, span.end_offset, string(nk));
                }
                self.reconcile(&entry.value, Some(o), n)
            }
            _ => Err(SaveError::Unsupported),
        }
    }

    /// Writes the new elements `pending` after the element at `anchor` (at the top of the
    /// list without one), one per line, in the style of the element at `template`.
    #[allow(clippy::too_many_arguments)]
    fn insert_elements(
        &mut self,
        open: Span,
        elems: &[Elem<'_, '_>],
        old: &[Val<'_>],
        new: &[Val<'_>],
        template: Option<usize>,
        anchor: Option<usize>,
        pending: &[usize],
    ) -> Result<(), SaveError> {
        if pending.is_empty() {
            return Ok(());
        }
        let indent = match template.and_then(|t| elems.get(t)) {
            Some(elem) => " ".repeat(self.column(elem.start())),
            None => format!("{}    ", self.indent_of_line(open.start_offset)),
        };
        let mut texts = Vec::with_capacity(pending.len());
        for &j in pending {
            let value = new.get(j).copied().ok_or(SaveError::Unsupported)?;
            let like = template.and_then(|t| Some((elems.get(t)?, old.get(t).copied()?)));
            texts.push(match like {
                Some((elem, old_value)) => self.written_like(elem, old_value, value)?,
                None => written_new(value, &indent),
            });
        }
        let lines: String = texts.iter().map(|t| format!("\n{indent}{t},")).collect();
        match anchor.and_then(|a| elems.get(a)) {
            Some(elem) => match elem.comma() {
                Some(comma) if self.rest_is_blank(comma.end_offset) => {
                    let at = self.line_end(comma.end_offset);
                    self.edit(at, at, lines);
                }
                Some(comma) => {
                    let inline: String = texts.iter().map(|t| format!(" {t},")).collect();
                    self.edit(comma.end_offset, comma.end_offset, inline);
                }
                None => {
                    let lines = lines.strip_suffix(',').unwrap_or(&lines);
                    self.edit(elem.end(), elem.end(), format!(",{lines}"));
                }
            },
            None if self.rest_is_blank(open.end_offset) => {
                let at = self.line_end(open.end_offset);
                self.edit(at, at, lines);
            }
            None => {
                let inline: String = texts.iter().map(|t| format!("{t}, ")).collect();
                self.edit(open.end_offset, open.end_offset, inline);
            }
        }
        Ok(())
    }

    /// A new element written as `elem` is, its values changed to `new` and its comments
    /// left out: they speak of the other element.
    fn written_like(
        &self,
        elem: &Elem<'_, '_>,
        old: Val<'_>,
        new: Val<'_>,
    ) -> Result<String, SaveError> {
        let mut patch = Patch::new(self.src);
        patch.element(elem, old, new)?;
        Ok(strip_comments(&patch.text(elem.start(), elem.end())?))
    }

    /// A list or map on one line, written anew from its elements: those kept keep their
    /// text (with their own edits), new ones are written plainly.
    fn rebuild_inline(
        &mut self,
        open: Span,
        close: Span,
        elems: &[Elem<'_, '_>],
        old: &[Val<'_>],
        new: &[Val<'_>],
        pairs: &[Pair],
    ) -> Result<(), SaveError> {
        let mut parts = Vec::with_capacity(new.len());
        for pair in pairs {
            match *pair {
                Pair::Both(i, j) => {
                    let (Some(elem), Some(o), Some(n)) = (elems.get(i), old.get(i), new.get(j))
                    else {
                        return Err(SaveError::Unsupported);
                    };
                    let mut patch = Patch::new(self.src);
                    patch.element(elem, *o, *n)?;
                    parts.push(patch.text(elem.start(), elem.end())?);
                }
                Pair::New(j) => {
                    let value = new.get(j).copied().ok_or(SaveError::Unsupported)?;
                    parts.push(written_new(value, ""));
                }
                Pair::Old(_) => {}
            }
        }
        let open_text = self.slice(open.start_offset, open.end_offset)?;
        let close_text = self.slice(close.start_offset, close.end_offset)?;
        self.edit(
            open.start_offset,
            close.end_offset,
            format!("{open_text}{}{close_text}", parts.join(", ")),
        );
        Ok(())
    }

    fn line_start(&self, at: usize) -> usize {
        self.src
            .get(..at)
            .and_then(|s| s.rfind('\n'))
            .map_or(0, |i| i + 1)
    }

    /// The position of the newline ending the line of `at` (the text's end on the last).
    fn line_end(&self, at: usize) -> usize {
        self.src
            .get(at..)
            .and_then(|s| s.find('\n'))
            .map_or(self.src.len(), |i| at + i)
    }

    fn column(&self, at: usize) -> usize {
        self.src
            .get(self.line_start(at)..at)
            .map_or(0, |s| s.chars().count())
    }

    fn indent_of_line(&self, at: usize) -> &'s str {
        let start = self.line_start(at);
        let line = self.src.get(start..self.line_end(start)).unwrap_or("");
        let blank = line.len() - line.trim_start().len();
        line.get(..blank).unwrap_or("")
    }

    /// Where the fields on `field`'s line start: the indentation a new line of fields takes.
    fn field_indent(&self, view: &Fields<'_, '_>, field: &StructField<'_>) -> String {
        let start = self.line_start(field.name.span.start_offset);
        let first = view
            .fields
            .iter()
            .map(|f| f.name.span.start_offset)
            .find(|&s| s >= start)
            .unwrap_or(field.name.span.start_offset);
        " ".repeat(self.column(first))
    }

    fn spans_lines(&self, from: usize, to: usize) -> bool {
        self.src.get(from..to).is_some_and(|s| s.contains('\n'))
    }

    /// Whether only blanks or a line comment follow `at` on its line.
    fn rest_is_blank(&self, at: usize) -> bool {
        let rest = self
            .src
            .get(at..self.line_end(at))
            .unwrap_or("")
            .trim_start();
        rest.is_empty() || rest.starts_with("//")
    }

    fn alone_on_lines(&self, start: usize, end: usize) -> bool {
        let before = self.src.get(self.line_start(start)..start).unwrap_or("x");
        before.trim().is_empty() && self.rest_is_blank(end)
    }

    /// The whole lines from `start` to `end`, the newline included, with the comment lines
    /// directly above; and one blank line after them when they stand between two.
    fn lines_with_comments_above(&self, start: usize, end: usize) -> (usize, usize) {
        let mut from = self.line_start(start);
        while from > 0 {
            let above = self.line_start(from - 1);
            let line = self.src.get(above..from).unwrap_or("").trim();
            if !line.starts_with("//") {
                break;
            }
            from = above;
        }
        let mut to = (self.line_end(end) + 1).min(self.src.len());
        let blank_line = |s: usize| {
            let e = self.line_end(s);
            e < self.src.len() && self.src.get(s..e).is_some_and(|l| l.trim().is_empty())
        };
        if from > 0 && blank_line(self.line_start(from - 1)) && blank_line(to) {
            to = (self.line_end(to) + 1).min(self.src.len());
        }
        (from, to)
    }
}

/// The fields of a struct as written, when `expr` is one.
fn fields_of<'e, 'a>(expr: &'e Expr<'a>) -> Option<Fields<'e, 'a>> {
    match expr {
        Expr::AnonStruct(s) => Some(Fields {
            fields: &s.fields,
            open: s.open_paren,
            close: s.close_paren,
        }),
        Expr::Struct(s) => match &s.body {
            Some(StructBody::Fields(f)) => Some(Fields {
                fields: &f.fields,
                open: f.open_brace,
                close: f.close_brace,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Of a struct, the fields of `after` that differ from `before`, the same way down; any
/// other value whole.
fn changed_only(before: &Node, after: &Node) -> Node {
    match (before, after) {
        (Node::Struct(_), Node::Struct(fields)) => Node::Struct(
            fields
                .iter()
                .filter_map(|(name, value)| match before.field(name) {
                    Some(old) if old == value => None,
                    Some(old) => Some((*name, changed_only(old, value))),
                    None => Some((*name, value.clone())),
                })
                .collect(),
        ),
        _ => after.clone(),
    }
}

/// Whether a value written as `expr` already reads as the plain value `node`.
fn same_leaf(expr: &Expr<'_>, node: &Node) -> bool {
    let number = |raw: &str| raw.replace('_', "").parse::<f64>().ok();
    match (expr, node) {
        (Expr::Number(n), Node::Float(x)) => number(&n.raw) == Some(*x),
        (Expr::Number(n), Node::Int(x)) => number(&n.raw) == Some(*x as f64),
        (Expr::String(s), Node::Str(x)) => s.value == *x,
        (Expr::Bool(b), Node::Bool(x)) => b.value == *x,
        (Expr::Struct(s), Node::Variant(name, None)) => s.body.is_none() && s.name.name == *name,
        _ => false,
    }
}

fn entry_val((key, value): &(String, Node)) -> Val<'_> {
    Val::Entry(key, value)
}

fn written_new(value: Val<'_>, indent: &str) -> String {
    match value {
        Val::Item(node) => block(node, indent, indent.len()),
        Val::Entry(key, node) => {
            let head = format!("{}: ", string(key));
            format!("{head}{}", block(node, indent, indent.len() + head.len()))
        }
    }
}

/// `text` without its comments; a line that held only a comment goes too.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut commented = Vec::new();
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (true, '\\') => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            (true, '"') | (false, '"') => {
                in_string = !in_string;
                out.push(c);
            }
            (false, '/') if chars.peek() == Some(&'/') => {
                while chars.peek().is_some_and(|&n| n != '\n') {
                    chars.next();
                }
                commented.push(out.matches('\n').count());
            }
            (false, '/') if chars.peek() == Some(&'*') => {
                chars.next();
                let (mut depth, mut prev) = (1usize, '\0');
                while depth > 0 {
                    let Some(n) = chars.next() else { break };
                    match (prev, n) {
                        ('/', '*') => (depth, prev) = (depth + 1, '\0'),
                        ('*', '/') => (depth, prev) = (depth - 1, '\0'),
                        _ => prev = n,
                    }
                }
                commented.push(out.matches('\n').count());
            }
            _ => out.push(c),
        }
    }
    out.split('\n')
        .enumerate()
        .filter_map(|(k, line)| match commented.contains(&k) {
            true if line.trim().is_empty() => None,
            true => Some(line.trim_end()),
            false => Some(line),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_and_lines_of_only_a_comment_with_them() {
        let text = "(id: \"a//b\", // why\n    // about x\n    x: 1, /* c */ y: 2)";
        assert_eq!(strip_comments(text), "(id: \"a//b\",\n    x: 1,  y: 2)");
    }
}
