//! The engine on the page itself, for the page's unit tests (they run without a worker).

use super::*;
use engine::themes::Codebook;
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
    codebook: Option<&str>,
) -> Result<(Comparison, f64), Stopped> {
    let started = io::now();
    let book = codebook.map_or_else(Codebook::builtin, parse);
    let c = engine::compare::compare(before, after, &book);
    Ok((c, io::now() - started))
}

pub fn codebook(name: &str, bytes: &[u8]) -> Result<Result<ReadCodebook, String>, Stopped> {
    Ok(books::from_bytes(bytes, name)
        .map(|yours| {
            let book = Codebook::builtin().with(yours.clone());
            let json = |c: &Codebook| serde_json::to_string(c).unwrap();
            ReadCodebook::from_json(json(&yours), json(&book)).unwrap()
        })
        .map_err(|e| e.to_string()))
}

/// A codebook's JSON as the page keeps it.
pub fn parse(json: &str) -> Codebook {
    serde_json::from_str(json).unwrap()
}

pub fn export(
    kind: ExportKind,
    base: &Comparison,
    corrections: &Overrides,
    books: Option<(&str, &str)>,
) -> Result<String, Stopped> {
    let books = books.map(|(made_with, yours)| (parse(made_with), parse(yours)));
    let books = books.as_ref().map(|(made_with, yours)| (made_with, yours));
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
