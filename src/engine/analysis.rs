//! Every figure of a plan at once: normal operation, every scenario, hazards, runway and
//! the violations a CI gate acts on.

use std::sync::Arc;

use crate::model::Plan;

use super::compiled::Compiled;
use super::hazard::{event_weights, exposures, Exposure};
use super::parallel;
use super::power::PowerLimit;
use super::resources::{over, utilizations, Res, Resource, EPSILON};
use super::revise::Reach;
use super::runway::{runway, Runway};
use super::scenario::{
    evaluate, evaluate_traced, scenario_defs, ScenarioDef, ScenarioKind, ScenarioResult, Trace,
};
use super::state::State;
use super::survival::Loss;
use super::verdicts::Tightest;

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

#[derive(Debug, Clone, PartialEq)]
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
    /// The worst scenario, by the rule of `Analysis::find_worst_scenario`.
    pub worst_scenario: Option<usize>,
    /// The plan's tightest headroom in normal operation.
    pub tightest: Option<Tightest>,
    /// Every `site:` scenario reduced to what decides its survivability (scenario index,
    /// loss), kept so that a revised plan rebuilds only those an edit reached.
    losses: Vec<(usize, Arc<Loss>)>,
    /// Per scenario, the load it moved, kept for the same reason.
    traces: Vec<Arc<Trace>>,
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
        let traced = parallel::map(defs.len(), |k| traced(&model, &state, &defs[k].failed));
        let losses = site_losses(&model, &defs, |_| None);
        Analysis::assemble(plan, model, state, defs, traced, losses)
    }

    /// The analysis of `plan`, an edit of the plan this analysis is of: every figure is
    /// the same as [`Analysis::new`]'s, but scenarios and losses the edit cannot have
    /// reached are taken from this one rather than worked out again.
    pub fn revise(&self, plan: &Plan) -> Analysis {
        let model = Compiled::new(plan);
        let policy = &plan.policy;
        let defs = scenario_defs(plan, &model);
        let same_policy = self.target_utilization == policy.target_utilization
            && self.state.failover_utilization == policy.failover_utilization
            && self.runway.horizon_months == policy.horizon_months;
        let state = State::new(&model, 0, policy.failover_utilization);
        let reach = (self.month() == 0 && same_policy)
            .then(|| Reach::new(&self.model, &self.state, &model, &state))
            .flatten()
            .filter(|_| {
                self.scenarios
                    .iter()
                    .map(|s| &s.def.failed)
                    .eq(defs.iter().map(|d| &d.failed))
            });
        let Some(reach) = reach else {
            return Analysis::new(plan);
        };
        let traced = parallel::map(defs.len(), |k| {
            let (before, trace) = (&self.scenarios[k].result, &self.traces[k]);
            match reach.patch(&model, before, trace, &self.state, &state) {
                Some(result) => (result, Arc::clone(trace)),
                None => traced(&model, &state, &defs[k].failed),
            }
        });
        // The scenarios are the same, so the n-th site loss is the same site's as before.
        let kept = |n: usize| {
            self.losses
                .get(n)
                .filter(|(_, loss)| reach.keeps_loss(loss))
                .map(|(_, loss)| Arc::clone(loss))
        };
        let losses = site_losses(&model, &defs, kept);
        Analysis::assemble(plan, model, state, defs, traced, losses)
    }

    fn assemble(
        plan: &Plan,
        model: Compiled,
        state: State,
        defs: Vec<ScenarioDef>,
        traced: Vec<(ScenarioResult, Arc<Trace>)>,
        losses: Vec<(usize, Arc<Loss>)>,
    ) -> Analysis {
        let (results, traces): (Vec<ScenarioResult>, Vec<Arc<Trace>>) = traced.into_iter().unzip();
        let policy = &plan.policy;
        let weights = event_weights(plan, &model, &defs);
        let exposure = exposures(&state, &results, &weights);
        let month0 = (state.month != 0).then(|| State::new(&model, 0, policy.failover_utilization));
        let runway = runway(
            &model,
            &defs,
            &losses,
            month0.as_ref().unwrap_or(&state),
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
            worst_scenario: None,
            tightest: None,
            losses,
            traces,
        };
        analysis.judge();
        analysis.worst_scenario = analysis.find_worst_scenario();
        analysis.tightest = analysis.find_tightest();
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

/// Every `site:` scenario's loss, in scenario order: `kept(n)` gives the n-th when it is
/// still right, the rest are worked out on every core.
fn site_losses(
    model: &Compiled,
    defs: &[ScenarioDef],
    kept: impl Fn(usize) -> Option<Arc<Loss>> + Sync,
) -> Vec<(usize, Arc<Loss>)> {
    let sites: Vec<usize> = defs
        .iter()
        .enumerate()
        .filter(|(_, d)| matches!(d.kind, ScenarioKind::Site(_)))
        .map(|(k, _)| k)
        .collect();
    parallel::map(sites.len(), |n| {
        let k = sites[n];
        let loss = kept(n).unwrap_or_else(|| Arc::new(Loss::new(model, &defs[k].failed)));
        (k, loss)
    })
}

/// A scenario evaluated, with its trace shared between analyses.
fn traced(model: &Compiled, state: &State, failed: &[usize]) -> (ScenarioResult, Arc<Trace>) {
    let (result, trace) = evaluate_traced(model, state, failed);
    (result, Arc::new(trace))
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
