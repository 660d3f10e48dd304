//! The series view: the reports in the order compared (move or remove one), the ratings
//! across the years (charts, with a table), and one row per matter with a cell per step,
//! each a link to that step's evidence on the usual theme page. Persistent concerns come
//! first and stand out; the row says what happened ("raised in 2016, still there in
//! 2026"). Report text is only ever rendered as text nodes.

use std::cell::RefCell;
use std::rc::Rc;

use engine::compare::Verdict;
use engine::series::{export, Cell, Series, Track, TrackKind};
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

use super::super::detail::ThemeDetail;
use super::super::load::ACCEPT;
use super::super::state::{self, Entry};
use super::super::view::{first_words, human_date, plural, verdict_class, verdict_short};
use super::super::{io, share};
use super::chart::{area_chart, ratings_table};
use super::{remove, route, step_href, SeriesAction, SeriesOutcome, SeriesState};

/// Rows shown at first, and added by "Show more".
const PAGE: usize = 40;

thread_local! {
    /// The cell last opened: focus returns to it when the series view comes back.
    static LAST_CELL: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[derive(Properties, PartialEq, Clone)]
pub struct MainProps {
    pub series: UseReducerHandle<SeriesState>,
    pub pair: UseReducerDispatcher<state::State>,
    /// The theme the address names (re-renders on every hash change).
    pub route: Option<String>,
    pub status: Html,
    pub dragging: bool,
    pub on_files: Callback<(Vec<File>, Option<usize>)>,
    pub on_say: Callback<(String, bool)>,
}

/// The series view, or one step's theme page when the address names one (a plain
/// function, as `report::corrections`).
pub fn series_main(props: &MainProps) -> Html {
    let s = &props.series;
    let outcome = s.current();
    let entries = s.readable();
    let place = props.route.as_ref().and_then(|_| route());
    if let (Some(place), Some(o)) = (place, &outcome) {
        if let Some(Some(step)) = o.steps.get(place.step) {
            let known = step.applied.themes.iter().any(|t| t.id == place.theme);
            if let (true, Some(a), Some(b)) =
                (known, entries.get(place.step), entries.get(place.step + 1))
            {
                let dispatcher = s.dispatcher();
                let k = place.step;
                let on_edit = {
                    let d = dispatcher.clone();
                    Callback::from(move |edit| d.dispatch(SeriesAction::Correct(k, edit)))
                };
                let on_undo =
                    Callback::from(move |i| dispatcher.dispatch(SeriesAction::Undo(k, i)));
                let reports = &o.series.reports;
                return html! {
                    <>
                        <p class="series-crumb" data-series-step={k.to_string()}>
                            <a href="#/">{"← Back to the series"}</a>
                            <span class="muted">{format!(" · Step {} of {}: {} → {}", k + 1, o.series.steps.len(),
                                reports[k].label, reports[k + 1].label)}</span>
                        </p>
                        <TopicFocus topic={place.topic.clone()} />
                        <ThemeDetail outcome={step.clone()} theme={place.theme.clone()}
                            earlier={a.clone()} later={b.clone()} {on_edit} {on_undo} />
                        {props.status.clone()}
                    </>
                };
            }
        }
    }
    html! { <SeriesView ..props.clone() /> }
}

#[derive(Properties, PartialEq)]
struct FocusProps {
    topic: Option<String>,
}

/// Puts the opened topic's heading in view and focus (after the theme page's own focus).
#[function_component(TopicFocus)]
fn topic_focus(props: &FocusProps) -> Html {
    use_effect_with(props.topic.clone(), |topic| {
        if let Some(topic) = topic.clone() {
            wasm_bindgen_futures::spawn_local(async move {
                io::yield_now().await;
                let id = format!("topic-{topic}");
                let el = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&id));
                if let Some(el) = el {
                    let _ = el.set_attribute("tabindex", "-1");
                    el.scroll_into_view_with_bool(true);
                    io::focus(&id);
                }
            });
        }
    });
    html! {}
}

/// Which tracks the table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    /// Persistent concerns, reversals, returns and sustained improvements.
    Matters,
    Kind(TrackKind),
    All,
}

const MATTERS: [TrackKind; 4] = [
    TrackKind::PersistentConcern,
    TrackKind::Reversal,
    TrackKind::Returned,
    TrackKind::SustainedImprovement,
];

impl Filter {
    fn keeps(self, t: &Track) -> bool {
        match self {
            Filter::Matters => MATTERS.contains(&t.kind),
            Filter::Kind(k) => t.kind == k,
            Filter::All => true,
        }
    }
}

pub fn kind_class(k: TrackKind) -> &'static str {
    match k {
        TrackKind::PersistentConcern => "k-persistent",
        TrackKind::Reversal => "k-reversal",
        TrackKind::Returned => "k-returned",
        TrackKind::SustainedImprovement => "k-improvement",
        TrackKind::Declined => "k-declined",
        TrackKind::New => "k-new",
        TrackKind::Dropped => "k-dropped",
        TrackKind::Steady => "k-steady",
    }
}

#[function_component(SeriesView)]
fn series_view(props: &MainProps) -> Html {
    let s = &props.series;
    let outcome = s.current();
    let filter = use_state(|| Filter::Matters);
    // The share payload, made once every step is ready, for `stamp`.
    let encoded = use_state(|| None::<(Vec<u32>, Rc<Option<String>>)>);
    {
        let (encoded, outcome, entries) = (encoded.clone(), outcome.clone(), s.readable());
        let ready = outcome
            .as_ref()
            .filter(|o| o.steps.iter().all(Option::is_some))
            .map(|o| stamp(o));
        use_effect_with(ready, move |ready| {
            if let (Some(key), Some(o)) = (ready.clone(), outcome) {
                wasm_bindgen_futures::spawn_local(async move {
                    io::yield_now().await;
                    let text = super::share::encode(&o, &entries).await;
                    encoded.set(Some((key, Rc::new(text))));
                });
            }
        });
    }
    let shown = use_state(|| PAGE);
    let table_shown = use_state(|| false);
    // Back from a step: focus the cell that opened it.
    use_effect_with((), |_| {
        if let Some(id) = LAST_CELL.with(|c| c.borrow().clone()) {
            wasm_bindgen_futures::spawn_local(async move {
                io::yield_now().await;
                io::focus(&id);
            });
        }
    });
    let readable = s.readable();
    let years = match (readable.first(), readable.last()) {
        (Some(a), Some(b)) => match (a.date(), b.date()) {
            (Some(x), Some(y)) => format!(", {} to {}", &x[..x.len().min(4)], &y[..y.len().min(4)]),
            _ => String::new(),
        },
        _ => String::new(),
    };
    html! {
        <section class="series" aria-labelledby="series-heading" data-series="">
            <h1 id="series-heading" class="page-title">{format!("A series of {}{years}", plural(readable.len(), "report", "reports"))}</h1>
            if let Some(o) = &outcome {
                <p class="series-headline" id="series-headline">{format!("{}.", export::headline(&o.series))}</p>
            }
            {report_list(&ListProps { series: props.series.clone(), pair: props.pair.clone(),
                dragging: props.dragging, on_files: props.on_files.clone() })}
            {props.status.clone()}
            if let Some(o) = &outcome {
                { ratings(&o.series, *table_shown, { let t = table_shown.clone(); Callback::from(move |_: MouseEvent| t.set(!*t)) }) }
                { tracks(o, *filter, *shown, filter.clone(), shown.clone()) }
                {series_exports(&ExportProps { series: o.series.clone(), on_say: props.on_say.clone() })}
                <share::ShareBox stamp={share::stamp_of(&stamp(o), &encoded)} make={share::maker_of(&stamp(o), &encoded)}
                    file_name={super::share::file_name(&o.series)} what="this series"
                    on_say={props.on_say.clone()} />
            } else if s.ids().is_some() {
                <div class="placeholder" aria-hidden="true"></div>
            }
        </section>
    }
}

/// Changes whenever what a share link would hold changes.
fn stamp(o: &SeriesOutcome) -> Vec<u32> {
    let mut v = o.ids.clone();
    v.extend(
        o.steps
            .iter()
            .map(|x| x.as_ref().map_or(u32::MAX, |x| x.revision)),
    );
    v
}

#[derive(Properties, PartialEq)]
struct ListProps {
    series: UseReducerHandle<SeriesState>,
    pair: UseReducerDispatcher<state::State>,
    dragging: bool,
    on_files: Callback<(Vec<File>, Option<usize>)>,
}

/// The reports in the order compared, each with "Earlier", "Later" and "Remove"; a file
/// input and drop zone to add more; "Start afresh".
/// (A plain function, as `report::corrections`.)
fn report_list(props: &ListProps) -> Html {
    let s = &props.series;
    let readable = s.readable().len();
    let shared = s.shared();
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = io::chosen_files(&input);
            input.set_value("");
            on_files.emit((files, None));
        })
    };
    let clear = {
        let (series, pair) = (s.dispatcher(), props.pair.clone());
        Callback::from(move |_: MouseEvent| {
            series.dispatch(SeriesAction::Clear);
            pair.dispatch(state::Action::Say(
                "Cleared: drop two reports to compare them, or three or more for a series.".into(),
                false,
            ));
        })
    };
    let order_note = if shared {
        "A shared series: the original files aren’t here, only their findings and the paragraphs around them, so it can’t be re-run or reordered. To follow reports of your own, drop them on this page.".to_string()
    } else if s.moved {
        "In the order you set.".to_string()
    } else if s.notes.is_empty() {
        "In date order, earliest first.".to_string()
    } else {
        s.notes.join(" ")
    };
    let row = |i: usize, e: &Rc<Entry>| {
        let mover = |by: isize| {
            let d = s.dispatcher();
            Callback::from(move |_: MouseEvent| d.dispatch(SeriesAction::Move { from: i, by }))
        };
        let on_remove = {
            let (series, pair) = (s.clone(), props.pair.clone());
            Callback::from(move |_: MouseEvent| remove(i, &series, &pair))
        };
        let facts = match &e.read {
            Ok(l) => html! {
                <p class="facts">
                    {e.date().map_or("No date found".to_string(), |d| format!("Dated {}", human_date(d)))}
                    <span class="sep" aria-hidden="true">{" · "}</span>
                    {plural(l.findings, "finding", "findings")}
                </p>
            },
            Err(reason) => html! {
                <p class="card-error"><strong>{"This file can’t be read: "}</strong>{reason.clone()}</p>
            },
        };
        let ok = e.read.is_ok();
        html! {
            <li class={classes!("series-report", (!ok).then_some("failed"))} key={e.id} data-report={i.to_string()}>
                <div class="series-report-text">
                    <p class="file-name">{e.name.clone()}
                        if e.source == state::Source::Shared { <span class="muted">{" (shared)"}</span> }
                    </p>
                    if let Some(t) = e.doc().and_then(|d| d.title.clone()) {
                        <p class="doc-title">{t}</p>
                    }
                    {facts}
                </div>
                <div class="row-buttons">
                    if ok && !shared {
                        <button type="button" class="button quiet" onclick={mover(-1)} disabled={i == 0}
                            aria-label={format!("Move {} earlier", e.name)}>{"Earlier"}</button>
                        <button type="button" class="button quiet" onclick={mover(1)} disabled={i + 1 >= readable}
                            aria-label={format!("Move {} later", e.name)}>{"Later"}</button>
                    }
                    if !shared {
                        <button type="button" class="button quiet" onclick={on_remove}
                            aria-label={format!("Remove {}", e.name)}>{"Remove"}</button>
                    }
                </div>
            </li>
        }
    };
    html! {
        <section class="series-load" aria-labelledby="series-reports-heading">
            <h2 id="series-reports-heading">{"Reports"}</h2>
            <ol class="series-reports">
                { for s.entries.iter().enumerate().map(|(i, e)| row(i, e)) }
            </ol>
            <p class="order-note">{order_note}</p>
            <div class={classes!("dropzone", "compact", props.dragging.then_some("active"))} data-dropzone="">
                <p class="drop-title">
                    {if props.dragging { "Drop the files to add them" } else { "Drop files here to add them to the series" }}
                </p>
                <div class="drop-actions">
                    <span class="file-pick">
                        <input type="file" id="files" class="file-input" multiple=true accept={ACCEPT} {onchange} />
                        <label for="files" class="button">{"Add reports…"}</label>
                    </span>
                    <button type="button" class="button quiet" onclick={clear}>{"Start afresh"}</button>
                </div>
            </div>
        </section>
    }
}

fn ratings(s: &Series, table_shown: bool, toggle: Callback<MouseEvent>) -> Html {
    if s.ratings.is_empty() {
        return html! {};
    }
    html! {
        <section class="series-ratings" aria-labelledby="series-ratings-heading">
            <h2 id="series-ratings-heading">{"Ratings across the years"}</h2>
            <p class="muted">{"Each chart is one judgement area: the grade each report gave, from Inadequate at the bottom to Outstanding at the top."}</p>
            <div class="rating-charts">
                { for s.ratings.iter().map(|a| area_chart(a, &s.reports)) }
            </div>
            { for engine::series::rating_notes(&s.ratings).into_iter().map(|n| html! { <p class="muted rating-note">{format!("Note: {n}.")}</p> }) }
            <button type="button" class="button link" onclick={toggle} aria-expanded={table_shown.to_string()}
                aria-controls="series-ratings-table">
                {if table_shown { "Hide the table" } else { "Show as a table" }}
            </button>
            { ratings_table(&s.ratings, &s.reports, table_shown) }
        </section>
    }
}

fn tracks(
    o: &Rc<SeriesOutcome>,
    filter: Filter,
    shown: usize,
    set_filter: UseStateHandle<Filter>,
    set_shown: UseStateHandle<usize>,
) -> Html {
    let s = &o.series;
    let list: Vec<&Track> = s.tracks.iter().filter(|t| filter.keeps(t)).collect();
    let chip = |f: Filter, label: String, n: usize| {
        let (set_filter, set_shown) = (set_filter.clone(), set_shown.clone());
        let on = filter == f;
        html! {
            <button type="button" class={classes!("chip", on.then_some("on"))} aria-pressed={on.to_string()}
                onclick={Callback::from(move |_: MouseEvent| { set_filter.set(f); set_shown.set(PAGE); })}>
                {label}<span class="chip-count">{n}</span>
            </button>
        }
    };
    let matters = s
        .tracks
        .iter()
        .filter(|t| MATTERS.contains(&t.kind))
        .count();
    let more = {
        let set_shown = set_shown.clone();
        Callback::from(move |_: MouseEvent| set_shown.set(shown + PAGE))
    };
    html! {
        <section class="series-tracks" aria-labelledby="series-tracks-heading">
            <h2 id="series-tracks-heading">{"Matters across the years"}</h2>
            <p class="muted">{"One row per matter, followed from report to report; one cell per step between two reports. A cell opens that step’s evidence. “Not mentioned” is a gap: the matter is raised before and after but not in between (which never means it was resolved)."}</p>
            <div class="chips" role="group" aria-label="Show">
                {chip(Filter::Matters, "What matters most".into(), matters)}
                { for engine::series::TrackKind::ALL.iter().filter(|k| s.summary.count(**k) > 0)
                    .map(|k| chip(Filter::Kind(*k), k.words().into(), s.summary.count(*k))) }
                {chip(Filter::All, "All".into(), s.tracks.len())}
            </div>
            <table class="tracks" data-tracks="">
                <caption class="visually-hidden">{"Matters across the reports, one cell per step"}</caption>
                <thead>
                    <tr>
                        <th scope="col">{"Matter"}</th>
                        { for (0..s.steps.len()).map(|k| html! {
                            <th scope="col" class="step-head">{format!("{} → {}", s.reports[k].label, s.reports[k + 1].label)}</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for list.iter().take(shown).map(|t| track_row(o, t)) }
                </tbody>
            </table>
            if list.is_empty() {
                <p class="muted">{"No matter of this kind."}</p>
            }
            if list.len() > shown {
                <button type="button" class="button quiet show-more" onclick={more}>
                    {format!("Show {} more (of {})", (list.len() - shown).min(PAGE), list.len())}
                </button>
            }
        </section>
    }
}

fn track_row(o: &Rc<SeriesOutcome>, t: &Track) -> Html {
    let s = &o.series;
    let quote = |q: &Option<engine::series::Quote>| {
        q.as_ref().map(|q| {
            html! {
                <li><span class="quote-year">{format!("{}: ", s.reports[q.report].label)}</span>
                    <q>{first_words(&q.text, 60)}</q></li>
            }
        })
    };
    html! {
        <tr class={classes!("track", kind_class(t.kind))} key={t.id.clone()} data-track={t.id.clone()} data-kind={t.kind.as_str()}>
            <th scope="row" class="track-head">
                <span class="track-label">{t.label.clone()}</span>
                <span class={classes!("badge", "kind", kind_class(t.kind))}>{t.kind.words()}</span>
                <span class="track-line">{t.line.clone()}</span>
                <span class="track-theme muted">{t.theme_label.clone()}</span>
                if t.first.is_some() {
                    <details class="track-quotes">
                        <summary>{"Quotes"}</summary>
                        <ul>
                            {quote(&t.first).unwrap_or_default()}
                            if t.last != t.first { {quote(&t.last).unwrap_or_default()} }
                        </ul>
                    </details>
                }
            </th>
            { for t.cells.iter().map(|c| cell(s, t, c)) }
        </tr>
    }
}

/// Words for a step's verdict on a matter (never "resolved"); "Back" where the step calls
/// it new but an earlier report raised it.
fn cell_words(v: Verdict, back: bool) -> &'static str {
    match v {
        Verdict::New if back => "Back",
        Verdict::Dropped => "Not mentioned later",
        other => verdict_short(other),
    }
}

fn cell(s: &Series, t: &Track, c: &Cell) -> Html {
    let span = format!(
        "{} to {}",
        s.reports[c.step].label,
        s.reports[c.step + 1].label
    );
    // The step's span, shown in the cell only on narrow screens (no column headings there).
    let step = html! {
        <span class="cell-step" aria-hidden="true">
            {format!("{} → {}", s.reports[c.step].label, s.reports[c.step + 1].label)}
        </span>
    };
    let (Some(topic), Some(theme), Some(v)) = (&c.topic, &c.theme, c.verdict) else {
        return if c.gap {
            html! { <td class="cell gap" data-step={c.step.to_string()} data-verdict="gap">
            {step}<span class="cell-gap">{"Not mentioned"}</span></td> }
        } else {
            html! { <td class="cell none" data-step={c.step.to_string()}>
            <span class="visually-hidden">{format!("Not discussed, {span}")}</span></td> }
        };
    };
    let id = format!("cell-{}-{}", t.id, c.step);
    let back = t.returns_at(c.step);
    let remember = {
        let id = id.clone();
        Callback::from(move |_: MouseEvent| LAST_CELL.with(|c| *c.borrow_mut() = Some(id.clone())))
    };
    html! {
        <td class="cell" data-step={c.step.to_string()} data-verdict={v.as_str()}>
            {step}
            <a id={id} class={classes!("cell-link", "verdict", verdict_class(v))} href={step_href(c.step, theme, topic)}
                onclick={remember} aria-label={format!("{}, {span}: {}. Open the evidence", t.label, cell_words(v, back))}>
                <span class="icon" aria-hidden="true">{engine::export::verdict_icon(v)}</span>
                {cell_words(v, back)}
            </a>
        </td>
    }
}

#[derive(Properties, PartialEq)]
struct ExportProps {
    series: Rc<Series>,
    on_say: Callback<(String, bool)>,
}

/// The series as a Markdown briefing, CSV and JSON, made in the page (a plain function,
/// as `report::corrections`).
fn series_exports(props: &ExportProps) -> Html {
    let stem = super::share::stem(&props.series);
    let button =
        |label: &'static str, ext: &str, mime: &'static str, make: fn(&Series) -> String| {
            let (series, name, on_say) = (
                props.series.clone(),
                format!("{stem}.{ext}"),
                props.on_say.clone(),
            );
            let onclick = Callback::from(move |_: MouseEvent| {
                if let Err(e) = io::download(&name, mime, &make(&series)) {
                    on_say.emit((e, true));
                }
            });
            html! { <button type="button" class="button quiet" {onclick}>{label}</button> }
        };
    html! {
        <section class="exports series-exports" aria-labelledby="series-exports-heading">
            <h2 id="series-exports-heading">{"Export"}</h2>
            <div class="row-buttons">
                {button("Briefing (Markdown)", "md", "text/markdown", export::to_markdown)}
                {button("CSV", "csv", "text/csv", export::to_csv)}
                {button("JSON", "json", "application/json", |s| export::to_json(s) + "\n")}
            </div>
        </section>
    }
}
