//! Two arbitrary texts through the whole engine: compare must not panic and must keep
//! its invariant that every finding appears in a link.
#![no_main]

use libfuzzer_sys::fuzz_target;
use engine::compare::compare;
use engine::ingest::ingest;
use engine::themes::Codebook;

fuzz_target!(|data: &[u8]| {
    let cut = data.iter().position(|&b| b == 0xff).unwrap_or(data.len() / 2);
    let (a, b) = data.split_at(cut);
    let b = b.get(1..).unwrap_or_default();
    let (Ok(x), Ok(y)) = (ingest(a, "a.txt"), ingest(b, "b.md")) else { return };
    let c = compare(&x, &y, &Codebook::builtin());
    let linked = |id: &String| c.themes.iter().flat_map(|t| &t.links).any(|l| l.before.as_ref() == Some(id) || l.after.as_ref() == Some(id));
    assert!(c.before.findings.iter().chain(&c.after.findings).all(|f| linked(&f.id)));
});
