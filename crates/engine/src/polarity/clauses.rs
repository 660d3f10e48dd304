//! A sentence as words with stems, each marked with the clauses it sits in.

use super::lexicon::*;
use crate::text::{stem, words};

/// One word of a sentence with its stem and the clauses it sits in.
pub(super) struct Tok {
    pub(super) w: String,
    pub(super) s: String,
    /// Clause split at punctuation, contrasts and causes ("as a result of", "owing to").
    pub(super) clause: usize,
    /// `clause`, also split at relative words ("which", "who", "where").
    pub(super) sub: usize,
}

pub(super) fn tokens(text: &str) -> Vec<Tok> {
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
pub(super) fn is_contrast(w: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    match w {
        "but" => next != Some("also") && prev != Some("all"),
        "yet" => !matches!(prev, Some("not" | "as" | "have" | "has")),
        "while" => prev.is_none(),
        _ => CONTRAST.contains(&w),
    }
}
