//! The rules an edit may not break. The plan's own validation (DESIGN.md §3) is the
//! authority; this is the single place an edit consults it, and until that validation is
//! part of the model it checks the errors of §3 itself.

use std::collections::HashSet;

use crate::model::{Failover, Plan};

/// Every error of DESIGN.md §3 in `plan`, each naming its item; warnings are not errors.
pub fn errors(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    policy(plan, &mut out);
    ids(plan, &mut out);
    for (name, p) in plan.profiles.iter() {
        let item = format!("profile \"{name}\"");
        non_negative(&mut out, &item, "power_kw", p.power_kw);
        if !(p.per_rack.is_finite() && p.per_rack > 0.0) {
            out.push(format!("{item}: per_rack must be > 0"));
        }
    }
    for r in &plan.regions {
        rating(
            &mut out,
            &format!("region \"{}\"", r.id),
            "earthquake",
            r.earthquake,
        );
    }
    sites(plan, &mut out);
    services(plan, &mut out);
    scenarios(plan, &mut out);
    out
}

fn non_negative(out: &mut Vec<String>, item: &str, field: &str, x: f64) {
    if !(x.is_finite() && x >= 0.0) {
        out.push(format!("{item}: {field} must be a number ≥ 0"));
    }
}

fn rating(out: &mut Vec<String>, item: &str, field: &str, r: u8) {
    if !(1..=5).contains(&r) {
        out.push(format!("{item}: {field} must be a rating 1 to 5"));
    }
}

fn policy(plan: &Plan, out: &mut Vec<String>) {
    let p = &plan.policy;
    for (field, u) in [
        ("target_utilization", p.target_utilization),
        ("failover_utilization", p.failover_utilization),
    ] {
        if !(u > 0.0 && u <= 1.0) {
            out.push(format!("policy: {field} must be in (0, 1]"));
        }
    }
    if p.target_utilization > p.failover_utilization {
        out.push("policy: target_utilization must not exceed failover_utilization".to_string());
    }
    for (i, x) in p.hazards.probability.iter().enumerate() {
        non_negative(out, "policy", &format!("hazards.probability.{}", i + 1), *x);
    }
    let h = &p.hazards.hours;
    for (field, x) in [
        ("fire", h.fire),
        ("flood", h.flood),
        ("power", h.power),
        ("earthquake", h.earthquake),
    ] {
        non_negative(out, "policy", &format!("hazards.hours.{field}"), x);
    }
}

fn unique<'a>(out: &mut Vec<String>, kind: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for id in ids {
        if id.is_empty() {
            out.push(format!("a {kind} has an empty id"));
        } else if !seen.insert(id) {
            out.push(format!("{kind} \"{id}\" is defined twice"));
        }
    }
}

fn ids(plan: &Plan, out: &mut Vec<String>) {
    unique(out, "profile", plan.profiles.keys());
    unique(out, "region", plan.regions.iter().map(|r| r.id.as_str()));
    unique(out, "site", plan.sites.iter().map(|s| s.id.as_str()));
    unique(out, "service", plan.services.iter().map(|s| s.id.as_str()));
    unique(
        out,
        "scenario",
        plan.scenarios.iter().map(|s| s.name.as_str()),
    );
}

fn sites(plan: &Plan, out: &mut Vec<String>) {
    for s in &plan.sites {
        let item = format!("site \"{}\"", s.id);
        if plan.region(&s.region).is_none() {
            out.push(format!("{item}: region \"{}\" does not exist", s.region));
        }
        let c = &s.capacity;
        for (field, x) in [
            ("servers", c.servers),
            ("racks", c.racks),
            ("power_kw", c.power_kw),
            ("storage_pb", c.storage_pb),
        ] {
            non_negative(out, &item, &format!("capacity.{field}"), x);
        }
        rating(out, &item, "hazards.fire", s.hazards.fire);
        rating(out, &item, "hazards.flood", s.hazards.flood);
        rating(out, &item, "hazards.power", s.hazards.power);
        if let Some(p) = &s.power {
            for (field, x) in [
                ("feed_kw", p.feed_kw),
                ("ups.module_kw", p.ups.module_kw),
                ("generator_kw", p.generator_kw),
                ("fuel_hours", p.fuel_hours),
                ("cooling_kw", p.cooling_kw),
                ("pue", p.pue),
            ] {
                non_negative(out, &item, &format!("power.{field}"), x);
            }
        }
        for (i, e) in s.expansions.iter().enumerate() {
            let item = format!("{item} expansion {}", i + 1);
            if e.month > plan.policy.horizon_months {
                out.push(format!("{item}: month must be within 0..=horizon_months"));
            }
            let c = &e.capacity;
            for x in [c.servers, c.racks, c.power_kw, c.storage_pb] {
                non_negative(out, &item, "capacity", x);
            }
        }
    }
}

fn services(plan: &Plan, out: &mut Vec<String>) {
    let site_exists = |id: &String| plan.site(id).is_some();
    for s in &plan.services {
        let item = format!("service \"{}\"", s.id);
        if !plan.profiles.contains_key(&s.profile) {
            out.push(format!("{item}: profile \"{}\" does not exist", s.profile));
        }
        non_negative(out, &item, "servers", s.servers);
        non_negative(out, &item, "storage_pb", s.storage_pb);
        if !s.growth.is_finite() {
            out.push(format!("{item}: growth must be a number"));
        }
        if let Some(slo) = s.slo {
            if !(slo > 0.0 && slo < 1.0) {
                out.push(format!("{item}: slo must be in (0, 1)"));
            }
        }
        for (site, share) in s.placement.iter() {
            if plan.site(site).is_none() {
                out.push(format!("{item}.placement: site \"{site}\" does not exist"));
            }
            if !(share.is_finite() && *share > 0.0) {
                out.push(format!("{item}.placement: share of \"{site}\" must be > 0"));
            }
        }
        let total: f64 = s.placement.values().sum();
        if !s.placement.is_empty() && (total - 1.0).abs() > 1e-6 {
            out.push(format!("{item}.placement: shares sum to {total}, not 1"));
        }
        if s.servers > 0.0 && s.placement.is_empty() {
            out.push(format!("{item}: servers > 0 need a placement"));
        }
        if s.storage_pb > 0.0 && s.data.is_empty() {
            out.push(format!(
                "{item}: storage_pb > 0 needs at least one data site"
            ));
        }
        if let Some(d) = s.data.iter().find(|d| !site_exists(d)) {
            out.push(format!("{item}.data: site \"{d}\" does not exist"));
        }
        let distinct: HashSet<&String> = s.data.iter().collect();
        if distinct.len() != s.data.len() {
            out.push(format!("{item}.data: a site is listed twice"));
        }
        if let Failover::Standby(list) = &s.failover {
            for b in list {
                if !site_exists(b) {
                    out.push(format!("{item}.failover: site \"{b}\" does not exist"));
                } else if s.placement.contains_key(b) {
                    out.push(format!(
                        "{item}.failover: standby site \"{b}\" is already in the placement"
                    ));
                }
            }
        }
    }
}

fn scenarios(plan: &Plan, out: &mut Vec<String>) {
    for s in &plan.scenarios {
        let item = format!("scenario \"{}\"", s.name);
        if s.name.starts_with("site:") || s.name.starts_with("region:") {
            out.push(format!(
                "{item}: names starting with site: or region: are the automatic scenarios'"
            ));
        }
        for f in s.fail.iter().filter(|f| plan.site(f).is_none()) {
            out.push(format!("{item}.fail: site \"{f}\" does not exist"));
        }
        for r in s.fail_regions.iter().filter(|r| plan.region(r).is_none()) {
            out.push(format!(
                "{item}.fail_regions: region \"{r}\" does not exist"
            ));
        }
    }
}
