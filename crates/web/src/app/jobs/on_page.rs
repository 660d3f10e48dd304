//! The engine on the page itself, for the page's unit tests (they run without a worker).

use super::*;
use engine::{codebook as books, findings, ingest};

pub fn read(name: &str, bytes: &[u8]) -> Result<Read, Stopped> {
    Ok(read_now(name, bytes))
}

/// Reads `bytes` at once (the tests' reports).
pub fn read_now(name: &str, bytes: &[u8]) -> Read {
    let read = ingest::ingest(bytes, name)
        .map(|doc| {
            let n = findings::extract(&doc).len();
            (doc, n)
        })
        .map_err(|e| e.reason);
    Read {
        hash: engine::share::fnv1a(bytes),
        read,
    }
}

pub fn compare(
    before: &Document,
    after: &Document,
    codebook: Option<&Codebook>,
) -> Result<(Comparison, f64), Stopped> {
    let started = io::now();
    let builtin = Codebook::builtin();
    let c = engine::compare::compare(before, after, codebook.unwrap_or(&builtin));
    Ok((c, io::now() - started))
}

pub fn codebook(name: &str, bytes: &[u8]) -> Result<Result<ReadCodebook, String>, Stopped> {
    Ok(books::from_bytes(bytes, name)
        .map(|yours| ReadCodebook {
            book: Codebook::builtin().with(yours.clone()),
            yours,
        })
        .map_err(|e| e.to_string()))
}

pub fn export(
    kind: ExportKind,
    base: &Comparison,
    corrections: &Overrides,
    books: Option<(&Codebook, &Codebook)>,
) -> Result<String, Stopped> {
    Ok(worker::export_text(kind, base, corrections, books))
}

pub fn apply(base: &Comparison, corrections: &Overrides) -> Result<Applied, Stopped> {
    worker::apply(base.clone(), corrections)
        .map(|a| Applied {
            upgraded: a.upgraded,
            applied: a.applied,
            skipped: a.skipped,
        })
        .map_err(Stopped::Failed)
}
