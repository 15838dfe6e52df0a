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

/// Reads plan text without validating it: for text this program wrote or read before.
pub(crate) fn parse_plan(source: &str) -> Result<Plan, ron::error::SpannedError> {
    options().from_str(source)
}

/// Parses and validates plan text; `file` names it in every message.
pub fn load_plan(source: &str, file: &str) -> Result<Loaded, PlanErrors> {
    let plan: Plan =
        parse_plan(source).map_err(|e| PlanErrors(vec![syntax_error(source, file, &e)]))?;
    let issues = validate(&plan);
    let positions = Locator::new(source).positions(issues.iter().map(|i| i.path.as_slice()));
    let (errors, warnings): (Vec<_>, Vec<_>) = issues
        .into_iter()
        .zip(positions)
        .map(|(issue, position)| Diagnostic {
            severity: issue.severity,
            file: file.to_string(),
            position,
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

pub(crate) fn plan_label(plan: &Plan, collection: &str, i: usize) -> Option<String> {
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
    // Only the text up to the error's line matters, so a huge file costs no more than it.
    let end = source
        .match_indices('\n')
        .nth(line.saturating_sub(1))
        .map_or(source.len(), |(i, _)| i);
    let locator = Locator::new(source.get(..end).unwrap_or(source));
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

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = include_str!("../../plans/tiny.ron");

    #[track_caller]
    fn only_error(result: Result<Loaded, PlanErrors>) -> Diagnostic {
        match result {
            Ok(_) => panic!("the plan loaded"),
            Err(PlanErrors(mut errors)) => {
                assert_eq!(errors.len(), 1, "{errors:#?}");
                errors.remove(0)
            }
        }
    }

    #[test]
    fn the_tiny_plan_loads_with_its_warning_placed() {
        let loaded = load_plan(TINY, "tiny.ron").expect("tiny is valid");
        assert_eq!(loaded.plan.sites.len(), 3);
        assert_eq!(loaded.warnings.len(), 1);
        let w = &loaded.warnings[0];
        assert_eq!(w.position, Some((31, 9)));
        assert_eq!(w.item.as_deref(), Some("service \"front\""));
    }

    #[test]
    fn a_saved_plan_loads_again() {
        let plan = load_plan(TINY, "tiny.ron").expect("tiny is valid").plan;
        let saved = ron::ser::to_string_pretty(&plan, ron::ser::PrettyConfig::default())
            .expect("a plan serializes");
        assert!(
            saved.contains("probability: ["),
            "a list, not a tuple: {saved}"
        );
        let again = load_plan(&saved, "saved.ron")
            .expect("the saved plan is valid")
            .plan;
        assert_eq!(again, plan);
    }

    #[test]
    fn an_empty_file_says_so() {
        for text in ["", "  \n\t\n"] {
            let e = only_error(load_plan(text, "p.ron"));
            assert!(e.message.starts_with("the file is empty"), "{e}");
        }
    }

    #[test]
    fn bytes_that_are_not_text_are_refused_without_a_position() {
        let e = only_error(load_plan_bytes(&[b'P', 0xff, 0xfe, 0], "p.ron"));
        assert_eq!(e.position, None);
        assert_eq!(
            e.to_string(),
            "p.ron: error: the file is not UTF-8 text (invalid byte at offset 1); \
             a plan is a RON text file"
        );
    }

    #[test]
    fn deep_brackets_are_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        let e = only_error(load_plan(&deep, "p.ron"));
        assert_eq!(e.position, Some((1, 1)));
        let inside = format!("Plan(name: {deep}");
        let e = only_error(load_plan(&inside, "p.ron"));
        assert_eq!(e.position, Some((1, 12)));
        assert_eq!(e.item.as_deref(), Some("name"));
    }

    #[test]
    fn numbers_beyond_f64_and_nan_are_not_finite() {
        let big = TINY.replacen("servers: 300", "servers: 1e400", 1);
        let e = only_error(load_plan(&big, "p.ron"));
        assert_eq!(e.message, "must be a finite number, not inf");
        assert_eq!(e.item.as_deref(), Some("service \"billing\".servers"));
        assert_eq!(e.position, Some((35, 19)));
        let nan = TINY.replacen("per_rack: 20", "per_rack: NaN", 1);
        let e = only_error(load_plan(&nan, "p.ron"));
        assert_eq!(e.message, "must be a finite number, not NaN");
        assert_eq!(e.item.as_deref(), Some("profile \"web\".per_rack"));
        assert_eq!(e.position, Some((13, 42)));
    }

    #[test]
    fn negative_and_fractional_numbers_in_whole_number_fields() {
        let neg = TINY.replacen("horizon_months: 24", "horizon_months: -24", 1);
        let e = only_error(load_plan(&neg, "p.ron"));
        assert_eq!(e.position, Some((10, 25)));
        assert_eq!(e.item.as_deref(), Some("policy.horizon_months"));
        assert!(e.message.contains("must not be negative"), "{e}");
        let frac = TINY.replacen("earthquake: 2", "earthquake: 2.5", 1);
        let e = only_error(load_plan(&frac, "p.ron"));
        assert_eq!(e.item.as_deref(), Some("region \"r1\".earthquake"));
        assert!(e.message.contains("whole number"), "{e}");
    }

    #[test]
    fn ten_megabytes_of_garbage_is_one_error() {
        let mut x: u32 = 12345;
        let garbage: String = (0..10_000_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b"([{}])\"':,/*#r 0aZ-\n\\"[(x >> 16) as usize % 21])
            })
            .collect();
        let e = only_error(load_plan(&garbage, "p.ron"));
        assert!(e.position.is_some());
    }
}
