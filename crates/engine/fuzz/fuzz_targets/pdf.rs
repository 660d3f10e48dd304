//! Any bytes as a PDF: the reader (lopdf parsing, our fonts, content streams and layout)
//! must return a document or an error, never panic or hang. Inputs that don't start like
//! a PDF are given the header, so every run reaches the PDF reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let bytes = if data.starts_with(b"%PDF-") {
        data.to_vec()
    } else {
        [b"%PDF-1.7\n".as_slice(), data].concat()
    };
    if let Ok(doc) = engine::ingest::ingest(&bytes, "report.pdf") {
        let _ = engine::findings::extract(&doc);
    }
});
