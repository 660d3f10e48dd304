//! Pairs findings across the two reports despite rewording: TF-IDF cosine over stemmed
//! content terms (codebook synonyms rewritten to one wording), candidates found through
//! an inverted index (no all-pairs blow-up), links made within a shared theme, many-to-one
//! allowed, and a threshold below which a finding stays unmatched.

use std::collections::HashMap;


/// Below this similarity two findings sharing a theme are not linked.
pub const LINK_THRESHOLD: f32 = 0.06;
/// Terms in more findings than this do not generate candidates (they still count in
/// the cosine). Keeps candidate generation linear in the size of the reports.
const MAX_POSTINGS: usize = 400;
/// Within a theme, every pair is scored while the theme is this small.
const THEME_PAIR_BUDGET: usize = 10_000;

/// A finding as alignment sees it.
pub struct Item<'a> {
    /// Canonical content stems.
    pub terms: &'a [String],
    /// Theme indices, main first.
    pub themes: &'a [usize],
}

/// A link between a finding of the earlier report and one of the later.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub before: usize,
    pub after: usize,
    pub theme: usize,
    pub similarity: f32,
}

type Sparse = Vec<(u32, f32)>;

/// L2-normalised TF-IDF vectors, sorted by term id, for both sides at once.
fn vectorise(before: &[Item], after: &[Item]) -> (Vec<Sparse>, Vec<Sparse>, Vec<usize>) {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut df: Vec<usize> = Vec::new();
    let mut counted: Vec<Vec<(u32, f32)>> = Vec::with_capacity(before.len() + after.len());
    for item in before.iter().chain(after) {
        let mut tf: HashMap<u32, f32> = HashMap::new();
        for t in item.terms {
            let next = ids.len() as u32;
            let id = *ids.entry(t.as_str()).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
            }
            *tf.entry(id).or_default() += 1.0;
        }
        for id in tf.keys() {
            df[*id as usize] += 1;
        }
        let mut v: Vec<(u32, f32)> = tf.into_iter().collect();
        v.sort_by_key(|(id, _)| *id);
        counted.push(v);
    }
    let n = counted.len() as f32;
    let vectors: Vec<Sparse> = counted
        .into_iter()
        .map(|v| {
            let mut v: Sparse = v
                .into_iter()
                .map(|(id, tf)| (id, (1.0 + tf.ln()) * (((1.0 + n) / (1.0 + df[id as usize] as f32)).ln() + 1.0)))
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect();
    let mut vectors = vectors;
    let after_vectors = vectors.split_off(before.len());
    (vectors, after_vectors, df)
}

fn dot(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Calls `visit(before, after, cosine)` for every candidate pair: pairs sharing an
/// informative term (found through an inverted index, accumulated per earlier finding),
/// plus every pair within a small shared theme. A pair may be visited more than once.
fn for_each_candidate(before: &[Item], after: &[Item], mut visit: impl FnMut(usize, usize, f32)) {
    let (bv, av, df) = vectorise(before, after);
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); df.len()];
    for (a, v) in av.iter().enumerate() {
        for (id, _) in v {
            if df[*id as usize] <= MAX_POSTINGS {
                postings[*id as usize].push(a);
            }
        }
    }
    let mut seen = vec![false; after.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (b, v) in bv.iter().enumerate() {
        for (id, _) in v {
            for &a in &postings[*id as usize] {
                if !seen[a] {
                    seen[a] = true;
                    touched.push(a);
                }
            }
        }
        touched.sort_unstable();
        for &a in &touched {
            seen[a] = false;
            visit(b, a, dot(v, &av[a]));
        }
        touched.clear();
    }
    // Small themes: score every pair, so findings sharing a theme but few words are
    // still considered.
    let mut by_theme: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> = Default::default();
    for (b, item) in before.iter().enumerate() {
        for &t in item.themes {
            by_theme.entry(t).or_default().0.push(b);
        }
    }
    for (a, item) in after.iter().enumerate() {
        for &t in item.themes {
            by_theme.entry(t).or_default().1.push(a);
        }
    }
    for (bs, as_) in by_theme.values() {
        if bs.len() * as_.len() <= THEME_PAIR_BUDGET {
            for &b in bs {
                for &a in as_ {
                    visit(b, a, dot(&bv[b], &av[a]));
                }
            }
        }
    }
}

/// Links within shared themes: each finding's best partner in the theme, from either
/// side (so many-to-one links happen), when similar enough. A pair is linked once, under
/// the shared theme that ranks highest for the two findings. Deterministic: ties go to
/// the lowest index.
pub fn align(before: &[Item], after: &[Item]) -> Vec<Link> {
    // Best partner per finding and theme: (theme, partner, similarity).
    let mut best_b: Vec<Vec<(usize, usize, f32)>> = vec![Vec::new(); before.len()];
    let mut best_a: Vec<Vec<(usize, usize, f32)>> = vec![Vec::new(); after.len()];
    let offer = |slots: &mut Vec<(usize, usize, f32)>, theme: usize, partner: usize, s: f32| {
        match slots.iter_mut().find(|(t, _, _)| *t == theme) {
            Some(slot) if s > slot.2 || (s == slot.2 && partner < slot.1) => *slot = (theme, partner, s),
            Some(_) => {}
            None => slots.push((theme, partner, s)),
        }
    };
    for_each_candidate(before, after, |b, a, s| {
        if s < LINK_THRESHOLD {
            return;
        }
        for &t in before[b].themes.iter().filter(|t| after[a].themes.contains(t)) {
            offer(&mut best_b[b], t, a, s);
            offer(&mut best_a[a], t, b, s);
        }
    });
    let mut chosen: Vec<(usize, usize, f32)> = Vec::new();
    for (b, slots) in best_b.iter().enumerate() {
        chosen.extend(slots.iter().map(|&(_, a, s)| (b, a, s)));
    }
    for (a, slots) in best_a.iter().enumerate() {
        chosen.extend(slots.iter().map(|&(_, b, s)| (b, a, s)));
    }
    chosen.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
    chosen.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    let rank = |themes: &[usize], t: usize| themes.iter().position(|&x| x == t).unwrap_or(usize::MAX / 2);
    let mut links: Vec<Link> = chosen
        .into_iter()
        .filter_map(|(b, a, similarity)| {
            let theme = before[b]
                .themes
                .iter()
                .copied()
                .filter(|t| after[a].themes.contains(t))
                .min_by_key(|&t| (rank(before[b].themes, t) + rank(after[a].themes, t), t))?;
            Some(Link { before: b, after: a, theme, similarity })
        })
        .collect();
    links.sort_by(|x, y| (x.theme, x.before, x.after).cmp(&(y.theme, y.before, y.after)));
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::content_stems;

    fn items(texts: &[(&str, Vec<usize>)]) -> (Vec<Vec<String>>, Vec<Vec<usize>>) {
        (texts.iter().map(|(t, _)| content_stems(t)).collect(), texts.iter().map(|(_, th)| th.clone()).collect())
    }

    fn view<'a>(terms: &'a [Vec<String>], themes: &'a [Vec<usize>]) -> Vec<Item<'a>> {
        terms.iter().zip(themes).map(|(terms, themes)| Item { terms, themes }).collect()
    }

    #[test]
    fn reworded_findings_in_a_shared_theme_are_linked_and_strangers_are_not() {
        let (bt, bth) = items(&[
            ("Some children still face many changes of social worker.", vec![0]),
            ("The virtual school has sustained positive links with providers.", vec![1]),
        ]);
        let (at, ath) = items(&[
            ("Changes in social workers have had a negative impact on relationships.", vec![0]),
            ("The out-of-hours service gives effective responses.", vec![2]),
        ]);
        let links = align(&view(&bt, &bth), &view(&at, &ath));
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!((links[0].before, links[0].after, links[0].theme), (0, 0, 0));
        assert!(links[0].similarity > LINK_THRESHOLD);
    }

    #[test]
    fn many_to_one_links_are_allowed() {
        let (bt, bth) = items(&[
            ("Caseloads are high in some teams.", vec![0]),
            ("Reductions in team caseloads have given children more time.", vec![0]),
        ]);
        let (at, ath) = items(&[("Caseloads are rising and fluctuating in teams.", vec![0])]);
        let links = align(&view(&bt, &bth), &view(&at, &ath));
        assert_eq!(links.len(), 2, "{links:?}");
        assert!(links.iter().all(|l| l.after == 0));
    }

    #[test]
    fn alignment_is_deterministic() {
        let (bt, bth) = items(&[("Plans are clear.", vec![0]), ("Plans are clear.", vec![0])]);
        let (at, ath) = items(&[("Plans are clear and timely.", vec![0])]);
        let a = align(&view(&bt, &bth), &view(&at, &ath));
        let b = align(&view(&bt, &bth), &view(&at, &ath));
        assert_eq!(a, b);
    }
}
