//! Which element of a list before an edit is which element after it. Elements are known
//! by their id (a scenario by its name); elements without one by their whole value. An
//! element whose id changed (a rename) is still itself: between two elements kept in
//! place, an old and a new one that mostly agree are one element, changed.

use std::collections::{HashMap, VecDeque};

use super::save::write::inline;
use super::tree::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// The old element at the first index is the new one at the second.
    Both(usize, usize),
    /// Removed.
    Old(usize),
    /// Added.
    New(usize),
}

/// The elements of a list, old and new, in the new list's order; a removed element comes
/// where it stood.
pub fn align(old: &[Node], new: &[Node]) -> Vec<Pair> {
    align_by(old, new, identity, similar)
}

/// Like [`align`] for the entries of a map, known by their keys.
pub fn align_map(old: &[(String, Node)], new: &[(String, Node)]) -> Vec<Pair> {
    align_by(old, new, |(k, _)| k.clone(), |_, _| true)
}

fn identity(node: &Node) -> String {
    match node.key() {
        Some(key) => format!("#{key}"),
        None => inline(node),
    }
}

/// Whether two elements are one element changed: anything but a struct, or structs that
/// agree on at least half of their fields.
fn similar(old: &Node, new: &Node) -> bool {
    match (old, new) {
        (Node::Struct(a), Node::Struct(b)) => {
            let same = a
                .iter()
                .filter(|(name, v)| new.field(name) == Some(v))
                .count();
            2 * same >= a.len().max(b.len())
        }
        _ => true,
    }
}

fn align_by<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    similar: impl Fn(&T, &T) -> bool,
) -> Vec<Pair> {
    let mut by_key: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (i, item) in old.iter().enumerate() {
        by_key.entry(key(item)).or_default().push_back(i);
    }
    let candidates: Vec<(usize, usize)> = new
        .iter()
        .enumerate()
        .filter_map(|(j, item)| {
            let i = by_key.get_mut(&key(item))?.pop_front()?;
            Some((i, j))
        })
        .collect();
    let kept = increasing(&candidates);
    let mut pairs = Vec::with_capacity(old.len().max(new.len()));
    let (mut i, mut j) = (0, 0);
    let end = (old.len(), new.len());
    for (ki, kj) in kept.into_iter().chain(std::iter::once(end)) {
        let (olds, news) = (i..ki, j..kj);
        let paired = olds.len().min(news.len());
        for (oi, nj) in olds.clone().zip(news.clone()) {
            match (old.get(oi), new.get(nj)) {
                (Some(a), Some(b)) if similar(a, b) => pairs.push(Pair::Both(oi, nj)),
                _ => {
                    pairs.push(Pair::Old(oi));
                    pairs.push(Pair::New(nj));
                }
            }
        }
        pairs.extend(olds.skip(paired).map(Pair::Old));
        pairs.extend(news.skip(paired).map(Pair::New));
        if (ki, kj) != end {
            pairs.push(Pair::Both(ki, kj));
        }
        (i, j) = (ki + 1, kj + 1);
    }
    pairs
}

/// The longest run of `(old, new)` matches, taken in new order, whose old indices rise
/// too: the elements that kept their order. Edits never reorder, so this is usually all.
fn increasing(candidates: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: the candidate ending the best run of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; candidates.len()];
    for (c, &(i, _)) in candidates.iter().enumerate() {
        let at = tails.partition_point(|&t| candidates.get(t).is_some_and(|&(ti, _)| ti < i));
        before[c] = at.checked_sub(1).and_then(|k| tails.get(k).copied());
        match tails.get_mut(at) {
            Some(slot) => *slot = c,
            None => tails.push(c),
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(c) = at {
        if let Some(&pair) = candidates.get(c) {
            run.push(pair);
        }
        at = before.get(c).copied().flatten();
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::Pair::{Both, New, Old};
    use super::*;

    fn item(id: &str, servers: f64) -> Node {
        Node::Struct(vec![
            ("id", Node::Str(id.into())),
            ("name", Node::Str(format!("Site {id}"))),
            ("servers", Node::Float(servers)),
        ])
    }

    #[test]
    fn elements_are_known_by_id_through_changes_additions_and_removals() {
        let old = [item("A", 1.0), item("B", 2.0), item("C", 3.0)];
        let new = [item("A", 5.0), item("C", 3.0), item("D", 4.0)];
        assert_eq!(align(&old, &new), [Both(0, 0), Old(1), Both(2, 1), New(2)]);
    }

    #[test]
    fn a_renamed_element_is_still_itself_and_an_unlike_one_is_not() {
        let old = [item("A", 1.0), item("B", 2.0)];
        let renamed = [
            item("A", 1.0),
            Node::Struct(vec![
                ("id", Node::Str("B2".into())),
                ("name", Node::Str("Site B".into())),
                ("servers", Node::Float(2.0)),
            ]),
        ];
        assert_eq!(align(&old, &renamed), [Both(0, 0), Both(1, 1)]);
        let other = [item("A", 1.0), item("Z", 9.0)];
        assert_eq!(align(&old, &other), [Both(0, 0), Old(1), New(1)]);
    }

    #[test]
    fn duplicates_and_values_without_id() {
        let old = [Node::Float(1.0), Node::Float(2.0), Node::Float(1.0)];
        let new = [
            Node::Float(1.0),
            Node::Float(1.0),
            Node::Float(2.0),
            Node::Float(1.0),
        ];
        assert_eq!(
            align(&old, &new),
            [Both(0, 0), New(1), Both(1, 2), Both(2, 3)]
        );
    }

    #[test]
    fn reordered_elements_keep_the_longest_run_in_order() {
        let old = [item("A", 1.0), item("B", 1.0), item("C", 1.0)];
        let new = [item("C", 1.0), item("A", 1.0), item("B", 1.0)];
        assert_eq!(align(&old, &new), [New(0), Both(0, 1), Both(1, 2), Old(2)]);
    }
}
