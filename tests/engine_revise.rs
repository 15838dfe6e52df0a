//! An edited plan's analysis revised from the analysis before the edit is the analysis
//! worked out from nothing, figure for figure, whatever the edit.

mod common;

use headroom::engine::Analysis;
use headroom::gen::{generate, GenSpec};
use headroom::model::{Expansion, Failover, Plan, Resources, Tier};

/// Generated plans, dense and sparse, roomy and squeezed (a low failover limit, so scenarios shed and fail).
/// Some services spread over two sites or more fail over to a standby elsewhere, so a
/// scenario can read the normal fractions of a site it sends no load to.
fn plans() -> Vec<Plan> {
    let mut out = Vec::new();
    // Dense fleets (every site receives from every other) and sparse ones.
    for (sites, services, seed) in [
        (16, 200, 1),
        (16, 200, 2),
        (16, 200, 3),
        (40, 50, 4),
        (40, 50, 5),
    ] {
        let mut spec = GenSpec::new(sites, services, 4, seed);
        spec.horizon_months = 12;
        let mut plan = generate(&spec);
        let ids: Vec<String> = plan.sites.iter().map(|s| s.id.clone()).collect();
        for svc in plan.services.iter_mut().step_by(5) {
            let spare = ids.iter().find(|id| !svc.placement.contains_key(id));
            if let (true, Some(spare)) = (svc.placement.len() >= 2, spare) {
                svc.failover = Failover::Standby(vec![spare.clone()]);
            }
        }
        let mut squeezed = plan.clone();
        squeezed.policy.failover_utilization = 0.6;
        out.push(plan);
        out.push(squeezed);
    }
    out
}

type Edit = (&'static str, fn(&mut Plan, usize));

/// Edits a planner makes, each applied at a position `k` (wrapped to the plan's size).
const EDITS: [Edit; 14] = [
    ("a site all but emptied", |p, k| {
        let n = k % p.sites.len();
        p.sites[n].capacity.servers *= 0.05;
    }),
    ("a service placed at one more site", |p, k| {
        let n = k % p.services.len();
        let site = p.sites[k % p.sites.len()].id.clone();
        let svc = &mut p.services[n];
        let standby = matches!(&svc.failover, Failover::Standby(list) if list.contains(&site));
        if !svc.placement.contains_key(&site) && !standby {
            let half = svc.placement.0[0].1 / 2.0;
            svc.placement.0[0].1 = half;
            svc.placement.0.push((site, half));
        }
    }),
    ("more servers at a site", |p, k| {
        let n = k % p.sites.len();
        p.sites[n].capacity.servers *= 1.3;
    }),
    ("fewer servers at a site", |p, k| {
        let n = k % p.sites.len();
        p.sites[n].capacity.servers *= 0.4;
    }),
    ("a few more servers at a site", |p, k| {
        let n = k % p.sites.len();
        p.sites[n].capacity.servers += 1.0;
    }),
    ("a service grows", |p, k| {
        let n = k % p.services.len();
        p.services[n].servers *= 1.5;
    }),
    ("a service shrinks to nothing", |p, k| {
        let n = k % p.services.len();
        p.services[n].servers = 0.0;
    }),
    ("a service becomes Critical", |p, k| {
        let n = k % p.services.len();
        p.services[n].tier = Tier::Critical;
    }),
    ("a service becomes Batch", |p, k| {
        let n = k % p.services.len();
        p.services[n].tier = Tier::Batch;
    }),
    ("a service loses its failover", |p, k| {
        let n = k % p.services.len();
        p.services[n].failover = Failover::NoFailover;
    }),
    ("a service's shares move", |p, k| {
        let n = k % p.services.len();
        let shares = &mut p.services[n].placement.0;
        if shares.len() >= 2 {
            let moved = shares[0].1 / 2.0;
            shares[0].1 -= moved;
            shares[1].1 += moved;
        }
    }),
    ("a service grows faster", |p, k| {
        let n = k % p.services.len();
        p.services[n].growth += 0.02;
    }),
    ("a site's expansion", |p, k| {
        let n = k % p.sites.len();
        p.sites[n].expansions.push(Expansion {
            month: 3,
            capacity: Resources {
                servers: 500.0,
                racks: 20.0,
                power_kw: 300.0,
                storage_pb: 1.0,
            },
            description: None,
        });
    }),
    ("a fire rating and an SLO", |p, k| {
        let n = k % p.sites.len();
        p.sites[n].hazards.fire = 5;
        let i = k % p.services.len();
        p.services[i].slo = Some(0.9999);
    }),
];

#[test]
fn a_revised_analysis_is_the_analysis_from_nothing() {
    for plan in plans() {
        let before = Analysis::new(&plan);
        for (name, edit) in EDITS {
            for k in [0, 5, 11, 97] {
                let mut edited = plan.clone();
                edit(&mut edited, k);
                let revised = before.revise(&edited);
                assert!(
                    revised == Analysis::new(&edited),
                    "{}: {name} at {k}",
                    plan.name
                );
            }
        }
    }
}

#[test]
fn a_policy_change_is_worked_out_anew() {
    let plan = plans().remove(0);
    let before = Analysis::new(&plan);
    let mut edited = plan.clone();
    edited.policy.failover_utilization = 0.5;
    edited.policy.horizon_months = 6;
    let revised = before.revise(&edited);
    assert_eq!(revised.runway.horizon_months, 6);
    assert!(revised == Analysis::new(&edited));
}

/// The design's tiny plan, rearranged so that losing A sends load to C only, while
/// analytics (half at A, half at B, standby C) still reads B's normal fractions: an edit
/// at B reaches site:A through analytics alone.
#[test]
fn a_scenario_reading_a_site_it_sends_nothing_to_is_worked_out_again() {
    let mut plan = common::tiny();
    let front = common::service_index(&plan, "front");
    plan.services[front].placement.0[1].0 = "C".into();
    plan.services[front].data = vec!["A".into(), "C".into()];
    let analytics = common::service_index(&plan, "analytics");
    plan.services[analytics].failover = Failover::Standby(vec!["C".into()]);
    let before = Analysis::new(&plan);
    let mut edited = plan.clone();
    edited.sites[common::site_index(&plan, "B")]
        .capacity
        .servers = 100.0;
    let revised = before.revise(&edited);
    assert!(revised == Analysis::new(&edited));
    // Analytics under site:A: half at B, which now gives Batch 100 of its 200 servers,
    // half on standby at C: 0.5 · 0.5 + 0.5 · α_C.
    let site_a = &revised.scenarios[0].result;
    let at_b_only = site_a.outcome(&revised.state, analytics).served
        - before.scenarios[0]
            .result
            .outcome(&before.state, analytics)
            .served;
    assert!((at_b_only + 0.25).abs() < 1e-12, "{at_b_only}");
}

/// The fast path is taken where it should be: an edit that moves no load, or a little
/// more capacity at one site, reuses scenarios and site losses; a policy change reuses
/// nothing. (The equality tests above would pass with no fast path at all.)
#[test]
fn revision_reuses_what_an_edit_cannot_reach() {
    let plan = plans().remove(6);
    let before = Analysis::new(&plan);
    let total = before.scenarios.len();
    let sites = plan.sites.len();

    let mut hazard = plan.clone();
    hazard.sites[3].hazards.fire = 5;
    let (revised, reuse) = before.revise_counted(&hazard);
    assert!(revised == Analysis::new(&hazard));
    assert_eq!(
        (reuse.scenarios, reuse.losses),
        (total, sites),
        "nothing moved"
    );

    let mut local = plan.clone();
    local.sites[3].capacity.servers += 1.0;
    let (revised, reuse) = before.revise_counted(&local);
    assert!(revised == Analysis::new(&local));
    assert!(reuse.scenarios > total / 2, "{reuse:?} of {total}");
    assert!(reuse.losses > sites / 2, "{reuse:?} of {sites}");

    let mut policy = plan.clone();
    policy.policy.failover_utilization = 0.5;
    let (_, reuse) = before.revise_counted(&policy);
    assert_eq!((reuse.scenarios, reuse.losses), (0, 0));
}
