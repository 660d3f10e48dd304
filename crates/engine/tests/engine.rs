//! End-to-end engine tests on real and realistic report pairs.

mod common;

use common::{assert_invariants, assert_scores, compare_files, fixture, score};
use engine::compare::{compare, Verdict};
use engine::export;
use engine::findings::Speaker;
use engine::ingest::ingest;
use engine::themes::Codebook;
use serde_json::Value;

/// Score floors: just below what the engine reaches today (see the README's quality
/// table), so that a change which loses ground fails.
const SEED_FLOOR: f32 = 0.92;
const SCHOOL_FLOOR: f32 = 0.95;
const HOSPITAL_FLOOR: f32 = 0.90;

fn gold(pair: &str) -> Value {
    serde_json::from_slice(&fixture(&format!("{pair}/gold.json"))).expect("gold parses")
}

fn assert_gold(pair: &str, min: f32) {
    let c = compare_files(&format!("{pair}/before.txt"), &format!("{pair}/after.txt"));
    assert_scores(&c, &gold(pair), min, pair);
}

#[test]
fn seed_pair_meets_every_gold_expectation() {
    assert_gold("luton-2021-2023", SEED_FLOOR);
}

#[test]
fn school_pair_meets_every_gold_expectation() {
    assert_gold("school-2019-2023", SCHOOL_FLOOR);
}

#[test]
fn hospital_pair_from_another_inspectorate_mostly_meets_its_gold() {
    // CQC-style reports (text, then Markdown with a ratings table): the codebook is for
    // children's services, so most themes here are discovered. Known miss: "did not have
    // enough nursing staff" is not linked to "Nurse staffing has improved" (both touch
    // workforce only weakly, and "nurse" is too common in a hospital report to count).
    let pair = "hospital-2022-2024";
    let c = compare_files(&format!("{pair}/before.txt"), &format!("{pair}/after.md"));
    assert_invariants(&c);
    let (failed, value) = score(&c, &gold(pair));
    assert!(
        value >= HOSPITAL_FLOOR,
        "{pair}: score {value:.2}; failed:\n{}",
        failed.join("\n")
    );
    let safe = c
        .ratings
        .iter()
        .find(|r| r.area == "Safe")
        .expect("safe rated");
    assert_eq!(
        (safe.before.as_deref(), safe.after.as_deref()),
        (Some("Inadequate"), Some("Requires improvement"))
    );
    assert!(c
        .ratings
        .iter()
        .any(|r| r.area == "Impact of leaders" && r.verdict == "improved"));
}

#[test]
fn output_is_deterministic_byte_for_byte() {
    let run = || {
        export::to_json(&compare_files(
            "luton-2021-2023/before.txt",
            "luton-2021-2023/after.txt",
        ))
    };
    let first = run();
    assert_eq!(first, run());
    assert!(first.contains("\"schema\": \"report-compare/2\""));
}

#[test]
fn full_inspection_reports_compare_ratings_and_keep_page_furniture_out() {
    let c = compare_files("ilacs/luton-2022-09-05.txt", "ilacs/luton-2026-03-10.txt");
    common::assert_luton_2022_2026(&c, &[]);
}

#[test]
fn a_saved_web_page_reads_like_its_text() {
    let article = String::from_utf8(fixture("luton-2021-2023/after.txt")).unwrap();
    let paragraphs: String = article
        .split("\n\n")
        .map(|p| format!("<p>{}</p>\n<div class=\"ad-slot\"><span>Advertisement</span><p>Buy a new car today!</p></div>\n", p.replace('&', "&amp;").replace('<', "&lt;")))
        .collect();
    let html = format!(
        "<!DOCTYPE html><html><head><title>Luton children's services</title><script>window.track('x')</script><style>p{{color:red}}</style></head>\
         <body><nav><ul><li><a href=\"/\">News</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav><main><article><h1>Council praised</h1>{paragraphs}</article></main>\
         <aside><h2>Most read</h2><p>Local man wins prize.</p></aside><div id=\"cookie-banner\">We use cookies. Accept all?</div><footer>© Newspaper Ltd</footer></body></html>"
    );
    let html_doc = ingest(html.as_bytes(), "article.html").expect("html ingests");
    let text_doc = ingest(article.as_bytes(), "article.txt").expect("text ingests");
    assert_eq!(html_doc.title.as_deref(), Some("Luton children's services"));
    let texts = |d| {
        engine::findings::extract(d)
            .into_iter()
            .map(|s| s.text)
            .collect::<Vec<_>>()
    };
    let (from_html, from_text) = (texts(&html_doc), texts(&text_doc));
    for junk in [
        "Buy a new car",
        "Advertisement",
        "Local man",
        "cookies",
        "News",
        "window.track",
        "Newspaper",
    ] {
        assert!(
            from_html.iter().all(|t| !t.contains(junk)),
            "{junk} leaked into findings"
        );
    }
    let key = "The quality of single assessments is inconsistent.";
    assert!(from_html.iter().any(|t| t.contains(key)));
    // The same claims come out of the page as out of its text.
    let missing: Vec<&String> = from_text
        .iter()
        .filter(|t| !from_html.contains(t))
        .collect();
    assert!(
        missing.len() * 10 <= from_text.len(),
        "html lost findings: {missing:#?}"
    );
}

#[test]
fn speakers_separate_inspectors_from_the_council() {
    let c = compare_files("luton-2021-2023/before.txt", "luton-2021-2023/after.txt");
    let who = |needle: &str| {
        c.after
            .findings
            .iter()
            .find(|f| f.text.contains(needle))
            .map(|f| f.speaker)
    };
    assert_eq!(
        who("We recognise that there are still areas"),
        Some(Speaker::Organisation)
    );
    assert_eq!(
        who("They were able to see the clear progress"),
        Some(Speaker::Organisation)
    );
    assert_eq!(who("Staff morale is positive"), Some(Speaker::Inspectors));
    assert!(c
        .before
        .findings
        .iter()
        .all(|f| f.speaker == Speaker::Inspectors));
    // A link resting on the council's own words says so.
    let org_links = c.themes.iter().flat_map(|t| &t.links).filter(|l| {
        l.after.as_ref().is_some_and(|id| {
            c.after
                .findings
                .iter()
                .any(|f| &f.id == id && f.speaker == Speaker::Organisation)
        })
    });
    assert!(org_links.clone().count() > 0);
    assert!(org_links.into_iter().all(|l| l.caveat.is_some()));
}

#[test]
fn a_report_from_another_field_gets_discovered_themes() {
    let before = "Release notes review, March 2024.\n\nThe login service times out under heavy load. Password reset emails are delayed by up to an hour. Test coverage of the billing module is low.\n";
    let after = "Release notes review, March 2025.\n\nThe login service now handles heavy load without timeouts. Password reset emails still arrive late for some users. The new search page is fast.\n";
    let (b, a) = (
        ingest(before.as_bytes(), "b.txt").unwrap(),
        ingest(after.as_bytes(), "a.txt").unwrap(),
    );
    let c = compare(&b, &a, &Codebook::builtin());
    assert_invariants(&c);
    let theme_of = |needle: &str, side: &engine::compare::Side| {
        side.findings
            .iter()
            .find(|f| f.text.contains(needle))
            .map(|f| f.theme.clone())
    };
    let login = theme_of("login service times out", &c.before).unwrap();
    assert!(login.starts_with("topic-"), "{login}");
    assert_eq!(Some(login.clone()), theme_of("login service now", &c.after));
    let link = c.themes.iter().flat_map(|t| &t.links).find(|l| {
        l.before.is_some()
            && l.after.is_some()
            && c.before
                .findings
                .iter()
                .any(|f| Some(&f.id) == l.before.as_ref() && f.text.contains("login"))
    });
    assert_eq!(link.map(|l| l.verdict), Some(Verdict::Improved));
}

#[test]
fn a_report_with_no_findings_gives_an_empty_valid_comparison() {
    let b = ingest(b"Contents\n\nPage 1\n\n2\n", "b.txt").unwrap();
    let a = ingest(b"Staff morale is positive across all teams.\n", "a.txt").unwrap();
    let c = compare(&b, &a, &Codebook::builtin());
    assert_invariants(&c);
    assert!(c.before.findings.is_empty());
    assert_eq!(c.after.findings.len(), 1);
    assert_eq!(c.summary.new_findings, 1);
}

#[test]
fn user_codebook_adds_a_theme_that_takes_its_findings() {
    let book = Codebook::builtin().with(
        Codebook::parse(
            "[[theme]]\nid = \"login\"\nlabel = \"Sign-in\"\nterms = [\"login\", \"password\"]\n",
            "mine.toml",
        )
        .unwrap(),
    );
    let b = ingest(
        b"The login page is slow to respond for many users.\n",
        "b.txt",
    )
    .unwrap();
    let a = ingest(b"The login page now responds quickly for users.\n", "a.txt").unwrap();
    let c = compare(&b, &a, &book);
    assert_eq!(c.themes.len(), 1);
    assert_eq!(c.themes[0].label, "Sign-in");
    assert_eq!(c.themes[0].verdict, Verdict::Improved);
}

#[test]
fn exports_carry_every_link() {
    let c = compare_files("luton-2021-2023/before.txt", "luton-2021-2023/after.txt");
    let links: usize = c.themes.iter().map(|t| t.links.len()).sum();
    let csv = export::to_csv(&c);
    // Quoted fields may hold commas but not newlines here (findings are one line each).
    assert_eq!(csv.lines().count(), links + 1);
    assert!(csv.starts_with("theme,theme_label,theme_verdict,verdict,"));
    let md = export::to_markdown(&c);
    assert!(md.contains(&export::headline(&c)));
    for t in &c.themes {
        assert!(md.contains(&format!("## {}", t.label)));
    }
    assert!(md.contains("Not mentioned in the later report"));
}
