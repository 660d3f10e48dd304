//! Steps 2 and 3: page furniture (repeated margin lines, page numbers) and footnotes go.

use super::super::content::PageContent;
use super::segments::*;
use std::collections::{HashMap, HashSet};

/// Digits and case ignored: "Page 3" and "page 4" repeat.
pub(super) fn furniture_key(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| if c.is_ascii_digit() { '#' } else { c })
                .collect::<String>()
                .to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn is_page_number(text: &str) -> bool {
    let t = text.to_lowercase();
    let core: String = t
        .chars()
        .filter(|c| !matches!(c, '-' | '–' | '—' | '|' | '.' | ' ' | '(' | ')' | '[' | ']'))
        .collect();
    let core = core.strip_prefix("page").unwrap_or(&core);
    (!core.is_empty()
        && core
            .split("of")
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())))
        || (core.len() <= 5
            && !core.is_empty()
            && core.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// Size with the most characters: the body text.
pub(super) fn body_size(pages: &[PageContent]) -> f64 {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for c in pages.iter().flat_map(|p| &p.chars) {
        *counts.entry((c.size * 2.0).round() as i64).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(s, n)| (n, s))
        .map_or(10.0, |(s, _)| (s as f64 / 2.0).max(1.0))
}

/// Usual baseline-to-baseline distance, as a multiple of the font size.
pub(super) fn line_pitch(segs: &[Seg]) -> f64 {
    let mut ratios: Vec<f64> = Vec::new();
    for w in segs.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.page == b.page
            && b.line == a.line + 1
            && (a.size - b.size).abs() < 0.1 * a.size
            && a.x0 < b.x1
            && b.x0 < a.x1
        {
            let r = (b.baseline - a.baseline) / a.size.max(1.0);
            if (0.9..2.5).contains(&r) {
                ratios.push(r);
            }
        }
    }
    if ratios.is_empty() {
        return 1.2;
    }
    ratios.sort_by(f64::total_cmp);
    ratios[ratios.len() / 2]
}

pub(super) fn drop_footnotes(segs: &mut Vec<Seg>, body: f64, marks: &HashSet<String>, height: f64) {
    let mut order: Vec<usize> = (0..segs.len()).collect();
    order.sort_by(|&a, &b| segs[b].top().total_cmp(&segs[a].top()));
    let mut cut: Option<f64> = None;
    for &i in &order {
        let s = &segs[i];
        if s.size > 0.92 * body || s.top() < 0.45 * height {
            break;
        }
        let number = s.lead_mark.clone().or_else(|| {
            let first = s.text.split_whitespace().next()?;
            (first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit()))
                .then(|| first.to_string())
        });
        let is_start = match (&s.lead_mark, &number) {
            (Some(_), _) => true,
            (None, Some(n)) => marks.contains(n),
            _ => false,
        };
        if is_start {
            cut = Some(s.top());
        }
    }
    if let Some(top) = cut {
        segs.retain(|s| s.top() < top - 0.5);
    }
}
