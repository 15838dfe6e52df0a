//! The application state and every change to it. Drawing only reads this; all input
//! arrives through `App::update`, and engine work leaves through `take_job`.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::engine::{Analysis, Resource, Violation};
use crate::model::{History, Plan};
use crate::store::{PlanFile, Unsaved};

use super::changes::Changes;
use super::compute::{Done, Job, Shown};
use super::dialogs::Dialog;
use super::editing::{plan_items, remap_failed, Pane};
use super::keymap::{action_for, Action, KEYMAP, TEXT_KEYS};
use super::sorting::{self, Sort};
use super::widgets::Limits;

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

/// How long figures may lag behind a change before the screen says so: below this, a
/// marker would only flicker.
pub const NOTICEABLE: Duration = Duration::from_millis(150);

/// What arrives from the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
}

/// What a sorted row list depends on: the figures shown (each arrival has its own
/// generation), the filter and the sort.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SortedKey {
    view: View,
    shown: u64,
    filter: String,
    sort: Sort,
}

/// Where the last frame put the clickable things, so that a click means what it showed.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    pub tabs: Vec<(Rect, View)>,
    pub table: Option<TableHit>,
}

#[derive(Debug, Clone)]
pub struct TableHit {
    /// The rows' area, header and borders excluded.
    pub rows: Rect,
    pub offset: usize,
    /// Each header cell shown, with its column.
    pub headers: Vec<(Rect, usize)>,
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
    /// The plan as its file was opened or last saved (reloaded): what the changes
    /// overlay compares with.
    pub saved_plan: Arc<Plan>,
    /// The changes overlay, while it is open.
    pub changes: Option<Changes>,
    /// Quit once the save under way succeeds (the quit dialog's "save").
    pub quit_after_save: bool,
    /// The last analysis that arrived, with the plan it is of: `plan` itself, or while
    /// `computing()` the plan before the latest changes. Every view but Plan and the
    /// edit pane draws from this alone.
    pub shown: Shown,
    /// Failed sites of the what-if asked for, as indices of `plan`, ascending.
    pub failed: Vec<usize>,
    pub view: View,
    /// Selected row per view, as a position among the rows the filter lets through.
    pub selected: [usize; 7],
    /// A row to select once the analysis showing it arrives (an item just added), by
    /// view and id.
    want: Option<(View, String)>,
    /// When the figures shown fell behind the state, while they are behind.
    behind_since: Option<Instant>,
    /// Filter text per view.
    pub filters: [String; 7],
    pub filtering: bool,
    /// Sort per view; none keeps plan order.
    pub sort: [Option<Sort>; 7],
    /// The month every view shows (`[` and `]`): demand grown, expansions due by then.
    pub month: u32,
    pub detail: bool,
    pub help: bool,
    /// First help line shown, for terminals too short for all of it.
    pub help_scroll: usize,
    /// Resource shown by the scenario bar chart and the runway chart.
    pub resource: Resource,
    pub status: String,
    pub quit: bool,
    pub hits: RefCell<Hits>,
    /// The last sorted rows, and what they were sorted from.
    sorted: RefCell<Option<(SortedKey, Vec<usize>)>>,
    generation: u64,
    shown_generation: u64,
    plan_changed: bool,
    pending: Option<Job>,
}

impl App {
    /// Works the analysis out at once: the first frame has something to show.
    pub fn new(plan: Plan) -> App {
        let analysis = Arc::new(Analysis::new(&plan));
        let plan = Arc::new(plan);
        App {
            shown: Shown::new(Arc::clone(&plan), analysis),
            saved_plan: Arc::clone(&plan),
            changes: None,
            plan,
            store: None,
            history: History::new(),
            unsaved: Unsaved::new(),
            pane: None,
            dialog: None,
            quit_after_save: false,
            failed: Vec::new(),
            view: View::Overview,
            selected: [0; 7],
            want: None,
            behind_since: None,
            filters: Default::default(),
            sort: [None; 7],
            month: 0,
            filtering: false,
            detail: false,
            help: false,
            help_scroll: 0,
            resource: Resource::Servers,
            status: String::new(),
            quit: false,
            hits: RefCell::new(Hits::default()),
            sorted: RefCell::new(None),
            generation: 0,
            shown_generation: 0,
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
        if self.changes.is_some() {
            self.changes_key(action);
            return;
        }
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
            KeyCode::Char('u')
                if key
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL) =>
            {
                self.filters[v].clear()
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
            Action::Open if self.view == View::Overview => self.jump_to_violation(),
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
            Action::Changes => self.show_changes(),
            Action::Sort => self.set_sort(sorting::next(self.view, self.sort[self.view.index()])),
            Action::ReverseSort => self.reverse_sort(),
            Action::EarlierMonth => self.set_month(self.month.saturating_sub(1)),
            Action::LaterMonth => self.set_month(self.month.saturating_add(1)),
            Action::Export => self.export(),
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
            Action::ClearFailures if self.failed.is_empty() => {
                self.status = "nothing is failed: f fails the selected site, r its region".into()
            }
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
            .as_ref()
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
        if let Some((_, column)) = hits
            .table
            .as_ref()
            .and_then(|t| t.headers.iter().find(|(r, _)| inside(r)))
        {
            self.sort_by_header(*column);
            return;
        }
        if let Some(table) = hits.table.filter(|t| inside(&t.rows)) {
            let row = table.offset + usize::from(y - table.rows.y);
            if row < self.rows(self.view).len() {
                self.selected[self.view.index()] = row;
            }
        }
    }

    /// Indices of the rows a view lists, in order, after its filter: into the shown
    /// plan and analysis, except for the Plan view, which lists the current plan.
    pub fn rows(&self, view: View) -> Vec<usize> {
        let Some(sort) = self.sort.get(view.index()).copied().flatten() else {
            return self.filtered_rows(view);
        };
        // A frame asks for the rows several times; sorting tens of thousands once will do.
        let key = SortedKey {
            view,
            shown: self.shown_generation,
            filter: self.filters[view.index()].clone(),
            sort,
        };
        if let Some((k, rows)) = self.sorted.borrow().as_ref() {
            if *k == key {
                return rows.clone();
            }
        }
        let mut rows = self.filtered_rows(view);
        sorting::sort(view, &self.shown, &mut rows, sort);
        *self.sorted.borrow_mut() = Some((key, rows.clone()));
        rows
    }

    /// The rows a view's filter lets through, in plan order.
    fn filtered_rows(&self, view: View) -> Vec<usize> {
        let filter = self
            .filters
            .get(view.index())
            .map(|f| f.to_lowercase())
            .unwrap_or_default();
        // A row is kept when any of the words it shows contains the filter.
        let keep = |words: &[&str]| {
            filter.is_empty() || words.iter().any(|w| matches_lowercase(w, &filter))
        };
        let (plan, analysis) = (&self.shown.plan, &self.shown.analysis);
        match view {
            View::Overview => (0..analysis.violations.len()).collect(),
            View::Sites | View::Hazards | View::Runway => (0..plan.sites.len())
                .filter(|&j| {
                    plan.sites
                        .get(j)
                        .is_some_and(|s| keep(&[&s.id, &s.name, &s.region]))
                })
                .collect(),
            View::Services => (0..plan.services.len())
                .filter(|&i| plan.services.get(i).is_some_and(|s| keep_service(s, &keep)))
                .collect(),
            View::Plan => {
                let plan = &self.plan;
                plan_items(plan)
                    .iter()
                    .enumerate()
                    .filter(|(_, &item)| keep(&[&crate::model::edit::item_label(plan, item)]))
                    .map(|(k, _)| k)
                    .collect()
            }
            View::Scenarios => (0..analysis.scenarios.len())
                .filter(|&k| {
                    analysis.scenarios.get(k).is_some_and(|s| {
                        let failed = s.def.failed.iter().filter_map(|&j| plan.sites.get(j));
                        keep(&[&s.def.name]) || failed.into_iter().any(|site| keep(&[&site.id]))
                    })
                })
                .collect(),
        }
    }

    /// The limits the figures shown are judged against.
    pub fn limits(&self) -> Limits {
        let a = &self.shown.analysis;
        Limits {
            target: a.target_utilization,
            failover: a.state.failover_utilization,
            in_force: self.shown.situation().limit(),
        }
    }

    /// What names row `index` of a view across analyses: a site's or service's id, a
    /// scenario's name. `None` for the Overview and Plan views, whose rows are not
    /// carried from one analysis to the next.
    fn row_key(&self, view: View, index: usize) -> Option<String> {
        let (plan, analysis) = (&self.shown.plan, &self.shown.analysis);
        match view {
            View::Sites | View::Hazards | View::Runway => {
                plan.sites.get(index).map(|s| s.id.clone())
            }
            View::Services => plan.services.get(index).map(|s| s.id.clone()),
            View::Scenarios => analysis.scenarios.get(index).map(|s| s.def.name.clone()),
            View::Overview | View::Plan => None,
        }
    }

    /// Selects the row named `key` in `view` if the analysis shown lists it; otherwise
    /// once the analysis that does arrives.
    pub(crate) fn point_at(&mut self, view: View, key: String) {
        let position = self
            .rows(view)
            .iter()
            .position(|&k| self.row_key(view, k).as_deref() == Some(key.as_str()));
        match position {
            Some(row) if !self.computing() => self.selected[view.index()] = row,
            Some(row) => {
                self.selected[view.index()] = row;
                self.want = Some((view, key));
            }
            None => self.want = Some((view, key)),
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

    /// The site the current view points at, for the what-if keys, as an index of the
    /// current plan.
    fn selected_site(&self) -> Option<usize> {
        if !self.view.lists_sites() {
            return None;
        }
        let id = self.selected_key(self.view)?;
        self.plan.sites.iter().position(|s| s.id == id)
    }

    fn fail_selected_site(&mut self) {
        if self.view == View::Scenarios {
            self.fail_selected_scenario();
            return;
        }
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
            .and_then(|j| self.plan.sites.get(j))
            .map(|s| s.region.clone())
        else {
            self.status = "select a site first (Sites, Hazards or Runway view)".into();
            return;
        };
        let sites: Vec<usize> = (0..self.plan.sites.len())
            .filter(|&j| self.plan.sites[j].region == region)
            .collect();
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

    /// Enter on a violation: the site, scenario or service it is about, in its view.
    fn jump_to_violation(&mut self) {
        let shown = &self.shown;
        let Some(v) = self
            .selection(View::Overview)
            .and_then(|k| shown.analysis.violations.get(k))
        else {
            return;
        };
        let target = match *v {
            Violation::OverTarget { site, .. } => (
                View::Sites,
                shown.plan.sites.get(site).map(|s| s.id.clone()),
            ),
            Violation::NotSurvivable { scenario } => (
                View::Scenarios,
                shown
                    .analysis
                    .scenarios
                    .get(scenario)
                    .map(|s| s.def.name.clone()),
            ),
            Violation::SloMiss { service } => (
                View::Services,
                shown.plan.services.get(service).map(|s| s.id.clone()),
            ),
        };
        if let (view, Some(key)) = target {
            self.show(view);
            self.filters[view.index()].clear();
            self.point_at(view, key);
        }
    }

    fn set_sort(&mut self, sort: Option<Sort>) {
        if sorting::columns(self.view).is_empty() {
            self.status = "this view keeps the plan's order".into();
            return;
        }
        self.keep_selection(|app| app.sort[app.view.index()] = sort);
    }

    fn reverse_sort(&mut self) {
        match self.sort[self.view.index()] {
            Some(s) => self.set_sort(Some(Sort {
                reversed: !s.reversed,
                ..s
            })),
            None => self.status = "o sorts first, then O reverses".into(),
        }
    }

    /// Sorts by the column whose header was clicked; a second click reverses.
    fn sort_by_header(&mut self, column: usize) {
        if !sorting::columns(self.view).contains(&column) {
            return;
        }
        let sort = match self.sort[self.view.index()] {
            Some(s) if s.column == column => Sort {
                reversed: !s.reversed,
                ..s
            },
            _ => Sort {
                column,
                reversed: false,
            },
        };
        self.set_sort(Some(sort));
    }

    /// Applies `change` to how rows are listed, keeping the selected item selected.
    fn keep_selection(&mut self, change: impl FnOnce(&mut App)) {
        let view = self.view;
        let key = self.selected_key(view);
        change(self);
        if let Some(key) = key {
            self.point_at(view, key);
        }
    }

    /// Every view shows the plan at `month`; the horizon bounds it (the report's
    /// `--month` may look further, the view stays where the runway does).
    fn set_month(&mut self, month: u32) {
        let month = month.min(self.plan.policy.horizon_months);
        if month != self.month {
            self.month = month;
            self.request();
        } else {
            self.status = format!("month {month}: months run 0 to the horizon");
        }
    }

    /// `f` on a scenario: its failed sites become the what-if.
    fn fail_selected_scenario(&mut self) {
        let shown = &self.shown;
        let Some(sc) = self
            .selection(View::Scenarios)
            .and_then(|k| shown.analysis.scenarios.get(k))
        else {
            self.status = "select a scenario first".into();
            return;
        };
        let mut failed: Vec<usize> = sc
            .def
            .failed
            .iter()
            .filter_map(|&j| shown.plan.sites.get(j))
            .filter_map(|s| self.plan.sites.iter().position(|c| c.id == s.id))
            .collect();
        failed.sort_unstable();
        self.status = format!("what-if: {}", sc.def.name);
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
        self.behind_since.get_or_insert_with(Instant::now);
        self.pending = Some(Job {
            generation: self.generation,
            plan: Arc::clone(&self.plan),
            analysis: Arc::clone(&self.shown.analysis),
            plan_changed: self.plan_changed,
            failed: self.failed.clone(),
            month: self.month,
            warnings: Arc::clone(&self.shown.warnings),
        });
    }

    /// Engine work waiting to be done, if any.
    pub fn take_job(&mut self) -> Option<Job> {
        self.pending.take()
    }

    /// A result from the engine; stale ones (overtaken by a later change) are dropped.
    /// The selection follows each row's item by id, not by position.
    pub fn finish(&mut self, done: Done) {
        if done.generation != self.generation {
            return;
        }
        let keys: Vec<Option<String>> = View::ALL
            .iter()
            .map(|&v| {
                let row = self.rows(v).get(self.selected_row(v)).copied();
                row.and_then(|k| self.row_key(v, k))
            })
            .collect();
        drop_elsewhere(std::mem::replace(&mut self.shown, done.shown));
        self.plan_changed = false;
        self.shown_generation = done.generation;
        self.behind_since = None;
        for (v, key) in View::ALL.into_iter().zip(keys) {
            let key = match &self.want {
                Some((w, k)) if *w == v => Some(k.clone()),
                _ => key,
            };
            if let Some(key) = key {
                self.point_at(v, key);
            }
        }
        self.want = None;
    }

    /// Does pending engine work on this thread: for tests and small plans.
    pub fn settle(&mut self) {
        while let Some(job) = self.take_job() {
            self.finish(job.run());
        }
    }

    /// True while the figures shown are not yet those of the current state.
    pub fn computing(&self) -> bool {
        self.shown_generation != self.generation
    }

    /// Whether the figures shown have been behind the state long enough for a planner
    /// to notice: the screen then says it is recomputing.
    pub fn behind_noticeably(&self) -> bool {
        self.behind_since.is_some_and(|t| t.elapsed() >= NOTICEABLE)
    }

    /// What the selected row of `view` names: the item just added, while the analysis
    /// that lists it is on its way, else the selected row's id (see `row_key`).
    pub(crate) fn selected_key(&self, view: View) -> Option<String> {
        match &self.want {
            Some((v, key)) if *v == view => Some(key.clone()),
            _ => self.selection(view).and_then(|k| self.row_key(view, k)),
        }
    }
}

fn step_resource(r: Resource, by: isize) -> Resource {
    let n = Resource::ALL.len() as isize;
    let k = (r.index() as isize + by).rem_euclid(n) as usize;
    Resource::ALL.get(k).copied().unwrap_or(Resource::Servers)
}

/// Whether a service shows a word the filter keeps: its id, name, tier, the sites it is
/// placed at or holds data in, or its failover sites.
fn keep_service(s: &crate::model::Service, keep: &impl Fn(&[&str]) -> bool) -> bool {
    let standby: &[String] = match &s.failover {
        crate::model::Failover::Standby(sites) => sites,
        _ => &[],
    };
    keep(&[&s.id, &s.name, s.tier.name()])
        || s.placement.iter().any(|(site, _)| keep(&[site]))
        || s.data.iter().chain(standby).any(|site| keep(&[site]))
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
