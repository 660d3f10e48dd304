//! Tracks: one matter followed across every report of a series.
//!
//! 1. Chains. A topic of step k holds findings of report k+1 (its later side); so does a
//!    topic of step k+1 (its earlier side). Topics that share the most findings of the
//!    report between them are one matter: matched one to one, most shared first, so a
//!    topic that split in two carries on as one track and the smaller part starts its own.
//! 2. Gaps. A chain that ends before the latest report (its matter no longer mentioned)
//!    and one that starts after a report without it may be the same matter raised again.
//!    That is decided by the engine's own alignment: the two reports either side of the
//!    gap are compared directly, and two chains are joined when that comparison puts
//!    their findings in one topic with a strong pair between them, one to one, closest
//!    first. (Comparing only the loose findings as two small documents was tried first:
//!    without the rest of each report to compete for partners, and with term weights from
//!    a few findings, it joined matters that merely shared a word.) At most one extra
//!    comparison per step, shortest gaps first ([`MAX_GAP_COMPARISONS`]), so a series
//!    costs at most about twice its steps.
//! 3. Each track gets its cells (one per step), its tone per report and a kind.

use super::kinds::{kind_and_line, tone};
use super::{Cell, Quote, Report, Track};
use crate::align;
use crate::compare::{self, Comparison, Finding, Verdict};
use crate::ingest::Document;
use crate::polarity::Polarity;
use crate::text::content_stems;
use crate::themes::Codebook;
use std::collections::{BTreeMap, HashMap};

/// At most this many extra comparisons (of reports that are not neighbours) look for
/// returns, and never more than there are steps: the cost of a series stays within about
/// twice that of its steps.
pub const MAX_GAP_COMPARISONS: usize = 8;

/// A topic of one step, as tracks see it.
struct TopicInfo {
    id: String,
    theme: String,
    theme_label: String,
    label: String,
    verdict: Verdict,
    /// Findings of the earlier report and of the later one, as indexes into the
    /// findings list of that report ([`Findings::of`]).
    before: Vec<usize>,
    after: Vec<usize>,
    /// The findings of its strongest pair (else its first ones), as indexes like
    /// `before` and `after`.
    show_before: Option<usize>,
    show_after: Option<usize>,
}

/// A topic in a chain: its step and its index among that step's topics.
type Node = (usize, usize);

pub struct Found {
    pub tracks: Vec<Track>,
    /// Not every loose end could be checked for a later return.
    pub capped: bool,
}

/// Every finding of every report, and how a step's later side maps onto them.
struct Findings<'a> {
    steps: &'a [Comparison],
    /// `later[k][i]`: finding `i` of step k's later side, as an index into report k+1's list.
    later: Vec<Vec<Option<usize>>>,
}

impl<'a> Findings<'a> {
    fn new(steps: &'a [Comparison]) -> Findings<'a> {
        let later = (0..steps.len())
            .map(|k| {
                let side = &steps[k].after.findings;
                match steps.get(k + 1) {
                    // The same document read once per step gives the same findings in
                    // the same order; fall back to the text if it ever did not.
                    Some(next) => {
                        let list = &next.before.findings;
                        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
                        for (j, f) in list.iter().enumerate().rev() {
                            by_text.entry(f.text.as_str()).or_default().push(j);
                        }
                        side.iter()
                            .enumerate()
                            .map(|(i, f)| {
                                if list.get(i).is_some_and(|g| g.text == f.text) {
                                    Some(i)
                                } else {
                                    by_text.get_mut(f.text.as_str()).and_then(Vec::pop)
                                }
                            })
                            .collect()
                    }
                    None => (0..side.len()).map(Some).collect(),
                }
            })
            .collect();
        Findings { steps, later }
    }

    /// The findings of report `r`.
    fn of(&self, r: usize) -> &'a [Finding] {
        match self.steps.get(r) {
            Some(step) => &step.before.findings,
            None => self.steps.last().map_or(&[], |s| &s.after.findings),
        }
    }
}

fn index_of(findings: &[Finding]) -> HashMap<&str, usize> {
    findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect()
}

/// Every step's topics, in the order of their themes.
fn topics_of(f: &Findings) -> Vec<Vec<TopicInfo>> {
    f.steps
        .iter()
        .enumerate()
        .map(|(k, step)| {
            let (b_index, a_index) = (
                index_of(&step.before.findings),
                index_of(&step.after.findings),
            );
            let later = &f.later[k];
            step.themes
                .iter()
                .flat_map(|t| t.topics.iter().map(move |x| (t, x)))
                .map(|(t, x)| {
                    let before = x
                        .before
                        .iter()
                        .filter_map(|id| b_index.get(id.as_str()).copied())
                        .collect();
                    let after = x
                        .after
                        .iter()
                        .filter_map(|id| a_index.get(id.as_str()).and_then(|&i| later[i]))
                        .collect();
                    let lead = x.pairs.first();
                    let show_before = lead
                        .and_then(|l| l.before.as_ref())
                        .or(x.before.first())
                        .and_then(|id| b_index.get(id.as_str()).copied());
                    let show_after = lead
                        .and_then(|l| l.after.as_ref())
                        .or(x.after.first())
                        .and_then(|id| a_index.get(id.as_str()).and_then(|&i| later[i]));
                    TopicInfo {
                        id: x.id.clone(),
                        theme: t.id.clone(),
                        theme_label: t.label.clone(),
                        label: x.label.clone(),
                        verdict: x.verdict,
                        before,
                        after,
                        show_before,
                        show_after,
                    }
                })
                .collect()
        })
        .collect()
}

/// Chains of topics through the findings neighbouring steps share (step 1 above).
fn chains(topics: &[Vec<TopicInfo>]) -> Vec<Vec<Node>> {
    let mut chains: Vec<Vec<Node>> = Vec::new();
    // The chain each topic of the previous step ended up in.
    let mut chain_of: Vec<usize> = Vec::new();
    for (k, step) in topics.iter().enumerate() {
        let mut successor: Vec<Option<usize>> = vec![None; step.len()];
        if k > 0 {
            let previous = &topics[k - 1];
            // Which topic of this step holds each finding of the report between.
            let mut holder: HashMap<usize, usize> = HashMap::new();
            for (u, x) in step.iter().enumerate() {
                for &i in &x.before {
                    holder.entry(i).or_insert(u);
                }
            }
            let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
            for (t, x) in previous.iter().enumerate() {
                for i in &x.after {
                    if let Some(&u) = holder.get(i) {
                        *shared.entry((t, u)).or_default() += 1;
                    }
                }
            }
            let mut edges: Vec<((usize, usize), usize)> = shared.into_iter().collect();
            edges.sort_by_key(|&((t, u), n)| (std::cmp::Reverse(n), t, u));
            let mut taken = vec![false; previous.len()];
            for ((t, u), _) in edges {
                if !taken[t] && successor[u].is_none() {
                    taken[t] = true;
                    successor[u] = Some(chain_of[t]);
                }
            }
        }
        chain_of = successor
            .iter()
            .enumerate()
            .map(|(u, chain)| match chain {
                Some(c) => {
                    chains[*c].push((k, u));
                    *c
                }
                None => {
                    chains.push(vec![(k, u)]);
                    chains.len() - 1
                }
            })
            .collect();
    }
    chains
}

/// The reports a chain mentions its matter in, with that report's findings on it.
fn presence(nodes: &[Node], topics: &[Vec<TopicInfo>], reports: usize) -> Vec<Vec<usize>> {
    let mut found: Vec<Vec<usize>> = vec![Vec::new(); reports];
    for &(k, t) in nodes {
        let x = &topics[k][t];
        found[k].extend(&x.before);
        found[k + 1].extend(&x.after);
    }
    for list in &mut found {
        list.sort_unstable();
        list.dedup();
    }
    found
}

fn first_last(present: &[Vec<usize>]) -> Option<(usize, usize)> {
    let first = present.iter().position(|p| !p.is_empty())?;
    let last = present.iter().rposition(|p| !p.is_empty())?;
    Some((first, last))
}

/// Maps finding `i` of `list` (a report read again for a gap comparison) to its index in
/// that report's findings: the same index when the text agrees (the same document gives
/// the same findings), else the first finding with that text.
fn canonical(list: &[Finding], report: &[Finding]) -> Vec<Option<usize>> {
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, f) in report.iter().enumerate().rev() {
        by_text.entry(f.text.as_str()).or_default().push(j);
    }
    list.iter()
        .enumerate()
        .map(|(i, f)| {
            if report.get(i).is_some_and(|g| g.text == f.text) {
                Some(i)
            } else {
                by_text.get(f.text.as_str()).and_then(|v| v.last().copied())
            }
        })
        .collect()
}

/// The pairs of reports (earlier, later) with at least one report between them, shortest
/// gaps first: those are compared for returns, as far as the budget goes.
pub fn gap_pairs(reports: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for gap in 2..reports {
        for earlier in 0..reports - gap {
            pairs.push((earlier, earlier + gap));
        }
    }
    pairs
}

/// Joins chains across gaps (step 2 above): `next[c]` is the chain that carries chain c's
/// matter on after a gap. A chain whose matter is last mentioned in report `l` and one
/// whose matter is first mentioned in report `f` (at least one report between) are
/// candidates when the engine, comparing reports `l` and `f` directly, puts findings of
/// both in one topic; the closest such pair of findings decides, one to one. Returns
/// whether the budget left some pairs of reports uncompared.
fn join_gaps(
    chains: &[Vec<Node>],
    topics: &[Vec<TopicInfo>],
    f: &Findings,
    docs: &[&Document],
    codebook: &Codebook,
    progress: &mut dyn FnMut(usize, usize),
    next: &mut [Option<usize>],
) -> bool {
    let reports = f.steps.len() + 1;
    let present: Vec<Vec<Vec<usize>>> = chains
        .iter()
        .map(|c| presence(c, topics, reports))
        .collect();
    let spans: Vec<Option<(usize, usize)>> = present.iter().map(|p| first_last(p)).collect();
    // Which loose end or fresh start each finding of a report belongs to.
    let mut ends: Vec<HashMap<usize, usize>> = vec![HashMap::new(); reports];
    let mut starts: Vec<HashMap<usize, usize>> = vec![HashMap::new(); reports];
    for (c, span) in spans.iter().enumerate() {
        let Some((first, last)) = *span else { continue };
        if last + 2 < reports {
            for &i in &present[c][last] {
                ends[last].insert(i, c);
            }
        }
        if first >= 2 {
            for &i in &present[c][first] {
                starts[first].insert(i, c);
            }
        }
    }
    let wanted: Vec<(usize, usize)> = gap_pairs(reports)
        .into_iter()
        .filter(|&(l, s)| !ends[l].is_empty() && !starts[s].is_empty())
        .collect();
    let budget = MAX_GAP_COMPARISONS.min(reports - 1);
    let capped = wanted.len() > budget;
    let todo = &wanted[..wanted.len().min(budget)];
    // (similarity, gap, end chain, start chain)
    let mut edges: Vec<(f32, usize, usize, usize)> = Vec::new();
    for (done, &(l, s)) in todo.iter().enumerate() {
        progress(done, todo.len());
        let c = compare::compare(docs[l], docs[s], codebook);
        let b_map = canonical(&c.before.findings, f.of(l));
        let a_map = canonical(&c.after.findings, f.of(s));
        let (b_index, a_index) = (index_of(&c.before.findings), index_of(&c.after.findings));
        let mut best: BTreeMap<(usize, usize), f32> = BTreeMap::new();
        for theme in &c.themes {
            for x in &theme.topics {
                let owner = |ids: &[String],
                             index: &HashMap<&str, usize>,
                             map: &[Option<usize>],
                             loose: &HashMap<usize, usize>|
                 -> Vec<(String, usize)> {
                    ids.iter()
                        .filter_map(|id| {
                            let i = map.get(*index.get(id.as_str())?).copied().flatten()?;
                            Some((id.clone(), *loose.get(&i)?))
                        })
                        .collect()
                };
                let e = owner(&x.before, &b_index, &b_map, &ends[l]);
                let st = owner(&x.after, &a_index, &a_map, &starts[s]);
                if e.is_empty() || st.is_empty() {
                    continue;
                }
                // The engine's own links between the two inside the topic: the closest
                // decides. Sharing a topic without a strong direct link is not enough:
                // a topic gathers restatements, and "back in 2026" is a strong claim.
                for link in &theme.links {
                    let (Some(b_id), Some(a_id)) = (&link.before, &link.after) else {
                        continue;
                    };
                    if link.similarity < align::STRONG_PAIR {
                        continue;
                    }
                    let end = e.iter().find(|(id, _)| id == b_id).map(|x| x.1);
                    let start = st.iter().find(|(id, _)| id == a_id).map(|x| x.1);
                    if let (Some(end), Some(start)) = (end, start) {
                        let entry = best.entry((end, start)).or_insert(0.0);
                        *entry = entry.max(link.similarity);
                    }
                }
            }
        }
        for ((end, start), similarity) in best {
            edges.push((similarity, s - l, end, start));
        }
    }
    // Closest first; then the shorter gap; then the order the chains were found in.
    edges.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    let mut has_previous = vec![false; chains.len()];
    for (_, _, end, start) in edges {
        if next[end].is_none() && !has_previous[start] {
            next[end] = Some(start);
            has_previous[start] = true;
        }
    }
    capped
}

/// Every track of the series, most telling first.
pub fn build(
    steps: &[Comparison],
    docs: &[&Document],
    reports: &[Report],
    codebook: &Codebook,
    progress: &mut dyn FnMut(usize, usize),
) -> Found {
    let f = Findings::new(steps);
    let topics = topics_of(&f);
    let chains = chains(&topics);
    let mut next: Vec<Option<usize>> = vec![None; chains.len()];
    let capped = join_gaps(&chains, &topics, &f, docs, codebook, progress, &mut next);
    let mut joined = vec![false; chains.len()];
    for n in next.iter().flatten() {
        joined[*n] = true;
    }
    let mut tracks: Vec<(Vec<Node>, Track)> = Vec::new();
    for start in (0..chains.len()).filter(|&c| !joined[c]) {
        let mut nodes = Vec::new();
        let mut at = Some(start);
        while let Some(c) = at {
            nodes.extend(&chains[c]);
            at = next[c];
        }
        if let Some(track) = track(&nodes, &topics, &f, reports) {
            tracks.push((nodes, track));
        }
    }
    tracks.sort_by(|(n1, x), (n2, y)| {
        let present = |t: &Track| t.tones.iter().filter(|t| t.is_some()).count();
        x.kind
            .cmp(&y.kind)
            .then(present(y).cmp(&present(x)))
            .then(y.findings.cmp(&x.findings))
            .then(n1.first().cmp(&n2.first()))
    });
    let tracks = tracks
        .into_iter()
        .enumerate()
        .map(|(i, (_, t))| Track {
            id: format!("m{}", i + 1),
            ..t
        })
        .collect();
    Found { tracks, capped }
}

/// The track of some chained topics.
fn track(
    nodes: &[Node],
    topics: &[Vec<TopicInfo>],
    f: &Findings,
    reports: &[Report],
) -> Option<Track> {
    let n = reports.len();
    let present = presence(nodes, topics, n);
    let (first, last) = first_last(&present)?;
    let at_step: BTreeMap<usize, &TopicInfo> =
        nodes.iter().map(|&(k, t)| (k, &topics[k][t])).collect();
    let cells: Vec<Cell> = (0..n - 1)
        .map(|step| match at_step.get(&step) {
            Some(x) => Cell {
                step,
                topic: Some(x.id.clone()),
                theme: Some(x.theme.clone()),
                verdict: Some(x.verdict),
                gap: false,
            },
            None => Cell {
                step,
                topic: None,
                theme: None,
                verdict: None,
                gap: first <= step && step < last,
            },
        })
        .collect();
    let tones: Vec<Option<Polarity>> = present
        .iter()
        .enumerate()
        .map(|(r, ids)| {
            tone(
                ids.iter()
                    .filter_map(|&i| f.of(r).get(i))
                    .map(|x| x.polarity),
            )
        })
        .collect();
    let verdicts: Vec<(usize, Verdict)> = cells
        .iter()
        .filter_map(|c| c.verdict.map(|v| (c.step, v)))
        .collect();
    let (kind, line) = kind_and_line(&present, &tones, &verdicts, reports);
    // Named after its largest topic; the latest of equals.
    let lead = nodes
        .iter()
        .map(|&(k, t)| &topics[k][t])
        .enumerate()
        .max_by_key(|(i, x)| (x.before.len() + x.after.len(), *i))
        .map(|(_, x)| x)?;
    Some(Track {
        id: String::new(),
        label: lead.label.clone(),
        theme: lead.theme.clone(),
        theme_label: lead.theme_label.clone(),
        kind,
        line,
        cells,
        findings: present.iter().map(Vec::len).sum(),
        first: quote(
            first,
            &present[first],
            &lead.label,
            tones[first],
            &at_step,
            f,
        ),
        last: quote(last, &present[last], &lead.label, tones[last], &at_step, f),
        tones,
    })
}

/// How well a finding's polarity shows a report's tone on a matter: a concern best shows
/// a concern, and a mixed tone too (a matter the report is of two minds on is quoted
/// where it worries, not where it praises).
fn tone_fit(p: Polarity, tone: Option<Polarity>) -> u8 {
    match (tone, p) {
        (Some(Polarity::Concern | Polarity::Mixed), Polarity::Concern) => 2,
        (Some(Polarity::Concern | Polarity::Mixed), Polarity::Mixed) => 1,
        (Some(Polarity::Strength), Polarity::Strength) => 2,
        (Some(Polarity::Neutral), Polarity::Neutral) => 1,
        _ => 0,
    }
}

/// The finding of report `r` that best stands for the matter: one that names it (any of
/// the label's words), then one whose polarity shows the report's tone on it, then the
/// one naming it most, then prose before a bullet (an improvement point is a heading
/// more than a finding), then the topic's own lead pair, then the first.
fn quote(
    r: usize,
    ids: &[usize],
    label: &str,
    tone: Option<Polarity>,
    at_step: &BTreeMap<usize, &TopicInfo>,
    f: &Findings,
) -> Option<Quote> {
    let findings = f.of(r);
    // Where report r's findings carry their ids: the step comparing it with the next
    // report, or for the last report the step before.
    let step = if r < f.steps.len() { r } else { r - 1 };
    let shown: Vec<usize> = [
        at_step.get(&r).and_then(|x| x.show_before),
        r.checked_sub(1)
            .and_then(|s| at_step.get(&s))
            .and_then(|x| x.show_after),
    ]
    .into_iter()
    .flatten()
    .collect();
    let named = content_stems(label);
    let best = ids
        .iter()
        .filter_map(|&i| findings.get(i).map(|x| (i, x)))
        .max_by_key(|(i, x)| {
            let stems = content_stems(&x.text);
            let hits = named.iter().filter(|w| stems.contains(w)).count();
            (
                hits > 0,
                tone_fit(x.polarity, tone),
                hits,
                !x.bullet,
                shown.contains(i),
                std::cmp::Reverse(*i),
            )
        })?;
    let (i, _) = best;
    let finding = f.steps[step]
        .before
        .findings
        .get(i)
        .filter(|_| step == r)
        .or_else(|| f.steps[step].after.findings.get(i))?;
    Some(Quote {
        report: r,
        step,
        finding: finding.id.clone(),
        text: finding.text.clone(),
    })
}
