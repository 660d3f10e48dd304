//! The messages between the page and its Web Worker (`crates/worker`), shared by both
//! (a crate of its own that both depend on). Each message is a JS array: a small JSON
//! header (these types), then its payload — for `Read` the file's `ArrayBuffer`
//! (transferred, not copied); for `Compare` the two documents' JSON (and the codebook's,
//! when the person gave one; `Series`: three or more documents, then the codebook); for
//! `Docx`, `Export` and `Apply` the comparison's and the corrections' JSON; back from the worker, the
//! document's, the comparison's, the series' or the codebook's JSON as strings, or the
//! Word file's bytes (transferred).

use serde::{Deserialize, Serialize};

/// Page → worker.
#[derive(Debug, Serialize, Deserialize)]
pub enum Request {
    /// Read a file (payload: its bytes as an `ArrayBuffer`).
    Read { job: u32, name: String },
    /// Compare two documents (payload: earlier and later `Document` JSON, then the
    /// `Codebook` JSON to use, or nothing for the built-in one).
    Compare { job: u32 },
    /// Build a series (payload: three or more `Document` JSON, in the order to compare,
    /// then the `Codebook` JSON to use, or nothing for the built-in one).
    Series { job: u32 },
    /// Make the Word briefing (payload: the engine's `Comparison` JSON and the person's
    /// `Overrides` JSON).
    Docx { job: u32 },
    /// Read a codebook file (payload: its bytes as an `ArrayBuffer`).
    Codebook { job: u32, name: String },
    /// Make an export (payload: the engine's `Comparison` JSON and the person's
    /// `Overrides` JSON; for a codebook, then the codebook the comparison was made with and
    /// the person's own, as `Codebook` JSON, each "" when it is the built-in one / none).
    Export { job: u32, kind: ExportKind },
    /// Apply the person's corrections (payload: the engine's `Comparison` JSON and the
    /// `Overrides` JSON). A comparison of an earlier schema (an old share link) is brought
    /// up to date first. The page has no recount code of its own: this is how a correction
    /// shows.
    Apply { job: u32 },
}

/// The files the reading worker writes (the Word file has a worker of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportKind {
    /// The comparison with the person's corrections (`report-compare/2`).
    Json,
    /// The briefing as Markdown.
    Markdown,
    /// The briefing as one self-contained web page.
    Html,
    /// One row per link, for a spreadsheet.
    Csv,
    /// The codebook as REFI-QDA `.qdc` XML.
    Qdc,
}

/// Worker → page.
#[derive(Debug, Serialize, Deserialize)]
pub enum Reply {
    /// The worker is listening (sent once; the page queues requests until then).
    /// `lock`: the Web Lock it holds for as long as it lives, so the page can notice it
    /// stopping without a word (None where the browser has no Web Locks).
    Ready { lock: Option<String> },
    /// A job reached a stage: `done` of `total` steps, `label` in words.
    Progress {
        job: u32,
        label: String,
        done: u32,
        total: u32,
    },
    /// A file was read (payload: the `Document` JSON) or refused (`error`, the engine's
    /// reason in words).
    Read {
        job: u32,
        /// FNV-1a 64 of the bytes (names saved corrections).
        hash: u64,
        findings: usize,
        /// Time spent in the engine's reader, in milliseconds.
        millis: f64,
        error: Option<String>,
    },
    /// A comparison (payload: the `Comparison` JSON), or why there is none.
    Compared {
        job: u32,
        millis: f64,
        error: Option<String>,
    },
    /// A series (payload: the `Series` JSON without its steps, then each step's
    /// `Comparison` JSON: the page shows the overview before it has read them all), or
    /// why there is none.
    Series {
        job: u32,
        millis: f64,
        error: Option<String>,
    },
    /// The Word briefing (payload: its bytes, a `Uint8Array`), or why there is none.
    Docx { job: u32, error: Option<String> },
    /// A codebook read (payload: the person's `Codebook` JSON as read, then the built-in
    /// one with theirs on top, which is what comparisons use), or why it can't be used.
    Codebook { job: u32, error: Option<String> },
    /// An export's text (payload: a string), or why there is none.
    Exported { job: u32, error: Option<String> },
    /// The comparison with the corrections applied (payload: its JSON; then, when the
    /// comparison sent was of an earlier schema, the comparison brought up to date, which
    /// the page keeps as its base), the indexes of the corrections that no longer fit, or
    /// why there is none.
    Applied {
        job: u32,
        skipped: Vec<usize>,
        upgraded: bool,
        error: Option<String>,
    },
}

/// The engine's checksum names a file's bytes (storage keys, worker replies).
pub use engine::share::fnv1a;
