//! Small comparisons the corrections' tests are run on.

use super::*;
use crate::compare::{self, Comparison, Finding, Link, ThemeResult, Verdict};
use crate::compare::{Side, Summary};
use crate::findings::Speaker;
use crate::polarity::Polarity;

pub(super) fn finding(id: &str, text: &str, theme: &str, polarity: Polarity) -> Finding {
    Finding {
        id: id.to_string(),
        text: text.to_string(),
        section: None,
        theme: theme.to_string(),
        themes: vec![theme.to_string()],
        polarity,
        speaker: Speaker::Inspectors,
        paragraph: 0,
        bullet: false,
    }
}

pub(super) fn pair(b: &str, a: &str, v: Verdict) -> Link {
    Link::new(
        Some(b.to_string()),
        Some(a.to_string()),
        v,
        0.5,
        Speaker::Inspectors,
    )
}

pub(super) fn lone(b: Option<&str>, a: Option<&str>) -> Link {
    let v = if b.is_some() {
        Verdict::Dropped
    } else {
        Verdict::New
    };
    Link::new(
        b.map(str::to_string),
        a.map(str::to_string),
        v,
        0.0,
        Speaker::Inspectors,
    )
}

pub(super) fn theme(id: &str, links: Vec<Link>) -> ThemeResult {
    ThemeResult {
        id: id.to_string(),
        label: format!("Label {id}"),
        source: "codebook".to_string(),
        verdict: Verdict::Persisted,
        before_count: 0,
        after_count: 0,
        links,
        topics: Vec::new(),
    }
}

pub(super) fn side(name: &str, findings: Vec<Finding>) -> Side {
    Side {
        name: name.to_string(),
        title: None,
        date: None,
        date_confidence: None,
        date_evidence: None,
        notes: Vec::new(),
        findings,
    }
}

/// Two themes: "staff" (b1 → a1 improved, b2 not mentioned later) and "caseloads"
/// (b3 → a2 persisted, a3 new).
pub(super) fn sample() -> Comparison {
    use Polarity::*;
    let mut c = Comparison {
        schema: compare::SCHEMA.to_string(),
        before: side(
            "2021.txt",
            vec![
                finding(
                    "b1",
                    "Staff turnover is high, with many agency workers.",
                    "staff",
                    Concern,
                ),
                finding("b2", "Supervision is infrequent.", "staff", Concern),
                finding("b3", "Caseloads are too high.", "caseloads", Concern),
            ],
        ),
        after: side(
            "2023.txt",
            vec![
                finding("a1", "The workforce is now stable.", "staff", Strength),
                finding("a2", "Caseloads remain too high.", "caseloads", Concern),
                finding(
                    "a3",
                    "Managers, \"overall\", are visible.",
                    "caseloads",
                    Strength,
                ),
            ],
        ),
        ratings: Vec::new(),
        themes: vec![
            theme(
                "staff",
                vec![pair("b1", "a1", Verdict::Improved), lone(Some("b2"), None)],
            ),
            theme(
                "caseloads",
                vec![pair("b3", "a2", Verdict::Persisted), lone(None, Some("a3"))],
            ),
        ],
        summary: Summary::default(),
    };
    compare::refresh(&mut c);
    c
}

pub(super) fn links<'a>(
    c: &'a Comparison,
    theme: &str,
) -> Vec<(Option<&'a str>, Option<&'a str>, Verdict)> {
    c.themes
        .iter()
        .find(|t| t.id == theme)
        .map(|t| {
            t.links
                .iter()
                .map(|l| (l.before.as_deref(), l.after.as_deref(), l.verdict))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn with(edits: Vec<Edit>) -> Overrides {
    let mut o = Overrides::default();
    for e in edits {
        o.push(e);
    }
    o
}

/// The id of the topic under `theme` holding finding `id`.
pub(super) fn topic_of(c: &Comparison, theme: &str, id: &str) -> String {
    c.themes
        .iter()
        .find(|t| t.id == theme)
        .and_then(|t| {
            t.topics
                .iter()
                .find(|x| x.before.iter().chain(&x.after).any(|f| f == id))
        })
        .map(|x| x.id.clone())
        .unwrap()
}

pub(super) fn topic<'a>(c: &'a Comparison, theme: &str, id: &str) -> &'a compare::Topic {
    c.themes
        .iter()
        .find(|t| t.id == theme)
        .and_then(|t| t.topics.iter().find(|x| x.id == id))
        .unwrap()
}
