//! The plan as written in a RON file (DESIGN.md §3, §4, §7, §8). Field names are the
//! ones planners type; every optional field carries the default the design names.

use serde::{Deserialize, Serialize};

use super::OrderedMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Plan", deny_unknown_fields)]
pub struct Plan {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub policy: Policy,
    pub profiles: OrderedMap<Profile>,
    pub regions: Vec<Region>,
    pub sites: Vec<Site>,
    pub services: Vec<Service>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    #[serde(default = "Policy::default_target")]
    pub target_utilization: f64,
    #[serde(default = "Policy::default_failover")]
    pub failover_utilization: f64,
    #[serde(default = "Policy::default_horizon")]
    pub horizon_months: u32,
    #[serde(default)]
    pub hazards: HazardTables,
}

impl Policy {
    fn default_target() -> f64 {
        0.80
    }
    fn default_failover() -> f64 {
        1.00
    }
    fn default_horizon() -> u32 {
        24
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            target_utilization: Self::default_target(),
            failover_utilization: Self::default_failover(),
            horizon_months: Self::default_horizon(),
            hazards: HazardTables::default(),
        }
    }
}

/// Annual probability per rating 1..=5, and outage hours per hazard (DESIGN.md §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HazardTables {
    #[serde(default = "HazardTables::default_probability", with = "five_ratings")]
    pub probability: [f64; 5],
    #[serde(default)]
    pub hours: HazardHours,
}

impl HazardTables {
    fn default_probability() -> [f64; 5] {
        [0.001, 0.002, 0.005, 0.01, 0.02]
    }
}

impl Default for HazardTables {
    fn default() -> Self {
        HazardTables {
            probability: Self::default_probability(),
            hours: HazardHours::default(),
        }
    }
}

/// The probability table is written as a list, `[0.001, …]`, as DESIGN.md §7 shows; serde
/// alone would read and write a fixed-size array as a tuple, `(0.001, …)`.
mod five_ratings {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(table: &[f64; 5], s: S) -> Result<S::Ok, S::Error> {
        table.as_slice().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[f64; 5], D::Error> {
        let list = Vec::<f64>::deserialize(d)?;
        <[f64; 5]>::try_from(list.as_slice()).map_err(|_| {
            D::Error::custom(format!(
                "expected 5 probabilities, one for each rating from 1 to 5, found {}",
                list.len()
            ))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HazardHours {
    #[serde(default = "HazardHours::default_fire")]
    pub fire: f64,
    #[serde(default = "HazardHours::default_flood")]
    pub flood: f64,
    #[serde(default = "HazardHours::default_power")]
    pub power: f64,
    #[serde(default = "HazardHours::default_earthquake")]
    pub earthquake: f64,
}

impl HazardHours {
    fn default_fire() -> f64 {
        72.0
    }
    fn default_flood() -> f64 {
        48.0
    }
    fn default_power() -> f64 {
        12.0
    }
    fn default_earthquake() -> f64 {
        168.0
    }
}

impl Default for HazardHours {
    fn default() -> Self {
        HazardHours {
            fire: Self::default_fire(),
            flood: Self::default_flood(),
            power: Self::default_power(),
            earthquake: Self::default_earthquake(),
        }
    }
}

/// One server of a kind: its IT draw and how many fit in a rack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub power_kw: f64,
    pub per_rack: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub earthquake: u8,
}

/// A vector over the four resources of DESIGN.md §2, as written in a plan. A resource
/// left out is 0, so an expansion names only what it adds.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    #[serde(default)]
    pub servers: f64,
    #[serde(default)]
    pub racks: f64,
    #[serde(default)]
    pub power_kw: f64,
    #[serde(default)]
    pub storage_pb: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub region: String,
    pub capacity: Resources,
    pub hazards: SiteHazards,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power: Option<PowerChain>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expansions: Vec<Expansion>,
}

/// Ratings 1 (least) to 5 (most) of the hazards that take a single site down.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteHazards {
    pub fire: u8,
    pub flood: u8,
    pub power: u8,
}

/// The electrical and cooling chain behind a site's IT power (DESIGN.md §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerChain {
    pub feeds: u32,
    pub feed_kw: f64,
    pub ups: Ups,
    pub generator_kw: f64,
    #[serde(default)]
    pub fuel_hours: f64,
    pub cooling_kw: f64,
    pub pue: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ups {
    pub modules: u32,
    pub module_kw: f64,
    pub redundancy: Redundancy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Redundancy {
    N,
    NPlus(u32),
    TwoN,
}

/// Capacity added to a site from `month` on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expansion {
    pub month: u32,
    pub capacity: Resources,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tier {
    Critical,
    High,
    Standard,
    Batch,
}

impl Tier {
    /// Shedding order: Critical is served first.
    pub const ALL: [Tier; 4] = [Tier::Critical, Tier::High, Tier::Standard, Tier::Batch];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn name(self) -> &'static str {
        match self {
            Tier::Critical => "Critical",
            Tier::High => "High",
            Tier::Standard => "Standard",
            Tier::Batch => "Batch",
        }
    }

    /// Critical and High services must survive every single-site loss (DESIGN.md §6).
    pub fn must_survive(self) -> bool {
        matches!(self, Tier::Critical | Tier::High)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failover {
    ActiveActive,
    Standby(Vec<String>),
    NoFailover,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub tier: Tier,
    pub profile: String,
    pub servers: f64,
    #[serde(default)]
    pub storage_pb: f64,
    #[serde(default)]
    pub placement: OrderedMap<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<String>,
    pub failover: Failover,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo: Option<f64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub growth: f64,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fail: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fail_regions: Vec<String>,
}

impl Plan {
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
impl PowerChain {
    /// The chain of DESIGN.md §4, shared by the tests of validation and of the power limit.
    pub(crate) fn design_example() -> PowerChain {
        PowerChain {
            feeds: 2,
            feed_kw: 500.0,
            ups: Ups {
                modules: 4,
                module_kw: 200.0,
                redundancy: Redundancy::NPlus(1),
            },
            generator_kw: 700.0,
            fuel_hours: 48.0,
            cooling_kw: 650.0,
            pue: 1.3,
        }
    }
}
