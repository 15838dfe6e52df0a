//! Tier-ordered shedding at one site after a failure (DESIGN.md §6).

use super::resources::{Res, Resource};
use super::state::TierLoads;

/// The fraction of its demand each tier gets, Critical first, within
/// `limit · capacity` for servers, racks and power.
pub fn shed(capacity: &Res, limit: f64, tiers: &TierLoads) -> [f64; 4] {
    shed_first(capacity, limit, tiers)
}

/// [`shed`] for the first `N` tiers only: what they get does not depend on the tiers
/// after them, so the figures are the same as the first `N` of [`shed`].
pub fn shed_first<const N: usize>(capacity: &Res, limit: f64, tiers: &[Res; N]) -> [f64; N] {
    let mut remaining = capacity * limit;
    let mut alpha = [1.0; N];
    for (t, load) in tiers.iter().enumerate() {
        let a = tier_fraction(&remaining, load);
        alpha[t] = a;
        remaining -= load * a;
    }
    alpha
}

fn tier_fraction(remaining: &Res, load: &Res) -> f64 {
    Resource::COMPUTE
        .iter()
        .map(|r| r.index())
        .filter(|&r| load[r] > 0.0)
        .map(|r| (remaining[r] / load[r]).max(0.0))
        .fold(1.0, f64::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_example_sheds_batch_to_a_quarter() {
        // Site B after site:A: front (Critical) 900 servers, analytics (Batch) 400.
        let cap = Res::new(1000.0, 60.0, 600.0, 10.0);
        let web = Res::new(1.0, 1.0 / 20.0, 0.5, 0.0);
        let tiers = [web * 900.0, Res::zeros(), Res::zeros(), web * 400.0];
        let alpha = shed(&cap, 1.0, &tiers);
        assert_eq!(alpha[0], 1.0);
        assert_eq!(alpha[1], 1.0);
        assert_eq!(alpha[2], 1.0);
        assert!((alpha[3] - 0.25).abs() < 1e-12);
    }

    #[test]
    fn the_first_tiers_alone_get_what_they_get_among_all_four() {
        // Site B after site:A squeezed to 800 servers: Critical 900 gets 800/900, the
        // rest nothing.
        let cap = Res::new(800.0, 60.0, 600.0, 10.0);
        let web = Res::new(1.0, 1.0 / 20.0, 0.5, 0.0);
        let tiers = [web * 900.0, web * 100.0, Res::zeros(), web * 400.0];
        let first = shed_first(&cap, 1.0, &[tiers[0], tiers[1]]);
        assert!((first[0] - 800.0 / 900.0).abs() < 1e-12);
        assert_eq!(first[1], 0.0);
        let all = shed(&cap, 1.0, &tiers);
        assert_eq!(first, [all[0], all[1]]);
    }

    #[test]
    fn zero_capacity_serves_nothing() {
        let cap = Res::new(0.0, 10.0, 10.0, 0.0);
        let alpha = shed(&cap, 1.0, &[Res::new(1.0, 0.1, 0.1, 0.0); 4]);
        assert_eq!(alpha, [0.0; 4]);
    }

    #[test]
    fn storage_never_limits_compute() {
        let cap = Res::new(10.0, 10.0, 10.0, 0.0);
        let alpha = shed(
            &cap,
            1.0,
            &[
                Res::new(1.0, 0.0, 0.0, 0.0),
                Res::zeros(),
                Res::zeros(),
                Res::zeros(),
            ],
        );
        assert_eq!(alpha, [1.0; 4]);
    }
}
