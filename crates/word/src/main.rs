//! The app's Word writer (wasm only): a Web Worker of its own, started only when a person
//! asks for the Word briefing, and ended when it has answered. docx-rs is most of its size
//! (about 200 KB gzipped), so neither the page nor the reading worker (`crates/worker`)
//! carries it, and nobody downloads it who never asks for a Word file. Built by Trunk with
//! the `word` feature only (index.html). Messages: the `protocol` crate (`Docx`).

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start(imp::handle);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("report-compare-word is the web app's Word writer (a Web Worker): run `make serve`, or use `report-compare --format docx`.");
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use engine::compare::Comparison;
    use engine::export::docx;
    use engine::overrides::Overrides;
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::DedicatedWorkerGlobalScope;

    use protocol::{Reply, Request};

    fn post(scope: &DedicatedWorkerGlobalScope, reply: &Reply, bytes: Option<Uint8Array>) {
        let header = JsValue::from_str(&serde_json::to_string(reply).unwrap_or_default());
        let _ = match bytes {
            // The file's bytes are transferred to the page, not copied.
            Some(b) => {
                scope.post_message_with_transfer(&Array::of2(&header, &b), &Array::of1(&b.buffer()))
            }
            None => scope.post_message(&Array::of1(&header)),
        };
    }

    pub fn handle(scope: &DedicatedWorkerGlobalScope, message: &Array) {
        let Some(Ok(Request::Docx { job })) = message
            .get(0)
            .as_string()
            .map(|h| serde_json::from_str::<Request>(&h))
        else {
            return;
        };
        let comparison = message
            .get(1)
            .as_string()
            .and_then(|s| serde_json::from_str::<Comparison>(&s).ok());
        let corrections = message
            .get(2)
            .as_string()
            .and_then(|s| Overrides::from_json(&s).ok());
        let made = match (comparison, corrections) {
            (Some(c), Some(o)) => docx::corrected(&c, &o).map_err(|e| e.to_string()),
            _ => Err("the comparison did not reach the Word writer intact.".to_string()),
        };
        match made {
            Ok(bytes) => post(
                scope,
                &Reply::Docx { job, error: None },
                Some(Uint8Array::from(bytes.as_slice())),
            ),
            Err(e) => post(
                scope,
                &Reply::Docx {
                    job,
                    error: Some(e),
                },
                None,
            ),
        }
    }
}
