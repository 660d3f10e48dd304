//! Strength / concern / mixed / neutral for one finding, with negation, purpose clauses
//! and the hedges inspection reports live on ("not consistently", "more to do",
//! "beginning to"). Also the direction words that refine a verdict ("still", "now").

use crate::text::{is_stopword, stem, words};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Strength,
    Concern,
    Mixed,
    Neutral,
}

/// Which way a sentence says things are moving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// "still", "continues to", "remains", "persist".
    Persisting,
    /// "now", "increasingly", "no longer", "has improved".
    Improving,
    /// "rising", "worse", "deteriorated", "declined".
    Worsening,
}

/// Stems of evaluative words that praise.
const POSITIVE: &[&str] = &[
    "kind",
    "compass",
    "dedic",
    "reduc",
    "effect",
    "good",
    "strong",
    "strength",
    "posit",
    "appropri",
    "improv",
    "clear",
    "prompt",
    "robust",
    "thorough",
    "comprehens",
    "success",
    "swift",
    "skill",
    "commit",
    "proud",
    "prais",
    "benefit",
    "thrive",
    "sustain",
    "stabl",
    "stabil",
    "consist",
    "impress",
    "excel",
    "outstand",
    "secur",
    "safe",
    "confid",
    "embed",
    "enabl",
    "better",
    "help",
    "product",
    "collabor",
    "determin",
    "dilig",
    "care",
    "manag",
    "evid",
    "quicker",
    "support",
    "access",
    "regular",
    "meaning",
    "suitabl",
    "inform",
    "purpos",
    "valu",
    "trust",
    "warm",
    "nurtur",
    "sensit",
    "proportion",
    "seamless",
    "strengthen",
    "wide",
    "routin",
    "well",
    "increas",
    "enhanc",
    "resili",
    "insight",
    "child-centr",
    "focus",
    "engag",
    "attun",
    "creativ",
    "tenaci",
    "persist",
    "detail",
    "right",
    "achiev",
    "progress",
    "maintain",
    "protect",
];

/// Praise words whose stems are shared with neutral words ("timely" -> "time",
/// "carefully" -> "care", "considerate" -> "consider").
const POSITIVE_WORDS: &[&str] = &[
    "timely",
    "timeliness",
    "careful",
    "carefully",
    "considerate",
    "skilfully",
    "skilful",
    "confidently",
    "well-designed",
    "well-planned",
    "well-managed",
    "well-led",
    "effective",
];

/// Stems of evaluative words that criticise.
const NEGATIVE: &[&str] = &[
    "inconsist",
    "variabl",
    "vari",
    "poor",
    "weak",
    "insuffici",
    "inadequ",
    "limit",
    "lack",
    "delay",
    "drift",
    "superfici",
    "negat",
    "challeng",
    "difficult",
    "harder",
    "fluctuat",
    "fail",
    "unclear",
    "unabl",
    "ineffect",
    "gap",
    "slow",
    "late",
    "miss",
    "wors",
    "worsen",
    "deterior",
    "declin",
    "shortfal",
    "vacanc",
    "turnov",
    "instabl",
    "unstabl",
    "overdu",
    "backlog",
    "serious",
    "loss",
    "crisi",
    "uncertain",
    "fragil",
    "reliant",
    "less",
    "rise",
    "rising",
    "detriment",
    "concern",
    "shortag",
    "high",
    "higher",
    "frustrat",
    "confus",
    "incomplet",
    "unsaf",
    "undermin",
    "absent",
    "lost",
    "absenc",
    "struggl",
    "vagu",
    "behind",
    "below",
    "error",
    "crash",
    "bug",
    "outag",
    "timeout",
    "broken",
    "defect",
    "vulner",
    "leak",
    "complaint",
];

/// Things reports want fewer of.
const BURDENS: &[&str] = &[
    "caseload", "workload", "turnov", "vacanc", "risk", "agenc", "delay", "exclus", "absenc",
    "harm", "backlog", "drift",
];

/// Words whose evaluative stem depends on its neighbour ("high" is bad only for caseloads,
/// "concern"/"miss"/"protect" are the domain's nouns). Counted only next to these.
fn contextual_negative(
    stem: &str,
    next: Option<&str>,
    prev: Option<&str>,
    window: &[String],
) -> bool {
    let near = |s: &str| window.iter().any(|w| w == s);
    match stem {
        "high" | "higher" | "rise" | "rising" => [
            "caseload", "workload", "turnov", "vacanc", "demand", "absenc", "exclus",
        ]
        .iter()
        .any(|s| near(s)),
        "concern" => prev.is_some_and(|p| {
            [
                "rais", "signific", "serious", "real", "some", "remain", "main", "key",
            ]
            .contains(&p)
        }),
        "miss" => next.is_some_and(|n| ["opportun", "appoint", "visit", "deadlin"].contains(&n)),
        "less" => next
            .is_some_and(|n| ["well", "effect", "consist", "clear", "robust", "time"].contains(&n)),
        _ => true,
    }
}

/// Praise words that only praise in some company ("care" is also the domain's noun).
fn contextual_positive(
    stem: &str,
    prev: Option<&str>,
    next: Option<&str>,
    window: &[String],
) -> bool {
    match stem {
        "care" => next.is_some_and(|n| n == "select" || n == "consider") || prev == Some("care"),
        "manag" => next == Some("well") || prev == Some("well"),
        "well" => !matches!(next, Some("as")) && !matches!(prev, Some("as")),
        "help" => next.is_some_and(|n| n.starts_with("ensur") || n == "reduc" || n == "maintain"),
        "support" => {
            prev.is_some_and(|p| ["well", "strong", "good", "effect"].contains(&p))
                || next.is_some_and(|n| n == "well" || n == "effect")
        }
        "inform" => prev.is_some_and(|p| p == "well" || p == "are" || p == "cultur"),
        "access" => {
            prev.is_some_and(|p| p == "more" || p == "quicker" || p == "easili" || p == "readili")
        }
        "protect" => next.is_some_and(|n| n.starts_with("factor")),
        "focus" => {
            prev.is_some_and(|p| p == "well" || p == "clear" || p == "sharp" || p == "child")
        }
        "progress" => {
            prev.is_some_and(|p| {
                [
                    "good", "strong", "clear", "signific", "evid", "consider", "made",
                ]
                .contains(&p)
            }) || next.is_some_and(|n| n == "made" || n == "evid")
        }
        "persist" => next != Some("absenc"),
        // Fewer of a bad thing: "caseloads have reduced", "reduce risk".
        "reduc" => window.iter().any(|w| BURDENS.contains(&w.as_str())),
        "increas" => next.is_some_and(|n| {
            ["reach", "effect", "stabil", "confid", "qualiti", "number"].contains(&n)
        }),
        "maintain" => next
            .is_some_and(|n| n == "contact" || n == "relationship" || n == "safe" || n == "child"),
        "right" => {
            prev == Some("the")
                || next.is_some_and(|n| n == "time" || n == "support" || n == "help")
        }
        _ => true,
    }
}

const NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "nor", "neither", "cannot", "can't", "don't", "doesn't",
    "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "didn't", "won't", "nothing",
];

/// Phrases that make a finding at least partly a concern.
const CONCERN_PHRASES: &[&str] = &[
    "more to do",
    "more work to do",
    "still needs",
    "still need",
    "need to",
    "needs to",
    "is needed",
    "are needed",
    "further work",
    "not all ",
    "would benefit from",
    "area to improve",
    "areas to improve",
    "area for improvement",
    "areas for improvement",
    "requires improvement",
    "not yet",
    "not enough",
    "not have enough",
    "lack of",
    "times out",
    "timed out",
    "an area to",
    "room for improvement",
    "does not",
    "do not",
];

/// Phrases that make praise tentative.
const TENTATIVE_PHRASES: &[&str] = &[
    "beginning to",
    "begun to",
    "starting to",
    "early stages",
    "gradually",
    "some progress",
    "emerging",
    "in its infancy",
    "too early to",
    "too soon to",
    "not yet fully",
    "partially",
    "although some progress",
];

/// Words after which praise describes an aim, not what is so ("to ensure consistency").
const PURPOSE: &[&[&str]] = &[
    &["to", "ensure"],
    &["to", "improve"],
    &["to", "strengthen"],
    &["to", "drive"],
    &["to", "build"],
    &["to", "develop"],
    &["to", "embed"],
    &["to", "achieve"],
    &["so", "that"],
    &["in", "order"],
    &["to", "make"],
    &["to", "secure"],
    &["to", "maximise"],
    &["to", "better"],
    &["need", "for"],
    &["need", "to"],
    &["needs", "to"],
];

const CONTRAST: &[&str] = &[
    "but", "however", "although", "while", "though", "whilst", "despite", "yet",
];

/// The evidence a polarity was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reading {
    pub positive: f32,
    pub negative: f32,
    pub tentative: bool,
    pub contrast: bool,
}

impl Reading {
    pub fn polarity(&self) -> Polarity {
        let (p, n) = (self.positive, self.negative);
        if p == 0.0 && n == 0.0 {
            // "...; however, this is in its early stages": a hedge alone is not neutral.
            return if self.tentative {
                Polarity::Mixed
            } else {
                Polarity::Neutral
            };
        }
        if n == 0.0 {
            return if self.tentative {
                Polarity::Mixed
            } else {
                Polarity::Strength
            };
        }
        if p == 0.0 {
            return Polarity::Concern;
        }
        // A contrast ("but", "however") with both sides present is mixed unless one side
        // clearly outweighs the other.
        let margin = if self.contrast { 3.0 } else { 2.0 };
        if p >= margin * n {
            if self.tentative {
                Polarity::Mixed
            } else {
                Polarity::Strength
            }
        } else if n >= margin * p {
            Polarity::Concern
        } else {
            Polarity::Mixed
        }
    }
}

pub fn read(text: &str) -> Reading {
    let ws = words(text);
    let lower = format!(" {} ", ws.join(" "));
    let stems: Vec<String> = ws.iter().map(|w| stem(w)).collect();
    let mut r = Reading {
        tentative: TENTATIVE_PHRASES.iter().any(|p| lower.contains(p)),
        contrast: ws.iter().any(|w| CONTRAST.contains(&w.as_str())),
        ..Reading::default()
    };
    for p in CONCERN_PHRASES {
        if lower.contains(p) {
            r.negative += 1.0;
        }
    }
    let is_negator = |i: usize| NEGATORS.contains(&ws[i].as_str());
    let negated =
        |i: usize| (i.saturating_sub(3)..i).any(is_negator) && !(i >= 1 && ws[i - 1] == "only");
    let mut purpose_until = 0;
    let mut used_negators = vec![false; ws.len()];
    for i in 0..ws.len() {
        // An aim runs to the end of the sentence unless a contrast turns it round.
        if PURPOSE
            .iter()
            .any(|p| ws[i..].iter().zip(p.iter()).filter(|(a, b)| a == b).count() == p.len())
        {
            purpose_until = ws.len();
        }
        if CONTRAST.contains(&ws[i].as_str()) {
            purpose_until = purpose_until.min(i);
        }
        let s = stems[i].as_str();
        let prev = i.checked_sub(1).map(|j| stems[j].as_str());
        let next = stems.get(i + 1).map(String::as_str);
        let positive = (POSITIVE.contains(&s)
            && contextual_positive(
                s,
                prev,
                next,
                &stems[i.saturating_sub(6)..(i + 7).min(stems.len())],
            ))
            || POSITIVE_WORDS.contains(&ws[i].as_str());
        let window = &stems[i.saturating_sub(6)..(i + 7).min(stems.len())];
        let negative = (NEGATIVE.contains(&s) && contextual_negative(s, next, prev, window))
            // "too low", "too many": "too" before a word (not "here too.") criticises.
            || (ws[i] == "too" && ws.get(i + 1).is_some_and(|w| !is_stopword(w)));
        if !(positive || negative) {
            continue;
        }
        let neg = negated(i);
        if neg {
            let from = i.saturating_sub(3);
            for (j, used) in used_negators[from..i].iter_mut().enumerate() {
                *used |= is_negator(from + j);
            }
        }
        match (positive, neg) {
            (true, false) if i < purpose_until => {}
            (true, false) => r.positive += 1.0,
            (true, true) => r.negative += 1.0,
            (false, false) => r.negative += 1.0,
            (false, true) => r.positive += 0.5,
        }
    }
    // "do not become involved soon enough": a negation with nothing evaluative near it.
    // "patients are no longer cared for in corridors": a problem that stopped.
    let stopped = |i: usize| ws[i] == "no" && ws.get(i + 1).is_some_and(|w| w == "longer");
    if (0..ws.len()).any(|i| stopped(i) && !used_negators[i]) {
        r.positive += 1.0;
    }
    let bare = (0..ws.len()).any(|i| {
        is_negator(i)
            && !used_negators[i]
            && !stopped(i)
            && ws.get(i + 1).is_none_or(|w| w != "only")
    });
    if bare {
        r.negative += 1.0;
    }
    r
}

/// Polarity of a finding; items listed under "what needs to improve" are concerns.
pub fn classify(text: &str, improvement_area: bool) -> Polarity {
    if improvement_area {
        return Polarity::Concern;
    }
    read(text).polarity()
}

/// The direction a sentence signals, if any.
pub fn direction(text: &str) -> Option<Direction> {
    let lower = format!(" {} ", words(text).join(" "));
    let has = |list: &[&str]| list.iter().any(|p| lower.contains(p));
    if has(&[
        " rising ",
        " worse",
        " deteriorat",
        " declined ",
        " declining ",
        " fallen ",
        " increasingly difficult",
        " slipped ",
        " no longer effective",
    ]) {
        Some(Direction::Worsening)
    } else if has(&[
        " still ",
        " continue to ",
        " continues to ",
        " remain ",
        " remains ",
        " persist",
        " again ",
    ]) {
        Some(Direction::Persisting)
    } else if has(&[
        " now ",
        " increasingly ",
        " no longer ",
        " has improved",
        " have improved",
        " improved ",
        " better than",
        " since the last inspection",
    ]) {
        Some(Direction::Improving)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Polarity::*;

    #[test]
    fn praise_and_criticism() {
        assert_eq!(classify("Staff morale is positive.", false), Strength);
        assert_eq!(
            classify("The quality of single assessments is inconsistent.", false),
            Concern
        );
        assert_eq!(
            classify(
                "The out-of-hours service gives effective responses to children.",
                false
            ),
            Strength
        );
        assert_eq!(
            classify(
                "Challenges include rising and fluctuating caseloads in some teams.",
                false
            ),
            Concern
        );
    }

    #[test]
    fn no_longer_ends_a_problem_or_a_strength() {
        assert_eq!(
            classify("Patients are no longer cared for in corridors.", false),
            Strength
        );
        assert_eq!(
            classify("The panel is no longer effective.", false),
            Concern
        );
    }

    #[test]
    fn negation_flips_praise() {
        assert_eq!(
            classify("Plans are not consistently given sufficient weight.", false),
            Concern
        );
        assert_eq!(
            classify(
                "Personal advisers do not become involved soon enough.",
                false
            ),
            Concern
        );
        assert_eq!(
            classify("Inspectors found no detriment to services.", false),
            Strength
        );
    }

    #[test]
    fn hedges_and_contrasts_make_mixed() {
        assert_eq!(
            classify(
                "Steps to create a stable workforce are beginning to produce good results.",
                false
            ),
            Mixed
        );
        assert_eq!(
            classify(
                "While progress is evident, leaders know they still have more work to do.",
                false
            ),
            Mixed
        );
        assert_eq!(
            classify("Leaders are proud of their improvements but accept that they still have more to do to ensure consistency and quality.", false),
            Mixed
        );
    }

    #[test]
    fn improvement_areas_are_concerns_and_plain_facts_neutral() {
        assert_eq!(
            classify("Placement planning decisions and records.", true),
            Concern
        );
        assert_eq!(
            classify("The visit took place over two days in June.", false),
            Neutral
        );
    }

    #[test]
    fn directions() {
        assert_eq!(
            direction("Caseloads are rising."),
            Some(Direction::Worsening)
        );
        assert_eq!(
            direction("Some children still face changes."),
            Some(Direction::Persisting)
        );
        assert_eq!(
            direction("Stability is increasingly evident."),
            Some(Direction::Improving)
        );
        assert_eq!(direction("Plans are clear."), None);
    }
}
