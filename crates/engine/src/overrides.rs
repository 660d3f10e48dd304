//! A person's corrections to a [`Comparison`]: move a finding to another theme, pair or
//! unpair two findings, set the verdict of a pair, of a topic or of a whole theme, each
//! with an optional note. Pure data (serde) plus [`apply`], so the web app, the exports and the
//! CLI all see the same corrected comparison.
//!
//! Corrections are an ordered list of [`Edit`]s applied one after another to the engine's
//! comparison; an edit whose theme or findings no longer exist (say the engine changed)
//! is skipped, never an error. Links an edit touches are marked `overridden` and carry
//! its note; theme verdicts set by a person are listed by [`Overrides::theme_verdict`];
//! topics whose verdict a person set are marked `overridden` and carry the note too.

use crate::compare::{self, Comparison, Finding, Link, ThemeResult, Verdict};
use crate::export;
use crate::findings::Speaker;
use crate::polarity;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

pub const SCHEMA: &str = "report-compare-overrides/1";

fn schema() -> String {
    SCHEMA.to_string()
}

/// Every correction a person made to one comparison, in the order they made them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overrides {
    #[serde(default = "schema")]
    pub schema: String,
    #[serde(default)]
    pub edits: Vec<Edit>,
}

impl Default for Overrides {
    fn default() -> Self {
        Overrides {
            schema: schema(),
            edits: Vec::new(),
        }
    }
}

/// One correction. Findings are named by their ids (`b3`, `a7`), themes by theme id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Edit {
    /// Take a finding out of theme `from` and put it under theme `to`. Its pairings in
    /// `from` are undone; it arrives in `to` unpaired (pair it there with [`Edit::Link`]).
    Move {
        finding: String,
        from: String,
        to: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Pair an earlier and a later finding under a theme.
    Link {
        theme: String,
        before: String,
        after: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Undo the pairing of an earlier and a later finding under a theme.
    Unlink {
        theme: String,
        before: String,
        after: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Set the verdict of one pair under a theme.
    LinkVerdict {
        theme: String,
        before: String,
        after: String,
        verdict: Verdict,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Set the overall verdict of a theme.
    ThemeVerdict {
        theme: String,
        verdict: Verdict,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Set the verdict of one topic (one discussed by both reports) under a theme:
    /// improved, regressed, persisted or mixed. Applied after the topics are brought in
    /// step with the other corrections, so it sticks; the topic is marked as the person's.
    TopicVerdict {
        theme: String,
        topic: String,
        verdict: Verdict,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

impl Edit {
    pub fn note(&self) -> Option<&str> {
        match self {
            Edit::Move { note, .. }
            | Edit::Link { note, .. }
            | Edit::Unlink { note, .. }
            | Edit::LinkVerdict { note, .. }
            | Edit::ThemeVerdict { note, .. }
            | Edit::TopicVerdict { note, .. } => note.as_deref(),
        }
    }
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// Adds a correction, folding it into earlier ones where that is what the person
    /// means: a new verdict for the same theme, topic or pair replaces the old one, and pairing
    /// then unpairing the same two findings (or the reverse) cancels out.
    pub fn push(&mut self, edit: Edit) {
        match &edit {
            Edit::ThemeVerdict { theme, .. } => {
                self.edits
                    .retain(|e| !matches!(e, Edit::ThemeVerdict { theme: t, .. } if t == theme));
            }
            Edit::TopicVerdict { theme, topic, .. } => {
                self.edits.retain(|e| {
                    !matches!(e, Edit::TopicVerdict { theme: t, topic: x, .. }
                        if t == theme && x == topic)
                });
            }
            Edit::LinkVerdict {
                theme,
                before,
                after,
                ..
            } => {
                self.edits.retain(|e| {
                    !matches!(e, Edit::LinkVerdict { theme: t, before: b, after: a, .. }
                        if t == theme && b == before && a == after)
                });
            }
            Edit::Link {
                theme,
                before,
                after,
                ..
            } => {
                if let Some(i) = self.edits.iter().position(|e| {
                    matches!(e, Edit::Unlink { theme: t, before: b, after: a, .. }
                        if t == theme && b == before && a == after)
                }) {
                    self.edits.remove(i);
                    return;
                }
            }
            Edit::Unlink {
                theme,
                before,
                after,
                ..
            } => {
                if let Some(i) = self.edits.iter().position(|e| {
                    matches!(e, Edit::Link { theme: t, before: b, after: a, .. }
                        if t == theme && b == before && a == after)
                }) {
                    self.edits.remove(i);
                    self.edits.retain(|e| {
                        !matches!(e, Edit::LinkVerdict { theme: t, before: b, after: a, .. }
                            if t == theme && b == before && a == after)
                    });
                    return;
                }
            }
            Edit::Move {
                finding, from, to, ..
            } => {
                // Moving straight back undoes the earlier move.
                if let Some(i) = self.edits.iter().rposition(|e| {
                    matches!(e, Edit::Move { finding: f, from: fr, to: t, .. }
                        if f == finding && fr == to && t == from)
                }) {
                    self.edits.remove(i);
                    return;
                }
            }
        }
        self.edits.push(edit);
    }

    /// Removes the correction at `index` (undo); out of range does nothing.
    pub fn remove(&mut self, index: usize) {
        if index < self.edits.len() {
            self.edits.remove(index);
        }
    }

    /// The verdict a person set for a theme, and their note.
    pub fn theme_verdict(&self, theme: &str) -> Option<(Verdict, Option<&str>)> {
        self.edits.iter().rev().find_map(|e| match e {
            Edit::ThemeVerdict {
                theme: t,
                verdict,
                note,
            } if t == theme => Some((*verdict, note.as_deref())),
            _ => None,
        })
    }

    /// The verdict a person set for a topic of a theme, and their note.
    pub fn topic_verdict(&self, theme: &str, topic: &str) -> Option<(Verdict, Option<&str>)> {
        self.edits.iter().rev().find_map(|e| match e {
            Edit::TopicVerdict {
                theme: t,
                topic: x,
                verdict,
                note,
            } if t == theme && x == topic => Some((*verdict, note.as_deref())),
            _ => None,
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads saved corrections; anything unreadable gives an error in words.
    pub fn from_json(text: &str) -> Result<Overrides, String> {
        serde_json::from_str(text).map_err(|e| format!("saved corrections are unreadable: {e}"))
    }
}

/// The comparison with every correction applied, theme verdicts, counts and summary
/// recomputed (via [`compare::refresh`]).
pub fn apply(base: &Comparison, overrides: &Overrides) -> Comparison {
    apply_checked(base, overrides).0
}

/// [`apply`], plus the indexes of edits that could not be applied (their theme or
/// findings are not in this comparison).
pub fn apply_checked(base: &Comparison, overrides: &Overrides) -> (Comparison, Vec<usize>) {
    let mut c = base.clone();
    let mut skipped = Vec::new();
    for (i, edit) in overrides.edits.iter().enumerate() {
        let ok = match edit {
            Edit::Move {
                finding,
                from,
                to,
                note,
            } => move_finding(&mut c, finding, from, to, note),
            Edit::Link {
                theme,
                before,
                after,
                note,
            } => link(&mut c, theme, before, after, note),
            Edit::Unlink {
                theme,
                before,
                after,
                note,
            } => unlink(&mut c, theme, before, after, note),
            Edit::LinkVerdict {
                theme,
                before,
                after,
                verdict,
                note,
            } => link_verdict(&mut c, theme, before, after, *verdict, note),
            // Applied after the recount below: refresh recomputes theme verdicts.
            Edit::ThemeVerdict { theme, .. } => c.themes.iter().any(|t| &t.id == theme),
            // Likewise topics: refresh moves findings between them and settles verdicts.
            Edit::TopicVerdict { verdict, .. } => topic_verdict_allowed(*verdict),
        };
        if !ok {
            skipped.push(i);
        }
    }
    compare::refresh(&mut c);
    let mut changed = false;
    for (i, edit) in overrides.edits.iter().enumerate() {
        if let Edit::ThemeVerdict { theme, verdict, .. } = edit {
            match c.themes.iter_mut().find(|t| &t.id == theme) {
                Some(t) => {
                    t.verdict = *verdict;
                    changed = true;
                }
                None if !skipped.contains(&i) => skipped.push(i),
                None => {}
            }
        }
        if let Edit::TopicVerdict {
            theme,
            topic,
            verdict,
            note,
        } = edit
        {
            let found = c
                .themes
                .iter_mut()
                .filter(|t| &t.id == theme)
                .flat_map(|t| t.topics.iter_mut())
                .find(|x| &x.id == topic && !x.before.is_empty() && !x.after.is_empty());
            match found {
                Some(x) if topic_verdict_allowed(*verdict) => {
                    x.verdict = *verdict;
                    x.overridden = true;
                    x.note = note.clone();
                }
                _ if !skipped.contains(&i) => skipped.push(i),
                _ => {}
            }
        }
    }
    if changed {
        recount(&mut c);
    }
    skipped.sort_unstable();
    (c, skipped)
}

/// A topic both reports discuss is improved, regressed, persisted or mixed; "new" and
/// "not mentioned later" belong to one-sided topics, which follow their findings.
fn topic_verdict_allowed(verdict: Verdict) -> bool {
    matches!(
        verdict,
        Verdict::Improved | Verdict::Regressed | Verdict::Persisted | Verdict::Mixed
    )
}

/// Theme counts per verdict from the themes' (possibly overridden) verdicts.
fn recount(c: &mut Comparison) {
    let s = &mut c.summary;
    (
        s.improved,
        s.regressed,
        s.persisted,
        s.new,
        s.dropped,
        s.mixed,
    ) = (0, 0, 0, 0, 0, 0);
    for t in &c.themes {
        match t.verdict {
            Verdict::Improved => s.improved += 1,
            Verdict::Regressed => s.regressed += 1,
            Verdict::Persisted => s.persisted += 1,
            Verdict::New => s.new += 1,
            Verdict::Dropped => s.dropped += 1,
            Verdict::Mixed => s.mixed += 1,
        }
    }
}

fn find<'a>(c: &'a Comparison, id: &str) -> Option<&'a Finding> {
    c.before
        .findings
        .iter()
        .chain(&c.after.findings)
        .find(|f| f.id == id)
}

fn find_mut<'a>(c: &'a mut Comparison, id: &str) -> Option<&'a mut Finding> {
    c.before
        .findings
        .iter_mut()
        .chain(c.after.findings.iter_mut())
        .find(|f| f.id == id)
}

fn is_before(c: &Comparison, id: &str) -> bool {
    c.before.findings.iter().any(|f| f.id == id)
}

fn theme_index(c: &Comparison, id: &str) -> Option<usize> {
    c.themes.iter().position(|t| t.id == id)
}

fn mentions(link: &Link, id: &str) -> bool {
    link.before.as_deref() == Some(id) || link.after.as_deref() == Some(id)
}

fn anywhere(c: &Comparison, id: &str) -> bool {
    c.themes
        .iter()
        .any(|t| t.links.iter().any(|l| mentions(l, id)))
}

/// A finding on its own under a theme: not mentioned later (earlier side) or new.
fn unpaired(c: &Comparison, id: &str, note: &Option<String>) -> Link {
    let mut link = if is_before(c, id) {
        Link::new(
            Some(id.to_string()),
            None,
            Verdict::Dropped,
            0.0,
            Speaker::Inspectors,
        )
    } else {
        let speaker = find(c, id).map_or(Speaker::Inspectors, |f| f.speaker);
        Link::new(None, Some(id.to_string()), Verdict::New, 0.0, speaker)
    };
    link.overridden = true;
    link.note = note.clone();
    link
}

fn move_finding(c: &mut Comparison, id: &str, from: &str, to: &str, note: &Option<String>) -> bool {
    let (Some(fi), Some(ti)) = (theme_index(c, from), theme_index(c, to)) else {
        return false;
    };
    if fi == ti || find(c, id).is_none() {
        return false;
    }
    let (removed, kept): (Vec<Link>, Vec<Link>) = std::mem::take(&mut c.themes[fi].links)
        .into_iter()
        .partition(|l| mentions(l, id));
    c.themes[fi].links = kept;
    for partner in removed
        .iter()
        .flat_map(|l| [&l.before, &l.after])
        .flatten()
        .filter(|p| p.as_str() != id)
    {
        if !anywhere(c, partner) {
            let link = unpaired(c, partner, note);
            c.themes[fi].links.push(link);
        }
    }
    if !c.themes[ti].links.iter().any(|l| mentions(l, id)) {
        let link = unpaired(c, id, note);
        c.themes[ti].links.push(link);
    }
    if let Some(f) = find_mut(c, id) {
        f.themes.retain(|t| t != from && t != to);
        f.themes.insert(0, to.to_string());
        f.theme = to.to_string();
    }
    true
}

fn link(c: &mut Comparison, theme: &str, before: &str, after: &str, note: &Option<String>) -> bool {
    let Some(ti) = theme_index(c, theme) else {
        return false;
    };
    let (Some(b), Some(a)) = (find(c, before), find(c, after)) else {
        return false;
    };
    if !is_before(c, before) || is_before(c, after) {
        return false;
    }
    let verdict = compare::link_verdict(b.polarity, a.polarity, polarity::direction(&a.text));
    let speaker = a.speaker;
    // Paired now, so neither is "new" or "not mentioned later" anywhere.
    for t in &mut c.themes {
        t.links.retain(|l| {
            let lone_before = l.after.is_none() && l.before.as_deref() == Some(before);
            let lone_after = l.before.is_none() && l.after.as_deref() == Some(after);
            !(lone_before || lone_after)
        });
    }
    let links = &mut c.themes[ti].links;
    match links
        .iter_mut()
        .find(|l| l.before.as_deref() == Some(before) && l.after.as_deref() == Some(after))
    {
        Some(existing) => {
            existing.overridden = true;
            existing.note = note.clone().or(existing.note.take());
        }
        None => {
            let mut l = Link::new(
                Some(before.to_string()),
                Some(after.to_string()),
                verdict,
                0.0,
                speaker,
            );
            l.overridden = true;
            l.note = note.clone();
            links.push(l);
        }
    }
    for id in [before, after] {
        if let Some(f) = find_mut(c, id) {
            if !f.themes.iter().any(|t| t == theme) {
                f.themes.push(theme.to_string());
            }
        }
    }
    true
}

fn unlink(
    c: &mut Comparison,
    theme: &str,
    before: &str,
    after: &str,
    note: &Option<String>,
) -> bool {
    let Some(ti) = theme_index(c, theme) else {
        return false;
    };
    let links = &mut c.themes[ti].links;
    let Some(i) = links
        .iter()
        .position(|l| l.before.as_deref() == Some(before) && l.after.as_deref() == Some(after))
    else {
        return false;
    };
    links.remove(i);
    // A finding left in no link at all is listed on its own under this theme.
    for id in [before, after] {
        if !anywhere(c, id) {
            let link = unpaired(c, id, note);
            c.themes[ti].links.push(link);
        }
    }
    true
}

fn link_verdict(
    c: &mut Comparison,
    theme: &str,
    before: &str,
    after: &str,
    verdict: Verdict,
    note: &Option<String>,
) -> bool {
    // Mixed, new and not-mentioned describe themes or lone findings, not a pair.
    if !matches!(
        verdict,
        Verdict::Improved | Verdict::Regressed | Verdict::Persisted
    ) {
        return false;
    }
    let Some(ti) = theme_index(c, theme) else {
        return false;
    };
    match c.themes[ti]
        .links
        .iter_mut()
        .find(|l| l.before.as_deref() == Some(before) && l.after.as_deref() == Some(after))
    {
        Some(l) => {
            l.verdict = verdict;
            l.overridden = true;
            l.note = note.clone();
            true
        }
        None => false,
    }
}

fn theme_label<'a>(c: &'a Comparison, id: &'a str) -> &'a str {
    c.themes
        .iter()
        .find(|t| t.id == id)
        .map_or(id, |t| t.label.as_str())
}

fn topic_label<'a>(c: &'a Comparison, theme: &str, topic: &str) -> Option<&'a str> {
    c.themes
        .iter()
        .filter(|t| t.id == theme)
        .flat_map(|t| &t.topics)
        .find(|x| x.id == topic)
        .map(|x| x.label.as_str())
}

/// The first words of a finding, for one-line descriptions.
fn snippet(c: &Comparison, id: &str) -> String {
    let Some(f) = find(c, id) else {
        return id.to_string();
    };
    let words: Vec<&str> = f.text.split_whitespace().collect();
    if words.len() <= 12 {
        format!("“{}”", words.join(" "))
    } else {
        format!("“{} …”", words[..12].join(" "))
    }
}

/// One sentence per edit, in plain words, naming themes and quoting findings from `base`
/// (the comparison the edits were made on).
pub fn describe(base: &Comparison, edit: &Edit) -> String {
    let mut out = match edit {
        Edit::Move {
            finding, from, to, ..
        } => format!(
            "Moved {} from “{}” to “{}”.",
            snippet(base, finding),
            theme_label(base, from),
            theme_label(base, to)
        ),
        Edit::Link {
            theme,
            before,
            after,
            ..
        } => format!(
            "Paired {} (earlier) with {} (later) under “{}”.",
            snippet(base, before),
            snippet(base, after),
            theme_label(base, theme)
        ),
        Edit::Unlink {
            theme,
            before,
            after,
            ..
        } => format!(
            "Unpaired {} (earlier) and {} (later) under “{}”.",
            snippet(base, before),
            snippet(base, after),
            theme_label(base, theme)
        ),
        Edit::LinkVerdict {
            theme,
            before,
            after,
            verdict,
            ..
        } => format!(
            "Set the pair {} → {} under “{}” to “{}”.",
            snippet(base, before),
            snippet(base, after),
            theme_label(base, theme),
            export::verdict_words(*verdict)
        ),
        Edit::ThemeVerdict { theme, verdict, .. } => format!(
            "Set the verdict of “{}” to “{}”.",
            theme_label(base, theme),
            export::verdict_words(*verdict)
        ),
        Edit::TopicVerdict {
            theme,
            topic,
            verdict,
            ..
        } => format!(
            "Set the verdict of {} under “{}” to “{}”.",
            topic_label(base, theme, topic)
                .map_or_else(|| format!("topic {topic}"), |l| format!("the topic “{l}”")),
            theme_label(base, theme),
            export::verdict_words(*verdict)
        ),
    };
    if let Some(note) = edit.note().filter(|n| !n.trim().is_empty()) {
        let _ = write!(out, " Note: “{}”", note.trim());
    }
    out
}

#[derive(Serialize)]
struct WithOverrides<'a> {
    #[serde(flatten)]
    comparison: &'a Comparison,
    overrides: &'a [Edit],
}

/// JSON export: the corrected comparison (schema `report-compare/2`; a topic whose verdict
/// a person set has `overridden` and `note`), plus the list of corrections under
/// `overrides` when there are any.
pub fn to_json(base: &Comparison, overrides: &Overrides) -> String {
    let applied = apply(base, overrides);
    if overrides.is_empty() {
        return export::to_json(&applied);
    }
    serde_json::to_string_pretty(&WithOverrides {
        comparison: &applied,
        overrides: &overrides.edits,
    })
    .unwrap_or_default()
}

/// Markdown briefing of the corrected comparison: theme verdicts a person set are marked
/// at the theme, and every correction is listed at the end with its note.
pub fn to_markdown(base: &Comparison, overrides: &Overrides) -> String {
    let applied = apply(base, overrides);
    let mut md = export::to_markdown(&applied);
    if overrides.is_empty() {
        return md;
    }
    for t in &applied.themes {
        if overrides.theme_verdict(&t.id).is_some() {
            let heading = format!(
                "## {} — {} {}\n",
                t.label,
                export::verdict_icon(t.verdict),
                export::verdict_words(t.verdict)
            );
            if let Some(at) = md.find(&heading) {
                md.insert_str(at + heading.len() - 1, " _(set by the reviewer)_");
            }
        }
    }
    md.push_str("## Corrections made by the reviewer\n\n");
    for edit in &overrides.edits {
        let _ = writeln!(md, "- {}", describe(base, edit));
    }
    md
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Splits CSV text into records (newlines inside quoted fields stay in their record).
fn csv_records(csv: &str) -> Vec<&str> {
    let mut records = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, ch) in csv.char_indices() {
        match ch {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                records.push(&csv[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < csv.len() {
        records.push(&csv[start..]);
    }
    records
}

/// CSV export (one row per link) of the corrected comparison, with six more columns:
/// whether the reviewer set the theme's verdict, and their note; whether they changed
/// this link (pairing, verdict or theme), and their note; the verdict they set for the
/// topic the link belongs to (empty when they set none), and their note.
pub fn to_csv(base: &Comparison, overrides: &Overrides) -> String {
    let applied = apply(base, overrides);
    let csv = export::to_csv(&applied);
    let records = csv_records(&csv);
    let rows: Vec<(&ThemeResult, &Link)> = applied
        .themes
        .iter()
        .flat_map(|t| t.links.iter().map(move |l| (t, l)))
        .collect();
    if records.len() != rows.len() + 1 {
        return csv; // not the layout this was written for: leave it as it is
    }
    let mut out = String::with_capacity(csv.len() + rows.len() * 8);
    out.push_str(records[0]);
    out.push_str(",theme_verdict_set_by_reviewer,theme_note,link_changed_by_reviewer,link_note,topic_verdict_set_by_reviewer,topic_note\n");
    for (record, (theme, link)) in records[1..].iter().zip(rows) {
        let theme_override = overrides.theme_verdict(&theme.id);
        // The topic holding this link's findings, when the reviewer set its verdict.
        let topic = theme.topics.iter().filter(|x| x.overridden).find(|x| {
            let holds =
                |id: &Option<String>, ids: &[String]| id.as_ref().is_none_or(|id| ids.contains(id));
            (link.before.is_some() || link.after.is_some())
                && holds(&link.before, &x.before)
                && holds(&link.after, &x.after)
        });
        let extra = [
            if theme_override.is_some() { "yes" } else { "" }.to_string(),
            theme_override
                .and_then(|(_, n)| n)
                .unwrap_or("")
                .to_string(),
            if link.overridden { "yes" } else { "" }.to_string(),
            link.note.clone().unwrap_or_default(),
            topic.map_or("", |x| x.verdict.as_str()).to_string(),
            topic.and_then(|x| x.note.clone()).unwrap_or_default(),
        ];
        out.push_str(record);
        for field in extra {
            out.push(',');
            out.push_str(&csv_field(&field));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Side, Summary};
    use crate::polarity::Polarity;

    fn finding(id: &str, text: &str, theme: &str, polarity: Polarity) -> Finding {
        Finding {
            id: id.to_string(),
            text: text.to_string(),
            section: None,
            theme: theme.to_string(),
            themes: vec![theme.to_string()],
            polarity,
            speaker: Speaker::Inspectors,
            paragraph: 0,
            bullet: false,
        }
    }

    fn pair(b: &str, a: &str, v: Verdict) -> Link {
        Link::new(
            Some(b.to_string()),
            Some(a.to_string()),
            v,
            0.5,
            Speaker::Inspectors,
        )
    }

    fn lone(b: Option<&str>, a: Option<&str>) -> Link {
        let v = if b.is_some() {
            Verdict::Dropped
        } else {
            Verdict::New
        };
        Link::new(
            b.map(str::to_string),
            a.map(str::to_string),
            v,
            0.0,
            Speaker::Inspectors,
        )
    }

    fn theme(id: &str, links: Vec<Link>) -> ThemeResult {
        ThemeResult {
            id: id.to_string(),
            label: format!("Label {id}"),
            source: "codebook".to_string(),
            verdict: Verdict::Persisted,
            before_count: 0,
            after_count: 0,
            links,
            topics: Vec::new(),
        }
    }

    fn side(name: &str, findings: Vec<Finding>) -> Side {
        Side {
            name: name.to_string(),
            title: None,
            date: None,
            date_confidence: None,
            date_evidence: None,
            notes: Vec::new(),
            findings,
        }
    }

    /// Two themes: "staff" (b1 → a1 improved, b2 not mentioned later) and "caseloads"
    /// (b3 → a2 persisted, a3 new).
    fn sample() -> Comparison {
        use Polarity::*;
        let mut c = Comparison {
            schema: compare::SCHEMA.to_string(),
            before: side(
                "2021.txt",
                vec![
                    finding(
                        "b1",
                        "Staff turnover is high, with many agency workers.",
                        "staff",
                        Concern,
                    ),
                    finding("b2", "Supervision is infrequent.", "staff", Concern),
                    finding("b3", "Caseloads are too high.", "caseloads", Concern),
                ],
            ),
            after: side(
                "2023.txt",
                vec![
                    finding("a1", "The workforce is now stable.", "staff", Strength),
                    finding("a2", "Caseloads remain too high.", "caseloads", Concern),
                    finding(
                        "a3",
                        "Managers, \"overall\", are visible.",
                        "caseloads",
                        Strength,
                    ),
                ],
            ),
            ratings: Vec::new(),
            themes: vec![
                theme(
                    "staff",
                    vec![pair("b1", "a1", Verdict::Improved), lone(Some("b2"), None)],
                ),
                theme(
                    "caseloads",
                    vec![pair("b3", "a2", Verdict::Persisted), lone(None, Some("a3"))],
                ),
            ],
            summary: Summary::default(),
        };
        compare::refresh(&mut c);
        c
    }

    fn links<'a>(
        c: &'a Comparison,
        theme: &str,
    ) -> Vec<(Option<&'a str>, Option<&'a str>, Verdict)> {
        c.themes
            .iter()
            .find(|t| t.id == theme)
            .map(|t| {
                t.links
                    .iter()
                    .map(|l| (l.before.as_deref(), l.after.as_deref(), l.verdict))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn with(edits: Vec<Edit>) -> Overrides {
        let mut o = Overrides::default();
        for e in edits {
            o.push(e);
        }
        o
    }

    #[test]
    fn no_overrides_changes_nothing() {
        let c = sample();
        assert_eq!(apply(&c, &Overrides::default()), c);
        assert_eq!(c.summary.improved, 1);
        assert_eq!(c.summary.persisted, 1);
    }

    #[test]
    fn theme_verdict_is_set_kept_after_refresh_and_counted() {
        let c = sample();
        let o = with(vec![Edit::ThemeVerdict {
            theme: "caseloads".into(),
            verdict: Verdict::Regressed,
            note: Some("Caseloads rose per the 2023 data".into()),
        }]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert!(skipped.is_empty());
        let t = applied.themes.iter().find(|t| t.id == "caseloads").unwrap();
        assert_eq!(t.verdict, Verdict::Regressed);
        assert_eq!(applied.summary.regressed, 1);
        assert_eq!(applied.summary.persisted, 0);
        assert_eq!(applied.summary.improved, 1);
        assert_eq!(applied.summary.themes, 2);
        assert_eq!(
            o.theme_verdict("caseloads"),
            Some((Verdict::Regressed, Some("Caseloads rose per the 2023 data")))
        );
        assert_eq!(o.theme_verdict("staff"), None);
    }

    #[test]
    fn a_second_verdict_for_the_same_theme_replaces_the_first() {
        let mut o = Overrides::default();
        for v in [Verdict::Regressed, Verdict::Mixed] {
            o.push(Edit::ThemeVerdict {
                theme: "staff".into(),
                verdict: v,
                note: None,
            });
        }
        assert_eq!(o.edits.len(), 1);
        assert_eq!(o.theme_verdict("staff").unwrap().0, Verdict::Mixed);
    }

    #[test]
    fn link_verdict_marks_the_link_and_recomputes_the_theme() {
        let c = sample();
        let o = with(vec![Edit::LinkVerdict {
            theme: "staff".into(),
            before: "b1".into(),
            after: "a1".into(),
            verdict: Verdict::Persisted,
            note: Some("Agency use is still high".into()),
        }]);
        let applied = apply(&c, &o);
        let t = applied.themes.iter().find(|t| t.id == "staff").unwrap();
        let l = &t.links[0];
        assert_eq!(l.verdict, Verdict::Persisted);
        assert!(l.overridden);
        assert_eq!(l.note.as_deref(), Some("Agency use is still high"));
        assert_eq!(t.verdict, Verdict::Persisted);
        assert_eq!(applied.summary.improved, 0);
        assert_eq!(applied.summary.persisted, 2);
        // A pair can't be "mixed" or "new": refused (skipped), nothing changes.
        let bad = with(vec![Edit::LinkVerdict {
            theme: "staff".into(),
            before: "b1".into(),
            after: "a1".into(),
            verdict: Verdict::Mixed,
            note: None,
        }]);
        let (applied, skipped) = apply_checked(&c, &bad);
        assert_eq!(skipped, vec![0]);
        assert_eq!(applied, c);
    }

    #[test]
    fn unlink_leaves_both_findings_listed_on_their_own() {
        let c = sample();
        let o = with(vec![Edit::Unlink {
            theme: "staff".into(),
            before: "b1".into(),
            after: "a1".into(),
            note: None,
        }]);
        let applied = apply(&c, &o);
        let got = links(&applied, "staff");
        assert!(
            got.contains(&(Some("b1"), None, Verdict::Dropped)),
            "{got:?}"
        );
        assert!(got.contains(&(None, Some("a1"), Verdict::New)), "{got:?}");
        assert!(!got.iter().any(|l| l.0.is_some() && l.1.is_some()));
        let t = applied.themes.iter().find(|t| t.id == "staff").unwrap();
        assert_eq!(
            t.verdict,
            Verdict::Mixed,
            "new and not-mentioned-later together"
        );
        assert_eq!(applied.summary.new_findings, 2);
        assert_eq!(applied.summary.dropped_findings, 2);
    }

    #[test]
    fn link_pairs_two_lone_findings_with_the_engine_verdict() {
        let c = sample();
        let o = with(vec![Edit::Link {
            theme: "staff".into(),
            before: "b2".into(),
            after: "a3".into(),
            note: Some("same point about managers".into()),
        }]);
        let applied = apply(&c, &o);
        let staff = links(&applied, "staff");
        assert!(
            staff.contains(&(Some("b2"), Some("a3"), Verdict::Improved)),
            "{staff:?}"
        );
        assert!(!staff.contains(&(Some("b2"), None, Verdict::Dropped)));
        // a3 was "new" under caseloads: paired now, so no longer new anywhere.
        assert!(!links(&applied, "caseloads").contains(&(None, Some("a3"), Verdict::New)));
        assert_eq!(applied.summary.new_findings, 0);
        assert_eq!(applied.summary.dropped_findings, 0);
        let l = applied.themes[0]
            .links
            .iter()
            .find(|l| l.overridden)
            .unwrap();
        assert_eq!(l.note.as_deref(), Some("same point about managers"));
        let a3 = applied
            .after
            .findings
            .iter()
            .find(|f| f.id == "a3")
            .unwrap();
        assert!(a3.themes.contains(&"staff".to_string()));
        // Wrong way round (a later finding as "before") is skipped.
        let bad = with(vec![Edit::Link {
            theme: "staff".into(),
            before: "a3".into(),
            after: "b2".into(),
            note: None,
        }]);
        assert_eq!(apply_checked(&c, &bad).1, vec![0]);
    }

    #[test]
    fn link_then_unlink_cancels_out() {
        let mut o = Overrides::default();
        let (theme, before, after) = ("staff".to_string(), "b2".to_string(), "a3".to_string());
        o.push(Edit::Link {
            theme: theme.clone(),
            before: before.clone(),
            after: after.clone(),
            note: None,
        });
        o.push(Edit::Unlink {
            theme,
            before,
            after,
            note: None,
        });
        assert!(o.is_empty());
    }

    #[test]
    fn move_takes_a_finding_to_another_theme_and_leaves_its_partner_listed() {
        let c = sample();
        let o = with(vec![Edit::Move {
            finding: "b1".into(),
            from: "staff".into(),
            to: "caseloads".into(),
            note: Some("this is about caseloads".into()),
        }]);
        let applied = apply(&c, &o);
        let staff = links(&applied, "staff");
        assert!(!staff.iter().any(|l| l.0 == Some("b1")), "{staff:?}");
        assert!(
            staff.contains(&(None, Some("a1"), Verdict::New)),
            "partner stays, alone"
        );
        assert!(links(&applied, "caseloads").contains(&(Some("b1"), None, Verdict::Dropped)));
        let b1 = applied
            .before
            .findings
            .iter()
            .find(|f| f.id == "b1")
            .unwrap();
        assert_eq!(b1.theme, "caseloads");
        assert_eq!(b1.themes, vec!["caseloads".to_string()]);
        let caseloads = applied.themes.iter().find(|t| t.id == "caseloads").unwrap();
        assert_eq!(caseloads.before_count, 2);
        // Moving it straight back cancels the move.
        let mut o = o;
        o.push(Edit::Move {
            finding: "b1".into(),
            from: "caseloads".into(),
            to: "staff".into(),
            note: None,
        });
        assert!(o.is_empty());
    }

    #[test]
    fn moving_every_finding_out_removes_the_theme() {
        let c = sample();
        let o = with(vec![
            Edit::Move {
                finding: "b1".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: None,
            },
            Edit::Move {
                finding: "a1".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: None,
            },
            Edit::Move {
                finding: "b2".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: None,
            },
            Edit::Link {
                theme: "caseloads".into(),
                before: "b1".into(),
                after: "a1".into(),
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(applied.themes.len(), 1);
        assert_eq!(applied.summary.themes, 1);
        assert!(links(&applied, "caseloads").contains(&(
            Some("b1"),
            Some("a1"),
            Verdict::Improved
        )));
    }

    #[test]
    fn edits_naming_missing_themes_or_findings_are_skipped() {
        let c = sample();
        let o = with(vec![
            Edit::ThemeVerdict {
                theme: "gone".into(),
                verdict: Verdict::Improved,
                note: None,
            },
            Edit::Move {
                finding: "b99".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: None,
            },
            Edit::Unlink {
                theme: "staff".into(),
                before: "b2".into(),
                after: "a1".into(),
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert_eq!(skipped, vec![0, 1, 2]);
        assert_eq!(applied, c);
    }

    #[test]
    fn overrides_round_trip_through_json() {
        let o = with(vec![
            Edit::ThemeVerdict {
                theme: "staff".into(),
                verdict: Verdict::Regressed,
                note: Some("see note".into()),
            },
            Edit::Move {
                finding: "b1".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: None,
            },
        ]);
        let json = o.to_json();
        assert!(json.contains("\"kind\":\"theme_verdict\""), "{json}");
        assert!(json.contains("\"verdict\":\"regressed\""), "{json}");
        assert_eq!(Overrides::from_json(&json).unwrap(), o);
        assert_eq!(Overrides::from_json("{}").unwrap(), Overrides::default());
        assert!(Overrides::from_json("not json").is_err());
    }

    #[test]
    fn exports_carry_the_corrections() {
        let c = sample();
        let o = with(vec![
            Edit::ThemeVerdict {
                theme: "caseloads".into(),
                verdict: Verdict::Regressed,
                note: Some("Caseloads rose, per \"the\" data".into()),
            },
            Edit::LinkVerdict {
                theme: "staff".into(),
                before: "b1".into(),
                after: "a1".into(),
                verdict: Verdict::Persisted,
                note: Some("still agency staff".into()),
            },
        ]);
        let csv = to_csv(&c, &o);
        let rows = csv_records(&csv);
        assert_eq!(rows.len(), 5, "{csv}");
        assert!(rows[0].ends_with(
            ",theme_verdict_set_by_reviewer,theme_note,link_changed_by_reviewer,link_note,topic_verdict_set_by_reviewer,topic_note"
        ));
        let caseloads: Vec<&&str> = rows
            .iter()
            .filter(|r| r.starts_with("caseloads,"))
            .collect();
        assert_eq!(caseloads.len(), 2);
        for r in caseloads {
            assert!(r.contains(",regressed,"), "{r}");
            assert!(
                r.contains(",yes,\"Caseloads rose, per \"\"the\"\" data\","),
                "{r}"
            );
        }
        let staff_pair = rows
            .iter()
            .find(|r| r.starts_with("staff,") && r.contains(",b1,"))
            .unwrap();
        assert!(
            staff_pair.ends_with(",,,yes,still agency staff,,"),
            "{staff_pair}"
        );

        let md = to_markdown(&c, &o);
        assert!(
            md.contains("## Label caseloads — ▼ Regressed _(set by the reviewer)_\n"),
            "{md}"
        );
        assert!(md.contains("## Corrections made by the reviewer"));
        assert!(md.contains(
            "Set the verdict of “Label caseloads” to “Regressed”. Note: “Caseloads rose"
        ));

        let json = to_json(&c, &o);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["schema"], compare::SCHEMA);
        assert_eq!(v["summary"]["regressed"], 1);
        assert_eq!(v["overrides"][0]["kind"], "theme_verdict");
        // The corrected comparison still reads back as a Comparison.
        let back: Comparison = serde_json::from_str(&json).unwrap();
        assert_eq!(back, apply(&c, &o));
        // Without corrections the exports are exactly the engine's.
        // Without corrections: the engine’s rows, and the six columns left empty.
        let plain = to_csv(&c, &Overrides::default());
        let engine = export::to_csv(&c);
        for (mine, theirs) in csv_records(&plain).iter().zip(csv_records(&engine)).skip(1) {
            assert_eq!(*mine, format!("{theirs},,,,,,"));
        }
        assert_eq!(to_json(&c, &Overrides::default()), export::to_json(&c));
    }

    #[test]
    fn describe_reads_as_a_sentence() {
        let c = sample();
        let text = describe(
            &c,
            &Edit::Move {
                finding: "b1".into(),
                from: "staff".into(),
                to: "caseloads".into(),
                note: Some(" wrong theme ".into()),
            },
        );
        assert_eq!(
            text,
            "Moved “Staff turnover is high, with many agency workers.” from “Label staff” to “Label caseloads”. Note: “wrong theme”"
        );
    }

    #[test]
    fn on_the_seed_pair_every_finding_stays_in_some_link() {
        let doc = |bytes: &[u8], name| crate::ingest::ingest(bytes, name).unwrap();
        let c = compare::compare(
            &doc(
                include_bytes!("../../../tests/fixtures/luton-2021-2023/before.txt"),
                "before.txt",
            ),
            &doc(
                include_bytes!("../../../tests/fixtures/luton-2021-2023/after.txt"),
                "after.txt",
            ),
            &crate::themes::Codebook::builtin(),
        );
        // Unpair the first pair, move its earlier finding to the last theme, then pair it
        // with the first later finding there and set that theme's verdict.
        let t0 = &c.themes[0];
        let p = t0
            .links
            .iter()
            .find(|l| l.before.is_some() && l.after.is_some())
            .unwrap();
        let (b, a) = (p.before.clone().unwrap(), p.after.clone().unwrap());
        let last = c.themes.last().unwrap().id.clone();
        let later = &c.after.findings[0].id;
        let o = with(vec![
            Edit::Unlink {
                theme: t0.id.clone(),
                before: b.clone(),
                after: a,
                note: None,
            },
            Edit::Move {
                finding: b.clone(),
                from: t0.id.clone(),
                to: last.clone(),
                note: None,
            },
            Edit::Link {
                theme: last.clone(),
                before: b.clone(),
                after: later.clone(),
                note: None,
            },
            Edit::ThemeVerdict {
                theme: last.clone(),
                verdict: Verdict::Regressed,
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        // The move is skipped only if unpairing already left b outside the first theme.
        assert!(skipped.iter().all(|&i| i == 1), "{skipped:?}");
        for f in applied
            .before
            .findings
            .iter()
            .chain(&applied.after.findings)
        {
            assert!(anywhere(&applied, &f.id), "{} is in no link", f.id);
        }
        let t = applied.themes.iter().find(|t| t.id == last).unwrap();
        assert_eq!(t.verdict, Verdict::Regressed);
        assert!(t
            .links
            .iter()
            .any(|l| l.before.as_deref() == Some(b.as_str())
                && l.after.as_deref() == Some(later.as_str())
                && l.overridden));
        let s = &applied.summary;
        assert_eq!(
            s.improved + s.regressed + s.persisted + s.new + s.dropped + s.mixed,
            s.themes
        );
    }

    /// The id of the topic under `theme` holding finding `id`.
    fn topic_of(c: &Comparison, theme: &str, id: &str) -> String {
        c.themes
            .iter()
            .find(|t| t.id == theme)
            .and_then(|t| {
                t.topics
                    .iter()
                    .find(|x| x.before.iter().chain(&x.after).any(|f| f == id))
            })
            .map(|x| x.id.clone())
            .unwrap()
    }

    fn topic<'a>(c: &'a Comparison, theme: &str, id: &str) -> &'a compare::Topic {
        c.themes
            .iter()
            .find(|t| t.id == theme)
            .and_then(|t| t.topics.iter().find(|x| x.id == id))
            .unwrap()
    }

    #[test]
    fn topic_verdict_is_set_after_refresh_marked_and_noted() {
        let c = sample();
        let staff = topic_of(&c, "staff", "b1");
        assert_eq!(topic(&c, "staff", &staff).verdict, Verdict::Improved);
        assert!(!topic(&c, "staff", &staff).overridden);
        let o = with(vec![
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: staff.clone(),
                verdict: Verdict::Regressed,
                note: Some("Agency use rose again".into()),
            },
            // A later correction that refreshes the topics does not undo it.
            Edit::LinkVerdict {
                theme: "staff".into(),
                before: "b1".into(),
                after: "a1".into(),
                verdict: Verdict::Persisted,
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert!(skipped.is_empty(), "{skipped:?}");
        let x = topic(&applied, "staff", &staff);
        assert_eq!(x.verdict, Verdict::Regressed);
        assert!(x.overridden);
        assert_eq!(x.note.as_deref(), Some("Agency use rose again"));
        // Only that topic is the person's; the theme's verdict still follows its links.
        let theme = applied.themes.iter().find(|t| t.id == "staff").unwrap();
        assert!(theme.topics.iter().filter(|t| t.overridden).count() == 1);
        assert_eq!(theme.verdict, Verdict::Persisted);
        assert_eq!(
            o.topic_verdict("staff", &staff),
            Some((Verdict::Regressed, Some("Agency use rose again")))
        );
        assert_eq!(o.topic_verdict("caseloads", &staff), None);
        // A second verdict for the same topic replaces the first.
        let mut o = o;
        o.push(Edit::TopicVerdict {
            theme: "staff".into(),
            topic: staff.clone(),
            verdict: Verdict::Mixed,
            note: None,
        });
        assert_eq!(o.edits.len(), 2);
        assert_eq!(
            o.topic_verdict("staff", &staff),
            Some((Verdict::Mixed, None))
        );
        let applied = apply(&c, &o);
        assert_eq!(topic(&applied, "staff", &staff).verdict, Verdict::Mixed);
        assert_eq!(topic(&applied, "staff", &staff).note, None);
    }

    #[test]
    fn topic_verdicts_that_do_not_fit_are_skipped() {
        let c = sample();
        let staff = topic_of(&c, "staff", "b1");
        let lone = topic_of(&c, "staff", "b2");
        let o = with(vec![
            // "new" is no verdict for a topic both reports discuss
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: staff.clone(),
                verdict: Verdict::New,
                note: None,
            },
            // a topic only the earlier report discusses follows its findings
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: lone,
                verdict: Verdict::Improved,
                note: None,
            },
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: "t999".into(),
                verdict: Verdict::Improved,
                note: None,
            },
            // the topic under another theme
            Edit::TopicVerdict {
                theme: "caseloads".into(),
                topic: staff,
                verdict: Verdict::Improved,
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert_eq!(skipped, vec![0, 1, 2, 3]);
        assert_eq!(applied, c);
        // Unpairing the topic's only pair leaves it one-sided: its verdict edit is skipped.
        let staff = topic_of(&c, "staff", "b1");
        let o = with(vec![
            Edit::TopicVerdict {
                theme: "staff".into(),
                topic: staff,
                verdict: Verdict::Regressed,
                note: None,
            },
            Edit::Unlink {
                theme: "staff".into(),
                before: "b1".into(),
                after: "a1".into(),
                note: None,
            },
        ]);
        let (applied, skipped) = apply_checked(&c, &o);
        assert_eq!(skipped, vec![0]);
        assert!(applied
            .themes
            .iter()
            .flat_map(|t| &t.topics)
            .all(|t| !t.overridden));
    }

    #[test]
    fn topic_verdicts_reach_the_exports_and_saved_corrections() {
        let c = sample();
        let staff = topic_of(&c, "staff", "b1");
        let o = with(vec![Edit::TopicVerdict {
            theme: "staff".into(),
            topic: staff.clone(),
            verdict: Verdict::Regressed,
            note: Some("worse, per \"the\" survey".into()),
        }]);
        let json = o.to_json();
        assert!(json.contains("\"kind\":\"topic_verdict\""), "{json}");
        assert_eq!(Overrides::from_json(&json).unwrap(), o);

        let text = describe(&c, &o.edits[0]);
        let label = &topic(&c, "staff", &staff).label;
        assert_eq!(
            text,
            format!("Set the verdict of the topic “{label}” under “Label staff” to “Regressed”. Note: “worse, per \"the\" survey”")
        );
        let md = to_markdown(&c, &o);
        assert!(md.contains("## Corrections made by the reviewer"), "{md}");
        assert!(md.contains(&format!("- {text}")), "{md}");

        let csv = to_csv(&c, &o);
        let rows = csv_records(&csv);
        assert!(rows[0].ends_with(",link_note,topic_verdict_set_by_reviewer,topic_note"));
        let pair = rows
            .iter()
            .find(|r| r.starts_with("staff,") && r.contains(",b1,"))
            .unwrap();
        assert!(
            pair.ends_with(",regressed,\"worse, per \"\"the\"\" survey\""),
            "{pair}"
        );
        let others = rows[1..].iter().filter(|r| !r.contains(",b1,"));
        for r in others {
            assert!(r.ends_with(",,"), "{r}");
        }

        let out = to_json(&c, &o);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let topics = v["themes"][0]["topics"].as_array().unwrap();
        let set: Vec<&serde_json::Value> =
            topics.iter().filter(|t| t["overridden"] == true).collect();
        assert_eq!(set.len(), 1);
        assert_eq!(set[0]["id"], staff.as_str());
        assert_eq!(set[0]["verdict"], "regressed");
        assert_eq!(set[0]["note"], "worse, per \"the\" survey");
        // Topics nobody corrected carry neither field.
        assert!(topics
            .iter()
            .filter(|t| t["overridden"] != true)
            .all(|t| t.get("overridden").is_none() && t.get("note").is_none()));
        assert_eq!(v["overrides"][0]["kind"], "topic_verdict");
        let back: Comparison = serde_json::from_str(&out).unwrap();
        assert_eq!(back, apply(&c, &o));
        // Topics of the describe that no longer exist are named by id.
        let gone = Edit::TopicVerdict {
            theme: "staff".into(),
            topic: "t999".into(),
            verdict: Verdict::Mixed,
            note: None,
        };
        assert_eq!(
            describe(&c, &gone),
            "Set the verdict of topic t999 under “Label staff” to “Mixed”."
        );
    }

    #[test]
    fn csv_records_keep_quoted_newlines() {
        assert_eq!(csv_records("a,b\n\"x\ny\",z\n"), vec!["a,b", "\"x\ny\",z"]);
    }
}
