//! One CSV row per link, with its topic.

use super::finding;
use crate::compare::{Comparison, Finding};

pub(crate) fn csv_field(s: &str) -> String {
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
