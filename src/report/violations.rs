//! One sentence per violation, the same in every format and on the CI gate's stderr.

use crate::engine::{Analysis, Violation};
use crate::model::Plan;

use super::units::{percent, quantity};

pub fn kind(v: &Violation) -> &'static str {
    match v {
        Violation::OverTarget { .. } => "over_target",
        Violation::NotSurvivable { .. } => "not_survivable",
        Violation::SloMiss { .. } => "slo_miss",
    }
}

pub fn message(plan: &Plan, a: &Analysis, v: &Violation) -> String {
    match *v {
        Violation::OverTarget { site, resource } => {
            let s = &a.sites[site];
            let r = resource.index();
            format!(
                "site \"{}\" {} at {} of capacity, over the {} target ({} of {})",
                plan.sites[site].id,
                resource.label(),
                s.utilization[r].map_or("unbounded".to_string(), percent),
                percent(a.target_utilization),
                quantity(resource, s.load[r]),
                quantity(resource, s.capacity[r]),
            )
        }
        Violation::NotSurvivable { scenario } => {
            let sc = &a.scenarios[scenario];
            let lost = sc.result.first_lost(&a.model, &a.state);
            let why = lost.map_or(String::new(), |i| {
                let o = sc.result.outcome(&a.state, i);
                let svc = &plan.services[i];
                if o.data_available {
                    format!(
                        ": {} service \"{}\" is {} served",
                        svc.tier.name(),
                        svc.id,
                        percent(o.served)
                    )
                } else {
                    format!(
                        ": {} service \"{}\" loses every copy of its data",
                        svc.tier.name(),
                        svc.id
                    )
                }
            });
            format!("scenario \"{}\" is not survivable{why}", sc.def.name)
        }
        Violation::SloMiss { service } => {
            let svc = &plan.services[service];
            let e = a.services[service].exposure;
            format!(
                "service \"{}\" availability {} misses its SLO {} ({:.2} h/yr expected downtime)",
                svc.id,
                super::units::availability(e.availability),
                svc.slo.map_or(String::new(), super::units::availability),
                e.downtime_hours,
            )
        }
    }
}
