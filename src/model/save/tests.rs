use super::*;
use crate::model::edit::{set_field, FieldPath, ItemRef};
use crate::model::{load_plan, History};

const TINY: &str = include_str!("../../../plans/tiny.ron");

fn plan_of(text: &str) -> Plan {
    load_plan(text, "p.ron")
        .map(|l| l.plan)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn set(plan: &Plan, item: ItemRef, key: &'static str, text: &str) -> Plan {
    let mut edited = plan.clone();
    let edit = set_field(plan, &FieldPath { item, key }, text).unwrap();
    History::new().apply(&mut edited, edit).unwrap();
    edited
}

#[test]
fn a_changed_value_is_replaced_where_it_is_written() {
    let plan = set(&plan_of(TINY), ItemRef::Site(1), "capacity.servers", "1100");
    let text = edited_text(TINY, &plan).unwrap();
    assert_eq!(
        text,
        TINY.replacen(
            "capacity: (servers: 1000, racks: 60, power_kw: 600, storage_pb: 10),\n         hazards: (fire: 1",
            "capacity: (servers: 1100, racks: 60, power_kw: 600, storage_pb: 10),\n         hazards: (fire: 1",
            1
        )
    );
}

#[test]
fn the_clean_style_loads_back_and_names_no_struct_but_the_plan() {
    let plan = plan_of(include_str!("../../../plans/ansan-2024.ron"));
    let text = to_ron(&plan).unwrap();
    assert_eq!(plan_of(&text), plan);
    assert!(text.starts_with("Plan(\n    name: "), "{text}");
    for name in ["Policy(", "HazardTables(", "Site(", "Resources(", "Some("] {
        assert!(!text.contains(name), "{name}");
    }
    assert!(text.contains("Kakao's"), "not escaped");
    assert!(!text.contains("\\'"));
    assert!(
        text.contains("servers: 120000,") || text.contains("servers: 120000)"),
        "{text}"
    );
}
