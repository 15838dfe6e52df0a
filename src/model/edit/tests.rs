use super::*;
use crate::engine::{Analysis, PowerElement};
use crate::model::{load_plan, Failover, Redundancy, Tier};

fn tiny() -> Plan {
    load_plan(include_str!("../../../plans/tiny.ron"), "tiny.ron")
        .map(|l| l.plan)
        .unwrap()
}

fn path(item: ItemRef, key: &'static str) -> FieldPath {
    FieldPath { item, key }
}

/// Sets a field through the checked path; returns the inverse.
fn set(plan: &mut Plan, item: ItemRef, key: &'static str, text: &str) -> Result<Edit, EditError> {
    let edit = set_field(plan, &path(item, key), text)?;
    apply_checked(plan, &edit)
}

/// Builds an edit from the plan as it is and applies it, checked.
fn run(
    plan: &mut Plan,
    make: impl FnOnce(&Plan) -> Result<Edit, EditError>,
) -> Result<Edit, EditError> {
    let edit = make(plan)?;
    apply_checked(plan, &edit)
}

fn field_text(plan: &Plan, item: ItemRef, key: &str) -> Option<String> {
    fields(plan, item)
        .unwrap()
        .into_iter()
        .find(|f| f.label == key)
        .map(|f| f.value_text)
}

#[test]
fn a_site_lists_its_fields_as_typed_in_the_plan() {
    let plan = tiny();
    let site = ItemRef::Site(0);
    assert_eq!(field_text(&plan, site, "id").as_deref(), Some("A"));
    assert_eq!(
        field_text(&plan, site, "capacity.servers").as_deref(),
        Some("1000")
    );
    assert_eq!(
        field_text(&plan, site, "hazards.fire").as_deref(),
        Some("3")
    );
    assert_eq!(field_text(&plan, site, "power").as_deref(), Some("no"));
    assert_eq!(
        field_text(&plan, site, "power.pue"),
        None,
        "no chain, no chain fields"
    );
    let kinds: Vec<FieldKind> = fields(&plan, site)
        .unwrap()
        .iter()
        .map(|f| f.kind)
        .collect();
    assert_eq!(kinds[0], FieldKind::Id(IdKind::Site));
    assert_eq!(kinds[3], FieldKind::Reference(IdKind::Region));
}

#[test]
fn a_service_lists_placement_and_standby_as_text() {
    let plan = tiny();
    let front = ItemRef::Service(0);
    let billing = ItemRef::Service(1);
    assert_eq!(
        field_text(&plan, front, "placement").as_deref(),
        Some("A: 0.5, B: 0.5")
    );
    assert_eq!(field_text(&plan, front, "data").as_deref(), Some("A, B"));
    assert_eq!(field_text(&plan, front, "slo").as_deref(), Some("0.9999"));
    assert_eq!(field_text(&plan, front, "standby"), None);
    assert_eq!(
        field_text(&plan, billing, "failover").as_deref(),
        Some("Standby")
    );
    assert_eq!(field_text(&plan, billing, "standby").as_deref(), Some("A"));
    assert_eq!(
        field_text(&plan, ItemRef::Service(2), "slo").as_deref(),
        Some("")
    );
}

#[test]
fn setting_a_number_names_the_change_and_its_inverse_restores_it() {
    let original = tiny();
    let mut plan = original.clone();
    let edit = set_field(&plan, &path(ItemRef::Site(0), "capacity.servers"), "1200").unwrap();
    assert_eq!(edit.name, "site \"A\" capacity.servers 1000 → 1200");
    let inverse = apply_checked(&mut plan, &edit).unwrap();
    assert_eq!(plan.sites[0].capacity.servers, 1200.0);
    assert_eq!(inverse.name, "site \"A\" capacity.servers 1200 → 1000");
    apply(&mut plan, &inverse).unwrap();
    assert_eq!(plan, original);
}

#[test]
fn text_that_does_not_parse_is_refused_with_the_field_named() {
    let plan = tiny();
    let err = set_field(&plan, &path(ItemRef::Site(0), "capacity.servers"), "lots").unwrap_err();
    assert_eq!(
        err.to_string(),
        "site \"A\" capacity.servers: expected a number, got \"lots\""
    );
    assert!(set_field(&plan, &path(ItemRef::Site(0), "hazards.fire"), "6").is_err());
    assert!(set_field(&plan, &path(ItemRef::Policy, "horizon_months"), "-1").is_err());
    assert!(set_field(&plan, &path(ItemRef::Service(0), "tier"), "Gold").is_err());
    assert!(set_field(&plan, &path(ItemRef::Service(0), "placement"), "A 1").is_err());
}

#[test]
fn enums_parse_from_any_case_and_the_usual_spellings() {
    let mut plan = tiny();
    set(&mut plan, ItemRef::Service(2), "tier", "critical").unwrap();
    assert_eq!(plan.services[2].tier, Tier::Critical);
    set(&mut plan, ItemRef::Site(0), "power", "yes").unwrap();
    for (text, expected) in [
        ("N+1", Redundancy::NPlus(1)),
        ("NPlus(1)", Redundancy::NPlus(1)),
        ("2N", Redundancy::TwoN),
        ("n", Redundancy::N),
    ] {
        set(&mut plan, ItemRef::Site(0), "power.ups.redundancy", text).unwrap();
        assert_eq!(
            plan.sites[0].power.as_ref().unwrap().ups.redundancy,
            expected
        );
    }
}

#[test]
fn empty_text_clears_an_optional_field() {
    let original = tiny();
    let mut plan = original.clone();
    let inverse = set(&mut plan, ItemRef::Service(0), "slo", "").unwrap();
    assert_eq!(plan.services[0].slo, None);
    assert_eq!(inverse.name, "service \"front\" slo none → 0.9999");
    set(
        &mut plan,
        ItemRef::Site(1),
        "description",
        "  Leased hall  ",
    )
    .unwrap();
    assert_eq!(plan.sites[1].description.as_deref(), Some("Leased hall"));
    set(&mut plan, ItemRef::Site(1), "description", "").unwrap();
    assert_eq!(plan.sites[1].description, None);
}

#[test]
fn an_edit_that_breaks_a_rule_is_refused_and_the_plan_is_unchanged() {
    let original = tiny();
    let mut plan = original.clone();
    for (item, key, text) in [
        (ItemRef::Policy, "target_utilization", "1.5"),
        (ItemRef::Policy, "target_utilization", "0"),
        (ItemRef::Service(0), "placement", "A: 0.6, B: 0.5"),
        (ItemRef::Service(0), "profile", "gpu"),
        (ItemRef::Service(0), "slo", "1"),
        (ItemRef::Service(1), "standby", "C"),
        (ItemRef::Service(0), "data", "A, A"),
        (ItemRef::Service(0), "data", ""),
        (ItemRef::Site(2), "region", "r9"),
        (ItemRef::Scenario(0), "fail", "A, Z"),
        (ItemRef::Scenario(0), "name", "site:A"),
        (ItemRef::Profile(0), "per_rack", "0"),
    ] {
        let err = set(&mut plan, item, key, text).unwrap_err();
        assert!(
            matches!(err, EditError::Invalid(_)),
            "{key} = {text}: {err}"
        );
        assert_eq!(plan, original, "{key} = {text} left the plan changed");
    }
    // A service id is renamed like a site's: an id in use is refused before any rule.
    let err = set(&mut plan, ItemRef::Service(1), "id", "front").unwrap_err();
    assert_eq!(
        err,
        EditError::IdTaken {
            kind: "service",
            id: "front".into()
        }
    );
    assert_eq!(plan, original);
}

#[test]
fn errors_a_plan_already_has_do_not_block_an_edit_but_new_ones_do() {
    let mut plan = tiny();
    // A plan recovered with an error in it: billing's SLO is out of range.
    plan.services[1].slo = Some(1.5);
    let broken = plan.clone();
    set(&mut plan, ItemRef::Site(0), "capacity.servers", "1200").unwrap();
    assert_eq!(plan.sites[0].capacity.servers, 1200.0);
    assert_eq!(plan.services[1].slo, Some(1.5));
    let mut plan = broken.clone();
    let err = set(&mut plan, ItemRef::Policy, "target_utilization", "1.5").unwrap_err();
    match err {
        EditError::Invalid(new) => {
            // Only the edit's own errors are named, not the SLO the plan came with.
            assert!(!new.is_empty(), "{new:?}");
            assert!(
                new.iter().all(|e| e.contains("target_utilization")),
                "{new:?}"
            );
        }
        other => panic!("{other}"),
    }
    assert_eq!(plan, broken, "a refused edit leaves the plan as it was");
}

#[test]
fn renaming_a_site_carries_the_new_id_to_every_reference() {
    let original = tiny();
    let mut plan = original.clone();
    let edit = set_field(&plan, &path(ItemRef::Site(0), "id"), "PG").unwrap();
    assert_eq!(edit.name, "site \"A\" renamed \"PG\"");
    assert_eq!(edit.item(), None);
    let inverse = apply_checked(&mut plan, &edit).unwrap();
    assert_eq!(plan.sites[0].id, "PG");
    let front = &plan.services[0];
    assert_eq!(front.placement.keys().collect::<Vec<_>>(), ["PG", "B"]);
    assert_eq!(front.data, ["PG", "B"]);
    assert_eq!(
        plan.services[1].failover,
        Failover::Standby(vec!["PG".into()])
    );
    assert_eq!(plan.services[1].data, ["C", "PG"]);
    assert_eq!(plan.scenarios[0].fail, ["PG"]);
    assert!(references(&plan, ItemRef::Site(0)).len() == 6);
    apply(&mut plan, &inverse).unwrap();
    assert_eq!(plan, original);
}

#[test]
fn renaming_to_an_id_in_use_is_refused() {
    let mut plan = tiny();
    let err = set(&mut plan, ItemRef::Site(0), "id", "B").unwrap_err();
    assert_eq!(
        err,
        EditError::IdTaken {
            kind: "site",
            id: "B".into()
        }
    );
    let err = set(&mut plan, ItemRef::Region(0), "id", "").unwrap_err();
    assert!(matches!(err, EditError::Refused(_)));
}

#[test]
fn renaming_a_profile_or_region_updates_what_uses_it() {
    let original = tiny();
    let mut plan = original.clone();
    set(&mut plan, ItemRef::Profile(0), "name", "web-2u").unwrap();
    assert!(plan.services.iter().all(|s| s.profile == "web-2u"));
    set(&mut plan, ItemRef::Region(0), "id", "capital").unwrap();
    assert_eq!(plan.sites[0].region, "capital");
    assert_eq!(plan.sites[1].region, "capital");
    assert_eq!(plan.sites[2].region, "r2");
}

#[test]
fn references_name_every_item_that_uses_a_site() {
    let plan = tiny();
    assert_eq!(
        references(&plan, ItemRef::Site(0)),
        [
            "service \"front\" placement",
            "service \"front\" data",
            "service \"billing\" data",
            "service \"billing\" standby",
            "service \"analytics\" placement",
            "scenario \"Site A fire\"",
        ]
    );
    assert_eq!(references(&plan, ItemRef::Region(1)), ["site \"C\" region"]);
    assert_eq!(references(&plan, ItemRef::Profile(0)).len(), 3);
    assert_eq!(ids(&plan, IdKind::Site), ["A", "B", "C"]);
    assert_eq!(ids(&plan, IdKind::Region), ["r1", "r2"]);
    assert!(references(&plan, ItemRef::Service(0)).is_empty());
}

#[test]
fn deleting_a_referenced_item_is_refused_with_the_references() {
    let plan = tiny();
    let err = delete(&plan, ItemRef::Site(2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "site \"C\" cannot be deleted: service \"billing\" placement, service \"billing\" data still refer to it"
    );
    assert!(delete(&plan, ItemRef::Plan).is_err());
    assert!(delete(&plan, ItemRef::Site(7)).is_err());
}

#[test]
fn deleting_an_item_and_undoing_puts_it_back_in_place() {
    let original = tiny();
    let mut plan = original.clone();
    let edit = delete(&plan, ItemRef::Service(1)).unwrap();
    assert_eq!(edit.name, "delete service \"billing\"");
    assert_eq!(edit.item(), Some(ItemRef::Service(1)));
    let inverse = apply_checked(&mut plan, &edit).unwrap();
    assert_eq!(plan.services.len(), 2);
    assert_eq!(plan.services[1].id, "analytics");
    assert_eq!(inverse.name, "add service \"billing\"");
    apply(&mut plan, &inverse).unwrap();
    assert_eq!(plan, original);
    // With billing gone, site C is no longer referenced and can go too.
    run(&mut plan, |p| delete(p, ItemRef::Service(1))).unwrap();
    run(&mut plan, |p| delete(p, ItemRef::Site(2))).unwrap();
    assert_eq!(plan.sites.len(), 2);
}

#[test]
fn added_items_get_the_next_free_id_and_valid_defaults() {
    let mut plan = tiny();
    let edit = add(&plan, Collection::Sites).unwrap();
    assert_eq!(edit.name, "add site \"site-4\"");
    apply_checked(&mut plan, &edit).unwrap();
    assert_eq!(plan.sites[3].id, "site-4");
    assert_eq!(plan.sites[3].region, "r1");
    run(&mut plan, |p| add(p, Collection::Services)).unwrap();
    assert_eq!(plan.services[3].id, "service-4");
    assert_eq!(plan.services[3].profile, "web");
    run(&mut plan, |p| add(p, Collection::Regions)).unwrap();
    assert_eq!(plan.regions[2].id, "region-3");
    run(&mut plan, |p| add(p, Collection::Profiles)).unwrap();
    assert_eq!(plan.profiles.0[1].0, "profile-2");
    run(&mut plan, |p| add(p, Collection::Scenarios)).unwrap();
    assert_eq!(plan.scenarios[1].name, "scenario-2");
    plan.sites[1].id = "site-5".into();
    // site-5 is taken now, site-4 too: the next is site-6.
    let edit = add(&plan, Collection::Sites).unwrap();
    assert_eq!(edit.name, "add site \"site-6\"");
}

#[test]
fn a_site_cannot_be_added_to_a_plan_without_regions() {
    let mut plan = tiny();
    plan.regions.clear();
    assert!(matches!(
        add(&plan, Collection::Sites),
        Err(EditError::Refused(_))
    ));
    plan.profiles.0.clear();
    assert!(matches!(
        add(&plan, Collection::Services),
        Err(EditError::Refused(_))
    ));
}

#[test]
fn duplicates_go_right_after_the_original_with_a_new_id() {
    let mut plan = tiny();
    let edit = duplicate(&plan, ItemRef::Service(0)).unwrap();
    assert_eq!(edit.name, "add service \"front-copy\"");
    apply_checked(&mut plan, &edit).unwrap();
    assert_eq!(plan.services[1].id, "front-copy");
    assert_eq!(plan.services[1].placement, plan.services[0].placement);
    run(&mut plan, |p| duplicate(p, ItemRef::Service(0))).unwrap();
    assert_eq!(plan.services[1].id, "front-copy-2");
    run(&mut plan, |p| duplicate(p, ItemRef::Scenario(0))).unwrap();
    assert_eq!(plan.scenarios[1].name, "Site A fire-copy");
    run(&mut plan, |p| duplicate(p, ItemRef::Site(0))).unwrap();
    assert_eq!(plan.sites[1].id, "A-copy");
    assert!(references(&plan, ItemRef::Site(1)).is_empty());
}

#[test]
fn a_new_power_chain_delivers_exactly_the_nameplate() {
    let mut plan = tiny();
    set(&mut plan, ItemRef::Site(0), "power", "yes").unwrap();
    let limit = Analysis::new(&plan).sites[0].power;
    assert_eq!(limit.usable_kw, 600.0);
    assert_eq!(limit.binding, PowerElement::Nameplate);
    assert_eq!(
        field_text(&plan, ItemRef::Site(0), "power.pue").as_deref(),
        Some("1.25")
    );
    // 2 feeds of 750 kW at PUE 1.25: (2 − 1) · 750 / 1.25 = 600; one feed of 500 kW: 400.
    set(&mut plan, ItemRef::Site(0), "power.feed_kw", "500").unwrap();
    let limit = Analysis::new(&plan).sites[0].power;
    assert_eq!(limit.usable_kw, 400.0);
    assert_eq!(limit.binding, PowerElement::Utility);
}

#[test]
fn removing_a_power_chain_is_undone_with_all_its_values() {
    let mut plan = tiny();
    set(&mut plan, ItemRef::Site(0), "power", "yes").unwrap();
    set(&mut plan, ItemRef::Site(0), "power.cooling_kw", "550").unwrap();
    let with_chain = plan.clone();
    let inverse = set(&mut plan, ItemRef::Site(0), "power", "no").unwrap();
    assert_eq!(plan.sites[0].power, None);
    apply(&mut plan, &inverse).unwrap();
    assert_eq!(plan, with_chain);
    // Saying yes to a chain that exists keeps it as it is.
    let edit = set_field(&plan, &path(ItemRef::Site(0), "power"), "yes").unwrap();
    assert!(matches!(edit.change, Change::Set { ref old, ref new, .. } if old == new));
}

#[test]
fn failover_mode_and_standby_list_are_edited_apart() {
    let original = tiny();
    let mut plan = original.clone();
    // Standby keeps its list when the mode is set again.
    set(&mut plan, ItemRef::Service(1), "failover", "standby").unwrap();
    assert_eq!(
        plan.services[1].failover,
        Failover::Standby(vec!["A".into()])
    );
    let inverse = set(&mut plan, ItemRef::Service(1), "failover", "ActiveActive").unwrap();
    assert_eq!(plan.services[1].failover, Failover::ActiveActive);
    apply(&mut plan, &inverse).unwrap();
    assert_eq!(plan, original);
    let refused = set(&mut plan, ItemRef::Service(2), "failover", "Standby");
    assert!(refused.is_err(), "Standby needs a site");
    set(&mut plan, ItemRef::Service(2), "failover", "standby(C)").unwrap();
    assert_eq!(
        plan.services[2].failover,
        Failover::Standby(vec!["C".into()])
    );
    set(&mut plan, ItemRef::Service(2), "failover", "Standby").unwrap();
    set(&mut plan, ItemRef::Service(2), "standby", "C").unwrap();
    assert_eq!(
        plan.services[2].failover,
        Failover::Standby(vec!["C".into()])
    );
    set(&mut plan, ItemRef::Service(2), "failover", "NoFailover").unwrap();
    assert_eq!(plan.services[2].failover, Failover::NoFailover);
}

#[test]
fn expansions_are_added_edited_and_deleted_within_the_horizon() {
    let original = tiny();
    let mut plan = original.clone();
    let sites_a = Collection::Expansions { site: 0 };
    let edit = add(&plan, sites_a).unwrap();
    assert_eq!(edit.name, "add site \"A\" expansion 1");
    apply_checked(&mut plan, &edit).unwrap();
    assert_eq!(plan.sites[0].expansions[0].month, 12);
    let expansion = ItemRef::Expansion { site: 0, index: 0 };
    set(&mut plan, expansion, "capacity.servers", "200").unwrap();
    assert_eq!(plan.sites[0].expansions[0].capacity.servers, 200.0);
    let err = set(&mut plan, expansion, "month", "25").unwrap_err();
    assert!(matches!(err, EditError::Invalid(_)));
    run(&mut plan, |p| delete(p, expansion)).unwrap();
    assert_eq!(plan, original);
}

#[test]
fn policy_hazard_tables_are_fields_too() {
    let mut plan = tiny();
    set(&mut plan, ItemRef::Policy, "hazards.probability.3", "0.004").unwrap();
    assert_eq!(
        plan.policy.hazards.probability,
        [0.001, 0.002, 0.004, 0.01, 0.02]
    );
    set(
        &mut plan,
        ItemRef::Policy,
        "hazards.hours.earthquake",
        "200",
    )
    .unwrap();
    assert_eq!(plan.policy.hazards.hours.earthquake, 200.0);
    set(&mut plan, ItemRef::Policy, "horizon_months", "36").unwrap();
    assert_eq!(plan.policy.horizon_months, 36);
    assert_eq!(fields(&plan, ItemRef::Policy).unwrap().len(), 12);
}

#[test]
fn scenarios_take_lists_of_sites_and_regions() {
    let mut plan = tiny();
    set(&mut plan, ItemRef::Scenario(0), "fail", " A,B ,").unwrap();
    assert_eq!(plan.scenarios[0].fail, ["A", "B"]);
    set(&mut plan, ItemRef::Scenario(0), "fail_regions", "r2").unwrap();
    assert_eq!(plan.scenarios[0].fail_regions, ["r2"]);
    assert_eq!(references(&plan, ItemRef::Region(1)).len(), 2);
}

#[test]
fn every_field_reads_back_from_its_own_text() {
    let mut plan = tiny();
    set(&mut plan, ItemRef::Site(0), "power", "yes").unwrap();
    run(&mut plan, |p| add(p, Collection::Expansions { site: 1 })).unwrap();
    let mut items = vec![ItemRef::Plan, ItemRef::Policy, ItemRef::Profile(0)];
    items.extend((0..2).map(ItemRef::Region));
    items.extend((0..3).map(ItemRef::Site));
    items.push(ItemRef::Expansion { site: 1, index: 0 });
    items.extend((0..3).map(ItemRef::Service));
    items.push(ItemRef::Scenario(0));
    let mut count = 0;
    for item in items {
        for field in fields(&plan, item).unwrap() {
            let edit = set_field(&plan, &field.path, &field.value_text).unwrap();
            match edit.change {
                Change::Set { old, new, .. } => assert_eq!(old, new, "{}", field.label),
                other => panic!("{}: {other:?}", field.label),
            }
            count += 1;
        }
    }
    assert_eq!(count, 2 + 12 + 3 + 2 * 4 + 3 * 12 + 9 + 6 + 3 * 12 + 1 + 4);
}

#[test]
fn unknown_items_and_fields_are_errors_not_panics() {
    let plan = tiny();
    assert!(fields(&plan, ItemRef::Site(9)).is_err());
    assert!(fields(&plan, ItemRef::Expansion { site: 0, index: 0 }).is_err());
    assert!(set_field(&plan, &path(ItemRef::Site(0), "colour"), "red").is_err());
    assert!(set_field(&plan, &path(ItemRef::Service(0), "standby"), "C").is_err());
    let mut plan = plan;
    let stray = Edit {
        change: Change::Remove {
            collection: Collection::Scenarios,
            index: 4,
        },
        name: String::new(),
    };
    assert!(apply(&mut plan, &stray).is_err());
}
