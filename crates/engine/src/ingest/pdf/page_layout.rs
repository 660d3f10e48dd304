//! Positioned characters -> text lines in reading order.
//!
//! 1. Characters with one baseline form a line; superscripts (smaller, raised) join the
//!    line below them as marks. Lines split into segments at gaps wider than ~1.4 em
//!    (column gutters, table cells, list markers); a lone bullet glyph rejoins its text.
//! 2. Page furniture goes: Word's pagination artifacts, and short lines in the top or
//!    bottom margin that repeat across pages (digits ignored) or are page numbers.
//! 3. Footnotes go: small print at the foot of a page that opens with a footnote mark.
//! 4. Reading order by recursive XY-cut: paragraph gaps cut across; a vertical gutter
//!    cuts down. When both exist, short pieces on both sides of the gutter are table rows
//!    (cut across, then each row's cells left to right) and long ones are columns (cut
//!    down, so a two-column page is read column by column).
//! 5. Paragraphs are separated by blank lines; bold or larger short paragraphs become
//!    "# " headings; a paragraph cut by a page break runs on.

use super::content::{Char, PageContent};
use crate::ingest::normalize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
struct Seg {
    page: usize,
    /// Line index within the page (top to bottom).
    line: usize,
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    bold: bool,
    text: String,
    /// Superscript digits before any text (a footnote's own mark).
    lead_mark: Option<String>,
    /// Superscript marks dropped from the text (footnote references).
    marks: Vec<String>,
    pagination: bool,
}

impl Seg {
    fn top(&self) -> f64 {
        self.baseline - 0.75 * self.size
    }
    fn bottom(&self) -> f64 {
        self.baseline + 0.25 * self.size
    }
}

const BULLETS: &[char] = &[
    '•', '◼', '▪', '■', '●', '◦', '‣', '⁃', '∙', '·', '○', '□', '➢', '➤', '►', '▶', '✓', '✔', '❖',
    '◆', '♦', '–', '-', '*', '§',
];

fn is_bullet_glyph(s: &str) -> bool {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            BULLETS.contains(&c) || ('\u{F000}'..='\u{F0FF}').contains(&c) || c == 'o'
        }
        _ => false,
    }
}

/// "1." "12." "(a)" "a)": a list or paragraph number standing alone.
fn is_list_marker(s: &str) -> bool {
    let t = s.trim();
    if t.len() > 5 {
        return false;
    }
    let core = t.trim_start_matches('(').trim_end_matches(['.', ')']);
    core.len() < t.len()
        && !core.is_empty()
        && (core.chars().all(|c| c.is_ascii_digit())
            || (core.len() == 1 && core.chars().all(|c| c.is_ascii_lowercase())))
}

/// Characters of one page -> segments.
fn segments(page: usize, chars: &[Char]) -> Vec<Seg> {
    let mut idx: Vec<usize> = (0..chars.len()).collect();
    idx.sort_by(|&a, &b| chars[a].y.total_cmp(&chars[b].y).then(a.cmp(&b)));
    // Baseline buckets.
    let mut buckets: Vec<Vec<usize>> = Vec::new();
    let mut anchor: (f64, f64) = (f64::NAN, 0.0);
    for i in idx {
        let c = &chars[i];
        let tol = 0.3 * anchor.1.min(c.size).max(1.0);
        match buckets.last_mut() {
            Some(b) if (c.y - anchor.0).abs() <= tol => b.push(i),
            _ => {
                buckets.push(vec![i]);
                anchor = (c.y, c.size);
            }
        }
    }
    // Superscript-only buckets join the line just below them.
    let dominant = |b: &[usize]| -> f64 {
        let mut counts: HashMap<i64, usize> = HashMap::new();
        for &i in b {
            *counts
                .entry((chars[i].size * 2.0).round() as i64)
                .or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|&(s, n)| (n, s))
            .map_or(0.0, |(s, _)| s as f64 / 2.0)
    };
    let baseline = |b: &[usize], size: f64| -> f64 {
        // The baseline of the line's main-size characters.
        let main: Vec<f64> = b
            .iter()
            .filter(|&&i| chars[i].size >= 0.85 * size)
            .map(|&i| chars[i].y)
            .collect();
        if main.is_empty() {
            chars[b[0]].y
        } else {
            main.iter().sum::<f64>() / main.len() as f64
        }
    };
    let mut k = 0;
    while k + 1 < buckets.len() {
        let (a, b) = (&buckets[k], &buckets[k + 1]);
        let (sa, sb) = (dominant(a), dominant(b));
        let max_a = a.iter().map(|&i| chars[i].size).fold(0.0, f64::max);
        let (ya, yb) = (baseline(a, sa), baseline(b, sb));
        let (ax0, ax1) = extent(chars, a);
        let (bx0, bx1) = extent(chars, b);
        let raised = yb - ya > 0.0 && yb - ya <= 0.7 * sb;
        if max_a < 0.85 * sb && raised && ax0 >= bx0 - 1.5 * sb && ax1 <= bx1 + 1.5 * sb {
            let moved = buckets.remove(k);
            buckets[k].extend(moved);
        } else {
            k += 1;
        }
    }

    let mut segs = Vec::new();
    for (line, bucket) in buckets.iter_mut().enumerate() {
        bucket.sort_by(|&a, &b| chars[a].x.total_cmp(&chars[b].x).then(a.cmp(&b)));
        let size = dominant(bucket);
        let base = baseline(bucket, size);
        let mut line_segs: Vec<Seg> = Vec::new();
        let mut cur: Option<(Seg, f64, Vec<&Char>, String)> = None; // seg, x_end, chars, sup buffer
        let mut prev: Option<&Char> = None;
        for &i in bucket.iter() {
            let c = &chars[i];
            // A glyph drawn twice at nearly one place (fake bold) counts once.
            if let Some(p) = prev {
                if p.text == c.text && (p.x - c.x).abs() < 0.2 * c.size.max(1.0) {
                    continue;
                }
            }
            prev = Some(c);
            let sup = c.size < 0.85 * size && base - c.y > 0.12 * size;
            let split = match &cur {
                None => true,
                Some((seg, x_end, _, _)) => {
                    let gap = c.x - x_end;
                    let em = size.max(1.0);
                    gap > 1.4 * em || (gap > 0.5 * em && is_list_marker(&seg.text) && !sup)
                }
            };
            if split {
                if let Some(done) = cur.take() {
                    line_segs.push(finish(done));
                }
                cur = Some((
                    Seg {
                        page,
                        line,
                        x0: c.x,
                        x1: c.x,
                        baseline: base,
                        size,
                        bold: true,
                        text: String::new(),
                        lead_mark: None,
                        marks: Vec::new(),
                        pagination: true,
                    },
                    c.x,
                    Vec::new(),
                    String::new(),
                ));
            }
            let Some((seg, x_end, members, sup_buf)) = cur.as_mut() else {
                continue;
            };
            if sup {
                sup_buf.push_str(&c.text);
            } else {
                flush_sup(seg, sup_buf);
                let gap = c.x - *x_end;
                let blank = c.text.trim().is_empty();
                if !seg.text.is_empty()
                    && !seg.text.ends_with(' ')
                    && (blank || gap > 0.15 * size.max(1.0))
                {
                    seg.text.push(' ');
                }
                if !blank {
                    seg.text.push_str(&c.text);
                    members.push(c);
                }
            }
            *x_end = x_end.max(c.x + c.w);
            seg.x1 = *x_end;
        }
        if let Some(done) = cur.take() {
            line_segs.push(finish(done));
        }
        // A lone bullet glyph rejoins the text after it.
        let mut merged: Vec<Seg> = Vec::new();
        for s in line_segs {
            match merged.last_mut() {
                Some(prev)
                    if is_bullet_glyph(prev.text.trim())
                        && s.x0 - prev.x1 < 6.0 * size.max(1.0) =>
                {
                    let glyph = prev.text.trim().chars().next().unwrap_or('•');
                    let glyph = if "•◼▪■●◦".contains(glyph) {
                        glyph
                    } else {
                        '•'
                    };
                    prev.text = format!("{glyph} {}", s.text);
                    prev.x1 = s.x1;
                    prev.bold = s.bold;
                    prev.marks.extend(s.marks);
                }
                _ => merged.push(s),
            }
        }
        segs.extend(
            merged
                .into_iter()
                .filter(|s| !s.text.trim().is_empty() || s.lead_mark.is_some()),
        );
    }
    segs
}

fn extent(chars: &[Char], b: &[usize]) -> (f64, f64) {
    b.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &i| {
        (lo.min(chars[i].x), hi.max(chars[i].x + chars[i].w))
    })
}

fn flush_sup(seg: &mut Seg, buf: &mut String) {
    if buf.is_empty() {
        return;
    }
    let mark = buf.trim();
    let is_mark = !mark.is_empty()
        && mark
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | ',' | ' '));
    if is_mark {
        if seg.text.trim().is_empty() {
            seg.lead_mark = Some(mark.to_string());
        } else {
            seg.marks.push(mark.to_string());
        }
    } else {
        seg.text.push_str(buf);
    }
    buf.clear();
}

fn finish((mut seg, _, members, mut sup): (Seg, f64, Vec<&Char>, String)) -> Seg {
    flush_sup(&mut seg, &mut sup);
    let letters: Vec<&&Char> = members
        .iter()
        .filter(|c| c.text.chars().any(char::is_alphanumeric))
        .collect();
    let bold = letters.iter().filter(|c| c.bold).count();
    seg.bold = !letters.is_empty() && bold * 10 >= letters.len() * 9;
    seg.pagination = !members.is_empty() && members.iter().all(|c| c.pagination);
    seg.text = seg.text.trim().to_string();
    seg
}

/// Digits and case ignored: "Page 3" and "page 4" repeat.
fn furniture_key(text: &str) -> String {
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

fn is_page_number(text: &str) -> bool {
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
fn body_size(pages: &[PageContent]) -> f64 {
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
fn line_pitch(segs: &[Seg]) -> f64 {
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

pub fn lay_out(pages: &[PageContent], boxes: &[[f64; 4]]) -> Vec<String> {
    let body = body_size(pages);
    let mut per_page: Vec<Vec<Seg>> = pages
        .iter()
        .enumerate()
        .map(|(p, c)| segments(p, &c.chars))
        .collect();
    let n_pages = per_page.len();

    // Page furniture.
    let height = |p: usize| boxes.get(p).map_or(792.0, |b| b[3] - b[1]);
    let in_margin = |s: &Seg| {
        let h = height(s.page);
        s.bottom() < 0.12 * h || s.top() > 0.88 * h
    };
    let mut key_pages: HashMap<String, HashSet<usize>> = HashMap::new();
    for s in per_page.iter().flatten() {
        if in_margin(s) {
            key_pages
                .entry(furniture_key(&s.text))
                .or_default()
                .insert(s.page);
        }
    }
    let repeated = |s: &Seg| {
        n_pages >= 2
            && key_pages
                .get(&furniture_key(&s.text))
                .is_some_and(|p| p.len() >= 2 && p.len() * 10 >= n_pages * 3)
    };
    for segs in per_page.iter_mut() {
        segs.retain(|s| {
            !(s.pagination
                || (in_margin(s)
                    && (is_page_number(&s.text) || repeated(s) || s.text.trim().is_empty())))
        });
    }

    // Footnotes.
    let marks: HashSet<String> = per_page
        .iter()
        .flatten()
        .flat_map(|s| s.marks.iter().cloned())
        .collect();
    for segs in per_page.iter_mut() {
        drop_footnotes(
            segs,
            body,
            &marks,
            height(segs.first().map_or(0, |s| s.page)),
        );
    }

    let all: Vec<Seg> = per_page.iter().flatten().cloned().collect();
    let pitch = line_pitch(&all);
    let para_gap = ((pitch - 1.0) + 0.3) * body;

    // Reading order, page by page, into paragraphs.
    let mut paragraphs: Vec<Para> = Vec::new();
    for segs in per_page.iter() {
        let mut leaves = Vec::new();
        let ids: Vec<usize> = (0..segs.len()).collect();
        order(segs, ids, body, para_gap, &mut leaves, 0);
        let mut first = true;
        for leaf in leaves {
            for para in leaf_paragraphs(segs, &leaf, body) {
                paragraphs.push(Para {
                    page_start: first,
                    ..para
                });
                first = false;
            }
        }
    }
    render(paragraphs, body)
}

struct Para {
    lines: Vec<String>,
    size: f64,
    heading: bool,
    page_start: bool,
}

fn drop_footnotes(segs: &mut Vec<Seg>, body: f64, marks: &HashSet<String>, height: f64) {
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

/// Recursive XY-cut; leaves are lists of segment ids in reading order.
fn order(
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

fn sorted(segs: &[Seg], mut ids: Vec<usize>) -> Vec<usize> {
    ids.sort_by(|&a, &b| {
        segs[a]
            .line
            .cmp(&segs[b].line)
            .then(segs[a].x0.total_cmp(&segs[b].x0))
    });
    ids
}

/// Splits at vertical gaps wider than a paragraph break, top to bottom.
fn y_pieces(segs: &[Seg], ids: &[usize], para_gap: f64) -> Vec<Vec<usize>> {
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
fn find_gutter(segs: &[Seg], ids: &[usize], body: f64) -> Option<(f64, f64)> {
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

fn split_at(segs: &[Seg], ids: &[usize], g: (f64, f64)) -> (Vec<usize>, Vec<usize>) {
    let mid = (g.0 + g.1) / 2.0;
    ids.iter().partition(|&&i| segs[i].x1 <= mid)
}

/// Pieces whose sides are mostly short (≤ 3 lines) are table rows, not text columns.
fn table_like(segs: &[Seg], pieces: &[Vec<usize>], g: (f64, f64)) -> bool {
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

fn style_of(s: &Seg, body: f64) -> (bool, bool) {
    let large = s.size >= 1.15 * body;
    let small = s.size <= 0.85 * body;
    (s.bold || large, small)
}

/// A leaf's lines, split where the style changes (a bold heading over body text).
fn leaf_paragraphs(segs: &[Seg], leaf: &[usize], body: f64) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut prev: Option<&Seg> = None;
    for &i in leaf {
        let s = &segs[i];
        let new_para = match prev {
            None => true,
            Some(p) => {
                style_of(p, body) != style_of(s, body)
                    && !(is_list_marker(&p.text) && p.line == s.line)
            }
        };
        if new_para {
            out.push(Para {
                lines: Vec::new(),
                size: s.size,
                heading: true,
                page_start: false,
            });
        }
        if let Some(p) = out.last_mut() {
            p.lines.push(s.text.clone());
            p.heading &= style_of(s, body).0 && !is_list_marker(&s.text);
        }
        prev = Some(s);
    }
    for p in &mut out {
        let text = p.lines.join(" ");
        let words = crate::text::word_count(&text);
        p.heading = p.heading
            && (1..=20).contains(&words)
            && !text.trim_end().ends_with(['.', ',', ';'])
            && text.chars().any(char::is_alphabetic)
            && !is_bullet_glyph(text.split_whitespace().next().unwrap_or(""))
            && !text.starts_with(|c: char| BULLETS.contains(&c));
    }
    out
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '’', '”', ')', ']', ' '])
        .ends_with(['.', '!', '?', ':', ';'])
}

fn render(paragraphs: Vec<Para>, body: f64) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&Para> = None;
    for p in &paragraphs {
        let lines: Vec<String> = join_soft_hyphens(&p.lines)
            .iter()
            .map(|l| normalize::line(l))
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        // A paragraph cut by a page break runs on into the next page.
        let runs_on = p.page_start
            && !p.heading
            && prev.is_some_and(|q| {
                !q.heading
                    && (q.size - p.size).abs() < 0.1 * body
                    && q.lines.last().is_some_and(|l| !ends_sentence(l))
            })
            && !is_list_marker(&lines[0])
            && !lines[0].starts_with(|c: char| BULLETS.contains(&c));
        if !runs_on && !out.is_empty() {
            out.push(String::new());
        }
        if p.heading {
            out.push(format!("# {}", lines.join(" ")));
        } else {
            out.extend(lines);
        }
        prev = Some(p);
    }
    out
}

/// "assess\u{AD}" + "ment ..." -> "assessment ...": a soft hyphen is never a real one.
fn join_soft_hyphens(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        match out.last_mut() {
            Some(prev) if prev.ends_with('\u{AD}') => {
                prev.pop();
                prev.push_str(l.trim_start());
            }
            _ => out.push(l.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(x: f64, y: f64, size: f64, text: &str) -> Char {
        Char {
            x,
            y,
            w: 0.5 * size * text.chars().count() as f64,
            size,
            bold: false,
            text: text.to_string(),
            pagination: false,
        }
    }

    fn word(out: &mut Vec<Char>, x: f64, y: f64, size: f64, text: &str) {
        let mut x = x;
        for c in text.chars() {
            let s = c.to_string();
            out.push(ch(x, y, size, &s));
            x += 0.5 * size;
        }
    }

    #[test]
    fn list_markers() {
        for m in ["1.", "12.", "(a)", "b)", "3)"] {
            assert!(is_list_marker(m), "{m}");
        }
        for m in ["Good", "2022", "1.5", "a"] {
            assert!(!is_list_marker(m), "{m}");
        }
    }

    #[test]
    fn two_columns_are_read_column_by_column() {
        let mut chars = Vec::new();
        for i in 0..8 {
            let y = 100.0 + i as f64 * 14.0;
            word(
                &mut chars,
                50.0,
                y,
                10.0,
                &format!("left column line {i} text"),
            );
            word(
                &mut chars,
                300.0,
                y,
                10.0,
                &format!("right column line {i} text"),
            );
        }
        let page = PageContent {
            chars,
            images: 0,
            unmapped: 0,
        };
        let lines = lay_out(&[page], &[[0.0, 0.0, 600.0, 800.0]]);
        let left_last = lines
            .iter()
            .position(|l| l.contains("left column line 7"))
            .unwrap();
        let right_first = lines
            .iter()
            .position(|l| l.contains("right column line 0"))
            .unwrap();
        assert!(left_last < right_first, "{lines:?}");
    }

    #[test]
    fn table_rows_keep_their_cells_together() {
        let mut chars = Vec::new();
        for (i, (area, grade)) in [
            ("Overall effectiveness", "Good"),
            ("Care leavers", "Inadequate"),
        ]
        .iter()
        .enumerate()
        {
            let y = 100.0 + i as f64 * 40.0;
            word(&mut chars, 50.0, y, 10.0, area);
            word(&mut chars, 300.0, y, 10.0, grade);
        }
        let page = PageContent {
            chars,
            images: 0,
            unmapped: 0,
        };
        let lines = lay_out(&[page], &[[0.0, 0.0, 600.0, 800.0]]);
        let text: Vec<&str> = lines
            .iter()
            .map(String::as_str)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            text,
            [
                "Overall effectiveness",
                "Good",
                "Care leavers",
                "Inadequate"
            ]
        );
    }
}
