//! Word-level diff between two texts, via `similar`.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What happened to a run of words between the earlier and the later text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Same,
    Deleted,
    Inserted,
}

/// A run of text (words and the whitespace between them) with one change tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub change: Change,
    pub text: String,
}

/// Diffs `before` against `after` word by word and merges neighbouring words with the
/// same tag into one span, so callers render a handful of spans, not one per word.
pub fn word_diff(before: &str, after: &str) -> Vec<Span> {
    let diff = TextDiff::from_words(before, after);
    let mut spans: Vec<Span> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = match change.tag() {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Delete => Change::Deleted,
            ChangeTag::Insert => Change::Inserted,
        };
        let text = change.value();
        match spans.last_mut() {
            Some(last) if last.change == tag => last.text.push_str(text),
            _ => spans.push(Span {
                change: tag,
                text: text.to_string(),
            }),
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
