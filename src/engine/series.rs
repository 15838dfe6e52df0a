//! One site's load and capacity month by month, for the runway chart.

use super::compiled::Compiled;
use super::resources::Res;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthFigures {
    pub month: u32,
    pub load: Res,
    pub capacity: Res,
}

/// Touches only the services placed at or holding data on the site.
pub fn site_series(model: &Compiled, site: usize, horizon_months: u32) -> Vec<MonthFigures> {
    let (Some(placed), Some(data)) = (model.placed_at.get(site), model.data_at.get(site)) else {
        return Vec::new();
    };
    (0..=horizon_months)
        .map(|month| {
            let mut load = Res::zeros();
            for &i in placed {
                let svc = &model.services[i];
                let share: f64 = svc
                    .placement
                    .iter()
                    .filter(|(j, _)| *j == site)
                    .map(|(_, s)| s)
                    .sum();
                load += svc.per_server * (svc.servers * share * svc.growth_factor(month));
            }
            for &i in data {
                let svc = &model.services[i];
                load[3] += svc.storage_pb * svc.growth_factor(month);
            }
            MonthFigures {
                month,
                load,
                capacity: model.capacity_at(site, month),
            }
        })
        .collect()
}
