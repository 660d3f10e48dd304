//! What the app's workers share (wasm only): starting (a Web Lock held for life, then
//! Ready), replies, and reading a file into a `Document`. The reading worker (this
//! crate's binary) and the PDF reader (`crates/pdf`) are each this plus their handlers.
#![cfg(target_arch = "wasm32")]

use engine::compare::Comparison;
use engine::export::{html, qdc};
use engine::findings;
use engine::ingest;
use engine::overrides::{self, Overrides};
use engine::share;
use engine::themes::Codebook;
use js_sys::Array;
use protocol::{fnv1a, ExportKind, Reply};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Listens for the page's requests (each goes to `handle`) and says Ready.
pub fn start(handle: fn(&DedicatedWorkerGlobalScope, &Array)) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let inner = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        handle(&inner, &Array::from(&e.data()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the worker.
    on_message.forget();
    hold_lock_then_ready(&scope);
}

/// Takes a Web Lock of this worker's own and holds it until the worker ends, then says
/// Ready with its name. The page asks for the same lock: the browser grants it only once
/// this worker has gone, which is how the page notices a worker that stopped without an
/// error event (a browser has no "worker ended" event). Where there are no Web Locks
/// (old browsers), Ready without one: the page then relies on error events alone.
fn hold_lock_then_ready(scope: &DedicatedWorkerGlobalScope) {
    let get = |target: &JsValue, key: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let locks = get(scope, "navigator").and_then(|n| get(&n, "locks"));
    let request = locks
        .as_ref()
        .and_then(|l| get(l, "request").and_then(|f| f.dyn_into::<js_sys::Function>().ok()));
    let (Some(locks), Some(request)) = (locks, request) else {
        post(scope, &Reply::Ready { lock: None }, None);
        return;
    };
    // Unique per worker, across tabs too (locks are shared by the whole origin).
    let name = format!(
        "report-compare-worker-{:016x}",
        (js_sys::Math::random() * 9e15) as u64
    );
    let inner = scope.clone();
    let lock = name.clone();
    let held = Closure::once_into_js(move || -> JsValue {
        post(&inner, &Reply::Ready { lock: Some(lock) }, None);
        // Never settles: the lock is released only when the worker ends.
        js_sys::Promise::new(&mut |_, _| {}).into()
    });
    if request
        .call2(&locks, &JsValue::from_str(&name), &held)
        .is_err()
    {
        post(scope, &Reply::Ready { lock: None }, None);
    }
}

pub fn now() -> f64 {
    js_sys::Date::now()
}

pub fn header_of(reply: &Reply) -> String {
    serde_json::to_string(reply).unwrap_or_default()
}

pub fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply, payload: Option<String>) {
    let message = js_sys::Array::of1(&JsValue::from_str(&header_of(reply)));
    if let Some(p) = payload {
        message.push(&JsValue::from_str(&p));
    }
    let _ = scope.post_message(&message);
}

/// The engine's reader a worker runs: `ingest::ingest_with_progress` (any format), or
/// the PDF reader's `ingest::ingest_pdf_with_progress` (so its bundle has no other).
pub type Reader =
    fn(&[u8], &str, &mut dyn FnMut(usize, usize)) -> Result<ingest::Document, ingest::IngestError>;

/// Reads a file (the `Read` request) with `reader` and replies with its `Document`, or
/// the engine's reason it can't be read; progress by stage (and page, for a PDF) on the way.
pub fn read(
    scope: &DedicatedWorkerGlobalScope,
    job: u32,
    name: &str,
    bytes: &[u8],
    reader: Reader,
) {
    let progress = |label: String, done: u32, total: u32| {
        post(
            scope,
            &Reply::Progress {
                job,
                label,
                done,
                total,
            },
            None,
        )
    };
    progress(format!("Reading {name}: extracting the text"), 0, 3);
    let hash = fnv1a(bytes);
    let started = now();
    // Pages first (PDF only), then two stages: findings, done.
    let mut pages = 1;
    let result = reader(bytes, name, &mut |done, total| {
        pages = total as u32;
        progress(
            format!("Reading {name}: page {done} of {total}"),
            done as u32,
            pages + 2,
        );
    });
    let millis = now() - started;
    match result {
        Ok(doc) => {
            progress(
                format!("Reading {name}: finding the findings"),
                pages + 1,
                pages + 2,
            );
            let count = findings::extract(&doc).len();
            let json = serde_json::to_string(&doc).unwrap_or_default();
            progress(format!("Reading {name}: done"), pages + 2, pages + 2);
            post(
                scope,
                &Reply::Read {
                    job,
                    hash,
                    findings: count,
                    millis,
                    error: None,
                },
                Some(json),
            );
        }
        Err(e) => post(
            scope,
            &Reply::Read {
                job,
                hash,
                findings: 0,
                millis,
                error: Some(e.reason),
            },
            None,
        ),
    }
}

/// The text of an export of `base` with the person's corrections. For a codebook, `books`
/// is the codebook the comparison was made with and the person's own (None: the built-in
/// one, no codebook of theirs). The reading worker makes every export but Word with it;
/// the page's unit tests, which have no worker, call it too.
pub fn export_text(
    kind: ExportKind,
    base: &Comparison,
    corrections: &Overrides,
    books: Option<(&Codebook, &Codebook)>,
) -> String {
    match kind {
        ExportKind::Json => overrides::to_json(base, corrections),
        ExportKind::Markdown => overrides::to_markdown(base, corrections),
        ExportKind::Csv => overrides::to_csv(base, corrections),
        ExportKind::Html => html::corrected(base, corrections),
        ExportKind::Qdc => {
            let builtin = Codebook::builtin();
            let (made_with, yours) = match books {
                Some((book, yours)) => (book, Some(yours)),
                None => (&builtin, None),
            };
            let applied = overrides::apply(base, corrections);
            qdc::to_qdc(made_with, yours, Some(&applied))
        }
    }
}

/// A comparison with the person's corrections applied (the `Apply` request).
pub struct Applied {
    /// The comparison brought up to date, when it was of an earlier schema (None: as sent).
    pub upgraded: Option<Comparison>,
    /// What the page shows.
    pub applied: Comparison,
    /// Indexes of the corrections that no longer fit these reports.
    pub skipped: Vec<usize>,
}

/// Applies `corrections` to `base` (brought up to date first when an old share link
/// holds it: `share::upgrade` regroups topics, the same recount). The reading worker
/// runs it for every correction, so the page carries none of the recount's code; the
/// page's unit tests, which have no worker, call it too.
pub fn apply(mut base: Comparison, corrections: &Overrides) -> Result<Applied, String> {
    let upgraded = share::upgrade(&mut base).map_err(|e| e.to_string())?;
    let (applied, skipped) = if corrections.edits.is_empty() {
        // Nothing to apply: the comparison itself (`compare` already ends with the recount).
        (base.clone(), Vec::new())
    } else {
        overrides::apply_checked(&base, corrections)
    };
    Ok(Applied {
        upgraded: upgraded.then_some(base),
        applied,
        skipped,
    })
}
