//! Two documents -> [`Comparison`] (schema `report-compare/1`): the one boundary between
//! the engine and the UI, CLI and exports. Deterministic: same input, same bytes out.

use crate::align::{self, Item};
use crate::findings::{self, Speaker};
use crate::ingest::Document;
use crate::polarity::{self, Direction, Polarity};
use crate::ratings::{self, RatingChange};
use crate::text::content_stems;
use crate::themes::{self, Codebook, Input, Matcher};
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "report-compare/1";

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
    pub links: Vec<Link>,
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
                    terms: matcher.canonical(&content_stems(&s.text)),
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
    let links = align::align(&items(&bw), &items(&aw), &thresholds);

    let theme_ids: Vec<String> = themes.iter().map(|t| t.id.clone()).collect();
    let before_side = side(before, "b", &bw, &theme_ids);
    let after_side = side(after, "a", &aw, &theme_ids);

    let mut per_theme: Vec<Vec<Link>> = vec![Vec::new(); themes.len()];
    let mut b_linked = vec![false; bw.len()];
    let mut a_linked = vec![false; aw.len()];
    for l in &links {
        b_linked[l.before] = true;
        a_linked[l.after] = true;
        let (b, a) = (&bw[l.before], &aw[l.after]);
        let verdict = link_verdict(
            b.polarity,
            a.polarity,
            polarity::direction(&a.sentence.text),
        );
        per_theme[l.theme].push(Link::new(
            Some(before_side.findings[l.before].id.clone()),
            Some(after_side.findings[l.after].id.clone()),
            verdict,
            (l.similarity * 1000.0).round() / 1000.0,
            a.sentence.speaker,
        ));
    }
    for (i, w) in bw.iter().enumerate().filter(|(i, _)| !b_linked[*i]) {
        per_theme[w.themes[0]].push(Link::new(
            Some(before_side.findings[i].id.clone()),
            None,
            Verdict::Dropped,
            0.0,
            Speaker::Inspectors,
        ));
    }
    for (i, w) in aw.iter().enumerate().filter(|(i, _)| !a_linked[*i]) {
        per_theme[w.themes[0]].push(Link::new(
            None,
            Some(after_side.findings[i].id.clone()),
            Verdict::New,
            0.0,
            w.sentence.speaker,
        ));
    }

    let results = themes
        .iter()
        .zip(per_theme)
        .map(|(theme, links)| ThemeResult {
            id: theme.id.clone(),
            label: theme.label.clone(),
            source: theme.source.clone(),
            verdict: Verdict::Persisted,
            before_count: 0,
            after_count: 0,
            links,
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

/// Recomputes what follows from the links: each theme's verdict and counts (themes left
/// without links are removed) and the summary. Call it after editing links (overrides).
pub fn refresh(c: &mut Comparison) {
    c.themes.retain(|t| !t.links.is_empty());
    let later: std::collections::HashMap<&str, Polarity> = c
        .after
        .findings
        .iter()
        .map(|f| (f.id.as_str(), f.polarity))
        .collect();
    for link in c.themes.iter_mut().flat_map(|t| &mut t.links) {
        link.later_polarity = link.after.as_deref().and_then(|id| later.get(id).copied());
    }
    let mut summary = Summary::default();
    for theme in &mut c.themes {
        let distinct = |f: fn(&Link) -> &Option<String>| {
            let mut ids: Vec<&String> = theme.links.iter().filter_map(|l| f(l).as_ref()).collect();
            ids.sort();
            ids.dedup();
            ids.len()
        };
        theme.before_count = distinct(|l| &l.before);
        theme.after_count = distinct(|l| &l.after);
        theme.verdict = theme_verdict(&theme.links);
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
