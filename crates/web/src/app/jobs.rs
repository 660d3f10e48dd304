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
//! If no worker can run (it failed to start), or in the wasm unit tests, the work is done
//! on the page itself, as before (text only there, unless the page has the readers).

use std::cell::RefCell;
use std::collections::HashMap;

use engine::compare::{compare as engine_compare, Comparison};
use engine::findings;
use engine::ingest::{self, Document};
use engine::overrides::Overrides;
use engine::themes::Codebook;
use js_sys::{Array, ArrayBuffer, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use super::io;
use super::protocol::{fnv1a, Reply, Request};

/// The worker's loader, next to index.html (Trunk's `data-loader-shim`).
pub const WORKER_URL: &str = "./report-compare-worker_loader.js";

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
    next_job: u32,
    on_progress: Option<Callback<Progress>>,
    listeners: Option<Listeners>,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client {
        worker: None,
        generation: 0,
        ready: false,
        broken: cfg!(test),
        queue: Vec::new(),
        pending: HashMap::new(),
        next_job: 1,
        on_progress: None,
        listeners: None,
    });
}

/// Starts the worker (call once, when the app starts) and says where progress goes.
pub fn start(on_progress: Callback<Progress>) {
    CLIENT.with(|c| c.borrow_mut().on_progress = Some(on_progress));
    spawn_worker();
}

/// Whether jobs go to a worker (false: they run on the page).
pub fn available() -> bool {
    CLIENT.with(|c| !c.borrow().broken)
}

fn spawn_worker() {
    if !available() {
        return;
    }
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|e: MessageEvent| {
        on_reply(Array::from(&e.data()));
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        e.prevent_default();
        let detail = e
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .unwrap_or_default();
        on_failure(detail);
    });
    let worker = match Worker::new(WORKER_URL) {
        Ok(w) => w,
        Err(_) => {
            CLIENT.with(|c| c.borrow_mut().broken = true);
            return;
        }
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // A reply the page could not receive would leave its job waiting for ever.
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.worker = Some(worker);
        c.generation += 1;
        c.ready = false;
        c.listeners = Some((on_message, on_error));
    });
}

/// The worker stopped with an error: before it was ready, work on the page from now on;
/// later (a crash), fail the jobs in flight and start a fresh worker.
fn on_failure(detail: String) {
    let (was_ready, pending) = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
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
        "page"
    };
    for (_, p) in pending {
        let _ = p.reject.call1(&JsValue::NULL, &JsValue::from_str(reason));
    }
    if was_ready {
        spawn_worker();
    }
}

/// Asks for the lock the worker holds while it lives: granted when it has gone. If it went
/// without the page ending it (the same worker is still the current one), that is a crash.
fn notice_exit(lock: &str, generation: u32) {
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
        let current = CLIENT.with(|c| {
            let c = c.borrow();
            c.generation == generation && c.worker.is_some()
        });
        if current {
            on_failure(String::new());
        }
    });
    let _ = request.call2(&locks, &JsValue::from_str(lock), &on_granted);
}

fn on_reply(message: Array) {
    let Some(header) = message.get(0).as_string() else {
        return;
    };
    let Ok(reply) = serde_json::from_str::<Reply>(&header) else {
        return;
    };
    let job = match reply {
        Reply::Ready { lock } => {
            let (worker, queue, generation) = CLIENT.with(|c| {
                let mut c = c.borrow_mut();
                c.ready = true;
                (c.worker.clone(), std::mem::take(&mut c.queue), c.generation)
            });
            if let Some(lock) = lock {
                notice_exit(&lock, generation);
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
            if let Some(cb) = CLIENT.with(|c| c.borrow().on_progress.clone()) {
                cb.emit(Progress { label, done, total });
            }
            return;
        }
        Reply::Read { job, .. }
        | Reply::Compared { job, .. }
        | Reply::Series { job, .. }
        | Reply::Docx { job, .. }
        | Reply::Codebook { job, .. } => job,
    };
    if let Some(p) = CLIENT.with(|c| c.borrow_mut().pending.remove(&job)) {
        let _ = p.resolve.call1(&JsValue::NULL, &message);
    }
}

/// Sends a request; resolves with the worker's reply (header and payload).
pub(super) async fn request(
    make: impl FnOnce(u32) -> Request,
    payload: Array,
    transfer: Array,
) -> Result<Array, Stopped> {
    let mut parts = None;
    let promise = Promise::new(&mut |resolve, reject| parts = Some(Pending { resolve, reject }));
    let job = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let job = c.next_job;
        c.next_job += 1;
        if let Some(p) = parts.take() {
            c.pending.insert(job, p);
        }
        job
    });
    let header = serde_json::to_string(&make(job)).unwrap_or_default();
    payload.unshift(&JsValue::from_str(&header));
    let worker = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.ready {
            c.worker.clone()
        } else {
            c.queue.push((payload.clone(), transfer.clone()));
            None
        }
    });
    if let Some(w) = worker {
        if let Err(e) = w.post_message_with_transfer(&payload, &transfer) {
            CLIENT.with(|c| c.borrow_mut().pending.remove(&job));
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
    let pending = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(w) = c.worker.take() {
            w.terminate();
        }
        c.ready = false;
        c.queue.clear();
        c.pending.drain().collect::<Vec<_>>()
    });
    for (_, p) in pending {
        let _ = p
            .reject
            .call1(&JsValue::NULL, &JsValue::from_str(CANCELLED));
    }
    spawn_worker();
}

/// Reads a file's bytes with the engine: in the worker (the buffer is transferred to it),
/// or on the page when there is no worker.
pub async fn read(name: &str, buffer: ArrayBuffer) -> Result<Read, Stopped> {
    if available() {
        let reply = request(
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
            // The worker could not start: read it here instead.
            Err(Stopped::Failed(r)) if r == "page" => {}
            Err(e) => return Err(e),
        }
        // The buffer went to the dead worker: nothing to read here.
        if buffer.byte_length() == 0 {
            return Err(Stopped::Failed(
                "the reader could not start. Reload the page and try again.".into(),
            ));
        }
    }
    let bytes = Uint8Array::new(&buffer).to_vec();
    Ok(read_here(name, &bytes))
}

/// The engine on the page itself (pasted text, or no worker).
pub fn read_here(name: &str, bytes: &[u8]) -> Read {
    let read = ingest::ingest(bytes, name)
        .map(|doc| {
            let n = findings::extract(&doc).len();
            (doc, n)
        })
        .map_err(|e| e.reason);
    Read {
        hash: fnv1a(bytes),
        read,
    }
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
                    }) => message
                        .get(1)
                        .as_string()
                        .and_then(|json| serde_json::from_str::<Comparison>(&json).ok())
                        .map(|c| (c, millis))
                        .ok_or_else(|| Stopped::Failed("the comparison came back garbled.".into())),
                    Ok(Reply::Compared { error: Some(e), .. }) => Err(Stopped::Failed(e)),
                    _ => Err(Stopped::Failed("the comparison came back garbled.".into())),
                };
            }
            Err(Stopped::Failed(r)) if r == "page" => {}
            Err(e) => return Err(e),
        }
    }
    let started = io::now();
    let builtin;
    let book = match codebook {
        Some(b) => b,
        None => {
            builtin = Codebook::builtin();
            &builtin
        }
    };
    let comparison = engine_compare(before, after, book);
    Ok((comparison, io::now() - started))
}

/// The Word writer's loader (Trunk's `data-loader-shim`, next to index.html).
pub const WORD_URL: &str = "./report-compare-word_loader.js";

/// The Word briefing of `base` with the person's corrections: made by the Word writer, a
/// worker started for this one request and ended after it (docx-rs stays out of the page
/// and the reading worker, and nobody downloads it who never asks), or on the page when it
/// has the writer itself (the tests) and no worker can run.
pub async fn docx(base: &Comparison, corrections: &Overrides) -> Result<Uint8Array, Stopped> {
    if available() {
        match word_worker(base, corrections).await {
            Err(Stopped::Failed(r)) if r == "page" => {}
            done => return done,
        }
    }
    docx_here(base, corrections)
}

async fn word_worker(base: &Comparison, corrections: &Overrides) -> Result<Uint8Array, Stopped> {
    let Ok(worker) = Worker::new(WORD_URL) else {
        return Err(Stopped::Failed("page".into()));
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

/// Where the page has no worker (opened from a file): it has no Word writer of its own.
fn docx_here(_: &Comparison, _: &Overrides) -> Result<Uint8Array, Stopped> {
    Err(Stopped::Failed("The Word briefing is made by the app’s reader (its Web Worker), which can’t run in a page opened from a file. Download the web page briefing (HTML) instead: Word opens that too.".to_string()))
}

/// Reads a codebook file (`.qdc`): in the worker, which has the XML reader, or on the page
/// when it has one. The inner `Err` is the engine's reason the file can't be used.
pub async fn codebook(
    name: &str,
    buffer: ArrayBuffer,
) -> Result<Result<Codebook, String>, Stopped> {
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
                return Ok(match serde_json::from_str::<Reply>(&header) {
                    Ok(Reply::Codebook { error: Some(e), .. }) => Err(e),
                    Ok(Reply::Codebook { error: None, .. }) => message
                        .get(1)
                        .as_string()
                        .and_then(|json| serde_json::from_str::<Codebook>(&json).ok())
                        .ok_or_else(|| "the codebook came back garbled. Try again.".to_string()),
                    _ => Err("the codebook came back garbled. Try again.".to_string()),
                });
            }
            Err(Stopped::Failed(r)) if r == "page" => {}
            Err(e) => return Err(e),
        }
        if buffer.byte_length() == 0 {
            return Err(Stopped::Failed(
                "the reader could not start. Reload the page and try again.".into(),
            ));
        }
    }
    // The page has no XML reader of its own.
    Ok(Err(
        "codebooks are read by the app’s reader (its Web Worker), which can’t run in a page opened from a file."
            .to_string(),
    ))
}
