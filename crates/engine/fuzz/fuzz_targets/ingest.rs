//! Any bytes, under any of the names users give files: ingest and findings must return
//! (an error or a document), never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = ["report.txt", "report.md", "page.html", "report.pdf", "noext"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    if let Ok(doc) = engine::ingest::ingest(bytes, name) {
        let _ = engine::findings::extract(&doc);
    }
});
