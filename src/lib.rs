//! report-compare engine: pure Rust, no web dependencies. Compiled natively (CLI, tests)
//! and to wasm (the Yew app) unchanged.

pub mod diff;
pub mod text;
pub mod ingest;
pub mod findings;
pub mod themes;
pub mod polarity;
pub mod align;
pub mod ratings;
pub mod compare;
pub mod export;
