//! The comparison as data: what the engine hands to the UI, the CLI and the exports.

use crate::findings::Speaker;
use crate::ingest::DateConfidence;
use crate::polarity::Polarity;
use crate::ratings::RatingChange;
use serde::{Deserialize, Serialize};

/// The schema name every comparison carries, so a reader knows what it holds.
pub const SCHEMA: &str = "report-compare/2";

/// Two reports compared: the one thing the engine hands to the UI, the CLI and the exports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Always [`SCHEMA`]; older saved comparisons are upgraded by `share::upgrade`.
    pub schema: String,
    /// The earlier report.
    pub before: Side,
    /// The later report.
    pub after: Side,
    /// Graded judgements per area, earlier against later.
    pub ratings: Vec<RatingChange>,
    /// The themes, each with its links and topics.
    pub themes: Vec<ThemeResult>,
    /// Counts for the headline.
    pub summary: Summary,
}

/// One report as compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// The file name, as given.
    pub name: String,
    /// The report's title, when one was found.
    pub title: Option<String>,
    /// ISO date ("2021-06-18", or "2022-07" when only the month is known).
    pub date: Option<String>,
    /// How sure the date is: "high", "medium" or "low" in the JSON.
    pub date_confidence: Option<DateConfidence>,
    /// The words the date was read from.
    pub date_evidence: Option<String>,
    /// How the file was read (e.g. lossy decoding), for the user.
    pub notes: Vec<String>,
    /// Its findings, in reading order.
    pub findings: Vec<Finding>,
}

/// One sentence of a report that says something about the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// "b3" (earlier report) or "a7" (later report).
    pub id: String,
    /// The sentence, as the report has it.
    pub text: String,
    /// The heading it sits under.
    pub section: Option<String>,
    /// Main theme id.
    pub theme: String,
    /// Every theme it touches, main first.
    pub themes: Vec<String>,
    /// Whether it praises, criticises, both or neither.
    pub polarity: Polarity,
    /// Whose words they are: the inspectors', the organisation's, or a quoted writer's.
    pub speaker: Speaker,
    /// Index of the paragraph or bullet it came from (for "jump to context").
    pub paragraph: usize,
    /// It is a list item, not running text.
    pub bullet: bool,
}

/// What happened to a matter from the earlier report to the later one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Better in the later report.
    Improved,
    /// Worse in the later report.
    Regressed,
    /// Said again: a concern still there, or a strength still held.
    Persisted,
    /// Only the later report discusses it.
    New,
    /// Only the earlier report discusses it.
    Dropped,
    /// Theme level only: links disagree.
    Mixed,
}

impl Verdict {
    /// The word the JSON and CSV use ("improved", …).
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

/// A finding of one report with its closest partner in the other (or alone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The earlier finding's id, if any.
    pub before: Option<String>,
    /// The later finding's id, if any.
    pub after: Option<String>,
    /// What the pair shows.
    pub verdict: Verdict,
    /// How alike the two findings are (0 to 1); 0 for a lone finding.
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
    /// strength still held (filled in by [`refresh`](super::refresh)).
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

/// One theme of the codebook (or one discovered) with what the reports say on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeResult {
    /// The theme's id ("front-door"), from the codebook or made up for a discovered one.
    pub id: String,
    /// Its name as a reader sees it.
    pub label: String,
    /// "codebook" or "discovered".
    pub source: String,
    /// The theme's verdict, from its topics.
    pub verdict: Verdict,
    /// Findings linked under this theme, per side.
    pub before_count: usize,
    /// Findings linked under this theme in the later report.
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
    /// Themes compared.
    pub themes: usize,
    /// Themes that improved.
    pub improved: usize,
    /// Themes that regressed.
    pub regressed: usize,
    /// Themes whose matters persisted.
    pub persisted: usize,
    /// Themes only the later report discusses.
    pub new: usize,
    /// Themes only the earlier report discusses.
    pub dropped: usize,
    /// Themes whose topics disagree.
    pub mixed: usize,
    /// Findings of the later report with no partner in the earlier one.
    pub new_findings: usize,
    /// Findings of the earlier report with no partner in the later one.
    pub dropped_findings: usize,
}

/// The caveat on a pair whose later side is only the organisation's own statement.
pub const ORGANISATION_CAVEAT: &str = "rests on the organisation's own statement";
