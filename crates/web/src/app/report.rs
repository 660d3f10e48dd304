//! What leaves the screen: downloads (Word, HTML and Markdown briefings, CSV, JSON, all
//! with the person's corrections, and the codebook as a REFI-QDA `.qdc`, all made in the
//! browser by the workers, which have the writers), the print view (hidden on
//! screen; the print stylesheet shows only it; theme by theme, each topic with its strongest
//! pair), and the list of corrections with undo.

use std::rc::Rc;

use engine::compare::{Comparison, Link, ThemeResult, Topic};
use engine::export;
use engine::overrides;
use yew::prelude::*;

use super::overview::side_label;
use super::protocol::ExportKind;
use super::state::Outcome;
use super::view::{finding, ordered_topics, plural, verdict_badge, verdict_short, weak_match};
use super::{io, jobs};

/// "report-compare-2021-06-18-to-2023-07-19": names the downloads.
pub fn file_stem(c: &Comparison) -> String {
    let date = |d: &Option<String>, fallback: &str| d.clone().unwrap_or_else(|| fallback.into());
    format!(
        "report-compare-{}-to-{}",
        date(&c.before.date, "earlier"),
        date(&c.after.date, "later")
    )
}

#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    pub outcome: Rc<Outcome>,
}

#[function_component(Exports)]
pub fn exports(props: &OutcomeProps) -> Html {
    let error = use_state(|| None::<String>);
    // Every file is made in the worker (the page has no export code); a download starts
    // when its text comes back.
    let download = |kind: ExportKind| {
        let (outcome, error) = (props.outcome.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (outcome, error) = (outcome.clone(), error.clone());
            yew::platform::spawn_local(async move {
                let stem = file_stem(&outcome.applied);
                let (name, mime) = match kind {
                    ExportKind::Html => (format!("{stem}.html"), "text/html;charset=utf-8"),
                    ExportKind::Qdc => (format!("{stem}-codebook.qdc"), "application/xml"),
                    ExportKind::Markdown => (format!("{stem}.md"), "text/markdown;charset=utf-8"),
                    ExportKind::Csv => (format!("{stem}.csv"), "text/csv;charset=utf-8"),
                    ExportKind::Json => (format!("{stem}.json"), "application/json"),
                };
                // A codebook: the one the comparison was made with, its topics and the
                // themes discovered in these reports; the person's own themes marked.
                let books = match (kind, &outcome.codebook) {
                    (ExportKind::Qdc, Some(c)) => Some((c.book.as_str(), c.yours.as_str())),
                    _ => None,
                };
                let made = jobs::export(kind, &outcome.base, &outcome.overrides, books).await;
                error.set(match made {
                    Ok(text) => io::download(&name, mime, &text).err(),
                    Err(jobs::Stopped::Failed(reason)) => Some(reason),
                    Err(jobs::Stopped::Cancelled) => Some("The file was cancelled.".into()),
                    Err(jobs::Stopped::Crashed) => Some(format!(
                        "The file could not be made: {}. Try again.",
                        jobs::CRASH_REASON
                    )),
                });
            });
        })
    };
    // The Word file is made in the worker: the button says so while it works.
    let making = use_state(|| false);
    let word = {
        let (outcome, error, making) = (props.outcome.clone(), error.clone(), making.clone());
        Callback::from(move |_: MouseEvent| {
            if *making {
                return;
            }
            let (outcome, error, making) = (outcome.clone(), error.clone(), making.clone());
            making.set(true);
            error.set(None);
            yew::platform::spawn_local(async move {
                let made = jobs::docx(&outcome.base, &outcome.overrides).await;
                making.set(false);
                let name = format!("{}.docx", file_stem(&outcome.applied));
                error.set(match made {
                    Ok(bytes) => io::download_bytes(
                        &name,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        &bytes,
                    )
                    .err(),
                    Err(jobs::Stopped::Failed(reason)) => Some(reason),
                    Err(jobs::Stopped::Cancelled) => Some("The Word file was cancelled.".into()),
                    Err(jobs::Stopped::Crashed) => Some(format!(
                        "The Word file could not be made: {}. Try again.",
                        jobs::CRASH_REASON
                    )),
                });
            });
        })
    };
    let print = Callback::from(|_: MouseEvent| io::print());
    let corrected = !props.outcome.overrides.is_empty();
    html! {
        <section class="exports" aria-labelledby="exports-heading">
            <h2 id="exports-heading">{"Take it with you"}</h2>
            <p class="muted">
                {"Made here in your browser"}
                {if corrected { ", with your corrections marked." } else { "." }}
            </p>
            <div class="row-buttons">
                <button type="button" class="button" onclick={word} aria-busy={(*making).then_some("true")}
                    data-download-word="">
                    if *making { {"Making the Word file…"} } else { {"Word briefing (.docx)"} }
                </button>
                <button type="button" class="button" onclick={download(ExportKind::Html)}>{"Web page briefing (HTML)"}</button>
                <button type="button" class="button" onclick={download(ExportKind::Markdown)}>{"Briefing (Markdown)"}</button>
                <button type="button" class="button" onclick={download(ExportKind::Csv)}>{"Spreadsheet (CSV)"}</button>
                <button type="button" class="button" onclick={download(ExportKind::Json)}>{"Data (JSON)"}</button>
                <button type="button" class="button" onclick={download(ExportKind::Qdc)}>{"Codebook for NVivo, ATLAS.ti, MAXQDA (.qdc)"}</button>
                <button type="button" class="button" onclick={print}>{"Print or save as PDF"}</button>
            </div>
            if let Some(e) = &*error {
                <p class="error" role="alert">{e.clone()}</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CorrectionsProps {
    pub outcome: Rc<Outcome>,
    /// Some(index): undo one; None: undo all.
    pub on_undo: Callback<Option<usize>>,
}

/// The person's corrections, newest last, each with an undo button. (A plain function,
/// not a component: each component type brings some Yew code of its own to the bundle.)
pub fn corrections(props: &CorrectionsProps) -> Html {
    let o = &props.outcome;
    if o.overrides.is_empty() {
        return html! {};
    }
    let undo_all = {
        let cb = props.on_undo.clone();
        Callback::from(move |_: MouseEvent| cb.emit(None))
    };
    html! {
        <section class="corrections" aria-labelledby="corrections-heading">
            <h2 id="corrections-heading">{format!("Your corrections ({})", o.overrides.edits.len())}</h2>
            <p class="muted">{"Saved in this browser for these two files; they come back when you load the same files again."}</p>
            <ol>
                { for o.overrides.edits.iter().enumerate().map(|(i, edit)| {
                    let cb = props.on_undo.clone();
                    let undo = Callback::from(move |_: MouseEvent| cb.emit(Some(i)));
                    let stale = o.skipped.contains(&i);
                    html! {
                        <li>
                            <span>{overrides::describe(&o.base, edit)}</span>
                            if stale {
                                <span class="muted">{" (no longer fits these reports)"}</span>
                            }
                            {" "}
                            <button type="button" class="button link" onclick={undo}
                                aria-label={format!("Undo correction {}", i + 1)}>{"Undo"}</button>
                        </li>
                    }
                }) }
            </ol>
            <button type="button" class="button quiet" onclick={undo_all}>{"Undo all corrections"}</button>
        </section>
    }
}

/// The whole comparison for paper: summary, then each theme's verdict and quotes.
#[function_component(PrintReport)]
pub fn print_report(props: &OutcomeProps) -> Html {
    let o = &props.outcome;
    let c = &o.applied;
    // Rendered a task after the overview (it holds every finding): the overview shows
    // first, and neither render holds the main thread for long.
    let shown = use_state(|| None::<((u32, u32), u32)>);
    {
        let shown = shown.clone();
        use_effect_with((o.pair, o.revision), move |key| {
            let key = *key;
            yew::platform::spawn_local(async move {
                super::io::yield_now().await;
                shown.set(Some(key));
            });
        });
    }
    if *shown != Some((o.pair, o.revision)) {
        return html! { <div class="print-only" aria-hidden="true"></div> };
    }
    html! {
        <div class="print-only" aria-hidden="true">
            <h1>{"What changed between two reports"}</h1>
            <p><strong>{"Earlier: "}</strong>{side_label(&c.before)}<br /><strong>{"Later: "}</strong>{side_label(&c.after)}</p>
            if !c.ratings.is_empty() {
                <table class="print-ratings">
                    <thead><tr><th>{"Area"}</th><th>{"Earlier"}</th><th>{"Later"}</th><th>{"Change"}</th></tr></thead>
                    <tbody>
                        { for c.ratings.iter().map(|r| html! {
                            <tr>
                                <td>{r.area.clone()}</td>
                                <td>{r.before.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>{r.after.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>{r.verdict.clone()}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <h2>{"Summary"}</h2>
            <p>{export::headline(c)}{"."}</p>
            <ul class="print-summary">
                { for c.themes.iter().map(|t| html! {
                    <li>{verdict_badge(t.verdict, false)}{" "}{t.label.clone()}</li>
                }) }
            </ul>
            { for c.themes.iter().map(|t| print_theme(o, c, t)) }
            if !o.overrides.is_empty() {
                <section class="print-theme">
                    <h2>{"Corrections made by the reviewer"}</h2>
                    <ol>
                        { for o.overrides.edits.iter().map(|e| html! { <li>{overrides::describe(&o.base, e)}</li> }) }
                    </ol>
                </section>
            }
            <p class="print-foot">{"Made with report-compare. Verdicts are read from the reports’ wording; check the quotes."}</p>
        </div>
    }
}

fn print_theme(o: &Outcome, c: &Comparison, t: &ThemeResult) -> Html {
    let set = o.overrides.theme_verdict(&t.id);
    let topics_line = if t.topics.is_empty() {
        String::new()
    } else {
        format!("{}: ", plural(t.topics.len(), "topic", "topics"))
    };
    let (both, new, dropped) = ordered_topics(t);
    html! {
        <section class="print-theme">
            <h2>{t.label.clone()}{" — "}{verdict_short(t.verdict)}
                if set.is_some() { {" (set by the reviewer)"} }
            </h2>
            if let Some((_, Some(note))) = set {
                <p class="note">{"Reviewer’s note: "}{note.to_string()}</p>
            }
            <p class="muted">{format!("{topics_line}{} earlier, {} later.", plural(t.before_count, "finding", "findings"), t.after_count)}</p>
            if t.topics.is_empty() {
                <ul>
                    { for t.links.iter().map(|l| print_link(c, l)) }
                </ul>
            } else {
                <ul>
                    { for both.iter().map(|x| print_topic(c, x)) }
                    { for new.iter().map(|x| print_lone_topic(c, x, &x.after)) }
                    { for dropped.iter().map(|x| print_lone_topic(c, x, &x.before)) }
                </ul>
            }
        </section>
    }
}

/// A two-sided topic on paper: label, verdict and why, its strongest pair, and any pair
/// the reviewer corrected.
fn print_topic(c: &Comparison, x: &Topic) -> Html {
    let shown: Vec<&Link> = x
        .pairs
        .iter()
        .enumerate()
        .filter(|(i, l)| *i == 0 || l.overridden)
        .map(|(_, l)| l)
        .collect();
    let more = (x.before.len() + x.after.len()).saturating_sub(2 * shown.len());
    html! {
        <li class="print-topic">
            <strong>{x.label.clone()}</strong>{" — "}{export::verdict_words(x.verdict)}
            if x.overridden {
                {" (set by the reviewer"}
                if let Some(note) = &x.note { {format!(": “{note}”")} }
                {")"}
            } else if !x.why.is_empty() { {format!(" ({})", x.why)} }
            <ul>
                { for shown.iter().map(|l| print_link(c, l)) }
            </ul>
            if more > 0 {
                <p class="muted">{format!("And {} more on this topic.", plural(more, "finding", "findings"))}</p>
            }
        </li>
    }
}

/// A topic only one report discusses: label, verdict, its first quote.
fn print_lone_topic(c: &Comparison, x: &Topic, ids: &[String]) -> Html {
    let first = ids.first().and_then(|id| finding(c, Some(id)));
    html! {
        <li class="print-topic">
            <strong>{x.label.clone()}</strong>{" — "}{export::verdict_words(x.verdict)}
            if let Some(f) = first {
                <p class="q">{format!("“{}”", f.text)}</p>
            }
            if ids.len() > 1 {
                <p class="muted">{format!("And {} more on this topic.", plural(ids.len() - 1, "finding", "findings"))}</p>
            }
        </li>
    }
}

fn print_link(c: &Comparison, l: &Link) -> Html {
    let quote = |id: Option<&str>, label: &str| match finding(c, id) {
        Some(f) => html! { <p class="q"><strong>{label}</strong>{format!("“{}”", f.text)}</p> },
        None => html! {},
    };
    html! {
        <li>
            <strong>{export::verdict_words(l.verdict)}</strong>
            if weak_match(l) { {" — weak match"} }
            if l.caveat.is_some() { {" — council’s own statement"} }
            if l.overridden { {" — corrected by the reviewer"} }
            {quote(l.before.as_deref(), "Earlier: ")}
            {quote(l.after.as_deref(), "Later: ")}
            if let Some(note) = &l.note {
                <p class="note">{"Reviewer’s note: "}{note.clone()}</p>
            }
        </li>
    }
}
