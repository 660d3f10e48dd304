//! The shipped page has no reader, comparison, recount or export code: without a worker, each job
//! says why it can't go on ([`super::NO_READER`]).

use super::*;

fn no_reader<T>() -> Result<T, Stopped> {
    Err(Stopped::Failed(NO_READER.to_string()))
}

pub fn read(_: &str, _: &[u8]) -> Result<Read, Stopped> {
    no_reader()
}

pub fn compare(_: &Document, _: &Document, _: Option<&str>) -> Result<(Comparison, f64), Stopped> {
    no_reader()
}

pub fn codebook(_: &str, _: &[u8]) -> Result<Result<ReadCodebook, String>, Stopped> {
    no_reader()
}

pub fn export(
    _: ExportKind,
    _: &Comparison,
    _: &Overrides,
    _: Option<(&str, &str)>,
) -> Result<String, Stopped> {
    no_reader()
}

pub fn apply(_: &Comparison, _: &Overrides) -> Result<Applied, Stopped> {
    no_reader()
}
