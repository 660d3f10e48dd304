//! Speed of the engine on large reports (`cargo bench`, or `make bench`).
//!
//! Builds ~300 KB reports from real inspection text, varied per copy so they do not
//! collapse into repeats, then times: tokenising both (ingest + findings + stems), the
//! full comparison, and the full comparison of 10x larger input. Prints the ratios the
//! engine promises: compare <= 5x tokenise, and 10x input <= 12x time.

use engine::compare::compare;
use engine::findings;
use engine::ingest::ingest;
use engine::text::content_stems;
use engine::themes::Codebook;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Repeats `text` until it reaches `target` bytes; every copy gets its own words in
/// place of some (deterministic pseudo-random), as a long report's sections would.
fn grow(text: &str, target: usize) -> String {
    let mut out = String::with_capacity(target + text.len());
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut copy = 0;
    while out.len() < target {
        copy += 1;
        for line in text.lines() {
            for (i, word) in line.split(' ').enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                if word.len() > 4 && word.chars().all(char::is_alphabetic) && (state >> 60) == 0 {
                    out.push_str(&format!(
                        "{word}{}",
                        ["ly", "ed", "ing", "ness", "al"][(copy + i) % 5]
                    ));
                    out.push_str(&format!(" area{copy}"));
                } else {
                    out.push_str(word);
                }
            }
            out.push('\n');
        }
        out.push_str(&format!("\nSection {copy} continued\n\n"));
    }
    out
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn tokenise(a: &[u8], b: &[u8]) {
    for (bytes, name) in [(a, "a.txt"), (b, "b.txt")] {
        if let Ok(doc) = ingest(bytes, name) {
            for s in findings::extract(&doc) {
                black_box(content_stems(&s.text));
            }
        }
    }
}

fn full(a: &[u8], b: &[u8], book: &Codebook) -> usize {
    let (Ok(x), Ok(y)) = (ingest(a, "a.txt"), ingest(b, "b.txt")) else {
        return 0;
    };
    compare(&x, &y, book).themes.len()
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/ilacs/");
    let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).expect("bench fixture");
    let (before, after) = (read("luton-2022-09-05.txt"), read("luton-2026-03-10.txt"));
    let book = Codebook::builtin();
    let mut results = Vec::new();
    for (label, size, runs) in [("300 KB", 300_000, 7), ("3 MB (10x)", 3_000_000, 3)] {
        let a = grow(&before, size).into_bytes();
        let b = grow(&after, size).into_bytes();
        // For timing another tool on the same texts (scripts/bench.sh: jsdiff).
        if let Ok(dir) = std::env::var("BENCH_TEXTS_DIR") {
            let stem = format!("{dir}/{}", size / 1000);
            for (side, bytes) in [("before", &a), ("after", &b)] {
                std::fs::write(format!("{stem}k-{side}.txt"), bytes).expect("write bench text");
            }
        }
        let t_tok = time(runs, || tokenise(&a, &b));
        let t_cmp = time(runs, || {
            black_box(full(&a, &b, &book));
        });
        println!(
            "{label}: inputs {} + {} bytes; tokenise {:?}; compare {:?} ({:.1}x tokenise)",
            a.len(),
            b.len(),
            t_tok,
            t_cmp,
            t_cmp.as_secs_f64() / t_tok.as_secs_f64()
        );
        results.push(t_cmp);
    }
    println!(
        "10x input took {:.1}x the time",
        results[1].as_secs_f64() / results[0].as_secs_f64()
    );
}
