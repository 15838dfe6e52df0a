//! Upper bounds on every site's load over a span of months, so that the runway can clear
//! a whole span with one check instead of one check per month (DESIGN.md §8).
//!
//! A service's demand is `servers · (1 + growth)^month`, monotone in the month, so over a
//! span it is largest at one of the span's ends; a site's usable capacity over the span is
//! at least its least capacity in any month of it. When a load bounded that way fits with
//! a relative margin far above rounding error (`MARGIN`), the load worked out for any
//! single month of the span fits too, and the shedding of DESIGN.md §6 gives the tiers
//! concerned exactly 1: the bound proves a figure, it never estimates one.

use super::compiled::Compiled;
use super::resources::{Res, Resource};

/// Relative margin on a bound: six orders of magnitude above the rounding of a sum of a
/// few thousand terms, six below any figure a plan states.
const MARGIN: f64 = 1e-9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: u32,
    pub last: u32,
}

impl Span {
    pub fn months(self) -> u32 {
        self.last - self.first + 1
    }

    /// The two halves of a span of two months or more, earlier first.
    pub fn halves(self) -> (Span, Span) {
        let mid = self.first + (self.last - self.first) / 2;
        (
            Span {
                first: self.first,
                last: mid,
            },
            Span {
                first: mid + 1,
                last: self.last,
            },
        )
    }
}

#[derive(Debug, Clone)]
pub struct Bounds {
    /// Per service: the compute load of all its servers at its most in the span.
    pub units: Vec<Res>,
    /// Per site: Critical and High compute load at its most.
    pub must: Vec<Res>,
    /// Per site: every tier's compute load and the storage held, at their most.
    pub total: Vec<Res>,
    /// Per site: the least usable capacity of any month in the span.
    pub capacity: Vec<Res>,
}

impl Bounds {
    /// `None` when some figure is outside what the bound's reasoning covers (negative
    /// demand, growth of −100 % or less, figures that are not numbers): such plans take
    /// the month-by-month path.
    pub fn new(model: &Compiled, span: Span) -> Option<Bounds> {
        let n = model.sites.len();
        let mut must = vec![Res::zeros(); n];
        let mut total = vec![Res::zeros(); n];
        let mut units = Vec::with_capacity(model.services.len());
        for svc in &model.services {
            let growth = 1.0 + svc.growth;
            let sound = growth > 0.0
                && svc.servers >= 0.0
                && svc.storage_pb >= 0.0
                && svc.per_server.iter().all(|&x| x >= 0.0)
                && svc.placement.iter().all(|&(_, share)| share >= 0.0);
            if !sound {
                return None;
            }
            let most = svc
                .growth_factor(span.first)
                .max(svc.growth_factor(span.last));
            let unit = svc.per_server * (svc.servers * most);
            for &(j, share) in &svc.placement {
                total[j] += unit * share;
                if svc.tier.must_survive() {
                    must[j] += unit * share;
                }
            }
            for &j in &svc.data {
                total[j][3] += svc.storage_pb * most;
            }
            units.push(unit);
        }
        let capacity = (0..n)
            .map(|j| {
                (span.first..=span.last)
                    .map(|m| model.capacity_at(j, m))
                    .reduce(|a, b| a.zip_map(&b, f64::min))
                    .unwrap_or_else(Res::zeros)
            })
            .collect();
        Some(Bounds {
            units,
            must,
            total,
            capacity,
        })
    }

    /// Whether Critical and High get all they ask at `site` in every month of the span
    /// when it carries `load` (its own Critical and High load, or more) within `limit`.
    pub fn must_fits(&self, site: usize, load: &Res, limit: f64) -> bool {
        let Some(capacity) = self.capacity.get(site) else {
            return false;
        };
        let room = capacity * limit;
        Resource::COMPUTE.iter().all(|r| {
            let k = r.index();
            load[k] == 0.0 || (load[k] > 0.0 && load[k] * (1.0 + MARGIN) <= room[k])
        })
    }

    /// Whether Critical and High get all they ask at every site in every month of the
    /// span with nothing failed.
    pub fn normal_fits(&self, limit: f64) -> bool {
        (0..self.must.len()).all(|j| self.must_fits(j, &self.must[j], limit))
    }

    /// Whether no site is over `target` on any resource in any month of the span.
    pub fn within(&self, target: f64) -> bool {
        self.total.iter().zip(&self.capacity).all(|(load, cap)| {
            Resource::ALL.iter().all(|r| {
                let k = r.index();
                load[k] == 0.0 || (load[k] > 0.0 && load[k] * (1.0 + MARGIN) <= cap[k] * target)
            })
        })
    }
}
