//! The Yew app (wasm only): two report slots, a sample button, the two texts side by side
//! and a word-level diff from the engine. Nothing is sent anywhere: files are read in the
//! browser and the bundled samples are fetched from the app's own folder.

mod io;
mod view;

#[cfg(test)]
mod tests;

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use view::{word_count, words, DiffView};

/// The bundled seed pair, relative to the page so any sub-path works.
pub const SAMPLE_EARLIER: &str = "samples/luton-2021-focused-visit.txt";
pub const SAMPLE_LATER: &str = "samples/luton-2023-news-article.txt";

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// A loaded report: where it came from and its raw text.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub name: AttrValue,
    pub text: AttrValue,
}

/// Which of the two slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Earlier,
    Later,
}

impl Which {
    pub fn label(self) -> &'static str {
        match self {
            Which::Earlier => "Earlier report",
            Which::Later => "Later report",
        }
    }

    /// The id of the slot's `<input type="file">` (its `<label for>` points here).
    pub fn input_id(self) -> &'static str {
        match self {
            Which::Earlier => "earlier-file",
            Which::Later => "later-file",
        }
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let earlier = use_state(|| None::<Rc<Doc>>);
    let later = use_state(|| None::<Rc<Doc>>);
    let status = use_state(AttrValue::default);
    let error = use_state(|| false);

    let report = {
        let (status, error) = (status.clone(), error.clone());
        Callback::from(move |(message, is_error): (String, bool)| {
            status.set(message.into());
            error.set(is_error);
        })
    };

    let on_load = |slot: UseStateHandle<Option<Rc<Doc>>>, which: Which| {
        let report = report.clone();
        Callback::from(move |doc: Doc| {
            report.emit((format!("{}: {} loaded.", which.label(), doc.name), false));
            slot.set(Some(Rc::new(doc)));
        })
    };
    let on_error = {
        let report = report.clone();
        Callback::from(move |message: String| report.emit((message, true)))
    };

    let on_sample = {
        let (earlier, later, report) = (earlier.clone(), later.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            let (earlier, later, report) = (earlier.clone(), later.clone(), report.clone());
            report.emit(("Loading the sample…".to_string(), false));
            spawn_local(async move {
                match fetch_samples().await {
                    (Ok(a), Ok(b)) => {
                        earlier.set(Some(Rc::new(Doc {
                            name: io::file_name(SAMPLE_EARLIER).to_string().into(),
                            text: a.into(),
                        })));
                        later.set(Some(Rc::new(Doc {
                            name: io::file_name(SAMPLE_LATER).to_string().into(),
                            text: b.into(),
                        })));
                        report.emit(("Sample loaded: two Luton reports.".to_string(), false));
                    }
                    (Err(e), _) | (_, Err(e)) => report.emit((e, true)),
                }
            });
        })
    };

    html! {
        <>
            <a class="skip-link" href="#main">{"Skip to content"}</a>
            <header class="site-header">
                <h1>{"report-compare"}</h1>
                <p class="tagline">{"Compare two reports by theme — nothing leaves your browser."}</p>
            </header>
            <main id="main" tabindex="-1">
                <section class="load" aria-labelledby="load-heading">
                    <h2 id="load-heading" class="visually-hidden">{"Choose two reports"}</h2>
                    <div class="slots">
                        <Slot which={Which::Earlier} doc={(*earlier).clone()}
                            on_load={on_load(earlier.clone(), Which::Earlier)} on_error={on_error.clone()} />
                        <Slot which={Which::Later} doc={(*later).clone()}
                            on_load={on_load(later.clone(), Which::Later)} on_error={on_error.clone()} />
                    </div>
                    <p class="actions">
                        <button type="button" class="sample" onclick={on_sample}>{"Try the sample"}</button>
                        <span class="muted">{" Two public reports on Luton children’s services, 2021 and 2023."}</span>
                    </p>
                    <p class={classes!("status", (*error).then_some("error"))} role="status" aria-live="polite">
                        {(*status).clone()}
                    </p>
                </section>
                { compare_view(earlier.as_deref(), later.as_deref()) }
            </main>
        </>
    }
}

/// Fetches the bundled seed pair (two small files, one after the other).
async fn fetch_samples() -> (Result<String, String>, Result<String, String>) {
    let a = io::fetch_text(SAMPLE_EARLIER).await;
    let b = io::fetch_text(SAMPLE_LATER).await;
    (a, b)
}

fn compare_view(earlier: Option<&Doc>, later: Option<&Doc>) -> Html {
    let (Some(earlier), Some(later)) = (earlier, later) else {
        return html! {};
    };
    html! {
        <>
            <section class="texts" aria-labelledby="texts-heading">
                <h2 id="texts-heading">{"Side by side"}</h2>
                <div class="columns">
                    { doc_column(Which::Earlier, earlier) }
                    { doc_column(Which::Later, later) }
                </div>
            </section>
            <section class="changes" aria-labelledby="diff-heading">
                <h2 id="diff-heading">{"Word changes"}</h2>
                <DiffView before={earlier.text.clone()} after={later.text.clone()} />
            </section>
        </>
    }
}

fn doc_column(which: Which, doc: &Doc) -> Html {
    let heading_id = format!("{}-text-heading", which.input_id());
    html! {
        <article class="doc" aria-labelledby={heading_id.clone()}>
            <h3 id={heading_id}>{which.label()}{": "}<span class="doc-name">{doc.name.clone()}</span></h3>
            <pre class="doc-text" tabindex="0" role="region" aria-label={format!("{} text", which.label())}>
                {doc.text.clone()}
            </pre>
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct SlotProps {
    pub which: Which,
    pub doc: Option<Rc<Doc>>,
    pub on_load: Callback<Doc>,
    pub on_error: Callback<String>,
}

/// One drop area backed by a real, labelled `<input type="file">`.
#[function_component(Slot)]
pub fn slot(props: &SlotProps) -> Html {
    let dragging = use_state(|| false);
    let which = props.which;

    let load = {
        let (on_load, on_error) = (props.on_load.clone(), props.on_error.clone());
        move |file: web_sys::File| {
            let (on_load, on_error) = (on_load.clone(), on_error.clone());
            spawn_local(async move {
                match io::read_file(&file).await {
                    Ok(text) => on_load.emit(Doc {
                        name: file.name().into(),
                        text: text.into(),
                    }),
                    Err(e) => on_error.emit(e),
                }
            });
        }
    };

    let onchange = {
        let load = load.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                load(file);
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = io::dropped_file(&e) {
                load(file);
            }
        })
    };

    let status = match &props.doc {
        Some(doc) => html! {
            <p class="slot-status loaded">
                <span class="doc-name">{doc.name.clone()}</span>
                {format!(" — {}", words(word_count(&doc.text)))}
            </p>
        },
        None => {
            html! { <p class="slot-status muted">{"No file yet. Choose one, or drop it here."}</p> }
        }
    };

    html! {
        <div class={classes!("slot", (*dragging).then_some("dragging"), props.doc.is_some().then_some("filled"))}
            data-slot={which.input_id()}
            ondragover={ondragover.clone()} ondragenter={ondragover} {ondragleave} {ondrop}>
            <label class="slot-title" for={which.input_id()}>{which.label()}</label>
            <input type="file" id={which.input_id()} accept=".txt,.md,.text,text/plain" {onchange} />
            {status}
        </div>
    }
}
