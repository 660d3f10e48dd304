//! The corrections as data: the list of edits a person made, kept in order and saved as JSON.

use crate::compare::Verdict;
use serde::{Deserialize, Serialize};

/// Why saved corrections could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionsError(pub String);

impl std::fmt::Display for CorrectionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CorrectionsError {}

/// The schema name saved corrections carry.
pub const SCHEMA: &str = "report-compare-overrides/1";

fn schema() -> String {
    SCHEMA.to_string()
}

/// Every correction a person made to one comparison, in the order they made them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overrides {
    /// Always [`SCHEMA`] (filled in when a saved file leaves it out).
    #[serde(default = "schema")]
    pub schema: String,
    /// The corrections, oldest first: later ones win.
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
// Written with its kind as a field (`"kind": "move"`); read through [`Fields`], not
// serde's internally tagged reader, which buffers each edit into a generic value first and
// so carries a second deserializer for every field into the page's bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "Fields")]
pub enum Edit {
    /// Take a finding out of theme `from` and put it under theme `to`. Its pairings in
    /// `from` are undone; it arrives in `to` unpaired (pair it there with [`Edit::Link`]).
    Move {
        /// The finding's id ("b3", "a7").
        finding: String,
        /// The theme it leaves.
        from: String,
        /// The theme it joins.
        to: String,
        /// Why the person made the change, in their words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Pair an earlier and a later finding under a theme.
    Link {
        /// The theme the pair goes under.
        theme: String,
        /// The earlier finding's id.
        before: String,
        /// The later finding's id.
        after: String,
        /// Why the person made the change, in their words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Undo the pairing of an earlier and a later finding under a theme.
    Unlink {
        /// The theme the pair is under.
        theme: String,
        /// The earlier finding's id.
        before: String,
        /// The later finding's id.
        after: String,
        /// Why the person made the change, in their words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Set the verdict of one pair under a theme.
    LinkVerdict {
        /// The theme the pair is under.
        theme: String,
        /// The earlier finding's id.
        before: String,
        /// The later finding's id.
        after: String,
        /// The verdict the person gives the pair.
        verdict: Verdict,
        /// Why the person made the change, in their words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Set the overall verdict of a theme.
    ThemeVerdict {
        /// The theme's id.
        theme: String,
        /// The verdict the person gives the theme.
        verdict: Verdict,
        /// Why the person made the change, in their words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Set the verdict of one topic (one discussed by both reports) under a theme:
    /// improved, regressed, persisted or mixed. Applied after the topics are brought in
    /// step with the other corrections, so it sticks; the topic is marked as the person's.
    TopicVerdict {
        /// The theme the topic is under.
        theme: String,
        /// The topic's id ("t3").
        topic: String,
        /// The verdict the person gives the topic.
        verdict: Verdict,
        /// Why the person made the change, in their words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

/// The kinds of [`Edit`], as their `kind` field names them.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Move,
    Link,
    Unlink,
    LinkVerdict,
    ThemeVerdict,
    TopicVerdict,
}

/// An edit as saved: its kind and every field any kind has; [`Edit`]'s `TryFrom` takes
/// the ones its kind needs and refuses an edit without them, as a derived reader would.
#[derive(Deserialize)]
struct Fields {
    kind: Kind,
    finding: Option<String>,
    from: Option<String>,
    to: Option<String>,
    theme: Option<String>,
    topic: Option<String>,
    before: Option<String>,
    after: Option<String>,
    verdict: Option<Verdict>,
    note: Option<String>,
}

impl TryFrom<Fields> for Edit {
    type Error = String;

    fn try_from(f: Fields) -> Result<Edit, String> {
        fn need<T>(field: Option<T>, name: &str) -> Result<T, String> {
            field.ok_or_else(|| format!("missing field `{name}`"))
        }
        let note = f.note;
        Ok(match f.kind {
            Kind::Move => Edit::Move {
                finding: need(f.finding, "finding")?,
                from: need(f.from, "from")?,
                to: need(f.to, "to")?,
                note,
            },
            Kind::Link => Edit::Link {
                theme: need(f.theme, "theme")?,
                before: need(f.before, "before")?,
                after: need(f.after, "after")?,
                note,
            },
            Kind::Unlink => Edit::Unlink {
                theme: need(f.theme, "theme")?,
                before: need(f.before, "before")?,
                after: need(f.after, "after")?,
                note,
            },
            Kind::LinkVerdict => Edit::LinkVerdict {
                theme: need(f.theme, "theme")?,
                before: need(f.before, "before")?,
                after: need(f.after, "after")?,
                verdict: need(f.verdict, "verdict")?,
                note,
            },
            Kind::ThemeVerdict => Edit::ThemeVerdict {
                theme: need(f.theme, "theme")?,
                verdict: need(f.verdict, "verdict")?,
                note,
            },
            Kind::TopicVerdict => Edit::TopicVerdict {
                theme: need(f.theme, "theme")?,
                topic: need(f.topic, "topic")?,
                verdict: need(f.verdict, "verdict")?,
                note,
            },
        })
    }
}

impl Edit {
    /// The person's note on this edit, if they left one.
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
    /// No corrections made: the comparison stands as the engine made it.
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

    /// The corrections as JSON, to save beside the reports (read back by [`Overrides::from_json`]).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads saved corrections; anything unreadable gives an error in words.
    pub fn from_json(text: &str) -> Result<Overrides, CorrectionsError> {
        serde_json::from_str(text)
            .map_err(|e| CorrectionsError(format!("saved corrections are unreadable: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_data::*;
    use super::*;
    use crate::compare::Verdict;

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
    fn every_kind_reads_back_and_one_missing_a_field_is_refused() {
        let (t, b, a) = ("staff".to_string(), "b1".to_string(), "a2".to_string());
        let o = with(vec![
            Edit::Move {
                finding: b.clone(),
                from: t.clone(),
                to: "caseloads".into(),
                note: Some("moved".into()),
            },
            Edit::Link {
                theme: t.clone(),
                before: b.clone(),
                after: a.clone(),
                note: None,
            },
            Edit::Unlink {
                theme: t.clone(),
                before: a.clone(),
                after: b.clone(),
                note: None,
            },
            Edit::LinkVerdict {
                theme: t.clone(),
                before: b.clone(),
                after: a.clone(),
                verdict: Verdict::Improved,
                note: None,
            },
            Edit::TopicVerdict {
                theme: t.clone(),
                topic: "t1".into(),
                verdict: Verdict::Mixed,
                note: None,
            },
        ]);
        assert_eq!(Overrides::from_json(&o.to_json()).unwrap(), o);
        let e = Overrides::from_json(r#"{"edits":[{"kind":"move","finding":"b1","from":"x"}]}"#)
            .unwrap_err();
        assert!(e.0.contains("missing field `to`"), "{e}");
        let e = Overrides::from_json(r#"{"edits":[{"kind":"rename","theme":"x"}]}"#).unwrap_err();
        assert!(e.0.contains("rename"), "{e}");
    }
}
