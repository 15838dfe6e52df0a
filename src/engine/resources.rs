//! Resource vectors over servers, racks, IT power and storage (DESIGN.md §2).

use nalgebra::Vector4;

use crate::model::Resources;

/// A load or capacity: servers, racks, kW, PB, in that order.
pub type Res = Vector4<f64>;

/// Utilization and over-limit checks allow this much slack, so that a figure which is
/// exactly at its limit on paper (B.storage = 8/10 = 0.8) is never "over" by rounding.
pub const EPSILON: f64 = 1e-9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resource {
    Servers,
    Racks,
    PowerKw,
    StoragePb,
}

impl Resource {
    pub const ALL: [Resource; 4] = [
        Resource::Servers,
        Resource::Racks,
        Resource::PowerKw,
        Resource::StoragePb,
    ];

    /// Servers, racks and power move with a failover; storage stays with its replicas.
    pub const COMPUTE: [Resource; 3] = [Resource::Servers, Resource::Racks, Resource::PowerKw];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The field name used in plans and in the JSON report.
    pub fn field(self) -> &'static str {
        match self {
            Resource::Servers => "servers",
            Resource::Racks => "racks",
            Resource::PowerKw => "power_kw",
            Resource::StoragePb => "storage_pb",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Resource::Servers => "servers",
            Resource::Racks => "racks",
            Resource::PowerKw => "power",
            Resource::StoragePb => "storage",
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Resource::Servers => "servers",
            Resource::Racks => "racks",
            Resource::PowerKw => "kW",
            Resource::StoragePb => "PB",
        }
    }
}

pub fn res(r: &Resources) -> Res {
    Res::new(r.servers, r.racks, r.power_kw, r.storage_pb)
}

/// load / capacity; 0 when both are 0; `None` (unbounded) when only capacity is 0.
pub fn utilization(load: f64, capacity: f64) -> Option<f64> {
    if capacity > 0.0 {
        Some(load / capacity)
    } else if load > 0.0 {
        None
    } else {
        Some(0.0)
    }
}

/// True when `load` exceeds `limit` (a fraction) of `capacity`; unbounded is over.
pub fn over(load: f64, capacity: f64, limit: f64) -> bool {
    match utilization(load, capacity) {
        Some(u) => u > limit + EPSILON,
        None => true,
    }
}

pub fn utilizations(load: &Res, capacity: &Res) -> [Option<f64>; 4] {
    Resource::ALL.map(|r| utilization(load[r.index()], capacity[r.index()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utilization_follows_the_zero_rules() {
        assert_eq!(utilization(0.0, 0.0), Some(0.0));
        assert_eq!(utilization(1.0, 0.0), None);
        assert_eq!(utilization(8.0, 10.0), Some(0.8));
    }

    #[test]
    fn at_the_limit_is_not_over() {
        assert!(!over(8.0, 10.0, 0.8));
        assert!(over(8.1, 10.0, 0.8));
        assert!(over(0.1, 0.0, 0.8));
        assert!(!over(0.0, 0.0, 0.8));
    }
}
