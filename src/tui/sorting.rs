//! Sorting a table view by one of its columns: `o` steps through the columns a view can
//! sort by, most useful first, `O` reverses, a click on a header sorts by it. Each view
//! says what its columns sort by (`sort_key` beside its columns); figures sort worst
//! first, names from A.

use std::cmp::Ordering;

use super::app::View;
use super::compute::Shown;
use super::views;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// A column of the view's table, by position.
    pub column: usize,
    pub reversed: bool,
}

/// What a row sorts by in one column.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// A figure, larger when worse (a view negates a figure where less is worse).
    Worse(f64),
    Name(String),
}

impl Key {
    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Worse(a), Key::Worse(b)) => b.total_cmp(a),
            (Key::Name(a), Key::Name(b)) => a.cmp(b),
            (Key::Worse(_), Key::Name(_)) => Ordering::Less,
            (Key::Name(_), Key::Worse(_)) => Ordering::Greater,
        }
    }
}

/// The columns a view sorts by, in the order `o` steps through them.
pub fn columns(view: View) -> &'static [usize] {
    match view {
        View::Sites => views::sites::SORT,
        View::Services => views::services::SORT,
        View::Scenarios => views::scenarios::SORT,
        View::Hazards => views::hazards::SORT,
        View::Runway => &[0],
        View::Overview | View::Plan => &[],
    }
}

fn key(view: View, shown: &Shown, row: usize, column: usize) -> Key {
    match view {
        View::Sites => views::sites::sort_key(shown, row, column),
        View::Services => views::services::sort_key(shown, row, column),
        View::Scenarios => views::scenarios::sort_key(shown, row, column),
        View::Hazards => views::hazards::sort_key(shown, row, column),
        _ => Key::Name(
            shown
                .plan
                .sites
                .get(row)
                .map_or(String::new(), |s| s.id.clone()),
        ),
    }
}

/// `rows` in the order `sort` asks for; rows of equal keys keep their order.
pub fn sort(view: View, shown: &Shown, rows: &mut [usize], sort: Sort) {
    let mut keyed: Vec<(Key, usize)> = rows
        .iter()
        .map(|&r| (key(view, shown, r, sort.column), r))
        .collect();
    keyed.sort_by(|a, b| {
        let order = a.0.cmp(&b.0);
        if sort.reversed {
            order.reverse()
        } else {
            order
        }
    });
    for (slot, (_, r)) in rows.iter_mut().zip(keyed) {
        *slot = r;
    }
}

/// The sort after `o`: the next column of the view's list, then none.
pub fn next(view: View, current: Option<Sort>) -> Option<Sort> {
    let cols = columns(view);
    let at = current.and_then(|s| cols.iter().position(|&c| c == s.column));
    let next = match at {
        None => cols.first(),
        Some(k) => cols.get(k + 1),
    };
    next.map(|&column| Sort {
        column,
        reversed: false,
    })
}
