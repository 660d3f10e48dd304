//! Step 5: segments into paragraphs and headings, rendered as lines.

use super::segments::*;
use crate::ingest::normalize;

pub(super) struct Para {
    pub(super) lines: Vec<String>,
    pub(super) size: f64,
    pub(super) heading: bool,
    pub(super) page_start: bool,
}

pub(super) fn style_of(s: &Seg, body: f64) -> (bool, bool) {
    let large = s.size >= 1.15 * body;
    let small = s.size <= 0.85 * body;
    (s.bold || large, small)
}

/// A leaf's lines, split where the style changes (a bold heading over body text).
pub(super) fn leaf_paragraphs(segs: &[Seg], leaf: &[usize], body: f64) -> Vec<Para> {
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

pub(super) fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '’', '”', ')', ']', ' '])
        .ends_with(['.', '!', '?', ':', ';'])
}

pub(super) fn render(paragraphs: Vec<Para>, body: f64) -> Vec<String> {
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
pub(super) fn join_soft_hyphens(lines: &[String]) -> Vec<String> {
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
