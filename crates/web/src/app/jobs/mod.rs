//! The page's side of its workers: files are read there (a PDF by the PDF reader,
//! anything else by the reading worker, `crates/pdf` and `crates/worker`), reports compared,
//! codebooks read, corrections applied and exports made, so the page stays responsive and carries none of that
//! code (a shared link opens without fetching a worker; each starts with its first job).
//! Each job is a request to a worker and a promise resolved by its reply (`client.rs`);
//! Cancel terminates the workers (the engine's calls can't be interrupted) and starts
//! fresh ones. The Word writer is a worker started for one request (`word.rs`).
//!
//! A worker can also die under a job: a panic (the wasm traps), running out of memory, or
//! the browser ending it. A trap or an exception comes as an `error` event; an ending
//! without one is noticed through a Web Lock the worker holds while it lives (see
//! `crates/worker`). Either way the jobs in flight end with [`Stopped::Crashed`], the page
//! says so in words, and a fresh worker takes the next job.
//!
//! Plain `web_sys::Worker` + JSON messages rather than yew-agent: no extra crates, the
//! bytes are transferred (not copied), and the worker bundles don't carry Yew. The
//! single-file build inlines the two reading workers (`blob:` URLs it names in globals).
//! If no worker can start at all, the job fails with [`NO_READER`]; only the page's unit
//! tests, which have no worker, do the work on the page ([`on_page`]).
use engine::compare::Comparison;
use engine::ingest::Document;
use engine::overrides::Overrides;
use engine::themes::Mode;
use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;

use super::io;
use super::protocol::{ExportKind, Reply, Request};

mod client;
mod word;

use client::request_to;
#[cfg(not(feature = "series"))]
pub use client::retire;
use client::Kind;
pub use client::{available, cancel, use_progress, warm};
pub(super) use client::{request, NO_WORKER};
pub use word::docx;

/// The engine on the page itself. Only the page's unit tests have it (they run without a
/// worker); the shipped page has no reader, comparison or export code, and says why it
/// can't go on ([`NO_READER`]).
#[cfg(not(test))]
#[path = "no_engine.rs"]
mod on_page;
#[cfg(test)]
pub mod on_page;

/// What a job gives when no worker could start: the page can't do the work itself.
pub const NO_READER: &str = "the app’s reader (a Web Worker) could not start in this browser, and the page can’t read or compare without it. Reload the page, or open it in an up-to-date browser.";

/// How far a job has got, for the progress bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub label: String,
    pub done: u32,
    pub total: u32,
}

/// Why a job gave no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Stopped {
    /// The person cancelled it.
    Cancelled,
    /// The worker died under it (a panic, out of memory, or ended by the browser).
    Crashed,
    /// The worker failed (it crashed or could not start); the reason in words.
    Failed(String),
}

/// A file as the engine read it.
pub struct Read {
    pub hash: u64,
    pub read: Result<(Document, usize), String>,
}

/// A payload part: engine data as JSON text (plain data with string keys always
/// serialises).
pub(super) fn json(value: &impl serde::Serialize) -> JsValue {
    JsValue::from_str(&serde_json::to_string(value).unwrap_or_default())
}

/// What a worker dying under a job means, for the person (the browser's own words,
/// "unreachable" or "Maximum memory size exceeded", go to the console).
pub const CRASH_REASON: &str = "the reader ran out of memory or crashed";

/// Reads a file's bytes with the engine, in a worker (the buffer is transferred to it): a
/// PDF in the PDF reader, anything else in the reading worker.
pub async fn read(name: &str, buffer: ArrayBuffer) -> Result<Read, Stopped> {
    let head =
        Uint8Array::new_with_byte_offset_and_length(&buffer, 0, buffer.byte_length().min(1024))
            .to_vec();
    let kind = if engine::ingest::is_pdf(&head) {
        Kind::Pdf
    } else {
        Kind::Reader
    };
    if available() {
        let reply = request_to(
            kind,
            |job| Request::Read {
                job,
                name: name.to_string(),
            },
            Array::of1(&buffer),
            Array::of1(&buffer),
        )
        .await;
        match reply {
            Ok(message) => return Ok(read_reply(&message)),
            // No worker could start.
            Err(Stopped::Failed(r)) if r == NO_WORKER => {}
            Err(e) => return Err(e),
        }
        // The buffer went to the dead worker: nothing to read here.
        if buffer.byte_length() == 0 {
            return Err(Stopped::Failed(NO_READER.into()));
        }
    }
    on_page::read(name, &Uint8Array::new(&buffer).to_vec())
}

/// Reads text the person pasted, in the worker like a file.
pub async fn read_text(name: &str, text: &str) -> Result<Read, Stopped> {
    read(name, Uint8Array::from(text.as_bytes()).buffer()).await
}

fn read_reply(message: &Array) -> Read {
    let header = message.get(0).as_string().unwrap_or_default();
    let Ok(Reply::Read {
        hash,
        findings,
        error,
        ..
    }) = serde_json::from_str::<Reply>(&header)
    else {
        return Read {
            hash: 0,
            read: Err("the reader's answer was garbled. Try again.".into()),
        };
    };
    let read = match error {
        Some(reason) => Err(reason),
        None => message
            .get(1)
            .as_string()
            .and_then(|json| serde_json::from_str::<Document>(&json).ok())
            .map(|doc| (doc, findings))
            .ok_or_else(|| "the reader's answer was garbled. Try again.".to_string()),
    };
    Read { hash, read }
}

/// Compares two documents with `codebook` (None: the built-in one) in the reading worker.
/// Returns the comparison and the milliseconds the engine took.
pub async fn compare(
    before: &Document,
    after: &Document,
    codebook: Option<&str>,
) -> Result<(Comparison, f64), Stopped> {
    if available() {
        let payload = Array::of2(&json(before), &json(after));
        if let Some(book) = codebook {
            payload.push(&JsValue::from_str(book));
        }
        let reply = request(|job| Request::Compare { job }, payload, Array::new()).await;
        match reply {
            Ok(message) => {
                // The answer arrived in the message's task; parse it in a task of its own.
                io::yield_now().await;
                let header = message.get(0).as_string().unwrap_or_default();
                return match serde_json::from_str::<Reply>(&header) {
                    Ok(Reply::Compared {
                        millis,
                        error: None,
                        ..
                    }) => {
                        let parsed = message
                            .get(1)
                            .as_string()
                            .and_then(|json| serde_json::from_str::<Comparison>(&json).ok());
                        // What follows (corrections, the render) in tasks of their own.
                        io::yield_now().await;
                        parsed.map(|c| (c, millis)).ok_or_else(|| {
                            Stopped::Failed("the comparison came back garbled.".into())
                        })
                    }
                    Ok(Reply::Compared { error: Some(e), .. }) => Err(Stopped::Failed(e)),
                    _ => Err(Stopped::Failed("the comparison came back garbled.".into())),
                };
            }
            Err(Stopped::Failed(r)) if r == NO_WORKER => {}
            Err(e) => return Err(e),
        }
    }
    on_page::compare(before, after, codebook)
}

/// A codebook file read by the worker: the person's codebook as read, and the built-in
/// one with theirs on top (what comparisons use).
///
/// The page keeps codebooks as the JSON the worker sent and sends them back as they came:
/// it reads only how many themes the person's has and whether they replace the built-in
/// ones, so it carries no codebook's `Deserialize` or `Serialize` code.
pub struct ReadCodebook {
    /// The person's codebook as read (`Codebook` JSON).
    pub yours: String,
    /// The built-in codebook with theirs on top, what comparisons use (`Codebook` JSON).
    pub book: String,
    /// How many themes the person's codebook has.
    pub themes: usize,
    /// Whether they are added to the built-in ones or replace them.
    pub mode: Mode,
}

/// What the page reads of a codebook's JSON (the rest is skipped).
#[derive(serde::Deserialize)]
struct Outline {
    #[serde(default)]
    mode: Mode,
    #[serde(default, rename = "theme")]
    themes: Vec<serde::de::IgnoredAny>,
}

impl ReadCodebook {
    /// The worker's two codebooks (None when the person's is not a codebook's JSON).
    pub fn from_json(yours: String, book: String) -> Option<ReadCodebook> {
        let outline = serde_json::from_str::<Outline>(&yours).ok()?;
        Some(ReadCodebook {
            yours,
            book,
            themes: outline.themes.len(),
            mode: outline.mode,
        })
    }
}

/// Reads a codebook file (TOML, JSON or `.qdc`) in the worker. The inner `Err` is the
/// engine's reason the file can't be used.
pub async fn codebook(
    name: &str,
    buffer: ArrayBuffer,
) -> Result<Result<ReadCodebook, String>, Stopped> {
    if available() {
        let reply = request(
            |job| Request::Codebook {
                job,
                name: name.to_string(),
            },
            Array::of1(&buffer),
            Array::of1(&buffer),
        )
        .await;
        match reply {
            Ok(message) => {
                let header = message.get(0).as_string().unwrap_or_default();
                let part = |i: u32| message.get(i).as_string();
                let garbled = || "the codebook came back garbled. Try again.".to_string();
                return Ok(match serde_json::from_str::<Reply>(&header) {
                    Ok(Reply::Codebook { error: Some(e), .. }) => Err(e),
                    Ok(Reply::Codebook { error: None, .. }) => part(1)
                        .zip(part(2))
                        .and_then(|(yours, book)| ReadCodebook::from_json(yours, book))
                        .ok_or_else(garbled),
                    _ => Err(garbled()),
                });
            }
            Err(Stopped::Failed(r)) if r == NO_WORKER => {}
            Err(e) => return Err(e),
        }
        if buffer.byte_length() == 0 {
            return Err(Stopped::Failed(NO_READER.into()));
        }
    }
    on_page::codebook(name, &Uint8Array::new(&buffer).to_vec())
}

/// Makes an export of `base` with the person's corrections in the worker: its text. For a
/// codebook, `books` is the codebook the comparison was made with and the person's own
/// (None: the built-in one, no codebook of theirs).
pub async fn export(
    kind: ExportKind,
    base: &Comparison,
    corrections: &Overrides,
    books: Option<(&str, &str)>,
) -> Result<String, Stopped> {
    if available() {
        let payload = Array::of2(&json(base), &JsValue::from_str(&corrections.to_json()));
        if let Some((made_with, yours)) = books {
            payload.push(&JsValue::from_str(made_with));
            payload.push(&JsValue::from_str(yours));
        }
        match request(|job| Request::Export { job, kind }, payload, Array::new()).await {
            Ok(message) => {
                let header = message.get(0).as_string().unwrap_or_default();
                return match serde_json::from_str::<Reply>(&header) {
                    Ok(Reply::Exported { error: Some(e), .. }) => Err(Stopped::Failed(e)),
                    Ok(Reply::Exported { error: None, .. }) => message
                        .get(1)
                        .as_string()
                        .ok_or_else(|| Stopped::Failed("the file came back garbled.".into())),
                    _ => Err(Stopped::Failed("the file came back garbled.".into())),
                };
            }
            Err(Stopped::Failed(r)) if r == NO_WORKER => {}
            Err(e) => return Err(e),
        }
    }
    on_page::export(kind, base, corrections, books)
}

/// A comparison with the person's corrections applied, as the worker made it.
#[derive(Debug)]
pub struct Applied {
    /// The comparison brought up to date, when it was of an earlier schema (an old share
    /// link): the base from now on.
    pub upgraded: Option<Comparison>,
    pub applied: Comparison,
    /// Indexes of the corrections that no longer fit.
    pub skipped: Vec<usize>,
}

/// Applies the person's corrections to `base` in the reading worker (the page has no
/// recount code: `overrides::apply_checked` and `compare::refresh` are the worker's).
pub async fn apply(base: &Comparison, corrections: &Overrides) -> Result<Applied, Stopped> {
    if available() {
        let payload = Array::of2(&json(base), &JsValue::from_str(&corrections.to_json()));
        match request(|job| Request::Apply { job }, payload, Array::new()).await {
            Ok(message) => {
                io::yield_now().await;
                let garbled =
                    || Stopped::Failed("the corrected comparison came back garbled.".into());
                let part = |i: u32| {
                    message
                        .get(i)
                        .as_string()
                        .and_then(|json| serde_json::from_str::<Comparison>(&json).ok())
                };
                let header = message.get(0).as_string().unwrap_or_default();
                return match serde_json::from_str::<Reply>(&header) {
                    Ok(Reply::Applied { error: Some(e), .. }) => Err(Stopped::Failed(e)),
                    Ok(Reply::Applied {
                        error: None,
                        skipped,
                        upgraded,
                        ..
                    }) => {
                        let applied = part(1).ok_or_else(garbled)?;
                        let upgraded = match upgraded {
                            true => Some(part(2).ok_or_else(garbled)?),
                            false => None,
                        };
                        Ok(Applied {
                            upgraded,
                            applied,
                            skipped,
                        })
                    }
                    _ => Err(garbled()),
                };
            }
            Err(Stopped::Failed(r)) if r == NO_WORKER => {}
            Err(e) => return Err(e),
        }
    }
    on_page::apply(base, corrections)
}
