//! One stable sort for lists of any type. Rust's sort is compiled afresh for every element
//! type and comparison it is called with, some kilobytes each; these sort the positions
//! of a list instead, through one comparison type, so the page's bundle holds one copy of
//! the sort's code however many kinds of list it orders. Same order as `slice::sort_by`.

use std::cmp::Ordering;

/// `items.sort_by(cmp)`: stable, equal items keep their order.
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    // `order` holds every position once, so each slot is taken exactly once.
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// `items.sort_by_key(key)`: stable, items with equal keys keep their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in stable sorted order. Not generic, so compiled once.
fn stable_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_order_as_the_slice_sort_equal_items_in_place() {
        let words = [
            "pear", "fig", "apple", "kiwi", "date", "plum", "lime", "", "fig",
        ];
        let mut ours: Vec<(usize, &str)> = words.iter().copied().enumerate().collect();
        let mut theirs = ours.clone();
        sort_by_key(&mut ours, |(_, w)| w.len());
        theirs.sort_by_key(|(_, w)| w.len());
        assert_eq!(ours, theirs);
        sort_by(&mut ours, |a, b| b.1.cmp(a.1));
        theirs.sort_by(|a, b| b.1.cmp(a.1));
        assert_eq!(ours, theirs);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |&x| x);
        assert!(empty.is_empty());
    }
}
