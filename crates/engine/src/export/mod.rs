//! What leaves the engine: the comparison as JSON (the schema), and briefings a person
//! reads or files — Markdown, HTML and Word (`docx`, Cargo feature `word`) — plus CSV (one
//! row per link, with its topic) and the codebook as a REFI-QDA `.qdc` file (`qdc`).
//!
//! Every briefing says the same things: [`briefing`] makes the selection once (headline,
//! ratings, improvement points, per theme a few quoted topics) as plain data, and each
//! format only renders it. Report text is always text in every format: [`plain`] takes out
//! what no format can carry, and each renderer escapes the rest its own way.

pub mod briefing;
pub mod csv;
#[cfg(feature = "word")]
pub mod docx;
pub mod html;
pub mod markdown;
pub mod qdc;

use crate::compare::{Comparison, Finding, ThemeResult, Topic, Verdict};
use std::borrow::Cow;
use std::fmt::Write;

pub(crate) use csv::csv_field;
pub use csv::to_csv;
pub use markdown::to_markdown;

/// The comparison as pretty JSON (schema `report-compare/2`): the full evidence.
pub fn to_json(c: &Comparison) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(c).unwrap_or_default()
}

/// How a verdict reads to a person. "Dropped" is not "resolved": say what it means.
pub fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => "Improved",
        Verdict::Regressed => "Regressed",
        Verdict::Persisted => "Persisted",
        Verdict::New => "New in the later report",
        Verdict::Dropped => "Not mentioned in the later report",
        Verdict::Mixed => "Mixed",
    }
}

/// The arrow a briefing shows beside a verdict (▲ improved, ▼ regressed, …).
pub fn verdict_icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => "▲",
        Verdict::Regressed => "▼",
        Verdict::Persisted => "■",
        Verdict::New => "+",
        Verdict::Dropped => "−",
        Verdict::Mixed => "◆",
    }
}

/// Report text as text any format can carry: control characters (form feeds, NULs,
/// escapes — XML 1.0 has no way to write most of them, even as references) become
/// spaces, and so do the C1 controls and the two non-characters U+FFFE/U+FFFF. Tabs and
/// newlines stay. Markup characters are left alone: each renderer escapes them.
pub fn plain(s: &str) -> Cow<'_, str> {
    let bad =
        |c: char| (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}';
    if s.chars().any(bad) {
        Cow::Owned(s.chars().map(|c| if bad(c) { ' ' } else { c }).collect())
    } else {
        Cow::Borrowed(s)
    }
}

pub(crate) fn finding<'a>(c: &'a Comparison, id: &Option<String>) -> Option<&'a Finding> {
    let id = id.as_ref()?;
    c.before
        .findings
        .iter()
        .chain(&c.after.findings)
        .find(|f| &f.id == id)
}

/// Topics of the comparison with their theme.
pub(crate) fn all_topics(c: &Comparison) -> impl Iterator<Item = (&ThemeResult, &Topic)> {
    c.themes
        .iter()
        .flat_map(|t| t.topics.iter().map(move |tp| (t, tp)))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a councillor can repeat: the overall rating change, then how the matters both
/// reports discuss moved, and what only one of them raises. "Oh: Requires improvement
/// → Good. Of 40 matters both reports discuss, 12 improved, 2 regressed and 26
/// persisted; the later report raises 30 others and no longer mentions 25."
pub fn headline(c: &Comparison) -> String {
    let mut sentences = Vec::new();
    if let Some(r) = c
        .ratings
        .iter()
        .find(|r| r.area == "Overall effectiveness")
        .or(c.ratings.first())
    {
        if let (Some(b), Some(a)) = (&r.before, &r.after) {
            let moved = match r.verdict.as_str() {
                "improved" => "improved",
                "regressed" => "declined",
                _ => "stayed",
            };
            sentences.push(if b == a {
                format!("{} {moved} at {a}", r.area)
            } else {
                format!("{} {moved} from {b} to {a}", r.area)
            });
        }
    }
    let count = |v: Verdict| all_topics(c).filter(|(_, tp)| tp.verdict == v).count();
    let shared = [
        Verdict::Improved,
        Verdict::Regressed,
        Verdict::Persisted,
        Verdict::Mixed,
    ]
    .iter()
    .map(|&v| count(v))
    .sum::<usize>();
    let mut moves: Vec<String> = Vec::new();
    for (v, word) in [
        (Verdict::Improved, "improved"),
        (Verdict::Regressed, "regressed"),
        (Verdict::Persisted, "persisted"),
        (Verdict::Mixed, "mixed"),
    ] {
        let n = count(v);
        if n > 0 {
            moves.push(format!("{n} {word}"));
        }
    }
    let moves = match moves.len() {
        0 => String::new(),
        1 => moves[0].clone(),
        n => format!("{} and {}", moves[..n - 1].join(", "), moves[n - 1]),
    };
    let (new, dropped) = (count(Verdict::New), count(Verdict::Dropped));
    let mut sentence = if shared > 0 {
        format!(
            "Of {} both reports discuss, {moves}",
            plural(shared, "matter", "matters")
        )
    } else {
        "The two reports discuss no matter in common".to_string()
    };
    if new + dropped > 0 {
        let _ = write!(
            sentence,
            "; the later report raises {} of its own and no longer mentions {}",
            plural(new, "matter", "matters"),
            dropped
        );
    }
    sentences.push(sentence);
    sentences.join(". ")
}

/// The movements behind the headline: the largest matters that improved, regressed, or
/// remain a concern, by name.
pub fn main_movements(c: &Comparison) -> Vec<(Verdict, Vec<String>)> {
    const MOVES: [Verdict; 3] = [Verdict::Improved, Verdict::Regressed, Verdict::Persisted];
    // A movement resting on a weak match is not one to repeat to councillors.
    let shown = |tp: &Topic| {
        tp.overridden
            || tp
                .pairs
                .first()
                .is_some_and(|l| l.overridden || l.similarity >= WEAK_MATCH)
    };
    let moves = |tp: &Topic, v: Verdict| {
        tp.verdict == v && (v != Verdict::Persisted || later_concern(c, tp))
    };
    // A name two topics of different movements share ("Care leavers" improved and
    // regressed) tells a reader nothing: it is left out of the headline.
    let ambiguous = |label: &str, v: Verdict| {
        all_topics(c).any(|(_, tp)| {
            tp.label.eq_ignore_ascii_case(label) && MOVES.iter().any(|&w| w != v && moves(tp, w))
        })
    };
    // "Rotherham", "Local authority": what the reports' titles name is the organisation
    // inspected, not a matter that moved.
    let titled = |label: &str| {
        let label = label.to_lowercase();
        [&c.before.title, &c.after.title]
            .into_iter()
            .flatten()
            .any(|t| t.to_lowercase().contains(&label))
    };
    let mut out = Vec::new();
    for v in MOVES {
        let mut list: Vec<&Topic> = all_topics(c)
            .map(|(_, tp)| tp)
            .filter(|tp| moves(tp, v))
            .collect();
        list.sort_by_key(|tp| std::cmp::Reverse(tp.before.len() + tp.after.len()));
        let mut names: Vec<String> = Vec::new();
        for tp in list {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&tp.label))
                && shown(tp)
                && !ambiguous(&tp.label, v)
                && !titled(&tp.label)
            {
                names.push(tp.label.clone());
            }
            if names.len() == 4 {
                break;
            }
        }
        if !names.is_empty() {
            out.push((v, names));
        }
    }
    out
}

/// Whether the later report still finds fault with a topic.
fn later_concern(c: &Comparison, tp: &Topic) -> bool {
    tp.after.iter().any(|id| {
        finding(c, &Some(id.clone())).is_some_and(|f| {
            matches!(
                f.polarity,
                crate::polarity::Polarity::Concern | crate::polarity::Polarity::Mixed
            )
        })
    })
}

/// Pairs below this similarity are weak matches: the briefing names their topic but does
/// not quote them or name it in the headline (the page marks them). Read on five public
/// and three unseen pairs, most lead pairs under it share a word or two and not the matter
/// ("Risk assessments include …" against "assessments … are not sufficiently thorough").
pub const WEAK_MATCH: f32 = 0.3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_markup_and_loses_control_characters() {
        assert_eq!(plain("a <b> & c"), "a <b> & c");
        assert!(matches!(plain("ordinary text"), Cow::Borrowed(_)));
        assert_eq!(plain("page\u{c}break\u{0}\u{1b}[31m"), "page break  [31m");
        assert_eq!(plain("tab\tand\nline\u{85}\u{FFFE}"), "tab\tand\nline  ");
    }

    #[test]
    fn the_headline_names_no_matter_ambiguously_and_not_the_organisation() {
        let read = |text: &str| crate::ingest::ingest(text.as_bytes(), "r.txt").unwrap();
        let before = read("# Inspection of Westbrook children's services\n\nCaseloads are too high in every team.\n\nPathway plans are weak and out of date.\n\nPersonal advisers are not visiting care leavers often enough.\n\nLeaders in Westbrook have no grip on performance.\n");
        let after = read("# Inspection of Westbrook children's services\n\nCaseloads are now manageable in every team.\n\nPathway plans are strong and up to date.\n\nPersonal advisers visit care leavers often.\n\nLeaders in Westbrook have a firm grip on performance.\n");
        let mut c = crate::compare::compare(&before, &after, &crate::Codebook::builtin());
        let mut topics: Vec<&mut Topic> = c
            .themes
            .iter_mut()
            .flat_map(|t| t.topics.iter_mut())
            .collect();
        assert!(topics.len() >= 4, "{}", topics.len());
        for (tp, (label, verdict)) in topics.iter_mut().zip([
            ("Care leavers", Verdict::Improved),
            ("Care leavers", Verdict::Regressed),
            ("Caseloads", Verdict::Improved),
            ("Westbrook", Verdict::Improved),
        ]) {
            tp.label = label.to_string();
            tp.verdict = verdict;
        }
        let moves = main_movements(&c);
        let named: Vec<&String> = moves.iter().flat_map(|(_, names)| names).collect();
        assert_eq!(named, ["Caseloads"], "{moves:?}");
        // Resting on a weak match, it is not named either.
        for tp in c.themes.iter_mut().flat_map(|t| t.topics.iter_mut()) {
            if tp.label == "Caseloads" {
                assert!(!tp.pairs.is_empty());
                tp.pairs
                    .iter_mut()
                    .for_each(|l| l.similarity = WEAK_MATCH - 0.05);
            }
        }
        assert!(main_movements(&c).is_empty(), "{:?}", main_movements(&c));
    }
}
