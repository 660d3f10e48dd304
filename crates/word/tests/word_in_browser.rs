//! The Word writer in a real browser (headless Chromium via wasm-bindgen-test-runner), as
//! its worker runs it. Native `cargo test` skips this file.
#![cfg(target_arch = "wasm32")]

use engine::compare::{compare, Verdict};
use engine::export::docx;
use engine::ingest::ingest;
use engine::overrides::{Edit, Overrides};
use engine::themes::Codebook;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EARLIER: &str = include_str!("../../../www/samples/luton-2021-focused-visit.txt");
const LATER: &str = include_str!("../../../www/samples/luton-2023-news-article.txt");

/// The Word file is a zip, the same bytes every time, and holds the person's note.
#[wasm_bindgen_test]
fn the_word_briefing_is_made_in_the_browser() {
    let before = ingest(EARLIER.as_bytes(), "2021.txt").unwrap();
    let after = ingest(LATER.as_bytes(), "2023.txt").unwrap();
    let c = compare(&before, &after, &Codebook::builtin());
    let mut o = Overrides::default();
    o.push(Edit::ThemeVerdict {
        theme: c.themes[0].id.clone(),
        verdict: Verdict::Mixed,
        note: Some("seen and checked".into()),
    });
    let word = docx::corrected(&c, &o).unwrap();
    assert_eq!(&word[..4], b"PK\x03\x04");
    assert_eq!(
        word,
        docx::corrected(&c, &o).unwrap(),
        "same bytes every time"
    );
}
