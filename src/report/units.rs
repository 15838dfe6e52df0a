//! Numbers as people read them: units always shown, scaled to stay short.

use crate::engine::Resource;

pub fn percent(x: f64) -> String {
    if !x.is_finite() {
        return "unbounded".into();
    }
    let p = x * 100.0;
    // Rounding noise around zero (-1e-15) must not print as "-0.0%".
    if p.abs() < 0.005 {
        "0.0%".into()
    } else if p.abs() < 0.1 {
        format!("{p:.2}%")
    } else {
        format!("{p:.1}%")
    }
}

/// Availability keeps enough nines to tell 99.99% from 99.995%.
pub fn availability(x: f64) -> String {
    format!("{:.4}%", x * 100.0)
}

/// A quantity of a resource with its unit: kW becomes MW, PB becomes EB when large.
pub fn quantity(resource: Resource, x: f64) -> String {
    match resource {
        Resource::Servers => format!("{} servers", count(x)),
        Resource::Racks => format!("{} racks", count(x)),
        Resource::PowerKw if x.abs() >= 10_000.0 => format!("{} MW", count(x / 1000.0)),
        Resource::PowerKw => format!("{} kW", count(x)),
        Resource::StoragePb if x.abs() >= 1000.0 => format!("{:.2} EB", x / 1000.0),
        Resource::StoragePb => format!("{} PB", count(x)),
    }
}

/// Whole numbers with thousands separators; fractions kept to one decimal.
pub fn count(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let rounded = (x * 10.0).round() / 10.0;
    let whole = rounded.trunc().abs() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    let frac = (rounded.fract().abs() * 10.0).round() as u64;
    if frac == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_pick_readable_units() {
        assert_eq!(quantity(Resource::Servers, 120_000.0), "120,000 servers");
        assert_eq!(quantity(Resource::Racks, 32.5), "32.5 racks");
        assert_eq!(quantity(Resource::PowerKw, 650.0), "650 kW");
        assert_eq!(quantity(Resource::PowerKw, 45_000.0), "45 MW");
        // Thousands grouped in every unit, as in servers.
        assert_eq!(quantity(Resource::PowerKw, 1_964_500.0), "1,964.5 MW");
        assert_eq!(quantity(Resource::StoragePb, 6000.0), "6.00 EB");
        assert_eq!(quantity(Resource::StoragePb, 2.5), "2.5 PB");
        assert_eq!(quantity(Resource::PowerKw, 5776.5), "5,776.5 kW");
        assert_eq!(count(-300.0), "-300");
    }

    #[test]
    fn percentages_keep_small_values_visible() {
        assert_eq!(percent(1.3), "130.0%");
        assert_eq!(percent(0.0004), "0.04%");
        assert_eq!(availability(0.99996164), "99.9962%");
    }
}
