//! Building a comparison from two documents: findings, themes, pairs, topics, verdicts.

use super::model::*;
use super::refresh::*;
use super::verdicts::*;
use crate::align::{self, Item};
use crate::findings::{self, Speaker};
use crate::ingest::Document;
use crate::polarity::{self, Polarity};
use crate::ratings;
use crate::text::content_stems;
use crate::themes::{self, Codebook, Input, Matcher};
use crate::topics;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A finding while the comparison is being built.
pub(super) struct Work {
    sentence: findings::Sentence,
    polarity: Polarity,
    /// Its canonical stems, then its subject's again (see [`subject_stems`]).
    terms: Vec<String>,
    /// How many of `terms`, at the end, are the subject's.
    subject_len: usize,
    themes: Vec<usize>,
    strong: Vec<usize>,
}

pub(super) fn side(doc: &Document, prefix: &str, works: &[Work], theme_ids: &[String]) -> Side {
    Side {
        name: doc.name.clone(),
        title: doc.title.clone(),
        date: doc.date.as_ref().map(|d| d.iso.clone()),
        date_confidence: doc.date.as_ref().map(|d| d.confidence),
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

pub(super) fn items(works: &[Work]) -> Vec<Item<'_>> {
    works
        .iter()
        .map(|w| Item {
            terms: &w.terms,
            themes: &w.themes,
            strong: &w.strong,
            refers_back: crate::text::opens_with_pronoun(&w.sentence.text),
            matter: &w.terms[w.terms.len() - w.subject_len..],
            paragraph: w.sentence.block,
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
                // The subject counted twice: it names the matter ("Pathway plans are …"),
                // so two findings about one matter share it even when their judgements
                // are worded apart.
                // Who speaks ("Inspectors said: …") is not what the finding is about.
                let claim = findings::claim(&s.text);
                let mut terms = matcher.canonical(&content_stems(claim));
                let subject = matcher.canonical(&subject_stems(claim));
                let subject_len = subject.len();
                terms.extend(subject);
                Work {
                    polarity: polarity::classify(&s.text, s.improvement_area),
                    terms,
                    subject_len,
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

    // A discovered theme is named by the phrase its findings share with its anchor word
    // ("Young people", not "People and young"), one no other theme has.
    let mut themes = themes;
    let mut taken: HashSet<String> = themes.iter().map(|t| t.label.to_lowercase()).collect();
    for (index, theme) in themes.iter_mut().enumerate() {
        let anchor = theme.id.strip_prefix("topic-");
        let Some(anchor) = anchor.filter(|_| theme.source == "discovered") else {
            continue;
        };
        let members: Vec<&str> = bw
            .iter()
            .chain(&aw)
            .filter(|w| w.themes.contains(&index))
            .map(|w| w.sentence.text.as_str())
            .collect();
        let name = topics::theme_names(anchor, &members, &counts)
            .into_iter()
            .find(|n| !taken.contains(&n.to_lowercase()));
        // Else its anchor word alone: "Safe", not "Safe and children".
        let name = name.or_else(|| theme.label.split(" and ").next().map(str::to_string));
        if let Some(name) = name {
            taken.insert(name.to_lowercase());
            theme.label = name;
        }
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

/// The stems of the words naming a finding's matter: its subject. None when the subject
/// opens with a pronoun ("This intense scrutiny is less well evidenced …"): it points
/// back at the sentence before, so it does not name this sentence's matter.
fn subject_stems(text: &str) -> Vec<String> {
    if crate::text::opens_with_pronoun(text) {
        return Vec::new();
    }
    topics::subject_span(text)
        .map(|subject| content_stems(&without_name_modifiers(&subject)))
        .unwrap_or_default()
}

/// The subject without the words of a name that only modifies its head ("a Family
/// Partnership worker" is a worker): they name a service, not the matter.
fn without_name_modifiers(subject: &str) -> String {
    let ws: Vec<&str> = subject.split_whitespace().collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let lower_after = |i: usize| {
        ws[i + 1..].iter().any(|w| {
            w.chars().next().is_some_and(char::is_lowercase) && !crate::text::is_stopword(w)
        })
    };
    ws.iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || !capitalised(w) || !lower_after(i))
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of some findings.
pub(super) fn texts<'a>(list: &[usize], works: &'a [Work]) -> Vec<&'a str> {
    list.iter()
        .map(|&i| works[i].sentence.text.as_str())
        .collect()
}

/// The theme a topic goes under: the main theme most of its findings have (ties to the
/// earlier listed theme).
pub(super) fn topic_theme(draft: &topics::Draft, bw: &[Work], aw: &[Work]) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_modifying_its_head_is_not_the_subject() {
        assert_eq!(
            without_name_modifiers("A dedicated Family Partnership worker"),
            "A dedicated worker"
        );
        assert_eq!(
            subject_stems("A dedicated Family Partnership worker is available to families."),
            ["dedic", "worker"]
        );
    }

    #[test]
    fn a_name_that_is_the_subject_stays() {
        for subject in [
            "The Children in Care Council",
            "The MASH",
            "Most care leavers",
        ] {
            assert_eq!(without_name_modifiers(subject), subject);
        }
    }
}
