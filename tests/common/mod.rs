//! Shared helpers for the integration tests: a Rust port of `score-gold` (phrase-based
//! gold checks), schema invariants, and fixture paths.

#![allow(dead_code)]

use report_compare::compare::{compare, Comparison, Verdict};
use report_compare::ingest::ingest;
use report_compare::themes::Codebook;
use serde_json::Value;
use std::collections::BTreeSet;

pub fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

pub fn compare_files(before: &str, after: &str) -> Comparison {
    let b = ingest(&fixture(before), before).expect("before ingests");
    let a = ingest(&fixture(after), after).expect("after ingests");
    compare(&b, &a, &Codebook::builtin())
}

fn norm(s: &str) -> String {
    let s: String = s
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pick(findings: &[Value], phrases: &Value) -> BTreeSet<String> {
    let phrases: Vec<String> = match phrases {
        Value::Array(a) => a.iter().filter_map(|p| p.as_str()).map(norm).collect(),
        Value::String(s) => vec![norm(s)],
        _ => vec![],
    };
    findings
        .iter()
        .filter(|f| {
            phrases
                .iter()
                .any(|p| norm(f["text"].as_str().unwrap_or("")).contains(p))
        })
        .filter_map(|f| f["id"].as_str().map(String::from))
        .collect()
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Scores a comparison against a gold file the way `score-gold` does; returns the
/// failed checks and the number of checks.
pub fn score(c: &Comparison, gold: &Value) -> (Vec<String>, usize) {
    let c: Value = serde_json::to_value(c).expect("comparison serialises");
    let before = c["before"]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let after = c["after"]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let links: Vec<&Value> = c["themes"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|t| t["links"].as_array().into_iter().flatten())
        .collect();
    let id = |v: &Value| v.as_str().map(String::from);
    let mut failed = Vec::new();
    let mut total = 0;
    let mut check = |ok: bool, name: String| {
        total += 1;
        if !ok {
            failed.push(name);
        }
    };
    for g in gold["links"].as_array().into_iter().flatten() {
        let (b, a) = (
            pick(&before, &g["before_any"]),
            pick(&after, &g["after_any"]),
        );
        let want = strs(&g["verdict_any"]);
        let got: Vec<&str> = links
            .iter()
            .filter(|l| {
                id(&l["before"]).is_some_and(|x| b.contains(&x))
                    && id(&l["after"]).is_some_and(|x| a.contains(&x))
            })
            .filter_map(|l| l["verdict"].as_str())
            .collect();
        check(
            got.iter().any(|v| want.contains(v)),
            format!("link {}: want {want:?}, got {got:?}", g["id"]),
        );
    }
    for (key, side, found, other) in [
        ("new", &after, "after", "before"),
        ("dropped", &before, "before", "after"),
    ] {
        for g in gold[key].as_array().into_iter().flatten() {
            let ids = pick(side, &g[format!("{found}_any")]);
            let mine = |l: &&&Value| id(&l[found]).is_some_and(|x| ids.contains(&x));
            let ok = !ids.is_empty()
                && links
                    .iter()
                    .filter(mine)
                    .any(|l| l[other].is_null() && l["verdict"] == key)
                && !links.iter().filter(mine).any(|l| !l[other].is_null());
            check(ok, format!("{key} {}", g["id"]));
        }
    }
    for g in gold["polarity"].as_array().into_iter().flatten() {
        let side = if g["side"] == "before" {
            &before
        } else {
            &after
        };
        let ids = pick(side, &g["phrase"]);
        let want = strs(&g["polarity_any"]);
        let got: Vec<&str> = side
            .iter()
            .filter(|f| id(&f["id"]).is_some_and(|x| ids.contains(&x)))
            .filter_map(|f| f["polarity"].as_str())
            .collect();
        check(
            !got.is_empty() && got.iter().all(|p| want.contains(p)),
            format!("polarity {}: want {want:?}, got {got:?}", g["phrase"]),
        );
    }
    for g in gold["joined"].as_array().into_iter().flatten() {
        let side = if g["side"] == "before" {
            &before
        } else {
            &after
        };
        let ids = pick(side, &g["phrase"]);
        let must = norm(g["must_also_contain"].as_str().unwrap_or(""));
        let ok = !ids.is_empty()
            && side
                .iter()
                .filter(|f| id(&f["id"]).is_some_and(|x| ids.contains(&x)))
                .all(|f| norm(f["text"].as_str().unwrap_or("")).contains(&must));
        check(ok, format!("joined {}", g["phrase"]));
    }
    for g in gold["ratings"].as_array().into_iter().flatten() {
        let areas: Vec<String> = strs(&g["area_any"]).into_iter().map(norm).collect();
        let want = strs(&g["verdict_any"]);
        let got: Vec<&str> = c["ratings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|r| {
                areas
                    .iter()
                    .any(|a| norm(r["area"].as_str().unwrap_or("")).contains(a))
            })
            .filter_map(|r| r["verdict"].as_str())
            .collect();
        check(
            !got.is_empty() && got.iter().all(|v| want.contains(v)),
            format!("rating {:?}: want {want:?}, got {got:?}", g["area_any"]),
        );
    }
    if let Some(junk) = gold["never_in_a_finding"].as_array() {
        let all: Vec<Value> = before.iter().chain(&after).cloned().collect();
        let bad: Vec<&str> = junk
            .iter()
            .filter_map(Value::as_str)
            .filter(|s| !pick(&all, &Value::String(s.to_string())).is_empty())
            .collect();
        check(bad.is_empty(), format!("junk in findings: {bad:?}"));
    }
    if let Some(date) = gold["before_date"].as_str() {
        check(
            c["before"]["date"] == date,
            format!("before date: want {date}, got {}", c["before"]["date"]),
        );
    }
    (failed, total)
}

/// The schema's promises: unique ids, valid verdicts, every finding in some link, links
/// pointing at real findings.
pub fn assert_invariants(c: &Comparison) {
    assert_eq!(c.schema, "report-compare/1");
    for (side, prefix) in [(&c.before, 'b'), (&c.after, 'a')] {
        let ids: BTreeSet<&str> = side.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), side.findings.len(), "finding ids are unique");
        assert!(side.findings.iter().all(|f| f.id.starts_with(prefix)));
    }
    let mut seen = BTreeSet::new();
    for t in &c.themes {
        assert!(!t.links.is_empty(), "theme {} has links", t.id);
        for l in &t.links {
            assert_ne!(l.verdict, Verdict::Mixed, "links are never mixed");
            match (&l.before, &l.after) {
                (Some(_), Some(_)) => assert!(matches!(
                    l.verdict,
                    Verdict::Improved | Verdict::Regressed | Verdict::Persisted
                )),
                (None, Some(_)) => assert_eq!(l.verdict, Verdict::New),
                (Some(_), None) => assert_eq!(l.verdict, Verdict::Dropped),
                (None, None) => panic!("a link with neither side"),
            }
            for id in l.before.iter().chain(&l.after) {
                assert!(
                    c.before
                        .findings
                        .iter()
                        .chain(&c.after.findings)
                        .any(|f| &f.id == id),
                    "link to unknown {id}"
                );
                seen.insert(id.clone());
            }
        }
    }
    for f in c.before.findings.iter().chain(&c.after.findings) {
        assert!(seen.contains(&f.id), "finding {} appears in no link", f.id);
    }
}

/// What Luton 2022 -> 2026 must give, whatever format it came in: the judgement table
/// compared, both dates, no page furniture (nor `extra_junk`) in findings, the
/// improvement areas as concerns, care leavers on both sides.
pub fn assert_luton_2022_2026(c: &Comparison, extra_junk: &[&str]) {
    assert_invariants(c);
    let rating = |area: &str| {
        c.ratings
            .iter()
            .find(|r| r.area == area)
            .map(|r| (r.before.as_deref(), r.after.as_deref(), r.verdict.as_str()))
    };
    let ri = Some("Requires improvement to be good");
    assert_eq!(
        rating("Overall effectiveness"),
        Some((ri, Some("Good"), "improved"))
    );
    assert_eq!(rating("Care leavers"), Some((ri, ri, "persisted")));
    assert_eq!(c.before.date.as_deref(), Some("2022-07-22"));
    assert_eq!(c.after.date.as_deref(), Some("2026-01-30"));
    let furniture = [
        "Inspection of Luton local authority",
        "reports.ofsted.gov.uk",
        "Interested in our work",
        "Crown copyright",
    ];
    for f in c.before.findings.iter().chain(&c.after.findings) {
        for junk in furniture.iter().chain(extra_junk) {
            assert!(
                !f.text.contains(junk),
                "page furniture in a finding: {}",
                f.text
            );
        }
        assert!(
            !f.text.trim().chars().all(|c| c.is_ascii_digit()),
            "page number as a finding"
        );
    }
    let plans = c
        .after
        .findings
        .iter()
        .find(|f| f.text.starts_with("The quality of plans and the oversight"))
        .expect("improvement area found");
    assert_eq!(plans.polarity, report_compare::polarity::Polarity::Concern);
    assert!(c
        .themes
        .iter()
        .any(|t| t.id == "care-leavers" && t.before_count > 0 && t.after_count > 0));
}
