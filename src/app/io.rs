//! Getting text into the app: a chosen or dropped file, or a bundled sample fetched by a
//! relative URL (so the app works from any sub-path).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, Response};

/// Files larger than this are refused with a message instead of freezing the tab.
pub const MAX_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Reads a `File` (from `<input type="file">` or a drop) as UTF-8 text.
pub async fn read_file(file: &File) -> Result<String, String> {
    if file.size() > MAX_BYTES {
        return Err(format!(
            "{} is too large ({:.0} MB; the limit is {:.0} MB).",
            file.name(),
            file.size() / 1_048_576.0,
            MAX_BYTES / 1_048_576.0
        ));
    }
    let value = JsFuture::from(file.text())
        .await
        .map_err(|e| format!("Could not read {}: {}", file.name(), js_message(&e)))?;
    value
        .as_string()
        .ok_or_else(|| format!("Could not read {} as text.", file.name()))
}

/// The first file of a drop, if the drop carried any.
pub fn dropped_file(event: &DragEvent) -> Option<File> {
    event.data_transfer()?.files()?.get(0)
}

/// Fetches `url` (relative to the page) as text; a non-2xx status is an error.
pub async fn fetch_text(url: &str) -> Result<String, String> {
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
    let text = response
        .text()
        .map_err(|e| format!("Could not read {url}: {}", js_message(&e)))?;
    JsFuture::from(text)
        .await
        .map_err(|e| format!("Could not read {url}: {}", js_message(&e)))?
        .as_string()
        .ok_or_else(|| format!("Could not read {url} as text"))
}

/// The last path segment of a URL or path: `samples/a.txt` -> `a.txt`.
pub fn file_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

fn js_message(value: &wasm_bindgen::JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}
