//! Properties of the engine on generated plans, and agreement of its sparse scenario
//! path with the plain reference of tests/common/reference.rs.

mod common;

use common::reference;
use headroom::engine::Analysis;
use headroom::model::{
    Failover, OrderedMap, Plan, Policy, Profile, Region, Resources, Service, Site, SiteHazards,
    Tier,
};
use proptest::prelude::*;

const TIERS: [Tier; 4] = [Tier::Critical, Tier::High, Tier::Standard, Tier::Batch];

#[derive(Debug, Clone)]
struct ServiceSeed {
    tier: usize,
    profile: usize,
    servers: f64,
    storage: f64,
    sites: Vec<usize>,
    weights: Vec<f64>,
    data: Vec<usize>,
    failover: usize,
    standby: Vec<usize>,
    growth: f64,
}

fn service_seed(n_sites: usize) -> impl Strategy<Value = ServiceSeed> {
    (
        0..4usize,
        0..2usize,
        0.0..2000.0f64,
        prop_oneof![Just(0.0), 0.1..50.0f64],
        proptest::sample::subsequence((0..n_sites).collect::<Vec<_>>(), 1..=n_sites.min(3)),
        proptest::collection::vec(0.1..1.0f64, 3),
        proptest::sample::subsequence((0..n_sites).collect::<Vec<_>>(), 1..=n_sites.min(2)),
        0..3usize,
        proptest::collection::vec(0..n_sites, 0..3),
        prop_oneof![Just(0.0), 0.0..0.05f64],
    )
        .prop_map(
            |(tier, profile, servers, storage, sites, weights, data, failover, standby, growth)| {
                ServiceSeed {
                    tier,
                    profile,
                    servers,
                    storage,
                    sites,
                    weights,
                    data,
                    failover,
                    standby,
                    growth,
                }
            },
        )
}

fn build(n_regions: usize, caps: Vec<[f64; 4]>, seeds: Vec<ServiceSeed>) -> Plan {
    let site_id = |j: usize| format!("s{j}");
    let sites = caps
        .iter()
        .enumerate()
        .map(|(j, c)| Site {
            id: site_id(j),
            name: site_id(j),
            description: None,
            region: format!("r{}", j % n_regions),
            capacity: Resources {
                servers: c[0],
                racks: c[1],
                power_kw: c[2],
                storage_pb: c[3],
            },
            hazards: SiteHazards {
                fire: 1 + (j % 5) as u8,
                flood: 1,
                power: 2,
            },
            power: None,
            expansions: vec![],
        })
        .collect();
    let services = seeds
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let total: f64 = s.weights.iter().take(s.sites.len()).sum();
            let placement: OrderedMap<f64> = s
                .sites
                .iter()
                .zip(&s.weights)
                .map(|(&j, w)| (site_id(j), w / total))
                .collect();
            let standby: Vec<String> = s
                .standby
                .iter()
                .filter(|j| !s.sites.contains(j))
                .map(|&j| site_id(j))
                .collect();
            Service {
                id: format!("v{i}"),
                name: format!("v{i}"),
                description: None,
                tier: TIERS[s.tier],
                profile: format!("p{}", s.profile),
                servers: s.servers,
                storage_pb: s.storage,
                placement,
                data: if s.storage > 0.0 {
                    s.data.iter().map(|&j| site_id(j)).collect()
                } else {
                    vec![]
                },
                failover: match s.failover {
                    0 => Failover::ActiveActive,
                    1 => Failover::Standby(standby),
                    _ => Failover::NoFailover,
                },
                slo: Some(0.999),
                growth: s.growth,
            }
        })
        .collect();
    Plan {
        name: "generated".into(),
        description: None,
        policy: Policy {
            failover_utilization: 0.95,
            horizon_months: 12,
            ..Policy::default()
        },
        profiles: vec![
            (
                "p0".to_string(),
                Profile {
                    power_kw: 0.4,
                    per_rack: 30.0,
                },
            ),
            (
                "p1".to_string(),
                Profile {
                    power_kw: 8.0,
                    per_rack: 4.0,
                },
            ),
        ]
        .into_iter()
        .collect(),
        regions: (0..n_regions)
            .map(|r| Region {
                id: format!("r{r}"),
                name: format!("r{r}"),
                description: None,
                earthquake: 1 + (r % 5) as u8,
            })
            .collect(),
        sites,
        services,
        scenarios: vec![],
    }
}

fn plans() -> impl Strategy<Value = Plan> {
    (2..6usize, 1..3usize).prop_flat_map(|(n_sites, n_regions)| {
        (
            Just(n_regions),
            proptest::collection::vec(
                (0.0..3000.0f64, 0.0..200.0f64, 0.0..4000.0f64, 0.0..100.0f64)
                    .prop_map(|(a, b, c, d)| [a, b, c, d]),
                n_sites,
            ),
            proptest::collection::vec(service_seed(n_sites), 1..8),
        )
            .prop_map(|(r, caps, seeds)| build(r, caps, seeds))
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn served_stays_within_zero_and_one(plan in plans()) {
        let a = Analysis::new(&plan);
        for sc in &a.scenarios {
            for i in 0..plan.services.len() {
                let s = sc.result.outcome(&a.state, i).served;
                prop_assert!((-1e-12..=1.0 + 1e-9).contains(&s), "{} {}: {s}", sc.def.name, i);
            }
        }
    }

    #[test]
    fn the_sparse_path_agrees_with_the_reference(plan in plans(), month in 0..13u32) {
        let a = Analysis::at_month(&plan, month);
        for sc in &a.scenarios {
            let failed: Vec<&str> = sc.result.failed.iter().map(|&j| plan.sites[j].id.as_str()).collect();
            let r = reference::scenario(&plan, &failed, month);
            prop_assert_eq!(sc.result.survivable, r.survivable, "{}", sc.def.name);
            for (j, site) in plan.sites.iter().enumerate() {
                let ours = sc.result.demand(&a.state, j);
                match (ours, r.demand.get(&site.id)) {
                    (None, None) => {}
                    (Some(d), Some(e)) => for k in 0..4 {
                        prop_assert!(close(d[k], e[k]), "{} {} [{k}]: {} vs {}", sc.def.name, site.id, d[k], e[k]);
                    },
                    other => prop_assert!(false, "failed sets differ at {}: {:?}", site.id, other),
                }
            }
            for (i, svc) in plan.services.iter().enumerate() {
                let o = sc.result.outcome(&a.state, i);
                let (served, data) = r.services[&svc.id];
                prop_assert!(close(o.served, served), "{} {}: {} vs {}", sc.def.name, svc.id, o.served, served);
                prop_assert_eq!(o.data_available, data);
            }
        }
    }

    #[test]
    fn an_empty_failure_is_normal_operation(plan in plans()) {
        let a = Analysis::new(&plan);
        let none = a.what_if(&[]);
        let r = reference::scenario(&plan, &[], 0);
        for (j, site) in plan.sites.iter().enumerate() {
            let d = none.demand(&a.state, j).expect("nothing failed");
            for k in 0..4 {
                prop_assert!(close(d[k], a.sites[j].load[k]));
                prop_assert!(close(d[k], r.demand[&site.id][k]));
            }
        }
        for (i, svc) in plan.services.iter().enumerate() {
            prop_assert!(close(none.outcome(&a.state, i).served, r.services[&svc.id].0));
        }
    }

    /// Holds because every generated profile draws power: see assets/docs/semantics.md
    /// for why a zero-power profile can break it.
    #[test]
    fn more_capacity_never_lowers_a_served_fraction(plan in plans(), site in 0..6usize, extra in (0.0..500.0f64, 0.0..50.0f64, 0.0..800.0f64)) {
        let site = site % plan.sites.len();
        let before = Analysis::new(&plan);
        let mut bigger = plan.clone();
        let cap = &mut bigger.sites[site].capacity;
        cap.servers += extra.0;
        cap.racks += extra.1;
        cap.power_kw += extra.2;
        let after = Analysis::new(&bigger);
        for (sb, sa) in before.scenarios.iter().zip(&after.scenarios) {
            for i in 0..plan.services.len() {
                let (b, a) = (sb.result.outcome(&before.state, i).served, sa.result.outcome(&after.state, i).served);
                prop_assert!(a >= b - 1e-9, "{} service {i}: {b} → {a}", sb.def.name);
            }
        }
    }

    #[test]
    fn the_json_report_round_trips(plan in plans()) {
        let a = Analysis::new(&plan);
        let text = headroom::report::json::to_json(&plan, &a);
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let again: serde_json::Value = serde_json::from_str(&value.to_string()).expect("valid JSON");
        prop_assert_eq!(&again, &value);
        prop_assert_eq!(value["schema"].as_u64(), Some(1));
        prop_assert_eq!(value["n1_safe"].as_bool(), Some(a.n1_safe));
        for (j, site) in a.sites.iter().enumerate() {
            for r in headroom::engine::Resource::ALL {
                let k = r.index();
                prop_assert_eq!(value["sites"][j]["load"][r.field()].as_f64(), Some(site.load[k]));
                prop_assert_eq!(value["sites"][j]["utilization"][r.field()].as_f64(), site.utilization[k]);
            }
        }
        prop_assert_eq!(value["sites"].as_array().map(Vec::len), Some(plan.sites.len()));
        // Servers placed at each site, summed here from the plan itself (DESIGN.md §5).
        for (j, site) in plan.sites.iter().enumerate() {
            let placed: f64 = plan
                .services
                .iter()
                .filter_map(|svc| svc.placement.get(&site.id).map(|share| svc.servers * share))
                .sum();
            let shown = value["sites"][j]["load"]["servers"].as_f64().unwrap_or(f64::NAN);
            prop_assert!((shown - placed).abs() <= 1e-9 * placed.max(1.0), "{} {} {}", site.id, shown, placed);
        }
    }
}
