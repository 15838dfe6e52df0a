//! serde_json's two-space pretty printing, able to start partway into a document: a part
//! written on its own comes out byte for byte as it would in place, so parts can be
//! written apart (and on other threads) and put one after the other.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// A fixed-size copy is a couple of moves where one of a length known only at run time
/// is a call; the report's long lists are never indented wider than this, and deeper
/// lines are padded out instead.
const FIXED: usize = 32;

/// `,\n` and spaces: a separator, line break and indentation are one slice of it.
const BREAK: [u8; 2 + FIXED] = {
    let mut bytes = [b' '; 2 + FIXED];
    bytes[0] = b',';
    bytes[1] = b'\n';
    bytes
};

/// The line break, with a comma before all but the first, that starts an item of an
/// array or a member of an object standing `depth` levels deep.
#[inline(always)]
pub fn item_break(buf: &mut Vec<u8>, first: bool, depth: usize) {
    line(buf, usize::from(first), depth);
}

/// What ends an array or object whose `{` or `[` stands `depth` levels deep: on a line
/// of its own, or straight after the opening bracket when there is nothing inside.
#[inline(always)]
pub fn close(buf: &mut Vec<u8>, depth: usize, has_value: bool, bracket: u8) {
    if has_value {
        line(buf, 1, depth);
    }
    buf.push(bracket);
}

/// `BREAK[from..2]` (`,\n` or `\n`) and the indentation of `depth`.
#[inline(always)]
fn line(buf: &mut Vec<u8>, from: usize, depth: usize) {
    let width = 2 - from + 2 * depth;
    let end = buf.len() + width;
    if width <= FIXED {
        buf.extend_from_slice(&BREAK[from..from + FIXED]);
        buf.truncate(end);
    } else {
        buf.extend_from_slice(&BREAK[from..2]);
        buf.resize(end, b' ');
    }
}

/// `value` as it would be pretty printed inside a document `depth` levels deep.
pub fn write_at<T: Serialize + ?Sized>(
    buf: &mut Vec<u8>,
    depth: usize,
    value: &T,
) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(buf, Pretty::at(depth));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// `serde_json::ser::PrettyFormatter` with two spaces, starting at a given depth.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Pretty {
        Pretty {
            depth,
            has_value: false,
        }
    }

    fn open<W: Write + ?Sized>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn end<W: Write + ?Sized>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.line(out, 1)?;
        }
        out.write_all(bracket)
    }

    /// [`line`] for any writer, as serde requires.
    fn line<W: Write + ?Sized>(&self, out: &mut W, from: usize) -> io::Result<()> {
        out.write_all(&BREAK[from..2])?;
        let mut width = 2 * self.depth;
        while width > 0 {
            let step = width.min(FIXED);
            out.write_all(&BREAK[2..2 + step])?;
            width -= step;
        }
        Ok(())
    }
}

impl Formatter for Pretty {
    fn begin_array<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.end(out, b"]")
    }

    fn begin_array_value<W: Write + ?Sized>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, usize::from(first))
    }

    fn end_array_value<W: Write + ?Sized>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        self.end(out, b"}")
    }

    fn begin_object_key<W: Write + ?Sized>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, usize::from(first))
    }

    fn begin_object_value<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: Write + ?Sized>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Pretty printed `depth` levels deep, a value is its text with every line after
    /// the first indented that much more.
    fn indented(text: &str, depth: usize) -> String {
        text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
    }

    #[test]
    fn a_value_printed_deep_in_a_document_is_indented_as_in_place() {
        let value = json!({"a": [1, {"b": []}, {}], "c": {"d": null}, "e": []});
        let flat = serde_json::to_string_pretty(&value).unwrap();
        for depth in [0, 1, 5, 15, 16, 17, 40] {
            let mut buf = Vec::new();
            write_at(&mut buf, depth, &value).unwrap();
            assert_eq!(String::from_utf8(buf).unwrap(), indented(&flat, depth));
        }
    }

    #[test]
    fn line_breaks_are_indented_at_any_depth() {
        for depth in 0..40 {
            let mut buf = b"x".to_vec();
            item_break(&mut buf, false, depth);
            item_break(&mut buf, true, depth);
            close(&mut buf, depth, true, b']');
            let line = format!("\n{}", "  ".repeat(depth));
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                format!("x,{line}{line}{line}]")
            );
        }
    }
}
