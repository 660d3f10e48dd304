//! The page's side of the Web Worker (`crates/worker`): files are read and reports compared
//! there, so the page stays responsive and the PDF/Word readers stay out of the page's own
//! wasm. One worker, started with the app from a relative URL (any sub-path works; a strict
//! CSP can allow it with `worker-src 'self'`). Requests wait for its "ready" message; each
//! request is a promise resolved by the worker's reply. Cancel terminates the worker (the
//! engine's calls can't be interrupted) and starts a fresh one.
//!
//! A worker can also die under a job: a panic (the wasm traps), running out of memory, or
//! the browser ending it. A trap or an exception comes as an `error` event; an ending
//! without one is noticed through a Web Lock the worker holds while it lives (see
//! `crates/worker`). Either way the jobs in flight end with [`Stopped::Crashed`], the page
//! says so in words, and a fresh worker takes the next job.
//!
//! Plain `web_sys::Worker` + JSON messages rather than yew-agent: no extra crates, the
//! bytes are transferred (not copied), and the worker bundle doesn't carry Yew.
//!
//! The page itself has no reader, no comparison and no exports: that is what keeps its
//! wasm small. The worker starts with the first job, so a shared link opens without
//! fetching it. The single-file build inlines it (a `blob:` URL it names in
//! `globalThis.reportCompareWorker`). If no worker can start at all, the job fails with
//! [`NO_READER`]; only the page's unit tests, which have no worker, do the work on the page
//! ([`on_page`]).

use std::cell::RefCell;
use std::collections::HashMap;

use engine::compare::Comparison;
use engine::ingest::Document;
use engine::overrides::Overrides;
use engine::themes::Codebook;
use js_sys::{Array, ArrayBuffer, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};
use yew::{hook, use_effect_with, use_state, Callback, UseStateHandle};

use super::io;
use super::protocol::{ExportKind, Reply, Request};

/// The two workers that read: the reading worker (text, Word, codebooks; it compares and
/// makes the exports) and the PDF reader, a bundle of its own that only PDFs start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Reader,
    Pdf,
}

impl Kind {
    fn index(self) -> usize {
        self as usize
    }

    /// Its loader next to index.html (Trunk's `data-loader-shim`), or in the single-file
    /// build the `blob:` URL of its inlined copy, named in a global.
    fn url(self) -> String {
        let (global, loader) = match self {
            Kind::Reader => ("reportCompareWorker", WORKER_URL),
            Kind::Pdf => ("reportComparePdfReader", PDF_URL),
        };
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(global))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| loader.to_string())
    }
}

/// The reading worker's loader.
pub const WORKER_URL: &str = "./report-compare-worker_loader.js";
/// The PDF reader's loader.
pub const PDF_URL: &str = "./report-compare-pdf_loader.js";

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

struct Pending {
    resolve: Function,
    reject: Function,
}

/// The worker's message and error handlers (kept alive with it).
type Listeners = (
    Closure<dyn Fn(MessageEvent)>,
    Closure<dyn Fn(web_sys::Event)>,
);

/// What a job's promise is rejected with when the person cancels, and when the worker dies.
const CANCELLED: &str = "cancelled";
const CRASHED: &str = "crashed";
/// ... and when no worker could start at all.
pub(super) const NO_WORKER: &str = "no worker";

/// What a worker dying under a job means, for the person (the browser's own words,
/// "unreachable" or "Maximum memory size exceeded", go to the console).
pub const CRASH_REASON: &str = "the reader ran out of memory or crashed";

struct Client {
    worker: Option<Worker>,
    /// Counts the workers started: a lock granted for an earlier one (which the page
    /// ended itself) is not news.
    generation: u32,
    ready: bool,
    /// The worker could not start: work on the page instead.
    broken: bool,
    queue: Vec<(Array, Array)>,
    pending: HashMap<u32, Pending>,
    listeners: Option<Listeners>,
}

impl Client {
    fn new() -> Client {
        Client {
            worker: None,
            generation: 0,
            ready: false,
            broken: cfg!(test),
            queue: Vec::new(),
            pending: HashMap::new(),
            listeners: None,
        }
    }
}

thread_local! {
    static CLIENTS: RefCell<[Client; 2]> = RefCell::new([Client::new(), Client::new()]);
    static NEXT_JOB: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
    static ON_PROGRESS: RefCell<Option<Callback<Progress>>> = const { RefCell::new(None) };
}

/// Runs `f` on the client of `kind`'s worker.
fn client<R>(kind: Kind, f: impl FnOnce(&mut Client) -> R) -> R {
    CLIENTS.with(|c| f(&mut c.borrow_mut()[kind.index()]))
}

/// Says where progress goes (call once, when the app starts). The worker itself starts
/// with the first job.
fn start(on_progress: Callback<Progress>) {
    ON_PROGRESS.with(|p| *p.borrow_mut() = Some(on_progress));
}

/// The progress of the job in hand, for the progress bar: the app's state, told where
/// progress goes when the app starts.
#[hook]
pub fn use_progress() -> UseStateHandle<Option<Progress>> {
    let progress = use_state(|| None::<Progress>);
    {
        let progress = progress.clone();
        use_effect_with((), move |_| {
            start(Callback::from(move |p| progress.set(Some(p))));
        });
    }
    progress
}

/// Starts the worker ahead of its first job, when a person begins to give files (a drag
/// over the page, the file chooser): its wasm then downloads and compiles meanwhile.
pub fn warm() {
    warm_up(Kind::Reader);
}

fn warm_up(kind: Kind) {
    if client(kind, |c| c.worker.is_none()) {
        spawn_worker(kind);
    }
}

/// Whether jobs go to a worker (false: none could start).
pub fn available() -> bool {
    client(Kind::Reader, |c| !c.broken)
}

fn spawn_worker(kind: Kind) {
    if client(kind, |c| c.broken) {
        return;
    }
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        on_reply(kind, Array::from(&e.data()));
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let detail = e
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .unwrap_or_default();
        on_failure(kind, detail);
    });
    let worker = match Worker::new(&kind.url()) {
        Ok(w) => w,
        Err(_) => {
            client(kind, |c| c.broken = true);
            return;
        }
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // A reply the page could not receive would leave its job waiting for ever.
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    client(kind, |c| {
        c.worker = Some(worker);
        c.generation += 1;
        c.ready = false;
        c.listeners = Some((on_message, on_error));
    });
}

/// The worker stopped with an error: before it was ready, work on the page from now on;
/// later (a crash), fail the jobs in flight and start a fresh worker.
fn on_failure(kind: Kind, detail: String) {
    let (was_ready, pending) = client(kind, |c| {
        if let Some(w) = c.worker.take() {
            w.terminate();
        }
        let was_ready = c.ready;
        c.ready = false;
        c.queue.clear();
        if !was_ready {
            c.broken = true;
        }
        (was_ready, c.pending.drain().collect::<Vec<_>>())
    });
    let reason = if was_ready {
        web_sys::console::warn_1(&JsValue::from_str(&format!(
            "report-compare: the reader (Web Worker) stopped: {}",
            if detail.is_empty() {
                "without an error message"
            } else {
                &detail
            }
        )));
        CRASHED
    } else {
        NO_WORKER
    };
    for (_, p) in pending {
        let _ = p.reject.call1(&JsValue::NULL, &JsValue::from_str(reason));
    }
    // After a crash a fresh worker, warm for the next job.
    if was_ready {
        spawn_worker(kind);
    }
}

/// Asks for the lock the worker holds while it lives: granted when it has gone. If it went
/// without the page ending it (the same worker is still the current one), that is a crash.
fn notice_exit(kind: Kind, lock: &str, generation: u32) {
    let get = |target: &JsValue, key: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let Some(navigator) = web_sys::window().and_then(|w| get(&w, "navigator")) else {
        return;
    };
    let Some(locks) = get(&navigator, "locks") else {
        return;
    };
    let Some(request) = get(&locks, "request").and_then(|f| f.dyn_into::<Function>().ok()) else {
        return;
    };
    let on_granted = Closure::once_into_js(move || {
        let current = client(kind, |c| c.generation == generation && c.worker.is_some());
        if current {
            on_failure(kind, String::new());
        }
    });
    let _ = request.call2(&locks, &JsValue::from_str(lock), &on_granted);
}

fn on_reply(kind: Kind, message: Array) {
    let Some(header) = message.get(0).as_string() else {
        return;
    };
    let Ok(reply) = serde_json::from_str::<Reply>(&header) else {
        return;
    };
    let job = match reply {
        Reply::Ready { lock } => {
            let (worker, queue, generation) = client(kind, |c| {
                c.ready = true;
                (c.worker.clone(), std::mem::take(&mut c.queue), c.generation)
            });
            if let Some(lock) = lock {
                notice_exit(kind, &lock, generation);
            }
            if let Some(w) = worker {
                for (m, transfer) in queue {
                    let _ = w.post_message_with_transfer(&m, &transfer);
                }
            }
            return;
        }
        Reply::Progress {
            label, done, total, ..
        } => {
            if let Some(cb) = ON_PROGRESS.with(|p| p.borrow().clone()) {
                cb.emit(Progress { label, done, total });
            }
            return;
        }
        Reply::Read { job, .. }
        | Reply::Compared { job, .. }
        | Reply::Series { job, .. }
        | Reply::Docx { job, .. }
        | Reply::Codebook { job, .. }
        | Reply::Exported { job, .. } => job,
    };
    if let Some(p) = client(kind, |c| c.pending.remove(&job)) {
        let _ = p.resolve.call1(&JsValue::NULL, &message);
    }
}

/// Sends a request to the reading worker; resolves with its reply (header and payload).
pub(super) async fn request(
    make: impl FnOnce(u32) -> Request,
    payload: Array,
    transfer: Array,
) -> Result<Array, Stopped> {
    request_to(Kind::Reader, make, payload, transfer).await
}

/// Sends a request to `kind`'s worker (started if it isn't yet).
async fn request_to(
    kind: Kind,
    make: impl FnOnce(u32) -> Request,
    payload: Array,
    transfer: Array,
) -> Result<Array, Stopped> {
    if client(kind, |c| c.broken) {
        return Err(Stopped::Failed(NO_WORKER.into()));
    }
    let mut parts = None;
    let promise = Promise::new(&mut |resolve, reject| parts = Some(Pending { resolve, reject }));
    let job = NEXT_JOB.with(|n| {
        let job = n.get();
        n.set(job + 1);
        job
    });
    client(kind, |c| {
        if let Some(p) = parts.take() {
            c.pending.insert(job, p);
        }
    });
    let header = serde_json::to_string(&make(job)).unwrap_or_default();
    payload.unshift(&JsValue::from_str(&header));
    warm_up(kind);
    let worker = client(kind, |c| {
        if c.ready {
            c.worker.clone()
        } else {
            c.queue.push((payload.clone(), transfer.clone()));
            None
        }
    });
    if let Some(w) = worker {
        if let Err(e) = w.post_message_with_transfer(&payload, &transfer) {
            client(kind, |c| c.pending.remove(&job));
            return Err(Stopped::Failed(io::js_message(&e)));
        }
    }
    match JsFuture::from(promise).await {
        Ok(reply) => Ok(Array::from(&reply)),
        Err(e) => match e.as_string().as_deref() {
            Some(CANCELLED) => Err(Stopped::Cancelled),
            Some(CRASHED) => Err(Stopped::Crashed),
            _ => Err(Stopped::Failed(io::js_message(&e))),
        },
    }
}

/// Stops whatever the worker is doing and starts a fresh one; the jobs in flight end
/// with [`Stopped::Cancelled`].
pub fn cancel() {
    for kind in [Kind::Reader, Kind::Pdf] {
        let (had, pending) = client(kind, |c| {
            let had = c.worker.take().map(|w| w.terminate()).is_some();
            c.ready = false;
            c.queue.clear();
            (had, c.pending.drain().collect::<Vec<_>>())
        });
        for (_, p) in pending {
            let _ = p
                .reject
                .call1(&JsValue::NULL, &JsValue::from_str(CANCELLED));
        }
        if had {
            spawn_worker(kind);
        }
    }
}

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

/// Compares two documents with `codebook` (None: the built-in one): in the worker, or on
/// the page when there is none. Returns the comparison and the milliseconds the engine took.
pub async fn compare(
    before: &Document,
    after: &Document,
    codebook: Option<&Codebook>,
) -> Result<(Comparison, f64), Stopped> {
    if available() {
        let json = |d: &Document| JsValue::from_str(&serde_json::to_string(d).unwrap_or_default());
        let payload = Array::of2(&json(before), &json(after));
        if let Some(book) = codebook {
            payload.push(&JsValue::from_str(
                &serde_json::to_string(book).unwrap_or_default(),
            ));
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

/// The Word writer's loader (Trunk's `data-loader-shim`, next to index.html).
pub const WORD_URL: &str = "./report-compare-word_loader.js";

/// The Word briefing of `base` with the person's corrections: made by the Word writer, a
/// worker started for this one request and ended after it (docx-rs stays out of the page
/// and the reading worker, and nobody downloads it who never asks).
pub async fn docx(base: &Comparison, corrections: &Overrides) -> Result<Uint8Array, Stopped> {
    let no_writer = || Stopped::Failed(NO_WORD_WRITER.to_string());
    if !available() {
        return Err(no_writer());
    }
    let Ok(worker) = Worker::new(WORD_URL) else {
        return Err(no_writer());
    };
    let header = serde_json::to_string(&Request::Docx { job: 1 }).unwrap_or_default();
    let payload = Array::of3(
        &JsValue::from_str(&header),
        &JsValue::from_str(&serde_json::to_string(base).unwrap_or_default()),
        &JsValue::from_str(&corrections.to_json()),
    );
    let mut parts = None;
    let promise = Promise::new(&mut |resolve, reject| parts = Some((resolve, reject)));
    let Some((resolve, reject)) = parts else {
        return Err(Stopped::Failed("the Word writer could not start.".into()));
    };
    // Whether it said Ready: an error before that means it could not start at all.
    let started = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_message = {
        let (worker, started) = (worker.clone(), started.clone());
        Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let message = Array::from(&e.data());
            let header = message.get(0).as_string().unwrap_or_default();
            match serde_json::from_str::<Reply>(&header) {
                Ok(Reply::Ready { .. }) => {
                    started.set(true);
                    let _ = worker.post_message(&payload);
                }
                Ok(Reply::Docx { .. }) => {
                    let _ = resolve.call1(&JsValue::NULL, &message);
                }
                _ => {}
            }
        })
    };
    let on_error = {
        let started = started.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            let why = if started.get() {
                CRASHED
            } else {
                "not started"
            };
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(why));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let answer = JsFuture::from(promise).await;
    // One request, one worker: it goes with its answer (the handlers live until here).
    worker.terminate();
    drop((on_message, on_error));
    let message = match answer {
        Ok(m) => Array::from(&m),
        Err(e) if e.as_string().as_deref() == Some(CRASHED) => return Err(Stopped::Crashed),
        // From a page opened from disk the writer's file can't be loaded.
        Err(_) if super::embed::is_file_page() => return Err(no_writer()),
        Err(_) => {
            return Err(Stopped::Failed(
                "the Word writer could not start. Reload the page and try again.".into(),
            ))
        }
    };
    let header = message.get(0).as_string().unwrap_or_default();
    match serde_json::from_str::<Reply>(&header) {
        Ok(Reply::Docx { error: None, .. }) => Ok(Uint8Array::new(&message.get(1))),
        Ok(Reply::Docx { error: Some(e), .. }) => Err(Stopped::Failed(e)),
        _ => Err(Stopped::Failed("the Word file came back garbled.".into())),
    }
}

/// Said where the Word writer can't run (a page opened from disk has no file to start it
/// from).
const NO_WORD_WRITER: &str = "The Word briefing is made by the app’s Word writer (a Web Worker of its own), which can’t start in a page opened from a file. Download the web page briefing (HTML) instead: Word opens that too.";

/// A codebook file read by the worker: the person's codebook as read, and the built-in
/// one with theirs on top (what comparisons use).
pub struct ReadCodebook {
    pub yours: Codebook,
    pub book: Codebook,
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
                let part = |i: u32| {
                    message
                        .get(i)
                        .as_string()
                        .and_then(|json| serde_json::from_str::<Codebook>(&json).ok())
                };
                let garbled = || "the codebook came back garbled. Try again.".to_string();
                return Ok(match serde_json::from_str::<Reply>(&header) {
                    Ok(Reply::Codebook { error: Some(e), .. }) => Err(e),
                    Ok(Reply::Codebook { error: None, .. }) => match (part(1), part(2)) {
                        (Some(yours), Some(book)) => Ok(ReadCodebook { yours, book }),
                        _ => Err(garbled()),
                    },
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
    books: Option<(&Codebook, &Codebook)>,
) -> Result<String, Stopped> {
    if available() {
        let json = |v: Result<String, serde_json::Error>| JsValue::from_str(&v.unwrap_or_default());
        let payload = Array::of2(
            &json(serde_json::to_string(base)),
            &JsValue::from_str(&corrections.to_json()),
        );
        if let Some((made_with, yours)) = books {
            payload.push(&json(serde_json::to_string(made_with)));
            payload.push(&json(serde_json::to_string(yours)));
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

/// The engine on the page itself. Only the page's unit tests have it (they run without a
/// worker); the shipped page has no reader, comparison or export code, and says why it
/// can't go on ([`NO_READER`]).
#[cfg(not(test))]
mod on_page {
    use super::*;

    fn no_reader<T>() -> Result<T, Stopped> {
        Err(Stopped::Failed(NO_READER.to_string()))
    }

    pub fn read(_: &str, _: &[u8]) -> Result<Read, Stopped> {
        no_reader()
    }

    pub fn compare(
        _: &Document,
        _: &Document,
        _: Option<&Codebook>,
    ) -> Result<(Comparison, f64), Stopped> {
        no_reader()
    }

    pub fn codebook(_: &str, _: &[u8]) -> Result<Result<ReadCodebook, String>, Stopped> {
        no_reader()
    }

    pub fn export(
        _: ExportKind,
        _: &Comparison,
        _: &Overrides,
        _: Option<(&Codebook, &Codebook)>,
    ) -> Result<String, Stopped> {
        no_reader()
    }
}

#[cfg(test)]
pub mod on_page {
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
}
