//! Hand-worked cases beyond the design's example: each failover mode, standby chains,
//! zero capacity, and growth and expansions crossing a limit in a known month.

mod common;

use common::{close, parse, scenario};
use headroom::engine::{Analysis, Resource};

/// Three sites X, Y, Z in one region, 1000 servers each; `services` and `extra` are
/// spliced in as RON.
fn plan(services: &str, extra: &str) -> String {
    format!(
        r#"Plan(
    name: "cases",
    policy: (target_utilization: 0.8, failover_utilization: 1.0, horizon_months: 24),
    profiles: {{ "p": (power_kw: 0.5, per_rack: 20) }},
    regions: [(id: "r", name: "R", earthquake: 1)],
    sites: [
        (id: "X", name: "X", region: "r", capacity: (servers: 1000, racks: 100, power_kw: 1000, storage_pb: 10), hazards: (fire: 1, flood: 1, power: 1) {extra}),
        (id: "Y", name: "Y", region: "r", capacity: (servers: 1000, racks: 100, power_kw: 1000, storage_pb: 10), hazards: (fire: 1, flood: 1, power: 1)),
        (id: "Z", name: "Z", region: "r", capacity: (servers: 1000, racks: 100, power_kw: 1000, storage_pb: 10), hazards: (fire: 1, flood: 1, power: 1)),
    ],
    services: [{services}],
    scenarios: [(name: "X and Y", fail: ["X", "Y"])],
)"#
    )
}

fn served(a: &Analysis, scenario_name: &str, service: usize) -> f64 {
    scenario(a, scenario_name)
        .result
        .outcome(&a.state, service)
        .served
}

#[test]
fn active_active_spreads_in_proportion_to_surviving_shares() {
    let p = parse(&plan(
        r#"(id: "s", name: "S", tier: High, profile: "p", servers: 600,
            placement: {"X": 0.5, "Y": 0.3, "Z": 0.2}, failover: ActiveActive)"#,
        "",
    ));
    let a = Analysis::new(&p);
    let sc = scenario(&a, "site:X");
    // Y gets 0.3/0.5 = 0.6 of 600 = 360; Z 0.4 of 600 = 240.
    close(sc.result.demand(&a.state, 1).expect("Y")[0], 360.0);
    close(sc.result.demand(&a.state, 2).expect("Z")[0], 240.0);
    close(served(&a, "site:X", 0), 1.0);
    // Every placement site lost: the share is lost.
    close(served(&a, "region:r", 0), 0.0);
}

#[test]
fn standby_skips_a_failed_first_choice() {
    let p = parse(&plan(
        r#"(id: "s", name: "S", tier: Critical, profile: "p", servers: 400,
            placement: {"X": 1.0}, failover: Standby(["Y", "Z"]))"#,
        "",
    ));
    let a = Analysis::new(&p);
    let one = scenario(&a, "site:X");
    close(one.result.demand(&a.state, 1).expect("Y")[0], 400.0);
    close(one.result.demand(&a.state, 2).expect("Z")[0], 0.0);
    let both = scenario(&a, "X and Y");
    close(both.result.demand(&a.state, 2).expect("Z")[0], 400.0);
    close(served(&a, "X and Y", 0), 1.0);
    assert!(both.result.survivable);
    close(served(&a, "region:r", 0), 0.0);
}

#[test]
fn no_failover_loses_the_displaced_share() {
    let p = parse(&plan(
        r#"(id: "s", name: "S", tier: Standard, profile: "p", servers: 100,
            placement: {"X": 0.25, "Y": 0.75}, failover: NoFailover)"#,
        "",
    ));
    let a = Analysis::new(&p);
    close(served(&a, "site:X", 0), 0.75);
    close(
        scenario(&a, "site:X")
            .result
            .demand(&a.state, 1)
            .expect("Y")[0],
        75.0,
    );
}

#[test]
fn a_critical_no_failover_service_breaks_n1() {
    let p = parse(&plan(
        r#"(id: "s", name: "S", tier: Critical, profile: "p", servers: 100,
            placement: {"X": 0.5, "Y": 0.5}, failover: NoFailover)"#,
        "",
    ));
    let a = Analysis::new(&p);
    assert!(!a.n1_safe);
    assert!(scenario(&a, "site:Z").result.survivable);
    assert!(!scenario(&a, "site:X").result.survivable);
}

#[test]
fn data_is_available_while_one_replica_survives() {
    let p = parse(&plan(
        r#"(id: "s", name: "S", tier: High, profile: "p", servers: 10, storage_pb: 4,
            placement: {"Z": 1.0}, data: ["X", "Y"], failover: ActiveActive)"#,
        "",
    ));
    let a = Analysis::new(&p);
    let outcome = |name| scenario(&a, name).result.outcome(&a.state, 0);
    assert!(outcome("site:X").data_available);
    assert!(!outcome("X and Y").data_available);
    // Each data site holds a full replica.
    close(a.sites[0].load[3], 4.0);
    close(a.sites[1].load[3], 4.0);
    close(a.sites[2].load[3], 0.0);
}

#[test]
fn zero_capacity_is_unbounded_and_over_target() {
    let p = parse(
        &plan(
            r#"(id: "s", name: "S", tier: Batch, profile: "p", servers: 10, storage_pb: 1,
            placement: {"X": 1.0}, data: ["X"], failover: ActiveActive)"#,
            "",
        )
        .replacen("storage_pb: 10)", "storage_pb: 0)", 1),
    );
    let a = Analysis::new(&p);
    assert_eq!(a.sites[0].utilization[3], None);
    assert!(!a.within_target);
    // Y and Z have nothing and no load: utilization 0, never unbounded.
    assert_eq!(a.sites[1].utilization[3], Some(0.0));
    let breach = a.runway.capacity.expect("over target at once");
    assert_eq!(
        (breach.month, breach.site, breach.resource),
        (0, 0, Resource::StoragePb)
    );
}

#[test]
fn growth_crosses_the_target_in_month_ten() {
    // 500 · 1.05^9 = 775.7 ≤ 800 < 500 · 1.05^10 = 814.4.
    let p = parse(&plan(
        r#"(id: "s", name: "S", tier: Standard, profile: "p", servers: 500, growth: 0.05,
            placement: {"X": 1.0}, failover: ActiveActive)"#,
        "",
    ));
    let a = Analysis::new(&p);
    let breach = a.runway.capacity.expect("crosses within 24 months");
    assert_eq!(
        (breach.month, breach.site, breach.resource),
        (10, 0, Resource::Servers)
    );
    close(
        breach.utilization.expect("bounded"),
        500.0 * 1.05f64.powi(10) / 1000.0,
    );
}

#[test]
fn an_expansion_pushes_the_crossing_to_month_twelve() {
    // From month 10, X has 1100 servers: the limit is 880, and
    // 500 · 1.05^11 = 855.1 ≤ 880 < 500 · 1.05^12 = 897.9.
    let p = parse(&plan(
        r#"(id: "s", name: "S", tier: Standard, profile: "p", servers: 500, growth: 0.05,
            placement: {"X": 1.0}, failover: ActiveActive)"#,
        r#", expansions: [(month: 10, capacity: (servers: 100))]"#,
    ));
    let a = Analysis::new(&p);
    assert_eq!(a.runway.capacity.expect("crosses").month, 12);
    // Month 0 capacity carries no expansion yet; month 10 does.
    close(a.sites[0].capacity[0], 1000.0);
    close(Analysis::at_month(&p, 10).sites[0].capacity[0], 1100.0);
}

#[test]
fn growth_breaks_n1_in_month_twelve() {
    // Normal: 400 · 1.02^m per site, far below target. After losing one site the
    // other carries 800 · 1.02^m: 800 · 1.02^11 = 994.6 ≤ 1000 < 1.02^12 · 800 = 1014.6.
    let p = parse(&plan(
        r#"(id: "s", name: "S", tier: Critical, profile: "p", servers: 800, growth: 0.02,
            placement: {"X": 0.5, "Y": 0.5}, failover: ActiveActive)"#,
        "",
    ));
    let a = Analysis::new(&p);
    assert_eq!(a.runway.capacity, None);
    let breach = a.runway.disaster.expect("breaks N-1");
    assert_eq!(breach.month, 12);
    assert_eq!(a.scenarios[breach.scenario].def.name, "site:X");
    assert_eq!(breach.service, Some(0));
}

#[test]
fn at_month_grows_storage_with_servers() {
    let p = parse(&plan(
        r#"(id: "s", name: "S", tier: Batch, profile: "p", servers: 100, storage_pb: 2, growth: 0.1,
            placement: {"X": 1.0}, data: ["X"], failover: ActiveActive)"#,
        "",
    ));
    let a = Analysis::at_month(&p, 2);
    close(a.sites[0].load[0], 121.0);
    close(a.sites[0].load[3], 2.42);
    assert_eq!(a.month(), 2);
}

#[test]
fn the_failover_limit_caps_what_a_receiving_site_takes() {
    // Failover limit 0.9: Y may run 900 servers. Critical 600 at X moves to Y beside
    // Batch 600 there: Critical whole, Batch gets 300 / 600.
    let p = parse(
        &plan(
            r#"(id: "c", name: "C", tier: Critical, profile: "p", servers: 600,
                placement: {"X": 1.0}, failover: Standby(["Y"])),
               (id: "b", name: "B", tier: Batch, profile: "p", servers: 600,
                placement: {"Y": 1.0}, failover: NoFailover)"#,
            "",
        )
        .replace("failover_utilization: 1.0", "failover_utilization: 0.9"),
    );
    let a = Analysis::new(&p);
    close(served(&a, "site:X", 0), 1.0);
    close(served(&a, "site:X", 1), 0.5);
    assert!(scenario(&a, "site:X").result.survivable);
}
