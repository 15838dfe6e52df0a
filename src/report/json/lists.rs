//! The report's long lists, sites, scenarios and services, written member by member and
//! a chunk of items per thread: on a hyperscale plan they are nearly all of its bytes.

use std::io::{self, Write};

use crate::engine::{utilizations, Analysis, Res, Resource, Scenario, ScenarioKind};
use crate::model::Plan;

use super::object::{self, Object};

/// Items per chunk handed to a thread: a couple of hundred kilobytes on a hyperscale
/// plan, which stay in the core's cache while they are written, and far more work than
/// handing them over.
const SITES_PER_CHUNK: usize = 256;
const SCENARIOS_PER_CHUNK: usize = 1;
const SERVICES_PER_CHUNK: usize = 1024;

/// What the long lists are written from.
pub struct Lists<'a> {
    plan: &'a Plan,
    a: &'a Analysis,
    sites: Quoted,
    services: Quoted,
}

impl<'a> Lists<'a> {
    pub fn new(plan: &'a Plan, a: &'a Analysis) -> io::Result<Self> {
        Ok(Lists {
            plan,
            a,
            sites: Quoted::of(plan.sites.iter().map(|s| s.id.as_str()))?,
            services: Quoted::of(plan.services.iter().map(|s| s.id.as_str()))?,
        })
    }

    /// The `sites` member of `report`, streamed to `out`.
    pub fn sites<W: Write>(&self, report: &mut Object, out: &mut W) -> io::Result<()> {
        let n = self.plan.sites.len().min(self.a.sites.len());
        report.array(out, "sites", n, SITES_PER_CHUNK, |buf, depth, j| {
            self.site(buf, depth, j)
        })
    }

    /// The `scenarios` member of `report`, streamed to `out`.
    pub fn scenarios<W: Write>(&self, report: &mut Object, out: &mut W) -> io::Result<()> {
        let all = &self.a.scenarios;
        report.array(
            out,
            "scenarios",
            all.len(),
            SCENARIOS_PER_CHUNK,
            |buf, depth, i| self.scenario(buf, depth, &all[i]),
        )
    }

    /// The `services` member of `report`, streamed to `out`.
    pub fn services<W: Write>(&self, report: &mut Object, out: &mut W) -> io::Result<()> {
        let n = self.plan.services.len().min(self.a.services.len());
        report.array(out, "services", n, SERVICES_PER_CHUNK, |buf, depth, i| {
            self.service(buf, depth, i)
        })
    }

    fn site(&self, buf: &mut Vec<u8>, depth: usize, j: usize) -> io::Result<()> {
        let (site, f) = (&self.plan.sites[j], &self.a.sites[j]);
        let mut o = Object::open(buf, depth);
        o.json("id", self.sites.get(j))?;
        o.str("name", &site.name)?;
        o.str("region", &site.region)?;
        vector(o.object("capacity"), &f.capacity)?;
        vector(o.object("load"), &f.load)?;
        utilization(o.object("utilization"), &f.utilization)?;
        vector(o.object("headroom"), &f.headroom)?;
        o.word("power_binding", f.power.binding.name())?;
        o.f64("stranded_power_kw", f.power.stranded_kw)?;
        o.close();
        Ok(())
    }

    fn scenario(&self, buf: &mut Vec<u8>, depth: usize, sc: &Scenario) -> io::Result<()> {
        let result = &sc.result;
        let mut o = Object::open(buf, depth);
        o.str("name", &sc.def.name)?;
        o.word("kind", kind_name(sc.def.kind))?;
        o.list("failed", &result.failed, |buf, _, &j| {
            buf.write_all(self.sites.get(j))
        })?;
        o.bool("survivable", result.survivable)?;
        o.list("sites", &result.receiving, |buf, depth, (j, load)| {
            self.receiving_site(buf, depth, *j, load)
        })?;
        o.list("services", &result.services, |buf, depth, outcome| {
            let mut s = Object::open(buf, depth);
            s.json("id", self.services.get(outcome.service))?;
            s.f64("served", outcome.served)?;
            s.bool("data_available", outcome.data_available)?;
            s.close();
            Ok(())
        })?;
        o.close();
        Ok(())
    }

    /// A site a scenario asks to carry more: the load it is asked to carry, and how that
    /// load stands against its capacity and failover limit.
    fn receiving_site(
        &self,
        buf: &mut Vec<u8>,
        depth: usize,
        j: usize,
        load: &Res,
    ) -> io::Result<()> {
        let cap = self.a.state.capacity[j];
        let limit = self.a.state.failover_utilization;
        let mut o = Object::open(buf, depth);
        o.json("id", self.sites.get(j))?;
        vector(o.object("load"), load)?;
        utilization(o.object("utilization"), &utilizations(load, &cap))?;
        vector(o.object("headroom"), &(cap * limit - load))?;
        o.close();
        Ok(())
    }

    fn service(&self, buf: &mut Vec<u8>, depth: usize, i: usize) -> io::Result<()> {
        let (svc, f) = (&self.plan.services[i], &self.a.services[i]);
        let mut o = Object::open(buf, depth);
        o.json("id", self.services.get(i))?;
        o.word("tier", svc.tier.name())?;
        o.f64("served", f.served)?;
        o.f64("downtime_hours", f.exposure.downtime_hours)?;
        o.f64("availability", f.exposure.availability)?;
        o.opt_f64("slo", svc.slo)?;
        o.opt_bool("meets_slo", f.meets_slo)?;
        o.close();
        Ok(())
    }
}

/// A resource vector as an object keyed by the plan's field names.
fn vector(mut o: Object, v: &Res) -> io::Result<()> {
    for r in Resource::ALL {
        o.f64(r.field(), v[r.index()])?;
    }
    o.close();
    Ok(())
}

/// Utilization per resource; `null` where it is unbounded (capacity 0, load above 0).
fn utilization(mut o: Object, u: &[Option<f64>; 4]) -> io::Result<()> {
    for r in Resource::ALL {
        o.opt_f64(r.field(), u[r.index()])?;
    }
    o.close();
    Ok(())
}

fn kind_name(kind: ScenarioKind) -> &'static str {
    match kind {
        ScenarioKind::Site(_) => "site",
        ScenarioKind::Region(_) => "region",
        ScenarioKind::Plan(_) => "plan",
    }
}

/// Ids as JSON strings, escaped and quoted once, end to end: the scenarios mention each
/// id hundreds of times over, and reading it from its record, far apart in memory, is a
/// cache miss each time.
struct Quoted {
    text: Vec<u8>,
    ends: Vec<usize>,
}

impl Quoted {
    fn of<'s>(ids: impl ExactSizeIterator<Item = &'s str>) -> io::Result<Quoted> {
        let mut all = Quoted {
            text: Vec::new(),
            ends: Vec::with_capacity(ids.len()),
        };
        for id in ids {
            object::string(&mut all.text, id)?;
            all.ends.push(all.text.len());
        }
        Ok(all)
    }

    fn get(&self, i: usize) -> &[u8] {
        let start = i.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[i]]
    }
}
