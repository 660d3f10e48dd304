//! In-browser tests of the app (headless Chromium via wasm-bindgen-test-runner):
//! `cargo test --target wasm32-unknown-unknown --bin report-compare-web`.
//! They live here, not in the crate's tests/, because integration tests only see the lib
//! crate.
//!
//! By subject: `state.rs` the state and its rules (order, replacing, corrections,
//! shares, codebooks), `view.rs` the small rendering helpers and the word diff, `dom.rs`
//! what renders (markup staying text, the overview, the whole app mounted) and the
//! browser calls in `io.rs`; this file has what they share.

mod dom;
mod state;
mod view;

use std::rc::Rc;
use std::time::Duration;

use wasm_bindgen_test::*;
use web_sys::{DataTransfer, DragEvent, DragEventInit, Element, File};
use yew::prelude::*;

use super::state::{Action, Entry, Source, State};

wasm_bindgen_test_configure!(run_in_browser);

pub(super) const EARLIER: &str =
    include_str!("../../../../../www/samples/luton-2021-focused-visit.txt");
pub(super) const LATER: &str =
    include_str!("../../../../../www/samples/luton-2023-news-article.txt");

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub(super) fn fresh_root() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Lets Yew's scheduler and pending promises run.
pub(super) async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

/// Waits (up to ~6 s) until `selector` matches inside `root`.
pub(super) async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..200 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        settle().await;
    }
    panic!("timed out waiting for {selector}");
}

pub(super) fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

pub(super) fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

pub(super) fn text_file(name: &str, contents: &str) -> File {
    let parts = js_sys::Array::of1(&contents.into());
    File::new_with_str_sequence(&parts, name).unwrap()
}

pub(super) fn drop_files(target: &Element, files: &[File]) {
    let transfer = DataTransfer::new().unwrap();
    for file in files {
        transfer.items().add_with_file(file).unwrap();
    }
    let init = DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    let event = DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

pub(super) fn entry(name: &str, text: &str) -> Rc<Entry> {
    Rc::new(Entry::new(name, text.as_bytes(), Source::File))
}

pub(super) fn reduce(state: Rc<State>, action: Action) -> Rc<State> {
    yew::functional::Reducible::reduce(state, action)
}

/// The state once the worker has applied the pair's pending corrections: here the
/// worker's own code on the page (`jobs::on_page`), replied as the worker replies.
pub(super) fn applied(state: Rc<State>) -> Rc<State> {
    let Some(o) = state.current().filter(|o| o.pending) else {
        return state;
    };
    let result = super::jobs::on_page::apply(&o.base, &o.overrides)
        .map(Box::new)
        .map_err(super::auto_compare::applying_stopped);
    reduce(
        state,
        Action::Applied {
            key: o.key.clone(),
            revision: o.revision,
            result,
        },
    )
}

pub(super) fn add(state: Rc<State>, entries: Vec<Rc<Entry>>, target: Option<usize>) -> Rc<State> {
    let given = entries.len();
    reduce(
        state,
        Action::Add {
            entries,
            target,
            given,
        },
    )
}

pub(super) fn clear_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
}

#[derive(Properties, PartialEq)]
struct WrapProps {
    html: Html,
}

#[function_component(Wrap)]
fn wrap(props: &WrapProps) -> Html {
    props.html.clone()
}

/// Mounts `html` on a fresh root.
pub(super) async fn render(html: Html) -> Element {
    let root = fresh_root();
    yew::Renderer::<Wrap>::with_root_and_props(root.clone(), WrapProps { html }).render();
    settle().await;
    root
}
