//! Capacity and disaster runway: the first month the plan leaves its target, and the
//! first month it is no longer N-1 safe (DESIGN.md §8).

use std::borrow::Cow;
use std::sync::Arc;

use super::bounds::{Bounds, Span};
use super::compiled::Compiled;
use super::parallel;
use super::resources::{over, utilization, Resource};
use super::scenario::{evaluate, ScenarioDef};
use super::state::State;
use super::survival::Loss;

#[derive(Debug, Clone, PartialEq)]
pub struct CapacityBreach {
    pub month: u32,
    pub site: usize,
    pub resource: Resource,
    /// `None` when the capacity is 0 (unbounded).
    pub utilization: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DisasterBreach {
    pub month: u32,
    /// Index into the analysis' scenarios.
    pub scenario: usize,
    /// The first Critical or High service not whole in that scenario.
    pub service: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Runway {
    pub horizon_months: u32,
    pub capacity: Option<CapacityBreach>,
    pub disaster: Option<DisasterBreach>,
}

/// `month0` is normal operation at month 0 and `losses` every `site:` scenario's loss
/// (scenario index, loss) in scenario order, both already worked out by the caller.
pub fn runway(
    model: &Compiled,
    defs: &[ScenarioDef],
    losses: &[(usize, Arc<Loss>)],
    month0: &State,
    target: f64,
    horizon_months: u32,
) -> Runway {
    let months = Months { model, month0 };
    let whole = Span {
        first: 0,
        last: horizon_months,
    };
    let disaster = Disaster {
        months: &months,
        defs,
        losses,
    };
    Runway {
        horizon_months,
        capacity: months.capacity_breach(whole, target),
        disaster: disaster.first_breach(whole, (0..losses.len()).collect()),
    }
}

/// Normal operation month by month, worked out only for the months a search needs.
struct Months<'a> {
    model: &'a Compiled,
    month0: &'a State,
}

impl Months<'_> {
    fn state(&self, month: u32) -> Cow<'_, State> {
        if month == self.month0.month {
            Cow::Borrowed(self.month0)
        } else {
            Cow::Owned(State::new(
                self.model,
                month,
                self.month0.failover_utilization,
            ))
        }
    }

    /// The first month of `span` with a site over target: a span whose bounds are all
    /// within target is cleared at once, any other is halved down to single months, earlier
    /// half first, so the month found is the month-by-month one.
    fn capacity_breach(&self, span: Span, target: f64) -> Option<CapacityBreach> {
        // The first month of the whole search is at hand: many plans breach there already.
        if span.months() == 1 || span.first == self.month0.month {
            let first = capacity_breach(&self.state(span.first), target);
            if first.is_some() || span.months() == 1 {
                return first;
            }
            let rest = Span {
                first: span.first + 1,
                ..span
            };
            return self.capacity_breach(rest, target);
        }
        if Bounds::new(self.model, span).is_some_and(|b| b.within(target)) {
            return None;
        }
        let (early, late) = span.halves();
        self.capacity_breach(early, target)
            .or_else(|| self.capacity_breach(late, target))
    }
}

/// The disaster runway's search over months and `site:` scenarios.
struct Disaster<'a> {
    months: &'a Months<'a>,
    defs: &'a [ScenarioDef],
    /// (scenario index, the loss), in scenario order.
    losses: &'a [(usize, Arc<Loss>)],
}

impl Disaster<'_> {
    /// The first month of `span` in which one of `pending` (indices into `losses`,
    /// ascending) is not survivable, and the first such loss in plan order. A loss whose
    /// bounds prove it reads only whole fractions in the span answers the same in every
    /// month of it, so one month's answer clears it for the whole span; the rest are
    /// searched in each half, earlier half first.
    fn first_breach(&self, span: Span, pending: Vec<usize>) -> Option<DisasterBreach> {
        if pending.is_empty() {
            return None;
        }
        if span.months() == 1 {
            return self.breach_in(span.first, &pending);
        }
        let model = self.months.model;
        let limit = self.months.month0.failover_utilization;
        let pending = match Bounds::new(model, span).filter(|b| b.normal_fits(limit)) {
            Some(bounds) => {
                let last = self.months.state(span.last);
                let cleared = parallel::map(pending.len(), |n| {
                    let loss = &self.losses[pending[n]].1;
                    loss.certified(&bounds, limit) && loss.survives(model, &last)
                });
                pending
                    .into_iter()
                    .zip(cleared)
                    .filter(|(_, cleared)| !cleared)
                    .map(|(n, _)| n)
                    .collect()
            }
            None => pending,
        };
        let (early, late) = span.halves();
        self.first_breach(early, pending.clone())
            .or_else(|| self.first_breach(late, pending))
    }

    /// The first of `pending`, in plan order, not survivable at `month`. Only that one is
    /// worked out in full, for the service it loses first.
    fn breach_in(&self, month: u32, pending: &[usize]) -> Option<DisasterBreach> {
        let model = self.months.model;
        let state = self.months.state(month);
        let survives = parallel::map(pending.len(), |n| {
            self.losses[pending[n]].1.survives(model, &state)
        });
        let n = survives.iter().position(|s| !s)?;
        let k = self.losses.get(pending[n])?.0;
        let failed = &self.defs.get(k)?.failed;
        Some(DisasterBreach {
            month,
            scenario: k,
            service: evaluate(model, &state, failed).first_lost(model, &state),
        })
    }
}

/// The most over-target site and resource of the month, if any is over.
pub fn capacity_breach(state: &State, target: f64) -> Option<CapacityBreach> {
    let mut worst: Option<CapacityBreach> = None;
    for (j, cap) in state.capacity.iter().enumerate() {
        let load = state.load(j);
        for r in Resource::ALL {
            let (l, c) = (load[r.index()], cap[r.index()]);
            if !over(l, c, target) {
                continue;
            }
            let u = utilization(l, c);
            let worse = match &worst {
                None => true,
                Some(w) => rank(u) > rank(w.utilization),
            };
            if worse {
                worst = Some(CapacityBreach {
                    month: state.month,
                    site: j,
                    resource: r,
                    utilization: u,
                });
            }
        }
    }
    worst
}

fn rank(u: Option<f64>) -> f64 {
    u.unwrap_or(f64::INFINITY)
}
