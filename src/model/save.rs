//! A plan written back as RON text: readable, and the same bytes every time for the same
//! plan, so a saved file diffs cleanly and loads back to the same plan.

use ron::ser::PrettyConfig;

use super::Plan;

/// The plan as RON: 4-space indents, struct names, lists on one line, optional values
/// written bare (the loader reads them with `implicit_some`), defaults written out so a
/// file says everything it means, and fields left out where the types skip them (empty
/// lists, no description). Must use the loader's extensions to load back the same.
pub fn to_ron(plan: &Plan) -> Result<String, ron::Error> {
    let pretty = PrettyConfig::new()
        .indentor("    ")
        .struct_names(true)
        .compact_arrays(true)
        .enumerate_arrays(false);
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut text = options.to_string_pretty(plan, pretty)?;
    text.push('\n');
    Ok(text)
}

/// Whether RON text has a comment (`//` or `/*` outside a string) that saving the plan
/// would drop, so the editor can warn before the first save.
pub fn has_comments(source: &str) -> bool {
    let mut chars = source.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match (in_string, c) {
            (true, '\\') => {
                chars.next();
            }
            (true, '"') => in_string = false,
            (false, '"') => in_string = true,
            (false, '/') if matches!(chars.peek(), Some('/') | Some('*')) => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_plan;

    const TINY: &str = include_str!("../../plans/tiny.ron");

    #[test]
    fn comments_outside_strings_are_found() {
        assert!(has_comments("Plan(name: \"x\") // why"));
        assert!(has_comments("Plan(/* why */ name: \"x\")"));
        assert!(has_comments(TINY));
    }

    #[test]
    fn slashes_inside_strings_are_not_comments() {
        assert!(!has_comments("Plan(name: \"http://x/*y*/\")"));
        assert!(!has_comments("Plan(name: \"a \\\" // b\")"));
        assert!(!has_comments("Plan(name: \"a/b\", x: 1 / 2)"));
    }

    #[test]
    fn saved_text_has_no_comments_and_loads_back_to_the_same_plan() {
        let plan = load_plan(TINY, "tiny.ron").map(|l| l.plan).unwrap();
        let text = to_ron(&plan).unwrap();
        assert!(!has_comments(&text));
        let again = load_plan(&text, "saved.ron").map(|l| l.plan).unwrap();
        assert_eq!(again, plan);
        assert_eq!(to_ron(&again).unwrap(), text);
    }

    #[test]
    fn the_bundled_plan_saves_and_loads_back_the_same() {
        let source = include_str!("../../plans/ansan-2024.ron");
        let plan = load_plan(source, "ansan-2024.ron").map(|l| l.plan).unwrap();
        let text = to_ron(&plan).unwrap();
        assert_eq!(load_plan(&text, "saved.ron").map(|l| l.plan).unwrap(), plan);
        assert_eq!(to_ron(&plan).unwrap(), text);
    }

    #[test]
    fn saved_text_is_indented_with_four_spaces_and_names_structs() {
        let plan = load_plan(TINY, "tiny.ron").map(|l| l.plan).unwrap();
        let text = to_ron(&plan).unwrap();
        assert!(
            text.starts_with("Plan(\n    name: \"Tiny example\",\n"),
            "{text}"
        );
        assert!(
            text.contains("slo: 0.9999,"),
            "optional values are written bare: {text}"
        );
        assert!(text.contains("failover: Standby([\"A\"]),\n"), "{text}");
        assert!(text.contains("data: [\"C\", \"A\"],\n"), "{text}");
        assert!(!text.contains("Some("), "{text}");
        assert!(!text.contains('\t'));
    }
}
