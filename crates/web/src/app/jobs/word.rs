//! The Word writer: a worker started for one request and ended after it.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use engine::compare::Comparison;
use engine::overrides::Overrides;

use super::super::protocol::{Reply, Request};
use super::client::CRASHED;
use super::{available, Stopped};

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
        Err(_) if super::super::embed::is_file_page() => return Err(no_writer()),
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
