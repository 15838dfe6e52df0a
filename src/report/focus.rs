//! The scenario a report looks at in detail: one of the analysis' scenarios by name, or a
//! what-if failure of sites and regions named on the command line.

use thiserror::Error;

use crate::engine::{Analysis, ScenarioResult};
use crate::model::Plan;

#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    pub name: String,
    pub result: ScenarioResult,
}

/// A name the plan does not hold, with the names it does hold so the user can pick one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FocusError {
    #[error("no site \"{name}\" in the plan; its sites are: {valid}")]
    Site { name: String, valid: String },
    #[error("no region \"{name}\" in the plan; its regions are: {valid}")]
    Region { name: String, valid: String },
    #[error("no scenario \"{name}\" in the plan; its scenarios are: {valid}")]
    Scenario { name: String, valid: String },
}

/// The failure of `sites` together with every site of `regions`, worked out against the
/// analysis' normal operation.
pub fn what_if(
    plan: &Plan,
    a: &Analysis,
    sites: &[String],
    regions: &[String],
) -> Result<Focus, FocusError> {
    let mut failed = Vec::new();
    for id in sites {
        let j = plan
            .sites
            .iter()
            .position(|s| s.id == *id)
            .ok_or_else(|| FocusError::Site {
                name: id.clone(),
                valid: list(plan.sites.iter().map(|s| s.id.as_str())),
            })?;
        failed.push(j);
    }
    for id in regions {
        if plan.region(id).is_none() {
            return Err(FocusError::Region {
                name: id.clone(),
                valid: list(plan.regions.iter().map(|r| r.id.as_str())),
            });
        }
        failed.extend(
            plan.sites
                .iter()
                .enumerate()
                .filter(|(_, s)| s.region == *id)
                .map(|(j, _)| j),
        );
    }
    let named: Vec<String> = sites
        .iter()
        .cloned()
        .chain(regions.iter().map(|r| format!("region {r}")))
        .collect();
    Ok(Focus {
        name: format!("what-if: {} down", named.join(" + ")),
        result: a.what_if(&failed),
    })
}

/// One of the analysis' scenarios (`site:ID`, `region:ID` or the plan's own) by name.
pub fn scenario(a: &Analysis, name: &str) -> Result<Focus, FocusError> {
    a.scenarios
        .iter()
        .find(|sc| sc.def.name == name)
        .map(|sc| Focus {
            name: sc.def.name.clone(),
            result: sc.result.clone(),
        })
        .ok_or_else(|| FocusError::Scenario {
            name: name.to_string(),
            valid: list(
                a.scenarios
                    .iter()
                    .map(|sc| format!("\"{}\"", sc.def.name))
                    .collect::<Vec<_>>()
                    .iter()
                    .map(String::as_str),
            ),
        })
}

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        "(none)".to_string()
    } else {
        names.join(", ")
    }
}
