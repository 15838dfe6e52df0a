//! The application state and every change to it. Drawing only reads this; all input
//! arrives through `App::update`, and engine work leaves through `take_job`.

use std::cell::RefCell;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::engine::{utilizations, Analysis, Res, Resource, ScenarioResult, ServiceOutcome};
use crate::model::{History, Plan};
use crate::store::{PlanFile, Unsaved};

use super::compute::{Done, Job};
use super::dialogs::Dialog;
use super::editing::{plan_items, remap_failed, Pane};
use super::keymap::{action_for, Action, KEYMAP, TEXT_KEYS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    Sites,
    Services,
    Scenarios,
    Hazards,
    Runway,
    Plan,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Overview,
        View::Sites,
        View::Services,
        View::Scenarios,
        View::Hazards,
        View::Runway,
        View::Plan,
    ];

    pub fn title(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Sites => "Sites",
            View::Services => "Services",
            View::Scenarios => "Scenarios",
            View::Hazards => "Hazards",
            View::Runway => "Runway",
            View::Plan => "Plan",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    fn step(self, by: isize) -> View {
        let n = View::ALL.len() as isize;
        let k = (self.index() as isize + by).rem_euclid(n) as usize;
        View::ALL.get(k).copied().unwrap_or(View::Overview)
    }

    /// Views whose rows are sites, and so where a site can be failed.
    pub(crate) fn lists_sites(self) -> bool {
        matches!(self, View::Sites | View::Hazards | View::Runway)
    }
}

/// What arrives from the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
}

/// Where the last frame put the clickable things, so that a click means what it showed.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    pub tabs: Vec<(Rect, View)>,
    pub table: Option<TableHit>,
}

#[derive(Debug, Clone, Copy)]
pub struct TableHit {
    /// The rows' area, header and borders excluded.
    pub rows: Rect,
    pub offset: usize,
}

pub struct App {
    pub plan: Arc<Plan>,
    /// The file the plan came from and is saved to; none for the bundled plan.
    pub store: Option<PlanFile>,
    pub history: History,
    /// The unsaved plan's text, for the recovery file on a signal or a panic.
    pub unsaved: Unsaved,
    pub pane: Option<Pane>,
    pub dialog: Option<Dialog>,
    /// Quit once the save under way succeeds (the quit dialog's "save").
    pub quit_after_save: bool,
    /// The last analysis that arrived; always of `plan`, or of the plan just before an
    /// edit while `computing()`.
    pub analysis: Arc<Analysis>,
    /// The live what-if under `failed`, once worked out.
    pub what_if: Option<ScenarioResult>,
    /// Failed sites, ascending.
    pub failed: Vec<usize>,
    pub view: View,
    /// Selected row per view, as a position among the rows the filter lets through.
    pub selected: [usize; 7],
    /// Filter text per view.
    pub filters: [String; 7],
    pub filtering: bool,
    pub detail: bool,
    pub help: bool,
    /// First help line shown, for terminals too short for all of it.
    pub help_scroll: usize,
    /// Resource shown by the scenario bar chart and the runway chart.
    pub resource: Resource,
    pub status: String,
    pub quit: bool,
    pub hits: RefCell<Hits>,
    generation: u64,
    shown: u64,
    plan_changed: bool,
    pending: Option<Job>,
}

impl App {
    /// Works the analysis out at once: the first frame has something to show.
    pub fn new(plan: Plan) -> App {
        let analysis = Arc::new(Analysis::new(&plan));
        App {
            plan: Arc::new(plan),
            store: None,
            history: History::new(),
            unsaved: Unsaved::new(),
            pane: None,
            dialog: None,
            quit_after_save: false,
            analysis,
            what_if: None,
            failed: Vec::new(),
            view: View::Overview,
            selected: [0; 7],
            filters: Default::default(),
            filtering: false,
            detail: false,
            help: false,
            help_scroll: 0,
            resource: Resource::Servers,
            status: String::new(),
            quit: false,
            hits: RefCell::new(Hits::default()),
            generation: 0,
            shown: 0,
            plan_changed: false,
            pending: None,
        }
    }

    /// The plan's file, for saving; the unsaved text is kept in `unsaved`.
    pub fn with_store(mut self, store: Option<PlanFile>, unsaved: Unsaved) -> App {
        self.store = store;
        self.unsaved = unsaved;
        self
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Key(key) if key.kind != KeyEventKind::Release => self.key(key),
            Msg::Key(_) | Msg::Resize(..) => {}
            Msg::Mouse(mouse) => self.mouse(mouse),
        }
    }

    /// Sends a key press through `update`, for callers that only have a key code.
    pub fn press(&mut self, code: KeyCode) {
        let mods = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() || c == '?' => {
                crossterm::event::KeyModifiers::SHIFT
            }
            KeyCode::BackTab => crossterm::event::KeyModifiers::SHIFT,
            _ => crossterm::event::KeyModifiers::NONE,
        };
        self.update(Msg::Key(KeyEvent::new(code, mods)));
    }

    fn key(&mut self, key: KeyEvent) {
        if self.dialog.is_some() {
            self.dialog_key(key);
            return;
        }
        if self.pane.as_ref().is_some_and(|p| p.input.is_some()) {
            self.field_key(key);
            return;
        }
        if self.filtering {
            self.filter_key(key);
            return;
        }
        let action = action_for(&key);
        if self.help {
            // Up and down scroll the help, any other key closes it; quitting still quits.
            let most = KEYMAP.len() + TEXT_KEYS.len();
            match action {
                Some(Action::Up) => self.help_scroll = self.help_scroll.saturating_sub(1),
                Some(Action::Down) => self.help_scroll = (self.help_scroll + 1).min(most),
                Some(Action::PageUp) => self.help_scroll = self.help_scroll.saturating_sub(10),
                Some(Action::PageDown) => self.help_scroll = (self.help_scroll + 10).min(most),
                Some(Action::Quit) => {
                    self.help = false;
                    self.request_quit();
                }
                _ => self.help = false,
            }
            return;
        }
        match action {
            Some(action) => self.perform(action),
            None => self.status.clear(),
        }
    }

    fn filter_key(&mut self, key: KeyEvent) {
        let v = self.view.index();
        match key.code {
            KeyCode::Esc => {
                self.filters[v].clear();
                self.filtering = false;
            }
            KeyCode::Enter => self.filtering = false,
            KeyCode::Backspace => {
                self.filters[v].pop();
            }
            KeyCode::Char('c')
                if key
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL) =>
            {
                self.filtering = false;
                self.request_quit();
                return;
            }
            KeyCode::Char(c) => self.filters[v].push(c),
            _ => return,
        }
        self.selected[v] = 0;
    }

    pub fn perform(&mut self, action: Action) {
        self.status.clear();
        if self.pane.is_some() && self.pane_action(action) {
            return;
        }
        match action {
            Action::Quit => self.request_quit(),
            Action::NextView => self.show(self.view.step(1)),
            Action::PrevView => self.show(self.view.step(-1)),
            Action::Show(view) => self.show(view),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.page() as isize)),
            Action::PageDown => self.move_by(self.page() as isize),
            Action::First => self.move_by(isize::MIN / 2),
            Action::Last => self.move_by(isize::MAX / 2),
            Action::PrevResource => self.resource = step_resource(self.resource, -1),
            Action::NextResource => self.resource = step_resource(self.resource, 1),
            Action::Open if self.view == View::Sites => self.detail = true,
            Action::Open if self.view != View::Overview => self.open_pane(),
            Action::Open => {}
            Action::Edit => self.open_pane(),
            Action::Add => self.add_item(),
            Action::Duplicate => self.duplicate_item(),
            Action::Delete => self.ask_delete(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => self.save(),
            Action::SaveAs => self.open_save_as(),
            Action::Back => self.back(),
            Action::Filter => {
                if self.view != View::Overview {
                    self.filtering = true;
                }
            }
            Action::Help => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::FailSite => self.fail_selected_site(),
            Action::FailRegion => self.fail_selected_region(),
            Action::ClearFailures => self.set_failed(Vec::new()),
        }
    }

    /// Actions that mean something else while the edit pane is open: the rows are the
    /// item's fields. Returns whether the action was taken here.
    fn pane_action(&mut self, action: Action) -> bool {
        match action {
            Action::Up => self.move_field(-1),
            Action::Down => self.move_field(1),
            Action::PageUp => self.move_field(-10),
            Action::PageDown => self.move_field(10),
            Action::First => self.move_field(isize::MIN / 2),
            Action::Last => self.move_field(isize::MAX / 2),
            Action::Open | Action::Edit => self.begin_field(),
            Action::Back => self.pane = None,
            // The filter is of the rows behind the pane: close the pane first.
            Action::Filter => self.status = "Esc closes the pane; then / filters".into(),
            _ => return false,
        }
        true
    }

    fn show(&mut self, view: View) {
        self.view = view;
        self.filtering = false;
        self.pane = None;
    }

    fn back(&mut self) {
        let v = self.view.index();
        if self.detail {
            self.detail = false;
        } else if !self.filters[v].is_empty() {
            self.filters[v].clear();
            self.selected[v] = 0;
        }
    }

    fn page(&self) -> usize {
        self.hits
            .borrow()
            .table
            .map_or(10, |t| usize::from(t.rows.height).max(1))
    }

    fn move_by(&mut self, by: isize) {
        let n = self.rows(self.view).len();
        let v = self.view.index();
        let at = self.selected[v].min(n.saturating_sub(1)) as isize;
        let to = at.saturating_add(by).clamp(0, n.saturating_sub(1) as isize);
        self.selected[v] = to as usize;
    }

    /// A dialog or a field being typed into holds the mouse too; over the edit pane the
    /// wheel moves among the fields.
    fn mouse(&mut self, mouse: MouseEvent) {
        if self.dialog.is_some() || self.pane.as_ref().is_some_and(|p| p.input.is_some()) {
            return;
        }
        let pane = self.pane.is_some();
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => self.click(mouse.column, mouse.row),
            MouseEventKind::ScrollDown if pane => self.move_field(1),
            MouseEventKind::ScrollUp if pane => self.move_field(-1),
            MouseEventKind::ScrollDown => self.move_by(1),
            MouseEventKind::ScrollUp => self.move_by(-1),
            _ => {}
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let hits = self.hits.borrow().clone();
        let inside = |r: &Rect| x >= r.x && x < r.right() && y >= r.y && y < r.bottom();
        if let Some((_, view)) = hits.tabs.iter().find(|(r, _)| inside(r)) {
            self.help = false;
            self.show(*view);
            return;
        }
        if self.pane.is_some() {
            return;
        }
        if let Some(table) = hits.table.filter(|t| inside(&t.rows)) {
            let row = table.offset + usize::from(y - table.rows.y);
            if row < self.rows(self.view).len() {
                self.selected[self.view.index()] = row;
            }
        }
    }

    /// Plan indices of the rows a view lists, in plan order, after its filter.
    pub fn rows(&self, view: View) -> Vec<usize> {
        let filter = self
            .filters
            .get(view.index())
            .map(|f| f.to_lowercase())
            .unwrap_or_default();
        let keep = |id: &str, name: &str| {
            filter.is_empty() || matches_lowercase(id, &filter) || matches_lowercase(name, &filter)
        };
        match view {
            View::Overview => (0..self.analysis.violations.len()).collect(),
            View::Sites | View::Hazards | View::Runway => (0..self.plan.sites.len())
                .filter(|&j| self.plan.sites.get(j).is_some_and(|s| keep(&s.id, &s.name)))
                .collect(),
            View::Services => (0..self.plan.services.len())
                .filter(|&i| {
                    self.plan
                        .services
                        .get(i)
                        .is_some_and(|s| keep(&s.id, &s.name))
                })
                .collect(),
            View::Plan => {
                let plan = &self.plan;
                plan_items(plan)
                    .iter()
                    .enumerate()
                    .filter(|(_, &item)| keep(&crate::model::edit::item_label(plan, item), ""))
                    .map(|(k, _)| k)
                    .collect()
            }
            View::Scenarios => (0..self.analysis.scenarios.len())
                .filter(|&k| {
                    self.analysis
                        .scenarios
                        .get(k)
                        .is_some_and(|s| keep(&s.def.name, ""))
                })
                .collect(),
        }
    }

    /// Position of the selection among `rows(view)`, kept within them.
    pub fn selected_row(&self, view: View) -> usize {
        let n = self.rows(view).len();
        self.selected[view.index()].min(n.saturating_sub(1))
    }

    /// Plan index of the selected row of `view`.
    pub fn selection(&self, view: View) -> Option<usize> {
        self.rows(view).get(self.selected_row(view)).copied()
    }

    /// The site the current view points at, for the what-if keys.
    fn selected_site(&self) -> Option<usize> {
        if self.view.lists_sites() {
            self.selection(self.view)
        } else {
            None
        }
    }

    fn fail_selected_site(&mut self) {
        let Some(j) = self.selected_site() else {
            self.status = "select a site first (Sites, Hazards or Runway view)".into();
            return;
        };
        let mut failed = self.failed.clone();
        match failed.binary_search(&j) {
            Ok(k) => {
                failed.remove(k);
            }
            Err(k) => failed.insert(k, j),
        }
        self.set_failed(failed);
    }

    /// Fails every site of the selected site's region, or restores them all when they
    /// are all failed already.
    fn fail_selected_region(&mut self) {
        let Some(region) = self
            .selected_site()
            .and_then(|j| self.analysis.model.sites.get(j))
            .and_then(|s| s.region)
        else {
            self.status = "select a site first (Sites, Hazards or Runway view)".into();
            return;
        };
        let sites = self
            .analysis
            .model
            .region_sites
            .get(region)
            .cloned()
            .unwrap_or_default();
        let all_down = sites.iter().all(|j| self.failed.contains(j));
        let mut failed: Vec<usize> = self
            .failed
            .iter()
            .copied()
            .filter(|j| !sites.contains(j))
            .collect();
        if !all_down {
            failed.extend(sites);
            failed.sort_unstable();
        }
        self.set_failed(failed);
    }

    fn set_failed(&mut self, failed: Vec<usize>) {
        self.failed = failed;
        self.request();
    }

    /// The plan changed (editing calls this): the analysis is worked out anew.
    pub fn replace_plan(&mut self, plan: Plan) {
        let old = std::mem::replace(&mut self.plan, Arc::new(plan));
        self.plan_changed = true;
        self.failed = remap_failed(&old, &self.plan, &self.failed);
        self.request();
        drop_elsewhere(old);
    }

    fn request(&mut self) {
        self.generation += 1;
        self.pending = Some(Job {
            generation: self.generation,
            plan: Arc::clone(&self.plan),
            analysis: Arc::clone(&self.analysis),
            plan_changed: self.plan_changed,
            failed: self.failed.clone(),
        });
    }

    /// Engine work waiting to be done, if any.
    pub fn take_job(&mut self) -> Option<Job> {
        self.pending.take()
    }

    /// A result from the engine; stale ones (overtaken by a later change) are dropped.
    pub fn finish(&mut self, done: Done) {
        if done.generation != self.generation {
            return;
        }
        drop_elsewhere(std::mem::replace(&mut self.analysis, done.analysis));
        self.what_if = done.what_if;
        self.plan_changed = false;
        self.shown = done.generation;
    }

    /// Does pending engine work on this thread: for tests and small plans.
    pub fn settle(&mut self) {
        while let Some(job) = self.take_job() {
            self.finish(job.run());
        }
    }

    /// True while the figures shown are not yet those of the current state.
    pub fn computing(&self) -> bool {
        self.shown != self.generation
    }

    /// The what-if shown, when one is in force and worked out.
    pub fn scenario(&self) -> Option<&ScenarioResult> {
        if self.failed.is_empty() {
            None
        } else {
            self.what_if.as_ref()
        }
    }

    /// Utilization limit in force: the target normally, the failover limit under a
    /// what-if.
    pub fn limit(&self) -> f64 {
        match self.scenario() {
            Some(_) => self.analysis.state.failover_utilization,
            None => self.analysis.target_utilization,
        }
    }

    /// Load a site carries (demanded, under a what-if); `None` when it has failed.
    pub fn load(&self, site: usize) -> Option<Res> {
        match self.scenario() {
            Some(s) => s.demand(&self.analysis.state, site),
            None => self.analysis.sites.get(site).map(|f| f.load),
        }
    }

    pub fn utilization(&self, site: usize) -> Option<[Option<f64>; 4]> {
        let capacity = self.analysis.sites.get(site)?.capacity;
        self.load(site).map(|l| utilizations(&l, &capacity))
    }

    /// Headroom against the limit in force (DESIGN.md §5, §6); `None` for a failed site.
    pub fn headroom(&self, site: usize) -> Option<Res> {
        let figures = self.analysis.sites.get(site)?;
        match self.scenario() {
            Some(_) => self.load(site).map(|l| figures.capacity * self.limit() - l),
            None => Some(figures.headroom),
        }
    }

    /// What a service gets now: under the what-if, or in normal operation.
    pub fn outcome(&self, service: usize) -> ServiceOutcome {
        match self.scenario() {
            Some(s) => s.outcome(&self.analysis.state, service),
            None => ServiceOutcome {
                service,
                served: self
                    .analysis
                    .services
                    .get(service)
                    .map_or(1.0, |f| f.served),
                data_available: true,
            },
        }
    }
}

fn step_resource(r: Resource, by: isize) -> Resource {
    let n = Resource::ALL.len() as isize;
    let k = (r.index() as isize + by).rem_euclid(n) as usize;
    Resource::ALL.get(k).copied().unwrap_or(Resource::Servers)
}

/// Whether `text` contains `lower` (already lowercase) ignoring case. Ids and names are
/// nearly always ASCII: those are compared in place, so filtering ten thousand services
/// each frame allocates nothing; any other text is lowercased first.
fn matches_lowercase(text: &str, lower: &str) -> bool {
    if !(text.is_ascii() && lower.is_ascii()) {
        return text.to_lowercase().contains(lower);
    }
    let (text, lower) = (text.as_bytes(), lower.as_bytes());
    lower.is_empty()
        || text
            .windows(lower.len())
            .any(|w| w.eq_ignore_ascii_case(lower))
}

/// Lets go of a large value on a thread of its own: freeing a plan or an analysis of tens
/// of thousands of services takes milliseconds the input thread does not have. If no
/// thread can be started, the value goes with the refused closure, here.
fn drop_elsewhere<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("drop".to_string())
        .spawn(move || drop(value));
}
