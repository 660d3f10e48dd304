//! Any text as a share link: decoding returns a comparison or an error, never panics,
//! and never inflates past its cap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_compare::compare::Comparison;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(c) = report_compare::share::decode::<Comparison>(&text) {
        // Whatever decodes must encode again to something that decodes to the same.
        let again: Comparison = report_compare::share::decode(&report_compare::share::encode(&c)).expect("round trip");
        assert_eq!(again, c);
    }
});
