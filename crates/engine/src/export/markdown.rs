//! The briefing as Markdown (see [`super::briefing`] for what it says). Report text goes
//! in as it is: Markdown is read as text, and the app never renders it.

use super::briefing::{self, Briefing, Names, Quote, Reviewer};
use super::{verdict_icon, verdict_words};
use crate::compare::Comparison;
use crate::overrides::Overrides;
use std::fmt::Write;

/// The briefing of a comparison as it stands.
pub fn to_markdown(c: &Comparison) -> String {
    render(&briefing::of(c))
}

/// The briefing with a person's corrections marked as theirs and listed at the end.
pub fn corrected(base: &Comparison, corrections: &Overrides) -> String {
    render(&briefing::corrected(base, corrections))
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
        let by_reviewer = if t.reviewer.is_some() {
            " _(set by the reviewer)_"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "### {} — {} {}{by_reviewer}\n",
            t.label,
            verdict_icon(t.verdict),
            verdict_words(t.verdict)
        );
        if let Some(r) = &t.reviewer {
            reviewer(&mut out, "", "The reviewer set this theme’s verdict", r);
            out.push('\n');
        }
        for tp in &t.quoted {
            let _ = writeln!(
                out,
                "- **{}** — {} ({})",
                tp.label,
                verdict_words(tp.verdict),
                tp.why
            );
            if let Some(r) = &tp.topic_reviewer {
                reviewer(&mut out, "  - ", "The reviewer set this topic’s verdict", r);
            }
            quote(&mut out, "Earlier", tp.earlier.as_ref());
            quote(&mut out, "Later", tp.later.as_ref());
            if let Some(caveat) = &tp.caveat {
                let _ = writeln!(out, "  - _({caveat})_");
            }
            if let Some(r) = &tp.pair_reviewer {
                reviewer(&mut out, "  - ", "The reviewer corrected this pair", r);
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
    if !b.corrections.is_empty() {
        out.push_str("\n## Corrections made by the reviewer\n\n");
        for correction in &b.corrections {
            let _ = writeln!(out, "- {correction}");
        }
    }
    out
}

/// A person's correction where it applies: "_The reviewer set …._ Their note: “…”".
fn reviewer(out: &mut String, bullet: &str, what: &str, r: &Reviewer) {
    let _ = write!(out, "{bullet}_{what}._");
    if let Some(note) = &r.note {
        let _ = write!(out, " Their note: “{note}”");
    }
    out.push('\n');
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
    let shown: Vec<String> = names
        .names
        .iter()
        .map(|n| {
            let mark = if n.reviewer {
                " _(set by the reviewer)_"
            } else {
                ""
            };
            format!("{}{mark}", n.text)
        })
        .collect();
    let tail = if names.more > 0 {
        format!(" (and {} more)", names.more)
    } else {
        String::new()
    };
    let _ = writeln!(out, "- {what}: {}{tail}", shown.join("; "));
}
