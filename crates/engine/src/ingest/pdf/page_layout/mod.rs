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

mod furniture;
mod paragraphs;
mod reading_order;
mod segments;

use super::content::PageContent;
use furniture::*;
use paragraphs::*;
use reading_order::*;
use segments::*;
use std::collections::{HashMap, HashSet};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::pdf::content::Char;

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
