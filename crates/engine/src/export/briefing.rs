//! What a briefing says, chosen once and held as plain data; the Markdown, HTML and Word
//! renderers only lay it out, so the three can never disagree about what they quote.
//!
//! A councillor reads it in minutes (two 40-page reports give about two thousand words):
//! the headline and main movements, ratings, the earlier report's "what needs to improve"
//! points against the later report, then per theme its topics with a verdict and one pair
//! of quotes. The full evidence is in the JSON and CSV.

use super::{finding, headline, main_movements, verdict_words};
use crate::compare::{Comparison, Finding, Side, ThemeResult, Topic, Verdict};
use crate::findings::Speaker;
use crate::overrides::{self, Overrides};

/// Quotes in the briefing stop after this many words (the JSON and CSV keep them whole).
pub const QUOTE_WORDS: usize = 35;
/// Improvement points listed from each report before "and n more".
const POINTS: usize = 10;
/// Topics quoted side by side in the whole briefing, and within one theme.
const QUOTED_TOPICS: usize = 20;
const QUOTED_PER_THEME: usize = 3;
/// Topics named (without quotes) in one list before "and n more".
const NAMED: usize = 4;

/// Everything a briefing says, in the order it says it; each format only lays it out.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// The earlier report.
    pub earlier: Report,
    /// The later report.
    pub later: Report,
    /// One sentence on what changed overall.
    pub headline: String,
    /// "Improved", "Regressed", "Concerns still there", each with up to four topics.
    pub movements: Vec<(&'static str, Vec<String>)>,
    /// The graded judgements, earlier against later.
    pub ratings: Vec<RatingRow>,
    /// The earlier report's improvement points and their fate, when it has any.
    pub points: Option<Points>,
    /// Per theme: its verdict and a few quoted topics.
    pub themes: Vec<ThemeSection>,
    /// Every correction a person made, in their order, in words with their notes.
    pub corrections: Vec<String>,
}

/// One of the two reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The file name, as given.
    pub name: String,
    /// The report's title, when one was found.
    pub title: Option<String>,
    /// The report's date (ISO).
    pub date: Option<String>,
}

impl Report {
    fn of(side: &Side) -> Report {
        Report {
            name: side.name.clone(),
            title: side.title.clone(),
            date: side.date.clone(),
        }
    }

    /// Its title (else its file name), with its date: "Focused visit … (2021-06-18)".
    pub fn label(&self) -> String {
        let title = self.title.clone().unwrap_or_else(|| self.name.clone());
        match &self.date {
            Some(d) => format!("{title} ({d})"),
            None => title,
        }
    }
}

/// A row of the graded judgements; "—" where a report gives no grade.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRow {
    /// The judged area.
    pub area: String,
    /// The earlier report's grade.
    pub earlier: String,
    /// The later report's grade.
    pub later: String,
    /// What happened to the grade ("improved", "persisted", …).
    pub change: String,
    /// Why the row is not like for like (a joint grade set against two grades).
    pub note: Option<String>,
}

/// The earlier report's improvement points and what became of each, then the later
/// report's points that are new.
#[derive(Debug, Clone, PartialEq)]
pub struct Points {
    /// The earlier report's points, up to ten.
    pub earlier: Vec<Point>,
    /// How many more the earlier report has.
    pub earlier_more: usize,
    /// The later report's new points, up to ten.
    pub later: Vec<Point>,
    /// How many more new points the later report has.
    pub later_more: usize,
}

/// One improvement point and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The point, cut to [`QUOTE_WORDS`].
    pub text: String,
    /// "improved", "worse", "carried over", "not mentioned in the later report" or "new in
    /// the later report".
    pub fate: &'static str,
}

/// One theme as the briefing tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeSection {
    /// The theme's name.
    pub label: String,
    /// Its verdict.
    pub verdict: Verdict,
    /// The person set this theme's verdict (with their note, if any).
    pub reviewer: Option<Reviewer>,
    /// The topics quoted side by side, up to three.
    pub quoted: Vec<QuotedTopic>,
    /// Topics both reports discuss that are not quoted: "label (verdict)".
    pub also: Names,
    /// Topics only the later report discusses.
    pub new: Names,
    /// Topics only the earlier report discusses.
    pub dropped: Names,
}

/// A person's correction at the place it applies: marked as theirs, with their note.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewer {
    /// Their note, if they left one.
    pub note: Option<String>,
}

impl Reviewer {
    fn when(set: bool, note: Option<&str>) -> Option<Reviewer> {
        set.then(|| Reviewer {
            note: note
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from),
        })
    }
}

/// A topic quoted side by side: its verdict and one pair of findings.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotedTopic {
    /// The topic's name.
    pub label: String,
    /// Its verdict.
    pub verdict: Verdict,
    /// The engine's reason, "concern → strength".
    pub why: String,
    /// The earlier report's words on it.
    pub earlier: Option<Quote>,
    /// The later report's words on it.
    pub later: Option<Quote>,
    /// Why the pair needs care ("rests on the organisation's own statement").
    pub caveat: Option<String>,
    /// The person set the topic's verdict.
    pub topic_reviewer: Option<Reviewer>,
    /// The person paired these two findings or set the pair's verdict.
    pub pair_reviewer: Option<Reviewer>,
}

/// A finding quoted in a briefing.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The finding, cut to [`QUOTE_WORDS`].
    pub text: String,
    /// Whose words they are when not the inspectors': "the organisation's own statement".
    pub speaker: Option<&'static str>,
}

/// Names in a list, told apart case-insensitively, with how many more were left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Names {
    /// The names shown.
    pub names: Vec<Named>,
    /// How many more were left out.
    pub more: usize,
}

/// One topic named in a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    /// "label (verdict)", or the label alone in the new and dropped lists.
    pub text: String,
    /// The person set this topic's verdict.
    pub reviewer: bool,
}

impl Names {
    fn of(all: Vec<Named>) -> Names {
        let mut names: Vec<Named> = Vec::new();
        for n in all {
            if !names.iter().any(|s| s.text.eq_ignore_ascii_case(&n.text)) {
                names.push(n);
            }
        }
        let more = names.len().saturating_sub(NAMED);
        names.truncate(NAMED);
        Names { names, more }
    }

    /// Nothing to list.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The briefing of a comparison as it stands.
pub fn of(c: &Comparison) -> Briefing {
    build(c, None)
}

/// The briefing of `base` with a person's corrections applied: what they set is marked as
/// theirs where it applies, and every correction is listed at the end.
pub fn corrected(base: &Comparison, corrections: &Overrides) -> Briefing {
    let applied = overrides::apply(base, corrections);
    let mut b = build(&applied, Some(corrections));
    b.corrections = corrections
        .edits
        .iter()
        .map(|e| overrides::describe(base, e))
        .collect();
    b
}

fn build(c: &Comparison, corrections: Option<&Overrides>) -> Briefing {
    let movements = main_movements(c)
        .into_iter()
        .map(|(v, names)| {
            let word = match v {
                Verdict::Improved => "Improved",
                Verdict::Regressed => "Regressed",
                _ => "Concerns still there",
            };
            (word, names)
        })
        .collect();
    let ratings = c
        .ratings
        .iter()
        .map(|r| RatingRow {
            area: r.area.clone(),
            earlier: r.before.clone().unwrap_or_else(|| "—".into()),
            later: r.after.clone().unwrap_or_else(|| "—".into()),
            change: r.verdict.clone(),
            note: r.note.clone(),
        })
        .collect();
    let mut quoted = 0;
    let themes = c
        .themes
        .iter()
        .map(|t| {
            let set = corrections.and_then(|o| o.theme_verdict(&t.id));
            theme(c, t, set, &mut quoted)
        })
        .collect();
    Briefing {
        earlier: Report::of(&c.before),
        later: Report::of(&c.after),
        headline: headline(c),
        movements,
        ratings,
        points: points(c),
        themes,
        corrections: Vec::new(),
    }
}

fn points(c: &Comparison) -> Option<Points> {
    let topic_of = |id: &str| {
        super::all_topics(c)
            .map(|(_, tp)| tp)
            .find(|tp| tp.before.iter().chain(&tp.after).any(|x| x == id))
    };
    let earlier: Vec<&Finding> = c
        .before
        .findings
        .iter()
        .filter(|f| is_improvement_point(f))
        .collect();
    let later_new: Vec<&Finding> = c
        .after
        .findings
        .iter()
        .filter(|f| is_improvement_point(f))
        .filter(|f| topic_of(&f.id).is_some_and(|tp| tp.verdict == Verdict::New))
        .collect();
    if earlier.is_empty() && later_new.is_empty() {
        return None;
    }
    Some(Points {
        earlier_more: earlier.len().saturating_sub(POINTS),
        later_more: later_new.len().saturating_sub(POINTS),
        earlier: earlier
            .into_iter()
            .take(POINTS)
            .map(|f| Point {
                text: clip(&f.text),
                fate: match topic_of(&f.id).map(|tp| tp.verdict) {
                    Some(Verdict::Improved) => "improved",
                    Some(Verdict::Regressed) => "worse",
                    Some(Verdict::Persisted) | Some(Verdict::Mixed) => "carried over",
                    _ => "not mentioned in the later report",
                },
            })
            .collect(),
        later: later_new
            .into_iter()
            .take(POINTS)
            .map(|f| Point {
                text: clip(&f.text),
                fate: "new in the later report",
            })
            .collect(),
    })
}

/// A finding listed under a "what needs to improve" heading (or recommendations).
fn is_improvement_point(f: &Finding) -> bool {
    f.section.as_deref().is_some_and(|s| {
        let s = s.to_lowercase();
        s.contains("needs to improve")
            || s.contains("need to improve")
            || s.contains("recommendation")
            || s.contains("areas for improvement")
    })
}

fn theme(
    c: &Comparison,
    t: &ThemeResult,
    set: Option<(Verdict, Option<&str>)>,
    quoted: &mut usize,
) -> ThemeSection {
    let rank = |v: Verdict| match v {
        Verdict::Improved | Verdict::Regressed => 0,
        Verdict::Mixed => 1,
        _ => 2,
    };
    let mut shared: Vec<&Topic> = t
        .topics
        .iter()
        .filter(|tp| !tp.before.is_empty() && !tp.after.is_empty())
        .collect();
    shared.sort_by_key(|tp| {
        (
            rank(tp.verdict),
            std::cmp::Reverse(tp.before.len() + tp.after.len()),
        )
    });
    let mut section = ThemeSection {
        label: t.label.clone(),
        verdict: t.verdict,
        reviewer: set.and_then(|(_, note)| Reviewer::when(true, note)),
        quoted: Vec::new(),
        also: Names::default(),
        new: Names::default(),
        dropped: Names::default(),
    };
    let mut named = Vec::new();
    for tp in shared {
        match tp.pairs.first() {
            // A weak match is not evidence to quote to a councillor; it is named below.
            Some(l)
                if section.quoted.len() < QUOTED_PER_THEME
                    && *quoted < QUOTED_TOPICS
                    && (l.similarity >= super::WEAK_MATCH || l.overridden) =>
            {
                *quoted += 1;
                section.quoted.push(QuotedTopic {
                    label: tp.label.clone(),
                    verdict: tp.verdict,
                    why: tp.why.clone(),
                    earlier: finding(c, &l.before).map(quote),
                    later: finding(c, &l.after).map(quote),
                    caveat: l.caveat.clone(),
                    topic_reviewer: Reviewer::when(tp.overridden, tp.note.as_deref()),
                    pair_reviewer: Reviewer::when(l.overridden, l.note.as_deref()),
                });
            }
            _ => named.push(Named {
                text: format!(
                    "{} ({})",
                    tp.label,
                    verdict_words(tp.verdict).to_lowercase()
                ),
                reviewer: tp.overridden,
            }),
        }
    }
    section.also = Names::of(named);
    let one_sided = |v: Verdict| {
        Names::of(
            t.topics
                .iter()
                .filter(|tp| tp.verdict == v)
                .map(|tp| Named {
                    text: tp.label.clone(),
                    reviewer: tp.overridden,
                })
                .collect(),
        )
    };
    section.new = one_sided(Verdict::New);
    section.dropped = one_sided(Verdict::Dropped);
    section
}

fn quote(f: &Finding) -> Quote {
    Quote {
        text: clip(&f.text),
        speaker: match f.speaker {
            Speaker::Organisation => Some("the organisation's own statement"),
            Speaker::Writer => Some("the writer's words"),
            Speaker::Inspectors => None,
        },
    }
}

/// A quote cut to [`QUOTE_WORDS`] words.
fn clip(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= QUOTE_WORDS {
        text.to_string()
    } else {
        format!("{} …", words[..QUOTE_WORDS].join(" "))
    }
}

/// What every briefing says about itself, in plain words.
pub fn how_made() -> String {
    format!(
        "Made with report-compare {} on the computer that opened the two reports: they were read and compared there, and nothing was uploaded. The comparison is deterministic: the same two files give the same briefing, word for word. Verdicts are read from the reports’ own wording by fixed rules (tone, direction words such as “still” or “now”), not by a person, so check the quotes; quotes are cut to {QUOTE_WORDS} words. Anything a reviewer corrected is marked as theirs, with their note. Every finding, topic and pair, with similarity scores, is in the JSON and CSV exports.",
        env!("CARGO_PKG_VERSION")
    )
}
