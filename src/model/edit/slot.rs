//! Where each field lives in the plan, its value as a planner reads and types it, and how
//! that text is parsed back. One table per kind of item, so the field list, reading and
//! writing cannot drift apart.

use super::{EditError, FieldKind, FieldPath, IdKind, ItemRef};
use crate::model::{
    Expansion, Failover, HazardTables, OrderedMap, Plan, Policy, PowerChain, Profile, Redundancy,
    Region, Resources, Scenario, Service, Site, Tier, Ups,
};

/// The value of one field, stored in a change so it can be put back.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    OptText(Option<String>),
    Number(f64),
    OptNumber(Option<f64>),
    Count(u32),
    Rating(u8),
    Tier(Tier),
    Redundancy(Redundancy),
    Failover(Failover),
    Ids(Vec<String>),
    Placement(OrderedMap<f64>),
    Power(Option<PowerChain>),
}

impl Value {
    /// The value as the planner edits it: numbers plain, lists comma-separated, none empty.
    pub fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::OptText(s) => s.clone().unwrap_or_default(),
            Value::Number(x) => x.to_string(),
            Value::OptNumber(x) => x.map(|x| x.to_string()).unwrap_or_default(),
            Value::Count(n) => n.to_string(),
            Value::Rating(n) => n.to_string(),
            Value::Tier(t) => t.name().to_string(),
            Value::Redundancy(r) => redundancy_text(*r),
            Value::Failover(f) => failover_mode(f).to_string(),
            Value::Ids(ids) => ids.join(", "),
            Value::Placement(p) => p
                .iter()
                .map(|(site, share)| format!("{site}: {share}"))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Power(p) => if p.is_some() { "yes" } else { "no" }.to_string(),
        }
    }

    /// The value inside a sentence: texts quoted, empty values named.
    pub fn shown(&self) -> String {
        match self {
            Value::Text(s) | Value::OptText(Some(s)) => format!("\"{s}\""),
            Value::OptText(None) | Value::OptNumber(None) => "none".to_string(),
            Value::Ids(ids) => format!("[{}]", ids.join(", ")),
            Value::Placement(_) => format!("{{{}}}", self.text()),
            Value::Failover(Failover::Standby(ids)) => format!("Standby([{}])", ids.join(", ")),
            Value::Power(None) => "no power chain".to_string(),
            Value::Power(Some(_)) => "power chain".to_string(),
            _ => self.text(),
        }
    }
}

pub fn redundancy_text(r: Redundancy) -> String {
    match r {
        Redundancy::N => "N".to_string(),
        Redundancy::NPlus(k) => format!("NPlus({k})"),
        Redundancy::TwoN => "TwoN".to_string(),
    }
}

pub fn failover_mode(f: &Failover) -> &'static str {
    match f {
        Failover::ActiveActive => "ActiveActive",
        Failover::Standby(_) => "Standby",
        Failover::NoFailover => "NoFailover",
    }
}

/// A field's place in the plan, borrowed for reading or writing.
pub enum Slot<'a> {
    Text(&'a mut String),
    /// A profile name or a region, site or service id: setting it renames every reference.
    Id(&'a mut String, IdKind),
    /// The id of a profile, region or site this item refers to.
    Reference(&'a mut String, IdKind),
    OptText(&'a mut Option<String>),
    Number(&'a mut f64),
    OptNumber(&'a mut Option<f64>),
    Count(&'a mut u32),
    Rating(&'a mut u8),
    Tier(&'a mut Tier),
    Redundancy(&'a mut Redundancy),
    FailoverMode(&'a mut Failover),
    Standby(&'a mut Failover),
    Ids(&'a mut Vec<String>, IdKind),
    Placement(&'a mut OrderedMap<f64>),
    /// Whether a site has a power chain; a new chain starts from the site's nameplate.
    Power(&'a mut Option<PowerChain>, f64),
}

impl Slot<'_> {
    pub fn kind(&self) -> FieldKind {
        match self {
            Slot::Text(_) => FieldKind::Text,
            Slot::Id(_, kind) => FieldKind::Id(*kind),
            Slot::Reference(_, kind) => FieldKind::Reference(*kind),
            Slot::OptText(_) => FieldKind::OptionalText,
            Slot::Number(_) => FieldKind::Number,
            Slot::OptNumber(_) => FieldKind::OptionalNumber,
            Slot::Count(_) => FieldKind::Count,
            Slot::Rating(_) => FieldKind::Rating,
            Slot::Tier(_) => FieldKind::Choice(TIERS),
            Slot::Redundancy(_) => FieldKind::Choice(REDUNDANCIES),
            Slot::FailoverMode(_) => FieldKind::Choice(FAILOVER_MODES),
            Slot::Standby(_) => FieldKind::Ids(IdKind::Site),
            Slot::Ids(_, kind) => FieldKind::Ids(*kind),
            Slot::Placement(_) => FieldKind::Placement,
            Slot::Power(..) => FieldKind::Toggle,
        }
    }

    pub fn value(&self) -> Value {
        match self {
            Slot::Text(s) | Slot::Id(s, _) | Slot::Reference(s, _) => Value::Text((**s).clone()),
            Slot::OptText(s) => Value::OptText((**s).clone()),
            Slot::Number(x) => Value::Number(**x),
            Slot::OptNumber(x) => Value::OptNumber(**x),
            Slot::Count(n) => Value::Count(**n),
            Slot::Rating(n) => Value::Rating(**n),
            Slot::Tier(t) => Value::Tier(**t),
            Slot::Redundancy(r) => Value::Redundancy(**r),
            Slot::FailoverMode(f) | Slot::Standby(f) => Value::Failover((**f).clone()),
            Slot::Ids(ids, _) => Value::Ids((**ids).clone()),
            Slot::Placement(p) => Value::Placement((**p).clone()),
            Slot::Power(p, _) => Value::Power((**p).clone()),
        }
    }

    /// The text shown in the field; the standby field shows its list, not the mode.
    pub fn text(&self) -> String {
        match self {
            Slot::Standby(f) => match &**f {
                Failover::Standby(ids) => ids.join(", "),
                _ => String::new(),
            },
            _ => self.value().text(),
        }
    }

    /// Parses what the planner typed into the value this field would take.
    pub fn parse(&self, text: &str) -> Result<Value, String> {
        let text = text.trim();
        Ok(match self {
            Slot::Text(_) | Slot::Id(..) | Slot::Reference(..) => Value::Text(text.to_string()),
            Slot::OptText(_) => Value::OptText(non_empty(text).map(str::to_string)),
            Slot::Number(_) => Value::Number(number(text)?),
            Slot::OptNumber(_) => Value::OptNumber(non_empty(text).map(number).transpose()?),
            Slot::Count(_) => Value::Count(
                text.replace('_', "")
                    .parse()
                    .map_err(|_| format!("expected a whole number ≥ 0, got \"{text}\""))?,
            ),
            Slot::Rating(_) => Value::Rating(rating(text)?),
            Slot::Tier(_) => Value::Tier(tier(text)?),
            Slot::Redundancy(_) => Value::Redundancy(redundancy(text)?),
            Slot::FailoverMode(current) => Value::Failover(failover(text, current)?),
            Slot::Standby(_) => Value::Failover(Failover::Standby(ids(text))),
            Slot::Ids(..) => Value::Ids(ids(text)),
            Slot::Placement(_) => Value::Placement(placement(text)?),
            Slot::Power(current, nameplate) => Value::Power(match yes_no(text)? {
                false => None,
                true => Some((**current).clone().unwrap_or_else(|| new_chain(*nameplate))),
            }),
        })
    }

    /// Stores `value`; a value of another type is refused and nothing changes.
    pub fn put(self, value: Value) -> Result<(), Value> {
        match (self, value) {
            (Slot::Text(s) | Slot::Id(s, _) | Slot::Reference(s, _), Value::Text(v)) => *s = v,
            (Slot::OptText(s), Value::OptText(v)) => *s = v,
            (Slot::Number(x), Value::Number(v)) => *x = v,
            (Slot::OptNumber(x), Value::OptNumber(v)) => *x = v,
            (Slot::Count(n), Value::Count(v)) => *n = v,
            (Slot::Rating(n), Value::Rating(v)) => *n = v,
            (Slot::Tier(t), Value::Tier(v)) => *t = v,
            (Slot::Redundancy(r), Value::Redundancy(v)) => *r = v,
            (Slot::FailoverMode(f) | Slot::Standby(f), Value::Failover(v)) => *f = v,
            (Slot::Ids(ids, _), Value::Ids(v)) => *ids = v,
            (Slot::Placement(p), Value::Placement(v)) => *p = v,
            (Slot::Power(p, _), Value::Power(v)) => *p = v,
            (_, v) => return Err(v),
        }
        Ok(())
    }
}

/// A chain that delivers exactly the nameplate, so adding it changes no figure until the
/// planner fills in the real equipment. PUE 1.25 keeps feed_kw / pue exact in binary.
fn new_chain(nameplate: f64) -> PowerChain {
    let pue = 1.25;
    PowerChain {
        feeds: 2,
        feed_kw: nameplate * pue,
        ups: Ups {
            modules: 2,
            module_kw: nameplate,
            redundancy: Redundancy::NPlus(1),
        },
        generator_kw: nameplate * pue,
        fuel_hours: 48.0,
        cooling_kw: nameplate,
        pue,
    }
}

fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

fn number(text: &str) -> Result<f64, String> {
    match text.replace('_', "").parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!("expected a number, got \"{text}\"")),
    }
}

fn rating(text: &str) -> Result<u8, String> {
    match text.parse::<u8>() {
        Ok(n @ 1..=5) => Ok(n),
        _ => Err(format!("expected a rating 1 to 5, got \"{text}\"")),
    }
}

fn tier(text: &str) -> Result<Tier, String> {
    Tier::ALL
        .into_iter()
        .find(|t| t.name().eq_ignore_ascii_case(text))
        .ok_or_else(|| format!("expected one of {}, got \"{text}\"", TIERS.join(", ")))
}

pub const TIERS: &[&str] = &["Critical", "High", "Standard", "Batch"];
pub const FAILOVER_MODES: &[&str] = &["ActiveActive", "Standby", "NoFailover"];
pub const REDUNDANCIES: &[&str] = &["N", "NPlus(1)", "TwoN"];

/// `N`, `TwoN` or `2N`, `NPlus(k)` or `N+k`.
fn redundancy(text: &str) -> Result<Redundancy, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = compact.to_ascii_lowercase();
    let plus = lower
        .strip_prefix("nplus(")
        .and_then(|k| k.strip_suffix(')'))
        .or_else(|| lower.strip_prefix("n+"));
    match (lower.as_str(), plus) {
        ("n", _) => Ok(Redundancy::N),
        ("twon" | "2n", _) => Ok(Redundancy::TwoN),
        (_, Some(k)) => k
            .parse()
            .map(Redundancy::NPlus)
            .map_err(|_| bad_redundancy(text)),
        _ => Err(bad_redundancy(text)),
    }
}

fn bad_redundancy(text: &str) -> String {
    format!("expected N, NPlus(k) or TwoN, got \"{text}\"")
}

/// A new mode keeps the standby list when the mode does not change; switching to Standby
/// names its sites in the same text, `Standby(B, C)`, since Standby without a site is
/// not a valid plan.
fn failover(text: &str, current: &Failover) -> Result<Failover, String> {
    let (head, rest) = text.split_at(text.find(['(', ' ', '[']).unwrap_or(text.len()));
    let mode = FAILOVER_MODES
        .iter()
        .find(|m| m.eq_ignore_ascii_case(head))
        .ok_or_else(|| {
            format!(
                "expected one of {}, got \"{text}\"",
                FAILOVER_MODES.join(", ")
            )
        })?;
    let sites = ids(rest.trim().trim_matches(['(', ')', '[', ']']));
    Ok(match (*mode, current) {
        ("Standby", Failover::Standby(_)) if sites.is_empty() => current.clone(),
        ("Standby", _) if sites.is_empty() => {
            return Err("name the standby sites: Standby(SITE, …)".to_string())
        }
        ("Standby", _) => Failover::Standby(sites),
        ("ActiveActive", _) => Failover::ActiveActive,
        _ => Failover::NoFailover,
    })
}

fn ids(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `A: 0.5, B: 0.5` (or `A=0.5`); an empty text is no placement.
fn placement(text: &str) -> Result<OrderedMap<f64>, String> {
    let mut entries: Vec<(String, f64)> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (site, share) = part
            .split_once(':')
            .or_else(|| part.split_once('='))
            .ok_or_else(|| format!("expected site: share, got \"{part}\""))?;
        let site = site.trim().trim_matches('"').to_string();
        if entries.iter().any(|(s, _)| *s == site) {
            return Err(format!("site \"{site}\" is written twice"));
        }
        entries.push((site, number(share.trim())?));
    }
    Ok(OrderedMap(entries))
}

fn yes_no(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" | "true" => Ok(true),
        "no" | "n" | "off" | "false" | "" => Ok(false),
        _ => Err(format!("expected yes or no, got \"{text}\"")),
    }
}

pub const PLAN_KEYS: &[&str] = &["name", "description"];
pub const PROFILE_KEYS: &[&str] = &["name", "power_kw", "per_rack"];
pub const REGION_KEYS: &[&str] = &["id", "name", "description", "earthquake"];
pub const SCENARIO_KEYS: &[&str] = &["name", "description", "fail", "fail_regions"];
pub const EXPANSION_KEYS: &[&str] = &[
    "month",
    "capacity.servers",
    "capacity.racks",
    "capacity.power_kw",
    "capacity.storage_pb",
    "description",
];
pub const POLICY_KEYS: &[&str] = &[
    "target_utilization",
    "failover_utilization",
    "horizon_months",
    "hazards.probability.1",
    "hazards.probability.2",
    "hazards.probability.3",
    "hazards.probability.4",
    "hazards.probability.5",
    "hazards.hours.fire",
    "hazards.hours.flood",
    "hazards.hours.power",
    "hazards.hours.earthquake",
];
pub const SITE_KEYS: &[&str] = &[
    "id",
    "name",
    "description",
    "region",
    "capacity.servers",
    "capacity.racks",
    "capacity.power_kw",
    "capacity.storage_pb",
    "hazards.fire",
    "hazards.flood",
    "hazards.power",
    "power",
    "power.feeds",
    "power.feed_kw",
    "power.ups.modules",
    "power.ups.module_kw",
    "power.ups.redundancy",
    "power.generator_kw",
    "power.fuel_hours",
    "power.cooling_kw",
    "power.pue",
];
pub const SERVICE_KEYS: &[&str] = &[
    "id",
    "name",
    "description",
    "tier",
    "profile",
    "servers",
    "storage_pb",
    "placement",
    "data",
    "failover",
    "standby",
    "slo",
    "growth",
];

pub fn keys(item: ItemRef) -> &'static [&'static str] {
    match item {
        ItemRef::Plan => PLAN_KEYS,
        ItemRef::Policy => POLICY_KEYS,
        ItemRef::Profile(_) => PROFILE_KEYS,
        ItemRef::Region(_) => REGION_KEYS,
        ItemRef::Site(_) => SITE_KEYS,
        ItemRef::Expansion { .. } => EXPANSION_KEYS,
        ItemRef::Service(_) => SERVICE_KEYS,
        ItemRef::Scenario(_) => SCENARIO_KEYS,
    }
}

/// The field at `path`; `None` when the item has no such field now (a power field of a
/// site without a chain, the standby list of a service that is not on standby).
pub fn slot<'a>(plan: &'a mut Plan, path: &FieldPath) -> Result<Option<Slot<'a>>, EditError> {
    if !exists(plan, path.item) {
        return Err(EditError::NoSuchItem(super::item_label(plan, path.item)));
    }
    Ok(item_slot(plan, path.item, path.key))
}

fn item_slot<'a>(plan: &'a mut Plan, item: ItemRef, key: &str) -> Option<Slot<'a>> {
    match item {
        ItemRef::Plan => plan_slot(&mut plan.name, &mut plan.description, key),
        ItemRef::Policy => policy_slot(&mut plan.policy, key),
        ItemRef::Profile(i) => {
            let (name, profile) = plan.profiles.0.get_mut(i)?;
            profile_slot(name, profile, key)
        }
        ItemRef::Region(i) => region_slot(plan.regions.get_mut(i)?, key),
        ItemRef::Site(i) => site_slot(plan.sites.get_mut(i)?, key),
        ItemRef::Expansion { site, index } => {
            expansion_slot(plan.sites.get_mut(site)?.expansions.get_mut(index)?, key)
        }
        ItemRef::Service(i) => service_slot(plan.services.get_mut(i)?, key),
        ItemRef::Scenario(i) => scenario_slot(plan.scenarios.get_mut(i)?, key),
    }
}

fn exists(plan: &Plan, item: ItemRef) -> bool {
    match item {
        ItemRef::Plan | ItemRef::Policy => true,
        ItemRef::Profile(i) => i < plan.profiles.len(),
        ItemRef::Region(i) => i < plan.regions.len(),
        ItemRef::Site(i) => i < plan.sites.len(),
        ItemRef::Expansion { site, index } => plan
            .sites
            .get(site)
            .is_some_and(|s| index < s.expansions.len()),
        ItemRef::Service(i) => i < plan.services.len(),
        ItemRef::Scenario(i) => i < plan.scenarios.len(),
    }
}

/// A copy of one item, so its fields can be listed from a plan that is only borrowed.
enum Owned {
    Plan(String, Option<String>),
    Policy(Box<Policy>),
    Profile(String, Profile),
    Region(Region),
    Site(Box<Site>),
    Expansion(Expansion),
    Service(Box<Service>),
    Scenario(Scenario),
}

impl Owned {
    fn of(plan: &Plan, item: ItemRef) -> Option<Owned> {
        Some(match item {
            ItemRef::Plan => Owned::Plan(plan.name.clone(), plan.description.clone()),
            ItemRef::Policy => Owned::Policy(Box::new(plan.policy.clone())),
            ItemRef::Profile(i) => {
                let (name, profile) = plan.profiles.0.get(i)?;
                Owned::Profile(name.clone(), profile.clone())
            }
            ItemRef::Region(i) => Owned::Region(plan.regions.get(i)?.clone()),
            ItemRef::Site(i) => Owned::Site(Box::new(plan.sites.get(i)?.clone())),
            ItemRef::Expansion { site, index } => {
                Owned::Expansion(plan.sites.get(site)?.expansions.get(index)?.clone())
            }
            ItemRef::Service(i) => Owned::Service(Box::new(plan.services.get(i)?.clone())),
            ItemRef::Scenario(i) => Owned::Scenario(plan.scenarios.get(i)?.clone()),
        })
    }

    fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        match self {
            Owned::Plan(name, description) => plan_slot(name, description, key),
            Owned::Policy(policy) => policy_slot(policy, key),
            Owned::Profile(name, profile) => profile_slot(name, profile, key),
            Owned::Region(region) => region_slot(region, key),
            Owned::Site(site) => site_slot(site, key),
            Owned::Expansion(expansion) => expansion_slot(expansion, key),
            Owned::Service(service) => service_slot(service, key),
            Owned::Scenario(scenario) => scenario_slot(scenario, key),
        }
    }
}

/// Every field `item` has now, in display order: key, kind, text, value.
pub fn snapshot(
    plan: &Plan,
    item: ItemRef,
) -> Result<Vec<(&'static str, FieldKind, String, Value)>, EditError> {
    let mut owned = Owned::of(plan, item)
        .ok_or_else(|| EditError::NoSuchItem(super::item_label(plan, item)))?;
    Ok(keys(item)
        .iter()
        .filter_map(|key| {
            let slot = owned.slot(key)?;
            Some((*key, slot.kind(), slot.text(), slot.value()))
        })
        .collect())
}

/// Parses `text` for the field at `path`; parsing needs the field's current state (a new
/// failover mode keeps the standby list), taken from a copy of the item.
pub fn parse(plan: &Plan, path: &FieldPath, text: &str) -> Result<Value, String> {
    let mut owned = Owned::of(plan, path.item).ok_or_else(|| "no such item".to_string())?;
    match owned.slot(path.key) {
        Some(slot) => slot.parse(text),
        None => Err(format!("no field {}", path.key)),
    }
}

fn no_field(plan: &Plan, path: &FieldPath) -> EditError {
    EditError::NoSuchField {
        item: super::item_label(plan, path.item),
        key: path.key.to_string(),
    }
}

/// The current value at `path`.
pub fn read(plan: &mut Plan, path: &FieldPath) -> Result<Value, EditError> {
    match slot(plan, path)? {
        Some(slot) => Ok(slot.value()),
        None => Err(no_field(plan, path)),
    }
}

/// Stores `value` at `path`.
pub fn write(plan: &mut Plan, path: &FieldPath, value: Value) -> Result<(), EditError> {
    let refused = match slot(plan, path)? {
        Some(slot) => match slot.put(value) {
            Ok(()) => return Ok(()),
            Err(v) => format!("{} does not fit field {}", v.shown(), path.key),
        },
        None => return Err(no_field(plan, path)),
    };
    Err(EditError::Refused(refused))
}

fn plan_slot<'a>(
    name: &'a mut String,
    description: &'a mut Option<String>,
    key: &str,
) -> Option<Slot<'a>> {
    match key {
        "name" => Some(Slot::Text(name)),
        "description" => Some(Slot::OptText(description)),
        _ => None,
    }
}

fn policy_slot<'a>(policy: &'a mut Policy, key: &str) -> Option<Slot<'a>> {
    match key {
        "target_utilization" => Some(Slot::Number(&mut policy.target_utilization)),
        "failover_utilization" => Some(Slot::Number(&mut policy.failover_utilization)),
        "horizon_months" => Some(Slot::Count(&mut policy.horizon_months)),
        _ => hazard_table_slot(&mut policy.hazards, key.strip_prefix("hazards.")?),
    }
}

fn hazard_table_slot<'a>(tables: &'a mut HazardTables, key: &str) -> Option<Slot<'a>> {
    let hours = &mut tables.hours;
    match key {
        "hours.fire" => Some(Slot::Number(&mut hours.fire)),
        "hours.flood" => Some(Slot::Number(&mut hours.flood)),
        "hours.power" => Some(Slot::Number(&mut hours.power)),
        "hours.earthquake" => Some(Slot::Number(&mut hours.earthquake)),
        _ => {
            let rating: usize = key.strip_prefix("probability.")?.parse().ok()?;
            let p = tables.probability.get_mut(rating.checked_sub(1)?)?;
            Some(Slot::Number(p))
        }
    }
}

fn profile_slot<'a>(name: &'a mut String, profile: &'a mut Profile, key: &str) -> Option<Slot<'a>> {
    match key {
        "name" => Some(Slot::Id(name, IdKind::Profile)),
        "power_kw" => Some(Slot::Number(&mut profile.power_kw)),
        "per_rack" => Some(Slot::Number(&mut profile.per_rack)),
        _ => None,
    }
}

fn region_slot<'a>(region: &'a mut Region, key: &str) -> Option<Slot<'a>> {
    match key {
        "id" => Some(Slot::Id(&mut region.id, IdKind::Region)),
        "name" => Some(Slot::Text(&mut region.name)),
        "description" => Some(Slot::OptText(&mut region.description)),
        "earthquake" => Some(Slot::Rating(&mut region.earthquake)),
        _ => None,
    }
}

fn resources_slot<'a>(r: &'a mut Resources, key: &str) -> Option<Slot<'a>> {
    match key {
        "servers" => Some(Slot::Number(&mut r.servers)),
        "racks" => Some(Slot::Number(&mut r.racks)),
        "power_kw" => Some(Slot::Number(&mut r.power_kw)),
        "storage_pb" => Some(Slot::Number(&mut r.storage_pb)),
        _ => None,
    }
}

fn site_slot<'a>(site: &'a mut Site, key: &str) -> Option<Slot<'a>> {
    if let Some(rest) = key.strip_prefix("capacity.") {
        return resources_slot(&mut site.capacity, rest);
    }
    if let Some(rest) = key.strip_prefix("power.") {
        return power_slot(site.power.as_mut()?, rest);
    }
    match key {
        "id" => Some(Slot::Id(&mut site.id, IdKind::Site)),
        "name" => Some(Slot::Text(&mut site.name)),
        "description" => Some(Slot::OptText(&mut site.description)),
        "region" => Some(Slot::Reference(&mut site.region, IdKind::Region)),
        "hazards.fire" => Some(Slot::Rating(&mut site.hazards.fire)),
        "hazards.flood" => Some(Slot::Rating(&mut site.hazards.flood)),
        "hazards.power" => Some(Slot::Rating(&mut site.hazards.power)),
        "power" => Some(Slot::Power(&mut site.power, site.capacity.power_kw)),
        _ => None,
    }
}

fn power_slot<'a>(chain: &'a mut PowerChain, key: &str) -> Option<Slot<'a>> {
    match key {
        "feeds" => Some(Slot::Count(&mut chain.feeds)),
        "feed_kw" => Some(Slot::Number(&mut chain.feed_kw)),
        "ups.modules" => Some(Slot::Count(&mut chain.ups.modules)),
        "ups.module_kw" => Some(Slot::Number(&mut chain.ups.module_kw)),
        "ups.redundancy" => Some(Slot::Redundancy(&mut chain.ups.redundancy)),
        "generator_kw" => Some(Slot::Number(&mut chain.generator_kw)),
        "fuel_hours" => Some(Slot::Number(&mut chain.fuel_hours)),
        "cooling_kw" => Some(Slot::Number(&mut chain.cooling_kw)),
        "pue" => Some(Slot::Number(&mut chain.pue)),
        _ => None,
    }
}

fn expansion_slot<'a>(expansion: &'a mut Expansion, key: &str) -> Option<Slot<'a>> {
    if let Some(rest) = key.strip_prefix("capacity.") {
        return resources_slot(&mut expansion.capacity, rest);
    }
    match key {
        "month" => Some(Slot::Count(&mut expansion.month)),
        "description" => Some(Slot::OptText(&mut expansion.description)),
        _ => None,
    }
}

fn service_slot<'a>(service: &'a mut Service, key: &str) -> Option<Slot<'a>> {
    match key {
        "id" => Some(Slot::Id(&mut service.id, IdKind::Service)),
        "name" => Some(Slot::Text(&mut service.name)),
        "description" => Some(Slot::OptText(&mut service.description)),
        "tier" => Some(Slot::Tier(&mut service.tier)),
        "profile" => Some(Slot::Reference(&mut service.profile, IdKind::Profile)),
        "servers" => Some(Slot::Number(&mut service.servers)),
        "storage_pb" => Some(Slot::Number(&mut service.storage_pb)),
        "placement" => Some(Slot::Placement(&mut service.placement)),
        "data" => Some(Slot::Ids(&mut service.data, IdKind::Site)),
        "failover" => Some(Slot::FailoverMode(&mut service.failover)),
        "standby" => match service.failover {
            Failover::Standby(_) => Some(Slot::Standby(&mut service.failover)),
            _ => None,
        },
        "slo" => Some(Slot::OptNumber(&mut service.slo)),
        "growth" => Some(Slot::Number(&mut service.growth)),
        _ => None,
    }
}

fn scenario_slot<'a>(scenario: &'a mut Scenario, key: &str) -> Option<Slot<'a>> {
    match key {
        "name" => Some(Slot::Text(&mut scenario.name)),
        "description" => Some(Slot::OptText(&mut scenario.description)),
        "fail" => Some(Slot::Ids(&mut scenario.fail, IdKind::Site)),
        "fail_regions" => Some(Slot::Ids(&mut scenario.fail_regions, IdKind::Region)),
        _ => None,
    }
}
