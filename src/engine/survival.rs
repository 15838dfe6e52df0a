//! N-1 survivability month after month, for the disaster runway (DESIGN.md §8).
//!
//! Where displaced load goes depends on the plan alone, not on the month: a loss is
//! worked out once into the Critical and High services it moves and the per-site share
//! changes they cause. Each month then only scales those changes by that month's server
//! counts. Lower tiers are left out because the fractions Critical and High get at a site
//! (shed in tier order, DESIGN.md §6) do not depend on them.
//!
//! The figures are the same as `evaluate(..).survivable`, not an estimate: every load and
//! fraction below is summed in the same order with the same operations. A Critical or
//! High service that `evaluate` recomputes only because a lower tier's fraction moved at
//! one of its sites keeps its shares and its own tier's fractions, so its outcome is its
//! normal-operation one: whole exactly when it is not in `short_must_survive`, which the
//! last check of [`Loss::survives`] accounts for.

use std::collections::{BTreeMap, BTreeSet};

use super::bounds::Bounds;
use super::compiled::Compiled;
use super::scenario::failover_shares;
use super::shed::shed_first;
use super::state::State;

/// At one receiving site: (service, its tier, share after − share before).
type Changes = Vec<(usize, usize, f64)>;

/// One failure set, reduced to what decides whether it is survivable.
#[derive(Debug, Clone, PartialEq)]
pub struct Loss {
    failed: Vec<usize>,
    /// Critical and High services placed at a failed site, ascending, with their shares
    /// after failover.
    moved: Vec<(usize, Vec<(usize, f64)>)>,
    /// Per moved service: for each share after failover, the index in `changes` of its
    /// site when that site receives load (so no month searches for it), and whether the
    /// service still has a data replica.
    slots: Vec<(Vec<Option<usize>>, bool)>,
    /// Surviving site → (service, its tier, share after − share before), sites and
    /// services ascending: the order in which `evaluate` adds them up.
    changes: Vec<(usize, Changes)>,
    /// Critical and High services with a data replica at a failed site.
    data: Vec<usize>,
}

impl Loss {
    pub fn new(model: &Compiled, failed: &[usize]) -> Loss {
        let failed: Vec<usize> = failed
            .iter()
            .copied()
            .filter(|&j| j < model.sites.len())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut down = vec![false; model.sites.len()];
        for &j in &failed {
            down[j] = true;
        }
        let must = |i: &usize| model.services[*i].tier.must_survive();
        let moved: BTreeMap<usize, Vec<(usize, f64)>> = failed
            .iter()
            .flat_map(|&j| model.placed_at[j].iter().copied())
            .filter(must)
            .map(|i| {
                let svc = &model.services[i];
                (i, failover_shares(&svc.placement, &svc.failover, &down))
            })
            .collect();
        let mut changes: BTreeMap<usize, Changes> = BTreeMap::new();
        for (&i, after) in &moved {
            let placement = &model.services[i].placement;
            for &(j, share) in after {
                let before = placement
                    .iter()
                    .find(|(k, _)| *k == j)
                    .map_or(0.0, |(_, s)| *s);
                if share != before && !down[j] {
                    changes.entry(j).or_default().push((
                        i,
                        model.services[i].tier.index(),
                        share - before,
                    ));
                }
            }
        }
        let receiving: Vec<usize> = changes.keys().copied().collect();
        let slots = moved
            .iter()
            .map(|(&i, after)| {
                let svc = &model.services[i];
                let slot = after
                    .iter()
                    .map(|(j, _)| receiving.binary_search(j).ok())
                    .collect();
                (
                    slot,
                    !svc.has_storage() || svc.data.iter().any(|&j| !down[j]),
                )
            })
            .collect();
        let data: BTreeSet<usize> = failed
            .iter()
            .flat_map(|&j| model.data_at[j].iter().copied())
            .filter(must)
            .collect();
        Loss {
            failed,
            moved: moved.into_iter().collect(),
            slots,
            changes: changes.into_iter().collect(),
            data: data.into_iter().collect(),
        }
    }

    /// Whether Critical and High get all they ask at every receiving site in every month
    /// of the bounds' span. With [`Bounds::normal_fits`] as well, every fraction
    /// [`Loss::survives`] reads is exactly 1 in each of those months, so it answers the
    /// same for all of them.
    pub fn certified(&self, bounds: &Bounds, limit: f64) -> bool {
        self.changes.iter().all(|(j, list)| {
            let Some(mut load) = bounds.must.get(*j).copied() else {
                return false;
            };
            for &(i, _, delta) in list {
                match bounds.units.get(i) {
                    Some(unit) if delta >= 0.0 => load += unit * delta,
                    _ => return false,
                }
            }
            bounds.must_fits(*j, &load, limit)
        })
    }

    /// The failed sites, ascending.
    pub fn failed(&self) -> &[usize] {
        &self.failed
    }

    fn is_down(&self, site: usize) -> bool {
        self.failed.binary_search(&site).is_ok()
    }

    /// Whether every Critical and High service stays whole under this loss in `state`.
    pub fn survives(&self, model: &Compiled, state: &State) -> bool {
        let alpha = self.receiving_fractions(state);
        let fraction = |j: usize, t: usize| -> f64 {
            match alpha.binary_search_by_key(&j, |(k, _)| *k) {
                Ok(k) => alpha[k].1[t],
                Err(_) => state.alpha[j][t],
            }
        };
        let moved = |i: usize| -> Option<&[(usize, f64)]> {
            self.moved
                .binary_search_by_key(&i, |(k, _)| *k)
                .ok()
                .filter(|_| state.servers[i] > 0.0)
                .map(|k| self.moved[k].1.as_slice())
        };
        let changed: Vec<usize> = alpha
            .iter()
            .filter(|(j, a)| a[0] != state.alpha[*j][0] || a[1] != state.alpha[*j][1])
            .map(|(j, _)| *j)
            .collect();
        let must_at = |j: &usize| {
            model.placed_at[*j]
                .iter()
                .copied()
                .filter(|&i| model.services[i].tier.must_survive())
        };
        let is_moved = |i: usize| moved(i).is_some();
        let touched = |i: usize| {
            is_moved(i)
                || self.data.binary_search(&i).is_ok()
                || changed.iter().any(|j| model.placed_at[*j].contains(&i))
        };
        let whole = |i: usize| -> bool {
            let svc = &model.services[i];
            let t = svc.tier.index();
            let served: f64 = if state.servers[i] > 0.0 {
                moved(i)
                    .unwrap_or(svc.placement.as_slice())
                    .iter()
                    .filter(|(j, _)| !self.is_down(*j))
                    .map(|&(j, s)| s * fraction(j, t))
                    .sum()
            } else {
                1.0
            };
            let data = !svc.has_storage() || svc.data.iter().any(|&j| !self.is_down(j));
            data && served >= 1.0 - super::resources::EPSILON
        };
        // A service reached twice is checked twice: cheaper than collecting a set.
        self.moved_whole(model, state, &alpha)
            && self.data.iter().all(|&i| whole(i))
            && changed.iter().flat_map(must_at).all(whole)
            && state.short_must_survive.iter().all(|&i| touched(i))
    }

    /// Every moved Critical and High service whole: `whole` of [`Loss::survives`] with
    /// the receiving sites found by index rather than by search.
    fn moved_whole(&self, model: &Compiled, state: &State, alpha: &[(usize, [f64; 2])]) -> bool {
        self.moved
            .iter()
            .zip(&self.slots)
            .all(|((i, after), (slots, data))| {
                if state.servers[*i] <= 0.0 {
                    return true;
                }
                let t = model.services[*i].tier.index();
                let served: f64 = after
                    .iter()
                    .zip(slots)
                    .filter(|((j, _), _)| !self.is_down(*j))
                    .map(|(&(j, s), slot)| {
                        s * slot
                            .and_then(|k| alpha.get(k))
                            .map_or(state.alpha[j][t], |(_, a)| a[t])
                    })
                    .sum();
                *data && served >= 1.0 - super::resources::EPSILON
            })
    }

    /// Per receiving site, ascending: the fractions Critical and High get there. Only
    /// those two tiers are shed: what they get does not depend on the tiers below.
    fn receiving_fractions(&self, state: &State) -> Vec<(usize, [f64; 2])> {
        self.changes
            .iter()
            .map(|(j, list)| {
                let compute = &state.compute[*j];
                let mut tiers = [compute[0], compute[1]];
                for &(i, t, delta) in list {
                    if state.servers[i] > 0.0 {
                        if let Some(load) = tiers.get_mut(t) {
                            *load += state.units[i] * delta;
                        }
                    }
                }
                let a = shed_first(&state.capacity[*j], state.failover_utilization, &tiers);
                (*j, a)
            })
            .collect()
    }
}
