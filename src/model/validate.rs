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

macro_rules! path {
    ($($seg:expr),* $(,)?) => { vec![$(PathSeg::from($seg)),*] };
}

/// Extends `base` with more segments.
fn at(base: &[PathSeg], more: impl IntoIterator<Item = PathSeg>) -> Vec<PathSeg> {
    base.iter().cloned().chain(more).collect()
}

/// Collects the issues; ids are indexed once so that a large plan checks in linear time.
struct Checker<'p> {
    issues: Vec<Issue>,
    sites: HashMap<&'p str, &'p Site>,
    regions: HashSet<&'p str>,
}

impl<'p> Checker<'p> {
    fn new(plan: &'p Plan) -> Self {
        let mut sites = HashMap::new();
        for site in &plan.sites {
            sites.entry(site.id.as_str()).or_insert(site);
        }
        Checker {
            issues: Vec::new(),
            sites,
            regions: plan.regions.iter().map(|r| r.id.as_str()).collect(),
        }
    }

    fn error(&mut self, path: Vec<PathSeg>, message: impl Into<String>) {
        self.issues.push(Issue {
            severity: Severity::Error,
            path,
            message: message.into(),
        });
    }

    fn warning(&mut self, path: Vec<PathSeg>, message: impl Into<String>) {
        self.issues.push(Issue {
            severity: Severity::Warning,
            path,
            message: message.into(),
        });
    }

    /// Reports a value that is NaN or infinite; true when it is finite.
    fn finite(&mut self, path: &[PathSeg], value: f64) -> bool {
        if !value.is_finite() {
            self.error(
                path.to_vec(),
                format!("must be a finite number, not {value}"),
            );
        }
        value.is_finite()
    }

    fn at_least(&mut self, path: &[PathSeg], value: f64, min: f64) {
        if self.finite(path, value) && value < min {
            self.error(
                path.to_vec(),
                format!("must be at least {min}, not {value}"),
            );
        }
    }

    fn above_zero(&mut self, path: &[PathSeg], value: f64) {
        if self.finite(path, value) && value <= 0.0 {
            self.error(path.to_vec(), format!("must be more than 0, not {value}"));
        }
    }

    fn fraction(&mut self, path: &[PathSeg], value: f64) {
        if self.finite(path, value) && !(value > 0.0 && value <= 1.0) {
            self.error(
                path.to_vec(),
                format!("must be more than 0 and at most 1, not {value}"),
            );
        }
    }

    fn rating(&mut self, path: Vec<PathSeg>, value: u8) {
        if !(1..=5).contains(&value) {
            self.error(
                path,
                format!("must be a rating from 1 (least) to 5 (most), not {value}"),
            );
        }
    }

    fn id(&mut self, path: Vec<PathSeg>, kind: &str, id: &str, seen: &mut HashSet<String>) {
        if id.is_empty() {
            self.error(path, format!("{kind} id must not be empty"));
        } else if !seen.insert(id.to_string()) {
            self.error(
                path,
                format!("{kind} id {id:?} is already used by another {kind}"),
            );
        }
    }

    fn resources(&mut self, base: &[PathSeg], r: &Resources) {
        for (field, value) in [
            ("servers", r.servers),
            ("racks", r.racks),
            ("power_kw", r.power_kw),
            ("storage_pb", r.storage_pb),
        ] {
            self.at_least(&at(base, [PathSeg::field(field)]), value, 0.0);
        }
    }

    fn policy(&mut self, plan: &Plan) {
        let p = &plan.policy;
        let target = path!["policy", "target_utilization"];
        self.fraction(&target, p.target_utilization);
        self.fraction(
            &["policy", "failover_utilization"].map(PathSeg::field),
            p.failover_utilization,
        );
        if p.target_utilization > p.failover_utilization {
            self.error(
                target,
                format!(
                    "target utilization {} must not exceed failover utilization {}",
                    p.target_utilization, p.failover_utilization
                ),
            );
        }
        for (i, &prob) in p.hazards.probability.iter().enumerate() {
            let path = path!["policy", "hazards", "probability", i];
            if self.finite(&path, prob) && !(0.0..=1.0).contains(&prob) {
                self.error(
                    path,
                    format!(
                        "the annual probability for rating {} must be from 0 to 1, not {prob}",
                        i + 1
                    ),
                );
            }
        }
        let h = &p.hazards.hours;
        for (field, hours) in [
            ("fire", h.fire),
            ("flood", h.flood),
            ("power", h.power),
            ("earthquake", h.earthquake),
        ] {
            self.at_least(
                &["policy", "hazards", "hours", field].map(PathSeg::field),
                hours,
                0.0,
            );
        }
    }

    fn profiles(&mut self, plan: &Plan) {
        for (key, profile) in plan.profiles.iter() {
            let base = path!["profiles", PathSeg::key(key)];
            if key.is_empty() {
                self.error(base.clone(), "profile id must not be empty");
            }
            self.at_least(&at(&base, path!["power_kw"]), profile.power_kw, 0.0);
            self.above_zero(&at(&base, path!["per_rack"]), profile.per_rack);
        }
    }

    fn regions(&mut self, plan: &Plan) {
        let mut seen = HashSet::new();
        for (i, region) in plan.regions.iter().enumerate() {
            self.id(path!["regions", i, "id"], "region", &region.id, &mut seen);
            self.rating(path!["regions", i, "earthquake"], region.earthquake);
        }
    }

    fn sites(&mut self, plan: &Plan) {
        let mut seen = HashSet::new();
        for (i, site) in plan.sites.iter().enumerate() {
            let base = path!["sites", i];
            self.id(at(&base, path!["id"]), "site", &site.id, &mut seen);
            if !self.regions.contains(site.region.as_str()) {
                self.error(
                    at(&base, path!["region"]),
                    format!("region {:?} does not exist", site.region),
                );
            }
            self.resources(&at(&base, path!["capacity"]), &site.capacity);
            let h = &site.hazards;
            for (field, rating) in [("fire", h.fire), ("flood", h.flood), ("power", h.power)] {
                self.rating(at(&base, path!["hazards", field]), rating);
            }
            if let Some(power) = &site.power {
                self.power_chain(&at(&base, path!["power"]), power);
            }
            self.expansions(plan, &base, site);
        }
    }

    fn power_chain(&mut self, base: &[PathSeg], p: &PowerChain) {
        if p.feeds == 0 {
            self.error(
                at(base, path!["feeds"]),
                "a site needs at least 1 utility feed",
            );
        }
        if p.ups.modules == 0 {
            self.error(
                at(base, path!["ups", "modules"]),
                "a UPS needs at least 1 module",
            );
        }
        if let Redundancy::NPlus(k) = p.ups.redundancy {
            if k >= p.ups.modules && p.ups.modules > 0 {
                self.error(
                    at(base, path!["ups", "redundancy"]),
                    format!(
                        "NPlus({k}) leaves no module to carry the load with {} modules; k must be less than modules",
                        p.ups.modules
                    ),
                );
            }
        }
        for (field, value) in [
            (path!["feed_kw"], p.feed_kw),
            (path!["ups", "module_kw"], p.ups.module_kw),
            (path!["generator_kw"], p.generator_kw),
            (path!["fuel_hours"], p.fuel_hours),
            (path!["cooling_kw"], p.cooling_kw),
        ] {
            self.at_least(&at(base, field), value, 0.0);
        }
        self.at_least(&at(base, path!["pue"]), p.pue, 1.0);
    }

    fn expansions(&mut self, plan: &Plan, site_path: &[PathSeg], site: &Site) {
        let horizon = plan.policy.horizon_months;
        for (e, expansion) in site.expansions.iter().enumerate() {
            let base = at(site_path, path!["expansions", e]);
            if expansion.month > horizon {
                self.error(
                    at(&base, path!["month"]),
                    format!(
                        "month {} is beyond the horizon; it must be from 0 to {horizon}",
                        expansion.month
                    ),
                );
            }
            self.resources(&at(&base, path!["capacity"]), &expansion.capacity);
        }
    }

    fn services(&mut self, plan: &Plan) {
        let mut seen = HashSet::new();
        for (i, service) in plan.services.iter().enumerate() {
            let base = path!["services", i];
            self.id(at(&base, path!["id"]), "service", &service.id, &mut seen);
            if !plan.profiles.contains_key(&service.profile) {
                self.error(
                    at(&base, path!["profile"]),
                    format!("profile {:?} does not exist", service.profile),
                );
            }
            self.at_least(&at(&base, path!["servers"]), service.servers, 0.0);
            self.at_least(&at(&base, path!["storage_pb"]), service.storage_pb, 0.0);
            let growth = at(&base, path!["growth"]);
            if self.finite(&growth, service.growth) && service.growth <= -1.0 {
                self.error(
                    growth,
                    format!(
                        "must be more than -1 (a fall of 100 % a month), not {}",
                        service.growth
                    ),
                );
            }
            if let Some(slo) = service.slo {
                let path = at(&base, path!["slo"]);
                if self.finite(&path, slo) && !(slo > 0.0 && slo < 1.0) {
                    self.error(
                        path,
                        format!("must be more than 0 and less than 1, not {slo}"),
                    );
                }
            }
            self.placement(&base, service);
            self.data(&base, service);
            self.standby(&base, service);
            self.single_place(&base, service);
        }
    }

    fn site_exists(&mut self, path: Vec<PathSeg>, site: &str) {
        if !self.sites.contains_key(site) {
            self.error(path, format!("site {site:?} does not exist"));
        }
    }

    fn placement(&mut self, base: &[PathSeg], service: &Service) {
        let placement = at(base, path!["placement"]);
        if service.placement.is_empty() {
            if service.servers > 0.0 {
                self.error(
                    placement,
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
            let key = at(&placement, [PathSeg::key(site)]);
            self.site_exists(key.clone(), site);
            if !share.is_finite() {
                self.error(
                    key,
                    format!("the share of site {site:?} must be a finite number, not {share}"),
                );
            } else if share <= 0.0 {
                self.error(
                    key,
                    format!("the share of site {site:?} must be more than 0, not {share}; leave the site out instead"),
                );
            }
            sum += share;
        }
        if sum.is_finite() && (sum - 1.0).abs() > SHARE_SUM_TOLERANCE {
            self.error(placement, format!("shares must sum to 1, not {sum}"));
        }
    }

    fn data(&mut self, base: &[PathSeg], service: &Service) {
        let data = at(base, path!["data"]);
        if service.data.is_empty() && service.storage_pb > 0.0 {
            self.error(
                data,
                format!(
                    "a service with {} PB of storage needs at least one data site",
                    service.storage_pb
                ),
            );
            return;
        }
        self.site_list(&data, &service.data, "data");
    }

    fn standby(&mut self, base: &[PathSeg], service: &Service) {
        let Failover::Standby(sites) = &service.failover else {
            return;
        };
        let failover = at(base, path!["failover"]);
        if sites.is_empty() {
            self.error(
                failover,
                "Standby needs at least one site; use NoFailover for none",
            );
            return;
        }
        let list = at(&failover, path![0]);
        self.site_list(&list, sites, "standby");
        for (n, site) in sites.iter().enumerate() {
            if service.placement.contains_key(site) {
                self.error(
                    at(&list, path![n]),
                    format!("standby site {site:?} is already in the placement; a standby must be another site"),
                );
            }
        }
    }

    /// Every site of a list exists and is written once.
    fn site_list(&mut self, list: &[PathSeg], sites: &[String], what: &str) {
        let mut seen = HashSet::new();
        for (n, site) in sites.iter().enumerate() {
            let path = at(list, path![n]);
            if !seen.insert(site) {
                self.error(path, format!("{what} site {site:?} is listed twice"));
            } else {
                self.site_exists(path, site);
            }
        }
    }

    /// The Pangyo lesson: a service that must survive, kept in one site or one region.
    fn single_place(&mut self, base: &[PathSeg], service: &Service) {
        if !service.tier.must_survive() {
            return;
        }
        let mut sites: Vec<&Site> = Vec::new();
        for id in service
            .placement
            .keys()
            .chain(service.data.iter().map(String::as_str))
        {
            match self.sites.get(id).copied() {
                Some(site) if !sites.iter().any(|s| s.id == site.id) => sites.push(site),
                Some(_) => {}
                None => return,
            }
        }
        let tier = service.tier.name();
        match sites.as_slice() {
            [] => {}
            [site] => self.warning(
                base.to_vec(),
                format!(
                    "{tier} service has its placement and data only in site {:?}; losing that site loses the service — add a site in another region",
                    site.id
                ),
            ),
            [first, rest @ ..] if rest.iter().all(|s| s.region == first.region) => self.warning(
                base.to_vec(),
                format!(
                    "{tier} service has its placement and data only in region {:?}; losing that region loses the service — add a site in another region",
                    first.region
                ),
            ),
            _ => {}
        }
    }

    fn scenarios(&mut self, plan: &Plan) {
        let mut seen = HashSet::new();
        for (i, scenario) in plan.scenarios.iter().enumerate() {
            let base = path!["scenarios", i];
            let name = at(&base, path!["name"]);
            if let Some(prefix) = ["site:", "region:"]
                .into_iter()
                .find(|p| scenario.name.starts_with(p))
            {
                self.error(
                    name.clone(),
                    format!("scenario names starting with {prefix:?} are kept for the automatic scenarios; choose another name"),
                );
            }
            if scenario.name.is_empty() {
                self.error(name, "scenario name must not be empty");
            } else if !seen.insert(scenario.name.clone()) {
                self.error(
                    name,
                    format!(
                        "scenario name {:?} is already used by another scenario",
                        scenario.name
                    ),
                );
            }
            let before = self.issues.len();
            for (n, site) in scenario.fail.iter().enumerate() {
                self.site_exists(at(&base, path!["fail", n]), site);
            }
            for (n, region) in scenario.fail_regions.iter().enumerate() {
                if !self.regions.contains(region.as_str()) {
                    self.error(
                        at(&base, path!["fail_regions", n]),
                        format!("region {region:?} does not exist"),
                    );
                }
            }
            // An unknown id already explains a scenario that fails nothing.
            let unknown = self.issues.len() > before;
            let fails_a_site = unknown
                || !scenario.fail.is_empty()
                || plan
                    .sites
                    .iter()
                    .any(|s| scenario.fail_regions.contains(&s.region));
            if !fails_a_site {
                self.error(
                    base,
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
