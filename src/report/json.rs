//! The stable machine interface (DESIGN.md §9), schema 1. Keys are documented in
//! assets/docs/json-report.md; change them only with a new schema number.

use std::io::{self, Write};

use serde::Serialize;

use crate::engine::{Analysis, Res, Resource, ScenarioKind, ScenarioResult};
use crate::model::Plan;

use super::violations;

pub const SCHEMA: u32 = 1;

pub fn to_json(plan: &Plan, a: &Analysis) -> String {
    let report = Report::new(plan, a);
    // Serializing plain structs of numbers, strings and options cannot fail.
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

/// The same bytes as [`to_json`], written as they are produced: a hyperscale report is
/// hundreds of megabytes, which need not be held in memory at once. Only the writer can
/// fail.
pub fn write_json<W: Write>(plan: &Plan, a: &Analysis, out: W) -> io::Result<()> {
    let report = Report::new(plan, a);
    serde_json::to_writer_pretty(out, &report).map_err(io::Error::from)
}

#[derive(Serialize)]
struct Report<'a> {
    schema: u32,
    plan: PlanInfo<'a>,
    sites: Vec<SiteOut<'a>>,
    scenarios: Vec<ScenarioOut<'a>>,
    services: Vec<ServiceOut<'a>>,
    runway: RunwayOut<'a>,
    n1_safe: bool,
    within_target: bool,
    violations: Vec<ViolationOut>,
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

/// A resource vector as an object keyed by the plan's field names.
#[derive(Serialize)]
struct Vector {
    servers: f64,
    racks: f64,
    power_kw: f64,
    storage_pb: f64,
}

impl From<Res> for Vector {
    fn from(v: Res) -> Self {
        Vector {
            servers: v[0],
            racks: v[1],
            power_kw: v[2],
            storage_pb: v[3],
        }
    }
}

/// Utilization per resource; `null` where it is unbounded (capacity 0, load above 0).
#[derive(Serialize)]
struct Utilization {
    servers: Option<f64>,
    racks: Option<f64>,
    power_kw: Option<f64>,
    storage_pb: Option<f64>,
}

impl From<[Option<f64>; 4]> for Utilization {
    fn from(u: [Option<f64>; 4]) -> Self {
        Utilization {
            servers: u[0],
            racks: u[1],
            power_kw: u[2],
            storage_pb: u[3],
        }
    }
}

#[derive(Serialize)]
struct SiteOut<'a> {
    id: &'a str,
    name: &'a str,
    region: &'a str,
    capacity: Vector,
    load: Vector,
    utilization: Utilization,
    headroom: Vector,
    power_binding: &'static str,
    stranded_power_kw: f64,
}

#[derive(Serialize)]
struct ScenarioOut<'a> {
    name: &'a str,
    kind: &'static str,
    failed: Vec<&'a str>,
    survivable: bool,
    sites: Vec<ScenarioSite<'a>>,
    services: Vec<ScenarioService<'a>>,
}

#[derive(Serialize)]
struct ScenarioSite<'a> {
    id: &'a str,
    load: Vector,
    utilization: Utilization,
    headroom: Vector,
}

#[derive(Serialize)]
struct ScenarioService<'a> {
    id: &'a str,
    served: f64,
    data_available: bool,
}

#[derive(Serialize)]
struct ServiceOut<'a> {
    id: &'a str,
    tier: &'static str,
    served: f64,
    downtime_hours: f64,
    availability: f64,
    slo: Option<f64>,
    meets_slo: Option<bool>,
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
struct ViolationOut {
    kind: &'static str,
    message: String,
}

impl<'a> Report<'a> {
    fn new(plan: &'a Plan, a: &'a Analysis) -> Report<'a> {
        Report {
            schema: SCHEMA,
            plan: PlanInfo {
                name: &plan.name,
                description: plan.description.as_deref(),
                month: a.month(),
                target_utilization: plan.policy.target_utilization,
                failover_utilization: plan.policy.failover_utilization,
                horizon_months: plan.policy.horizon_months,
            },
            sites: sites(plan, a),
            scenarios: a
                .scenarios
                .iter()
                .map(|sc| scenario(plan, a, &sc.def.name, sc.def.kind, &sc.result))
                .collect(),
            services: services(plan, a),
            runway: runway(plan, a),
            n1_safe: a.n1_safe,
            within_target: a.within_target,
            violations: a
                .violations
                .iter()
                .map(|v| ViolationOut {
                    kind: violations::kind(v),
                    message: violations::message(plan, a, v),
                })
                .collect(),
        }
    }
}

fn sites<'a>(plan: &'a Plan, a: &'a Analysis) -> Vec<SiteOut<'a>> {
    plan.sites
        .iter()
        .zip(&a.sites)
        .map(|(site, f)| SiteOut {
            id: &site.id,
            name: &site.name,
            region: &site.region,
            capacity: f.capacity.into(),
            load: f.load.into(),
            utilization: f.utilization.into(),
            headroom: f.headroom.into(),
            power_binding: f.power.binding.name(),
            stranded_power_kw: f.power.stranded_kw,
        })
        .collect()
}

fn kind_name(kind: ScenarioKind) -> &'static str {
    match kind {
        ScenarioKind::Site(_) => "site",
        ScenarioKind::Region(_) => "region",
        ScenarioKind::Plan(_) => "plan",
        ScenarioKind::WhatIf => "what_if",
    }
}

fn scenario<'a>(
    plan: &'a Plan,
    a: &'a Analysis,
    name: &'a str,
    kind: ScenarioKind,
    result: &'a ScenarioResult,
) -> ScenarioOut<'a> {
    let limit = a.state.failover_utilization;
    ScenarioOut {
        name,
        kind: kind_name(kind),
        failed: result
            .failed
            .iter()
            .map(|&j| plan.sites[j].id.as_str())
            .collect(),
        survivable: result.survivable,
        sites: result
            .receiving
            .iter()
            .map(|&(j, load)| {
                let cap = a.state.capacity[j];
                ScenarioSite {
                    id: &plan.sites[j].id,
                    load: load.into(),
                    utilization: crate::engine::utilizations(&load, &cap).into(),
                    headroom: (cap * limit - load).into(),
                }
            })
            .collect(),
        services: result
            .services
            .iter()
            .map(|o| ScenarioService {
                id: &plan.services[o.service].id,
                served: o.served,
                data_available: o.data_available,
            })
            .collect(),
    }
}

fn services<'a>(plan: &'a Plan, a: &'a Analysis) -> Vec<ServiceOut<'a>> {
    plan.services
        .iter()
        .zip(&a.services)
        .map(|(svc, f)| ServiceOut {
            id: &svc.id,
            tier: svc.tier.name(),
            served: f.served,
            downtime_hours: f.exposure.downtime_hours,
            availability: f.exposure.availability,
            slo: svc.slo,
            meets_slo: f.meets_slo,
        })
        .collect()
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
