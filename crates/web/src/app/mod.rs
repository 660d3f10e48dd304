//! The Yew app (wasm only). Load two reports (drop, choose, paste or the bundled sample),
//! see what changed theme by theme, open a theme for the evidence side by side, correct
//! the comparison, export or print it. Nothing is sent anywhere: files are read in the
//! browser, the samples come from the app's own folder, corrections stay in localStorage.
//!
//! `state.rs` holds the state and its rules; `load.rs`, `overview.rs`, `detail/` and
//! `report.rs` (exports, corrections list, print view) render it; `view.rs` has the small
//! pure helpers; `io.rs` the browser calls. `App` is its hooks, then the view; each hook
//! lives beside its subject: `route.rs` (the hash), `reading.rs` (files, paste, the
//! sample), `auto_compare.rs` (comparing the pair), `jobs/` (progress), `share.rs`,
//! `embed.rs` and `series/` (only with the `series` feature; the page built without it
//! has `series_lazy.rs` there, and hands a series over to the bundle built with it:
//! `handoff.rs`).

mod auto_compare;
mod detail;
mod embed;
mod handoff;
mod io;
mod jobs;
mod load;
mod overview;
use ::protocol;
mod reading;
mod report;
mod route;
// Without the `series` feature (the page) a series hands over to the bundle built with it.
#[cfg(feature = "series")]
mod series;
#[cfg(not(feature = "series"))]
#[path = "series_lazy.rs"]
mod series;
mod share;
mod state;
mod view;

#[cfg(test)]
mod tests;

use engine::overrides::Edit;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use auto_compare::AutoCompare;
use state::{Action, State};

/// Mounts the app on `<body>`, replacing the static "loading" placeholder.
pub fn start() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    // A reload starts on the overview: the reports themselves are not kept.
    if route::route_from_hash().is_some() {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some("./"));
        }
    }
    #[cfg(feature = "series")]
    {
        handoff::take();
        yew::Renderer::<App>::new().render();
    }
    #[cfg(not(feature = "series"))]
    handoff::keep(yew::Renderer::<App>::new().render());
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

/// What the status line says when a job in the worker stopped without an answer.
fn stopped_message(stopped: jobs::Stopped, what: &str) -> (String, bool) {
    match stopped {
        jobs::Stopped::Cancelled => (format!("Cancelled {what}."), false),
        jobs::Stopped::Failed(reason) => (format!("Stopped {what}: {reason}"), true),
        jobs::Stopped::Crashed => (format!("Stopped {what}: {}.", jobs::CRASH_REASON), true),
    }
}

/// What the cards, the overview and a theme's page ask of the pair: each one action.
struct PairActions {
    remove: Callback<usize>,
    swap: Callback<()>,
    builtin: Callback<()>,
    edit: Callback<Edit>,
    undo: Callback<Option<usize>>,
    say: Callback<(String, bool)>,
}

impl PairActions {
    fn new(dispatcher: &UseReducerDispatcher<State>) -> Self {
        PairActions {
            remove: dispatching(dispatcher, Action::Remove),
            swap: dispatching(dispatcher, |()| Action::Swap),
            builtin: dispatching(dispatcher, |()| Action::Codebook(None)),
            edit: dispatching(dispatcher, Action::Correct),
            undo: dispatching(dispatcher, |index| match index {
                Some(i) => Action::Undo(i),
                None => Action::UndoAll,
            }),
            say: dispatching(dispatcher, |(text, error)| Action::Say(text, error)),
        }
    }
}

/// A callback that dispatches the action made of what it is given.
fn dispatching<T: 'static>(
    dispatcher: &UseReducerDispatcher<State>,
    action: fn(T) -> Action,
) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |given| dispatcher.dispatch(action(given)))
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let prefs = use_state(Prefs::default);
    // Three or more reports: a series, beside the pair (see series/mod.rs).
    let series = use_reducer(series::SeriesState::default);
    share::use_share_link(state.dispatcher(), series.dispatcher());
    // The worker that reads and compares; its progress goes to the progress bar.
    let progress = jobs::use_progress();
    series::use_series_compare(
        &series,
        state.dispatcher(),
        state.codebook.clone(),
        progress.clone(),
    );
    series::use_series_apply(&series, state.dispatcher());
    series::use_embed_result(&series);
    let route = route::use_hash_route(state.dispatcher());
    let compare = auto_compare::use_auto_compare(&state, progress.clone());
    auto_compare::use_apply(&state);
    let drop = reading::use_file_drop(state.dispatcher(), &series, progress.clone());
    let on = PairActions::new(&state.dispatcher());
    embed::use_embed(&state, drop.on_files.clone(), on.say.clone());
    handoff::use_handoff(
        state.dispatcher(),
        series.dispatcher(),
        drop.on_files.clone(),
    );
    let on_prefs = {
        let prefs = prefs.clone();
        Callback::from(move |p: Prefs| prefs.set(p))
    };
    let on_skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        io::focus("main");
    });

    // A comparison from an old link (report-compare/1, before topics) is shown once the
    // worker has brought it up to date, never without its topics.
    let outcome = state
        .current()
        .filter(|o| o.applied.schema == engine::compare::SCHEMA);
    let [earlier, later] = state.ordered();
    let theme = match (&route, &outcome) {
        (Some(id), Some(o)) if o.applied.themes.iter().any(|t| &t.id == id) => Some(id.clone()),
        _ => None,
    };
    let status = status_row(&state, progress.as_ref(), &compare);

    let main = match (&theme, &outcome, &earlier, &later) {
        _ if series.active() => html! {
            {series::series_main(&series::MainProps {
                series: series.clone(), pair: state.dispatcher(), route: route.clone(),
                status: status.clone(), dragging: drop.dragging, on_files: drop.on_files.clone(), on_say: on.say.clone(),
            })}
        },
        (Some(id), Some(o), Some(a), Some(b)) => html! {
            <detail::ThemeDetail outcome={o.clone()} theme={id.clone()}
                earlier={a.clone()} later={b.clone()} on_edit={on.edit} on_undo={on.undo.clone()} />
        },
        _ if state.shared() && earlier.is_some() && later.is_some() => html! {
            <>
                {share::shared_panel(&share::SharedProps { earlier: earlier.clone().unwrap(), later: later.clone().unwrap() })}
                {status.clone()}
                if let Some(o) = &outcome {
                    <overview::Overview outcome={o.clone()} prefs={(*prefs).clone()} on_prefs={on_prefs.clone()}
                        on_undo={on.undo.clone()} />
                }
            </>
        },
        _ => html! {
            <>
                {load::load_panel(&load::LoadProps {
                    earlier: earlier.clone(), later: later.clone(),
                    basis: state.basis(), swapped: state.swapped, dragging: drop.dragging,
                    busy: state.busy.is_some(), compact: outcome.is_some(),
                    on_files: drop.on_files.clone(), on_paste: reading::on_paste(state.dispatcher()),
                    on_sample: reading::on_sample(state.dispatcher()),
                    on_remove: on.remove, on_swap: on.swap,
                    codebook: state.codebook.clone(), on_builtin: on.builtin,
                })}
                {status.clone()}
                if let Some(o) = &outcome {
                    <overview::Overview outcome={o.clone()} prefs={(*prefs).clone()} on_prefs={on_prefs}
                        on_undo={on.undo.clone()} />
                } else if state.busy.is_some() && state.pair().is_some() {
                    <div class="placeholder" aria-hidden="true"></div>
                }
            </>
        },
    };
    let in_detail = theme.is_some() || series.active();

    html! {
        <div class={classes!("app", drop.dragging.then_some("dragging"), embed::is_embedded().then_some("embed"))}
            ondragover={drop.ondragover.clone()} ondragenter={drop.ondragover}
            ondragleave={drop.ondragleave} ondrop={drop.ondrop}>
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
                    <share::SharePanel outcome={o.clone()} earlier={a.clone()} later={b.clone()} on_say={on.say} />
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

/// The status line, with the progress bar and "Cancel" while a job runs, or "Compare
/// them" after a comparison stopped.
fn status_row(state: &State, progress: Option<&jobs::Progress>, compare: &AutoCompare) -> Html {
    let message = state.message.clone().unwrap_or(state::Message {
        text: String::new(),
        error: false,
        quiet: true,
    });
    let on_cancel = Callback::from(|_: MouseEvent| jobs::cancel());
    html! {
        <div class={classes!("status-row", (message.quiet && state.busy.is_none()).then_some("idle"))}>
            if let Some(what) = &state.busy {
                <div class="busy">
                    {progress_bar(what, progress)}
                    if jobs::available() {
                        <button type="button" class="button quiet cancel" onclick={on_cancel}>{"Cancel"}</button>
                    }
                </div>
            } else if compare.stopped && state.pair().is_some() && state.current().is_none() {
                <button type="button" class="button primary compare-again" onclick={compare.again.clone()}>{"Compare them"}</button>
            }
            <p class={classes!("status", message.error.then_some("error"),
                    (state.busy.is_some() || message.quiet).then_some("visually-hidden"))}
                role="status" aria-live="polite">
                {message.text.clone()}
            </p>
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
