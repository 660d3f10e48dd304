//! Any text as a share link: decoding returns a comparison or an error, never panics,
//! and never inflates past its cap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use engine::compare::Comparison;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(c) = engine::share::decode::<Comparison>(&text) {
        // Whatever decodes must encode again to something that decodes to the same.
        let again: Comparison = engine::share::decode(&engine::share::encode(&c)).expect("round trip");
        assert_eq!(again, c);
    }
});
