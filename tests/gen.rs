//! The plan generator: deterministic, valid by every rule of DESIGN.md §3, and readable
//! back through the plan loader.

use std::collections::HashSet;

use headroom::gen::{generate, GenSpec};
use headroom::model::{load_plan, to_ron, Failover, Plan, Tier};

fn small(seed: u64) -> Plan {
    generate(&GenSpec::new(20, 200, 4, seed))
}

#[test]
fn a_generated_plan_round_trips_through_the_loader() {
    for seed in 1..=3 {
        let plan = small(seed);
        let text = to_ron(&plan).expect("RON");
        let loaded = load_plan(&text, "generated.ron").expect("the loader reads it");
        assert_eq!(loaded.plan, plan);
        // Critical and High services always get two sites, so the only Pangyo warnings a
        // generated plan can earn are for two sites in one region.
        for w in &loaded.warnings {
            assert!(w.message.contains("only in region"), "{w}");
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_plan() {
    assert_eq!(small(7), small(7));
    assert_ne!(small(7), small(8));
}

#[test]
fn counts_and_profiles_are_as_asked() {
    let plan = generate(&GenSpec::new(30, 500, 6, 2));
    assert_eq!(plan.sites.len(), 30);
    assert_eq!(plan.services.len(), 500);
    assert_eq!(plan.regions.len(), 6);
    assert_eq!(plan.policy.horizon_months, 36);
    let gpu = plan.profiles.get("gpu").expect("gpu profile");
    assert_eq!((gpu.power_kw, gpu.per_rack), (8.0, 4.0));
    let web = plan.profiles.get("web").expect("web profile");
    assert_eq!((web.power_kw, web.per_rack), (0.4, 20.0));
    for kind in ["storage", "db"] {
        assert!(plan.services.iter().any(|s| s.profile == kind));
    }
    for failover in [
        Failover::ActiveActive,
        Failover::NoFailover,
        Failover::Standby(Vec::new()),
    ] {
        let same = |f: &Failover| std::mem::discriminant(f) == std::mem::discriminant(&failover);
        assert!(plan.services.iter().any(|s| same(&s.failover)));
    }
    for tier in Tier::ALL {
        assert!(plan.services.iter().any(|s| s.tier == tier));
    }
}

/// Every rule of DESIGN.md §3, checked directly on the generated plan.
#[test]
fn a_generated_plan_obeys_every_validation_rule() {
    for seed in 1..=5 {
        let plan = small(seed);
        let site_ids: HashSet<&str> = plan.sites.iter().map(|s| s.id.as_str()).collect();
        let region_ids: HashSet<&str> = plan.regions.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(site_ids.len(), plan.sites.len());
        assert_eq!(region_ids.len(), plan.regions.len());
        let ids: HashSet<&str> = plan.services.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), plan.services.len());
        let rating = |r: u8| (1..=5).contains(&r);
        assert!(plan.regions.iter().all(|r| rating(r.earthquake)));
        for site in &plan.sites {
            assert!(region_ids.contains(site.region.as_str()));
            let z = &site.hazards;
            assert!(rating(z.fire) && rating(z.flood) && rating(z.power));
            let c = &site.capacity;
            assert!([c.servers, c.racks, c.power_kw, c.storage_pb]
                .iter()
                .all(|x| *x >= 0.0));
            assert!(site
                .expansions
                .iter()
                .all(|e| e.month <= plan.policy.horizon_months));
        }
        for svc in &plan.services {
            assert!(plan.profiles.contains_key(&svc.profile));
            assert!(svc.servers > 0.0 && svc.storage_pb >= 0.0);
            let sum: f64 = svc.placement.values().sum();
            assert_eq!(sum, 1.0, "{}: shares are multiples of 1/64", svc.id);
            assert!(svc.placement.values().all(|s| *s > 0.0));
            assert!(svc.placement.keys().all(|j| site_ids.contains(j)));
            assert!((1..=6).contains(&svc.placement.len()));
            if svc.storage_pb > 0.0 {
                assert!(!svc.data.is_empty());
            }
            let data: HashSet<&String> = svc.data.iter().collect();
            assert_eq!(data.len(), svc.data.len());
            assert!(svc.data.iter().all(|j| site_ids.contains(j.as_str())));
            if let Failover::Standby(list) = &svc.failover {
                assert!(!list.is_empty());
                assert!(list
                    .iter()
                    .all(|j| site_ids.contains(j.as_str()) && !svc.placement.contains_key(j)));
            }
            if let Some(slo) = svc.slo {
                assert!(slo > 0.0 && slo < 1.0);
            }
            if svc.tier.must_survive() {
                assert!(svc.placement.len() >= 2 && svc.data.len() != 1);
            }
        }
        let names: HashSet<&str> = plan.scenarios.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), plan.scenarios.len());
        for sc in &plan.scenarios {
            assert!(!sc.name.starts_with("site:") && !sc.name.starts_with("region:"));
            assert!(sc.fail.iter().all(|j| site_ids.contains(j.as_str())));
            assert!(sc
                .fail_regions
                .iter()
                .all(|r| region_ids.contains(r.as_str())));
        }
    }
}

#[test]
fn most_sites_are_within_target_and_a_few_run_hot() {
    let plan = generate(&GenSpec::new(200, 4000, 10, 3));
    let a = headroom::engine::Analysis::new(&plan);
    let hot = a
        .sites
        .iter()
        .filter(|s| {
            s.over_target(plan.policy.target_utilization)
                .next()
                .is_some()
        })
        .count();
    assert!((1..=20).contains(&hot), "{hot} of 200 sites over target");
}
