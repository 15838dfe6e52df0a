//! Saving edits the plan file's own text: for every kind of edit the edit pane offers, on
//! every shipped plan, the saved text differs from the file only in the lines of what was
//! edited (checked on a line diff), and it loads back as exactly the edited plan.

use headroom::model::edit::{self, Collection, ItemRef};
use headroom::model::save::edited_text;
use headroom::model::{load_plan, History, Plan};

const PLANS: [(&str, &str); 4] = [
    ("tiny", include_str!("../plans/tiny.ron")),
    ("ansan-2024", include_str!("../plans/ansan-2024.ron")),
    ("kakao-2022", include_str!("../plans/kakao-2022.ron")),
    (
        "three-region-active-active",
        include_str!("../plans/three-region-active-active.ron"),
    ),
];

fn load(text: &str) -> Plan {
    load_plan(text, "plan.ron")
        .unwrap_or_else(|e| panic!("does not load: {e}\n{text}"))
        .plan
}

/// The lines only the old text has and the lines only the new one has, by a longest
/// common subsequence of lines: what `git diff` shows.
fn line_diff(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(b[j].to_string());
            j += 1;
        } else {
            removed.push(a[i].to_string());
            i += 1;
        }
    }
    (removed, added)
}

/// An edit made through the history, as the editor makes it, and the saved text.
struct Saved {
    text: String,
    removed: Vec<String>,
    added: Vec<String>,
}

fn save(source: &str, make: impl FnOnce(&Plan) -> Result<edit::Edit, edit::EditError>) -> Saved {
    let mut plan = load(source);
    let edit = make(&plan).unwrap_or_else(|e| panic!("edit refused: {e}"));
    History::new()
        .apply(&mut plan, edit)
        .unwrap_or_else(|e| panic!("edit refused: {e}"));
    let text = edited_text(source, &plan).unwrap_or_else(|e| panic!("not saved: {e}"));
    assert_eq!(load(&text), plan, "loads back as the edited plan");
    let (removed, added) = line_diff(source, &text);
    Saved {
        text,
        removed,
        added,
    }
}

fn set(source: &str, item: ItemRef, key: &'static str, value: &str) -> Saved {
    save(source, |plan| {
        let path = edit::fields(plan, item)?
            .into_iter()
            .find(|f| f.label == key)
            .map(|f| f.path)
            .unwrap_or_else(|| panic!("{item:?} has no field {key}"));
        edit::set_field(plan, &path, value)
    })
}

/// One line changed, into the same line with `from` written as `to`.
#[track_caller]
fn one_line(saved: &Saved, from: &str, to: &str) {
    assert_eq!(
        (saved.removed.len(), saved.added.len()),
        (1, 1),
        "{:?} {:?}",
        saved.removed,
        saved.added
    );
    assert_eq!(saved.added[0], saved.removed[0].replacen(from, to, 1));
}

fn site_with_description(plan: &Plan) -> Option<usize> {
    plan.sites.iter().position(|s| s.description.is_some())
}

#[test]
fn a_number_a_count_and_a_rating_change_one_line_each() {
    for (name, source) in PLANS {
        let plan = load(source);
        let servers = plan.sites[0].capacity.servers;
        let saved = set(source, ItemRef::Site(0), "capacity.servers", "1234.5");
        one_line(&saved, &format!("servers: {servers}"), "servers: 1234.5");

        let horizon = plan.policy.horizon_months;
        let saved = set(source, ItemRef::Policy, "horizon_months", "30");
        one_line(
            &saved,
            &format!("horizon_months: {horizon}"),
            "horizon_months: 30",
        );

        let flood = plan.sites[1].hazards.flood;
        let new = flood % 5 + 1;
        let saved = set(source, ItemRef::Site(1), "hazards.flood", &new.to_string());
        one_line(&saved, &format!("flood: {flood}"), &format!("flood: {new}"));
        assert!(saved.text.len() > 100, "{name}");
    }
}

#[test]
fn number_spelling_elsewhere_on_the_line_is_kept() {
    let source = include_str!("../plans/ansan-2024.ron");
    let saved = set(source, ItemRef::Service(0), "servers", "31000");
    one_line(&saved, "servers: 30000", "servers: 31000");
    let saved = set(source, ItemRef::Service(3), "slo", "0.9999");
    one_line(&saved, "slo: 0.9995", "slo: 0.9999");
    assert!(
        saved.added[0].contains("growth: 0.01)"),
        "{:?}",
        saved.added
    );
    let saved = set(
        source,
        ItemRef::Service(3),
        "placement",
        "ANS: 0.5, ANY: 0.3, BSN: 0.2",
    );
    one_line(
        &saved,
        "\"ANY\": 0.25, \"BSN\": 0.25",
        "\"ANY\": 0.3, \"BSN\": 0.2",
    );
    assert!(
        saved.added[0].contains("{\"ANS\": 0.50,"),
        "0.50 kept: {:?}",
        saved.added
    );
}

#[test]
fn texts_choices_lists_and_references_change_one_line_each() {
    for (_, source) in PLANS {
        let plan = load(source);
        let old = &plan.sites[0].name;
        let saved = set(source, ItemRef::Site(0), "name", "Kakao's \"new\" hall");
        one_line(
            &saved,
            &format!("name: \"{old}\""),
            "name: \"Kakao's \\\"new\\\" hall\"",
        );

        let service = &plan.services[0];
        let saved = set(source, ItemRef::Service(0), "tier", "Batch");
        one_line(
            &saved,
            &format!("tier: {}", service.tier.name()),
            "tier: Batch",
        );

        let data = service.data.iter().rev().cloned().collect::<Vec<_>>();
        let saved = set(source, ItemRef::Service(0), "data", &data.join(", "));
        let quoted = |ids: &[String]| {
            ids.iter()
                .map(|d| format!("\"{d}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        one_line(
            &saved,
            &format!("data: [{}]", quoted(&service.data)),
            &format!("data: [{}]", quoted(&data)),
        );

        let saved = set(source, ItemRef::Service(0), "failover", "NoFailover");
        assert_eq!((saved.removed.len(), saved.added.len()), (1, 1));
        assert!(saved.added[0].contains("failover: NoFailover"));

        let profile = plan.profiles.keys().last().unwrap_or_default().to_string();
        let saved = set(source, ItemRef::Service(1), "profile", &profile);
        if plan.services[1].profile != profile {
            one_line(
                &saved,
                &format!("profile: \"{}\"", plan.services[1].profile),
                &format!("profile: \"{profile}\""),
            );
        }
    }
}

#[test]
fn optional_fields_are_added_in_place_and_cleared_with_their_line() {
    for (_, source) in PLANS {
        let plan = load(source);
        // A field an item leaves out is added to the item's own lines.
        let saved = set(source, ItemRef::Region(0), "description", "Added");
        assert_eq!(saved.removed.len(), saved.added.len(), "{:?}", saved.added);
        assert!(saved
            .added
            .iter()
            .any(|l| l.contains("description: \"Added\"")));
        assert!(saved.added.len() <= 2, "{:?}", saved.added);

        if let Some(s) = site_with_description(&plan) {
            let saved = set(source, ItemRef::Site(s), "description", "");
            assert_eq!(saved.added.len(), 0, "{:?}", saved.added);
            assert_eq!(saved.removed.len(), 1, "{:?}", saved.removed);
            assert!(saved.removed[0].trim_start().starts_with("description:"));
        }

        let with_slo = plan.services.iter().position(|s| s.slo.is_some()).unwrap();
        let saved = set(source, ItemRef::Service(with_slo), "slo", "");
        assert_eq!((saved.removed.len(), saved.added.len()), (1, 1));
        assert!(!saved.added[0].contains("slo"), "{:?}", saved.added);
        let without = plan.services.iter().position(|s| s.slo.is_none()).unwrap();
        let saved = set(source, ItemRef::Service(without), "slo", "0.99");
        assert_eq!((saved.removed.len(), saved.added.len()), (1, 1));
        assert!(saved.added[0].contains("slo: 0.99"), "{:?}", saved.added);
    }
}

#[test]
fn a_power_chain_is_added_below_its_site_and_removed_with_its_lines() {
    for (_, source) in PLANS {
        let plan = load(source);
        if let Some(j) = plan.sites.iter().position(|s| s.power.is_none()) {
            let saved = set(source, ItemRef::Site(j), "power", "yes");
            assert!(saved.removed.len() <= 1, "{:?}", saved.removed);
            assert!(
                saved.added.iter().any(|l| l.trim() == "power: ("),
                "{:?}",
                saved.added
            );
            assert!(
                saved.added.iter().any(|l| l.trim() == "feeds: 2,"),
                "{:?}",
                saved.added
            );
        }
        if let Some(j) = plan.sites.iter().position(|s| s.power.is_some()) {
            let saved = set(source, ItemRef::Site(j), "power", "no");
            assert!(saved.added.len() <= 1, "{:?}", saved.added);
            assert!(
                saved.removed.iter().any(|l| l.contains("power: (")),
                "{:?}",
                saved.removed
            );
        }
    }
}

#[test]
fn a_renamed_id_changes_every_line_it_is_written_on_and_nothing_else() {
    for (_, source) in PLANS {
        let plan = load(source);
        let old = plan.sites[0].id.clone();
        let saved = set(source, ItemRef::Site(0), "id", "NEW");
        let quoted = format!("\"{old}\"");
        let written = source.lines().filter(|l| l.contains(&quoted)).count();
        assert_eq!(saved.removed.len(), written, "{:?}", saved.removed);
        assert_eq!(saved.added.len(), written);
        for (before, after) in saved.removed.iter().zip(&saved.added) {
            assert_eq!(*after, before.replace(&quoted, "\"NEW\""));
        }
    }
}

#[test]
fn an_added_expansion_adds_only_its_lines() {
    for (_, source) in PLANS {
        let plan = load(source);
        let site = plan.sites.len() - 1;
        let had = !plan.sites[site].expansions.is_empty();
        let saved = save(source, |p| edit::add(p, Collection::Expansions { site }));
        if had {
            assert!(saved.removed.is_empty(), "{:?}", saved.removed);
            assert_eq!(saved.added.len(), 1, "{:?}", saved.added);
            assert!(
                saved.added[0].trim_start().starts_with("(month: 12"),
                "{:?}",
                saved.added
            );
        } else {
            // The site's last line gains a comma before the new field.
            assert!(saved.removed.len() <= 1, "{:?}", saved.removed);
            assert!(saved
                .added
                .iter()
                .any(|l| l.contains("expansions: [(month: 12")));
        }
    }
}

#[test]
fn added_and_duplicated_items_take_their_neighbours_style() {
    for (_, source) in PLANS {
        let plan = load(source);
        for collection in [
            Collection::Services,
            Collection::Scenarios,
            Collection::Regions,
        ] {
            let saved = save(source, |p| edit::add(p, collection));
            assert!(
                saved.removed.len() <= 1,
                "{collection:?} {:?}",
                saved.removed
            );
            assert!(!saved.added.is_empty());
            assert!(
                saved.added.iter().all(|l| !l.contains("//")),
                "{:?}",
                saved.added
            );
        }
        let saved = save(source, |p| edit::add(p, Collection::Profiles));
        assert!(saved.removed.is_empty(), "{:?}", saved.removed);
        assert_eq!(saved.added.len(), 1, "{:?}", saved.added);

        let id = &plan.services[0].id;
        let saved = save(source, |p| edit::duplicate(p, ItemRef::Service(0)));
        assert!(saved.removed.is_empty(), "{:?}", saved.removed);
        let first = saved.added.first().cloned().unwrap_or_default();
        assert!(first.contains(&format!("(id: \"{id}-copy\"")), "{first}");
        assert!(
            saved.added.iter().all(|l| !l.contains("//")),
            "{:?}",
            saved.added
        );
        // The copy is laid out line for line as its original.
        let original_lines = source
            .lines()
            .skip_while(|l| !l.contains(&format!("(id: \"{id}\"")))
            .take_while(|l| !l.trim().is_empty())
            .filter(|l| !l.trim_start().starts_with("//"))
            .count();
        assert!(saved.added.len() <= original_lines, "{:?}", saved.added);
    }
}

#[test]
fn a_deleted_item_goes_with_the_comment_lines_directly_above_it() {
    let source = include_str!("../plans/ansan-2024.ron");
    let plan = load(source);
    let ai = plan.services.iter().position(|s| s.id == "ai").unwrap();
    let saved = save(source, |p| edit::delete(p, ItemRef::Service(ai)));
    assert!(saved.added.is_empty(), "{:?}", saved.added);
    assert_eq!(saved.removed.len(), 2 + 4 + 1, "{:#?}", saved.removed);
    assert!(saved.removed[0].contains("// AI inference: the fastest-growing load"));
    assert!(!saved.text.contains("(id: \"ai\""));
    assert!(saved.text.contains("// Batch analytics and the data lake"));

    for (_, source) in PLANS {
        let plan = load(source);
        let last = plan.scenarios.len() - 1;
        let saved = save(source, |p| edit::delete(p, ItemRef::Scenario(last)));
        assert!(saved.added.is_empty(), "{:?}", saved.added);
        let name = &plan.scenarios[last].name;
        let line = format!("(name: \"{name}\"");
        assert!(
            saved.removed.iter().any(|l| l.contains(&line)),
            "{:?}",
            saved.removed
        );
        if last == 0 {
            // The plan's last scenario: the list goes, as a plan without one is written.
            assert!(
                saved.removed[0].trim() == "scenarios: [",
                "{:?}",
                saved.removed
            );
        }
    }
}

#[test]
fn a_plan_without_changes_saves_as_the_same_bytes() {
    for (_, source) in PLANS {
        assert_eq!(edited_text(source, &load(source)).unwrap(), source);
    }
}

/// A random edit of a shipped plan that removes nothing: a field set to a value typed
/// from a pool that fits some field of every kind, an item added or duplicated.
#[derive(Debug, Clone)]
enum Op {
    Set {
        item: usize,
        field: usize,
        value: usize,
    },
    Add(usize),
    Duplicate(usize),
}

fn values(plan: &Plan) -> Vec<String> {
    let mut pool: Vec<String> = [
        "0",
        "3",
        "12",
        "0.5",
        "1234.5",
        "0.999",
        "Batch",
        "Standby",
        "yes",
        "NPlus(2)",
        "Kakao's hall",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    pool.extend(plan.sites.iter().map(|s| s.id.clone()));
    pool.extend(plan.regions.iter().map(|r| r.id.clone()));
    pool.extend(plan.profiles.keys().map(String::from));
    if let [a, b, ..] = plan.sites.as_slice() {
        pool.push(format!("{}: 0.25, {}: 0.75", a.id, b.id));
    }
    pool
}

fn items(plan: &Plan) -> Vec<ItemRef> {
    let mut items = vec![ItemRef::Plan, ItemRef::Policy];
    items.extend((0..plan.profiles.len()).map(ItemRef::Profile));
    items.extend((0..plan.regions.len()).map(ItemRef::Region));
    items.extend((0..plan.sites.len()).map(ItemRef::Site));
    items.extend((0..plan.services.len()).map(ItemRef::Service));
    items.extend((0..plan.scenarios.len()).map(ItemRef::Scenario));
    for (site, s) in plan.sites.iter().enumerate() {
        items.extend((0..s.expansions.len()).map(|index| ItemRef::Expansion { site, index }));
    }
    items
}

fn run(plan: &mut Plan, history: &mut History, op: &Op) {
    let all = items(plan);
    let pick = |k: usize| all[k % all.len()];
    let edit = match *op {
        Op::Set { item, field, value } => {
            let Ok(fields) = edit::fields(plan, pick(item)) else {
                return;
            };
            let pool = values(plan);
            let f = &fields[field % fields.len()];
            edit::set_field(plan, &f.path, &pool[value % pool.len()])
        }
        Op::Add(k) => {
            let collections = [
                Collection::Profiles,
                Collection::Regions,
                Collection::Sites,
                Collection::Services,
                Collection::Scenarios,
                Collection::Expansions {
                    site: k % plan.sites.len(),
                },
            ];
            edit::add(plan, collections[k % collections.len()])
        }
        Op::Duplicate(k) => edit::duplicate(plan, pick(k)),
    };
    if let Ok(edit) = edit {
        let _ = history.apply(plan, edit);
    }
}

fn op() -> impl proptest::strategy::Strategy<Value = Op> {
    use proptest::prelude::*;
    prop_oneof![
        8 => (0..200usize, 0..30usize, 0..40usize)
            .prop_map(|(item, field, value)| Op::Set { item, field, value }),
        1 => (0..12usize).prop_map(Op::Add),
        1 => (0..200usize).prop_map(Op::Duplicate),
    ]
}

/// Whether every element of `part` is in `whole`, in the same order.
fn in_order(part: &[&str], whole: &[&str]) -> bool {
    let mut rest = whole.iter();
    part.iter().all(|p| rest.any(|w| w == p))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    #[test]
    fn random_edits_save_into_the_plans_own_text(
        which in 0..PLANS.len(),
        ops in proptest::collection::vec(op(), 1..12),
    ) {
        let source = PLANS[which].1;
        let mut plan = load(source);
        let mut history = History::new();
        for op in &ops {
            run(&mut plan, &mut history, op);
        }
        let text = edited_text(source, &plan).unwrap_or_else(|e| panic!("{e}"));
        proptest::prop_assert_eq!(load(&text), plan);
        let comments: Vec<&str> = source.lines().filter(|l| l.trim_start().starts_with("//")).collect();
        let lines: Vec<&str> = text.lines().collect();
        proptest::prop_assert!(in_order(&comments, &lines), "comments lost:\n{}", text);
    }
}
