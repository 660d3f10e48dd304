//! The engine inside a real browser (headless Chromium via wasm-bindgen-test-runner).
//! Native `cargo test` skips this file; the app's own DOM tests are in crates/web/src/app/tests.rs.
#![cfg(target_arch = "wasm32")]

use engine::diff::{word_diff, Change, Span};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// The hostile corpus's small cases (crates/cli/tests/hostile.rs runs them natively, with the big ones).
#[path = "../../../tests/hostile/cases.rs"]
mod cases;

const EARLIER: &str = include_str!("../../../www/samples/luton-2021-focused-visit.txt");
const LATER: &str = include_str!("../../../www/samples/luton-2023-news-article.txt");

fn rebuild(spans: &[Span], skip: Change) -> String {
    spans
        .iter()
        .filter(|s| s.change != skip)
        .map(|s| s.text.as_str())
        .collect()
}

/// The word diff runs in the browser on report text (the seed pair's opening lines: the
/// page diffs findings, a sentence or two each).
#[wasm_bindgen_test]
fn word_diff_of_the_seed_pair_runs_in_the_browser() {
    let opening = |text: &str| text.lines().take(40).collect::<Vec<_>>().join("\n");
    let (earlier, later) = (opening(EARLIER), opening(LATER));
    let spans = word_diff(&earlier, &later);
    assert!(spans.iter().any(|s| s.change == Change::Deleted));
    assert!(spans.iter().any(|s| s.change == Change::Inserted));
    assert!(spans.iter().any(|s| s.change == Change::Same));
    assert_eq!(rebuild(&spans, Change::Inserted), earlier);
    assert_eq!(rebuild(&spans, Change::Deleted), later);
}

#[wasm_bindgen_test]
fn neighbouring_spans_never_share_a_tag() {
    let spans = word_diff(
        "caseloads are high and rising",
        "caseloads are now manageable",
    );
    for pair in spans.windows(2) {
        assert_ne!(pair[0].change, pair[1].change);
    }
    assert!(spans
        .iter()
        .any(|s| s.change == Change::Inserted && s.text.contains("manageable")));
}

#[wasm_bindgen_test]
fn a_browser_is_really_there() {
    let document = web_sys::window().and_then(|w| w.document());
    assert!(document.is_some(), "run_in_browser should give a DOM");
}

/// The whole engine (ingest, compare, corrections, exports) runs in the browser on the
/// seed pair, and gives what the native build gives (the CLI's counts are checked by e2e).
#[wasm_bindgen_test]
fn compare_and_corrections_run_in_the_browser() {
    use engine::compare::{compare, Verdict};
    use engine::ingest::ingest;
    use engine::overrides::{self, Edit, Overrides};
    use engine::themes::Codebook;

    let before = ingest(EARLIER.as_bytes(), "2021.txt").unwrap();
    let after = ingest(LATER.as_bytes(), "2023.txt").unwrap();
    assert_eq!(
        before.date.as_ref().map(|d| d.iso.as_str()),
        Some("2021-06-18")
    );
    let c = compare(&before, &after, &Codebook::builtin());
    assert!(c.summary.themes > 0);
    assert_eq!(c.summary.themes, c.themes.len());

    let theme = c.themes[0].id.clone();
    let mut o = Overrides::default();
    o.push(Edit::ThemeVerdict {
        theme: theme.clone(),
        verdict: Verdict::Regressed,
        note: Some("checked".into()),
    });
    let applied = overrides::apply(&c, &o);
    assert_eq!(applied.themes[0].verdict, Verdict::Regressed);
    let csv = overrides::to_csv(&c, &o);
    assert!(
        csv.lines().nth(1).unwrap().ends_with(",yes,checked,,") || csv.contains(",yes,checked,")
    );
    assert!(overrides::to_markdown(&c, &o).contains("(set by the reviewer)"));
    let back = Overrides::from_json(&o.to_json()).unwrap();
    assert_eq!(back, o);
}

/// The exports the worker makes, in the browser: the HTML briefing (text escaped) and the
/// codebook there and back (the Word file: crates/word/tests).
#[wasm_bindgen_test]
fn briefings_and_the_codebook_are_made_in_the_browser() {
    use engine::codebook;
    use engine::compare::{compare, Verdict};
    use engine::export::{html, qdc};
    use engine::ingest::ingest;
    use engine::overrides::{Edit, Overrides};
    use engine::themes::Codebook;

    let before = ingest(EARLIER.as_bytes(), "2021.txt").unwrap();
    let after = ingest(LATER.as_bytes(), "2023.txt").unwrap();
    let c = compare(&before, &after, &Codebook::builtin());
    let mut o = Overrides::default();
    o.push(Edit::ThemeVerdict {
        theme: c.themes[0].id.clone(),
        verdict: Verdict::Mixed,
        note: Some("<i>seen</i> & checked".into()),
    });
    let page = html::corrected(&c, &o);
    assert!(page.contains("&lt;i&gt;seen&lt;/i&gt; &amp; checked") && !page.contains("<i>"));
    let book = Codebook::builtin();
    let text = qdc::to_qdc(&book, None, Some(&c));
    let back = codebook::read(&text, "seed.qdc").unwrap();
    assert_eq!(back.themes[..book.themes.len()], book.themes[..]);
}

/// The same engine the worker runs, in the browser: every small hostile file is read or
/// refused as its kind calls for, and nothing panics (a panic here is a dead worker).
#[wasm_bindgen_test]
fn hostile_small_cases_are_read_or_refused_in_the_browser() {
    use engine::compare::compare;
    use engine::ingest::ingest;
    use engine::themes::Codebook;
    let book = Codebook::builtin();
    let other = ingest(cases::PROSE.as_bytes(), "baseline.txt").expect("baseline reads");
    let failures: Vec<String> = cases::small_cases()
        .into_iter()
        .filter_map(|case| {
            let outcome = ingest(&case.bytes, &case.file_name).map(|doc| {
                let _ = compare(&doc, &other, &book);
                doc.blocks.len()
            });
            cases::judge(case.id, case.expect, outcome.map_err(|e| e.reason))
        })
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}
