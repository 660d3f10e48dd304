#![warn(missing_docs)]
//! report-compare engine: pure Rust, no web dependencies. Compiled natively (CLI, tests)
//! and to wasm (the Yew app) unchanged.

pub mod align;
pub mod codebook;
pub mod compare;
pub mod diff;
pub mod export;
pub mod findings;
pub mod ingest;
pub mod overrides;
pub mod polarity;
pub mod ratings;
pub mod series;
pub mod share;
pub mod sort;
pub mod text;
pub mod themes;
pub mod topics;

// The front door: what a caller needs to read two reports and compare them, with a
// person's codebook and corrections.
pub use compare::{compare, Comparison};
pub use ingest::{ingest, Document, IngestError, IngestErrorKind};
pub use overrides::Overrides;
pub use themes::Codebook;
