//! The facts every report for people shows, gathered once as a `Document`: the summary a
//! capacity review starts from, sites, scenarios, services at risk and runway — or, with
//! a focus, one scenario in detail.

use crate::engine::{
    fullest, over, site_series, utilization, utilizations, Analysis, Resource, ScenarioResult,
    ServiceOutcome, EPSILON,
};
use crate::model::Plan;

use super::document::{Block, Cell, Column, Document, Section, Table, Tone};
use super::focus::Focus;
use super::units::{availability, percent, quantity};

/// Marks a figure over its limit, so it stands out without colour too.
pub const OVER_MARK: &str = "!";

pub fn document(plan: &Plan, a: &Analysis, focus: Option<&Focus>) -> Document {
    let sections = match focus {
        Some(focus) => scenario_detail(plan, a, focus),
        None => vec![
            summary(plan, a),
            sites(plan, a),
            scenarios(plan, a),
            services_at_risk(plan, a),
            runway(plan, a),
        ],
    };
    Document {
        title: format!("{}: capacity report", plan.name),
        intro: intro(plan, a),
        sections,
    }
}

fn intro(plan: &Plan, a: &Analysis) -> Vec<String> {
    let p = &plan.policy;
    let month = a.month();
    let when = if month > p.horizon_months {
        format!(
            "Month {month}, beyond the plan's {}-month horizon: demand grown {month} months and \
             every expansion counted; the runway is still counted over months 0 to {}.",
            p.horizon_months, p.horizon_months
        )
    } else {
        format!("Month {month} of a {}-month horizon.", p.horizon_months)
    };
    let mut lines = vec![format!(
        "{when} Target utilization {}, failover limit {}.",
        percent(p.target_utilization),
        percent(p.failover_utilization)
    )];
    lines.extend(plan.description.clone());
    lines
}

fn yes_no(ok: bool, yes: &str, no: &str) -> Cell {
    if ok {
        Cell::toned(yes, Tone::Good)
    } else {
        Cell::toned(no, Tone::Bad)
    }
}

/// A utilization as a percentage, marked and toned when over `limit`.
fn util_cell(load: f64, capacity: f64, limit: f64) -> Cell {
    let u = utilization(load, capacity);
    let text = u.map_or("unbounded".to_string(), percent);
    if over(load, capacity, limit) {
        Cell::toned(format!("{text}{OVER_MARK}"), Tone::Bad)
    } else {
        Cell::plain(text)
    }
    .with_bar(u.unwrap_or(f64::INFINITY))
}

fn headroom_cell(resource: Resource, headroom: f64) -> Cell {
    let tone = if headroom < -EPSILON {
        Tone::Bad
    } else {
        Tone::Plain
    };
    Cell::toned(quantity(resource, headroom), tone)
}

fn summary(plan: &Plan, a: &Analysis) -> Section {
    let mut facts = vec![
        ("N-1 safe".to_string(), n1_cell(a)),
        ("Within target".to_string(), target_cell(plan, a)),
        ("Tightest headroom".to_string(), tightest_cell(plan, a)),
    ];
    if let Some(k) = a.worst_scenario {
        facts.push(("Worst scenario".to_string(), scenario_cell(plan, a, k)));
    }
    facts.push(("Capacity runway".to_string(), capacity_runway_cell(plan, a)));
    facts.push(("Disaster runway".to_string(), disaster_runway_cell(plan, a)));
    facts.push(("Violations".to_string(), violations_cell(a)));
    Section {
        title: "Summary".to_string(),
        blocks: vec![Block::Facts(facts)],
    }
}

fn tightest_cell(plan: &Plan, a: &Analysis) -> Cell {
    match a.tightest {
        Some(t) => Cell::plain(format!(
            "site {} {} at {}: {} to the {} target",
            plan.sites[t.site].id,
            t.resource.label(),
            t.utilization.map_or("unbounded".to_string(), percent),
            quantity(t.resource, t.headroom),
            percent(a.target_utilization)
        )),
        None => Cell::plain("no site"),
    }
}

fn n1_cell(a: &Analysis) -> Cell {
    let singles: Vec<&str> = a
        .scenarios
        .iter()
        .filter(|sc| matches!(sc.def.kind, crate::engine::ScenarioKind::Site(_)))
        .filter(|sc| !sc.result.survivable)
        .map(|sc| sc.def.name.as_str())
        .collect();
    if singles.is_empty() {
        Cell::toned("yes: every single-site loss is survivable", Tone::Good)
    } else {
        Cell::toned(
            format!("no: not survivable: {}", singles.join(", ")),
            Tone::Bad,
        )
    }
}

fn target_cell(plan: &Plan, a: &Analysis) -> Cell {
    let over: Vec<String> = a
        .sites
        .iter()
        .enumerate()
        .flat_map(|(j, f)| {
            f.over_target(a.target_utilization)
                .map(move |r| (j, r))
                .collect::<Vec<_>>()
        })
        .map(|(j, r)| {
            let u = a.sites[j].utilization[r.index()];
            format!(
                "{} {} {}",
                plan.sites[j].id,
                r.label(),
                u.map_or("unbounded".to_string(), percent)
            )
        })
        .collect();
    if over.is_empty() {
        Cell::toned(
            format!(
                "yes: no site resource over the {} target",
                percent(a.target_utilization)
            ),
            Tone::Good,
        )
    } else {
        Cell::toned(
            format!(
                "no: over the {} target: {}",
                percent(a.target_utilization),
                over.join(", ")
            ),
            Tone::Bad,
        )
    }
}

fn scenario_cell(plan: &Plan, a: &Analysis, k: usize) -> Cell {
    let sc = &a.scenarios[k];
    if !sc.result.survivable {
        let why = sc
            .result
            .first_lost(&a.model, &a.state)
            .map_or(String::new(), |i| {
                let o = sc.result.outcome(&a.state, i);
                format!(
                    ": {} service \"{}\" {}",
                    plan.services[i].tier.name(),
                    plan.services[i].id,
                    served_text(&o)
                )
            });
        return Cell::toned(format!("{}: not survivable{why}", sc.def.name), Tone::Bad);
    }
    let busiest = a.busiest_survivor(&sc.result).map_or(String::new(), |b| {
        format!(
            "; busiest survivor {} at {} {}",
            plan.sites[b.site].id,
            percent(b.utilization),
            b.resource.label()
        )
    });
    Cell::plain(format!("{}: survivable{busiest}", sc.def.name))
}

fn served_text(o: &ServiceOutcome) -> String {
    if o.data_available {
        format!("{} served", percent(o.served))
    } else {
        "has lost every copy of its data".to_string()
    }
}

fn capacity_runway_cell(plan: &Plan, a: &Analysis) -> Cell {
    match &a.runway.capacity {
        None => Cell::toned(
            format!("beyond the {}-month horizon", a.runway.horizon_months),
            Tone::Good,
        ),
        Some(b) => Cell::toned(
            format!(
                "month {}: site {} {} at {}",
                b.month,
                plan.sites[b.site].id,
                b.resource.label(),
                b.utilization.map_or("unbounded".to_string(), percent)
            ),
            if b.month == 0 { Tone::Bad } else { Tone::Warn },
        ),
    }
}

fn disaster_runway_cell(plan: &Plan, a: &Analysis) -> Cell {
    match &a.runway.disaster {
        None => Cell::toned(
            format!("beyond the {}-month horizon", a.runway.horizon_months),
            Tone::Good,
        ),
        Some(d) => {
            let lost = d.service.map_or(String::new(), |i| {
                format!(", first lost: service \"{}\"", plan.services[i].id)
            });
            Cell::toned(
                format!(
                    "month {}: scenario \"{}\" not survivable{lost}",
                    d.month, a.scenarios[d.scenario].def.name
                ),
                if d.month == 0 { Tone::Bad } else { Tone::Warn },
            )
        }
    }
}

fn violations_cell(a: &Analysis) -> Cell {
    let count =
        |f: fn(&crate::engine::Violation) -> bool| a.violations.iter().filter(|v| f(v)).count();
    let over = count(|v| matches!(v, crate::engine::Violation::OverTarget { .. }));
    let unsurvivable = count(|v| matches!(v, crate::engine::Violation::NotSurvivable { .. }));
    let slo = count(|v| matches!(v, crate::engine::Violation::SloMiss { .. }));
    if a.violations.is_empty() {
        return Cell::toned("none", Tone::Good);
    }
    Cell::toned(
        format!(
            "{}: {over} over target, {unsurvivable} single-site loss not survivable, {slo} SLO missed",
            a.violations.len()
        ),
        Tone::Bad,
    )
}

fn sites(plan: &Plan, a: &Analysis) -> Section {
    let target = a.target_utilization;
    let mut columns = vec![Column::left("Site", 0), Column::left("Region", 4)];
    for r in Resource::ALL {
        let rank = if r == Resource::Racks { 1 } else { 0 };
        columns.push(Column::right(title_case(r.label()), rank));
    }
    columns.push(Column::right("Tightest headroom", 0).short("Headroom"));
    columns.push(Column::left("Binding power", 2).short("Binding"));
    columns.push(Column::right("Stranded power", 3).short("Stranded"));
    let normal = a.normal();
    let rows = plan
        .sites
        .iter()
        .zip(&a.sites)
        .enumerate()
        .map(|(j, (site, f))| {
            let mut row = vec![Cell::plain(&site.id), Cell::plain(&site.region)];
            for r in Resource::ALL {
                let k = r.index();
                row.push(util_cell(f.load[k], f.capacity[k], target));
            }
            row.push(
                normal
                    .tightest(j)
                    .map_or(Cell::plain(""), |t| headroom_cell(t.resource, t.headroom)),
            );
            row.push(Cell::plain(f.power.binding.name()));
            row.push(Cell::plain(quantity(
                Resource::PowerKw,
                f.power.stranded_kw,
            )));
            row
        })
        .collect();
    Section {
        title: "Sites".to_string(),
        blocks: vec![
            Block::Table(Table { columns, rows }),
            Block::Note(format!(
                "Utilization of usable capacity in normal operation; {OVER_MARK} marks a figure over the {} target. \
                 Tightest headroom: {} of capacity minus load, in the site's fullest resource. \
                 Binding power: the element of the power chain that limits IT power; stranded power is nameplate power it cannot deliver.",
                percent(target),
                percent(target),
            )),
        ],
    }
}

fn title_case(label: &str) -> &'static str {
    match label {
        "servers" => "Servers",
        "racks" => "Racks",
        "power" => "Power",
        _ => "Storage",
    }
}

/// Services a scenario leaves less than whole, as "id 25.0%" or "id no data".
fn not_whole(plan: &Plan, a: &Analysis, result: &ScenarioResult) -> Vec<String> {
    a.not_whole(result)
        .into_iter()
        .map(|o| {
            let id = &plan.services[o.service].id;
            if o.data_available {
                format!("{id} {}", percent(o.served))
            } else {
                format!("{id} no data")
            }
        })
        .collect()
}

fn scenarios(plan: &Plan, a: &Analysis) -> Section {
    let limit = a.state.failover_utilization;
    let columns = vec![
        Column::left("Scenario", 0).flex(),
        Column::left("Failed sites", 2).short("Failed"),
        Column::left("Survivable", 0).short("Surv."),
        Column::left("Worst site", 1),
        Column::left("Services lost or degraded", 0)
            .short("Lost or degraded")
            .flex(),
    ];
    let rows = a
        .scenarios
        .iter()
        .map(|sc| {
            let failed: Vec<&str> = sc
                .result
                .failed
                .iter()
                .map(|&j| plan.sites[j].id.as_str())
                .collect();
            let worst = a
                .busiest_survivor(&sc.result)
                .map_or(Cell::plain("-"), |b| {
                    let (j, r, u) = (b.site, b.resource, b.utilization);
                    let tone = if u > limit + EPSILON {
                        Tone::Bad
                    } else {
                        Tone::Plain
                    };
                    let mark = if tone == Tone::Bad { OVER_MARK } else { "" };
                    Cell::toned(
                        format!("{} {} {}{mark}", plan.sites[j].id, r.label(), percent(u)),
                        tone,
                    )
                });
            let lost = not_whole(plan, a, &sc.result);
            let lost = if lost.is_empty() {
                Cell::plain("none")
            } else {
                Cell::toned(
                    format!("{}: {}", lost.len(), lost.join(", ")),
                    if sc.result.survivable {
                        Tone::Warn
                    } else {
                        Tone::Bad
                    },
                )
            };
            vec![
                Cell::plain(&sc.def.name),
                Cell::plain(failed.join(", ")),
                yes_no(sc.result.survivable, "yes", "no"),
                worst,
                lost,
            ]
        })
        .collect();
    Section {
        title: "Scenarios".to_string(),
        blocks: vec![
            Block::Table(Table { columns, rows }),
            Block::Note(format!(
                "Survivable: every Critical and High service fully served with its data. Worst site: the surviving site \
                 asked for the most of its capacity ({OVER_MARK} over the {} failover limit). \
                 Report one in detail with --scenario NAME.",
                percent(limit)
            )),
        ],
    }
}

/// Why a service is at risk: a Critical or High service in one site or one region, or
/// an SLO it misses.
pub fn risks(plan: &Plan, a: &Analysis, service: usize) -> Vec<String> {
    let mut why = Vec::new();
    let svc = &plan.services[service];
    if svc.tier.must_survive() {
        let mut sites: Vec<&str> = svc
            .placement
            .iter()
            .map(|(id, _)| id)
            .chain(svc.data.iter().map(String::as_str))
            .collect();
        sites.sort_unstable();
        sites.dedup();
        let regions: Vec<&str> = {
            let mut r: Vec<&str> = sites
                .iter()
                .filter_map(|id| plan.site(id).map(|s| s.region.as_str()))
                .collect();
            r.sort_unstable();
            r.dedup();
            r
        };
        match (sites.as_slice(), regions.as_slice()) {
            ([site], _) => why.push(format!("single site {site}")),
            (_, [region]) => why.push(format!("single region {region}")),
            _ => {}
        }
    }
    if a.services[service].meets_slo == Some(false) {
        why.push("misses its SLO".to_string());
    }
    why
}

fn services_at_risk(plan: &Plan, a: &Analysis) -> Section {
    let columns = vec![
        Column::left("Service", 0),
        Column::left("Tier", 2),
        Column::left("Risk", 0).flex(),
        Column::right("Availability", 0).short("Avail."),
        Column::right("SLO", 1),
        Column::right("Downtime", 3),
    ];
    let rows: Vec<Vec<Cell>> = (0..plan.services.len())
        .filter_map(|i| {
            let why = risks(plan, a, i);
            if why.is_empty() {
                return None;
            }
            let svc = &plan.services[i];
            let f = &a.services[i];
            let tone = match f.meets_slo {
                Some(false) => Tone::Bad,
                _ => Tone::Plain,
            };
            Some(vec![
                Cell::plain(&svc.id),
                Cell::plain(svc.tier.name()),
                Cell::toned(why.join("; "), Tone::Warn),
                Cell::toned(availability(f.exposure.availability), tone),
                Cell::plain(svc.slo.map_or("none".to_string(), availability)),
                Cell::plain(format!("{:.2} h/yr", f.exposure.downtime_hours)),
            ])
        })
        .collect();
    let note = format!(
        "Critical and High services whose placement and data sit in one site or one region \
         (the Pangyo lesson), and services that miss their SLO. Availability is expected \
         from the hazard ratings, one event at a time. {} services in all, {} with an SLO.",
        plan.services.len(),
        plan.services.iter().filter(|s| s.slo.is_some()).count()
    );
    let blocks = if rows.is_empty() {
        vec![Block::Note(format!("No service at risk. {note}"))]
    } else {
        vec![Block::Table(Table { columns, rows }), Block::Note(note)]
    };
    Section {
        title: "Services at risk".to_string(),
        blocks,
    }
}

fn runway(plan: &Plan, a: &Analysis) -> Section {
    let horizon = a.runway.horizon_months;
    let target = a.target_utilization;
    let columns = vec![
        Column::left("Site", 0),
        Column::left("Over target from", 0).short("Over from"),
        Column::left(&format!("Fullest at month {horizon}"), 1).short("At horizon"),
    ];
    let rows = (0..plan.sites.len())
        .map(|j| {
            let series = site_series(&a.model, j, horizon);
            let first = series.iter().find_map(|m| {
                Resource::ALL
                    .iter()
                    .any(|r| over(m.load[r.index()], m.capacity[r.index()], target))
                    .then(|| {
                        fullest(&m.load, &m.capacity, &Resource::ALL).map(|(r, u)| (m.month, r, u))
                    })
                    .flatten()
            });
            let first = match first {
                Some((month, r, u)) => Cell::toned(
                    format!("month {month} ({} {})", r.label(), percent(u)),
                    if month == 0 { Tone::Bad } else { Tone::Warn },
                ),
                None => Cell::toned("beyond horizon", Tone::Good),
            };
            let end = series
                .last()
                .and_then(|m| {
                    let u = utilizations(&m.load, &m.capacity);
                    fullest(&m.load, &m.capacity, &Resource::ALL).map(|(r, x)| {
                        let over = u[r.index()].is_none_or(|v| v > target + EPSILON);
                        Cell::toned(
                            format!("{} {}", r.label(), percent(x)),
                            if over { Tone::Bad } else { Tone::Plain },
                        )
                    })
                })
                .unwrap_or_else(|| Cell::plain("-"));
            vec![Cell::plain(&plan.sites[j].id), first, end]
        })
        .collect();
    Section {
        title: "Runway".to_string(),
        blocks: vec![
            Block::Facts(vec![
                (
                    "Horizon".to_string(),
                    Cell::plain(format!("{horizon} months, counted from month 0")),
                ),
                ("Capacity runway".to_string(), capacity_runway_cell(plan, a)),
                ("Disaster runway".to_string(), disaster_runway_cell(plan, a)),
            ]),
            Block::Table(Table { columns, rows }),
            Block::Note(
                "Capacity runway: the first month the plan is not within target; disaster runway: the \
                 first month it is not N-1 safe. Per site: the first month any resource passes the target, \
                 with demand grown and expansions added month by month."
                    .to_string(),
            ),
        ],
    }
}

fn scenario_detail(plan: &Plan, a: &Analysis, focus: &Focus) -> Vec<Section> {
    let result = &focus.result;
    let limit = a.state.failover_utilization;
    let failed: Vec<String> = result
        .failed
        .iter()
        .map(|&j| format!("{} ({})", plan.sites[j].id, plan.sites[j].name))
        .collect();
    let survivable = if result.survivable {
        Cell::toned(
            "yes: every Critical and High service fully served with its data",
            Tone::Good,
        )
    } else {
        let why = result
            .first_lost(&a.model, &a.state)
            .map_or(String::new(), |i| {
                let o = result.outcome(&a.state, i);
                format!(
                    ": {} service \"{}\" {}",
                    plan.services[i].tier.name(),
                    plan.services[i].id,
                    served_text(&o)
                )
            });
        Cell::toned(format!("no{why}"), Tone::Bad)
    };
    let facts = vec![
        (
            "Failed sites".to_string(),
            Cell::plain(if failed.is_empty() {
                "none".to_string()
            } else {
                failed.join(", ")
            }),
        ),
        ("Survivable".to_string(), survivable),
    ];
    let mut columns = vec![Column::left("Site", 0)];
    for r in Resource::ALL {
        columns.push(Column::right(title_case(r.label()), util_rank(r)));
    }
    for r in Resource::ALL {
        let head = format!("{} headroom", title_case(r.label()));
        let short = format!("±{}", r.unit());
        columns.push(Column::right(&head, headroom_rank(r)).short(&short));
    }
    let under = a.under(result);
    let rows = (0..plan.sites.len())
        .filter_map(|j| {
            let demand = under.load(j)?;
            let headroom = under.headroom(j)?;
            let cap = a.state.capacity[j];
            let mut row = vec![Cell::plain(&plan.sites[j].id)];
            for r in Resource::ALL {
                let k = r.index();
                let mut cell = util_cell(demand[k], cap[k], limit);
                cell.bar = None;
                row.push(cell);
            }
            for r in Resource::ALL {
                row.push(headroom_cell(r, headroom[r.index()]));
            }
            Some(row)
        })
        .collect();
    let services = (0..plan.services.len())
        .map(|i| service_outcome_row(plan, a, result.outcome(&a.state, i)))
        .collect();
    vec![
        Section {
            title: format!("Scenario {}", focus.name),
            blocks: vec![Block::Facts(facts)],
        },
        Section {
            title: "Surviving sites".to_string(),
            blocks: vec![
                Block::Table(Table { columns, rows }),
                Block::Note(format!(
                    "Load each surviving site is asked to carry, before shedding, as a share of capacity \
                     ({OVER_MARK} over the {} failover limit); headroom = failover limit × capacity − demanded load, \
                     negative when short.",
                    percent(limit)
                )),
            ],
        },
        Section {
            title: "Services".to_string(),
            blocks: vec![Block::Table(Table {
                columns: vec![
                    Column::left("Service", 0),
                    Column::left("Tier", 1),
                    Column::right("Served", 0),
                    Column::left("Data", 0),
                    Column::left("Outcome", 0),
                ],
                rows: services,
            })],
        },
    ]
}

fn util_rank(r: Resource) -> u8 {
    match r {
        Resource::Servers | Resource::PowerKw => 0,
        Resource::StoragePb => 1,
        Resource::Racks => 2,
    }
}

fn headroom_rank(r: Resource) -> u8 {
    match r {
        Resource::Servers => 0,
        Resource::PowerKw => 1,
        Resource::Racks => 3,
        Resource::StoragePb => 4,
    }
}

fn service_outcome_row(plan: &Plan, a: &Analysis, o: ServiceOutcome) -> Vec<Cell> {
    let svc = &plan.services[o.service];
    let must = svc.tier.must_survive();
    let has_data = a.model.services[o.service].has_storage();
    let (outcome, tone) = if !o.data_available {
        ("lost: no copy of its data", Tone::Bad)
    } else if o.served <= EPSILON {
        ("lost", Tone::Bad)
    } else if o.served < 1.0 - EPSILON {
        ("degraded", Tone::Warn)
    } else {
        ("whole", Tone::Plain)
    };
    let tone = match tone {
        Tone::Bad | Tone::Warn if !must => Tone::Warn,
        t => t,
    };
    let data = match (has_data, o.data_available) {
        (false, _) => Cell::plain("none held"),
        (true, true) => Cell::plain("available"),
        (true, false) => Cell::toned("unavailable", tone),
    };
    vec![
        Cell::plain(&svc.id),
        Cell::plain(svc.tier.name()),
        Cell::toned(percent(o.served), tone),
        data,
        Cell::toned(outcome, tone),
    ]
}
