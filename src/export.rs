//! Comparison -> JSON (the schema), Markdown briefing, CSV (one row per link).

use crate::compare::{Comparison, Finding, Link, Verdict};
use std::fmt::Write;

pub fn to_json(c: &Comparison) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(c).unwrap_or_default()
}

/// How a verdict reads to a person. "Dropped" is not "resolved": say what it means.
pub fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => "Improved",
        Verdict::Regressed => "Regressed",
        Verdict::Persisted => "Persisted",
        Verdict::New => "New in the later report",
        Verdict::Dropped => "Not mentioned in the later report",
        Verdict::Mixed => "Mixed",
    }
}

pub fn verdict_icon(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => "▲",
        Verdict::Regressed => "▼",
        Verdict::Persisted => "■",
        Verdict::New => "+",
        Verdict::Dropped => "−",
        Verdict::Mixed => "◆",
    }
}

fn finding<'a>(c: &'a Comparison, id: &Option<String>) -> Option<&'a Finding> {
    let id = id.as_ref()?;
    c.before
        .findings
        .iter()
        .chain(&c.after.findings)
        .find(|f| &f.id == id)
}

/// "9 themes: 2 improved, 1 regressed, 5 persisted, 1 new; 4 findings not mentioned later".
pub fn headline(c: &Comparison) -> String {
    let s = &c.summary;
    let mut parts = Vec::new();
    for (n, word) in [
        (s.improved, "improved"),
        (s.regressed, "regressed"),
        (s.persisted, "persisted"),
        (s.mixed, "mixed"),
        (s.new, "new"),
        (s.dropped, "not mentioned later"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    format!(
        "{} theme{}: {}; {} finding{} new, {} not mentioned in the later report",
        s.themes,
        if s.themes == 1 { "" } else { "s" },
        if parts.is_empty() {
            "none".to_string()
        } else {
            parts.join(", ")
        },
        s.new_findings,
        if s.new_findings == 1 { "" } else { "s" },
        s.dropped_findings
    )
}

fn side_name(side: &crate::compare::Side) -> String {
    let title = side.title.clone().unwrap_or_else(|| side.name.clone());
    match &side.date {
        Some(d) => format!("{title} ({d})"),
        None => title,
    }
}

fn speaker_note(f: &Finding) -> &'static str {
    match f.speaker {
        crate::findings::Speaker::Organisation => " _(the organisation's own statement)_",
        crate::findings::Speaker::Writer => " _(the writer's words)_",
        crate::findings::Speaker::Inspectors => "",
    }
}

fn quote(out: &mut String, label: &str, f: Option<&Finding>) {
    if let Some(f) = f {
        let _ = writeln!(out, "  - {label}: “{}”{}", f.text, speaker_note(f));
    }
}

/// A readable briefing: ratings, headline, then per theme the verdict and the quotes.
pub fn to_markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# What changed: {} → {}\n",
        side_name(&c.before),
        side_name(&c.after)
    );
    if !c.ratings.is_empty() {
        out.push_str("## Ratings\n\n| Area | Earlier | Later | Change |\n|---|---|---|---|\n");
        for r in &c.ratings {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                r.area,
                r.before.as_deref().unwrap_or("—"),
                r.after.as_deref().unwrap_or("—"),
                r.verdict
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Summary\n\n{}.\n", headline(c));
    for t in &c.themes {
        let _ = writeln!(
            out,
            "## {} — {} {}\n",
            t.label,
            verdict_icon(t.verdict),
            verdict_words(t.verdict)
        );
        for l in &t.links {
            write_link(&mut out, c, l);
        }
        out.push('\n');
    }
    out
}

fn write_link(out: &mut String, c: &Comparison, l: &Link) {
    let caveat = l
        .caveat
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    let _ = writeln!(out, "- **{}**{caveat}", verdict_words(l.verdict));
    quote(out, "Earlier", finding(c, &l.before));
    quote(out, "Later", finding(c, &l.after));
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per link.
pub fn to_csv(c: &Comparison) -> String {
    let mut out = String::from(
        "theme,theme_label,theme_verdict,verdict,similarity,before_id,before_text,before_polarity,after_id,after_text,after_polarity,after_speaker,caveat\n",
    );
    for t in &c.themes {
        for l in &t.links {
            let b = finding(c, &l.before);
            let a = finding(c, &l.after);
            let text = |f: Option<&Finding>| f.map(|f| f.text.clone()).unwrap_or_default();
            let pol = |f: Option<&Finding>| {
                f.map(|f| format!("{:?}", f.polarity).to_lowercase())
                    .unwrap_or_default()
            };
            let row = [
                t.id.clone(),
                t.label.clone(),
                t.verdict.as_str().to_string(),
                l.verdict.as_str().to_string(),
                format!("{:.3}", l.similarity),
                l.before.clone().unwrap_or_default(),
                text(b),
                pol(b),
                l.after.clone().unwrap_or_default(),
                text(a),
                pol(a),
                a.map(|f| format!("{:?}", f.speaker).to_lowercase())
                    .unwrap_or_default(),
                l.caveat.clone().unwrap_or_default(),
            ];
            out.push_str(
                &row.iter()
                    .map(|f| csv_field(f))
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
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\"\nthen"), "\"say \"\"hi\"\"\nthen\"");
    }
}
