//! Adding, duplicating and deleting whole items, renaming ids, and what refers to what.

use super::{describe, item_label, Change, Collection, Edit, EditError, IdKind, Item, ItemRef};
use crate::model::{
    Expansion, Failover, OrderedMap, Plan, Profile, Region, Resources, Scenario, Service, Site,
    SiteHazards, Tier,
};

fn no_item(plan: &Plan, collection: Collection, index: usize) -> EditError {
    EditError::NoSuchItem(item_label(plan, ItemRef::at(collection, index)))
}

fn mismatch(collection: Collection) -> EditError {
    EditError::Refused(format!(
        "that item does not belong in the {}",
        collection.name()
    ))
}

fn len(plan: &Plan, collection: Collection) -> Option<usize> {
    Some(match collection {
        Collection::Profiles => plan.profiles.len(),
        Collection::Regions => plan.regions.len(),
        Collection::Sites => plan.sites.len(),
        Collection::Expansions { site } => plan.sites.get(site)?.expansions.len(),
        Collection::Services => plan.services.len(),
        Collection::Scenarios => plan.scenarios.len(),
    })
}

/// Puts `item` at `index` of `collection` (index = length appends).
pub fn insert(
    plan: &mut Plan,
    collection: Collection,
    index: usize,
    item: Item,
) -> Result<(), EditError> {
    if len(plan, collection).is_none_or(|n| index > n) {
        return Err(no_item(plan, collection, index));
    }
    match (collection, item) {
        (Collection::Profiles, Item::Profile { name, profile }) => {
            plan.profiles.0.insert(index, (name, profile))
        }
        (Collection::Regions, Item::Region(r)) => plan.regions.insert(index, r),
        (Collection::Sites, Item::Site(s)) => plan.sites.insert(index, s),
        (Collection::Expansions { site }, Item::Expansion(e)) => match plan.sites.get_mut(site) {
            Some(s) => s.expansions.insert(index, e),
            None => return Err(no_item(plan, collection, index)),
        },
        (Collection::Services, Item::Service(s)) => plan.services.insert(index, s),
        (Collection::Scenarios, Item::Scenario(s)) => plan.scenarios.insert(index, s),
        _ => return Err(mismatch(collection)),
    }
    Ok(())
}

/// Takes the item at `index` out of `collection`.
pub fn remove(plan: &mut Plan, collection: Collection, index: usize) -> Result<Item, EditError> {
    if len(plan, collection).is_none_or(|n| index >= n) {
        return Err(no_item(plan, collection, index));
    }
    Ok(match collection {
        Collection::Profiles => {
            let (name, profile) = plan.profiles.0.remove(index);
            Item::Profile { name, profile }
        }
        Collection::Regions => Item::Region(plan.regions.remove(index)),
        Collection::Sites => Item::Site(plan.sites.remove(index)),
        Collection::Expansions { site } => match plan.sites.get_mut(site) {
            Some(s) => Item::Expansion(s.expansions.remove(index)),
            None => return Err(no_item(plan, collection, index)),
        },
        Collection::Services => Item::Service(plan.services.remove(index)),
        Collection::Scenarios => Item::Scenario(plan.scenarios.remove(index)),
    })
}

/// How an item not yet in the plan will be named once inserted at `index`.
pub fn label(item: &Item, collection: Collection, index: usize, plan: &Plan) -> String {
    match item {
        Item::Profile { name, .. } => format!("profile \"{name}\""),
        Item::Region(r) => format!("region \"{}\"", r.id),
        Item::Site(s) => format!("site \"{}\"", s.id),
        Item::Expansion(_) => match collection {
            Collection::Expansions { site } => format!(
                "{} expansion {}",
                item_label(plan, ItemRef::Site(site)),
                index + 1
            ),
            _ => format!("expansion {}", index + 1),
        },
        Item::Service(s) => format!("service \"{}\"", s.id),
        Item::Scenario(s) => format!("scenario \"{}\"", s.name),
    }
}

/// Every id of `kind` in plan order: the choices for a reference or id-list field.
pub fn ids(plan: &Plan, kind: IdKind) -> Vec<&str> {
    match kind {
        IdKind::Profile => plan.profiles.keys().collect(),
        IdKind::Region => plan.regions.iter().map(|r| r.id.as_str()).collect(),
        IdKind::Site => plan.sites.iter().map(|s| s.id.as_str()).collect(),
        IdKind::Service => plan.services.iter().map(|s| s.id.as_str()).collect(),
    }
}

fn id_of(plan: &Plan, item: ItemRef) -> Option<(IdKind, &str)> {
    match item {
        ItemRef::Profile(i) => Some((IdKind::Profile, plan.profiles.0.get(i)?.0.as_str())),
        ItemRef::Region(i) => Some((IdKind::Region, plan.regions.get(i)?.id.as_str())),
        ItemRef::Site(i) => Some((IdKind::Site, plan.sites.get(i)?.id.as_str())),
        ItemRef::Service(i) => Some((IdKind::Service, plan.services.get(i)?.id.as_str())),
        _ => None,
    }
}

/// Calls `$visit(kind, owner, owner_id, field, reference)` for every place the plan names
/// another item by id, in plan order; with `mut`, each reference can be changed. Rename,
/// delete and the references list all follow this one walk: a new kind of reference
/// (a service's `depends_on`) is one line here.
macro_rules! each_reference {
    ($plan:expr, $visit:expr $(, $m:tt)?) => {{
        let visit = &mut $visit;
        for s in &$($m)? $plan.sites {
            visit(IdKind::Region, "site", &s.id, "region", &$($m)? s.region);
        }
        for s in &$($m)? $plan.services {
            visit(IdKind::Profile, "service", &s.id, "profile", &$($m)? s.profile);
            for (site, _) in &$($m)? s.placement.0 {
                visit(IdKind::Site, "service", &s.id, "placement", site);
            }
            for site in &$($m)? s.data {
                visit(IdKind::Site, "service", &s.id, "data", site);
            }
            if let Failover::Standby(list) = &$($m)? s.failover {
                for site in list {
                    visit(IdKind::Site, "service", &s.id, "standby", site);
                }
            }
        }
        for s in &$($m)? $plan.scenarios {
            for site in &$($m)? s.fail {
                visit(IdKind::Site, "scenario", &s.name, "", site);
            }
            for region in &$($m)? s.fail_regions {
                visit(IdKind::Region, "scenario", &s.name, "", region);
            }
        }
    }};
}

/// What refers to the id `id` of kind `kind`, named as a planner reads it, each place once.
fn references_to(plan: &Plan, kind: IdKind, id: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut note = |k: IdKind, owner: &str, owner_id: &String, field: &str, r: &String| {
        if k != kind || r != id {
            return;
        }
        let place = match field {
            "" => format!("{owner} \"{owner_id}\""),
            field => format!("{owner} \"{owner_id}\" {field}"),
        };
        if !out.contains(&place) {
            out.push(place);
        }
    };
    each_reference!(plan, note);
    out
}

/// What in the plan refers to `item`, so an editor can say so before deleting it. Only
/// items known by an id are referred to.
pub fn references(plan: &Plan, item: ItemRef) -> Vec<String> {
    match id_of(plan, item) {
        Some((kind, id)) => references_to(plan, kind, id),
        None => Vec::new(),
    }
}

/// Gives the item of `kind` known as `old` the id `new`, in the item and every reference.
/// Refused when `new` is taken or already referred to, so the inverse rename is exact.
pub fn rename(plan: &mut Plan, kind: IdKind, old: &str, new: &str) -> Result<(), EditError> {
    if !ids(plan, kind).contains(&old) {
        return Err(EditError::NoSuchItem(format!("{} \"{old}\"", kind.name())));
    }
    if new.is_empty() {
        return Err(EditError::Refused(format!(
            "a {} id cannot be empty",
            kind.name()
        )));
    }
    if ids(plan, kind).contains(&new) || !references_to(plan, kind, new).is_empty() {
        return Err(EditError::IdTaken {
            kind: kind.name(),
            id: new.to_string(),
        });
    }
    let swap = |s: &mut String| {
        if s == old {
            *s = new.to_string();
        }
    };
    match kind {
        IdKind::Profile => plan.profiles.0.iter_mut().for_each(|(k, _)| swap(k)),
        IdKind::Region => plan.regions.iter_mut().for_each(|r| swap(&mut r.id)),
        IdKind::Site => plan.sites.iter_mut().for_each(|s| swap(&mut s.id)),
        IdKind::Service => plan.services.iter_mut().for_each(|s| swap(&mut s.id)),
    }
    let mut carry = |k: IdKind, _: &str, _: &String, _: &str, r: &mut String| {
        if k == kind {
            swap(r);
        }
    };
    each_reference!(plan, carry, mut);
    Ok(())
}

/// `prefix-N` for the smallest N ≥ count + 1 that no item of the collection uses.
fn fresh_id(taken: &[&str], prefix: &str) -> String {
    (taken.len() + 1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| !taken.contains(&id.as_str()))
        .unwrap_or_else(|| prefix.to_string())
}

/// `ID-copy`, then `ID-copy-2`, … until one is free.
fn copy_id(taken: &[&str], id: &str) -> String {
    let first = format!("{id}-copy");
    if !taken.contains(&first.as_str()) {
        return first;
    }
    (2..)
        .map(|n| format!("{first}-{n}"))
        .find(|id| !taken.contains(&id.as_str()))
        .unwrap_or(first)
}

fn taken(plan: &Plan, collection: Collection) -> Vec<&str> {
    match collection {
        Collection::Profiles => ids(plan, IdKind::Profile),
        Collection::Regions => ids(plan, IdKind::Region),
        Collection::Sites => ids(plan, IdKind::Site),
        Collection::Services => plan.services.iter().map(|s| s.id.as_str()).collect(),
        Collection::Scenarios => plan.scenarios.iter().map(|s| s.name.as_str()).collect(),
        Collection::Expansions { .. } => Vec::new(),
    }
}

/// A new item with defaults that keep the plan valid: zero capacity and load, ratings 1,
/// the first region and profile. A site needs a region and a service a profile first.
fn new_item(plan: &Plan, collection: Collection) -> Result<Item, EditError> {
    let taken = taken(plan, collection);
    Ok(match collection {
        Collection::Profiles => Item::Profile {
            name: fresh_id(&taken, "profile"),
            profile: Profile {
                power_kw: 0.5,
                per_rack: 20.0,
            },
        },
        Collection::Regions => {
            let id = fresh_id(&taken, "region");
            Item::Region(Region {
                name: id.clone(),
                id,
                description: None,
                earthquake: 1,
            })
        }
        Collection::Sites => {
            let region = plan
                .regions
                .first()
                .ok_or_else(|| EditError::Refused("add a region before a site".to_string()))?;
            let id = fresh_id(&taken, "site");
            Item::Site(Site {
                name: id.clone(),
                id,
                description: None,
                region: region.id.clone(),
                capacity: Resources::default(),
                hazards: SiteHazards {
                    fire: 1,
                    flood: 1,
                    power: 1,
                },
                power: None,
                expansions: Vec::new(),
            })
        }
        Collection::Expansions { site } => {
            if plan.sites.get(site).is_none() {
                return Err(EditError::NoSuchItem(item_label(plan, ItemRef::Site(site))));
            }
            Item::Expansion(Expansion {
                month: plan.policy.horizon_months.min(12),
                capacity: Resources::default(),
                description: None,
            })
        }
        Collection::Services => {
            let profile =
                plan.profiles.keys().next().ok_or_else(|| {
                    EditError::Refused("add a profile before a service".to_string())
                })?;
            let id = fresh_id(&taken, "service");
            Item::Service(Service {
                name: id.clone(),
                id,
                description: None,
                tier: Tier::Standard,
                profile: profile.to_string(),
                servers: 0.0,
                storage_pb: 0.0,
                placement: OrderedMap::default(),
                data: Vec::new(),
                failover: Failover::ActiveActive,
                slo: None,
                growth: 0.0,
            })
        }
        Collection::Scenarios => Item::Scenario(Scenario {
            name: fresh_id(&taken, "scenario"),
            description: None,
            // A scenario must fail something; the first site is a start the planner edits.
            fail: plan.sites.iter().take(1).map(|s| s.id.clone()).collect(),
            fail_regions: Vec::new(),
        }),
    })
}

fn insert_edit(plan: &Plan, collection: Collection, index: usize, item: Item) -> Edit {
    let change = Change::Insert {
        collection,
        index,
        item: Box::new(item),
    };
    let name = describe(plan, &change);
    Edit { change, name }
}

/// The edit that appends a new item to `collection`; the new item is at
/// `ItemRef::at(collection, old length)` once applied.
pub fn add(plan: &Plan, collection: Collection) -> Result<Edit, EditError> {
    let index =
        len(plan, collection).ok_or_else(|| EditError::NoSuchItem(format!("{collection:?}")))?;
    let item = new_item(plan, collection)?;
    Ok(insert_edit(plan, collection, index, item))
}

/// The edit that puts a copy of `item` right after it, under a new unique id. Nothing
/// refers to the copy: a duplicated site carries no load until services are placed there.
pub fn duplicate(plan: &Plan, item: ItemRef) -> Result<Edit, EditError> {
    let (collection, index) = item.position().ok_or_else(|| {
        EditError::Refused(format!("{} cannot be duplicated", item_label(plan, item)))
    })?;
    let missing = || EditError::NoSuchItem(item_label(plan, item));
    let taken = taken(plan, collection);
    let copy = match item {
        ItemRef::Profile(i) => {
            let (name, profile) = plan.profiles.0.get(i).ok_or_else(missing)?;
            Item::Profile {
                name: copy_id(&taken, name),
                profile: profile.clone(),
            }
        }
        ItemRef::Region(i) => {
            let mut r = plan.regions.get(i).ok_or_else(missing)?.clone();
            r.id = copy_id(&taken, &r.id);
            Item::Region(r)
        }
        ItemRef::Site(i) => {
            let mut s = plan.sites.get(i).ok_or_else(missing)?.clone();
            s.id = copy_id(&taken, &s.id);
            Item::Site(s)
        }
        ItemRef::Expansion { site, index } => Item::Expansion(
            plan.sites
                .get(site)
                .and_then(|s| s.expansions.get(index))
                .ok_or_else(missing)?
                .clone(),
        ),
        ItemRef::Service(i) => {
            let mut s = plan.services.get(i).ok_or_else(missing)?.clone();
            s.id = copy_id(&taken, &s.id);
            Item::Service(s)
        }
        ItemRef::Scenario(i) => {
            let mut s = plan.scenarios.get(i).ok_or_else(missing)?.clone();
            s.name = copy_id(&taken, &s.name);
            Item::Scenario(s)
        }
        ItemRef::Plan | ItemRef::Policy => return Err(missing()),
    };
    Ok(insert_edit(plan, collection, index + 1, copy))
}

/// The edit that deletes `item`. Refused while anything refers to it; the error lists
/// every reference, the same list [`references`] gives.
pub fn delete(plan: &Plan, item: ItemRef) -> Result<Edit, EditError> {
    let (collection, index) = item.position().ok_or_else(|| {
        EditError::Refused(format!("{} cannot be deleted", item_label(plan, item)))
    })?;
    if len(plan, collection).is_none_or(|n| index >= n) {
        return Err(EditError::NoSuchItem(item_label(plan, item)));
    }
    let refs = references(plan, item);
    if !refs.is_empty() {
        return Err(EditError::Referenced {
            item: item_label(plan, item),
            references: refs,
        });
    }
    let change = Change::Remove { collection, index };
    let name = describe(plan, &change);
    Ok(Edit { change, name })
}
