//! Reading a plan from RON text: syntax and types first, then the rules of a valid plan.

use super::diagnostic::{Diagnostic, PlanErrors, Severity};
use super::locate::Locator;
use super::path::{describe, label_field, PathSeg};
use super::validate::validate;
use super::Plan;

/// A plan that passed validation, with the warnings it still deserves.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub plan: Plan,
    pub warnings: Vec<Diagnostic>,
}

/// How deep ron may nest before it gives up (its own default, written down so the message
/// can say it). A plan needs about eight levels.
const RECURSION_LIMIT: usize = 128;

fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// Parses and validates plan text; `file` names it in every message.
pub fn load_plan(source: &str, file: &str) -> Result<Loaded, PlanErrors> {
    let plan: Plan = options()
        .from_str(source)
        .map_err(|e| PlanErrors(vec![syntax_error(source, file, &e)]))?;
    let locator = Locator::new(source);
    let (errors, warnings): (Vec<_>, Vec<_>) = validate(&plan)
        .into_iter()
        .map(|issue| Diagnostic {
            severity: issue.severity,
            file: file.to_string(),
            position: locator.position(&issue.path),
            item: Some(describe(&issue.path, |coll, i| plan_label(&plan, coll, i))),
            message: issue.message,
        })
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        Ok(Loaded { plan, warnings })
    } else {
        Err(PlanErrors(errors))
    }
}

/// Like [`load_plan`], for bytes that may not be text at all.
pub fn load_plan_bytes(bytes: &[u8], file: &str) -> Result<Loaded, PlanErrors> {
    match std::str::from_utf8(bytes) {
        Ok(source) => load_plan(source, file),
        Err(e) => Err(PlanErrors(vec![Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            position: None,
            item: None,
            message: format!(
                "the file is not UTF-8 text (invalid byte at offset {}); a plan is a RON text file",
                e.valid_up_to()
            ),
        }])),
    }
}

fn plan_label(plan: &Plan, collection: &str, i: usize) -> Option<String> {
    match collection {
        "regions" => plan.regions.get(i).map(|r| r.id.clone()),
        "sites" => plan.sites.get(i).map(|s| s.id.clone()),
        "services" => plan.services.get(i).map(|s| s.id.clone()),
        "scenarios" => plan.scenarios.get(i).map(|s| s.name.clone()),
        _ => None,
    }
}

/// A syntax or type error, at ron's position, named by the item the scanner finds there.
fn syntax_error(source: &str, file: &str, e: &ron::error::SpannedError) -> Diagnostic {
    let (line, col) = value_position(source, e);
    Diagnostic {
        severity: Severity::Error,
        file: file.to_string(),
        position: Some((line, col)),
        item: syntax_item(source, line, col),
        message: syntax_message(source, line, col, &e.code),
    }
}

/// ron's position, moved onto the offending value: ron places some errors on the blank
/// before a value, and a negative number's error just after its sign.
fn value_position(source: &str, e: &ron::error::SpannedError) -> (usize, usize) {
    let (line, col) = (e.span.start.line, e.span.start.col);
    let here = text_at(source, line, col);
    let blanks = here.chars().take_while(|c| c.is_whitespace()).count();
    if blanks > 0 && blanks < here.chars().count() {
        (line, col + blanks)
    } else if e.code == ron::Error::IntegerOutOfBounds
        && col > 1
        && text_at(source, line, col - 1).starts_with('-')
    {
        (line, col - 1)
    } else {
        (line, col)
    }
}

/// The item around a syntax error, when the error sits inside the plan's own fields.
fn syntax_item(source: &str, line: usize, col: usize) -> Option<String> {
    let locator = Locator::new(source);
    let path = locator.path_at(line, col);
    let label = |coll: &str, i: usize| {
        let field = label_field(coll)?;
        locator.string_at(&[
            PathSeg::field(coll),
            PathSeg::Index(i),
            PathSeg::field(field),
        ])
    };
    matches!(path.first(), Some(PathSeg::Field(_))).then(|| describe(&path, label))
}

/// ron's message, reworded where a planner would not know what to do with it.
fn syntax_message(source: &str, line: usize, col: usize, code: &ron::Error) -> String {
    use ron::Error;
    let here = text_at(source, line, col);
    if source.trim().is_empty() {
        return "the file is empty; a plan starts with `Plan(` (see plans/tiny.ron)".to_string();
    }
    match code {
        Error::Eof => {
            "the file ends before the plan does; look for a missing `)`, `]`, `}` or `\"`"
                .to_string()
        }
        Error::ExceededRecursionLimit => format!(
            "brackets nest more than {RECURSION_LIMIT} deep; a plan needs only a few levels"
        ),
        Error::IntegerOutOfBounds if here.starts_with('-') => {
            "must not be negative: this field takes a whole number of 0 or more".to_string()
        }
        Error::IntegerOutOfBounds => "the number is too large for this field".to_string(),
        Error::ExpectedComma if here.starts_with(['.', 'e', 'E']) => {
            "this field takes a whole number, without a fraction or exponent".to_string()
        }
        other => other.to_string(),
    }
}

/// The rest of the 1-based `line` from the 1-based character column `col`.
fn text_at(source: &str, line: usize, col: usize) -> &str {
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    text.char_indices()
        .nth(col.saturating_sub(1))
        .and_then(|(i, _)| text.get(i..))
        .unwrap_or("")
}
