//! Two documents -> [`Comparison`] (schema `report-compare/2`): the one boundary between
//! the engine and the UI, CLI and exports. Themes hold topics (one matter each, with the
//! findings of both reports on it); `links` stay beside them for the evidence pairs.
//! Deterministic: same input, same bytes out.

use crate::align::{self, Item};
use crate::findings::{self, Speaker};
use crate::ingest::Document;
use crate::polarity::{self, Direction, Polarity};
use crate::ratings::{self, RatingChange};
use crate::text::content_stems;
use crate::themes::{self, Codebook, Input, Matcher};
use crate::topics;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub const SCHEMA: &str = "report-compare/2";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub schema: String,
    pub before: Side,
    pub after: Side,
    pub ratings: Vec<RatingChange>,
    pub themes: Vec<ThemeResult>,
    pub summary: Summary,
}

/// One report as compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub name: String,
    pub title: Option<String>,
    /// ISO date ("2021-06-18", or "2022-07" when only the month is known).
    pub date: Option<String>,
    /// high | medium | low
    pub date_confidence: Option<String>,
    /// The words the date was read from.
    pub date_evidence: Option<String>,
    /// How the file was read (e.g. lossy decoding), for the user.
    pub notes: Vec<String>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// "b3" (earlier report) or "a7" (later report).
    pub id: String,
    pub text: String,
    pub section: Option<String>,
    /// Main theme id.
    pub theme: String,
    /// Every theme it touches, main first.
    pub themes: Vec<String>,
    pub polarity: Polarity,
    pub speaker: Speaker,
    /// Index of the paragraph or bullet it came from (for "jump to context").
    pub paragraph: usize,
    pub bullet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Improved,
    Regressed,
    Persisted,
    New,
    Dropped,
    /// Theme level only: links disagree.
    Mixed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Improved => "improved",
            Verdict::Regressed => "regressed",
            Verdict::Persisted => "persisted",
            Verdict::New => "new",
            Verdict::Dropped => "dropped",
            Verdict::Mixed => "mixed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub before: Option<String>,
    pub after: Option<String>,
    pub verdict: Verdict,
    pub similarity: f32,
    /// Set when the later side of the link is only the organisation's own statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
    /// Set when a person changed this link (verdict, pairing or theme), not the engine.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overridden: bool,
    /// The person's note on their change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Polarity of the later finding, so "persisted" reads as a persisting concern or a
    /// strength still held (filled in by [`refresh`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later_polarity: Option<Polarity>,
}

impl Link {
    /// A link as the engine makes it; `later_speaker` (who said the later finding) sets
    /// the caveat when it is only the organisation's own statement.
    pub fn new(
        before: Option<String>,
        after: Option<String>,
        verdict: Verdict,
        similarity: f32,
        later_speaker: Speaker,
    ) -> Link {
        Link {
            caveat: (after.is_some() && later_speaker == Speaker::Organisation)
                .then(|| ORGANISATION_CAVEAT.to_string()),
            before,
            after,
            verdict,
            similarity,
            overridden: false,
            note: None,
            later_polarity: None,
        }
    }

    /// A persisting concern (or a pair whose later side is a concern): not good news.
    fn later_concern(&self) -> bool {
        matches!(
            self.later_polarity,
            Some(Polarity::Concern | Polarity::Mixed)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeResult {
    pub id: String,
    pub label: String,
    /// "codebook" or "discovered".
    pub source: String,
    pub verdict: Verdict,
    /// Findings linked under this theme, per side.
    pub before_count: usize,
    pub after_count: usize,
    /// Every finding of the theme with its closest partner in its topic (or alone, as new
    /// or dropped): the full evidence.
    pub links: Vec<Link>,
    /// The matters within the theme. Empty in `report-compare/1` documents.
    #[serde(default)]
    pub topics: Vec<Topic>,
}

/// One matter a reader judges, with the findings of both reports on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// "t3": unique within the comparison.
    pub id: String,
    /// The matter's own words ("Return home interviews").
    pub label: String,
    /// improved, regressed, persisted, mixed, or new / dropped when one report alone
    /// discusses it.
    pub verdict: Verdict,
    /// Finding ids of the earlier report.
    pub before: Vec<String>,
    /// Finding ids of the later report.
    pub after: Vec<String>,
    /// The few pairs that best show the verdict, strongest first.
    pub pairs: Vec<Link>,
    /// Why the verdict, in a few words ("concern → strength").
    pub why: String,
    /// A person set this topic's verdict (overrides::Edit::TopicVerdict).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overridden: bool,
    /// Their note on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Headline counts: themes per verdict, and findings no longer mentioned.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub themes: usize,
    pub improved: usize,
    pub regressed: usize,
    pub persisted: usize,
    pub new: usize,
    pub dropped: usize,
    pub mixed: usize,
    pub new_findings: usize,
    pub dropped_findings: usize,
}

pub const ORGANISATION_CAVEAT: &str = "rests on the organisation's own statement";

/// Verdict for a linked pair: polarity change, refined by the later text's direction words.
pub fn link_verdict(before: Polarity, after: Polarity, direction: Option<Direction>) -> Verdict {
    use Polarity::*;
    let by_polarity = match (before, after) {
        (Concern, Strength) | (Mixed, Strength) | (Concern, Mixed) => Verdict::Improved,
        (Strength, Concern) | (Strength, Mixed) => Verdict::Regressed,
        _ => Verdict::Persisted,
    };
    match (direction, by_polarity, after) {
        (Some(Direction::Persisting), Verdict::Improved | Verdict::Regressed, Mixed) => {
            Verdict::Persisted
        }
        (Some(Direction::Improving), Verdict::Persisted, Strength | Mixed | Neutral) => {
            Verdict::Improved
        }
        (Some(Direction::Worsening), Verdict::Persisted, Concern | Mixed) => Verdict::Regressed,
        (Some(Direction::Worsening), Verdict::Improved, Concern) => Verdict::Regressed,
        _ => by_polarity,
    }
}

/// Overall verdict of a theme from its links.
pub fn theme_verdict(links: &[Link]) -> Verdict {
    // Stronger evidence counts for more: a pair weighs its similarity, a person's
    // correction weighs most.
    let weight = |l: &Link| {
        if l.overridden {
            1.0
        } else {
            l.similarity.max(0.05)
        }
    };
    let sum = |keep: &dyn Fn(&Link) -> bool| -> f32 {
        links.iter().filter(|l| keep(l)).map(weight).sum()
    };
    let imp = sum(&|l| l.verdict == Verdict::Improved);
    let reg = sum(&|l| l.verdict == Verdict::Regressed);
    let concerns_kept = sum(&|l| l.verdict == Verdict::Persisted && l.later_concern());
    let strengths_kept = sum(&|l| l.verdict == Verdict::Persisted && !l.later_concern());
    let total = imp + reg + concerns_kept + strengths_kept;
    if total == 0.0 {
        let has = |v: Verdict| links.iter().any(|l| l.verdict == v);
        return match (has(Verdict::New), has(Verdict::Dropped)) {
            (false, _) => Verdict::Dropped,
            (_, false) => Verdict::New,
            _ => Verdict::Mixed,
        };
    }
    // Improvement and regression both carry real weight: the links disagree.
    if imp * 3.0 >= total && reg * 3.0 >= total {
        return Verdict::Mixed;
    }
    // Strengths still held do not contradict an improvement, nor concerns still there
    // a regression; the other way round they do.
    if imp > reg && imp >= concerns_kept {
        Verdict::Improved
    } else if reg > imp && reg >= strengths_kept {
        Verdict::Regressed
    } else {
        Verdict::Persisted
    }
}

/// A finding while the comparison is being built.
struct Work {
    sentence: findings::Sentence,
    polarity: Polarity,
    terms: Vec<String>,
    themes: Vec<usize>,
    strong: Vec<usize>,
}

fn side(doc: &Document, prefix: &str, works: &[Work], theme_ids: &[String]) -> Side {
    Side {
        name: doc.name.clone(),
        title: doc.title.clone(),
        date: doc.date.as_ref().map(|d| d.iso.clone()),
        date_confidence: doc.date.as_ref().map(|d| d.confidence.clone()),
        date_evidence: doc.date.as_ref().map(|d| d.evidence.clone()),
        notes: doc.notes.clone(),
        findings: works
            .iter()
            .enumerate()
            .map(|(i, w)| Finding {
                id: format!("{prefix}{}", i + 1),
                text: w.sentence.text.clone(),
                section: w.sentence.section.clone(),
                theme: theme_ids[w.themes[0]].clone(),
                themes: w.themes.iter().map(|&t| theme_ids[t].clone()).collect(),
                polarity: w.polarity,
                speaker: w.sentence.speaker,
                paragraph: w.sentence.block,
                bullet: w.sentence.bullet,
            })
            .collect(),
    }
}

fn items(works: &[Work]) -> Vec<Item<'_>> {
    works
        .iter()
        .map(|w| Item {
            terms: &w.terms,
            themes: &w.themes,
            strong: &w.strong,
            refers_back: crate::text::opens_with_pronoun(&w.sentence.text),
        })
        .collect()
}

/// Compares two documents with a codebook.
pub fn compare(before: &Document, after: &Document, codebook: &Codebook) -> Comparison {
    let matcher = Matcher::new(codebook);
    let sentences = [findings::extract(before), findings::extract(after)];
    let inputs: Vec<Input> = sentences
        .iter()
        .enumerate()
        .flat_map(|(side, list)| {
            list.iter().map(move |s| Input {
                text: &s.text,
                block: s.block,
                side,
            })
        })
        .collect();
    let (themes, assignments) = themes::assign(&matcher, &inputs);
    let mut assignments = assignments.into_iter();
    let [b_sentences, a_sentences] = sentences;
    let mut work = |list: Vec<findings::Sentence>| -> Vec<Work> {
        list.into_iter()
            .map(|s| {
                let assignment = assignments.next().unwrap_or(themes::Assignment {
                    themes: Vec::new(),
                    strong: Vec::new(),
                });
                Work {
                    polarity: polarity::classify(&s.text, s.improvement_area),
                    terms: matcher.canonical(&emphasised_stems(&s.text)),
                    themes: assignment.themes,
                    strong: assignment.strong,
                    sentence: s,
                }
            })
            .collect()
    };
    let (bw, aw) = (work(b_sentences), work(a_sentences));
    let thresholds: Vec<f32> = themes
        .iter()
        .map(|t| {
            if t.source == "codebook" {
                align::LINK_THRESHOLD
            } else {
                align::DISCOVERED_LINK_THRESHOLD
            }
        })
        .collect();
    let (b_items, a_items) = (items(&bw), items(&aw));
    let candidates = align::candidates(&b_items, &a_items, &thresholds);
    let pairs: Vec<(usize, usize, f32)> = align::select(&b_items, &a_items, &candidates)
        .iter()
        .map(|l| (l.before, l.after, l.similarity))
        .collect();
    let drafts = topics::build(
        bw.len(),
        aw.len(),
        &pairs,
        &align::restatements(&b_items),
        &align::restatements(&a_items),
    );
    let similarity: HashMap<(usize, usize), f32> =
        candidates.iter().map(|&(b, a, s)| ((b, a), s)).collect();
    let counts = topics::PhraseCounts::new(bw.iter().chain(&aw).map(|w| w.sentence.text.as_str()));

    let theme_ids: Vec<String> = themes.iter().map(|t| t.id.clone()).collect();
    let before_side = side(before, "b", &bw, &theme_ids);
    let after_side = side(after, "a", &aw, &theme_ids);

    let mut per_theme: Vec<(Vec<Link>, Vec<Topic>)> = vec![Default::default(); themes.len()];
    for (k, draft) in drafts.iter().enumerate() {
        let b_id = |i: usize| before_side.findings[i].id.clone();
        let a_id = |i: usize| after_side.findings[i].id.clone();
        let mut links: Vec<Link> = Vec::new();
        let mut pair = |b: usize, a: usize, s: f32| {
            let verdict = link_verdict(
                bw[b].polarity,
                aw[a].polarity,
                polarity::direction(&aw[a].sentence.text),
            );
            let (bid, aid) = (Some(b_id(b)), Some(a_id(a)));
            if !links.iter().any(|l| l.before == bid && l.after == aid) {
                let s = (s * 1000.0).round() / 1000.0;
                links.push(Link::new(bid, aid, verdict, s, aw[a].sentence.speaker));
            }
        };
        // Each finding with its closest partner in the topic: the evidence.
        let closest = |s_of: &dyn Fn(usize) -> f32, others: &[usize]| {
            others
                .iter()
                .map(|&o| (o, s_of(o)))
                .fold(None, |best: Option<(usize, f32)>, (o, s)| match best {
                    Some((_, bs)) if bs >= s => best,
                    _ => Some((o, s)),
                })
        };
        if !draft.before.is_empty() && !draft.after.is_empty() {
            for &b in &draft.before {
                let s_of = |a: usize| similarity.get(&(b, a)).copied().unwrap_or(0.0);
                if let Some((a, s)) = closest(&s_of, &draft.after) {
                    pair(b, a, s);
                }
            }
            for &a in &draft.after {
                let s_of = |b: usize| similarity.get(&(b, a)).copied().unwrap_or(0.0);
                if let Some((b, s)) = closest(&s_of, &draft.before) {
                    pair(b, a, s);
                }
            }
        }
        for &b in draft.before.iter().filter(|_| draft.after.is_empty()) {
            links.push(Link::new(
                Some(b_id(b)),
                None,
                Verdict::Dropped,
                0.0,
                Speaker::Inspectors,
            ));
        }
        for &a in draft.after.iter().filter(|_| draft.before.is_empty()) {
            links.push(Link::new(
                None,
                Some(a_id(a)),
                Verdict::New,
                0.0,
                aw[a].sentence.speaker,
            ));
        }
        let topic = Topic {
            id: format!("t{}", k + 1),
            label: topics::label(
                &texts(&draft.before, &bw),
                &texts(&draft.after, &aw),
                &counts,
            ),
            verdict: Verdict::Persisted,
            before: draft.before.iter().map(|&i| b_id(i)).collect(),
            after: draft.after.iter().map(|&i| a_id(i)).collect(),
            pairs: Vec::new(),
            why: String::new(),
            overridden: false,
            note: None,
        };
        let theme = topic_theme(draft, &bw, &aw);
        per_theme[theme].0.extend(links);
        per_theme[theme].1.push(topic);
    }

    let results = themes
        .iter()
        .zip(per_theme)
        .map(|(theme, (links, topics))| ThemeResult {
            id: theme.id.clone(),
            label: theme.label.clone(),
            source: theme.source.clone(),
            verdict: Verdict::Persisted,
            before_count: 0,
            after_count: 0,
            links,
            topics,
        })
        .collect();
    let mut comparison = Comparison {
        schema: SCHEMA.to_string(),
        ratings: ratings::compare(&before.ratings, &after.ratings),
        before: before_side,
        after: after_side,
        themes: results,
        summary: Summary::default(),
    };
    refresh(&mut comparison);
    comparison
}

/// A finding's content stems, those of its subject counted twice: the subject names the
/// matter ("Pathway plans are …"), so two findings about one matter share it even when
/// their judgements are worded apart.
fn emphasised_stems(text: &str) -> Vec<String> {
    let mut stems = content_stems(text);
    if let Some(subject) = topics::subject_span(text) {
        stems.extend(content_stems(&subject));
    }
    stems
}

/// The texts of some findings.
fn texts<'a>(list: &[usize], works: &'a [Work]) -> Vec<&'a str> {
    list.iter()
        .map(|&i| works[i].sentence.text.as_str())
        .collect()
}

/// The theme a topic goes under: the main theme most of its findings have (ties to the
/// earlier listed theme).
fn topic_theme(draft: &topics::Draft, bw: &[Work], aw: &[Work]) -> usize {
    let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
    let mains = draft
        .before
        .iter()
        .map(|&i| &bw[i])
        .chain(draft.after.iter().map(|&i| &aw[i]))
        .filter_map(|w| w.themes.first());
    for &t in mains {
        *votes.entry(t).or_default() += 1;
    }
    votes
        .into_iter()
        .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)))
        .map_or(0, |(t, _)| t)
}

/// How many pairs a topic shows.
const PAIRS_SHOWN: usize = 3;
/// A topic member with no close partner weighs this share of the topic's strongest pair.
const LOOSE_MEMBER_WEIGHT: f32 = 0.5;
/// Later findings paired at least this share of the strongest pair speak for the topic's
/// direction ("has improved", "remains").
const CLOSE_MEMBER: f32 = 0.6;

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

type Texts<'a> = HashMap<&'a str, (&'a str, Polarity)>;

/// Keeps a theme's topics in step with its links: members no longer in the theme leave,
/// findings in the theme but in no topic join their partner's topic or start their own.
fn follow_links(
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
fn links_by_finding(links: &[Link]) -> HashMap<String, Vec<usize>> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, l) in links.iter().enumerate() {
        for id in l.before.iter().chain(&l.after) {
            index.entry(id.clone()).or_default().push(k);
        }
    }
    index
}

/// A topic's pairs (its strongest links, corrections first) and its verdict.
fn settle_topic(
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
    inside.sort_by(|x, y| {
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
    closest_after.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
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
const LEAD_SHARE: f32 = 0.75;

/// The pairs a topic shows, the first leading: a person's corrections first; then, among
/// the pairs nearly as close as the strongest, one that shows the topic's verdict and
/// whose sentences name their matter themselves ("This means …" needs the sentence
/// before to be understood); then by similarity. `all` comes sorted by similarity.
fn lead_pairs(mut all: Vec<Link>, verdict: Verdict, texts: &Texts) -> Vec<Link> {
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
    all.sort_by_key(|l| {
        let close = l.similarity >= strongest * LEAD_SHARE;
        (
            !l.overridden,
            !(close && l.verdict == verdict),
            !(close && self_contained(&l.before) && self_contained(&l.after)),
        )
    });
    all.truncate(PAIRS_SHOWN);
    all
}

/// A theme's verdict from its topics of both reports, each weighing its number of
/// findings, so the theme says what its topics say; None when it has no such topic.
/// Mixed when improvement and regression both carry a third; a change needs more weight
/// than half of what persisted.
fn topics_verdict(topics: &[Topic]) -> Option<Verdict> {
    let weigh = |v: Verdict| -> f32 {
        topics
            .iter()
            .filter(|t| t.verdict == v && !t.before.is_empty() && !t.after.is_empty())
            .map(|t| (t.before.len() + t.after.len()) as f32)
            .sum()
    };
    let (imp, reg) = (weigh(Verdict::Improved), weigh(Verdict::Regressed));
    let (kept, mixed) = (weigh(Verdict::Persisted), weigh(Verdict::Mixed));
    let total = imp + reg + kept + mixed;
    if total == 0.0 {
        return None;
    }
    Some(
        if (imp * 3.0 >= total && reg * 3.0 >= total) || mixed * 2.0 > total {
            Verdict::Mixed
        } else if imp > reg && imp * 2.0 >= kept {
            Verdict::Improved
        } else if reg > imp && reg * 2.0 >= kept {
            Verdict::Regressed
        } else {
            Verdict::Persisted
        },
    )
}

/// Mean tone of one side's findings, each by its weight: strength +1, concern -1,
/// mixed 0; neutral ones say nothing. None when every finding is neutral.
fn mean_tone(tones: &[(Polarity, f32)]) -> Option<f32> {
    let (sum, weight) = tones
        .iter()
        .filter_map(|(p, w)| match p {
            Polarity::Strength => Some((1.0, *w)),
            Polarity::Concern => Some((-1.0, *w)),
            Polarity::Mixed => Some((0.0, *w)),
            Polarity::Neutral => None,
        })
        .fold((0.0, 0.0), |(s, t), (v, w)| (s + v * w, t + w));
    (weight > 0.0).then(|| sum / weight)
}

fn tone_word(tone: Option<f32>) -> &'static str {
    match tone {
        None => "neutral",
        Some(t) if t >= 0.5 => "strength",
        Some(t) if t <= -0.5 => "concern",
        Some(_) => "mixed",
    }
}

/// A topic's verdict weighs each side as a whole (every finding on the matter, not one
/// pair), moved by the later report's direction words ("has improved", "remains");
/// a person's correction of a pair, or a side with no tone, leaves it to the pairs.
pub fn topic_verdict(
    before: &[(Polarity, f32)],
    after: &[(Polarity, f32)],
    later_direction: Option<Direction>,
    pairs: &[Link],
) -> (Verdict, String) {
    match (before.is_empty(), after.is_empty()) {
        (true, _) => return (Verdict::New, "only the later report discusses it".into()),
        (_, true) => {
            return (
                Verdict::Dropped,
                "the later report does not mention it".into(),
            )
        }
        _ => {}
    }
    let (b, a) = (mean_tone(before), mean_tone(after));
    let why = format!("{} → {}", tone_word(b), tone_word(a));
    let by_pairs = theme_verdict(pairs);
    let (Some(b), Some(a)) = (b, a) else {
        return (by_pairs, why);
    };
    if pairs.iter().any(|l| l.overridden) {
        return (by_pairs, why);
    }
    let shift = match later_direction {
        Some(Direction::Improving) => 0.5,
        Some(Direction::Worsening) => -0.5,
        _ => 0.0,
    };
    let delta = a - b + shift;
    let verdict = if later_direction == Some(Direction::Persisting) && delta.abs() < 1.0 {
        Verdict::Persisted
    } else if delta >= 0.5 {
        Verdict::Improved
    } else if delta <= -0.5 {
        Verdict::Regressed
    } else if by_pairs == Verdict::Mixed {
        Verdict::Mixed
    } else {
        Verdict::Persisted
    };
    // The later report's own words, when they back the verdict.
    let why = match (later_direction, verdict) {
        (Some(Direction::Improving), Verdict::Improved) => {
            format!("{why}; the later report says it has improved")
        }
        (Some(Direction::Worsening), Verdict::Regressed) => {
            format!("{why}; the later report says it has worsened")
        }
        (Some(Direction::Persisting), Verdict::Persisted) => {
            format!("{why}; the later report says it remains")
        }
        _ => why,
    };
    (verdict, why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Polarity::*;

    #[test]
    fn link_verdicts_follow_polarity_and_direction() {
        assert_eq!(link_verdict(Concern, Strength, None), Verdict::Improved);
        assert_eq!(link_verdict(Strength, Concern, None), Verdict::Regressed);
        assert_eq!(link_verdict(Concern, Concern, None), Verdict::Persisted);
        assert_eq!(
            link_verdict(Concern, Concern, Some(Direction::Worsening)),
            Verdict::Regressed
        );
        assert_eq!(
            link_verdict(Strength, Strength, Some(Direction::Improving)),
            Verdict::Improved
        );
        assert_eq!(
            link_verdict(Concern, Mixed, Some(Direction::Persisting)),
            Verdict::Persisted
        );
    }

    #[test]
    fn theme_verdict_weighs_links_by_similarity() {
        let link = |v, s, later| Link {
            later_polarity: Some(later),
            ..Link::new(None, None, v, s, Speaker::Inspectors)
        };
        use Verdict::*;
        assert_eq!(
            theme_verdict(&[link(Improved, 0.3, Strength), link(Regressed, 0.3, Concern)]),
            Mixed
        );
        // A strength still held does not dilute an improvement; a concern still there does.
        assert_eq!(
            theme_verdict(&[
                link(Improved, 0.2, Strength),
                link(Persisted, 0.4, Strength)
            ]),
            Improved
        );
        assert_eq!(
            theme_verdict(&[link(Improved, 0.2, Strength), link(Persisted, 0.4, Concern)]),
            Persisted
        );
        assert_eq!(
            theme_verdict(&[link(Regressed, 0.2, Concern), link(Persisted, 0.4, Concern)]),
            Regressed
        );
        assert_eq!(
            theme_verdict(&[
                link(Regressed, 0.1, Concern),
                link(Persisted, 0.4, Strength),
                link(Improved, 0.1, Strength)
            ]),
            Persisted
        );
        assert_eq!(
            theme_verdict(&[link(Persisted, 0.2, Concern), link(New, 0.0, Neutral)]),
            Persisted
        );
        assert_eq!(theme_verdict(&[link(New, 0.0, Neutral)]), New);
        assert_eq!(
            theme_verdict(&[link(Dropped, 0.0, Neutral), link(Dropped, 0.0, Neutral)]),
            Dropped
        );
        assert_eq!(
            theme_verdict(&[link(Dropped, 0.0, Neutral), link(New, 0.0, Neutral)]),
            Mixed
        );
        let mut corrected = link(Improved, 0.1, Strength);
        corrected.overridden = true;
        assert_eq!(
            theme_verdict(&[corrected, link(Persisted, 0.5, Concern)]),
            Improved
        );
    }
}
