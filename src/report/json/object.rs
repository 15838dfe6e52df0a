//! JSON objects written member by member into a buffer, laid out as serde_json's pretty
//! printer lays them out. The report's long lists go this way rather than through serde:
//! a serde struct escapes every key as if it could hold anything and makes several small
//! writes per member, which was most of the time a hyperscale report took to write.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

use super::chunked::write_items;
use super::pretty::{close, item_break, write_at};

/// An open object whose `{` stands `depth` levels deep.
pub struct Object<'b> {
    buf: &'b mut Vec<u8>,
    depth: usize,
    first: bool,
}

// The members of the long lists are written millions of times: inlined where the key is
// known, a member's key and line break are a few stores rather than calls and copies.
impl<'b> Object<'b> {
    #[inline(always)]
    pub fn open(buf: &'b mut Vec<u8>, depth: usize) -> Self {
        buf.push(b'{');
        Object {
            buf,
            depth,
            first: true,
        }
    }

    /// Starts a member and returns where its value goes, one level deeper than the
    /// object. Keys are the report's own plain names, which need no escaping.
    #[inline(always)]
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        item_break(self.buf, self.first, self.depth + 1);
        self.first = false;
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\": ");
        self.buf
    }

    pub fn str(&mut self, key: &str, value: &str) -> io::Result<()> {
        string(self.key(key), value)
    }

    /// One of the report's own plain names, such as a tier, which needs no escaping.
    #[inline(always)]
    pub fn word(&mut self, key: &str, value: &str) -> io::Result<()> {
        let buf = self.key(key);
        buf.push(b'"');
        buf.extend_from_slice(value.as_bytes());
        buf.push(b'"');
        Ok(())
    }

    /// A value already written as JSON.
    #[inline(always)]
    pub fn json(&mut self, key: &str, value: &[u8]) -> io::Result<()> {
        self.key(key).write_all(value)
    }

    #[inline(always)]
    pub fn f64(&mut self, key: &str, value: f64) -> io::Result<()> {
        number(self.key(key), value)
    }

    /// `null` for `None`, as serde writes an `Option`.
    #[inline(always)]
    pub fn opt_f64(&mut self, key: &str, value: Option<f64>) -> io::Result<()> {
        match value {
            Some(v) => self.f64(key, v),
            None => self.json(key, b"null"),
        }
    }

    #[inline(always)]
    pub fn bool(&mut self, key: &str, value: bool) -> io::Result<()> {
        self.json(key, if value { b"true" } else { b"false" })
    }

    /// `null` for `None`, as serde writes an `Option`.
    pub fn opt_bool(&mut self, key: &str, value: Option<bool>) -> io::Result<()> {
        match value {
            Some(v) => self.bool(key, v),
            None => self.json(key, b"null"),
        }
    }

    /// Any value, through serde; for the parts of the report that are not long.
    pub fn value<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> io::Result<()> {
        let depth = self.depth + 1;
        write_at(self.key(key), depth, value)
    }

    #[inline(always)]
    pub fn object(&mut self, key: &str) -> Object<'_> {
        let depth = self.depth + 1;
        Object::open(self.key(key), depth)
    }

    /// An array of `items`, each written by `write` given the depth it stands at.
    pub fn list<I, F>(&mut self, key: &str, items: I, mut write: F) -> io::Result<()>
    where
        I: IntoIterator,
        F: FnMut(&mut Vec<u8>, usize, I::Item) -> io::Result<()>,
    {
        let depth = self.depth + 1;
        let buf = self.key(key);
        buf.push(b'[');
        let mut first = true;
        for item in items {
            item_break(buf, first, depth + 1);
            first = false;
            write(buf, depth + 1, item)?;
        }
        close(buf, depth, !first, b']');
        Ok(())
    }

    /// A long array of `n` items, written straight to `out` after what the buffer holds
    /// so far, which goes first; see [`write_items`].
    pub fn array<W, F>(
        &mut self,
        out: &mut W,
        key: &str,
        n: usize,
        per_chunk: usize,
        item: F,
    ) -> io::Result<()>
    where
        W: Write + ?Sized,
        F: Fn(&mut Vec<u8>, usize, usize) -> io::Result<()> + Sync,
    {
        let depth = self.depth + 1;
        self.key(key).push(b'[');
        out.write_all(self.buf)?;
        self.buf.clear();
        write_items(out, depth + 1, n, per_chunk, item)?;
        close(self.buf, depth, n > 0, b']');
        Ok(())
    }

    #[inline(always)]
    pub fn close(self) {
        close(self.buf, self.depth, !self.first, b'}');
    }
}

/// A string as serde_json escapes it.
pub fn string(buf: &mut Vec<u8>, value: &str) -> io::Result<()> {
    serde_json::to_writer(buf, value).map_err(io::Error::from)
}

/// A number as serde_json writes an `f64`: the shortest text that reads back the same,
/// and `null` for what JSON cannot hold.
#[inline(always)]
fn number(buf: &mut Vec<u8>, value: f64) -> io::Result<()> {
    if value.is_finite() {
        CompactFormatter.write_f64(buf, value)
    } else {
        buf.write_all(b"null")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_object_is_laid_out_as_serde_pretty_prints_it() {
        let (mut buf, mut out) = (Vec::new(), Vec::new());
        let mut o = Object::open(&mut buf, 0);
        o.f64("a", 0.1).unwrap();
        o.opt_f64("b", None).unwrap();
        o.bool("c", true).unwrap();
        o.list("d", [1.5, f64::NAN, -0.0], |buf, _, x| number(buf, x))
            .unwrap();
        o.list("e", [0.0; 0], |buf, _, x| number(buf, x)).unwrap();
        let mut f = o.object("f");
        f.str("g", "a \"quote\",\ta tab and \u{1} é").unwrap();
        f.object("h").close();
        f.word("i", "what_if").unwrap();
        f.close();
        let item = |buf: &mut Vec<u8>, depth, i: usize| {
            let mut x = Object::open(buf, depth);
            x.opt_bool("j", (i > 0).then_some(i > 1))?;
            x.close();
            Ok(())
        };
        o.array(&mut out, "k", 3, 2, item).unwrap();
        o.array(&mut out, "l", 0, 2, item).unwrap();
        o.value("m", &json!({"n": [1, 2], "o": {}})).unwrap();
        o.close();
        out.extend(buf);
        let expected = json!({
            "a": 0.1, "b": null, "c": true, "d": [1.5, null, -0.0], "e": [],
            "f": {"g": "a \"quote\",\ta tab and \u{1} é", "h": {}, "i": "what_if"},
            "k": [{"j": null}, {"j": false}, {"j": true}], "l": [],
            "m": {"n": [1, 2], "o": {}},
        });
        let expected = serde_json::to_string_pretty(&expected).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn numbers_are_written_as_serde_writes_them() {
        let values = [
            0.0,
            -0.0,
            1.0,
            0.1,
            1.0 / 3.0,
            1e15,
            1e16,
            1e-7,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for v in values {
            let mut buf = Vec::new();
            number(&mut buf, v).unwrap();
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                serde_json::to_string(&v).unwrap()
            );
        }
    }
}
