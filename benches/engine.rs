//! Speed of the whole pipeline on generated fleets: reading a plan, the full engine, the
//! JSON report, and recomputing after one edit. Targets and figures: BENCHMARKS.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use headroom::engine::Analysis;
use headroom::gen::{generate, GenSpec};
use headroom::model::{load_plan, validate, Plan};
use headroom::report::json::write_json;
use headroom::tui::{draw, App};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use ron::ser::PrettyConfig;

/// The allocator the `headroom` binary runs with, so the benches measure what it does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// (label, sites, services, regions): the interactive size and the hyperscale one.
const SIZES: [(&str, usize, usize, usize); 2] = [
    ("200x10k", 200, 10_000, 20),
    ("1000x50k", 1_000, 50_000, 50),
];

fn plan(sites: usize, services: usize, regions: usize) -> Plan {
    generate(&GenSpec::new(sites, services, regions, 1))
}

fn quick<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group
}

fn load(c: &mut Criterion) {
    let mut group = quick(c, "load_plan");
    for (label, sites, services, regions) in SIZES {
        let text =
            ron::ser::to_string_pretty(&plan(sites, services, regions), PrettyConfig::default())
                .expect("a generated plan serializes");
        group.bench_function(BenchmarkId::from_parameter(label), |b| {
            b.iter(|| load_plan(black_box(&text), "bench.ron"))
        });
    }
    group.finish();
}

fn engine(c: &mut Criterion) {
    let mut group = quick(c, "analysis");
    for (label, sites, services, regions) in SIZES {
        let plan = plan(sites, services, regions);
        group.bench_function(BenchmarkId::from_parameter(label), |b| {
            b.iter(|| Analysis::new(black_box(&plan)))
        });
    }
    group.finish();
}

fn json(c: &mut Criterion) {
    let mut group = quick(c, "json_report");
    for (label, sites, services, regions) in SIZES {
        let plan = plan(sites, services, regions);
        let analysis = Analysis::new(&plan);
        group.bench_function(BenchmarkId::from_parameter(label), |b| {
            b.iter(|| write_json(black_box(&plan), black_box(&analysis), std::io::sink()))
        });
    }
    group.finish();
}

/// One edit and every figure brought up to date: worked out from nothing, and revised
/// from the analysis before the edit as the interactive view does, for an edit of a
/// site's capacity and of a service's servers.
fn edit_recompute(c: &mut Criterion) {
    let mut group = quick(c, "edit_recompute");
    let (_, sites, services, regions) = SIZES[0];
    let base = plan(sites, services, regions);
    let before = Analysis::new(&base);
    let mut capacity = base.clone();
    if let Some(site) = capacity.sites.first_mut() {
        site.capacity.servers += 10.0;
    }
    let mut servers = base.clone();
    if let Some(svc) = servers.services.first_mut() {
        svc.servers *= 1.1;
    }
    group.bench_function("from_nothing", |b| {
        b.iter(|| Analysis::new(black_box(&capacity)))
    });
    group.bench_function("revise_site_capacity", |b| {
        b.iter(|| before.revise(black_box(&capacity)))
    });
    group.bench_function("revise_service_servers", |b| {
        b.iter(|| before.revise(black_box(&servers)))
    });
    group.finish();
}

/// A change of one number in a plan, by a step.
type Edit = fn(&mut Plan, f64);

/// What a planner waits for after changing one number in the interactive view: the
/// edited plan checked (the whole plan's validation, as every edit is), handed to the
/// app and revised, and one 160×48 frame drawn; for a site's capacity and for a
/// service's servers.
fn edit_frame(c: &mut Criterion) {
    let mut group = quick(c, "edit_frame");
    let (_, sites, services, regions) = SIZES[0];
    let base = plan(sites, services, regions);
    let edits: [(&str, Edit); 2] = [
        ("site_capacity", |p, step| {
            if let Some(site) = p.sites.first_mut() {
                site.capacity.servers += step;
            }
        }),
        ("service_servers", |p, step| {
            if let Some(svc) = p.services.first_mut() {
                svc.servers += step;
            }
        }),
    ];
    for (name, edit) in edits {
        let mut plan = base.clone();
        let mut app = App::new(plan.clone());
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test terminal");
        let mut up = false;
        group.bench_function(name, |b| {
            b.iter(|| {
                up = !up;
                edit(&mut plan, if up { 10.0 } else { -10.0 });
                black_box(validate(&plan));
                app.replace_plan(plan.clone());
                app.settle();
                terminal.draw(|f| draw(f, &app)).map(|_| ())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load, engine, json, edit_recompute, edit_frame);
criterion_main!(benches);
