//! The Yew app (wasm only). Load two reports (drop, choose, paste or the bundled sample),
//! see what changed theme by theme, open a theme for the evidence side by side, correct
//! the comparison, export or print it. Nothing is sent anywhere: files are read in the
//! browser, the samples come from the app's own folder, corrections stay in localStorage.
//!
//! `state.rs` holds the state and its rules; `load.rs`, `overview.rs`, `detail/` and
//! `report.rs` (exports, corrections list, print view) render it; `view.rs` has the small
//! pure helpers; `io.rs` the browser calls.

mod detail;
mod embed;
mod io;
mod jobs;
mod load;
mod overview;
use ::protocol;
mod report;
mod series;
mod share;
mod state;
mod view;

#[cfg(test)]
mod tests;

use std::rc::Rc;

use engine::overrides::{Edit, Overrides};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use state::{storage_key, Action, Entry, Outcome, Source, State};

/// The bundled seed pair, relative to the page so any sub-path works.
pub const SAMPLE_EARLIER: &str = "samples/luton-2021-focused-visit.txt";
pub const SAMPLE_LATER: &str = "samples/luton-2023-news-article.txt";

/// Mounts the app on `<body>`, replacing the static "loading" placeholder.
pub fn start() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    // A reload starts on the overview: the reports themselves are not kept.
    if route_from_hash().is_some() {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some("./"));
        }
    }
    yew::Renderer::<App>::new().render();
}

/// How the overview is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Verdict,
    Theme,
    Findings,
}

/// The overview's filter, sort and search (kept while a theme is open).
#[derive(Debug, Clone, PartialEq)]
pub struct Prefs {
    pub filter: Option<engine::compare::Verdict>,
    pub sort: Sort,
    pub query: String,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            filter: None,
            sort: Sort::Verdict,
            query: String::new(),
        }
    }
}

/// The theme named by the page's hash (`#/theme/<id>`, or a series step's
/// `#/step/<k>/theme/<id>…`), if any.
pub fn route_from_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    if hash.starts_with("#/step/") {
        return series::parse_route(&hash).map(|r| r.theme);
    }
    let id = hash.strip_prefix("#/theme/")?;
    let id = js_sys::decode_uri_component(id).ok()?.as_string()?;
    (!id.is_empty()).then_some(id)
}

/// The link to a theme's page.
pub fn theme_href(id: &str) -> String {
    format!("#/theme/{}", String::from(js_sys::encode_uri_component(id)))
}

/// The id of a theme's link in the overview (focus returns there).
pub fn theme_link_id(id: &str) -> String {
    format!("theme-link-{id}")
}

/// Reads the first two files with the engine (in the worker). Err: cancelled, or the
/// worker could not be reached. A file the worker died on gets a card saying so, and the
/// next file goes to the fresh worker.
async fn read_entries(files: Vec<web_sys::File>) -> Result<Vec<Rc<Entry>>, jobs::Stopped> {
    let mut entries = Vec::new();
    for file in files.iter().take(2) {
        let name = file.name();
        let entry = match io::read_buffer(file).await {
            Ok(buffer) => match jobs::read(&name, buffer).await {
                Ok(read) => engine_entry(&name, read, Source::File),
                Err(jobs::Stopped::Crashed) => Entry::crashed(&name, jobs::CRASH_REASON),
                Err(stopped) => return Err(stopped),
            },
            Err(reason) => Entry::failed(&name, reason),
        };
        entries.push(Rc::new(entry));
    }
    Ok(entries)
}

/// A REFI-QDA codebook (by its name: no report is a `.qdc`).
fn is_codebook_file(file: &web_sys::File) -> bool {
    file.name().to_ascii_lowercase().ends_with(".qdc")
}

/// Reads a codebook file (in the worker) and uses it; false when it could not be used
/// (the status line says why) or the reading was cancelled.
async fn load_codebook(file: &web_sys::File, dispatcher: &UseReducerDispatcher<State>) -> bool {
    let name = file.name();
    dispatcher.dispatch(Action::Busy(Some(format!("Reading the codebook {name}…"))));
    let read = match io::read_buffer(file).await {
        Ok(buffer) => jobs::codebook(&name, buffer).await,
        Err(reason) => Ok(Err(reason)),
    };
    dispatcher.dispatch(Action::Busy(None));
    match read {
        Ok(Ok(book)) => {
            let codebook = state::UserCodebook::new(&name, book);
            dispatcher.dispatch(Action::Codebook(Some(Rc::new(codebook))));
            true
        }
        Ok(Err(reason)) => {
            dispatcher.dispatch(Action::Say(
                format!("Could not use the codebook: {reason}"),
                true,
            ));
            false
        }
        Err(stopped) => {
            let (text, error) = stopped_message(stopped, "reading the codebook");
            dispatcher.dispatch(Action::Say(text, error));
            false
        }
    }
}

fn engine_entry(name: &str, read: jobs::Read, source: Source) -> Entry {
    Entry::from_engine(name, read.hash, source, read.read)
}

/// What the status line says when a job in the worker stopped without an answer.
fn stopped_message(stopped: jobs::Stopped, what: &str) -> (String, bool) {
    match stopped {
        jobs::Stopped::Cancelled => (format!("Cancelled {what}."), false),
        jobs::Stopped::Failed(reason) => (format!("Stopped {what}: {reason}"), true),
        jobs::Stopped::Crashed => (format!("Stopped {what}: {}.", jobs::CRASH_REASON), true),
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let prefs = use_state(Prefs::default);
    let route = use_state(route_from_hash);
    let dragging = use_state(|| false);
    let last_route = use_mut_ref(|| None::<String>);
    // Three or more reports: a series, beside the pair (see series/mod.rs).
    let series = use_reducer(series::SeriesState::default);
    share::use_share_link(state.dispatcher(), series.dispatcher());
    let progress = use_state(|| None::<jobs::Progress>);
    series::use_series_compare(
        &series,
        state.dispatcher(),
        state.codebook.clone(),
        progress.clone(),
    );
    series::use_embed_result(&series);
    // Bumped by "Compare them" (after a cancelled comparison) to compare the same pair again.
    let attempt = use_state(|| 0u32);
    let compare_stopped = use_state(|| false);

    // The worker that reads and compares; its progress goes to the progress bar.
    {
        let progress = progress.clone();
        use_effect_with((), move |_| {
            jobs::start(Callback::from(move |p| progress.set(Some(p))));
        });
    }

    // Follow the hash (links, Back and Forward).
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || route.set(route_from_hash()));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    // Focus: a theme's heading when it opens; its link in the list when going back.
    {
        let last_route = last_route.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((*route).clone(), move |route: &Option<String>| {
            let previous = last_route.replace(route.clone());
            if previous != *route {
                dispatcher.dispatch(Action::Hush);
            }
            match (route, previous) {
                (Some(_), _) => {
                    if let Some(w) = web_sys::window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                    io::focus("detail-heading");
                }
                (None, Some(prev)) => io::focus(&theme_link_id(&prev)),
                (None, None) => {}
            }
        });
    }

    // Compare whenever the ordered pair of readable reports, or the codebook, changes.
    {
        let state = state.clone();
        let progress = progress.clone();
        let compare_stopped = compare_stopped.clone();
        let key = (state.pair_ids(), *attempt, state.codebook_id());
        use_effect_with(key, move |(ids, _, codebook)| {
            let done = state.outcome.as_ref().map(|o| (o.pair, o.codebook_id()));
            let codebook = *codebook;
            // A shared comparison can't be made again (its files aren't here).
            let stale = |(pair, made_with): ((u32, u32), u32)| {
                Some(pair) != *ids || (made_with != codebook && !state.shared())
            };
            if let (Some(ids), Some((a, b))) = (*ids, state.pair()) {
                if done.is_none_or(stale) {
                    let book = state.codebook.clone();
                    let dispatcher = state.dispatcher();
                    let progress = progress.clone();
                    let compare_stopped = compare_stopped.clone();
                    spawn_local(async move {
                        progress.set(None);
                        compare_stopped.set(false);
                        dispatcher
                            .dispatch(Action::Busy(Some("Comparing the two reports…".to_string())));
                        io::next_paint().await;
                        let (Some(before), Some(after)) = (a.doc(), b.doc()) else {
                            return;
                        };
                        let with = book.as_ref().map(|c| &c.book);
                        let (base, millis) = match jobs::compare(before, after, with).await {
                            Ok(done) => done,
                            Err(stopped) => {
                                let (text, error) = stopped_message(stopped, "the comparison");
                                compare_stopped.set(true);
                                dispatcher.dispatch(Action::Busy(None));
                                dispatcher.dispatch(Action::Say(
                                    format!("{text} Both reports are still loaded: “Compare them” starts again."),
                                    error,
                                ));
                                return;
                            }
                        };
                        let key = storage_key(a.hash, b.hash);
                        let overrides = io::load(&key)
                            .and_then(|text| Overrides::from_json(&text).ok())
                            .unwrap_or_default();
                        let outcome =
                            Outcome::new(ids, key, base, overrides, millis).made_with(book);
                        // The overview renders in a task of its own.
                        io::yield_now().await;
                        dispatcher.dispatch(Action::Compared(Rc::new(outcome)));
                    });
                }
            }
        });
    }

    // A new comparison below the fold (narrow screens): bring its heading into view.
    use_effect_with(state.current().map(|o| o.pair), |pair| {
        if pair.is_some() {
            io::reveal("overview-heading");
        }
    });

    let on_files = {
        let dispatcher = state.dispatcher();
        let progress = progress.clone();
        let dragging = dragging.clone();
        let series = series.clone();
        Callback::from(
            move |(files, target): (Vec<web_sys::File>, Option<usize>)| {
                // A drop on a card stops there (the page's own drop handler never hears
                // of it), so the drag ends here too: else the drop zone keeps saying
                // "Drop the files to add them".
                dragging.set(false);
                if files.is_empty() {
                    return;
                }
                let dispatcher = dispatcher.clone();
                if files.len() == 1 && share::is_share_file(&files[0]) {
                    let file = files[0].clone();
                    let series = series.dispatcher();
                    spawn_local(async move {
                        share::show(share::open_file(file).await, &dispatcher, &series)
                    });
                    return;
                }
                // A codebook may come alone or with the reports: it is read first, so the
                // comparison is made with it.
                let (codebooks, files): (Vec<_>, Vec<_>) =
                    files.into_iter().partition(is_codebook_file);
                let given = files.len();
                let progress = progress.clone();
                // Three or more reports (or any while a series is shown): a series.
                let to_series = series::takes(&files, series.active()).then(|| series.clone());
                spawn_local(async move {
                    if let Some(file) = codebooks.first() {
                        if !load_codebook(file, &dispatcher).await {
                            return;
                        }
                    }
                    if files.is_empty() {
                        return;
                    }
                    if let Some(series) = to_series {
                        progress.set(None);
                        series::load(files, series, dispatcher);
                        return;
                    }
                    progress.set(None);
                    dispatcher.dispatch(Action::Busy(Some(if given == 1 {
                        "Reading the file…".to_string()
                    } else {
                        "Reading the files…".to_string()
                    })));
                    match read_entries(files).await {
                        Ok(entries) => dispatcher.dispatch(Action::Add {
                            entries,
                            target,
                            given,
                        }),
                        Err(stopped) => {
                            let (text, error) = stopped_message(stopped, "reading");
                            dispatcher.dispatch(Action::Busy(None));
                            dispatcher.dispatch(Action::Say(text, error));
                        }
                    }
                });
            },
        )
    };
    let on_paste = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(text, position): (String, usize)| {
            let name = format!("Pasted text {}", position + 1);
            let dispatcher = dispatcher.clone();
            // Read in the worker like a file: the page has no reader.
            spawn_local(async move {
                let entry = match jobs::read_text(&name, &text).await {
                    Ok(read) => engine_entry(&name, read, Source::Pasted),
                    Err(jobs::Stopped::Crashed) => Entry::crashed(&name, jobs::CRASH_REASON),
                    Err(stopped) => {
                        let (text, error) = stopped_message(stopped, "reading");
                        dispatcher.dispatch(Action::Say(text, error));
                        return;
                    }
                };
                dispatcher.dispatch(Action::Add {
                    entries: vec![Rc::new(entry)],
                    target: Some(position),
                    given: 1,
                });
            });
        })
    };
    let on_sample = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| {
            let dispatcher = dispatcher.clone();
            if embed::is_file_page() {
                dispatcher.dispatch(Action::Say(embed::NO_SAMPLE.to_string(), true));
                return;
            }
            spawn_local(async move {
                dispatcher.dispatch(Action::Busy(Some("Loading the sample…".to_string())));
                let mut entries = Vec::new();
                for url in [SAMPLE_EARLIER, SAMPLE_LATER] {
                    let name = io::file_name(url);
                    let read = match io::fetch_buffer(url).await {
                        Ok(buffer) => jobs::read(name, buffer).await,
                        Err(e) => Err(jobs::Stopped::Failed(e)),
                    };
                    match read {
                        Ok(read) => entries.push(Rc::new(engine_entry(name, read, Source::Sample))),
                        Err(stopped) => {
                            let (text, error) = stopped_message(stopped, "loading the sample");
                            dispatcher.dispatch(Action::Busy(None));
                            dispatcher.dispatch(Action::Say(text, error));
                            return;
                        }
                    }
                }
                dispatcher.dispatch(Action::Add {
                    entries,
                    target: None,
                    given: 2,
                });
            });
        })
    };
    let on_remove = {
        let dispatcher = state.dispatcher();
        Callback::from(move |position: usize| dispatcher.dispatch(Action::Remove(position)))
    };
    let on_swap = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| dispatcher.dispatch(Action::Swap))
    };
    let on_builtin = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| dispatcher.dispatch(Action::Codebook(None)))
    };
    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |edit: Edit| dispatcher.dispatch(Action::Correct(edit)))
    };
    let on_undo = {
        let dispatcher = state.dispatcher();
        Callback::from(move |index: Option<usize>| {
            dispatcher.dispatch(match index {
                Some(i) => Action::Undo(i),
                None => Action::UndoAll,
            })
        })
    };
    let on_say = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(text, error): (String, bool)| {
            dispatcher.dispatch(Action::Say(text, error))
        })
    };
    embed::use_embed(&state, on_files.clone(), on_say.clone());
    let on_prefs = {
        let prefs = prefs.clone();
        Callback::from(move |p: Prefs| prefs.set(p))
    };

    // Files dropped anywhere on the page are loaded (never opened by the browser).
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let (dragging, on_files) = (dragging.clone(), on_files.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            on_files.emit((io::dropped_files(&e), None));
        })
    };
    let on_cancel = Callback::from(|_: MouseEvent| jobs::cancel());
    let on_compare = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    let on_skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        io::focus("main");
    });

    let outcome = state.current();
    let [earlier, later] = state.ordered();
    let theme = match (&*route, &outcome) {
        (Some(id), Some(o)) if o.applied.themes.iter().any(|t| &t.id == id) => Some(id.clone()),
        _ => None,
    };

    let message = state.message.clone().unwrap_or(state::Message {
        text: String::new(),
        error: false,
        quiet: true,
    });
    let status = html! {
        <div class={classes!("status-row", (message.quiet && state.busy.is_none()).then_some("idle"))}>
            if let Some(what) = &state.busy {
                <div class="busy">
                    {progress_bar(what, progress.as_ref())}
                    if jobs::available() {
                        <button type="button" class="button quiet cancel" onclick={on_cancel}>{"Cancel"}</button>
                    }
                </div>
            } else if *compare_stopped && state.pair().is_some() && outcome.is_none() {
                <button type="button" class="button primary compare-again" onclick={on_compare}>{"Compare them"}</button>
            }
            <p class={classes!("status", message.error.then_some("error"),
                    (state.busy.is_some() || message.quiet).then_some("visually-hidden"))}
                role="status" aria-live="polite">
                {message.text.clone()}
            </p>
        </div>
    };

    let main = match (&theme, &outcome, &earlier, &later) {
        _ if series.active() => html! {
            <series::SeriesMain series={series.clone()} pair={state.dispatcher()} route={(*route).clone()}
                status={status.clone()} dragging={*dragging} on_files={on_files.clone()} on_say={on_say.clone()} />
        },
        (Some(id), Some(o), Some(a), Some(b)) => html! {
            <detail::ThemeDetail outcome={o.clone()} theme={id.clone()}
                earlier={a.clone()} later={b.clone()} on_edit={on_edit.clone()} on_undo={on_undo.clone()} />
        },
        _ if state.shared() && earlier.is_some() && later.is_some() => html! {
            <>
                <share::SharedPanel earlier={earlier.clone().unwrap()} later={later.clone().unwrap()} />
                {status.clone()}
                if let Some(o) = &outcome {
                    <overview::Overview outcome={o.clone()} prefs={(*prefs).clone()} on_prefs={on_prefs.clone()}
                        on_undo={on_undo.clone()} />
                }
            </>
        },
        _ => html! {
            <>
                <load::LoadPanel earlier={earlier.clone()} later={later.clone()}
                    basis={state.basis()} swapped={state.swapped} dragging={*dragging}
                    busy={state.busy.is_some()} compact={outcome.is_some()}
                    on_files={on_files.clone()} on_paste={on_paste} on_sample={on_sample}
                    on_remove={on_remove} on_swap={on_swap}
                    codebook={state.codebook.clone()} on_builtin={on_builtin} />
                {status.clone()}
                if let Some(o) = &outcome {
                    <overview::Overview outcome={o.clone()} prefs={(*prefs).clone()} on_prefs={on_prefs}
                        on_undo={on_undo.clone()} />
                } else if state.busy.is_some() && state.pair().is_some() {
                    <div class="placeholder" aria-hidden="true"></div>
                }
            </>
        },
    };
    let in_detail = theme.is_some() || series.active();

    html! {
        <div class={classes!("app", (*dragging).then_some("dragging"), embed::is_embedded().then_some("embed"))}
            ondragover={ondragover.clone()} ondragenter={ondragover} {ondragleave} {ondrop}>
            <a class="skip-link" href="#main" onclick={on_skip}>{"Skip to content"}</a>
            <header class="site-header">
                <p class="brand"><span class="brand-mark" aria-hidden="true">{"⇄"}</span>{"report-compare"}</p>
                <p class="tagline">{"See what changed between two reports, theme by theme. Nothing leaves your browser."}</p>
            </header>
            <main id="main" tabindex="-1">
                if !in_detail {
                    <h1 class="page-title">{"Compare two reports"}</h1>
                }
                {main}
                if let (false, Some(o), Some(a), Some(b)) = (in_detail, &outcome, &earlier, &later) {
                    <share::SharePanel outcome={o.clone()} earlier={a.clone()} later={b.clone()} on_say={on_say} />
                }
                if in_detail && !series.active() {
                    {status}
                }
            </main>
            if let Some(o) = series.current() {
                <series::SeriesPrint series={o.series.clone()} />
            } else if let Some(o) = &outcome {
                <report::PrintReport outcome={o.clone()} />
            }
            <footer class="site-footer">
                <p>{"Files are read on this computer and never uploaded. Corrections are saved in this browser only."}</p>
            </footer>
        </div>
    }
}

/// The progress bar of the job in hand: steps done when the worker has said how far it
/// got, else indeterminate; labelled by what is being done.
fn progress_bar(what: &str, progress: Option<&jobs::Progress>) -> Html {
    let (label, value, max) = match progress {
        Some(p) if p.total > 0 => (
            p.label.clone(),
            Some(p.done.to_string()),
            p.total.to_string(),
        ),
        _ => (what.to_string(), None, "1".to_string()),
    };
    html! {
        <>
            <progress id="job-progress" aria-label={label.clone()} max={max} value={value}></progress>
            <span class="busy-label">{label}</span>
        </>
    }
}
