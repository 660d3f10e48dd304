//! The small rendering helpers and the word diff's runs.

use engine::compare::Verdict;
use engine::diff::{word_diff, Change};
use wasm_bindgen_test::*;

use super::super::io;
use super::super::reading::{SAMPLE_EARLIER, SAMPLE_LATER};
use super::super::route::theme_href;
use super::super::view::{
    alike, capitalise_first, first_words, fixed, human_date, lower, paired_diff, plural, side_runs,
    verdict_short, weak_match, year, DIFF_THRESHOLD, VERDICTS, WEAK_MATCH,
};

#[wasm_bindgen_test]
fn small_helpers() {
    assert_eq!(human_date("2021-06-18"), "18 June 2021");
    assert_eq!(human_date("2022-07"), "July 2022");
    assert_eq!(human_date("sometime"), "sometime");
    assert_eq!(year(Some("2023-07-19")), Some("2023"));
    assert_eq!(year(None), None);
    assert_eq!(plural(1, "finding", "findings"), "1 finding");
    assert_eq!(plural(3, "finding", "findings"), "3 findings");
    // As `format!("{:.N}")` shows them (ties aside: these round half away from zero).
    assert_eq!(fixed(0.4237, 2), "0.42");
    assert_eq!(fixed(0.0, 2), "0.00");
    assert_eq!(fixed(12.34, 1), "12.3");
    assert_eq!(fixed(99.96, 1), "100.0");
    assert_eq!(fixed(142.0, 0), "142");
    assert_eq!(fixed(16.4, 0), "16");
    assert_eq!(fixed(-2.06, 1), "-2.1");
    assert_eq!(fixed(-0.01, 1), "0.0");
    for x in [0.0, 1.0 / 3.0, 7.77, 123.456, 1_048_576.0 / 3.0] {
        assert_eq!(fixed(x, 1), format!("{x:.1}"));
        assert_eq!(fixed(x, 2), format!("{x:.2}"));
    }
    assert_eq!(first_words("a b c d", 2), "a b …");
    assert_eq!(first_words("a b", 5), "a b");
    // "Dropped" never reads as resolved.
    for v in VERDICTS {
        assert!(!verdict_short(v).to_lowercase().contains("resolved"));
    }
    assert_eq!(verdict_short(Verdict::Dropped), "Not mentioned later");
    assert_eq!(io::file_name(SAMPLE_LATER), "luton-2023-news-article.txt");
    for url in [SAMPLE_EARLIER, SAMPLE_LATER] {
        assert!(url.starts_with("samples/"), "{url} must be relative");
    }
    assert_eq!(theme_href("front-door"), "#/theme/front-door");
    // "Weak match": a barely alike pair the engine made, never one a person made.
    let pair = |s: f32, overridden: bool| engine::compare::Link {
        overridden,
        ..engine::compare::Link::new(
            Some("b1".into()),
            Some("a1".into()),
            Verdict::Persisted,
            s,
            engine::findings::Speaker::Inspectors,
        )
    };
    assert!(weak_match(&pair(WEAK_MATCH - 0.01, false)));
    assert!(!weak_match(&pair(WEAK_MATCH, false)));
    assert!(!weak_match(&pair(0.0, true)));
}

#[wasm_bindgen_test]
fn diff_runs_join_a_changed_phrase_and_skip_unlike_pairs() {
    let spans = word_diff(
        "caseloads are very high here",
        "caseloads are now manageable here",
    );
    let runs = side_runs(&spans, Change::Inserted);
    assert_eq!(
        runs,
        vec![
            (false, "caseloads are ".to_string()),
            (true, "now manageable".to_string()),
            (false, " here".to_string())
        ]
    );
    let runs = side_runs(&spans, Change::Deleted);
    assert!(runs.contains(&(true, "very high".to_string())), "{runs:?}");
    assert!(alike(&spans) >= DIFF_THRESHOLD);
    let unlike = word_diff(
        "Caseloads are high.",
        "Leaders visit the front door weekly.",
    );
    assert!(alike(&unlike) < DIFF_THRESHOLD);
    let (_, _, marked) = paired_diff(
        "Caseloads are high.",
        "Leaders visit the front door weekly.",
    );
    assert!(!marked);
}

/// The browser's case mappings, which the page uses instead of core's tables, are core's:
/// every character, and whole texts (a final sigma, letters that lengthen). A million
/// characters take a while in a debug build: the test yields now and then, so the test
/// runner's driver, which polls the page, is answered in time.
#[wasm_bindgen_test]
async fn the_browsers_case_mappings_are_rusts() {
    let mut differ = Vec::new();
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        if (c as u32).is_multiple_of(0x2000) {
            io::yield_now().await;
        }
        let one = c.to_string();
        if lower(&one) != one.to_lowercase() {
            differ.push(format!("lower U+{:04X}", c as u32));
        }
        if capitalise_first(&format!("{c}x")) != format!("{}x", c.to_uppercase()) {
            differ.push(format!("upper U+{:04X}", c as u32));
        }
    }
    assert!(
        differ.is_empty(),
        "{} differ: {:?}",
        differ.len(),
        &differ[..differ.len().min(20)]
    );
    for text in [
        "",
        "ΟΔΟΣ ΟΔΟΣ. ΣΑΣ Σ",
        "İstanbul ẞtraße KELVIN \u{212A} ǅungla",
        "the earlier report gave one grade",
        super::EARLIER,
        super::LATER,
    ] {
        assert_eq!(lower(text), text.to_lowercase(), "{text:.40}");
        let mut chars = text.chars();
        let rust: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        assert_eq!(capitalise_first(text), rust, "{text:.40}");
    }
}
