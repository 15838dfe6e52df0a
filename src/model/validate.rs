//! The rules of a valid plan (DESIGN.md §3), checked all at once.
//!
//! Every broken rule becomes an [`Issue`] with the path of the offending value, so the
//! loader can name the item and point at the line and column. Besides the rules of the
//! design, a plan is refused when:
//! - a site's power chain has no feed, no UPS module, a negative or non-finite rating
//!   (`feed_kw`, `module_kw`, `generator_kw`, `cooling_kw`, `fuel_hours`), a `pue` below 1,
//!   or `NPlus(k)` with k ≥ modules (no module would be left to carry the load);
//! - a service's `growth` is not finite or is −1 or less (demand would vanish or flip);
//! - a hazard table has a probability outside [0, 1] or negative outage hours;
//! - a scenario fails no site at all (nothing to see), or a service names the same site
//!   twice in its placement, data or standby list (the second would count double);
//! - a `Standby` list is empty (say `NoFailover` instead);
//! - an expansion adds a negative or non-finite capacity.
//!
//! Warnings, for the Pangyo lesson: a Critical or High service whose placement and data all
//! sit in one site, or all in one region (standby sites do not count: without the data a
//! standby cannot serve).

use std::collections::{HashMap, HashSet};

use super::path::PathSeg;
use super::{Failover, Plan, PowerChain, Redundancy, Resources, Service, Severity, Site};

/// One broken rule: how bad, where (the path of the offending value), and what to fix.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub severity: Severity,
    pub path: Vec<PathSeg>,
    pub message: String,
}

/// Every error and warning of `plan`, in plan order.
pub fn validate(plan: &Plan) -> Vec<Issue> {
    let mut c = Checker::new(plan);
    c.policy(plan);
    c.profiles(plan);
    c.regions(plan);
    c.sites(plan);
    c.services(plan);
    c.scenarios(plan);
    c.issues
}

/// The tolerance on the sum of a service's placement shares.
const SHARE_SUM_TOLERANCE: f64 = 1e-6;

/// Up to this length a site list is searched for repeats; a longer one gets a set.
const SHORT_LIST: usize = 16;

/// Where a value sits, as a chain of borrowed segments on the stack: the editor validates
/// on every keystroke, so a value that passes costs no allocation, and the owned path is
/// built only for an issue.
#[derive(Clone, Copy)]
enum Here<'a> {
    Plan,
    In(&'a Here<'a>, Seg<'a>),
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Field(&'static str),
    Index(usize),
    Key(&'a str),
}

impl<'a> Here<'a> {
    fn top(name: &'static str) -> Here<'static> {
        Here::In(&Here::Plan, Seg::Field(name))
    }

    fn field(&self, name: &'static str) -> Here<'_> {
        Here::In(self, Seg::Field(name))
    }

    fn index(&self, i: usize) -> Here<'_> {
        Here::In(self, Seg::Index(i))
    }

    fn key<'k>(&'k self, key: &'k str) -> Here<'k> {
        Here::In(self, Seg::Key(key))
    }

    fn path(&self) -> Vec<PathSeg> {
        let mut path = Vec::new();
        let mut here = self;
        while let Here::In(parent, seg) = here {
            path.push(match *seg {
                Seg::Field(name) => PathSeg::field(name),
                Seg::Index(i) => PathSeg::Index(i),
                Seg::Key(key) => PathSeg::key(key),
            });
            here = parent;
        }
        path.reverse();
        path
    }
}

/// Collects the issues; ids are indexed once so that a large plan checks in linear time.
struct Checker<'p> {
    issues: Vec<Issue>,
    /// The position of the first site with each id.
    sites: HashMap<&'p str, usize>,
    plan_sites: &'p [Site],
    regions: HashSet<&'p str>,
    profiles: HashSet<&'p str>,
    /// The sites of the current service's placement, as `placement` found them, for
    /// `single_place` to read without looking each up again.
    placed: Vec<Option<usize>>,
}

impl<'p> Checker<'p> {
    fn new(plan: &'p Plan) -> Self {
        let mut sites = HashMap::with_capacity(plan.sites.len());
        for (i, site) in plan.sites.iter().enumerate() {
            sites.entry(site.id.as_str()).or_insert(i);
        }
        Checker {
            issues: Vec::new(),
            sites,
            plan_sites: &plan.sites,
            regions: plan.regions.iter().map(|r| r.id.as_str()).collect(),
            profiles: plan.profiles.keys().collect(),
            placed: Vec::new(),
        }
    }

    fn error(&mut self, here: &Here, message: impl Into<String>) {
        self.issues.push(Issue {
            severity: Severity::Error,
            path: here.path(),
            message: message.into(),
        });
    }

    fn warning(&mut self, here: &Here, message: String) {
        self.issues.push(Issue {
            severity: Severity::Warning,
            path: here.path(),
            message,
        });
    }

    /// Reports a value that is NaN or infinite; true when it is finite.
    fn finite(&mut self, here: &Here, value: f64) -> bool {
        if !value.is_finite() {
            self.error(here, format!("must be a finite number, not {value}"));
        }
        value.is_finite()
    }

    fn at_least(&mut self, here: &Here, value: f64, min: f64) {
        if self.finite(here, value) && value < min {
            self.error(here, format!("must be at least {min}, not {value}"));
        }
    }

    fn above_zero(&mut self, here: &Here, value: f64) {
        if self.finite(here, value) && value <= 0.0 {
            self.error(here, format!("must be more than 0, not {value}"));
        }
    }

    fn fraction(&mut self, here: &Here, value: f64) {
        if self.finite(here, value) && !(value > 0.0 && value <= 1.0) {
            self.error(
                here,
                format!("must be more than 0 and at most 1, not {value}"),
            );
        }
    }

    fn rating(&mut self, here: &Here, value: u8) {
        if !(1..=5).contains(&value) {
            self.error(
                here,
                format!("must be a rating from 1 (least) to 5 (most), not {value}"),
            );
        }
    }

    /// `first`: no element before this one has the same id.
    fn id(&mut self, here: &Here, kind: &str, id: &str, first: bool) {
        if id.is_empty() {
            self.error(here, format!("{kind} id must not be empty"));
        } else if !first {
            self.error(
                here,
                format!("{kind} id {id:?} is already used by another {kind}"),
            );
        }
    }

    fn resources(&mut self, here: &Here, r: &Resources) {
        for (field, value) in [
            ("servers", r.servers),
            ("racks", r.racks),
            ("power_kw", r.power_kw),
            ("storage_pb", r.storage_pb),
        ] {
            self.at_least(&here.field(field), value, 0.0);
        }
    }

    fn policy(&mut self, plan: &Plan) {
        let p = &plan.policy;
        let policy = Here::top("policy");
        let target = policy.field("target_utilization");
        self.fraction(&target, p.target_utilization);
        self.fraction(
            &policy.field("failover_utilization"),
            p.failover_utilization,
        );
        if p.target_utilization > p.failover_utilization {
            self.error(
                &target,
                format!(
                    "target utilization {} must not exceed failover utilization {}",
                    p.target_utilization, p.failover_utilization
                ),
            );
        }
        let hazards = policy.field("hazards");
        let probability = hazards.field("probability");
        for (i, &prob) in p.hazards.probability.iter().enumerate() {
            let here = probability.index(i);
            if self.finite(&here, prob) && !(0.0..=1.0).contains(&prob) {
                self.error(
                    &here,
                    format!(
                        "the annual probability for rating {} must be from 0 to 1, not {prob}",
                        i + 1
                    ),
                );
            }
        }
        let h = &p.hazards.hours;
        let hours = hazards.field("hours");
        for (field, value) in [
            ("fire", h.fire),
            ("flood", h.flood),
            ("power", h.power),
            ("earthquake", h.earthquake),
        ] {
            self.at_least(&hours.field(field), value, 0.0);
        }
    }

    fn profiles(&mut self, plan: &Plan) {
        let profiles = Here::top("profiles");
        for (key, profile) in plan.profiles.iter() {
            let here = profiles.key(key);
            if key.is_empty() {
                self.error(&here, "profile id must not be empty");
            }
            self.at_least(&here.field("power_kw"), profile.power_kw, 0.0);
            self.above_zero(&here.field("per_rack"), profile.per_rack);
        }
    }

    fn regions(&mut self, plan: &Plan) {
        let mut seen = HashSet::with_capacity(plan.regions.len());
        let regions = Here::top("regions");
        for (i, region) in plan.regions.iter().enumerate() {
            let here = regions.index(i);
            let first = seen.insert(region.id.as_str());
            self.id(&here.field("id"), "region", &region.id, first);
            self.rating(&here.field("earthquake"), region.earthquake);
        }
    }

    fn sites(&mut self, plan: &Plan) {
        let sites = Here::top("sites");
        for (i, site) in plan.sites.iter().enumerate() {
            let here = sites.index(i);
            let first = self.sites.get(site.id.as_str()) == Some(&i);
            self.id(&here.field("id"), "site", &site.id, first);
            if !self.regions.contains(site.region.as_str()) {
                self.error(
                    &here.field("region"),
                    format!("region {:?} does not exist", site.region),
                );
            }
            self.resources(&here.field("capacity"), &site.capacity);
            let h = &site.hazards;
            let hazards = here.field("hazards");
            for (field, rating) in [("fire", h.fire), ("flood", h.flood), ("power", h.power)] {
                self.rating(&hazards.field(field), rating);
            }
            if let Some(power) = &site.power {
                self.power_chain(&here.field("power"), power);
            }
            self.expansions(plan.policy.horizon_months, &here, site);
        }
    }

    fn power_chain(&mut self, here: &Here, p: &PowerChain) {
        if p.feeds == 0 {
            self.error(&here.field("feeds"), "a site needs at least 1 utility feed");
        }
        let ups = here.field("ups");
        if p.ups.modules == 0 {
            self.error(&ups.field("modules"), "a UPS needs at least 1 module");
        }
        if let Redundancy::NPlus(k) = p.ups.redundancy {
            if k >= p.ups.modules && p.ups.modules > 0 {
                self.error(
                    &ups.field("redundancy"),
                    format!(
                        "NPlus({k}) leaves no module to carry the load with {} modules; k must be less than modules",
                        p.ups.modules
                    ),
                );
            }
        }
        for (field, value) in [
            (here.field("feed_kw"), p.feed_kw),
            (ups.field("module_kw"), p.ups.module_kw),
            (here.field("generator_kw"), p.generator_kw),
            (here.field("fuel_hours"), p.fuel_hours),
            (here.field("cooling_kw"), p.cooling_kw),
        ] {
            self.at_least(&field, value, 0.0);
        }
        self.at_least(&here.field("pue"), p.pue, 1.0);
    }

    fn expansions(&mut self, horizon: u32, site_here: &Here, site: &Site) {
        let list = site_here.field("expansions");
        for (e, expansion) in site.expansions.iter().enumerate() {
            let here = list.index(e);
            if expansion.month > horizon {
                self.error(
                    &here.field("month"),
                    format!(
                        "month {} is beyond the horizon; it must be from 0 to {horizon}",
                        expansion.month
                    ),
                );
            }
            self.resources(&here.field("capacity"), &expansion.capacity);
        }
    }

    fn services(&mut self, plan: &Plan) {
        let mut seen = HashSet::with_capacity(plan.services.len());
        let services = Here::top("services");
        for (i, service) in plan.services.iter().enumerate() {
            let here = services.index(i);
            let first = seen.insert(service.id.as_str());
            self.id(&here.field("id"), "service", &service.id, first);
            if !self.profiles.contains(service.profile.as_str()) {
                self.error(
                    &here.field("profile"),
                    format!("profile {:?} does not exist", service.profile),
                );
            }
            self.at_least(&here.field("servers"), service.servers, 0.0);
            self.at_least(&here.field("storage_pb"), service.storage_pb, 0.0);
            self.growth(&here, service.growth);
            if let Some(slo) = service.slo {
                self.slo(&here, slo);
            }
            self.placement(&here, service);
            self.data(&here, service);
            self.standby(&here, service);
            self.single_place(&here, service);
        }
    }

    fn growth(&mut self, service: &Here, growth: f64) {
        let here = service.field("growth");
        if self.finite(&here, growth) && growth <= -1.0 {
            self.error(
                &here,
                format!("must be more than -1 (a fall of 100 % a month), not {growth}"),
            );
        }
    }

    fn slo(&mut self, service: &Here, slo: f64) {
        let here = service.field("slo");
        if self.finite(&here, slo) && !(slo > 0.0 && slo < 1.0) {
            self.error(
                &here,
                format!("must be more than 0 and less than 1, not {slo}"),
            );
        }
    }

    fn site_exists(&mut self, here: &Here, site: &str) -> Option<usize> {
        let found = self.sites.get(site).copied();
        if found.is_none() {
            self.error(here, format!("site {site:?} does not exist"));
        }
        found
    }

    fn placement(&mut self, service_here: &Here, service: &Service) {
        let placement = service_here.field("placement");
        self.placed.clear();
        if service.placement.is_empty() {
            if service.servers > 0.0 {
                self.error(
                    &placement,
                    format!(
                        "a service with {} servers needs a placement, such as {{\"A\": 1.0}}",
                        service.servers
                    ),
                );
            }
            return;
        }
        let mut sum = 0.0;
        for (site, &share) in service.placement.iter() {
            let key = placement.key(site);
            let found = self.site_exists(&key, site);
            self.placed.push(found);
            if !share.is_finite() {
                self.error(
                    &key,
                    format!("the share of site {site:?} must be a finite number, not {share}"),
                );
            } else if share <= 0.0 {
                self.error(
                    &key,
                    format!("the share of site {site:?} must be more than 0, not {share}; leave the site out instead"),
                );
            }
            sum += share;
        }
        if sum.is_finite() && (sum - 1.0).abs() > SHARE_SUM_TOLERANCE {
            self.error(&placement, format!("shares must sum to 1, not {sum}"));
        }
    }

    fn data(&mut self, service_here: &Here, service: &Service) {
        let data = service_here.field("data");
        if service.data.is_empty() && service.storage_pb > 0.0 {
            self.error(
                &data,
                format!(
                    "a service with {} PB of storage needs at least one data site",
                    service.storage_pb
                ),
            );
            return;
        }
        self.site_list(&data, &service.data, "data");
    }

    fn standby(&mut self, service_here: &Here, service: &Service) {
        let Failover::Standby(sites) = &service.failover else {
            return;
        };
        let failover = service_here.field("failover");
        if sites.is_empty() {
            self.error(
                &failover,
                "Standby needs at least one site; use NoFailover for none",
            );
            return;
        }
        let list = failover.index(0);
        self.site_list(&list, sites, "standby");
        for (n, site) in sites.iter().enumerate() {
            if service.placement.contains_key(site) {
                self.error(
                    &list.index(n),
                    format!("standby site {site:?} is already in the placement; a standby must be another site"),
                );
            }
        }
    }

    /// Every site of a list exists and is written once.
    fn site_list(&mut self, list: &Here, sites: &[String], what: &str) {
        let mut seen = HashSet::new();
        let long = sites.len() > SHORT_LIST;
        for (n, site) in sites.iter().enumerate() {
            let here = list.index(n);
            let twice = if long {
                !seen.insert(site.as_str())
            } else {
                sites.iter().take(n).any(|s| s == site)
            };
            if twice {
                self.error(&here, format!("{what} site {site:?} is listed twice"));
            } else {
                self.site_exists(&here, site);
            }
        }
    }

    /// The Pangyo lesson: a service that must survive, kept in one site or one region.
    fn single_place(&mut self, here: &Here, service: &Service) {
        if !service.tier.must_survive() {
            return;
        }
        let Some((first, one_site)) = self.one_region(service) else {
            return;
        };
        let tier = service.tier.name();
        let message = if one_site {
            format!(
                "{tier} service has its placement and data only in site {:?}; losing that site loses the service — add a site in another region",
                first.id
            )
        } else {
            format!(
                "{tier} service has its placement and data only in region {:?}; losing that region loses the service — add a site in another region",
                first.region
            )
        };
        self.warning(here, message);
    }

    /// When every site of the service's placement and data exists and lies in one region:
    /// the first of them, and whether they are all that one site.
    fn one_region(&self, service: &Service) -> Option<(&'p Site, bool)> {
        let data = service
            .data
            .iter()
            .map(|id| self.sites.get(id.as_str()).copied());
        let mut sites = self
            .placed
            .iter()
            .copied()
            .chain(data)
            .map(|found| found.and_then(|i| self.plan_sites.get(i)));
        let first = sites.next().flatten()?;
        let mut one_site = true;
        for site in sites {
            let site = site?;
            if site.region != first.region {
                return None;
            }
            one_site &= site.id == first.id;
        }
        Some((first, one_site))
    }

    fn scenarios(&mut self, plan: &Plan) {
        let mut seen = HashSet::with_capacity(plan.scenarios.len());
        let with_sites: HashSet<&str> = if plan.scenarios.is_empty() {
            HashSet::new()
        } else {
            plan.sites.iter().map(|s| s.region.as_str()).collect()
        };
        let scenarios = Here::top("scenarios");
        for (i, scenario) in plan.scenarios.iter().enumerate() {
            let here = scenarios.index(i);
            let name = here.field("name");
            if let Some(prefix) = ["site:", "region:"]
                .into_iter()
                .find(|p| scenario.name.starts_with(p))
            {
                self.error(
                    &name,
                    format!("scenario names starting with {prefix:?} are kept for the automatic scenarios; choose another name"),
                );
            }
            if scenario.name.is_empty() {
                self.error(&name, "scenario name must not be empty");
            } else if !seen.insert(scenario.name.as_str()) {
                self.error(
                    &name,
                    format!(
                        "scenario name {:?} is already used by another scenario",
                        scenario.name
                    ),
                );
            }
            let before = self.issues.len();
            let fail = here.field("fail");
            for (n, site) in scenario.fail.iter().enumerate() {
                self.site_exists(&fail.index(n), site);
            }
            let fail_regions = here.field("fail_regions");
            for (n, region) in scenario.fail_regions.iter().enumerate() {
                if !self.regions.contains(region.as_str()) {
                    self.error(
                        &fail_regions.index(n),
                        format!("region {region:?} does not exist"),
                    );
                }
            }
            // An unknown id already explains a scenario that fails nothing.
            let unknown = self.issues.len() > before;
            let fails_a_site = unknown
                || !scenario.fail.is_empty()
                || scenario
                    .fail_regions
                    .iter()
                    .any(|r| with_sites.contains(r.as_str()));
            if !fails_a_site {
                self.error(
                    &here,
                    "the scenario fails no site; list sites in `fail` or regions with sites in `fail_regions`",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load_plan, Expansion, Scenario, Tier};
    use PathSeg::Key;

    macro_rules! path {
        ($($seg:expr),* $(,)?) => { vec![$(PathSeg::from($seg)),*] };
    }

    fn tiny() -> Plan {
        match load_plan(include_str!("../../plans/tiny.ron"), "tiny.ron") {
            Ok(loaded) => loaded.plan,
            Err(e) => panic!("tiny plan is valid: {e}"),
        }
    }

    fn errors(plan: &Plan) -> Vec<Issue> {
        validate(plan)
            .into_iter()
            .filter(|i| i.severity == Severity::Error)
            .collect()
    }

    /// The plan has exactly one error, at `path`, whose message holds every word of `words`.
    #[track_caller]
    fn only_error(plan: &Plan, path: Vec<PathSeg>, words: &[&str]) {
        let errors = errors(plan);
        assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
        assert_eq!(errors[0].path, path);
        for word in words {
            assert!(
                errors[0].message.contains(word),
                "{:?} lacks {word:?}",
                errors[0].message
            );
        }
    }

    fn chain() -> PowerChain {
        PowerChain::design_example()
    }

    const FRONT_IN_R1: &str = "Critical service has its placement and data only in region \"r1\"; \
                               losing that region loses the service — add a site in another region";

    #[test]
    fn the_tiny_plan_is_valid_with_one_warning_for_front() {
        let issues = validate(&tiny());
        assert_eq!(
            issues,
            vec![Issue {
                severity: Severity::Warning,
                path: path!["services", 0],
                message: FRONT_IN_R1.to_string(),
            }]
        );
    }

    #[test]
    fn ids_are_non_empty_and_unique_per_kind() {
        let mut plan = tiny();
        plan.sites[2].id = "A".into();
        plan.services[2].placement = [("B".to_string(), 1.0)].into_iter().collect();
        plan.services[1].placement = [("A".to_string(), 1.0)].into_iter().collect();
        plan.services[1].data = vec!["A".into()];
        plan.services[1].failover = Failover::NoFailover;
        let e = errors(&plan);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].path, path!["sites", 2, "id"]);
        assert!(e[0].message.contains(r#"site id "A" is already used"#));

        let mut plan = tiny();
        plan.regions[1].id = String::new();
        let e = errors(&plan);
        assert_eq!(e[0].path, path!["regions", 1, "id"]);
        assert_eq!(e[0].message, "region id must not be empty");
        assert_eq!(e[1].path, path!["sites", 2, "region"]);

        let mut plan = tiny();
        plan.services[1].id = "front".into();
        only_error(
            &plan,
            path!["services", 1, "id"],
            &["service id", "\"front\""],
        );

        let mut plan = tiny();
        plan.profiles
            .0
            .push((String::new(), plan.profiles.0[0].1.clone()));
        only_error(
            &plan,
            path!["profiles", Key(String::new())],
            &["profile id", "empty"],
        );
    }

    #[test]
    fn every_reference_exists() {
        let mut plan = tiny();
        plan.sites[0].region = "r9".into();
        plan.services[0].profile = "gpu".into();
        plan.services[0].placement.0[1].0 = "X".into();
        plan.services[0].data[0] = "Y".into();
        plan.services[1].failover = Failover::Standby(vec!["Z".into()]);
        plan.scenarios[0].fail = vec!["W".into()];
        plan.scenarios[0].fail_regions = vec!["r7".into()];
        let got: Vec<_> = errors(&plan)
            .into_iter()
            .map(|i| (i.path, i.message))
            .collect();
        let want = vec![
            (path!["sites", 0, "region"], r#"region "r9" does not exist"#),
            (
                path!["services", 0, "profile"],
                r#"profile "gpu" does not exist"#,
            ),
            (
                path!["services", 0, "placement", Key("X".into())],
                r#"site "X" does not exist"#,
            ),
            (
                path!["services", 0, "data", 0],
                r#"site "Y" does not exist"#,
            ),
            (
                path!["services", 1, "failover", 0, 0],
                r#"site "Z" does not exist"#,
            ),
            (
                path!["scenarios", 0, "fail", 0],
                r#"site "W" does not exist"#,
            ),
            (
                path!["scenarios", 0, "fail_regions", 0],
                r#"region "r7" does not exist"#,
            ),
        ];
        let want: Vec<_> = want.into_iter().map(|(p, m)| (p, m.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn numbers_are_finite() {
        let mut plan = tiny();
        plan.sites[1].capacity.racks = f64::INFINITY;
        only_error(
            &plan,
            path!["sites", 1, "capacity", "racks"],
            &["finite", "inf"],
        );
        let mut plan = tiny();
        plan.services[2].servers = f64::NAN;
        only_error(&plan, path!["services", 2, "servers"], &["finite", "NaN"]);
    }

    #[test]
    fn quantities_are_not_negative_and_per_rack_is_positive() {
        let mut plan = tiny();
        plan.sites[0].capacity.storage_pb = -1.0;
        only_error(
            &plan,
            path!["sites", 0, "capacity", "storage_pb"],
            &["at least 0", "-1"],
        );
        let mut plan = tiny();
        plan.services[0].storage_pb = -2.0;
        only_error(&plan, path!["services", 0, "storage_pb"], &["at least 0"]);
        let mut plan = tiny();
        plan.profiles.0[0].1.power_kw = -0.5;
        only_error(
            &plan,
            path!["profiles", Key("web".into()), "power_kw"],
            &["at least 0"],
        );
        let mut plan = tiny();
        plan.profiles.0[0].1.per_rack = 0.0;
        only_error(
            &plan,
            path!["profiles", Key("web".into()), "per_rack"],
            &["more than 0", "not 0"],
        );
    }

    #[test]
    fn ratings_run_from_1_to_5() {
        let mut plan = tiny();
        plan.sites[2].hazards.flood = 6;
        only_error(
            &plan,
            path!["sites", 2, "hazards", "flood"],
            &["1", "5", "not 6"],
        );
        let mut plan = tiny();
        plan.regions[0].earthquake = 0;
        only_error(&plan, path!["regions", 0, "earthquake"], &["not 0"]);
    }

    #[test]
    fn utilizations_are_fractions_with_target_at_most_failover() {
        let mut plan = tiny();
        plan.policy.failover_utilization = 1.2;
        only_error(
            &plan,
            path!["policy", "failover_utilization"],
            &["at most 1", "1.2"],
        );
        let mut plan = tiny();
        plan.policy.target_utilization = 0.0;
        only_error(
            &plan,
            path!["policy", "target_utilization"],
            &["more than 0"],
        );
        let mut plan = tiny();
        plan.policy.target_utilization = 0.9;
        plan.policy.failover_utilization = 0.85;
        only_error(
            &plan,
            path!["policy", "target_utilization"],
            &["0.9", "exceed", "0.85"],
        );
    }

    #[test]
    fn slo_is_strictly_between_0_and_1() {
        for slo in [0.0, 1.0, 1.5] {
            let mut plan = tiny();
            plan.services[1].slo = Some(slo);
            only_error(&plan, path!["services", 1, "slo"], &["less than 1"]);
        }
    }

    #[test]
    fn shares_are_positive_and_sum_to_1() {
        let mut plan = tiny();
        plan.services[0].placement.0[1].1 = 0.4;
        only_error(
            &plan,
            path!["services", 0, "placement"],
            &["sum to 1", "0.9"],
        );
        let mut plan = tiny();
        plan.services[0].placement.0[1].1 = 0.5 + 1e-7;
        assert_eq!(errors(&plan), Vec::new());
        let mut plan = tiny();
        plan.services[0].placement.0 = vec![("A".into(), 1.0), ("B".into(), 0.0)];
        only_error(
            &plan,
            path!["services", 0, "placement", Key("B".into())],
            &["share of site \"B\"", "more than 0"],
        );
    }

    #[test]
    fn servers_need_a_placement_and_storage_needs_data() {
        let mut plan = tiny();
        plan.services[2].placement = Default::default();
        only_error(
            &plan,
            path!["services", 2, "placement"],
            &["400 servers", "placement"],
        );
        plan.services[2].servers = 0.0;
        assert_eq!(errors(&plan), Vec::new());

        let mut plan = tiny();
        plan.services[2].data.clear();
        only_error(&plan, path!["services", 2, "data"], &["6 PB", "data site"]);
        plan.services[2].storage_pb = 0.0;
        assert_eq!(errors(&plan), Vec::new());
    }

    #[test]
    fn a_service_lists_a_site_once() {
        let mut plan = tiny();
        plan.services[1].data = vec!["C".into(), "A".into(), "C".into()];
        only_error(
            &plan,
            path!["services", 1, "data", 2],
            &["data site \"C\"", "twice"],
        );
        let mut plan = tiny();
        plan.services[1].failover = Failover::Standby(vec!["A".into(), "A".into()]);
        only_error(
            &plan,
            path!["services", 1, "failover", 0, 1],
            &["standby", "twice"],
        );
    }

    #[test]
    fn a_standby_is_another_site_and_the_list_is_not_empty() {
        let mut plan = tiny();
        plan.services[1].failover = Failover::Standby(vec!["A".into(), "C".into()]);
        only_error(
            &plan,
            path!["services", 1, "failover", 0, 1],
            &["\"C\"", "already in the placement"],
        );
        let mut plan = tiny();
        plan.services[1].failover = Failover::Standby(Vec::new());
        only_error(&plan, path!["services", 1, "failover"], &["NoFailover"]);
    }

    #[test]
    fn scenario_names_are_unique_and_not_automatic() {
        let mut plan = tiny();
        let mut twin = plan.scenarios[0].clone();
        plan.scenarios.push(twin.clone());
        only_error(
            &plan,
            path!["scenarios", 1, "name"],
            &["\"Site A fire\"", "already used"],
        );
        twin.name = "site:A".into();
        plan.scenarios[1] = twin.clone();
        only_error(
            &plan,
            path!["scenarios", 1, "name"],
            &["\"site:\"", "automatic"],
        );
        twin.name = "region:r1".into();
        plan.scenarios[1] = twin;
        only_error(&plan, path!["scenarios", 1, "name"], &["\"region:\""]);
        plan.scenarios[1].name = String::new();
        only_error(&plan, path!["scenarios", 1, "name"], &["empty"]);
    }

    #[test]
    fn a_scenario_fails_at_least_one_site() {
        let mut plan = tiny();
        plan.scenarios.push(Scenario {
            name: "nothing".into(),
            description: None,
            fail: Vec::new(),
            fail_regions: Vec::new(),
        });
        only_error(&plan, path!["scenarios", 1], &["fails no site"]);
        plan.scenarios[1].fail_regions = vec!["r2".into()];
        assert_eq!(errors(&plan), Vec::new());
    }

    #[test]
    fn expansions_are_within_the_horizon_and_not_negative() {
        let mut plan = tiny();
        let grow = |month, servers| Expansion {
            month,
            capacity: Resources {
                servers,
                ..Resources::default()
            },
            description: None,
        };
        plan.sites[1].expansions = vec![grow(0, 10.0), grow(24, 10.0)];
        assert_eq!(errors(&plan), Vec::new());
        plan.sites[1].expansions = vec![grow(25, -10.0)];
        let e = errors(&plan);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].path, path!["sites", 1, "expansions", 0, "month"]);
        assert!(e[0].message.contains("from 0 to 24"));
        assert_eq!(
            e[1].path,
            path!["sites", 1, "expansions", 0, "capacity", "servers"]
        );
    }

    #[test]
    fn power_chain_rules() {
        let mut plan = tiny();
        plan.sites[0].power = Some(chain());
        assert_eq!(errors(&plan), Vec::new());
        let mut bad = chain();
        bad.feeds = 0;
        bad.ups.redundancy = Redundancy::NPlus(4);
        bad.cooling_kw = -1.0;
        bad.pue = 0.9;
        plan.sites[0].power = Some(bad);
        let paths: Vec<_> = errors(&plan).into_iter().map(|i| i.path).collect();
        let power = |more: Vec<PathSeg>| [path!["sites", 0, "power"], more].concat();
        assert_eq!(
            paths,
            vec![
                power(path!["feeds"]),
                power(path!["ups", "redundancy"]),
                power(path!["cooling_kw"]),
                power(path!["pue"]),
            ]
        );
        let mut bad = chain();
        bad.ups.modules = 0;
        bad.ups.redundancy = Redundancy::N;
        plan.sites[0].power = Some(bad);
        only_error(
            &plan,
            path!["sites", 0, "power", "ups", "modules"],
            &["at least 1 module"],
        );
    }

    #[test]
    fn growth_stays_above_minus_1() {
        let mut plan = tiny();
        plan.services[0].growth = -1.0;
        only_error(&plan, path!["services", 0, "growth"], &["more than -1"]);
        plan.services[0].growth = -0.5;
        assert_eq!(errors(&plan), Vec::new());
    }

    #[test]
    fn hazard_tables_hold_probabilities_and_hours() {
        let mut plan = tiny();
        plan.policy.hazards.probability[4] = 1.5;
        plan.policy.hazards.hours.flood = -3.0;
        let paths: Vec<_> = errors(&plan).into_iter().map(|i| i.path).collect();
        assert_eq!(
            paths,
            vec![
                path!["policy", "hazards", "probability", 4],
                path!["policy", "hazards", "hours", "flood"],
            ]
        );
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let mut plan = tiny();
        plan.sites[0].hazards.fire = 9;
        plan.services[0].servers = -1.0;
        plan.profiles.0[0].1.per_rack = -20.0;
        assert_eq!(errors(&plan).len(), 3);
    }

    #[test]
    fn warns_when_a_service_that_must_survive_lives_in_one_site() {
        let mut plan = tiny();
        plan.services[1].data = vec!["C".into()];
        plan.services[1].failover = Failover::Standby(vec!["A".into()]);
        let issues = validate(&plan);
        assert_eq!(issues.len(), 2, "{issues:#?}");
        assert!(issues.iter().all(|i| i.severity == Severity::Warning));
        assert_eq!(issues[1].path, path!["services", 1]);
        assert_eq!(
            issues[1].message,
            "High service has its placement and data only in site \"C\"; losing that site \
             loses the service — add a site in another region"
        );
    }

    #[test]
    fn warns_for_one_region_but_not_for_two_or_for_lower_tiers() {
        let mut plan = tiny();
        assert_eq!(validate(&plan)[0].message, FRONT_IN_R1);
        plan.services[0].data.push("C".into());
        assert_eq!(validate(&plan), Vec::new());
        plan.services[0].data.pop();
        plan.services[0].tier = Tier::Standard;
        assert_eq!(validate(&plan), Vec::new());
    }
}
