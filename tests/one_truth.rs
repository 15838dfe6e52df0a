//! Each figure has one definition: on generated plans of several seeds and sizes, the
//! JSON report, the text report and the interactive Overview name the same worst
//! scenario and the same tightest headroom, and the engine's worst scenario is the one a
//! plain reading of its rule picks.

use headroom::engine::{Analysis, Resource, ScenarioResult};
use headroom::gen::{generate, GenSpec};
use headroom::model::Plan;
use headroom::report::{json, text, Options};
use headroom::tui::App;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn plans() -> Vec<Plan> {
    let sizes = [
        (6, 40, 2),
        (12, 200, 3),
        (30, 600, 5),
        (60, 1500, 8),
        (100, 3000, 12),
    ];
    (0..10)
        .map(|k| {
            let (sites, services, regions) = sizes[k % sizes.len()];
            generate(&GenSpec {
                sites,
                services,
                regions,
                seed: 100 + k as u64,
                horizon_months: 24,
            })
        })
        .collect()
}

/// The rule as written (assets/docs/semantics.md), over every service of every scenario.
fn worst_by_rule(a: &Analysis) -> Option<usize> {
    let key = |r: &ScenarioResult| {
        let least = (0..a.model.services.len())
            .filter(|&i| a.model.services[i].tier.must_survive())
            .map(|i| r.outcome(&a.state, i).effective())
            .fold(1.0, f64::min);
        let peak = r
            .receiving
            .iter()
            .flat_map(|&(j, load)| {
                Resource::COMPUTE.map(|res| {
                    let (l, c) = (load[res.index()], a.state.capacity[j][res.index()]);
                    headroom::engine::utilization(l, c).unwrap_or(f64::INFINITY)
                })
            })
            .fold(0.0, f64::max);
        (r.survivable, least, -peak)
    };
    let mut best: Option<(usize, (bool, f64, f64))> = None;
    for (k, s) in a.scenarios.iter().enumerate() {
        let this = key(&s.result);
        let better = best.is_none_or(|(_, b)| {
            (!this.0 && b.0) || (this.0 == b.0 && (this.1 < b.1 || (this.1 == b.1 && this.2 < b.2)))
        });
        if better {
            best = Some((k, this));
        }
    }
    best.map(|(k, _)| k)
}

fn overview(plan: &Plan) -> String {
    let app = App::new(plan.clone());
    let (w, h) = (200, 50);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| headroom::tui::draw(f, &app))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What follows `label` on its line, spaces and borders trimmed.
fn after<'a>(screen: &'a str, label: &str) -> &'a str {
    let line = screen
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no {label} in\n{screen}"));
    let start = line.find(label).map_or(0, |k| k + label.len());
    line[start..].trim_matches(|c: char| c == ' ' || c == '│')
}

#[test]
fn reports_and_the_overview_name_the_same_worst_scenario_and_tightest_headroom() {
    for plan in plans() {
        let a = Analysis::new(&plan);
        assert_eq!(a.worst_scenario, worst_by_rule(&a), "plan {}", plan.name);
        let report: serde_json::Value =
            serde_json::from_str(&json::to_json(&plan, &a)).expect("json");
        let worst = report["worst_scenario"].as_str().expect("a worst scenario");
        let tight = &report["tightest_headroom"];
        let tightest = format!(
            "site {} {}",
            tight["site"].as_str().expect("site"),
            Resource::ALL
                .into_iter()
                .find(|r| r.field() == tight["resource"])
                .expect("resource")
                .label()
        );
        let options = Options {
            width: 200,
            ..Options::default()
        };
        let text = text::render(&plan, &a, &options);
        let screen = overview(&plan);
        for (what, shown) in [("text report", &text), ("Overview", &screen)] {
            let w = after(shown, "Worst scenario");
            assert!(
                w.starts_with(&format!("{worst}:")),
                "{what} of {}: worst `{w}`, JSON `{worst}`",
                plan.name
            );
            let t = after(shown, "Tightest headroom");
            assert!(
                t.starts_with(&format!("{tightest} at ")),
                "{what} of {}: tightest `{t}`, JSON `{tightest}`",
                plan.name
            );
        }
    }
}
