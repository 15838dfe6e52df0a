//! The reports for people, on every plan in plans/ (a plan added there is picked up), and
//! the figures a capacity review reads from them checked against DESIGN.md by hand.

use std::path::Path;

use headroom::engine::Analysis;
use headroom::model::{load_plan, Plan};
use headroom::report::csv::CsvTable;
use headroom::report::{csv, focus, json, markdown, text, Focus, Options};

fn plans() -> Vec<(String, Plan)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("plans directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "tiny, ansan-2024 and kakao-2022 at least");
    paths
        .into_iter()
        .map(|p| {
            let source = std::fs::read_to_string(&p).expect("readable plan");
            let stem = p
                .file_stem()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let loaded = load_plan(&source, &p.display().to_string())
                .unwrap_or_else(|e| panic!("{stem} does not load: {:?}", e.0));
            (stem, loaded.plan)
        })
        .collect()
}

fn tiny() -> Plan {
    plans()
        .into_iter()
        .find(|(stem, _)| stem == "tiny")
        .map(|(_, p)| p)
        .expect("plans/tiny.ron")
}

fn options(focus: Option<Focus>) -> Options {
    Options {
        width: 100,
        color: false,
        focus,
    }
}

/// The CSV read back: fields unquoted, one vector per record.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "CSV ends with a newline"
    );
    rows
}

/// The value of `column` in the row whose `key_column` is `key`, as a number.
fn csv_figure(rows: &[Vec<String>], key_column: &str, key: &str, column: &str) -> f64 {
    let header = &rows[0];
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let row = rows[1..]
        .iter()
        .find(|r| r[at(key_column)] == key)
        .unwrap_or_else(|| panic!("no row {key}"));
    row[at(column)]
        .parse()
        .unwrap_or_else(|_| panic!("{column} of {key} is not a number"))
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// The text line of the table row that starts with `id`.
fn row<'a>(report: &'a str, id: &str) -> &'a str {
    let start = format!("  {id} ");
    report
        .lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no row {id} in\n{report}"))
}

fn fail(plan: &Plan, a: &Analysis, sites: &[&str], regions: &[&str]) -> Focus {
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    focus::what_if(plan, a, &own(sites), &own(regions)).expect("known names")
}

#[test]
fn every_plan_in_every_format_matches_its_snapshot() {
    for (stem, plan) in plans() {
        let a = Analysis::new(&plan);
        let o = options(None);
        insta::assert_snapshot!(format!("{stem}__text"), text::render(&plan, &a, &o));
        insta::assert_snapshot!(format!("{stem}__markdown"), markdown::render(&plan, &a, &o));
        for (name, table) in [
            ("sites", CsvTable::Sites),
            ("scenarios", CsvTable::Scenarios),
            ("services", CsvTable::Services),
        ] {
            insta::assert_snapshot!(
                format!("{stem}__csv_{name}"),
                csv::render(&plan, &a, table, &o)
            );
        }
        insta::assert_snapshot!(format!("{stem}__json"), json::to_json(&plan, &a));
    }
}

#[test]
fn what_ifs_on_the_tiny_plan_match_their_snapshots() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let cases = [
        ("fail_a", fail(&plan, &a, &["A"], &[])),
        (
            "scenario_site_c",
            focus::scenario(&a, "site:C").expect("site:C"),
        ),
        ("fail_region_r1", fail(&plan, &a, &[], &["r1"])),
    ];
    for (name, f) in cases {
        let o = options(Some(f));
        insta::assert_snapshot!(format!("tiny__{name}__text"), text::render(&plan, &a, &o));
        insta::assert_snapshot!(
            format!("tiny__{name}__markdown"),
            markdown::render(&plan, &a, &o)
        );
    }
}

#[test]
fn losing_a_puts_b_at_130_percent_and_300_servers_short() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let o = options(Some(fail(&plan, &a, &["A"], &[])));
    // DESIGN §6: B is asked for front 900 + analytics 400 = 1300 of 1000 servers;
    // headroom 1.00 · 1000 − 1300 = −300; analytics gets α = 0.25, front all of it.
    let report = text::render(&plan, &a, &o);
    let b = row(&report, "B");
    assert!(b.contains("130.0%!"), "{b}");
    assert!(b.contains("-300 servers"), "{b}");
    assert!(!report.contains("\n  A "), "A has failed and is not listed");
    assert!(row(&report, "analytics").contains("25.0%"));
    assert!(row(&report, "front").contains("100.0%"));
    assert!(row(&report, "billing").contains("100.0%"));

    let sites = parse_csv(&csv::render(&plan, &a, CsvTable::Sites, &o));
    close(csv_figure(&sites, "site", "B", "servers_load"), 1300.0);
    close(csv_figure(&sites, "site", "B", "servers_utilization"), 1.3);
    close(csv_figure(&sites, "site", "B", "servers_headroom"), -300.0);
    // 65 racks of 60, 650 kW of 600.
    close(csv_figure(&sites, "site", "B", "racks_load"), 65.0);
    close(csv_figure(&sites, "site", "B", "power_load_kw"), 650.0);
    let services = parse_csv(&csv::render(&plan, &a, CsvTable::Services, &o));
    close(
        csv_figure(&services, "service", "analytics", "served"),
        0.25,
    );
    close(csv_figure(&services, "service", "front", "served"), 1.0);
}

#[test]
fn losing_c_moves_billing_to_a_at_950_servers() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let o = options(Some(focus::scenario(&a, "site:C").expect("site:C")));
    // A: front 450 + analytics 200 + billing 300 = 950 of 1000 servers.
    let report = text::render(&plan, &a, &o);
    let a_row = row(&report, "A");
    assert!(
        a_row.contains("95.0%") && !a_row.contains("95.0%!"),
        "{a_row}"
    );
    assert!(a_row.contains("50 servers"), "headroom 1000 − 950: {a_row}");
    assert!(report.contains("Survivable    yes"));
    let sites = parse_csv(&csv::render(&plan, &a, CsvTable::Sites, &o));
    close(csv_figure(&sites, "site", "A", "servers_load"), 950.0);
    close(csv_figure(&sites, "site", "A", "servers_utilization"), 0.95);
    let services = parse_csv(&csv::render(&plan, &a, CsvTable::Services, &o));
    for id in ["front", "billing", "analytics"] {
        close(csv_figure(&services, "service", id, "served"), 1.0);
    }
}

#[test]
fn losing_region_r1_is_not_survivable_and_front_is_not_served() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let o = options(Some(fail(&plan, &a, &[], &["r1"])));
    let report = text::render(&plan, &a, &o);
    assert!(report.contains("Survivable    no"), "{report}");
    let front = row(&report, "front");
    assert!(
        front.contains("0.0%") && front.contains("unavailable"),
        "{front}"
    );
    let scenarios = parse_csv(&csv::render(&plan, &a, CsvTable::Scenarios, &o));
    assert_eq!(scenarios[1][2], "false");
    let services = parse_csv(&csv::render(&plan, &a, CsvTable::Services, &o));
    close(csv_figure(&services, "service", "front", "served"), 0.0);
    close(csv_figure(&services, "service", "billing", "served"), 1.0);
}

#[test]
fn storage_at_exactly_the_target_is_shown_but_not_marked_over() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let report = text::render(&plan, &a, &options(None));
    // B holds front 2 + analytics 6 = 8 of 10 PB: 80.0%, the target itself.
    let b = row(&report, "B");
    assert!(b.contains("80.0%") && !b.contains('!'), "{b}");
    assert!(report.contains("N-1 safe           yes"));
    assert!(report.contains("Violations         none"));
    // B storage is the plan's tightest: 0.8 · 10 − 8 = 0 PB left at exactly 80 %.
    assert!(report.contains("Tightest headroom  site B storage at 80.0%: 0 PB to the 80.0% target"));
    let sites = parse_csv(&csv::render(&plan, &a, CsvTable::Sites, &options(None)));
    close(csv_figure(&sites, "site", "B", "storage_utilization"), 0.8);
    close(csv_figure(&sites, "site", "B", "storage_headroom_pb"), 0.0);
    close(csv_figure(&sites, "site", "A", "servers_headroom"), 150.0);
}

#[test]
fn front_availability_and_single_region_risk_are_reported() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let report = text::render(&plan, &a, &options(None));
    // DESIGN §7: only the r1 earthquake takes front down, 0.002 · 168 = 0.336 h/yr.
    let front = row(&report, "front");
    assert!(front.contains("single region r1"), "{front}");
    assert!(
        front.contains("99.9962%") && front.contains("0.34 h/yr"),
        "{front}"
    );
    let services = parse_csv(&csv::render(&plan, &a, CsvTable::Services, &options(None)));
    close(
        csv_figure(&services, "service", "front", "downtime_hours_per_year"),
        0.336,
    );
    close(
        csv_figure(&services, "service", "billing", "downtime_hours_per_year"),
        0.0,
    );
}

#[test]
fn csv_rows_have_as_many_fields_as_the_header() {
    for (stem, plan) in plans() {
        let a = Analysis::new(&plan);
        for table in [CsvTable::Sites, CsvTable::Scenarios, CsvTable::Services] {
            let rows = parse_csv(&csv::render(&plan, &a, table, &options(None)));
            assert!(rows.len() > 1, "{stem} {table:?} has rows");
            for r in &rows {
                assert_eq!(r.len(), rows[0].len(), "{stem} {table:?}: {r:?}");
            }
        }
    }
}

/// Unescaped pipes in a Markdown table line.
fn pipes(line: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => n += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    n
}

#[test]
fn markdown_tables_are_well_formed() {
    for (stem, plan) in plans() {
        let a = Analysis::new(&plan);
        let md = markdown::render(&plan, &a, &options(None));
        let lines: Vec<&str> = md.lines().collect();
        let mut tables = 0;
        let mut k = 0;
        while k < lines.len() {
            if !lines[k].starts_with('|') {
                k += 1;
                continue;
            }
            let start = k;
            while k < lines.len() && lines[k].starts_with('|') {
                k += 1;
            }
            let table = &lines[start..k];
            tables += 1;
            assert!(table.len() >= 2, "{stem}: header and rule");
            assert!(
                start == 0 || lines[start - 1].is_empty(),
                "{stem}: blank line before"
            );
            let rule = table[1];
            assert!(
                rule.trim_matches('|')
                    .split('|')
                    .all(|c| matches!(c.trim(), "---" | "---:")),
                "{stem}: {rule}"
            );
            for line in table {
                assert!(line.ends_with('|'), "{stem}: {line}");
                assert_eq!(pipes(line), pipes(table[0]), "{stem}: {line}");
            }
        }
        assert!(
            tables >= 3,
            "{stem}: sites, scenarios and runway tables at least"
        );
    }
}

#[test]
fn text_at_80_columns_has_no_longer_line() {
    for width in [80, 60] {
        for (stem, plan) in plans() {
            let a = Analysis::new(&plan);
            let mut reports = vec![text::render(
                &plan,
                &a,
                &Options {
                    width,
                    ..options(None)
                },
            )];
            for sc in &a.scenarios {
                let f = focus::scenario(&a, &sc.def.name).expect("its own scenario");
                reports.push(text::render(
                    &plan,
                    &a,
                    &Options {
                        width,
                        ..options(Some(f))
                    },
                ));
            }
            for report in reports {
                for line in report.lines() {
                    assert!(
                        line.chars().count() <= width,
                        "{stem} at {width}: {} chars: {line}",
                        line.chars().count()
                    );
                }
            }
        }
    }
}

#[test]
fn colour_is_off_unless_asked_for() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let focus = Some(fail(&plan, &a, &["A"], &[]));
    let plain = text::render(&plan, &a, &options(focus.clone()));
    assert!(!plain.contains('\x1b'));
    let coloured = text::render(
        &plan,
        &a,
        &Options {
            color: true,
            ..options(focus)
        },
    );
    // B's 130% servers is over the failover limit: red.
    assert!(coloured.contains("\x1b[1;31m130.0%!\x1b[0m"), "{coloured}");
}

#[test]
fn unknown_names_list_the_plan_names() {
    let plan = tiny();
    let a = Analysis::new(&plan);
    let e = focus::what_if(&plan, &a, &["X".to_string()], &[]).expect_err("no site X");
    assert_eq!(
        e.to_string(),
        "no site \"X\" in the plan; its sites are: A, B, C"
    );
    let e = focus::what_if(&plan, &a, &[], &["r9".to_string()]).expect_err("no region r9");
    assert!(e.to_string().ends_with("its regions are: r1, r2"));
    let e = focus::scenario(&a, "site:Z").expect_err("no scenario");
    assert!(e
        .to_string()
        .contains("\"site:A\", \"site:B\", \"site:C\", \"region:r1\", \"Site A fire\""));
}

#[test]
fn a_month_beyond_the_horizon_is_reported_as_such() {
    let plan = tiny();
    let a = Analysis::at_month(&plan, 30);
    let report = text::render(&plan, &a, &options(None));
    assert!(report.contains("Month 30, beyond the plan's 24-month horizon"));
}
