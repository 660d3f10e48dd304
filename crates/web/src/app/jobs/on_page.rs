//! The engine on the page itself, for the page's unit tests (they run without a worker).

use super::*;
use engine::export::{html, qdc};
use engine::{codebook as books, findings, ingest, overrides};

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
    Ok(match kind {
        ExportKind::Json => overrides::to_json(base, corrections),
        ExportKind::Markdown => overrides::to_markdown(base, corrections),
        ExportKind::Csv => overrides::to_csv(base, corrections),
        ExportKind::Html => html::corrected(base, corrections),
        ExportKind::Qdc => {
            let builtin = Codebook::builtin();
            let (made_with, yours) = match books {
                Some((b, y)) => (b, Some(y)),
                None => (&builtin, None),
            };
            let applied = overrides::apply(base, corrections);
            qdc::to_qdc(made_with, yours, Some(&applied))
        }
    })
}
