//! Shared helpers for the integration tests: the gold scorer (`tests/score-gold.py`),
//! schema invariants, and fixture paths.

#![allow(dead_code)]

use engine::compare::{compare, Comparison, Verdict};
use engine::ingest::ingest;
use engine::themes::Codebook;
use serde_json::Value;
use std::collections::BTreeSet;

pub fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

pub fn compare_files(before: &str, after: &str) -> Comparison {
    let b = ingest(&fixture(before), before).expect("before ingests");
    let a = ingest(&fixture(after), after).expect("after ingests");
    compare(&b, &a, &Codebook::builtin())
}

/// Scores a comparison against a gold file with the project's copy of `score-gold`
/// (`tests/score-gold.py`, kept identical to `../shared/tools/score-gold`): returns the
/// failed checks and the score (0..1). Python 3 is on every machine the tests run on.
pub fn score(c: &Comparison, gold: &Value) -> (Vec<String>, f32) {
    let dir = std::env::temp_dir().join(format!(
        "report-compare-score-{}-{}",
        std::process::id(),
        SCORED.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (cmp_path, gold_path) = (dir.join("comparison.json"), dir.join("gold.json"));
    std::fs::write(&cmp_path, serde_json::to_string(c).expect("serialises")).expect("write");
    std::fs::write(&gold_path, gold.to_string()).expect("write");
    let out = std::process::Command::new("python3")
        .arg(format!(
            "{}/../../tests/score-gold.py",
            env!("CARGO_MANIFEST_DIR")
        ))
        .arg(&cmp_path)
        .arg(&gold_path)
        .args(["--min", "0"])
        .output()
        .expect("python3 runs the scorer");
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        !text.contains("malformed"),
        "the scorer found the comparison malformed:\n{text}"
    );
    let failed = text
        .lines()
        .filter(|l| l.starts_with("FAIL"))
        .map(String::from)
        .collect();
    let last = text.lines().last().unwrap_or_default();
    let value = last
        .split('=')
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|v| v.parse::<f32>().ok())
        .unwrap_or_else(|| panic!("no score in the scorer's output:\n{text}"));
    (failed, value)
}

/// Asserts a comparison scores at least `min` against `gold` (a floor below the score
/// the engine reaches today, so a regression fails), printing the failed checks.
pub fn assert_scores(c: &Comparison, gold: &Value, min: f32, pair: &str) {
    assert_invariants(c);
    let (failed, value) = score(c, gold);
    assert!(
        value >= min,
        "{pair}: score {value:.2} below {min:.2}; failed checks:\n{}",
        failed.join("\n")
    );
}

static SCORED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The schema's promises: unique ids, valid verdicts, every finding in some link and in
/// some topic, links and topics pointing at real findings, one-sided topics new or dropped.
pub fn assert_invariants(c: &Comparison) {
    assert_eq!(c.schema, engine::compare::SCHEMA);
    let mut in_topic = BTreeSet::new();
    for tp in c.themes.iter().flat_map(|t| &t.topics) {
        match (tp.before.is_empty(), tp.after.is_empty()) {
            (true, true) => panic!("topic {} is empty", tp.id),
            (true, false) => assert_eq!(tp.verdict, Verdict::New, "{}", tp.id),
            (false, true) => assert_eq!(tp.verdict, Verdict::Dropped, "{}", tp.id),
            (false, false) => assert!(!matches!(tp.verdict, Verdict::New | Verdict::Dropped)),
        }
        assert!(!tp.label.trim().is_empty(), "topic {} has a name", tp.id);
        in_topic.extend(tp.before.iter().chain(&tp.after).cloned());
    }
    for f in c.before.findings.iter().chain(&c.after.findings) {
        assert!(in_topic.contains(&f.id), "finding {} is in no topic", f.id);
    }
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
    assert_eq!(plans.polarity, engine::polarity::Polarity::Concern);
    assert!(c
        .themes
        .iter()
        .any(|t| t.id == "care-leavers" && t.before_count > 0 && t.after_count > 0));
}
