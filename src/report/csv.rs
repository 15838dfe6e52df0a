//! One table of the report as CSV (RFC 4180 quoting, LF line ends), for spreadsheets: numbers as plain numbers,
//! the unit in the column name, utilization as a fraction (0.8 = 80%), empty where a
//! figure does not exist (unbounded utilization, no SLO).

use crate::engine::{utilization, Analysis, Res, Resource, ScenarioResult};
use crate::model::Plan;

use super::facts::risks;
use super::options::Options;

/// Which table to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTable {
    Sites,
    Scenarios,
    Services,
}

pub fn render(plan: &Plan, a: &Analysis, table: CsvTable, options: &Options) -> String {
    let rows = match (table, &options.focus) {
        (CsvTable::Sites, None) => sites(plan, a),
        (CsvTable::Sites, Some(f)) => focus_sites(plan, a, &f.name, &f.result),
        (CsvTable::Scenarios, None) => {
            let mut rows = vec![scenario_header()];
            rows.extend(
                a.scenarios
                    .iter()
                    .map(|sc| scenario_row(plan, a, &sc.def.name, &sc.result)),
            );
            rows
        }
        (CsvTable::Scenarios, Some(f)) => {
            vec![scenario_header(), scenario_row(plan, a, &f.name, &f.result)]
        }
        (CsvTable::Services, None) => services(plan, a),
        (CsvTable::Services, Some(f)) => focus_services(plan, a, &f.name, &f.result),
    };
    rows.iter()
        .map(|row| {
            let mut line = row.iter().map(|f| quote(f)).collect::<Vec<_>>().join(",");
            line.push('\n');
            line
        })
        .collect()
}

/// A field quoted when it holds a comma, a quote, a line break or edge spaces.
pub fn quote(field: &str) -> String {
    let needs = field.contains([',', '"', '\n', '\r']) || field.trim() != field;
    if needs {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn num(x: f64) -> String {
    if x.is_finite() {
        // Rounding noise (0.30000000000000004) helps no spreadsheet; 12 significant
        // digits keep every figure a plan can state.
        let rounded: f64 = format!("{x:.12e}").parse().unwrap_or(x);
        if rounded == 0.0 {
            "0".to_string()
        } else {
            rounded.to_string()
        }
    } else {
        String::new()
    }
}

fn opt(x: Option<f64>) -> String {
    x.map_or(String::new(), num)
}

/// Column name for a resource figure: `power_load_kw`, `servers_headroom`.
fn column(r: Resource, what: &str) -> String {
    match r {
        Resource::PowerKw => format!("power_{what}_kw"),
        Resource::StoragePb => format!("storage_{what}_pb"),
        _ => format!("{}_{what}", r.field()),
    }
}

fn resource_columns(with_capacity: bool) -> Vec<String> {
    let mut out = Vec::new();
    for r in Resource::ALL {
        if with_capacity {
            out.push(column(r, "capacity"));
        }
        out.push(column(r, "load"));
        out.push(format!("{}_utilization", r.label()));
        out.push(column(r, "headroom"));
    }
    out
}

fn resource_values(load: &Res, capacity: &Res, limit: f64, with_capacity: bool) -> Vec<String> {
    let mut out = Vec::new();
    for r in Resource::ALL {
        let k = r.index();
        if with_capacity {
            out.push(num(capacity[k]));
        }
        out.push(num(load[k]));
        out.push(opt(utilization(load[k], capacity[k])));
        out.push(num(capacity[k] * limit - load[k]));
    }
    out
}

fn sites(plan: &Plan, a: &Analysis) -> Vec<Vec<String>> {
    let mut header = vec!["site".to_string(), "region".to_string()];
    header.extend(resource_columns(true));
    header.extend(["power_binding".to_string(), "stranded_power_kw".to_string()]);
    let mut rows = vec![header];
    for (site, f) in plan.sites.iter().zip(&a.sites) {
        let mut row = vec![site.id.clone(), site.region.clone()];
        row.extend(resource_values(
            &f.load,
            &f.capacity,
            a.target_utilization,
            true,
        ));
        row.push(f.power.binding.name().to_string());
        row.push(num(f.power.stranded_kw));
        rows.push(row);
    }
    rows
}

fn focus_sites(plan: &Plan, a: &Analysis, name: &str, result: &ScenarioResult) -> Vec<Vec<String>> {
    let mut header = vec!["scenario".to_string(), "site".to_string()];
    header.extend(resource_columns(true));
    let mut rows = vec![header];
    for (j, site) in plan.sites.iter().enumerate() {
        if let Some(demand) = result.demand(&a.state, j) {
            let mut row = vec![name.to_string(), site.id.clone()];
            row.extend(resource_values(
                &demand,
                &a.state.capacity[j],
                a.state.failover_utilization,
                true,
            ));
            rows.push(row);
        }
    }
    rows
}

fn scenario_header() -> Vec<String> {
    [
        "scenario",
        "failed",
        "survivable",
        "services_not_whole",
        "least_served_service",
        "least_served",
    ]
    .map(String::from)
    .to_vec()
}

fn scenario_row(plan: &Plan, a: &Analysis, name: &str, result: &ScenarioResult) -> Vec<String> {
    let failed: Vec<&str> = result
        .failed
        .iter()
        .map(|&j| plan.sites[j].id.as_str())
        .collect();
    let not_whole = a.not_whole(result).len();
    let least = a.least_served(result);
    vec![
        name.to_string(),
        failed.join(" "),
        result.survivable.to_string(),
        not_whole.to_string(),
        least.map_or(String::new(), |o| plan.services[o.service].id.clone()),
        least.map_or(String::new(), |o| num(o.effective())),
    ]
}

fn services(plan: &Plan, a: &Analysis) -> Vec<Vec<String>> {
    let header = [
        "service",
        "tier",
        "served",
        "downtime_hours_per_year",
        "availability",
        "slo",
        "meets_slo",
        "risk",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = vec![header];
    for (i, (svc, f)) in plan.services.iter().zip(&a.services).enumerate() {
        rows.push(vec![
            svc.id.clone(),
            svc.tier.name().to_string(),
            num(f.served),
            num(f.exposure.downtime_hours),
            num(f.exposure.availability),
            opt(svc.slo),
            f.meets_slo.map_or(String::new(), |m| m.to_string()),
            risks(plan, a, i).join("; "),
        ]);
    }
    rows
}

fn focus_services(
    plan: &Plan,
    a: &Analysis,
    name: &str,
    result: &ScenarioResult,
) -> Vec<Vec<String>> {
    let header = ["scenario", "service", "tier", "served", "data_available"]
        .map(String::from)
        .to_vec();
    let mut rows = vec![header];
    for (i, svc) in plan.services.iter().enumerate() {
        let o = result.outcome(&a.state, i);
        rows.push(vec![
            name.to_string(),
            svc.id.clone(),
            svc.tier.name().to_string(),
            num(o.served),
            o.data_available.to_string(),
        ]);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote(" edge"), "\" edge\"");
    }

    #[test]
    fn numbers_are_plain_and_free_of_rounding_noise() {
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(-300.0), "-300");
        assert_eq!(num(32.5), "32.5");
        assert_eq!(num(f64::INFINITY), "");
    }
}
