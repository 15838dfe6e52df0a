//! `x`: the report of what the view shows — the plan at the month shown, under the
//! what-if when one is in force — written as Markdown, with the current table as CSV,
//! beside the plan (the working folder for the bundled plan), never over a file.

use std::path::{Path, PathBuf};

use crate::report::csv::{self, CsvTable};
use crate::report::{markdown, Focus, Options};
use crate::store::write_new;

use super::app::{App, View};

impl App {
    pub(crate) fn export(&mut self) {
        self.status = match self.write_exports() {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                format!("exported {}", names.join(" and "))
            }
            Err(e) => format!("cannot export: {e}"),
        };
    }

    fn write_exports(&self) -> Result<Vec<PathBuf>, crate::store::StoreError> {
        let shown = &self.shown;
        let (dir, stem) = self.export_place();
        let focus = shown.scenario().map(|result| Focus {
            name: format!("what-if: {}", self.failed_ids().join(", ")),
            result: result.clone(),
        });
        let what_if = if focus.is_some() { "-what-if" } else { "" };
        let stem = format!("{stem}-month{}{what_if}", shown.analysis.month());
        let options = Options {
            focus,
            ..Options::default()
        };
        let report = markdown::render(&shown.plan, &shown.analysis, &options);
        let mut written = vec![write_new(&dir, &stem, "md", &report)?];
        let table = match self.view {
            View::Services | View::Hazards => Some((CsvTable::Services, "services")),
            View::Scenarios => Some((CsvTable::Scenarios, "scenarios")),
            View::Sites | View::Runway | View::Overview => Some((CsvTable::Sites, "sites")),
            View::Plan => None,
        };
        if let Some((table, name)) = table {
            let text = csv::render(&shown.plan, &shown.analysis, table, &options);
            written.push(write_new(&dir, &format!("{stem}-{name}"), "csv", &text)?);
        }
        Ok(written)
    }

    /// The plan file's folder and name, or the working folder and the plan's name.
    fn export_place(&self) -> (PathBuf, String) {
        match &self.store {
            Some(file) => {
                let dir = file
                    .path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                let stem = file
                    .path
                    .file_stem()
                    .map_or("plan".to_string(), |s| s.to_string_lossy().into_owned());
                (dir, stem)
            }
            None => (PathBuf::from("."), "headroom".to_string()),
        }
    }

    /// Ids of the sites failed in the what-if shown.
    fn failed_ids(&self) -> Vec<String> {
        let plan = &self.shown.plan;
        self.shown
            .failed
            .iter()
            .filter_map(|&j| plan.sites.get(j).map(|s| s.id.clone()))
            .collect()
    }
}
