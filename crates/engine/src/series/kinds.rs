//! What a track did across the reports: its tone in each report, and its kind with a
//! line of words ("raised in 2016, still there in 2026").

use super::{Report, TrackKind};
use crate::compare::Verdict;
use crate::polarity::Polarity;

/// The tone of a report's findings on one matter: strength or concern when they lean
/// clearly (two to one) one way, mixed when they disagree, neutral when none judges.
pub fn tone(polarities: impl Iterator<Item = Polarity>) -> Option<Polarity> {
    let (mut strength, mut concern, mut mixed, mut any) = (0, 0, 0, false);
    for p in polarities {
        any = true;
        match p {
            Polarity::Strength => strength += 1,
            Polarity::Concern => concern += 1,
            Polarity::Mixed => mixed += 1,
            Polarity::Neutral => {}
        }
    }
    if !any {
        return None;
    }
    Some(match (strength, concern) {
        (0, 0) if mixed > 0 => Polarity::Mixed,
        (0, 0) => Polarity::Neutral,
        (s, c) if s >= 2 * (c + mixed) => Polarity::Strength,
        (s, c) if c >= 2 * (s + mixed) || (s == 0 && c >= mixed) => Polarity::Concern,
        _ => Polarity::Mixed,
    })
}

fn is_concern(tone: Option<Polarity>) -> bool {
    matches!(tone, Some(Polarity::Concern | Polarity::Mixed))
}

/// The reports' labels, joined: "2020", "2020 or 2022".
fn labels(reports: &[Report], list: &[usize], word: &str) -> String {
    let names: Vec<&str> = list.iter().map(|&r| reports[r].label.as_str()).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].to_string(),
        k => format!("{} {word} {}", names[..k - 1].join(", "), names[k - 1]),
    }
}

/// What the matter did (in the order of [`TrackKind`]'s precedence), and a line saying so.
pub fn kind_and_line(
    present: &[Vec<usize>],
    tones: &[Option<Polarity>],
    verdicts: &[(usize, Verdict)],
    reports: &[Report],
) -> (TrackKind, String) {
    let n = reports.len();
    let mentioned: Vec<usize> = (0..n).filter(|&r| !present[r].is_empty()).collect();
    let (first, last) = (mentioned[0], mentioned[mentioned.len() - 1]);
    let label = |r: usize| reports[r].label.as_str();
    let step_of = |v: Verdict| verdicts.iter().find(|(_, x)| *x == v).map(|(s, _)| *s);
    let (improved, regressed) = (step_of(Verdict::Improved), step_of(Verdict::Regressed));
    let missing: Vec<usize> = (first..=last).filter(|r| present[*r].is_empty()).collect();
    if mentioned.len() == 1 {
        return if first == n - 1 {
            (TrackKind::New, format!("first raised in {}", label(first)))
        } else {
            (
                TrackKind::Dropped,
                format!("raised in {} only", label(first)),
            )
        };
    }
    if let Some(&gap) = missing.first() {
        // The first run of reports without it, and the report it came back in.
        let run: Vec<usize> = (gap..=last)
            .take_while(|r| present[*r].is_empty())
            .collect();
        let back = run.last().map_or(gap, |r| r + 1);
        return (
            TrackKind::Returned,
            format!(
                "raised in {}, not mentioned in {}, back in {}",
                label(first),
                labels(reports, &run, "or"),
                label(back)
            ),
        );
    }
    let later_unmentioned = if last < n - 1 {
        format!("; not mentioned in {}", label(n - 1))
    } else {
        String::new()
    };
    if let (Some(i), Some(r)) = (improved, regressed) {
        let line = if i < r {
            let back = verdicts
                .iter()
                .find(|(s, v)| *s > i && *v == Verdict::Regressed)
                .map_or(r, |x| x.0);
            format!(
                "better by {}, worse again by {}",
                label(i + 1),
                label(back + 1)
            )
        } else {
            let back = verdicts
                .iter()
                .find(|(s, v)| *s > r && *v == Verdict::Improved)
                .map_or(i, |x| x.0);
            format!(
                "worse by {}, better again by {}",
                label(r + 1),
                label(back + 1)
            )
        };
        return (TrackKind::Reversal, line + &later_unmentioned);
    }
    if last < n - 1 {
        return (
            TrackKind::Dropped,
            format!("last mentioned in {}", label(last)),
        );
    }
    // A concern at every mention (a step from concern to mixed is "improved", but the
    // matter is still a concern).
    let judged: Vec<Option<Polarity>> = mentioned.iter().map(|&r| tones[r]).collect();
    if judged.iter().all(|t| is_concern(*t)) && judged.contains(&Some(Polarity::Concern)) {
        return (
            TrackKind::PersistentConcern,
            format!("raised in {}, still there in {}", label(first), label(last)),
        );
    }
    if let Some(i) = improved {
        let line = if i + 1 < last {
            format!("better by {}, and still in {}", label(i + 1), label(last))
        } else {
            format!("better by {}", label(i + 1))
        };
        return (TrackKind::SustainedImprovement, line);
    }
    if let Some(r) = regressed {
        let line = if r + 1 < last {
            format!("worse by {}, and still in {}", label(r + 1), label(last))
        } else {
            format!("worse by {}", label(r + 1))
        };
        return (TrackKind::Declined, line);
    }
    if first > 0 {
        return (TrackKind::New, format!("first raised in {}", label(first)));
    }
    let held = match (tones[first], tones[last]) {
        (Some(Polarity::Strength), Some(Polarity::Strength)) => "a strength",
        _ => "discussed",
    };
    (
        TrackKind::Steady,
        format!(
            "{held} from {} to {} without a clear change",
            label(first),
            label(last)
        ),
    )
}
