//! A review of a plan change: what changed in the plan (`model::diff`), then what that
//! does to the verdicts: N-1 safety, being within target, both runways, each scenario
//! whose survivability flipped, each site whose utilization moved by more than a point,
//! each service whose availability or SLO verdict changed, and the violations added and
//! removed. In text (colour optional), Markdown for a review comment, and JSON.

use serde::Serialize;

use crate::engine::{Analysis, Resource, Violation};
use crate::model::diff::{Change, ChangeKind};
use crate::model::Plan;

use super::units::{availability, percent};
use super::violations;

/// Utilization moves smaller than this (one point) are not a verdict change.
pub const MOVED: f64 = 0.01;

/// A figure before and after.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Flip<T> {
    pub old: T,
    pub new: T,
}

impl<T: PartialEq> Flip<T> {
    pub fn changed(&self) -> bool {
        self.old != self.new
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioFlip {
    pub name: String,
    pub survivable: Flip<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteMove {
    pub id: String,
    pub resource: &'static str,
    /// `null` for unbounded (no capacity, some load).
    pub utilization: Flip<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceChange {
    pub id: String,
    pub availability: Flip<f64>,
    pub meets_slo: Flip<Option<bool>>,
}

/// A violation named by what it is about, so that one still there with other figures is
/// the same violation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: &'static str,
    pub subject: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdicts {
    pub n1_safe: Flip<bool>,
    pub within_target: Flip<bool>,
    pub capacity_runway_month: Flip<Option<u32>>,
    pub disaster_runway_month: Flip<Option<u32>>,
    pub scenarios: Vec<ScenarioFlip>,
    pub sites: Vec<SiteMove>,
    pub services: Vec<ServiceChange>,
    pub violations_added: Vec<Finding>,
    pub violations_removed: Vec<Finding>,
}

/// The whole review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub schema: u32,
    pub old: String,
    pub new: String,
    pub plan: Vec<Change>,
    pub verdicts: Verdicts,
    /// NEW has a violation OLD had not: what `--check` fails on.
    pub regression: bool,
}

/// A plan with its analysis.
pub struct Side<'a> {
    pub name: &'a str,
    pub plan: &'a Plan,
    pub analysis: &'a Analysis,
}

pub fn review(old: &Side<'_>, new: &Side<'_>, plan: Vec<Change>) -> Review {
    let verdicts = verdicts(old, new);
    Review {
        schema: super::json::SCHEMA,
        old: printable(old.name),
        new: printable(new.name),
        plan,
        regression: !verdicts.violations_added.is_empty(),
        verdicts,
    }
}

fn verdicts(old: &Side<'_>, new: &Side<'_>) -> Verdicts {
    let (a, b) = (old.analysis, new.analysis);
    let (before, after) = (findings(old), findings(new));
    let missing = |from: &[Finding], of: &[Finding]| -> Vec<Finding> {
        of.iter()
            .filter(|f| {
                !from
                    .iter()
                    .any(|g| g.kind == f.kind && g.subject == f.subject)
            })
            .cloned()
            .collect()
    };
    Verdicts {
        n1_safe: Flip {
            old: a.n1_safe,
            new: b.n1_safe,
        },
        within_target: Flip {
            old: a.within_target,
            new: b.within_target,
        },
        capacity_runway_month: Flip {
            old: a.runway.capacity.as_ref().map(|c| c.month),
            new: b.runway.capacity.as_ref().map(|c| c.month),
        },
        disaster_runway_month: Flip {
            old: a.runway.disaster.as_ref().map(|d| d.month),
            new: b.runway.disaster.as_ref().map(|d| d.month),
        },
        scenarios: b
            .scenarios
            .iter()
            .filter_map(|s| {
                let was = a.scenarios.iter().find(|o| o.def.name == s.def.name)?;
                (was.result.survivable != s.result.survivable).then(|| ScenarioFlip {
                    name: printable(&s.def.name),
                    survivable: Flip {
                        old: was.result.survivable,
                        new: s.result.survivable,
                    },
                })
            })
            .collect(),
        sites: site_moves(old, new),
        services: service_changes(old, new),
        violations_added: missing(&before, &after),
        violations_removed: missing(&after, &before),
    }
}

fn site_moves(old: &Side<'_>, new: &Side<'_>) -> Vec<SiteMove> {
    let mut out = Vec::new();
    for (j, site) in new.plan.sites.iter().enumerate() {
        let Some(i) = old.plan.sites.iter().position(|s| s.id == site.id) else {
            continue;
        };
        let (Some(was), Some(now)) = (old.analysis.sites.get(i), new.analysis.sites.get(j)) else {
            continue;
        };
        for r in Resource::ALL {
            let (x, y) = (was.utilization[r.index()], now.utilization[r.index()]);
            let moved = match (x, y) {
                (Some(x), Some(y)) => (y - x).abs() > MOVED,
                (None, None) => false,
                _ => true,
            };
            if moved {
                out.push(SiteMove {
                    id: printable(&site.id),
                    resource: r.field(),
                    utilization: Flip { old: x, new: y },
                });
            }
        }
    }
    out
}

fn service_changes(old: &Side<'_>, new: &Side<'_>) -> Vec<ServiceChange> {
    let mut out = Vec::new();
    for (j, service) in new.plan.services.iter().enumerate() {
        let Some(i) = old.plan.services.iter().position(|s| s.id == service.id) else {
            continue;
        };
        let (Some(was), Some(now)) = (old.analysis.services.get(i), new.analysis.services.get(j))
        else {
            continue;
        };
        let change = ServiceChange {
            id: printable(&service.id),
            availability: Flip {
                old: was.exposure.availability,
                new: now.exposure.availability,
            },
            meets_slo: Flip {
                old: was.meets_slo,
                new: now.meets_slo,
            },
        };
        // Availability counts as changed when the figure shown changes.
        let shown = availability(change.availability.old) != availability(change.availability.new);
        if shown || change.meets_slo.changed() {
            out.push(change);
        }
    }
    out
}

fn findings(side: &Side<'_>) -> Vec<Finding> {
    let (plan, a) = (side.plan, side.analysis);
    a.violations
        .iter()
        .map(|v| Finding {
            kind: violations::kind(v),
            subject: printable(&subject(plan, a, v)),
            message: printable(&violations::message(plan, a, v)),
        })
        .collect()
}

fn subject(plan: &Plan, a: &Analysis, v: &Violation) -> String {
    match *v {
        Violation::OverTarget { site, resource } => plan
            .sites
            .get(site)
            .map_or(String::new(), |s| format!("{} {}", s.id, resource.field())),
        Violation::NotSurvivable { scenario } => a
            .scenarios
            .get(scenario)
            .map_or(String::new(), |s| s.def.name.clone()),
        Violation::SloMiss { service } => plan
            .services
            .get(service)
            .map_or(String::new(), |s| s.id.clone()),
    }
}

/// Text from a plan made safe to show: control characters (a terminal's escape codes
/// among them) are written as escapes, never passed through.
pub fn printable(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match c {
            c if c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn month(m: Option<u32>) -> String {
    m.map_or("beyond horizon".to_string(), |m| format!("month {m}"))
}

fn utilization(u: Option<f64>) -> String {
    u.map_or("unbounded".to_string(), percent)
}

fn slo(m: Option<bool>) -> &'static str {
    match m {
        Some(true) => "meets its SLO",
        Some(false) => "misses its SLO",
        None => "no SLO",
    }
}

/// One line per fact, the same words in text, Markdown and the interactive view: (sign,
/// words), where the sign is `+` better or added, `-` worse or removed, `~` changed.
pub fn plan_lines(changes: &[Change]) -> Vec<(char, String)> {
    changes
        .iter()
        .map(|c| {
            let (sign, words) = match (c.kind, &c.field) {
                (ChangeKind::Added, _) => (
                    '+',
                    format!("{} added: {}", c.item, c.new.as_deref().unwrap_or("")),
                ),
                (ChangeKind::Removed, _) => ('-', format!("{} removed", c.item)),
                (ChangeKind::Changed, field) => (
                    '~',
                    format!(
                        "{} {}: {} → {}",
                        c.item,
                        field.as_deref().unwrap_or("value"),
                        c.old.as_deref().unwrap_or(""),
                        c.new.as_deref().unwrap_or("")
                    ),
                ),
            };
            (sign, printable(&words))
        })
        .collect()
}

fn better(good: bool) -> char {
    if good {
        '+'
    } else {
        '-'
    }
}

/// Later is better for a runway month; none (beyond the horizon) is best.
fn later(old: Option<u32>, new: Option<u32>) -> bool {
    match (old, new) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => b > a,
    }
}

fn verdict_lines(v: &Verdicts) -> Vec<(char, String)> {
    let mut lines = Vec::new();
    if v.n1_safe.changed() {
        lines.push((
            better(v.n1_safe.new),
            format!(
                "N-1 safe: {} → {}",
                yes_no(v.n1_safe.old),
                yes_no(v.n1_safe.new)
            ),
        ));
    }
    if v.within_target.changed() {
        lines.push((
            better(v.within_target.new),
            format!(
                "within target: {} → {}",
                yes_no(v.within_target.old),
                yes_no(v.within_target.new)
            ),
        ));
    }
    for (name, flip) in [
        ("capacity runway", v.capacity_runway_month),
        ("disaster runway", v.disaster_runway_month),
    ] {
        if flip.changed() {
            lines.push((
                better(later(flip.old, flip.new)),
                format!("{name}: {} → {}", month(flip.old), month(flip.new)),
            ));
        }
    }
    for s in &v.scenarios {
        lines.push((
            better(s.survivable.new),
            format!(
                "scenario \"{}\" survivable: {} → {}",
                s.name,
                yes_no(s.survivable.old),
                yes_no(s.survivable.new)
            ),
        ));
    }
    for s in &v.sites {
        let lower = match (s.utilization.old, s.utilization.new) {
            (Some(a), Some(b)) => b < a,
            (None, _) => true,
            (Some(_), None) => false,
        };
        lines.push((
            better(lower),
            format!(
                "site \"{}\" {} utilization: {} → {}",
                s.id,
                s.resource,
                utilization(s.utilization.old),
                utilization(s.utilization.new)
            ),
        ));
    }
    for s in &v.services {
        let sign = match (s.meets_slo.old, s.meets_slo.new) {
            (Some(false), Some(true)) => '+',
            (Some(true), Some(false)) => '-',
            _ => better(s.availability.new >= s.availability.old),
        };
        let verdict = if s.meets_slo.changed() {
            format!(", {} → {}", slo(s.meets_slo.old), slo(s.meets_slo.new))
        } else {
            String::new()
        };
        lines.push((
            sign,
            format!(
                "service \"{}\" availability: {} → {}{verdict}",
                s.id,
                availability(s.availability.old),
                availability(s.availability.new)
            ),
        ));
    }
    for f in &v.violations_added {
        lines.push(('-', format!("violation added: {}: {}", f.kind, f.message)));
    }
    for f in &v.violations_removed {
        lines.push(('+', format!("violation removed: {}: {}", f.kind, f.message)));
    }
    lines
}

/// One sentence: how much changed, and whether it is a regression.
pub fn summary(r: &Review) -> String {
    let count = |kind| r.plan.iter().filter(|c| c.kind == kind).count();
    let v = &r.verdicts;
    let verdicts = verdict_lines(v).len();
    format!(
        "{} added, {} removed, {} changed in the plan; {} verdict change{}; {} violation{} added, {} removed{}",
        count(ChangeKind::Added),
        count(ChangeKind::Removed),
        count(ChangeKind::Changed),
        verdicts,
        if verdicts == 1 { "" } else { "s" },
        v.violations_added.len(),
        if v.violations_added.len() == 1 { "" } else { "s" },
        v.violations_removed.len(),
        if r.regression { ": a regression" } else { "" },
    )
}

pub fn text(r: &Review, color: bool) -> String {
    let paint = |sign: char, line: String| {
        let code = match sign {
            '+' => "32",
            '-' => "31",
            _ => "33",
        };
        if color {
            format!("  \x1b[{code}m{sign} {line}\x1b[0m")
        } else {
            format!("  {sign} {line}")
        }
    };
    let mut out = vec![
        format!("headroom diff {} → {}", r.old, r.new),
        summary(r),
        String::new(),
    ];
    out.push("Plan changes".to_string());
    let plan = plan_lines(&r.plan);
    if plan.is_empty() {
        out.push("  none".to_string());
    }
    out.extend(plan.into_iter().map(|(s, l)| paint(s, l)));
    out.push(String::new());
    out.push("Verdict changes".to_string());
    let verdicts = verdict_lines(&r.verdicts);
    if verdicts.is_empty() {
        out.push("  none".to_string());
    }
    out.extend(verdicts.into_iter().map(|(s, l)| paint(s, l)));
    out.push(String::new());
    out.join("\n")
}

/// Markdown for a review comment: `diff` code blocks, which a code host colours by sign.
pub fn markdown(r: &Review) -> String {
    let block = |lines: Vec<(char, String)>| {
        if lines.is_empty() {
            return "No changes.\n".to_string();
        }
        let body: String = lines
            .into_iter()
            .map(|(sign, line)| format!("{sign} {}\n", line.replace("```", "'''")))
            .collect();
        format!("```diff\n{body}```\n")
    };
    let code = |s: &str| s.replace('`', "'");
    format!(
        "## headroom diff: `{}` → `{}`\n\n**{}**\n\n### Plan changes\n\n{}\n### Verdict changes\n\n{}",
        code(&r.old),
        code(&r.new),
        summary(r),
        block(plan_lines(&r.plan)),
        block(verdict_lines(&r.verdicts)),
    )
}

pub fn json(r: &Review) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_from_a_plan_are_written_as_escapes() {
        assert_eq!(printable("ok"), "ok");
        assert_eq!(printable("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\n");
    }

    #[test]
    fn a_later_runway_is_better_and_beyond_the_horizon_best() {
        assert!(later(Some(3), Some(5)));
        assert!(later(Some(3), None));
        assert!(!later(None, Some(30)));
        assert!(!later(Some(5), Some(3)));
    }
}
