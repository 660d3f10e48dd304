//! What a negator or a quantifier does to the readings in its scope.

use super::clauses::Tok;
use super::word_readings::Item;
use crate::text::is_stopword;

/// A denying quantifier or negation over `scope`: what it holds is turned round. With nothing
/// evaluative in it, "only a few" still says there are too few, and a bare negation criticises.
pub(super) fn deny(
    items: &mut Vec<Item>,
    scope: impl Iterator<Item = usize>,
    bare: bool,
    at: usize,
) {
    let scope: Vec<usize> = scope.collect();
    let mut hit = false;
    for it in items.iter_mut() {
        if !it.fixed && scope.contains(&it.at) {
            it.flip();
            hit = true;
        }
    }
    if !hit && bare {
        items.push(Item::new(at, -1.0));
    }
}

/// The index after the `n`th content word following `k` (function words and "yet" do not
/// count: "not always have the benefit" reaches "benefit"), at most `hi`.
pub(super) fn content_end(t: &[Tok], k: usize, n: usize, hi: usize) -> usize {
    (k + 1..hi)
        .filter(|&j| !is_stopword(&t[j].w) && t[j].w != "yet")
        .nth(n.saturating_sub(1))
        .map_or(hi, |j| j + 1)
}

pub(super) fn is_number(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
        || [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        ]
        .contains(&w)
}

/// A counting quantifier over `scope`: the counted things now count.
pub(super) fn count(items: &mut [Item], scope: impl Iterator<Item = usize>) {
    let scope: Vec<usize> = scope.collect();
    for it in items.iter_mut() {
        if scope.contains(&it.at) {
            it.latent = false;
        }
    }
}
