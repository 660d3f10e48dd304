//! One CSV row per link, with its topic; with a person's corrections, six more columns
//! saying what they changed on that row's theme, link and topic.

use super::finding;
use crate::compare::{Comparison, Finding, Link, ThemeResult};
use crate::overrides::{self, Overrides};

pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per link.
pub fn to_csv(c: &Comparison) -> String {
    write(c, None)
}

/// One row per link of the corrected comparison, with six more columns: whether the
/// reviewer set the theme's verdict, and their note; whether they changed this link
/// (pairing, verdict or theme), and their note; the verdict they set for the topic the
/// link belongs to (empty when they set none), and their note.
pub fn corrected(base: &Comparison, corrections: &Overrides) -> String {
    write(&overrides::apply(base, corrections), Some(corrections))
}

/// The columns a person's corrections add, after the engine's.
const CORRECTION_COLUMNS: &str = ",theme_verdict_set_by_reviewer,theme_note,link_changed_by_reviewer,link_note,topic_verdict_set_by_reviewer,topic_note";

fn write(c: &Comparison, corrections: Option<&Overrides>) -> String {
    let mut out = String::from(
        "theme,theme_label,theme_verdict,verdict,similarity,before_id,before_text,before_polarity,after_id,after_text,after_polarity,after_speaker,caveat,topic,topic_label,topic_verdict",
    );
    if corrections.is_some() {
        out.push_str(CORRECTION_COLUMNS);
    }
    out.push('\n');
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
            if let Some(corrections) = corrections {
                for field in correction_fields(corrections, t, l) {
                    out.push(',');
                    out.push_str(&csv_field(&field));
                }
            }
            out.push('\n');
        }
    }
    out
}

/// What the reviewer changed on this row: its theme's verdict, the link, the topic that
/// holds the link's findings (each "yes" or the verdict, then the note; empty when unset).
fn correction_fields(corrections: &Overrides, theme: &ThemeResult, link: &Link) -> [String; 6] {
    let theme_override = corrections.theme_verdict(&theme.id);
    // The topic holding this link's findings, when the reviewer set its verdict.
    let topic = theme.topics.iter().filter(|x| x.overridden).find(|x| {
        let holds =
            |id: &Option<String>, ids: &[String]| id.as_ref().is_none_or(|id| ids.contains(id));
        (link.before.is_some() || link.after.is_some())
            && holds(&link.before, &x.before)
            && holds(&link.after, &x.after)
    });
    [
        if theme_override.is_some() { "yes" } else { "" }.to_string(),
        theme_override
            .and_then(|(_, n)| n)
            .unwrap_or("")
            .to_string(),
        if link.overridden { "yes" } else { "" }.to_string(),
        link.note.clone().unwrap_or_default(),
        topic.map_or("", |x| x.verdict.as_str()).to_string(),
        topic.and_then(|x| x.note.clone()).unwrap_or_default(),
    ]
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
