//! The comparison as data: what the engine hands to the UI, the CLI and the exports.

use crate::findings::Speaker;
use crate::ingest::DateConfidence;
use crate::polarity::Polarity;
use crate::ratings::RatingChange;
use serde::{Deserialize, Serialize};

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
    /// How sure the date is: "high", "medium" or "low" in the JSON.
    pub date_confidence: Option<DateConfidence>,
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
    pub(super) fn later_concern(&self) -> bool {
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
