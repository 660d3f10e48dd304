//! The page without the series view hands over to the bundle that has it.
//!
//! The page (`report-compare-web`, built without the `series` feature) has no series code:
//! when three or more reports are given, or a shared series is opened, it loads
//! `report-compare-series.js` and its wasm (the whole app, series view included, built
//! from the same sources with the feature), steps aside and lets it start with what was
//! being opened. Both are the page's own static files. What goes across, as a plain JS
//! object in `globalThis.reportCompareHandoff`: the report files (or the shared series'
//! checked JSON), the person's codebook as the worker read it, and the `#c=` link the page
//! had already opened (not opened again). The pair on screen stays behind: a series
//! replaces it.

#[cfg(not(feature = "series"))]
pub use give::{hand_over, keep, note, use_handoff, Pending};
#[cfg(feature = "series")]
pub use take::{handed_over, take, use_handoff};

const GLOBAL: &str = "reportCompareHandoff";

/// The page's half: loads the series bundle and hands over to it.
#[cfg(not(feature = "series"))]
mod give {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use yew::prelude::*;

    use super::super::state::{Action, State, UserCodebook};
    use super::super::{io, jobs};

    const SCRIPT: &str = "./report-compare-series.js";
    const WASM: &str = "./report-compare-series_bg.wasm";

    #[wasm_bindgen]
    extern "C" {
        /// The series bundle's wasm-bindgen init: its glue (no-modules, as a worker's) is a
        /// classic script whose top-level `wasm_bindgen` it defines.
        #[wasm_bindgen(js_name = wasm_bindgen, catch)]
        fn init_series(options: &JsValue) -> Result<js_sys::Promise, JsValue>;
    }

    /// What was being opened.
    pub enum Pending {
        /// Three or more reports (dropped, chosen or sent by the embedding page).
        Files(Vec<web_sys::File>),
        /// A shared series: its checked JSON, from a link or a `.rcmp` file.
        Series(String),
    }

    type Pair = (UseReducerDispatcher<State>, Option<Rc<UserCodebook>>);

    thread_local! {
        static STARTED: Cell<bool> = const { Cell::new(false) };
        /// The app, to end when the series bundle is ready to take over.
        static APP: RefCell<Option<yew::AppHandle<super::super::App>>> = const { RefCell::new(None) };
        /// The pair's dispatcher and codebook, as of the last render.
        static PAIR: RefCell<Option<Pair>> = const { RefCell::new(None) };
    }

    /// Nothing is handed to the page itself (the series bundle's hook of this name opens
    /// what the page handed over).
    #[hook]
    pub fn use_handoff(
        _pair: UseReducerDispatcher<State>,
        _series: UseReducerDispatcher<super::super::series::SeriesState>,
        _on_files: Callback<(Vec<web_sys::File>, Option<usize>)>,
    ) {
    }

    /// Keeps the app's handle (`app::start`).
    pub fn keep(app: yew::AppHandle<super::super::App>) {
        APP.with(|a| *a.borrow_mut() = Some(app));
    }

    /// Keeps what a hand-over takes from the pair (called on every render).
    pub fn note(pair: UseReducerDispatcher<State>, codebook: Option<Rc<UserCodebook>>) {
        PAIR.with(|p| *p.borrow_mut() = Some((pair, codebook)));
    }

    /// Loads the series bundle, then ends this app and starts that one with `pending`; if
    /// it can't be loaded, says so and stays.
    pub fn hand_over(pending: Pending) {
        let Some((pair, _)) = PAIR.with(|p| p.borrow().clone()) else {
            return;
        };
        if STARTED.with(|s| s.replace(true)) {
            return;
        }
        pair.dispatch(Action::Busy(Some("Opening the series view…".to_string())));
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = load(pending).await {
                STARTED.with(|s| s.set(false));
                pair.dispatch(Action::Busy(None));
                pair.dispatch(Action::Say(
                    format!("Could not open the series view: {e} Reload the page and try again."),
                    true,
                ));
            }
        });
    }

    fn js_error(e: JsValue) -> String {
        io::js_message(&e)
    }

    async fn load(pending: Pending) -> Result<(), String> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        // Its wasm first (compiled off the main thread), then its glue.
        let bytes = io::fetch_buffer(WASM).await?;
        let module = JsFuture::from(js_sys::WebAssembly::compile(&bytes))
            .await
            .map_err(js_error)?;
        let script = document.create_element("script").map_err(js_error)?;
        script.set_attribute("src", SCRIPT).map_err(js_error)?;
        let loaded = js_sys::Promise::new(&mut |ok, fail| {
            let _ = script.add_event_listener_with_callback("load", &ok);
            let _ = script.add_event_listener_with_callback("error", &fail);
        });
        document
            .head()
            .ok_or("no head")?
            .append_child(&script)
            .map_err(js_error)?;
        JsFuture::from(loaded)
            .await
            .map_err(|_| format!("Could not load {SCRIPT}."))?;

        // What the series bundle starts with.
        let given = Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = Reflect::set(&given, &k.into(), v);
        };
        match pending {
            Pending::Files(files) => set("files", &files.into_iter().collect::<Array>()),
            Pending::Series(json) => set("series", &json.into()),
        }
        if let Some(c) = PAIR.with(|p| p.borrow().as_ref().and_then(|(_, c)| c.clone())) {
            let book = Object::new();
            for (k, v) in [
                ("name", JsValue::from(c.name.as_str())),
                ("yours", c.yours.as_str().into()),
                ("book", c.book.as_str().into()),
                ("themes", (c.themes as u32).into()),
                ("replace", (c.mode == engine::themes::Mode::Replace).into()),
            ] {
                let _ = Reflect::set(&book, &k.into(), &v);
            }
            set("codebook", &book);
        }
        if let Some(seen) = super::super::share::payload_in_hash() {
            set("seen", &seen.into());
        }
        let _ = Reflect::set(&js_sys::global(), &super::GLOBAL.into(), &given);

        // This app steps aside (its workers too), and the series bundle starts.
        jobs::retire();
        PAIR.with(|p| p.borrow_mut().take());
        if let Some(app) = APP.with(|a| a.borrow_mut().take()) {
            app.destroy();
        }
        let options = Object::new();
        let _ = Reflect::set(&options, &"module_or_path".into(), &module);
        let started = init_series(&options).map_err(js_error)?;
        // Past this point there is no page to report to: the error goes to the console.
        if let Err(e) = JsFuture::from(started).await {
            web_sys::console::error_2(&"report-compare: the series view did not start".into(), &e);
        }
        Ok(())
    }
}

/// The series bundle's half: what the page handed over, used once the app is mounted.
#[cfg(feature = "series")]
mod take {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    use js_sys::Reflect;
    use wasm_bindgen::{JsCast, JsValue};
    use yew::prelude::*;

    use super::super::jobs::ReadCodebook;
    use super::super::series::{self, SeriesState};
    use super::super::share;
    use super::super::state::{Action, State, UserCodebook};

    thread_local! {
        static GIVEN: RefCell<Option<JsValue>> = const { RefCell::new(None) };
        static HANDED: Cell<bool> = const { Cell::new(false) };
    }

    /// Takes what the page handed over, if it did (`app::start`, before mounting).
    pub fn take() {
        let global = js_sys::global();
        let given = Reflect::get(&global, &super::GLOBAL.into())
            .ok()
            .filter(|g| g.is_object());
        if let Some(given) = given {
            let _ = Reflect::delete_property(
                global.unchecked_ref::<js_sys::Object>(),
                &super::GLOBAL.into(),
            );
            if let Some(seen) = Reflect::get(&given, &"seen".into())
                .ok()
                .and_then(|s| s.as_string())
            {
                share::already_open(seen);
            }
            HANDED.with(|h| h.set(true));
            GIVEN.with(|g| *g.borrow_mut() = Some(given));
        }
    }

    /// This app was started by the page for a series (so it doesn't greet the embedding
    /// page again, nor fetch `?before=&after=` again).
    pub fn handed_over() -> bool {
        HANDED.with(Cell::get)
    }

    /// Opens what was handed over: the codebook, then the reports (through `on_files`,
    /// as dropped ones) or the shared series.
    #[hook]
    pub fn use_handoff(
        pair: UseReducerDispatcher<State>,
        series: UseReducerDispatcher<SeriesState>,
        on_files: Callback<(Vec<web_sys::File>, Option<usize>)>,
    ) {
        use_effect_with((), move |_| {
            let Some(given) = GIVEN.with(|g| g.borrow_mut().take()) else {
                return;
            };
            let get = |k: &str| Reflect::get(&given, &k.into()).unwrap_or_default();
            let book = get("codebook");
            if book.is_object() {
                let text = |k: &str| {
                    Reflect::get(&book, &k.into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default()
                };
                let themes = Reflect::get(&book, &"themes".into())
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or_default() as usize;
                let replace = Reflect::get(&book, &"replace".into())
                    .ok()
                    .is_some_and(|v| v.is_truthy());
                let read = ReadCodebook {
                    yours: text("yours"),
                    book: text("book"),
                    themes,
                    mode: if replace {
                        engine::themes::Mode::Replace
                    } else {
                        engine::themes::Mode::Extend
                    },
                };
                let codebook = UserCodebook::new(&text("name"), read);
                pair.dispatch(Action::Codebook(Some(Rc::new(codebook))));
            }
            let files = get("files");
            if js_sys::Array::is_array(&files) {
                let files: Vec<web_sys::File> = js_sys::Array::from(&files)
                    .iter()
                    .filter_map(|f| f.dyn_into().ok())
                    .collect();
                on_files.emit((files, None));
            } else if let Some(json) = get("series").as_string() {
                match series::share::open(&json) {
                    Ok(action) => share::show(share::Opened::Series(action), &pair, &series),
                    Err(e) => pair.dispatch(Action::Say(e, true)),
                }
            }
        });
    }
}
