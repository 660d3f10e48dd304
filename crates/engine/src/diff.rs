//! Word-level diff between two texts, via `similar`.

use serde::Serialize;
use similar::{Algorithm, DiffTag};

/// What happened to a run of words between the earlier and the later text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// In both texts.
    Same,
    /// Only in the earlier text.
    Deleted,
    /// Only in the later text.
    Inserted,
}

/// A run of text (words and the whitespace between them) with one change tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// What happened to the run.
    pub change: Change,
    /// The words, with the whitespace between them.
    pub text: String,
}

/// Splits text into words and the runs of whitespace between them, keeping every byte,
/// so the spans rebuild both texts exactly.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if in_space.is_some_and(|s| s != space) {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Diffs `before` against `after` word by word and merges neighbouring words with the
/// same tag into one span, so callers render a handful of spans, not one per word.
/// (One Myers diff over token slices: `TextDiff` would compile several variants into
/// the web bundle for the same result.)
pub fn word_diff(before: &str, after: &str) -> Vec<Span> {
    let (old, new) = (tokens(before), tokens(after));
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |change: Change, parts: &[&str]| {
        let text: String = parts.concat();
        if text.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.change == change => last.text.push_str(&text),
            _ => spans.push(Span { change, text }),
        }
    };
    for op in similar::capture_diff_slices(Algorithm::Myers, &old, &new) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => push(Change::Same, &old[old_range]),
            DiffTag::Delete => push(Change::Deleted, &old[old_range]),
            DiffTag::Insert => push(Change::Inserted, &new[new_range]),
            DiffTag::Replace => {
                push(Change::Deleted, &old[old_range]);
                push(Change::Inserted, &new[new_range]);
            }
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(spans: &[Span], keep: Change) -> String {
        spans
            .iter()
            .filter(|s| s.change == keep || s.change == Change::Same)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn marks_inserted_and_deleted_words() {
        let spans = word_diff("caseloads are high", "caseloads are now manageable");
        assert!(spans
            .iter()
            .any(|s| s.change == Change::Deleted && s.text.contains("high")));
        assert!(spans
            .iter()
            .any(|s| s.change == Change::Inserted && s.text.contains("manageable")));
        assert!(spans
            .iter()
            .any(|s| s.change == Change::Same && s.text.contains("caseloads")));
    }

    #[test]
    fn spans_rebuild_both_texts() {
        let (a, b) = ("the quick brown fox", "the slow brown dog jumps");
        let spans = word_diff(a, b);
        assert_eq!(joined(&spans, Change::Deleted), a);
        assert_eq!(joined(&spans, Change::Inserted), b);
    }
}
