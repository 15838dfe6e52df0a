//! The interactive view's field report, item by item: each test would have caught what a
//! person saw on screen. Figures are the tiny plan's, worked out by hand from DESIGN.md.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use headroom::engine::{demand_series, Analysis};
use headroom::gen::{generate, GenSpec};
use headroom::model::{load_plan_bytes, Plan};
use headroom::store::{PlanFile, Unsaved};
use headroom::tui::{App, Msg, View};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.press(KeyCode::Char(c));
    }
    app.settle();
}

fn ctrl(app: &mut App, c: char) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
    app.settle();
}

fn screen(app: &App, size: (u16, u16)) -> Vec<String> {
    common::screen_lines(app, size)
}

fn all(lines: &[String]) -> String {
    lines.join("\n")
}

/// The table row whose first word is `id`.
fn row<'a>(lines: &'a [String], id: &str) -> &'a str {
    lines
        .iter()
        .find(|l| l.trim_start_matches(['│', ' ']).split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no row {id} in\n{}", lines.join("\n")))
}

/// The ids of a table's rows, top to bottom, among `ids`.
fn order(lines: &[String], ids: &[&str]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|l| l.trim_start_matches(['│', ' ']).split_whitespace().next())
        .filter(|w| ids.contains(w))
        .map(String::from)
        .collect()
}

fn tiny_app() -> App {
    App::new(common::tiny())
}

#[test]
fn the_banner_says_what_survivable_leaves_out() {
    // DESIGN §6, site:A: front and billing whole, analytics 25 % served at B.
    for size in SIZES {
        let mut app = tiny_app();
        press(&mut app, "2f");
        let text = all(&screen(&app, size));
        let whole = "survivable: Critical/High whole — 1 lower-tier service degraded or lost";
        let room = usize::from(size.0) - 30;
        let shown: String = whole.chars().take(room).collect();
        assert!(text.contains(&shown), "{text}");
        assert!(text.contains("demanded utilization under the what-if, before shedding"));
    }
}

#[test]
fn the_runway_follows_the_what_if() {
    // DESIGN §6, site:C: billing's 300 servers move to A, which is asked for 950 of 1,000.
    let plan = common::tiny();
    let a = Analysis::new(&plan);
    let (site_a, site_c) = (
        common::site_index(&plan, "A"),
        common::site_index(&plan, "C"),
    );
    let series = demand_series(&a.model, &[site_c], site_a, 24);
    common::close(series[0].load[0], 950.0);
    common::close(series[24].load[0], 950.0);
    assert!(demand_series(&a.model, &[site_c], site_c, 24).is_empty());
    for size in SIZES {
        let mut app = tiny_app();
        press(&mut app, "6jjf");
        press(&mut app, "gg");
        let text = all(&screen(&app, size));
        assert!(
            text.contains("demanded servers utilization by month under"),
            "{text}"
        );
        assert!(text.contains("within the failover limit"), "{text}");
        assert!(
            text.contains("failover 100.0%") && text.contains("target 80.0%"),
            "{text}"
        );
    }
}

#[test]
fn the_overview_puts_the_verdict_first_and_its_gauges_on_one_scale() {
    for size in SIZES {
        let lines = screen(&tiny_app(), size);
        let at = |what: &str| {
            lines
                .iter()
                .position(|l| l.contains(what))
                .unwrap_or(usize::MAX)
        };
        assert!(at("N-1") < at("Plan total"), "{}", all(&lines));
        let bars: Vec<usize> = lines
            .iter()
            .filter(|l| {
                ["servers ", "racks ", "power ", "storage "]
                    .iter()
                    .any(|r| l.contains(&format!("│{r}")))
            })
            .filter_map(|l| l.chars().position(|c| c == '█'))
            .collect();
        assert_eq!(bars.len(), 4, "{}", all(&lines));
        assert!(bars.iter().all(|&x| x == bars[0]), "bars start at {bars:?}");
    }
}

#[test]
fn figures_are_never_cut_and_quit_is_always_shown() {
    let plan = generate(&GenSpec {
        sites: 200,
        services: 2000,
        regions: 20,
        seed: 3,
        horizon_months: 24,
    });
    for size in SIZES {
        let mut app = App::new(plan.clone());
        press(&mut app, "2");
        let lines = screen(&app, size);
        assert!(
            lines.last().is_some_and(|l| l.contains("q quit")),
            "{}",
            all(&lines)
        );
        for line in lines.iter().filter(|l| l.contains('%')) {
            // Every percentage whole: digits, a point, one digit, the sign.
            for (k, _) in line.match_indices('%') {
                let before: String = line[..k].chars().rev().take(3).collect();
                assert!(
                    before.chars().next().is_some_and(|c| c.is_ascii_digit())
                        && before.chars().nth(1) == Some('.'),
                    "a cut figure in {line}"
                );
            }
        }
    }
}

#[test]
fn levels_carry_a_mark_and_the_help_explains_them() {
    // A at 750 servers carries 650: 86.7 %, over the 80 % target, within failover.
    let mut plan = common::tiny();
    let a = common::site_index(&plan, "A");
    plan.sites[a].capacity.servers = 750.0;
    let mut app = App::new(plan);
    press(&mut app, "2");
    let text = all(&screen(&app, (120, 40)));
    assert!(
        row(&screen(&app, (120, 40)), "A").contains("86.7%!"),
        "{text}"
    );
    // Failing A asks B for 1,300 of 1,000 servers: 130 %, over the failover limit.
    press(&mut app, "f");
    let lines = screen(&app, (120, 40));
    assert!(row(&lines, "B").contains("130.0%!!"), "{}", all(&lines));
    press(&mut app, "F?");
    let mut help = String::new();
    for _ in 0..8 {
        help.push_str(&all(&screen(&app, (80, 24))));
        app.press(KeyCode::PageDown);
    }
    assert!(help.contains("! over the target") && help.contains("!! over the failover limit"));
}

#[test]
fn warnings_risks_and_data_places_are_shown() {
    let plan = common::parse(include_str!("../plans/kakao-2022.ron"));
    let mut app = App::new(plan);
    app.settle();
    for size in SIZES {
        let text = all(&screen(&app, size));
        assert!(text.contains("Warnings (6)"), "{text}");
    }
    press(&mut app, "3");
    let lines = screen(&app, (120, 40));
    let ops = row(&lines, "ops");
    assert!(ops.contains("PGY") && ops.contains("single site"), "{ops}");
}

#[test]
fn enter_on_a_violation_opens_what_it_is_about() {
    let plan = common::parse(include_str!("../plans/kakao-2022.ron"));
    let mut app = App::new(plan);
    app.press(KeyCode::Enter);
    app.settle();
    assert_eq!(app.view, View::Scenarios);
    let k = app.selection(View::Scenarios).expect("a scenario");
    assert_eq!(app.shown.analysis.scenarios[k].def.name, "site:PGY");
}

#[test]
fn the_filter_matches_every_shown_word_and_survives_undo() {
    let mut app = tiny_app();
    press(&mut app, "2/r2");
    app.press(KeyCode::Enter);
    let lines = screen(&app, (80, 24));
    assert_eq!(
        order(&lines, &["A", "B", "C"]),
        ["C"],
        "C is the one site of r2"
    );
    ctrl(&mut app, 'u');
    // Ctrl-u outside the field: the filter is kept; within it, cleared.
    press(&mut app, "/");
    ctrl(&mut app, 'u');
    app.press(KeyCode::Enter);
    assert_eq!(app.filters[View::Sites.index()], "");
    press(&mut app, "3/Batch");
    app.press(KeyCode::Enter);
    assert_eq!(
        order(&screen(&app, (80, 24)), &["front", "billing", "analytics"]),
        ["analytics"]
    );
    // An edit and its undo leave the filter as it was.
    press(&mut app, "e");
    app.press(KeyCode::Esc);
    press(&mut app, "u");
    assert_eq!(app.filters[View::Services.index()], "Batch");
}

#[test]
fn f_on_a_scenario_makes_it_the_what_if_and_f_alone_says_why_nothing_happens() {
    let mut app = tiny_app();
    press(&mut app, "F");
    assert!(app.status.contains("nothing is failed"), "{}", app.status);
    // Scenarios: site:A, site:B, site:C, region:r1, then the plan's own.
    press(&mut app, "4jjjf");
    let plan = common::tiny();
    let r1 = vec![
        common::site_index(&plan, "A"),
        common::site_index(&plan, "B"),
    ];
    assert_eq!(app.failed, r1);
    assert_eq!(app.shown.failed, r1);
    let text = all(&screen(&app, (80, 24)));
    assert!(text.contains("WHAT-IF failed: A, B"), "{text}");
}

#[test]
fn sorting_by_key_and_by_header_keeps_the_selection() {
    // Fullest resource: A servers 65 %, B storage 80 %, C servers and storage 60 %.
    let mut app = tiny_app();
    press(&mut app, "2jo");
    let lines = screen(&app, (120, 40));
    assert_eq!(order(&lines, &["A", "B", "C"]), ["B", "A", "C"]);
    let k = app.selection(View::Sites).expect("selected");
    assert_eq!(
        app.shown.plan.sites[k].id, "B",
        "still the site selected before"
    );
    press(&mut app, "O");
    assert_eq!(
        order(&screen(&app, (120, 40)), &["A", "B", "C"]),
        ["C", "A", "B"]
    );
    // A click on the storage header: B 80 %, C 60 %, A 50 %.
    screen(&app, (120, 40));
    let header = app.hits.borrow().table.as_ref().and_then(|t| {
        t.headers
            .iter()
            .find(|(_, c)| *c == 6)
            .map(|(r, _)| (r.x, r.y))
    });
    let (x, y) = header.expect("the storage header");
    app.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(
        order(&screen(&app, (120, 40)), &["A", "B", "C"]),
        ["B", "C", "A"]
    );
}

#[test]
fn the_month_control_shows_the_plan_grown() {
    // front grows 3 % a month: at month 12 its 900 servers are 900 · 1.03^12.
    let mut plan = common::tiny();
    let front = common::service_index(&plan, "front");
    plan.services[front].growth = 0.03;
    let mut app = App::new(plan);
    press(&mut app, "]]");
    assert_eq!(app.shown.analysis.month(), 2);
    for _ in 0..10 {
        app.press(KeyCode::Char(']'));
    }
    app.settle();
    assert_eq!(app.shown.analysis.month(), 12);
    let a_servers = 450.0 * 1.03f64.powi(12) + 200.0;
    common::close(app.shown.analysis.sites[0].load[0], a_servers);
    let text = all(&screen(&app, (120, 40)));
    assert!(text.contains("month 12"), "{text}");
    press(&mut app, "[");
    assert_eq!(app.shown.analysis.month(), 11);
}

#[test]
fn export_writes_new_files_beside_the_plan_and_never_over_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tiny.ron");
    std::fs::write(&path, include_bytes!("../plans/tiny.ron")).expect("copy");
    let (file, bytes) = PlanFile::open(&path).expect("opens");
    let plan: Plan = load_plan_bytes(&bytes, "tiny.ron").expect("loads").plan;
    let mut app = App::new(plan).with_store(Some(file), Unsaved::new());
    press(&mut app, "2x");
    let md = std::fs::read_to_string(dir.path().join("tiny-month0.md")).expect("markdown");
    assert!(md.contains("capacity report"), "{md}");
    let csv = std::fs::read_to_string(dir.path().join("tiny-month0-sites.csv")).expect("csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("B,") && l.contains("0.8")),
        "{csv}"
    );
    press(&mut app, "x");
    assert!(
        dir.path().join("tiny-month0-2.md").exists(),
        "{}",
        app.status
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("tiny-month0.md")).expect("markdown"),
        md,
        "the first export is untouched"
    );
}
