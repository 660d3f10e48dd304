//! The briefing as Markdown (see [`super::briefing`] for what it says). Report text goes
//! in as it is: Markdown is read as text, and the app never renders it.

use super::briefing::{self, Briefing, Names, Quote};
use super::{verdict_icon, verdict_words};
use crate::compare::Comparison;
use std::fmt::Write;

pub fn to_markdown(c: &Comparison) -> String {
    render(&briefing::of(c))
}

fn render(b: &Briefing) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# What changed: {} → {}\n",
        b.earlier.label(),
        b.later.label()
    );
    let _ = writeln!(out, "## Summary\n\n{}.\n", b.headline);
    for (word, names) in &b.movements {
        let _ = writeln!(out, "- **{word}:** {}", names.join("; "));
    }
    out.push('\n');
    if !b.ratings.is_empty() {
        out.push_str("## Ratings\n\n| Area | Earlier | Later | Change |\n|---|---|---|---|\n");
        for r in &b.ratings {
            let change = match &r.note {
                Some(note) => format!("{} ({note})", r.change),
                None => r.change.clone(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {change} |",
                r.area, r.earlier, r.later
            );
        }
        out.push('\n');
    }
    if let Some(p) = &b.points {
        out.push_str("## What needed to improve, and now\n\n");
        for point in &p.earlier {
            let _ = writeln!(out, "- {} — **{}**", point.text, point.fate);
        }
        if p.earlier_more > 0 {
            let _ = writeln!(
                out,
                "- … and {} more points from the earlier report",
                p.earlier_more
            );
        }
        for point in &p.later {
            let _ = writeln!(out, "- {} — **{}**", point.text, point.fate);
        }
        if p.later_more > 0 {
            let _ = writeln!(out, "- … and {} more new points", p.later_more);
        }
        out.push('\n');
    }
    for t in &b.themes {
        let _ = writeln!(
            out,
            "### {} — {} {}\n",
            t.label,
            verdict_icon(t.verdict),
            verdict_words(t.verdict)
        );
        for tp in &t.quoted {
            let _ = writeln!(
                out,
                "- **{}** — {} ({})",
                tp.label,
                verdict_words(tp.verdict),
                tp.why
            );
            quote(&mut out, "Earlier", tp.earlier.as_ref());
            quote(&mut out, "Later", tp.later.as_ref());
            if let Some(caveat) = &tp.caveat {
                let _ = writeln!(out, "  - _({caveat})_");
            }
        }
        name_list(&mut out, "Also", &t.also);
        name_list(&mut out, "New in the later report", &t.new);
        name_list(&mut out, "Not mentioned in the later report", &t.dropped);
        out.push('\n');
    }
    out.push_str(
        "_Every finding, topic and pair, with similarity scores, is in the JSON and CSV exports._\n",
    );
    out
}

fn quote(out: &mut String, label: &str, q: Option<&Quote>) {
    if let Some(q) = q {
        let whose = q.speaker.map(|s| format!(" _({s})_")).unwrap_or_default();
        let _ = writeln!(out, "  - {label}: “{}”{whose}", q.text);
    }
}

/// "- Also: a; b; c (and 4 more)".
fn name_list(out: &mut String, what: &str, names: &Names) {
    if names.is_empty() {
        return;
    }
    let shown: Vec<&str> = names.names.iter().map(|n| n.text.as_str()).collect();
    let tail = if names.more > 0 {
        format!(" (and {} more)", names.more)
    } else {
        String::new()
    };
    let _ = writeln!(out, "- {what}: {}{tail}", shown.join("; "));
}
