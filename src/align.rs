//! Pairs findings across the two reports despite rewording: TF-IDF cosine over stemmed
//! content terms (codebook synonyms rewritten to one wording), candidates found through
//! an inverted index (no all-pairs blow-up), links made within a shared theme, many-to-one
//! allowed, and a threshold below which a finding stays unmatched.

use std::collections::HashMap;

/// Below this similarity two findings sharing a codebook theme are not linked.
pub const LINK_THRESHOLD: f32 = 0.06;
/// A discovered theme is only a shared word, so its findings must share more.
pub const DISCOVERED_LINK_THRESHOLD: f32 = 0.15;
/// Findings left unlinked are linked across themes when this similar: the same point,
/// reworded so that the themes split it.
pub const CROSS_THEME_THRESHOLD: f32 = 0.35;
/// Two findings that each touch a theme only weakly must share a term found in no more
/// than this share of all findings: "school" in a school's reports links nothing.
const MAX_SHARED_TERM_SHARE: f32 = 0.08;
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
    /// Themes it is clearly about; a link within a theme needs one side to be.
    pub strong: &'a [usize],
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
                .map(|(id, tf)| {
                    (
                        id,
                        (1.0 + tf.ln()) * (((1.0 + n) / (1.0 + df[id as usize] as f32)).ln() + 1.0),
                    )
                })
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

/// Cosine of two normalised vectors, and the document frequency of the rarest term they
/// share (usize::MAX when they share none).
fn dot(a: &Sparse, b: &Sparse, df: &[usize]) -> (f32, usize) {
    let (mut i, mut j, mut sum, mut rarest) = (0, 0, 0.0, usize::MAX);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                rarest = rarest.min(df[a[i].0 as usize]);
                i += 1;
                j += 1;
            }
        }
    }
    (sum, rarest)
}

/// Calls `visit(before, after, cosine, specific)` for every candidate pair: pairs sharing
/// an informative term (found through an inverted index, accumulated per earlier
/// finding), plus every pair within a small shared theme. `specific` says whether they
/// share a term that is rare across all findings. A pair may be visited twice.
fn for_each_candidate(
    before: &[Item],
    after: &[Item],
    mut visit: impl FnMut(usize, usize, f32, bool),
) {
    let (bv, av, df) = vectorise(before, after);
    let specific_df =
        ((before.len() + after.len()) as f32 * MAX_SHARED_TERM_SHARE).max(3.0) as usize;
    let score = |x: &Sparse, y: &Sparse| {
        let (s, rarest) = dot(x, y, &df);
        (s, rarest <= specific_df)
    };
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
            let (s, specific) = score(v, &av[a]);
            visit(b, a, s, specific);
        }
        touched.clear();
    }
    // Small themes: score every pair, so findings sharing a theme but few words are
    // still considered.
    let mut by_theme: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
        Default::default();
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
                    let (s, specific) = score(&bv[b], &av[a]);
                    visit(b, a, s, specific);
                }
            }
        }
    }
}

/// Links within shared themes: each finding's best partner in the theme, from either
/// side (so many-to-one links happen), when similar enough. A pair is linked once, under
/// the shared theme that ranks highest for the two findings. Deterministic: ties go to
/// the lowest index.
/// `thresholds[t]` is the least similarity for a link under theme `t`.
pub fn align(before: &[Item], after: &[Item], thresholds: &[f32]) -> Vec<Link> {
    // Best partner per finding and theme: (theme, partner, similarity).
    let mut best_b: Vec<Vec<(usize, usize, f32)>> = vec![Vec::new(); before.len()];
    let mut best_a: Vec<Vec<(usize, usize, f32)>> = vec![Vec::new(); after.len()];
    let offer =
        |slots: &mut Vec<(usize, usize, f32)>, theme: usize, partner: usize, s: f32| match slots
            .iter_mut()
            .find(|(t, _, _)| *t == theme)
        {
            Some(slot) if s > slot.2 || (s == slot.2 && partner < slot.1) => {
                *slot = (theme, partner, s)
            }
            Some(_) => {}
            None => slots.push((theme, partner, s)),
        };
    // Best partner of each finding in any theme, for the cross-theme pass.
    let mut any_b: Vec<Option<(usize, f32)>> = vec![None; before.len()];
    let mut any_a: Vec<Option<(usize, f32)>> = vec![None; after.len()];
    let better = |cur: &Option<(usize, f32)>, partner: usize, s: f32| {
        cur.is_none_or(|(p, cs)| s > cs || (s == cs && partner < p))
    };
    for_each_candidate(before, after, |b, a, s, specific| {
        if s < LINK_THRESHOLD {
            return;
        }
        if s >= CROSS_THEME_THRESHOLD {
            if better(&any_b[b], a, s) {
                any_b[b] = Some((a, s));
            }
            if better(&any_a[a], b, s) {
                any_a[a] = Some((b, s));
            }
        }
        for &t in before[b]
            .themes
            .iter()
            .filter(|t| after[a].themes.contains(t))
        {
            // Two findings that each touch a theme through one common word ("school")
            // are not about the same thing unless they share a telling word too.
            // (A discovered theme is one shared word by construction; its own, higher
            // threshold guards it instead.)
            let discovered = thresholds.get(t).is_some_and(|&x| x > LINK_THRESHOLD);
            let weak = !before[b].strong.contains(&t) && !after[a].strong.contains(&t);
            if weak && !specific && !discovered {
                continue;
            }
            if s >= thresholds.get(t).copied().unwrap_or(LINK_THRESHOLD) {
                offer(&mut best_b[b], t, a, s);
                offer(&mut best_a[a], t, b, s);
            }
        }
    });
    let mut chosen: Vec<(usize, usize, f32)> = Vec::new();
    for (b, slots) in best_b.iter().enumerate() {
        chosen.extend(slots.iter().map(|&(_, a, s)| (b, a, s)));
    }
    for (a, slots) in best_a.iter().enumerate() {
        chosen.extend(slots.iter().map(|&(_, b, s)| (b, a, s)));
    }
    chosen.sort_by_key(|x| (x.0, x.1));
    chosen.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    let rank = |themes: &[usize], t: usize| {
        themes
            .iter()
            .position(|&x| x == t)
            .unwrap_or(usize::MAX / 2)
    };
    let mut links: Vec<Link> = chosen
        .into_iter()
        .filter_map(|(b, a, similarity)| {
            let theme = before[b]
                .themes
                .iter()
                .copied()
                .filter(|t| after[a].themes.contains(t))
                .min_by_key(|&t| (rank(before[b].themes, t) + rank(after[a].themes, t), t))?;
            Some(Link {
                before: b,
                after: a,
                theme,
                similarity,
            })
        })
        .collect();
    // Cross-theme: a finding still unlinked goes with its most similar partner, under the
    // earlier finding's main theme, when they clearly say the same thing.
    let mut b_linked = vec![false; before.len()];
    let mut a_linked = vec![false; after.len()];
    for l in &links {
        b_linked[l.before] = true;
        a_linked[l.after] = true;
    }
    let mut cross: Vec<(usize, usize, f32)> = Vec::new();
    for (b, best) in any_b.iter().enumerate() {
        if let (false, Some((a, s))) = (b_linked[b], best) {
            cross.push((b, *a, *s));
        }
    }
    for (a, best) in any_a.iter().enumerate() {
        if let (false, Some((b, s))) = (a_linked[a], best) {
            cross.push((*b, a, *s));
        }
    }
    cross.sort_by_key(|x| (x.0, x.1));
    cross.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    for (b, a, similarity) in cross {
        if links.iter().any(|l| l.before == b && l.after == a) {
            continue;
        }
        if let Some(&theme) = before[b].themes.first() {
            links.push(Link {
                before: b,
                after: a,
                theme,
                similarity,
            });
        }
    }
    links.sort_by_key(|x| (x.theme, x.before, x.after));
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::content_stems;

    fn items(texts: &[(&str, Vec<usize>)]) -> (Vec<Vec<String>>, Vec<Vec<usize>>) {
        (
            texts.iter().map(|(t, _)| content_stems(t)).collect(),
            texts.iter().map(|(_, th)| th.clone()).collect(),
        )
    }

    fn view<'a>(terms: &'a [Vec<String>], themes: &'a [Vec<usize>]) -> Vec<Item<'a>> {
        terms
            .iter()
            .zip(themes)
            .map(|(terms, themes)| Item {
                terms,
                themes,
                strong: themes,
            })
            .collect()
    }

    #[test]
    fn reworded_findings_in_a_shared_theme_are_linked_and_strangers_are_not() {
        let (bt, bth) = items(&[
            (
                "Some children still face many changes of social worker.",
                vec![0],
            ),
            (
                "The virtual school has sustained positive links with providers.",
                vec![1],
            ),
        ]);
        let (at, ath) = items(&[
            (
                "Changes in social workers have had a negative impact on relationships.",
                vec![0],
            ),
            (
                "The out-of-hours service gives effective responses.",
                vec![2],
            ),
        ]);
        let links = align(&view(&bt, &bth), &view(&at, &ath), &[]);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!((links[0].before, links[0].after, links[0].theme), (0, 0, 0));
        assert!(links[0].similarity > LINK_THRESHOLD);
    }

    #[test]
    fn many_to_one_links_are_allowed() {
        let (bt, bth) = items(&[
            ("Caseloads are high in some teams.", vec![0]),
            (
                "Reductions in team caseloads have given children more time.",
                vec![0],
            ),
        ]);
        let (at, ath) = items(&[("Caseloads are rising and fluctuating in teams.", vec![0])]);
        let links = align(&view(&bt, &bth), &view(&at, &ath), &[]);
        assert_eq!(links.len(), 2, "{links:?}");
        assert!(links.iter().all(|l| l.after == 0));
    }

    #[test]
    fn alignment_is_deterministic() {
        let (bt, bth) = items(&[("Plans are clear.", vec![0]), ("Plans are clear.", vec![0])]);
        let (at, ath) = items(&[("Plans are clear and timely.", vec![0])]);
        let a = align(&view(&bt, &bth), &view(&at, &ath), &[]);
        let b = align(&view(&bt, &bth), &view(&at, &ath), &[]);
        assert_eq!(a, b);
    }
}
