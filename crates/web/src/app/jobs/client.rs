//! The page's clients of its two reading workers: starting one with its first job (or
//! when warmed), queueing requests until it says Ready, each request a promise resolved by
//! its reply, noticing a worker that died (an `error` event, or its Web Lock granted) and
//! starting a fresh one, and cancelling.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};
use yew::{hook, use_effect_with, use_state, Callback, UseStateHandle};

use super::super::io;
use super::super::protocol::{Reply, Request};
use super::{Progress, Stopped};

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
pub(super) const CRASHED: &str = "crashed";
/// ... and when no worker could start at all.
pub(in crate::app) const NO_WORKER: &str = "no worker";

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

/// The worker stopped with an error: before it was ready, it can't start (its jobs and all
/// later ones fail with `NO_WORKER`); later (a crash), fail the jobs in flight and start a
/// fresh worker.
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
        | Reply::Exported { job, .. }
        | Reply::Applied { job, .. } => job,
    };
    if let Some(p) = client(kind, |c| c.pending.remove(&job)) {
        let _ = p.resolve.call1(&JsValue::NULL, &message);
    }
}

/// Sends a request to the reading worker; resolves with its reply (header and payload).
pub(in crate::app) async fn request(
    make: impl FnOnce(u32) -> Request,
    payload: Array,
    transfer: Array,
) -> Result<Array, Stopped> {
    request_to(Kind::Reader, make, payload, transfer).await
}

/// Sends a request to `kind`'s worker (started if it isn't yet).
pub(super) async fn request_to(
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

/// Ends the workers for good: the page is handing over to the series bundle, which starts
/// its own (the jobs in flight are dropped with the page).
#[cfg(not(feature = "series"))]
pub fn retire() {
    for kind in [Kind::Reader, Kind::Pdf] {
        client(kind, |c| {
            if let Some(w) = c.worker.take() {
                w.terminate();
            }
            c.broken = true;
            c.queue.clear();
            c.pending.clear();
        });
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
