//! Editing in the interactive view, key by key on an in-memory terminal. Figures are
//! worked out by hand from DESIGN.md's tiny plan: A carries (650, 32.5, 325, 5) of
//! (1000, 60, 600, 10).

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use headroom::model::edit::ItemRef;
use headroom::model::load_plan_bytes;
use headroom::store::{backup_path, PlanFile, Unsaved};
use headroom::tui::{App, Msg, View};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app() -> App {
    App::new(common::tiny())
}

/// Types `keys`; `↓` `⏎` `⎋` stand for Down, Enter and Esc, `^u` `^r` for Ctrl-u, Ctrl-r.
fn keys(app: &mut App, keys: &str) {
    let mut chars = keys.chars();
    while let Some(c) = chars.next() {
        let event = match c {
            '↓' => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
            '⏎' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '⎋' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            '^' => {
                let ctrl = chars.next().expect("a key after ^");
                KeyEvent::new(KeyCode::Char(ctrl), KeyModifiers::CONTROL)
            }
            c if c.is_ascii_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        app.update(Msg::Key(event));
    }
    app.settle();
}

fn screen(app: &App, size: (u16, u16)) -> String {
    common::screen_lines(app, size).join("\n")
}

/// The Sites table row of `id`.
fn row(screen: &str, id: &str) -> String {
    screen
        .lines()
        .find(|l| l.trim_start_matches(['│', ' ']).split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no row {id} in\n{screen}"))
        .to_string()
}

/// Sites view, edit pane on A, down to capacity.servers (id, name, description, region
/// come first), replace 1000 by 1300.
const A_SERVERS_1300: &str = "2e↓↓↓↓⏎^u1300⏎";

#[test]
fn a_servers_1000_to_1300_puts_a_at_50_percent() {
    for size in SIZES {
        let mut app = app();
        keys(&mut app, "2");
        let before = row(&screen(&app, size), "A");
        assert!(before.contains("65.0%"), "650 of 1000: {before}");
        keys(&mut app, A_SERVERS_1300);
        assert_eq!(app.plan.sites[0].capacity.servers, 1300.0);
        assert!(
            app.status
                .contains("changed: site \"A\" capacity.servers 1000 → 1300"),
            "{}",
            app.status
        );
        let pane = screen(&app, size);
        assert!(
            pane.contains("Edit site \"A\"") && pane.contains("1300"),
            "{pane}"
        );
        keys(&mut app, "⎋");
        assert!(app.pane.is_none());
        let after = row(&screen(&app, size), "A");
        // 650 of 1300 servers = 50.0%; racks and power 54.2% are now the tightest.
        assert!(
            after.contains("50.0%") && !after.contains("65.0%"),
            "{after}"
        );
        assert!(app.history.is_dirty());
    }
}

#[test]
fn site_detail_shows_the_new_server_headroom() {
    let mut app = app();
    keys(&mut app, A_SERVERS_1300);
    keys(&mut app, "⎋⏎");
    let shown = screen(&app, (120, 40));
    // 0.8 · 1300 − 650 = 390.
    assert!(
        shown.contains("650 servers of 1,300 servers, headroom 390"),
        "{shown}"
    );
}

#[test]
fn a_refused_per_rack_shows_why_and_leaves_the_plan_unchanged() {
    let mut app = app();
    // Plan view rows: plan, policy, profile "web"; its fields: name, power_kw, per_rack.
    keys(&mut app, "7jje↓↓⏎^u0⏎");
    assert_eq!(*app.plan, common::tiny());
    let input = app.pane.as_ref().and_then(|p| p.input.as_ref());
    let error = input.and_then(|i| i.error.clone()).expect("an error shown");
    assert!(error.contains("per_rack"), "{error}");
    let shown = screen(&app, (80, 24));
    assert!(shown.contains("per_rack"), "{shown}");
    assert!(!app.history.is_dirty());
    // The field stays open with the value typed, to be corrected.
    keys(&mut app, "^u25⏎");
    assert_eq!(app.plan.profiles.get("web").map(|p| p.per_rack), Some(25.0));
}

#[test]
fn a_placement_not_summing_to_one_is_refused_with_the_running_sum_shown() {
    let mut app = app();
    // front's fields: id, name, description, tier, profile, servers, storage_pb, placement.
    keys(&mut app, "3e↓↓↓↓↓↓↓⏎^uA: 0.5, B: 0.4");
    let typing = screen(&app, (120, 40));
    assert!(typing.contains("sum 0.900 (must be 1)"), "{typing}");
    keys(&mut app, "⏎");
    assert_eq!(*app.plan, common::tiny());
    let refused = screen(&app, (120, 40));
    assert!(refused.contains("not changed"), "{refused}");
    keys(&mut app, "^uA: 0.6, B: 0.4⏎");
    let placement = &app.plan.services[0].placement;
    assert_eq!(placement.get("A"), Some(&0.6));
}

#[test]
fn undo_and_redo_name_the_change() {
    let mut app = app();
    keys(&mut app, A_SERVERS_1300);
    keys(&mut app, "⎋u");
    assert_eq!(app.plan.sites[0].capacity.servers, 1000.0);
    assert!(
        app.status
            .starts_with("undone: site \"A\" capacity.servers 1000 → 1300"),
        "{}",
        app.status
    );
    assert!(!app.history.is_dirty(), "back where it was opened");
    assert!(screen(&app, (80, 24)).contains("undone: site \"A\""));
    keys(&mut app, "^r");
    assert_eq!(app.plan.sites[0].capacity.servers, 1300.0);
    assert!(app.status.starts_with("redone: "), "{}", app.status);
    keys(&mut app, "^r");
    assert_eq!(app.status, "nothing to redo");
    // Confirming a field unchanged is no change: nothing new to undo.
    keys(&mut app, "2e↓↓↓↓⏎⏎");
    assert_eq!(app.status, "unchanged");
    assert_eq!(
        app.history.undo_name().map(|n| n.contains("1000 → 1300")),
        Some(true)
    );
}

#[test]
fn deleting_a_referenced_site_is_refused_with_its_references() {
    let mut app = app();
    keys(&mut app, "2d");
    assert!(app.dialog.is_none(), "no confirmation for a refused delete");
    assert!(
        app.status
            .starts_with("cannot delete site \"A\": referenced by"),
        "{}",
        app.status
    );
    for service in ["front", "billing", "analytics"] {
        assert!(app.status.contains(service), "{}", app.status);
    }
    assert_eq!(*app.plan, common::tiny());
    // Region r2 holds site C.
    keys(&mut app, "7jjjjd");
    assert!(app.status.contains("region \"r2\""), "{}", app.status);
    assert_eq!(*app.plan, common::tiny());
}

#[test]
fn add_a_site_then_undo() {
    for size in SIZES {
        let mut app = app();
        keys(&mut app, "2a");
        assert_eq!(app.plan.sites.len(), 4);
        assert!(
            app.status.starts_with("changed: add site"),
            "{}",
            app.status
        );
        assert_eq!(
            app.selection(View::Sites),
            Some(3),
            "the new site is selected"
        );
        let pane = app.pane.as_ref().map(|p| p.item);
        assert_eq!(pane, Some(ItemRef::Site(3)), "and open for editing");
        let new_id = app.plan.sites[3].id.clone();
        keys(&mut app, "⎋");
        assert!(screen(&app, size).contains(&new_id));
        keys(&mut app, "u");
        assert_eq!(*app.plan, common::tiny());
        assert!(app.status.starts_with("undone: add site"), "{}", app.status);
        assert_eq!(
            app.selection(View::Sites),
            Some(2),
            "selection kept in range"
        );
    }
}

#[test]
fn delete_asks_first_then_deletes() {
    let mut app = app();
    keys(&mut app, "2a⎋d");
    assert!(app.dialog.is_some());
    assert!(screen(&app, (80, 24)).contains("Delete site"));
    keys(&mut app, "n");
    assert_eq!(app.plan.sites.len(), 4);
    keys(&mut app, "dy");
    assert_eq!(*app.plan, common::tiny());
    assert!(
        app.status.starts_with("changed: delete site"),
        "{}",
        app.status
    );
}

#[test]
fn a_failed_site_stays_failed_when_a_site_is_inserted_before_it() {
    let mut app = app();
    // Fail C, then duplicate A: the copy comes right after A, and C moves to position 3.
    keys(&mut app, "2jjfgD");
    assert_eq!(app.plan.sites[3].id, "C");
    assert_eq!(app.failed, vec![3]);
    assert!(screen(&app, (80, 24)).contains("WHAT-IF failed: C"));
}

#[test]
fn quit_with_unsaved_changes_asks() {
    let mut app = app();
    keys(&mut app, "q");
    assert!(app.quit, "nothing to lose: quits at once");
    let mut app = app_with(A_SERVERS_1300);
    keys(&mut app, "⎋q");
    assert!(!app.quit);
    assert!(screen(&app, (80, 24)).contains("has unsaved changes"));
    keys(&mut app, "⎋");
    assert!(!app.quit && app.dialog.is_none());
    keys(&mut app, "qd");
    assert!(app.quit);
}

fn app_with(typed: &str) -> App {
    let mut app = app();
    keys(&mut app, typed);
    app
}

/// The tiny plan copied into a temporary folder and opened as the binary opens it.
fn opened() -> (tempfile::TempDir, std::path::PathBuf, App, Vec<u8>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("tiny.ron");
    let original = include_bytes!("../plans/tiny.ron").to_vec();
    std::fs::write(&path, &original).expect("copy written");
    let (file, bytes) = PlanFile::open(&path).expect("opens");
    let plan = load_plan_bytes(&bytes, "tiny.ron").expect("loads").plan;
    let app = App::new(plan).with_store(Some(file), Unsaved::new());
    (dir, path, app, original)
}

#[test]
fn save_changes_only_the_edited_line_and_keeps_a_backup() {
    let (_dir, path, mut app, original) = opened();
    keys(&mut app, A_SERVERS_1300);
    keys(&mut app, "⎋s");
    assert!(app.status.starts_with("saved "), "{}", app.status);
    let text = std::fs::read_to_string(&path).expect("file");
    let tiny = String::from_utf8(original.clone()).expect("text");
    assert_eq!(
        text,
        tiny.replacen("capacity: (servers: 1000", "capacity: (servers: 1300", 1),
        "comments and every other line as they were"
    );
    assert!(!app.history.is_dirty() && app.unsaved.get().is_none());
    assert_eq!(std::fs::read(backup_path(&path)).expect("backup"), original);
    keys(&mut app, "q");
    assert!(app.quit, "saved: quits without asking");
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let (_dir, path, mut app, _) = opened();
    keys(&mut app, A_SERVERS_1300);
    std::fs::write(&path, "// someone else's version\n").expect("changed on disk");
    keys(&mut app, "⎋ss");
    assert!(screen(&app, (80, 24)).contains("changed by another program"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("file"),
        "// someone else's version\n"
    );
    keys(&mut app, "o");
    let saved = load_plan_bytes(&std::fs::read(&path).expect("file"), "saved").expect("loads");
    assert_eq!(saved.plan.sites[0].capacity.servers, 1300.0);
}

#[test]
fn save_as_writes_a_new_file_and_the_bundled_plan_saves_as() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("copy.ron");
    let mut app = app_with(A_SERVERS_1300);
    keys(&mut app, "⎋s");
    assert!(screen(&app, (80, 24)).contains("Save as: plan.ron"));
    keys(&mut app, &format!("^u{}⏎", target.display()));
    assert!(app.dialog.is_none(), "{:?}", app.dialog);
    let saved = load_plan_bytes(&std::fs::read(&target).expect("file"), "saved").expect("loads");
    assert_eq!(saved.plan.sites[0].capacity.servers, 1300.0);
    assert!(!app.history.is_dirty());
}

#[test]
fn every_item_kind_opens_an_edit_pane() {
    let mut app = app();
    // Overview: the policy; Plan view (g: its first row): the plan, a profile, a region.
    for (typed, title) in [
        ("1e", "Edit policy"),
        ("7ge", "Edit plan"),
        ("7gjje", "Edit profile \"web\""),
        ("7gjjje", "Edit region \"r1\""),
        ("2e", "Edit site \"A\""),
        ("5e", "Edit site \"A\""),
        ("3e", "Edit service \"front\""),
    ] {
        keys(&mut app, typed);
        assert!(screen(&app, (120, 40)).contains(title), "{typed}: {title}");
        keys(&mut app, "⎋");
    }
    // An expansion is added from its site's pane, then listed in the Plan view.
    keys(&mut app, "2ea");
    assert!(screen(&app, (120, 40)).contains("Edit site \"A\" expansion 1"));
    keys(&mut app, "⎋7G");
    assert!(screen(&app, (120, 40)).contains("site \"A\" expansion 1"));
    // The plan's own scenario comes after the automatic ones.
    keys(&mut app, "4G");
    keys(&mut app, "e");
    assert!(screen(&app, (120, 40)).contains("Edit scenario \"Site A fire\""));
}

#[test]
fn a_recovered_plan_is_offered_and_restored_unsaved() {
    let (_dir, path, mut app, _) = opened();
    let mut recovered = common::tiny();
    recovered.sites[0].capacity.servers = 1300.0;
    headroom::store::write_recovery(&path, "left by an earlier run").expect("written");
    app.offer_recovery(recovered.clone(), &path);
    let shown = screen(&app, (80, 24));
    assert!(
        shown.contains("restore them") && shown.contains("discard them"),
        "{shown}"
    );
    assert!(
        shown.contains("~ site \"A\" capacity.servers: 1000 → 1300"),
        "what the recovery changes: {shown}"
    );
    keys(&mut app, "2e");
    assert!(app.pane.is_none(), "the offer holds every other key");
    keys(&mut app, "r");
    assert_eq!(*app.plan, recovered);
    assert!(app.history.is_dirty(), "differs from the file on disk");
    assert!(app.unsaved.get().is_some());
    assert!(headroom::store::find_recovery(&path).is_none());
}

#[test]
fn reload_takes_the_file_as_it_now_is() {
    let (_dir, path, mut app, _) = opened();
    keys(&mut app, A_SERVERS_1300);
    let mut theirs = common::tiny();
    theirs.sites[1].capacity.servers = 1100.0;
    std::fs::write(&path, headroom::model::to_ron(&theirs).expect("ron")).expect("written");
    keys(&mut app, "⎋ss");
    assert!(matches!(
        app.dialog,
        Some(headroom::tui::dialogs::Dialog::Conflict { .. })
    ));
    let shown = screen(&app, (120, 40));
    assert!(
        shown.contains("~ site \"B\" capacity.servers: 1000 → 1100"),
        "what changed on disk: {shown}"
    );
    keys(&mut app, "r");
    assert_eq!(*app.plan, theirs);
    assert!(!app.history.is_dirty());
    assert!(app.status.starts_with("reloaded "), "{}", app.status);
}

#[test]
fn quit_then_save_asks_where_for_a_plan_without_a_file_and_then_quits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("mine.ron");
    let mut app = app_with(A_SERVERS_1300);
    keys(&mut app, "⎋qs");
    assert!(!app.quit);
    assert!(screen(&app, (80, 24)).contains("Save as: plan.ron"));
    keys(&mut app, &format!("^u{}⏎", target.display()));
    assert!(app.quit, "saved, so the quit goes on");
    let saved = load_plan_bytes(&std::fs::read(&target).expect("file"), "saved").expect("loads");
    assert_eq!(saved.plan.sites[0].capacity.servers, 1300.0);
}

#[test]
fn the_changes_since_opening_are_shown_as_headroom_diff_names_them() {
    let (_dir, _path, mut app, _) = opened();
    keys(&mut app, "c");
    assert!(screen(&app, (100, 30)).contains("no change to the plan"));
    keys(&mut app, "⎋");
    assert!(app.changes.is_none(), "any other key closes it");
    keys(&mut app, A_SERVERS_1300);
    keys(&mut app, "⎋2↓↓D");
    keys(&mut app, "⎋c");
    let shown = screen(&app, (100, 30));
    assert!(
        shown.contains("~ site \"A\" capacity.servers: 1000 → 1300"),
        "{shown}"
    );
    assert!(
        shown.contains("+ site \"C-copy\" added: (id: \"C-copy\""),
        "{shown}"
    );
    assert!(shown.contains("Changes since opened or saved"), "{shown}");
    keys(&mut app, "⎋s");
    keys(&mut app, "c");
    assert!(
        screen(&app, (100, 30)).contains("no change to the plan"),
        "saved: nothing left to show"
    );
}
