//! The app's reading worker (wasm only): reads Word, HTML and text files, compares two
//! documents (or builds a series of three or more), reads codebooks and makes the
//! exports, off the page's main thread, so the page stays responsive and has none of
//! this code. Built by Trunk as a bundle of its own with the engine's `docx` and `qdc`
//! readers (index.html, `data-type="worker"`). PDF files are read by the PDF reader
//! (`crates/pdf`), a worker of its own: lopdf is half this one's size, and a person who
//! gives no PDF never downloads it. The Word briefing has a worker of its own too
//! (`crates/word`). Messages: the `protocol` crate.
//!
//! The engine's calls are synchronous, so progress is reported between stages (received,
//! text extracted, findings found; comparing): the engine has no per-page hook yet.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start(imp::handle);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("report-compare-worker is the web app's Web Worker: run `make serve`, or use the `report-compare` CLI.");
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use engine::compare::{compare, Comparison};
    use engine::ingest::Document;
    use engine::overrides::Overrides;
    use engine::series;
    use engine::themes::Codebook;
    use wasm_bindgen::prelude::*;
    use web_sys::DedicatedWorkerGlobalScope;

    use protocol::{ExportKind, Reply, Request};
    use worker::{header_of, now, post, read};

    pub fn handle(scope: &DedicatedWorkerGlobalScope, message: &js_sys::Array) {
        let Some(header) = message.get(0).as_string() else {
            return;
        };
        let Ok(request) = serde_json::from_str::<Request>(&header) else {
            return;
        };
        match request {
            Request::Read { job, name } => {
                let bytes = js_sys::Uint8Array::new(&message.get(1)).to_vec();
                read(
                    scope,
                    job,
                    &name,
                    &bytes,
                    engine::ingest::ingest_with_progress,
                );
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
                match engine::codebook::from_bytes(&bytes, &name) {
                    Ok(yours) => {
                        let merged = Codebook::builtin().with(yours.clone());
                        let json = |b: &Codebook| serde_json::to_string(b).unwrap_or_default();
                        let message = js_sys::Array::of3(
                            &JsValue::from_str(&header_of(&Reply::Codebook { job, error: None })),
                            &JsValue::from_str(&json(&yours)),
                            &JsValue::from_str(&json(&merged)),
                        );
                        let _ = scope.post_message(&message);
                    }
                    Err(e) => post(
                        scope,
                        &Reply::Codebook {
                            job,
                            error: Some(e.to_string()),
                        },
                        None,
                    ),
                }
            }
            Request::Export { job, kind } => {
                let (error, text) = match export(kind, message) {
                    Ok(text) => (None, Some(text)),
                    Err(e) => (Some(e), None),
                };
                post(scope, &Reply::Exported { job, error }, text);
            }
            Request::Apply { job } => run_apply(scope, job, message),
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

    /// An export of the comparison with the person's corrections (the message's parts:
    /// header, `Comparison`, `Overrides`, then for a codebook the book the comparison was
    /// made with and the person's own, "" for the built-in one / none).
    fn export(kind: ExportKind, message: &js_sys::Array) -> Result<String, String> {
        let part = |i: u32| message.get(i).as_string().filter(|s| !s.is_empty());
        let garbled = || "the comparison did not reach the worker intact.".to_string();
        let base: Comparison = part(1)
            .and_then(|s| serde_json::from_str(&s).ok())
            .ok_or_else(garbled)?;
        let corrections = match part(2) {
            Some(s) => Overrides::from_json(&s).map_err(|_| garbled())?,
            None => Overrides::default(),
        };
        let book = |i: u32| -> Result<Option<Codebook>, String> {
            part(i)
                .map(|s| serde_json::from_str(&s).map_err(|_| garbled()))
                .transpose()
        };
        // The page sends both codebooks or neither.
        let books = match (book(3)?, book(4)?) {
            (Some(made_with), Some(yours)) => Some((made_with, yours)),
            _ => None,
        };
        let books = books.as_ref().map(|(made_with, yours)| (made_with, yours));
        Ok(worker::export_text(kind, &base, &corrections, books))
    }

    /// The comparison with the person's corrections applied (parts: header, `Comparison`,
    /// `Overrides`): its JSON, then the comparison brought up to date when it was sent in
    /// an earlier schema.
    fn run_apply(scope: &DedicatedWorkerGlobalScope, job: u32, message: &js_sys::Array) {
        let garbled = || "the comparison did not reach the worker intact.".to_string();
        let part = |i: u32| message.get(i).as_string();
        let applied = part(1)
            .and_then(|s| serde_json::from_str::<Comparison>(&s).ok())
            .ok_or_else(garbled)
            .and_then(|base| {
                let corrections = match part(2) {
                    Some(s) if !s.is_empty() => Overrides::from_json(&s).map_err(|_| garbled())?,
                    _ => Overrides::default(),
                };
                worker::apply(base, &corrections)
            });
        let a = match applied {
            Ok(a) => a,
            Err(e) => {
                let reply = Reply::Applied {
                    job,
                    skipped: Vec::new(),
                    upgraded: false,
                    error: Some(e),
                };
                return post(scope, &reply, None);
            }
        };
        let json =
            |c: &Comparison| JsValue::from_str(&serde_json::to_string(c).unwrap_or_default());
        let reply = Reply::Applied {
            job,
            skipped: a.skipped,
            upgraded: a.upgraded.is_some(),
            error: None,
        };
        let out = js_sys::Array::of2(&JsValue::from_str(&header_of(&reply)), &json(&a.applied));
        if let Some(base) = &a.upgraded {
            out.push(&json(base));
        }
        let _ = scope.post_message(&out);
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
