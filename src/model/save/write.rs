//! Values written as RON in headroom's own clean style: no struct names but the plan's, a
//! value on one line when it fits, numbers as a planner types them (`36000`, `0.8`), and
//! strings escaped only where RON needs it.

use crate::model::tree::Node;

/// Lines are kept within this many characters where a value allows.
pub(crate) const WIDTH: usize = 100;
const INDENT: &str = "    ";

/// A number as typed: whole numbers without a fraction, others in the shortest form that
/// reads back as the same number.
pub fn number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        // A whole number of this size is exact as an integer; -0 is written as 0.
        format!("{}", x as i64)
    } else if x.is_nan() {
        "NaN".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_string()
    } else {
        format!("{x:?}")
    }
}

/// A string in double quotes, with only the quote, the backslash and control characters
/// escaped: `"Kakao's"` stays readable.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The value on one line.
pub fn inline(node: &Node) -> String {
    let mut out = String::new();
    write_inline(node, &mut out);
    out
}

fn write_inline(node: &Node, out: &mut String) {
    match node {
        Node::Struct(fields) => {
            out.push('(');
            for (k, (name, value)) in fields.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push_str(name);
                out.push_str(": ");
                write_inline(value, out);
            }
            out.push(')');
        }
        Node::Seq(items) => {
            out.push('[');
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                write_inline(item, out);
            }
            out.push(']');
        }
        Node::Map(entries) => {
            out.push('{');
            for (k, (key, value)) in entries.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push_str(&string(key));
                out.push_str(": ");
                write_inline(value, out);
            }
            out.push('}');
        }
        Node::Variant(name, content) => {
            out.push_str(name);
            if let Some(content) = content {
                out.push('(');
                write_inline(content, out);
                out.push(')');
            }
        }
        Node::Str(s) => out.push_str(&string(s)),
        Node::Float(x) => out.push_str(&number(*x)),
        Node::Int(n) => out.push_str(&n.to_string()),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::None => out.push_str("None"),
        Node::Unit => out.push_str("()"),
    }
}

/// The value as it goes after `prefix` (what its line holds before it, indentation
/// included) on a line indented by `indent`: on one line when that fits in the width,
/// else one field, element or entry per line, each indented one step further.
pub fn block(node: &Node, indent: &str, prefix: usize) -> String {
    let one_line = inline(node);
    if prefix + one_line.chars().count() < WIDTH || !is_group(node) {
        return one_line;
    }
    let inner = format!("{indent}{INDENT}");
    let mut out = String::new();
    let (open, close) = match node {
        Node::Struct(_) => ('(', ')'),
        Node::Seq(_) => ('[', ']'),
        _ => ('{', '}'),
    };
    out.push(open);
    let mut line = |head: String, value: &Node| {
        out.push('\n');
        out.push_str(&inner);
        let prefix = inner.len() + head.chars().count();
        out.push_str(&head);
        out.push_str(&block(value, &inner, prefix));
        out.push(',');
    };
    match node {
        Node::Struct(fields) => fields
            .iter()
            .for_each(|(name, value)| line(format!("{name}: "), value)),
        Node::Seq(items) => items.iter().for_each(|item| line(String::new(), item)),
        Node::Map(entries) => entries
            .iter()
            .for_each(|(key, value)| line(format!("{}: ", string(key)), value)),
        _ => {}
    }
    out.push('\n');
    out.push_str(indent);
    out.push(close);
    out
}

fn is_group(node: &Node) -> bool {
    match node {
        Node::Struct(fields) => !fields.is_empty(),
        Node::Seq(items) => !items.is_empty(),
        Node::Map(entries) => !entries.is_empty(),
        _ => false,
    }
}

/// A whole plan file: `Plan(` and one top-level field per line.
pub fn plan(tree: &Node) -> String {
    let mut out = String::from("Plan(");
    if let Node::Struct(fields) = tree {
        for (name, value) in fields {
            out.push('\n');
            out.push_str(INDENT);
            out.push_str(name);
            out.push_str(": ");
            out.push_str(&block(value, INDENT, INDENT.len() + name.len() + 2));
            out.push(',');
        }
    }
    out.push_str("\n)\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_a_planner_types_them() {
        assert_eq!(number(36000.0), "36000");
        assert_eq!(number(0.8), "0.8");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number(1e-7), "1e-7");
        assert_eq!(number(2e20), "2e20");
        for x in [0.1 + 0.2, 1e-7, 2e20, 123.456, 1e15, -3.5] {
            assert_eq!(number(x).parse::<f64>(), Ok(x));
        }
    }

    #[test]
    fn strings_escape_only_what_ron_needs() {
        assert_eq!(string("Kakao's"), "\"Kakao's\"");
        assert_eq!(string("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(string("line\nnext\u{1b}[2J"), "\"line\\nnext\\u{1b}[2J\"");
        assert_eq!(string("한국"), "\"한국\"");
    }

    #[test]
    fn a_value_that_fits_stays_on_one_line() {
        let node = Node::Struct(vec![
            ("id", Node::Str("A".into())),
            ("servers", Node::Float(1000.0)),
            ("data", Node::Seq(vec![Node::Str("A".into())])),
        ]);
        assert_eq!(
            block(&node, "", 0),
            "(id: \"A\", servers: 1000, data: [\"A\"])"
        );
        let long = Node::Seq(vec![Node::Str("x".repeat(60)), Node::Str("y".repeat(60))]);
        assert_eq!(
            block(&long, "    ", 10),
            format!(
                "[\n        \"{}\",\n        \"{}\",\n    ]",
                "x".repeat(60),
                "y".repeat(60)
            )
        );
    }
}
