//! The stable machine interface (DESIGN.md §9), schema 1. Keys are documented in
//! assets/docs/json-report.md; change them only with a new schema number.

use std::io::{self, Write};

use serde::{Serialize, Serializer};

use crate::engine::{Analysis, Resource};
use crate::model::Plan;

use super::violations;

mod chunked;
mod lists;
mod object;
mod pretty;

use lists::Lists;
use object::Object;

pub const SCHEMA: u32 = 1;

pub fn to_json(plan: &Plan, a: &Analysis) -> String {
    let mut bytes = Vec::new();
    // Writing into memory cannot fail, and JSON is written as UTF-8.
    write_json(plan, a, &mut bytes)
        .ok()
        .and_then(|()| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// The same bytes as [`to_json`], written as they are produced: a hyperscale report is
/// hundreds of megabytes, which need not be held in memory at once. Its long lists are
/// written on every core. Only the writer can fail.
pub fn write_json<W: Write>(plan: &Plan, a: &Analysis, mut out: W) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut report = Object::open(&mut buf, 0);
    report.value("schema", &SCHEMA)?;
    report.value("plan", &plan_info(plan, a))?;
    let lists = Lists::new(plan, a)?;
    lists.sites(&mut report, &mut out)?;
    lists.scenarios(&mut report, &mut out)?;
    lists.services(&mut report, &mut out)?;
    report.value("runway", &runway(plan, a))?;
    report.bool("n1_safe", a.n1_safe)?;
    report.bool("within_target", a.within_target)?;
    let worst = a
        .worst_scenario
        .and_then(|k| a.scenarios.get(k))
        .map(|s| s.def.name.as_str());
    report.value("worst_scenario", &worst)?;
    report.value("tightest_headroom", &tightest(plan, a))?;
    report.value("violations", &Violations { plan, a })?;
    report.close();
    out.write_all(&buf)
}

#[derive(Serialize)]
struct PlanInfo<'a> {
    name: &'a str,
    description: Option<&'a str>,
    month: u32,
    target_utilization: f64,
    failover_utilization: f64,
    horizon_months: u32,
}

#[derive(Serialize)]
struct RunwayOut<'a> {
    horizon_months: u32,
    capacity_month: Option<u32>,
    capacity_failed: Option<CapacityFailed<'a>>,
    disaster_month: Option<u32>,
    disaster_failed: Option<DisasterFailed<'a>>,
}

#[derive(Serialize)]
struct CapacityFailed<'a> {
    site: &'a str,
    resource: &'static str,
    utilization: Option<f64>,
}

#[derive(Serialize)]
struct DisasterFailed<'a> {
    scenario: &'a str,
    service: Option<&'a str>,
}

#[derive(Serialize)]
struct TightestOut<'a> {
    site: &'a str,
    resource: &'static str,
    utilization: Option<f64>,
    headroom: f64,
}

#[derive(Serialize)]
struct ViolationOut {
    kind: &'static str,
    message: String,
}

/// The plan's violations with their messages, serialized as they are worked out.
struct Violations<'a> {
    plan: &'a Plan,
    a: &'a Analysis,
}

impl Serialize for Violations<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.a.violations.iter().map(|v| ViolationOut {
            kind: violations::kind(v),
            message: violations::message(self.plan, self.a, v),
        }))
    }
}

fn plan_info<'a>(plan: &'a Plan, a: &Analysis) -> PlanInfo<'a> {
    PlanInfo {
        name: &plan.name,
        description: plan.description.as_deref(),
        month: a.month(),
        target_utilization: plan.policy.target_utilization,
        failover_utilization: plan.policy.failover_utilization,
        horizon_months: plan.policy.horizon_months,
    }
}

fn runway<'a>(plan: &'a Plan, a: &'a Analysis) -> RunwayOut<'a> {
    let r = &a.runway;
    RunwayOut {
        horizon_months: r.horizon_months,
        capacity_month: r.capacity.as_ref().map(|c| c.month),
        capacity_failed: r.capacity.as_ref().map(|c| CapacityFailed {
            site: &plan.sites[c.site].id,
            resource: Resource::field(c.resource),
            utilization: c.utilization,
        }),
        disaster_month: r.disaster.as_ref().map(|d| d.month),
        disaster_failed: r.disaster.as_ref().map(|d| DisasterFailed {
            scenario: &a.scenarios[d.scenario].def.name,
            service: d.service.map(|i| plan.services[i].id.as_str()),
        }),
    }
}

fn tightest<'a>(plan: &'a Plan, a: &Analysis) -> Option<TightestOut<'a>> {
    let t = a.tightest?;
    Some(TightestOut {
        site: &plan.sites.get(t.site)?.id,
        resource: Resource::field(t.resource),
        utilization: t.utilization,
        headroom: t.headroom,
    })
}
