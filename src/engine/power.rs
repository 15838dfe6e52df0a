//! Usable IT power of a site: the nameplate, capped by every element of its power chain
//! (DESIGN.md §4).

use crate::model::{PowerChain, Redundancy, Site};

/// The element of the chain that limits a site's IT power. Order is the tie-break order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PowerElement {
    Nameplate,
    Ups,
    Utility,
    Generator,
    Cooling,
}

impl PowerElement {
    pub fn name(self) -> &'static str {
        match self {
            PowerElement::Nameplate => "nameplate",
            PowerElement::Ups => "ups",
            PowerElement::Utility => "utility",
            PowerElement::Generator => "generator",
            PowerElement::Cooling => "cooling",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PowerLimit {
    pub usable_kw: f64,
    pub binding: PowerElement,
    /// Nameplate power the chain cannot deliver.
    pub stranded_kw: f64,
}

pub fn power_limit(site: &Site) -> PowerLimit {
    let nameplate = site.capacity.power_kw;
    let mut best = (nameplate, PowerElement::Nameplate);
    if let Some(chain) = &site.power {
        for candidate in chain_limits(chain) {
            // Strictly smaller only: on a tie the earlier element stays binding.
            if candidate.0 < best.0 {
                best = candidate;
            }
        }
    }
    PowerLimit {
        usable_kw: best.0,
        binding: best.1,
        stranded_kw: nameplate - best.0,
    }
}

/// Each element's own limit on IT power, in tie-break order after the nameplate.
pub fn chain_limits(chain: &PowerChain) -> [(f64, PowerElement); 4] {
    let modules = f64::from(chain.ups.modules);
    let ups = match chain.ups.redundancy {
        Redundancy::N => modules * chain.ups.module_kw,
        Redundancy::NPlus(k) => (modules - f64::from(k)) * chain.ups.module_kw,
        Redundancy::TwoN => modules * chain.ups.module_kw / 2.0,
    };
    let utility = if chain.feeds >= 2 {
        f64::from(chain.feeds - 1) * chain.feed_kw / chain.pue
    } else {
        chain.feed_kw / chain.pue
    };
    [
        (ups, PowerElement::Ups),
        (utility, PowerElement::Utility),
        (chain.generator_kw / chain.pue, PowerElement::Generator),
        (chain.cooling_kw, PowerElement::Cooling),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Resources, SiteHazards};

    fn site(nameplate: f64, power: Option<PowerChain>) -> Site {
        Site {
            id: "S".into(),
            name: "S".into(),
            description: None,
            region: "r".into(),
            capacity: Resources {
                servers: 100.0,
                racks: 10.0,
                power_kw: nameplate,
                storage_pb: 1.0,
            },
            hazards: SiteHazards {
                fire: 1,
                flood: 1,
                power: 1,
            },
            power,
            expansions: vec![],
        }
    }

    /// The design's example chain: UPS (4−1)·200 = 600, utility (2−1)·500/1.3 ≈ 384.6,
    /// generator 700/1.3 ≈ 538.5, cooling 650.
    fn chain() -> PowerChain {
        PowerChain::design_example()
    }

    fn check(limit: PowerLimit, usable: f64, binding: PowerElement, stranded: f64) {
        assert!((limit.usable_kw - usable).abs() < 1e-9, "{limit:?}");
        assert_eq!(limit.binding, binding);
        assert!((limit.stranded_kw - stranded).abs() < 1e-9, "{limit:?}");
    }

    #[test]
    fn no_chain_means_nameplate() {
        check(
            power_limit(&site(600.0, None)),
            600.0,
            PowerElement::Nameplate,
            0.0,
        );
    }

    #[test]
    fn utility_binds_with_one_feed_held_back() {
        let u = 500.0 / 1.3;
        check(
            power_limit(&site(1000.0, Some(chain()))),
            u,
            PowerElement::Utility,
            1000.0 - u,
        );
    }

    #[test]
    fn a_single_feed_counts_whole() {
        let mut c = chain();
        c.feeds = 1;
        c.feed_kw = 390.0;
        c.cooling_kw = 1000.0;
        let u = 390.0 / 1.3;
        check(
            power_limit(&site(1000.0, Some(c))),
            u,
            PowerElement::Utility,
            1000.0 - u,
        );
    }

    #[test]
    fn ups_binds_under_each_redundancy() {
        let mut c = chain();
        c.feeds = 3;
        c.cooling_kw = 1000.0;
        c.generator_kw = 2000.0;
        check(
            power_limit(&site(1000.0, Some(c.clone()))),
            600.0,
            PowerElement::Ups,
            400.0,
        );
        c.ups.redundancy = Redundancy::TwoN;
        check(
            power_limit(&site(1000.0, Some(c.clone()))),
            400.0,
            PowerElement::Ups,
            600.0,
        );
        c.ups.redundancy = Redundancy::N;
        check(
            power_limit(&site(700.0, Some(c))),
            700.0,
            PowerElement::Nameplate,
            0.0,
        );
    }

    #[test]
    fn generator_and_cooling_bind() {
        let mut c = chain();
        c.feeds = 3;
        c.generator_kw = 520.0;
        check(
            power_limit(&site(1000.0, Some(c.clone()))),
            400.0,
            PowerElement::Generator,
            600.0,
        );
        c.generator_kw = 2000.0;
        c.cooling_kw = 450.0;
        check(
            power_limit(&site(1000.0, Some(c))),
            450.0,
            PowerElement::Cooling,
            550.0,
        );
    }

    #[test]
    fn ties_go_to_the_earlier_element() {
        let mut c = chain();
        c.feeds = 3;
        c.generator_kw = 2000.0;
        c.cooling_kw = 600.0;
        check(
            power_limit(&site(600.0, Some(c))),
            600.0,
            PowerElement::Nameplate,
            0.0,
        );
    }
}
