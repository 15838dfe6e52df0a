//! Where a path sits in the RON text, and which path sits at a place in the text.
//!
//! serde forgets positions once a plan is parsed, so validation speaks in paths
//! (`services[1].placement["C"]`) and this module finds them again in the source. It is a
//! small, tolerant scanner, not a parser: it knows strings (with escapes), raw strings,
//! comments (`//`, nested `/* */`), brackets of the three kinds, `field: value` and
//! `"key": value`, and treats everything else as an opaque token. It never fails: a text
//! it cannot make sense of yields the closest place it can, or none.
//!
//! Nothing here recurses. Brackets are matched once with a heap stack, and every walk
//! jumps over a nested group by its matching close, so a file of 100,000 `[` costs a
//! vector, not the stack.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::path::PathSeg;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open,
    Close,
    Colon,
    Comma,
    Str,
    Ident,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// A value in the text: the token it starts at (a struct's name, when it has one), and
/// the opening bracket of its contents when it has any.
#[derive(Debug, Clone, Copy)]
struct Value {
    start: usize,
    group: Option<usize>,
}

/// One element of a group: `label: value`, or a bare value. `end` is the token after it
/// (its comma, the group's close, or the end of the tokens).
#[derive(Debug, Clone, Copy)]
struct Entry {
    label: Option<usize>,
    value: Option<Value>,
    end: usize,
}

/// The scanned text of a plan, ready to answer where a path is.
pub struct Locator<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    /// For each token that opens a group, the index of its close (`tokens.len()` when the
    /// group is never closed); unused for other tokens.
    close: Vec<usize>,
    line_starts: Vec<usize>,
    /// The entries of each group walked so far: a plan with many errors asks for the
    /// same long lists (sites, services) once per error.
    walked: RefCell<HashMap<usize, Rc<[Entry]>>>,
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        let tokens = tokenize(src);
        let close = match_groups(&tokens);
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator {
            src,
            tokens,
            close,
            line_starts,
            walked: RefCell::default(),
        }
    }

    /// 1-based line and column (in characters, as ron counts them) of the value at `path`,
    /// or of the closest enclosing value found; `None` when the text holds no value.
    pub fn position(&self, path: &[PathSeg]) -> Option<(usize, usize)> {
        let (token, _) = self.find(path)?;
        let start = self.tokens.get(token)?.start;
        Some(self.line_col(start))
    }

    /// The string written at `path`, when the path leads exactly to a string.
    pub fn string_at(&self, path: &[PathSeg]) -> Option<String> {
        match self.find(path)? {
            (token, true) => {
                let t = self.tokens.get(token)?;
                (t.kind == Kind::Str).then(|| self.string(t))
            }
            _ => None,
        }
    }

    /// The path of the deepest entry that contains the 1-based `line` and `col`, as far as
    /// the text can tell (at most `MAX_PATH` segments).
    pub fn path_at(&self, line: usize, col: usize) -> Vec<PathSeg> {
        const MAX_PATH: usize = 16;
        let offset = self.offset(line, col);
        let mut path = Vec::new();
        let Some(mut value) = self.root() else {
            return path;
        };
        while let Some(group) = value.group {
            if path.len() >= MAX_PATH {
                break;
            }
            let found = self.entries(group).enumerate().find(|(_, e)| {
                let first = e.label.or(e.value.map(|v| v.start)).unwrap_or(e.end);
                let end = self.tokens.get(e.end).map_or(usize::MAX, |t| t.start);
                self.tokens.get(first).is_some_and(|t| t.start <= offset) && offset < end
            });
            let Some((n, entry)) = found else {
                break;
            };
            path.push(match entry.label.and_then(|l| self.tokens.get(l)) {
                Some(t) if t.kind == Kind::Ident => PathSeg::Field(self.ident(t).to_string()),
                Some(t) => PathSeg::Key(self.string(t)),
                None => PathSeg::Index(n),
            });
            match entry.value {
                Some(v) if self.tokens.get(v.start).is_some_and(|t| t.start <= offset) => value = v,
                _ => break,
            }
        }
        path
    }

    /// The token `path` leads to, and whether every segment was found (false: the token is
    /// the closest enclosing value).
    fn find(&self, path: &[PathSeg]) -> Option<(usize, bool)> {
        let mut value = self.root()?;
        for (depth, seg) in path.iter().enumerate() {
            let Some(group) = value.group else {
                return Some((value.start, false));
            };
            let entries = self.walked_entries(group);
            let found = match seg {
                PathSeg::Index(i) => entries.get(*i),
                _ => entries.iter().find(|e| self.matches(seg, e)),
            };
            let Some(&entry) = found else {
                return Some((value.start, false));
            };
            let last = depth + 1 == path.len();
            match (seg, entry.label, entry.value) {
                (PathSeg::Key(_), Some(label), _) if last => return Some((label, true)),
                (_, _, Some(v)) => value = v,
                (_, Some(label), None) => return Some((label, false)),
                (_, None, None) => return Some((value.start, false)),
            }
        }
        Some((value.start, true))
    }

    /// Whether a labelled entry is the field or key `seg` names.
    fn matches(&self, seg: &PathSeg, entry: &Entry) -> bool {
        let label = entry.label.and_then(|l| self.tokens.get(l));
        match (seg, label) {
            (PathSeg::Field(name), Some(t)) if t.kind == Kind::Ident => self.ident(t) == name,
            (PathSeg::Key(key), Some(t)) if t.kind == Kind::Str => self.string(t) == *key,
            _ => false,
        }
    }

    /// The plan's own value: the first one after any `#![enable(...)]` attributes.
    fn root(&self) -> Option<Value> {
        let mut i = 0;
        while self.tokens.get(i).is_some_and(|t| self.text(t) == "#") {
            i += 1;
            if self.tokens.get(i).is_some_and(|t| self.text(t) == "!") {
                i += 1;
            }
            if self.tokens.get(i).is_some_and(|t| t.kind == Kind::Open) {
                i = self.after_group(i);
            }
        }
        self.value_at(i, self.tokens.len())
    }

    fn value_at(&self, i: usize, limit: usize) -> Option<Value> {
        let t = self.tokens.get(i).filter(|_| i < limit)?;
        let group = match t.kind {
            Kind::Open => Some(i),
            Kind::Ident
                if i + 1 < limit
                    && self.tokens.get(i + 1).is_some_and(|n| n.kind == Kind::Open) =>
            {
                Some(i + 1)
            }
            _ => None,
        };
        Some(Value { start: i, group })
    }

    /// The index just past the group opened at `open`.
    fn after_group(&self, open: usize) -> usize {
        self.close
            .get(open)
            .copied()
            .unwrap_or(self.tokens.len())
            .saturating_add(1)
    }

    fn walked_entries(&self, open: usize) -> Rc<[Entry]> {
        let mut walked = self.walked.borrow_mut();
        walked
            .entry(open)
            .or_insert_with(|| self.entries(open).collect())
            .clone()
    }

    fn entries(&self, open: usize) -> Entries<'_, 'a> {
        Entries {
            loc: self,
            next: open + 1,
            limit: self.close.get(open).copied().unwrap_or(self.tokens.len()),
        }
    }

    fn text(&self, t: &Token) -> &'a str {
        self.src.get(t.start..t.end).unwrap_or("")
    }

    fn ident(&self, t: &Token) -> &'a str {
        let text = self.text(t);
        text.strip_prefix("r#").unwrap_or(text)
    }

    fn string(&self, t: &Token) -> String {
        unescape(self.text(t))
    }

    fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.src.len();
        };
        let rest = self.src.get(start..).unwrap_or("");
        start
            + rest
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i)
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .src
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }
}

struct Entries<'l, 'a> {
    loc: &'l Locator<'a>,
    next: usize,
    limit: usize,
}

impl Iterator for Entries<'_, '_> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        let tokens = &self.loc.tokens;
        let kind = |i: usize| tokens.get(i).filter(|_| i < self.limit).map(|t| t.kind);
        while kind(self.next) == Some(Kind::Comma) {
            self.next += 1;
        }
        let first = self.next;
        kind(first)?;
        let labelled = matches!(kind(first), Some(Kind::Ident | Kind::Str))
            && kind(first + 1) == Some(Kind::Colon);
        let (label, at) = if labelled {
            (Some(first), first + 2)
        } else {
            (None, first)
        };
        let value = self.loc.value_at(at, self.limit);
        let mut end = match value {
            Some(Value {
                group: Some(open), ..
            }) => self.loc.after_group(open),
            Some(v) => v.start + 1,
            None => at,
        };
        // Anything stray before the next comma still belongs to this entry.
        while let Some(k) = kind(end) {
            match k {
                Kind::Comma => break,
                Kind::Open => end = self.loc.after_group(end),
                _ => end += 1,
            }
        }
        self.next = end.min(self.limit).max(first + 1);
        Some(Entry { label, value, end })
    }
}

/// For each opening bracket, the index of the bracket that closes it. A close without an
/// opener is ignored; brackets of different kinds close each other, so one typo does not
/// throw off the rest of the file.
fn match_groups(tokens: &[Token]) -> Vec<usize> {
    let mut close = vec![tokens.len(); tokens.len()];
    let mut open = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Open => open.push(i),
            Kind::Close => {
                if let Some(o) = open.pop() {
                    if let Some(c) = close.get_mut(o) {
                        *c = i;
                    }
                }
            }
            _ => {}
        }
    }
    close
}

fn tokenize(src: &str) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = src.get(i..).and_then(|s| s.chars().next()) {
        let next = bytes.get(i + 1).copied();
        let (kind, end) = match c {
            c if c.is_whitespace() => (None, i + c.len_utf8()),
            '/' if next == Some(b'/') => (None, line_end(src, i)),
            '/' if next == Some(b'*') => (None, block_comment_end(bytes, i)),
            '(' | '[' | '{' => (Some(Kind::Open), i + 1),
            ')' | ']' | '}' => (Some(Kind::Close), i + 1),
            ':' => (Some(Kind::Colon), i + 1),
            ',' => (Some(Kind::Comma), i + 1),
            '"' => (Some(Kind::Str), string_end(bytes, i + 1)),
            '\'' => (Some(Kind::Other), char_end(bytes, i + 1)),
            'r' | 'b' if raw_string_start(bytes, i).is_some() => {
                let (hashes, quote) = raw_string_start(bytes, i).unwrap_or((0, i));
                (Some(Kind::Str), raw_string_end(bytes, quote + 1, hashes))
            }
            'b' if next == Some(b'"') => (Some(Kind::Str), string_end(bytes, i + 2)),
            'r' if next == Some(b'#') && bytes.get(i + 2).is_some_and(is_ident_start) => {
                (Some(Kind::Ident), word_end(bytes, i + 2))
            }
            c if c.is_ascii() && is_ident_start(&(c as u8)) => {
                (Some(Kind::Ident), word_end(bytes, i))
            }
            c if c.is_ascii_digit() || matches!(c, '+' | '-' | '.') => {
                (Some(Kind::Other), number_end(bytes, i + 1))
            }
            c => (Some(Kind::Other), i + c.len_utf8()),
        };
        let end = char_boundary(src, end.max(i + 1));
        if let Some(kind) = kind {
            tokens.push(Token {
                kind,
                start: i,
                end,
            });
        }
        i = end;
    }
    tokens
}

fn is_ident_start(b: &u8) -> bool {
    b.is_ascii_alphabetic() || *b == b'_'
}

fn word_end(bytes: &[u8], from: usize) -> usize {
    from + bytes.get(from..).map_or(0, |rest| {
        rest.iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count()
    })
}

fn number_end(bytes: &[u8], from: usize) -> usize {
    from + bytes.get(from..).map_or(0, |rest| {
        rest.iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-'))
            .count()
    })
}

fn line_end(src: &str, from: usize) -> usize {
    src.get(from..)
        .and_then(|rest| rest.find('\n'))
        .map_or(src.len(), |n| from + n)
}

/// The end of a `/* */` comment starting at `from`; comments nest, as in Rust.
fn block_comment_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i < bytes.len() {
        match (bytes.get(i), bytes.get(i + 1)) {
            (Some(b'/'), Some(b'*')) => {
                depth += 1;
                i += 2;
            }
            (Some(b'*'), Some(b'/')) => {
                depth = depth.saturating_sub(1);
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The index past the closing quote of a string whose contents start at `from`.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn char_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// For `r"`, `r#"`, `br##"` …: the number of `#` and the index of the opening quote.
fn raw_string_start(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let r = if bytes.get(at) == Some(&b'b') {
        at + 1
    } else {
        at
    };
    if bytes.get(r) != Some(&b'r') {
        return None;
    }
    let hashes = bytes
        .get(r + 1..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| b == b'#').count());
    (bytes.get(r + 1 + hashes) == Some(&b'"')).then_some((hashes, r + 1 + hashes))
}

fn raw_string_end(bytes: &[u8], from: usize, hashes: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b'"') {
            let closing = bytes.get(i + 1..).map_or(0, |rest| {
                rest.iter().take(hashes).take_while(|&&b| b == b'#').count()
            });
            if closing == hashes {
                return i + 1 + hashes;
            }
        }
        i += 1;
    }
    bytes.len()
}

fn char_boundary(src: &str, mut i: usize) -> usize {
    if i >= src.len() {
        return src.len();
    }
    while !src.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The value of a string token as written: `"a\"b"` → `a"b`, `r#"x"#` → `x`. Escapes it
/// does not know are kept as written; this only has to match ids.
fn unescape(token: &str) -> String {
    let body = token.trim_start_matches('b');
    if let Some(raw) = body.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let inner = raw.get(hashes..).unwrap_or("");
        let inner = inner.strip_prefix('"').unwrap_or(inner);
        let close = format!("\"{}", "#".repeat(hashes));
        return inner.strip_suffix(&close).unwrap_or(inner).to_string();
    }
    let inner = body.strip_prefix('"').unwrap_or(body);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let code: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let hex = code.trim_start_matches('{');
                match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => out.push_str(&format!("\\u{code}}}")),
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use PathSeg::{Index, Key};

    fn f(name: &str) -> PathSeg {
        PathSeg::field(name)
    }

    const PLAN: &str = r#"// a comment with "quotes" and (brackets
Plan(
    name: "x /* not a comment */",
    /* a /* nested */ comment ] */
    profiles: {
        "web": (power_kw: 0.5, per_rack: 0),
        r"raw": (power_kw: 1, per_rack: 2),
    },
    sites: [
        (id: "A", region: "r1"),
        (id: "B\"q", capacity: (servers: 5)),
    ],
    services: [
        (id: "s", failover: Standby(["A", "C"]), placement: {"A": 0.5, "C": 0.5}),
    ],
)
"#;

    #[test]
    fn finds_field_values_keys_and_positions() {
        let loc = Locator::new(PLAN);
        let per_rack = [f("profiles"), Key("web".into()), f("per_rack")];
        assert_eq!(loc.position(&per_rack), Some((6, 42)));
        assert_eq!(
            loc.position(&[f("profiles"), Key("raw".into())]),
            Some((7, 9))
        );
        let key_c = [f("services"), Index(0), f("placement"), Key("C".into())];
        assert_eq!(loc.position(&key_c), Some((14, 72)));
        let standby = [f("services"), Index(0), f("failover"), Index(0), Index(1)];
        assert_eq!(loc.position(&standby), Some((14, 43)));
        assert_eq!(loc.position(&[]), Some((2, 1)));
    }

    #[test]
    fn a_missing_segment_points_at_the_closest_enclosing_value() {
        let loc = Locator::new(PLAN);
        let missing = [f("sites"), Index(0), f("capacity"), f("servers")];
        assert_eq!(loc.position(&missing), Some((10, 9)));
        assert_eq!(loc.position(&[f("sites"), Index(7)]), Some((9, 12)));
        assert_eq!(loc.position(&[f("name"), f("deeper")]), Some((3, 11)));
    }

    #[test]
    fn reads_strings_with_escapes() {
        let loc = Locator::new(PLAN);
        let id = [f("sites"), Index(1), f("id")];
        assert_eq!(loc.string_at(&id).as_deref(), Some("B\"q"));
        assert_eq!(loc.string_at(&[f("sites"), Index(1), f("region")]), None);
        assert_eq!(unescape(r#""\u{48}i\n""#), "Hi\n");
        assert_eq!(unescape(r###"r##"a"#b"##"###), "a\"#b");
    }

    #[test]
    fn names_the_path_at_a_position() {
        let loc = Locator::new(PLAN);
        assert_eq!(
            loc.path_at(11, 34),
            vec![f("sites"), Index(1), f("capacity"), f("servers")]
        );
        assert_eq!(loc.path_at(6, 12), vec![f("profiles"), Key("web".into())]);
        assert_eq!(loc.path_at(1, 5), Vec::<PathSeg>::new());
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let loc = Locator::new("(name: \"한국\", x: 1)");
        assert_eq!(loc.position(&[f("x")]), Some((1, 17)));
        assert_eq!(loc.path_at(1, 14), vec![f("x")]);
    }

    #[test]
    fn skips_enable_attributes() {
        let loc = Locator::new("#![enable(implicit_some)]\nPlan(a: 1)");
        assert_eq!(loc.position(&[f("a")]), Some((2, 9)));
    }

    #[test]
    fn survives_hostile_text() {
        let deep = "[".repeat(100_000);
        let closed = format!("(a: {}{})", "[".repeat(50_000), "]".repeat(50_000));
        let long_path: Vec<PathSeg> = (0..100_000).map(|_| Index(0)).collect();
        for text in [
            "",
            "   // only a comment",
            "\"unterminated",
            "r##\"unterminated raw",
            "/* /* unclosed",
            ")))]]]}}}",
            "(a: 1, b: (c: 2",
            "é'\\",
            "b",
            "r#",
            deep.as_str(),
            closed.as_str(),
        ] {
            let loc = Locator::new(text);
            let _ = loc.position(&[f("a"), Index(3), Key("k".into())]);
            let _ = loc.position(&long_path);
            let _ = loc.string_at(&[f("a")]);
            for line in 0..3 {
                for col in 0..20 {
                    let _ = loc.path_at(line, col);
                }
            }
        }
        let mut x: u32 = 7;
        let garbage: String = (0..1_000_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b"([{}])\"':,/*#rb 0aZ-\n\\"[(x >> 16) as usize % 22])
            })
            .collect();
        let loc = Locator::new(&garbage);
        let _ = loc.position(&[Index(0), Index(1), Key("a".into()), f("Z")]);
        let _ = loc.path_at(1_000, 3);
        assert_eq!(Locator::new("").position(&[f("a")]), None);
        let loc = Locator::new(&deep);
        assert_eq!(loc.position(&long_path[..3]), Some((1, 4)));
        assert_eq!(loc.path_at(1, 99_999).len(), 16);
    }
}
