//! The interactive view drawn to an in-memory terminal, at the smallest supported
//! everyday size (80×24) and a large one (160×48). Every figure asserted is worked out by
//! hand from DESIGN.md's tiny plan (plans/tiny.ron).

mod common;

use crossterm::event::KeyModifiers;
use crossterm::event::{KeyCode, MouseButton, MouseEvent, MouseEventKind};
use headroom::gen::{generate, GenSpec};
use headroom::tui::{App, Msg, View, KEYMAP};

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn app() -> App {
    App::new(common::tiny())
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.press(KeyCode::Char(c));
    }
    app.settle();
}

/// The screen as lines of text.
fn screen(app: &App, size: (u16, u16)) -> Vec<String> {
    common::screen_lines(app, size)
}

fn starts_with_cell(line: &str, id: &str) -> bool {
    line.trim_start_matches(['│', ' '])
        .split_whitespace()
        .next()
        .is_some_and(|first| first == id)
}

/// The table row whose first cell is `id`.
fn row<'a>(lines: &'a [String], id: &str) -> &'a str {
    lines
        .iter()
        .find(|l| starts_with_cell(l, id))
        .unwrap_or_else(|| panic!("no row {id} in\n{}", lines.join("\n")))
}

fn has_row(lines: &[String], id: &str) -> bool {
    lines.iter().any(|l| starts_with_cell(l, id))
}

fn text(lines: &[String]) -> String {
    lines.join("\n")
}

#[test]
fn sites_show_normal_utilization_with_b_storage_at_target() {
    for size in SIZES {
        let mut app = app();
        press(&mut app, "2");
        let lines = screen(&app, size);
        // B carries 650 servers of 1000, 32.5 racks of 60, 325 kW of 600, 8 PB of 10.
        let b = row(&lines, "B");
        for figure in ["65.0%", "54.2%", "80.0%"] {
            assert!(b.contains(figure), "{figure} missing at {size:?}: {b}");
        }
        // C: 300 of 500 servers, 3 PB of 5.
        let c = row(&lines, "C");
        assert!(c.contains("60.0%") && c.contains("nameplate"), "{c}");
        assert!(!text(&lines).contains("WHAT-IF"));
    }
}

#[test]
fn failing_a_puts_b_at_130_percent_servers_and_survives() {
    for size in SIZES {
        let mut app = app();
        press(&mut app, "2f");
        let lines = screen(&app, size);
        // B is asked for front 900 + analytics 400 = 1300 servers of 1000.
        let b = row(&lines, "B");
        assert!(b.contains("130.0%"), "{b}");
        // 65 racks of 60; 650 kW of 600; storage stays 8 of 10.
        assert!(b.contains("108.3%") && b.contains("80.0%"), "{b}");
        // headroom 1000 − 1300 on servers, the tightest resource.
        assert!(b.contains("-300 servers"), "{b}");
        assert!(row(&lines, "A").contains("failed"));
        let all = text(&lines);
        assert!(all.contains("WHAT-IF failed: A"), "{all}");
        assert!(all.contains(" survivable") && !all.contains("NOT survivable"));
    }
}

#[test]
fn services_under_a_failed_show_what_is_served() {
    for size in SIZES {
        let mut app = app();
        press(&mut app, "2f3");
        let lines = screen(&app, size);
        // Batch gets α = min(100/400, 15/20, 150/200) = 0.25 at B.
        assert!(row(&lines, "analytics").contains("25.0%"));
        assert!(row(&lines, "front").contains("100.0%"));
        assert!(row(&lines, "billing").contains("100.0%"));
    }
}

#[test]
fn failing_region_r1_loses_front() {
    let mut app = app();
    press(&mut app, "2r");
    assert_eq!(app.failed, vec![0, 1]);
    let all = text(&screen(&app, (80, 24)));
    assert!(all.contains("WHAT-IF failed: A, B"), "{all}");
    assert!(all.contains("NOT survivable: front 0.0% served"), "{all}");
    press(&mut app, "r");
    assert!(app.failed.is_empty(), "r again restores the region");
    press(&mut app, "fjfF");
    assert!(app.failed.is_empty(), "F restores every site");
}

#[test]
fn overview_shows_n1_safe_and_region_r1_as_worst() {
    for size in SIZES {
        let app = app();
        let all = text(&screen(&app, size));
        assert!(all.contains("N-1") && all.contains("safe"), "{all}");
        assert!(!all.contains("NOT safe"));
        // Servers: 650 + 650 + 300 = 1,600 of 1,000 + 1,000 + 500 = 2,500.
        assert!(all.contains("1,600 servers of 2,500 servers"), "{all}");
        assert!(all.contains("64.0%"), "{all}");
        assert!(all.contains("region:r1: not survivable"), "{all}");
        // B storage: 0.8 · 10 − 8 = 0 PB at exactly the target, the tightest of the plan.
        assert!(
            all.contains("site B storage at 80.0%: 0 PB to the 80.0% target"),
            "{all}"
        );
        assert!(all.contains("Violations (0)"), "{all}");
    }
}

#[test]
fn scenarios_list_region_r1_as_not_survivable() {
    for size in SIZES {
        let mut app = app();
        press(&mut app, "4");
        let lines = screen(&app, size);
        assert!(row(&lines, "region:r1").contains("not survivable"));
        let a = row(&lines, "site:A");
        assert!(a.contains("survivable") && !a.contains("not"), "{a}");
        // site:A is selected first: B's demanded servers 1300 / 1000, analytics shed.
        let all = text(&lines);
        assert!(all.contains("130%"), "{all}");
        assert!(all.contains("25.0% served"), "{all}");
    }
}

#[test]
fn hazards_show_front_availability() {
    for size in SIZES {
        let mut app = app();
        press(&mut app, "5");
        let lines = screen(&app, size);
        // 1 − 0.002 · 168 / 8760 = 0.99996164.
        let front = row(&lines, "front");
        assert!(
            front.contains("99.9962%") && front.contains("yes"),
            "{front}"
        );
        // Site A: fire 3, flood 1, power 2; region r1 earthquake 2.
        let a = row(&lines, "A");
        let ratings: Vec<&str> = a.split_whitespace().rev().skip(1).take(4).collect();
        assert_eq!(ratings, ["2", "2", "1", "3"], "{a}");
    }
}

#[test]
fn runway_chart_names_site_and_resource() {
    for size in SIZES {
        let mut app = app();
        press(&mut app, "6j");
        app.press(KeyCode::Right);
        let all = text(&screen(&app, size));
        assert!(all.contains("B: racks utilization by month"), "{all}");
        // No growth in the tiny plan: within target for the whole horizon.
        assert!(
            all.contains("within target to the horizon (24 months)"),
            "{all}"
        );
    }
}

#[test]
fn help_lists_every_key_of_the_keymap() {
    let mut app = app();
    press(&mut app, "?");
    // At 80×24 the help scrolls: what it shows page by page, all of it together.
    let mut all = text(&screen(&app, (80, 24)));
    assert!(all.contains("scroll"), "{all}");
    for _ in 0..6 {
        app.press(KeyCode::PageDown);
        all.push_str(&text(&screen(&app, (80, 24))));
    }
    assert!(app.help, "scrolling keeps the help open");
    for b in KEYMAP {
        if matches!(b.action, headroom::tui::Action::Show(_)) {
            continue;
        }
        assert!(
            all.contains(b.description),
            "{} missing:\n{all}",
            b.description
        );
    }
    press(&mut app, "x");
    assert!(!app.help, "any key closes help");
}

#[test]
fn filter_keeps_matching_rows_and_esc_clears_it() {
    let mut app = app();
    press(&mut app, "3/bill");
    let lines = screen(&app, (80, 24));
    assert!(row(&lines, "billing").contains("High"));
    assert!(!text(&lines).contains("analytics"));
    app.press(KeyCode::Esc);
    assert!(text(&screen(&app, (80, 24))).contains("analytics"));
}

#[test]
fn a_filter_ignores_case_and_matches_names_too() {
    let mut app = app();
    // "Front end" is the name of service "front": "END" matches it by name alone.
    press(&mut app, "3/END");
    let lines = screen(&app, (160, 48));
    assert!(row(&lines, "front").contains("Critical"));
    assert!(!text(&lines).contains("billing"));
}

#[test]
fn tabs_and_rows_answer_clicks() {
    let mut app = app();
    let click = |app: &mut App, column, row| {
        app.update(Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
    };
    let lines = screen(&app, (80, 24));
    let x = lines[0].find("3 Services").expect("tab shown");
    let column = lines[0][..x].chars().count() as u16;
    click(&mut app, column, 0);
    assert_eq!(app.view, View::Services);
    let lines = screen(&app, (80, 24));
    let y = lines
        .iter()
        .position(|l| l.contains("analytics"))
        .expect("row");
    click(&mut app, 5, y as u16);
    assert_eq!(app.selection(View::Services), Some(2));
}

#[test]
fn too_small_a_terminal_gets_a_message() {
    let all = text(&screen(&app(), (50, 12)));
    assert!(all.contains("Terminal too small"), "{all}");
}

#[test]
fn stale_results_are_dropped() {
    let mut app = app();
    press(&mut app, "2");
    app.press(KeyCode::Char('f'));
    let old = app.take_job().expect("a job for A failed");
    app.press(KeyCode::Char('F'));
    assert!(app.computing());
    app.finish(old.run());
    assert!(app.computing(), "the result for A failed came too late");
    app.settle();
    assert!(!app.computing() && app.shown.scenario().is_none());
}

#[test]
fn views_cycle_with_tab_and_rows_stay_in_range() {
    let mut app = app();
    app.press(KeyCode::BackTab);
    assert_eq!(app.view, View::Plan, "Shift-Tab from the first view wraps");
    app.press(KeyCode::Tab);
    app.press(KeyCode::Tab);
    assert_eq!(app.view, View::Sites);
    app.press(KeyCode::PageDown);
    assert_eq!(
        app.selection(View::Sites),
        Some(2),
        "three sites: C is last"
    );
    app.press(KeyCode::Down);
    assert_eq!(app.selection(View::Sites), Some(2));
    app.press(KeyCode::Home);
    assert_eq!(app.selection(View::Sites), Some(0));
    app.press(KeyCode::End);
    assert_eq!(app.selection(View::Sites), Some(2));
    press(&mut app, "k");
    assert_eq!(app.selection(View::Sites), Some(1));
}

#[test]
fn site_detail_shows_the_power_chain_and_esc_closes_it() {
    let mut app = app();
    press(&mut app, "2j");
    app.press(KeyCode::Enter);
    assert!(app.detail);
    let all = text(&screen(&app, (160, 48)));
    // B has no power chain: the nameplate 600 kW binds and nothing is stranded.
    assert!(all.contains("B · Site B · region r1"), "{all}");
    assert!(all.contains("600 kW  binds"), "{all}");
    assert!(all.contains("stranded power 0 kW"), "{all}");
    assert!(all.contains("650 servers of 1,000 servers"), "{all}");
    app.press(KeyCode::Esc);
    assert!(!app.detail);
}

#[test]
fn failing_needs_a_site_row() {
    let mut app = app();
    press(&mut app, "3f");
    assert!(app.failed.is_empty());
    assert!(text(&screen(&app, (80, 24))).contains("select a site first"));
}

#[test]
fn a_changed_plan_is_worked_out_anew() {
    let mut app = app();
    press(&mut app, "2");
    let mut plan = common::tiny();
    plan.sites[1].capacity.storage_pb = 16.0;
    app.replace_plan(plan);
    assert!(
        app.computing(),
        "the old figures stay until the new ones arrive"
    );
    app.settle();
    // B holds 8 PB of 16 now.
    let lines = screen(&app, (80, 24));
    assert!(row(&lines, "B").contains("50.0%"), "{}", text(&lines));
}

/// A frame builds only the rows on screen: scrolled to the end, those must be the last
/// services, not the first.
#[test]
fn a_large_plan_scrolled_to_its_end_shows_its_last_services() {
    let plan = generate(&GenSpec::new(50, 3_000, 5, 1));
    let ids: Vec<String> = plan.services.iter().map(|s| s.id.clone()).collect();
    let mut app = App::new(plan);
    press(&mut app, "3");
    app.press(KeyCode::End);
    for size in SIZES {
        let lines = screen(&app, size);
        let all = text(&lines);
        for id in &ids[ids.len() - 2..] {
            assert!(has_row(&lines, id), "{id} missing at {size:?}:\n{all}");
        }
        assert!(
            !has_row(&lines, &ids[0]),
            "{} shown at {size:?}:\n{all}",
            ids[0]
        );
    }
}
