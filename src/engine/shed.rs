//! Tier-ordered shedding at one site after a failure (DESIGN.md §6).

use super::resources::{Res, Resource};
use super::state::TierLoads;

/// The fraction of its demand each tier gets, Critical first, within
/// `limit · capacity` for servers, racks and power.
pub fn shed(capacity: &Res, limit: f64, tiers: &TierLoads) -> [f64; 4] {
    let mut remaining = capacity * limit;
    let mut alpha = [1.0; 4];
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
