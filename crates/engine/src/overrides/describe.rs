//! One plain sentence per correction, for the app's list and the briefings.

use super::apply::find;
use super::edits::Edit;
use crate::compare::Comparison;
use crate::export;
use std::fmt::Write;

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

#[cfg(test)]
mod tests {
    use super::super::test_data::*;
    use super::*;

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
}
