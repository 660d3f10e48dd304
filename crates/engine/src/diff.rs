//! Word-level diff between two texts, for the page's evidence pairs: a longest common
//! subsequence of words, its own few lines rather than the `similar` crate (25 KB of the
//! page's wasm before `wasm-opt` for one small call; findings are sentences, so a table
//! of their words is small).

use serde::Serialize;

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

/// Most cells of the table [`word_diff`] fills: two texts of about 1,000 words each
/// (twice as many tokens, with the spaces). Longer ones, far beyond a finding, come back
/// as all deleted and all inserted: too unlike to mark, which the page shows as plain text.
const MAX_CELLS: usize = 1 << 22;

/// Diffs `before` against `after` word by word and merges neighbouring words with the
/// same tag into one span, so callers render a handful of spans, not one per word.
/// The common start and end are taken off first (most pairs differ in a few words);
/// between them, a longest common subsequence, deletions before insertions where either
/// would do, so a changed phrase reads as one deleted run then one inserted run.
pub fn word_diff(before: &str, after: &str) -> Vec<Span> {
    let (old, new) = (tokens(before), tokens(after));
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |change: Change, part: &str| {
        if part.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.change == change => last.text.push_str(part),
            _ => spans.push(Span {
                change,
                text: part.to_string(),
            }),
        }
    };
    let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    for t in &old[..head] {
        push(Change::Same, t);
    }
    let (n, m) = (a.len(), b.len());
    if (n + 1).saturating_mul(m + 1) > MAX_CELLS {
        a.iter().for_each(|t| push(Change::Deleted, t));
        b.iter().for_each(|t| push(Change::Inserted, t));
    } else {
        // lcs[i * (m + 1) + j]: the longest common subsequence of a[i..] and b[j..]
        // (u16 is enough: it is at most the shorter side, under 2,048 here).
        let w = m + 1;
        let mut lcs = vec![0u16; (n + 1) * w];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * w + j] = if a[i] == b[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                push(Change::Same, a[i]);
                (i, j) = (i + 1, j + 1);
            } else if i < n && (j == m || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
                push(Change::Deleted, a[i]);
                i += 1;
            } else {
                push(Change::Inserted, b[j]);
                j += 1;
            }
        }
    }
    for t in &old[old.len() - tail..] {
        push(Change::Same, t);
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
    fn a_changed_phrase_is_one_deleted_run_then_one_inserted_run() {
        let spans = word_diff(
            "Leaders have not yet improved the quality of plans.",
            "Leaders have now improved the quality of most plans.",
        );
        let runs: Vec<(Change, &str)> = spans.iter().map(|s| (s.change, s.text.as_str())).collect();
        assert_eq!(
            runs,
            [
                (Change::Same, "Leaders have "),
                (Change::Deleted, "not yet"),
                (Change::Inserted, "now"),
                (Change::Same, " improved the quality of"),
                (Change::Inserted, " most"),
                (Change::Same, " plans."),
            ]
        );
    }

    #[test]
    fn texts_too_long_to_tabulate_are_all_deleted_then_inserted() {
        let (a, b) = (vec!["word"; 3000].join(" "), vec!["other"; 3000].join(" "));
        let spans = word_diff(&a, &b);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].change, Change::Deleted);
        assert_eq!(joined(&spans, Change::Inserted), b);
    }

    #[test]
    fn spans_rebuild_both_texts() {
        let (a, b) = ("the quick brown fox", "the slow brown dog jumps");
        let spans = word_diff(a, b);
        assert_eq!(joined(&spans, Change::Deleted), a);
        assert_eq!(joined(&spans, Change::Inserted), b);
    }
}
