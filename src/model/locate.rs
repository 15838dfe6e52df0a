//! Where a path sits in the RON text, and which path sits at a place in the text.
//!
//! serde forgets positions once a plan is parsed, so validation speaks in paths
//! (`services[1].placement["C"]`) and this module finds them again in the source. It is a
//! small, tolerant scanner, not a parser: it knows strings (with escapes), raw strings,
//! comments (`//`, nested `/* */`), brackets of the three kinds, `field: value` and
//! `"key": value`, and treats everything else as an opaque token. It never fails: a text
//! it cannot make sense of yields the closest place it can, or none.
//!
//! The text is scanned lazily, from byte offsets, and only as far as a question needs: a
//! plan of many megabytes is never tokenized as a whole. Nothing here recurses. A nested
//! group is jumped over by counting brackets, so a file of 100,000 `[` costs a counter,
//! not the stack.

use std::borrow::Cow;
use std::collections::HashMap;

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

/// A token: its kind and its byte range in the text.
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
    start: Token,
    group: Option<Token>,
}

/// The start of one element of a group: `label: value`, or a bare value. `rest` is where
/// the value was looked for, just past the label's colon.
#[derive(Debug, Clone, Copy)]
struct Head {
    first: Token,
    label: Option<Token>,
    value: Option<Value>,
    rest: usize,
}

/// What follows inside a group: another element, or the group's end (the position just
/// past its close, or the end of the text when it is never closed).
enum Step {
    Entry(Head),
    End(usize),
}

/// The text of a plan, ready to answer where a path is.
pub struct Locator<'a> {
    src: &'a str,
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        Locator { src }
    }

    /// 1-based line and column (in characters, as ron counts them) of the value at `path`,
    /// or of the closest enclosing value found; `None` when the text holds no value.
    pub fn position(&self, path: &[PathSeg]) -> Option<(usize, usize)> {
        self.positions([path]).pop().flatten()
    }

    /// [`Locator::position`] of each path, in one pass: a long list that many paths point
    /// into is walked once, and lines are counted once up to the last place found.
    pub fn positions<'p>(
        &self,
        paths: impl IntoIterator<Item = &'p [PathSeg]>,
    ) -> Vec<Option<(usize, usize)>> {
        let mut search = Search::new(self);
        let offsets: Vec<_> = paths
            .into_iter()
            .map(|path| search.find(path).map(|(token, _)| token.start))
            .collect();
        self.line_cols(&offsets)
    }

    /// The string written at `path`, when the path leads exactly to a string.
    pub fn string_at(&self, path: &[PathSeg]) -> Option<String> {
        match Search::new(self).find(path)? {
            (t, true) if t.kind == Kind::Str => Some(self.string(&t).into_owned()),
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
        let mut unclosed = Vec::new();
        while let Some(group) = value.group {
            if path.len() >= MAX_PATH {
                break;
            }
            let Some((n, entry)) = self.entry_around(group, offset, &mut unclosed) else {
                break;
            };
            path.push(match entry.label {
                Some(t) if t.kind == Kind::Ident => PathSeg::Field(self.ident(&t).to_string()),
                Some(t) => PathSeg::Key(self.string(&t).into_owned()),
                None => PathSeg::Index(n),
            });
            match entry.value {
                Some(v) if v.start.start <= offset => value = v,
                _ => break,
            }
        }
        path
    }

    /// The entry of the group opened by `open` that begins at or before `offset` and ends
    /// after it, with its position in the group. Entries are scanned only up to `offset`.
    /// `unclosed` gathers, in text order, the groups found never to close: a text cut off
    /// inside deep brackets is then scanned once, not once for each level of the path.
    fn entry_around(
        &self,
        open: Token,
        offset: usize,
        unclosed: &mut Vec<usize>,
    ) -> Option<(usize, Head)> {
        let mut at = open.end;
        for n in 0.. {
            let Step::Entry(head) = self.head(at) else {
                return None;
            };
            if head.first.start > offset {
                return None;
            }
            let skip = |group: Token| self.skip_noting(group, offset, unclosed);
            match self.entry_end(&head, offset, skip) {
                Some(end) if self.token(end).is_some_and(|t| t.start <= offset) => at = end,
                _ => return Some((n, head)),
            }
        }
        None
    }

    /// Like [`Locator::close_from`] for the group opened by `open`, answered at once (the
    /// end of the text) for a group in `unclosed`; the groups inside it found never to
    /// close join `unclosed`.
    fn skip_noting(&self, open: Token, bound: usize, unclosed: &mut Vec<usize>) -> Option<usize> {
        if unclosed.binary_search(&open.start).is_ok() {
            return Some(self.src.len());
        }
        let mut inner = Vec::new();
        let end = self.close_from(open.end, bound, |kind, at| match kind {
            Kind::Open => inner.push(at),
            _ => {
                inner.pop();
            }
        })?;
        if !inner.is_empty() {
            unclosed.extend(inner);
            unclosed.sort_unstable();
            unclosed.dedup();
        }
        Some(end)
    }

    /// The plan's own value: the first one after any `#![enable(...)]` attributes.
    fn root(&self) -> Option<Value> {
        let mut t = self.token(0)?;
        while self.text(&t) == "#" {
            t = self.token(t.end)?;
            if self.text(&t) == "!" {
                t = self.token(t.end)?;
            }
            if t.kind == Kind::Open {
                t = self.token(self.close_from(t.end, usize::MAX, |_, _| {})?)?;
            }
        }
        Some(self.value(t))
    }

    fn value(&self, t: Token) -> Value {
        let group = match t.kind {
            Kind::Open => Some(t),
            Kind::Ident => self.token(t.end).filter(|next| next.kind == Kind::Open),
            _ => None,
        };
        Value { start: t, group }
    }

    /// The element that starts at or after `at` inside a group, past any commas.
    fn head(&self, at: usize) -> Step {
        let mut next = self.token(at);
        while let Some(comma) = next.filter(|t| t.kind == Kind::Comma) {
            next = self.token(comma.end);
        }
        let Some(first) = next.filter(|t| t.kind != Kind::Close) else {
            return Step::End(next.map_or(self.src.len(), |close| close.end));
        };
        let colon = match first.kind {
            Kind::Ident | Kind::Str => self.token(first.end).filter(|t| t.kind == Kind::Colon),
            _ => None,
        };
        let (label, rest) = match colon {
            Some(colon) => (Some(first), colon.end),
            None => (None, first.start),
        };
        let value = self
            .token(rest)
            .filter(|t| t.kind != Kind::Close)
            .map(|t| self.value(t));
        Step::Entry(Head {
            first,
            label,
            value,
            rest,
        })
    }

    /// Where the element `head` ends: just before the comma after it or the group's close,
    /// past its value and anything stray; `None` once it runs past `bound`. `skip` gives
    /// the position past a nested group, or `None` past `bound`.
    fn entry_end(
        &self,
        head: &Head,
        bound: usize,
        mut skip: impl FnMut(Token) -> Option<usize>,
    ) -> Option<usize> {
        let mut at = match head.value {
            Some(Value {
                group: Some(open), ..
            }) => skip(open)?,
            Some(v) => v.start.end,
            None => head.rest,
        };
        while let Some(t) = self.token(at) {
            if t.start > bound {
                return None;
            }
            match t.kind {
                Kind::Comma | Kind::Close => break,
                Kind::Open => at = skip(t)?,
                _ => at = t.end,
            }
        }
        Some(at)
    }

    /// The position just past the close of a group, scanning from `from` (a place among
    /// the group's own elements); the end of the text when it is never closed, `None` once
    /// a token starts past `bound`. Brackets of different kinds close each other, so one
    /// typo does not throw off the rest of the file. `nested` sees each bracket inside, and
    /// where it starts.
    fn close_from(
        &self,
        from: usize,
        bound: usize,
        mut nested: impl FnMut(Kind, usize),
    ) -> Option<usize> {
        let mut depth = 1usize;
        let mut at = from;
        // Most of the text a search passes is skipped here, so the scanner is called
        // directly, without building a token for each word.
        loop {
            at = skip_blanks(self.src.as_bytes(), at);
            let Some((kind, end)) = scan(self.src, at) else {
                break;
            };
            match kind {
                None => {}
                Some(_) if at > bound => return None,
                Some(Kind::Close) if depth <= 1 => return Some(end),
                Some(Kind::Open) => {
                    depth += 1;
                    nested(Kind::Open, at);
                }
                Some(Kind::Close) => {
                    depth -= 1;
                    nested(Kind::Close, at);
                }
                Some(_) => {}
            }
            at = end;
        }
        Some(self.src.len())
    }

    /// The first token at or after `at`, which must be where a token, blank or comment
    /// starts, past blanks and comments.
    fn token(&self, mut at: usize) -> Option<Token> {
        loop {
            at = skip_blanks(self.src.as_bytes(), at);
            let (kind, end) = scan(self.src, at)?;
            if let Some(kind) = kind {
                return Some(Token {
                    kind,
                    start: at,
                    end,
                });
            }
            at = end;
        }
    }

    /// Whether an element is the field or key `seg` names.
    fn matches(&self, seg: &PathSeg, head: &Head) -> bool {
        match (seg, head.label) {
            (PathSeg::Field(name), Some(t)) if t.kind == Kind::Ident => self.ident(&t) == name,
            (PathSeg::Key(key), Some(t)) if t.kind == Kind::Str => self.string(&t) == key.as_str(),
            _ => false,
        }
    }

    fn text(&self, t: &Token) -> &'a str {
        self.src.get(t.start..t.end).unwrap_or("")
    }

    fn ident(&self, t: &Token) -> &'a str {
        let text = self.text(t);
        text.strip_prefix("r#").unwrap_or(text)
    }

    fn string(&self, t: &Token) -> Cow<'a, str> {
        unescape(self.text(t))
    }

    /// The byte offset of the 1-based `line` and character column `col`.
    fn offset(&self, line: usize, col: usize) -> usize {
        let start = match line.saturating_sub(1) {
            0 => Some(0),
            n => self.src.match_indices('\n').nth(n - 1).map(|(i, _)| i + 1),
        };
        let Some(start) = start else {
            return self.src.len();
        };
        let rest = self.src.get(start..).unwrap_or("");
        start
            + rest
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i)
    }

    /// 1-based line and character column of each offset, counted in one sweep over the
    /// text in the order of the offsets.
    fn line_cols(&self, offsets: &[Option<usize>]) -> Vec<Option<(usize, usize)>> {
        let mut order: Vec<(usize, usize)> = offsets
            .iter()
            .enumerate()
            .filter_map(|(i, offset)| offset.map(|o| (o, i)))
            .collect();
        order.sort_unstable();
        let mut out = vec![None; offsets.len()];
        let (mut at, mut line, mut col) = (0, 1, 1);
        for (offset, i) in order {
            let passed = self.src.get(at..offset).unwrap_or("");
            match passed.rfind('\n') {
                Some(last) => {
                    line += count_newlines(passed.as_bytes());
                    col = passed.get(last + 1..).map_or(0, |s| s.chars().count()) + 1;
                }
                None => col += passed.chars().count(),
            }
            at = offset;
            if let Some(slot) = out.get_mut(i) {
                *slot = Some((line, col));
            }
        }
        out
    }
}

/// One batch of look-ups. The elements of every group walked are kept, so that many paths
/// into one long list walk it once, and a walk goes only as far as the paths need.
struct Search<'l, 'a> {
    loc: &'l Locator<'a>,
    root: Option<Value>,
    /// By the offset of the group's opening bracket.
    walks: HashMap<usize, Walk>,
}

/// The elements of a group found so far, and the group's end once the walk reached it.
#[derive(Default)]
struct Walk {
    heads: Vec<Head>,
    end: Option<usize>,
}

impl<'l, 'a> Search<'l, 'a> {
    fn new(loc: &'l Locator<'a>) -> Self {
        Search {
            loc,
            root: loc.root(),
            walks: HashMap::new(),
        }
    }

    /// The token `path` leads to, and whether every segment was found (false: the token is
    /// the closest enclosing value).
    fn find(&mut self, path: &[PathSeg]) -> Option<(Token, bool)> {
        let mut value = self.root?;
        for (depth, seg) in path.iter().enumerate() {
            let Some(group) = value.group else {
                return Some((value.start, false));
            };
            let found = match seg {
                PathSeg::Index(i) => self.nth(group, *i),
                _ => self.first_match(group, seg),
            };
            let Some(entry) = found else {
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

    fn nth(&mut self, open: Token, n: usize) -> Option<Head> {
        let mut walk = self.walks.remove(&open.start).unwrap_or_default();
        while walk.heads.len() <= n && self.extend(open, &mut walk) {}
        let found = walk.heads.get(n).copied();
        self.walks.insert(open.start, walk);
        found
    }

    fn first_match(&mut self, open: Token, seg: &PathSeg) -> Option<Head> {
        let mut walk = self.walks.remove(&open.start).unwrap_or_default();
        let loc = self.loc;
        let mut found = walk.heads.iter().find(|h| loc.matches(seg, h)).copied();
        while found.is_none() && self.extend(open, &mut walk) {
            found = walk.heads.last().filter(|h| loc.matches(seg, h)).copied();
        }
        self.walks.insert(open.start, walk);
        found
    }

    /// Walks one more element of the group opened by `open`; false at its end.
    fn extend(&self, open: Token, walk: &mut Walk) -> bool {
        if walk.end.is_some() {
            return false;
        }
        let at = match walk.heads.last() {
            Some(last) => self
                .loc
                .entry_end(last, usize::MAX, |group| Some(self.skip(group)))
                .unwrap_or(self.loc.src.len()),
            None => open.end,
        };
        match self.loc.head(at) {
            Step::Entry(head) => {
                walk.heads.push(head);
                true
            }
            Step::End(end) => {
                walk.end = Some(end);
                false
            }
        }
    }

    /// The position just past the group opened by `open`, resumed from where a walk of it
    /// stopped, so that a long list is not scanned again.
    fn skip(&self, open: Token) -> usize {
        let from = match self.walks.get(&open.start) {
            Some(Walk { end: Some(end), .. }) => return *end,
            Some(walk) => walk.heads.last().map_or(open.end, |h| h.first.start),
            None => open.end,
        };
        self.loc
            .close_from(from, usize::MAX, |_, _| {})
            .unwrap_or(self.loc.src.len())
    }
}

/// What starts at byte `i` — a token's kind, or `None` for a blank or a comment — and where
/// it ends; `None` at the end of the text.
#[inline(always)]
fn scan(src: &str, i: usize) -> Option<(Option<Kind>, usize)> {
    let bytes = src.as_bytes();
    let &b = bytes.get(i)?;
    let next = bytes.get(i + 1).copied();
    let (kind, end) = match b {
        b' ' | b'\t'..=b'\r' => (None, i + 1),
        b'/' if next == Some(b'/') => (None, line_end(src, i)),
        b'/' if next == Some(b'*') => (None, block_comment_end(bytes, i)),
        b'(' | b'[' | b'{' => (Some(Kind::Open), i + 1),
        b')' | b']' | b'}' => (Some(Kind::Close), i + 1),
        b':' => (Some(Kind::Colon), i + 1),
        b',' => (Some(Kind::Comma), i + 1),
        b'"' => (Some(Kind::Str), string_end(bytes, i + 1)),
        b'\'' => (Some(Kind::Other), char_end(bytes, i + 1)),
        b'r' | b'b' if raw_string_start(bytes, i).is_some() => {
            let (hashes, quote) = raw_string_start(bytes, i).unwrap_or((0, i));
            (Some(Kind::Str), raw_string_end(bytes, quote + 1, hashes))
        }
        b'b' if next == Some(b'"') => (Some(Kind::Str), string_end(bytes, i + 2)),
        b'r' if next == Some(b'#') && bytes.get(i + 2).is_some_and(is_ident_start) => {
            (Some(Kind::Ident), word_end(bytes, i + 2))
        }
        b if is_ident_start(&b) => (Some(Kind::Ident), word_end(bytes, i)),
        b'0'..=b'9' | b'+' | b'-' | b'.' => (Some(Kind::Other), number_end(bytes, i + 1)),
        b if b.is_ascii() => (Some(Kind::Other), i + 1),
        _ => {
            let c = src.get(i..)?.chars().next()?;
            let kind = (!c.is_whitespace()).then_some(Kind::Other);
            (kind, i + c.len_utf8())
        }
    };
    Some((kind, char_boundary(src, end.max(i + 1))))
}

/// Past the blanks at `at`, eight spaces at a time where it can: most of a pretty-printed
/// plan is indentation.
fn skip_blanks(bytes: &[u8], mut at: usize) -> usize {
    const EIGHT_SPACES: u64 = u64::from_ne_bytes([b' '; 8]);
    loop {
        let eight = bytes
            .get(at..at + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok());
        if eight.is_some_and(|eight| u64::from_ne_bytes(eight) == EIGHT_SPACES) {
            at += 8;
        } else if bytes
            .get(at)
            .is_some_and(|&b| matches!(b, b' ' | b'\t'..=b'\r'))
        {
            at += 1;
        } else {
            return at;
        }
    }
}

/// Lines passed on the way to an offset; counted in chunks small enough for a byte
/// counter, which the compiler turns into vector instructions.
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(u8::MAX as usize)
        .map(|chunk| usize::from(chunk.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>()))
        .sum()
}

fn is_ident_start(b: &u8) -> bool {
    b.is_ascii_alphabetic() || *b == b'_'
}

fn word_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        i += 1;
    }
    i
}

fn number_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-'))
    {
        i += 1;
    }
    i
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
/// does not know are kept as written; this only has to match ids. A string without
/// escapes is borrowed from the text.
fn unescape(token: &str) -> Cow<'_, str> {
    let body = token.trim_start_matches('b');
    if let Some(raw) = body.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let inner = raw.get(hashes..).unwrap_or("");
        let inner = inner.strip_prefix('"').unwrap_or(inner);
        let close = format!("\"{}", "#".repeat(hashes));
        return Cow::Borrowed(inner.strip_suffix(&close).unwrap_or(inner));
    }
    let inner = body.strip_prefix('"').unwrap_or(body);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
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
    Cow::Owned(out)
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
    fn places_many_paths_at_once_in_any_order() {
        let loc = Locator::new(PLAN);
        let paths = [
            vec![f("services"), Index(0), f("placement"), Key("C".into())],
            vec![f("profiles"), Key("web".into()), f("per_rack")],
            vec![f("sites"), Index(7)],
            vec![f("profiles"), Key("web".into()), f("per_rack")],
            vec![],
            vec![f("sites"), Index(1), f("id")],
        ];
        let one_by_one: Vec<_> = paths.iter().map(|p| loc.position(p)).collect();
        assert_eq!(loc.positions(paths.iter().map(Vec::as_slice)), one_by_one);
        assert_eq!(one_by_one[0], Some((14, 72)));
        assert_eq!(one_by_one[5], Some((11, 14)));
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
