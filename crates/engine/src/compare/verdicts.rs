//! Verdicts: of a pair from its polarities and direction words, of a topic from each side's tone,
//! of a theme from its links or topics.

use super::model::*;
use crate::polarity::{Direction, Polarity};

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

/// A theme's verdict from its topics of both reports, each weighing its number of
/// findings, so the theme says what its topics say; None when it has no such topic.
/// Mixed when improvement and regression both carry a third; a change needs more weight
/// than half of what persisted.
pub(super) fn topics_verdict(topics: &[Topic]) -> Option<Verdict> {
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
pub(super) fn mean_tone(tones: &[(Polarity, f32)]) -> Option<f32> {
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

pub(super) fn tone_word(tone: Option<f32>) -> &'static str {
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
    use crate::findings::Speaker;
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
