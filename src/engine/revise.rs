//! What an edit can have reached, so that a revised plan's analysis takes every scenario
//! and loss the edit left alone from the analysis before it.
//!
//! A scenario's result is a function of the services placed at its failed sites, the
//! demand, capacity and normal fractions at the sites that receive their load, and the
//! normal fractions at the other sites of the services it works out afresh
//! (`scenario::evaluate`). When none of those moved, the result is the same, bit for bit;
//! the sets below say which sites moved in which way.

use super::compiled::Compiled;
use super::scenario::{ScenarioResult, Trace};
use super::shed::shed;
use super::state::{total, State};
use super::survival::Loss;

pub struct Reach {
    /// Sites whose services or demand changed: a service placed there or holding data
    /// there changed, before or after the edit.
    load: Vec<bool>,
    /// Sites whose usable capacity changed.
    capacity: Vec<bool>,
    /// Sites whose normal-operation fractions changed, ascending.
    alpha_sites: Vec<usize>,
}

impl Reach {
    /// `None` when the two plans differ in shape (sites, services, regions) or in which
    /// Critical and High services are short with nothing failed, which every scenario's
    /// verdict reads.
    pub fn new(old: &Compiled, old_state: &State, new: &Compiled, state: &State) -> Option<Reach> {
        let n = new.sites.len();
        let same_shape = old.sites.len() == n
            && old.services.len() == new.services.len()
            && old.region_sites == new.region_sites
            && old_state.short_must_survive == state.short_must_survive;
        if !same_shape {
            return None;
        }
        let mut load = vec![false; n];
        let services: Vec<usize> = (0..new.services.len())
            .filter(|&i| old.services[i] != new.services[i])
            .collect();
        for svc in services
            .iter()
            .flat_map(|&i| [&old.services[i], &new.services[i]])
        {
            for &j in svc.placement.iter().map(|(j, _)| j).chain(&svc.data) {
                *load.get_mut(j)? = true;
            }
        }
        for (j, mark) in load.iter_mut().enumerate() {
            *mark |= old_state.compute[j] != state.compute[j]
                || old_state.storage[j] != state.storage[j];
        }
        let capacity = (0..n)
            .map(|j| old_state.capacity[j] != state.capacity[j])
            .collect();
        let alpha_sites = (0..n)
            .filter(|&j| old_state.alpha[j] != state.alpha[j])
            .collect();
        Some(Reach {
            load,
            capacity,
            alpha_sites,
        })
    }

    /// `before` (worked out against `old_state`, with its `trace`) brought up to date
    /// for `state`: the demand at receiving sites whose load changed is worked out again
    /// from the trace. `None` when the edit reached further, into which services moved,
    /// the fractions a receiving site gives, or the services worked out afresh: the
    /// scenario must then be evaluated anew.
    pub fn patch(
        &self,
        model: &Compiled,
        before: &ScenarioResult,
        trace: &Trace,
        old_state: &State,
        state: &State,
    ) -> Option<ScenarioResult> {
        if before.failed.iter().any(|j| self.load[*j]) {
            return None;
        }
        let limit = state.failover_utilization;
        let mut result = before.clone();
        for (j, demand) in &mut result.receiving {
            let j = *j;
            if !(self.load[j] || self.capacity[j] || self.alpha_moved(j)) {
                continue;
            }
            let (old, new) = (
                trace.demand(model, old_state, j),
                trace.demand(model, state, j),
            );
            let given = shed(&state.capacity[j], limit, &new);
            let was = shed(&old_state.capacity[j], limit, &old);
            let shedding = given != state.alpha[j];
            if given != was || shedding != (was != old_state.alpha[j]) || (shedding && self.load[j])
            {
                return None;
            }
            *demand = total(&new, state.storage[j]);
        }
        let receives = |j: usize| {
            result
                .receiving
                .binary_search_by_key(&j, |(k, _)| *k)
                .is_ok()
        };
        let touched = |i: &usize| {
            result
                .services
                .binary_search_by_key(i, |o| o.service)
                .is_ok()
        };
        // A service worked out afresh reads the normal fractions of its sites that receive
        // nothing. (A changed service needs no check of its own: it marks its sites' load,
        // so a scenario that moves it, holds its data or sheds where it runs was refused
        // above.)
        let stale = self
            .alpha_sites
            .iter()
            .filter(|&&j| !receives(j))
            .any(|&j| model.placed_at[j].iter().any(touched));
        (!stale).then_some(result)
    }

    fn alpha_moved(&self, site: usize) -> bool {
        self.alpha_sites.binary_search(&site).is_ok()
    }

    /// Whether a loss, which reads only the services at its failed sites, is still right.
    pub fn keeps_loss(&self, loss: &Loss) -> bool {
        loss.failed().iter().all(|j| !self.load[*j])
    }
}
