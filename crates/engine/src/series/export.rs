//! Series -> JSON (the schema), a Markdown briefing (ratings across the years, then the
//! matters that tell the story, with a quote from each end), CSV (one row per track and
//! step).

use super::{Series, Track, TrackKind};
use crate::compare::Verdict;
use crate::export::{verdict_icon, verdict_words};
use crate::polarity::Polarity;
use std::fmt::Write;

/// The series as pretty JSON (schema `report-compare-series/1`), byte for byte as
/// `serde_json::to_string_pretty` writes it.
pub fn to_json(s: &Series) -> String {
    // Plain data with string keys always serialises. Written compact, then indented: the
    // page makes this export itself, and a second formatter would put a second copy of
    // the series' (and its comparisons') `Serialize` code into its bundle, beside the
    // compact one its share links use.
    indent(&serde_json::to_string(s).unwrap_or_default())
}

/// Compact JSON (as serde_json writes it: no space outside strings) laid out as
/// serde_json's pretty printer does: two spaces a level, `": "` after a key, `[]` and
/// `{}` for empty ones.
fn indent(json: &str) -> String {
    let mut out = String::with_capacity(json.len() * 2);
    let mut depth = 0usize;
    let line = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '[' | '{' => {
                out.push(c);
                let close = if c == '[' { ']' } else { '}' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    line(&mut out, depth);
                }
            }
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                line(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                line(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// The kinds the briefing tells, in order, with their heading and how many it shows.
const TOLD: [(TrackKind, &str, usize); 4] = [
    (TrackKind::PersistentConcern, "Persistent concerns", 5),
    (TrackKind::SustainedImprovement, "Sustained improvements", 4),
    (TrackKind::Reversal, "Reversals", 3),
    (TrackKind::Returned, "Returned after a gap", 3),
];
/// Quotes are cut to this many words.
const QUOTE_WORDS: usize = 40;
/// The briefing stops adding matters past this many words (about three pages).
const WORD_BUDGET: usize = 1_400;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2016, 2020, 2022 and 2026".
fn and_list(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

/// Markdown table cells hold no pipes or line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "/").replace(['\n', '\r'], " ")
}

fn cut(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    if all.len() <= words {
        all.join(" ")
    } else {
        format!("{} …", all[..words].join(" "))
    }
}

/// One sentence on the whole series: how many matters, and how many of each kind.
pub fn headline(s: &Series) -> String {
    let years: Vec<String> = s.reports.iter().map(|r| r.label.clone()).collect();
    let counts: Vec<String> = [
        (
            TrackKind::PersistentConcern,
            "persistent concern",
            "persistent concerns",
        ),
        (
            TrackKind::SustainedImprovement,
            "sustained improvement",
            "sustained improvements",
        ),
        (TrackKind::Reversal, "reversal", "reversals"),
        (
            TrackKind::Returned,
            "matter back after a gap",
            "matters back after a gap",
        ),
    ]
    .iter()
    .filter(|(k, _, _)| s.summary.count(*k) > 0)
    .map(|(k, one, many)| plural(s.summary.count(*k), one, many))
    .collect();
    let mut line = format!(
        "{} reports ({}), {} followed across them",
        s.reports.len(),
        and_list(&years),
        plural(s.summary.tracks, "matter", "matters")
    );
    if !counts.is_empty() {
        let _ = write!(line, ": {}", and_list(&counts));
    }
    line
}

/// The path of a track in words: "2016→2020 ■ Persisted · 2020→2022 (not mentioned)".
pub fn path(s: &Series, t: &Track) -> String {
    t.cells
        .iter()
        .map(|c| {
            let span = format!(
                "{}→{}",
                s.reports[c.step].label,
                s.reports[c.step + 1].label
            );
            match c.verdict {
                Some(_) if t.returns_at(c.step) => format!("{span} + Back after a gap"),
                Some(v) => format!("{span} {} {}", verdict_icon(v), step_words(v)),
                None if c.gap => format!("{span} (not mentioned)"),
                None => format!("{span} –"),
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A step's verdict for a matter, worded for a path.
pub fn step_words(v: Verdict) -> &'static str {
    match v {
        Verdict::New => "New",
        Verdict::Dropped => "Not mentioned in the later report",
        other => verdict_words(other),
    }
}

/// A report's tone on a matter in words ("positive", "concern", …, "not mentioned").
pub fn tone_words(p: Option<Polarity>) -> &'static str {
    match p {
        Some(Polarity::Strength) => "positive",
        Some(Polarity::Concern) => "concern",
        Some(Polarity::Mixed) => "mixed",
        Some(Polarity::Neutral) => "neutral",
        None => "not mentioned",
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The briefing: reports, ratings across the years, then the matters that tell the
/// story (persistent concerns, sustained improvements, reversals, returns), each with a
/// quote from its first and its latest mention. About 1,500 words for four reports.
pub fn to_markdown(s: &Series) -> String {
    let mut out = String::new();
    let first = s.reports.first().map_or("", |r| r.label.as_str());
    let last = s.reports.last().map_or("", |r| r.label.as_str());
    let _ = writeln!(out, "# A series of inspections: {first} to {last}\n");
    let _ = writeln!(out, "{}.\n", headline(s));
    out.push_str("## Reports\n\n");
    for r in &s.reports {
        let title = r
            .title
            .as_deref()
            .map(|t| format!(", {}", cut(t, 14)))
            .unwrap_or_default();
        let date = r.date.as_deref().unwrap_or("no date found");
        let _ = writeln!(
            out,
            "- **{}**: {}{title} ({date}; {})",
            r.label,
            r.name,
            plural(r.findings, "finding", "findings")
        );
    }
    for note in &s.notes {
        let _ = writeln!(out, "\n_{note}_");
    }
    out.push('\n');
    if !s.ratings.is_empty() {
        out.push_str("## Ratings across the years\n\n| Judgement area |");
        for r in &s.reports {
            let _ = write!(out, " {} |", cell(&r.label));
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(s.reports.len()));
        out.push('\n');
        for area in &s.ratings {
            let _ = write!(out, "| {} |", cell(&area.area));
            for g in &area.grades {
                let _ = write!(out, " {} |", g.as_deref().map_or("–".to_string(), cell));
            }
            out.push('\n');
        }
        let notes = super::rating_notes(&s.ratings);
        if !notes.is_empty() {
            out.push('\n');
            for n in notes {
                let _ = writeln!(out, "_Note: {n}._");
            }
        }
        out.push('\n');
    }
    let mut left_out = 0;
    for (kind, heading, shown) in TOLD {
        let all: Vec<&Track> = s.tracks.iter().filter(|t| t.kind == kind).collect();
        if all.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {heading} ({})\n", all.len());
        let mut told = 0;
        for t in all.iter().take(shown) {
            if words(&out) > WORD_BUDGET {
                break;
            }
            told += 1;
            let _ = writeln!(out, "### {} — {}\n", t.label, t.line);
            let _ = writeln!(out, "{} · {}\n", cell(&t.theme_label), path(s, t));
            for q in [&t.first, &t.last].into_iter().flatten() {
                let label = &s.reports[q.report].label;
                let _ = writeln!(out, "> {label}: “{}”\n", cut(&q.text, QUOTE_WORDS));
                if t.first == t.last {
                    break;
                }
            }
        }
        left_out += all.len() - told;
        if all.len() > told {
            let _ = writeln!(
                out,
                "_{} more in the CSV or JSON export._\n",
                plural(all.len() - told, "other", "others")
            );
        }
    }
    let untold: usize = [
        TrackKind::Declined,
        TrackKind::New,
        TrackKind::Dropped,
        TrackKind::Steady,
    ]
    .iter()
    .map(|k| s.summary.count(*k))
    .sum();
    if untold + left_out > 0 {
        let _ = writeln!(
            out,
            "## The rest\n\n{} declined, {} first raised after {first}, {} no longer mentioned by {last} (which does not mean resolved), and {} steady. Every matter, step by step, is in the CSV and JSON exports.",
            s.summary.declined, s.summary.new, s.summary.dropped, s.summary.steady
        );
    }
    out
}

/// One row per track and step: the matter, its kind, and what that step's comparison
/// says of it (or that it is not mentioned there).
pub fn to_csv(s: &Series) -> String {
    let mut out = String::from(
        "track,track_label,kind,line,theme_label,step,earlier,later,topic,verdict,gap,earlier_tone,later_tone\n",
    );
    for t in &s.tracks {
        for c in &t.cells {
            let tone = |r: usize| tone_words(t.tones.get(r).copied().flatten()).to_string();
            let row = [
                t.id.clone(),
                t.label.clone(),
                t.kind.as_str().to_string(),
                t.line.clone(),
                t.theme_label.clone(),
                (c.step + 1).to_string(),
                s.reports[c.step].label.clone(),
                s.reports[c.step + 1].label.clone(),
                c.topic.clone().unwrap_or_default(),
                c.verdict
                    .map(|v| v.as_str().to_string())
                    .unwrap_or_default(),
                if c.gap { "yes" } else { "" }.to_string(),
                tone(c.step),
                tone(c.step + 1),
            ];
            out.push_str(
                &row.iter()
                    .map(|f| crate::export::csv_field(f))
                    .collect::<Vec<_>>()
                    .join(","),
            );
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::indent;

    #[test]
    fn indent_lays_out_as_serde_json_pretty() {
        let v = serde_json::json!({
            "empty": [], "none": {}, "nested": [[], [{}], {"a": [1, 2.5, null, true]}],
            "tricky": "a \"quoted\" [bracket], {brace}: colon, back\\slash\\",
            "unicode": "café – “quotes”", "zero": 0
        });
        let compact = serde_json::to_string(&v).unwrap();
        assert_eq!(indent(&compact), serde_json::to_string_pretty(&v).unwrap());
        assert_eq!(indent("[]"), "[]");
        assert_eq!(indent("\"x\""), "\"x\"");
    }
}
