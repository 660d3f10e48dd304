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
    // "assessments fully consider …": doing all of a thing is praise, and "not fully" its lack.
    "fulli",
    // "their needs are understood": being understood is what a report praises.
    "understood",
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
    "manageable",
    "exceptional",
    "exceptionally",
    // Adequacy: "not soon enough" is a negated "enough".
    "enough",
];

/// Criticism words whose stems are shared with other words.
const NEGATIVE_WORDS: &[&str] = &[
    "unnecessary",
    "unnecessarily",
    "excessive",
    "excessively",
    "inappropriate",
    "inappropriately",
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
    "breakdown",
    "illus",
    "doubt",
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
        "miss" => next.is_some_and(|n| {
            [
                "opportun", "appoint", "visit", "deadlin", "lesson", "class", "school", "session",
                "meet", "medic", "dose",
            ]
            .contains(&n)
        }),
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
        "persist" => !next.is_some_and(|n| n.starts_with("absen")),
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
    "none", "nobody",
];

/// Negators that deny that anything of a kind exists ("no child", "none of", "nobody").
const EXISTENTIAL: &[&str] = &["no", "none", "nobody", "nothing"];

/// Nouns after "no" that introduce what was (not) found: "no evidence of drift".
const EVIDENTIAL: &[&str] = &["evid", "sign", "indic", "instanc", "exampl", "case"];

/// Adverbs of frequency that deny most occurrences: they negate the whole clause, subject
/// included ("restraint is rarely used").
const RARELY: &[&str] = &["rarely", "seldom", "rare", "infrequently", "infrequent"];

/// Things a report counts that are bad to have: latent until a quantifier, a frequency,
/// a negation or a change ("exclusions are falling") makes their amount the point.
const BAD_THINGS: &[&str] = &[
    "exclus",
    "exclud",
    "absenc",
    "harm",
    "delay",
    "backlog",
    "drift",
    "breakdown",
    "complaint",
    "incid",
    "restraint",
    "injuri",
    "assault",
    "violenc",
    "offend",
    "reoffend",
    "homeless",
    "exploit",
    "abus",
    "neglect",
    "risk",
    "caseload",
    "workload",
    "turnov",
    "vacanc",
    "wait",
    "sick",
    "mortal",
    "infect",
    "readmiss",
    "readmit",
    "miss",
    "bulli",
    "isol",
    "error",
    "unmet",
];

/// Things a report counts that are good to have.
const GOOD_THINGS: &[&str] = &[
    "attend",
    "attain",
    "stabil",
    "particip",
    "engag",
    "retent",
    "uptak",
    "satisfact",
    "recruit",
    "achiev",
    "outcom",
    "qualiti",
    "perform",
    "complianc",
    "capac",
    "confid",
    "moral",
    "surviv",
    "recoveri",
    "reach",
    "access",
];

/// Words of change: "rising", "reduced", "fewer".
const UP: &[&str] = &[
    "increas", "rise", "rising", "risen", "rose", "grow", "grown", "higher",
];
const DOWN: &[&str] = &[
    "fall", "fallen", "fell", "decreas", "declin", "drop", "dropped", "reduc", "lower", "fewer",
];

/// Processes that ought to happen: "un" before them ("unassessed", "unregistered") is a gap.
const DUE_PROCESS: &[&str] = &[
    "assess", "regist", "alloc", "review", "plan", "monitor", "supervis", "address", "resolv",
    "identifi", "authoris", "check", "record", "report", "met", "visit", "seen", "treat",
    "inspect", "regul", "vet", "manag",
];

/// Words before an evaluative word that strengthen it.
const INTENSIFIERS: &[&str] = &[
    "very",
    "highly",
    "exceptionally",
    "particularly",
    "extremely",
    "notably",
    "especially",
    "remarkably",
    "deeply",
    "thoroughly",
    "really",
];

/// Evaluative stems that are strong in themselves ("strong" > "effective").
const STRONG: &[&str] = &["strong", "excel", "outstand", "impress", "exceptional"];

/// Words before praise that weaken it ("some effective work").
const DOWNTONERS: &[&str] = &[
    "some",
    "partly",
    "partially",
    "fairly",
    "reasonably",
    "relatively",
    "somewhat",
    "moderately",
    "adequately",
    "largely",
];

/// Words before a criticism that make it minor ("a short delay", "minor errors").
const MINOR: &[&str] = &[
    "short",
    "slight",
    "slightly",
    "minor",
    "small",
    "brief",
    "occasional",
    "isolated",
    "marginal",
    "marginally",
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
    "would benefit from",
    "area to improve",
    "areas to improve",
    "area for improvement",
    "areas for improvement",
    "requires improvement",
    "times out",
    "timed out",
    "an area to",
    "room for improvement",
];

/// Phrases that make praise tentative.
const TENTATIVE_PHRASES: &[&str] = &[
    "beginning to",
    "begun to",
    "starting to",
    "early stages",
    "gradually",
    "some progress",
    // "practice is emerging", not "families who have emerging needs".
    "is emerging",
    "are emerging",
    "still emerging",
    "only emerging",
    "emerging strength",
    "emerging practice",
    "emerging impact",
    "in its infancy",
    "too early to",
    "too soon to",
    "not yet fully",
    "partially",
    "although some progress",
];

/// Quantifiers over a minority of cases: what follows is an exception, and reports single out
/// exceptions that are problems ("a small number of children have experienced harm").
const MINORITY: &[&[&str]] = &[
    &["a", "small", "number"],
    &["a", "very", "small", "number"],
    &["a", "minority"],
    &["a", "small", "minority"],
    &["a", "handful"],
    &["a", "small", "proportion"],
    &["a", "few"],
    &["a", "very", "few"],
];

/// Quantifiers over most or many cases: the counted thing is the point ("most pupils attend").
const MAJORITY: &[&str] = &["most", "many", "majority", "nearly", "almost"];

/// Units that "a few" counts without counting cases ("within a few days").
const UNITS: &[&str] = &[
    "day", "week", "month", "year", "hour", "minut", "time", "moment", "step", "word", "mile",
];

/// Words after which praise describes an aim, not what is so ("to ensure consistency").
const PURPOSE: &[&[&str]] = &[
    &["to", "ensure"],
    &["should", "ensure"],
    &["must", "ensure"],
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
    "but",
    "however",
    "although",
    "while",
    "though",
    "whilst",
    "despite",
    "yet",
    "notwithstanding",
    "nevertheless",
    "nonetheless",
    "albeit",
];

/// Contrast words that open a subordinate clause: fronted, they end at its comma.
const SUBORDINATORS: &[&str] = &[
    "although",
    "though",
    "while",
    "whilst",
    "despite",
    "notwithstanding",
];

/// Relative words: negation does not reach across them, a quantifier's scope does.
const RELATIVES: &[&str] = &["which", "who", "whom", "whose", "where", "when"];

/// The evidence a polarity was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Reading {
    pub positive: f32,
    pub negative: f32,
    /// The part of `negative` that is minor or partial ("a short delay", "not all").
    pub soft: f32,
    pub tentative: bool,
    pub contrast: bool,
    /// Two halves of a contrast lean opposite ways ("X is good, but Y is slow").
    pub opposed: bool,
}

impl Reading {
    pub fn polarity(&self) -> Polarity {
        let (p, n) = (self.positive, self.negative);
        if self.opposed {
            return Polarity::Mixed;
        }
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
            // Only a minor or partial reservation: "not all children receive ...".
            return if self.soft >= n {
                Polarity::Mixed
            } else {
                Polarity::Concern
            };
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

    /// +1 praise, -1 criticism, 0 neither or both about equally.
    fn leaning(&self) -> i8 {
        if self.positive > self.negative {
            1
        } else if self.negative > self.positive {
            -1
        } else {
            0
        }
    }
}

/// One word of a sentence with its stem and the clauses it sits in.
struct Tok {
    w: String,
    s: String,
    /// Clause split at punctuation, contrasts and causes ("as a result of", "owing to").
    clause: usize,
    /// `clause`, also split at relative words ("which", "who", "where").
    sub: usize,
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    let (mut clause, mut sub) = (0, 0);
    let hard = |c: char| ",;:()[]–—!?.\u{201C}\u{201D}\"".contains(c);
    for chunk in text.split(hard) {
        let ws = words(chunk);
        if ws.is_empty() {
            continue;
        }
        clause += 1;
        sub += 1;
        for (j, w) in ws.iter().enumerate() {
            let next = ws.get(j + 1).map(String::as_str);
            let prev = j.checked_sub(1).map(|k| ws[k].as_str());
            let cause = w == "because"
                || (matches!(w.as_str(), "owing" | "due" | "thanks") && next == Some("to"))
                || (w == "as" && next == Some("a") && ws.get(j + 2).is_some_and(|r| r == "result"));
            if j > 0 && (cause || is_contrast(w, prev, next)) {
                clause += 1;
                sub += 1;
            } else if j > 0 && RELATIVES.contains(&w.as_str()) {
                sub += 1;
            }
            out.push(Tok {
                s: stem(w),
                w: w.clone(),
                clause,
                sub,
            });
        }
    }
    out
}

/// "but" (not "but also"), "yet" (not "not yet"), "however", "although", ...
fn is_contrast(w: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    match w {
        "but" => next != Some("also") && prev != Some("all"),
        "yet" => !matches!(prev, Some("not" | "as" | "have" | "has")),
        "while" => prev.is_none(),
        _ => CONTRAST.contains(&w),
    }
}

/// One evaluative reading at one word.
#[derive(Clone, Copy)]
struct Item {
    at: usize,
    v: f32,
    /// A counted thing ("exclusions"): only counts once something quantifies it.
    latent: bool,
    /// Minor or partial.
    soft: bool,
    /// Not turned round by negation (phrases, quantifiers).
    fixed: bool,
}

impl Item {
    fn new(at: usize, v: f32) -> Self {
        Item {
            at,
            v,
            latent: false,
            soft: false,
            fixed: false,
        }
    }

    /// Negated: praise becomes criticism; criticism denied is weaker praise.
    fn flip(&mut self) {
        self.v = if self.v > 0.0 { -self.v } else { -0.5 * self.v };
        self.latent = false;
        self.soft = false;
    }
}

fn starts_with(ws: &[Tok], i: usize, phrase: &[&str]) -> bool {
    phrase.len() <= ws.len() - i.min(ws.len())
        && phrase.iter().enumerate().all(|(k, p)| ws[i + k].w == *p)
}

/// The praise or criticism one word carries, before negation and quantifiers.
fn lexical(t: &[Tok], i: usize) -> Option<Item> {
    let s = t[i].s.as_str();
    let w = t[i].w.as_str();
    let prev = i.checked_sub(1).map(|j| t[j].s.as_str());
    let next = t.get(i + 1).map(|x| x.s.as_str());
    let window: Vec<String> = t[i.saturating_sub(6)..(i + 7).min(t.len())]
        .iter()
        .map(|x| x.s.clone())
        .collect();
    let positive = (POSITIVE.contains(&s) && contextual_positive(s, prev, next, &window))
        || POSITIVE_WORDS.contains(&w);
    let un_process = w.len() > 4
        && w.starts_with("un")
        && w.get(2..).is_some_and(|rest| {
            let r = stem(rest);
            DUE_PROCESS.contains(&r.as_str()) || POSITIVE.contains(&r.as_str())
        });
    // "longer than necessary", "more than is needed": excess.
    let excess = matches!(w, "longer" | "more")
        && t.get(i + 1).is_some_and(|x| x.w == "than")
        && t[(i + 2).min(t.len())..(i + 4).min(t.len())]
            .iter()
            .any(|x| {
                [
                    "necessary",
                    "needed",
                    "required",
                    "appropriate",
                    "necessari",
                ]
                .contains(&x.w.as_str())
            });
    let negative = (NEGATIVE.contains(&s) && contextual_negative(s, next, prev, &window))
        || NEGATIVE_WORDS.contains(&w)
        || un_process
        || excess
        // "too low", "too many": "too" before a word (not "here too.") criticises.
        || (w == "too"
            && t.get(i + 1).is_some_and(|x| {
                !is_stopword(&x.w) || matches!(x.w.as_str(), "many" | "much" | "few" | "often")
            }));
    let same = |j: usize| t[j].clause == t[i].clause;
    let before = |list: &[&str]| {
        (i.saturating_sub(2)..i).any(|j| same(j) && list.contains(&t[j].w.as_str()))
    };
    if positive && !negative {
        let mut v = if STRONG.contains(&s) || STRONG.contains(&w) {
            1.5
        } else {
            1.0
        };
        if before(INTENSIFIERS) {
            v *= 1.5;
        } else if before(DOWNTONERS) {
            v *= 0.7;
        }
        return Some(Item::new(i, v));
    }
    if negative {
        let mut item = Item::new(i, -1.0);
        if before(INTENSIFIERS) {
            item.v *= 1.5;
        } else if before(MINOR) {
            item.v *= 0.5;
            item.soft = true;
        }
        return Some(item);
    }
    let thing = if BAD_THINGS.contains(&s) {
        -1.0
    } else if GOOD_THINGS.contains(&s) {
        1.0
    } else {
        return None;
    };
    Some(Item {
        latent: true,
        ..Item::new(i, thing)
    })
}

/// "exclusions are falling", "attendance is increasing", "reduced caseloads": a change of a
/// counted thing is praise or criticism by which way it goes.
fn change(t: &[Tok], i: usize) -> Option<(f32, usize)> {
    let s = t[i].s.as_str();
    let up = UP.contains(&s);
    if !up && !DOWN.contains(&s) {
        return None;
    }
    // "when risks increase, ...": a condition, not a change that happened.
    let opener = t
        .iter()
        .position(|x| x.sub == t[i].sub)
        .map(|j| t[j].w.as_str());
    if matches!(
        opener,
        Some("when" | "if" | "whenever" | "unless" | "where" | "should")
    ) {
        return None;
    }
    let valence = |j: usize| {
        if BAD_THINGS.contains(&t[j].s.as_str()) {
            Some(-1.0)
        } else if GOOD_THINGS.contains(&t[j].s.as_str()) {
            Some(1.0)
        } else {
            None
        }
    };
    let same = |j: &usize| t[*j].clause == t[i].clause;
    let left = (i.saturating_sub(7)..i).rev().filter(same);
    let right = (i + 1..(i + 4).min(t.len())).filter(same);
    let predicate = i > 0
        && [
            "is",
            "are",
            "was",
            "were",
            "been",
            "be",
            "has",
            "have",
            "had",
            "continue",
            "continues",
        ]
        .contains(&t[i - 1].w.as_str());
    let found = if predicate {
        left.chain(right).find_map(|j| valence(j).map(|v| (v, j)))
    } else {
        right.chain(left).find_map(|j| valence(j).map(|v| (v, j)))
    };
    found.map(|(v, j)| (if up { v } else { -v }, j))
}

/// Praise and criticism of the words `range` of `t`, after negation and quantifiers.
fn score_span(t: &[Tok], range: std::ops::Range<usize>, r: &mut Reading) {
    let (lo, hi) = (range.start, range.end);
    let mut items: Vec<Item> = Vec::new();
    let mut used = vec![false; t.len()];
    let is_negator = |i: usize| NEGATORS.contains(&t[i].w.as_str());
    // Phrases first: they claim their words.
    let mut claimed = vec![false; t.len()];
    for i in lo..hi {
        for p in CONCERN_PHRASES {
            let p: Vec<&str> = p.split(' ').collect();
            // "longer than is needed" is a comparison, not a need.
            let compared = i > 0 && t[i - 1].w == "than";
            // "the guidance they need to respond": what someone needs, not a shortfall
            // (as against "They need to improve", where the pronoun opens the clause).
            let what_is_needed = p[0].starts_with("need")
                && i >= 2
                && matches!(t[i - 1].w.as_str(), "they" | "she" | "he" | "we" | "you")
                && t[i - 2].clause == t[i].clause;
            if i + p.len() <= hi && starts_with(t, i, &p) && !compared && !what_is_needed {
                items.push(Item {
                    fixed: true,
                    ..Item::new(i, -1.0)
                });
                for (j, c) in claimed[i..i + p.len()].iter_mut().enumerate() {
                    *c = true;
                    used[i + j] = true;
                }
            }
        }
        // "not all", "not every": most but not all, a partial reservation.
        if t[i].w == "not" && t.get(i + 1).is_some_and(|x| x.w == "all" || x.w == "every") {
            r.tentative = true;
            items.push(Item {
                fixed: true,
                soft: true,
                ..Item::new(i, -0.5)
            });
            used[i] = true;
        }
        // "does not have an impact on", "without affecting": a problem contained.
        if is_negator(i) && !used[i] {
            let fillers = [
                "have",
                "has",
                "had",
                "an",
                "a",
                "any",
                "significant",
                "adverse",
                "negative",
                "direct",
                "real",
                "noticeable",
                "been",
            ];
            let mut j = i + 1;
            while j < hi && j < i + 5 && fillers.contains(&t[j].w.as_str()) {
                j += 1;
            }
            if j < hi && (t[j].s == "impact" || t[j].s == "affect" || t[j].s == "compromis") {
                items.push(Item {
                    fixed: true,
                    ..Item::new(j, 0.5)
                });
                used[i] = true;
                claimed[j] = true;
            }
        }
    }
    let mut purpose_until = 0;
    // Where the first aim starts: a negation before it does not reach into it ("do not
    // always include a focus on histories to ensure an understanding of vulnerabilities").
    let mut purpose_from = hi;
    let mut consumed = vec![false; t.len()];
    for i in lo..hi {
        // An aim runs to the end of the part.
        if PURPOSE
            .iter()
            .any(|p| i + p.len() <= hi && starts_with(t, i, p))
        {
            purpose_until = hi;
            purpose_from = purpose_from.min(i);
        }
        if claimed[i] || consumed[i] {
            continue;
        }
        if let Some((v, j)) = change(t, i).filter(|(_, j)| (lo..hi).contains(j)) {
            // "reduce drift or delay": the change reaches coordinated things.
            let mut things = vec![j];
            while let Some(&last) = things.last() {
                let coordinated = t.get(last + 1).is_some_and(|x| x.w == "or" || x.w == "and")
                    && t.get(last + 2).is_some_and(|x| {
                        BAD_THINGS.contains(&x.s.as_str()) || GOOD_THINGS.contains(&x.s.as_str())
                    });
                if !coordinated || last + 2 >= hi {
                    break;
                }
                things.push(last + 2);
            }
            for &j in &things {
                consumed[j] = true;
                items.retain(|it| it.at != j);
            }
            if v < 0.0 || i >= purpose_until {
                items.push(Item::new(i, v));
            }
            continue;
        }
        if let Some(item) = lexical(t, i) {
            if item.v > 0.0 && !item.latent && i < purpose_until {
                continue;
            }
            items.push(item);
        }
    }
    // "poor performance": a counted thing already judged by its modifier.
    let judged: Vec<usize> = items
        .iter()
        .filter(|it| !it.latent)
        .map(|it| it.at + 1)
        .collect();
    items.retain(|it| !(it.latent && judged.contains(&it.at)));
    // "less meaningful": inferiority turns the praise round.
    let less: Vec<usize> = (lo..hi.saturating_sub(1))
        .filter(|&i| t[i].w == "less")
        .collect();
    for i in less {
        if let Some(n) = items
            .iter()
            .position(|it| it.at == i + 1 && it.v > 0.0 && !it.latent)
        {
            items[n].flip();
            items.retain(|it| it.at != i);
        }
    }
    // "a lack of purpose", "the absence of effective plans": the lacked praise is the lack.
    for i in lo..hi {
        if matches!(t[i].s.as_str(), "lack" | "absenc") && t.get(i + 1).is_some_and(|x| x.w == "of")
        {
            let end = content_end(t, i, 3, hi);
            items.retain(|it| !(it.at > i && it.at < end && it.v > 0.0 && !it.latent));
        }
    }
    let reach = |k: usize| if k < purpose_from { purpose_from } else { hi };
    let clause_rest = |k: usize| (k + 1..reach(k)).take_while(move |&j| t[j].clause == t[k].clause);
    let sub_rest = |k: usize| (k + 1..reach(k)).take_while(move |&j| t[j].sub == t[k].sub);
    // Quantifiers: a minority marks an exception; "few" denies; "most" counts.
    for i in lo..hi {
        let prev = i.checked_sub(1).map(|j| t[j].w.as_str());
        let only = prev == Some("only")
            || (prev == Some("a") && i >= 2 && t[i - 2].w == "only")
            || (prev == Some("very") && i >= 3 && t[i - 2].w == "a" && t[i - 3].w == "only");
        if let Some(q) = MINORITY.iter().find(|q| starts_with(t, i, q)) {
            let unit = t
                .get(i + q.len())
                .is_some_and(|x| UNITS.contains(&x.s.as_str()));
            if unit {
                continue;
            }
            if only {
                // "only a few files showed ...": fewer than there should be.
                deny(&mut items, clause_rest(i + q.len() - 1), true, i);
            } else {
                r.tentative = true;
                items.push(Item {
                    fixed: true,
                    ..Item::new(i, -1.0)
                });
                count(&mut items, sub_rest(i));
            }
        } else if (t[i].w == "few" || t[i].w == "little")
            && !matches!(prev, Some("a" | "the" | "too"))
            && !(prev == Some("very") && i >= 2 && matches!(t[i - 2].w.as_str(), "a" | "the"))
        {
            deny(&mut items, clause_rest(i), only, i);
        } else if MAJORITY.contains(&t[i].w.as_str()) {
            count(&mut items, sub_rest(i));
        } else if prev == Some("only") && is_number(&t[i].w) {
            // "only one child has been excluded": fewer than might be.
            deny(&mut items, clause_rest(i), true, i);
        }
    }
    // Negators, innermost (rightmost) first, so "no cases where ... should not have been"
    // denies a denial.
    for k in (lo..hi).rev() {
        if !is_negator(k) || used[k] {
            continue;
        }
        let next = t.get(k + 1).map(|x| x.w.as_str());
        if next == Some("only") {
            continue;
        }
        // "not always", "not routinely": a denied frequency says it sometimes fails, so
        // the rest of the clause is what fails ("do not always receive timely support").
        if matches!(
            next,
            Some(
                "always"
                    | "routinely"
                    | "consistently"
                    | "regularly"
                    | "reliably"
                    | "systematically"
            )
        ) {
            deny(&mut items, sub_rest(k), true, k);
            continue;
        }
        let stopped = t[k].w == "no" && next == Some("longer");
        let evaluative_next = items.iter().any(|it| it.at == k + 1 && !it.latent);
        let any = (k + 1..(k + 3).min(hi)).find(|&j| t[j].w == "any" && t[k].clause == t[j].clause);
        let evidential = t
            .get(k + 1)
            .is_some_and(|x| EVIDENTIAL.contains(&x.s.as_str()));
        if !stopped
            && ((EXISTENTIAL.contains(&t[k].w.as_str()) && (!evaluative_next || evidential))
                || any.is_some())
        {
            // "no child is left at risk", "did not see any cases where ...".
            // "no evidence of drift": the evidence is what is denied, not what it would show.
            let from = any.unwrap_or(if evidential { k + 1 } else { k });
            deny(&mut items, clause_rest(from), true, k);
            continue;
        }
        // Local scope: three words on, through "or"/"nor" and "and <evaluative>", plus
        // manner adverbs, "enough" and excess later in the clause.
        let mut until = content_end(t, k, 2, hi);
        let mut j = k + 1;
        while j < hi && j <= until && t[j].clause == t[k].clause {
            let coordinated = matches!(t[j].w.as_str(), "or" | "nor")
                || (t[j].w == "and" && items.iter().any(|it| it.at == j + 1 && !it.latent));
            if coordinated {
                until = content_end(t, j, 2, hi);
            } else if j == until {
                break;
            }
            j += 1;
        }
        let local_end = j;
        let mut hit = false;
        let has_plain = items
            .iter()
            .any(|it| it.at > k && it.at < local_end && !it.latent && !it.fixed);
        for it in items.iter_mut() {
            if it.fixed || it.at <= k || it.at >= reach(k) || t[it.at].clause != t[k].clause {
                continue;
            }
            if it.at >= 1 && t[it.at - 1].w == "only" {
                continue;
            }
            let near = it.at < local_end && (!it.latent || !has_plain);
            let w = t[it.at].w.as_str();
            // "well enough", "quickly enough": the degree word goes with its "enough".
            let before_enough = t.get(it.at + 1).is_some_and(|x| x.w == "enough");
            let far = t[it.at].sub == t[k].sub
                && !it.latent
                && (w.ends_with("ly")
                    || w == "enough"
                    || w == "longer"
                    || w == "more"
                    || before_enough);
            if near || far {
                it.flip();
                hit = true;
            }
        }
        if stopped && !hit {
            // "patients are no longer cared for in corridors": a problem that stopped.
            items.push(Item::new(k, 1.0));
        } else if !hit {
            // "do not become involved soon enough": a negation with nothing evaluative near.
            items.push(Item::new(k, -1.0));
        }
    }
    // "rarely": the whole clause, subject included, mostly does not happen.
    for k in lo..hi {
        if RARELY.contains(&t[k].w.as_str()) {
            let clause: Vec<usize> = (lo..hi).filter(|&j| t[j].clause == t[k].clause).collect();
            let mut hit = false;
            for it in items.iter_mut() {
                if !it.fixed && it.at != k && clause.contains(&it.at) {
                    it.flip();
                    hit = true;
                }
            }
            if !hit {
                items.push(Item::new(k, -1.0));
            }
        }
    }
    for it in items.iter().filter(|it| !it.latent) {
        if it.v > 0.0 {
            r.positive += it.v;
        } else {
            r.negative -= it.v;
            if it.soft {
                r.soft -= it.v;
            }
        }
    }
}

/// A denying quantifier or negation over `scope`: what it holds is turned round. With nothing
/// evaluative in it, "only a few" still says there are too few, and a bare negation criticises.
fn deny(items: &mut Vec<Item>, scope: impl Iterator<Item = usize>, bare: bool, at: usize) {
    let scope: Vec<usize> = scope.collect();
    let mut hit = false;
    for it in items.iter_mut() {
        if !it.fixed && scope.contains(&it.at) {
            it.flip();
            hit = true;
        }
    }
    if !hit && bare {
        items.push(Item::new(at, -1.0));
    }
}

/// The index after the `n`th content word following `k` (function words and "yet" do not
/// count: "not always have the benefit" reaches "benefit"), at most `hi`.
fn content_end(t: &[Tok], k: usize, n: usize, hi: usize) -> usize {
    (k + 1..hi)
        .filter(|&j| !is_stopword(&t[j].w) && t[j].w != "yet")
        .nth(n.saturating_sub(1))
        .map_or(hi, |j| j + 1)
}

fn is_number(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
        || [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        ]
        .contains(&w)
}

/// A counting quantifier over `scope`: the counted things now count.
fn count(items: &mut [Item], scope: impl Iterator<Item = usize>) {
    let scope: Vec<usize> = scope.collect();
    for it in items.iter_mut() {
        if scope.contains(&it.at) {
            it.latent = false;
        }
    }
}

pub fn read(text: &str) -> Reading {
    let t = tokens(text);
    let lower = format!(
        " {} ",
        t.iter().map(|x| x.w.as_str()).collect::<Vec<_>>().join(" ")
    );
    let mut r = Reading {
        tentative: TENTATIVE_PHRASES.iter().any(|p| lower.contains(p)),
        ..Reading::default()
    };
    // Parts split at contrasts; a fronted "although A, B" ends at its comma.
    let mut starts = vec![0];
    for i in 1..t.len() {
        if t[i].clause != t[i - 1].clause {
            let prev = Some(t[i - 1].w.as_str());
            let next = t.get(i + 1).map(|x| x.w.as_str());
            if is_contrast(&t[i].w, prev, next) || (t[i].w == "while" && i > 0) {
                starts.push(i);
            }
        }
    }
    let mut parts: Vec<(usize, usize, f32)> = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let e = starts.get(n + 1).copied().unwrap_or(t.len());
        let lead = t.get(s).map(|x| x.w.as_str()).unwrap_or("");
        let weight = if matches!(lead, "despite" | "notwithstanding") {
            0.25
        } else {
            1.0
        };
        // Fronted: at the start, or after a one- or two-word opener ("However, although").
        let fronted = SUBORDINATORS.contains(&lead) && (s == 0 || s <= 2);
        let first_comma = (s + 1..e).find(|&j| t[j].clause != t[s].clause);
        match first_comma.filter(|_| fronted) {
            Some(c) => {
                parts.push((s, c, weight));
                parts.push((c, e, 1.0));
            }
            None => parts.push((s, e, weight)),
        }
    }
    r.contrast = parts.len() > 1 || t.first().is_some_and(|x| CONTRAST.contains(&x.w.as_str()));
    let mut leanings = Vec::new();
    for &(s, e, weight) in &parts {
        let mut part = Reading::default();
        score_span(&t, s..e, &mut part);
        r.positive += weight * part.positive;
        r.negative += weight * part.negative;
        r.soft += weight * part.soft;
        r.tentative |= part.tentative;
        if weight == 1.0 {
            leanings.push(part.leaning());
        }
    }
    r.opposed = leanings.contains(&1) && leanings.contains(&-1);
    r
}

/// Polarity of a finding; items listed under "what needs to improve", and
/// recommendations written as instructions ("Ensure that …", "Improve the …"), are
/// concerns: they name what is not yet good enough, whatever praise words they use.
pub fn classify(text: &str, improvement_area: bool) -> Polarity {
    if improvement_area || is_recommendation(text) {
        return Polarity::Concern;
    }
    read(text).polarity()
}

/// Verbs that open an instruction to the organisation. Only words that are not also
/// nouns or adjectives at the start of a sentence ("Review meetings …", "Secure
/// placements …" are findings, not instructions).
const INSTRUCTING_VERBS: &[&str] = &[
    "address",
    "develop",
    "embed",
    "ensure",
    "establish",
    "implement",
    "improve",
    "increase",
    "prioritise",
    "reduce",
    "strengthen",
];

/// A sentence that opens with a bare instructing verb: a recommendation.
fn is_recommendation(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let first = words
        .next()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .unwrap_or("");
    // Capitalised as a sentence opening, and the verb itself, not "Improved" or "Ensuring".
    first.chars().next().is_some_and(char::is_uppercase)
        && INSTRUCTING_VERBS.contains(&first.to_lowercase().as_str())
        && words.next().is_some()
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
    fn what_people_need_is_not_a_shortfall() {
        assert_eq!(
            classify(
                "Social workers have the guidance they need to respond to concerns without delay.",
                false
            ),
            Strength
        );
        assert_eq!(
            classify("They need to improve the quality of plans.", false),
            Concern
        );
    }

    #[test]
    fn recommendations_are_concerns_whatever_their_words() {
        assert_eq!(
            classify(
                "Improve the sufficiency of placements so that good planning ensures enough places.",
                false
            ),
            Concern
        );
        assert_eq!(
            classify(
                "Ensure that all child protection work is managed robustly.",
                false
            ),
            Concern
        );
        // A finding that starts with a past participle or a noun is read as usual.
        assert_eq!(
            classify("Improved practice means that children are safer.", false),
            Strength
        );
        assert_eq!(
            classify(
                "Reviews of children's plans are timely and effective.",
                false
            ),
            Strength
        );
    }

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
    fn a_denied_frequency_turns_round_the_rest_of_its_clause() {
        for text in [
            "Families do not always receive timely and effective support.",
            "Pupils are not routinely given helpful and clear feedback.",
            "Patients do not consistently get prompt and safe discharge plans.",
        ] {
            assert_eq!(classify(text, false), Concern, "{text}");
        }
    }

    #[test]
    fn a_negation_does_not_reach_into_an_aim() {
        // The vulnerabilities are what the understanding is of, not what is denied.
        assert_eq!(
            classify(
                "Assessments do not always include sufficient focus on histories to ensure an \
                 in-depth understanding of children’s needs and vulnerabilities.",
                false
            ),
            Concern
        );
        assert_eq!(
            classify(
                "Leaders should ensure that plans are fully reviewed.",
                false
            ),
            Neutral
        );
    }

    #[test]
    fn doing_a_thing_fully_is_praise_and_emerging_needs_are_no_hedge() {
        assert_eq!(
            classify(
                "Assessments fully consider children’s circumstances and their history.",
                false
            ),
            Strength
        );
        assert_eq!(classify("Plans are not fully implemented.", false), Concern);
        assert_eq!(
            classify(
                "The health needs of care leavers are understood by PAs.",
                false
            ),
            Strength
        );
        assert_eq!(classify("Their needs are not understood.", false), Concern);
        assert_eq!(
            classify(
                "A multi-agency team is available to support families who have emerging needs.",
                false
            ),
            Neutral
        );
        assert_eq!(classify("Practice in this area is emerging.", false), Mixed);
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

    fn all(cases: &[(&str, Polarity)]) {
        for (text, want) in cases {
            assert_eq!(classify(text, false), *want, "{text}");
        }
    }

    #[test]
    fn negation_reaches_adverbs_excess_and_coordination() {
        all(&[
            ("Pupils are not excluded unnecessarily.", Strength),
            (
                "Patients do not wait longer than necessary for treatment.",
                Strength,
            ),
            (
                "Prisoners are not held in segregation for longer than is needed.",
                Strength,
            ),
            (
                "Assessments are not completed quickly enough or reviewed regularly.",
                Concern,
            ),
            (
                "Care plans are not timely or sufficiently detailed.",
                Concern,
            ),
            (
                "Leaders do not understand the impact of poor practice.",
                Concern,
            ),
        ]);
    }

    #[test]
    fn denying_a_kind_denies_what_it_would_hold() {
        all(&[
            ("No pupils are left without a suitable place.", Strength),
            ("Inspectors found no evidence of drift in plans.", Strength),
            (
                "Inspectors saw no cases where risk had not been assessed.",
                Strength,
            ),
            ("Nobody was left without a bed overnight.", Strength),
            ("Inspectors found no plans that were up to date.", Concern),
        ]);
    }

    #[test]
    fn few_denies_and_a_minority_is_an_exception() {
        all(&[
            (
                "Very few children and young people have been excluded from school.",
                Strength,
            ),
            ("Very few patients are readmitted within 30 days.", Strength),
            (
                "Very few pupils have access to an independent mentor.",
                Concern,
            ),
            (
                "Only a small number of staff have completed the training.",
                Concern,
            ),
            ("A small number of children have experienced harm.", Concern),
            (
                "A minority of prisoners are held in cells that are unsuitable.",
                Concern,
            ),
            (
                "A few pupils have been persistently absent this year.",
                Concern,
            ),
            (
                "A small number of children benefit from intensive therapeutic support.",
                Mixed,
            ),
            // Time, not cases.
            ("Children are seen within a few days of referral.", Neutral),
        ]);
    }

    #[test]
    fn rarely_negates_the_whole_clause() {
        all(&[
            ("Restraint is rarely used on the ward.", Strength),
            ("Pupils rarely miss lessons.", Strength),
            ("Unregistered homes are rarely used.", Strength),
            ("Managers rarely check the quality of records.", Concern),
            ("Staff are rarely available at weekends.", Concern),
        ]);
    }

    #[test]
    fn changes_are_judged_by_what_changes() {
        all(&[
            ("Attendance has risen and exclusions have fallen.", Strength),
            ("Complaints from patients have reduced.", Strength),
            (
                "Waiting times have fallen since the last inspection.",
                Strength,
            ),
            ("Attendance has declined over the past year.", Concern),
            ("Staff turnover has increased sharply.", Concern),
            // A condition is not a change.
            (
                "When risks increase, cases are escalated appropriately.",
                Strength,
            ),
        ]);
    }

    #[test]
    fn halves_of_a_contrast_that_differ_are_mixed() {
        all(&[
            (
                "Caseloads are manageable, although they are higher in some teams.",
                Mixed,
            ),
            ("Teaching is strong, but marking is inconsistent.", Mixed),
            (
                "Leaders are ambitious and committed, although some plans lack detail.",
                Mixed,
            ),
            (
                "Despite staffing pressures, the ward provides safe and effective care.",
                Strength,
            ),
            (
                "Despite some improvements, record keeping remains poor.",
                Concern,
            ),
        ]);
    }

    #[test]
    fn partial_and_minor_reservations_are_mixed() {
        all(&[
            ("There is a slight delay in issuing some reports, although this does not affect pupils.", Mixed),
            ("Not every ward has a named safeguarding lead.", Mixed),
            ("Most, but not all, pupils make good progress in reading.", Mixed),
            ("There are minor errors in the recording of meetings.", Mixed),
            ("There are serious errors in records.", Concern),
        ]);
    }

    #[test]
    fn lack_little_and_less_turn_praise_round() {
        all(&[
            (
                "Files show little evidence of purposeful work with pupils.",
                Concern,
            ),
            ("There is a lack of effective oversight.", Concern),
            ("Subsequent work is less meaningful.", Concern),
        ]);
    }

    #[test]
    fn degree_orders_praise() {
        let some = read("There is some effective work.").positive;
        let plain = read("There is effective work.").positive;
        let strong = read("There is strong work.").positive;
        let very = read("There is very strong work.").positive;
        assert!(
            some < plain && plain < strong && strong < very,
            "{some} {plain} {strong} {very}"
        );
        let minor = read("There is a minor delay.").negative;
        let delay = read("There is a delay.").negative;
        assert!(minor < delay, "{minor} {delay}");
    }

    #[test]
    fn counted_things_count_only_when_quantified() {
        all(&[
            (
                "Arrangements for tracking children missing education are strong.",
                Strength,
            ),
            ("Leaders monitor exclusions.", Neutral),
            ("Most pupils attend regularly.", Strength),
            ("Children do not go missing from care.", Strength),
        ]);
    }
}
