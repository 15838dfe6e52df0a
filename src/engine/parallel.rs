//! Independent items worked out on every core, with the results in item order.
//!
//! Each item is computed by the same function on the same inputs whichever thread runs
//! it, so the results are bit for bit those of a plain loop: only the wall time changes.

use std::thread;

/// How many threads share the work: the cores available, at least one.
pub fn threads() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

/// `(0..n).map(f)`, the items split into one contiguous chunk per thread.
pub fn map<T, F>(n: usize, f: F) -> Vec<T>
where
    T: Send,
    F: Fn(usize) -> T + Sync,
{
    let workers = threads().min(n);
    if workers <= 1 {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(workers);
    let f = &f;
    thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                let end = (start + chunk).min(n);
                scope.spawn(move || (start..end).map(f).collect::<Vec<T>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(part) => part,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_item_order() {
        assert_eq!(map(7, |i| i * 10), vec![0, 10, 20, 30, 40, 50, 60]);
        assert_eq!(map(0, |i| i), Vec::<usize>::new());
        assert_eq!(map(1, |i| i + 1), vec![1]);
    }
}
