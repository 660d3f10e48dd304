//! The browser around the app: reading chosen or dropped files, fetching the bundled
//! samples by a relative URL (so any sub-path works), saving corrections in
//! localStorage, downloads through a Blob and an object URL, and letting the page paint
//! before a long computation. Nothing here talks to another host.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, DragEvent, File, HtmlAnchorElement, Response, Url};

/// Files larger than this are refused before they are read: the engine's own limit for
/// PDF and Word files (it refuses text over `ingest::MAX_BYTES`, 16 MB, with its reason).
pub const MAX_BYTES: f64 = engine::ingest::MAX_DOCUMENT_BYTES as f64;

/// Reads a `File` (from `<input type="file">` or a drop) as an `ArrayBuffer` (the browser
/// reads it off the main thread; the worker takes it without a copy).
pub async fn read_buffer(file: &File) -> Result<js_sys::ArrayBuffer, String> {
    if file.size() > MAX_BYTES {
        return Err(format!(
            "the file is too large ({} MB; the limit is {} MB). Remove appendices or split the report, then try again.",
            super::view::fixed(file.size() / 1_048_576.0, 0),
            super::view::fixed(MAX_BYTES / 1_048_576.0, 0)
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("the browser could not read it ({}).", js_message(&e)))?;
    Ok(buffer.unchecked_into())
}

/// Reads a `File` as bytes (share links' `.rcmp` files, the tests).
#[allow(dead_code)]
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = read_buffer(file).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Every file of a drop, in the order the browser lists them.
pub fn dropped_files(event: &DragEvent) -> Vec<File> {
    let Some(files) = event.data_transfer().and_then(|t| t.files()) else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// Every file chosen in an `<input type="file">`.
pub fn chosen_files(input: &web_sys::HtmlInputElement) -> Vec<File> {
    let Some(files) = input.files() else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// Fetches `url` (relative to the page) as an `ArrayBuffer`; a non-2xx status is an error.
pub async fn fetch_buffer(url: &str) -> Result<js_sys::ArrayBuffer, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("Could not fetch {url}: {}", js_message(&e)))?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| format!("Could not fetch {url}: not a response"))?;
    if !response.ok() {
        return Err(format!("Could not fetch {url}: HTTP {}", response.status()));
    }
    let buffer = response
        .array_buffer()
        .map_err(|e| format!("Could not read {url}: {}", js_message(&e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| format!("Could not read {url}: {}", js_message(&e)))?;
    Ok(buffer.unchecked_into())
}

/// Fetches `url` (relative to the page) as bytes; a non-2xx status is an error.
#[cfg(test)]
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let buffer = fetch_buffer(url).await?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The last path segment of a URL or path: `samples/a.txt` -> `a.txt`.
pub fn file_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A saved value from localStorage (none when storage is unavailable, e.g. blocked).
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves (or, with `None`, forgets) a value in localStorage; false when that failed.
pub fn save(key: &str, value: Option<&str>) -> bool {
    let Some(storage) = storage() else {
        return false;
    };
    match value {
        Some(v) => storage.set_item(key, v).is_ok(),
        None => storage.remove_item(key).is_ok(),
    }
}

/// Offers `text` as a file download (Blob + object URL + a temporary `<a download>`).
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    offer(name, mime, &JsValue::from_str(text))
}

/// Offers bytes (the Word briefing, from the worker) as a file download.
pub fn download_bytes(name: &str, mime: &str, bytes: &js_sys::Uint8Array) -> Result<(), String> {
    offer(name, mime, bytes)
}

/// `part`: a string or a `Uint8Array`; the Blob constructor takes either (web-sys types
/// the sequence as strings, JavaScript doesn't mind).
fn offer(name: &str, mime: &str, part: &JsValue) -> Result<(), String> {
    let fail = |e: JsValue| format!("The download could not start ({}).", js_message(&e));
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(part);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "no anchor".to_string())?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&link).map_err(fail)?;
    link.click();
    link.remove();
    // The download has started; free the object URL a little later.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Ok(())
}

/// Opens the browser's print dialog (the print stylesheet makes an A4 report).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Milliseconds since the page started (the tests' on-page timings; the worker times its
/// own work).
#[cfg(test)]
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Resolves after the browser has painted the next frame, so a progress indicator set
/// just before a long synchronous computation is on screen while it runs. (An animation
/// frame runs just before a paint; a timeout set from it runs after. Hidden tabs skip
/// animation frames, hence the plain timeout as well.)
pub async fn next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let after_frame = {
            let (window, resolve) = (window.clone(), resolve.clone());
            Closure::once_into_js(move || {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    resolve.unchecked_ref(),
                    0,
                );
            })
        };
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 150);
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves in a later task (a zero timeout): work split by it never holds the main
/// thread for long (the page can paint and answer input in between).
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Moves keyboard focus to the element with this id (after the next render).
pub fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Scrolls the element with this id to the top of the window if it starts in the lower
/// part of it or below (results that appeared under the fold); otherwise leaves the page.
pub fn reveal(id: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(element) = window.document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if element.get_bounding_client_rect().top() > height * 0.6 {
        element.scroll_into_view_with_bool(true);
    }
}

pub fn js_message(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

#[wasm_bindgen]
extern "C" {
    // The browser's compression streams (web-sys has them only behind its unstable APIs).
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// `bytes` through the browser's `CompressionStream` or `DecompressionStream` in
/// `deflate-raw` (RFC 1951, the share format's deflate), as a stream of chunks.
fn deflate_stream(bytes: &[u8], inflate: bool) -> Option<web_sys::ReadableStream> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let input = Blob::new_with_u8_array_sequence(&parts).ok()?.stream();
    // Either stream is a { readable, writable } pair.
    let pair: JsValue = if inflate {
        DecompressionStream::new("deflate-raw").ok()?.into()
    } else {
        CompressionStream::new("deflate-raw").ok()?.into()
    };
    Some(input.pipe_through(pair.unchecked_ref()))
}

/// Raw deflate of `bytes` by the browser (off the page's own code, a chunk per task).
pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    let stream = deflate_stream(bytes, false)?;
    let response = Response::new_with_opt_readable_stream(Some(&stream)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Inflates raw deflate by the browser; None when the data is not deflate (cut short,
/// changed) or would inflate past `limit` bytes (it stops there).
pub async fn inflate(packed: &[u8], limit: usize) -> Option<Vec<u8>> {
    let stream = deflate_stream(packed, true)?;
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let read: web_sys::ReadableStreamReadResult =
            JsFuture::from(reader.read()).await.ok()?.unchecked_into();
        if read.get_done().unwrap_or(true) {
            return Some(out);
        }
        let chunk: js_sys::Uint8Array = read.get_value().dyn_into().ok()?;
        let (at, n) = (out.len(), chunk.length() as usize);
        if at + n > limit {
            let _ = reader.cancel();
            return None;
        }
        out.resize(at + n, 0);
        chunk.copy_to(&mut out[at..]);
    }
}

/// base64url without padding (the share format's), by the browser's `btoa`.
pub fn base64url(bytes: &[u8]) -> Option<String> {
    // btoa takes a "binary string": one character per byte.
    let binary: String = bytes.iter().map(|&b| char::from(b)).collect();
    let text = web_sys::window()?.btoa(&binary).ok()?;
    Some(
        text.trim_end_matches('=')
            .chars()
            .map(|c| match c {
                '+' => '-',
                '/' => '_',
                c => c,
            })
            .collect(),
    )
}

/// The bytes of base64url without padding, by the browser's `atob`; None for anything
/// else, as strictly as the `base64` crate's URL_SAFE_NO_PAD: only its 64 characters (no
/// whitespace, no `+` or `/`), a possible length, and unused bits of the last character
/// zero.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    };
    let mut last = 0;
    for &c in text.as_bytes() {
        last = value(c)?;
    }
    let unused = match text.len() % 4 {
        0 => 0,
        1 => return None,
        2 => 0b1111,
        _ => 0b11,
    };
    if last & unused != 0 {
        return None;
    }
    let mut b64: String = text
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !b64.len().is_multiple_of(4) {
        b64.push('=');
    }
    let binary = web_sys::window()?.atob(&b64).ok()?;
    // Each character of atob's "binary string" is one byte (U+0000 to U+00FF).
    binary.chars().map(|c| u8::try_from(c).ok()).collect()
}
