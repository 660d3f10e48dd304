//! The app's Web Worker (wasm only): reads PDF, Word and text files and compares two
//! documents (or builds a series of three or more) off the page's main thread, so the
//! page stays responsive; also reads `.qdc`
//! codebooks. Built by Trunk as a separate bundle with the engine's `pdf` and `docx`
//! readers and its `.qdc` reader (`qdc`) (index.html, `data-type="worker"`); the page
//! bundle leaves them out, which keeps it small. The Word briefing has a worker of its own
//! (`crates/word`), started only when asked for. Messages: the `protocol` crate.
//!
//! The engine's calls are synchronous, so progress is reported between stages (received,
//! text extracted, findings found; comparing): the engine has no per-page hook yet.

#[cfg(target_arch = "wasm32")]
fn main() {
    imp::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("report-compare-worker is the web app's Web Worker: run `make serve`, or use the `report-compare` CLI.");
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use engine::compare::compare;
    use engine::findings;
    use engine::ingest::{self, Document};
    use engine::series;
    use engine::themes::Codebook;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use protocol::{fnv1a, Reply, Request};

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let inner = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            handle(&inner, &js_sys::Array::from(&e.data()));
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

    fn now() -> f64 {
        js_sys::Date::now()
    }

    fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply, payload: Option<String>) {
        let header = serde_json::to_string(reply).unwrap_or_default();
        let message = js_sys::Array::of1(&JsValue::from_str(&header));
        if let Some(p) = payload {
            message.push(&JsValue::from_str(&p));
        }
        let _ = scope.post_message(&message);
    }

    fn handle(scope: &DedicatedWorkerGlobalScope, message: &js_sys::Array) {
        let Some(header) = message.get(0).as_string() else {
            return;
        };
        let Ok(request) = serde_json::from_str::<Request>(&header) else {
            return;
        };
        match request {
            Request::Read { job, name } => {
                let bytes = js_sys::Uint8Array::new(&message.get(1)).to_vec();
                read(scope, job, &name, &bytes);
            }
            Request::Compare { job } => {
                let doc = |i: u32| {
                    message
                        .get(i)
                        .as_string()
                        .and_then(|s| serde_json::from_str::<Document>(&s).ok())
                };
                // No third part: the built-in codebook. A part that doesn't parse is a
                // defect of the page, said rather than silently replaced.
                let codebook = match message.get(3).as_string() {
                    None => Ok(Codebook::builtin()),
                    Some(s) => serde_json::from_str::<Codebook>(&s)
                        .map_err(|_| "the codebook did not reach the worker intact.".to_string()),
                };
                run_compare(scope, job, doc(1), doc(2), codebook);
            }
            // The Word writer is a worker of its own (crates/word).
            Request::Docx { job } => {
                let error = Some("the Word briefing is made by the Word writer.".to_string());
                post(scope, &Reply::Docx { job, error }, None);
            }
            Request::Codebook { job, name } => {
                let bytes = js_sys::Uint8Array::new(&message.get(1)).to_vec();
                let (error, json) = match engine::codebook::from_bytes(&bytes, &name) {
                    Ok(book) => (None, Some(serde_json::to_string(&book).unwrap_or_default())),
                    Err(e) => (Some(e.to_string()), None),
                };
                post(scope, &Reply::Codebook { job, error }, json);
            }
            Request::Series { job } => {
                // First part: the codebook's JSON, or "" for the built-in one; then the
                // reports, in the order to compare them.
                let codebook = match message.get(1).as_string().as_deref() {
                    None | Some("") => Ok(Codebook::builtin()),
                    Some(s) => serde_json::from_str::<Codebook>(s)
                        .map_err(|_| "the codebook did not reach the worker intact.".to_string()),
                };
                let docs: Option<Vec<Document>> = (2..message.length())
                    .map(|i| {
                        message
                            .get(i)
                            .as_string()
                            .and_then(|s| serde_json::from_str::<Document>(&s).ok())
                    })
                    .collect();
                run_series(scope, job, docs, codebook);
            }
        }
    }

    /// A series: each step compared in turn (progress per step), then the reports that
    /// are not neighbours compared for matters that came back. The reply carries the
    /// series without its steps first, then each step, so the page can show the overview
    /// after parsing only that.
    fn run_series(
        scope: &DedicatedWorkerGlobalScope,
        job: u32,
        docs: Option<Vec<Document>>,
        codebook: Result<Codebook, String>,
    ) {
        let fail = |error: String| {
            post(
                scope,
                &Reply::Series {
                    job,
                    millis: 0.0,
                    error: Some(error),
                },
                None,
            )
        };
        let Some(docs) = docs else {
            return fail("the reports did not reach the worker intact.".into());
        };
        let codebook = match codebook {
            Ok(book) => book,
            Err(e) => return fail(e),
        };
        let name = |d: &Document| match &d.date {
            Some(date) => date.iso.chars().take(4).collect(),
            None => d.name.clone(),
        };
        let refs: Vec<&Document> = docs.iter().collect();
        let steps = refs.len().saturating_sub(1) as u32;
        let started = now();
        let built = series::build_in_order(&refs, &codebook, &mut |stage| {
            let (label, done) = match stage {
                series::Stage::Step { step, steps } => (
                    format!(
                        "Comparing {} with {} (step {} of {steps})",
                        name(refs[step]),
                        name(refs[step + 1]),
                        step + 1
                    ),
                    step as u32,
                ),
                series::Stage::Gaps { done, total } => (
                    format!(
                        "Looking for matters that came back ({} of {total})",
                        done + 1
                    ),
                    steps + (done * steps as usize / total.max(1)) as u32,
                ),
            };
            post(
                scope,
                &Reply::Progress {
                    job,
                    label,
                    done,
                    total: 2 * steps,
                },
                None,
            );
        });
        let mut built = match built {
            Ok(s) => s,
            Err(e) => return fail(format!("{e}.")),
        };
        let millis = now() - started;
        let steps = std::mem::take(&mut built.steps);
        let header = serde_json::to_string(&Reply::Series {
            job,
            millis,
            error: None,
        })
        .unwrap_or_default();
        let message = js_sys::Array::of2(
            &JsValue::from_str(&header),
            &JsValue::from_str(&serde_json::to_string(&built).unwrap_or_default()),
        );
        for step in &steps {
            message.push(&JsValue::from_str(
                &serde_json::to_string(step).unwrap_or_default(),
            ));
        }
        let _ = scope.post_message(&message);
    }

    fn read(scope: &DedicatedWorkerGlobalScope, job: u32, name: &str, bytes: &[u8]) {
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
        let result = ingest::ingest_with_progress(bytes, name, &mut |done, total| {
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

    fn run_compare(
        scope: &DedicatedWorkerGlobalScope,
        job: u32,
        before: Option<Document>,
        after: Option<Document>,
        codebook: Result<Codebook, String>,
    ) {
        let codebook = match codebook {
            Ok(book) => book,
            Err(e) => {
                let reply = Reply::Compared {
                    job,
                    millis: 0.0,
                    error: Some(e),
                };
                post(scope, &reply, None);
                return;
            }
        };
        let (Some(before), Some(after)) = (before, after) else {
            post(
                scope,
                &Reply::Compared {
                    job,
                    millis: 0.0,
                    error: Some("the two reports did not reach the worker intact.".into()),
                },
                None,
            );
            return;
        };
        post(
            scope,
            &Reply::Progress {
                job,
                label: "Comparing the two reports: findings, themes and pairs".into(),
                done: 1,
                total: 2,
            },
            None,
        );
        let started = now();
        let comparison = compare(&before, &after, &codebook);
        let millis = now() - started;
        let json = serde_json::to_string(&comparison).unwrap_or_default();
        post(
            scope,
            &Reply::Compared {
                job,
                millis,
                error: None,
            },
            Some(json),
        );
    }
}
