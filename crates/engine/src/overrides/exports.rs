//! The exports of a corrected comparison: JSON with the edits beside it; Markdown and CSV
//! are the export writers given the corrections, which they render in place.

use super::apply::apply;
use super::edits::{Edit, Overrides};
use crate::compare::Comparison;
use crate::export;
use serde::Serialize;

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

/// Markdown briefing of the corrected comparison: what a person set is marked where it
/// applies, and every correction is listed at the end with its note.
pub fn to_markdown(base: &Comparison, overrides: &Overrides) -> String {
    export::markdown::corrected(base, overrides)
}

/// CSV export (one row per link) of the corrected comparison, with the six columns that
/// say what the reviewer changed (see [`export::csv::corrected`]).
pub fn to_csv(base: &Comparison, overrides: &Overrides) -> String {
    export::csv::corrected(base, overrides)
}

#[cfg(test)]
mod tests {
    use super::super::describe::describe;
    use super::super::test_data::*;
    use super::*;
    use crate::compare::{self, Comparison, Verdict};
    use crate::export;

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
}
