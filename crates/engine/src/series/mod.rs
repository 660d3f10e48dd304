//! Three or more reports on one organisation -> [`Series`] (schema
//! `report-compare-series/1`): the reports in date order, each neighbouring pair compared
//! as today ([`compare::compare`], one `report-compare/2` [`Comparison`] per step), and
//! one [`Track`] per matter across all the reports: the topics of the steps chained
//! through the findings they share, and joined across gaps (a matter no longer mentioned
//! at one inspection and raised again at a later one) by the engine's own alignment.
//!
//! The engine is not changed for this: a series is built from what `compare` returns.
//! Deterministic: same documents in, same bytes out.

mod kinds;
mod order;
mod tracks;

pub mod export;

use crate::compare::{self, Comparison, Verdict};
use crate::ingest::Document;
use crate::polarity::Polarity;
use crate::ratings;
use crate::themes::Codebook;
use serde::{Deserialize, Serialize};
use std::fmt;

pub use order::date_order;

/// The schema name every series carries.
pub const SCHEMA: &str = "report-compare-series/1";
/// Fewer reports are a comparison, not a series.
pub const MIN_REPORTS: usize = 3;
/// More than this many reports are refused: every step is a full comparison, and the
/// page has to stay usable.
pub const MAX_REPORTS: usize = 12;

/// Three or more reports of one service compared in date order: each step a comparison, and the matters followed through them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// In the order compared (date order unless a person reordered them).
    pub reports: Vec<Report>,
    /// How the order was decided, duplicates and the like, for the reader.
    pub notes: Vec<String>,
    /// One row per judgement area graded by any of the reports.
    pub ratings: Vec<RatingTrack>,
    /// `steps[k]` compares `reports[k]` with `reports[k + 1]`.
    pub steps: Vec<Comparison>,
    /// One per matter, most telling first (see [`TrackKind`]).
    pub tracks: Vec<Track>,
    /// Tracks per kind, for the headline.
    pub summary: Summary,
}

/// One report of the series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The file name, as given.
    pub name: String,
    /// The report's title, when one was found.
    pub title: Option<String>,
    /// ISO date, as the comparison has it.
    pub date: Option<String>,
    /// What the series calls it: the year ("2016"), the month too when two share a year
    /// ("Jul 2022"), or "Report 3" without a date.
    pub label: String,
    /// How many findings it has.
    pub findings: usize,
}

/// One judgement area across the reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingTrack {
    /// The judged area.
    pub area: String,
    /// Per report: the grade as the framework words it, if that report gave one.
    pub grades: Vec<Option<String>>,
    /// Per report: 4 Outstanding, 3 Good, 2 Requires improvement, 1 Inadequate.
    pub ranks: Vec<Option<u8>>,
    /// Set when a report gave one grade to this area and another together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// What a matter did across the years, for the reader to look at first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackKind {
    /// A concern from its first mention to the latest report.
    PersistentConcern,
    /// Got better, then worse (or the other way round).
    Reversal,
    /// Not mentioned at one or more inspections in between, then raised again.
    Returned,
    /// Improved at some step and never slipped back.
    SustainedImprovement,
    /// Got worse at some step and never recovered.
    Declined,
    /// First raised after the first report, and still there.
    New,
    /// Not mentioned in the latest report (never "resolved": it may simply not have been
    /// looked at).
    Dropped,
    /// Discussed throughout without a clear change.
    Steady,
}

impl TrackKind {
    /// Every kind, most telling first: the order tracks are listed in.
    pub const ALL: [TrackKind; 8] = [
        TrackKind::PersistentConcern,
        TrackKind::Reversal,
        TrackKind::Returned,
        TrackKind::SustainedImprovement,
        TrackKind::Declined,
        TrackKind::New,
        TrackKind::Dropped,
        TrackKind::Steady,
    ];

    /// The word the JSON and CSV use ("persistent_concern", …).
    pub fn as_str(self) -> &'static str {
        match self {
            TrackKind::PersistentConcern => "persistent_concern",
            TrackKind::Reversal => "reversal",
            TrackKind::Returned => "returned",
            TrackKind::SustainedImprovement => "sustained_improvement",
            TrackKind::Declined => "declined",
            TrackKind::New => "new",
            TrackKind::Dropped => "dropped",
            TrackKind::Steady => "steady",
        }
    }

    /// How it reads to a person.
    pub fn words(self) -> &'static str {
        match self {
            TrackKind::PersistentConcern => "Persistent concern",
            TrackKind::Reversal => "Reversal",
            TrackKind::Returned => "Returned after a gap",
            TrackKind::SustainedImprovement => "Sustained improvement",
            TrackKind::Declined => "Declined",
            TrackKind::New => "New",
            TrackKind::Dropped => "No longer mentioned",
            TrackKind::Steady => "Steady",
        }
    }
}

/// One matter across the reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Track {
    /// "m1": unique within the series, in the order of `tracks`.
    pub id: String,
    /// The matter in the reports' own words (its largest topic's label).
    pub label: String,
    /// The theme of that topic (id and label, as in its step).
    pub theme: String,
    /// The theme's name as a reader sees it.
    pub theme_label: String,
    /// What the matter did across the reports.
    pub kind: TrackKind,
    /// What happened, in a few words: "raised in 2016, still there in 2026".
    pub line: String,
    /// One per step, in order.
    pub cells: Vec<Cell>,
    /// Per report: the tone of its findings on this matter, or None when it does not
    /// mention it.
    pub tones: Vec<Option<Polarity>>,
    /// Findings on the matter, all reports together.
    pub findings: usize,
    /// A finding from the first report that mentions it, and one from the last.
    pub first: Option<Quote>,
    /// A finding from the last report that mentions it.
    pub last: Option<Quote>,
}

impl Track {
    /// The step where a matter comes back after a gap: that step calls it new (its earlier
    /// report does not mention it), but an earlier report did.
    pub fn returns_at(&self, step: usize) -> bool {
        self.cells
            .get(step)
            .is_some_and(|c| c.verdict == Some(Verdict::New))
            && self.cells[..step].iter().any(|c| c.topic.is_some())
    }
}

/// A track at one step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Index into `steps`.
    pub step: usize,
    /// The topic of that step's comparison (and its theme), when the step discusses it.
    pub topic: Option<String>,
    /// The theme of that topic.
    pub theme: Option<String>,
    /// That topic's verdict.
    pub verdict: Option<Verdict>,
    /// No topic here although the matter is mentioned before and after: a gap.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gap: bool,
}

/// A finding quoted for a track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Index into `reports`.
    pub report: usize,
    /// The step the finding is taken from and its id there ("b12" or "a3").
    pub step: usize,
    /// The finding's id in that step ("b12" or "a3").
    pub finding: String,
    /// The finding, as the report has it.
    pub text: String,
}

/// Tracks per kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Tracks in the series.
    pub tracks: usize,
    /// Tracks that are a persistent concern.
    pub persistent_concern: usize,
    /// Tracks that reversed.
    pub reversal: usize,
    /// Tracks that returned after a gap.
    pub returned: usize,
    /// Tracks that improved and held.
    pub sustained_improvement: usize,
    /// Tracks that declined.
    pub declined: usize,
    /// Tracks new after the first report.
    pub new: usize,
    /// Tracks no longer mentioned.
    pub dropped: usize,
    /// Tracks steady throughout.
    pub steady: usize,
}

impl Summary {
    /// How many tracks are of `kind`.
    pub fn count(&self, kind: TrackKind) -> usize {
        match kind {
            TrackKind::PersistentConcern => self.persistent_concern,
            TrackKind::Reversal => self.reversal,
            TrackKind::Returned => self.returned,
            TrackKind::SustainedImprovement => self.sustained_improvement,
            TrackKind::Declined => self.declined,
            TrackKind::New => self.new,
            TrackKind::Dropped => self.dropped,
            TrackKind::Steady => self.steady,
        }
    }

    fn of(tracks: &[Track]) -> Summary {
        let n = |k: TrackKind| tracks.iter().filter(|t| t.kind == k).count();
        Summary {
            tracks: tracks.len(),
            persistent_concern: n(TrackKind::PersistentConcern),
            reversal: n(TrackKind::Reversal),
            returned: n(TrackKind::Returned),
            sustained_improvement: n(TrackKind::SustainedImprovement),
            declined: n(TrackKind::Declined),
            new: n(TrackKind::New),
            dropped: n(TrackKind::Dropped),
            steady: n(TrackKind::Steady),
        }
    }
}

/// Why there is no series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeriesError {
    /// Fewer than [`MIN_REPORTS`] reports (how many were given).
    TooFew(usize),
    /// More than [`MAX_REPORTS`] reports (how many were given).
    TooMany(usize),
}

impl fmt::Display for SeriesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeriesError::TooFew(n) => write!(
                f,
                "a series needs at least {MIN_REPORTS} reports, got {n}; two reports are compared on their own"
            ),
            SeriesError::TooMany(n) => write!(
                f,
                "a series takes at most {MAX_REPORTS} reports, got {n}; leave out the oldest, or compare them in two series"
            ),
        }
    }
}

impl std::error::Error for SeriesError {}

/// A stage of building a series, for progress bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Comparing `reports[step]` with `reports[step + 1]`.
    Step {
        /// The step being compared, from 0.
        step: usize,
        /// How many steps there are.
        steps: usize,
    },
    /// Comparing reports that are not neighbours, to find matters that came back:
    /// `done` of `total`.
    Gaps {
        /// Comparisons done so far.
        done: usize,
        /// Comparisons to do.
        total: usize,
    },
}

/// Builds a series from documents in any order: date order first ([`date_order`]).
pub fn build(docs: &[Document], codebook: &Codebook) -> Result<Series, SeriesError> {
    let (order, notes) = date_order(docs);
    let ordered: Vec<&Document> = order.iter().map(|&i| &docs[i]).collect();
    let mut series = build_in_order(&ordered, codebook, &mut |_| {})?;
    series.notes.splice(0..0, notes);
    Ok(series)
}

/// Builds a series from documents already in the order to compare them (a person may
/// have put them in another order than their dates), saying how far it got.
pub fn build_in_order(
    docs: &[&Document],
    codebook: &Codebook,
    progress: &mut dyn FnMut(Stage),
) -> Result<Series, SeriesError> {
    if docs.len() < MIN_REPORTS {
        return Err(SeriesError::TooFew(docs.len()));
    }
    if docs.len() > MAX_REPORTS {
        return Err(SeriesError::TooMany(docs.len()));
    }
    let steps: Vec<Comparison> = docs
        .windows(2)
        .enumerate()
        .map(|(step, pair)| {
            progress(Stage::Step {
                step,
                steps: docs.len() - 1,
            });
            compare::compare(pair[0], pair[1], codebook)
        })
        .collect();
    let reports = order::reports(docs, &steps);
    let mut notes = order::duplicate_notes(docs, &reports);
    let found = tracks::build(&steps, docs, &reports, codebook, &mut |done, total| {
        progress(Stage::Gaps { done, total })
    });
    if found.capped {
        notes.push(format!(
            "Matters not mentioned for several inspections in a row were not all checked for a return: that takes a comparison per pair of reports, and at most {} are made.",
            tracks::MAX_GAP_COMPARISONS.min(docs.len() - 1)
        ));
    }
    let tracks = found.tracks;
    Ok(Series {
        schema: SCHEMA.to_string(),
        ratings: rating_tracks(docs, &reports),
        summary: Summary::of(&tracks),
        reports,
        notes,
        steps,
        tracks,
    })
}

/// Each graded area across the reports, areas in the framework's display order.
fn rating_tracks(docs: &[&Document], reports: &[Report]) -> Vec<RatingTrack> {
    let all: Vec<ratings::Rating> = docs.iter().flat_map(|d| d.ratings.clone()).collect();
    // `ratings::compare` lists areas in display order: against nothing, it lists every
    // area graded anywhere, once.
    ratings::compare(&[], &all)
        .into_iter()
        .map(|change| {
            let area = change.area;
            let found: Vec<Option<&ratings::Rating>> = docs
                .iter()
                .map(|d| d.ratings.iter().find(|r| r.area == area))
                .collect();
            let notes = docs
                .iter()
                .zip(reports)
                .filter_map(|(d, report)| joint_grade(d, &area, &report.label))
                .collect();
            RatingTrack {
                grades: found.iter().map(|r| r.map(|r| r.grade.clone())).collect(),
                ranks: found.iter().map(|r| r.map(|r| r.rank)).collect(),
                area,
                notes,
            }
        })
        .collect()
}

/// "The 2020 report gave one grade for children in care and care leavers": one line of
/// the report carried the grade of several areas. Worded the same for each of them (the
/// areas in display order), so a list of notes can drop repeats.
fn joint_grade(doc: &Document, area: &str, label: &str) -> Option<String> {
    let mine = doc.ratings.iter().find(|r| r.area == area)?;
    let group: Vec<String> = doc
        .ratings
        .iter()
        .filter(|r| r.evidence == mine.evidence)
        .map(|r| r.area.to_lowercase())
        .collect();
    let (last, rest) = group.split_last()?;
    (!rest.is_empty()).then(|| {
        format!(
            "the {label} report gave one grade for {} and {last}",
            rest.join(", ")
        )
    })
}

/// Every note on the ratings, each once, in order.
pub fn rating_notes(ratings: &[RatingTrack]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for n in ratings.iter().flat_map(|r| &r.notes) {
        if !out.contains(&n.as_str()) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests;
