//! Step 4: reading order by recursive XY-cut, columns read down and table rows across.

use super::segments::*;

/// Recursive XY-cut; leaves are lists of segment ids in reading order.
pub(super) fn order(
    segs: &[Seg],
    ids: Vec<usize>,
    body: f64,
    para_gap: f64,
    leaves: &mut Vec<Vec<usize>>,
    depth: usize,
) {
    if ids.len() <= 1 || depth > 60 {
        if !ids.is_empty() {
            leaves.push(sorted(segs, ids));
        }
        return;
    }
    let pieces = y_pieces(segs, &ids, para_gap);
    let gutter = find_gutter(segs, &ids, body);
    if pieces.len() == 1 {
        match gutter {
            Some(g) => {
                let (l, r) = split_at(segs, &ids, g);
                order(segs, l, body, para_gap, leaves, depth + 1);
                order(segs, r, body, para_gap, leaves, depth + 1);
            }
            None => leaves.push(sorted(segs, ids)),
        }
        return;
    }
    if let Some(g) = gutter {
        if !table_like(segs, &pieces, g) {
            let (l, r) = split_at(segs, &ids, g);
            order(segs, l, body, para_gap, leaves, depth + 1);
            order(segs, r, body, para_gap, leaves, depth + 1);
            return;
        }
    }
    // Runs of pieces that share a gutter and are not table rows are one column block
    // (paragraph breaks that happen to line up across columns).
    let gutters: Vec<Option<(f64, f64)>> =
        pieces.iter().map(|p| find_gutter(segs, p, body)).collect();
    let mut i = 0;
    while i < pieces.len() {
        let mut j = i + 1;
        let mut shared = gutters[i];
        while j < pieces.len() {
            let next = match (shared, gutters[j]) {
                (Some(a), Some(b)) if a.0 < b.1 && b.0 < a.1 => Some((a.0.max(b.0), a.1.min(b.1))),
                _ => None,
            };
            let Some(n) = next else { break };
            if table_like(segs, &pieces[i..=j], n) {
                break;
            }
            shared = Some(n);
            j += 1;
        }
        if j > i + 1 {
            let ids: Vec<usize> = pieces[i..j].iter().flatten().copied().collect();
            let (l, r) = split_at(segs, &ids, shared.unwrap_or((0.0, 0.0)));
            order(segs, l, body, para_gap, leaves, depth + 1);
            order(segs, r, body, para_gap, leaves, depth + 1);
        } else {
            order(segs, pieces[i].clone(), body, para_gap, leaves, depth + 1);
        }
        i = j;
    }
}

pub(super) fn sorted(segs: &[Seg], mut ids: Vec<usize>) -> Vec<usize> {
    ids.sort_by(|&a, &b| {
        segs[a]
            .line
            .cmp(&segs[b].line)
            .then(segs[a].x0.total_cmp(&segs[b].x0))
    });
    ids
}

/// Splits at vertical gaps wider than a paragraph break, top to bottom.
pub(super) fn y_pieces(segs: &[Seg], ids: &[usize], para_gap: f64) -> Vec<Vec<usize>> {
    let mut by_top: Vec<usize> = ids.to_vec();
    by_top.sort_by(|&a, &b| segs[a].top().total_cmp(&segs[b].top()).then(a.cmp(&b)));
    let mut pieces: Vec<Vec<usize>> = Vec::new();
    let mut bottom = f64::MIN;
    for i in by_top {
        let s = &segs[i];
        if pieces.is_empty() || s.top() - bottom > para_gap {
            pieces.push(Vec::new());
        }
        if let Some(p) = pieces.last_mut() {
            p.push(i);
        }
        bottom = bottom.max(s.bottom());
    }
    pieces
}

/// The widest vertical gap that every segment keeps clear of, with real words on both
/// sides (a column of "1." markers or bullets is not a column).
pub(super) fn find_gutter(segs: &[Seg], ids: &[usize], body: f64) -> Option<(f64, f64)> {
    let mut by_x: Vec<usize> = ids.to_vec();
    by_x.sort_by(|&a, &b| segs[a].x0.total_cmp(&segs[b].x0));
    let mut best: Option<(f64, f64)> = None;
    let mut right = f64::MIN;
    for (n, &i) in by_x.iter().enumerate() {
        let s = &segs[i];
        if n > 0 && s.x0 - right >= 0.9 * body {
            let g = (right, s.x0);
            let wordy = |side: &[usize]| {
                side.iter().any(|&k| {
                    segs[k]
                        .text
                        .split_whitespace()
                        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                })
            };
            let left_ok = wordy(&by_x[..n]);
            let right_ok = wordy(&by_x[n..]);
            if left_ok && right_ok && best.is_none_or(|b| g.1 - g.0 > b.1 - b.0) {
                best = Some(g);
            }
        }
        right = right.max(s.x1);
    }
    best
}

pub(super) fn split_at(segs: &[Seg], ids: &[usize], g: (f64, f64)) -> (Vec<usize>, Vec<usize>) {
    let mid = (g.0 + g.1) / 2.0;
    ids.iter().partition(|&&i| segs[i].x1 <= mid)
}

/// Pieces whose sides are mostly short (≤ 3 lines) are table rows, not text columns.
pub(super) fn table_like(segs: &[Seg], pieces: &[Vec<usize>], g: (f64, f64)) -> bool {
    let mid = (g.0 + g.1) / 2.0;
    let short = pieces
        .iter()
        .filter(|p| {
            let left = p.iter().filter(|&&i| segs[i].x1 <= mid).count();
            let right = p.len() - left;
            left <= 3 && right <= 3
        })
        .count();
    short * 10 >= pieces.len() * 6
}
