//! Pairs findings across the two reports despite rewording: TF-IDF cosine over stemmed
//! content terms (codebook synonyms rewritten to one wording), candidates found through
//! an inverted index (no all-pairs blow-up), links made within a shared theme, many-to-one
//! allowed, and a threshold below which a finding stays unmatched.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Below this similarity two findings sharing a codebook theme are not linked. Read on the
/// public pairs, pairs under it share a stray word or two ("plans", "parents"), and not
/// one of them was a pair a reader would make.
pub const LINK_THRESHOLD: f32 = 0.12;
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
    /// It opens with a pronoun and names its matter in the sentence before
    /// ([`crate::text::opens_with_pronoun`]).
    pub refers_back: bool,
    /// Canonical stems of the words naming its matter (its subject); may be empty.
    pub matter: &'a [String],
    /// The paragraph (block) of its report it comes from: the sentences of one paragraph
    /// discuss one matter.
    pub paragraph: usize,
}

/// A link between a finding of the earlier report and one of the later.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// Index of the earlier finding.
    pub before: usize,
    /// Index of the later finding.
    pub after: usize,
    /// Index of the theme the pair is under.
    pub theme: usize,
    /// TF-IDF cosine of the two findings (0 to 1).
    pub similarity: f32,
}

/// Stems that judge how well something is done rather than name what it is: two
/// findings sharing "effective" or "quality" are not therefore about one matter.
const EVALUATIVE: &[&str] = &[
    "alway",
    "appropri",
    "best",
    "better",
    "clear",
    // "remarkable commitment" and "committed to the reforms" share a judgement, not a matter.
    "commit",
    "consist",
    "effect",
    "ensur",
    "good",
    "improv",
    "inconsist",
    "increas",
    "made",
    "make",
    "often",
    // "Overall, …" sums up; it names no matter.
    "overal",
    "poor",
    "poorer",
    "prompt",
    "qualiti",
    "recent",
    "robust",
    "signific",
    "still",
    "strength",
    "strong",
    "stronger",
    "strongest",
    "swift",
    "thorough",
    "timeli",
    "variabl",
    "way",
    "weak",
    "weaker",
    "weakest",
    "well",
    "wors",
];
/// How much an evaluative stem counts against a matter's own terms.
const EVALUATIVE_WEIGHT: f32 = 0.25;

type Sparse = Vec<(u32, f32)>;

/// Both sides' vectors and each term's document frequency.
type Vectors = (Vec<Sparse>, Vec<Sparse>, Vec<usize>);

/// L2-normalised TF-IDF vectors, sorted by term id, for both sides at once.
fn vectorise(before: &[Item], after: &[Item]) -> Vectors {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut df: Vec<usize> = Vec::new();
    let mut weights: Vec<f32> = Vec::new();
    let mut counted: Vec<Vec<(u32, f32)>> = Vec::with_capacity(before.len() + after.len());
    for item in before.iter().chain(after) {
        let mut tf: HashMap<u32, f32> = HashMap::new();
        for t in item.terms {
            let next = ids.len() as u32;
            let id = *ids.entry(t.as_str()).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
                weights.push(if EVALUATIVE.contains(&t.as_str()) {
                    EVALUATIVE_WEIGHT
                } else {
                    1.0
                });
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
                        (1.0 + tf.ln())
                            * (((1.0 + n) / (1.0 + df[id as usize] as f32)).ln() + 1.0)
                            * weights[id as usize],
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

/// Most findings, of `findings` in both reports, a term may be in and still be specific
/// ([`MAX_SHARED_TERM_SHARE`]; a few at least, for short pieces).
fn most_for_specific(findings: usize) -> usize {
    (findings as f32 * MAX_SHARED_TERM_SHARE).max(3.0) as usize
}

/// Calls `visit(before, after, cosine, specific)` for every candidate pair: pairs sharing
/// an informative term (found through an inverted index, accumulated per earlier
/// finding), plus every pair within a small shared theme. `specific` says whether they
/// share a term that is rare across all findings. A pair may be visited twice.
fn for_each_candidate(
    before: &[Item],
    after: &[Item],
    (bv, av, df): &Vectors,
    small_themes: bool,
    mut visit: impl FnMut(usize, usize, f32, bool),
) {
    let specific_df = most_for_specific(before.len() + after.len());
    let score = |x: &Sparse, y: &Sparse| {
        let (s, rarest) = dot(x, y, df);
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
    if !small_themes {
        return;
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

/// A pair's similarity is scaled by this for each side that opens with a pronoun: the
/// words it shares are more often the report's general vocabulary than the matter's.
const REFERS_BACK: f32 = 0.8;
/// Below this similarity a pair is only kept when each finding is the other's best partner.
pub const STRONG_PAIR: f32 = 0.25;
/// A finding's best partner is also kept when it is this close to that partner's own best.
const NEAR_BEST: f32 = 0.85;
/// Two findings of one report saying the same thing again (headline, then body).
pub const RESTATEMENT: f32 = 0.3;

/// Pairs findings across the reports. A report states each matter several times, so
/// "best partner per finding" links almost everything to something; a pair is kept only
/// when it is mutual (each is the other's best), close to mutual, mutual but for another
/// sentence of the same paragraph, mutual inside two paragraphs that are each other's
/// closest, or strong. Candidates share a theme (a weak shared theme needs a rare shared
/// word), or are very similar whatever their themes. Deterministic: ties go to the lowest
/// index.
/// `thresholds[t]` is the least similarity for a pair under theme `t`.
pub fn align(before: &[Item], after: &[Item], thresholds: &[f32]) -> Vec<Link> {
    select(before, after, &candidates(before, after, thresholds))
}

/// Every pair that may be linked, with its similarity: `(before, after, similarity)`,
/// sorted by index.
pub fn candidates(before: &[Item], after: &[Item], thresholds: &[f32]) -> Vec<(usize, usize, f32)> {
    let mut scored: HashMap<(usize, usize), f32> = HashMap::new();
    let only_before = one_sided(before, after);
    let only_after = one_sided(after, before);
    let names_its_own =
        |item: &Item, own: &HashSet<&str>| item.matter.iter().any(|t| own.contains(t.as_str()));
    let vectors = vectorise(before, after);
    let (novel_b, novel_a) = (
        novel_share(&vectors.0, &vectors.1),
        novel_share(&vectors.1, &vectors.0),
    );
    let same_matter = SameMatter::new(before, after);
    for_each_candidate(before, after, &vectors, true, |b, a, s, specific| {
        let s = [before[b].refers_back, after[a].refers_back]
            .iter()
            .filter(|r| **r)
            .fold(s, |s, _| s * REFERS_BACK);
        if s < LINK_THRESHOLD || scored.contains_key(&(b, a)) {
            return;
        }
        // A finding whose subject is a matter only its own report discusses ("unaccompanied
        // children …" where the other report never says "unaccompanied") pairs only when
        // the two are close anyway.
        if s < ONE_SIDED_BAR
            && !same_matter.holds(&before[b], &after[a])
            && (names_its_own(&before[b], &only_before)
                || names_its_own(&after[a], &only_after)
                || novel_b[b] > NOVEL_SHARE
                || novel_a[a] > NOVEL_SHARE)
        {
            return;
        }
        let shared = before[b].themes.iter().any(|t| {
            after[a].themes.contains(t)
                && theme_allows(before, after, b, a, *t, s, specific, thresholds)
        });
        if shared || s >= CROSS_THEME_THRESHOLD {
            scored.insert((b, a), s);
        }
    });
    let mut candidates: Vec<(usize, usize, f32)> =
        scored.into_iter().map(|((b, a), s)| (b, a, s)).collect();
    candidates.sort_by_key(|&(b, a, _)| (b, a));
    candidates
}

/// A finding with more than this share of its weight on words the other report never
/// uses is mostly about something that report does not discuss (a service it predates,
/// a news article's framing, this year's figures): it pairs only when close anyway, at
/// [`ONE_SIDED_BAR`]. Read on the public pairs, about two in three of the pairs this
/// refuses are pairs no reader would make; below 0.55 it refuses true rewordings too.
const NOVEL_SHARE: f32 = 0.6;
/// A report with fewer findings than this (a letter, a short article) leaves most words
/// unused by chance.
const NOVEL_MIN_FINDINGS: usize = 20;

/// Each of `own`'s findings' share of its weight (squared, its vector being normalised)
/// on terms no finding of `other` uses; none when `other` is too short for its silence
/// on a word to say anything.
fn novel_share(own: &[Sparse], other: &[Sparse]) -> Vec<f32> {
    if other.len() < NOVEL_MIN_FINDINGS {
        return vec![0.0; own.len()];
    }
    let used: HashSet<u32> = other.iter().flatten().map(|(id, _)| *id).collect();
    own.iter()
        .map(|v| {
            v.iter()
                .filter(|(id, _)| !used.contains(id))
                .map(|(_, w)| w * w)
                .sum()
        })
        .collect()
}

/// Below this similarity a finding naming a matter of its own report only is not paired.
const ONE_SIDED_BAR: f32 = 0.45;
/// A term is a matter of one report when it names the subject of this many of its findings
/// and the other report never uses it...
const ONE_SIDED_MIN: usize = 2;
/// ...and the other report, at the rate `own` names it, would have named it this often:
/// a short article's silence on a matter a long report names twice says nothing.
const ONE_SIDED_EXPECTED: f32 = 1.5;

/// Terms naming the matter of at least [`ONE_SIDED_MIN`] findings of `own` that no finding
/// of `other` uses at all, though `other` is long enough that it would have.
fn one_sided<'a>(own: &[Item<'a>], other: &[Item]) -> HashSet<&'a str> {
    // A piece much shorter than the other (a news article against a report) repeats its
    // framing ("inspectors said"), not matters of its own.
    if own.len() * 2 < other.len() {
        return HashSet::new();
    }
    let used: HashSet<&str> = other
        .iter()
        .flat_map(|i| i.terms.iter().map(String::as_str))
        .collect();
    let mut named: HashMap<&'a str, usize> = HashMap::new();
    for item in own {
        let mut seen: Vec<&str> = item.matter.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *named.entry(t).or_default() += 1;
        }
    }
    named
        .into_iter()
        .filter(|(t, n)| {
            let expected = *n as f32 * other.len() as f32 / own.len().max(1) as f32;
            *n >= ONE_SIDED_MIN && expected >= ONE_SIDED_EXPECTED && !used.contains(t)
        })
        .map(|(t, _)| t)
        .collect()
}

/// The pairs worth keeping among `candidates` (see [`align`]).
pub fn select(before: &[Item], after: &[Item], candidates: &[(usize, usize, f32)]) -> Vec<Link> {
    let mut best_b: Vec<Option<(usize, f32)>> = vec![None; before.len()];
    let mut best_a: Vec<Option<(usize, f32)>> = vec![None; after.len()];
    let better = |cur: &Option<(usize, f32)>, s: f32| cur.is_none_or(|(_, cs)| s > cs);
    for &(b, a, s) in candidates {
        if better(&best_b[b], s) {
            best_b[b] = Some((a, s));
        }
        if better(&best_a[a], s) {
            best_a[a] = Some((b, s));
        }
    }
    let paragraphs = ParagraphPairs::new(before, after, candidates);
    let same_matter = SameMatter::new(before, after);
    let mut links: Vec<Link> = candidates
        .iter()
        .copied()
        .filter(|&(b, a, s)| {
            let b_best = best_b[b].is_some_and(|(p, _)| p == a);
            let a_best = best_a[a].is_some_and(|(p, _)| p == b);
            let near =
                |other: Option<(usize, f32)>| other.is_some_and(|(_, os)| s >= NEAR_BEST * os);
            // A finding whose best partner prefers another sentence of the finding's own
            // paragraph is about that sentence's matter too ("… is evident. However, …").
            let beside = |other: Option<(usize, f32)>, items: &[Item], own: usize| {
                other.is_some_and(|(p, _)| items[p].paragraph == items[own].paragraph)
            };
            // Inside two paragraphs on one matter, each sentence with its closest there.
            let in_paired_paragraphs = || {
                let (p, q) = (before[b].paragraph, after[a].paragraph);
                paragraphs.pairs.contains(&(p, q))
                    && paragraphs.best_in(b, q, true) == Some(s)
                    && paragraphs.best_in(a, p, false) == Some(s)
            };
            (b_best && a_best)
                || s >= STRONG_PAIR
                || same_matter.holds(&before[b], &after[a])
                || in_paired_paragraphs()
                || (b_best && (near(best_a[a]) || beside(best_a[a], before, b)))
                || (a_best && (near(best_b[b]) || beside(best_b[b], after, a)))
        })
        .map(|(b, a, similarity)| Link {
            before: b,
            after: a,
            theme: shared_theme(&before[b], &after[a]),
            similarity,
        })
        .collect();
    links.sort_by_key(|x| (x.theme, x.before, x.after));
    links
}

/// Two findings whose subjects are the same words ("The offer is explained …", "The offer
/// does not provide …"): one matter, judged twice. Only for a subject that opens few of
/// either report's findings: one that opens many ("Leaders have …", "Care leavers are …")
/// names the reports' actors, not a matter.
struct SameMatter {
    /// Per subject (its sorted, distinct stems): how many findings of each report open with it.
    opened: HashMap<Vec<String>, [usize; 2]>,
    /// Per term: how many findings of both reports use it.
    used: HashMap<String, usize>,
    /// Most findings a subject's every term may be in ([`most_for_specific`]).
    most: usize,
}

/// Most findings of one report a subject may open and still name one matter.
const SAME_MATTER_MOST: usize = 2;

fn matter_key(item: &Item) -> Vec<String> {
    let mut key = item.matter.to_vec();
    key.sort_unstable();
    key.dedup();
    key
}

impl SameMatter {
    fn new(before: &[Item], after: &[Item]) -> SameMatter {
        let mut opened: HashMap<Vec<String>, [usize; 2]> = HashMap::new();
        let mut used: HashMap<String, usize> = HashMap::new();
        for (side, items) in [before, after].into_iter().enumerate() {
            for item in items {
                if !item.matter.is_empty() {
                    opened.entry(matter_key(item)).or_default()[side] += 1;
                }
                let terms: BTreeSet<&String> = item.terms.iter().collect();
                for t in terms {
                    *used.entry(t.clone()).or_default() += 1;
                }
            }
        }
        let most = most_for_specific(before.len() + after.len());
        SameMatter { opened, used, most }
    }

    fn holds(&self, b: &Item, a: &Item) -> bool {
        let key = matter_key(b);
        !key.is_empty()
            && key == matter_key(a)
            && self
                .opened
                .get(&key)
                .is_some_and(|n| n.iter().all(|&n| n <= SAME_MATTER_MOST))
            && key
                .iter()
                .all(|t| self.used.get(t).is_some_and(|&n| n <= self.most))
    }
}

/// Paragraphs of the two reports that discuss one matter: each is the other's closest
/// paragraph, closeness being how well their sentences pair (each sentence's best partner
/// in the other paragraph, averaged over both paragraphs' sentences).
struct ParagraphPairs {
    pairs: BTreeSet<(usize, usize)>,
    /// (earlier finding, later paragraph) and (later finding, earlier paragraph) → the
    /// finding's best similarity to a sentence of that paragraph.
    best_b: BTreeMap<(usize, usize), f32>,
    best_a: BTreeMap<(usize, usize), f32>,
}

impl ParagraphPairs {
    fn new(before: &[Item], after: &[Item], candidates: &[(usize, usize, f32)]) -> Self {
        let mut best_b: BTreeMap<(usize, usize), f32> = BTreeMap::new();
        let mut best_a: BTreeMap<(usize, usize), f32> = BTreeMap::new();
        for &(b, a, s) in candidates {
            let e = best_b.entry((b, after[a].paragraph)).or_insert(s);
            *e = e.max(s);
            let e = best_a.entry((a, before[b].paragraph)).or_insert(s);
            *e = e.max(s);
        }
        let size = |items: &[Item]| {
            let mut n: BTreeMap<usize, usize> = BTreeMap::new();
            for i in items {
                *n.entry(i.paragraph).or_default() += 1;
            }
            n
        };
        let (size_b, size_a) = (size(before), size(after));
        let mut closeness: BTreeMap<(usize, usize), f32> = BTreeMap::new();
        for (&(b, q), s) in &best_b {
            *closeness.entry((before[b].paragraph, q)).or_default() += s;
        }
        for (&(a, p), s) in &best_a {
            *closeness.entry((p, after[a].paragraph)).or_default() += s;
        }
        let mut best_of_p: BTreeMap<usize, (usize, f32)> = BTreeMap::new();
        let mut best_of_q: BTreeMap<usize, (usize, f32)> = BTreeMap::new();
        for (&(p, q), sum) in &closeness {
            let c = sum / (size_b[&p] + size_a[&q]) as f32;
            if best_of_p.get(&p).is_none_or(|&(_, bc)| c > bc) {
                best_of_p.insert(p, (q, c));
            }
            if best_of_q.get(&q).is_none_or(|&(_, bc)| c > bc) {
                best_of_q.insert(q, (p, c));
            }
        }
        let pairs = best_of_p
            .iter()
            .filter(|(p, (q, _))| best_of_q.get(q).is_some_and(|(bp, _)| bp == *p))
            .map(|(&p, &(q, _))| (p, q))
            .collect();
        ParagraphPairs {
            pairs,
            best_b,
            best_a,
        }
    }

    /// A finding's best similarity to a sentence of the other report's `paragraph`.
    fn best_in(&self, finding: usize, paragraph: usize, earlier: bool) -> Option<f32> {
        let map = if earlier { &self.best_b } else { &self.best_a };
        map.get(&(finding, paragraph)).copied()
    }
}

/// Whether two findings may pair under theme `t` they share.
#[allow(clippy::too_many_arguments)]
fn theme_allows(
    before: &[Item],
    after: &[Item],
    b: usize,
    a: usize,
    t: usize,
    s: f32,
    specific: bool,
    thresholds: &[f32],
) -> bool {
    // Two findings that each touch a theme through one common word ("school") are not
    // about the same thing unless they share a telling word too. (A discovered theme is
    // one shared word by construction; its own, higher threshold guards it instead.)
    let threshold = thresholds.get(t).copied().unwrap_or(LINK_THRESHOLD);
    let discovered = threshold > LINK_THRESHOLD;
    let weak = !before[b].strong.contains(&t) && !after[a].strong.contains(&t);
    !(weak && !specific && !discovered) && s >= threshold
}

/// The theme two findings share that ranks highest for both; the earlier finding's main
/// theme when they share none.
fn shared_theme(b: &Item, a: &Item) -> usize {
    let rank = |themes: &[usize], t: usize| {
        themes
            .iter()
            .position(|&x| x == t)
            .unwrap_or(usize::MAX / 2)
    };
    b.themes
        .iter()
        .copied()
        .filter(|t| a.themes.contains(t))
        .min_by_key(|&t| (rank(b.themes, t) + rank(a.themes, t), t))
        .or_else(|| b.themes.first().copied())
        .unwrap_or(0)
}

/// Pairs of findings within one report that say the same thing again (a headline
/// finding and the body paragraph that restates it), sharing a theme: `(i, j, similarity)`
/// with `i < j`, sorted.
pub fn restatements(items: &[Item]) -> Vec<(usize, usize, f32)> {
    let mut out: Vec<(usize, usize, f32)> = Vec::new();
    // A restatement shares informative words; pairs sharing only a theme never reach
    // its threshold, so the small-theme pass is skipped.
    for_each_candidate(
        items,
        items,
        &vectorise(items, items),
        false,
        |i, j, s, _| {
            if i < j
                && s >= RESTATEMENT
                && items[i].themes.iter().any(|t| items[j].themes.contains(t))
            {
                out.push((i, j, s));
            }
        },
    );
    out.sort_by_key(|x| (x.0, x.1));
    out.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    out
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
                refers_back: false,
                matter: &[],
                paragraph: usize::MAX,
            })
            .collect()
    }

    #[test]
    fn the_same_rare_subject_on_both_sides_is_one_matter_but_a_subject_opening_many_is_not() {
        let owned = |texts: &[&str]| -> Vec<(Vec<String>, Vec<String>)> {
            texts
                .iter()
                .map(|t| {
                    let subject = crate::topics::subject_span(t).unwrap_or_default();
                    (content_stems(t), content_stems(&subject))
                })
                .collect()
        };
        let view = |found: &'static [(Vec<String>, Vec<String>)]| -> Vec<Item<'static>> {
            found
                .iter()
                .map(|(terms, matter)| Item {
                    terms,
                    themes: &[],
                    strong: &[],
                    refers_back: false,
                    matter,
                    paragraph: usize::MAX,
                })
                .collect()
        };
        let mut before_texts = vec![
            "The offer is explained and accessed effectively.",
            "Leaders have a clear plan for recruitment.",
            "Leaders are visible to staff.",
            "Leaders have strengthened quality assurance.",
        ];
        let mut after_texts = vec![
            "The offer does not give enough detail of entitlements.",
            "Leaders have not sustained the workforce plan.",
        ];
        // Enough other findings that neither subject is common across the reports.
        let filler = [
            "Visits are regular.",
            "Plans are reviewed.",
            "Caseloads are manageable.",
            "Audits are thorough.",
            "Supervision is regular.",
            "Transitions are planned.",
            "Placements are stable.",
            "Health assessments are timely.",
            "Advocates are available.",
            "Interpreters are used.",
            "Records are up to date.",
            "Training is valued.",
        ];
        before_texts.extend(&filler[..6]);
        after_texts.extend(&filler[6..]);
        let before = view(Box::leak(owned(&before_texts).into_boxed_slice()));
        let after = view(Box::leak(owned(&after_texts).into_boxed_slice()));
        let same = SameMatter::new(&before, &after);
        assert!(same.holds(&before[0], &after[0]), "the offer, judged twice");
        assert!(
            !same.holds(&before[1], &after[1]),
            "'Leaders' opens three earlier findings: the reports' actors, not one matter"
        );
        assert!(!same.holds(&before[0], &after[1]));
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
    fn a_finding_pairs_with_each_close_restatement_but_not_with_a_weak_partner() {
        let (bt, bth) = items(&[
            ("Caseloads are high in some teams.", vec![0]),
            ("Caseloads in some teams are high.", vec![0]),
            (
                "Leaders, partners and governors discuss caseloads, budgets, premises and training at their monthly board.",
                vec![0],
            ),
        ]);
        let (at, ath) = items(&[("Caseloads are still high in some teams.", vec![0])]);
        let links = align(&view(&bt, &bth), &view(&at, &ath), &[]);
        let pairs: Vec<(usize, usize)> = links.iter().map(|l| (l.before, l.after)).collect();
        assert_eq!(pairs, vec![(0, 0), (1, 0)], "{links:?}");
    }

    #[test]
    fn alignment_is_deterministic() {
        let (bt, bth) = items(&[("Plans are clear.", vec![0]), ("Plans are clear.", vec![0])]);
        let (at, ath) = items(&[("Plans are clear and timely.", vec![0])]);
        let a = align(&view(&bt, &bth), &view(&at, &ath), &[]);
        let b = align(&view(&bt, &bth), &view(&at, &ath), &[]);
        assert_eq!(a, b);
    }

    #[test]
    fn a_sentence_joins_its_partner_when_the_partner_prefers_its_paragraph() {
        // Earlier: an auditing paragraph ("… is evident. However, the arrangements …")
        // and a sentence elsewhere; all three are closest to the one later sentence,
        // which is closest to the paragraph's first.
        let terms = vec![Vec::new(); 3];
        let themes = vec![vec![0]; 3];
        let mut before = view(&terms, &themes);
        for (item, paragraph) in before.iter_mut().zip([4, 4, 9]) {
            item.paragraph = paragraph;
        }
        let mut after = view(&terms[..1], &themes[..1]);
        after[0].paragraph = 2;
        let candidates = [(0, 0, 0.33), (1, 0, 0.17), (2, 0, 0.17)];
        let pairs: Vec<(usize, usize)> = select(&before, &after, &candidates)
            .iter()
            .map(|l| (l.before, l.after))
            .collect();
        assert_eq!(pairs, vec![(0, 0), (1, 0)]);
    }

    #[test]
    fn sentences_pair_inside_two_paragraphs_on_one_matter() {
        // Earlier paragraphs 1 (b0, b1) and 2 (b2); later 5 (a0, a1) and 6 (a2). b1 is
        // closest to a2 overall, but paragraph 1 goes with 5, where a1 is its partner.
        let terms = vec![Vec::new(); 3];
        let themes = vec![vec![0]; 3];
        let in_paragraphs = |paragraphs: [usize; 3]| {
            let mut items = view(&terms, &themes);
            for (item, p) in items.iter_mut().zip(paragraphs) {
                item.paragraph = p;
            }
            items
        };
        let (before, after) = (in_paragraphs([1, 1, 2]), in_paragraphs([5, 5, 6]));
        let candidates = [(0, 0, 0.4), (1, 1, 0.15), (1, 2, 0.2), (2, 2, 0.3)];
        let pairs: Vec<(usize, usize)> = select(&before, &after, &candidates)
            .iter()
            .map(|l| (l.before, l.after))
            .collect();
        assert_eq!(pairs, vec![(0, 0), (1, 1), (2, 2)]);
    }

    /// Items whose subject stems are their matter, as `compare` builds them.
    fn subjects(texts: &[&str]) -> Vec<Vec<String>> {
        texts
            .iter()
            .map(|t| {
                crate::topics::subject_span(t)
                    .map(|s| content_stems(&s))
                    .unwrap_or_default()
            })
            .collect()
    }

    fn with_matter<'a>(
        terms: &'a [Vec<String>],
        themes: &'a [Vec<usize>],
        matter: &'a [Vec<String>],
    ) -> Vec<Item<'a>> {
        let mut items = view(terms, themes);
        for (item, m) in items.iter_mut().zip(matter) {
            item.matter = m;
        }
        items
    }

    #[test]
    fn judging_words_weigh_less_than_the_words_naming_a_matter() {
        let (bt, bth) = items(&[
            (
                "Assessments are effective, robust and of good quality.",
                vec![0],
            ),
            ("Pathway plans are not updated.", vec![0]),
        ]);
        let (at, ath) = items(&[(
            "Pathway plans are effective, robust and of good quality.",
            vec![0],
        )]);
        let found = candidates(&view(&bt, &bth), &view(&at, &ath), &[]);
        let s = |b: usize| found.iter().find(|c| c.0 == b).map_or(0.0, |c| c.2);
        assert!(s(1) > s(0), "{found:?}");
    }

    #[test]
    fn a_matter_only_one_report_names_pairs_only_when_close() {
        let before = [
            "Unaccompanied children are found homes quickly.",
            "Unaccompanied children are helped with their cultural needs.",
            "Care leavers receive help from their personal advisers.",
            "Managers check the plans of children in care.",
        ];
        let after = [
            "Most children in care live in suitable foster homes close to their schools and families.",
            "Care leavers receive help from their personal advisers.",
            "Managers check plans regularly.",
            "Foster carers are trained well.",
        ];
        let (bt, bth) = items(&before.map(|t| (t, vec![0])));
        let (at, ath) = items(&after.map(|t| (t, vec![0])));
        let (bm, am) = (subjects(&before), subjects(&after));
        let pairs = |b: &[Item], a: &[Item]| -> Vec<(usize, usize)> {
            candidates(b, a, &[]).iter().map(|c| (c.0, c.1)).collect()
        };
        // Without knowing what each finding is about, "found homes quickly" pairs them.
        assert!(pairs(&view(&bt, &bth), &view(&at, &ath)).contains(&(0, 0)));
        // "Unaccompanied" names two earlier findings and no later one: a matter of its own.
        let kept = pairs(&with_matter(&bt, &bth, &bm), &with_matter(&at, &ath, &am));
        assert!(!kept.contains(&(0, 0)), "{kept:?}");
        assert!(kept.contains(&(2, 1)), "{kept:?}");
        // A much shorter later piece: its silence says nothing, so nothing is held back.
        let (st, sth) = items(&[(after[0], vec![0])]);
        let short = pairs(
            &with_matter(&bt, &bth, &bm),
            &with_matter(&st, &sth, &am[..1]),
        );
        assert!(short.contains(&(0, 0)), "{short:?}");
    }

    #[test]
    fn a_finding_mostly_in_words_the_other_report_never_uses_pairs_only_when_close() {
        let filler = (
            "Placements for children are stable and well matched.",
            vec![0],
        );
        let mut before = vec![("Leaders oversee the front door well.", vec![0])];
        let mut after = vec![
            (
                "Leaders commissioned a radicalisation prevention team.",
                vec![0],
            ),
            ("Leaders oversee the front door closely.", vec![0]),
        ];
        before.extend(std::iter::repeat_n(
            filler.clone(),
            NOVEL_MIN_FINDINGS.max(6),
        ));
        after.extend(std::iter::repeat_n(filler, NOVEL_MIN_FINDINGS.max(6)));
        let pairs = |before: &[(&str, Vec<usize>)], after: &[(&str, Vec<usize>)]| {
            let ((bt, bth), (at, ath)) = (items(before), items(after));
            candidates(&view(&bt, &bth), &view(&at, &ath), &[])
                .iter()
                .map(|c| (c.0, c.1))
                .collect::<Vec<_>>()
        };
        // A new team the earlier report never names shares only "leaders" with it.
        let kept = pairs(&before, &after);
        assert!(!kept.contains(&(0, 0)), "{kept:?}");
        assert!(kept.contains(&(0, 1)), "{kept:?}");
        // In reports too short for a word's absence to say anything, the two still pair.
        let short = pairs(&before[..6], &after[..7]);
        assert!(short.contains(&(0, 0)), "{short:?}");
    }
}
