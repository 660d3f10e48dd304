//! In-browser tests of the app (headless Chromium via wasm-bindgen-test-runner):
//! `cargo test --target wasm32-unknown-unknown --bin report-compare-web`.
//! They live here, not in tests/, because integration tests only see the lib crate.

use std::time::Duration;

use report_compare::diff::{word_diff, Change};
use wasm_bindgen_test::*;
use web_sys::{DataTransfer, DragEvent, DragEventInit, Element, File};

use super::view::{change_class, change_counts, words, DiffProps, DiffView};
use super::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn fresh_root() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Lets Yew's scheduler and pending promises run.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

/// Waits (up to ~3 s) until `selector` matches inside `root`.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        settle().await;
    }
    panic!("timed out waiting for {selector}");
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn text_file(name: &str, contents: &str) -> File {
    let parts = js_sys::Array::of1(&contents.into());
    File::new_with_str_sequence(&parts, name).unwrap()
}

fn drop_file(target: &Element, file: &File) {
    let transfer = DataTransfer::new().unwrap();
    transfer.items().add_with_file(file).unwrap();
    let init = DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    let event = DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn renders_title_slots_and_sample_button() {
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    wait_for(&root, "h1").await;

    assert_eq!(text(&root, "h1"), "report-compare");
    assert!(text(&root, ".tagline").contains("nothing leaves your browser"));
    assert_eq!(count(&root, "header"), 1);
    assert_eq!(count(&root, "main#main"), 1);
    assert_eq!(
        root.query_selector("a.skip-link")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("#main")
    );

    // Each slot: a real file input, labelled by the slot's title.
    assert_eq!(count(&root, "input[type=file]"), 2);
    for which in [Which::Earlier, Which::Later] {
        let id = which.input_id();
        let label = text(&root, &format!("label[for={id}]"));
        assert_eq!(label, which.label());
        assert_eq!(count(&root, &format!("input[type=file]#{id}")), 1);
    }

    let button = root.query_selector("button.sample").unwrap().unwrap();
    assert_eq!(button.text_content().unwrap(), "Try the sample");
    assert_eq!(button.get_attribute("type").as_deref(), Some("button"));
    // Nothing to compare yet.
    assert_eq!(count(&root, ".diff"), 0);
    root.remove();
}

#[wasm_bindgen_test]
async fn dropped_files_fill_both_slots_and_show_the_diff() {
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    wait_for(&root, ".slot").await;

    let earlier = root
        .query_selector("[data-slot=earlier-file]")
        .unwrap()
        .unwrap();
    let later = root
        .query_selector("[data-slot=later-file]")
        .unwrap()
        .unwrap();
    drop_file(&earlier, &text_file("2021.txt", "caseloads are high"));
    wait_for(&root, "[data-slot=earlier-file].filled").await;
    assert!(text(&root, "[data-slot=earlier-file]").contains("2021.txt"));
    assert!(text(&root, "[data-slot=earlier-file]").contains("3 words"));
    assert_eq!(count(&root, ".diff"), 0, "no diff with one report");

    drop_file(
        &later,
        &text_file("2023.txt", "caseloads are now <b>manageable</b>"),
    );
    let diff = wait_for(&root, ".diff").await;

    assert!(text(&root, ".columns").contains("caseloads are high"));
    let del = diff.query_selector("del").unwrap().unwrap();
    let ins = diff.query_selector("ins").unwrap().unwrap();
    assert!(del.text_content().unwrap().contains("high"));
    assert!(ins.text_content().unwrap().contains("manageable"));
    // Markup in a report is text, never elements.
    assert!(ins.text_content().unwrap().contains("<b>"));
    assert_eq!(count(&root, "main b"), 0);
    assert!(text(&root, "[role=status]").contains("2023.txt"));
    root.remove();
}

#[wasm_bindgen_test]
async fn diff_view_renders_del_and_ins_as_text_only() {
    let root = fresh_root();
    let props = DiffProps {
        before: "the <script>alert(1)</script> quick fox".into(),
        after: "the <img src=x onerror=alert(1)> slow fox".into(),
    };
    yew::Renderer::<DiffView>::with_root_and_props(root.clone(), props).render();
    wait_for(&root, ".diff").await;

    assert!(count(&root, "del") >= 1);
    assert!(count(&root, "ins") >= 1);
    assert_eq!(count(&root, "script"), 0);
    assert_eq!(count(&root, "img"), 0);
    let all = text(&root, ".diff");
    assert!(all.contains("<script>alert(1)</script>"));
    assert!(all.contains("<img src=x onerror=alert(1)>"));
    let deleted: String = (0..count(&root, "del"))
        .map(|i| {
            let list = root.query_selector_all("del").unwrap();
            list.get(i).unwrap().text_content().unwrap_or_default()
        })
        .collect();
    assert!(deleted.contains("quick"), "{deleted}");
    assert!(text(&root, ".legend").contains("added"));
    root.remove();
}

#[wasm_bindgen_test]
async fn span_classes_and_counts() {
    assert_eq!(change_class(Change::Same), "same");
    assert_eq!(change_class(Change::Deleted), "deleted");
    assert_eq!(change_class(Change::Inserted), "inserted");

    let spans = word_diff("caseloads are high", "caseloads are now manageable");
    assert_eq!(change_counts(&spans), (2, 1));
    assert_eq!(words(1), "1 word");
    assert_eq!(words(0), "0 words");

    // Each span becomes a bare text node, a <del class=deleted> or an <ins class=inserted>.
    let root = fresh_root();
    let html = html! { <>{ for spans.iter().map(super::view::span_html) }</> };
    yew::Renderer::<Wrap>::with_root_and_props(root.clone(), WrapProps { html }).render();
    wait_for(&root, "ins").await;
    assert_eq!(text(&root, "del.deleted"), "high");
    assert_eq!(text(&root, "ins.inserted"), "now manageable");
    assert_eq!(
        root.children().length(),
        2,
        "unchanged text gets no element"
    );
    assert_eq!(
        root.text_content().unwrap(),
        "caseloads are highnow manageable"
    );
    root.remove();
}

#[derive(Properties, PartialEq)]
struct WrapProps {
    html: Html,
}

#[function_component(Wrap)]
fn wrap(props: &WrapProps) -> Html {
    props.html.clone()
}

#[wasm_bindgen_test]
async fn reads_a_file_as_text() {
    let file = text_file("x.txt", "héllo <img src=x onerror=alert(1)>\nline two");
    let got = io::read_file(&file).await.unwrap();
    assert_eq!(got, "héllo <img src=x onerror=alert(1)>\nline two");
}

#[wasm_bindgen_test]
async fn fetch_reports_http_errors() {
    let err = io::fetch_text("no-such-file-here.txt").await.unwrap_err();
    assert!(err.contains("no-such-file-here.txt"), "{err}");
}

#[wasm_bindgen_test]
fn sample_urls_are_relative() {
    for url in [SAMPLE_EARLIER, SAMPLE_LATER] {
        assert!(url.starts_with("samples/"), "{url} must be relative");
        assert!(url.ends_with(".txt"));
    }
    assert_eq!(io::file_name(SAMPLE_LATER), "luton-2023-news-article.txt");
}
