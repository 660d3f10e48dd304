//! Comparison -> JSON (the schema), Markdown briefing, CSV (one row per link, with its
//! topic).

use crate::compare::{Comparison, Finding, ThemeResult, Topic, Verdict};
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

/// Topics of the comparison with their theme.
fn all_topics(c: &Comparison) -> impl Iterator<Item = (&ThemeResult, &Topic)> {
    c.themes
        .iter()
        .flat_map(|t| t.topics.iter().map(move |tp| (t, tp)))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a councillor can repeat: the overall rating change, then how the matters both
/// reports discuss moved, and what only one of them raises. "Oh: Requires improvement
/// → Good. Of 40 matters both reports discuss, 12 improved, 2 regressed and 26
/// persisted; the later report raises 30 others and no longer mentions 25."
pub fn headline(c: &Comparison) -> String {
    let mut sentences = Vec::new();
    if let Some(r) = c
        .ratings
        .iter()
        .find(|r| r.area == "Overall effectiveness")
        .or(c.ratings.first())
    {
        if let (Some(b), Some(a)) = (&r.before, &r.after) {
            let moved = match r.verdict.as_str() {
                "improved" => "improved",
                "regressed" => "declined",
                _ => "stayed",
            };
            sentences.push(if b == a {
                format!("{} {moved} at {a}", r.area)
            } else {
                format!("{} {moved} from {b} to {a}", r.area)
            });
        }
    }
    let count = |v: Verdict| all_topics(c).filter(|(_, tp)| tp.verdict == v).count();
    let shared = [
        Verdict::Improved,
        Verdict::Regressed,
        Verdict::Persisted,
        Verdict::Mixed,
    ]
    .iter()
    .map(|&v| count(v))
    .sum::<usize>();
    let mut moves: Vec<String> = Vec::new();
    for (v, word) in [
        (Verdict::Improved, "improved"),
        (Verdict::Regressed, "regressed"),
        (Verdict::Persisted, "persisted"),
        (Verdict::Mixed, "mixed"),
    ] {
        let n = count(v);
        if n > 0 {
            moves.push(format!("{n} {word}"));
        }
    }
    let moves = match moves.len() {
        0 => String::new(),
        1 => moves[0].clone(),
        n => format!("{} and {}", moves[..n - 1].join(", "), moves[n - 1]),
    };
    let (new, dropped) = (count(Verdict::New), count(Verdict::Dropped));
    let mut sentence = if shared > 0 {
        format!(
            "Of {} both reports discuss, {moves}",
            plural(shared, "matter", "matters")
        )
    } else {
        "The two reports discuss no matter in common".to_string()
    };
    if new + dropped > 0 {
        let _ = write!(
            sentence,
            "; the later report raises {} of its own and no longer mentions {}",
            plural(new, "matter", "matters"),
            dropped
        );
    }
    sentences.push(sentence);
    sentences.join(". ")
}

/// The movements behind the headline: the largest matters that improved, regressed, or
/// remain a concern, by name.
pub fn main_movements(c: &Comparison) -> Vec<(Verdict, Vec<String>)> {
    let mut out = Vec::new();
    for v in [Verdict::Improved, Verdict::Regressed, Verdict::Persisted] {
        let mut list: Vec<&Topic> = all_topics(c)
            .map(|(_, tp)| tp)
            .filter(|tp| tp.verdict == v)
            .filter(|tp| v != Verdict::Persisted || later_concern(c, tp))
            .collect();
        list.sort_by_key(|tp| std::cmp::Reverse(tp.before.len() + tp.after.len()));
        let mut names: Vec<String> = Vec::new();
        for tp in list {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&tp.label)) {
                names.push(tp.label.clone());
            }
            if names.len() == 4 {
                break;
            }
        }
        if !names.is_empty() {
            out.push((v, names));
        }
    }
    out
}

/// Whether the later report still finds fault with a topic.
fn later_concern(c: &Comparison, tp: &Topic) -> bool {
    tp.after.iter().any(|id| {
        finding(c, &Some(id.clone())).is_some_and(|f| {
            matches!(
                f.polarity,
                crate::polarity::Polarity::Concern | crate::polarity::Polarity::Mixed
            )
        })
    })
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
        let _ = writeln!(out, "  - {label}: “{}”{}", clip(&f.text), speaker_note(f));
    }
}

/// Quotes in the briefing stop after this many words (the JSON and CSV keep them whole).
const QUOTE_WORDS: usize = 35;
/// Improvement points listed from each report before "and n more".
const POINTS: usize = 10;
/// Topics quoted side by side in the whole briefing, and within one theme.
const QUOTED_TOPICS: usize = 20;
const QUOTED_PER_THEME: usize = 3;
/// Topics named (without quotes) in one list before "and n more".
const NAMED: usize = 4;
/// Pairs below this similarity are weak matches: the briefing names their topic but does
/// not quote them (the page marks them).
pub const WEAK_MATCH: f32 = 0.2;

/// A briefing a councillor can read in minutes (two 40-page reports give about two
/// thousand words): the headline and main movements, ratings, the earlier report's
/// "what needs to improve" points against the later report, then per theme its topics
/// with a verdict and one pair of quotes. The full evidence is in the JSON and CSV.
pub fn to_markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# What changed: {} → {}\n",
        side_name(&c.before),
        side_name(&c.after)
    );
    let _ = writeln!(out, "## Summary\n\n{}.\n", headline(c));
    for (v, names) in main_movements(c) {
        let word = match v {
            Verdict::Improved => "Improved",
            Verdict::Regressed => "Regressed",
            _ => "Concerns still there",
        };
        let _ = writeln!(out, "- **{word}:** {}", names.join("; "));
    }
    out.push('\n');
    if !c.ratings.is_empty() {
        out.push_str("## Ratings\n\n| Area | Earlier | Later | Change |\n|---|---|---|---|\n");
        for r in &c.ratings {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                r.area,
                r.before.as_deref().unwrap_or("—"),
                r.after.as_deref().unwrap_or("—"),
                match &r.note {
                    Some(note) => format!("{} ({note})", r.verdict),
                    None => r.verdict.clone(),
                }
            );
        }
        out.push('\n');
    }
    write_improvement_points(&mut out, c);
    let mut quoted = 0;
    for t in &c.themes {
        write_theme(&mut out, c, t, &mut quoted);
    }
    out.push_str(
        "_Every finding, topic and pair, with similarity scores, is in the JSON and CSV exports._\n",
    );
    out
}

/// The earlier report's improvement points and what became of each; then the later
/// report's points that are new.
fn write_improvement_points(out: &mut String, c: &Comparison) {
    let topic_of = |id: &str| {
        all_topics(c)
            .map(|(_, tp)| tp)
            .find(|tp| tp.before.iter().chain(&tp.after).any(|x| x == id))
    };
    let earlier: Vec<&Finding> = c
        .before
        .findings
        .iter()
        .filter(|f| is_improvement_point(f))
        .collect();
    let later_new: Vec<&Finding> = c
        .after
        .findings
        .iter()
        .filter(|f| is_improvement_point(f))
        .filter(|f| topic_of(&f.id).is_some_and(|tp| tp.verdict == Verdict::New))
        .collect();
    if earlier.is_empty() && later_new.is_empty() {
        return;
    }
    out.push_str("## What needed to improve, and now\n\n");
    let (earlier_more, later_more) = (
        earlier.len().saturating_sub(POINTS),
        later_new.len().saturating_sub(POINTS),
    );
    for f in earlier.into_iter().take(POINTS) {
        let fate = match topic_of(&f.id).map(|tp| tp.verdict) {
            Some(Verdict::Improved) => "**improved**",
            Some(Verdict::Regressed) => "**worse**",
            Some(Verdict::Persisted) | Some(Verdict::Mixed) => "**carried over**",
            _ => "**not mentioned in the later report**",
        };
        let _ = writeln!(out, "- {} — {fate}", clip(&f.text));
    }
    if earlier_more > 0 {
        let _ = writeln!(
            out,
            "- … and {earlier_more} more points from the earlier report"
        );
    }
    for f in later_new.into_iter().take(POINTS) {
        let _ = writeln!(out, "- {} — **new in the later report**", clip(&f.text));
    }
    if later_more > 0 {
        let _ = writeln!(out, "- … and {later_more} more new points");
    }
    out.push('\n');
}

/// A finding listed under a "what needs to improve" heading (or recommendations).
fn is_improvement_point(f: &Finding) -> bool {
    f.section.as_deref().is_some_and(|s| {
        let s = s.to_lowercase();
        s.contains("needs to improve")
            || s.contains("need to improve")
            || s.contains("recommendation")
            || s.contains("areas for improvement")
    })
}

fn write_theme(out: &mut String, c: &Comparison, t: &ThemeResult, quoted: &mut usize) {
    let _ = writeln!(
        out,
        "### {} — {} {}\n",
        t.label,
        verdict_icon(t.verdict),
        verdict_words(t.verdict)
    );
    let rank = |v: Verdict| match v {
        Verdict::Improved | Verdict::Regressed => 0,
        Verdict::Mixed => 1,
        _ => 2,
    };
    let mut shared: Vec<&Topic> = t
        .topics
        .iter()
        .filter(|tp| !tp.before.is_empty() && !tp.after.is_empty())
        .collect();
    shared.sort_by_key(|tp| {
        (
            rank(tp.verdict),
            std::cmp::Reverse(tp.before.len() + tp.after.len()),
        )
    });
    let mut named: Vec<String> = Vec::new();
    let mut in_theme = 0;
    for tp in shared {
        match tp.pairs.first() {
            // A weak match is not evidence to quote to a councillor; it is named below.
            Some(l)
                if in_theme < QUOTED_PER_THEME
                    && *quoted < QUOTED_TOPICS
                    && (l.similarity >= WEAK_MATCH || l.overridden) =>
            {
                in_theme += 1;
                *quoted += 1;
                let _ = writeln!(
                    out,
                    "- **{}** — {} ({})",
                    tp.label,
                    verdict_words(tp.verdict),
                    tp.why
                );
                quote(out, "Earlier", finding(c, &l.before));
                quote(out, "Later", finding(c, &l.after));
                if let Some(caveat) = &l.caveat {
                    let _ = writeln!(out, "  - _({caveat})_");
                }
            }
            _ => named.push(format!(
                "{} ({})",
                tp.label,
                verdict_words(tp.verdict).to_lowercase()
            )),
        }
    }
    name_list(out, "Also", &named);
    let one_sided = |v: Verdict| -> Vec<String> {
        t.topics
            .iter()
            .filter(|tp| tp.verdict == v)
            .map(|tp| tp.label.clone())
            .collect()
    };
    name_list(out, "New in the later report", &one_sided(Verdict::New));
    name_list(
        out,
        "Not mentioned in the later report",
        &one_sided(Verdict::Dropped),
    );
    out.push('\n');
}

/// "- Also: a; b; c (and 4 more)".
fn name_list(out: &mut String, what: &str, names: &[String]) {
    let mut shown: Vec<&str> = Vec::new();
    for n in names {
        if !shown.iter().any(|s| s.eq_ignore_ascii_case(n)) {
            shown.push(n);
        }
    }
    if shown.is_empty() {
        return;
    }
    let more = shown.len().saturating_sub(NAMED);
    shown.truncate(NAMED);
    let tail = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    let _ = writeln!(out, "- {what}: {}{tail}", shown.join("; "));
}

/// A quote cut to [`QUOTE_WORDS`] words.
fn clip(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= QUOTE_WORDS {
        text.to_string()
    } else {
        format!("{} …", words[..QUOTE_WORDS].join(" "))
    }
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
        "theme,theme_label,theme_verdict,verdict,similarity,before_id,before_text,before_polarity,after_id,after_text,after_polarity,after_speaker,caveat,topic,topic_label,topic_verdict\n",
    );
    for t in &c.themes {
        for l in &t.links {
            // The topic holding both ends (or the lone end) of the link.
            let holds =
                |ids: &[String], id: &Option<String>| id.as_ref().is_none_or(|x| ids.contains(x));
            let topic = t
                .topics
                .iter()
                .find(|tp| holds(&tp.before, &l.before) && holds(&tp.after, &l.after));
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
                topic.map(|tp| tp.id.clone()).unwrap_or_default(),
                topic.map(|tp| tp.label.clone()).unwrap_or_default(),
                topic
                    .map(|tp| tp.verdict.as_str().to_string())
                    .unwrap_or_default(),
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
