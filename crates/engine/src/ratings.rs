//! Graded judgements (Ofsted, CQC, school inspections): Outstanding / Good / Requires
//! improvement / Inadequate per area and overall, read from judgement tables, headings
//! ("...children in care: good") and prose ("rated good overall"), then compared.
//! Areas named differently across framework versions map to one area.

use serde::{Deserialize, Serialize};

/// A grade found in one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// The judged area, as one name for every framework's alias ("Overall effectiveness").
    pub area: String,
    /// As the framework words it, e.g. "Requires improvement to be good".
    pub grade: String,
    /// Its place on the scale, 1 (best) to 4, for telling better from worse.
    pub rank: u8,
    /// The line the grade was read from.
    pub evidence: String,
}

/// One area compared across the two reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingChange {
    /// The judged area.
    pub area: String,
    /// The earlier report's grade, if it gives one.
    pub before: Option<String>,
    /// The later report's grade, if it gives one.
    pub after: Option<String>,
    /// improved | regressed | persisted | new | dropped
    pub verdict: String,
    /// Set when one report gave a single grade to areas the other grades apart (the
    /// 2018–22 ILACS judged children in care and care leavers together), so a reader
    /// knows the earlier grade was not about this area alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Canonical areas, in display order, with the wordings frameworks have used.
/// Exact aliases must be the whole line (CQC's one-word key questions).
const AREAS: &[(&str, &[&str], &[&str])] = &[
    (
        "Overall effectiveness",
        &[
            "overall effectiveness",
            "overall judgement",
            "overall rating",
        ],
        &["overall"],
    ),
    (
        "Impact of leaders",
        &[
            "impact of leaders",
            "leadership, management and governance",
            "leadership and management",
            "leadership, management",
        ],
        &[
            "well-led",
            "well led",
            "leadership",
            "are services well-led?",
            "is the service well-led?",
        ],
    ),
    (
        "Help and protection",
        &[
            "need help and protection",
            "children who need help",
            "help and protection",
        ],
        &[],
    ),
    (
        "Children in care",
        &[
            "children in care",
            "children looked after",
            "looked after and achieving permanence",
            "looked after children",
        ],
        &[],
    ),
    ("Care leavers", &["care leavers"], &[]),
    ("Adoption performance", &["adoption performance"], &[]),
    (
        "Safeguarding board",
        &[
            "local safeguarding children board",
            "safeguarding children board",
        ],
        &[],
    ),
    ("Quality of education", &["quality of education"], &[]),
    ("Behaviour and attitudes", &["behaviour and attitudes"], &[]),
    ("Personal development", &["personal development"], &[]),
    ("Early years provision", &["early years provision"], &[]),
    (
        "Sixth-form provision",
        &["sixth-form provision", "sixth form provision"],
        &[],
    ),
    (
        "Safe",
        &[],
        &["safe", "are services safe?", "is the service safe?"],
    ),
    (
        "Effective",
        &[],
        &[
            "effective",
            "are services effective?",
            "is the service effective?",
        ],
    ),
    (
        "Caring",
        &[],
        &["caring", "are services caring?", "is the service caring?"],
    ),
    (
        "Responsive",
        &[],
        &[
            "responsive",
            "are services responsive?",
            "is the service responsive?",
        ],
    ),
];

fn clean(line: &str) -> String {
    let t = line.trim().trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | '−' | '-' | '•' | '◼' | '*' | ' ')
    });
    t.to_lowercase()
        .replace(['‘', '’', '“', '”', '\'', '"'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "requires improvement to be good" -> (label, rank). `s` must start with the grade.
fn grade_at_start(s: &str) -> Option<(String, u8)> {
    let s = s.trim_start_matches([':', '-', '–', ' ', '(']);
    if s.starts_with("requires improvement to be good")
        || s.starts_with("require improvement to be good")
    {
        return Some(("Requires improvement to be good".into(), 2));
    }
    let grades: [(&str, &str, u8); 5] = [
        ("outstanding", "Outstanding", 4),
        ("good", "Good", 3),
        ("requires improvement", "Requires improvement", 2),
        ("require improvement", "Requires improvement", 2),
        ("inadequate", "Inadequate", 1),
    ];
    grades.iter().find_map(|(p, label, rank)| {
        let rest = s.strip_prefix(p)?;
        rest.chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
            .then(|| (label.to_string(), *rank))
    })
}

/// A line that is only a grade (the second column of a judgement table).
fn grade_line(s: &str) -> Option<(String, u8)> {
    let g = grade_at_start(s)?;
    (s.split_whitespace().count() <= 5).then_some(g)
}

fn area_of(s: &str) -> Option<&'static str> {
    let words = s.split_whitespace().count();
    AREAS.iter().find_map(|(area, contains, exact)| {
        let t = s.trim_end_matches([':', '.']);
        if exact.contains(&t) || (words <= 18 && contains.iter().any(|a| s.contains(a))) {
            Some(*area)
        } else {
            None
        }
    })
}

/// Mentions of earlier judgements: "at the last inspection ... was inadequate".
fn is_history(s: &str) -> bool {
    [
        "last inspection",
        "previous inspection",
        "previously",
        "were:",
        "last ilacs",
        "in 20",
    ]
    .iter()
    .any(|p| s.contains(p))
}

/// Every area's grade, first mention wins (the judgement table comes first).
pub fn extract(raw_lines: &[String]) -> Vec<Rating> {
    let lines: Vec<String> = raw_lines
        .iter()
        .map(|l| clean(l))
        .filter(|l| !l.is_empty())
        .collect();
    let mut found: Vec<Rating> = Vec::new();
    let mut record = |area: &str, (grade, rank): (String, u8), evidence: &str| {
        if !found.iter().any(|r| r.area == area) {
            found.push(Rating {
                area: area.to_string(),
                grade,
                rank,
                evidence: evidence.chars().take(160).collect(),
            });
        }
    };
    let mut history_until = 0;
    let mut consumed_until = 0;
    // Most lines are prose: only look for an area where a grade could belong to it.
    let is_grade: Vec<bool> = lines.iter().map(|l| grade_line(l).is_some()).collect();
    for i in 0..lines.len() {
        let line = &lines[i];
        if i < consumed_until {
            continue;
        }
        let grade_near = is_grade[i + 1..lines.len().min(i + 5)].iter().any(|&g| g)
            || line.contains(':')
            || line.contains('–')
            || line.contains("services")
            || line.contains("rated")
            || line.contains('|')
            || line.contains('?');
        if !grade_near {
            continue;
        }
        if is_history(line) {
            history_until = i + 6;
        }
        if i < history_until {
            continue;
        }
        // Prose: "children's services require improvement to be good", "rated good overall".
        // "Children's services in Rotherham are good": the overall judgement of the 2013-17
        // framework, stated as the report's headline.
        if line.starts_with("childrens services") || line.starts_with("services for children") {
            // After "are"/"is" comes the grade; "require(s) improvement" is the grade.
            let after_verb = [" are ", " is "]
                .iter()
                .find_map(|v| line.find(v).map(|pos| &line[pos + v.len()..]))
                .or_else(|| line.find(" require").map(|pos| &line[pos + 1..]));
            if let Some(g) = after_verb.and_then(grade_at_start) {
                record("Overall effectiveness", g, line);
            }
        }
        for marker in ["rated as ", "rated "] {
            if let Some(pos) = line.find(marker) {
                if let Some(g) = grade_at_start(&line[pos + marker.len()..]) {
                    let overall = marker.starts_with("rated")
                        && !line.contains("overall")
                        && area_of(line).is_some();
                    if !overall {
                        record("Overall effectiveness", g, line);
                    }
                }
            }
        }
        // Table rows: "| Overall effectiveness | Good |".
        if line.contains('|') {
            let cells: Vec<&str> = line
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            if let [area, grade, ..] = cells[..] {
                if let (Some(area), Some(g)) = (area_of(area), grade_line(grade)) {
                    record(area, g, line);
                    continue;
                }
            }
        }
        // CQC: "Are services safe? Requires improvement".
        let asked = AREAS.iter().find_map(|(area, _, exact)| {
            exact.iter().filter(|q| q.ends_with('?')).find_map(|q| {
                line.strip_prefix(q)
                    .and_then(|rest| grade_line(rest.trim()))
                    .map(|g| (*area, g))
            })
        });
        if let Some((area, g)) = asked {
            record(area, g, line);
            continue;
        }
        let joined = lines.get(i + 1).map(|n| format!("{line} {n}"));
        for (candidate, used) in [(Some(line.clone()), 1), (joined, 2)] {
            let Some(candidate) = candidate else { continue };
            let Some(area) = area_of(&candidate) else {
                continue;
            };
            // The 2018 framework judged children in care and care leavers together.
            // (A table may wrap its name: "…children in care and" | "care leavers".)
            let wraps_on = candidate.ends_with(" and")
                && lines
                    .get(i + used)
                    .is_some_and(|n| n.starts_with("care leavers"));
            let areas: &[&str] =
                if area == "Children in care" && (candidate.contains("care leavers") || wraps_on) {
                    &["Children in care", "Care leavers"]
                } else {
                    &[area]
                };
            // Same line: "Overall effectiveness: inadequate", "...children in care: good".
            let same_line = candidate.rfind([':', '–']).and_then(|colon| {
                grade_line(candidate[colon..].trim_start_matches([':', '–', ' ']))
            });
            // Table: the grade on one of the next lines, perhaps wrapped ("to be good").
            let below = || {
                (i + used..(i + used + 2).min(lines.len())).find_map(|j| {
                    let wrapped = lines.get(j + 1).map(|n| format!("{} {n}", lines[j]));
                    wrapped
                        .as_deref()
                        .and_then(grade_line)
                        .filter(|(g, _)| g.ends_with("to be good"))
                        .or_else(|| grade_line(&lines[j]))
                })
            };
            if let Some(g) = same_line.or_else(below) {
                for area in areas {
                    record(area, g.clone(), &candidate);
                }
                consumed_until = i + used;
                break;
            }
        }
    }
    found.sort_by_key(|r| AREAS.iter().position(|(a, _, _)| *a == r.area));
    found
}

/// Area by area, in display order.
pub fn compare(before: &[Rating], after: &[Rating]) -> Vec<RatingChange> {
    AREAS
        .iter()
        .filter_map(|(area, _, _)| {
            let b = before.iter().find(|r| r.area == *area);
            let a = after.iter().find(|r| r.area == *area);
            let verdict = match (b, a) {
                (None, None) => return None,
                (Some(_), None) => "dropped",
                (None, Some(_)) => "new",
                (Some(b), Some(a)) if a.rank > b.rank => "improved",
                (Some(b), Some(a)) if a.rank < b.rank => "regressed",
                _ => "persisted",
            };
            Some(RatingChange {
                area: area.to_string(),
                before: b.map(|r| r.grade.clone()),
                after: a.map(|r| r.grade.clone()),
                verdict: verdict.to_string(),
                note: joint_note(before, after, area),
            })
        })
        .collect()
}

/// The areas `area` was graded together with in one report but not in the other: one
/// line of evidence carrying the grade of several areas.
fn joint_note(before: &[Rating], after: &[Rating], area: &str) -> Option<String> {
    let partners = |side: &[Rating]| -> Vec<String> {
        let Some(mine) = side.iter().find(|r| r.area == area) else {
            return Vec::new();
        };
        side.iter()
            .filter(|r| r.area != area && r.evidence == mine.evidence)
            .map(|r| r.area.to_lowercase())
            .collect()
    };
    let (b, a) = (partners(before), partners(after));
    let (which, others) = match (b.is_empty(), a.is_empty()) {
        (false, true) if after.iter().any(|r| r.area == area) => ("earlier", b),
        (true, false) if before.iter().any(|r| r.area == area) => ("later", a),
        _ => return None,
    };
    Some(format!(
        "the {which} report gave one grade for {} and {}",
        area.to_lowercase(),
        others.join(" and ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(String::from).collect()
    }

    fn grades(r: &[Rating]) -> Vec<(&str, &str)> {
        r.iter()
            .map(|r| (r.area.as_str(), r.grade.as_str()))
            .collect()
    }

    #[test]
    fn a_joint_grade_set_against_two_says_so() {
        let joint = lines("The experiences and progress of children in care and care leavers: requires improvement to be good\n");
        let apart =
            lines("Children in care: good\nCare leavers: requires improvement to be good\n");
        let changes = compare(&extract(&joint), &extract(&apart));
        let notes: Vec<Option<&str>> = changes.iter().map(|c| c.note.as_deref()).collect();
        assert_eq!(
            notes,
            [
                Some("the earlier report gave one grade for children in care and care leavers"),
                Some("the earlier report gave one grade for care leavers and children in care"),
            ]
        );
        // A judgement table that wraps the joint area's name over two lines.
        let wrapped = lines("Judgement\nThe experiences and progress of children in care and\ncare leavers\nRequires improvement\nto be good\n");
        assert!(compare(&extract(&wrapped), &extract(&apart))
            .iter()
            .all(|c| c.note.is_some()));
        // Graded apart on both sides: nothing to say.
        assert!(compare(&extract(&apart), &extract(&apart))
            .iter()
            .all(|c| c.note.is_none()));
    }

    #[test]
    fn judgement_table_with_wrapped_cells() {
        let text = "Judgement\n\nGrade\n\nThe impact of leaders on social work practice with\nchildren and families\n\nRequires improvement\nto be good\n\nThe experiences and progress of children in care and\ncare leavers\n\nGood\n\nOverall effectiveness\n\nInadequate\n";
        let r = extract(&lines(text));
        assert_eq!(
            grades(&r),
            [
                ("Overall effectiveness", "Inadequate"),
                ("Impact of leaders", "Requires improvement to be good"),
                ("Children in care", "Good"),
                ("Care leavers", "Good")
            ]
        );
    }

    #[test]
    fn older_framework_names_map_to_the_same_areas() {
        let text = "Children’s services in X require improvement to be good\n1. Children who need help and protection\n\nRequires improvement\n\n2. Children looked after and achieving\npermanence\n\nGood\n";
        let r = extract(&lines(text));
        assert_eq!(
            grades(&r),
            [
                ("Overall effectiveness", "Requires improvement to be good"),
                ("Help and protection", "Requires improvement"),
                ("Children in care", "Good")
            ]
        );
    }

    #[test]
    fn headline_sentences_of_older_reports() {
        for (line, grade) in [
            (
                "Children’s services in Rotherham are inadequate",
                "Inadequate",
            ),
            ("Children's services are good", "Good"),
        ] {
            let r = extract(&lines(line));
            assert_eq!(grades(&r), [("Overall effectiveness", grade)], "{line}");
        }
    }

    #[test]
    fn headings_and_articles_and_history() {
        let text = "The experiences and progress of care leavers: requires improvement to be good\nThe council was rated good overall by Ofsted.\nAt the last inspection the judgements were:\n− Overall effectiveness: inadequate\n";
        let r = extract(&lines(text));
        assert_eq!(
            grades(&r),
            [
                ("Overall effectiveness", "Good"),
                ("Care leavers", "Requires improvement to be good")
            ]
        );
    }

    #[test]
    fn cqc_key_questions() {
        let text = "Are services safe? Requires improvement\nAre services effective?\nGood\nWell-led\n\nInadequate\n";
        let r = extract(&lines(text));
        assert_eq!(
            grades(&r),
            [
                ("Impact of leaders", "Inadequate"),
                ("Safe", "Requires improvement"),
                ("Effective", "Good")
            ]
        );
    }

    #[test]
    fn comparison_uses_grade_order() {
        let b = extract(&lines(
            "Overall effectiveness\n\nRequires improvement to be good\n\nCare leavers: good\n",
        ));
        let a = extract(&lines(
            "Overall effectiveness\n\nGood\n\nChildren in care: outstanding\n",
        ));
        let c = compare(&b, &a);
        let v: Vec<(&str, &str)> = c
            .iter()
            .map(|c| (c.area.as_str(), c.verdict.as_str()))
            .collect();
        assert_eq!(
            v,
            [
                ("Overall effectiveness", "improved"),
                ("Children in care", "new"),
                ("Care leavers", "dropped")
            ]
        );
    }
}
