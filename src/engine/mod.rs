//! The capacity engine: pure computations over a plan, with no terminal and no files.
//! Every figure follows DESIGN.md §4–§8.

mod analysis;
mod bounds;
mod compiled;
mod hazard;
mod parallel;
mod power;
mod resources;
mod revise;
mod runway;
mod scenario;
mod series;
mod shed;
mod state;
mod survival;
mod verdicts;

pub use analysis::{Analysis, Reuse, Scenario, ServiceFigures, SiteFigures, Violation};
pub use compiled::{Compiled, CompiledFailover, CompiledService, CompiledSite};
pub use hazard::{Exposure, HOURS_PER_YEAR};
pub(crate) use parallel::threads;
pub use power::{chain_limits, power_limit, PowerElement, PowerLimit};
pub use resources::{over, res, utilization, utilizations, Res, Resource, EPSILON};
pub use runway::{CapacityBreach, DisasterBreach, Runway};
pub use scenario::{ScenarioDef, ScenarioKind, ScenarioResult, ServiceOutcome};
pub use series::{demand_series, site_series, MonthFigures};
pub use state::State;
pub use survival::Loss;
pub use verdicts::{fullest, Busiest, Situation, Tightest};
