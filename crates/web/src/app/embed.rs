//! The app inside another page (`<iframe>`), and reports given by URL.
//!
//! URL parameters (the query string; report text only ever travels in messages or the
//! fragment, never in the query):
//! - `embed=1`: compact layout (no site header or footer).
//! - `origins=https://a.example,https://b.example`: the pages allowed to talk to the app
//!   with `postMessage`. Default: the app's own origin only.
//! - `before=URL&after=URL`: fetch the two reports. Only the app's own origin (relative
//!   URLs such as `reports/2021.txt`) is fetched: the page's Content-Security-Policy
//!   (`connect-src 'self'`) blocks everything else, so another host is refused up front
//!   with a message saying so.
//!
//! Messages (all plain objects with a `type`):
//! - host → app: `{type: "report-compare:load", reports: [{name, text}, {name, bytes}]}`
//!   (`bytes`: an ArrayBuffer or Uint8Array, e.g. a PDF; three or more reports make a
//!   series). From any other origin: ignored.
//! - app → host: `report-compare:ready`, `report-compare:progress` `{stage}`,
//!   `report-compare:result` `{headline, summary, before, after}` (counts and names, no
//!   report text; for a series `{series: true, headline, summary, reports}`) and
//!   `report-compare:error` `{message}`; sent only to the embedding page's origin, and
//!   only when that origin is allowed.

use engine::export::headline;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::io;
use super::state::State;

const PREFIX: &str = "report-compare:";

/// The query parameter `name` (decoded), if present.
pub fn param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| {
            js_sys::decode_uri_component(&v.replace('+', " "))
                .ok()?
                .as_string()
        })
}

/// Opened from disk (the single-file build, `make single-file`): nothing can be fetched.
pub fn is_file_page() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

/// What "Try the sample" says in the single-file build.
pub const NO_SAMPLE: &str = "The sample isn’t included in this single-file version (a page opened from disk can’t fetch files). Choose two reports, drop them here, or paste their text.";

/// `?embed=1`: the compact layout.
pub fn is_embedded() -> bool {
    param("embed").is_some_and(|v| v == "1" || v == "true")
}

fn own_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The origins allowed to send messages (and to receive results).
pub fn allowed_origins() -> Vec<String> {
    match param("origins") {
        Some(list) if !list.trim().is_empty() => list
            .split([',', ' '])
            .map(|o| o.trim().trim_end_matches('/').to_string())
            .filter(|o| !o.is_empty())
            .collect(),
        _ => vec![own_origin()],
    }
}

/// The embedding page's origin, when it is allowed (else nothing is ever sent to it).
fn host_origin() -> Option<String> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    if JsValue::from(parent) == JsValue::from(window.clone()) {
        return None; // not in a frame
    }
    let allowed = allowed_origins();
    let ancestors = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into())
        .ok()
        .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
        .and_then(|o| o.as_string());
    let referrer = window
        .document()
        .map(|d| d.referrer())
        .and_then(|r| web_sys::Url::new(&r).ok())
        .map(|u| u.origin());
    match ancestors.or(referrer) {
        Some(origin) => allowed.contains(&origin).then_some(origin),
        None => (allowed.len() == 1).then(|| allowed[0].clone()),
    }
}

/// Sends `{type: "report-compare:<kind>", ...fields}` to the embedding page.
pub(super) fn post(kind: &str, fields: &[(&str, JsValue)]) {
    let Some(origin) = host_origin() else { return };
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &format!("{PREFIX}{kind}").into());
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&message, &(*k).into(), v);
    }
    let _ = parent.post_message(&message, &origin);
}

/// Reports in a `load` message as files for the app's usual path (worker, PDF, Word).
fn files_of(data: &JsValue) -> Result<Vec<web_sys::File>, String> {
    let reports = js_sys::Reflect::get(data, &"reports".into()).unwrap_or_default();
    if !js_sys::Array::is_array(&reports) {
        return Err(
            "a load message needs `reports`: an array of {name, text} or {name, bytes}".into(),
        );
    }
    let mut files = Vec::new();
    // Two reports are a comparison; three or more a series.
    let most = super::series::MAX_REPORTS;
    for (i, report) in js_sys::Array::from(&reports).iter().enumerate().take(most) {
        let get = |k: &str| js_sys::Reflect::get(&report, &k.into()).unwrap_or_default();
        let name = get("name")
            .as_string()
            .unwrap_or_else(|| format!("Report {}.txt", i + 1));
        let (text, bytes) = (get("text"), get("bytes"));
        let body = if text.is_string() {
            text
        } else if bytes.is_instance_of::<js_sys::ArrayBuffer>()
            || bytes.is_instance_of::<js_sys::Uint8Array>()
        {
            bytes
        } else {
            return Err(format!(
                "report {} ({name}) has neither `text` nor `bytes`",
                i + 1
            ));
        };
        let file = web_sys::File::new_with_str_sequence(&js_sys::Array::of1(&body), &name)
            .map_err(|e| io::js_message(&e))?;
        files.push(file);
    }
    Ok(files)
}

/// Reports named by `?before=&after=`: fetched from the app's own origin only.
async fn fetch_named(before: String, after: String) -> Result<Vec<web_sys::File>, String> {
    let own = own_origin();
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let mut files = Vec::new();
    for url in [before, after] {
        let resolved = web_sys::Url::new_with_base(&url, &base)
            .map_err(|_| format!("“{url}” is not a web address."))?;
        if resolved.origin() != own {
            return Err(format!(
                "Can't fetch {url}: this page may only fetch reports from its own site ({own}); its security policy blocks other hosts. Put the reports next to the app, or load them with postMessage."
            ));
        }
        let buffer = io::fetch_buffer(&resolved.href()).await?;
        let name = io::file_name(&resolved.pathname()).to_string();
        let array = js_sys::Array::of1(&buffer);
        files.push(
            web_sys::File::new_with_u8_array_sequence(&array, &name)
                .map_err(|e| io::js_message(&e))?,
        );
    }
    Ok(files)
}

/// Wires the app to its host page and to `?before=&after=`; reports given either way go
/// through `on_files`, like dropped files.
#[hook]
pub fn use_embed(
    state: &UseReducerHandle<State>,
    on_files: Callback<(Vec<web_sys::File>, Option<usize>)>,
    on_say: Callback<(String, bool)>,
) {
    {
        let (on_files, on_say) = (on_files.clone(), on_say.clone());
        use_effect_with((), move |_| {
            let allowed = allowed_origins();
            let (files_cb, say_cb) = (on_files.clone(), on_say.clone());
            let listener =
                Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                    if !allowed.contains(&e.origin()) {
                        return; // not an allowed host: ignored
                    }
                    let data = e.data();
                    let kind = js_sys::Reflect::get(&data, &"type".into())
                        .ok()
                        .and_then(|t| t.as_string());
                    if kind.as_deref() != Some("report-compare:load") {
                        return;
                    }
                    match files_of(&data) {
                        Ok(files) => files_cb.emit((files, None)),
                        Err(e) => {
                            post("error", &[("message", e.clone().into())]);
                            say_cb.emit((
                                format!("The page around this app sent reports it can't use: {e}."),
                                true,
                            ));
                        }
                    }
                });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w
                    .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
            }
            // Started by the page for a series (`handoff.rs`): the host was greeted and
            // `?before=&after=` fetched then.
            #[cfg(feature = "series")]
            let fresh = !super::handoff::handed_over();
            #[cfg(not(feature = "series"))]
            let fresh = true;
            if fresh {
                post("ready", &[]);
            }
            if let (true, Some(before), Some(after)) = (fresh, param("before"), param("after")) {
                let (on_files, on_say) = (on_files.clone(), on_say.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match fetch_named(before, after).await {
                        Ok(files) => on_files.emit((files, None)),
                        Err(e) => {
                            post("error", &[("message", e.clone().into())]);
                            on_say.emit((e, true));
                        }
                    }
                });
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "message",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    use_effect_with(state.busy.clone(), |busy| {
        if let Some(stage) = busy {
            post("progress", &[("stage", stage.clone().into())]);
        }
    });
    use_effect_with(state.message.clone(), |message| {
        if let Some(m) = message.as_ref().filter(|m| m.error) {
            post("error", &[("message", m.text.clone().into())]);
        }
    });
    use_effect_with(state.current(), |outcome| {
        if let Some(o) = outcome {
            let c = &o.applied;
            let summary = serde_json::to_string(&c.summary).unwrap_or_default();
            let summary = js_sys::JSON::parse(&summary).unwrap_or_default();
            let side = |s: &engine::compare::Side| {
                let obj = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&obj, &"name".into(), &s.name.clone().into());
                let _ = js_sys::Reflect::set(&obj, &"date".into(), &s.date.clone().into());
                let _ = js_sys::Reflect::set(
                    &obj,
                    &"findings".into(),
                    &(s.findings.len() as u32).into(),
                );
                JsValue::from(obj)
            };
            post(
                "result",
                &[
                    ("headline", headline(c).into()),
                    ("summary", summary),
                    ("corrections", (o.overrides.edits.len() as u32).into()),
                    ("before", side(&c.before)),
                    ("after", side(&c.after)),
                ],
            );
        }
    });
}
