//! Step 1: characters with one baseline form a line, split into segments at wide gaps;
//! superscripts become marks, a lone bullet glyph rejoins its text.

use super::super::content::Char;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(super) struct Seg {
    pub(super) page: usize,
    /// Line index within the page (top to bottom).
    pub(super) line: usize,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) baseline: f64,
    pub(super) size: f64,
    pub(super) bold: bool,
    pub(super) text: String,
    /// Superscript digits before any text (a footnote's own mark).
    pub(super) lead_mark: Option<String>,
    /// Superscript marks dropped from the text (footnote references).
    pub(super) marks: Vec<String>,
    pub(super) pagination: bool,
}

impl Seg {
    pub(super) fn top(&self) -> f64 {
        self.baseline - 0.75 * self.size
    }
    pub(super) fn bottom(&self) -> f64 {
        self.baseline + 0.25 * self.size
    }
}

pub(super) const BULLETS: &[char] = &[
    '•', '◼', '▪', '■', '●', '◦', '‣', '⁃', '∙', '·', '○', '□', '➢', '➤', '►', '▶', '✓', '✔', '❖',
    '◆', '♦', '–', '-', '*', '§',
];

pub(super) fn is_bullet_glyph(s: &str) -> bool {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            BULLETS.contains(&c) || ('\u{F000}'..='\u{F0FF}').contains(&c) || c == 'o'
        }
        _ => false,
    }
}

/// "1." "12." "(a)" "a)": a list or paragraph number standing alone.
pub(super) fn is_list_marker(s: &str) -> bool {
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
pub(super) fn segments(page: usize, chars: &[Char]) -> Vec<Seg> {
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

pub(super) fn extent(chars: &[Char], b: &[usize]) -> (f64, f64) {
    b.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &i| {
        (lo.min(chars[i].x), hi.max(chars[i].x + chars[i].w))
    })
}

pub(super) fn flush_sup(seg: &mut Seg, buf: &mut String) {
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

pub(super) fn finish((mut seg, _, members, mut sup): (Seg, f64, Vec<&Char>, String)) -> Seg {
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
