use std::fs;

use super::signals::on_signal;
use super::*;
use crate::model::{load_plan_bytes, to_ron};

const TINY: &str = include_str!("../../plans/tiny.ron");

/// A folder with `plan.ron` holding the tiny example, opened.
fn opened() -> (tempfile::TempDir, PlanFile, Plan) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    fs::write(&path, TINY).unwrap();
    let (file, bytes) = PlanFile::open(&path).unwrap();
    let plan = load_plan_bytes(&bytes, "plan.ron").unwrap().plan;
    (dir, file, plan)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_save_replaces_the_file_and_keeps_the_old_bytes_as_bak() {
    let (dir, mut file, mut plan) = opened();
    plan.sites[0].capacity.servers = 1200.0;
    let outcome = file.save(&plan).unwrap();
    let saved = fs::read_to_string(&file.path).unwrap();
    assert_eq!(
        saved,
        TINY.replacen("capacity: (servers: 1000", "capacity: (servers: 1200", 1)
    );
    assert_eq!(outcome.backup, Some(dir.path().join("plan.ron.bak")));
    assert_eq!(
        fs::read_to_string(dir.path().join("plan.ron.bak")).unwrap(),
        TINY
    );
    assert_eq!(
        names(dir.path()),
        ["plan.ron", "plan.ron.bak"],
        "no temporary file left"
    );
    let again = load_plan_bytes(saved.as_bytes(), "plan.ron").unwrap().plan;
    assert_eq!(again, plan);
}

#[test]
fn a_save_keeps_the_comments_of_the_file_and_edits_the_text_it_wrote_last() {
    let (_dir, mut file, mut plan) = opened();
    plan.policy.horizon_months = 36;
    assert!(!file.save(&plan).unwrap().rewritten);
    plan.sites[2].capacity.racks = 35.0;
    assert!(!file.save(&plan).unwrap().rewritten);
    let saved = fs::read_to_string(&file.path).unwrap();
    assert_eq!(
        saved,
        TINY.replacen("horizon_months: 24", "horizon_months: 36", 1)
            .replacen("servers: 500, racks: 30", "servers: 500, racks: 35", 1)
    );
    assert!(saved.contains("// limit after a failure"));
}

#[test]
fn a_file_whose_text_cannot_be_edited_is_written_whole_and_says_so() {
    let (_dir, mut file, mut plan) = opened();
    file.text = Some("Plan(".into());
    plan.name = "Other".into();
    let outcome = file.save(&plan).unwrap();
    assert!(outcome.rewritten);
    assert_eq!(
        fs::read_to_string(&file.path).unwrap(),
        to_ron(&plan).unwrap()
    );
}

#[test]
fn saving_twice_is_not_a_conflict_with_itself() {
    let (dir, mut file, mut plan) = opened();
    file.save(&plan).unwrap();
    let first = fs::read(&file.path).unwrap();
    plan.name = "Renamed".into();
    file.save(&plan).unwrap();
    assert_eq!(fs::read(dir.path().join("plan.ron.bak")).unwrap(), first);
}

#[test]
fn a_file_changed_by_another_program_is_never_overwritten_silently() {
    let (_dir, mut file, plan) = opened();
    // Same length, other bytes: only the content hash can tell.
    let theirs = TINY.replacen("Tiny example", "Tiny EXAMPLE", 1);
    assert_eq!(theirs.len(), TINY.len());
    fs::write(&file.path, &theirs).unwrap();
    assert!(file.changed_on_disk().unwrap());
    let err = file.save(&plan).unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(ref p) if *p == file.path),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&file.path).unwrap(), theirs);
    file.save_overwrite(&plan).unwrap();
    assert_eq!(fs::read_to_string(&file.path).unwrap(), TINY, "our version");
    assert!(!file.changed_on_disk().unwrap());
    file.save(&plan).unwrap();
}

#[test]
fn save_as_writes_a_new_file_and_leaves_the_old_one() {
    let (dir, mut file, mut plan) = opened();
    plan.name = "Copy".into();
    let other = dir.path().join("copy.ron");
    let outcome = file.save_as(&plan, &other).unwrap();
    assert_eq!(outcome.backup, None, "nothing was there to keep");
    assert_eq!(file.path, other);
    assert_eq!(
        fs::read_to_string(dir.path().join("plan.ron")).unwrap(),
        TINY
    );
    assert_eq!(
        fs::read_to_string(&other).unwrap(),
        TINY.replacen("name: \"Tiny example\"", "name: \"Copy\"", 1),
        "a copy keeps the text of the file it came from"
    );
    // From now on saves go to the new file, without conflict.
    plan.name = "Copy 2".into();
    file.save(&plan).unwrap();
    assert!(fs::read_to_string(&other).unwrap().contains("Copy 2"));
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.ron");
    let err = PlanFile::open(&path).unwrap_err();
    assert!(err.to_string().starts_with(&path.display().to_string()));
}

#[test]
fn recovery_is_written_next_to_the_plan_found_and_discarded() {
    let (dir, file, mut plan) = opened();
    assert_eq!(find_recovery(&file.path), None);
    plan.sites[1].capacity.racks = 70.0;
    let text = to_ron(&plan).unwrap();
    let written = write_recovery(&file.path, &text).unwrap();
    assert_eq!(written, dir.path().join(".plan.ron.recover"));
    assert_eq!(find_recovery(&file.path), Some(written.clone()));
    let recovered = load_plan_bytes(&fs::read(&written).unwrap(), "recover").unwrap();
    assert_eq!(recovered.plan, plan);
    discard_recovery(&file.path).unwrap();
    assert_eq!(find_recovery(&file.path), None);
    discard_recovery(&file.path).unwrap();
    assert_eq!(names(dir.path()), ["plan.ron"]);
}

#[test]
fn a_termination_signal_writes_the_unsaved_plan_and_exits_128_plus_the_signal() {
    let (_dir, file, plan) = opened();
    let unsaved = Unsaved::new();
    assert_eq!(
        on_signal(&file.path, &unsaved, signal_hook::consts::SIGTERM),
        143
    );
    assert_eq!(
        find_recovery(&file.path),
        None,
        "nothing unsaved, nothing written"
    );
    let text = to_ron(&plan).unwrap();
    unsaved.set(Some(text.clone()));
    assert_eq!(
        on_signal(&file.path, &unsaved, signal_hook::consts::SIGHUP),
        129
    );
    let path = find_recovery(&file.path).unwrap();
    assert_eq!(fs::read_to_string(path).unwrap(), text);
    unsaved.set(None);
    assert_eq!(unsaved.get(), None);
}

#[test]
fn an_edited_plan_is_recoverable_at_once_and_a_save_is_never_undone_by_a_late_text() {
    let (_dir, file, mut plan) = opened();
    let unsaved = Unsaved::new();
    plan.sites[0].capacity.servers = 1300.0;
    let text = to_ron(&plan).unwrap();
    unsaved.set_plan(std::sync::Arc::new(plan.clone()));
    // Whether or not its text is ready yet, the edited plan is what a signal writes.
    assert_eq!(unsaved.get().as_deref(), Some(text.as_str()));
    on_signal(&file.path, &unsaved, signal_hook::consts::SIGTERM);
    let path = find_recovery(&file.path).unwrap();
    assert!(fs::read_to_string(path).unwrap().contains("servers: 1300"));
    // Saved straight after the edit: the text still being worked out must not bring the
    // unsaved state back.
    for _ in 0..20 {
        unsaved.set_plan(std::sync::Arc::new(plan.clone()));
        unsaved.set(None);
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(unsaved.get(), None);
}
