//! Praise or criticism read at one word: lexicon stems, phrases and change words.

use super::clauses::Tok;
use super::lexicon::*;
use crate::text::{is_stopword, stem};

/// One evaluative reading at one word.
#[derive(Clone, Copy)]
pub(super) struct Item {
    pub(super) at: usize,
    pub(super) v: f32,
    /// A counted thing ("exclusions"): only counts once something quantifies it.
    pub(super) latent: bool,
    /// Minor or partial.
    pub(super) soft: bool,
    /// Not turned round by negation (phrases, quantifiers).
    pub(super) fixed: bool,
    /// Already turned round by a negation or quantifier.
    pub(super) denied: bool,
}

impl Item {
    pub(super) fn new(at: usize, v: f32) -> Self {
        Item {
            at,
            v,
            latent: false,
            soft: false,
            fixed: false,
            denied: false,
        }
    }

    /// Negated: praise becomes criticism; criticism denied is weaker praise.
    pub(super) fn flip(&mut self) {
        self.v = if self.v > 0.0 { -self.v } else { -0.5 * self.v };
        self.latent = false;
        self.soft = false;
        self.denied = true;
    }
}

pub(super) fn starts_with(ws: &[Tok], i: usize, phrase: &[&str]) -> bool {
    phrase.len() <= ws.len() - i.min(ws.len())
        && phrase.iter().enumerate().all(|(k, p)| ws[i + k].w == *p)
}

/// "Challenge" in an inspection report is mostly oversight doing its job: managers
/// "challenge workers", boards give "robust challenge", supervision is "challenging".
/// It is a difficulty only as a thing faced: "challenges" met or posed (not "challenges
/// its providers"), "a challenge", "the challenge of …", or a predicate at the end of its
/// clause ("find the move to independent living challenging").
fn challenge_is_difficulty(t: &[Tok], i: usize) -> bool {
    let same = |j: usize| t.get(j).is_some_and(|x| x.clause == t[i].clause);
    let next = same(i + 1).then(|| t[i + 1].w.as_str());
    let prev = i
        .checked_sub(1)
        .filter(|&j| same(j))
        .map(|j| t[j].w.as_str());
    match t[i].w.as_str() {
        // "challenges its providers", "raising challenges": someone challenging.
        "challenges" => {
            !matches!(
                next,
                Some("the" | "its" | "their" | "them" | "this" | "these" | "any" | "partners")
            ) && !matches!(prev, Some("raise" | "raises" | "raising" | "raised"))
        }
        "challenge" => {
            let article = (i.saturating_sub(3)..i).any(|j| same(j) && t[j].w == "a");
            article || (prev == Some("the") && matches!(next, Some("of" | "for")))
        }
        "challenging" => next.is_none(),
        _ => false,
    }
}

/// "Disruption rates are very low", "morale is high", "high caseloads": a level is
/// praise or criticism by the counted thing it is the level of, the nearest in its clause
/// (one to the right, "high turnover", or up to six to the left, "caseloads are high").
/// Zero for the level of what describes whom a service is for ("high levels of need");
/// None when no counted thing is near.
fn level(t: &[Tok], i: usize) -> Option<f32> {
    let sign = match t[i].w.as_str() {
        "high" => 1.0,
        "low" => -1.0,
        _ => return None,
    };
    let same = |j: usize| t[j].clause == t[i].clause;
    let counted = |j: usize| {
        let s = t[j].s.as_str();
        if LEVEL_DESCRIBES.contains(&s) {
            Some(0.0)
        } else if BAD_THINGS.contains(&s) {
            Some(-1.0)
        } else if GOOD_THINGS.contains(&s) {
            Some(1.0)
        } else {
            None
        }
    };
    let right = (i + 1..(i + 4).min(t.len()))
        .take_while(|&j| same(j))
        .find_map(|j| counted(j).map(|v| (j - i, v)));
    let left = (i.saturating_sub(6)..i)
        .rev()
        .take_while(|&j| same(j))
        .find_map(|j| counted(j).map(|v| (i - j, v)));
    let nearest = match (left, right) {
        (Some(l), Some(r)) => Some(if r.0 <= l.0 { r } else { l }),
        (l, r) => l.or(r),
    };
    nearest.map(|(_, thing)| sign * thing)
}

/// Counted things whose level says whom a service is for, not how well it does: "high
/// risk", "high levels of need", "high deprivation".
const LEVEL_DESCRIBES: &[&str] = &["risk", "need", "vulner", "depriv", "complex"];

/// Whether a bad thing at `i` is what practice deals with, the object of a handling verb
/// ("assessments identify risks", "respond to concerns", "address the challenges"): it
/// names the work, not a failing of it.
fn handled(t: &[Tok], i: usize) -> bool {
    let s = t[i].s.as_str();
    let bad = BAD_THINGS.contains(&s) || matches!(s, "concern" | "challeng");
    bad && (i.saturating_sub(3)..i).any(|j| {
        t[j].clause == t[i].clause
            && matches!(
                t[j].w.as_str(),
                "identify"
                    | "identifies"
                    | "identifying"
                    | "recognise"
                    | "recognises"
                    | "recognising"
                    | "respond"
                    | "responds"
                    | "responding"
                    | "address"
                    | "addresses"
                    | "addressing"
                    | "tackle"
                    | "tackles"
                    | "tackling"
                    | "escalate"
                    | "escalates"
                    | "escalating"
                    | "understand"
                    | "understands"
                    | "understanding"
            )
    })
}

/// The praise or criticism one word carries, before negation and quantifiers.
pub(super) fn lexical(t: &[Tok], i: usize) -> Option<Item> {
    let s = t[i].s.as_str();
    let w = t[i].w.as_str();
    let prev = i.checked_sub(1).map(|j| t[j].s.as_str());
    let next = t.get(i + 1).map(|x| x.s.as_str());
    let window: Vec<String> = t[i.saturating_sub(6)..(i + 7).min(t.len())]
        .iter()
        .map(|x| x.s.clone())
        .collect();
    if handled(t, i) {
        return None;
    }
    // "care leavers are supported to be healthy", "helped to include estranged parents":
    // being enabled to do something is what a report praises ("not always supported to"
    // its lack).
    let enabled = matches!(
        w,
        "supported" | "helped" | "enabled" | "assisted" | "encouraged" | "empowered"
    ) && t.get(i + 1).is_some_and(|x| x.w == "to");
    // "This helps workers to know how best to help", "coaching supports managers to
    // implement the model": enabling someone, said as done (not "to help", "will help";
    // and not the bare "help", which is as often the service, "early help").
    let enables_someone = matches!(w, "helps" | "helping" | "supports")
        && !prev.is_some_and(|p| {
            matches!(
                p,
                "to" | "will" | "would" | "could" | "can" | "should" | "may" | "might" | "must"
            )
        })
        && (i + 2..(i + 6).min(t.len()))
            .find(|&k| t[k].w == "to")
            .is_some_and(|k| (i..=k).all(|j| t[j].clause == t[i].clause) && k + 1 < t.len());
    let enabled = enabled || enables_someone;
    let praised = (POSITIVE.contains(&s) && contextual_positive(s, prev, next, &window))
        || POSITIVE_WORDS.contains(&w);
    let positive = praised || enabled;
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
    if s == "challeng" && !challenge_is_difficulty(t, i) {
        return None;
    }
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
    if let Some(v) = level(t, i) {
        let v = if before(INTENSIFIERS) { v * 1.5 } else { v };
        return (v != 0.0).then(|| Item::new(i, v));
    }
    // "ineffective in prioritising": a gerund names the activity, it does not say it is done.
    let positive = positive && !(s == "prioritis" && w.ends_with("ing"));
    if positive && !negative {
        let mut v = if STRONG.contains(&s) || STRONG.contains(&w) {
            1.5
        } else if !praised {
            // Being enabled is mild praise: less than "well supported".
            0.5
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
pub(super) fn change(t: &[Tok], i: usize) -> Option<(f32, usize)> {
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
    // "less delay", but not "less acute risks": "less" compares the word after it.
    let reach = if s == "less" { 2 } else { 4 };
    let right = (i + 1..(i + reach).min(t.len())).filter(same);
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
