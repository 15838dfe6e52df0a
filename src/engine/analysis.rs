//! Every figure of a plan at once: normal operation, every scenario, hazards, runway and
//! the violations a CI gate acts on.

use crate::model::Plan;

use super::compiled::Compiled;
use super::hazard::{event_weights, exposures, Exposure};
use super::parallel;
use super::power::PowerLimit;
use super::resources::{over, utilizations, Res, Resource, EPSILON};
use super::runway::{runway, Runway};
use super::scenario::{evaluate, scenario_defs, ScenarioDef, ScenarioKind, ScenarioResult};
use super::state::State;

#[derive(Debug, Clone, PartialEq)]
pub struct SiteFigures {
    pub capacity: Res,
    pub load: Res,
    pub utilization: [Option<f64>; 4],
    pub headroom: Res,
    pub power: PowerLimit,
}

impl SiteFigures {
    pub fn over_target(&self, target: f64) -> impl Iterator<Item = Resource> + '_ {
        Resource::ALL
            .into_iter()
            .filter(move |r| over(self.load[r.index()], self.capacity[r.index()], target))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub def: ScenarioDef,
    pub result: ScenarioResult,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceFigures {
    /// Fraction served with nothing failed (below 1 only when a site is over its
    /// failover limit in normal operation).
    pub served: f64,
    pub exposure: Exposure,
    /// `None` when the service states no SLO.
    pub meets_slo: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    OverTarget { site: usize, resource: Resource },
    NotSurvivable { scenario: usize },
    SloMiss { service: usize },
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub model: Compiled,
    pub target_utilization: f64,
    pub state: State,
    pub sites: Vec<SiteFigures>,
    pub scenarios: Vec<Scenario>,
    pub services: Vec<ServiceFigures>,
    pub runway: Runway,
    pub within_target: bool,
    pub n1_safe: bool,
    pub violations: Vec<Violation>,
}

impl Analysis {
    /// The plan as it stands at month 0.
    pub fn new(plan: &Plan) -> Analysis {
        Analysis::at_month(plan, 0)
    }

    /// The plan grown to `month`: demand compounded and expansions due by then. The
    /// runway is always counted from month 0.
    pub fn at_month(plan: &Plan, month: u32) -> Analysis {
        let model = Compiled::new(plan);
        let policy = &plan.policy;
        let state = State::new(&model, month, policy.failover_utilization);
        let defs = scenario_defs(plan, &model);
        let results: Vec<ScenarioResult> =
            parallel::map(defs.len(), |k| evaluate(&model, &state, &defs[k].failed));
        let weights = event_weights(plan, &model, &defs);
        let exposure = exposures(&state, &results, &weights);
        let month0 = if month == 0 {
            state.clone()
        } else {
            State::new(&model, 0, policy.failover_utilization)
        };
        let runway = runway(
            &model,
            &defs,
            &month0,
            policy.target_utilization,
            policy.horizon_months,
        );
        let sites = site_figures(&model, &state, policy.target_utilization);
        let services = plan
            .services
            .iter()
            .zip(exposure)
            .enumerate()
            .map(|(i, (svc, exposure))| ServiceFigures {
                served: state.served[i],
                exposure,
                meets_slo: svc.slo.map(|slo| exposure.availability >= slo - EPSILON),
            })
            .collect();
        let scenarios: Vec<Scenario> = defs
            .into_iter()
            .zip(results)
            .map(|(def, result)| Scenario { def, result })
            .collect();
        let mut analysis = Analysis {
            model,
            target_utilization: policy.target_utilization,
            state,
            sites,
            scenarios,
            services,
            runway,
            within_target: true,
            n1_safe: true,
            violations: Vec::new(),
        };
        analysis.judge();
        analysis
    }

    fn judge(&mut self) {
        let target = self.target_utilization;
        let mut violations = Vec::new();
        for (j, site) in self.sites.iter().enumerate() {
            violations.extend(
                site.over_target(target)
                    .map(|resource| Violation::OverTarget { site: j, resource }),
            );
        }
        self.within_target = violations.is_empty();
        for (k, sc) in self.scenarios.iter().enumerate() {
            if matches!(sc.def.kind, ScenarioKind::Site(_)) && !sc.result.survivable {
                violations.push(Violation::NotSurvivable { scenario: k });
            }
        }
        self.n1_safe = !violations
            .iter()
            .any(|v| matches!(v, Violation::NotSurvivable { .. }));
        for (i, svc) in self.services.iter().enumerate() {
            if svc.meets_slo == Some(false) {
                violations.push(Violation::SloMiss { service: i });
            }
        }
        self.violations = violations;
    }

    /// A failure not among the plan's scenarios, worked out against this analysis'
    /// normal operation.
    pub fn what_if(&self, failed: &[usize]) -> ScenarioResult {
        evaluate(&self.model, &self.state, failed)
    }

    pub fn month(&self) -> u32 {
        self.state.month
    }
}

fn site_figures(model: &Compiled, state: &State, target: f64) -> Vec<SiteFigures> {
    (0..model.sites.len())
        .map(|j| {
            let capacity = state.capacity[j];
            let load = state.load(j);
            SiteFigures {
                capacity,
                load,
                utilization: utilizations(&load, &capacity),
                headroom: capacity * target - load,
                power: model.sites[j].power,
            }
        })
        .collect()
}
