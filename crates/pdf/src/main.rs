//! The app's PDF reader (wasm only): a Web Worker of its own that reads PDF files into
//! `Document`s and does nothing else (comparing is the reading worker's, `crates/worker`).
//! lopdf and the PDF layout code are about half of what reading needs in all, so a person
//! who gives no PDF never downloads them; one who does gets them in a bundle that starts
//! alongside the reading worker. Messages: the `protocol` crate (`Read` only).

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start(handle);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("report-compare-pdf is the web app's PDF reader (a Web Worker): run `make serve`, or use the `report-compare` CLI.");
}

/// Reads the PDF of a `Read` request; the page sends this worker nothing else.
#[cfg(target_arch = "wasm32")]
fn handle(scope: &web_sys::DedicatedWorkerGlobalScope, message: &js_sys::Array) {
    let Some(header) = message.get(0).as_string() else {
        return;
    };
    if let Ok(protocol::Request::Read { job, name }) = serde_json::from_str(&header) {
        let bytes = js_sys::Uint8Array::new(&message.get(1)).to_vec();
        worker::read(
            scope,
            job,
            &name,
            &bytes,
            engine::ingest::ingest_pdf_with_progress,
        );
    }
}
