//! Getting the two reports in: one drop zone (two files at once or one at a time) backed
//! by a real `<input type="file" multiple>`, "Try the sample", and a card per report with
//! its name, detected title and date, finding count, or why it could not be read; each
//! card can take a file of its own, pasted text, or be cleared. Reports are shown in date
//! order, with one button to swap them.

use std::rc::Rc;

use web_sys::{File, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::state::{describe_codebook, Entry, OrderBasis, Source, UserCodebook};
use super::view::{human_date, plural};
use super::{io, jobs};

/// What files the pickers offer (old Word, OpenDocument and RTF too, so the reason they
/// can't be read is shown rather than the file being hidden).
pub const ACCEPT: &str = ".rcmp,.qdc,.txt,.text,.md,.markdown,.html,.htm,.xhtml,.pdf,.docx,.doc,.odt,.rtf,text/plain,text/markdown,text/html";

#[derive(Properties, PartialEq)]
pub struct LoadProps {
    pub earlier: Option<Rc<Entry>>,
    pub later: Option<Rc<Entry>>,
    pub basis: OrderBasis,
    pub swapped: bool,
    pub dragging: bool,
    pub busy: bool,
    /// The comparison is on screen: the drop zone and cards take less room. (Only then,
    /// so nothing moves while files are read and compared.)
    pub compact: bool,
    /// Files, and the card position they were given to (None: the drop zone).
    pub on_files: Callback<(Vec<File>, Option<usize>)>,
    pub on_paste: Callback<(String, usize)>,
    pub on_sample: Callback<()>,
    pub on_remove: Callback<usize>,
    pub on_swap: Callback<()>,
    /// The person's codebook, when they dropped one.
    pub codebook: Option<Rc<UserCodebook>>,
    /// Back to the built-in codebook.
    pub on_builtin: Callback<()>,
}

/// The drop zone and the two report cards (a plain function, as `report::corrections`).
pub fn load_panel(props: &LoadProps) -> Html {
    let both = props.earlier.is_some() && props.later.is_some();
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = io::chosen_files(&input);
            input.set_value("");
            on_files.emit((files, None));
        })
    };
    let on_sample = {
        let cb = props.on_sample.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_swap = {
        let cb = props.on_swap.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let order_note = match (both, props.basis, props.swapped) {
        (false, _, _) => "Add two reports in any order: they are put in date order.".to_string(),
        (true, _, true) => "You swapped the order.".to_string(),
        (true, OrderBasis::Dates, false) => "In date order, earlier first.".to_string(),
        (true, OrderBasis::Given, false) => {
            "No clear dates, so they are in the order you added them. Check which is earlier, and swap if needed.".to_string()
        }
    };

    html! {
        <section class="load" aria-labelledby="load-heading">
            <h2 id="load-heading" class="visually-hidden">{"Choose two reports"}</h2>
            <div class={classes!("dropzone", props.dragging.then_some("active"), props.compact.then_some("compact"))}
                data-dropzone="">
                <p class="drop-title">
                    if props.dragging {
                        {"Drop the files to add them"}
                    } else if props.compact {
                        {"Drop files here to replace the reports"}
                    } else {
                        {"Drop one or two reports here"}
                    }
                </p>
                <div class="drop-actions">
                    <span class="file-pick">
                        <input type="file" id="files" class="file-input" multiple=true accept={ACCEPT} {onchange}
                            onclick={Callback::from(|_: MouseEvent| jobs::warm())} />
                        <label for="files" class="button primary">{"Choose files…"}</label>
                    </span>
                    <span class="or">{"or"}</span>
                    <button type="button" class="button sample" onclick={on_sample}>{"Try the sample"}</button>
                </div>
                <p class="drop-hint">
                    {"PDF, Word (.docx), text, Markdown or web pages (.txt, .md, .html). The sample is two public reports on Luton children’s services (2021 and 2023)."}
                </p>
            </div>
            <div class={classes!("cards", props.compact.then_some("compact"))}>
                <Card position={0} both={both} entry={props.earlier.clone()} on_files={props.on_files.clone()}
                    on_paste={props.on_paste.clone()} on_remove={props.on_remove.clone()} />
                <div class="swap">
                    <button type="button" class="button quiet swap-button" onclick={on_swap} disabled={!both}
                        aria-label="Swap earlier and later report">
                        <span aria-hidden="true">{"⇄"}</span>
                        <span class="swap-text">{" Swap"}</span>
                    </button>
                </div>
                <Card position={1} both={both} entry={props.later.clone()} on_files={props.on_files.clone()}
                    on_paste={props.on_paste.clone()} on_remove={props.on_remove.clone()} />
            </div>
            <p class="order-note">{order_note}</p>
            {codebook_line(&CodebookProps { codebook: props.codebook.clone(), on_builtin: props.on_builtin.clone() })}
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CodebookProps {
    codebook: Option<Rc<UserCodebook>>,
    on_builtin: Callback<()>,
}

/// Which codebook the themes come from, and how to bring one's own (a plain function, as
/// `report::corrections`).
fn codebook_line(props: &CodebookProps) -> Html {
    let on_builtin = {
        let cb = props.on_builtin.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <p class="codebook-note muted" data-codebook="">
            if let Some(c) = &props.codebook {
                {"Themes from your codebook "}<strong>{c.name.clone()}</strong>{format!(" ({}). ", describe_codebook(c))}
                <button type="button" class="button link" onclick={on_builtin}>{"Use the built-in codebook"}</button>
            } else {
                {"Themes from the built-in codebook (children’s services inspections). To use your own, drop a REFI-QDA codebook (.qdc, from NVivo, ATLAS.ti, MAXQDA or this app) here."}
            }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct CardProps {
    /// 0: earlier (or first), 1: later (or second).
    pub position: usize,
    pub both: bool,
    pub entry: Option<Rc<Entry>>,
    pub on_files: Callback<(Vec<File>, Option<usize>)>,
    pub on_paste: Callback<(String, usize)>,
    pub on_remove: Callback<usize>,
}

/// The card's heading: its role once both reports are there.
pub fn card_title(position: usize, both: bool) -> &'static str {
    match (position, both) {
        (0, true) => "Earlier report",
        (_, true) => "Later report",
        (0, false) => "First report",
        _ => "Second report",
    }
}

#[function_component(Card)]
pub fn card(props: &CardProps) -> Html {
    let pasting = use_state(|| false);
    let over = use_state(|| false);
    let paste_ref = use_node_ref();
    let position = props.position;
    let title = card_title(position, props.both);
    let slug = if position == 0 { "earlier" } else { "later" };
    let input_id = format!("{slug}-file");
    let paste_id = format!("{slug}-paste");

    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = io::chosen_files(&input);
            input.set_value("");
            on_files.emit((files.into_iter().take(1).collect(), Some(position)));
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*over {
                jobs::warm();
                over.set(true);
            }
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let (over, on_files) = (over.clone(), props.on_files.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            over.set(false);
            let files = io::dropped_files(&e);
            // Two files on one card: take both, as on the drop zone.
            let target = (files.len() == 1).then_some(position);
            on_files.emit((files, target));
        })
    };
    let toggle_paste = {
        let pasting = pasting.clone();
        let paste_id = paste_id.clone();
        Callback::from(move |_: MouseEvent| {
            let opening = !*pasting;
            pasting.set(opening);
            if opening {
                let paste_id = paste_id.clone();
                // Focus the box once it is on the page.
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_millis(0)).await;
                    io::focus(&paste_id);
                });
            }
        })
    };
    let on_paste_submit = {
        let (pasting, paste_ref, on_paste) =
            (pasting.clone(), paste_ref.clone(), props.on_paste.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            if text.trim().is_empty() {
                let _ = area.focus();
                return;
            }
            pasting.set(false);
            on_paste.emit((text, position));
        })
    };
    let on_remove = {
        let cb = props.on_remove.clone();
        Callback::from(move |_: MouseEvent| cb.emit(position))
    };

    let body = match &props.entry {
        None => html! {
            <p class="card-empty">{"No report yet."}</p>
        },
        Some(entry) => entry_body(entry),
    };
    let has = props.entry.is_some();
    let heading_id = format!("{slug}-card-title");

    html! {
        <article class={classes!("card", (*over).then_some("over"), has.then_some("filled"),
                props.entry.as_ref().filter(|e| e.read.is_err()).map(|_| "failed"))}
            data-card={slug} aria-labelledby={heading_id.clone()}
            ondragover={ondragover.clone()} ondragenter={ondragover} {ondragleave} {ondrop}>
            <h3 id={heading_id} class="card-title">{title}</h3>
            {body}
            if *pasting {
                <form class="paste" onsubmit={on_paste_submit}>
                    <label for={paste_id.clone()}>{format!("Paste the text of the {}", title.to_ascii_lowercase())}</label>
                    <textarea id={paste_id.clone()} ref={paste_ref} rows="6" />
                    <div class="row-buttons">
                        <button type="submit" class="button primary">{"Use this text"}</button>
                        <button type="button" class="button quiet" onclick={toggle_paste.clone()}>{"Cancel"}</button>
                    </div>
                </form>
            }
            <div class="card-actions">
                <span class="file-pick">
                    <input type="file" id={input_id.clone()} class="file-input" accept={ACCEPT} {onchange}
                        aria-describedby={format!("{slug}-card-title")} />
                    <label for={input_id} class="button quiet">{if has { "Replace file…" } else { "Choose a file…" }}</label>
                </span>
                if !*pasting {
                    <button type="button" class="button quiet" onclick={toggle_paste}>{"Paste text"}</button>
                }
                if has {
                    <button type="button" class="button quiet" onclick={on_remove}
                        aria-label={format!("Remove the {}", title.to_ascii_lowercase())}>{"Remove"}</button>
                }
            </div>
        </article>
    }
}

fn entry_body(entry: &Entry) -> Html {
    let source = match entry.source {
        Source::File => html! {},
        Source::Pasted => html! {},
        Source::Sample => html! { <span class="muted">{" (sample)"}</span> },
        Source::Shared => html! { <span class="muted">{" (shared)"}</span> },
    };
    match &entry.read {
        Err(reason) if entry.crashed => html! {
            <>
                <p class="file-name">{entry.name.clone()}</p>
                <p class="card-error" data-crashed="">
                    <strong>{"Reading stopped: "}</strong>{format!("{reason}. ")}
                    {"Try again, or use a smaller file (or paste its text)."}
                </p>
            </>
        },
        Err(reason) => html! {
            <>
                <p class="file-name">{entry.name.clone()}</p>
                <p class="card-error">
                    <strong>{"This file can’t be read: "}</strong>{reason.clone()}
                </p>
            </>
        },
        Ok(loaded) => {
            let doc = &loaded.doc;
            let date = match &doc.date {
                Some(d) => {
                    let uncertain = d.confidence == engine::ingest::DateConfidence::Low;
                    html! {
                        <span class="date" title={format!("Read from: “{}”", d.evidence)}>
                            {format!("Dated {}", human_date(&d.iso))}
                            if uncertain { <span class="muted">{" (uncertain)"}</span> }
                        </span>
                    }
                }
                None => html! { <span class="date muted">{"No date found"}</span> },
            };
            html! {
                <>
                    <p class="file-name">{entry.name.clone()}{source}</p>
                    if let Some(title) = &doc.title {
                        <p class="doc-title">{title.clone()}</p>
                    }
                    <p class="facts">
                        {date}
                        <span class="sep" aria-hidden="true">{" · "}</span>
                        <span class="count">{plural(loaded.findings, "finding", "findings")}</span>
                    </p>
                    { for doc.notes.iter().map(|n| html! { <p class="card-note">{n.clone()}</p> }) }
                </>
            }
        }
    }
}
