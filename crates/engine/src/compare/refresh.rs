//! Recomputing topics, verdicts and counts from the links, after the engine or a person changed them.

use super::model::*;
use super::verdicts::*;
use crate::polarity::{self, Polarity};
use crate::topics;
use std::collections::{BTreeSet, HashMap};

/// How many pairs a topic shows.
pub(super) const PAIRS_SHOWN: usize = 3;
/// A topic member with no close partner weighs this share of the topic's strongest pair.
pub(super) const LOOSE_MEMBER_WEIGHT: f32 = 0.5;
/// Later findings paired at least this share of the strongest pair speak for the topic's
/// direction ("has improved", "remains").
pub(super) const CLOSE_MEMBER: f32 = 0.6;

/// Recomputes what follows from the links: topics follow their findings (a finding a
/// correction moved or unpaired leaves its topic; one that arrives joins its partner's
/// topic or gets its own), each topic's pairs and verdict, each theme's verdict and
/// counts (themes left without links are removed) and the summary. Call it after editing
/// links (overrides).
pub fn refresh(c: &mut Comparison) {
    c.themes.retain(|t| !t.links.is_empty());
    let later: HashMap<&str, Polarity> = c
        .after
        .findings
        .iter()
        .map(|f| (f.id.as_str(), f.polarity))
        .collect();
    for link in c.themes.iter_mut().flat_map(|t| &mut t.links) {
        link.later_polarity = link.after.as_deref().and_then(|id| later.get(id).copied());
    }
    let texts: HashMap<&str, (&str, Polarity)> = c
        .before
        .findings
        .iter()
        .chain(&c.after.findings)
        .map(|f| (f.id.as_str(), (f.text.as_str(), f.polarity)))
        .collect();
    let mut next_topic = c
        .themes
        .iter()
        .flat_map(|t| &t.topics)
        .filter_map(|t| t.id.strip_prefix('t')?.parse::<usize>().ok())
        .max()
        .unwrap_or(0);
    let mut counts: Option<topics::PhraseCounts> = None;
    let mut summary = Summary::default();
    for theme in &mut c.themes {
        // follow_links moves findings between topics but leaves the links as they are.
        let by_finding = links_by_finding(&theme.links);
        follow_links(theme, &by_finding, &texts, &mut next_topic, &mut counts);
        for topic in &mut theme.topics {
            settle_topic(topic, &theme.links, &by_finding, &texts);
        }
        let distinct = |f: fn(&Link) -> &Option<String>| {
            let mut ids: Vec<&String> = theme.links.iter().filter_map(|l| f(l).as_ref()).collect();
            ids.sort();
            ids.dedup();
            ids.len()
        };
        theme.before_count = distinct(|l| &l.before);
        theme.after_count = distinct(|l| &l.after);
        theme.verdict = topics_verdict(&theme.topics).unwrap_or(theme_verdict(&theme.links));
        match theme.verdict {
            Verdict::Improved => summary.improved += 1,
            Verdict::Regressed => summary.regressed += 1,
            Verdict::Persisted => summary.persisted += 1,
            Verdict::New => summary.new += 1,
            Verdict::Dropped => summary.dropped += 1,
            Verdict::Mixed => summary.mixed += 1,
        }
        summary.new_findings += theme
            .links
            .iter()
            .filter(|l| l.verdict == Verdict::New)
            .count();
        summary.dropped_findings += theme
            .links
            .iter()
            .filter(|l| l.verdict == Verdict::Dropped)
            .count();
    }
    summary.themes = c.themes.len();
    c.summary = summary;
}

pub(super) type Texts<'a> = HashMap<&'a str, (&'a str, Polarity)>;

/// Keeps a theme's topics in step with its links: members no longer in the theme leave,
/// findings in the theme but in no topic join their partner's topic or start their own.
pub(super) fn follow_links(
    theme: &mut ThemeResult,
    by_finding: &HashMap<String, Vec<usize>>,
    texts: &Texts,
    next_topic: &mut usize,
    counts: &mut Option<topics::PhraseCounts>,
) {
    let mut present: BTreeSet<&str> = BTreeSet::new();
    for l in &theme.links {
        present.extend(l.before.as_deref());
        present.extend(l.after.as_deref());
    }
    // In a topic of both reports, a finding stays while it is paired with one of the
    // other side's findings there: one a person unpaired leaves.
    let paired = |id: &str, others: &[String]| {
        by_finding.get(id).is_some_and(|ls| {
            ls.iter()
                .any(|&k| match (&theme.links[k].before, &theme.links[k].after) {
                    (Some(b), Some(a)) => {
                        (b == id && others.contains(a)) || (a == id && others.contains(b))
                    }
                    _ => false,
                })
        })
    };
    for topic in &mut theme.topics {
        let two_sided = !topic.before.is_empty() && !topic.after.is_empty();
        let keep = |id: &String, others: &[String]| {
            present.contains(id.as_str()) && (!two_sided || paired(id, others))
        };
        let before: Vec<String> = topic
            .before
            .iter()
            .filter(|id| keep(id, &topic.after))
            .cloned()
            .collect();
        let after: Vec<String> = topic
            .after
            .iter()
            .filter(|id| keep(id, &topic.before))
            .cloned()
            .collect();
        (topic.before, topic.after) = (before, after);
    }
    theme
        .topics
        .retain(|t| !t.before.is_empty() || !t.after.is_empty());
    let placed: BTreeSet<String> = theme
        .topics
        .iter()
        .flat_map(|t| t.before.iter().chain(&t.after).cloned())
        .collect();
    let loose: Vec<String> = present
        .iter()
        .filter(|id| !placed.contains(**id))
        .map(|id| id.to_string())
        .collect();
    for id in loose {
        let is_before = id.starts_with('b');
        let partner = by_finding.get(id.as_str()).and_then(|ls| {
            ls.iter().find_map(|&k| {
                let l = &theme.links[k];
                let (mine, other) = if is_before {
                    (&l.before, &l.after)
                } else {
                    (&l.after, &l.before)
                };
                (mine.as_deref() == Some(id.as_str()))
                    .then_some(other.clone())
                    .flatten()
            })
        });
        let home = partner.and_then(|p| {
            theme
                .topics
                .iter()
                .position(|t| t.before.contains(&p) || t.after.contains(&p))
        });
        match home {
            Some(i) if is_before => theme.topics[i].before.push(id),
            Some(i) => theme.topics[i].after.push(id),
            None => {
                *next_topic += 1;
                let counts = counts.get_or_insert_with(|| {
                    topics::PhraseCounts::new(texts.values().map(|(t, _)| *t))
                });
                let text = texts.get(id.as_str()).map_or("", |(t, _)| *t);
                let (b, a): (Vec<String>, Vec<String>) = if is_before {
                    (vec![id], vec![])
                } else {
                    (vec![], vec![id])
                };
                let label = if is_before {
                    topics::label(&[text], &[], counts)
                } else {
                    topics::label(&[], &[text], counts)
                };
                theme.topics.push(Topic {
                    id: format!("t{next_topic}"),
                    label,
                    verdict: Verdict::Persisted,
                    before: b,
                    after: a,
                    pairs: Vec::new(),
                    why: String::new(),
                    overridden: false,
                    note: None,
                });
            }
        }
    }
}

/// Which links each finding is in (indices into `links`), so that following a topic's
/// members costs their own links, not the whole theme's.
pub(super) fn links_by_finding(links: &[Link]) -> HashMap<String, Vec<usize>> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, l) in links.iter().enumerate() {
        for id in l.before.iter().chain(&l.after) {
            index.entry(id.clone()).or_default().push(k);
        }
    }
    index
}

/// A topic's pairs (its strongest links, corrections first) and its verdict.
pub(super) fn settle_topic(
    topic: &mut Topic,
    links: &[Link],
    by_finding: &HashMap<String, Vec<usize>>,
    texts: &Texts,
) {
    let mut ks: Vec<usize> = topic
        .before
        .iter()
        .filter_map(|id| by_finding.get(id))
        .flatten()
        .copied()
        .collect();
    ks.sort_unstable();
    ks.dedup();
    let mut inside: Vec<&Link> = ks
        .into_iter()
        .map(|k| &links[k])
        .filter(|l| match (&l.before, &l.after) {
            (Some(b), Some(a)) => topic.before.contains(b) && topic.after.contains(a),
            _ => false,
        })
        .collect();
    crate::sort::sort_by(&mut inside, |x, y| {
        y.overridden
            .cmp(&x.overridden)
            .then(
                y.similarity
                    .partial_cmp(&x.similarity)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then((&x.before, &x.after).cmp(&(&y.before, &y.after)))
    });
    let all: Vec<Link> = inside.iter().map(|l| (*l).clone()).collect();
    // Each finding weighs by how closely it is paired inside the topic, so a loosely
    // attached member (a restatement, a sentence on a neighbouring matter) moves the
    // verdict less than the sentences a reader would set side by side.
    let weight = |id: &str| -> f32 {
        all.iter()
            .filter(|l| l.before.as_deref() == Some(id) || l.after.as_deref() == Some(id))
            .map(|l| l.similarity)
            .fold(0.0, f32::max)
    };
    let strongest = all.iter().map(|l| l.similarity).fold(0.0, f32::max);
    let floor = (strongest * LOOSE_MEMBER_WEIGHT).max(f32::EPSILON);
    let tones = |ids: &[String]| -> Vec<(Polarity, f32)> {
        ids.iter()
            .filter_map(|id| {
                let (_, p) = texts.get(id.as_str())?;
                Some((*p, weight(id).max(floor)))
            })
            .collect()
    };
    // Direction words count from the later findings that are closely paired: "now" or
    // "remains" in a loosely attached sentence is about something else.
    let mut closest_after: Vec<(&String, f32)> =
        topic.after.iter().map(|id| (id, weight(id))).collect();
    crate::sort::sort_by(&mut closest_after, |x, y| {
        y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal)
    });
    let later_direction = closest_after
        .iter()
        .filter(|(_, w)| *w >= strongest * CLOSE_MEMBER)
        .filter_map(|(id, _)| texts.get(id.as_str()))
        .find_map(|(t, _)| polarity::direction(t));
    let (verdict, why) = topic_verdict(
        &tones(&topic.before),
        &tones(&topic.after),
        later_direction,
        &all,
    );
    topic.verdict = verdict;
    topic.why = why;
    topic.pairs = lead_pairs(all, verdict, texts);
}

/// A pair this close to a topic's strongest may lead it when it shows the verdict better.
pub(super) const LEAD_SHARE: f32 = 0.75;

/// The pairs a topic shows, the first leading: a person's corrections first; then, among
/// the pairs nearly as close as the strongest, one that shows the topic's verdict and
/// whose sentences name their matter themselves ("This means …" needs the sentence
/// before to be understood); then by similarity. `all` comes sorted by similarity.
pub(super) fn lead_pairs(mut all: Vec<Link>, verdict: Verdict, texts: &Texts) -> Vec<Link> {
    let strongest = all
        .iter()
        .filter(|l| !l.overridden)
        .map(|l| l.similarity)
        .fold(0.0, f32::max);
    let self_contained = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| texts.get(id))
            .is_some_and(|(t, _)| !crate::text::opens_with_pronoun(t))
    };
    crate::sort::sort_by_key(&mut all, |l| {
        let close = l.similarity >= strongest * LEAD_SHARE;
        (
            !l.overridden,
            !(close && l.verdict == verdict),
            !(close && self_contained(&l.before) && self_contained(&l.after)),
        )
    });
    // A pair far weaker than the topic's strongest joins two members that are each close
    // to other members, not to each other: shown side by side they would not read as one
    // matter, so they are not evidence.
    all.retain(|l| l.overridden || l.similarity >= strongest * LOOSE_MEMBER_WEIGHT);
    all.truncate(PAIRS_SHOWN);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(b: &str, a: &str, similarity: f32) -> Link {
        Link::new(
            Some(b.to_string()),
            Some(a.to_string()),
            Verdict::Persisted,
            similarity,
            crate::findings::Speaker::Inspectors,
        )
    }

    #[test]
    fn a_topic_shows_no_pair_far_weaker_than_its_strongest() {
        // b2 and a2 sit in the topic as restatements of b1 and a1; side by side with each
        // other (similarity 0.0 or a chance 0.1) they would not read as one matter.
        let all = vec![
            link("b1", "a1", 0.6),
            link("b1", "a2", 0.4),
            link("b2", "a1", 0.1),
            link("b2", "a2", 0.0),
        ];
        let shown = lead_pairs(all, Verdict::Persisted, &Texts::new());
        let ids: Vec<(&str, &str)> = shown
            .iter()
            .map(|l| {
                (
                    l.before.as_deref().unwrap_or(""),
                    l.after.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(ids, vec![("b1", "a1"), ("b1", "a2")]);
    }

    #[test]
    fn a_pair_a_person_made_is_shown_however_weak() {
        let mut theirs = link("b2", "a2", 0.0);
        theirs.overridden = true;
        let shown = lead_pairs(
            vec![link("b1", "a1", 0.6), theirs],
            Verdict::Persisted,
            &Texts::new(),
        );
        assert_eq!(shown.len(), 2);
        assert!(shown[0].overridden, "a person's pair leads");
    }
}
