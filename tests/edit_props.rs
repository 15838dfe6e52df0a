//! Properties of editing and saving on small random plans that obey DESIGN.md §3: any
//! sequence of edits undone in full gives back the plan it started from, no accepted edit
//! makes a plan invalid, and a saved plan loads back to the same plan, byte-stable.

use headroom::model::edit::{self, Collection, ItemRef};
use headroom::model::{
    load_plan, save_text, to_ron, Expansion, Failover, History, OrderedMap, Plan, Policy,
    PowerChain, Profile, Redundancy, Region, Resources, Scenario, Service, Site, SiteHazards, Tier,
    Ups,
};
use proptest::prelude::*;
use proptest::sample::subsequence;

fn text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of("[a-zA-Z0-9 \"\\\\/*é_-]{0,12}")
}

fn resources() -> impl Strategy<Value = Resources> {
    (0.0..5000.0f64, 0.0..300.0f64, 0.0..3000.0f64, 0.0..50.0f64).prop_map(
        |(servers, racks, power_kw, storage_pb)| Resources {
            servers,
            racks,
            power_kw,
            storage_pb,
        },
    )
}

fn power_chain() -> impl Strategy<Value = PowerChain> {
    (
        1u32..4,
        0.0..2000.0f64,
        (2u32..8, 0.0..500.0f64, 0u32..3),
        0.0..3000.0f64,
        0.0..96.0f64,
        1.0..2.0f64,
    )
        .prop_map(
            |(feeds, feed_kw, (modules, module_kw, r), generator_kw, fuel_hours, pue)| PowerChain {
                feeds,
                feed_kw,
                ups: Ups {
                    modules,
                    module_kw,
                    redundancy: match r {
                        0 => Redundancy::N,
                        1 => Redundancy::NPlus(1),
                        _ => Redundancy::TwoN,
                    },
                },
                generator_kw,
                fuel_hours,
                cooling_kw: feed_kw,
                pue,
            },
        )
}

fn site(i: usize, regions: usize, horizon: u32) -> impl Strategy<Value = Site> {
    (
        0..regions,
        text(),
        resources(),
        (1u8..=5, 1u8..=5, 1u8..=5),
        proptest::option::of(power_chain()),
        proptest::collection::vec((0..=horizon, resources()), 0..3),
    )
        .prop_map(
            move |(region, description, capacity, (fire, flood, power), chain, exp)| Site {
                id: format!("s{i}"),
                name: format!("Site {i}"),
                description,
                region: format!("r{region}"),
                capacity,
                hazards: SiteHazards { fire, flood, power },
                power: chain,
                expansions: exp
                    .into_iter()
                    .map(|(month, capacity)| Expansion {
                        month,
                        capacity,
                        description: None,
                    })
                    .collect(),
            },
        )
}

fn service(i: usize, sites: Vec<String>, profiles: usize) -> impl Strategy<Value = Service> {
    let n = sites.len();
    (
        subsequence(sites.clone(), 1..=n),
        proptest::collection::vec(0.1..1.0f64, n),
        subsequence(sites.clone(), 0..=n),
        0..4usize,
        0..profiles,
        (0.0..1000.0f64, 0.0..10.0f64, 0..3u8),
        (proptest::option::of(0.9..0.99999f64), 0.0..0.05f64, text()),
    )
        .prop_map(
            move |(
                placed,
                weights,
                data,
                tier,
                profile,
                (servers, storage, mode),
                (slo, growth, description),
            )| {
                let total: f64 = weights.iter().take(placed.len()).sum();
                let placement: OrderedMap<f64> = placed
                    .iter()
                    .zip(&weights)
                    .map(|(s, w)| (s.clone(), w / total))
                    .collect();
                let spare: Vec<String> = sites
                    .iter()
                    .filter(|s| !placement.contains_key(s))
                    .cloned()
                    .collect();
                let data = if data.is_empty() {
                    vec![placed[0].clone()]
                } else {
                    data
                };
                Service {
                    id: format!("svc{i}"),
                    name: format!("Service {i}"),
                    description,
                    tier: Tier::ALL[tier],
                    profile: format!("p{profile}"),
                    servers,
                    storage_pb: storage,
                    placement,
                    data,
                    failover: match mode {
                        0 => Failover::ActiveActive,
                        1 if !spare.is_empty() => Failover::Standby(spare),
                        _ => Failover::NoFailover,
                    },
                    slo,
                    growth,
                }
            },
        )
}

/// A plan of 1–3 profiles, 1–3 regions, 1–4 sites, 0–3 services and 0–2 scenarios.
fn plan() -> impl Strategy<Value = Plan> {
    (
        1usize..=3,
        1usize..=3,
        1usize..=4,
        0usize..=3,
        0usize..=2,
        6u32..=36,
    )
        .prop_flat_map(|(profiles, regions, sites, services, scenarios, horizon)| {
            let site_ids: Vec<String> = (0..sites).map(|i| format!("s{i}")).collect();
            let region_ids: Vec<String> = (0..regions).map(|i| format!("r{i}")).collect();
            (
                proptest::collection::vec((0.1..1.5f64, 1.0..40.0f64), profiles),
                proptest::collection::vec(1u8..=5, regions),
                (0..sites)
                    .map(|i| site(i, regions, horizon))
                    .collect::<Vec<_>>(),
                (0..services)
                    .map(|i| service(i, site_ids.clone(), profiles))
                    .collect::<Vec<_>>(),
                (0..scenarios)
                    .map(|_| {
                        (
                            // A scenario fails at least one site (DESIGN.md §3 as validated).
                            subsequence(site_ids.clone(), 1..=sites),
                            subsequence(region_ids.clone(), 0..=regions),
                        )
                    })
                    .collect::<Vec<_>>(),
                (0.5..0.9f64, text()),
                Just(horizon),
            )
        })
        .prop_map(
            |(profiles, quakes, sites, services, scenarios, (target, description), horizon)| Plan {
                name: "Random plan".into(),
                description,
                policy: Policy {
                    target_utilization: target,
                    horizon_months: horizon,
                    ..Policy::default()
                },
                profiles: profiles
                    .into_iter()
                    .enumerate()
                    .map(|(i, (power_kw, per_rack))| {
                        (format!("p{i}"), Profile { power_kw, per_rack })
                    })
                    .collect(),
                regions: quakes
                    .into_iter()
                    .enumerate()
                    .map(|(i, earthquake)| Region {
                        id: format!("r{i}"),
                        name: format!("Region {i}"),
                        description: None,
                        earthquake,
                    })
                    .collect(),
                sites,
                services,
                scenarios: scenarios
                    .into_iter()
                    .enumerate()
                    .map(|(i, (fail, fail_regions))| Scenario {
                        name: format!("Scenario {i}"),
                        description: None,
                        fail,
                        fail_regions,
                    })
                    .collect(),
            },
        )
}

/// One thing a planner might do. Indices are taken modulo what exists at that moment.
#[derive(Debug, Clone)]
enum Op {
    Set {
        item: usize,
        index: usize,
        field: usize,
        text: usize,
    },
    Add(usize),
    Duplicate {
        item: usize,
        index: usize,
    },
    Delete {
        item: usize,
        index: usize,
    },
    Undo,
    Redo,
}

const TEXTS: &[&str] = &[
    "",
    "0",
    "1",
    "0.5",
    "0.9",
    "3",
    "12",
    "100",
    "-1",
    "x",
    "s0",
    "s1",
    "s0, s1",
    "r0",
    "r1",
    "p0",
    "p1",
    "Critical",
    "Batch",
    "Standby",
    "NoFailover",
    "ActiveActive",
    "yes",
    "no",
    "TwoN",
    "N+1",
    "s0: 1",
    "s0: 0.5, s1: 0.5",
    "s1: 0.25, s0: 0.75",
    "new-id",
];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0..8usize, 0..6usize, 0..25usize, 0..TEXTS.len())
            .prop_map(|(item, index, field, text)| Op::Set { item, index, field, text }),
        1 => (0..6usize).prop_map(Op::Add),
        1 => (0..6usize, 0..6usize).prop_map(|(item, index)| Op::Duplicate { item, index }),
        1 => (0..6usize, 0..6usize).prop_map(|(item, index)| Op::Delete { item, index }),
        1 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

fn collection(plan: &Plan, which: usize) -> Collection {
    match which % 6 {
        0 => Collection::Profiles,
        1 => Collection::Regions,
        2 => Collection::Sites,
        3 => Collection::Services,
        4 => Collection::Scenarios,
        _ => Collection::Expansions {
            site: which % plan.sites.len().max(1),
        },
    }
}

fn item(plan: &Plan, which: usize, index: usize) -> ItemRef {
    let pick = |n: usize| if n == 0 { 0 } else { index % n };
    match which % 8 {
        0 => ItemRef::Plan,
        1 => ItemRef::Policy,
        2 => ItemRef::Profile(pick(plan.profiles.len())),
        3 => ItemRef::Region(pick(plan.regions.len())),
        4 => ItemRef::Site(pick(plan.sites.len())),
        5 => ItemRef::Service(pick(plan.services.len())),
        6 => ItemRef::Scenario(pick(plan.scenarios.len())),
        _ => {
            let site = pick(plan.sites.len());
            let n = plan.sites.get(site).map_or(0, |s| s.expansions.len());
            ItemRef::Expansion {
                site,
                index: pick(n),
            }
        }
    }
}

/// Does `op` to `plan` through `history`; refusals are part of the game.
fn run(plan: &mut Plan, history: &mut History, op: &Op) {
    let edit = match *op {
        Op::Set {
            item: which,
            index,
            field,
            text,
        } => {
            let target = item(plan, which, index);
            let Ok(fields) = edit::fields(plan, target) else {
                return;
            };
            let Some(f) = fields.get(field % fields.len().max(1)) else {
                return;
            };
            edit::set_field(plan, &f.path, TEXTS[text])
        }
        Op::Add(which) => edit::add(plan, collection(plan, which)),
        Op::Duplicate { item: which, index } => edit::duplicate(plan, item(plan, which + 2, index)),
        Op::Delete { item: which, index } => edit::delete(plan, item(plan, which + 2, index)),
        Op::Undo => {
            history.undo(plan).expect("undo of an applied edit");
            return;
        }
        Op::Redo => {
            history.redo(plan).expect("redo of an undone edit");
            return;
        }
    };
    if let Ok(edit) = edit {
        let _ = history.apply(plan, edit);
    }
}

fn load(text: &str) -> Plan {
    load_plan(text, "plan.ron")
        .unwrap_or_else(|e| panic!("saved plan does not load: {e}\n{text}"))
        .plan
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn generated_plans_obey_the_rules(plan in plan()) {
        prop_assert_eq!(edit::errors(&plan), Vec::<String>::new());
    }

    #[test]
    fn a_saved_plan_loads_back_the_same_and_saves_the_same_bytes(plan in plan()) {
        let text = to_ron(&plan).unwrap();
        let again = load(&text);
        prop_assert_eq!(&again, &plan);
        prop_assert_eq!(to_ron(&again).unwrap(), text);
    }

    #[test]
    fn undoing_every_edit_gives_back_the_original_plan(
        original in plan(),
        ops in proptest::collection::vec(op(), 1..24),
    ) {
        let mut plan = original.clone();
        let mut history = History::new();
        for op in &ops {
            run(&mut plan, &mut history, op);
            prop_assert_eq!(edit::errors(&plan), Vec::<String>::new(), "after {:?}", op);
        }
        let edited = plan.clone();
        let mut undone = 0;
        while history.undo(&mut plan).unwrap().is_some() {
            undone += 1;
        }
        prop_assert_eq!(&plan, &original);
        prop_assert!(!history.is_dirty());
        // Redoing as many edits as were undone comes back to the edited plan (the redo
        // stack may hold more, undone before the end).
        for _ in 0..undone {
            history.redo(&mut plan).unwrap();
        }
        prop_assert_eq!(&plan, &edited);
    }

    #[test]
    fn an_edited_plan_saves_and_loads_back_the_same(
        original in plan(),
        ops in proptest::collection::vec(op(), 1..16),
    ) {
        let mut plan = original.clone();
        let mut history = History::new();
        for op in &ops {
            run(&mut plan, &mut history, op);
        }
        let text = to_ron(&plan).unwrap();
        prop_assert_eq!(load(&text), plan.clone());
        // Saved into the text of the plan before the edits, it loads back the same too.
        let saved = save_text(Some(&to_ron(&original).unwrap()), &plan).unwrap();
        prop_assert!(saved.kept_layout);
        prop_assert_eq!(load(&saved.text), plan);
    }
}
