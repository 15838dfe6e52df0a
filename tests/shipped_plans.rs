//! The shipped plans say in their header comments what a planner will see. Each claim is
//! worked out by hand from DESIGN.md next to its assertion, so a plan edit that changes
//! an outcome, or an engine change that breaks the semantics, fails here.

mod common;

use common::{close, scenario, service_index, site_index};
use headroom::engine::{Analysis, PowerElement, Resource, Violation};
use headroom::model::{load_plan, Plan};

fn load(source: &str, file: &str) -> Plan {
    match load_plan(source, file) {
        Ok(loaded) => loaded.plan,
        Err(errors) => panic!("{file} does not load: {errors:?}"),
    }
}

fn ansan() -> Plan {
    load(
        include_str!("../plans/ansan-2024.ron"),
        "plans/ansan-2024.ron",
    )
}

fn kakao_2022() -> Plan {
    load(
        include_str!("../plans/kakao-2022.ron"),
        "plans/kakao-2022.ron",
    )
}

fn three_region() -> Plan {
    load(
        include_str!("../plans/three-region-active-active.ron"),
        "plans/three-region-active-active.ron",
    )
}

/// (served, data available) of a service in a named scenario.
fn outcome(plan: &Plan, a: &Analysis, scenario_name: &str, service: &str) -> (f64, bool) {
    let o = scenario(a, scenario_name)
        .result
        .outcome(&a.state, service_index(plan, service));
    (o.served, o.data_available)
}

fn assert_outcome(
    plan: &Plan,
    a: &Analysis,
    scenario_name: &str,
    service: &str,
    served: f64,
    data_available: bool,
) {
    let (s, d) = outcome(plan, a, scenario_name, service);
    assert!(
        (s - served).abs() < 1e-9 && d == data_available,
        "{scenario_name}: {service}: expected ({served}, {data_available}), got ({s}, {d})"
    );
}

fn util(a: &Analysis, site: usize, r: Resource) -> f64 {
    a.sites[site].utilization[r.index()].expect("bounded utilization")
}

fn assert_power(a: &Analysis, site: usize, usable: f64, binding: PowerElement, stranded: f64) {
    let p = a.sites[site].power;
    close(p.usable_kw, usable);
    assert_eq!(p.binding, binding);
    close(p.stranded_kw, stranded);
}

// ------------------------------------------------------------------------ ansan-2024

#[test]
fn ansan_power_is_bound_by_the_utility_at_32000_kw() {
    let plan = ansan();
    let a = Analysis::new(&plan);
    // ANS: UPS 2N 72·1,000/2 = 36,000; utility (2−1)·40,000/1.25 = 32,000; generator
    // 43,200/1.25 = 34,560; cooling 36,000; nameplate 36,000. Utility binds, 4,000 kW
    // of the nameplate stranded.
    assert_power(
        &a,
        site_index(&plan, "ANS"),
        32_000.0,
        PowerElement::Utility,
        4_000.0,
    );
    // PGY: UPS (8−1)·900 = 6,300 below nameplate 6,400, utility and generator
    // 9,000/1.4 = 6,428.6 and cooling 6,800: the N+1 UPS binds, 100 kW stranded.
    assert_power(
        &a,
        site_index(&plan, "PGY"),
        6_300.0,
        PowerElement::Ups,
        100.0,
    );
    // ANY: UPS (10−1)·800 = 7,200 ties the 7,200 kW nameplate (utility 11,000/1.35 =
    // 8,148, generator 10,500/1.35 = 7,778, cooling 7,600): the tie goes to the
    // nameplate, the earlier element, and nothing is stranded.
    assert_power(
        &a,
        site_index(&plan, "ANY"),
        7_200.0,
        PowerElement::Nameplate,
        0.0,
    );
}

#[test]
fn ansan_runs_out_of_power_long_before_floor_space() {
    let plan = ansan();
    let a = Analysis::new(&plan);
    let ans = site_index(&plan, "ANS");
    // Servers at ANS: talk 30,000·0.45 = 13,500, auth 4,000·0.40 = 1,600, ops
    // 1,500·0.34 = 510, pay 3,000·0.50 = 1,500, mobility 5,000·0.50 = 2,500, search
    // 8,000·0.60 = 4,800, media 9,000·0.70 = 6,300, analytics 10,000·0.80 = 8,000,
    // ai 500: 39,210 of 120,000.
    close(a.sites[ans].load[0], 39_210.0);
    close(util(&a, ans, Resource::Servers), 39_210.0 / 120_000.0);
    // Power: 0.35·(13,500 + 1,600 + 510 + 2,500 + 4,800) = 8,018.5 (1U), 0.55·1,500 =
    // 825 (pay), 0.6·6,300 = 3,780 (media), 0.4·8,000 = 3,200 (analytics), 8·500 =
    // 4,000 (ai): 19,823.5 kW of the 32,000 usable = 61.9 %.
    close(a.sites[ans].load[2], 19_823.5);
    close(util(&a, ans, Resource::PowerKw), 19_823.5 / 32_000.0);
    // Gasan is the fullest on servers: talk 4,500 + auth 800 + ops 495 + search 3,200
    // = 8,995 of 13,000 = 69.2 %, still under the 80 % target.
    let gas = site_index(&plan, "GAS");
    close(util(&a, gas, Resource::Servers), 8_995.0 / 13_000.0);
    assert!(a.within_target);
}

#[test]
fn ansan_is_n1_safe_and_losing_ansan_sheds_only_the_lower_tiers() {
    let plan = ansan();
    let a = Analysis::new(&plan);
    assert!(a.n1_safe);
    for site in ["ANS", "PGY", "ANY", "GAS", "BSN"] {
        assert!(
            scenario(&a, &format!("site:{site}")).result.survivable,
            "site:{site}"
        );
    }
    let lost = "site:ANS";
    // ai has NoFailover and its data only in ANS: nothing of it is served.
    let (served, data) = outcome(&plan, &a, lost, "ai");
    close(served, 0.0);
    assert!(!data);
    // analytics keeps its Busan compute but its data lake was in Ansan alone.
    assert!(!outcome(&plan, &a, lost, "analytics").1);
    // search moves whole to GAS (share 0.40/0.40 = 1). GAS limit 0.95·13,000 = 12,350
    // servers; Critical first: talk 30,000·0.15/0.55 = 90,000/11, auth 4,000·0.2/0.6 =
    // 4,000/3, ops 1,500·0.33/0.66 = 750; servers left 12,350 − 750 − 90,000/11 −
    // 4,000/3 = 68,800/33. search asks 8,000 servers (racks and power bind less):
    // α = 68,800/33/8,000 = 43/165 ≈ 26 %.
    close(outcome(&plan, &a, lost, "search").0, 43.0 / 165.0);
    // media moves whole to PGY: 9,000 nodes, 5,400 kW. PGY power limit 0.95·6,300 =
    // 5,985; Critical talk 0.35·90,000/11 = 31,500/11, High mobility 2,500·0.35 = 875;
    // left 5,110 − 31,500/11 = 24,710/11 kW. α = 24,710/11/5,400 ≈ 41.6 % (servers give
    // 0.502, racks 0.418: power binds).
    close(
        outcome(&plan, &a, lost, "media").0,
        24_710.0 / 11.0 / 5_400.0,
    );
    for whole in ["talk", "auth", "ops", "pay", "mobility"] {
        assert_outcome(&plan, &a, lost, whole, 1.0, true);
    }
}

#[test]
fn ansan_pangyo_repeat_degrades_nothing() {
    let plan = ansan();
    let a = Analysis::new(&plan);
    let sc = scenario(&a, "Pangyo repeat: UPS fire at Pangyo");
    assert!(sc.result.survivable);
    // PGY holds talk 15 %, mobility 25 %, media 30 % and a media replica: ANY, GAS and
    // BSN absorb talk; ANS and ANY absorb mobility; ANS absorbs media, with room to spare
    // at every receiving site, so every service stays whole.
    for (i, svc) in plan.services.iter().enumerate() {
        let o = sc.result.outcome(&a.state, i);
        close(o.served, 1.0);
        assert!(o.data_available, "{}", svc.id);
    }
}

#[test]
fn ansan_capital_earthquake_leaves_a_third_of_talk_in_busan() {
    let plan = ansan();
    let a = Analysis::new(&plan);
    for name in ["Capital region earthquake", "region:capital"] {
        assert!(!scenario(&a, name).result.survivable, "{name}");
        // Only BSN survives. talk (share 0.10/0.10 = 1) and auth (0.20/0.20 = 1) move
        // whole there: 34,000 Critical servers against 0.95·12,000 = 11,400; racks give
        // 399/944.4 = 0.42, power 4,560/11,900 = 0.38, servers 11,400/34,000 = 57/170.
        close(outcome(&plan, &a, name, "talk").0, 57.0 / 170.0);
        close(outcome(&plan, &a, name, "auth").0, 57.0 / 170.0);
        // ops and mobility have no placement in BSN; pay (High) gets nothing because
        // Critical took every server BSN may run.
        for gone in ["ops", "pay", "mobility"] {
            close(outcome(&plan, &a, name, gone).0, 0.0);
        }
        // Every Critical and High service keeps a data replica in BSN.
        for kept in ["talk", "auth", "ops", "pay", "mobility"] {
            assert!(outcome(&plan, &a, name, kept).1, "{kept}");
        }
    }
    assert!(!scenario(&a, "Ansan and Anyang both lost").result.survivable);
}

#[test]
fn ansan_meets_every_slo_and_ops_lose_only_to_the_earthquake() {
    let plan = ansan();
    let a = Analysis::new(&plan);
    assert!(a.violations.is_empty());
    // ops is whole in every site: scenario; the capital earthquake (rating 2, 0.002/yr,
    // 168 h) takes all of it: 0.002·168 = 0.336 h/yr.
    let ops = &a.services[service_index(&plan, "ops")];
    close(ops.exposure.downtime_hours, 0.336);
    close(ops.exposure.availability, 1.0 - 0.336 / 8760.0);
}

#[test]
fn ansan_runway_ends_on_ansan_power_and_on_losing_ansan() {
    let plan = ansan();
    let a = Analysis::new(&plan);
    // ANS power at month m (kW), from the per-service draws above:
    // (4,725 + 560)·1.005^m + (178.5 + 1,680)·1.003^m + (825 + 875)·1.01^m
    // + 3,780·1.015^m + 3,200·1.02^m + 4,000·1.03^m, against 32,000 + 4,000 kW from
    // month 12. Month 24: 28,794 kW = 79.98 %; month 25: 29,280 kW = 81.3 %, the first
    // month over 80 % anywhere.
    let ans_power = |m: i32| {
        5_285.0 * 1.005f64.powi(m)
            + 1_858.5 * 1.003f64.powi(m)
            + 1_700.0 * 1.01f64.powi(m)
            + 3_780.0 * 1.015f64.powi(m)
            + 3_200.0 * 1.02f64.powi(m)
            + 4_000.0 * 1.03f64.powi(m)
    };
    assert!(ans_power(24) / 36_000.0 <= 0.8);
    let cap = a
        .runway
        .capacity
        .as_ref()
        .expect("capacity runway within 36 months");
    assert_eq!(cap.month, 25);
    assert_eq!(cap.site, site_index(&plan, "ANS"));
    assert_eq!(cap.resource, Resource::PowerKw);
    close(cap.utilization.expect("bounded"), ans_power(25) / 36_000.0);

    // site:ANS at month m: ANY (limit 0.95·18,000 = 17,100 servers) is asked for
    // Critical 1.005^m·(30,000·0.15/0.55 + 4,000·0.2/0.6) + 1.003^m·1,500·0.33/0.66 and
    // High 1.01^m·(3,000·0.25/0.5 + 5,000·0.25/0.5) = 4,000·1.01^m. Month 28: 17,042
    // servers in all, month 29: 17,152, so High (pay first in plan order) is cut.
    let critical =
        |m: i32| (90_000.0 / 11.0 + 4_000.0 / 3.0) * 1.005f64.powi(m) + 750.0 * 1.003f64.powi(m);
    let high = |m: i32| 4_000.0 * 1.01f64.powi(m);
    assert!(critical(28) + high(28) <= 17_100.0);
    let dis = a
        .runway
        .disaster
        .as_ref()
        .expect("disaster runway within 36 months");
    assert_eq!(dis.month, 29);
    assert_eq!(a.scenarios[dis.scenario].def.name, "site:ANS");
    assert_eq!(dis.service, Some(service_index(&plan, "pay")));
    // At month 29 pay keeps its BSN half whole and α of its ANY half.
    let at29 = Analysis::at_month(&plan, 29);
    let alpha = (17_100.0 - critical(29)) / high(29);
    close(
        outcome(&plan, &at29, "site:ANS", "pay").0,
        0.5 + 0.5 * alpha,
    );
}

// ------------------------------------------------------------------------ kakao-2022

#[test]
fn kakao_2022_pangyo_holds_32000_servers_behind_its_ups() {
    let plan = kakao_2022();
    let a = Analysis::new(&plan);
    let pgy = site_index(&plan, "PGY");
    // UPS (12−1)·1,600 = 17,600; utility and generator 26,000/1.4 = 18,571; cooling
    // 18,500; nameplate 18,000: the N+1 UPS binds, 400 kW stranded.
    assert_power(&a, pgy, 17_600.0, PowerElement::Ups, 400.0);
    // talk 9,600 + auth 1,750 + ops 1,200 + pay 1,400 + mobility 1,800 + media 6,000 +
    // daum 3,000 + analytics 7,000 = 31,750 servers: the public "about 32,000".
    close(a.sites[pgy].load[0], 31_750.0);
    close(util(&a, pgy, Resource::Servers), 31_750.0 / 42_000.0);
    assert!(a.within_target);
}

#[test]
fn kakao_2022_keeps_critical_and_high_services_in_pangyo_alone() {
    let plan = kakao_2022();
    // The Pangyo lesson, in the plan itself: ops and media run and keep their data
    // only in PGY (the single-site warning), and every site is in one region.
    for id in ["ops", "media"] {
        let svc = &plan.services[service_index(&plan, id)];
        assert!(svc.tier.must_survive(), "{id}");
        let sites: Vec<&str> = svc.placement.keys().collect();
        assert_eq!(sites, ["PGY"], "{id}");
        assert_eq!(svc.data, ["PGY"], "{id}");
    }
    assert_eq!(plan.regions.len(), 1);
}

#[test]
fn kakao_2022_is_not_n1_safe_because_pangyo_takes_the_tools_with_it() {
    let plan = kakao_2022();
    let a = Analysis::new(&plan);
    assert!(!a.n1_safe);
    for name in ["site:PGY", "Pangyo UPS battery fire, 15 Oct 2022"] {
        assert!(!scenario(&a, name).result.survivable, "{name}");
        // ops: NoFailover, data only in PGY.
        assert_outcome(&plan, &a, name, "ops", 0.0, false);
        // media: its standby compute in ANY exists, its bytes do not.
        assert!(!outcome(&plan, &a, name, "media").1);
        // analytics' data lake was in PGY alone.
        assert!(!outcome(&plan, &a, name, "analytics").1);
        // ANY (limit 13,000 servers, 440 racks, 5,200 kW) gets Critical talk
        // 16,000·0.25/0.40 = 10,000 and auth 2,500 (all of it): 12,500 servers.
        // 500 servers are left for High: mobility 3,000 (all of it) and media's 6,000
        // standby nodes; servers give 500/9,000 = 1/18, racks 92.8/458.3 = 0.20,
        // power 825/4,650 = 0.18: mobility is served 1/18 ≈ 6 %.
        close(outcome(&plan, &a, name, "mobility").0, 1.0 / 18.0);
        // GAS (9,000, 300, 3,600) gets talk 16,000·0.15/0.40 = 6,000 (166.7 racks), pay
        // 2,000 (111.1 racks) and daum 6,000 (166.7 racks): racks left 300 − 166.7 −
        // 111.1 = 200/9, so daum gets (200/9)/(500/3) = 2/15 ≈ 13 %.
        close(outcome(&plan, &a, name, "daum").0, 2.0 / 15.0);
        for whole in ["talk", "auth", "pay"] {
            assert_outcome(&plan, &a, name, whole, 1.0, true);
        }
    }
    // Pangyo is big enough to absorb either smaller site.
    assert!(scenario(&a, "site:ANY").result.survivable);
    assert!(scenario(&a, "site:GAS").result.survivable);
    // Every site is in the capital region: losing it loses everything.
    for (i, svc) in plan.services.iter().enumerate() {
        let o = scenario(&a, "region:capital").result.outcome(&a.state, i);
        close(o.served, 0.0);
        assert!(!o.data_available, "{}", svc.id);
    }
}

#[test]
fn kakao_2022_ops_miss_their_slo_and_only_site_scenarios_are_violations() {
    let plan = kakao_2022();
    let a = Analysis::new(&plan);
    // ops dies with PGY: fire 4 → 0.01·72 = 0.72, flood 1 → 0.001·48 = 0.048, power 3
    // → 0.005·12 = 0.06, plus the capital earthquake 0.002·168 = 0.336: 1.164 h/yr,
    // availability 1 − 1.164/8,760 = 99.9867 % < 99.99 %.
    let ops = service_index(&plan, "ops");
    close(a.services[ops].exposure.downtime_hours, 1.164);
    close(a.services[ops].exposure.availability, 1.0 - 1.164 / 8760.0);
    assert_eq!(a.services[ops].meets_slo, Some(false));
    // The named Pangyo scenario and region:capital are not survivable either, but only
    // `site:` scenarios make the plan unsafe: one not_survivable, one slo_miss.
    let site_pgy = a
        .scenarios
        .iter()
        .position(|s| s.def.name == "site:PGY")
        .expect("site:PGY");
    assert_eq!(
        a.violations,
        [
            Violation::NotSurvivable { scenario: site_pgy },
            Violation::SloMiss { service: ops },
        ]
    );
}

#[test]
fn kakao_2022_runway_ends_on_pangyo_servers_at_month_6() {
    let plan = kakao_2022();
    let a = Analysis::new(&plan);
    // PGY servers at month m: (9,600 + 1,750)·1.005^m + (1,200 + 3,000)·1.003^m +
    // (1,400 + 1,800)·1.01^m + 6,000·1.015^m + 7,000·1.02^m, against 0.8·42,000 = 33,600.
    // Month 5: 33,455 (79.7 %); month 6: 33,812 (80.5 %). PGY power at month 6 is 80.49 %,
    // so servers are the most over target.
    let servers = |m: i32| {
        11_350.0 * 1.005f64.powi(m)
            + 4_200.0 * 1.003f64.powi(m)
            + 3_200.0 * 1.01f64.powi(m)
            + 6_000.0 * 1.015f64.powi(m)
            + 7_000.0 * 1.02f64.powi(m)
    };
    assert!(servers(5) <= 33_600.0);
    let cap = a.runway.capacity.as_ref().expect("capacity runway");
    assert_eq!(cap.month, 6);
    assert_eq!(cap.site, site_index(&plan, "PGY"));
    assert_eq!(cap.resource, Resource::Servers);
    close(cap.utilization.expect("bounded"), servers(6) / 42_000.0);
    // Not N-1 safe from the start: site:PGY, first lost Critical service ops.
    let dis = a.runway.disaster.as_ref().expect("disaster runway");
    assert_eq!(dis.month, 0);
    assert_eq!(a.scenarios[dis.scenario].def.name, "site:PGY");
    assert_eq!(dis.service, Some(service_index(&plan, "ops")));
}

// ------------------------------------------------------- three-region-active-active

#[test]
fn three_region_each_chain_binds_on_a_different_element() {
    let plan = three_region();
    let a = Analysis::new(&plan);
    let at = |id| site_index(&plan, id);
    // E1: UPS 2N 18·500/2 = 4,500; utility 6,000/1.3 = 4,615; generator 5,200/1.3 =
    // 4,000; cooling 4,400; nameplate 4,200.
    assert_power(&a, at("E1"), 4_000.0, PowerElement::Generator, 200.0);
    // C1: UPS (9−1)·500 = 4,000; utility and generator 6,000/1.3 = 4,615; cooling 4,500.
    assert_power(&a, at("C1"), 4_000.0, PowerElement::Ups, 200.0);
    // C3: one feed counts whole: 5,200/1.3 = 4,000; UPS N 5·1,000 = 5,000; generator
    // 6,000/1.3 = 4,615; cooling 4,500.
    assert_power(&a, at("C3"), 4_000.0, PowerElement::Utility, 200.0);
    // W1: UPS (8−1)·500 = 3,500; utility and generator 5,000/1.2 = 4,167; cooling 3,200.
    assert_power(&a, at("W1"), 3_200.0, PowerElement::Cooling, 400.0);
    // E3 is the fullest site: api 24,000/8 = 3,000 + catalog 8,000·0.5 = 4,000 servers.
    close(util(&a, at("E3"), Resource::Servers), 0.7);
    assert!(a.within_target);
}

#[test]
fn three_region_is_n1_safe_and_survives_east_and_west_but_not_central() {
    let plan = three_region();
    let a = Analysis::new(&plan);
    assert!(a.n1_safe);
    assert!(a.violations.is_empty());

    assert!(scenario(&a, "region:east").result.survivable);
    // C3 keeps api 24,000/5 = 4,800 and ledger 2,000 db servers and takes all of
    // catalog (0.15/0.15): 8,000 servers and 2,800 kW. Left after api and ledger:
    // 10,000 − 6,800 = 3,200 servers and 4,000 − 1,680 − 1,200 = 1,120 kW: α = 0.4.
    close(outcome(&plan, &a, "region:east", "catalog").0, 0.4);

    let central = "region:central";
    assert!(!scenario(&a, central).result.survivable);
    for whole in ["api", "identity", "ledger"] {
        assert_outcome(&plan, &a, central, whole, 1.0, true);
    }
    // orders falls on E1 alone (0.30/0.30): 6,000 db servers, 3,600 kW. E1 (4,000 kW
    // usable) first serves api 4,800 web servers = 1,680 kW: 2,320 kW left,
    // α = 2,320/3,600 = 29/45 ≈ 64 % (servers give 0.87, racks 0.76).
    close(outcome(&plan, &a, central, "orders").0, 29.0 / 45.0);

    // The west goes, and ML training (Batch, only there) with it; everything else holds.
    assert!(scenario(&a, "region:west").result.survivable);
    assert_outcome(&plan, &a, "region:west", "ml", 0.0, false);
}

#[test]
fn three_region_ledger_chain_walks_on_to_w1() {
    let plan = three_region();
    let a = Analysis::new(&plan);
    let name = "Ledger chain: C3 and E3 lost";
    assert!(scenario(&a, name).result.survivable);
    // E3 is down, so the ledger's next standby, W1, takes all 2,000 db servers; W1
    // also keeps api 24,000·0.125/0.75 = 4,000: 2,600 of 3,200 kW.
    assert_outcome(&plan, &a, name, "ledger", 1.0, true);
    // ml's W1 half (2,000 batch nodes, 900 kW) gets the 600 kW left: α = 2/3; its W2
    // half is whole: 0.5·2/3 + 0.5 = 5/6.
    close(outcome(&plan, &a, name, "ml").0, 5.0 / 6.0);

    // Orders' data is only in E1 and C1: losing both loses it.
    let fiber = "Shared fiber route: E1 and C1";
    assert!(!scenario(&a, fiber).result.survivable);
    assert!(!outcome(&plan, &a, fiber, "orders").1);
}

#[test]
fn three_region_runway_ends_on_losing_e1_then_on_w2_power() {
    let plan = three_region();
    let a = Analysis::new(&plan);
    // site:E1: C1 (4,000 kW usable) keeps api 24,000·0.125/0.875 = 3,428.6 servers
    // (1,200 kW at month 0) and orders 6,000·0.4/0.7 db servers (2,057.1 kW):
    // 1,200·1.006^m + 2,057.1·1.012^m kW. Month 20: 3,964 kW; month 21: 4,003 kW.
    let c1_power =
        |m: i32| 1_200.0 * 1.006f64.powi(m) + 6_000.0 * 0.6 * 4.0 / 7.0 * 1.012f64.powi(m);
    assert!(c1_power(20) <= 4_000.0);
    let dis = a.runway.disaster.as_ref().expect("disaster runway");
    assert_eq!(dis.month, 21);
    assert_eq!(a.scenarios[dis.scenario].def.name, "site:E1");
    assert_eq!(dis.service, Some(service_index(&plan, "orders")));
    // W2 power at month m: api 3,000·0.35·1.006^m + identity 1,200·0.6·1.004^m + ml
    // 2,000·0.45·1.02^m, against 0.8·4,200 = 3,360 kW. Month 21: 3,338 kW (79.5 %);
    // month 22: 3,375 kW (80.4 %). W1's month-18 expansion keeps it below target.
    let w2_power =
        |m: i32| 1_050.0 * 1.006f64.powi(m) + 720.0 * 1.004f64.powi(m) + 900.0 * 1.02f64.powi(m);
    assert!(w2_power(21) <= 3_360.0);
    let cap = a.runway.capacity.as_ref().expect("capacity runway");
    assert_eq!(cap.month, 22);
    assert_eq!(cap.site, site_index(&plan, "W2"));
    assert_eq!(cap.resource, Resource::PowerKw);
    close(cap.utilization.expect("bounded"), w2_power(22) / 4_200.0);
}

#[test]
fn every_shipped_plan_loads() {
    for (source, file) in [
        (include_str!("../plans/tiny.ron"), "plans/tiny.ron"),
        (
            include_str!("../plans/ansan-2024.ron"),
            "plans/ansan-2024.ron",
        ),
        (
            include_str!("../plans/kakao-2022.ron"),
            "plans/kakao-2022.ron",
        ),
        (
            include_str!("../plans/three-region-active-active.ron"),
            "plans/three-region-active-active.ron",
        ),
    ] {
        let plan = load(source, file);
        assert!(
            !plan.sites.is_empty() && !plan.services.is_empty(),
            "{file}"
        );
    }
}
